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

#endif
