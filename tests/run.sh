#!/bin/sh
# run.sh BUILD: run every unit test binary in BUILD/tests and every script in
# tests/e2e against BUILD/gongwen; print "N passed, N failed, N skipped".
set -u
build=${1:-build/asan}
root=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export GONGWEN="$root/$build/gongwen" SRC="$root"
# Unit test binaries live in BUILD/tests, away from gongwen-pdf.so.
export GONGWEN_MODULE_DIR="$root/$build"
export SHARED="${SHARED:-$(cd "$root/.." && pwd)/shared}"
crashed=0
for t in "$root/$build"/tests/*; do
    [ -x "$t" ] || continue
    echo "== $(basename "$t")"
    "$t" >"$log.out" 2>&1
    rc=$?
    cat "$log.out"; cat "$log.out" >>"$log"
    if [ $rc -ne 0 ] && ! grep -q '^FAIL' "$log.out"; then
        echo "FAIL: $(basename "$t"): exited $rc" | tee -a "$log"
    fi
done
for s in "$root"/tests/e2e/*.sh; do
    [ -f "$s" ] || continue
    echo "== $(basename "$s")"
    TMP=$(mktemp -d)
    export TMP
    (cd "$TMP" && sh "$s") >"$log.out" 2>&1
    rc=$?
    cat "$log.out"; cat "$log.out" >>"$log"
    if [ $rc -ne 0 ]; then
        echo "FAIL: $(basename "$s"): exited $rc" | tee -a "$log"
    fi
    rm -rf "$TMP"
done
p=$(grep -c '^PASS' "$log"); f=$(grep -c '^FAIL' "$log"); s=$(grep -c '^SKIP' "$log")
rm -f "$log" "$log.out"
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
