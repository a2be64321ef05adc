/* write-text.c: the document as plain text, close to LibreOffice's text
 * export and to `pandoc -t plain`:
 *
 *   - one paragraph a line (no wrapping), a blank line between blocks;
 *     headings and the title are their text; empty paragraphs are left out;
 *   - numbered items start with their label as Word shows it ("1.",
 *     "（二）"; "-" when there is none), bulleted items with LibreOffice's
 *     bullet of their level (•, ◦, ▪, whatever character the document
 *     draws), padded to four columns; the item's further lines are
 *     indented under its text; consecutive one-paragraph items are not
 *     separated by blank lines;
 *   - a table prints each row on a line, the cells in columns two spaces
 *     apart (no rules, as in LibreOffice's text); a cell spanning
 *     columns takes their width, a cell covered by a row span is blank; a
 *     row with a cell of several lines prints its cells one after another
 *     instead, with blank lines between the cells and around the rows;
 *   - an attachments block starts with its label ("附件："), the further
 *     attachments indented under the first;
 *   - block quotes are indented two spaces, code four;
 *   - text as typed, as LibreOffice writes it: no marks for struck,
 *     super- or subscript text, small or all capitals in the case typed;
 *   - notes are marked [1], [2]... in the text and printed at the end as
 *     "[1] text" (nothing is lost); pictures and their descriptions are
 *     left out, as Word and LibreOffice leave them out;
 *   - headers, footers, page and section breaks are not printed.
 *
 * Rendering walks the tree without recursion (gw_document_walk). */
#include <string.h>
#include "model-imp.h"
#include "gongwen/writer.h"

/* ---- state -------------------------------------------------------------- */

typedef struct {
    GString *text;
    gboolean last_tight; /* the last block was a one-line list item */
} Buffer;

typedef struct {
    GwBlock *block;   /* NULL for a note */
    char *indent;     /* prefix of the lines inside this block */
    char *marker;     /* a list item's marker until its first line is out */
    gboolean barrier; /* a table cell: markers outside it wait */
} Frame;

typedef struct {
    guint col, colspan;
    char *text;
} CellText;

typedef struct {
    guint next_col;
    GArray *cells; /* CellText */
} RowText;

typedef struct {
    GArray *frames;    /* Frame, innermost last */
    GPtrArray *bufs;   /* Buffer*: each table cell renders into its own */
    GPtrArray *tables; /* per open table: GPtrArray of RowText* */
    GPtrArray *notes;  /* GwRun* notes in order of reference */
} Writer;

static Buffer *buffer_new(void)
{
    Buffer *b = g_new0(Buffer, 1);
    b->text = g_string_new(NULL);
    return b;
}

static char *buffer_free(Buffer *b)
{
    char *text = g_string_free(b->text, FALSE);
    g_free(b);
    return text;
}

static Buffer *current(Writer *w)
{
    return w->bufs->pdata[w->bufs->len - 1];
}

static Frame *top_frame(Writer *w)
{
    return &g_array_index(w->frames, Frame, w->frames->len - 1);
}

static void push_frame(Writer *w, GwBlock *block, const char *extra, char *marker, gboolean barrier)
{
    const char *base = w->frames->len && !barrier ? top_frame(w)->indent : "";
    Frame f = { block, g_strconcat(base, extra, NULL), marker, barrier };
    g_array_append_val(w->frames, f);
}

static void pop_frame(Writer *w)
{
    Frame *f = top_frame(w);
    g_free(f->indent);
    g_free(f->marker);
    g_array_set_size(w->frames, w->frames->len - 1);
}

/* ---- inline text -------------------------------------------------------- */

static void append_run(Writer *w, GString *out, const GwRun *r)
{
    switch (r->kind) {
    case GW_RUN_IMAGE:
        break; /* pictures are not text (as in Word's and LibreOffice's text) */
    case GW_RUN_NOTE:
        g_ptr_array_add(w->notes, (gpointer) r);
        g_string_append_printf(out, "[%u]", w->notes->len);
        break;
    default:
        gwi_run_append_text(r, out);
    }
}

/* The runs of a paragraph-like block, their text as typed. */
static char *runs_text(Writer *w, const GwBlock *b)
{
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < gw_block_n_runs(b); i++)
        append_run(w, out, b->runs->pdata[i]);
    return g_string_free(out, FALSE);
}

/* ---- emitting lines ------------------------------------------------------ */

static int display_width(const char *s)
{
    int w = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        w += g_unichar_iszerowidth(c) ? 0 : g_unichar_iswide(c) ? 2 : 1;
    }
    return w;
}

/* The innermost list marker not yet written, taken (NULL when none);
 * `item` tells whether it is a list item's (which may be tight). */
static char *take_marker(Writer *w, const char **indent, gboolean *item)
{
    for (guint i = w->frames->len; i > 0; i--) {
        Frame *f = &g_array_index(w->frames, Frame, i - 1);
        if (f->marker) {
            char *m = f->marker;
            f->marker = NULL;
            *indent = f->indent;
            *item = f->block != NULL;
            return m;
        }
        if (f->barrier)
            break;
    }
    return NULL;
}

static gboolean blank(const char *s)
{
    for (; *s; s++)
        if (!g_ascii_isspace(*s))
            return FALSE;
    return TRUE;
}

/* Writes a block's lines: the first after a pending list marker, the
 * others after the indentation (and `extra`, e.g. code). */
static void emit(Writer *w, const char *text, const char *extra)
{
    const char *item_indent = NULL;
    gboolean item = FALSE;
    char *marker = take_marker(w, &item_indent, &item);
    if (!marker && blank(text))
        return;
    Buffer *buf = current(w);
    const char *indent = top_frame(w)->indent;
    if (buf->text->len && !(item && buf->last_tight))
        g_string_append_c(buf->text, '\n');
    char **lines = g_strsplit(text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        if (i == 0 && marker) {
            /* the marker takes the place of its item's indentation */
            int keep = (int) strlen(item_indent) - display_width(marker);
            g_string_append_len(buf->text, item_indent, MAX(keep, 0));
            g_string_append(buf->text, marker);
        } else if (*lines[i]) {
            g_string_append(buf->text, indent);
            g_string_append(buf->text, extra);
        }
        g_string_append(buf->text, lines[i]);
        g_string_append_c(buf->text, '\n');
    }
    buf->last_tight = item && !lines[1];
    g_strfreev(lines);
    g_free(marker);
}

/* ---- lists --------------------------------------------------------------- */

/* How many list items enclose the current block, within its table cell. */
static guint item_depth(Writer *w)
{
    guint depth = 0;
    for (guint i = w->frames->len; i-- > 0;) {
        const Frame *f = &g_array_index(w->frames, Frame, i);
        if (f->barrier)
            break;
        depth += f->block && f->block->kind == GW_BLOCK_LIST_ITEM;
    }
    return depth;
}

/* A numbered item's label as Word shows it ("1.", "一、"), or "-" when it
 * has none; a bulleted item's bullet as LibreOffice's text export writes
 * it, by level (the document's own character is often a private-use
 * Symbol or Wingdings code, or a blank).  Padded to four columns and
 * followed by at least one space. */
static char *item_marker(Writer *w, const GwBlock *item)
{
    static const char *const level_bullets[] = { "•", "◦", "▪" };
    const GwBlock *list = top_frame(w)->block;
    const char *label = item->label && *item->label ? item->label : "-";
    if (list && list->kind == GW_BLOCK_LIST && !gw_block_get_ordered(list))
        label = level_bullets[item_depth(w) % G_N_ELEMENTS(level_bullets)];
    int width = display_width(label);
    return g_strdup_printf("%s%*s", label, width < 3 ? 4 - width : 1, "");
}

/* ---- tables -------------------------------------------------------------- */

static void row_free(gpointer p)
{
    RowText *r = p;
    for (guint i = 0; i < r->cells->len; i++)
        g_free(g_array_index(r->cells, CellText, i).text);
    g_array_free(r->cells, TRUE);
    g_free(r);
}

static GPtrArray *open_table(Writer *w)
{
    return w->tables->pdata[w->tables->len - 1];
}

static void pad_to(GString *out, const char *text, int width)
{
    g_string_append(out, text);
    for (int n = display_width(text); n < width; n++)
        g_string_append_c(out, ' ');
}

/* Column widths: the widest one-column cell of each column, widened for
 * spanning cells that do not fit. */
static int *column_widths(GPtrArray *rows, guint n_cols, char ****lines)
{
    int *width = g_new0(int, n_cols);
    for (int pass = 0; pass < 2; pass++)
        for (guint r = 0; r < rows->len; r++) {
            RowText *row = rows->pdata[r];
            for (guint c = 0; c < row->cells->len; c++) {
                CellText *cell = &g_array_index(row->cells, CellText, c);
                if ((pass == 0) != (cell->colspan == 1))
                    continue;
                int need = 0, have = 2 * (int) (cell->colspan - 1);
                for (char **l = lines[r][c]; *l; l++)
                    need = MAX(need, display_width(*l));
                for (guint k = cell->col; k < cell->col + cell->colspan; k++)
                    have += width[k];
                if (need > have)
                    width[cell->col + cell->colspan - 1] += need - have;
            }
        }
    return width;
}

static void table_row(GString *out, RowText *row, char ***lines, const int *width)
{
    guint height = 1;
    for (guint c = 0; c < row->cells->len; c++)
        height = MAX(height, g_strv_length(lines[c]));
    if (height > 1) {
        /* cells of several lines one after another, as LibreOffice does */
        for (guint c = 0; c < row->cells->len; c++) {
            if (c)
                g_string_append_c(out, '\n');
            for (char **l = lines[c]; *l; l++)
                g_string_append_printf(out, "%s\n", *l);
        }
        return;
    }
    for (guint l = 0; l < height; l++) {
        GString *line = g_string_new(NULL);
        guint next = 0;
        for (guint c = 0; c < row->cells->len; c++) {
            CellText *cell = &g_array_index(row->cells, CellText, c);
            for (; next < cell->col; next++) /* covered by a row span */
                pad_to(line, "", width[next] + 2);
            int w = 2 * (int) (cell->colspan - 1);
            for (guint k = cell->col; k < cell->col + cell->colspan; k++)
                w += width[k];
            pad_to(line, l < g_strv_length(lines[c]) ? lines[c][l] : "", w);
            g_string_append(line, "  ");
            next = cell->col + cell->colspan;
        }
        while (line->len && line->str[line->len - 1] == ' ')
            g_string_truncate(line, line->len - 1);
        g_string_append(out, line->str);
        g_string_append_c(out, '\n');
        g_string_free(line, TRUE);
    }
}

static char *table_text(GPtrArray *rows)
{
    guint n_cols = 0;
    gboolean multi = FALSE;
    char ****lines = g_new0(char ***, rows->len + 1);
    for (guint r = 0; r < rows->len; r++) {
        RowText *row = rows->pdata[r];
        lines[r] = g_new0(char **, row->cells->len + 1);
        for (guint c = 0; c < row->cells->len; c++) {
            CellText *cell = &g_array_index(row->cells, CellText, c);
            g_strchomp(cell->text);
            lines[r][c] = g_strsplit(cell->text, "\n", -1);
            multi = multi || g_strv_length(lines[r][c]) > 1;
            n_cols = MAX(n_cols, cell->col + cell->colspan);
        }
    }
    int *width = column_widths(rows, n_cols, lines);
    GString *out = g_string_new(NULL);
    for (guint r = 0; r < rows->len; r++) {
        RowText *row = rows->pdata[r];
        if (r && multi)
            g_string_append_c(out, '\n');
        table_row(out, row, lines[r], width);
        for (guint c = 0; c < row->cells->len; c++)
            g_strfreev(lines[r][c]);
        g_free(lines[r]);
    }
    g_free(width);
    g_free(lines);
    return g_string_free(out, FALSE);
}

/* ---- the walk ------------------------------------------------------------ */

static void emit_block_text(Writer *w, GwBlock *b)
{
    char *text = NULL;
    switch (b->kind) {
    case GW_BLOCK_TITLE:
    case GW_BLOCK_HEADING:
    case GW_BLOCK_PARAGRAPH:
        text = runs_text(w, b);
        emit(w, g_strstrip(text), "");
        break;
    case GW_BLOCK_CODE:
        text = runs_text(w, b);
        emit(w, text, "    ");
        break;
    case GW_BLOCK_RULE:
        text = g_strnfill(72, '-');
        emit(w, text, "");
        break;
    default:
        break;
    }
    g_free(text);
}

static void open_row(Writer *w)
{
    if (!w->tables->len)
        return;
    RowText *row = g_new0(RowText, 1);
    row->cells = g_array_new(FALSE, FALSE, sizeof(CellText));
    g_ptr_array_add(open_table(w), row);
}

/* A finished cell joins the current row; cells placed out of order are
 * moved right so that no two overlap. */
static void close_cell(Writer *w, const GwBlock *b)
{
    char *text = buffer_free(g_ptr_array_steal_index(w->bufs, w->bufs->len - 1));
    GPtrArray *rows = w->tables->len ? open_table(w) : NULL;
    if (!rows || !rows->len) {
        g_free(text);
        return;
    }
    RowText *row = rows->pdata[rows->len - 1];
    CellText cell = { MAX(b->col, row->next_col), MAX(b->colspan, 1), text };
    row->next_col = cell.col + cell.colspan;
    g_array_append_val(row->cells, cell);
}

static void close_table(Writer *w)
{
    GPtrArray *rows = g_ptr_array_steal_index(w->tables, w->tables->len - 1);
    char *text = g_strchomp(table_text(rows));
    g_ptr_array_unref(rows);
    emit(w, text, "");
    g_free(text);
}

static gboolean enter(GwBlock *b, int depth, gpointer user)
{
    Writer *w = user;
    (void) depth;
    switch (b->kind) {
    case GW_BLOCK_LIST_ITEM: {
        char *marker = item_marker(w, b);
        char *pad = g_strnfill((gsize) display_width(marker), ' ');
        push_frame(w, b, pad, marker, FALSE);
        g_free(pad);
        break;
    }
    case GW_BLOCK_ATTACHMENTS: {
        /* "附件：1.…" with the further attachments under the first */
        char *label = g_strdup(b->label && *b->label ? b->label : "附件：");
        char *pad = g_strnfill((gsize) display_width(label), ' ');
        push_frame(w, b, pad, label, FALSE);
        g_free(pad);
        break;
    }
    case GW_BLOCK_QUOTE:
        push_frame(w, b, "  ", NULL, FALSE);
        break;
    case GW_BLOCK_TABLE:
        g_ptr_array_add(w->tables, g_ptr_array_new_with_free_func(row_free));
        push_frame(w, b, "", NULL, FALSE);
        break;
    case GW_BLOCK_TABLE_ROW:
        open_row(w);
        push_frame(w, b, "", NULL, FALSE);
        break;
    case GW_BLOCK_TABLE_CELL:
        g_ptr_array_add(w->bufs, buffer_new());
        push_frame(w, b, "", NULL, TRUE);
        break;
    default:
        push_frame(w, b, "", NULL, FALSE);
        emit_block_text(w, b);
    }
    return TRUE;
}

static gboolean leave(GwBlock *b, int depth, gpointer user)
{
    Writer *w = user;
    (void) depth;
    pop_frame(w);
    /* a list that is not inside an item ends its run of tight items */
    if (b->kind == GW_BLOCK_LIST && !(top_frame(w)->block && top_frame(w)->block->kind == GW_BLOCK_LIST_ITEM))
        current(w)->last_tight = FALSE;
    if (b->kind == GW_BLOCK_TABLE_CELL)
        close_cell(w, b);
    else if (b->kind == GW_BLOCK_TABLE)
        close_table(w);
    return TRUE;
}

/* Notes at the end, "[n] text", in the order they were referenced (notes
 * met inside notes join the queue). */
static void emit_notes(Writer *w)
{
    for (guint i = 0; i < w->notes->len; i++) {
        GwRun *note = w->notes->pdata[i];
        char *marker = g_strdup_printf("[%u] ", i + 1);
        char *pad = g_strnfill((gsize) display_width(marker), ' ');
        push_frame(w, NULL, pad, marker, FALSE);
        g_free(pad);
        for (guint k = 0; k < gw_run_n_note_blocks(note); k++)
            gwi_block_walk(gw_run_get_note_block(note, k), enter, leave, w);
        if (top_frame(w)->marker) /* an empty note still shows its number */
            emit(w, "", "");
        pop_frame(w);
    }
}

char *gw_document_to_text(GwDocument *doc)
{
    Writer w;
    w.frames = g_array_new(FALSE, FALSE, sizeof(Frame));
    w.bufs = g_ptr_array_new();
    w.tables = g_ptr_array_new();
    w.notes = g_ptr_array_new();
    g_ptr_array_add(w.bufs, buffer_new());
    push_frame(&w, NULL, "", NULL, FALSE);
    gw_document_walk(doc, enter, leave, &w);
    emit_notes(&w);
    pop_frame(&w);
    char *text = buffer_free(w.bufs->pdata[0]);
    g_array_free(w.frames, TRUE);
    g_ptr_array_free(w.bufs, TRUE);
    g_ptr_array_free(w.tables, TRUE);
    g_ptr_array_free(w.notes, TRUE);
    return text;
}

gboolean gw_write_text(GwDocument *doc, const char *path, GError **error)
{
    char *text = gw_document_to_text(doc);
    gboolean ok = gw_output_write_file(path, text, strlen(text), error);
    g_free(text);
    return ok;
}
