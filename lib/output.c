/* output.c: atomic file output (temp file in the target folder + rename). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "gongwen/writer.h"

struct GwOutput {
    char *path;      /* final name */
    char *temp_path; /* NULL when writing to stdout */
    FILE *stream;
};

/* The temp files of open outputs, for gw_output_cleanup_all() in a signal
 * handler: slots change only by atomic exchange, and a path stays allocated
 * while it is registered. */
enum { MAX_TEMPS = 256 };
static char *temps[MAX_TEMPS];

static void register_temp(char *path)
{
    for (guint i = 0; i < MAX_TEMPS; i++)
        if (g_atomic_pointer_compare_and_exchange(&temps[i], NULL, path))
            return;
}

static void unregister_temp(char *path)
{
    for (guint i = 0; i < MAX_TEMPS; i++)
        if (g_atomic_pointer_compare_and_exchange(&temps[i], path, NULL))
            return;
}

void gw_output_cleanup_all(void)
{
    for (guint i = 0; i < MAX_TEMPS; i++) {
        char *path = g_atomic_pointer_get(&temps[i]);
        if (path)
            unlink(path);
    }
}

/* "cannot create output" in words a user can act on. */
static void set_create_error(GError **error, const char *path, int err)
{
    char *dir = g_path_get_dirname(path);
    if (err == ENOENT)
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot create output: the folder %s does not exist", path, dir);
    else
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot create output in %s: %s", path, dir, g_strerror(err));
    g_free(dir);
}

GwOutput *gw_output_open(const char *path, GError **error)
{
    GwOutput *out = g_new0(GwOutput, 1);
    out->path = g_strdup(path);
    if (strcmp(path, "-") == 0) {
        out->stream = stdout;
        return out;
    }
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    /* A hidden name that batch and cleanup code recognise as temporary. */
    out->temp_path = g_strdup_printf("%s/.%s.gwtmp-XXXXXX", dir, base);
    g_free(dir);
    g_free(base);
    register_temp(out->temp_path); /* before it exists: a signal may come at once */
    int fd = g_mkstemp_full(out->temp_path, O_RDWR | O_CLOEXEC, 0644);
    if (fd < 0) {
        int err = errno;
        unregister_temp(out->temp_path);
        set_create_error(error, path, err);
        g_free(out->temp_path);
        g_free(out->path);
        g_free(out);
        return NULL;
    }
    out->stream = fdopen(fd, "wb");
    return out;
}

FILE *gw_output_stream(GwOutput *out)
{
    return out->stream;
}

const char *gw_output_temp_path(const GwOutput *out)
{
    return out->temp_path;
}

static void output_free(GwOutput *out)
{
    if (out->temp_path)
        unregister_temp(out->temp_path);
    g_free(out->path);
    g_free(out->temp_path);
    g_free(out);
}

gboolean gw_output_commit(GwOutput *out, GError **error)
{
    gboolean ok = TRUE;
    int err = 0;
    if (fflush(out->stream) != 0 || ferror(out->stream)) {
        err = errno;
        ok = FALSE;
    }
    if (!out->temp_path) {
        if (!ok)
            g_set_error(error, GW_ERROR, GW_ERROR_IO, "standard output: write failed: %s", g_strerror(err));
        output_free(out);
        return ok;
    }
    /* Synced only when it replaces a file (GLib's g_file_set_contents
     * policy): a crash must not turn a good file into an empty one, but a
     * new file lost with the machine is simply made again, and fsync costs
     * 5-15 ms a file on a loaded disk, a quarter of converting a report. */
    gboolean replacing = g_file_test(out->path, G_FILE_TEST_EXISTS);
    if (ok && replacing && fsync(fileno(out->stream)) != 0 && errno != EINVAL) {
        err = errno;
        ok = FALSE;
    }
    if (fclose(out->stream) != 0 && ok) {
        err = errno;
        ok = FALSE;
    }
    if (ok && g_rename(out->temp_path, out->path) != 0) {
        err = errno;
        ok = FALSE;
    }
    if (!ok) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot write: %s", out->path, g_strerror(err));
        g_unlink(out->temp_path);
    }
    output_free(out);
    return ok;
}

void gw_output_abort(GwOutput *out)
{
    if (!out)
        return;
    if (out->temp_path) {
        fclose(out->stream);
        g_unlink(out->temp_path);
    }
    output_free(out);
}

gboolean gw_output_write_file(const char *path, const void *data, gsize len, GError **error)
{
    GwOutput *out = gw_output_open(path, error);
    if (!out)
        return FALSE;
    if (len && fwrite(data, 1, len, out->stream) != len) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot write: %s", path, g_strerror(err));
        gw_output_abort(out);
        return FALSE;
    }
    return gw_output_commit(out, error);
}
