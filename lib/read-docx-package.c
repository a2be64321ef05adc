/* read-docx-package.c: the DOCX container: zip entries read under limits,
 * relationships, and XML parsed safely (no network, no DTD loading, no
 * entity expansion, errors collected instead of printed). */
#include <stdarg.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include "read-docx.h"
#include "xml-tree.h"

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

gboolean gwi_is_on(const char *value)
{
    return value && (strcmp(value, "1") == 0 || strcmp(value, "true") == 0 || strcmp(value, "on") == 0);
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

/* A read-only, seekable libzip source over memory that counts the bytes
 * read (zip_source_buffer_create does not tell). */
static zip_int64_t zip_input(void *user, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    GwiZipInput *in = user;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        in->pos = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        gsize n = MIN((gsize) len, in->len - in->pos);
        memcpy(data, in->data + in->pos, n);
        in->pos += n;
        in->consumed += n;
        return (zip_int64_t) n;
    }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        zip_stat_init(st);
        st->size = in->len;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&in->error, data, len);
    case ZIP_SOURCE_SEEK: {
        zip_int64_t pos = zip_source_seek_compute_offset(in->pos, in->len, data, len, &in->error);
        if (pos < 0)
            return -1;
        in->pos = (gsize) pos;
        return 0;
    }
    case ZIP_SOURCE_TELL:
        return (zip_int64_t) in->pos;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL,
                                              ZIP_SOURCE_SUPPORTS, -1);
    default:
        zip_error_set(&in->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

gboolean gwi_docx_open(GwiDocx *d, const char *data, gsize len, GError **error)
{
    if (len >= sizeof ole_magic && memcmp(data, ole_magic, sizeof ole_magic) == 0) {
        gwi_set_error(error, d, GW_ERROR_UNSUPPORTED, NULL,
                      "encrypted or legacy Word (.doc) file; gongwen reads only .docx");
        return FALSE;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    d->input.data = data;
    d->input.len = len;
    zip_error_init(&d->input.error);
    zip_source_t *src = zip_source_function_create(zip_input, &d->input, &ze);
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

/* ---- reading entries ------------------------------------------------------ */

/* An open zip entry, read in chunks under the limits. */
typedef struct {
    GwiDocx *d;
    const char *part;
    zip_file_t *f;
    guint64 size;       /* decompressed so far */
    guint64 start;      /* the input's bytes read before this entry's */
    GError *error;      /* why reading stopped */
} Entry;

static void open_error(GwiDocx *d, const char *part, GError **error)
{
    int code = zip_error_code_zip(zip_get_error(d->zip));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
        gwi_set_error(error, d, GW_ERROR_UNSUPPORTED, part, "the part is encrypted");
    else if (code == ZIP_ER_COMPNOTSUPP)
        gwi_set_error(error, d, GW_ERROR_UNSUPPORTED, part, "unsupported compression method");
    else
        gwi_set_error(error, d, GW_ERROR_FORMAT, part, "cannot read it from the zip archive: %s",
                      zip_strerror(d->zip));
}

/* Opens a part: FALSE with `error` set when it cannot be read or is
 * missing and `required`; TRUE with e->f NULL when it is missing. */
static gboolean entry_open(GwiDocx *d, const char *part, gboolean required, Entry *e, GError **error)
{
    memset(e, 0, sizeof *e);
    e->d = d;
    e->part = part;
    zip_int64_t idx = zip_name_locate(d->zip, part, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (required)
            gwi_set_error(error, d, GW_ERROR_FORMAT, NULL, "no part %s in the package", part);
        return !required;
    }
    e->f = zip_fopen_index(d->zip, (zip_uint64_t) idx, 0);
    e->start = d->input.consumed;
    if (!e->f)
        open_error(d, part, error);
    return e->f != NULL;
}

/* Stops a decompression that passes a limit: per part, in total, and the
 * ratio to the compressed data used so far (a bomb stops after its first
 * megabyte); the data's real size counts, whatever the zip headers claim. */
/* The decompressed bytes the outermost document has read. */
static guint64 *total_bytes(GwiDocx *d)
{
    while (d->parent)
        d = d->parent;
    return &d->total_bytes;
}

static gboolean check_read_limits(Entry *e, guint64 added)
{
    const GwReadOptions *o = e->d->opts;
    guint64 size = e->size + added;
    guint64 used = e->d->input.consumed - e->start;
    GwLimit hit = GW_N_LIMITS;
    if (size > gw_read_options_get_limit(o, GW_LIMIT_PART_BYTES))
        hit = GW_LIMIT_PART_BYTES;
    else if (*total_bytes(e->d) + added > gw_read_options_get_limit(o, GW_LIMIT_TOTAL_BYTES))
        hit = GW_LIMIT_TOTAL_BYTES;
    else if (size > (1u << 20) && size / MAX(used, 1) > gw_read_options_get_limit(o, GW_LIMIT_COMPRESSION_RATIO))
        hit = GW_LIMIT_COMPRESSION_RATIO;
    if (hit == GW_N_LIMITS)
        return TRUE;
    gwi_set_error(&e->error, e->d, GW_ERROR_LIMIT, e->part, "decompressed data over the %s limit (%" G_GUINT64_FORMAT ")",
                  gw_limit_name(hit), gw_read_options_get_limit(o, hit));
    return FALSE;
}

/* Up to `len` bytes; 0 at the end, -1 with e->error set on a failure. */
static gssize entry_read(Entry *e, void *buf, gsize len)
{
    if (e->error)
        return -1;
    zip_int64_t n = zip_fread(e->f, buf, len);
    if (n < 0) {
        gwi_set_error(&e->error, e->d, GW_ERROR_FORMAT, e->part, "corrupt data in the zip archive: %s",
                      zip_file_strerror(e->f));
        return -1;
    }
    if (!check_read_limits(e, (guint64) n))
        return -1;
    e->size += (guint64) n;
    *total_bytes(e->d) += (guint64) n;
    return (gssize) n;
}

static void entry_close(Entry *e)
{
    if (e->f)
        zip_fclose(e->f);
    g_clear_error(&e->error);
}

GBytes *gwi_docx_read_part(GwiDocx *d, const char *part, gboolean required, GError **error)
{
    Entry e;
    if (!entry_open(d, part, required, &e, error) || !e.f)
        return NULL;
    GByteArray *buf = g_byte_array_new();
    guint8 chunk[65536];
    gssize n;
    while ((n = entry_read(&e, chunk, sizeof chunk)) > 0)
        g_byte_array_append(buf, chunk, (guint) n);
    GBytes *bytes = NULL;
    if (n < 0)
        g_propagate_error(error, g_steal_pointer(&e.error));
    else
        bytes = g_byte_array_free_to_bytes(g_steal_pointer(&buf));
    if (buf)
        g_byte_array_unref(buf);
    entry_close(&e);
    return bytes;
}

gboolean gwi_docx_tolerate(GwiDocx *d, GError **error)
{
    if (!*error)
        return TRUE;
    if ((*error)->code != GW_ERROR_FORMAT)
        return FALSE;
    gw_document_add_warning(d->doc, "%s; that part is left out", (*error)->message);
    g_clear_error(error);
    return TRUE;
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
    if (!gwi_docx_tolerate(d, &local)) {
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
 * XML_PARSE_HUGE (libxml2 then caps depth and text node sizes).  The parser
 * reads straight from the zip entry: a large part is never held whole. */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING)

typedef struct {
    Entry entry;
    char *message;   /* libxml2's first error */
    int line;
    GString *prolog; /* the data before the root element, while unknown */
} XmlInput;

static void on_xml_error(void *arg, xmlErrorPtr err)
{
    XmlInput *in = arg;
    if (in->message || !err || err->level < XML_ERR_ERROR)
        return;
    in->message = g_strstrip(g_strdup(err->message ? err->message : "unknown error"));
    in->line = err->line;
}

/* Longest prolog searched for a DTD; past it libxml2's DOCTYPE node is
 * refused as the reading goes. */
#define MAX_PROLOG (1u << 20)

/* In the prolog `s` (from `from` on): 1 a DTD, -1 the root element starts,
 * 0 not known yet. */
static int prolog_state(const GString *s, gsize from)
{
    for (gsize i = from; i < s->len; i++) {
        if (s->str[i] != '<' || i + 1 >= s->len)
            continue;
        if (s->len - i >= 9 && memcmp(s->str + i, "<!DOCTYPE", 9) == 0)
            return 1;
        if (s->str[i + 1] != '?' && s->str[i + 1] != '!')
            return -1;
    }
    return 0;
}

static void refuse_dtd(XmlInput *in)
{
    if (!in->entry.error)
        gwi_set_error(&in->entry.error, in->entry.d, GW_ERROR_FORMAT, in->entry.part,
                      "a document type declaration (DTD) is not allowed in DOCX");
}

/* Word never writes a document type declaration: one in the prolog is
 * refused before libxml2 parses it (entity tricks live there). */
static int xml_input(void *ctx, char *buf, int len)
{
    XmlInput *in = ctx;
    gssize n = entry_read(&in->entry, buf, (gsize) MAX(len, 0));
    if (n > 0 && in->prolog) {
        gsize from = in->prolog->len > 9 ? in->prolog->len - 9 : 0;
        g_string_append_len(in->prolog, buf, n);
        int state = prolog_state(in->prolog, from);
        if (state > 0) {
            refuse_dtd(in);
            return -1;
        }
        if (state < 0 || in->prolog->len > MAX_PROLOG)
            {
            g_string_free(in->prolog, TRUE);
            in->prolog = NULL;
        }
    }
    return (int) n;
}

/* A reader over a part (NULL when missing and not required, or on error). */
static xmlTextReaderPtr open_xml(GwiDocx *d, const char *part, gboolean required, XmlInput *in, GError **error)
{
    memset(in, 0, sizeof *in);
    if (!entry_open(d, part, required, &in->entry, error) || !in->entry.f)
        return NULL;
    in->prolog = g_string_new(NULL);
    xmlTextReaderPtr r = xmlReaderForIO(xml_input, NULL, in, NULL, NULL, XML_OPTIONS);
    if (r)
        xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, in);
    else
        gwi_set_error(error, d, GW_ERROR_FORMAT, part, "cannot parse XML");
    return r;
}

static void close_xml(xmlTextReaderPtr r, XmlInput *in)
{
    if (r)
        xmlFreeTextReader(r);
    entry_close(&in->entry);
    g_free(in->message);
    if (in->prolog)
        g_string_free(in->prolog, TRUE);
}

/* The next node; a DTD past the searched prolog is refused here. */
static int next_node(xmlTextReaderPtr r, XmlInput *in)
{
    int ret = xmlTextReaderRead(r);
    if (ret == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
        refuse_dtd(in);
        return -1;
    }
    return ret;
}

/* Why parsing stopped: a limit or corrupt data met while reading, the
 * parser's depth limit, or malformed XML. */
static gboolean xml_failed(GwiDocx *d, const char *part, XmlInput *in, GError **error)
{
    guint64 limit = gw_read_options_get_limit(d->opts, GW_LIMIT_DEPTH);
    if (in->entry.error)
        g_propagate_error(error, g_steal_pointer(&in->entry.error));
    else if (in->message && strstr(in->message, "Excessive depth"))
        gwi_set_error(error, d, GW_ERROR_LIMIT, part, "XML elements nested deeper than the %s limit (%" G_GUINT64_FORMAT ")",
                      gw_limit_name(GW_LIMIT_DEPTH), MIN(limit, (guint64) xmlParserMaxDepth));
    else
        gwi_set_error(error, d, GW_ERROR_FORMAT, part, "malformed XML at line %d: %s", in->line,
                      in->message ? in->message : "unexpected end of data");
    return FALSE;
}

/* Counts the nodes of an expanded subtree and checks its depth. */
static gboolean check_subtree(GwiDocx *d, const char *part, const xmlNode *root, int base_depth, guint64 *nodes,
                              GError **error)
{
    guint64 depth_limit = gw_read_options_get_limit(d->opts, GW_LIMIT_DEPTH);
    guint64 node_limit = gw_read_options_get_limit(d->opts, GW_LIMIT_NODES);
    switch (gwi_xml_tree_check(root, (guint64) base_depth, depth_limit, node_limit, TRUE, nodes)) {
    case GWI_TREE_TOO_MANY_NODES:
        gwi_set_error(error, d, GW_ERROR_LIMIT, part, "more XML nodes than the %s limit (%" G_GUINT64_FORMAT ")",
                      gw_limit_name(GW_LIMIT_NODES), node_limit);
        return FALSE;
    case GWI_TREE_TOO_DEEP:
        gwi_set_error(error, d, GW_ERROR_LIMIT, part,
                      "XML elements nested deeper than the %s limit (%" G_GUINT64_FORMAT ")",
                      gw_limit_name(GW_LIMIT_DEPTH), depth_limit);
        return FALSE;
    default:
        return TRUE;
    }
}

xmlDoc *gwi_docx_read_xml(GwiDocx *d, const char *part, gboolean required, GError **error)
{
    XmlInput in;
    xmlTextReaderPtr r = open_xml(d, part, required, &in, error);
    if (!r) {
        close_xml(r, &in);
        return NULL;
    }
    int ret = next_node(r, &in);
    while (ret == 1 && xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
        ret = next_node(r, &in);
    xmlNode *root = ret == 1 && !in.message ? xmlTextReaderExpand(r) : NULL;
    xmlDoc *doc = NULL;
    guint64 nodes = 0;
    if (!root || in.message || in.entry.error)
        xml_failed(d, part, &in, error);
    else if (check_subtree(d, part, root, 1, &nodes, error))
        doc = xmlTextReaderCurrentDoc(r);
    close_xml(r, &in);
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
    if (gwi_docx_tolerate(d, &local))
        return TRUE;
    g_propagate_error(error, local);
    return FALSE;
}

gboolean gwi_docx_stream_xml(GwiDocx *d, const char *part, const char *container, GwiEachElement each,
                             gpointer user, GError **error)
{
    XmlInput in;
    xmlTextReaderPtr r = open_xml(d, part, TRUE, &in, error);
    if (!r) {
        close_xml(r, &in);
        return FALSE;
    }
    guint64 nodes = 0;
    int want = container ? -1 : 1; /* depth of the elements handed to `each` */
    gboolean ok = TRUE;
    int ret = next_node(r, &in);
    while (ret == 1 && ok && !in.message) {
        int depth = xmlTextReaderDepth(r);
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
            xmlNode *node = xmlTextReaderCurrentNode(r);
            if (container && depth == 1)
                want = gwi_is(node, GWI_NS_W, container) ? 2 : -1;
            else if (depth == want) {
                xmlNode *tree = xmlTextReaderExpand(r);
                if (!tree || in.message)
                    break;
                ok = check_subtree(d, part, tree, depth + 1, &nodes, error) && each(tree, user, error);
                ret = xmlTextReaderNext(r);
                continue;
            }
        }
        ret = next_node(r, &in);
    }
    if (ok && (ret < 0 || in.message || in.entry.error))
        ok = xml_failed(d, part, &in, error);
    close_xml(r, &in);
    return ok;
}
