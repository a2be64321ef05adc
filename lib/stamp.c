/* stamp.c: matching a document to its register row, and stamped copies:
 * PDF through a Cairo-drawn overlay (stamp-pdf.cpp puts it on the original
 * pages), DOCX by inserting a notice paragraph into word/document.xml and
 * properties into docProps/custom.xml, every other part copied as is (zip
 * entries that are no part name, such as "../../x", are dropped). */
#include <math.h>
#include <string.h>
#include <zip.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <libxml/tree.h>
#include "validity-imp.h"
#include "gongwen/writer.h"

enum { MATCH_LINES = 60 };

/* ---- matching -------------------------------------------------------------- */

static GwEntry *find_number_in(const GwRegister *reg, const char *text)
{
    GPtrArray *numbers = gw_find_numbers(text);
    GwEntry *found = NULL;
    for (guint i = 0; i < numbers->len && !found; i++)
        found = gw_register_find_number(reg, numbers->pdata[i]);
    g_ptr_array_unref(numbers);
    return found;
}

/* A 发文字号 line: the line starts with the 文号 (perhaps followed by 签发人). */
static GwEntry *find_number_line(const GwRegister *reg, char **lines)
{
    GwEntry *found = NULL;
    for (guint i = 0; lines[i] && i < MATCH_LINES && !found; i++) {
        GPtrArray *numbers = gw_find_numbers(lines[i]);
        char *line = gw_number_normalize(lines[i]);
        if (numbers->len > 0 && g_str_has_prefix(line, numbers->pdata[0]))
            found = gw_register_find_number(reg, numbers->pdata[0]);
        g_free(line);
        g_ptr_array_unref(numbers);
    }
    return found;
}

/* A title may wrap over up to three lines. */
static GwEntry *find_title_lines(const GwRegister *reg, char **lines)
{
    GwEntry *found = NULL;
    for (guint i = 0; lines[i] && i < MATCH_LINES && !found; i++) {
        GString *s = g_string_new(NULL);
        for (guint k = 0; k < 3 && lines[i + k] && !found; k++) {
            g_string_append(s, lines[i + k]);
            found = gw_register_find_title(reg, s->str);
        }
        g_string_free(s, TRUE);
    }
    return found;
}

GwEntry *gwi_register_match_text(const GwRegister *reg, const char *path, const GwiDocText *t)
{
    GwEntry *found = NULL;
    for (guint i = 0; i < t->meta->len && !found; i++)
        found = find_number_in(reg, t->meta->pdata[i]);
    if (!found) {
        char *base = g_path_get_basename(path);
        found = find_number_in(reg, base);
        g_free(base);
    }
    char **lines = g_strsplit_set(t->text ? t->text : "", "\n\r\f", -1);
    for (char **l = lines; *l; l++)
        g_strstrip(*l);
    if (!found)
        found = find_number_line(reg, lines);
    if (!found && t->title)
        found = gw_register_find_title(reg, t->title);
    if (!found)
        found = find_title_lines(reg, lines);
    g_strfreev(lines);
    return found;
}

GwEntry *gw_register_match_file(const GwRegister *reg, const char *path, GError **error)
{
    GwiDocText t;
    GwEntry *found = gwi_doc_text(path, TRUE, &t, error) ? gwi_register_match_text(reg, path, &t) : NULL;
    gwi_doc_text_clear(&t);
    return found;
}

/* ---- what the stamp says ------------------------------------------------- */

typedef struct {
    GwStatus status;
    char *label, *since, *reason; /* metadata values */
    char *notice;                 /* red notice on page one, or NULL when in force */
    const char *mark;             /* diagonal mark on PDF pages, or NULL */
} Stamp;

static gboolean stamp_init(Stamp *s, const GwEntry *e, const GwRules *rules, const GDate *as_of, const char *input,
                           GError **error)
{
    memset(s, 0, sizeof *s);
    GDate since;
    s->status = gw_entry_status(e, rules, as_of, &since, &s->reason);
    if (s->status == GW_STATUS_INVALID) {
        g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "%s: its register row has a problem: %s", input, s->reason);
        g_free(s->reason);
        return FALSE;
    }
    s->label = g_strdup(gw_status_label(s->status));
    s->since = g_date_valid(&since) ? gw_date_format_iso(&since) : g_strdup("");
    if (s->status == GW_STATUS_EXPIRED) {
        /* the notice names the last day in force, as 失效日期 does */
        GDate last = since;
        g_date_subtract_days(&last, 1);
        char *d = gw_date_format_cn(&last);
        s->notice = g_strdup_printf("本文件已于%s失效", d);
        s->mark = "已失效";
        g_free(d);
    } else if (s->status == GW_STATUS_REPEALED) {
        char *d = gw_date_format_cn(&since);
        const char *basis = gw_entry_get(e, GW_FIELD_REPEALED_BY);
        s->notice = *basis ? g_strdup_printf("本文件已于%s废止（依据：%s）", d, basis)
                           : g_strdup_printf("本文件已于%s废止", d);
        s->mark = "已废止";
        g_free(d);
    }
    return TRUE;
}

static void stamp_clear(Stamp *s)
{
    g_free(s->label);
    g_free(s->since);
    g_free(s->reason);
    g_free(s->notice);
}

/* ---- PDF ----------------------------------------------------------------- */

static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int length)
{
    g_byte_array_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *stamp_layout(cairo_t *cr, const char *text, double size, double width)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72); /* sizes in points */
    pango_layout_context_changed(layout);
    PangoFontDescription *font = pango_font_description_from_string("Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif Bold");
    pango_font_description_set_size(font, (int) (size * PANGO_SCALE));
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    if (width > 0) {
        pango_layout_set_width(layout, (int) (width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    }
    pango_layout_set_text(layout, text, -1);
    return layout;
}

/* The diagonal mark, as outlines so that it adds no words to the page text. */
static void draw_mark(cairo_t *cr, const char *mark, double w, double h)
{
    PangoLayout *layout = stamp_layout(cr, mark, MIN(w, h) / 5.0, 0);
    int lw, lh;
    pango_layout_get_size(layout, &lw, &lh);
    cairo_save(cr);
    cairo_translate(cr, w / 2, h / 2);
    cairo_rotate(cr, -M_PI / 4);
    cairo_move_to(cr, -lw / (2.0 * PANGO_SCALE), -lh / (2.0 * PANGO_SCALE));
    pango_cairo_layout_path(cr, layout);
    cairo_set_source_rgba(cr, 0.85, 0.1, 0.1, 0.16);
    cairo_fill(cr);
    cairo_restore(cr);
    g_object_unref(layout);
}

/* The notice, as text, in a framed box in the top margin. */
static void draw_notice(cairo_t *cr, const char *notice, double w)
{
    const double top = 14, pad = 5, size = 14;
    PangoLayout *layout = stamp_layout(cr, notice, size, w * 0.8);
    int lw, lh;
    pango_layout_get_size(layout, &lw, &lh);
    double bw = w * 0.8 + 2 * pad, bh = lh / (double) PANGO_SCALE + 2 * pad;
    cairo_rectangle(cr, (w - bw) / 2, top, bw, bh);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.8, 0, 0);
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
    cairo_move_to(cr, (w - bw) / 2 + pad, top + pad);
    pango_cairo_show_layout(cr, layout);
    g_object_unref(layout);
}

/* Stamp pages: the first for page one (notice + mark), then one mark page per
 * distinct size of the other pages; `page_of` maps each page to its stamp. */
static GByteArray *draw_pdf_stamp(const Stamp *s, const double *sizes, guint n_pages, int *page_of)
{
    GByteArray *bytes = g_byte_array_new();
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(append_bytes, bytes, sizes[0], sizes[1]);
    cairo_t *cr = cairo_create(surface);
    draw_mark(cr, s->mark, sizes[0], sizes[1]);
    draw_notice(cr, s->notice, sizes[0]);
    cairo_show_page(cr);
    page_of[0] = 0;
    GArray *made = g_array_new(FALSE, FALSE, sizeof(double) * 2); /* sizes of mark pages 1.. */
    for (guint i = 1; i < n_pages; i++) {
        double w = sizes[2 * i], h = sizes[2 * i + 1];
        guint k;
        for (k = 0; k < made->len; k++) {
            const double *m = &g_array_index(made, double, 2 * k);
            if (fabs(m[0] - w) < 0.5 && fabs(m[1] - h) < 0.5)
                break;
        }
        if (k == made->len) {
            double wh[2] = { w, h };
            g_array_append_vals(made, wh, 1);
            cairo_pdf_surface_set_size(surface, w, h);
            draw_mark(cr, s->mark, w, h);
            cairo_show_page(cr);
        }
        page_of[i] = (int) k + 1;
    }
    g_array_unref(made);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return bytes;
}

static gboolean stamp_pdf(const char *input, const char *output, const Stamp *s, GError **error)
{
    GArray *sizes = g_array_new(FALSE, FALSE, sizeof(double));
    GByteArray *stamp = NULL;
    int *page_of = NULL;
    gboolean ok = gwi_pdf_page_sizes(input, sizes, error);
    /* No pages limit here: that limit guards layout (~2 ms a page), while a
     * stamp costs little per page, and qpdf counts a page object reached
     * twice in the page tree once, so a PDF's pages are bounded by its bytes. */
    guint n_pages = sizes->len / 2;
    if (ok && s->notice && n_pages > 0) {
        page_of = g_new(int, n_pages);
        stamp = draw_pdf_stamp(s, (const double *) (void *) sizes->data, n_pages, page_of);
    }
    GwOutput *out = ok ? gw_output_open(output, error) : NULL;
    if (out) {
        const char *keys[] = { "/GongwenStatus", "/GongwenStatusDate", "/GongwenStatusReason", NULL };
        const char *values[] = { s->label, s->since, s->reason, NULL };
        ok = gwi_pdf_overlay(input, gw_output_stream(out), stamp ? stamp->data : NULL, stamp ? stamp->len : 0,
                             page_of, keys, values, error);
        ok = ok ? gw_output_commit(out, error) : (gw_output_abort(out), FALSE);
    } else
        ok = FALSE;
    g_free(page_of);
    if (stamp)
        g_byte_array_unref(stamp);
    g_array_unref(sizes);
    return ok;
}

/* ---- DOCX ---------------------------------------------------------------- */

#define NS_VT "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#define CUSTOM_FMTID "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
#define CUSTOM_TYPE "application/vnd.openxmlformats-officedocument.custom-properties+xml"
#define CUSTOM_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"

static const char *const custom_names[] = { "有效性", "有效性日期", "有效性依据" };

static char *xml_dump(xmlDocPtr doc, gsize *len)
{
    xmlChar *buf = NULL;
    int n = 0;
    xmlDocDumpMemoryEnc(doc, &buf, &n, "UTF-8");
    char *s = g_strndup((const char *) buf, (gsize) n);
    xmlFree(buf);
    *len = (gsize) n;
    return s;
}

static xmlNodePtr first_element(xmlNodePtr n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

/* word/document.xml with a red, centred, bold notice as its first paragraph. */
static char *docx_insert_notice(const char *xml, gsize len, const char *name, const char *notice, gsize *out_len,
                                GError **error)
{
    xmlDocPtr doc = gwi_xml_parse(xml, len, name, "word/document.xml", error);
    if (!doc)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc), body = NULL;
    for (xmlNodePtr n = root ? root->children : NULL; n && !body; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *) n->name, "body") == 0)
            body = n;
    if (!body) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: word/document.xml has no body", name);
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlNsPtr w = body->ns;
    xmlNodePtr p = xmlNewDocNode(doc, w, BAD_CAST "p", NULL);
    xmlNodePtr ppr = xmlNewChild(p, w, BAD_CAST "pPr", NULL);
    xmlNewNsProp(xmlNewChild(ppr, w, BAD_CAST "jc", NULL), w, BAD_CAST "val", BAD_CAST "center");
    xmlNodePtr r = xmlNewChild(p, w, BAD_CAST "r", NULL);
    xmlNodePtr rpr = xmlNewChild(r, w, BAD_CAST "rPr", NULL);
    xmlNodePtr fonts = xmlNewChild(rpr, w, BAD_CAST "rFonts", NULL);
    static const char *const font_attrs[] = { "ascii", "hAnsi", "eastAsia" };
    for (guint i = 0; i < G_N_ELEMENTS(font_attrs); i++)
        xmlNewNsProp(fonts, w, BAD_CAST font_attrs[i], BAD_CAST "黑体");
    xmlNewChild(rpr, w, BAD_CAST "b", NULL);
    xmlNewNsProp(xmlNewChild(rpr, w, BAD_CAST "color", NULL), w, BAD_CAST "val", BAD_CAST "FF0000");
    xmlNewNsProp(xmlNewChild(rpr, w, BAD_CAST "sz", NULL), w, BAD_CAST "val", BAD_CAST "32");
    xmlNewTextChild(r, w, BAD_CAST "t", BAD_CAST notice);
    xmlNodePtr first = first_element(body->children);
    if (first)
        xmlAddPrevSibling(first, p);
    else
        xmlAddChild(body, p);
    char *out = xml_dump(doc, out_len);
    xmlFreeDoc(doc);
    return out;
}

/* docProps/custom.xml with our properties replaced or added. */
static char *docx_custom(const char *xml, gsize len, const char *name, const Stamp *s, gsize *out_len, GError **error)
{
    static const char empty[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
        "xmlns:vt=\"" NS_VT "\"/>";
    xmlDocPtr doc = xml ? gwi_xml_parse(xml, len, name, "docProps/custom.xml", error)
                        : gwi_xml_parse(empty, strlen(empty), name, "docProps/custom.xml", error);
    if (!doc)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    int pid = 1;
    for (xmlNodePtr n = root->children, next; n; n = next) {
        next = n->next;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *pname = xmlGetProp(n, BAD_CAST "name"), *ppid = xmlGetProp(n, BAD_CAST "pid");
        gboolean ours = pname && g_strv_contains(custom_names, (const char *) pname);
        if (ours) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        } else if (ppid)
            pid = MAX(pid, atoi((const char *) ppid));
        xmlFree(pname);
        xmlFree(ppid);
    }
    xmlNsPtr vt = xmlSearchNsByHref(doc, root, BAD_CAST NS_VT);
    if (!vt)
        vt = xmlNewNs(root, BAD_CAST NS_VT, BAD_CAST "vt");
    const char *values[] = { s->label, s->since, s->reason };
    for (guint i = 0; i < G_N_ELEMENTS(custom_names); i++) {
        xmlNodePtr prop = xmlNewChild(root, root->ns, BAD_CAST "property", NULL);
        char *id = g_strdup_printf("%d", ++pid);
        xmlNewProp(prop, BAD_CAST "fmtid", BAD_CAST CUSTOM_FMTID);
        xmlNewProp(prop, BAD_CAST "pid", BAD_CAST id);
        xmlNewProp(prop, BAD_CAST "name", BAD_CAST custom_names[i]);
        xmlNewTextChild(prop, vt, BAD_CAST "lpwstr", BAD_CAST values[i]);
        g_free(id);
    }
    char *out = xml_dump(doc, out_len);
    xmlFreeDoc(doc);
    return out;
}

/* A package part (content types or relationships) with a child element
 * added unless one with attribute `key`=`value` is there. */
static char *docx_ensure_child(const char *xml, gsize len, const char *name, const char *part, const char *element,
                               const char *key, const char *value, const char *const *attrs, gsize *out_len,
                               GError **error)
{
    xmlDocPtr doc = gwi_xml_parse(xml, len, name, part, error);
    if (!doc)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    gboolean present = FALSE;
    for (xmlNodePtr n = root->children; n && !present; n = n->next) {
        xmlChar *v = n->type == XML_ELEMENT_NODE ? xmlGetProp(n, BAD_CAST key) : NULL;
        present = v && strcmp((const char *) v, value) == 0;
        xmlFree(v);
    }
    if (!present) {
        xmlNodePtr child = xmlNewChild(root, root->ns, BAD_CAST element, NULL);
        for (guint i = 0; attrs[i]; i += 2)
            xmlNewProp(child, BAD_CAST attrs[i], BAD_CAST attrs[i + 1]);
    }
    char *out = xml_dump(doc, out_len);
    xmlFreeDoc(doc);
    return out;
}

/* The new content of a part we change, or NULL to copy it unchanged. */
static char *docx_part(zip_t *src, const char *entry, const char *name, const Stamp *s, gboolean has_custom,
                       gsize *len, GError **error)
{
    static const char *const override[] = { "PartName", "/docProps/custom.xml", "ContentType", CUSTOM_TYPE, NULL };
    static const char *const rel[] = { "Id", "rIdGongwenCustom", "Type", CUSTOM_REL, "Target", "docProps/custom.xml", NULL };
    gboolean doc = strcmp(entry, "word/document.xml") == 0 && s->notice;
    gboolean custom = strcmp(entry, "docProps/custom.xml") == 0;
    gboolean types = strcmp(entry, "[Content_Types].xml") == 0 && !has_custom;
    gboolean rels = strcmp(entry, "_rels/.rels") == 0 && !has_custom;
    if (!doc && !custom && !types && !rels)
        return NULL;
    gsize n;
    char *xml = gwi_zip_read(src, entry, &n, name, error);
    char *out = NULL;
    if (xml && doc)
        out = docx_insert_notice(xml, n, name, s->notice, len, error);
    else if (xml && custom)
        out = docx_custom(xml, n, name, s, len, error);
    else if (xml && types)
        out = docx_ensure_child(xml, n, name, entry, "Override", "PartName", override[1], override, len, error);
    else if (xml)
        out = docx_ensure_child(xml, n, name, entry, "Relationship", "Type", CUSTOM_REL, rel, len, error);
    g_free(xml);
    return out;
}

static gboolean copy_entry(GwiZipOut *out, zip_t *src, zip_uint64_t i, const char *entry, GError **error)
{
    gboolean ok;
    if (g_str_has_suffix(entry, "/"))
        ok = zip_dir_add(out->za, entry, ZIP_FL_ENC_UTF_8) >= 0;
    else {
        zip_source_t *zs = zip_source_zip(out->za, src, i, 0, 0, -1);
        ok = zs && zip_file_add(out->za, entry, zs, ZIP_FL_ENC_UTF_8) >= 0;
        if (zs && !ok)
            zip_source_free(zs);
    }
    if (!ok)
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "cannot copy %s: %s", entry, zip_strerror(out->za));
    return ok;
}

static GBytes *docx_stamped(const char *data, gsize len, const char *name, const Stamp *s, GError **error)
{
    zip_t *src = gwi_zip_open_memory(data, len, name, error);
    if (!src)
        return NULL;
    GError *local = NULL;
    GwiZipOut *out = gwi_zip_new_memory(&local);
    gboolean has_custom = zip_name_locate(src, "docProps/custom.xml", 0) >= 0;
    if (out && zip_name_locate(src, "word/document.xml", 0) < 0)
        g_set_error(&local, GW_ERROR, GW_ERROR_FORMAT, "%s: not a DOCX (no word/document.xml)", name);
    zip_int64_t n = zip_get_num_entries(src, 0);
    for (zip_int64_t i = 0; !local && i < n; i++) {
        const char *entry = zip_get_name(src, (zip_uint64_t) i, 0);
        if (!entry) {
            g_set_error(&local, GW_ERROR, GW_ERROR_FORMAT, "%s: zip entry %" G_GINT64_FORMAT " has no name", name, i);
            break;
        }
        if (!gwi_zip_name_is_safe(entry))
            continue; /* "../../x" and the like are not parts: not copied */
        gsize plen = 0;
        char *part = docx_part(src, entry, name, s, has_custom, &plen, &local);
        if (part)
            gwi_zip_add(out, entry, part, plen, &local);
        else if (!local)
            copy_entry(out, src, (zip_uint64_t) i, entry, &local);
        g_free(part);
    }
    if (!local && !has_custom) {
        gsize clen;
        char *custom = docx_custom(NULL, 0, name, s, &clen, &local);
        if (custom)
            gwi_zip_add(out, "docProps/custom.xml", custom, clen, &local);
        g_free(custom);
    }
    GBytes *bytes = NULL;
    if (!local)
        bytes = gwi_zip_finish(out, &local);
    else if (out)
        gwi_zip_discard(out);
    zip_discard(src); /* after the output: its entries were read from src */
    if (local)
        g_propagate_error(error, local);
    return bytes;
}

static gboolean stamp_docx(const char *input, const char *data, gsize len, const char *output, const Stamp *s,
                           GError **error)
{
    GBytes *bytes = docx_stamped(data, len, input, s, error);
    return bytes && gwi_write_bytes(output, bytes, error);
}

gboolean gw_stamp_file(const char *input, const char *output, const GwEntry *entry, const GwRules *rules,
                       const GDate *as_of, GError **error)
{
    Stamp s;
    if (!stamp_init(&s, entry, rules, as_of, input, error))
        return FALSE;
    gsize len = 0;
    char *data = gwi_read_file(input, &len, error);
    gboolean ok = FALSE;
    if (data && len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        ok = stamp_pdf(input, output, &s, error);
    else if (data && len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        ok = stamp_docx(input, data, len, output, &s, error);
    else if (data)
        g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED, "%s: only DOCX and PDF files can be stamped", input);
    g_free(data);
    stamp_clear(&s);
    return ok;
}
