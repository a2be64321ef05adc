/* gongwen/batch.h: converting whole folder trees, incrementally, with a
 * checksum manifest that doubles as the archive's fixity record.
 *
 * A batch mirrors a source tree under an output folder: every supported
 * source (.docx, .txt, .html, .htm) becomes a PDF (or DOCX) at the same
 * relative path.  The manifest (GW_MANIFEST_NAME in the output folder) holds
 * one JSON object a line per conversion; the last line for a source wins.
 * A line is appended and flushed to disk after each output has been renamed
 * into place, so a batch killed at any moment loses at most the work in
 * flight, and a file that is whole on disk is never half-recorded.
 *
 * Entry fields (JSON names): source, source_sha256, source_bytes,
 * source_mtime (microseconds since the epoch), output, output_sha256,
 * pages, bytes, status ("ok" or "failed"), error, gongwen_version,
 * options_hash, time (ISO 8601, UTC) and, when there are any, warnings.
 * Paths are relative to the source and output folders, '/'-separated, UTF-8.
 */
#ifndef GONGWEN_BATCH_H
#define GONGWEN_BATCH_H

#include "gongwen/model.h"
#include "gongwen/reader.h"

G_BEGIN_DECLS

#define GW_MANIFEST_NAME "manifest.jsonl"

/* The manifest file name of shard `shard` of `n_shards`: GW_MANIFEST_NAME
 * for 1 of 1, else "manifest.K-of-N.jsonl" (g_free it). */
char *gw_manifest_name(guint shard, guint n_shards);
/* TRUE for a name gw_manifest_name can return. */
gboolean gw_manifest_is_name(const char *name);

/* ---- manifest entries --------------------------------------------------- */

/* One line of the manifest.  A plain record: fields are owned by the entry
 * (strings g_malloc'ed, NULL when absent) and freed by
 * gw_manifest_entry_free. */
typedef struct {
    char *source;          /* relative source path */
    char *source_sha256;   /* lowercase hex; NULL when the source could not be read */
    guint64 source_bytes;
    gint64 source_mtime;   /* microseconds since 1970-01-01 UTC */
    char *output;          /* relative output path */
    char *output_sha256;   /* NULL unless ok */
    int pages;             /* 0 when unknown (DOCX output) or failed */
    guint64 bytes;         /* size of the output */
    gboolean ok;           /* status "ok"; FALSE is "failed" */
    char *error;           /* one line, NULL when ok */
    char *version;         /* gongwen version that made the output */
    char *options_hash;    /* gw_batch_options_hash() of the run */
    char *time;            /* when the line was written */
    GPtrArray *warnings;   /* of char*: notes about the conversion (may be empty) */
} GwManifestEntry;

GwManifestEntry *gw_manifest_entry_new(void);
GwManifestEntry *gw_manifest_entry_copy(const GwManifestEntry *e);
void gw_manifest_entry_free(GwManifestEntry *e);
/* One line of JSON without the newline (g_free it).  Paths must be UTF-8. */
char *gw_manifest_entry_to_json(const GwManifestEntry *e);
/* Parse one line; NULL with `error` set when it is not a manifest entry. */
GwManifestEntry *gw_manifest_entry_from_json(const char *line, gsize len, GError **error);
/* Mark `e` failed with `message` (replacing any result). */
void gw_manifest_entry_set_failed(GwManifestEntry *e, const char *message);
/* Set the version, options hash and time (now) of `e`. */
void gw_manifest_entry_stamp(GwManifestEntry *e, const char *options_hash);

/* ---- manifests ---------------------------------------------------------- */

typedef struct GwManifest GwManifest;

/* Read a manifest for looking up and verifying.  A missing file is an empty
 * manifest.  Lines that are not entries (the last one truncated by a
 * killed run) are skipped and counted.  The last line of each source
 * wins. */
GwManifest *gw_manifest_load(const char *path, GError **error);
/* Add the entries of `other` to `m` (merging the manifests of several
 * shards): for a source in both, the entry with the later time wins.  Entries added this way are written by the
 * next gw_manifest_compact of a manifest opened for writing. */
void gw_manifest_merge(GwManifest *m, const GwManifest *other);
/* Open `path` for appending: takes an exclusive lock (one batch per
 * manifest; fails with GW_ERROR_IO when another holds it, or when the
 * folder does not let the file be replaced), loads it, and rewrites it if
 * it holds damaged or superseded lines. */
GwManifest *gw_manifest_open(const char *path, GError **error);
void gw_manifest_free(GwManifest *m);
/* Delete the file of a manifest from gw_manifest_open (once merged into
 * another) and its lock file, then free `m`. */
gboolean gw_manifest_delete(GwManifest *m, GError **error);

const char *gw_manifest_path(const GwManifest *m);
/* The current entry of `source`, or NULL; borrowed. */
const GwManifestEntry *gw_manifest_lookup(const GwManifest *m, const char *source);
guint gw_manifest_size(const GwManifest *m);
/* The current entries sorted by source; free the array (entries are
 * borrowed). */
GPtrArray *gw_manifest_entries(const GwManifest *m);
/* Lines read that were not entries. */
guint gw_manifest_n_damaged(const GwManifest *m);
/* TRUE when the file holds more lines than current entries. */
gboolean gw_manifest_needs_compaction(const GwManifest *m);

/* Append `e` (copied) as one line and flush it to disk.  Only on a
 * manifest from gw_manifest_open. */
gboolean gw_manifest_append(GwManifest *m, const GwManifestEntry *e, GError **error);
/* Rewrite the file atomically with exactly one line per source, sorted. */
gboolean gw_manifest_compact(GwManifest *m, GError **error);

/* Called by gw_manifest_verify for each entry: `problem` is NULL when the
 * output matches, else a one-line description.  Failed entries are passed
 * with `checked` FALSE (they have no output to check). */
typedef void (*GwVerifyFunc)(const GwManifestEntry *e, gboolean checked, const char *problem, gpointer data);
/* Recheck every ok entry's output under `out_root`: present, size and
 * SHA-256 as recorded.  Returns the number of problems. */
guint gw_manifest_verify(const GwManifest *m, const char *out_root, GwVerifyFunc func, gpointer data);

/* SHA-256 of a file's content in lowercase hex (g_free it); `size` (may be
 * NULL) receives the number of bytes read. */
char *gw_file_sha256(const char *path, guint64 *size, GError **error);

/* ---- batch options ------------------------------------------------------ */

typedef struct GwBatchOptions GwBatchOptions;

/* Replaces the conversion of one file (reading + rendering or writing);
 * for tests and programs with their own pipeline.  It must write `output`
 * atomically (gw_output_*), may set entry->pages and add warnings, and
 * returns FALSE with `error` set on failure. */
typedef gboolean (*GwBatchConverter)(const char *source, const char *output, GwManifestEntry *entry,
                                     gpointer data, GError **error);

/* Defaults: PDF output, not PDF/A. */
GwBatchOptions *gw_batch_options_new(void);
void gw_batch_options_free(GwBatchOptions *o);
/* GW_FORMAT_PDF or GW_FORMAT_DOCX; FALSE for any other. */
gboolean gw_batch_options_set_format(GwBatchOptions *o, GwFormat to);
GwFormat gw_batch_options_get_format(const GwBatchOptions *o);
void gw_batch_options_set_pdfa(GwBatchOptions *o, gboolean pdfa);
void gw_batch_options_set_converter(GwBatchOptions *o, GwBatchConverter func, gpointer data);
/* Reissue with validity stamps (gongwen/validity.h): each output is matched
 * to its row of the register at `register_path` (CSV or XLSX, first sheet)
 * and stamped with its status as of `as_of` (YYYY-MM-DD; NULL: today),
 * under the rules of the key file `rules_path` (NULL: the defaults).  The
 * register's and rules' SHA-256 and the date join the options hash, so a
 * changed register (or a later day, without `as_of`) reissues every file.
 * An output that matches no row is left unstamped, with a warning. */
gboolean gw_batch_options_set_validity(GwBatchOptions *o, const char *register_path, const char *rules_path,
                                       const char *as_of, GError **error);
/* A digest of every option that changes outputs (64 hex digits, borrowed);
 * a changed hash makes a rerun redo every file. */
const char *gw_batch_options_hash(const GwBatchOptions *o);

/* ---- walking, sharding, deciding ---------------------------------------- */

/* TRUE for the extensions a batch converts (.docx .txt .html .htm). */
gboolean gw_batch_is_source(const char *name);
/* The output path mirroring `source` (relative or not) for format `to`. */
char *gw_batch_output_path(const char *source, GwFormat to);
/* The shard (1..n) of a relative source path: a stable hash of the path
 * without its extension, so that sources sharing an output name share a
 * shard. */
guint gw_batch_shard_of(const char *source, guint n_shards);

/* Walk `src_root` in sorted order and return one entry per source of shard
 * `shard` of `n_shards` (1 of 1 for all), with source, output, source_bytes
 * and source_mtime set.  Hidden names (.*), Office lock files (~$*),
 * symbolic links to folders and the output folder (when it lies inside the
 * source folder) are skipped.  Files that cannot be part of the batch (an
 * unreadable folder, a name that is not UTF-8, two sources with the same
 * output) are described in `problems` (one line each, char*).  NULL with
 * `error` set only when `src_root` cannot be read. */
GPtrArray *gw_batch_scan(const char *src_root, const char *out_root, const GwBatchOptions *o, guint shard,
                         guint n_shards, GPtrArray *problems, GError **error);
/* TRUE when `recorded` says the output of `scanned` is up to date: status ok,
 * same source size and time, same options and gongwen version, and the
 * output present under `out_root` with the recorded size. */
gboolean gw_batch_is_current(const GwManifestEntry *recorded, const GwManifestEntry *scanned,
                             const GwBatchOptions *o, const char *out_root);
/* Remove temporary files (.NAME.gwtmp-*) that a killed run left under
 * `out_root` for outputs of shard `shard` of `n_shards`; returns how many. */
guint gw_batch_remove_stale_temps(const char *out_root, guint shard, guint n_shards);
/* Remove the temporary files of one output path. */
guint gw_batch_remove_temps_of(const char *output_path);

/* Convert src_root/e->source to out_root/e->output (creating folders) and
 * fill in `e`: checksums, sizes, pages, status, version, options, time.
 * Returns e->ok.  A source that changes while it is converted fails. */
gboolean gw_batch_convert(const GwBatchOptions *o, const char *src_root, const char *out_root, GwManifestEntry *e);

G_END_DECLS

#endif
