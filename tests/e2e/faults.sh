# faults.sh: faults during `gongwen convert`, `stamp`, `validity` and
# `batch`: output folder missing or read-only, disk full (a 64 KB tmpfs),
# file-size limit (ulimit -f), unreadable input (a folder, a FIFO nobody
# writes, an endless device), SIGTERM and SIGKILL while an output is being
# written, a source file changing during a batch.  Each gives exit 1 and a
# one-line error (128 + the signal when killed), leaves no partial file
# under a final name (after SIGKILL a hidden .NAME.gwtmp-* may remain; after
# SIGTERM none does) and never changes its input.
#
# Mounting tmpfs needs root (CI runs as root); without it the disk-full and
# read-only tests fall back or SKIP with the reason.  Commands whose writer
# is not written yet SKIP.
. "$SRC/tests/lib.sh"

REG=$SRC/samples/register.csv
mkdir in
cp "$REG" in/register.csv
# A register big enough that its outputs outgrow a 64 KB disk.
awk 'BEGIN { print "文号,标题,发布日期,实施日期,有效期,废止日期"
    for (i = 1; i <= 3000; i++)
        printf "云府规〔%d〕%d号,关于第%d项工作的管理办法,%d-03-01,%d-04-01,5,\n", 2000 + i % 24, i, i, 2000 + i % 24, 2000 + i % 24 }' \
    >in/big.csv
printf -- '---\n标题：关于测试的通知\n---\n一、总则\n正文。\n' >in/small.txt
(cd in && sha256sum -- * >../inputs.sha256)

inputs_untouched() {
    (cd in && sha256sum -c --quiet ../inputs.sha256 >/dev/null 2>&1)
}

# temps DIR: hidden temporary files of unfinished outputs in DIR.
temps() { ls -A "$1" 2>/dev/null | grep -c '\.gwtmp-'; }

# refused NAME STATUS PATTERN FINAL COMMAND...: the command exits STATUS
# with one line on stderr matching PATTERN, FINAL does not exist and no temp
# file is left beside it; the inputs are unchanged.
refused() {
    name=$1 status=$2 pattern=$3 final=$4
    shift 4
    "$@" >out.txt 2>err.txt
    rc=$?
    if [ $rc -ne "$status" ]; then
        fail "$name" "exit $rc, want $status: $(head -3 err.txt)"
    elif [ "$(wc -l <err.txt)" -ne 1 ] || ! grep -q -- "$pattern" err.txt; then
        fail "$name" "stderr: $(head -3 err.txt)"
    elif [ -e "$final" ]; then
        fail "$name" "$final was written"
    elif [ "$(temps "$(dirname "$final")")" -ne 0 ]; then
        fail "$name" "a temp file was left in $(dirname "$final")"
    elif ! inputs_untouched; then
        fail "$name" "an input changed"
    else
        pass "$name"
    fi
}

# writer_ready FORMAT: whether `convert` has a writer for FORMAT in this build.
writer_ready() {
    "$GONGWEN" convert in/small.txt -o "probe.$1" >/dev/null 2>probe.err
    rc=$?
    rm -f "probe.$1"
    [ $rc -eq 0 ] || ! grep -q 'not written yet' probe.err
}

# ---- output folder missing --------------------------------------------------------
refused "validity: output folder missing" 1 "the folder missing does not exist" missing/out.csv \
    "$GONGWEN" validity in/register.csv -d 2024-01-01 -o missing/out.csv
for to in docx pdf txt; do
    if writer_ready $to; then
        refused "convert to $to: output folder missing" 1 "the folder missing does not exist" missing/out.$to \
            "$GONGWEN" convert in/small.txt -o missing/out.$to
    else
        skip "convert to $to: output folder missing" "the $to writer is not written yet"
    fi
done

# ---- read-only output folder --------------------------------------------------------
mkdir ro
mounted_ro=
if [ "$(id -u)" -ne 0 ]; then
    chmod 555 ro
    ro_pattern="Permission denied"
elif mount -t tmpfs -o ro,size=1m tmpfs ro 2>/dev/null; then
    mounted_ro=1
    ro_pattern="Read-only file system"
fi
if [ -n "${ro_pattern:-}" ]; then
    refused "validity: read-only output folder" 1 "cannot create output in ro: $ro_pattern" ro/out.xlsx \
        "$GONGWEN" validity in/register.csv -d 2024-01-01 -o ro/out.xlsx
    refused "stamp: read-only output folder" 1 "ro/stamped: cannot create folder: $ro_pattern" ro/stamped \
        "$GONGWEN" stamp -R in/register.csv -d 2024-01-01 -o ro/stamped in/small.txt
    for to in docx pdf txt; do
        if writer_ready $to; then
            refused "convert to $to: read-only output folder" 1 "$ro_pattern" ro/out.$to \
                "$GONGWEN" convert in/small.txt -o ro/out.$to
        else
            skip "convert to $to: read-only output folder" "the $to writer is not written yet"
        fi
    done
else
    skip "read-only output folder" "running as root without permission to mount a read-only tmpfs"
fi
[ -n "$mounted_ro" ] && umount ro

# ---- disk full ----------------------------------------------------------------------
mkdir full
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then
    for out in out.csv out.json out.xlsx; do
        refused "validity to ${out#out.}: disk full" 1 "No space left on device" full/$out \
            "$GONGWEN" validity in/big.csv -d 2024-01-01 -o full/$out
    done
    # a DOCX compresses well: leave it about 8 KB of the 64
    dd if=/dev/zero of=full/filler bs=1k count=56 2>/dev/null
    awk '{ for (i = 0; i < 2000; i++) print "第" i "段：" $0 }' in/small.txt >big.txt
    for to in docx pdf txt; do
        if writer_ready $to; then
            refused "convert to $to: disk full" 1 "No space left on device" full/out.$to \
                "$GONGWEN" convert big.txt -o full/out.$to
        else
            skip "convert to $to: disk full" "the $to writer is not written yet"
        fi
    done
    umount full
else
    skip "disk full" "cannot mount a 64 KB tmpfs (needs root)"
fi

# ---- file-size limit ------------------------------------------------------------------
mkdir fsize
# 40 blocks of 512 bytes (dash) or 1 KB (bash): far below the 300 KB output
refused "validity: file-size limit (ulimit -f)" 1 "File too large" fsize/out.csv \
    sh -c 'ulimit -f 40 && exec "$0" validity in/big.csv -d 2024-01-01 -o fsize/out.csv' "$GONGWEN"

# ---- unreadable input ------------------------------------------------------------------
mkdir folder.txt
refused "convert: a folder as input" 1 "folder.txt: cannot read: it is a folder" out.docx \
    "$GONGWEN" convert folder.txt -o out.docx
refused "validity: a folder as register" 1 "folder.txt: cannot read: it is a folder" out.csv \
    "$GONGWEN" validity folder.txt -o out.csv
mkfifo fifo.txt
refused "convert: a FIFO nobody writes to" 1 "fifo.txt: empty file" out.docx \
    timeout 10 "$GONGWEN" convert fifo.txt -o out.docx
refused "convert: an endless device" 1 "exceeds the input-bytes limit (1048576)" out.docx \
    timeout 10 "$GONGWEN" convert /dev/zero -o out.docx --limit input-bytes=1M
# root reads every file: as root, the conversion runs as nobody (setpriv),
# in a folder nobody may write to
cp in/small.txt secret.txt
chmod 000 secret.txt
if [ "$(id -u)" -ne 0 ]; then
    refused "convert: an unreadable file" 1 "secret.txt: cannot read: Permission denied" out.docx \
        "$GONGWEN" convert secret.txt -o out.docx
elif have setpriv && chmod o+x "$TMP" && mkdir -m 1777 shared-dir; then
    refused "convert: an unreadable file" 1 "secret.txt: cannot read: Permission denied" shared-dir/out.docx \
        setpriv --reuid=65534 --regid=65534 --clear-groups "$GONGWEN" convert secret.txt -o shared-dir/out.docx
else
    skip "convert: an unreadable file" "root reads every file, and setpriv is missing"
fi

# ---- signals while writing ---------------------------------------------------------------
# interrupt NAME SIGNAL DIR FINAL COMMAND...: start the command, send SIGNAL
# as soon as a temp file shows in DIR, then check what is left.  With
# hold_writes=1 and strace, every write of the command is held 30 ms, so that
# the signal lands while the temp file is being written, not after the rename
# (a fast writer finishes between two looks at the folder).  Not for batch:
# strace loses track of many workers.
hold_writes=
interrupt() {
    name=$1 sig=$2 dir=$3 final=$4
    shift 4
    if [ -n "$hold_writes" ] && have strace; then
        strace -f -qq -o /dev/null -e trace=write,pwrite64,writev -e inject=write,pwrite64,writev:delay_exit=30000 \
            "$@" >out.txt 2>err.txt &
    else
        "$@" >out.txt 2>err.txt &
    fi
    pid=$!
    seen=
    i=0
    while [ $i -lt 4000 ] && kill -0 $pid 2>/dev/null; do
        if [ "$(temps "$dir")" -gt 0 ]; then
            seen=1
            # the command itself, not strace (which then exits as it did)
            target=$pid
            [ -n "$hold_writes" ] && have strace && target=$(pgrep -P $pid | head -1)
            kill -s "$sig" "${target:-$pid}"
            break
        fi
        sleep 0.005
        i=$((i + 1))
    done
    wait $pid 2>/dev/null
    rc=$?
    if [ -z "$seen" ]; then
        skip "$name" "the output was written before a temp file could be seen (exit $rc)"
        return
    fi
    left=$(temps "$dir")
    case $sig in TERM) want=143 ;; KILL) want=137 ;; esac
    if [ -e "$final" ] && [ "$left" -eq 0 ] && [ $rc -ne 1 ]; then
        # The temp file was renamed into place (atomic) before the signal landed.
        skip "$name" "the output was complete before the signal landed (exit $rc)"
        rm -f "$final"
        return
    elif [ $rc -ne $want ]; then
        fail "$name" "exit $rc, want $want: $(head -3 err.txt)"
    elif [ -e "$final" ]; then
        fail "$name" "$final exists after $sig"
    elif [ "$sig" = TERM ] && [ "$left" -ne 0 ]; then
        fail "$name" "$left temp file(s) left after SIGTERM"
    elif [ "$sig" = TERM ] && ! grep -q "stopped by SIGTERM\|interrupted" err.txt; then
        fail "$name" "stderr: $(head -3 err.txt)"
    elif ! inputs_untouched; then
        fail "$name" "an input changed"
    else
        [ "$sig" = KILL ] && name="$name ($left temp file(s) left, as SIGKILL allows)"
        pass "$name"
    fi
    rm -f "$dir"/.*.gwtmp-*
}

# stamping a PDF of 8,000 pages (repealed: a mark on every page) writes for
# a while; qpdf makes the pages from a one-page PDF written here
if have qpdf; then
    printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n4 0 obj << /Length 25 >> stream\nBT 72 712 Td (Page) Tj ET\nendstream endobj\ntrailer << /Root 1 0 R /Size 5 >>\n%%%%EOF\n' >one.pdf
    qpdf one.pdf page.pdf >/dev/null 2>&1
    pdf="in/云府规〔2020〕1号.pdf"
    # shellcheck disable=SC2046
    qpdf --empty --pages $(i=0; while [ $i -lt 8000 ]; do printf 'page.pdf '; i=$((i + 1)); done) -- "$pdf"
    printf '文号,标题,发布日期,实施日期,废止日期\n云府规〔2020〕1号,某办法,2020-01-01,2020-01-01,2021-01-01\n' >in/pdf-register.csv
    (cd in && sha256sum -- * >../inputs.sha256)
    hold_writes=1
    for sig in TERM KILL; do
        mkdir -p stamped-$sig
        interrupt "stamp: SIG$sig while writing" $sig stamped-$sig "stamped-$sig/$(basename "$pdf")" \
            "$GONGWEN" stamp -R in/pdf-register.csv -d 2024-01-01 -o stamped-$sig "$pdf"
    done
    hold_writes=
else
    skip "stamp: signals while writing" "no qpdf to make a long PDF"
fi

for to in docx pdf txt; do
    if writer_ready $to; then
        # without strace to hold their writes, the DOCX and text writers are
        # fast: give them 20 times the paragraphs (13 MB)
        n=5000
        have strace || [ $to = pdf ] || n=100000
        awk -v n=$n '{ for (i = 0; i < n; i++) print "第" i "段：" $0 }' in/small.txt >long.txt
        hold_writes=1
        for sig in TERM KILL; do
            mkdir -p conv-$sig
            interrupt "convert to $to: SIG$sig while writing" $sig conv-$sig conv-$sig/out.$to \
                "$GONGWEN" convert --limit blocks=1000000 long.txt -o conv-$sig/out.$to
        done
        hold_writes=
    else
        skip "convert to $to: signals while writing" "the $to writer is not written yet"
    fi
done

# SIGTERM before any output: no output, the usual message, exit 143
"$GONGWEN" validity in/big.csv -d 2024-01-01 -o early.xlsx >/dev/null 2>err.txt &
pid=$!
sleep 0.05
kill -TERM $pid
wait $pid
rc=$?
if [ $rc -eq 0 ] && [ -f early.xlsx ]; then
    skip "validity: SIGTERM early" "it finished within 50 ms"
elif [ $rc -eq 143 ] && [ ! -e early.xlsx ] && [ "$(temps .)" -eq 0 ]; then
    pass "validity: SIGTERM early"
else
    fail "validity: SIGTERM early" "exit $rc: $(cat err.txt)"
fi

# ---- batch ------------------------------------------------------------------------------
if "$GONGWEN" batch --help >/dev/null 2>&1; then
    mkdir -p bin bout
    i=0
    while [ $i -lt 200 ]; do
        cp in/small.txt "bin/doc-$i.txt"
        i=$((i + 1))
    done
    (sleep 0.2 && printf '改动。\n' >>bin/doc-150.txt) &
    "$GONGWEN" batch bin bout >out.txt 2>err.txt
    rc=$?
    wait
    if [ $rc -le 1 ] && [ "$(temps bout)" -eq 0 ]; then
        pass "batch: a source changing during the batch (exit $rc)"
    else
        fail "batch: a source changing during the batch" "exit $rc, $(temps bout) temp files: $(head -3 err.txt)"
    fi
    for sig in TERM KILL; do
        mkdir -p bout-$sig
        interrupt "batch: SIG$sig while writing" $sig bout-$sig bout-$sig/never-this-name \
            "$GONGWEN" batch bin bout-$sig
    done
else
    skip "batch faults" "gongwen batch is not in this build"
fi
inputs_untouched && pass "faults: inputs untouched" || fail "faults: inputs untouched"
