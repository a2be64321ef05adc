/* zlib-level.c: the gongwen command compresses its PDFs at zlib level 1.
 *
 * Cairo 1.16 deflates font subsets and page descriptions at zlib's default
 * level 6 and has no setting for it.  In a batch worker, whose fonts are
 * loaded once, that deflating is ~45% of the time per document; at level 1
 * the sample's PDF is ~10% larger and a batch ~25% faster.  The command
 * defines deflateInit_, the function behind zlib's deflateInit macro that
 * Cairo calls, and the dynamic linker binds Cairo's call to the program's
 * definition.  Other callers in the process (qpdf, for PDF/A) get level 1
 * too; callers of deflateInit2_ (libzip, for DOCX) keep theirs.  libgongwen
 * does not do this: a library must not change zlib for the program using it. */
#include <zlib.h>

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
    if (level == Z_DEFAULT_COMPRESSION || level > Z_BEST_SPEED)
        level = Z_BEST_SPEED;
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
