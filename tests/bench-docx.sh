#!/bin/sh
# bench-docx.sh GONGWEN: DOCX reading speed of gongwen against pandoc
# (`make bench`).  The DOCX files are gongwen's own DOCX of the sample
# report, and of a longer document made of the sample's paragraphs (420
# paragraphs, about 50 pages).
#
# Whole processes, median of BENCH_RUNS (default 11) runs each:
#   gongwen convert F.docx --to json -o -
#   pandoc -f docx -t native F.docx
# (each reads the DOCX into its document model and dumps the model on
# standard output: a file output of gongwen's is synced to disk, which
# pandoc's is not), and
# gongwen's own read time inside the process (`--timings`, median).  The
# target: reading the sample >= 50x faster than pandoc.  A process of
# gongwen's spends most of its time starting (loading and relocating its
# shared libraries), so the start-up alone (`gongwen --version`) is
# measured too, with the dynamic linker's own account (LD_DEBUG=statistics).
set -u
GW=$(realpath "${1:-build/release/gongwen}")
SAMPLE=${SHARED:-$(realpath "$(dirname "$0")/../..")/shared}/samples/huangpu-2022-report.txt
RUNS=${BENCH_RUNS:-11}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# middle: the median of the numbers on standard input, one a line.
middle() { sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }

# median N CMD...: the median wall time of N runs of CMD, in milliseconds.
median() {
    n=$1
    shift
    for i in $(seq "$n"); do
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || return 1
        echo $((($(date +%s%N) - start) / 1000))
    done | middle | awk '{ printf "%.2f\n", $1 / 1000 }'
}

# read_inside DOCX: the median of gongwen's own read time, in milliseconds.
read_inside() {
    for i in $(seq "$RUNS"); do
        "$GW" convert "$1" --to json -o - --timings 2>&1 >/dev/null |
            sed -n 's/.* read .* in \([0-9.]*\) ms, wrote .*/\1/p'
    done | middle
}

# bench NAME DOCX: one DOCX through both readers; prints the ratios.
bench() {
    g=$(median "$RUNS" "$GW" convert "$2" --to json -o -)
    inside=$(read_inside "$2")
    echo "  $1 ($(wc -c <"$2") bytes): gongwen $g ms a process, reading inside it $inside ms"
    if [ $have_pandoc = 0 ]; then
        return
    fi
    p=$(median "$RUNS" pandoc -f docx -t native "$2")
    echo "$g $p $inside" | awk -v name="$1" '{
        printf "  %s: pandoc -f docx -t native %.2f ms a process: gongwen %.1fx faster (processes), reading alone %.0fx\n",
            name, $2, $2 / $1, $2 / $3 }'
    echo "$g $p" >"$TMP/$1.ratio"
}

echo "== reading DOCX"
if [ ! -f "$SAMPLE" ]; then
    echo "  skipped: no $SAMPLE"
    exit 0
fi
if ! "$GW" convert "$SAMPLE" -o "$TMP/sample.docx" 2>"$TMP/err"; then
    echo "  skipped: $(head -1 "$TMP/err")"
    exit 0
fi
awk -v paras=420 'length($0) > 60 { text[n++] = $0 }
    END { for (i = 0; i < paras && n > 0; i++) print text[i % n] text[(i + 1) % n] }' "$SAMPLE" >"$TMP/long.txt"
"$GW" convert "$TMP/long.txt" -o "$TMP/long.docx" 2>/dev/null
have_pandoc=1
command -v pandoc >/dev/null 2>&1 || { have_pandoc=0; echo "  pandoc not installed: comparison skipped"; }
echo "  gongwen start-up alone (gongwen --version): $(median "$RUNS" "$GW" --version) ms;" \
    "$(ldd "$GW" | wc -l) shared objects"
LD_DEBUG=statistics "$GW" --version 2>&1 >/dev/null |
    sed -n 's/^ *[0-9]*: *//; /total startup time in dynamic loader/p; /final number of relocations:/p' |
    sed 's/^[[:space:]]*/  dynamic linker: /'
bench sample "$TMP/sample.docx"
bench long "$TMP/long.docx"
if [ -f "$TMP/sample.ratio" ]; then
    awk '{ printf "  target: reading the sample >= 50x faster than pandoc (processes): %s\n",
        ($2 / $1 >= 50) ? "met" : "MISSED" }' "$TMP/sample.ratio"
fi
