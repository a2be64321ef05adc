/* batch.h: what the files of `gongwen batch` share (batch.c runs the
 * command, batch-pool.c the worker processes, batch-worker.c is a worker). */
#ifndef GW_TOOL_BATCH_H
#define GW_TOOL_BATCH_H

#include <signal.h>
#include "cli.h"

/* The options a worker needs, as parsed by `gongwen batch`. */
typedef struct {
    char *to;
    gboolean pdfa;
    int max_memory_mb; /* 0: no limit */
    char *register_file, *rules_file, *as_of; /* --register: validity stamps */
} BatchWorkerArgs;

/* Options from `args` (NULL with `error` set when --to is wrong), with the
 * test hook's converter when GONGWEN_TEST_HOOK asks for it. */
GwBatchOptions *batch_options_from(const BatchWorkerArgs *args, GError **error);

/* The hidden worker mode: reads one job (a manifest entry as JSON) a line on
 * standard input, converts it, writes the filled-in entry a line. */
int batch_worker_run(const BatchWorkerArgs *args, const char *src_root, const char *out_root);

typedef struct {
    char **argv;              /* the worker command line */
    guint n_workers;
    int timeout_s;            /* per file; 0: none */
    int max_memory_mb;        /* named in messages */
    const char *options_hash; /* stamped on the entries of files that killed their worker */
    /* Takes each finished entry; FALSE stops the batch. */
    gboolean (*finished)(GwManifestEntry *entry, gpointer data);
    /* Called often (at least 5 times a second) to draw progress. */
    void (*tick)(gpointer data);
    gpointer data;
} BatchPool;

/* Set by SIGINT/SIGTERM: the pool stops, killing its workers. */
extern volatile sig_atomic_t batch_interrupted;

/* Convert `jobs` (GwManifestEntry*, sent in order) in worker processes
 * rooted at `out_root`.  A job whose worker crashes, hangs or runs out of
 * memory is finished as failed and the worker replaced.  FALSE with `error`
 * set when the batch cannot go on (no worker starts, or interrupted), and
 * FALSE without when `finished` said stop. */
gboolean batch_pool_run(const BatchPool *pool, GPtrArray *jobs, const char *out_root, GError **error);

#endif
