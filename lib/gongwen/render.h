/* gongwen/render.h: laying a GwDocument out on pages (GB/T 9704 unless the
 * document says otherwise) and writing PDF or PNG.
 *
 * Layout is streamed: pages are emitted as they are filled, so memory does
 * not grow with page count.  Output is atomic as in writer.h.
 *
 * Render one document at a time per process: Cairo 1.16 can deadlock when
 * two threads draw text while its glyph cache is full (gongwen batch uses
 * worker processes). */
#ifndef GONGWEN_RENDER_H
#define GONGWEN_RENDER_H

#include "gongwen/model.h"

G_BEGIN_DECLS

typedef struct GwRenderOptions GwRenderOptions;

GwRenderOptions *gw_render_options_new(void);
void gw_render_options_free(GwRenderOptions *opts);
/* PNG: the one page to draw (1-based); 0 draws all pages. */
void gw_render_options_set_page(GwRenderOptions *opts, int page);
/* PNG resolution, default 96. */
void gw_render_options_set_dpi(GwRenderOptions *opts, double dpi);
/* PDF/A-2b output (doc/pdfa.md): XMP metadata matching the Info
 * dictionary, gongwen's metadata (文号, 发布机关, 成文日期, status, source
 * and its SHA-256, from the document's "number", "issuer", "date",
 * "status", "status_date", "source", "source_sha256") under its XMP
 * namespace, an sRGB output intent.  Needs the module gongwen-pdf.so (qpdf)
 * and an sRGB ICC profile (Debian's icc-profiles-free); without them
 * gw_render_pdf fails with GW_ERROR_UNSUPPORTED. */
void gw_render_options_set_pdfa(GwRenderOptions *opts, gboolean pdfa);

/* Load gongwen's font configuration (maps 仿宋_GB2312, 黑体, SimSun...
 * to installed faces).  Called implicitly by the renderers; calling it early
 * lets a program pay the cost once.  Thread-safe, idempotent. */
gboolean gw_fonts_init(GError **error);

/* Writes `path`.  `n_pages` (may be NULL) receives the page count.  Warnings
 * (e.g. a font that is not installed) are added to the document. */
gboolean gw_render_pdf(GwDocument *doc, const char *path, const GwRenderOptions *opts, int *n_pages, GError **error);
/* Writes one PNG, or with page 0 every page as `path` with "%d" replaced by
 * the page number (a path without "%d" gets "-%d" before its extension). */
gboolean gw_render_png(GwDocument *doc, const char *path, const GwRenderOptions *opts, int *n_pages, GError **error);

G_END_DECLS

#endif
