/* fuzz-docx-styles: the DOCX reader on a valid package whose
 * word/styles.xml and word/numbering.xml are both the input (each parser
 * ignores what is not its own). */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const fuzzed[] = { "word/styles.xml", "word/numbering.xml", NULL };
    fuzz_read_docx(fuzzed, data, size);
    return 0;
}
