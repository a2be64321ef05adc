# docx-chunks.sh: a DOCX that imports other documents where Word does
# (w:altChunk): an HTML page, another DOCX and plain text come in at their
# place, whole; an MHT chunk is left out with a notice; an HTML chunk's
# picture that names a file is never read from the disk (a file of that
# name beside the input and in the working folder).
. "$SRC/tests/lib.sh"
DOCX="$SRC/tests/fixtures/alt-chunks.docx"
mkdir -p in/word word
cp "$DOCX" in/
# a real PNG named as the HTML chunk's <img src="secret.png">, where a
# reader that took the chunk's name as a path would look
cp "$SRC/tests/fixtures/linhu-2023-report_files/chart.png" in/secret.png
cp in/secret.png in/word/secret.png
mkdir -p "in/alt-chunks.docx: word"
cp in/secret.png "in/alt-chunks.docx: word/secret.png" # the folder of the chunk's name in messages
cp in/secret.png secret.png
cp in/secret.png word/secret.png
"$GONGWEN" convert in/alt-chunks.docx -o out.txt 2>err.txt
rc=$?
check "altChunk: converts (exit $rc)" test $rc -eq 0
want="块之前。 网页块的段落。 甲 乙 嵌套文档的第一段。 纯文本块的段落。 块之后。"
check "altChunk: HTML, DOCX and text chunks in their place" sh -c 'tr -s "\n " "  " <out.txt | grep -q "^$0"' "$want"
check "altChunk: an MHT chunk is left out with a notice" grep -q "afchunk4.mht: an embedded document of a format gongwen does not read" err.txt
"$GONGWEN" convert in/alt-chunks.docx -o out.json 2>/dev/null
check "altChunk: no picture taken from the disk" sh -c '! grep -q "\"image\"" out.json'
check "altChunk: the chunk's title is no title" sh -c '! grep -q "不应成为标题" out.txt'
