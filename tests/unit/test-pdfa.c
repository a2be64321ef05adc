/* test-pdfa.c: PDF/A-2b output of documents the sample report lacks
 * (links, pictures, tables, a bold title, hostile metadata), checked with
 * tests/pdfa-check.py from the file's own objects, and the XMP packet. */
#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include "harness.h"
#include "gongwen/gongwen.h"
#include "layout.h"
#include "pdf-module.h"
#include "pdfa.h"

static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static GwImage *png_image(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 30);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgba(cr, 0.8, 0.1, 0.1, 0.5);
    cairo_paint(cr);
    cairo_destroy(cr);
    GByteArray *png = g_byte_array_new();
    cairo_surface_write_to_png_stream(s, append_bytes, png);
    cairo_surface_destroy(s);
    return gw_image_new(g_byte_array_free_to_bytes(png), "image/png", 0, 0);
}

static GwBlock *paragraph(const char *text)
{
    GwBlock *b = gw_block_new(GW_BLOCK_PARAGRAPH);
    gw_block_add_text(b, text);
    return b;
}

static GwDocument *rich_document(void)
{
    GwDocument *doc = gw_document_new();
    GwBlock *title = gw_block_new(GW_BLOCK_TITLE);
    gw_block_add_text(title, "关于印发测试办法的通知");
    gw_document_append(doc, title);
    GwBlock *p = paragraph("详见");
    gw_run_set_link(gw_block_add_text(p, "政府网站"), "https://www.gov.cn/");
    gw_block_add_text(p, "及");
    gw_run_set_link(gw_block_add_text(p, "附表"), "#table");
    gw_block_add_text(p, "。");
    gw_document_append(doc, p);
    GwBlock *picture = gw_block_new(GW_BLOCK_IMAGE);
    gw_block_set_image(picture, png_image());
    gw_document_append(doc, picture);
    GwBlock *table = gw_block_new(GW_BLOCK_TABLE);
    gw_block_set_anchor(table, "table");
    for (int r = 0; r < 3; r++) {
        GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
        for (int c = 0; c < 2; c++) {
            GwBlock *cell = gw_block_new(GW_BLOCK_TABLE_CELL);
            gw_block_append(cell, paragraph(r == 0 ? "项目" : "数量 12"));
            gw_block_append(row, cell);
        }
        gw_block_append(table, row);
    }
    gw_document_append(doc, table);
    /* Control characters and markup in metadata must not break the XMP. */
    gw_document_set_meta(doc, "title", "测试\x01标题 <&> \"引号\"");
    gw_document_set_meta(doc, "issuer", "某某市人民政府办公厅");
    gw_document_set_meta(doc, "number", "某府办发〔2024〕3号");
    gw_document_set_meta(doc, "status", "有效");
    return doc;
}

/* The output of tests/pdfa-check.py on `pdf`; NULL (and a SKIP line)
 * when it cannot run.  `status` gets its exit status. */
static char *run_checker(const char *pdf, int *status)
{
    const char *src = g_getenv("SRC");
    char *qpdf = g_find_program_in_path("qpdf");
    char *out = NULL;
    if (!src || !qpdf || !g_file_test("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)) {
        printf("SKIP: pdfa: checker (needs SRC, qpdf and /usr/bin/python3)\n");
    } else {
        char *script = g_build_filename(src, "tests", "pdfa-check.py", NULL);
        char *argv[] = { "/usr/bin/python3", script, (char *) pdf, NULL };
        if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, status, NULL))
            printf("FAIL: pdfa: cannot run %s\n", script);
        g_free(script);
    }
    g_free(qpdf);
    return out;
}

static gboolean render(GwDocument *doc, const char *pdf, gboolean pdfa)
{
    GwRenderOptions *o = gw_render_options_new();
    gw_render_options_set_pdfa(o, pdfa);
    GError *error = NULL;
    gboolean ok = gw_render_pdf(doc, pdf, o, NULL, &error);
    if (!ok)
        printf("  %s\n", error->message);
    g_clear_error(&error);
    gw_render_options_free(o);
    return ok;
}

static void test_rich_document(void)
{
    GwDocument *doc = rich_document();
    char *dir = g_dir_make_tmp("gw-pdfa-XXXXXX", NULL);
    char *pdf = g_build_filename(dir, "a.pdf", NULL), *plain = g_build_filename(dir, "plain.pdf", NULL);
    gboolean ok = render(doc, pdf, TRUE);
    CHECK("pdfa: renders", ok);
    GwiPdfFacts facts;
    if (ok && gwi_pdf_read_facts(pdf, TRUE, &facts, NULL)) {
        CHECK("pdfa: tagged", facts.tagged);
        CHECK("pdfa: XMP claims PDF/A-2b", facts.xmp && strstr(facts.xmp, "<pdfaid:part>2</pdfaid:part>"));
        CHECK("pdfa: a bold title adds a font", facts.fonts->len >= 2);
        gwi_pdf_facts_clear(&facts);
    }
    int status = -1;
    char *out = ok ? run_checker(pdf, &status) : NULL;
    if (out) {
        fputs(out, stdout);
        CHECK("pdfa: checker finds nothing wrong", status == 0);
    }
    g_free(out);
    /* What the PDF/A rewrite fixes is there to fix in Cairo's own PDF. */
    out = render(doc, plain, FALSE) ? run_checker(plain, &status) : NULL;
    if (out) {
        CHECK("plain: links are not printed", strstr(out, "FAIL: pdfa: annotations printed") != NULL);
        CHECK("plain: the picture is interpolated", strstr(out, "FAIL: pdfa: no interpolated images") != NULL);
        CHECK("plain: no CIDToGIDMap", strstr(out, "FAIL: pdfa: TrueType CID fonts have a CIDToGIDMap") != NULL);
    }
    g_free(out);
    g_unlink(pdf);
    g_unlink(plain);
    g_rmdir(dir);
    g_free(pdf);
    g_free(plain);
    g_free(dir);
    gw_document_free(doc);
}

static void test_xmp(void)
{
    GwDocument *doc = rich_document();
    GDateTime *date = g_date_time_new_utc(2024, 3, 1, 8, 30, 0);
    GwiPdfMeta meta = { .title = "标题 <&>", .author = "某某市人民政府办公厅", .creator = "gongwen", .date = date };
    char *xmp = gwi_pdfa_xmp(doc, &meta);
    xmlDocPtr x = xmlReadMemory(xmp, (int) strlen(xmp), "xmp", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    CHECK("xmp: well-formed XML despite markup and control characters", x != NULL);
    CHECK("xmp: title escaped", strstr(xmp, "标题 &lt;&amp;&gt;") != NULL);
    CHECK("xmp: dates with time zone", strstr(xmp, "<xmp:CreateDate>2024-03-01T08:30:00+00:00</xmp:CreateDate>"));
    CHECK("xmp: gongwen's properties", strstr(xmp, "<gw:number>某府办发〔2024〕3号</gw:number>") &&
                                           strstr(xmp, "<gw:status>有效</gw:status>"));
    CHECK("xmp: absent values are left out", !strstr(xmp, "dc:description") && !strstr(xmp, "<gw:source>"));
    CHECK("xmp: extension schema for the gw namespace",
          strstr(xmp, "<pdfaSchema:namespaceURI>" GWI_XMP_NS "</pdfaSchema:namespaceURI>") &&
              strstr(xmp, "<pdfaProperty:name>sourceSHA256</pdfaProperty:name>"));
    if (x)
        xmlFreeDoc(x);
    g_free(xmp);
    g_date_time_unref(date);
    gw_document_free(doc);
}

int main(void)
{
    test_xmp();
    test_rich_document();
    return HARNESS_RESULT();
}
