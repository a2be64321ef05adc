/* validity-imp.h: the register's structures and the helpers the validity
 * files share (register*.c, validity.c, stamp*.c, citations.c). */
#ifndef GONGWEN_VALIDITY_IMP_H
#define GONGWEN_VALIDITY_IMP_H

#include <stdio.h>
#include "gongwen/validity.h"

struct GwEntry {
    const GwRegister *reg;
    guint line;
    GPtrArray *cells;           /* char*, one per input column (may be short) */
    GDate dates[GW_N_FIELDS];   /* parsed date fields; invalid when absent/bad */
    int term;                   /* years; GWI_TERM_NONE absent, GWI_TERM_UNLIMITED 长期 */
    char *problem;              /* first problem, without file:line, or NULL */
};

enum { GWI_TERM_NONE = -1, GWI_TERM_UNLIMITED = 0 };

struct GwRegister {
    char *name;
    GPtrArray *columns;         /* char* header texts */
    int field_col[GW_N_FIELDS]; /* -1 when absent */
    GPtrArray *entries;         /* GwEntry* */
    GPtrArray *problems;        /* char* "name:line: what" */
    GHashTable *by_number;      /* normalised 文号 -> GwEntry* (first row) */
    GHashTable *by_title;       /* folded title -> GwEntry* */
    GPtrArray *raw;             /* while reading: rows of char* cells */
    GArray *raw_lines;          /* while reading: guint line of each raw row */
    gboolean from_xlsx;         /* numbers in date columns are serials */
    gboolean date1904;          /* XLSX serials use the 1904 system */
};

/* Reading: collect raw rows, then build entries from the header row. */
GwRegister *gwi_register_new(const char *name);
void gwi_register_add_row(GwRegister *reg, GPtrArray *cells, guint line); /* takes cells */
gboolean gwi_register_finish(GwRegister *reg, GError **error);
/* Which field a header text names, or GW_N_FIELDS. */
GwField gwi_field_from_header(const char *header);
/* Term in years from "5", "5年", "五年", "长期"; FALSE when unreadable. */
gboolean gwi_parse_term(const char *text, int *years);
/* Title folded for comparison (NFKC, no spaces); newly allocated. */
char *gwi_fold_title(const char *title);
/* A whole file, within the input-bytes limit; NULL with error. */
char *gwi_read_file(const char *path, gsize *len, GError **error);
/* Remove white space (any Unicode space) in place; returns s. */
char *gwi_strip_spaces(char *s);
/* Valid UTF-8 from a text file's bytes: BOM-aware, else GB18030; NULL
 * with error when neither.  `len` is updated. */
char *gwi_text_to_utf8(const char *data, gsize *len, const char *name, GError **error);

/* Text of documents for matching and citations. */
typedef struct {
    GPtrArray *meta;  /* char* metadata values (titles, numbers, custom properties) */
    char *title;      /* metadata title or NULL */
    char *text;       /* document text, one paragraph or line per line */
} GwiDocText;
/* `first_page`: only the first page (PDF) or the first paragraphs (DOCX). */
gboolean gwi_doc_text(const char *path, gboolean first_page, GwiDocText *out, GError **error);
void gwi_doc_text_clear(GwiDocText *t);
/* The register entry of a document whose text is `t` (see gw_register_match_file). */
GwEntry *gwi_register_match_text(const GwRegister *reg, const char *path, const GwiDocText *t);

/* An OLE compound file: an encrypted OOXML package or an old .doc/.xls. */
gboolean gwi_is_ole(const char *data, gsize len);

/* Zip helpers (libzip), with the reader limits on sizes. */
typedef struct zip zip_t;
/* A relative path without "." or ".." segments, backslashes or drive
 * colons: what an OPC part name can be, and safe to copy. */
gboolean gwi_zip_name_is_safe(const char *name);
zip_t *gwi_zip_open_memory(const char *data, gsize len, const char *name, GError **error);
/* A whole entry, NUL-terminated; NULL with error (GW_ERROR_FORMAT when
 * missing, GW_ERROR_LIMIT when larger than the part limit). */
char *gwi_zip_read(zip_t *za, const char *entry, gsize *len, const char *name, GError **error);
/* A new archive in memory; gwi_zip_finish closes it and returns its bytes,
 * gwi_zip_discard drops it.  Both free the GwiZipOut. */
typedef struct zip_source zip_source_t;
typedef struct {
    zip_t *za;
    zip_source_t *src;
} GwiZipOut;
GwiZipOut *gwi_zip_new_memory(GError **error);
gboolean gwi_zip_add(GwiZipOut *out, const char *entry, const void *data, gsize len, GError **error);
/* The same, taking `data` (malloc'd; freed by the archive, also on error). */
gboolean gwi_zip_add_owned(GwiZipOut *out, const char *entry, void *data, gsize len, GError **error);
GBytes *gwi_zip_finish(GwiZipOut *out, GError **error);
void gwi_zip_discard(GwiZipOut *out);
/* Write `bytes` atomically to `path` and unref them. */
gboolean gwi_write_bytes(const char *path, GBytes *bytes, GError **error);
/* XML parts, parsed safely: no network, no DTD (a part with a DOCTYPE is
 * refused), no entities, the nodes and depth limits.  A GwiXmlInput is the
 * part as UTF-8 (UTF-16 converted) once checked; clear it after parsing. */
typedef struct {
    const char *data;
    gsize len;
    char *owned; /* converted copy, or NULL when `data` is the caller's */
} GwiXmlInput;
gboolean gwi_xml_input(GwiXmlInput *in, const char *data, gsize len, const char *name, const char *part,
                       GError **error);
void gwi_xml_input_clear(GwiXmlInput *in);
/* A streaming reader over a checked input (which must outlive it). */
typedef struct _xmlTextReader *GwiXmlReaderPtr;
GwiXmlReaderPtr gwi_xml_reader(const GwiXmlInput *in, const char *part);
/* The part as a tree; NULL with error (GW_ERROR_LIMIT past the nodes or
 * depth limit, GW_ERROR_FORMAT when not well-formed). */
typedef struct _xmlDoc *GwiXmlDocPtr;
GwiXmlDocPtr gwi_xml_parse(const char *data, gsize len, const char *name, const char *part, GError **error);

/* PDF, through gongwen-pdf.so (pdf-module.c): qpdf and poppler. */
gboolean gwi_pdf_page_sizes(const char *path, GArray *sizes, GError **error); /* double w,h per page, as shown */
gboolean gwi_pdf_info(const char *path, GPtrArray *values, char **title, GError **error);
gboolean gwi_pdf_overlay(const char *input, FILE *out, const void *stamp_pdf, gsize stamp_len,
                         const int *stamp_page_of, const char *const *info_keys, const char *const *info_values,
                         GError **error);
/* Text of the first `max_pages` pages, one line per line; NULL with error. */
char *gwi_pdf_text(const char *data, gsize len, const char *path, guint max_pages, GError **error);

#endif
