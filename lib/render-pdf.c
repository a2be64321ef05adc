/* render-pdf.c: gw_render_pdf, the layout engine onto a Cairo PDF surface.
 *
 * Cairo embeds and subsets the fonts, writes the outline, links and
 * structure tags the engine asks for; this file adds the document
 * metadata and streams the PDF into an atomic GwOutput.
 *
 * Everything runs in the calling thread.  cairo_show_page (where Cairo turns
 * a page's drawing into PDF) once ran in a writer thread beside the layout
 * of the next page, but Cairo 1.16 deadlocks when two threads use scaled
 * fonts while its glyph cache is full (about 16,000 glyphs: a long text in
 * rare characters): its cache lock and the fonts' locks are taken in
 * opposite orders. */
#include <cairo-pdf.h>
#include <errno.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include "gongwen/gongwen.h"
#include "layout.h"
#include "pdf-module.h"
#include "pdfa.h"

/* Where Cairo's bytes go, with the errno of the first failed write (Cairo
 * keeps only "write error"). */
typedef struct {
    FILE *stream;
    int err;
} Sink;

typedef struct {
    cairo_surface_t *surface;
    cairo_t *cr;
    const char *path;
    Sink sink;
} Pdf;

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    Sink *sink = closure;
    if (fwrite(data, 1, len, sink->stream) == len)
        return CAIRO_STATUS_SUCCESS;
    if (!sink->err)
        sink->err = errno ? errno : EIO;
    return CAIRO_STATUS_WRITE_ERROR;
}

static gboolean cairo_ok(const Pdf *pdf, cairo_status_t status, GError **error)
{
    if (status == CAIRO_STATUS_SUCCESS)
        return TRUE;
    g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot write PDF: %s", pdf->path,
                pdf->sink.err ? g_strerror(pdf->sink.err) : cairo_status_to_string(status));
    return FALSE;
}

static cairo_t *pdf_begin_page(gpointer user, int index, double width, double height, GError **error)
{
    Pdf *pdf = user;
    (void) index;
    if (!cairo_ok(pdf, cairo_status(pdf->cr), error))
        return NULL;
    cairo_pdf_surface_set_size(pdf->surface, width, height);
    return pdf->cr;
}

static gboolean pdf_end_page(gpointer user, int index, cairo_t *cr, GError **error)
{
    Pdf *pdf = user;
    (void) index, (void) cr, (void) error;
    cairo_show_page(pdf->cr);
    return TRUE;
}

static int pdf_add_outline(gpointer user, int parent, const char *text, int index, double x, double y)
{
    Pdf *pdf = user;
    char *link = g_strdup_printf("page=%d pos=[%.2f %.2f]", index, x, y);
    int id = cairo_pdf_surface_add_outline(pdf->surface, parent, text, link, CAIRO_PDF_OUTLINE_FLAG_OPEN);
    g_free(link);
    return id;
}

/* Text for document metadata: valid UTF-8 on one line, without control
 * characters (XML cannot carry them); NULL when empty. */
static char *clean_text(const char *text)
{
    if (!text)
        return NULL;
    char *clean = g_utf8_make_valid(text, -1);
    for (char *p = clean; *p; p++)
        if ((unsigned char) *p < 0x20)
            *p = ' ';
    g_strstrip(clean);
    if (*clean)
        return clean;
    g_free(clean);
    return NULL;
}

/* The document's title: its metadata, else its first title block. */
static char *document_title(GwDocument *doc)
{
    const char *meta = gw_document_get_meta(doc, "title");
    if (meta && *meta)
        return clean_text(meta);
    for (guint i = 0; i < gw_document_n_blocks(doc); i++) {
        GwBlock *b = gw_document_get_block(doc, i);
        if (gw_block_get_kind(b) == GW_BLOCK_TITLE) {
            char *text = gw_block_get_text(b);
            char *title = clean_text(text);
            g_free(text);
            return title;
        }
    }
    return NULL;
}

/* Creation time: now, or SOURCE_DATE_EPOCH for reproducible builds. */
static GDateTime *creation_date(void)
{
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    GDateTime *t = epoch && *epoch ? g_date_time_new_from_unix_utc(g_ascii_strtoll(epoch, NULL, 10)) : NULL;
    return t ? t : g_date_time_new_now_utc();
}

typedef struct {
    GwiPdfMeta meta;
    char *strings[6]; /* what meta's strings point to */
} Meta;

static void meta_init(Meta *m, GwDocument *doc)
{
    const char *subject = gw_document_get_meta(doc, "subject");
    char **s = m->strings;
    s[0] = document_title(doc);
    s[1] = clean_text(gw_document_get_meta(doc, "issuer"));
    s[2] = clean_text(subject ? subject : gw_document_get_meta(doc, "number"));
    s[3] = clean_text(gw_document_get_meta(doc, "keywords"));
    s[4] = g_strdup("gongwen " GW_VERSION);
    s[5] = g_strdup_printf("cairo %s (https://cairographics.org) and qpdf", cairo_version_string());
    m->meta = (GwiPdfMeta){ .title = s[0], .author = s[1], .subject = s[2], .keywords = s[3], .creator = s[4],
                            .producer = s[5], .date = creation_date() };
}

static void meta_clear(Meta *m)
{
    for (guint i = 0; i < G_N_ELEMENTS(m->strings); i++)
        g_free(m->strings[i]);
    g_date_time_unref(m->meta.date);
}

/* Cairo writes its own Producer; the rest is ours. */
static void set_metadata(cairo_surface_t *s, const GwiPdfMeta *m)
{
    const struct {
        cairo_pdf_metadata_t key;
        const char *value;
    } items[] = {
        { CAIRO_PDF_METADATA_TITLE, m->title },       { CAIRO_PDF_METADATA_AUTHOR, m->author },
        { CAIRO_PDF_METADATA_SUBJECT, m->subject },   { CAIRO_PDF_METADATA_KEYWORDS, m->keywords },
        { CAIRO_PDF_METADATA_CREATOR, m->creator },
    };
    for (guint i = 0; i < G_N_ELEMENTS(items); i++)
        if (items[i].value)
            cairo_pdf_surface_set_metadata(s, items[i].key, items[i].value);
    char *date = g_date_time_format(m->date, "%Y-%m-%dT%H:%M:%SZ");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
    g_free(date);
}

/* Lay the document out onto a Cairo PDF surface writing to `stream`. */
static gboolean render(GwDocument *doc, const GwiPdfMeta *meta, FILE *stream, const char *path, int *n_pages,
                       GError **error)
{
    Pdf pdf = { .path = path, .sink = { stream, 0 } };
    /* The first page sets its own size; A4 until then. */
    pdf.surface = cairo_pdf_surface_create_for_stream(write_stream, &pdf.sink, 595.28, 841.89);
    pdf.cr = cairo_create(pdf.surface);
    set_metadata(pdf.surface, meta);
    const GwiTarget target = {
        .begin_page = pdf_begin_page,
        .end_page = pdf_end_page,
        .add_outline = pdf_add_outline,
        .tagged = TRUE,
        .name = path,
    };
    gboolean ok = gwi_layout_run(doc, &target, &pdf, n_pages, error);
    if (ok)
        ok = cairo_ok(&pdf, cairo_status(pdf.cr), error);
    cairo_destroy(pdf.cr);
    cairo_surface_finish(pdf.surface);
    if (ok)
        ok = cairo_ok(&pdf, cairo_surface_status(pdf.surface), error);
    cairo_surface_destroy(pdf.surface);
    return ok;
}

static gpointer load_pdf_module(gpointer unused)
{
    (void) unused;
    gwi_pdf_module(NULL);
    return NULL;
}

/* PDF/A: Cairo's PDF goes to a temporary file, which gongwen-pdf.so
 * rewrites into `out`.  The module (qpdf) loads meanwhile. */
static gboolean render_pdfa(GwDocument *doc, const GwiPdfMeta *meta, GwOutput *out, const char *path, int *n_pages,
                            GError **error)
{
    GThread *loader = g_thread_new("gongwen-pdf-module", load_pdf_module, NULL);
    char *temp = NULL;
    int fd = g_file_open_tmp("gongwen-XXXXXX.pdf", &temp, error);
    FILE *stream = fd >= 0 ? fdopen(fd, "wb") : NULL;
    gboolean ok = stream && render(doc, meta, stream, path, n_pages, error);
    if (stream && fclose(stream) != 0 && ok) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot write %s: %s", path, temp, g_strerror(errno));
        ok = FALSE;
    }
    g_thread_join(loader);
    if (ok)
        ok = gwi_pdfa_write(doc, meta, temp, gw_output_stream(out), path, error);
    if (temp)
        g_unlink(temp);
    g_free(temp);
    return ok;
}

gboolean gw_render_pdf(GwDocument *doc, const char *path, const GwRenderOptions *opts, int *n_pages, GError **error)
{
    if (!gw_fonts_init(error))
        return FALSE;
    GwOutput *out = gw_output_open(path, error);
    if (!out)
        return FALSE;
    Meta meta;
    meta_init(&meta, doc);
    gboolean ok = opts && opts->pdfa ? render_pdfa(doc, &meta.meta, out, path, n_pages, error)
                                     : render(doc, &meta.meta, gw_output_stream(out), path, n_pages, error);
    meta_clear(&meta);
    if (!ok) {
        gw_output_abort(out);
        return FALSE;
    }
    return gw_output_commit(out, error);
}
