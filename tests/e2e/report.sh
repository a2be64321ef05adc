# report.sh: the annual report: statistics template, tables put back into the
# real sample, gongwen check on text + stats, HTML pages and DOCX, and each
# kind of planted inconsistency caught.
. "$SRC/tests/lib.sh"
FIX="$SRC/tests/fixtures"
STATS="$FIX/huangpu-2022-stats.ini"
LINHU="$FIX/linhu-2023-report.html"
TONGJI="$FIX/tongji-2019-report-gbk.html"

# pending NAME LOG: skip NAME when the module it needs is not written yet.
pending() {
    if grep -q "not written yet" "$2"; then skip "$1" "$(grep -m1 "not written yet" "$2")"; return 0; fi
    return 1
}

# expect_check NAME WANT-EXIT FILE [ARGS...]: gongwen check exits as wanted.
expect_check() {
    name=$1 want=$2; shift 2
    "$GONGWEN" check -q "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if pending "$name" "$TMP/err"; then return 1; fi
    if [ "$rc" -eq "$want" ]; then pass "$name"; else fail "$name" "exit $rc, want $want: $(cat "$TMP/out" "$TMP/err" | head -3)"; fi
    return 0
}

# found NAME TEXT...: the last check printed a line with every TEXT.
found() {
    name=$1; shift
    line=$(cat "$TMP/out")
    for t in "$@"; do
        line=$(printf '%s\n' "$line" | grep -F -- "$t")
    done
    if [ -n "$line" ]; then pass "$name"; else fail "$name" "no line with: $*"; fi
}

# ---- the template -------------------------------------------------------
check "report template prints" sh -c '"$GONGWEN" report template > "$TMP/t.ini" && grep -q "^\[table3\]" "$TMP/t.ini"'
check "report template --format 2019" sh -c '"$GONGWEN" report template --format 2019 | grep -q "^other ="'
check "report template -o writes a file" sh -c '"$GONGWEN" report template -o "$TMP/t2.ini" && cmp -s "$TMP/t.ini" "$TMP/t2.ini"'
"$GONGWEN" report template --format 2020 >/dev/null 2>&1
[ $? -eq 2 ] && pass "report template: bad --format is a usage error" || fail "report template: bad --format is a usage error"
"$GONGWEN" check >/dev/null 2>&1
[ $? -eq 2 ] && pass "check: no file is a usage error" || fail "check: no file is a usage error"
"$GONGWEN" check "$TMP/none.html" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q "none.html" "$TMP/err" && pass "check: a missing file is exit 1" || fail "check: a missing file is exit 1"
printf '[table3]\nnew = a lot\n' > "$TMP/bad.ini"
"$GONGWEN" check --stats "$TMP/bad.ini" "$LINHU" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q "bad.ini.*new" "$TMP/err" && pass "check: a bad statistics file names the key" ||
    fail "check: a bad statistics file names the key" "$(cat "$TMP/err")"
# a statistics file is compared with the tables a page has
expect_check "check: stats that disagree with the page's tables" 1 "$LINHU" --stats "$TMP/t.ini"

# ---- HTML pages with site navigation around the article ---------------------
expect_check "check: UTF-8 government page is consistent" 0 "$LINHU"
expect_check "check: GBK government page is consistent" 0 "$TONGJI"
"$GONGWEN" check "$TONGJI" >"$TMP/out" 2>&1
grep -q "0 errors, 0 warnings" "$TMP/out" && pass "check: GBK page has no warnings" || fail "check: GBK page has no warnings" "$(cat "$TMP/out")"

sed 's/予以公开102件/予以公开103件/' "$LINHU" > "$TMP/p1.html"
expect_check "html: changed narrative figure caught" 1 "$TMP/p1.html" && found "html: ...naming row, column and both values" "（一）予以公开" "总计" "102" "103"
sed 's/>102<\/p>/>101<\/p>/' "$LINHU" > "$TMP/p2.html"
expect_check "html: broken row sum caught" 1 "$TMP/p2.html" && found "html: ...on its row" "row （一）予以公开" "column 总计" "101" "102"
sed 's/>246<\/p>/>247<\/p>/' "$LINHU" > "$TMP/p3.html"
expect_check "html: broken column sum caught" 1 "$TMP/p3.html" && found "html: ...on its column" "row （七）总计" "column 自然人" "247" "246"
sed '/结转下年度继续办理<\/p>/{s/>12<\/p>/>13<\/p>/;s/>11<\/p>/>12<\/p>/;}' "$LINHU" > "$TMP/p4.html"
expect_check "html: broken 一+二=七+四 caught" 1 "$TMP/p4.html" && found "html: ...per column" "一 + 二 = 三（七）总计 + 四" "column 自然人"
iconv -f GB18030 -t UTF-8 "$TONGJI" | sed 's/予以公开9件/予以公开8件/' | iconv -f UTF-8 -t GB18030 > "$TMP/p5.html"
expect_check "html: GBK page's changed figure caught" 1 "$TMP/p5.html" && found "html: ...in the GBK page" "（一）予以公开" "9" "8"
iconv -f GB18030 -t UTF-8 "$TONGJI" | sed 's/<TD align=center>1<TD>&nbsp<TD>&nbsp<TD>&nbsp<TD align=center>1/<TD align=center>1<TD>\&nbsp<TD>\&nbsp<TD>\&nbsp<TD align=center>2/' |
    iconv -f UTF-8 -t GB18030 > "$TMP/p6.html"
expect_check "html: GBK page's table 四 total caught" 1 "$TMP/p6.html" && found "html: ...in table 四" "行政复议" "总计" "2"

# ---- the real sample: text + statistics ---------------------------------------
if ! have_sample; then
    skip "sample: checks" "no ../shared"
else
    if expect_check "sample + stats: consistent" 0 "$SAMPLE" --stats "$STATS"; then
        sed 's/申请1062宗/申请1063宗/' "$SAMPLE" > "$TMP/s1.txt"
        expect_check "sample: changed narrative figure caught" 1 "$TMP/s1.txt" --stats "$STATS" &&
            found "sample: ...names both values" "一、本年新收政府信息公开申请数量" "总计" "1062" "1063"
        sed 's/^partial = 70; 5; ; ; 1; ; 76/partial = 70; 5; ; ; 1; ; 77/' "$STATS" > "$TMP/row.ini"
        expect_check "sample: broken row sum caught" 1 "$SAMPLE" --stats "$TMP/row.ini" &&
            found "sample: ...on its row" "（二）部分公开" "column 总计" "77" "76"
        sed 's/^total = 1007; 29;/total = 1007; 30;/' "$STATS" > "$TMP/col.ini"
        expect_check "sample: broken column sum caught" 1 "$SAMPLE" --stats "$TMP/col.ini" &&
            found "sample: ...on its column" "row （七）总计" "column 商业企业" "30" "29"
        sed 's/^carryover = 21; 2; ; ; ; ; 23/carryover = 22; 2; ; ; ; ; 24/' "$STATS" > "$TMP/bal.ini"
        expect_check "sample: broken 一+二=七+四 caught" 1 "$SAMPLE" --stats "$TMP/bal.ini" &&
            found "sample: ...in the balance" "一 + 二 = 三（七）总计 + 四" "column 自然人" "1028" "1029"
    fi

    # the attachments: DOCX and PDF with the three tables in place
    "$GONGWEN" convert "$SAMPLE" --stats "$STATS" -o "$TMP/report.docx" 2>"$TMP/err"
    rc=$?
    if ! pending "sample + stats -> DOCX" "$TMP/err"; then
        [ $rc -eq 0 ] && pass "sample + stats -> DOCX" || fail "sample + stats -> DOCX" "$(cat "$TMP/err")"
        expect_check "DOCX: gongwen check passes it" 0 "$TMP/report.docx"
        if have soffice; then
            mkdir -p "$TMP/lo"
            soffice_convert html "$TMP/report.docx" "$TMP/lo"
            H="$TMP/lo/report.html"
            if [ -f "$H" ]; then
                # table 三: the table whose text has 本年新收
                awk 'BEGIN{RS="</table>"} /本年新收/ {print; exit}' "$H" > "$TMP/t3.html"
                cols=$(grep -o '<col ' "$TMP/t3.html" | wc -l)
                [ "$cols" -eq 10 ] && pass "LibreOffice: table 三 has 10 columns" || fail "LibreOffice: table 三 has 10 columns" "$cols"
                for span in 'rowspan="3" colspan="3"|colspan="3" rowspan="3"' 'colspan="7"' 'colspan="5"' 'rowspan="2"' \
                    'rowspan="22"' 'rowspan="8"' 'rowspan="5"'; do
                    grep -Eq "$span" "$TMP/t3.html" && pass "LibreOffice: table 三 merged cell $span" ||
                        fail "LibreOffice: table 三 merged cell $span"
                done
                for t in 第二十条第（一）项 未经复议直接起诉 222793 1062; do
                    grep -q "$t" "$H" && pass "LibreOffice: tables show $t" || fail "LibreOffice: tables show $t"
                done
            else
                fail "LibreOffice reads the DOCX"
            fi
        else
            skip "LibreOffice: table 三" "no soffice"
        fi
    fi
    "$GONGWEN" convert "$SAMPLE" --stats "$STATS" -o "$TMP/report.pdf" 2>"$TMP/err"
    rc=$?
    if ! pending "sample + stats -> PDF" "$TMP/err"; then
        [ $rc -eq 0 ] && pass "sample + stats -> PDF" || fail "sample + stats -> PDF" "$(cat "$TMP/err")"
        if have pdftotext; then
            # in drawing order (a cell's lines together), the lines joined: cells wrap
            pdftotext -raw "$TMP/report.pdf" - | tr -d '\n' >"$TMP/report.txt"
            for t in 第二十条第（一）项 本年新收政府信息公开申请数量 结转下年度继续办理 未经复议直接起诉; do
                grep -q "$t" "$TMP/report.txt" && pass "PDF: tables show $t" || fail "PDF: tables show $t"
            done
        fi
    fi
fi

# ---- an HTML page to DOCX, checked again ---------------------------------------
"$GONGWEN" convert "$LINHU" -o "$TMP/linhu.docx" 2>"$TMP/err"
rc=$?
if ! pending "HTML page -> DOCX" "$TMP/err"; then
    [ $rc -eq 0 ] && pass "HTML page -> DOCX" || fail "HTML page -> DOCX" "$(cat "$TMP/err")"
    expect_check "HTML page's DOCX checks clean" 0 "$TMP/linhu.docx" || : # 1 = skipped, reported
fi
