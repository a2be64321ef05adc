/* cli.c: option parsing and error printing shared by every subcommand. */
#include <stdio.h>
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
