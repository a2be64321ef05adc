/* render-png.c: gw_render_png, pages as PNG pictures through Cairo image
 * surfaces: one page, or every page to NAME-N.png. */
#include <stdio.h>
#include <string.h>
#include "gongwen/gongwen.h"
#include "layout.h"

#define MIN_DPI 10
#define MAX_DPI 600

typedef struct {
    const char *path;
    int only;       /* the one page wanted, 0 = all */
    double scale;   /* device pixels per point */
    cairo_surface_t *surface;
    int written;
} Png;

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* "page.png" -> "page-3.png"; "p%d.png" -> "p3.png". */
static char *page_path(const char *path, int index)
{
    char number[16];
    g_snprintf(number, sizeof number, "%d", index);
    const char *pct = strstr(path, "%d");
    if (pct)
        return g_strdup_printf("%.*s%s%s", (int) (pct - path), path, number, pct + 2);
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    if (!dot || (slash && dot < slash))
        return g_strdup_printf("%s-%s", path, number);
    return g_strdup_printf("%.*s-%s%s", (int) (dot - path), path, number, dot);
}

static cairo_t *png_begin_page(gpointer user, int index, double width, double height, GError **error)
{
    Png *png = user;
    (void) error;
    if (png->only && index != png->only)
        return NULL;
    png->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int) lround(width * png->scale),
                                              (int) lround(height * png->scale));
    cairo_t *cr = cairo_create(png->surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_scale(cr, png->scale, png->scale);
    return cr;
}

static gboolean write_png(cairo_surface_t *surface, const char *path, GError **error)
{
    GwOutput *out = gw_output_open(path, error);
    if (!out)
        return FALSE;
    cairo_status_t status = cairo_surface_write_to_png_stream(surface, write_stream, gw_output_stream(out));
    if (status != CAIRO_STATUS_SUCCESS) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot write PNG: %s", path, cairo_status_to_string(status));
        gw_output_abort(out);
        return FALSE;
    }
    return gw_output_commit(out, error);
}

static gboolean png_end_page(gpointer user, int index, cairo_t *cr, GError **error)
{
    Png *png = user;
    if (!cr)
        return TRUE;
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_t *surface = png->surface;
    png->surface = NULL;
    gboolean ok;
    if (status != CAIRO_STATUS_SUCCESS) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot draw page %d: %s", png->path, index,
                    cairo_status_to_string(status));
        ok = FALSE;
    } else if (png->only) {
        ok = write_png(surface, png->path, error);
    } else {
        char *path = page_path(png->path, index);
        ok = write_png(surface, path, error);
        g_free(path);
    }
    cairo_surface_destroy(surface);
    png->written += ok;
    return ok;
}

gboolean gw_render_png(GwDocument *doc, const char *path, const GwRenderOptions *opts, int *n_pages, GError **error)
{
    double dpi = opts ? opts->dpi : 96;
    if (!(dpi >= MIN_DPI && dpi <= MAX_DPI)) {
        g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "%s: resolution %g dpi is outside %d..%d", path, dpi, MIN_DPI,
                    MAX_DPI);
        return FALSE;
    }
    Png png = { .path = path, .only = opts ? opts->page : 0, .scale = dpi / 72 };
    const GwiTarget target = {
        .begin_page = png_begin_page,
        .end_page = png_end_page,
        .last_page = png.only,
        .name = path,
    };
    int pages = 0;
    gboolean ok = gwi_layout_run(doc, &target, &png, &pages, error);
    if (n_pages)
        *n_pages = pages;
    if (ok && png.only && png.written == 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "%s: there is no page %d (the document has %d)", path, png.only,
                    pages);
        ok = FALSE;
    }
    return ok;
}
