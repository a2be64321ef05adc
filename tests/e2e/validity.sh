# validity.sh: gongwen validity and gongwen stamp end to end: report counts
# of the sample register, the held-out register, outputs, usage errors,
# stamping LibreOffice-made PDFs and DOCX, citations.
. "$SRC/tests/lib.sh"
REG="$SRC/samples/register.csv"

# -- counts for report table 二 (samples/README.md: 12 / 9 / 64 in 2023)
out=$($GONGWEN validity "$REG" --year 2023 2>"$TMP/err")
[ "$out" = "$(printf '本年制发件数\t12\n本年废止件数\t9\n现行有效件数\t64')" ] \
    && pass "validity: sample counts for 2023" || fail "validity: sample counts for 2023" "$out"

# -- tagged CSV
$GONGWEN validity "$REG" --as-of 2023-12-31 -o "$TMP/tagged.csv" 2>"$TMP/err"
check "validity: tagged CSV written" test -s "$TMP/tagged.csv"
head -1 "$TMP/tagged.csv" | grep -q '备注,状态,状态起始日期,依据' \
    && pass "validity: status columns added" || fail "validity: status columns added" "$(head -1 "$TMP/tagged.csv")"
[ "$(grep -c ',有效,' "$TMP/tagged.csv")" -eq 64 ] && pass "validity: 64 rows 有效" || fail "validity: 64 rows 有效"
head -c 3 "$TMP/tagged.csv" | od -An -tx1 | grep -q 'ef bb bf' && pass "validity: CSV has a BOM" || fail "validity: CSV has a BOM"
grep -q '^YX0120190002,.*,有效,2019-09-01,有效期5年（默认），自2019年9月1日起至2024年8月31日止' "$TMP/tagged.csv" \
    && pass "validity: reason in words" || fail "validity: reason in words"

# -- XLSX and JSON outputs; the XLSX reads back to the same counts
$GONGWEN validity "$REG" --as-of 2023-12-31 -o "$TMP/tagged.xlsx" 2>/dev/null
out=$($GONGWEN validity "$TMP/tagged.xlsx" --year 2023 2>/dev/null | tr '\n' ' ')
[ "$out" = "$(printf '本年制发件数\t12 本年废止件数\t9 现行有效件数\t64 ')" ] \
    && pass "validity: XLSX output reads back" || fail "validity: XLSX output reads back" "$out"
$GONGWEN validity "$REG" --as-of 2023-12-31 -o "$TMP/tagged.json" 2>/dev/null
grep -q '"状态": "有效"' "$TMP/tagged.json" && pass "validity: JSON output" || fail "validity: JSON output"
# Calc is not part of libreoffice-writer-nogui: skip when it is missing.
if have soffice && [ -e /usr/lib/libreoffice/program/libsclo.so ]; then
    soffice_convert 'csv:Text - txt - csv (StarCalc):44,34,76' "$TMP/tagged.xlsx" "$TMP/lo" \
        && grep -q '^YX0120190002,云府规〔2019〕2号,.*,有效,2019-09-01,' "$TMP/lo/tagged.csv" \
        && pass "validity: LibreOffice opens the XLSX" || fail "validity: LibreOffice opens the XLSX"
else
    skip "validity: LibreOffice opens the XLSX" "no LibreOffice Calc"
fi

# -- the held-out register: every row's status as expected on 2024-07-01
$GONGWEN validity "$SRC/tests/fixtures/validity/heldout.csv" --as-of 2024-07-01 -o "$TMP/heldout.csv" 2>"$TMP/err"
bad=$(tail -n +2 "$TMP/heldout.csv" | awk -F, '$12 != $13 { print $1 ": expected " $12 ", got " $13 }')
rows=$(tail -n +2 "$TMP/heldout.csv" | grep -c .)
[ -z "$bad" ] && [ "$rows" -eq 17 ] && pass "validity: held-out register, all $rows rows" \
    || fail "validity: held-out register" "$bad"
grep -q 'heldout.csv:17: 失效日期早于实施日期' "$TMP/err" \
    && pass "validity: bad row reported with its line" || fail "validity: bad row reported with its line" "$(cat "$TMP/err")"

# -- usage errors exit 2, unreadable registers 1
$GONGWEN validity >/dev/null 2>&1; [ $? -eq 2 ] && pass "validity: no register is a usage error" || fail "validity: no register is a usage error"
$GONGWEN validity "$REG" --as-of 2024-13-01 >/dev/null 2>&1; [ $? -eq 2 ] && pass "validity: bad --as-of" || fail "validity: bad --as-of"
$GONGWEN validity "$TMP/none.csv" >/dev/null 2>"$TMP/err"; [ $? -eq 1 ] && grep -q 'none.csv: cannot read: no such file' "$TMP/err" \
    && pass "validity: missing register" || fail "validity: missing register" "$(cat "$TMP/err")"
$GONGWEN validity --help | grep -q -- '--check-citations' && pass "validity: --help" || fail "validity: --help"
$GONGWEN stamp --register "$REG" "$TMP/x.pdf" >/dev/null 2>&1; [ $? -eq 2 ] && pass "stamp: no -o is a usage error" || fail "stamp: no -o is a usage error"
echo '[term]
default=abc' >"$TMP/bad.ini"
$GONGWEN validity "$REG" --rules "$TMP/bad.ini" >/dev/null 2>"$TMP/err"; [ $? -eq 1 ] && grep -q 'bad.ini' "$TMP/err" \
    && pass "validity: bad rules file" || fail "validity: bad rules file"
printf '[term]\ndefault=3\n' >"$TMP/three.ini"
$GONGWEN validity "$REG" --rules "$TMP/three.ini" --as-of 2023-12-31 | grep -q '有效期3年（默认）' \
    && pass "validity: --rules changes the default term" || fail "validity: --rules changes the default term"

# -- citations of dead documents
$GONGWEN validity "$REG" --check-citations "$SRC/samples/docs" >"$TMP/cites" 2>"$TMP/err"
[ "$(grep -c . "$TMP/cites")" -eq 1 ] && grep -q 'construction-waste-2024-3.txt	云府规〔2019〕2号	废止	2024-07-15（register）' "$TMP/cites" \
    && pass "validity: citations" || fail "validity: citations" "$(cat "$TMP/cites" "$TMP/err")"

# -- stamping documents gongwen did not make (LibreOffice's PDF and DOCX)
if ! have soffice || ! have pdftotext; then
    skip "stamp: PDF and DOCX" "no soffice or pdftotext"
    exit 0
fi
mkdir -p "$TMP/docs" "$TMP/orig"
cp "$SRC"/samples/docs/parking-2019-2.txt "$SRC"/samples/docs/training-2020-2.txt \
    "$SRC"/samples/docs/ride-hailing-2023-1.txt "$SRC"/samples/docs/notice-meeting.txt "$TMP/docs/"
for f in "$TMP"/docs/*.txt; do soffice_convert pdf "$f" "$TMP/docs"; done
soffice_convert docx "$TMP/docs/parking-2019-2.txt" "$TMP/docs"
if [ ! -f "$TMP/docs/parking-2019-2.pdf" ] || [ ! -f "$TMP/docs/parking-2019-2.docx" ]; then
    fail "stamp: LibreOffice made the test documents"
    exit 0
fi
cp "$TMP"/docs/*.pdf "$TMP"/docs/*.docx "$TMP/orig/"
$GONGWEN stamp --register "$REG" --as-of 2024-07-01 -o "$TMP/stamped" "$TMP"/docs/*.pdf "$TMP"/docs/*.docx \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] && pass "stamp: exit 0 with an unmatched document" || fail "stamp: exit 0 with an unmatched document" "rc=$rc $(cat "$TMP/err")"
grep -q 'unmatched: .*notice-meeting.pdf' "$TMP/err" && [ ! -e "$TMP/stamped/notice-meeting.pdf" ] \
    && pass "stamp: unmatched document listed" || fail "stamp: unmatched document listed"
same=yes
for f in "$TMP"/orig/*; do cmp -s "$f" "$TMP/docs/$(basename "$f")" || same=no; done
[ $same = yes ] && pass "stamp: originals unchanged" || fail "stamp: originals unchanged"

pdftotext -f 1 -l 1 "$TMP/stamped/parking-2019-2.pdf" "$TMP/p1.txt"
head -1 "$TMP/p1.txt" | grep -q '^本文件已于2024年6月30日废止（依据：云府规〔2024〕2号）$' \
    && pass "stamp: PDF notice on page one" || fail "stamp: PDF notice on page one" "$(head -2 "$TMP/p1.txt")"
pdftotext "$TMP/stamped/parking-2019-2.pdf" - | tail -n +2 >"$TMP/rest.txt"
pdftotext "$TMP/docs/parking-2019-2.pdf" "$TMP/orig.txt"
cmp -s "$TMP/rest.txt" "$TMP/orig.txt" && pass "stamp: PDF text all there and in order" \
    || fail "stamp: PDF text all there and in order" "$(diff "$TMP/orig.txt" "$TMP/rest.txt" | head -5)"
pdftotext -f 1 -l 1 "$TMP/stamped/training-2020-2.pdf" - | head -1 | grep -q '^本文件已于2024年6月30日失效$' \
    && pass "stamp: PDF expiry notice" || fail "stamp: PDF expiry notice"
pdftotext "$TMP/docs/ride-hailing-2023-1.pdf" "$TMP/rh.txt"
pdftotext "$TMP/stamped/ride-hailing-2023-1.pdf" - | cmp -s - "$TMP/rh.txt" \
    && pass "stamp: in-force PDF text unchanged" || fail "stamp: in-force PDF text unchanged"
if have pdfinfo; then
    pdfinfo -custom "$TMP/stamped/ride-hailing-2023-1.pdf" | grep -q 'GongwenStatus: *有效' \
        && pass "stamp: PDF status metadata" || fail "stamp: PDF status metadata"
fi
have qpdf && { qpdf --check "$TMP/stamped/parking-2019-2.pdf" >/dev/null 2>&1 \
    && pass "stamp: qpdf --check" || fail "stamp: qpdf --check"; }
soffice_convert txt "$TMP/stamped/parking-2019-2.docx" "$TMP/lo"
head -1 "$TMP/lo/parking-2019-2.txt" | grep -q '本文件已于2024年6月30日废止（依据：云府规〔2024〕2号）' \
    && pass "stamp: DOCX opens in LibreOffice with the notice" || fail "stamp: DOCX opens in LibreOffice with the notice"
grep -q '云溪区停车场建设管理办法' "$TMP/lo/parking-2019-2.txt" && pass "stamp: DOCX body kept" || fail "stamp: DOCX body kept"
$GONGWEN stamp --register "$REG" --as-of 2024-07-01 -o "$TMP/docs" "$TMP/docs/parking-2019-2.pdf" >/dev/null 2>&1
[ $? -eq 1 ] && cmp -s "$TMP/docs/parking-2019-2.pdf" "$TMP/orig/parking-2019-2.pdf" \
    && pass "stamp: refuses to overwrite the original" || fail "stamp: refuses to overwrite the original"
