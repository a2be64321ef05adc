# pdfa.sh: the sample report as PDF/A-2b (issue 9's bar): qpdf --check
# clean, every requirement of tests/pdfa-check.py met from the file's own
# objects, pdftotext text unchanged from the plain PDF; the defaults from
# GONGWEN_PDFA and gongwen.conf.
. "$SRC/tests/lib.sh"

if ! have_sample; then
    skip "pdfa: sample" "no ../shared"
    exit 0
fi
require "pdfa: sample" qpdf pdftotext pdfinfo
if [ ! -x "$PY3" ]; then
    skip "pdfa: sample" "no $PY3 to read qpdf's JSON"
    exit 0
fi

if ! out=$("$GONGWEN" convert "$SAMPLE" -o "$TMP/a.pdf" --pdfa --title "黄浦区2022年政府信息公开工作年度报告" \
        --issuer "上海市黄浦区人民政府" --number "黄府办〔2023〕1号" --date 2023-01-20 2>&1); then
    case "$out" in
    *"sRGB ICC profile"*) skip "pdfa: sample" "$out" ;;
    *) fail "pdfa: convert --pdfa" "$out" ;;
    esac
    exit 0
fi
pass "pdfa: the sample converts with --pdfa"
check "pdfa: qpdf --check is clean" qpdf --check "$TMP/a.pdf"
"$PY3" "$SRC/tests/pdfa-check.py" "$TMP/a.pdf"

# The checker can fail: a plain PDF lacks most of what PDF/A needs.
"$GONGWEN" convert "$SAMPLE" -o "$TMP/plain.pdf" --title "黄浦区2022年政府信息公开工作年度报告" \
    --issuer "上海市黄浦区人民政府" --number "黄府办〔2023〕1号" --date 2023-01-20 2>/dev/null
if "$PY3" "$SRC/tests/pdfa-check.py" "$TMP/plain.pdf" >"$TMP/plain.check"; then
    fail "pdfa: the checker rejects a plain PDF"
else
    check "pdfa: the checker rejects a plain PDF (no XMP, no output intent)" \
        grep -q "FAIL: pdfa: one GTS_PDFA1 output intent" "$TMP/plain.check"
fi

pdftotext -enc UTF-8 "$TMP/a.pdf" "$TMP/a.txt"
pdftotext -enc UTF-8 "$TMP/plain.pdf" "$TMP/plain.txt"
check "pdfa: pdftotext text equals the plain PDF's" cmp -s "$TMP/a.txt" "$TMP/plain.txt"
check "pdfa: pdfinfo sees the XMP and the tagging" \
    sh -c "pdfinfo '$TMP/a.pdf' | grep -q '^Metadata Stream: *yes' && pdfinfo '$TMP/a.pdf' | grep -q '^Tagged: *yes'"
pdfinfo -meta "$TMP/a.pdf" >"$TMP/xmp"
sum=$(sha256sum "$SAMPLE" | cut -d' ' -f1)
check "pdfa: gongwen's XMP has 文号, 发布机关, 成文日期, source and its SHA-256" sh -c "
    grep -q '<gw:number>黄府办〔2023〕1号</gw:number>' '$TMP/xmp' &&
    grep -q '<gw:issuer>上海市黄浦区人民政府</gw:issuer>' '$TMP/xmp' &&
    grep -q '<gw:date>2023-01-20</gw:date>' '$TMP/xmp' &&
    grep -q '<gw:source>huangpu-2022-report.txt</gw:source>' '$TMP/xmp' &&
    grep -q '<gw:sourceSHA256>$sum</gw:sourceSHA256>' '$TMP/xmp'"

# Same document, same SOURCE_DATE_EPOCH: the same bytes (document ID from content).
SOURCE_DATE_EPOCH=1700000000 "$GONGWEN" convert "$SAMPLE" -o "$TMP/r1.pdf" --pdfa 2>/dev/null
SOURCE_DATE_EPOCH=1700000000 "$GONGWEN" convert "$SAMPLE" -o "$TMP/r2.pdf" --pdfa 2>/dev/null
check "pdfa: reproducible with SOURCE_DATE_EPOCH" cmp -s "$TMP/r1.pdf" "$TMP/r2.pdf"

# Defaults: GONGWEN_PDFA, then [pdf] pdfa in gongwen.conf; --no-pdfa wins.
has_xmp() { pdfinfo "$1" 2>/dev/null | grep -q '^Metadata Stream: *yes'; }
GONGWEN_PDFA=1 "$GONGWEN" convert "$SAMPLE" -o "$TMP/env.pdf" 2>/dev/null
check "pdfa: GONGWEN_PDFA=1 makes PDF/A the default" has_xmp "$TMP/env.pdf"
GONGWEN_PDFA=1 "$GONGWEN" convert "$SAMPLE" -o "$TMP/no.pdf" --no-pdfa 2>/dev/null
check "pdfa: --no-pdfa overrides the default" sh -c "! pdfinfo '$TMP/no.pdf' | grep -q '^Metadata Stream: *yes'"
mkdir -p "$TMP/config/gongwen"
printf '[pdf]\npdfa=true\n' >"$TMP/config/gongwen/gongwen.conf"
XDG_CONFIG_HOME="$TMP/config" "$GONGWEN" convert "$SAMPLE" -o "$TMP/conf.pdf" 2>/dev/null
check "pdfa: gongwen.conf [pdf] pdfa=true makes PDF/A the default" has_xmp "$TMP/conf.pdf"
XDG_CONFIG_HOME="$TMP/config" GONGWEN_PDFA=0 "$GONGWEN" convert "$SAMPLE" -o "$TMP/env0.pdf" 2>/dev/null
check "pdfa: GONGWEN_PDFA=0 overrides gongwen.conf" sh -c "! pdfinfo '$TMP/env0.pdf' | grep -q '^Metadata Stream: *yes'"
