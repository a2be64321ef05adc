/* read.c: reader options, format names and dispatch by format. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include "gongwen/reader.h"
#include "read-imp.h"
#include "limit-imp.h"

struct GwReadOptions {
    char *encoding;
    char *select;
    GHashTable *meta;
    guint64 limits[GW_N_LIMITS];
};

/* Defaults: generous for real documents, small enough that a hostile file
 * ends within about 2 s and 200 MB (SECURITY.md explains each).  The tool
 * changes them with --limit and GONGWEN_LIMITS. */
static guint64 default_limits[GW_N_LIMITS] = {
    [GW_LIMIT_INPUT_BYTES] = 256u << 20,
    [GW_LIMIT_PART_BYTES] = 64u << 20,
    [GW_LIMIT_TOTAL_BYTES] = 256u << 20,
    [GW_LIMIT_ZIP_ENTRIES] = 10000,
    [GW_LIMIT_COMPRESSION_RATIO] = 100,
    [GW_LIMIT_DEPTH] = 256,
    [GW_LIMIT_NODES] = 500000,
    [GW_LIMIT_TABLE_CELLS] = 1000000,
    [GW_LIMIT_IMAGE_PIXELS] = 40000000,
    [GW_LIMIT_PAGES] = 2000,
    [GW_LIMIT_BLOCKS] = 100000,
    [GW_LIMIT_TEXT_BYTES] = 16u << 20,
};

static const char *const limit_names[GW_N_LIMITS + 1] = {
    "input-bytes", "part-bytes", "total-bytes", "zip-entries", "compression-ratio", "depth",
    "nodes", "table-cells", "image-pixels", "pages", "blocks", "text-bytes", NULL,
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

/* ---- limits -------------------------------------------------------------- */

const char *gw_limit_name(GwLimit limit)
{
    return (guint) limit < GW_N_LIMITS ? limit_names[limit] : "unknown";
}

gboolean gw_limit_from_name(const char *name, GwLimit *limit)
{
    for (guint i = 0; i < GW_N_LIMITS; i++)
        if (g_ascii_strcasecmp(name, limit_names[i]) == 0) {
            *limit = (GwLimit) i;
            return TRUE;
        }
    return FALSE;
}

guint64 gw_limit_get_default(GwLimit limit)
{
    g_return_val_if_fail((guint) limit < GW_N_LIMITS, 0);
    return default_limits[limit];
}

void gw_limit_set_default(GwLimit limit, guint64 value)
{
    g_return_if_fail((guint) limit < GW_N_LIMITS);
    default_limits[limit] = value;
}

/* "123", "64K", "512M", "2G" (powers of 1024). */
static gboolean parse_limit_value(const char *text, guint64 *value)
{
    static const char units[] = "KMG";
    char *end;
    if (!g_ascii_isdigit(*text))
        return FALSE;
    guint64 v = g_ascii_strtoull(text, &end, 10);
    const char *unit = *end ? strchr(units, g_ascii_toupper(*end)) : NULL;
    if (*end && (!unit || end[1]))
        return FALSE;
    guint shift = unit ? 10 * (guint) (unit - units + 1) : 0;
    if (v > (G_MAXUINT64 >> shift))
        return FALSE;
    *value = v << shift;
    return TRUE;
}

gboolean gw_limits_parse(const char *spec, GError **error)
{
    guint64 parsed[GW_N_LIMITS];
    memcpy(parsed, default_limits, sizeof parsed);
    char **items = g_strsplit(spec, ",", -1);
    gboolean ok = TRUE;
    for (char **item = items; ok && *item; item++) {
        char *eq = strchr(g_strstrip(*item), '=');
        GwLimit limit;
        if (!**item)
            continue;
        if (eq)
            *eq = '\0';
        if (!eq || !gw_limit_from_name(g_strstrip(*item), &limit)) {
            char *names = g_strjoinv(", ", (char **) limit_names);
            g_set_error(error, GW_ERROR, GW_ERROR_INVALID, eq ? "no limit is called '%s' (limits: %s)"
                                                              : "'%s' is not NAME=VALUE (limits: %s)", *item, names);
            g_free(names);
            ok = FALSE;
        } else if (!parse_limit_value(g_strstrip(eq + 1), &parsed[limit])) {
            g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "limit %s: '%s' is not a number (e.g. 1000, 64K, 512M, 2G)",
                        *item, eq + 1);
            ok = FALSE;
        }
    }
    g_strfreev(items);
    if (ok)
        memcpy(default_limits, parsed, sizeof parsed);
    return ok;
}

void gwi_limit_error(GError **error, GwLimit limit, guint64 value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    const char *name = gw_limit_name(limit);
    g_set_error(error, GW_ERROR, GW_ERROR_LIMIT, "%s exceeds the %s limit (%" G_GUINT64_FORMAT "); raise it with --limit %s=N",
                what, name, value, name);
    g_free(what);
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

/* ---- input files --------------------------------------------------------- */

static void set_read_error(GError **error, const char *path, int err)
{
    g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot read: %s", path,
                err == ENOENT ? "no such file" : err == EISDIR ? "it is a folder" : g_strerror(err));
}

static int open_input(const char *path, gsize *size_hint, GError **error)
{
    /* O_NONBLOCK: opening a FIFO nobody writes to must not wait forever. */
    int fd = g_open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
    struct stat st;
    int err = errno;
    if (fd >= 0 && fstat(fd, &st) != 0)
        err = errno;
    else if (fd >= 0 && S_ISDIR(st.st_mode))
        err = EISDIR;
    else if (fd >= 0 && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0) {
        *size_hint = S_ISREG(st.st_mode) ? (gsize) st.st_size : 0;
        return fd;
    } else if (fd >= 0)
        err = errno;
    if (fd >= 0)
        close(fd);
    set_read_error(error, path, err);
    return -1;
}

char *gwi_read_input(const char *path, GwLimit limit, guint64 max, gsize *len, GError **error)
{
    gsize hint = 0;
    max = MIN(max, (guint64) G_MAXSSIZE - 2);
    int fd = open_input(path, &hint, error);
    if (fd < 0)
        return NULL;
    if (hint > max) {
        close(fd);
        gwi_limit_error(error, limit, max, "%s: a file of %" G_GSIZE_FORMAT " bytes", path, hint);
        return NULL;
    }
    gsize size = 0, alloc = MIN(MAX(hint, 4096) + 1, max + 2);
    char *data = g_malloc(alloc);
    GError *local = NULL;
    for (;;) {
        if (size + 1 == alloc) {
            alloc = MIN(alloc * 2, max + 2);
            data = g_realloc(data, alloc);
        }
        gssize n = read(fd, data + size, alloc - 1 - size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            set_read_error(&local, path, errno);
        else
            size += (gsize) n;
        if (n <= 0 || size > max)
            break;
    }
    close(fd);
    if (!local && size > max)
        gwi_limit_error(&local, limit, max, "%s: more than %" G_GUINT64_FORMAT " bytes", path, max);
    if (local) {
        g_propagate_error(error, local);
        g_free(data);
        return NULL;
    }
    data[size] = '\0';
    *len = size;
    return data;
}

static gboolean is_textual(GwFormat format)
{
    return format == GW_FORMAT_TEXT || format == GW_FORMAT_HTML;
}

GwDocument *gw_read_file(const char *path, GwFormat format, const GwReadOptions *opts, GError **error)
{
    if (format == GW_FORMAT_UNKNOWN)
        format = gw_format_from_path(path);
    GwLimit limit = is_textual(format) ? GW_LIMIT_TEXT_BYTES : GW_LIMIT_INPUT_BYTES;
    gsize len = 0;
    char *data = gwi_read_input(path, limit, gw_read_options_get_limit(opts, limit), &len, error);
    if (!data)
        return NULL;
    if (format == GW_FORMAT_UNKNOWN) {
        format = sniff_format(data, len);
        guint64 max = gw_read_options_get_limit(opts, GW_LIMIT_TEXT_BYTES);
        if (is_textual(format) && len > max) {
            gwi_limit_error(error, GW_LIMIT_TEXT_BYTES, max, "%s: a text of %" G_GSIZE_FORMAT " bytes", path, len);
            g_free(data);
            return NULL;
        }
    }
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
