/* convert.c: gongwen convert INPUT -o OUTPUT. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

typedef struct {
    char *output, *from, *to, *encoding, *select, *stats;
    char *title, *issuer, *date, *number;
    int page;
    double dpi;
    gboolean pdfa, no_pdfa, timings;
} ConvertArgs;

static void convert_args_clear(ConvertArgs *a)
{
    g_free(a->output);
    g_free(a->from);
    g_free(a->to);
    g_free(a->encoding);
    g_free(a->select);
    g_free(a->stats);
    g_free(a->title);
    g_free(a->issuer);
    g_free(a->date);
    g_free(a->number);
}

static gboolean valid_date(const char *s)
{
    int y, m, d;
    char tail;
    return sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && g_date_valid_dmy(d, m, y);
}

static GwReadOptions *read_options_from(const ConvertArgs *a)
{
    GwReadOptions *o = cli_read_options(a->encoding, a->select);
    const struct {
        const char *key, *value;
    } meta[] = { { "title", a->title }, { "issuer", a->issuer }, { "date", a->date }, { "number", a->number } };
    for (guint i = 0; i < G_N_ELEMENTS(meta); i++)
        if (meta[i].value)
            gw_read_options_set_meta(o, meta[i].key, meta[i].value);
    return o;
}

/* The input file's name and SHA-256, for the output's metadata. */
static void set_source(GwDocument *doc, const char *input)
{
    char *name = g_path_get_basename(input);
    gw_document_set_meta(doc, "source", name);
    g_free(name);
    GMappedFile *file = g_mapped_file_new(input, FALSE, NULL);
    if (!file)
        return;
    char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *) g_mapped_file_get_contents(file),
                                            g_mapped_file_get_length(file));
    gw_document_set_meta(doc, "source_sha256", sum);
    g_free(sum);
    g_mapped_file_unref(file);
}

static gboolean write_output(GwDocument *doc, const ConvertArgs *a, GwFormat to, GError **error)
{
    GwRenderOptions *ro;
    gboolean ok;
    switch (to) {
    case GW_FORMAT_DOCX:
        return gw_write_docx(doc, a->output, error);
    case GW_FORMAT_TEXT:
        return gw_write_text(doc, a->output, error);
    case GW_FORMAT_JSON:
        return gw_write_json(doc, a->output, error);
    case GW_FORMAT_PDF:
    case GW_FORMAT_PNG:
        ro = gw_render_options_new();
        gw_render_options_set_page(ro, a->page);
        if (a->dpi > 0)
            gw_render_options_set_dpi(ro, a->dpi);
        gw_render_options_set_pdfa(ro, a->pdfa || (!a->no_pdfa && cli_default_pdfa()));
        ok = to == GW_FORMAT_PDF ? gw_render_pdf(doc, a->output, ro, NULL, error)
                                 : gw_render_png(doc, a->output, ro, NULL, error);
        gw_render_options_free(ro);
        return ok;
    default:
        g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED, "%s: gongwen cannot write %s", a->output,
                    gw_format_name(to));
        return FALSE;
    }
}

static gboolean insert_report_tables(GwDocument *doc, const char *stats_path, GError **error)
{
    GwReportStats *stats = gw_report_stats_load(stats_path, error);
    gboolean ok = stats && gw_report_insert_tables(doc, stats, error);
    gw_report_stats_free(stats);
    return ok;
}

int cmd_convert(int argc, char **argv)
{
    ConvertArgs a = { 0 };
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output, "write to FILE ('-' for standard output)", "FILE" },
        { "from", 'f', 0, G_OPTION_ARG_STRING, &a.from, "input format: txt, html, docx (default: by extension)", "FMT" },
        { "to", 't', 0, G_OPTION_ARG_STRING, &a.to, "output format: docx, pdf, png, txt, json (default: by extension)", "FMT" },
        { "title", 0, 0, G_OPTION_ARG_STRING, &a.title, "document title (标题)", "TEXT" },
        { "issuer", 0, 0, G_OPTION_ARG_STRING, &a.issuer, "issuing body (发文机关)", "TEXT" },
        { "date", 0, 0, G_OPTION_ARG_STRING, &a.date, "date of the document (成文日期)", "YYYY-MM-DD" },
        { "number", 0, 0, G_OPTION_ARG_STRING, &a.number, "document number (文号)", "TEXT" },
        { "encoding", 0, 0, G_OPTION_ARG_STRING, &a.encoding, "input encoding of text/HTML, e.g. GB18030 (default: detect)", "NAME" },
        { "select", 0, 0, G_OPTION_ARG_STRING, &a.select, "HTML: id or class of the article body", "NAME" },
        { "stats", 0, 0, G_OPTION_ARG_FILENAME, &a.stats, "annual report: put tables 二, 三, 四 from this statistics file under their headings (gongwen-report(1))", "FILE" },
        { "page", 0, 0, G_OPTION_ARG_INT, &a.page, "PNG: draw only page N (default: all, as NAME-N.png)", "N" },
        { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &a.dpi, "PNG resolution (default 96)", "DPI" },
        { "pdfa", 0, 0, G_OPTION_ARG_NONE, &a.pdfa, "write PDF/A-2b (default: GONGWEN_PDFA, gongwen.conf)", NULL },
        { "no-pdfa", 0, 0, G_OPTION_ARG_NONE, &a.no_pdfa, "write plain PDF whatever the default", NULL },
        CLI_LIMIT_ENTRY,
        { "timings", 0, 0, G_OPTION_ARG_NONE, &a.timings, "print how long reading and writing took on standard error", NULL },
        { NULL }
    };
    GOptionContext *ctx = g_option_context_new("INPUT - convert a document");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, "Formats come from the file names unless --from/--to say otherwise.\n"
                                          "Exit status: 0 success, 1 conversion failed, 2 usage error.\n"
                                          "See gongwen-convert(1).");
    int rc = EXIT_USAGE;
    if (!cli_parse(ctx, "convert", &argc, &argv))
        goto out;
    if (argc != 2) {
        rc = cli_usage_error("convert", argc < 2 ? "no input file given" : "more than one input file given");
        goto out;
    }
    if (!a.output) {
        rc = cli_usage_error("convert", "no output given (-o FILE)");
        goto out;
    }
    if (a.date && !valid_date(a.date)) {
        rc = cli_usage_error("convert", "--date '%s' is not a date of the form YYYY-MM-DD", a.date);
        goto out;
    }
    GwFormat from, to = a.to ? gw_format_from_name(a.to) : gw_format_from_path(a.output);
    if (!cli_input_format("convert", a.from, &from))
        goto out;
    if (to == GW_FORMAT_UNKNOWN || to == GW_FORMAT_HTML) {
        rc = a.to ? cli_usage_error("convert", "unknown output format '%s' (docx, pdf, png, txt or json)", a.to)
                  : cli_usage_error("convert", "cannot tell the output format of '%s': use --to", a.output);
        goto out;
    }
    GError *error = NULL;
    GwReadOptions *ro = read_options_from(&a);
    gint64 start = g_get_monotonic_time();
    GwDocument *doc = gw_read_file(argv[1], from, ro, &error);
    gint64 read = g_get_monotonic_time();
    gw_read_options_free(ro);
    rc = EXIT_FAILED;
    if (!doc) {
        cli_report(error);
        goto out;
    }
    set_source(doc, argv[1]);
    gboolean ok = !a.stats || insert_report_tables(doc, a.stats, &error);
    if (ok)
        ok = write_output(doc, &a, to, &error);
    if (a.timings)
        fprintf(stderr, "gongwen: read %s in %.3f ms, wrote %s in %.3f ms\n", argv[1], (read - start) / 1000.0,
                a.output, (g_get_monotonic_time() - read) / 1000.0);
    if (ok) /* a failure is one line: the notes would only hide it */
        cli_print_warnings(doc);
    gw_document_free(doc);
    if (!ok) {
        cli_report(error);
        goto out;
    }
    rc = EXIT_OK;
out:
    g_option_context_free(ctx);
    convert_args_clear(&a);
    return rc;
}
