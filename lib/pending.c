/* pending.c: TEMPORARY placeholders while the modules are written in
 * parallel.  Each module's author deletes its functions from here. */
#include "gongwen/gongwen.h"

#define PENDING(what) g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED, "%s: not written yet", what)

GwDocument *gw_read_text(const char *data, gsize len, const char *name, const GwReadOptions *opts, GError **error)
{ (void) data; (void) len; (void) opts; PENDING(name); return NULL; }
GwDocument *gw_read_html(const char *data, gsize len, const char *name, const GwReadOptions *opts, GError **error)
{ (void) data; (void) len; (void) opts; PENDING(name); return NULL; }
gboolean gw_write_docx(GwDocument *doc, const char *path, GError **error) { (void) doc; PENDING(path); return FALSE; }
GBytes *gw_write_docx_bytes(GwDocument *doc, GError **error) { (void) doc; PENDING("docx"); return NULL; }
gboolean gw_write_json(GwDocument *doc, const char *path, GError **error) { (void) doc; PENDING(path); return FALSE; }
char *gw_document_to_json(GwDocument *doc) { (void) doc; return NULL; }
struct GwRenderOptions { int page; };
GwRenderOptions *gw_render_options_new(void) { return g_new0(GwRenderOptions, 1); }
void gw_render_options_free(GwRenderOptions *opts) { g_free(opts); }
void gw_render_options_set_page(GwRenderOptions *opts, int page) { opts->page = page; }
void gw_render_options_set_dpi(GwRenderOptions *opts, double dpi) { (void) opts; (void) dpi; }
void gw_render_options_set_pdfa(GwRenderOptions *opts, gboolean pdfa) { (void) opts; (void) pdfa; }
gboolean gw_fonts_init(GError **error) { PENDING("fonts"); return FALSE; }
gboolean gw_render_pdf(GwDocument *doc, const char *path, const GwRenderOptions *opts, int *n_pages, GError **error)
{ (void) doc; (void) opts; (void) n_pages; PENDING(path); return FALSE; }
gboolean gw_render_png(GwDocument *doc, const char *path, const GwRenderOptions *opts, int *n_pages, GError **error)
{ (void) doc; (void) opts; (void) n_pages; PENDING(path); return FALSE; }
