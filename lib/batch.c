/* batch.c: what a batch decides and does per file: options and their hash,
 * walking the source tree, shards, skip or redo, stale temp files, and the
 * conversion of one file with its checksums (gongwen/batch.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "gongwen/gongwen.h"
#include "layout.h" /* the fonts' fingerprint */

struct GwBatchOptions {
    GwFormat to;
    gboolean pdfa;
    GwRenderOptions *render;
    GwBatchConverter converter;
    gpointer converter_data;
    GwRegister *reg; /* validity stamps, when set */
    GwRules *rules;
    GDate as_of;
    char *validity_digest; /* the register's and rules' SHA-256, the date */
    char hash[65];
};

/* Every option that changes an output goes into the hash, and for PDF the
 * installed fonts: installing 仿宋_GB2312 at last reissues every PDF. */
static void update_hash(GwBatchOptions *o)
{
    const char *fonts = o->to == GW_FORMAT_PDF ? gwi_fonts_fingerprint() : NULL;
    char *text = g_strdup_printf("gongwen batch options 1\nto=%s\npdfa=%d\nconverter=%s\nvalidity=%s\nfonts=%s\n",
                                 gw_format_name(o->to), o->pdfa, o->converter ? "custom" : "gongwen",
                                 o->validity_digest ? o->validity_digest : "none", fonts ? fonts : "none");
    char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    g_strlcpy(o->hash, sum, sizeof o->hash);
    g_free(sum);
    g_free(text);
}

GwBatchOptions *gw_batch_options_new(void)
{
    GwBatchOptions *o = g_new0(GwBatchOptions, 1);
    o->to = GW_FORMAT_PDF;
    o->render = gw_render_options_new();
    update_hash(o);
    return o;
}

void gw_batch_options_free(GwBatchOptions *o)
{
    if (!o)
        return;
    gw_render_options_free(o->render);
    gw_register_free(o->reg);
    gw_rules_free(o->rules);
    g_free(o->validity_digest);
    g_free(o);
}

gboolean gw_batch_options_set_format(GwBatchOptions *o, GwFormat to)
{
    if (to != GW_FORMAT_PDF && to != GW_FORMAT_DOCX)
        return FALSE;
    o->to = to;
    update_hash(o);
    return TRUE;
}

GwFormat gw_batch_options_get_format(const GwBatchOptions *o)
{
    return o->to;
}

void gw_batch_options_set_pdfa(GwBatchOptions *o, gboolean pdfa)
{
    o->pdfa = pdfa;
    gw_render_options_set_pdfa(o->render, pdfa);
    update_hash(o);
}

void gw_batch_options_set_converter(GwBatchOptions *o, GwBatchConverter func, gpointer data)
{
    o->converter = func;
    o->converter_data = data;
    update_hash(o);
}

const char *gw_batch_options_hash(const GwBatchOptions *o)
{
    return o->hash;
}

/* ---- paths and shards --------------------------------------------------- */

gboolean gw_batch_is_source(const char *name)
{
    GwFormat f = gw_format_from_path(name);
    return f == GW_FORMAT_DOCX || f == GW_FORMAT_TEXT || f == GW_FORMAT_HTML;
}

/* Length of `path` without the extension of its last component. */
static gsize stem_length(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    return dot && dot != (slash ? slash + 1 : path) ? (gsize) (dot - path) : strlen(path);
}

char *gw_batch_output_path(const char *source, GwFormat to)
{
    return g_strdup_printf("%.*s.%s", (int) stem_length(source), source, gw_format_name(to));
}

guint gw_batch_shard_of(const char *source, guint n_shards)
{
    if (n_shards <= 1)
        return 1;
    guint8 digest[32];
    gsize len = sizeof digest;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, (const guchar *) source, (gssize) stem_length(source));
    g_checksum_get_digest(sum, digest, &len);
    g_checksum_free(sum);
    guint64 h = 0;
    for (int i = 0; i < 8; i++)
        h = h << 8 | digest[i];
    return (guint) (h % n_shards) + 1;
}

static gint64 mtime_us(const struct stat *st)
{
    return (gint64) st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
}

/* ---- walking ------------------------------------------------------------ */

typedef struct {
    const GwBatchOptions *options;
    guint shard, n_shards;
    dev_t out_dev;
    ino_t out_ino;
    gboolean have_out;
    char *real_root;        /* the source folder, links resolved */
    GPtrArray *found;       /* GwManifestEntry* */
    GHashTable *outputs;    /* output path -> source path (borrowed from `found`) */
    GPtrArray *problems;
} Walk;

static int compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The names in `dir` worth looking at, sorted; NULL with `error` set. */
static GPtrArray *sorted_names(const char *dir, GError **error)
{
    GDir *d = g_dir_open(dir, 0, error);
    if (!d)
        return NULL;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d)))
        if (name[0] != '.' && !g_str_has_prefix(name, "~$"))
            g_ptr_array_add(names, g_strdup(name));
    g_dir_close(d);
    g_ptr_array_sort(names, compare_names);
    return names;
}

static void add_problem(Walk *w, char *message)
{
    if (w->problems)
        g_ptr_array_add(w->problems, message);
    else
        g_free(message);
}

static void add_source(Walk *w, const char *path, const char *rel, const struct stat *st)
{
    if (!g_utf8_validate(rel, -1, NULL)) {
        char *shown = g_filename_display_name(path);
        add_problem(w, g_strdup_printf("%s: the file name is not UTF-8; rename it (e.g. convmv -f GBK -t UTF-8)", shown));
        g_free(shown);
        return;
    }
    if (gw_batch_shard_of(rel, w->n_shards) != w->shard)
        return;
    char *output = gw_batch_output_path(rel, w->options->to);
    const char *other = g_hash_table_lookup(w->outputs, output);
    if (other) {
        add_problem(w, g_strdup_printf("%s: not converted: its output %s already comes from %s", path, output, other));
        g_free(output);
        return;
    }
    GwManifestEntry *e = gw_manifest_entry_new();
    e->source = g_strdup(rel);
    e->output = output;
    e->source_bytes = st ? (guint64) st->st_size : 0;
    e->source_mtime = st ? mtime_us(st) : 0;
    g_ptr_array_add(w->found, e);
    g_hash_table_insert(w->outputs, e->output, e->source);
}

static gboolean walk_dir(Walk *w, const char *dir, const char *rel_dir, GError **error);

/* Whether symbolic link `path` leads to a file inside the source folder: a
 * link out of it (to /etc/passwd, in an archive unpacked from elsewhere)
 * must not put that file into a published PDF. */
static gboolean link_stays_inside(const Walk *w, const char *path)
{
    char *target = realpath(path, NULL);
    gsize n = w->real_root ? strlen(w->real_root) : 0;
    gboolean inside = target && n && strncmp(target, w->real_root, n) == 0 &&
                      (target[n] == '/' || w->real_root[n - 1] == '/');
    free(target);
    return inside;
}

static void walk_entry(Walk *w, const char *dir, const char *rel_dir, const char *name)
{
    char *path = g_build_filename(dir, name, NULL);
    char *rel = rel_dir ? g_strconcat(rel_dir, "/", name, NULL) : g_strdup(name);
    struct stat st;
    gboolean found = lstat(path, &st) == 0;
    gboolean is_link = found && S_ISLNK(st.st_mode);
    if (is_link)
        found = stat(path, &st) == 0;
    if (found && S_ISDIR(st.st_mode)) {
        /* Symbolic links to folders could loop; the output folder is no source. */
        gboolean is_out = w->have_out && st.st_dev == w->out_dev && st.st_ino == w->out_ino;
        GError *local = NULL;
        if (!is_link && !is_out && !walk_dir(w, path, rel, &local)) {
            add_problem(w, g_strdup_printf("%s: cannot read folder: %s", path, local->message));
            g_error_free(local);
        }
    } else if (gw_batch_is_source(name) && found && is_link && S_ISREG(st.st_mode) && !link_stays_inside(w, path)) {
        add_problem(w, g_strdup_printf("%s: not converted: a symbolic link to a file outside %s", path,
                                       w->real_root ? w->real_root : "the source folder"));
    } else if (gw_batch_is_source(name) && (!found || S_ISREG(st.st_mode))) {
        /* A dangling link stays in the batch and fails with a clear error. */
        add_source(w, path, rel, found ? &st : NULL);
    }
    g_free(rel);
    g_free(path);
}

static gboolean walk_dir(Walk *w, const char *dir, const char *rel_dir, GError **error)
{
    GPtrArray *names = sorted_names(dir, error);
    if (!names)
        return FALSE;
    for (guint i = 0; i < names->len; i++)
        walk_entry(w, dir, rel_dir, names->pdata[i]);
    g_ptr_array_unref(names);
    return TRUE;
}

GPtrArray *gw_batch_scan(const char *src_root, const char *out_root, const GwBatchOptions *o, guint shard,
                         guint n_shards, GPtrArray *problems, GError **error)
{
    g_return_val_if_fail(n_shards >= 1 && shard >= 1 && shard <= n_shards, NULL);
    Walk w = { .options = o, .shard = shard, .n_shards = n_shards, .problems = problems };
    struct stat st;
    if (out_root && stat(out_root, &st) == 0) {
        w.have_out = TRUE;
        w.out_dev = st.st_dev;
        w.out_ino = st.st_ino;
    }
    w.found = g_ptr_array_new_with_free_func((GDestroyNotify) gw_manifest_entry_free);
    w.outputs = g_hash_table_new(g_str_hash, g_str_equal);
    w.real_root = realpath(src_root, NULL);
    GError *local = NULL;
    gboolean ok = walk_dir(&w, src_root, NULL, &local);
    free(w.real_root);
    g_hash_table_unref(w.outputs);
    if (!ok) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot read folder: %s", src_root, local->message);
        g_error_free(local);
        g_ptr_array_unref(w.found);
        return NULL;
    }
    return w.found;
}

/* ---- skip or redo ------------------------------------------------------- */

gboolean gw_batch_is_current(const GwManifestEntry *recorded, const GwManifestEntry *scanned,
                             const GwBatchOptions *o, const char *out_root)
{
    if (!recorded || !recorded->ok || recorded->source_bytes != scanned->source_bytes ||
        recorded->source_mtime != scanned->source_mtime || g_strcmp0(recorded->output, scanned->output) != 0 ||
        g_strcmp0(recorded->options_hash, o->hash) != 0 || g_strcmp0(recorded->version, gw_version()) != 0)
        return FALSE;
    char *path = g_build_filename(out_root, recorded->output, NULL);
    struct stat st;
    gboolean present = stat(path, &st) == 0 && S_ISREG(st.st_mode) && (guint64) st.st_size == recorded->bytes;
    g_free(path);
    return present;
}

/* ---- temporary files ---------------------------------------------------- */

#define TEMP_MARK ".gwtmp-"
#define TEMP_SUFFIX_LEN 6 /* the XXXXXX of lib/output.c */

/* The final name that temp file `name` was for (g_free it), or NULL. */
static char *temp_final_name(const char *name)
{
    gsize len = strlen(name);
    gsize mark = sizeof TEMP_MARK - 1;
    if (name[0] != '.' || len < 1 + 1 + mark + TEMP_SUFFIX_LEN)
        return NULL;
    const char *at = name + len - TEMP_SUFFIX_LEN - mark;
    return strncmp(at, TEMP_MARK, mark) == 0 ? g_strndup(name + 1, (gsize) (at - name - 1)) : NULL;
}

typedef struct {
    guint shard, n_shards;
    char *manifest; /* this shard's manifest name: other shards' temps are theirs */
    guint removed;
} Sweep;

static gboolean temp_is_ours(const Sweep *s, const char *rel_dir, const char *final)
{
    if (!rel_dir && gw_manifest_is_name(final))
        return strcmp(final, s->manifest) == 0;
    char *rel = rel_dir ? g_strconcat(rel_dir, "/", final, NULL) : g_strdup(final);
    gboolean ours = gw_batch_shard_of(rel, s->n_shards) == s->shard;
    g_free(rel);
    return ours;
}

static void sweep_dir(Sweep *s, const char *dir, const char *rel_dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        char *path = g_build_filename(dir, name, NULL);
        char *final = temp_final_name(name);
        struct stat st;
        if (final && temp_is_ours(s, rel_dir, final) && g_unlink(path) == 0)
            s->removed++;
        else if (!final && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            char *rel = rel_dir ? g_strconcat(rel_dir, "/", name, NULL) : g_strdup(name);
            sweep_dir(s, path, rel);
            g_free(rel);
        }
        g_free(final);
        g_free(path);
    }
    g_dir_close(d);
}

guint gw_batch_remove_stale_temps(const char *out_root, guint shard, guint n_shards)
{
    Sweep s = { .shard = shard, .n_shards = n_shards, .manifest = gw_manifest_name(shard, n_shards) };
    sweep_dir(&s, out_root, NULL);
    g_free(s.manifest);
    return s.removed;
}

guint gw_batch_remove_temps_of(const char *output_path)
{
    char *dir = g_path_get_dirname(output_path);
    char *base = g_path_get_basename(output_path);
    GDir *d = g_dir_open(dir, 0, NULL);
    guint removed = 0;
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *final = temp_final_name(name);
        char *path = g_build_filename(dir, name, NULL);
        if (final && strcmp(final, base) == 0 && g_unlink(path) == 0)
            removed++;
        g_free(path);
        g_free(final);
    }
    if (d)
        g_dir_close(d);
    g_free(base);
    g_free(dir);
    return removed;
}

static gboolean parse_as_of(const char *as_of, GDate *date, GError **error)
{
    if (!as_of) {
        g_date_clear(date, 1);
        g_date_set_time_t(date, time(NULL));
        return TRUE;
    }
    if (gw_parse_date(as_of, date))
        return TRUE;
    g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "'%s' is not a date (YYYY-MM-DD)", as_of);
    return FALSE;
}

gboolean gw_batch_options_set_validity(GwBatchOptions *o, const char *register_path, const char *rules_path,
                                       const char *as_of, GError **error)
{
    GDate date;
    if (!parse_as_of(as_of, &date, error))
        return FALSE;
    char *reg_sum = gw_file_sha256(register_path, NULL, error);
    char *rules_sum = reg_sum && rules_path ? gw_file_sha256(rules_path, NULL, error) : NULL;
    GwRules *rules = gw_rules_new();
    GwRegister *reg = NULL;
    if (reg_sum && (!rules_path || (rules_sum && gw_rules_load(rules, rules_path, error))))
        reg = gw_register_read(register_path, NULL, error);
    if (!reg) {
        gw_rules_free(rules);
        g_free(reg_sum);
        g_free(rules_sum);
        return FALSE;
    }
    gw_register_free(o->reg);
    gw_rules_free(o->rules);
    g_free(o->validity_digest);
    o->reg = reg;
    o->rules = rules;
    o->as_of = date;
    char *day = gw_date_format_iso(&date);
    o->validity_digest = g_strdup_printf("%s/%s/%s", reg_sum, rules_sum ? rules_sum : "default", day);
    g_free(day);
    g_free(reg_sum);
    g_free(rules_sum);
    update_hash(o);
    return TRUE;
}

/* ---- converting one file ------------------------------------------------ */

/* Stamp the fresh `output` of `source` with its validity status: the
 * unstamped file moves to a temporary name (six characters after the mark,
 * like gw_output_open's, so a killed run's leftover is swept) and the stamped copy is written atomically under the final name. */
static gboolean stamp_output(const GwBatchOptions *o, const char *source, const char *output, GwManifestEntry *e,
                             GError **error)
{
    GError *local = NULL;
    GwEntry *entry = gw_register_match_file(o->reg, source, &local);
    if (!entry) {
        g_ptr_array_add(e->warnings, local ? g_strdup_printf("not stamped: %s", local->message)
                                           : g_strdup_printf("%s: not in the register: not stamped", source));
        g_clear_error(&local);
        return TRUE;
    }
    char *dir = g_path_get_dirname(output), *base = g_path_get_basename(output);
    char *unstamped = g_strdup_printf("%s/.%s.gwtmp-unstmp", dir, base);
    gboolean ok = g_rename(output, unstamped) == 0;
    if (!ok)
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot move aside for stamping: %s", output,
                    g_strerror(errno));
    else
        ok = gw_stamp_file(unstamped, output, entry, o->rules, &o->as_of, error);
    g_unlink(unstamped);
    g_free(unstamped);
    g_free(base);
    g_free(dir);
    return ok;
}

static gboolean convert_document(const GwBatchOptions *o, const char *source, const char *output,
                                 GwManifestEntry *e, GError **error)
{
    GwDocument *doc = gw_read_file(source, GW_FORMAT_UNKNOWN, NULL, error);
    if (!doc)
        return FALSE;
    gboolean ok = o->to == GW_FORMAT_PDF ? gw_render_pdf(doc, output, o->render, &e->pages, error)
                                         : gw_write_docx(doc, output, error);
    if (ok && o->reg)
        ok = stamp_output(o, source, output, e, error);
    for (guint i = 0; i < gw_document_n_warnings(doc); i++)
        g_ptr_array_add(e->warnings, g_strdup(gw_document_get_warning(doc, i)));
    gw_document_free(doc);
    return ok;
}

static gboolean stat_source(const char *path, struct stat *st, GError **error)
{
    if (stat(path, st) != 0) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot read: %s", path, g_strerror(err));
        return FALSE;
    }
    if (!S_ISREG(st->st_mode)) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: not a regular file", path);
        return FALSE;
    }
    return TRUE;
}

static gboolean make_parent(const char *path, GError **error)
{
    char *dir = g_path_get_dirname(path);
    gboolean ok = g_mkdir_with_parents(dir, 0755) == 0;
    if (!ok) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot create folder: %s", dir, g_strerror(err));
    }
    g_free(dir);
    return ok;
}

static gboolean convert_file(const GwBatchOptions *o, const char *source, const char *output, GwManifestEntry *e,
                             GError **error)
{
    struct stat before, after;
    if (!stat_source(source, &before, error))
        return FALSE;
    e->source_bytes = (guint64) before.st_size;
    e->source_mtime = mtime_us(&before);
    if (!(e->source_sha256 = gw_file_sha256(source, NULL, error)) || !make_parent(output, error))
        return FALSE;
    gboolean ok = o->converter ? o->converter(source, output, e, o->converter_data, error)
                               : convert_document(o, source, output, e, error);
    if (!ok)
        return FALSE;
    if (!stat_source(source, &after, error))
        return FALSE;
    if (after.st_size != before.st_size || mtime_us(&after) != e->source_mtime) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: changed while it was being converted; run the batch again",
                    source);
        return FALSE;
    }
    return (e->output_sha256 = gw_file_sha256(output, &e->bytes, error)) != NULL;
}

gboolean gw_batch_convert(const GwBatchOptions *o, const char *src_root, const char *out_root, GwManifestEntry *e)
{
    char *source = g_build_filename(src_root, e->source, NULL);
    char *output = g_build_filename(out_root, e->output, NULL);
    GError *error = NULL;
    gw_manifest_entry_set_failed(e, NULL);
    g_clear_pointer(&e->source_sha256, g_free);
    g_ptr_array_set_size(e->warnings, 0);
    e->ok = convert_file(o, source, output, e, &error);
    if (!e->ok) {
        gw_manifest_entry_set_failed(e, error->message);
        g_error_free(error);
    }
    gw_manifest_entry_stamp(e, o->hash);
    g_free(output);
    g_free(source);
    return e->ok;
}
