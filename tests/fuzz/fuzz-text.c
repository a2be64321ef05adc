/* fuzz-text: the plain-text reader on any bytes (a first byte 0x01 forces
 * GB18030 and metadata options, to reach the conversion paths). */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GwReadOptions *opts = NULL;
    if (size > 0 && data[0] == 1) {
        opts = gw_read_options_new();
        gw_read_options_set_encoding(opts, "GB18030");
        gw_read_options_set_meta(opts, "title", "标题");
        gw_read_options_set_meta(opts, "date", "2024-01-25");
        gw_read_options_set_meta(opts, "issuer", "江川市人民政府");
    }
    fuzz_read(gw_read_text, data, size, opts);
    gw_read_options_free(opts);
    return 0;
}
