/* test-render.c: the layout engine and the PDF/PNG renderers, on documents
 * built with the model API.  Lines are inspected through the engine's
 * line_placed hook (lib/layout.h). */
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include "harness.h"
#include "layout.h"
#include "gongwen/gongwen.h"

typedef struct {
    int page;
    char *text;
} Placed;

typedef struct {
    GArray *lines; /* Placed */
    int pages;
} Record;

static cairo_t *no_draw(gpointer user, int index, double width, double height, GError **error)
{
    (void) user, (void) index, (void) width, (void) height, (void) error;
    return NULL;
}

static gboolean page_done(gpointer user, int index, cairo_t *cr, GError **error)
{
    Record *r = user;
    (void) cr, (void) error;
    r->pages = index;
    return TRUE;
}

static void line_placed(gpointer user, int index, const char *text, gsize len)
{
    Record *r = user;
    Placed p = { index, g_strndup(text, len) };
    g_array_append_val(r->lines, p);
}

static void clear_placed(gpointer p)
{
    g_free(((Placed *) p)->text);
}

/* Lay `doc` out, recording every line. */
static Record *lay_out(GwDocument *doc)
{
    static const GwiTarget target = { .begin_page = no_draw, .end_page = page_done, .line_placed = line_placed };
    Record *r = g_new0(Record, 1);
    r->lines = g_array_new(FALSE, TRUE, sizeof(Placed));
    g_array_set_clear_func(r->lines, clear_placed);
    GError *error = NULL;
    if (!gwi_layout_run(doc, &target, r, NULL, &error)) {
        printf("FAIL: layout: %s\n", error->message);
        g_error_free(error);
        harness_failed = 1;
    }
    return r;
}

static void record_free(Record *r)
{
    g_array_unref(r->lines);
    g_free(r);
}

static GwBlock *paragraph(const char *text)
{
    GwBlock *b = gw_block_new(GW_BLOCK_PARAGRAPH);
    gw_block_add_text(b, text);
    return b;
}

static char *repeat(const char *s, int n)
{
    GString *out = g_string_new(NULL);
    for (int i = 0; i < n; i++)
        g_string_append(out, s);
    return g_string_free(out, FALSE);
}

/* GB/T 9704 grid: 22 lines a page, 28 characters a line. */
static void test_grid(void)
{
    GwDocument *doc = gw_document_new();
    for (int i = 0; i < 44; i++)
        gw_document_append(doc, paragraph("一行"));
    Record *r = lay_out(doc);
    CHECK_INT("grid: 44 one-line paragraphs fill 2 pages", r->pages, 2);
    gw_document_append(doc, paragraph("一行"));
    record_free(r);
    r = lay_out(doc);
    CHECK_INT("grid: the 45th line starts page 3", r->pages, 3);
    record_free(r);
    gw_document_free(doc);

    doc = gw_document_new();
    char *text = repeat("中", 26 + 28 + 10);
    gw_document_append(doc, paragraph(text));
    g_free(text);
    r = lay_out(doc);
    CHECK_INT("grid: a paragraph of 64 characters takes 3 lines", r->lines->len, 3);
    if (r->lines->len == 3) {
        CHECK_INT("grid: first line holds 26 after the 2-character indent",
                  g_utf8_strlen(g_array_index(r->lines, Placed, 0).text, -1), 26);
        CHECK_INT("grid: a full line holds 28 characters", g_utf8_strlen(g_array_index(r->lines, Placed, 1).text, -1),
                  28);
    }
    record_free(r);
    gw_document_free(doc);
}

static const char *const no_start[] = { "，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "”", "’", "…", "·", NULL };
static const char *const no_end[] = { "（", "《", "「", "『", "“", "‘", NULL };

static gboolean starts_with_any(const char *s, const char *const *set)
{
    for (int i = 0; set[i]; i++)
        if (g_str_has_prefix(s, set[i]))
            return TRUE;
    return FALSE;
}

static gboolean ends_with_any(const char *s, const char *const *set)
{
    for (int i = 0; set[i]; i++)
        if (g_str_has_suffix(s, set[i]))
            return TRUE;
    return FALSE;
}

/* Chinese text with punctuation falling at every position of the line:
 * words of 1 to 4 characters, some opened by （《「『“‘ and closed by the
 * matching mark, followed by ，。、；：？！… or ·. */
static char *punctuated_text(guint32 seed, int n_words)
{
    static const char *const han[] = { "政", "府", "信", "息", "公", "开", "工", "作", "年", "度" };
    static const char *const close[] = { "）", "》", "」", "』", "”", "’" };
    static const char *const after[] = { "，", "。", "、", "；", "：", "？", "！", "……", "·" };
    GString *out = g_string_new(NULL);
    GRand *rand = g_rand_new_with_seed(seed);
    for (int w = 0; w < n_words; w++) {
        int quote = g_rand_int_range(rand, -4, (int) G_N_ELEMENTS(close));
        if (quote >= 0)
            g_string_append(out, no_end[quote]);
        for (int i = g_rand_int_range(rand, 1, 5); i > 0; i--)
            g_string_append(out, han[g_rand_int_range(rand, 0, G_N_ELEMENTS(han))]);
        if (quote >= 0)
            g_string_append(out, close[quote]);
        if (g_rand_boolean(rand))
            g_string_append(out, after[g_rand_int_range(rand, 0, G_N_ELEMENTS(after))]);
    }
    g_rand_free(rand);
    return g_string_free(out, FALSE);
}

static void test_kinsoku(void)
{
    GwDocument *doc = gw_document_new();
    for (guint32 seed = 1; seed <= 40; seed++) {
        char *text = punctuated_text(seed, 120);
        gw_document_append(doc, paragraph(text));
        g_free(text);
    }
    Record *r = lay_out(doc);
    int bad_start = 0, bad_end = 0;
    for (guint i = 0; i < r->lines->len; i++) {
        const char *line = g_array_index(r->lines, Placed, i).text;
        if (starts_with_any(line, no_start)) {
            if (!bad_start++)
                printf("  line starts with a closing mark: %s\n", line);
        }
        if (ends_with_any(line, no_end)) {
            if (!bad_end++)
                printf("  line ends with an opening mark: %s\n", line);
        }
    }
    CHECK("kinsoku: many lines laid out", r->lines->len > 200);
    CHECK_INT("kinsoku: no line starts with ，。、；：？！）》」』”’…·", bad_start, 0);
    CHECK_INT("kinsoku: no line ends with （《「『“‘", bad_end, 0);
    record_free(r);
    gw_document_free(doc);
}

/* ，。、；：？！． falling just past a full line hang in the margin, as in
 * Word and LibreOffice; closing brackets do not, nor any mark where the
 * paragraph says so (a DOCX's w:overflowPunct off). */
static void test_hanging_punctuation(void)
{
    static const char *const marks[] = { "，", "。", "：", "）" };
    for (guint m = 0; m < G_N_ELEMENTS(marks); m++)
        for (int inside = 0; inside <= 1; inside++) {
            char *start = repeat("测", 25), *rest = repeat("后面的文字内容", 6);
            char *text = g_strconcat(start, "试", marks[m], rest, NULL);
            GwDocument *doc = gw_document_new();
            GwBlock *b = paragraph(text);
            gw_block_get_style(b)->no_hanging_punct = inside;
            gw_document_append(doc, b);
            Record *r = lay_out(doc);
            char *end = g_strconcat("试", marks[m], NULL);
            gboolean hangs = r->lines->len > 0 && g_str_has_suffix(g_array_index(r->lines, Placed, 0).text, end);
            gboolean want = m < 3 && !inside;
            char *name = g_strdup_printf("hanging: %s past a full line %s", marks[m], want ? "hangs" : "goes down");
            CHECK(name, hangs == want);
            g_free(name);
            g_free(end);
            record_free(r);
            gw_document_free(doc);
            g_free(text);
            g_free(rest);
            g_free(start);
        }
}

/* A title whose style sets its own line spacing (a DOCX's Title style)
 * takes that, not GB/T 9704's exact pitch for titles. */
static void test_title_spacing(void)
{
    GwDocument *doc = gw_document_new();
    for (int i = 0; i < 60; i++) {
        GwBlock *b = paragraph("Title");
        b->kind = GW_BLOCK_TITLE;
        GwParaStyle *s = gw_block_get_style(b);
        s->line_multiple = 1;
        s->space_before = s->space_after = 0;
        s->run.size = 12;
        gw_document_append(doc, b);
    }
    Record *r = lay_out(doc);
    /* single lines of 12 pt: some 35 to a page of 225 mm */
    CHECK("title: single spacing from the model, whole lines", r->pages == 2);
    record_free(r);
    gw_document_free(doc);
}

static GwBlock *text_cell(guint col, guint colspan, guint rowspan, const char *text)
{
    GwBlock *cell = gw_block_new(GW_BLOCK_TABLE_CELL);
    gw_cell_set_span(cell, col, colspan, rowspan);
    gw_block_append(cell, paragraph(text));
    return cell;
}

static int count_on_page(const Record *r, int page, const char *text)
{
    int n = 0;
    for (guint i = 0; i < r->lines->len; i++) {
        const Placed *p = &g_array_index(r->lines, Placed, i);
        n += (page == 0 || p->page == page) && strcmp(p->text, text) == 0;
    }
    return n;
}

/* Two header rows with merged cells, repeated on every page; a merged body
 * cell spanning a page break keeps its text. */
static void test_table_header(void)
{
    GwDocument *doc = gw_document_new();
    gw_document_append(doc, paragraph("表前"));
    GwBlock *table = gw_block_new(GW_BLOCK_TABLE);
    GwBlock *h1 = gw_block_new(GW_BLOCK_TABLE_ROW), *h2 = gw_block_new(GW_BLOCK_TABLE_ROW);
    gw_row_set_header(h1, TRUE);
    gw_row_set_header(h2, TRUE);
    gw_block_append(h1, text_cell(0, 1, 2, "序号"));
    gw_block_append(h1, text_cell(1, 2, 1, "申请情况"));
    gw_block_append(h2, text_cell(1, 1, 1, "自然人"));
    gw_block_append(h2, text_cell(2, 1, 1, "法人"));
    gw_block_append(table, h1);
    gw_block_append(table, h2);
    for (int i = 0; i < 90; i++) {
        GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
        char a[16], b[16], c[16];
        g_snprintf(a, sizeof a, "行%d", i);
        g_snprintf(b, sizeof b, "甲%d", i);
        g_snprintf(c, sizeof c, "乙%d", i);
        /* Every tenth row starts a cell merged with the row below. */
        if (i % 10 != 6)
            gw_block_append(row, text_cell(0, 1, i % 10 == 5 ? 2 : 1, a));
        gw_block_append(row, text_cell(1, 1, 1, b));
        gw_block_append(row, text_cell(2, 1, 1, c));
        gw_block_append(table, row);
    }
    gw_document_append(doc, table);
    Record *r = lay_out(doc);
    CHECK("table: spans several pages", r->pages >= 2);
    gboolean header_everywhere = TRUE;
    for (int page = 1; page <= r->pages; page++)
        header_everywhere &= count_on_page(r, page, "申请情况") == 1 && count_on_page(r, page, "序号") == 1 &&
                             count_on_page(r, page, "法人") == 1;
    CHECK("table: merged header rows repeated on every page", header_everywhere);
    int lost = 0;
    for (int i = 0; i < 90; i++) {
        char a[16], c[16];
        g_snprintf(a, sizeof a, "行%d", i);
        g_snprintf(c, sizeof c, "乙%d", i);
        lost += count_on_page(r, 0, a) != (i % 10 != 6) || count_on_page(r, 0, c) != 1;
    }
    CHECK_INT("table: every body cell placed exactly once", lost, 0);
    record_free(r);
    gw_document_free(doc);
}

/* A row taller than a page is split between lines. */
static void test_tall_row(void)
{
    GwDocument *doc = gw_document_new();
    GwBlock *table = gw_block_new(GW_BLOCK_TABLE);
    GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
    GwBlock *cell = gw_block_new(GW_BLOCK_TABLE_CELL);
    gw_cell_set_span(cell, 0, 1, 1);
    for (int i = 0; i < 120; i++) {
        char text[16];
        g_snprintf(text, sizeof text, "第%d段", i);
        gw_block_append(cell, paragraph(text));
    }
    gw_block_append(row, cell);
    gw_block_append(row, text_cell(1, 1, 1, "旁"));
    gw_block_append(table, row);
    gw_document_append(doc, table);
    Record *r = lay_out(doc);
    CHECK("tall row: split over pages", r->pages >= 3);
    int lost = 0, last_page = 0, backwards = 0;
    for (int i = 0; i < 120; i++) {
        char text[16];
        g_snprintf(text, sizeof text, "第%d段", i);
        lost += count_on_page(r, 0, text) != 1;
    }
    for (guint i = 0; i < r->lines->len; i++) {
        const Placed *p = &g_array_index(r->lines, Placed, i);
        if (g_str_has_prefix(p->text, "第")) {
            backwards += p->page < last_page;
            last_page = p->page;
        }
    }
    CHECK_INT("tall row: every line placed exactly once", lost, 0);
    CHECK_INT("tall row: lines in order across pages", backwards, 0);
    record_free(r);
    gw_document_free(doc);
}

/* ---- documents that set their own layout (as a DOCX does) ---------------- */

/* A Letter page with one-inch margins (a type area 468 x 648 pt) and a line
 * grid of `pitch` points (0: none). */
static GwDocument *letter_document(double pitch)
{
    GwDocument *doc = gw_document_new();
    GwPageSetup *page = gw_document_get_page(doc);
    page->width = 612;
    page->height = 792;
    page->margin_top = page->margin_bottom = page->margin_left = page->margin_right = 72;
    page->line_pitch = pitch;
    return doc;
}

/* A 12 pt paragraph, left aligned, no indents or spacing, lines `exact`
 * points apart (0: single lines). */
static GwBlock *set_paragraph(const char *text, double exact)
{
    GwBlock *b = paragraph(text);
    GwParaStyle *s = gw_block_get_style(b);
    s->align = GW_ALIGN_LEFT;
    s->indent_first = s->indent_left = s->indent_right = s->space_before = s->space_after = 0;
    s->run.size = 12;
    if (exact > 0)
        s->line_exact = exact;
    else
        s->line_multiple = 1;
    return b;
}

static void append_lines(GwDocument *doc, int n, double exact)
{
    for (int i = 0; i < n; i++)
        gw_document_append(doc, set_paragraph("一行", exact));
}

/* The page of the first line that holds `text`, 0 when none. */
static int page_of(const Record *r, const char *text)
{
    for (guint i = 0; i < r->lines->len; i++)
        if (strstr(g_array_index(r->lines, Placed, i).text, text))
            return g_array_index(r->lines, Placed, i).page;
    return 0;
}

static void test_page_grid(void)
{
    GwDocument *doc = letter_document(20);
    append_lines(doc, 32, 0);
    Record *r = lay_out(doc);
    CHECK_INT("page grid: 32 rows of 20 pt fill a 648 pt page", r->pages, 1);
    record_free(r);
    gw_document_append(doc, set_paragraph("一行", 40));
    r = lay_out(doc);
    CHECK_INT("page grid: the 33rd line, exact spacing ignored, starts page 2", r->pages, 2);
    record_free(r);
    gw_document_free(doc);

    doc = letter_document(20);
    for (int i = 0; i < 17; i++) {
        GwBlock *b = set_paragraph("一行", 40);
        gw_block_get_style(b)->off_grid = TRUE;
        gw_document_append(doc, b);
    }
    r = lay_out(doc);
    CHECK_INT("page grid: off the grid, 17 exact lines of 40 pt take 2 pages", r->pages, 2);
    record_free(r);
    gw_document_free(doc);
}

static void test_widow_control(void)
{
    for (int control = 0; control < 2; control++) {
        GwDocument *doc = letter_document(0);
        append_lines(doc, 31, 20);
        char *text = repeat("段", 100); /* 39 to a line: 3 lines */
        GwBlock *b = set_paragraph(text, 20);
        g_free(text);
        gw_block_get_style(b)->widow_control = control;
        gw_document_append(doc, b);
        Record *r = lay_out(doc);
        CHECK_INT(control ? "widows: a 3-line paragraph with widow control moves whole"
                          : "widows: without widow control its first line stays",
                  page_of(r, "段"), control ? 2 : 1);
        record_free(r);
        gw_document_free(doc);
    }
}

static void test_continuous_section(void)
{
    for (int continuous = 0; continuous < 2; continuous++) {
        GwDocument *doc = letter_document(0);
        append_lines(doc, 2, 20);
        GwBlock *section = gw_block_new(GW_BLOCK_SECTION);
        *gw_block_get_page(section) = *gw_document_get_page(doc);
        gw_block_get_page(section)->continuous = continuous;
        gw_document_append(doc, section);
        append_lines(doc, 2, 20);
        Record *r = lay_out(doc);
        CHECK_INT(continuous ? "sections: a continuous section goes on on the page" : "sections: a section starts a page",
                  r->pages, continuous ? 1 : 2);
        record_free(r);
        gw_document_free(doc);
    }
}

static GwRun *add_note(GwBlock *b, const char *text, gboolean endnote)
{
    GwRun *note = gw_run_new(GW_RUN_NOTE, NULL);
    gw_run_set_endnote(note, endnote);
    gw_run_append_note_block(note, set_paragraph(text, 0));
    gw_block_append_run(b, note);
    return note;
}

static void test_notes(void)
{
    GwDocument *doc = letter_document(0);
    append_lines(doc, 31, 20);
    GwBlock *b = set_paragraph("引用", 20);
    add_note(b, "脚注正文", FALSE);
    add_note(b, "尾注正文", TRUE);
    gw_document_append(doc, b);
    append_lines(doc, 3, 20);
    Record *r = lay_out(doc);
    CHECK_INT("notes: a line whose footnote does not fit below it moves on", page_of(r, "引用"), 2);
    CHECK_INT("notes: the footnote on its reference's page", page_of(r, "脚注正文"), 2);
    CHECK_INT("notes: the footnote's text after its mark", page_of(r, "1\t脚注正文"), 2);
    CHECK_INT("notes: endnotes on a page of their own", page_of(r, "尾注正文"), 3);
    record_free(r);
    gw_document_free(doc);
}

static void test_row_split(void)
{
    GwDocument *doc = letter_document(0);
    append_lines(doc, 30, 20);
    GwBlock *table = gw_block_new(GW_BLOCK_TABLE);
    GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
    GwBlock *cell = gw_block_new(GW_BLOCK_TABLE_CELL);
    gw_cell_set_span(cell, 0, 1, 1);
    for (int i = 0; i < 6; i++)
        gw_block_append(cell, set_paragraph(i ? "后行" : "首行", 20));
    gw_block_append(row, cell);
    gw_block_append(table, row);
    gw_document_append(doc, table);
    Record *r = lay_out(doc);
    CHECK("rows: a row that does not fit breaks across pages", page_of(r, "首行") == 1 && page_of(r, "后行") >= 1 &&
                                                                 r->pages == 2 && count_on_page(r, 2, "后行") >= 1);
    record_free(r);
    gw_document_free(doc);
}

/* A picture gongwen cannot draw (an EMF chart) keeps the place its drawing
 * gives it: 630 pt of the 638 pt type area push the line after it onto the
 * next page. */
static void test_undrawn_picture(void)
{
    static const char emf[44] = { 1, 0, 0, 0, [40] = ' ', 'E', 'M', 'F' };
    GwDocument *doc = gw_document_new();
    GBytes *bytes = g_bytes_new_static(emf, sizeof emf);
    GwBlock *picture = gw_block_new(GW_BLOCK_IMAGE);
    gw_block_set_image(picture, gw_image_new(bytes, "image/x-emf", 400, 630));
    g_bytes_unref(bytes);
    gw_document_append(doc, picture);
    gw_document_append(doc, paragraph("后文后文后文"));
    Record *r = lay_out(doc);
    CHECK_INT("undrawn picture: its place is kept", page_of(r, "后文"), 2);
    CHECK("undrawn picture: a notice says so", gw_document_n_warnings(doc) >= 1 &&
                                                   strstr(gw_document_get_warning(doc, 0), "its place is left blank"));
    record_free(r);
    gw_document_free(doc);
}

static void test_missing_font(void)
{
    GwDocument *doc = gw_document_new();
    GwBlock *b = paragraph("正文");
    GwRun *run = gw_block_add_text(b, "方正姚体的字");
    gw_run_get_style(run)->font_ea = g_strdup("方正不存在体");
    gw_document_append(doc, b);
    Record *r = lay_out(doc);
    gboolean named = FALSE;
    for (guint i = 0; i < gw_document_n_warnings(doc); i++)
        named |= strstr(gw_document_get_warning(doc, i), "方正不存在体") != NULL;
    CHECK("fonts: a missing font is a warning naming it", named);
    record_free(r);
    gw_document_free(doc);
    /* a paragraph style's East Asian font that has no Chinese (a DOCX that
     * names its Latin font there): the role's face instead, with a note */
    doc = gw_document_new();
    b = paragraph("正文");
    gw_block_get_style(b)->run.font_ea = g_strdup("Liberation Serif");
    gw_document_append(doc, b);
    r = lay_out(doc);
    named = FALSE;
    for (guint i = 0; i < gw_document_n_warnings(doc); i++)
        named |= strstr(gw_document_get_warning(doc, i), "Liberation Serif") != NULL;
    CHECK("fonts: a paragraph's font without Chinese is a warning naming it", named);
    record_free(r);
    gw_document_free(doc);
}

/* A DOCX-style footer with live PAGE and NUMPAGES fields. */
static void test_footer_fields(void)
{
    GwDocument *doc = gw_document_new();
    for (int i = 0; i < 50; i++)
        gw_document_append(doc, paragraph("正文"));
    GwBlock *footer = paragraph("第");
    GwRun *page = gw_run_new(GW_RUN_FIELD, "1"), *total = gw_run_new(GW_RUN_FIELD, "1");
    gw_run_set_field(page, GW_FIELD_PAGE);
    gw_run_set_field(total, GW_FIELD_NUMPAGES);
    gw_block_append_run(footer, page);
    gw_block_add_text(footer, "页共");
    gw_block_append_run(footer, total);
    gw_block_add_text(footer, "页");
    GwPageSetup *setup = gw_document_get_page(doc);
    setup->footer[0] = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    g_ptr_array_add(setup->footer[0], footer);
    Record *r = lay_out(doc);
    CHECK_INT("footer: 50 lines make 3 pages", r->pages, 3);
    CHECK_INT("footer: page 1 of 3", count_on_page(r, 1, "第1页共3页"), 1);
    CHECK_INT("footer: page 3 of 3", count_on_page(r, 3, "第3页共3页"), 1);
    record_free(r);
    /* a field's own number format (a DOCX field's \\* switch) */
    gw_run_set_field_format(page, "chineseCounting");
    gw_run_set_field_format(total, "upperRoman");
    r = lay_out(doc);
    CHECK_INT("footer: fields in their own formats", count_on_page(r, 2, "第二页共III页"), 1);
    record_free(r);
    gw_document_free(doc);
}

static gboolean file_starts_with(const char *path, const char *magic)
{
    char *data = NULL;
    gsize len = 0;
    gboolean ok = g_file_get_contents(path, &data, &len, NULL) && len > strlen(magic) &&
                  memcmp(data, magic, strlen(magic)) == 0;
    g_free(data);
    return ok;
}

/* The face gongwen's fontconfig configuration gives a family, and whether
 * it is asked for in bold (a title's heavy Song). */
static char *face_for(const char *family, gboolean *bold)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *) family);
    FcPatternAddString(pat, FC_LANG, (const FcChar8 *) "zh-cn");
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    int weight = 0;
    *bold = FcPatternGetInteger(pat, FC_WEIGHT, 0, &weight) == FcResultMatch && weight >= FC_WEIGHT_BOLD;
    FcResult result;
    FcPattern *font = FcFontMatch(NULL, pat, &result);
    FcChar8 *name = NULL;
    char *face = font && FcPatternGetString(font, FC_FAMILY, 0, &name) == FcResultMatch ? g_strdup((char *) name) : NULL;
    if (font)
        FcPatternDestroy(font);
    FcPatternDestroy(pat);
    return face;
}

/* The names Chinese documents give their fonts take the installed face of
 * their role: Windows, 华文 and Founder (方正) names, Chinese and English. */
static void test_font_names(void)
{
    static const struct {
        const char *family, *face;
        gboolean bold;
    } names[] = {
        { "仿宋_GB2312", "AR PL SungtiL GB", FALSE },     { "方正仿宋_GBK", "AR PL SungtiL GB", FALSE },
        { "FZFangSong-Z02S", "AR PL SungtiL GB", FALSE }, { "宋体-方正超大字符集", "AR PL SungtiL GB", FALSE },
        { "楷体_GB2312", "AR PL KaitiM GB", FALSE },      { "FZKai-Z03S", "AR PL KaitiM GB", FALSE },
        { "隶书", "AR PL KaitiM GB", FALSE },             { "华文行楷", "AR PL KaitiM GB", FALSE },
        { "黑体", "WenQuanYi Zen Hei", FALSE },           { "FZHei-B01S", "WenQuanYi Zen Hei", FALSE },
        { "等线 Light", "WenQuanYi Zen Hei", FALSE },     { "幼圆", "WenQuanYi Zen Hei", FALSE },
        { "方正小标宋简体", "AR PL SungtiL GB", TRUE },   { "方正大标宋简体", "AR PL SungtiL GB", TRUE },
        { "FZXiaoBiaoSong-B05S", "AR PL SungtiL GB", TRUE }, { "华文中宋", "AR PL SungtiL GB", TRUE },
    };
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        gboolean bold = FALSE;
        char *face = face_for(names[i].family, &bold);
        char *what = g_strdup_printf("font names: %s is %s%s", names[i].family, names[i].face, names[i].bold ? ", bold" : "");
        CHECK(what, face && strcmp(face, names[i].face) == 0 && bold == names[i].bold);
        g_free(what);
        g_free(face);
    }
}

/* Page 1 drawn at a pixel a point, kept for its pixels. */
static cairo_t *draw_first_page(gpointer user, int index, double width, double height, GError **error)
{
    cairo_surface_t **page = user;
    (void) error;
    if (index != 1)
        return NULL;
    *page = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int) width, (int) height);
    cairo_t *cr = cairo_create(*page);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    return cr;
}

static gboolean end_drawn_page(gpointer user, int index, cairo_t *cr, GError **error)
{
    (void) user, (void) index, (void) error;
    if (cr)
        cairo_destroy(cr);
    return TRUE;
}

/* The dark pixels of column x from row y0 to y1 (exclusive). */
static int dark_in_column(cairo_surface_t *page, int x, int y0, int y1)
{
    cairo_surface_flush(page);
    const unsigned char *data = cairo_image_surface_get_data(page);
    int stride = cairo_image_surface_get_stride(page), n = 0;
    for (int y = y0; y < y1; y++)
        n += (((const guint32 *) (data + (gsize) y * stride))[x] & 0xFF) < 128;
    return n;
}

/* Paragraphs with the same four borders (w:pBdr) share one box: the side
 * rules run down the left and right of all their lines, through the space
 * between them, a border's space outside the indents. */
static void test_side_borders(void)
{
    GwDocument *doc = letter_document(0);
    for (int i = 0; i < 3; i++) {
        GwBlock *b = set_paragraph("一行", 20);
        GwParaStyle *s = gw_block_get_style(b);
        s->border_top = s->border_bottom = s->border_left = s->border_right = (GwBorder){ 2, -1 };
        s->border_space_left = s->border_space_right = 10;
        s->space_before = 12;
        gw_document_append(doc, b);
    }
    static const GwiTarget target = { .begin_page = draw_first_page, .end_page = end_drawn_page };
    cairo_surface_t *page = NULL;
    GError *error = NULL;
    CHECK("side borders: laid out", gwi_layout_run(doc, &target, &page, NULL, &error) && page);
    if (page) {
        /* the box: 72 pt margin, 10 pt space, a 2 pt rule; three 20 pt lines, 1 pt top rule, two 12 pt spaces */
        int left = 72 - 10 - 1, right = 612 - 72 + 10, top = 72 + 12 + 2, bottom = top + 3 * 20 + 2 * 12;
        CHECK_INT("side borders: the left rule runs down the whole box", dark_in_column(page, left, top, bottom),
                  bottom - top);
        CHECK_INT("side borders: the right rule too", dark_in_column(page, right, top, bottom), bottom - top);
        CHECK_INT("side borders: nothing beside the box", dark_in_column(page, left - 3, 0, 792), 0);
        cairo_surface_destroy(page);
    }
    g_clear_error(&error);
    gw_document_free(doc);
}

/* Whether row y of the page has a dark pixel between columns x0 and x1. */
static gboolean dark_in_row(cairo_surface_t *page, int y, int x0, int x1)
{
    for (int x = x0; x < x1; x++)
        if (dark_in_column(page, x, y, y + 1))
            return TRUE;
    return FALSE;
}

/* The first row of page 1 from `y0` down with a dark pixel between columns
 * x0 and x1, or -1. */
static int first_dark_row(cairo_surface_t *page, int x0, int x1, int y0)
{
    for (int y = y0; y < cairo_image_surface_get_height(page); y++)
        if (dark_in_row(page, y, x0, x1))
            return y;
    return -1;
}

/* The last row of page 1 with a dark pixel between columns x0 and x1, or -1. */
static int last_dark_row(cairo_surface_t *page, int x0, int x1)
{
    for (int y = cairo_image_surface_get_height(page) - 1; y >= 0; y--)
        if (dark_in_row(page, y, x0, x1))
            return y;
    return -1;
}

/* Page 1 of a document of one 16 pt paragraph, its text in `mark`. */
static cairo_surface_t *draw_marked(GwEmphasis mark)
{
    GwDocument *doc = letter_document(0);
    GwBlock *b = set_paragraph("", 0);
    GwRun *run = gw_block_add_text(b, "着重号标在字上");
    gw_run_get_style(run)->size = 16;
    gw_run_get_style(run)->emphasis = (gint8) mark;
    gw_document_append(doc, b);
    gw_document_append(doc, set_paragraph("下一行", 0));
    static const GwiTarget target = { .begin_page = draw_first_page, .end_page = end_drawn_page };
    cairo_surface_t *page = NULL;
    GError *error = NULL;
    if (!gwi_layout_run(doc, &target, &page, NULL, &error))
        g_clear_error(&error);
    gw_document_free(doc);
    return page;
}

/* Emphasis marks (着重号): a dot above each character, or below, the line
 * made taller to hold them. */
static void test_emphasis_marks(void)
{
    cairo_surface_t *plain = draw_marked(GW_EMPHASIS_NONE), *above = draw_marked(GW_EMPHASIS_DOT);
    cairo_surface_t *below = draw_marked(GW_EMPHASIS_UNDER_DOT);
    CHECK("emphasis: drawn", plain && above && below);
    if (plain && above && below) {
        /* the text's top, and the bottom of the next paragraph's line */
        int top = first_dark_row(plain, 72, 200, 0), bottom = last_dark_row(plain, 72, 200);
        int mark_top = first_dark_row(above, 72, 200, 0), gap = -1;
        for (int y = mark_top + 1; mark_top > 0 && y <= mark_top + 6 && gap < 0; y++)
            if (!dark_in_row(above, y, 72, 200))
                gap = y; /* a dot is two or three pixels high, a character's strokes some fifteen */
        CHECK("emphasis: dots above the characters, the line lower for them",
              top > 0 && gap > 0 && first_dark_row(above, 72, 200, gap) > top);
        CHECK("emphasis: dots below push the next line down", bottom > 0 && last_dark_row(below, 72, 200) > bottom);
    }
    cairo_surface_t *pages[] = { plain, above, below };
    for (guint i = 0; i < G_N_ELEMENTS(pages); i++)
        if (pages[i])
            cairo_surface_destroy(pages[i]);
}

static void test_outputs(void)
{
    GwDocument *doc = gw_document_new();
    GwBlock *title = gw_block_new(GW_BLOCK_TITLE);
    gw_block_add_text(title, "测试标题");
    gw_document_append(doc, title);
    for (int i = 0; i < 30; i++)
        gw_document_append(doc, paragraph("一段正文，用来填满两页。"));
    char *dir = g_dir_make_tmp("gw-render-XXXXXX", NULL);
    char *pdf = g_build_filename(dir, "out.pdf", NULL);
    char *png = g_build_filename(dir, "page.png", NULL);
    char *png1 = g_build_filename(dir, "page-1.png", NULL), *png2 = g_build_filename(dir, "page-2.png", NULL);
    GwRenderOptions *o = gw_render_options_new();
    GError *error = NULL;
    int n = 0;
    CHECK("pdf: renders", gw_render_pdf(doc, pdf, o, &n, &error));
    CHECK_INT("pdf: two pages", n, 2);
    CHECK("pdf: a PDF file", file_starts_with(pdf, "%PDF-"));
    CHECK("png: all pages", gw_render_png(doc, png, o, &n, &error));
    CHECK("png: page-1.png and page-2.png", file_starts_with(png1, "\x89PNG") && file_starts_with(png2, "\x89PNG"));
    gw_render_options_set_page(o, 2);
    gw_render_options_set_dpi(o, 30);
    CHECK("png: one page", gw_render_png(doc, png, o, &n, &error) && file_starts_with(png, "\x89PNG"));
    gw_render_options_set_page(o, 3);
    CHECK("png: a page past the end is an error", !gw_render_png(doc, png, o, &n, &error) && error);
    g_clear_error(&error);
    gw_render_options_free(o);
    const char *files[] = { pdf, png, png1, png2 };
    for (guint i = 0; i < G_N_ELEMENTS(files); i++)
        g_unlink(files[i]);
    g_rmdir(dir);
    g_free(pdf);
    g_free(png);
    g_free(png1);
    g_free(png2);
    g_free(dir);
    gw_document_free(doc);
}

int main(void)
{
    GError *error = NULL;
    if (!gw_fonts_init(&error)) {
        printf("FAIL: fonts: %s\n", error->message);
        return 1;
    }
    test_grid();
    test_kinsoku();
    test_hanging_punctuation();
    test_title_spacing();
    test_table_header();
    test_tall_row();
    test_page_grid();
    test_widow_control();
    test_side_borders();
    test_font_names();
    test_emphasis_marks();
    test_continuous_section();
    test_notes();
    test_row_split();
    test_missing_font();
    test_undrawn_picture();
    test_footer_fields();
    test_outputs();
    return HARNESS_RESULT();
}
