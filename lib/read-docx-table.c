/* read-docx-table.c: w:tbl into a table block: the grid and its widths,
 * gridSpan and vMerge (a rowspan on the first cell, covered cells dropped),
 * header rows, borders and shading from the table style (its first and
 * last rows and columns and its bands too) and direct formatting, nested
 * tables.  Spans are clamped to the grid and the cell
 * count is capped (GW_LIMIT_TABLE_CELLS). */
#include <stdlib.h>
#include <string.h>
#include "read-docx.h"

/* Cells past the grid's last column widen it by at most this much each. */
#define MAX_GROWTH 64

typedef struct {
    GwiBody *b;
    GwiDocx *d;
    GwBlock *table;
    GwiPPr ppr;   /* the table style's paragraph and run layers */
    GwiRPr rpr;
    gint32 shading;
    gint8 valign;       /* the table style's for its cells, -1 none */
    const char *style;  /* the table style's id, or NULL */
    guint look;         /* the parts its style formats apart: LOOK_* */
    guint rows_total;
    GArray *widths;     /* double per grid column */
    GPtrArray *origin;  /* per column: the cell a vMerge continues, or NULL */
    guint n_rows;
    guint64 cell_limit;
} Table;

/* The w:tr (or w:tc) elements under `parent`, looking through content
 * controls and custom XML wrappers. */
static void collect(const xmlNode *parent, const char *name, GPtrArray *out)
{
    for (xmlNode *c = gwi_first_elem(parent); c; c = gwi_next_elem(c)) {
        if (gwi_is(c, GWI_NS_W, name))
            g_ptr_array_add(out, c);
        else if (gwi_is(c, GWI_NS_W, "sdt"))
            collect(gwi_child(c, GWI_NS_W, "sdtContent"), name, out);
        else if (gwi_is(c, GWI_NS_W, "customXml"))
            collect(c, name, out);
    }
}

static double twips(const xmlNode *n, const char *attr)
{
    double v = gwi_attr_num(n, attr, -1);
    return v > 0 && v < 1e7 ? v / 20.0 : GW_UNSET;
}

static void read_grid(Table *t, const xmlNode *tbl)
{
    const xmlNode *grid = gwi_child(tbl, GWI_NS_W, "tblGrid");
    for (xmlNode *c = grid ? gwi_first_elem(grid) : NULL; c; c = gwi_next_elem(c)) {
        if (!gwi_is(c, GWI_NS_W, "gridCol"))
            continue;
        double w = twips(c, "w");
        g_array_append_val(t->widths, w);
    }
}

/* Widens the grid to `n` columns (cells beyond tblGrid). */
static void widen(Table *t, guint n)
{
    double unset = GW_UNSET;
    while (t->widths->len < n)
        g_array_append_val(t->widths, unset);
    while (t->origin->len < n)
        g_ptr_array_add(t->origin, NULL);
}

static gboolean check_cells(Table *t, GError **error)
{
    guint64 cells = (guint64) (t->n_rows + 1) * MAX(t->widths->len, 1);
    if (cells <= t->cell_limit)
        return TRUE;
    g_set_error(error, GW_ERROR, GW_ERROR_LIMIT, "%s: a table has more cells than the %s limit (%" G_GUINT64_FORMAT ")",
                t->d->name, gw_limit_name(GW_LIMIT_TABLE_CELLS), t->cell_limit);
    return FALSE;
}

/* w:tblLook: which parts of the table its style formats apart (bits of
 * Word 2007's hexadecimal form). */
enum { LOOK_FIRST_ROW = 0x20, LOOK_LAST_ROW = 0x40, LOOK_FIRST_COL = 0x80, LOOK_LAST_COL = 0x100,
       LOOK_NO_HBAND = 0x200, LOOK_NO_VBAND = 0x400 };

static guint table_look(const xmlNode *look)
{
    static const struct {
        const char *attr;
        guint bit;
    } attrs[] = { { "firstRow", LOOK_FIRST_ROW },    { "lastRow", LOOK_LAST_ROW }, { "firstColumn", LOOK_FIRST_COL },
                  { "lastColumn", LOOK_LAST_COL },   { "noHBand", LOOK_NO_HBAND }, { "noVBand", LOOK_NO_VBAND } };
    if (!look)
        return LOOK_FIRST_ROW | LOOK_FIRST_COL | LOOK_NO_VBAND; /* Word's for a new table */
    const char *hex = gwi_attr(look, "val");
    guint bits = hex ? (guint) strtoul(hex, NULL, 16) & 0x7E0 : 0;
    for (guint i = 0; i < G_N_ELEMENTS(attrs); i++) {
        const char *v = gwi_attr(look, attrs[i].attr);
        if (v)
            bits = gwi_is_on(v) ? bits | attrs[i].bit : bits & ~attrs[i].bit;
    }
    return bits;
}

/* The formatting the table style gives the cell at (row, col) of the
 * parts it formats apart, over the whole table's, in Word's order of
 * precedence: bands, first and last columns, first and last rows. */
static void cell_style_layers(const Table *t, guint row, guint col, guint span, GwiPPr *ppr, GwiRPr *rpr,
                              gint32 *shading)
{
    *ppr = t->ppr;
    *rpr = t->rpr;
    *shading = t->shading;
    if (!t->style)
        return;
    guint cols = t->widths->len, first_row = (t->look & LOOK_FIRST_ROW) != 0, first_col = (t->look & LOOK_FIRST_COL) != 0;
    gboolean is_first_row = row == 0 && first_row, is_last_row = row + 1 == t->rows_total && (t->look & LOOK_LAST_ROW);
    gboolean is_first_col = col == 0 && first_col, is_last_col = col + span >= cols && (t->look & LOOK_LAST_COL);
    GwiCond conds[6];
    int n = 0;
    if (!(t->look & LOOK_NO_VBAND) && !is_first_col && !is_last_col)
        conds[n++] = (col - first_col) % 2 ? GWI_COND_BAND2_VERT : GWI_COND_BAND1_VERT;
    if (!(t->look & LOOK_NO_HBAND) && !is_first_row && !is_last_row)
        conds[n++] = (row - first_row) % 2 ? GWI_COND_BAND2_HORZ : GWI_COND_BAND1_HORZ;
    if (is_first_col)
        conds[n++] = GWI_COND_FIRST_COL;
    if (is_last_col)
        conds[n++] = GWI_COND_LAST_COL;
    if (is_first_row)
        conds[n++] = GWI_COND_FIRST_ROW;
    if (is_last_row)
        conds[n++] = GWI_COND_LAST_ROW;
    for (int i = 0; i < n; i++)
        gwi_styles_apply_table_cond(t->d->styles, t->style, conds[i], ppr, rpr, shading);
}

static void cell_format(GwBlock *cell, const xmlNode *tcpr, gint32 style_shading, gint8 style_valign)
{
    gwi_parse_borders(gwi_child(tcpr, GWI_NS_W, "tcBorders"), gw_cell_get_borders(cell), NULL);
    gint32 shd = gwi_parse_shading(gwi_child(tcpr, GWI_NS_W, "shd"));
    if (shd == GWI_UNSET_COLOR)
        shd = style_shading;
    if (shd != GWI_UNSET_COLOR)
        gw_cell_set_shading(cell, shd);
    gint8 valign = gwi_parse_valign(gwi_attr(gwi_child(tcpr, GWI_NS_W, "vAlign"), "val"));
    if (valign < 0)
        valign = style_valign;
    if (valign >= 0)
        gw_cell_set_valign(cell, (GwVAlign) valign);
}

/* The columns a cell at `col` asking for `span` gets: clamped to the grid;
 * a cell past the grid widens it. */
static guint clamp_span(Table *t, guint col, double span)
{
    guint want = span >= 1 && span < G_MAXINT ? (guint) span : 1;
    if (col >= t->widths->len)
        widen(t, col + MIN(want, MAX_GROWTH));
    return MIN(want, t->widths->len - col);
}

static gboolean convert_cell(Table *t, GwBlock *row, const xmlNode *tc, guint *col, GError **error)
{
    const xmlNode *tcpr = gwi_child(tc, GWI_NS_W, "tcPr");
    guint span = clamp_span(t, *col, gwi_attr_num(gwi_child(tcpr, GWI_NS_W, "gridSpan"), "val", 1));
    if (!check_cells(t, error))
        return FALSE;
    const xmlNode *vmerge = gwi_child(tcpr, GWI_NS_W, "vMerge");
    const char *vm = gwi_attr(vmerge, "val");
    gboolean restart = vmerge && vm && strcmp(vm, "restart") == 0;
    GwBlock *origin = t->origin->pdata[*col];
    if (vmerge && !restart && origin) {
        guint ocol, ospan, orows;
        gw_cell_get_span(origin, &ocol, &ospan, &orows);
        if (ocol == *col && ospan == span) {
            gw_cell_set_span(origin, ocol, ospan, orows + 1);
            *col += span;
            return TRUE;
        }
    }
    if (!gwi_docx_count_blocks(t->d, 1, error))
        return FALSE;
    GwBlock *cell = gw_block_new(GW_BLOCK_TABLE_CELL);
    gw_cell_set_span(cell, *col, span, 1);
    GwiPPr ppr;
    GwiRPr rpr;
    gint32 shading;
    cell_style_layers(t, t->n_rows, *col, span, &ppr, &rpr, &shading);
    cell_format(cell, tcpr, shading, t->valign);
    gw_block_append(row, cell);
    for (guint i = *col; i < *col + span; i++)
        t->origin->pdata[i] = restart ? cell : NULL;
    *col += span;
    return gwi_body_add_cell_content(t->b, tc, cell, &ppr, &rpr, error);
}

static gboolean convert_row(Table *t, const xmlNode *tr, GError **error)
{
    const xmlNode *trpr = gwi_child(tr, GWI_NS_W, "trPr");
    if (gwi_child(trpr, GWI_NS_W, "del"))
        return TRUE; /* a tracked deleted row: gone once accepted */
    if (!gwi_docx_count_blocks(t->d, 1, error))
        return FALSE;
    GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
    gw_block_append(t->table, row);
    const xmlNode *header = gwi_child(trpr, GWI_NS_W, "tblHeader");
    gw_row_set_header(row, header && gwi_attr_on(header));
    double h = twips(gwi_child(trpr, GWI_NS_W, "trHeight"), "val");
    if (gw_is_set(h))
        gw_row_set_height(row, h);
    double before = gwi_attr_num(gwi_child(trpr, GWI_NS_W, "gridBefore"), "val", 0);
    guint col = before >= 1 ? (guint) MIN(before, (double) t->widths->len) : 0;
    for (guint i = 0; i < col; i++)
        t->origin->pdata[i] = NULL;
    GPtrArray *cells = g_ptr_array_new();
    collect(tr, "tc", cells);
    gboolean ok = TRUE;
    for (guint i = 0; ok && i < cells->len; i++)
        ok = convert_cell(t, row, cells->pdata[i], &col, error);
    g_ptr_array_free(cells, TRUE);
    /* A column this row leaves empty ends the vertical merges there. */
    for (guint i = col; i < t->origin->len; i++)
        t->origin->pdata[i] = NULL;
    t->n_rows++;
    return ok;
}

/* Whether the table's indent places its first cell's text rather than its
 * border: Word up to 2010 (compatibilityMode 14 or less, or none given)
 * sets a top-level left-aligned table so, its border the cell margin left
 * of the indent; nested tables, and every table of Word 2013 on, put the
 * border at the indent.  LibreOffice reads them the same way. */
static gboolean outdented(const GwiDocx *d, const xmlNode *tbl, const GwParaStyle *table)
{
    if (d->compat_mode >= 15 || table->align != GW_ALIGN_LEFT || table->rtl)
        return FALSE;
    for (const xmlNode *n = tbl->parent; n; n = n->parent)
        if (n->type == XML_ELEMENT_NODE && gwi_is(n, GWI_NS_W, "tc"))
            return FALSE;
    return TRUE;
}

static void table_format(Table *t, const xmlNode *tbl)
{
    const xmlNode *tblpr = gwi_child(tbl, GWI_NS_W, "tblPr");
    const char *style = gwi_attr(gwi_child(tblpr, GWI_NS_W, "tblStyle"), "val");
    GwiTblPr tp;
    gwi_ppr_init(&t->ppr);
    gwi_rpr_init(&t->rpr);
    gwi_tblpr_init(&tp);
    gwi_styles_apply_table(t->d->styles, style, &t->ppr, &t->rpr, &tp);
    t->style = style;
    t->look = table_look(gwi_child(tblpr, GWI_NS_W, "tblLook"));
    gwi_parse_borders(gwi_child(tblpr, GWI_NS_W, "tblBorders"), tp.borders, NULL);
    gwi_parse_table_placement(tblpr, &tp);
    gint32 shd = gwi_parse_shading(gwi_child(tblpr, GWI_NS_W, "shd"));
    if (shd != GWI_UNSET_COLOR)
        tp.shading = shd;
    t->shading = tp.shading;
    t->valign = tp.valign;
    /* Borders neither the style nor the table sets are none, as in Word. */
    for (int i = 0; i < GW_N_SIDES; i++)
        if (!gw_is_set(tp.borders[i].width))
            tp.borders[i].width = 0;
    memcpy(gw_table_get_borders(t->table), tp.borders, sizeof tp.borders);
    /* Cell margins, Word's where none are given: 0.075 in beside the text,
     * none above or below. */
    gwi_parse_cell_margins(gwi_child(tblpr, GWI_NS_W, "tblCellMar"), tp.margins);
    GwParaStyle *margins = gw_block_get_style(t->table);
    margins->space_before = gw_is_set(tp.margins[GW_SIDE_TOP]) ? tp.margins[GW_SIDE_TOP] : 0;
    margins->space_after = gw_is_set(tp.margins[GW_SIDE_BOTTOM]) ? tp.margins[GW_SIDE_BOTTOM] : 0;
    margins->indent_left = gw_is_set(tp.margins[GW_SIDE_LEFT]) ? tp.margins[GW_SIDE_LEFT] : 5.4;
    margins->indent_right = gw_is_set(tp.margins[GW_SIDE_RIGHT]) ? tp.margins[GW_SIDE_RIGHT] : 5.4;
    margins->align = tp.align < 0 ? GW_ALIGN_LEFT : (GwAlign) tp.align; /* Word's default */
    margins->rtl = tp.rtl == 1;
    double indent = gw_is_set(tp.indent) ? tp.indent : 0;
    if (outdented(t->d, tbl, margins))
        indent -= margins->indent_left;
    if (gw_is_set(tp.indent) || indent != 0)
        gw_table_set_indent(t->table, indent);
}

GwBlock *gwi_table_convert(GwiBody *b, const xmlNode *tbl, GError **error)
{
    Table t = { b, gwi_body_docx(b), gw_block_new(GW_BLOCK_TABLE) };
    t.widths = g_array_new(FALSE, FALSE, sizeof(double));
    t.origin = g_ptr_array_new();
    t.cell_limit = gw_read_options_get_limit(t.d->opts, GW_LIMIT_TABLE_CELLS);
    table_format(&t, tbl);
    read_grid(&t, tbl);
    widen(&t, t.widths->len);
    GPtrArray *rows = g_ptr_array_new();
    collect(tbl, "tr", rows);
    t.rows_total = rows->len;
    gboolean ok = gwi_docx_count_blocks(t.d, 1, error);
    for (guint i = 0; ok && i < rows->len; i++)
        ok = convert_row(&t, rows->pdata[i], error);
    g_ptr_array_free(rows, TRUE);
    if (ok)
        gw_table_set_columns(t.table, t.widths->len, (const double *) t.widths->data);
    else
        g_clear_pointer(&t.table, gw_block_free);
    g_array_free(t.widths, TRUE);
    g_ptr_array_free(t.origin, TRUE);
    return t.table;
}
