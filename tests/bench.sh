#!/bin/sh
# bench.sh GONGWEN: PDF speed and memory of gongwen against LibreOffice
# (`make bench`).  Converts the sample report and generated 30- and 300-page
# documents (long paragraphs and a table of 200 / 2,000 rows) with gongwen,
# and gongwen's own DOCX of them with `soffice --headless --convert-to pdf`,
# and prints time and peak-memory ratios, the time per page and the cost of
# PDF/A.  Parts the tool cannot do yet (a reader or the DOCX writer) are
# skipped.
#
# Fairness: every figure is a median of cold process runs on the same
# machine in the same run, after one warm-up run of each command.  For the
# sample, gongwen and LibreOffice take turns (BENCH_ROUNDS rounds of
# BENCH_RUNS gongwen runs, as plain PDF and as PDF/A, and one LibreOffice
# run), so that a change in the machine's load hits both alike.  Runs are
# timed by tests/bench-time.py (only the command's own fork and exec) when
# /usr/bin/python3 is there, else from the shell, which adds a few ms a run.
# Each run writes a new file (the previous output is removed, untimed), as a
# conversion usually does: gongwen syncs an output to disk only when it
# replaces a file, and LibreOffice never does.
set -u
GW=${1:-build/release/gongwen}
case $GW in /*) ;; *) GW=$(pwd)/$GW ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$(cd "$root/.." && pwd)/shared}
SAMPLE=$SHARED/samples/huangpu-2022-report.txt
RUNS=${BENCH_RUNS:-5}
ROUNDS=${BENCH_ROUNDS:-4}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# samples OUTPUT N CMD...: run CMD N times, removing OUTPUT before each run;
# print "microseconds peak-KB" per run.
samples() {
    if [ -x /usr/bin/python3 ]; then
        /usr/bin/python3 "$root/tests/bench-time.py" --fresh "$@"
        return
    fi
    out=$1
    n=$2
    shift 2
    i=0
    while [ $i -lt "$n" ]; do
        rm -f "$out"
        start=$(date +%s%N)
        /usr/bin/time -f %M -o "$TMP/mem" "$@" >/dev/null 2>"$TMP/err" || return 1
        end=$(date +%s%N)
        echo "$(((end - start) / 1000)) $(tail -1 "$TMP/mem")"
        i=$((i + 1))
    done
}

# median FILE: the median time in seconds and the largest peak memory in KB
# of the samples in FILE.
median() {
    sort -n "$1" | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%.4f %d\n", t[int((NR + 1) / 2)] / 1e6, m }'
}

# measure OUTPUT N CMD...: median of N runs after a warm-up run.
measure() {
    out=$1
    n=$2
    shift 2
    samples "$out" 1 "$@" >/dev/null || return 1
    samples "$out" "$n" "$@" >"$TMP/samples" || return 1
    median "$TMP/samples"
}

# soffice_pdf DOCX: LibreOffice's command line, with a private profile.
soffice_pdf() {
    echo env HOME="$TMP/lohome" timeout 600 soffice --headless --norestore "-env:UserInstallation=file://$TMP/lo" \
        --convert-to pdf --outdir "$TMP/lo-out" "$1"
}

pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

# report NAME GW_RESULT LO_RESULT: the ratios.
report() {
    echo "$2 $3" | awk -v name="$1" '{
        printf "  %-8s gongwen %.3f s %6.1f MB | LibreOffice %.3f s %6.1f MB | %.0fx faster, memory %.1f%% of LibreOffice\n",
            name, $1, $2 / 1024, $3, $4 / 1024, $3 / $1, 100 * $2 / $4 }'
}

have_lo=0
command -v soffice >/dev/null 2>&1 && have_lo=1
[ $have_lo = 1 ] || echo "bench: soffice not installed: LibreOffice comparisons skipped"

# gongwen's DOCX of INPUT for LibreOffice, or nothing when the tool cannot write it.
docx_for() {
    [ $have_lo = 1 ] || return 1
    if ! "$GW" convert "$1" -o "$2" >/dev/null 2>"$TMP/err"; then
        echo "bench: no DOCX for LibreOffice ($(head -1 "$TMP/err")): LibreOffice part skipped"
        return 1
    fi
}

echo "== sample report"
if [ -f "$SAMPLE" ] && "$GW" convert "$SAMPLE" -o "$TMP/sample.pdf" >/dev/null 2>"$TMP/err"; then
    lo=0
    docx_for "$SAMPLE" "$TMP/sample.docx" && $(soffice_pdf "$TMP/sample.docx") >/dev/null 2>&1 && lo=1 # sets up the profile
    : >"$TMP/gw.s"
    : >"$TMP/pdfa.s"
    : >"$TMP/lo.s"
    "$GW" convert "$SAMPLE" -o "$TMP/sample-a.pdf" --pdfa >/dev/null 2>&1 || echo "  --pdfa fails: $("$GW" convert "$SAMPLE" -o "$TMP/sample-a.pdf" --pdfa 2>&1 | head -1)"
    r=0
    while [ $r -lt "$ROUNDS" ]; do
        samples "$TMP/sample.pdf" "$RUNS" "$GW" convert "$SAMPLE" -o "$TMP/sample.pdf" --no-pdfa >>"$TMP/gw.s"
        [ -s "$TMP/sample-a.pdf" ] &&
            samples "$TMP/sample-a.pdf" "$RUNS" "$GW" convert "$SAMPLE" -o "$TMP/sample-a.pdf" --pdfa >>"$TMP/pdfa.s"
        [ $lo = 1 ] && samples "$TMP/lo-out/sample.pdf" 1 $(soffice_pdf "$TMP/sample.docx") >>"$TMP/lo.s"
        r=$((r + 1))
    done
    g=$(median "$TMP/gw.s")
    echo "  gongwen: $(pages "$TMP/sample.pdf") pages, $g (s, peak KB; median of $((ROUNDS * RUNS)) runs)"
    if [ -s "$TMP/pdfa.s" ]; then
        a=$(median "$TMP/pdfa.s")
        echo "$g $a" | awk '{ printf "  PDF/A-2b: %.4f s %.1f MB, %+.0f%% time over plain PDF; target <= 20%%: %s\n",
            $3, $4 / 1024, 100 * ($3 - $1) / $1, ($3 <= $1 * 1.2) ? "met" : "MISSED" }'
    fi
    if [ -s "$TMP/lo.s" ]; then
        l=$(median "$TMP/lo.s")
        report sample "$g" "$l"
        echo "$g $l" | awk '{ printf "  target: >= 50x faster: %s; memory <= 20%%: %s\n",
            ($3 / $1 >= 50) ? "met" : "MISSED", ($2 <= $4 / 5) ? "met" : "MISSED" }'
    fi
else
    echo "  skipped: $( [ -f "$SAMPLE" ] && head -1 "$TMP/err" || echo "no $SAMPLE")"
fi

# generate FILE PARAGRAPHS ROWS FORMAT: the sample's paragraphs repeated and
# a table of ROWS rows, as HTML (or as text, without the table).
generate() {
    awk -v paras="$2" -v rows="$3" -v fmt="$4" '
        length($0) > 60 { text[n++] = $0 }
        END {
            if (n == 0) text[n++] = "各级行政机关应当依照条例规定，主动公开本行政机关的政府信息，并对申请公开的政府信息及时作出答复。"
            if (fmt == "html") print "<html><head><meta charset=\"utf-8\"><title>基准文档</title></head><body>"
            for (i = 0; i < paras; i++) {
                p = text[i % n] text[(i + 1) % n]
                if (fmt == "html") print "<p>" p "</p>"; else print p
                if (fmt == "html" && i == int(paras / 2)) {
                    print "<table><thead><tr><th>序号</th><th>事项名称</th><th>数量（件）</th><th>备注</th></tr></thead><tbody>"
                    for (r = 1; r <= rows; r++)
                        printf "<tr><td>%d</td><td>政府信息公开申请办理情况</td><td>%d</td><td>%s</td></tr>\n", r, (r * 37) % 1000,
                            (r % 7 == 0) ? "含转下年度继续办理的申请，按规定予以公开" : ""
                    print "</tbody></table>"
                }
            }
            if (fmt == "html") print "</body></html>"
        }' "$SAMPLE" >"$1"
}

echo "== generated documents (30 and 300 pages)"
fmt=html
generate "$TMP/probe.html" 1 1 html
if ! "$GW" convert "$TMP/probe.html" -o "$TMP/probe.pdf" >/dev/null 2>"$TMP/err"; then
    echo "  the tool reads no HTML ($(head -1 "$TMP/err")): text without the table instead"
    fmt=txt
fi
# A paragraph fills ~0.6 page; the 2,000-row table ~53 pages.
if [ $fmt = html ]; then small="42 200" big="420 2000"; else small="50 0" big="500 0"; fi
generate "$TMP/p30.$fmt" $small $fmt
generate "$TMP/p300.$fmt" $big $fmt
if "$GW" convert "$TMP/p300.$fmt" -o "$TMP/p300.pdf" >/dev/null 2>"$TMP/err"; then
    g30=$(measure "$TMP/p30.pdf" "$RUNS" "$GW" convert "$TMP/p30.$fmt" -o "$TMP/p30.pdf" --no-pdfa)
    g300=$(measure "$TMP/p300.pdf" "$RUNS" "$GW" convert "$TMP/p300.$fmt" -o "$TMP/p300.pdf" --no-pdfa)
    n30=$(pages "$TMP/p30.pdf")
    n300=$(pages "$TMP/p300.pdf")
    echo "  gongwen: $n30 pages $g30 | $n300 pages $g300 (s, peak KB)"
    echo "$g30 $n30 $g300 $n300" | awk '{
        a = $1 / $3 * 1000; b = $4 / $6 * 1000
        printf "  time per page: %.2f ms at %d pages, %.2f ms at %d pages (%+.0f%%); each page past %d: %.2f ms\n",
            a, $3, b, $6, 100 * (b - a) / a, $3, ($4 - $1) / ($6 - $3) * 1000
        printf "  target: %d pages under 2 s: %s; per-page time flat within 20%%: %s\n", $6,
            ($4 < 2) ? "met" : "MISSED", (b <= a * 1.2) ? "met" : "MISSED" }'
    if docx_for "$TMP/p300.$fmt" "$TMP/p300.docx"; then
        samples "$TMP/lo-out/p300.pdf" 1 $(soffice_pdf "$TMP/p300.docx") >"$TMP/lo300.s"
        l=$(median "$TMP/lo300.s")
        echo "  LibreOffice: $(pages "$TMP/lo-out/p300.pdf") pages"
        report 300pp "$g300" "$l"
    fi
else
    echo "  skipped: $(head -1 "$TMP/err")"
fi
