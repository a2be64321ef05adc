/* image.c: pictures of the model as cairo surfaces.
 *
 * PNG is decoded by cairo.  JPEG is decoded by libjpeg-turbo (for PNG output
 * and as cairo's fallback) and the original bytes are attached as
 * CAIRO_MIME_TYPE_JPEG, so that the PDF embeds them as they are: no
 * re-encoding, no loss, no growth. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include "image-size.h"
#include "layout.h"
#include "limit-imp.h"

typedef struct {
    const guchar *data;
    gsize len, pos;
} Reader;

static cairo_status_t read_bytes(void *closure, unsigned char *out, unsigned int len)
{
    Reader *r = closure;
    if (r->len - r->pos < len)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(out, r->data + r->pos, len);
    r->pos += len;
    return CAIRO_STATUS_SUCCESS;
}

/* Whether a picture of w x h pixels may be decoded: the image-pixels
 * limit holds (decoding takes 4 bytes a pixel). */
static gboolean pixels_within(guint64 w, guint64 h, GError **error)
{
    guint64 max = gw_read_options_get_limit(NULL, GW_LIMIT_IMAGE_PIXELS);
    if (w * h <= max)
        return TRUE;
    gwi_limit_error(error, GW_LIMIT_IMAGE_PIXELS, max, "a picture of %" G_GUINT64_FORMAT "x%" G_GUINT64_FORMAT " pixels",
                    w, h);
    return FALSE;
}

static cairo_surface_t *decode_png(GBytes *bytes, GError **error)
{
    gsize len;
    const guchar *data = g_bytes_get_data(bytes, &len);
    guint64 w, h;
    if (!gwi_image_pixels(data, len, &w, &h)) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "PNG picture is broken");
        return NULL;
    }
    if (!pixels_within(w, h, error))
        return NULL;
    Reader r = { data, len, 0 };
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_bytes, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "PNG picture cannot be decoded: %s",
                    cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

typedef struct {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} JpegError;

static void jpeg_fail(j_common_ptr cinfo)
{
    JpegError *e = (JpegError *) cinfo->err;
    e->mgr.format_message(cinfo, e->message);
    longjmp(e->jump, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
    (void) cinfo;
    (void) level;
}

/* Copy decoded scanlines into cairo's xRGB pixels. */
static void jpeg_to_surface(struct jpeg_decompress_struct *cinfo, cairo_surface_t *s, JSAMPLE *row)
{
    unsigned char *pixels = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    while (cinfo->output_scanline < cinfo->output_height) {
        guint32 *out = (guint32 *) (pixels + (gsize) cinfo->output_scanline * stride);
        jpeg_read_scanlines(cinfo, &row, 1);
        for (JDIMENSION x = 0; x < cinfo->output_width; x++) {
            const JSAMPLE *p = row + (gsize) x * cinfo->output_components;
            if (cinfo->output_components == 1)
                out[x] = 0xFF000000u | (guint32) p[0] << 16 | (guint32) p[0] << 8 | p[0];
            else if (cinfo->out_color_space == JCS_CMYK) /* Adobe JPEGs store CMYK inverted */
                out[x] = 0xFF000000u | (guint32) (p[0] * p[3] / 255) << 16 | (guint32) (p[1] * p[3] / 255) << 8 |
                         (guint32) (p[2] * p[3] / 255);
            else
                out[x] = 0xFF000000u | (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
        }
    }
    cairo_surface_mark_dirty(s);
}

static cairo_surface_t *decode_jpeg(GBytes *bytes, GError **error)
{
    gsize len;
    const guchar *data = g_bytes_get_data(bytes, &len);
    struct jpeg_decompress_struct cinfo;
    JpegError jerr = { 0 };
    cairo_surface_t *volatile s = NULL;
    JSAMPLE *volatile row = NULL;
    cinfo.err = jpeg_std_error(&jerr.mgr);
    jerr.mgr.error_exit = jpeg_fail;
    jerr.mgr.emit_message = jpeg_quiet;
    if (setjmp(jerr.jump)) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "JPEG picture cannot be decoded: %s", jerr.message);
        jpeg_destroy_decompress(&cinfo);
        g_free(row);
        if (s)
            cairo_surface_destroy(s);
        return NULL;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long) len);
    jpeg_read_header(&cinfo, TRUE);
    if (!pixels_within(cinfo.image_width, cinfo.image_height, error)) {
        jpeg_destroy_decompress(&cinfo);
        return NULL;
    }
    if (cinfo.jpeg_color_space != JCS_GRAYSCALE && cinfo.jpeg_color_space != JCS_CMYK && cinfo.jpeg_color_space != JCS_YCCK)
        cinfo.out_color_space = JCS_RGB;
    else if (cinfo.jpeg_color_space == JCS_YCCK)
        cinfo.out_color_space = JCS_CMYK;
    jpeg_start_decompress(&cinfo);
    s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int) cinfo.output_width, (int) cinfo.output_height);
    row = g_malloc((gsize) cinfo.output_width * cinfo.output_components);
    jpeg_to_surface(&cinfo, s, row);
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    g_free(row);
    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, data, len, (cairo_destroy_func_t) g_bytes_unref,
                                g_bytes_ref(bytes));
    return s;
}

static cairo_surface_t *decode(const GwImage *image, GError **error)
{
    const char *mime = image->mime ? image->mime : "";
    if (!image->data || g_bytes_get_size(image->data) == 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "picture has no data");
        return NULL;
    }
    if (strcmp(mime, "image/png") == 0)
        return decode_png(image->data, error);
    if (strcmp(mime, "image/jpeg") == 0 || strcmp(mime, "image/jpg") == 0)
        return decode_jpeg(image->data, error);
    g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED, "%s pictures are not supported (PNG and JPEG are)",
                *mime ? mime : "untyped");
    return NULL;
}

cairo_surface_t *gwi_image_surface(const GwImage *image, GwDocument *doc)
{
    GError *error = NULL;
    cairo_surface_t *s = decode(image, &error);
    if (!s) {
        gw_document_add_warning(doc, "picture not drawn: %s%s", error->message,
                                gwi_image_has_size(image) ? "; its place is left blank" : "");
        g_error_free(error);
    }
    return s;
}

gboolean gwi_image_has_size(const GwImage *image)
{
    return gw_is_set(image->width) && gw_is_set(image->height) && image->width > 0 && image->height > 0;
}

void gwi_image_fit(const GwImage *image, cairo_surface_t *surface, double max_w, double max_h, double *w, double *h)
{
    double iw = image->width, ih = image->height;
    if (!gwi_image_has_size(image)) {
        iw = cairo_image_surface_get_width(surface) * 0.75; /* 96 dpi */
        ih = cairo_image_surface_get_height(surface) * 0.75;
    }
    double scale = MIN(1.0, MIN(max_w / iw, max_h / ih));
    *w = MAX(iw * scale, 1);
    *h = MAX(ih * scale, 1);
}

void gwi_draw_picture(cairo_t *cr, cairo_surface_t *surface, double x, double y, double w, double h)
{
    double sw = cairo_image_surface_get_width(surface), sh = cairo_image_surface_get_height(surface);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / sw, h / sh);
    cairo_set_source_surface(cr, surface, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    /* A fill, not cairo_paint: Cairo 1.16 loses the structure tags of a
     * tagged cairo_paint, and a table after the picture then fails with
     * "invalid tag nesting" or an assertion at cairo_surface_finish. */
    cairo_rectangle(cr, 0, 0, sw, sh);
    cairo_fill(cr);
    cairo_restore(cr);
}
