# text-input.sh: `gongwen convert` on text inputs it must refuse: exit
# status, a one-line message naming the file, and no output left behind.
# (A read failure happens before anything is written.)
. "$SRC/tests/lib.sh"

# refused NAME STATUS PATTERN INPUT [OPTION...]: convert INPUT to out.docx;
# expect exit STATUS, one line on stderr matching PATTERN, no out.docx.
refused() {
    name=$1 status=$2 pattern=$3 input=$4
    shift 4
    rm -f out.docx
    "$GONGWEN" convert "$input" -o out.docx "$@" >out.txt 2>err.txt
    rc=$?
    if [ $rc -ne "$status" ]; then
        fail "$name" "exit $rc, want $status: $(cat err.txt)"
    elif [ "$(wc -l <err.txt)" -ne 1 ] || ! grep -q -- "$pattern" err.txt; then
        fail "$name" "stderr: $(cat err.txt)"
    elif [ -e out.docx ] || [ -s out.txt ]; then
        fail "$name" "output left behind"
    else
        pass "$name"
    fi
}

refused "missing file" 1 "^gongwen: nosuch\.txt: cannot read: no such file$" nosuch.txt
: >empty.txt
refused "empty file" 1 "^gongwen: empty\.txt: empty file$" empty.txt
printf ' \r\n\343\200\200\n\t\n' >blank.txt
refused "whitespace-only file" 1 "^gongwen: blank\.txt: empty file$" blank.txt
head -c 2000 /bin/ls >binary.txt
refused "binary file" 1 "^gongwen: binary\.txt: binary data, not a text file$" binary.txt
printf 'abc\377\376\200\n' >latin.txt
refused "neither UTF-8 nor GB18030" 1 "^gongwen: latin\.txt: binary data, not a text file$" latin.txt
printf -- '---\n成文日期：2024年2月30日\n---\n正文。\n' >baddate.txt
refused "bad front-matter date" 1 "^gongwen: baddate\.txt:2: '2024年2月30日' is not a date" baddate.txt
printf '正文。\n' >ok.txt
refused "unknown encoding" 1 "^gongwen: ok\.txt: unknown encoding 'NO-SUCH'$" ok.txt --encoding NO-SUCH
cp "$SRC/tests/fixtures/gbk-report.txt" gbk.txt
refused "forced UTF-8 on GBK" 1 "^gongwen: gbk\.txt: not valid UTF-8 (at byte " gbk.txt --encoding UTF-8
refused "bad option" 2 "^gongwen convert: .*--no-such-option" ok.txt --no-such-option
refused "bad --date" 2 "^gongwen convert: --date '2024-1-32'" ok.txt --date 2024-1-32
[ -f ok.txt ] && [ "$(cat ok.txt)" = "正文。" ] && pass "input untouched" || fail "input untouched"

# GBK input is read with a notice on stderr once converted; a failed
# conversion prints its one-line error only.
"$GONGWEN" convert gbk.txt -o gbk.docx >/dev/null 2>err.txt
rc=$?
if [ $rc -eq 0 ] && grep -q "^gongwen: note: gbk\.txt: read as GB18030 (not valid UTF-8)$" err.txt; then
    pass "GBK notice"
elif [ $rc -eq 1 ] && [ "$(wc -l <err.txt)" -eq 1 ] && grep -q "not written yet" err.txt; then
    skip "GBK notice" "the DOCX writer is not written yet"
else
    fail "GBK notice" "exit $rc: $(cat err.txt)"
fi
