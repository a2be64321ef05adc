/* fuzz-html: the HTML reader on any bytes. */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(gw_read_html, data, size, NULL);
    return 0;
}
