/* doc-text.c: the text and metadata of a document (DOCX, PDF or plain
 * text), enough to find its 文号 and title and the 文号 it cites.  DOCX is
 * read straight from word/document.xml; PDF text comes from poppler (through
 * gongwen-pdf.so, pdf-module.h). */
#include <string.h>
#include <zip.h>
#include <libxml/xmlreader.h>
#include <glib/gstdio.h>
#include "validity-imp.h"
#include "gongwen/reader.h"
#include "limit-imp.h"

enum { FIRST_PAGE_PARAGRAPHS = 60 };

static gboolean reader_is(xmlTextReaderPtr r, int type, const char *local)
{
    return xmlTextReaderNodeType(r) == type && strcmp((const char *) xmlTextReaderConstLocalName(r), local) == 0;
}

/* Paragraph text of a WordprocessingML part, one paragraph a line. */
static char *wordml_text(const char *xml, gsize len, const char *path, gboolean first_page, GError **error)
{
    GwiXmlInput in;
    if (!gwi_xml_input(&in, xml, len, path, "word/document.xml", error))
        return NULL;
    GString *out = g_string_new(NULL);
    xmlTextReaderPtr r = gwi_xml_reader(&in, "word/document.xml");
    gboolean in_t = FALSE;
    guint paragraphs = 0;
    while (r && xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (reader_is(r, XML_READER_TYPE_ELEMENT, "t"))
            in_t = !xmlTextReaderIsEmptyElement(r);
        else if (reader_is(r, XML_READER_TYPE_END_ELEMENT, "t"))
            in_t = FALSE;
        else if (in_t && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
            g_string_append(out, (const char *) xmlTextReaderConstValue(r));
        else if (reader_is(r, XML_READER_TYPE_ELEMENT, "tab"))
            g_string_append_c(out, '\t');
        else if (reader_is(r, XML_READER_TYPE_ELEMENT, "br")) {
            xmlChar *bt = xmlTextReaderGetAttribute(r, BAD_CAST "w:type");
            gboolean page = bt && strcmp((const char *) bt, "page") == 0;
            xmlFree(bt);
            if (page && first_page)
                break;
            g_string_append_c(out, '\n');
        } else if (reader_is(r, XML_READER_TYPE_END_ELEMENT, "p")) {
            g_string_append_c(out, '\n');
            if (first_page && ++paragraphs >= FIRST_PAGE_PARAGRAPHS)
                break;
        }
    }
    if (r)
        xmlFreeTextReader(r);
    gwi_xml_input_clear(&in);
    return g_string_free(out, FALSE);
}

/* Text of every element of a small XML part (core or custom properties),
 * each non-empty value added to `values`; `title` gets dc:title. */
static void property_values(const char *xml, gsize len, const char *part, GPtrArray *values, char **title)
{
    GwiXmlInput in;
    if (!gwi_xml_input(&in, xml, len, "", part, NULL))
        return;
    xmlTextReaderPtr r = gwi_xml_reader(&in, part);
    gboolean in_title = FALSE;
    while (r && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
            in_title = strcmp((const char *) xmlTextReaderConstLocalName(r), "title") == 0;
        else if (xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT) {
            const char *v = (const char *) xmlTextReaderConstValue(r);
            g_ptr_array_add(values, g_strdup(v));
            if (in_title && title && !*title)
                *title = g_strdup(v);
        }
    }
    if (r)
        xmlFreeTextReader(r);
    gwi_xml_input_clear(&in);
}

static gboolean docx_text(const char *data, gsize len, const char *path, gboolean first_page, GwiDocText *out,
                          GError **error)
{
    zip_t *za = gwi_zip_open_memory(data, len, path, error);
    if (!za)
        return FALSE;
    gsize n;
    char *xml = gwi_zip_read(za, "word/document.xml", &n, path, error);
    if (xml) {
        out->text = wordml_text(xml, n, path, first_page, error);
        g_free(xml);
        static const char *const parts[] = { "docProps/core.xml", "docProps/custom.xml" };
        for (guint i = 0; i < G_N_ELEMENTS(parts); i++) {
            char *props = gwi_zip_read(za, parts[i], &n, path, NULL);
            if (props)
                property_values(props, n, parts[i], out->meta, &out->title);
            g_free(props);
        }
    }
    zip_discard(za);
    return out->text != NULL;
}

static gboolean pdf_text(const char *data, gsize len, const char *path, gboolean first_page, GwiDocText *out,
                         GError **error)
{
    guint64 cap = gw_read_options_get_limit(NULL, GW_LIMIT_PAGES);
    out->text = gwi_pdf_text(data, len, path, first_page ? 1 : (guint) MIN(cap, G_MAXUINT), error);
    /* The Info dictionary, custom keys included (qpdf). */
    return out->text && gwi_pdf_info(path, out->meta, &out->title, error);
}

static gboolean has_extension(const char *path, const char *ext)
{
    gsize n = strlen(path), e = strlen(ext);
    return n >= e && g_ascii_strcasecmp(path + n - e, ext) == 0;
}

gboolean gwi_doc_text(const char *path, gboolean first_page, GwiDocText *out, GError **error)
{
    memset(out, 0, sizeof *out);
    out->meta = g_ptr_array_new_with_free_func(g_free);
    gsize len = 0;
    char *data = gwi_read_file(path, &len, error);
    if (!data)
        return FALSE;
    gboolean ok;
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        ok = pdf_text(data, len, path, first_page, out, error);
    else if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        ok = docx_text(data, len, path, first_page, out, error);
    else if (gwi_is_ole(data, len)) {
        g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED,
                    "%s: an encrypted or old-format (.doc) Office file; gongwen reads DOCX, PDF and text", path);
        ok = FALSE;
    } else if (has_extension(path, ".docx") || has_extension(path, ".pdf")) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: not a %s file (it does not start like one)", path,
                    has_extension(path, ".pdf") ? "PDF" : "DOCX");
        ok = FALSE;
    } else if (len > gw_limit_get_default(GW_LIMIT_TEXT_BYTES)) {
        gwi_limit_error(error, GW_LIMIT_TEXT_BYTES, gw_limit_get_default(GW_LIMIT_TEXT_BYTES),
                        "%s: a text of %" G_GSIZE_FORMAT " bytes", path, len);
        ok = FALSE;
    } else {
        out->text = gwi_text_to_utf8(data, &len, path, error);
        ok = out->text != NULL;
    }
    g_free(data);
    return ok;
}

void gwi_doc_text_clear(GwiDocText *t)
{
    if (t->meta)
        g_ptr_array_unref(t->meta);
    g_free(t->title);
    g_free(t->text);
    memset(t, 0, sizeof *t);
}
