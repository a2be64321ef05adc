/* stamp.c: gongwen stamp --register R FILES... -o OUTDIR: copies of the
 * documents marked with their validity status. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include "cli.h"

typedef struct {
    char *output, *regpath, *as_of, *rules, *sheet;
} StampArgs;

static void stamp_args_clear(StampArgs *a)
{
    g_free(a->output);
    g_free(a->regpath);
    g_free(a->as_of);
    g_free(a->rules);
    g_free(a->sheet);
}

/* Whether two paths name the same file (the output would replace the input). */
static gboolean same_file(const char *a, const char *b)
{
    GStatBuf sa, sb;
    return g_stat(a, &sa) == 0 && g_stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

typedef enum { DOC_STAMPED, DOC_UNMATCHED, DOC_FAILED } DocResult;

static DocResult stamp_one(const GwRegister *reg, const GwRules *rules, const GDate *as_of, const char *input,
                           const char *outdir)
{
    GError *error = NULL;
    GwEntry *entry = gw_register_match_file(reg, input, &error);
    if (!entry) {
        if (error) {
            cli_report(error);
            return DOC_FAILED;
        }
        fprintf(stderr, "gongwen stamp: unmatched: %s (no 文号 or title of the register found)\n", input);
        return DOC_UNMATCHED;
    }
    char *base = g_path_get_basename(input);
    char *output = g_build_filename(outdir, base, NULL);
    g_free(base);
    DocResult result = DOC_FAILED;
    if (same_file(input, output))
        fprintf(stderr, "gongwen stamp: %s: the output would replace the original; choose another -o folder\n", input);
    else if (!gw_stamp_file(input, output, entry, rules, as_of, &error))
        cli_report(error);
    else {
        GwStatus status = gw_entry_status(entry, rules, as_of, NULL, NULL);
        printf("%s\t%s\t%s\n", output, gw_entry_get(entry, GW_FIELD_NUMBER), gw_status_label(status));
        result = DOC_STAMPED;
    }
    g_free(output);
    return result;
}

static int run(const StampArgs *a, int n_files, char **files, const GDate *as_of)
{
    GError *error = NULL;
    GwRules *rules = gw_rules_new();
    GwRegister *reg = NULL;
    if ((a->rules && !gw_rules_load(rules, a->rules, &error)) || !(reg = gw_register_read(a->regpath, a->sheet, &error))) {
        cli_report(error);
        gw_rules_free(rules);
        return EXIT_FAILED;
    }
    for (guint i = 0; i < gw_register_n_problems(reg); i++)
        fprintf(stderr, "gongwen stamp: %s\n", gw_register_get_problem(reg, i));
    int rc = EXIT_OK;
    gboolean have_dir = g_mkdir_with_parents(a->output, 0755) == 0;
    if (!have_dir) {
        int err = errno;
        fprintf(stderr, "gongwen: %s: cannot create folder: %s\n", a->output, g_strerror(err));
        rc = EXIT_FAILED;
    }
    guint unmatched = 0;
    for (int i = 0; have_dir && i < n_files; i++) { /* a failure does not stop the others */
        DocResult r = stamp_one(reg, rules, as_of, files[i], a->output);
        unmatched += r == DOC_UNMATCHED;
        if (r == DOC_FAILED)
            rc = EXIT_FAILED;
    }
    if (unmatched)
        fprintf(stderr, "gongwen stamp: %u of %d documents matched no register row and were not copied\n", unmatched,
                n_files);
    gw_register_free(reg);
    gw_rules_free(rules);
    return rc;
}

int cmd_stamp(int argc, char **argv)
{
    StampArgs a = { 0 };
    GOptionEntry entries[] = {
        { "register", 'R', 0, G_OPTION_ARG_FILENAME, &a.regpath, "the register (.csv or .xlsx)", "FILE" },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output, "folder for the stamped copies (same file names)", "DIR" },
        { "as-of", 'd', 0, G_OPTION_ARG_STRING, &a.as_of, "status as of this date (default: today)", "DATE" },
        { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &a.rules, "override the default rules with a key file", "FILE" },
        { "sheet", 's', 0, G_OPTION_ARG_STRING, &a.sheet, "XLSX register: the sheet, by name or number", "NAME|N" },
        CLI_LIMIT_ENTRY,
        { NULL }
    };
    GOptionContext *ctx = g_option_context_new("FILE... - stamp DOCX/PDF documents with their validity status");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(
        ctx, "Documents no longer in force get a red notice on page one (and a diagonal mark on every PDF page);\n"
             "every copy gets the status in its metadata.  Originals are never changed.\n"
             "Unmatched documents are listed on standard error and are not an error.\n"
             "Exit status: 0 success, 1 a document or the register could not be handled, 2 usage error.\n"
             "See gongwen-stamp(1).");
    int rc = EXIT_USAGE;
    GDate as_of;
    g_date_clear(&as_of, 1);
    if (!cli_parse(ctx, "stamp", &argc, &argv))
        goto out;
    if (!a.regpath)
        rc = cli_usage_error("stamp", "no register given (--register FILE)");
    else if (!a.output)
        rc = cli_usage_error("stamp", "no output folder given (-o DIR)");
    else if (argc < 2)
        rc = cli_usage_error("stamp", "no documents given");
    else if (a.as_of && !gw_parse_date(a.as_of, &as_of))
        rc = cli_usage_error("stamp", "--as-of '%s' is not a date (e.g. 2024-06-30)", a.as_of);
    else {
        if (!a.as_of)
            g_date_set_time_t(&as_of, time(NULL));
        rc = run(&a, argc - 1, argv + 1, &as_of);
    }
out:
    g_option_context_free(ctx);
    stamp_args_clear(&a);
    return rc;
}
