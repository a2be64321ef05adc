# pdf.sh: the sample report through `gongwen convert` to PDF and PNG, checked
# with poppler (pdftotext, pdffonts, pdfinfo) and qpdf, as issue 3's bar says.
. "$SRC/tests/lib.sh"

if ! have_sample; then
    skip "pdf: sample" "no ../shared"
    exit 0
fi
for tool in pdftotext pdffonts pdfinfo qpdf; do
    if ! have $tool; then
        skip "pdf: sample" "$tool not installed"
        exit 0
    fi
done

# convert ARGS...: run the tool; skip everything when the reader is not written yet.
convert() {
    if out=$("$GONGWEN" convert "$@" 2>&1); then
        return 0
    fi
    case "$out" in
    *"not written yet"*)
        skip "pdf: sample" "text reader not written yet"
        exit 0
        ;;
    esac
    fail "pdf: convert $*" "$out"
    exit 0
}

convert "$SAMPLE" -o "$TMP/report.pdf"
pass "pdf: the sample converts"

# Text: the source paragraphs, in order, whitespace aside.  Page numbers and a
# title the reader took from elsewhere (not in the source) are left out.
title=$(pdfinfo "$TMP/report.pdf" | sed -n 's/^Title: *//p' | tr -d ' \t')
pdftotext -enc UTF-8 "$TMP/report.pdf" - | grep -v '^— [0-9]* —$' | tr -d '\n\f\r' >"$TMP/text"
tr -d ' \t' <"$TMP/text" >"$TMP/got"
tr -d ' \t\n\r' <"$SAMPLE" >"$TMP/want"
if [ -n "$title" ] && ! grep -qF "$title" "$TMP/want"; then
    n=$(printf %s "$title" | wc -c)
    [ "$(head -c "$n" "$TMP/got")" = "$title" ] && tail -c +"$((n + 1))" "$TMP/got" >"$TMP/got2" && mv "$TMP/got2" "$TMP/got"
fi
check "pdf: pdftotext gives the source text" cmp -s "$TMP/got" "$TMP/want"
# Justified lines must not read as spaced-out words: no more spaces between
# two Chinese characters than the source has.
cjk_spaces() { LC_ALL=C grep -o '[^ -~] [^ -~]' "$1" | wc -l; }
tr -d '\n\r' <"$SAMPLE" >"$TMP/source"
check "pdf: no spaces inside Chinese text" test "$(cjk_spaces "$TMP/text")" -le "$(cjk_spaces "$TMP/source")"

fonts=$(pdffonts "$TMP/report.pdf" | tail -n +3)
if [ -n "$fonts" ] && ! echo "$fonts" | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }'; then
    fail "pdf: every font embedded" "$fonts"
else
    check "pdf: every font embedded" test -n "$fonts"
fi
check "pdf: page size A4" sh -c "pdfinfo '$TMP/report.pdf' | grep -q '^Page size: *595.2[0-9]* x 841.89 pts'"
check "pdf: metadata names the creator" sh -c "pdfinfo '$TMP/report.pdf' | grep -q '^Creator: *gongwen '"
check "pdf: qpdf --check is clean" qpdf --check "$TMP/report.pdf"

# Outline: the 6 section headings (一、…六、) with 7 sub-headings under them.
qpdf --json --json-key=outlines "$TMP/report.pdf" >"$TMP/outlines.json"
if [ -x /usr/bin/python3 ]; then
    counts=$(/usr/bin/python3 -c '
import json, sys
top = json.load(open(sys.argv[1]))["outlines"]
print(len(top), sum(len(t["kids"]) for t in top), sum(1 for t in top if t["title"][:1] in "一二三四五六"))
' "$TMP/outlines.json")
    check "pdf: outline has 6 headings with 7 sub-headings (got $counts)" test "$counts" = "6 7 6"
else
    skip "pdf: outline" "no /usr/bin/python3 to read qpdf's JSON"
fi
check "pdf: structure tags" sh -c "qpdf --qdf --object-streams=disable '$TMP/report.pdf' - | grep -qa '/StructTreeRoot'"

# PNG: every page as NAME-N.png, or one page.
pages=$(pdfinfo "$TMP/report.pdf" | sed -n 's/^Pages: *//p')
convert "$SAMPLE" -o "$TMP/page.png"
check "png: one picture per page ($pages)" test "$(ls "$TMP"/page-*.png | wc -l)" = "$pages"
convert "$SAMPLE" -o "$TMP/two.png" --page 2 --dpi 30
size=$(od -An -tu1 -j16 -N8 "$TMP/two.png" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }')
check "png: --page 2 --dpi 30 is A4 at 30 dpi (got $size)" test "$size" = "248x351"
if "$GONGWEN" convert "$SAMPLE" -o "$TMP/none.png" --page 999 >/dev/null 2>&1; then
    fail "png: --page past the end fails"
else
    pass "png: --page past the end fails"
fi

# A picture followed by a table, from HTML and from DOCX: Cairo 1.16 loses
# its structure tags when a tagged picture is drawn with cairo_paint (an
# assertion failure or "invalid tag nesting" at the end of the document).
cp "$SRC/tests/fixtures/linhu-2023-report_files/chart.png" "$TMP/chart.png"
printf '<html><body><p>图表如下：</p><p><img src="chart.png" width="480" height="300"></p><table><tr><td>甲表格</td><td>乙</td></tr></table><p>表后正文</p></body></html>' >"$TMP/figure.html"
for via in html docx; do
    src=$TMP/figure.html
    if [ $via = docx ]; then
        "$GONGWEN" convert "$src" -o "$TMP/figure.docx" 2>/dev/null
        src=$TMP/figure.docx
    fi
    if "$GONGWEN" convert "$src" -o "$TMP/figure-$via.pdf" 2>"$TMP/figure.err" &&
        pdftotext "$TMP/figure-$via.pdf" - | tr -d ' \n' | grep -q '甲表格乙表后正文' &&
        [ "$(pdfimages -list "$TMP/figure-$via.pdf" | tail -n +3 | wc -l)" -ge 1 ]; then
        pass "pdf: a picture followed by a table ($via)"
    else
        fail "pdf: a picture followed by a table ($via)" "$(head -c 300 "$TMP/figure.err")"
    fi
done

# A table nested in a cell, taller than a page: it breaks across pages with
# the cell that holds it, every line shows once, in order, and the footnote
# of a line inside it shows.
if [ -x "$PY3" ]; then
    $PY3 - "$TMP/nested.docx" <<'PY'
import sys, zipfile
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
PKG = 'http://schemas.openxmlformats.org/package/2006/'
DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
ML = 'application/vnd.openxmlformats-officedocument.wordprocessingml.'
p = lambda t: '<w:p><w:r><w:t>%s</w:t></w:r></w:p>' % t
tbl = lambda *cells: '<w:tbl><w:tr>%s</w:tr></w:tbl>' % ''.join('<w:tc>%s</w:tc>' % c for c in cells)
lines = ''.join(p('第%d行嵌套表格中的文字。' % i) for i in range(120))
note = '<w:p><w:r><w:t>有脚注的行</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
body = tbl(p('外'), tbl(p('甲'), tbl(lines + note) + p('')) + p('尾'))
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('[Content_Types].xml', '<Types xmlns="%scontent-types"><Default Extension="rels" ContentType="'
               'application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
               'ContentType="%sdocument.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="'
               '%sfootnotes+xml"/></Types>' % (PKG, ML, ML))
    z.writestr('_rels/.rels', '<Relationships xmlns="%srelationships"><Relationship Id="rId1" Type="%s'
               'officeDocument" Target="word/document.xml"/></Relationships>' % (PKG, DOC))
    z.writestr('word/_rels/document.xml.rels', '<Relationships xmlns="%srelationships"><Relationship Id="rId2" '
               'Type="%sfootnotes" Target="footnotes.xml"/></Relationships>' % (PKG, DOC))
    z.writestr('word/footnotes.xml', '<w:footnotes %s><w:footnote w:id="1">%s</w:footnote></w:footnotes>'
               % (W, p('嵌套表格里的脚注')))
    z.writestr('word/document.xml', '<w:document %s><w:body>%s</w:body></w:document>' % (W, body))
PY
    "$GONGWEN" convert "$TMP/nested.docx" -o "$TMP/nested.pdf" 2>/dev/null
    pdftotext "$TMP/nested.pdf" "$TMP/nested.txt" 2>/dev/null
    # (Word's autospace sets the digits a little apart: pdftotext may read a space there)
    got=$(tr -d '\f' <"$TMP/nested.txt" | sed -n 's/^第 *\([0-9]*\) *行.*/\1/p' | tr '\n' ' ')
    want=$(seq 0 119 | tr '\n' ' ')
    pages=$(pdfinfo "$TMP/nested.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    check "pdf: a nested table taller than a page shows every line once ($pages pages)" test "$got" = "$want"
    check "pdf: the footnote of a line in a nested table shows" grep -q '嵌套表格里的脚注' "$TMP/nested.txt"
    check "pdf: a DOCX with neither headers nor footers gets no page numbers, as in Word" \
        sh -c '! grep -q "— [0-9]* —" "$0"' "$TMP/nested.txt"
else
    skip "pdf: a nested table taller than a page" "no $PY3"
fi

# A DOCX on Word's GB/T 9704 grid (linesAndChars, charSpace -842 with a 三号
# Normal style): 28 characters a line, the first line after a 2-character
# indent 26.
"$GONGWEN" convert "$SRC/tests/fixtures/gbt-char-grid.docx" -o "$TMP/grid.pdf" 2>/dev/null
counts=$(pdftotext "$TMP/grid.pdf" - 2>/dev/null | head -3 | while IFS= read -r line; do printf '%s ' "$(printf %s "$line" | wc -m)"; done)
check "pdf: Word's character grid gives 28 characters a line (got $counts)" test "$counts" = "26 28 28 "

# Headers and footers as Word chooses them: a first page of its own
# (titlePg, no first footer: none), even pages with w:evenAndOddHeaders
# (an even footer; no even header: none), a second section inheriting the
# first's and restarting its page numbers.
"$GONGWEN" convert "$SRC/tests/fixtures/headers-footers.docx" -o "$TMP/hf.pdf" 2>/dev/null
decorations=
for page in 1 2 3 4; do
    decorations="$decorations$(pdftotext -f $page -l $page "$TMP/hf.pdf" - 2>/dev/null | grep -v 正文 | grep -E '页眉|页 共' | tr -d ' \n');"
done
check "pdf: headers and footers of first, even and odd pages, two sections (got $decorations)" \
    test "$decorations" = "首页页眉;偶第2页共4页;默认页眉第二节第1页共4页;偶第2页共4页;"

# drawn NAME DOCX: gongwen's PDF of DOCX as $TMP/NAME.pdf, its words' boxes
# ($TMP/NAME.html, pdftotext -bbox) and its first page at 72 dpi
# ($TMP/NAME-1.ppm, for tests/e2e/pixels.py).
export PYTHONPATH="$SRC/tests/e2e"
drawn() {
    "$GONGWEN" convert "$2" -o "$TMP/$1.pdf" 2>/dev/null
    pdftotext -bbox "$TMP/$1.pdf" "$TMP/$1.html" 2>/dev/null
    pdftoppm -r 72 -f 1 -l 1 "$TMP/$1.pdf" "$TMP/$1" 2>/dev/null
}

# written_back NAME DOCX PATTERN: gongwen's DOCX of DOCX has PATTERN (grep)
# in its document part.
written_back() {
    "$GONGWEN" convert "$2" -o "$TMP/written-back.docx" 2>/dev/null
    check "$1" sh -c 'unzip -p "$0" word/document.xml | grep -q "$1"' "$TMP/written-back.docx" "$3"
}

# A seal floating over the signature (wp:anchor, wrapNone, 216 pt right of
# the column's start and 36 pt above the paragraph): it takes no room, so
# the text is set as without it, and it is drawn where the anchor says.
SEAL="$SRC/tests/fixtures/floating-seal.docx"
if [ -x $PY3 ]; then
    $PY3 - "$SEAL" "$TMP/no-seal.docx" <<'PYEOF'
import re, sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == "word/document.xml":
        data = re.sub(rb"<w:r><w:drawing>.*?</w:drawing></w:r>", b"", data)
    dst.writestr(item, data)
dst.close()
PYEOF
    drawn seal "$SEAL"
    "$GONGWEN" convert "$TMP/no-seal.docx" -o "$TMP/no-seal.pdf" 2>/dev/null
    check "pdf: a floating seal takes no room in the text" \
        test "$(pdftotext -layout "$TMP/seal.pdf" - 2>/dev/null | md5sum)" = "$(pdftotext -layout "$TMP/no-seal.pdf" - 2>/dev/null | md5sum)"
    check "pdf: the seal is drawn where its anchor puts it" $PY3 - "$TMP/seal.html" "$TMP"/seal-1.ppm <<'PYEOF'
import re, sys
from pixels import *
html = open(sys.argv[1], encoding="utf-8").read()
# the signature paragraph's top: its first word's box
top = float(re.search(r'yMin="([0-9.]+)"[^>]*>广州市', html).group(1))
page = read_ppm(sys.argv[2])
# the seal's centre: 28 mm margin + 216 pt + half its 113.4 pt; the
# paragraph's top - 36 pt + half (the text's box starts a little below it)
cx, cy = 28 / 25.4 * 72 + 216 + 56.7, top - 36 + 56.7
sys.exit(0 if red(*rgb(page, cx, cy)) else "no red at the seal's centre (%d, %d): %s" % (cx, cy, rgb(page, cx, cy)))
PYEOF
    written_back "docx: the floating seal is written back as an anchor" "$SEAL" \
        '<wp:anchor[^>]*behindDoc="0".*<wp:positionH relativeFrom="margin"><wp:posOffset>2743200</wp:posOffset>.*<wp:positionV relativeFrom="paragraph"><wp:posOffset>-457200</wp:posOffset>.*<wp:wrapNone/>'
else
    skip "pdf: a floating seal" "no $PY3"
fi

# The rules of a 红头 document made of paragraph borders (w:pBdr): a red
# line under the 文号 as wide as the type area, and the 版记's lines above
# and below 抄送 and 印发.
RED="$SRC/tests/fixtures/red-header.docx"
if [ -x $PY3 ]; then
    drawn red "$RED"
    check "pdf: paragraph borders draw the red line under the 文号 and the 版记's rules" $PY3 - "$TMP/red.html" "$TMP"/red-1.ppm <<'PYEOF'
import re, sys
from pixels import *
html = open(sys.argv[1], encoding="utf-8").read()
number_bottom = float(re.search(r'yMax="([0-9.]+)"[^>]*>穗埔府办', html).group(1))
title_top = float(re.search(r'yMin="([0-9.]+)"[^>]*>关于做好', html).group(1))
page = read_ppm(sys.argv[2])
reds, black = rows(page, red), rows(page, dark)
ok_red = reds and all(number_bottom < y < title_top for y in reds)
# three rules, each a run of adjacent rows
rules = [y for i, y in enumerate(black) if i == 0 or black[i - 1] != y - 1]
sys.exit(0 if ok_red and len(rules) == 3 else "red rows %s between %.0f and %.0f; black rules at %s" % (reds, number_bottom, title_top, rules))
PYEOF
    # the issuer's fifteen 30 pt characters squeezed to 80% (w:w) fit one line
    check "pdf: characters squeezed as w:w says keep the issuer on one line" $PY3 - "$TMP/red.html" <<'PYEOF'
import re, sys
m = re.search(r'xMin="([0-9.]+)"[^>]*xMax="([0-9.]+)"[^>]*>广州市黄埔区人民政府办公室文件<', open(sys.argv[1], encoding="utf-8").read())
width = float(m.group(2)) - float(m.group(1)) if m else 0
sys.exit(0 if 340 < width < 375 else "the issuer's line is %.0f pt wide (want 360, one line)" % width)
PYEOF
    # the same red line drawn as a line shape (wps:wsp, as Word draws one)
    drawn red-shape "$SRC/tests/fixtures/red-line-shape.docx"
    check "pdf: a line shape draws the red line under the 文号" $PY3 - "$TMP/red-shape.html" "$TMP"/red-shape-1.ppm <<'PYEOF'
import re, sys
from pixels import *
html = open(sys.argv[1], encoding="utf-8").read()
number = float(re.search(r'yMin="([0-9.]+)"[^>]*>穗埔府办', html).group(1))
reds = rows(read_ppm(sys.argv[2]), red)
# 32 pt below the top of the 文号's paragraph (its text box starts a little lower)
sys.exit(0 if reds and all(number + 20 < y < number + 40 for y in reds) else "red rows %s, 文号 at %.0f" % (reds, number))
PYEOF
    written_back "docx: a line shape is written back" "$SRC/tests/fixtures/red-line-shape.docx" \
        '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5613400" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="19050"><a:solidFill><a:srgbClr val="FF0000"/>'
    written_back "docx: character width (w:w) is written back" "$RED" '<w:w w:val="80"/>'
    written_back "docx: paragraph borders are written back" "$RED" \
        '<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="6" w:color="FF0000"/></w:pBdr>'
else
    skip "pdf: paragraph borders" "no $PY3"
fi

# Page numbers where Word and WPS put them: Word's in a frame at the
# outside of the column (w:framePr xAlign), WPS's in a text box anchored
# there that fits its text (here in the header: 144 pt wide, wrap="none");
# right on odd pages, left on even ones, in the section's number format
# (w:pgNumType, here upper-case Roman).  A text box 120 pt wide anchored at
# the centre sits in the middle of the column, one placed 300 pt from the
# page's left edge there.
FRAMES="$SRC/tests/fixtures/page-number-frames.docx"
if [ -x $PY3 ]; then
    drawn frames "$FRAMES"
    "$GONGWEN" convert "$FRAMES" -o "$TMP/frames.docx" 2>/dev/null
    drawn frames-back "$TMP/frames.docx"
    check "pdf: frames and text boxes at the outside, inside or centre of the column, read and written back" \
        $PY3 - "$TMP/frames.html" "$TMP/frames-back.html" <<'PYEOF'
import re, sys
for path in sys.argv[1:]:
    pages = open(path, encoding="utf-8").read().split("<page ")[1:]
    def left(page, word):
        m = re.search(r'xMin="([0-9.]+)"[^>]*>%s<' % word, pages[page]) if page < len(pages) else None
        return float(m.group(1)) if m else -1
    # the column runs from 72 to 523.3 pt
    got = [left(0, "—"), left(1, "—"), left(0, "眉"), left(1, "眉"), left(2, "居中框"), left(1, "II"), left(2, "III"),
           left(2, "偏移框")]
    ok = got[0] > 480 and 0 < got[1] < 80 and got[2] > 500 and 0 < got[3] < 80 and abs(got[4] - 237.6) < 2 and \
        got[5] > 0 and got[6] > 0 and abs(got[7] - 300) < 1
    if not ok:
        sys.exit("%s: page number on pages 1 and 2, header box on pages 1 and 2, centred box, II, III, box 300 pt from the "
                 "page's edge: %s" % (path, got))
PYEOF
    check "docx: a frame at the outside is written back" \
        sh -c 'unzip -p "$0" "word/footer*.xml" | grep -q "<w:framePr [^>]*w:xAlign=\"outside\""' "$TMP/frames.docx"
    check "docx: a text box is written back with its width and side" \
        sh -c 'unzip -p "$0" word/document.xml | grep -q "<w:jc w:val=\"center\"/></w:pPr><w:r>.*<wp:extent cx=\"1524000\".*<w:txbxContent>"' "$TMP/frames.docx"
else
    skip "pdf: frames and text boxes" "no $PY3"
fi

# Word's autospace: a DOCX that does not turn it off (autospace.docx is
# gongwen's own DOCX without its w:autoSpaceDE/DN="0") gets a quarter em
# between Chinese and digits, as Word and LibreOffice set it; gongwen's own
# DOCX (which turns it off for GB/T 9704's grid) none.
if [ -x $PY3 ]; then
    "$GONGWEN" convert "$SRC/tests/fixtures/autospace.docx" -o "$TMP/autospace.pdf" 2>/dev/null
    "$GONGWEN" convert "$SRC/tests/fixtures/autospace.docx" -o "$TMP/gbt.docx" 2>/dev/null
    $PY3 - "$TMP/gbt.docx" "$TMP/no-autospace.docx" <<'PYEOF'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == "word/document.xml":  # the paragraphs' own "on", so the document's "off" holds
        data = data.replace(b'<w:autoSpaceDE w:val="1"/><w:autoSpaceDN w:val="1"/>', b"")
    dst.writestr(item, data)
dst.close()
PYEOF
    "$GONGWEN" convert "$TMP/no-autospace.docx" -o "$TMP/no-autospace.pdf" 2>/dev/null
    for f in autospace no-autospace; do pdftotext -bbox "$TMP/$f.pdf" "$TMP/$f.html" 2>/dev/null; done
    check "pdf: autospace: a quarter em between Chinese and digits, none when the DOCX turns it off" \
        $PY3 - "$TMP/autospace.html" "$TMP/no-autospace.html" <<'PYEOF'
import re, sys
def gap(path):
    words = re.findall(r'xMin="([0-9.]+)"[^>]*xMax="([0-9.]+)"[^>]*>([^<]*)<', open(path, encoding="utf-8").read())
    for i, (x0, x1, w) in enumerate(words):
        if w.endswith("为做好"):  # "为做好" then "2023", or one word "为做好2023年..."
            return float(words[i + 1][0]) - float(x1) if i + 1 < len(words) and words[i + 1][2].startswith("2023") else 0
    return None
on, off = gap(sys.argv[1]), gap(sys.argv[2])
sys.exit(0 if on is not None and off is not None and 3 < on < 5 and off < 1 else "gaps: %s with autospace, %s without" % (on, off))
PYEOF
fi

# Colour (and underline) a paragraph's style gives its text, with no run
# saying it again: a red style on gongwen's own DOCX of the autospace
# fixture's text.
if [ -x $PY3 ]; then
    $PY3 - "$TMP/gbt.docx" "$TMP/red-style.docx" <<'PYEOF'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == "word/styles.xml":
        data = data.replace(b"</w:styles>", b'<w:style w:type="paragraph" w:styleId="Red"><w:name w:val="Red"/>'
                            b'<w:rPr><w:color w:val="FF0000"/></w:rPr></w:style></w:styles>')
    elif item.filename == "word/document.xml":
        data = data.replace(b"<w:body>", b'<w:body><w:p><w:pPr><w:pStyle w:val="Red"/></w:pPr><w:r><w:t>'
                            + "红色样式的段落红色样式的段落".encode() + b"</w:t></w:r></w:p>", 1)
    dst.writestr(item, data)
dst.close()
PYEOF
    drawn red-style "$TMP/red-style.docx"
    check "pdf: a paragraph style's colour shows on its text" $PY3 - "$TMP"/red-style-1.ppm <<'PYEOF'
import re, sys
from pixels import *
n = count(read_ppm(sys.argv[1]), red)
sys.exit(0 if n > 200 else "%d red pixels" % n)
PYEOF
fi

# Right-to-left paragraphs (HTML's dir="rtl", a DOCX's w:bidi) start at the
# right margin, whatever their letters; dir="ltr" inside turns back.
if [ -x $PY3 ]; then
    printf '<html dir="rtl"><body><p>Rightward</p><p dir="ltr">Leftward</p></body></html>' >"$TMP/rtl.html"
    drawn rtl "$TMP/rtl.html"
    check "pdf: a right-to-left paragraph sits at the right margin" $PY3 - "$TMP/rtl.html" <<'PYEOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
right = float(re.search(r'xMax="([0-9.]+)"[^>]*>Rightward', html).group(1))
left = float(re.search(r'xMin="([0-9.]+)"[^>]*>Leftward', html).group(1))
# A4 595 pt wide, margins 28 mm (79 pt) left and 26 mm (74 pt) right, a
# first-line indent of two characters (32 pt) on the start side
sys.exit(0 if 480 < right < 525 and 75 < left < 120 else "Rightward ends at %.1f, Leftward starts at %.1f" % (right, left))
PYEOF
fi

# Punctuation hanging past the margin: a ， just past a full line is drawn
# in the right margin, on that line, and read back in its place.
if [ -x $PY3 ]; then
    $PY3 -c 'print("测" * 25 + "试，" + "后面的文字内容" * 6)' >"$TMP/hang.txt"
    drawn hang "$TMP/hang.txt"
    check "pdf: a hanging comma sits in the margin at the end of its line" $PY3 - "$TMP/hang.html" <<'PYEOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'xMax="([0-9.]+)"[^>]*>(测+试，)</word>', html)
# the type area ends 26 mm (74 pt) from the right edge of the 595 pt page
sys.exit(0 if m and 522 < float(m.group(1)) < 545 else "line 1: %s" % (m.groups() if m else None))
PYEOF
fi

# Where tables sit: w:jc left, center and right, w:tblInd, and a
# right-to-left table (w:bidiVisual) with its first column at the right.
if [ -x $PY3 ]; then
    for mode in 14 15; do
    $PY3 - "$TMP/placed-tables-$mode.docx" $mode <<'PYEOF'
import sys
from minidocx import write_docx
def table(pr, a, b, shd=""):
    cell = '<w:tc><w:tcPr><w:tcW w:w="1500" w:type="dxa"/>%s</w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>'
    return ('<w:tbl><w:tblPr><w:tblW w:w="3000" w:type="dxa"/>%s</w:tblPr><w:tblGrid><w:gridCol w:w="1500"/>'
            '<w:gridCol w:w="1500"/></w:tblGrid><w:tr>%s%s</w:tr></w:tbl><w:p/>' % (pr, cell % (shd, a), cell % (shd, b)))
body = ('<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/></w:pPr><w:r><w:t>Shaded</w:t></w:r></w:p>' +
        '<w:p><w:r><w:t>\u201cQuoted\u201d \u2014 in English text.</w:t></w:r></w:p>' +
        '<w:p><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="4320"/></w:tabs></w:pPr><w:r><w:t>Toc</w:t>'
        '</w:r><w:r><w:tab/></w:r><w:r><w:t>9</w:t></w:r></w:p>' +
        '<w:p><w:r><w:t>Aa</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Bb</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Cc</w:t></w:r></w:p>' +
        table('<w:jc w:val="left"/>', "Lx", "Ly", '<w:shd w:val="clear" w:fill="C0C0C0"/>') + table('<w:jc w:val="center"/>', "Cx", "Cy") +
        table('<w:jc w:val="right"/>', "Rx", "Ry") + table('<w:tblInd w:w="1440" w:type="dxa"/>', "Ix", "Iy") +
        table('<w:tblInd w:w="-720" w:type="dxa"/>', "Wx", "Wy").replace('w:w="1500"', 'w:w="5000"') +
        table('<w:bidiVisual/>', "Bx", "By"))
# laid out as Word 2010 (compatibilityMode 14) or 2013 on (15: a table's border at its indent)
write_docx(sys.argv[1], body, '<w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" '
           'w:uri="http://schemas.microsoft.com/office/word" w:val="%s"/></w:compat>' % sys.argv[2])
PYEOF
    done
    cp "$TMP/placed-tables-15.docx" "$TMP/placed-tables.docx"
    drawn placed-tables "$TMP/placed-tables.docx"
    drawn placed-tables-14 "$TMP/placed-tables-14.docx"
    check "pdf: Word 2010's table sets its text, not its border, at the margin (Word 2013's its border)" $PY3 - \
        "$TMP/placed-tables-14.html" "$TMP/placed-tables.html" <<'PYEOF'
import re, sys
def x(path, word):
    return float(re.search(r'xMin="([0-9.]+)"[^>]*>%s</word>' % word, open(path, encoding="utf-8").read()).group(1))
old, new = sys.argv[1], sys.argv[2]
ok = abs(x(old, "Lx") - x(old, "Shaded")) < 0.5 and abs(x(new, "Lx") - x(new, "Shaded") - 5.4) < 0.5
ok = ok and abs(x(old, "Cx") - x(new, "Cx")) < 0.5  # a centred table is not moved
sys.exit(0 if ok else "Lx at %.1f (2010) and %.1f (2013), Shaded at %.1f" % (x(old, "Lx"), x(new, "Lx"), x(new, "Shaded")))
PYEOF
    check "pdf: tables at their alignment and indent, a right-to-left one mirrored" $PY3 - "$TMP/placed-tables.html" <<'PYEOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
x = dict((w, float(v)) for v, w in re.findall(r'xMin="([0-9.]+)"[^>]*>(\w\w)</word>', html))
# Word's Letter page: 612 pt, 72 pt margins; tables 150 pt wide
ok = (abs(x["Lx"] - x["Bx"] + 75) < 1 and abs(x["Ix"] - x["Lx"] - 72) < 1 and
      abs(x["Cx"] - x["Lx"] - 159) < 1 and abs(x["Rx"] - x["Lx"] - 318) < 1 and x["By"] < x["Bx"])
# a table wider than the column (2 x 250 pt) pulled 36 pt into the left margin
ok = ok and abs(x["Wx"] - x["Lx"] + 36) < 1 and abs(x["Wy"] - x["Wx"] - 250) < 1
# default tab stops every 36 pt (w:defaultTabStop 720) from the margin
ok = ok and abs(x["Bb"] - 108) < 1 and abs(x["Cc"] - 144) < 1
sys.exit(0 if ok else "cells at %s" % x)
PYEOF
    check "pdf: text after a shaded cell is black, not the shading's grey" $PY3 - "$TMP/placed-tables.html" \
        "$TMP"/placed-tables-1.ppm <<'PYEOF'
import re, sys
from pixels import *
html = open(sys.argv[1], encoding="utf-8").read()
box = [float(v) for v in re.search(r'xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">Cx<', html).groups()]
page = read_ppm(sys.argv[2])
inked = [rgb(page, x, y) for x in range(int(box[0]), int(box[2]) + 1) for y in range(int(box[1]), int(box[3]) + 1)]
sys.exit(0 if any(dark(*p) for p in inked) else "no dark pixel in Cx: %s" % min(inked))
PYEOF
    check "pdf: a right tab stop with dots leading up to it (a table of contents' page number)" $PY3 - \
        "$TMP/placed-tables.html" "$TMP"/placed-tables-1.ppm <<'PYEOF'
import re, sys
from pixels import *
html = open(sys.argv[1], encoding="utf-8").read()
toc = [float(v) for v in re.search(r'xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">Toc<', html).groups()]
nine = [float(v) for v in re.search(r'xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">9<', html).groups()]
page = read_ppm(sys.argv[2])
# the 9 ends at the stop, 72 + 216 pt; dots along the baseline between
gap = [rgb(page, x, y) for x in range(int(toc[2]) + 4, int(nine[0]) - 2) for y in range(int(nine[1]), int(nine[3]) + 1)]
dots = sum(1 for p in gap if sum(p) < 600)
sys.exit(0 if abs(nine[2] - 288) < 1.5 and dots >= 10 else "9 ends at %.1f, %d dot pixels" % (nine[2], dots))
PYEOF
    check "pdf: a paragraph's shading (w:shd) across its line" $PY3 - "$TMP"/placed-tables-1.ppm <<'PYEOF'
import sys
from pixels import *
page = read_ppm(sys.argv[1])
yellow = rows(page, lambda r, g, b: r > 200 and g > 200 and b < 80)
sys.exit(0 if 8 <= len(yellow) <= 20 else "%d yellow rows" % len(yellow))
PYEOF
    check "pdf: quotes and dashes in Latin text are set in its Latin face" \
        sh -c '! pdffonts "$1" | grep -Eq "Bousung|Noto|WenQuanYi|GBZenKai"' sh "$TMP/placed-tables.pdf"
    written_back "docx: table alignment, indent and direction written back" "$TMP/placed-tables.docx" \
        '<w:jc w:val="right"/>.*<w:tblInd w:w="1440" w:type="dxa"/>.*<w:bidiVisual/>'
fi

# Labels spread over a width (w:fitText), as Word sets a 版记's or a form's:
# 抄送 over 64 pt, its first character at the start and its last at the
# end; a label wider than its width keeps its own.
if [ -x $PY3 ]; then
    $PY3 - "$TMP/fit.docx" <<'PYEOF'
import sys
from minidocx import write_docx
def run(text, fit="", raise_by=""):
    return ('<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/>%s<w:sz w:val="32"/>%s</w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' %
            (raise_by and '<w:position w:val="%s"/>' % raise_by, fit and '<w:fitText w:val="%s" w:id="%s"/>' % fit, text))
body = ('<w:p>' + run("抄送", ("1280", "1")) + run("：区委办") + '</w:p>' +
        '<w:p>' + run("太长的标签", ("640", "2")) + run("：宽度不够") + '</w:p>' +
        '<w:p>' + "".join(run("格", ("600", str(10 + i))) for i in range(100)) + '</w:p>' +
        '<w:p>' + run("基线 ") + run("上升", raise_by="12") + run(" ") + run("下降", raise_by="-12") + '</w:p>')
write_docx(sys.argv[1], body + '<w:sectPr><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr>')
PYEOF
    drawn fit "$TMP/fit.docx"
    check "pdf: a label spread over its width (w:fitText), its last character at the end; raised text (w:position)" \
        $PY3 - "$TMP/fit.html" <<'PYEOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
words = [(float(a), float(b), w) for a, b, w in re.findall(r'xMin="([0-9.]+)"[^>]*xMax="([0-9.]+)"[^>]*>([^<]+)</word>', html)]
chars = {}
for x0, x1, w in words:  # a word's characters are 16 pt wide (no spacing inside a word)
    for i, c in enumerate(w):
        chars.setdefault(c, (x0 + 16 * i, x0 + 16 * (i + 1)))
ok = abs(chars["抄"][0] - 72) < 0.5 and abs(chars["送"][1] - 136) < 0.5 and abs(chars["："][0] - 136) < 0.5
ok = ok and abs(chars["太"][0] - 72) < 0.5 and abs(chars["签"][1] - 152) < 0.5  # 5 characters, wider than 32 pt
# a hundred groups of one character each, 30 pt: lines still break between them
rows = set(y for y in re.findall(r'yMin="([0-9.]+)"[^>]*>格', html))
ok = ok and html.count("格") == 100 and len(rows) > 5
# raised and lowered text (w:position, half points): 6 pt off the baseline
top = dict((w, float(y)) for y, w in re.findall(r'yMin="([0-9.]+)"[^>]*>(基线|上升|下降)</word>', html))
ok = ok and len(top) == 3 and abs(top["基线"] - top["上升"] - 6) < 0.5 and abs(top["下降"] - top["基线"] - 6) < 0.5
sys.exit(0 if ok else "characters at %s, 格 %d times on %d lines" % (chars, html.count("格"), len(rows)))
PYEOF
fi

# Faces Debian lacks: a Latin family nobody maps (Segoe UI) is set in
# Liberation Sans, not whichever face sorts first; a Founder name of a GB/T
# role (方正仿宋_GBK) takes that role's face, without a warning.
printf '<html><body><p><font face="Segoe UI">Hello</font><span style="font-family:方正仿宋_GBK">正文</span></p></body></html>' \
    >"$TMP/faces.html"
"$GONGWEN" convert "$TMP/faces.html" -o "$TMP/faces.pdf" 2>"$TMP/faces.err"
check "pdf: unknown Latin families fall back to Liberation Sans, Founder names to the role's face" \
    sh -c 'pdffonts "$1" | grep -q LiberationSans && pdffonts "$1" | grep -q BousungEG && ! grep -q . "$2"' \
    sh "$TMP/faces.pdf" "$TMP/faces.err"

# Justified Latin text: the slack of a line goes into its spaces (and a
# line of English reaches the right margin, as in Word and LibreOffice).
if [ -x $PY3 ]; then
    $PY3 -c 'print("<html><body><p>" + "The report lists the requests received and answered in the year. " * 12 + "</p></body></html>")' \
        >"$TMP/justified.html"
    drawn justified "$TMP/justified.html"
    check "pdf: justified Latin lines reach the right margin" $PY3 - "$TMP/justified.html" <<'PYEOF'
import re, sys
from collections import defaultdict
html = open(sys.argv[1], encoding="utf-8").read()
ends = defaultdict(float)
for m in re.finditer(r'xMin="[0-9.]+" yMin="([0-9.]+)" xMax="([0-9.]+)"[^>]*>[A-Za-z.]+<', html):
    y, x = round(float(m.group(1))), float(m.group(2))
    ends[y] = max(ends[y], x)
lines = [ends[y] for y in sorted(ends)][:-1]  # not the last line
sys.exit(0 if len(lines) >= 3 and all(abs(x - 521.6) < 1.5 for x in lines) else "line ends %s" % lines)
PYEOF
fi
