/* limit-imp.h: how libgongwen's readers report a limit and read an input
 * file within one (lib/read.c). */
#ifndef GONGWEN_LIMIT_IMP_H
#define GONGWEN_LIMIT_IMP_H

#include "gongwen/reader.h"

/* Sets `error` (GW_ERROR_LIMIT) to "<what> exceeds the NAME limit (VALUE);
 * raise it with --limit NAME=N", `what` formatted from `fmt` (it should
 * start with the file name). */
void gwi_limit_error(GError **error, GwLimit limit, guint64 value, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/* The whole file at `path`, NUL-terminated, at most `max` bytes (else a
 * `limit` error): regular files, pipes and devices alike, never more than
 * `max` + 1 bytes read.  A FIFO with no writer reads as empty instead of
 * blocking.  NULL with error (GW_ERROR_IO names the path and the reason). */
char *gwi_read_input(const char *path, GwLimit limit, guint64 max, gsize *len, GError **error);

#endif
