/* test-stamp.c: matching documents to the register and stamping copies: a
 * three-page PDF drawn with Cairo (one page rotated) and a DOCX built with
 * libzip; checks the text, order, page count and metadata of the results. */
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <glib/gstdio.h>
#include "harness.h"
#include "validity-imp.h"

static const char register_csv[] =
    "文号,标题,发布日期,实施日期,失效日期,废止日期,废止依据\n"
    "云府规〔2019〕2号,云溪区停车场建设管理办法,2019-08-01,2019-09-01,,2024-06-30,云府规〔2024〕2号\n"
    "云府办规〔2020〕2号,云溪区职业技能培训补贴管理办法（试行）,2020-06-01,2020-07-01,2024-06-30,,\n"
    "云府规〔2023〕1号,云溪区网约车管理办法,2023-01-06,2023-02-01,,,\n";

static const char *const pdf_lines[3][3] = {
    { "云府规〔2019〕2号", "云溪区停车场建设管理办法", "第一条 为规范停车场建设管理，制定本办法。" },
    { "第二条 本办法适用于本区公共停车场。", "第三条 区住房城乡建设部门负责统筹协调。", "第四条 配建停车场同步验收。" },
    { "第五条 本办法自2019年9月1日起施行。", "云溪区人民政府", "2019年8月1日" },
};

static void make_pdf(const char *path)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
    cairo_t *cr = cairo_create(s);
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoFontDescription *font = pango_font_description_from_string("Noto Serif CJK SC 12");
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    for (int p = 0; p < 3; p++) {
        if (p == 2) /* a landscape last page */
            cairo_pdf_surface_set_size(s, 842, 595);
        for (int l = 0; l < 3; l++) {
            cairo_move_to(cr, 80, 120 + 40 * l);
            pango_layout_set_text(layout, pdf_lines[p][l], -1);
            pango_cairo_show_layout(cr, layout);
        }
        cairo_show_page(cr);
    }
    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static void make_docx(const char *path, const char *number, gboolean with_custom)
{
    GwiZipOut *z = gwi_zip_new_memory(NULL);
    const char types[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    const char rels[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
        "Target=\"word/document.xml\"/></Relationships>";
    char *doc = g_strdup_printf(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        "<w:p><w:r><w:t>正文第一段</w:t></w:r></w:p><w:p><w:r><w:t>正文第二段</w:t></w:r></w:p>"
        "<w:sectPr/></w:body></w:document>");
    char *custom = g_strdup_printf(
        "<?xml version=\"1.0\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"5\" name=\"文号\"><vt:lpwstr>%s</vt:lpwstr></property>"
        "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"6\" name=\"有效性\"><vt:lpwstr>旧值</vt:lpwstr></property>"
        "</Properties>",
        number);
    gwi_zip_add(z, "[Content_Types].xml", types, strlen(types), NULL);
    gwi_zip_add(z, "_rels/.rels", rels, strlen(rels), NULL);
    gwi_zip_add(z, "word/document.xml", doc, strlen(doc), NULL);
    if (with_custom)
        gwi_zip_add(z, "docProps/custom.xml", custom, strlen(custom), NULL);
    GBytes *b = gwi_zip_finish(z, NULL);
    gwi_write_bytes(path, b, NULL);
    g_free(doc);
    g_free(custom);
}

static char *pdf_page_text(const char *path, int page, int *n_pages)
{
    char *uri = g_filename_to_uri(path, NULL, NULL);
    PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, NULL);
    g_free(uri);
    if (!doc)
        return g_strdup("");
    *n_pages = poppler_document_get_n_pages(doc);
    PopplerPage *p = poppler_document_get_page(doc, page);
    char *text = p ? poppler_page_get_text(p) : g_strdup("");
    if (p)
        g_object_unref(p);
    g_object_unref(doc);
    return text;
}

static gboolean meta_has(const char *path, const char *value)
{
    GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
    char *title = NULL;
    gboolean found = FALSE;
    if (gwi_pdf_info(path, values, &title, NULL))
        for (guint i = 0; i < values->len; i++)
            found |= strcmp(values->pdata[i], value) == 0;
    g_ptr_array_unref(values);
    g_free(title);
    return found;
}

static void test_pdf(const GwRegister *reg, const GwRules *rules, const char *dir)
{
    char *in = g_build_filename(dir, "doc.pdf", NULL);
    char *out = g_build_filename(dir, "out.pdf", NULL);
    make_pdf(in);
    GError *error = NULL;
    GwEntry *e = gw_register_match_file(reg, in, &error);
    CHECK_STR("pdf: matched by its 文号 line", e ? gw_entry_get(e, GW_FIELD_NUMBER) : "(none)", "云府规〔2019〕2号");
    GDate d;
    gw_parse_date("2024-07-01", &d);
    GStatBuf before, after;
    g_stat(in, &before);
    CHECK("pdf: stamped", e && gw_stamp_file(in, out, e, rules, &d, &error));
    if (error)
        printf("  (%s)\n", error->message);
    g_clear_error(&error);
    g_stat(in, &after);
    CHECK("pdf: original unchanged", before.st_size == after.st_size && before.st_mtime == after.st_mtime);
    int n = 0;
    char *p1 = pdf_page_text(out, 0, &n);
    CHECK_INT("pdf: page count kept", n, 3);
    CHECK("pdf: page one starts with the notice", g_str_has_prefix(p1, "本文件已于2024年6月30日废止（依据：云府规〔2024〕2号）"));
    for (int p = 0; p < 3; p++) {
        char *text = pdf_page_text(out, p, &n);
        const char *at = text;
        gboolean in_order = TRUE;
        for (int l = 0; l < 3 && in_order; l++) {
            const char *hit = strstr(at, pdf_lines[p][l]);
            in_order = hit != NULL;
            at = hit ? hit + strlen(pdf_lines[p][l]) : at;
        }
        char *name = g_strdup_printf("pdf: page %d text all there, in order", p + 1);
        CHECK(name, in_order);
        g_free(name);
        name = g_strdup_printf("pdf: page %d mark adds no text", p + 1);
        CHECK(name, !strstr(text, "已废止"));
        g_free(name);
        g_free(text);
    }
    g_free(p1);
    CHECK("pdf: status in Info", meta_has(out, "废止") && meta_has(out, "2024-06-30"));
    /* In force on an earlier date: metadata only, no notice. */
    gw_parse_date("2024-01-01", &d);
    CHECK("pdf in force: stamped", gw_stamp_file(in, out, e, rules, &d, NULL));
    p1 = pdf_page_text(out, 0, &n);
    CHECK("pdf in force: no notice", g_str_has_prefix(p1, "云府规〔2019〕2号") && !strstr(p1, "本文件"));
    CHECK("pdf in force: status in Info", meta_has(out, "有效"));
    g_free(p1);
    /* The stamped copy is still matched (its Info now names the status, not a 文号). */
    CHECK("pdf: stamped copy matches again", gw_register_match_file(reg, out, NULL) == e);
    g_unlink(in);
    g_unlink(out);
    g_free(in);
    g_free(out);
}

static char *docx_part_text(const char *path, const char *part)
{
    char *data = NULL;
    gsize len = 0;
    g_file_get_contents(path, &data, &len, NULL);
    zip_t *za = data ? gwi_zip_open_memory(data, len, path, NULL) : NULL;
    char *xml = za ? gwi_zip_read(za, part, NULL, path, NULL) : NULL;
    if (za)
        zip_discard(za);
    g_free(data);
    return xml ? xml : g_strdup("");
}

static void test_docx(const GwRegister *reg, const GwRules *rules, const char *dir)
{
    char *in = g_build_filename(dir, "doc.docx", NULL);
    char *out = g_build_filename(dir, "out.docx", NULL);
    make_docx(in, "云府办规[2020]2号", TRUE);
    GError *error = NULL;
    GwEntry *e = gw_register_match_file(reg, in, &error);
    CHECK_STR("docx: matched by a custom property", e ? gw_entry_get(e, GW_FIELD_NUMBER) : "(none)",
              "云府办规〔2020〕2号");
    GDate d;
    gw_parse_date("2024-07-01", &d);
    CHECK("docx: stamped", e && gw_stamp_file(in, out, e, rules, &d, &error));
    if (error)
        printf("  (%s)\n", error->message);
    g_clear_error(&error);
    char *doc = docx_part_text(out, "word/document.xml");
    const char *notice = strstr(doc, "本文件已于2024年6月30日失效");
    const char *first = strstr(doc, "正文第一段");
    CHECK("docx: notice before the first paragraph", notice && first && notice < first);
    CHECK("docx: notice is red", strstr(doc, "w:val=\"FF0000\""));
    CHECK("docx: rest kept", first && strstr(first, "正文第二段") && strstr(doc, "<w:sectPr/>"));
    g_free(doc);
    char *custom = docx_part_text(out, "docProps/custom.xml");
    CHECK("docx: status property", strstr(custom, "name=\"有效性\"><vt:lpwstr>失效</vt:lpwstr>"));
    CHECK("docx: old status replaced", !strstr(custom, "旧值"));
    CHECK("docx: other properties kept", strstr(custom, "name=\"文号\""));
    CHECK("docx: status date", strstr(custom, "<vt:lpwstr>2024-07-01</vt:lpwstr>"));
    g_free(custom);
    /* A package without custom.xml gets the part, its override and its relationship. */
    make_docx(in, "", FALSE);
    e = gw_register_find_number(reg, "云府规〔2023〕1号");
    CHECK("docx without custom.xml: stamped", gw_stamp_file(in, out, e, rules, &d, NULL));
    custom = docx_part_text(out, "docProps/custom.xml");
    char *types = docx_part_text(out, "[Content_Types].xml");
    char *rels = docx_part_text(out, "_rels/.rels");
    doc = docx_part_text(out, "word/document.xml");
    CHECK("docx in force: status property", strstr(custom, "<vt:lpwstr>有效</vt:lpwstr>"));
    CHECK("docx in force: no notice", !strstr(doc, "本文件"));
    CHECK("docx: content type added", strstr(types, "/docProps/custom.xml"));
    CHECK("docx: relationship added", strstr(rels, "docProps/custom.xml"));
    g_free(custom);
    g_free(types);
    g_free(rels);
    g_free(doc);
    CHECK("docx: unmatched document", gw_register_match_file(reg, in, NULL) == NULL);
    char *txt = g_build_filename(dir, "doc.txt", NULL);
    g_file_set_contents(txt, "云府规〔2023〕1号\n", -1, NULL);
    CHECK("text: not stampable", !gw_stamp_file(txt, out, e, rules, &d, &error));
    CHECK("text: error says so", error && strstr(error->message, "DOCX and PDF"));
    g_clear_error(&error);
    g_unlink(txt);
    g_free(txt);
    g_unlink(in);
    g_unlink(out);
    g_free(in);
    g_free(out);
}

static void test_citations(const GwRegister *reg, const GwRules *rules, const char *dir)
{
    char *sub = g_build_filename(dir, "docs", NULL);
    g_mkdir(sub, 0755);
    const char cites[] = "云府规〔2024〕9号\n按照《云溪区停车场建设管理办法》（云府规[2019]2号）和云府规〔2023〕1号执行。\n"
                         "云溪区人民政府\n2024年7月15日\n";
    const char old[] = "引用云府规〔2019〕2号。\n二〇二一年三月一日\n";
    char *a = g_build_filename(sub, "a.txt", NULL), *b = g_build_filename(sub, "b.txt", NULL);
    g_file_set_contents(a, cites, -1, NULL);
    g_file_set_contents(b, old, -1, NULL);
    char *link = g_build_filename(sub, "link.txt", NULL);
    CHECK("citations: a symbolic link made", symlink(a, link) == 0);
    GPtrArray *found = gw_check_citations(reg, rules, sub, NULL, NULL);
    CHECK_INT("citations: one dead citation, the symbolic link to it not followed", found ? found->len : 0, 1);
    if (found && found->len == 1) {
        const GwCitation *c = found->pdata[0];
        CHECK_STR("citations: cited 文号", c->number, "云府规〔2019〕2号");
        CHECK_STR("citations: date from the text", c->date_from, "text");
        CHECK_INT("citations: status", c->status, GW_STATUS_REPEALED);
        CHECK("citations: citing file", g_str_has_suffix(c->file, "a.txt"));
    }
    if (found)
        g_ptr_array_unref(found);
    g_unlink(link);
    g_free(link);
    g_unlink(a);
    g_unlink(b);
    g_rmdir(sub);
    g_free(a);
    g_free(b);
    g_free(sub);
}

int main(void)
{
    GwRegister *reg = gw_register_read_csv(register_csv, strlen(register_csv), "stamp.csv", NULL);
    GwRules *rules = gw_rules_new();
    char *dir = g_dir_make_tmp("gwstamp-XXXXXX", NULL);
    if (reg && dir) {
        test_pdf(reg, rules, dir);
        test_docx(reg, rules, dir);
        test_citations(reg, rules, dir);
    } else
        CHECK("setup", FALSE);
    g_rmdir(dir);
    g_free(dir);
    gw_rules_free(rules);
    gw_register_free(reg);
    return HARNESS_RESULT();
}
