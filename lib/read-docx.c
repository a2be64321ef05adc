/* read-docx.c: gw_read_docx: a DOCX package (Word, WPS; Transitional or
 * Strict OOXML) into a document: the main part found through the package
 * relationships, styles, numbering, sections with their headers and
 * footers, footnotes and endnotes, core and custom properties. */
#include <string.h>
#include "limit-imp.h"
#include "read-docx.h"

/* ---- headers and footers ------------------------------------------------ */

static gboolean add_streamed(xmlNode *node, gpointer user, GError **error)
{
    return gwi_body_add(user, node, error);
}

/* The blocks of a header or footer part, converted once per document. */
static GPtrArray *header_footer(GwiDocx *d, const char *part, GError **error)
{
    GPtrArray *blocks = g_hash_table_lookup(d->hdrftr, part);
    if (blocks)
        return g_ptr_array_ref(blocks);
    if (!gwi_docx_has_part(d, part))
        return NULL;
    GHashTable *rels = gwi_docx_read_rels(d, part, error);
    GwiBody *body = rels ? gwi_body_new(d, part, rels) : NULL;
    GError *local = NULL;
    if (body && gwi_docx_stream_xml(d, part, NULL, add_streamed, body, &local)) {
        blocks = gwi_body_finish(body);
        g_hash_table_insert(d->hdrftr, g_strdup(part), g_ptr_array_ref(blocks));
    } else if (!gwi_docx_tolerate(d, &local)) {
        g_propagate_error(error, local);
    }
    gwi_body_free(body);
    if (rels)
        g_hash_table_unref(rels);
    return blocks;
}

static int reference_index(const xmlNode *ref)
{
    const char *type = gwi_attr(ref, "type");
    if (!type || strcmp(type, "default") == 0)
        return 0;
    return strcmp(type, "first") == 0 ? 1 : strcmp(type, "even") == 0 ? 2 : -1;
}

/* ---- sections ----------------------------------------------------------- */

typedef struct {
    GwiDocx *d;
    GHashTable *rels;      /* the main part's */
    GwBlock *pending;      /* the section block awaiting its w:sectPr */
    GwPageSetup *previous; /* for headers and footers a section inherits */
    gboolean seen;
} Sections;

static double twips(const xmlNode *n, const char *attr)
{
    double v = gwi_attr_num(n, attr, GW_UNSET);
    return gw_is_set(v) && fabs(v) < 1e7 ? fabs(v) / 20.0 : GW_UNSET;
}

static gboolean section_headers(Sections *s, const xmlNode *sect, GwPageSetup *page, GError **error)
{
    for (xmlNode *c = gwi_first_elem(sect); c; c = gwi_next_elem(c)) {
        gboolean header = gwi_is(c, GWI_NS_W, "headerReference");
        if (!header && !gwi_is(c, GWI_NS_W, "footerReference"))
            continue;
        int i = reference_index(c);
        const char *rid = gwi_rel_attr(c, "id");
        GwiRel *rel = rid ? g_hash_table_lookup(s->rels, rid) : NULL;
        if (i < 0 || !rel || rel->external)
            continue;
        GPtrArray **slot = header ? &page->header[i] : &page->footer[i];
        GError *local = NULL;
        GPtrArray *blocks = header_footer(s->d, rel->target, &local);
        if (local) {
            g_propagate_error(error, local);
            return FALSE;
        }
        if (blocks) {
            if (*slot)
                g_ptr_array_unref(*slot);
            *slot = blocks;
        }
    }
    /* What a section does not define it inherits from the one before. */
    gboolean any = FALSE;
    for (int i = 0; i < 3; i++) {
        if (s->previous && !page->header[i] && s->previous->header[i])
            page->header[i] = g_ptr_array_ref(s->previous->header[i]);
        if (s->previous && !page->footer[i] && s->previous->footer[i])
            page->footer[i] = g_ptr_array_ref(s->previous->footer[i]);
        any = any || page->header[i] || page->footer[i];
    }
    /* A DOCX with neither has none: its pages get no page numbers (gongwen
     * numbers the pages of documents that say nothing about them). */
    if (!any)
        page->footer[0] = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    return TRUE;
}

/* A length of the section, or Word's when the section leaves it out (a
 * Letter page with one-inch margins, as Word and LibreOffice take it). */
static double twips_or(const xmlNode *n, const char *attr, double word_default)
{
    double v = twips(n, attr);
    return gw_is_set(v) ? v : word_default;
}

/* The pitch of a character grid: the Normal style's font size (Word's
 * 10 pt when nothing sets one) plus charSpace, in 4096ths of a point. */
static double char_pitch(GwiDocx *d, const xmlNode *grid)
{
    GwiPPr ppr;
    GwiRPr rpr;
    gwi_styles_defaults(d->styles, &ppr, &rpr);
    gwi_styles_apply_para(d->styles, NULL, &ppr, &rpr);
    double size = gw_is_set(rpr.size) && rpr.size > 0 ? rpr.size : 10;
    double pitch = size + gwi_attr_num(grid, "charSpace", 0) / 4096;
    return pitch >= 1 && pitch <= 400 ? pitch : 0;
}

/* `sect` NULL: a body without w:sectPr. */
static gboolean read_section(Sections *s, const xmlNode *sect, GwPageSetup *page, GError **error)
{
    const xmlNode *size = gwi_child(sect, GWI_NS_W, "pgSz");
    const xmlNode *mar = gwi_child(sect, GWI_NS_W, "pgMar");
    page->width = twips_or(size, "w", 612);
    page->height = twips_or(size, "h", 792);
    const char *orient = gwi_attr(size, "orient");
    page->landscape = orient && strcmp(orient, "landscape") == 0;
    page->margin_top = twips_or(mar, "top", 72);
    page->margin_bottom = twips_or(mar, "bottom", 72);
    page->margin_left = twips_or(mar, "left", 72);
    page->margin_right = twips_or(mar, "right", 72);
    page->header_distance = twips_or(mar, "header", 36);
    page->footer_distance = twips_or(mar, "footer", 36);
    const xmlNode *title = gwi_child(sect, GWI_NS_W, "titlePg");
    page->title_page = title && gwi_attr_on(title);
    page->even_and_odd = s->d->even_and_odd;
    page->default_tab = s->d->default_tab;
    const char *type = gwi_attr(gwi_child(sect, GWI_NS_W, "type"), "val");
    page->continuous = type && strcmp(type, "continuous") == 0;
    const xmlNode *grid = gwi_child(sect, GWI_NS_W, "docGrid");
    const char *grid_type = gwi_attr(grid, "type");
    gboolean lines = grid_type && (strcmp(grid_type, "lines") == 0 || strcmp(grid_type, "linesAndChars") == 0 ||
                                   strcmp(grid_type, "snapToChars") == 0);
    page->line_pitch = lines ? twips(grid, "linePitch") : 0;
    page->char_pitch = lines && strcmp(grid_type, "lines") != 0 ? char_pitch(s->d, grid) : 0;
    const xmlNode *numbers = gwi_child(sect, GWI_NS_W, "pgNumType");
    double start = gwi_attr_num(numbers, "start", 0);
    page->page_number_start = start > 0 && start < G_MAXINT ? (int) start : 0;
    const char *format = gwi_attr(numbers, "fmt");
    g_strlcpy(page->page_number_format, format ? format : "", sizeof page->page_number_format);
    return section_headers(s, sect, page, error);
}

/* A w:sectPr ends a section: it describes the blocks before it.  The first
 * one sets up the document's page; each later one fills the section block
 * placed after the previous section's end. */
static gboolean on_section(const xmlNode *sect, gboolean last, GwBlock **next, gpointer user, GError **error)
{
    Sections *s = user;
    if (s->seen && !s->pending)
        return TRUE; /* a w:sectPr after the body's last one */
    GwPageSetup *page = s->seen ? gw_block_get_page(s->pending) : gw_document_get_page(s->d->doc);
    if (!read_section(s, sect, page, error))
        return FALSE;
    s->seen = TRUE;
    s->previous = page;
    s->pending = NULL;
    if (!last)
        *next = s->pending = gw_block_new(GW_BLOCK_SECTION);
    return TRUE;
}

/* ---- notes -------------------------------------------------------------- */

static const char *const note_rel_types[2] = { "footnotes", "endnotes" };

static gboolean load_notes(GwiDocx *d, GHashTable *main_rels, int which, GError **error)
{
    const char *part;
    xmlDoc *xml;
    if (!gwi_docx_read_related(d, main_rels, note_rel_types[which], &xml, &part, error))
        return FALSE;
    if (!xml)
        return TRUE;
    d->note_docs[which] = xml;
    d->note_parts[which] = g_strdup(part);
    d->note_rels[which] = gwi_docx_read_rels(d, part, error);
    if (!d->note_rels[which])
        return FALSE;
    d->notes[which] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (xmlNode *c = gwi_first_elem(xmlDocGetRootElement(xml)); c; c = gwi_next_elem(c)) {
        const char *id = gwi_attr(c, "id"), *type = gwi_attr(c, "type");
        if (id && (!type || strcmp(type, "normal") == 0) && !g_hash_table_contains(d->notes[which], id))
            g_hash_table_insert(d->notes[which], g_strdup(id), c);
    }
    return TRUE;
}

gboolean gwi_docx_note(GwiDocx *d, int which, const char *id, GwRun *run, GError **error)
{
    const xmlNode *node = id && d->notes[which] ? g_hash_table_lookup(d->notes[which], id) : NULL;
    if (!node || d->note_depth > 0) /* a note inside a note is left empty */
        return TRUE;
    d->note_depth++;
    GwiBody *body = gwi_body_new(d, d->note_parts[which], d->note_rels[which]);
    gboolean ok = gwi_body_add_children(body, node, error);
    GPtrArray *blocks = gwi_body_finish(body);
    for (guint i = 0; ok && i < blocks->len; i++)
        gw_run_append_note_block(run, g_ptr_array_steal_index(blocks, i--));
    g_ptr_array_unref(blocks);
    gwi_body_free(body);
    d->note_depth--;
    return ok;
}

/* ---- document properties ------------------------------------------------ */

static gboolean read_core(GwiDocx *d, GHashTable *pkg_rels, GError **error)
{
    static const struct {
        const char *element, *key;
    } keys[] = {
        { "title", "title" }, { "subject", "subject" }, { "keywords", "keywords" },
        { "description", "description" }, { "creator", "author" },
    };
    xmlDoc *xml;
    if (!gwi_docx_read_related(d, pkg_rels, "core-properties", &xml, NULL, error))
        return FALSE;
    for (xmlNode *c = gwi_first_elem(xmlDocGetRootElement(xml)); c; c = gwi_next_elem(c)) {
        for (guint i = 0; i < G_N_ELEMENTS(keys); i++) {
            if (strcmp((const char *) c->name, keys[i].element) != 0)
                continue;
            char *text = g_strstrip(gwi_text(c));
            if (*text)
                gw_document_set_meta(d->doc, keys[i].key, text);
            g_free(text);
        }
    }
    xmlFreeDoc(xml);
    return TRUE;
}

static gboolean read_custom(GwiDocx *d, GHashTable *pkg_rels, GError **error)
{
    xmlDoc *xml;
    if (!gwi_docx_read_related(d, pkg_rels, "custom-properties", &xml, NULL, error))
        return FALSE;
    for (xmlNode *c = gwi_first_elem(xmlDocGetRootElement(xml)); c; c = gwi_next_elem(c)) {
        const char *name = gwi_attr(c, "name");
        xmlNode *value = gwi_first_elem(c);
        if (!name || !*name || !value)
            continue;
        char *text = gwi_text(value);
        gw_document_set_custom(d->doc, name, text);
        if (strcmp(name, "文号") == 0 || g_ascii_strcasecmp(name, "number") == 0)
            gw_document_set_meta(d->doc, "number", text);
        else if (strcmp(name, "发文机关") == 0 || g_ascii_strcasecmp(name, "issuer") == 0)
            gw_document_set_meta(d->doc, "issuer", text);
        g_free(text);
    }
    xmlFreeDoc(xml);
    return TRUE;
}

/* Metadata given in the options overrides the package's. */
static void apply_option_meta(GwiDocx *d)
{
    static const char *const keys[] = { "title", "subject", "issuer", "author", "number", "date",
                                        "keywords", "description", "status", "status_date", "source" };
    for (guint i = 0; i < G_N_ELEMENTS(keys); i++) {
        const char *v = gw_read_options_get_meta(d->opts, keys[i]);
        if (v)
            gw_document_set_meta(d->doc, keys[i], v);
    }
}

/* ---- the package -------------------------------------------------------- */

static const char *main_part(GwiDocx *d, GHashTable *pkg_rels)
{
    const char *part = gwi_rels_find(pkg_rels, "officeDocument");
    if (part && gwi_docx_has_part(d, part))
        return part;
    return gwi_docx_has_part(d, "word/document.xml") ? "word/document.xml" : NULL;
}

static gboolean read_body(GwiDocx *d, const char *part, GHashTable *rels, GError **error)
{
    Sections sections = { d, rels };
    GwiBody *body = gwi_body_new(d, part, rels);
    gwi_body_set_document(body, d->doc);
    gwi_body_on_section(body, on_section, &sections);
    gboolean ok = gwi_docx_stream_xml(d, part, "body", add_streamed, body, error);
    if (ok)
        g_ptr_array_unref(gwi_body_finish(body));
    if (ok && !sections.seen)
        ok = read_section(&sections, NULL, gw_document_get_page(d->doc), error);
    gwi_body_free(body);
    return ok;
}

static gboolean read_package(GwiDocx *d, GError **error)
{
    GHashTable *pkg = gwi_docx_read_rels(d, "", error);
    if (!pkg)
        return FALSE;
    const char *part = main_part(d, pkg);
    GHashTable *rels = NULL;
    gboolean ok = part != NULL;
    if (!ok)
        gwi_set_error(error, d, GW_ERROR_FORMAT, NULL, "no document part (word/document.xml)");
    ok = ok && (rels = gwi_docx_read_rels(d, part, error)) != NULL;
    ok = ok && gwi_styles_load(d, rels, error) && gwi_numbering_load(d, rels, error);
    ok = ok && load_notes(d, rels, 0, error) && load_notes(d, rels, 1, error);
    ok = ok && read_core(d, pkg, error) && read_custom(d, pkg, error);
    ok = ok && read_body(d, part, rels, error);
    if (rels)
        g_hash_table_unref(rels);
    g_hash_table_unref(pkg);
    return ok;
}

static void docx_clear(GwiDocx *d)
{
    for (int i = 0; i < 2; i++) {
        if (d->notes[i])
            g_hash_table_unref(d->notes[i]);
        if (d->note_rels[i])
            g_hash_table_unref(d->note_rels[i]);
        xmlFreeDoc(d->note_docs[i]);
        g_free(d->note_parts[i]);
    }
    if (d->chunks)
        g_hash_table_unref(d->chunks);
    gwi_numbering_free(d->numbering);
    gwi_styles_free(d->styles);
    g_hash_table_unref(d->hdrftr);
    g_hash_table_unref(d->media);
    g_hash_table_unref(d->pool);
    if (d->zip)
        zip_discard(d->zip);
    zip_error_fini(&d->input.error);
}

static GwDocument *read_docx(const char *data, gsize len, const char *name, const GwReadOptions *opts, GwiDocx *parent,
                             GError **error)
{
    GwiDocx d = { 0 };
    d.parent = parent;
    d.note_start[0] = d.note_start[1] = 1;
    d.name = name ? name : "input";
    d.opts = opts;
    d.doc = gw_document_new();
    d.pool = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    d.media = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
    d.hdrftr = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
    gboolean ok = gwi_docx_open(&d, data, len, error) && read_package(&d, error);
    if (ok)
        apply_option_meta(&d);
    docx_clear(&d);
    if (!ok)
        g_clear_pointer(&d.doc, gw_document_free);
    return d.doc;
}

GwDocument *gw_read_docx(const char *data, gsize len, const char *name, const GwReadOptions *opts, GError **error)
{
    return read_docx(data, len, name, opts, NULL, error);
}

GwDocument *gwi_docx_read_chunk(GwiDocx *parent, const char *data, gsize len, const char *name, GError **error)
{
    return read_docx(data, len, name, parent->opts, parent, error);
}

int gwi_docx_chunk_depth(const GwiDocx *d)
{
    int depth = 0;
    for (; d->parent; d = d->parent)
        depth++;
    return depth;
}

gboolean gwi_docx_count_blocks(GwiDocx *d, guint n, GError **error)
{
    GwiDocx *outer = d;
    while (outer->parent)
        outer = outer->parent;
    outer->blocks += n;
    guint64 max = gw_read_options_get_limit(d->opts, GW_LIMIT_BLOCKS);
    if (outer->blocks <= max)
        return TRUE;
    gwi_limit_error(error, GW_LIMIT_BLOCKS, max, "%s: block %" G_GUINT64_FORMAT " (paragraphs, cells, rows and tables count)",
                    outer->name, outer->blocks);
    return FALSE;
}
