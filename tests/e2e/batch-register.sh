# batch-register.sh: `gongwen batch --register` reissues with validity stamps.
. "$SRC/tests/lib.sh"
cp -r "$SRC/samples/docs" src
reg="$SRC/samples/register.csv"
if ! "$GONGWEN" batch src out --register "$reg" --as-of 2024-07-01 -j 2 -q 2>err.txt; then
    fail "batch with a register" "$(head -3 err.txt)"
    exit 0
fi
pass "batch with a register"
first() { pdftotext -l 1 "out/$1.pdf" - 2>/dev/null | head -1; }
check "repealed document carries its notice" test "$(first parking-2019-2)" = "本文件已于2024年6月30日废止（依据：云府规〔2024〕2号）"
check "expired document carries its notice" test "$(first training-2020-2)" = "本文件已于2024年6月30日失效"
check "document in force has no notice" test "$(first ride-hailing-2023-1)" = "云溪区人民政府文件"
check "status in the PDF's metadata" sh -c 'qpdf --show-object=trailer out/ride-hailing-2023-1.pdf >/dev/null &&
    strings out/ride-hailing-2023-1.pdf | grep -q GongwenStatus'
check "unmatched document is converted with a warning" sh -c \
    'test -f out/notice-meeting.pdf && grep notice-meeting out/manifest.jsonl | grep -q "not in the register"'
"$GONGWEN" batch src out --register "$reg" --as-of 2024-07-01 -q
check "same register and date: nothing redone" sh -c '"$GONGWEN" batch src out --register "$0" --as-of 2024-07-01 2>&1 |
    grep -q "0 converted, 6 unchanged"' "$reg"
check "another date reissues every document" sh -c '"$GONGWEN" batch src out --register "$0" --as-of 2024-05-01 2>&1 |
    grep -q "6 converted"' "$reg"
check "before the repeal there is no notice" test "$(first parking-2019-2)" != "本文件已于2024年6月30日废止（依据：云府规〔2024〕2号）"
check "no temporary file left" test -z "$(find out -name '.*gwtmp*')"
check "--as-of without --register is a usage error" sh -c '"$GONGWEN" batch src out2 --as-of 2024-07-01 2>/dev/null; test $? -eq 2'
