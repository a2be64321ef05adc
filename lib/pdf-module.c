/* pdf-module.c: finding and loading gongwen-pdf.so and gongwen-pdftext.so
 * (see pdf-module.h), and the validity files' PDF helpers on top of them. */
#include <dlfcn.h>
#include <link.h>
#include <string.h>
#include <gmodule.h>
#include "gongwen/gongwen.h"
#include "pdf-module.h"
#include "validity-imp.h"

typedef struct {
    const char *name;
    gsize once;
    const void *table; /* starts with guint abi */
    char *error;
} Module;

static Module pdf_module = { GWI_PDF_MODULE_NAME };
static Module pdftext_module = { GWI_PDFTEXT_MODULE_NAME };

/* The folder of the program or shared library this code is in. */
static char *own_folder(void)
{
    struct link_map *map = NULL;
    Dl_info info;
    if (!dladdr1((void *) gwi_pdf_module, &info, (void **) &map, RTLD_DL_LINKMAP) || !map)
        return NULL;
    /* The main program's link map has no name. */
    char *file = map->l_name && *map->l_name ? g_strdup(map->l_name) : g_file_read_link("/proc/self/exe", NULL);
    if (!file)
        return NULL;
    char *dir = g_path_get_dirname(file);
    g_free(file);
    return dir;
}

static GPtrArray *candidates(const char *name)
{
    GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
    const char *env = g_getenv("GONGWEN_MODULE_DIR");
    if (env && *env)
        g_ptr_array_add(paths, g_build_filename(env, name, NULL));
    char *dir = own_folder();
    if (dir) {
        g_ptr_array_add(paths, g_build_filename(dir, name, NULL));
        g_ptr_array_add(paths, g_build_filename(dir, "gongwen", name, NULL));
        g_ptr_array_add(paths, g_build_filename(dir, "..", "lib", "gongwen", name, NULL));
        g_free(dir);
    }
    return paths;
}

static const void *open_module(const char *path, GString *why)
{
    GModule *module = g_module_open(path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
    if (!module) {
        g_string_append_printf(why, "; %s", g_module_error());
        return NULL;
    }
    gpointer entry = NULL;
    const void *table = NULL;
    if (g_module_symbol(module, GWI_MODULE_ENTRY, &entry))
        table = ((GwiModuleEntry) entry)(GW_ERROR);
    if (!table || *(const guint *) table != GWI_MODULE_ABI) {
        g_string_append_printf(why, "; %s: not a gongwen %s module", path, GW_VERSION);
        g_module_close(module);
        return NULL;
    }
    g_module_make_resident(module);
    return table;
}

static void load(Module *m)
{
    GPtrArray *paths = candidates(m->name);
    GString *why = g_string_new(NULL);
    for (guint i = 0; i < paths->len && !m->table; i++)
        if (g_file_test(paths->pdata[i], G_FILE_TEST_EXISTS))
            m->table = open_module(paths->pdata[i], why);
    if (!m->table && why->len == 0) {
        g_string_append(why, "; looked for");
        for (guint i = 0; i < paths->len; i++)
            g_string_append_printf(why, " %s", (const char *) paths->pdata[i]);
    }
    if (!m->table)
        m->error = g_strdup_printf("cannot load gongwen's module %s%s", m->name, why->str);
    g_string_free(why, TRUE);
    g_ptr_array_unref(paths);
}

static const void *module_table(Module *m, GError **error)
{
    if (g_once_init_enter(&m->once)) {
        load(m);
        g_once_init_leave(&m->once, 1);
    }
    if (!m->table)
        g_set_error_literal(error, GW_ERROR, GW_ERROR_UNSUPPORTED, m->error);
    return m->table;
}

const GwiPdfModule *gwi_pdf_module(GError **error)
{
    return module_table(&pdf_module, error);
}

const GwiPdfTextModule *gwi_pdftext_module(GError **error)
{
    return module_table(&pdftext_module, error);
}

void gwi_pdf_facts_clear(GwiPdfFacts *f)
{
    g_free(f->version);
    if (f->sizes)
        g_array_unref(f->sizes);
    if (f->info)
        g_ptr_array_unref(f->info);
    g_free(f->xmp);
    if (f->fonts)
        g_ptr_array_unref(f->fonts);
    memset(f, 0, sizeof *f);
}

gboolean gwi_pdf_read_facts(const char *path, gboolean with_fonts, GwiPdfFacts *facts, GError **error)
{
    memset(facts, 0, sizeof *facts);
    const GwiPdfModule *m = gwi_pdf_module(error);
    if (!m)
        g_prefix_error(error, "%s: ", path);
    else if (m->facts(path, with_fonts, facts, error))
        return TRUE;
    gwi_pdf_facts_clear(facts);
    return FALSE;
}

/* ---- the validity files' helpers (validity-imp.h) ----------------------- */

gboolean gwi_pdf_page_sizes(const char *path, GArray *sizes, GError **error)
{
    GwiPdfFacts facts;
    if (!gwi_pdf_read_facts(path, FALSE, &facts, error))
        return FALSE;
    g_array_append_vals(sizes, facts.sizes->data, facts.sizes->len);
    gwi_pdf_facts_clear(&facts);
    return TRUE;
}

gboolean gwi_pdf_info(const char *path, GPtrArray *values, char **title, GError **error)
{
    GwiPdfFacts facts;
    if (!gwi_pdf_read_facts(path, FALSE, &facts, error))
        return FALSE;
    for (guint i = 0; i + 1 < facts.info->len; i += 2) {
        const char *key = facts.info->pdata[i], *value = facts.info->pdata[i + 1];
        if (strcmp(key, "Title") == 0 && title && !*title)
            *title = g_strdup(value);
        g_ptr_array_add(values, g_strdup(value));
    }
    gwi_pdf_facts_clear(&facts);
    return TRUE;
}

gboolean gwi_pdf_overlay(const char *input, FILE *out, const void *stamp_pdf, gsize stamp_len,
                         const int *stamp_page_of, const char *const *info_keys, const char *const *info_values,
                         GError **error)
{
    const GwiPdfModule *m = gwi_pdf_module(error);
    if (!m)
        g_prefix_error(error, "%s: ", input);
    return m && m->overlay(input, out, stamp_pdf, stamp_len, stamp_page_of, info_keys, info_values, error);
}

char *gwi_pdf_text(const char *data, gsize len, const char *path, guint max_pages, GError **error)
{
    /* poppler decodes whatever the pages hold, however much: qpdf first
     * checks that it is within the part-bytes limit. */
    const GwiPdfModule *q = gwi_pdf_module(error);
    if (!q) {
        g_prefix_error(error, "%s: ", path);
        return NULL;
    }
    if (!q->content_within(data, len, path, max_pages, gw_read_options_get_limit(NULL, GW_LIMIT_PART_BYTES), error))
        return NULL;
    const GwiPdfTextModule *m = gwi_pdftext_module(error);
    if (!m)
        g_prefix_error(error, "%s: ", path);
    return m ? m->text(data, len, path, max_pages, error) : NULL;
}
