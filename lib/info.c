/* info.c: gw_info_read, what a PDF (through gongwen-pdf.so, qpdf) or DOCX
 * (libzip, libxml2) says about itself; see gongwen/info.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include "gongwen/gongwen.h"
#include "gongwen/info.h"
#include "model-imp.h"
#include "pdf-module.h"
#include "pdfa.h"
#include "validity-imp.h"

#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_PDFAID "http://www.aiim.org/pdfa/ns/id/"
#define NS_VT "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#define TWIPS_PER_POINT 20.0

typedef struct {
    char *name, *type;
    gboolean embedded;
} Font;

struct GwInfo {
    char *file, *format, *version;
    int n_pages;
    double width, height;
    char *pdfa;
    gboolean tagged, encrypted;
    GPtrArray *fonts; /* Font* */
    GPtrArray *meta;  /* key, value, key, value... */
    char *gw[GWI_N_XMP_PROPERTIES];
};

/* What gongwen stamp records, newer than what conversion wrote: PDF Info
 * keys and DOCX custom properties (lib/stamp.c), for "status", "statusDate". */
static const struct {
    const char *name, *pdf, *docx;
} stamped[] = {
    { "status", "GongwenStatus", "有效性" },
    { "statusDate", "GongwenStatusDate", "有效性日期" },
};

static void font_free(gpointer p)
{
    Font *f = p;
    g_free(f->name);
    g_free(f->type);
    g_free(f);
}

static GwInfo *info_new(const char *path, const char *format)
{
    GwInfo *info = g_new0(GwInfo, 1);
    info->file = g_strdup(path);
    info->format = g_strdup(format);
    info->n_pages = -1;
    info->fonts = g_ptr_array_new_with_free_func(font_free);
    info->meta = g_ptr_array_new_with_free_func(g_free);
    return info;
}

void gw_info_free(GwInfo *info)
{
    if (!info)
        return;
    g_free(info->file);
    g_free(info->format);
    g_free(info->version);
    g_free(info->pdfa);
    g_ptr_array_unref(info->fonts);
    g_ptr_array_unref(info->meta);
    for (guint i = 0; i < GWI_N_XMP_PROPERTIES; i++)
        g_free(info->gw[i]);
    g_free(info);
}

static void add_font(GwInfo *info, const char *name, const char *type, gboolean embedded)
{
    Font *f = g_new0(Font, 1);
    f->name = g_utf8_make_valid(name, -1);
    f->type = g_strdup(type);
    f->embedded = embedded;
    g_ptr_array_add(info->fonts, f);
}

static void add_meta(GwInfo *info, const char *key, const char *value)
{
    g_ptr_array_add(info->meta, g_utf8_make_valid(key, -1));
    g_ptr_array_add(info->meta, g_utf8_make_valid(value, -1));
}

static int gw_index(const char *name)
{
    for (int i = 0; i < GWI_N_XMP_PROPERTIES; i++)
        if (strcmp(gwi_xmp_properties[i].name, name) == 0)
            return i;
    return -1;
}

static void set_gw(GwInfo *info, const char *name, const char *value)
{
    int i = gw_index(name);
    if (i < 0 || !value || !*value)
        return;
    g_free(info->gw[i]);
    info->gw[i] = g_utf8_make_valid(value, -1);
}

/* ---- XMP ------------------------------------------------------------------ */

static gboolean element_is(xmlNodePtr n, const char *ns, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *) n->ns->href, ns) == 0 &&
           strcmp((const char *) n->name, name) == 0;
}

/* A property's value: element text (the first rdf:li of an array), or an
 * attribute of an rdf:Description (XMP's short form). */
static char *property_value(xmlNodePtr n, const char *ns, const char *name)
{
    if (element_is(n, NS_RDF, "Description")) {
        xmlChar *v = xmlGetNsProp(n, BAD_CAST name, BAD_CAST ns);
        char *s = v ? g_strdup((const char *) v) : NULL;
        xmlFree(v);
        return s;
    }
    if (!element_is(n, ns, name))
        return NULL;
    xmlNodePtr value = n;
    for (xmlNodePtr c = n->children; c; c = c->children ? c->children : c->next)
        if (element_is(c, NS_RDF, "li")) {
            value = c;
            break;
        }
    xmlChar *text = xmlNodeGetContent(value);
    char *s = g_strstrip(g_strdup(text ? (const char *) text : ""));
    xmlFree(text);
    return s;
}

/* The first value of property ns:name anywhere in the packet (a walk
 * without recursion: the packet comes from an untrusted file). */
static char *xmp_property(xmlDocPtr doc, const char *ns, const char *name)
{
    xmlNodePtr n = xmlDocGetRootElement(doc);
    while (n) {
        char *v = n->type == XML_ELEMENT_NODE ? property_value(n, ns, name) : NULL;
        if (v)
            return v;
        if (n->children && !element_is(n, ns, name)) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
        n = n ? n->next : NULL;
    }
    return NULL;
}

static void read_xmp(GwInfo *info, const char *xmp, gsize len, const char *path)
{
    xmlDocPtr doc = gwi_xml_parse(xmp, len, path, "XMP metadata", NULL);
    if (!doc)
        return;
    char *part = xmp_property(doc, NS_PDFAID, "part");
    char *conformance = xmp_property(doc, NS_PDFAID, "conformance");
    if (part && *part)
        info->pdfa = g_strconcat(part, conformance ? conformance : "", NULL);
    g_free(part);
    g_free(conformance);
    for (guint i = 0; i < GWI_N_XMP_PROPERTIES; i++) {
        char *v = xmp_property(doc, GWI_XMP_NS, gwi_xmp_properties[i].name);
        set_gw(info, gwi_xmp_properties[i].name, v);
        g_free(v);
    }
    xmlFreeDoc(doc);
}

/* ---- PDF ------------------------------------------------------------------ */

static GwInfo *read_pdf(const char *path, GError **error)
{
    GwiPdfFacts facts;
    if (!gwi_pdf_read_facts(path, TRUE, &facts, error))
        return NULL;
    GwInfo *info = info_new(path, "pdf");
    info->version = g_strdup(facts.version);
    info->n_pages = (int) (facts.sizes->len / 2);
    if (info->n_pages > 0) {
        info->width = g_array_index(facts.sizes, double, 0);
        info->height = g_array_index(facts.sizes, double, 1);
    }
    info->tagged = facts.tagged;
    info->encrypted = facts.encrypted;
    for (guint i = 0; i < facts.fonts->len; i++) {
        const GwiPdfFont *f = facts.fonts->pdata[i];
        add_font(info, f->name, f->type, f->embedded);
    }
    for (guint i = 0; i + 1 < facts.info->len; i += 2)
        add_meta(info, facts.info->pdata[i], facts.info->pdata[i + 1]);
    if (facts.xmp)
        read_xmp(info, facts.xmp, facts.xmp_len, path);
    for (guint i = 0; i < G_N_ELEMENTS(stamped); i++)
        for (guint k = 0; k + 1 < facts.info->len; k += 2)
            if (strcmp(facts.info->pdata[k], stamped[i].pdf) == 0)
                set_gw(info, stamped[i].name, facts.info->pdata[k + 1]);
    gwi_pdf_facts_clear(&facts);
    return info;
}

/* ---- DOCX ----------------------------------------------------------------- */

/* Visit each element child of the root of a DOCX part (missing or broken
 * parts have none). */
typedef void (*ChildVisit)(xmlNodePtr n, gpointer user);

static void visit_part(zip_t *za, const char *part, const char *path, ChildVisit visit, gpointer user)
{
    gsize len = 0;
    char *xml = gwi_zip_read(za, part, &len, path, NULL);
    xmlDocPtr doc = xml ? gwi_xml_parse(xml, len, path, part, NULL) : NULL;
    g_free(xml);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            visit(n, user);
    if (doc)
        xmlFreeDoc(doc);
}

static char *node_text(xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *s = g_strstrip(g_strdup(t ? (const char *) t : ""));
    xmlFree(t);
    return s;
}

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *s = v ? g_strdup((const char *) v) : NULL;
    xmlFree(v);
    return s;
}

/* docProps/core.xml: every property as prefix:name. */
static void core_property(xmlNodePtr n, gpointer user)
{
    GwInfo *info = user;
    char *key = n->ns && n->ns->prefix ? g_strdup_printf("%s:%s", n->ns->prefix, n->name)
                                       : g_strdup((const char *) n->name);
    char *value = node_text(n);
    if (*value)
        add_meta(info, key, value);
    if (strcmp(key, "dc:creator") == 0)
        set_gw(info, "issuer", value);
    g_free(key);
    g_free(value);
}

/* docProps/custom.xml: each property by name, collected in `props`. */
typedef struct {
    GwInfo *info;
    GHashTable *props;
} Custom;

static void custom_property(xmlNodePtr n, gpointer user)
{
    Custom *c = user;
    char *name = attr(n, "name");
    if (!name)
        return;
    char *value = node_text(n);
    add_meta(c->info, name, value);
    g_hash_table_replace(c->props, name, value);
}

/* gongwen's own custom properties, by their names as gongwen's writer and
 * gongwen stamp give them. */
static void docx_custom(GwInfo *info, zip_t *za, const char *path)
{
    Custom c = { info, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free) };
    visit_part(za, "docProps/custom.xml", path, custom_property, &c);
    for (guint i = 0; i < GWI_N_XMP_PROPERTIES; i++)
        if (gwi_xmp_properties[i].docx)
            set_gw(info, gwi_xmp_properties[i].name, g_hash_table_lookup(c.props, gwi_xmp_properties[i].docx));
    for (guint i = 0; i < G_N_ELEMENTS(stamped); i++)
        set_gw(info, stamped[i].name, g_hash_table_lookup(c.props, stamped[i].docx));
    g_hash_table_unref(c.props);
}

/* docProps/app.xml: the page count Word records. */
static void app_property(xmlNodePtr n, gpointer user)
{
    GwInfo *info = user;
    if (strcmp((const char *) n->name, "Pages") != 0)
        return;
    char *text = node_text(n);
    gint64 pages = g_ascii_strtoll(text, NULL, 10);
    if (pages > 0 && pages < G_MAXINT)
        info->n_pages = (int) pages;
    g_free(text);
}

/* The first section's page size: the first w:pgSz of word/document.xml,
 * read as a stream (the part may be large). */
static void docx_page_size(GwInfo *info, zip_t *za, const char *path)
{
    gsize len = 0;
    char *xml = gwi_zip_read(za, "word/document.xml", &len, path, NULL);
    if (!xml || g_strstr_len(xml, (gssize) len, "<!DOCTYPE")) {
        g_free(xml);
        return;
    }
    xmlTextReaderPtr r = xmlReaderForMemory(xml, (int) MIN(len, G_MAXINT), "word/document.xml", NULL,
                                            XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    while (r && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
            strcmp((const char *) xmlTextReaderConstLocalName(r), "pgSz") != 0)
            continue;
        xmlChar *w = xmlTextReaderGetAttribute(r, BAD_CAST "w:w"), *h = xmlTextReaderGetAttribute(r, BAD_CAST "w:h");
        if (w && h) {
            info->width = g_ascii_strtod((const char *) w, NULL) / TWIPS_PER_POINT;
            info->height = g_ascii_strtod((const char *) h, NULL) / TWIPS_PER_POINT;
        }
        xmlFree(w);
        xmlFree(h);
        break;
    }
    if (r)
        xmlFreeTextReader(r);
    g_free(xml);
}

/* word/fontTable.xml: a declared font, embedded when the DOCX carries it. */
static void font_entry(xmlNodePtr n, gpointer user)
{
    static const char *const embeds[] = { "embedRegular", "embedBold", "embedItalic", "embedBoldItalic" };
    GwInfo *info = user;
    char *name = strcmp((const char *) n->name, "font") == 0 ? attr(n, "name") : NULL;
    if (!name)
        return;
    char *family = NULL;
    gboolean embedded = FALSE;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *) c->name, "family") == 0 && !family)
            family = attr(c, "val");
        for (guint i = 0; i < G_N_ELEMENTS(embeds); i++)
            embedded |= strcmp((const char *) c->name, embeds[i]) == 0;
    }
    add_font(info, name, family ? family : "", embedded);
    g_free(name);
    g_free(family);
}

static GwInfo *read_docx(const char *data, gsize len, const char *path, GError **error)
{
    zip_t *za = gwi_zip_open_memory(data, len, path, error);
    if (!za)
        return NULL;
    zip_stat_t st;
    if (zip_stat(za, "word/document.xml", 0, &st) != 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: not a DOCX (no word/document.xml)", path);
        zip_discard(za);
        return NULL;
    }
    GwInfo *info = info_new(path, "docx");
    visit_part(za, "docProps/app.xml", path, app_property, info);
    docx_page_size(info, za, path);
    visit_part(za, "word/fontTable.xml", path, font_entry, info);
    visit_part(za, "docProps/core.xml", path, core_property, info);
    docx_custom(info, za, path);
    zip_discard(za);
    return info;
}

/* The first bytes of a file, NUL-padded. */
static gboolean read_magic(const char *path, char magic[8], GError **error)
{
    memset(magic, 0, 8);
    FILE *f = fopen(path, "rb");
    if (!f) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot open: %s", path, g_strerror(err));
        return FALSE;
    }
    size_t n = fread(magic, 1, 8, f);
    fclose(f);
    (void) n; /* a short file has no magic to find */
    return TRUE;
}

GwInfo *gw_info_read(const char *path, GError **error)
{
    char magic[8];
    if (!read_magic(path, magic, error))
        return NULL;
    if (memcmp(magic, "%PDF-", 5) == 0)
        return read_pdf(path, error);
    if (memcmp(magic, "PK\3\4", 4) != 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED, "%s: neither a PDF nor a DOCX file", path);
        return NULL;
    }
    gsize len = 0;
    char *data = gwi_read_file(path, &len, error);
    GwInfo *info = data ? read_docx(data, len, path, error) : NULL;
    g_free(data);
    return info;
}

/* ---- accessors ------------------------------------------------------------ */

const char *gw_info_get_file(const GwInfo *info)
{
    return info->file;
}

const char *gw_info_get_format(const GwInfo *info)
{
    return info->format;
}

const char *gw_info_get_version(const GwInfo *info)
{
    return info->version;
}

int gw_info_get_n_pages(const GwInfo *info)
{
    return info->n_pages;
}

gboolean gw_info_get_page_size(const GwInfo *info, double *width, double *height)
{
    if (width)
        *width = info->width;
    if (height)
        *height = info->height;
    return info->width > 0 && info->height > 0;
}

const char *gw_info_get_page_size_name(const GwInfo *info)
{
    static const struct {
        const char *name;
        double w, h; /* points */
    } sizes[] = {
        { "A4", 595.28, 841.89 }, { "A3", 841.89, 1190.55 }, { "A5", 419.53, 595.28 },
        { "B5", 498.90, 708.66 }, { "Letter", 612, 792 },
    };
    double w = MIN(info->width, info->height), h = MAX(info->width, info->height);
    for (guint i = 0; i < G_N_ELEMENTS(sizes); i++)
        if (fabs(w - sizes[i].w) < 1.5 && fabs(h - sizes[i].h) < 1.5)
            return sizes[i].name;
    return NULL;
}

const char *gw_info_get_pdfa(const GwInfo *info)
{
    return info->pdfa;
}

gboolean gw_info_get_tagged(const GwInfo *info)
{
    return info->tagged;
}

gboolean gw_info_get_encrypted(const GwInfo *info)
{
    return info->encrypted;
}

guint gw_info_n_fonts(const GwInfo *info)
{
    return info->fonts->len;
}

void gw_info_get_font(const GwInfo *info, guint i, const char **name, const char **type, gboolean *embedded)
{
    const Font *f = i < info->fonts->len ? info->fonts->pdata[i] : NULL;
    if (name)
        *name = f ? f->name : NULL;
    if (type)
        *type = f ? f->type : NULL;
    if (embedded)
        *embedded = f && f->embedded;
}

guint gw_info_n_meta(const GwInfo *info)
{
    return info->meta->len / 2;
}

void gw_info_get_meta(const GwInfo *info, guint i, const char **key, const char **value)
{
    gboolean ok = i < info->meta->len / 2;
    if (key)
        *key = ok ? info->meta->pdata[2 * i] : NULL;
    if (value)
        *value = ok ? info->meta->pdata[2 * i + 1] : NULL;
}

const char *gw_info_get_gongwen(const GwInfo *info, const char *name)
{
    int i = gw_index(name);
    return i >= 0 ? info->gw[i] : NULL;
}

/* ---- JSON ------------------------------------------------------------------- */

static void json_key(GString *o, const char *key)
{
    if (o->len > 1)
        g_string_append_c(o, ',');
    gwi_json_put_string(o, key);
    g_string_append_c(o, ':');
}

static void json_string_or_null(GString *o, const char *key, const char *value)
{
    json_key(o, key);
    if (value)
        gwi_json_put_string(o, value);
    else
        g_string_append(o, "null");
}

char *gw_info_to_json(const GwInfo *info)
{
    GString *o = g_string_new("{");
    json_string_or_null(o, "file", info->file);
    json_string_or_null(o, "format", info->format);
    json_string_or_null(o, "version", info->version);
    json_key(o, "pages");
    if (info->n_pages >= 0)
        g_string_append_printf(o, "%d", info->n_pages);
    else
        g_string_append(o, "null");
    json_key(o, "page_size");
    if (gw_info_get_page_size(info, NULL, NULL)) {
        char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd(w, sizeof w, "%.2f", info->width);
        g_ascii_formatd(h, sizeof h, "%.2f", info->height);
        g_string_append_printf(o, "{\"width\":%s,\"height\":%s,\"name\":", w, h);
        const char *name = gw_info_get_page_size_name(info);
        if (name)
            gwi_json_put_string(o, name);
        else
            g_string_append(o, "null");
        g_string_append_c(o, '}');
    } else {
        g_string_append(o, "null");
    }
    json_string_or_null(o, "pdfa", info->pdfa);
    json_key(o, "tagged");
    g_string_append(o, info->tagged ? "true" : "false");
    json_key(o, "encrypted");
    g_string_append(o, info->encrypted ? "true" : "false");
    json_key(o, "gongwen");
    GString *gw = g_string_new("{");
    for (guint i = 0; i < GWI_N_XMP_PROPERTIES; i++)
        json_string_or_null(gw, gwi_xmp_properties[i].name, info->gw[i]);
    g_string_append_c(gw, '}');
    g_string_append_len(o, gw->str, (gssize) gw->len);
    g_string_free(gw, TRUE);
    json_key(o, "metadata");
    GString *meta = g_string_new("{");
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i + 1 < info->meta->len; i += 2)
        if (g_hash_table_add(seen, info->meta->pdata[i]))
            json_string_or_null(meta, info->meta->pdata[i], info->meta->pdata[i + 1]);
    g_hash_table_unref(seen);
    g_string_append_c(meta, '}');
    g_string_append_len(o, meta->str, (gssize) meta->len);
    g_string_free(meta, TRUE);
    json_key(o, "fonts");
    g_string_append_c(o, '[');
    for (guint i = 0; i < info->fonts->len; i++) {
        const Font *f = info->fonts->pdata[i];
        g_string_append(o, i ? ",{\"name\":" : "{\"name\":");
        gwi_json_put_string(o, f->name);
        g_string_append(o, ",\"type\":");
        gwi_json_put_string(o, f->type);
        g_string_append_printf(o, ",\"embedded\":%s}", f->embedded ? "true" : "false");
    }
    g_string_append(o, "]}");
    return g_string_free(o, FALSE);
}
