#!/bin/sh
# docx-pages.sh: DOCX -> PDF page counts against LibreOffice's.
#
# The files: every DOCX of ../shared/corpus/docx, gongwen's own DOCX of the
# sample report and LibreOffice's DOCX of the sample's text.  Each goes
# through `gongwen convert F -o F.pdf` and, all in one LibreOffice start,
# `soffice --headless --convert-to pdf`; `pdfinfo` counts the pages.
# LibreOffice runs with a fontconfig file that adds gongwen's data/fonts.conf
# to the system's, so that both pick the same faces for the same names.
# Prints the distribution (equal, one page apart, further apart) and the
# files that differ; PASS when at least 80% have LibreOffice's page count.
# A crash of gongwen on any file fails.  SKIPs without soffice, pdfinfo or
# ../shared.
. "$SRC/tests/lib.sh"
CORPUS="$SHARED/corpus/docx"
if [ ! -d "$CORPUS" ]; then
    skip "docx-pages" "no $CORPUS"
    exit 0
fi
if ! have soffice || ! have pdfinfo; then
    skip "docx-pages" "soffice or pdfinfo not installed"
    exit 0
fi
mkdir -p "$TMP/in" "$TMP/gw" "$TMP/lo"
cp "$CORPUS"/*.docx "$TMP/in/"
if have_sample; then
    "$GONGWEN" convert "$SAMPLE" -o "$TMP/in/sample-gongwen.docx" 2>/dev/null
    cp "$SAMPLE" "$TMP/sample-libreoffice.txt"
    soffice_convert docx "$TMP/sample-libreoffice.txt" "$TMP/in"
fi

crashed=0
for f in "$TMP"/in/*.docx; do
    name=$(basename "$f" .docx)
    "$GONGWEN" convert "$f" -o "$TMP/gw/$name.pdf" 2>"$TMP/err"
    rc=$?
    if [ $rc -gt 1 ] || grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
        fail "docx-pages: no crash: $name" "exit $rc: $(head -c 300 "$TMP/err")"
        crashed=1
    fi
done
[ $crashed = 0 ] && pass "docx-pages: no crash"

cat >"$TMP/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">${FONTCONFIG_FILE:-/etc/fonts/fonts.conf}</include>
  <include>$SRC/data/fonts.conf</include>
</fontconfig>
CONF
(
    FONTCONFIG_FILE="$TMP/fonts.conf"
    export FONTCONFIG_FILE
    set -- "$TMP"/in/*.docx
    first=$1
    shift
    soffice_convert pdf "$first" "$TMP/lo" "$@"
)

pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
total=0 equal=0 near=0 far=0
for f in "$TMP"/in/*.docx; do
    name=$(basename "$f" .docx)
    lo=$(pages "$TMP/lo/$name.pdf")
    [ -n "$lo" ] || continue # LibreOffice cannot read it either
    total=$((total + 1))
    gw=$(pages "$TMP/gw/$name.pdf")
    if [ "$gw" = "$lo" ]; then
        equal=$((equal + 1))
        continue
    fi
    d=$((${gw:-0} - lo))
    if [ $d -eq 1 ] || [ $d -eq -1 ]; then near=$((near + 1)); else far=$((far + 1)); fi
    echo "docx-pages: differs: $name: gongwen ${gw:-no PDF}, LibreOffice $lo"
done
if [ $total -eq 0 ]; then
    fail "docx-pages" "LibreOffice converted nothing"
    exit 0
fi
echo "docx-pages: $total files: $equal with LibreOffice's page count, $near one page apart, $far further apart"
if [ $((100 * equal)) -ge $((80 * total)) ]; then
    pass "docx-pages: page count equals LibreOffice's for >= 80% of the files ($equal of $total)"
else
    fail "docx-pages: page count equals LibreOffice's for >= 80% of the files" "$equal of $total"
fi
