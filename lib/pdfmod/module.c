/* module.c: the entry point of gongwen-pdf.so (qpdf). */
#include "pdfmod.h"

GQuark gwm_error_domain;

void gwm_set_error(GError **error, const char *name, const char *what)
{
    g_set_error(error, gwm_error_domain, GW_ERROR_FORMAT, "%s: %s", name, what);
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
    };
    gwm_error_domain = error_domain;
    return &table;
}
