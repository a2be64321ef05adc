/* batch-pool.c: the worker processes of `gongwen batch`.
 *
 * Each worker is this executable in worker mode, started once and fed one
 * job at a time over a pipe, so fonts load once per worker.  The parent
 * only spawns, polls pipes and keeps time: a worker that dies or passes its
 * deadline takes only its current file with it, and a new one replaces it.
 * Workers run in their own process group (Ctrl-C reaches the parent, which
 * stops them) and die with the parent (PR_SET_PDEATHSIG), so a killed batch
 * leaves no worker writing behind the next run's back. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "batch.h"

volatile sig_atomic_t batch_interrupted;

#define TICK_MS 200
#define ERR_TAIL_BYTES 16384
#define SHUTDOWN_GRACE_US (10 * G_USEC_PER_SEC)

typedef struct {
    GPid pid;              /* 0: no process */
    int to_fd, from_fd, err_fd;
    GString *out;          /* stdout not yet split into lines */
    GString *err;          /* the end of its stderr, for messages */
    gboolean ready;
    GwManifestEntry *job;  /* in flight (borrowed), or NULL */
    gint64 deadline;       /* monotonic µs, 0: none */
} Worker;

typedef struct {
    const BatchPool *pool;
    const char *out_root;
    GPtrArray *jobs;
    guint next;            /* next job to send */
    guint finished;
    Worker *workers;
    gboolean stop;         /* `finished` asked to stop */
    GError *fatal;
} Pool;

static pid_t parent_pid;

/* In the child between fork and exec: only async-signal-safe calls. */
static void worker_child_setup(gpointer data)
{
    (void) data;
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent_pid)
        _exit(1);
}

static gboolean worker_spawn(Pool *p, Worker *w, GError **error)
{
    parent_pid = getpid();
    if (!g_spawn_async_with_pipes(NULL, p->pool->argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_FILE_AND_ARGV_ZERO,
                                  worker_child_setup, NULL,
                                  &w->pid, &w->to_fd, &w->from_fd, &w->err_fd, error))
        return FALSE;
    fcntl(w->from_fd, F_SETFL, O_NONBLOCK);
    fcntl(w->err_fd, F_SETFL, O_NONBLOCK);
    g_string_truncate(w->out, 0);
    g_string_truncate(w->err, 0);
    w->ready = FALSE;
    w->job = NULL;
    w->deadline = p->pool->timeout_s ? g_get_monotonic_time() + (gint64) p->pool->timeout_s * G_USEC_PER_SEC : 0;
    return TRUE;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Read what is there; FALSE at end of file or error. */
static gboolean drain(int fd, GString *into, gsize keep_tail)
{
    char buf[8192];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0) {
            g_string_append_len(into, buf, n);
            if (keep_tail && into->len > keep_tail)
                g_string_erase(into, 0, (gssize) (into->len - keep_tail));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 && errno == EAGAIN;
    }
}

/* What the worker said last on stderr: its first error line (GLib and
 * the sanitizers say ERROR), else its last line; NULL if nothing. */
static char *err_summary(const Worker *w)
{
    char **lines = g_strsplit(w->err->str, "\n", -1);
    char *said = NULL;
    for (char **l = lines; *l; l++) {
        if (!*g_strstrip(*l))
            continue;
        if (strstr(*l, "ERROR")) {
            g_free(said);
            said = g_strdup(*l);
            break;
        }
        g_free(said);
        said = g_strdup(*l);
    }
    g_strfreev(lines);
    return said;
}

/* Kill (if still running) and reap; returns the wait status. */
static int worker_reap(Worker *w, gboolean kill_it)
{
    int status = 0;
    if (kill_it)
        kill(w->pid, SIGKILL);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    g_spawn_close_pid(w->pid);
    w->pid = 0;
    close_fd(&w->to_fd);
    close_fd(&w->from_fd);
    if (w->err_fd >= 0)
        drain(w->err_fd, w->err, ERR_TAIL_BYTES);
    close_fd(&w->err_fd);
    return status;
}

static gboolean mentions_memory(const char *line)
{
    return line && (strstr(line, "allocate") || strstr(line, "out of memory") || strstr(line, "Cannot allocate"));
}

static char *describe_death(const Pool *p, const Worker *w, int status)
{
    GString *s = g_string_new(NULL);
    char *last = err_summary(w);
    if (p->pool->max_memory_mb && mentions_memory(last))
        g_string_printf(s, "ran out of memory (--max-memory %d MB)", p->pool->max_memory_mb);
    else if (WIFSIGNALED(status))
        g_string_printf(s, "the conversion crashed the worker (signal %d, %s)", WTERMSIG(status),
                        g_strsignal(WTERMSIG(status)));
    else
        g_string_printf(s, "the worker quit during the conversion (exit status %d)", WEXITSTATUS(status));
    if (last)
        g_string_append_printf(s, ": %s", last);
    g_free(last);
    return g_string_free(s, FALSE);
}

static void finish(Pool *p, GwManifestEntry *e)
{
    p->finished++;
    if (!p->pool->finished(e, p->pool->data))
        p->stop = TRUE;
}

/* The worker's job fails with `message`; its partial output goes. */
static void fail_job(Pool *p, Worker *w, const char *message)
{
    GwManifestEntry *e = gw_manifest_entry_copy(w->job);
    char *output = g_build_filename(p->out_root, e->output, NULL);
    gw_batch_remove_temps_of(output);
    g_free(output);
    gw_manifest_entry_set_failed(e, message);
    gw_manifest_entry_stamp(e, p->pool->options_hash);
    w->job = NULL;
    finish(p, e);
}

static void set_fatal(Pool *p, char *message)
{
    if (!p->fatal)
        g_set_error(&p->fatal, GW_ERROR, GW_ERROR_IO, "%s", message);
    g_free(message);
}

/* The worker died or was killed: its job fails, or, before it ever got
 * ready, the batch cannot go on. */
static void worker_lost(Pool *p, Worker *w, const char *why)
{
    gboolean was_ready = w->ready;
    int status = worker_reap(w, TRUE);
    if (w->job) {
        char *message = why ? g_strdup(why) : describe_death(p, w, status);
        fail_job(p, w, message);
        g_free(message);
    } else if (!was_ready) {
        char *last = err_summary(w);
        set_fatal(p, g_strdup_printf("a worker process did not start%s%s", last ? ": " : "", last ? last : ""));
        g_free(last);
    }
}

static gboolean send_job(Pool *p, Worker *w, GwManifestEntry *job)
{
    char *json = gw_manifest_entry_to_json(job);
    char *line = g_strconcat(json, "\n", NULL);
    gsize len = strlen(line), done = 0;
    while (done < len) {
        ssize_t n = write(w->to_fd, line + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        done += (gsize) n;
    }
    g_free(line);
    g_free(json);
    w->job = job;
    g_string_truncate(w->err, 0); /* what it says from now on concerns this job */
    w->deadline = p->pool->timeout_s ? g_get_monotonic_time() + (gint64) p->pool->timeout_s * G_USEC_PER_SEC : 0;
    return done == len;
}

/* Send the next job to an idle, ready worker, if there is one left. */
static void feed(Pool *p, Worker *w)
{
    if (w->pid && w->ready && !w->job && p->next < p->jobs->len && !send_job(p, w, p->jobs->pdata[p->next++]))
        worker_lost(p, w, NULL);
}

static void handle_ready_line(Pool *p, Worker *w, const char *line)
{
    if (strcmp(line, "ready") == 0) {
        w->ready = TRUE;
        w->deadline = 0;
        return;
    }
    set_fatal(p, g_strdup(g_str_has_prefix(line, "fail ") ? line + 5 : line));
    worker_reap(w, TRUE);
}

static void handle_result_line(Pool *p, Worker *w, const char *line)
{
    GwManifestEntry *e = w->job ? gw_manifest_entry_from_json(line, strlen(line), NULL) : NULL;
    if (!e || strcmp(e->source, w->job->source) != 0) {
        gw_manifest_entry_free(e);
        worker_lost(p, w, "the worker answered out of turn");
        return;
    }
    w->job = NULL;
    w->deadline = 0;
    /* The next file first: the worker converts while the manifest syncs. */
    feed(p, w);
    finish(p, e);
}

static void handle_stdout(Pool *p, Worker *w)
{
    gboolean open = drain(w->from_fd, w->out, 0);
    char *nl;
    while (w->pid && (nl = memchr(w->out->str, '\n', w->out->len))) {
        char *line = g_strndup(w->out->str, (gsize) (nl - w->out->str));
        g_string_erase(w->out, 0, nl - w->out->str + 1);
        if (w->ready)
            handle_result_line(p, w, line);
        else
            handle_ready_line(p, w, line);
        g_free(line);
    }
    if (!open && w->pid)
        worker_lost(p, w, NULL);
}

/* Give idle workers work, and start workers while work is waiting. */
static void dispatch(Pool *p)
{
    for (guint i = 0; i < p->pool->n_workers && !p->fatal; i++) {
        Worker *w = &p->workers[i];
        if (p->next >= p->jobs->len)
            return;
        if (!w->pid) {
            GError *error = NULL;
            if (!worker_spawn(p, w, &error)) {
                set_fatal(p, g_strdup_printf("cannot start a worker process: %s", error->message));
                g_error_free(error);
            }
        } else
            feed(p, w);
    }
}

static void check_deadlines(Pool *p)
{
    gint64 now = g_get_monotonic_time();
    for (guint i = 0; i < p->pool->n_workers; i++) {
        Worker *w = &p->workers[i];
        if (!w->pid || !w->deadline || now < w->deadline)
            continue;
        char *why = g_strdup_printf("timed out after %d s (--timeout)", p->pool->timeout_s);
        if (!w->job)
            set_fatal(p, g_strdup_printf("a worker process did not start within %d s", p->pool->timeout_s));
        worker_lost(p, w, why);
        g_free(why);
    }
}

static int poll_timeout_ms(const Pool *p)
{
    gint64 now = g_get_monotonic_time(), wait = TICK_MS * 1000;
    for (guint i = 0; i < p->pool->n_workers; i++)
        if (p->workers[i].pid && p->workers[i].deadline)
            wait = MIN(wait, MAX(0, p->workers[i].deadline - now));
    return (int) ((wait + 999) / 1000);
}

/* Wait for output from any worker and act on it. */
static void poll_workers(Pool *p)
{
    guint n = p->pool->n_workers;
    struct pollfd fds[2 * n];
    guint nfds = 0;
    for (guint i = 0; i < n; i++)
        if (p->workers[i].pid) {
            fds[nfds++] = (struct pollfd) { .fd = p->workers[i].from_fd, .events = POLLIN };
            fds[nfds++] = (struct pollfd) { .fd = p->workers[i].err_fd, .events = POLLIN };
        }
    if (poll(fds, nfds, poll_timeout_ms(p)) <= 0)
        return;
    for (guint i = 0; i < n; i++) {
        Worker *w = &p->workers[i];
        if (w->pid && w->err_fd >= 0 && !drain(w->err_fd, w->err, ERR_TAIL_BYTES))
            close_fd(&w->err_fd);
        if (w->pid)
            handle_stdout(p, w);
    }
}

/* Stop every worker: with `now`, kill them (and clean their partial
 * outputs); otherwise close their input and let them exit, reporting one
 * that does not exit cleanly (e.g. a leak found by a sanitizer). */
static void shut_down(Pool *p, gboolean now)
{
    gint64 give_up = g_get_monotonic_time() + SHUTDOWN_GRACE_US;
    for (guint i = 0; i < p->pool->n_workers; i++) {
        Worker *w = &p->workers[i];
        if (!w->pid)
            continue;
        if (now) {
            char *output = w->job ? g_build_filename(p->out_root, w->job->output, NULL) : NULL;
            worker_reap(w, TRUE);
            if (output)
                gw_batch_remove_temps_of(output);
            g_free(output);
            continue;
        }
        close_fd(&w->to_fd);
        /* The end of its stderr means it has exited. */
        while (g_get_monotonic_time() < give_up && w->err_fd >= 0) {
            struct pollfd fd = { .fd = w->err_fd, .events = POLLIN };
            if (poll(&fd, 1, 100) > 0 && !drain(w->err_fd, w->err, ERR_TAIL_BYTES))
                close_fd(&w->err_fd);
        }
        int status = worker_reap(w, w->err_fd >= 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            char *last = err_summary(w);
            set_fatal(p, g_strdup_printf("a worker process ended badly (status %d)%s%s", status, last ? ": " : "",
                                         last ? last : ""));
            g_free(last);
        }
    }
}

gboolean batch_pool_run(const BatchPool *pool, GPtrArray *jobs, const char *out_root, GError **error)
{
    Pool p = { .pool = pool, .out_root = out_root, .jobs = jobs };
    p.workers = g_new0(Worker, pool->n_workers);
    for (guint i = 0; i < pool->n_workers; i++) {
        p.workers[i] = (Worker) { .to_fd = -1, .from_fd = -1, .err_fd = -1 };
        p.workers[i].out = g_string_new(NULL);
        p.workers[i].err = g_string_new(NULL);
    }
    signal(SIGPIPE, SIG_IGN);
    while (p.finished < jobs->len && !p.fatal && !p.stop && !batch_interrupted) {
        dispatch(&p);
        if (p.fatal)
            break;
        poll_workers(&p);
        check_deadlines(&p);
        pool->tick(pool->data);
    }
    gboolean early = p.finished < jobs->len;
    shut_down(&p, early);
    for (guint i = 0; i < pool->n_workers; i++) {
        g_string_free(p.workers[i].out, TRUE);
        g_string_free(p.workers[i].err, TRUE);
    }
    g_free(p.workers);
    if (batch_interrupted && early && !p.fatal)
        g_set_error(&p.fatal, GW_ERROR, GW_ERROR_IO, "interrupted; run the same command again to finish");
    if (p.fatal) {
        g_propagate_error(error, p.fatal);
        return FALSE;
    }
    return !p.stop;
}
