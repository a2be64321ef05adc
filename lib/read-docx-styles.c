/* read-docx-styles.c: run, paragraph and table properties, the theme's
 * fonts, and styles resolved through their basedOn chains. */
#include <string.h>
#include "read-docx.h"

typedef enum { STYLE_PARAGRAPH, STYLE_CHARACTER, STYLE_TABLE, STYLE_OTHER } StyleType;

typedef struct {
    GwiPPr ppr;
    GwiRPr rpr;
    gint32 shading;
} Cond;

static void cond_init(Cond *c)
{
    gwi_ppr_init(&c->ppr);
    gwi_rpr_init(&c->rpr);
    c->shading = GWI_UNSET_COLOR;
}

static void cond_merge(Cond *base, const Cond *top)
{
    gwi_ppr_merge(&base->ppr, &top->ppr);
    gwi_rpr_merge(&base->rpr, &top->rpr);
    if (top->shading != GWI_UNSET_COLOR)
        base->shading = top->shading;
}

typedef struct Style Style;
struct Style {
    char *id, *name, *based_on;
    StyleType type;
    gboolean is_default;
    GwiPPr ppr;
    GwiRPr rpr;
    GwiTblPr tbl;
    /* The style merged with its ancestors, computed once. */
    gboolean resolved, visiting;
    GwiPPr r_ppr;
    GwiRPr r_rpr;
    GwiTblPr r_tbl;
    int heading; /* 1..9, -1 title, 0 none; valid when resolved */
    /* A table style's parts formatted apart (GWI_N_CONDS each, NULL for
     * other styles), its own then merged with its ancestors' (valid when
     * resolved). */
    Cond *cond, *r_cond;
};

/* Theme fonts: [0] major, [1] minor; Latin and East Asian faces. */
typedef struct {
    const char *latin[2], *ea[2];
} Theme;

struct GwiStyles {
    Theme theme;
    GHashTable *by_id; /* id -> Style* */
    Style *defaults[STYLE_OTHER];
    GwiPPr doc_ppr;
    GwiRPr doc_rpr;
};

/* Longest basedOn chain followed; longer ones (or cycles) are cut there. */
#define MAX_CHAIN 64

/* ---- property records --------------------------------------------------- */

void gwi_rpr_init(GwiRPr *r)
{
    memset(r, 0, sizeof *r);
    r->size = r->spacing = r->scale = r->rise = r->fit_width = GW_UNSET;
    r->bold = r->italic = r->underline = r->strike = r->caps = r->emphasis = r->vanish = r->hint_ea = r->vert = -1;
    r->color = r->highlight = GWI_UNSET_COLOR;
}

void gwi_ppr_init(GwiPPr *p)
{
    p->align = -1;
    p->ind_first = p->ind_first_chars = p->ind_left = p->ind_right = GW_UNSET;
    p->space_before = p->space_after = p->line_exact = p->line_multiple = p->line_at_least = GW_UNSET;
    p->keep_next = p->keep_lines = p->widow_control = p->page_break_before = p->snap_to_grid = p->autospace = p->bidi = p->overflow_punct = -1;
    p->outline = p->num_id = p->ilvl = -1;
    p->shading = GWI_UNSET_COLOR;
    p->n_tabs = 0;
    for (int i = 0; i < GW_N_SIDES; i++) {
        p->borders[i].width = GW_UNSET;
        p->borders[i].color = -1;
        p->border_space[i] = 0;
    }
}

void gwi_tblpr_init(GwiTblPr *t)
{
    for (int i = 0; i < GW_N_SIDES; i++) {
        t->borders[i].width = GW_UNSET;
        t->borders[i].color = -1;
    }
    t->shading = GWI_UNSET_COLOR;
    for (int i = 0; i <= GW_SIDE_RIGHT; i++)
        t->margins[i] = GW_UNSET;
    t->align = t->rtl = t->valign = -1;
    t->indent = GW_UNSET;
}

#define MERGE_INT(f) \
    if (top->f != -1) \
    base->f = top->f
#define MERGE_NUM(f) \
    if (gw_is_set(top->f)) \
    base->f = top->f
#define MERGE_COLOR(f) \
    if (top->f != GWI_UNSET_COLOR) \
    base->f = top->f

void gwi_rpr_merge(GwiRPr *base, const GwiRPr *top)
{
    if (top->font)
        base->font = top->font;
    if (top->font_ea)
        base->font_ea = top->font_ea;
    MERGE_NUM(size);
    MERGE_NUM(spacing);
    MERGE_NUM(scale);
    MERGE_NUM(rise);
    if (gw_is_set(top->fit_width)) {
        base->fit_width = top->fit_width;
        base->fit_id = top->fit_id;
    }
    MERGE_INT(bold);
    MERGE_INT(italic);
    MERGE_INT(underline);
    MERGE_INT(strike);
    MERGE_INT(caps);
    MERGE_INT(emphasis);
    MERGE_INT(vanish);
    MERGE_INT(hint_ea);
    MERGE_INT(vert);
    MERGE_COLOR(color);
    MERGE_COLOR(highlight);
}

/* The tab stop of `p` at `pos` (within a hundredth of a point), or -1. */
static int tab_at(const GwiPPr *p, float pos)
{
    for (guint i = 0; i < p->n_tabs; i++)
        if (fabsf(p->tabs[i].pos - pos) < 0.01f)
            return (int) i;
    return -1;
}

/* A tab stop into `p`'s list, which stays sorted by position: it replaces
 * one at its position; a full list drops it. */
static void put_tab(GwiPPr *p, const GwiTab *tab)
{
    int at = tab_at(p, tab->pos);
    if (at < 0) {
        if (p->n_tabs >= GWI_MAX_TABS)
            return;
        guint i = p->n_tabs++;
        for (; i > 0 && p->tabs[i - 1].pos > tab->pos; i--)
            p->tabs[i] = p->tabs[i - 1];
        at = (int) i;
    }
    p->tabs[at] = *tab;
}

/* The stops of `top` over those of `base`: added, or (cleared) removed. */
static void merge_tabs(GwiPPr *base, const GwiPPr *top)
{
    for (guint i = 0; i < top->n_tabs; i++) {
        int at = tab_at(base, top->tabs[i].pos);
        if (!top->tabs[i].cleared) {
            put_tab(base, &top->tabs[i]);
        } else if (at >= 0) {
            memmove(&base->tabs[at], &base->tabs[at + 1], (base->n_tabs - (guint) at - 1) * sizeof base->tabs[0]);
            base->n_tabs--;
        }
    }
}

void gwi_ppr_merge(GwiPPr *base, const GwiPPr *top)
{
    MERGE_INT(align);
    MERGE_NUM(ind_first);
    MERGE_NUM(ind_first_chars);
    MERGE_NUM(ind_left);
    MERGE_NUM(ind_right);
    MERGE_NUM(space_before);
    MERGE_NUM(space_after);
    /* One line rule replaces the other. */
    if (gw_is_set(top->line_exact) || gw_is_set(top->line_multiple) || gw_is_set(top->line_at_least)) {
        base->line_exact = top->line_exact;
        base->line_multiple = top->line_multiple;
        base->line_at_least = top->line_at_least;
    }
    MERGE_INT(keep_next);
    MERGE_INT(keep_lines);
    MERGE_INT(widow_control);
    MERGE_INT(page_break_before);
    MERGE_INT(snap_to_grid);
    MERGE_INT(autospace);
    MERGE_INT(bidi);
    MERGE_INT(overflow_punct);
    MERGE_INT(outline);
    MERGE_COLOR(shading);
    merge_tabs(base, top);
    MERGE_INT(num_id);
    MERGE_INT(ilvl);
    for (int i = 0; i < GW_N_SIDES; i++)
        if (gw_is_set(top->borders[i].width)) {
            base->borders[i] = top->borders[i];
            base->border_space[i] = top->border_space[i];
        }
}

void gwi_tblpr_merge(GwiTblPr *base, const GwiTblPr *top)
{
    for (int i = 0; i < GW_N_SIDES; i++)
        if (gw_is_set(top->borders[i].width))
            base->borders[i] = top->borders[i];
    MERGE_COLOR(shading);
    for (int i = 0; i <= GW_SIDE_RIGHT; i++)
        if (gw_is_set(top->margins[i]))
            base->margins[i] = top->margins[i];
    MERGE_INT(align);
    MERGE_INT(valign);
    MERGE_INT(rtl);
    MERGE_NUM(indent);
}

/* ---- parsing properties ------------------------------------------------- */

gint32 gwi_parse_color(const char *v)
{
    if (!v)
        return GWI_UNSET_COLOR;
    if (strcmp(v, "auto") == 0)
        return -1;
    char *end;
    long c = strtol(v, &end, 16);
    return end - v == 6 && !*end && c >= 0 ? (gint32) c : GWI_UNSET_COLOR;
}

gint32 gwi_named_color(const char *v)
{
    static const struct {
        const char *name;
        gint32 rgb;
    } names[] = {
        { "yellow", 0xFFFF00 },   { "green", 0x00FF00 },      { "cyan", 0x00FFFF },      { "magenta", 0xFF00FF },
        { "blue", 0x0000FF },     { "red", 0xFF0000 },        { "darkBlue", 0x000080 },  { "darkCyan", 0x008080 },
        { "darkGreen", 0x008000 }, { "darkMagenta", 0x800080 }, { "darkRed", 0x800000 }, { "darkYellow", 0x808000 },
        { "darkGray", 0x808080 }, { "lightGray", 0xC0C0C0 },  { "black", 0x000000 },    { "white", 0xFFFFFF },
    };
    for (guint i = 0; v && i < G_N_ELEMENTS(names); i++)
        if (strcmp(v, names[i].name) == 0)
            return names[i].rgb;
    return -1;
}

gint32 gwi_parse_shading(const xmlNode *shd)
{
    if (!shd)
        return GWI_UNSET_COLOR;
    const char *val = gwi_attr(shd, "val");
    gint32 fill = gwi_parse_color(gwi_attr(shd, "fill"));
    if (val && strcmp(val, "solid") == 0) {
        gint32 color = gwi_parse_color(gwi_attr(shd, "color"));
        return color == GWI_UNSET_COLOR ? 0x000000 : color;
    }
    return fill == GWI_UNSET_COLOR ? -1 : fill;
}

/* The theme font an rFonts theme attribute names: major or minor, East
 * Asian or Latin face ("minorHAnsi" names the Latin face in any attribute,
 * eastAsiaTheme too). */
static const char *theme_font(const Theme *t, const char *ref)
{
    if (!ref)
        return NULL;
    int which = g_str_has_prefix(ref, "major") ? 0 : g_str_has_prefix(ref, "minor") ? 1 : -1;
    if (which < 0)
        return NULL;
    return g_str_has_suffix(ref, "EastAsia") ? t->ea[which] : t->latin[which];
}

static const Theme *docx_theme(GwiDocx *d)
{
    static const Theme no_theme;
    return d->styles ? &d->styles->theme : &no_theme;
}

static void parse_fonts(GwiDocx *d, const xmlNode *f, GwiRPr *out)
{
    const Theme *theme = docx_theme(d);
    const char *latin = theme_font(theme, gwi_attr(f, "asciiTheme"));
    if (!latin)
        latin = theme_font(theme, gwi_attr(f, "hAnsiTheme"));
    if (!latin)
        latin = gwi_attr(f, "ascii");
    if (!latin)
        latin = gwi_attr(f, "hAnsi");
    const char *ea = theme_font(theme, gwi_attr(f, "eastAsiaTheme"));
    if (!ea)
        ea = gwi_attr(f, "eastAsia");
    if (latin && *latin)
        out->font = gwi_docx_intern(d, latin);
    if (ea && *ea)
        out->font_ea = gwi_docx_intern(d, ea);
    const char *hint = gwi_attr(f, "hint");
    if (hint)
        out->hint_ea = strcmp(hint, "eastAsia") == 0;
}

/* w:em's value as a GwEmphasis ("none" and unknown values: none). */
static GwEmphasis emphasis_of(const char *v)
{
    static const char *const names[] = { "none", "dot", "comma", "circle", "underDot" };
    for (guint i = 0; v && i < G_N_ELEMENTS(names); i++)
        if (strcmp(v, names[i]) == 0)
            return (GwEmphasis) i;
    return GW_EMPHASIS_NONE;
}

void gwi_parse_rpr(GwiDocx *d, const xmlNode *rpr, GwiRPr *out)
{
    if (!rpr)
        return;
    for (xmlNode *c = gwi_first_elem(rpr); c; c = gwi_next_elem(c)) {
        if (gwi_ns(c) != GWI_NS_W)
            continue;
        const char *n = (const char *) c->name;
        if (strcmp(n, "rFonts") == 0)
            parse_fonts(d, c, out);
        else if (strcmp(n, "b") == 0)
            out->bold = gwi_attr_on(c);
        else if (strcmp(n, "i") == 0)
            out->italic = gwi_attr_on(c);
        else if (strcmp(n, "u") == 0) {
            const char *v = gwi_attr(c, "val");
            out->underline = !(v && strcmp(v, "none") == 0);
        } else if (strcmp(n, "strike") == 0 || strcmp(n, "dstrike") == 0)
            out->strike = gwi_attr_on(c);
        else if (strcmp(n, "caps") == 0)
            out->caps = gwi_attr_on(c) ? GW_CAPS_ALL : GW_CAPS_NONE;
        else if (strcmp(n, "smallCaps") == 0 && out->caps != GW_CAPS_ALL)
            out->caps = gwi_attr_on(c) ? GW_CAPS_SMALL : GW_CAPS_NONE;
        else if (strcmp(n, "em") == 0)
            out->emphasis = (gint8) emphasis_of(gwi_attr(c, "val"));
        else if (strcmp(n, "vanish") == 0)
            out->vanish = gwi_attr_on(c);
        else if (strcmp(n, "color") == 0)
            out->color = gwi_parse_color(gwi_attr(c, "val"));
        else if (strcmp(n, "highlight") == 0)
            out->highlight = gwi_named_color(gwi_attr(c, "val"));
        else if (strcmp(n, "shd") == 0 && out->highlight == GWI_UNSET_COLOR)
            out->highlight = gwi_parse_shading(c);
        else if (strcmp(n, "sz") == 0) {
            double hp = gwi_attr_num(c, "val", -1);
            if (hp > 0 && hp < 10000)
                out->size = hp / 2;
        } else if (strcmp(n, "spacing") == 0) {
            /* twentieths of a point; Word allows -1584..1584 */
            out->spacing = CLAMP(gwi_attr_num(c, "val", 0), -1584, 1584) / 20;
        } else if (strcmp(n, "position") == 0) {
            /* half points; Word allows -3168..3168 */
            out->rise = CLAMP(gwi_attr_num(c, "val", 0), -3168, 3168) / 2;
        } else if (strcmp(n, "fitText") == 0) {
            /* twentieths of a point; the id joins the runs that share the width */
            double w = gwi_attr_num(c, "val", 0) / 20, id = gwi_attr_num(c, "id", 0);
            out->fit_width = w > 0 && w <= 1584 ? w : 0;
            out->fit_id = id >= 0 && id <= G_MAXUINT32 ? (guint32) id : 0;
        } else if (strcmp(n, "w") == 0) {
            /* per cent; Word allows 1..600 */
            out->scale = CLAMP(gwi_attr_num(c, "val", 100), 1, 600) / 100;
        } else if (strcmp(n, "vertAlign") == 0) {
            const char *v = gwi_attr(c, "val");
            out->vert = !v ? -1 : strcmp(v, "superscript") == 0 ? GW_VERT_SUPER
                            : strcmp(v, "subscript") == 0    ? GW_VERT_SUB
                                                             : GW_VERT_NORMAL;
        }
    }
}

static gint8 parse_align(const char *v)
{
    if (!v)
        return -1;
    if (strcmp(v, "left") == 0 || strcmp(v, "start") == 0)
        return GW_ALIGN_LEFT;
    if (strcmp(v, "center") == 0)
        return GW_ALIGN_CENTER;
    if (strcmp(v, "right") == 0 || strcmp(v, "end") == 0)
        return GW_ALIGN_RIGHT;
    if (strcmp(v, "distribute") == 0)
        return GW_ALIGN_DISTRIBUTE;
    if (strcmp(v, "both") == 0 || strstr(v, "ashida") || strstr(v, "istribute"))
        return GW_ALIGN_JUSTIFY;
    return -1;
}

/* A twips attribute in points, NaN when absent. */
static double twips_attr(const xmlNode *n, const char *name)
{
    double v = gwi_attr_num(n, name, GW_UNSET);
    return gw_is_set(v) && fabs(v) < 1e7 ? v / 20.0 : GW_UNSET;
}

/* w:tabs: stops (left, center, right, decimal; start and end as left and
 * right; bar tabs draw nothing and set no stop here) and clearings. */
static void parse_tabs(const xmlNode *tabs, GwiPPr *out)
{
    static const struct {
        const char *name;
        GwTabAlign align;
    } aligns[] = { { "left", GW_TAB_LEFT },   { "start", GW_TAB_LEFT }, { "center", GW_TAB_CENTER },
                   { "right", GW_TAB_RIGHT }, { "end", GW_TAB_RIGHT },  { "decimal", GW_TAB_DECIMAL },
                   { "num", GW_TAB_LEFT } };
    for (const xmlNode *t = gwi_first_elem(tabs); t; t = gwi_next_elem(t)) {
        const char *val = gwi_attr(t, "val"), *leader = gwi_attr(t, "leader");
        double pos = twips_attr(t, "pos");
        if (!gwi_is(t, GWI_NS_W, "tab") || !val || !gw_is_set(pos))
            continue;
        GwiTab tab = { (float) pos, GW_TAB_LEFT, leader && strcmp(leader, "dot") == 0, strcmp(val, "clear") == 0 };
        gboolean known = tab.cleared;
        for (guint i = 0; i < G_N_ELEMENTS(aligns) && !known; i++)
            if (strcmp(val, aligns[i].name) == 0) {
                tab.align = aligns[i].align;
                known = TRUE;
            }
        if (known)
            put_tab(out, &tab);
    }
}

gint8 gwi_parse_valign(const char *v)
{
    return !v ? -1 : strcmp(v, "center") == 0 ? GW_VALIGN_CENTER : strcmp(v, "bottom") == 0 ? GW_VALIGN_BOTTOM : GW_VALIGN_TOP;
}

void gwi_parse_table_placement(const xmlNode *tblpr, GwiTblPr *out)
{
    const xmlNode *jc = gwi_child(tblpr, GWI_NS_W, "jc"), *ind = gwi_child(tblpr, GWI_NS_W, "tblInd");
    const xmlNode *bidi = gwi_child(tblpr, GWI_NS_W, "bidiVisual");
    if (jc) {
        gint8 align = parse_align(gwi_attr(jc, "val"));
        out->align = align == GW_ALIGN_CENTER || align == GW_ALIGN_RIGHT ? align : GW_ALIGN_LEFT;
    }
    const char *type = gwi_attr(ind, "type");
    if (ind && (!type || strcmp(type, "dxa") == 0))
        out->indent = twips_attr(ind, "w");
    if (bidi)
        out->rtl = gwi_attr_on(bidi);
}

static void parse_indent(const xmlNode *ind, GwiPPr *out)
{
    double v;
    if (gw_is_set(v = twips_attr(ind, "left")) || gw_is_set(v = twips_attr(ind, "start")))
        out->ind_left = v;
    if (gw_is_set(v = twips_attr(ind, "right")) || gw_is_set(v = twips_attr(ind, "end")))
        out->ind_right = v;
    if (gw_is_set(v = twips_attr(ind, "firstLine")))
        out->ind_first = v;
    if (gw_is_set(v = twips_attr(ind, "hanging")))
        out->ind_first = -v;
    /* Character units (hundredths); 0 means "use the twips value". */
    double chars = gwi_attr_num(ind, "firstLineChars", GW_UNSET);
    double hanging = gwi_attr_num(ind, "hangingChars", GW_UNSET);
    if (gw_is_set(hanging) && hanging != 0)
        chars = -hanging;
    if (gw_is_set(chars) && fabs(chars) < 1e6)
        out->ind_first_chars = chars / 100.0;
}

static void parse_spacing(const xmlNode *sp, GwiPPr *out)
{
    double v;
    if (gw_is_set(v = twips_attr(sp, "before")))
        out->space_before = v;
    if (gw_is_set(v = twips_attr(sp, "after")))
        out->space_after = v;
    double line = gwi_attr_num(sp, "line", GW_UNSET);
    if (!gw_is_set(line) || line <= 0 || line > 1e6)
        return;
    const char *rule = gwi_attr(sp, "lineRule");
    out->line_exact = out->line_multiple = out->line_at_least = GW_UNSET;
    if (!rule || strcmp(rule, "auto") == 0)
        out->line_multiple = line / 240.0;
    else if (strcmp(rule, "exact") == 0)
        out->line_exact = line / 20.0;
    else
        out->line_at_least = line / 20.0;
}

void gwi_parse_ppr(const xmlNode *ppr, GwiPPr *out)
{
    if (!ppr)
        return;
    for (xmlNode *c = gwi_first_elem(ppr); c; c = gwi_next_elem(c)) {
        if (gwi_ns(c) != GWI_NS_W)
            continue;
        const char *n = (const char *) c->name;
        if (strcmp(n, "jc") == 0)
            out->align = parse_align(gwi_attr(c, "val"));
        else if (strcmp(n, "ind") == 0)
            parse_indent(c, out);
        else if (strcmp(n, "spacing") == 0)
            parse_spacing(c, out);
        else if (strcmp(n, "keepNext") == 0)
            out->keep_next = gwi_attr_on(c);
        else if (strcmp(n, "keepLines") == 0)
            out->keep_lines = gwi_attr_on(c);
        else if (strcmp(n, "widowControl") == 0)
            out->widow_control = gwi_attr_on(c);
        else if (strcmp(n, "pageBreakBefore") == 0)
            out->page_break_before = gwi_attr_on(c);
        else if (strcmp(n, "snapToGrid") == 0)
            out->snap_to_grid = gwi_attr_on(c);
        else if (strcmp(n, "bidi") == 0)
            out->bidi = gwi_attr_on(c);
        else if (strcmp(n, "shd") == 0)
            out->shading = gwi_parse_shading(c);
        else if (strcmp(n, "tabs") == 0)
            parse_tabs(c, out);
        else if (strcmp(n, "overflowPunct") == 0)
            out->overflow_punct = gwi_attr_on(c);
        else if (strcmp(n, "autoSpaceDE") == 0 || strcmp(n, "autoSpaceDN") == 0)
            /* one off is enough to leave the (digits') spacing out */
            out->autospace = out->autospace == 0 ? 0 : gwi_attr_on(c);
        else if (strcmp(n, "outlineLvl") == 0) {
            double lvl = gwi_attr_num(c, "val", -1);
            out->outline = lvl >= 0 && lvl <= 9 ? (int) lvl : -1;
        } else if (strcmp(n, "pBdr") == 0) {
            gwi_parse_borders(c, out->borders, out->border_space);
        } else if (strcmp(n, "numPr") == 0) {
            double id = gwi_attr_num(gwi_child(c, GWI_NS_W, "numId"), "val", -1);
            double lvl = gwi_attr_num(gwi_child(c, GWI_NS_W, "ilvl"), "val", -1);
            if (id >= 0 && id < G_MAXINT)
                out->num_id = (int) id;
            if (lvl >= 0)
                out->ilvl = (int) MIN(lvl, 8);
        }
    }
}

static const struct {
    const char *name;
    int side;
} sides[] = {
    { "top", GW_SIDE_TOP },         { "left", GW_SIDE_LEFT },       { "start", GW_SIDE_LEFT },
    { "bottom", GW_SIDE_BOTTOM },   { "right", GW_SIDE_RIGHT },     { "end", GW_SIDE_RIGHT },
    { "insideH", GW_SIDE_INSIDE_H }, { "insideV", GW_SIDE_INSIDE_V },
};

void gwi_parse_cell_margins(const xmlNode *mar, double *out)
{
    for (xmlNode *c = gwi_first_elem(mar); c; c = gwi_next_elem(c)) {
        for (guint i = 0; i < G_N_ELEMENTS(sides); i++) {
            const char *type = gwi_attr(c, "type");
            double w = gwi_attr_num(c, "w", GW_UNSET);
            if (gwi_is(c, GWI_NS_W, sides[i].name) && sides[i].side <= GW_SIDE_RIGHT && gw_is_set(w) &&
                (!type || strcmp(type, "dxa") == 0))
                out[sides[i].side] = CLAMP(w, 0, 31680) / 20.0;
        }
    }
}

void gwi_parse_borders(const xmlNode *borders, GwBorder *out, double *space)
{
    if (!borders)
        return;
    for (xmlNode *c = gwi_first_elem(borders); c; c = gwi_next_elem(c)) {
        for (guint i = 0; i < G_N_ELEMENTS(sides); i++) {
            if (!gwi_is(c, GWI_NS_W, sides[i].name))
                continue;
            const char *val = gwi_attr(c, "val");
            GwBorder *b = &out[sides[i].side];
            if (!val || strcmp(val, "none") == 0 || strcmp(val, "nil") == 0) {
                b->width = 0;
                b->color = -1;
            } else {
                double sz = gwi_attr_num(c, "sz", 4);
                b->width = CLAMP(sz, 0, 96) / 8.0;
                gint32 color = gwi_parse_color(gwi_attr(c, "color"));
                b->color = color == GWI_UNSET_COLOR ? -1 : color;
            }
            if (space)
                space[sides[i].side] = CLAMP(gwi_attr_num(c, "space", 0), 0, 31);
        }
    }
}

void gwi_rpr_to_style(const GwiRPr *r, GwRunStyle *out)
{
    gw_run_style_clear(out);
    out->font = g_strdup(r->font);
    out->font_ea = g_strdup(r->font_ea);
    out->size = r->size;
    out->bold = r->bold;
    out->italic = r->italic;
    out->underline = r->underline;
    out->strike = r->strike;
    out->caps = r->caps;
    out->emphasis = r->emphasis;
    out->color = r->color == GWI_UNSET_COLOR ? -1 : r->color;
    out->highlight = r->highlight == GWI_UNSET_COLOR ? -1 : r->highlight;
    out->vert = r->vert < 0 ? GW_VERT_NORMAL : (GwVertAlign) r->vert;
    out->letter_spacing = r->spacing;
    out->scale = r->scale;
    out->rise = r->rise;
}

void gwi_ppr_to_style(const GwiPPr *p, GwParaStyle *out)
{
    out->align = p->align < 0 ? GW_ALIGN_DEFAULT : (GwAlign) p->align;
    out->indent_first = p->ind_first;
    out->indent_first_chars = gw_is_set(p->ind_first_chars) && p->ind_first_chars != 0 ? p->ind_first_chars : GW_UNSET;
    out->indent_left = p->ind_left;
    out->indent_right = p->ind_right;
    out->space_before = p->space_before;
    out->space_after = p->space_after;
    out->line_exact = p->line_exact;
    out->line_multiple = p->line_multiple;
    out->line_at_least = p->line_at_least;
    out->keep_next = p->keep_next == 1;
    out->page_break_before = p->page_break_before == 1;
    out->keep_lines = p->keep_lines == 1;
    out->widow_control = p->widow_control == 1;
    out->off_grid = p->snap_to_grid == 0;
    out->autospace = p->autospace != 0;
    out->rtl = p->bidi == 1;
    out->no_hanging_punct = p->overflow_punct == 0;
    out->shading = p->shading == GWI_UNSET_COLOR ? -1 : p->shading;
    GwTabStop stops[GWI_MAX_TABS];
    guint n = 0;
    for (guint i = 0; i < p->n_tabs; i++)
        if (!p->tabs[i].cleared)
            stops[n++] = (GwTabStop){ p->tabs[i].pos, (GwTabAlign) p->tabs[i].align, p->tabs[i].dots };
    gw_para_style_set_tabs(out, stops, n);
    const GwBorder none = { 0, -1 };
    out->border_top = gw_is_set(p->borders[GW_SIDE_TOP].width) ? p->borders[GW_SIDE_TOP] : none;
    out->border_bottom = gw_is_set(p->borders[GW_SIDE_BOTTOM].width) ? p->borders[GW_SIDE_BOTTOM] : none;
    out->border_left = gw_is_set(p->borders[GW_SIDE_LEFT].width) ? p->borders[GW_SIDE_LEFT] : none;
    out->border_right = gw_is_set(p->borders[GW_SIDE_RIGHT].width) ? p->borders[GW_SIDE_RIGHT] : none;
    out->border_space_top = p->border_space[GW_SIDE_TOP];
    out->border_space_bottom = p->border_space[GW_SIDE_BOTTOM];
    out->border_space_left = p->border_space[GW_SIDE_LEFT];
    out->border_space_right = p->border_space[GW_SIDE_RIGHT];
}

/* ---- theme -------------------------------------------------------------- */

/* The settings: whether even pages have headers of their own (into `d`),
 * and the script whose theme faces East Asian text takes, by the language
 * the settings name for choosing theme fonts (w:themeFontLang w:eastAsia),
 * as Word and LibreOffice choose them; NULL when the settings name none
 * (or on an error that stops the reading: `error` is set). */
/* Footnotes' and endnotes' number format and first number (w:footnotePr,
 * w:endnotePr of the settings). */
static void read_note_numbering(GwiDocx *d, const xmlNode *settings)
{
    static const char *const elements[2] = { "footnotePr", "endnotePr" };
    for (int i = 0; i < 2; i++) {
        const xmlNode *pr = gwi_child(settings, GWI_NS_W, elements[i]);
        const char *format = gwi_attr(gwi_child(pr, GWI_NS_W, "numFmt"), "val");
        double start = gwi_attr_num(gwi_child(pr, GWI_NS_W, "numStart"), "val", 1);
        d->note_format[i] = format ? gwi_docx_intern(d, format) : NULL;
        d->note_start[i] = (int) CLAMP(start, 0, 32767);
    }
}

/* The settings' compatibilityMode (Word's version number), 0 when none. */
static int compatibility_mode(const xmlNode *settings)
{
    for (const xmlNode *c = gwi_first_elem(gwi_child(settings, GWI_NS_W, "compat")); c; c = gwi_next_elem(c)) {
        const char *name = gwi_is(c, GWI_NS_W, "compatSetting") ? gwi_attr(c, "name") : NULL;
        if (name && strcmp(name, "compatibilityMode") == 0) {
            double mode = gwi_attr_num(c, "val", 0);
            return mode >= 1 && mode <= 99 ? (int) mode : 0;
        }
    }
    return 0;
}

static char *read_settings(GwiDocx *d, GHashTable *main_rels, GError **error)
{
    xmlDoc *xml;
    if (!gwi_docx_read_related(d, main_rels, "settings", &xml, NULL, error))
        return NULL;
    const xmlNode *even = gwi_child(xmlDocGetRootElement(xml), GWI_NS_W, "evenAndOddHeaders");
    d->even_and_odd = even && gwi_attr_on(even);
    double tab = gwi_attr_num(gwi_child(xmlDocGetRootElement(xml), GWI_NS_W, "defaultTabStop"), "val", 0) / 20;
    d->default_tab = isfinite(tab) && tab >= 1 && tab <= 1584 ? tab : 0; /* (Word's range) */
    read_note_numbering(d, xmlDocGetRootElement(xml));
    d->compat_mode = compatibility_mode(xmlDocGetRootElement(xml));
    const char *lang = gwi_attr(gwi_child(xmlDocGetRootElement(xml), GWI_NS_W, "themeFontLang"), "eastAsia");
    const char *script = !lang                             ? NULL
                         : g_str_has_prefix(lang, "ja")    ? "Jpan"
                         : g_str_has_prefix(lang, "ko")    ? "Hang"
                         : strcmp(lang, "zh-TW") == 0 || strcmp(lang, "zh-HK") == 0 || strcmp(lang, "zh-MO") == 0
                             ? "Hant"
                             : "Hans";
    xmlFreeDoc(xml);
    return g_strdup(script);
}

/* The East Asian face of a theme font: a:ea, else the face of `script`;
 * with no script given, the simplified Chinese face, else the traditional
 * one. */
static const char *theme_ea_face(const xmlNode *font, const char *script)
{
    const char *ea = gwi_attr(gwi_child(font, GWI_NS_A, "ea"), "typeface");
    if (ea && *ea)
        return ea;
    const char *hant = NULL;
    for (xmlNode *c = gwi_first_elem(font); c; c = gwi_next_elem(c)) {
        const char *s = gwi_is(c, GWI_NS_A, "font") ? gwi_attr(c, "script") : NULL;
        if (s && strcmp(s, script ? script : "Hans") == 0)
            return gwi_attr(c, "typeface");
        if (s && !script && strcmp(s, "Hant") == 0)
            hant = gwi_attr(c, "typeface");
    }
    return hant;
}

static gboolean load_theme(GwiDocx *d, GHashTable *main_rels, GError **error)
{
    GError *local = NULL;
    char *script = read_settings(d, main_rels, &local);
    if (local) {
        g_propagate_error(error, local);
        return FALSE;
    }
    xmlDoc *xml;
    if (!gwi_docx_read_related(d, main_rels, "theme", &xml, NULL, error)) {
        g_free(script);
        return FALSE;
    }
    xmlNode *root = xmlDocGetRootElement(xml);
    xmlNode *scheme = gwi_child(gwi_child(root, GWI_NS_A, "themeElements"), GWI_NS_A, "fontScheme");
    static const char *const which[2] = { "majorFont", "minorFont" };
    for (int i = 0; i < 2; i++) {
        xmlNode *font = gwi_child(scheme, GWI_NS_A, which[i]);
        if (!font)
            continue;
        const char *latin = gwi_attr(gwi_child(font, GWI_NS_A, "latin"), "typeface");
        const char *ea = theme_ea_face(font, script);
        d->styles->theme.latin[i] = latin && *latin ? gwi_docx_intern(d, latin) : NULL;
        d->styles->theme.ea[i] = ea && *ea ? gwi_docx_intern(d, ea) : NULL;
    }
    xmlFreeDoc(xml);
    g_free(script);
    return TRUE;
}

/* ---- styles ------------------------------------------------------------- */

static void style_free(gpointer p)
{
    Style *s = p;
    g_free(s->id);
    g_free(s->name);
    g_free(s->based_on);
    g_free(s->cond);
    g_free(s->r_cond);
    g_free(s);
}

static StyleType style_type(const char *v)
{
    if (!v || strcmp(v, "paragraph") == 0)
        return STYLE_PARAGRAPH;
    if (strcmp(v, "character") == 0)
        return STYLE_CHARACTER;
    if (strcmp(v, "table") == 0)
        return STYLE_TABLE;
    return STYLE_OTHER;
}

static char *child_val(const xmlNode *node, const char *name)
{
    const char *v = gwi_attr(gwi_child(node, GWI_NS_W, name), "val");
    return v ? g_strdup(v) : NULL;
}

/* A table style's w:tblStylePr: paragraph, run and cell formatting of
 * its first and last rows and columns and its bands. */
static void parse_conds(GwiDocx *d, const xmlNode *style, Cond *conds)
{
    static const char *const names[GWI_N_CONDS] = { "band1Vert", "band2Vert", "band1Horz", "band2Horz",
                                                    "firstCol",  "lastCol",   "firstRow",  "lastRow" };
    for (int i = 0; i < GWI_N_CONDS; i++)
        cond_init(&conds[i]);
    for (xmlNode *c = gwi_first_elem(style); c; c = gwi_next_elem(c)) {
        const char *type = gwi_is(c, GWI_NS_W, "tblStylePr") ? gwi_attr(c, "type") : NULL;
        for (int i = 0; type && i < GWI_N_CONDS; i++) {
            if (strcmp(type, names[i]) != 0)
                continue;
            gwi_parse_ppr(gwi_child(c, GWI_NS_W, "pPr"), &conds[i].ppr);
            gwi_parse_rpr(d, gwi_child(c, GWI_NS_W, "rPr"), &conds[i].rpr);
            conds[i].shading = gwi_parse_shading(gwi_child(gwi_child(c, GWI_NS_W, "tcPr"), GWI_NS_W, "shd"));
        }
    }
}

/* Styles read from a package: Word keeps at most 4,079; a styles part of a
 * hundred thousand would take hundreds of megabytes. */
#define MAX_STYLES 4096

static void add_style(GwiDocx *d, const xmlNode *node)
{
    const char *id = gwi_attr(node, "styleId");
    if (!id || g_hash_table_size(d->styles->by_id) >= MAX_STYLES)
        return;
    Style *s = g_new0(Style, 1);
    s->id = g_strdup(id);
    s->type = style_type(gwi_attr(node, "type"));
    s->name = child_val(node, "name");
    s->based_on = child_val(node, "basedOn");
    s->is_default = gwi_is_on(gwi_attr(node, "default"));
    gwi_ppr_init(&s->ppr);
    gwi_rpr_init(&s->rpr);
    gwi_tblpr_init(&s->tbl);
    gwi_parse_ppr(gwi_child(node, GWI_NS_W, "pPr"), &s->ppr);
    gwi_parse_rpr(d, gwi_child(node, GWI_NS_W, "rPr"), &s->rpr);
    xmlNode *tbl = gwi_child(node, GWI_NS_W, "tblPr");
    gwi_parse_borders(gwi_child(tbl, GWI_NS_W, "tblBorders"), s->tbl.borders, NULL);
    gwi_parse_cell_margins(gwi_child(tbl, GWI_NS_W, "tblCellMar"), s->tbl.margins);
    gwi_parse_table_placement(tbl, &s->tbl);
    s->tbl.shading = gwi_parse_shading(gwi_child(tbl, GWI_NS_W, "shd"));
    const xmlNode *tcpr = gwi_child(node, GWI_NS_W, "tcPr");
    if (s->tbl.shading == GWI_UNSET_COLOR)
        s->tbl.shading = gwi_parse_shading(gwi_child(tcpr, GWI_NS_W, "shd"));
    s->tbl.valign = gwi_parse_valign(gwi_attr(gwi_child(tcpr, GWI_NS_W, "vAlign"), "val"));
    if (s->type == STYLE_TABLE) {
        s->cond = g_new(Cond, GWI_N_CONDS);
        s->r_cond = g_new(Cond, GWI_N_CONDS);
        parse_conds(d, node, s->cond);
    }
    GwiStyles *st = d->styles;
    if (s->is_default && s->type < STYLE_OTHER && !st->defaults[s->type])
        st->defaults[s->type] = s;
    /* The first definition of an id wins, as in Word. */
    if (g_hash_table_contains(st->by_id, s->id)) {
        if (s->type < STYLE_OTHER && st->defaults[s->type] == s)
            st->defaults[s->type] = NULL;
        style_free(s);
        return;
    }
    g_hash_table_insert(st->by_id, s->id, s);
}

/* What a document leaves unsaid, as Word and LibreOffice lay it out: single
 * lines, no spacing or indents, left aligned, 10 pt text, or 11 pt Calibri
 * when there are no w:docDefaults (as LibreOffice reads such a file).  Set
 * in the model, so that the renderer's GB/T 9704 defaults do not apply. */
static void builtin_defaults(GwiDocx *d, gboolean doc_defaults)
{
    GwiPPr *p = &d->styles->doc_ppr;
    p->align = GW_ALIGN_LEFT;
    p->ind_first = p->ind_left = p->ind_right = 0;
    p->space_before = p->space_after = 0;
    p->line_multiple = 1;
    d->styles->doc_rpr.size = doc_defaults ? 10 : 11;
    if (!doc_defaults)
        d->styles->doc_rpr.font = gwi_docx_intern(d, "Calibri");
}

static void load_doc_defaults(GwiDocx *d, const xmlNode *defaults)
{
    xmlNode *rpr = gwi_child(gwi_child(defaults, GWI_NS_W, "rPrDefault"), GWI_NS_W, "rPr");
    xmlNode *ppr = gwi_child(gwi_child(defaults, GWI_NS_W, "pPrDefault"), GWI_NS_W, "pPr");
    gwi_parse_rpr(d, rpr, &d->styles->doc_rpr);
    gwi_parse_ppr(ppr, &d->styles->doc_ppr);
}

gboolean gwi_styles_load(GwiDocx *d, GHashTable *main_rels, GError **error)
{
    GwiStyles *st = g_new0(GwiStyles, 1);
    st->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, style_free);
    gwi_ppr_init(&st->doc_ppr);
    gwi_rpr_init(&st->doc_rpr);
    d->styles = st;
    if (!load_theme(d, main_rels, error))
        return FALSE;
    xmlDoc *xml;
    if (!gwi_docx_read_related(d, main_rels, "styles", &xml, NULL, error))
        return FALSE;
    builtin_defaults(d, gwi_child(xmlDocGetRootElement(xml), GWI_NS_W, "docDefaults") != NULL);
    for (xmlNode *c = gwi_first_elem(xmlDocGetRootElement(xml)); c; c = gwi_next_elem(c)) {
        if (gwi_is(c, GWI_NS_W, "docDefaults"))
            load_doc_defaults(d, c);
        else if (gwi_is(c, GWI_NS_W, "style"))
            add_style(d, c);
    }
    xmlFreeDoc(xml);
    return TRUE;
}

void gwi_styles_free(GwiStyles *st)
{
    if (!st)
        return;
    g_hash_table_unref(st->by_id);
    g_free(st);
}

/* "heading 3", "Heading 3", "标题 3", "标题3" -> 3; "Title", "标题" -> -1. */
static int heading_of_name(const char *name)
{
    if (!name)
        return 0;
    if (g_ascii_strcasecmp(name, "title") == 0 || strcmp(name, "标题") == 0)
        return -1;
    const char *rest = NULL;
    if (g_ascii_strncasecmp(name, "heading", 7) == 0)
        rest = name + 7;
    else if (g_str_has_prefix(name, "标题"))
        rest = name + strlen("标题");
    if (!rest)
        return 0;
    while (*rest == ' ')
        rest++;
    return rest[0] >= '1' && rest[0] <= '9' && !rest[1] ? rest[0] - '0' : 0;
}

/* The basedOn parent of the same type, unless it is on the chain being
 * resolved (a cycle). */
static Style *parent_of(GwiStyles *st, const Style *s)
{
    Style *p = s->based_on ? g_hash_table_lookup(st->by_id, s->based_on) : NULL;
    return p && p->type == s->type && !p->visiting ? p : NULL;
}

/* Merges a style with its ancestors, each style once; a chain is cut at a
 * cycle or after MAX_CHAIN links.  No recursion. */
static Style *resolve(GwiStyles *st, Style *s)
{
    if (!s || s->resolved)
        return s;
    Style *chain[MAX_CHAIN];
    int n = 0;
    Style *c = s;
    while (c && !c->resolved && n < MAX_CHAIN) {
        c->visiting = TRUE;
        chain[n++] = c;
        c = parent_of(st, c);
    }
    Style *parent = c && c->resolved ? c : NULL;
    for (int i = n - 1; i >= 0; i--) {
        Style *cur = chain[i];
        gwi_ppr_init(&cur->r_ppr);
        gwi_rpr_init(&cur->r_rpr);
        gwi_tblpr_init(&cur->r_tbl);
        for (int k = 0; cur->r_cond && k < GWI_N_CONDS; k++)
            cond_init(&cur->r_cond[k]);
        cur->heading = 0;
        if (parent) {
            cur->r_ppr = parent->r_ppr;
            cur->r_rpr = parent->r_rpr;
            cur->r_tbl = parent->r_tbl;
            if (cur->r_cond && parent->r_cond)
                memcpy(cur->r_cond, parent->r_cond, GWI_N_CONDS * sizeof(Cond));
            cur->heading = parent->heading;
        }
        gwi_ppr_merge(&cur->r_ppr, &cur->ppr);
        gwi_rpr_merge(&cur->r_rpr, &cur->rpr);
        gwi_tblpr_merge(&cur->r_tbl, &cur->tbl);
        for (int k = 0; cur->r_cond && k < GWI_N_CONDS; k++)
            cond_merge(&cur->r_cond[k], &cur->cond[k]);
        int by_name = heading_of_name(cur->name);
        if (by_name)
            cur->heading = by_name;
        else if (cur->ppr.outline >= 0)
            cur->heading = cur->ppr.outline < 9 ? cur->ppr.outline + 1 : 0;
        cur->resolved = TRUE;
        cur->visiting = FALSE;
        parent = cur;
    }
    return s;
}

/* A style of `type` by id; the type's default style when unknown. */
static Style *find(GwiStyles *st, const char *id, StyleType type)
{
    Style *s = id ? g_hash_table_lookup(st->by_id, id) : NULL;
    if (!s || s->type != type)
        s = st->defaults[type];
    return resolve(st, s);
}

void gwi_styles_defaults(GwiStyles *st, GwiPPr *ppr, GwiRPr *rpr)
{
    *ppr = st->doc_ppr;
    *rpr = st->doc_rpr;
}

void gwi_styles_apply_para(GwiStyles *st, const char *style_id, GwiPPr *ppr, GwiRPr *rpr)
{
    Style *s = find(st, style_id, STYLE_PARAGRAPH);
    if (!s)
        return;
    gwi_ppr_merge(ppr, &s->r_ppr);
    gwi_rpr_merge(rpr, &s->r_rpr);
}

void gwi_styles_apply_char(GwiStyles *st, const char *style_id, GwiRPr *rpr)
{
    Style *s = find(st, style_id, STYLE_CHARACTER);
    if (s)
        gwi_rpr_merge(rpr, &s->r_rpr);
}

void gwi_styles_apply_table(GwiStyles *st, const char *style_id, GwiPPr *ppr, GwiRPr *rpr, GwiTblPr *tbl)
{
    Style *s = find(st, style_id, STYLE_TABLE);
    if (!s)
        return;
    gwi_ppr_merge(ppr, &s->r_ppr);
    gwi_rpr_merge(rpr, &s->r_rpr);
    gwi_tblpr_merge(tbl, &s->r_tbl);
}

void gwi_styles_apply_table_cond(GwiStyles *st, const char *style_id, GwiCond cond, GwiPPr *ppr, GwiRPr *rpr,
                                 gint32 *shading)
{
    Style *s = find(st, style_id, STYLE_TABLE);
    if (!s || !s->r_cond || cond >= GWI_N_CONDS)
        return;
    const Cond *c = &s->r_cond[cond];
    gwi_ppr_merge(ppr, &c->ppr);
    gwi_rpr_merge(rpr, &c->rpr);
    if (c->shading != GWI_UNSET_COLOR)
        *shading = c->shading;
}

const char *gwi_styles_para_name(GwiStyles *st, const char *style_id)
{
    Style *s = find(st, style_id, STYLE_PARAGRAPH);
    return s ? (s->name ? s->name : s->id) : NULL;
}

int gwi_styles_heading_level(GwiStyles *st, const char *style_id)
{
    Style *s = find(st, style_id, STYLE_PARAGRAPH);
    return s ? s->heading : 0;
}

int gwi_styles_num_id(GwiStyles *st, const char *style_id)
{
    Style *s = style_id ? g_hash_table_lookup(st->by_id, style_id) : NULL;
    return s ? s->ppr.num_id : -1;
}
