/* pending.c: TEMPORARY placeholders while the modules are written in
 * parallel.  Each module's author deletes its functions from here. */
#include "gongwen/gongwen.h"

#define PENDING(what) g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED, "%s: not written yet", what)

GwDocument *gw_read_docx(const char *data, gsize len, const char *name, const GwReadOptions *opts, GError **error)
{ (void) data; (void) len; (void) opts; PENDING(name); return NULL; }
gboolean gw_write_text(GwDocument *doc, const char *path, GError **error) { (void) doc; PENDING(path); return FALSE; }
char *gw_document_to_text(GwDocument *doc) { (void) doc; return NULL; }
