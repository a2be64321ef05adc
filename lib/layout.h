/* layout.h: the paginating layout engine behind render-pdf.c and
 * render-png.c (internal to libgongwen).
 *
 * The engine walks the document once, turns blocks into boxes (lines of
 * text, table row groups, images, rules), fills pages with them and hands
 * each page to a target as soon as it is full; only the current page's boxes
 * are kept, so memory does not grow with page count.  All lengths are in
 * points, y growing downwards. */
#ifndef GONGWEN_LAYOUT_H
#define GONGWEN_LAYOUT_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include "model-imp.h"
#include "gongwen/render.h"

struct GwRenderOptions {
    int page;      /* PNG: 1-based page to draw, 0 = all */
    double dpi;    /* PNG resolution */
    gboolean pdfa;
};

/* Where pages go.  Every callback gets `user`. */
typedef struct {
    /* Page `index` (1-based) of `width` x `height` points is laid out and
     * about to be drawn.  Returns the context to draw on, or NULL to skip
     * drawing it. */
    cairo_t *(*begin_page)(gpointer user, int index, double width, double height, GError **error);
    /* Finish the page begun last (`cr` as returned by begin_page). */
    gboolean (*end_page)(gpointer user, int index, cairo_t *cr, GError **error);
    /* Optional: add a bookmark under `parent` (0 = top level) pointing at
     * (x, y) of page `index`; returns its id. */
    int (*add_outline)(gpointer user, int parent, const char *text, int index, double x, double y);
    /* Optional: a line of text was placed on page `index` (for tests). */
    void (*line_placed)(gpointer user, int index, const char *text, gsize len);
    gboolean tagged;  /* emit structure tags and links (PDF) */
    int last_page;    /* stop after this page; 0 = lay out everything */
    const char *name; /* the output, for errors */
} GwiTarget;

/* Lay `doc` out onto `target`.  `n_pages` (may be NULL) gets the number of
 * pages laid out.  More pages than the pages limit (GW_LIMIT_PAGES) is a
 * GW_ERROR_LIMIT, found before layout when the text alone would fill them.  Warnings (missing fonts, unsupported images) are added
 * to `doc`. */
gboolean gwi_layout_run(GwDocument *doc, const GwiTarget *target, gpointer user, int *n_pages, GError **error);

/* ---- layout-text.c: paragraphs as Pango layouts ------------------------- */

/* A face: East Asian and Latin family names (as fonts.conf knows them). */
typedef struct {
    const char *ea, *latin;
    double size;
    gboolean bold, italic;
} GwiFace;

/* A paragraph's resolved format: GB/T 9704 defaults for its role, then
 * whatever the model sets. */
typedef struct {
    GwiFace face;
    GwAlign align;
    double indent_first, indent_left, indent_right; /* points */
    double space_before, space_after;
    double pitch;       /* line pitch in points; 0 = natural height x multiple */
    double multiple;
    gboolean exact;     /* the pitch is exact rather than a minimum */
    double at_least;    /* minimum line height off the grid; 0 = none */
    double grid_char;   /* character pitch of the 28-a-line grid; 0 = none */
    double letter_spacing; /* points added after each character (beyond the grid) */
    GwCaps caps;           /* the paragraph's letters as capitals */
    gboolean autospace;    /* a quarter em between Chinese characters and Latin letters or digits */
    gboolean rtl;          /* lines run from the right; left alignment means the right side */
    gboolean hang_punct;   /* ，。、；：？！． may hang past the end of a line */
    gboolean keep_next;
    gboolean keep_lines, widow_control;
    gboolean page_break_before;
    const char *tag;    /* structure tag: "P", "H2"... */
    int outline_level;  /* bookmark level, 0 = none */
    int lead_level;     /* level of the paragraph's inline lead heading */
    const char *label;  /* list/attachment label set before the text, or NULL */
    double label_width; /* hanging indent that the text after the label aligns to */
    const GwTabStop *tabs; /* the paragraph's own tab stops (borrowed from its style), from... */
    guint n_tabs;
    double tab_origin;     /* ...the column's edge, this far left of the paragraph's lines */
} GwiPara;

/* What text layout needs from the engine. */
typedef struct {
    PangoContext *pango;
    PangoContext *pango_rtl;  /* the same for right-to-left paragraphs */
    GwDocument *doc;
    GHashTable *warned_fonts; /* East Asian families checked (and warned about) */
    GHashTable *line_heights; /* "family|bold|italic" -> double*: line height per point */
    GHashTable *note_marks;   /* GwRun* (note) -> its mark, for notes without one */
    GHashTable *anchors;      /* anchor names present in the document */
    int page, n_pages;        /* values of PAGE and NUMPAGES fields; 0 = unknown */
    const char *page_format;  /* how PAGE is written (GwPageSetup's page_number_format) */
} GwiText;

/* The default face of a role: heading level 1..9, 0 = body, -1 = title. */
void gwi_face_for_level(int level, GwiFace *face);
/* The East Asian family of a paragraph whose style names `family`: itself,
 * or `role` (its role's default) when no installed face has Chinese glyphs
 * for it (a DOCX whose East Asian font is its Latin one), with a warning
 * when the block has Chinese text to set in it. */
const char *gwi_para_ea_family(GwiText *tc, const GwBlock *block, const char *family, const char *role);
/* A layout of the block's runs `width` points wide (-1: unwrapped). */
PangoLayout *gwi_text_layout(GwiText *tc, const GwBlock *block, const GwiPara *para, double width);
/* A paragraph laid out in pieces of at most GWI_PIECE_CHARS characters, so
 * that memory does not grow with its length: a piece ends after a sentence
 * (。！？) or else at a character, and the next starts a new line with no
 * first-line indent.  A shorter paragraph is one piece, the layout
 * gwi_text_layout makes.  Each layout from next is the caller's; NULL after
 * the last. */
#define GWI_PIECE_CHARS 4000
typedef struct GwiPieces GwiPieces;
GwiPieces *gwi_text_pieces_new(GwiText *tc, const GwBlock *block, const GwiPara *para, double width);
PangoLayout *gwi_text_pieces_next(GwiPieces *pieces);
void gwi_text_pieces_free(GwiPieces *pieces);
/* ---- layout-hang.c: punctuation hanging past the end of a line ---------- */

/* Lets ，。、；：？！． that fall just past a full line of `layout` (laid out
 * with `attrs`) hang in the margin rather than take a character down with
 * them, laying the paragraph out again when any does. */
void gwi_hang_punctuation(PangoLayout *layout, PangoAttrList *attrs);
/* Draws the dots that lead up to the dotted tab stops a tab of `line`
 * (drawn from the current point, `line_x` Pango units right of its
 * layout's edge) reaches. */
void gwi_draw_tab_leaders(cairo_t *cr, PangoLayoutLine *line, int line_x);
/* Draws a hanging mark's shape at the current point; FALSE when `attr` is
 * another shape (a picture). */
gboolean gwi_draw_hanging_mark(cairo_t *cr, const PangoAttrShape *attr);
/* A new layout of text[start, end) of `layout` alone, in the attributes
 * `attrs` give its first character. */
PangoLayout *gwi_range_layout(PangoLayout *layout, PangoAttrList *attrs, int start, int end);

/* ---- layout-fit.c: runs spread over a width (a DOCX's w:fitText) -------- */

/* A run group's byte range in a layout's text and the width in points its
 * characters are spread over. */
typedef struct {
    int start, end;
    double width;
} GwiFit;
/* Makes each group of `fits` in the text of `layout` one unbreakable shape
 * of its width in `attrs` (before they are set on the layout), drawing its
 * characters spread over it. */
void gwi_fit_runs(PangoLayout *layout, PangoAttrList *attrs, const GArray *fits);
/* Draws a fitted group's shape at the current point; FALSE when `attr` is
 * another shape. */
gboolean gwi_draw_fit(cairo_t *cr, const PangoAttrShape *attr);
/* Draws the emphasis marks (着重号) of `line` of `layout`, a layout made by
 * gwi_text_layout, whose baseline starts at the origin. */
void gwi_draw_emphasis(cairo_t *cr, PangoLayout *layout, PangoLayoutLine *line);
/* The room in points the emphasis marks of `line` need above and below
 * its text's ascent and descent (0 without marks). */
void gwi_emphasis_room(PangoLayout *layout, PangoLayoutLine *line, double *above, double *below);

/* The height of a line of East Asian text in `face`: the ascent, descent
 * and line gap of its East Asian family as named, even when that family
 * has no Chinese glyphs and another face draws them (LibreOffice takes a
 * line's height from the fonts the text asks for). */
double gwi_face_east_asian_height(GwiText *tc, const GwiFace *face);
/* Whether text[0, len) holds East Asian characters. */
gboolean gwi_text_has_east_asian(const char *text, gsize len);
/* Natural width in points of a label set in `face`. */
double gwi_text_width(GwiText *tc, const char *text, const GwiFace *face);
/* Links of a layout made by gwi_text_layout: byte ranges and targets. */
typedef struct {
    int start, end;
    const char *target;  /* borrowed from the model */
} GwiLink;
GArray *gwi_text_links(PangoLayout *layout);
/* Runs anchored in the text of a layout made by gwi_text_layout: footnote
 * references, floating pictures and line shapes, with the byte index of
 * each and the run (borrowed from the model). */
typedef struct {
    int index;
    GwRun *run;
} GwiAnchored;
GArray *gwi_text_anchored(PangoLayout *layout);
/* The mark of a note run without one of its own (layout.c numbers them). */
const char *gwi_note_mark(GwiText *tc, const GwRun *note);

/* ---- fonts.c ------------------------------------------------------------- */

/* This thread's Pango font map using gongwen's fontconfig configuration
 * (borrowed; lives as long as the thread). */
PangoFontMap *gwi_fonts_map(GError **error);
/* Whether fontconfig maps `family` to a face with Chinese glyphs. */
gboolean gwi_fonts_family_has_cjk(const char *family);
/* A SHA-256 of the faces the roles' families resolve to (files, sizes,
 * modification times): it changes when fonts are installed or replaced,
 * which changes every PDF.  Static; computed once a process. */
const char *gwi_fonts_fingerprint(void);

/* ---- image.c ------------------------------------------------------------- */

/* Decode an image for drawing: PNG, or JPEG (whose original bytes are
 * attached so that PDF output embeds them without re-encoding).  NULL for
 * other or broken data, with a "picture not drawn" warning on `doc`.
 * Caller destroys the surface. */
cairo_surface_t *gwi_image_surface(const GwImage *image, GwDocument *doc);
/* Whether a picture has a size of its own: one that cannot be drawn (an
 * EMF chart, a broken file) keeps its place on the page. */
gboolean gwi_image_has_size(const GwImage *image);
/* Draws `surface` scaled into the rectangle (x, y, w, h) of `cr`. */
void gwi_draw_picture(cairo_t *cr, cairo_surface_t *surface, double x, double y, double w, double h);
/* The image's size on the page: its own size in points, or the pixel size
 * of `surface` (NULL only for a picture with a size) at 96 dpi, scaled down
 * to fit max_w x max_h. */
void gwi_image_fit(const GwImage *image, cairo_surface_t *surface, double max_w, double max_h, double *w, double *h);

#endif
