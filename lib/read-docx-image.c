/* read-docx-image.c: pictures and text boxes of DrawingML (w:drawing) and
 * VML (w:pict, w:object) graphics, and the image parts they embed: PNG and
 * JPEG are kept (size from the drawing's extent, else 96 dpi), other
 * formats are left out with a warning, and a picture over the image-pixels
 * limit stops the reading. */
#include <math.h>
#include <string.h>
#include "image-size.h"
#include "read-docx.h"

static const char png_magic[8] = { '\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n' };

/* The bytes of an image part, read once per document. */
static GBytes *media_bytes(GwiDocx *d, const char *part, GError **error)
{
    GBytes *bytes = g_hash_table_lookup(d->media, part);
    if (bytes)
        return g_bytes_ref(bytes);
    bytes = gwi_docx_read_part(d, part, FALSE, error);
    if (bytes)
        g_hash_table_insert(d->media, g_strdup(part), g_bytes_ref(bytes));
    return bytes;
}

/* The type of a picture gongwen does not draw, from its first bytes: what
 * Word documents hold besides PNG and JPEG (charts and equations as EMF or
 * WMF, GIF, BMP, TIFF). */
static const char *other_image_type(const guint8 *p, gsize len)
{
    if (len >= 44 && p[0] == 1 && !p[1] && !p[2] && !p[3] && memcmp(p + 40, " EMF", 4) == 0)
        return "image/x-emf";
    if (len >= 4 && (memcmp(p, "\xD7\xCD\xC6\x9A", 4) == 0 || memcmp(p, "\x01\x00\x09\x00", 4) == 0))
        return "image/x-wmf";
    if (len >= 4 && memcmp(p, "GIF8", 4) == 0)
        return "image/gif";
    if (len >= 2 && memcmp(p, "BM", 2) == 0)
        return "image/bmp";
    if (len >= 4 && (memcmp(p, "II*", 4) == 0 || memcmp(p, "MM\0*", 4) == 0))
        return "image/tiff";
    return NULL;
}

/* The model's picture of a drawing: its bytes, type, size, description and
 * placement. */
static GwImage *picture_image(GBytes *bytes, const char *mime, double width, double height, const GwiPicture *pic)
{
    GwImage *img = gw_image_new(bytes, mime, width, height);
    if (pic->alt && *pic->alt)
        gw_image_set_alt(img, pic->alt);
    gw_image_set_placement(img, &pic->placement);
    return img;
}

/* A picture of another type keeps its bytes (written back to DOCX) and the
 * size its drawing gives it (its place on the page), but is not drawn. */
static GwImage *other_image(GwiDocx *d, const char *part, GBytes *bytes, const GwiPicture *pic)
{
    gsize len;
    /* not in one call: the order arguments are evaluated in is unspecified */
    const guint8 *data = g_bytes_get_data(bytes, &len);
    const char *type = other_image_type(data, len);
    if (!type || !(pic->width > 0 && pic->height > 0)) {
        gw_document_add_warning(d->doc, "%s: image %s left out: only PNG and JPEG images are drawn", d->name, part);
        return NULL;
    }
    return picture_image(bytes, type, pic->width, pic->height, pic);
}

static GwImage *image_from_bytes(GwiDocx *d, const char *part, GBytes *bytes, const GwiPicture *pic, GError **error)
{
    gsize len;
    const guint8 *p = g_bytes_get_data(bytes, &len);
    gboolean png = len >= 8 && memcmp(p, png_magic, 8) == 0;
    gboolean jpeg = len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF;
    guint64 w = 0, h = 0, limit = gw_read_options_get_limit(d->opts, GW_LIMIT_IMAGE_PIXELS);
    if (!png && !jpeg)
        return other_image(d, part, bytes, pic);
    if (gwi_image_pixels(p, len, &w, &h) && w * h > limit) {
        gwi_set_error(error, d, GW_ERROR_LIMIT, part,
                      "image of %" G_GUINT64_FORMAT "x%" G_GUINT64_FORMAT " pixels, over the %s limit (%" G_GUINT64_FORMAT ")",
                      w, h, gw_limit_name(GW_LIMIT_IMAGE_PIXELS), limit);
        return NULL;
    }
    double width = pic->width, height = pic->height;
    if (!(width > 0 && height > 0) && w && h) {
        width = (double) w * 0.75; /* 96 pixels per inch */
        height = (double) h * 0.75;
    }
    return picture_image(bytes, png ? "image/png" : "image/jpeg", width > 0 ? width : GW_UNSET,
                         height > 0 ? height : GW_UNSET, pic);
}

GwImage *gwi_docx_image(GwiDocx *d, GHashTable *rels, const GwiPicture *pic, GError **error)
{
    GwiRel *rel = pic->rid ? g_hash_table_lookup(rels, pic->rid) : NULL;
    if (!rel || rel->external) {
        gw_document_add_warning(d->doc, "%s: an image that is not embedded was left out", d->name);
        return NULL;
    }
    GError *local = NULL;
    GBytes *bytes = media_bytes(d, rel->target, &local);
    if (!bytes) {
        if (!local)
            gw_document_add_warning(d->doc, "%s: image %s is missing from the package", d->name, rel->target);
        else if (!gwi_docx_tolerate(d, &local))
            g_propagate_error(error, local);
        return NULL;
    }
    GwImage *img = image_from_bytes(d, rel->target, bytes, pic, error);
    g_bytes_unref(bytes);
    return img;
}

/* ---- finding pictures ----------------------------------------------------- */

/* The value of `key` in a VML style ("width:451.5pt;height:210pt"), or
 * NULL (g_free it). */
static char *vml_value(const char *style, const char *key)
{
    if (!style)
        return NULL;
    char **decls = g_strsplit(style, ";", -1);
    char *out = NULL;
    for (char **p = decls; *p && !out; p++) {
        char *colon = strchr(*p, ':');
        if (!colon)
            continue;
        *colon = 0;
        if (strcmp(g_strstrip(*p), key) == 0)
            out = g_strstrip(g_strdup(colon + 1));
    }
    g_strfreev(decls);
    return out;
}

/* A length of a VML style in points. */
static double vml_length(const char *style, const char *key)
{
    char *value = vml_value(style, key);
    if (!value)
        return GW_UNSET;
    char *end;
    double v = g_ascii_strtod(value, &end), out = GW_UNSET;
    while (*end == ' ')
        end++;
    static const struct {
        const char *unit;
        double pt;
    } units[] = { { "pt", 1 }, { "in", 72 }, { "cm", 72 / 2.54 }, { "mm", 72 / 25.4 }, { "px", 0.75 }, { "", 0.75 } };
    for (guint i = 0; i < G_N_ELEMENTS(units); i++)
        if (g_str_has_prefix(end, units[i].unit)) {
            out = v * units[i].pt;
            break;
        }
    g_free(value);
    return out;
}

/* The size of a DrawingML picture: the drawing's extent when it is the
 * only picture, else its own shape size. */
static void drawing_size(const xmlNode *blip, const xmlNode *frame, gboolean only, double *w, double *h)
{
    const double emu = 12700.0;
    const xmlNode *ext = NULL;
    if (!only) {
        /* a:blip sits in pic:blipFill beside pic:spPr/a:xfrm/a:ext */
        const xmlNode *pic = blip->parent ? blip->parent->parent : NULL;
        ext = gwi_child(gwi_child(gwi_child(pic, GWI_NS_PIC, "spPr"), GWI_NS_A, "xfrm"), GWI_NS_A, "ext");
    }
    if (!ext)
        ext = gwi_child(frame, GWI_NS_WP, "extent");
    double cx = gwi_attr_num(ext, "cx", -1), cy = gwi_attr_num(ext, "cy", -1);
    if (cx > 0 && cy > 0 && cx < 1e12 && cy < 1e12) {
        *w = cx / emu;
        *h = cy / emu;
    }
}

/* An offset or length in EMU as points: 0 when not a number, and within
 * 100,000 pt (35 m: far off any page, and inside Cairo's coordinates). */
static double emu_points(double emu)
{
    return isfinite(emu) ? CLAMP(emu / 12700.0, -1e5, 1e5) : 0;
}

/* An alignment named as wp:align and VML's mso-position-* name them
 * (GW_PLACE_OFFSET for none). */
static GwPlaceAlign place_align(const char *name)
{
    static const struct {
        const char *name;
        GwPlaceAlign align;
    } aligns[] = { { "left", GW_PLACE_START },   { "top", GW_PLACE_START },      { "inside", GW_PLACE_START },
                   { "center", GW_PLACE_CENTER }, { "right", GW_PLACE_END },     { "bottom", GW_PLACE_END },
                   { "outside", GW_PLACE_END } };
    for (guint i = 0; name && i < G_N_ELEMENTS(aligns); i++)
        if (strcmp(name, aligns[i].name) == 0)
            return aligns[i].align;
    return GW_PLACE_OFFSET;
}

/* One axis of a wp:anchor (wp:positionH or wp:positionV): the area it is
 * measured from, and an offset (EMU) or an alignment. */
static void anchor_axis(const xmlNode *pos, gboolean vertical, GwPlaceFrom *from, GwPlaceAlign *align, double *offset)
{
    static const struct {
        const char *name;
        GwPlaceFrom from;
    } areas[] = {
        { "page", GW_FROM_PAGE },          { "margin", GW_FROM_MARGIN },         { "column", GW_FROM_MARGIN },
        { "leftMargin", GW_FROM_PAGE },    { "topMargin", GW_FROM_PAGE },        { "insideMargin", GW_FROM_PAGE },
        { "outsideMargin", GW_FROM_PAGE }, { "rightMargin", GW_FROM_MARGIN },    { "bottomMargin", GW_FROM_MARGIN },
        { "paragraph", GW_FROM_PARAGRAPH }, { "line", GW_FROM_PARAGRAPH },       { "character", GW_FROM_PARAGRAPH },
    };
    const char *relative = gwi_attr(pos, "relativeFrom");
    *from = vertical ? GW_FROM_PARAGRAPH : GW_FROM_MARGIN; /* Word's defaults */
    for (guint i = 0; relative && i < G_N_ELEMENTS(areas); i++)
        if (strcmp(relative, areas[i].name) == 0)
            *from = areas[i].from;
    const xmlNode *align_node = gwi_child(pos, GWI_NS_WP, "align"), *offset_node = gwi_child(pos, GWI_NS_WP, "posOffset");
    char *align_text = align_node ? gwi_text(align_node) : NULL;
    char *offset_text = offset_node ? gwi_text(offset_node) : NULL;
    *align = place_align(align_text ? g_strstrip(align_text) : NULL);
    *offset = emu_points(offset_text ? g_ascii_strtod(offset_text, NULL) : 0);
    g_free(align_text);
    g_free(offset_text);
}

/* Where a wp:anchor puts what it holds. */
static void anchor_position(const xmlNode *frame, GwPlacement *out)
{
    out->floating = TRUE;
    out->behind = gwi_is_on(gwi_attr(frame, "behindDoc"));
    if (gwi_is_on(gwi_attr(frame, "simplePos"))) {
        const xmlNode *simple = gwi_child(frame, GWI_NS_WP, "simplePos");
        out->h_from = out->v_from = GW_FROM_PAGE;
        out->x = emu_points(gwi_attr_num(simple, "x", 0));
        out->y = emu_points(gwi_attr_num(simple, "y", 0));
        return;
    }
    anchor_axis(gwi_child(frame, GWI_NS_WP, "positionH"), FALSE, &out->h_from, &out->h_align, &out->x);
    anchor_axis(gwi_child(frame, GWI_NS_WP, "positionV"), TRUE, &out->v_from, &out->v_align, &out->y);
}

/* A picture in a wp:anchor that text does not wrap around floats over the
 * page (one that text wraps stays in the line, where it pushes the text
 * aside as a wrap would). */
static void anchor_placement(const xmlNode *frame, GwPlacement *out)
{
    if (gwi_is(frame, GWI_NS_WP, "anchor") && gwi_child(frame, GWI_NS_WP, "wrapNone"))
        anchor_position(frame, out);
}

/* Whether text wraps around a VML shape (w10:wrap type square, tight,
 * through or topAndBottom): it then stays in its line. */
static gboolean vml_wrapped(const xmlNode *shape)
{
    for (const xmlNode *c = gwi_first_elem(shape); c; c = gwi_next_elem(c))
        if (strcmp((const char *) c->name, "wrap") == 0) {
            const char *type = gwi_attr(c, "type");
            return type && strcmp(type, "none") != 0;
        }
    return FALSE;
}

/* One axis of an absolutely positioned VML shape: the area it is measured
 * from (mso-position-*-relative: the column and the paragraph by default),
 * and an alignment (mso-position-*) or an offset (margin-left, margin-top). */
static void vml_axis(const char *style, gboolean vertical, GwPlaceFrom *from, GwPlaceAlign *align, double *offset)
{
    char *relative = vml_value(style, vertical ? "mso-position-vertical-relative" : "mso-position-horizontal-relative");
    char *side = vml_value(style, vertical ? "mso-position-vertical" : "mso-position-horizontal");
    *from = relative && strcmp(relative, "page") == 0     ? GW_FROM_PAGE
            : relative && strcmp(relative, "margin") == 0 ? GW_FROM_MARGIN
            : vertical                                    ? GW_FROM_PARAGRAPH
                                                          : GW_FROM_MARGIN;
    *align = place_align(side);
    double v = vml_length(style, vertical ? "margin-top" : "margin-left");
    if (!gw_is_set(v))
        v = vml_length(style, vertical ? "top" : "left");
    *offset = gw_is_set(v) && isfinite(v) ? CLAMP(v, -1e5, 1e5) : 0;
    g_free(relative);
    g_free(side);
}

/* A VML picture positioned absolutely (position:absolute) that text does
 * not wrap around floats over the page, as a wp:anchor with wrapNone does;
 * behind the text when its z-index is negative. */
static void vml_placement(const xmlNode *shape, GwPlacement *out)
{
    const char *style = gwi_attr(shape, "style");
    char *position = vml_value(style, "position"), *z = vml_value(style, "z-index");
    if (position && strcmp(position, "absolute") == 0 && !vml_wrapped(shape)) {
        out->floating = TRUE;
        out->behind = z && g_ascii_strtod(z, NULL) < 0;
        vml_axis(style, FALSE, &out->h_from, &out->h_align, &out->x);
        vml_axis(style, TRUE, &out->v_from, &out->v_align, &out->y);
    }
    g_free(position);
    g_free(z);
}

/* ---- frames and text boxes ---------------------------------------------- */

GwAlign gwi_frame_align(const char *v)
{
    static const struct {
        const char *name;
        GwAlign align;
    } sides[] = { { "left", GW_ALIGN_LEFT },     { "center", GW_ALIGN_CENTER },   { "right", GW_ALIGN_RIGHT },
                  { "inside", GW_ALIGN_INSIDE }, { "outside", GW_ALIGN_OUTSIDE } };
    for (guint i = 0; v && i < G_N_ELEMENTS(sides); i++)
        if (strcmp(v, sides[i].name) == 0)
            return sides[i].align;
    return GW_ALIGN_DEFAULT;
}

/* The horizontal alignment of a wp:anchor (wp:positionH/wp:align). */
static GwAlign anchor_side(const xmlNode *frame)
{
    const xmlNode *align = gwi_child(gwi_child(frame, GWI_NS_WP, "positionH"), GWI_NS_WP, "align");
    char *text = align ? gwi_text(align) : NULL;
    GwAlign side = gwi_frame_align(text ? g_strstrip(text) : NULL);
    g_free(text);
    return side;
}

/* Whether the text of a text box does not wrap (the box fits its text, as
 * WPS's page numbers are): wps:bodyPr wrap="none", VML
 * mso-wrap-style:none. */
static gboolean unwrapped(const xmlNode *content, const char *vml_style)
{
    const xmlNode *shape = content->parent ? content->parent->parent : NULL; /* wps:txbx in wps:wsp */
    const char *wrap = gwi_attr(gwi_child(shape, GWI_NS_WPS, "bodyPr"), "wrap");
    char *vml_wrap = vml_value(vml_style, "mso-wrap-style");
    gboolean none = (wrap && strcmp(wrap, "none") == 0) || (vml_wrap && strcmp(vml_wrap, "none") == 0);
    g_free(vml_wrap);
    return none;
}

/* The horizontal offset of a wp:anchor placed by one (GW_UNSET when it is
 * aligned instead): from the page's left edge, else the column's. */
static double anchor_offset(const xmlNode *frame, gboolean *from_page)
{
    GwPlaceFrom from;
    GwPlaceAlign align;
    double x;
    anchor_axis(gwi_child(frame, GWI_NS_WP, "positionH"), FALSE, &from, &align, &x);
    *from_page = from == GW_FROM_PAGE;
    return align == GW_PLACE_OFFSET && gwi_is(frame, GWI_NS_WP, "anchor") ? x : GW_UNSET;
}

/* The same of a VML shape (margin-left, mso-position-horizontal-relative). */
static double vml_offset(const char *style, gboolean *from_page)
{
    char *relative = vml_value(style, "mso-position-horizontal-relative");
    *from_page = relative && strcmp(relative, "page") == 0;
    g_free(relative);
    return vml_length(style, "margin-left");
}

void gwi_text_box_frame(const xmlNode *content, GwiBoxFrame *out)
{
    *out = (GwiBoxFrame){ GW_UNSET, GW_ALIGN_DEFAULT, GW_UNSET, FALSE, FALSE };
    for (const xmlNode *n = content->parent; n && n->type == XML_ELEMENT_NODE && !gwi_is(n, GWI_NS_W, "r");
         n = n->parent) {
        if (gwi_is(n, GWI_NS_WP, "anchor") || gwi_is(n, GWI_NS_WP, "inline")) {
            double cx = gwi_attr_num(gwi_child(n, GWI_NS_WP, "extent"), "cx", -1);
            if (cx > 0 && cx < 1e12 && !unwrapped(content, NULL))
                out->width = cx / 12700.0;
            out->align = anchor_side(n);
            out->x = anchor_offset(n, &out->x_page);
            out->in_line = gwi_is(n, GWI_NS_WP, "inline");
            return;
        }
        if (gwi_is(n, GWI_NS_V, "shape") || gwi_is(n, GWI_NS_V, "rect") || gwi_is(n, GWI_NS_V, "roundrect")) {
            const char *style = gwi_attr(n, "style");
            double w = vml_length(style, "width");
            if (gw_is_set(w) && w > 0 && !unwrapped(content, style))
                out->width = w;
            char *side = vml_value(style, "mso-position-horizontal");
            out->align = gwi_frame_align(side);
            g_free(side);
            out->x = vml_offset(style, &out->x_page);
            return;
        }
    }
}

/* ---- line shapes --------------------------------------------------------- */

/* The colour of a DrawingML fill (a:solidFill): RGB or a preset name;
 * black for scheme colours (the theme's text colour, as a rule). */
static gint32 fill_color(const xmlNode *fill)
{
    const xmlNode *rgb = gwi_child(fill, GWI_NS_A, "srgbClr"), *preset = gwi_child(fill, GWI_NS_A, "prstClr");
    gint32 c = rgb ? gwi_parse_color(gwi_attr(rgb, "val")) : preset ? gwi_named_color(gwi_attr(preset, "val")) : -1;
    return c == GWI_UNSET_COLOR ? -1 : c;
}

/* A Word 2010 shape (wps:wsp) that is a straight line, directly in a
 * drawing's frame (not in a group, whose own coordinates it would take):
 * its box from the frame's extent, its stroke from a:ln (0.75 pt black when
 * the shape does not say).  FALSE for other shapes and unstroked lines. */
static gboolean describe_line(const xmlNode *wsp, GwLineShape *out)
{
    const xmlNode *data = wsp->parent, *graphic = data ? data->parent : NULL, *frame = graphic ? graphic->parent : NULL;
    if (!gwi_is(data, GWI_NS_A, "graphicData") || !gwi_is(graphic, GWI_NS_A, "graphic") ||
        !(gwi_is(frame, GWI_NS_WP, "anchor") || gwi_is(frame, GWI_NS_WP, "inline")))
        return FALSE;
    const xmlNode *sp = gwi_child(wsp, GWI_NS_WPS, "spPr");
    const char *geometry = gwi_attr(gwi_child(sp, GWI_NS_A, "prstGeom"), "prst");
    if (!geometry || !(strcmp(geometry, "line") == 0 || strcmp(geometry, "straightConnector1") == 0))
        return FALSE;
    const xmlNode *ln = gwi_child(sp, GWI_NS_A, "ln");
    if (gwi_child(ln, GWI_NS_A, "noFill"))
        return FALSE;
    const xmlNode *xfrm = gwi_child(sp, GWI_NS_A, "xfrm"), *ext = gwi_child(frame, GWI_NS_WP, "extent");
    *out = (GwLineShape) { 0 };
    out->width = MAX(emu_points(gwi_attr_num(ext, "cx", 0)), 0);
    out->height = MAX(emu_points(gwi_attr_num(ext, "cy", 0)), 0);
    out->rising = gwi_is_on(gwi_attr(xfrm, "flipH")) != gwi_is_on(gwi_attr(xfrm, "flipV"));
    out->stroke = emu_points(CLAMP(gwi_attr_num(ln, "w", 9525), 0, 20116800)); /* at most 1584 pt, Word's */
    out->color = fill_color(gwi_child(ln, GWI_NS_A, "solidFill"));
    /* a shape in the line takes no room either: it is drawn from where it
     * stands */
    out->placement.floating = TRUE;
    out->placement.h_from = out->placement.v_from = GW_FROM_PARAGRAPH;
    if (gwi_is(frame, GWI_NS_WP, "anchor"))
        anchor_position(frame, &out->placement);
    return TRUE;
}

static GwiPicture describe(const xmlNode *graphic, const xmlNode *blip, gboolean only)
{
    GwiPicture pic = { NULL, NULL, GW_UNSET, GW_UNSET, { FALSE } };
    if (gwi_is(blip, GWI_NS_V, "imagedata")) {
        const char *style = gwi_attr(blip->parent, "style");
        pic.rid = gwi_rel_attr(blip, "id");
        pic.alt = gwi_attr(blip, "title");
        pic.width = vml_length(style, "width");
        pic.height = vml_length(style, "height");
        vml_placement(blip->parent, &pic.placement);
        return pic;
    }
    /* The frame: wp:inline or wp:anchor above the picture. */
    const xmlNode *frame = blip;
    while (frame != graphic && !gwi_is(frame, GWI_NS_WP, "inline") && !gwi_is(frame, GWI_NS_WP, "anchor"))
        frame = frame->parent;
    pic.rid = gwi_rel_attr(blip, "embed");
    pic.alt = gwi_attr(gwi_child(frame, GWI_NS_WP, "docPr"), "descr");
    drawing_size(blip, frame, only, &pic.width, &pic.height);
    if (only)
        anchor_placement(frame, &pic.placement);
    return pic;
}

/* Walks a graphic without recursion: pictures (a:blip, v:imagedata) and
 * text boxes, not looking inside text boxes (their paragraphs are
 * converted on their own), one branch of each mc:AlternateContent. */
void gwi_drawing_parts(const xmlNode *graphic, GArray *pictures, GArray *lines, GPtrArray *textboxes)
{
    GwLineShape line;
    GPtrArray *blips = g_ptr_array_new(), *todo = g_ptr_array_new();
    g_ptr_array_add(todo, (gpointer) graphic);
    while (todo->len) {
        const xmlNode *n = g_ptr_array_steal_index(todo, todo->len - 1);
        if (gwi_is(n, GWI_NS_W, "txbxContent"))
            g_ptr_array_add(textboxes, (gpointer) n);
        else if (gwi_is(n, GWI_NS_A, "blip") || gwi_is(n, GWI_NS_V, "imagedata"))
            g_ptr_array_add(blips, (gpointer) n);
        else if (gwi_is(n, GWI_NS_WPS, "wsp") && describe_line(n, &line))
            g_array_append_val(lines, line);
        else if (gwi_is(n, GWI_NS_MC, "AlternateContent")) {
            const xmlNode *branch = gwi_alternate_branch(n);
            if (branch)
                g_ptr_array_add(todo, (gpointer) branch);
        } else {
            guint first = todo->len;
            for (xmlNode *c = gwi_first_elem(n); c; c = gwi_next_elem(c))
                g_ptr_array_add(todo, c);
            /* reversed, so that the children are visited in order */
            for (guint i = first, j = todo->len; i + 1 < j; i++, j--) {
                gpointer t = todo->pdata[i];
                todo->pdata[i] = todo->pdata[j - 1];
                todo->pdata[j - 1] = t;
            }
        }
    }
    for (guint i = 0; i < blips->len; i++) {
        GwiPicture pic = describe(graphic, blips->pdata[i], blips->len == 1);
        g_array_append_val(pictures, pic);
    }
    g_ptr_array_free(todo, TRUE);
    g_ptr_array_free(blips, TRUE);
}
