/* check.c: gongwen check FILE: do the annual report's tables add up, and
 * agree with its text? */
#include <stdio.h>
#include "cli.h"

typedef struct {
    char *stats, *from, *encoding, *select;
    gboolean quiet;
} CheckArgs;

static void check_args_clear(CheckArgs *a)
{
    g_free(a->stats);
    g_free(a->from);
    g_free(a->encoding);
    g_free(a->select);
}

/* Prints one finding a line; returns the exit status. */
static int print_findings(const char *path, const GwReportCheck *check, gboolean quiet)
{
    guint n = gw_report_check_n_findings(check), errors = gw_report_check_n_errors(check);
    for (guint i = 0; i < n; i++) {
        gboolean error = gw_report_check_get_severity(check, i) == GW_FINDING_ERROR;
        if (error || !quiet)
            printf("%s: %s: %s\n", path, error ? "error" : "warning", gw_report_check_get_message(check, i));
    }
    if (!quiet)
        fprintf(stderr, "gongwen check: %s: %u error%s, %u warning%s\n", path, errors, errors == 1 ? "" : "s",
                n - errors, n - errors == 1 ? "" : "s");
    return errors ? EXIT_FAILED : EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
    CheckArgs a = { 0 };
    GOptionEntry entries[] = {
        { "stats", 0, 0, G_OPTION_ARG_FILENAME, &a.stats, "statistics file: supplies the tables the document lacks, and is compared with those it has", "FILE" },
        { "from", 'f', 0, G_OPTION_ARG_STRING, &a.from, "input format: txt, html, docx (default: by extension)", "FMT" },
        { "encoding", 0, 0, G_OPTION_ARG_STRING, &a.encoding, "input encoding of text/HTML, e.g. GB18030 (default: detect)", "NAME" },
        { "select", 0, 0, G_OPTION_ARG_STRING, &a.select, "HTML: id or class of the article body", "NAME" },
        { "quiet", 'q', 0, G_OPTION_ARG_NONE, &a.quiet, "print errors only, and no summary", NULL },
        { NULL }
    };
    GOptionContext *ctx = g_option_context_new("FILE - check the tables of an annual report (政府信息公开工作年度报告)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, "Prints one finding a line: the section, row, column and both values.\n"
                                          "Exit status: 0 no errors, 1 errors found or FILE unreadable, 2 usage error.\n"
                                          "See gongwen-check(1).");
    int rc = EXIT_USAGE;
    GwFormat from;
    if (!cli_parse(ctx, "check", &argc, &argv))
        goto out;
    if (argc != 2) {
        rc = cli_usage_error("check", argc < 2 ? "no input file given" : "more than one input file given");
        goto out;
    }
    if (!cli_input_format("check", a.from, &from))
        goto out;
    rc = EXIT_FAILED;
    GError *error = NULL;
    GwReportStats *stats = NULL;
    if (a.stats && !(stats = gw_report_stats_load(a.stats, &error))) {
        cli_report(error);
        goto out;
    }
    GwReadOptions *ro = cli_read_options(a.encoding, a.select);
    GwDocument *doc = gw_read_file(argv[1], from, ro, &error);
    gw_read_options_free(ro);
    if (!doc) {
        cli_report(error);
    } else {
        if (!a.quiet)
            cli_print_warnings(doc);
        GwReportCheck *check = gw_report_check(doc, stats);
        rc = print_findings(argv[1], check, a.quiet);
        gw_report_check_free(check);
        gw_document_free(doc);
    }
    gw_report_stats_free(stats);
out:
    g_option_context_free(ctx);
    check_args_clear(&a);
    return rc;
}
