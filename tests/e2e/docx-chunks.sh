# docx-chunks.sh: a DOCX that imports other documents where Word does
# (w:altChunk): an HTML page, another DOCX, plain text and an MHT page
# (quoted-printable GB2312, as Word saves one) come in at their place,
# whole; an RTF chunk is left out with a notice; an HTML chunk's picture
# that names a file is never read from the disk (a file of that name beside
# the input and in the working folder).
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
want="块之前。 网页块的段落。 甲 乙 嵌套文档的第一段。 纯文本块的段落。 MHT块的段落，含一个很长的句子，以便引号可打印编码在行尾折行，而读者须把折行接回原样。 块之后。"
check "altChunk: HTML, DOCX, text and MHT chunks in their place" sh -c 'tr -s "\n " "  " <out.txt | grep -q "^$0"' "$want"
check "altChunk: an RTF chunk is left out with a notice" grep -q "chunk5.rtf: an embedded document of a format gongwen does not read" err.txt
"$GONGWEN" convert in/alt-chunks.docx -o out.json 2>/dev/null
check "altChunk: no picture taken from the disk" sh -c '! grep -q "\"image\"" out.json'
check "altChunk: the chunk's title is no title" sh -c '! grep -q "不应成为标题" out.txt'
