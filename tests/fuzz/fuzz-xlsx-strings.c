/* fuzz-xlsx-strings: an XLSX register whose xl/sharedStrings.xml is the input, the
 * other parts valid. */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_xlsx("xl/sharedStrings.xml", data, size);
    return 0;
}
