/* pdfa.c: what makes Cairo's PDF a PDF/A-2b (ISO 19005-2, level B): the
 * XMP metadata packet, the Info entries it mirrors and the sRGB output
 * intent's ICC profile, handed to gongwen-pdf.so, which adds them with
 * qpdf (pdfmod/pdf-archive.cpp).  doc/pdfa.md describes the result.
 *
 * The Info dictionary and the XMP packet are written from the same
 * GwiPdfMeta, so they agree by construction, dates to the second and time
 * zone included.  gongwen's own metadata goes under its XMP namespace
 * GWI_XMP_NS, described by a PDF/A extension schema as PDF/A requires. */
#include <string.h>
#include "gongwen/gongwen.h"
#include "pdf-module.h"
#include "pdfa.h"

#define XMP_PACKET_ID "W5M0MpCehiHzreSzNTczkc9d"
#define ICC_NAME "sRGB IEC61966-2.1"

/* sRGB profiles of Debian packages, in order of preference. */
static const char *const icc_paths[] = {
    "/usr/share/color/icc/sRGB.icc",        /* icc-profiles-free */
    "/usr/share/color/icc/colord/sRGB.icc", /* colord-data */
};

const GwiXmpProperty gwi_xmp_properties[GWI_N_XMP_PROPERTIES] = {
    { "number", "number", "文号", "文号: the document number" },
    { "issuer", "issuer", NULL, "发布机关: the issuing body" },
    { "date", "date", "成文日期", "成文日期: the date of the document, YYYY-MM-DD" },
    { "status", "status", "文件状态", "有效性: validity status (有效, 失效, 废止, 尚未施行...)" },
    { "statusDate", "status_date", "状态日期", "有效性日期: the date the validity status holds from" },
    { "source", "source", "来源文件", "来源文件: the name of the file gongwen converted" },
    { "sourceSHA256", "source_sha256", "来源SHA256", "来源SHA256: SHA-256 of that file, hexadecimal" },
};

/* Text as XML character data: escaped, and without the control characters
 * XML 1.0 cannot carry. */
static void put_text(GString *out, const char *text)
{
    char *clean = g_utf8_make_valid(text, -1);
    for (char *p = clean; *p; p++)
        if ((unsigned char) *p < 0x20 && *p != '\t' && *p != '\n')
            *p = ' ';
    char *escaped = g_markup_escape_text(clean, -1);
    g_string_append(out, escaped);
    g_free(escaped);
    g_free(clean);
}

static void put_simple(GString *out, const char *element, const char *value)
{
    if (!value || !*value)
        return;
    g_string_append_printf(out, "   <%s>", element);
    put_text(out, value);
    g_string_append_printf(out, "</%s>\n", element);
}

/* A language alternative (dc:title, dc:description) or an ordered list
 * (dc:creator) of one item. */
static void put_array(GString *out, const char *element, const char *kind, const char *value)
{
    if (!value || !*value)
        return;
    gboolean alt = strcmp(kind, "Alt") == 0;
    g_string_append_printf(out, "   <%s><rdf:%s><rdf:li%s>", element, kind, alt ? " xml:lang=\"x-default\"" : "");
    put_text(out, value);
    g_string_append_printf(out, "</rdf:li></rdf:%s></%s>\n", kind, element);
}

static void put_extension_schema(GString *out)
{
    g_string_append(out, "  <rdf:Description rdf:about=\"\"\n"
                         "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                         "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                         "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                         "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
                         "    <pdfaSchema:schema>gongwen official document metadata</pdfaSchema:schema>\n"
                         "    <pdfaSchema:namespaceURI>" GWI_XMP_NS "</pdfaSchema:namespaceURI>\n"
                         "    <pdfaSchema:prefix>gw</pdfaSchema:prefix>\n"
                         "    <pdfaSchema:property><rdf:Seq>\n");
    for (guint i = 0; i < GWI_N_XMP_PROPERTIES; i++)
        g_string_append_printf(out,
                               "     <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>%s</pdfaProperty:name>"
                               "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
                               "<pdfaProperty:category>external</pdfaProperty:category>"
                               "<pdfaProperty:description>%s</pdfaProperty:description></rdf:li>\n",
                               gwi_xmp_properties[i].name, gwi_xmp_properties[i].description);
    g_string_append(out, "    </rdf:Seq></pdfaSchema:property>\n"
                         "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
                         "  </rdf:Description>\n");
}

char *gwi_pdfa_xmp(GwDocument *doc, const GwiPdfMeta *meta)
{
    char *date = g_date_time_format(meta->date, "%Y-%m-%dT%H:%M:%S%:z");
    GString *out = g_string_new("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"" XMP_PACKET_ID "\"?>\n"
                                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                                " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                                "  <rdf:Description rdf:about=\"\"\n"
                                "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                                "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                                "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                                "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                                "    xmlns:gw=\"" GWI_XMP_NS "\">\n"
                                "   <pdfaid:part>2</pdfaid:part>\n"
                                "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                                "   <dc:format>application/pdf</dc:format>\n");
    put_array(out, "dc:title", "Alt", meta->title);
    put_array(out, "dc:creator", "Seq", meta->author);
    put_array(out, "dc:description", "Alt", meta->subject);
    put_simple(out, "pdf:Keywords", meta->keywords);
    put_simple(out, "pdf:Producer", meta->producer);
    put_simple(out, "xmp:CreatorTool", meta->creator);
    put_simple(out, "xmp:CreateDate", date);
    put_simple(out, "xmp:ModifyDate", date);
    put_simple(out, "xmp:MetadataDate", date);
    for (guint i = 0; i < GWI_N_XMP_PROPERTIES; i++) {
        char *element = g_strconcat("gw:", gwi_xmp_properties[i].name, NULL);
        put_simple(out, element, gw_document_get_meta(doc, gwi_xmp_properties[i].key));
        g_free(element);
    }
    g_string_append(out, "  </rdf:Description>\n");
    put_extension_schema(out);
    g_string_append(out, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
    g_free(date);
    return g_string_free(out, FALSE);
}

/* The sRGB profile, checked to be an RGB ICC profile. */
static char *read_icc(gsize *len, GError **error)
{
    for (guint i = 0; i < G_N_ELEMENTS(icc_paths); i++) {
        char *data = NULL;
        if (!g_file_get_contents(icc_paths[i], &data, len, NULL))
            continue;
        if (*len >= 128 && memcmp(data + 36, "acsp", 4) == 0 && memcmp(data + 16, "RGB ", 4) == 0)
            return data;
        g_free(data);
    }
    g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED,
                "PDF/A needs an sRGB ICC profile: none at %s or %s (Debian package icc-profiles-free)",
                icc_paths[0], icc_paths[1]);
    return NULL;
}

gboolean gwi_pdfa_write(GwDocument *doc, const GwiPdfMeta *meta, const char *cairo_pdf, FILE *out, const char *path,
                        GError **error)
{
    const GwiPdfModule *m = gwi_pdf_module(error);
    gsize icc_len = 0;
    char *icc = m ? read_icc(&icc_len, error) : NULL;
    if (!icc) {
        g_prefix_error(error, "%s: ", path);
        return FALSE;
    }
    char *xmp = gwi_pdfa_xmp(doc, meta);
    /* PDF dates with the same instant and offset as the XMP's. */
    char *date = g_date_time_format(meta->date, "D:%Y%m%d%H%M%S");
    char *offset = g_date_time_format(meta->date, "%z");
    char *pdf_date = g_strdup_printf("%s%c%.2s'%.2s'", date, offset[0], offset + 1, offset + 3);
    const char *info[] = {
        "Title", meta->title,       "Author", meta->author,        "Subject", meta->subject,
        "Keywords", meta->keywords, "Creator", meta->creator,      "Producer", meta->producer,
        "CreationDate", pdf_date,   "ModDate", pdf_date,           NULL,
    };
    /* Pairs with no value are left out. */
    const char *pairs[G_N_ELEMENTS(info)];
    guint n = 0;
    for (guint i = 0; info[i]; i += 2)
        if (info[i + 1] && *info[i + 1]) {
            pairs[n++] = info[i];
            pairs[n++] = info[i + 1];
        }
    pairs[n] = NULL;
    GwiPdfArchive archive = {
        .info = pairs, .xmp = xmp, .xmp_len = strlen(xmp), .icc = icc, .icc_len = icc_len, .icc_name = ICC_NAME,
    };
    gboolean ok = m->archive(cairo_pdf, path, out, &archive, error);
    g_free(pdf_date);
    g_free(offset);
    g_free(date);
    g_free(xmp);
    g_free(icc);
    return ok;
}
