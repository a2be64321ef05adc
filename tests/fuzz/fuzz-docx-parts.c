/* fuzz-docx-parts: the DOCX reader on a valid package where the first
 * byte of the input chooses one part (relationships, content types,
 * header, footer, notes, comments, settings, properties, an MHT or HTML
 * document imported in place) and the rest of
 * the input replaces it.  document.xml and styles/numbering have their own
 * targets. */
#include "fuzz.h"

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const choices[] = {
        "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/header1.xml",
        "word/footer1.xml", "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml",
        "word/settings.xml", "docProps/core.xml", "docProps/custom.xml", "docProps/app.xml",
        "word/afchunk.mht", "word/afchunk.htm",
    };
    if (size == 0)
        return 0;
    const char *const fuzzed[] = { choices[data[0] % G_N_ELEMENTS(choices)], NULL };
    fuzz_read_docx(fuzzed, data + 1, size - 1);
    return 0;
}
