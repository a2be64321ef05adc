/* module.c: the entry point of gongwen-pdf.so (qpdf). */
#include <string.h>
#include "pdfmod.h"

GQuark gwm_error_domain;

void gwm_set_error(GError **error, const char *name, const char *what)
{
    /* qpdf's messages mostly begin with the file's name already */
    gsize n = strlen(name);
    gboolean named = strncmp(what, name, n) == 0 && (what[n] == ':' || what[n] == ' ');
    g_set_error(error, gwm_error_domain, GW_ERROR_FORMAT, named ? "%s%s" : "%s: %s", named ? "" : name, what);
}

/* The only symbol the module exports (module.map). */
const void *gwi_module_entry(GQuark error_domain);

const void *gwi_module_entry(GQuark error_domain)
{
    static const GwiPdfModule table = {
        .abi = GWI_MODULE_ABI,
        .facts = gwm_pdf_facts,
        .overlay = gwm_pdf_overlay,
        .archive = gwm_pdf_archive,
        .content_within = gwm_pdf_content_within,
    };
    gwm_error_domain = error_domain;
    return &table;
}
