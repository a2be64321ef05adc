# install.sh: `make install` into a DESTDIR gives a working tool, headers,
# libraries, pkg-config file and man pages; a program builds against it.
. "$SRC/tests/lib.sh"
dest="$TMP/root"
if ! make -s -C "$SRC" install DESTDIR="$dest" PREFIX=/usr >"$TMP/log" 2>&1; then
    fail "make install" "$(tail -3 "$TMP/log")"
    exit 0
fi
check "installed tool runs" "$dest/usr/bin/gongwen" --version
check "soname link" test -L "$dest/usr/lib/libgongwen.so.0"
check "man pages" test -f "$dest/usr/share/man/man1/gongwen-convert.1" -a -f "$dest/usr/share/man/man3/libgongwen.3"
check "fontconfig file" test -f "$dest/usr/share/gongwen/fonts.conf"
check "PDF modules" test -f "$dest/usr/lib/gongwen/gongwen-pdf.so" -a -f "$dest/usr/lib/gongwen/gongwen-pdftext.so"
# The installed tool finds its module in ../lib/gongwen, whatever the build tree says.
printf '正文一段。\n' >"$TMP/in.txt"
check "installed tool writes PDF/A and reads it back (gongwen-pdf.so)" sh -c "
    env -u GONGWEN_MODULE_DIR '$dest/usr/bin/gongwen' convert '$TMP/in.txt' -o '$TMP/in.pdf' --pdfa &&
    env -u GONGWEN_MODULE_DIR '$dest/usr/bin/gongwen' info '$TMP/in.pdf' | grep -q 'PDF/A-2B'"
cat >"$TMP/prog.c" <<'C'
#include <gongwen/gongwen.h>
#include <stdio.h>
int main(void)
{
    GwDocument *doc = gw_document_new();
    GwBlock *p = gw_block_new(GW_BLOCK_PARAGRAPH);
    gw_block_add_text(p, "正文");
    gw_document_append(doc, p);
    char *text = gw_document_to_json(doc);
    int ok = text != NULL;
    g_free(text);
    gw_document_free(doc);
    printf("%s\n", gw_version());
    return ok ? 0 : 1;
}
C
# A real prefix (not DESTDIR) so that the installed gongwen.pc is right as it stands.
prefix="$TMP/prefix"
make -s -C "$SRC" install PREFIX="$prefix" >"$TMP/log" 2>&1
if cc -o "$TMP/prog" "$TMP/prog.c" $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs gongwen) \
        -Wl,-rpath,"$prefix/lib" >"$TMP/cc.log" 2>&1 \
    && "$TMP/prog" >/dev/null; then
    pass "program builds and runs against the installed shared library"
else
    fail "program builds against the installed library" "$(head -3 "$TMP/cc.log")"
fi
