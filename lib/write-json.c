/* write-json.c: the document model as JSON (schema: doc/json-schema.md).
 * Unset values are left out; blocks are walked without recursion, so any
 * nesting depth is safe (notes inside notes recurse once per level). */
#include <string.h>
#include "gongwen/gongwen.h"
#include "model-imp.h"

/* A comma before a value unless it opens an object or array or follows a
 * key: callers never track "first element" themselves. */
static void sep(GString *o)
{
    char last = o->len ? o->str[o->len - 1] : 0;
    if (last && last != '{' && last != '[' && last != ':')
        g_string_append_c(o, ',');
}

void gwi_json_put_string(GString *o, const char *s)
{
    char *valid = g_utf8_make_valid(s ? s : "", -1);
    g_string_append_c(o, '"');
    for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        switch (c) {
        case '"':
            g_string_append(o, "\\\"");
            break;
        case '\\':
            g_string_append(o, "\\\\");
            break;
        case '\n':
            g_string_append(o, "\\n");
            break;
        case '\t':
            g_string_append(o, "\\t");
            break;
        case '\r':
            g_string_append(o, "\\r");
            break;
        default:
            /* Control characters, and the separators JavaScript rejects. */
            if (c < 0x20 || c == 0x2028 || c == 0x2029)
                g_string_append_printf(o, "\\u%04x", c);
            else
                g_string_append_len(o, p, g_utf8_next_char(p) - p);
        }
    }
    g_string_append_c(o, '"');
    g_free(valid);
}

static void key(GString *o, const char *name)
{
    sep(o);
    gwi_json_put_string(o, name);
    g_string_append_c(o, ':');
}

static void str_field(GString *o, const char *name, const char *value)
{
    if (!value)
        return;
    key(o, name);
    gwi_json_put_string(o, value);
}

static void num_field(GString *o, const char *name, double value)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (!gw_is_set(value) || !isfinite(value))
        return;
    key(o, name);
    g_string_append(o, g_ascii_formatd(buf, sizeof buf, "%.6g", value));
}

static void int_field(GString *o, const char *name, long value)
{
    key(o, name);
    g_string_append_printf(o, "%ld", value);
}

/* true when on; with `tristate`, also false when explicitly off (0). */
static void bool_field(GString *o, const char *name, int value, gboolean tristate)
{
    if (value > 0 || (tristate && value == 0)) {
        key(o, name);
        g_string_append(o, value > 0 ? "true" : "false");
    }
}

static void color_field(GString *o, const char *name, gint32 rgb)
{
    if (rgb < 0)
        return;
    char hex[8];
    g_snprintf(hex, sizeof hex, "#%06X", (unsigned) rgb & 0xFFFFFF);
    str_field(o, name, hex);
}

static void run_style(GString *o, const GwRunStyle *s)
{
    static const char *const vert[] = { NULL, "super", "sub" };
    GString *fields = g_string_new("{");
    str_field(fields, "font", s->font);
    str_field(fields, "font_ea", s->font_ea);
    num_field(fields, "size", s->size);
    num_field(fields, "letter_spacing", s->letter_spacing);
    num_field(fields, "scale", s->scale);
    num_field(fields, "rise", s->rise);
    if (s->fit_width > 0) {
        num_field(fields, "fit_width", s->fit_width);
        num_field(fields, "fit_id", s->fit_id);
    }
    bool_field(fields, "bold", s->bold, TRUE);
    bool_field(fields, "italic", s->italic, TRUE);
    bool_field(fields, "underline", s->underline, TRUE);
    bool_field(fields, "strike", s->strike, TRUE);
    if (s->caps == GW_CAPS_ALL || s->caps == GW_CAPS_SMALL)
        str_field(fields, "caps", s->caps == GW_CAPS_ALL ? "all" : "small");
    static const char *const marks[] = { NULL, "dot", "comma", "circle", "under_dot" };
    if (s->emphasis > 0 && s->emphasis <= GW_EMPHASIS_UNDER_DOT)
        str_field(fields, "emphasis", marks[s->emphasis]);
    color_field(fields, "color", s->color);
    color_field(fields, "highlight", s->highlight);
    if ((guint) s->vert < G_N_ELEMENTS(vert))
        str_field(fields, "vert", vert[s->vert]);
    if (fields->len > 1) {
        key(o, "style");
        g_string_append_len(o, fields->str, fields->len);
        g_string_append_c(o, '}');
    }
    g_string_free(fields, TRUE);
}

/* A paragraph's rule above or below it: {"width", "color", "space"}. */
static void para_border(GString *o, const char *name, const GwBorder *b, double space)
{
    if (!(b->width > 0))
        return;
    key(o, name);
    g_string_append_c(o, '{');
    num_field(o, "width", b->width);
    color_field(o, "color", b->color);
    num_field(o, "space", space);
    g_string_append_c(o, '}');
}

/* A paragraph's own tab stops: [{"pos", "align", "dots"}]. */
static void tab_stops(GString *o, const GwParaStyle *s)
{
    static const char *const aligns[] = { "left", "center", "right", "decimal" };
    if (!s->n_tabs)
        return;
    key(o, "tabs");
    g_string_append_c(o, '[');
    for (guint i = 0; i < s->n_tabs; i++) {
        sep(o);
        g_string_append_c(o, '{');
        num_field(o, "pos", s->tabs[i].pos);
        if ((guint) s->tabs[i].align < G_N_ELEMENTS(aligns))
            str_field(o, "align", aligns[s->tabs[i].align]);
        bool_field(o, "dots", s->tabs[i].dots, FALSE);
        g_string_append_c(o, '}');
    }
    g_string_append_c(o, ']');
}

static void para_style(GString *o, const GwParaStyle *s)
{
    static const char *const aligns[] = { NULL, "left", "center", "right", "justify", "distribute", "inside", "outside" };
    GString *fields = g_string_new("{");
    if ((guint) s->align < G_N_ELEMENTS(aligns))
        str_field(fields, "align", aligns[s->align]);
    num_field(fields, "indent_first", s->indent_first);
    num_field(fields, "indent_first_chars", s->indent_first_chars);
    num_field(fields, "indent_left", s->indent_left);
    num_field(fields, "indent_right", s->indent_right);
    num_field(fields, "space_before", s->space_before);
    num_field(fields, "space_after", s->space_after);
    num_field(fields, "line_exact", s->line_exact);
    num_field(fields, "line_multiple", s->line_multiple);
    num_field(fields, "line_at_least", s->line_at_least);
    bool_field(fields, "keep_next", s->keep_next, FALSE);
    bool_field(fields, "page_break_before", s->page_break_before, FALSE);
    bool_field(fields, "keep_lines", s->keep_lines, FALSE);
    bool_field(fields, "widow_control", s->widow_control, FALSE);
    bool_field(fields, "off_grid", s->off_grid, FALSE);
    bool_field(fields, "autospace", s->autospace, FALSE);
    bool_field(fields, "rtl", s->rtl, FALSE);
    bool_field(fields, "no_hanging_punct", s->no_hanging_punct, FALSE);
    color_field(fields, "shading", s->shading);
    tab_stops(fields, s);
    str_field(fields, "style_name", s->style_name);
    para_border(fields, "border_top", &s->border_top, s->border_space_top);
    para_border(fields, "border_bottom", &s->border_bottom, s->border_space_bottom);
    para_border(fields, "border_left", &s->border_left, s->border_space_left);
    para_border(fields, "border_right", &s->border_right, s->border_space_right);
    run_style(fields, &s->run);
    if (fields->len > 1) {
        key(o, "style");
        g_string_append_len(o, fields->str, fields->len);
        g_string_append_c(o, '}');
    }
    g_string_free(fields, TRUE);
}

/* A floating picture's place: {"behind":…, "h": {"from", "align" or
 * "offset"}, "v": {…}}. */
static void placement_axis(GString *o, const char *name, GwPlaceFrom from, GwPlaceAlign align, double offset)
{
    static const char *const froms[] = { "page", "margin", "paragraph" };
    static const char *const aligns[] = { NULL, "start", "center", "end" };
    key(o, name);
    g_string_append_c(o, '{');
    str_field(o, "from", froms[from]);
    if (align == GW_PLACE_OFFSET)
        num_field(o, "offset", offset);
    else
        str_field(o, "align", aligns[align]);
    g_string_append_c(o, '}');
}

static void placement(GString *o, const GwPlacement *pl)
{
    if (!pl->floating)
        return;
    key(o, "floating");
    g_string_append_c(o, '{');
    bool_field(o, "behind", pl->behind, TRUE);
    placement_axis(o, "h", pl->h_from, pl->h_align, pl->x);
    placement_axis(o, "v", pl->v_from, pl->v_align, pl->y);
    g_string_append_c(o, '}');
}

static void image(GString *o, const GwImage *img)
{
    if (!img)
        return;
    gsize len = 0;
    const guchar *data = img->data ? g_bytes_get_data(img->data, &len) : NULL;
    key(o, "image");
    g_string_append_c(o, '{');
    str_field(o, "mime", img->mime);
    num_field(o, "width", img->width);
    num_field(o, "height", img->height);
    str_field(o, "alt", img->alt);
    placement(o, &img->placement);
    int_field(o, "bytes", (long) len);
    if (len) {
        char *b64 = g_base64_encode(data, len);
        str_field(o, "data", b64);
        g_free(b64);
    }
    g_string_append_c(o, '}');
}

static void line_shape(GString *o, const GwLineShape *line)
{
    if (!line)
        return;
    key(o, "line");
    g_string_append_c(o, '{');
    num_field(o, "width", line->width);
    num_field(o, "height", line->height);
    bool_field(o, "rising", line->rising, FALSE);
    num_field(o, "stroke", line->stroke);
    color_field(o, "color", line->color);
    placement(o, &line->placement);
    g_string_append_c(o, '}');
}

static void block_array(GString *o, const char *name, GPtrArray *blocks);

static void run(GString *o, GwRun *r)
{
    static const char *const kinds[] = { "text", "tab", "line_break", "image", "note", "field", "line_shape" };
    static const char *const fields[] = { NULL, "page", "numpages" };
    sep(o);
    g_string_append_c(o, '{');
    str_field(o, "kind", (guint) r->kind < G_N_ELEMENTS(kinds) ? kinds[r->kind] : "unknown");
    str_field(o, "text", r->text);
    run_style(o, &r->style);
    str_field(o, "link", r->link);
    bool_field(o, "lead", r->lead, FALSE);
    if ((guint) r->field < G_N_ELEMENTS(fields))
        str_field(o, "field", fields[r->field]);
    str_field(o, "format", r->field_format);
    image(o, r->image);
    line_shape(o, r->line_shape);
    block_array(o, "note", r->note);
    g_string_append_c(o, '}');
}

static void borders(GString *o, const char *name, const GwBorder *b)
{
    static const char *const sides[GW_N_SIDES] = { "top", "left", "bottom", "right", "inside_h", "inside_v" };
    GString *fields = g_string_new("{");
    for (int i = 0; i < GW_N_SIDES; i++) {
        if (!gw_is_set(b[i].width) && b[i].color < 0)
            continue;
        key(fields, sides[i]);
        g_string_append_c(fields, '{');
        num_field(fields, "width", b[i].width);
        color_field(fields, "color", b[i].color);
        g_string_append_c(fields, '}');
    }
    if (fields->len > 1) {
        key(o, name);
        g_string_append_len(o, fields->str, fields->len);
        g_string_append_c(o, '}');
    }
    g_string_free(fields, TRUE);
}

static void page_setup(GString *o, const char *name, const GwPageSetup *p);

static void table_fields(GString *o, const GwBlock *b)
{
    static const char *const valigns[] = { NULL, "center", "bottom" };
    switch (b->kind) {
    case GW_BLOCK_TABLE:
        key(o, "columns");
        g_string_append_c(o, '[');
        for (guint i = 0; i < b->n_cols; i++) {
            sep(o);
            if (gw_is_set(b->col_widths[i]) && isfinite(b->col_widths[i])) {
                char buf[G_ASCII_DTOSTR_BUF_SIZE];
                g_string_append(o, g_ascii_formatd(buf, sizeof buf, "%.6g", b->col_widths[i]));
            } else {
                g_string_append(o, "null");
            }
        }
        g_string_append_c(o, ']');
        borders(o, "borders", b->borders);
        num_field(o, "indent", b->box_x);
        break;
    case GW_BLOCK_TABLE_ROW:
        bool_field(o, "header", b->header_row, FALSE);
        num_field(o, "height", b->row_height);
        break;
    case GW_BLOCK_TABLE_CELL:
        int_field(o, "col", b->col);
        int_field(o, "colspan", b->colspan);
        int_field(o, "rowspan", b->rowspan);
        if ((guint) b->valign < G_N_ELEMENTS(valigns))
            str_field(o, "valign", valigns[b->valign]);
        color_field(o, "shading", b->shading);
        borders(o, "borders", b->borders);
        break;
    case GW_BLOCK_TEXT_BOX:
        num_field(o, "width", b->box_width);
        num_field(o, "x", b->box_x);
        bool_field(o, "x_from_page", b->box_x_page, FALSE);
        break;
    default:
        break;
    }
}

static gboolean enter_block(GwBlock *b, int depth, gpointer user)
{
    GString *o = user;
    (void) depth;
    sep(o);
    g_string_append_c(o, '{');
    str_field(o, "kind", gw_block_kind_name(b->kind));
    if (b->level > 0)
        int_field(o, "level", b->level);
    str_field(o, "label", b->label);
    str_field(o, "anchor", b->anchor);
    if (b->kind == GW_BLOCK_LIST)
        bool_field(o, "ordered", b->ordered, TRUE);
    para_style(o, &b->style);
    table_fields(o, b);
    image(o, b->image);
    if (b->page)
        page_setup(o, "page", b->page);
    if (b->runs) {
        key(o, "runs");
        g_string_append_c(o, '[');
        for (guint i = 0; i < b->runs->len; i++)
            run(o, b->runs->pdata[i]);
        g_string_append_c(o, ']');
    }
    if (gw_block_n_children(b)) {
        key(o, "children");
        g_string_append_c(o, '[');
    }
    return TRUE;
}

static gboolean leave_block(GwBlock *b, int depth, gpointer user)
{
    GString *o = user;
    (void) depth;
    if (gw_block_n_children(b))
        g_string_append_c(o, ']');
    g_string_append_c(o, '}');
    return TRUE;
}

static void block_array(GString *o, const char *name, GPtrArray *blocks)
{
    if (!blocks)
        return;
    key(o, name);
    g_string_append_c(o, '[');
    for (guint i = 0; i < blocks->len; i++)
        gwi_block_walk(blocks->pdata[i], enter_block, leave_block, o);
    g_string_append_c(o, ']');
}

static void stories(GString *o, const char *name, GPtrArray *const *s)
{
    if (!s[0] && !s[1] && !s[2])
        return;
    key(o, name);
    g_string_append_c(o, '{');
    block_array(o, "default", s[0]);
    block_array(o, "first", s[1]);
    block_array(o, "even", s[2]);
    g_string_append_c(o, '}');
}

static void page_setup(GString *o, const char *name, const GwPageSetup *p)
{
    key(o, name);
    g_string_append_c(o, '{');
    num_field(o, "width", p->width);
    num_field(o, "height", p->height);
    num_field(o, "margin_top", p->margin_top);
    num_field(o, "margin_bottom", p->margin_bottom);
    num_field(o, "margin_left", p->margin_left);
    num_field(o, "margin_right", p->margin_right);
    num_field(o, "header_distance", p->header_distance);
    num_field(o, "footer_distance", p->footer_distance);
    bool_field(o, "landscape", p->landscape, FALSE);
    bool_field(o, "title_page", p->title_page, FALSE);
    bool_field(o, "even_and_odd", p->even_and_odd, FALSE);
    if (p->default_tab > 0)
        num_field(o, "default_tab", p->default_tab);
    bool_field(o, "continuous", p->continuous, FALSE);
    num_field(o, "line_pitch", p->line_pitch);
    num_field(o, "char_pitch", p->char_pitch);
    if (p->page_number_start > 0)
        int_field(o, "page_number_start", p->page_number_start);
    if (*p->page_number_format)
        str_field(o, "page_number_format", p->page_number_format);
    stories(o, "header", p->header);
    stories(o, "footer", p->footer);
    g_string_append_c(o, '}');
}

static void meta(GString *o, GwDocument *doc)
{
    GList *keys = g_list_sort(g_hash_table_get_keys(doc->meta), (GCompareFunc) strcmp);
    key(o, "meta");
    g_string_append_c(o, '{');
    for (GList *l = keys; l; l = l->next)
        str_field(o, l->data, g_hash_table_lookup(doc->meta, l->data));
    g_string_append_c(o, '}');
    g_list_free(keys);
    key(o, "custom");
    g_string_append_c(o, '[');
    for (guint i = 0; i < doc->custom_names->len; i++) {
        sep(o);
        g_string_append_c(o, '{');
        str_field(o, "name", doc->custom_names->pdata[i]);
        str_field(o, "value", doc->custom_values->pdata[i]);
        g_string_append_c(o, '}');
    }
    g_string_append_c(o, ']');
}

char *gw_document_to_json(GwDocument *doc)
{
    GString *o = g_string_new("{");
    str_field(o, "format", "gongwen");
    int_field(o, "version", 1);
    meta(o, doc);
    page_setup(o, "page", &doc->page);
    key(o, "warnings");
    g_string_append_c(o, '[');
    for (guint i = 0; i < doc->warnings->len; i++) {
        sep(o);
        gwi_json_put_string(o, doc->warnings->pdata[i]);
    }
    g_string_append_c(o, ']');
    block_array(o, "blocks", doc->blocks);
    g_string_append(o, "}\n");
    return g_string_free(o, FALSE);
}

gboolean gw_write_json(GwDocument *doc, const char *path, GError **error)
{
    char *json = gw_document_to_json(doc);
    gboolean ok = gw_output_write_file(path, json, strlen(json), error);
    g_free(json);
    return ok;
}
