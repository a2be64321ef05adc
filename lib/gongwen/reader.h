/* gongwen/reader.h: turning files into a GwDocument.
 *
 * Every reader returns a new document (free with gw_document_free) or NULL
 * with `error` set (domain GW_ERROR) to a one-line message that names the
 * file and what is wrong.  Readers never modify their input, never touch the
 * network, and stop with GW_ERROR_LIMIT when an input exceeds a limit. */
#ifndef GONGWEN_READER_H
#define GONGWEN_READER_H

#include "gongwen/model.h"

G_BEGIN_DECLS

typedef enum {
    GW_FORMAT_UNKNOWN,
    GW_FORMAT_TEXT,
    GW_FORMAT_HTML,
    GW_FORMAT_DOCX,
    GW_FORMAT_JSON,
    GW_FORMAT_PDF,
    GW_FORMAT_PNG
} GwFormat;

/* "txt"/"text", "html"/"htm", "docx", "json", "pdf", "png" (case-insensitive). */
GwFormat gw_format_from_name(const char *name);
/* From a file name's extension; GW_FORMAT_UNKNOWN if none matches. */
GwFormat gw_format_from_path(const char *path);
const char *gw_format_name(GwFormat format);

/* Limits on what gongwen accepts from an input (SECURITY.md has the table
 * and the defaults).  A reader that hits one stops with GW_ERROR_LIMIT and
 * a message naming the limit and how to raise it. */
typedef enum {
    GW_LIMIT_INPUT_BYTES,     /* size of an input file (DOCX, PDF, register) */
    GW_LIMIT_PART_BYTES,      /* decompressed size of one zip entry */
    GW_LIMIT_TOTAL_BYTES,     /* decompressed size of all entries read */
    GW_LIMIT_ZIP_ENTRIES,     /* entries in a zip container */
    GW_LIMIT_COMPRESSION_RATIO, /* decompressed / compressed size of an entry over 1 MiB */
    GW_LIMIT_DEPTH,           /* nesting depth of XML/HTML elements and blocks */
    GW_LIMIT_NODES,           /* XML/HTML nodes in one part */
    GW_LIMIT_TABLE_CELLS,     /* rows x columns of one table or sheet */
    GW_LIMIT_IMAGE_PIXELS,    /* width x height of one image */
    GW_LIMIT_PAGES,           /* pages of a rendered or stamped document */
    GW_LIMIT_BLOCKS,          /* blocks (paragraphs, headings, cells...) of one document */
    GW_LIMIT_TEXT_BYTES,      /* size of a plain-text or HTML input */
    GW_N_LIMITS
} GwLimit;

/* Names as on the command line: "input-bytes", "part-bytes", ... */
const char *gw_limit_name(GwLimit limit);
/* The limit called `name`; FALSE when there is none. */
gboolean gw_limit_from_name(const char *name, GwLimit *limit);
/* Process-wide defaults: what gw_read_options_new() starts from and what
 * functions that take no read options (registers, stamping) apply.  Set
 * them at start-up, before reading anything: they are not locked. */
guint64 gw_limit_get_default(GwLimit limit);
void gw_limit_set_default(GwLimit limit, guint64 value);
/* Sets defaults from "name=value[,name=value...]"; a value may end in K, M
 * or G (powers of 1024).  On error (unknown name, bad value) sets `error`,
 * names the item and changes nothing. */
gboolean gw_limits_parse(const char *spec, GError **error);

typedef struct GwReadOptions GwReadOptions;

GwReadOptions *gw_read_options_new(void);
void gw_read_options_free(GwReadOptions *opts);
/* Force the input encoding of text/HTML (an iconv name such as "GB18030");
 * NULL detects it. */
void gw_read_options_set_encoding(GwReadOptions *opts, const char *encoding);
const char *gw_read_options_get_encoding(const GwReadOptions *opts);
/* Metadata that overrides what the input says (keys as gw_document_set_meta). */
void gw_read_options_set_meta(GwReadOptions *opts, const char *key, const char *value);
const char *gw_read_options_get_meta(const GwReadOptions *opts, const char *key);
/* HTML: id or class of the element holding the article body. */
void gw_read_options_set_select(GwReadOptions *opts, const char *selector);
const char *gw_read_options_get_select(const GwReadOptions *opts);
void gw_read_options_set_limit(GwReadOptions *opts, GwLimit limit, guint64 value);
/* The limit of `opts`, or the default when `opts` is NULL. */
guint64 gw_read_options_get_limit(const GwReadOptions *opts, GwLimit limit);

/* Read `path` as `format` (GW_FORMAT_UNKNOWN: by extension, then content).
 * `opts` may be NULL for defaults. */
GwDocument *gw_read_file(const char *path, GwFormat format, const GwReadOptions *opts, GError **error);

/* Individual readers over memory; `name` is used in messages only. */
GwDocument *gw_read_text(const char *data, gsize len, const char *name, const GwReadOptions *opts, GError **error);
GwDocument *gw_read_html(const char *data, gsize len, const char *name, const GwReadOptions *opts, GError **error);
GwDocument *gw_read_docx(const char *data, gsize len, const char *name, const GwReadOptions *opts, GError **error);

G_END_DECLS

#endif
