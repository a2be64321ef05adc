/* validity.c: gongwen validity REGISTER: status of each document as of a
 * date, the yearly counts of report table 二, and citations of documents
 * that were no longer in force. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

typedef struct {
    char *output, *as_of, *rules, *sheet, *citations;
    int year;
} ValidityArgs;

static void validity_args_clear(ValidityArgs *a)
{
    g_free(a->output);
    g_free(a->as_of);
    g_free(a->rules);
    g_free(a->sheet);
    g_free(a->citations);
}

static void print_year(const GwRegister *reg, const GwRules *rules, int year)
{
    GwYearCounts c;
    gw_register_count_year(reg, rules, year, &c);
    printf("本年制发件数\t%u\n本年废止件数\t%u\n现行有效件数\t%u\n", c.issued, c.repealed, c.in_force);
    if (c.invalid)
        fprintf(stderr, "gongwen validity: note: %u rows with problems are not counted\n", c.invalid);
}

static gboolean print_citations(const GwRegister *reg, const GwRules *rules, const char *dir)
{
    GError *error = NULL;
    GPtrArray *skipped = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *found = gw_check_citations(reg, rules, dir, skipped, &error);
    for (guint i = 0; i < skipped->len; i++)
        fprintf(stderr, "gongwen validity: note: skipped %s\n", (const char *) skipped->pdata[i]);
    g_ptr_array_unref(skipped);
    if (!found) {
        cli_report(error);
        return FALSE;
    }
    for (guint i = 0; i < found->len; i++) {
        const GwCitation *c = found->pdata[i];
        char *date = gw_date_format_iso(&c->date);
        printf("%s\t%s\t%s\t%s（%s）\t%s\t%s\n", c->file, c->number, gw_status_label(c->status), date, c->date_from,
               gw_entry_get(c->cited, GW_FIELD_TITLE), c->reason);
        g_free(date);
    }
    g_ptr_array_unref(found);
    return TRUE;
}

static int run(ValidityArgs *a, const char *path, const GDate *as_of)
{
    GError *error = NULL;
    GwRules *rules = gw_rules_new();
    if (a->rules && !gw_rules_load(rules, a->rules, &error)) {
        cli_report(error);
        gw_rules_free(rules);
        return EXIT_FAILED;
    }
    GwRegister *reg = gw_register_read(path, a->sheet, &error);
    if (!reg) {
        cli_report(error);
        gw_rules_free(rules);
        return EXIT_FAILED;
    }
    for (guint i = 0; i < gw_register_n_problems(reg); i++)
        fprintf(stderr, "gongwen validity: %s\n", gw_register_get_problem(reg, i));
    int rc = EXIT_OK;
    if (a->output && !gw_register_write(reg, rules, as_of, a->output, &error)) {
        cli_report(error);
        rc = EXIT_FAILED;
    }
    if (a->year)
        print_year(reg, rules, a->year);
    if (a->citations && !print_citations(reg, rules, a->citations))
        rc = EXIT_FAILED;
    gw_register_free(reg);
    gw_rules_free(rules);
    return rc;
}

int cmd_validity(int argc, char **argv)
{
    ValidityArgs a = { 0 };
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
          "write the register with 状态/状态起始日期/依据 to FILE (.csv, .json, .xlsx; '-' CSV to standard output)", "FILE" },
        { "as-of", 'd', 0, G_OPTION_ARG_STRING, &a.as_of, "status as of this date (default: today)", "DATE" },
        { "year", 'y', 0, G_OPTION_ARG_INT, &a.year, "print 本年制发件数, 本年废止件数, 现行有效件数 (as of 31 December)", "YEAR" },
        { "check-citations", 'c', 0, G_OPTION_ARG_FILENAME, &a.citations,
          "list citations, in the .txt/.docx/.pdf files under DIR, of documents not in force on the citing date", "DIR" },
        { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &a.rules, "override the default rules with a key file (see the manual)", "FILE" },
        { "sheet", 's', 0, G_OPTION_ARG_STRING, &a.sheet, "XLSX: the sheet to read, by name or number (default: first)", "NAME|N" },
        CLI_LIMIT_ENTRY,
        { NULL }
    };
    GOptionContext *ctx = g_option_context_new("REGISTER - validity status of normative documents (.csv or .xlsx)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(
        ctx, "Without --year or --check-citations the tagged register goes to standard output as CSV.\n"
             "Rows with problems are reported on standard error and tagged 无法判定; the others are not affected.\n"
             "Exit status: 0 success, 1 the register or an output could not be handled, 2 usage error.\n"
             "See gongwen-validity(1).");
    int rc = EXIT_USAGE;
    GDate as_of;
    g_date_clear(&as_of, 1);
    if (!cli_parse(ctx, "validity", &argc, &argv))
        goto out;
    if (argc != 2) {
        rc = cli_usage_error("validity", argc < 2 ? "no register given" : "more than one register given");
        goto out;
    }
    if (a.as_of && !gw_parse_date(a.as_of, &as_of)) {
        rc = cli_usage_error("validity", "--as-of '%s' is not a date (e.g. 2024-06-30)", a.as_of);
        goto out;
    }
    if (a.year < 0 || a.year > 9999) {
        rc = cli_usage_error("validity", "--year %d is not a year", a.year);
        goto out;
    }
    if (!a.as_of)
        g_date_set_time_t(&as_of, time(NULL));
    if (!a.output && !a.year && !a.citations)
        a.output = g_strdup("-");
    rc = run(&a, argv[1], &as_of);
out:
    g_option_context_free(ctx);
    validity_args_clear(&a);
    return rc;
}
