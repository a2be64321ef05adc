/* ooxml.c: the zip and XML plumbing of the validity files (XLSX in and
 * out, DOCX stamping), with the reader limits. */
#include <string.h>
#include <zip.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#include "limit-imp.h"
#include "validity-imp.h"
#include "gongwen/reader.h"
#include "gongwen/writer.h"

zip_t *gwi_zip_open_memory(const char *data, gsize len, const char *name, GError **error)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: not a zip package: %s", name, zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    guint64 n = (guint64) zip_get_num_entries(za, 0), max = gw_limit_get_default(GW_LIMIT_ZIP_ENTRIES);
    if (n > max) {
        gwi_limit_error(error, GW_LIMIT_ZIP_ENTRIES, max, "%s: a zip of %" G_GUINT64_FORMAT " entries", name, n);
        zip_discard(za);
        return NULL;
    }
    return za;
}

gboolean gwi_is_ole(const char *data, gsize len)
{
    return len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

gboolean gwi_zip_name_is_safe(const char *name)
{
    if (!*name || name[0] == '/' || strchr(name, '\\') || strchr(name, ':'))
        return FALSE;
    char **segments = g_strsplit(name, "/", -1);
    gboolean safe = TRUE;
    for (char **s = segments; *s && safe; s++)
        safe = strcmp(*s, "..") != 0 && strcmp(*s, ".") != 0;
    g_strfreev(segments);
    return safe;
}

/* An entry over 1 MiB must not inflate more than the compression-ratio
 * limit: ZIP bombs do, documents do not (XML compresses about 10:1). */
enum { RATIO_MIN_BYTES = 1 << 20 };

static gboolean within_part_limits(const zip_stat_t *st, const char *name, const char *entry, GError **error)
{
    guint64 max = gw_limit_get_default(GW_LIMIT_PART_BYTES), ratio = gw_limit_get_default(GW_LIMIT_COMPRESSION_RATIO);
    if (st->size > max) {
        gwi_limit_error(error, GW_LIMIT_PART_BYTES, max, "%s: part %s of %" G_GUINT64_FORMAT " bytes", name, entry,
                        (guint64) st->size);
        return FALSE;
    }
    if ((st->valid & ZIP_STAT_COMP_SIZE) && st->size > RATIO_MIN_BYTES && st->size / MAX(st->comp_size, 1) > ratio) {
        gwi_limit_error(error, GW_LIMIT_COMPRESSION_RATIO, ratio, "%s: part %s, inflating to %" G_GUINT64_FORMAT " times its compressed size",
                        name, entry, (guint64) (st->size / MAX(st->comp_size, 1)));
        return FALSE;
    }
    return TRUE;
}

char *gwi_zip_read(zip_t *za, const char *entry, gsize *len, const char *name, GError **error)
{
    zip_stat_t st;
    if (zip_stat(za, entry, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: part %s is missing", name, entry);
        return NULL;
    }
    if (!within_part_limits(&st, name, entry, error))
        return NULL;
    zip_file_t *zf = zip_fopen(za, entry, 0);
    char *buf = g_malloc(st.size + 1);
    zip_int64_t n = zf ? zip_fread(zf, buf, st.size) : -1;
    if (zf)
        zip_fclose(zf);
    if (n < 0 || (zip_uint64_t) n != st.size) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: part %s cannot be read", name, entry);
        g_free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = (gsize) n;
    return buf;
}

GwiZipOut *gwi_zip_new_memory(GError **error)
{
    zip_error_t ze;
    zip_error_init(&ze);
    GwiZipOut *out = g_new0(GwiZipOut, 1);
    out->src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (out->src) {
        zip_source_keep(out->src); /* gwi_zip_finish reads the bytes back from it */
        out->za = zip_open_from_source(out->src, ZIP_TRUNCATE, &ze);
    }
    if (!out->za) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "cannot create a zip archive: %s", zip_error_strerror(&ze));
        if (out->src) {
            zip_source_free(out->src);
            zip_source_free(out->src);
        }
        g_clear_pointer(&out, g_free);
    }
    zip_error_fini(&ze);
    return out;
}

gboolean gwi_zip_add(GwiZipOut *out, const char *entry, const void *data, gsize len, GError **error)
{
    return gwi_zip_add_owned(out, entry, g_memdup2(data, len), len, error);
}

gboolean gwi_zip_add_owned(GwiZipOut *out, const char *entry, void *copy, gsize len, GError **error)
{
    zip_source_t *src = zip_source_buffer(out->za, copy, len, 1);
    zip_int64_t i = src ? zip_file_add(out->za, entry, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
    /* libzip deflates at level 9 unless told: several times slower on XML
     * for a few per cent */
    if (i >= 0)
        zip_set_file_compression(out->za, (zip_uint64_t) i, ZIP_CM_DEFLATE, 6);
    if (i < 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "cannot add %s to a zip archive: %s", entry, zip_strerror(out->za));
        if (src)
            zip_source_free(src);
        else
            g_free(copy);
        return FALSE;
    }
    return TRUE;
}

void gwi_zip_discard(GwiZipOut *out)
{
    zip_discard(out->za);
    zip_source_free(out->src);
    g_free(out);
}

GBytes *gwi_zip_finish(GwiZipOut *out, GError **error)
{
    if (zip_close(out->za) != 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "cannot write a zip archive: %s", zip_strerror(out->za));
        gwi_zip_discard(out);
        return NULL;
    }
    zip_source_t *src = out->src;
    g_free(out);
    zip_stat_t st;
    GBytes *bytes = NULL;
    if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
        char *buf = g_malloc(st.size ? st.size : 1);
        if (zip_source_read(src, buf, st.size) == (zip_int64_t) st.size)
            bytes = g_bytes_new_take(buf, st.size);
        else
            g_free(buf);
        zip_source_close(src);
    }
    zip_source_free(src);
    if (!bytes)
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "cannot read back a zip archive");
    return bytes;
}

gboolean gwi_write_bytes(const char *path, GBytes *bytes, GError **error)
{
    gsize len;
    const void *data = g_bytes_get_data(bytes, &len);
    gboolean ok = gw_output_write_file(path, data, len, error);
    g_bytes_unref(bytes);
    return ok;
}

/* ---- XML ------------------------------------------------------------------ */

/* libxml2 is told the encoding (UTF-8; UTF-16 is converted first) and to
 * ignore the one the part declares, so the DOCTYPE check below sees the
 * very characters the parser sees.  No network, no entity substitution
 * (no XML_PARSE_NOENT), no DTD loading (no XML_PARSE_DTDLOAD). */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOWARNING | XML_PARSE_NOERROR)

static const char *utf16_encoding(const char *data, gsize len, gsize *skip)
{
    const guchar *u = (const guchar *) data;
    *skip = 2;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return "UTF-16LE";
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return "UTF-16BE";
    *skip = 0;
    if (len >= 4 && memcmp(data, "<\0?\0", 4) == 0)
        return "UTF-16LE";
    if (len >= 4 && memcmp(data, "\0<\0?", 4) == 0)
        return "UTF-16BE";
    return NULL;
}

gboolean gwi_xml_input(GwiXmlInput *in, const char *data, gsize len, const char *name, const char *part,
                       GError **error)
{
    gsize skip;
    const char *utf16 = utf16_encoding(data, len, &skip);
    memset(in, 0, sizeof *in);
    if (utf16) {
        in->owned = g_convert(data + skip, (gssize) (len - skip), "UTF-8", utf16, NULL, &in->len, NULL);
        if (!in->owned) {
            g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: part %s is not valid %s", name, part, utf16);
            return FALSE;
        }
        in->data = in->owned;
    } else {
        skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        in->data = data + skip;
        in->len = len - skip;
    }
    /* OOXML parts never have a DTD: refusing one rules out every entity trick. */
    if (memmem(in->data, in->len, "<!DOCTYPE", 9)) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: part %s has a DOCTYPE (entities are not allowed)", name, part);
        gwi_xml_input_clear(in);
        return FALSE;
    }
    if (in->len > G_MAXINT) {
        gwi_limit_error(error, GW_LIMIT_PART_BYTES, G_MAXINT, "%s: part %s", name, part);
        gwi_xml_input_clear(in);
        return FALSE;
    }
    return TRUE;
}

void gwi_xml_input_clear(GwiXmlInput *in)
{
    g_free(in->owned);
    memset(in, 0, sizeof *in);
}

GwiXmlReaderPtr gwi_xml_reader(const GwiXmlInput *in, const char *part)
{
    return xmlReaderForMemory(in->data, (int) in->len, part, "UTF-8", XML_OPTIONS);
}

/* The node and depth limits, counted while libxml2 builds the tree so that
 * a part of millions of tiny elements stops early instead of filling
 * memory first. */
typedef struct {
    guint64 nodes, max_nodes, depth, max_depth;
    GwLimit hit; /* GW_N_LIMITS while within the limits */
} XmlBudget;

static gboolean budget_spend(xmlParserCtxtPtr ctxt, guint64 nodes)
{
    XmlBudget *b = ctxt->_private;
    b->nodes += nodes;
    if (b->nodes > b->max_nodes)
        b->hit = GW_LIMIT_NODES;
    else if (b->depth > b->max_depth)
        b->hit = GW_LIMIT_DEPTH;
    if (b->hit != GW_N_LIMITS)
        xmlStopParser(ctxt);
    return b->hit == GW_N_LIMITS;
}

static void budget_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                         int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                         const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    ((XmlBudget *) ctxt->_private)->depth++;
    if (budget_spend(ctxt, 1 + (guint64) MAX(nb_attributes, 0) + (guint64) MAX(nb_namespaces, 0)))
        xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
                              attributes);
}

static void budget_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxtPtr ctxt = ctx;
    ((XmlBudget *) ctxt->_private)->depth--;
    xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

static void budget_text(void *ctx, const xmlChar *ch, int len)
{
    if (budget_spend(ctx, 1))
        xmlSAX2Characters(ctx, ch, len);
}

static void budget_cdata(void *ctx, const xmlChar *ch, int len)
{
    if (budget_spend(ctx, 1))
        xmlSAX2CDataBlock(ctx, ch, len);
}

static void budget_comment(void *ctx, const xmlChar *text)
{
    if (budget_spend(ctx, 1))
        xmlSAX2Comment(ctx, text);
}

static void budget_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    if (budget_spend(ctx, 1))
        xmlSAX2ProcessingInstruction(ctx, target, data);
}

GwiXmlDocPtr gwi_xml_parse(const char *data, gsize len, const char *name, const char *part, GError **error)
{
    GwiXmlInput in;
    if (!gwi_xml_input(&in, data, len, name, part, error))
        return NULL;
    XmlBudget budget = { 0, gw_limit_get_default(GW_LIMIT_NODES), 0, gw_limit_get_default(GW_LIMIT_DEPTH),
                         GW_N_LIMITS };
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr doc = NULL;
    if (ctxt) {
        ctxt->_private = &budget;
        ctxt->sax->startElementNs = budget_start;
        ctxt->sax->endElementNs = budget_end;
        ctxt->sax->characters = budget_text;
        ctxt->sax->ignorableWhitespace = budget_text;
        ctxt->sax->cdataBlock = budget_cdata;
        ctxt->sax->comment = budget_comment;
        ctxt->sax->processingInstruction = budget_pi;
        doc = xmlCtxtReadMemory(ctxt, in.data, (int) in.len, part, "UTF-8", XML_OPTIONS);
        xmlFreeParserCtxt(ctxt);
    }
    if (budget.hit != GW_N_LIMITS) {
        guint64 max = budget.hit == GW_LIMIT_NODES ? budget.max_nodes : budget.max_depth;
        gwi_limit_error(error, budget.hit, max, "%s: part %s (%s)", name, part,
                        budget.hit == GW_LIMIT_NODES ? "XML nodes" : "XML nesting");
        g_clear_pointer(&doc, xmlFreeDoc);
    } else if (!doc)
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: part %s is not well-formed XML", name, part);
    gwi_xml_input_clear(&in);
    return doc;
}
