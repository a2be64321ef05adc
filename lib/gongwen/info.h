/* gongwen/info.h: what a PDF or DOCX file says about itself: pages, page
 * size, fonts and whether they are embedded, metadata, PDF/A claim, and the
 * validity status gongwen recorded in it (gongwen info).
 *
 * Everything comes from the file's own objects and parts, never from what
 * gongwen would have written: PDF through qpdf (the Info dictionary, the XMP
 * packet, page boxes, font dictionaries), DOCX from docProps/core.xml,
 * docProps/custom.xml, docProps/app.xml, word/fontTable.xml and the first
 * section's page size in word/document.xml. */
#ifndef GONGWEN_INFO_H
#define GONGWEN_INFO_H

#include "gongwen/model.h"

G_BEGIN_DECLS

typedef struct GwInfo GwInfo;

/* Read `path` (PDF or DOCX, told by content); NULL with error (GW_ERROR)
 * for other or unreadable files.  Free with gw_info_free. */
GwInfo *gw_info_read(const char *path, GError **error);
void gw_info_free(GwInfo *info);

/* Strings are borrowed from `info`. */
const char *gw_info_get_file(const GwInfo *info);    /* the path read */
const char *gw_info_get_format(const GwInfo *info);  /* "pdf" or "docx" */
const char *gw_info_get_version(const GwInfo *info); /* PDF header version, "1.5"; NULL for DOCX */
/* Number of pages; -1 when the file does not say (a DOCX without a page
 * count in docProps/app.xml: only laying it out would tell). */
int gw_info_get_n_pages(const GwInfo *info);
/* Size of the first page (PDF, as shown) or section (DOCX) in points;
 * FALSE when unknown. */
gboolean gw_info_get_page_size(const GwInfo *info, double *width, double *height);
/* "A4", "A3", "A5", "B5", "Letter" (either orientation), or NULL. */
const char *gw_info_get_page_size_name(const GwInfo *info);
/* The PDF/A part and conformance the XMP claims ("2B", "1A"), or NULL. */
const char *gw_info_get_pdfa(const GwInfo *info);
gboolean gw_info_get_tagged(const GwInfo *info);    /* PDF: /MarkInfo /Marked true */
gboolean gw_info_get_encrypted(const GwInfo *info); /* PDF */

/* Fonts: PDF fonts used by the pages (type as pdffonts names it), DOCX
 * fonts declared in word/fontTable.xml (type: its font family class). */
guint gw_info_n_fonts(const GwInfo *info);
void gw_info_get_font(const GwInfo *info, guint i, const char **name, const char **type, gboolean *embedded);

/* Metadata as the file names it, in file order: PDF Info keys ("Title",
 * "GongwenStatus"...), DOCX core properties ("dc:title", "cp:keywords"...)
 * and custom properties by name ("文号"...). */
guint gw_info_n_meta(const GwInfo *info);
void gw_info_get_meta(const GwInfo *info, guint i, const char **key, const char **value);

/* gongwen's own metadata by its XMP property name (doc/pdfa.md): "number"
 * (文号), "issuer" (发布机关), "date" (成文日期), "status" (validity
 * status), "statusDate", "source", "sourceSHA256"; NULL when absent.  From
 * PDF XMP (namespace https://gongwen.example/ns/1.0/) or DOCX custom
 * properties; a status that gongwen stamp recorded later (PDF Info
 * /GongwenStatus, DOCX 有效性) wins over the one written at conversion. */
const char *gw_info_get_gongwen(const GwInfo *info, const char *name);

/* Everything above as one line of JSON (g_free it); gongwen-info(1)
 * describes the fields. */
char *gw_info_to_json(const GwInfo *info);

G_END_DECLS

#endif
