"""minidocx.py: the smallest DOCX package around a document body, for the
tests of tests/e2e that make their own DOCX."""
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def write_docx(path, body, settings=None):
    """Writes `path`: a document of `body` (WordprocessingML inside w:body)
    and, given `settings` (inside w:settings), a settings part."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                   'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="%sofficeDocument" Target="word/document.xml"/>'
                   '</Relationships>' % REL)
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body))
        if settings is not None:
            z.writestr("word/_rels/document.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                       'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%ssettings" '
                       'Target="settings.xml"/></Relationships>' % REL)
            z.writestr("word/settings.xml", '<?xml version="1.0"?><w:settings %s>%s</w:settings>' % (W, settings))
