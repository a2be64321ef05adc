/* write-docx-parts.c: the DOCX parts around the body: styles per GB/T 9704,
 * numbering, font table, settings, the page-number footer, document
 * properties and content types. */
#include <string.h>
#include "gongwen/gongwen.h"
#include "write-docx.h"

static const char *const w_ns[] = { "w", GWI_NS_W, NULL };

#define FONT_LATIN "Times New Roman"
#define FONT_BODY "仿宋_GB2312"
#define FONT_TITLE "方正小标宋简体"
#define FONT_PAGE_NUMBER "宋体"

/* ---- styles.xml --------------------------------------------------------- */

/* Opens <w:style>; the default style of its type when `type` ends in '*'. */
static void style_begin(GwiDocxPart *p, const char *type, const char *id, const char *name, const char *based_on)
{
    gsize len = strlen(type);
    gboolean is_default = type[len - 1] == '*';
    char *plain = g_strndup(type, is_default ? len - 1 : len);
    gwi_docx_start(p, "w:style");
    gwi_docx_attr(p, "w:type", plain);
    if (is_default)
        gwi_docx_attr(p, "w:default", "1");
    gwi_docx_attr(p, "w:styleId", id);
    g_free(plain);
    gwi_docx_val(p, "w:name", name);
    if (based_on)
        gwi_docx_val(p, "w:basedOn", based_on);
}

static void style_qformat(GwiDocxPart *p)
{
    gwi_docx_empty(p, "w:qFormat");
}

/* <w:rFonts>: Latin faces for ascii/hAnsi/cs, the East Asian one apart. */
static void run_fonts(GwiDocxPart *p, const char *latin, const char *east_asian)
{
    gwi_docx_start(p, "w:rFonts");
    if (latin) {
        gwi_docx_attr(p, "w:ascii", latin);
        gwi_docx_attr(p, "w:hAnsi", latin);
        gwi_docx_attr(p, "w:cs", latin);
    }
    if (east_asian) {
        gwi_docx_attr(p, "w:eastAsia", east_asian);
        gwi_docx_attr(p, "w:hint", "eastAsia");
    }
    gwi_docx_end(p);
}

static void run_size(GwiDocxPart *p, long half_points)
{
    gwi_docx_val_int(p, "w:sz", half_points);
    gwi_docx_val_int(p, "w:szCs", half_points);
}

static void not_bold(GwiDocxPart *p)
{
    gwi_docx_val(p, "w:b", "0");
    gwi_docx_val(p, "w:bCs", "0");
}

static void spacing(GwiDocxPart *p, long before, long after, long line, const char *rule)
{
    gwi_docx_start(p, "w:spacing");
    gwi_docx_attr_int(p, "w:before", before);
    gwi_docx_attr_int(p, "w:after", after);
    gwi_docx_attr_int(p, "w:line", line);
    gwi_docx_attr(p, "w:lineRule", rule);
    gwi_docx_end(p);
}

static void exact_lines(GwiDocxPart *p)
{
    spacing(p, 0, 0, GWI_LINE_TWIPS, "exact");
}

static void single_lines(GwiDocxPart *p)
{
    gwi_docx_val(p, "w:snapToGrid", "0");
    spacing(p, 0, 0, 240, "auto");
}

/* <w:ind> of `chars` characters on one `side` ("firstLine", "left",
 * "right"): in character units, with the twips of `char_twips` each. */
static void char_indent(GwiDocxPart *p, const char *side, int chars, long char_twips)
{
    char *in_chars = g_strdup_printf("w:%sChars", side), *in_twips = g_strdup_printf("w:%s", side);
    gwi_docx_start(p, "w:ind");
    gwi_docx_attr_int(p, in_chars, chars * 100);
    gwi_docx_attr_int(p, in_twips, chars * char_twips);
    gwi_docx_end(p);
    g_free(in_chars);
    g_free(in_twips);
}

/* Latin text in English, East Asian text in Chinese. */
static void languages(GwiDocxPart *p, const char *element)
{
    gwi_docx_start(p, element);
    gwi_docx_attr(p, "w:val", "en-US");
    gwi_docx_attr(p, "w:eastAsia", "zh-CN");
    gwi_docx_end(p);
}

static void write_doc_defaults(GwiDocxPart *p)
{
    gwi_docx_start(p, "w:docDefaults");
    gwi_docx_start(p, "w:rPrDefault");
    gwi_docx_start(p, "w:rPr");
    run_fonts(p, FONT_LATIN, FONT_BODY);
    gwi_docx_val_int(p, "w:kern", 2);
    run_size(p, GWI_BODY_HALF_POINTS);
    languages(p, "w:lang");
    gwi_docx_end(p);
    gwi_docx_end(p);
    /* No extra space between Chinese and Latin text or digits (Word's
     * default): GB/T 9704's grid of 28 characters a line holds, and Word
     * breaks lines where gongwen's PDF does.  (LibreOffice ignores it.)
     * Punctuation hangs past the margin as in Word's and LibreOffice's
     * defaults, and gongwen's PDF. */
    gwi_docx_start(p, "w:pPrDefault");
    gwi_docx_start(p, "w:pPr");
    gwi_docx_val(p, "w:autoSpaceDE", "0");
    gwi_docx_val(p, "w:autoSpaceDN", "0");
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

/* The letter spacing of body-size text, when it has any. */
static void body_spacing_rpr(GwiDocxPart *p, long spacing)
{
    if (!spacing)
        return;
    gwi_docx_start(p, "w:rPr");
    gwi_docx_val_int(p, "w:spacing", spacing);
    gwi_docx_end(p);
}

/* Normal: 三号 仿宋, justified, 2-character first-line indent, 22 lines a
 * page.  Styles that must not inherit the indent are based on nothing. */
static void write_normal(GwiDocxPart *p, long spacing)
{
    style_begin(p, "paragraph*", "Normal", "Normal", NULL);
    style_qformat(p);
    gwi_docx_start(p, "w:pPr");
    exact_lines(p);
    char_indent(p, "firstLine", 2, GWI_CHAR_TWIPS);
    gwi_docx_val(p, "w:jc", "both");
    gwi_docx_end(p);
    body_spacing_rpr(p, spacing);
    gwi_docx_end(p);
}

static void write_title(GwiDocxPart *p)
{
    style_begin(p, "paragraph", "Title", "Title", NULL);
    gwi_docx_val(p, "w:next", "Normal");
    style_qformat(p);
    gwi_docx_start(p, "w:pPr");
    gwi_docx_empty(p, "w:keepNext");
    spacing(p, 0, GWI_LINE_TWIPS, GWI_LINE_TWIPS + 120, "exact");
    gwi_docx_val(p, "w:jc", "center");
    gwi_docx_end(p);
    gwi_docx_start(p, "w:rPr");
    run_fonts(p, FONT_LATIN, FONT_TITLE);
    not_bold(p);
    run_size(p, 44);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

static const char *heading_font(int level)
{
    return level == 1 ? "黑体" : level == 2 ? "楷体_GB2312" : FONT_BODY;
}

/* Heading N keeps the body's size and indent; the face marks the level.
 * The linked character style styles an inline lead heading. */
static void write_heading(GwiDocxPart *p, int level)
{
    char id[16], name[16], link[24];
    g_snprintf(id, sizeof id, "Heading%d", level);
    g_snprintf(name, sizeof name, "heading %d", level);
    g_snprintf(link, sizeof link, "Heading%dChar", level);
    style_begin(p, "paragraph", id, name, "Normal");
    gwi_docx_val(p, "w:next", "Normal");
    gwi_docx_val(p, "w:link", link);
    gwi_docx_val_int(p, "w:uiPriority", 9);
    style_qformat(p);
    gwi_docx_start(p, "w:pPr");
    gwi_docx_empty(p, "w:keepNext");
    gwi_docx_val_int(p, "w:outlineLvl", level - 1);
    gwi_docx_end(p);
    gwi_docx_start(p, "w:rPr");
    run_fonts(p, NULL, heading_font(level));
    not_bold(p);
    run_size(p, GWI_BODY_HALF_POINTS);
    gwi_docx_end(p);
    gwi_docx_end(p);

    g_snprintf(name, sizeof name, "Heading %d Char", level);
    style_begin(p, "character", link, name, "DefaultParagraphFont");
    gwi_docx_val(p, "w:link", id);
    gwi_docx_val_int(p, "w:uiPriority", 9);
    gwi_docx_start(p, "w:rPr");
    run_fonts(p, NULL, heading_font(level));
    not_bold(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

/* 成文日期 and the signature: right-aligned, 4 characters in; `before`:
 * the blank line GB/T 9704 leaves above the signature. */
static void write_right_aligned(GwiDocxPart *p, const char *id, long before, long letter_spacing)
{
    style_begin(p, "paragraph", id, id, NULL);
    gwi_docx_start(p, "w:pPr");
    spacing(p, before, 0, GWI_LINE_TWIPS, "exact");
    char_indent(p, "right", 4, GWI_CHAR_TWIPS);
    gwi_docx_val(p, "w:jc", "right");
    gwi_docx_end(p);
    body_spacing_rpr(p, letter_spacing);
    gwi_docx_end(p);
}

/* A body-text style without the first-line indent, `left` twips in. */
static void write_plain(GwiDocxPart *p, const char *id, const char *name, long left, long letter_spacing)
{
    style_begin(p, "paragraph", id, name, NULL);
    gwi_docx_start(p, "w:pPr");
    exact_lines(p);
    if (left) {
        gwi_docx_start(p, "w:ind");
        gwi_docx_attr_int(p, "w:left", left);
        gwi_docx_end(p);
    }
    gwi_docx_val(p, "w:jc", "both");
    gwi_docx_end(p);
    body_spacing_rpr(p, letter_spacing);
    gwi_docx_end(p);
}

static void write_quote(GwiDocxPart *p)
{
    style_begin(p, "paragraph", "Quote", "Quote", "Normal");
    gwi_docx_start(p, "w:pPr");
    char_indent(p, "left", 2, GWI_CHAR_TWIPS);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

/* Small single-spaced text: table cells, notes, code, header and footer. */
static void write_small(GwiDocxPart *p, const char *id, const char *name, const char *latin, const char *east_asian,
                        long half_points)
{
    style_begin(p, "paragraph", id, name, NULL);
    gwi_docx_start(p, "w:pPr");
    single_lines(p);
    gwi_docx_end(p);
    gwi_docx_start(p, "w:rPr");
    if (latin || east_asian)
        run_fonts(p, latin, east_asian);
    run_size(p, half_points);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

static void write_character_styles(GwiDocxPart *p)
{
    style_begin(p, "character*", "DefaultParagraphFont", "Default Paragraph Font", NULL);
    gwi_docx_val_int(p, "w:uiPriority", 1);
    gwi_docx_empty(p, "w:semiHidden");
    gwi_docx_end(p);

    style_begin(p, "character", "Hyperlink", "Hyperlink", "DefaultParagraphFont");
    gwi_docx_start(p, "w:rPr");
    gwi_docx_val(p, "w:color", "0563C1");
    gwi_docx_val(p, "w:u", "single");
    gwi_docx_end(p);
    gwi_docx_end(p);

    static const char *const marks[][2] = { { "FootnoteReference", "footnote reference" },
                                            { "EndnoteReference", "endnote reference" } };
    for (guint i = 0; i < G_N_ELEMENTS(marks); i++) {
        style_begin(p, "character", marks[i][0], marks[i][1], "DefaultParagraphFont");
        gwi_docx_start(p, "w:rPr");
        gwi_docx_val(p, "w:vertAlign", "superscript");
        gwi_docx_end(p);
        gwi_docx_end(p);
    }
}

static void write_table_and_list_defaults(GwiDocxPart *p)
{
    style_begin(p, "table*", "TableNormal", "Normal Table", NULL);
    gwi_docx_empty(p, "w:semiHidden");
    gwi_docx_start(p, "w:tblPr");
    gwi_docx_start(p, "w:tblInd");
    gwi_docx_attr_int(p, "w:w", 0);
    gwi_docx_attr(p, "w:type", "dxa");
    gwi_docx_end(p);
    gwi_docx_start(p, "w:tblCellMar");
    const char *const sides[] = { "w:top", "w:left", "w:bottom", "w:right" };
    for (guint i = 0; i < G_N_ELEMENTS(sides); i++) {
        gwi_docx_start(p, sides[i]);
        gwi_docx_attr_int(p, "w:w", i % 2 ? 108 : 0);
        gwi_docx_attr(p, "w:type", "dxa");
        gwi_docx_end(p);
    }
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);

    style_begin(p, "numbering*", "NoList", "No List", NULL);
    gwi_docx_empty(p, "w:semiHidden");
    gwi_docx_end(p);
}

GwiDocxPart *gwi_docx_styles(long body_spacing)
{
    GwiDocxPart *p = gwi_docx_part_new("word/styles.xml", GWI_CT_BASE "styles+xml", "w:styles", w_ns);
    write_doc_defaults(p);
    write_normal(p, body_spacing);
    write_title(p);
    for (int level = 1; level <= 9; level++)
        write_heading(p, level);
    write_plain(p, "ListParagraph", "List Paragraph", 0, body_spacing);
    write_plain(p, "Attachment", "Attachment", 2 * GWI_CHAR_TWIPS + gwi_docx_text_width(GWI_ATTACHMENT_LABEL),
                body_spacing);
    write_right_aligned(p, "Signature", GWI_LINE_TWIPS, body_spacing);
    write_right_aligned(p, "Date", 0, body_spacing);
    write_quote(p);
    write_small(p, "TableText", "Table Text", NULL, NULL, 24);
    write_small(p, "SourceCode", "Source Code", "Courier New", NULL, 21);
    write_small(p, "FootnoteText", "footnote text", NULL, NULL, 24);
    write_small(p, "EndnoteText", "endnote text", NULL, NULL, 24);
    write_small(p, "Header", "header", NULL, NULL, 21);
    write_small(p, "Footer", "footer", FONT_PAGE_NUMBER, FONT_PAGE_NUMBER, 28);
    write_character_styles(p);
    write_table_and_list_defaults(p);
    return p;
}

/* ---- lists and numbering.xml -------------------------------------------- */

long gwi_docx_text_width(const char *text)
{
    long width = 0;
    for (const char *s = text; s && *s; s = g_utf8_next_char(s))
        width += g_unichar_iswide_cjk(g_utf8_get_char(s)) ? GWI_CHAR_TWIPS : GWI_CHAR_TWIPS / 2;
    return width;
}

static void append_roman(GString *out, int n, gboolean upper)
{
    static const struct {
        int value;
        const char *digits;
    } romans[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" }, { 50, "l" },
                   { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" } };
    for (guint i = 0; i < G_N_ELEMENTS(romans); i++)
        for (; n >= romans[i].value; n -= romans[i].value)
            for (const char *d = romans[i].digits; *d; d++)
                g_string_append_c(out, upper ? g_ascii_toupper(*d) : *d);
}

static void append_chinese(GString *out, int n)
{
    static const char *const digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    if (n >= 20)
        g_string_append(out, digits[n / 10]);
    if (n >= 10)
        g_string_append(out, "十");
    if (n % 10 || n == 0)
        g_string_append(out, digits[n % 10]);
}

static void append_full_width(GString *out, int n)
{
    char digits[16];
    g_snprintf(digits, sizeof digits, "%d", n);
    for (const char *d = digits; *d; d++)
        g_string_append_unichar(out, 0xFF10 + (gunichar) (*d - '0'));
}

/* The label number `n` in Word's format `fmt`; FALSE when it has none. */
static gboolean format_number(GString *out, const char *fmt, int n)
{
    g_string_truncate(out, 0);
    if (strcmp(fmt, "decimal") == 0)
        g_string_append_printf(out, "%d", n);
    else if (strcmp(fmt, "decimalFullWidth") == 0 && n >= 0)
        append_full_width(out, n);
    else if (strcmp(fmt, "decimalEnclosedCircle") == 0 && n >= 1 && n <= 20)
        g_string_append_unichar(out, 0x2460 + n - 1);
    else if (strcmp(fmt, "chineseCounting") == 0 && n >= 0 && n < 100)
        append_chinese(out, n);
    else if ((strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) && n >= 1 && n <= 780)
        for (int i = 0; i <= (n - 1) / 26; i++)
            g_string_append_c(out, (char) ((fmt[0] == 'u' ? 'A' : 'a') + (n - 1) % 26));
    else if ((strcmp(fmt, "lowerRoman") == 0 || strcmp(fmt, "upperRoman") == 0) && n >= 1 && n < 4000)
        append_roman(out, n, fmt[0] == 'u');
    return out->len > 0;
}

/* The class of a label character that can be part of a number, or NULL. */
static const char *const *number_formats(gunichar c)
{
    static const char *const decimal[] = { "decimal", NULL };
    static const char *const full[] = { "decimalFullWidth", NULL };
    static const char *const circle[] = { "decimalEnclosedCircle", NULL };
    static const char *const chinese[] = { "chineseCounting", NULL };
    static const char *const lower[] = { "lowerLetter", "lowerRoman", NULL };
    static const char *const upper[] = { "upperLetter", "upperRoman", NULL };
    if (c < 128 && g_ascii_isdigit(c))
        return decimal;
    if (c >= 0xFF10 && c <= 0xFF19)
        return full;
    if (c >= 0x2460 && c <= 0x2473)
        return circle;
    char utf8[8] = { 0 };
    g_unichar_to_utf8(c, utf8);
    if (c >= 128 && strstr("〇一二三四五六七八九十", utf8))
        return chinese;
    if (c < 128 && g_ascii_islower(c))
        return lower;
    if (c < 128 && g_ascii_isupper(c))
        return upper;
    return NULL;
}

static const char *item_label(const GwBlock *item, const char *fallback)
{
    return item->label && *item->label ? item->label : fallback;
}

/* Does every item carry `before` + number(start + i) + `after`? */
static gboolean labels_follow(const GwBlock *list, const char *fmt, int start, const char *before, const char *after)
{
    GString *num = g_string_new(NULL);
    gboolean ok = TRUE;
    int n = start;
    for (guint i = 0; ok && i < gw_block_n_children(list); i++) {
        const GwBlock *item = gw_block_get_child(list, i);
        if (item->kind != GW_BLOCK_LIST_ITEM)
            continue;
        const char *label = item_label(item, "");
        gsize lb = strlen(before), la = strlen(after), ll = strlen(label);
        ok = format_number(num, fmt, n++) && ll == lb + num->len + la && strncmp(label, before, lb) == 0 &&
             strncmp(label + lb, num->str, num->len) == 0 && strcmp(label + lb + num->len, after) == 0;
    }
    g_string_free(num, TRUE);
    return ok;
}

/* Find the number format and start that reproduce an ordered list's labels. */
static gboolean match_ordered(GwiDocxList *def, const GwBlock *list, const char *first)
{
    const char *tok = first;
    const char *const *formats = NULL;
    for (; *tok && !(formats = number_formats(g_utf8_get_char(tok))); tok = g_utf8_next_char(tok))
        ;
    if (!formats)
        return FALSE;
    const char *end = tok;
    while (*end && number_formats(g_utf8_get_char(end)) == formats)
        end = g_utf8_next_char(end);
    char *before = g_strndup(first, tok - first), *token = g_strndup(tok, end - tok);
    gboolean found = FALSE;
    if (!strchr(before, '%') && !strchr(end, '%')) {
        GString *num = g_string_new(NULL);
        for (guint f = 0; !found && formats[f]; f++)
            for (int n = 0; !found && n < 1000; n++)
                if (format_number(num, formats[f], n) && strcmp(num->str, token) == 0 &&
                    labels_follow(list, formats[f], n, before, end)) {
                    def->num_fmt = formats[f];
                    def->start = n;
                    found = TRUE;
                }
        g_string_free(num, TRUE);
    }
    if (found)
        def->lvl_text = g_strconcat(before, "%1", end, NULL);
    g_free(before);
    g_free(token);
    return found;
}

/* A bullet list whose items all carry the same short label. */
static gboolean match_bullet(GwiDocxList *def, const GwBlock *list, const char *first)
{
    if (g_utf8_strlen(first, -1) > 2 || strchr(first, '%'))
        return FALSE;
    for (guint i = 0; i < gw_block_n_children(list); i++) {
        const GwBlock *item = gw_block_get_child(list, i);
        if (item->kind == GW_BLOCK_LIST_ITEM && strcmp(item_label(item, "•"), first) != 0)
            return FALSE;
    }
    def->num_fmt = "bullet";
    def->lvl_text = g_strdup(first);
    return TRUE;
}

GwiDocxList *gwi_docx_list_new(const GwBlock *list)
{
    GwiDocxList *def = g_new0(GwiDocxList, 1);
    const GwBlock *first = NULL;
    long widest = 0;
    for (guint i = 0; i < gw_block_n_children(list); i++) {
        const GwBlock *item = gw_block_get_child(list, i);
        if (item->kind != GW_BLOCK_LIST_ITEM)
            continue;
        first = first ? first : item;
        long w = gwi_docx_text_width(item_label(item, list->ordered ? "" : "•"));
        widest = MAX(widest, w);
    }
    const char *label = first ? item_label(first, list->ordered ? "1." : "•") : "•";
    gboolean all_unlabelled = TRUE;
    for (guint i = 0; i < gw_block_n_children(list); i++)
        if (gw_block_get_child(list, i)->label && *gw_block_get_child(list, i)->label)
            all_unlabelled = FALSE;
    if (list->ordered && all_unlabelled) {
        def->num_fmt = "decimal";
        def->lvl_text = g_strdup("%1.");
        def->start = 1;
        widest = gwi_docx_text_width("99.");
    } else if (!(list->ordered ? match_ordered(def, list, label) : match_bullet(def, list, label))) {
        def->literal = TRUE;
    }
    def->hanging = MAX(widest, GWI_CHAR_TWIPS / 2) + GWI_CHAR_TWIPS / 2;
    return def;
}

void gwi_docx_list_free(GwiDocxList *list)
{
    if (!list)
        return;
    g_free(list->lvl_text);
    g_free(list);
}

long gwi_docx_list_left(const GwiDocxList *list, int depth)
{
    return 2L * GWI_CHAR_TWIPS * (depth + 1) + list->hanging;
}

static void write_level(GwiDocxPart *p, const GwiDocxList *def, int level)
{
    gwi_docx_start(p, "w:lvl");
    gwi_docx_attr_int(p, "w:ilvl", level);
    gwi_docx_val_int(p, "w:start", def->start);
    gwi_docx_val(p, "w:numFmt", def->num_fmt);
    if (strcmp(def->num_fmt, "bullet") == 0) {
        gwi_docx_val(p, "w:lvlText", def->lvl_text);
    } else {
        char placeholder[4] = { '%', (char) ('1' + level), 0 };
        char **parts = g_strsplit(def->lvl_text, "%1", 2);
        char *text = g_strjoinv(placeholder, parts);
        gwi_docx_val(p, "w:lvlText", text);
        g_free(text);
        g_strfreev(parts);
    }
    gwi_docx_val(p, "w:lvlJc", "left");
    gwi_docx_start(p, "w:pPr");
    gwi_docx_start(p, "w:ind");
    gwi_docx_attr_int(p, "w:left", gwi_docx_list_left(def, level));
    gwi_docx_attr_int(p, "w:hanging", def->hanging);
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

/* One abstract definition and one instance per list (numId = index + 1);
 * all nine levels alike, so a nested list can use its own depth. */
GwiDocxPart *gwi_docx_numbering(const GPtrArray *lists)
{
    GwiDocxPart *p = gwi_docx_part_new("word/numbering.xml", GWI_CT_BASE "numbering+xml", "w:numbering", w_ns);
    for (guint i = 0; i < lists->len; i++) {
        const GwiDocxList *def = lists->pdata[i];
        gwi_docx_start(p, "w:abstractNum");
        gwi_docx_attr_int(p, "w:abstractNumId", i);
        gwi_docx_val(p, "w:multiLevelType", "multilevel");
        for (int level = 0; level < 9; level++)
            write_level(p, def, level);
        gwi_docx_end(p);
    }
    for (guint i = 0; i < lists->len; i++) {
        gwi_docx_start(p, "w:num");
        gwi_docx_attr_int(p, "w:numId", i + 1);
        gwi_docx_val_int(p, "w:abstractNumId", i);
        gwi_docx_end(p);
    }
    return p;
}

/* ---- fontTable.xml ------------------------------------------------------ */

typedef struct {
    const char *name, *alt_name, *charset, *family, *pitch;
} FontInfo;

static const FontInfo known_fonts[] = {
    { FONT_LATIN, NULL, "00", "roman", "variable" },
    { FONT_BODY, "仿宋", "86", "modern", "fixed" },
    { "楷体_GB2312", "楷体", "86", "modern", "fixed" },
    { "黑体", "SimHei", "86", "modern", "fixed" },
    { FONT_PAGE_NUMBER, "SimSun", "86", "auto", "variable" },
    { FONT_TITLE, NULL, "86", "auto", "variable" },
    { "Courier New", NULL, "00", "modern", "fixed" },
};

static void write_font(GwiDocxPart *p, const FontInfo *f)
{
    gwi_docx_start(p, "w:font");
    gwi_docx_attr(p, "w:name", f->name);
    if (f->alt_name)
        gwi_docx_val(p, "w:altName", f->alt_name);
    gwi_docx_val(p, "w:charset", f->charset);
    gwi_docx_val(p, "w:family", f->family);
    gwi_docx_val(p, "w:pitch", f->pitch);
    gwi_docx_end(p);
}

static gboolean is_known_font(const char *name)
{
    for (guint i = 0; i < G_N_ELEMENTS(known_fonts); i++)
        if (strcmp(known_fonts[i].name, name) == 0)
            return TRUE;
    return FALSE;
}

static gboolean is_ascii(const char *s)
{
    for (; *s; s++)
        if ((guchar) *s >= 0x80)
            return FALSE;
    return TRUE;
}

GwiDocxPart *gwi_docx_font_table(GHashTable *fonts)
{
    GwiDocxPart *p = gwi_docx_part_new("word/fontTable.xml", GWI_CT_BASE "fontTable+xml", "w:fonts", w_ns);
    for (guint i = 0; i < G_N_ELEMENTS(known_fonts); i++)
        write_font(p, &known_fonts[i]);
    GList *names = fonts ? g_list_sort(g_hash_table_get_keys(fonts), (GCompareFunc) strcmp) : NULL;
    for (GList *l = names; l; l = l->next) {
        if (is_known_font(l->data))
            continue;
        FontInfo f = { l->data, NULL, is_ascii(l->data) ? "00" : "86", "auto", "variable" };
        write_font(p, &f);
    }
    g_list_free(names);
    return p;
}

/* ---- settings.xml ------------------------------------------------------- */

/* <w:footnotePr> or <w:endnotePr>: the separators' ids. */
static void note_properties(GwiDocxPart *p, const char *properties, const char *note)
{
    gwi_docx_start(p, properties);
    for (int id = -1; id <= 0; id++) {
        gwi_docx_start(p, note);
        gwi_docx_attr_int(p, "w:id", id);
        gwi_docx_end(p);
    }
    gwi_docx_end(p);
}

GwiDocxPart *gwi_docx_settings(gboolean even_and_odd, double default_tab, gboolean footnotes, gboolean endnotes)
{
    GwiDocxPart *p = gwi_docx_part_new("word/settings.xml", GWI_CT_BASE "settings+xml", "w:settings", w_ns);
    gwi_docx_start(p, "w:zoom");
    gwi_docx_attr_int(p, "w:percent", 100);
    gwi_docx_end(p);
    gwi_docx_val_int(p, "w:defaultTabStop", default_tab >= 1 && default_tab <= 1584 ? lround(default_tab * 20) : 420);
    if (even_and_odd)
        gwi_docx_empty(p, "w:evenAndOddHeaders");
    gwi_docx_val(p, "w:characterSpacingControl", "compressPunctuation");
    if (footnotes)
        note_properties(p, "w:footnotePr", "w:footnote");
    if (endnotes)
        note_properties(p, "w:endnotePr", "w:endnote");
    gwi_docx_start(p, "w:compat");
    gwi_docx_start(p, "w:compatSetting");
    gwi_docx_attr(p, "w:name", "compatibilityMode");
    gwi_docx_attr(p, "w:uri", "http://schemas.microsoft.com/office/word");
    gwi_docx_attr(p, "w:val", "15");
    gwi_docx_end(p);
    gwi_docx_end(p);
    languages(p, "w:themeFontLang");
    gwi_docx_val(p, "w:decimalSymbol", ".");
    gwi_docx_val(p, "w:listSeparator", ",");
    return p;
}

/* ---- the page-number footer --------------------------------------------- */

GwiDocxPart *gwi_docx_page_number_footer(const char *name, gboolean even)
{
    GwiDocxPart *p = gwi_docx_part_new(name, GWI_CT_BASE "footer+xml", "w:ftr", w_ns);
    gwi_docx_start(p, "w:p");
    gwi_docx_start(p, "w:pPr");
    gwi_docx_val(p, "w:pStyle", "Footer");
    char_indent(p, even ? "left" : "right", 1, 280); /* one 四号 character in */
    gwi_docx_val(p, "w:jc", even ? "left" : "right");
    gwi_docx_end(p);
    gwi_docx_start(p, "w:r");
    gwi_docx_t(p, "— ");
    gwi_docx_end(p);
    gwi_docx_field(p, " PAGE ", "1", NULL, NULL);
    gwi_docx_start(p, "w:r");
    gwi_docx_t(p, " —");
    gwi_docx_end(p);
    gwi_docx_end(p);
    return p;
}

/* ---- document properties ------------------------------------------------ */

static void meta_element(GwiDocxPart *p, const char *element, GwDocument *doc, const char *key)
{
    const char *value = gw_document_get_meta(doc, key);
    if (value)
        gwi_docx_text_element(p, element, value);
}

static void w3cdtf_element(GwiDocxPart *p, const char *element, GDateTime *when)
{
    char *text = g_date_time_format(when, "%Y-%m-%dT%H:%M:%SZ");
    gwi_docx_start(p, element);
    gwi_docx_attr(p, "xsi:type", "dcterms:W3CDTF");
    gwi_docx_text(p, text);
    gwi_docx_end(p);
    g_free(text);
}

/* The document's date (成文日期, YYYY-MM-DD) as a UTC midnight, or NULL. */
static GDateTime *document_date(GwDocument *doc)
{
    const char *date = gw_document_get_meta(doc, "date");
    int y, m, d;
    char tail;
    if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy(d, m, y))
        return NULL;
    return g_date_time_new_utc(y, m, d, 0, 0, 0);
}

GwiDocxPart *gwi_docx_core_props(GwDocument *doc, GDateTime *now)
{
    static const char *const ns[] = {
        "cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dc", "http://purl.org/dc/elements/1.1/",
        "dcterms", "http://purl.org/dc/terms/",
        "dcmitype", "http://purl.org/dc/dcmitype/",
        "xsi", "http://www.w3.org/2001/XMLSchema-instance",
        NULL
    };
    GwiDocxPart *p = gwi_docx_part_new("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml",
                                       "cp:coreProperties", ns);
    meta_element(p, "dc:title", doc, "title");
    meta_element(p, "dc:subject", doc, "subject");
    meta_element(p, "dc:creator", doc, "issuer");
    meta_element(p, "cp:keywords", doc, "keywords");
    meta_element(p, "dc:description", doc, "description");
    meta_element(p, "cp:contentStatus", doc, "status");
    gwi_docx_text_element(p, "dc:language", "zh-CN");
    GDateTime *created = document_date(doc);
    w3cdtf_element(p, "dcterms:created", created ? created : now);
    w3cdtf_element(p, "dcterms:modified", now);
    if (created)
        g_date_time_unref(created);
    return p;
}

GwiDocxPart *gwi_docx_app_props(GwDocument *doc)
{
    static const char *const ns[] = {
        "", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        "vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
        NULL
    };
    GwiDocxPart *p = gwi_docx_part_new("docProps/app.xml",
                                       "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                                       "Properties", ns);
    gwi_docx_text_element(p, "Application", "gongwen " GW_VERSION);
    gwi_docx_text_element(p, "DocSecurity", "0");
    meta_element(p, "Company", doc, "issuer");
    return p;
}

/* Metadata without a core-properties home, as custom properties (see
 * gongwen/writer.h for the names). */
static const struct {
    const char *key, *name;
} custom_meta[] = {
    { "number", "文号" },         { "date", "成文日期" },           { "status", "文件状态" },
    { "status_date", "状态日期" }, { "source", "来源文件" },         { "source_sha256", "来源SHA256" },
};

static void custom_property(GwiDocxPart *p, int pid, const char *name, const char *value)
{
    gwi_docx_start(p, "property");
    gwi_docx_attr(p, "fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}");
    gwi_docx_attr_int(p, "pid", pid);
    gwi_docx_attr(p, "name", name);
    gwi_docx_text_element(p, "vt:lpwstr", value);
    gwi_docx_end(p);
}

GwiDocxPart *gwi_docx_custom_props(GwDocument *doc)
{
    static const char *const ns[] = {
        "", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
        "vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
        NULL
    };
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    GwiDocxPart *p = NULL;
    int pid = 2; /* property ids start at 2 */
    for (guint i = 0; i < G_N_ELEMENTS(custom_meta) + gw_document_n_custom(doc); i++) {
        const char *name, *value;
        if (i < G_N_ELEMENTS(custom_meta)) {
            name = custom_meta[i].name;
            value = gw_document_get_meta(doc, custom_meta[i].key);
        } else {
            gw_document_get_custom(doc, i - G_N_ELEMENTS(custom_meta), &name, &value);
        }
        if (!name || !*name || !value || g_hash_table_contains(seen, name))
            continue;
        g_hash_table_add(seen, (gpointer) name);
        if (!p)
            p = gwi_docx_part_new("docProps/custom.xml",
                                  "application/vnd.openxmlformats-officedocument.custom-properties+xml", "Properties",
                                  ns);
        custom_property(p, pid++, name, value);
    }
    g_hash_table_unref(seen);
    return p;
}

/* ---- [Content_Types].xml ------------------------------------------------ */

static void content_default(GwiDocxPart *p, const char *extension, const char *type)
{
    gwi_docx_start(p, "Default");
    gwi_docx_attr(p, "Extension", extension);
    gwi_docx_attr(p, "ContentType", type);
    gwi_docx_end(p);
}

GwiDocxPart *gwi_docx_content_types(const GPtrArray *parts, GHashTable *extensions)
{
    static const char *const ns[] = { "", "http://schemas.openxmlformats.org/package/2006/content-types", NULL };
    GwiDocxPart *p = gwi_docx_part_new("[Content_Types].xml", NULL, "Types", ns);
    content_default(p, "rels", "application/vnd.openxmlformats-package.relationships+xml");
    content_default(p, "xml", "application/xml");
    GList *exts = g_list_sort(g_hash_table_get_keys(extensions), (GCompareFunc) strcmp);
    for (GList *l = exts; l; l = l->next)
        content_default(p, l->data, g_hash_table_lookup(extensions, l->data));
    g_list_free(exts);
    for (guint i = 0; i < parts->len; i++) {
        const GwiDocxPart *part = parts->pdata[i];
        if (!part || !part->content_type)
            continue;
        char *name = g_strconcat("/", part->name, NULL);
        gwi_docx_start(p, "Override");
        gwi_docx_attr(p, "PartName", name);
        gwi_docx_attr(p, "ContentType", part->content_type);
        gwi_docx_end(p);
        g_free(name);
    }
    return p;
}
