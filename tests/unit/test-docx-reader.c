/* test-docx-reader.c: the DOCX reader on packages built here with libzip:
 * number formats, numbering, style inheritance, tables, tracked changes,
 * fields, notes, sections, text boxes, properties, and hostile input. */
#include <zip.h>
#include "harness.h"
#include "gongwen/gongwen.h"
#include "../../lib/read-docx.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
             "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " \
             "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" " \
             "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" " \
             "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" " \
             "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " \
             "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " \
             "xmlns:v=\"urn:schemas-microsoft-com:vml\""

#define REL(id, type, target) \
    "<Relationship Id=\"" id "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" type \
    "\" Target=\"" target "\"/>"
#define RELS(body) \
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" body \
    "</Relationships>"
#define PKG_RELS RELS(REL("rId1", "officeDocument", "word/document.xml"))

/* The bytes a kept zip source holds after zip_close; frees the source. */
static GBytes *source_bytes(zip_source_t *src)
{
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t len = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *buf = g_malloc((gsize) len);
    zip_source_read(src, buf, (zip_uint64_t) len);
    zip_source_close(src);
    zip_source_free(src);
    return g_bytes_new_take(buf, (gsize) len);
}

/* A zip in memory from name/content pairs (NULL-terminated); a content of
 * "@zeros:N" is N zero bytes, "@spaces:N" a document of N spaces. */
static GBytes *make_zip(const char *const *files)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    for (int i = 0; files[i]; i += 2) {
        const char *content = files[i + 1];
        gsize len = strlen(content);
        void *data = (void *) content;
        if (g_str_has_prefix(content, "@zeros:")) {
            len = (gsize) g_ascii_strtoull(content + 7, NULL, 10);
            data = g_malloc0(len);
        } else if (g_str_has_prefix(content, "@spaces:")) {
            len = (gsize) g_ascii_strtoull(content + 8, NULL, 10);
            data = g_malloc(len);
            memset(data, ' ', len);
            memcpy(data, "<w:document " W_NS ">", strlen("<w:document " W_NS ">"));
        }
        zip_source_t *s = zip_source_buffer(z, data, len, data != content);
        zip_file_add(z, files[i], s, ZIP_FL_OVERWRITE);
    }
    zip_close(z);
    zip_error_fini(&ze);
    return source_bytes(src);
}

static GwDocument *read_files(const char *const *files, const GwReadOptions *opts, GError **error)
{
    GBytes *zip = make_zip(files);
    gsize len;
    const char *data = g_bytes_get_data(zip, &len);
    GwDocument *doc = gw_read_docx(data, len, "test.docx", opts, error);
    g_bytes_unref(zip);
    return doc;
}

/* A package with a document body and optional styles and numbering. */
static GwDocument *read_body_with(const char *body, const char *styles, const char *numbering, GError **error)
{
    char *document = g_strconcat("<?xml version=\"1.0\"?><w:document " W_NS "><w:body>", body, "</w:body></w:document>", NULL);
    const char *files[] = {
        "_rels/.rels", PKG_RELS,
        "word/_rels/document.xml.rels",
        RELS(REL("rIdS", "styles", "styles.xml") REL("rIdN", "numbering", "numbering.xml")
             REL("rIdL", "hyperlink", "http://example.org/") REL("rIdF", "footnotes", "footnotes.xml")
             REL("rIdE", "endnotes", "endnotes.xml")
             REL("rIdI", "image", "media/image1.png") REL("rIdG", "image", "media/image2.gif")),
        "word/document.xml", document,
        "word/styles.xml", styles ? styles : "<w:styles " W_NS "/>",
        "word/numbering.xml", numbering ? numbering : "<w:numbering " W_NS "/>",
        "word/footnotes.xml",
        "<w:footnotes " W_NS "><w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
        "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> Note text.</w:t></w:r></w:p></w:footnote></w:footnotes>",
        "word/endnotes.xml",
        "<w:endnotes " W_NS "><w:endnote w:id=\"1\"><w:p><w:r><w:t>End.</w:t></w:r></w:p></w:endnote></w:endnotes>",
        "word/media/image1.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x02\0\0\0\x03",
        "word/media/image2.gif", "GIF89a",
        NULL,
    };
    GwDocument *doc = read_files(files, NULL, error);
    g_free(document);
    return doc;
}

/* read_body_with, checked as `what`: NULL (and a FAIL) when it fails. */
static GwDocument *read_checked(const char *what, const char *body, const char *styles, const char *numbering)
{
    GError *error = NULL;
    GwDocument *doc = read_body_with(body, styles, numbering, &error);
    CHECK(what, doc != NULL);
    if (!doc)
        g_error_free(error);
    return doc;
}

/* `doc` (freed) through gongwen's DOCX writer and back; NULL on failure. */
static GwDocument *round_trip(GwDocument *doc, const char *name)
{
    GBytes *docx = gw_write_docx_bytes(doc, NULL);
    gw_document_free(doc);
    if (!docx)
        return NULL;
    gsize len = 0;
    const char *data = g_bytes_get_data(docx, &len);
    GwDocument *back = gw_read_docx(data, len, name, NULL, NULL);
    g_bytes_unref(docx);
    return back;
}

static GwDocument *read_body(const char *body)
{
    GError *error = NULL;
    GwDocument *doc = read_body_with(body, NULL, NULL, &error);
    if (!doc) {
        printf("FAIL: read: %s\n", error->message);
        g_error_free(error);
        harness_failed = 1;
    }
    return doc;
}

static char *text_of(GwDocument *doc)
{
    return doc ? gw_document_to_text(doc) : g_strdup("(no document)");
}

#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"

/* ---- number formats ------------------------------------------------------ */

static void check_format(const char *fmt, int n, const char *want)
{
    char *got = gwi_format_number(fmt, n);
    char *name = g_strdup_printf("format %s %d", fmt, n);
    CHECK_STR(name, got, want);
    g_free(name);
    g_free(got);
}

static void test_number_formats(void)
{
    static const struct {
        const char *fmt;
        int n;
        const char *want;
    } cases[] = {
        { "decimal", 7, "7" },
        { "decimalZero", 5, "05" },
        { "chineseCounting", 1, "一" },
        { "chineseCounting", 10, "十" },
        { "chineseCounting", 11, "十一" },
        { "chineseCounting", 20, "二十" },
        { "chineseCounting", 21, "二十一" },
        { "chineseCounting", 99, "九十九" },
        { "chineseCountingThousand", 100, "一百" },
        { "chineseCountingThousand", 101, "一百零一" },
        { "chineseCountingThousand", 110, "一百一十" },
        { "chineseCountingThousand", 1001, "一千零一" },
        { "chineseCountingThousand", 10001, "一万零一" },
        { "chineseLegalSimplified", 11, "壹拾壹" },
        { "ideographTraditional", 1, "甲" },
        { "ideographTraditional", 3, "丙" },
        { "ideographTraditional", 10, "癸" },
        { "decimalEnclosedCircle", 1, "①" },
        { "decimalEnclosedCircle", 20, "⑳" },
        { "decimalEnclosedCircle", 21, "㉑" },
        { "decimalEnclosedCircle", 51, "51" },
        { "upperLetter", 1, "A" },
        { "upperLetter", 27, "AA" },
        { "lowerLetter", 3, "c" },
        { "lowerRoman", 4, "iv" },
        { "upperRoman", 1999, "MCMXCIX" },
        { "numberInDash", 7, "- 7 -" },
        { "bullet", 3, "" },
        { "unknownFormat", 3, "3" },
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++)
        check_format(cases[i].fmt, cases[i].n, cases[i].want);
}

/* ---- numbering ----------------------------------------------------------- */

#define NUMBERING \
    "<w:numbering " W_NS ">" \
    "<w:abstractNum w:abstractNumId=\"0\">" \
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:suff w:val=\"nothing\"/></w:lvl>" \
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>" \
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>" \
    "</w:abstractNum>" \
    "<w:abstractNum w:abstractNumId=\"1\">" \
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl>" \
    "</w:abstractNum>" \
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>" \
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>" \
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/></w:num>" \
    "</w:numbering>"

#define NP(num, lvl, text) \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num "\"/></w:numPr></w:pPr>" \
    "<w:r><w:t>" text "</w:t></w:r></w:p>"

/* A template of 300 counters in Chinese counting gives a label cut to 256
 * bytes of whole characters, not 300 numbers. */
static void test_long_label(void)
{
    GString *numbering = g_string_new("<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">"
                                      "<w:start w:val=\"123456\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"");
    for (int i = 0; i < 300; i++)
        g_string_append(numbering, "%1");
    g_string_append(numbering, "\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
                               "</w:numbering>");
    GwDocument *doc = read_checked("numbering: long template read", NP(1, 0, "项"), NULL, numbering->str);
    g_string_free(numbering, TRUE);
    if (!doc)
        return;
    const char *label = gw_block_get_label(gw_block_get_child(gw_document_get_block(doc, 0), 0));
    CHECK("numbering: a long label is cut to 256 bytes of whole characters",
          label && strlen(label) <= 256 && strlen(label) > 200 && g_utf8_validate(label, -1, NULL));
    gw_document_free(doc);
}

/* Bulleted items in text carry LibreOffice's bullet of their level, not
 * the document's character (a box, a Wingdings code, a blank). */
static void test_bullets_in_text(void)
{
    const char *numbering =
        "<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\">"
        "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u2610\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"o\"/></w:lvl>"
        "<w:lvl w:ilvl=\"2\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xa7\"/></w:lvl>"
        "<w:lvl w:ilvl=\"3\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\" \"/></w:lvl>"
        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
    GwDocument *doc = read_checked("bullets: read", NP(1, 0, "a") NP(1, 1, "b") NP(1, 2, "c") NP(1, 3, "d"), NULL,
                                   numbering);
    if (!doc)
        return;
    char *text = text_of(doc);
    CHECK_STR("bullets: LibreOffice's by level", text, "\u2022   a\n    \u25e6   b\n        \u25aa   c\n            \u2022   d\n");
    CHECK_STR("bullets: the document's own kept in the model",
              gw_block_get_label(gw_block_get_child(gw_document_get_block(doc, 0), 0)), "\u2610");
    g_free(text);
    gw_document_free(doc);
}

static void test_numbering(void)
{
    const char *body = NP(1, 0, "甲") NP(1, 1, "乙") NP(1, 1, "丙") NP(1, 0, "丁") NP(1, 1, "戊") NP(1, 2, "己")
        NP(2, 0, "庚") NP(1, 0, "辛") NP(3, 0, "点");
    GwDocument *doc = read_checked("numbering: read", body, NULL, NUMBERING);
    if (!doc)
        return;
    char *text = text_of(doc);
    CHECK_STR("numbering: labels", text,
              "一、 甲\n     （一） 乙\n     （二） 丙\n二、 丁\n     （一） 戊\n            1.  己\n五、 庚\n六、 辛\n\n•   点\n");
    GwBlock *list = gw_document_get_block(doc, 0);
    CHECK_INT("numbering: a list", gw_block_get_kind(list), GW_BLOCK_LIST);
    CHECK("numbering: ordered", gw_block_get_ordered(list));
    GwBlock *nested = gw_block_get_child(gw_block_get_child(list, 0), 1);
    CHECK("numbering: nested list in the item", nested && gw_block_get_kind(nested) == GW_BLOCK_LIST);
    GwBlock *bullets = gw_document_get_block(doc, gw_document_n_blocks(doc) - 1);
    CHECK_STR("numbering: Symbol bullet as Unicode", gw_block_get_label(gw_block_get_child(bullets, 0)), "•");
    g_free(text);
    gw_document_free(doc);
}

static void test_numbered_heading(void)
{
    const char *styles = "<w:styles " W_NS "><w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:name w:val=\"heading 1\"/>"
                         "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style></w:styles>";
    const char *body = "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>"
                       "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>主要任务</w:t></w:r></w:p>";
    GwDocument *doc = read_body_with(body, styles, NUMBERING, NULL);
    GwBlock *h = doc ? gw_document_get_block(doc, 1) : NULL;
    CHECK("numbered heading: a heading", h && gw_block_get_kind(h) == GW_BLOCK_HEADING && gw_block_get_level(h) == 1);
    char *text = h ? gw_block_get_text(h) : NULL;
    CHECK_STR("numbered heading: label leads", text, "二、主要任务");
    CHECK_STR("numbered heading: style name", h ? gw_block_get_style(h)->style_name : NULL, "heading 1");
    g_free(text);
    gw_document_free(doc);
}

/* ---- styles --------------------------------------------------------------- */

#define STYLES \
    "<w:styles " W_NS ">" \
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/></w:rPr></w:rPrDefault></w:docDefaults>" \
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>" \
    "<w:pPr><w:ind w:firstLineChars=\"200\"/><w:spacing w:line=\"560\" w:lineRule=\"exact\"/></w:pPr></w:style>" \
    "<w:style w:type=\"paragraph\" w:styleId=\"A\"><w:name w:val=\"A\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:b/></w:rPr></w:style>" \
    "<w:style w:type=\"paragraph\" w:styleId=\"B\"><w:name w:val=\"B\"/><w:basedOn w:val=\"A\"/>" \
    "<w:pPr><w:jc w:val=\"both\"/></w:pPr><w:rPr><w:sz w:val=\"44\"/><w:rFonts w:eastAsia=\"方正小标宋简体\"/></w:rPr></w:style>" \
    "<w:style w:type=\"paragraph\" w:styleId=\"X\"><w:name w:val=\"X\"/><w:basedOn w:val=\"Y\"/><w:rPr><w:i/></w:rPr></w:style>" \
    "<w:style w:type=\"paragraph\" w:styleId=\"Y\"><w:name w:val=\"Y\"/><w:basedOn w:val=\"X\"/><w:rPr><w:u w:val=\"single\"/></w:rPr></w:style>" \
    "<w:style w:type=\"paragraph\" w:styleId=\"T\"><w:name w:val=\"Title\"/></w:style>" \
    "<w:style w:type=\"paragraph\" w:styleId=\"O\"><w:name w:val=\"Custom\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>" \
    "<w:style w:type=\"character\" w:styleId=\"Red\"><w:name w:val=\"Red\"/><w:rPr><w:color w:val=\"FF0000\"/></w:rPr></w:style>" \
    "</w:styles>"

static void test_styles(void)
{
    const char *body =
        "<w:p><w:pPr><w:pStyle w:val=\"B\"/><w:ind w:left=\"480\"/></w:pPr>"
        "<w:r><w:t>plain</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"Red\"/><w:b w:val=\"0\"/></w:rPr><w:t>red</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"X\"/></w:pPr><w:r><w:t>cycle</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"T\"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"O\"/></w:pPr><w:r><w:t>outline</w:t></w:r></w:p>";
    GwDocument *doc = read_body_with(body, STYLES, NULL, NULL);
    CHECK("styles: read", doc != NULL);
    if (!doc)
        return;
    GwBlock *p = gw_document_get_block(doc, 0);
    GwParaStyle *ps = gw_block_get_style(p);
    CHECK("styles: size from B", ps->run.size == 22);
    CHECK_INT("styles: bold from A", ps->run.bold, 1);
    CHECK_STR("styles: East Asian font from B", ps->run.font_ea, "方正小标宋简体");
    CHECK_STR("styles: Latin font from defaults", ps->run.font, "Times New Roman");
    CHECK("styles: first-line chars from Normal", ps->indent_first_chars == 2);
    CHECK("styles: exact line from Normal", ps->line_exact == 28);
    CHECK("styles: direct indent", ps->indent_left == 24);
    CHECK_INT("styles: justified", ps->align, GW_ALIGN_JUSTIFY);
    GwRun *red = gw_block_get_run(p, 1);
    CHECK_INT("styles: character style colour", red ? gw_run_get_style(red)->color : 0, 0xFF0000);
    CHECK_INT("styles: direct bold off", red ? gw_run_get_style(red)->bold : -1, 0);
    GwBlock *cycle = gw_document_get_block(doc, 1);
    CHECK("styles: basedOn cycle read", cycle && gw_block_get_kind(cycle) == GW_BLOCK_PARAGRAPH);
    CHECK_INT("styles: Title style", gw_block_get_kind(gw_document_get_block(doc, 2)), GW_BLOCK_TITLE);
    GwBlock *o = gw_document_get_block(doc, 3);
    CHECK("styles: outline level makes a heading", gw_block_get_kind(o) == GW_BLOCK_HEADING && gw_block_get_level(o) == 2);
    gw_document_free(doc);
}

static void test_theme_fonts(void)
{
    const char *files[] = {
        "_rels/.rels", PKG_RELS,
        "word/_rels/document.xml.rels", RELS(REL("rT", "theme", "theme/theme1.xml")),
        "word/theme/theme1.xml",
        "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:themeElements><a:fontScheme>"
        "<a:majorFont><a:latin typeface=\"Cambria\"/><a:ea typeface=\"\"/><a:font script=\"Hans\" typeface=\"黑体\"/></a:majorFont>"
        "<a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:font script=\"Hans\" typeface=\"宋体\"/></a:minorFont>"
        "</a:fontScheme></a:themeElements></a:theme>",
        "word/document.xml",
        "<w:document " W_NS "><w:body><w:p><w:r><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" w:eastAsiaTheme=\"majorEastAsia\"/></w:rPr>"
        "<w:t>A</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋\" w:hint=\"eastAsia\"/></w:rPr>"
        "<w:t>“”</w:t></w:r></w:p></w:body></w:document>",
        NULL,
    };
    GwDocument *doc = read_files(files, NULL, NULL);
    GwBlock *p = doc ? gw_document_get_block(doc, 0) : NULL;
    GwRunStyle *a = p ? gw_run_get_style(gw_block_get_run(p, 0)) : NULL;
    /* The run's own font, or the paragraph's when they are the same. */
    CHECK_STR("theme: minor Latin font", a && a->font ? a->font : p ? gw_block_get_style(p)->run.font : NULL, "Calibri");
    CHECK_STR("theme: major East Asian font (Hans)", a ? a->font_ea : NULL, "黑体");
    GwRunStyle *q = p ? gw_run_get_style(gw_block_get_run(p, 1)) : NULL;
    CHECK_STR("hint eastAsia: quotes in the East Asian font", q ? q->font : NULL, "仿宋");
    gw_document_free(doc);

    /* The settings' theme font language picks the script's face. */
    const char *japanese[] = {
        "_rels/.rels", PKG_RELS,
        "word/_rels/document.xml.rels", RELS(REL("rT", "theme", "theme/theme1.xml") REL("rS", "settings", "settings.xml")),
        "word/theme/theme1.xml",
        "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:themeElements><a:fontScheme>"
        "<a:majorFont><a:latin typeface=\"Cambria\"/><a:ea typeface=\"\"/><a:font script=\"Hans\" typeface=\"黑体\"/>"
        "<a:font script=\"Jpan\" typeface=\"ＭＳ 明朝\"/></a:majorFont></a:fontScheme></a:themeElements></a:theme>",
        "word/settings.xml", "<w:settings " W_NS "><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"ja-JP\"/></w:settings>",
        "word/document.xml",
        "<w:document " W_NS "><w:body><w:p><w:r><w:rPr><w:rFonts w:eastAsiaTheme=\"majorEastAsia\"/></w:rPr>"
        "<w:t>A</w:t></w:r></w:p></w:body></w:document>",
        NULL,
    };
    doc = read_files(japanese, NULL, NULL);
    p = doc ? gw_document_get_block(doc, 0) : NULL;
    a = p ? gw_run_get_style(gw_block_get_run(p, 0)) : NULL;
    CHECK_STR("theme: themeFontLang ja-JP takes the Jpan face", a ? a->font_ea : NULL, "ＭＳ 明朝");
    gw_document_free(doc);
}

/* Notes numbered as the settings say (w:footnotePr, w:endnotePr). */
static void test_note_numbering(void)
{
    const char *files[] = {
        "_rels/.rels", PKG_RELS,
        "word/_rels/document.xml.rels",
        RELS(REL("rS", "settings", "settings.xml") REL("rF", "footnotes", "footnotes.xml")
             REL("rE", "endnotes", "endnotes.xml")),
        "word/settings.xml",
        "<w:settings " W_NS "><w:footnotePr><w:numFmt w:val=\"chineseCounting\"/></w:footnotePr>"
        "<w:endnotePr><w:numFmt w:val=\"decimal\"/><w:numStart w:val=\"5\"/></w:endnotePr></w:settings>",
        "word/footnotes.xml", "<w:footnotes " W_NS "><w:footnote w:id=\"1\"><w:p><w:r><w:t>注</w:t></w:r></w:p></w:footnote></w:footnotes>",
        "word/endnotes.xml", "<w:endnotes " W_NS "><w:endnote w:id=\"1\"><w:p><w:r><w:t>尾</w:t></w:r></w:p></w:endnote></w:endnotes>",
        "word/document.xml",
        "<w:document " W_NS "><w:body><w:p><w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:footnoteReference "
        "w:id=\"1\"/></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p></w:body></w:document>",
        NULL,
    };
    GwDocument *doc = read_files(files, NULL, NULL);
    GwBlock *p = doc ? gw_document_get_block(doc, 0) : NULL;
    const char *marks[3] = { NULL };
    for (guint i = 0; p && i < 3 && i < gw_block_n_runs(p); i++)
        marks[i] = gw_run_get_text(gw_block_get_run(p, i));
    CHECK("notes: footnotes in Chinese counting, endnotes from 5",
          marks[0] && marks[1] && marks[2] && !strcmp(marks[0], "一") && !strcmp(marks[1], "二") && !strcmp(marks[2], "5"));
    gw_document_free(doc);
}

/* ---- tables --------------------------------------------------------------- */

/* A table style's first row, bands and last column (w:tblStylePr), as the
 * table's w:tblLook turns them on. */
static void test_table_style_parts(void)
{
    const char *styles =
        "<w:styles " W_NS "><w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Grid\"/>"
        "<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val=\"clear\" w:fill=\"4472C4\"/></w:tcPr></w:tblStylePr>"
        "<w:tblStylePr w:type=\"band1Horz\"><w:tcPr><w:shd w:val=\"clear\" w:fill=\"D9E2F3\"/></w:tcPr></w:tblStylePr>"
        "<w:tblStylePr w:type=\"lastCol\"><w:rPr><w:color w:val=\"FF0000\"/></w:rPr></w:tblStylePr></w:style>"
        "<w:style w:type=\"table\" w:styleId=\"Child\"><w:basedOn w:val=\"Grid\"/></w:style></w:styles>";
#define ROW "<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr>"
    const char *body = "<w:tbl><w:tblPr><w:tblStyle w:val=\"Child\"/><w:tblLook w:firstRow=\"1\" w:lastColumn=\"1\" "
                       "w:noHBand=\"0\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
                       ROW ROW ROW "</w:tbl>"
                       "<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/><w:tblLook w:val=\"0600\"/></w:tblPr>"
                       "<w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>" ROW ROW "</w:tbl>";
#undef ROW
    GwDocument *doc = read_checked("table style parts: read", body, styles, NULL);
    if (!doc)
        return;
    GwBlock *t = gw_document_get_block(doc, 0), *off = gw_document_get_block(doc, 1);
    GwBlock *head = gw_block_get_child(gw_block_get_child(t, 0), 0), *band1 = gw_block_get_child(gw_block_get_child(t, 1), 0);
    GwBlock *band2 = gw_block_get_child(gw_block_get_child(t, 2), 0), *last = gw_block_get_child(gw_block_get_child(t, 1), 1);
    CHECK_INT("table style parts: the first row's shading (through basedOn)", gw_cell_get_shading(head), 0x4472C4);
    CHECK("table style parts: the first row's bold", gw_block_get_style(gw_block_get_child(head, 0))->run.bold == 1);
    CHECK_INT("table style parts: odd bands shaded", gw_cell_get_shading(band1), 0xD9E2F3);
    CHECK_INT("table style parts: even bands not", gw_cell_get_shading(band2), -1);
    CHECK_INT("table style parts: the last column's colour", gw_block_get_style(gw_block_get_child(last, 0))->run.color,
              0xFF0000);
    CHECK_INT("table style parts: none when tblLook turns them off",
              gw_cell_get_shading(gw_block_get_child(gw_block_get_child(off, 0), 0)), -1);
    gw_document_free(doc);
}


#define TC(props, text) "<w:tc><w:tcPr>" props "</w:tcPr>" P(text) "</w:tc>"

static void test_tables(void)
{
    const char *body =
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>" TC("<w:gridSpan w:val=\"2\"/>", "AB") TC("", "C") "</w:tr>"
        "<w:tr>" TC("<w:vMerge w:val=\"restart\"/>", "D") TC("", "E") TC("<w:shd w:val=\"clear\" w:fill=\"FFFF00\"/>", "F") "</w:tr>"
        "<w:tr>" TC("<w:vMerge/>", "") TC("<w:gridSpan w:val=\"100000000\"/>", "GH") "</w:tr>"
        "<w:tr>" TC("", "I") TC("", "J") TC("", "K") TC("", "L") "</w:tr>"
        "</w:tbl>";
    GwDocument *doc = read_body(body);
    GwBlock *t = doc ? gw_document_get_block(doc, 0) : NULL;
    CHECK("tables: a table", t && gw_block_get_kind(t) == GW_BLOCK_TABLE);
    if (!t) {
        gw_document_free(doc);
        return;
    }
    CHECK_INT("tables: rows", gw_block_n_children(t), 4);
    CHECK("tables: column width", gw_table_get_column_width(t, 0) == 100);
    GwBlock *r0 = gw_block_get_child(t, 0), *r1 = gw_block_get_child(t, 1), *r2 = gw_block_get_child(t, 2);
    guint col, colspan, rowspan;
    gw_cell_get_span(gw_block_get_child(r0, 0), &col, &colspan, &rowspan);
    CHECK("tables: gridSpan", col == 0 && colspan == 2 && rowspan == 1);
    CHECK("tables: header row", gw_row_get_header(r0) && !gw_row_get_header(r1));
    gw_cell_get_span(gw_block_get_child(r1, 0), &col, &colspan, &rowspan);
    CHECK("tables: vMerge gives a rowspan", col == 0 && colspan == 1 && rowspan == 2);
    CHECK_INT("tables: shading", gw_cell_get_shading(gw_block_get_child(r1, 2)), 0xFFFF00);
    CHECK_INT("tables: merged cell dropped", gw_block_n_children(r2), 1);
    gw_cell_get_span(gw_block_get_child(r2, 0), &col, &colspan, &rowspan);
    CHECK("tables: absurd gridSpan clamped to the grid", col == 1 && colspan == 2);
    CHECK_INT("tables: a cell past the grid widens it", gw_table_get_n_columns(t), 4);
    char *text = text_of(doc);
    CHECK_STR("tables: text", text,
              "AB    C\n"
              "D  E  F\n"
              "   GH\n"
              "I  J  K  L\n");
    g_free(text);
    gw_document_free(doc);
}

/* The blocks limit counts paragraphs, tables, rows and cells wherever they
 * are: here 5 in the body and 22 in a header's table. */
static void test_blocks_limit(void)
{
    GString *cells = g_string_new("<w:hdr " W_NS "><w:tbl>");
    for (int r = 0; r < 3; r++)
        g_string_append(cells, "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>");
    g_string_append(cells, "</w:tbl></w:hdr>");
    const char *files[] = {
        "_rels/.rels", PKG_RELS,
        "word/_rels/document.xml.rels", RELS(REL("rIdH", "header", "header1.xml")),
        "word/document.xml",
        "<w:document " W_NS "><w:body>" P("1") P("2") P("3") P("4") P("5")
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/></w:sectPr></w:body></w:document>",
        "word/header1.xml", cells->str,
        NULL,
    };
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_limit(opts, GW_LIMIT_BLOCKS, 27);
    GError *error = NULL;
    GwDocument *doc = read_files(files, opts, &error);
    CHECK("blocks: 27 within the limit", doc != NULL);
    gw_document_free(doc);
    g_clear_error(&error);
    gw_read_options_set_limit(opts, GW_LIMIT_BLOCKS, 26);
    doc = read_files(files, opts, &error);
    CHECK("blocks: the header's cells count", !doc && error && error->code == GW_ERROR_LIMIT &&
                                                  strstr(error->message, "block 27") && strstr(error->message, "blocks limit (26)"));
    gw_document_free(doc);
    g_clear_error(&error);
    gw_read_options_free(opts);
    g_string_free(cells, TRUE);
}

static void test_table_cell_limit(void)
{
    GString *body = g_string_new("<w:tbl>");
    for (int r = 0; r < 30; r++) {
        g_string_append(body, "<w:tr>");
        for (int c = 0; c < 10; c++)
            g_string_append(body, "<w:tc><w:p/></w:tc>");
        g_string_append(body, "</w:tr>");
    }
    g_string_append(body, "</w:tbl>");
    char *document = g_strconcat("<w:document " W_NS "><w:body>", body->str, "</w:body></w:document>", NULL);
    const char *files[] = { "_rels/.rels", PKG_RELS, "word/document.xml", document, NULL };
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_limit(opts, GW_LIMIT_TABLE_CELLS, 100);
    GError *error = NULL;
    GwDocument *doc = read_files(files, opts, &error);
    CHECK("table cells: limit", !doc && error && error->code == GW_ERROR_LIMIT && strstr(error->message, "table-cells"));
    g_clear_error(&error);
    gw_read_options_free(opts);
    g_free(document);
    g_string_free(body, TRUE);
}

/* ---- inline content ------------------------------------------------------- */

static void check_text(const char *name, const char *body, const char *want)
{
    GwDocument *doc = read_body(body);
    char *text = text_of(doc);
    CHECK_STR(name, text, want);
    g_free(text);
    gw_document_free(doc);
}

static void test_tracked_changes(void)
{
    check_text("tracked: accepted",
               "<w:p><w:r><w:t xml:space=\"preserve\">Keep </w:t></w:r>"
               "<w:ins w:id=\"1\"><w:r><w:t xml:space=\"preserve\">inserted </w:t></w:r></w:ins>"
               "<w:del w:id=\"2\"><w:r><w:delText>deleted </w:delText></w:r></w:del>"
               "<w:moveFrom w:id=\"3\"><w:r><w:t>moved-away </w:t></w:r></w:moveFrom>"
               "<w:moveTo w:id=\"4\"><w:r><w:t>moved-here</w:t></w:r></w:moveTo></w:p>"
               "<w:p><w:pPr><w:rPr><w:del w:id=\"5\"/></w:rPr></w:pPr><w:r><w:t>joined</w:t></w:r></w:p>"
               "<w:p><w:r><w:t xml:space=\"preserve\"> with the next</w:t></w:r></w:p>",
               "Keep inserted moved-here\n\njoined with the next\n");
}

static void test_fields(void)
{
    const char *body =
        "<w:p><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>"
        "<w:fldSimple w:instr=\"NUMPAGES\"><w:r><w:t>9</w:t></w:r></w:fldSimple>"
        "<w:fldSimple w:instr=\" PAGE  \\* ROMAN \\* MERGEFORMAT\"><w:r><w:t>VII</w:t></w:r></w:fldSimple>"
        "<w:fldSimple w:instr=\"NUMPAGES \\* CHINESENUM3\"><w:r><w:t>九</w:t></w:r></w:fldSimple></w:p>"
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>HYPERLINK \"http://gov.cn/\"</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>link</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t xml:space=\"preserve\"> 2024</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
    GwDocument *doc = read_body(body);
    if (!doc)
        return;
    GwBlock *p = gw_document_get_block(doc, 0);
    GwRun *page = gw_block_get_run(p, 1), *pages = gw_block_get_run(p, 3);
    CHECK("fields: PAGE live", page && gw_run_get_kind(page) == GW_RUN_FIELD && gw_run_get_field(page) == GW_FIELD_PAGE);
    CHECK_STR("fields: PAGE cached result", page ? gw_run_get_text(page) : NULL, "7");
    CHECK("fields: NUMPAGES from fldSimple", pages && gw_run_get_field(pages) == GW_FIELD_NUMPAGES);
    GwRun *roman = gw_block_get_run(p, 4), *chinese = gw_block_get_run(p, 5);
    CHECK("fields: no switch, no format", page && !gw_run_get_field_format(page));
    CHECK_STR("fields: \\* ROMAN", roman ? gw_run_get_field_format(roman) : NULL, "upperRoman");
    CHECK_STR("fields: \\* CHINESENUM3", chinese ? gw_run_get_field_format(chinese) : NULL, "chineseCountingThousand");
    char *json = gw_document_to_json(doc);
    CHECK("fields: format in JSON", json && strstr(json, "\"format\":\"upperRoman\""));
    g_free(json);
    GwRun *link = gw_block_get_run(gw_document_get_block(doc, 1), 0);
    CHECK_STR("fields: HYPERLINK", link ? gw_run_get_link(link) : NULL, "http://gov.cn/");
    char *text = text_of(doc);
    CHECK_STR("fields: text", text, "Page 7 of 9VII九\n\nlink 2024\n");
    g_free(text);
    doc = round_trip(doc, "fields.docx");
    p = doc ? gw_document_get_block(doc, 0) : NULL;
    roman = p ? gw_block_get_run(p, 4) : NULL;
    CHECK_STR("fields: \\* switch written back", roman ? gw_run_get_field_format(roman) : NULL, "upperRoman");
    gw_document_free(doc);
}

static void test_inline(void)
{
    check_text("inline: breaks, tabs, symbols",
               "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t>"
               "<w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r>"
               "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>2</w:t></w:r></w:p>",
               "a\tb\nc\u2011d•✓2\n");
    check_text("inline: page break splits the paragraph",
               "<w:p><w:r><w:t>before</w:t><w:br w:type=\"page\"/><w:t>after</w:t></w:r></w:p>", "before\n\nafter\n");
    check_text("inline: content controls and smart tags",
               "<w:sdt><w:sdtContent><w:p><w:sdt><w:sdtContent><w:r><w:t>in</w:t></w:r></w:sdtContent></w:sdt>"
               "<w:smartTag><w:r><w:t>side</w:t></w:r></w:smartTag></w:p></w:sdtContent></w:sdt>",
               "inside\n");
    check_text("inline: text box after its paragraph, one branch of mc:AlternateContent",
               "<w:p><w:r><w:t>outer</w:t></w:r><w:r><mc:AlternateContent>"
               "<mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><wps:wsp><wps:txbx><w:txbxContent>" P("boxed")
               "</w:txbxContent></wps:txbx></wps:wsp></wp:anchor></w:drawing></mc:Choice>"
               "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" P("boxed")
               "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
               "outer\n\nboxed\n");
}

static void test_letter_spacing(void)
{
    const char *styles = "<w:styles " W_NS "><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"N\">"
                         "<w:rPr><w:spacing w:val=\"-5\"/></w:rPr></w:style></w:styles>";
    GwDocument *doc = read_checked("letter spacing: read", "<w:p><w:r><w:t>正</w:t></w:r><w:r><w:rPr><w:spacing w:val=\"40\"/><w:w w:val=\"80\"/></w:rPr>"
                                     "<w:t>宽</w:t></w:r><w:r><w:rPr><w:spacing w:val=\"2147483647\"/><w:w w:val=\"9999\"/></w:rPr>"
                                     "<w:t>极</w:t></w:r></w:p>",
                                     styles, NULL);
    if (!doc)
        return;
    GwBlock *p = gw_document_get_block(doc, 0);
    CHECK("letter spacing: the paragraph style's, in twentieths of a point",
          gw_block_get_style(p)->run.letter_spacing == -0.25);
    CHECK("letter spacing: a run's own", gw_run_get_style(gw_block_get_run(p, 1))->letter_spacing == 2);
    CHECK("letter spacing: clamped to Word's 79.2 pt", gw_run_get_style(gw_block_get_run(p, 2))->letter_spacing == 79.2);
    CHECK("character width (w:w): 80%, and at most Word's 600%",
          gw_run_get_style(gw_block_get_run(p, 1))->scale == 0.8 && gw_run_get_style(gw_block_get_run(p, 2))->scale == 6 &&
              !gw_is_set(gw_run_get_style(gw_block_get_run(p, 0))->scale));
    CHECK("letter spacing: a run without its own inherits",
          !gw_is_set(gw_run_get_style(gw_block_get_run(p, 0))->letter_spacing));
    gw_document_free(doc);
}

static void test_caps(void)
{
    GwDocument *doc = read_checked("caps: read", "<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>all</w:t></w:r><w:r><w:rPr><w:smallCaps/>"
                                     "</w:rPr><w:t>Small</w:t></w:r><w:r><w:t> plain</w:t></w:r></w:p>",
                                     NULL, NULL);
    if (!doc)
        return;
    GwBlock *p = gw_document_get_block(doc, 0);
    CHECK("caps: w:caps and w:smallCaps",
          gw_run_get_style(gw_block_get_run(p, 0))->caps == GW_CAPS_ALL &&
              gw_run_get_style(gw_block_get_run(p, 1))->caps == GW_CAPS_SMALL &&
              gw_run_get_style(gw_block_get_run(p, 2))->caps < 0);
    char *text = gw_document_to_text(doc);
    CHECK_STR("caps: plain text keeps the case typed, as LibreOffice does", text, "allSmall plain\n");
    g_free(text);
    gw_document_free(doc);
}

/* Run `i` of `b` is a picture of type `mime`, 72 x 36 pt as its drawing
 * says; returns it. */
static GwImage *picture_checked(const char *what, GwBlock *b, guint i, const char *mime)
{
    GwRun *run = i < gw_block_n_runs(b) ? gw_block_get_run(b, i) : NULL;
    GwImage *img = run ? gw_run_get_image(run) : NULL;
    double w = 0, h = 0;
    if (img)
        gw_image_get_size(img, &w, &h);
    char *name = g_strdup_printf("%s: kept with the drawing's size, as %s", what, mime);
    CHECK(name, img && w == 72 && h == 36 && !g_strcmp0(gw_image_get_mime(img), mime));
    g_free(name);
    return img;
}

static void test_links_notes_images(void)
{
    const char *body =
        "<w:p><w:bookmarkStart w:id=\"0\" w:name=\"target\"/><w:hyperlink r:id=\"rIdL\"><w:r><w:t>site</w:t></w:r></w:hyperlink>"
        "<w:hyperlink w:anchor=\"target\"><w:r><w:t>here</w:t></w:r></w:hyperlink>"
        "<w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>"
        "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"914400\" cy=\"457200\"/><wp:docPr id=\"1\" name=\"p\" descr=\"a chart\"/>"
        "<a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"rIdI\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></w:r><w:r><w:drawing><wp:inline><wp:extent cx=\"914400\" cy=\"457200\"/>"
        "<a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"rIdG\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></w:r></w:p>";
    GwDocument *doc = read_body(body);
    if (!doc)
        return;
    GwBlock *p = gw_document_get_block(doc, 0);
    CHECK_STR("links: bookmark anchor", gw_block_get_anchor(p), "target");
    CHECK_STR("links: external", gw_run_get_link(gw_block_get_run(p, 0)), "http://example.org/");
    CHECK_STR("links: internal", gw_run_get_link(gw_block_get_run(p, 1)), "#target");
    GwRun *note = gw_block_get_run(p, 2);
    CHECK("notes: a note run with its blocks", note && gw_run_get_kind(note) == GW_RUN_NOTE && gw_run_n_note_blocks(note) == 1);
    CHECK("notes: a footnote", note && !gw_run_get_endnote(note));
    GwRun *end = gw_block_get_run(p, 3);
    CHECK("notes: an endnote", end && gw_run_get_kind(end) == GW_RUN_NOTE && gw_run_get_endnote(end));
    CHECK_STR("notes: footnote mark", note ? gw_run_get_text(note) : NULL, "1");
    CHECK_STR("notes: endnote mark", end ? gw_run_get_text(end) : NULL, "i");
    GwBlock *pictures = gw_document_get_block(doc, 1);
    GwImage *img = picture_checked("images: PNG", pictures, 0, "image/png");
    /* a GIF is not drawn, but keeps its bytes and its place (the drawing's size) */
    picture_checked("images: GIF", pictures, 1, "image/gif");
    char *text = text_of(doc);
    CHECK_STR("images: description", img ? gw_image_get_alt(img) : NULL, "a chart");
    /* pictures are not text; notes come at the end */
    CHECK_STR("notes: text", text, "sitehere[1][2]\n\n[1] Note text.\n\n[2] End.\n");
    g_free(text);
    gw_document_free(doc);
}

/* A wp:anchor around the PNG of read_body: POSITIONS and WRAP inside. */
#define ANCHOR(attrs, positions, wrap)                                                                                   \
    "<w:p><w:r><w:drawing><wp:anchor " attrs "><wp:simplePos x=\"12700\" y=\"25400\"/>" positions                      \
    "<wp:extent cx=\"914400\" cy=\"914400\"/>" wrap "<wp:docPr id=\"1\" name=\"p\"/>"                                   \
    "<a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"rIdI\"/></pic:blipFill></pic:pic></a:graphicData>" \
    "</a:graphic></wp:anchor></w:drawing></w:r><w:r><w:t>text</w:t></w:r></w:p>"

static const GwPlacement *placement_of(GwDocument *doc, guint block)
{
    GwBlock *p = gw_document_get_block(doc, block);
    GwRun *r = p && gw_block_n_runs(p) ? gw_block_get_run(p, 0) : NULL;
    GwImage *img = r ? gw_run_get_image(r) : NULL;
    return img ? gw_image_get_placement(img) : NULL;
}

/* Pictures that text does not wrap float over the page (a seal over the
 * signature); those it wraps stay in the line. */
static void test_floating_pictures(void)
{
    const char *body =
        ANCHOR("behindDoc=\"0\"",
               "<wp:positionH relativeFrom=\"column\"><wp:posOffset>2743200</wp:posOffset></wp:positionH>"
               "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>-457200</wp:posOffset></wp:positionV>",
               "<wp:wrapNone/>")
        ANCHOR("behindDoc=\"1\"",
               "<wp:positionH relativeFrom=\"page\"><wp:align>center</wp:align></wp:positionH>"
               "<wp:positionV relativeFrom=\"margin\"><wp:align>bottom</wp:align></wp:positionV>",
               "<wp:wrapNone/>")
        ANCHOR("simplePos=\"1\"", "", "<wp:wrapNone/>")
        ANCHOR("behindDoc=\"0\"", "<wp:positionH relativeFrom=\"column\"><wp:posOffset>1e400</wp:posOffset></wp:positionH>",
               "<wp:wrapSquare wrapText=\"bothSides\"/>");
    GwDocument *doc = read_body(body);
    if (!doc)
        return;
    const GwPlacement *front = placement_of(doc, 0), *behind = placement_of(doc, 1), *simple = placement_of(doc, 2),
                      *wrapped = placement_of(doc, 3);
    CHECK("floating: offsets from the column and the paragraph",
          front && front->floating && !front->behind && front->h_from == GW_FROM_MARGIN &&
              front->h_align == GW_PLACE_OFFSET && front->x == 216 && front->v_from == GW_FROM_PARAGRAPH &&
              front->y == -36);
    CHECK("floating: behind the text, aligned on the page and the margins",
          behind && behind->floating && behind->behind && behind->h_from == GW_FROM_PAGE &&
              behind->h_align == GW_PLACE_CENTER && behind->v_from == GW_FROM_MARGIN && behind->v_align == GW_PLACE_END);
    CHECK("floating: simplePos is from the page",
          simple && simple->floating && simple->h_from == GW_FROM_PAGE && simple->x == 1 && simple->y == 2);
    CHECK("floating: a picture text wraps stays in the line", wrapped && !wrapped->floating);
    char *text = text_of(doc);
    CHECK_STR("floating: the text", text, "text\n\ntext\n\ntext\n\ntext\n");
    g_free(text);
    gw_document_free(doc);
}

/* A VML picture (Word 2003, WPS) in a shape of STYLE with CHILDREN. */
#define VML_PICTURE(style, children)                                                                   \
    "<w:p><w:r><w:pict><v:shape style=\"" style "\">" children "<v:imagedata r:id=\"rIdI\"/></v:shape>" \
    "</w:pict></w:r><w:r><w:t>text</w:t></w:r></w:p>"

/* VML pictures positioned absolutely float as wp:anchor ones do (a WPS
 * document's seal); in the line otherwise, or when text wraps them. */
static void test_vml_floating_pictures(void)
{
    const char *body =
        VML_PICTURE("position:absolute;margin-left:164.15pt;margin-top:19.8pt;width:126pt;height:187pt", "")
        VML_PICTURE("position:absolute;left:0;margin-left:-10pt;margin-top:300pt;width:120pt;height:120pt;z-index:-1;"
                    "mso-position-horizontal:center;mso-position-horizontal-relative:page;"
                    "mso-position-vertical-relative:page",
                    "<w10:wrap xmlns:w10=\"urn:schemas-microsoft-com:office:word\" anchorx=\"page\" anchory=\"page\"/>")
        VML_PICTURE("position:absolute;margin-left:10pt;width:120pt;height:120pt",
                    "<w10:wrap xmlns:w10=\"urn:schemas-microsoft-com:office:word\" type=\"square\"/>")
        VML_PICTURE("width:120pt;height:120pt", "");
    GwDocument *doc = read_body(body);
    if (!doc)
        return;
    const GwPlacement *column = placement_of(doc, 0), *seal = placement_of(doc, 1), *wrapped = placement_of(doc, 2),
                      *inline_one = placement_of(doc, 3);
    CHECK("vml floating: margin-left and margin-top from the column and the paragraph",
          column && column->floating && !column->behind && column->h_from == GW_FROM_MARGIN &&
              column->h_align == GW_PLACE_OFFSET && column->x == 164.15 && column->v_from == GW_FROM_PARAGRAPH &&
              column->y == 19.8);
    CHECK("vml floating: centred on the page, behind the text",
          seal && seal->floating && seal->behind && seal->h_from == GW_FROM_PAGE && seal->h_align == GW_PLACE_CENTER &&
              seal->v_from == GW_FROM_PAGE && seal->y == 300);
    CHECK("vml floating: wrapped or not positioned, in the line",
          wrapped && !wrapped->floating && inline_one && !inline_one->floating);
    gw_document_free(doc);
}

/* A Word 2010 shape (wps:wsp) of GEOMETRY and LINE in a wp:anchor. */
#define SHAPE(geometry, line)                                                                                      \
    "<w:p><w:r><w:drawing><wp:anchor behindDoc=\"1\"><wp:positionH relativeFrom=\"page\"><wp:posOffset>12700"      \
    "</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"margin\"><wp:align>bottom</wp:align></wp:positionV>"  \
    "<wp:extent cx=\"5613400\" cy=\"12700\"/><wp:wrapNone/><a:graphic><a:graphicData><wps:wsp><wps:spPr>"              \
    "<a:xfrm flipV=\"1\"/><a:prstGeom prst=\"" geometry "\"/>" line "</wps:spPr></wps:wsp></a:graphicData></a:graphic>" \
    "</wp:anchor></w:drawing></w:r></w:p>"

/* Straight line shapes: the box, stroke and place; other shapes, unstroked
 * lines and lines in groups are not read. */
static void test_line_shapes(void)
{
    const char *body =
        SHAPE("line", "<a:ln w=\"25400\"><a:solidFill><a:prstClr val=\"red\"/></a:solidFill></a:ln>")
        SHAPE("straightConnector1", "") SHAPE("rect", "<a:ln/>") SHAPE("line", "<a:ln><a:noFill/></a:ln>")
        "<w:p><w:r><w:drawing><wp:anchor><wp:extent cx=\"10\" cy=\"0\"/><a:graphic><a:graphicData><wpg:wgp "
        "xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\"><wps:wsp><wps:spPr>"
        "<a:prstGeom prst=\"line\"/></wps:spPr></wps:wsp></wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</w:r></w:p>";
    GwDocument *doc = read_body(body);
    if (!doc)
        return;
    const GwLineShape *shapes[5] = { NULL };
    for (guint i = 0; i < 5 && i < gw_document_n_blocks(doc); i++) {
        GwBlock *p = gw_document_get_block(doc, i);
        GwRun *r = gw_block_n_runs(p) ? gw_block_get_run(p, 0) : NULL;
        shapes[i] = r && gw_run_get_kind(r) == GW_RUN_LINE_SHAPE ? gw_run_get_line_shape(r) : NULL;
    }
    const GwLineShape *red = shapes[0], *plain = shapes[1];
    CHECK("line shapes: box, stroke and colour",
          red && red->width == 442 && red->height == 1 && red->rising && red->stroke == 2 && red->color == 0xFF0000);
    CHECK("line shapes: placed as the anchor says",
          red && red->placement.floating && red->placement.behind && red->placement.h_from == GW_FROM_PAGE &&
              red->placement.x == 1 && red->placement.v_from == GW_FROM_MARGIN && red->placement.v_align == GW_PLACE_END);
    CHECK("line shapes: a connector with Word's default stroke", plain && plain->stroke == 0.75 && plain->color == -1);
    CHECK("line shapes: not a rectangle, an unstroked line or a line in a group",
          !shapes[2] && !shapes[3] && !shapes[4]);
    gw_document_free(doc);
}

/* Paragraph borders (w:pBdr) above and below, through the style chain. */
static void test_paragraph_borders(void)
{
    const char *styles =
        "<w:styles " W_NS "><w:style w:type=\"paragraph\" w:styleId=\"Line\"><w:name w:val=\"Line\"/><w:pPr><w:pBdr>"
        "<w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"6\" w:color=\"FF0000\"/></w:pBdr></w:pPr></w:style></w:styles>";
    const char *body =
        "<w:p><w:pPr><w:pStyle w:val=\"Line\"/><w:pBdr><w:top w:val=\"single\" w:sz=\"4\" w:space=\"99\"/>"
        "<w:left w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"00FF00\"/><w:end w:val=\"single\" w:sz=\"4\"/></w:pBdr></w:pPr>"
        "<w:r><w:t>a</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Line\"/><w:pBdr><w:bottom w:val=\"nil\"/></w:pBdr></w:pPr><w:r><w:t>b</w:t></w:r></w:p>";
    GwDocument *doc = read_checked("paragraph borders: read", body, styles, NULL);
    if (!doc)
        return;
    const GwParaStyle *a = gw_block_get_style(gw_document_get_block(doc, 0));
    const GwParaStyle *b = gw_block_get_style(gw_document_get_block(doc, 1));
    CHECK("paragraph borders: the style's red rule below, 2.25 pt, 6 pt from the text",
          a->border_bottom.width == 2.25 && a->border_bottom.color == 0xFF0000 && a->border_space_bottom == 6);
    CHECK("paragraph borders: a rule above of its own (the gap clamped to Word's 31 pt)",
          a->border_top.width == 0.5 && a->border_top.color == -1 && a->border_space_top == 31);
    CHECK("paragraph borders: at the sides (w:end is the right one)",
          a->border_left.width == 1 && a->border_left.color == 0x00FF00 && a->border_space_left == 4 &&
              a->border_right.width == 0.5 && a->border_right.color == -1);
    CHECK("paragraph borders: nil removes the style's", b->border_bottom.width == 0 && b->border_top.width == 0);
    CHECK("paragraph borders: none at the sides unless set", b->border_left.width == 0 && b->border_right.width == 0);
    gw_document_free(doc);
}

/* ---- layout properties --------------------------------------------------- */

/* What a DOCX says about layout, and Word's defaults for what it leaves out. */
static void test_layout_properties(void)
{
    const char *styles =
        "<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults>"
        "<w:style w:type=\"paragraph\" w:styleId=\"K\"><w:name w:val=\"K\"/><w:pPr><w:keepLines/><w:widowControl/>"
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"300\" w:lineRule=\"atLeast\"/></w:pPr></w:style></w:styles>";
    const char *numbering =
        "<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/>"
        "<w:lvlText w:val=\"%1.\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
    const char *body =
        P("plain") "<w:p><w:pPr><w:pStyle w:val=\"K\"/></w:pPr><w:r><w:t>kept</w:t></w:r></w:p>" NP(1, 0, "item")
        "<w:tbl><w:tblPr><w:tblCellMar><w:top w:w=\"100\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
        "<w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc>" P("cell") "</w:tc></w:tr></w:tbl>"
        "<w:p><w:pPr><w:sectPr><w:docGrid w:type=\"linesAndChars\" w:linePitch=\"312\" w:charSpace=\"4096\"/>"
        "</w:sectPr></w:pPr></w:p>" P("after")
        "<w:sectPr><w:type w:val=\"continuous\"/><w:docGrid w:linePitch=\"312\"/></w:sectPr>";
    GwDocument *doc = read_checked("layout: read", body, styles, numbering);
    if (!doc)
        return;
    GwParaStyle *plain = gw_block_get_style(gw_document_get_block(doc, 0));
    CHECK("layout: Word's defaults: 10 pt, single lines, no spacing, left",
          plain->run.size == 10 && plain->line_multiple == 1 && plain->space_before == 0 && plain->space_after == 0 &&
              plain->indent_left == 0 && plain->align == GW_ALIGN_LEFT);
    GwParaStyle *kept = gw_block_get_style(gw_document_get_block(doc, 1));
    CHECK("layout: keepLines, widowControl, snapToGrid off",
          kept->keep_lines && kept->widow_control && kept->off_grid && !plain->off_grid && !plain->widow_control);
    CHECK("layout: atLeast line spacing", kept->line_at_least == 15 && !gw_is_set(kept->line_multiple));
    GwBlock *list = gw_document_get_block(doc, 2);
    GwParaStyle *item = gw_block_get_style(gw_block_get_child(gw_block_get_child(list, 0), 0));
    CHECK("layout: the list level's indents", item->indent_left == 36 && item->indent_first == -18);
    GwBlock *table = gw_document_get_block(doc, 3);
    GwParaStyle *margins = gw_block_get_style(table);
    CHECK("layout: cell margins, Word's where unset",
          margins->space_before == 5 && margins->space_after == 0 && margins->indent_left == 5.4);
    CHECK("layout: table borders nobody sets are none", gw_table_get_borders(table)[GW_SIDE_TOP].width == 0);
    GwPageSetup *first = gw_document_get_page(doc);
    CHECK("layout: docGrid lines pitch", first->line_pitch == 15.6);
    CHECK("layout: linesAndChars: Normal's 10 pt plus charSpace/4096", first->char_pitch == 11);
    CHECK("layout: Word's Letter page where pgSz is missing", first->width == 612 && first->margin_left == 72);
    GwPageSetup *second = gw_block_get_page(gw_document_get_block(doc, 5));
    CHECK("layout: continuous section without a grid",
          second->continuous && second->line_pitch == 0 && second->char_pitch == 0);
    gw_document_free(doc);
    doc = read_files((const char *const[]){ "_rels/.rels", PKG_RELS, "word/document.xml",
                                            "<w:document " W_NS "><w:body>" P("x") "</w:body></w:document>", NULL },
                     NULL, NULL);
    GwParaStyle *bare = doc ? gw_block_get_style(gw_document_get_block(doc, 0)) : NULL;
    CHECK("layout: no docDefaults: 11 pt Calibri (as LibreOffice reads it)",
          bare && bare->run.size == 11 && g_strcmp0(bare->run.font, "Calibri") == 0);
    gw_document_free(doc);
}

/* w:bidi, from a style or the paragraph, read and written back. */
static void test_right_to_left(void)
{
    const char *styles =
        "<w:styles " W_NS "><w:style w:type=\"paragraph\" w:styleId=\"R\"><w:name w:val=\"R\"/><w:pPr><w:bidi/>"
        "</w:pPr></w:style></w:styles>";
    const char *body = "<w:p><w:pPr><w:pStyle w:val=\"R\"/><w:jc w:val=\"left\"/></w:pPr><w:r><w:t>שלום</w:t></w:r></w:p>"
                       "<w:p><w:pPr><w:pStyle w:val=\"R\"/><w:bidi w:val=\"0\"/></w:pPr><w:r><w:t>ltr</w:t></w:r></w:p>"
                       "<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:t>rtl</w:t></w:r></w:p>" P("plain");
    GwDocument *doc = read_checked("rtl: read", body, styles, NULL);
    if (!doc)
        return;
    gboolean rtl[4];
    for (int i = 0; i < 4; i++)
        rtl[i] = gw_block_get_style(gw_document_get_block(doc, (guint) i))->rtl;
    CHECK("rtl: from the style, turned off, direct, none", rtl[0] && !rtl[1] && rtl[2] && !rtl[3]);
    CHECK("rtl: left stays the start side", gw_block_get_style(gw_document_get_block(doc, 0))->align == GW_ALIGN_LEFT);
    char *json = gw_document_to_json(doc);
    CHECK("rtl: in JSON", json && strstr(json, "\"rtl\":true"));
    g_free(json);
    doc = round_trip(doc, "rtl.docx");
    CHECK("rtl: written back as w:bidi", doc && gw_block_get_style(gw_document_get_block(doc, 0))->rtl &&
                                             !gw_block_get_style(gw_document_get_block(doc, 1))->rtl &&
                                             gw_block_get_style(gw_document_get_block(doc, 2))->rtl);
    if (doc)
        gw_document_free(doc);
}

/* w:overflowPunct off (punctuation kept inside the line), from the
 * defaults or the paragraph, read and written back. */
static void test_overflow_punct(void)
{
    const char *styles = "<w:styles " W_NS "><w:docDefaults><w:pPrDefault><w:pPr><w:overflowPunct w:val=\"0\"/>"
                         "</w:pPr></w:pPrDefault></w:docDefaults></w:styles>";
    const char *body = P("inside") "<w:p><w:pPr><w:overflowPunct/></w:pPr><w:r><w:t>hangs</w:t></w:r></w:p>";
    GwDocument *doc = read_checked("overflowPunct: read", body, styles, NULL);
    if (!doc)
        return;
    CHECK("overflowPunct: off by default, on where a paragraph says",
          gw_block_get_style(gw_document_get_block(doc, 0))->no_hanging_punct &&
              !gw_block_get_style(gw_document_get_block(doc, 1))->no_hanging_punct);
    doc = round_trip(doc, "punct.docx");
    CHECK("overflowPunct: written back", doc && gw_block_get_style(gw_document_get_block(doc, 0))->no_hanging_punct &&
                                             !gw_block_get_style(gw_document_get_block(doc, 1))->no_hanging_punct);
    if (doc)
        gw_document_free(doc);
}

/* Where tables sit: w:jc from a table style or the table, w:tblInd, and
 * w:bidiVisual, read and written back. */
static void test_table_placement(void)
{
    const char *styles = "<w:styles " W_NS "><w:style w:type=\"table\" w:styleId=\"C\"><w:name w:val=\"C\"/><w:tblPr>"
                         "<w:jc w:val=\"center\"/></w:tblPr><w:tcPr><w:vAlign w:val=\"center\"/></w:tcPr></w:style></w:styles>";
#define PLACED_TABLE(pr) "<w:tbl><w:tblPr>" pr "</w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr>" TC("", "x") "</w:tr></w:tbl>"
    const char *body = PLACED_TABLE("") PLACED_TABLE("<w:tblStyle w:val=\"C\"/>")
        PLACED_TABLE("<w:tblStyle w:val=\"C\"/><w:jc w:val=\"end\"/>") PLACED_TABLE("<w:tblInd w:w=\"720\" w:type=\"dxa\"/>")
        PLACED_TABLE("<w:bidiVisual/>");
#undef PLACED_TABLE
    GwDocument *doc = read_checked("placement: read", body, styles, NULL);
    for (int pass = 0; pass < 2 && doc; pass++) {
        const char *when = pass ? "written back" : "read";
        GwParaStyle *s[5];
        for (guint i = 0; i < 5; i++)
            s[i] = gw_block_get_style(gw_document_get_block(doc, i));
        char *name = g_strdup_printf("placement %s: left by default, centred by a style, right over it", when);
        CHECK(name, s[0]->align == GW_ALIGN_LEFT && s[1]->align == GW_ALIGN_CENTER && s[2]->align == GW_ALIGN_RIGHT);
        g_free(name);
        if (!pass) {
            GwBlock *styled = gw_block_get_child(gw_block_get_child(gw_document_get_block(doc, 1), 0), 0);
            GwBlock *plain = gw_block_get_child(gw_block_get_child(gw_document_get_block(doc, 0), 0), 0);
            CHECK("placement: a table style's cell vAlign", gw_cell_get_valign(styled) == GW_VALIGN_CENTER &&
                                                                gw_cell_get_valign(plain) == GW_VALIGN_TOP);
        }
        /* (a DOCX without a compatibilityMode is Word 2007's: the indent
         * places the text, the border 5.4 pt, the cell margin, left of it) */
        name = g_strdup_printf("placement %s: tblInd, bidiVisual", when);
        CHECK(name, fabs(gw_table_get_indent(gw_document_get_block(doc, 3)) - 30.6) < 1e-6 &&
                        !(gw_table_get_indent(gw_document_get_block(doc, 0)) > 0) && s[4]->rtl && !s[0]->rtl);
        g_free(name);
        if (!pass)
            doc = round_trip(doc, "placement.docx");
    }
    if (doc)
        gw_document_free(doc);
}

/* Emphasis marks (w:em, 着重号) from a style or the run, "none" clearing
 * them, and raised text (w:position), written back. */
static void test_emphasis(void)
{
    const char *styles = "<w:styles " W_NS "><w:style w:type=\"character\" w:styleId=\"Key\"><w:name w:val=\"Key\"/>"
                         "<w:rPr><w:em w:val=\"underDot\"/></w:rPr></w:style></w:styles>";
    const char *body = "<w:p><w:r><w:rPr><w:position w:val=\"6\"/><w:em w:val=\"dot\"/></w:rPr><w:t>要点</w:t></w:r>"
                       "<w:r><w:rPr><w:rStyle w:val=\"Key\"/></w:rPr><w:t>关键</w:t></w:r>"
                       "<w:r><w:rPr><w:rStyle w:val=\"Key\"/><w:em w:val=\"none\"/></w:rPr><w:t>普通</w:t></w:r>"
                       "<w:r><w:rPr><w:em w:val=\"circle\"/></w:rPr><w:t>圈</w:t></w:r></w:p>";
    GwDocument *doc = read_checked("emphasis: read", body, styles, NULL);
    for (int pass = 0; pass < 2 && doc; pass++) {
        GwBlock *p = gw_document_get_block(doc, 0);
        gint8 marks[4] = { -2, -2, -2, -2 };
        for (guint i = 0; i < 4 && i < gw_block_n_runs(p); i++)
            marks[i] = gw_run_get_style(gw_block_get_run(p, i))->emphasis;
        char *what = g_strdup_printf("emphasis %s: a dot, a style's dot below, none, a ring", pass ? "written back" : "read");
        const GwRunStyle *raised = gw_run_get_style(gw_block_get_run(p, 0));
        CHECK(what, gw_block_n_runs(p) == 4 && marks[0] == GW_EMPHASIS_DOT && marks[1] == GW_EMPHASIS_UNDER_DOT &&
                        marks[2] <= GW_EMPHASIS_NONE && marks[3] == GW_EMPHASIS_CIRCLE);
        g_free(what);
        what = g_strdup_printf("position %s: raised 3 pt (w:position 6 half points), the others not", pass ? "written back" : "read");
        CHECK(what, raised->rise == 3 && !gw_is_set(gw_run_get_style(gw_block_get_run(p, 3))->rise));
        g_free(what);
        if (!pass)
            doc = round_trip(doc, "emphasis.docx");
    }
    if (doc)
        gw_document_free(doc);
}

/* Runs spread over a width (w:fitText): its width and id, runs of one id
 * kept together, written back. */
static void test_fit_text(void)
{
#define FIT_RUN(text, width, id) "<w:r><w:rPr><w:fitText w:val=\"" width "\" w:id=\"" id "\"/></w:rPr><w:t>" text "</w:t></w:r>"
    const char *body = "<w:p>" FIT_RUN("姓", "1280", "7") FIT_RUN("名", "1280", "7") "<w:r><w:t>：张三</w:t></w:r></w:p>"
                       "<w:p>" FIT_RUN("抄送", "1280", "8") FIT_RUN("单位", "1280", "9") "</w:p>";
#undef FIT_RUN
    GwDocument *doc = read_checked("fitText: read", body, NULL, NULL);
    for (int pass = 0; pass < 2 && doc; pass++) {
        GwBlock *a = gw_document_get_block(doc, 0), *b = gw_document_get_block(doc, 1);
        const GwRunStyle *name = gw_run_get_style(gw_block_get_run(a, 0)), *rest = gw_run_get_style(gw_block_get_run(a, 1));
        char *what = g_strdup_printf("fitText %s: 64 pt over both runs of one id, none after", pass ? "written back" : "read");
        CHECK(what, gw_block_n_runs(a) == 2 && !strcmp(gw_run_get_text(gw_block_get_run(a, 0)), "姓名") &&
                        name->fit_width == 64 && !(rest->fit_width > 0));
        g_free(what);
        what = g_strdup_printf("fitText %s: runs of other ids stay apart", pass ? "written back" : "read");
        CHECK(what, gw_block_n_runs(b) == 2 && gw_run_get_style(gw_block_get_run(b, 0))->fit_id !=
                                                   gw_run_get_style(gw_block_get_run(b, 1))->fit_id);
        g_free(what);
        if (!pass)
            doc = round_trip(doc, "fit.docx");
    }
    if (doc)
        gw_document_free(doc);
}

/* A DOCX laid out as Word up to 2010 (compatibilityMode 14 or less, or
 * none) sets a top-level left-aligned table's text at its indent, its
 * border the cell margin further left; Word 2013 on (15) and nested tables
 * put the border there. */
static void test_table_outdent(void)
{
#define SIMPLE_TABLE(pr, cell) "<w:tbl><w:tblPr>" pr "</w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr>" cell "</w:tr></w:tbl>"
    const char *body = "<w:document " W_NS "><w:body>" SIMPLE_TABLE("", TC("", "x"))
        SIMPLE_TABLE("<w:tblInd w:w=\"720\" w:type=\"dxa\"/><w:tblCellMar><w:left w:w=\"200\" w:type=\"dxa\"/></w:tblCellMar>",
                     TC("", "y")) SIMPLE_TABLE("<w:jc w:val=\"center\"/>", TC("", "z"))
        SIMPLE_TABLE("", "<w:tc>" SIMPLE_TABLE("", TC("", "n")) "<w:p/></w:tc>") "</w:body></w:document>";
#undef SIMPLE_TABLE
    static const char *const modes[] = { "14", "15" };
    for (int m = 0; m < 2; m++) {
        char *settings = g_strdup_printf("<w:settings " W_NS "><w:compat><w:compatSetting w:name=\"compatibilityMode\" "
                                         "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"%s\"/></w:compat></w:settings>",
                                         modes[m]);
        const char *files[] = {
            "_rels/.rels", PKG_RELS,
            "word/_rels/document.xml.rels", RELS(REL("rS", "settings", "settings.xml")),
            "word/settings.xml", settings,
            "word/document.xml", body,
            NULL,
        };
        GwDocument *doc = read_files(files, NULL, NULL);
        g_free(settings);
        if (!doc) {
            CHECK("outdent: read", FALSE);
            continue;
        }
        GwBlock *nested = gw_block_get_child(gw_block_get_child(gw_block_get_child(gw_document_get_block(doc, 3), 0), 0), 0);
        double plain = gw_table_get_indent(gw_document_get_block(doc, 0)), own = gw_table_get_indent(gw_document_get_block(doc, 1));
        double centred = gw_table_get_indent(gw_document_get_block(doc, 2)), inner = gw_table_get_indent(nested);
        if (m == 0) {
            CHECK("outdent, Word 2010: the border Word's 5.4 pt cell margin left of the margin", fabs(plain + 5.4) < 1e-6);
            CHECK("outdent, Word 2010: tblInd less the table's own cell margin", fabs(own - 26) < 1e-6);
        } else {
            CHECK("outdent, Word 2013: the border at the margin", !(fabs(plain) > 0));
            CHECK("outdent, Word 2013: the border at tblInd", fabs(own - 36) < 1e-6);
        }
        CHECK(m ? "outdent, Word 2013: a centred table is not moved" : "outdent, Word 2010: a centred table is not moved",
              !(fabs(centred) > 0));
        CHECK(m ? "outdent, Word 2013: nor is a nested one" : "outdent, Word 2010: nor is a nested one",
              nested && gw_block_get_kind(nested) == GW_BLOCK_TABLE && !(fabs(inner) > 0));
        gw_document_free(doc);
    }
}

/* Paragraph shading (w:shd) from a style or the paragraph, "nil" clearing
 * it, read and written back. */
static void test_paragraph_shading(void)
{
    const char *styles = "<w:styles " W_NS "><w:style w:type=\"paragraph\" w:styleId=\"Code\"><w:name w:val=\"Code\"/>"
                         "<w:pPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEEEEE\"/></w:pPr></w:style></w:styles>";
    const char *body = "<w:p><w:pPr><w:pStyle w:val=\"Code\"/></w:pPr><w:r><w:t>code</w:t></w:r></w:p>"
                       "<w:p><w:pPr><w:pStyle w:val=\"Code\"/><w:shd w:val=\"clear\" w:fill=\"auto\"/></w:pPr>"
                       "<w:r><w:t>plain</w:t></w:r></w:p>" P("none");
    GwDocument *doc = read_checked("shading: read", body, styles, NULL);
    for (int pass = 0; pass < 2 && doc; pass++) {
        char *name = g_strdup_printf("shading %s: from the style, cleared, none", pass ? "written back" : "read");
        CHECK(name, gw_block_get_style(gw_document_get_block(doc, 0))->shading == 0xEEEEEE &&
                        gw_block_get_style(gw_document_get_block(doc, 1))->shading == -1 &&
                        gw_block_get_style(gw_document_get_block(doc, 2))->shading == -1);
        g_free(name);
        if (!pass)
            doc = round_trip(doc, "shading.docx");
    }
    gw_document_free(doc);
}

/* A DOCX's Title is bold only when its style says so (GB/T 9704's title,
 * the renderer's default for titles, is). */
static void test_title_weight(void)
{
    const char *styles = "<w:styles " W_NS "><w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
                         "</w:style><w:style w:type=\"paragraph\" w:styleId=\"BoldTitle\"><w:name w:val=\"Title\"/>"
                         "<w:rPr><w:b/></w:rPr></w:style></w:styles>";
    const char *body = "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>plain</w:t></w:r></w:p>"
                       "<w:p><w:pPr><w:pStyle w:val=\"BoldTitle\"/></w:pPr><w:r><w:t>bold</w:t></w:r></w:p>";
    GwDocument *doc = read_checked("title weight: read", body, styles, NULL);
    if (!doc)
        return;
    GwBlock *plain = gw_document_get_block(doc, 0), *bold = gw_document_get_block(doc, 1);
    CHECK("title weight: a title, bold only when its style is",
          gw_block_get_kind(plain) == GW_BLOCK_TITLE && gw_block_get_style(plain)->run.bold == 0 &&
              gw_block_get_style(bold)->run.bold == 1);
    gw_document_free(doc);
}

/* Tab stops (w:tabs): a style's, one of them cleared and one added by the
 * paragraph, kept in order, read and written back. */
static void test_tab_stops(void)
{
    const char *styles = "<w:styles " W_NS "><w:style w:type=\"paragraph\" w:styleId=\"Toc\"><w:name w:val=\"Toc\"/>"
                         "<w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/><w:tab w:val=\"right\" w:leader=\"dot\" "
                         "w:pos=\"9000\"/></w:tabs></w:pPr></w:style></w:styles>";
    const char *body = "<w:p><w:pPr><w:pStyle w:val=\"Toc\"/><w:tabs><w:tab w:val=\"clear\" w:pos=\"720\"/>"
                       "<w:tab w:val=\"center\" w:pos=\"4000\"/></w:tabs></w:pPr><w:r><w:t>x</w:t></w:r></w:p>";
    GwDocument *doc = read_checked("tabs: read", body, styles, NULL);
    for (int pass = 0; pass < 2 && doc; pass++) {
        const GwParaStyle *s = gw_block_get_style(gw_document_get_block(doc, 0));
        char *name = g_strdup_printf("tabs %s: the style's right dotted stop, the paragraph's centre one, one cleared",
                                     pass ? "written back" : "read");
        CHECK(name, s->n_tabs == 2 && s->tabs[0].pos == 200 && s->tabs[0].align == GW_TAB_CENTER && !s->tabs[0].dots &&
                        s->tabs[1].pos == 450 && s->tabs[1].align == GW_TAB_RIGHT && s->tabs[1].dots);
        g_free(name);
        if (!pass)
            doc = round_trip(doc, "tabs.docx");
    }
    gw_document_free(doc);
}

/* ---- sections, headers, properties ---------------------------------------- */

static void test_sections(void)
{
    const char *files[] = {
        "_rels/.rels", RELS(REL("rId1", "officeDocument", "/word/main.xml")
                            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                            REL("rId3", "custom-properties", "docProps/custom.xml")),
        "word/_rels/main.xml.rels", RELS(REL("rH", "header", "header1.xml") REL("rF", "footer", "footer1.xml")),
        "word/main.xml",
        "<w:document " W_NS "><w:body>" P("one")
        "<w:p><w:pPr><w:sectPr><w:headerReference w:type=\"default\" r:id=\"rH\"/><w:footerReference w:type=\"first\" r:id=\"rF\"/>"
        "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:bottom=\"1984\" w:left=\"1588\" w:right=\"1474\"/><w:titlePg/></w:sectPr></w:pPr>"
        "<w:r><w:t>two</w:t></w:r></w:p>" P("three")
        "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr></w:body></w:document>",
        "word/header1.xml", "<w:hdr " W_NS ">" P("header") "</w:hdr>",
        "word/footer1.xml", "<w:ftr " W_NS ">" P("— 1 —") "</w:ftr>",
        "docProps/core.xml",
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>关于印发的通知</dc:title><dc:creator>张三</dc:creator></cp:coreProperties>",
        "docProps/custom.xml",
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        "<property name=\"文号\"><vt:lpwstr>国办发〔2024〕1号</vt:lpwstr></property></Properties>",
        NULL,
    };
    GError *error = NULL;
    GwDocument *doc = read_files(files, NULL, &error);
    CHECK("sections: main part from the relationships", doc != NULL);
    if (!doc) {
        printf("  %s\n", error->message);
        g_error_free(error);
        return;
    }
    GwPageSetup *page = gw_document_get_page(doc);
    CHECK("sections: first page size", page->width == 11906 / 20.0 && page->height == 16838 / 20.0 && !page->landscape);
    CHECK("sections: margins", page->margin_top == 2098 / 20.0 && page->margin_left == 1588 / 20.0);
    CHECK("sections: title page", page->title_page);
    CHECK("sections: default header", page->header[0] && page->header[0]->len == 1);
    CHECK("sections: first footer", page->footer[1] && page->footer[1]->len == 1);
    CHECK_INT("sections: blocks", gw_document_n_blocks(doc), 4);
    GwBlock *sec = gw_document_get_block(doc, 2);
    CHECK("sections: a section block after the section's end", gw_block_get_kind(sec) == GW_BLOCK_SECTION);
    GwPageSetup *second = gw_block_get_page(sec);
    CHECK("sections: second is landscape", second->landscape && second->width == 16838 / 20.0);
    CHECK("sections: header inherited", second->header[0] == page->header[0]);
    CHECK_STR("properties: title", gw_document_get_meta(doc, "title"), "关于印发的通知");
    CHECK_STR("properties: author", gw_document_get_meta(doc, "author"), "张三");
    CHECK_STR("properties: 文号", gw_document_get_meta(doc, "number"), "国办发〔2024〕1号");
    CHECK_INT("properties: custom", gw_document_n_custom(doc), 1);
    gw_document_free(doc);
}

static void test_strict(void)
{
    const char *files[] = {
        "_rels/.rels",
        RELS("<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" Target=\"word/document.xml\"/>"),
        "word/document.xml",
        "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body><w:p><w:r><w:t>strict</w:t></w:r></w:p></w:body></w:document>",
        NULL,
    };
    GwDocument *doc = read_files(files, NULL, NULL);
    char *text = text_of(doc);
    CHECK_STR("strict OOXML", text, "strict\n");
    g_free(text);
    gw_document_free(doc);
}

/* ---- hostile input --------------------------------------------------------- */

static void check_error(const char *name, GwDocument *doc, GError *error, int code, const char *part)
{
    CHECK(name, !doc && error && error->code == code && strstr(error->message, part));
    if (error && !strstr(error->message, part))
        printf("  got: %s\n", error->message);
    g_clear_error(&error);
    gw_document_free(doc);
}

static void test_not_docx(void)
{
    GError *error = NULL;
    GwDocument *doc = gw_read_docx("hello", 5, "x.docx", NULL, &error);
    check_error("hostile: not a zip", doc, error, GW_ERROR_FORMAT, "x.docx: not a DOCX file (not a zip archive)");
    const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest";
    error = NULL;
    doc = gw_read_docx(ole, sizeof ole, "old.doc", NULL, &error);
    check_error("hostile: OLE file", doc, error, GW_ERROR_UNSUPPORTED, "encrypted or legacy Word (.doc) file");
    const char *nodoc[] = { "_rels/.rels", PKG_RELS, "word/other.xml", "<x/>", NULL };
    error = NULL;
    doc = read_files(nodoc, NULL, &error);
    check_error("hostile: no document part", doc, error, GW_ERROR_FORMAT, "test.docx: no document part (word/document.xml)");
}

static void test_malformed(void)
{
    const char *bad[] = { "_rels/.rels", PKG_RELS, "word/document.xml",
                          "<w:document " W_NS ">\n<w:body>\n<w:p></w:r></w:body></w:document>", NULL };
    GError *error = NULL;
    GwDocument *doc = read_files(bad, NULL, &error);
    check_error("hostile: malformed XML with its line", doc, error, GW_ERROR_FORMAT,
                "test.docx: word/document.xml: malformed XML at line 3: ");
}

static void test_bomb(void)
{
    const char *zeros[] = { "_rels/.rels", PKG_RELS, "word/document.xml", "@zeros:100000000", NULL };
    GError *error = NULL;
    GwDocument *doc = read_files(zeros, NULL, &error);
    check_error("hostile: zip bomb of zeros stops at once", doc, error, GW_ERROR_FORMAT, "malformed XML at line 1");
    const char *bomb[] = { "_rels/.rels", PKG_RELS, "word/document.xml", "@spaces:3000000", NULL };
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_limit(opts, GW_LIMIT_PART_BYTES, 1000000);
    error = NULL;
    doc = read_files(bomb, opts, &error);
    check_error("hostile: part over the part-bytes limit", doc, error, GW_ERROR_LIMIT, "part-bytes");
    gw_read_options_set_limit(opts, GW_LIMIT_PART_BYTES, 1u << 30);
    gw_read_options_set_limit(opts, GW_LIMIT_COMPRESSION_RATIO, 100);
    error = NULL;
    doc = read_files(bomb, opts, &error);
    check_error("hostile: zip bomb over the compression-ratio limit", doc, error, GW_ERROR_LIMIT, "compression-ratio");
    gw_read_options_free(opts);
}

static void test_deep(void)
{
    GString *body = g_string_new("<w:document " W_NS "><w:body><w:p>");
    for (int i = 0; i < 400; i++)
        g_string_append(body, "<w:smartTag>");
    for (int i = 0; i < 400; i++)
        g_string_append(body, "</w:smartTag>");
    g_string_append(body, "</w:p></w:body></w:document>");
    const char *files[] = { "_rels/.rels", PKG_RELS, "word/document.xml", body->str, NULL };
    GError *error = NULL;
    GwDocument *doc = read_files(files, NULL, &error);
    check_error("hostile: deep nesting", doc, error, GW_ERROR_LIMIT, "depth");
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_limit(opts, GW_LIMIT_DEPTH, 50);
    g_string_assign(body, "<w:document " W_NS "><w:body><w:p>");
    for (int i = 0; i < 100; i++)
        g_string_append(body, "<w:ins>");
    for (int i = 0; i < 100; i++)
        g_string_append(body, "</w:ins>");
    g_string_append(body, "</w:p></w:body></w:document>");
    files[3] = body->str;
    error = NULL;
    doc = read_files(files, opts, &error);
    check_error("hostile: depth limit option", doc, error, GW_ERROR_LIMIT, "depth limit (50)");
    gw_read_options_free(opts);
    g_string_free(body, TRUE);
}

static void test_entities(void)
{
    const char *files[] = {
        "_rels/.rels", PKG_RELS, "word/document.xml",
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY x SYSTEM \"/etc/hostname\">]>"
        "<w:document " W_NS "><w:body><w:p><w:r><w:t>[&c;&x;]</w:t></w:r></w:p></w:body></w:document>",
        NULL,
    };
    GError *error = NULL;
    GwDocument *doc = read_files(files, NULL, &error);
    check_error("hostile: a DTD (entities) is refused", doc, error, GW_ERROR_FORMAT,
                "word/document.xml: a document type declaration (DTD) is not allowed in DOCX");
}

static void test_encrypted_entry(void)
{
    GBytes *zip = make_zip((const char *const[]) { "_rels/.rels", PKG_RELS, "word/document.xml", "<w:document " W_NS "/>", NULL });
    /* Re-pack with the document encrypted. */
    zip_error_t ze;
    zip_error_init(&ze);
    gsize len;
    const void *data = g_bytes_get_data(zip, &len);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, 0, &ze);
    zip_file_set_encryption(z, (zip_uint64_t) zip_name_locate(z, "word/document.xml", 0), ZIP_EM_AES_256, "secret");
    zip_close(z);
    GBytes *enc = source_bytes(src);
    GError *error = NULL;
    GwDocument *doc = gw_read_docx(g_bytes_get_data(enc, NULL), g_bytes_get_size(enc), "enc.docx", NULL, &error);
    check_error("hostile: encrypted entry", doc, error, GW_ERROR_UNSUPPORTED, "encrypted");
    g_bytes_unref(enc);
    g_bytes_unref(zip);
    zip_error_fini(&ze);
}

/* ---- the text writer -------------------------------------------------------- */

static void test_text_writer(void)
{
    GwDocument *doc = gw_document_new();
    GwBlock *title = gw_block_new(GW_BLOCK_TITLE);
    gw_block_add_text(title, "关于开展检查的通知");
    gw_document_append(doc, title);
    GwBlock *list = gw_block_new(GW_BLOCK_LIST);
    gw_block_set_ordered(list, TRUE);
    const char *labels[] = { "1.", "10.", "（三）" };
    for (int i = 0; i < 3; i++) {
        GwBlock *item = gw_block_new(GW_BLOCK_LIST_ITEM), *p = gw_block_new(GW_BLOCK_PARAGRAPH);
        gw_block_set_label(item, labels[i]);
        gw_block_add_text(p, "项");
        gw_block_append(item, p);
        gw_block_append(list, item);
    }
    gw_document_append(doc, list);
    GwBlock *para = gw_block_new(GW_BLOCK_PARAGRAPH);
    gw_block_add_text(para, "H");
    GwRun *sub = gw_block_add_text(para, "2");
    gw_run_get_style(sub)->vert = GW_VERT_SUB;
    gw_block_add_text(para, "O");
    GwRun *note = gw_run_new(GW_RUN_NOTE, NULL);
    GwBlock *np = gw_block_new(GW_BLOCK_PARAGRAPH);
    gw_block_add_text(np, "注释");
    gw_run_append_note_block(note, np);
    gw_block_append_run(para, note);
    gw_document_append(doc, para);
    GwBlock *empty = gw_block_new(GW_BLOCK_PARAGRAPH);
    gw_document_append(doc, empty);
    GwBlock *attachments = gw_block_new(GW_BLOCK_ATTACHMENTS);
    gw_block_set_label(attachments, "附件：");
    const char *files[] = { "1.年度报告.docx", "2.统计表.xlsx" };
    for (int i = 0; i < 2; i++) {
        GwBlock *p = gw_block_new(GW_BLOCK_PARAGRAPH);
        gw_block_add_text(p, files[i]);
        gw_block_append(attachments, p);
    }
    gw_document_append(doc, attachments);
    char *text = gw_document_to_text(doc);
    CHECK_STR("text writer", text,
              "关于开展检查的通知\n\n1.  项\n10. 项\n（三） 项\n\nH2O[1]\n\n附件：1.年度报告.docx\n\n"
              "      2.统计表.xlsx\n\n[1] 注释\n");
    g_free(text);
    gw_document_free(doc);
}

int main(void)
{
    test_number_formats();
    test_numbering();
    test_bullets_in_text();
    test_long_label();
    test_numbered_heading();
    test_styles();
    test_theme_fonts();
    test_tables();
    test_table_cell_limit();
    test_blocks_limit();
    test_tracked_changes();
    test_fields();
    test_inline();
    test_letter_spacing();
    test_caps();
    test_links_notes_images();
    test_note_numbering();
    test_table_style_parts();
    test_floating_pictures();
    test_vml_floating_pictures();
    test_paragraph_borders();
    test_line_shapes();
    test_sections();
    test_layout_properties();
    test_right_to_left();
    test_overflow_punct();
    test_table_placement();
    test_table_outdent();
    test_fit_text();
    test_emphasis();
    test_paragraph_shading();
    test_title_weight();
    test_tab_stops();
    test_strict();
    test_not_docx();
    test_malformed();
    test_bomb();
    test_deep();
    test_entities();
    test_encrypted_entry();
    test_text_writer();
    return HARNESS_RESULT();
}
