# pdf-long.sh: long documents, where headings that must stay with the next
# paragraph move to a new page (a use-after-free once hid there).
. "$SRC/tests/lib.sh"

# One line of 5,000,000 characters: refused before layout, by name.
awk 'BEGIN { s = "字字字字字字字字字字"; for (i = 0; i < 9; i++) s = s s; for (i = 0; i < 977; i++) print s }' |
    tr -d '\n' >huge-line.txt
"$GONGWEN" convert huge-line.txt -o huge.pdf 2>err.txt
rc=$?
check "a 5-million-character line fails with exit 1 ($rc)" test "$rc" -eq 1
check "one error line naming the pages limit" test "$(wc -l <err.txt)" -eq 1 -a -n "$(grep -e '--limit pages=N' err.txt)"
check "no PDF is left behind" test ! -e huge.pdf

# Short lines fill pages faster than their characters say: layout stops.
awk 'BEGIN { for (i = 0; i < 200; i++) print "一" }' >short-lines.txt
"$GONGWEN" convert short-lines.txt -o short.pdf --limit pages=3 2>err.txt
rc=$?
check "layout stops at the pages limit ($rc)" test "$rc" -eq 1 -a -n "$(grep -e 'short.pdf: page 4 exceeds the pages limit (3)' err.txt)"

# A paragraph longer than a layout piece (4,000 characters) loses nothing.
awk 'BEGIN { for (i = 0; i < 300; i++) printf "%s", "第" i "句话说的是一件事情，说完了。"; print "" }' >para.txt
awk 'BEGIN { for (i = 0; i < 9000; i++) printf "字"; print "" }' >>para.txt
if "$GONGWEN" convert para.txt -o para.pdf 2>err.txt; then
    pdftotext para.pdf - | tr -d ' \n\f' | sed 's/—[0-9]*—//g' >got.txt
    tr -d ' \n' <para.txt >want.txt
    check "a paragraph laid out in pieces keeps every character, in order" cmp -s got.txt want.txt
else
    fail "a paragraph laid out in pieces converts" "$(head -3 err.txt)"
fi
# 45,000 random characters in 4 faces at 7 sizes: more glyphs than Cairo
# 1.16's glyph cache holds.  Cairo deadlocked when the PDF was written in a
# second thread beside the layout (one run in six to fifteen on a busy
# machine); every run must end.
/usr/bin/python3 - <<'EOF'
import random, zipfile
random.seed(3)
faces = ["仿宋", "黑体", "楷体", "宋体"]
def run(i):
    text = "".join(chr(random.randrange(0x4E00, 0x9FA5)) for _ in range(50))
    return ('<w:r><w:rPr><w:rFonts w:eastAsia="%s"/><w:sz w:val="%d"/></w:rPr><w:t>%s</w:t></w:r>'
            % (faces[i % 4], 16 + 2 * (i % 7), text))
body = "".join("<w:p>%s</w:p>" % "".join(run(i * 7 + j) for j in range(6)) for i in range(150))
with zipfile.ZipFile("rare.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
               'officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
               '2006/main"><w:body>%s</w:body></w:document>' % body)
EOF
ended=0
for i in 1 2 3 4; do
    timeout -s KILL 120 "$GONGWEN" convert rare.docx -o rare.pdf 2>err.txt && ended=$((ended + 1))
done
check "text in more glyphs than Cairo caches: 4 of 4 runs end ($ended)" test "$ended" -eq 4

have_sample || { skip "long pdf" "no ../shared sample"; exit 0; }
for i in 1 2 3 4 5 6; do cat "$SAMPLE"; done >long.txt
if "$GONGWEN" convert long.txt -o long.pdf 2>err.txt; then
    pass "six samples in a row convert"
else
    fail "six samples in a row convert" "$(head -3 err.txt)"
    exit 0
fi
pages=$(pdfinfo long.pdf | sed -n 's/^Pages: *//p')
check "page count grows with the text ($pages)" test "$pages" -ge 25
pdftotext long.pdf - | tr -d ' \n\f' | sed 's/—[0-9]*—//g' >got.txt
tr -d ' \n' <long.txt >want.txt
check "every character of the text is in the PDF, in order" cmp -s got.txt want.txt
