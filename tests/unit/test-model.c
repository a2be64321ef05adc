/* test-model.c: the document model: ownership, traversal, tables, metadata. */
#include "gongwen/gongwen.h"
#include "harness.h"

static gboolean count_enter(GwBlock *b, int depth, gpointer user)
{
    int *counts = user;
    counts[0]++;
    if (depth > counts[1])
        counts[1] = depth;
    return gw_block_get_kind(b) != GW_BLOCK_QUOTE; /* skip quotes' children */
}

static void test_metadata(void)
{
    GwDocument *doc = gw_document_new();
    gw_document_set_meta(doc, "title", "标题");
    gw_document_set_meta(doc, "title", "新标题");
    CHECK_STR("meta replaced", gw_document_get_meta(doc, "title"), "新标题");
    gw_document_set_meta(doc, "title", NULL);
    CHECK("meta removed", gw_document_get_meta(doc, "title") == NULL);
    gw_document_set_custom(doc, "文号", "穗埔府规〔2021〕18号");
    gw_document_set_custom(doc, "状态", "有效");
    gw_document_set_custom(doc, "文号", "穗埔府规〔2021〕19号");
    const char *name, *value;
    gw_document_get_custom(doc, 0, &name, &value);
    CHECK_INT("custom count", gw_document_n_custom(doc), 2);
    CHECK_STR("custom keeps order and replaces", value, "穗埔府规〔2021〕19号");
    gw_document_add_warning(doc, "%s: read as %s", "a.txt", "GB18030");
    CHECK_STR("warning formatted", gw_document_get_warning(doc, 0), "a.txt: read as GB18030");
    CHECK("page unset means A4", !gw_is_set(gw_document_get_page(doc)->width));
    gw_document_free(doc);
}

static void test_text_and_walk(void)
{
    GwDocument *doc = gw_document_new();
    GwBlock *h = gw_block_new(GW_BLOCK_HEADING);
    gw_block_set_level(h, 12);
    CHECK_INT("level clamped", gw_block_get_level(h), 9);
    gw_block_add_text(h, "一、总体情况");
    gw_document_append(doc, h);
    GwBlock *p = gw_block_new(GW_BLOCK_PARAGRAPH);
    GwRun *lead = gw_block_add_text(p, "（一）加强领导。");
    gw_run_set_lead(lead, TRUE);
    gw_block_append_run(p, gw_run_new(GW_RUN_TAB, NULL));
    gw_block_add_text(p, "正文");
    gw_document_append(doc, p);
    char *text = gw_block_get_text(p);
    CHECK_STR("paragraph text with tab", text, "（一）加强领导。\t正文");
    g_free(text);
    CHECK("lead flag", gw_run_get_lead(gw_block_get_run(p, 0)));

    GwBlock *quote = gw_block_new(GW_BLOCK_QUOTE);
    gw_block_append(quote, gw_block_new(GW_BLOCK_PARAGRAPH));
    gw_document_append(doc, quote);
    int counts[2] = { 0, 0 };
    gw_document_walk(doc, count_enter, NULL, counts);
    CHECK_INT("walk visits, skipping quote children", counts[0], 3);
    gw_document_free(doc);
}

static void test_table(void)
{
    GwBlock *t = gw_block_new(GW_BLOCK_TABLE);
    double widths[] = { 100, GW_UNSET, 50 };
    gw_table_set_columns(t, 3, widths);
    const char *head[] = { "信息内容", "本年制发件数", "现行有效件数" };
    GwBlock *row = gw_table_add_text_row(t, TRUE, 3, head);
    CHECK("header row", gw_row_get_header(row));
    GwBlock *cell = gw_block_get_child(row, 0);
    gw_cell_set_span(cell, 0, 0, 2);
    guint col, cs, rs;
    gw_cell_get_span(cell, &col, &cs, &rs);
    CHECK("span floor is 1", cs == 1 && rs == 2);
    CHECK("unset width", !gw_is_set(gw_table_get_column_width(t, 1)));
    CHECK("width", gw_table_get_column_width(t, 0) == 100);
    char *text = gw_block_get_text(t);
    CHECK_STR("table text", text, "信息内容\n本年制发件数\n现行有效件数");
    g_free(text);
    gw_block_free(t);
}

/* A million nested quotes: freeing and walking must not recurse. */
static void test_deep_nesting(void)
{
    GwDocument *doc = gw_document_new();
    GwBlock *outer = gw_block_new(GW_BLOCK_QUOTE);
    gw_document_append(doc, outer);
    for (int i = 0; i < 1000000; i++) {
        GwBlock *inner = gw_block_new(GW_BLOCK_LIST_ITEM);
        gw_block_append(outer, inner);
        outer = inner;
    }
    int counts[2] = { 0, 0 };
    gw_document_walk(doc, count_enter, NULL, counts);
    CHECK_INT("deep walk stops at the quote", counts[0], 1);
    gw_document_free(doc);
}

int main(void)
{
    test_metadata();
    test_text_and_walk();
    test_table();
    test_deep_nesting();
    return HARNESS_RESULT();
}
