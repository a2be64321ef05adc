/* cli.c: option parsing and error printing shared by every subcommand. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

gboolean cli_parse(GOptionContext *ctx, const char *command, int *argc, char ***argv)
{
    GError *error = NULL;
    char *prgname = g_strdup_printf("gongwen %s", command);
    g_set_prgname(prgname);
    g_free(prgname);
    if (g_option_context_parse(ctx, argc, argv, &error))
        return TRUE;
    fprintf(stderr, "gongwen %s: %s (see 'gongwen %s --help')\n", command, error->message, command);
    g_error_free(error);
    return FALSE;
}

void cli_report(GError *error)
{
    fprintf(stderr, "gongwen: %s\n", error->message);
    g_error_free(error);
}

void cli_print_warnings(const GwDocument *doc)
{
    for (guint i = 0; i < gw_document_n_warnings(doc); i++)
        fprintf(stderr, "gongwen: note: %s\n", gw_document_get_warning(doc, i));
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "gongwen %s: %s (see 'gongwen %s --help')\n", command, msg, command);
    g_free(msg);
    return EXIT_USAGE;
}

GwReadOptions *cli_read_options(const char *encoding, const char *select)
{
    GwReadOptions *o = gw_read_options_new();
    if (encoding)
        gw_read_options_set_encoding(o, encoding);
    if (select)
        gw_read_options_set_select(o, select);
    return o;
}

gboolean cli_input_format(const char *command, const char *from, GwFormat *format)
{
    *format = from ? gw_format_from_name(from) : GW_FORMAT_UNKNOWN;
    if (from && *format != GW_FORMAT_TEXT && *format != GW_FORMAT_HTML && *format != GW_FORMAT_DOCX) {
        cli_usage_error(command, "unknown input format '%s' (txt, html or docx)", from);
        return FALSE;
    }
    return TRUE;
}

/* "1", "true", "yes" (any case) or "0", "false", "no"; -1 for anything else. */
static int parse_bool(const char *s)
{
    static const char *const yes[] = { "1", "true", "yes" }, *const no[] = { "0", "false", "no" };
    for (guint i = 0; s && i < G_N_ELEMENTS(yes); i++) {
        if (g_ascii_strcasecmp(s, yes[i]) == 0)
            return 1;
        if (g_ascii_strcasecmp(s, no[i]) == 0)
            return 0;
    }
    return -1;
}

gboolean cli_default_pdfa(void)
{
    int env = parse_bool(g_getenv("GONGWEN_PDFA"));
    if (env >= 0)
        return env;
    char *path = g_build_filename(g_get_user_config_dir(), "gongwen", "gongwen.conf", NULL);
    GKeyFile *conf = g_key_file_new();
    gboolean pdfa = g_key_file_load_from_file(conf, path, G_KEY_FILE_NONE, NULL) &&
                    g_key_file_get_boolean(conf, "pdf", "pdfa", NULL);
    g_key_file_free(conf);
    g_free(path);
    return pdfa;
}

gboolean cli_limits_from_env(void)
{
    const char *spec = g_getenv("GONGWEN_LIMITS");
    GError *error = NULL;
    if (!spec || gw_limits_parse(spec, &error))
        return TRUE;
    fprintf(stderr, "gongwen: GONGWEN_LIMITS: %s\n", error->message);
    g_error_free(error);
    return FALSE;
}

gboolean cli_limit_option(const char *option, const char *value, gpointer data, GError **error)
{
    (void) option;
    (void) data;
    return gw_limits_parse(value, error);
}

/* The messages are built before any signal can come: a handler may only
 * call async-signal-safe functions. */
static const struct {
    int sig;
    const char *message;
} stop_signals[] = {
    { SIGTERM, "gongwen: stopped by SIGTERM; unfinished output removed\n" },
    { SIGINT, "gongwen: stopped by SIGINT; unfinished output removed\n" },
    { SIGHUP, "gongwen: stopped by SIGHUP; unfinished output removed\n" },
};

static void on_stop_signal(int sig)
{
    gw_output_cleanup_all();
    for (guint i = 0; i < G_N_ELEMENTS(stop_signals); i++)
        if (stop_signals[i].sig == sig && write(STDERR_FILENO, stop_signals[i].message, strlen(stop_signals[i].message)))
            break;
    _exit(128 + sig);
}

void cli_handle_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigfillset(&sa.sa_mask); /* one handler at a time */
    for (guint i = 0; i < G_N_ELEMENTS(stop_signals); i++)
        sigaction(stop_signals[i].sig, &sa, NULL);
    signal(SIGXFSZ, SIG_IGN);
}
