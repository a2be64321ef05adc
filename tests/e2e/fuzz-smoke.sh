# fuzz-smoke.sh: a short run of every fuzz target (tests/fuzz/run.sh), as
# part of make check: GONGWEN_FUZZ_SECONDS per target (default 5; 0 skips).
# SKIPs when clang's libFuzzer is not installed.
. "$SRC/tests/lib.sh"

secs=${GONGWEN_FUZZ_SECONDS:-5}
if [ "$secs" = 0 ]; then
    skip "fuzz smoke" "GONGWEN_FUZZ_SECONDS=0"
    exit 0
fi
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void) d; (void) n; return 0; }\n' >probe.c
if ! have clang || ! clang -fsanitize=fuzzer probe.c -o probe >/dev/null 2>&1; then
    skip "fuzz smoke" "clang's libFuzzer is not installed (libclang-rt-14-dev)"
    exit 0
fi
sh "$SRC/tests/fuzz/run.sh" "$secs" >run.log 2>&1
rc=$?
if [ $rc -eq 2 ] || [ ! -s "$SRC/build/fuzz/stats.txt" ]; then
    fail "fuzz smoke" "tests/fuzz/run.sh could not build the targets: $(tail -5 run.log)"
    exit 0
fi
# one line per target: name, executions this run, all runs, result
grep -v '^#' "$SRC/build/fuzz/stats.txt" | while read -r target execs total result; do
    if [ "$result" = ok ] && [ "$execs" -gt 0 ]; then
        pass "fuzz $target: $execs executions in ${secs}s ($total in all runs)"
    else
        fail "fuzz $target" "$(grep "run.sh: $target " run.log | head -1)"
    fi
done
