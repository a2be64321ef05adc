/* write-docx.c: a GwDocument as a WordprocessingML package (DOCX) laid out
 * per GB/T 9704: the body (paragraphs, runs, lists, tables, images, notes,
 * sections) and the zip package around it.  The other parts come from
 * write-docx-parts.c. */
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "gongwen/gongwen.h"
#include "image-size.h"
#include "write-docx.h"

/* Containers nested deeper than this are written as their plain text. */
#define MAX_NESTING 32
/* Grid columns of one table beyond which cells are dropped (Word: 63). */
#define MAX_GRID_COLUMNS 1000
#define EMU_PER_POINT 12700
#define CELL_MARGINS 216 /* left + right cell margin, twips */

static const char *const story_ns[] = {
    "w", GWI_NS_W,
    "r", GWI_NS_R,
    "wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a", "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic", "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    NULL
};

#define MM(x) ((x) * 72.0 / 25.4)

/* GB/T 9704 page: A4, margins 37/35/28/26 mm; the page number's line
 * starts 7 mm below the type area. */
static const GwPageSetup gbt_page = {
    .width = MM(210), .height = MM(297),
    .margin_top = MM(37), .margin_bottom = MM(35), .margin_left = MM(28), .margin_right = MM(26),
    .header_distance = MM(15), .footer_distance = MM(23),
};

typedef struct {
    char *name;   /* word/media/image1.png */
    GBytes *data; /* borrowed from the document */
} Media;

/* The package being written. */
typedef struct {
    GwDocument *doc;
    GwiDocxPart *body;       /* word/document.xml */
    GwiDocxPart *notes[2];   /* word/footnotes.xml and endnotes.xml, once such a note appears */
    GPtrArray *stories;      /* headers and footers (GwiDocxPart*) */
    GPtrArray *lists;        /* GwiDocxList*, numId = index + 1 */
    GPtrArray *media;        /* Media* */
    GHashTable *media_names; /* GBytes* (by content) -> Media* */
    GHashTable *extensions;  /* "png" -> "image/png" */
    GHashTable *fonts;       /* font names runs ask for */
    char *page_footer[2];    /* targets of the page-number footers, odd and even */
    gboolean even_and_odd;
    guint next_bookmark, next_drawing, next_note;
} Docx;

/* Where blocks are being written. */
typedef struct {
    Docx *dx;
    GwiDocxPart *p;
    long width;        /* text width available, twips */
    int depth;         /* container nesting */
    const char *style; /* style of plain paragraphs here (NULL: Normal) */
    gboolean no_notes; /* in a note, header or footer */
    int list_depth;
    long item_left;    /* inside a list item: its text indent, else 0 */
} Ctx;

/* What a paragraph gets beyond its block's own style. */
typedef struct {
    const char *style;
    guint num_id; /* numbering instance, 0 = none */
    int ilvl;
    const char *label;      /* literal list label, written with a tab */
    const char *lead_text;  /* text before the runs (the attachment label) */
    int note_ref;           /* starts a note: its mark first (1 footnote, 2 endnote) */
    gboolean has_ind;
    long left, first;       /* twips; first < 0 = hanging */
    long space_before;      /* twips, unless the block sets its own */
    GwAlign align;
} ParaOpts;

static void write_block(Ctx *c, GwBlock *b);

/* ---- styles ------------------------------------------------------------- */

static const char *heading_style(int level)
{
    static const char *const ids[] = { "Heading1", "Heading2", "Heading3", "Heading4", "Heading5",
                                       "Heading6", "Heading7", "Heading8", "Heading9" };
    return ids[CLAMP(level, 1, 9) - 1];
}

static const char *heading_char_style(int level)
{
    static const char *const ids[] = { "Heading1Char", "Heading2Char", "Heading3Char", "Heading4Char", "Heading5Char",
                                       "Heading6Char", "Heading7Char", "Heading8Char", "Heading9Char" };
    return ids[CLAMP(level, 1, 9) - 1];
}

/* The styleId of a paragraph style styles.xml defines, by id or name. */
static const char *known_style(const char *name)
{
    static const char *const styles[][2] = {
        { "Normal", "Normal" },           { "Title", "Title" },           { "ListParagraph", "List Paragraph" },
        { "Attachment", "Attachment" },   { "Signature", "Signature" },   { "Date", "Date" },
        { "Quote", "Quote" },             { "TableText", "Table Text" },  { "SourceCode", "Source Code" },
        { "FootnoteText", "footnote text" }, { "Header", "header" },      { "Footer", "footer" },
        { "EndnoteText", "endnote text" },
    };
    int level;
    char tail;
    if (!name)
        return NULL;
    for (guint i = 0; i < G_N_ELEMENTS(styles); i++)
        if (g_ascii_strcasecmp(name, styles[i][0]) == 0 || g_ascii_strcasecmp(name, styles[i][1]) == 0)
            return styles[i][0];
    /* "heading 1" (Word's name), "Heading 1" (its display), "Heading1" (id) */
    if (g_ascii_strncasecmp(name, "heading", 7) == 0 && sscanf(name + 7, " %d%c", &level, &tail) == 1 && level >= 1 &&
        level <= 9)
        return heading_style(level);
    return NULL;
}

/* Styles that inherit Normal's first-line indent in characters, which a
 * paragraph must cancel with firstLineChars="0" to set its own. */
static gboolean style_has_char_indent(const char *style)
{
    return !style || strcmp(style, "Normal") == 0 || strcmp(style, "Quote") == 0 ||
           strncmp(style, "Heading", 7) == 0;
}

static const char *paragraph_style(const Ctx *c, const GwBlock *b, const ParaOpts *o)
{
    if (o->style)
        return o->style;
    if (!b)
        return c->style;
    switch (b->kind) {
    case GW_BLOCK_TITLE:
        return "Title";
    case GW_BLOCK_HEADING:
        return heading_style(b->level);
    case GW_BLOCK_CODE:
        return "SourceCode";
    default: {
        const char *known = known_style(b->style.style_name);
        return known ? known : c->style;
    }
    }
}

/* ---- run properties ----------------------------------------------------- */

/* A length or number from the model worth writing: set, finite, sane. */
static gboolean usable(double v)
{
    return gw_is_set(v) && isfinite(v) && fabs(v) < 1e6;
}


static gboolean run_style_empty(const GwRunStyle *s)
{
    return !s->font && !s->font_ea && !(gw_is_set(s->size) && s->size > 0) && s->bold < 0 && s->italic < 0 &&
           s->underline < 0 && s->strike < 0 && s->caps <= 0 && s->emphasis <= 0 && s->color < 0 && s->highlight < 0 && s->vert == GW_VERT_NORMAL &&
           !gw_is_set(s->letter_spacing) && !gw_is_set(s->scale) && !gw_is_set(s->rise) && !(s->fit_width > 0);
}

/* Word's named highlight colours; others become cell-like shading. */
static const char *highlight_name(gint32 rgb)
{
    static const struct {
        gint32 rgb;
        const char *name;
    } names[] = {
        { 0xFFFF00, "yellow" }, { 0x00FF00, "green" },      { 0x00FFFF, "cyan" },       { 0xFF00FF, "magenta" },
        { 0x0000FF, "blue" },   { 0xFF0000, "red" },        { 0x000080, "darkBlue" },   { 0x008080, "darkCyan" },
        { 0x008000, "darkGreen" }, { 0x800080, "darkMagenta" }, { 0x800000, "darkRed" }, { 0x808000, "darkYellow" },
        { 0x808080, "darkGray" }, { 0xC0C0C0, "lightGray" }, { 0x000000, "black" },     { 0xFFFFFF, "white" },
    };
    for (guint i = 0; i < G_N_ELEMENTS(names); i++)
        if (names[i].rgb == rgb)
            return names[i].name;
    return NULL;
}

static void hex_color(char out[7], gint32 rgb)
{
    g_snprintf(out, 7, "%06X", (unsigned) rgb & 0xFFFFFF);
}

/* A w:shd filling its run, paragraph or cell with `rgb`. */
static void write_shading(GwiDocxPart *p, gint32 rgb)
{
    char fill[7];
    hex_color(fill, rgb);
    gwi_docx_start(p, "w:shd");
    gwi_docx_attr(p, "w:val", "clear");
    gwi_docx_attr(p, "w:color", "auto");
    gwi_docx_attr(p, "w:fill", fill);
    gwi_docx_end(p);
}

static void toggle(GwiDocxPart *p, const char *element, const char *cs_element, gint8 value)
{
    if (value < 0)
        return;
    gwi_docx_val(p, element, value ? "1" : "0");
    if (cs_element)
        gwi_docx_val(p, cs_element, value ? "1" : "0");
}

/* Remember a font a run names, for the font table. */
static void note_font(Docx *dx, const char *name)
{
    if (!g_hash_table_contains(dx->fonts, name))
        g_hash_table_add(dx->fonts, g_strdup(name));
}

static void write_rpr(Ctx *c, const GwRunStyle *s, const char *rstyle)
{
    GwiDocxPart *p = c->p;
    char color[7];
    if (!rstyle && run_style_empty(s))
        return;
    gwi_docx_start(p, "w:rPr");
    if (rstyle)
        gwi_docx_val(p, "w:rStyle", rstyle);
    if (s->font || s->font_ea) {
        gwi_docx_start(p, "w:rFonts");
        if (s->font) {
            gwi_docx_attr(p, "w:ascii", s->font);
            gwi_docx_attr(p, "w:hAnsi", s->font);
            gwi_docx_attr(p, "w:cs", s->font);
            note_font(c->dx, s->font);
        }
        if (s->font_ea) {
            gwi_docx_attr(p, "w:eastAsia", s->font_ea);
            gwi_docx_attr(p, "w:hint", "eastAsia");
            note_font(c->dx, s->font_ea);
        }
        gwi_docx_end(p);
    }
    toggle(p, "w:b", "w:bCs", s->bold);
    toggle(p, "w:i", "w:iCs", s->italic);
    if (s->caps == GW_CAPS_ALL || s->caps == GW_CAPS_SMALL)
        gwi_docx_empty(p, s->caps == GW_CAPS_ALL ? "w:caps" : "w:smallCaps");
    toggle(p, "w:strike", NULL, s->strike);
    if (s->color >= 0) {
        hex_color(color, s->color);
        gwi_docx_val(p, "w:color", color);
    }
    if (gw_is_set(s->letter_spacing))
        gwi_docx_val_int(p, "w:spacing", CLAMP(lround(s->letter_spacing * 20), -1584, 1584));
    if (gw_is_set(s->scale) && s->scale > 0)
        gwi_docx_val_int(p, "w:w", CLAMP(lround(s->scale * 100), 1, 600));
    if (gw_is_set(s->rise))
        gwi_docx_val_int(p, "w:position", CLAMP(lround(s->rise * 2), -3168, 3168));
    if (gw_is_set(s->size) && s->size > 0) {
        long half_points = CLAMP(lround(s->size * 2), 2, 3276);
        gwi_docx_val_int(p, "w:sz", half_points);
        gwi_docx_val_int(p, "w:szCs", half_points);
    }
    if (s->highlight >= 0 && highlight_name(s->highlight))
        gwi_docx_val(p, "w:highlight", highlight_name(s->highlight));
    if (s->underline >= 0)
        gwi_docx_val(p, "w:u", s->underline ? "single" : "none");
    if (s->highlight >= 0 && !highlight_name(s->highlight))
        write_shading(p, s->highlight);
    if (s->fit_width > 0) {
        gwi_docx_start(p, "w:fitText");
        gwi_docx_attr_int(p, "w:val", CLAMP(lround(s->fit_width * 20), 1, 31680));
        gwi_docx_attr_int(p, "w:id", s->fit_id);
        gwi_docx_end(p);
    }
    if (s->vert != GW_VERT_NORMAL)
        gwi_docx_val(p, "w:vertAlign", s->vert == GW_VERT_SUPER ? "superscript" : "subscript");
    static const char *const marks[] = { NULL, "dot", "comma", "circle", "underDot" };
    if (s->emphasis > 0 && s->emphasis <= GW_EMPHASIS_UNDER_DOT)
        gwi_docx_val(p, "w:em", marks[s->emphasis]);
    gwi_docx_end(p);
}

/* ---- runs ---------------------------------------------------------------- */

typedef struct {
    Ctx *c;
    const GwRunStyle *style;
    const char *rstyle;
} RunProps;

static void run_props_cb(GwiDocxPart *p, gconstpointer data)
{
    const RunProps *rp = data;
    (void) p;
    write_rpr(rp->c, rp->style, rp->rstyle);
}

/* Text in one run: tabs and newlines become <w:tab/> and <w:br/>. */
static void write_text_run(Ctx *c, const GwRunStyle *s, const char *rstyle, const char *text)
{
    if (!text || !*text)
        return;
    gwi_docx_start(c->p, "w:r");
    write_rpr(c, s, rstyle);
    const char *start = text;
    for (const char *t = text;; t++) {
        if (*t && *t != '\t' && *t != '\n' && *t != '\r')
            continue;
        if (t > start) {
            char *piece = g_strndup(start, t - start);
            gwi_docx_t(c->p, piece);
            g_free(piece);
        }
        if (!*t)
            break;
        if (*t == '\t')
            gwi_docx_empty(c->p, "w:tab");
        else if (*t == '\n' || t[1] != '\n')
            gwi_docx_empty(c->p, "w:br");
        start = t + 1;
    }
    gwi_docx_end(c->p);
}

static void write_simple_run(Ctx *c, const GwRunStyle *s, const char *rstyle, const char *element)
{
    gwi_docx_start(c->p, "w:r");
    write_rpr(c, s, rstyle);
    gwi_docx_empty(c->p, element);
    gwi_docx_end(c->p);
}

static const char *image_extension(const char *mime)
{
    if (!mime)
        return NULL;
    if (strcmp(mime, "image/png") == 0)
        return "png";
    if (strcmp(mime, "image/jpeg") == 0 || strcmp(mime, "image/jpg") == 0)
        return "jpeg";
    static const struct {
        const char *mime, *ext;
    } others[] = { { "image/gif", "gif" },     { "image/x-emf", "emf" }, { "image/x-wmf", "wmf" },
                   { "image/bmp", "bmp" },     { "image/tiff", "tiff" } };
    for (guint i = 0; i < G_N_ELEMENTS(others); i++)
        if (strcmp(mime, others[i].mime) == 0)
            return others[i].ext;
    return NULL;
}

static gboolean usable_length(double v)
{
    return usable(v) && v > 0;
}

/* The picture's size in points: the model's, else its pixels at 96 dpi,
 * scaled down to fit `max_w` x `max_h`. */
static void image_extent(const GwImage *img, double max_w, double max_h, double *w, double *h)
{
    guint64 px = 96, py = 96; /* unknown: one inch square */
    gsize len;
    const guint8 *data = g_bytes_get_data(img->data, &len);
    gwi_image_pixels(data, len, &px, &py);
    double pw = MIN(px, 1000000) * 0.75, ph = MIN(py, 1000000) * 0.75; /* 96 pixels an inch */
    *w = img->width;
    *h = img->height;
    if (!usable_length(*w) && !usable_length(*h)) {
        *w = pw;
        *h = ph;
    } else if (!usable_length(*w)) {
        *w = *h * pw / ph;
    } else if (!usable_length(*h)) {
        *h = *w * ph / pw;
    }
    double scale = MIN(1.0, MIN(max_w / *w, max_h / *h));
    *w *= scale;
    *h *= scale;
}

/* The media part holding the picture's bytes (one per distinct picture). */
static const Media *media_for(Docx *dx, const GwImage *img)
{
    const char *ext = image_extension(img->mime);
    if (!ext || !img->data || g_bytes_get_size(img->data) == 0)
        return NULL;
    Media *m = g_hash_table_lookup(dx->media_names, img->data);
    if (m)
        return m;
    m = g_new0(Media, 1);
    m->name = g_strdup_printf("word/media/image%u.%s", dx->media->len + 1, ext);
    m->data = img->data;
    g_ptr_array_add(dx->media, m);
    g_hash_table_insert(dx->media_names, img->data, m);
    g_hash_table_insert(dx->extensions, (gpointer) ext, (gpointer) img->mime);
    return m;
}

static void extent_attrs(GwiDocxPart *p, const char *element, long cx, long cy)
{
    gwi_docx_start(p, element);
    gwi_docx_attr_int(p, "cx", cx);
    gwi_docx_attr_int(p, "cy", cy);
    gwi_docx_end(p);
}

/* A shape's a:xfrm (cx x cy EMU at the origin, flipped upside down when
 * asked) and its preset geometry. */
static void write_geometry(GwiDocxPart *p, const char *preset, long cx, long cy, gboolean flip_v)
{
    gwi_docx_start(p, "a:xfrm");
    if (flip_v)
        gwi_docx_attr(p, "flipV", "1");
    gwi_docx_start(p, "a:off");
    gwi_docx_attr(p, "x", "0");
    gwi_docx_attr(p, "y", "0");
    gwi_docx_end(p);
    extent_attrs(p, "a:ext", cx, cy);
    gwi_docx_end(p);
    gwi_docx_start(p, "a:prstGeom");
    gwi_docx_attr(p, "prst", preset);
    gwi_docx_empty(p, "a:avLst");
    gwi_docx_end(p);
}

static void write_picture(GwiDocxPart *p, const char *rel_id, const char *name, long cx, long cy)
{
    gwi_docx_start(p, "a:graphic");
    gwi_docx_start(p, "a:graphicData");
    gwi_docx_attr(p, "uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
    gwi_docx_start(p, "pic:pic");
    gwi_docx_start(p, "pic:nvPicPr");
    gwi_docx_start(p, "pic:cNvPr");
    gwi_docx_attr(p, "id", "0");
    gwi_docx_attr(p, "name", name);
    gwi_docx_end(p);
    gwi_docx_empty(p, "pic:cNvPicPr");
    gwi_docx_end(p);
    gwi_docx_start(p, "pic:blipFill");
    gwi_docx_start(p, "a:blip");
    gwi_docx_attr(p, "r:embed", rel_id);
    gwi_docx_end(p);
    gwi_docx_start(p, "a:stretch");
    gwi_docx_empty(p, "a:fillRect");
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_start(p, "pic:spPr");
    write_geometry(p, "rect", cx, cy, FALSE);
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

/* wp:positionH or wp:positionV of a floating picture. */
static void write_position(GwiDocxPart *p, const char *element, gboolean vertical, GwPlaceFrom from,
                           GwPlaceAlign align, double offset)
{
    static const char *const h_from[] = { "page", "margin", "character" }, *const v_from[] = { "page", "margin", "paragraph" };
    static const char *const h_align[] = { NULL, "left", "center", "right" }, *const v_align[] = { NULL, "top", "center", "bottom" };
    gwi_docx_start(p, element);
    gwi_docx_attr(p, "relativeFrom", (vertical ? v_from : h_from)[from]);
    if (align == GW_PLACE_OFFSET) {
        char *emu = g_strdup_printf("%ld", lround(offset * EMU_PER_POINT));
        gwi_docx_text_element(p, "wp:posOffset", emu);
        g_free(emu);
    } else {
        gwi_docx_text_element(p, "wp:align", (vertical ? v_align : h_align)[align]);
    }
    gwi_docx_end(p);
}

/* The frame of a picture: wp:inline, or wp:anchor for a floating one
 * (text does not wrap it). */
static void start_frame(GwiDocxPart *p, const GwPlacement *pl, long cx, long cy)
{
    if (!pl->floating) {
        gwi_docx_start(p, "wp:inline");
        extent_attrs(p, "wp:extent", cx, cy);
        return;
    }
    gwi_docx_start(p, "wp:anchor");
    static const char *const zero[] = { "distT", "distB", "distL", "distR", "simplePos", "locked" };
    for (guint i = 0; i < G_N_ELEMENTS(zero); i++)
        gwi_docx_attr(p, zero[i], "0");
    gwi_docx_attr(p, "relativeHeight", "251659264");
    gwi_docx_attr(p, "behindDoc", pl->behind ? "1" : "0");
    gwi_docx_attr(p, "layoutInCell", "1");
    gwi_docx_attr(p, "allowOverlap", "1");
    gwi_docx_start(p, "wp:simplePos");
    gwi_docx_attr(p, "x", "0");
    gwi_docx_attr(p, "y", "0");
    gwi_docx_end(p);
    write_position(p, "wp:positionH", FALSE, pl->h_from, pl->h_align, pl->x);
    write_position(p, "wp:positionV", TRUE, pl->v_from, pl->v_align, pl->y);
    extent_attrs(p, "wp:extent", cx, cy);
    gwi_docx_empty(p, "wp:wrapNone");
}

/* Opens a run with a drawing of what a frame (wp:inline or wp:anchor)
 * holds, cx x cy EMU, through its wp:docPr; returns the drawing's name
 * ("KIND N"; free it). */
static char *open_drawing(Ctx *c, const GwRunStyle *s, const char *kind, const GwPlacement *pl, long cx, long cy,
                          const char *alt)
{
    guint id = ++c->dx->next_drawing;
    char *name = g_strdup_printf("%s %u", kind, id);
    GwiDocxPart *p = c->p;
    gwi_docx_start(p, "w:r");
    write_rpr(c, s, NULL);
    gwi_docx_start(p, "w:drawing");
    start_frame(p, pl, cx, cy);
    gwi_docx_start(p, "wp:docPr");
    gwi_docx_attr_int(p, "id", id);
    gwi_docx_attr(p, "name", name);
    if (alt)
        gwi_docx_attr(p, "descr", alt);
    gwi_docx_end(p);
    return name;
}

/* Closes the frame, drawing and run open_drawing opened. */
static void close_drawing(GwiDocxPart *p)
{
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

/* A picture run; its alt text when the format cannot be embedded. */
static void write_image_run(Ctx *c, const GwRunStyle *s, const GwImage *img)
{
    const Media *m = img ? media_for(c->dx, img) : NULL;
    if (!m) {
        write_text_run(c, s, NULL, img ? img->alt : NULL);
        return;
    }
    double w, h;
    image_extent(img, c->width / 20.0, 636, &w, &h);
    long cx = MAX(1, lround(w * EMU_PER_POINT)), cy = MAX(1, lround(h * EMU_PER_POINT));
    const char *rel_id = gwi_docx_part_rel(c->p, "image", m->name + strlen("word/"), FALSE);
    GwiDocxPart *p = c->p;
    char *name = open_drawing(c, s, "Picture", &img->placement, cx, cy, img->alt);
    gwi_docx_start(p, "wp:cNvGraphicFramePr");
    gwi_docx_start(p, "a:graphicFrameLocks");
    gwi_docx_attr(p, "noChangeAspect", "1");
    gwi_docx_end(p);
    gwi_docx_end(p);
    write_picture(p, rel_id, name, cx, cy);
    close_drawing(p);
    g_free(name);
}

/* wps:spPr of a line across its box: geometry and stroke. */
static void write_line_geometry(GwiDocxPart *p, const GwLineShape *line, long cx, long cy)
{
    gwi_docx_start(p, "wps:spPr");
    write_geometry(p, "line", cx, cy, line->rising);
    gwi_docx_start(p, "a:ln");
    gwi_docx_attr_int(p, "w", lround(CLAMP(line->stroke, 0, 1584) * EMU_PER_POINT));
    gwi_docx_start(p, "a:solidFill");
    char color[7] = "000000";
    if (line->color >= 0)
        hex_color(color, line->color);
    gwi_docx_start(p, "a:srgbClr");
    gwi_docx_attr(p, "val", color);
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

/* A line shape: a Word 2010 shape (wps:wsp) of a line's geometry. */
static void write_line_shape_run(Ctx *c, const GwRunStyle *s, const GwLineShape *line)
{
    long cx = lround(CLAMP(line->width, 0, 1584) * EMU_PER_POINT), cy = lround(CLAMP(line->height, 0, 1584) * EMU_PER_POINT);
    GwiDocxPart *p = c->p;
    g_free(open_drawing(c, s, "Line", &line->placement, cx, cy, NULL));
    gwi_docx_empty(p, "wp:cNvGraphicFramePr");
    gwi_docx_start(p, "a:graphic");
    gwi_docx_start(p, "a:graphicData");
    gwi_docx_attr(p, "uri", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape");
    gwi_docx_start(p, "wps:wsp");
    gwi_docx_empty(p, "wps:cNvCnPr");
    write_line_geometry(p, line, cx, cy);
    gwi_docx_empty(p, "wps:bodyPr");
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
    close_drawing(p);
}

static void write_blocks(Ctx *c, GPtrArray *blocks)
{
    for (guint i = 0; blocks && i < blocks->len; i++)
        write_block(c, blocks->pdata[i]);
}

static void write_paragraph(Ctx *c, GwBlock *b, const ParaOpts *o);

/* Footnotes [0] and endnotes [1]: their parts and names. */
static const struct {
    const char *part, *content_type, *root, *element, *reference, *mark, *text_style, *mark_style, *rel;
} note_kinds[2] = {
    { "word/footnotes.xml", GWI_CT_BASE "footnotes+xml", "w:footnotes", "w:footnote", "w:footnoteReference",
      "w:footnoteRef", "FootnoteText", "FootnoteReference", "footnotes" },
    { "word/endnotes.xml", GWI_CT_BASE "endnotes+xml", "w:endnotes", "w:endnote", "w:endnoteReference",
      "w:endnoteRef", "EndnoteText", "EndnoteReference", "endnotes" },
};

/* The notes part of a kind, begun with its separators on first use. */
static GwiDocxPart *notes_part(Docx *dx, int kind)
{
    GwiDocxPart *p = dx->notes[kind];
    if (p)
        return p;
    p = dx->notes[kind] = gwi_docx_part_new(note_kinds[kind].part, note_kinds[kind].content_type,
                                            note_kinds[kind].root, story_ns);
    for (int id = -1; id <= 0; id++) {
        gwi_docx_start(p, note_kinds[kind].element);
        gwi_docx_attr(p, "w:type", id < 0 ? "separator" : "continuationSeparator");
        gwi_docx_attr_int(p, "w:id", id);
        gwi_docx_start(p, "w:p");
        gwi_docx_start(p, "w:r");
        gwi_docx_empty(p, id < 0 ? "w:separator" : "w:continuationSeparator");
        gwi_docx_end(p);
        gwi_docx_end(p);
        gwi_docx_end(p);
    }
    return p;
}

/* A footnote or endnote: its body goes to footnotes.xml or endnotes.xml, a
 * reference mark here. */
static void write_note(Ctx *c, const GwRunStyle *s, GwRun *r)
{
    Docx *dx = c->dx;
    if (c->no_notes)
        return;
    int kind = gw_run_get_endnote(r) ? 1 : 0;
    guint id = ++dx->next_note;
    Ctx nc = { dx, notes_part(dx, kind), c->width, c->depth + 1, note_kinds[kind].text_style, TRUE, 0, 0 };
    gwi_docx_start(nc.p, note_kinds[kind].element);
    gwi_docx_attr_int(nc.p, "w:id", id);
    ParaOpts first = { .note_ref = kind + 1 };
    guint i = 0;
    GwBlock *b0 = gw_run_get_note_block(r, 0);
    if (b0 && gwi_block_is_textual(b0->kind)) {
        write_paragraph(&nc, b0, &first);
        i = 1;
    } else {
        write_paragraph(&nc, NULL, &first);
    }
    for (; i < gw_run_n_note_blocks(r); i++)
        write_block(&nc, gw_run_get_note_block(r, i));
    if (nc.p->ended_with_table)
        write_paragraph(&nc, NULL, &(ParaOpts) { 0 });
    gwi_docx_end(nc.p);

    gwi_docx_start(c->p, "w:r");
    write_rpr(c, s, note_kinds[kind].mark_style);
    gwi_docx_start(c->p, note_kinds[kind].reference);
    gwi_docx_attr_int(c->p, "w:id", id);
    gwi_docx_end(c->p);
    gwi_docx_end(c->p);
}

static void write_run(Ctx *c, const GwBlock *b, GwRun *r, gboolean in_link)
{
    GwRunStyle s = gwi_run_style_merged(&b->style.run, &r->style);
    const char *rstyle = r->lead && b->level > 0 ? heading_char_style(b->level) : in_link ? "Hyperlink" : NULL;
    switch (r->kind) {
    case GW_RUN_TAB:
        write_simple_run(c, &s, rstyle, "w:tab");
        break;
    case GW_RUN_LINE_BREAK:
        write_simple_run(c, &s, rstyle, "w:br");
        break;
    case GW_RUN_IMAGE:
        write_image_run(c, &s, r->image);
        break;
    case GW_RUN_LINE_SHAPE:
        if (r->line_shape)
            write_line_shape_run(c, &s, r->line_shape);
        break;
    case GW_RUN_NOTE:
        write_note(c, &s, r);
        break;
    case GW_RUN_FIELD:
        if (r->field == GW_FIELD_PAGE || r->field == GW_FIELD_NUMPAGES) {
            RunProps rp = { c, &s, rstyle };
            const char *format = gwi_number_format_switch(r->field_format);
            char *instr = g_strdup_printf(" %s%s%s ", r->field == GW_FIELD_PAGE ? "PAGE" : "NUMPAGES",
                                          format ? " \\* " : "", format ? format : "");
            gwi_docx_field(c->p, instr, r->text, run_props_cb, &rp);
            g_free(instr);
        } else {
            write_text_run(c, &s, rstyle, r->text);
        }
        break;
    default:
        write_text_run(c, &s, rstyle, r->text);
    }
}

/* Links percent-encoded as a relationship target must be (no spaces,
 * ASCII only); "#name" links point at a bookmark. */
static void start_link(Ctx *c, const char *target)
{
    gwi_docx_start(c->p, "w:hyperlink");
    if (target[0] == '#') {
        gwi_docx_attr(c->p, "w:anchor", target + 1);
    } else {
        char *uri = g_uri_escape_string(target, "!#$%&'()*+,-./:;=?@[]_~", FALSE);
        gwi_docx_attr(c->p, "r:id", gwi_docx_part_rel(c->p, "hyperlink", uri, TRUE));
        g_free(uri);
    }
    gwi_docx_attr(c->p, "w:history", "1");
}

/* The runs; consecutive runs with the same link share one <w:hyperlink>. */
static void write_runs(Ctx *c, const GwBlock *b)
{
    const char *open = NULL;
    for (guint i = 0; i < gw_block_n_runs(b); i++) {
        GwRun *r = gw_block_get_run(b, i);
        const char *link = r->link && *r->link && strcmp(r->link, "#") != 0 ? r->link : NULL;
        if (open && (!link || strcmp(link, open) != 0)) {
            gwi_docx_end(c->p);
            open = NULL;
        }
        if (link && !open) {
            start_link(c, link);
            open = link;
        }
        write_run(c, b, r, open != NULL);
    }
    if (open)
        gwi_docx_end(c->p);
}

/* ---- paragraphs ----------------------------------------------------------- */

/* A paragraph set at the inside or outside of the column: a frame aligned
 * so (Word's page numbers), the only way WordprocessingML says it. */
static void write_frame(GwiDocxPart *p, GwAlign align)
{
    if (align != GW_ALIGN_INSIDE && align != GW_ALIGN_OUTSIDE)
        return;
    gwi_docx_start(p, "w:framePr");
    gwi_docx_attr(p, "w:wrap", "around");
    gwi_docx_attr(p, "w:vAnchor", "text");
    gwi_docx_attr(p, "w:hAnchor", "margin");
    gwi_docx_attr(p, "w:xAlign", align == GW_ALIGN_INSIDE ? "inside" : "outside");
    gwi_docx_attr(p, "w:y", "1");
    gwi_docx_end(p);
}

static const char *jc_value(GwAlign align)
{
    switch (align) {
    case GW_ALIGN_LEFT:
        return "left";
    case GW_ALIGN_CENTER:
        return "center";
    case GW_ALIGN_RIGHT:
        return "right";
    case GW_ALIGN_JUSTIFY:
        return "both";
    case GW_ALIGN_DISTRIBUTE:
        return "distribute";
    default:
        return NULL;
    }
}

/* Spacing from the model; `before` (twips, 0 = none) when it has none. */
static void write_spacing(GwiDocxPart *p, const GwParaStyle *s, long before)
{
    gboolean exact = usable(s->line_exact) && s->line_exact > 0;
    gboolean at_least = !exact && usable(s->line_at_least) && s->line_at_least > 0;
    gboolean multiple = !exact && !at_least && usable(s->line_multiple) && s->line_multiple > 0;
    if (usable(s->space_before))
        before = MAX(0, gwi_twips(s->space_before));
    if (!before && !usable(s->space_after) && !exact && !at_least && !multiple)
        return;
    gwi_docx_start(p, "w:spacing");
    if (before)
        gwi_docx_attr_int(p, "w:before", before);
    if (usable(s->space_after))
        gwi_docx_attr_int(p, "w:after", MAX(0, gwi_twips(s->space_after)));
    if (exact || at_least) {
        gwi_docx_attr_int(p, "w:line", gwi_twips(exact ? s->line_exact : s->line_at_least));
        gwi_docx_attr(p, "w:lineRule", exact ? "exact" : "atLeast");
    } else if (multiple) {
        gwi_docx_attr_int(p, "w:line", lround(s->line_multiple * 240));
        gwi_docx_attr(p, "w:lineRule", "auto");
    }
    gwi_docx_end(p);
}

/* First-line indent: in characters when the model says so; otherwise in
 * twips, cancelling an inherited indent in characters. */
static void first_line_attrs(GwiDocxPart *p, gboolean chars, long value, gboolean cancel_chars)
{
    if (chars) {
        gwi_docx_attr_int(p, value < 0 ? "w:hangingChars" : "w:firstLineChars", labs(value));
        gwi_docx_attr_int(p, value < 0 ? "w:hanging" : "w:firstLine", labs(value) * GWI_CHAR_TWIPS / 100);
        return;
    }
    if (cancel_chars)
        gwi_docx_attr_int(p, "w:firstLineChars", 0);
    gwi_docx_attr_int(p, value < 0 ? "w:hanging" : "w:firstLine", labs(value));
}

static void write_ind(const Ctx *c, const GwParaStyle *s, const ParaOpts *o, const char *style)
{
    gboolean has_left = o->has_ind || usable(s->indent_left) || c->item_left;
    gboolean has_right = usable(s->indent_right);
    gboolean first_chars = !o->has_ind && usable(s->indent_first_chars);
    gboolean has_first = o->has_ind || first_chars || usable(s->indent_first) || c->item_left;
    if (!has_left && !has_right && !has_first)
        return;
    long left = o->has_ind ? o->left : usable(s->indent_left) ? gwi_twips(s->indent_left) : c->item_left;
    long first = o->has_ind ? o->first
               : first_chars ? lround(s->indent_first_chars * 100)
               : usable(s->indent_first) ? gwi_twips(s->indent_first) : 0;
    gwi_docx_start(c->p, "w:ind");
    if (has_left)
        gwi_docx_attr_int(c->p, "w:left", left);
    if (has_right)
        gwi_docx_attr_int(c->p, "w:right", gwi_twips(s->indent_right));
    if (has_first)
        first_line_attrs(c->p, first_chars, first, style_has_char_indent(style));
    gwi_docx_end(c->p);
}

/* One side of a w:pBdr: a single line `width` points thick. */
static void write_border_side(GwiDocxPart *p, const char *side, const GwBorder *border, double space)
{
    char color[7] = "auto";
    if (border->color >= 0)
        hex_color(color, border->color);
    gwi_docx_start(p, side);
    gwi_docx_attr(p, "w:val", "single");
    gwi_docx_attr_int(p, "w:sz", CLAMP(lround(border->width * 8), 2, 96));
    gwi_docx_attr_int(p, "w:space", CLAMP(lround(space), 0, 31));
    gwi_docx_attr(p, "w:color", color);
    gwi_docx_end(p);
}

/* The paragraph's rules above, below and at its sides, in the schema's
 * order; a rule block is a paragraph with a rule below. */
static void write_pbdr(GwiDocxPart *p, const GwBlock *b, const GwParaStyle *s)
{
    gboolean rule = b && b->kind == GW_BLOCK_RULE;
    const GwBorder rule_border = { 1, rule ? b->style.run.color : -1 };
    gboolean top = s->border_top.width > 0, bottom = rule || s->border_bottom.width > 0;
    gboolean left = s->border_left.width > 0, right = s->border_right.width > 0;
    if (!top && !bottom && !left && !right)
        return;
    gwi_docx_start(p, "w:pBdr");
    if (top)
        write_border_side(p, "w:top", &s->border_top, s->border_space_top);
    if (left)
        write_border_side(p, "w:left", &s->border_left, s->border_space_left);
    if (bottom)
        write_border_side(p, "w:bottom", rule ? &rule_border : &s->border_bottom, rule ? 1 : s->border_space_bottom);
    if (right)
        write_border_side(p, "w:right", &s->border_right, s->border_space_right);
    gwi_docx_end(p);
}

/* The paragraph's own tab stops (w:tabs). */
static void write_tabs(GwiDocxPart *p, const GwParaStyle *s)
{
    static const char *const aligns[] = { "left", "center", "right", "decimal" };
    if (!s->n_tabs)
        return;
    gwi_docx_start(p, "w:tabs");
    for (guint i = 0; i < s->n_tabs; i++) {
        const GwTabStop *t = &s->tabs[i];
        if (!usable(t->pos) || (guint) t->align >= G_N_ELEMENTS(aligns))
            continue;
        gwi_docx_start(p, "w:tab");
        gwi_docx_attr(p, "w:val", aligns[t->align]);
        if (t->dots)
            gwi_docx_attr(p, "w:leader", "dot");
        gwi_docx_attr_int(p, "w:pos", lround(t->pos * 20));
        gwi_docx_end(p);
    }
    gwi_docx_end(p);
}

static void write_ppr(Ctx *c, const GwBlock *b, const GwParaStyle *s, const ParaOpts *o)
{
    const char *style = paragraph_style(c, b, o);
    GwiDocxPart *p = c->p;
    gwi_docx_start(p, "w:pPr");
    if (style)
        gwi_docx_val(p, "w:pStyle", style);
    if (s->keep_next)
        gwi_docx_empty(p, "w:keepNext");
    if (s->keep_lines)
        gwi_docx_empty(p, "w:keepLines");
    if (s->page_break_before)
        gwi_docx_empty(p, "w:pageBreakBefore");
    if (o->align == GW_ALIGN_DEFAULT)
        write_frame(p, s->align);
    if (s->widow_control)
        gwi_docx_empty(p, "w:widowControl");
    if (o->num_id) {
        gwi_docx_start(p, "w:numPr");
        gwi_docx_val_int(p, "w:ilvl", CLAMP(o->ilvl, 0, 8));
        gwi_docx_val_int(p, "w:numId", o->num_id);
        gwi_docx_end(p);
    }
    write_pbdr(p, b, s);
    if (s->shading >= 0)
        write_shading(p, s->shading);
    write_tabs(p, s);
    if (s->no_hanging_punct)
        gwi_docx_val(p, "w:overflowPunct", "0");
    if (s->autospace) { /* on against the document's default off */
        gwi_docx_val(p, "w:autoSpaceDE", "1");
        gwi_docx_val(p, "w:autoSpaceDN", "1");
    }
    if (s->rtl)
        gwi_docx_empty(p, "w:bidi");
    if (s->off_grid)
        gwi_docx_val(p, "w:snapToGrid", "0");
    write_spacing(p, s, o->space_before);
    write_ind(c, s, o, style);
    const char *jc = jc_value(o->align != GW_ALIGN_DEFAULT ? o->align : s->align);
    if (jc)
        gwi_docx_val(p, "w:jc", jc);
    write_rpr(c, &s->run, NULL);
    gwi_docx_end(p);
}

/* Opens a bookmark named `anchor` (none when NULL); returns its id. */
static guint bookmark_start(Ctx *c, const char *anchor)
{
    if (!anchor || !*anchor)
        return 0;
    guint id = ++c->dx->next_bookmark;
    gwi_docx_start(c->p, "w:bookmarkStart");
    gwi_docx_attr_int(c->p, "w:id", id);
    gwi_docx_attr(c->p, "w:name", anchor);
    gwi_docx_end(c->p);
    return id;
}

static void bookmark_end(Ctx *c, guint id)
{
    if (!id)
        return;
    gwi_docx_start(c->p, "w:bookmarkEnd");
    gwi_docx_attr_int(c->p, "w:id", id);
    gwi_docx_end(c->p);
}

/* Blocks whose anchor write_paragraph sets; other blocks with an anchor
 * get a bookmark around them. */
static gboolean anchors_itself(GwBlockKind kind)
{
    return gwi_block_is_textual(kind) || kind == GW_BLOCK_RULE;
}

/* A paragraph: the block's runs (b may be NULL for an empty one). */
static void write_paragraph(Ctx *c, GwBlock *b, const ParaOpts *o)
{
    GwParaStyle plain; /* no allocation: needs no clearing */
    gw_para_style_init(&plain);
    const GwParaStyle *s = b ? &b->style : &plain;
    const GwRunStyle *base = &s->run;
    gwi_docx_start(c->p, "w:p");
    write_ppr(c, b, s, o);
    guint bookmark = b && anchors_itself(b->kind) ? bookmark_start(c, b->anchor) : 0;
    if (o->note_ref) {
        gwi_docx_start(c->p, "w:r");
        write_rpr(c, base, note_kinds[o->note_ref - 1].mark_style);
        gwi_docx_empty(c->p, note_kinds[o->note_ref - 1].mark);
        gwi_docx_end(c->p);
    }
    if (o->lead_text)
        write_text_run(c, base, NULL, o->lead_text);
    if (o->label && *o->label) {
        write_text_run(c, base, NULL, o->label);
        write_simple_run(c, base, NULL, "w:tab");
    }
    if (b)
        write_runs(c, b);
    bookmark_end(c, bookmark);
    gwi_docx_end(c->p);
    c->p->ended_with_table = FALSE;
    c->p->paragraphs++;
}

/* ---- tables --------------------------------------------------------------- */

typedef enum { SLOT_CELL, SLOT_CONTINUE, SLOT_EMPTY } SlotKind;

/* One <w:tc> of a row: a cell, the continuation of a cell above that spans
 * down (vMerge), or an empty filler keeping the grid rectangular. */
typedef struct {
    SlotKind kind;
    GwBlock *cell; /* the cell, or for a continuation the cell above */
    guint col, span;
    gboolean restart; /* a cell that spans down */
} Slot;

typedef struct {
    guint rows_left; /* rows below still covered */
    guint span;
    GwBlock *cell;
} Pending;

typedef struct {
    guint n;          /* grid columns */
    Pending *pending; /* n entries, indexed by the spanning cell's column */
    guint pending_end; /* no active span reaches beyond this column */
    GArray *slots;    /* Slot, of the row laid out last */
} Grid;

static void grid_init(Grid *g, guint n)
{
    g->n = n;
    g->pending = g_new0(Pending, n);
    g->pending_end = 0;
    g->slots = g_array_new(FALSE, FALSE, sizeof(Slot));
}

static void grid_clear(Grid *g)
{
    g_free(g->pending);
    g_array_free(g->slots, TRUE);
}

/* Emit continuations and fillers from column `c` until `target`, and past
 * any span from above that starts there; returns the new column. */
static guint grid_advance(Grid *g, guint c, guint target)
{
    while (c < g->n && (c < target || g->pending[c].rows_left)) {
        Pending *pd = &g->pending[c];
        Slot s = { SLOT_EMPTY, NULL, c, 1, FALSE };
        if (pd->rows_left) {
            s = (Slot) { SLOT_CONTINUE, pd->cell, c, pd->span, FALSE };
            pd->rows_left--;
        }
        g_array_append_val(g->slots, s);
        c += s.span;
    }
    return c;
}

/* Place the cells of `row` on the grid, honouring each cell's column and
 * spans (clamped to the grid, to the rows below and to spans from above).
 * `fill` is where the row must reach; returns where it does. */
static guint grid_layout_row(Grid *g, GwBlock *row, guint rows_below, guint fill)
{
    guint c = 0;
    g_array_set_size(g->slots, 0);
    for (guint i = 0; i < gw_block_n_children(row); i++) {
        GwBlock *cell = gw_block_get_child(row, i);
        if (cell->kind != GW_BLOCK_TABLE_CELL)
            continue;
        c = grid_advance(g, c, MIN(cell->col, g->n - 1));
        if (c >= g->n)
            break;
        guint span = MIN(cell->colspan, g->n - c);
        for (guint k = 1; k < span; k++)
            if (g->pending[c + k].rows_left)
                span = k;
        guint down = MIN(cell->rowspan - 1, rows_below);
        Slot s = { SLOT_CELL, cell, c, span, down > 0 };
        g_array_append_val(g->slots, s);
        if (down) {
            g->pending[c] = (Pending) { down, span, cell };
            g->pending_end = MAX(g->pending_end, c + span);
        }
        c += span;
    }
    return grid_advance(g, c, MAX(fill, g->pending_end));
}

/* The rows of a table (children that are rows). */
static GPtrArray *table_rows(const GwBlock *t)
{
    GPtrArray *rows = g_ptr_array_new();
    for (guint i = 0; i < gw_block_n_children(t); i++)
        if (gw_block_get_child(t, i)->kind == GW_BLOCK_TABLE_ROW)
            g_ptr_array_add(rows, gw_block_get_child(t, i));
    return rows;
}

/* Grid columns: the table's count, or as many as the cells reach. */
static guint table_columns(const GwBlock *t, GPtrArray *rows)
{
    Grid g;
    guint n = MIN(t->n_cols, MAX_GRID_COLUMNS);
    grid_init(&g, MAX_GRID_COLUMNS);
    for (guint r = 0; r < rows->len; r++) {
        /* Not inside MAX(): the macro would lay the row out twice. */
        guint used = grid_layout_row(&g, rows->pdata[r], rows->len - r - 1, 0);
        n = MAX(n, used);
    }
    grid_clear(&g);
    return MAX(n, 1);
}

/* Column widths in twips: the model's, the rest sharing what is left. */
static long *column_widths(const GwBlock *t, guint n, long avail)
{
    long *w = g_new(long, n);
    long used = 0;
    guint unset = 0;
    for (guint i = 0; i < n; i++) {
        double pt = i < t->n_cols ? t->col_widths[i] : GW_UNSET;
        w[i] = usable(pt) && pt > 0 ? CLAMP(gwi_twips(pt), 20, 31680) : 0;
        used += w[i];
        unset += w[i] == 0;
    }
    long share = unset ? (avail - used) / (long) unset : 0;
    if (unset && share < 2 * GWI_CHAR_TWIPS)
        share = MAX(avail / (long) n, 20);
    for (guint i = 0; i < n; i++)
        if (!w[i])
            w[i] = share;
    return w;
}

static void border_element(GwiDocxPart *p, const char *element, const GwBorder *b)
{
    char color[7] = "auto";
    gboolean none = usable(b->width) && b->width <= 0;
    if (b->color >= 0)
        hex_color(color, b->color);
    gwi_docx_start(p, element);
    gwi_docx_attr(p, "w:val", none ? "none" : "single");
    gwi_docx_attr_int(p, "w:sz", usable(b->width) ? CLAMP(lround(b->width * 8), 2, 96) : 4);
    gwi_docx_attr_int(p, "w:space", 0);
    gwi_docx_attr(p, "w:color", color);
    gwi_docx_end(p);
}

static const char *const side_elements[GW_N_SIDES] = { "w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV" };

/* Table borders: a full single grid unless the model says otherwise. */
static void write_table_borders(GwiDocxPart *p, const GwBlock *t)
{
    gwi_docx_start(p, "w:tblBorders");
    for (int side = 0; side < GW_N_SIDES; side++)
        border_element(p, side_elements[side], &t->borders[side]);
    gwi_docx_end(p);
}

static void write_cell_borders(GwiDocxPart *p, const GwBlock *cell)
{
    gboolean any = FALSE;
    for (int side = 0; side < GW_N_SIDES; side++)
        any |= gw_is_set(cell->borders[side].width);
    if (!any)
        return;
    gwi_docx_start(p, "w:tcBorders");
    for (int side = 0; side < GW_N_SIDES; side++)
        if (gw_is_set(cell->borders[side].width))
            border_element(p, side_elements[side], &cell->borders[side]);
    gwi_docx_end(p);
}

static void write_tcpr(GwiDocxPart *p, const Slot *s, long width)
{
    gwi_docx_start(p, "w:tcPr");
    gwi_docx_start(p, "w:tcW");
    gwi_docx_attr_int(p, "w:w", width);
    gwi_docx_attr(p, "w:type", "dxa");
    gwi_docx_end(p);
    if (s->span > 1)
        gwi_docx_val_int(p, "w:gridSpan", s->span);
    if (s->kind == SLOT_CONTINUE)
        gwi_docx_empty(p, "w:vMerge");
    else if (s->restart)
        gwi_docx_val(p, "w:vMerge", "restart");
    if (s->cell) {
        write_cell_borders(p, s->cell);
        if (s->cell->shading >= 0)
            write_shading(p, s->cell->shading);
        if (s->cell->valign != GW_VALIGN_TOP)
            gwi_docx_val(p, "w:vAlign", s->cell->valign == GW_VALIGN_CENTER ? "center" : "bottom");
    }
    gwi_docx_end(p);
}

static void write_cell(Ctx *c, const Slot *s, const long *widths)
{
    long width = 0;
    for (guint k = 0; k < s->span; k++)
        width += widths[s->col + k];
    gwi_docx_start(c->p, "w:tc");
    write_tcpr(c->p, s, width);
    Ctx cc = *c;
    cc.width = MAX(width - CELL_MARGINS, 20);
    cc.depth++;
    cc.style = "TableText";
    cc.item_left = 0;
    cc.list_depth = 0;
    guint paragraphs = c->p->paragraphs;
    if (s->kind == SLOT_CELL)
        for (guint i = 0; i < gw_block_n_children(s->cell); i++)
            write_block(&cc, gw_block_get_child(s->cell, i));
    /* A cell ends with a paragraph. */
    if (c->p->paragraphs == paragraphs || c->p->ended_with_table)
        write_paragraph(&cc, NULL, &(ParaOpts) { 0 });
    gwi_docx_end(c->p);
}

static void write_row_props(GwiDocxPart *p, const GwBlock *row)
{
    gboolean height = usable(row->row_height) && row->row_height > 0;
    if (!row->header_row && !height)
        return;
    gwi_docx_start(p, "w:trPr");
    if (height) {
        gwi_docx_start(p, "w:trHeight");
        gwi_docx_attr_int(p, "w:val", MIN(gwi_twips(row->row_height), 31680));
        gwi_docx_attr(p, "w:hRule", "atLeast");
        gwi_docx_end(p);
    }
    if (row->header_row)
        gwi_docx_empty(p, "w:tblHeader");
    gwi_docx_end(p);
}

/* Where the table sits: centred unless the model says (GB/T 9704). */
static void write_table_placement(GwiDocxPart *p, const GwBlock *t)
{
    GwAlign align = t->style.align;
    gwi_docx_val(p, "w:jc", align == GW_ALIGN_LEFT || align == GW_ALIGN_RIGHT ? jc_value(align) : "center");
    double indent = gw_table_get_indent(t);
    if (align == GW_ALIGN_LEFT && usable(indent) && fabs(indent) < 1e5) {
        gwi_docx_start(p, "w:tblInd");
        gwi_docx_attr_int(p, "w:w", lround(indent * 20));
        gwi_docx_attr(p, "w:type", "dxa");
        gwi_docx_end(p);
    }
}

static void write_table_props(GwiDocxPart *p, const GwBlock *t, long total, gboolean fixed)
{
    gwi_docx_start(p, "w:tblPr");
    if (t->style.rtl)
        gwi_docx_empty(p, "w:bidiVisual");
    gwi_docx_start(p, "w:tblW");
    gwi_docx_attr_int(p, "w:w", total);
    gwi_docx_attr(p, "w:type", "dxa");
    gwi_docx_end(p);
    write_table_placement(p, t);
    write_table_borders(p, t);
    if (fixed) {
        gwi_docx_start(p, "w:tblLayout");
        gwi_docx_attr(p, "w:type", "fixed");
        gwi_docx_end(p);
    }
    gwi_docx_end(p);
}

static void write_table(Ctx *c, GwBlock *t)
{
    GPtrArray *rows = table_rows(t);
    if (!rows->len) {
        g_ptr_array_unref(rows);
        return;
    }
    guint n = table_columns(t, rows);
    long *widths = column_widths(t, n, c->width);
    long total = 0;
    gboolean fixed = t->n_cols >= n;
    for (guint i = 0; i < n; i++) {
        total += widths[i];
        fixed = fixed && usable(t->col_widths[i]);
    }
    GwiDocxPart *p = c->p;
    gwi_docx_start(p, "w:tbl");
    write_table_props(p, t, total, fixed);
    gwi_docx_start(p, "w:tblGrid");
    for (guint i = 0; i < n; i++) {
        gwi_docx_start(p, "w:gridCol");
        gwi_docx_attr_int(p, "w:w", widths[i]);
        gwi_docx_end(p);
    }
    gwi_docx_end(p);
    Grid g;
    grid_init(&g, n);
    for (guint r = 0; r < rows->len; r++) {
        GwBlock *row = rows->pdata[r];
        grid_layout_row(&g, row, rows->len - r - 1, n);
        gwi_docx_start(p, "w:tr");
        write_row_props(p, row);
        for (guint i = 0; i < g.slots->len; i++)
            write_cell(c, &g_array_index(g.slots, Slot, i), widths);
        gwi_docx_end(p);
    }
    gwi_docx_end(p);
    p->ended_with_table = TRUE;
    grid_clear(&g);
    g_free(widths);
    g_ptr_array_unref(rows);
}

/* ---- lists, attachments and other blocks ---------------------------------- */

/* An item: its first paragraph carries the number (indented by the
 * numbering definition, so that readers do not see a block quote) or the
 * literal label; the rest of its blocks are indented to the item's text. */
static void write_item(Ctx *c, GwBlock *item, const GwiDocxList *def, guint num_id)
{
    long left = gwi_docx_list_left(def, c->list_depth);
    ParaOpts o = { .num_id = num_id, .ilvl = c->list_depth, .label = def->literal ? item->label : NULL,
                   .has_ind = def->literal, .left = left, .first = -def->hanging };
    Ctx ic = *c;
    ic.depth++;
    ic.list_depth++;
    ic.style = "ListParagraph";
    guint first = 0;
    guint bookmark = bookmark_start(c, item->anchor);
    GwBlock *b0 = gw_block_get_child(item, 0);
    if (gw_block_n_runs(item)) {
        write_paragraph(&ic, item, &o);
    } else if (b0 && gwi_block_is_textual(b0->kind) && b0->kind != GW_BLOCK_HEADING) {
        write_paragraph(&ic, b0, &o);
        first = 1;
    } else {
        write_paragraph(&ic, NULL, &o);
    }
    ic.item_left = left;
    for (guint i = first; i < gw_block_n_children(item); i++)
        write_block(&ic, gw_block_get_child(item, i));
    bookmark_end(c, bookmark);
}

static void write_list(Ctx *c, GwBlock *list)
{
    GwiDocxList *def = gwi_docx_list_new(list);
    guint num_id = 0;
    if (!def->literal) {
        g_ptr_array_add(c->dx->lists, def);
        num_id = c->dx->lists->len;
    }
    for (guint i = 0; i < gw_block_n_children(list); i++) {
        GwBlock *child = gw_block_get_child(list, i);
        if (child->kind == GW_BLOCK_LIST_ITEM)
            write_item(c, child, def, num_id);
        else
            write_block(c, child);
    }
    if (def->literal)
        gwi_docx_list_free(def);
}

/* 附件说明 per GB/T 9704: one line below the body, "附件：1.xxx" two
 * characters in, later items aligned under the first item's text.  The Attachment style holds the
 * later items' indent (for the default label), so that readers comparing
 * a paragraph's indent with its style's see no block quote. */
static void write_attachments(Ctx *c, GwBlock *att)
{
    const char *label = att->label && *att->label ? att->label : GWI_ATTACHMENT_LABEL;
    long label_width = gwi_docx_text_width(label);
    long text_left = 2 * GWI_CHAR_TWIPS + label_width;
    gboolean style_fits = text_left == 2 * GWI_CHAR_TWIPS + gwi_docx_text_width(GWI_ATTACHMENT_LABEL);
    guint written = 0;
    for (guint i = 0; i < gw_block_n_children(att); i++) {
        GwBlock *child = gw_block_get_child(att, i);
        if (!gwi_block_is_textual(child->kind)) {
            write_block(c, child);
            continue;
        }
        ParaOpts o = { .style = "Attachment", .has_ind = !written || !style_fits, .left = text_left,
                       .first = written ? 0 : -label_width, .lead_text = written ? NULL : label,
                       .space_before = written ? 0 : GWI_LINE_TWIPS };
        write_paragraph(c, child, &o);
        written++;
    }
    if (!written)
        write_paragraph(c, NULL,
                        &(ParaOpts) { .style = "Attachment", .has_ind = TRUE, .left = text_left,
                                      .first = -label_width, .lead_text = label, .space_before = GWI_LINE_TWIPS });
}

static void write_page_break(Ctx *c)
{
    gwi_docx_start(c->p, "w:p");
    gwi_docx_start(c->p, "w:r");
    gwi_docx_start(c->p, "w:br");
    gwi_docx_attr(c->p, "w:type", "page");
    gwi_docx_end(c->p);
    gwi_docx_end(c->p);
    gwi_docx_end(c->p);
    c->p->ended_with_table = FALSE;
    c->p->paragraphs++;
}

/* A picture on its own line, centred. */
static void write_image_block(Ctx *c, GwBlock *b)
{
    GwRunStyle plain;
    gw_run_style_init(&plain);
    ParaOpts o = { .has_ind = TRUE, .align = GW_ALIGN_CENTER };
    gwi_docx_start(c->p, "w:p");
    write_ppr(c, b, &b->style, &o);
    write_image_run(c, &plain, b->image);
    gwi_docx_end(c->p);
    c->p->ended_with_table = FALSE;
    c->p->paragraphs++;
}

/* A text box's height before Word or LibreOffice fit it to its text:
 * a line of the body's pitch for every line its text fills. */
static long text_box_height(GwBlock *box, double width)
{
    char *text = gw_block_get_text(box);
    double lines = 0;
    char **paras = g_strsplit(text, "\n", -1);
    for (char **q = paras; *q; q++)
        lines += MAX(1, ceil(g_utf8_strlen(*q, -1) * (GWI_CHAR_TWIPS / 20.0) / width));
    g_strfreev(paras);
    g_free(text);
    return lround(MIN(lines, 60) * (GWI_GRID_TWIPS / 20.0) * EMU_PER_POINT);
}

/* Where an unaligned text box with an offset starts: its paragraph's left
 * indent (twips from the column's edge; 0 for none). */
static long text_box_offset(Ctx *c, const GwBlock *box)
{
    gboolean from_page;
    double x = gw_text_box_get_offset(box, &from_page);
    if (box->style.align != GW_ALIGN_DEFAULT || !usable(x))
        return 0;
    if (from_page) {
        double margin = gw_document_get_page(c->dx->doc)->margin_left;
        x -= usable(margin) && margin >= 0 ? margin : gbt_page.margin_left;
    }
    return CLAMP(gwi_twips(x), 0, c->width);
}

/* A text box in a paragraph of its own, aligned as the box is: a Word 2010
 * shape (wps:wsp) as wide as the box (else the text), whose text is the
 * box's blocks, grown to fit them (spAutoFit) by Word and LibreOffice. */
static void write_text_box(Ctx *c, Ctx *inner, GwBlock *box)
{
    static const GwPlacement in_line = { 0 };
    GwRunStyle plain;
    gw_run_style_init(&plain);
    double width = gw_is_set(box->box_width) && box->box_width > 0 ? MIN(box->box_width, 1584) : MAX(c->width / 20.0, 72);
    long cx = lround(width * EMU_PER_POINT), cy = text_box_height(box, width);
    GwiDocxPart *p = c->p;
    gwi_docx_start(p, "w:p");
    const char *jc = jc_value(box->style.align);
    gwi_docx_start(p, "w:pPr");
    write_frame(p, box->style.align);
    long offset = text_box_offset(c, box);
    if (offset > 0) {
        gwi_docx_start(p, "w:ind");
        gwi_docx_attr_int(p, "w:left", offset);
        gwi_docx_end(p);
    }
    if (jc)
        gwi_docx_val(p, "w:jc", jc);
    gwi_docx_end(p);
    g_free(open_drawing(c, &plain, "Text Box", &in_line, cx, cy, NULL));
    gwi_docx_empty(p, "wp:cNvGraphicFramePr");
    gwi_docx_start(p, "a:graphic");
    gwi_docx_start(p, "a:graphicData");
    gwi_docx_attr(p, "uri", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape");
    gwi_docx_start(p, "wps:wsp");
    gwi_docx_start(p, "wps:cNvSpPr");
    gwi_docx_attr(p, "txBox", "1");
    gwi_docx_end(p);
    gwi_docx_start(p, "wps:spPr");
    write_geometry(p, "rect", cx, cy, FALSE);
    gwi_docx_empty(p, "a:noFill");
    gwi_docx_start(p, "a:ln");
    gwi_docx_empty(p, "a:noFill");
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_start(p, "wps:txbx");
    gwi_docx_start(p, "w:txbxContent");
    write_blocks(inner, box->children);
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_start(p, "wps:bodyPr");
    /* a box placed by its side with no width of its own fits its text */
    if (!gw_is_set(box->box_width) && box->style.align != GW_ALIGN_DEFAULT)
        gwi_docx_attr(p, "wrap", "none");
    static const char *const insets[] = { "lIns", "tIns", "rIns", "bIns" };
    for (guint i = 0; i < G_N_ELEMENTS(insets); i++)
        gwi_docx_attr(p, insets[i], "0");
    gwi_docx_empty(p, "a:spAutoFit");
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
    gwi_docx_end(p);
    close_drawing(p);
    gwi_docx_end(p);
    c->p->ended_with_table = FALSE;
    c->p->paragraphs++;
}

/* Too deeply nested to keep its structure: its text, line by line. */
static void write_flattened(Ctx *c, GwBlock *b)
{
    char *text = gw_block_get_text(b);
    GwBlock *para = gw_block_new(GW_BLOCK_PARAGRAPH);
    gw_block_add_text(para, text);
    write_paragraph(c, para, &(ParaOpts) { 0 });
    gw_block_free(para);
    g_free(text);
}

static void write_block_content(Ctx *c, GwBlock *b)
{
    Ctx inner = *c;
    inner.depth++;
    switch (b->kind) {
    case GW_BLOCK_TITLE:
    case GW_BLOCK_HEADING:
    case GW_BLOCK_PARAGRAPH:
    case GW_BLOCK_CODE:
    case GW_BLOCK_RULE:
        write_paragraph(c, b, &(ParaOpts) { 0 });
        break;
    case GW_BLOCK_LIST:
        write_list(c, b);
        break;
    case GW_BLOCK_TABLE:
        write_table(c, b);
        break;
    case GW_BLOCK_IMAGE:
        write_image_block(c, b);
        break;
    case GW_BLOCK_PAGE_BREAK:
        write_page_break(c);
        break;
    case GW_BLOCK_ATTACHMENTS:
        write_attachments(c, b);
        break;
    case GW_BLOCK_SECTION: /* only meaningful at the top level (write_body) */
        break;
    case GW_BLOCK_QUOTE:
        inner.style = "Quote";
        write_blocks(&inner, b->children);
        break;
    case GW_BLOCK_TEXT_BOX:
        write_text_box(c, &inner, b);
        break;
    default: /* items, rows and cells out of place, notes: their content */
        if (gw_block_n_runs(b))
            write_paragraph(c, b, &(ParaOpts) { 0 });
        write_blocks(&inner, b->children);
    }
}

static void write_block(Ctx *c, GwBlock *b)
{
    if (c->depth >= MAX_NESTING) {
        write_flattened(c, b);
        return;
    }
    guint bookmark = anchors_itself(b->kind) ? 0 : bookmark_start(c, b->anchor);
    write_block_content(c, b);
    bookmark_end(c, bookmark);
}

/* ---- sections, headers and footers ---------------------------------------- */

static double page_value(double v, double fallback)
{
    return usable(v) && v >= 0 ? v : fallback;
}

static long text_width(const GwPageSetup *page)
{
    double w = page_value(page->width, gbt_page.width), h = page_value(page->height, gbt_page.height);
    if (page->landscape && w < h)
        w = h;
    long text = gwi_twips(w) - gwi_twips(page_value(page->margin_left, gbt_page.margin_left)) -
                gwi_twips(page_value(page->margin_right, gbt_page.margin_right));
    return MAX(text, 1440);
}

/* The letter spacing (twentieths of a point, rounded down) that fits the
 * first page's character grid with 三号 body text: GB/T 9704's 28
 * characters a line for gongwen's own grid.  Spacing rather than a
 * linesAndChars docGrid, because LibreOffice gives a 三号 character two
 * cells of a grid narrower than 16 pt.  0 without a grid of about 三号. */
static long body_letter_spacing(const GwPageSetup *page)
{
    double body = GWI_BODY_HALF_POINTS / 2.0, area = text_width(page) / 20.0;
    double pitch = usable(page->char_pitch) ? page->char_pitch : usable(page->line_pitch) ? 0 : area / 28;
    if (pitch <= 0 || fabs(pitch - body) > 0.1 * body)
        return 0;
    double n = floor(area / pitch + 0.05); /* whole characters a line, as the renderer counts */
    return (long) floor((area / n - body) * 20);
}

/* A header or footer part holding `blocks`; returns its target name. */
static const char *write_story(Docx *dx, GPtrArray *blocks, const GwPageSetup *page, gboolean footer)
{
    char *name = g_strdup_printf("word/%s%u.xml", footer ? "footer" : "header", dx->stories->len + 1);
    GwiDocxPart *p = gwi_docx_part_new(name, footer ? GWI_CT_BASE "footer+xml" : GWI_CT_BASE "header+xml",
                                       footer ? "w:ftr" : "w:hdr", story_ns);
    Ctx c = { dx, p, text_width(page), 1, footer ? "Footer" : "Header", TRUE, 0, 0 };
    write_blocks(&c, blocks);
    if (!p->paragraphs || p->ended_with_table)
        write_paragraph(&c, NULL, &(ParaOpts) { 0 });
    g_ptr_array_add(dx->stories, p);
    g_free(name);
    return p->name + strlen("word/");
}

static void story_reference(Docx *dx, gboolean footer, const char *type, const char *target)
{
    GwiDocxPart *p = dx->body;
    gwi_docx_start(p, footer ? "w:footerReference" : "w:headerReference");
    gwi_docx_attr(p, "w:type", type);
    gwi_docx_attr(p, "r:id", gwi_docx_part_rel(p, footer ? "footer" : "header", target, FALSE));
    gwi_docx_end(p);
}

/* The GB/T 9704 page numbers, written once and shared by every section. */
static const char *page_number_footer(Docx *dx, gboolean even)
{
    if (!dx->page_footer[even]) {
        char *name = g_strdup_printf("word/footer%u.xml", dx->stories->len + 1);
        GwiDocxPart *p = gwi_docx_page_number_footer(name, even);
        g_ptr_array_add(dx->stories, p);
        dx->page_footer[even] = p->name + strlen("word/");
        g_free(name);
    }
    return dx->page_footer[even];
}

static void write_story_refs(Docx *dx, const GwPageSetup *page, gboolean footer)
{
    static const char *const types[3] = { "default", "first", "even" };
    GPtrArray *const *stories = footer ? page->footer : page->header;
    if (footer && !stories[0] && !stories[1] && !stories[2]) {
        story_reference(dx, TRUE, "default", page_number_footer(dx, FALSE));
        story_reference(dx, TRUE, "even", page_number_footer(dx, TRUE));
        return;
    }
    const char *targets[3] = { NULL, NULL, NULL };
    for (int i = 0; i < 3; i++)
        if (stories[i])
            targets[i] = write_story(dx, stories[i], page, footer);
    if (dx->even_and_odd && !page->even_and_odd && !targets[2])
        targets[2] = targets[0]; /* even pages look like odd ones */
    for (int i = 0; i < 3; i++)
        if (targets[i])
            story_reference(dx, footer, types[i], targets[i]);
}

static gboolean page_has_even_pages(const GwPageSetup *page)
{
    gboolean page_numbers = !page->footer[0] && !page->footer[1] && !page->footer[2];
    return page_numbers || (page->even_and_odd && (page->footer[2] || page->header[2]));
}

static void write_sect_pr(Docx *dx, const GwPageSetup *page)
{
    GwiDocxPart *p = dx->body;
    double w = page_value(page->width, gbt_page.width), h = page_value(page->height, gbt_page.height);
    if (page->landscape != (w > h)) {
        double t = w;
        w = h;
        h = t;
    }
    gwi_docx_start(p, "w:sectPr");
    write_story_refs(dx, page, FALSE);
    write_story_refs(dx, page, TRUE);
    if (page->continuous)
        gwi_docx_val(p, "w:type", "continuous");
    gwi_docx_start(p, "w:pgSz");
    gwi_docx_attr_int(p, "w:w", CLAMP(gwi_twips(w), 1440, 31680));
    gwi_docx_attr_int(p, "w:h", CLAMP(gwi_twips(h), 1440, 31680));
    if (page->landscape)
        gwi_docx_attr(p, "w:orient", "landscape");
    gwi_docx_end(p);
    gwi_docx_start(p, "w:pgMar");
    const struct {
        const char *attr;
        double value, fallback;
    } margins[] = {
        { "w:top", page->margin_top, gbt_page.margin_top },
        { "w:right", page->margin_right, gbt_page.margin_right },
        { "w:bottom", page->margin_bottom, gbt_page.margin_bottom },
        { "w:left", page->margin_left, gbt_page.margin_left },
        { "w:header", page->header_distance, gbt_page.header_distance },
        { "w:footer", page->footer_distance, gbt_page.footer_distance },
    };
    for (guint i = 0; i < G_N_ELEMENTS(margins); i++)
        gwi_docx_attr_int(p, margins[i].attr, MIN(gwi_twips(page_value(margins[i].value, margins[i].fallback)), 31680));
    gwi_docx_attr_int(p, "w:gutter", 0);
    gwi_docx_end(p);
    if (page->page_number_start > 0 || *page->page_number_format) {
        gwi_docx_start(p, "w:pgNumType");
        if (*page->page_number_format)
            gwi_docx_attr(p, "w:fmt", page->page_number_format);
        if (page->page_number_start > 0)
            gwi_docx_attr_int(p, "w:start", page->page_number_start);
        gwi_docx_end(p);
    }
    gwi_docx_start(p, "w:cols");
    gwi_docx_attr_int(p, "w:space", 425);
    gwi_docx_end(p);
    if (page->title_page)
        gwi_docx_empty(p, "w:titlePg");
    if (!usable(page->line_pitch) || page->line_pitch > 0) { /* 0: a page without a grid */
        gwi_docx_start(p, "w:docGrid");
        gwi_docx_attr(p, "w:type", "lines");
        gwi_docx_attr_int(p, "w:linePitch",
                          usable(page->line_pitch) ? CLAMP(gwi_twips(page->line_pitch), 1, 31680) : GWI_GRID_TWIPS);
        gwi_docx_end(p);
    }
    gwi_docx_end(p);
}

/* ---- the package ------------------------------------------------------------ */

static void docx_init(Docx *dx, GwDocument *doc)
{
    memset(dx, 0, sizeof *dx);
    dx->doc = doc;
    dx->stories = g_ptr_array_new_with_free_func((GDestroyNotify) gwi_docx_part_free);
    dx->lists = g_ptr_array_new_with_free_func((GDestroyNotify) gwi_docx_list_free);
    dx->media = g_ptr_array_new();
    dx->media_names = g_hash_table_new(g_bytes_hash, g_bytes_equal);
    dx->extensions = g_hash_table_new(g_str_hash, g_str_equal);
    dx->fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    dx->even_and_odd = page_has_even_pages(&doc->page);
    for (guint i = 0; i < doc->blocks->len; i++) {
        const GwBlock *b = doc->blocks->pdata[i];
        if (b->kind == GW_BLOCK_SECTION && page_has_even_pages(b->page))
            dx->even_and_odd = TRUE;
    }
}

static void media_free(Media *m)
{
    g_free(m->name);
    g_free(m);
}

static void docx_clear(Docx *dx)
{
    gwi_docx_part_free(dx->body);
    gwi_docx_part_free(dx->notes[0]);
    gwi_docx_part_free(dx->notes[1]);
    g_ptr_array_unref(dx->stories);
    g_ptr_array_unref(dx->lists);
    g_ptr_array_set_free_func(dx->media, (GDestroyNotify) media_free);
    g_ptr_array_unref(dx->media);
    g_hash_table_unref(dx->media_names);
    g_hash_table_unref(dx->extensions);
    g_hash_table_unref(dx->fonts);
}

/* word/document.xml: the blocks; a section block closes the section before
 * it with that section's page setup, the body's sectPr closes the last. */
static void write_body(Docx *dx)
{
    GwDocument *doc = dx->doc;
    dx->body = gwi_docx_part_new("word/document.xml", GWI_CT_BASE "document.main+xml", "w:document", story_ns);
    gwi_docx_start(dx->body, "w:body");
    const GwPageSetup *page = &doc->page;
    Ctx c = { dx, dx->body, text_width(page), 0, NULL, FALSE, 0, 0 };
    for (guint i = 0; i < doc->blocks->len; i++) {
        GwBlock *b = doc->blocks->pdata[i];
        if (b->kind != GW_BLOCK_SECTION) {
            write_block(&c, b);
            continue;
        }
        gwi_docx_start(dx->body, "w:p");
        gwi_docx_start(dx->body, "w:pPr");
        write_sect_pr(dx, page);
        gwi_docx_end(dx->body);
        gwi_docx_end(dx->body);
        page = b->page;
        c.width = text_width(page);
    }
    if (!dx->body->paragraphs || dx->body->ended_with_table) /* Word wants a paragraph last */
        write_paragraph(&c, NULL, &(ParaOpts) { 0 });
    write_sect_pr(dx, page);
}

/* Each part followed by its relationships part, when it has any. */
static void add_with_rels(GPtrArray *parts, GwiDocxPart *part)
{
    if (!part)
        return;
    g_ptr_array_add(parts, part);
    if (part->rels->len)
        g_ptr_array_add(parts, gwi_docx_rels_part(part));
}

static gboolean add_zip_entry(zip_t *za, const char *name, const void *data, gsize len, gboolean store, time_t mtime)
{
    zip_source_t *src = zip_source_buffer(za, data, len, 0);
    if (!src)
        return FALSE;
    zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
        zip_source_free(src);
        return FALSE;
    }
    /* libzip deflates at level 9 unless told: several times slower on XML
     * for a few per cent. */
    if (zip_set_file_compression(za, idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 6) < 0)
        return FALSE;
    return zip_file_set_mtime(za, idx, mtime, 0) == 0;
}

/* The whole zip, read back from its in-memory source. */
static GBytes *zip_source_bytes(zip_source_t *src, GError **error)
{
    zip_stat_t st;
    if (zip_source_open(src) < 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "DOCX package: %s", zip_error_strerror(zip_source_error(src)));
        return NULL;
    }
    zip_stat_init(&st);
    gboolean ok = zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE);
    guint8 *data = ok ? g_malloc(st.size ? st.size : 1) : NULL;
    ok = ok && zip_source_read(src, data, st.size) == (zip_int64_t) st.size;
    zip_source_close(src);
    if (!ok) {
        g_free(data);
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "DOCX package: cannot read the finished archive back");
        return NULL;
    }
    return g_bytes_new_take(data, st.size);
}

static GBytes *zip_package(GPtrArray *parts, GPtrArray *media, time_t mtime, GError **error)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &zerr);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &zerr) : NULL;
    if (!za) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "DOCX package: %s", zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        if (src)
            zip_source_free(src);
        return NULL;
    }
    zip_error_fini(&zerr);
    zip_source_keep(src);
    gboolean ok = TRUE;
    for (guint i = 0; ok && i < parts->len; i++) {
        const GwiDocxPart *p = parts->pdata[i];
        ok = add_zip_entry(za, p->name, xmlBufferContent(p->buf), xmlBufferLength(p->buf), FALSE, mtime);
    }
    for (guint i = 0; ok && i < media->len; i++) {
        const Media *m = media->pdata[i];
        ok = add_zip_entry(za, m->name, g_bytes_get_data(m->data, NULL), g_bytes_get_size(m->data), TRUE, mtime);
    }
    if (!ok || zip_close(za) < 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "DOCX package: %s", zip_strerror(za));
        zip_discard(za);
        zip_source_free(src);
        return NULL;
    }
    GBytes *bytes = zip_source_bytes(src, error);
    zip_source_free(src);
    return bytes;
}

/* The time the package says it was written: SOURCE_DATE_EPOCH when set,
 * for reproducible output, else now. */
static GDateTime *package_time(void)
{
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    gint64 secs = epoch ? g_ascii_strtoll(epoch, &end, 10) : 0;
    GDateTime *t = epoch && *epoch && end && !*end ? g_date_time_new_from_unix_utc(secs) : NULL;
    return t ? t : g_date_time_new_now_utc();
}

/* Every part in package order; the caller frees the array. */
static GPtrArray *package_parts(Docx *dx, GDateTime *now)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func((GDestroyNotify) gwi_docx_part_free);
    GwiDocxPart *main_part = dx->body;
    gwi_docx_part_rel(main_part, "styles", "styles.xml", FALSE);
    gwi_docx_part_rel(main_part, "settings", "settings.xml", FALSE);
    gwi_docx_part_rel(main_part, "fontTable", "fontTable.xml", FALSE);
    if (dx->lists->len)
        gwi_docx_part_rel(main_part, "numbering", "numbering.xml", FALSE);
    for (int kind = 0; kind < 2; kind++)
        if (dx->notes[kind])
            gwi_docx_part_rel(main_part, note_kinds[kind].rel, note_kinds[kind].part + strlen("word/"), FALSE);
    GwiDocxPart *package = gwi_docx_part_new("", NULL, NULL, NULL);
    gwi_docx_part_rel(package, "officeDocument", "word/document.xml", FALSE);
    gwi_docx_part_rel(package, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                      "docProps/core.xml", FALSE);
    gwi_docx_part_rel(package, "extended-properties", "docProps/app.xml", FALSE);
    GwiDocxPart *custom = gwi_docx_custom_props(dx->doc);
    if (custom)
        gwi_docx_part_rel(package, "custom-properties", "docProps/custom.xml", FALSE);

    g_ptr_array_add(parts, NULL); /* [Content_Types].xml, made last */
    g_ptr_array_add(parts, gwi_docx_rels_part(package));
    gwi_docx_part_free(package);
    add_with_rels(parts, g_steal_pointer(&dx->body));
    g_ptr_array_add(parts, gwi_docx_styles(body_letter_spacing(&dx->doc->page)));
    g_ptr_array_add(parts, gwi_docx_settings(dx->even_and_odd, dx->doc->page.default_tab, dx->notes[0] != NULL,
                                             dx->notes[1] != NULL));
    g_ptr_array_add(parts, gwi_docx_font_table(dx->fonts));
    if (dx->lists->len)
        g_ptr_array_add(parts, gwi_docx_numbering(dx->lists));
    add_with_rels(parts, g_steal_pointer(&dx->notes[0]));
    add_with_rels(parts, g_steal_pointer(&dx->notes[1]));
    while (dx->stories->len)
        add_with_rels(parts, g_ptr_array_steal_index(dx->stories, 0));
    g_ptr_array_add(parts, gwi_docx_core_props(dx->doc, now));
    g_ptr_array_add(parts, gwi_docx_app_props(dx->doc));
    if (custom)
        g_ptr_array_add(parts, custom);
    return parts;
}

GBytes *gw_write_docx_bytes(GwDocument *doc, GError **error)
{
    Docx dx;
    docx_init(&dx, doc);
    write_body(&dx);
    GDateTime *now = package_time();
    GPtrArray *parts = package_parts(&dx, now);
    GBytes *bytes = NULL;
    const char *broken = NULL;
    for (guint i = 1; i < parts->len && !broken; i++)
        if (!gwi_docx_part_finish(parts->pdata[i]))
            broken = ((GwiDocxPart *) parts->pdata[i])->name;
    parts->pdata[0] = gwi_docx_content_types(parts, dx.extensions);
    if (!gwi_docx_part_finish(parts->pdata[0]))
        broken = "[Content_Types].xml";
    if (broken)
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "DOCX package: cannot write %s", broken);
    else
        bytes = zip_package(parts, dx.media, g_date_time_to_unix(now), error);
    g_ptr_array_unref(parts);
    g_date_time_unref(now);
    docx_clear(&dx);
    return bytes;
}

gboolean gw_write_docx(GwDocument *doc, const char *path, GError **error)
{
    GError *err = NULL;
    GBytes *bytes = gw_write_docx_bytes(doc, &err);
    if (!bytes) {
        g_set_error(error, GW_ERROR, err->code, "%s: %s", path, err->message);
        g_error_free(err);
        return FALSE;
    }
    gsize len;
    const void *data = g_bytes_get_data(bytes, &len);
    gboolean ok = gw_output_write_file(path, data, len, error);
    g_bytes_unref(bytes);
    return ok;
}
