/* gongwen.c: the gongwen command: dispatch to one subcommand per file. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const GwCommand commands[] = {
    { "convert", cmd_convert, "convert a document between text, HTML, DOCX, JSON, PDF and PNG" },
    { "validity", cmd_validity, "status of normative documents from a register; report counts; citations" },
    { "stamp", cmd_stamp, "mark copies of DOCX/PDF documents with their validity status" },
    { "batch", cmd_batch, "convert a folder tree in parallel, incrementally, with a checksum manifest" },
    { "report", cmd_report, "annual report: write the blank statistics file of tables 二, 三, 四" },
    { "check", cmd_check, "annual report: check the tables' sums and the figures in the text" },
    { "info", cmd_info, "pages, fonts, metadata, PDF/A claim and validity status of PDF/DOCX files" },
};

static void print_help(FILE *out)
{
    fprintf(out, "Usage: gongwen COMMAND [OPTION...]\n\n"
                 "Official documents (公文): DOCX, PDF per GB/T 9704, validity of normative documents.\n\n"
                 "Commands:\n");
    for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nOptions:\n  -h, --help     show this help\n  --version      show the version\n\n"
                 "'gongwen COMMAND --help' describes a command.  Exit status: 0 success, 1 an input\n"
                 "could not be converted, 2 usage error.  See gongwen(1).\n");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("gongwen %s\n", gw_version());
        return EXIT_OK;
    }
    cli_handle_signals();
    if (!cli_limits_from_env())
        return EXIT_USAGE;
    for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "gongwen: unknown command '%s' (see 'gongwen --help')\n", argv[1]);
    return EXIT_USAGE;
}
