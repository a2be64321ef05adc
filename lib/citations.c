/* citations.c: which documents cite a register document that was no longer
 * in force (失效 or 废止) on the citing document's date. */
#include <string.h>
#include <glib/gstdio.h>
#include "validity-imp.h"

enum { MAX_DEPTH = 16 };

void gw_citation_free(GwCitation *c)
{
    if (!c)
        return;
    g_free(c->file);
    g_free(c->number);
    g_free(c->reason);
    g_free(c);
}

static gboolean scannable(const char *name)
{
    char *lower = g_ascii_strdown(name, -1);
    gboolean ok = g_str_has_suffix(lower, ".txt") || g_str_has_suffix(lower, ".docx") || g_str_has_suffix(lower, ".pdf");
    g_free(lower);
    return ok && name[0] != '.';
}

static void list_files(const char *dir, int depth, GPtrArray *files)
{
    GDir *d = depth < MAX_DEPTH ? g_dir_open(dir, 0, NULL) : NULL;
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *path = g_build_filename(dir, name, NULL);
        /* symbolic links are not followed: an unpacked archive may point
         * them anywhere */
        gboolean link = g_file_test(path, G_FILE_TEST_IS_SYMLINK);
        if (!link && g_file_test(path, G_FILE_TEST_IS_DIR))
            list_files(path, depth + 1, files);
        else if (!link && scannable(name) && g_file_test(path, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add(files, g_steal_pointer(&path));
        g_free(path);
    }
    if (d)
        g_dir_close(d);
}

static int compare_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The citing document's date: its register row's 发布日期 (else 实施日期),
 * else the last line of its text that is only a date (the 成文日期), else
 * the file's modification time. */
static const char *citing_date(const GwEntry *self, const char *path, const char *text, GDate *date)
{
    if (self && (gw_entry_get_date(self, GW_FIELD_ISSUED, date) || gw_entry_get_date(self, GW_FIELD_EFFECTIVE, date)))
        return "register";
    char **lines = g_strsplit_set(text ? text : "", "\n\r\f", -1);
    gboolean found = FALSE;
    for (guint i = g_strv_length(lines); i > 0 && !found; i--) {
        char *line = g_strstrip(lines[i - 1]);
        found = strstr(line, "年") && gw_parse_date(line, date);
    }
    g_strfreev(lines);
    if (found)
        return "text";
    GStatBuf st;
    g_date_clear(date, 1);
    g_date_set_time_t(date, g_stat(path, &st) == 0 ? st.st_mtime : 0);
    return "mtime";
}

/* Whether `cited` was repealed by the citing document itself. */
static gboolean repealed_by(const GwEntry *cited, const GwEntry *self)
{
    if (!self)
        return FALSE;
    char *basis = gw_number_normalize(gw_entry_get(cited, GW_FIELD_REPEALED_BY));
    char *number = gw_number_normalize(gw_entry_get(self, GW_FIELD_NUMBER));
    gboolean by = *number && strstr(basis, number) != NULL;
    g_free(basis);
    g_free(number);
    return by;
}

static void scan_file(const GwRegister *reg, const GwRules *rules, const char *path, const GwiDocText *t,
                      GPtrArray *found)
{
    const GwEntry *self = gwi_register_match_text(reg, path, t);
    GDate date;
    const char *from = citing_date(self, path, t->text, &date);
    GPtrArray *numbers = gw_find_numbers(t->text);
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    for (guint i = 0; i < numbers->len; i++) {
        const GwEntry *cited = gw_register_find_number(reg, numbers->pdata[i]);
        if (!cited || cited == self || g_hash_table_contains(seen, cited) || repealed_by(cited, self))
            continue;
        g_hash_table_add(seen, (gpointer) cited);
        char *reason = NULL;
        GwStatus status = gw_entry_status(cited, rules, &date, NULL, &reason);
        if (status != GW_STATUS_EXPIRED && status != GW_STATUS_REPEALED) {
            g_free(reason);
            continue;
        }
        GwCitation *c = g_new0(GwCitation, 1);
        c->file = g_strdup(path);
        c->number = g_strdup(gw_entry_get(cited, GW_FIELD_NUMBER));
        c->cited = cited;
        c->date = date;
        c->date_from = from;
        c->status = status;
        c->reason = reason;
        g_ptr_array_add(found, c);
    }
    g_hash_table_unref(seen);
    g_ptr_array_unref(numbers);
}

GPtrArray *gw_check_citations(const GwRegister *reg, const GwRules *rules, const char *dir, GPtrArray *skipped,
                              GError **error)
{
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: not a folder", dir);
        return NULL;
    }
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    list_files(dir, 0, files);
    g_ptr_array_sort(files, compare_paths);
    GPtrArray *found = g_ptr_array_new_with_free_func((GDestroyNotify) gw_citation_free);
    for (guint i = 0; i < files->len; i++) {
        const char *path = files->pdata[i];
        GwiDocText t;
        GError *local = NULL;
        if (gwi_doc_text(path, FALSE, &t, &local))
            scan_file(reg, rules, path, &t, found);
        else {
            if (skipped)
                g_ptr_array_add(skipped, g_strdup(local->message));
            g_error_free(local);
        }
        gwi_doc_text_clear(&t);
    }
    g_ptr_array_unref(files);
    return found;
}
