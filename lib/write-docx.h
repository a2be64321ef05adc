/* write-docx.h: what the files of the DOCX writer share (not installed).
 *
 * write-docx-xml.c  parts, relationships and XML output helpers
 * write-docx-parts.c styles, fonts, settings, numbering, footers, properties
 * write-docx.c      the body (blocks, runs, tables, lists) and the package */
#ifndef GONGWEN_WRITE_DOCX_H
#define GONGWEN_WRITE_DOCX_H

#include <libxml/xmlwriter.h>
#include "model-imp.h"

#define GWI_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define GWI_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define GWI_REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define GWI_CT_BASE "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* GB/T 9704 geometry, in twips (1/20 pt). */
#define GWI_BODY_HALF_POINTS 32 /* 三号 = 16 pt */
#define GWI_CHAR_TWIPS 320      /* one 三号 character */
#define GWI_LINE_TWIPS 578      /* 225 mm / 22 lines, rounded down */
#define GWI_GRID_TWIPS 579      /* docGrid line pitch */
#define GWI_ATTACHMENT_LABEL "附件："

static inline long gwi_twips(double points)
{
    return lround(points * 20);
}

/* One XML part of the package, written with xmlTextWriter into memory. */
typedef struct {
    char *name;               /* path in the package: "word/document.xml" */
    const char *content_type; /* NULL when a Default extension entry covers it */
    xmlBufferPtr buf;
    xmlTextWriterPtr w;       /* NULL once finished */
    GPtrArray *rels;          /* GwiDocxRel*, the part's own relationships */
    GHashTable *rel_ids;      /* "type\ttarget" -> id, so a target gets one id */
    gboolean failed;          /* some xmlTextWriter call failed */
    gboolean ended_with_table; /* story parts: the last element written was a table */
    guint paragraphs;          /* story parts: paragraphs written */
} GwiDocxPart;

typedef struct {
    char *id;
    const char *type; /* full relationship type URI */
    char *target;
    gboolean external;
} GwiDocxRel;

/* A new part whose root element `root` declares the namespaces in `ns`, a
 * NULL-terminated list of "prefix", "uri" pairs ("" for the default).
 * With `root` NULL: a holder of relationships, which writes no XML (the
 * package's own relationships: name ""). */
GwiDocxPart *gwi_docx_part_new(const char *name, const char *content_type, const char *root,
                               const char *const *ns);
/* Close every open element and the document; FALSE when writing failed. */
gboolean gwi_docx_part_finish(GwiDocxPart *part);
void gwi_docx_part_free(GwiDocxPart *part);
/* Relationship id for `target` of `type` (a suffix of GWI_REL_BASE, or a
 * full URI), added on first use.  Borrowed; valid while the part lives. */
const char *gwi_docx_part_rel(GwiDocxPart *part, const char *type, const char *target, gboolean external);
/* The relationships part of `part` ("word/_rels/document.xml.rels"). */
GwiDocxPart *gwi_docx_rels_part(const GwiDocxPart *part);

/* Output helpers: each records failure in part->failed.  Text and
 * attribute values are cleaned of what XML 1.0 cannot hold. */
void gwi_docx_start(GwiDocxPart *part, const char *element);
void gwi_docx_end(GwiDocxPart *part);
void gwi_docx_attr(GwiDocxPart *part, const char *name, const char *value);
void gwi_docx_attr_int(GwiDocxPart *part, const char *name, long value);
void gwi_docx_text(GwiDocxPart *part, const char *text);
/* <element/> */
void gwi_docx_empty(GwiDocxPart *part, const char *element);
/* <element w:val="value"/> */
void gwi_docx_val(GwiDocxPart *part, const char *element, const char *value);
void gwi_docx_val_int(GwiDocxPart *part, const char *element, long value);
/* <element>text</element> */
void gwi_docx_text_element(GwiDocxPart *part, const char *element, const char *text);
/* Valid UTF-8 without the characters XML 1.0 forbids; g_free it. */
char *gwi_xml_clean(const char *text);
/* <w:t xml:space="preserve">text</w:t> */
void gwi_docx_t(GwiDocxPart *part, const char *text);
/* A complex field (begin, instruction, separate, cached result, end), each
 * run's properties written by `rpr` (may be NULL). */
typedef void (*GwiDocxRunProps)(GwiDocxPart *part, gconstpointer data);
void gwi_docx_field(GwiDocxPart *part, const char *instr, const char *result, GwiDocxRunProps rpr,
                    gconstpointer data);

/* ---- package parts (write-docx-parts.c) --------------------------------- */

/* How a list's labels are written: a numbering definition, or the labels
 * as literal text before a tab when no number format reproduces them. */
typedef struct {
    gboolean literal;
    const char *num_fmt; /* "decimal", "chineseCounting", "bullet"... */
    char *lvl_text;      /* "%1." with the level's placeholder, or the bullet */
    int start;
    long hanging;        /* twips: the widest label plus a gap */
} GwiDocxList;

void gwi_docx_list_free(GwiDocxList *list);
/* Work out the label form of a GW_BLOCK_LIST from its items' labels. */
GwiDocxList *gwi_docx_list_new(const GwBlock *list);
/* Indent of a list paragraph at nesting depth `depth` (0 = outermost). */
long gwi_docx_list_left(const GwiDocxList *list, int depth);
/* Estimated width in twips of `text` set in 三号 (wide characters count 1). */
long gwi_docx_text_width(const char *text);

/* `body_spacing`: letter spacing (twentieths of a point) of the body-size
 * styles, which sets the page's character grid. */
GwiDocxPart *gwi_docx_styles(long body_spacing);
GwiDocxPart *gwi_docx_numbering(const GPtrArray *lists);
/* `fonts`: names used by runs, beyond the styles' own (may be NULL). */
GwiDocxPart *gwi_docx_font_table(GHashTable *fonts);
GwiDocxPart *gwi_docx_settings(gboolean even_and_odd, double default_tab, gboolean footnotes, gboolean endnotes);
/* The GB/T 9704 page-number footer "— N —": odd pages right, even left. */
GwiDocxPart *gwi_docx_page_number_footer(const char *name, gboolean even);
GwiDocxPart *gwi_docx_core_props(GwDocument *doc, GDateTime *now);
GwiDocxPart *gwi_docx_app_props(GwDocument *doc);
/* NULL when the document has no custom properties. */
GwiDocxPart *gwi_docx_custom_props(GwDocument *doc);
/* [Content_Types].xml for `parts` (GwiDocxPart*) and media `extensions`. */
GwiDocxPart *gwi_docx_content_types(const GPtrArray *parts, GHashTable *extensions);

#endif
