/* layout-hang.c: punctuation hanging past the end of a line.
 *
 * Word (unless a DOCX turns w:overflowPunct off) and LibreOffice let a pause
 * or stop (，。、；：？！．, and , . ; : ? ! after a Chinese character) that
 * falls just past a full line stay on that line, in the margin, instead of
 * taking the line's last character down with it (no line may start with
 * such a mark).  Pango cannot: a line's marks all count against its width.
 * So a paragraph is laid out as usual; the line breaks are then worked out
 * again as Pango fills lines, once as Pango did (a check that the model of
 * its line filling holds for this text) and once with a hanging mark taking
 * no room.  Where marks would hang, they become zero-width shapes that draw
 * their glyph (a one-character layout in the mark's own attributes), and the
 * paragraph is laid out again; should Pango break its lines otherwise than
 * foreseen, the paragraph stays as first laid out. */
#include "layout.h"

/* Whether `c` may hang after `before`: a full-width pause or stop, or a
 * Latin one in Chinese text (LibreOffice treats it as part of that text). */
static gboolean may_hang(gunichar c, gunichar before)
{
    switch (c) {
    case 0xFF0C: /* ， */
    case 0x3002: /* 。 */
    case 0x3001: /* 、 */
    case 0xFF1B: /* ； */
    case 0xFF1A: /* ： */
    case 0xFF1F: /* ？ */
    case 0xFF01: /* ！ */
    case 0xFF0E: /* ． */
        return TRUE;
    case ',':
    case '.':
    case ';':
    case ':':
    case '?':
    case '!':
        return g_unichar_iswide(before);
    default:
        return FALSE;
    }
}

/* A laid-out paragraph's characters: break opportunities, widths, and
 * where they start in the text. */
typedef struct {
    int n;                     /* characters */
    const PangoLogAttr *attrs; /* n + 1; the layout's, until it is laid out again */
    gunichar *chars;           /* n */
    int *width;                /* n: advance (a cluster's on its first character), Pango units */
    int *byte;                 /* n + 1: byte offset of each character, then the text's length */
    int first_room, room;      /* width for the first line and for the others */
} Chars;

static int item_letter_spacing(const PangoItem *item)
{
    for (GSList *l = item->analysis.extra_attrs; l; l = l->next)
        if (((PangoAttribute *) l->data)->klass->type == PANGO_ATTR_LETTER_SPACING)
            return ((PangoAttrInt *) l->data)->value;
    return 0;
}

/* Letter spacing goes half before and half after each character; Pango
 * fills lines with it all, then takes the outer halves off each line's ends
 * (as its own distribute_letter_spacing splits it).  Puts them back into
 * the widths of a left-to-right line's first and last characters. */
static void restore_edge_spacing(const PangoLayoutLine *line, int *by_byte)
{
    if (!line->runs || line->resolved_dir != PANGO_DIRECTION_LTR)
        return;
    const PangoGlyphItem *first = line->runs->data, *last = g_slist_last(line->runs)->data;
    int left = item_letter_spacing(first->item) / 2, spacing = item_letter_spacing(last->item);
    if (first->glyphs->num_glyphs)
        by_byte[first->item->offset + first->glyphs->log_clusters[0]] += left;
    if (last->glyphs->num_glyphs)
        by_byte[last->item->offset + last->glyphs->log_clusters[last->glyphs->num_glyphs - 1]] +=
            spacing - spacing / 2;
}

static void chars_init(Chars *c, PangoLayout *layout)
{
    const char *text = pango_layout_get_text(layout);
    int n_attrs = 0;
    c->attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
    c->n = MAX(n_attrs - 1, 0);
    c->chars = g_new(gunichar, c->n + 1);
    c->width = g_new0(int, c->n + 1);
    c->byte = g_new(int, c->n + 1);
    const char *p = text;
    for (int i = 0; i < c->n; i++, p = g_utf8_next_char(p)) {
        c->byte[i] = (int) (p - text);
        c->chars[i] = g_utf8_get_char(p);
    }
    c->byte[c->n] = (int) strlen(text);
    int *by_byte = g_new0(int, c->byte[c->n] + 1);
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
        PangoLayoutLine *line = l->data;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            for (int g = 0; g < run->glyphs->num_glyphs; g++)
                by_byte[run->item->offset + run->glyphs->log_clusters[g]] += run->glyphs->glyphs[g].geometry.width;
        }
        restore_edge_spacing(line, by_byte);
    }
    for (int i = 0; i < c->n; i++)
        c->width[i] = by_byte[c->byte[i]];
    g_free(by_byte);
    /* as Pango: a positive indent narrows the first line, a negative one the others */
    int width = pango_layout_get_width(layout), indent = pango_layout_get_indent(layout);
    c->first_room = indent >= 0 ? width - indent : width;
    c->room = indent < 0 ? width + indent : width;
}

static void chars_clear(Chars *c)
{
    g_free(c->chars);
    g_free(c->width);
    g_free(c->byte);
}

/* The end of the line that starts at character `s`, filled as Pango fills
 * it: the furthest break opportunity where the line fits, a space before
 * the break not counting (nor, with `hang`, a mark that may hang); -1 when
 * none fits (Pango then breaks inside a word).  `*hung` tells whether the
 * line fits only with its last mark hanging. */
static int line_end(const Chars *c, int s, int room, gboolean hang, gboolean *hung)
{
    int best = -1, width = 0;
    *hung = FALSE;
    for (int k = s + 1; k <= c->n; k++) {
        int before_last = width;
        width += c->width[k - 1];
        if (before_last > room)
            break; /* no later break can fit */
        gboolean mandatory = k < c->n && c->attrs[k].is_mandatory_break;
        if (k < c->n && !c->attrs[k].is_line_break && !mandatory)
            continue;
        int fit = c->attrs[k - 1].is_white ? before_last : width;
        gboolean hanging = fit > room && hang && may_hang(c->chars[k - 1], k >= 2 ? c->chars[k - 2] : 0);
        if (hanging)
            fit = before_last;
        if (fit <= room) {
            best = k;
            *hung = hanging;
        }
        if (mandatory)
            break;
    }
    return best;
}

/* The first character of each line after the first, and with `hang` the
 * marks that hang; FALSE when some line has no break that fits. */
static gboolean fill_lines(const Chars *c, gboolean hang, GArray *starts, GArray *hung)
{
    g_array_set_size(starts, 0);
    g_array_set_size(hung, 0);
    for (int s = 0; s < c->n;) {
        gboolean hanging;
        int end = line_end(c, s, s == 0 ? c->first_room : c->room, hang, &hanging);
        if (end < 0)
            return FALSE;
        if (hanging) {
            int mark = end - 1;
            g_array_append_val(hung, mark);
        }
        if (end < c->n)
            g_array_append_val(starts, end);
        s = end;
    }
    return TRUE;
}

/* Whether the layout's lines after the first start at `starts`. */
static gboolean lines_start_at(PangoLayout *layout, const Chars *c, const GArray *starts)
{
    GSList *l = pango_layout_get_lines_readonly(layout);
    guint i = 0;
    for (l = l ? l->next : NULL; l; l = l->next, i++) {
        int start = ((PangoLayoutLine *) l->data)->start_index;
        if (i >= starts->len || c->byte[g_array_index(starts, int, i)] != start)
            return FALSE;
    }
    return i == starts->len;
}

static gpointer mark_copy(gconstpointer data)
{
    return g_object_ref((gpointer) data);
}

static void mark_destroy(gpointer data)
{
    g_object_unref(data);
}

/* `attrs` and the marks of `hung` as zero-width shapes (a new list). */
static PangoAttrList *with_hanging_marks(PangoLayout *layout, PangoAttrList *attrs, const Chars *c, const GArray *hung)
{
    static const PangoRectangle none = { 0, 0, 0, 0 };
    PangoAttrList *list = pango_attr_list_copy(attrs);
    for (guint i = 0; i < hung->len; i++) {
        int k = g_array_index(hung, int, i);
        PangoLayout *mark = gwi_range_layout(layout, attrs, c->byte[k], c->byte[k + 1]);
        PangoAttribute *a = pango_attr_shape_new_with_data(&none, &none, mark, mark_copy, mark_destroy);
        a->start_index = (guint) c->byte[k];
        a->end_index = (guint) c->byte[k + 1];
        pango_attr_list_insert(list, a);
    }
    return list;
}

void gwi_hang_punctuation(PangoLayout *layout, PangoAttrList *attrs)
{
    if (pango_layout_get_width(layout) < 0 || pango_layout_get_line_count(layout) < 2)
        return;
    Chars c;
    chars_init(&c, layout);
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(int)), *hung = g_array_new(FALSE, FALSE, sizeof(int));
    if (fill_lines(&c, FALSE, starts, hung) && lines_start_at(layout, &c, starts) && fill_lines(&c, TRUE, starts, hung) &&
        hung->len) {
        PangoAttrList *marked = with_hanging_marks(layout, attrs, &c, hung);
        pango_layout_set_attributes(layout, marked); /* (c.attrs are gone now) */
        pango_attr_list_unref(marked);
        if (!lines_start_at(layout, &c, starts))
            pango_layout_set_attributes(layout, attrs);
    }
    g_array_unref(starts);
    g_array_unref(hung);
    chars_clear(&c);
}

gboolean gwi_draw_hanging_mark(cairo_t *cr, const PangoAttrShape *attr)
{
    if (attr->copy_func != mark_copy)
        return FALSE;
    PangoLayout *mark = attr->data;
    double x, y;
    cairo_get_current_point(cr, &x, &y);
    cairo_move_to(cr, x, y - pango_layout_get_baseline(mark) / (double) PANGO_SCALE);
    pango_cairo_show_layout(cr, mark);
    return TRUE;
}
