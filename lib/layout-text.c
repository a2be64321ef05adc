/* layout-text.c: a paragraph's runs as one PangoLayout.
 *
 * Chinese and Latin text take different faces (as in Word: the East Asian
 * font for Han characters and full-width punctuation, the Latin font for
 * letters and digits), so the text is cut into script segments, each with a
 * font family attribute.  Pango's UAX #14 line breaking already keeps
 * ，。、；：？！）》」』”’… off the start of a line and （《「『“‘ off its end;
 * the few marks it lets through (the middle dots) get no-break attributes. */
#include <string.h>
#include "layout.h"

#define PU(x) ((int) ((x) * PANGO_SCALE))
#define FROM_PU(x) ((x) / (double) PANGO_SCALE)
#define MAX_STRETCH 0.08

void gwi_face_for_level(int level, GwiFace *face)
{
    face->latin = "Times New Roman";
    face->size = 16; /* 三号 */
    face->bold = face->italic = FALSE;
    if (level < 0) {
        face->ea = "方正小标宋简体";
        face->size = 22; /* 二号 */
        face->bold = TRUE;
    } else if (level == 1) {
        face->ea = "黑体";
    } else if (level == 2) {
        face->ea = "楷体_GB2312";
    } else {
        face->ea = "仿宋_GB2312";
    }
}

/* Characters set in the East Asian face: CJK scripts, full-width forms, and
 * the punctuation Chinese text shares with Latin (quotes, ellipsis, dashes,
 * middle dot), which must be full-width here. */
static gboolean is_east_asian(gunichar c)
{
    if (c < 0x2000)
        return c == 0x00B7 || c == 0x00D7 || c == 0x00F7;
    if (c < 0x2E80)
        return (c >= 0x2013 && c <= 0x2027) || c == 0x2030 || c == 0x2103 || c == 0x2116 ||
               (c >= 0x2160 && c <= 0x217F) || (c >= 0x2460 && c <= 0x24FF) || (c >= 0x2500 && c <= 0x27BF);
    return c <= 0xA4CF || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* Punctuation Chinese text shares with Latin text (quotes, dashes, the
 * ellipsis): set in the East Asian face in Chinese text and in the Latin
 * face in Latin text, as LibreOffice takes it from the text around it. */
static gboolean is_shared_punct(gunichar c)
{
    return c == 0x2013 || c == 0x2014 || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x2026;
}

/* Whether `c` tells the script of the text around it: not a space, a
 * digit, ASCII punctuation or shared punctuation. */
static gboolean is_script_letter(gunichar c)
{
    return (c >= 0x80 || g_ascii_isalpha((char) c)) && !is_shared_punct(c) && !g_unichar_isspace(c);
}

/* How far around shared punctuation a letter is looked for. */
#define SCRIPT_CONTEXT 32

/* Whether the shared punctuation at text[i] goes with East Asian text: the
 * nearest letter before it decides, else the nearest after it (before
 * `end`), else it does. */
static gboolean shared_punct_is_east_asian(const char *text, gsize i, gsize end)
{
    const char *p = text + i;
    for (int n = 0; n < SCRIPT_CONTEXT && p > text; n++) {
        p = g_utf8_prev_char(p);
        gunichar c = g_utf8_get_char(p);
        if (is_script_letter(c))
            return is_east_asian(c);
    }
    p = text + i;
    for (int n = 0; n < SCRIPT_CONTEXT && (p = g_utf8_next_char(p)) < text + end; n++) {
        gunichar c = g_utf8_get_char(p);
        if (is_script_letter(c))
            return is_east_asian(c);
    }
    return TRUE;
}

/* Marks that may not start a line although UAX #14 allows a break before
 * them (Pango already handles the closing brackets, commas, stops...). */
static gboolean no_break_before(gunichar c)
{
    return c == 0x00B7 || c == 0x2027 || c == 0x30FB || c == 0x2025;
}

enum { FAMILY_HAS_CJK = 1, FAMILY_LACKS_CJK, FAMILY_WARNED };

/* The family to use for a requested East Asian family: itself, or when no
 * installed face has Chinese glyphs for it, the role's default, with a
 * warning once per document and family when `text` (may be NULL) holds
 * East Asian characters to set in it. */
static const char *checked_ea_family(GwiText *tc, const char *family, const char *fallback, const char *text)
{
    if (!family || strcmp(family, fallback) == 0)
        return fallback;
    int known = GPOINTER_TO_INT(g_hash_table_lookup(tc->warned_fonts, family)), seen = known;
    if (!seen)
        seen = gwi_fonts_family_has_cjk(family) ? FAMILY_HAS_CJK : FAMILY_LACKS_CJK;
    if (seen == FAMILY_LACKS_CJK && text && gwi_text_has_east_asian(text, strlen(text))) {
        gw_document_add_warning(tc->doc, "font '%s' is not installed or has no Chinese characters: Chinese text set in it "
                                "uses %s instead",
                                family, fallback);
        seen = FAMILY_WARNED;
    }
    if (seen != known)
        g_hash_table_insert(tc->warned_fonts, g_strdup(family), GINT_TO_POINTER(seen));
    return seen == FAMILY_HAS_CJK ? family : fallback;
}

const char *gwi_para_ea_family(GwiText *tc, const GwBlock *block, const char *family, const char *role)
{
    if (!family || strcmp(family, role) == 0 || gwi_fonts_family_has_cjk(family))
        return family;
    const char *text = NULL; /* East Asian text set in it, for the warning */
    for (guint i = 0; i < gw_block_n_runs(block) && !text; i++) {
        const GwRun *run = block->runs->pdata[i];
        if (run->kind == GW_RUN_TEXT && !run->style.font_ea && run->text &&
            gwi_text_has_east_asian(run->text, strlen(run->text)))
            text = run->text;
    }
    return checked_ea_family(tc, family, role, text);
}

/* The face of a run: the paragraph's (or its lead heading's), then the
 * run's own formatting. */
static void run_face(GwiText *tc, const GwiPara *para, GwRun *run, GwiFace *face)
{
    *face = para->face;
    if (run->lead && para->lead_level > 0)
        gwi_face_for_level(para->lead_level, face);
    const GwRunStyle *s = &run->style;
    if (s->font_ea)
        face->ea = checked_ea_family(tc, s->font_ea, face->ea, run->kind == GW_RUN_TEXT ? run->text : NULL);
    if (s->font)
        face->latin = s->font;
    if (gw_is_set(s->size) && s->size > 0)
        face->size = CLAMP(s->size, 1, 400);
    if (s->bold >= 0)
        face->bold = s->bold;
    if (s->italic >= 0)
        face->italic = s->italic;
}

static PangoFontDescription *face_description(const GwiFace *face)
{
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family(d, face->ea);
    pango_font_description_set_absolute_size(d, face->size * PANGO_SCALE);
    pango_font_description_set_weight(d, face->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(d, face->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return d;
}

static void add_attr(PangoAttrList *list, PangoAttribute *a, gsize start, gsize end)
{
    a->start_index = (guint) start;
    a->end_index = (guint) end;
    pango_attr_list_insert(list, a);
}

/* Combining marks set on one character at most: real scripts stack a few
 * (Unicode's stream-safe text format allows 30), while thousands on one base
 * ("Zalgo" text) cost HarfBuzz some 10 microseconds each and draw a blot. */
#define MAX_STACKED_MARKS 30

/* The combining marks at the end of `out`, up to MAX_STACKED_MARKS. */
static int trailing_marks(const GString *out)
{
    int n = 0;
    const char *p = out->str + out->len;
    while (n < MAX_STACKED_MARKS && (p = g_utf8_find_prev_char(out->str, p)) && g_unichar_ismark(g_utf8_get_char(p)))
        n++;
    return n;
}

/* Append valid UTF-8 `text` without the marks past MAX_STACKED_MARKS on one
 * character. */
static void append_without_mark_stacks(GString *out, const char *text)
{
    int marks = trailing_marks(out);
    const char *from = text;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        if (!g_unichar_ismark(g_utf8_get_char(p)))
            marks = 0;
        else if (++marks > MAX_STACKED_MARKS) {
            g_string_append_len(out, from, p - from);
            from = g_utf8_next_char(p);
        }
    }
    g_string_append(out, from);
}

/* Append text with control characters made spaces (model text should have
 * none; a stray CR or form feed must not start a new Pango paragraph). */
static void append_clean(GString *out, const char *text)
{
    if (!g_utf8_validate(text, -1, NULL)) {
        char *valid = g_utf8_make_valid(text, -1);
        append_clean(out, valid);
        g_free(valid);
        return;
    }
    gsize from = out->len;
    append_without_mark_stacks(out, text);
    for (gsize i = from; i < out->len; i++)
        if ((guchar) out->str[i] < 0x20 && out->str[i] != '\t')
            out->str[i] = ' ';
}

/* Family attributes for the script segments of text[start, end): East Asian
 * segments in face->ea, the rest in face->latin; attributes are only added
 * where the family differs from the layout's base family `base`. */
static void add_segments(PangoAttrList *attrs, const char *text, gsize start, gsize end, const GwiFace *face,
                         const char *base)
{
    gsize seg = start;
    gboolean seg_ea = TRUE;
    for (gsize i = start; i <= end;) {
        gboolean at_end = i == end;
        gunichar c = at_end ? 0 : g_utf8_get_char(text + i);
        gboolean ea = at_end               ? !seg_ea
                      : is_shared_punct(c) ? shared_punct_is_east_asian(text, i, end)
                                           : is_east_asian(c);
        if (i == start)
            seg_ea = ea;
        else if (ea != seg_ea) {
            const char *family = seg_ea ? face->ea : face->latin;
            if (strcmp(family, base) != 0)
                add_attr(attrs, pango_attr_family_new(family), seg, i);
            seg = i;
            seg_ea = ea;
        }
        if (at_end)
            break;
        i = g_utf8_next_char(text + i) - text;
    }
}

static void add_kinsoku(PangoAttrList *attrs, const char *text, gsize len)
{
    gsize prev = 0;
    for (gsize i = 0; i < len; i = g_utf8_next_char(text + i) - text) {
        gunichar c = g_utf8_get_char(text + i);
        if (i > 0 && no_break_before(c))
            add_attr(attrs, pango_attr_allow_breaks_new(FALSE), prev, g_utf8_next_char(text + i) - text);
        prev = i;
    }
}

/* Pango shape attributes carry inline pictures as cairo surfaces. */
static gpointer surface_copy(gconstpointer data)
{
    return cairo_surface_reference((cairo_surface_t *) data);
}

static void surface_destroy(gpointer data)
{
    cairo_surface_destroy(data);
}

static void draw_shape(cairo_t *cr, PangoAttrShape *attr, gboolean do_path, gpointer data)
{
    (void) data;
    if (do_path || gwi_draw_fit(cr, attr) || !attr->data || gwi_draw_hanging_mark(cr, attr))
        return;
    double x, y;
    cairo_get_current_point(cr, &x, &y);
    gwi_draw_picture(cr, attr->data, x, y + attr->logical_rect.y / (double) PANGO_SCALE,
                     attr->logical_rect.width / (double) PANGO_SCALE, attr->logical_rect.height / (double) PANGO_SCALE);
}

static void add_inline_image(GwiText *tc, PangoAttrList *attrs, GString *text, const GwImage *img, double width)
{
    cairo_surface_t *s = gwi_image_surface(img, tc->doc);
    if (!s && !gwi_image_has_size(img))
        return;
    double w, h;
    gwi_image_fit(img, s, width > 0 ? width : 1e6, 1e6, &w, &h);
    PangoRectangle rect = { 0, -PU(h), PU(w), PU(h) };
    gsize start = text->len;
    g_string_append(text, "\xEF\xBF\xBC"); /* U+FFFC OBJECT REPLACEMENT CHARACTER */
    /* The attribute takes over our reference to the surface. */
    add_attr(attrs, pango_attr_shape_new_with_data(&rect, &rect, s, surface_copy, surface_destroy), start, text->len);
}

/* A floating picture or a line shape takes no room in the line: an empty
 * shape marks where it is anchored, and the engine draws it on the page. */
static void add_floating_image(PangoAttrList *attrs, GString *text)
{
    PangoRectangle none = { 0, 0, 0, 0 };
    gsize start = text->len;
    g_string_append(text, "\xEF\xBF\xBC"); /* U+FFFC OBJECT REPLACEMENT CHARACTER */
    add_attr(attrs, pango_attr_shape_new(&none, &none), start, text->len);
}

static void free_array(gpointer data)
{
    g_array_unref(data);
}

/* An array the layout keeps under `key`, made on first use. */
static GArray *layout_array(PangoLayout *layout, const char *key, guint element_size)
{
    GArray *array = g_object_get_data(G_OBJECT(layout), key);
    if (!array) {
        array = g_array_new(FALSE, FALSE, element_size);
        g_object_set_data_full(G_OBJECT(layout), key, array, free_array);
    }
    return array;
}

GArray *gwi_text_links(PangoLayout *layout)
{
    return g_object_get_data(G_OBJECT(layout), "gw-links");
}

GArray *gwi_text_anchored(PangoLayout *layout)
{
    return g_object_get_data(G_OBJECT(layout), "gw-anchored");
}

/* Characters with emphasis marks (着重号): a byte range and its mark. */
typedef struct {
    int start, end;
    GwEmphasis mark;
} Emphasis;

/* Ranges are added in text order, each one after the last. */
static void add_emphasis(PangoLayout *layout, int start, int end, GwEmphasis mark)
{
    Emphasis e = { start, end, mark };
    g_array_append_val(layout_array(layout, "gw-emphasis", sizeof e), e);
}

/* The layout's emphasis ranges, or NULL when it has none. */
static const GArray *layout_marks(PangoLayout *layout)
{
    const GArray *marks = g_object_get_data(G_OBJECT(layout), "gw-emphasis");
    return marks && marks->len ? marks : NULL;
}

/* The mark at byte `index`: a binary search of the ranges, which a
 * paragraph of alternating marks has by the thousand. */
static GwEmphasis emphasis_at(const GArray *marks, int index)
{
    guint lo = 0, hi = marks->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        const Emphasis *e = &g_array_index(marks, Emphasis, mid);
        if (index < e->start)
            hi = mid;
        else if (index >= e->end)
            lo = mid + 1;
        else
            return e->mark;
    }
    return GW_EMPHASIS_NONE;
}

/* The colour a run's text is drawn in. */
static void set_run_color(cairo_t *cr, const PangoItem *item)
{
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_FOREGROUND) {
            const PangoColor *c = &((const PangoAttrColor *) a)->color;
            cairo_set_source_rgb(cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0);
        }
    }
}

/* Where a mark for a character `size` points high sits: its middle's
 * height above the baseline (negative: below) and its radius. */
static double mark_middle(double size, GwEmphasis mark, double *radius)
{
    *radius = size / 16;
    return mark == GW_EMPHASIS_UNDER_DOT ? -(size * 0.22 + *radius) : size * 0.95 + *radius;
}

typedef void (*MarkFunc)(gpointer user, const PangoItem *item, double x, double size, GwEmphasis mark);

/* Calls `fn` for each character of `line` that takes an emphasis mark,
 * with the middle of its box (points from the line's start) and its size.
 * (No marks on spaces and punctuation, as Word and LibreOffice set them.) */
static void each_mark(PangoLayout *layout, const GArray *marks, PangoLayoutLine *line, MarkFunc fn, gpointer user)
{
    const char *text = pango_layout_get_text(layout);
    int x = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        const PangoGlyphItem *run = r->data;
        PangoFontDescription *desc = run->item->analysis.font ? pango_font_describe_with_absolute_size(run->item->analysis.font) : NULL;
        double size = desc ? pango_font_description_get_size(desc) / (double) PANGO_SCALE : 0;
        if (desc)
            pango_font_description_free(desc);
        for (int g = 0; g < run->glyphs->num_glyphs; x += run->glyphs->glyphs[g].geometry.width, g++) {
            const PangoGlyphInfo *info = &run->glyphs->glyphs[g];
            int index = run->item->offset + run->glyphs->log_clusters[g];
            if (!info->attr.is_cluster_start || info->glyph == PANGO_GLYPH_EMPTY || size <= 0)
                continue;
            GwEmphasis mark = emphasis_at(marks, index);
            gunichar c = g_utf8_get_char(text + index);
            if (mark != GW_EMPHASIS_NONE && !g_unichar_isspace(c) && !g_unichar_ispunct(c))
                fn(user, run->item, (x + info->geometry.width / 2) / (double) PANGO_SCALE, size, mark);
        }
    }
}

/* One mark: a dot, comma or ring above the character, or a dot below. */
static void draw_mark(gpointer user, const PangoItem *item, double x, double size, GwEmphasis mark)
{
    cairo_t *cr = user;
    double r, y = -mark_middle(size, mark, &r);
    set_run_color(cr, item);
    cairo_new_sub_path(cr);
    if (mark == GW_EMPHASIS_CIRCLE) {
        cairo_set_line_width(cr, r * 0.8);
        cairo_arc(cr, x, y, r * 1.4, 0, 2 * G_PI);
        cairo_stroke(cr);
        return;
    }
    cairo_arc(cr, x, y, r, 0, 2 * G_PI);
    cairo_fill(cr);
    if (mark == GW_EMPHASIS_COMMA) { /* a tail down to the left: 、 */
        cairo_set_line_width(cr, r);
        cairo_move_to(cr, x + r * 0.5, y);
        cairo_line_to(cr, x - r * 0.8, y + r * 2.2);
        cairo_stroke(cr);
    }
}

void gwi_draw_emphasis(cairo_t *cr, PangoLayout *layout, PangoLayoutLine *line)
{
    const GArray *marks = layout_marks(layout);
    if (!marks)
        return;
    cairo_save(cr);
    each_mark(layout, marks, line, draw_mark, cr);
    cairo_restore(cr);
}

typedef struct {
    double ascent, descent; /* the line's, points */
    double above, below;    /* room the marks need past them */
} Room;

static void mark_room(gpointer user, const PangoItem *item, double x, double size, GwEmphasis mark)
{
    Room *room = user;
    double r, middle = mark_middle(size, mark, &r);
    (void) item, (void) x;
    if (middle < 0)
        room->below = MAX(room->below, -middle + 2 * r - room->descent);
    else
        room->above = MAX(room->above, middle + 2 * r - room->ascent);
}

void gwi_emphasis_room(PangoLayout *layout, PangoLayoutLine *line, double *above, double *below)
{
    *above = *below = 0;
    const GArray *marks = layout_marks(layout); /* (every line asks: most have none) */
    if (!marks)
        return;
    PangoRectangle logical;
    pango_layout_line_get_extents(line, NULL, &logical);
    Room room = { -logical.y / (double) PANGO_SCALE, (logical.y + logical.height) / (double) PANGO_SCALE, 0, 0 };
    each_mark(layout, marks, line, mark_room, &room);
    *above = room.above;
    *below = room.below;
}

static GArray *text_fits(PangoLayout *layout)
{
    return g_object_get_data(G_OBJECT(layout), "gw-fits");
}

/* A run spread over a width (w:fitText) starts a group, or widens the one
 * of the run before it when that shares its id and width and ends where
 * it starts. */
static void add_fit(PangoLayout *layout, const GwRun *run, int start, int end, const GwRun *before)
{
    if (!(run->style.fit_width > 0))
        return;
    GArray *fits = layout_array(layout, "gw-fits", sizeof(GwiFit));
    GwiFit *last = fits->len ? &g_array_index(fits, GwiFit, fits->len - 1) : NULL;
    if (last && before && last->end == start && before->style.fit_width == run->style.fit_width &&
        before->style.fit_id == run->style.fit_id) {
        last->end = end;
        return;
    }
    GwiFit fit = { start, end, run->style.fit_width };
    g_array_append_val(fits, fit);
}

static void add_link(PangoLayout *layout, int start, int end, const char *target)
{
    GwiLink link = { start, end, target };
    g_array_append_val(layout_array(layout, "gw-links", sizeof link), link);
}

/* Attributes of one run's formatting beyond its family. */
static void add_run_format(PangoAttrList *attrs, const GwRunStyle *s, const GwiFace *face, const GwiFace *base,
                           const GwiPara *para, gsize start, gsize end)
{
    if (face->size != base->size)
        add_attr(attrs, pango_attr_size_new_absolute(PU(face->size)), start, end);
    if (face->bold != base->bold)
        add_attr(attrs, pango_attr_weight_new(face->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL), start, end);
    if (face->italic != base->italic)
        add_attr(attrs, pango_attr_style_new(face->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL), start, end);
    /* The grid's pitch (for text of the grid's size), then the run's or
     * the paragraph's own letter spacing, at most half a character tighter. */
    double grid = para->grid_char > 0 && face->size == base->size ? para->grid_char - face->size : 0;
    double extra = gw_is_set(s->letter_spacing) ? s->letter_spacing : para->letter_spacing;
    extra = CLAMP(extra, -face->size / 2, 100);
    if (grid != 0 || extra != 0) {
        /* Floor to Pango units so that 28 characters never overflow the line. */
        int spacing = (int) floor((grid + extra) * PANGO_SCALE);
        add_attr(attrs, pango_attr_letter_spacing_new(spacing), start, end);
    }
    GwCaps caps = s->caps >= 0 ? (GwCaps) s->caps : para->caps;
    if (caps == GW_CAPS_ALL)
        add_attr(attrs, pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE), start, end);
    else if (caps == GW_CAPS_SMALL)
        add_attr(attrs, pango_attr_variant_new(PANGO_VARIANT_SMALL_CAPS), start, end);
    if (s->underline > 0)
        add_attr(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, end);
    if (s->strike > 0)
        add_attr(attrs, pango_attr_strikethrough_new(TRUE), start, end);
    if (s->color >= 0)
        add_attr(attrs,
                 pango_attr_foreground_new((guint16) (((s->color >> 16) & 0xFF) * 257),
                                           (guint16) (((s->color >> 8) & 0xFF) * 257), (guint16) ((s->color & 0xFF) * 257)),
                 start, end);
    if (s->highlight >= 0)
        add_attr(attrs,
                 pango_attr_background_new((guint16) (((s->highlight >> 16) & 0xFF) * 257),
                                           (guint16) (((s->highlight >> 8) & 0xFF) * 257),
                                           (guint16) ((s->highlight & 0xFF) * 257)),
                 start, end);
    /* (at most 100 pt: Pango's line extents overflow near Word's 1,584) */
    if (gw_is_set(s->rise) && s->rise != 0)
        add_attr(attrs, pango_attr_rise_new((int) lround(CLAMP(s->rise, -100, 100) * PANGO_SCALE)), start, end);
    if (s->vert != GW_VERT_NORMAL) {
        gboolean sup = s->vert == GW_VERT_SUPER;
        add_attr(attrs, pango_attr_baseline_shift_new(sup ? PANGO_BASELINE_SHIFT_SUPERSCRIPT : PANGO_BASELINE_SHIFT_SUBSCRIPT),
                 start, end);
        add_attr(attrs, pango_attr_font_scale_new(sup ? PANGO_FONT_SCALE_SUPERSCRIPT : PANGO_FONT_SCALE_SUBSCRIPT), start, end);
    }
}

static const char *run_text(GwiText *tc, const GwRun *run, char *buf, gsize size)
{
    switch (run->kind) {
    case GW_RUN_TAB:
        return "\t";
    case GW_RUN_LINE_BREAK:
        return "\xE2\x80\xA8"; /* U+2028 LINE SEPARATOR: a break inside the paragraph */
    case GW_RUN_FIELD:
        if ((run->field == GW_FIELD_PAGE && tc->page > 0) || (run->field == GW_FIELD_NUMPAGES && tc->n_pages > 0)) {
            const char *format = run->field_format;
            if (!format && run->field == GW_FIELD_PAGE && tc->page_format && *tc->page_format)
                format = tc->page_format;
            char *number = gwi_format_number(format, run->field == GW_FIELD_PAGE ? tc->page : tc->n_pages);
            g_strlcpy(buf, number, size);
            g_free(number);
            return buf;
        }
        return run->text ? run->text : "";
    case GW_RUN_TEXT:
        return run->text ? run->text : "";
    case GW_RUN_NOTE:
        return run->text && *run->text ? run->text : gwi_note_mark(tc, run);
    default:
        return "";
    }
}

/* Han characters, kana and hangul: the East Asian text Word's autospace
 * sets apart from Latin letters and digits (not its punctuation, which has
 * room of its own). */
static gboolean is_ideographic(gunichar c)
{
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) ||
           (c >= 0x3005 && c <= 0x3007);
}

static gboolean is_latin_alnum(gunichar c)
{
    return (c < 0x80 && g_ascii_isalnum((char) c)) || (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7);
}

#define AUTOSPACE "\xE2\x80\x8B" /* U+200B ZERO WIDTH SPACE, under an empty shape */

/* Appends the text of a run with autospace: at each meeting of East Asian
 * text and Latin letters or digits (the run's first character against the
 * text before it too), an empty shape a quarter em wide on a ZERO WIDTH
 * SPACE, which keeps the line break Word allows there (after it: it never
 * starts a line, and one that ends a line is made narrow again).  It draws
 * and extracts as nothing. */
static void append_spaced(PangoAttrList *attrs, GString *text, const char *run_text, double size)
{
    gsize from = text->len;
    append_clean(text, run_text);
    GString *spaced = g_string_sized_new(text->len - from + 16);
    GArray *spacers = g_array_new(FALSE, FALSE, sizeof(gsize));
    const char *before = from ? g_utf8_find_prev_char(text->str, text->str + from) : NULL;
    gunichar prev = before ? g_utf8_get_char(before) : 0;
    for (const char *p = text->str + from; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if ((is_ideographic(prev) && is_latin_alnum(c)) || (is_latin_alnum(prev) && is_ideographic(c))) {
            gsize at = from + spaced->len;
            g_array_append_val(spacers, at);
            g_string_append(spaced, AUTOSPACE);
        }
        g_string_append_unichar(spaced, c);
        prev = c;
    }
    g_string_truncate(text, from);
    g_string_append_len(text, spaced->str, (gssize) spaced->len);
    PangoRectangle gap = { 0, 0, PU(size / 4), 0 };
    for (guint i = 0; i < spacers->len; i++) {
        gsize at = g_array_index(spacers, gsize, i);
        add_attr(attrs, pango_attr_shape_new(&gap, &gap), at, at + 3);
    }
    g_array_unref(spacers);
    g_string_free(spaced, TRUE);
}

static void append_runs(GwiText *tc, PangoLayout *layout, const GwBlock *block, const GwiPara *para, double width,
                        GString *text, PangoAttrList *attrs)
{
    char buf[96]; /* a page number in words: up to 17 characters of 3 bytes */
    for (guint i = 0; i < gw_block_n_runs(block); i++) {
        GwRun *run = gw_block_get_run(block, i);
        GwiFace face;
        run_face(tc, para, run, &face);
        gsize start = text->len;
        gboolean floating = (run->kind == GW_RUN_IMAGE && run->image && run->image->placement.floating) ||
                            (run->kind == GW_RUN_LINE_SHAPE && run->line_shape);
        if (floating)
            add_floating_image(attrs, text);
        else if (run->kind == GW_RUN_IMAGE && run->image)
            add_inline_image(tc, attrs, text, run->image, width);
        else if (para->autospace && run->kind == GW_RUN_TEXT && !(run->style.fit_width > 0))
            append_spaced(attrs, text, run_text(tc, run, buf, sizeof buf), face.size);
        else
            append_clean(text, run_text(tc, run, buf, sizeof buf));
        if (text->len == start)
            continue;
        add_fit(layout, run, (int) start, (int) text->len, i > 0 ? gw_block_get_run(block, i - 1) : NULL);
        /* the paragraph's colour, underline... where the run says none (a
         * style's red issuer, a heading in its theme colour) */
        GwRunStyle shown = gwi_run_style_merged(&block->style.run, &run->style);
        if (run->kind == GW_RUN_NOTE && shown.vert == GW_VERT_NORMAL)
            shown.vert = GW_VERT_SUPER; /* a note's reference mark is a superscript */
        if (shown.emphasis > GW_EMPHASIS_NONE && shown.emphasis <= GW_EMPHASIS_UNDER_DOT)
            add_emphasis(layout, (int) start, (int) text->len, (GwEmphasis) shown.emphasis);
        const GwRunStyle *style = &shown;
        if ((run->kind == GW_RUN_NOTE && !run->endnote) || floating) {
            GwiAnchored ref = { (int) start, run };
            g_array_append_val(layout_array(layout, "gw-anchored", sizeof ref), ref);
        }
        add_run_format(attrs, style, &face, &para->face, para, start, text->len);
        add_segments(attrs, text->str, start, text->len, &face, para->face.ea);
        if (run->link && *run->link)
            add_link(layout, (int) start, (int) text->len, run->link);
    }
}

/* Justification stretches the gaps between two Chinese characters (not
 * inside Latin words, as Word does, and not next to Latin text, which
 * pdftotext would then read as word spaces) and the spaces between words. */
static gboolean stretchable_gap(gunichar before, gunichar after)
{
    return is_east_asian(before) && is_east_asian(after);
}

typedef struct {
    PangoGlyphInfo *glyph; /* the space, or the last glyph of the cluster before the gap */
    gboolean space;
} Gap;

static void collect_gaps(const char *text, PangoLayoutLine *line, GArray *gaps)
{
    PangoGlyphInfo *prev_glyph = NULL;
    gunichar prev_char = 0;
    int line_end = line->start_index + line->length;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        for (int g = 0; g < run->glyphs->num_glyphs; g++) {
            PangoGlyphInfo *info = &run->glyphs->glyphs[g];
            if (info->attr.is_cluster_start) {
                int index = run->item->offset + run->glyphs->log_clusters[g];
                gunichar c = index < line_end ? g_utf8_get_char(text + index) : 0;
                gboolean trailing_space = g_unichar_isspace(c) && g_utf8_next_char(text + index) - text >= line_end;
                if (c == ' ' && prev_glyph && !trailing_space)
                    g_array_append_val(gaps, ((Gap){ info, TRUE }));
                else if (prev_glyph && !trailing_space && stretchable_gap(prev_char, c) &&
                         info->glyph != PANGO_GLYPH_EMPTY && prev_glyph->glyph != PANGO_GLYPH_EMPTY)
                    g_array_append_val(gaps, ((Gap){ prev_glyph, FALSE }));
                prev_char = c;
            }
            prev_glyph = info;
        }
    }
}

/* Widens the gaps of one kind (spaces or not) by `total` together, the
 * rounding remainder going to the first ones. */
static void widen_gaps(GArray *gaps, gboolean spaces, int n, int total)
{
    for (guint i = 0, k = 0; i < gaps->len && n > 0; i++) {
        Gap *gap = &g_array_index(gaps, Gap, i);
        if (gap->space != spaces)
            continue;
        gap->glyph->geometry.width += total / n + ((int) k < total % n);
        k++;
    }
}

/* Justification: a wrapped line's slack is spread evenly over the gaps
 * between its Chinese characters and its spaces.  (Pango would put it all
 * into the spaces when a line has any, which opens holes in Chinese text.)
 * The last line of the paragraph, and lines ended by a line break, stay as
 * they are unless the paragraph is distributed.
 *
 * A gap between Chinese characters never grows by more than MAX_STRETCH of
 * the font size: text extractors (pdftotext) read a gap over a tenth of the
 * font size as a word space, which would put spaces into the Chinese text.
 * The spaces take the rest; a line without spaces that would need more (a
 * long Latin word pushed to the next line) stays a little short instead. */
static void justify(PangoLayout *layout, const GwiPara *para)
{
    const char *text = pango_layout_get_text(layout);
    int width = pango_layout_get_width(layout), indent = pango_layout_get_indent(layout);
    GArray *gaps = g_array_new(FALSE, FALSE, sizeof(Gap));
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
        PangoLayoutLine *line = l->data;
        int end = line->start_index + line->length;
        gboolean last = !l->next || (end >= 3 && strncmp(text + end - 3, "\xE2\x80\xA8", 3) == 0);
        if (last && para->align != GW_ALIGN_DISTRIBUTE)
            continue;
        int avail = width - (line->is_paragraph_start ? MAX(indent, 0) : MAX(-indent, 0));
        PangoRectangle logical;
        pango_layout_line_get_extents(line, NULL, &logical);
        int extra = avail - logical.width;
        g_array_set_size(gaps, 0);
        collect_gaps(text, line, gaps);
        if (extra <= 0 || gaps->len == 0)
            continue;
        int n_spaces = 0;
        for (guint i = 0; i < gaps->len; i++)
            n_spaces += g_array_index(gaps, Gap, i).space;
        int n_chinese = (int) gaps->len - n_spaces;
        int chinese = MIN(extra / (int) gaps->len, PU(MAX_STRETCH * para->face.size)) * n_chinese;
        if (!n_spaces)
            chinese = MIN(extra, n_chinese * PU(MAX_STRETCH * para->face.size));
        widen_gaps(gaps, FALSE, n_chinese, chinese);
        widen_gaps(gaps, TRUE, n_spaces, extra - chinese);
    }
    g_array_unref(gaps);
}

/* Pango's alignment is by sides; the model's left and right are the start
 * and end of a right-to-left paragraph. */
static PangoAlignment pango_alignment(GwAlign align, gboolean rtl)
{
    if (align == GW_ALIGN_CENTER)
        return PANGO_ALIGN_CENTER;
    gboolean end = align == GW_ALIGN_RIGHT;
    return end == rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
}

/* ---- tab stops -------------------------------------------------------------- */

/* A tab stop of a layout with dotted ones: where it is, in Pango units
 * from the layout's edge, and whether dots lead up to it. */
typedef struct {
    int pos;
    gboolean dots;
} Leader;

static PangoTabAlign pango_tab_align(GwTabAlign align)
{
    return align == GW_TAB_RIGHT    ? PANGO_TAB_RIGHT
           : align == GW_TAB_CENTER ? PANGO_TAB_CENTER
           : align == GW_TAB_DECIMAL ? PANGO_TAB_DECIMAL
                                    : PANGO_TAB_LEFT;
}

/* The default stops' distance when the document sets none: two 五号
 * characters (gongwen's DOCX says 420 twips). */
#define DEFAULT_TAB 21.0

/* The layout's tab stops: after a list label where its text starts, then
 * the paragraph's own (those right of the label), then default ones every
 * `default_tab` points from the column's edge (two of them: Pango goes on
 * at the distance between the last two); when some are dotted, all are
 * noted on the layout for gwi_draw_tab_leaders. */
static void set_tab_stops(PangoLayout *layout, const GwiPara *para, double default_tab)
{
    PangoTabArray *tabs = pango_tab_array_new((int) para->n_tabs + 3, FALSE);
    GArray *stops = para->n_tabs ? g_array_new(FALSE, FALSE, sizeof(Leader)) : NULL;
    gboolean dotted = FALSE;
    int n = 0, last = -1;
    if (para->label) {
        last = PU(para->label_width);
        pango_tab_array_set_tab(tabs, n++, PANGO_TAB_LEFT, last);
        if (stops)
            g_array_append_val(stops, ((Leader){ last, FALSE }));
    }
    for (guint i = 0; i < para->n_tabs; i++) {
        double pos = para->tabs[i].pos - para->tab_origin;
        if (!isfinite(pos) || pos <= 0 || pos > 1e5 || PU(pos) <= last)
            continue;
        last = PU(pos);
        pango_tab_array_set_tab(tabs, n, pango_tab_align(para->tabs[i].align), last);
        pango_tab_array_set_decimal_point(tabs, n++, '.');
        g_array_append_val(stops, ((Leader){ last, para->tabs[i].dots }));
        dotted |= para->tabs[i].dots;
    }
    if (dotted)
        g_object_set_data_full(G_OBJECT(layout), "gw-leaders", stops, (GDestroyNotify) g_array_unref);
    else if (stops)
        g_array_unref(stops);
    double step = default_tab >= 1 ? default_tab : DEFAULT_TAB;
    double after = floor((MAX(FROM_PU(last), 0) + para->tab_origin) / step + 1) * step - para->tab_origin;
    for (int k = 0; k < 2; k++)
        if (after + k * step > 0 && after + k * step < 1e5)
            pango_tab_array_set_tab(tabs, n++, PANGO_TAB_LEFT, PU(after + k * step));
    pango_tab_array_resize(tabs, MAX(n, 1));
    pango_layout_set_tabs(layout, tabs);
    pango_tab_array_free(tabs);
}

/* Dots from x0 to x1 (Pango units along the line, the current point at
 * 0), on a grid of the layout's so that the dots of lines above each other
 * line up. */
static void draw_dots(cairo_t *cr, int x0, int x1, int line_x, double size)
{
    double step = size / 3, radius = size / 14;
    double first = ceil((FROM_PU(x0 + line_x) + step / 2) / step) * step;
    for (double x = first; x + step / 2 <= FROM_PU(x1 + line_x); x += step) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x - FROM_PU(line_x), -radius, radius, 0, 2 * G_PI);
    }
    cairo_fill(cr);
}

void gwi_draw_tab_leaders(cairo_t *cr, PangoLayoutLine *line, int line_x)
{
    GArray *leaders = g_object_get_data(G_OBJECT(line->layout), "gw-leaders");
    if (!leaders)
        return;
    const char *text = pango_layout_get_text(line->layout);
    int x = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        for (int g = 0; g < run->glyphs->num_glyphs; g++) {
            int w = run->glyphs->glyphs[g].geometry.width;
            if (text[run->item->offset + run->glyphs->log_clusters[g]] == '\t') {
                /* the stop a tab reaches is the first one after its start */
                guint i = 0;
                while (i < leaders->len && g_array_index(leaders, Leader, i).pos <= x + line_x)
                    i++;
                if (i < leaders->len && g_array_index(leaders, Leader, i).dots) {
                    PangoFontDescription *d = pango_font_describe_with_absolute_size(run->item->analysis.font);
                    draw_dots(cr, x, x + w, line_x, FROM_PU(pango_font_description_get_size(d)));
                    pango_font_description_free(d);
                }
            }
            x += w;
        }
    }
}

static PangoLayout *new_layout(GwiText *tc, const GwiPara *para, double width, double indent)
{
    PangoLayout *layout = pango_layout_new(para->rtl ? tc->pango_rtl : tc->pango);
    /* a paragraph's direction is its own, not that of its first letter */
    pango_layout_set_auto_dir(layout, !para->rtl);
    PangoFontDescription *desc = face_description(&para->face);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, pango_alignment(para->align, para->rtl));
    if (width >= 0) {
        pango_layout_set_width(layout, PU(MAX(width, para->face.size)));
        pango_layout_set_indent(layout, PU(indent));
    }
    set_tab_stops(layout, para, tc->doc->page.default_tab);
    return layout;
}

/* The paragraph's text and attributes (kinsoku aside); links go on `layout`. */
static void build_text(GwiText *tc, PangoLayout *layout, const GwBlock *block, const GwiPara *para, double width,
                       GString *text, PangoAttrList *attrs)
{
    if (para->label) {
        gsize start = text->len;
        append_clean(text, para->label);
        g_string_append_c(text, '\t');
        add_run_format(attrs, &(GwRunStyle){ .color = -1, .highlight = -1, .caps = -1, .letter_spacing = GW_UNSET }, &para->face,
                       &para->face, para, start, text->len);
        add_segments(attrs, text->str, start, text->len, &para->face, para->face.ea);
    }
    append_runs(tc, layout, block, para, width, text, attrs);
}

/* Word adds no autospace at the end of a line: a spacer there loses its width. */
static void narrow_line_end_spacers(PangoLayout *layout)
{
    const char *text = pango_layout_get_text(layout);
    gsize n = strlen(AUTOSPACE);
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
        PangoLayoutLine *line = l->data;
        int end = line->start_index + line->length;
        if (end < (int) n || strncmp(text + end - n, AUTOSPACE, n) != 0)
            continue;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            for (int i = 0; i < run->glyphs->num_glyphs; i++)
                if (run->item->offset + run->glyphs->log_clusters[i] == end - (int) n)
                    run->glyphs->glyphs[i].geometry.width = 0;
        }
    }
}

static void set_text(PangoLayout *layout, const GwiPara *para, double width, const char *text, gsize len,
                     PangoAttrList *attrs)
{
    add_kinsoku(attrs, text, len);
    pango_layout_set_text(layout, text, (int) len);
    gwi_fit_runs(layout, attrs, text_fits(layout));
    pango_layout_set_attributes(layout, attrs);
    pango_cairo_context_set_shape_renderer(pango_layout_get_context(layout), draw_shape, NULL, NULL);
    if (para->hang_punct && width >= 0)
        gwi_hang_punctuation(layout, attrs);
    if (para->autospace)
        narrow_line_end_spacers(layout);
    if (width >= 0 && (para->align == GW_ALIGN_JUSTIFY || para->align == GW_ALIGN_DISTRIBUTE))
        justify(layout, para);
}

PangoLayout *gwi_text_layout(GwiText *tc, const GwBlock *block, const GwiPara *para, double width)
{
    PangoLayout *layout = new_layout(tc, para, width, para->indent_first);
    GString *text = g_string_new(NULL);
    PangoAttrList *attrs = pango_attr_list_new();
    build_text(tc, layout, block, para, width, text, attrs);
    set_text(layout, para, width, text->str, text->len, attrs);
    pango_attr_list_unref(attrs);
    g_string_free(text, TRUE);
    return layout;
}

/* (declared in layout.h) */
PangoLayout *gwi_range_layout(PangoLayout *layout, PangoAttrList *attrs, int start, int end)
{
    PangoLayout *mark = pango_layout_new(pango_layout_get_context(layout));
    pango_layout_set_font_description(mark, pango_layout_get_font_description(layout));
    pango_layout_set_text(mark, pango_layout_get_text(layout) + start, end - start);
    PangoAttrList *own = pango_attr_list_new();
    PangoAttrIterator *it = pango_attr_list_get_iterator(attrs);
    do {
        int from, to;
        pango_attr_iterator_range(it, &from, &to);
        if (from <= start && start < to) {
            GSList *list = pango_attr_iterator_get_attrs(it);
            for (GSList *a = list; a; a = a->next) {
                PangoAttribute *attr = a->data;
                attr->start_index = 0;
                attr->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
                pango_attr_list_insert(own, attr);
            }
            g_slist_free(list);
            break;
        }
    } while (pango_attr_iterator_next(it));
    pango_attr_iterator_destroy(it);
    pango_layout_set_attributes(mark, own);
    pango_attr_list_unref(own);
    return mark;
}

/* ---- long paragraphs in pieces ---------------------------------------------- */

struct GwiPieces {
    GwiText *tc;
    GwiPara para;
    double width;
    GString *text;
    PangoLayout *holder; /* holds the paragraph's links */
    GSList *attrs;       /* the paragraph's attributes, in start order */
    gsize pos;           /* byte where the next piece starts */
    gboolean done;
};

GwiPieces *gwi_text_pieces_new(GwiText *tc, const GwBlock *block, const GwiPara *para, double width)
{
    GwiPieces *p = g_new0(GwiPieces, 1);
    p->tc = tc;
    p->para = *para;
    p->width = width;
    p->text = g_string_new(NULL);
    p->holder = pango_layout_new(tc->pango);
    PangoAttrList *attrs = pango_attr_list_new();
    build_text(tc, p->holder, block, para, width, p->text, attrs);
    p->attrs = pango_attr_list_get_attributes(attrs);
    pango_attr_list_unref(attrs);
    return p;
}

void gwi_text_pieces_free(GwiPieces *p)
{
    g_slist_free_full(p->attrs, (GDestroyNotify) pango_attribute_destroy);
    g_object_unref(p->holder);
    g_string_free(p->text, TRUE);
    g_free(p);
}

/* Where the piece starting at `from` ends: the whole rest when it has at
 * most GWI_PIECE_CHARS characters, else after the last 。！？ in the second
 * half of those characters, else at the character boundary. */
static gsize piece_end(const GString *text, gsize from)
{
    const char *s = text->str + from, *end = text->str + text->len;
    const char *limit = s;
    for (int n = 0; n < GWI_PIECE_CHARS && limit < end; n++)
        limit = g_utf8_next_char(limit);
    if (limit >= end)
        return text->len;
    const char *half = g_utf8_offset_to_pointer(s, GWI_PIECE_CHARS / 2);
    for (const char *c = limit; c > half; c = g_utf8_prev_char(c)) {
        const char *prev = g_utf8_prev_char(c);
        gunichar u = g_utf8_get_char(prev);
        if (u == 0x3002 || u == 0xFF01 || u == 0xFF1F)
            return (gsize) (c - text->str);
    }
    return (gsize) (limit - text->str);
}

/* The attributes and links of text[from, to), shifted to start at 0. */
static PangoAttrList *piece_attrs(GwiPieces *p, PangoLayout *layout, gsize from, gsize to)
{
    PangoAttrList *attrs = pango_attr_list_new();
    for (GSList *l = p->attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->start_index >= to)
            break;
        if (a->end_index <= from)
            continue;
        add_attr(attrs, pango_attribute_copy(a), MAX(a->start_index, from) - from, MIN(a->end_index, to) - from);
    }
    GArray *links = gwi_text_links(p->holder);
    for (guint i = 0; links && i < links->len; i++) {
        GwiLink *k = &g_array_index(links, GwiLink, i);
        if ((gsize) k->start < to && (gsize) k->end > from)
            add_link(layout, (int) (MAX((gsize) k->start, from) - from), (int) (MIN((gsize) k->end, to) - from),
                     k->target);
    }
    const GArray *marks = layout_marks(p->holder);
    for (guint i = 0; marks && i < marks->len; i++) {
        const Emphasis *e = &g_array_index(marks, Emphasis, i);
        if ((gsize) e->start < to && (gsize) e->end > from)
            add_emphasis(layout, (int) (MAX((gsize) e->start, from) - from), (int) (MIN((gsize) e->end, to) - from), e->mark);
    }
    GArray *fits = text_fits(p->holder);
    for (guint i = 0; fits && i < fits->len; i++) {
        GwiFit fit = g_array_index(fits, GwiFit, i);
        if ((gsize) fit.start < from || (gsize) fit.end > to)
            continue; /* (a group across pieces keeps its natural width) */
        fit.start -= (int) from;
        fit.end -= (int) from;
        g_array_append_val(layout_array(layout, "gw-fits", sizeof fit), fit);
    }
    GArray *notes = gwi_text_anchored(p->holder);
    for (guint i = 0; notes && i < notes->len; i++) {
        GwiAnchored ref = g_array_index(notes, GwiAnchored, i);
        if ((gsize) ref.index < from || (gsize) ref.index >= to)
            continue;
        ref.index -= (int) from;
        g_array_append_val(layout_array(layout, "gw-anchored", sizeof ref), ref);
    }
    return attrs;
}

PangoLayout *gwi_text_pieces_next(GwiPieces *p)
{
    if (p->done)
        return NULL;
    gboolean first = p->pos == 0;
    gsize from = p->pos, to = piece_end(p->text, from);
    /* A continuation starts a new line without the first-line indent; a
     * hanging indent keeps its lines where the paragraph's other lines are. */
    double hang = MIN(p->para.indent_first, 0);
    double width = first || p->width < 0 ? p->width : p->width + hang;
    PangoLayout *layout = new_layout(p->tc, &p->para, width, first ? p->para.indent_first : 0);
    PangoAttrList *attrs = piece_attrs(p, layout, from, to);
    set_text(layout, &p->para, width, p->text->str + from, to - from, attrs);
    pango_attr_list_unref(attrs);
    p->pos = to;
    p->done = to >= p->text->len; /* an empty paragraph is one empty piece */
    return layout;
}

/* Line height per point of size of a family's first font. */
static double family_height(GwiText *tc, const char *family, gboolean bold, gboolean italic)
{
    char *key = g_strdup_printf("%s|%d|%d", family, bold, italic);
    double *height = g_hash_table_lookup(tc->line_heights, key);
    if (height) {
        g_free(key);
        return *height;
    }
    const double size = 100;
    GwiFace face = { family, family, size, bold, italic };
    PangoFontDescription *desc = face_description(&face);
    PangoFont *font = pango_context_load_font(tc->pango, desc);
    pango_font_description_free(desc);
    height = g_new0(double, 1);
    if (font) {
        /* Pango's line height (ascent, descent and line gap of the font's
         * own metrics) read from its HarfBuzz font: pango_font_get_metrics
         * also lays out a sample text to estimate character widths. */
        hb_font_extents_t extents;
        hb_font_get_h_extents(pango_font_get_hb_font(font), &extents);
        *height = (extents.ascender - extents.descender + extents.line_gap) / (double) PANGO_SCALE / size;
        g_object_unref(font);
    }
    g_hash_table_insert(tc->line_heights, key, height);
    return *height;
}

double gwi_face_east_asian_height(GwiText *tc, const GwiFace *face)
{
    return face->size * family_height(tc, face->ea, face->bold, face->italic);
}

gboolean gwi_text_has_east_asian(const char *text, gsize len)
{
    for (const char *p = text; p < text + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (is_east_asian(c) && !is_shared_punct(c))
            return TRUE;
    }
    return FALSE;
}

double gwi_text_width(GwiText *tc, const char *text, const GwiFace *face)
{
    PangoLayout *layout = pango_layout_new(tc->pango);
    PangoFontDescription *desc = face_description(face);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_text(layout, text, -1);
    int w;
    pango_layout_get_size(layout, &w, NULL);
    g_object_unref(layout);
    return w / (double) PANGO_SCALE;
}
