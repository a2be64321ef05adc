/* report.c: gongwen report template: the blank statistics file of the
 * annual report's tables 二, 三 and 四. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static int report_template(int argc, char **argv)
{
    char *format_name = NULL, *output = NULL;
    GOptionEntry entries[] = {
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, "2021 (国办公开办函〔2021〕30号, default) or 2019", "YEAR" },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "write to FILE (default: standard output)", "FILE" },
        { NULL }
    };
    GOptionContext *ctx = g_option_context_new("- write a commented blank statistics file");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, "See gongwen-report(1) for the file's format.");
    int rc = EXIT_USAGE;
    GwReportFormat format = GW_REPORT_FORMAT_2021;
    if (!cli_parse(ctx, "report template", &argc, &argv))
        goto out;
    if (argc > 1) {
        rc = cli_usage_error("report template", "unexpected argument '%s'", argv[1]);
        goto out;
    }
    if (format_name && !gw_report_format_from_name(format_name, &format)) {
        rc = cli_usage_error("report template", "--format '%s' is neither 2021 nor 2019", format_name);
        goto out;
    }
    char *text = gw_report_template(format);
    GError *error = NULL;
    rc = EXIT_OK;
    if (!output || strcmp(output, "-") == 0)
        fputs(text, stdout);
    else if (!gw_output_write_file(output, text, strlen(text), &error)) {
        cli_report(error);
        rc = EXIT_FAILED;
    }
    g_free(text);
out:
    g_option_context_free(ctx);
    g_free(format_name);
    g_free(output);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "template") == 0)
        return report_template(argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("Usage: gongwen report template [--format 2021|2019] [-o FILE]\n\n"
               "The annual report on government information disclosure (政府信息公开工作年度报告).\n\n"
               "  template   write a commented blank statistics file for tables 二, 三 and 四\n\n"
               "Fill it in, then 'gongwen convert report.txt --stats stats.ini -o report.docx'\n"
               "puts the tables under their headings, and 'gongwen check' verifies them.\n"
               "See gongwen-report(1).\n");
        return EXIT_OK;
    }
    return cli_usage_error("report", argc < 2 ? "no subcommand given (template)" : "unknown subcommand '%s'",
                           argc < 2 ? "" : argv[1]);
}
