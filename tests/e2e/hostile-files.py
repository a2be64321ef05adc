"""hostile-files.py OUTDIR: write the hostile inputs of tests/e2e/hostile.sh.

Bombs, entity tricks, traversal names, absurd spans, deep nesting,
truncated, encrypted and random files, as DOCX, XLSX, HTML and text.  The
small fixed ones live in tests/fixtures/hostile/ (copied by hostile.sh); the
big ones are made here at test time to keep the repository small.  Python's
standard library only; deterministic (fixed random seed).
"""
import io
import os
import random
import struct
import sys
import zipfile
import zlib

OUT = sys.argv[1]
FUZZ_SEEDS = os.path.join(os.path.dirname(__file__), "..", "fuzz", "seeds")
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
random.seed(9704)


def seed(name):
    with open(os.path.join(FUZZ_SEEDS, name), encoding="utf-8") as f:
        return f.read()


def out(name):
    return os.path.join(OUT, name)


def body(xml):
    return '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, xml)


def para(text):
    return "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % text


TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" '
         'ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
         'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships %s><Relationship Id="rId1" Type="%s/'
             'officeDocument" Target="word/document.xml"/></Relationships>' % (RELS_NS, OFFICE))


def document_rels(extra=""):
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships %s><Relationship Id="rId1" Type="%s/styles" '
            'Target="styles.xml"/><Relationship Id="rId2" Type="%s/numbering" Target="numbering.xml"/>%s'
            '</Relationships>' % (RELS_NS, OFFICE, OFFICE, extra))


def docx(name, document, extra_parts=(), rels_extra="", styles=None, numbering=None):
    """A DOCX whose parts are valid but for the ones given."""
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", document_rels(rels_extra))
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", styles if styles is not None else seed("styles.xml"))
        z.writestr("word/numbering.xml", numbering if numbering is not None else seed("numbering.xml"))
        for part, data in extra_parts:
            z.writestr(part, data)


def xlsx(name, sheet=None, strings=None, workbook=None):
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", workbook or (
            '<?xml version="1.0" encoding="UTF-8"?><workbook %s xmlns:r="%s"><sheets><sheet name="登记表" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>' % (S, OFFICE)))
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships %s>'
                   '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>' % (RELS_NS, OFFICE))
        z.writestr("xl/sharedStrings.xml", strings if strings is not None else seed("sharedStrings.xml"))
        z.writestr("xl/worksheets/sheet1.xml", sheet if sheet is not None else seed("sheet1.xml"))


def write(name, data):
    with open(out(name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


# ---- bombs --------------------------------------------------------------------

def streamed_part(z, part, head, filler, count, tail):
    """A part of head + filler * count + tail, compressed as it is written."""
    info = zipfile.ZipInfo(part)
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w", force_zip64=True) as f:
        f.write(head.encode())
        for _ in range(count):
            f.write(filler)
        f.write(tail.encode())


def zip_bomb_docx(name, mib, part="word/document.xml"):
    """1 MiB of spaces inside <w:t>, `mib` times: valid XML, ratio ~1000."""
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        head, tail = body("<w:p><w:r><w:t>").split("<w:t>")[0] + "<w:t>", "</w:t></w:r></w:p></w:body></w:document>"
        if part == "word/document.xml":
            streamed_part(z, part, head, b" " * (1 << 20), mib, tail)
        else:
            z.writestr("word/document.xml", body(para("正文")))
            streamed_part(z, part, "<x>", b" " * (1 << 20), mib, "</x>")


def lying_size_bomb(name):
    """An entry that says it is 2 KB but inflates to 256 MiB."""
    path = out(name)
    zip_bomb_docx(name, 256)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    data = bytearray(open(path, "rb").read())
    fake = 2048
    # local header: zip64 extra field carries the sizes when they are 0xFFFFFFFF
    off = info.header_offset
    name_len, extra_len = struct.unpack_from("<HH", data, off + 26)
    extra = off + 30 + name_len
    if struct.unpack_from("<I", data, off + 22)[0] == 0xFFFFFFFF:
        struct.pack_into("<Q", data, extra + 4, fake)
    else:
        struct.pack_into("<I", data, off + 22, fake)
    i = data.find(b"PK\x01\x02")
    while i >= 0:
        n, m = struct.unpack_from("<HH", data, i + 28)
        if data[i + 46:i + 46 + n] == b"word/document.xml":
            if struct.unpack_from("<I", data, i + 24)[0] == 0xFFFFFFFF:
                struct.pack_into("<Q", data, i + 46 + n + 4, fake)
            else:
                struct.pack_into("<I", data, i + 24, fake)
        i = data.find(b"PK\x01\x02", i + 1)
    open(path, "wb").write(bytes(data))


def nested_zips(name, depth=6, width=16):
    """42.zip style: zips of zips, the innermost of zeros; no document."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("0.txt", b"\0" * (4 << 20))
    blob = inner.getvalue()
    for level in range(depth):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            for i in range(width):
                z.writestr("%d-%d.zip" % (level, i), blob)
        blob = buf.getvalue()[:1 << 20] if len(buf.getvalue()) > (1 << 20) else buf.getvalue()
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", body(para("正文")))
        for i in range(width):
            z.writestr("word/embeddings/%d.zip" % i, blob)


def many_entries(name, n=20000):
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", body(para("正文")))
        for i in range(n):
            z.writestr("word/media/%d" % i, b"")


LOL = "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
LAUGHS = '<!DOCTYPE lolz [<!ENTITY lol0 "lol">%s]>' % LOL
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % pe SYSTEM "file:///etc/passwd">]>'
BIG = '<!DOCTYPE x [<!ENTITY big "%s">]>' % ("A" * 100000)  # quadratic blowup


def entity_files():
    decl = '<?xml version="1.0" encoding="UTF-8"?>'
    doc = "<w:document %s><w:body>%%s</w:body></w:document>" % W
    docx("billion-laughs.docx", decl + LAUGHS + doc % para("&lol9;"))
    docx("xxe.docx", decl + XXE + doc % para("正文&xxe;"))
    docx("quadratic.docx", decl + BIG + doc % para("&big;" * 20000))
    docx("xxe-styles.docx", body(para("正文")), styles=decl + XXE + '<w:styles %s><w:style w:styleId="&xxe;"/>'
                                                                     '</w:styles>' % W)
    # the DOCTYPE hidden from a byte search by UTF-16
    utf16 = '<?xml version="1.0" encoding="UTF-16"?>' + LAUGHS + doc % para("&lol9;")
    docx("billion-laughs-utf16.docx", utf16.encode("utf-16"))
    docx("xxe-utf16.docx", ('<?xml version="1.0" encoding="UTF-16"?>' + XXE + doc % para("正文&xxe;"))
         .encode("utf-16"))
    docx("xinclude.docx", body('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
                               'parse="text"/>' + para("正文")))
    sst = '<sst %s><si><t>文号</t></si><si><t>标题&xxe;</t></si></sst>' % S
    xlsx("xxe.xlsx", strings=decl + XXE + sst)
    xlsx("billion-laughs.xlsx", strings=decl + LAUGHS + '<sst %s><si><t>&lol9;</t></si></sst>' % S)
    xlsx("billion-laughs-utf16.xlsx", workbook=('<?xml version="1.0" encoding="UTF-16"?>' + LAUGHS +
         '<workbook %s xmlns:r="%s"><workbookPr date1904="&lol9;"/><sheets><sheet name="&lol9;" sheetId="1" '
         'r:id="rId1"/></sheets></workbook>' % (S, OFFICE)).encode("utf-16"))
    write("xxe.html", '<?xml version="1.0"?>' + XXE + '<html><body><p>正文&xxe;</p></body></html>')
    write("billion-laughs.html", '<?xml version="1.0"?>' + LAUGHS + '<html><body><p>&lol9;</p></body></html>')


def traversal():
    evil = [("../../evil.txt", "evil"), ("/tmp/evil-abs.txt", "evil"), ("word/../../../evil2.txt", "evil"),
            ("..\\..\\evil3.txt", "evil")]
    img = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
           'wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/><a:graphic xmlns:a="http://schemas.'
           'openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.'
           'openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill>'
           '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    rels = ('<Relationship Id="rId9" Type="%s/image" Target="../../../../../etc/passwd"/>'
            '<Relationship Id="rId10" Type="%s/hyperlink" Target="http://127.0.0.1:9/x" TargetMode="External"/>'
            '<Relationship Id="rId11" Type="%s/image" Target="file:///etc/passwd" TargetMode="External"/>'
            % (OFFICE, OFFICE, OFFICE))
    docx("traversal.docx", body(para("正文") + img), extra_parts=evil, rels_extra=rels)
    write("traversal.html", '<html><body><p>正文</p><img src="../../../../etc/passwd">'
                            '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/a.png"></body></html>')


def spans():
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="%s"/>%s</w:tcPr><w:p><w:r><w:t>格</w:t></w:r></w:p></w:tc>'
    rows = "".join("<w:tr>%s%s</w:tr>" % (cell % ("2147483647", '<w:vMerge w:val="restart"/>' if i == 0 else
                                                     "<w:vMerge/>"), cell % ("-5", "")) for i in range(2000))
    grid = "<w:tblGrid>%s</w:tblGrid>" % ('<w:gridCol w:w="99999999"/>' * 5000)
    docx("absurd-spans.docx", body("<w:tbl>%s%s</w:tbl>%s" % (grid, rows, para("正文"))))
    wide = "<w:tr>%s</w:tr>" % (cell % ("1", "") * 20000)
    docx("wide-table.docx", body("<w:tbl>%s</w:tbl>" % (wide * 60)))
    html_rows = "".join('<tr><td colspan="2147483647" rowspan="2147483647">格</td><td colspan="-1">x</td></tr>'
                        for _ in range(2000))
    write("absurd-spans.html", "<html><body><table>%s</table><p>正文</p></body></html>" % html_rows)


def nesting():
    # under 1 MiB of XML each, so that the compression-ratio limit does not
    # stop them first: the depth limits must
    docx("deep-nesting.docx", body("<w:tbl><w:tr><w:tc>" * 20000 + para("深") + "</w:tc></w:tr></w:tbl>" * 20000))
    docx("deep-elements.docx", body("<a>" * 100000 + para("深") + "</a>" * 100000))
    docx("nested-tables-80.docx", body("<w:tbl><w:tr><w:tc>" * 80 + para("深") + "</w:tc></w:tr></w:tbl>" * 80))
    write("deep-nesting.html", "<html><body>" + "<div>" * 100000 + "深" + "</div>" * 100000 + "</body></html>")
    write("deep-lists.html", "<html><body>" + "<ul><li>" * 20000 + "深" + "</li></ul>" * 20000 + "</body></html>")


def alt_chunks():
    # documents that import documents (w:altChunk): one chunk a thousand
    # times over (its reading counts against the total-bytes limit every
    # time), chunks nested five deep, a chunk that is the document's own
    # part, and an HTML chunk whose picture names a file
    chunk_rel = '<Relationship Id="rIdC" Type="%s/aFChunk" Target="%s"/>'
    inner = out("chunk-inner.docx")
    docx("chunk-inner.docx", body(para("字" * 30000)))
    with open(inner, "rb") as f:
        inner_bytes = f.read()
    os.remove(inner)
    docx("alt-chunk-repeated.docx", body('<w:altChunk r:id="rIdC"/>' * 1000),
         extra_parts=[("word/chunk.docx", inner_bytes)], rels_extra=chunk_rel % (OFFICE, "chunk.docx"))
    nested = inner_bytes
    for depth in range(5):
        docx("alt-chunk-nested.docx", body(para("第%d层" % depth) + '<w:altChunk r:id="rIdC"/>'),
             extra_parts=[("word/chunk.docx", nested)], rels_extra=chunk_rel % (OFFICE, "chunk.docx"))
        with open(out("alt-chunk-nested.docx"), "rb") as f:
            nested = f.read()
    docx("alt-chunk-self.docx", body(para("正文") + '<w:altChunk r:id="rIdC"/>'),
         rels_extra=chunk_rel % (OFFICE, "document.xml"))
    docx("alt-chunk-html.docx", body('<w:altChunk r:id="rIdC"/>'),
         extra_parts=[("word/chunk.htm", '<html><body><p>网页</p><img src="/etc/passwd"><img src="../../x.png">'
                                          '<img src="file:///etc/hosts"></body></html>')],
         rels_extra=chunk_rel % (OFFICE, "chunk.htm"))


def many_cells():
    # tables of small cells whose random attributes defeat the compression
    # ratio: in the body, in twenty headers (one a section) and in an HTML
    # altChunk; each passes the blocks limit long before the model would
    # pass 200 MB
    def cells(rows, cols):
        return "<w:tbl>%s</w:tbl>" % "".join(
            "<w:tr>%s</w:tr>" % "".join('<w:tc x="%06x"/>' % random.getrandbits(24) for _ in range(cols))
            for _ in range(rows))
    docx("many-cells.docx", body(cells(1200, 200)))
    header_rel = '<Relationship Id="rIdH%d" Type="%s/header" Target="header%d.xml"/>'
    sections = "".join('<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdH%d"/></w:sectPr>'
                       '</w:pPr></w:p>' % i for i in range(20))
    headers = [("word/header%d.xml" % i, '<w:hdr %s>%s</w:hdr>' % (W, cells(100, 200))) for i in range(20)]
    docx("header-cells.docx", body(sections), extra_parts=headers,
         rels_extra="".join(header_rel % (i, OFFICE, i) for i in range(20)))
    html = "<table>%s</table>" % "".join("<tr>%s</tr>" % "".join("<td>%x</td>" % random.getrandbits(16)
                                                                  for _ in range(200)) for _ in range(1000))
    write("many-cells.html", "<html><body>%s</body></html>" % html)
    docx("chunk-cells.docx", body(para("正文") + '<w:altChunk r:id="rIdC"/>'),
         extra_parts=[("word/chunk.htm", "<html><body>%s</body></html>" % html)],
         rels_extra='<Relationship Id="rIdC" Type="%s/aFChunk" Target="chunk.htm"/>' % OFFICE)


def volume():
    # page breaks and paragraphs: under 1 MiB again, and a bomb-sized flat part
    docx("page-breaks.docx", body('<w:p><w:r><w:br w:type="page"/></w:r></w:p>' * 20000))
    docx("paragraphs.docx", body("<w:p/>" * 150000))
    docx("paragraphs-bomb.docx", body("<w:p/>" * 2000000))
    docx("runs.docx", body("<w:p>" + "<w:r><w:t>字</w:t></w:r>" * 40000 + "</w:p>"))
    # 1.2 million elements whose random attributes defeat the ratio limit
    docx("flat-nodes.docx", body(para("正文") + "".join('<a b="%06x"/>' % random.getrandbits(24)
                                                        for _ in range(1200000))))
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 100000, 100000, 8, 6, 0,
                                                                                0, 0)
    png += struct.pack(">I", zlib.crc32(png[12:29]))
    rel = '<Relationship Id="rId9" Type="%s/image" Target="media/huge.png"/>' % OFFICE
    img = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
           'wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/><a:graphic xmlns:a="http://schemas.'
           'openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.'
           'openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill>'
           '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    docx("huge-image.docx", body(para("正文") + img), extra_parts=[("word/media/huge.png", png)], rels_extra=rel)
    write("lines.txt", "字\n" * 3300000)
    write("long-line.txt", "字" * 5000000 + "\n")
    write("over-text-bytes.txt", "正文。\n" * 2000000)
    write("nul-bytes.txt", "正文\0" * 100000)
    # combining marks stacked on one character (shaped at ~10 us a mark),
    # in one text line and split over runs
    write("stacked-marks.txt", "字" + "\u0301" * 400000 + "\n")
    docx("stacked-marks.docx", body("<w:p><w:r><w:t>字</w:t></w:r>" + "".join(
        '<w:r w:rsidR="%08X"><w:t>%s</w:t></w:r>' % (random.getrandbits(32), "\u0301\u0301")
        for _ in range(100000)) + "</w:p>"))
    # a paragraph of 60,000 characters each spread over a width of its own
    # (w:fitText, a layout each for a label): past a few a paragraph, text
    # keeps its width
    docx("many-fit-groups.docx", body("<w:p>" + "".join(
        '<w:r><w:rPr><w:fitText w:val="600" w:id="%d"/></w:rPr><w:t>字</w:t></w:r>' % i for i in range(60000)) + "</w:p>"))
    write("controls.txt", "".join(chr(random.randrange(1, 32)) for _ in range(100000)))
    write("paragraphs.html", "<html><body>" + "<p>字</p>" * 2000000 + "</body></html>")
    rows = "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i)
                   for i in range(1, 1048577, 1))
    xlsx("many-rows.xlsx", sheet='<worksheet %s><sheetData>%s</sheetData></worksheet>' % (S, rows))
    xlsx("far-cell.xlsx", sheet='<worksheet %s><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c>'
         '</row></sheetData></worksheet>' % S)
    xlsx("many-strings.xlsx", strings="<sst %s>%s</sst>" % (S, "<si/>" * 3000000))
    write("many-rows.csv", "文号,标题\n" + "\n" * 3000000)
    write("many-columns.csv", "," * 10000000)


def layout():
    # page geometry, sizes and spacing that a naive paginator loops on:
    # no room for a line, a character wider than the page, a zero pitch
    text = para("正文内容测试。" * 200) * 20
    sect = "<w:sectPr>%s</w:sectPr>"
    docx("tiny-page.docx", body(text + sect % '<w:pgSz w:w="1" w:h="1"/><w:pgMar w:top="0" w:bottom="0" '
                                             'w:left="0" w:right="0"/>'))
    docx("margins-past-page.docx", body(text + sect % '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="20000" '
                                                    'w:bottom="20000" w:left="9000" w:right="9000"/>'))
    docx("negative-margins.docx", body(text + sect % '<w:pgMar w:top="-20000" w:bottom="-20000" w:left="-9000" '
                                                    'w:right="-9000"/>'))
    docx("huge-page.docx", body(text + sect % '<w:pgSz w:w="2147483647" w:h="2147483647"/>'))
    docx("many-section-columns.docx", body(text + sect % '<w:cols w:num="2147483647" w:space="0"/>'))
    docx("huge-indent.docx", body('<w:p><w:pPr><w:ind w:left="2147483647" w:right="2147483647" '
                                  'w:firstLine="-2147483647"/></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>' % ("字" * 20000)))
    docx("huge-font.docx", body('<w:p><w:r><w:rPr><w:sz w:val="2147483647"/></w:rPr><w:t>%s</w:t></w:r></w:p>'
                                % ("字" * 2000)))
    docx("zero-font.docx", body('<w:p><w:r><w:rPr><w:sz w:val="0"/></w:rPr><w:t>%s</w:t></w:r></w:p>' % ("字" * 20000)))
    docx("huge-spacing.docx", body('<w:p><w:pPr><w:spacing w:before="2147483647" w:after="2147483647" '
                                   'w:line="2147483647" w:lineRule="exact"/></w:pPr><w:r><w:t>字</w:t></w:r></w:p>'
                                   * 2000))
    docx("tiny-line-pitch.docx", body(('<w:p><w:pPr><w:spacing w:line="1" w:lineRule="exact"/></w:pPr><w:r><w:t>'
                                       '%s</w:t></w:r></w:p>' % ("字" * 5000)) * 5))
    docx("huge-run-spacing.docx", body('<w:p><w:r><w:rPr><w:spacing w:val="2147483647"/><w:w w:val="600"/>'
                                       '<w:position w:val="2147483647"/></w:rPr><w:t>%s</w:t></w:r></w:p>'
                                       % ("字" * 2000)))
    docx("tab-stops.docx", body('<w:p><w:pPr><w:tabs>' + "".join('<w:tab w:val="left" w:pos="%d"/>' % (i * 3)
                                                                 for i in range(5000)) +
                                '</w:tabs></w:pPr><w:r>' + "<w:tab/>" * 50000 + '<w:t>x</w:t></w:r></w:p>'))
    docx("page-break-before.docx", body('<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>字</w:t></w:r></w:p>'
                                        * 3000))
    # drawings and rules out of all proportion: offsets and sizes past any
    # page or not numbers, strokes and borders past Word's widths, and
    # 1,500 line shapes in one paragraph
    drawing_ns = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
                  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')

    def line_shape(offset, extent, stroke):
        return ('<w:r><w:drawing><wp:anchor %s behindDoc="1"><wp:positionH relativeFrom="page"><wp:posOffset>%s'
                '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:align>bottom</wp:align>'
                '</wp:positionV><wp:extent cx="%s" cy="%s"/><wp:wrapNone/><a:graphic><a:graphicData><wps:wsp><wps:spPr>'
                '<a:prstGeom prst="line"/><a:ln w="%s"/></wps:spPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
                '</w:drawing></w:r>' % (drawing_ns, offset, extent, extent, stroke))
    docx("extreme-line-shapes.docx", body('<w:p>' + line_shape("1e308", "9e99", "9e99") +
                                          line_shape("-99999999999999999", "-5", "NaN") +
                                          line_shape("nan", "inf", "1") * 1500 + '<w:r><w:t>字</w:t></w:r></w:p>'))
    docx("extreme-borders.docx", body(('<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="2147483647" '
                                       'w:space="2147483647" w:color="FF0000"/><w:bottom w:val="double" w:sz="-5" '
                                       'w:space="-9"/></w:pBdr></w:pPr><w:r><w:t>字</w:t></w:r></w:p>') * 3000))
    docx("table-extremes.docx", body(
        '<w:tbl><w:tblPr><w:tblW w:w="2147483647" w:type="dxa"/><w:tblInd w:w="-2147483647"/><w:tblCellMar>'
        '<w:left w:w="2147483647"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="1"/><w:gridCol w:w="1"/>'
        '</w:tblGrid>' + ('<w:tr><w:trPr><w:trHeight w:val="2147483647" w:hRule="exact"/></w:trPr><w:tc><w:tcPr>'
                          '<w:tcW w:w="1" w:type="dxa"/></w:tcPr>%s</w:tc><w:tc>%s</w:tc></w:tr>'
                          % (para("字" * 1400), para("字" * 1400))) * 20 + '</w:tbl>'))


def many_styles():
    # a hundred thousand styles (Word keeps at most 4,079): paragraph and
    # table ones, each with a tab stop
    for kind in ("paragraph", "table"):
        styles = '<w:styles %s>%s</w:styles>' % (W, "".join(
            '<w:style w:type="%s" w:styleId="S%d"><w:pPr><w:tabs><w:tab w:val="left" w:pos="%d"/></w:tabs></w:pPr>'
            '</w:style>' % (kind, i, random.getrandbits(12)) for i in range(60000)))
        docx("many-%s-styles.docx" % kind, body(para("正文")), styles=styles)


def styles_and_numbering():
    # style and numbering definitions that refer to themselves, and label
    # templates of hundreds of counters in Chinese counting
    styles = ('<w:styles %s><w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>'
              '<w:style w:type="character" w:styleId="C"><w:basedOn w:val="C"/></w:style>'
              '<w:style w:type="numbering" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
              '</w:style></w:styles>' % W)
    numbering = ('<w:numbering %s><w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="L"/></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>' % W)
    cyclic = ('<w:p><w:pPr><w:pStyle w:val="A"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
              '<w:r><w:rPr><w:rStyle w:val="C"/></w:rPr><w:t>字</w:t></w:r></w:p>')
    docx("style-cycles.docx", body(cyclic * 10), styles=styles, numbering=numbering)
    levels = "".join('<w:lvl w:ilvl="%d"><w:start w:val="2147483647"/><w:numFmt w:val="chineseCounting"/>'
                     '<w:lvlText w:val="%s"/></w:lvl>' % (i, "%1%2%3%4%5%6%7%8%9" * 50) for i in range(9))
    templates = ('<w:numbering %s><w:abstractNum w:abstractNumId="0">%s</w:abstractNum><w:num w:numId="1">'
                 '<w:abstractNumId w:val="0"/></w:num></w:numbering>' % (W, levels))
    items = "".join('<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>项'
                    '</w:t></w:r></w:p>' % (i % 9) for i in range(3000))
    docx("label-templates.docx", body(items), numbering=templates)


def pdf_file(name, objects):
    """A PDF of `objects` (bytes, numbered from 1; 1 is the catalog)."""
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Root 1 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    write(name, out)


def flate_spaces(mib):
    z = zlib.compressobj(1)
    data = z.compress(b"BT 72 712 Td (x) Tj ET\n")
    chunk = b" " * (1 << 20)
    for _ in range(mib):
        data += z.compress(chunk)
    return data + z.flush()


def pdfs():
    # page descriptions that decompress to 96 MiB (over the 64 MiB
    # part-bytes limit), directly and in a form XObject drawn twice; a page
    # tree whose nodes repeat; a broken file
    bomb = flate_spaces(96)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
    catalog, pages = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R%s >>"
    pdf_file("content-bomb.pdf", [catalog, pages, page % b"", stream % (len(bomb), bomb)])
    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
    draw = b"/F0 Do /F0 Do"
    pdf_file("form-bomb.pdf", [catalog, pages, page % b" /Resources << /XObject << /F0 5 0 R >> >>",
                               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw),
                               form % (len(bomb), bomb)])
    kids = b"<< /Type /Pages /Kids [%s] /Count 1000000 >>"
    pdf_file("page-tree-repeats.pdf", [catalog, kids % b" ".join([b"3 0 R"] * 1000)] +
             [kids % b" ".join([b"%d 0 R" % (i + 1)] * 1000) for i in range(3, 6)] +
             [b"<< /Type /Page /MediaBox [0 0 595 842] >>"])
    write("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nstartxref\n999999\n%%EOF\n")


def broken():
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", body(para("正文") * 200))
    data = good.getvalue()
    write("truncated.docx", data[:len(data) // 2])
    write("truncated-end.docx", data[:-10])
    write("encrypted.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(random.randrange(256) for _ in range(4088)))
    write("random.docx", bytes(random.randrange(256) for _ in range(65536)))
    write("random.txt", bytes(random.randrange(256) for _ in range(65536)))
    write("random.html", b"<html>" + bytes(random.randrange(256) for _ in range(65536)))
    write("random.xlsx", b"PK\x03\x04" + bytes(random.randrange(256) for _ in range(65536)))
    write("not-a-docx.docx", "PK".encode() + b"\x03\x04" + b"\0" * 26)


os.makedirs(OUT, exist_ok=True)
zip_bomb_docx("zip-bomb.docx", 1024)
zip_bomb_docx("zip-bomb-styles.docx", 256, part="word/styles.xml")
lying_size_bomb("zip-bomb-lying-size.docx")
nested_zips("nested-zips.docx")
many_entries("many-entries.docx")
entity_files()
traversal()
spans()
nesting()
layout()
alt_chunks()
styles_and_numbering()
many_styles()
pdfs()
volume()
many_cells()
broken()
