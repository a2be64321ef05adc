/* model.c: the document tree. */
#include <string.h>
#include "model-imp.h"
#include "gongwen/gongwen.h"

G_DEFINE_QUARK(gw-error-quark, gw_error)

const char *gw_version(void)
{
    return GW_VERSION;
}

/* ---- styles ------------------------------------------------------------ */

void gw_run_style_init(GwRunStyle *s)
{
    memset(s, 0, sizeof *s);
    s->size = s->letter_spacing = s->scale = s->rise = GW_UNSET;
    s->bold = s->italic = s->underline = s->strike = s->caps = s->emphasis = -1;
    s->color = -1;
    s->highlight = -1;
}

void gw_run_style_clear(GwRunStyle *s)
{
    g_free(s->font);
    g_free(s->font_ea);
    gw_run_style_init(s);
}

void gw_run_style_copy(GwRunStyle *dst, const GwRunStyle *src)
{
    if (dst == src)
        return;
    g_free(dst->font);
    g_free(dst->font_ea);
    *dst = *src;
    dst->font = g_strdup(src->font);
    dst->font_ea = g_strdup(src->font_ea);
}

GwRunStyle gwi_run_style_merged(const GwRunStyle *base, const GwRunStyle *own)
{
    GwRunStyle m = *own;
    if (!m.font)
        m.font = base->font;
    if (!m.font_ea)
        m.font_ea = base->font_ea;
    if (!gw_is_set(m.size) || m.size <= 0)
        m.size = base->size;
/* flags, colours and caps: negative is "inherit" */
#define INHERIT(f) \
    if (m.f < 0)   \
    m.f = base->f
    INHERIT(bold);
    INHERIT(italic);
    INHERIT(underline);
    INHERIT(strike);
    INHERIT(caps);
    INHERIT(emphasis);
    INHERIT(color);
    INHERIT(highlight);
#undef INHERIT
    if (m.vert == GW_VERT_NORMAL)
        m.vert = base->vert;
    if (!gw_is_set(m.letter_spacing))
        m.letter_spacing = base->letter_spacing;
    if (!gw_is_set(m.scale))
        m.scale = base->scale;
    if (!gw_is_set(m.rise))
        m.rise = base->rise;
    return m;
}

void gw_para_style_init(GwParaStyle *s)
{
    memset(s, 0, sizeof *s);
    s->align = GW_ALIGN_DEFAULT;
    s->indent_first = s->indent_first_chars = GW_UNSET;
    s->indent_left = s->indent_right = GW_UNSET;
    s->space_before = s->space_after = GW_UNSET;
    s->line_exact = s->line_multiple = s->line_at_least = GW_UNSET;
    s->border_top.color = s->border_bottom.color = s->border_left.color = s->border_right.color = -1;
    s->shading = -1;
    gw_run_style_init(&s->run);
}

void gw_para_style_clear(GwParaStyle *s)
{
    g_free(s->style_name);
    g_free(s->tabs);
    gw_run_style_clear(&s->run);
    gw_para_style_init(s);
}

void gw_para_style_set_tabs(GwParaStyle *s, const GwTabStop *tabs, guint n)
{
    g_free(s->tabs);
    n = MIN(n, GW_MAX_TABS);
    s->tabs = n ? g_memdup2(tabs, n * sizeof *tabs) : NULL;
    s->n_tabs = n;
}

void gw_page_setup_init(GwPageSetup *p)
{
    memset(p, 0, sizeof *p);
    p->width = p->height = GW_UNSET;
    p->margin_top = p->margin_bottom = p->margin_left = p->margin_right = GW_UNSET;
    p->header_distance = p->footer_distance = p->line_pitch = p->char_pitch = GW_UNSET;
}

void gw_page_setup_clear(GwPageSetup *p)
{
    for (int i = 0; i < 3; i++) {
        if (p->header[i])
            g_ptr_array_unref(p->header[i]);
        if (p->footer[i])
            g_ptr_array_unref(p->footer[i]);
    }
    gw_page_setup_init(p);
}

/* ---- document ---------------------------------------------------------- */

GwDocument *gw_document_new(void)
{
    GwDocument *doc = g_new0(GwDocument, 1);
    doc->meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    doc->custom_names = g_ptr_array_new_with_free_func(g_free);
    doc->custom_values = g_ptr_array_new_with_free_func(g_free);
    gw_page_setup_init(&doc->page);
    doc->blocks = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    doc->warnings = g_ptr_array_new_with_free_func(g_free);
    return doc;
}

void gw_document_free(GwDocument *doc)
{
    if (!doc)
        return;
    g_hash_table_unref(doc->meta);
    g_ptr_array_unref(doc->custom_names);
    g_ptr_array_unref(doc->custom_values);
    gw_page_setup_clear(&doc->page);
    g_ptr_array_unref(doc->blocks);
    g_ptr_array_unref(doc->warnings);
    g_free(doc);
}

void gw_document_set_meta(GwDocument *doc, const char *key, const char *value)
{
    if (value)
        g_hash_table_replace(doc->meta, g_strdup(key), g_strdup(value));
    else
        g_hash_table_remove(doc->meta, key);
}

const char *gw_document_get_meta(const GwDocument *doc, const char *key)
{
    return g_hash_table_lookup(doc->meta, key);
}

void gw_document_set_custom(GwDocument *doc, const char *name, const char *value)
{
    for (guint i = 0; i < doc->custom_names->len; i++) {
        if (strcmp(doc->custom_names->pdata[i], name) == 0) {
            g_free(doc->custom_values->pdata[i]);
            doc->custom_values->pdata[i] = g_strdup(value);
            return;
        }
    }
    g_ptr_array_add(doc->custom_names, g_strdup(name));
    g_ptr_array_add(doc->custom_values, g_strdup(value));
}

guint gw_document_n_custom(const GwDocument *doc)
{
    return doc->custom_names->len;
}

void gw_document_get_custom(const GwDocument *doc, guint i, const char **name, const char **value)
{
    g_return_if_fail(i < doc->custom_names->len);
    *name = doc->custom_names->pdata[i];
    *value = doc->custom_values->pdata[i];
}

GwPageSetup *gw_document_get_page(GwDocument *doc)
{
    return &doc->page;
}

void gw_document_append(GwDocument *doc, GwBlock *block)
{
    g_ptr_array_add(doc->blocks, block);
}

guint gw_document_n_blocks(const GwDocument *doc)
{
    return doc->blocks->len;
}

GwBlock *gw_document_get_block(const GwDocument *doc, guint i)
{
    return i < doc->blocks->len ? doc->blocks->pdata[i] : NULL;
}

void gw_document_add_warning(GwDocument *doc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_ptr_array_add(doc->warnings, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

guint gw_document_n_warnings(const GwDocument *doc)
{
    return doc->warnings->len;
}

const char *gw_document_get_warning(const GwDocument *doc, guint i)
{
    return i < doc->warnings->len ? doc->warnings->pdata[i] : NULL;
}

/* ---- blocks ------------------------------------------------------------ */

gboolean gwi_block_is_textual(GwBlockKind kind)
{
    return kind == GW_BLOCK_TITLE || kind == GW_BLOCK_HEADING || kind == GW_BLOCK_PARAGRAPH ||
           kind == GW_BLOCK_CODE;
}

static GwBorder *borders_new(void)
{
    GwBorder *borders = g_new(GwBorder, GW_N_SIDES);
    for (int i = 0; i < GW_N_SIDES; i++) {
        borders[i].width = GW_UNSET;
        borders[i].color = -1;
    }
    return borders;
}

GwBlock *gw_block_new(GwBlockKind kind)
{
    GwBlock *b = g_new0(GwBlock, 1);
    b->kind = kind;
    gw_para_style_init(&b->style);
    b->colspan = b->rowspan = 1;
    b->row_height = b->box_width = b->box_x = GW_UNSET;
    b->shading = -1;
    if (kind == GW_BLOCK_TABLE || kind == GW_BLOCK_TABLE_CELL)
        b->borders = borders_new();
    if (kind == GW_BLOCK_SECTION) {
        b->page = g_new0(GwPageSetup, 1);
        gw_page_setup_init(b->page);
    }
    return b;
}

/* Frees a block and its whole subtree without recursion, so that a deeply
 * nested input cannot overflow the stack: children are moved onto a work
 * list before their parent is freed. */
void gw_block_free(GwBlock *block)
{
    if (!block)
        return;
    GPtrArray *todo = g_ptr_array_new();
    g_ptr_array_add(todo, block);
    while (todo->len) {
        GwBlock *b = g_ptr_array_steal_index_fast(todo, todo->len - 1);
        if (b->children) {
            g_ptr_array_set_free_func(b->children, NULL);
            g_ptr_array_extend_and_steal(todo, b->children);
        }
        if (b->runs)
            g_ptr_array_unref(b->runs);
        gw_para_style_clear(&b->style);
        g_free(b->label);
        g_free(b->anchor);
        g_free(b->col_widths);
        g_free(b->borders);
        gw_image_free(b->image);
        if (b->page) {
            gw_page_setup_clear(b->page);
            g_free(b->page);
        }
        g_free(b);
    }
    g_ptr_array_unref(todo);
}

GwBlockKind gw_block_get_kind(const GwBlock *block)
{
    return block->kind;
}

void gw_block_set_level(GwBlock *block, int level)
{
    block->level = CLAMP(level, 0, 9);
}

int gw_block_get_level(const GwBlock *block)
{
    return block->level;
}

GwParaStyle *gw_block_get_style(GwBlock *block)
{
    return &block->style;
}

void gw_block_append_run(GwBlock *block, GwRun *run)
{
    if (!block->runs)
        block->runs = g_ptr_array_new_with_free_func((GDestroyNotify) gw_run_free);
    g_ptr_array_add(block->runs, run);
}

guint gw_block_n_runs(const GwBlock *block)
{
    return block->runs ? block->runs->len : 0;
}

GwRun *gw_block_get_run(const GwBlock *block, guint i)
{
    return i < gw_block_n_runs(block) ? block->runs->pdata[i] : NULL;
}

GwRun *gw_block_add_text(GwBlock *block, const char *text)
{
    GwRun *run = gw_run_new(GW_RUN_TEXT, text);
    gw_block_append_run(block, run);
    return run;
}

void gwi_run_append_text(const GwRun *r, GString *out)
{
    switch (r->kind) {
    case GW_RUN_TAB:
        g_string_append_c(out, '\t');
        break;
    case GW_RUN_LINE_BREAK:
        g_string_append_c(out, '\n');
        break;
    case GW_RUN_NOTE:
        break;
    default:
        if (r->text)
            g_string_append(out, r->text);
    }
}

static void append_runs_text(const GwBlock *b, GString *out)
{
    for (guint i = 0; i < gw_block_n_runs(b); i++)
        gwi_run_append_text(b->runs->pdata[i], out);
}

static gboolean collect_text(GwBlock *b, int depth, gpointer user)
{
    GString *out = user;
    (void) depth;
    if (b->runs) {
        if (out->len && out->str[out->len - 1] != '\n')
            g_string_append_c(out, '\n');
        if (b->label) {
            g_string_append(out, b->label);
        }
        append_runs_text(b, out);
    } else if (b->label) {
        if (out->len && out->str[out->len - 1] != '\n')
            g_string_append_c(out, '\n');
        g_string_append(out, b->label);
    }
    return TRUE;
}


char *gw_block_get_text(const GwBlock *block)
{
    GString *out = g_string_new(NULL);
    gwi_block_walk((GwBlock *) block, collect_text, NULL, out);
    return g_string_free(out, FALSE);
}

void gw_block_append(GwBlock *block, GwBlock *child)
{
    if (!block->children)
        block->children = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    g_ptr_array_add(block->children, child);
}

guint gw_block_n_children(const GwBlock *block)
{
    return block->children ? block->children->len : 0;
}

GwBlock *gw_block_get_child(const GwBlock *block, guint i)
{
    return i < gw_block_n_children(block) ? block->children->pdata[i] : NULL;
}

void gw_block_set_ordered(GwBlock *list, gboolean ordered)
{
    list->ordered = ordered;
}

gboolean gw_block_get_ordered(const GwBlock *list)
{
    return list->ordered;
}

void gw_block_set_label(GwBlock *item, const char *label)
{
    g_free(item->label);
    item->label = g_strdup(label);
}

const char *gw_block_get_label(const GwBlock *item)
{
    return item->label;
}

void gw_block_set_anchor(GwBlock *block, const char *anchor)
{
    g_free(block->anchor);
    block->anchor = g_strdup(anchor);
}

const char *gw_block_get_anchor(const GwBlock *block)
{
    return block->anchor;
}

/* ---- tables ------------------------------------------------------------ */

void gw_table_set_columns(GwBlock *table, guint n_cols, const double *widths)
{
    g_free(table->col_widths);
    table->n_cols = n_cols;
    table->col_widths = g_new(double, n_cols ? n_cols : 1);
    for (guint i = 0; i < n_cols; i++)
        table->col_widths[i] = widths ? widths[i] : GW_UNSET;
}

guint gw_table_get_n_columns(const GwBlock *table)
{
    return table->n_cols;
}

double gw_table_get_column_width(const GwBlock *table, guint col)
{
    return col < table->n_cols ? table->col_widths[col] : GW_UNSET;
}

/* Only tables and cells are born with borders; another block gets them
 * when asked. */
static GwBorder *block_borders(GwBlock *block)
{
    if (!block->borders)
        block->borders = borders_new();
    return block->borders;
}

GwBorder *gw_table_get_borders(GwBlock *table)
{
    return block_borders(table);
}

void gw_row_set_header(GwBlock *row, gboolean header)
{
    row->header_row = header;
}

gboolean gw_row_get_header(const GwBlock *row)
{
    return row->header_row;
}

void gw_row_set_height(GwBlock *row, double height)
{
    row->row_height = height;
}

double gw_row_get_height(const GwBlock *row)
{
    return row->row_height;
}

void gw_table_set_indent(GwBlock *table, double indent)
{
    table->box_x = indent;
}

double gw_table_get_indent(const GwBlock *table)
{
    return table->box_x;
}

void gw_text_box_set_width(GwBlock *box, double width)
{
    box->box_width = width;
}

double gw_text_box_get_width(const GwBlock *box)
{
    return box->box_width;
}

void gw_text_box_set_offset(GwBlock *box, double x, gboolean from_page)
{
    box->box_x = x;
    box->box_x_page = from_page;
}

double gw_text_box_get_offset(const GwBlock *box, gboolean *from_page)
{
    if (from_page)
        *from_page = box->box_x_page;
    return box->box_x;
}

void gw_cell_set_span(GwBlock *cell, guint col, guint colspan, guint rowspan)
{
    cell->col = col;
    cell->colspan = MAX(colspan, 1);
    cell->rowspan = MAX(rowspan, 1);
}

void gw_cell_get_span(const GwBlock *cell, guint *col, guint *colspan, guint *rowspan)
{
    if (col)
        *col = cell->col;
    if (colspan)
        *colspan = cell->colspan;
    if (rowspan)
        *rowspan = cell->rowspan;
}

void gw_cell_set_valign(GwBlock *cell, GwVAlign valign)
{
    cell->valign = valign;
}

GwVAlign gw_cell_get_valign(const GwBlock *cell)
{
    return cell->valign;
}

void gw_cell_set_shading(GwBlock *cell, gint32 rgb)
{
    cell->shading = rgb;
}

gint32 gw_cell_get_shading(const GwBlock *cell)
{
    return cell->shading;
}

GwBorder *gw_cell_get_borders(GwBlock *cell)
{
    return block_borders(cell);
}

GwBlock *gw_table_add_text_row(GwBlock *table, gboolean header, guint n, const char *const *texts)
{
    GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
    row->header_row = header;
    for (guint i = 0; i < n; i++) {
        GwBlock *cell = gw_block_new(GW_BLOCK_TABLE_CELL);
        GwBlock *para = gw_block_new(GW_BLOCK_PARAGRAPH);
        gw_cell_set_span(cell, i, 1, 1);
        if (texts[i] && *texts[i])
            gw_block_add_text(para, texts[i]);
        gw_block_append(cell, para);
        gw_block_append(row, cell);
    }
    gw_block_append(table, row);
    return row;
}

/* ---- images ------------------------------------------------------------ */

GwImage *gw_image_new(GBytes *data, const char *mime, double width, double height)
{
    GwImage *img = g_new0(GwImage, 1);
    img->data = g_bytes_ref(data);
    img->mime = g_strdup(mime);
    img->width = width;
    img->height = height;
    return img;
}

void gw_image_free(GwImage *image)
{
    if (!image)
        return;
    g_bytes_unref(image->data);
    g_free(image->mime);
    g_free(image->alt);
    g_free(image);
}

GBytes *gw_image_get_data(const GwImage *image)
{
    return image->data;
}

const char *gw_image_get_mime(const GwImage *image)
{
    return image->mime;
}

void gw_image_get_size(const GwImage *image, double *width, double *height)
{
    if (width)
        *width = image->width;
    if (height)
        *height = image->height;
}

void gw_image_set_alt(GwImage *image, const char *alt)
{
    g_free(image->alt);
    image->alt = g_strdup(alt);
}

const char *gw_image_get_alt(const GwImage *image)
{
    return image->alt;
}

void gw_image_set_placement(GwImage *image, const GwPlacement *placement)
{
    image->placement = *placement;
}

const GwPlacement *gw_image_get_placement(const GwImage *image)
{
    return &image->placement;
}

void gw_block_set_image(GwBlock *block, GwImage *image)
{
    gw_image_free(block->image);
    block->image = image;
}

GwImage *gw_block_get_image(const GwBlock *block)
{
    return block->image;
}

GwPageSetup *gw_block_get_page(GwBlock *section)
{
    return section->page;
}

/* ---- runs -------------------------------------------------------------- */

GwRun *gw_run_new(GwRunKind kind, const char *text)
{
    GwRun *r = g_new0(GwRun, 1);
    r->kind = kind;
    r->text = g_strdup(text);
    gw_run_style_init(&r->style);
    return r;
}

void gw_run_free(GwRun *run)
{
    if (!run)
        return;
    g_free(run->text);
    gw_run_style_clear(&run->style);
    g_free(run->link);
    g_free(run->field_format);
    gw_image_free(run->image);
    g_free(run->line_shape);
    if (run->note)
        g_ptr_array_unref(run->note);
    g_free(run);
}

GwRunKind gw_run_get_kind(const GwRun *run)
{
    return run->kind;
}

const char *gw_run_get_text(const GwRun *run)
{
    return run->text;
}

void gw_run_set_text(GwRun *run, const char *text)
{
    char *copy = g_strdup(text);
    g_free(run->text);
    run->text = copy;
}

GwRunStyle *gw_run_get_style(GwRun *run)
{
    return &run->style;
}

void gw_run_set_link(GwRun *run, const char *target)
{
    g_free(run->link);
    run->link = g_strdup(target);
}

const char *gw_run_get_link(const GwRun *run)
{
    return run->link;
}

void gw_run_set_lead(GwRun *run, gboolean lead)
{
    run->lead = lead;
}

gboolean gw_run_get_lead(const GwRun *run)
{
    return run->lead;
}

void gw_run_set_field(GwRun *run, GwFieldKind field)
{
    run->field = field;
}

GwFieldKind gw_run_get_field(const GwRun *run)
{
    return run->field;
}

void gw_run_set_field_format(GwRun *run, const char *format)
{
    char *copy = g_strdup(format);
    g_free(run->field_format);
    run->field_format = copy;
}

const char *gw_run_get_field_format(const GwRun *run)
{
    return run->field_format;
}

void gw_run_set_image(GwRun *run, GwImage *image)
{
    gw_image_free(run->image);
    run->image = image;
}

GwImage *gw_run_get_image(const GwRun *run)
{
    return run->image;
}

void gw_run_set_line_shape(GwRun *run, const GwLineShape *line)
{
    g_free(run->line_shape);
    run->line_shape = g_memdup2(line, sizeof *line);
}

const GwLineShape *gw_run_get_line_shape(const GwRun *run)
{
    return run->line_shape;
}

void gw_run_set_endnote(GwRun *run, gboolean endnote)
{
    run->endnote = endnote;
}

gboolean gw_run_get_endnote(const GwRun *run)
{
    return run->endnote;
}

void gw_run_append_note_block(GwRun *run, GwBlock *block)
{
    if (!run->note)
        run->note = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    g_ptr_array_add(run->note, block);
}

guint gw_run_n_note_blocks(const GwRun *run)
{
    return run->note ? run->note->len : 0;
}

GwBlock *gw_run_get_note_block(const GwRun *run, guint i)
{
    return i < gw_run_n_note_blocks(run) ? run->note->pdata[i] : NULL;
}

/* ---- traversal ---------------------------------------------------------- */

typedef struct {
    GwBlock *block;
    guint next_child;
} WalkFrame;

/* Iterative depth-first walk: an explicit stack instead of recursion. */
void gwi_block_walk(GwBlock *root, GwBlockVisit enter, GwBlockVisit leave, gpointer user)
{
    GArray *stack = g_array_new(FALSE, FALSE, sizeof(WalkFrame));
    WalkFrame top = { root, 0 };
    if (enter && !enter(root, 0, user))
        top.next_child = G_MAXUINT;
    g_array_append_val(stack, top);
    while (stack->len) {
        WalkFrame *f = &g_array_index(stack, WalkFrame, stack->len - 1);
        int depth = (int) stack->len - 1;
        if (f->next_child < gw_block_n_children(f->block)) {
            WalkFrame child = { f->block->children->pdata[f->next_child++], 0 };
            if (enter && !enter(child.block, depth + 1, user))
                child.next_child = G_MAXUINT;
            g_array_append_val(stack, child);
        } else {
            GwBlock *done = f->block;
            g_array_set_size(stack, stack->len - 1);
            if (leave)
                leave(done, depth, user);
        }
    }
    g_array_free(stack, TRUE);
}

void gw_document_walk(GwDocument *doc, GwBlockVisit enter, GwBlockVisit leave, gpointer user)
{
    for (guint i = 0; i < doc->blocks->len; i++)
        gwi_block_walk(doc->blocks->pdata[i], enter, leave, user);
}

const char *gw_block_kind_name(GwBlockKind kind)
{
    static const char *const names[] = {
        "title", "heading", "paragraph", "list", "list_item", "table", "table_row", "table_cell",
        "image", "page_break", "section", "attachments", "quote", "code", "rule", "note", "text_box",
    };
    return (guint) kind < G_N_ELEMENTS(names) ? names[kind] : "unknown";
}
