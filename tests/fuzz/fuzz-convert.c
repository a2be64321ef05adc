/* fuzz-convert: text in, then every writer that works in memory: DOCX
 * bytes, JSON and plain text. */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GwDocument *doc = gw_read_text((const char *) data, size, "fuzz.txt", NULL, NULL);
    if (!doc)
        return 0;
    GBytes *docx = gw_write_docx_bytes(doc, NULL);
    if (docx)
        g_bytes_unref(docx);
    g_free(gw_document_to_json(doc));
    g_free(gw_document_to_text(doc));
    gw_document_free(doc);
    return 0;
}
