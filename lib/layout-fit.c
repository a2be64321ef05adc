/* layout-fit.c: runs spread over a width (a DOCX's w:fitText).
 *
 * Word lays such a group of characters out as wide as the document says,
 * its first character at the start and its last at the end, the room
 * between them shared equally (a form's 姓名 and 工作单位 as wide as each
 * other); a group wider than that keeps its own width.  Pango cannot space
 * a range so: the group's first character becomes a shape of the group's
 * width that draws the group (its own one-line layout, letter-spaced), the
 * others zero-width shapes, and no line breaks inside it. */
#include "layout.h"

/* Groups fitted in one layout (a paragraph, or a piece of a long one):
 * labels are a few a paragraph; past this many, text keeps its width
 * rather than a hostile file's thousands of groups taking a layout each. */
#define MAX_FITS 64

static gpointer fit_copy(gconstpointer data)
{
    return data ? g_object_ref((gpointer) data) : NULL;
}

static void fit_destroy(gpointer data)
{
    if (data)
        g_object_unref(data);
}

/* A shape over text[start, end) drawing `drawn`, which it takes. */
static void insert_shape(PangoAttrList *attrs, const PangoRectangle *rect, PangoLayout *drawn, int start, int end)
{
    PangoAttribute *a = pango_attr_shape_new_with_data(rect, rect, drawn, fit_copy, fit_destroy);
    a->start_index = (guint) start;
    a->end_index = (guint) end;
    pango_attr_list_change(attrs, a);
}

/* `group` laid out with `attrs` and letter spacing `spacing` (Pango units)
 * over all its text.  (A new list each time: Pango ignores a list equal to
 * the one it has, and a list changed in place equals itself.) */
static void set_spacing(PangoLayout *group, PangoAttrList *attrs, int spacing)
{
    PangoAttrList *own = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
    pango_attr_list_change(own, pango_attr_letter_spacing_new(spacing));
    pango_layout_set_attributes(group, own);
    pango_attr_list_unref(own);
}

/* The group's characters spaced so that, Pango leaving out the outer
 * halves of a line's letter spacing, the first starts at 0 and the last
 * ends at `room` (Pango units), whatever spacing the text had; the
 * group's width. */
static int spread(PangoLayout *group, int n_chars, int room)
{
    PangoAttrList *attrs = pango_layout_get_attributes(group);
    attrs = attrs ? pango_attr_list_ref(attrs) : NULL;
    set_spacing(group, attrs, 0);
    int natural;
    pango_layout_get_size(group, &natural, NULL);
    if (n_chars >= 2 && room > natural)
        set_spacing(group, attrs, (room - natural) / (n_chars - 1));
    if (attrs)
        pango_attr_list_unref(attrs);
    return MAX(room, natural);
}

void gwi_fit_runs(PangoLayout *layout, PangoAttrList *attrs, const GArray *fits)
{
    if (!fits || !fits->len)
        return;
    const char *text = pango_layout_get_text(layout);
    for (guint i = 0; i < MIN(fits->len, MAX_FITS); i++) {
        const GwiFit *f = &g_array_index(fits, GwiFit, i);
        if (f->start >= f->end)
            continue;
        PangoLayout *group = gwi_range_layout(layout, attrs, f->start, f->end);
        int n_chars = (int) g_utf8_strlen(text + f->start, f->end - f->start);
        int width = spread(group, n_chars, (int) lround(CLAMP(f->width, 0, 1584) * PANGO_SCALE));
        PangoRectangle logical;
        pango_layout_get_extents(group, NULL, &logical);
        PangoRectangle rect = { 0, -pango_layout_get_baseline(group), width, logical.height }, none = { 0, 0, 0, 0 };
        int second = (int) (g_utf8_next_char(text + f->start) - text);
        insert_shape(attrs, &rect, group, f->start, second);
        if (second < f->end) {
            insert_shape(attrs, &none, NULL, second, f->end);
            /* inserted, not merged with the next group's: Pango keeps the
             * breaks at an attribute's ends */
            PangoAttribute *unbroken = pango_attr_allow_breaks_new(FALSE);
            unbroken->start_index = (guint) f->start;
            unbroken->end_index = (guint) f->end;
            pango_attr_list_insert(attrs, unbroken);
        }
    }
}

gboolean gwi_draw_fit(cairo_t *cr, const PangoAttrShape *attr)
{
    if (attr->copy_func != fit_copy)
        return FALSE;
    PangoLayout *group = attr->data;
    if (!group)
        return TRUE; /* the group's other characters: drawn with the first */
    double x, y;
    cairo_get_current_point(cr, &x, &y);
    cairo_move_to(cr, x, y - pango_layout_get_baseline(group) / (double) PANGO_SCALE);
    pango_cairo_show_layout(cr, group);
    return TRUE;
}
