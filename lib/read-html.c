/* read-html.c: HTML pages as government sites serve them (gw_read_html).
 *
 *  1. Decode the bytes to UTF-8: the forced encoding, else a byte-order
 *     mark, else <meta charset> / <meta http-equiv content="…charset=…">,
 *     else UTF-8 when valid and GB18030 otherwise.  GB2312 and GBK are read
 *     as GB18030, their superset.  Undecodable bytes become U+FFFD.
 *  2. Give legacy entities written without ';' ("&nbsp&nbsp") their ';',
 *     as browsers read them, then parse with libxml2's HTML parser: no
 *     network, errors suppressed, broken markup recovered.
 *  3. Find the article body among the site's navigation, breadcrumbs,
 *     sidebars and footers (find_body; man/html-heuristic.txt), or take
 *     the element whose id or class is --select.
 *  4. Turn it into blocks: paragraphs (a <br> outside tables starts a new
 *     one), headings from <h1>–<h6> or from outline labels (一、（一）1.（1）)
 *     on short lines, lead headings, lists, tables with their spans
 *     (clamped to the real grid), images from the page's own folder, links,
 *     and the inline styles that matter (bold, italic, underline, font,
 *     colour, alignment).  Scripts, styles, forms and comments are dropped.
 *  5. Pick the title (choose_title).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include "model-imp.h"
#include "outline.h"
#include "limit-imp.h"
#include "read-imp.h"
#include "xml-tree.h"

/* libxml2 stops parsing below this element depth. */
#define PARSER_MAX_DEPTH 255
#define MAX_COLUMNS 1000 /* HTML's own limit on colspan */
#define NUMERIC_TABLE_CELLS 4
#define IMAGE_CHARS 30 /* what a picture weighs against text when finding the body */

typedef struct {
    guint content, links; /* visible characters outside and inside links */
    guint images;         /* pictures outside links, in `content` too */
    guint data_tables;    /* tables below with numeric cells */
} Score;

typedef struct {
    const char *name;
    char *dir, *dir_real; /* the page's folder: images are read from it only */
    const GwReadOptions *opts;
    GwDocument *doc;
    GHashTable *scores;   /* xmlNode* -> Score* */
    GError **error;
    gboolean failed;
    guint64 blocks; /* made so far (the blocks limit) */
    GwBlock *first_h1, *first_titled; /* title candidates */
    int in_titled;                    /* inside an element named like a title */
    guint remote_images, unreadable_images;
} Reader;

/* Where blocks go: the document or a container (cell, list item, quote),
 * and the paragraph being filled. */
typedef struct {
    GwDocument *doc;
    GwBlock *container;
    GwBlock *para;
    gboolean in_table, preformatted, pending_space, pending_break;
    gunichar last;
    int heading; /* the paragraph is an <hN> */
    GwAlign align;
    gboolean rtl;
} Sink;

/* Inherited inline formatting. */
typedef struct {
    gint8 bold, italic, underline, strike;
    GwVertAlign vert;
    gint32 color;
    const char *font, *font_ea, *link;
    GwAlign align; /* by sides, as CSS's text-align */
    gboolean rtl;  /* dir="rtl", CSS direction: rtl */
} Inline;

/* ---- encoding ------------------------------------------------------------ */

static const char *canonical_charset(const char *label)
{
    static const char *const gb[] = { "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80",
                                      "csgb2312", "windows-936", "chinese", "iso-ir-58", "x-euc-cn" };
    if (!g_ascii_strcasecmp(label, "utf-8") || !g_ascii_strcasecmp(label, "utf8") ||
        !g_ascii_strncasecmp(label, "utf-16", 6) || !g_ascii_strcasecmp(label, "unicode-1-1-utf-8"))
        return "UTF-8"; /* a page that says UTF-16 in ASCII bytes is not UTF-16 */
    for (guint i = 0; i < G_N_ELEMENTS(gb); i++)
        if (!g_ascii_strcasecmp(label, gb[i]))
            return "GB18030";
    return label;
}

/* The charset a <meta> in the first 4 KiB declares (g_free it), or NULL. */
static char *declared_charset(const char *data, gsize len)
{
    GRegex *re = g_regex_new("<meta[^>]+?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)",
                             G_REGEX_RAW | G_REGEX_CASELESS, 0, NULL);
    GMatchInfo *m = NULL;
    char *charset = NULL;
    if (g_regex_match_full(re, data, (gssize) MIN(len, 4096), 0, 0, &m, NULL))
        charset = g_match_info_fetch(m, 1);
    g_match_info_free(m);
    g_regex_unref(re);
    return charset;
}

/* Converts to UTF-8, replacing each undecodable byte by U+FFFD; NULL when
 * iconv does not know `from`. */
static char *convert_lossy(const char *data, gsize len, const char *from, guint *bad)
{
    GIConv cd = g_iconv_open("UTF-8", from);
    if (cd == (GIConv) -1)
        return NULL;
    GString *out = g_string_sized_new(len + len / 2 + 1);
    char *in = (char *) data;
    gsize in_left = len;
    char buf[4096];
    while (in_left) {
        char *o = buf;
        gsize o_left = sizeof buf;
        gsize r = g_iconv(cd, &in, &in_left, &o, &o_left);
        g_string_append_len(out, buf, o - buf);
        if (r == (gsize) -1 && errno != E2BIG) {
            g_string_append(out, "\xEF\xBF\xBD");
            in++;
            in_left--;
            (*bad)++;
            g_iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    g_iconv_close(cd);
    return g_string_free(out, FALSE);
}

static gboolean is_gb18030(const char *data, gsize len)
{
    char *utf8 = g_convert(data, (gssize) len, "UTF-8", "GB18030", NULL, NULL, NULL);
    g_free(utf8);
    return utf8 != NULL;
}

/* The input as UTF-8 text, with a notice on the document when it had to
 * guess or repair. */
static char *decode(Reader *R, const char *data, gsize len)
{
    const char *forced = gw_read_options_get_encoding(R->opts);
    char *declared = NULL;
    const char *charset = NULL;
    if (forced) {
        charset = canonical_charset(forced);
    } else if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3, len -= 3;
        charset = "UTF-8";
    } else if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0)) {
        charset = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        data += 2, len -= 2;
    } else if ((declared = declared_charset(data, len))) {
        charset = canonical_charset(declared);
        if (strcmp(charset, "UTF-8") == 0 && !g_utf8_validate(data, (gssize) len, NULL) && is_gb18030(data, len)) {
            gw_document_add_warning(R->doc, "%s: declared %s but is GB18030: read as GB18030", R->name, declared);
            charset = "GB18030";
        }
    } else if (!g_utf8_validate(data, (gssize) len, NULL)) {
        gw_document_add_warning(R->doc, "%s: no charset declared and not UTF-8: read as GB18030", R->name);
        charset = "GB18030";
    } else {
        charset = "UTF-8";
    }
    char *text = NULL;
    guint bad = 0;
    if (strcmp(charset, "UTF-8") == 0)
        text = g_utf8_make_valid(data, (gssize) len);
    else if (!(text = convert_lossy(data, len, charset, &bad))) {
        if (forced) {
            g_set_error(R->error, GW_ERROR, GW_ERROR_ENCODING, "%s: unknown encoding '%s'", R->name, forced);
        } else {
            gw_document_add_warning(R->doc, "%s: unknown charset '%s': read as UTF-8", R->name, declared);
            text = g_utf8_make_valid(data, (gssize) len);
        }
    }
    if (bad)
        gw_document_add_warning(R->doc, "%s: %u bytes are not valid %s and were replaced", R->name, bad, charset);
    g_free(declared);
    return text;
}

/* ---- legacy entities -------------------------------------------------------- */

/* The named references HTML lets a page write without ';' (WHATWG). */
static const char *const legacy_entities[] = {
    "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil", "ETH", "Eacute",
    "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml", "LT", "Ntilde", "Oacute", "Ocirc",
    "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN", "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute",
    "aacute", "acirc", "acute", "aelig", "agrave", "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil",
    "cent", "copy", "curren", "deg", "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14",
    "frac34", "gt", "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt", "macr", "micro",
    "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf", "ordm", "oslash", "otilde", "ouml",
    "para", "plusmn", "pound", "quot", "raquo", "reg", "sect", "shy", "sup1", "sup2", "sup3", "szlig", "thorn",
    "times", "uacute", "ucirc", "ugrave", "uml", "uuml", "yacute", "yen", "yuml",
};

static gsize legacy_prefix(const char *name, gsize n)
{
    gsize best = 0;
    for (guint i = 0; i < G_N_ELEMENTS(legacy_entities); i++) {
        gsize k = strlen(legacy_entities[i]);
        if (k <= n && k > best && strncmp(name, legacy_entities[i], k) == 0)
            best = k;
    }
    return best;
}

/* Adds the ';' of "&nbsp", "&copy2023", "&#12288" so that libxml2 decodes
 * them as browsers do (inside a tag only when no letter, digit or '='
 * follows, as in URLs); drops NUL characters. */
static char *complete_entities(const char *in)
{
    GString *out = g_string_sized_new(strlen(in) + 16);
    gboolean in_tag = FALSE;
    for (const char *p = in; *p; p++) {
        /* the text up to the next character that matters, in one piece */
        gsize plain = strcspn(p, "<>&");
        g_string_append_len(out, p, (gssize) plain);
        p += plain;
        if (!*p)
            break;
        if (*p == '<' && (g_ascii_isalpha(p[1]) || p[1] == '/'))
            in_tag = TRUE;
        else if (*p == '>')
            in_tag = FALSE;
        g_string_append_c(out, *p);
        if (*p != '&')
            continue;
        if (p[1] == '#') {
            const char *q = p + 2;
            gboolean hex = *q == 'x' || *q == 'X';
            const char *digits = hex ? q + 1 : q;
            for (q = digits; hex ? g_ascii_isxdigit(*q) : g_ascii_isdigit(*q); q++)
                ;
            if (q > digits && *q != ';') {
                g_string_append_len(out, p + 1, q - (p + 1));
                g_string_append_c(out, ';');
                p = q - 1;
            }
            continue;
        }
        const char *q = p + 1;
        while (g_ascii_isalnum(*q))
            q++;
        if (*q == ';')
            continue;
        gsize k = legacy_prefix(p + 1, (gsize) (q - (p + 1)));
        if (!k || (in_tag && (g_ascii_isalnum(p[1 + k]) || p[1 + k] == '=')))
            continue;
        g_string_append_len(out, p + 1, (gssize) k);
        g_string_append_c(out, ';');
        p += k;
    }
    return g_string_free(out, FALSE);
}

/* ---- element classes ------------------------------------------------------ */

static const char *const skipped_tags[] = {
    "script", "style", "noscript", "template", "head", "title", "iframe", "frame", "frameset", "object", "embed",
    "applet", "input", "select", "option", "button", "textarea", "svg", "math", "canvas", "map", "area", "audio",
    "video", "source", "track", "meta", "link", "base", "nav", "dialog", "noembed", "noframes", "param",
    "datalist", "output", "progress", "meter",
};

static const char *const block_tags[] = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "address", "center", "figure",
    "figcaption", "fieldset", "legend", "details", "summary", "dl", "dt", "dd", "form", "body", "html", "caption",
    "li", "tbody", "thead", "tfoot", "tr", "td", "th", "hgroup", "table", "ul", "ol", "blockquote", "hr", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6",
};

enum { TAG_SKIPPED = 1, TAG_BLOCK = 2 };

/* The class of each tag name (TAG_ bits), in a table built once for the
 * process: every element asks, and most pages have thousands. */
static guint tag_class(const char *tag)
{
    static gsize once;
    static GHashTable *classes;
    if (g_once_init_enter(&once)) {
        GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
        for (guint i = 0; i < G_N_ELEMENTS(skipped_tags); i++)
            g_hash_table_insert(t, (gpointer) skipped_tags[i], GUINT_TO_POINTER(TAG_SKIPPED));
        for (guint i = 0; i < G_N_ELEMENTS(block_tags); i++)
            g_hash_table_insert(t, (gpointer) block_tags[i], GUINT_TO_POINTER(TAG_BLOCK));
        classes = t;
        g_once_init_leave(&once, 1);
    }
    return GPOINTER_TO_UINT(g_hash_table_lookup(classes, tag));
}

static const char *tag_of(const xmlNode *n)
{
    return (const char *) n->name;
}

static char *prop(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *) name);
    char *copy = v ? g_strdup((const char *) v) : NULL;
    xmlFree(v);
    return copy;
}

static char *node_text(const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *copy = g_strdup(v ? (const char *) v : "");
    xmlFree(v);
    return copy;
}

/* Whether the id or one of the classes of `n` is in `names`
 * (case-insensitive), or with `substring` contains one of them. */
static gboolean has_name(const xmlNode *n, const char *const *names, gsize n_names, gboolean substring)
{
    char *id = prop(n, "id"), *cls = prop(n, "class");
    char *joined = g_strconcat(id ? id : "", " ", cls ? cls : "", NULL);
    char *all = g_ascii_strdown(joined, -1);
    g_free(joined);
    char **tokens = g_strsplit_set(all, " \t\r\n", -1);
    gboolean hit = FALSE;
    for (char **t = tokens; *t && !hit; t++)
        for (gsize i = 0; **t && i < n_names && !hit; i++)
            hit = substring ? strstr(*t, names[i]) != NULL : strcmp(*t, names[i]) == 0;
    g_strfreev(tokens);
    g_free(all);
    g_free(id);
    g_free(cls);
    return hit;
}

static gboolean hidden_by_attributes(const xmlNode *n)
{
    char *style = prop(n, "style"), *hidden = prop(n, "hidden");
    gboolean result = hidden != NULL;
    if (style) {
        char *s = g_ascii_strdown(style, -1);
        char *folded = g_strdelimit(s, " \t\r\n", ' ');
        GString *compact = g_string_new(NULL);
        for (const char *p = folded; *p; p++)
            if (*p != ' ')
                g_string_append_c(compact, *p);
        result = result || strstr(compact->str, "display:none") || strstr(compact->str, "visibility:hidden");
        g_string_free(compact, TRUE);
        g_free(s);
    }
    g_free(style);
    g_free(hidden);
    return result;
}

/* What each pass asks of a node, worked out once and kept in its _private
 * (libxml2 leaves the field to the application): the scoring, the search
 * for the body and the conversion ask it of every node. */
enum { NODE_KNOWN = 1, NODE_HIDDEN = 2, NODE_SKIPPED = 4, NODE_BLOCK = 8 };

static guint node_flags(const xmlNode *n)
{
    xmlNode *cache = (xmlNode *) n;
    guint flags = GPOINTER_TO_UINT(cache->_private);
    if (!flags) {
        gboolean element = n->type == XML_ELEMENT_NODE;
        gboolean hidden = element && hidden_by_attributes(n);
        guint class = element ? tag_class(tag_of(n)) : 0;
        gboolean skipped = hidden || !element || (class & TAG_SKIPPED);
        flags = NODE_KNOWN | (hidden ? NODE_HIDDEN : 0) | (skipped ? NODE_SKIPPED : 0) |
                (class & TAG_BLOCK ? NODE_BLOCK : 0);
        cache->_private = GUINT_TO_POINTER(flags);
    }
    return flags;
}

static gboolean is_hidden(const xmlNode *n)
{
    return (node_flags(n) & NODE_HIDDEN) != 0;
}

static gboolean is_skipped(const xmlNode *n)
{
    return (node_flags(n) & NODE_SKIPPED) != 0;
}

/* ---- limits ------------------------------------------------------------------ */

/* Walks the whole tree without recursion: the depth and node limits hold
 * before any recursive pass runs. */
static gboolean check_tree(Reader *R, xmlNode *root)
{
    guint64 max_depth = MIN(gw_read_options_get_limit(R->opts, GW_LIMIT_DEPTH), PARSER_MAX_DEPTH);
    guint64 max_nodes = gw_read_options_get_limit(R->opts, GW_LIMIT_NODES), nodes = 0;
    switch (gwi_xml_tree_check(root, 1, max_depth, max_nodes, FALSE, &nodes)) {
    case GWI_TREE_TOO_MANY_NODES:
        g_set_error(R->error, GW_ERROR, GW_ERROR_LIMIT, "%s: more than %" G_GUINT64_FORMAT " HTML nodes (nodes limit)",
                    R->name, max_nodes);
        return FALSE;
    case GWI_TREE_TOO_DEEP:
        g_set_error(R->error, GW_ERROR, GW_ERROR_LIMIT, "%s: elements nested deeper than %" G_GUINT64_FORMAT " (depth limit)",
                    R->name, max_depth);
        return FALSE;
    default:
        return TRUE;
    }
}

/* ---- scoring --------------------------------------------------------------- */

static guint visible_chars(const char *text)
{
    guint n = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        n += !(g_unichar_isspace(c) || c == 0x3000 || c == 0x00A0);
    }
    return n;
}

static gboolean is_number_text(const char *text)
{
    gboolean digit = FALSE;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isdigit(c))
            digit = TRUE;
        else if (!(g_unichar_isspace(c) || c == ',' || c == '.' || c == 0x00A0 || c == 0x3000))
            return FALSE;
    }
    return digit;
}

static guint numeric_cells(const xmlNode *table)
{
    guint n = 0;
    for (const xmlNode *c = table->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp(tag_of(c), "td") || !strcmp(tag_of(c), "th")) {
            char *t = node_text(c);
            n += is_number_text(t);
            g_free(t);
        } else if (strcmp(tag_of(c), "table") != 0) {
            n += numeric_cells(c); /* thead, tbody, tr */
        }
    }
    return n;
}

static Score *score_of(Reader *R, const xmlNode *n)
{
    static Score zero;
    Score *s = g_hash_table_lookup(R->scores, n);
    return s ? s : &zero;
}

/* Counts the visible characters below `n`, those inside links apart. */
static void score_node(Reader *R, xmlNode *n, gboolean in_link, Score *out)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            guint k = visible_chars((const char *) c->content);
            if (in_link)
                out->links += k;
            else
                out->content += k;
            continue;
        }
        if (is_skipped(c))
            continue;
        if (!strcmp(tag_of(c), "img")) {
            if (in_link) {
                out->links += IMAGE_CHARS;
            } else {
                out->content += IMAGE_CHARS;
                out->images++;
            }
        }
        Score *s = g_new0(Score, 1);
        g_hash_table_insert(R->scores, c, s);
        score_node(R, c, in_link || strcmp(tag_of(c), "a") == 0, s);
        if (strcmp(tag_of(c), "table") == 0 && numeric_cells(c) >= NUMERIC_TABLE_CELLS)
            s->data_tables++;
        out->content += s->content;
        out->links += s->links;
        out->images += s->images;
        out->data_tables += s->data_tables;
    }
}

/* ---- finding the article body ---------------------------------------------- */

/* ids and classes of article bodies on Chinese government sites: the TRS
 * and other CMS editors' wrappers first, then generic names. */
static const char *const article_names[] = {
    "trs_editor", "custom_unionstyle", "zoom", "ucap-content", "article-content", "article_content",
    "articlecontent", "news_content", "newscontent", "news-content", "content_text", "detail-content",
    "detail_content", "xxgk_content", "zwnr", "wzcon", "pages_content", "main-content", "main_content", "content",
    "article", "detail", "zw", "text", "con", "view", "main",
};

/* Page furniture that sits inside articles: share bars, print and font
 * size buttons (skipped when short). */
static const char *const furniture_names[] = { "share", "fenxiang", "jiathis", "fontsize", "zihao", "print" };
#define FURNITURE_MAX_CHARS 200

static gboolean is_furniture(Reader *R, const xmlNode *n)
{
    Score *s = score_of(R, n);
    return s->content + s->links < FURNITURE_MAX_CHARS &&
           has_name(n, furniture_names, G_N_ELEMENTS(furniture_names), TRUE);
}

static void best_named(Reader *R, xmlNode *n, guint page, xmlNode **best)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (is_skipped(c))
            continue;
        Score *s = score_of(R, c);
        Score *b = *best ? score_of(R, *best) : NULL;
        /* a named element with at least 30% of the page's text, mostly not
         * links; the largest wins, and a descendant wins a tie */
        if (s->content * 10 >= page * 3 && s->links < s->content &&
            has_name(c, article_names, G_N_ELEMENTS(article_names), FALSE) && (!b || s->content >= b->content))
            *best = c;
        best_named(R, c, page, best);
    }
}

/* The heuristic (man/html-heuristic.txt):
 *   1. Every element is scored by its visible characters outside links
 *      ("content") and inside them, a picture counting as 30 characters:
 *      navigation, breadcrumbs and related links are nearly all links, so
 *      they score little.
 *   2. If an element whose id or class is a usual article-body name
 *      (TRS_Editor, Custom_UnionStyle, zoom, article, content, detail...)
 *      holds at least 30% of the page's content and more content than
 *      links, start from the largest such element; else from <body>.
 *   3. Descend while one child holds at least 80% of the current
 *      element's content, has some text besides pictures, and no other
 *      child holds a data table (one with numeric cells): the header,
 *      sidebars, footer, title line and share bars around the article drop
 *      away, and a report's tables stay with its text.
 *   4. A table row or section reached this way means the body is a table:
 *      take the whole table. */
static xmlNode *find_body(Reader *R, xmlNode *body)
{
    guint page = score_of(R, body)->content;
    xmlNode *cur = NULL;
    best_named(R, body, page, &cur);
    if (!cur)
        cur = body;
    for (;;) {
        Score *here = score_of(R, cur);
        xmlNode *top = NULL;
        for (xmlNode *c = cur->children; c; c = c->next)
            if (!is_skipped(c) && (!top || score_of(R, c)->content > score_of(R, top)->content))
                top = c;
        Score *best = top ? score_of(R, top) : NULL;
        if (!best || best->content * 10 < here->content * 8 || here->data_tables > best->data_tables ||
            best->content == best->images * IMAGE_CHARS)
            break;
        cur = top;
    }
    while (cur->parent && cur->parent->type == XML_ELEMENT_NODE &&
           (!strcmp(tag_of(cur), "tr") || !strcmp(tag_of(cur), "tbody") || !strcmp(tag_of(cur), "thead") ||
            !strcmp(tag_of(cur), "tfoot")))
        cur = cur->parent;
    return cur;
}

static xmlNode *find_named(xmlNode *n, const char *name)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (has_name(c, (const char *const[]) { name }, 1, FALSE))
            return c;
        xmlNode *hit = find_named(c, name);
        if (hit)
            return hit;
    }
    return NULL;
}

static xmlNode *find_tag(xmlNode *n, const char *tag)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp(tag_of(c), tag) == 0)
            return c;
        xmlNode *hit = find_tag(c, tag);
        if (hit)
            return hit;
    }
    return NULL;
}

/* ids and classes of title elements ("article-title", "bt" for 标题). */
static const char *const title_names[] = { "title", "tit", "bt", "biaoti" };

/* ---- inline formatting -------------------------------------------------------- */

static const struct {
    const char *name;
    gint32 rgb;
} color_names[] = {
    { "black", 0x000000 }, { "white", 0xFFFFFF }, { "red", 0xFF0000 },   { "green", 0x008000 },
    { "blue", 0x0000FF },  { "gray", 0x808080 },  { "grey", 0x808080 },  { "navy", 0x000080 },
    { "maroon", 0x800000 }, { "purple", 0x800080 }, { "orange", 0xFFA500 }, { "yellow", 0xFFFF00 },
    { "darkred", 0x8B0000 }, { "teal", 0x008080 }, { "olive", 0x808000 }, { "silver", 0xC0C0C0 },
};

/* 0xRRGGBB, or -1 for unknown colours and for black and dark greys (the
 * colour text has anyway). */
static gint32 parse_color(const char *v)
{
    gint32 rgb = -1;
    unsigned r, g, b;
    char *s = g_ascii_strdown(v, -1);
    g_strstrip(s);
    gsize n = strlen(s);
    if (s[0] == '#' && (n == 4 || n == 7) && strspn(s + 1, "0123456789abcdef") == n - 1) {
        rgb = (gint32) strtol(s + 1, NULL, 16);
        if (n == 4)
            rgb = ((rgb & 0xF00) * 0x1100) | ((rgb & 0x0F0) * 0x110) | ((rgb & 0x00F) * 0x11);
    } else if (sscanf(s, "rgb(%u,%u,%u)", &r, &g, &b) == 3 || sscanf(s, "rgb( %u , %u , %u )", &r, &g, &b) == 3) {
        rgb = (gint32) ((MIN(r, 255u) << 16) | (MIN(g, 255u) << 8) | MIN(b, 255u));
    } else {
        for (guint i = 0; i < G_N_ELEMENTS(color_names); i++)
            if (strcmp(s, color_names[i].name) == 0)
                rgb = color_names[i].rgb;
    }
    g_free(s);
    if (rgb >= 0 && ((rgb >> 16) & 0xFF) < 0x60 && ((rgb >> 8) & 0xFF) < 0x60 && (rgb & 0xFF) < 0x60 &&
        abs(((rgb >> 16) & 0xFF) - (rgb & 0xFF)) < 0x10)
        return -1;
    return rgb;
}

static GwAlign parse_align(const char *v, GwAlign fallback)
{
    if (!v)
        return fallback;
    if (!g_ascii_strncasecmp(v, "center", 6) || !g_ascii_strncasecmp(v, "middle", 6))
        return GW_ALIGN_CENTER;
    if (!g_ascii_strncasecmp(v, "right", 5))
        return GW_ALIGN_RIGHT;
    if (!g_ascii_strncasecmp(v, "left", 4))
        return GW_ALIGN_LEFT;
    if (!g_ascii_strncasecmp(v, "justify", 7))
        return GW_ALIGN_JUSTIFY;
    return fallback;
}

static gboolean is_cjk_font(const char *family)
{
    static const char *const names[] = { "simsun", "nsimsun", "simhei", "fangsong", "kaiti", "microsoft yahei",
                                         "dengxian", "stsong", "stheiti", "stkaiti", "stfangsong", "fzxiaobiaosong",
                                         "songti", "heiti", "pingfang", "noto sans cjk", "noto serif cjk" };
    for (const char *p = family; *p; p++)
        if ((guchar) *p >= 0x80)
            return TRUE;
    for (guint i = 0; i < G_N_ELEMENTS(names); i++)
        if (!g_ascii_strncasecmp(family, names[i], strlen(names[i])))
            return TRUE;
    return FALSE;
}

/* The first family of a font-family list, unquoted (g_free it). */
static char *first_family(const char *list)
{
    char **families = g_strsplit(list, ",", 2);
    /* An empty list splits into no pieces at all. */
    char *f = g_strdup(families[0] ? g_strstrip(families[0]) : "");
    g_strfreev(families);
    gsize n = strlen(f);
    if (n >= 2 && (f[0] == '"' || f[0] == '\'') && f[n - 1] == f[0]) {
        memmove(f, f + 1, n - 2);
        f[n - 2] = '\0';
    }
    return f;
}

static void set_family(Inline *in, const char *list, GPtrArray *owned)
{
    char *family = first_family(list);
    if (!*family) {
        g_free(family);
        return;
    }
    g_ptr_array_add(owned, family);
    if (is_cjk_font(family))
        in->font_ea = family;
    else
        in->font = family;
}

static gboolean weight_is_bold(const char *v)
{
    return !strcmp(v, "bold") || !strcmp(v, "bolder") || (g_ascii_isdigit(v[0]) && atoi(v) >= 600);
}

/* One declaration of a style attribute. */
static void apply_declaration(const char *property, const char *value, Inline *in, GPtrArray *owned)
{
    char *v = g_ascii_strdown(value, -1);
    if (!strcmp(property, "font-weight"))
        in->bold = weight_is_bold(v);
    else if (!strcmp(property, "font-style"))
        in->italic = !strcmp(v, "italic") || !strcmp(v, "oblique");
    else if (!strcmp(property, "text-decoration") || !strcmp(property, "text-decoration-line")) {
        in->underline = strstr(v, "underline") != NULL;
        in->strike = strstr(v, "line-through") != NULL;
    } else if (!strcmp(property, "font-family"))
        set_family(in, value, owned);
    else if (!strcmp(property, "color"))
        in->color = parse_color(v);
    else if (!strcmp(property, "text-align"))
        in->align = parse_align(v, in->align);
    else if (!strcmp(property, "direction"))
        in->rtl = !strcmp(v, "rtl") ? TRUE : !strcmp(v, "ltr") ? FALSE : in->rtl;
    else if (!strcmp(property, "vertical-align"))
        in->vert = !strcmp(v, "super") ? GW_VERT_SUPER : !strcmp(v, "sub") ? GW_VERT_SUB : in->vert;
    g_free(v);
}

/* The declarations of a style attribute ("a: b; c: d !important"). */
static void apply_style(const char *style, Inline *in, GPtrArray *owned)
{
    char **decls = g_strsplit(style, ";", -1);
    for (char **d = decls; *d; d++) {
        char *colon = strchr(*d, ':');
        if (!colon)
            continue;
        *colon = '\0';
        char *property = g_ascii_strdown(g_strstrip(*d), -1);
        char *value = g_strstrip(colon + 1);
        char *important = strstr(value, "!important");
        if (important)
            *important = '\0';
        apply_declaration(property, g_strstrip(value), in, owned);
        g_free(property);
    }
    g_strfreev(decls);
}

/* The formatting an element adds for its content; strings it allocates go
 * to `owned`. */
static void apply_inline(const xmlNode *n, Inline *in, GPtrArray *owned)
{
    const char *tag = tag_of(n);
    if (!strcmp(tag, "b") || !strcmp(tag, "strong"))
        in->bold = 1;
    else if (!strcmp(tag, "i") || !strcmp(tag, "em") || !strcmp(tag, "cite") || !strcmp(tag, "var") ||
             !strcmp(tag, "dfn"))
        in->italic = 1;
    else if (!strcmp(tag, "u") || !strcmp(tag, "ins"))
        in->underline = 1;
    else if (!strcmp(tag, "s") || !strcmp(tag, "strike") || !strcmp(tag, "del"))
        in->strike = 1;
    else if (!strcmp(tag, "sup"))
        in->vert = GW_VERT_SUPER;
    else if (!strcmp(tag, "sub"))
        in->vert = GW_VERT_SUB;
    else if (!strcmp(tag, "center"))
        in->align = GW_ALIGN_CENTER;
    else if (!strcmp(tag, "th"))
        in->bold = 1;
    char *v;
    if (!strcmp(tag, "a") && (v = prop(n, "href"))) {
        g_strstrip(v);
        if (*v && g_ascii_strncasecmp(v, "javascript:", 11) != 0) {
            in->link = v;
            g_ptr_array_add(owned, v);
        } else {
            g_free(v);
        }
    }
    if (!strcmp(tag, "font")) {
        if ((v = prop(n, "face"))) {
            set_family(in, v, owned);
            g_free(v);
        }
        if ((v = prop(n, "color"))) {
            in->color = parse_color(v);
            g_free(v);
        }
    }
    if ((v = prop(n, "align"))) {
        in->align = parse_align(v, in->align);
        g_free(v);
    }
    if ((v = prop(n, "dir"))) {
        in->rtl = !g_ascii_strcasecmp(v, "rtl") ? TRUE : !g_ascii_strcasecmp(v, "ltr") ? FALSE : in->rtl;
        g_free(v);
    }
    if ((v = prop(n, "style"))) {
        apply_style(v, in, owned);
        g_free(v);
    }
}

/* ---- paragraphs ----------------------------------------------------------- */

/* Characters between which a line break in the source is no space. */
static gboolean is_wide(gunichar c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF) || (c >= 0x2018 && c <= 0x201D) ||
           c == 0x2014 || c == 0x2026;
}

/* Control characters: dropped, except C1 codes from numeric references,
 * which browsers read as windows-1252. */
static gunichar fix_control(gunichar c)
{
    static const gunichar cp1252[32] = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    };
    if (c < 0x20 || c == 0x7F || c == 0xFEFF)
        return 0;
    if (c >= 0x80 && c <= 0x9F)
        return cp1252[c - 0x80];
    return c;
}

static gboolean run_matches(const GwRun *r, const Inline *in)
{
    return r->kind == GW_RUN_TEXT && r->style.bold == in->bold && r->style.italic == in->italic &&
           r->style.underline == in->underline && r->style.strike == in->strike && r->style.vert == in->vert &&
           r->style.color == in->color && !g_strcmp0(r->style.font, in->font) &&
           !g_strcmp0(r->style.font_ea, in->font_ea) && !g_strcmp0(r->link, in->link);
}

static GwRun *new_run(GwRunKind kind, const char *text, const Inline *in)
{
    GwRun *r = gw_run_new(kind, text);
    r->style.bold = in->bold;
    r->style.italic = in->italic;
    r->style.underline = in->underline;
    r->style.strike = in->strike;
    r->style.vert = in->vert;
    r->style.color = in->color;
    r->style.font = g_strdup(in->font);
    r->style.font_ea = g_strdup(in->font_ea);
    r->link = g_strdup(in->link);
    return r;
}

static GwBlock *sink_para(Sink *s, const Inline *in)
{
    if (!s->para) {
        s->para = gw_block_new(GW_BLOCK_PARAGRAPH);
        s->align = in->align;
        s->rtl = in->rtl;
        s->last = 0;
        s->pending_space = s->pending_break = FALSE;
    }
    return s->para;
}

static void sink_append(Sink *s, GwBlock *block)
{
    if (s->container)
        gw_block_append(s->container, block);
    else
        gw_document_append(s->doc, block);
}

static void append_text(Sink *s, const Inline *in, const char *text)
{
    GwBlock *p = sink_para(s, in);
    GwRun *last = gw_block_get_run(p, gw_block_n_runs(p) - 1);
    if (last && run_matches(last, in)) {
        char *joined = g_strconcat(last->text, text, NULL);
        g_free(last->text);
        last->text = joined;
    } else {
        gw_block_append_run(p, new_run(GW_RUN_TEXT, text, in));
    }
}

static void append_break(Sink *s, const Inline *in)
{
    gw_block_append_run(sink_para(s, in), new_run(GW_RUN_LINE_BREAK, NULL, in));
    s->last = 0;
    s->pending_space = s->pending_break = FALSE;
}

/* A text node: white space collapsed as browsers do; a run of white space
 * with a line break in it between two Chinese characters is no space at all
 * (CSS Text's segment break rule for East Asian wide characters). */
static void sink_text(Sink *s, const Inline *in, const char *text)
{
    GString *t = g_string_new(NULL);
    gunichar prev = s->para ? s->last : 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (s->preformatted && c == '\n') {
            if (t->len)
                append_text(s, in, t->str);
            g_string_truncate(t, 0);
            append_break(s, in);
            prev = 0;
            continue;
        }
        if (!s->preformatted && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
            s->pending_space = TRUE;
            s->pending_break = s->pending_break || c == '\n' || c == '\r';
            continue;
        }
        if (!(c = s->preformatted && c == '\t' ? c : fix_control(c)))
            continue;
        if (s->pending_space && prev && !(s->pending_break && is_wide(prev) && is_wide(c)))
            g_string_append_c(t, ' ');
        s->pending_space = s->pending_break = FALSE;
        g_string_append_unichar(t, c == 0x00A0 ? ' ' : c);
        prev = c;
    }
    if (t->len)
        append_text(s, in, t->str);
    if (s->para)
        s->last = prev;
    g_string_free(t, TRUE);
}

static gboolean is_edge_space(gunichar c)
{
    return c == ' ' || c == 0x3000 || c == 0x00A0 || c == '\t';
}

/* Drops white space and breaks at both ends of a paragraph. */
static void trim_runs(GwBlock *p)
{
    for (int end = 0; end < 2; end++) {
        while (gw_block_n_runs(p)) {
            guint i = end ? gw_block_n_runs(p) - 1 : 0;
            GwRun *r = p->runs->pdata[i];
            if (r->kind == GW_RUN_TEXT && r->text) {
                char *s = r->text, *e = s + strlen(s);
                while (*s && is_edge_space(g_utf8_get_char(s)) && !end)
                    s = g_utf8_next_char(s);
                while (e > s && end && is_edge_space(g_utf8_get_char(g_utf8_find_prev_char(s, e))))
                    e = g_utf8_find_prev_char(s, e);
                char *trimmed = g_strndup(s, (gsize) (e - s));
                g_free(r->text);
                r->text = trimmed;
                if (*trimmed)
                    break;
            } else if (r->kind != GW_RUN_LINE_BREAK) {
                break;
            }
            g_ptr_array_remove_index(p->runs, i);
        }
    }
}

/* Splits the runs so that the first `lead` bytes of text are runs of
 * their own, marked as the inline lead heading. */
static void mark_lead(GwBlock *p, gsize lead)
{
    gsize at = 0;
    for (guint i = 0; i < gw_block_n_runs(p) && at < lead; i++) {
        GwRun *r = p->runs->pdata[i];
        gsize n = r->kind == GW_RUN_TEXT && r->text ? strlen(r->text) : 0;
        if (at + n > lead) {
            GwRun *rest = gw_run_new(GW_RUN_TEXT, r->text + (lead - at));
            gw_run_style_copy(&rest->style, &r->style);
            rest->link = g_strdup(r->link);
            r->text[lead - at] = '\0';
            g_ptr_array_insert(p->runs, (gint) i + 1, rest);
            n = lead - at;
        }
        r->lead = TRUE;
        at += n;
    }
}

/* A single picture on its own becomes an image block. */
static gboolean make_image_block(GwBlock *p)
{
    if (gw_block_n_runs(p) != 1 || ((GwRun *) p->runs->pdata[0])->kind != GW_RUN_IMAGE)
        return FALSE;
    GwRun *r = p->runs->pdata[0];
    p->kind = GW_BLOCK_IMAGE;
    gw_block_set_image(p, r->image);
    r->image = NULL;
    g_ptr_array_set_size(p->runs, 0);
    return TRUE;
}

static int heading_tag_level(int n)
{
    return n <= 2 ? 1 : MIN(n - 1, 4);
}

static void classify_paragraph(Reader *R, Sink *s, GwBlock *p)
{
    char *text = gw_block_get_text(p);
    int level = 0;
    gboolean labelled = gwi_outline_detect(text, &level, NULL);
    if (R->in_titled && !R->first_titled && !s->container)
        R->first_titled = p;
    if (s->heading) {
        p->kind = GW_BLOCK_HEADING;
        p->level = labelled ? level : heading_tag_level(s->heading);
        if (s->heading == 1 && !R->first_h1 && !s->container)
            R->first_h1 = p;
    } else if (!s->container && !s->in_table && labelled && gwi_outline_is_heading(text)) {
        p->kind = GW_BLOCK_HEADING;
        p->level = level;
    } else if (!s->container && !s->in_table && labelled && gwi_outline_lead_len(text)) {
        mark_lead(p, gwi_outline_lead_len(text));
        p->level = level;
    }
    g_free(text);
}

/* One more block (paragraph, table, row, cell, list item...): FALSE, with
 * the reader failed, past the blocks limit, before a page of thousands of
 * tiny cells can take the memory of a large model. */
static gboolean count_block(Reader *R)
{
    if (R->failed)
        return FALSE;
    guint64 max = gw_read_options_get_limit(R->opts, GW_LIMIT_BLOCKS);
    if (++R->blocks <= max)
        return TRUE;
    gwi_limit_error(R->error, GW_LIMIT_BLOCKS, max, "%s: block %" G_GUINT64_FORMAT " (paragraphs, cells, rows and tables count)",
                    R->name, R->blocks);
    R->failed = TRUE;
    return FALSE;
}

static void sink_flush(Reader *R, Sink *s)
{
    GwBlock *p = s->para;
    if (!p)
        return;
    s->para = NULL;
    s->pending_space = s->pending_break = FALSE;
    s->last = 0;
    trim_runs(p);
    if (!gw_block_n_runs(p) || !count_block(R)) {
        gw_block_free(p);
        return;
    }
    /* the model's left and right are the start and end of the line */
    p->style.align = s->rtl && s->align == GW_ALIGN_LEFT    ? GW_ALIGN_RIGHT
                     : s->rtl && s->align == GW_ALIGN_RIGHT ? GW_ALIGN_LEFT
                                                            : s->align;
    p->style.rtl = s->rtl;
    if (s->in_table)
        p->style.indent_first = p->style.indent_first_chars = 0;
    if (s->preformatted)
        p->kind = GW_BLOCK_CODE;
    else if (!make_image_block(p))
        classify_paragraph(R, s, p);
    sink_append(s, p);
}

/* ---- images -------------------------------------------------------------------- */

static const char *image_mime(GBytes *data)
{
    gsize n;
    const guchar *d = g_bytes_get_data(data, &n);
    if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    if (n >= 3 && memcmp(d, "\xFF\xD8\xFF", 3) == 0)
        return "image/jpeg";
    return NULL;
}

/* The real path of a src inside the page's folder, or NULL: no URLs, no
 * absolute paths, no "..", no symbolic link leading out. */
static char *local_path(Reader *R, const char *src)
{
    if (!R->dir_real)
        return NULL;
    char *clean = g_strndup(src, strcspn(src, "?#"));
    char *path = g_uri_unescape_string(clean, NULL);
    g_free(clean);
    gboolean ok = path && *path && path[0] != '/' && path[0] != '\\' && !strchr(path, ':');
    char **parts = ok ? g_strsplit_set(path, "/\\", -1) : NULL;
    for (char **p = parts; p && *p && ok; p++)
        ok = strcmp(*p, "..") != 0;
    g_strfreev(parts);
    char *real = NULL;
    if (ok) {
        char *full = g_build_filename(R->dir, path, NULL);
        real = realpath(full, NULL);
        g_free(full);
        gsize n = strlen(R->dir_real);
        if (real && !(strncmp(real, R->dir_real, n) == 0 && (real[n] == '/' || R->dir_real[n - 1] == '/'))) {
            free(real);
            real = NULL;
        }
    }
    g_free(path);
    return real;
}

static GBytes *read_local(Reader *R, const char *src)
{
    char *real = local_path(R, src);
    GStatBuf st;
    char *data = NULL;
    gsize len = 0;
    if (real && g_stat(real, &st) == 0 && S_ISREG(st.st_mode) &&
        (guint64) st.st_size <= gw_read_options_get_limit(R->opts, GW_LIMIT_INPUT_BYTES))
        g_file_get_contents(real, &data, &len, NULL);
    free(real);
    return data ? g_bytes_new_take(data, len) : NULL;
}

static GBytes *read_data_uri(const char *src)
{
    const char *comma = strchr(src, ',');
    if (!comma || !g_strstr_len(src, comma - src, ";base64"))
        return NULL;
    gsize len;
    guchar *data = g_base64_decode(comma + 1, &len);
    return g_bytes_new_take(data, len);
}

static double length_points(const xmlNode *n, const char *attr)
{
    char *v = prop(n, attr);
    double points = GW_UNSET;
    if (v && g_ascii_isdigit(*g_strstrip(v)) && !strchr(v, '%'))
        points = g_ascii_strtod(v, NULL) * 0.75; /* CSS px */
    g_free(v);
    return points > 0 ? points : GW_UNSET;
}

/* An <img>: from a data: URI or a file beside the page; never a URL. */
static void sink_image(Reader *R, Sink *s, const xmlNode *n, const Inline *in)
{
    char *src = prop(n, "src");
    if (!src)
        return;
    g_strstrip(src);
    GBytes *data = NULL;
    if (!g_ascii_strncasecmp(src, "data:", 5))
        data = read_data_uri(src);
    else if (g_str_has_prefix(src, "//") || g_regex_match_simple("^[A-Za-z][A-Za-z0-9+.-]*:", src, 0, 0))
        R->remote_images++;
    else if (!(data = read_local(R, src)))
        R->unreadable_images++;
    const char *mime = data ? image_mime(data) : NULL;
    if (data && !mime)
        R->unreadable_images++;
    if (mime) {
        GwImage *img = gw_image_new(data, mime, length_points(n, "width"), length_points(n, "height"));
        char *alt = prop(n, "alt");
        if (alt && *alt)
            gw_image_set_alt(img, alt);
        g_free(alt);
        GwRun *run = new_run(GW_RUN_IMAGE, NULL, in);
        gw_run_set_image(run, img);
        gw_block_append_run(sink_para(s, in), run);
        s->last = 0xFFFC;
    }
    if (data)
        g_bytes_unref(data);
    g_free(src);
}

/* ---- conversion ------------------------------------------------------------------ */

static void convert_children(Reader *R, const xmlNode *n, Sink *s, const Inline *in);

static guint span_attr(const xmlNode *n, const char *attr, guint fallback)
{
    char *v = prop(n, attr);
    guint value = fallback;
    if (v) {
        char *s = g_strstrip(v);
        if (g_ascii_isdigit(*s)) {
            guint64 x = g_ascii_strtoull(s, NULL, 10);
            value = (guint) MIN(x, (guint64) G_MAXINT);
        }
    }
    g_free(v);
    return value;
}

typedef struct {
    const xmlNode *node;
    guint row, col, colspan, rowspan;
} CellPos;

static void collect_rows(const xmlNode *table, GPtrArray *rows, GArray *header)
{
    for (const xmlNode *c = table->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_hidden(c))
            continue;
        gboolean head = !strcmp(tag_of(c), "thead");
        if (!strcmp(tag_of(c), "tr")) {
            g_ptr_array_add(rows, (gpointer) c);
            g_array_append_val(header, head);
        } else if (head || !strcmp(tag_of(c), "tbody") || !strcmp(tag_of(c), "tfoot")) {
            for (const xmlNode *r = c->children; r; r = r->next)
                if (r->type == XML_ELEMENT_NODE && !strcmp(tag_of(r), "tr") && !is_hidden(r)) {
                    g_ptr_array_add(rows, (gpointer) r);
                    g_array_append_val(header, head);
                }
        }
    }
}

static gboolean is_cell(const xmlNode *c)
{
    return c->type == XML_ELEMENT_NODE && (!strcmp(tag_of(c), "td") || !strcmp(tag_of(c), "th")) && !is_hidden(c);
}

/* The HTML table algorithm: each cell takes the first free column; spans
 * are cut at MAX_COLUMNS and at the last row. */
static GArray *layout_cells(GPtrArray *rows, guint64 budget)
{
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(CellPos));
    guint64 work = 0;
    GArray *busy = g_array_new(FALSE, TRUE, sizeof(guint)); /* per column: busy until this row */
    for (guint r = 0; r < rows->len; r++) {
        guint col = 0;
        for (const xmlNode *c = ((xmlNode *) rows->pdata[r])->children; c; c = c->next) {
            if (!is_cell(c))
                continue;
            while (col < busy->len && g_array_index(busy, guint, col) > r)
                col++, work++;
            if (col >= MAX_COLUMNS)
                break;
            guint remaining = rows->len - r;
            guint colspan = CLAMP(span_attr(c, "colspan", 1), 1, MAX_COLUMNS - col);
            guint rowspan = span_attr(c, "rowspan", 1);
            rowspan = rowspan == 0 ? remaining : MIN(rowspan, remaining);
            CellPos pos = { c, r, col, colspan, rowspan };
            g_array_append_val(cells, pos);
            if (busy->len < col + colspan)
                g_array_set_size(busy, col + colspan);
            for (guint k = col; k < col + colspan; k++)
                g_array_index(busy, guint, k) = r + rowspan;
            col += colspan;
            work += colspan + 1;
        }
        if (work > budget) {
            g_array_free(cells, TRUE);
            cells = NULL;
            break;
        }
    }
    g_array_free(busy, TRUE);
    return cells;
}

/* Columns where no cell starts exist only through an over-long colspan:
 * they are dropped, which clamps the span to the real grid.  Returns the
 * number of columns left. */
static guint drop_phantom_columns(GArray *cells)
{
    guint width = 0;
    for (guint i = 0; i < cells->len; i++) {
        CellPos *p = &g_array_index(cells, CellPos, i);
        width = MAX(width, p->col + p->colspan);
    }
    guint *new_index = g_new0(guint, width + 1);
    gboolean *starts = g_new0(gboolean, width + 1);
    for (guint i = 0; i < cells->len; i++)
        starts[g_array_index(cells, CellPos, i).col] = TRUE;
    for (guint c = 0, n = 0; c <= width; c++) {
        new_index[c] = n;
        n += starts[c];
    }
    for (guint i = 0; i < cells->len; i++) {
        CellPos *p = &g_array_index(cells, CellPos, i);
        guint end = new_index[p->col + p->colspan];
        p->col = new_index[p->col];
        p->colspan = MAX(end - p->col, 1);
    }
    guint n_cols = new_index[width];
    g_free(new_index);
    g_free(starts);
    return n_cols;
}

static void convert_cell(Reader *R, GwBlock *row, const CellPos *pos, const Inline *in)
{
    if (!count_block(R))
        return;
    GwBlock *cell = gw_block_new(GW_BLOCK_TABLE_CELL);
    gw_cell_set_span(cell, pos->col, pos->colspan, pos->rowspan);
    char *valign = prop(pos->node, "valign");
    if (valign)
        gw_cell_set_valign(cell, !g_ascii_strcasecmp(valign, "top")      ? GW_VALIGN_TOP
                                 : !g_ascii_strcasecmp(valign, "bottom") ? GW_VALIGN_BOTTOM
                                                                         : GW_VALIGN_CENTER);
    g_free(valign);
    Inline cin = *in;
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    apply_inline(pos->node, &cin, owned);
    Sink cs = { .container = cell, .in_table = TRUE };
    convert_children(R, pos->node, &cs, &cin);
    sink_flush(R, &cs);
    g_ptr_array_free(owned, TRUE);
    if (!gw_block_n_children(cell)) {
        GwBlock *empty = gw_block_new(GW_BLOCK_PARAGRAPH);
        empty->style.indent_first = empty->style.indent_first_chars = 0;
        gw_block_append(cell, empty);
    }
    gw_block_append(row, cell);
}

static gboolean all_th(const xmlNode *tr)
{
    gboolean any = FALSE;
    for (const xmlNode *c = tr->children; c; c = c->next)
        if (is_cell(c)) {
            if (strcmp(tag_of(c), "th") != 0)
                return FALSE;
            any = TRUE;
        }
    return any;
}

static GwBlock *convert_table(Reader *R, const xmlNode *table, const Inline *in)
{
    GPtrArray *rows = g_ptr_array_new();
    GArray *header = g_array_new(FALSE, FALSE, sizeof(gboolean));
    collect_rows(table, rows, header);
    guint64 limit = gw_read_options_get_limit(R->opts, GW_LIMIT_TABLE_CELLS);
    /* laying out costs about a step per cell and spanned column */
    GArray *cells = layout_cells(rows, 16 * limit);
    guint n_cols = cells ? drop_phantom_columns(cells) : G_MAXUINT;
    GwBlock *block = NULL;
    if (!cells || (guint64) n_cols * rows->len > limit) {
        g_set_error(R->error, GW_ERROR, GW_ERROR_LIMIT, "%s: a table of %u rows exceeds the table-cells limit (%" G_GUINT64_FORMAT ")",
                    R->name, rows->len, limit);
        R->failed = TRUE;
    } else if (rows->len && n_cols && count_block(R)) {
        block = gw_block_new(GW_BLOCK_TABLE);
        gw_table_set_columns(block, n_cols, NULL);
        GwBorder *b = gw_table_get_borders(block);
        for (int i = 0; i < GW_N_SIDES; i++)
            b[i].width = 0.5;
        Inline tin = *in;
        tin.align = GW_ALIGN_DEFAULT;
        guint next = 0;
        for (guint r = 0; r < rows->len && count_block(R); r++) {
            GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
            gw_row_set_header(row, g_array_index(header, gboolean, r) || all_th(rows->pdata[r]));
            for (; next < cells->len && g_array_index(cells, CellPos, next).row == r; next++)
                convert_cell(R, row, &g_array_index(cells, CellPos, next), &tin);
            gw_block_append(block, row);
        }
    }
    if (cells)
        g_array_free(cells, TRUE);
    g_ptr_array_free(rows, TRUE);
    g_array_free(header, TRUE);
    return block;
}

static void convert_list(Reader *R, const xmlNode *n, Sink *s, const Inline *in)
{
    gboolean ordered = !strcmp(tag_of(n), "ol");
    GwBlock *list = gw_block_new(GW_BLOCK_LIST);
    gw_block_set_ordered(list, ordered);
    guint number = ordered ? span_attr(n, "start", 1) : 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp(tag_of(c), "li") != 0 || is_hidden(c))
            continue;
        if (!count_block(R))
            break;
        GwBlock *item = gw_block_new(GW_BLOCK_LIST_ITEM);
        char *label = ordered ? g_strdup_printf("%u.", number++) : g_strdup("•");
        gw_block_set_label(item, label);
        g_free(label);
        Sink is = { .container = item, .in_table = s->in_table };
        convert_children(R, c, &is, in);
        sink_flush(R, &is);
        gw_block_append(list, item);
    }
    if (gw_block_n_children(list))
        sink_append(s, list);
    else
        gw_block_free(list);
}

static void convert_quote(Reader *R, const xmlNode *n, Sink *s, const Inline *in)
{
    GwBlock *quote = gw_block_new(GW_BLOCK_QUOTE);
    Sink qs = { .container = quote, .in_table = s->in_table };
    convert_children(R, n, &qs, in);
    sink_flush(R, &qs);
    if (gw_block_n_children(quote))
        sink_append(s, quote);
    else
        gw_block_free(quote);
}

/* Block elements end the paragraph before and after them. */
static void convert_block(Reader *R, const xmlNode *n, Sink *s, const Inline *in)
{
    const char *tag = tag_of(n);
    sink_flush(R, s);
    if (!strcmp(tag, "table")) {
        const xmlNode *caption = find_tag((xmlNode *) n, "caption");
        if (caption && caption->parent == n) {
            Inline cin = *in;
            cin.align = GW_ALIGN_CENTER;
            convert_children(R, caption, s, &cin);
            sink_flush(R, s);
        }
        GwBlock *t = convert_table(R, n, in);
        if (t)
            sink_append(s, t);
    } else if (!strcmp(tag, "ul") || !strcmp(tag, "ol")) {
        convert_list(R, n, s, in);
    } else if (!strcmp(tag, "blockquote")) {
        convert_quote(R, n, s, in);
    } else if (!strcmp(tag, "hr")) {
        sink_append(s, gw_block_new(GW_BLOCK_RULE));
    } else if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && !tag[2]) {
        int outer = s->heading;
        s->heading = tag[1] - '0';
        convert_children(R, n, s, in);
        sink_flush(R, s);
        s->heading = outer;
    } else if (!strcmp(tag, "pre")) {
        gboolean outer = s->preformatted;
        s->preformatted = TRUE;
        convert_children(R, n, s, in);
        sink_flush(R, s);
        s->preformatted = outer;
    } else {
        convert_children(R, n, s, in);
        sink_flush(R, s);
    }
}

static gboolean is_block(const xmlNode *n)
{
    return (node_flags(n) & NODE_BLOCK) != 0;
}

static void convert_element(Reader *R, const xmlNode *n, Sink *s, const Inline *in)
{
    if (is_skipped(n) || is_furniture(R, n) || R->failed)
        return;
    const char *tag = tag_of(n);
    Inline child = *in;
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    apply_inline(n, &child, owned);
    if (!strcmp(tag, "br")) {
        if (s->in_table || s->preformatted)
            append_break(s, &child);
        else
            sink_flush(R, s); /* pages separate paragraphs with <br> */
    } else if (!strcmp(tag, "img")) {
        sink_image(R, s, n, &child);
    } else if (is_block(n)) {
        gboolean titled = has_name(n, title_names, G_N_ELEMENTS(title_names), TRUE);
        R->in_titled += titled;
        convert_block(R, n, s, &child);
        R->in_titled -= titled;
    } else {
        convert_children(R, n, s, &child);
    }
    g_ptr_array_free(owned, TRUE);
}

static void convert_children(Reader *R, const xmlNode *n, Sink *s, const Inline *in)
{
    for (const xmlNode *c = n->children; c && !R->failed; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            sink_text(s, in, (const char *) c->content);
        else if (c->type == XML_ELEMENT_NODE)
            convert_element(R, c, s, in);
    }
}

/* ---- attachments ---------------------------------------------------------- */

/* Removes the first `bytes` bytes of a paragraph's text. */
static void drop_prefix(GwBlock *p, gsize bytes)
{
    while (bytes && gw_block_n_runs(p)) {
        GwRun *r = p->runs->pdata[0];
        gsize n = r->kind == GW_RUN_TEXT && r->text ? strlen(r->text) : 0;
        if (n > bytes) {
            memmove(r->text, r->text + bytes, n - bytes + 1);
            return;
        }
        bytes -= n;
        g_ptr_array_remove_index(p->runs, 0);
    }
}

static gboolean is_numbered_item(GwBlock *b)
{
    int level = 0;
    char *text = gwi_block_is_textual(b->kind) ? gw_block_get_text(b) : NULL;
    gboolean item = text && gwi_outline_detect(text, &level, NULL) && level == 3;
    g_free(text);
    return item;
}

/* An attachment line is a plain paragraph, whatever its label made it. */
static GwBlock *as_attachment(GwBlock *b)
{
    b->kind = GW_BLOCK_PARAGRAPH;
    b->level = 0;
    for (guint i = 0; i < gw_block_n_runs(b); i++)
        ((GwRun *) b->runs->pdata[i])->lead = FALSE;
    return b;
}

/* "附件：" and the numbered lines after it make the attachment list, as in
 * the text reader: a GW_BLOCK_ATTACHMENTS whose label is "附件：" and whose
 * paragraphs keep their links. */
static void group_attachments(GwDocument *doc)
{
    GPtrArray *blocks = doc->blocks;
    for (guint i = 0; i < blocks->len; i++) {
        GwBlock *b = blocks->pdata[i];
        char *text = gwi_block_is_textual(b->kind) ? gw_block_get_text(b) : NULL;
        gsize label = gwi_outline_attachments_label(text);
        gboolean named = label && text[label];
        gboolean items = i + 1 < blocks->len && is_numbered_item(blocks->pdata[i + 1]);
        if (!label || (!named && !items)) {
            g_free(text);
            continue;
        }
        GwBlock *list = gw_block_new(GW_BLOCK_ATTACHMENTS);
        char *label_text = g_strstrip(g_strndup(text, label));
        gw_block_set_label(list, label_text);
        g_free(label_text);
        if (named) {
            drop_prefix(b, label);
            gw_block_append(list, as_attachment(g_ptr_array_steal_index(blocks, i)));
        } else {
            g_ptr_array_remove_index(blocks, i);
        }
        while ((!named || items) && i < blocks->len && is_numbered_item(blocks->pdata[i]))
            gw_block_append(list, as_attachment(g_ptr_array_steal_index(blocks, i)));
        g_ptr_array_insert(blocks, (gint) i, list);
        g_free(text);
    }
}

/* ---- title ----------------------------------------------------------------------- */

static char *meta_content(xmlNode *head, const char *name)
{
    for (xmlNode *c = head ? head->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp(tag_of(c), "meta") != 0)
            continue;
        char *n = prop(c, "name");
        gboolean hit = n && !g_ascii_strcasecmp(n, name);
        g_free(n);
        if (hit) {
            char *v = prop(c, "content");
            if (v && *g_strstrip(v))
                return v;
            g_free(v);
        }
    }
    return NULL;
}

static gboolean is_ancestor(const xmlNode *a, const xmlNode *n)
{
    for (; n; n = n->parent)
        if (n == a)
            return TRUE;
    return FALSE;
}

/* The last title-like element before the body: a heading, or an element
 * whose id or class says title; not links, not the site's banner. */
static void last_title_before(Reader *R, xmlNode *n, const xmlNode *body, xmlNode **best, gboolean *done)
{
    for (xmlNode *c = n->children; c && !*done; c = c->next) {
        if (c == body) {
            *done = TRUE;
            return;
        }
        if (is_skipped(c) || !strcmp(tag_of(c), "a"))
            continue;
        Score *s = score_of(R, c);
        gboolean titled = !strcmp(tag_of(c), "h1") || !strcmp(tag_of(c), "h2") || !strcmp(tag_of(c), "h3") ||
                          has_name(c, title_names, G_N_ELEMENTS(title_names), TRUE);
        if (titled && !is_ancestor(c, body) && s->content >= 4 && s->content <= 100 && s->links < s->content)
            *best = c;
        last_title_before(R, c, body, best, done);
    }
}

/* "标题_栏目_网站" → "标题". */
static char *cut_site_name(const char *title)
{
    static const char *const separators[] = { "_", "|", " - ", "——", " — ", "－" };
    char *t = g_strdup(title);
    for (guint i = 0; i < G_N_ELEMENTS(separators); i++) {
        char *hit = strstr(t, separators[i]);
        if (hit && hit > t)
            *hit = '\0';
    }
    return g_strstrip(t);
}

static char *collapse_text(const char *raw)
{
    GString *out = g_string_new(NULL);
    gboolean space = FALSE;
    for (const char *p = raw; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || c == 0x00A0 || c == 0x3000) {
            space = out->len > 0;
            continue;
        }
        if (space)
            g_string_append_c(out, ' ');
        space = FALSE;
        g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

static gboolean same_text(const char *a, const char *b)
{
    char *x = collapse_text(a), *y = collapse_text(b);
    gboolean same = strcmp(x, y) == 0;
    g_free(x);
    g_free(y);
    return same;
}

/* A centred short first paragraph with no sentence in it is the title. */
static gboolean looks_like_title(GwBlock *b, const char *text)
{
    return b->kind == GW_BLOCK_PARAGRAPH && b->style.align == GW_ALIGN_CENTER && g_utf8_strlen(text, -1) <= 60 &&
           !strstr(text, "。") && !gwi_outline_detect(text, NULL, NULL);
}

/* The title, by preference: the CMS's ArticleTitle meta; the article's
 * first <h1> or element named like a title, or its centred short first
 * paragraph; the last title-like element before the body; the page <title>
 * without the site's name.  The block
 * that shows it becomes the title block, or one is added. */
static void choose_title(Reader *R, xmlDoc *x, xmlNode *body)
{
    xmlNode *root = xmlDocGetRootElement(x);
    xmlNode *head = find_tag((xmlNode *) x, "head");
    char *title = meta_content(head, "ArticleTitle");
    guint n = MIN(gw_document_n_blocks(R->doc), 3);
    for (guint i = 0; !title && i < n; i++)
        if (gw_document_get_block(R->doc, i) == R->first_h1 || gw_document_get_block(R->doc, i) == R->first_titled)
            title = gw_block_get_text(gw_document_get_block(R->doc, i));
    if (!title && n) {
        char *first = gw_block_get_text(gw_document_get_block(R->doc, 0));
        if (looks_like_title(gw_document_get_block(R->doc, 0), first))
            title = first;
        else
            g_free(first);
    }
    if (!title) {
        xmlNode *best = NULL;
        gboolean done = FALSE;
        if (root)
            last_title_before(R, root, body, &best, &done);
        char *raw = best ? node_text(best) : NULL;
        title = raw ? collapse_text(raw) : NULL;
        g_free(raw);
    }
    xmlNode *title_el = !title ? find_tag(head, "title") : NULL;
    if (title_el) {
        char *raw = node_text(title_el), *collapsed = collapse_text(raw);
        title = cut_site_name(collapsed);
        g_free(raw);
        g_free(collapsed);
    }
    if (!title || !*title) {
        g_free(title);
        return;
    }
    for (guint i = 0; i < n; i++) {
        GwBlock *b = gw_document_get_block(R->doc, i);
        char *text = gw_block_get_text(b);
        gboolean same = gwi_block_is_textual(b->kind) && same_text(text, title);
        g_free(text);
        if (same) {
            b->kind = GW_BLOCK_TITLE;
            b->level = 0;
            gw_document_set_meta(R->doc, "title", title);
            g_free(title);
            return;
        }
    }
    GwBlock *t = gw_block_new(GW_BLOCK_TITLE);
    gw_block_add_text(t, title);
    g_ptr_array_insert(R->doc->blocks, 0, t);
    gw_document_set_meta(R->doc, "title", title);
    g_free(title);
}

/* ---- the reader ----------------------------------------------------------------- */

static xmlNode *select_body(Reader *R, xmlNode *body)
{
    const char *select = gw_read_options_get_select(R->opts);
    if (!select)
        return find_body(R, body);
    xmlNode *root = xmlDocGetRootElement(body->doc);
    xmlNode *hit = root ? find_named(root, select) : NULL;
    if (!hit)
        g_set_error(R->error, GW_ERROR, GW_ERROR_INVALID, "%s: no element with id or class '%s' (--select)", R->name,
                    select);
    return hit;
}

static void add_image_notes(Reader *R)
{
    if (R->remote_images)
        gw_document_add_warning(R->doc, "%s: %u image(s) on other sites were left out (gongwen never fetches URLs)",
                                R->name, R->remote_images);
    if (R->unreadable_images)
        gw_document_add_warning(R->doc, "%s: %u image(s) were left out: missing, outside the page's folder, or not PNG/JPEG",
                                R->name, R->unreadable_images);
}

/* Whether the nearest dir="rtl" or "ltr" around `n` (<html dir="rtl">) says
 * right to left. */
static gboolean inherits_rtl(const xmlNode *n)
{
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        char *v = prop(n, "dir");
        gboolean rtl = v && !g_ascii_strcasecmp(v, "rtl"), ltr = v && !g_ascii_strcasecmp(v, "ltr");
        g_free(v);
        if (rtl || ltr)
            return rtl;
    }
    return FALSE;
}

/* A fragment (an HTML altChunk of a DOCX) is read whole: no article body to
 * find, no title to choose. */
static gboolean read_page(Reader *R, xmlDoc *x, gboolean fragment)
{
    xmlNode *root = xmlDocGetRootElement(x);
    if (!root) {
        g_set_error(R->error, GW_ERROR, GW_ERROR_FORMAT, "%s: no HTML content", R->name);
        return FALSE;
    }
    if (!check_tree(R, root))
        return FALSE;
    xmlNode *body = !strcmp(tag_of(root), "body") ? root : find_tag(root, "body");
    if (!body)
        body = root;
    Score *page = g_new0(Score, 1);
    g_hash_table_insert(R->scores, body, page);
    score_node(R, body, FALSE, page);
    xmlNode *article = fragment ? body : select_body(R, body);
    if (!article)
        return FALSE;
    Sink s = { .doc = R->doc };
    Inline in = { -1, -1, -1, -1, GW_VERT_NORMAL, -1, NULL, NULL, NULL, GW_ALIGN_DEFAULT, inherits_rtl(article) };
    convert_element(R, article, &s, &in);
    sink_flush(R, &s);
    if (R->failed)
        return FALSE;
    group_attachments(R->doc);
    if (!fragment)
        choose_title(R, x, article);
    add_image_notes(R);
    return TRUE;
}

/* A page, or with `fragment` a piece of a document: read whole, and with
 * no folder to take pictures from (only data: URIs). */
static GwDocument *read_html(const char *data, gsize len, const char *name, const GwReadOptions *opts,
                             gboolean fragment, GError **error)
{
    if (len > gw_read_options_get_limit(opts, GW_LIMIT_INPUT_BYTES) || len > INT_MAX / 2) {
        g_set_error(error, GW_ERROR, GW_ERROR_LIMIT, "%s: larger than the input-bytes limit", name);
        return NULL;
    }
    if (!len) { /* (and data may be NULL) */
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: empty file", name);
        return NULL;
    }
    guint64 max = gw_read_options_get_limit(opts, GW_LIMIT_TEXT_BYTES);
    if (len > max) {
        gwi_limit_error(error, GW_LIMIT_TEXT_BYTES, max, "%s: a page of %" G_GSIZE_FORMAT " bytes", name, len);
        return NULL;
    }
    Reader R = { .name = name, .opts = opts, .error = error };
    R.doc = gw_document_new();
    R.dir = fragment ? NULL : g_path_get_dirname(name);
    R.dir_real = R.dir ? realpath(R.dir, NULL) : NULL;
    R.scores = g_hash_table_new_full(NULL, NULL, NULL, g_free);
    char *text = decode(&R, data, len);
    char *html = text ? complete_entities(text) : NULL;
    g_free(text);
    gboolean ok = FALSE;
    if (html && !*g_strstrip(html)) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: empty file", name);
    } else if (html) {
        xmlDoc *x = htmlReadMemory(html, (int) strlen(html), NULL, "UTF-8",
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                       HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
        if (!x)
            g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: not HTML", name);
        else
            ok = read_page(&R, x, fragment);
        xmlFreeDoc(x);
    }
    g_free(html);
    g_hash_table_unref(R.scores);
    g_free(R.dir);
    free(R.dir_real);
    if (!ok) {
        gw_document_free(R.doc);
        return NULL;
    }
    if (!fragment)
        gwi_read_apply_meta(R.doc, opts);
    return R.doc;
}

GwDocument *gw_read_html(const char *data, gsize len, const char *name, const GwReadOptions *opts, GError **error)
{
    return read_html(data, len, name, opts, FALSE, error);
}

GwDocument *gwi_read_html_fragment(const char *data, gsize len, const char *name, const GwReadOptions *opts,
                                   GError **error)
{
    return read_html(data, len, name, opts, TRUE, error);
}
