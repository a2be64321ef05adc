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

#endif
