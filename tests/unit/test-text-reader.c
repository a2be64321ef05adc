/* test-text-reader.c: gw_read_text: encodings, front matter, outline
 * detection, attachments, signature, errors and limits. */
#include <stdlib.h>
#include "gongwen/gongwen.h"
#include "harness.h"

/* One line per top-level block: "T:" title, "H<level>:" heading, "P:"
 * paragraph ("P<level>:" with its lead runs in [brackets]), "A<label>" an
 * attachment list followed by "  P:" lines; tabs as "\t"; a style name and
 * right alignment as " @Name>". */
static void describe_runs(GwBlock *b, GString *out)
{
    gboolean in_lead = FALSE;
    for (guint i = 0; i < gw_block_n_runs(b); i++) {
        GwRun *run = gw_block_get_run(b, i);
        if (gw_run_get_lead(run) != in_lead)
            g_string_append(out, in_lead ? "]" : "[");
        in_lead = gw_run_get_lead(run);
        g_string_append(out, gw_run_get_kind(run) == GW_RUN_TAB ? "\\t" : gw_run_get_text(run));
    }
    if (in_lead)
        g_string_append(out, "]");
}

static void describe_block(GwBlock *b, GString *out)
{
    GwParaStyle *style = gw_block_get_style(b);
    switch (gw_block_get_kind(b)) {
    case GW_BLOCK_TITLE:
        g_string_append(out, "T:");
        break;
    case GW_BLOCK_HEADING:
        g_string_append_printf(out, "H%d:", gw_block_get_level(b));
        break;
    case GW_BLOCK_PARAGRAPH:
        if (gw_block_get_level(b))
            g_string_append_printf(out, "P%d:", gw_block_get_level(b));
        else
            g_string_append(out, "P:");
        break;
    case GW_BLOCK_ATTACHMENTS:
        g_string_append_printf(out, "A%s\n", gw_block_get_label(b));
        for (guint i = 0; i < gw_block_n_children(b); i++) {
            g_string_append(out, "  ");
            describe_block(gw_block_get_child(b, i), out);
        }
        return;
    default:
        g_string_append_printf(out, "%s?", gw_block_kind_name(gw_block_get_kind(b)));
    }
    describe_runs(b, out);
    if (style->style_name)
        g_string_append_printf(out, " @%s", style->style_name);
    if (style->align == GW_ALIGN_RIGHT)
        g_string_append(out, ">");
    g_string_append(out, "\n");
}

static char *describe(GwDocument *doc)
{
    GString *out = g_string_new(NULL);
    for (guint i = 0; doc && i < gw_document_n_blocks(doc); i++)
        describe_block(gw_document_get_block(doc, i), out);
    return g_string_free(out, FALSE);
}

static GwDocument *read_with(const char *text, gsize len, const GwReadOptions *opts, GError **error)
{
    return gw_read_text(text, len, "t.txt", opts, error);
}

/* Reads `len` bytes and compares their description (or the error) with `want`. */
static void expect_len(const char *name, const char *text, gsize len, const GwReadOptions *opts, const char *want)
{
    GError *error = NULL;
    GwDocument *doc = read_with(text, len, opts, &error);
    char *got = doc ? describe(doc) : g_strdup(error->message);
    CHECK_STR(name, got, want);
    g_free(got);
    g_clear_error(&error);
    gw_document_free(doc);
}

static void expect_with(const char *name, const char *text, const GwReadOptions *opts, const char *want)
{
    expect_len(name, text, strlen(text), opts, want);
}

static void expect(const char *name, const char *text, const char *want)
{
    expect_with(name, text, NULL, want);
}

/* Reads `len` bytes expecting failure with `code` and `message`. */
static void expect_error(const char *name, const char *text, gsize len, const GwReadOptions *opts, int code,
                         const char *message)
{
    GError *error = NULL;
    GwDocument *doc = read_with(text, len, opts, &error);
    CHECK(name, !doc && error && error->domain == GW_ERROR && error->code == code);
    CHECK_STR(name, error ? error->message : NULL, message);
    g_clear_error(&error);
    gw_document_free(doc);
}

typedef struct {
    const char *name, *text, *want;
} Case;

static void expect_cases(const Case *cases, guint n)
{
    for (guint i = 0; i < n; i++)
        expect(cases[i].name, cases[i].text, cases[i].want);
}

static const Case label_cases[] = {
    { "level 1 一、", "一、总体情况\n十一、其他事项\n二十三、附则\n", "H1:一、总体情况\nH1:十一、其他事项\nH1:二十三、附则\n" },
    { "level 2 full/half-width", "（一）主动公开情况\n(二)依申请公开情况\n（十二）其他\n(一）混用括号\n",
      "H2:（一）主动公开情况\nH2:(二)依申请公开情况\nH2:（十二）其他\nH2:(一）混用括号\n" },
    { "level 3 forms", "1.规范性文件\n2．政策解读\n3、新闻发布\n４．政务新媒体\n12.其他\n１２、再其他\n",
      "H3:1.规范性文件\nH3:2．政策解读\nH3:3、新闻发布\nH3:４．政务新媒体\nH3:12.其他\nH3:１２、再其他\n" },
    { "level 4 forms", "（1）网站\n(2)新媒体\n（１）全角数字\n(12)十二\n",
      "H4:（1）网站\nH4:(2)新媒体\nH4:（１）全角数字\nH4:(12)十二\n" },
    { "not labels",
      "1.5亿元资金已经拨付\n2022年全区工作\n3、4月份开展检查\n１．５倍\n十分重要\n1000.多\n（2023）年\n（以下简称条例）\n",
      "P:1.5亿元资金已经拨付\nP:2022年全区工作\nP:3、4月份开展检查\nP:１．５倍\nP:十分重要\nP:1000.多\n"
      "P:（2023）年\nP:（以下简称条例）\n" },
    { "一是 is body", "一是落实管理机制。二是完善栏目建设。\n", "P:一是落实管理机制。二是完善栏目建设。\n" },
    { "bare label is body", "一、\n", "P:一、\n" },
};

#define X10 "xxxxxxxxxx"
#define X40 X10 X10 X10 X10

static const Case heading_cases[] = {
    { "lead paragraph", "（一）加强组织领导。各单位要把政务公开摆上重要位置。\n",
      "P2:[（一）加强组织领导。]各单位要把政务公开摆上重要位置。\n" },
    { "lead with ！ at level 1", "一、总体情况！全年工作\n", "P1:[一、总体情况！]全年工作\n" },
    { "lead sentence alone", "1.健全工作机制。\n", "P3:[1.健全工作机制。]\n" },
    { "lead at level 4", "（1）严格审查。发布前逐条审核。\n", "P4:[（1）严格审查。]发布前逐条审核。\n" },
    { "ends with ：", "（二）主要做法：\n", "P:（二）主要做法：\n" },
    { "ends with ；", "1.完善制度；\n", "P:1.完善制度；\n" },
    { "ends with ASCII .", "(1)Review.\n", "P:(1)Review.\n" },
    { "commas allowed in heading", "（二）规范管理，提升质量\n", "H2:（二）规范管理，提升质量\n" },
    { "40 characters: heading", "一、" X40 "\n", "H1:一、" X40 "\n" },
    { "41 characters: body", "一、" X40 "y\n", "P:一、" X40 "y\n" },
    { "lead over 40 characters: body", "（一）" X40 "y。后文\n", "P:（一）" X40 "y。后文\n" },
    { "long numbered paragraph",
      "1.今年以来我区认真贯彻落实条例规定，持续深化政务公开，全面推进决策、执行、管理、服务、结果公开，公开质量进一步提升。\n",
      "P:1.今年以来我区认真贯彻落实条例规定，持续深化政务公开，全面推进决策、执行、管理、服务、结果公开，公开质量进一步提升。\n" },
};

static const Case line_cases[] = {
    { "CRLF", "一、总体情况\r\n正文。\r\n", "H1:一、总体情况\nP:正文。\n" },
    { "CR", "一、总体情况\r正文。\r", "H1:一、总体情况\nP:正文。\n" },
    { "blank lines skipped", "\n\n甲。\n\n\n乙。", "P:甲。\nP:乙。\n" },
    { "trim ends, keep inside", "\u3000\u3000广州市黄埔区人民政府 广州开发区管委会。  \t\n",
      "P:广州市黄埔区人民政府 广州开发区管委会。\n" },
    { "indented heading", "\u3000\u3000（一）主动公开情况\u3000\n", "H2:（一）主动公开情况\n" },
    { "tabs are tab runs", "名称\t数量\n", "P:名称\\t数量\n" },
    { "BOM", "\xEF\xBB\xBF一、总体情况\n", "H1:一、总体情况\n" },
    { "form feed ends a line", "甲。\f乙。\n", "P:甲。\nP:乙。\n" },
};

static const Case attachment_cases[] = {
    { "附件： list", "正文。\n附件：\n1.报告.docx\n2.报告.pdf\n", "P:正文。\nA附件：\n  P:1.报告.docx\n  P:2.报告.pdf\n" },
    { "附件: half-width, blank lines", "正文。\n附件:\n\n1.报告.docx\n\n2.报告.pdf\n",
      "P:正文。\nA附件:\n  P:1.报告.docx\n  P:2.报告.pdf\n" },
    { "附件：1. inline", "附件：1.报告.docx\n2.报告.pdf\n", "A附件：\n  P:1.报告.docx\n  P:2.报告.pdf\n" },
    { "附件： one unnumbered", "附件：统计表\n1.后面的标题\n", "A附件：\n  P:统计表\nH3:1.后面的标题\n" },
    { "附件： nothing after is body", "附件：\n正文。\n", "P:附件：\nP:正文。\n" },
    { "lines after the list", "附件：\n1.报告.docx\n临湖区人民政府\n", "A附件：\n  P:1.报告.docx\nP:临湖区人民政府\n" },
    { "附件 without colon is body", "附件一览\n", "P:附件一览\n" },
};

static void test_front_matter(void)
{
    const char *both = "---\n标题：临湖区报告\n发文机关： 临湖区人民政府\n成文日期：2024年1月25日\n文号：临府〔2024〕3号\n"
                       "主题词：政务公开 年度报告\n主送机关：各镇人民政府\n---\n一、总体情况\n";
    GError *error = NULL;
    GwDocument *doc = read_with(both, strlen(both), NULL, &error);
    CHECK("front matter read", doc != NULL);
    CHECK_STR("标题", gw_document_get_meta(doc, "title"), "临湖区报告");
    CHECK_STR("发文机关", gw_document_get_meta(doc, "issuer"), "临湖区人民政府");
    CHECK_STR("成文日期", gw_document_get_meta(doc, "date"), "2024-01-25");
    CHECK_STR("文号", gw_document_get_meta(doc, "number"), "临府〔2024〕3号");
    CHECK_STR("主题词", gw_document_get_meta(doc, "keywords"), "政务公开 年度报告");
    CHECK_STR("主送机关", gw_document_get_meta(doc, "to"), "各镇人民政府");
    char *got = describe(doc);
    CHECK_STR("title, body, signature", got,
              "T:临湖区报告\nH1:一、总体情况\nP:临湖区人民政府 @Signature>\nP:2024年1月25日 @Date>\n");
    g_free(got);
    gw_document_free(doc);

    const char *english = "---\nTitle: Report\nissuer: Office\nDATE: 2023/1/31\nnumber: No. 3\nkeywords: a b\nto: All\n---\n";
    doc = read_with(english, strlen(english), NULL, &error);
    CHECK_STR("English keys", gw_document_get_meta(doc, "title"), "Report");
    CHECK_STR("English issuer", gw_document_get_meta(doc, "issuer"), "Office");
    CHECK_STR("2023/1/31", gw_document_get_meta(doc, "date"), "2023-01-31");
    CHECK_STR("English number", gw_document_get_meta(doc, "number"), "No. 3");
    CHECK_STR("English keywords", gw_document_get_meta(doc, "keywords"), "a b");
    CHECK_STR("English to", gw_document_get_meta(doc, "to"), "All");
    CHECK_INT("front matter only is not empty", gw_document_n_blocks(doc), 3);
    gw_document_free(doc);

    static const char *const dates[][2] = {
        { "2023-01-31", "2023-01-31" }, { "2023-1-5", "2023-01-05" },     { "2023/1/31", "2023-01-31" },
        { "2023.1.31", "2023-01-31" },  { "2023年1月31日", "2023-01-31" }, { "２０２３年１月３１日", "2023-01-31" },
        { "二〇二三年一月三十一日", "2023-01-31" }, { "二〇二四年十二月九日", "2024-12-09" },
        { "2024年2月29日", "2024-02-29" },
    };
    for (guint i = 0; i < G_N_ELEMENTS(dates); i++) {
        char *text = g_strdup_printf("---\n日期: %s\n---\n正文。\n", dates[i][0]);
        doc = read_with(text, strlen(text), NULL, &error);
        char *name = g_strdup_printf("date %s", dates[i][0]);
        CHECK_STR(name, doc ? gw_document_get_meta(doc, "date") : NULL, dates[i][1]);
        g_free(name);
        g_free(text);
        gw_document_free(doc);
    }
    static const char *const bad_dates[] = { "2023-02-29", "2023年13月1日", "23-1-31", "2023-1-31日", "明天", "2023-1/31" };
    for (guint i = 0; i < G_N_ELEMENTS(bad_dates); i++) {
        char *text = g_strdup_printf("---\ndate: %s\n---\n正文。\n", bad_dates[i]);
        char *want = g_strdup_printf("t.txt:2: '%s' is not a date (write 2024-01-25, 2024/1/25 or 2024年1月25日)",
                                     bad_dates[i]);
        char *name = g_strdup_printf("bad date %s", bad_dates[i]);
        expect_error(name, text, strlen(text), NULL, GW_ERROR_FORMAT, want);
        g_free(name);
        g_free(want);
        g_free(text);
    }

    const char *unknown = "---\n作者：某人\n标题：题\n---\n正文。\n";
    doc = read_with(unknown, strlen(unknown), NULL, &error);
    CHECK_INT("unknown key: one warning", gw_document_n_warnings(doc), 1);
    CHECK_STR("unknown key warning", gw_document_get_warning(doc, 0), "t.txt:2: unknown front-matter key '作者' ignored");
    CHECK_STR("known key still read", gw_document_get_meta(doc, "title"), "题");
    gw_document_free(doc);

    expect("no closing fence: body", "---\n标题：题\n正文。\n", "P:---\nP:标题：题\nP:正文。\n");
    expect("non key line: body", "---\n标题：题\n正文\n---\n", "P:---\nP:标题：题\nP:正文\nP:---\n");
    expect("not at the top: body", "\n---\n标题：题\n---\n", "P:---\nP:标题：题\nP:---\n");
    expect("empty value ignored", "---\n标题：\n---\n正文。\n", "P:正文。\n");
    expect("first line equal to the title", "---\n标题：临湖区报告\n---\n临湖区报告\n正文。\n临湖区报告\n",
           "T:临湖区报告\nP:正文。\nP:临湖区报告\n");
}

static void test_options(void)
{
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_meta(opts, "title", "选项标题");
    gw_read_options_set_meta(opts, "issuer", "选项机关");
    gw_read_options_set_meta(opts, "date", "2023-01-31");
    gw_read_options_set_meta(opts, "number", "选〔2023〕1号");
    expect_with("options override front matter",
                "---\n标题：前言标题\n发文机关：前言机关\n成文日期：不是日期\n文号：前〔2024〕2号\n---\n正文。\n", opts,
                "T:选项标题\nP:正文。\nP:选项机关 @Signature>\nP:2023年1月31日 @Date>\n");
    const char *text = "---\n文号：前〔2024〕2号\n主题词：前言\n---\n正文。\n";
    GError *error = NULL;
    GwDocument *doc = read_with(text, strlen(text), opts, &error);
    CHECK_STR("option number wins", gw_document_get_meta(doc, "number"), "选〔2023〕1号");
    CHECK_STR("front matter keywords kept", gw_document_get_meta(doc, "keywords"), "前言");
    gw_document_free(doc);
    gw_read_options_set_meta(opts, "date", "2023年2月30日");
    expect_error("bad option date", "正文。\n", 10, opts, GW_ERROR_INVALID,
                 "t.txt: date '2023年2月30日' is not a date (YYYY-MM-DD)");
    gw_read_options_free(opts);
}

static void test_signature(void)
{
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_meta(opts, "issuer", "临湖区人民政府");
    gw_read_options_set_meta(opts, "date", "2024-01-05");
    expect_with("signature after attachments", "正文。\n附件：1.报告.docx\n", opts,
                "P:正文。\nA附件：\n  P:1.报告.docx\nP:临湖区人民政府 @Signature>\nP:2024年1月5日 @Date>\n");
    expect_with("the text's own signature is used", "正文。\n临湖区人民政府\n2024年1月5日\n", opts,
                "P:正文。\nP:临湖区人民政府 @Signature>\nP:2024年1月5日 @Date>\n");
    expect_with("own date in another form", "正文。\n临湖区人民政府\n2024-01-05\n", opts,
                "P:正文。\nP:临湖区人民政府 @Signature>\nP:2024-01-05 @Date>\n");
    expect_with("own date only: issuer goes before it", "正文。\n2024年1月5日\n", opts,
                "P:正文。\nP:临湖区人民政府 @Signature>\nP:2024年1月5日 @Date>\n");
    expect_with("own issuer only", "正文。\n临湖区人民政府\n", opts,
                "P:正文。\nP:临湖区人民政府 @Signature>\nP:2024年1月5日 @Date>\n");
    expect_with("another date is body", "正文。\n2024年1月6日\n", opts,
                "P:正文。\nP:2024年1月6日\nP:临湖区人民政府 @Signature>\nP:2024年1月5日 @Date>\n");
    gw_read_options_free(opts);
    opts = gw_read_options_new();
    gw_read_options_set_meta(opts, "date", "2024-12-31");
    expect_with("date alone", "正文。\n", opts, "P:正文。\nP:2024年12月31日 @Date>\n");
    gw_read_options_free(opts);
}

/* Reads a file with gw_read_text, naming it by its base name. */
static GwDocument *read_path(const char *path, const GwReadOptions *opts, GError **error)
{
    char *data = NULL, *name = g_path_get_basename(path);
    gsize len = 0;
    GwDocument *doc = NULL;
    if (g_file_get_contents(path, &data, &len, error))
        doc = gw_read_text(data, len, name, opts, error);
    g_free(data);
    g_free(name);
    return doc;
}

static GwDocument *read_fixture(const char *file, const GwReadOptions *opts, GError **error)
{
    char *path = g_build_filename(g_getenv("SRC") ? g_getenv("SRC") : ".", "tests", "fixtures", file, NULL);
    GwDocument *doc = read_path(path, opts, error);
    g_free(path);
    return doc;
}

static void test_encodings(void)
{
    GError *error = NULL;
    GwDocument *doc = read_fixture("gbk-report.txt", NULL, &error);
    CHECK("GBK fixture read", doc != NULL);
    CHECK_INT("GBK: one notice", doc ? gw_document_n_warnings(doc) : 0, 1);
    CHECK_STR("GBK notice", doc ? gw_document_get_warning(doc, 0) : NULL,
              "gbk-report.txt: read as GB18030 (not valid UTF-8)");
    CHECK_STR("GBK title", doc ? gw_document_get_meta(doc, "title") : NULL,
              "江川市临湖区人民政府2023年政府信息公开工作年度报告");
    char *got = doc ? describe(doc) : NULL;
    CHECK_STR("GBK blocks", got,
              "T:江川市临湖区人民政府2023年政府信息公开工作年度报告\nH1:一、总体情况\n"
              "P:2023年，临湖区认真贯彻落实《条例》，全年主动公开政府信息1562条。\nH2:（一）主动公开情况\n"
              "P:本年度制发行政规范性文件12件，废止9件，现行有效64件。\nA附件：\n  P:1.年度报告.docx\n");
    g_free(got);
    gw_document_free(doc);
    g_clear_error(&error);

    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_encoding(opts, "GB18030");
    doc = read_fixture("gbk-report.txt", opts, &error);
    CHECK("forced GB18030: read", doc != NULL);
    CHECK_INT("forced GB18030: no notice", doc ? gw_document_n_warnings(doc) : 1, 0);
    gw_document_free(doc);
    gw_read_options_set_encoding(opts, "UTF-8");
    doc = read_fixture("gbk-report.txt", opts, &error);
    CHECK("forced UTF-8 on GBK: refused", !doc && error && error->code == GW_ERROR_ENCODING);
    CHECK("forced UTF-8 on GBK: message", error && g_str_has_prefix(error->message, "gbk-report.txt: not valid UTF-8 (at byte "));
    g_clear_error(&error);
    gw_read_options_set_encoding(opts, "NO-SUCH-ENCODING");
    expect_error("unknown encoding", "abc", 3, opts, GW_ERROR_ENCODING, "t.txt: unknown encoding 'NO-SUCH-ENCODING'");
    gw_read_options_set_encoding(opts, "UTF-16LE");
    expect_error("forced encoding giving NUL", "a\0\0\0", 4, opts, GW_ERROR_FORMAT, "t.txt: binary data, not a text file");
    gw_read_options_set_encoding(opts, "ISO-8859-1");
    expect_len("forced Latin-1", "caf\xE9\n", 5, opts, "P:café\n");
    gw_read_options_free(opts);

    static const char utf16le[] = "\xFF\xFE\x00\x4E\x01\x30\x3B\x60\x53\x4F\n\x00";
    expect_len("UTF-16LE with BOM", utf16le, sizeof utf16le - 1, NULL, "H1:一、总体\n");
    static const char utf16be[] = "\xFE\xFF\x4E\x00\x30\x01\x60\x3B\x4F\x53\x00\n";
    expect_len("UTF-16BE with BOM", utf16be, sizeof utf16be - 1, NULL, "H1:一、总体\n");
}

static void test_refused(void)
{
    const char *binary = "t.txt: binary data, not a text file";
    expect_error("NUL byte", "abc\0def", 7, NULL, GW_ERROR_FORMAT, binary);
    expect_error("neither UTF-8 nor GB18030", "abc\xFF\xFF\x80", 6, NULL, GW_ERROR_FORMAT, binary);
    expect_error("control characters", "a\x01\x02\x03\x04\x05 b\x06\x07 c\x1b", 14, NULL, GW_ERROR_FORMAT, binary);
    char *ls = NULL;
    gsize len = 0;
    if (g_file_get_contents("/bin/ls", &ls, &len, NULL))
        expect_error("/bin/ls", ls, MIN(len, 2000), NULL, GW_ERROR_FORMAT, binary);
    g_free(ls);
    GString *cut = g_string_new(NULL);
    for (int i = 0; i < 100; i++)
        g_string_append(cut, "正文。");
    g_string_append(cut, "\xE6\xAD");
    expect_error("UTF-8 cut short", cut->str, cut->len, NULL, GW_ERROR_ENCODING,
                 "t.txt: not valid UTF-8 (at byte 900), nor GB18030");
    g_string_free(cut, TRUE);
    expect_error("empty", "", 0, NULL, GW_ERROR_FORMAT, "t.txt: empty file");
    const char *blank = " \n\t\r\n\u3000\u3000\n\xEF\xBB\xBF";
    expect_error("whitespace only", blank, strlen(blank), NULL, GW_ERROR_FORMAT, "t.txt: empty file");
    expect_error("BOM only", "\xEF\xBB\xBF", 3, NULL, GW_ERROR_FORMAT, "t.txt: empty file");

    /* A few stray control characters are dropped with a notice. */
    GString *text = g_string_new(NULL);
    for (int i = 0; i < 30; i++)
        g_string_append(text, "正文正文。");
    g_string_append(text, "\x1a\n");
    GError *error = NULL;
    GwDocument *doc = read_with(text->str, text->len, NULL, &error);
    char *got = describe(doc);
    CHECK("stray control removed", g_str_has_suffix(got, "正文。\n") && !strchr(got, '\x1a'));
    CHECK_STR("stray control notice", gw_document_get_warning(doc, 0), "t.txt: 1 control character removed");
    g_free(got);
    gw_document_free(doc);
    g_string_free(text, TRUE);
}

static void test_limits(void)
{
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_limit(opts, GW_LIMIT_TEXT_BYTES, 10);
    expect_error("text-bytes limit", "一二三四五\n", strlen("一二三四五\n"), opts, GW_ERROR_LIMIT,
                 "t.txt: a text of 16 bytes exceeds the text-bytes limit (10); raise it with --limit text-bytes=N");
    gw_read_options_set_limit(opts, GW_LIMIT_TEXT_BYTES, 1000);
    gw_read_options_set_limit(opts, GW_LIMIT_BLOCKS, 2);
    expect_with("blocks limit: at the limit", "甲\n\n乙\n", opts, "P:甲\nP:乙\n");
    expect_with("blocks limit: front matter not counted", "---\n标题：T\n---\n甲\n乙\n", opts, "T:T\nP:甲\nP:乙\n");
    expect_error("blocks limit: over", "甲\n乙\n丙\n", strlen("甲\n乙\n丙\n"), opts, GW_ERROR_LIMIT,
                 "t.txt: a text of 3 paragraphs exceeds the blocks limit (2); raise it with --limit blocks=N");
    gw_read_options_free(opts);

    /* Long lines: 4 MB in one labelled line, read in linear time. */
    gsize n = 4u << 20;
    GString *text = g_string_new("（一）");
    for (gsize i = 0; text->len < n; i++)
        g_string_append(text, "加强组织领导，");
    g_string_append(text, "。后文\n");
    GError *error = NULL;
    gint64 start = g_get_monotonic_time();
    GwDocument *doc = read_with(text->str, text->len, NULL, &error);
    gint64 usec = g_get_monotonic_time() - start;
    char *body = doc ? gw_block_get_text(gw_document_get_block(doc, 0)) : NULL;
    CHECK("4 MB line: one paragraph", doc && gw_document_n_blocks(doc) == 1 &&
                                          gw_block_get_level(gw_document_get_block(doc, 0)) == 0);
    CHECK("4 MB line: text kept", body && strlen(body) == text->len - 1);
    CHECK("4 MB line: under 2 s", usec < 2 * G_USEC_PER_SEC);
    g_free(body);
    gw_document_free(doc);
    g_string_free(text, TRUE);
}

static int count_headings(GwDocument *doc, int level)
{
    int n = 0;
    for (guint i = 0; i < gw_document_n_blocks(doc); i++) {
        GwBlock *b = gw_document_get_block(doc, i);
        n += gw_block_get_kind(b) == GW_BLOCK_HEADING && gw_block_get_level(b) == level;
    }
    return n;
}

static int count_lead_paragraphs(GwDocument *doc)
{
    int n = 0;
    for (guint i = 0; i < gw_document_n_blocks(doc); i++) {
        GwBlock *b = gw_document_get_block(doc, i);
        n += gw_block_get_kind(b) == GW_BLOCK_PARAGRAPH && gw_block_get_level(b) > 0;
    }
    return n;
}

/* The attachment list, checked to be the block before the signature (or the
 * last block when there is none). */
static GwBlock *attachments_at_end(GwDocument *doc, guint signature_lines)
{
    guint n = gw_document_n_blocks(doc);
    GwBlock *b = n > signature_lines ? gw_document_get_block(doc, n - signature_lines - 1) : NULL;
    return b && gw_block_get_kind(b) == GW_BLOCK_ATTACHMENTS ? b : NULL;
}

static void test_shared_sample(void)
{
    const char *shared = g_getenv("SHARED");
    char *path = g_build_filename(shared ? shared : "../shared", "samples", "huangpu-2022-report.txt", NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        printf("SKIP: huangpu sample: %s absent\n", path);
        g_free(path);
        return;
    }
    GError *error = NULL;
    GwDocument *doc = read_path(path, NULL, &error);
    CHECK("huangpu: read", doc != NULL);
    CHECK_INT("huangpu: level-1 headings", count_headings(doc, 1), 6);
    CHECK_INT("huangpu: level-2 headings", count_headings(doc, 2), 7);
    CHECK_INT("huangpu: no other headings", count_headings(doc, 3) + count_headings(doc, 4), 0);
    GwBlock *list = attachments_at_end(doc, 0);
    CHECK("huangpu: ends with the attachments", list != NULL);
    CHECK_STR("huangpu: 附件 label", list ? gw_block_get_label(list) : NULL, "附件:");
    CHECK_INT("huangpu: two attachments", list ? gw_block_n_children(list) : 0, 2);
    char *second = list ? gw_block_get_text(gw_block_get_child(list, 1)) : g_strdup("");
    CHECK("huangpu: attachment 2 as written",
          g_str_has_prefix(second, "2.广州市黄埔区人民政府 广州开发区管委会") && g_str_has_suffix(second, ".pdf"));
    g_free(second);
    CHECK_INT("huangpu: no notices", gw_document_n_warnings(doc), 0);
    gw_document_free(doc);
    g_free(path);
}

static void test_project_sample(void)
{
    char *path = g_build_filename(g_getenv("SRC") ? g_getenv("SRC") : ".", "samples", "report.txt", NULL);
    GError *error = NULL;
    GwDocument *doc = read_path(path, NULL, &error);
    CHECK("sample: read", doc != NULL);
    CHECK_STR("sample: title", gw_document_get_meta(doc, "title"), "江川市临湖区人民政府2023年政府信息公开工作年度报告");
    CHECK_STR("sample: date", gw_document_get_meta(doc, "date"), "2024-01-25");
    CHECK_INT("sample: level-1 headings", count_headings(doc, 1), 6);
    CHECK_INT("sample: level-2 headings", count_headings(doc, 2), 7);
    CHECK_INT("sample: lead paragraphs", count_lead_paragraphs(doc), 4);
    GwBlock *list = attachments_at_end(doc, 2);
    CHECK_INT("sample: attachments before the signature", list ? gw_block_n_children(list) : 0, 2);
    CHECK_INT("sample: no notices", gw_document_n_warnings(doc), 0);
    gw_document_free(doc);
    g_free(path);
}

int main(void)
{
    expect_cases(label_cases, G_N_ELEMENTS(label_cases));
    expect_cases(heading_cases, G_N_ELEMENTS(heading_cases));
    expect_cases(line_cases, G_N_ELEMENTS(line_cases));
    expect_cases(attachment_cases, G_N_ELEMENTS(attachment_cases));
    test_front_matter();
    test_options();
    test_signature();
    test_encodings();
    test_refused();
    test_limits();
    test_shared_sample();
    test_project_sample();
    return HARNESS_RESULT();
}
