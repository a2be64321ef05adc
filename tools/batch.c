/* batch.c: gongwen batch SRC OUT: convert a folder tree in worker
 * processes, incrementally, with a checksum manifest; --verify, --merge. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "batch.h"

#define LOG_INTERVAL_US (5 * G_USEC_PER_SEC)
#define DRAW_INTERVAL_US (G_USEC_PER_SEC / 10)
#define DEFAULT_TIMEOUT_S 60
#define DEFAULT_MAX_MEMORY_MB 2048
#define MAX_WORKERS 256
#define BAR_WIDTH 24

typedef struct {
    BatchWorkerArgs worker;
    int jobs, timeout;
    char *shard;
    gboolean force, quiet, verify, merge, worker_mode;
    guint shard_k, shard_n;
} BatchArgs;

/* ---- progress ----------------------------------------------------------- */

typedef struct {
    gboolean tty, quiet, drawn;
    guint total, done, failed;
    gint64 start, last;
} Progress;

static void progress_start(Progress *p, guint total, gboolean quiet)
{
    *p = (Progress) { .tty = isatty(STDERR_FILENO), .quiet = quiet, .total = total };
    p->start = p->last = g_get_monotonic_time();
}

static char *format_duration(double s)
{
    int t = (int) (s + 0.5);
    return t >= 3600 ? g_strdup_printf("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                     : g_strdup_printf("%d:%02d", t / 60, t % 60);
}

static char *progress_text(const Progress *p, gint64 now)
{
    double elapsed = (double) (now - p->start) / G_USEC_PER_SEC;
    double rate = elapsed > 0 ? p->done / elapsed : 0;
    char *eta = rate > 0 ? format_duration((p->total - p->done) / rate) : g_strdup("?");
    char *failed = p->failed ? g_strdup_printf(", %u failed", p->failed) : g_strdup("");
    char *text = g_strdup_printf("%u/%u  %.1f files/s  ETA %s%s", p->done, p->total, rate, eta, failed);
    g_free(failed);
    g_free(eta);
    return text;
}

/* Redraw the bar on a terminal; a plain line every few seconds elsewhere. */
static void progress_show(Progress *p)
{
    gint64 now = g_get_monotonic_time();
    if (p->quiet || now - p->last < (p->tty ? DRAW_INTERVAL_US : LOG_INTERVAL_US))
        return;
    p->last = now;
    char *text = progress_text(p, now);
    if (p->tty) {
        int filled = p->total ? (int) ((guint64) p->done * BAR_WIDTH / p->total) : BAR_WIDTH;
        fprintf(stderr, "\r\033[K[%.*s%.*s] %s", filled, "########################", BAR_WIDTH - filled,
                "------------------------", text);
        p->drawn = TRUE;
    } else
        fprintf(stderr, "gongwen batch: %s\n", text);
    fflush(stderr);
    g_free(text);
}

/* Clear the bar so that a message can take the line. */
static void progress_clear(Progress *p)
{
    if (p->drawn)
        fputs("\r\033[K", stderr);
    p->drawn = FALSE;
}

/* ---- running ------------------------------------------------------------ */

typedef struct {
    const BatchArgs *args;
    const char *src, *out;
    GwBatchOptions *options;
    GwManifest *manifest;
    Progress progress;
    GPtrArray *failures; /* char*: "path: what went wrong" */
    guint converted;
    GError *fatal;
} Run;

static char *failure_line(const Run *r, const GwManifestEntry *e)
{
    char *path = g_build_filename(r->src, e->source, NULL);
    char *prefix = g_strconcat(path, ": ", NULL);
    const char *error = e->error ? e->error : "failed";
    char *line = g_str_has_prefix(error, prefix) ? g_strdup(error) : g_strconcat(prefix, error, NULL);
    g_free(prefix);
    g_free(path);
    return line;
}

static gboolean on_finished(GwManifestEntry *e, gpointer data)
{
    Run *r = data;
    gboolean ok = gw_manifest_append(r->manifest, e, &r->fatal);
    r->progress.done++;
    if (e->ok)
        r->converted++;
    else {
        r->progress.failed++;
        g_ptr_array_add(r->failures, failure_line(r, e));
    }
    gw_manifest_entry_free(e);
    progress_show(&r->progress);
    return ok;
}

static void on_tick(gpointer data)
{
    Run *r = data;
    progress_show(&r->progress);
}

static int compare_largest_first(gconstpointer a, gconstpointer b)
{
    const GwManifestEntry *x = *(GwManifestEntry *const *) a, *y = *(GwManifestEntry *const *) b;
    if (x->source_bytes != y->source_bytes)
        return x->source_bytes > y->source_bytes ? -1 : 1;
    return strcmp(x->source, y->source);
}

static char **worker_argv(const BatchArgs *a, const char *src, const char *out)
{
    GPtrArray *v = g_ptr_array_new();
    /* Always the running executable, even if the file was replaced since. */
    g_ptr_array_add(v, g_strdup("/proc/self/exe"));
    g_ptr_array_add(v, g_strdup("gongwen"));
    g_ptr_array_add(v, g_strdup("batch"));
    g_ptr_array_add(v, g_strdup("--worker"));
    g_ptr_array_add(v, g_strdup_printf("--to=%s", a->worker.to ? a->worker.to : "pdf"));
    g_ptr_array_add(v, g_strdup_printf("--max-memory=%d", a->worker.max_memory_mb));
    if (a->worker.pdfa)
        g_ptr_array_add(v, g_strdup("--pdfa"));
    const char *const validity[][2] = { { "--register=", a->worker.register_file },
                                        { "--rules=", a->worker.rules_file },
                                        { "--as-of=", a->worker.as_of } };
    for (guint i = 0; i < G_N_ELEMENTS(validity); i++)
        if (validity[i][1])
            g_ptr_array_add(v, g_strconcat(validity[i][0], validity[i][1], NULL));
    g_ptr_array_add(v, g_strdup("--"));
    g_ptr_array_add(v, g_strdup(src));
    g_ptr_array_add(v, g_strdup(out));
    g_ptr_array_add(v, NULL);
    return (char **) g_ptr_array_free(v, FALSE);
}

static gboolean convert_jobs(Run *r, GPtrArray *jobs, GError **error)
{
    const BatchArgs *a = r->args;
    guint n_workers = MIN((guint) a->jobs, jobs->len);
    char **argv = worker_argv(a, r->src, r->out);
    BatchPool pool = {
        .argv = argv,
        .n_workers = n_workers,
        .timeout_s = a->timeout,
        .max_memory_mb = a->worker.max_memory_mb,
        .options_hash = gw_batch_options_hash(r->options),
        .finished = on_finished,
        .tick = on_tick,
        .data = r,
    };
    if (!a->quiet && !r->progress.tty)
        fprintf(stderr, "gongwen batch: converting %u file%s with %u worker%s\n", jobs->len, jobs->len == 1 ? "" : "s",
                n_workers, n_workers == 1 ? "" : "s");
    gboolean ok = batch_pool_run(&pool, jobs, r->out, error);
    g_strfreev(argv);
    if (!ok && r->fatal) {
        g_propagate_error(error, r->fatal);
        r->fatal = NULL;
    }
    return ok;
}

static int compare_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Paths of the shard manifests in `out`, sorted. */
static GPtrArray *shard_manifests(const char *out)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(out, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        if (gw_manifest_is_name(name) && strcmp(name, GW_MANIFEST_NAME) != 0)
            g_ptr_array_add(names, g_build_filename(out, name, NULL));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(names, compare_paths);
    return names;
}

/* Fold the shard manifests of `out` into `m` (the whole tree's manifest)
 * and delete them; returns how many, or -1 with `error` set. */
static int absorb_shards(GwManifest *m, const char *out, GError **error)
{
    GPtrArray *paths = shard_manifests(out);
    GPtrArray *shards = g_ptr_array_new();
    gboolean ok = TRUE;
    for (guint i = 0; i < paths->len && ok; i++) {
        GwManifest *s = gw_manifest_open(paths->pdata[i], error);
        if ((ok = s != NULL)) {
            gw_manifest_merge(m, s);
            g_ptr_array_add(shards, s);
        }
    }
    if (ok && shards->len)
        ok = gw_manifest_compact(m, error);
    for (guint i = 0; i < shards->len; i++) {
        if (ok)
            ok = gw_manifest_delete(shards->pdata[i], error);
        else
            gw_manifest_free(shards->pdata[i]);
    }
    int n = ok ? (int) shards->len : -1;
    g_ptr_array_unref(shards);
    g_ptr_array_unref(paths);
    return n;
}

/* Every manifest of `out` merged, for lookups and verification;
 * `damaged` (may be NULL) counts their lines that are not entries. */
static GwManifest *load_all_manifests(const char *out, guint *damaged, GError **error)
{
    GPtrArray *paths = shard_manifests(out);
    g_ptr_array_insert(paths, 0, g_build_filename(out, GW_MANIFEST_NAME, NULL));
    GwManifest *all = NULL;
    for (guint i = 0; i < paths->len; i++) {
        GwManifest *m = gw_manifest_load(paths->pdata[i], error);
        if (!m) {
            g_clear_pointer(&all, gw_manifest_free);
            break;
        }
        if (damaged)
            *damaged += gw_manifest_n_damaged(m);
        if (!all)
            all = m;
        else {
            gw_manifest_merge(all, m);
            gw_manifest_free(m);
        }
    }
    g_ptr_array_unref(paths);
    return all;
}

/* The manifest this run writes, repaired, with the other shards' folded
 * in when it covers the whole tree. */
static GwManifest *open_manifest(const BatchArgs *a, const char *out, GError **error)
{
    char *name = gw_manifest_name(a->shard_k, a->shard_n);
    char *path = g_build_filename(out, name, NULL);
    GwManifest *m = gw_manifest_open(path, error);
    g_free(path);
    g_free(name);
    if (m && a->shard_n == 1 && absorb_shards(m, out, error) < 0)
        g_clear_pointer(&m, gw_manifest_free);
    return m;
}

/* The files whose outputs are not up to date. */
static GPtrArray *select_jobs(const Run *r, GPtrArray *files, guint *n_current, GError **error)
{
    GwManifest *view = r->args->shard_n > 1 ? load_all_manifests(r->out, NULL, error) : NULL;
    if (r->args->shard_n > 1 && !view)
        return NULL;
    GPtrArray *jobs = g_ptr_array_new();
    *n_current = 0;
    for (guint i = 0; i < files->len; i++) {
        GwManifestEntry *f = files->pdata[i];
        const GwManifestEntry *recorded = gw_manifest_lookup(view ? view : r->manifest, f->source);
        if (!r->args->force && gw_batch_is_current(recorded, f, r->options, r->out))
            (*n_current)++;
        else
            g_ptr_array_add(jobs, f);
    }
    gw_manifest_free(view);
    g_ptr_array_sort(jobs, compare_largest_first);
    return jobs;
}

static void print_summary(Run *r, guint n_current, GPtrArray *problems, double seconds)
{
    progress_clear(&r->progress);
    for (guint i = 0; i < problems->len; i++)
        fprintf(stderr, "gongwen batch: %s\n", (char *) problems->pdata[i]);
    g_ptr_array_sort(r->failures, compare_paths);
    if (r->failures->len)
        fprintf(stderr, "gongwen batch: %u failed:\n", r->failures->len);
    for (guint i = 0; i < r->failures->len; i++)
        fprintf(stderr, "  %s\n", (char *) r->failures->pdata[i]);
    if (r->args->quiet)
        return;
    guint done = r->progress.done;
    fprintf(stderr, "gongwen batch: %u converted, %u unchanged, %u failed", r->converted, n_current,
            r->progress.failed + problems->len);
    if (done < r->progress.total)
        fprintf(stderr, ", %u not done", r->progress.total - done);
    if (done) {
        struct rusage workers;
        getrusage(RUSAGE_CHILDREN, &workers);
        fprintf(stderr, " in %.1f s (%.1f files/s, peak memory of a worker %ld MB)", seconds,
                done / MAX(seconds, 1e-6), (workers.ru_maxrss + 1023) / 1024);
    }
    fprintf(stderr, "; manifest %s\n", gw_manifest_path(r->manifest));
}

static int run_batch(const BatchArgs *a, const char *src, const char *out)
{
    Run r = { .args = a, .src = src, .out = out };
    GError *error = NULL;
    gint64 start = g_get_monotonic_time();
    r.failures = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *files = NULL, *jobs = NULL;
    guint n_current = 0;
    gboolean ok = FALSE;
    if (!(r.options = batch_options_from(&a->worker, &error)))
        goto out;
    if (g_mkdir_with_parents(out, 0755) != 0) {
        int err = errno;
        g_set_error(&error, GW_ERROR, GW_ERROR_IO, "%s: cannot create the output folder: %s", out, g_strerror(err));
        goto out;
    }
    if (!(r.manifest = open_manifest(a, out, &error)))
        goto out;
    gw_batch_remove_stale_temps(out, a->shard_k, a->shard_n);
    if (!(files = gw_batch_scan(src, out, r.options, a->shard_k, a->shard_n, problems, &error)) ||
        !(jobs = select_jobs(&r, files, &n_current, &error)))
        goto out;
    progress_start(&r.progress, jobs->len, a->quiet);
    ok = jobs->len == 0 || convert_jobs(&r, jobs, &error);
    if (gw_manifest_needs_compaction(r.manifest) && !gw_manifest_compact(r.manifest, ok ? &error : NULL))
        ok = FALSE;
    progress_clear(&r.progress);
    if (error)
        cli_report(g_steal_pointer(&error));
    print_summary(&r, n_current, problems, (double) (g_get_monotonic_time() - start) / G_USEC_PER_SEC);
out:
    if (error)
        cli_report(error);
    int rc = ok && !r.failures->len && !problems->len ? EXIT_OK : EXIT_FAILED;
    if (jobs)
        g_ptr_array_unref(jobs);
    if (files)
        g_ptr_array_unref(files);
    g_ptr_array_unref(problems);
    g_ptr_array_unref(r.failures);
    gw_manifest_free(r.manifest);
    gw_batch_options_free(r.options);
    return rc;
}

/* ---- verify and merge --------------------------------------------------- */

typedef struct {
    guint checked, failed, problems;
} VerifyCount;

static void on_verified(const GwManifestEntry *e, gboolean checked, const char *problem, gpointer data)
{
    VerifyCount *c = data;
    (void) e;
    c->checked += checked;
    c->failed += !checked;
    if (problem) {
        c->problems++;
        fprintf(stderr, "gongwen batch: %s\n", problem);
    }
}

static int run_verify(const BatchArgs *a, const char *out)
{
    GError *error = NULL;
    guint damaged = 0;
    GwManifest *all = load_all_manifests(out, &damaged, &error);
    if (!all) {
        cli_report(error);
        return EXIT_FAILED;
    }
    if (damaged)
        fprintf(stderr, "gongwen batch: %s: %u manifest lines are not entries (a run cut short, or damage)\n", out,
                damaged);
    VerifyCount c = { 0 };
    int rc = EXIT_FAILED;
    if (gw_manifest_size(all) == 0)
        fprintf(stderr, "gongwen batch: %s: no manifest to verify\n", out);
    else {
        gw_manifest_verify(all, out, on_verified, &c);
        rc = c.problems ? EXIT_FAILED : EXIT_OK;
        if (c.problems || !a->quiet)
            fprintf(stderr, "gongwen batch: %u outputs checked, %u do not match the manifest%s", c.checked,
                    c.problems, c.failed ? "" : "\n");
        if (c.failed && (c.problems || !a->quiet))
            fprintf(stderr, "; %u conversions had failed (nothing to check)\n", c.failed);
    }
    gw_manifest_free(all);
    return rc;
}

static int run_merge(const BatchArgs *a, const char *out)
{
    GError *error = NULL;
    char *path = g_build_filename(out, GW_MANIFEST_NAME, NULL);
    GwManifest *m = gw_manifest_open(path, &error);
    g_free(path);
    int n = m ? absorb_shards(m, out, &error) : -1;
    if (n < 0)
        cli_report(error);
    else if (!a->quiet)
        fprintf(stderr, "gongwen batch: merged %d shard manifests into %s (%u entries)\n", n, gw_manifest_path(m),
                gw_manifest_size(m));
    gw_manifest_free(m);
    return n < 0 ? EXIT_FAILED : EXIT_OK;
}

/* ---- command line ------------------------------------------------------- */

/* The signal that stopped the batch (0: none): the exit status is then
 * 128 + it, as for any program a signal stops. */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
    batch_interrupted = 1;
}

static void catch_signals(void)
{
    struct sigaction sa = { .sa_handler = on_signal };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* Past a file-size limit (ulimit -f), a write fails and says so. */
    signal(SIGXFSZ, SIG_IGN);
}

static gboolean parse_shard(BatchArgs *a)
{
    char tail;
    a->shard_k = a->shard_n = 1;
    return !a->shard || (sscanf(a->shard, "%u/%u%c", &a->shard_k, &a->shard_n, &tail) == 2 && a->shard_n >= 1 &&
                         a->shard_k >= 1 && a->shard_k <= a->shard_n);
}

static gboolean same_folder(const char *x, const char *y)
{
    struct stat a, b;
    return stat(x, &a) == 0 && stat(y, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Check the arguments; returns -1 when they are fine, else the exit code. */
static int check_args(BatchArgs *a, int argc, char **argv)
{
    int want = a->verify || a->merge ? 2 : 3;
    if (a->verify && a->merge)
        return cli_usage_error("batch", "--verify and --merge do not go together");
    if (argc != want)
        return cli_usage_error("batch", argc < want ? "missing %s" : "too many arguments (want %s)",
                               want == 2 ? "the output folder" : "the source and output folders");
    if ((a->worker.rules_file || a->worker.as_of) && !a->worker.register_file)
        return cli_usage_error("batch", "--rules and --as-of go with --register");
    if (a->jobs < 1 || a->jobs > MAX_WORKERS)
        return cli_usage_error("batch", "-j %d: the number of workers must be 1 to %d", a->jobs, MAX_WORKERS);
    if (a->timeout < 0 || a->worker.max_memory_mb < 0)
        return cli_usage_error("batch", "--timeout and --max-memory cannot be negative");
    if (!parse_shard(a))
        return cli_usage_error("batch", "--shard '%s': want K/N with K from 1 to N, e.g. --shard 3/16", a->shard);
    if (a->worker.to && gw_format_from_name(a->worker.to) != GW_FORMAT_PDF &&
        gw_format_from_name(a->worker.to) != GW_FORMAT_DOCX)
        return cli_usage_error("batch", "--to '%s': a batch writes pdf or docx", a->worker.to);
    if (want == 3 && !g_file_test(argv[1], G_FILE_TEST_IS_DIR))
        return cli_usage_error("batch", "%s: not a folder", argv[1]);
    if (want == 3 && same_folder(argv[1], argv[2]))
        return cli_usage_error("batch", "the output folder must differ from the source folder");
    return -1;
}

int cmd_batch(int argc, char **argv)
{
    BatchArgs a = { .jobs = (int) g_get_num_processors(), .timeout = DEFAULT_TIMEOUT_S,
                    .worker.max_memory_mb = DEFAULT_MAX_MEMORY_MB };
    GOptionEntry entries[] = {
        { "jobs", 'j', 0, G_OPTION_ARG_INT, &a.jobs, "worker processes (default: the number of cores)", "N" },
        { "to", 't', 0, G_OPTION_ARG_STRING, &a.worker.to, "output format: pdf (default) or docx", "FMT" },
        { "pdfa", 0, 0, G_OPTION_ARG_NONE, &a.worker.pdfa, "write PDF/A-2b", NULL },
        { "force", 'f', 0, G_OPTION_ARG_NONE, &a.force, "convert every file, even unchanged ones", NULL },
        { "timeout", 0, 0, G_OPTION_ARG_INT, &a.timeout, "seconds a file may take, 0 for no limit (default 60)", "S" },
        { "max-memory", 0, 0, G_OPTION_ARG_INT, &a.worker.max_memory_mb,
          "memory a worker may add for one file, 0 for no limit (default 2048)", "MB" },
        { "shard", 0, 0, G_OPTION_ARG_STRING, &a.shard, "convert only share K of N (for N machines)", "K/N" },
        { "quiet", 'q', 0, G_OPTION_ARG_NONE, &a.quiet, "print nothing but failures", NULL },
        { "register", 'R', 0, G_OPTION_ARG_FILENAME, &a.worker.register_file,
          "stamp each output with its validity status from this register (CSV/XLSX)", "R" },
        { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &a.worker.rules_file, "validity rules key file (with --register)", "FILE" },
        { "as-of", 'd', 0, G_OPTION_ARG_STRING, &a.worker.as_of, "validity as of this date (default: today)", "DATE" },
        { "verify", 0, 0, G_OPTION_ARG_NONE, &a.verify, "recheck every output in OUT against its manifest", NULL },
        { "merge", 0, 0, G_OPTION_ARG_NONE, &a.merge, "fold the shard manifests in OUT into manifest.jsonl", NULL },
        { "worker", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &a.worker_mode, "internal", NULL },
        { NULL }
    };
    GOptionContext *ctx = g_option_context_new("SRC OUT - convert a folder tree; or --verify OUT, --merge OUT");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(
        ctx, "Every .docx, .txt and .html under SRC becomes a PDF (or DOCX) at the same place under OUT.\n"
             "OUT/manifest.jsonl records each output's SHA-256; a rerun converts only what changed.\n"
             "Exit status: 0 every file converted, 1 some failed (listed), 2 usage error.\n"
             "See gongwen-batch(1).");
    int rc = EXIT_USAGE;
    if (cli_parse(ctx, "batch", &argc, &argv)) {
        if (a.worker_mode)
            rc = argc == 3 ? batch_worker_run(&a.worker, argv[1], argv[2]) : EXIT_USAGE;
        else if ((rc = check_args(&a, argc, argv)) < 0) {
            catch_signals();
            rc = a.verify ? run_verify(&a, argv[1]) : a.merge ? run_merge(&a, argv[1]) : run_batch(&a, argv[1], argv[2]);
            if (stop_signal)
                rc = 128 + stop_signal;
        }
    }
    g_option_context_free(ctx);
    g_free(a.worker.to);
    g_free(a.shard);
    g_free(a.worker.register_file);
    g_free(a.worker.rules_file);
    g_free(a.worker.as_of);
    return rc;
}
