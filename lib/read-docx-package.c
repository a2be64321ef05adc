/* read-docx-package.c: the DOCX container: zip entries read under limits,
 * relationships, and XML parsed safely (no network, no DTD loading, no
 * entity expansion, errors collected instead of printed). */
#include <stdarg.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include "read-docx.h"

void gwi_set_error(GError **error, GwiDocx *d, int code, const char *part, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (part)
        g_set_error(error, GW_ERROR, code, "%s: %s: %s", d->name, part, msg);
    else
        g_set_error(error, GW_ERROR, code, "%s: %s", d->name, msg);
    g_free(msg);
}

const char *gwi_docx_intern(GwiDocx *d, const char *s)
{
    if (!s)
        return NULL;
    const char *found = g_hash_table_lookup(d->pool, s);
    if (found)
        return found;
    char *copy = g_strdup(s);
    g_hash_table_add(d->pool, copy);
    return copy;
}

/* ---- XML helpers -------------------------------------------------------- */

static const struct {
    const char *uri;
    GwiNs ns;
} namespaces[] = {
    { "http://schemas.openxmlformats.org/wordprocessingml/2006/main", GWI_NS_W },
    { "http://purl.oclc.org/ooxml/wordprocessingml/main", GWI_NS_W },
    { "http://schemas.openxmlformats.org/officeDocument/2006/relationships", GWI_NS_R },
    { "http://purl.oclc.org/ooxml/officeDocument/relationships", GWI_NS_R },
    { "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", GWI_NS_WP },
    { "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", GWI_NS_WP },
    { "http://schemas.openxmlformats.org/drawingml/2006/main", GWI_NS_A },
    { "http://purl.oclc.org/ooxml/drawingml/main", GWI_NS_A },
    { "http://schemas.openxmlformats.org/drawingml/2006/picture", GWI_NS_PIC },
    { "http://purl.oclc.org/ooxml/drawingml/picture", GWI_NS_PIC },
    { "http://schemas.openxmlformats.org/markup-compatibility/2006", GWI_NS_MC },
    { "urn:schemas-microsoft-com:vml", GWI_NS_V },
    { "http://schemas.openxmlformats.org/officeDocument/2006/math", GWI_NS_M },
    { "http://purl.oclc.org/ooxml/officeDocument/math", GWI_NS_M },
    { "http://schemas.microsoft.com/office/word/2010/wordprocessingShape", GWI_NS_WPS },
    { "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup", GWI_NS_WPG },
    { "http://schemas.microsoft.com/office/word/2010/wordml", GWI_NS_W14 },
    { "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing", GWI_NS_W14 },
    { "http://schemas.microsoft.com/office/drawing/2010/main", GWI_NS_W14 },
    { "http://schemas.microsoft.com/office/word/2012/wordml", GWI_NS_W14 },
};

/* The kind of a namespace, cached in the (few) xmlNs declarations. */
GwiNs gwi_ns_of(xmlNs *ns)
{
    if (!ns || !ns->href)
        return GWI_NS_OTHER;
    if (ns->_private)
        return (GwiNs) (GPOINTER_TO_INT(ns->_private) - 1);
    GwiNs found = GWI_NS_OTHER;
    for (guint i = 0; i < G_N_ELEMENTS(namespaces); i++)
        if (strcmp((const char *) ns->href, namespaces[i].uri) == 0)
            found = namespaces[i].ns;
    ns->_private = GINT_TO_POINTER(found + 1);
    return found;
}

GwiNs gwi_ns(const xmlNode *node)
{
    return gwi_ns_of(node->ns);
}

gboolean gwi_is(const xmlNode *node, GwiNs ns, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && strcmp((const char *) node->name, name) == 0 &&
           gwi_ns(node) == ns;
}

xmlNode *gwi_next_elem(const xmlNode *node)
{
    for (node = node->next; node; node = node->next)
        if (node->type == XML_ELEMENT_NODE)
            return (xmlNode *) node;
    return NULL;
}

xmlNode *gwi_first_elem(const xmlNode *node)
{
    for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

xmlNode *gwi_child(const xmlNode *node, GwiNs ns, const char *name)
{
    if (!node)
        return NULL;
    for (xmlNode *c = gwi_first_elem(node); c; c = gwi_next_elem(c))
        if (gwi_is(c, ns, name))
            return c;
    return NULL;
}

static const char *attr_value(const xmlAttr *a)
{
    /* Only plain text values: an entity reference is never expanded. */
    return a->children && a->children->type == XML_TEXT_NODE ? (const char *) a->children->content : "";
}

const char *gwi_attr(const xmlNode *node, const char *name)
{
    if (!node)
        return NULL;
    for (const xmlAttr *a = node->properties; a; a = a->next)
        if (strcmp((const char *) a->name, name) == 0 && gwi_ns_of(a->ns) != GWI_NS_R)
            return attr_value(a);
    return NULL;
}

const char *gwi_rel_attr(const xmlNode *node, const char *name)
{
    if (!node)
        return NULL;
    for (const xmlAttr *a = node->properties; a; a = a->next)
        if (strcmp((const char *) a->name, name) == 0 && gwi_ns_of(a->ns) == GWI_NS_R)
            return attr_value(a);
    return NULL;
}

double gwi_attr_num(const xmlNode *node, const char *name, double fallback)
{
    const char *v = gwi_attr(node, name);
    if (!v || !*v)
        return fallback;
    char *end;
    double x = g_ascii_strtod(v, &end);
    if (end == v || !isfinite(x))
        return fallback;
    return x;
}

gboolean gwi_attr_on(const xmlNode *node)
{
    const char *v = gwi_attr(node, "val");
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

char *gwi_text(const xmlNode *node)
{
    GString *s = g_string_new(NULL);
    for (const xmlNode *c = node->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            g_string_append(s, (const char *) c->content);
    return g_string_free(s, FALSE);
}

/* ---- the zip container -------------------------------------------------- */

static const unsigned char ole_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

gboolean gwi_docx_open(GwiDocx *d, const char *data, gsize len, GError **error)
{
    if (len >= sizeof ole_magic && memcmp(data, ole_magic, sizeof ole_magic) == 0) {
        gwi_set_error(error, d, GW_ERROR_UNSUPPORTED, NULL,
                      "encrypted or legacy Word (.doc) file; gongwen reads only .docx");
        return FALSE;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!zip) {
        zip_source_free(src);
        gwi_set_error(error, d, GW_ERROR_FORMAT, NULL, "not a DOCX file (not a zip archive)");
        return FALSE;
    }
    d->zip = zip;
    guint64 limit = gw_read_options_get_limit(d->opts, GW_LIMIT_ZIP_ENTRIES);
    zip_int64_t n = zip_get_num_entries(zip, 0);
    if (n < 0 || (guint64) n > limit) {
        gwi_set_error(error, d, GW_ERROR_LIMIT, NULL,
                      "the zip archive has %" G_GINT64_FORMAT " entries, over the %s limit (%" G_GUINT64_FORMAT ")",
                      (gint64) n, gw_limit_name(GW_LIMIT_ZIP_ENTRIES), limit);
        return FALSE;
    }
    return TRUE;
}

gboolean gwi_docx_has_part(GwiDocx *d, const char *part)
{
    return zip_name_locate(d->zip, part, ZIP_FL_NOCASE) >= 0;
}

static gboolean open_error(GwiDocx *d, const char *part, GError **error)
{
    int code = zip_error_code_zip(zip_get_error(d->zip));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
        gwi_set_error(error, d, GW_ERROR_UNSUPPORTED, part, "the part is encrypted");
    else if (code == ZIP_ER_COMPNOTSUPP)
        gwi_set_error(error, d, GW_ERROR_UNSUPPORTED, part, "unsupported compression method");
    else
        gwi_set_error(error, d, GW_ERROR_FORMAT, part, "cannot read it from the zip archive: %s",
                      zip_strerror(d->zip));
    return FALSE;
}

/* Stops a decompression that passes a limit: per part, in total, and the
 * ratio to the compressed size (a zip bomb stops early, whatever its
 * headers claim). */
static gboolean check_read_limits(GwiDocx *d, const char *part, guint64 size, guint64 compressed, GError **error)
{
    guint64 part_limit = gw_read_options_get_limit(d->opts, GW_LIMIT_PART_BYTES);
    guint64 total_limit = gw_read_options_get_limit(d->opts, GW_LIMIT_TOTAL_BYTES);
    guint64 ratio = gw_read_options_get_limit(d->opts, GW_LIMIT_COMPRESSION_RATIO);
    GwLimit hit = GW_N_LIMITS;
    guint64 value = 0;
    if (size > part_limit)
        hit = GW_LIMIT_PART_BYTES, value = part_limit;
    else if (d->total_bytes + size > total_limit)
        hit = GW_LIMIT_TOTAL_BYTES, value = total_limit;
    else if (size > (1u << 20) && size / MAX(compressed, 1) > ratio)
        hit = GW_LIMIT_COMPRESSION_RATIO, value = ratio;
    if (hit == GW_N_LIMITS)
        return TRUE;
    gwi_set_error(error, d, GW_ERROR_LIMIT, part, "decompressed data over the %s limit (%" G_GUINT64_FORMAT ")",
                  gw_limit_name(hit), value);
    return FALSE;
}

GBytes *gwi_docx_read_part(GwiDocx *d, const char *part, gboolean required, GError **error)
{
    zip_int64_t idx = zip_name_locate(d->zip, part, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (required)
            gwi_set_error(error, d, GW_ERROR_FORMAT, NULL, "no part %s in the package", part);
        return NULL;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    guint64 compressed = 0;
    if (zip_stat_index(d->zip, (zip_uint64_t) idx, 0, &st) == 0 && (st.valid & ZIP_STAT_COMP_SIZE))
        compressed = st.comp_size;
    zip_file_t *f = zip_fopen_index(d->zip, (zip_uint64_t) idx, 0);
    if (!f) {
        open_error(d, part, error);
        return NULL;
    }
    GByteArray *buf = g_byte_array_new();
    guint8 chunk[65536];
    gboolean ok = TRUE;
    for (;;) {
        zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
        if (n < 0) {
            gwi_set_error(error, d, GW_ERROR_FORMAT, part, "corrupt data in the zip archive: %s",
                          zip_file_strerror(f));
            ok = FALSE;
            break;
        }
        if (n == 0)
            break;
        if (!check_read_limits(d, part, buf->len + (guint64) n, compressed, error)) {
            ok = FALSE;
            break;
        }
        g_byte_array_append(buf, chunk, (guint) n);
    }
    zip_fclose(f);
    if (!ok) {
        g_byte_array_unref(buf);
        return NULL;
    }
    d->total_bytes += buf->len;
    return g_byte_array_free_to_bytes(buf);
}

/* ---- relationships ------------------------------------------------------ */

static void rel_free(gpointer p)
{
    GwiRel *r = p;
    g_free(r->type);
    g_free(r->target);
    g_free(r);
}

/* A target relative to the folder of `source`, with "." and ".." resolved
 * (a ".." above the root stays at the root: only zip entries are read). */
static char *resolve_target(const char *source, const char *target)
{
    GPtrArray *segs = g_ptr_array_new();
    char *dir = NULL;
    if (target[0] != '/') {
        const char *slash = strrchr(source, '/');
        dir = slash ? g_strndup(source, (gsize) (slash - source)) : g_strdup("");
    }
    char *joined = g_strconcat(dir ? dir : "", "/", target, NULL);
    char **parts = g_strsplit(joined, "/", -1);
    for (char **p = parts; *p; p++) {
        if (!**p || strcmp(*p, ".") == 0)
            continue;
        if (strcmp(*p, "..") == 0) {
            if (segs->len)
                g_ptr_array_set_size(segs, segs->len - 1);
            continue;
        }
        g_ptr_array_add(segs, *p);
    }
    g_ptr_array_add(segs, NULL);
    char *out = g_strjoinv("/", (char **) segs->pdata);
    g_ptr_array_free(segs, TRUE);
    g_strfreev(parts);
    g_free(joined);
    g_free(dir);
    return out;
}

static char *rels_part_name(const char *part)
{
    if (!*part)
        return g_strdup("_rels/.rels");
    const char *slash = strrchr(part, '/');
    if (!slash)
        return g_strconcat("_rels/", part, ".rels", NULL);
    return g_strdup_printf("%.*s/_rels/%s.rels", (int) (slash - part), part, slash + 1);
}

GHashTable *gwi_docx_read_rels(GwiDocx *d, const char *part, GError **error)
{
    GHashTable *rels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, rel_free);
    char *name = rels_part_name(part);
    GError *local = NULL;
    xmlDoc *xml = gwi_docx_read_xml(d, name, FALSE, &local);
    g_free(name);
    if (local) {
        g_propagate_error(error, local);
        g_hash_table_unref(rels);
        return NULL;
    }
    for (xmlNode *r = gwi_first_elem(xmlDocGetRootElement(xml)); r; r = gwi_next_elem(r)) {
        const char *id = gwi_attr(r, "Id"), *type = gwi_attr(r, "Type"), *target = gwi_attr(r, "Target");
        if (strcmp((const char *) r->name, "Relationship") != 0 || !id || !type || !target)
            continue;
        GwiRel *rel = g_new0(GwiRel, 1);
        const char *slash = strrchr(type, '/');
        rel->type = g_strdup(slash ? slash + 1 : type);
        const char *mode = gwi_attr(r, "TargetMode");
        rel->external = (mode && strcmp(mode, "External") == 0) || g_uri_peek_scheme(target);
        rel->target = rel->external ? g_strdup(target) : resolve_target(part, target);
        g_hash_table_replace(rels, g_strdup(id), rel);
    }
    xmlFreeDoc(xml);
    return rels;
}

const char *gwi_rels_find(GHashTable *rels, const char *type)
{
    GHashTableIter it;
    gpointer key, value;
    const char *best = NULL, *best_id = NULL;
    /* The lowest id wins, so that the choice does not depend on hashing. */
    g_hash_table_iter_init(&it, rels);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        GwiRel *r = value;
        if (!r->external && strcmp(r->type, type) == 0 && (!best_id || strcmp(key, best_id) < 0)) {
            best = r->target;
            best_id = key;
        }
    }
    return best;
}

/* ---- safe XML parsing --------------------------------------------------- */

/* No network, no DTD loading, no entity substitution (XML_PARSE_NOENT is
 * never set: references stay unexpanded nodes that the converters skip), no
 * XML_PARSE_HUGE (libxml2 then caps depth and text node sizes). */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING)

typedef struct {
    char *message;
    int line;
    int code;
} XmlError;

static void on_xml_error(void *arg, xmlErrorPtr err)
{
    XmlError *e = arg;
    if (e->message || !err || err->level < XML_ERR_ERROR)
        return;
    e->message = g_strstrip(g_strdup(err->message ? err->message : "unknown error"));
    e->line = err->line;
    e->code = err->code;
}

/* Word never writes a document type declaration: one in the prolog is
 * refused before parsing (entity tricks live there). */
static gboolean has_doctype(const char *p, gsize len, int *line)
{
    const char *end = p + len;
    *line = 1;
    while (p < end) {
        if (*p == '\n')
            (*line)++;
        if (*p != '<') {
            p++;
            continue;
        }
        if ((gsize) (end - p) >= 9 && memcmp(p, "<!DOCTYPE", 9) == 0)
            return TRUE;
        if (p + 1 < end && p[1] != '?' && p[1] != '!')
            return FALSE; /* the root element: the prolog is over */
        p++;
    }
    return FALSE;
}

static xmlTextReaderPtr open_reader(GBytes *data, XmlError *e)
{
    gsize len;
    const char *bytes = g_bytes_get_data(data, &len);
    if (has_doctype(bytes, len, &e->line)) {
        e->message = g_strdup("a document type declaration (DTD) is not allowed in DOCX");
        return NULL;
    }
    if (len > G_MAXINT)
        return NULL;
    xmlTextReaderPtr r = xmlReaderForMemory(bytes, (int) len, NULL, NULL, XML_OPTIONS);
    if (r)
        xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, e);
    return r;
}

static gboolean xml_failed(GwiDocx *d, const char *part, XmlError *e, GError **error)
{
    guint64 limit = gw_read_options_get_limit(d->opts, GW_LIMIT_DEPTH);
    if (e->message && strstr(e->message, "Excessive depth"))
        gwi_set_error(error, d, GW_ERROR_LIMIT, part, "XML elements nested deeper than the %s limit (%" G_GUINT64_FORMAT ")",
                      gw_limit_name(GW_LIMIT_DEPTH), MIN(limit, (guint64) xmlParserMaxDepth));
    else
        gwi_set_error(error, d, GW_ERROR_FORMAT, part, "malformed XML at line %d: %s", e->line,
                      e->message ? e->message : "unexpected end of data");
    g_free(e->message);
    e->message = NULL;
    return FALSE;
}

/* Counts the nodes of an expanded subtree and checks its depth, without
 * recursion and without entering entity references. */
static gboolean check_subtree(GwiDocx *d, const char *part, const xmlNode *root, int base_depth, guint64 *nodes,
                              GError **error)
{
    guint64 depth_limit = gw_read_options_get_limit(d->opts, GW_LIMIT_DEPTH);
    guint64 node_limit = gw_read_options_get_limit(d->opts, GW_LIMIT_NODES);
    const xmlNode *n = root;
    guint64 depth = (guint64) base_depth;
    while (n) {
        (*nodes)++;
        if (n->type == XML_ELEMENT_NODE)
            for (const xmlAttr *a = n->properties; a; a = a->next)
                (*nodes)++;
        if (*nodes > node_limit) {
            gwi_set_error(error, d, GW_ERROR_LIMIT, part, "more XML nodes than the %s limit (%" G_GUINT64_FORMAT ")",
                          gw_limit_name(GW_LIMIT_NODES), node_limit);
            return FALSE;
        }
        if (n->type == XML_ELEMENT_NODE && depth > depth_limit) {
            gwi_set_error(error, d, GW_ERROR_LIMIT, part,
                          "XML elements nested deeper than the %s limit (%" G_GUINT64_FORMAT ")",
                          gw_limit_name(GW_LIMIT_DEPTH), depth_limit);
            return FALSE;
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            depth++;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            depth--;
        }
        n = n == root ? NULL : n->next;
    }
    return TRUE;
}

xmlDoc *gwi_docx_read_xml(GwiDocx *d, const char *part, gboolean required, GError **error)
{
    GBytes *data = gwi_docx_read_part(d, part, required, error);
    if (!data)
        return NULL;
    XmlError e = { 0 };
    xmlTextReaderPtr r = open_reader(data, &e);
    xmlDoc *doc = NULL;
    xmlNode *root = NULL;
    int ret = r ? xmlTextReaderRead(r) : -1;
    while (ret == 1 && xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
        ret = xmlTextReaderRead(r);
    if (ret == 1 && !e.message)
        root = xmlTextReaderExpand(r);
    if (root && !e.message) {
        doc = xmlTextReaderCurrentDoc(r);
        guint64 nodes = 0;
        if (!check_subtree(d, part, root, 1, &nodes, error)) {
            xmlFreeDoc(doc);
            doc = NULL;
            root = NULL;
        }
    } else {
        xml_failed(d, part, &e, error);
    }
    g_free(e.message);
    if (r)
        xmlFreeTextReader(r);
    g_bytes_unref(data);
    return doc;
}

gboolean gwi_docx_read_related(GwiDocx *d, GHashTable *rels, const char *type, xmlDoc **xml, const char **part,
                               GError **error)
{
    const char *name = gwi_rels_find(rels, type);
    GError *local = NULL;
    *xml = name ? gwi_docx_read_xml(d, name, FALSE, &local) : NULL;
    if (part)
        *part = name;
    if (!local)
        return TRUE;
    g_propagate_error(error, local);
    return FALSE;
}

gboolean gwi_docx_stream_xml(GwiDocx *d, const char *part, GBytes *data, const char *container,
                             GwiEachElement each, gpointer user, GError **error)
{
    XmlError e = { 0 };
    xmlTextReaderPtr r = open_reader(data, &e);
    if (!r)
        return xml_failed(d, part, &e, error);
    guint64 nodes = 0;
    int want = container ? -1 : 1; /* depth of the elements handed to `each` */
    gboolean ok = TRUE;
    int ret = xmlTextReaderRead(r);
    while (ret == 1 && ok && !e.message) {
        int depth = xmlTextReaderDepth(r);
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
            xmlNode *node = xmlTextReaderCurrentNode(r);
            if (container && depth == 1)
                want = gwi_is(node, GWI_NS_W, container) ? 2 : -1;
            else if (depth == want) {
                xmlNode *tree = xmlTextReaderExpand(r);
                if (!tree || e.message)
                    break;
                ok = check_subtree(d, part, tree, depth + 1, &nodes, error) && each(tree, user, error);
                ret = xmlTextReaderNext(r);
                continue;
            }
        }
        ret = xmlTextReaderRead(r);
    }
    if (ok && (ret < 0 || e.message))
        ok = xml_failed(d, part, &e, error);
    g_free(e.message);
    xmlFreeTextReader(r);
    return ok;
}
