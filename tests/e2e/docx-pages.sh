#!/bin/sh
# docx-pages.sh: DOCX -> PDF page counts against LibreOffice's.
#
# The files: every DOCX of ../shared/corpus/docx (nearly all of one page),
# gongwen's own DOCX of the sample report and LibreOffice's DOCX of the
# sample's text, and two longer documents: the sample's paragraphs twice
# over with a table of 200 rows in the middle (about 30 pages), as HTML
# turned into DOCX by gongwen and by pandoc (when installed).  Each goes
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
    awk 'BEGIN { print "<html><head><meta charset=\"utf-8\"><title>长文档</title></head><body>" }
        { text[NR] = $0 }
        END {
            for (i = 1; i <= 2 * NR; i++) {
                print "<p>" text[(i - 1) % NR + 1] "</p>"
                if (i != NR) continue
                print "<table><tr><th>序号</th><th>事项名称</th><th>数量（件）</th><th>备注</th></tr>"
                for (r = 1; r <= 200; r++)
                    printf "<tr><td>%d</td><td>政府信息公开申请办理情况</td><td>%d</td><td>%s</td></tr>\n", r,
                        (r * 37) % 1000, r % 7 ? "" : "含转下年度继续办理的申请，按规定予以公开"
                print "</table>"
            }
            print "</body></html>" }' "$SAMPLE" >"$TMP/long.html"
    "$GONGWEN" convert "$TMP/long.html" -o "$TMP/in/long-gongwen.docx" 2>/dev/null
    have pandoc && pandoc -f html -t docx -o "$TMP/in/long-pandoc.docx" "$TMP/long.html" 2>/dev/null
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
at_least "docx-pages: page count equals LibreOffice's for >= 80% of the files" 80 "$equal" "$total"
