/* number-format.c: a number written in one of the number formats of
 * list labels, note marks and page numbers, named as OOXML's
 * ST_NumberFormat names them ("decimal", "lowerRoman", "chineseCounting",
 * "decimalEnclosedCircle", "numberInDash"...): the model's names for them,
 * whatever the document's format. */
#include <string.h>
#include "model-imp.h"

/* Numbers above this are written in decimal (no label runs away in size). */
#define MAX_NUMBER 99999999

static void append_roman(GString *out, int n, gboolean upper)
{
    static const struct {
        int value;
        const char *digits;
    } table[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" }, { 50, "l" },
                  { 40, "xl" },  { 10, "x" },   { 9, "ix" },   { 5, "v" },    { 4, "iv" },   { 1, "i" } };
    for (guint i = 0; i < G_N_ELEMENTS(table); i++)
        for (; n >= table[i].value; n -= table[i].value)
            for (const char *c = table[i].digits; *c; c++)
                g_string_append_c(out, upper ? g_ascii_toupper(*c) : *c);
}

/* Chinese numerals with units: 十一, 二十, 一百零一, 一万零五百. */
typedef struct {
    const char *digit[10];
    const char *unit[4]; /* "", 十, 百, 千 */
    const char *wan;
    gboolean short_ten;  /* 十一 rather than 一十一 */
} ChineseNumerals;

static const ChineseNumerals chinese_plain = {
    { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" }, { "", "十", "百", "千" }, "万", TRUE,
};
static const ChineseNumerals chinese_legal = {
    { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" }, { "", "拾", "佰", "仟" }, "万", FALSE,
};
static const ChineseNumerals chinese_legal_trad = {
    { "零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖" }, { "", "拾", "佰", "仟" }, "萬", FALSE,
};

/* n in 1..9999; `leading` when nothing precedes it. */
static void append_chinese_section(GString *out, int n, const ChineseNumerals *cn, gboolean leading)
{
    static const int powers[4] = { 1000, 100, 10, 1 };
    gboolean zero = FALSE, any = FALSE;
    for (int i = 0; i < 4; i++) {
        int d = n / powers[i] % 10;
        if (d == 0) {
            zero = any || !leading;
            continue;
        }
        if (zero)
            g_string_append(out, "零");
        zero = FALSE;
        if (!(cn->short_ten && leading && !any && i == 2 && d == 1))
            g_string_append(out, cn->digit[d]);
        g_string_append(out, cn->unit[3 - i]);
        any = TRUE;
    }
}

static void append_chinese(GString *out, int n, const ChineseNumerals *cn)
{
    if (n <= 0) {
        g_string_append(out, "〇");
        return;
    }
    if (n >= 10000) {
        append_chinese_section(out, n / 10000, cn, TRUE);
        g_string_append(out, cn->wan);
        if (n % 10000)
            append_chinese_section(out, n % 10000, cn, FALSE);
        return;
    }
    append_chinese_section(out, n, cn, TRUE);
}

static void append_digits(GString *out, int n, const char *const digits[10])
{
    char buf[16];
    g_snprintf(buf, sizeof buf, "%d", n);
    for (const char *c = buf; *c; c++)
        g_string_append(out, digits[*c - '0']);
}

/* A character from an enclosed range (①..⑳...) when n is in [lo, hi]. */
static gboolean append_enclosed(GString *out, int n, int lo, int hi, gunichar first)
{
    if (n < lo || n > hi)
        return FALSE;
    g_string_append_unichar(out, first + (gunichar) (n - lo));
    return TRUE;
}

static void append_cycle(GString *out, int n, const char *const *items, int count)
{
    g_string_append(out, items[(n - 1) % count]);
}

static gboolean append_east_asian(GString *out, const char *f, int n)
{
    static const char *const stems[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };
    static const char *const branches[] = { "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥" };
    if (strcmp(f, "chineseCounting") == 0) {
        /* Counting style to 99, then digit by digit (一〇〇). */
        if (n < 100)
            append_chinese(out, n, &chinese_plain);
        else
            append_digits(out, n, chinese_plain.digit);
    } else if (strcmp(f, "chineseCountingThousand") == 0 || strcmp(f, "taiwaneseCountingThousand") == 0 ||
               strcmp(f, "taiwaneseCounting") == 0 || strcmp(f, "japaneseCounting") == 0)
        append_chinese(out, n, &chinese_plain);
    else if (strcmp(f, "chineseLegalSimplified") == 0)
        append_chinese(out, n, &chinese_legal);
    else if (strcmp(f, "ideographLegalTraditional") == 0)
        append_chinese(out, n, &chinese_legal_trad);
    else if (strcmp(f, "ideographDigital") == 0 || strcmp(f, "taiwaneseDigital") == 0 ||
             strcmp(f, "japaneseDigitalTenThousand") == 0)
        append_digits(out, n, chinese_plain.digit);
    else if (strcmp(f, "ideographTraditional") == 0 && n > 0)
        append_cycle(out, n, stems, G_N_ELEMENTS(stems));
    else if (strcmp(f, "ideographZodiac") == 0 && n > 0)
        append_cycle(out, n, branches, G_N_ELEMENTS(branches));
    else
        return FALSE;
    return TRUE;
}

static gboolean append_enclosed_format(GString *out, const char *f, int n)
{
    if (strcmp(f, "decimalEnclosedCircle") == 0 || strcmp(f, "decimalEnclosedCircleChinese") == 0)
        return append_enclosed(out, n, 1, 20, 0x2460) || append_enclosed(out, n, 21, 35, 0x3251) ||
               append_enclosed(out, n, 36, 50, 0x32B1);
    if (strcmp(f, "decimalEnclosedFullstop") == 0)
        return append_enclosed(out, n, 1, 20, 0x2488);
    if (strcmp(f, "decimalEnclosedParen") == 0)
        return append_enclosed(out, n, 1, 20, 0x2474);
    if (strcmp(f, "ideographEnclosedCircle") == 0)
        return append_enclosed(out, n, 1, 10, 0x3220);
    return FALSE;
}

static void append_letters(GString *out, int n, gboolean upper)
{
    int repeat = (n - 1) / 26 + 1;
    char c = (char) ((upper ? 'A' : 'a') + (n - 1) % 26);
    for (int i = 0; i < repeat; i++)
        g_string_append_c(out, c);
}

static void append_ordinal(GString *out, int n)
{
    int tens = n % 100, ones = n % 10;
    const char *suffix = tens >= 11 && tens <= 13 ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
    g_string_append_printf(out, "%d%s", n, suffix);
}

static void append_number(GString *out, const char *f, int n)
{
    if (!f || strcmp(f, "decimal") == 0 || n < 0 || n > MAX_NUMBER)
        g_string_append_printf(out, "%d", n);
    else if (strcmp(f, "none") == 0 || strcmp(f, "bullet") == 0)
        return;
    else if (strcmp(f, "decimalZero") == 0)
        g_string_append_printf(out, "%02d", n);
    else if (strcmp(f, "numberInDash") == 0)
        g_string_append_printf(out, "- %d -", n);
    else if ((strcmp(f, "upperRoman") == 0 || strcmp(f, "lowerRoman") == 0) && n > 0 && n < 4000)
        append_roman(out, n, f[0] == 'u');
    else if ((strcmp(f, "upperLetter") == 0 || strcmp(f, "lowerLetter") == 0) && n > 0 && n <= 26 * 100)
        append_letters(out, n, f[0] == 'u');
    else if (strcmp(f, "ordinal") == 0)
        append_ordinal(out, n);
    else if (strcmp(f, "decimalFullWidth") == 0 || strcmp(f, "decimalFullWidth2") == 0) {
        static const char *const wide[10] = { "０", "１", "２", "３", "４", "５", "６", "７", "８", "９" };
        append_digits(out, n, wide);
    } else if (!append_east_asian(out, f, n) && !append_enclosed_format(out, f, n))
        g_string_append_printf(out, "%d", n);
}

char *gwi_format_number(const char *format, int n)
{
    GString *out = g_string_new(NULL);
    append_number(out, format, n);
    return g_string_free(out, FALSE);
}

/* Word's field switches (\\* ARG) and the number formats they write. */
static const char *const switches[][2] = {
    { "Arabic", "decimal" },
    { "ArabicDash", "numberInDash" },
    { "roman", "lowerRoman" },
    { "ROMAN", "upperRoman" },
    { "alphabetic", "lowerLetter" },
    { "ALPHABETIC", "upperLetter" },
    { "CHINESENUM1", "chineseCounting" },
    { "CHINESENUM2", "chineseLegalSimplified" },
    { "CHINESENUM3", "chineseCountingThousand" },
    { "DBCHAR", "decimalFullWidth" },
    { "CIRCLENUM", "decimalEnclosedCircle" },
    { "Ordinal", "ordinal" },
};

const char *gwi_switch_number_format(const char *arg)
{
    /* roman and alphabetic take their letters' case from the switch's */
    gboolean upper = g_ascii_isupper(arg[0]) && arg[1] && g_ascii_isupper(arg[1]);
    if (g_ascii_strcasecmp(arg, "roman") == 0)
        return upper ? "upperRoman" : "lowerRoman";
    if (g_ascii_strcasecmp(arg, "alphabetic") == 0)
        return upper ? "upperLetter" : "lowerLetter";
    for (guint i = 0; i < G_N_ELEMENTS(switches); i++)
        if (g_ascii_strcasecmp(arg, switches[i][0]) == 0)
            return switches[i][1];
    return NULL;
}

const char *gwi_number_format_switch(const char *format)
{
    for (guint i = 0; format && i < G_N_ELEMENTS(switches); i++)
        if (strcmp(format, switches[i][1]) == 0)
            return switches[i][0];
    return NULL;
}
