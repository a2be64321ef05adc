/* fuzz-csv: a CSV register on any bytes, then everything a register does. */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_register(gw_register_read_csv((const char *) data, size, "fuzz.csv", NULL), size);
    return 0;
}
