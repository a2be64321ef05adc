/* batch-worker.c: the hidden worker mode of `gongwen batch`: load fonts
 * once, cap memory, then convert one job a line until the input ends.
 *
 * FOR TESTS ONLY: the environment variable GONGWEN_TEST_HOOK (a
 * comma-separated list) makes a worker misbehave on purpose so that the
 * batch machinery can be tested without real converters:
 *   fake        copy each source under a one-line header instead of converting
 *   slow:MS     take MS milliseconds longer over each file
 *   crash:NAME  die of SIGSEGV on the file whose base name is NAME
 *   hang:NAME   never finish the file NAME
 *   oom:NAME    allocate memory without end (up to 4 GB) on the file NAME */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include "batch.h"

#define FAKE_HEADER "gongwen test conversion of "
#define OOM_CHUNK (16u << 20)
#define OOM_CAP 256 /* chunks: 4 GB */

typedef struct {
    gboolean fake;
    guint slow_ms;
    char **items; /* KIND:NAME */
} TestHook;

static TestHook hook_from_env(void)
{
    TestHook h = { 0 };
    const char *env = g_getenv("GONGWEN_TEST_HOOK");
    h.items = g_strsplit(env ? env : "", ",", -1);
    for (char **i = h.items; *i; i++) {
        if (strcmp(*i, "fake") == 0)
            h.fake = TRUE;
        else if (g_str_has_prefix(*i, "slow:"))
            h.slow_ms = (guint) g_ascii_strtoull(*i + 5, NULL, 10);
    }
    return h;
}

static gboolean hook_wants(const TestHook *h, const char *kind, const char *source)
{
    char *base = g_path_get_basename(source);
    gsize n = strlen(kind);
    gboolean hit = FALSE;
    for (char **i = h->items; *i && !hit; i++)
        hit = strncmp(*i, kind, n) == 0 && (*i)[n] == ':' && strcmp(*i + n + 1, base) == 0;
    g_free(base);
    return hit;
}

static void blow_up_memory(void)
{
    GSList *chunks = NULL;
    for (int i = 0; i < OOM_CAP; i++) {
        char *c = g_malloc(OOM_CHUNK);
        memset(c, 1, OOM_CHUNK);
        chunks = g_slist_prepend(chunks, c);
    }
    g_slist_free_full(chunks, g_free);
}

static void hook_before(const TestHook *h, const char *source)
{
    if (h->slow_ms)
        g_usleep((gulong) h->slow_ms * 1000);
    if (hook_wants(h, "crash", source))
        raise(SIGSEGV);
    while (hook_wants(h, "hang", source))
        pause();
    if (hook_wants(h, "oom", source))
        blow_up_memory();
}

static gboolean fake_convert(const char *source, const char *output, GwManifestEntry *e, gpointer data,
                             GError **error)
{
    (void) data;
    char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(source, &text, &len, error))
        return FALSE;
    GwOutput *out = gw_output_open(output, error);
    gboolean ok = out && fprintf(gw_output_stream(out), FAKE_HEADER "%s\n", source) > 0 &&
                  fwrite(text, 1, len, gw_output_stream(out)) == len;
    int err = errno;
    g_free(text);
    if (!out)
        return FALSE;
    if (!ok) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot write: %s", output, g_strerror(err));
        gw_output_abort(out);
        return FALSE;
    }
    e->pages = 1;
    return gw_output_commit(out, error);
}

GwBatchOptions *batch_options_from(const BatchWorkerArgs *args, GError **error)
{
    GwBatchOptions *o = gw_batch_options_new();
    GwFormat to = args->to ? gw_format_from_name(args->to) : GW_FORMAT_PDF;
    if (!gw_batch_options_set_format(o, to)) {
        g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "--to '%s': a batch writes pdf or docx", args->to);
        gw_batch_options_free(o);
        return NULL;
    }
    gw_batch_options_set_pdfa(o, args->pdfa);
    if (args->register_file &&
        !gw_batch_options_set_validity(o, args->register_file, args->rules_file, args->as_of, error)) {
        gw_batch_options_free(o);
        return NULL;
    }
    TestHook hook = hook_from_env();
    if (hook.fake)
        gw_batch_options_set_converter(o, fake_convert, NULL);
    g_strfreev(hook.items);
    return o;
}

/* Cap the address space at what the worker has now plus `mb`, so that a
 * runaway conversion fails alone instead of exhausting the machine. */
static void limit_memory(int mb)
{
    unsigned long long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%llu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    rlim_t limit = (rlim_t) pages * (rlim_t) sysconf(_SC_PAGESIZE) + ((rlim_t) mb << 20);
    struct rlimit r = { limit, limit };
    setrlimit(RLIMIT_AS, &r);
}

static int serve(const GwBatchOptions *o, const TestHook *hook, const char *src_root, const char *out_root,
                 FILE *answers)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, stdin)) > 0) {
        GwManifestEntry *e = gw_manifest_entry_from_json(line, (gsize) len, NULL);
        if (!e) {
            rc = 2;
            break;
        }
        hook_before(hook, e->source);
        gw_batch_convert(o, src_root, out_root, e);
        char *json = gw_manifest_entry_to_json(e);
        fprintf(answers, "%s\n", json);
        fflush(answers);
        g_free(json);
        gw_manifest_entry_free(e);
    }
    free(line);
    return rc;
}

int batch_worker_run(const BatchWorkerArgs *args, const char *src_root, const char *out_root)
{
    /* Answers go to the original stdout; anything a library prints there
     * would corrupt them, so stdout becomes stderr. */
    FILE *answers = fdopen(dup(STDOUT_FILENO), "w");
    dup2(STDERR_FILENO, STDOUT_FILENO);
    signal(SIGXFSZ, SIG_IGN); /* a file-size limit fails the file, not the worker */
    TestHook hook = hook_from_env();
    GError *error = NULL;
    GwBatchOptions *o = batch_options_from(args, &error);
    if (o && !hook.fake && gw_batch_options_get_format(o) == GW_FORMAT_PDF && !gw_fonts_init(&error))
        g_clear_pointer(&o, gw_batch_options_free);
    int rc = 1;
    if (!o) {
        fprintf(answers, "fail %s\n", error->message);
        g_error_free(error);
    } else {
        if (args->max_memory_mb > 0)
            limit_memory(args->max_memory_mb);
        fputs("ready\n", answers);
        fflush(answers);
        rc = serve(o, &hook, src_root, out_root, answers);
    }
    gw_batch_options_free(o);
    g_strfreev(hook.items);
    fclose(answers);
    return rc;
}
