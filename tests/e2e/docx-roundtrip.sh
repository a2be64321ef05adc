#!/bin/sh
# docx-roundtrip.sh: every DOCX of ../shared/corpus/docx converted by
# gongwen to DOCX (`gongwen convert F -o F.docx`); LibreOffice's text of the
# result (`soffice --convert-to txt`) must equal LibreOffice's text of the
# original, after whitespace normalisation (every run of whitespace, the
# byte order mark included, becomes one space), for at least 90% of the
# files.  The files that differ are listed.  SKIPs while the DOCX writer is
# not written yet, and without soffice or ../shared.
#
# Also gongwen's own text of each original (`--to txt`) against
# LibreOffice's, after the same normalisation: at least 85% (what is left
# differs by design: LibreOffice's text leaves out notes and text boxes,
# shows tracked deletions and keeps Symbol-font characters as private-use
# code points).
. "$SRC/tests/lib.sh"
CORPUS="$SHARED/corpus/docx"
if [ ! -d "$CORPUS" ]; then
    skip "docx-roundtrip" "no $CORPUS"
    exit 0
fi
if ! have soffice; then
    skip "docx-roundtrip" "soffice not installed"
    exit 0
fi
mkdir -p "$TMP/orig" "$TMP/gw" "$TMP/orig-txt" "$TMP/gw-txt" "$TMP/gw-own"
for f in "$CORPUS"/*.docx; do
    name=$(basename "$f")
    if ! "$GONGWEN" convert "$f" -o "$TMP/gw/$name" 2>"$TMP/err"; then
        if grep -q 'not written yet' "$TMP/err"; then
            skip "docx-roundtrip" "the DOCX writer is not written yet"
            exit 0
        fi
        echo "docx-roundtrip: $name: $(cat "$TMP/err")"
        continue
    fi
    cp "$f" "$TMP/orig/$name"
    "$GONGWEN" convert "$f" --to txt -o "$TMP/gw-own/$(basename "$f" .docx).txt" 2>/dev/null
done

# LibreOffice converts a whole folder in one start.
lo_text() {
    HOME="$TMP/lohome" timeout 900 soffice --headless --norestore -env:UserInstallation=file://$TMP/lo \
        --convert-to "txt:Text (encoded):UTF8" --outdir "$2" "$1"/*.docx >/dev/null 2>&1
}
lo_text "$TMP/orig" "$TMP/orig-txt"
lo_text "$TMP/gw" "$TMP/gw-txt"

normalise() {
    sed 's/^\xef\xbb\xbf//' "$1" | tr -s ' \t\r\n' '    ' | sed -e 's/^ //' -e 's/ $//'
}

total=0 matched=0 own=0
for f in "$TMP"/orig-txt/*.txt; do
    name=$(basename "$f" .txt)
    total=$((total + 1))
    if [ -f "$TMP/gw-txt/$name.txt" ] && [ "$(normalise "$f")" = "$(normalise "$TMP/gw-txt/$name.txt")" ]; then
        matched=$((matched + 1))
    else
        echo "docx-roundtrip: differs: $name"
    fi
    if [ -f "$TMP/gw-own/$name.txt" ] && [ "$(normalise "$f")" = "$(normalise "$TMP/gw-own/$name.txt")" ]; then
        own=$((own + 1))
    else
        echo "docx-roundtrip: gongwen's text differs from LibreOffice's: $name"
    fi
done
if [ "$total" -eq 0 ]; then
    fail "docx-roundtrip" "LibreOffice converted nothing"
    exit 0
fi
echo "docx-roundtrip: $matched of $total files keep LibreOffice's text ($((100 * matched / total))%)"
at_least "docx-roundtrip: LibreOffice's text kept for >= 90% of the files" 90 "$matched" "$total"
echo "docx-roundtrip: gongwen's text equals LibreOffice's for $own of $total files ($((100 * own / total))%)"
at_least "docx-roundtrip: gongwen's text equals LibreOffice's for >= 85% of the files" 85 "$own" "$total"
