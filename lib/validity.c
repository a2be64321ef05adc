/* validity.c: dates, 文号, the rules and the status of a register entry. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "validity-imp.h"

static const char *const status_labels[] = {
    [GW_STATUS_IN_FORCE] = "有效",   [GW_STATUS_EXPIRED] = "失效", [GW_STATUS_REPEALED] = "废止",
    [GW_STATUS_NOT_YET] = "尚未施行", [GW_STATUS_INVALID] = "无法判定",
};

const char *gw_status_label(GwStatus status)
{
    return (guint) status < G_N_ELEMENTS(status_labels) ? status_labels[status] : "";
}

/* ---- dates ----------------------------------------------------------------- */

/* A value of a small Chinese numeral (一 .. 九十九), or -1. */
static int cn_small_number(const char *s)
{
    static const char *const digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    int value = 0, digit = -1;
    while (*s) {
        if (g_str_has_prefix(s, "十")) {
            value += (digit < 0 ? 1 : digit) * 10;
            digit = -1;
            s += strlen("十");
            continue;
        }
        if (g_str_has_prefix(s, "两")) {
            digit = 2;
            s += strlen("两");
            continue;
        }
        guint i;
        for (i = 0; i < G_N_ELEMENTS(digits); i++)
            if (g_str_has_prefix(s, digits[i]))
                break;
        if (i == G_N_ELEMENTS(digits) || digit >= 0)
            return -1;
        digit = (int) i;
        s += strlen(digits[i]);
    }
    value += digit < 0 ? 0 : digit;
    return value > 0 && value < 100 ? value : -1;
}

/* A year written digit by digit in Chinese (二〇二二), or -1. */
static int cn_year(const char *s)
{
    static const char *const digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    int year = 0, n = 0;
    while (*s) {
        if (g_str_has_prefix(s, "○") || g_str_has_prefix(s, "零")) {
            year *= 10;
            s += strlen("○");
            n++;
            continue;
        }
        guint i;
        for (i = 0; i < G_N_ELEMENTS(digits); i++)
            if (g_str_has_prefix(s, digits[i]))
                break;
        if (i == G_N_ELEMENTS(digits))
            return -1;
        year = year * 10 + (int) i;
        s += strlen(digits[i]);
        n++;
    }
    return n == 4 ? year : -1;
}

static gboolean set_dmy(GDate *date, int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 || !g_date_valid_dmy(d, m, y))
        return FALSE;
    g_date_clear(date, 1);
    g_date_set_dmy(date, d, m, y);
    return TRUE;
}

gboolean gw_date_from_serial(double serial, gboolean date1904, GDate *date)
{
    if (serial != serial || serial < (date1904 ? 0 : 1) || serial > 2958465)
        return FALSE;
    guint days = (guint) serial;
    g_date_clear(date, 1);
    if (date1904) {
        g_date_set_dmy(date, 1, 1, 1904);
    } else {
        if (days == 60) /* Lotus's 1900-02-29, which never was */
            return FALSE;
        g_date_set_dmy(date, 31, 12, 1899);
        if (days > 60)
            days--;
    }
    g_date_add_days(date, days);
    return TRUE;
}

typedef enum { DATE_YMD, DATE_COMPACT, DATE_SERIAL, DATE_CN } DateForm;

static GRegex *date_regex(DateForm form)
{
    static GRegex *re[4];
    static const char *const patterns[] = {
        [DATE_YMD] = ("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?"
                      "(?:[T\\s]+\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?$"),
        [DATE_COMPACT] = "^(\\d{4})(\\d{2})(\\d{2})$",
        [DATE_SERIAL] = "^(\\d{5})(?:\\.0+)?$",
        [DATE_CN] = "^([〇○零一二三四五六七八九]{4})年([一二两三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$",
    };
    if (g_once_init_enter(&re[form])) {
        GRegex *r = g_regex_new(patterns[form], G_REGEX_OPTIMIZE, 0, NULL);
        g_once_init_leave(&re[form], r);
    }
    return re[form];
}

static int match_int(GMatchInfo *m, int group)
{
    char *s = g_match_info_fetch(m, group);
    int v = atoi(s);
    g_free(s);
    return v;
}

static GMatchInfo *date_match(DateForm form, const char *text)
{
    GMatchInfo *m = NULL;
    if (g_regex_match(date_regex(form), text, 0, &m))
        return m;
    g_match_info_free(m);
    return NULL;
}

gboolean gw_parse_date(const char *text, GDate *date)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return FALSE;
    char *norm = g_utf8_normalize(text, -1, G_NORMALIZE_NFKC);
    if (!norm)
        return FALSE;
    g_strstrip(norm);
    gboolean ok = FALSE;
    GMatchInfo *m;
    if ((m = date_match(DATE_YMD, norm)) || (m = date_match(DATE_COMPACT, norm))) {
        ok = set_dmy(date, match_int(m, 1), match_int(m, 2), match_int(m, 3));
    } else if ((m = date_match(DATE_SERIAL, norm))) {
        ok = gw_date_from_serial(match_int(m, 1), FALSE, date);
    } else if ((m = date_match(DATE_CN, norm))) {
        char *y = g_match_info_fetch(m, 1), *mo = g_match_info_fetch(m, 2), *d = g_match_info_fetch(m, 3);
        ok = set_dmy(date, cn_year(y), cn_small_number(mo), cn_small_number(d));
        g_free(y);
        g_free(mo);
        g_free(d);
    }
    if (m)
        g_match_info_free(m);
    g_free(norm);
    return ok;
}

char *gw_date_format_cn(const GDate *date)
{
    return g_strdup_printf("%d年%d月%d日", g_date_get_year(date), g_date_get_month(date), g_date_get_day(date));
}

char *gw_date_format_iso(const GDate *date)
{
    return g_strdup_printf("%04d-%02d-%02d", g_date_get_year(date), g_date_get_month(date), g_date_get_day(date));
}

/* ---- 文号 ------------------------------------------------------------------- */

static GRegex *number_regex(int which)
{
    static GRegex *re[3];
    static const char *const patterns[] = {
        /* the year in any bracket */
        "[\\[(【〖〔]\\s*((?:19|20)\\d{2})\\s*[\\])】〗〕]",
        /* the serial after it */
        "〕第?0*(\\d+)号",
        /* a whole 文号 in running text (after NFKC) */
        "[\\p{Han}A-Za-z]{1,12}\\s*[\\[(【〖〔]\\s*(?:19|20)\\d{2}\\s*[\\])】〗〕]\\s*第?\\s*\\d{1,6}\\s*号",
    };
    if (g_once_init_enter(&re[which])) {
        GRegex *r = g_regex_new(patterns[which], G_REGEX_OPTIMIZE, 0, NULL);
        g_once_init_leave(&re[which], r);
    }
    return re[which];
}

char *gwi_strip_spaces(char *s)
{
    char *w = s;
    for (const char *p = s; *p;) {
        gunichar c = g_utf8_get_char(p);
        p = g_utf8_next_char(p); /* before writing: w may overwrite what p read */
        if (!g_unichar_isspace(c))
            w += g_unichar_to_utf8(c, w);
    }
    *w = '\0';
    return s;
}

char *gw_number_normalize(const char *number)
{
    if (!number)
        return NULL;
    char *norm = g_utf8_make_valid(number, -1);
    char *nfkc = g_utf8_normalize(norm, -1, G_NORMALIZE_NFKC);
    g_free(norm);
    gwi_strip_spaces(nfkc);
    char *year = g_regex_replace(number_regex(0), nfkc, -1, 0, "〔\\1〕", 0, NULL);
    char *serial = g_regex_replace(number_regex(1), year, -1, 0, "〕\\1号", 0, NULL);
    g_free(nfkc);
    g_free(year);
    return serial;
}

GPtrArray *gw_find_numbers(const char *text)
{
    GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
    char *valid = g_utf8_make_valid(text ? text : "", -1);
    char *nfkc = g_utf8_normalize(valid, -1, G_NORMALIZE_NFKC);
    g_free(valid);
    GMatchInfo *m = NULL;
    g_regex_match(number_regex(2), nfkc, 0, &m);
    while (g_match_info_matches(m)) {
        char *raw = g_match_info_fetch(m, 0);
        g_ptr_array_add(found, gw_number_normalize(raw));
        g_free(raw);
        g_match_info_next(m, NULL);
    }
    g_match_info_free(m);
    g_free(nfkc);
    return found;
}

/* ---- rules ------------------------------------------------------------------ */

struct GwRules {
    int term_default;        /* years; 0 = documents without a term never expire */
    int term_provisional;    /* years for titles with a provisional word */
    char **provisional_words;
    gboolean expired_is_repealed; /* count 失效 in 本年废止件数 */
};

typedef enum { RULE_INT, RULE_WORDS, RULE_BOOL } RuleType;

/* Every rule with its key-file place and default. */
static const struct {
    const char *group, *key;
    RuleType type;
    size_t offset;
    const char *value;
} rule_table[] = {
    { "term", "default", RULE_INT, offsetof(GwRules, term_default), "5" },
    { "term", "provisional", RULE_INT, offsetof(GwRules, term_provisional), "2" },
    { "term", "provisional_words", RULE_WORDS, offsetof(GwRules, provisional_words), "暂行;试行" },
    { "count", "expired_is_repealed", RULE_BOOL, offsetof(GwRules, expired_is_repealed), "false" },
};

static gboolean rule_set(GwRules *rules, guint i, GKeyFile *kf, GError **error)
{
    char *field = (char *) rules + rule_table[i].offset;
    const char *group = rule_table[i].group, *key = rule_table[i].key;
    GError *local = NULL;
    switch (rule_table[i].type) {
    case RULE_INT: {
        int v = g_key_file_get_integer(kf, group, key, &local);
        if (!local && (v < 0 || v > 100))
            g_set_error(&local, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "must be 0 to 100 years");
        if (!local)
            *(int *) field = v;
        break;
    }
    case RULE_BOOL: {
        gboolean v = g_key_file_get_boolean(kf, group, key, &local);
        if (!local)
            *(gboolean *) field = v;
        break;
    }
    case RULE_WORDS: {
        char **v = g_key_file_get_string_list(kf, group, key, NULL, &local);
        if (!local) {
            g_strfreev(*(char ***) field);
            *(char ***) field = v;
        }
        break;
    }
    }
    if (local) {
        g_propagate_prefixed_error(error, local, "[%s] %s: ", group, key);
        return FALSE;
    }
    return TRUE;
}

/* Apply the keys of `kf` that are present (all of them for the defaults). */
static gboolean rules_apply(GwRules *rules, GKeyFile *kf, GError **error)
{
    for (guint i = 0; i < G_N_ELEMENTS(rule_table); i++)
        if (g_key_file_has_key(kf, rule_table[i].group, rule_table[i].key, NULL) && !rule_set(rules, i, kf, error))
            return FALSE;
    return TRUE;
}

GwRules *gw_rules_new(void)
{
    GwRules *rules = g_new0(GwRules, 1);
    GKeyFile *kf = g_key_file_new();
    g_key_file_set_list_separator(kf, ';');
    for (guint i = 0; i < G_N_ELEMENTS(rule_table); i++)
        g_key_file_set_value(kf, rule_table[i].group, rule_table[i].key, rule_table[i].value);
    gboolean ok = rules_apply(rules, kf, NULL);
    g_assert(ok);
    g_key_file_free(kf);
    return rules;
}

void gw_rules_free(GwRules *rules)
{
    if (!rules)
        return;
    g_strfreev(rules->provisional_words);
    g_free(rules);
}

gboolean gw_rules_load_data(GwRules *rules, const char *data, gsize len, const char *name, GError **error)
{
    GKeyFile *kf = g_key_file_new();
    g_key_file_set_list_separator(kf, ';');
    GError *local = NULL;
    gboolean ok = g_key_file_load_from_data(kf, data, len, G_KEY_FILE_NONE, &local) && rules_apply(rules, kf, &local);
    if (!ok) {
        g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "%s: %s", name, local->message);
        g_error_free(local);
    }
    g_key_file_free(kf);
    return ok;
}

gboolean gw_rules_load(GwRules *rules, const char *path, GError **error)
{
    gsize len = 0;
    char *data = gwi_read_file(path, &len, error);
    if (!data)
        return FALSE;
    gboolean ok = gw_rules_load_data(rules, data, len, path, error);
    g_free(data);
    return ok;
}

/* ---- status ---------------------------------------------------------------- */

typedef enum { END_NONE, END_REPEALED, END_EXPIRED } EndKind;

/* How and when an entry stops being in force, and the words for its term. */
typedef struct {
    GDate start;      /* first day in force */
    GDate last;       /* last day of the term or 失效日期 (invalid: none) */
    EndKind end;
    GDate end_date;   /* first day no longer in force */
    char *term_words; /* "有效期5年（默认）", "失效日期…", "长期有效"... */
    gboolean explicit_expiry;
} Lifetime;

static const char *provisional_word(const GwEntry *e, const GwRules *rules)
{
    const char *title = gw_entry_get(e, GW_FIELD_TITLE);
    for (char **w = rules->provisional_words; w && *w; w++)
        if (**w && strstr(title, *w))
            return *w;
    return NULL;
}

/* The last day of a term of `years` from `start`: the day before the
 * anniversary, where the anniversary of 29 February in a common year is
 * 1 March (so 2020-02-29 + 5 years runs through 2025-02-28). */
static void term_last_day(const GDate *start, int years, GDate *last)
{
    int y = g_date_get_year(start) + years;
    int m = g_date_get_month(start), d = g_date_get_day(start);
    g_date_clear(last, 1);
    if (y > 9999) /* GDate's end: treat as never expiring */
        return;
    if (m == 2 && d == 29 && !g_date_is_leap_year(y))
        g_date_set_dmy(last, 28, 2, y);
    else {
        g_date_set_dmy(last, d, m, y);
        g_date_subtract_days(last, 1);
    }
}

static void lifetime_init(const GwEntry *e, const GwRules *rules, Lifetime *lt)
{
    memset(lt, 0, sizeof *lt);
    lt->start = g_date_valid(&e->dates[GW_FIELD_EFFECTIVE]) ? e->dates[GW_FIELD_EFFECTIVE] : e->dates[GW_FIELD_ISSUED];
    g_date_clear(&lt->last, 1);
    g_date_clear(&lt->end_date, 1);
    if (g_date_valid(&e->dates[GW_FIELD_EXPIRES])) {
        lt->last = e->dates[GW_FIELD_EXPIRES];
        lt->explicit_expiry = TRUE;
        char *d = gw_date_format_cn(&lt->last);
        lt->term_words = g_strdup_printf("失效日期%s", d);
        g_free(d);
    } else {
        const char *word = provisional_word(e, rules);
        int years = e->term != GWI_TERM_NONE ? e->term : word ? rules->term_provisional : rules->term_default;
        char *why = e->term != GWI_TERM_NONE ? g_strdup("")
                    : word                   ? g_strdup_printf("（标题含“%s”，默认）", word)
                                             : g_strdup("（默认）");
        if (years > 0) {
            term_last_day(&lt->start, years, &lt->last);
            lt->term_words = g_strdup_printf("有效期%d年%s", years, why);
        } else
            lt->term_words = g_strdup(e->term == GWI_TERM_UNLIMITED ? "长期有效" : "未规定有效期");
        g_free(why);
    }
    GDate expiry_start = lt->last;
    if (g_date_valid(&expiry_start))
        g_date_add_days(&expiry_start, 1);
    const GDate *repealed = &e->dates[GW_FIELD_REPEALED];
    /* Whichever comes first ends it; on the same day the act of repeal wins. */
    if (g_date_valid(repealed) && (!g_date_valid(&expiry_start) || g_date_compare(repealed, &expiry_start) <= 0)) {
        lt->end = END_REPEALED;
        lt->end_date = *repealed;
    } else if (g_date_valid(&expiry_start)) {
        lt->end = END_EXPIRED;
        lt->end_date = expiry_start;
    }
}

static char *term_reason(const Lifetime *lt, gboolean ended)
{
    char *start = gw_date_format_cn(&lt->start);
    char *r;
    if (lt->explicit_expiry)
        r = ended ? g_strdup_printf("%s已过", lt->term_words)
                  : g_strdup_printf("自%s起施行，%s", start, lt->term_words);
    else if (g_date_valid(&lt->last)) {
        char *last = gw_date_format_cn(&lt->last);
        r = g_strdup_printf("%s，自%s起至%s止%s", lt->term_words, start, last, ended ? "，已届满" : "");
        g_free(last);
    } else
        r = g_strdup_printf("自%s起施行，%s", start, lt->term_words);
    g_free(start);
    return r;
}

static char *repeal_reason(const GwEntry *e)
{
    char *d = gw_date_format_cn(&e->dates[GW_FIELD_REPEALED]);
    const char *basis = gw_entry_get(e, GW_FIELD_REPEALED_BY);
    char *r = *basis ? g_strdup_printf("已于%s废止，依据：%s", d, basis) : g_strdup_printf("已于%s废止", d);
    g_free(d);
    return r;
}

GwStatus gw_entry_status(const GwEntry *e, const GwRules *rules, const GDate *as_of, GDate *since, char **reason)
{
    GDate none;
    g_date_clear(&none, 1);
    if (since)
        *since = none;
    if (e->problem) {
        if (reason)
            *reason = g_strdup(e->problem);
        return GW_STATUS_INVALID;
    }
    Lifetime lt;
    lifetime_init(e, rules, &lt);
    GwStatus status;
    char *why;
    if (lt.end != END_NONE && g_date_compare(as_of, &lt.end_date) >= 0) {
        status = lt.end == END_REPEALED ? GW_STATUS_REPEALED : GW_STATUS_EXPIRED;
        why = lt.end == END_REPEALED ? repeal_reason(e) : term_reason(&lt, TRUE);
        if (since)
            *since = lt.end_date;
    } else if (g_date_compare(as_of, &lt.start) < 0) {
        status = GW_STATUS_NOT_YET;
        char *d = gw_date_format_cn(&lt.start);
        why = g_strdup_printf("将于%s起施行", d);
        g_free(d);
        if (since && g_date_valid(&e->dates[GW_FIELD_ISSUED]) &&
            g_date_compare(&e->dates[GW_FIELD_ISSUED], as_of) <= 0)
            *since = e->dates[GW_FIELD_ISSUED];
    } else {
        status = GW_STATUS_IN_FORCE;
        why = term_reason(&lt, FALSE);
        if (since)
            *since = lt.start;
    }
    g_free(lt.term_words);
    if (reason)
        *reason = why;
    else
        g_free(why);
    return status;
}

/* ---- yearly counts --------------------------------------------------------- */

static gboolean in_year(const GDate *d, int year)
{
    return g_date_valid(d) && g_date_get_year(d) == year;
}

void gw_register_count_year(const GwRegister *reg, const GwRules *rules, int year, GwYearCounts *counts)
{
    memset(counts, 0, sizeof *counts);
    GDate dec31;
    g_date_clear(&dec31, 1);
    g_date_set_dmy(&dec31, 31, 12, (GDateYear) CLAMP(year, 1, 9999));
    for (guint i = 0; i < reg->entries->len; i++) {
        const GwEntry *e = reg->entries->pdata[i];
        if (e->problem) {
            counts->invalid++;
            continue;
        }
        const GDate *issued = g_date_valid(&e->dates[GW_FIELD_ISSUED]) ? &e->dates[GW_FIELD_ISSUED]
                                                                       : &e->dates[GW_FIELD_EFFECTIVE];
        if (in_year(issued, year))
            counts->issued++;
        Lifetime lt;
        lifetime_init(e, rules, &lt);
        g_free(lt.term_words);
        if (in_year(&e->dates[GW_FIELD_REPEALED], year) ||
            (rules->expired_is_repealed && lt.end == END_EXPIRED && in_year(&lt.end_date, year)))
            counts->repealed++;
        if (gw_entry_status(e, rules, &dec31, NULL, NULL) == GW_STATUS_IN_FORCE)
            counts->in_force++;
    }
}
