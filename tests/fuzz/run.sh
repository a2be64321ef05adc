#!/bin/sh
# run.sh [SECONDS] [TARGET...]: build the libFuzzer targets of tests/fuzz
# into build/fuzz (clang, ASan + UBSan), seed their corpora from the
# fixtures, samples and ../shared/corpus/docx, run each (default: all) for
# SECONDS (default 10) and print the executions of each.
#
#   build/fuzz/corpus/TARGET   the growing corpus, kept between runs
#   build/fuzz/crashes/        crash-*, leak-*, timeout-*, oom-* reproducers
#   build/fuzz/logs/TARGET.log libFuzzer's output of the last run
#   build/fuzz/stats.txt       executions per target: this run and all runs
#   build/fuzz/history.tsv     one line per target and run (date, target,
#                              seconds, executions, status, sanitizers)
#
# Exit status: 0 when no target found anything, 1 when one did (its log and
# reproducer are named), 2 when clang's libFuzzer is missing.
# FUZZ_FLAGS adds libFuzzer options (e.g. FUZZ_FLAGS=-jobs=2).
# FUZZ_SANITIZERS=ubsan runs targets built with UBSan alone (build/fuzz-ubsan,
# about three times the executions a second, for long campaigns), then
# replays the whole corpus under ASan + UBSan, so that a memory error or leak
# those runs reach is still caught.
set -u
secs=${1:-10}
[ $# -gt 0 ] && shift
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/fuzz
shared=${SHARED:-$(cd "$root/.." && pwd)/shared}
sanitizers=${FUZZ_SANITIZERS:-asan+ubsan}
case $sanitizers in
asan+ubsan) bins=$out ;;
ubsan) bins=$root/build/fuzz-ubsan ;;
*)
    echo "run.sh: FUZZ_SANITIZERS is asan+ubsan (default) or ubsan" >&2
    exit 2
    ;;
esac

if ! command -v clang >/dev/null 2>&1; then
    echo "run.sh: clang is not installed (scripts/install-deps.sh installs it)" >&2
    exit 2
fi
make -C "$root" -s build=fuzz CC=clang CXX=clang++ -j2 fuzz-targets >/dev/null || exit 2
if [ "$sanitizers" = ubsan ]; then
    make -C "$root" -s build=fuzz-ubsan CC=clang CXX=clang++ -j2 fuzz-targets >/dev/null || exit 2
fi

targets=$*
if [ -z "$targets" ]; then
    for f in "$root"/tests/fuzz/fuzz-*.c; do
        t=$(basename "$f" .c)
        targets="$targets ${t#fuzz-}"
    done
fi

# ---- seeds --------------------------------------------------------------------
seeds=$out/seeds
rm -rf "$seeds"
mkdir -p "$seeds" "$out/corpus" "$out/crashes" "$out/logs"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# seed TARGET FILE...: copy readable files of at most 64 KiB.
seed() {
    seed_dir=$seeds/$1
    shift
    mkdir -p "$seed_dir"
    for seed_file in "$@"; do
        [ -f "$seed_file" ] && [ "$(wc -c <"$seed_file")" -le 65536 ] && cp "$seed_file" "$seed_dir/"
    done
    return 0
}

# part ZIP ENTRY: an entry of a zip on stdout (nothing when absent).
part() { command -v unzip >/dev/null 2>&1 && unzip -p "$1" "$2" 2>/dev/null; }

texts=$(ls "$root"/samples/*.txt "$root"/samples/*/*.txt "$root"/tests/fixtures/*.txt \
    "$root"/tests/fixtures/*/*.txt "$shared"/samples/*.txt 2>/dev/null)
for t in text convert numbers; do seed $t $texts; done
seed html $(ls "$root"/tests/fixtures/*.html "$root"/tests/fixtures/*/*.html "$root"/samples/*.html 2>/dev/null)
seed csv $(ls "$root"/samples/*.csv "$root"/tests/fixtures/*/*.csv 2>/dev/null)
seed stats $(ls "$root"/samples/*.ini "$root"/tests/fixtures/*.ini "$root"/tests/fixtures/*/*.ini 2>/dev/null)

docx=$(ls "$root"/tests/fixtures/*.docx "$root"/tests/fixtures/*/*.docx "$shared"/corpus/docx/*.docx 2>/dev/null)
seed docx $docx
mkdir -p "$seeds/docx-document" "$seeds/docx-styles"
cp "$root"/tests/fuzz/seeds/document.xml "$seeds/docx-document/"
cp "$root"/tests/fuzz/seeds/styles.xml "$root"/tests/fuzz/seeds/numbering.xml "$seeds/docx-styles/"
# chosen TARGET N DOCX PART...: the targets whose first byte chooses a part:
# seeds of that byte (the part's index) followed by the part
chosen() {
    chosen_target=$1 chosen_n=$2 chosen_docx=$3
    shift 3
    chosen_i=0
    for p in "$@"; do
        { printf "\\$(printf %03o $chosen_i)"; part "$chosen_docx" "$p"; } >"$scratch/c$chosen_i-$chosen_n"
        [ "$(wc -c <"$scratch/c$chosen_i-$chosen_n")" -gt 1 ] && seed "$chosen_target" "$scratch/c$chosen_i-$chosen_n"
        chosen_i=$((chosen_i + 1))
    done
}
n=0
for f in $docx; do
    n=$((n + 1))
    part "$f" word/document.xml >"$scratch/d.xml"
    seed docx-document "$scratch/d.xml" && [ -f "$seeds/docx-document/d.xml" ] &&
        mv "$seeds/docx-document/d.xml" "$seeds/docx-document/$n.xml"
    for p in styles numbering; do
        part "$f" word/$p.xml >"$scratch/$p-$n.xml"
        seed docx-styles "$scratch/$p-$n.xml"
    done
    # the part lists of fuzz-stamp.c and fuzz-docx-parts.c, in their order
    chosen stamp $n "$f" word/document.xml docProps/custom.xml '[Content_Types].xml' _rels/.rels docProps/core.xml
    chosen docx-parts $n "$f" '[Content_Types].xml' _rels/.rels word/_rels/document.xml.rels word/header1.xml \
        word/footer1.xml word/footnotes.xml word/endnotes.xml word/comments.xml word/settings.xml \
        docProps/core.xml docProps/custom.xml docProps/app.xml word/afchunk.mht word/afchunk.htm
done
find "$seeds" -type f -size 0 -delete

mkdir -p "$seeds/xlsx-sheet" "$seeds/xlsx-strings" "$seeds/xlsx"
cp "$root"/tests/fuzz/seeds/sheet1.xml "$seeds/xlsx-sheet/"
cp "$root"/tests/fuzz/seeds/sharedStrings.xml "$seeds/xlsx-strings/"
release=$root/build/release/gongwen
for f in "$seeds"/csv/*.csv; do
    [ -x "$release" ] && [ -f "$f" ] || continue
    x=$scratch/$(basename "$f" .csv).xlsx
    "$release" validity "$f" -o "$x" -d 2024-01-01 >/dev/null 2>&1 || continue
    seed xlsx "$x"
    part "$x" xl/worksheets/sheet1.xml >"$scratch/$(basename "$x").sheet.xml"
    seed xlsx-sheet "$scratch/$(basename "$x").sheet.xml"
done
seed xlsx $(ls "$root"/tests/fixtures/*.xlsx "$root"/tests/fixtures/*/*.xlsx 2>/dev/null)

# ---- runs ---------------------------------------------------------------------
dict_of() {
    case $1 in
    text | convert | numbers | csv | stats) echo "$root/tests/fuzz/text.dict" ;;
    html) echo "$root/tests/fuzz/html.dict" ;;
    *) echo "$root/tests/fuzz/xml.dict" ;;
    esac
}

# Longest input: small where each byte costs much (registers are processed
# row by row with every output, HTML pages through the body heuristics).
max_len_of() {
    case $1 in
    csv | stats) echo 4096 ;;
    html) echo 16384 ;;
    *) echo 65536 ;;
    esac
}

# glibc's malloc (the UBSan build) gives memory back after every input and
# faults it in again for the next: keep it.
export GLIBC_TUNABLES="glibc.malloc.trim_threshold=268435456:glibc.malloc.mmap_threshold=33554432"
export ASAN_OPTIONS="detect_leaks=1:quarantine_size_mb=16:malloc_context_size=10:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
: >"$out/stats.txt.new"
for t in $targets; do
    if [ ! -x "$bins/fuzz-$t" ]; then
        echo "run.sh: no target '$t'" >&2
        status=1
        continue
    fi
    # a copy, so that a rebuild during a long run does not pull the binary away
    bin=$scratch/fuzz-$t
    cp "$bins/fuzz-$t" "$bin"
    mkdir -p "$out/corpus/$t" "$seeds/$t"
    log=$out/logs/$t.log
    # shellcheck disable=SC2086
    nice -n 10 "$bin" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len="$(max_len_of "$t")" \
        -print_final_stats=1 -dict="$(dict_of "$t")" -artifact_prefix="$out/crashes/$t-" \
        ${FUZZ_FLAGS:-} "$out/corpus/$t" "$seeds/$t" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ $rc -eq 0 ] && [ "$sanitizers" = ubsan ]; then
        # every input the run kept, once, under ASan + UBSan
        "$out/fuzz-$t" -runs=0 -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$out/crashes/$t-" \
            "$out/corpus/$t" >"$log.asan" 2>&1
        rc=$?
        [ $rc -eq 0 ] || log=$log.asan
    fi
    result=ok
    if [ $rc -ne 0 ]; then
        result=FOUND
        status=1
        echo "run.sh: $t found a problem (exit $rc): see $log and $(grep -o "$out/crashes/$t-[^ ]*" "$log" | tail -1)" >&2
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" "$secs" "${execs:-0}" "$result" \
        "$sanitizers" >>"$out/history.tsv"
    total=$(awk -F'\t' -v t="$t" '$2 == t { n += $4 } END { print n + 0 }' "$out/history.tsv")
    printf '%-16s %12s %14s  %s\n' "$t" "${execs:-0}" "$total" "$result" >>"$out/stats.txt.new"
done
{
    printf '%-16s %12s %14s  %s\n' "# target" "executions" "all runs" "result"
    cat "$out/stats.txt.new"
} >"$out/stats.txt"
rm -f "$out/stats.txt.new"
cat "$out/stats.txt"
exit $status
