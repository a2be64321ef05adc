/* manifest.c: the batch manifest: one JSON entry a line, appended and
 * flushed per file, loaded tolerating a truncated tail, compacted
 * atomically, and rechecked against the outputs (gongwen/batch.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include "gongwen/gongwen.h"

/* ---- entries ------------------------------------------------------------ */

GwManifestEntry *gw_manifest_entry_new(void)
{
    GwManifestEntry *e = g_new0(GwManifestEntry, 1);
    e->warnings = g_ptr_array_new_with_free_func(g_free);
    return e;
}

void gw_manifest_entry_free(GwManifestEntry *e)
{
    if (!e)
        return;
    g_free(e->source);
    g_free(e->source_sha256);
    g_free(e->output);
    g_free(e->output_sha256);
    g_free(e->error);
    g_free(e->version);
    g_free(e->options_hash);
    g_free(e->time);
    g_ptr_array_unref(e->warnings);
    g_free(e);
}

GwManifestEntry *gw_manifest_entry_copy(const GwManifestEntry *e)
{
    GwManifestEntry *c = gw_manifest_entry_new();
    GPtrArray *warnings = c->warnings;
    *c = *e;
    c->warnings = warnings;
    c->source = g_strdup(e->source);
    c->source_sha256 = g_strdup(e->source_sha256);
    c->output = g_strdup(e->output);
    c->output_sha256 = g_strdup(e->output_sha256);
    c->error = g_strdup(e->error);
    c->version = g_strdup(e->version);
    c->options_hash = g_strdup(e->options_hash);
    c->time = g_strdup(e->time);
    for (guint i = 0; i < e->warnings->len; i++)
        g_ptr_array_add(c->warnings, g_strdup(e->warnings->pdata[i]));
    return c;
}

static void replace_string(char **field, char *value)
{
    g_free(*field);
    *field = value;
}

void gw_manifest_entry_set_failed(GwManifestEntry *e, const char *message)
{
    e->ok = FALSE;
    replace_string(&e->error, g_strdup(message));
    replace_string(&e->output_sha256, NULL);
    e->pages = 0;
    e->bytes = 0;
}

void gw_manifest_entry_stamp(GwManifestEntry *e, const char *options_hash)
{
    GDateTime *now = g_date_time_new_now_utc();
    replace_string(&e->version, g_strdup(gw_version()));
    replace_string(&e->options_hash, g_strdup(options_hash));
    replace_string(&e->time, g_date_time_format(now, "%Y-%m-%dT%H:%M:%S.%fZ"));
    g_date_time_unref(now);
}

/* JSON must be UTF-8: messages quoting broken input may not be. */
static void add_string(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    if (!value) {
        json_builder_add_null_value(b);
        return;
    }
    char *valid = g_utf8_make_valid(value, -1);
    json_builder_add_string_value(b, valid);
    g_free(valid);
}

static void add_int(JsonBuilder *b, const char *name, gint64 value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, value);
}

char *gw_manifest_entry_to_json(const GwManifestEntry *e)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    add_string(b, "source", e->source);
    add_string(b, "source_sha256", e->source_sha256);
    add_int(b, "source_bytes", (gint64) e->source_bytes);
    add_int(b, "source_mtime", e->source_mtime);
    add_string(b, "output", e->output);
    add_string(b, "output_sha256", e->output_sha256);
    add_int(b, "pages", e->pages);
    add_int(b, "bytes", (gint64) e->bytes);
    add_string(b, "status", e->ok ? "ok" : "failed");
    add_string(b, "error", e->error);
    add_string(b, "gongwen_version", e->version);
    add_string(b, "options_hash", e->options_hash);
    add_string(b, "time", e->time);
    if (e->warnings->len) {
        json_builder_set_member_name(b, "warnings");
        json_builder_begin_array(b);
        for (guint i = 0; i < e->warnings->len; i++) {
            char *valid = g_utf8_make_valid(e->warnings->pdata[i], -1);
            json_builder_add_string_value(b, valid);
            g_free(valid);
        }
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
    JsonNode *root = json_builder_get_root(b);
    JsonGenerator *gen = json_generator_new();
    json_generator_set_root(gen, root);
    char *line = json_generator_to_data(gen, NULL);
    g_object_unref(gen);
    json_node_unref(root);
    g_object_unref(b);
    return line;
}

static char *get_string(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING
               ? g_strdup(json_node_get_string(n))
               : NULL;
}

static gint64 get_int(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_INT64 ? json_node_get_int(n) : 0;
}

static void get_warnings(JsonObject *o, GPtrArray *into)
{
    JsonNode *n = json_object_get_member(o, "warnings");
    if (!n || !JSON_NODE_HOLDS_ARRAY(n))
        return;
    JsonArray *a = json_node_get_array(n);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonNode *w = json_array_get_element(a, i);
        if (JSON_NODE_HOLDS_VALUE(w) && json_node_get_value_type(w) == G_TYPE_STRING)
            g_ptr_array_add(into, g_strdup(json_node_get_string(w)));
    }
}

static GwManifestEntry *entry_from_object(JsonObject *o)
{
    GwManifestEntry *e = gw_manifest_entry_new();
    e->source = get_string(o, "source");
    e->source_sha256 = get_string(o, "source_sha256");
    e->source_bytes = (guint64) get_int(o, "source_bytes");
    e->source_mtime = get_int(o, "source_mtime");
    e->output = get_string(o, "output");
    e->output_sha256 = get_string(o, "output_sha256");
    e->pages = (int) CLAMP(get_int(o, "pages"), 0, G_MAXINT);
    e->bytes = (guint64) get_int(o, "bytes");
    char *status = get_string(o, "status");
    e->ok = g_strcmp0(status, "ok") == 0;
    e->error = get_string(o, "error");
    e->version = get_string(o, "gongwen_version");
    e->options_hash = get_string(o, "options_hash");
    e->time = get_string(o, "time");
    get_warnings(o, e->warnings);
    gboolean valid = e->source && (e->ok || g_strcmp0(status, "failed") == 0);
    g_free(status);
    if (!valid) {
        gw_manifest_entry_free(e);
        return NULL;
    }
    return e;
}

GwManifestEntry *gw_manifest_entry_from_json(const char *line, gsize len, GError **error)
{
    JsonParser *parser = json_parser_new_immutable();
    GwManifestEntry *e = NULL;
    if (json_parser_load_from_data(parser, line, (gssize) len, NULL)) {
        JsonNode *root = json_parser_get_root(parser);
        if (root && JSON_NODE_HOLDS_OBJECT(root))
            e = entry_from_object(json_node_get_object(root));
    }
    g_object_unref(parser);
    if (!e)
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "not a manifest entry");
    return e;
}

/* ---- checksums ---------------------------------------------------------- */

char *gw_file_sha256(const char *path, guint64 *size, GError **error)
{
    int fd = g_open(path, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot read: %s", path, g_strerror(err));
        return NULL;
    }
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    guint64 total = 0;
    guchar buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot read: %s", path, g_strerror(err));
            g_checksum_free(sum);
            close(fd);
            return NULL;
        }
        g_checksum_update(sum, buf, n);
        total += (guint64) n;
    }
    close(fd);
    char *hex = g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    if (size)
        *size = total;
    return hex;
}

/* ---- manifests ---------------------------------------------------------- */

struct GwManifest {
    char *path;
    GHashTable *entries; /* source -> GwManifestEntry*, owned */
    guint n_lines;       /* lines in the file, counting damaged and superseded ones */
    guint n_damaged;
    gboolean unwritten;  /* entries merged from elsewhere, not yet in the file */
    int append_fd;       /* -1 unless opened for writing */
    int lock_fd;
};

char *gw_manifest_name(guint shard, guint n_shards)
{
    if (n_shards <= 1)
        return g_strdup(GW_MANIFEST_NAME);
    return g_strdup_printf("manifest.%u-of-%u.jsonl", shard, n_shards);
}

gboolean gw_manifest_is_name(const char *name)
{
    guint k, n;
    char tail;
    return strcmp(name, GW_MANIFEST_NAME) == 0 || sscanf(name, "manifest.%u-of-%u.jsonl%c", &k, &n, &tail) == 2;
}

static GwManifest *manifest_new(const char *path)
{
    GwManifest *m = g_new0(GwManifest, 1);
    m->path = g_strdup(path);
    m->entries = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify) gw_manifest_entry_free);
    m->append_fd = -1;
    m->lock_fd = -1;
    return m;
}

void gw_manifest_free(GwManifest *m)
{
    if (!m)
        return;
    if (m->append_fd >= 0)
        close(m->append_fd);
    if (m->lock_fd >= 0)
        close(m->lock_fd); /* releases the lock */
    g_hash_table_unref(m->entries);
    g_free(m->path);
    g_free(m);
}

/* Keep `e` (taking it) as the entry of its source, unless `by_time` and
 * the current entry is newer.  Within one file the last line wins (it was
 * appended last, whatever the clock said); across files, the later time. */
static gboolean keep_latest(GwManifest *m, GwManifestEntry *e, gboolean by_time)
{
    GwManifestEntry *old = g_hash_table_lookup(m->entries, e->source);
    if (by_time && old && g_strcmp0(e->time, old->time) < 0) {
        gw_manifest_entry_free(e);
        return FALSE;
    }
    g_hash_table_replace(m->entries, e->source, e);
    return TRUE;
}

static gboolean load_lines(GwManifest *m, GError **error)
{
    char *data = NULL;
    gsize len = 0;
    GError *local = NULL;
    if (!g_file_get_contents(m->path, &data, &len, &local)) {
        gboolean missing = g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT);
        if (!missing)
            g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot read: %s", m->path, local->message);
        g_error_free(local);
        return missing;
    }
    for (gsize start = 0; start < len;) {
        const char *nl = memchr(data + start, '\n', len - start);
        gsize end = nl ? (gsize) (nl - data) : len;
        if (end > start) {
            m->n_lines++;
            GwManifestEntry *e = gw_manifest_entry_from_json(data + start, end - start, NULL);
            if (e)
                keep_latest(m, e, FALSE);
            else
                m->n_damaged++;
            /* A last line without its newline was cut short by a kill. */
            if (!nl && e)
                m->n_damaged++;
        }
        start = end + 1;
    }
    g_free(data);
    return TRUE;
}

GwManifest *gw_manifest_load(const char *path, GError **error)
{
    GwManifest *m = manifest_new(path);
    if (!load_lines(m, error)) {
        gw_manifest_free(m);
        return NULL;
    }
    return m;
}

void gw_manifest_merge(GwManifest *m, const GwManifest *other)
{
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, other->entries);
    while (g_hash_table_iter_next(&it, NULL, &value))
        if (keep_latest(m, gw_manifest_entry_copy(value), TRUE))
            m->unwritten = TRUE;
}

static char *lock_path_of(const char *path)
{
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    char *lock_path = g_strdup_printf("%s/.%s.lock", dir, base);
    g_free(base);
    g_free(dir);
    return lock_path;
}

static gboolean take_lock(GwManifest *m, GError **error)
{
    char *lock_path = lock_path_of(m->path);
    gboolean ok = FALSE;
    m->lock_fd = g_open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m->lock_fd < 0) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot create %s: %s", m->path, lock_path, g_strerror(err));
    } else if (flock(m->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: %s", m->path,
                    err == EWOULDBLOCK ? "in use by another gongwen batch" : g_strerror(err));
    } else
        ok = TRUE;
    g_free(lock_path);
    return ok;
}

static gboolean open_for_append(GwManifest *m, GError **error)
{
    if (m->append_fd >= 0)
        close(m->append_fd);
    m->append_fd = g_open(m->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (m->append_fd >= 0)
        return TRUE;
    int err = errno;
    g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot open for writing: %s", m->path, g_strerror(err));
    return FALSE;
}

/* Compaction replaces the file: find out now if the folder forbids it. */
static gboolean can_replace(const char *path, GError **error)
{
    GwOutput *probe = gw_output_open(path, error);
    gw_output_abort(probe);
    return probe != NULL;
}

GwManifest *gw_manifest_open(const char *path, GError **error)
{
    GwManifest *m = manifest_new(path);
    if (!take_lock(m, error) || !can_replace(path, error) || !load_lines(m, error) ||
        (gw_manifest_needs_compaction(m) && !gw_manifest_compact(m, error)) || !open_for_append(m, error)) {
        gw_manifest_free(m);
        return NULL;
    }
    return m;
}

gboolean gw_manifest_delete(GwManifest *m, GError **error)
{
    g_return_val_if_fail(m->lock_fd >= 0, FALSE);
    char *lock_path = lock_path_of(m->path);
    gboolean ok = g_unlink(m->path) == 0 || errno == ENOENT;
    if (!ok) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot delete: %s", m->path, g_strerror(err));
    } else
        g_unlink(lock_path);
    g_free(lock_path);
    gw_manifest_free(m);
    return ok;
}

const char *gw_manifest_path(const GwManifest *m)
{
    return m->path;
}

const GwManifestEntry *gw_manifest_lookup(const GwManifest *m, const char *source)
{
    return g_hash_table_lookup(m->entries, source);
}

guint gw_manifest_size(const GwManifest *m)
{
    return g_hash_table_size(m->entries);
}

guint gw_manifest_n_damaged(const GwManifest *m)
{
    return m->n_damaged;
}

gboolean gw_manifest_needs_compaction(const GwManifest *m)
{
    return m->unwritten || m->n_damaged > 0 || m->n_lines != g_hash_table_size(m->entries);
}

static int compare_sources(gconstpointer a, gconstpointer b)
{
    const GwManifestEntry *x = *(GwManifestEntry *const *) a, *y = *(GwManifestEntry *const *) b;
    return strcmp(x->source, y->source);
}

GPtrArray *gw_manifest_entries(const GwManifest *m)
{
    GPtrArray *all = g_ptr_array_sized_new(g_hash_table_size(m->entries));
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, m->entries);
    while (g_hash_table_iter_next(&it, NULL, &value))
        g_ptr_array_add(all, value);
    g_ptr_array_sort(all, compare_sources);
    return all;
}

static gboolean write_all(int fd, const char *data, gsize len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return FALSE;
        data += n;
        len -= (gsize) n;
    }
    return TRUE;
}

gboolean gw_manifest_append(GwManifest *m, const GwManifestEntry *e, GError **error)
{
    g_return_val_if_fail(m->append_fd >= 0, FALSE);
    char *json = gw_manifest_entry_to_json(e);
    char *line = g_strconcat(json, "\n", NULL);
    g_free(json);
    gboolean ok = write_all(m->append_fd, line, strlen(line)) && fdatasync(m->append_fd) == 0;
    g_free(line);
    if (!ok) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot write: %s", m->path, g_strerror(err));
        return FALSE;
    }
    m->n_lines++;
    keep_latest(m, gw_manifest_entry_copy(e), FALSE);
    return TRUE;
}

gboolean gw_manifest_compact(GwManifest *m, GError **error)
{
    GwOutput *out = gw_output_open(m->path, error);
    if (!out)
        return FALSE;
    GPtrArray *all = gw_manifest_entries(m);
    gboolean ok = TRUE;
    for (guint i = 0; i < all->len && ok; i++) {
        char *json = gw_manifest_entry_to_json(all->pdata[i]);
        ok = fputs(json, gw_output_stream(out)) >= 0 && fputc('\n', gw_output_stream(out)) != EOF;
        g_free(json);
    }
    g_ptr_array_unref(all);
    if (!ok) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot write: %s", m->path, g_strerror(err));
        gw_output_abort(out);
        return FALSE;
    }
    if (!gw_output_commit(out, error))
        return FALSE;
    m->n_lines = g_hash_table_size(m->entries);
    m->n_damaged = 0;
    m->unwritten = FALSE;
    /* The rename replaced the file: append to the new one. */
    return m->append_fd < 0 || open_for_append(m, error);
}

/* ---- verification ------------------------------------------------------- */

/* What is wrong with the output of an ok entry, or NULL. */
static char *check_output(const GwManifestEntry *e, const char *out_root)
{
    if (!e->output || !e->output_sha256)
        return g_strdup("the manifest records no output checksum");
    char *path = g_build_filename(out_root, e->output, NULL);
    GError *error = NULL;
    guint64 size = 0;
    char *problem = NULL;
    char *sum = gw_file_sha256(path, &size, &error);
    if (!sum) {
        problem = g_file_test(path, G_FILE_TEST_EXISTS) ? g_strdup(error->message)
                                                        : g_strdup_printf("%s: missing", path);
        g_error_free(error);
    } else if (size != e->bytes)
        problem = g_strdup_printf("%s: %" G_GUINT64_FORMAT " bytes, the manifest says %" G_GUINT64_FORMAT, path,
                                  size, e->bytes);
    else if (strcmp(sum, e->output_sha256) != 0)
        problem = g_strdup_printf("%s: SHA-256 differs from the manifest (changed or corrupted)", path);
    g_free(sum);
    g_free(path);
    return problem;
}

guint gw_manifest_verify(const GwManifest *m, const char *out_root, GwVerifyFunc func, gpointer data)
{
    GPtrArray *all = gw_manifest_entries(m);
    guint problems = 0;
    for (guint i = 0; i < all->len; i++) {
        const GwManifestEntry *e = all->pdata[i];
        char *problem = e->ok ? check_output(e, out_root) : NULL;
        if (problem)
            problems++;
        if (func)
            func(e, e->ok, problem, data);
        g_free(problem);
    }
    g_ptr_array_unref(all);
    return problems;
}
