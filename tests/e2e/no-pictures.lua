-- no-pictures.lua: pandoc filter for tests/e2e/docx-corpus.sh.  pandoc's
-- plain writer prints a picture as its description in brackets; Word's and
-- LibreOffice's text, and gongwen's, leave pictures out.
function Image()
    return {}
end
