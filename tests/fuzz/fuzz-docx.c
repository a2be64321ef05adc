/* fuzz-docx: the DOCX reader on whole inputs (the zip container). */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(gw_read_docx, data, size, NULL);
    return 0;
}
