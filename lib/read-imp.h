/* read-imp.h: helpers the readers share. */
#ifndef GW_READ_IMP_H
#define GW_READ_IMP_H

#include "gongwen/reader.h"

/* Sets the metadata the options give (title, issuer, date, number...) on
 * the document, over whatever the input said. */
void gwi_read_apply_meta(GwDocument *doc, const GwReadOptions *opts);

#endif
