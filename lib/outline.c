/* outline.c: outline labels 一、（一）1.（1） (see outline.h). */
#include <string.h>
#include "outline.h"

static gboolean is_space(gunichar c)
{
    return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x3000;
}

static const char *skip_space(const char *p)
{
    while (*p && is_space(g_utf8_get_char(p)))
        p = g_utf8_next_char(p);
    return p;
}

static int chinese_digit(gunichar c)
{
    static const gunichar digits[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D }; /* 零一…九 */
    for (int i = 0; i < 10; i++)
        if (digits[i] == c)
            return i;
    return c == 0x3007 ? 0 : -1; /* 〇 */
}

/* A Chinese numeral from 一 to 九十九 ("十", "十二", "二十", "二十三").
 * Returns the value (0 when none) and moves *p past it. */
static int parse_chinese_number(const char **p)
{
    const char *s = *p;
    int tens = 0, units = 0;
    int d = chinese_digit(g_utf8_get_char(s));
    if (d > 0) {
        units = d;
        s = g_utf8_next_char(s);
    }
    if (g_utf8_get_char(s) == 0x5341) { /* 十 */
        tens = units ? units : 1;
        units = 0;
        s = g_utf8_next_char(s);
        d = chinese_digit(g_utf8_get_char(s));
        if (d > 0) {
            units = d;
            s = g_utf8_next_char(s);
        }
    }
    if (tens == 0 && units == 0)
        return 0;
    *p = s;
    return tens * 10 + units;
}

/* An Arabic number of 1..3 half- or full-width digits. */
static int parse_arabic_number(const char **p)
{
    const char *s = *p;
    int value = 0, n = 0;
    for (;;) {
        gunichar c = g_utf8_get_char(s);
        int d = c >= '0' && c <= '9' ? (int) (c - '0') : c >= 0xFF10 && c <= 0xFF19 ? (int) (c - 0xFF10) : -1;
        if (d < 0)
            break;
        if (++n > 3)
            return 0;
        value = value * 10 + d;
        s = g_utf8_next_char(s);
    }
    if (value == 0)
        return 0;
    *p = s;
    return value;
}

static gboolean is_digit_char(gunichar c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Parses the label at the start of `line`; returns its level (0 = none). */
static int parse_label(const char *line, int *number, const char **after)
{
    const char *p = skip_space(line);
    gunichar c = g_utf8_get_char(p);
    int n, level = 0;
    if (c == '(' || c == 0xFF08) {
        const char *q = g_utf8_next_char(p);
        if ((n = parse_chinese_number(&q)) > 0)
            level = 2;
        else if ((n = parse_arabic_number(&q)) > 0)
            level = 4;
        gunichar close = g_utf8_get_char(q);
        if (!level || (close != ')' && close != 0xFF09))
            return 0;
        p = g_utf8_next_char(q);
    } else if ((n = parse_chinese_number(&p)) > 0) {
        if (g_utf8_get_char(p) != 0x3001) /* 、 */
            return 0;
        level = 1;
        p = g_utf8_next_char(p);
    } else if ((n = parse_arabic_number(&p)) > 0) {
        gunichar sep = g_utf8_get_char(p);
        if (sep != '.' && sep != 0xFF0E && sep != 0x3001)
            return 0;
        p = g_utf8_next_char(p);
        if (is_digit_char(g_utf8_get_char(p))) /* 1.5亿 */
            return 0;
        level = 3;
    } else {
        return 0;
    }
    *number = n;
    *after = skip_space(p);
    return level;
}

gboolean gwi_outline_detect(const char *line, int *level, gsize *label_len)
{
    int number;
    const char *after;
    int lv = line ? parse_label(line, &number, &after) : 0;
    if (!lv)
        return FALSE;
    if (level)
        *level = lv;
    if (label_len)
        *label_len = (gsize) (after - line);
    return TRUE;
}

int gwi_outline_number(const char *line)
{
    int number;
    const char *after;
    return line && parse_label(line, &number, &after) ? number : 0;
}

static gboolean has_sentence_end(const char *s, const char *end)
{
    static const char *const stops[] = { "。", "；", "！", "？", ";", "!", "?" };
    for (guint i = 0; i < G_N_ELEMENTS(stops); i++) {
        const char *hit = g_strstr_len(s, end - s, stops[i]);
        if (hit)
            return TRUE;
    }
    return FALSE;
}

/* 。！？ end a lead sentence. */
static gboolean is_lead_end(gunichar c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/* The text after the label, with trailing white space cut: [*start, *end). */
static gboolean label_rest(const char *line, const char **start, const char **end)
{
    int number;
    if (!line || !parse_label(line, &number, start))
        return FALSE;
    const char *e = *start + strlen(*start);
    while (e > *start) {
        const char *prev = g_utf8_find_prev_char(*start, e);
        if (!prev || !(is_space(g_utf8_get_char(prev)) || *prev == '\n' || *prev == '\r'))
            break;
        e = prev;
    }
    *end = e;
    return e > *start;
}

gboolean gwi_outline_is_heading(const char *line)
{
    const char *s, *e;
    if (!label_rest(line, &s, &e) || g_utf8_strlen(s, e - s) > GWI_OUTLINE_HEADING_MAX)
        return FALSE;
    if (has_sentence_end(s, e))
        return FALSE;
    gunichar last = g_utf8_get_char(g_utf8_find_prev_char(s, e));
    return last != 0xFF1A && last != ':' && last != 0xFF0C && last != ',' && last != 0x3001 && last != '.';
}

gsize gwi_outline_lead_len(const char *line)
{
    const char *s, *e;
    if (!label_rest(line, &s, &e))
        return 0;
    const char *stop = s;
    while (stop < e && !is_lead_end(g_utf8_get_char(stop)))
        stop = g_utf8_next_char(stop);
    if (stop == e || stop == s)
        return 0;
    const char *lead_end = g_utf8_next_char(stop);
    if (g_utf8_strlen(s, stop - s) > GWI_OUTLINE_HEADING_MAX || has_sentence_end(s, stop))
        return 0;
    /* A labelled line that is one short sentence ("1.健全工作机制。") is all
     * lead: a heading written with a full stop. */
    return (gsize) (lead_end - line);
}

gsize gwi_outline_attachments_label(const char *line)
{
    static const char word[] = "附件";
    const char *p = line ? skip_space(line) : NULL;
    if (!p || !g_str_has_prefix(p, word))
        return 0;
    p = skip_space(p + strlen(word));
    gunichar colon = g_utf8_get_char(p);
    if (colon != ':' && colon != 0xFF1A)
        return 0;
    return (gsize) (skip_space(g_utf8_next_char(p)) - line);
}
