/* layout.c: the paginating layout engine.
 *
 * Blocks become boxes: a line of text, a table row group (rows bound by
 * row spans, laid out at once), an image, a rule.  Boxes go into a flow:
 * the page flow fills pages and hands a full page to the target, dropping
 * its boxes once drawn; a cell flow (table cells, headers, footers) just
 * collects them.  Page geometry and type follow GB/T 9704 unless the model
 * sets its own (GwPageSetup, GwParaStyle, GwRunStyle). */
#include <string.h>
#include "layout.h"
#include "limit-imp.h"

#define MM (72.0 / 25.4)
#define EPS 0.01
#define PU(x) ((int) ((x) * PANGO_SCALE))
#define FROM_PU(x) ((x) / (double) PANGO_SCALE)
#define GRID_LINES 22
#define GRID_CHARS 28
#define CHARS_PER_PAGE (GRID_LINES * GRID_CHARS)
#define CELL_PAD_X 5.4
#define CELL_PAD_Y 2.0
#define CELL_FONT_SIZE 12.0 /* 小四 */
#define DECORATION_FONT_SIZE 14.0 /* 四号 */
#define NOTE_FONT_SIZE 10.5 /* 五号 */
#define NOTE_SEPARATOR 12.0 /* above the footnotes: room for the rule */
#define MAX_COLUMNS 1000
#define SAMPLE_ROWS 40
#define TEXT_BOX_MIN_WIDTH 48 /* points: three characters of 三号 */

typedef struct {
    double w, h, mt, mb, ml, mr, header_dist, footer_dist;
    double area_w, area_h;
    double pitch;     /* grid line pitch: the page's own, or the type area's height / 22 */
    gboolean own_grid; /* the page setup has a line grid */
    double grid_char; /* grid character pitch: the type area's width / 28 */
} Geom;

typedef enum { BOX_LINE, BOX_GROUP, BOX_IMAGE, BOX_RULE } BoxKind;

typedef struct Group Group;

typedef struct {
    BoxKind kind;
    double x, y, w, h;
    gboolean keep_next;
    GwBlock *block;     /* the block it comes from */
    const char *tag;    /* structure tag of that block, NULL for none */
    gboolean first;     /* first box of its block */
    int outline_level;
    /* BOX_LINE */
    PangoLayout *layout; /* a reference */
    PangoLayoutLine *line;
    double line_x, baseline;
    double scale;        /* the line's characters drawn this wide (w:w), 1 = as laid out */
    double shade_x, shade_w; /* where `color`, the paragraph's shading, goes behind the line */
    GPtrArray *note_runs; /* footnotes (GwRun*, borrowed) the line refers to, or NULL */
    GPtrArray *floats;    /* floating pictures and line shapes (GwRun*, borrowed) anchored in the line, or NULL */
    /* On the page flow: the footnotes of what the box shows, laid out in
     * a collecting flow, and their height; they go on the box's page. */
    GPtrArray *note_boxes;
    double notes_h;
    /* BOX_IMAGE */
    cairo_surface_t *surface;
    /* BOX_RULE: a line `rule_width` thick whose middle is `rule_at` below the box's top */
    gint32 color;       /* BOX_RULE: the rule's; BOX_LINE: the shading behind it, -1 none */
    double rule_width, rule_at;
    /* BOX_LINE and BOX_RULE of a paragraph with side borders: the middles
     * of its left and right rules, and how far down the box they run */
    double side_x[2], side_from, side_to;
    /* BOX_GROUP: the part of the group shown here is [from, cut), and its
     * content boxes are those whose bottom lies in (cut_prev, cut]. */
    Group *group;
    double from, cut_prev, cut;
} Box;

typedef struct {
    GwBlock *block;
    double x, w, top, bottom;
    int row;
    GPtrArray *boxes; /* Box*, positioned in group coordinates */
} Cell;

/* Cell margins. */
typedef struct {
    double top, bottom, left, right;
} Pad;

struct Group {
    int refs;
    GwBlock *table;
    Pad pad;
    double x;      /* from the flow's left edge */
    double width, height;
    gboolean header;
    GArray *cells; /* Cell */
};

typedef struct {
    gboolean page;      /* the page flow; else boxes are collected */
    gboolean plain;     /* table cells, headers, footers: no GB/T 9704 grid */
    double font_size;   /* plain flows: the default size */
    gboolean header_row;
    GwAlign force_align; /* the alignment of every paragraph (a narrow text box's side), else GW_ALIGN_DEFAULT */
    double width;
    double y, pending;  /* collecting flows: height so far, space to add */
    GPtrArray *boxes;   /* collecting flows */
    GPtrArray *siblings; /* the blocks being emitted, and the index of the current one */
    guint index;
} Flow;

typedef struct {
    GwDocument *doc;
    const GwiTarget *target;
    gpointer user;
    GError **error;
    gboolean failed, stopped;
    GwiText text;
    Geom geom, next_geom;
    GwPageSetup *setup, *next_setup;
    int page_index, page_number, section_first_page;
    gboolean restart_numbering;
    int restart_at;
    gboolean page_open;
    cairo_t *cr;
    GPtrArray *page_boxes;
    double page_y, page_pending;
    double page_notes_h; /* footnotes of the boxes on the page */
    Group *table_header;
    int outline_ids[10];
    Flow page_flow;
} Engine;

static void emit_blocks(Engine *E, Flow *F, GPtrArray *blocks, double indent);
static void emit_block(Engine *E, Flow *F, GwBlock *b, double indent);
static void emit_note(Engine *E, Flow *F, GwRun *note);
static void draw_boxes(Engine *E, GPtrArray *boxes, double ox, double oy, double cut_prev, double cut);
static void draw_floats(Engine *E, const Box *b, double ox, double oy, gboolean behind);
static double next_part_start(const Group *g, double cut);

/* ---- geometry -------------------------------------------------------------- */

static double or_default(double v, double def)
{
    return gw_is_set(v) && v >= 0 ? v : def;
}

static void geom_from_setup(const GwPageSetup *p, Geom *g)
{
    g->w = or_default(p->width, 210 * MM);
    g->h = or_default(p->height, 297 * MM);
    if (p->landscape && g->w < g->h) {
        double t = g->w;
        g->w = g->h;
        g->h = t;
    }
    g->w = CLAMP(g->w, 72, 14400);
    g->h = CLAMP(g->h, 72, 14400);
    g->mt = or_default(p->margin_top, 37 * MM);
    g->mb = or_default(p->margin_bottom, 35 * MM);
    g->ml = or_default(p->margin_left, 28 * MM);
    g->mr = or_default(p->margin_right, 26 * MM);
    /* Margins leave at least an inch of type area. */
    if (g->ml + g->mr > g->w - 72)
        g->ml = g->mr = (g->w - 72) / 2;
    if (g->mt + g->mb > g->h - 72)
        g->mt = g->mb = (g->h - 72) / 2;
    g->header_dist = or_default(p->header_distance, 15 * MM);
    g->footer_dist = or_default(p->footer_distance, 17.5 * MM);
    g->area_w = g->w - g->ml - g->mr;
    g->area_h = g->h - g->mt - g->mb;
    g->own_grid = gw_is_set(p->line_pitch) && p->line_pitch >= 1 && p->line_pitch <= g->area_h;
    g->pitch = g->own_grid ? p->line_pitch : g->area_h / GRID_LINES;
    /* The page's character grid, else gongwen's with gongwen's line grid.
     * A grid holds a whole number of characters a line: Word's charSpace
     * for 28 characters (-842 with 三号) is a hair too wide for 28. */
    if (gw_is_set(p->char_pitch) && p->char_pitch >= 1 && p->char_pitch <= g->area_w)
        g->grid_char = g->area_w / floor(g->area_w / p->char_pitch + 0.05);
    else if (gw_is_set(p->char_pitch))
        g->grid_char = 0;
    else
        g->grid_char = g->own_grid ? 0 : g->area_w / GRID_CHARS;
}

/* ---- boxes and groups ------------------------------------------------------ */

static Box *box_new(BoxKind kind, GwBlock *block)
{
    Box *b = g_new0(Box, 1);
    b->kind = kind;
    b->block = block;
    b->color = -1;
    b->scale = 1;
    return b;
}

static void group_unref(Group *g);

static void box_free(Box *b)
{
    if (!b)
        return;
    if (b->layout)
        g_object_unref(b->layout);
    if (b->surface)
        cairo_surface_destroy(b->surface);
    if (b->group)
        group_unref(b->group);
    if (b->note_runs)
        g_ptr_array_unref(b->note_runs);
    if (b->floats)
        g_ptr_array_unref(b->floats);
    if (b->note_boxes)
        g_ptr_array_unref(b->note_boxes);
    g_free(b);
}

static Group *group_ref(Group *g)
{
    g->refs++;
    return g;
}

static void group_unref(Group *g)
{
    if (!g || --g->refs > 0)
        return;
    for (guint i = 0; i < g->cells->len; i++)
        g_ptr_array_unref(g_array_index(g->cells, Cell, i).boxes);
    g_array_unref(g->cells);
    g_free(g);
}

static Box *group_box(Group *g, double from, double cut_prev, double cut)
{
    Box *b = box_new(BOX_GROUP, g->table);
    b->group = group_ref(g);
    b->from = from;
    b->cut_prev = cut_prev;
    b->cut = cut;
    b->x = g->x;
    b->w = g->width;
    b->h = MIN(cut, g->height) - from;
    b->tag = "Table";
    return b;
}

/* ---- pages ------------------------------------------------------------------ */

static void fail(Engine *E, GError *error)
{
    if (!E->failed)
        g_propagate_error(E->error, error);
    else
        g_error_free(error);
    E->failed = E->stopped = TRUE;
}

static void open_page(Engine *E)
{
    guint64 max_pages = gw_read_options_get_limit(NULL, GW_LIMIT_PAGES);
    if ((guint64) E->page_index >= max_pages) {
        GError *error = NULL;
        gwi_limit_error(&error, GW_LIMIT_PAGES, max_pages, "%s: page %d", E->target->name ? E->target->name : "document",
                        E->page_index + 1);
        fail(E, error);
        return;
    }
    E->geom = E->next_geom;
    E->setup = E->next_setup;
    E->page_index++;
    if (E->restart_numbering) {
        E->page_number = E->restart_at;
        E->section_first_page = E->page_index;
        E->restart_numbering = FALSE;
    } else {
        E->page_number++;
    }
    E->page_open = TRUE;
    E->page_y = 0;
}

static gboolean uses_header_footer(const GwPageSetup *p)
{
    for (int i = 0; i < 3; i++)
        if (p->header[i] || p->footer[i])
            return TRUE;
    return FALSE;
}

/* Lay out blocks of a header or footer for the current page. */
static GPtrArray *layout_decoration(Engine *E, GPtrArray *blocks, double *height)
{
    Flow f = { .plain = TRUE, .font_size = DECORATION_FONT_SIZE, .width = E->geom.area_w,
               .boxes = g_ptr_array_new_with_free_func((GDestroyNotify) box_free) };
    E->text.page = E->page_number;
    E->text.page_format = E->setup->page_number_format;
    emit_blocks(E, &f, blocks, 0);
    E->text.page = 0;
    *height = f.y + f.pending;
    return f.boxes;
}

static GPtrArray *pick_decoration(Engine *E, GPtrArray *const *set)
{
    const GwPageSetup *p = E->setup;
    if (p->title_page && E->page_index == E->section_first_page)
        return set[1];
    if (p->even_and_odd && E->page_number % 2 == 0)
        return set[2];
    return set[0];
}

static void draw_header_footer(Engine *E)
{
    GPtrArray *header = pick_decoration(E, E->setup->header);
    GPtrArray *footer = pick_decoration(E, E->setup->footer);
    double h;
    if (header) {
        GPtrArray *boxes = layout_decoration(E, header, &h);
        draw_boxes(E, boxes, E->geom.ml, E->geom.header_dist, -1, G_MAXDOUBLE);
        g_ptr_array_unref(boxes);
    }
    if (footer) {
        GPtrArray *boxes = layout_decoration(E, footer, &h);
        draw_boxes(E, boxes, E->geom.ml, E->geom.h - E->geom.footer_dist - h, -1, G_MAXDOUBLE);
        g_ptr_array_unref(boxes);
    }
}

/* GB/T 9704 page number: "— N —" in 四号 (14 pt) 宋体, odd pages right and
 * even pages left, one character in from the type area, its dashes 7 mm
 * below the type area. */
static void draw_page_number(Engine *E)
{
    const double size = DECORATION_FONT_SIZE;
    char *text = g_strdup_printf("— %d —", E->page_number);
    PangoLayout *layout = pango_layout_new(E->text.pango);
    PangoFontDescription *desc = pango_font_description_from_string("宋体");
    pango_font_description_set_absolute_size(desc, PU(size));
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_text(layout, text, -1);
    int w;
    pango_layout_get_size(layout, &w, NULL);
    double x = E->page_number % 2 ? E->geom.w - E->geom.mr - size - FROM_PU(w) : E->geom.ml + size;
    /* The dash sits about 0.3 em above the baseline. */
    double baseline = E->geom.h - E->geom.mb + 7 * MM + 0.3 * size;
    cairo_move_to(E->cr, x, baseline);
    pango_cairo_show_layout_line(E->cr, pango_layout_get_line_readonly(layout, 0));
    g_object_unref(layout);
    g_free(text);
}

/* Room footnotes `height` high take, with the rule above them. */
static double notes_room(double height)
{
    return height > EPS ? height + NOTE_SEPARATOR : 0;
}

/* The footnotes of the page's boxes at the foot of the type area, under a
 * short rule. */
static void draw_footnotes(Engine *E)
{
    if (E->page_notes_h <= EPS)
        return;
    double y = E->geom.mt + E->geom.area_h - E->page_notes_h;
    if (E->cr) {
        cairo_save(E->cr);
        cairo_set_source_rgb(E->cr, 0, 0, 0);
        cairo_set_line_width(E->cr, 0.5);
        cairo_move_to(E->cr, E->geom.ml, y - NOTE_SEPARATOR / 2);
        cairo_rel_line_to(E->cr, MIN(144, E->geom.area_w / 3), 0);
        cairo_stroke(E->cr);
        cairo_restore(E->cr);
    }
    for (guint i = 0; i < E->page_boxes->len; i++) {
        const Box *b = E->page_boxes->pdata[i];
        if (!b->note_boxes)
            continue;
        draw_boxes(E, b->note_boxes, E->geom.ml, y, -1, G_MAXDOUBLE);
        y += b->notes_h;
    }
}

static void finish_page(Engine *E)
{
    if (!E->page_open)
        return;
    E->page_open = FALSE;
    /* The target sees the page only now that it is complete: a PDF target
     * writes the previous page meanwhile. */
    GError *error = NULL;
    E->cr = E->target->begin_page(E->user, E->page_index, E->geom.w, E->geom.h, &error);
    if (error) {
        g_ptr_array_set_size(E->page_boxes, 0);
        fail(E, error);
        return;
    }
    for (guint i = 0; i < E->page_boxes->len; i++)
        draw_floats(E, E->page_boxes->pdata[i], E->geom.ml, E->geom.mt, TRUE);
    draw_boxes(E, E->page_boxes, E->geom.ml, E->geom.mt, -1, G_MAXDOUBLE);
    draw_footnotes(E);
    E->page_notes_h = 0;
    if (uses_header_footer(E->setup))
        draw_header_footer(E);
    else if (E->cr)
        draw_page_number(E);
    g_ptr_array_set_size(E->page_boxes, 0);
    if (!E->target->end_page(E->user, E->page_index, E->cr, &error))
        fail(E, error);
    E->cr = NULL;
    if (E->target->last_page && E->page_index >= E->target->last_page)
        E->stopped = TRUE;
}

static void ensure_page(Engine *E)
{
    if (!E->page_open && !E->stopped)
        open_page(E);
}

/* Append a box at the current position of the page.  Space above the
 * first box of a page is kept only on the first page and after a break the
 * document asks for (new_page drops it). */
static void put_on_page(Engine *E, Box *b)
{
    b->y = E->page_y + E->page_pending;
    E->page_y = b->y + b->h;
    E->page_pending = 0;
    E->page_notes_h += b->notes_h;
    g_ptr_array_add(E->page_boxes, b);
}

/* Start a new page.  Boxes at the end of the page that must stay with what
 * follows (a heading) move along, unless they fill the whole page. */
static void new_page(Engine *E)
{
    guint keep = E->page_boxes->len;
    while (keep > 0 && ((Box *) E->page_boxes->pdata[keep - 1])->keep_next)
        keep--;
    GPtrArray *moved = g_ptr_array_new();
    if (keep > 0)
        for (guint i = keep; i < E->page_boxes->len; i++) {
            /* Moved, not freed: the slot is emptied before the range goes. */
            g_ptr_array_add(moved, E->page_boxes->pdata[i]);
            E->page_boxes->pdata[i] = NULL;
        }
    g_ptr_array_remove_range(E->page_boxes, E->page_boxes->len - moved->len, moved->len);
    gboolean header_moves = FALSE;
    for (guint i = 0; i < moved->len; i++) {
        Box *b = moved->pdata[i];
        header_moves |= b->group == E->table_header && E->table_header;
        E->page_notes_h -= b->notes_h;
    }
    finish_page(E);
    ensure_page(E);
    E->page_pending = 0;
    if (E->table_header && !header_moves && !E->stopped)
        put_on_page(E, group_box(E->table_header, 0, -1, G_MAXDOUBLE));
    double shift = moved->len ? ((Box *) moved->pdata[0])->y : 0;
    for (guint i = 0; i < moved->len; i++) {
        Box *b = moved->pdata[i];
        b->y += E->page_y - shift;
        E->page_notes_h += b->notes_h;
        g_ptr_array_add(E->page_boxes, b);
    }
    if (moved->len) {
        Box *last = moved->pdata[moved->len - 1];
        E->page_y = last->y + last->h;
    }
    g_ptr_array_unref(moved);
}

static double page_room(Engine *E)
{
    return E->geom.area_h - E->page_y - E->page_pending - notes_room(E->page_notes_h);
}

/* Whether the window (cut_prev, cut] shows a box: a box whose bottom lies
 * in it, or a table that overlaps it (a nested table breaks across pages
 * with the cell that holds it). */
static gboolean window_shows(const Box *b, double cut_prev, double cut)
{
    double bottom = b->y + b->h;
    if (b->kind == BOX_GROUP)
        return b->y < cut - EPS && bottom > cut_prev + EPS;
    return bottom > cut_prev + EPS && bottom <= cut + EPS;
}

/* Calls `visit` on each content box (a line, picture or rule) that the
 * window (cut_prev, cut] of a group shows, looking into nested tables,
 * until it returns TRUE; returns whether it did. */
typedef gboolean (*ShownVisit)(const Box *b, gpointer user);

static gboolean visit_shown(const Group *g, double cut_prev, double cut, ShownVisit visit, gpointer user)
{
    for (guint i = 0; i < g->cells->len; i++) {
        GPtrArray *boxes = g_array_index(g->cells, Cell, i).boxes;
        for (guint j = 0; j < boxes->len; j++) {
            const Box *c = boxes->pdata[j];
            if (!window_shows(c, cut_prev, cut))
                continue;
            if (c->kind == BOX_GROUP ? visit_shown(c->group, cut_prev - c->y, cut - c->y, visit, user) : visit(c, user))
                return TRUE;
        }
    }
    return FALSE;
}

static gboolean add_footnotes(const Box *b, gpointer runs)
{
    if (b->kind == BOX_LINE && b->note_runs)
        g_ptr_array_extend(runs, b->note_runs, NULL, NULL);
    return FALSE;
}

/* The footnotes of the lines a box shows: a line's own, or those of the
 * lines in the part of a table it shows. */
static void collect_footnotes(const Box *b, GPtrArray *runs)
{
    if (b->kind == BOX_GROUP)
        visit_shown(b->group, b->cut_prev, b->cut, add_footnotes, runs);
    else
        add_footnotes(b, runs);
}

/* Lay out the footnotes a box on the page flow brings along. */
static void attach_footnotes(Engine *E, Box *b)
{
    GPtrArray *runs = g_ptr_array_new();
    collect_footnotes(b, runs);
    if (runs->len) {
        Flow f = { .plain = TRUE, .font_size = NOTE_FONT_SIZE, .width = E->geom.area_w,
                   .boxes = g_ptr_array_new_with_free_func((GDestroyNotify) box_free) };
        for (guint i = 0; i < runs->len && !E->stopped; i++)
            emit_note(E, &f, runs->pdata[i]);
        b->note_boxes = f.boxes;
        b->notes_h = f.y + f.pending;
    }
    g_ptr_array_unref(runs);
}

/* Place a box in a flow (taking ownership). */
static void place(Engine *E, Flow *F, Box *b)
{
    if (!F->page) {
        b->y = F->y + F->pending;
        F->y = b->y + b->h;
        F->pending = 0;
        g_ptr_array_add(F->boxes, b);
        return;
    }
    ensure_page(E);
    if (E->stopped) {
        box_free(b);
        return;
    }
    if (!b->note_boxes)
        attach_footnotes(E, b);
    double notes = notes_room(E->page_notes_h + b->notes_h) - notes_room(E->page_notes_h);
    if (E->page_boxes->len && b->h + notes > page_room(E) + EPS)
        new_page(E);
    if (E->stopped) {
        box_free(b);
        return;
    }
    put_on_page(E, b);
}

/* Space between blocks: the larger of the space after one and the space
 * before the next, as Word (and LibreOffice reading a DOCX) sets it. */
static void add_space(Engine *E, Flow *F, double space)
{
    double *pending = F->page ? &E->page_pending : &F->pending;
    *pending = MAX(*pending, space);
}

static void break_page(Engine *E, Flow *F)
{
    if (F->page && E->page_open && E->page_boxes->len) {
        finish_page(E);
        E->page_pending = 0; /* the space after the last paragraph */
    }
}

/* ---- drawing ------------------------------------------------------------------ */

static char *escape_attr(const char *s)
{
    GString *out = g_string_new(NULL);
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\')
            g_string_append_c(out, '\\');
        g_string_append_c(out, *s);
    }
    return g_string_free(out, FALSE);
}

static void draw_links(Engine *E, const Box *b, double x, double top)
{
    GArray *links = gwi_text_links(b->layout);
    if (!links || !E->target->tagged)
        return;
    int ls = b->line->start_index, le = ls + b->line->length;
    for (guint i = 0; i < links->len; i++) {
        const GwiLink *k = &g_array_index(links, GwiLink, i);
        if (k->end <= ls || k->start >= le)
            continue;
        int x0, x1;
        pango_layout_line_index_to_x(b->line, MAX(k->start, ls), FALSE, &x0);
        pango_layout_line_index_to_x(b->line, MIN(k->end, le), FALSE, &x1);
        if (x1 < x0) {
            int t = x0;
            x0 = x1;
            x1 = t;
        }
        gboolean internal = k->target[0] == '#' && g_hash_table_contains(E->text.anchors, k->target + 1);
        char *target = escape_attr(internal ? k->target + 1 : k->target);
        char *attrs = g_strdup_printf("%s='%s' rect=[%.2f %.2f %.2f %.2f]", internal ? "dest" : "uri", target,
                                      x + FROM_PU(x0) * b->scale, top, FROM_PU(x1 - x0) * b->scale, b->h);
        cairo_tag_begin(E->cr, CAIRO_TAG_LINK, attrs);
        cairo_tag_end(E->cr, CAIRO_TAG_LINK);
        g_free(attrs);
        g_free(target);
    }
}

static void set_rgb(cairo_t *cr, gint32 rgb)
{
    if (rgb < 0)
        rgb = 0;
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

static void draw_line(Engine *E, const Box *b, double ox, double oy)
{
    if (E->target->line_placed)
        E->target->line_placed(E->user, E->page_index, pango_layout_get_text(b->layout) + b->line->start_index,
                               (gsize) b->line->length);
    if (!E->cr)
        return;
    double x = ox + b->x + b->line_x, top = oy + b->y;
    /* Pictures behind the text of the page flow were drawn before it; in
     * cells, headers and footers, before the line. */
    if (b->floats && !g_ptr_array_find(E->page_boxes, b, NULL))
        draw_floats(E, b, ox, oy, TRUE);
    cairo_save(E->cr);
    if (b->color >= 0) {
        set_rgb(E->cr, b->color);
        cairo_rectangle(E->cr, ox + b->shade_x, top, b->shade_w, b->h);
        cairo_fill(E->cr);
    }
    cairo_set_source_rgb(E->cr, 0, 0, 0); /* text without a colour of its own is black */
    cairo_translate(E->cr, x, top + b->baseline);
    cairo_scale(E->cr, b->scale, 1);
    cairo_move_to(E->cr, 0, 0);
    pango_cairo_show_layout_line(E->cr, b->line);
    gwi_draw_emphasis(E->cr, b->layout, b->line);
    gwi_draw_tab_leaders(E->cr, b->line, (int) lround(b->line_x / b->scale * PANGO_SCALE));
    cairo_restore(E->cr);
    draw_links(E, b, x, top);
    draw_floats(E, b, ox, oy, FALSE);
}

static void draw_image(Engine *E, const Box *b, double ox, double oy)
{
    if (E->cr && b->surface) /* none: a picture that cannot be drawn keeps its place */
        gwi_draw_picture(E->cr, b->surface, ox + b->x, oy + b->y, b->w, b->h);
}

/* Where a picture `extent` long starts on one axis of an area [start,
 * start + size). */
static double place_on_axis(GwPlaceAlign align, double start, double size, double extent, double offset)
{
    switch (align) {
    case GW_PLACE_START:
        return start;
    case GW_PLACE_CENTER:
        return start + (size - extent) / 2;
    case GW_PLACE_END:
        return start + size - extent;
    default:
        return start + offset;
    }
}

/* The top left corner of a box w x h placed by `pl`, anchored in a line
 * whose left end and top are at (x, top) on the page: from the page, the
 * type area or the line. */
static void place_box(const Engine *E, const GwPlacement *pl, double w, double h, double x, double top, double *px,
                      double *py)
{
    const Geom *g = &E->geom;
    *px = pl->h_from == GW_FROM_PAGE     ? place_on_axis(pl->h_align, 0, g->w, w, pl->x)
          : pl->h_from == GW_FROM_MARGIN ? place_on_axis(pl->h_align, g->ml, g->area_w, w, pl->x)
                                         : place_on_axis(pl->h_align, x, g->ml + g->area_w - x, w, pl->x);
    *py = pl->v_from == GW_FROM_PAGE     ? place_on_axis(pl->v_align, 0, g->h, h, pl->y)
          : pl->v_from == GW_FROM_MARGIN ? place_on_axis(pl->v_align, g->mt, g->area_h, h, pl->y)
                                         : place_on_axis(pl->v_align, top, 0, h, pl->y);
    /* far off the page, but inside Cairo's coordinates */
    *px = isfinite(*px) ? CLAMP(*px, -1e5, 1e5) : 0;
    *py = isfinite(*py) ? CLAMP(*py, -1e5, 1e5) : 0;
}

static void draw_float_picture(Engine *E, const GwImage *img, double x, double top)
{
    cairo_surface_t *s = gwi_image_surface(img, E->doc);
    if (!s)
        return;
    double w, h, px, py;
    gwi_image_fit(img, s, E->geom.w, E->geom.h, &w, &h);
    place_box(E, &img->placement, w, h, x, top, &px, &py);
    gwi_draw_picture(E->cr, s, px, py, w, h);
    cairo_surface_destroy(s);
}

static void draw_line_shape(Engine *E, const GwLineShape *line, double x, double top)
{
    double w = CLAMP(line->width, 0, E->geom.w * 4), h = CLAMP(line->height, 0, E->geom.h * 4), px, py;
    place_box(E, &line->placement, w, h, x, top, &px, &py);
    cairo_save(E->cr);
    set_rgb(E->cr, line->color);
    cairo_set_line_width(E->cr, CLAMP(line->stroke, 0.1, 100));
    cairo_move_to(E->cr, px, line->rising ? py + h : py);
    cairo_line_to(E->cr, px + w, line->rising ? py : py + h);
    cairo_stroke(E->cr);
    cairo_restore(E->cr);
}

/* Where a run drawn over the page sits, and whether behind the text. */
static const GwPlacement *run_placement(const GwRun *r)
{
    return r->kind == GW_RUN_LINE_SHAPE ? &r->line_shape->placement : &r->image->placement;
}

/* The floating pictures and line shapes of a line: those behind the text,
 * or the others. */
static void draw_floats(Engine *E, const Box *b, double ox, double oy, gboolean behind)
{
    for (guint i = 0; E->cr && b->floats && i < b->floats->len; i++) {
        const GwRun *r = b->floats->pdata[i];
        if (run_placement(r)->behind != behind)
            continue;
        if (r->kind == GW_RUN_LINE_SHAPE)
            draw_line_shape(E, r->line_shape, ox + b->x + b->line_x, oy + b->y);
        else
            draw_float_picture(E, r->image, ox + b->x + b->line_x, oy + b->y);
    }
}


static void draw_rule(Engine *E, const Box *b, double ox, double oy)
{
    if (!E->cr || !(b->rule_width > 0))
        return;
    cairo_save(E->cr);
    set_rgb(E->cr, b->color);
    cairo_set_line_width(E->cr, b->rule_width);
    cairo_move_to(E->cr, ox + b->x, oy + b->y + b->rule_at);
    cairo_rel_line_to(E->cr, b->w, 0);
    cairo_stroke(E->cr);
    cairo_restore(E->cr);
}

/* A paragraph rule's thickness: its width, at most Word's 12 pt. */
static double rule_thickness(const GwBorder *border)
{
    return MIN(border->width, 12);
}

/* The left and right rules of a paragraph's box along one of its boxes. */
static void draw_sides(Engine *E, const Box *b, double ox, double oy)
{
    const GwParaStyle *s = b->block ? &b->block->style : NULL;
    if (!E->cr || !s || (b->kind != BOX_LINE && b->kind != BOX_RULE) || !(b->side_to > b->side_from))
        return;
    const GwBorder *sides[2] = { &s->border_left, &s->border_right };
    cairo_save(E->cr);
    for (int i = 0; i < 2; i++) {
        if (!(sides[i]->width > 0))
            continue;
        set_rgb(E->cr, sides[i]->color);
        cairo_set_line_width(E->cr, rule_thickness(sides[i]));
        cairo_move_to(E->cr, ox + b->side_x[i], oy + b->y + b->side_from);
        cairo_line_to(E->cr, ox + b->side_x[i], oy + b->y + b->side_to);
        cairo_stroke(E->cr);
    }
    cairo_restore(E->cr);
}

/* Width of one side of a cell's border: the cell's own, else the table's
 * (outer or inside), else 0.5 pt. */
static double border_width(const Cell *c, const Group *g, int side, gboolean outer, GwBorder *color)
{
    const GwBorder *own = &c->block->borders[side];
    const GwBorder *table = &g->table->borders[outer ? side : (side == GW_SIDE_TOP || side == GW_SIDE_BOTTOM) ? GW_SIDE_INSIDE_H : GW_SIDE_INSIDE_V];
    const GwBorder *use = gw_is_set(own->width) ? own : gw_is_set(table->width) ? table : NULL;
    color->color = use ? use->color : -1;
    return use ? CLAMP(use->width, 0, 12) : 0.5;
}

/* The border lines of a table part, stroked once per width and colour:
 * Cairo's PDF surface costs for every drawing operation on a page (it
 * keeps their extents in a region), and a table has four sides a cell. */
typedef struct {
    double width;
    gint32 color;
    GArray *segments; /* double x0, y0, x1, y1 */
} BorderStroke;

static void add_side(GArray *strokes, double width, gint32 color, double x0, double y0, double x1, double y1)
{
    if (width <= 0)
        return;
    BorderStroke *s = NULL;
    for (guint i = 0; !s && i < strokes->len; i++) {
        BorderStroke *t = &g_array_index(strokes, BorderStroke, i);
        if (t->width == width && t->color == color)
            s = t;
    }
    if (!s) {
        BorderStroke n = { width, color, g_array_new(FALSE, FALSE, sizeof(double)) };
        g_array_append_val(strokes, n);
        s = &g_array_index(strokes, BorderStroke, strokes->len - 1);
    }
    double seg[4] = { x0, y0, x1, y1 };
    g_array_append_vals(s->segments, seg, 4);
}

static void stroke_sides(cairo_t *cr, GArray *strokes)
{
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    for (guint i = 0; i < strokes->len; i++) {
        BorderStroke *s = &g_array_index(strokes, BorderStroke, i);
        const double *seg = (const double *) s->segments->data;
        for (guint k = 0; k + 4 <= s->segments->len; k += 4) {
            cairo_move_to(cr, seg[k], seg[k + 1]);
            cairo_line_to(cr, seg[k + 2], seg[k + 3]);
        }
        set_rgb(cr, s->color);
        cairo_set_line_width(cr, s->width);
        cairo_stroke(cr);
        g_array_free(s->segments, TRUE);
    }
    cairo_restore(cr);
}

static void add_cell_sides(GArray *strokes, const Group *g, const Cell *c, double x, double top, double bottom)
{
    GwBorder color;
    double w;
    w = border_width(c, g, GW_SIDE_TOP, c->top <= 0, &color);
    add_side(strokes, w, color.color, x, top, x + c->w, top);
    w = border_width(c, g, GW_SIDE_BOTTOM, c->bottom >= g->height - EPS, &color);
    add_side(strokes, w, color.color, x, bottom, x + c->w, bottom);
    w = border_width(c, g, GW_SIDE_LEFT, c->x <= EPS, &color);
    add_side(strokes, w, color.color, x, top, x, bottom);
    w = border_width(c, g, GW_SIDE_RIGHT, c->x + c->w >= g->width - EPS, &color);
    add_side(strokes, w, color.color, x + c->w, top, x + c->w, bottom);
}

/* Where cell `c` of the part [from, cut) of a group with its top at page y
 * `oy` is drawn; FALSE when it is outside the part. */
static gboolean cell_extent(const Box *b, const Cell *c, double oy, double cut, double *top, double *bottom)
{
    if (c->bottom <= b->from + EPS || c->top >= cut - EPS)
        return FALSE;
    *top = oy + MAX(c->top, b->from) - b->from;
    *bottom = oy + MIN(c->bottom, cut) - b->from;
    return TRUE;
}

/* The shading, then the borders, of the cells of a group's part. */
static void draw_cell_frames(Engine *E, const Box *b, double ox, double oy, double cut)
{
    const Group *g = b->group;
    cairo_t *cr = E->cr;
    GArray *strokes = g_array_new(FALSE, FALSE, sizeof(BorderStroke));
    double top, bottom;
    cairo_save(cr); /* the shading's colour must not become the text's */
    for (guint i = 0; i < g->cells->len; i++) {
        const Cell *c = &g_array_index(g->cells, Cell, i);
        if (!cell_extent(b, c, oy, cut, &top, &bottom))
            continue;
        if (c->block->shading >= 0) {
            set_rgb(cr, c->block->shading);
            cairo_rectangle(cr, ox + c->x, top, c->w, bottom - top);
            cairo_fill(cr);
        }
        add_cell_sides(strokes, g, c, ox + c->x, top, bottom);
    }
    stroke_sides(cr, strokes);
    cairo_restore(cr);
    g_array_free(strokes, TRUE);
}

/* Draw the part [from, cut) of a group with its top at page y `oy`. */
static void draw_group(Engine *E, const Box *b, double ox, double oy)
{
    const Group *g = b->group;
    double cut = MIN(b->cut, g->height), top, bottom;
    int open_row = -1;
    if (E->cr)
        draw_cell_frames(E, b, ox, oy, cut);
    for (guint i = 0; i < g->cells->len; i++) {
        const Cell *c = &g_array_index(g->cells, Cell, i);
        if (!cell_extent(b, c, oy, cut, &top, &bottom))
            continue;
        if (E->cr && E->target->tagged) {
            if (c->row != open_row) {
                if (open_row >= 0)
                    cairo_tag_end(E->cr, "TR");
                cairo_tag_begin(E->cr, "TR", NULL);
                open_row = c->row;
            }
            cairo_tag_begin(E->cr, g->header ? "TH" : "TD", NULL);
        }
        draw_boxes(E, c->boxes, ox, oy - b->from, b->cut_prev, b->cut);
        if (E->cr && E->target->tagged)
            cairo_tag_end(E->cr, g->header ? "TH" : "TD");
    }
    if (E->cr && E->target->tagged && open_row >= 0)
        cairo_tag_end(E->cr, "TR");
}

static void add_outline(Engine *E, const Box *b, double ox, double oy)
{
    int level = CLAMP(b->outline_level, 1, 9);
    int parent = 0;
    for (int l = level - 1; l >= 1 && !parent; l--)
        parent = E->outline_ids[l];
    char *text = gw_block_get_text(b->block);
    g_strstrip(text);
    if (*text) {
        E->outline_ids[level] = E->target->add_outline(E->user, parent, text, E->page_index, ox, oy + b->y);
        for (int l = level + 1; l < 10; l++)
            E->outline_ids[l] = 0;
    }
    g_free(text);
}

/* Draw the part of a group box that the window (cut_prev, cut] of the
 * boxes around it shows: the box's own part of the group for a table on the
 * page, a slice of a table nested in a cell that breaks across pages. */
static void draw_group_part(Engine *E, const Box *b, double ox, double oy, double cut_prev, double cut)
{
    Box part = *b;
    /* box coordinates y map to group coordinates y - b->y + b->from */
    double shift = b->from - b->y;
    part.cut_prev = MAX(b->cut_prev, cut_prev + shift);
    part.cut = MIN(b->cut, cut + shift);
    if (part.cut_prev > b->cut_prev + EPS) {
        double start = next_part_start(b->group, part.cut_prev);
        part.from = MAX(b->from, start);
    }
    draw_group(E, &part, ox + b->x, oy + b->y + part.from - b->from);
}

static void draw_box(Engine *E, const Box *b, double ox, double oy, double cut_prev, double cut)
{
    gboolean dest = E->cr && E->target->tagged && b->first && b->block && b->block->anchor;
    if (dest) {
        char *name = escape_attr(b->block->anchor);
        char *attrs = g_strdup_printf("name='%s'", name);
        cairo_tag_begin(E->cr, CAIRO_TAG_DEST, attrs);
        g_free(attrs);
        g_free(name);
    }
    if (E->cr && b->first && b->outline_level > 0 && E->target->add_outline)
        add_outline(E, b, ox, oy);
    switch (b->kind) {
    case BOX_LINE:
        draw_line(E, b, ox, oy);
        break;
    case BOX_GROUP:
        draw_group_part(E, b, ox, oy, cut_prev, cut);
        break;
    case BOX_IMAGE:
        draw_image(E, b, ox, oy);
        break;
    case BOX_RULE:
        draw_rule(E, b, ox, oy);
        break;
    }
    draw_sides(E, b, ox, oy);
    if (dest)
        cairo_tag_end(E->cr, CAIRO_TAG_DEST);
}

/* Draw the boxes the window (cut_prev, cut] shows, at offset (ox, oy).
 * Consecutive boxes of one block share one structure tag. */
static void draw_boxes(Engine *E, GPtrArray *boxes, double ox, double oy, double cut_prev, double cut)
{
    const Box *open = NULL;
    gboolean tags = E->cr && E->target->tagged;
    for (guint i = 0; i < boxes->len; i++) {
        const Box *b = boxes->pdata[i];
        if (!window_shows(b, cut_prev, cut))
            continue;
        if (tags && (!open || open->block != b->block || open->tag != b->tag)) {
            if (open && open->tag)
                cairo_tag_end(E->cr, open->tag);
            if (b->tag)
                cairo_tag_begin(E->cr, b->tag, NULL);
            open = b;
        }
        draw_box(E, b, ox, oy, cut_prev, cut);
    }
    if (tags && open && open->tag)
        cairo_tag_end(E->cr, open->tag);
}

/* ---- paragraphs ---------------------------------------------------------------- */

static gboolean style_is(const GwParaStyle *s, const char *name)
{
    return s->style_name && g_ascii_strcasecmp(s->style_name, name) == 0;
}

/* GB/T 9704 defaults for a block's role. */
static void para_defaults(Engine *E, const Flow *F, GwBlock *b, GwiPara *p)
{
    memset(p, 0, sizeof *p);
    int level = b->kind == GW_BLOCK_TITLE ? -1 : b->kind == GW_BLOCK_HEADING ? MAX(b->level, 1) : 0;
    gwi_face_for_level(level, &p->face);
    p->multiple = 1;
    p->tag = "P";
    if (F->plain) {
        p->face.size = F->font_size;
        p->align = F->header_row ? GW_ALIGN_CENTER : GW_ALIGN_LEFT;
        return;
    }
    p->pitch = E->next_geom.pitch;
    p->grid_char = E->next_geom.grid_char;
    p->align = GW_ALIGN_JUSTIFY;
    /* Two characters of the grid (of the font size off the grid). */
    p->indent_first = 2 * p->grid_char;
    if (b->kind == GW_BLOCK_TITLE) {
        p->align = GW_ALIGN_CENTER;
        p->indent_first = 0;
        p->grid_char = 0;
        p->pitch = 1.5 * p->face.size;
        p->exact = TRUE;
        p->space_after = E->next_geom.pitch;
        p->keep_next = TRUE;
        p->tag = "H1";
    } else if (b->kind == GW_BLOCK_HEADING) {
        p->keep_next = TRUE;
        p->outline_level = level;
        static const char *const tags[] = { "H2", "H3", "H4", "H5", "H6" };
        p->tag = tags[MIN(level, 5) - 1];
    } else if (b->kind == GW_BLOCK_CODE) {
        p->face.latin = p->face.ea = "Courier New";
        p->face.size = 12;
        p->align = GW_ALIGN_LEFT;
        p->indent_first = 0;
        p->grid_char = 0;
        p->pitch = 0;
    } else if (style_is(&b->style, "Signature") || style_is(&b->style, "Date")) {
        p->align = GW_ALIGN_RIGHT;
        p->indent_first = 0;
        p->indent_right = 4 * p->grid_char;
    }
    p->lead_level = b->kind == GW_BLOCK_PARAGRAPH ? b->level : 0;
}

/* Line spacing.  On a page with a line grid of its own (a DOCX's docGrid,
 * rows `grid_pitch` high) lines take whole rows of it, proportional spacing
 * adding to that, exact and minimum spacing ignored, as LibreOffice lays
 * such a page out, and the page's character grid (if any) holds.  Else the
 * spacing the model sets replaces gongwen's grid, and the role's (a GB/T
 * 9704 title's exact pitch) with it. */
static void para_apply_spacing(const GwParaStyle *s, double grid_pitch, GwiPara *p)
{
    gboolean multiple = gw_is_set(s->line_multiple) && s->line_multiple > 0, own_grid = grid_pitch > 0;
    if (own_grid || multiple || (gw_is_set(s->line_exact) && s->line_exact > 0) ||
        (gw_is_set(s->line_at_least) && s->line_at_least > 0))
        p->exact = FALSE;
    if (own_grid && !s->off_grid) {
        p->multiple = multiple ? CLAMP(s->line_multiple, 0.5, 10) : 1;
        p->pitch = grid_pitch;
    } else if (gw_is_set(s->line_exact) && s->line_exact > 0) {
        p->pitch = CLAMP(s->line_exact, 1, 1000);
        p->exact = TRUE;
        p->grid_char = 0;
    } else if (gw_is_set(s->line_at_least) && s->line_at_least > 0) {
        p->at_least = CLAMP(s->line_at_least, 1, 1000);
        p->pitch = p->grid_char = 0;
    } else if (multiple) {
        p->multiple = CLAMP(s->line_multiple, 0.5, 10);
        p->pitch = p->grid_char = 0;
    } else if (own_grid) {
        p->pitch = p->grid_char = 0; /* off the page's grid */
    }
}

/* The model's paragraph style over the defaults. */
static void para_apply_style(const GwParaStyle *s, double grid_pitch, GwiPara *p)
{
    const GwRunStyle *r = &s->run;
    if (r->font_ea)
        p->face.ea = r->font_ea;
    if (r->font)
        p->face.latin = r->font;
    if (gw_is_set(r->size) && r->size > 0)
        p->face.size = CLAMP(r->size, 1, 400);
    if (r->bold >= 0)
        p->face.bold = r->bold;
    if (r->italic >= 0)
        p->face.italic = r->italic;
    if (gw_is_set(r->letter_spacing))
        p->letter_spacing = r->letter_spacing;
    p->autospace = s->autospace;
    if (r->caps >= 0)
        p->caps = (GwCaps) r->caps;
    if (s->align != GW_ALIGN_DEFAULT)
        p->align = s->align;
    if (gw_is_set(s->indent_first) && !gw_is_set(s->indent_first_chars))
        p->indent_first = s->indent_first;
    if (gw_is_set(s->indent_left))
        p->indent_left = s->indent_left;
    if (gw_is_set(s->indent_right))
        p->indent_right = s->indent_right;
    p->rtl = s->rtl;
    p->hang_punct = !s->no_hanging_punct && !s->rtl;
    if (gw_is_set(s->space_before))
        p->space_before = MAX(s->space_before, 0);
    if (gw_is_set(s->space_after))
        p->space_after = MAX(s->space_after, 0);
    para_apply_spacing(s, grid_pitch, p);
    p->keep_next |= s->keep_next;
    p->keep_lines = s->keep_lines;
    p->widow_control = s->widow_control;
    p->page_break_before = s->page_break_before;
    /* The grid only suits text of about the grid's size; off it, indents in
     * characters follow the font size. */
    if (p->grid_char > 0 && fabs(p->grid_char - p->face.size) > 0.1 * p->face.size) {
        double scale = p->face.size / p->grid_char;
        if (!gw_is_set(s->indent_first_chars) && !gw_is_set(s->indent_first))
            p->indent_first *= scale;
        if (!gw_is_set(s->indent_right))
            p->indent_right *= scale;
        p->grid_char = 0;
    }
    /* Indents in characters: cells of the character grid, else the size. */
    if (gw_is_set(s->indent_first_chars))
        p->indent_first = s->indent_first_chars * (p->grid_char > 0 ? p->grid_char : p->face.size);
    /* the model's left indent is the start side's */
    if (p->rtl) {
        double start = p->indent_left;
        p->indent_left = p->indent_right;
        p->indent_right = start;
    }
    p->tabs = s->tabs;
    p->n_tabs = s->n_tabs;
    p->tab_origin = p->indent_left;
}

/* Inside and outside as left or right on the current page: odd pages are
 * right-hand pages, bound on their left. */
static GwAlign side_of_page(const Engine *E, GwAlign align)
{
    gboolean odd = E->page_number % 2 != 0;
    if (align == GW_ALIGN_INSIDE)
        return odd ? GW_ALIGN_LEFT : GW_ALIGN_RIGHT;
    if (align == GW_ALIGN_OUTSIDE)
        return odd ? GW_ALIGN_RIGHT : GW_ALIGN_LEFT;
    return align;
}

static void resolve_para(Engine *E, const Flow *F, GwBlock *b, GwiPara *p)
{
    para_defaults(E, F, b, p);
    const char *role_ea = p->face.ea;
    para_apply_style(&b->style, !F->plain && E->next_geom.own_grid ? E->next_geom.pitch : 0, p);
    p->face.ea = gwi_para_ea_family(&E->text, b, p->face.ea, role_ea);
    p->align = side_of_page(E, F->force_align != GW_ALIGN_DEFAULT ? F->force_align : p->align);
}

/* The height a line takes: the exact pitch, whole rows of the grid (and
 * what proportional spacing adds), or its natural height times the line
 * spacing (at least the minimum). */
static double line_height(const GwiPara *p, double natural)
{
    if (p->exact)
        return p->pitch;
    if (p->pitch > 0)
        return MAX(ceil(MAX(natural, p->pitch) / p->pitch - EPS) * p->pitch + (p->multiple - 1) * natural, 1);
    return MAX(natural * p->multiple, p->at_least);
}

/* The block before (-1) or after (1) `b` among the blocks being emitted;
 * NULL at either end, or when `b` is not one of them (a list item's
 * paragraph, a note's). */
static const GwBlock *neighbour(const Flow *F, const GwBlock *b, int dir)
{
    if (!F->siblings || F->index >= F->siblings->len || F->siblings->pdata[F->index] != b)
        return NULL;
    gint64 j = (gint64) F->index + dir;
    return j >= 0 && j < (gint64) F->siblings->len ? F->siblings->pdata[j] : NULL;
}

static gboolean same_length(double a, double b)
{
    return gw_is_set(a) ? a == b : !gw_is_set(b);
}

static gboolean same_border(const GwBorder *a, double a_space, const GwBorder *b, double b_space)
{
    return a->width == b->width && (a->width == 0 || (a->color == b->color && a_space == b_space));
}

static gboolean has_sides(const GwBlock *b)
{
    return b->style.border_left.width > 0 || b->style.border_right.width > 0;
}

/* Word draws one frame around consecutive paragraphs with the same borders
 * and indents: no rules between them. */
static gboolean borders_joined(const GwBlock *a, const GwBlock *b)
{
    if (!a || !b || !gwi_block_is_textual(a->kind) || !gwi_block_is_textual(b->kind))
        return FALSE;
    const GwParaStyle *x = &a->style, *y = &b->style;
    return (x->border_top.width > 0 || x->border_bottom.width > 0 || has_sides(a)) &&
           same_border(&x->border_top, x->border_space_top, &y->border_top, y->border_space_top) &&
           same_border(&x->border_bottom, x->border_space_bottom, &y->border_bottom, y->border_space_bottom) &&
           same_border(&x->border_left, x->border_space_left, &y->border_left, y->border_space_left) &&
           same_border(&x->border_right, x->border_space_right, &y->border_right, y->border_space_right) &&
           same_length(x->indent_left, y->indent_left) && same_length(x->indent_right, y->indent_right);
}

/* Where a paragraph's side rules go along `box` (Word sets them the
 * border's space outside the indents), from `from` to `to` below its top. */
static void set_sides(Box *box, const GwBlock *b, const GwiPara *p, double flow_width, double from, double to)
{
    const GwParaStyle *s = &b->style;
    if (!has_sides(b))
        return;
    box->side_x[0] = p->indent_left - CLAMP(s->border_space_left, 0, 31) - rule_thickness(&s->border_left) / 2;
    box->side_x[1] = flow_width - p->indent_right + CLAMP(s->border_space_right, 0, 31) + rule_thickness(&s->border_right) / 2;
    box->side_from = from;
    box->side_to = to;
}

/* Space between paragraphs that share a box with side rules: inside the
 * box, so a spacer that carries the rules takes the pending space. */
static void space_inside_box(Engine *E, Flow *F, GwBlock *b, const GwiPara *p)
{
    double *pending = F->page ? &E->page_pending : &F->pending;
    if (!has_sides(b) || !(*pending > 0))
        return;
    Box *box = box_new(BOX_RULE, b);
    box->h = *pending;
    *pending = 0;
    set_sides(box, b, p, F->width, 0, box->h);
    place(E, F, box);
}

/* A paragraph's rule above or below it (w:pBdr) across its width, with
 * the gap between it and the text. */
static void emit_border(Engine *E, Flow *F, GwBlock *b, const GwiPara *p, const GwBorder *border, double space,
                        gboolean above)
{
    if (!(border->width > 0))
        return;
    Box *box = box_new(BOX_RULE, b);
    box->x = p->indent_left;
    box->w = MAX(F->width - p->indent_left - p->indent_right, 1);
    box->rule_width = rule_thickness(border);
    box->h = box->rule_width + CLAMP(space, 0, 31);
    box->rule_at = above ? box->rule_width / 2 : box->h - box->rule_width / 2;
    box->color = border->color;
    box->keep_next = above;
    set_sides(box, b, p, F->width, above ? box->rule_at : 0, above ? box->h : box->rule_at);
    if (has_sides(b)) { /* the rule closes the box: it reaches the sides' outer edges */
        box->x = box->side_x[0] - rule_thickness(&b->style.border_left) / 2;
        box->w = box->side_x[1] + rule_thickness(&b->style.border_right) / 2 - box->x;
    }
    place(E, F, box);
}

/* The width a paragraph's characters are drawn at (w:w) when all its text
 * runs share one, else 1: its lines are laid out at one scale, as wide as
 * the column divided by it, and drawn squeezed (or stretched) by it. */
static double paragraph_scale(const GwBlock *b)
{
    double scale = 0;
    for (guint i = 0; i < gw_block_n_runs(b); i++) {
        const GwRun *r = b->runs->pdata[i];
        if (r->kind != GW_RUN_TEXT)
            continue;
        double s = gw_is_set(r->style.scale) ? r->style.scale : gw_is_set(b->style.run.scale) ? b->style.run.scale : 1;
        if (scale > 0 && s != scale)
            return 1;
        scale = s;
    }
    return scale > 0 ? CLAMP(scale, 0.01, 6) : 1;
}

/* Where a text box `w` wide starts across the `avail` points of the column
 * from `indent`: by its side, else its offset (kept inside the column). */
static double box_left(const Engine *E, const GwBlock *b, double indent, double avail, double w)
{
    GwAlign side = side_of_page(E, b->style.align);
    if (side == GW_ALIGN_CENTER)
        return indent + (avail - w) / 2;
    if (side == GW_ALIGN_RIGHT)
        return indent + avail - w;
    if (side == GW_ALIGN_LEFT || !gw_is_set(b->box_x))
        return indent;
    double x = b->box_x_page ? b->box_x - E->geom.ml : b->box_x;
    return indent + CLAMP(x, 0, MAX(avail - w, 0));
}

/* A text box after the paragraph that holds it, as wide as it says (at
 * most the column), where its anchor sets it across the column.  A box of
 * unknown width, or one so narrow that text Word's fonts fit would wrap in
 * others (a page number's), sets its lines across the column to its side. */
static void emit_text_box(Engine *E, Flow *F, GwBlock *b, double indent)
{
    double avail = MAX(F->width - indent, 1);
    if (!(gw_is_set(b->box_width) && b->box_width >= TEXT_BOX_MIN_WIDTH)) {
        /* set to its side across the column, or from its offset */
        GwAlign outer = F->force_align;
        double x = indent;
        if (b->style.align != GW_ALIGN_DEFAULT)
            F->force_align = b->style.align;
        else
            x = box_left(E, b, indent, avail, MIN(avail, TEXT_BOX_MIN_WIDTH));
        emit_blocks(E, F, b->children, x);
        F->force_align = outer;
        return;
    }
    double w = MIN(b->box_width, avail), x = box_left(E, b, indent, avail, w);
    double column = F->width;
    F->width = x + w;
    emit_blocks(E, F, b->children, x);
    F->width = column;
}

static void emit_text(Engine *E, Flow *F, GwBlock *b, GwiPara *p, double indent)
{
    if (p->page_break_before)
        break_page(E, F);
    p->indent_left += indent;
    double hang = MIN(p->indent_first, 0);
    double width = F->width - p->indent_left - p->indent_right - hang;
    add_space(E, F, p->space_before);
    if (!borders_joined(neighbour(F, b, -1), b))
        emit_border(E, F, b, p, &b->style.border_top, b->style.border_space_top, TRUE);
    else
        space_inside_box(E, F, b, p);
    double scale = paragraph_scale(b);
    GwiPara unscaled = *p;
    unscaled.indent_first /= scale;
    GwiPieces *pieces = gwi_text_pieces_new(&E->text, b, &unscaled, width / scale);
    gboolean first = TRUE;
    PangoLayout *layout;
    GwiFace named = p->face; /* the family the style names, even when another draws its text */
    if (b->style.run.font_ea)
        named.ea = b->style.run.font_ea;
    double ea_height = p->exact ? 0 : gwi_face_east_asian_height(&E->text, &named);
    while (!E->stopped && (layout = gwi_text_pieces_next(pieces))) {
        /* Lines of a continuation piece start where the paragraph's other
         * lines do. */
        double x = p->indent_left + (first ? hang : 0);
        PangoLayoutIter *it = pango_layout_get_iter(layout);
        int n_lines = pango_layout_get_line_count(layout), line = 0;
        GArray *anchored = gwi_text_anchored(layout);
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, NULL, &logical);
            Box *box = box_new(BOX_LINE, b);
            box->layout = g_object_ref(layout);
            box->line = pango_layout_iter_get_line_readonly(it);
            box->x = x;
            box->color = b->style.shading;
            box->shade_x = p->indent_left + hang;
            box->shade_w = F->width - p->indent_right - box->shade_x;
            box->line_x = FROM_PU(logical.x) * scale;
            box->w = FROM_PU(logical.width) * scale;
            box->scale = scale;
            /* A single line is as high as its fonts' ascent, descent and line
             * gap (as in Word and LibreOffice). */
            int with_gap;
            pango_layout_line_get_height(box->line, &with_gap);
            double natural = MAX(FROM_PU(logical.height), FROM_PU(with_gap));
            if (ea_height > natural &&
                gwi_text_has_east_asian(pango_layout_get_text(layout) + box->line->start_index, (gsize) box->line->length))
                natural = ea_height;
            /* emphasis marks past the text's ascent or descent make the line taller */
            double above, below;
            gwi_emphasis_room(layout, box->line, &above, &below);
            box->h = line_height(p, natural + above + below);
            set_sides(box, b, p, F->width, 0, box->h);
            if (has_sides(b)) { /* the shading fills the box */
                box->shade_x = box->side_x[0];
                box->shade_w = box->side_x[1] - box->side_x[0];
            }
            box->baseline = (box->h - FROM_PU(logical.height) - above - below) / 2 + above +
                            FROM_PU(pango_layout_iter_get_baseline(it) - logical.y);
            /* Lines kept with the next: all when the paragraph keeps its lines
             * together; the first and the last but one against widows and
             * orphans (a paragraph of three lines then moves whole). */
            box->keep_next = p->keep_next || (p->keep_lines && line < n_lines - 1) ||
                             (p->widow_control && n_lines > 1 && (line == 0 || line == n_lines - 2));
            line++;
            for (guint i = 0; anchored && i < anchored->len; i++) {
                const GwiAnchored *ref = &g_array_index(anchored, GwiAnchored, i);
                if (ref->index < box->line->start_index || ref->index >= box->line->start_index + box->line->length)
                    continue;
                GPtrArray **runs = ref->run->kind == GW_RUN_NOTE ? &box->note_runs : &box->floats;
                if (!*runs)
                    *runs = g_ptr_array_new();
                g_ptr_array_add(*runs, ref->run);
            }
            box->tag = p->tag;
            box->first = first;
            box->outline_level = first ? p->outline_level : 0;
            first = FALSE;
            place(E, F, box);
        } while (pango_layout_iter_next_line(it) && !E->stopped);
        pango_layout_iter_free(it);
        g_object_unref(layout);
    }
    gwi_text_pieces_free(pieces);
    if (!borders_joined(b, neighbour(F, b, 1)))
        emit_border(E, F, b, p, &b->style.border_bottom, b->style.border_space_bottom, FALSE);
    add_space(E, F, p->space_after);
}

/* ---- lists, attachments, images, rules ------------------------------------------ */

/* A label where the model's indents put it (a DOCX's list level): at the
 * start of the first line, the text at the left indent when the label fits
 * in the hanging indent, else after the label at a whole number of
 * characters. */
static void label_at_model_indent(Engine *E, GwiPara *p, const char *label)
{
    double start = p->indent_left + p->indent_first;
    double w = gwi_text_width(&E->text, label, &p->face);
    double text_x = p->indent_first < 0 && start + w <= p->indent_left + EPS
                        ? p->indent_left
                        : start + ceil(w / p->face.size - EPS) * p->face.size;
    p->indent_left = text_x;
    p->indent_first = start - text_x;
    p->label = label;
    p->label_width = text_x - start;
}

static void emit_labelled(Engine *E, Flow *F, GwBlock *item, const char *label, double label_left, double indent)
{
    gboolean labelled = FALSE, by_model = FALSE;
    double hang = -1;
    for (guint i = 0; i < gw_block_n_children(item); i++) {
        GwBlock *child = gw_block_get_child(item, i);
        if (!gwi_block_is_textual(child->kind)) {
            emit_block(E, F, child, indent + (by_model ? 0 : label_left + MAX(hang, 0)));
            continue;
        }
        GwiPara p;
        resolve_para(E, F, child, &p);
        /* Text whose indents the model sets stands where it says. */
        if (gw_is_set(child->style.indent_left)) {
            if (!labelled && label && *label)
                label_at_model_indent(E, &p, label);
            labelled = by_model = TRUE;
            emit_text(E, F, child, &p, indent);
            continue;
        }
        /* The text after the label starts at a whole number of characters. */
        if (hang < 0)
            hang = label ? ceil(gwi_text_width(&E->text, label, &p.face) / p.face.size - EPS) * p.face.size : 0;
        p.indent_left += label_left + hang;
        p.indent_first = labelled || !label ? 0 : -hang;
        if (!labelled && label) {
            p.label = label;
            p.label_width = hang;
        }
        labelled = TRUE;
        emit_text(E, F, child, &p, indent);
    }
}

static void emit_list(Engine *E, Flow *F, GwBlock *list, double indent)
{
    for (guint i = 0; i < gw_block_n_children(list); i++) {
        GwBlock *item = gw_block_get_child(list, i);
        char number[16];
        const char *label = item->label;
        if (!label) {
            g_snprintf(number, sizeof number, "%u.", i + 1);
            label = list->ordered ? number : "•";
        }
        emit_labelled(E, F, item, label, F->plain ? 0 : 2 * E->next_geom.grid_char, indent);
    }
}

/* A footnote's or endnote's blocks, its mark before the first paragraph. */
static void emit_note(Engine *E, Flow *F, GwRun *note)
{
    char buf[32];
    const char *mark = note->text && *note->text ? note->text : gwi_note_mark(&E->text, note);
    g_strlcpy(buf, mark, sizeof buf);
    gboolean marked = FALSE;
    for (guint i = 0; i < gw_run_n_note_blocks(note) && !E->stopped; i++) {
        GwBlock *b = gw_run_get_note_block(note, i);
        if (marked || !gwi_block_is_textual(b->kind)) {
            emit_block(E, F, b, 0);
            continue;
        }
        GwiPara p;
        resolve_para(E, F, b, &p);
        p.label = buf;
        p.label_width = gwi_text_width(&E->text, buf, &p.face);
        emit_text(E, F, b, &p, 0);
        marked = TRUE;
    }
}

/* 附件: the label two characters in, each attachment aligned after it. */
static void emit_attachments(Engine *E, Flow *F, GwBlock *b, double indent)
{
    add_space(E, F, F->page ? E->next_geom.pitch : 0);
    emit_labelled(E, F, b, b->label ? b->label : "附件：", F->plain ? 0 : 2 * E->next_geom.grid_char, indent);
}

static void emit_image(Engine *E, Flow *F, GwBlock *b, double indent)
{
    if (!b->image)
        return;
    cairo_surface_t *s = gwi_image_surface(b->image, E->doc);
    if (!s && !gwi_image_has_size(b->image))
        return;
    Box *box = box_new(BOX_IMAGE, b);
    box->surface = s;
    double avail = F->width - indent;
    gwi_image_fit(b->image, s, avail, E->next_geom.area_h, &box->w, &box->h);
    box->x = indent + (avail - box->w) / 2;
    box->tag = "Figure";
    box->first = TRUE;
    place(E, F, box);
}

static void emit_rule(Engine *E, Flow *F, GwBlock *b, double indent)
{
    Box *box = box_new(BOX_RULE, b);
    box->x = indent;
    box->w = F->width - indent;
    box->h = 6;
    box->rule_width = 0.75;
    box->rule_at = box->h / 2;
    box->color = b->style.run.color;
    place(E, F, box);
}

/* ---- tables ------------------------------------------------------------------------ */

static guint table_columns(GwBlock *table)
{
    guint n = table->n_cols;
    for (guint r = 0; r < gw_block_n_children(table); r++) {
        GwBlock *row = gw_block_get_child(table, r);
        for (guint c = 0; c < gw_block_n_children(row); c++) {
            GwBlock *cell = gw_block_get_child(row, c);
            n = MAX(n, MIN(cell->col, MAX_COLUMNS) + MIN(cell->colspan, MAX_COLUMNS));
        }
        if (r >= SAMPLE_ROWS && n > 0)
            break;
    }
    return CLAMP(n, 1, MAX_COLUMNS);
}

/* A table's cell margins: the model's (in its style), else gongwen's. */
static Pad cell_pad(const GwBlock *table)
{
    const GwParaStyle *s = &table->style;
    return (Pad){ MIN(or_default(s->space_before, CELL_PAD_Y), 100), MIN(or_default(s->space_after, CELL_PAD_Y), 100),
                  MIN(or_default(s->indent_left, CELL_PAD_X), 100), MIN(or_default(s->indent_right, CELL_PAD_X), 100) };
}

/* Natural width of a cell's text, unwrapped, with its margins. */
static double cell_natural_width(Engine *E, GwBlock *cell, const Pad *pad)
{
    Flow f = { .plain = TRUE, .font_size = CELL_FONT_SIZE };
    double w = 0;
    for (guint i = 0; i < gw_block_n_children(cell); i++) {
        GwBlock *b = gw_block_get_child(cell, i);
        if (!gwi_block_is_textual(b->kind)) {
            w = MAX(w, 4 * CELL_FONT_SIZE);
            continue;
        }
        GwiPara p;
        resolve_para(E, &f, b, &p);
        PangoLayout *layout = gwi_text_layout(&E->text, b, &p, -1);
        int pw;
        pango_layout_get_size(layout, &pw, NULL);
        g_object_unref(layout);
        w = MAX(w, FROM_PU(pw) + p.indent_left + p.indent_right + MAX(p.indent_first, 0));
    }
    return w + pad->left + pad->right + 1; /* + 1: rounding to Pango units must not wrap it */
}

/* Give the free columns (w == 0) `room`: their natural widths when these
 * fit, plus a proportional share of what is left; else narrow columns keep
 * their natural width (a short header does not wrap) and the wide ones
 * share the rest in proportion. */
static void share_width(double *w, const double *natural, guint n, double room)
{
    gboolean *narrow = g_new0(gboolean, n);
    double wide_sum, wide_room;
    for (gboolean changed = TRUE; changed;) {
        changed = FALSE;
        wide_sum = 0;
        wide_room = room;
        guint n_wide = 0;
        for (guint c = 0; c < n; c++) {
            if (w[c] != 0 && !narrow[c])
                continue;
            if (narrow[c])
                wide_room -= natural[c];
            else {
                wide_sum += natural[c];
                n_wide++;
            }
        }
        for (guint c = 0; c < n && wide_sum > wide_room; c++)
            if (w[c] == 0 && !narrow[c] && natural[c] <= wide_room / n_wide) {
                narrow[c] = changed = TRUE;
            }
    }
    for (guint c = 0; c < n; c++) {
        if (narrow[c])
            w[c] = natural[c];
        else if (w[c] == 0)
            w[c] = wide_sum > 0 ? wide_room * natural[c] / wide_sum : 0;
    }
    g_free(narrow);
}

/* Column widths: the model's where set; the rest share what is left in
 * proportion to their content's natural width (sampled over the first
 * rows, so that a long table is not laid out twice). */
static double *fit_columns(Engine *E, GwBlock *table, guint n, double avail, double limit)
{
    double *w = g_new0(double, n), *natural = g_new0(double, n);
    double fixed = 0;
    guint n_free = 0;
    for (guint c = 0; c < n; c++) {
        double mw = gw_table_get_column_width(table, c);
        if (gw_is_set(mw) && mw > 0) {
            w[c] = mw;
            fixed += mw;
        } else {
            n_free++;
        }
    }
    if (n_free) {
        Pad pad = cell_pad(table);
        for (guint r = 0; r < gw_block_n_children(table) && r < SAMPLE_ROWS; r++) {
            GwBlock *row = gw_block_get_child(table, r);
            for (guint i = 0; i < gw_block_n_children(row); i++) {
                GwBlock *cell = gw_block_get_child(row, i);
                if (cell->colspan == 1 && cell->col < n && w[cell->col] == 0) {
                    double cw = cell_natural_width(E, cell, &pad); /* once: it lays the cell's text out */
                    natural[cell->col] = MAX(natural[cell->col], cw);
                }
            }
        }
        double min_w = 2 * CELL_FONT_SIZE + pad.left + pad.right;
        for (guint c = 0; c < n; c++)
            if (w[c] == 0)
                natural[c] = MAX(natural[c], min_w);
        share_width(w, natural, n, MAX(avail - fixed, n_free * min_w));
    }
    double sum = 0;
    for (guint c = 0; c < n; c++)
        sum += w[c];
    if (sum > limit)
        for (guint c = 0; c < n; c++)
            w[c] *= limit / sum;
    g_free(natural);
    return w;
}

/* Last row (exclusive) of the row group starting at `first`: rows tied
 * together by row spans. */
static guint group_end(GwBlock *table, guint first)
{
    guint n_rows = gw_block_n_children(table), end = first + 1;
    for (guint r = first; r < end && r < n_rows; r++) {
        GwBlock *row = gw_block_get_child(table, r);
        for (guint i = 0; i < gw_block_n_children(row); i++)
            end = MAX(end, r + MIN(gw_block_get_child(row, i)->rowspan, n_rows));
    }
    return MIN(end, n_rows);
}

static void layout_cell(Engine *E, const Group *g, Cell *cell, const double *col_x, guint n_cols)
{
    guint c0 = MIN(cell->block->col, n_cols - 1), c1 = MIN(c0 + cell->block->colspan, n_cols);
    cell->x = g->table->style.rtl ? col_x[n_cols] - col_x[c1] : col_x[c0]; /* right to left: mirrored */
    cell->w = col_x[c1] - col_x[c0];
    Flow f = { .plain = TRUE, .font_size = CELL_FONT_SIZE, .header_row = g->header,
               .width = MAX(cell->w - g->pad.left - g->pad.right, 1),
               .boxes = g_ptr_array_new_with_free_func((GDestroyNotify) box_free) };
    emit_blocks(E, &f, cell->block->children, 0);
    cell->boxes = f.boxes;
    cell->bottom = f.y + f.pending + g->pad.top + g->pad.bottom; /* content height for now */
}

/* Row heights: each row as tall as its tallest single-row cell (or its set
 * height); a spanning cell that needs more makes its last row taller. */
static void size_rows(Group *g, double *row_h, guint n_rows, GwBlock *table, guint first)
{
    for (guint r = 0; r < n_rows; r++) {
        double set = gw_row_get_height(gw_block_get_child(table, first + r));
        row_h[r] = gw_is_set(set) && set > 0 ? MIN(set, 2000) : 0;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (guint i = 0; i < g->cells->len; i++) {
            Cell *c = &g_array_index(g->cells, Cell, i);
            guint last = MIN((guint) c->row + c->block->rowspan, n_rows) - 1;
            if ((pass == 0) != (last == (guint) c->row))
                continue;
            double have = 0;
            for (guint r = c->row; r <= last; r++)
                have += row_h[r];
            if (c->bottom > have)
                row_h[last] += c->bottom - have;
        }
    }
}

/* Move a cell's boxes into group coordinates, vertically aligned. */
static void position_cell(Cell *c, const Pad *pad, double content_h)
{
    double room = c->bottom - c->top - pad->top - pad->bottom - content_h;
    double dy = c->top + pad->top;
    if (c->block->valign == GW_VALIGN_CENTER)
        dy += room / 2;
    else if (c->block->valign == GW_VALIGN_BOTTOM)
        dy += room;
    for (guint i = 0; i < c->boxes->len; i++) {
        Box *b = c->boxes->pdata[i];
        b->y += dy;
        b->x += c->x + pad->left;
    }
}

static Group *layout_group(Engine *E, GwBlock *table, guint first, guint end, const double *col_x, guint n_cols,
                           double x)
{
    Group *g = g_new0(Group, 1);
    g->refs = 1;
    g->table = table;
    g->pad = cell_pad(table);
    g->x = x;
    g->width = col_x[n_cols];
    g->cells = g_array_new(FALSE, TRUE, sizeof(Cell));
    g->header = gw_row_get_header(gw_block_get_child(table, first));
    for (guint r = first; r < end; r++) {
        GwBlock *row = gw_block_get_child(table, r);
        for (guint i = 0; i < gw_block_n_children(row); i++) {
            Cell cell = { .block = gw_block_get_child(row, i), .row = (int) (r - first) };
            if (cell.block->kind != GW_BLOCK_TABLE_CELL)
                continue;
            layout_cell(E, g, &cell, col_x, n_cols);
            g_array_append_val(g->cells, cell);
        }
    }
    guint n_rows = end - first;
    double *row_h = g_new0(double, n_rows), *row_top = g_new0(double, n_rows + 1);
    size_rows(g, row_h, n_rows, table, first);
    for (guint r = 0; r < n_rows; r++)
        row_top[r + 1] = row_top[r] + row_h[r];
    g->height = row_top[n_rows];
    for (guint i = 0; i < g->cells->len; i++) {
        Cell *c = &g_array_index(g->cells, Cell, i);
        double content_h = c->bottom - g->pad.top - g->pad.bottom;
        c->top = row_top[c->row];
        c->bottom = row_top[MIN((guint) c->row + c->block->rowspan, n_rows)];
        position_cell(c, &g->pad, content_h);
    }
    g_free(row_h);
    g_free(row_top);
    return g;
}

/* Where the next part of a group must start so that the content boxes
 * below `cut` fit: the top of the highest such box, inside a nested table
 * that the cut crosses. */
static double next_part_start(const Group *g, double cut)
{
    double from = cut;
    for (guint i = 0; i < g->cells->len; i++) {
        GPtrArray *boxes = g_array_index(g->cells, Cell, i).boxes;
        for (guint j = 0; j < boxes->len; j++) {
            const Box *b = boxes->pdata[j];
            if (b->y + b->h <= cut + EPS)
                continue;
            gboolean crossed = b->kind == BOX_GROUP && b->y < cut - EPS;
            /* (not inside MIN, which would call it twice, and twice again a level down) */
            double start = crossed ? b->y + next_part_start(b->group, cut - b->y) : b->y;
            from = MIN(from, start);
        }
    }
    return from;
}

/* The lowest row boundary of a group in (from, limit], or -1. */
static double row_cut(const Group *g, double from, double limit)
{
    double best = -1;
    for (guint i = 0; i < g->cells->len; i++) {
        const Cell *c = &g_array_index(g->cells, Cell, i);
        if (c->top > from + EPS && c->top <= limit + EPS)
            best = MAX(best, c->top);
        if (c->bottom > from + EPS && c->bottom <= limit + EPS)
            best = MAX(best, c->bottom);
    }
    return best;
}

static gboolean any_box(const Box *b, gpointer unused)
{
    (void) b, (void) unused;
    return TRUE;
}

/* Whether a part of a group cut at `cut` shows any of its content boxes
 * (those whose bottom lies in (cut_prev, cut]), nested tables' included. */
static gboolean part_shows_content(const Group *g, double cut_prev, double cut)
{
    return visit_shown(g, cut_prev, cut, any_box, NULL);
}

/* Place a row group on pages: whole when it fits here; else split between
 * its rows, and a row that does not fit between its lines of text (rows
 * break across pages, as in Word and LibreOffice); a part that would show
 * no line here goes to the next page. */
static void place_group(Engine *E, Flow *F, Group *g)
{
    if (!F->page) {
        place(E, F, group_box(g, 0, -1, G_MAXDOUBLE));
        return;
    }
    ensure_page(E);
    if (E->stopped)
        return;
    if (g->height <= page_room(E) + EPS) {
        place(E, F, group_box(g, 0, -1, G_MAXDOUBLE));
        return;
    }
    double from = 0, cut_prev = -1;
    gboolean fresh = FALSE; /* the page was begun for this group */
    while (!E->stopped) {
        double room = page_room(E);
        double cut = row_cut(g, from, from + room);
        if (cut < 0)
            cut = from + room;
        if (!fresh && E->page_boxes->len && !part_shows_content(g, cut_prev, cut)) {
            new_page(E);
            fresh = TRUE;
            continue;
        }
        if (cut >= g->height - EPS) {
            place(E, F, group_box(g, from, cut_prev, G_MAXDOUBLE));
            return;
        }
        place(E, F, group_box(g, from, cut_prev, cut));
        new_page(E);
        fresh = TRUE;
        double next = next_part_start(g, cut);
        from = next > from + EPS ? next : cut; /* always move on */
        cut_prev = cut;
    }
}

static guint header_rows(GwBlock *table)
{
    guint n = 0;
    while (n < gw_block_n_children(table) && gw_row_get_header(gw_block_get_child(table, n)))
        n++;
    return n;
}

/* How far into the left margin a left-aligned table of the page may reach
 * by a negative indent (Word's tables often stand a little out). */
static double table_lead(const Engine *E, const Flow *F, const GwBlock *table)
{
    gboolean pulled = F->page && table->style.align == GW_ALIGN_LEFT && gw_is_set(table->box_x) && table->box_x < 0;
    return pulled ? MIN(-table->box_x, E->geom.ml) : 0;
}

/* Where a table `w` wide starts across the `avail` points of the column
 * from `indent`: by its alignment (centred by default, as GB/T 9704's
 * tables and gongwen's DOCX have them), a left one at its indent (inside
 * the column, but `lead` into the left margin). */
static double table_left(const GwBlock *table, double indent, double avail, double w, double lead)
{
    double room = avail - w;
    switch (table->style.align) {
    case GW_ALIGN_LEFT:
        return indent + (gw_is_set(table->box_x) ? CLAMP(table->box_x, -lead, MAX(room, 0)) : 0);
    case GW_ALIGN_RIGHT:
        return indent + room;
    default:
        return indent + room / 2;
    }
}

static void emit_table(Engine *E, Flow *F, GwBlock *table, double indent)
{
    guint n_rows = gw_block_n_children(table);
    if (n_rows == 0)
        return;
    guint n_cols = table_columns(table);
    double avail = MAX(F->width - indent, n_cols);
    /* A table of the page whose columns say so may be wider than the
     * column, into the right margin (and the left, by its indent), as in
     * Word; other tables are made to fit. */
    double lead = table_lead(E, F, table), spill = F->page ? E->geom.mr : 0;
    double *w = fit_columns(E, table, n_cols, avail, avail + lead + spill);
    double *col_x = g_new0(double, n_cols + 1);
    for (guint c = 0; c < n_cols; c++)
        col_x[c + 1] = col_x[c] + w[c];
    g_free(w);
    double x = table_left(table, indent, avail, col_x[n_cols], lead);
    guint n_header = header_rows(table);
    Group *header = n_header ? layout_group(E, table, 0, group_end(table, 0) > n_header ? group_end(table, 0) : n_header,
                                            col_x, n_cols, x)
                             : NULL;
    guint r = 0;
    Group *saved = E->table_header;
    if (header) {
        r = group_end(table, 0) > n_header ? group_end(table, 0) : n_header;
        Box *b = group_box(header, 0, -1, G_MAXDOUBLE);
        b->keep_next = TRUE;
        place(E, F, b);
        if (F->page && header->height < E->geom.area_h / 2)
            E->table_header = header;
    }
    while (r < n_rows && !E->stopped) {
        guint end = group_end(table, r);
        Group *g = layout_group(E, table, r, end, col_x, n_cols, x);
        if (!F->page) {
            place(E, F, group_box(g, 0, -1, G_MAXDOUBLE));
        } else {
            place_group(E, F, g);
        }
        group_unref(g);
        r = end;
    }
    E->table_header = saved;
    group_unref(header);
    g_free(col_x);
}

/* ---- blocks ------------------------------------------------------------------------ */

/* A new section starts a new page, unless it is continuous and the page
 * keeps its size; its setup applies from its first page of its own. */
static void start_section(Engine *E, Flow *F, GwBlock *b)
{
    if (!F->page || !b->page)
        return;
    Geom next;
    geom_from_setup(b->page, &next);
    if (!b->page->continuous || !E->page_open || fabs(next.w - E->geom.w) > EPS || fabs(next.h - E->geom.h) > EPS)
        break_page(E, F);
    E->next_setup = b->page;
    E->next_geom = next;
    E->section_first_page = E->page_index + 1;
    if (b->page->page_number_start > 0) {
        E->restart_numbering = TRUE;
        E->restart_at = b->page->page_number_start;
    }
}

static void emit_block(Engine *E, Flow *F, GwBlock *b, double indent)
{
    GwiPara p;
    switch (b->kind) {
    case GW_BLOCK_TITLE:
    case GW_BLOCK_HEADING:
    case GW_BLOCK_PARAGRAPH:
    case GW_BLOCK_CODE:
        resolve_para(E, F, b, &p);
        emit_text(E, F, b, &p, indent);
        break;
    case GW_BLOCK_LIST:
        emit_list(E, F, b, indent);
        break;
    case GW_BLOCK_LIST_ITEM:
        emit_labelled(E, F, b, b->label, 0, indent);
        break;
    case GW_BLOCK_QUOTE:
        emit_blocks(E, F, b->children, indent + 2 * E->next_geom.grid_char);
        break;
    case GW_BLOCK_TEXT_BOX:
        emit_text_box(E, F, b, indent);
        break;
    case GW_BLOCK_ATTACHMENTS:
        emit_attachments(E, F, b, indent);
        break;
    case GW_BLOCK_TABLE:
        emit_table(E, F, b, indent);
        break;
    case GW_BLOCK_IMAGE:
        emit_image(E, F, b, indent);
        break;
    case GW_BLOCK_RULE:
        emit_rule(E, F, b, indent);
        break;
    case GW_BLOCK_PAGE_BREAK:
        break_page(E, F);
        break;
    case GW_BLOCK_SECTION:
        start_section(E, F, b);
        break;
    default: /* rows and cells outside tables, notes: nothing to show */
        break;
    }
}

static void emit_blocks(Engine *E, Flow *F, GPtrArray *blocks, double indent)
{
    GPtrArray *outer = F->siblings;
    guint outer_index = F->index;
    F->siblings = blocks;
    for (guint i = 0; blocks && i < blocks->len && !E->stopped; i++) {
        F->index = i;
        emit_block(E, F, blocks->pdata[i], indent);
    }
    F->siblings = outer;
    F->index = outer_index;
}

/* ---- the run ----------------------------------------------------------------------- */

/* What the run needs to know before it starts: anchors, the notes. */
typedef struct {
    GwiText *text;
    GPtrArray *endnotes;  /* GwRun*, in document order */
    int n_notes[2];       /* footnotes and endnotes numbered so far */
} Survey;

static gboolean survey_block(GwBlock *b, int depth, gpointer user)
{
    Survey *s = user;
    (void) depth;
    if (b->anchor)
        g_hash_table_add(s->text->anchors, b->anchor);
    for (guint i = 0; i < gw_block_n_runs(b); i++) {
        GwRun *r = gw_block_get_run(b, i);
        if (r->kind != GW_RUN_NOTE)
            continue;
        int n = ++s->n_notes[r->endnote ? 1 : 0];
        if (!r->text || !*r->text)
            g_hash_table_insert(s->text->note_marks, r, g_strdup_printf("%d", n));
        if (r->endnote)
            g_ptr_array_add(s->endnotes, r);
    }
    return TRUE;
}

const char *gwi_note_mark(GwiText *tc, const GwRun *note)
{
    const char *mark = g_hash_table_lookup(tc->note_marks, note);
    return mark ? mark : "";
}

static gboolean block_has_numpages(const GwBlock *b)
{
    for (guint i = 0; i < gw_block_n_runs(b); i++)
        if (gw_block_get_run(b, i)->field == GW_FIELD_NUMPAGES)
            return TRUE;
    return FALSE;
}

static gboolean setup_has_numpages(const GwPageSetup *p);

/* Whether any block under `blocks` has a NUMPAGES field (depth-first with an
 * explicit stack: no recursion on hostile nesting). */
static gboolean blocks_have_numpages(GPtrArray *blocks)
{
    GPtrArray *todo = g_ptr_array_new();
    gboolean found = FALSE;
    if (blocks)
        g_ptr_array_extend(todo, blocks, NULL, NULL);
    while (todo->len && !found) {
        GwBlock *b = g_ptr_array_steal_index_fast(todo, todo->len - 1);
        found = block_has_numpages(b) || (b->page && setup_has_numpages(b->page));
        if (b->children)
            g_ptr_array_extend(todo, b->children, NULL, NULL);
    }
    g_ptr_array_unref(todo);
    return found;
}

static gboolean setup_has_numpages(const GwPageSetup *p)
{
    for (int i = 0; i < 3; i++)
        if (blocks_have_numpages(p->header[i]) || blocks_have_numpages(p->footer[i]))
            return TRUE;
    return FALSE;
}

static PangoContext *pango_context_for_print(PangoFontMap *map, PangoDirection direction)
{
    PangoContext *ctx = pango_font_map_create_context(map);
    pango_cairo_context_set_resolution(ctx, 72);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
    pango_context_set_base_dir(ctx, direction);
    return ctx;
}

/* Endnotes after the text, on pages of their own (as LibreOffice sets a
 * DOCX's; Word goes on on the last page). */
static void emit_endnotes(Engine *E, GPtrArray *endnotes)
{
    if (!endnotes->len || E->stopped)
        return;
    break_page(E, &E->page_flow);
    for (guint i = 0; i < endnotes->len && !E->stopped; i++)
        emit_note(E, &E->page_flow, endnotes->pdata[i]);
}

static gboolean run_pass(GwDocument *doc, const GwiTarget *target, gpointer user, const GwiText *text,
                         GPtrArray *endnotes, int *pages_out, GError **error)
{
    Engine E = { .doc = doc, .target = target, .user = user, .error = error, .text = *text };
    E.next_setup = &doc->page;
    geom_from_setup(&doc->page, &E.next_geom);
    E.section_first_page = 1;
    if (doc->page.page_number_start > 0) {
        E.restart_numbering = TRUE;
        E.restart_at = doc->page.page_number_start;
    }
    E.page_boxes = g_ptr_array_new_with_free_func((GDestroyNotify) box_free);
    E.page_flow = (Flow){ .page = TRUE, .width = E.next_geom.area_w };
    E.page_flow.siblings = doc->blocks;
    for (guint i = 0; i < doc->blocks->len && !E.stopped; i++) {
        E.page_flow.width = E.next_geom.area_w;
        E.page_flow.index = i;
        emit_block(&E, &E.page_flow, doc->blocks->pdata[i], 0);
    }
    emit_endnotes(&E, endnotes);
    if (!E.stopped && !E.page_open && E.page_index == 0)
        ensure_page(&E); /* an empty document still has a page */
    if (!E.stopped)
        finish_page(&E);
    g_ptr_array_unref(E.page_boxes);
    if (pages_out)
        *pages_out = E.page_index;
    return !E.failed;
}

static cairo_t *count_begin(gpointer user, int index, double width, double height, GError **error)
{
    (void) user, (void) index, (void) width, (void) height, (void) error;
    return NULL;
}

static gboolean count_end(gpointer user, int index, cairo_t *cr, GError **error)
{
    (void) user, (void) index, (void) cr, (void) error;
    return TRUE;
}

static gboolean count_chars(GwBlock *b, int depth, gpointer user)
{
    (void) depth;
    guint64 *n = user;
    for (guint i = 0; i < gw_block_n_runs(b); i++) {
        const GwRun *run = gw_block_get_run(b, i);
        if (run->kind == GW_RUN_TEXT && run->text)
            *n += (guint64) g_utf8_strlen(run->text, -1);
    }
    return TRUE;
}

/* Refuse up front a document whose text alone would fill more pages than
 * the limit (a page of the 22-line, 28-character grid holds 616): laying
 * it out would take seconds before the limit stopped it. */
static gboolean within_page_limit(GwDocument *doc, const GwiTarget *target, GError **error)
{
    guint64 max_pages = gw_read_options_get_limit(NULL, GW_LIMIT_PAGES), chars = 0;
    gw_document_walk(doc, count_chars, NULL, &chars);
    guint64 pages = chars / CHARS_PER_PAGE;
    if (pages <= max_pages)
        return TRUE;
    gwi_limit_error(error, GW_LIMIT_PAGES, max_pages, "%s: about %" G_GUINT64_FORMAT " pages (%" G_GUINT64_FORMAT
                    " characters)", target->name ? target->name : "document", pages, chars);
    return FALSE;
}

gboolean gwi_layout_run(GwDocument *doc, const GwiTarget *target, gpointer user, int *n_pages, GError **error)
{
    if (!within_page_limit(doc, target, error))
        return FALSE;
    PangoFontMap *map = gwi_fonts_map(error);
    if (!map)
        return FALSE;
    GwiText text = {
        .pango = pango_context_for_print(map, PANGO_DIRECTION_LTR),
        .pango_rtl = pango_context_for_print(map, PANGO_DIRECTION_RTL),
        .doc = doc,
        .warned_fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        .line_heights = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
        .note_marks = g_hash_table_new_full(NULL, NULL, NULL, g_free),
        .anchors = g_hash_table_new(g_str_hash, g_str_equal),
    };
    Survey survey = { &text, g_ptr_array_new() };
    gw_document_walk(doc, survey_block, NULL, &survey);
    gboolean ok = TRUE;
    /* NUMPAGES needs the page count before the first page is drawn: a
     * first pass lays everything out without drawing. */
    if (setup_has_numpages(&doc->page) || blocks_have_numpages(doc->blocks)) {
        static const GwiTarget counter = { .begin_page = count_begin, .end_page = count_end };
        ok = run_pass(doc, &counter, NULL, &text, survey.endnotes, &text.n_pages, error);
    }
    if (ok)
        ok = run_pass(doc, target, user, &text, survey.endnotes, n_pages, error);
    g_ptr_array_unref(survey.endnotes);
    g_hash_table_unref(text.anchors);
    g_hash_table_unref(text.note_marks);
    g_hash_table_unref(text.line_heights);
    g_hash_table_unref(text.warned_fonts);
    g_object_unref(text.pango);
    g_object_unref(text.pango_rtl);
    return ok;
}
