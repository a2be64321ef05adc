/* report.c: the annual report's statistics file, its tables 二, 三, 四 in
 * both formats, their placement, and the consistency check. */
#include "harness.h"
#include "gongwen/gongwen.h"

static char *fixture(const char *name)
{
    return g_build_filename(g_getenv("SRC") ? g_getenv("SRC") : ".", "tests", "fixtures", name, NULL);
}

static GwReportStats *huangpu_stats(void)
{
    char *path = fixture("huangpu-2022-stats.ini");
    GError *error = NULL;
    GwReportStats *s = gw_report_stats_load(path, &error);
    if (!s)
        printf("FAIL: load %s: %s\n", path, error->message);
    g_clear_error(&error);
    g_free(path);
    return s;
}

static GwBlock *text_block(GwBlockKind kind, int level, const char *text)
{
    GwBlock *b = gw_block_new(kind);
    gw_block_set_level(b, level);
    gw_block_add_text(b, text);
    return b;
}

/* The Huangpu report as the text reader makes it, cut to what the check
 * reads; `swap` replaces one figure of the narrative. */
static GwDocument *huangpu_doc(const char *from, const char *to)
{
    static const char *const lines[] = {
        "一、总体情况",
        "(一)主动公开情况",
        "严格依照《条例》第二十条规定，主动公开机关职能、机构设置、联系方式、负责人姓名等十五类政府信息，主动公开办理行政许可222793件，"
        "行政处罚358721件，行政强制50167件。本年度制定并主动公开行政规范性文件41件，废止行政规范性文件55件，现行有效行政规范性文件181件。"
        "发布政策文件解读204份，解读比例达100%。",
        "(二)依申请公开情况",
        "2022年度,全区共办理政府信息公开申请1062宗,其中自然人申请1020宗,法人或其他组织申请42宗;2021年结转政府信息公开申请9宗。"
        "该年度办结1048宗,其中“予以公开”333宗,“部分公开”76宗,“不予公开”75宗,“无法提供”530宗,“不予处理”28宗,“其他处理”6宗;"
        "转下年度继续办理23宗。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    };
    GwDocument *doc = gw_document_new();
    gw_document_append(doc, text_block(GW_BLOCK_TITLE, 0, "广州市黄埔区人民政府 广州开发区管委会2022年政府信息公开工作年度报告"));
    for (guint i = 0; i < G_N_ELEMENTS(lines); i++) {
        char *line = g_strdup(lines[i]);
        if (from && strstr(line, from)) {
            char **parts = g_strsplit(line, from, 2);
            g_free(line);
            line = g_strjoinv(to, parts);
            g_strfreev(parts);
        }
        gboolean heading = g_utf8_strlen(line, -1) < 30;
        gw_document_append(doc, text_block(heading ? GW_BLOCK_HEADING : GW_BLOCK_PARAGRAPH,
                                           heading ? (line[0] == '(' ? 2 : 1) : 0, line));
        g_free(line);
    }
    return doc;
}

static guint count_kind(const GwReportCheck *c, GwFindingKind kind, const char *row, const char *column)
{
    guint n = 0;
    for (guint i = 0; i < gw_report_check_n_findings(c); i++)
        n += gw_report_check_get_kind(c, i) == kind && (!row || !g_strcmp0(gw_report_check_get_row(c, i), row)) &&
             (!column || !g_strcmp0(gw_report_check_get_column(c, i), column));
    return n;
}

/* After a failed check, what the check found, to see why. */
static void print_findings(const GwReportCheck *c)
{
    for (guint i = 0; harness_failed && i < gw_report_check_n_findings(c); i++)
        printf("  finding: %s\n", gw_report_check_get_message(c, i));
}

/* ---- the statistics file ------------------------------------------------- */

static void test_stats_file(void)
{
    for (int f = 0; f < 2; f++) {
        GwReportFormat format = f ? GW_REPORT_FORMAT_2019 : GW_REPORT_FORMAT_2021;
        char *template = gw_report_template(format);
        GError *error = NULL;
        GwReportStats *s = gw_report_stats_parse(template, strlen(template), "template.ini", &error);
        CHECK(f ? "stats: the 2019 template parses" : "stats: the 2021 template parses", s != NULL);
        CHECK("stats: the template's format", s && gw_report_stats_get_format(s) == format);
        CHECK("stats: the template is blank", s && !gw_report_stats_get(s, GW_REPORT_TABLE_3, "new", 6));
        gw_report_stats_free(s);
        g_clear_error(&error);
        g_free(template);
    }

    const char *ok = "[report]\nformat = 2021\n[table3]\nnew = １,０２０; 0 ; ; ;;; 1020\n[table2]\nnormative = 41;55;181\n"
                     "fees = 12.5\n[table4]\nreview = 1；2\n";
    GError *error = NULL;
    GwReportStats *s = gw_report_stats_parse(ok, strlen(ok), "ok.ini", &error);
    CHECK("stats: parses", s != NULL);
    if (s) {
        CHECK_STR("stats: full-width digits and commas", gw_report_stats_get(s, GW_REPORT_TABLE_3, "new", 0), "1020");
        CHECK_STR("stats: a stated 0 stays 0", gw_report_stats_get(s, GW_REPORT_TABLE_3, "new", 1), "0");
        CHECK("stats: an empty value stays blank", gw_report_stats_get(s, GW_REPORT_TABLE_3, "new", 2) == NULL);
        CHECK_STR("stats: decimals in table 二", gw_report_stats_get(s, GW_REPORT_TABLE_2, "fees", 0), "12.5");
        CHECK_STR("stats: full-width semicolon", gw_report_stats_get(s, GW_REPORT_TABLE_4, "review", 1), "2");
        CHECK("stats: set rejects a word", !gw_report_stats_set(s, GW_REPORT_TABLE_3, "open", 0, "many"));
        CHECK("stats: set rejects a 2019 row", !gw_report_stats_set(s, GW_REPORT_TABLE_3, "other", 0, "1"));
        CHECK("stats: set rejects a column too far", !gw_report_stats_set(s, GW_REPORT_TABLE_4, "review", 5, "1"));
        CHECK("stats: set", gw_report_stats_set(s, GW_REPORT_TABLE_3, "open", 6, "7") &&
                                !strcmp(gw_report_stats_get(s, GW_REPORT_TABLE_3, "open", 6), "7"));
    }
    gw_report_stats_free(s);

    static const struct {
        const char *text, *want;
    } bad[] = {
        { "[table3]\nnope = 1\n", "no row 'nope'" },
        { "[table3]\nnew = 1;2;3;4;5;6;7;8\n", "8 values" },
        { "[table3]\nnew = 1.5\n", "whole number" },
        { "[table3]\nnew = -1\n", "whole number" },
        { "[table3]\nother = 1\n", "2019 row" },
        { "[report]\nformat = 2019\n[table3]\nother-other = 1\n", "2021 row" },
        { "[report]\nformat = 2020\n", "neither 2021 nor 2019" },
        { "[tables]\nx = 1\n", "unknown group" },
        { "not a key file", "not a statistics file" },
        { "[table2]\nfees = 1,2,3abc\n", "not a number" },
        { "\xff\xfe", "UTF-8" },
    };
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        s = gw_report_stats_parse(bad[i].text, strlen(bad[i].text), "bad.ini", &error);
        char *name = g_strdup_printf("stats: error '%s'", bad[i].want);
        CHECK(name, !s && error && strstr(error->message, "bad.ini") && strstr(error->message, bad[i].want));
        if (error && !strstr(error->message, bad[i].want))
            printf("  got: %s\n", error->message);
        g_free(name);
        g_clear_error(&error);
        gw_report_stats_free(s);
    }
}

/* ---- table layouts -------------------------------------------------------- */

static void check_cell(const char *name, GwBlock *table, guint row, guint index, guint col, guint colspan,
                       guint rowspan, const char *text)
{
    GwBlock *cell = gw_block_get_child(gw_block_get_child(table, row), index);
    guint c = 99, cs = 99, rs = 99;
    char *t = cell ? gw_block_get_text(cell) : NULL;
    if (cell)
        gw_cell_get_span(cell, &c, &cs, &rs);
    gboolean ok = cell && c == col && cs == colspan && rs == rowspan && (!text || !strcmp(t, text));
    if (!ok)
        printf("  %s: got col %u colspan %u rowspan %u text '%s'\n", name, c, cs, rs, t ? t : "(none)");
    CHECK(name, ok);
    g_free(t);
}

static guint row_cells(GwBlock *table, guint row)
{
    return gw_block_n_children(gw_block_get_child(table, row));
}

static void test_table3_layout(void)
{
    GwReportStats *s = huangpu_stats();
    if (!s)
        return;
    GwBlock *t = gw_report_build_table(s, GW_REPORT_TABLE_3);
    CHECK_INT("table 三 2021: 10 columns", gw_table_get_n_columns(t), 10);
    CHECK_INT("table 三 2021: 28 rows", gw_block_n_children(t), 28);
    check_cell("table 三: 勾稽关系 header", t, 0, 0, 0, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    check_cell("table 三: 申请人情况", t, 0, 1, 3, 7, 1, "申请人情况");
    check_cell("table 三: 自然人", t, 1, 0, 3, 1, 2, "自然人");
    check_cell("table 三: 法人或其他组织", t, 1, 1, 4, 5, 1, "法人或其他组织");
    check_cell("table 三: 总计 header", t, 1, 2, 9, 1, 2, "总计");
    check_cell("table 三: 商业企业", t, 2, 0, 4, 1, 1, "商业企业");
    check_cell("table 三: 其他", t, 2, 4, 8, 1, 1, "其他");
    check_cell("table 三: 一", t, 3, 0, 0, 3, 1, "一、本年新收政府信息公开申请数量");
    check_cell("table 三: 一 自然人", t, 3, 1, 3, 1, 1, "1020");
    check_cell("table 三: 一 总计", t, 3, 7, 9, 1, 1, "1062");
    check_cell("table 三: 三 spans 22 rows", t, 5, 0, 0, 1, 22, "三、本年度办理结果");
    check_cell("table 三: （一）", t, 5, 1, 1, 2, 1, "（一）予以公开");
    check_cell("table 三: （三） spans 8", t, 7, 0, 1, 1, 8, "（三）不予公开");
    check_cell("table 三: （三）1", t, 7, 1, 2, 1, 1, "1.属于国家秘密");
    check_cell("table 三: blank stays blank", t, 7, 2, 3, 1, 1, "");
    check_cell("table 三: （四） spans 3", t, 15, 0, 1, 1, 3, "（四）无法提供");
    check_cell("table 三: （五） spans 5", t, 18, 0, 1, 1, 5, "（五）不予处理");
    check_cell("table 三: （六） spans 3", t, 23, 0, 1, 1, 3, "（六）其他处理");
    check_cell("table 三: （六）3", t, 25, 0, 2, 1, 1, "3.其他");
    check_cell("table 三: （七）", t, 26, 0, 1, 2, 1, "（七）总计");
    check_cell("table 三: 四", t, 27, 0, 0, 3, 1, "四、结转下年度继续办理");
    check_cell("table 三: 四 总计", t, 27, 7, 9, 1, 1, "23");
    CHECK_INT("table 三: a sub-row has 8 cells", row_cells(t, 8), 8);
    CHECK("table 三: three header rows", gw_row_get_header(gw_block_get_child(t, 2)) &&
                                            !gw_row_get_header(gw_block_get_child(t, 3)));
    gw_block_free(t);

    GwReportStats *old = gw_report_stats_new(GW_REPORT_FORMAT_2019);
    t = gw_report_build_table(old, GW_REPORT_TABLE_3);
    CHECK_INT("table 三 2019: 10 columns", gw_table_get_n_columns(t), 10);
    CHECK_INT("table 三 2019: 26 rows", gw_block_n_children(t), 26);
    check_cell("table 三 2019: 三 spans 20 rows", t, 5, 0, 0, 1, 20, "三、本年度办理结果");
    check_cell("table 三 2019: （六） is one row", t, 23, 0, 1, 2, 1, "（六）其他处理");
    check_cell("table 三 2019: （七）", t, 24, 0, 1, 2, 1, "（七）总计");
    gw_block_free(t);
    gw_report_stats_free(old);
    gw_report_stats_free(s);
}

static void test_table2_4_layout(void)
{
    GwReportStats *s = huangpu_stats();
    if (!s)
        return;
    GwBlock *t = gw_report_build_table(s, GW_REPORT_TABLE_2);
    CHECK_INT("table 二 2021: 4 columns", gw_table_get_n_columns(t), 4);
    CHECK_INT("table 二 2021: 14 rows", gw_block_n_children(t), 14);
    check_cell("table 二: （一） header", t, 0, 0, 0, 4, 1, "第二十条第（一）项");
    check_cell("table 二: 本年制发件数", t, 1, 1, 1, 1, 1, "本年制发件数");
    check_cell("table 二: 规章 blank", t, 2, 1, 1, 1, 1, "");
    check_cell("table 二: 行政规范性文件 现行有效", t, 3, 3, 3, 1, 1, "181");
    check_cell("table 二: 本年处理决定数量 spans 3", t, 5, 1, 1, 3, 1, "本年处理决定数量");
    check_cell("table 二: 行政许可", t, 6, 1, 1, 3, 1, "222793");
    check_cell("table 二: 行政强制", t, 10, 1, 1, 3, 1, "50167");
    check_cell("table 二: 收费金额", t, 12, 1, 1, 3, 1, "本年收费金额（单位：万元）");
    check_cell("table 二: 行政事业性收费", t, 13, 0, 0, 1, 1, "行政事业性收费");
    gw_block_free(t);

    t = gw_report_build_table(s, GW_REPORT_TABLE_4);
    CHECK_INT("table 四: 15 columns", gw_table_get_n_columns(t), 15);
    CHECK_INT("table 四: 4 rows", gw_block_n_children(t), 4);
    check_cell("table 四: 行政复议", t, 0, 0, 0, 5, 1, "行政复议");
    check_cell("table 四: 行政诉讼", t, 0, 1, 5, 10, 1, "行政诉讼");
    check_cell("table 四: 复议 结果维持", t, 1, 0, 0, 1, 2, "结果维持");
    check_cell("table 四: 复议 总计", t, 1, 4, 4, 1, 2, "总计");
    check_cell("table 四: 未经复议直接起诉", t, 1, 5, 5, 5, 1, "未经复议直接起诉");
    check_cell("table 四: 复议后起诉", t, 1, 6, 10, 5, 1, "复议后起诉");
    check_cell("table 四: 诉讼 总计", t, 2, 9, 14, 1, 1, "总计");
    check_cell("table 四: 复议 总计 value", t, 3, 4, 4, 1, 1, "10");
    check_cell("table 四: blank value", t, 3, 6, 6, 1, 1, "");
    CHECK_INT("table 四: 15 data cells", row_cells(t, 3), 15);
    gw_block_free(t);
    gw_report_stats_free(s);

    GwReportStats *old = gw_report_stats_new(GW_REPORT_FORMAT_2019);
    t = gw_report_build_table(old, GW_REPORT_TABLE_2);
    CHECK_INT("table 二 2019: 18 rows", gw_block_n_children(t), 18);
    check_cell("table 二 2019: 本年新制作数量", t, 1, 1, 1, 1, 1, "本年新制作数量");
    check_cell("table 二 2019: 规范性文件", t, 3, 0, 0, 1, 1, "规范性文件");
    check_cell("table 二 2019: 其他对外管理服务事项", t, 7, 0, 0, 1, 1, "其他对外管理服务事项");
    check_cell("table 二 2019: 本年增/减 over two columns", t, 13, 2, 2, 2, 1, "本年增/减");
    check_cell("table 二 2019: 政府集中采购", t, 17, 0, 0, 1, 1, "政府集中采购");
    gw_block_free(t);
    gw_report_stats_free(old);
}

/* ---- placing the tables ---------------------------------------------------- */

static void test_insert(void)
{
    GwReportStats *s = huangpu_stats();
    if (!s)
        return;
    GwDocument *doc = huangpu_doc(NULL, NULL);
    guint before = gw_document_n_blocks(doc);
    GError *error = NULL;
    CHECK("insert: succeeds", gw_report_insert_tables(doc, s, &error));
    CHECK_INT("insert: three tables more", gw_document_n_blocks(doc), before + 3);
    for (guint i = 0; i + 1 < gw_document_n_blocks(doc); i++) {
        char *text = gw_block_get_text(gw_document_get_block(doc, i));
        GwBlockKind next = gw_block_get_kind(gw_document_get_block(doc, i + 1));
        if (g_str_has_prefix(text, "二、") || g_str_has_prefix(text, "三、") || g_str_has_prefix(text, "四、")) {
            char *name = g_strdup_printf("insert: a table right under %s", text);
            CHECK(name, next == GW_BLOCK_TABLE);
            g_free(name);
        }
        g_free(text);
    }
    CHECK("insert: again keeps the tables, with a notice",
          gw_report_insert_tables(doc, s, NULL) && gw_document_n_blocks(doc) == before + 3 &&
              gw_document_n_warnings(doc) == 3);
    gw_document_free(doc);

    /* wording variants: "(三)" numbering and another table-四 title */
    doc = gw_document_new();
    gw_document_append(doc, text_block(GW_BLOCK_PARAGRAPH, 0, "二、主动公开政府信息情况"));
    gw_document_append(doc, text_block(GW_BLOCK_PARAGRAPH, 0, "三、收到和处理政府信息公开申请情况"));
    gw_document_append(doc, text_block(GW_BLOCK_PARAGRAPH, 0, "四、因政府信息公开工作被申请行政复议提起行政诉讼情况"));
    CHECK("insert: headings as plain paragraphs, wording variants", gw_report_insert_tables(doc, s, NULL) &&
                                                                        gw_document_n_blocks(doc) == 6);
    gw_document_free(doc);

    doc = gw_document_new();
    gw_document_append(doc, text_block(GW_BLOCK_HEADING, 1, "二、主动公开政府信息情况"));
    CHECK("insert: a missing heading is an error that changes nothing",
          !gw_report_insert_tables(doc, s, &error) && error && strstr(error->message, "三、") &&
              gw_document_n_blocks(doc) == 1);
    g_clear_error(&error);
    gw_document_free(doc);
    gw_report_stats_free(s);
}

/* ---- the check ---------------------------------------------------------------- */

/* The Huangpu document with its tables, the stats changed by `edit`. */
static GwReportCheck *check_huangpu(const char *from, const char *to, void (*edit)(GwReportStats *))
{
    GwReportStats *s = huangpu_stats();
    if (!s)
        return NULL;
    if (edit)
        edit(s);
    GwDocument *doc = huangpu_doc(from, to);
    gw_report_insert_tables(doc, s, NULL);
    GwReportCheck *c = gw_report_check(doc, NULL);
    gw_document_free(doc);
    gw_report_stats_free(s);
    return c;
}

static void set(GwReportStats *s, GwReportTable t, const char *row, guint col, const char *v)
{
    if (!gw_report_stats_set(s, t, row, col, v))
        printf("FAIL: cannot set %s %u\n", row, col);
}

static void edit_row_total(GwReportStats *s) { set(s, GW_REPORT_TABLE_3, "partial", 6, "77"); }
static void edit_column_total(GwReportStats *s) { set(s, GW_REPORT_TABLE_3, "total", 1, "30"); }
static void edit_two_rows(GwReportStats *s)
{
    set(s, GW_REPORT_TABLE_3, "open", 0, "316");
    set(s, GW_REPORT_TABLE_3, "partial", 0, "69");
}
static void edit_result_column(GwReportStats *s)
{
    set(s, GW_REPORT_TABLE_3, "unable-not-held", 0, "458");
    set(s, GW_REPORT_TABLE_3, "unable-not-held", 6, "469");
}
static void edit_balance(GwReportStats *s)
{
    set(s, GW_REPORT_TABLE_3, "carryover", 0, "22");
    set(s, GW_REPORT_TABLE_3, "carryover", 6, "24");
}
static void edit_review(GwReportStats *s) { set(s, GW_REPORT_TABLE_4, "litigation-direct", 4, "7"); }
static void edit_blank_total(GwReportStats *s) { set(s, GW_REPORT_TABLE_3, "withheld-law", 6, NULL); }

static void test_check(void)
{
    GwReportCheck *c = check_huangpu(NULL, NULL, NULL);
    if (!c)
        return;
    CHECK_INT("check: the consistent report has no findings", gw_report_check_n_findings(c), 0);
    CHECK("check: all three tables found", gw_report_check_has_table(c, GW_REPORT_TABLE_2) &&
                                               gw_report_check_has_table(c, GW_REPORT_TABLE_3) &&
                                               gw_report_check_has_table(c, GW_REPORT_TABLE_4));
    print_findings(c);
    gw_report_check_free(c);

    static const struct {
        const char *from, *to, *row, *column;
        gint64 table, text;
    } narrative[] = {
        { "申请1062宗", "申请1063宗", "一、本年新收政府信息公开申请数量", "总计", 1062, 1063 },
        { "自然人申请1020宗", "自然人申请1019宗", "一、本年新收政府信息公开申请数量", "自然人", 1020, 1019 },
        { "组织申请42宗", "组织申请41宗", "一、本年新收政府信息公开申请数量", "法人或其他组织", 42, 41 },
        { "结转政府信息公开申请9宗", "结转政府信息公开申请8宗", "二、上年结转政府信息公开申请数量", "总计", 9, 8 },
        { "办结1048宗", "办结1,049宗", "（七）总计", "总计", 1048, 1049 },
        { "“予以公开”333宗", "“予以公开”３３２宗", "（一）予以公开", "总计", 333, 332 },
        { "“无法提供”530宗", "“无法提供”531宗", "（四）无法提供", "总计", 530, 531 },
        { "“其他处理”6宗", "“其他处理”7宗", "（六）其他处理", "总计", 6, 7 },
        { "继续办理23宗", "继续办理22宗", "四、结转下年度继续办理", "总计", 23, 22 },
        { "规范性文件41件", "规范性文件40件", "行政规范性文件", "本年制发件数", 41, 40 },
        { "废止行政规范性文件55件", "废止行政规范性文件54件", "行政规范性文件", "本年废止件数", 55, 54 },
        { "现行有效行政规范性文件181件", "现行有效行政规范性文件180件", "行政规范性文件", "现行有效件数", 181, 180 },
        { "行政许可222793件", "行政许可222794件", "行政许可", "本年处理决定数量", 222793, 222794 },
        { "行政处罚358721件", "行政处罚358720件", "行政处罚", "本年处理决定数量", 358721, 358720 },
        { "行政强制50167件", "行政强制50168件", "行政强制", "本年处理决定数量", 50167, 50168 },
    };
    for (guint i = 0; i < G_N_ELEMENTS(narrative); i++) {
        c = check_huangpu(narrative[i].from, narrative[i].to, NULL);
        gint64 table = 0, text = 0;
        if (gw_report_check_n_findings(c) == 1)
            gw_report_check_get_values(c, 0, &table, &text);
        char *name = g_strdup_printf("check: changed narrative figure '%s' caught", narrative[i].to);
        CHECK(name, gw_report_check_n_errors(c) == 1 &&
                        count_kind(c, GW_FINDING_NARRATIVE, narrative[i].row, narrative[i].column) == 1 &&
                        table == narrative[i].table && text == narrative[i].text);
        g_free(name);
        print_findings(c);
        gw_report_check_free(c);
    }

    c = check_huangpu(NULL, NULL, edit_row_total);
    CHECK("check: a broken row sum is one finding on that cell, and one on the text",
          gw_report_check_n_errors(c) == 2 &&
              count_kind(c, GW_FINDING_CELL, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "总计") == 1 &&
              count_kind(c, GW_FINDING_NARRATIVE, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "总计") == 1);
    CHECK("check: the finding names both values",
          strstr(gw_report_check_get_message(c, 0), "77") && strstr(gw_report_check_get_message(c, 0), "76"));
    print_findings(c);
    gw_report_check_free(c);

    c = check_huangpu(NULL, NULL, edit_column_total);
    CHECK("check: a broken column sum is one finding on that cell",
          gw_report_check_n_errors(c) == 1 && count_kind(c, GW_FINDING_CELL, "（七）总计", "商业企业") == 1);
    print_findings(c);
    gw_report_check_free(c);

    c = check_huangpu(NULL, NULL, edit_two_rows);
    CHECK("check: two broken row sums", gw_report_check_n_errors(c) == 2 &&
                                            count_kind(c, GW_FINDING_ROW_SUM, "（一）予以公开", "总计") == 1 &&
                                            count_kind(c, GW_FINDING_ROW_SUM, NULL, "总计") == 2);
    print_findings(c);
    gw_report_check_free(c);

    c = check_huangpu(NULL, NULL, edit_result_column);
    CHECK("check: broken column sums", gw_report_check_n_errors(c) == 3 &&
                                           count_kind(c, GW_FINDING_RESULT_SUM, "（七）总计", "自然人") == 1 &&
                                           count_kind(c, GW_FINDING_RESULT_SUM, "（七）总计", "总计") == 1 &&
                                           count_kind(c, GW_FINDING_NARRATIVE, "（四）无法提供", "总计") == 1);
    print_findings(c);
    gw_report_check_free(c);

    c = check_huangpu(NULL, NULL, edit_balance);
    CHECK("check: a broken 一+二=七+四", count_kind(c, GW_FINDING_BALANCE, NULL, "自然人") == 1 &&
                                            count_kind(c, GW_FINDING_BALANCE, NULL, "总计") == 1 &&
                                            count_kind(c, GW_FINDING_NARRATIVE, NULL, NULL) == 1 &&
                                            gw_report_check_n_errors(c) == 3);
    print_findings(c);
    gw_report_check_free(c);

    c = check_huangpu(NULL, NULL, edit_review);
    CHECK("check: a broken table-四 block", gw_report_check_n_errors(c) == 1 &&
                                                count_kind(c, GW_FINDING_BLOCK_SUM, "行政诉讼（未经复议直接起诉）", "总计") == 1);
    print_findings(c);
    gw_report_check_free(c);

    c = check_huangpu(NULL, NULL, edit_blank_total);
    CHECK("check: a blank total with parts is a warning, and stands for their sum",
          gw_report_check_n_errors(c) == 0 && gw_report_check_n_findings(c) == 1 &&
              count_kind(c, GW_FINDING_BLANK_TOTAL, "2.其他法律行政法规禁止公开", "总计") == 1);
    print_findings(c);
    gw_report_check_free(c);
}

/* Tables in other layouts: a header row of empty cells instead of
 * rowspans, labels with spaces, numbers with commas and full-width digits. */
static void test_check_layouts(void)
{
    GwDocument *doc = gw_document_new();
    gw_document_append(doc, text_block(GW_BLOCK_PARAGRAPH, 0, "全年共收到政府信息公开申请1,000件，行政复议3件。"));
    GwBlock *t = gw_block_new(GW_BLOCK_TABLE);
    gw_table_set_columns(t, 15, NULL);
    const char *h1[] = { "行政复议", "行政诉讼" };
    GwBlock *r = gw_table_add_text_row(t, TRUE, 2, h1);
    gw_cell_set_span(gw_block_get_child(r, 0), 0, 5, 1);
    gw_cell_set_span(gw_block_get_child(r, 1), 5, 10, 1);
    const char *h2[] = { "结果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总计", "未经复议直接起诉", "复议后起诉" };
    r = gw_table_add_text_row(t, TRUE, 7, h2);
    gw_cell_set_span(gw_block_get_child(r, 5), 5, 5, 1);
    gw_cell_set_span(gw_block_get_child(r, 6), 10, 5, 1);
    const char *h3[] = { "", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                         "结果维持", "结果纠正", "其他结果", "尚未审结", "总计" };
    gw_table_add_text_row(t, TRUE, 15, h3);
    const char *d[] = { "１", "1", "", "1", "3", "", "", "", "", "", "", "", "", "", "—" };
    gw_table_add_text_row(t, FALSE, 15, d);
    gw_document_append(doc, t);
    GwReportCheck *c = gw_report_check(doc, NULL);
    CHECK("layouts: table 四 found without rowspans", gw_report_check_has_table(c, GW_REPORT_TABLE_4));
    CHECK_INT("layouts: its figures agree with the text", gw_report_check_n_errors(c), 0);
    CHECK("layouts: tables 二 and 三 missing are warnings",
          count_kind(c, GW_FINDING_NO_TABLE, NULL, NULL) == 2 && gw_report_check_n_findings(c) == 2);
    print_findings(c);
    gw_report_check_free(c);

    /* the statistics file supplies table 三 and is compared with table 四 */
    GwReportStats *s = gw_report_stats_new(GW_REPORT_FORMAT_2021);
    gw_report_stats_set(s, GW_REPORT_TABLE_3, "new", 6, "999");
    gw_report_stats_set(s, GW_REPORT_TABLE_4, "review", 4, "4");
    c = gw_report_check(doc, s);
    CHECK("layouts: stats supply the missing table", gw_report_check_has_table(c, GW_REPORT_TABLE_3));
    CHECK("layouts: the text is checked against the stats' table",
          count_kind(c, GW_FINDING_NARRATIVE, "一、本年新收政府信息公开申请数量", "总计") == 1);
    CHECK("layouts: the document's table is compared with the stats",
          count_kind(c, GW_FINDING_STATS, "行政复议", "总计") == 1);
    print_findings(c);
    gw_report_check_free(c);
    gw_report_stats_free(s);
    gw_document_free(doc);
}

int main(void)
{
    test_stats_file();
    test_table3_layout();
    test_table2_4_layout();
    test_insert();
    test_check();
    test_check_layouts();
    return HARNESS_RESULT();
}
