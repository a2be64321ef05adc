/* Unit tests of the batch manifest and per-file decisions (lib/manifest.c,
 * lib/batch.c). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "gongwen/gongwen.h"
#include "harness.h"

/* gw_batch_shard_of("2022/通知.docx", 1000) as first released. */
#define PINNED_SHARD 33

static char *tmp;

static char *in_tmp(const char *rel)
{
    return g_build_filename(tmp, rel, NULL);
}

static void put(const char *rel, const char *text)
{
    char *path = in_tmp(rel);
    char *dir = g_path_get_dirname(path);
    g_mkdir_with_parents(dir, 0755);
    g_file_set_contents(path, text, -1, NULL);
    g_free(dir);
    g_free(path);
}

static gboolean exists(const char *rel)
{
    char *path = in_tmp(rel);
    gboolean e = g_file_test(path, G_FILE_TEST_EXISTS);
    g_free(path);
    return e;
}

static GwManifestEntry *entry(const char *source, const char *time)
{
    GwManifestEntry *e = gw_manifest_entry_new();
    e->source = g_strdup(source);
    e->output = gw_batch_output_path(source, GW_FORMAT_PDF);
    e->ok = TRUE;
    e->time = g_strdup(time);
    e->output_sha256 = g_strdup("00");
    return e;
}

static char *line_of(GwManifestEntry *e)
{
    char *json = gw_manifest_entry_to_json(e);
    char *line = g_strconcat(json, "\n", NULL);
    g_free(json);
    gw_manifest_entry_free(e);
    return line;
}

static void test_entry_json(void)
{
    GwManifestEntry *e = entry("公文/通知 1.docx", "2024-01-02T03:04:05.000006Z");
    e->source_sha256 = g_strdup("ab");
    e->source_bytes = 12345678901ULL;
    e->source_mtime = G_GINT64_CONSTANT(1700000000123456);
    e->pages = 7;
    e->bytes = 99;
    g_ptr_array_add(e->warnings, g_strdup("font \"仿宋_GB2312\" missing\nline two"));
    char *json = gw_manifest_entry_to_json(e);
    CHECK("entry json is one line", !strchr(json, '\n'));
    GwManifestEntry *back = gw_manifest_entry_from_json(json, strlen(json), NULL);
    CHECK("entry json parses back", back != NULL);
    if (back) {
        CHECK_STR("entry source round trip", back->source, "公文/通知 1.docx");
        CHECK_STR("entry output mirrors source", back->output, "公文/通知 1.pdf");
        CHECK_INT("entry source bytes round trip", back->source_bytes, 12345678901ULL);
        CHECK_INT("entry mtime round trip", back->source_mtime, G_GINT64_CONSTANT(1700000000123456));
        CHECK_INT("entry pages round trip", back->pages, 7);
        CHECK("entry status round trip", back->ok);
        CHECK("entry null error stays null", back->error == NULL);
        CHECK_STR("entry warning round trip", back->warnings->len ? back->warnings->pdata[0] : NULL,
                  "font \"仿宋_GB2312\" missing\nline two");
    }
    gw_manifest_entry_set_failed(back, "a.docx: broken");
    gw_manifest_entry_stamp(back, "hash");
    CHECK("failed entry has no checksum", !back->ok && back->output_sha256 == NULL);
    CHECK_STR("stamp sets the version", back->version, gw_version());
    CHECK("stamp sets an ISO time", back->time && g_str_has_suffix(back->time, "Z") && back->time[10] == 'T');
    gw_manifest_entry_free(back);
    g_free(json);
    gw_manifest_entry_free(e);
    const char *junk[] = { "", "{", "[]", "{\"source\":1,\"status\":\"ok\"}", "{\"source\":\"a\",\"status\":\"maybe\"}",
                           "{\"source\":\"a\"}" };
    for (guint i = 0; i < G_N_ELEMENTS(junk); i++) {
        GError *error = NULL;
        GwManifestEntry *j = gw_manifest_entry_from_json(junk[i], strlen(junk[i]), &error);
        CHECK("junk is not an entry", j == NULL && error != NULL);
        g_clear_error(&error);
    }
    char *invalid = g_strdup("bad \xff\xfe name");
    GwManifestEntry *b = entry("x.txt", "t");
    b->error = invalid;
    char *bjson = gw_manifest_entry_to_json(b);
    CHECK("invalid UTF-8 becomes valid JSON", g_utf8_validate(bjson, -1, NULL));
    g_free(bjson);
    gw_manifest_entry_free(b);
}

static void test_sha256(void)
{
    put("abc.txt", "abc");
    char *path = in_tmp("abc.txt");
    guint64 size = 0;
    char *sum = gw_file_sha256(path, &size, NULL);
    CHECK_STR("sha256 of abc", sum, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_INT("sha256 size", size, 3);
    g_free(sum);
    g_free(path);
    GError *error = NULL;
    char *missing = in_tmp("nope");
    CHECK("sha256 of a missing file fails", !gw_file_sha256(missing, NULL, &error) && error &&
                                                strstr(error->message, missing));
    g_clear_error(&error);
    g_free(missing);
}

/* A manifest file with: a, b, a again (newer), c twice (the clock went
 * back in between), and a last line cut short. */
static char *write_damaged_manifest(void)
{
    GString *s = g_string_new(NULL);
    char *lines[] = {
        line_of(entry("a.txt", "2024-01-01T00:00:01.000000Z")), line_of(entry("b.txt", "2024-01-01T00:00:02.000000Z")),
        line_of(entry("a.txt", "2024-01-01T00:00:03.000000Z")), line_of(entry("c.txt", "2024-01-01T00:00:09.000000Z")),
        line_of(entry("c.txt", "2024-01-01T00:00:05.000000Z")),
    };
    for (guint i = 0; i < G_N_ELEMENTS(lines); i++) {
        g_string_append(s, lines[i]);
        g_free(lines[i]);
    }
    g_string_append(s, "{\"source\":\"d.txt\",\"sour");
    put("m/manifest.jsonl", s->str);
    g_string_free(s, TRUE);
    return in_tmp("m/manifest.jsonl");
}

static int count_lines(const char *path)
{
    char *text = NULL;
    int n = 0;
    if (g_file_get_contents(path, &text, NULL, NULL))
        for (char *p = text; *p; p++)
            n += *p == '\n';
    g_free(text);
    return n;
}

static void test_manifest_load(void)
{
    char *path = write_damaged_manifest();
    GwManifest *m = gw_manifest_load(path, NULL);
    CHECK("load a damaged manifest", m != NULL);
    CHECK_INT("one entry per source", gw_manifest_size(m), 3);
    CHECK_INT("the cut line counts as damaged", gw_manifest_n_damaged(m), 1);
    CHECK("a damaged manifest needs compaction", gw_manifest_needs_compaction(m));
    const GwManifestEntry *a = gw_manifest_lookup(m, "a.txt");
    CHECK_STR("the later line wins", a ? a->time : NULL, "2024-01-01T00:00:03.000000Z");
    const GwManifestEntry *c = gw_manifest_lookup(m, "c.txt");
    CHECK_STR("in one file the last line wins whatever its time", c ? c->time : NULL, "2024-01-01T00:00:05.000000Z");
    CHECK("the cut entry is absent", gw_manifest_lookup(m, "d.txt") == NULL);
    GPtrArray *all = gw_manifest_entries(m);
    CHECK("entries are sorted", all->len == 3 && strcmp(((GwManifestEntry *) all->pdata[0])->source, "a.txt") == 0 &&
                                    strcmp(((GwManifestEntry *) all->pdata[2])->source, "c.txt") == 0);
    g_ptr_array_unref(all);
    gw_manifest_free(m);
    char *none = in_tmp("m/none.jsonl");
    m = gw_manifest_load(none, NULL);
    CHECK("a missing manifest is empty", m && gw_manifest_size(m) == 0 && !gw_manifest_needs_compaction(m));
    gw_manifest_free(m);
    g_free(none);
    g_free(path);
}

static void test_manifest_open_append(void)
{
    char *path = write_damaged_manifest();
    GError *error = NULL;
    GwManifest *m = gw_manifest_open(path, &error);
    CHECK("open a damaged manifest", m != NULL);
    CHECK_INT("open repairs the file", count_lines(path), 3);
    CHECK("a repaired manifest needs no compaction", m && !gw_manifest_needs_compaction(m));
    GwManifest *second = gw_manifest_open(path, &error);
    CHECK("a second writer is refused", second == NULL && error && strstr(error->message, "in use"));
    g_clear_error(&error);
    GwManifestEntry *e = entry("b.txt", "2024-01-01T00:00:10.000000Z");
    e->pages = 4;
    CHECK("append", gw_manifest_append(m, e, NULL));
    gw_manifest_entry_free(e);
    CHECK_INT("append adds a line", count_lines(path), 4);
    CHECK_INT("append replaces the entry", gw_manifest_lookup(m, "b.txt")->pages, 4);
    CHECK("a superseded line needs compaction", gw_manifest_needs_compaction(m));
    CHECK("compact", gw_manifest_compact(m, NULL));
    CHECK_INT("compact leaves one line per source", count_lines(path), 3);
    e = entry("e.txt", "2024-01-01T00:00:11.000000Z");
    CHECK("append after compact", gw_manifest_append(m, e, NULL));
    gw_manifest_entry_free(e);
    CHECK_INT("append after compact goes to the new file", count_lines(path), 4);
    gw_manifest_free(m);
    GwManifest *again = gw_manifest_load(path, NULL);
    CHECK_INT("reload sees every entry", gw_manifest_size(again), 4);
    CHECK_INT("reload sees the appended entry", gw_manifest_lookup(again, "b.txt")->pages, 4);
    gw_manifest_free(again);
    m = gw_manifest_open(path, &error);
    CHECK("the lock goes with the manifest", m != NULL);
    gw_manifest_free(m);
    g_clear_error(&error);
    g_free(path);
}

static void test_manifest_merge(void)
{
    char *main_path = in_tmp("merge/manifest.jsonl");
    char *shard_path = in_tmp("merge/manifest.2-of-2.jsonl");
    char *line = line_of(entry("a.txt", "2024-01-01T00:00:01.000000Z"));
    char *newer = line_of(entry("a.txt", "2024-01-02T00:00:00.000000Z"));
    char *other = line_of(entry("z.txt", "2024-01-01T00:00:01.000000Z"));
    char *shard_text = g_strconcat(newer, other, NULL);
    put("merge/manifest.jsonl", line);
    put("merge/manifest.2-of-2.jsonl", shard_text);
    GwManifest *m = gw_manifest_open(main_path, NULL);
    GwManifest *s = gw_manifest_open(shard_path, NULL);
    gw_manifest_merge(m, s);
    CHECK_INT("merge adds the shard's entries", gw_manifest_size(m), 2);
    CHECK_STR("merge keeps the newer entry", gw_manifest_lookup(m, "a.txt")->time, "2024-01-02T00:00:00.000000Z");
    CHECK("merged entries need writing", gw_manifest_needs_compaction(m));
    CHECK("compact the merge", gw_manifest_compact(m, NULL));
    CHECK("delete the shard manifest", gw_manifest_delete(s, NULL));
    CHECK("the shard manifest and its lock are gone",
          !exists("merge/manifest.2-of-2.jsonl") && !exists("merge/.manifest.2-of-2.jsonl.lock"));
    CHECK_INT("the merged file has both", count_lines(main_path), 2);
    gw_manifest_free(m);
    CHECK("manifest names", gw_manifest_is_name("manifest.jsonl") && gw_manifest_is_name("manifest.3-of-16.jsonl") &&
                                !gw_manifest_is_name("manifest.3-of-16.jsonl.x") && !gw_manifest_is_name("a.jsonl"));
    char *name = gw_manifest_name(3, 16);
    CHECK_STR("shard manifest name", name, "manifest.3-of-16.jsonl");
    g_free(name);
    g_free(shard_text);
    g_free(other);
    g_free(newer);
    g_free(line);
    g_free(shard_path);
    g_free(main_path);
}

typedef struct {
    guint ok, checked, problems;
    GString *said;
} Seen;

static void on_verified(const GwManifestEntry *e, gboolean checked, const char *problem, gpointer data)
{
    Seen *s = data;
    s->checked += checked;
    if (problem) {
        s->problems++;
        g_string_append_printf(s->said, "%s|%s\n", e->source, problem);
    } else if (checked)
        s->ok++;
}

static void test_verify(void)
{
    put("v/a.pdf", "alpha");
    put("v/b.pdf", "bravo");
    put("v/c.pdf", "charlie");
    char *path = in_tmp("v/manifest.jsonl");
    GwManifest *m = gw_manifest_open(path, NULL);
    const char *names[] = { "a.txt", "b.txt", "c.txt", "d.txt" };
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        GwManifestEntry *e = entry(names[i], "t");
        char *out = g_build_filename(tmp, "v", e->output, NULL);
        g_free(e->output_sha256);
        e->output_sha256 = gw_file_sha256(out, &e->bytes, NULL);
        if (i == 3) /* d failed: nothing to check */
            gw_manifest_entry_set_failed(e, "d.txt: broken");
        gw_manifest_append(m, e, NULL);
        gw_manifest_entry_free(e);
        g_free(out);
    }
    char *v = in_tmp("v");
    Seen s = { .said = g_string_new(NULL) };
    CHECK_INT("verify a sound archive", gw_manifest_verify(m, v, on_verified, &s), 0);
    CHECK_INT("verify checks the ok entries", s.checked, 3);
    put("v/b.pdf", "bravO");  /* same size, other bytes */
    put("v/c.pdf", "charlie!");
    char *a = in_tmp("v/a.pdf");
    g_unlink(a);
    s = (Seen) { .said = g_string_assign(s.said, "") };
    CHECK_INT("verify finds three problems", gw_manifest_verify(m, v, on_verified, &s), 3);
    CHECK("verify finds a missing output", strstr(s.said->str, "a.txt|") && strstr(s.said->str, "missing"));
    CHECK("verify finds a changed checksum", strstr(s.said->str, "b.txt|") && strstr(s.said->str, "SHA-256"));
    CHECK("verify finds a changed size", strstr(s.said->str, "c.txt|") && strstr(s.said->str, "bytes"));
    g_string_free(s.said, TRUE);
    g_free(a);
    g_free(v);
    gw_manifest_free(m);
    g_free(path);
}

static void test_paths_and_shards(void)
{
    char *p = gw_batch_output_path("a.b/c.d.docx", GW_FORMAT_PDF);
    CHECK_STR("output path replaces the last extension", p, "a.b/c.d.pdf");
    g_free(p);
    p = gw_batch_output_path("a.b/readme", GW_FORMAT_DOCX);
    CHECK_STR("output path without extension", p, "a.b/readme.docx");
    g_free(p);
    CHECK("sources by extension", gw_batch_is_source("x.DOCX") && gw_batch_is_source("x.txt") &&
                                      gw_batch_is_source("x.htm") && !gw_batch_is_source("x.pdf") &&
                                      !gw_batch_is_source("docx"));
    CHECK_INT("one shard takes all", gw_batch_shard_of("a/b.docx", 1), 1);
    CHECK("a shard is stable and in range", gw_batch_shard_of("a/b.docx", 16) == gw_batch_shard_of("a/b.docx", 16) &&
                                                 gw_batch_shard_of("a/b.docx", 16) >= 1 &&
                                                 gw_batch_shard_of("a/b.docx", 16) <= 16);
    CHECK("sources with one output share a shard", gw_batch_shard_of("a/b.docx", 7) == gw_batch_shard_of("a/b.txt", 7));
    guint counts[4] = { 0 };
    for (int i = 0; i < 400; i++) {
        char *name = g_strdup_printf("dir%d/file%d.docx", i % 7, i);
        counts[gw_batch_shard_of(name, 4) - 1]++;
        g_free(name);
    }
    CHECK("shards are roughly even", counts[0] > 60 && counts[1] > 60 && counts[2] > 60 && counts[3] > 60);
    /* Pinned: changing the hash would reshuffle every deployed split. */
    CHECK_INT("shard hash is pinned", gw_batch_shard_of("2022/通知.docx", 1000), PINNED_SHARD);
}

static char *sources_of(GPtrArray *found)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < found->len; i++)
        g_string_append_printf(s, "%s%s", i ? " " : "", ((GwManifestEntry *) found->pdata[i])->source);
    return g_string_free(s, FALSE);
}

static void test_scan(void)
{
    put("s/src/b.txt", "b");
    put("s/src/a/z.docx", "z");
    put("s/src/a/y.html", "y");
    put("s/src/a/y.txt", "same output as y.html");
    put("s/src/a/.hidden.txt", "h");
    put("s/src/a/~$lock.docx", "l");
    put("s/src/c.pdf", "not a source");
    put("s/src/out/x.txt", "inside the output folder");
    put("s/elsewhere/e.txt", "behind a link");
    char *link = in_tmp("s/src/linked");
    char *target = in_tmp("s/elsewhere");
    CHECK("make a folder link", symlink(target, link) == 0);
    char *dangling = in_tmp("s/src/broken.txt");
    CHECK("make a dangling link", symlink("nowhere.txt", dangling) == 0);
    char *src = in_tmp("s/src"), *out = in_tmp("s/src/out");
    GwBatchOptions *o = gw_batch_options_new();
    GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *found = gw_batch_scan(src, out, o, 1, 1, problems, NULL);
    char *names = sources_of(found);
    CHECK_STR("scan finds the sources in order", names, "a/y.html a/z.docx b.txt broken.txt");
    CHECK_INT("scan reports the clash", problems->len, 1);
    CHECK("the clash names both", problems->len && strstr(problems->pdata[0], "a/y.txt") &&
                                      strstr(problems->pdata[0], "a/y.html"));
    GwManifestEntry *first = found->pdata[0];
    CHECK_INT("scan records the size", first->source_bytes, 1);
    CHECK("scan records the time", first->source_mtime > 0);
    g_free(names);
    g_ptr_array_unref(found);
    GString *all = g_string_new(NULL);
    guint total = 0;
    for (guint k = 1; k <= 3; k++) {
        found = gw_batch_scan(src, out, o, k, 3, NULL, NULL);
        total += found->len;
        names = sources_of(found);
        g_string_append_printf(all, "%s ", names);
        g_free(names);
        g_ptr_array_unref(found);
    }
    CHECK_INT("shards partition the sources", total, 4);
    CHECK("each source is in one shard", strstr(all->str, "a/y.html") && strstr(all->str, "a/z.docx") &&
                                             strstr(all->str, "b.txt"));
    g_string_free(all, TRUE);
    GError *error = NULL;
    char *missing = in_tmp("s/none");
    CHECK("scan of a missing folder fails", !gw_batch_scan(missing, out, o, 1, 1, NULL, &error) && error);
    g_clear_error(&error);
    g_free(missing);
    g_ptr_array_unref(problems);
    gw_batch_options_free(o);
    g_free(src);
    g_free(out);
    g_free(target);
    g_free(link);
    g_free(dangling);
}

static gboolean copy_converter(const char *source, const char *output, GwManifestEntry *e, gpointer data,
                               GError **error)
{
    char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(source, &text, &len, error))
        return FALSE;
    if (data) /* simulate someone saving the source meanwhile */
        g_file_set_contents(source, "changed meanwhile", -1, NULL);
    e->pages = 2;
    gboolean ok = gw_output_write_file(output, text, len, error);
    g_free(text);
    return ok;
}

static void test_convert_and_skip(void)
{
    put("c/src/d/x.txt", "hello");
    char *src = in_tmp("c/src"), *out = in_tmp("c/out");
    GwBatchOptions *o = gw_batch_options_new();
    char *plain_hash = g_strdup(gw_batch_options_hash(o));
    gw_batch_options_set_converter(o, copy_converter, NULL);
    CHECK("a converter changes the options hash", strcmp(plain_hash, gw_batch_options_hash(o)) != 0);
    GPtrArray *found = gw_batch_scan(src, out, o, 1, 1, NULL, NULL);
    GwManifestEntry *e = gw_manifest_entry_copy(found->pdata[0]);
    CHECK("convert", gw_batch_convert(o, src, out, e));
    CHECK("convert makes the folders", exists("c/out/d/x.pdf"));
    CHECK_STR("convert records the source checksum", e->source_sha256,
              "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    CHECK_STR("convert records the output checksum", e->output_sha256, e->source_sha256);
    CHECK_INT("convert records the output size", e->bytes, 5);
    CHECK_INT("convert keeps the converter's pages", e->pages, 2);
    CHECK_STR("convert stamps the options", e->options_hash, gw_batch_options_hash(o));
    GwManifestEntry *scanned = found->pdata[0];
    CHECK("a fresh output is current", gw_batch_is_current(e, scanned, o, out));
    scanned->source_mtime++;
    CHECK("a touched source is not current", !gw_batch_is_current(e, scanned, o, out));
    scanned->source_mtime--;
    gw_batch_options_set_format(o, GW_FORMAT_DOCX);
    CHECK("other options are not current", !gw_batch_is_current(e, scanned, o, out));
    gw_batch_options_set_format(o, GW_FORMAT_PDF);
    g_free(e->version);
    e->version = g_strdup("0.0.0");
    CHECK("another version is not current", !gw_batch_is_current(e, scanned, o, out));
    g_free(e->version);
    e->version = g_strdup(gw_version());
    put("c/out/d/x.pdf", "hello!");
    CHECK("an output of another size is not current", !gw_batch_is_current(e, scanned, o, out));
    CHECK("no record is not current", !gw_batch_is_current(NULL, scanned, o, out));
    CHECK("gw_batch_options_set_format refuses png", !gw_batch_options_set_format(o, GW_FORMAT_PNG));

    gw_batch_options_set_converter(o, copy_converter, GINT_TO_POINTER(1));
    CHECK("a source changed while converting fails", !gw_batch_convert(o, src, out, e));
    CHECK("the failure says why", e->error && strstr(e->error, "changed while"));
    g_free(e->source);
    e->source = g_strdup("d/gone.txt");
    CHECK("a missing source fails", !gw_batch_convert(o, src, out, e) && strstr(e->error, "gone.txt"));
    gw_manifest_entry_free(e);
    g_ptr_array_unref(found);
    gw_batch_options_free(o);
    g_free(plain_hash);
    g_free(src);
    g_free(out);
}

static void test_stale_temps(void)
{
    put("t/a/.x.pdf.gwtmp-AbC123", "partial");
    put("t/a/.x.pdf.gwtmp-short", "not ours: wrong length");
    put("t/a/x.pdf", "whole");
    put("t/.manifest.jsonl.gwtmp-Zz9999", "partial manifest");
    put("t/.manifest.2-of-2.jsonl.gwtmp-Zz9999", "another shard's manifest in progress");
    char *root = in_tmp("t");
    CHECK_INT("remove this run's stale temps", gw_batch_remove_stale_temps(root, 1, 1), 2);
    CHECK("the temp is gone", !exists("t/a/.x.pdf.gwtmp-AbC123") && !exists("t/.manifest.jsonl.gwtmp-Zz9999"));
    CHECK("outputs and others' temps stay", exists("t/a/x.pdf") && exists("t/a/.x.pdf.gwtmp-short") &&
                                                exists("t/.manifest.2-of-2.jsonl.gwtmp-Zz9999"));
    char *other = in_tmp("t/.manifest.2-of-2.jsonl.gwtmp-Zz9999");
    CHECK_INT("the shard that owns a manifest removes its temp", gw_batch_remove_stale_temps(root, 2, 2) > 0, 1);
    CHECK("the other shard's manifest temp is gone", !exists("t/.manifest.2-of-2.jsonl.gwtmp-Zz9999"));
    g_free(other);
    put("t/a/.x.pdf.gwtmp-AbC123", "partial");
    guint shard = gw_batch_shard_of("a/x.pdf", 2);
    CHECK_INT("another shard leaves it", gw_batch_remove_stale_temps(root, 3 - shard, 2), 0);
    CHECK_INT("its shard removes it", gw_batch_remove_stale_temps(root, shard, 2), 1);
    put("t/a/.x.pdf.gwtmp-AbC123", "partial");
    char *x = in_tmp("t/a/x.pdf");
    CHECK_INT("remove the temps of one output", gw_batch_remove_temps_of(x), 1);
    g_free(x);
    g_free(root);
}

int main(void)
{
    tmp = g_dir_make_tmp("gw-batch-XXXXXX", NULL);
    test_entry_json();
    test_sha256();
    test_manifest_load();
    test_manifest_open_append();
    test_manifest_merge();
    test_verify();
    test_paths_and_shards();
    test_scan();
    test_convert_and_skip();
    test_stale_temps();
    char *cmd = g_strdup_printf("rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        printf("FAIL: cleanup of %s\n", tmp);
    g_free(cmd);
    g_free(tmp);
    return HARNESS_RESULT();
}
