/* fuzz-stamp: matching and stamping a DOCX (validity module).  The first
 * byte chooses the part the rest of the input becomes; the package's other
 * parts are valid.  Without docProps/custom.xml the stamp adds one. */
#include "fuzz.h"

static const char *const part_names[] = {
    "word/document.xml", "docProps/custom.xml", "[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
};

static GwRegister *reg;
static GwRules *rules;
static GDate as_of;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char csv[] = "文号,标题,发布日期,实施日期,废止日期,废止依据\n"
                              "穗府规〔2017〕6号,关于加强管理的通知,2017-01-01,2017-02-01,2020-01-01,穗府规〔2020〕1号\n";
    (void) argc;
    (void) argv;
    fuzz_fatal_criticals();
    reg = gw_register_read_csv(csv, strlen(csv), "register.csv", NULL);
    rules = gw_rules_new();
    g_date_clear(&as_of, 1);
    g_date_set_dmy(&as_of, 1, 1, 2024);
    return reg && gw_register_n_entries(reg) == 1 ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    guint which = data[0] % G_N_ELEMENTS(part_names);
    FuzzPart parts[] = {
        { "[Content_Types].xml", FUZZ_DOCX_TYPES, 0 },
        { "_rels/.rels", FUZZ_DOCX_RELS, 0 },
        { "word/document.xml", FUZZ_DOCUMENT, 0 },
        { "docProps/core.xml", FUZZ_CORE, 0 },
        { "docProps/custom.xml", "", 0 },
    };
    guint n = G_N_ELEMENTS(parts) - 1; /* custom.xml only when fuzzed */
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++)
        if (strcmp(parts[i].name, part_names[which]) == 0) {
            parts[i].data = size > 1 ? (const char *) data + 1 : "";
            parts[i].len = size - 1;
            n = MAX(n, i + 1);
        }
    GBytes *docx = fuzz_zip(parts, n);
    gsize len;
    const char *bytes = g_bytes_get_data(docx, &len);
    char *input = fuzz_file("in.docx", bytes, len);
    char *output = g_build_filename(fuzz_scratch(), "out.docx", NULL);
    gw_register_match_file(reg, input, NULL);
    gw_stamp_file(input, output, gw_register_get_entry(reg, 0), rules, &as_of, NULL);
    g_unlink(output);
    g_free(output);
    g_free(input);
    g_bytes_unref(docx);
    return 0;
}
