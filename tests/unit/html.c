/* html.c: the HTML reader: charsets, article body among site boilerplate,
 * headings, tables and spans, entities, broken markup, images. */
#include <unistd.h>
#include <glib/gstdio.h>
#include "harness.h"
#include "gongwen/gongwen.h"
#include "read-imp.h"

/* A fixture, from the project root ($SRC, as tests/run.sh sets it). */
static char *fixture(const char *name)
{
    return g_build_filename(g_getenv("SRC") ? g_getenv("SRC") : ".", "tests", "fixtures", name, NULL);
}

static GwDocument *read_html(const char *html, const char *name, const GwReadOptions *opts, GError **error)
{
    return gw_read_html(html, strlen(html), name ? name : "test.html", opts, error);
}

/* Every block's text, one a line, with its kind: "heading1:一、总体情况". */
static gboolean outline_line(GwBlock *b, int depth, gpointer user)
{
    GString *out = user;
    GwBlockKind kind = gw_block_get_kind(b);
    if (kind == GW_BLOCK_TABLE) {
        g_string_append_printf(out, "%*stable\n", depth, "");
        return FALSE;
    }
    if (gw_block_n_runs(b) == 0 && kind != GW_BLOCK_IMAGE)
        return TRUE;
    char *text = gw_block_get_text(b);
    g_string_append_printf(out, "%*s%s%d:%s\n", depth, "", gw_block_kind_name(kind), gw_block_get_level(b), text);
    g_free(text);
    return TRUE;
}

static char *outline(GwDocument *doc)
{
    GString *out = g_string_new(NULL);
    gw_document_walk(doc, outline_line, NULL, out);
    return g_string_free(out, FALSE);
}

static gboolean contains(const char *haystack, const char *needle)
{
    return haystack && strstr(haystack, needle) != NULL;
}

static GwBlock *first_of_kind(GwDocument *doc, GwBlockKind kind)
{
    for (guint i = 0; i < gw_document_n_blocks(doc); i++)
        if (gw_block_get_kind(gw_document_get_block(doc, i)) == kind)
            return gw_document_get_block(doc, i);
    return NULL;
}

static GwBlock *cell_at(GwBlock *table, guint row, guint index)
{
    return gw_block_get_child(gw_block_get_child(table, row), index);
}

static void check_span(const char *name, GwBlock *cell, guint col, guint colspan, guint rowspan)
{
    guint c = 99, cs = 99, rs = 99;
    if (cell)
        gw_cell_get_span(cell, &c, &cs, &rs);
    char *what = g_strdup_printf("%s: col %u colspan %u rowspan %u (got %u %u %u)", name, col, colspan, rowspan, c, cs, rs);
    CHECK(what, cell && c == col && cs == colspan && rs == rowspan);
    g_free(what);
}

/* ---- charsets ------------------------------------------------------------ */

static char *to_gbk(const char *utf8)
{
    return g_convert(utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
}

static void test_charsets(void)
{
    const char *page = "<html><head><meta charset=\"gb2312\"><title>t</title></head>"
                       "<body><p>政府信息公开工作年度报告</p></body></html>";
    char *gbk = to_gbk(page);
    GwDocument *doc = read_html(gbk, NULL, NULL, NULL);
    char *o = doc ? outline(doc) : NULL;
    CHECK("charset: <meta charset=gb2312> decodes GBK", contains(o, "政府信息公开工作年度报告"));
    CHECK_INT("charset: declared GBK needs no notice", doc ? gw_document_n_warnings(doc) : 99, 0);
    g_free(o);
    gw_document_free(doc);
    g_free(gbk);

    gbk = to_gbk("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\"></head>"
                 "<body><p>依申请公开情况</p></body></html>");
    doc = read_html(gbk, NULL, NULL, NULL);
    o = doc ? outline(doc) : NULL;
    CHECK("charset: http-equiv content-type GBK", contains(o, "依申请公开情况"));
    g_free(o);
    gw_document_free(doc);
    g_free(gbk);

    gbk = to_gbk("<html><body><p>没有声明编码的页面</p></body></html>");
    doc = read_html(gbk, NULL, NULL, NULL);
    o = doc ? outline(doc) : NULL;
    CHECK("charset: undeclared non-UTF-8 read as GB18030", contains(o, "没有声明编码的页面"));
    CHECK("charset: undeclared GB18030 gives a notice",
          doc && gw_document_n_warnings(doc) == 1 && contains(gw_document_get_warning(doc, 0), "GB18030"));
    g_free(o);
    gw_document_free(doc);
    g_free(gbk);

    doc = read_html("\xEF\xBB\xBF<html><head><meta charset=\"gbk\"></head><body><p>带BOM的UTF-8</p></body></html>", NULL,
                    NULL, NULL);
    o = doc ? outline(doc) : NULL;
    CHECK("charset: a UTF-8 BOM wins over the meta", contains(o, "带BOM的UTF-8"));
    g_free(o);
    gw_document_free(doc);

    /* the option forces: UTF-8 bytes declared GBK, read as UTF-8 */
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_encoding(opts, "UTF-8");
    doc = read_html("<html><head><meta charset=\"gbk\"></head><body><p>强制编码</p></body></html>", NULL, opts, NULL);
    o = doc ? outline(doc) : NULL;
    CHECK("charset: --encoding overrides the meta", contains(o, "强制编码"));
    g_free(o);
    gw_document_free(doc);
    gw_read_options_set_encoding(opts, "no-such-charset");
    GError *error = NULL;
    doc = read_html("<p>x</p>", NULL, opts, &error);
    CHECK("charset: unknown forced encoding is an error",
          !doc && error && error->code == GW_ERROR_ENCODING && contains(error->message, "test.html"));
    g_clear_error(&error);
    gw_read_options_free(opts);

    /* invalid bytes in a declared GBK page become U+FFFD, not a failure */
    doc = read_html("<html><head><meta charset=\"gbk\"></head><body><p>ab\x81</p></body></html>", NULL, NULL, NULL);
    o = doc ? outline(doc) : NULL;
    CHECK("charset: undecodable bytes are replaced", contains(o, "ab\xEF\xBF\xBD"));
    g_free(o);
    gw_document_free(doc);
}

/* ---- article body -------------------------------------------------------- */

static const char *const boilerplate[] = {
    "无障碍", "首页", "当前位置", "您当前的位置", "索引号", "分享到", "打印", "相关阅读", "版权所有", "主办单位", "ICP",
    "网站标识码", "字号", "浏览次数", "document.write", "请输入关键词", "网站首页", "·公开目录", "·统计月报",
};

static void check_no_boilerplate(const char *name, const char *text)
{
    for (guint i = 0; i < G_N_ELEMENTS(boilerplate); i++) {
        char *what = g_strdup_printf("%s: no '%s'", name, boilerplate[i]);
        CHECK(what, text && !strstr(text, boilerplate[i]));
        g_free(what);
    }
}

/* A page fixture, its outline in *o, checked for the site's boilerplate. */
static GwDocument *read_fixture(const char *what, const char *name, char **o)
{
    char *path = fixture(name);
    GwDocument *doc = gw_read_file(path, GW_FORMAT_UNKNOWN, NULL, NULL);
    g_free(path);
    char *check = g_strdup_printf("%s: reads", what);
    CHECK(check, doc != NULL);
    g_free(check);
    if (doc) {
        *o = outline(doc);
        check_no_boilerplate(what, *o);
    }
    return doc;
}

static void test_fixture_utf8(void)
{
    char *o = NULL;
    GwDocument *doc = read_fixture("utf8 page", "linhu-2023-report.html", &o);
    if (!doc)
        return;
    CHECK_STR("utf8 page: title from ArticleTitle", gw_document_get_meta(doc, "title"),
              "江川市临湖区人民政府2023年政府信息公开工作年度报告");
    CHECK("utf8 page: title block first", gw_block_get_kind(gw_document_get_block(doc, 0)) == GW_BLOCK_TITLE);
    CHECK("utf8 page: bold section headings are level 1", contains(o, "heading1:二、主动公开政府信息情况\n"));
    CHECK("utf8 page: sub-headings are level 2", contains(o, "heading2:（三）政府信息管理情况\n"));
    CHECK("utf8 page: lead paragraphs", contains(o, "paragraph3:1.强化统筹协调。"));
    CHECK("utf8 page: narrative kept", contains(o, "本年新收政府信息公开申请286件"));
    CHECK("utf8 page: last paragraph kept", contains(o, "专栏查询。"));
    guint tables = 0;
    for (const char *p = o; (p = strstr(p, "table\n")); p++)
        tables++;
    CHECK_INT("utf8 page: the three report tables", tables, 3);
    CHECK("utf8 page: the chart beside the page is read", first_of_kind(doc, GW_BLOCK_IMAGE) != NULL);
    CHECK("utf8 page: remote image noted", gw_document_n_warnings(doc) == 1 &&
                                               contains(gw_document_get_warning(doc, 0), "never fetches"));
    GwBlock *att = first_of_kind(doc, GW_BLOCK_ATTACHMENTS);
    CHECK("utf8 page: attachment list", att && gw_block_n_children(att) == 2);
    GwRun *link = att ? gw_block_get_run(gw_block_get_child(att, 0), 0) : NULL;
    CHECK("utf8 page: attachment keeps its link", link && contains(gw_run_get_link(link), ".docx"));
    g_free(o);
    gw_document_free(doc);
}

static void test_fixture_gbk(void)
{
    char *o = NULL;
    GwDocument *doc = read_fixture("gbk page", "tongji-2019-report-gbk.html", &o);
    if (!doc)
        return;
    CHECK_STR("gbk page: centred first line is the title", gw_document_get_meta(doc, "title"),
              "江川市统计局2019年政府信息公开工作年度报告");
    CHECK("gbk page: <br>-separated headings", contains(o, "heading1:一、总体情况\n") &&
                                                   contains(o, "heading2:（二）依申请公开\n"));
    CHECK("gbk page: &nbsp without ';' decoded", contains(o, "发布日期：2020-01-20   信息来源"));
    CHECK("gbk page: &hellip; decoded", contains(o, "泄密事件……"));
    CHECK("gbk page: &amp; decoded", contains(o, "解读&发布"));
    CHECK("gbk page: no notices", gw_document_n_warnings(doc) == 0);
    GwBlock *heading = NULL;
    for (guint i = 0; i < gw_document_n_blocks(doc) && !heading; i++)
        if (gw_block_get_kind(gw_document_get_block(doc, i)) == GW_BLOCK_HEADING)
            heading = gw_document_get_block(doc, i);
    GwRun *r = heading ? gw_block_get_run(heading, 0) : NULL;
    CHECK_STR("gbk page: <font face> kept", r ? gw_run_get_style(r)->font_ea : NULL, "黑体");
    g_free(o);
    gw_document_free(doc);
}

static const char *const site_page =
    "<html><head><title>标题甲_栏目_某某市人民政府</title></head><body>"
    "<div id=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">政务公开</a> <a href=\"/b\">政务服务</a></div>"
    "<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/x\">通知公告</a></div>"
    "<div class=\"side\"><ul><li><a href=\"/1\">相关文件一</a></li><li><a href=\"/2\">相关文件二</a></li></ul></div>"
    "<div class=\"box\"><div class=\"text\">"
    "<p>这是正文的第一段，讲述本年度政务公开工作的总体情况，内容较长，足以构成文章的主体部分。</p>"
    "<p>这是正文的第二段，继续介绍依申请公开工作的办理情况，以及有关数据的统计口径。</p>"
    "<p>这是正文的第三段，说明下一步的工作安排和改进措施，确保各项任务落到实处。</p>"
    "</div><div class=\"other\"><p>责任编辑：张三</p></div></div>"
    "<div class=\"footer\">主办：某某市人民政府办公室 地址：某某路1号 电话：12345678</div>"
    "<script>document.write('脚本里的文字');</script><style>.x{content:'样式里的文字'}</style><!-- 注释里的文字 -->"
    "</body></html>";

static void test_body_heuristic(void)
{
    GwDocument *doc = read_html(site_page, NULL, NULL, NULL);
    char *o = doc ? outline(doc) : NULL;
    CHECK("body: three paragraphs kept", contains(o, "第一段") && contains(o, "第二段") && contains(o, "第三段"));
    CHECK("body: navigation dropped", !contains(o, "政务服务") && !contains(o, "相关文件"));
    CHECK("body: breadcrumb dropped", !contains(o, "当前位置"));
    CHECK("body: footer and editor line dropped", !contains(o, "主办") && !contains(o, "责任编辑"));
    CHECK("body: scripts, styles, comments ignored",
          !contains(o, "脚本里的文字") && !contains(o, "样式里的文字") && !contains(o, "注释里的文字"));
    CHECK_STR("body: title from <title> without the site", doc ? gw_document_get_meta(doc, "title") : NULL, "标题甲");
    g_free(o);
    gw_document_free(doc);

    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_select(opts, "footer");
    doc = read_html(site_page, NULL, opts, NULL);
    o = doc ? outline(doc) : NULL;
    CHECK("select: a class picks the body", contains(o, "主办") && !contains(o, "第一段"));
    g_free(o);
    gw_document_free(doc);
    gw_read_options_set_select(opts, "nav");
    doc = read_html(site_page, NULL, opts, NULL);
    o = doc ? outline(doc) : NULL;
    CHECK("select: an id picks the body", contains(o, "政务服务") && !contains(o, "第一段"));
    g_free(o);
    gw_document_free(doc);
    GError *error = NULL;
    gw_read_options_set_select(opts, "nosuch");
    doc = read_html(site_page, NULL, opts, &error);
    CHECK("select: a missing name is an error", !doc && error && contains(error->message, "nosuch"));
    g_clear_error(&error);
    gw_read_options_free(opts);
}

/* ---- paragraphs and headings ------------------------------------------------ */

static void test_paragraphs(void)
{
    const char *page =
        "<body><div id=\"zoom\">"
        "<p style=\"text-align:center\"><strong>某某区2023年工作报告</strong></p>"
        "<p><strong>一、总体情况</strong></p>"
        "<p>&nbsp;&nbsp;　　第一段\n文字，跨行。</p>"
        "<p><b>（一）加强组织领导。</b>各单位要抓好落实。</p>"
        "<p>一是加强领导；二是压实责任。</p>"
        "<h2>二、主动公开情况</h2><h3>没有编号的小标题</h3>"
        "<div>第一行<br>第二行<br><br>第三行</div>"
        "<p><i>斜体</i><u>下划线</u><span style=\"font-weight:bold;color:#c00000\">红色粗体</span>"
        "<span style=\"font-family:'仿宋_GB2312', FangSong\">仿宋</span><font face=\"Times New Roman\">Latin</font>"
        "<a href=\"http://example.gov.cn/x\">链接</a><a href=\"javascript:void(0)\">假链接</a></p>"
        "<p align=\"right\">江川市临湖区人民政府</p>"
        "<ul><li>条目一</li><li>条目二</li></ul>"
        "</div></body>";
    GwDocument *doc = read_html(page, NULL, NULL, NULL);
    char *o = doc ? outline(doc) : NULL;
    CHECK("para: centred bold first line is the title", contains(o, "title0:某某区2023年工作报告\n"));
    CHECK("para: <p><strong>一、…</strong></p> is a level-1 heading", contains(o, "heading1:一、总体情况\n"));
    CHECK("para: edge spaces trimmed, line break inside Chinese is no space", contains(o, "paragraph0:第一段文字，跨行。\n"));
    CHECK("para: lead heading", contains(o, "paragraph2:（一）加强组织领导。各单位要抓好落实。\n"));
    CHECK("para: 一是… stays body text", contains(o, "paragraph0:一是加强领导；二是压实责任。\n"));
    CHECK("para: <h2> with a label takes the label's level", contains(o, "heading1:二、主动公开情况\n"));
    CHECK("para: <h3> without a label is level 2", contains(o, "heading2:没有编号的小标题\n"));
    CHECK("para: <br> separates paragraphs",
          contains(o, "paragraph0:第一行\nparagraph0:第二行\nparagraph0:第三行\n"));
    CHECK("para: list items", contains(o, "\n  paragraph0:条目一\n"));
    GwBlock *styled = NULL, *right = NULL;
    for (guint i = 0; doc && i < gw_document_n_blocks(doc); i++) {
        char *t = gw_block_get_text(gw_document_get_block(doc, i));
        if (contains(t, "斜体"))
            styled = gw_document_get_block(doc, i);
        if (contains(t, "江川市临湖区人民政府"))
            right = gw_document_get_block(doc, i);
        g_free(t);
    }
    CHECK("para: align=right", right && gw_block_get_style(right)->align == GW_ALIGN_RIGHT);
    GwBlock *lead = doc ? gw_document_get_block(doc, 3) : NULL;
    CHECK("para: lead runs marked", lead && gw_run_get_lead(gw_block_get_run(lead, 0)) &&
                                        !gw_run_get_lead(gw_block_get_run(lead, gw_block_n_runs(lead) - 1)));
    CHECK_INT("para: one run per style", styled ? gw_block_n_runs(styled) : 0, 7);
    if (styled && gw_block_n_runs(styled) == 7) {
        CHECK("para: <i>", gw_run_get_style(gw_block_get_run(styled, 0))->italic == 1);
        CHECK("para: <u>", gw_run_get_style(gw_block_get_run(styled, 1))->underline == 1);
        GwRunStyle *red = gw_run_get_style(gw_block_get_run(styled, 2));
        CHECK("para: font-weight:bold", red->bold == 1);
        CHECK_INT("para: color", red->color, 0xC00000);
        CHECK_STR("para: CJK font-family", gw_run_get_style(gw_block_get_run(styled, 3))->font_ea, "仿宋_GB2312");
        CHECK_STR("para: Latin <font face>", gw_run_get_style(gw_block_get_run(styled, 4))->font, "Times New Roman");
        CHECK_STR("para: link", gw_run_get_link(gw_block_get_run(styled, 5)), "http://example.gov.cn/x");
        CHECK("para: javascript: is no link", gw_run_get_link(gw_block_get_run(styled, 6)) == NULL);
    }
    g_free(o);
    gw_document_free(doc);
}

/* dir="rtl" (on the page or a block) and CSS direction make paragraphs
 * right to left, whose text-align: left is the end side. */
static void test_direction(void)
{
    const char *page = "<html dir=\"rtl\"><body><p>א</p><p style=\"text-align:left\">ב</p>"
                       "<div dir=\"ltr\"><p>a</p><p style=\"direction: rtl\">b</p></div></body></html>";
    GwDocument *doc = read_html(page, NULL, NULL, NULL);
    CHECK_INT("dir: four paragraphs", doc ? (int) gw_document_n_blocks(doc) : 0, 4);
    if (doc && gw_document_n_blocks(doc) == 4) {
        GwParaStyle *s[4];
        for (guint i = 0; i < 4; i++)
            s[i] = gw_block_get_style(gw_document_get_block(doc, i));
        CHECK("dir: from <html>, turned back by dir=ltr, set by CSS", s[0]->rtl && s[1]->rtl && !s[2]->rtl && s[3]->rtl);
        CHECK("dir: text-align: left is the end of a right-to-left line",
              s[1]->align == GW_ALIGN_RIGHT && s[0]->align == GW_ALIGN_DEFAULT);
    }
    gw_document_free(doc);
}

static void test_entities(void)
{
    const char *page = "<body><p>A&nbspB&copy2023 &amp; &lt;tag&gt; &#150; &#12288X &hellip; &foo; &ldquo;引号&rdquo; "
                       "&#x4E2D;\n&#25991; &apos;<a href=\"?a=1&copy=2\">q</a></p></body>";
    GwDocument *doc = read_html(page, NULL, NULL, NULL);
    char *o = doc ? outline(doc) : NULL;
    CHECK("entities: as browsers decode them",
          contains(o, "A B©2023 & <tag> \xE2\x80\x93 \xE3\x80\x80X … &foo; “引号” 中文 'q"));
    GwBlock *p = doc ? gw_document_get_block(doc, 0) : NULL;
    CHECK_STR("entities: a URL's &copy= stays", p ? gw_run_get_link(gw_block_get_run(p, 1)) : NULL, "?a=1&copy=2");
    g_free(o);
    gw_document_free(doc);
}

static void test_broken_markup(void)
{
    const char *page = "<html><body><div><p>未闭合段落<p>第二段<b>粗体未闭合<div>块</span></i></div>"
                       "<table><tr><td>一<td>二<tr><td>三</table></p></p></body>尾部文字</html><p>之后";
    GError *error = NULL;
    GwDocument *doc = read_html(page, NULL, NULL, &error);
    char *o = doc ? outline(doc) : NULL;
    CHECK("broken: recovered", doc != NULL);
    CHECK("broken: text kept", contains(o, "未闭合段落") && contains(o, "第二段") && contains(o, "块"));
    GwBlock *table = doc ? first_of_kind(doc, GW_BLOCK_TABLE) : NULL;
    CHECK("broken: unclosed cells make a 2x2 table",
          table && gw_block_n_children(table) == 2 && gw_table_get_n_columns(table) == 2);
    g_free(o);
    gw_document_free(doc);
    g_clear_error(&error);

    doc = read_html("  \n ", NULL, NULL, &error);
    CHECK("broken: empty input is an error", !doc && error && error->code == GW_ERROR_FORMAT);
    g_clear_error(&error);

    GString *deep = g_string_new("<html><body>");
    for (int i = 0; i < 5000; i++)
        g_string_append(deep, "<div>");
    g_string_append(deep, "深");
    doc = read_html(deep->str, NULL, NULL, &error);
    CHECK("broken: nesting beyond the depth limit is refused", !doc && error && error->code == GW_ERROR_LIMIT);
    g_clear_error(&error);
    g_string_free(deep, TRUE);

    /* binary junk is read as best it can be, without crashing */
    char junk[4096];
    for (guint i = 0; i < sizeof junk - 1; i++)
        junk[i] = (char) (g_random_int_range(1, 256));
    junk[sizeof junk - 1] = 0;
    doc = read_html(junk, NULL, NULL, &error);
    CHECK("broken: random bytes do not crash", doc != NULL || error != NULL);
    gw_document_free(doc);
    g_clear_error(&error);
}

/* ---- tables --------------------------------------------------------------- */

static void test_tables(void)
{
    const char *page = "<body><table>"
                       "<thead><tr><th colspan=\"3\" rowspan=\"2\">表头</th><th>D</th></tr><tr><th>E</th></tr></thead>"
                       "<tr><td rowspan=\"2\">a</td><td colspan=\"2\">b<br>c</td><td>d</td></tr>"
                       "<tr><td>e</td><td>f</td><td>g</td></tr>"
                       "</table></body>";
    GwDocument *doc = read_html(page, NULL, NULL, NULL);
    GwBlock *t = doc ? first_of_kind(doc, GW_BLOCK_TABLE) : NULL;
    CHECK("table: read", t != NULL);
    if (t) {
        CHECK_INT("table: 4 columns", gw_table_get_n_columns(t), 4);
        CHECK_INT("table: 4 rows", gw_block_n_children(t), 4);
        check_span("table: header cell", cell_at(t, 0, 0), 0, 3, 2);
        check_span("table: cell beside a rowspan", cell_at(t, 1, 0), 3, 1, 1);
        check_span("table: rowspan", cell_at(t, 2, 0), 0, 1, 2);
        check_span("table: colspan", cell_at(t, 2, 1), 1, 2, 1);
        check_span("table: cell after a rowspan", cell_at(t, 3, 0), 1, 1, 1);
        CHECK("table: thead rows are header rows", gw_row_get_header(gw_block_get_child(t, 0)) &&
                                                       !gw_row_get_header(gw_block_get_child(t, 2)));
        GwBlock *p = gw_block_get_child(cell_at(t, 2, 1), 0);
        CHECK("table: <br> in a cell is a line break",
              p && gw_block_n_runs(p) == 3 && gw_run_get_kind(gw_block_get_run(p, 1)) == GW_RUN_LINE_BREAK);
    }
    gw_document_free(doc);

    const char *absurd = "<body><table>"
                         "<tr><td colspan=\"100000\">title</td></tr>"
                         "<tr><td>a</td><td colspan=\"0\">b</td><td rowspan=\"9999\">c</td></tr>"
                         "<tr><td colspan=\"-3\">d</td><td rowspan=\"0\">e</td></tr>"
                         "<tr><td>f</td></tr>"
                         "</table></body>";
    doc = read_html(absurd, NULL, NULL, NULL);
    t = doc ? first_of_kind(doc, GW_BLOCK_TABLE) : NULL;
    CHECK("table: absurd spans read", t != NULL);
    if (t) {
        CHECK_INT("table: absurd colspan clamped to the real grid", gw_table_get_n_columns(t), 3);
        check_span("table: colspan=100000", cell_at(t, 0, 0), 0, 3, 1);
        check_span("table: colspan=0 is 1", cell_at(t, 1, 1), 1, 1, 1);
        check_span("table: rowspan=9999 clamped to the last row", cell_at(t, 1, 2), 2, 1, 3);
        check_span("table: rowspan=0 runs to the end", cell_at(t, 2, 1), 1, 1, 2);
        check_span("table: negative colspan is 1", cell_at(t, 2, 0), 0, 1, 1);
    }
    gw_document_free(doc);

    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_limit(opts, GW_LIMIT_TABLE_CELLS, 5);
    GError *error = NULL;
    doc = read_html(page, NULL, opts, &error);
    CHECK("table: more cells than the limit is refused", !doc && error && error->code == GW_ERROR_LIMIT);
    g_clear_error(&error);
    gw_read_options_free(opts);

    GString *wide = g_string_new("<body><table>");
    for (int r = 0; r < 3000; r++)
        g_string_append(wide, "<tr><td colspan=\"1000\">x</td><td rowspan=\"65534\" colspan=\"1000\">y</td></tr>");
    g_string_append(wide, "</table></body>");
    gint64 start = g_get_monotonic_time();
    doc = read_html(wide->str, NULL, NULL, &error);
    CHECK("table: hostile spans are read quickly", g_get_monotonic_time() - start < 5 * G_USEC_PER_SEC);
    gw_document_free(doc);
    g_clear_error(&error);
    g_string_free(wide, TRUE);
}

/* ---- images ----------------------------------------------------------------- */

#define PNG_BASE64 "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"

static void test_images(void)
{
    char *root = g_dir_make_tmp("gw-html-XXXXXX", NULL);
    char *site = g_build_filename(root, "site", NULL), *files = g_build_filename(site, "page_files", NULL);
    g_mkdir_with_parents(files, 0700);
    char *inside = g_build_filename(files, "a.png", NULL), *outside = g_build_filename(root, "secret.png", NULL);
    char *link = g_build_filename(files, "link.png", NULL), *page = g_build_filename(site, "page.html", NULL);
    gsize png_len;
    guchar *png = g_base64_decode(PNG_BASE64, &png_len);
    g_file_set_contents(inside, (const char *) png, (gssize) png_len, NULL);
    g_file_set_contents(outside, (const char *) png, (gssize) png_len, NULL);
    g_free(png);
    CHECK("images: symlink set up", symlink(outside, link) == 0);
    char *html = g_strdup_printf(
        "<body><p>图一</p><p><img src=\"page_files/a.png\" alt=\"图\" width=\"200\"></p>"
        "<p><img src=\"page_files/%%61.png?v=1\"></p>"
        "<p><img src=\"../secret.png\"></p><p><img src=\"page_files/../../secret.png\"></p>"
        "<p><img src=\"%s\"></p><p><img src=\"file://%s\"></p><p><img src=\"http://example.gov.cn/a.png\"></p>"
        "<p><img src=\"//example.gov.cn/a.png\"></p><p><img src=\"page_files/link.png\"></p>"
        "<p><img src=\"page_files\"></p><p><img src=\"page_files/none.png\"></p>"
        "<p><img src=\"data:image/png;base64," PNG_BASE64 "\"></p>"
        "</body>",
        outside, outside);
    GwDocument *doc = read_html(html, page, NULL, NULL);
    guint images = 0;
    for (guint i = 0; doc && i < gw_document_n_blocks(doc); i++)
        images += gw_block_get_kind(gw_document_get_block(doc, i)) == GW_BLOCK_IMAGE;
    CHECK_INT("images: only the page's own folder and data: URIs", images, 3);
    GwBlock *first = doc ? first_of_kind(doc, GW_BLOCK_IMAGE) : NULL;
    GwImage *img = first ? gw_block_get_image(first) : NULL;
    double w = 0, h = 0;
    if (img)
        gw_image_get_size(img, &w, &h);
    CHECK("images: PNG with alt and CSS-pixel width", img && !strcmp(gw_image_get_mime(img), "image/png") &&
                                                          !strcmp(gw_image_get_alt(img), "图") && w == 150 && !gw_is_set(h));
    CHECK("images: left-out images noted", doc && gw_document_n_warnings(doc) == 2);
    gw_document_free(doc);
    g_free(html);
    for (char **p = (char *[]) { link, inside, outside, page, NULL }; *p; p++)
        g_unlink(*p);
    g_rmdir(files);
    g_rmdir(site);
    g_rmdir(root);
    g_free(root), g_free(site), g_free(files), g_free(inside), g_free(outside), g_free(link), g_free(page);
}

/* ---- title ---------------------------------------------------------------- */

static void test_titles(void)
{
    GwDocument *before = read_html("<head><title>网页标题_站点</title></head><body><div class=\"main\">"
                                   "<div class=\"art-title\">正文之前的标题</div><div class=\"info\">发布时间：2024-01-01</div>"
                                   "<div id=\"zoom\"><p>正文第一段，内容足够长，是文章的主体部分，应当被识别为正文，"
                                   "字数要比标题和发布时间多得多，才能让正文所在的元素占据绝大部分的文字。</p>"
                                   "<p>正文第二段，内容足够长，是文章的主体部分，应当被识别为正文，"
                                   "字数要比标题和发布时间多得多，才能让正文所在的元素占据绝大部分的文字。</p></div></div></body>",
                                   NULL, NULL, NULL);
    char *o = before ? outline(before) : NULL;
    CHECK_STR("title: the title element before the body", before ? gw_document_get_meta(before, "title") : NULL,
              "正文之前的标题");
    CHECK("title: the date line is no part of the body", o && !strstr(o, "2024-01-01"));
    g_free(o);
    gw_document_free(before);
    GwDocument *doc = read_html("<head><title>网页标题_站点</title></head><body><div class=\"main\">"
                                "<div class=\"art-title\">文章标题在正文之前</div><div class=\"info\">发布时间：2024-01-01</div>"
                                "<div id=\"zoom\"><p>正文第一段，内容足够长，是文章的主体部分，应当被识别为正文。</p>"
                                "<p>正文第二段，内容足够长，是文章的主体部分，应当被识别为正文。</p></div></div></body>",
                                NULL, NULL, NULL);
    CHECK_STR("title: a title-named element opening the body", doc ? gw_document_get_meta(doc, "title") : NULL,
              "文章标题在正文之前");
    gw_document_free(doc);
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_meta(opts, "title", "选项给的标题");
    doc = read_html("<body><h1>页面标题</h1><p>正文。</p></body>", NULL, opts, NULL);
    char *first = doc ? gw_block_get_text(gw_document_get_block(doc, 0)) : NULL;
    CHECK_STR("title: <h1> becomes the title block", first, "页面标题");
    g_free(first);
    CHECK_STR("title: the option's title wins in the metadata", doc ? gw_document_get_meta(doc, "title") : NULL,
              "选项给的标题");
    gw_document_free(doc);
    gw_read_options_free(opts);
}

/* The HTML of an MHT document (Word's altChunk form of a page). */
static char *mht(const char *data)
{
    gsize len = 0;
    char *html = gwi_mht_html(data, strlen(data), &len);
    CHECK("mht: length given", !html || len == strlen(html));
    return html;
}

/* The text-bytes limit holds for pages given in memory too. */
static void test_text_bytes_limit(void)
{
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_limit(opts, GW_LIMIT_TEXT_BYTES, 1000);
    char *page = g_strnfill(1001, 'x');
    GError *error = NULL;
    GwDocument *doc = gw_read_html(page, 1001, "big.html", opts, &error);
    CHECK("limits: a page over text-bytes is refused", !doc && error && error->code == GW_ERROR_LIMIT &&
                                                           strstr(error->message, "text-bytes"));
    g_clear_error(&error);
    gw_document_free(doc);
    doc = gw_read_html(NULL, 0, "empty.html", opts, &error);
    CHECK("limits: an empty page (no buffer at all) is refused", !doc && error && error->code == GW_ERROR_FORMAT);
    g_clear_error(&error);
    g_free(page);
    gw_read_options_free(opts);
}

/* The blocks limit: a table of 2 rows of 3 cells (one paragraph each) and
 * two list items (a paragraph each) make 1 + 2 + 6 + 6 + 2 + 2 = 19 blocks. */
static void test_blocks_limit(void)
{
    const char *page = "<body><table><tr><td>1</td><td>2</td><td>3</td></tr><tr><td>4</td><td>5</td><td>6</td></tr>"
                       "</table><ul><li>a</li><li>b</li></ul></body>";
    GwReadOptions *opts = gw_read_options_new();
    gw_read_options_set_limit(opts, GW_LIMIT_BLOCKS, 19);
    GError *error = NULL;
    GwDocument *doc = gw_read_html(page, strlen(page), "cells.html", opts, &error);
    CHECK("limits: 19 blocks within a limit of 19", doc != NULL);
    gw_document_free(doc);
    g_clear_error(&error);
    gw_read_options_set_limit(opts, GW_LIMIT_BLOCKS, 18);
    doc = gw_read_html(page, strlen(page), "cells.html", opts, &error);
    CHECK("limits: the 19th block passes a limit of 18", !doc && error && error->code == GW_ERROR_LIMIT &&
                                                             strstr(error->message, "cells.html: block 19") &&
                                                             strstr(error->message, "blocks limit (18)"));
    g_clear_error(&error);
    gw_document_free(doc);
    gw_read_options_free(opts);
}

static void test_mht(void)
{
    char *html = mht("MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"b\"\r\n\r\npreamble\r\n--b\r\n"
                     "Content-Type: image/png\r\n\r\nPNG\r\n--b\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                     "Content-Type: text/html; charset=\"gb2312\"\r\n\r\n<p>=D6=D0=\r\n=CE=C4 a=3Db</p>\r\n--b--\r\n");
    CHECK_STR("mht: the text/html part, folded header, quoted-printable GB2312 as UTF-8 with a BOM", html,
              "\xEF\xBB\xBF<p>中文 a=b</p>\r\n");
    g_free(html);
    html = mht("MIME-Version: 1.0\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\nPHA+eDwv\ncD4=\n");
    CHECK_STR("mht: a single base64 page, bare newlines", html, "<p>x</p>");
    g_free(html);
    const char *none[] = {
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nx\r\n--b--",
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n", /* no body */
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"unterminated\r\n\r\n--b\r\n",
        "MIME-Version: 1.0", "",
    };
    for (guint i = 0; i < G_N_ELEMENTS(none); i++) {
        html = mht(none[i]);
        CHECK("mht: no HTML in a message without a text/html part, or broken", html == NULL);
        g_free(html);
    }
    html = mht("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=4=G= =\r\n=");
    CHECK_STR("mht: stray '=' kept, soft breaks dropped", html, "=4=G= ");
    g_free(html);
}

int main(void)
{
    test_charsets();
    test_fixture_utf8();
    test_fixture_gbk();
    test_body_heuristic();
    test_paragraphs();
    test_direction();
    test_entities();
    test_broken_markup();
    test_tables();
    test_images();
    test_titles();
    test_mht();
    test_text_bytes_limit();
    test_blocks_limit();
    return HARNESS_RESULT();
}
