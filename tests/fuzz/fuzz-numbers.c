/* fuzz-numbers: the text scanning of the validity module on any bytes:
 * text decoding (BOM, GB18030), 文号 search and normalisation, dates. */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gsize len = size;
    char *text = gwi_text_to_utf8((const char *) data, &len, "fuzz.txt", NULL);
    if (!text)
        return 0;
    GPtrArray *numbers = gw_find_numbers(text);
    g_ptr_array_unref(numbers);
    g_free(gw_number_normalize(text));
    GDate date;
    gw_parse_date(text, &date);
    g_free(text);
    return 0;
}
