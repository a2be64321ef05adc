/* read-imp.h: helpers the readers share. */
#ifndef GW_READ_IMP_H
#define GW_READ_IMP_H

#include "gongwen/reader.h"

/* Sets the metadata the options give (title, issuer, date, number...) on
 * the document, over whatever the input said. */
void gwi_read_apply_meta(GwDocument *doc, const GwReadOptions *opts);

/* HTML that is a piece of a document (a DOCX's altChunk): read whole, not
 * searched for an article body, no title chosen, pictures only from data:
 * URIs (never from files). */
GwDocument *gwi_read_html_fragment(const char *data, gsize len, const char *name, const GwReadOptions *opts,
                                   GError **error);

/* The HTML of an MHT document (MIME HTML: the first text/html part, its
 * transfer encoding undone, UTF-8 with a byte order mark when the part
 * names another charset); NULL when it has none.  Free with g_free. */
char *gwi_mht_html(const char *data, gsize len, gsize *html_len);

#endif
