/* test-docx-writer.c: build documents through the public model API, write
 * DOCX and JSON, reopen the package with libzip and check its parts with
 * libxml2.  With GW_FIXTURE_OUT=DIR it also leaves merged-table.docx,
 * full.docx and full.json in DIR for tests/e2e/docx-interop.sh. */
#include <errno.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>
#include "gongwen/gongwen.h"
#include "harness.h"

/* ---- building documents ------------------------------------------------- */

static GwBlock *text_block(GwBlockKind kind, int level, const char *text)
{
    GwBlock *b = gw_block_new(kind);
    gw_block_set_level(b, level);
    gw_block_add_text(b, text);
    return b;
}

static GwBlock *text_cell(guint col, guint colspan, guint rowspan, const char *text)
{
    GwBlock *cell = gw_block_new(GW_BLOCK_TABLE_CELL);
    gw_cell_set_span(cell, col, colspan, rowspan);
    gw_block_append(cell, text_block(GW_BLOCK_PARAGRAPH, 0, text));
    return cell;
}

static GwBlock *row_of(gboolean header, GwBlock *c1, GwBlock *c2, GwBlock *c3, GwBlock *c4)
{
    GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
    gw_row_set_header(row, header);
    GwBlock *cells[] = { c1, c2, c3, c4 };
    for (guint i = 0; i < G_N_ELEMENTS(cells); i++)
        if (cells[i])
            gw_block_append(row, cells[i]);
    return row;
}

/* A 4-column table shaped like report table 三's corner: a cell spanning
 * two header rows, a header spanning three columns, a label spanning two
 * body rows, and body cells spanning two columns. */
static GwBlock *merged_table(void)
{
    GwBlock *t = gw_block_new(GW_BLOCK_TABLE);
    gw_table_set_columns(t, 4, NULL);
    gw_block_append(t, row_of(TRUE, text_cell(0, 1, 2, "项目"), text_cell(1, 3, 1, "申请人情况"), NULL, NULL));
    gw_block_append(t, row_of(TRUE, text_cell(1, 1, 1, "自然人"), text_cell(2, 1, 1, "法人或其他组织"),
                              text_cell(3, 1, 1, "总计"), NULL));
    gw_block_append(t, row_of(FALSE, text_cell(0, 1, 1, "一、本年新收"), text_cell(1, 1, 1, "1020"),
                              text_cell(2, 1, 1, "42"), text_cell(3, 1, 1, "1062")));
    gw_block_append(t, row_of(FALSE, text_cell(0, 1, 2, "三、本年度办理结果"), text_cell(1, 2, 1, "（一）予以公开"),
                              text_cell(3, 1, 1, "333"), NULL));
    gw_block_append(t, row_of(FALSE, text_cell(1, 2, 1, "（二）部分公开"), text_cell(3, 1, 1, "76"), NULL, NULL));
    return t;
}

static GwDocument *merged_table_document(void)
{
    GwDocument *doc = gw_document_new();
    gw_document_set_meta(doc, "title", "合并单元格表格");
    gw_document_append(doc, text_block(GW_BLOCK_HEADING, 1, "三、收到和处理政府信息公开申请情况"));
    gw_document_append(doc, merged_table());
    return doc;
}

static cairo_status_t append_png(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static GBytes *png_bytes(int width, int height)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    GByteArray *png = g_byte_array_new();
    cairo_surface_write_to_png_stream(s, append_png, png);
    cairo_surface_destroy(s);
    return g_byte_array_free_to_bytes(png);
}

static GwBlock *list_of(gboolean ordered, const char *const *labels, guint n)
{
    GwBlock *list = gw_block_new(GW_BLOCK_LIST);
    gw_block_set_ordered(list, ordered);
    for (guint i = 0; i < n; i++) {
        GwBlock *item = gw_block_new(GW_BLOCK_LIST_ITEM);
        gw_block_set_label(item, labels[i]);
        char *text = g_strdup_printf("第%u项", i + 1);
        gw_block_append(item, text_block(GW_BLOCK_PARAGRAPH, 0, text));
        g_free(text);
        gw_block_append(list, item);
    }
    return list;
}

static GwBlock *styled_paragraph(GBytes *png)
{
    GwBlock *p = gw_block_new(GW_BLOCK_PARAGRAPH);
    gw_block_set_level(p, 2);
    GwRun *lead = gw_block_add_text(p, "（一）加强组织领导。");
    gw_run_set_lead(lead, TRUE);
    GwRun *bold = gw_block_add_text(p, "粗体");
    gw_run_get_style(bold)->bold = 1;
    gw_run_get_style(bold)->color = 0xC00000;
    gw_run_get_style(bold)->font_ea = g_strdup("黑体");
    GwRun *sup = gw_block_add_text(p, "2");
    gw_run_get_style(sup)->vert = GW_VERT_SUPER;
    gw_run_get_style(sup)->highlight = 0xFFFF00;
    GwRun *link = gw_block_add_text(p, "政府网站");
    gw_run_set_link(link, "http://www.hp.gov.cn/信息公开 page");
    GwRun *inner = gw_block_add_text(p, "见附件");
    gw_run_set_link(inner, "#attachments");
    gw_block_append_run(p, gw_run_new(GW_RUN_TAB, NULL));
    gw_block_add_text(p, "bad\001char\xff.");
    gw_block_append_run(p, gw_run_new(GW_RUN_LINE_BREAK, NULL));
    GwRun *field = gw_run_new(GW_RUN_FIELD, "1");
    gw_run_set_field(field, GW_FIELD_NUMPAGES);
    gw_block_append_run(p, field);
    GwRun *note = gw_run_new(GW_RUN_NOTE, NULL);
    gw_run_append_note_block(note, text_block(GW_BLOCK_PARAGRAPH, 0, "脚注内容。"));
    gw_block_append_run(p, note);
    GwRun *pic = gw_run_new(GW_RUN_IMAGE, NULL);
    gw_run_set_image(pic, gw_image_new(png, "image/png", GW_UNSET, GW_UNSET));
    gw_block_append_run(p, pic);
    return p;
}

static GwDocument *full_document(void)
{
    GwDocument *doc = gw_document_new();
    gw_document_set_meta(doc, "title", "测试区2022年政府信息公开工作年度报告");
    gw_document_set_meta(doc, "issuer", "测试区人民政府");
    gw_document_set_meta(doc, "date", "2023-01-31");
    gw_document_set_meta(doc, "number", "测府〔2023〕1号");
    gw_document_set_meta(doc, "status", "有效");
    gw_document_set_meta(doc, "keywords", "政府信息公开;年度报告");
    gw_document_set_custom(doc, "密级", "公开");
    gw_document_append(doc, text_block(GW_BLOCK_TITLE, 0, "测试区2022年政府信息公开工作年度报告"));
    gw_document_append(doc, text_block(GW_BLOCK_HEADING, 1, "一、总体情况"));
    gw_document_append(doc, text_block(GW_BLOCK_PARAGRAPH, 0, "正文段落，首行缩进两个字符。"));
    GwBlock *boxed = text_block(GW_BLOCK_PARAGRAPH, 0, "框内文字");
    GwParaStyle *box = gw_block_get_style(boxed);
    box->border_top = box->border_bottom = box->border_left = box->border_right = (GwBorder){ 0.5, 0xFF0000 };
    box->border_space_left = box->border_space_right = 4;
    gw_document_append(doc, boxed);
    gw_document_append(doc, text_block(GW_BLOCK_HEADING, 2, "（一）主动公开情况"));
    GBytes *png = png_bytes(20, 10);
    gw_document_append(doc, styled_paragraph(png));
    static const char *const decimal[] = { "1.", "2.", "3." };
    static const char *const chinese[] = { "（一）", "（二）" };
    static const char *const odd[] = { "甲、", "丙、" };
    gw_document_append(doc, list_of(TRUE, decimal, 3));
    gw_document_append(doc, list_of(TRUE, chinese, 2));
    gw_document_append(doc, list_of(TRUE, odd, 2));
    gw_document_append(doc, merged_table());
    GwBlock *image = gw_block_new(GW_BLOCK_IMAGE);
    gw_block_set_image(image, gw_image_new(png, "image/png", 600, 300));
    gw_document_append(doc, image);
    g_bytes_unref(png);
    GwBlock *att = gw_block_new(GW_BLOCK_ATTACHMENTS);
    gw_block_set_anchor(att, "attachments");
    gw_block_set_label(att, "附件：");
    gw_block_append(att, text_block(GW_BLOCK_PARAGRAPH, 0, "1.年度报告.docx"));
    gw_block_append(att, text_block(GW_BLOCK_PARAGRAPH, 0, "2.年度报告.pdf"));
    gw_document_append(doc, att);
    GwBlock *sign = text_block(GW_BLOCK_PARAGRAPH, 0, "测试区人民政府");
    gw_block_get_style(sign)->style_name = g_strdup("Signature");
    gw_document_append(doc, sign);
    GwBlock *date = text_block(GW_BLOCK_PARAGRAPH, 0, "2023年1月31日");
    gw_block_get_style(date)->style_name = g_strdup("Date");
    gw_document_append(doc, date);
    GwBlock *section = gw_block_new(GW_BLOCK_SECTION);
    GwPageSetup *landscape = gw_block_get_page(section);
    landscape->landscape = TRUE;
    landscape->header[0] = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    g_ptr_array_add(landscape->header[0], text_block(GW_BLOCK_PARAGRAPH, 0, "页眉文字"));
    landscape->footer[0] = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    GwBlock *page_no = gw_block_new(GW_BLOCK_PARAGRAPH);
    GwRun *page_field = gw_run_new(GW_RUN_FIELD, "9");
    gw_run_set_field(page_field, GW_FIELD_PAGE);
    gw_block_append_run(page_no, page_field);
    g_ptr_array_add(landscape->footer[0], page_no);
    gw_document_append(doc, section);
    gw_document_append(doc, gw_block_new(GW_BLOCK_PAGE_BREAK));
    gw_document_append(doc, text_block(GW_BLOCK_PARAGRAPH, 0, "横向页。"));
    return doc;
}

/* ---- reading the package back ------------------------------------------- */

/* package_open takes `bytes` (freed on failure too); package_close frees. */

typedef struct {
    zip_t *za;
    GBytes *bytes;
} Package;

static gboolean package_open(Package *pkg, GBytes *bytes)
{
    zip_error_t err;
    zip_error_init(&err);
    pkg->bytes = bytes;
    zip_source_t *src = zip_source_buffer_create(g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes), 0, &err);
    pkg->za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
    zip_error_fini(&err);
    if (pkg->za)
        return TRUE;
    if (src)
        zip_source_free(src);
    g_bytes_unref(bytes);
    return FALSE;
}

static void package_close(Package *pkg)
{
    zip_discard(pkg->za);
    g_bytes_unref(pkg->bytes);
}

/* A part's bytes (NUL-terminated; g_free), or NULL when absent. */
static char *part_data(Package *pkg, const char *name, gsize *len)
{
    zip_stat_t st;
    if (zip_stat(pkg->za, name, 0, &st) < 0)
        return NULL;
    zip_file_t *f = zip_fopen(pkg->za, name, 0);
    char *data = g_malloc(st.size + 1);
    zip_int64_t got = f ? zip_fread(f, data, st.size) : -1;
    if (f)
        zip_fclose(f);
    if (got != (zip_int64_t) st.size) {
        g_free(data);
        return NULL;
    }
    data[st.size] = 0;
    if (len)
        *len = st.size;
    return data;
}

static xmlDocPtr part_xml(Package *pkg, const char *name)
{
    gsize len;
    char *data = part_data(pkg, name, &len);
    xmlDocPtr doc = data ? xmlReadMemory(data, (int) len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING) : NULL;
    g_free(data);
    return doc;
}

static xmlXPathObjectPtr eval(xmlDocPtr doc, const char *expr)
{
    static const char *const ns[][2] = {
        { "w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main" },
        { "r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships" },
        { "wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" },
        { "ct", "http://schemas.openxmlformats.org/package/2006/content-types" },
        { "rel", "http://schemas.openxmlformats.org/package/2006/relationships" },
        { "cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties" },
        { "dc", "http://purl.org/dc/elements/1.1/" },
        { "dcterms", "http://purl.org/dc/terms/" },
        { "cu", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" },
        { "vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes" },
    };
    if (!doc)
        return NULL;
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    for (guint i = 0; i < G_N_ELEMENTS(ns); i++)
        xmlXPathRegisterNs(ctx, BAD_CAST ns[i][0], BAD_CAST ns[i][1]);
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlXPathFreeContext(ctx);
    return obj;
}

static double xpath_number(xmlDocPtr doc, const char *expr)
{
    xmlXPathObjectPtr obj = eval(doc, expr);
    double v = obj ? xmlXPathCastToNumber(obj) : -1;
    xmlXPathFreeObject(obj);
    return v;
}

/* The string value of an XPath expression (g_free it). */
static char *xpath_string(xmlDocPtr doc, const char *expr)
{
    xmlXPathObjectPtr obj = eval(doc, expr);
    xmlChar *s = obj ? xmlXPathCastToString(obj) : NULL;
    char *copy = g_strdup((const char *) s);
    xmlFree(s);
    xmlXPathFreeObject(obj);
    return copy;
}

#define CHECK_XPATH_STR(name, doc, expr, want) \
    do {                                       \
        char *got_ = xpath_string(doc, expr);  \
        CHECK_STR(name, got_, want);           \
        g_free(got_);                          \
    } while (0)

/* ---- checks ----------------------------------------------------------------- */

static void check_well_formed(Package *pkg)
{
    gboolean all = TRUE;
    zip_int64_t n = zip_get_num_entries(pkg->za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(pkg->za, i, 0);
        if (!g_str_has_suffix(name, ".xml") && !g_str_has_suffix(name, ".rels"))
            continue;
        xmlDocPtr doc = part_xml(pkg, name);
        if (!doc) {
            printf("FAIL: well-formed: %s\n", name);
            all = FALSE;
        }
        xmlFreeDoc(doc);
    }
    CHECK("every XML part is well-formed", all);
    CHECK_STR("first entry is [Content_Types].xml", zip_get_name(pkg->za, 0, 0), "[Content_Types].xml");
}

/* Each internal relationship target of each .rels part is in the package. */
static void check_rels_targets(Package *pkg)
{
    gboolean all = TRUE;
    int checked = 0;
    zip_int64_t n = zip_get_num_entries(pkg->za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(pkg->za, i, 0);
        if (!g_str_has_suffix(name, ".rels"))
            continue;
        char *rels_dir = g_path_get_dirname(name);   /* word/_rels */
        char *source_dir = g_path_get_dirname(rels_dir); /* word */
        xmlDocPtr doc = part_xml(pkg, name);
        xmlXPathObjectPtr obj = eval(doc, "//rel:Relationship[not(@TargetMode='External')]/@Target");
        for (int k = 0; obj && obj->nodesetval && k < obj->nodesetval->nodeNr; k++) {
            xmlChar *target = xmlNodeGetContent(obj->nodesetval->nodeTab[k]);
            char *path = strcmp(source_dir, ".") == 0 ? g_strdup((char *) target)
                                                      : g_build_filename(source_dir, (char *) target, NULL);
            zip_stat_t st;
            if (zip_stat(pkg->za, path, 0, &st) < 0) {
                printf("FAIL: %s points at missing %s\n", name, path);
                all = FALSE;
            }
            checked++;
            g_free(path);
            xmlFree(target);
        }
        xmlXPathFreeObject(obj);
        xmlFreeDoc(doc);
        g_free(rels_dir);
        g_free(source_dir);
    }
    CHECK("relationship targets exist", all && checked >= 8);
}

static void check_content_types(Package *pkg)
{
    xmlDocPtr ct = part_xml(pkg, "[Content_Types].xml");
    CHECK_XPATH_STR("content type of the main part", ct, "string(//ct:Override[@PartName='/word/document.xml']/@ContentType)",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    CHECK_XPATH_STR("png default content type", ct, "string(//ct:Default[@Extension='png']/@ContentType)", "image/png");
    CHECK("every part but rels and media has an override",
          xpath_number(ct, "count(//ct:Override)") == 13);
    xmlFreeDoc(ct);
}

static void check_styles(Package *pkg)
{
    xmlDocPtr st = part_xml(pkg, "word/styles.xml");
    CHECK_XPATH_STR("Heading1 is named 'heading 1'", st, "string(//w:style[@w:styleId='Heading1']/w:name/@w:val)", "heading 1");
    CHECK_XPATH_STR("Heading1 font 黑体", st, "string(//w:style[@w:styleId='Heading1']//w:rFonts/@w:eastAsia)", "黑体");
    CHECK_XPATH_STR("Heading2 font 楷体_GB2312", st, "string(//w:style[@w:styleId='Heading2']//w:rFonts/@w:eastAsia)",
                    "楷体_GB2312");
    CHECK_XPATH_STR("Heading2 outline level 1", st, "string(//w:style[@w:styleId='Heading2']//w:outlineLvl/@w:val)", "1");
    CHECK_XPATH_STR("body font 仿宋_GB2312", st, "string(//w:docDefaults//w:rFonts/@w:eastAsia)", "仿宋_GB2312");
    CHECK_XPATH_STR("body Latin font", st, "string(//w:docDefaults//w:rFonts/@w:ascii)", "Times New Roman");
    CHECK_XPATH_STR("body 三号", st, "string(//w:docDefaults//w:sz/@w:val)", "32");
    CHECK_XPATH_STR("Normal indent 2 characters", st, "string(//w:style[@w:styleId='Normal']//w:ind/@w:firstLineChars)", "200");
    CHECK_XPATH_STR("Normal exact line pitch", st, "string(//w:style[@w:styleId='Normal']//w:spacing/@w:line)", "578");
    CHECK_XPATH_STR("Normal letter spacing sets 28 characters a line of A4", st,
                    "string(//w:style[@w:styleId='Normal']/w:rPr/w:spacing/@w:val)", "-5");
    CHECK_XPATH_STR("Title 二号", st, "string(//w:style[@w:styleId='Title']//w:sz/@w:val)", "44");
    CHECK_XPATH_STR("Title font", st, "string(//w:style[@w:styleId='Title']//w:rFonts/@w:eastAsia)", "方正小标宋简体");
    CHECK("Attachment, Signature, Date styles",
          xpath_number(st, "count(//w:style[@w:styleId='Attachment' or @w:styleId='Signature' or @w:styleId='Date'])") == 3);
    CHECK_XPATH_STR("Attachment text indent", st, "string(//w:style[@w:styleId='Attachment']//w:ind/@w:left)", "1600");
    CHECK_XPATH_STR("Date right-aligned", st, "string(//w:style[@w:styleId='Date']//w:jc/@w:val)", "right");
    xmlFreeDoc(st);
}

/* Every row of the merged table covers the 4 grid columns; spans and
 * vertical merges are where the model put them. */
static void check_merged_table(xmlDocPtr doc, const char *what)
{
    char *name = g_strdup_printf("%s: 4 grid columns", what);
    CHECK(name, xpath_number(doc, "count((//w:tbl)[1]/w:tblGrid/w:gridCol)") == 4);
    g_free(name);
    gboolean rows_full = xpath_number(doc, "count((//w:tbl)[1]/w:tr)") == 5;
    for (int r = 1; r <= 5; r++) {
        char *cells = g_strdup_printf("count((//w:tbl)[1]/w:tr[%d]/w:tc[not(w:tcPr/w:gridSpan)])", r);
        char *spans = g_strdup_printf("sum((//w:tbl)[1]/w:tr[%d]/w:tc/w:tcPr/w:gridSpan/@w:val)", r);
        rows_full = rows_full && xpath_number(doc, cells) + xpath_number(doc, spans) == 4;
        g_free(cells);
        g_free(spans);
    }
    name = g_strdup_printf("%s: every row fills the grid", what);
    CHECK(name, rows_full);
    g_free(name);
    name = g_strdup_printf("%s: gridSpan 3 then 2, 2", what);
    CHECK(name, xpath_number(doc, "count((//w:tbl)[1]//w:gridSpan[@w:val='3'])") == 1 &&
                    xpath_number(doc, "count((//w:tbl)[1]//w:gridSpan[@w:val='2'])") == 2);
    g_free(name);
    name = g_strdup_printf("%s: vMerge restart + continue", what);
    CHECK(name, xpath_number(doc, "count((//w:tbl)[1]//w:vMerge[@w:val='restart'])") == 2 &&
                    xpath_number(doc, "count((//w:tbl)[1]//w:vMerge[not(@w:val)])") == 2 &&
                    xpath_number(doc, "count((//w:tbl)[1]/w:tr[2]/w:tc[1]/w:tcPr/w:vMerge[not(@w:val)])") == 1 &&
                    xpath_number(doc, "count((//w:tbl)[1]/w:tr[5]/w:tc[1]/w:tcPr/w:vMerge[not(@w:val)])") == 1);
    g_free(name);
    name = g_strdup_printf("%s: header rows repeat", what);
    CHECK(name, xpath_number(doc, "count((//w:tbl)[1]/w:tr/w:trPr/w:tblHeader)") == 2);
    g_free(name);
    name = g_strdup_printf("%s: full single border grid", what);
    CHECK(name, xpath_number(doc, "count((//w:tbl)[1]/w:tblPr/w:tblBorders/*[@w:val='single'][@w:sz='4'])") == 6);
    g_free(name);
    name = g_strdup_printf("%s: every cell ends with a paragraph", what);
    CHECK(name, xpath_number(doc, "count(//w:tc[not(*[last()][self::w:p])])") == 0);
    g_free(name);
}

static void check_document(Package *pkg)
{
    xmlDocPtr doc = part_xml(pkg, "word/document.xml");
    check_merged_table(doc, "full");
    CHECK_XPATH_STR("title paragraph style", doc, "string((//w:p)[1]/w:pPr/w:pStyle/@w:val)", "Title");
    CHECK_XPATH_STR("lead heading run style", doc, "string(//w:r[w:t='（一）加强组织领导。']/w:rPr/w:rStyle/@w:val)",
                    "Heading2Char");
    CHECK_XPATH_STR("bold run East Asian font", doc, "string(//w:r[w:t='粗体']/w:rPr/w:rFonts/@w:eastAsia)", "黑体");
    CHECK_XPATH_STR("bold run colour", doc, "string(//w:r[w:t='粗体']/w:rPr/w:color/@w:val)", "C00000");
    CHECK_XPATH_STR("superscript", doc, "string(//w:r[w:t='2']/w:rPr/w:vertAlign/@w:val)", "superscript");
    CHECK_XPATH_STR("highlight", doc, "string(//w:r[w:t='2']/w:rPr/w:highlight/@w:val)", "yellow");
    CHECK_XPATH_STR("internal link anchor", doc, "string(//w:hyperlink[w:r/w:t='见附件']/@w:anchor)", "attachments");
    CHECK("bookmark for the anchor", xpath_number(doc, "count(//w:bookmarkStart[@w:name='attachments'])") == 1);
    CHECK("a boxed paragraph's four borders, in the schema's order",
          xpath_number(doc, "count(//w:p[w:r/w:t='框内文字']/w:pPr/w:pBdr[*[1][self::w:top] and *[2][self::w:left] and "
                            "*[3][self::w:bottom] and *[4][self::w:right][@w:space='4'][@w:color='FF0000']])") == 1);
    CHECK("external link has a relationship", xpath_number(doc, "count(//w:hyperlink[w:r/w:t='政府网站']/@r:id)") == 1);
    CHECK("XML-illegal characters dropped", xpath_number(doc, "count(//w:t[starts-with(., 'badchar')])") == 1);
    CHECK("NUMPAGES field", xpath_number(doc, "count(//w:instrText[.=' NUMPAGES '])") == 1);
    CHECK("footnote reference", xpath_number(doc, "count(//w:footnoteReference[@w:id='1'])") == 1);
    CHECK("inline image extent from 20x10 px at 96 dpi",
          xpath_number(doc, "count(//wp:inline/wp:extent[@cx='190500'][@cy='95250'])") == 1);
    CHECK("block image scaled to the text width", xpath_number(doc, "//w:p[w:pPr/w:jc/@w:val='center']//wp:extent/@cx") ==
                                                      8845.0 / 20 * 12700);
    CHECK("decimal and Chinese lists numbered", xpath_number(doc, "count(//w:numPr)") == 5);
    CHECK("list without a number format keeps its labels", xpath_number(doc, "count(//w:t[.='丙、'])") == 1);
    CHECK_XPATH_STR("attachment label starts the first item", doc,
                    "string(//w:p[w:pPr/w:pStyle/@w:val='Attachment'][1]/w:r[1]/w:t)", "附件：");
    CHECK("attachments are not headings", xpath_number(doc, "count(//w:p[w:pPr/w:pStyle/@w:val='Attachment'])") == 2);
    CHECK_XPATH_STR("first attachment hangs its label", doc,
                    "string(//w:p[w:pPr/w:pStyle/@w:val='Attachment'][1]/w:pPr/w:ind/@w:hanging)", "960");
    CHECK("second attachment aligned under the first's text (by its style)",
          xpath_number(doc, "count(//w:p[w:pPr/w:pStyle/@w:val='Attachment'][2]/w:pPr/w:ind)") == 0);
    CHECK_XPATH_STR("signature style", doc, "string(//w:p[w:r/w:t='测试区人民政府']/w:pPr/w:pStyle/@w:val)", "Signature");
    CHECK("two sections", xpath_number(doc, "count(//w:sectPr)") == 2);
    CHECK_XPATH_STR("A4 width", doc, "string((//w:sectPr)[1]/w:pgSz/@w:w)", "11906");
    CHECK_XPATH_STR("top margin 37 mm", doc, "string((//w:sectPr)[1]/w:pgMar/@w:top)", "2098");
    CHECK_XPATH_STR("left margin 28 mm", doc, "string((//w:sectPr)[1]/w:pgMar/@w:left)", "1587");
    CHECK_XPATH_STR("right margin 26 mm", doc, "string((//w:sectPr)[1]/w:pgMar/@w:right)", "1474");
    CHECK_XPATH_STR("bottom margin 35 mm", doc, "string((//w:sectPr)[1]/w:pgMar/@w:bottom)", "1984");
    CHECK_XPATH_STR("A4 height", doc, "string((//w:sectPr)[1]/w:pgSz/@w:h)", "16838");
    CHECK_XPATH_STR("line grid", doc, "string((//w:sectPr)[1]/w:docGrid/@w:linePitch)", "579");
    CHECK_XPATH_STR("landscape section", doc, "string(/w:document/w:body/w:sectPr/w:pgSz/@w:orient)", "landscape");
    CHECK("section header referenced", xpath_number(doc, "count((//w:sectPr)[2]/w:headerReference[@w:type='default'])") == 1);
    CHECK("section's own footer serves even pages too",
          xpath_number(doc, "count((//w:sectPr)[2]/w:footerReference)") == 2 &&
              xpath_number(doc, "count((//w:sectPr)[2]/w:footerReference[@r:id = ../w:footerReference[@w:type='even']/@r:id])") == 2);
    CHECK("even and odd footers referenced",
          xpath_number(doc, "count(/w:document/w:body/w:sectPr/w:footerReference[@w:type='even' or @w:type='default'])") == 2);
    xmlFreeDoc(doc);
}

static void check_other_parts(Package *pkg)
{
    xmlDocPtr settings = part_xml(pkg, "word/settings.xml");
    CHECK("settings: even and odd headers", xpath_number(settings, "count(//w:evenAndOddHeaders)") == 1);
    xmlFreeDoc(settings);
    xmlDocPtr footer = part_xml(pkg, "word/footer1.xml");
    CHECK("footer PAGE field", xpath_number(footer, "count(//w:instrText[.=' PAGE '])") == 1);
    CHECK("footer prints — N —", xpath_number(footer, "count(//w:r[1]/w:t[.='— '])") == 1 &&
                                     xpath_number(footer, "count(//w:r[last()]/w:t[.=' —'])") == 1 &&
                                     xpath_number(footer, "count(//w:r[5]/w:t[.='1'])") == 1);
    CHECK_XPATH_STR("odd page number at the right", footer, "string(//w:jc/@w:val)", "right");
    xmlFreeDoc(footer);
    xmlDocPtr even = part_xml(pkg, "word/footer2.xml");
    CHECK_XPATH_STR("even page number at the left", even, "string(//w:jc/@w:val)", "left");
    xmlFreeDoc(even);
    xmlDocPtr header = part_xml(pkg, "word/header3.xml");
    CHECK_XPATH_STR("model header text", header, "string(//w:t)", "页眉文字");
    CHECK_XPATH_STR("model header style", header, "string(//w:pStyle/@w:val)", "Header");
    xmlFreeDoc(header);
    xmlDocPtr model_footer = part_xml(pkg, "word/footer4.xml");
    CHECK("model footer PAGE field", xpath_number(model_footer, "count(//w:instrText[.=' PAGE '])") == 1);
    xmlFreeDoc(model_footer);
    xmlDocPtr notes = part_xml(pkg, "word/footnotes.xml");
    CHECK("footnote separators and body", xpath_number(notes, "count(//w:footnote)") == 3 &&
                                              xpath_number(notes, "count(//w:footnote[@w:id='1']//w:footnoteRef)") == 1);
    xmlFreeDoc(notes);
    xmlDocPtr numbering = part_xml(pkg, "word/numbering.xml");
    CHECK_XPATH_STR("decimal list", numbering, "string(//w:abstractNum[1]/w:lvl[1]/w:lvlText/@w:val)", "%1.");
    CHECK_XPATH_STR("Chinese list format", numbering, "string(//w:abstractNum[2]/w:lvl[1]/w:numFmt/@w:val)",
                    "chineseCounting");
    CHECK_XPATH_STR("Chinese list text", numbering, "string(//w:abstractNum[2]/w:lvl[1]/w:lvlText/@w:val)", "（%1）");
    xmlFreeDoc(numbering);
    xmlDocPtr core = part_xml(pkg, "docProps/core.xml");
    CHECK_XPATH_STR("core title", core, "string(//dc:title)", "测试区2022年政府信息公开工作年度报告");
    CHECK_XPATH_STR("core creator = issuer", core, "string(//dc:creator)", "测试区人民政府");
    CHECK_XPATH_STR("core created = document date", core, "string(//dcterms:created)", "2023-01-31T00:00:00Z");
    xmlFreeDoc(core);
    xmlDocPtr custom = part_xml(pkg, "docProps/custom.xml");
    CHECK_XPATH_STR("custom 文号", custom, "string(//cu:property[@name='文号']/vt:lpwstr)", "测府〔2023〕1号");
    CHECK_XPATH_STR("custom validity status", custom, "string(//cu:property[@name='文件状态']/vt:lpwstr)", "有效");
    CHECK_XPATH_STR("custom property of the document", custom, "string(//cu:property[@name='密级']/vt:lpwstr)", "公开");
    CHECK("custom property ids from 2", xpath_number(custom, "count(//cu:property[@pid='2'])") == 1);
    xmlFreeDoc(custom);
    zip_stat_t st;
    CHECK("image part", zip_stat(pkg->za, "word/media/image1.png", 0, &st) == 0 &&
                            zip_stat(pkg->za, "word/media/image2.png", 0, &st) < 0);
}

static void check_json(GwDocument *doc)
{
    char *json = gw_document_to_json(doc);
    CHECK("json: cell spans", strstr(json, "\"kind\":\"table_cell\",\"col\":1,\"colspan\":3,\"rowspan\":1") != NULL);
    CHECK("json: control characters escaped", strstr(json, "bad\\u0001char\xef\xbf\xbd.") != NULL);
    CHECK("json: lead run", strstr(json, "\"text\":\"（一）加强组织领导。\",\"lead\":true") != NULL);
    CHECK("json: meta", strstr(json, "\"number\":\"测府〔2023〕1号\"") != NULL);
    CHECK("json: unset values omitted", strstr(json, "nan") == NULL && strstr(json, "\"size\"") == NULL);
    CHECK("json: unset column widths are null", strstr(json, "\"columns\":[null,null,null,null]") != NULL);
    g_free(json);
}

/* ---- odd and hostile documents ------------------------------------------ */

static gboolean docx_valid(GBytes *bytes, const char *expr, double want)
{
    Package pkg;
    if (!bytes || !package_open(&pkg, bytes))
        return FALSE;
    xmlDocPtr doc = part_xml(&pkg, "word/document.xml");
    gboolean ok = doc && xpath_number(doc, expr) == want;
    xmlFreeDoc(doc);
    package_close(&pkg);
    return ok;
}

static void check_odd_documents(void)
{
    GwDocument *empty = gw_document_new();
    CHECK("empty document: body still has a paragraph",
          docx_valid(gw_write_docx_bytes(empty, NULL), "count(/w:document/w:body/w:p)", 1));
    gw_document_free(empty);

    GwDocument *deep = gw_document_new();
    GwBlock *outer = gw_block_new(GW_BLOCK_QUOTE), *b = outer;
    for (int i = 0; i < 100000; i++) {
        GwBlock *inner = gw_block_new(i % 2 ? GW_BLOCK_QUOTE : GW_BLOCK_LIST_ITEM);
        gw_block_append(b, inner);
        b = inner;
    }
    gw_block_append(b, text_block(GW_BLOCK_PARAGRAPH, 0, "深处"));
    gw_document_append(deep, outer);
    CHECK("100000 nested blocks: flattened, text kept",
          docx_valid(gw_write_docx_bytes(deep, NULL), "count(//w:t[.='深处'])", 1));
    char *json = gw_document_to_json(deep);
    CHECK("100000 nested blocks: JSON", json && strstr(json, "深处"));
    g_free(json);
    gw_document_free(deep);

    GwDocument *spans = gw_document_new();
    GwBlock *t = gw_block_new(GW_BLOCK_TABLE);
    GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
    gw_block_append(row, text_cell(G_MAXUINT, G_MAXUINT, G_MAXUINT, "巨"));
    gw_block_append(row, text_cell(0, 2, 1, "左"));
    gw_block_append(t, row);
    gw_block_append(t, gw_block_new(GW_BLOCK_TABLE_ROW));
    gw_document_append(spans, t);
    CHECK("absurd spans clamped to 1000 grid columns",
          docx_valid(gw_write_docx_bytes(spans, NULL), "count(//w:gridCol)", 1000));
    gw_document_free(spans);

    GwDocument *doc = merged_table_document();
    g_setenv("SOURCE_DATE_EPOCH", "1675123200", TRUE);
    GBytes *a = gw_write_docx_bytes(doc, NULL), *b2 = gw_write_docx_bytes(doc, NULL);
    g_unsetenv("SOURCE_DATE_EPOCH");
    CHECK("SOURCE_DATE_EPOCH: identical bytes", a && b2 && g_bytes_equal(a, b2));
    Package pkg;
    if (a && package_open(&pkg, g_bytes_ref(a))) {
        xmlDocPtr core = part_xml(&pkg, "docProps/core.xml");
        CHECK_XPATH_STR("core modified = SOURCE_DATE_EPOCH", core, "string(//dcterms:modified)", "2023-01-31T00:00:00Z");
        xmlFreeDoc(core);
        package_close(&pkg);
    }
    g_bytes_unref(a);
    g_bytes_unref(b2);
    gw_document_free(doc);
}

/* A text box is written as a Word 2010 shape whose text is its blocks, and
 * read back as a text box. */
static void check_text_box(void)
{
    GwDocument *doc = gw_document_new();
    gw_document_append(doc, text_block(GW_BLOCK_PARAGRAPH, 0, "正文"));
    GwBlock *box = gw_block_new(GW_BLOCK_TEXT_BOX);
    gw_block_append(box, text_block(GW_BLOCK_PARAGRAPH, 0, "框内"));
    gw_document_append(doc, box);
    GBytes *bytes = gw_write_docx_bytes(doc, NULL);
    CHECK("text box: its paragraph in w:txbxContent",
          docx_valid(g_bytes_ref(bytes), "count(//w:txbxContent/w:p[.//w:t='框内'])", 1));
    CHECK("text box: not a paragraph of the body", docx_valid(g_bytes_ref(bytes), "count(/w:document/w:body/w:p/w:r/w:t[.='框内'])", 0));
    gsize len;
    const char *data = g_bytes_get_data(bytes, &len);
    GwDocument *back = gw_read_docx(data, len, "box.docx", NULL, NULL);
    GwBlock *read = back && gw_document_n_blocks(back) == 2 ? gw_document_get_block(back, 1) : NULL;
    char *text = read ? gw_block_get_text(read) : NULL;
    CHECK("text box: read back as a text box", read && gw_block_get_kind(read) == GW_BLOCK_TEXT_BOX);
    CHECK_STR("text box: its text", text, "框内");
    g_free(text);
    gw_document_free(back);
    g_bytes_unref(bytes);
    gw_document_free(doc);
}

/* A picture gongwen does not draw (an EMF chart) is written back as it came,
 * with its content type. */
static void check_other_pictures(void)
{
    static const char emf[44] = { 1, 0, 0, 0, [40] = ' ', 'E', 'M', 'F' };
    GwDocument *doc = gw_document_new();
    GwBlock *p = text_block(GW_BLOCK_PARAGRAPH, 0, "图");
    GBytes *bytes = g_bytes_new_static(emf, sizeof emf);
    GwRun *run = gw_run_new(GW_RUN_IMAGE, NULL);
    gw_run_set_image(run, gw_image_new(bytes, "image/x-emf", 72, 36));
    g_bytes_unref(bytes);
    gw_block_append_run(p, run);
    gw_document_append(doc, p);
    Package pkg;
    GBytes *docx = gw_write_docx_bytes(doc, NULL);
    if (docx && package_open(&pkg, docx)) {
        gsize len = 0;
        char *media = part_data(&pkg, "word/media/image1.emf", &len);
        CHECK("other pictures: the EMF's bytes kept", media && len == sizeof emf && memcmp(media, emf, len) == 0);
        g_free(media);
        xmlDocPtr types = part_xml(&pkg, "[Content_Types].xml");
        CHECK_XPATH_STR("other pictures: the EMF's content type", types, "string(//ct:Default[@Extension='emf']/@ContentType)",
                        "image/x-emf");
        xmlFreeDoc(types);
        package_close(&pkg);
    } else {
        CHECK("other pictures: a DOCX", FALSE);
    }
    gw_document_free(doc);
}

/* ---- output atomicity --------------------------------------------------- */

static guint dir_entries(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    guint n = 0;
    while (d && g_dir_read_name(d))
        n++;
    if (d)
        g_dir_close(d);
    return n;
}

static void read_only_checks(GwDocument *doc, const char *dir)
{
    char *path = g_build_filename(dir, "out.docx", NULL);
    GError *error = NULL;
    CHECK("read-only folder fails", !gw_write_docx(doc, path, &error));
    CHECK("read-only folder: error names the path", error && strstr(error->message, path));
    CHECK("read-only folder: nothing written", dir_entries(dir) == 0);
    g_clear_error(&error);
    g_free(path);
}

/* Root writes anywhere: it checks as "nobody" in a child process. */
static void check_read_only(GwDocument *doc, const char *dir)
{
    if (geteuid() != 0) {
        read_only_checks(doc, dir);
        return;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0) {
            printf("SKIP: read-only folder: cannot drop root\n");
            _exit(0);
        }
        harness_failed = 0; /* report this child's checks only */
        read_only_checks(doc, dir);
        fflush(stdout);
        _exit(harness_failed);
    }
    int status = 0;
    CHECK("read-only folder: checked as nobody", pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
                                                     WEXITSTATUS(status) == 0);
}

static void check_output(GwDocument *doc)
{
    char *tmp = g_dir_make_tmp("gw-docx-XXXXXX", NULL);
    char *missing = g_build_filename(tmp, "no-such-dir", "out.docx", NULL);
    GError *error = NULL;
    CHECK("missing folder fails", !gw_write_docx(doc, missing, &error));
    CHECK("missing folder: error names the path", error && strstr(error->message, missing));
    g_clear_error(&error);
    CHECK("missing folder: nothing written", dir_entries(tmp) == 0);

    char *good = g_build_filename(tmp, "out.docx", NULL);
    CHECK("writes a file", gw_write_docx(doc, good, &error) && g_file_test(good, G_FILE_TEST_IS_REGULAR));
    CHECK("no temporary left", dir_entries(tmp) == 1);
    g_clear_error(&error);

    char *ro_dir = g_build_filename(tmp, "read-only", NULL);
    g_mkdir(ro_dir, 0555);
    g_chmod(tmp, 0755);
    check_read_only(doc, ro_dir);
    g_rmdir(ro_dir);
    g_unlink(good);
    g_rmdir(tmp);
    g_free(ro_dir);
    g_free(good);
    g_free(missing);
    g_free(tmp);
}

/* ---- main ------------------------------------------------------------------- */

static void save_fixture(const char *dir, const char *name, GBytes *bytes)
{
    char *path = g_build_filename(dir, name, NULL);
    GError *error = NULL;
    if (!g_file_set_contents(path, g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes), &error)) {
        printf("FAIL: save %s: %s\n", path, error->message);
        harness_failed = 1;
        g_error_free(error);
    }
    g_free(path);
}

static void save_fixtures(GwDocument *full, GBytes *full_docx, GBytes *merged_docx)
{
    const char *dir = g_getenv("GW_FIXTURE_OUT");
    if (!dir)
        return;
    save_fixture(dir, "full.docx", full_docx);
    save_fixture(dir, "merged-table.docx", merged_docx);
    char *json = gw_document_to_json(full);
    GBytes *bytes = g_bytes_new_take(json, strlen(json));
    save_fixture(dir, "full.json", bytes);
    g_bytes_unref(bytes);
}

int main(void)
{
    GError *error = NULL;
    GwDocument *full = full_document();
    GBytes *full_docx = gw_write_docx_bytes(full, &error);
    CHECK("full document written", full_docx != NULL);
    GwDocument *merged = merged_table_document();
    GBytes *merged_docx = gw_write_docx_bytes(merged, &error);
    CHECK("merged-table document written", merged_docx != NULL);
    if (!full_docx || !merged_docx) {
        printf("FAIL: %s\n", error ? error->message : "?");
        return 1;
    }
    save_fixtures(full, full_docx, merged_docx);

    Package pkg;
    CHECK("package reopens with libzip", package_open(&pkg, g_bytes_ref(full_docx)));
    if (!pkg.za)
        return 1;
    check_well_formed(&pkg);
    check_rels_targets(&pkg);
    check_content_types(&pkg);
    check_styles(&pkg);
    check_document(&pkg);
    check_other_parts(&pkg);
    package_close(&pkg);

    CHECK("merged-table package reopens", package_open(&pkg, g_bytes_ref(merged_docx)));
    if (!pkg.za)
        return 1;
    xmlDocPtr doc = part_xml(&pkg, "word/document.xml");
    check_merged_table(doc, "merged");
    CHECK("no numbering part without lists", !part_data(&pkg, "word/numbering.xml", NULL));
    CHECK("no custom part without custom properties", !part_data(&pkg, "docProps/custom.xml", NULL));
    xmlFreeDoc(doc);
    package_close(&pkg);

    check_json(full);
    check_odd_documents();
    check_text_box();
    check_other_pictures();
    check_output(merged);
    g_bytes_unref(full_docx);
    g_bytes_unref(merged_docx);
    gw_document_free(full);
    gw_document_free(merged);
    xmlCleanupParser();
    return HARNESS_RESULT();
}
