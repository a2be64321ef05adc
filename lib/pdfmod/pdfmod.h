/* pdfmod.h: internals of gongwen-pdf.so, the module of libgongwen that
 * uses qpdf (see lib/pdf-module.h). */
#ifndef GONGWEN_PDFMOD_H
#define GONGWEN_PDFMOD_H

#include "pdf-module.h"
#include "gongwen/model.h" /* GwError codes only: the module never calls libgongwen */

G_BEGIN_DECLS

/* GW_ERROR, as handed over by libgongwen when it loaded the module. */
extern GQuark gwm_error_domain;

/* "name: what", in GW_ERROR with GW_ERROR_FORMAT. */
void gwm_set_error(GError **error, const char *name, const char *what);

gboolean gwm_pdf_facts(const char *path, gboolean with_fonts, GwiPdfFacts *facts, GError **error);
gboolean gwm_pdf_overlay(const char *input, FILE *out, const void *stamp_pdf, gsize stamp_len,
                         const int *stamp_page_of, const char *const *info_keys, const char *const *info_values,
                         GError **error);
gboolean gwm_pdf_content_within(const char *data, gsize len, const char *path, guint max_pages,
                                 guint64 max_bytes, GError **error);
gboolean gwm_pdf_archive(const char *input, const char *name, FILE *out, const GwiPdfArchive *archive,
                         GError **error);

G_END_DECLS

#ifdef __cplusplus
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
/* Open a PDF file quietly (qpdf's warnings would go to stderr). */
void gwm_open_pdf(QPDF &pdf, const char *path);
/* Width and height of a page as a viewer shows it: crop box, turned by /Rotate. */
void gwm_page_size(QPDFPageObjectHelper &page, double *w, double *h);
#endif

#endif
