/* fuzz.h: what the libFuzzer targets share (tests/fuzz/run.sh builds and
 * runs them).  Each target is one file with LLVMFuzzerTestOneInput; the
 * part targets wrap the fuzzed bytes as one XML part of an otherwise valid
 * package built in memory, so that the fuzzer explores XML handling rather
 * than zip headers.  GLib criticals abort: they are bugs. */
#ifndef GW_FUZZ_H
#define GW_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <zip.h>
#include "gongwen/gongwen.h"
#include "validity-imp.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    const char *name;
    const char *data;
    size_t len; /* 0: strlen(data) */
} FuzzPart;

/* abort(), not GLib's breakpoint trap: libFuzzer saves the input on SIGABRT. */
static inline void fuzz_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
    g_log_default_handler(domain, level, message, data);
    if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL))
        abort();
}

static inline void fuzz_fatal_criticals(void)
{
    g_log_set_default_handler(fuzz_log, NULL);
}

/* The start-up of a target that needs nothing else. */
#define FUZZ_DEFAULT_INIT                                                                                        \
    int LLVMFuzzerInitialize(int *argc, char ***argv)                                                            \
    {                                                                                                            \
        (void) argc;                                                                                             \
        (void) argv;                                                                                             \
        fuzz_fatal_criticals();                                                                                  \
        return 0;                                                                                                \
    }

/* A zip package of `n` parts in memory (g_bytes_unref it), stored rather
 * than deflated: compression would cost more than the code under test. */
static inline GBytes *fuzz_zip(const FuzzPart *parts, size_t n)
{
    GwiZipOut *out = gwi_zip_new_memory(NULL);
    for (size_t i = 0; out && i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *src = zip_source_buffer(out->za, parts[i].data, len, 0);
        zip_int64_t idx = src ? zip_file_add(out->za, parts[i].name, src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0 || zip_set_file_compression(out->za, (zip_uint64_t) idx, ZIP_CM_STORE, 0) < 0)
            abort();
    }
    GBytes *bytes = out ? gwi_zip_finish(out, NULL) : NULL;
    if (!bytes)
        abort();
    return bytes;
}

/* The zip of `parts` with every part named in `fuzzed` (NULL-terminated)
 * holding the input instead. */
static inline GBytes *fuzz_package(FuzzPart *parts, size_t n, const char *const *fuzzed, const uint8_t *data,
                                   size_t size)
{
    for (size_t i = 0; i < n; i++)
        if (g_strv_contains(fuzzed, parts[i].name)) {
            parts[i].data = size ? (const char *) data : "";
            parts[i].len = size;
        }
    return fuzz_zip(parts, n);
}

/* A scratch folder on tmpfs when there is one, removed with its files
 * (flat) at exit. */
static char *fuzz_dir;

static inline void fuzz_remove_dir(void)
{
    GDir *d = g_dir_open(fuzz_dir, 0, NULL);
    for (const char *n; d && (n = g_dir_read_name(d));) {
        char *p = g_build_filename(fuzz_dir, n, NULL);
        g_unlink(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(fuzz_dir);
}

static inline const char *fuzz_scratch(void)
{
    if (!fuzz_dir) {
        const char *base = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir();
        char *tmpl = g_build_filename(base, "gw-fuzz-XXXXXX", NULL);
        fuzz_dir = g_mkdtemp(tmpl);
        if (!fuzz_dir)
            abort();
        atexit(fuzz_remove_dir);
    }
    return fuzz_dir;
}

/* Writes `data` to NAME in the scratch folder; returns the path (g_free). */
static inline char *fuzz_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(fuzz_scratch(), name, NULL);
    if (!g_file_set_contents(path, data, (gssize) len, NULL))
        abort();
    return path;
}

/* Touches every block and run of a document, as a writer would. */
static inline gboolean fuzz_visit(GwBlock *block, int depth, gpointer user)
{
    (void) depth;
    char *text = gw_block_get_text(block);
    *(gsize *) user += strlen(text) + gw_block_n_runs(block);
    g_free(text);
    return TRUE;
}

static inline void fuzz_walk(GwDocument *doc)
{
    gsize n = 0;
    if (doc)
        gw_document_walk(doc, fuzz_visit, NULL, &n);
}

/* One of the readers (gw_read_text, gw_read_html, gw_read_docx) on the input. */
typedef GwDocument *(*FuzzReader)(const char *data, gsize len, const char *name, const GwReadOptions *opts,
                                  GError **error);

static inline void fuzz_read(FuzzReader reader, const uint8_t *data, size_t size, const GwReadOptions *opts)
{
    GwDocument *doc = reader((const char *) data, size, "fuzz-input", opts, NULL);
    fuzz_walk(doc);
    gw_document_free(doc);
}

/* Everything a register offers: status of each row, lookups, yearly
 * counts, and one of the three output formats (`which` % 3). */
static inline void fuzz_register(GwRegister *reg, size_t which)
{
    static const char *const outputs[] = { "out.csv", "out.json", "out.xlsx" };
    if (!reg)
        return;
    GwRules *rules = gw_rules_new();
    GDate as_of;
    g_date_clear(&as_of, 1);
    g_date_set_dmy(&as_of, 31, 12, 2023);
    for (guint i = 0; i < gw_register_n_entries(reg); i++) {
        GwEntry *e = gw_register_get_entry(reg, i);
        char *reason = NULL;
        GDate since;
        gw_entry_status(e, rules, &as_of, &since, &reason);
        g_free(reason);
        gw_register_find_number(reg, gw_entry_get(e, GW_FIELD_NUMBER));
        gw_register_find_title(reg, gw_entry_get(e, GW_FIELD_TITLE));
    }
    GwYearCounts counts;
    gw_register_count_year(reg, rules, 2023, &counts);
    char *path = g_build_filename(fuzz_scratch(), outputs[which % G_N_ELEMENTS(outputs)], NULL);
    gw_register_write(reg, rules, &as_of, path, NULL);
    g_free(path);
    gw_rules_free(rules);
    gw_register_free(reg);
}

/* Minimal WordprocessingML parts: a package whose document uses styles,
 * numbering, a table and a footnote-free body. */
#define FUZZ_W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
                  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define FUZZ_DOCX_TYPES                                                                                         \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "                                                      \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "     \
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "   \
    "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "                             \
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"     \
    "<Override PartName=\"/word/styles.xml\" "                                                                 \
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"            \
    "<Override PartName=\"/word/numbering.xml\" "                                                              \
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/></Types>"
#define FUZZ_REL(id, type, target)                                                                               \
    "<Relationship Id=\"" id "\" Type=\"http://schemas.openxmlformats.org/" type "\" Target=\"" target "\"/>"
#define FUZZ_OFFICE "officeDocument/2006/relationships/"
#define FUZZ_DOCX_RELS                                                                                           \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "                                                \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"                                    \
    FUZZ_REL("rId1", FUZZ_OFFICE "officeDocument", "word/document.xml")                                         \
    FUZZ_REL("rId2", "package/2006/relationships/metadata/core-properties", "docProps/core.xml")                \
    FUZZ_REL("rId3", FUZZ_OFFICE "custom-properties", "docProps/custom.xml")                                    \
    FUZZ_REL("rId4", FUZZ_OFFICE "extended-properties", "docProps/app.xml") "</Relationships>"
#define FUZZ_DOCUMENT_RELS                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "                                                \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"                                    \
    FUZZ_REL("rId1", FUZZ_OFFICE "styles", "styles.xml") FUZZ_REL("rId2", FUZZ_OFFICE "numbering", "numbering.xml") \
    FUZZ_REL("rId3", FUZZ_OFFICE "header", "header1.xml") FUZZ_REL("rId4", FUZZ_OFFICE "footer", "footer1.xml")   \
    FUZZ_REL("rId5", FUZZ_OFFICE "footnotes", "footnotes.xml")                                                    \
    FUZZ_REL("rId6", FUZZ_OFFICE "endnotes", "endnotes.xml")                                                      \
    FUZZ_REL("rId7", FUZZ_OFFICE "settings", "settings.xml")                                                      \
    FUZZ_REL("rId8", FUZZ_OFFICE "comments", "comments.xml")                                                      \
    FUZZ_REL("rId9", FUZZ_OFFICE "aFChunk", "afchunk.mht") FUZZ_REL("rId10", FUZZ_OFFICE "aFChunk", "afchunk.htm")  \
    "</Relationships>"
/* Documents imported in place (w:altChunk): Word's MHT form of a page, and HTML. */
#define FUZZ_CHUNK_MHT                                                                                           \
    "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"                      \
    "Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\r\n"         \
    "<p>=D6=D0=CE=C4</p>\r\n--b--\r\n"
#define FUZZ_CHUNK_HTML "<html><body><p>块</p><table><tr><td>甲</td></tr></table></body></html>"
#define FUZZ_DOCUMENT                                                                                            \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " FUZZ_W_NS "><w:body>"                           \
    "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>穗府规〔2017〕6号</w:t></w:r></w:p>"           \
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>"        \
    "</w:numPr></w:pPr><w:r><w:t>一、总则</w:t></w:r></w:p>"                                                  \
    "<w:p><w:pPr><w:pStyle w:val=\"a\"/><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/></w:numPr>"     \
    "</w:pPr><w:r><w:rPr><w:rStyle w:val=\"c\"/></w:rPr><w:t>正文</w:t></w:r></w:p>"                         \
    "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/>"        \
    "<w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>"             \
    "<w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"                                              \
    "<w:p><w:r><w:t>注</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:endnoteReference "      \
    "w:id=\"1\"/></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>"     \
    "<w:altChunk r:id=\"rId9\"/><w:altChunk r:id=\"rId10\"/>"                                                   \
    "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/><w:footerReference w:type=\"default\" "   \
    "r:id=\"rId4\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:bottom=\"1984\" "          \
    "w:left=\"1588\" w:right=\"1474\"/><w:titlePg/></w:sectPr></w:body></w:document>"
#define FUZZ_STYLES                                                                                              \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles " FUZZ_W_NS "><w:docDefaults><w:rPrDefault><w:rPr>" \
    "<w:rFonts w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/></w:rPr></w:rPrDefault></w:docDefaults>"      \
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>"     \
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"                      \
    "<w:basedOn w:val=\"a\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"                            \
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"a\"/>"   \
    "</w:style><w:style w:type=\"character\" w:styleId=\"c\"><w:name w:val=\"Strong\"/><w:rPr><w:b/>"        \
    "</w:rPr></w:style></w:styles>"
#define FUZZ_NUMBERING                                                                                           \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering " FUZZ_W_NS "><w:abstractNum w:abstractNumId=\"0\">" \
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"                         \
    "<w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/>"                           \
    "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"（%2）\"/></w:lvl></w:abstractNum>"                      \
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId "       \
    "w:val=\"0\"/><w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"3\"/></w:lvlOverride></w:num>"        \
    "</w:numbering>"

#define FUZZ_PART(root, body)                                                                                    \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:" root " " FUZZ_W_NS ">" body "</w:" root ">"
#define FUZZ_NOTE(kind, text)                                                                                    \
    "<w:" kind " w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:" kind ">"            \
    "<w:" kind " w:id=\"1\"><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:" kind ">"
#define FUZZ_HEADER FUZZ_PART("hdr", "<w:p><w:r><w:t>页眉</w:t></w:r></w:p>")
#define FUZZ_FOOTER                                                                                              \
    FUZZ_PART("ftr", "<w:p><w:r><w:t>— </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"      \
                     "<w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"   \
                     "<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t> —</w:t>"    \
                     "</w:r></w:p>")
#define FUZZ_FOOTNOTES FUZZ_PART("footnotes", FUZZ_NOTE("footnote", "脚注"))
#define FUZZ_ENDNOTES FUZZ_PART("endnotes", FUZZ_NOTE("endnote", "尾注"))
#define FUZZ_COMMENTS FUZZ_PART("comments", "<w:comment w:id=\"0\" w:author=\"x\"><w:p><w:r><w:t>批注</w:t></w:r></w:p></w:comment>")
#define FUZZ_SETTINGS FUZZ_PART("settings", "<w:evenAndOddHeaders/><w:defaultTabStop w:val=\"420\"/>")
#define FUZZ_CORE                                                                                                \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "                                            \
    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "                     \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>关于加强管理的通知</dc:title>"                      \
    "<dc:creator>办公室</dc:creator></cp:coreProperties>"
#define FUZZ_CUSTOM                                                                                              \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Properties "                                                   \
    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "                         \
    "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><property "               \
    "fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"文号\"><vt:lpwstr>穗府规〔2017〕6号"      \
    "</vt:lpwstr></property></Properties>"
#define FUZZ_APP                                                                                                 \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Properties "                                                   \
    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Pages>1</Pages>"       \
    "</Properties>"

/* Minimal SpreadsheetML parts: a register with shared strings. */
#define FUZZ_S_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define FUZZ_WORKBOOK                                                                                            \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " FUZZ_S_NS " "                                      \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr/>"            \
    "<sheets><sheet name=\"登记表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define FUZZ_WORKBOOK_RELS                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "                                                \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "        \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "                  \
    "Target=\"worksheets/sheet1.xml\"/></Relationships>"
#define FUZZ_SHARED_STRINGS                                                                                      \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " FUZZ_S_NS "><si><t>文号</t></si><si><t>标题</t></si>"  \
    "<si><t>发布日期</t></si><si><t>实施日期</t></si><si><t>有效期</t></si><si><t>废止日期</t></si>"         \
    "<si><t>云府规〔2020〕1号</t></si><si><r><t>关于</t></r><r><t>通知</t></r><rPh><t>x</t></rPh></si></sst>"
#define FUZZ_SHEET                                                                                               \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " FUZZ_S_NS "><sheetData>"                          \
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\">"      \
    "<v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\">"        \
    "<v>5</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>6</v></c><c r=\"B2\" t=\"s\"><v>7</v></c>"        \
    "<c r=\"C2\"><v>43831</v></c><c r=\"D2\" t=\"inlineStr\"><is><t>2020-02-01</t></is></c>"                 \
    "<c r=\"E2\"><v>5</v></c><c r=\"F2\" t=\"str\"><v>2023-01-01</v></c></row></sheetData></worksheet>"

/* The parts of the minimal DOCX package (a table of FUZZ_DOCX_PARTS). */
enum { FUZZ_DOCX_PARTS = 17 };

static inline void fuzz_docx_parts(FuzzPart parts[FUZZ_DOCX_PARTS])
{
    const FuzzPart all[FUZZ_DOCX_PARTS] = {
        { "[Content_Types].xml", FUZZ_DOCX_TYPES, 0 },
        { "_rels/.rels", FUZZ_DOCX_RELS, 0 },
        { "word/_rels/document.xml.rels", FUZZ_DOCUMENT_RELS, 0 },
        { "word/document.xml", FUZZ_DOCUMENT, 0 },
        { "word/styles.xml", FUZZ_STYLES, 0 },
        { "word/numbering.xml", FUZZ_NUMBERING, 0 },
        { "word/header1.xml", FUZZ_HEADER, 0 },
        { "word/footer1.xml", FUZZ_FOOTER, 0 },
        { "word/footnotes.xml", FUZZ_FOOTNOTES, 0 },
        { "word/endnotes.xml", FUZZ_ENDNOTES, 0 },
        { "word/comments.xml", FUZZ_COMMENTS, 0 },
        { "word/settings.xml", FUZZ_SETTINGS, 0 },
        { "docProps/core.xml", FUZZ_CORE, 0 },
        { "docProps/custom.xml", FUZZ_CUSTOM, 0 },
        { "docProps/app.xml", FUZZ_APP, 0 },
        { "word/afchunk.mht", FUZZ_CHUNK_MHT, 0 },
        { "word/afchunk.htm", FUZZ_CHUNK_HTML, 0 },
    };
    memcpy(parts, all, sizeof all);
}

/* The DOCX reader on the minimal package with the `fuzzed` parts replaced. */
static inline void fuzz_read_docx(const char *const *fuzzed, const uint8_t *data, size_t size)
{
    FuzzPart parts[FUZZ_DOCX_PARTS];
    fuzz_docx_parts(parts);
    gsize len;
    GBytes *docx = fuzz_package(parts, FUZZ_DOCX_PARTS, fuzzed, data, size);
    /* Not in one call: the order arguments are evaluated in is unspecified. */
    const uint8_t *bytes = g_bytes_get_data(docx, &len);
    fuzz_read(gw_read_docx, bytes, len, NULL);
    g_bytes_unref(docx);
}

/* The XLSX register reader on the minimal package with one part replaced. */
static inline void fuzz_read_xlsx(const char *fuzzed, const uint8_t *data, size_t size)
{
    FuzzPart parts[] = {
        { "xl/workbook.xml", FUZZ_WORKBOOK, 0 },
        { "xl/_rels/workbook.xml.rels", FUZZ_WORKBOOK_RELS, 0 },
        { "xl/sharedStrings.xml", FUZZ_SHARED_STRINGS, 0 },
        { "xl/worksheets/sheet1.xml", FUZZ_SHEET, 0 },
    };
    const char *const names[] = { fuzzed, NULL };
    gsize len;
    GBytes *xlsx = fuzz_package(parts, G_N_ELEMENTS(parts), names, data, size);
    const char *bytes = g_bytes_get_data(xlsx, &len);
    fuzz_register(gw_register_read_xlsx(bytes, len, "fuzz.xlsx", NULL, NULL), size);
    g_bytes_unref(xlsx);
}

#endif
