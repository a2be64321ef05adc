/* read-docx.h: internals shared by the DOCX reader's files (read-docx*.c).
 *
 * read-docx-package.c  the zip container, parts, relationships, safe XML
 * read-docx-styles.c   theme fonts, styles and property inheritance
 * read-docx-numbering.c  list numbering and label text
 * read-docx-symbols.c  Symbol and Wingdings characters
 * read-docx-body.c     paragraphs, runs, fields, lists
 * read-docx-image.c    pictures and text boxes of drawings, image parts
 * read-docx-table.c    tables
 * read-docx.c          gw_read_docx: the package as a whole, sections,
 *                      headers and footers, notes, document properties */
#ifndef GW_READ_DOCX_H
#define GW_READ_DOCX_H

#include <zip.h>
#include <libxml/tree.h>
#include "model-imp.h"
#include "gongwen/reader.h"

/* ---- namespaces --------------------------------------------------------- */

/* Transitional and Strict OOXML spell most namespaces differently; both map
 * to the same value. */
typedef enum {
    GWI_NS_OTHER,
    GWI_NS_W,   /* wordprocessingml main */
    GWI_NS_R,   /* relationships (in attributes r:id, r:embed) */
    GWI_NS_WP,  /* wordprocessingDrawing */
    GWI_NS_A,   /* drawingml main */
    GWI_NS_PIC,
    GWI_NS_MC,  /* markup compatibility */
    GWI_NS_V,   /* VML */
    GWI_NS_M,   /* office math */
    GWI_NS_WPS, /* Word 2010 shapes */
    GWI_NS_WPG, /* Word 2010 groups */
    GWI_NS_W14, /* Word 2010 extensions, other understood MS namespaces */
} GwiNs;

GwiNs gwi_ns(const xmlNode *node);
GwiNs gwi_ns_of(xmlNs *ns);
/* node is an element named `name` in namespace `ns`. */
gboolean gwi_is(const xmlNode *node, GwiNs ns, const char *name);
/* The first child element (NULL for a NULL node) / next sibling element. */
xmlNode *gwi_first_elem(const xmlNode *node);
xmlNode *gwi_next_elem(const xmlNode *node);
/* The first child element named ns:name, or NULL. */
xmlNode *gwi_child(const xmlNode *node, GwiNs ns, const char *name);
/* An attribute value by local name in any namespace (w:val, val), or in the
 * relationships namespace only (r:id, r:embed).  Borrowed from the tree. */
const char *gwi_attr(const xmlNode *node, const char *name);
const char *gwi_rel_attr(const xmlNode *node, const char *name);
/* An attribute as a number; `fallback` when absent or not a number. */
double gwi_attr_num(const xmlNode *node, const char *name, double fallback);
/* OOXML on/off value: absent attribute = on; "0", "false", "off" = off. */
gboolean gwi_attr_on(const xmlNode *node);
/* Whether an ST_OnOff value says on ("1", "true", "on"); FALSE when NULL. */
gboolean gwi_is_on(const char *value);
/* Concatenated text and CDATA children of an element (no entity expansion). */
char *gwi_text(const xmlNode *node);

/* ---- the reader's state ------------------------------------------------- */

typedef struct GwiStyles GwiStyles;
typedef struct GwiNumbering GwiNumbering;

/* One relationship of a part: `type` is the last segment of the type URI
 * ("image", "hyperlink", "header"...); `target` a part name inside the
 * package, or the URL of an external target. */
typedef struct {
    char *type;
    char *target;
    gboolean external;
} GwiRel;

/* The package's bytes as libzip reads them, counting what it reads so
 * that a decompression knows how much compressed data it has used. */
typedef struct {
    const char *data;
    gsize len, pos;
    guint64 consumed;
    zip_error_t error;
} GwiZipInput;

typedef struct GwiDocx {
    struct GwiDocx *parent; /* the document whose altChunk this is, or NULL */
    const char *name; /* the input, for messages */
    const GwReadOptions *opts;
    GwiZipInput input;
    zip_t *zip;
    guint64 total_bytes; /* decompressed so far (the outermost document counts its altChunks') */
    guint64 blocks;      /* made so far, counted the same way (the blocks limit) */
    GwDocument *doc;
    GHashTable *pool;    /* interned strings (font names) */
    GwiStyles *styles;
    gboolean even_and_odd; /* settings: w:evenAndOddHeaders */
    double default_tab;    /* settings: w:defaultTabStop in points, 0 unset */
    int compat_mode;       /* settings: the Word version it is laid out as (w:compatSetting
                            * compatibilityMode: 14 Word 2010, 15 Word 2013 on), 0 none */
    GwiNumbering *numbering;
    GHashTable *media;   /* part name -> GBytes (images read once) */
    GHashTable *hdrftr;  /* part name -> GPtrArray of blocks (headers, footers) */
    GHashTable *notes[2]; /* footnote/endnote id -> xmlNode (in note_docs) */
    GHashTable *note_rels[2];
    xmlDoc *note_docs[2];
    char *note_parts[2];
    int note_depth;      /* notes being converted (a note cannot nest) */
    int note_count[2];   /* footnote and endnote references so far */
    /* How notes are numbered (settings' w:footnotePr, w:endnotePr): number
     * format, interned (NULL: Word's 1, 2, 3 and i, ii, iii), and first
     * number (1 unless the settings say). */
    const char *note_format[2];
    int note_start[2];
    GHashTable *chunks;  /* altChunk parts imported (each once), or NULL */
} GwiDocx;

const char *gwi_docx_intern(GwiDocx *d, const char *s);

/* A DOCX that is an altChunk of `parent`: read with its options, its
 * decompression counted in the outermost document's total. */
GwDocument *gwi_docx_read_chunk(GwiDocx *parent, const char *data, gsize len, const char *name, GError **error);
/* How many documents `d` is an altChunk inside (0 for the input itself). */
int gwi_docx_chunk_depth(const GwiDocx *d);
/* Counts `n` more blocks of the document (paragraphs, cells, rows, tables,
 * in the body, headers, footers, notes and altChunks alike); FALSE with a
 * limit error past the blocks limit, before a hostile file's thousands of
 * tiny cells can take the memory of a large model. */
gboolean gwi_docx_count_blocks(GwiDocx *d, guint n, GError **error);

/* ---- package (read-docx-package.c) -------------------------------------- */

/* Opens the zip held in data (borrowed: it must outlive d->zip). */
gboolean gwi_docx_open(GwiDocx *d, const char *data, gsize len, GError **error);
/* Reads a part (no leading '/'), decompressing under the part, total and
 * ratio limits.  A missing part gives NULL without an error unless
 * `required`. */
GBytes *gwi_docx_read_part(GwiDocx *d, const char *part, gboolean required, GError **error);
gboolean gwi_docx_has_part(GwiDocx *d, const char *part);
/* A part that is not the main document may be broken (malformed XML,
 * corrupt data): its error becomes a warning and reading goes on, as in
 * Word's and LibreOffice's repair.  Returns TRUE when *error was such an
 * error (now cleared) or none; FALSE for errors that stop the reading
 * (limits, encryption). */
gboolean gwi_docx_tolerate(GwiDocx *d, GError **error);
/* The relationships of a part (its _rels/NAME.rels), id -> GwiRel; an empty
 * table when there are none.  "" gives the package's own relationships. */
GHashTable *gwi_docx_read_rels(GwiDocx *d, const char *part, GError **error);
/* The target of the first relationship of `type`, or NULL. */
const char *gwi_rels_find(GHashTable *rels, const char *type);

/* A whole small part as a tree (free with xmlFreeDoc), checked against the
 * depth and node limits.  A missing part gives NULL without an error unless
 * `required`. */
xmlDoc *gwi_docx_read_xml(GwiDocx *d, const char *part, gboolean required, GError **error);

/* The part `rels` relate as `type`, as a tree in *xml (NULL when there is
 * none) and its name in *part (may be NULL).  FALSE on an error. */
gboolean gwi_docx_read_related(GwiDocx *d, GHashTable *rels, const char *type, xmlDoc **xml, const char **part,
                               GError **error);

/* Streams a large part: calls `each` on every child element of the root's
 * child named `container` (e.g. w:body) or, when `container` is NULL, on
 * every child element of the root, each expanded as a subtree that is freed
 * after the call.  Returns FALSE with `error` set when the XML is malformed,
 * a limit is hit or `each` fails. */
typedef gboolean (*GwiEachElement)(xmlNode *node, gpointer user, GError **error);
gboolean gwi_docx_stream_xml(GwiDocx *d, const char *part, const char *container, GwiEachElement each,
                             gpointer user, GError **error);

/* ---- styles (read-docx-styles.c) ---------------------------------------- */

#define GWI_UNSET_COLOR G_MININT32

/* "RRGGBB" or "auto" (-1); GWI_UNSET_COLOR for anything else. */
gint32 gwi_parse_color(const char *v);
/* Word's named colours ("red", "darkBlue"...: highlights, DrawingML's
 * preset colours); -1 for others. */
gint32 gwi_named_color(const char *v);

/* Character properties with "unset" values, so that layers can be merged. */
typedef struct {
    const char *font, *font_ea; /* interned; NULL unset */
    double size;                /* points; NaN unset */
    double spacing;             /* letter spacing, points; NaN unset */
    double scale;               /* character width (w:w), 1 = 100%; NaN unset */
    double rise;                /* w:position, points; NaN unset */
    double fit_width;           /* w:fitText width, points; NaN unset */
    guint32 fit_id;             /* w:fitText id: runs of one width share it */
    gint8 bold, italic, underline, strike, caps, emphasis, vanish, hint_ea; /* -1 unset */
    gint8 vert;                 /* -1 unset, else GwVertAlign */
    gint32 color, highlight;    /* GWI_UNSET_COLOR unset; -1 auto/none */
} GwiRPr;

/* Tab stops a style or paragraph keeps: documents rarely set more, and a
 * style's properties must stay small (a package may hold thousands). */
#define GWI_MAX_TABS 12
typedef struct {
    float pos;                        /* points */
    guint8 align, dots, cleared;      /* GwTabAlign; dot leader; w:val="clear" */
} GwiTab;

/* Paragraph properties with "unset" values. */
typedef struct {
    gint8 align;                /* -1 unset, else GwAlign */
    double ind_first, ind_first_chars, ind_left, ind_right; /* NaN unset */
    double space_before, space_after, line_exact, line_multiple, line_at_least;
    gint8 keep_next, keep_lines, widow_control, page_break_before, snap_to_grid; /* -1 unset */
    gint8 bidi;                 /* w:bidi: right to left; -1 unset */
    gint8 overflow_punct;       /* w:overflowPunct: marks may hang past the line; -1 unset (Word: on) */
    gint8 autospace;            /* w:autoSpaceDE and w:autoSpaceDN both on; -1 unset (Word: on) */
    int outline;                /* -1 unset, 0..8 heading levels, 9 body */
    int num_id, ilvl;           /* -1 unset; num_id 0 = no numbering */
    GwBorder borders[GW_N_SIDES]; /* w:pBdr; width NaN unset */
    double border_space[GW_N_SIDES];
    gint32 shading;             /* w:shd; GWI_UNSET_COLOR unset */
    /* w:tabs of this layer, by position; a stop with `cleared` removes the
     * one an earlier layer set there (w:tab w:val="clear") */
    GwiTab tabs[GWI_MAX_TABS];
    guint8 n_tabs;
} GwiPPr;

/* Table-wide properties of a table style or a w:tblPr. */
typedef struct {
    GwBorder borders[GW_N_SIDES]; /* width NaN unset */
    gint32 shading;               /* GWI_UNSET_COLOR unset */
    double margins[GW_SIDE_RIGHT + 1]; /* cell margins in points, by GW_SIDE_*; NaN unset */
    gint8 align;                  /* w:jc: where the table sits; -1 unset, else GwAlign */
    gint8 valign;                 /* a table style's w:tcPr/w:vAlign for its cells; -1 unset, else GwVAlign */
    gint8 rtl;                    /* w:bidiVisual: first column at the right; -1 unset */
    double indent;                /* w:tblInd in points; NaN unset */
} GwiTblPr;

void gwi_rpr_init(GwiRPr *r);
void gwi_ppr_init(GwiPPr *p);
void gwi_tblpr_init(GwiTblPr *t);
/* Overlay the set values of `top` on `base`. */
void gwi_rpr_merge(GwiRPr *base, const GwiRPr *top);
void gwi_ppr_merge(GwiPPr *base, const GwiPPr *top);
void gwi_tblpr_merge(GwiTblPr *base, const GwiTblPr *top);
/* Parse a w:rPr / w:pPr / w:tblPr (or w:tcPr borders) element onto `out`. */
void gwi_parse_rpr(GwiDocx *d, const xmlNode *rpr, GwiRPr *out);
void gwi_parse_ppr(const xmlNode *ppr, GwiPPr *out);
/* Borders by GW_SIDE_*; `space` (NULL for tables) gets each w:space in points. */
void gwi_parse_borders(const xmlNode *borders, GwBorder *out, double *space);
/* A w:vAlign value as a GwVAlign, -1 for none. */
gint8 gwi_parse_valign(const char *v);
/* A w:tblPr's placement (w:jc, w:tblInd, w:bidiVisual) onto `out`. */
void gwi_parse_table_placement(const xmlNode *tblpr, GwiTblPr *out);
/* A w:tblCellMar onto GwiTblPr.margins. */
void gwi_parse_cell_margins(const xmlNode *mar, double *out);
gint32 gwi_parse_shading(const xmlNode *shd);
/* Into the model: unset values become the model's "inherit". */
void gwi_rpr_to_style(const GwiRPr *r, GwRunStyle *out);
void gwi_ppr_to_style(const GwiPPr *p, GwParaStyle *out);

gboolean gwi_styles_load(GwiDocx *d, GHashTable *main_rels, GError **error);
void gwi_styles_free(GwiStyles *s);
/* The document defaults (w:docDefaults). */
void gwi_styles_defaults(GwiStyles *s, GwiPPr *ppr, GwiRPr *rpr);
/* Overlay a style merged with its basedOn chain; `style_id` NULL or unknown
 * gives the default style of that type. */
void gwi_styles_apply_para(GwiStyles *s, const char *style_id, GwiPPr *ppr, GwiRPr *rpr);
void gwi_styles_apply_char(GwiStyles *s, const char *style_id, GwiRPr *rpr);
/* The parts of a table a table style formats apart (w:tblStylePr), in
 * Word's order of precedence (later wins). */
typedef enum {
    GWI_COND_BAND1_VERT, GWI_COND_BAND2_VERT, GWI_COND_BAND1_HORZ, GWI_COND_BAND2_HORZ,
    GWI_COND_FIRST_COL, GWI_COND_LAST_COL, GWI_COND_FIRST_ROW, GWI_COND_LAST_ROW, GWI_N_CONDS
} GwiCond;
/* Overlays the formatting table style `style_id` gives the part `cond`
 * (paragraphs, runs, cell shading: *shading unchanged when it gives none). */
void gwi_styles_apply_table_cond(GwiStyles *st, const char *style_id, GwiCond cond, GwiPPr *ppr, GwiRPr *rpr,
                                 gint32 *shading);
void gwi_styles_apply_table(GwiStyles *s, const char *style_id, GwiPPr *ppr, GwiRPr *rpr, GwiTblPr *tbl);
/* The numId of a numbering style (w:numStyleLink targets), or -1. */
int gwi_styles_num_id(GwiStyles *s, const char *style_id);
/* The display name of a paragraph style (the default style for NULL). */
const char *gwi_styles_para_name(GwiStyles *s, const char *style_id);
/* Heading level 1..9 of a paragraph style by its name or outline level,
 * 0 for none, -1 for the title style. */
int gwi_styles_heading_level(GwiStyles *s, const char *style_id);

/* ---- numbering (read-docx-numbering.c) ---------------------------------- */

gboolean gwi_numbering_load(GwiDocx *d, GHashTable *main_rels, GError **error);
void gwi_numbering_free(GwiNumbering *n);
/* The numbering a paragraph style gets through its numPr (follows
 * numStyleLink); FALSE when the style has none. */
typedef struct {
    char *label;   /* "一、", "（二）", "3.", "•" */
    gboolean ordered;
    char suffix;   /* '\t', ' ' or 0 after the label */
    gconstpointer list; /* the same for paragraphs counted together */
} GwiLabel;
/* Advance the counters for a paragraph at num_id/ilvl and give its label;
 * FALSE when the numbering is unknown or has no text. */
gboolean gwi_numbering_next(GwiNumbering *n, int num_id, int ilvl, GwiLabel *out);
/* Overlay the paragraph properties (indents) of num_id's level ilvl. */
void gwi_numbering_apply_ppr(GwiNumbering *n, int num_id, int ilvl, GwiPPr *ppr);
/* The level whose w:pStyle is style_id in num_id's definition, or -1. */
int gwi_numbering_level_of_style(GwiNumbering *n, int num_id, const char *style_id);

/* ---- body (read-docx-body.c, read-docx-table.c) ------------------------- */

typedef struct GwiBody GwiBody;

/* Converts the block-level content of one part.  `rels` are the part's
 * relationships (borrowed). */
GwiBody *gwi_body_new(GwiDocx *d, const char *part, GHashTable *rels);
/* Blocks converted so far are appended to `doc` (NULL: kept in the body and
 * taken with gwi_body_steal). */
void gwi_body_set_document(GwiBody *b, GwDocument *doc);
/* One block-level element (w:p, w:tbl, w:sdt, w:sectPr...). */
gboolean gwi_body_add(GwiBody *b, xmlNode *node, GError **error);
/* Every block-level child of `parent`. */
gboolean gwi_body_add_children(GwiBody *b, const xmlNode *parent, GError **error);
/* Finish (flush pending content) and take the blocks (when no document). */
GPtrArray *gwi_body_finish(GwiBody *b);
void gwi_body_free(GwiBody *b);
/* Called at each w:sectPr of the top level (`last` for the body's own);
 * may give a block to place after it (the next section's start). */
typedef gboolean (*GwiSectionFunc)(const xmlNode *sect_pr, gboolean last, GwBlock **next, gpointer user,
                                   GError **error);
void gwi_body_on_section(GwiBody *b, GwiSectionFunc func, gpointer user);

/* Used by the table code. */
GwiDocx *gwi_body_docx(GwiBody *b);
/* Converts the block content of `parent` into `out` (a table cell),
 * applying a table style's paragraph and run properties. */
gboolean gwi_body_add_cell_content(GwiBody *b, const xmlNode *parent, GwBlock *cell, const GwiPPr *tbl_ppr,
                                   const GwiRPr *tbl_rpr, GError **error);
/* A w:tbl into a table block (NULL with error set on a limit). */
GwBlock *gwi_table_convert(GwiBody *b, const xmlNode *tbl, GError **error);

/* ---- graphics (read-docx-image.c) --------------------------------------- */

/* A picture of a drawing: its relationship, description and size in
 * points (NaN when the drawing does not say). */
typedef struct {
    const char *rid, *alt; /* borrowed from the tree */
    double width, height;
    GwPlacement placement; /* floating: a wp:anchor that text does not wrap */
} GwiPicture;

/* The pictures (GwiPicture), line shapes (GwLineShape) and text boxes
 * (w:txbxContent) of a w:drawing, w:pict or w:object, in document order. */
void gwi_drawing_parts(const xmlNode *graphic, GArray *pictures, GArray *lines, GPtrArray *textboxes);
/* Where a frame or text box sits across the column: "left", "center",
 * "right", "inside", "outside" (w:framePr xAlign, wp:align, VML
 * mso-position-horizontal); GW_ALIGN_DEFAULT for anything else. */
GwAlign gwi_frame_align(const char *v);
/* Where a text box sits, from its wp:anchor or wp:inline or its VML shape. */
typedef struct {
    double width;    /* points; GW_UNSET when unsaid, or when the box fits its text */
    GwAlign align;   /* its side of the column, GW_ALIGN_DEFAULT when none */
    double x;        /* else its offset (points, GW_UNSET: none) */
    gboolean x_page; /* from the page's left edge, not the column's */
    gboolean in_line; /* set in its line, as its paragraph aligns it */
} GwiBoxFrame;
void gwi_text_box_frame(const xmlNode *content, GwiBoxFrame *out);
/* The image a picture embeds through `rels`: NULL with a warning when it
 * is not an embedded PNG or JPEG, NULL with `error` set on a limit. */
GwImage *gwi_docx_image(GwiDocx *d, GHashTable *rels, const GwiPicture *pic, GError **error);

/* The branch of an mc:AlternateContent to read: the Choice when gongwen
 * understands what it requires, else the Fallback (NULL when none). */
const xmlNode *gwi_alternate_branch(const xmlNode *alternate);

/* Converts footnote (which 0) or endnote (1) `id` into the blocks of `run`. */
gboolean gwi_docx_note(GwiDocx *d, int which, const char *id, GwRun *run, GError **error);

/* ---- symbol fonts (read-docx-symbols.c) --------------------------------- */

/* The Unicode text of character `c` in `font` (Symbol, Wingdings; NULL
 * font: the common private-use bullets), or NULL to keep `c`. */
const char *gwi_symbol_text(const char *font, gunichar c);
/* `text` with private-use characters of a symbol font mapped; newly allocated. */
char *gwi_map_symbols(const char *font, const char *text);

/* Errors name the input and, when given, the part. */
void gwi_set_error(GError **error, GwiDocx *d, int code, const char *part, const char *fmt, ...) G_GNUC_PRINTF(5, 6);

#endif
