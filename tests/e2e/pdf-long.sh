# pdf-long.sh: long documents, where headings that must stay with the next
# paragraph move to a new page (a use-after-free once hid there).
. "$SRC/tests/lib.sh"
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
