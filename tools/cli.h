/* cli.h: what the subcommands of the gongwen tool share. */
#ifndef GW_CLI_H
#define GW_CLI_H

#include <glib.h>
#include "gongwen/gongwen.h"

/* Exit codes (gongwen(1)). */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} GwCommand;

/* Parse options; on error print "gongwen NAME: message" and return FALSE. */
gboolean cli_parse(GOptionContext *ctx, const char *command, int *argc, char ***argv);
/* Print "gongwen: message" for an error (and free it). */
void cli_report(GError *error);
/* Print the document's warnings to stderr, prefixed "gongwen: note: ". */
void cli_print_warnings(const GwDocument *doc);
/* Print an error about usage and return EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Reader options from --encoding and --select (either may be NULL). */
GwReadOptions *cli_read_options(const char *encoding, const char *select);
/* The input format named by --from (NULL: GW_FORMAT_UNKNOWN, i.e. by
 * extension); FALSE after printing a usage error for a format gongwen
 * cannot read. */
gboolean cli_input_format(const char *command, const char *from, GwFormat *format);
/* Whether PDF output is PDF/A-2b unless an option says otherwise: the
 * environment variable GONGWEN_PDFA (1/true/yes or 0/false/no), else key
 * pdfa in group [pdf] of $XDG_CONFIG_HOME/gongwen/gongwen.conf. */
gboolean cli_default_pdfa(void);
/* Limits on inputs (SECURITY.md): GONGWEN_LIMITS="name=value,..." from the
 * environment, then --limit NAME=VALUE options, which win. */
gboolean cli_limits_from_env(void);
gboolean cli_limit_option(const char *option, const char *value, gpointer data, GError **error);
#define CLI_LIMIT_ENTRY                                                                                       \
    { "limit", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) cli_limit_option,                                   \
      "change a limit on inputs, e.g. part-bytes=512M (repeatable; see gongwen(1))", "NAME=VALUE" }

/* SIGTERM, SIGINT and SIGHUP remove the temp files of unfinished outputs
 * and exit with 128 + the signal; SIGXFSZ is ignored, so that a file-size
 * limit is a write error ("File too large") rather than a crash. */
void cli_handle_signals(void);

int cmd_convert(int argc, char **argv);
int cmd_validity(int argc, char **argv);
int cmd_stamp(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_info(int argc, char **argv);

#endif
