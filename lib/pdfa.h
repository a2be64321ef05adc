/* pdfa.h: PDF/A-2b output (pdfa.c) and gongwen's XMP metadata, which
 * gongwen info reads back (info.c).  Internal to libgongwen. */
#ifndef GONGWEN_PDFA_H
#define GONGWEN_PDFA_H

#include <stdio.h>
#include "gongwen/model.h"

/* gongwen's XMP namespace (doc/pdfa.md, gongwen-info(1)); prefix "gw". */
#define GWI_XMP_NS "https://gongwen.example/ns/1.0/"

/* gongwen's XMP properties. */
typedef struct {
    const char *name;        /* XMP property name */
    const char *key;         /* gw_document_get_meta key */
    const char *docx;        /* the DOCX custom property gongwen's writer uses (gongwen/writer.h), or NULL */
    const char *description; /* for the PDF/A extension schema */
} GwiXmpProperty;
extern const GwiXmpProperty gwi_xmp_properties[];
#define GWI_N_XMP_PROPERTIES 7

/* A PDF's document metadata, as the Info dictionary and XMP both say it.
 * Strings are UTF-8 without control characters, or NULL. */
typedef struct {
    const char *title, *author, *subject, *keywords, *creator, *producer;
    GDateTime *date; /* creation and modification */
} GwiPdfMeta;

/* The XMP packet of a PDF/A-2b with `meta` and the document's own
 * metadata under GWI_XMP_NS (g_free it). */
char *gwi_pdfa_xmp(GwDocument *doc, const GwiPdfMeta *meta);
/* Rewrite the PDF file `cairo_pdf` (Cairo's output) as PDF/A-2b into `out`;
 * `path` names the output in errors. */
gboolean gwi_pdfa_write(GwDocument *doc, const GwiPdfMeta *meta, const char *cairo_pdf, FILE *out, const char *path,
                        GError **error);

#endif
