/* gongwen/model.h: the document model of libgongwen.
 *
 * A GwDocument is a tree: metadata, page setup, and a sequence of blocks.
 * Blocks are titles, headings, paragraphs (made of runs), lists, tables
 * (whose cells hold blocks), images, page breaks, section breaks and the
 * attachment list (附件).  The model knows no file format: readers build it,
 * writers and renderers walk it.
 *
 * Ownership: every *_new returns an object the caller owns and frees with the
 * matching *_free.  Adding a child (gw_document_append, gw_block_append_run,
 * ...) transfers ownership of the child to the parent.  Getters return
 * borrowed pointers that stay valid while the parent lives.
 *
 * Lengths are in points (1/72 inch).  A double field that is "unset" holds
 * GW_UNSET (NaN); a renderer then uses its own default (GB/T 9704 for
 * gongwen).  Test with gw_is_set().
 */
#ifndef GONGWEN_MODEL_H
#define GONGWEN_MODEL_H

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

#define GW_UNSET ((double) NAN)
#define gw_is_set(x) (!isnan(x))

/* Errors of every libgongwen module are in this domain. */
#define GW_ERROR (gw_error_quark())
GQuark gw_error_quark(void);

typedef enum {
    GW_ERROR_IO,          /* a file could not be read or written */
    GW_ERROR_FORMAT,      /* the input is not what it claims to be, or is broken */
    GW_ERROR_ENCODING,    /* text in an unknown or invalid encoding */
    GW_ERROR_LIMIT,       /* a resource limit was hit (size, depth, spans...) */
    GW_ERROR_UNSUPPORTED, /* a valid input gongwen does not handle (e.g. encrypted) */
    GW_ERROR_INVALID      /* invalid argument or data (e.g. a bad date) */
} GwErrorCode;

typedef struct GwDocument GwDocument;
typedef struct GwBlock GwBlock;
typedef struct GwRun GwRun;

typedef enum {
    GW_BLOCK_TITLE,       /* the document title (公文标题) */
    GW_BLOCK_HEADING,     /* outline heading, level 1..9 (一、（一）1.（1）) */
    GW_BLOCK_PARAGRAPH,   /* body paragraph of runs */
    GW_BLOCK_LIST,        /* list: children are GW_BLOCK_LIST_ITEM */
    GW_BLOCK_LIST_ITEM,   /* item with a label; children are blocks */
    GW_BLOCK_TABLE,       /* table: children are GW_BLOCK_TABLE_ROW */
    GW_BLOCK_TABLE_ROW,   /* row: children are GW_BLOCK_TABLE_CELL */
    GW_BLOCK_TABLE_CELL,  /* cell with spans; children are blocks */
    GW_BLOCK_IMAGE,       /* a picture on its own line */
    GW_BLOCK_PAGE_BREAK,  /* start a new page */
    GW_BLOCK_SECTION,     /* a new page setup for the blocks that follow */
    GW_BLOCK_ATTACHMENTS, /* the 附件 list: children are paragraphs, one per attachment */
    GW_BLOCK_QUOTE,       /* block quotation: children are blocks */
    GW_BLOCK_CODE,        /* preformatted text: one paragraph-like block of runs */
    GW_BLOCK_RULE,        /* horizontal rule (e.g. the red 分隔线) */
    GW_BLOCK_NOTE,        /* a footnote/endnote body; only inside a GW_RUN_NOTE */
    GW_BLOCK_TEXT_BOX     /* a text box: children are blocks, laid out after the paragraph that holds it */
} GwBlockKind;

typedef enum {
    GW_ALIGN_DEFAULT, /* renderer's default for the block's role */
    GW_ALIGN_LEFT,
    GW_ALIGN_CENTER,
    GW_ALIGN_RIGHT,
    GW_ALIGN_JUSTIFY,
    GW_ALIGN_DISTRIBUTE,
    /* where a frame or text box sits across the column (w:framePr xAlign,
     * wp:align): the binding side, left on odd pages and right on even
     * ones, or the outer side */
    GW_ALIGN_INSIDE,
    GW_ALIGN_OUTSIDE
} GwAlign;

typedef enum { GW_VALIGN_TOP, GW_VALIGN_CENTER, GW_VALIGN_BOTTOM } GwVAlign;

typedef enum {
    GW_RUN_TEXT,       /* text (UTF-8, no newlines) */
    GW_RUN_TAB,        /* a tab */
    GW_RUN_LINE_BREAK, /* a line break inside the paragraph */
    GW_RUN_IMAGE,      /* an inline picture (see gw_run_get_image) */
    GW_RUN_NOTE,       /* a footnote/endnote reference; children are the note's blocks;
                        * text, when set, is its mark ("1", "i") */
    GW_RUN_FIELD,      /* a live field: PAGE or NUMPAGES; text is the cached result */
    GW_RUN_LINE_SHAPE  /* a straight line drawn over the page (see gw_run_get_line_shape) */
} GwRunKind;

typedef enum { GW_VERT_NORMAL, GW_VERT_SUPER, GW_VERT_SUB } GwVertAlign;

/* Letters shown as capitals (the text keeps its own case). */
typedef enum { GW_CAPS_NONE, GW_CAPS_ALL, GW_CAPS_SMALL } GwCaps;

/* Emphasis marks (着重号, GB/T 15834), one a character: a dot above or
 * below it, a comma or a ring above (a DOCX's w:em). */
typedef enum { GW_EMPHASIS_NONE, GW_EMPHASIS_DOT, GW_EMPHASIS_COMMA, GW_EMPHASIS_CIRCLE, GW_EMPHASIS_UNDER_DOT } GwEmphasis;

typedef enum {
    GW_FIELD_NONE,
    GW_FIELD_PAGE,
    GW_FIELD_NUMPAGES
} GwFieldKind;

/* Character formatting.  NULL strings and GW_UNSET sizes mean "inherit". */
typedef struct {
    char *font;        /* Latin font family */
    char *font_ea;     /* East Asian font family (仿宋_GB2312...) */
    double size;       /* points */
    gint8 bold;        /* -1 inherit, 0 off, 1 on; likewise below */
    gint8 italic;
    gint8 underline;
    gint8 strike;
    gint8 caps;        /* GwCaps, or -1 inherit */
    gint8 emphasis;    /* GwEmphasis, or -1 inherit */
    gint32 color;      /* 0xRRGGBB, or -1 inherit */
    gint32 highlight;  /* background 0xRRGGBB, or -1 none */
    GwVertAlign vert;
    double letter_spacing; /* points added after each character; GW_UNSET inherit */
    double scale;          /* characters' width, 1 = as designed (Word's w:w, as in a 红头's
                            * issuer squeezed onto one line); GW_UNSET inherit */
    double rise;           /* points the text is raised (negative: lowered) off the
                            * baseline, its size kept (Word's w:position); GW_UNSET inherit */
    /* The width in points its text is spread over, its first character at
     * the start and its last at the end, together with the runs next to it
     * of the same fit_id (Word's w:fitText: a form's labels or a 版记's
     * made as wide as one another); 0 none.  Not inherited. */
    double fit_width;
    guint32 fit_id;
} GwRunStyle;

/* Borders of tables, cells and paragraphs. */
typedef struct {
    double width;   /* points; 0 = none, GW_UNSET = inherit */
    gint32 color;   /* 0xRRGGBB, -1 = auto (black) */
} GwBorder;

/* A tab stop: its position from the column's left edge, where text after
 * the tab goes against it, and whether dots lead up to it (a table of
 * contents' page numbers). */
typedef enum { GW_TAB_LEFT, GW_TAB_CENTER, GW_TAB_RIGHT, GW_TAB_DECIMAL } GwTabAlign;
typedef struct {
    double pos;
    GwTabAlign align;
    gboolean dots;
} GwTabStop;

/* Tab stops a paragraph may have (Word's limit). */
#define GW_MAX_TABS 64

/* Paragraph formatting; lengths in points. */
typedef struct {
    GwAlign align;
    double indent_first; /* first-line indent; negative = hanging */
    double indent_first_chars; /* first-line indent in characters (GB/T 9704: 2) */
    double indent_left;
    double indent_right;
    double space_before;
    double space_after;
    double line_exact;   /* exact line pitch in points */
    double line_multiple; /* line spacing as a multiple of single */
    double line_at_least; /* minimum line pitch in points */
    gboolean keep_next;
    gboolean page_break_before;
    gboolean keep_lines; /* all its lines on one page */
    gboolean widow_control; /* never one line alone at the foot or head of a page */
    gboolean off_grid;   /* ignores the page's line grid (GwPageSetup.line_pitch) */
    /* A quarter of an em between Chinese (Japanese, Korean) characters and
     * Latin letters or digits, as Word adds it unless told not to (a DOCX's
     * w:autoSpaceDE and w:autoSpaceDN); off for GB/T 9704's grid. */
    gboolean autospace;
    /* Right to left (a DOCX's w:bidi, HTML's dir="rtl"): lines start at the
     * right, where left alignment and the left indent then are (both mean
     * the start side, as in a DOCX). */
    gboolean rtl;
    /* ，。、；：？！． that fall just past a full line stay on it, hanging
     * in the margin, as Word and LibreOffice set them; TRUE keeps them
     * inside (a DOCX's w:overflowPunct off, which Word honours). */
    gboolean no_hanging_punct;
    char *style_name;    /* the source's style name, e.g. "Heading 1" */
    GwRunStyle run;      /* default character formatting of the paragraph */
    /* Rules above and below the paragraph (a DOCX's w:pBdr: the red line
     * under the issuer of a 红头 document, the lines of the 版记) and at
     * its sides (with both, a box: a code listing's); width 0 = none.  The
     * spaces are the gaps between each rule and the text.  Paragraphs
     * after one another with the same borders share one box. */
    GwBorder border_top, border_bottom, border_left, border_right;
    double border_space_top, border_space_bottom, border_space_left, border_space_right;
    gint32 shading; /* background 0xRRGGBB across the paragraph's lines (a DOCX's w:shd), -1 none */
    /* Its own tab stops, by position (a DOCX's w:tabs; at most
     * GW_MAX_TABS), owned (gw_para_style_set_tabs); NULL: the default ones. */
    GwTabStop *tabs;
    guint n_tabs;
} GwParaStyle;

/* Page setup of a section (GW_BLOCK_SECTION or the document's first). */
typedef struct {
    double width, height;                 /* points; GW_UNSET = A4 */
    double margin_top, margin_bottom, margin_left, margin_right;
    double header_distance, footer_distance;
    gboolean landscape;
    /* Header and footer blocks: index 0 default, 1 first page, 2 even pages.
     * NULL when absent.  Arrays of GwBlock*, owned by the page setup. */
    GPtrArray *header[3];
    GPtrArray *footer[3];
    gboolean title_page; /* a distinct first-page header/footer */
    /* Even pages take header[2] and footer[2], blank when absent; else
     * those are ignored (a DOCX's w:evenAndOddHeaders setting). */
    gboolean even_and_odd;
    /* The distance between the default tab stops (a DOCX's
     * w:defaultTabStop), in points; 0 = the renderer's (21 pt, two 五号
     * characters, as gongwen's DOCX sets it). */
    double default_tab;
    int page_number_start; /* 0 = continue */
    /* How page numbers (PAGE fields) are written: a number format named as
     * OOXML's ST_NumberFormat names them ("lowerRoman", "upperRoman",
     * "numberInDash" for "- 1 -", "chineseCounting"...); "" = decimal. */
    char page_number_format[32];
    gboolean continuous; /* a section that goes on on the same page */
    /* A line grid: every line's height is a whole number of this pitch
     * (points), whatever the paragraph's own line spacing; 0 = none;
     * GW_UNSET = the renderer's own grid for paragraphs that set no spacing
     * (GB/T 9704's 22 lines a page for gongwen). */
    double line_pitch;
    /* A character grid (a DOCX's linesAndChars docGrid): East Asian text
     * of about the grid's size advances this much a character (points);
     * 0 = none; GW_UNSET = the renderer's own with its own line grid
     * (GB/T 9704's 28 characters a line for gongwen). */
    double char_pitch;
} GwPageSetup;


enum { GW_SIDE_TOP, GW_SIDE_LEFT, GW_SIDE_BOTTOM, GW_SIDE_RIGHT, GW_SIDE_INSIDE_H, GW_SIDE_INSIDE_V, GW_N_SIDES };

/* ---- document ---------------------------------------------------------- */

GwDocument *gw_document_new(void);
void gw_document_free(GwDocument *doc);

/* Metadata.  Setters copy their argument; getters return borrowed strings
 * or NULL.  Keys: "title", "subject", "issuer" (发文机关, also the author),
 * "number" (文号), "date" (成文日期, YYYY-MM-DD), "keywords", "description",
 * "author" (the creator a DOCX names, a person rather than the issuer),
 * "status" (validity status), "status_date", "source", "source_sha256". */
void gw_document_set_meta(GwDocument *doc, const char *key, const char *value);
const char *gw_document_get_meta(const GwDocument *doc, const char *key);
/* Custom properties (DOCX custom.xml), in insertion order. */
void gw_document_set_custom(GwDocument *doc, const char *name, const char *value);
guint gw_document_n_custom(const GwDocument *doc);
void gw_document_get_custom(const GwDocument *doc, guint i, const char **name, const char **value);

/* The first section's page setup (borrowed, modifiable). */
GwPageSetup *gw_document_get_page(GwDocument *doc);

/* Top-level blocks. */
void gw_document_append(GwDocument *doc, GwBlock *block);
guint gw_document_n_blocks(const GwDocument *doc);
GwBlock *gw_document_get_block(const GwDocument *doc, guint i);

/* Notices readers left for the user (e.g. "read as GB18030"): borrowed. */
void gw_document_add_warning(GwDocument *doc, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
guint gw_document_n_warnings(const GwDocument *doc);
const char *gw_document_get_warning(const GwDocument *doc, guint i);

/* ---- blocks ------------------------------------------------------------ */

GwBlock *gw_block_new(GwBlockKind kind);
void gw_block_free(GwBlock *block);
GwBlockKind gw_block_get_kind(const GwBlock *block);

/* Heading level (1..9) for GW_BLOCK_HEADING; for a paragraph, the level of
 * its inline lead heading (0 = none). */
void gw_block_set_level(GwBlock *block, int level);
int gw_block_get_level(const GwBlock *block);

/* Paragraph style of title/heading/paragraph/list item/code blocks, cell
 * margins of tables (borrowed, modifiable). */
GwParaStyle *gw_block_get_style(GwBlock *block);

/* Runs of title/heading/paragraph/code blocks. */
void gw_block_append_run(GwBlock *block, GwRun *run);
guint gw_block_n_runs(const GwBlock *block);
GwRun *gw_block_get_run(const GwBlock *block, guint i);
/* Convenience: append a plain text run with default style; returns it. */
GwRun *gw_block_add_text(GwBlock *block, const char *text);
/* The block's text: its runs (tabs as \t, breaks as \n), or its children's
 * text one per line.  Newly allocated; g_free it. */
char *gw_block_get_text(const GwBlock *block);

/* Children of containers (list, item, table, row, cell, attachments, quote). */
void gw_block_append(GwBlock *block, GwBlock *child);
guint gw_block_n_children(const GwBlock *block);
GwBlock *gw_block_get_child(const GwBlock *block, guint i);

/* Lists: ordered flag; items carry their label text ("一、", "1.", "•"). */
void gw_block_set_ordered(GwBlock *list, gboolean ordered);
gboolean gw_block_get_ordered(const GwBlock *list);
void gw_block_set_label(GwBlock *item, const char *label);
const char *gw_block_get_label(const GwBlock *item);

/* Tables.  Column widths in points (GW_UNSET = fit).  The table block's
 * paragraph style (gw_block_get_style) holds its cells' margins: space_before
 * and space_after above and below a cell's content, indent_left and
 * indent_right beside it (GW_UNSET: the renderer's).  Rows may be header
 * rows (repeated on each page).  A cell starts at grid column `col` and
 * spans `colspan` columns and `rowspan` rows; cells covered by a span are
 * simply absent from later rows. */
void gw_table_set_columns(GwBlock *table, guint n_cols, const double *widths);
guint gw_table_get_n_columns(const GwBlock *table);
double gw_table_get_column_width(const GwBlock *table, guint col);
GwBorder *gw_table_get_borders(GwBlock *table); /* GW_N_SIDES entries */
void gw_row_set_header(GwBlock *row, gboolean header);
gboolean gw_row_get_header(const GwBlock *row);
void gw_row_set_height(GwBlock *row, double height);
double gw_row_get_height(const GwBlock *row);
/* Where a table sits across the column: its style's align (left, center,
 * right; by default centred, as GB/T 9704 sets tables), and when left its
 * indent from the column's left edge (GW_UNSET: none).  A right-to-left
 * table (style rtl: a DOCX's w:bidiVisual) has its first column at the
 * right (and sits where its alignment says, as LibreOffice sets it). */
void gw_table_set_indent(GwBlock *table, double indent);
double gw_table_get_indent(const GwBlock *table);
/* Text boxes: their width in points (GW_UNSET: the column's); where the box
 * sits across the column is its style's align (left, center, right,
 * inside, outside; default: left). */
void gw_text_box_set_width(GwBlock *box, double width);
double gw_text_box_get_width(const GwBlock *box);
/* A text box that is not aligned: its left edge `x` points right of the
 * column's left edge, or of the page's when `from_page` (GW_UNSET: at the
 * column's edge). */
void gw_text_box_set_offset(GwBlock *box, double x, gboolean from_page);
double gw_text_box_get_offset(const GwBlock *box, gboolean *from_page);
void gw_cell_set_span(GwBlock *cell, guint col, guint colspan, guint rowspan);
void gw_cell_get_span(const GwBlock *cell, guint *col, guint *colspan, guint *rowspan);
void gw_cell_set_valign(GwBlock *cell, GwVAlign valign);
GwVAlign gw_cell_get_valign(const GwBlock *cell);
void gw_cell_set_shading(GwBlock *cell, gint32 rgb);
gint32 gw_cell_get_shading(const GwBlock *cell); /* -1 = none */
GwBorder *gw_cell_get_borders(GwBlock *cell);   /* GW_N_SIDES entries, GW_UNSET width = table's */
/* Convenience: add a row with `n` single-span text cells; returns the row. */
GwBlock *gw_table_add_text_row(GwBlock *table, gboolean header, guint n, const char *const *texts);

/* Images (GW_BLOCK_IMAGE blocks and GW_RUN_IMAGE runs share this). */
typedef struct GwImage GwImage;
GwImage *gw_image_new(GBytes *data, const char *mime, double width, double height);
void gw_image_free(GwImage *image);
GBytes *gw_image_get_data(const GwImage *image);   /* borrowed */
const char *gw_image_get_mime(const GwImage *image); /* "image/png", "image/jpeg" */
void gw_image_get_size(const GwImage *image, double *width, double *height);
void gw_image_set_alt(GwImage *image, const char *alt);
const char *gw_image_get_alt(const GwImage *image);
/* Where a GW_RUN_IMAGE picture sits.  By default it is in the line, like a
 * large character.  A floating picture (Word's "in front of text" and
 * "behind text", such as a seal over the signature) takes no room in the
 * line: it is drawn at a place measured from the page, from the margins
 * (the type area) or from its paragraph (its line horizontally), either an
 * offset or aligned to that area's start, centre or end. */
typedef enum { GW_FROM_PAGE, GW_FROM_MARGIN, GW_FROM_PARAGRAPH } GwPlaceFrom;
typedef enum { GW_PLACE_OFFSET, GW_PLACE_START, GW_PLACE_CENTER, GW_PLACE_END } GwPlaceAlign;
typedef struct {
    gboolean floating;            /* FALSE: in the line; the rest is unused */
    gboolean behind;              /* drawn under the text */
    GwPlaceFrom h_from, v_from;
    GwPlaceAlign h_align, v_align;
    double x, y;                  /* points from the area's top left, for GW_PLACE_OFFSET */
} GwPlacement;
void gw_image_set_placement(GwImage *image, const GwPlacement *placement); /* copied */
const GwPlacement *gw_image_get_placement(const GwImage *image);           /* borrowed */

/* A GW_RUN_LINE_SHAPE: a straight line across a box `width` x `height`
 * points (0 for a horizontal or vertical line), from its top left to its
 * bottom right corner, or `rising` from bottom left to top right; the box
 * is placed as a floating picture is (a DOCX line shape, such as the red
 * line under a 红头 document's 文号 when it is drawn rather than a border). */
typedef struct {
    double width, height;
    gboolean rising;
    double stroke;      /* thickness in points */
    gint32 color;       /* 0xRRGGBB, -1 = black */
    GwPlacement placement;
} GwLineShape;
void gw_run_set_line_shape(GwRun *run, const GwLineShape *line); /* copied */
const GwLineShape *gw_run_get_line_shape(const GwRun *run);      /* NULL when none */
void gw_block_set_image(GwBlock *block, GwImage *image); /* takes ownership */
GwImage *gw_block_get_image(const GwBlock *block);

/* Section blocks: the page setup for what follows (borrowed, modifiable). */
GwPageSetup *gw_block_get_page(GwBlock *section);

/* Anchor (bookmark) name a link can point at; NULL when none. */
void gw_block_set_anchor(GwBlock *block, const char *anchor);
const char *gw_block_get_anchor(const GwBlock *block);

/* ---- runs -------------------------------------------------------------- */

GwRun *gw_run_new(GwRunKind kind, const char *text);
void gw_run_free(GwRun *run);
GwRunKind gw_run_get_kind(const GwRun *run);
const char *gw_run_get_text(const GwRun *run);
void gw_run_set_text(GwRun *run, const char *text);
GwRunStyle *gw_run_get_style(GwRun *run); /* borrowed, modifiable */
/* Hyperlink target (URL, or "#anchor"); NULL when none. */
void gw_run_set_link(GwRun *run, const char *target);
const char *gw_run_get_link(const GwRun *run);
/* Part of a paragraph's inline lead heading (styled as gw_block_get_level). */
void gw_run_set_lead(GwRun *run, gboolean lead);
gboolean gw_run_get_lead(const GwRun *run);
void gw_run_set_field(GwRun *run, GwFieldKind field);
GwFieldKind gw_run_get_field(const GwRun *run);
/* How a field writes its number, a number format named as OOXML's
 * ST_NumberFormat ("lowerRoman", "chineseCounting"...; a DOCX field's \*
 * switch); NULL: the section's page number format for PAGE, else decimal. */
void gw_run_set_field_format(GwRun *run, const char *format);
const char *gw_run_get_field_format(const GwRun *run);
void gw_run_set_image(GwRun *run, GwImage *image); /* takes ownership */
GwImage *gw_run_get_image(const GwRun *run);
/* A GW_RUN_NOTE that is an endnote rather than a footnote. */
void gw_run_set_endnote(GwRun *run, gboolean endnote);
gboolean gw_run_get_endnote(const GwRun *run);
/* Footnote body blocks of a GW_RUN_NOTE run. */
void gw_run_append_note_block(GwRun *run, GwBlock *block);
guint gw_run_n_note_blocks(const GwRun *run);
GwBlock *gw_run_get_note_block(const GwRun *run, guint i);

/* Style helpers. */
void gw_run_style_init(GwRunStyle *style);
void gw_run_style_clear(GwRunStyle *style);
void gw_run_style_copy(GwRunStyle *dst, const GwRunStyle *src);
void gw_para_style_init(GwParaStyle *style);
void gw_para_style_clear(GwParaStyle *style);
/* Replace the style's tab stops with a copy of `tabs` (at most GW_MAX_TABS
 * of them are kept). */
void gw_para_style_set_tabs(GwParaStyle *style, const GwTabStop *tabs, guint n);
void gw_page_setup_init(GwPageSetup *page);
void gw_page_setup_clear(GwPageSetup *page);

/* ---- traversal ---------------------------------------------------------- */

/* Depth-first walk without recursion limits: calls `enter` before a block's
 * children and `leave` after (either may be NULL).  `enter` returning FALSE
 * skips the children (leave is still called). */
typedef gboolean (*GwBlockVisit)(GwBlock *block, int depth, gpointer user);
void gw_document_walk(GwDocument *doc, GwBlockVisit enter, GwBlockVisit leave, gpointer user);

const char *gw_block_kind_name(GwBlockKind kind);

G_END_DECLS

#endif
