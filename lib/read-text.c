/* read-text.c: the plain-text report reader (gw_read_text).
 *
 * Encoding.  UTF-8, with or without a BOM; UTF-16 with a BOM.  Bytes that are
 * not valid UTF-8 but are valid GB18030 (which includes GBK and GB2312) are
 * read as GB18030 with a notice.  gw_read_options_set_encoding() forces an
 * encoding.  NUL bytes, bytes valid in neither encoding, or more than 1 %
 * control characters mean binary data: the input is refused.  UTF-8 with a
 * few broken bytes (a file cut short) is refused naming the first.  The few
 * control characters of a text file are dropped with a notice (form feed and
 * vertical tab end a line).  Lines end in \n, \r\n or \r.
 *
 * Front matter.  An optional block on the very first lines:
 *
 *     ---
 *     标题：江川市临湖区人民政府2023年政府信息公开工作年度报告
 *     发文机关：江川市临湖区人民政府
 *     成文日期：2024年1月25日
 *     ---
 *
 * Each line between the two `---` lines is `key: value` (ASCII or full-width
 * colon) or blank.  Keys, Chinese or English (any case):
 *     标题 title          the document title
 *     发文机关 issuer     the issuing body, printed as the signature
 *     成文日期 日期 date  2024-01-25, 2024/1/25, 2024.1.25, 2024年1月25日
 *                         (ASCII or full-width digits) or 二〇二四年一月二十五日;
 *                         stored as YYYY-MM-DD, printed 2024年1月25日
 *     文号 发文字号 number
 *     主题词 keywords
 *     主送机关 to
 * An unknown key is ignored with a notice; a date that is not a date is an
 * error.  When a line between the fences is not `key: value`, or the closing
 * `---` is missing, there is no front matter: the lines are body text.
 * Metadata in the read options overrides the front matter.
 *
 * Blocks.  A title block when there is a title (a first body line equal to
 * the title is that title, not a paragraph), then one block per non-empty
 * line, white space at both ends (U+3000 too) removed.  Outline labels per
 * GB/T 9704, full- or half-width, any number: `一、` level 1, `（一）` 2,
 * `1.` `1．` `1、` 3, `（1）` 4; `1.5亿元` is no label (a digit follows).  After
 * the label (lib/outline.h decides, for every reader alike):
 *   - at most GWI_OUTLINE_HEADING_MAX characters with no 。；！？ and not
 *     ending in ：，、 make a heading;
 *   - a lead sentence of at most GWI_OUTLINE_HEADING_MAX characters ending in
 *     。 makes a paragraph of that level whose lead runs (label + sentence) are
 *     styled as the heading and the rest as body (`（一）加强组织领导。各单位要……`);
 *   - else the line is a body paragraph, as is every unlabelled line
 *     (`一是……二是……`).
 * A line `附件：` (or `附件:`) followed by numbered lines, or `附件：1.名称`
 * followed by numbered lines, or `附件：名称`, is the attachment list: one
 * paragraph per attachment, as written, under a block labelled `附件：`.
 * Last come the signature (issuer) and the date, right-aligned, styled
 * "Signature" and "Date"; when the text already ends with them, those lines
 * are styled instead of repeated. */
#include <stdio.h>
#include <string.h>
#include "gongwen/reader.h"
#include "outline.h"
#include "limit-imp.h"

#define CONTROL_PERCENT_MAX 1 /* more control characters than this is binary data */

typedef struct {
    const char *name;
    const GwReadOptions *opts;
    GwDocument *doc;
    GPtrArray *lines;  /* char*, trimmed, NUL-terminated, pointing into the text */
    GPtrArray *blocks; /* GwBlock*, the body in order */
} TextReader;

/* ---- decoding ------------------------------------------------------------ */

static void set_binary_error(const TextReader *r, GError **error)
{
    g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: binary data, not a text file", r->name);
}

static char *convert_from(const TextReader *r, const char *data, gsize len, const char *encoding, gsize *out_len,
                          GError **error)
{
    GError *local = NULL;
    gsize done = 0;
    char *text = g_convert(data, len, "UTF-8", encoding, &done, out_len, &local);
    if (text)
        return text;
    if (local->code == G_CONVERT_ERROR_ILLEGAL_SEQUENCE || local->code == G_CONVERT_ERROR_PARTIAL_INPUT)
        g_set_error(error, GW_ERROR, GW_ERROR_ENCODING, "%s: not valid %s (at byte %" G_GSIZE_FORMAT ")", r->name,
                    encoding, done);
    else
        g_set_error(error, GW_ERROR, GW_ERROR_ENCODING, "%s: unknown encoding '%s'", r->name, encoding);
    g_error_free(local);
    return NULL;
}

static gboolean has_utf16_bom(const char *data, gsize len)
{
    return len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0);
}

/* UTF-8 with a few broken bytes (at most 1 %), such as a file cut in the
 * middle of a character: *first_bad is the offset of the first. */
static gboolean is_broken_utf8(const char *data, gsize len, gsize *first_bad)
{
    gsize n_bad = 0, n_multibyte = 0;
    const char *p = data, *end = data + len;
    *first_bad = len;
    while (p < end) {
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar) -1 || c == (gunichar) -2) {
            *first_bad = MIN(*first_bad, (gsize) (p - data));
            n_bad++;
            p++;
            continue;
        }
        n_multibyte += c >= 0x80;
        p = g_utf8_next_char(p);
    }
    return n_multibyte > 0 && n_bad * 100 <= len;
}

/* The input as newly allocated, NUL-terminated UTF-8. */
static char *decode(TextReader *r, const char *data, gsize len, gsize *out_len, GError **error)
{
    const char *forced = gw_read_options_get_encoding(r->opts);
    if (forced)
        return convert_from(r, data, len, forced, out_len, error);
    if (has_utf16_bom(data, len))
        return convert_from(r, data, len, "UTF-16", out_len, error);
    if (!memchr(data, '\0', len)) {
        if (g_utf8_validate_len(data, len, NULL)) {
            *out_len = len;
            return g_strndup(data, len);
        }
        char *text = g_convert(data, len, "UTF-8", "GB18030", NULL, out_len, NULL);
        if (text) {
            gw_document_add_warning(r->doc, "%s: read as GB18030 (not valid UTF-8)", r->name);
            return text;
        }
        gsize bad;
        if (is_broken_utf8(data, len, &bad)) {
            g_set_error(error, GW_ERROR, GW_ERROR_ENCODING,
                        "%s: not valid UTF-8 (at byte %" G_GSIZE_FORMAT "), nor GB18030", r->name, bad);
            return NULL;
        }
    }
    set_binary_error(r, error);
    return NULL;
}

static gboolean is_c1_control(const char *p)
{
    return (guchar) p[0] == 0xC2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F;
}

/* Drops control characters other than tab and line ends, in place; form feed
 * and vertical tab become line ends.  Too many of them: binary data. */
static gboolean drop_controls(TextReader *r, char *text, gsize *len, GError **error)
{
    gsize n_chars = 0, n_controls = 0, w = 0;
    for (gsize i = 0; i < *len; i++) {
        guchar c = text[i];
        if ((c & 0xC0) != 0x80)
            n_chars++;
        if (c == '\f' || c == '\v') {
            text[w++] = '\n';
        } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
            n_controls++;
        } else if (is_c1_control(text + i)) {
            n_controls++;
            i++;
        } else {
            text[w++] = c;
        }
    }
    text[w] = '\0';
    *len = w;
    if (n_controls * 100 > n_chars * CONTROL_PERCENT_MAX) {
        set_binary_error(r, error);
        return FALSE;
    }
    if (n_controls)
        gw_document_add_warning(r->doc, "%s: %" G_GSIZE_FORMAT " control character%s removed", r->name, n_controls,
                                n_controls == 1 ? "" : "s");
    return TRUE;
}

/* ---- lines --------------------------------------------------------------- */

static gboolean is_blank_char(gunichar c)
{
    return g_unichar_isspace(c) || c == 0xFEFF || c == 0x200B;
}

/* Strips white space (U+3000 too) from both ends of [s, end) in place. */
static char *trim(char *s, char *end)
{
    while (s < end && is_blank_char(g_utf8_get_char(s)))
        s = g_utf8_next_char(s);
    while (end > s) {
        char *prev = g_utf8_prev_char(end);
        if (!is_blank_char(g_utf8_get_char(prev)))
            break;
        end = prev;
    }
    *end = '\0';
    return s;
}

static void split_lines(TextReader *r, char *text, gsize len)
{
    char *end = text + len, *start = text;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start += 3;
    for (char *p = start; p <= end; p++) {
        if (p < end && *p != '\n' && *p != '\r')
            continue;
        gboolean crlf = p + 1 < end && p[0] == '\r' && p[1] == '\n';
        g_ptr_array_add(r->lines, trim(start, p));
        if (crlf)
            p++;
        start = p + 1;
    }
}

/* ---- numbers and dates --------------------------------------------------- */

#define CN_TEN 0x5341 /* 十 */

/* 〇一二…九 (and 零) as 0..9; -1 for anything else. */
static int cn_digit(gunichar c)
{
    static const char digits[] = "〇一二三四五六七八九";
    if (c == 0x96F6) /* 零 */
        return 0;
    const char *p = c ? g_utf8_strchr(digits, -1, c) : NULL;
    return p ? (int) g_utf8_pointer_to_offset(digits, p) : -1;
}

/* ASCII or full-width digit as 0..9; -1 for anything else. */
static int arabic_digit(gunichar c)
{
    if (c >= '0' && c <= '9')
        return (int) (c - '0');
    if (c >= 0xFF10 && c <= 0xFF19)
        return (int) (c - 0xFF10);
    return -1;
}

/* A Chinese numeral 1..99 at *p: 三, 十, 十二, 二十, 九十九. */
static gboolean read_cn_number(const char **p, int *value)
{
    const char *s = *p;
    int tens = 0, units = cn_digit(g_utf8_get_char(s));
    if (units > 0)
        s = g_utf8_next_char(s);
    if (g_utf8_get_char(s) == CN_TEN) {
        tens = units > 0 ? units : 1;
        s = g_utf8_next_char(s);
        units = cn_digit(g_utf8_get_char(s));
        if (units > 0)
            s = g_utf8_next_char(s);
        else
            units = 0;
    } else if (units <= 0) {
        return FALSE;
    }
    *value = tens * 10 + units;
    *p = s;
    return TRUE;
}

/* 1..max_digits ASCII or full-width digits at *p. */
static gboolean read_arabic(const char **p, int max_digits, int *value)
{
    const char *s = *p;
    int n = 0, d;
    *value = 0;
    while (n <= max_digits && (d = arabic_digit(g_utf8_get_char(s))) >= 0) {
        *value = *value * 10 + d;
        s = g_utf8_next_char(s);
        n++;
    }
    if (n == 0 || n > max_digits)
        return FALSE;
    *p = s;
    return TRUE;
}

/* A year of exactly four digits: 2024, ２０２４ or 二〇二四. */
static gboolean read_year(const char **p, int *year)
{
    const char *s = *p;
    int n = 0, d;
    *year = 0;
    for (; n < 4 && (d = cn_digit(g_utf8_get_char(s))) >= 0; n++) {
        *year = *year * 10 + d;
        s = g_utf8_next_char(s);
    }
    if (n == 4 && cn_digit(g_utf8_get_char(s)) < 0) {
        *p = s;
        return TRUE;
    }
    const char *a = *p;
    if (n == 0 && read_arabic(&a, 4, year) && *year >= 1000) {
        *p = a;
        return TRUE;
    }
    return FALSE;
}

static gboolean read_month_or_day(const char **p, int *value)
{
    return read_arabic(p, 2, value) || read_cn_number(p, value);
}

/* Consumes the character c at *p. */
static gboolean eat(const char **p, gunichar c)
{
    if (g_utf8_get_char(*p) != c)
        return FALSE;
    *p = g_utf8_next_char(*p);
    return TRUE;
}

static gunichar narrow(gunichar c)
{
    return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c;
}

/* "YYYY-MM-DD" (newly allocated) for a date written in any form the front
 * matter accepts; NULL when `s` is not one. */
static char *normalise_date(const char *s)
{
    int y, m, d;
    if (!read_year(&s, &y) || !*s)
        return NULL;
    gunichar sep = g_utf8_get_char(s);
    s = g_utf8_next_char(s);
    gboolean ok;
    if (sep == 0x5E74) { /* 年 */
        ok = read_month_or_day(&s, &m) && eat(&s, 0x6708 /* 月 */) && read_month_or_day(&s, &d) &&
             eat(&s, 0x65E5 /* 日 */);
    } else {
        gunichar sep2 = narrow(sep);
        ok = (sep2 == '-' || sep2 == '/' || sep2 == '.') && read_arabic(&s, 2, &m) &&
             narrow(g_utf8_get_char(s)) == sep2 && (s = g_utf8_next_char(s), read_arabic(&s, 2, &d));
    }
    if (!ok || *s || !g_date_valid_dmy((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        return NULL;
    return g_strdup_printf("%04d-%02d-%02d", y, m, d);
}

/* ---- blocks -------------------------------------------------------------- */

/* Appends [s, s+len) as text runs, tabs as tab runs. */
static void append_text(GwBlock *block, const char *s, gsize len, gboolean lead)
{
    const char *end = s + len;
    while (s < end) {
        const char *tab = memchr(s, '\t', (gsize) (end - s));
        const char *stop = tab ? tab : end;
        if (stop > s) {
            char *text = g_strndup(s, (gsize) (stop - s));
            gw_run_set_lead(gw_block_add_text(block, text), lead);
            g_free(text);
        }
        if (tab) {
            GwRun *run = gw_run_new(GW_RUN_TAB, NULL);
            gw_run_set_lead(run, lead);
            gw_block_append_run(block, run);
        }
        s = tab ? tab + 1 : end;
    }
}

static GwBlock *text_block(GwBlockKind kind, const char *text)
{
    GwBlock *block = gw_block_new(kind);
    append_text(block, text, strlen(text), FALSE);
    return block;
}

/* One line as a heading, a paragraph with an inline lead heading, or a plain
 * paragraph, by its outline label (outline.h). */
static GwBlock *line_block(const char *line)
{
    int level;
    if (!gwi_outline_detect(line, &level, NULL))
        return text_block(GW_BLOCK_PARAGRAPH, line);
    gboolean heading = gwi_outline_is_heading(line);
    gsize lead = heading ? 0 : gwi_outline_lead_len(line);
    if (!heading && !lead)
        return text_block(GW_BLOCK_PARAGRAPH, line);
    GwBlock *block = gw_block_new(heading ? GW_BLOCK_HEADING : GW_BLOCK_PARAGRAPH);
    gw_block_set_level(block, level);
    append_text(block, line, lead, TRUE);
    append_text(block, line + lead, strlen(line + lead), FALSE);
    return block;
}

/* The attachment label ("附件：", as the source writes it) at the start of
 * the line, newly allocated into *label; returns the text after it, or NULL. */
static const char *match_attachment_label(const char *line, char **label)
{
    gsize n = gwi_outline_attachments_label(line);
    if (!n)
        return NULL;
    char *copy = g_strndup(line, n);
    *label = g_strdup(trim(copy, copy + n));
    g_free(copy);
    return line + n;
}

static gboolean is_numbered_item(const char *line)
{
    int level;
    return gwi_outline_detect(line, &level, NULL) && level == 3;
}

static guint next_nonblank(const TextReader *r, guint i)
{
    while (i < r->lines->len && !*(const char *) r->lines->pdata[i])
        i++;
    return i;
}

/* Reads the attachment list that starts at line i, if one does; returns the
 * index of the line after it, or i. */
static guint read_attachments(TextReader *r, guint i)
{
    char *label = NULL;
    const char *inline_name = match_attachment_label(r->lines->pdata[i], &label);
    if (!inline_name)
        return i;
    guint j = next_nonblank(r, i + 1);
    gboolean more = j < r->lines->len && is_numbered_item(r->lines->pdata[j]);
    if (!*inline_name && !more) {
        g_free(label);
        return i;
    }
    GwBlock *list = gw_block_new(GW_BLOCK_ATTACHMENTS);
    gw_block_set_label(list, label);
    g_free(label);
    if (*inline_name)
        gw_block_append(list, text_block(GW_BLOCK_PARAGRAPH, inline_name));
    if (!*inline_name || is_numbered_item(inline_name)) {
        for (; j < r->lines->len && is_numbered_item(r->lines->pdata[j]); j = next_nonblank(r, j + 1))
            gw_block_append(list, text_block(GW_BLOCK_PARAGRAPH, r->lines->pdata[j]));
    } else {
        j = i + 1;
    }
    g_ptr_array_add(r->blocks, list);
    return j;
}

static void read_body(TextReader *r, guint first)
{
    const char *title = gw_document_get_meta(r->doc, "title");
    gboolean seen_text = FALSE;
    for (guint i = first; i < r->lines->len;) {
        const char *line = r->lines->pdata[i];
        guint next = *line ? read_attachments(r, i) : i + 1;
        if (next == i) {
            if (seen_text || !title || strcmp(line, title) != 0)
                g_ptr_array_add(r->blocks, line_block(line));
            next = i + 1;
        }
        seen_text = seen_text || *line;
        i = next;
    }
}

/* Every non-empty line of the body makes one block: counting the lines
 * first refuses a huge text before any block is built. */
static gboolean check_blocks_limit(const TextReader *r, guint first, GError **error)
{
    guint64 max = gw_read_options_get_limit(r->opts, GW_LIMIT_BLOCKS), n = 0;
    for (guint i = first; i < r->lines->len; i++)
        n += *(const char *) r->lines->pdata[i] != '\0';
    if (n <= max)
        return TRUE;
    gwi_limit_error(error, GW_LIMIT_BLOCKS, max, "%s: a text of %" G_GUINT64_FORMAT " paragraphs", r->name, n);
    return FALSE;
}

/* ---- signature ----------------------------------------------------------- */

static gboolean is_plain_paragraph(const GwBlock *block)
{
    return gw_block_get_kind(block) == GW_BLOCK_PARAGRAPH && gw_block_get_level(block) == 0;
}

static gboolean paragraph_says(const GwBlock *block, const char *text, gboolean as_date)
{
    if (!is_plain_paragraph(block))
        return FALSE;
    char *have = gw_block_get_text(block);
    char *date = as_date ? normalise_date(have) : NULL;
    gboolean same = strcmp(as_date ? (date ? date : "") : have, text) == 0;
    g_free(date);
    g_free(have);
    return same;
}

static void set_signature_style(GwBlock *block, const char *style_name)
{
    GwParaStyle *style = gw_block_get_style(block);
    style->align = GW_ALIGN_RIGHT;
    g_free(style->style_name);
    style->style_name = g_strdup(style_name);
}

/* Styles or adds the block saying `text` at position *end of the body; a
 * block already there (the text's own signature) is taken as it is. */
static void place_signature_line(TextReader *r, guint *end, GwBlock *found, const char *text, const char *style_name)
{
    GwBlock *block = found;
    if (!block) {
        block = text_block(GW_BLOCK_PARAGRAPH, text);
        g_ptr_array_insert(r->blocks, (gint) *end, block);
    }
    set_signature_style(block, style_name);
    (*end)++;
}

/* The issuer and the date after the body (GB/T 9704: after the attachment
 * list), or the text's own last lines when they already say them. */
static void add_signature(TextReader *r)
{
    const char *issuer = gw_document_get_meta(r->doc, "issuer");
    const char *date = gw_document_get_meta(r->doc, "date");
    guint end = r->blocks->len;
    GwBlock *date_block = NULL, *issuer_block = NULL;
    if (date && end > 0 && paragraph_says(r->blocks->pdata[end - 1], date, TRUE))
        date_block = r->blocks->pdata[--end];
    if (issuer && end > 0 && paragraph_says(r->blocks->pdata[end - 1], issuer, FALSE))
        issuer_block = r->blocks->pdata[--end];
    if (issuer)
        place_signature_line(r, &end, issuer_block, issuer, "Signature");
    if (date) {
        int y, m, d;
        sscanf(date, "%d-%d-%d", &y, &m, &d);
        char *written = g_strdup_printf("%d年%d月%d日", y, m, d);
        place_signature_line(r, &end, date_block, written, "Date");
        g_free(written);
    }
}

/* ---- metadata ------------------------------------------------------------ */

static const struct {
    const char *name, *key;
} front_matter_keys[] = {
    { "标题", "title" },       { "title", "title" },   { "发文机关", "issuer" }, { "issuer", "issuer" },
    { "成文日期", "date" },    { "日期", "date" },     { "date", "date" },       { "文号", "number" },
    { "发文字号", "number" },  { "number", "number" }, { "主题词", "keywords" }, { "keywords", "keywords" },
    { "主送机关", "to" },      { "to", "to" },
};

static const char *const option_keys[] = { "title", "issuer", "date", "number", "keywords", "to" };

static const char *front_matter_key(const char *name)
{
    for (guint i = 0; i < G_N_ELEMENTS(front_matter_keys); i++)
        if (g_ascii_strcasecmp(name, front_matter_keys[i].name) == 0)
            return front_matter_keys[i].key;
    return NULL;
}

/* Splits "key: value" / "key：value" into trimmed, newly allocated halves. */
static gboolean split_key_value(const char *line, char **key, char **value)
{
    const char *colon = line;
    while (*colon && *colon != ':' && !g_str_has_prefix(colon, "："))
        colon = g_utf8_next_char(colon);
    if (!*colon || colon == line)
        return FALSE;
    if (key) {
        char *k = g_strndup(line, (gsize) (colon - line));
        char *v = g_strdup(g_utf8_next_char(colon));
        *key = g_strdup(trim(k, k + strlen(k)));
        *value = g_strdup(trim(v, v + strlen(v)));
        g_free(k);
        g_free(v);
    }
    return TRUE;
}

static gboolean is_fence(const char *line)
{
    return strcmp(line, "---") == 0;
}

static gboolean set_front_matter_line(TextReader *r, guint line_no, const char *name, const char *value,
                                      GError **error)
{
    const char *key = front_matter_key(name);
    if (!key) {
        gw_document_add_warning(r->doc, "%s:%u: unknown front-matter key '%s' ignored", r->name, line_no, name);
        return TRUE;
    }
    if (!*value || gw_read_options_get_meta(r->opts, key))
        return TRUE;
    if (strcmp(key, "date") != 0) {
        gw_document_set_meta(r->doc, key, value);
        return TRUE;
    }
    char *date = normalise_date(value);
    if (!date) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT,
                    "%s:%u: '%s' is not a date (write 2024-01-25, 2024/1/25 or 2024年1月25日)", r->name, line_no,
                    value);
        return FALSE;
    }
    gw_document_set_meta(r->doc, key, date);
    g_free(date);
    return TRUE;
}

/* Reads the front matter, if any; *body_start is the first line after it. */
static gboolean read_front_matter(TextReader *r, guint *body_start, GError **error)
{
    char **lines = (char **) r->lines->pdata;
    guint close = 1;
    *body_start = 0;
    if (r->lines->len == 0 || !is_fence(lines[0]))
        return TRUE;
    for (; close < r->lines->len && !is_fence(lines[close]); close++)
        if (*lines[close] && !split_key_value(lines[close], NULL, NULL))
            return TRUE;
    if (close == r->lines->len)
        return TRUE;
    for (guint i = 1; i < close; i++) {
        char *name, *value;
        if (!*lines[i])
            continue;
        split_key_value(lines[i], &name, &value);
        gboolean ok = set_front_matter_line(r, i + 1, name, value, error);
        g_free(name);
        g_free(value);
        if (!ok)
            return FALSE;
    }
    *body_start = close + 1;
    return TRUE;
}

static gboolean apply_option_meta(TextReader *r, GError **error)
{
    for (guint i = 0; i < G_N_ELEMENTS(option_keys); i++) {
        const char *key = option_keys[i], *value = gw_read_options_get_meta(r->opts, key);
        char *date = value && strcmp(key, "date") == 0 ? normalise_date(value) : NULL;
        if (value && strcmp(key, "date") == 0 && !date) {
            g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "%s: date '%s' is not a date (YYYY-MM-DD)", r->name, value);
            return FALSE;
        }
        if (value)
            gw_document_set_meta(r->doc, key, date ? date : value);
        g_free(date);
    }
    return TRUE;
}

/* ---- the reader ---------------------------------------------------------- */

static gboolean has_text(const TextReader *r, guint first)
{
    return next_nonblank(r, first) < r->lines->len;
}

static gboolean read_lines(TextReader *r, GError **error)
{
    guint body_start;
    if (!read_front_matter(r, &body_start, error) || !apply_option_meta(r, error))
        return FALSE;
    if (body_start == 0 && !has_text(r, 0)) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: empty file", r->name);
        return FALSE;
    }
    if (!check_blocks_limit(r, body_start, error))
        return FALSE;
    const char *title = gw_document_get_meta(r->doc, "title");
    if (title)
        g_ptr_array_add(r->blocks, text_block(GW_BLOCK_TITLE, title));
    read_body(r, body_start);
    add_signature(r);
    return TRUE;
}

GwDocument *gw_read_text(const char *data, gsize len, const char *name, const GwReadOptions *opts, GError **error)
{
    TextReader r = { name ? name : "text", opts, NULL, NULL, NULL };
    guint64 max = gw_read_options_get_limit(opts, GW_LIMIT_TEXT_BYTES);
    if (len > max) {
        gwi_limit_error(error, GW_LIMIT_TEXT_BYTES, max, "%s: a text of %" G_GSIZE_FORMAT " bytes", r.name, len);
        return NULL;
    }
    r.doc = gw_document_new();
    gsize text_len = 0;
    char *text = decode(&r, data, len, &text_len, error);
    gboolean ok = text != NULL;
    if (ok && memchr(text, '\0', text_len)) {
        set_binary_error(&r, error);
        ok = FALSE;
    }
    r.lines = g_ptr_array_new();
    r.blocks = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    if (ok && drop_controls(&r, text, &text_len, error)) {
        split_lines(&r, text, text_len);
        ok = read_lines(&r, error);
    } else {
        ok = FALSE;
    }
    for (guint i = 0; ok && i < r.blocks->len; i++)
        gw_document_append(r.doc, g_steal_pointer(&r.blocks->pdata[i]));
    g_ptr_array_unref(r.blocks);
    g_ptr_array_unref(r.lines);
    g_free(text);
    if (!ok)
        g_clear_pointer(&r.doc, gw_document_free);
    return r.doc;
}
