# hostile.sh: hostile inputs (bombs, entity tricks, traversal names, absurd
# spans, deep nesting, truncated, encrypted and random files; see
# hostile-files.py and tests/fixtures/hostile/) through `gongwen convert`
# (to DOCX, PDF and text), `gongwen stamp` and `gongwen validity`.  Each run
# must end within the time and memory bars, exit 0 or 1 (never a signal),
# print exactly one line on stderr when it fails, hold nothing of
# /etc/passwd when it succeeds, leave its input unchanged and write nothing
# outside its output folder.
#
# The bars are 2 s and 200 MB for the release build (build/release/gongwen,
# checked when it exists); the build under test, usually ASan's, gets 30 s
# and 2 GB: AddressSanitizer slows some paths tenfold and inflates memory,
# and its run is there for crashes, leaks and undefined behaviour.  HOSTILE_FILES=a.docx,b.txt
# restricts the run to some files.
. "$SRC/tests/lib.sh"

PY3=/usr/bin/python3
if [ ! -x $PY3 ]; then
    skip "hostile files" "no $PY3 to generate them"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    skip "hostile files" "no /usr/bin/time (apt-get install time)"
    exit 0
fi
mkdir in out meta work
if ! $PY3 "$SRC/tests/e2e/hostile-files.py" in; then
    fail "hostile files" "hostile-files.py failed"
    exit 0
fi
for f in "$SRC"/tests/fixtures/hostile/*; do
    case $f in *.md) ;; *) [ -f "$f" ] && cp "$f" in/ ;; esac
done
if [ -n "${HOSTILE_FILES:-}" ]; then
    for f in in/*; do
        case ",$HOSTILE_FILES," in *",$(basename "$f"),"*) ;; *) rm "$f" ;; esac
    done
fi
printf '文号,标题,发布日期,实施日期,废止日期\n测府规〔2020〕1号,正文,2020-01-01,2020-01-01,2021-01-01\n' >meta/register.csv
(cd in && sha256sum -- * >../meta/before.sha256)
touch meta/start
find . -path ./out -prune -o -path ./meta -prune -o -print | sort >meta/files-before

# measure BINARY NAME MAX_SECONDS MAX_KB COMMAND...: run in work/, append a
# problem to meta/problems when a bar is not met.
measure() {
    bin=$1 label=$2 max_s=$3 max_kb=$4
    shift 4
    (cd work && /usr/bin/time -f '%e %M' -o ../meta/time timeout -s KILL 60 "$bin" "$@" \
        >../meta/stdout 2>../meta/stderr)
    rc=$?
    # time(1) writes "Command exited with ..." before the figures when rc != 0
    set -- $(tail -1 meta/time) ? ?
    secs=$1 kb=$2
    lines=$(wc -l <meta/stderr)
    what="$label: exit $rc, ${secs}s, ${kb}KB"
    if [ $rc -gt 1 ]; then
        echo "$what: not exit 0 or 1 ($(head -c 300 meta/stderr))" >>meta/problems
    elif [ $rc -eq 1 ] && [ "$lines" -ne 1 ]; then
        echo "$what: $lines lines on stderr: $(head -c 300 meta/stderr | tr '\n' '|')" >>meta/problems
    fi
    if ! awk -v s="$secs" -v k="$kb" -v ms="$max_s" -v mk="$max_kb" 'BEGIN { exit !(s + 0 <= ms && k + 0 <= mk && k != "?") }'; then
        echo "$what: over ${max_s}s or ${max_kb}KB" >>meta/problems
    fi
    echo "$what" >>meta/measured
    return 0
}

# leaked OUTPUT: an output that holds a line of /etc/passwd.
leaked() {
    case $1 in
    *.docx) unzip -p "$1" 2>/dev/null | grep -aq 'root:x:0:0' ;;
    *.pdf) have pdftotext && pdftotext "$1" - 2>/dev/null | grep -q 'root:x:0:0' ;;
    *) grep -aq 'root:x:0:0' "$1" ;;
    esac
}

# run_all BINARY MAX_SECONDS MAX_KB TAG
run_all() {
    bin=$1 max_s=$2 max_kb=$3 tag=$4
    for f in in/*; do
        name=$(basename "$f")
        : >meta/problems
        : >meta/measured
        case $name in
        *.docx | *.html | *.txt)
            for to in docx pdf txt; do
                o=../out/$tag-$name.$to
                measure "$bin" "convert to $to" "$max_s" "$max_kb" convert "../in/$name" -o "$o"
                [ -f "out/$tag-$name.$to" ] && leaked "out/$tag-$name.$to" &&
                    echo "convert to $to: the output holds /etc/passwd" >>meta/problems
            done
            ;;
        *.xlsx | *.csv)
            measure "$bin" "validity" "$max_s" "$max_kb" validity "../in/$name" -d 2024-01-01 \
                -o "../out/$tag-$name.csv"
            [ -f "out/$tag-$name.csv" ] && leaked "out/$tag-$name.csv" &&
                echo "validity: the output holds /etc/passwd" >>meta/problems
            ;;
        esac
        case $name in
        *.pdf)
            measure "$bin" "info" "$max_s" "$max_kb" info "../in/$name"
            ;;
        esac
        case $name in
        *.docx | *.pdf)
            measure "$bin" "stamp" "$max_s" "$max_kb" stamp -R ../meta/register.csv -d 2024-01-01 \
                -o "../out/$tag-stamp" "../in/$name"
            [ -f "out/$tag-stamp/$name" ] && leaked "out/$tag-stamp/$name" &&
                echo "stamp: the output holds /etc/passwd" >>meta/problems
            ;;
        esac
        if [ -s meta/problems ]; then
            fail "hostile ($tag): $name" "$(tr '\n' ';' <meta/problems)"
        else
            pass "hostile ($tag): $name ($(tr '\n' ';' <meta/measured | sed 's/;$//'))"
        fi
    done
}

run_all "$GONGWEN" 30 2097152 test
release=$SRC/build/release/gongwen
if [ -x "$release" ] && [ "$release" != "$GONGWEN" ]; then
    run_all "$release" 2 204800 release
else
    skip "hostile (release)" "no build/release/gongwen to hold to 2 s and 200 MB"
fi

(cd in && sha256sum -c --quiet ../meta/before.sha256 >/dev/null 2>&1) && pass "hostile: inputs untouched" ||
    fail "hostile: inputs untouched" "$(cd in && sha256sum -c --quiet ../meta/before.sha256 2>&1 | head -3)"
find . -path ./out -prune -o -path ./meta -prune -o -print | sort >meta/files-after
if diff meta/files-before meta/files-after >meta/files-diff; then
    pass "hostile: nothing written outside the output folder"
else
    fail "hostile: nothing written outside the output folder" "$(grep '^[<>]' meta/files-diff | head -5 | tr '\n' ' ')"
fi
strays=$(find "$TMP/.." -maxdepth 3 -name 'evil*' -newer meta/start 2>/dev/null | head -3)
[ -z "$strays" ] && pass "hostile: no traversal names written" || fail "hostile: no traversal names written" "$strays"
