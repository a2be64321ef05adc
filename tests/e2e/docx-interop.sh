#!/bin/sh
# docx-interop.sh: DOCX files gongwen writes, read back by independent
# readers (LibreOffice, pandoc, python-docx).  (a) a table with merged
# cells and a document using every feature, written by the unit test
# test-docx-writer; (b) the real sample report through `gongwen convert`.
. "$SRC/tests/lib.sh"

# ---- (a) fixtures from the unit test --------------------------------------

MAKER="$(dirname "$GONGWEN")/tests/test-docx-writer"
MERGED="$TMP/merged-table.docx"
FULL="$TMP/full.docx"
if [ -x "$MAKER" ] && GW_FIXTURE_OUT="$TMP" "$MAKER" >"$TMP/maker.log" 2>&1 && [ -s "$MERGED" ]; then
    pass "fixtures: written by test-docx-writer"
else
    fail "fixtures: written by test-docx-writer" "$(grep -m1 FAIL "$TMP/maker.log")"
fi

# count_of PATTERN FILE: how many times PATTERN occurs in FILE.
count_of() { grep -o -- "$1" "$2" | wc -l | tr -d ' '; }

# spans_ok NAME HTML: the merged table's spans survived.
spans_ok() {
    r2=$(count_of 'rowspan="2"' "$2"); c3=$(count_of 'colspan="3"' "$2"); c2=$(count_of 'colspan="2"' "$2")
    if [ "$r2" = 2 ] && [ "$c3" = 1 ] && [ "$c2" = 2 ]; then
        pass "$1"
    else
        fail "$1" "rowspan=2 x$r2 (want 2), colspan=3 x$c3 (want 1), colspan=2 x$c2 (want 2)"
    fi
}

if ! have soffice; then
    skip "LibreOffice reads merged cells" "soffice not installed"
elif soffice_convert html "$MERGED" "$TMP/lo"; then
    spans_ok "LibreOffice reads merged cells" "$TMP/lo/merged-table.html"
    if soffice_convert txt "$FULL" "$TMP/lo" && grep -q "附件：1.年度报告.docx" "$TMP/lo/full.txt" &&
        grep -q "（一）加强组织领导" "$TMP/lo/full.txt" && grep -q "（二） 第2项" "$TMP/lo/full.txt"; then
        pass "LibreOffice reads the full document"
    else
        fail "LibreOffice reads the full document"
    fi
else
    fail "LibreOffice reads merged cells" "soffice --convert-to html failed"
fi

if ! have pandoc; then
    skip "pandoc reads merged cells" "pandoc not installed"
else
    pandoc -f docx -t html "$MERGED" -o "$TMP/pandoc.html" 2>"$TMP/pandoc.err"
    spans_ok "pandoc reads merged cells" "$TMP/pandoc.html"
    pandoc -f docx -t markdown "$FULL" -o "$TMP/full.md" 2>>"$TMP/pandoc.err"
    if [ "$(grep -c '^# ' "$TMP/full.md")" = 1 ] && [ "$(grep -c '^## ' "$TMP/full.md")" = 1 ] &&
        grep -q '^1\.  第1项' "$TMP/full.md" && grep -q '^\[\^1\]: 脚注内容。' "$TMP/full.md"; then
        pass "pandoc reads headings, lists and notes"
    else
        fail "pandoc reads headings, lists and notes" "see $TMP/full.md"
    fi
fi

if ! have_python_docx; then
    skip "python-docx reads merged cells" "python3-docx not installed"
else
    check "python-docx reads merged cells" $PY3 - "$MERGED" <<'EOF'
import sys, docx
rows = [[c.text for c in r.cells] for r in docx.Document(sys.argv[1]).tables[0].rows]
want = [["项目", "申请人情况", "申请人情况", "申请人情况"],
        ["项目", "自然人", "法人或其他组织", "总计"],
        ["一、本年新收", "1020", "42", "1062"],
        ["三、本年度办理结果", "（一）予以公开", "（一）予以公开", "333"],
        ["三、本年度办理结果", "（二）部分公开", "（二）部分公开", "76"]]
sys.exit(0 if rows == want else "%r" % rows)
EOF
fi

if [ -x $PY3 ]; then
    check "JSON output parses and keeps the table" $PY3 - "$TMP/full.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
tables = [b for b in doc["blocks"] if b["kind"] == "table"]
cells = [c for r in tables[0]["children"] for c in r["children"]]
assert doc["meta"]["number"] == "测府〔2023〕1号"
assert [(c["col"], c["colspan"], c["rowspan"]) for c in cells][:2] == [(0, 1, 2), (1, 3, 1)]
assert doc["blocks"][0]["kind"] == "title"
EOF
else
    skip "JSON output parses" "no $PY3"
fi

# ---- (b) the sample report --------------------------------------------------

TITLE="广州市黄埔区人民政府 广州开发区管委会2022年政府信息公开工作年度报告"
REPORT="$TMP/report.docx"
if ! have_sample; then
    skip "sample report to DOCX" "no $SAMPLE"
    exit 0
fi
if ! "$GONGWEN" convert "$SAMPLE" -o "$REPORT" --title "$TITLE" --issuer "广州市黄埔区人民政府" \
    --date 2023-01-31 2>"$TMP/convert.err"; then
    if grep -q "not written yet" "$TMP/convert.err"; then
        skip "sample report to DOCX" "the text reader is not written yet"
    else
        fail "sample report to DOCX" "$(cat "$TMP/convert.err")"
    fi
    exit 0
fi
pass "sample report to DOCX"

if ! have soffice; then
    skip "sample: LibreOffice gives back every line" "soffice not installed"
elif soffice_convert txt "$REPORT" "$TMP/lo"; then
    # Every non-empty source line, NFKC- and whitespace-normalised, is an
    # output paragraph, or part of the 附件 paragraph that joins the label
    # and the first attachment as GB/T 9704 lays them out.
    check "sample: LibreOffice gives back every line" $PY3 - "$SAMPLE" "$TMP/lo/report.txt" <<'EOF'
import sys, unicodedata
norm = lambda s: "".join(unicodedata.normalize("NFKC", s).split())
src = [norm(l) for l in open(sys.argv[1], encoding="utf-8-sig") if norm(l)]
out = [norm(l) for l in open(sys.argv[2], encoding="utf-8-sig") if norm(l)]
paras = set(out)
att = [p for p in out if p.startswith("附件")]
missing = [l for l in src if l not in paras and not any(l in p for p in att)]
sys.exit("missing: %r" % missing[:3] if missing else 0)
EOF
else
    fail "sample: LibreOffice gives back every line" "soffice --convert-to txt failed"
fi

# GB/T 9704's 28 characters a line hold in LibreOffice too: its PDF of the
# DOCX breaks most lines where gongwen's PDF of the text does (LibreOffice
# adds space between Chinese and digits, which moves some breaks).
if ! have soffice; then
    skip "sample: LibreOffice breaks lines as gongwen does" "soffice not installed"
elif soffice_convert pdf "$REPORT" "$TMP/lo" && "$GONGWEN" convert "$SAMPLE" -o "$TMP/gw.pdf" 2>/dev/null; then
    pdftotext "$TMP/lo/report.pdf" "$TMP/lo-lines.txt"
    pdftotext "$TMP/gw.pdf" "$TMP/gw-lines.txt"
    check "sample: LibreOffice breaks lines as gongwen does" $PY3 - "$TMP/lo-lines.txt" "$TMP/gw-lines.txt" <<'EOF'
import sys
lines = lambda f: set("".join(l.split()) for l in open(f, encoding="utf-8") if len("".join(l.split())) >= 20)
lo, gw = lines(sys.argv[1]), lines(sys.argv[2])
share = len(lo & gw) / max(len(gw), 1)
sys.exit(0 if share >= 0.4 else "%.0f%% of the lines are the same" % (100 * share))
EOF
else
    fail "sample: LibreOffice breaks lines as gongwen does" "soffice --convert-to pdf failed"
fi

if ! have pandoc; then
    skip "sample: pandoc sees 6 + 7 headings" "pandoc not installed"
else
    pandoc -f docx -t markdown "$REPORT" -o "$TMP/report.md" 2>"$TMP/pandoc.err"
    h1=$(grep -c '^# ' "$TMP/report.md"); h2=$(grep -c '^## ' "$TMP/report.md")
    if [ "$h1" = 6 ] && [ "$h2" = 7 ]; then
        pass "sample: pandoc sees 6 + 7 headings"
    else
        fail "sample: pandoc sees 6 + 7 headings" "level 1: $h1, level 2: $h2"
    fi
fi

if ! have_python_docx; then
    skip "sample: python-docx styles and indents" "python3-docx not installed"
else
    check "sample: python-docx styles and indents" $PY3 - "$REPORT" <<'EOF'
import sys, docx
from docx.shared import Pt
d = docx.Document(sys.argv[1])
def first_line_indent(p):
    if p.paragraph_format.first_line_indent is not None:
        return p.paragraph_format.first_line_indent
    s = p.style
    while s is not None:
        if s.paragraph_format.first_line_indent is not None:
            return s.paragraph_format.first_line_indent
        s = s.base_style
    return None
names = [p.style.name for p in d.paragraphs]
assert names.count("Heading 1") == 6, names
assert names.count("Heading 2") == 7, names
body = [p for p in d.paragraphs if p.style.name == "Normal" and p.text.strip()]
assert len(body) >= 10, len(body)
bad = [p.text[:10] for p in body if abs((first_line_indent(p) or 0) - Pt(32)) > Pt(0.5)]
assert not bad, bad
ind = d.styles["Normal"].element.pPr.find(docx.oxml.ns.qn("w:ind"))
assert ind.get(docx.oxml.ns.qn("w:firstLineChars")) == "200"
att = [p for p in d.paragraphs if "年度报告.docx" in p.text or "年度报告.pdf" in p.text]
assert len(att) == 2 and not any(p.style.name.startswith("Heading") for p in att), [p.style.name for p in att]
EOF
fi
