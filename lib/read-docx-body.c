/* read-docx-body.c: block-level content of a part (body, header, footer,
 * note, table cell, text box): paragraphs with their runs, lists from
 * numbering, fields, hyperlinks, bookmarks, images, text boxes, tracked
 * changes (accepted), content controls and mc:AlternateContent. */
#include <string.h>
#include "read-docx.h"
#include "limit-imp.h"
#include "read-imp.h"

/* ---- where blocks go ----------------------------------------------------- */

typedef struct {
    int level;
    gconstpointer id; /* the numbering's counters (GwiLabel.list) */
    gboolean ordered;
    GwBlock *list, *item;
} ListFrame;

/* A destination of blocks with its own open lists. */
typedef struct {
    GwDocument *doc;  /* the document's top level, or */
    GwBlock *parent;  /* a container block, or */
    GPtrArray *array; /* a list of blocks */
    GArray *lists;    /* ListFrame, innermost last */
    const GwiPPr *tbl_ppr; /* a table style's layer for paragraphs in cells */
    const GwiRPr *tbl_rpr;
} Sink;

typedef struct {
    GString *instr;
    gboolean result; /* past w:fldChar separate */
    GwFieldKind kind;
    const char *format; /* of its \* switch (a static name), or NULL */
    char *link;
    GwRun *run;      /* the live field run (PAGE, NUMPAGES) */
} Field;

/* Fields nested deeper than this are ignored (their text shows). */
#define MAX_FIELDS 32

struct GwiBody {
    GwiDocx *d;
    const char *part;
    GHashTable *rels;
    Sink top;
    GArray *fields;       /* Field, innermost last: complex fields span runs */
    guint code_fields;    /* fields before their w:fldChar separate */
    guint lost_fields;    /* fields past MAX_FIELDS */
    GwRun *pending_run;   /* the run whose text is being collected, */
    GString *pending;     /* its text (one copy however many pieces) */
    GPtrArray *carry;     /* runs of a paragraph whose mark was deleted */
    char *pending_anchor; /* a bookmark between blocks */
    GwiSectionFunc on_section;
    gpointer section_user;
};

static void sink_init(Sink *s)
{
    memset(s, 0, sizeof *s);
    s->lists = g_array_new(FALSE, FALSE, sizeof(ListFrame));
}

static void sink_clear(Sink *s)
{
    g_array_free(s->lists, TRUE);
}

static void sink_put(Sink *s, GwBlock *block)
{
    if (s->doc)
        gw_document_append(s->doc, block);
    else if (s->parent)
        gw_block_append(s->parent, block);
    else
        g_ptr_array_add(s->array, block);
}

static void sink_append(Sink *s, GwBlock *block)
{
    g_array_set_size(s->lists, 0);
    sink_put(s, block);
}

/* A numbered paragraph: into the open list of its level, a new list nested
 * in the last item of the level above, or a new top-level list. */
static void sink_append_item(Sink *s, int level, const GwiLabel *label, GwBlock *para)
{
    while (s->lists->len && g_array_index(s->lists, ListFrame, s->lists->len - 1).level > level)
        g_array_set_size(s->lists, s->lists->len - 1);
    ListFrame *top = s->lists->len ? &g_array_index(s->lists, ListFrame, s->lists->len - 1) : NULL;
    if (top && top->level == level && (top->id != label->list || top->ordered != label->ordered)) {
        g_array_set_size(s->lists, s->lists->len - 1);
        top = s->lists->len ? &g_array_index(s->lists, ListFrame, s->lists->len - 1) : NULL;
    }
    if (!top || top->level < level) {
        ListFrame f = { level, label->list, label->ordered, gw_block_new(GW_BLOCK_LIST), NULL };
        gw_block_set_ordered(f.list, label->ordered);
        if (top)
            gw_block_append(top->item, f.list);
        else
            sink_put(s, f.list);
        g_array_append_val(s->lists, f);
        top = &g_array_index(s->lists, ListFrame, s->lists->len - 1);
    }
    top->item = gw_block_new(GW_BLOCK_LIST_ITEM);
    gw_block_set_label(top->item, label->label);
    gw_block_append(top->item, para);
    gw_block_append(top->list, top->item);
}

/* ---- the body object ---------------------------------------------------- */

GwiBody *gwi_body_new(GwiDocx *d, const char *part, GHashTable *rels)
{
    GwiBody *b = g_new0(GwiBody, 1);
    b->d = d;
    b->part = part;
    b->rels = rels;
    sink_init(&b->top);
    b->top.array = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    b->fields = g_array_new(FALSE, FALSE, sizeof(Field));
    b->carry = g_ptr_array_new_with_free_func((GDestroyNotify) gw_run_free);
    b->pending = g_string_new(NULL);
    return b;
}

void gwi_body_set_document(GwiBody *b, GwDocument *doc)
{
    b->top.doc = doc;
}

void gwi_body_on_section(GwiBody *b, GwiSectionFunc func, gpointer user)
{
    b->on_section = func;
    b->section_user = user;
}

GwiDocx *gwi_body_docx(GwiBody *b)
{
    return b->d;
}

static void field_clear(Field *f)
{
    g_string_free(f->instr, TRUE);
    g_free(f->link);
}

void gwi_body_free(GwiBody *b)
{
    if (!b)
        return;
    for (guint i = 0; i < b->fields->len; i++)
        field_clear(&g_array_index(b->fields, Field, i));
    g_array_free(b->fields, TRUE);
    g_ptr_array_unref(b->carry);
    g_string_free(b->pending, TRUE);
    g_ptr_array_unref(b->top.array);
    sink_clear(&b->top);
    g_free(b->pending_anchor);
    g_free(b);
}

/* A paragraph holding runs carried from a paragraph whose mark was deleted
 * when nothing followed to join them to. */
static void flush_carry(GwiBody *b, Sink *s)
{
    if (!b->carry->len)
        return;
    GwBlock *p = gw_block_new(GW_BLOCK_PARAGRAPH);
    for (guint i = 0; i < b->carry->len; i++)
        gw_block_append_run(p, b->carry->pdata[i]);
    g_ptr_array_set_free_func(b->carry, NULL);
    g_ptr_array_set_size(b->carry, 0);
    g_ptr_array_set_free_func(b->carry, (GDestroyNotify) gw_run_free);
    sink_append(s, p);
}

/* The collected text into its run. */
static void flush_text(GwiBody *b)
{
    if (!b->pending_run)
        return;
    gw_run_set_text(b->pending_run, b->pending->str);
    b->pending_run = NULL;
}

/* Appends to a run's text without copying it each time. */
static void append_text_to(GwiBody *b, GwRun *run, const char *text)
{
    if (b->pending_run != run) {
        flush_text(b);
        b->pending_run = run;
        g_string_assign(b->pending, gw_run_get_text(run) ? gw_run_get_text(run) : "");
    }
    g_string_append(b->pending, text);
}

GPtrArray *gwi_body_finish(GwiBody *b)
{
    flush_text(b);
    flush_carry(b, &b->top);
    GPtrArray *out = b->top.array;
    b->top.array = g_ptr_array_new_with_free_func((GDestroyNotify) gw_block_free);
    return out;
}

/* ---- inline content ----------------------------------------------------- */

/* The paragraph being built: it may split at page breaks into pieces. */
typedef struct {
    GwiBody *b;
    GwBlock *cur;          /* the piece receiving runs */
    GPtrArray *pieces;     /* finished pieces and page breaks, in order */
    GwiRPr para_rpr;       /* the paragraph's own run properties */
    GwiRPr last_rpr;       /* of the last text run, to merge equal runs */
    GPtrArray *textboxes;  /* w:txbxContent nodes met, converted after */
    GPtrArray *links;      /* hyperlink targets, innermost last */
    GError *error;
} Inline;

static gboolean rpr_equal(const GwiRPr *a, const GwiRPr *b)
{
    return a->font == b->font && a->font_ea == b->font_ea &&
           (a->size == b->size || (!gw_is_set(a->size) && !gw_is_set(b->size))) &&
           (a->spacing == b->spacing || (!gw_is_set(a->spacing) && !gw_is_set(b->spacing))) &&
           (a->scale == b->scale || (!gw_is_set(a->scale) && !gw_is_set(b->scale))) &&
           (a->rise == b->rise || (!gw_is_set(a->rise) && !gw_is_set(b->rise))) &&
           (a->fit_width == b->fit_width || (!gw_is_set(a->fit_width) && !gw_is_set(b->fit_width))) &&
           a->fit_id == b->fit_id && a->bold == b->bold &&
           a->italic == b->italic && a->underline == b->underline && a->strike == b->strike && a->caps == b->caps && a->emphasis == b->emphasis &&
           a->vanish == b->vanish && a->hint_ea == b->hint_ea && a->vert == b->vert && a->color == b->color &&
           a->highlight == b->highlight;
}

/* The run's style as what differs from the paragraph's. */
static void rpr_diff(const GwiRPr *r, const GwiRPr *para, GwRunStyle *out)
{
    if (r->font && r->font != para->font)
        out->font = g_strdup(r->font);
    if (r->font_ea && r->font_ea != para->font_ea)
        out->font_ea = g_strdup(r->font_ea);
    if (gw_is_set(r->size) && r->size != para->size)
        out->size = r->size;
    if (gw_is_set(r->spacing) && r->spacing != para->spacing)
        out->letter_spacing = r->spacing;
    if (gw_is_set(r->scale) && r->scale != para->scale)
        out->scale = r->scale;
    if (gw_is_set(r->rise) && r->rise != para->rise)
        out->rise = r->rise;
    if (gw_is_set(r->fit_width) && r->fit_width > 0) { /* the run's own, whatever the paragraph mark's */
        out->fit_width = r->fit_width;
        out->fit_id = r->fit_id;
    }
#define DIFF_FLAG(f) \
    if (r->f != para->f) \
    out->f = r->f < 0 ? 0 : r->f
    DIFF_FLAG(bold);
    DIFF_FLAG(italic);
    DIFF_FLAG(underline);
    DIFF_FLAG(strike);
    DIFF_FLAG(caps);
    DIFF_FLAG(emphasis);
#undef DIFF_FLAG
    if (r->color != para->color && r->color != GWI_UNSET_COLOR)
        out->color = r->color;
    if (r->highlight != para->highlight && r->highlight != GWI_UNSET_COLOR)
        out->highlight = r->highlight;
    if (r->vert > 0)
        out->vert = (GwVertAlign) r->vert;
}

static gboolean in_field_code(const GwiBody *b)
{
    return b->code_fields > 0;
}

static Field *live_field(GwiBody *b)
{
    for (guint i = b->fields->len; i > 0; i--) {
        Field *f = &g_array_index(b->fields, Field, i - 1);
        if (f->run)
            return f;
    }
    return NULL;
}

static const char *current_link(const Inline *in)
{
    for (guint i = in->b->fields->len; i > 0; i--) {
        const Field *f = &g_array_index(in->b->fields, Field, i - 1);
        if (f->link)
            return f->link;
    }
    return in->links->len ? in->links->pdata[in->links->len - 1] : NULL;
}

static GwRun *last_run(const Inline *in)
{
    guint n = gw_block_n_runs(in->cur);
    return n ? gw_block_get_run(in->cur, n - 1) : NULL;
}

static GwRun *add_run(Inline *in, GwRunKind kind, const char *text, const GwiRPr *rpr)
{
    GwRun *run = gw_run_new(kind, text);
    rpr_diff(rpr, &in->para_rpr, gw_run_get_style(run));
    const char *link = current_link(in);
    if (link)
        gw_run_set_link(run, link);
    gw_block_append_run(in->cur, run);
    return run;
}

static gboolean has_ascii_alnum(const char *s)
{
    for (; *s; s++)
        if (g_ascii_isalnum(*s))
            return TRUE;
    return FALSE;
}

/* Text without tabs or newlines: merged into the previous run when it has
 * the same properties and link. */
static void add_plain_text(Inline *in, const char *text, const GwiRPr *rpr)
{
    if (!*text)
        return;
    Field *live = live_field(in->b);
    if (live) {
        append_text_to(in->b, live->run, text);
        return;
    }
    GwRun *last = last_run(in);
    const char *link = current_link(in);
    if (last && gw_run_get_kind(last) == GW_RUN_TEXT && rpr_equal(rpr, &in->last_rpr) &&
        g_strcmp0(link, gw_run_get_link(last)) == 0) {
        append_text_to(in->b, last, text);
        return;
    }
    GwRun *run = add_run(in, GW_RUN_TEXT, NULL, rpr);
    append_text_to(in->b, run, text);
    /* w:hint="eastAsia": shared characters (quotes, dashes) use the East
     * Asian font. */
    GwRunStyle *st = gw_run_get_style(run);
    if (rpr->hint_ea == 1 && rpr->font_ea && !has_ascii_alnum(text)) {
        g_free(st->font);
        st->font = g_strdup(rpr->font_ea);
    }
    in->last_rpr = *rpr;
}

static void add_text(Inline *in, const char *text, const GwiRPr *rpr)
{
    if (in_field_code(in->b) || rpr->vanish == 1)
        return;
    char *mapped = rpr->font && strstr(text, "\xef\x80") ? gwi_map_symbols(rpr->font, text) : NULL;
    const char *p = mapped ? mapped : text;
    while (*p) {
        gsize n = strcspn(p, "\t\r\n");
        char *piece = g_strndup(p, n);
        add_plain_text(in, piece, rpr);
        g_free(piece);
        p += n;
        if (*p == '\t')
            add_run(in, GW_RUN_TAB, NULL, rpr);
        else if (*p)
            add_plain_text(in, " ", rpr);
        if (*p)
            p++;
    }
    g_free(mapped);
}

static void add_break(Inline *in, GwRunKind kind, const GwiRPr *rpr)
{
    if (!in_field_code(in->b) && rpr->vanish != 1)
        add_run(in, kind, NULL, rpr);
}

/* A page break ends the current piece of the paragraph. */
static void split_at_page_break(Inline *in)
{
    if (in_field_code(in->b))
        return;
    if (gw_block_n_runs(in->cur)) {
        g_ptr_array_add(in->pieces, in->cur);
        GwBlock *next = gw_block_new(gw_block_get_kind(in->cur));
        GwParaStyle *from = gw_block_get_style(in->cur), *to = gw_block_get_style(next);
        *to = *from;
        to->style_name = g_strdup(from->style_name);
        to->tabs = NULL;
        gw_para_style_set_tabs(to, from->tabs, from->n_tabs);
        to->run.font = g_strdup(from->run.font);
        to->run.font_ea = g_strdup(from->run.font_ea);
        to->page_break_before = FALSE;
        gw_block_set_level(next, gw_block_get_level(in->cur));
        in->cur = next;
    }
    g_ptr_array_add(in->pieces, gw_block_new(GW_BLOCK_PAGE_BREAK));
}

/* ---- fields -------------------------------------------------------------- */

/* The words of a field instruction, quotes removed. */
static char **instr_words(const char *instr)
{
    GPtrArray *words = g_ptr_array_new();
    const char *p = instr;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *start = p;
        if (*p == '"') {
            start = ++p;
            while (*p && *p != '"')
                p++;
            g_ptr_array_add(words, g_strndup(start, (gsize) (p - start)));
            if (*p)
                p++;
        } else {
            while (*p && *p != ' ' && *p != '\t')
                p++;
            g_ptr_array_add(words, g_strndup(start, (gsize) (p - start)));
        }
    }
    g_ptr_array_add(words, NULL);
    return (char **) g_ptr_array_free(words, FALSE);
}

/* A page number field (PAGE, NUMPAGES) and the number format of its first
 * \* switch that names one. */
static void parse_page_field(Field *f, char **w)
{
    f->kind = g_ascii_strcasecmp(w[0], "PAGE") == 0 ? GW_FIELD_PAGE : GW_FIELD_NUMPAGES;
    for (int i = 1; w[i] && w[i + 1] && !f->format; i++)
        if (strcmp(w[i], "\\*") == 0)
            f->format = gwi_switch_number_format(w[++i]);
}

/* What a field instruction means for its result: a live page number, or a
 * hyperlink around the result text. */
static void parse_instr(Field *f)
{
    char **w = instr_words(f->instr->str);
    if (w[0] && (g_ascii_strcasecmp(w[0], "PAGE") == 0 || g_ascii_strcasecmp(w[0], "NUMPAGES") == 0 ||
                 g_ascii_strcasecmp(w[0], "SECTIONPAGES") == 0))
        parse_page_field(f, w);
    else if (w[0] && g_ascii_strcasecmp(w[0], "HYPERLINK") == 0) {
        const char *url = NULL, *anchor = NULL;
        for (int i = 1; w[i]; i++) {
            if (strcmp(w[i], "\\l") == 0 && w[i + 1])
                anchor = w[++i];
            else if (w[i][0] == '\\' && w[i + 1])
                i++;
            else if (!url)
                url = w[i];
        }
        if (url || anchor)
            f->link = g_strconcat(url ? url : "", anchor ? "#" : "", anchor ? anchor : "", NULL);
    }
    g_strfreev(w);
}

static void field_separate(Inline *in, const GwiRPr *rpr)
{
    GwiBody *b = in->b;
    if (!b->fields->len || b->lost_fields)
        return;
    Field *f = &g_array_index(b->fields, Field, b->fields->len - 1);
    if (f->result)
        return;
    f->result = TRUE;
    b->code_fields--;
    parse_instr(f);
    if (f->kind != GW_FIELD_NONE && !in_field_code(b)) {
        f->run = add_run(in, GW_RUN_FIELD, "", rpr);
        gw_run_set_field(f->run, f->kind);
        gw_run_set_field_format(f->run, f->format);
    }
}

static void field_end(Inline *in, const GwiRPr *rpr)
{
    GwiBody *b = in->b;
    if (b->lost_fields) {
        b->lost_fields--;
        return;
    }
    if (!b->fields->len)
        return;
    Field *f = &g_array_index(b->fields, Field, b->fields->len - 1);
    if (!f->result) /* no cached result: a page number is still live */
        field_separate(in, rpr);
    field_clear(f);
    g_array_set_size(b->fields, b->fields->len - 1);
}

static void field_begin(GwiBody *b, const char *instr)
{
    if (b->fields->len >= MAX_FIELDS) {
        b->lost_fields++;
        return;
    }
    Field f = { .instr = g_string_new(instr), .kind = GW_FIELD_NONE };
    g_array_append_val(b->fields, f);
    b->code_fields++;
}

static void field_char(Inline *in, const xmlNode *c, const GwiRPr *rpr)
{
    const char *type = gwi_attr(c, "fldCharType");
    if (!type)
        return;
    if (strcmp(type, "begin") == 0)
        field_begin(in->b, "");
    else if (strcmp(type, "separate") == 0)
        field_separate(in, rpr);
    else if (strcmp(type, "end") == 0)
        field_end(in, rpr);
}

static void instr_text(GwiBody *b, const xmlNode *c)
{
    if (!b->fields->len || b->lost_fields)
        return;
    Field *f = &g_array_index(b->fields, Field, b->fields->len - 1);
    if (f->result)
        return;
    char *t = gwi_text(c);
    g_string_append(f->instr, t);
    g_free(t);
}

/* ---- pictures and text boxes ------------------------------------------- */

/* A w:drawing, w:pict or w:object: its pictures become image runs and its
 * line shapes line-shape runs; its text boxes are converted after the
 * paragraph. */
static void convert_graphic(Inline *in, const xmlNode *node, const GwiRPr *rpr)
{
    GArray *pictures = g_array_new(FALSE, FALSE, sizeof(GwiPicture));
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(GwLineShape));
    gwi_drawing_parts(node, pictures, lines, in->textboxes);
    for (guint i = 0; i < pictures->len && !in->error && !in_field_code(in->b); i++) {
        const GwiPicture *pic = &g_array_index(pictures, GwiPicture, i);
        GwImage *img = gwi_docx_image(in->b->d, in->b->rels, pic, &in->error);
        if (img)
            gw_run_set_image(add_run(in, GW_RUN_IMAGE, NULL, rpr), img);
    }
    for (guint i = 0; i < lines->len && !in->error && !in_field_code(in->b); i++)
        gw_run_set_line_shape(add_run(in, GW_RUN_LINE_SHAPE, NULL, rpr), &g_array_index(lines, GwLineShape, i));
    g_array_free(pictures, TRUE);
    g_array_free(lines, TRUE);
}

/* ---- runs --------------------------------------------------------------- */

static void add_note(Inline *in, const xmlNode *c, int which, const GwiRPr *rpr)
{
    if (in_field_code(in->b) || in->error)
        return;
    const char *id = gwi_attr(c, "id");
    /* The reference mark Word shows: footnotes 1, 2, 3, endnotes i, ii, iii
     * unless the settings number them otherwise. */
    GwiDocx *d = in->b->d;
    const char *format = d->note_format[which] ? d->note_format[which] : which ? "lowerRoman" : "decimal";
    int start = d->note_start[which];
    char *mark = gwi_format_number(format, start - 1 + ++d->note_count[which]);
    GwRun *run = add_run(in, GW_RUN_NOTE, mark, rpr);
    g_free(mark);
    gw_run_set_endnote(run, which == 1);
    gwi_docx_note(in->b->d, which, id, run, &in->error);
}

static void add_symbol(Inline *in, const xmlNode *c, const GwiRPr *rpr)
{
    const char *hex = gwi_attr(c, "char");
    gunichar ch = hex ? (gunichar) strtoul(hex, NULL, 16) : 0;
    const char *mapped = gwi_symbol_text(gwi_attr(c, "font"), ch);
    if (mapped) {
        add_text(in, mapped, rpr);
    } else if (ch >= 0x20 && g_unichar_validate(ch)) {
        char buf[8] = { 0 };
        g_unichar_to_utf8(ch, buf);
        add_text(in, buf, rpr);
    }
}

static void convert_run_content(Inline *in, const xmlNode *parent, const GwiRPr *rpr);

static void convert_run_child(Inline *in, const xmlNode *c, const GwiRPr *rpr)
{
    GwiNs ns = gwi_ns(c);
    const char *n = (const char *) c->name;
    if (ns == GWI_NS_MC && strcmp(n, "AlternateContent") == 0) {
        const xmlNode *branch = gwi_alternate_branch(c);
        if (branch)
            convert_run_content(in, branch, rpr);
        return;
    }
    if (ns != GWI_NS_W)
        return;
    if (strcmp(n, "t") == 0) {
        char *t = gwi_text(c);
        add_text(in, t, rpr);
        g_free(t);
    } else if (strcmp(n, "tab") == 0 || strcmp(n, "ptab") == 0)
        add_break(in, GW_RUN_TAB, rpr);
    else if (strcmp(n, "br") == 0) {
        const char *type = gwi_attr(c, "type");
        if (type && strcmp(type, "page") == 0)
            split_at_page_break(in);
        else if (!type || strcmp(type, "textWrapping") == 0)
            add_break(in, GW_RUN_LINE_BREAK, rpr);
    } else if (strcmp(n, "cr") == 0)
        add_break(in, GW_RUN_LINE_BREAK, rpr);
    else if (strcmp(n, "sym") == 0)
        add_symbol(in, c, rpr);
    else if (strcmp(n, "noBreakHyphen") == 0)
        add_text(in, "\u2011", rpr);
    else if (strcmp(n, "softHyphen") == 0)
        add_text(in, "\u00AD", rpr);
    else if (strcmp(n, "fldChar") == 0)
        field_char(in, c, rpr);
    else if (strcmp(n, "instrText") == 0)
        instr_text(in->b, c);
    else if (strcmp(n, "footnoteReference") == 0)
        add_note(in, c, 0, rpr);
    else if (strcmp(n, "endnoteReference") == 0)
        add_note(in, c, 1, rpr);
    else if (strcmp(n, "drawing") == 0 || strcmp(n, "pict") == 0 || strcmp(n, "object") == 0)
        convert_graphic(in, c, rpr);
    else if (strcmp(n, "ruby") == 0)
        convert_run_content(in, gwi_child(gwi_child(c, GWI_NS_W, "rubyBase"), GWI_NS_W, "r"), rpr);
}

static void convert_run_content(Inline *in, const xmlNode *parent, const GwiRPr *rpr)
{
    for (xmlNode *c = parent ? gwi_first_elem(parent) : NULL; c && !in->error; c = gwi_next_elem(c))
        convert_run_child(in, c, rpr);
}

static void convert_run(Inline *in, const xmlNode *r)
{
    GwiRPr rpr = in->para_rpr;
    const xmlNode *rpr_node = gwi_child(r, GWI_NS_W, "rPr");
    gwi_styles_apply_char(in->b->d->styles, gwi_attr(gwi_child(rpr_node, GWI_NS_W, "rStyle"), "val"), &rpr);
    gwi_parse_rpr(in->b->d, rpr_node, &rpr);
    convert_run_content(in, r, &rpr);
}

/* ---- paragraph content -------------------------------------------------- */

static void set_anchor(GwBlock *block, const char *name)
{
    if (name && *name && strcmp(name, "_GoBack") != 0 && !gw_block_get_anchor(block))
        gw_block_set_anchor(block, name);
}

static char *hyperlink_target(GwiBody *b, const xmlNode *h)
{
    const char *rid = gwi_rel_attr(h, "id");
    const char *anchor = gwi_attr(h, "anchor");
    GwiRel *rel = rid ? g_hash_table_lookup(b->rels, rid) : NULL;
    const char *url = rel ? rel->target : NULL;
    if (!url && !anchor)
        return NULL;
    return g_strconcat(url ? url : "", anchor ? "#" : "", anchor ? anchor : "", NULL);
}

static void convert_inline(Inline *in, const xmlNode *parent);

static void convert_simple_field(Inline *in, const xmlNode *fld)
{
    field_begin(in->b, gwi_attr(fld, "instr") ? gwi_attr(fld, "instr") : "");
    field_separate(in, &in->para_rpr);
    convert_inline(in, fld);
    field_end(in, &in->para_rpr);
}

static void convert_math(Inline *in, const xmlNode *math)
{
    /* The math's text in reading order, without recursion. */
    GString *text = g_string_new(NULL);
    const xmlNode *n = gwi_first_elem(math);
    while (n) {
        if (gwi_is(n, GWI_NS_M, "t")) {
            char *t = gwi_text(n);
            g_string_append(text, t);
            g_free(t);
        } else if (gwi_first_elem(n)) {
            n = gwi_first_elem(n);
            continue;
        }
        while (n && !gwi_next_elem(n)) {
            n = n->parent;
            if (n == math)
                n = NULL;
        }
        n = n ? gwi_next_elem(n) : NULL;
    }
    add_text(in, text->str, &in->para_rpr);
    g_string_free(text, TRUE);
}

static void convert_inline_child(Inline *in, const xmlNode *c)
{
    GwiNs ns = gwi_ns(c);
    const char *n = (const char *) c->name;
    if (ns == GWI_NS_MC) {
        if (strcmp(n, "AlternateContent") == 0)
            convert_inline(in, gwi_alternate_branch(c));
        return;
    }
    if (ns == GWI_NS_M) {
        if (strcmp(n, "oMath") == 0 || strcmp(n, "oMathPara") == 0)
            convert_math(in, c);
        return;
    }
    if (ns != GWI_NS_W) {
        convert_inline(in, c); /* unknown wrappers: their content counts */
        return;
    }
    if (strcmp(n, "r") == 0)
        convert_run(in, c);
    else if (strcmp(n, "hyperlink") == 0) {
        g_ptr_array_add(in->links, hyperlink_target(in->b, c));
        convert_inline(in, c);
        g_free(g_ptr_array_steal_index(in->links, in->links->len - 1));
    } else if (strcmp(n, "fldSimple") == 0)
        convert_simple_field(in, c);
    else if (strcmp(n, "sdt") == 0)
        convert_inline(in, gwi_child(c, GWI_NS_W, "sdtContent"));
    else if (strcmp(n, "bookmarkStart") == 0)
        set_anchor(in->cur, gwi_attr(c, "name"));
    else if (strcmp(n, "ins") == 0 || strcmp(n, "moveTo") == 0 || strcmp(n, "smartTag") == 0 ||
             strcmp(n, "customXml") == 0 || strcmp(n, "dir") == 0 || strcmp(n, "bdo") == 0)
        convert_inline(in, c);
    /* w:del, w:moveFrom (tracked removals), w:pPr, comments, proofing marks
     * and the like carry no text of the accepted document. */
}

static void convert_inline(Inline *in, const xmlNode *parent)
{
    for (xmlNode *c = parent ? gwi_first_elem(parent) : NULL; c && !in->error; c = gwi_next_elem(c))
        convert_inline_child(in, c);
}

/* ---- paragraphs --------------------------------------------------------- */

static gboolean paragraph_numbering(GwiBody *b, const char *style_id, const GwiPPr *ppr, int *num_id, int *ilvl);

/* A framed paragraph (w:framePr, Word's page numbers) sits where its frame
 * is aligned across the column, whatever its w:jc. */
static void frame_side(const xmlNode *ppr_node, GwiPPr *direct)
{
    const xmlNode *frame = gwi_child(ppr_node, GWI_NS_W, "framePr");
    GwAlign side = gwi_frame_align(gwi_attr(frame, "xAlign"));
    if (side != GW_ALIGN_DEFAULT && !gwi_attr(frame, "dropCap"))
        direct->align = (gint8) side;
}

/* Paragraph and run properties: defaults, a table style's layer, the
 * paragraph style, the list level's indents, direct formatting. */
static const char *paragraph_props(GwiBody *b, const Sink *s, const xmlNode *ppr_node, GwiPPr *ppr, GwiRPr *rpr)
{
    GwiStyles *st = b->d->styles;
    const char *style_id = gwi_attr(gwi_child(ppr_node, GWI_NS_W, "pStyle"), "val");
    gwi_styles_defaults(st, ppr, rpr);
    if (s->tbl_ppr)
        gwi_ppr_merge(ppr, s->tbl_ppr);
    if (s->tbl_rpr)
        gwi_rpr_merge(rpr, s->tbl_rpr);
    gwi_styles_apply_para(st, style_id, ppr, rpr);
    GwiPPr direct, all = *ppr;
    gwi_ppr_init(&direct);
    gwi_parse_ppr(ppr_node, &direct);
    frame_side(ppr_node, &direct);
    gwi_ppr_merge(&all, &direct);
    int num_id, ilvl;
    if (paragraph_numbering(b, style_id, &all, &num_id, &ilvl))
        gwi_numbering_apply_ppr(b->d->numbering, num_id, ilvl, ppr);
    gwi_ppr_merge(ppr, &direct);
    return style_id;
}

static GwBlock *new_paragraph(GwiBody *b, const char *style_id, const GwiPPr *ppr, const GwiRPr *rpr, int heading)
{
    GwBlock *p = gw_block_new(heading < 0 ? GW_BLOCK_TITLE : heading > 0 ? GW_BLOCK_HEADING : GW_BLOCK_PARAGRAPH);
    if (heading > 0)
        gw_block_set_level(p, heading);
    GwParaStyle *ps = gw_block_get_style(p);
    gwi_ppr_to_style(ppr, ps);
    gwi_rpr_to_style(rpr, &ps->run);
    if (heading < 0 && ps->run.bold < 0)
        ps->run.bold = 0; /* a Title style's text is bold only when it says so (GB/T 9704's title is) */
    ps->style_name = g_strdup(gwi_styles_para_name(b->d->styles, style_id));
    return p;
}

/* The numbering of a paragraph: direct or from its style; ilvl from the
 * numbering's level bound to the style when not given. */
static gboolean paragraph_numbering(GwiBody *b, const char *style_id, const GwiPPr *ppr, int *num_id, int *ilvl)
{
    *num_id = ppr->num_id;
    if (*num_id <= 0)
        return FALSE;
    *ilvl = ppr->ilvl;
    if (*ilvl < 0)
        *ilvl = gwi_numbering_level_of_style(b->d->numbering, *num_id, style_id);
    if (*ilvl < 0)
        *ilvl = 0;
    return TRUE;
}

static void prepend_label(GwBlock *p, const GwiLabel *label)
{
    GPtrArray *runs = p->runs;
    p->runs = NULL;
    gw_block_add_text(p, label->label);
    if (label->suffix == '\t')
        gw_block_append_run(p, gw_run_new(GW_RUN_TAB, NULL));
    else if (label->suffix == ' ')
        gw_block_add_text(p, " ");
    for (guint i = 0; runs && i < runs->len; i++)
        gw_block_append_run(p, runs->pdata[i]);
    if (runs) {
        g_ptr_array_set_free_func(runs, NULL);
        g_ptr_array_unref(runs);
    }
}

static void take_carry(GwiBody *b, GwBlock *p)
{
    if (!b->carry->len)
        return;
    GPtrArray *runs = p->runs;
    p->runs = NULL;
    for (guint i = 0; i < b->carry->len; i++)
        gw_block_append_run(p, b->carry->pdata[i]);
    for (guint i = 0; runs && i < runs->len; i++)
        gw_block_append_run(p, runs->pdata[i]);
    if (runs) {
        g_ptr_array_set_free_func(runs, NULL);
        g_ptr_array_unref(runs);
    }
    g_ptr_array_set_free_func(b->carry, NULL);
    g_ptr_array_set_size(b->carry, 0);
    g_ptr_array_set_free_func(b->carry, (GDestroyNotify) gw_run_free);
}

/* A paragraph whose text joins the next one: its mark is a tracked
 * deletion (accepted), or it is a drop cap's frame. */
static gboolean joins_next(const xmlNode *ppr_node)
{
    const char *drop = gwi_attr(gwi_child(ppr_node, GWI_NS_W, "framePr"), "dropCap");
    if (drop && strcmp(drop, "none") != 0)
        return TRUE;
    return gwi_child(gwi_child(ppr_node, GWI_NS_W, "rPr"), GWI_NS_W, "del") != NULL;
}

static gboolean add_blocks(GwiBody *b, Sink *s, const xmlNode *parent, GError **error);

static gboolean end_section(GwiBody *b, const xmlNode *sect, gboolean last, GError **error)
{
    GwBlock *next = NULL;
    if (!b->on_section)
        return TRUE;
    if (!b->on_section(sect, last, &next, b->section_user, error))
        return FALSE;
    if (next)
        sink_append(&b->top, next);
    return TRUE;
}

/* Appends the pieces of a paragraph: the first may be a list item. */
static void place_paragraph(GwiBody *b, Sink *s, GPtrArray *pieces, const char *style_id, const GwiPPr *ppr)
{
    GwBlock *first = pieces->pdata[0];
    int num_id, ilvl;
    GwiLabel label = { 0 };
    gboolean numbered = paragraph_numbering(b, style_id, ppr, &num_id, &ilvl) &&
                        gwi_numbering_next(b->d->numbering, num_id, ilvl, &label);
    guint i = 0;
    if (numbered && gw_block_get_kind(first) == GW_BLOCK_PARAGRAPH) {
        sink_append_item(s, ilvl, &label, first);
        i = 1;
    } else if (numbered) {
        prepend_label(first, &label);
    }
    for (; i < pieces->len; i++)
        sink_append(s, pieces->pdata[i]);
    g_free(label.label);
}

/* A plain paragraph with nothing but text boxes (the form gongwen writes a
 * text box in), unnumbered: the boxes take its place, rather than an empty
 * line. */
static gboolean holds_only_text_boxes(GwiBody *b, const Inline *in, const GwiPPr *ppr)
{
    const GwBlock *only = in->pieces->len == 1 ? in->pieces->pdata[0] : NULL;
    return in->textboxes->len && only && only->kind == GW_BLOCK_PARAGRAPH && !gw_block_n_runs(only) &&
           !only->anchor && !only->style.page_break_before && ppr->num_id <= 0 && !b->carry->len;
}

/* The paragraph a text box stands in for, when it held nothing else. */
typedef struct {
    GwAlign side;
    double indent;
} Holder;

/* Where a text box sits: as its frame says; an inline box where its
 * paragraph aligns or indents it (gongwen writes its boxes so). */
static void place_text_box(GwBlock *box, const xmlNode *content, const Holder *holder)
{
    GwiBoxFrame frame;
    gwi_text_box_frame(content, &frame);
    gw_text_box_set_width(box, frame.width);
    box->style.align = frame.align;
    gw_text_box_set_offset(box, frame.x, frame.x_page);
    if (!frame.in_line || frame.align != GW_ALIGN_DEFAULT)
        return;
    if (holder->side != GW_ALIGN_JUSTIFY && holder->side != GW_ALIGN_DISTRIBUTE)
        box->style.align = holder->side;
    if (!gw_is_set(frame.x) && gw_is_set(holder->indent) && holder->indent > 0)
        gw_text_box_set_offset(box, holder->indent, FALSE);
}

/* The content of a text box (w:txbxContent), as a text box block after
 * the paragraph that holds it. */
static gboolean add_text_box(GwiBody *b, Sink *s, const xmlNode *content, const Holder *holder, GError **error)
{
    if (!gwi_docx_count_blocks(b->d, 1, error))
        return FALSE;
    Sink inner;
    sink_init(&inner);
    GwBlock *box = inner.parent = gw_block_new(GW_BLOCK_TEXT_BOX);
    place_text_box(box, content, holder);
    gboolean ok = add_blocks(b, &inner, content, error);
    if (ok)
        flush_carry(b, &inner);
    sink_clear(&inner);
    if (ok && gw_block_n_children(box))
        sink_append(s, box);
    else
        gw_block_free(box);
    return ok;
}

static gboolean convert_paragraph(GwiBody *b, Sink *s, const xmlNode *p, GError **error)
{
    const xmlNode *ppr_node = gwi_child(p, GWI_NS_W, "pPr");
    GwiPPr ppr;
    Inline in = { b };
    const char *style_id = paragraph_props(b, s, ppr_node, &ppr, &in.para_rpr);
    int heading = gwi_styles_heading_level(b->d->styles, style_id);
    in.cur = new_paragraph(b, style_id, &ppr, &in.para_rpr, heading);
    in.pieces = g_ptr_array_new();
    in.textboxes = g_ptr_array_new();
    in.links = g_ptr_array_new_with_free_func(g_free);
    gwi_rpr_init(&in.last_rpr);
    if (b->pending_anchor) {
        set_anchor(in.cur, b->pending_anchor);
        g_clear_pointer(&b->pending_anchor, g_free);
    }
    convert_inline(&in, p);
    g_ptr_array_add(in.pieces, in.cur);
    gboolean ok = !in.error && gwi_docx_count_blocks(b->d, in.pieces->len, &in.error);
    Holder holder = { GW_ALIGN_DEFAULT, GW_UNSET };
    if (!ok) {
        g_propagate_error(error, in.error);
        b->pending_run = NULL; /* it may be in the pieces freed here */
        g_ptr_array_set_free_func(in.pieces, (GDestroyNotify) gw_block_free);
    } else if (joins_next(ppr_node) && in.pieces->len == 1) {
        GwBlock *only = in.pieces->pdata[0];
        for (guint i = 0; i < gw_block_n_runs(only); i++)
            g_ptr_array_add(b->carry, gw_block_get_run(only, i));
        if (only->runs) /* none in a paragraph with no text */
            g_ptr_array_set_free_func(only->runs, NULL);
        gw_block_free(only);
    } else if (holds_only_text_boxes(b, &in, &ppr)) {
        /* the boxes stand in its place, and where it aligns or indents them */
        const GwBlock *only = in.pieces->pdata[0];
        holder = (Holder){ only->style.align, only->style.indent_left };
        gw_block_free(in.pieces->pdata[0]);
    } else {
        take_carry(b, in.pieces->pdata[0]);
        place_paragraph(b, s, in.pieces, style_id, &ppr);
    }
    g_ptr_array_free(in.pieces, TRUE);
    for (guint i = 0; ok && i < in.textboxes->len; i++)
        ok = add_text_box(b, s, in.textboxes->pdata[i], &holder, error);
    g_ptr_array_free(in.textboxes, TRUE);
    g_ptr_array_free(in.links, TRUE);
    const xmlNode *sect = gwi_child(ppr_node, GWI_NS_W, "sectPr");
    if (ok && sect && s == &b->top)
        ok = end_section(b, sect, FALSE, error);
    return ok;
}

/* ---- blocks ------------------------------------------------------------- */

/* ---- altChunk ------------------------------------------------------------ */

/* altChunks inside altChunks deeper than this are left out. */
#define MAX_CHUNK_DEPTH 2

typedef enum { CHUNK_OTHER, CHUNK_DOCX, CHUNK_HTML, CHUNK_MHT, CHUNK_TEXT } ChunkFormat;

/* What an altChunk holds, by its content and its name's extension: DOCX,
 * HTML, MHT (Word's form of HTML with its pictures) or plain text; RTF and
 * the rest are not read. */
static ChunkFormat chunk_format(const char *part, const char *data, gsize len)
{
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
        return CHUNK_DOCX;
    if (len >= 13 && g_ascii_strncasecmp(data, "MIME-Version:", 13) == 0)
        return CHUNK_MHT;
    const char *dot = strrchr(part, '.');
    const char *ext = dot && !strchr(dot, '/') ? dot + 1 : "";
    static const struct {
        const char *ext;
        ChunkFormat format;
    } by_ext[] = { { "htm", CHUNK_HTML }, { "html", CHUNK_HTML }, { "xhtml", CHUNK_HTML },
                   { "mht", CHUNK_MHT },  { "mhtml", CHUNK_MHT }, { "txt", CHUNK_TEXT } };
    for (guint i = 0; i < G_N_ELEMENTS(by_ext); i++)
        if (g_ascii_strcasecmp(ext, by_ext[i].ext) == 0)
            return by_ext[i].format;
    return CHUNK_OTHER;
}

static gboolean count_visit(GwBlock *block, int depth, gpointer user)
{
    (void) block, (void) depth;
    (*(guint *) user)++;
    return TRUE;
}

/* How many blocks a document holds, nested ones included. */
static guint count_blocks(GwDocument *doc)
{
    guint n = 0;
    gw_document_walk(doc, count_visit, NULL, &n);
    return n;
}

static GwDocument *read_chunk(GwiBody *b, const char *part, const char *data, gsize len, GError **error)
{
    char *name = g_strdup_printf("%s: %s", b->d->name, part);
    GwDocument *chunk = NULL;
    char *html = NULL;
    gsize html_len = 0;
    ChunkFormat format = chunk_format(part, data, len);
    guint64 max = gw_read_options_get_limit(b->d->opts, GW_LIMIT_TEXT_BYTES);
    if (!len || (format != CHUNK_DOCX && format != CHUNK_OTHER && len > max)) {
        /* (an MHT is measured before its HTML is decoded: that is no longer) */
        if (len)
            gwi_limit_error(error, GW_LIMIT_TEXT_BYTES, max, "%s: a document of %" G_GSIZE_FORMAT " bytes", name, len);
        else
            gw_document_add_warning(b->d->doc, "%s: an empty altChunk was left out", name);
        g_free(name);
        return NULL;
    }
    switch (format) {
    case CHUNK_DOCX:
        if (gwi_docx_chunk_depth(b->d) < MAX_CHUNK_DEPTH)
            chunk = gwi_docx_read_chunk(b->d, data, len, name, error);
        else
            gw_document_add_warning(b->d->doc, "%s: a document nested deeper than %d altChunks was left out", name,
                                    MAX_CHUNK_DEPTH);
        break;
    case CHUNK_MHT:
        if ((html = gwi_mht_html(data, len, &html_len)))
            chunk = gwi_read_html_fragment(html, html_len, name, b->d->opts, error);
        else
            gw_document_add_warning(b->d->doc, "%s: an MHT document without HTML (altChunk) was left out", name);
        g_free(html);
        break;
    case CHUNK_HTML:
        chunk = gwi_read_html_fragment(data, len, name, b->d->opts, error);
        break;
    case CHUNK_TEXT:
        chunk = gw_read_text(data, len, name, b->d->opts, error);
        break;
    default:
        gw_document_add_warning(b->d->doc, "%s: an embedded document of a format gongwen does not read (altChunk) was "
                                "left out", name);
    }
    g_free(name);
    /* a DOCX chunk counted its blocks into this document's already */
    if (chunk && format != CHUNK_DOCX && !gwi_docx_count_blocks(b->d, count_blocks(chunk), error))
        g_clear_pointer(&chunk, gw_document_free);
    return chunk;
}

/* Moves a chunk's blocks (not its sections: the pages are the document's)
 * and warnings to the place of the altChunk. */
static void merge_chunk(GwiBody *b, Sink *s, GwDocument *chunk)
{
    gsize n = 0;
    gpointer *blocks = g_ptr_array_steal(chunk->blocks, &n);
    for (gsize i = 0; i < n; i++) {
        GwBlock *block = blocks[i];
        if (block->kind == GW_BLOCK_SECTION)
            gw_block_free(block);
        else
            sink_append(s, block);
    }
    g_free(blocks);
    for (guint i = 0; i < gw_document_n_warnings(chunk); i++)
        gw_document_add_warning(b->d->doc, "%s", gw_document_get_warning(chunk, i));
    gw_document_free(chunk);
}

/* An altChunk: a document Word imports at this place (HTML, plain text or
 * another DOCX, as documents merged with the Open XML SDK are).  A limit
 * stops the reading as anywhere else; a chunk that cannot be read is left
 * out with a warning. */
static gboolean add_alt_chunk(GwiBody *b, Sink *s, const xmlNode *node, GError **error)
{
    const char *id = gwi_rel_attr(node, "id");
    GwiRel *rel = id ? g_hash_table_lookup(b->rels, id) : NULL;
    if (!rel || rel->external) {
        gw_document_add_warning(b->d->doc, "%s: %s: an altChunk that is not in the package was left out", b->d->name,
                                b->part);
        return TRUE;
    }
    /* Importing one part at several places would multiply it past what the
     * package holds. */
    if (!b->d->chunks)
        b->d->chunks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    guint seen = GPOINTER_TO_UINT(g_hash_table_lookup(b->d->chunks, rel->target));
    g_hash_table_insert(b->d->chunks, g_strdup(rel->target), GUINT_TO_POINTER(MIN(seen + 1, 2)));
    if (seen) {
        if (seen == 1)
            gw_document_add_warning(b->d->doc, "%s: altChunk %s is imported once; its other places are left out",
                                    b->d->name, rel->target);
        return TRUE;
    }
    GError *local = NULL;
    GBytes *bytes = gwi_docx_read_part(b->d, rel->target, FALSE, &local);
    GwDocument *chunk = NULL;
    if (bytes) {
        gsize len;
        const char *data = g_bytes_get_data(bytes, &len);
        chunk = read_chunk(b, rel->target, data, len, &local);
        g_bytes_unref(bytes);
    } else if (!local) {
        gw_document_add_warning(b->d->doc, "%s: altChunk %s is missing from the package", b->d->name, rel->target);
    }
    if (chunk)
        merge_chunk(b, s, chunk);
    else if (local && local->code == GW_ERROR_LIMIT) {
        g_propagate_error(error, local);
        return FALSE;
    } else if (local) {
        gw_document_add_warning(b->d->doc, "%s; that altChunk is left out", local->message);
        g_error_free(local);
    }
    return TRUE;
}

static gboolean add_block(GwiBody *b, Sink *s, const xmlNode *node, GError **error)
{
    GwiNs ns = gwi_ns(node);
    const char *n = (const char *) node->name;
    if (ns == GWI_NS_MC && strcmp(n, "AlternateContent") == 0) {
        const xmlNode *branch = gwi_alternate_branch(node);
        return branch ? add_blocks(b, s, branch, error) : TRUE;
    }
    if (ns != GWI_NS_W)
        return TRUE;
    if (strcmp(n, "p") == 0)
        return convert_paragraph(b, s, node, error);
    if (strcmp(n, "tbl") == 0) {
        flush_carry(b, s);
        GwBlock *table = gwi_table_convert(b, node, error);
        if (!table)
            return FALSE;
        sink_append(s, table);
        return TRUE;
    }
    if (strcmp(n, "sdt") == 0)
        return add_blocks(b, s, gwi_child(node, GWI_NS_W, "sdtContent"), error);
    if (strcmp(n, "customXml") == 0 || strcmp(n, "ins") == 0 || strcmp(n, "moveTo") == 0)
        return add_blocks(b, s, node, error);
    if (strcmp(n, "bookmarkStart") == 0) {
        const char *name = gwi_attr(node, "name");
        if (name && strcmp(name, "_GoBack") != 0 && !b->pending_anchor)
            b->pending_anchor = g_strdup(name);
    } else if (strcmp(n, "sectPr") == 0 && s == &b->top) {
        flush_carry(b, s);
        return end_section(b, node, TRUE, error);
    } else if (strcmp(n, "altChunk") == 0) {
        return add_alt_chunk(b, s, node, error);
    }
    return TRUE;
}

static gboolean add_blocks(GwiBody *b, Sink *s, const xmlNode *parent, GError **error)
{
    for (xmlNode *c = parent ? gwi_first_elem(parent) : NULL; c; c = gwi_next_elem(c))
        if (!add_block(b, s, c, error))
            return FALSE;
    return TRUE;
}

gboolean gwi_body_add(GwiBody *b, xmlNode *node, GError **error)
{
    return add_block(b, &b->top, node, error);
}

gboolean gwi_body_add_children(GwiBody *b, const xmlNode *parent, GError **error)
{
    return add_blocks(b, &b->top, parent, error);
}

gboolean gwi_body_add_cell_content(GwiBody *b, const xmlNode *parent, GwBlock *cell, const GwiPPr *tbl_ppr,
                                   const GwiRPr *tbl_rpr, GError **error)
{
    Sink s;
    sink_init(&s);
    s.parent = cell;
    s.tbl_ppr = tbl_ppr;
    s.tbl_rpr = tbl_rpr;
    gboolean ok = add_blocks(b, &s, parent, error);
    if (ok)
        flush_carry(b, &s);
    sink_clear(&s);
    return ok;
}

/* ---- markup compatibility ----------------------------------------------- */

/* A Choice is taken when every namespace it requires is one gongwen reads
 * (Word 2010 shapes, groups and extensions). */
static gboolean understood_requirement(const xmlNode *choice)
{
    const char *req = gwi_attr(choice, "Requires");
    if (!req)
        return FALSE;
    char **prefixes = g_strsplit(req, " ", -1);
    gboolean ok = TRUE;
    for (char **p = prefixes; *p && ok; p++) {
        if (!**p)
            continue;
        xmlNs *ns = xmlSearchNs(choice->doc, (xmlNode *) choice, (const xmlChar *) *p);
        GwiNs kind = ns ? gwi_ns_of(ns) : GWI_NS_OTHER;
        ok = kind == GWI_NS_WPS || kind == GWI_NS_WPG || kind == GWI_NS_W14;
    }
    g_strfreev(prefixes);
    return ok;
}

const xmlNode *gwi_alternate_branch(const xmlNode *ac)
{
    const xmlNode *fallback = NULL;
    for (xmlNode *c = gwi_first_elem(ac); c; c = gwi_next_elem(c)) {
        if (gwi_is(c, GWI_NS_MC, "Choice") && understood_requirement(c))
            return c;
        if (gwi_is(c, GWI_NS_MC, "Fallback"))
            fallback = c;
    }
    return fallback;
}
