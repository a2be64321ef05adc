/* gongwen/writer.h: writing a GwDocument to DOCX, plain text or JSON.
 *
 * Writers never change the document.  File output is atomic: the data goes
 * to a temporary file in the target folder that is renamed into place only
 * when complete, so a failed or killed run leaves no partial file under the
 * final name.  The path "-" writes to standard output. */
#ifndef GONGWEN_WRITER_H
#define GONGWEN_WRITER_H

#include <stdio.h>
#include "gongwen/model.h"
#include "gongwen/reader.h"

G_BEGIN_DECLS

/* DOCX laid out per GB/T 9704 (A4, margins 37/35/28/26 mm, body 三号
 * 仿宋_GB2312 with a 2-character indent at 22 lines a page, title 二号
 * 方正小标宋简体, headings 黑体/楷体_GB2312/仿宋_GB2312 with outline levels,
 * page numbers "— N —" odd right and even left) unless the document sets
 * its own page setup, paragraph or run formatting.  Paragraph style names
 * the writer knows are kept: Normal, Title, Heading 1-9, List Paragraph,
 * Attachment, Signature, Date, Quote, Table Text, Source Code.
 * Metadata: title, subject, issuer (creator), keywords, description and
 * status go to docProps/core.xml ("date" is its created date); custom
 * properties carry 文号 (number), 成文日期 (date), 文件状态 (status),
 * 状态日期 (status_date), 来源文件 (source), 来源SHA256 (source_sha256), then
 * the document's own custom properties.  SOURCE_DATE_EPOCH, when set,
 * fixes the modification times, so the same document gives the same bytes. */
gboolean gw_write_docx(GwDocument *doc, const char *path, GError **error);
/* The DOCX package in memory (g_bytes_unref it). */
GBytes *gw_write_docx_bytes(GwDocument *doc, GError **error);
gboolean gw_write_text(GwDocument *doc, const char *path, GError **error);
/* Plain text of the document, one paragraph a line (g_free it). */
char *gw_document_to_text(GwDocument *doc);
/* The whole model as one line of JSON (schema: doc/json-schema.md). */
gboolean gw_write_json(GwDocument *doc, const char *path, GError **error);
char *gw_document_to_json(GwDocument *doc); /* g_free it */

/* Atomic output: a temp file beside `path`, renamed into place by commit. */
typedef struct GwOutput GwOutput;
GwOutput *gw_output_open(const char *path, GError **error);
FILE *gw_output_stream(GwOutput *out);
const char *gw_output_temp_path(const GwOutput *out);
/* Flush, rename into place (syncing the data to disk first when that
 * replaces an existing file); frees `out` whatever the result. */
gboolean gw_output_commit(GwOutput *out, GError **error);
/* Remove the temp file and free `out`. */
void gw_output_abort(GwOutput *out);
/* Removes the temp files of every output still open, in any thread; for a
 * signal handler (async-signal-safe: only unlink(2)).  The outputs stay
 * open: the caller is about to exit. */
void gw_output_cleanup_all(void);
/* Write a whole buffer atomically. */
gboolean gw_output_write_file(const char *path, const void *data, gsize len, GError **error);

G_END_DECLS

#endif
