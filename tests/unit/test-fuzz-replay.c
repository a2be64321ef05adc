/* test-fuzz-replay.c: every input a fuzz target once failed on, kept in
 * tests/fixtures/hostile/fuzz/TARGET/, replayed through that target's own
 * code (tests/fuzz/fuzz-TARGET.c) under the sanitizers of this build: each
 * must end, without a crash or leak, within 5 s. */
#include <glib/gstdio.h>
#include "harness.h"

#define LLVMFuzzerInitialize fuzz_init_text
#define LLVMFuzzerTestOneInput fuzz_one_text
#include "../fuzz/fuzz-text.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_html
#define LLVMFuzzerTestOneInput fuzz_one_html
#include "../fuzz/fuzz-html.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_docx
#define LLVMFuzzerTestOneInput fuzz_one_docx
#include "../fuzz/fuzz-docx.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_docx_document
#define LLVMFuzzerTestOneInput fuzz_one_docx_document
#include "../fuzz/fuzz-docx-document.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_docx_styles
#define LLVMFuzzerTestOneInput fuzz_one_docx_styles
#include "../fuzz/fuzz-docx-styles.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_docx_parts
#define LLVMFuzzerTestOneInput fuzz_one_docx_parts
#include "../fuzz/fuzz-docx-parts.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_stamp
#define LLVMFuzzerTestOneInput fuzz_one_stamp
#include "../fuzz/fuzz-stamp.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_csv
#define LLVMFuzzerTestOneInput fuzz_one_csv
#include "../fuzz/fuzz-csv.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_xlsx
#define LLVMFuzzerTestOneInput fuzz_one_xlsx
#include "../fuzz/fuzz-xlsx.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_xlsx_sheet
#define LLVMFuzzerTestOneInput fuzz_one_xlsx_sheet
#include "../fuzz/fuzz-xlsx-sheet.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_xlsx_strings
#define LLVMFuzzerTestOneInput fuzz_one_xlsx_strings
#include "../fuzz/fuzz-xlsx-strings.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_convert
#define LLVMFuzzerTestOneInput fuzz_one_convert
#include "../fuzz/fuzz-convert.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_stats
#define LLVMFuzzerTestOneInput fuzz_one_stats
#include "../fuzz/fuzz-stats.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_init_numbers
#define LLVMFuzzerTestOneInput fuzz_one_numbers
#include "../fuzz/fuzz-numbers.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput

static const struct {
    const char *name;
    int (*init)(int *argc, char ***argv);
    int (*one)(const uint8_t *data, size_t size);
} targets[] = {
    { "text", fuzz_init_text, fuzz_one_text },
    { "html", fuzz_init_html, fuzz_one_html },
    { "docx", fuzz_init_docx, fuzz_one_docx },
    { "docx-document", fuzz_init_docx_document, fuzz_one_docx_document },
    { "docx-styles", fuzz_init_docx_styles, fuzz_one_docx_styles },
    { "docx-parts", fuzz_init_docx_parts, fuzz_one_docx_parts },
    { "stamp", fuzz_init_stamp, fuzz_one_stamp },
    { "csv", fuzz_init_csv, fuzz_one_csv },
    { "xlsx", fuzz_init_xlsx, fuzz_one_xlsx },
    { "xlsx-sheet", fuzz_init_xlsx_sheet, fuzz_one_xlsx_sheet },
    { "xlsx-strings", fuzz_init_xlsx_strings, fuzz_one_xlsx_strings },
    { "convert", fuzz_init_convert, fuzz_one_convert },
    { "numbers", fuzz_init_numbers, fuzz_one_numbers },
    { "stats", fuzz_init_stats, fuzz_one_stats },
};

static int compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static void replay(guint t, const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (const char *n; (n = g_dir_read_name(d));)
        g_ptr_array_add(names, g_strdup(n));
    g_dir_close(d);
    g_ptr_array_sort(names, compare_names);
    int argc = 1;
    char *args[] = { "test-fuzz-replay", NULL }, **argv = args;
    if (names->len && targets[t].init(&argc, &argv) != 0)
        printf("FAIL: replay %s: the target's start-up failed\n", targets[t].name);
    for (guint i = 0; i < names->len; i++) {
        char *path = g_build_filename(dir, names->pdata[i], NULL), *data = NULL;
        gsize len = 0;
        g_file_get_contents(path, &data, &len, NULL);
        gint64 start = g_get_monotonic_time();
        targets[t].one((const uint8_t *) data, len);
        char *name = g_strdup_printf("replay %s/%s: ends within 5 s", targets[t].name, (char *) names->pdata[i]);
        CHECK(name, g_get_monotonic_time() - start < 5 * G_USEC_PER_SEC);
        g_free(name);
        g_free(data);
        g_free(path);
    }
    g_ptr_array_unref(names);
}

int main(void)
{
    const char *src = g_getenv("SRC") ? g_getenv("SRC") : ".";
    for (guint t = 0; t < G_N_ELEMENTS(targets); t++) {
        char *dir = g_build_filename(src, "tests", "fixtures", "hostile", "fuzz", targets[t].name, NULL);
        replay(t, dir);
        g_free(dir);
    }
    return HARNESS_RESULT();
}
