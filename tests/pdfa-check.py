#!/usr/bin/python3
"""pdfa-check.py FILE.pdf: check the PDF/A-2b requirements gongwen relies on,
from the file's own objects as `qpdf --json` shows them (not from what
gongwen meant to write).  Prints PASS/FAIL lines for tests/run.sh; exits 1
when a requirement fails.  Debian's python3, standard library only.

Checked (ISO 19005-2 clause):
  header version at most 1.7 (6.1.2), no encryption (6.1.3), trailer ID
  (6.1.3), XMP metadata: unfiltered Metadata stream of the catalog, a
  parseable packet, pdfaid part 2 conformance B (6.6.4), Info entries equal
  to their XMP equivalents, dates to the second and time zone included
  (6.6.3), custom namespaces described by a PDF/A extension schema (6.6.2.3),
  sRGB output intent GTS_PDFA1 with an embedded RGB ICC profile (6.2.3),
  every font program embedded and TrueType CID fonts with a CIDToGIDMap
  (6.2.11.3-4), annotations printed and not hidden (6.3.2), no JavaScript,
  launch actions or embedded files (6.5.1, 6.8), no interpolated images
  (6.2.8), MarkInfo Marked true, outline root Count not negative.
"""
import base64
import datetime
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
# Namespaces PDF/A predefines (ISO 19005-2 6.6.2.3.2 lists the XMP schemas).
PREDEFINED = {NS[k] for k in ("rdf", "dc", "xmp", "pdf", "pdfaid", "pdfaExtension", "pdfaSchema",
                              "pdfaProperty", "x")} | {
    "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/",
    "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/xap/1.0/sType/ResourceRef#",
}
ANNOT_INVISIBLE, ANNOT_HIDDEN, ANNOT_PRINT, ANNOT_NO_VIEW, ANNOT_TOGGLE_NO_VIEW = 1, 2, 4, 32, 256

failures = 0


def report(name, ok, detail=""):
    global failures
    if ok:
        print("PASS: pdfa: " + name)
    else:
        failures += 1
        print("FAIL: pdfa: " + name + (": " + detail if detail else ""))


class Pdf:
    """The objects of `qpdf --json` (version 2), references resolved on demand."""

    def __init__(self, path):
        out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path],
                             capture_output=True, check=False)
        if out.returncode not in (0, 3):  # 3: warnings
            raise SystemExit("FAIL: pdfa: qpdf --json: " + out.stderr.decode(errors="replace").strip())
        doc = json.loads(out.stdout)
        self.header = doc["qpdf"][0]
        self.objects = doc["qpdf"][1]
        self.trailer = self.objects["trailer"]["value"]

    def get(self, value):
        """The object a reference names, else the value itself."""
        if isinstance(value, str) and re.fullmatch(r"\d+ \d+ R", value):
            obj = self.objects.get("obj:" + value)
            if obj is None:
                return None
            return obj["stream"] if "stream" in obj else obj["value"]
        return value

    def dict_of(self, value):
        """The dictionary of a dictionary or a stream."""
        v = self.get(value)
        if isinstance(v, dict) and "dict" in v and isinstance(v["dict"], dict):
            return v["dict"]
        return v if isinstance(v, dict) else {}

    def stream_data(self, value):
        v = self.get(value)
        return base64.b64decode(v["data"]) if isinstance(v, dict) and "data" in v else None

    def all_dicts(self):
        for key, obj in self.objects.items():
            if key == "trailer":
                continue
            yield key, (obj["stream"]["dict"] if "stream" in obj else obj["value"])


def text(value):
    """A PDF string as qpdf's JSON writes it ("u:text" or "b:hex")."""
    if not isinstance(value, str):
        return None
    if value.startswith("u:"):
        return value[2:]
    if value.startswith("b:"):
        return bytes.fromhex(value[2:]).decode("latin-1")
    return None


def pdf_date(s):
    """D:YYYYMMDDHHmmSSOHH'mm' as an aware datetime (None when unreadable)."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([Zz])|([+-])(\d\d)'?(\d\d)'?)?", s or "")
    if not m:
        return None
    y, mo, d, h, mi, sec = (int(x) for x in m.groups()[:6])
    if m.group(8):
        off = datetime.timedelta(hours=int(m.group(9)), minutes=int(m.group(10)))
        tz = datetime.timezone(off if m.group(8) == "+" else -off)
    elif m.group(7):
        tz = datetime.timezone.utc
    else:
        return None  # no time zone: not comparable to the second
    return datetime.datetime(y, mo, d, h, mi, sec, tzinfo=tz)


def xmp_date(s):
    try:
        return datetime.datetime.fromisoformat((s or "").replace("Z", "+00:00"))
    except ValueError:
        return None


def check_basics(pdf):
    version = pdf.header.get("pdfversion", "")
    report("PDF version at most 1.7 (got %s)" % version, re.fullmatch(r"1\.[0-7]", version) is not None)
    report("not encrypted", "/Encrypt" not in pdf.trailer)
    ids = pdf.trailer.get("/ID")
    report("trailer has a document ID", isinstance(ids, list) and len(ids) == 2 and all(text(i) for i in ids))
    catalog = pdf.dict_of(pdf.trailer["/Root"])
    mark = pdf.dict_of(catalog.get("/MarkInfo"))
    report("MarkInfo Marked true", mark.get("/Marked") is True)
    count = pdf.dict_of(catalog.get("/Outlines")).get("/Count", 0)
    report("outline root Count not negative (ISO 32000-1 12.3.3)", count >= 0, str(count))


def xmp_packet(pdf, catalog):
    meta = pdf.get(catalog.get("/Metadata"))
    if not isinstance(meta, dict) or "dict" not in meta:
        report("catalog has an XMP Metadata stream", False)
        return None
    d = meta["dict"]
    report("Metadata stream is Type Metadata, Subtype XML, unfiltered",
           d.get("/Type") == "/Metadata" and d.get("/Subtype") == "/XML" and "/Filter" not in d, str(d))
    data = pdf.stream_data(catalog["/Metadata"]) or b""
    report("XMP is a packet (xpacket begin and end)",
           data.startswith(b"<?xpacket begin=") and data.rstrip().endswith(b"<?xpacket end=\"w\"?>"))
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        report("XMP parses as XML", False, str(e))
        return None


def xmp_values(root):
    """Simple properties and the first item of arrays, by (namespace, name)."""
    values = {}
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        for prop in desc:
            if prop.tag.startswith("{%s}" % NS["pdfaExtension"]):
                continue
            items = prop.findall(".//{%s}li" % NS["rdf"])
            values[prop.tag] = (items[0].text if items else prop.text) or ""
    return values


def check_xmp(pdf, root):
    v = xmp_values(root)
    get = lambda prefix, name: v.get("{%s}%s" % (NS[prefix], name))
    report("pdfaid:part 2, conformance B (got %s, %s)" % (get("pdfaid", "part"), get("pdfaid", "conformance")),
           get("pdfaid", "part") == "2" and get("pdfaid", "conformance") == "B")
    info = pdf.dict_of(pdf.trailer.get("/Info"))
    pairs = [("/Title", "dc", "title"), ("/Author", "dc", "creator"), ("/Subject", "dc", "description"),
             ("/Keywords", "pdf", "Keywords"), ("/Creator", "xmp", "CreatorTool"), ("/Producer", "pdf", "Producer")]
    for key, prefix, name in pairs:
        a, b = text(info.get(key)), get(prefix, name)
        report("Info %s equals %s:%s" % (key, prefix, name), a == b, "%r vs %r" % (a, b))
    for key, name in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
        a, b = pdf_date(text(info.get(key))), xmp_date(get("xmp", name))
        report("Info %s and xmp:%s are the same instant, to the second" % (key, name),
               (key not in info and b is None) or (a is not None and b is not None and a == b),
               "%r vs %r" % (text(info.get(key)), get("xmp", name)))
    check_extension_schemas(root, v)


def check_extension_schemas(root, values):
    declared = {}
    for schema in root.iter("{%s}schemas" % NS["pdfaExtension"]):
        for li in schema.findall("./{%s}Bag/{%s}li" % (NS["rdf"], NS["rdf"])):
            uri = li.findtext("{%s}namespaceURI" % NS["pdfaSchema"])
            names = {p.findtext("{%s}name" % NS["pdfaProperty"])
                     for p in li.iter("{%s}li" % NS["rdf"]) if p.find("{%s}name" % NS["pdfaProperty"]) is not None}
            declared[uri] = names
    custom = {}
    for tag in values:
        uri, name = tag[1:].split("}")
        if uri not in PREDEFINED:
            custom.setdefault(uri, set()).add(name)
    for uri, names in custom.items():
        missing = names - declared.get(uri, set())
        report("custom XMP namespace %s described by an extension schema" % uri, not missing,
               "undeclared: " + ", ".join(sorted(missing)))


def check_output_intent(pdf, catalog):
    intents = [pdf.dict_of(i) for i in pdf.get(catalog.get("/OutputIntents")) or []]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    report("one GTS_PDFA1 output intent", len(pdfa) == 1, "%d found" % len(pdfa))
    if not pdfa:
        return
    profile = pdfa[0].get("/DestOutputProfile")
    data = pdf.stream_data(profile) or b""
    report("its DestOutputProfile is an RGB ICC profile with N 3",
           pdf.dict_of(profile).get("/N") == 3 and len(data) >= 128 and data[36:40] == b"acsp"
           and data[16:20] == b"RGB ")
    report("its OutputConditionIdentifier is set", bool(text(pdfa[0].get("/OutputConditionIdentifier"))))


def font_embedded(pdf, font):
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        kids = pdf.get(font.get("/DescendantFonts")) or []
        font = pdf.dict_of(kids[0]) if kids else {}
    desc = pdf.dict_of(font.get("/FontDescriptor"))
    return any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def check_objects(pdf):
    fonts, unembedded, no_map, bad_annots, scripts, interpolated = 0, [], [], [], [], []
    for key, d in pdf.all_dicts():
        if not isinstance(d, dict):
            continue
        if d.get("/Type") == "/Font" and d.get("/Subtype") not in ("/CIDFontType0", "/CIDFontType2"):
            fonts += 1
            if not font_embedded(pdf, d):
                unembedded.append(d.get("/BaseFont", key))
        if d.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in d:
            no_map.append(d.get("/BaseFont", key))
        if d.get("/Type") == "/Annot" or (d.get("/Subtype") in ("/Link", "/Widget", "/Text") and "/Rect" in d):
            flags = d.get("/F", 0)
            if not flags & ANNOT_PRINT or flags & (ANNOT_INVISIBLE | ANNOT_HIDDEN | ANNOT_NO_VIEW | ANNOT_TOGGLE_NO_VIEW):
                bad_annots.append(key)
        if "/JS" in d or "/JavaScript" in d or "/EmbeddedFiles" in d or "/AA" in d \
                or d.get("/S") in ("/JavaScript", "/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData"):
            scripts.append(key)
        if d.get("/Subtype") == "/Image" and d.get("/Interpolate") is True:
            interpolated.append(key)
    report("the PDF has fonts (%d)" % fonts, fonts > 0)
    report("every font program embedded", not unembedded, ", ".join(unembedded))
    report("TrueType CID fonts have a CIDToGIDMap", not no_map, ", ".join(no_map))
    report("annotations printed, none hidden", not bad_annots, ", ".join(bad_annots))
    report("no JavaScript, actions or embedded files", not scripts, ", ".join(scripts))
    report("no interpolated images", not interpolated, ", ".join(interpolated))


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: pdfa-check.py FILE.pdf")
    pdf = Pdf(sys.argv[1])
    catalog = pdf.dict_of(pdf.trailer["/Root"])
    check_basics(pdf)
    root = xmp_packet(pdf, catalog)
    if root is not None:
        check_xmp(pdf, root)
    check_output_intent(pdf, catalog)
    check_objects(pdf)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
