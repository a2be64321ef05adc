/* fuzz-docx-document: the DOCX reader on a valid package whose
 * word/document.xml is the input. */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const fuzzed[] = { "word/document.xml", NULL };
    fuzz_read_docx(fuzzed, data, size);
    return 0;
}
