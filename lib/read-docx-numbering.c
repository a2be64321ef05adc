/* read-docx-numbering.c: list numbering (numbering.xml) turned into the
 * label text Word shows: abstractNum levels, num instances with
 * lvlOverride/startOverride, counters with level restarts, lvlText
 * templates and the number formats of ST_NumberFormat. */
#include <string.h>
#include "read-docx.h"

#define N_LEVELS 9
/* Counters above this are shown in decimal (no label runs away in size). */
#define MAX_COUNTER 99999999

typedef struct {
    gboolean defined;
    int start;
    char *format;  /* numFmt; NULL = decimal */
    char *text;    /* lvlText; NULL = no label */
    int restart;   /* lvlRestart: -1 default, 0 never, n: after levels < n */
    gboolean legal;
    char suffix;
    char *pstyle;
    char *font;    /* the label's font (a bullet in Symbol or Wingdings) */
    GwiPPr ppr;    /* the level's indents */
} Level;

typedef struct {
    int value[N_LEVELS];
    gboolean started[N_LEVELS];
} Counters;

typedef struct {
    char *id;
    Level lvl[N_LEVELS];
    char *num_style_link;
    Counters counters;
} Abstract;

typedef struct {
    Abstract *abs;
    Level lvl[N_LEVELS];  /* lvlOverride/lvl replacements */
    int start_override[N_LEVELS]; /* -1 none */
    gboolean used;        /* the overrides restart the counters once */
    Counters own;         /* when there is no abstract definition */
} Num;

struct GwiNumbering {
    GHashTable *abstracts; /* id -> Abstract* */
    GHashTable *nums;      /* GINT numId -> Num* */
};

/* ---- loading ------------------------------------------------------------ */

static void level_clear(Level *l)
{
    g_free(l->format);
    g_free(l->text);
    g_free(l->pstyle);
    g_free(l->font);
    memset(l, 0, sizeof *l);
}

static void abstract_free(gpointer p)
{
    Abstract *a = p;
    for (int i = 0; i < N_LEVELS; i++)
        level_clear(&a->lvl[i]);
    g_free(a->id);
    g_free(a->num_style_link);
    g_free(a);
}

static void num_free(gpointer p)
{
    Num *n = p;
    for (int i = 0; i < N_LEVELS; i++)
        level_clear(&n->lvl[i]);
    g_free(n);
}

static char *val_of(const xmlNode *node, const char *child)
{
    const char *v = gwi_attr(gwi_child(node, GWI_NS_W, child), "val");
    return v ? g_strdup(v) : NULL;
}

static void parse_level(const xmlNode *node, Level *l)
{
    level_clear(l);
    l->defined = TRUE;
    double start = gwi_attr_num(gwi_child(node, GWI_NS_W, "start"), "val", 0);
    l->start = (int) CLAMP(start, 0, MAX_COUNTER);
    l->format = val_of(node, "numFmt");
    l->text = val_of(node, "lvlText");
    l->pstyle = val_of(node, "pStyle");
    xmlNode *restart = gwi_child(node, GWI_NS_W, "lvlRestart");
    l->restart = restart ? (int) CLAMP(gwi_attr_num(restart, "val", -1), -1, N_LEVELS) : -1;
    xmlNode *legal = gwi_child(node, GWI_NS_W, "isLgl");
    l->legal = legal && gwi_attr_on(legal);
    const char *suff = gwi_attr(gwi_child(node, GWI_NS_W, "suff"), "val");
    l->suffix = !suff || strcmp(suff, "tab") == 0 ? '\t' : strcmp(suff, "space") == 0 ? ' ' : 0;
    const char *font = gwi_attr(gwi_child(gwi_child(node, GWI_NS_W, "rPr"), GWI_NS_W, "rFonts"), "ascii");
    l->font = font ? g_strdup(font) : NULL;
    gwi_ppr_init(&l->ppr);
    gwi_parse_ppr(gwi_child(node, GWI_NS_W, "pPr"), &l->ppr);
}

static int level_index(const xmlNode *lvl)
{
    double i = gwi_attr_num(lvl, "ilvl", -1);
    return i >= 0 && i < N_LEVELS ? (int) i : -1;
}

static void add_abstract(GwiNumbering *nb, const xmlNode *node)
{
    const char *id = gwi_attr(node, "abstractNumId");
    if (!id || g_hash_table_contains(nb->abstracts, id))
        return;
    Abstract *a = g_new0(Abstract, 1);
    a->id = g_strdup(id);
    a->num_style_link = val_of(node, "numStyleLink");
    for (xmlNode *c = gwi_first_elem(node); c; c = gwi_next_elem(c)) {
        int i = level_index(c);
        if (gwi_is(c, GWI_NS_W, "lvl") && i >= 0)
            parse_level(c, &a->lvl[i]);
    }
    g_hash_table_insert(nb->abstracts, a->id, a);
}

static void add_num(GwiNumbering *nb, const xmlNode *node, GHashTable *abstract_of)
{
    double id = gwi_attr_num(node, "numId", -1);
    const char *abs = gwi_attr(gwi_child(node, GWI_NS_W, "abstractNumId"), "val");
    if (id < 0 || id > G_MAXINT || !abs || g_hash_table_contains(nb->nums, GINT_TO_POINTER((int) id)))
        return;
    Num *n = g_new0(Num, 1);
    for (int i = 0; i < N_LEVELS; i++)
        n->start_override[i] = -1;
    for (xmlNode *o = gwi_first_elem(node); o; o = gwi_next_elem(o)) {
        int i = level_index(o);
        if (!gwi_is(o, GWI_NS_W, "lvlOverride") || i < 0)
            continue;
        xmlNode *start = gwi_child(o, GWI_NS_W, "startOverride");
        if (start)
            n->start_override[i] = (int) CLAMP(gwi_attr_num(start, "val", 0), 0, MAX_COUNTER);
        xmlNode *lvl = gwi_child(o, GWI_NS_W, "lvl");
        if (lvl)
            parse_level(lvl, &n->lvl[i]);
    }
    g_hash_table_insert(nb->nums, GINT_TO_POINTER((int) id), n);
    g_hash_table_insert(abstract_of, n, g_strdup(abs));
}

/* An abstractNum with numStyleLink takes its levels from the numbering
 * style's num; one level of indirection, as Word allows. */
static Abstract *follow_style_link(GwiDocx *d, GwiNumbering *nb, Abstract *a, GHashTable *abstract_of)
{
    if (!a || !a->num_style_link)
        return a;
    int num_id = gwi_styles_num_id(d->styles, a->num_style_link);
    Num *target = num_id > 0 ? g_hash_table_lookup(nb->nums, GINT_TO_POINTER(num_id)) : NULL;
    const char *abs = target ? g_hash_table_lookup(abstract_of, target) : NULL;
    Abstract *linked = abs ? g_hash_table_lookup(nb->abstracts, abs) : NULL;
    return linked && !linked->num_style_link ? linked : a;
}

gboolean gwi_numbering_load(GwiDocx *d, GHashTable *main_rels, GError **error)
{
    GwiNumbering *nb = g_new0(GwiNumbering, 1);
    nb->abstracts = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, abstract_free);
    nb->nums = g_hash_table_new_full(NULL, NULL, NULL, num_free);
    d->numbering = nb;
    xmlDoc *xml;
    if (!gwi_docx_read_related(d, main_rels, "numbering", &xml, NULL, error))
        return FALSE;
    GHashTable *abstract_of = g_hash_table_new_full(NULL, NULL, NULL, g_free); /* Num* -> abstract id */
    for (xmlNode *c = gwi_first_elem(xmlDocGetRootElement(xml)); c; c = gwi_next_elem(c)) {
        if (gwi_is(c, GWI_NS_W, "abstractNum"))
            add_abstract(nb, c);
        else if (gwi_is(c, GWI_NS_W, "num"))
            add_num(nb, c, abstract_of);
    }
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, abstract_of);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        Num *n = key;
        n->abs = follow_style_link(d, nb, g_hash_table_lookup(nb->abstracts, value), abstract_of);
    }
    g_hash_table_unref(abstract_of);
    xmlFreeDoc(xml);
    return TRUE;
}

void gwi_numbering_free(GwiNumbering *nb)
{
    if (!nb)
        return;
    g_hash_table_unref(nb->abstracts);
    g_hash_table_unref(nb->nums);
    g_free(nb);
}

/* ---- counting ----------------------------------------------------------- */

static const Level *level_of(const Num *n, int i)
{
    if (n->lvl[i].defined)
        return &n->lvl[i];
    return n->abs && n->abs->lvl[i].defined ? &n->abs->lvl[i] : NULL;
}

static int start_of(const Num *n, int i)
{
    const Level *l = level_of(n, i);
    if (n->start_override[i] >= 0)
        return n->start_override[i];
    return l ? l->start : 0;
}

int gwi_numbering_level_of_style(GwiNumbering *nb, int num_id, const char *style_id)
{
    Num *n = nb && style_id ? g_hash_table_lookup(nb->nums, GINT_TO_POINTER(num_id)) : NULL;
    for (int i = 0; n && i < N_LEVELS; i++) {
        const Level *l = level_of(n, i);
        if (l && l->pstyle && strcmp(l->pstyle, style_id) == 0)
            return i;
    }
    return -1;
}

void gwi_numbering_apply_ppr(GwiNumbering *nb, int num_id, int ilvl, GwiPPr *ppr)
{
    Num *n = nb && num_id > 0 ? g_hash_table_lookup(nb->nums, GINT_TO_POINTER(num_id)) : NULL;
    const Level *l = n && ilvl >= 0 && ilvl < N_LEVELS ? level_of(n, ilvl) : NULL;
    if (l)
        gwi_ppr_merge(ppr, &l->ppr);
}

/* A bullet of a symbol font shown as Unicode. */
static const char *bullet_text(const Level *l)
{
    if (!l->text || !*l->text)
        return "•";
    gunichar c = g_utf8_get_char_validated(l->text, -1);
    if (c >= 0xF000 && c <= 0xF0FF) {
        const char *mapped = gwi_symbol_text(l->font, c);
        return mapped ? mapped : "•";
    }
    return l->text;
}

/* Longer labels are cut: real ones are a few characters ("第十二章",
 * "1.2.3."), while a template of hundreds of %1..%9 in Chinese counting
 * would multiply the text of every numbered paragraph a thousandfold. */
#define MAX_LABEL_BYTES 256

/* lvlText with %1..%9 replaced by the counters of those levels. */
static char *expand_template(const Num *n, const Level *cur, const Counters *cs)
{
    GString *out = g_string_new(NULL);
    for (const char *p = cur->text; *p && out->len < MAX_LABEL_BYTES; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int i = p[1] - '1';
            const Level *l = level_of(n, i);
            int value = cs->started[i] ? cs->value[i] : start_of(n, i);
            char *number = gwi_format_number(cur->legal ? "decimal" : l ? l->format : NULL, value);
            g_string_append(out, number);
            g_free(number);
            p++;
        } else {
            g_string_append_c(out, *p);
        }
    }
    const char *valid_end;
    if (out->len > MAX_LABEL_BYTES || !g_utf8_validate(out->str, (gssize) out->len, &valid_end)) {
        g_utf8_validate(out->str, (gssize) MIN(out->len, MAX_LABEL_BYTES), &valid_end);
        g_string_truncate(out, (gsize) (valid_end - out->str));
    }
    return g_string_free(out, FALSE);
}

gboolean gwi_numbering_next(GwiNumbering *nb, int num_id, int ilvl, GwiLabel *out)
{
    memset(out, 0, sizeof *out);
    Num *n = nb && num_id > 0 ? g_hash_table_lookup(nb->nums, GINT_TO_POINTER(num_id)) : NULL;
    if (!n || ilvl < 0 || ilvl >= N_LEVELS)
        return FALSE;
    const Level *cur = level_of(n, ilvl);
    if (!cur)
        return FALSE;
    /* Every instance of an abstract definition counts on its counters; an
     * instance's startOverride restarts them where it is first used. */
    Counters *cs = n->abs ? &n->abs->counters : &n->own;
    for (int i = 0; i < N_LEVELS && !n->used; i++)
        if (n->start_override[i] >= 0)
            cs->started[i] = FALSE;
    n->used = TRUE;
    for (int i = ilvl + 1; i < N_LEVELS; i++) {
        const Level *l = level_of(n, i);
        int restart = l ? l->restart : -1;
        if (restart < 0 || ilvl < restart)
            cs->started[i] = FALSE;
    }
    if (cs->started[ilvl])
        cs->value[ilvl] = MIN(cs->value[ilvl] + 1, MAX_COUNTER + 1);
    else
        cs->value[ilvl] = start_of(n, ilvl);
    cs->started[ilvl] = TRUE;
    if (!cur->text)
        return FALSE;
    gboolean bullet = cur->format && strcmp(cur->format, "bullet") == 0;
    out->label = bullet ? g_strdup(bullet_text(cur)) : expand_template(n, cur, cs);
    out->ordered = !bullet;
    out->suffix = cur->suffix;
    out->list = cs;
    if (!*out->label) {
        g_free(out->label);
        out->label = NULL;
        return FALSE;
    }
    return TRUE;
}
