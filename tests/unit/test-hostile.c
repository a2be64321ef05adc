/* test-hostile.c: limits (names, defaults, parsing, messages), bounded input
 * reading (folders, FIFOs, endless devices), the temp-file registry behind
 * the tool's signal handler, and XML safety: DOCTYPEs however encoded,
 * billion laughs and external entities inside XLSX and DOCX packages, the
 * node and depth budgets. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <glib/gstdio.h>
#include <libxml/tree.h>
#include "harness.h"
#include "limit-imp.h"
#include "validity-imp.h"
#include "gongwen/gongwen.h"

static char *tmp;

static char *tmp_path(const char *name)
{
    return g_build_filename(tmp, name, NULL);
}

static char *error_message(GError **error)
{
    char *m = g_strdup(*error ? (*error)->message : "(no error)");
    g_clear_error(error);
    return m;
}

/* ---- limits --------------------------------------------------------------- */

static void test_limit_names(void)
{
    gboolean all = TRUE;
    for (guint i = 0; i < GW_N_LIMITS; i++) {
        GwLimit l;
        all = all && gw_limit_from_name(gw_limit_name((GwLimit) i), &l) && l == (GwLimit) i;
    }
    CHECK("every limit found by its name", all);
    GwLimit l;
    CHECK("limit names ignore case", gw_limit_from_name("Part-Bytes", &l) && l == GW_LIMIT_PART_BYTES);
    CHECK("unknown limit name", !gw_limit_from_name("part_bytes", &l));
}

static void test_limits_parse(void)
{
    guint64 saved[GW_N_LIMITS];
    for (guint i = 0; i < GW_N_LIMITS; i++)
        saved[i] = gw_limit_get_default((GwLimit) i);
    GError *error = NULL;
    CHECK("parse two limits", gw_limits_parse(" part-bytes=1K , blocks=5", &error));
    CHECK_INT("K is 1024", gw_limit_get_default(GW_LIMIT_PART_BYTES), 1024);
    CHECK_INT("plain number", gw_limit_get_default(GW_LIMIT_BLOCKS), 5);
    GwReadOptions *o = gw_read_options_new();
    CHECK_INT("new options start from the defaults", gw_read_options_get_limit(o, GW_LIMIT_BLOCKS), 5);
    CHECK_INT("NULL options are the defaults", gw_read_options_get_limit(NULL, GW_LIMIT_PART_BYTES), 1024);
    gw_read_options_free(o);
    CHECK("M and G", gw_limits_parse("text-bytes=3m,input-bytes=2G", NULL) &&
                         gw_limit_get_default(GW_LIMIT_TEXT_BYTES) == 3u << 20 &&
                         gw_limit_get_default(GW_LIMIT_INPUT_BYTES) == (guint64) 2 << 30);
    CHECK("an empty list changes nothing", gw_limits_parse("", NULL) && gw_limit_get_default(GW_LIMIT_BLOCKS) == 5);

    CHECK("a bad value fails", !gw_limits_parse("blocks=7,nodes=many", &error));
    char *m = error_message(&error);
    CHECK_STR("bad value message", m, "limit nodes: 'many' is not a number (e.g. 1000, 64K, 512M, 2G)");
    g_free(m);
    CHECK_INT("a failed list changes nothing", gw_limit_get_default(GW_LIMIT_BLOCKS), 5);
    CHECK("an unknown name fails", !gw_limits_parse("pixels=5", &error));
    m = error_message(&error);
    CHECK("unknown name message lists the names", g_str_has_prefix(m, "no limit is called 'pixels' (limits: input-bytes,"));
    g_free(m);
    CHECK("no '=' fails", !gw_limits_parse("blocks", NULL));
    CHECK("a unit after the unit fails", !gw_limits_parse("blocks=1KK", NULL));
    CHECK("a sign fails", !gw_limits_parse("blocks=-1", NULL));
    CHECK("overflow fails", !gw_limits_parse("blocks=18446744073709551615K", NULL));

    for (guint i = 0; i < GW_N_LIMITS; i++)
        gw_limit_set_default((GwLimit) i, saved[i]);

    gwi_limit_error(&error, GW_LIMIT_PART_BYTES, 268435456, "%s: part %s", "a.docx", "word/document.xml");
    CHECK("limit error code", g_error_matches(error, GW_ERROR, GW_ERROR_LIMIT));
    m = error_message(&error);
    CHECK_STR("limit error names the limit and how to raise it", m,
              "a.docx: part word/document.xml exceeds the part-bytes limit (268435456); raise it with --limit part-bytes=N");
    g_free(m);
}

/* ---- reading input files ---------------------------------------------------- */

static void test_read_input(void)
{
    GError *error = NULL;
    gsize len = 0;
    char *path = tmp_path("in.txt");
    g_file_set_contents(path, "正文", -1, NULL);
    char *data = gwi_read_input(path, GW_LIMIT_TEXT_BYTES, 100, &len, &error);
    CHECK("read a file", data && len == strlen("正文") && strcmp(data, "正文") == 0);
    g_free(data);
    CHECK("a file over the limit", !gwi_read_input(path, GW_LIMIT_TEXT_BYTES, 3, &len, &error));
    char *m = error_message(&error);
    CHECK("over the limit: message", g_str_has_suffix(m, ": a file of 6 bytes exceeds the text-bytes limit (3); raise it with "
                                                         "--limit text-bytes=N"));
    g_free(m);
    g_free(path);

    CHECK("a folder", !gwi_read_input(tmp, GW_LIMIT_INPUT_BYTES, 100, &len, &error));
    m = error_message(&error);
    CHECK("a folder: message", g_str_has_suffix(m, ": cannot read: it is a folder"));
    g_free(m);
    path = tmp_path("missing");
    CHECK("a missing file", !gwi_read_input(path, GW_LIMIT_INPUT_BYTES, 100, &len, &error));
    m = error_message(&error);
    CHECK("a missing file: message", g_str_has_suffix(m, "missing: cannot read: no such file"));
    g_free(m);
    g_free(path);

    /* A FIFO nobody writes to reads as empty instead of waiting forever. */
    path = tmp_path("fifo");
    gint64 start = g_get_monotonic_time();
    data = mkfifo(path, 0600) == 0 ? gwi_read_input(path, GW_LIMIT_INPUT_BYTES, 100, &len, &error) : NULL;
    CHECK("a FIFO without writer is empty, at once", data && len == 0 && g_get_monotonic_time() - start < G_USEC_PER_SEC);
    g_free(data);
    GwDocument *doc = gw_read_file(path, GW_FORMAT_TEXT, NULL, &error);
    m = error_message(&error);
    CHECK("convert from a FIFO without writer: empty file", !doc && g_str_has_suffix(m, "fifo: empty file"));
    g_free(m);
    g_free(path);

    /* An endless device stops at the limit. */
    data = gwi_read_input("/dev/zero", GW_LIMIT_INPUT_BYTES, 1 << 20, &len, &error);
    m = error_message(&error);
    CHECK("/dev/zero stops at the limit", !data && g_str_has_prefix(m, "/dev/zero: more than 1048576 bytes exceeds the "
                                                                       "input-bytes limit"));
    g_free(m);
}

/* ---- outputs ------------------------------------------------------------------ */

static gboolean temp_exists(const GwOutput *out)
{
    return g_file_test(gw_output_temp_path(out), G_FILE_TEST_EXISTS);
}

static void test_output_cleanup(void)
{
    char *path = tmp_path("out.csv");
    GError *error = NULL;
    GwOutput *a = gw_output_open(path, &error), *b = gw_output_open(path, &error);
    fputs("partial", gw_output_stream(a));
    CHECK("two outputs have temp files", temp_exists(a) && temp_exists(b));
    gw_output_cleanup_all();
    CHECK("cleanup removes every temp file", !temp_exists(a) && !temp_exists(b));
    CHECK("and creates no final file", !g_file_test(path, G_FILE_TEST_EXISTS));
    gw_output_abort(a);
    gw_output_abort(b);
    GwOutput *c = gw_output_open(path, &error);
    fputs("done", gw_output_stream(c));
    CHECK("a later output commits", gw_output_commit(c, &error) && g_file_test(path, G_FILE_TEST_EXISTS));
    gw_output_cleanup_all();
    CHECK("cleanup leaves committed files", g_file_test(path, G_FILE_TEST_EXISTS));
    g_free(path);

    path = g_build_filename(tmp, "no-such-folder", "out.csv", NULL);
    CHECK("output into a missing folder fails", !gw_output_open(path, &error));
    char *m = error_message(&error);
    CHECK("missing folder: message", strstr(m, "out.csv: cannot create output: the folder ") &&
                                         g_str_has_suffix(m, "no-such-folder does not exist"));
    g_free(m);
    g_free(path);
}

/* ---- XML ------------------------------------------------------------------------ */

static char *utf16(const char *utf8, const char *charset, gsize *len)
{
    return g_convert(utf8, -1, charset, "UTF-8", NULL, len, NULL);
}

static void expect_doctype_refused(const char *name, const char *data, gsize len)
{
    GError *error = NULL;
    GwiXmlDocPtr doc = gwi_xml_parse(data, len, "t.docx", "word/document.xml", &error);
    char *m = error_message(&error);
    CHECK_STR(name, doc ? "parsed" : m, "t.docx: part word/document.xml has a DOCTYPE (entities are not allowed)");
    g_free(m);
    if (doc)
        xmlFreeDoc(doc);
}

static void test_xml_parse(void)
{
    static const char laughs[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">"
                                 "<!ENTITY b \"&a;&a;&a;&a;\">]><x y=\"&b;\">&b;</x>";
    expect_doctype_refused("DOCTYPE in UTF-8", laughs, strlen(laughs));
    gsize len;
    char *le = utf16(laughs, "UTF-16LE", &len);
    GString *bom = g_string_new_len("\xFF\xFE", 2);
    g_string_append_len(bom, le, (gssize) len);
    expect_doctype_refused("DOCTYPE in UTF-16LE with a BOM", bom->str, bom->len);
    expect_doctype_refused("DOCTYPE in UTF-16LE without a BOM", le, len);
    g_free(le);
    g_string_free(bom, TRUE);
    char *be = utf16(laughs, "UTF-16BE", &len);
    expect_doctype_refused("DOCTYPE in UTF-16BE without a BOM", be, len);
    g_free(be);

    static const char ok[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><root a=\"正文\"/>";
    char *ok16 = utf16(ok, "UTF-16LE", &len);
    GError *error = NULL;
    GwiXmlDocPtr doc = gwi_xml_parse(ok16, len, "t.docx", "p.xml", &error);
    xmlChar *a = doc ? xmlGetProp(xmlDocGetRootElement(doc), BAD_CAST "a") : NULL;
    CHECK_STR("UTF-16 part parsed", (const char *) a, "正文");
    xmlFree(a);
    if (doc)
        xmlFreeDoc(doc);
    g_free(ok16);
    static const char latin1[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><root a=\"\xe9\"/>";
    doc = gwi_xml_parse(latin1, strlen(latin1), "t.docx", "p.xml", &error);
    CHECK("a declared 8-bit encoding is not obeyed (parts are UTF-8)", !doc);
    g_clear_error(&error);

    guint64 nodes = gw_limit_get_default(GW_LIMIT_NODES), depth = gw_limit_get_default(GW_LIMIT_DEPTH);
    gw_limit_set_default(GW_LIMIT_NODES, 100);
    GString *flat = g_string_new("<r>");
    for (int i = 0; i < 99; i++)
        g_string_append(flat, "<p/>");
    g_string_append(flat, "</r>");
    doc = gwi_xml_parse(flat->str, flat->len, "t.docx", "p.xml", &error);
    CHECK("100 nodes within a nodes limit of 100", doc != NULL);
    if (doc)
        xmlFreeDoc(doc);
    g_string_insert(flat, 3, "<p a=\"1\"/>");
    doc = gwi_xml_parse(flat->str, flat->len, "t.docx", "p.xml", &error);
    char *m = error_message(&error);
    CHECK_STR("102 nodes (an attribute counts)", doc ? "parsed" : m,
              "t.docx: part p.xml (XML nodes) exceeds the nodes limit (100); raise it with --limit nodes=N");
    g_free(m);
    g_string_free(flat, TRUE);
    gw_limit_set_default(GW_LIMIT_NODES, nodes);

    gw_limit_set_default(GW_LIMIT_DEPTH, 10);
    GString *deep = g_string_new(NULL);
    for (int i = 0; i < 11; i++)
        g_string_append(deep, "<d>");
    for (int i = 0; i < 11; i++)
        g_string_append(deep, "</d>");
    doc = gwi_xml_parse(deep->str, deep->len, "t.docx", "p.xml", &error);
    m = error_message(&error);
    CHECK_STR("11 levels over a depth limit of 10", doc ? "parsed" : m,
              "t.docx: part p.xml (XML nesting) exceeds the depth limit (10); raise it with --limit depth=N");
    g_free(m);
    g_string_free(deep, TRUE);
    gw_limit_set_default(GW_LIMIT_DEPTH, depth);
}

/* ---- entity tricks inside packages ---------------------------------------------- */

#define LAUGHS                                                                                                  \
    "<!DOCTYPE x [<!ENTITY l0 \"lol\"><!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">"              \
    "<!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\"><!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">" \
    "<!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\"><!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">" \
    "<!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\"><!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">" \
    "<!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\"><!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">]>"
#define XXE "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define S_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

typedef struct {
    const char *name, *data;
} Part;

static char *write_zip(const char *file, const Part *parts, guint n)
{
    char *path = tmp_path(file);
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
    for (guint i = 0; i < n; i++)
        zip_file_add(za, parts[i].name, zip_source_buffer(za, parts[i].data, strlen(parts[i].data), 0), 0);
    zip_close(za);
    return path;
}

static char *xlsx_with_strings(const char *file, const char *strings)
{
    const Part parts[] = {
        { "xl/workbook.xml", "<workbook " S_NS " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                             "relationships\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
        { "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                                        "relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/s.xml\"/>"
                                        "</Relationships>" },
        { "xl/sharedStrings.xml", strings },
        { "xl/worksheets/s.xml", "<worksheet " S_NS "><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\">"
                                 "<v>1</v></c></row><row r=\"2\"><c t=\"s\"><v>2</v></c><c t=\"s\"><v>3</v></c></row>"
                                 "</sheetData></worksheet>" },
    };
    return write_zip(file, parts, G_N_ELEMENTS(parts));
}

static char *docx_with_document(const char *file, const char *document)
{
    const Part parts[] = {
        { "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                 "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>" },
        { "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                         "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>" },
        { "word/document.xml", document },
    };
    return write_zip(file, parts, G_N_ELEMENTS(parts));
}

static gboolean within_2s(gint64 start)
{
    return g_get_monotonic_time() - start < 2 * G_USEC_PER_SEC;
}

static void expect_register_refused(const char *name, const char *strings)
{
    char *path = xlsx_with_strings("tricky.xlsx", strings);
    GError *error = NULL;
    gint64 start = g_get_monotonic_time();
    GwRegister *reg = gw_register_read(path, NULL, &error);
    char *m = error_message(&error);
    char *test = g_strdup_printf("XLSX with %s: refused fast", name);
    CHECK(test, !reg && strstr(m, "has a DOCTYPE") && within_2s(start));
    g_free(test);
    g_free(m);
    gw_register_free(reg);
    g_free(path);
}

/* The DOCX reader may refuse the part or read it with the trick ignored;
 * either way it ends fast and holds nothing of /etc/passwd. */
static void expect_docx_harmless(const char *name, const char *document)
{
    char *path = docx_with_document("tricky.docx", document);
    GError *error = NULL;
    gint64 start = g_get_monotonic_time();
    GwDocument *doc = gw_read_file(path, GW_FORMAT_DOCX, NULL, &error);
    GString *text = g_string_new(NULL);
    for (guint i = 0; doc && i < gw_document_n_blocks(doc); i++) {
        char *t = gw_block_get_text(gw_document_get_block(doc, i));
        g_string_append(text, t);
        g_free(t);
    }
    char *test = g_strdup_printf("DOCX with %s: read fast, nothing from outside", name);
    CHECK(test, (doc || error) && within_2s(start) && !strstr(text->str, "root:") && text->len < 10000);
    g_free(test);
    g_string_free(text, TRUE);
    g_clear_error(&error);
    gw_document_free(doc);

    /* the validity module's own reading of it: matching and stamping */
    GwRegister *reg = gw_register_read_csv("文号,标题\n云府规〔2020〕1号,正文\n", strlen("文号,标题\n云府规〔2020〕1号,正文\n"),
                                           "r.csv", NULL);
    start = g_get_monotonic_time();
    GwEntry *e = gw_register_match_file(reg, path, &error);
    char *m = error_message(&error);
    test = g_strdup_printf("DOCX with %s: matching refuses it fast", name);
    CHECK(test, !e && strstr(m, "has a DOCTYPE") && within_2s(start));
    g_free(test);
    g_free(m);
    char *out = tmp_path("stamped.docx");
    GwRules *rules = gw_rules_new();
    GDate as_of;
    g_date_clear(&as_of, 1);
    g_date_set_dmy(&as_of, 1, 1, 2024);
    test = g_strdup_printf("DOCX with %s: stamping refuses it, no output", name);
    CHECK(test, !gw_stamp_file(path, out, gw_register_get_entry(reg, 0), rules, &as_of, &error) &&
                    !g_file_test(out, G_FILE_TEST_EXISTS));
    g_free(test);
    g_clear_error(&error);
    gw_rules_free(rules);
    g_free(out);
    gw_register_free(reg);
    g_free(path);
}

static void test_entity_tricks(void)
{
    expect_register_refused("billion laughs", "<?xml version=\"1.0\"?>" LAUGHS "<sst " S_NS "><si><t>文号&l9;</t></si>"
                                              "<si><t>标题</t></si><si><t>x</t></si><si><t>y</t></si></sst>");
    expect_register_refused("an external entity", "<?xml version=\"1.0\"?>" XXE "<sst " S_NS "><si><t>文号</t></si>"
                                                  "<si><t>标题</t></si><si><t>&xxe;</t></si><si><t>y</t></si></sst>");
    expect_docx_harmless("billion laughs", "<?xml version=\"1.0\"?>" LAUGHS "<w:document " W_NS "><w:body><w:p><w:r>"
                                           "<w:t>正文&l9;</w:t></w:r></w:p></w:body></w:document>");
    expect_docx_harmless("an external entity", "<?xml version=\"1.0\"?>" XXE "<w:document " W_NS "><w:body><w:p><w:r>"
                                               "<w:t>正文&xxe;</w:t></w:r></w:p></w:body></w:document>");
}

int main(void)
{
    tmp = g_dir_make_tmp("gw-hostile-XXXXXX", NULL);
    test_limit_names();
    test_limits_parse();
    test_read_input();
    test_output_cleanup();
    test_xml_parse();
    test_entity_tricks();
    GDir *d = g_dir_open(tmp, 0, NULL);
    for (const char *n; d && (n = g_dir_read_name(d));) {
        char *p = tmp_path(n);
        g_unlink(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(tmp);
    g_free(tmp);
    return HARNESS_RESULT();
}
