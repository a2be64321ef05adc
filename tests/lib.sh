# tests/lib.sh: helpers for end-to-end test scripts (sourced).
# Each script runs with $GONGWEN (the tool under test), $SRC (project root),
# $SHARED (../shared, may be absent) and a fresh $TMP.  Report with
# pass/fail/skip; tests/run.sh counts the lines.
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1${2:+: $2}"; }
skip() { echo "SKIP: $1${2:+: $2}"; }
# check NAME COMMAND...: pass when the command succeeds.
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name" "$*"; fi; }
have() { command -v "$1" >/dev/null 2>&1; }
# at_least NAME PERCENT N TOTAL: pass when N of TOTAL is at least PERCENT%.
at_least() {
    if [ $((100 * $3)) -ge $(($2 * $4)) ]; then pass "$1 ($3 of $4)"; else fail "$1" "$3 of $4"; fi
}
# require NAME TOOL...: unless every tool is installed, skip NAME and end the script.
require() {
    name=$1
    shift
    for tool in "$@"; do
        have "$tool" || { skip "$name" "$tool not installed"; exit 0; }
    done
}
# The sample report, when ../shared is present.
SAMPLE="$SHARED/samples/huangpu-2022-report.txt"
have_sample() { [ -f "$SAMPLE" ]; }
# soffice_convert FORMAT FILE OUTDIR [FILE...]: LibreOffice headless with a
# private profile; more files after OUTDIR go in the same run (one start-up).
soffice_convert() {
    _fmt=$1 _file=$2 _out=$3
    shift 3
    HOME="$TMP/lohome" timeout 600 soffice --headless --norestore -env:UserInstallation=file://$TMP/lo \
        --convert-to "$_fmt" --outdir "$_out" "$_file" "$@" >/dev/null 2>&1
}
# Python with Debian's python3-docx (not a pyenv shim).
PY3=/usr/bin/python3
have_python_docx() { [ -x $PY3 ] && $PY3 -c 'import docx' 2>/dev/null; }
