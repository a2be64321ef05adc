/* report-check.c: finding the standard tables of an annual report in a
 * document, whatever their layout, and checking their arithmetic and the
 * figures the narrative states. */
#include <string.h>
#include "model-imp.h"
#include "outline.h"
#include "report-imp.h"

/* ---- a table as a grid of slots ---------------------------------------- */

typedef struct {
    GwBlock *cell; /* the cell covering the slot, NULL for a hole */
    char *text;    /* folded text of the cell (owned by the origin slot) */
    gboolean origin; /* the cell's top-left slot */
} Slot;

typedef struct {
    guint n_rows, n_cols;
    Slot *slots;
} Grid;

#define GRID_MAX_SLOTS 200000 /* the standard tables have a few hundred */

static Slot *slot_at(const Grid *g, guint r, guint c)
{
    return &g->slots[r * g->n_cols + c];
}

static guint row_width(GwBlock *row)
{
    guint width = 0;
    for (guint i = 0; i < gw_block_n_children(row); i++) {
        GwBlock *cell = gw_block_get_child(row, i);
        width = MAX(width, cell->col + cell->colspan);
    }
    return width;
}

/* Lays the cells out as the model says (each at its `col`), moving a cell
 * that would overlap an earlier one to the next free slot. */
static gboolean grid_build(Grid *g, GwBlock *table)
{
    g->n_rows = gw_block_n_children(table);
    g->n_cols = table->n_cols;
    for (guint r = 0; r < g->n_rows; r++)
        g->n_cols = MAX(g->n_cols, row_width(gw_block_get_child(table, r)));
    if (g->n_rows == 0 || g->n_cols == 0 || (guint64) g->n_rows * g->n_cols > GRID_MAX_SLOTS)
        return FALSE;
    g->slots = g_new0(Slot, (gsize) g->n_rows * g->n_cols);
    for (guint r = 0; r < g->n_rows; r++) {
        GwBlock *row = gw_block_get_child(table, r);
        guint next = 0;
        for (guint i = 0; i < gw_block_n_children(row); i++) {
            GwBlock *cell = gw_block_get_child(row, i);
            guint col = MAX(cell->col, next);
            while (col < g->n_cols && slot_at(g, r, col)->cell)
                col++;
            if (col >= g->n_cols)
                break;
            guint c_end = MIN(col + cell->colspan, g->n_cols), r_end = MIN(r + cell->rowspan, g->n_rows);
            char *raw = gw_block_get_text(cell);
            Slot *origin = slot_at(g, r, col);
            origin->origin = TRUE;
            origin->text = gwi_report_fold(raw);
            g_free(raw);
            for (guint rr = r; rr < r_end; rr++)
                for (guint cc = col; cc < c_end; cc++)
                    if (!slot_at(g, rr, cc)->cell) {
                        slot_at(g, rr, cc)->cell = cell;
                        slot_at(g, rr, cc)->text = origin->text; /* borrowed */
                    }
            next = c_end;
        }
    }
    return TRUE;
}

static void grid_clear(Grid *g)
{
    for (guint i = 0; g->slots && i < g->n_rows * g->n_cols; i++)
        if (g->slots[i].origin)
            g_free(g->slots[i].text);
    g_free(g->slots);
}

static const char *slot_text(const Grid *g, guint r, guint c)
{
    const char *t = slot_at(g, r, c)->text;
    return t ? t : "";
}

/* Whether the cell at (r, c) starts in row r (a value belongs to one row). */
static gboolean starts_in_row(const Grid *g, guint r, guint c)
{
    GwBlock *cell = slot_at(g, r, c)->cell;
    return cell && (r == 0 || slot_at(g, r - 1, c)->cell != cell);
}

static gboolean grid_contains(const Grid *g, const char *keywords)
{
    for (guint i = 0; i < g->n_rows * g->n_cols; i++)
        if (g->slots[i].origin && gwi_report_matches(g->slots[i].text, keywords))
            return TRUE;
    return FALSE;
}

static guint grid_count(const Grid *g, const char *const *words, guint n)
{
    guint hits = 0;
    for (guint i = 0; i < n; i++)
        hits += grid_contains(g, words[i]);
    return hits;
}

static GwReportTable grid_kind(const Grid *g)
{
    static const char *const t3_words[] = { "本年新收", "上年结转", "予以公开", "不予公开", "无法提供", "不予处理" };
    static const char *const t2_words[] = { "规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费" };
    if (grid_count(g, t3_words, G_N_ELEMENTS(t3_words)) >= 2)
        return GW_REPORT_TABLE_3;
    if (grid_contains(g, "复议") && grid_contains(g, "诉讼") && grid_contains(g, "维持|纠正"))
        return GW_REPORT_TABLE_4;
    if (grid_count(g, t2_words, G_N_ELEMENTS(t2_words)) >= 2)
        return GW_REPORT_TABLE_2;
    return 0;
}

GwReportTable gwi_report_table_kind(GwBlock *table)
{
    Grid g = { 0 };
    GwReportTable kind = grid_build(&g, table) ? grid_kind(&g) : 0;
    grid_clear(&g);
    return kind;
}

/* ---- findings ------------------------------------------------------------- */

typedef struct {
    GwFindingSeverity severity;
    GwFindingKind kind;
    GwReportTable table;
    char *row, *column, *message;
    gint64 table_value, expected;
} Finding;

struct GwReportCheck {
    GPtrArray *findings;
    gboolean has[5];
};

static void finding_free(gpointer p)
{
    Finding *f = p;
    g_free(f->row);
    g_free(f->column);
    g_free(f->message);
    g_free(f);
}

static void add_finding(GwReportCheck *ck, GwFindingSeverity severity, GwFindingKind kind, GwReportTable table,
                        const char *row, const char *column, gint64 table_value, gint64 expected,
                        const char *fmt, ...) G_GNUC_PRINTF(9, 10);

static void add_finding(GwReportCheck *ck, GwFindingSeverity severity, GwFindingKind kind, GwReportTable table,
                        const char *row, const char *column, gint64 table_value, gint64 expected,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *detail = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *message = g_strdup_printf("%s: row %s, column %s: %s", gwi_report_section_title(table), row ? row : "-",
                                    column ? column : "-", detail);
    g_free(detail);
    for (guint i = 0; i < ck->findings->len; i++)
        if (strcmp(((Finding *) ck->findings->pdata[i])->message, message) == 0) {
            g_free(message);
            return;
        }
    Finding *f = g_new0(Finding, 1);
    *f = (Finding) { severity, kind, table, g_strdup(row), g_strdup(column), message, table_value, expected };
    g_ptr_array_add(ck->findings, f);
}

/* ---- reading a document's tables into statistics ------------------------ */

typedef struct {
    GwReportCheck *ck;
    GwReportStats *stats;       /* what the document's tables say */
    gboolean t2_2019;           /* table 二 uses the 2019 columns */
} Extract;

static void put_number(Extract *x, GwReportTable table, const char *key, guint col, const char *text)
{
    char *normal = NULL;
    GwiNumber n = gwi_report_read_number(text, table == GW_REPORT_TABLE_2, &normal);
    if (n == GWI_NUMBER_OK)
        gwi_report_stats_put(x->stats, table, key, col, normal);
    else if (n == GWI_NUMBER_BAD)
        add_finding(x->ck, GW_FINDING_WARNING, GW_FINDING_NOT_NUMBER, table, gwi_report_row_label(table, key),
                    table == GW_REPORT_TABLE_3 ? gwi_t3_columns[col] : NULL, 0, 0,
                    "'%s' is not a number; read as blank", text);
    g_free(normal);
}

/* Table 三's data columns: from the header names, else the last seven. */
static gboolean t3_columns(const Grid *g, guint header_rows, guint map[7])
{
    for (guint k = 0; k < 7; k++) {
        map[k] = G_MAXUINT;
        for (guint r = 0; r < header_rows && map[k] == G_MAXUINT; r++)
            for (guint c = 0; c < g->n_cols && map[k] == G_MAXUINT; c++)
                if (slot_at(g, r, c)->origin && strcmp(slot_text(g, r, c), gwi_t3_columns[k]) == 0)
                    map[k] = c;
        for (guint j = 0; j < k && map[k] != G_MAXUINT; j++)
            if (map[j] == map[k])
                map[k] = G_MAXUINT;
    }
    for (guint k = 0; k < 7; k++)
        if (map[k] == G_MAXUINT) {
            if (g->n_cols < 8)
                return FALSE;
            for (guint j = 0; j < 7; j++)
                map[j] = g->n_cols - 7 + j;
            break;
        }
    return TRUE;
}

static const GwiT3Row *t3_match_row(const char *label, int group, gboolean numbered)
{
    for (guint i = 0; numbered && group >= 0 && i < gwi_t3_n_rows; i++)
        if (gwi_t3_rows[i].group == group && gwi_report_matches(label, gwi_t3_rows[i].match))
            return &gwi_t3_rows[i];
    for (guint i = 0; !numbered && i < gwi_t3_n_rows; i++)
        if (gwi_t3_rows[i].kind != GWI_T3_SUB && gwi_report_matches(label, gwi_t3_rows[i].match))
            return &gwi_t3_rows[i];
    /* a numbered row outside a known group: any group, but not the bare 其他 */
    for (guint i = 0; numbered && i < gwi_t3_n_rows; i++)
        if (gwi_t3_rows[i].kind == GWI_T3_SUB && strcmp(gwi_t3_rows[i].match, "其他") != 0 &&
            gwi_report_matches(label, gwi_t3_rows[i].match))
            return &gwi_t3_rows[i];
    return NULL;
}

static int t3_match_group(const char *label)
{
    for (int i = 0; i < 4; i++)
        if (gwi_report_matches(label, gwi_t3_groups[i].match))
            return i;
    return -1;
}

/* One body row of table 三: its label cells lie left of the data columns. */
static void t3_row(Extract *x, const Grid *g, guint r, const guint map[7], guint first_data, int *group)
{
    const char *last = NULL;
    int row_group = -1;
    for (guint c = 0; c < first_data; c++) {
        if (!slot_at(g, r, c)->cell || (c > 0 && slot_at(g, r, c - 1)->cell == slot_at(g, r, c)->cell))
            continue;
        const char *t = slot_text(g, r, c);
        if (!*t)
            continue;
        if (last && t3_match_group(last) >= 0)
            row_group = t3_match_group(last);
        last = t;
    }
    if (!last)
        return;
    int level = 0;
    gboolean numbered = gwi_outline_detect(last, &level, NULL) && level == 3;
    if (numbered && row_group >= 0)
        *group = row_group;
    else if (!numbered)
        *group = t3_match_group(last);
    const GwiT3Row *def = t3_match_row(last, numbered ? *group : -1, numbered);
    if (!def)
        return;
    for (guint k = 0; k < 7; k++)
        if (starts_in_row(g, r, map[k]) && map[k] >= first_data)
            put_number(x, GW_REPORT_TABLE_3, def->key, k, slot_text(g, r, map[k]));
}

static void extract_t3(Extract *x, const Grid *g)
{
    guint header_rows = 0;
    while (header_rows < g->n_rows) {
        gboolean body = FALSE;
        for (guint c = 0; c < g->n_cols && !body; c++)
            body = gwi_report_matches(slot_text(g, header_rows, c), "本年新收|上年结转|予以公开");
        if (body)
            break;
        header_rows++;
    }
    guint map[7], first_data = G_MAXUINT;
    if (!t3_columns(g, header_rows, map))
        return;
    for (guint k = 0; k < 7; k++)
        first_data = MIN(first_data, map[k]);
    int group = -1;
    for (guint r = header_rows; r < g->n_rows; r++)
        t3_row(x, g, r, map, first_data, &group);
}

static int t4_group(const char *h)
{
    return gwi_report_matches(h, "未经复议|直接起诉") ? 1 : gwi_report_matches(h, "复议后") ? 2
                                                     : gwi_report_matches(h, "复议")       ? 0
                                                                                         : -1;
}

static int t4_result(const char *h)
{
    static const char *const words[5] = { "维持", "纠正", "其他", "尚未|未审结|审理中", "总计|合计|小计" };
    for (int i = 0; i < 5; i++)
        if (gwi_report_matches(h, words[i]))
            return i;
    return -1;
}

static guint count_numbers(const Grid *g, guint r)
{
    guint n = 0;
    for (guint c = 0; c < g->n_cols; c++)
        n += slot_at(g, r, c)->origin && gwi_report_read_number(slot_text(g, r, c), FALSE, NULL) == GWI_NUMBER_OK;
    return n;
}

/* Table 四: the data row is the last with numbers; each column's header
 * texts, top to bottom, say its block and result. */
static void extract_t4(Extract *x, const Grid *g)
{
    guint data = g->n_rows - 1;
    while (data > 0 && count_numbers(g, data) == 0)
        data--;
    guint map[15];
    guint found = 0;
    for (guint i = 0; i < 15; i++)
        map[i] = G_MAXUINT;
    for (guint c = 0; c < g->n_cols; c++) {
        GString *h = g_string_new(NULL);
        for (guint r = 0; r < data; r++)
            if (r == 0 || slot_at(g, r, c)->cell != slot_at(g, r - 1, c)->cell)
                g_string_append(h, slot_text(g, r, c));
        int block = t4_group(h->str), result = t4_result(h->str);
        if (block >= 0 && result >= 0 && map[block * 5 + result] == G_MAXUINT) {
            map[block * 5 + result] = c;
            found++;
        }
        g_string_free(h, TRUE);
    }
    if (found < 15) {
        if (g->n_cols < 15)
            return;
        for (guint i = 0; i < 15; i++)
            map[i] = g->n_cols - 15 + i;
    }
    for (guint i = 0; i < 15; i++)
        if (slot_at(g, data, map[i])->origin)
            put_number(x, GW_REPORT_TABLE_4, gwi_t4_blocks[i / 5].key, i % 5, slot_text(g, data, map[i]));
}

static const struct {
    const char *key, *match;
} t2_labels[] = {
    { "rules", "规章" }, { "normative", "规范性文件" }, { "licensing", "行政许可" },
    { "other-services", "其他对外管理服务|对外管理服务" }, { "punishment", "行政处罚" },
    { "enforcement", "行政强制" }, { "fees", "收费" }, { "procurement", "采购" },
};

/* Table 二: rows named by their first cell; values are the cells after it
 * in order.  A 信息内容 row tells the layout. */
static void extract_t2(Extract *x, const Grid *g)
{
    for (guint r = 0; r < g->n_rows; r++) {
        GPtrArray *cells = g_ptr_array_new();
        for (guint c = 0; c < g->n_cols; c++)
            if (slot_at(g, r, c)->origin)
                g_ptr_array_add(cells, (gpointer) slot_text(g, r, c));
        const char *first = cells->len ? cells->pdata[0] : "";
        if (strstr(first, "信息内容")) {
            for (guint i = 1; i < cells->len; i++)
                if (gwi_report_matches(cells->pdata[i], "新制作|上一年项目"))
                    x->t2_2019 = TRUE;
        } else if (cells->len >= 2 && g_utf8_strlen(first, -1) <= 16) {
            for (guint k = 0; k < G_N_ELEMENTS(t2_labels); k++)
                if (gwi_report_matches(first, t2_labels[k].match)) {
                    for (guint i = 1; i < cells->len && i <= 3; i++)
                        put_number(x, GW_REPORT_TABLE_2, t2_labels[k].key, i - 1, cells->pdata[i]);
                    break;
                }
        }
        g_ptr_array_free(cells, TRUE);
    }
}

typedef struct {
    Extract *x;
    gboolean found[5];
} TableWalk;

static gboolean visit_table(GwBlock *b, int depth, gpointer user)
{
    TableWalk *w = user;
    (void) depth;
    if (b->kind != GW_BLOCK_TABLE)
        return TRUE;
    Grid g = { 0 };
    if (grid_build(&g, b)) {
        GwReportTable kind = grid_kind(&g);
        if (kind == GW_REPORT_TABLE_2)
            extract_t2(w->x, &g);
        else if (kind == GW_REPORT_TABLE_3)
            extract_t3(w->x, &g);
        else if (kind == GW_REPORT_TABLE_4)
            extract_t4(w->x, &g);
        w->found[kind] = TRUE;
    }
    grid_clear(&g);
    return FALSE; /* the standard tables are not nested in each other */
}

/* ---- cell arithmetic ------------------------------------------------------ */

typedef struct {
    gint64 value;
    gboolean blank;
} Value;

/* No count in a report comes near this; clamping to it keeps every sum of a
 * table's cells far from gint64 overflow, and the identities still fail. */
#define MAX_COUNT G_GINT64_CONSTANT(1000000000000000)

static Value cell_value(const GwReportStats *s, GwReportTable table, const char *key, guint col)
{
    char **row = gwi_report_stats_row(s, table, key);
    Value v = { 0, TRUE };
    if (row && row[col]) {
        v.value = CLAMP(g_ascii_strtoll(row[col], NULL, 10), -MAX_COUNT, MAX_COUNT);
        v.blank = FALSE;
    }
    return v;
}

static Value value_add(Value a, Value b)
{
    return (Value) { a.value + b.value, a.blank && b.blank };
}

static char *value_text(Value v)
{
    return v.blank ? g_strdup("(blank)") : g_strdup_printf("%" G_GINT64_FORMAT, v.value);
}

/* ---- identities ------------------------------------------------------------ */

/* An identity of the format: Σ sign × cell = 0 when it holds. */
typedef struct {
    const char *key;
    guint col;
    int sign;
} Term;

#define MAX_TERMS 32

typedef struct {
    GwFindingKind kind;
    GwReportTable table;
    const char *row, *column; /* the total the finding names */
    const char *name;         /* the identity in words */
    const char *parts_name;
    Term terms[MAX_TERMS];    /* sums: the total first */
    guint n;
    gint64 residual;
    gboolean broken, explained;
} Identity;

static Identity *identity_add(GArray *ids, GwFindingKind kind, GwReportTable table, const char *row,
                              const char *column, const char *name, const char *parts_name)
{
    Identity id = { kind, table, row, column, name, parts_name, { { NULL, 0, 0 } }, 0, 0, FALSE, FALSE };
    g_array_append_val(ids, id);
    return &g_array_index(ids, Identity, ids->len - 1);
}

static void term_add(Identity *id, const char *key, guint col, int sign)
{
    g_return_if_fail(id->n < MAX_TERMS);
    id->terms[id->n++] = (Term) { key, col, sign };
}

static void t3_identities(GArray *ids)
{
    const GwReportTable T = GW_REPORT_TABLE_3;
    for (guint i = 0; i < gwi_t3_n_rows; i++) {
        Identity *id = identity_add(ids, GW_FINDING_ROW_SUM, T, gwi_t3_rows[i].label, gwi_t3_columns[GWI_T3_TOTAL_COL],
                                    "总计 = the six applicant columns", "the six applicant columns");
        term_add(id, gwi_t3_rows[i].key, GWI_T3_TOTAL_COL, -1);
        for (guint c = 0; c < GWI_T3_TOTAL_COL; c++)
            term_add(id, gwi_t3_rows[i].key, c, 1);
    }
    for (guint c = 0; c < 7; c++) {
        Identity *id = identity_add(ids, GW_FINDING_RESULT_SUM, T, "（七）总计", gwi_t3_columns[c],
                                    "（七）总计 = the result rows", "the result rows （一） to （六）");
        term_add(id, "total", c, -1);
        for (guint i = 0; i < gwi_t3_n_rows; i++)
            if (gwi_t3_rows[i].result)
                term_add(id, gwi_t3_rows[i].key, c, 1);
        id = identity_add(ids, GW_FINDING_BALANCE, T, "一 + 二 = 三（七）总计 + 四", gwi_t3_columns[c],
                          "一 + 二 = 三（七）总计 + 四", NULL);
        term_add(id, "new", c, 1);
        term_add(id, "carried", c, 1);
        term_add(id, "total", c, -1);
        term_add(id, "carryover", c, -1);
    }
}

static void t4_identities(GArray *ids)
{
    for (int b = 0; b < 3; b++) {
        Identity *id = identity_add(ids, GW_FINDING_BLOCK_SUM, GW_REPORT_TABLE_4, gwi_t4_blocks[b].label,
                                    gwi_t4_columns[GWI_T4_TOTAL_COL], "总计 = its four results",
                                    "结果维持, 结果纠正, 其他结果 and 尚未审结");
        term_add(id, gwi_t4_blocks[b].key, GWI_T4_TOTAL_COL, -1);
        for (guint c = 0; c < GWI_T4_TOTAL_COL; c++)
            term_add(id, gwi_t4_blocks[b].key, c, 1);
    }
}

static Value term_value(const GwReportStats *s, const Identity *id, guint i)
{
    return cell_value(s, id->table, id->terms[i].key, id->terms[i].col);
}

/* Sums: a blank total whose parts are not all zero is only a warning (some
 * reports leave 总计 cells empty), and the identities after it use the sum
 * of its parts in its place. */
static void evaluate(GwReportCheck *ck, GwReportStats *s, Identity *id)
{
    Value parts = { 0, TRUE }, all = { 0, TRUE };
    for (guint i = 0; i < id->n; i++) {
        Value v = term_value(s, id, i);
        all = value_add(all, v);
        id->residual += id->terms[i].sign * v.value;
        if (i > 0)
            parts = value_add(parts, v);
    }
    if (all.blank)
        return;
    if (id->kind != GW_FINDING_BALANCE && term_value(s, id, 0).blank) {
        if (parts.value != 0) {
            add_finding(ck, GW_FINDING_WARNING, GW_FINDING_BLANK_TOTAL, id->table, id->row, id->column, 0, parts.value,
                        "blank, but %s sum to %" G_GINT64_FORMAT, id->parts_name, parts.value);
            char *derived = g_strdup_printf("%" G_GINT64_FORMAT, parts.value);
            gwi_report_stats_put(s, id->table, id->terms[0].key, id->terms[0].col, derived);
            g_free(derived);
        }
        return;
    }
    id->broken = id->residual != 0;
}

/* One wrong cell breaks every identity it is in by the same amount: when
 * all the identities a cell is in (two or more) are broken that way, the
 * cell is the slip, and one finding names it. */
static gboolean diagnose_cell(GwReportCheck *ck, GwReportStats *s, GArray *ids, const Term *cell)
{
    guint n = 0;
    gint64 error = 0;
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < ids->len; i++) {
        Identity *id = &g_array_index(ids, Identity, i);
        for (guint t = 0; t < id->n; t++) {
            if (strcmp(id->terms[t].key, cell->key) != 0 || id->terms[t].col != cell->col)
                continue;
            gint64 e = id->residual * id->terms[t].sign;
            if (!id->broken || id->explained || (n && e != error)) {
                g_ptr_array_free(names, TRUE);
                return FALSE;
            }
            error = e;
            g_ptr_array_add(names, (gpointer) id->name);
            n++;
        }
    }
    if (n >= 2) {
        for (guint i = 0; i < ids->len; i++)
            for (guint t = 0; t < g_array_index(ids, Identity, i).n; t++) {
                const Term *x = &g_array_index(ids, Identity, i).terms[t];
                if (!strcmp(x->key, cell->key) && x->col == cell->col)
                    g_array_index(ids, Identity, i).explained = TRUE;
            }
        Identity *first = &g_array_index(ids, Identity, 0);
        gint64 value = cell_value(s, first->table, cell->key, cell->col).value;
        g_ptr_array_add(names, NULL);
        char *head = g_strjoinv(", ", (char **) names->pdata + 0);
        char *last = strrchr(head, ',');
        if (last) /* "a, b, c" -> "a, b and c" */
            *last = '\0';
        add_finding(ck, GW_FINDING_ERROR, GW_FINDING_CELL, first->table, gwi_report_row_label(first->table, cell->key),
                    first->table == GW_REPORT_TABLE_3 ? gwi_t3_columns[cell->col] : gwi_t4_columns[cell->col], value,
                    value - error, "the table has %" G_GINT64_FORMAT ", but %" G_GINT64_FORMAT " would satisfy %s and %s",
                    value, value - error, head, (const char *) names->pdata[n - 1]);
        g_free(head);
    }
    g_ptr_array_free(names, TRUE);
    return n >= 2;
}

static void report_identity(GwReportCheck *ck, const GwReportStats *s, const Identity *id)
{
    if (id->kind == GW_FINDING_BALANCE) {
        gint64 v[4];
        for (guint i = 0; i < 4; i++)
            v[i] = term_value(s, id, i).value;
        add_finding(ck, GW_FINDING_ERROR, id->kind, id->table, id->row, id->column, v[0] + v[1], v[2] + v[3],
                    "一 + 二 = %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " = %" G_GINT64_FORMAT
                    ", but 三（七）总计 + 四 = %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " = %" G_GINT64_FORMAT,
                    v[0], v[1], v[0] + v[1], v[2], v[3], v[2] + v[3]);
        return;
    }
    gint64 total = term_value(s, id, 0).value;
    add_finding(ck, GW_FINDING_ERROR, id->kind, id->table, id->row, id->column, total, total + id->residual,
                "the table has %" G_GINT64_FORMAT ", but %s sum to %" G_GINT64_FORMAT, total, id->parts_name,
                total + id->residual);
}

static void check_identities(GwReportCheck *ck, GwReportStats *s, void (*build)(GArray *))
{
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(Identity));
    build(ids);
    for (guint i = 0; i < ids->len; i++)
        evaluate(ck, s, &g_array_index(ids, Identity, i));
    for (guint i = 0; i < ids->len; i++) {
        Identity *id = &g_array_index(ids, Identity, i);
        for (guint t = 0; id->broken && !id->explained && t < id->n; t++)
            diagnose_cell(ck, s, ids, &id->terms[t]);
    }
    for (guint i = 0; i < ids->len; i++) {
        Identity *id = &g_array_index(ids, Identity, i);
        if (id->broken && !id->explained)
            report_identity(ck, s, id);
    }
    g_array_free(ids, TRUE);
}

/* ---- the narrative ---------------------------------------------------------- */

/* A figure the text states and the cells it must equal (summed).  The
 * text is folded first: half-width punctuation, no spaces, no thousands
 * commas. */
typedef struct {
    const char *pattern;  /* one capture: the number */
    GwReportTable table;
    const char *rows;     /* row keys, space-separated, summed */
    guint col_first, col_last;
    int t2_layout;        /* table 二 only: 0 any, 2021 or 2019 */
    const char *row_label, *col_label;
} NarrativeRule;

#define N "(\\d+)"
#define UNIT "[宗件个]"
#define GAP "[^,;。\\d]{0,16}?"
#define DECISION "(?:处理)?(?:决定)?(?:数量)?"
static const NarrativeRule narrative_rules[] = {
    { "(?:收到|受理|办理|新收)" GAP "政府信息公开申请(?:共计?|总计|合计)?" N UNIT, 3, "new", 6, 6, 0,
      "一、本年新收政府信息公开申请数量", "总计" },
    { "自然人(?:提出的?)?(?:申请)?" N UNIT, 3, "new", 0, 0, 0, "一、本年新收政府信息公开申请数量", "自然人" },
    { "法人(?:或|和|及)其他组织(?:提出的?)?(?:申请)?" N UNIT, 3, "new", 1, 5, 0, "一、本年新收政府信息公开申请数量",
      "法人或其他组织" },
    { "商业企业(?:申请)?" N UNIT, 3, "new", 1, 1, 0, "一、本年新收政府信息公开申请数量", "商业企业" },
    { "科研机构(?:申请)?" N UNIT, 3, "new", 2, 2, 0, "一、本年新收政府信息公开申请数量", "科研机构" },
    { "社会公益组织(?:申请)?" N UNIT, 3, "new", 3, 3, 0, "一、本年新收政府信息公开申请数量", "社会公益组织" },
    { "法律服务机构(?:申请)?" N UNIT, 3, "new", 4, 4, 0, "一、本年新收政府信息公开申请数量", "法律服务机构" },
    { "(?:上年|上一年|上年度|上一年度|\\d{4}年度?)结转" GAP N UNIT, 3, "carried", 6, 6, 0,
      "二、上年结转政府信息公开申请数量", "总计" },
    { "办结" GAP N UNIT, 3, "total", 6, 6, 0, "（七）总计", "总计" },
    { "予以公开”?" N UNIT, 3, "open", 6, 6, 0, "（一）予以公开", "总计" },
    { "部分公开”?" N UNIT, 3, "partial", 6, 6, 0, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "总计" },
    { "不予公开”?" N UNIT, 3,
      "withheld-secret withheld-law withheld-security withheld-third-party withheld-internal withheld-process "
      "withheld-enforcement withheld-query",
      6, 6, 0, "（三）不予公开", "总计" },
    { "无法提供”?" N UNIT, 3, "unable-not-held unable-to-make unable-unclear", 6, 6, 0, "（四）无法提供", "总计" },
    { "不予处理”?" N UNIT, 3,
      "rejected-petition rejected-repeated rejected-publication rejected-mass rejected-confirm", 6, 6, 0,
      "（五）不予处理", "总计" },
    { "其他处理”?" N UNIT, 3, "other-no-correction other-no-fee other-other other", 6, 6, 0, "（六）其他处理", "总计" },
    { "转(?:至|入)?下一?年度?(?:继续)?(?:办理)?" N UNIT, 3, "carryover", 6, 6, 0, "四、结转下年度继续办理", "总计" },
    { "(?:制定|制发|印发|出台)" GAP "规章" N "件", 2, "rules", 0, 0, 0, "规章", "本年制发件数" },
    { "(?:制定|制发|印发|出台)" GAP "规范性文件" N "件", 2, "normative", 0, 0, 0, "行政规范性文件", "本年制发件数" },
    { "废止" GAP "规范性文件" N "件", 2, "normative", 1, 1, 2021, "行政规范性文件", "本年废止件数" },
    { "规范性文件\\d+件,废止" N "件", 2, "normative", 1, 1, 2021, "行政规范性文件", "本年废止件数" },
    { "现行有效" GAP "规范性文件" N "件", 2, "normative", 2, 2, 2021, "行政规范性文件", "现行有效件数" },
    { "规范性文件\\d+件,废止\\d+件,现行有效" N "件", 2, "normative", 2, 2, 2021, "行政规范性文件", "现行有效件数" },
    { "行政许可" DECISION N "[件项个]", 2, "licensing", 0, 0, 2021, "行政许可", "本年处理决定数量" },
    { "行政处罚" DECISION N "[件项个]", 2, "punishment", 0, 0, 2021, "行政处罚", "本年处理决定数量" },
    { "行政强制" DECISION N "[件项个]", 2, "enforcement", 0, 0, 2021, "行政强制", "本年处理决定数量" },
    { "行政许可" DECISION N "[件项个]", 2, "licensing", 2, 2, 2019, "行政许可", "处理决定数量" },
    { "行政处罚" DECISION N "[件项个]", 2, "punishment", 2, 2, 2019, "行政处罚", "处理决定数量" },
    { "行政强制" DECISION N "[件项个]", 2, "enforcement", 2, 2, 2019, "行政强制", "处理决定数量" },
    { "行政复议(?:案件)?" N "[件宗起个]", 4, "review", 4, 4, 0, "行政复议", "总计" },
    { "行政诉讼(?:案件)?" N "[件宗起个]", 4, "litigation-direct litigation-after-review", 4, 4, 0, "行政诉讼",
      "总计" },
    { "未经复议直接起诉" N "[件宗起个]", 4, "litigation-direct", 4, 4, 0, "行政诉讼（未经复议直接起诉）", "总计" },
    { "复议后起诉" N "[件宗起个]", 4, "litigation-after-review", 4, 4, 0, "行政诉讼（复议后起诉）", "总计" },
};
#undef N
#undef UNIT
#undef GAP
#undef DECISION

/* Narrative text folded for the rules: full-width forms half-width, no
 * white space, and no comma inside a number ("1,062" → "1062"). */
static char *fold_narrative(const char *text)
{
    char *folded = gwi_report_fold(text);
    GString *out = g_string_new(NULL);
    for (const char *p = folded; *p; p++) {
        if (*p == ',' && p > folded && g_ascii_isdigit(p[-1]) && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]) &&
            g_ascii_isdigit(p[3]) && !g_ascii_isdigit(p[4]))
            continue;
        g_string_append_c(out, *p);
    }
    g_free(folded);
    return g_string_free(out, FALSE);
}

static Value rule_cells(const GwReportStats *s, const NarrativeRule *rule)
{
    Value sum = { 0, TRUE };
    char **keys = g_strsplit(rule->rows, " ", -1);
    for (char **k = keys; *k; k++)
        for (guint c = rule->col_first; c <= rule->col_last; c++)
            sum = value_add(sum, cell_value(s, rule->table, *k, c));
    g_strfreev(keys);
    return sum;
}

typedef struct {
    GwReportCheck *ck;
    const GwReportStats *stats;
    int t2_layout;
    GRegex *regex[G_N_ELEMENTS(narrative_rules)];
} Narrative;

static void check_sentence(Narrative *n, const char *text)
{
    for (guint i = 0; i < G_N_ELEMENTS(narrative_rules); i++) {
        const NarrativeRule *rule = &narrative_rules[i];
        if (!n->ck->has[rule->table] || (rule->t2_layout && rule->t2_layout != n->t2_layout))
            continue;
        GMatchInfo *m = NULL;
        g_regex_match(n->regex[i], text, 0, &m);
        for (; g_match_info_matches(m); g_match_info_next(m, NULL)) {
            char *figure = g_match_info_fetch(m, 1), *whole = g_match_info_fetch(m, 0);
            gint64 stated = g_ascii_strtoll(figure, NULL, 10);
            Value cells = rule_cells(n->stats, rule);
            if (cells.value != stated) {
                char *t = value_text(cells);
                add_finding(n->ck, GW_FINDING_ERROR, GW_FINDING_NARRATIVE, rule->table, rule->row_label,
                            rule->col_label, cells.value, stated, "the table has %s, but the text says %" G_GINT64_FORMAT
                            " 「%s」", t, stated, whole);
                g_free(t);
            }
            g_free(figure);
            g_free(whole);
        }
        g_match_info_free(m);
    }
}

static gboolean visit_text(GwBlock *b, int depth, gpointer user)
{
    (void) depth;
    if (b->kind == GW_BLOCK_TABLE)
        return FALSE;
    if (gwi_block_is_textual(b->kind)) {
        char *raw = gw_block_get_text(b);
        char *text = fold_narrative(raw);
        check_sentence(user, text);
        g_free(text);
        g_free(raw);
    }
    return TRUE;
}

static void check_narrative(GwReportCheck *ck, GwDocument *doc, const GwReportStats *s, int t2_layout)
{
    Narrative n = { ck, s, t2_layout, { NULL } };
    for (guint i = 0; i < G_N_ELEMENTS(narrative_rules); i++)
        n.regex[i] = g_regex_new(narrative_rules[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
    gw_document_walk(doc, visit_text, NULL, &n);
    for (guint i = 0; i < G_N_ELEMENTS(narrative_rules); i++)
        g_regex_unref(n.regex[i]);
}

/* ---- statistics file against the document ------------------------------- */

static void compare_rows(GwReportCheck *ck, const GwReportStats *doc_stats, const GwReportStats *file,
                         GwReportTable table, const char *key, guint width, const char *const *columns)
{
    for (guint c = 0; c < width; c++) {
        Value in_doc = cell_value(doc_stats, table, key, c), in_file = cell_value(file, table, key, c);
        if (in_doc.value == in_file.value)
            continue;
        char *a = value_text(in_doc), *b = value_text(in_file);
        add_finding(ck, GW_FINDING_ERROR, GW_FINDING_STATS, table, gwi_report_row_label(table, key),
                    columns ? columns[c] : NULL, in_doc.value, in_file.value,
                    "the table has %s, but the statistics file says %s", a, b);
        g_free(a);
        g_free(b);
    }
}

/* Tables the document has are compared with the file; tables it lacks
 * are copied from it. */
static void merge_stats(GwReportCheck *ck, GwReportStats *doc_stats, const GwReportStats *file)
{
    GwReportFormat format = gw_report_stats_get_format(file);
    for (guint i = 0; i < gwi_t3_n_rows; i++) {
        const char *key = gwi_t3_rows[i].key;
        if (!gwi_report_row_width(format, GW_REPORT_TABLE_3, key))
            continue;
        if (ck->has[GW_REPORT_TABLE_3])
            compare_rows(ck, doc_stats, file, GW_REPORT_TABLE_3, key, 7, gwi_t3_columns);
        else
            for (guint c = 0; c < 7; c++)
                gwi_report_stats_put(doc_stats, GW_REPORT_TABLE_3, key, c, gw_report_stats_get(file, GW_REPORT_TABLE_3, key, c));
    }
    for (int b = 0; b < 3; b++) {
        const char *key = gwi_t4_blocks[b].key;
        if (ck->has[GW_REPORT_TABLE_4])
            compare_rows(ck, doc_stats, file, GW_REPORT_TABLE_4, key, 5, gwi_t4_columns);
        else
            for (guint c = 0; c < 5; c++)
                gwi_report_stats_put(doc_stats, GW_REPORT_TABLE_4, key, c, gw_report_stats_get(file, GW_REPORT_TABLE_4, key, c));
    }
    guint n;
    const GwiT2Block *blocks = gwi_t2_blocks(format, &n);
    for (guint i = 0; i < n; i++)
        for (guint r = 0; r < 2 && blocks[i].rows[r].key; r++) {
            const char *key = blocks[i].rows[r].key;
            if (ck->has[GW_REPORT_TABLE_2])
                compare_rows(ck, doc_stats, file, GW_REPORT_TABLE_2, key, blocks[i].n_values, NULL);
            else
                for (guint c = 0; c < blocks[i].n_values; c++)
                    gwi_report_stats_put(doc_stats, GW_REPORT_TABLE_2, key, c, gw_report_stats_get(file, GW_REPORT_TABLE_2, key, c));
        }
    for (int t = GW_REPORT_TABLE_2; t <= GW_REPORT_TABLE_4; t++)
        ck->has[t] = TRUE;
}

/* ---- the check ------------------------------------------------------------ */

GwReportCheck *gw_report_check(GwDocument *doc, const GwReportStats *stats)
{
    GwReportCheck *ck = g_new0(GwReportCheck, 1);
    ck->findings = g_ptr_array_new_with_free_func(finding_free);
    Extract x = { ck, gw_report_stats_new(GW_REPORT_FORMAT_2021), FALSE };
    TableWalk w = { &x, { FALSE } };
    gw_document_walk(doc, visit_table, NULL, &w);
    for (int t = GW_REPORT_TABLE_2; t <= GW_REPORT_TABLE_4; t++)
        ck->has[t] = w.found[t];
    int t2_layout = x.t2_2019 ? 2019 : 2021;
    if (stats) {
        if (!ck->has[GW_REPORT_TABLE_2])
            t2_layout = gw_report_stats_get_format(stats) == GW_REPORT_FORMAT_2019 ? 2019 : 2021;
        merge_stats(ck, x.stats, stats);
    }
    for (int t = GW_REPORT_TABLE_2; t <= GW_REPORT_TABLE_4; t++)
        if (!ck->has[t])
            add_finding(ck, GW_FINDING_WARNING, GW_FINDING_NO_TABLE, t, NULL, NULL, 0, 0,
                        "no such table in the document (--stats FILE supplies it)");
    if (ck->has[GW_REPORT_TABLE_3])
        check_identities(ck, x.stats, t3_identities);
    if (ck->has[GW_REPORT_TABLE_4])
        check_identities(ck, x.stats, t4_identities);
    check_narrative(ck, doc, x.stats, t2_layout);
    gw_report_stats_free(x.stats);
    return ck;
}

void gw_report_check_free(GwReportCheck *check)
{
    if (!check)
        return;
    g_ptr_array_unref(check->findings);
    g_free(check);
}

guint gw_report_check_n_findings(const GwReportCheck *check)
{
    return check->findings->len;
}

guint gw_report_check_n_errors(const GwReportCheck *check)
{
    guint n = 0;
    for (guint i = 0; i < check->findings->len; i++)
        n += ((Finding *) check->findings->pdata[i])->severity == GW_FINDING_ERROR;
    return n;
}

gboolean gw_report_check_has_table(const GwReportCheck *check, GwReportTable table)
{
    return table >= GW_REPORT_TABLE_2 && table <= GW_REPORT_TABLE_4 && check->has[table];
}

static const Finding *finding_at(const GwReportCheck *check, guint i)
{
    return i < check->findings->len ? check->findings->pdata[i] : NULL;
}

GwFindingSeverity gw_report_check_get_severity(const GwReportCheck *check, guint i)
{
    g_return_val_if_fail(finding_at(check, i), GW_FINDING_ERROR);
    return finding_at(check, i)->severity;
}

GwFindingKind gw_report_check_get_kind(const GwReportCheck *check, guint i)
{
    g_return_val_if_fail(finding_at(check, i), GW_FINDING_NO_TABLE);
    return finding_at(check, i)->kind;
}

GwReportTable gw_report_check_get_table(const GwReportCheck *check, guint i)
{
    g_return_val_if_fail(finding_at(check, i), GW_REPORT_TABLE_2);
    return finding_at(check, i)->table;
}

const char *gw_report_check_get_row(const GwReportCheck *check, guint i)
{
    g_return_val_if_fail(finding_at(check, i), NULL);
    return finding_at(check, i)->row;
}

const char *gw_report_check_get_column(const GwReportCheck *check, guint i)
{
    g_return_val_if_fail(finding_at(check, i), NULL);
    return finding_at(check, i)->column;
}

void gw_report_check_get_values(const GwReportCheck *check, guint i, gint64 *table_value, gint64 *expected)
{
    g_return_if_fail(finding_at(check, i));
    if (table_value)
        *table_value = finding_at(check, i)->table_value;
    if (expected)
        *expected = finding_at(check, i)->expected;
}

const char *gw_report_check_get_message(const GwReportCheck *check, guint i)
{
    g_return_val_if_fail(finding_at(check, i), NULL);
    return finding_at(check, i)->message;
}
