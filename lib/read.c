/* read.c: reader options, format names and dispatch by format. */
#include <string.h>
#include <glib/gstdio.h>
#include "gongwen/reader.h"
#include "read-imp.h"

struct GwReadOptions {
    char *encoding;
    char *select;
    GHashTable *meta;
    guint64 limits[GW_N_LIMITS];
};

/* Defaults: generous for real documents, small enough that a hostile file
 * cannot exhaust memory (SECURITY.md). */
static const guint64 default_limits[GW_N_LIMITS] = {
    [GW_LIMIT_INPUT_BYTES] = 512u << 20,
    [GW_LIMIT_PART_BYTES] = 256u << 20,
    [GW_LIMIT_TOTAL_BYTES] = 512u << 20,
    [GW_LIMIT_ZIP_ENTRIES] = 10000,
    [GW_LIMIT_COMPRESSION_RATIO] = 1000,
    [GW_LIMIT_DEPTH] = 256,
    [GW_LIMIT_NODES] = 20000000,
    [GW_LIMIT_TABLE_CELLS] = 1000000,
    [GW_LIMIT_IMAGE_PIXELS] = 100000000,
    [GW_LIMIT_PAGES] = 100000,
};

static const char *const limit_names[GW_N_LIMITS] = {
    "input-bytes", "part-bytes", "total-bytes", "zip-entries", "compression-ratio",
    "depth", "nodes", "table-cells", "image-pixels", "pages",
};

GwReadOptions *gw_read_options_new(void)
{
    GwReadOptions *o = g_new0(GwReadOptions, 1);
    o->meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    memcpy(o->limits, default_limits, sizeof o->limits);
    return o;
}

void gw_read_options_free(GwReadOptions *o)
{
    if (!o)
        return;
    g_free(o->encoding);
    g_free(o->select);
    g_hash_table_unref(o->meta);
    g_free(o);
}

void gw_read_options_set_encoding(GwReadOptions *o, const char *encoding)
{
    g_free(o->encoding);
    o->encoding = g_strdup(encoding);
}

const char *gw_read_options_get_encoding(const GwReadOptions *o)
{
    return o ? o->encoding : NULL;
}

void gw_read_options_set_meta(GwReadOptions *o, const char *key, const char *value)
{
    g_hash_table_replace(o->meta, g_strdup(key), g_strdup(value));
}

const char *gw_read_options_get_meta(const GwReadOptions *o, const char *key)
{
    return o ? g_hash_table_lookup(o->meta, key) : NULL;
}

void gwi_read_apply_meta(GwDocument *doc, const GwReadOptions *o)
{
    GHashTableIter it;
    gpointer key, value;
    if (!o)
        return;
    g_hash_table_iter_init(&it, o->meta);
    while (g_hash_table_iter_next(&it, &key, &value))
        gw_document_set_meta(doc, key, value);
}

void gw_read_options_set_select(GwReadOptions *o, const char *selector)
{
    g_free(o->select);
    o->select = g_strdup(selector);
}

const char *gw_read_options_get_select(const GwReadOptions *o)
{
    return o ? o->select : NULL;
}

void gw_read_options_set_limit(GwReadOptions *o, GwLimit limit, guint64 value)
{
    g_return_if_fail((guint) limit < GW_N_LIMITS);
    o->limits[limit] = value;
}

guint64 gw_read_options_get_limit(const GwReadOptions *o, GwLimit limit)
{
    g_return_val_if_fail((guint) limit < GW_N_LIMITS, 0);
    return o ? o->limits[limit] : default_limits[limit];
}

const char *gw_limit_name(GwLimit limit)
{
    return (guint) limit < GW_N_LIMITS ? limit_names[limit] : "unknown";
}

/* ---- formats ------------------------------------------------------------ */

static const struct {
    const char *name;
    GwFormat format;
} format_names[] = {
    { "txt", GW_FORMAT_TEXT }, { "text", GW_FORMAT_TEXT }, { "html", GW_FORMAT_HTML },
    { "htm", GW_FORMAT_HTML }, { "docx", GW_FORMAT_DOCX }, { "json", GW_FORMAT_JSON },
    { "pdf", GW_FORMAT_PDF },  { "png", GW_FORMAT_PNG },
};

GwFormat gw_format_from_name(const char *name)
{
    for (guint i = 0; name && i < G_N_ELEMENTS(format_names); i++)
        if (g_ascii_strcasecmp(name, format_names[i].name) == 0)
            return format_names[i].format;
    return GW_FORMAT_UNKNOWN;
}

GwFormat gw_format_from_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    return dot ? gw_format_from_name(dot + 1) : GW_FORMAT_UNKNOWN;
}

const char *gw_format_name(GwFormat format)
{
    for (guint i = 0; i < G_N_ELEMENTS(format_names); i++)
        if (format_names[i].format == format)
            return format_names[i].name;
    return "unknown";
}

/* Guess from the first bytes when the name says nothing. */
static GwFormat sniff_format(const char *data, gsize len)
{
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        return GW_FORMAT_DOCX;
    gsize n = MIN(len, 1024);
    for (gsize i = 0; i + 5 <= n; i++)
        if (g_ascii_strncasecmp(data + i, "<html", 5) == 0 || g_ascii_strncasecmp(data + i, "<!doc", 5) == 0)
            return GW_FORMAT_HTML;
    return GW_FORMAT_TEXT;
}

GwDocument *gw_read_file(const char *path, GwFormat format, const GwReadOptions *opts, GError **error)
{
    char *data = NULL;
    gsize len = 0;
    GError *local = NULL;
    GStatBuf st;
    if (g_stat(path, &st) == 0 && (guint64) st.st_size > gw_read_options_get_limit(opts, GW_LIMIT_INPUT_BYTES)) {
        g_set_error(error, GW_ERROR, GW_ERROR_LIMIT,
                    "%s: file is larger than the input-bytes limit (%" G_GUINT64_FORMAT " bytes)", path,
                    gw_read_options_get_limit(opts, GW_LIMIT_INPUT_BYTES));
        return NULL;
    }
    if (!g_file_get_contents(path, &data, &len, &local)) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot read: %s", path,
                    local->domain == G_FILE_ERROR && local->code == G_FILE_ERROR_NOENT ? "no such file"
                                                                                       : local->message);
        g_error_free(local);
        return NULL;
    }
    if (format == GW_FORMAT_UNKNOWN)
        format = gw_format_from_path(path);
    if (format == GW_FORMAT_UNKNOWN)
        format = sniff_format(data, len);
    GwDocument *doc = NULL;
    switch (format) {
    case GW_FORMAT_TEXT:
        doc = gw_read_text(data, len, path, opts, error);
        break;
    case GW_FORMAT_HTML:
        doc = gw_read_html(data, len, path, opts, error);
        break;
    case GW_FORMAT_DOCX:
        doc = gw_read_docx(data, len, path, opts, error);
        break;
    default:
        g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED, "%s: gongwen cannot read %s files", path,
                    gw_format_name(format));
    }
    g_free(data);
    return doc;
}
