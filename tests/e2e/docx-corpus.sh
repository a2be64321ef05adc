#!/bin/sh
# docx-corpus.sh: every DOCX of ../shared/corpus/docx (pandoc's test files)
# through `gongwen convert F --to txt`.
#
# 1. No crash: each file gives a PASS/FAIL line; a crash is a signal or a
#    sanitizer report (a clean "gongwen: ..." error with exit 1 is no crash).
# 2. Text: gongwen's text is compared with pandoc's reading of the file,
#    `pandoc -f native -t plain --columns=100000 REF` (no wrapping, so that
#    table cells are not interleaved; pictures filtered out, see below),
#    after normalising both texts.  The
#    normalisation removes what pandoc's plain writer adds as markup:
#      - lines made only of table-border characters (- = + | : and spaces,
#        with at least one - or =) are dropped;
#      - pandoc's grid tables (rows of lines "| a | b |" between "+---+"
#        borders) are read back cell by cell: the lines of a cell one after
#        another, then the next cell (gongwen and LibreOffice write cells of
#        several lines in that order, pandoc side by side);
#      - a table caption, which pandoc prints after its table as ": text",
#        goes back before the table (where the document has it), without ':';
#      - a list or heading enumerator at the start of a line (one symbol
#        such as "-", "•" or "–", "o", "1.", "1.2", "a)", "iv.", "(3)") is
#        dropped, with the whitespace after it, twice (pandoc's "-   ☐"):
#        pandoc writes its own
#        list markers, gongwen writes Word's labels ("1.1", "1 H1", "▪"),
#        both taken as markup here (labels are checked by the unit tests);
#      - pictures go: pandoc prints one as its description in brackets,
#        Word's, LibreOffice's and gongwen's text leave it out (a filter,
#        tests/e2e/no-pictures.lua, removes them from pandoc's reading);
#      - pandoc's marks of formatting go: "~~" around struck text, "^(x)"
#        and "_(x)" around super- and subscripts, whose digits and signs
#        pandoc writes as Unicode super- and subscript characters (gongwen
#        writes the text as typed, as LibreOffice does); and as pandoc
#        writes small capitals in capitals, letter case is not compared;
#      - every run of whitespace becomes one space, leading and trailing
#        whitespace goes.
#    REF is F.native, except where pandoc's test suite reads F with
#    non-default options: then the reading with the default options
#    (comments -> comments_no_comments.native, image -> image_no_embed.native,
#    custom-style-reference -> custom-style-no-styles.native, track changes
#    -> F_accept.native, citations -> F_minus.native;
#    track_changes_scrubbed_metadata.native is an all-changes reading, so
#    that file has none).  When there is no such file, or the installed
#    pandoc cannot read it (a newer native syntax), the reference is
#    `pandoc -f docx -t plain` of F itself.
#    PASS when at least 90% of the files match; the differing ones are listed.
. "$SRC/tests/lib.sh"
CORPUS="$SHARED/corpus/docx"
if [ ! -d "$CORPUS" ]; then
    skip "docx-corpus" "no $CORPUS"
    exit 0
fi

# Moves each ": caption" line before the table it follows (a table starts
# with a border line after a blank line).
captions_first() {
    awk '{ line[NR] = $0 }
        /^[[:space:]]*[-+=|: ]*$/ && /[-=]/ && (NR == 1 || line[NR - 1] ~ /^[[:space:]]*$/) { start = NR }
        /^[[:space:]]*: / && start { cap[start] = cap[start] " " substr($0, index($0, ":") + 1); line[NR] = "" }
        END { for (i = 1; i <= NR; i++) { if (i in cap) print cap[i]; print line[i] } }' "$1"
}

# Grid table rows cell by cell.
grid_cells() {
    awk 'function flush(   k) { for (k = 1; k <= n; k++) print cell[k]; n = 0; split("", cell) }
        /^[[:space:]]*\+[-=+:]*\+[[:space:]]*$/ { flush(); next }
        /^[[:space:]]*\|.*\|[[:space:]]*$/ {
            line = $0; sub(/^[[:space:]]*\|/, "", line); sub(/\|[[:space:]]*$/, "", line)
            m = split(line, f, "|"); if (m > n) n = m
            for (k = 1; k <= m; k++) cell[k] = cell[k] "\n" f[k]
            next }
        { flush(); print }
        END { flush() }'
}

# A list or heading enumerator at the start of a line.
MARKER='s/^[[:space:]]*([^[:alnum:][:space:][]|o|[0-9]+(\.[0-9]+)*[.)]?|[A-Za-z][.)]|[ivxlcdmIVXLCDM]+[.)]|\([0-9A-Za-z]+\))[[:space:]]+//'

# pandoc's super- and subscript characters, and what was typed.
SCRIPTS='⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎'
PLAIN='0123456789+-=()0123456789+-=()'

normalise() {
    captions_first "$1" | grid_cells |
        sed -e '/^[[:space:]]*[-=+|:[:space:]]*$/{/[-=]/d;}' |
        LC_ALL=C.UTF-8 sed -E -e "$MARKER" -e "$MARKER" \
            -e 's/~~//g' -e 's/[_^]\(([^)]*)\)/\1/g' -e "y/$SCRIPTS/$PLAIN/" -e 's/.*/\L&/' |
        tr -s ' \t\r\n' '    ' | sed -e 's/^ //' -e 's/ $//'
}

reference_native() {
    base=${1%.docx}
    case $(basename "$base") in
    comments) set -- "${base}_no_comments.native" ;;
    image) set -- "${base}_no_embed.native" ;;
    custom-style-reference) set -- "$(dirname "$base")/custom-style-no-styles.native" ;;
    track_changes_scrubbed_metadata) return ;;
    *) set -- "$base.native" "${base}_accept.native" "${base}_minus.native" ;;
    esac
    for n in "$@"; do
        [ -f "$n" ] && { echo "$n"; return; }
    done
}

PANDOC_PLAIN="--columns=100000 --lua-filter=$SRC/tests/e2e/no-pictures.lua"

# reference F OUT: pandoc's plain text of F.
reference() {
    native=$(reference_native "$1")
    if [ -n "$native" ] && pandoc -f native -t plain $PANDOC_PLAIN "$native" >"$2" 2>/dev/null; then
        return 0
    fi
    pandoc -f docx -t plain $PANDOC_PLAIN "$1" >"$2" 2>/dev/null
}

total=0 matched=0 differing=""
for f in "$CORPUS"/*.docx; do
    name=$(basename "$f" .docx)
    "$GONGWEN" convert "$f" --to txt -o "$TMP/$name.txt" 2>"$TMP/$name.err"
    rc=$?
    if [ $rc -gt 1 ] || grep -q 'Sanitizer\|runtime error' "$TMP/$name.err"; then
        fail "docx-corpus: no crash: $name" "exit $rc: $(head -c 300 "$TMP/$name.err")"
        continue
    fi
    pass "docx-corpus: no crash: $name"
    have pandoc || continue
    reference "$f" "$TMP/$name.ref" || continue
    total=$((total + 1))
    if [ $rc -eq 0 ] && [ "$(normalise "$TMP/$name.txt")" = "$(normalise "$TMP/$name.ref")" ]; then
        matched=$((matched + 1))
    else
        differing="$differing $name"
    fi
done
if ! have pandoc; then
    skip "docx-corpus: text matches pandoc" "pandoc not installed"
    exit 0
fi
echo "docx-corpus: $matched of $total files match pandoc's text ($((100 * matched / total))%)"
for name in $differing; do
    echo "docx-corpus: differs: $name"
done
at_least "docx-corpus: text matches pandoc for >= 90% of the files" 90 "$matched" "$total"
