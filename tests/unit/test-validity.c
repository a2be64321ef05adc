/* test-validity.c: dates, 文号, the rules at every boundary, CSV and XLSX
 * registers, row problems, counts and the tagged outputs. */
#include <string.h>
#include <glib/gstdio.h>
#include "harness.h"
#include "validity-imp.h"

static char *iso(const GDate *d)
{
    return g_date_valid(d) ? gw_date_format_iso(d) : g_strdup("(invalid)");
}

static void check_date(const char *text, const char *want)
{
    GDate d;
    g_date_clear(&d, 1);
    gboolean ok = gw_parse_date(text, &d);
    char *name = g_strdup_printf("date '%s'", text);
    if (!want)
        CHECK(name, !ok);
    else {
        char *got = ok ? iso(&d) : g_strdup("(not a date)");
        CHECK_STR(name, got, want);
        g_free(got);
    }
    g_free(name);
}

static void check_serial(double serial, gboolean date1904, const char *want)
{
    GDate d;
    gboolean ok = gw_date_from_serial(serial, date1904, &d);
    char *name = g_strdup_printf("serial %g %s", serial, date1904 ? "1904" : "1900");
    if (!want)
        CHECK(name, !ok);
    else {
        char *got = ok ? iso(&d) : g_strdup("(none)");
        CHECK_STR(name, got, want);
        g_free(got);
    }
    g_free(name);
}

static void test_dates(void)
{
    check_date("2022-01-01", "2022-01-01");
    check_date("2022/1/1", "2022-01-01");
    check_date("2022.1.1", "2022-01-01");
    check_date("2022年1月1日", "2022-01-01");
    check_date("2022年01月01日", "2022-01-01");
    check_date(" 2022 年 1 月 1 日 ", "2022-01-01");
    check_date("２０２２－１２－３１", "2022-12-31");
    check_date("20221231", "2022-12-31");
    check_date("2022-01-01 00:00:00", "2022-01-01");
    check_date("二〇二二年一月一日", "2022-01-01");
    check_date("二○二三年十二月三十一日", "2023-12-31");
    check_date("二〇二〇年二月二十九日", "2020-02-29");
    check_date("44562", "2022-01-01");
    check_date("2022-02-29", NULL);
    check_date("2023-13-01", NULL);
    check_date("2022-1", NULL);
    check_date("abc", NULL);
    check_date("", NULL);
    check_date("123456", NULL);
    check_serial(1, FALSE, "1900-01-01");
    check_serial(59, FALSE, "1900-02-28");
    check_serial(60, FALSE, NULL); /* Excel's 1900-02-29 */
    check_serial(61, FALSE, "1900-03-01");
    check_serial(44562, FALSE, "2022-01-01");
    check_serial(0, FALSE, NULL);
    check_serial(0, TRUE, "1904-01-01");
    check_serial(43100, TRUE, "2022-01-01");
    check_serial(-1, TRUE, NULL);
}

static void test_numbers(void)
{
    const char *variants[] = { "穗府规〔2017〕6号", "穗府规[2017]6号",  "穗府规（2017）6号", "穗府规［2017］6号",
                               "穗府规(2017)第06号", "穗府规【2017】6号", "穗府规 〔２０１７〕 ６ 号" };
    for (guint i = 0; i < G_N_ELEMENTS(variants); i++) {
        char *n = gw_number_normalize(variants[i]);
        char *name = g_strdup_printf("normalise %s", variants[i]);
        CHECK_STR(name, n, "穗府规〔2017〕6号");
        g_free(name);
        g_free(n);
    }
    GPtrArray *found = gw_find_numbers("根据《某办法》（穗府办规[2019]5号）和增府办规〔2020〕6号，以及2020年6月5日的通知");
    CHECK_INT("find numbers: count", found->len, 2);
    if (found->len == 2) {
        CHECK("find numbers: first", g_str_has_suffix(found->pdata[0], "穗府办规〔2019〕5号"));
        CHECK_STR("find numbers: second", found->pdata[1], "和增府办规〔2020〕6号");
    }
    g_ptr_array_unref(found);
}

/* ---- rules --------------------------------------------------------------- */

static const char rules_csv[] =
    "统一编号,文号,标题,发布日期,实施日期,有效期,失效日期,废止日期,废止依据\n"
    "1,A〔2022〕1号,默认五年,2021-12-20,2022-01-01,,,,\n"
    "2,A〔2020〕1号,闰日,2020-02-01,2020-02-29,,,,\n"
    "3,A〔2021〕1号,某暂行办法,2021-02-01,2021-03-01,,,,\n"
    "4,A〔2020〕2号,某细则（试行）,2020-05-20,2020-06-05,3年,,,\n"
    "5,A〔2020〕3号,明确失效日期,2020-05-20,2020-06-05,,2023-06-04,,\n"
    "6,A〔2021〕2号,废止,2021-01-01,2021-02-01,,,2024-06-30,B〔2024〕3号\n"
    "7,A〔2022〕2号,仅发布日期,2022-05-01,,,,,\n"
    "8,A〔2019〕1号,长期,2019-01-01,2019-01-01,长期,,,\n"
    "9,A〔2019〕2号,五年中文,2019-03-01,2019-03-01,五年,,,\n"
    "10,A〔2019〕3号,一年跨闰日,2019-03-01,2019-03-01,1,,,\n"
    "11,A〔2018〕1号,到期当日废止,2018-01-01,2018-01-01,,,2023-01-01,\n"
    "12,A〔2023〕1号,无依据废止,2023-01-01,2023-01-01,,,2023-07-01,\n";

static GwRegister *csv_register(const char *csv, const char *name)
{
    GError *error = NULL;
    GwRegister *reg = gw_register_read_csv(csv, strlen(csv), name, &error);
    if (!reg) {
        printf("FAIL: read %s: %s\n", name, error->message);
        harness_failed = 1;
        g_error_free(error);
    }
    return reg;
}

/* Status of the row with `number` on `date`: "label since reason". */
static char *status_on(const GwRegister *reg, const GwRules *rules, const char *number, const char *date)
{
    GwEntry *e = gw_register_find_number(reg, number);
    GDate d, since;
    if (!e || !gw_parse_date(date, &d))
        return g_strdup("(no entry)");
    char *reason = NULL;
    GwStatus s = gw_entry_status(e, rules, &d, &since, &reason);
    char *sd = iso(&since);
    char *r = g_strdup_printf("%s %s %s", gw_status_label(s), sd, reason);
    g_free(sd);
    g_free(reason);
    return r;
}

/* The label only. */
static void check_label(const GwRegister *reg, const GwRules *rules, const char *number, const char *date,
                        const char *want)
{
    char *got = status_on(reg, rules, number, date);
    char *space = strchr(got, ' ');
    if (space)
        *space = '\0';
    char *name = g_strdup_printf("%s on %s", number, date);
    CHECK_STR(name, got, want);
    g_free(name);
    g_free(got);
}

static void check_full(const GwRegister *reg, const GwRules *rules, const char *number, const char *date,
                       const char *want)
{
    char *got = status_on(reg, rules, number, date);
    char *name = g_strdup_printf("%s on %s (since, reason)", number, date);
    CHECK_STR(name, got, want);
    g_free(name);
    g_free(got);
}

static void test_rules(void)
{
    GwRegister *reg = csv_register(rules_csv, "rules.csv");
    if (!reg)
        return;
    GwRules *rules = gw_rules_new();
    CHECK_INT("rules register: no problems", gw_register_n_problems(reg), 0);
    /* default 5 years, counted as the Guangzhou library does */
    check_full(reg, rules, "A〔2022〕1号", "2021-12-31", "尚未施行 2021-12-20 将于2022年1月1日起施行");
    check_full(reg, rules, "A〔2022〕1号", "2022-01-01",
               "有效 2022-01-01 有效期5年（默认），自2022年1月1日起至2026年12月31日止");
    check_label(reg, rules, "A〔2022〕1号", "2022-01-02", "有效");
    check_label(reg, rules, "A〔2022〕1号", "2026-12-30", "有效");
    check_label(reg, rules, "A〔2022〕1号", "2026-12-31", "有效");
    check_full(reg, rules, "A〔2022〕1号", "2027-01-01",
               "失效 2027-01-01 有效期5年（默认），自2022年1月1日起至2026年12月31日止，已届满");
    check_label(reg, rules, "A〔2022〕1号", "2027-01-02", "失效");
    /* leap day: 2020-02-29 + 5 years runs through 2025-02-28 */
    check_label(reg, rules, "A〔2020〕1号", "2020-02-28", "尚未施行");
    check_label(reg, rules, "A〔2020〕1号", "2020-02-29", "有效");
    check_label(reg, rules, "A〔2020〕1号", "2025-02-27", "有效");
    check_label(reg, rules, "A〔2020〕1号", "2025-02-28", "有效");
    check_full(reg, rules, "A〔2020〕1号", "2025-03-01",
               "失效 2025-03-01 有效期5年（默认），自2020年2月29日起至2025年2月28日止，已届满");
    /* one year over a leap day: 2019-03-01 .. 2020-02-29 */
    check_label(reg, rules, "A〔2019〕3号", "2020-02-29", "有效");
    check_label(reg, rules, "A〔2019〕3号", "2020-03-01", "失效");
    /* 暂行: 2 years */
    check_label(reg, rules, "A〔2021〕1号", "2021-02-28", "尚未施行");
    check_label(reg, rules, "A〔2021〕1号", "2023-02-28", "有效");
    check_full(reg, rules, "A〔2021〕1号", "2023-03-01",
               "失效 2023-03-01 有效期2年（标题含“暂行”，默认），自2021年3月1日起至2023年2月28日止，已届满");
    /* 试行 with an explicit term: the term wins */
    check_label(reg, rules, "A〔2020〕2号", "2023-06-04", "有效");
    check_full(reg, rules, "A〔2020〕2号", "2023-06-05",
               "失效 2023-06-05 有效期3年，自2020年6月5日起至2023年6月4日止，已届满");
    /* explicit 失效日期: the last day in force */
    check_label(reg, rules, "A〔2020〕3号", "2020-06-04", "尚未施行");
    check_full(reg, rules, "A〔2020〕3号", "2023-06-03", "有效 2020-06-05 自2020年6月5日起施行，失效日期2023年6月4日");
    check_label(reg, rules, "A〔2020〕3号", "2023-06-04", "有效");
    check_full(reg, rules, "A〔2020〕3号", "2023-06-05", "失效 2023-06-05 失效日期2023年6月4日已过");
    /* 废止日期: the first day no longer in force */
    check_label(reg, rules, "A〔2021〕2号", "2024-06-29", "有效");
    check_full(reg, rules, "A〔2021〕2号", "2024-06-30", "废止 2024-06-30 已于2024年6月30日废止，依据：B〔2024〕3号");
    check_label(reg, rules, "A〔2021〕2号", "2024-07-01", "废止");
    check_full(reg, rules, "A〔2023〕1号", "2023-07-01", "废止 2023-07-01 已于2023年7月1日废止");
    /* repeal on the day the term would end it: the repeal wins */
    check_label(reg, rules, "A〔2018〕1号", "2022-12-31", "有效");
    check_full(reg, rules, "A〔2018〕1号", "2023-01-01", "废止 2023-01-01 已于2023年1月1日废止");
    /* no 实施日期: 发布日期 starts it */
    check_label(reg, rules, "A〔2022〕2号", "2022-04-30", "尚未施行");
    check_label(reg, rules, "A〔2022〕2号", "2022-05-01", "有效");
    check_label(reg, rules, "A〔2022〕2号", "2027-05-01", "失效");
    /* 长期 and Chinese terms */
    check_full(reg, rules, "A〔2019〕1号", "2099-01-01", "有效 2019-01-01 自2019年1月1日起施行，长期有效");
    check_label(reg, rules, "A〔2019〕2号", "2024-02-29", "有效");
    check_label(reg, rules, "A〔2019〕2号", "2024-03-01", "失效");

    /* overridden rules */
    const char kf[] = "[term]\ndefault=3\nprovisional=1\nprovisional_words=试行\n";
    GError *error = NULL;
    CHECK("rules: load key file", gw_rules_load_data(rules, kf, strlen(kf), "r.ini", &error));
    check_label(reg, rules, "A〔2022〕1号", "2024-12-31", "有效");
    check_label(reg, rules, "A〔2022〕1号", "2025-01-01", "失效");
    check_label(reg, rules, "A〔2021〕1号", "2024-02-29", "有效"); /* 暂行 is no longer provisional: 3 years */
    check_label(reg, rules, "A〔2021〕1号", "2024-03-01", "失效");
    const char never[] = "[term]\ndefault=0\n";
    CHECK("rules: default 0", gw_rules_load_data(rules, never, strlen(never), "r.ini", NULL));
    check_full(reg, rules, "A〔2022〕1号", "2099-01-01", "有效 2022-01-01 自2022年1月1日起施行，未规定有效期");
    const char bad[] = "[term]\ndefault=abc\n";
    CHECK("rules: bad value refused", !gw_rules_load_data(rules, bad, strlen(bad), "bad.ini", &error));
    CHECK("rules: error names the file and key",
          error && strstr(error->message, "bad.ini") && strstr(error->message, "default"));
    g_clear_error(&error);
    gw_rules_free(rules);
    gw_register_free(reg);
}

/* ---- problems, counts -------------------------------------------------- */

static const char problems_csv[] =
    "登记表（示例）\n"
    "文号,标题,发布日期,实施日期,失效日期,有效期\n"
    "P〔2020〕1号,好,2020-01-01,2020-02-01,,\n"
    "P〔2020〕2号,失效早于实施,2020-01-01,2020-02-01,2020-01-31,\n"
    "P〔2020〕3号,坏日期,2020-01-01,2020-02-30,,\n"
    "P[2020]1号,重复,2020-01-01,2020-02-01,,\n"
    ",缺文号,2020-01-01,2020-02-01,,\n"
    "P〔2020〕4号,缺日期,,,,\n"
    "P〔2020〕5号,坏有效期,2020-01-01,2020-02-01,,很久\n"
    "\n"
    "P〔2020〕6号,也好,2020-01-01,2020-02-01,,\n";

static gboolean has_problem(const GwRegister *reg, const char *prefix, const char *words)
{
    for (guint i = 0; i < gw_register_n_problems(reg); i++) {
        const char *p = gw_register_get_problem(reg, i);
        if (g_str_has_prefix(p, prefix) && strstr(p, words))
            return TRUE;
    }
    return FALSE;
}

static void test_problems(void)
{
    GwRegister *reg = csv_register(problems_csv, "bad.csv");
    if (!reg)
        return;
    CHECK_INT("problems: entries (blank line skipped, title line above header)", gw_register_n_entries(reg), 8);
    CHECK("problems: expiry before effect, line 4", has_problem(reg, "bad.csv:4:", "失效日期早于实施日期"));
    CHECK("problems: bad date, line 5", has_problem(reg, "bad.csv:5:", "实施日期“2020-02-30”不是日期"));
    CHECK("problems: duplicate, line 6", has_problem(reg, "bad.csv:6:", "与第3行重复"));
    CHECK("problems: no 文号, line 7", has_problem(reg, "bad.csv:7:", "缺少文号"));
    CHECK("problems: no dates, line 8", has_problem(reg, "bad.csv:8:", "缺少实施日期和发布日期"));
    CHECK("problems: bad term, line 9", has_problem(reg, "bad.csv:9:", "有效期“很久”"));
    GwRules *rules = gw_rules_new();
    GDate d;
    gw_parse_date("2021-01-01", &d);
    GwEntry *last = gw_register_get_entry(reg, 7);
    CHECK_INT("problems: line after a blank line", gw_entry_get_line(last), 11);
    CHECK_INT("problems: later rows still evaluated", gw_entry_status(last, rules, &d, NULL, NULL), GW_STATUS_IN_FORCE);
    CHECK_INT("problems: first of duplicates kept", gw_entry_status(gw_register_get_entry(reg, 0), rules, &d, NULL, NULL),
              GW_STATUS_IN_FORCE);
    char *reason = NULL;
    CHECK_INT("problems: bad row is 无法判定", gw_entry_status(gw_register_get_entry(reg, 1), rules, &d, NULL, &reason),
              GW_STATUS_INVALID);
    CHECK_STR("problems: its 依据 names the line", reason, "第4行：失效日期早于实施日期");
    g_free(reason);
    GwYearCounts c;
    gw_register_count_year(reg, rules, 2020, &c);
    CHECK_INT("problems: invalid rows not counted", c.invalid, 6);
    CHECK_INT("problems: issued counts good rows only", c.issued, 2);
    gw_rules_free(rules);
    gw_register_free(reg);
    GError *error = NULL;
    const char no_header[] = "a,b,c\n1,2,3\n";
    CHECK("no header row: error", !gw_register_read_csv(no_header, strlen(no_header), "x.csv", &error));
    CHECK("no header row: message names the file", error && g_str_has_prefix(error->message, "x.csv:"));
    g_clear_error(&error);
}

static void test_counts(void)
{
    const char csv[] = "文号,标题,发布日期,实施日期,失效日期,废止日期\n"
                       "C〔2022〕1号,年内制发,2022-03-01,2022-04-01,,\n"
                       "C〔2022〕2号,年内制发次年施行,2022-12-20,2023-01-01,,\n"
                       "C〔2020〕1号,年内废止,2020-01-01,2020-01-01,,2022-05-01\n"
                       "C〔2020〕2号,次年废止,2020-01-01,2020-01-01,,2023-01-01\n"
                       "C〔2019〕1号,年内失效,2019-01-01,2019-01-01,2022-06-30,\n"
                       "C〔2017〕1号,年内届满,2017-07-01,2017-07-01,,\n"
                       "C〔2018〕1号,有效,2018-01-01,2018-01-01,,\n";
    GwRegister *reg = csv_register(csv, "counts.csv");
    if (!reg)
        return;
    GwRules *rules = gw_rules_new();
    GwYearCounts c;
    gw_register_count_year(reg, rules, 2022, &c);
    CHECK_INT("counts: 本年制发件数", c.issued, 2);
    CHECK_INT("counts: 本年废止件数 (废止 only)", c.repealed, 1);
    CHECK_INT("counts: 现行有效件数 at 12-31", c.in_force, 3);
    const char kf[] = "[count]\nexpired_is_repealed=true\n";
    gw_rules_load_data(rules, kf, strlen(kf), "r.ini", NULL);
    gw_register_count_year(reg, rules, 2022, &c);
    CHECK_INT("counts: 本年废止件数 with expired_is_repealed", c.repealed, 3);
    gw_rules_free(rules);
    gw_register_free(reg);
}

/* ---- CSV forms ------------------------------------------------------------ */

static void check_first_title(const char *data, gsize len, const char *what, const char *want_title, guint want_line)
{
    GError *error = NULL;
    GwRegister *reg = gw_register_read_csv(data, len, what, &error);
    char *name = g_strdup_printf("csv %s: title", what);
    CHECK_STR(name, reg && gw_register_n_entries(reg) ? gw_entry_get(gw_register_get_entry(reg, 0), GW_FIELD_TITLE)
                                                       : (error ? error->message : "(none)"),
              want_title);
    g_free(name);
    name = g_strdup_printf("csv %s: line", what);
    CHECK_INT(name, reg && gw_register_n_entries(reg) ? gw_entry_get_line(gw_register_get_entry(reg, 0)) : 0,
              want_line);
    g_free(name);
    g_clear_error(&error);
    gw_register_free(reg);
}

static void test_csv(void)
{
    const char plain[] = "\xEF\xBB\xBF文号,标题,实施日期\r\nX〔2022〕1号,带BOM,2022-01-01\r\n";
    check_first_title(plain, strlen(plain), "bom", "带BOM", 2);
    const char tabs[] = "Number\t TITLE \tＥｆｆｅｃｔｉｖｅ\nX〔2022〕1号\t制表符, 逗号\t2022-01-01\n";
    check_first_title(tabs, strlen(tabs), "tab and English headers", "制表符, 逗号", 2);
    const char quoted[] = "文号,标题,实施日期,备注\n"
                          "X〔2022〕1号,\"含\"\"引号\"\"，\n和换行\",2022-01-01,\"a,b\"\n"
                          "X〔2022〕2号,第二行,2022-01-01,\n";
    check_first_title(quoted, strlen(quoted), "quoted", "含\"引号\"，\n和换行", 2);
    GwRegister *reg = gw_register_read_csv(quoted, strlen(quoted), "q.csv", NULL);
    CHECK_INT("csv quoted: record after a two-line field starts on line 4",
              reg ? gw_entry_get_line(gw_register_get_entry(reg, 1)) : 0, 4);
    CHECK_STR("csv quoted: note", reg ? gw_entry_get(gw_register_get_entry(reg, 0), GW_FIELD_NOTE) : NULL, "a,b");
    gw_register_free(reg);
    const char utf8[] = "文号,标题（名称）,实施日期\nX〔2022〕1号,国标编码,2022-01-01\n";
    gsize glen = 0;
    char *gb = g_convert(utf8, -1, "GB18030", "UTF-8", NULL, &glen, NULL);
    check_first_title(gb, glen, "gb18030", "国标编码", 2);
    g_free(gb);
    gsize ulen = 0;
    char *u16 = g_convert(utf8, -1, "UTF-16LE", "UTF-8", NULL, &ulen, NULL);
    char *withbom = g_malloc(ulen + 2);
    memcpy(withbom, "\xFF\xFE", 2);
    memcpy(withbom + 2, u16, ulen);
    check_first_title(withbom, ulen + 2, "utf-16", "国标编码", 2);
    g_free(u16);
    g_free(withbom);
    const char unterminated[] = "文号,标题,实施日期\nX〔2022〕1号,\"未闭合,2022-01-01\n";
    reg = gw_register_read_csv(unterminated, strlen(unterminated), "u.csv", NULL);
    CHECK("csv unterminated quote: reported", reg && gw_register_n_problems(reg) >= 1 &&
                                                  strstr(gw_register_get_problem(reg, 0), "u.csv:2:"));
    gw_register_free(reg);
    const char serial[] = "文号,标题,实施日期\nX〔2022〕1号,序列号日期,44562\n";
    reg = gw_register_read_csv(serial, strlen(serial), "s.csv", NULL);
    GDate d;
    CHECK("csv serial date", reg && gw_entry_get_date(gw_register_get_entry(reg, 0), GW_FIELD_EFFECTIVE, &d) &&
                                 g_date_get_year(&d) == 2022 && g_date_get_month(&d) == 1 && g_date_get_day(&d) == 1);
    gw_register_free(reg);
}

/* ---- XLSX ------------------------------------------------------------------ */

static GBytes *make_xlsx(gboolean date1904)
{
    GwiZipOut *z = gwi_zip_new_memory(NULL);
    char *workbook = g_strdup_printf(
        "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">%s"
        "<sheets><sheet name=\"说明\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"登记表\" sheetId=\"2\" r:id=\"rId2\"/></sheets>"
        "</workbook>",
        date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>");
    const char rels[] =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"x/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>";
    const char strings[] =
        "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<si><t>文号</t></si><si><t>标题</t></si><si><t>实施日期</t></si>"
        "<si><r><rPr><b/></rPr><t>富文本</t></r><r><t xml:space=\"preserve\"> 标题</t></r>"
        "<rPh><t>フリガナ</t></rPh></si><si><t>X〔2022〕1号</t></si><si><t>说明页</t></si></sst>";
    const char sheet1[] = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                          "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData></worksheet>";
    /* Row 3 leaves B empty and puts the date in C by reference; row 5 uses an
     * inline string and a text date. */
    char *sheet2 = g_strdup_printf(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"C2\" t=\"s\"><v>2</v></c>"
        "<c r=\"D2\" t=\"inlineStr\"><is><t>Extra</t></is></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>4</v></c><c r=\"C3\"><v>%d</v></c><c r=\"D3\"><v>7.5</v></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>X〔2022〕2号</t></is></c><c r=\"B5\" t=\"s\"><v>3</v></c>"
        "<c r=\"C5\" t=\"inlineStr\"><is><t>2020年2月29日</t></is></c></row>"
        "</sheetData></worksheet>",
        date1904 ? 43100 : 44562);
    gwi_zip_add(z, "xl/workbook.xml", workbook, strlen(workbook), NULL);
    gwi_zip_add(z, "xl/_rels/workbook.xml.rels", rels, strlen(rels), NULL);
    gwi_zip_add(z, "xl/sharedStrings.xml", strings, strlen(strings), NULL);
    gwi_zip_add(z, "xl/worksheets/sheet1.xml", sheet1, strlen(sheet1), NULL);
    gwi_zip_add(z, "xl/worksheets/sheet2.xml", sheet2, strlen(sheet2), NULL);
    g_free(workbook);
    g_free(sheet2);
    return gwi_zip_finish(z, NULL);
}

static void check_xlsx(gboolean date1904, const char *sheet)
{
    GBytes *b = make_xlsx(date1904);
    gsize len;
    const char *data = g_bytes_get_data(b, &len);
    GError *error = NULL;
    GwRegister *reg = gw_register_read_xlsx(data, len, "t.xlsx", sheet, &error);
    char *tag = g_strdup_printf("xlsx %s sheet %s", date1904 ? "1904" : "1900", sheet);
    char *name = g_strdup_printf("%s: read", tag);
    CHECK(name, reg != NULL);
    g_free(name);
    if (error)
        printf("  (%s)\n", error->message);
    g_clear_error(&error);
    if (reg && gw_register_n_entries(reg) == 2) {
        GwEntry *e1 = gw_register_get_entry(reg, 0), *e2 = gw_register_get_entry(reg, 1);
        name = g_strdup_printf("%s: serial date shown as ISO", tag);
        CHECK_STR(name, gw_entry_get(e1, GW_FIELD_EFFECTIVE), "2022-01-01");
        g_free(name);
        name = g_strdup_printf("%s: missing cell is empty", tag);
        CHECK_STR(name, gw_entry_get(e1, GW_FIELD_TITLE), "");
        g_free(name);
        name = g_strdup_printf("%s: unknown column kept", tag);
        CHECK_STR(name, gw_entry_get_cell(e1, 3), "7.5");
        g_free(name);
        name = g_strdup_printf("%s: rich text without phonetics", tag);
        CHECK_STR(name, gw_entry_get(e2, GW_FIELD_TITLE), "富文本 标题");
        g_free(name);
        name = g_strdup_printf("%s: row numbers", tag);
        CHECK(name, gw_entry_get_line(e1) == 3 && gw_entry_get_line(e2) == 5);
        g_free(name);
        GDate d;
        name = g_strdup_printf("%s: text date", tag);
        CHECK(name, gw_entry_get_date(e2, GW_FIELD_EFFECTIVE, &d) && g_date_get_day(&d) == 29);
        g_free(name);
    } else {
        name = g_strdup_printf("%s: two entries", tag);
        CHECK_INT(name, reg ? gw_register_n_entries(reg) : 0, 2);
        g_free(name);
    }
    g_free(tag);
    gw_register_free(reg);
    g_bytes_unref(b);
}

static void test_xlsx(void)
{
    check_xlsx(FALSE, "登记表");
    check_xlsx(TRUE, "2");
    GBytes *b = make_xlsx(FALSE);
    gsize len;
    const char *data = g_bytes_get_data(b, &len);
    GError *error = NULL;
    CHECK("xlsx: first sheet has no header", !gw_register_read_xlsx(data, len, "t.xlsx", NULL, &error));
    g_clear_error(&error);
    CHECK("xlsx: unknown sheet", !gw_register_read_xlsx(data, len, "t.xlsx", "无此表", &error));
    CHECK("xlsx: unknown sheet message", error && strstr(error->message, "无此表"));
    g_clear_error(&error);
    g_bytes_unref(b);
    CHECK("xlsx: not a zip", !gw_register_read_xlsx("PK\3\4junk", 9, "j.xlsx", NULL, &error));
    g_clear_error(&error);
}

/* ---- outputs ----------------------------------------------------------------- */

static void test_outputs(void)
{
    const char csv[] = "文号,标题,实施日期,废止日期,废止依据,其他\n"
                       "O〔2020〕1号,\"逗号,引号\"\"\",2020-01-01,2021-01-01,O〔2021〕1号,保留\n"
                       "O〔2021〕1号,新,2021-01-01,,,\n";
    GwRegister *reg = csv_register(csv, "o.csv");
    if (!reg)
        return;
    GwRules *rules = gw_rules_new();
    GDate d;
    gw_parse_date("2022-01-01", &d);
    char *dir = g_dir_make_tmp("gwvalidity-XXXXXX", NULL);
    const char *exts[] = { "csv", "json", "xlsx" };
    for (guint i = 0; i < G_N_ELEMENTS(exts); i++) {
        char *path = g_strdup_printf("%s/out.%s", dir, exts[i]);
        GError *error = NULL;
        char *name = g_strdup_printf("write %s", exts[i]);
        CHECK(name, gw_register_write(reg, rules, &d, path, &error));
        g_free(name);
        g_clear_error(&error);
        if (i != 1) { /* read the CSV and XLSX back: statuses replace, not duplicate */
            GwRegister *back = gw_register_read(path, NULL, &error);
            name = g_strdup_printf("%s read back", exts[i]);
            CHECK(name, back && gw_register_n_columns(back) == 9);
            g_free(name);
            if (back) {
                GwEntry *e = gw_register_get_entry(back, 0);
                name = g_strdup_printf("%s: status column", exts[i]);
                CHECK_STR(name, gw_entry_get(e, GW_FIELD_STATUS), "废止");
                g_free(name);
                name = g_strdup_printf("%s: quoted title kept", exts[i]);
                CHECK_STR(name, gw_entry_get(e, GW_FIELD_TITLE), "逗号,引号\"");
                g_free(name);
                name = g_strdup_printf("%s: unknown column kept", exts[i]);
                CHECK_STR(name, gw_entry_get_cell(e, 5), "保留");
                g_free(name);
                GwRegister *again = NULL;
                char *path2 = g_strdup_printf("%s/again.%s", dir, exts[i]);
                gw_register_write(back, rules, &d, path2, NULL);
                again = gw_register_read(path2, NULL, NULL);
                name = g_strdup_printf("%s: tagging twice adds no columns", exts[i]);
                CHECK_INT(name, again ? gw_register_n_columns(again) : 0, 9);
                g_free(name);
                gw_register_free(again);
                g_unlink(path2);
                g_free(path2);
            }
            gw_register_free(back);
            g_clear_error(&error);
        }
        char *text = NULL;
        g_file_get_contents(path, &text, NULL, NULL);
        if (i == 0)
            CHECK("csv output starts with a BOM and quotes", text && g_str_has_prefix(text, "\xEF\xBB\xBF文号") &&
                                                              strstr(text, "\"逗号,引号\"\"\""));
        if (i == 1)
            CHECK("json output", text && strstr(text, "\"状态\": \"废止\"") && strstr(text, "\"line\": 2") &&
                                     strstr(text, "\"标题\": \"逗号,引号\\\"\""));
        g_free(text);
        g_unlink(path);
        g_free(path);
    }
    g_rmdir(dir);
    g_free(dir);
    gw_rules_free(rules);
    gw_register_free(reg);
}

int main(void)
{
    test_dates();
    test_numbers();
    test_rules();
    test_problems();
    test_counts();
    test_csv();
    test_xlsx();
    test_outputs();
    return HARNESS_RESULT();
}
