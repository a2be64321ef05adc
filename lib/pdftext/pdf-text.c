/* pdf-text.c: gongwen-pdftext.so, the text of a PDF's pages with poppler
 * (see lib/pdf-module.h). */
#include <poppler.h>
#include "pdf-module.h"
#include "gongwen/model.h" /* GwError codes only: the module never calls libgongwen */

static GQuark error_domain;

static char *pdf_text(const char *data, gsize len, const char *path, guint max_pages, GError **error)
{
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *local = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &local);
    g_bytes_unref(bytes);
    if (!doc) {
        g_set_error(error, error_domain, GW_ERROR_FORMAT, "%s: not a readable PDF: %s", path, local->message);
        g_error_free(local);
        return NULL;
    }
    int pages = poppler_document_get_n_pages(doc);
    GString *text = g_string_new(NULL);
    for (int i = 0; i < pages && (guint) i < max_pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *t = page ? poppler_page_get_text(page) : NULL;
        if (t) {
            g_string_append(text, t);
            g_string_append_c(text, '\n');
        }
        g_free(t);
        if (page)
            g_object_unref(page);
    }
    g_object_unref(doc);
    return g_string_free(text, FALSE);
}

/* The only symbol the module exports (pdfmod/module.map). */
const void *gwi_module_entry(GQuark domain);

const void *gwi_module_entry(GQuark domain)
{
    static const GwiPdfTextModule table = { .abi = GWI_MODULE_ABI, .text = pdf_text };
    error_domain = domain;
    return &table;
}
