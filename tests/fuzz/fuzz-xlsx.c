/* fuzz-xlsx: an XLSX register on whole inputs (the zip container). */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_register(gw_register_read_xlsx((const char *) data, size, "fuzz.xlsx", NULL, NULL), size);
    return 0;
}
