# info.sh: gongwen info on PDF and DOCX files: pages, page size, fonts,
# metadata, PDF/A claim, validity status, checked against poppler's and
# qpdf's own readings; --json; files stamped by gongwen stamp; errors.
. "$SRC/tests/lib.sh"

if ! have_sample; then
    skip "info: sample" "no ../shared"
    exit 0
fi
require "info: sample" pdfinfo pdffonts
if [ ! -x "$PY3" ]; then
    skip "info: sample" "no $PY3 to read JSON"
    exit 0
fi

meta="--number 黄府办〔2023〕1号 --issuer 上海市黄浦区人民政府 --date 2023-01-20 --title 黄浦区2022年政府信息公开工作年度报告"
# shellcheck disable=SC2086
"$GONGWEN" convert "$SAMPLE" -o "$TMP/a.pdf" --pdfa $meta 2>/dev/null &&
    "$GONGWEN" convert "$SAMPLE" -o "$TMP/plain.pdf" --no-pdfa 2>/dev/null &&
    "$GONGWEN" convert "$SAMPLE" -o "$TMP/a.docx" $meta 2>/dev/null ||
    { fail "info: test documents" "convert failed"; exit 0; }

# field FILE.json EXPR: a Python expression over the JSON object j (a tuple
# prints space-separated).
field() { "$PY3" -c "import json,sys; j=json.load(open(sys.argv[1])); v=($2); print(*v if isinstance(v, tuple) else [v])" "$1"; }

check "info: reads a PDF/A" sh -c "'$GONGWEN' info --json '$TMP/a.pdf' >'$TMP/a.json'"
pages=$(pdfinfo "$TMP/a.pdf" | sed -n 's/^Pages: *//p')
check "info: pages as pdfinfo says ($pages)" test "$(field "$TMP/a.json" 'j["pages"]')" = "$pages"
check "info: A4" test "$(field "$TMP/a.json" 'j["page_size"]["name"], round(j["page_size"]["width"])')" = "A4 595"
check "info: PDF/A-2B claim" test "$(field "$TMP/a.json" 'j["pdfa"], j["tagged"], j["encrypted"]')" = "2B True False"
n_fonts=$(pdffonts "$TMP/a.pdf" | tail -n +3 | wc -l)
check "info: the fonts pdffonts lists ($n_fonts), all embedded" \
    test "$(field "$TMP/a.json" 'len(j["fonts"]), all(f["embedded"] for f in j["fonts"])')" = "$n_fonts True"
pdffonts "$TMP/a.pdf" | tail -n +3 | awk '{ print $1 }' | sort >"$TMP/pdffonts.names"
field "$TMP/a.json" '"\n".join(sorted(f["name"] for f in j["fonts"]))' >"$TMP/info.names"
check "info: font names as pdffonts gives them" cmp -s "$TMP/pdffonts.names" "$TMP/info.names"
check "info: gongwen's XMP metadata" test "$(field "$TMP/a.json" 'j["gongwen"]["number"], j["gongwen"]["issuer"], j["gongwen"]["date"], j["gongwen"]["source"]')" \
    = "黄府办〔2023〕1号 上海市黄浦区人民政府 2023-01-20 huangpu-2022-report.txt"
check "info: Info dictionary" test "$(field "$TMP/a.json" 'j["metadata"]["Title"], j["metadata"]["Creator"][:7]')" \
    = "黄浦区2022年政府信息公开工作年度报告 gongwen"

"$GONGWEN" info --json "$TMP/plain.pdf" >"$TMP/plain.json"
check "info: a plain PDF claims no PDF/A and is not tagged" \
    test "$(field "$TMP/plain.json" 'j["pdfa"], j["tagged"]')" = "None False"

check "info: reads a DOCX" sh -c "'$GONGWEN' info --json '$TMP/a.docx' >'$TMP/d.json'"
check "info: DOCX page size A4, fonts declared" \
    test "$(field "$TMP/d.json" 'j["format"], j["page_size"]["name"], len(j["fonts"]) > 0')" = "docx A4 True"
check "info: DOCX metadata and gongwen's custom properties" \
    test "$(field "$TMP/d.json" 'j["metadata"]["dc:title"], j["gongwen"]["number"], j["gongwen"]["issuer"], j["gongwen"]["date"]')" \
    = "黄浦区2022年政府信息公开工作年度报告 黄府办〔2023〕1号 上海市黄浦区人民政府 2023-01-20"

"$GONGWEN" info "$TMP/a.pdf" >"$TMP/a.txt"
check "info: text output" sh -c "grep -q '^PDF/A: *PDF/A-2B' '$TMP/a.txt' && grep -q '^Page size: .*(A4)' '$TMP/a.txt' &&
    grep -q '^Pages: *$pages\$' '$TMP/a.txt'"

# Validity status recorded by gongwen stamp.
cat >"$TMP/register.csv" <<'CSV'
ID,Number,Title,Issuer,Issued,Effective,Term,Expires,Repealed,Repealed_by,Note
1,黄府办〔2023〕1号,黄浦区2022年政府信息公开工作年度报告,上海市黄浦区人民政府,2023-01-20,2023-01-20,,2023-12-31,,,
CSV
mkdir -p "$TMP/stamped"
if "$GONGWEN" stamp --register "$TMP/register.csv" --as-of 2024-07-01 -o "$TMP/stamped" "$TMP/a.pdf" "$TMP/a.docx" \
        >/dev/null 2>"$TMP/stamp.err"; then
    "$GONGWEN" info --json "$TMP/stamped/a.pdf" "$TMP/stamped/a.docx" >"$TMP/s.jsonl"
    status=$("$PY3" -c 'import json,sys; print([(j["format"], j["gongwen"]["status"], j["gongwen"]["statusDate"]) for j in map(json.loads, open(sys.argv[1]))])' "$TMP/s.jsonl")
    check "info: status stamped into PDF and DOCX ($status)" \
        test "$status" = "[('pdf', '失效', '2024-01-01'), ('docx', '失效', '2024-01-01')]"
else
    fail "info: stamp the test documents" "$(head -2 "$TMP/stamp.err")"
fi

printf 'plain text\n' >"$TMP/x.txt"
"$GONGWEN" info "$TMP/x.txt" >/dev/null 2>"$TMP/err"
rc=$?
check "info: neither PDF nor DOCX exits 1 with a message (rc=$rc)" sh -c "[ $rc -eq 1 ] && grep -q 'neither a PDF nor a DOCX' '$TMP/err'"
"$GONGWEN" info "$TMP/missing.pdf" >/dev/null 2>&1
rc=$?
check "info: a missing file exits 1" test $rc -eq 1
"$GONGWEN" info >/dev/null 2>&1
rc=$?
check "info: no file is a usage error" test $rc -eq 2
printf '%%PDF-1.4\ngarbage' >"$TMP/broken.pdf"
"$GONGWEN" info "$TMP/broken.pdf" >/dev/null 2>"$TMP/err"
rc=$?
check "info: a broken PDF exits 1 naming the file (rc=$rc)" sh -c "[ $rc -eq 1 ] && grep -q 'broken.pdf' '$TMP/err'"
