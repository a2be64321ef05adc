# gongwen batch: incremental reruns, the manifest, crash/hang/memory
# isolation, kill -9 recovery, shards, --verify, faults.
#
# The mechanics are tested with the worker's test hook (GONGWEN_TEST_HOOK,
# see tools/batch-worker.c): "fake" copies each source under a one-line
# header instead of converting, so every output's exact content is known and
# a partial file cannot pass for a whole one.
. "$SRC/tests/lib.sh"

HOOK=fake
export GONGWEN_TEST_HOOK=$HOOK
now_ms() { date +%s%N | cut -c1-13; }
rand() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }

# make_tree DIR N: N small sources of every kind, nested.
make_tree() {
    i=1
    while [ "$i" -le "$2" ]; do
        d="$1/d$((i % 5))/sub$((i % 3))"
        mkdir -p "$d"
        case $((i % 3)) in
            0) printf '第%s号通知\n正文。\n' "$i" >"$d/notice$i.txt" ;;
            1) printf '<html><body><p>报告 %s</p></body></html>\n' "$i" >"$d/page$i.html" ;;
            2) printf 'PK fake docx %s\n' "$i" >"$d/report$i.docx" ;;
        esac
        i=$((i + 1))
    done
}

# The output path of source $1 (under src/) in out/.
out_of() { echo "out/${1#src/}" | sed 's/\.[^./]*$/.pdf/'; }

# Every output under a final name is exactly the fake conversion of its
# source: prints the offending files.
bad_outputs() {
    find src -type f | while read -r s; do
        o=$(out_of "$s")
        [ -e "$o" ] || continue
        { printf 'gongwen test conversion of %s\n' "$s"; cat "$s"; } | cmp -s - "$o" || echo "$o"
    done
}

missing_outputs() {
    find src -type f -name '*.*' | while read -r s; do [ -e "$(out_of "$s")" ] || echo "$s"; done
}

# The manifest's checksums, checked by sha256sum rather than by gongwen.
manifest_sums_ok() {
    sed -n 's/.*"output":"\([^"]*\)","output_sha256":"\([0-9a-f]*\)".*/\2  out\/\1/p' out/manifest.jsonl |
        sha256sum -c --quiet - >/dev/null 2>&1
}
manifest_lines() { wc -l <out/manifest.jsonl | tr -d ' '; }
duplicate_sources() { grep -o '"source":"[^"]*"' out/manifest.jsonl | sort | uniq -d; }

# ---- a first run, and reruns ----------------------------------------------
make_tree src 100
t0=$(now_ms)
GONGWEN_TEST_HOOK=$HOOK,slow:30 "$GONGWEN" batch src out -j 2 >log 2>&1
rc=$?
first=$(($(now_ms) - t0))
[ $rc -eq 0 ] && pass "batch: a first run succeeds" || fail "batch: a first run succeeds" "exit $rc: $(cat log)"
[ -z "$(missing_outputs)" ] && pass "batch: every source has its output" || fail "batch: every source has its output"
[ -z "$(bad_outputs)" ] && pass "batch: outputs are whole" || fail "batch: outputs are whole" "$(bad_outputs)"
[ "$(manifest_lines)" -eq 100 ] && pass "batch: one manifest line per file" || fail "batch: one manifest line per file"
manifest_sums_ok && pass "batch: manifest checksums match (sha256sum)" || fail "batch: manifest checksums match"
grep -q '"source":"d1/sub1/page1.html","source_sha256":"[0-9a-f]\{64\}"' out/manifest.jsonl &&
    grep -q '"status":"ok","error":null,"gongwen_version":"[0-9.]*","options_hash":"[0-9a-f]\{64\}","time":"20' out/manifest.jsonl &&
    pass "batch: manifest fields" || fail "batch: manifest fields" "$(head -1 out/manifest.jsonl)"

# The best of three reruns, so that a busy machine does not decide; timed
# without LeakSanitizer's scan at exit (~140 ms, which a release build does
# not pay; the other runs check for leaks).
rerun=999999
for i in 1 2 3; do
    t0=$(now_ms)
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" "$GONGWEN" batch src out -j 2 >log 2>&1
    rc=$?
    t=$(($(now_ms) - t0))
    [ $t -lt $rerun ] && rerun=$t
done
[ $rc -eq 0 ] && grep -q "0 converted, 100 unchanged" log && pass "batch: a rerun skips everything" ||
    fail "batch: a rerun skips everything" "$(cat log)"
# The first run stands for real conversions at 30 ms a file.
[ $((rerun * 20)) -lt "$first" ] && pass "batch: a rerun takes < 5% of the first run ($rerun ms vs $first ms)" ||
    fail "batch: a rerun takes < 5% of the first run" "$rerun ms vs $first ms"
[ "$(manifest_lines)" -eq 100 ] && pass "batch: a rerun adds no manifest line" || fail "batch: a rerun adds no manifest line"

sleep 0.01
touch src/d2/sub2/report2.docx
"$GONGWEN" batch src out >log 2>&1
grep -q "1 converted, 99 unchanged" log && pass "batch: touching one source redoes one file" ||
    fail "batch: touching one source redoes one file" "$(cat log)"
printf 'changed\n' >>src/d3/sub0/notice3.txt
"$GONGWEN" batch src out >log 2>&1
grep -q "1 converted, 99 unchanged" log && [ -z "$(bad_outputs)" ] && pass "batch: an edited source is redone" ||
    fail "batch: an edited source is redone" "$(cat log)"
[ "$(manifest_lines)" -eq 100 ] && [ -z "$(duplicate_sources)" ] && pass "batch: redone files leave one line each" ||
    fail "batch: redone files leave one line each" "$(duplicate_sources)"
"$GONGWEN" batch src out --force -q >log 2>&1
[ $? -eq 0 ] && [ ! -s log ] && pass "batch: --force --quiet redoes all silently" || fail "batch: --force --quiet" "$(cat log)"
"$GONGWEN" batch src out --to docx >log 2>&1
[ -f out/d1/sub1/page1.docx ] && grep -q "100 converted" log && pass "batch: --to docx is another option set" ||
    fail "batch: --to docx is another option set" "$(cat log)"
"$GONGWEN" batch src out >log 2>&1
grep -q "100 converted" log && pass "batch: changed options redo every file" || fail "batch: changed options redo every file" "$(cat log)"

# ---- verify ---------------------------------------------------------------
"$GONGWEN" batch --verify out >log 2>&1 && pass "batch: --verify passes a sound archive" ||
    fail "batch: --verify passes a sound archive" "$(cat log)"
cp out/d1/sub1/page1.pdf saved.pdf
sed -i 's/报告/报吿/' out/d1/sub1/page1.pdf
rm out/d2/sub2/report2.pdf
"$GONGWEN" batch --verify out >log 2>&1
[ $? -eq 1 ] && grep -q "page1.pdf: SHA-256 differs" log && grep -q "report2.pdf: missing" log &&
    grep -q "2 do not match" log && pass "batch: --verify finds a corrupted and a missing output" ||
    fail "batch: --verify finds a corrupted and a missing output" "$(cat log)"
cp saved.pdf out/d1/sub1/page1.pdf
"$GONGWEN" batch src out >log 2>&1
"$GONGWEN" batch --verify out >/dev/null 2>&1 && grep -q "1 converted" log && pass "batch: a rerun restores a missing output" ||
    fail "batch: a rerun restores a missing output" "$(cat log)"

# ---- a worker that crashes, hangs or eats memory --------------------------
GONGWEN_TEST_HOOK=$HOOK,crash:notice3.txt,hang:page4.html,oom:report5.docx \
    "$GONGWEN" batch src out --force -j 2 --timeout 2 --max-memory 100 >log 2>&1
rc=$?
[ $rc -eq 1 ] && pass "batch: failures give exit 1" || fail "batch: failures give exit 1" "exit $rc"
grep -q "3 failed:" log && grep -q "notice3.txt: the .*worker" log && grep -q "page4.html: timed out after 2 s" log &&
    grep -q "report5.docx: ran out of memory" log && pass "batch: crash, hang and memory failures are listed" ||
    fail "batch: crash, hang and memory failures are listed" "$(cat log)"
[ "$(grep -c '"status":"ok"' out/manifest.jsonl)" -eq 97 ] && [ "$(grep -c '"status":"failed"' out/manifest.jsonl)" -eq 3 ] &&
    pass "batch: the others all finish" || fail "batch: the others all finish" "$(grep -c '"status":"ok"' out/manifest.jsonl) ok"
[ -z "$(find out -name '.*gwtmp*')" ] && pass "batch: a killed worker leaves no temp file" || fail "batch: a killed worker leaves no temp file"
"$GONGWEN" batch src out >log 2>&1
[ $? -eq 0 ] && grep -q "3 converted, 97 unchanged" log && pass "batch: a rerun retries exactly the failures" ||
    fail "batch: a rerun retries exactly the failures" "$(cat log)"

# ---- kill -9 at 20 random moments -----------------------------------------
rm -rf src out
make_tree src 40
ls -lR --time-style=full-iso src >src.before
export GONGWEN_TEST_HOOK=$HOOK,slow:15
partial=""
i=0
while [ $i -lt 20 ]; do
    "$GONGWEN" batch src out -j 2 --force >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf %03d $(($(rand) % 700)))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    partial="$partial$(bad_outputs)"
    i=$((i + 1))
done
[ -z "$partial" ] && pass "batch: kill -9 never leaves a partial file under a final name" ||
    fail "batch: kill -9 never leaves a partial file under a final name" "$partial"
"$GONGWEN" batch src out -j 2 >log 2>&1
rc=$?
export GONGWEN_TEST_HOOK=$HOOK
[ $rc -eq 0 ] && [ -z "$(missing_outputs)" ] && [ -z "$(bad_outputs)" ] && pass "batch: after 20 kills a rerun finishes the job" ||
    fail "batch: after 20 kills a rerun finishes the job" "exit $rc: $(cat log)"
[ "$(manifest_lines)" -eq 40 ] && [ -z "$(duplicate_sources)" ] && pass "batch: after 20 kills one manifest line per file" ||
    fail "batch: after 20 kills one manifest line per file" "$(manifest_lines) lines"
manifest_sums_ok && "$GONGWEN" batch --verify out >/dev/null 2>&1 && pass "batch: after 20 kills every checksum matches" ||
    fail "batch: after 20 kills every checksum matches"
[ -z "$(find out -name '.*gwtmp*')" ] && pass "batch: after 20 kills no temp file is left" ||
    fail "batch: after 20 kills no temp file is left" "$(find out -name '.*gwtmp*')"

ls -lR --time-style=full-iso src | cmp -s - src.before && pass "batch: the sources are never touched" ||
    fail "batch: the sources are never touched"

# A manifest cut mid-line (killed while appending) is repaired.
printf '{"source":"d1/sub1/page1.html","sou' >>out/manifest.jsonl
"$GONGWEN" batch src out >log 2>&1
[ $? -eq 0 ] && [ "$(manifest_lines)" -eq 40 ] && tail -c 2 out/manifest.jsonl | grep -q '}' &&
    pass "batch: a manifest cut mid-line is repaired" || fail "batch: a manifest cut mid-line is repaired" "$(cat log)"

# SIGTERM stops cleanly and says so.
GONGWEN_TEST_HOOK=$HOOK,slow:100 "$GONGWEN" batch src out --force -j 2 >log 2>&1 &
pid=$!
sleep 0.6
kill -TERM $pid
wait $pid
rc=$?
[ $rc -eq 143 ] && grep -q "interrupted" log && [ -z "$(find out -name '.*gwtmp*')" ] && [ -z "$(bad_outputs)" ] &&
    pass "batch: SIGTERM stops cleanly" || fail "batch: SIGTERM stops cleanly" "exit $rc: $(cat log)"

# ---- shards ----------------------------------------------------------------
for k in 1 2 3; do "$GONGWEN" batch src shards --shard $k/3 -q || fail "batch: shard $k/3"; done
total=$(cat shards/manifest.*-of-3.jsonl | wc -l | tr -d ' ')
dups=$(cat shards/manifest.*-of-3.jsonl | grep -o '"source":"[^"]*"' | sort | uniq -d)
[ "$total" -eq 40 ] && [ -z "$dups" ] && pass "batch: shards partition the tree (union whole, disjoint)" ||
    fail "batch: shards partition the tree" "$total entries, duplicates: $dups"
"$GONGWEN" batch --verify shards >/dev/null 2>&1 && pass "batch: --verify reads shard manifests" || fail "batch: --verify reads shard manifests"
"$GONGWEN" batch --merge shards -q && [ ! -e shards/manifest.1-of-3.jsonl ] && [ "$(wc -l <shards/manifest.jsonl)" -eq 40 ] &&
    pass "batch: --merge folds the shard manifests" || fail "batch: --merge folds the shard manifests"
"$GONGWEN" batch src shards >log 2>&1
grep -q "0 converted, 40 unchanged" log && pass "batch: a whole run after merged shards converts nothing" ||
    fail "batch: a whole run after merged shards converts nothing" "$(cat log)"
# Machines with their own output folders, copied together afterwards.
for k in 1 2; do "$GONGWEN" batch src "machine$k" --shard $k/2 -q; done
mkdir gathered && cp -R machine1/. machine2/. gathered/
"$GONGWEN" batch --merge gathered -q && "$GONGWEN" batch --verify gathered -q && [ "$(wc -l <gathered/manifest.jsonl)" -eq 40 ] &&
    pass "batch: shard folders copied together merge and verify" || fail "batch: shard folders copied together merge and verify"

# ---- faults ----------------------------------------------------------------
mkdir -p faults/src/ok faults/src/blocked faults/out
printf 'a\n' >faults/src/ok/a.txt
printf 'b\n' >faults/src/blocked/b.txt
printf 'c\n' >faults/src/c.txt
: >faults/out/blocked # a file where a folder must go
ln -s nowhere.txt faults/src/dangling.txt
printf 'secret\n' >faults/secret.txt
ln -s ../secret.txt faults/src/outside.txt # a link out of the source folder
ln -s ok/a.txt faults/src/inside.txt
printf 'x\n' >"faults/src/$(printf 'gbk\326\320.txt')"
"$GONGWEN" batch faults/src faults/out >log 2>&1
rc=$?
[ $rc -eq 1 ] && [ -f faults/out/ok/a.pdf ] && [ -f faults/out/c.pdf ] && pass "batch: faults fail alone, the others go on" ||
    fail "batch: faults fail alone, the others go on" "exit $rc: $(cat log)"
grep -q "faults/out/blocked: cannot create folder" log && pass "batch: an output folder that cannot be made is named" ||
    fail "batch: an output folder that cannot be made is named" "$(cat log)"
grep -q "dangling.txt: cannot read: No such file" log && pass "batch: an unreadable input is named" ||
    fail "batch: an unreadable input is named" "$(cat log)"
grep -q "not UTF-8" log && pass "batch: a file name that is not UTF-8 is named" || fail "batch: a file name that is not UTF-8" "$(cat log)"
grep -q "outside.txt: not converted: a symbolic link to a file outside" log && [ ! -e faults/out/outside.pdf ] &&
    [ -f faults/out/inside.pdf ] && pass "batch: links to files outside the source folder are not followed" ||
    fail "batch: links to files outside the source folder are not followed" "$(cat log)"

mkdir -p inside/src
printf 'x\n' >inside/src/x.txt
"$GONGWEN" batch inside/src inside/src/pdf -q && "$GONGWEN" batch inside/src inside/src/pdf >log 2>&1 &&
    grep -q "0 converted, 1 unchanged" log && [ ! -e inside/src/pdf/pdf ] &&
    pass "batch: an output folder inside the source is not a source" || fail "batch: output folder inside the source" "$(cat log)"

# Stale temps of a killed run go; outputs stay.
printf 'partial' >out/d1/.page1.pdf.gwtmp-AbCdEf
"$GONGWEN" batch src out -q && [ ! -e out/d1/.page1.pdf.gwtmp-AbCdEf ] && pass "batch: stale temp files are removed" ||
    fail "batch: stale temp files are removed"

# Permissions bind only a user other than root.
if [ "$(id -u)" -eq 0 ] && have setpriv; then
    as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
elif [ "$(id -u)" -ne 0 ]; then
    as_user() { "$@"; }
else
    as_user() { false; }
fi
chmod 755 "$TMP"
mkdir -p perm/src/ro perm/out/ro
printf 'a\n' >perm/src/a.txt
printf 'b\n' >perm/src/ro/b.txt
printf 's\n' >perm/src/secret.txt
chmod 000 perm/src/secret.txt
chmod 777 perm/out
chmod 555 perm/out/ro
if ! as_user "$GONGWEN" --version >/dev/null 2>&1; then
    skip "batch: read-only output folder" "needs a user other than root who can run $GONGWEN"
else
    as_user "$GONGWEN" batch perm/src perm/out >log 2>&1
    rc=$?
    [ $rc -eq 1 ] && [ -f perm/out/a.pdf ] && grep -q "perm/out/ro/b.pdf: cannot create output in perm/out/ro: Permission denied" log &&
        grep -q "secret.txt: cannot read: Permission denied" log &&
        pass "batch: read-only output folder and unreadable input fail alone" ||
        fail "batch: read-only output folder and unreadable input fail alone" "exit $rc: $(cat log)"
    chmod 555 perm/out
    as_user "$GONGWEN" batch perm/src perm/out >log 2>&1
    rc=$?
    [ $rc -eq 1 ] && grep -q "perm/out/manifest.jsonl: cannot create output in perm/out: Permission denied" log &&
        ! grep -q "converted" log && pass "batch: a read-only output folder stops with a clear error" ||
        fail "batch: a read-only output folder stops with a clear error" "exit $rc: $(cat log)"
fi

# A full disk: a small tmpfs in a private mount namespace (root only).
mkdir -p full/src full/out
i=1
while [ $i -le 12 ]; do head -c 20000 /dev/zero | tr '\0' 'x' >"full/src/f$i.txt"; i=$((i + 1)); done
cat >full/run.sh <<'EOF'
mount -t tmpfs -o size=160k tmpfs full/out || exit 99
GONGWEN_TEST_HOOK=fake "$GONGWEN" batch full/src full/out -j 2 >full/log1 2>&1
echo $? >full/rc1
for s in full/src/*.txt; do
    o=full/out/$(basename "$s" .txt).pdf
    [ -e "$o" ] || continue
    { printf 'gongwen test conversion of %s\n' "$s"; cat "$s"; } | cmp -s - "$o" || echo "$o" >>full/partial
done
find full/out -name '.*gwtmp*' | wc -l >full/temps
mount -o remount,size=1m full/out
GONGWEN_TEST_HOOK=fake "$GONGWEN" batch full/src full/out -j 2 >full/log2 2>&1
echo $? >full/rc2
find full/out -name '*.pdf' | wc -l >full/n2
EOF
if have unshare && unshare -m sh full/run.sh 2>/dev/null && [ -s full/rc2 ]; then
    [ "$(cat full/rc1)" -eq 1 ] && grep -q "No space left on device" full/log1 && [ ! -e full/partial ] &&
        [ "$(cat full/temps)" -eq 0 ] && pass "batch: a full disk fails files clearly, leaves nothing partial" ||
        fail "batch: a full disk fails files clearly" "exit $(cat full/rc1): $(cat full/log1)"
    [ "$(cat full/rc2)" -eq 0 ] && [ "$(cat full/n2)" -eq 12 ] && pass "batch: after a full disk a rerun finishes" ||
        fail "batch: after a full disk a rerun finishes" "$(cat full/log2)"
else
    skip "batch: full disk" "needs unshare -m and mount (root)"
fi

# A file-size limit fails the big file, not the worker or the batch.
mkdir -p fsize/src
head -c 6000 /dev/zero | tr '\0' 'x' >fsize/src/big.txt
printf 'small\n' >fsize/src/small.txt
(ulimit -f 8 && "$GONGWEN" batch fsize/src fsize/out >log 2>&1)
rc=$?
[ $rc -eq 1 ] && grep -q "big.txt: .*File too large" log && [ -f fsize/out/small.pdf ] && [ ! -e fsize/out/big.pdf ] &&
    [ -z "$(find fsize/out -name '.*gwtmp*')" ] && pass "batch: a file-size limit fails the big file alone" ||
    fail "batch: a file-size limit fails the big file alone" "exit $rc: $(cat log)"

# ---- real conversions, once the readers and the renderer are there ----------
mkdir -p real/src/sub
printf '关于做好年度报告工作的通知\n一、总体要求\n各单位要高度重视。\n' >real/src/sub/notice.txt
(unset GONGWEN_TEST_HOOK; "$GONGWEN" batch real/src real/pdf -j 1 >log 2>&1)
rc=$?
if grep -q "not written yet" log; then
    skip "batch: real text to PDF" "the reader or renderer is not in this build"
else
    pages=$(sed -n 's/.*"pages":\([0-9]*\).*/\1/p' real/pdf/manifest.jsonl)
    [ $rc -eq 0 ] && [ "$(pdfinfo real/pdf/sub/notice.pdf 2>/dev/null | sed -n 's/^Pages: *//p')" = "$pages" ] &&
        pass "batch: real text to PDF, pages as recorded" || fail "batch: real text to PDF" "exit $rc: $(cat log)"
fi
(unset GONGWEN_TEST_HOOK; "$GONGWEN" batch real/src real/docx --to docx -q >log 2>&1)
rc=$?
if grep -q "not written yet" log; then
    skip "batch: real text to DOCX" "the reader or writer is not in this build"
else
    [ $rc -eq 0 ] && unzip -p real/docx/sub/notice.docx word/document.xml 2>/dev/null | grep -q "高度重视" &&
        pass "batch: real text to DOCX" || fail "batch: real text to DOCX" "exit $rc: $(cat log)"
fi

# ---- usage ----------------------------------------------------------------
for args in "src" "src out --shard 0/3" "src out --shard 4/3" "src out --to png" "src out -j 0" "nowhere out" "src src" \
    "--verify" "--verify out --merge"; do
    # shellcheck disable=SC2086
    "$GONGWEN" batch $args >/dev/null 2>&1
    rc=$?
    [ $rc -eq 2 ] && pass "batch: usage error: $args" || fail "batch: usage error: $args" "exit $rc"
done
"$GONGWEN" batch --verify nothing-here >log 2>&1
[ $? -eq 1 ] && grep -q "no manifest" log && pass "batch: --verify without a manifest fails" || fail "batch: --verify without a manifest fails"

# A font installed or replaced changes every PDF: here a user's fontconfig
# file gives 仿宋_GB2312 another face, and a rerun redoes the PDFs (not the
# DOCX outputs, which name fonts without embedding them).
mkdir -p fonts/src fonts/home/.config/fontconfig
printf '一、总则\n正文。\n' >fonts/src/a.txt
cp fonts/src/a.txt fonts/src/b.txt
font_batch() { env -u XDG_CONFIG_HOME HOME="$TMP/fonts/home" "$GONGWEN" batch fonts/src "$@" >log 2>&1; }
font_batch fonts/pdf && font_batch fonts/docx --to docx
cat >fonts/home/.config/fontconfig/fonts.conf <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><alias binding="strong"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias></fontconfig>
EOF
font_batch fonts/pdf
grep -q "2 converted, 0 unchanged" log && pass "batch: another face for 仿宋_GB2312 redoes the PDFs" ||
    fail "batch: another face for 仿宋_GB2312 redoes the PDFs" "$(cat log)"
font_batch fonts/docx --to docx
grep -q "0 converted, 2 unchanged" log && pass "batch: ... but not the DOCX outputs" ||
    fail "batch: ... but not the DOCX outputs" "$(cat log)"
