/* render.c: options shared by the PDF and PNG renderers. */
#include "layout.h"

GwRenderOptions *gw_render_options_new(void)
{
    GwRenderOptions *o = g_new0(GwRenderOptions, 1);
    o->dpi = 96;
    return o;
}

void gw_render_options_free(GwRenderOptions *opts)
{
    g_free(opts);
}

void gw_render_options_set_page(GwRenderOptions *opts, int page)
{
    opts->page = MAX(page, 0);
}

void gw_render_options_set_dpi(GwRenderOptions *opts, double dpi)
{
    opts->dpi = dpi;
}

void gw_render_options_set_pdfa(GwRenderOptions *opts, gboolean pdfa)
{
    opts->pdfa = pdfa;
}
