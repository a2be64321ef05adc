/* model-imp.h: the model's structures, for libgongwen's own readers and
 * writers.  Users of the library see only gongwen/model.h. */
#ifndef GONGWEN_MODEL_IMP_H
#define GONGWEN_MODEL_IMP_H

#include "gongwen/model.h"

struct GwImage {
    GBytes *data;
    char *mime;
    double width, height; /* points */
    char *alt;
    GwPlacement placement;
};

struct GwRun {
    GwRunKind kind;
    char *text;
    GwRunStyle style;
    char *link;
    gboolean lead;
    GwFieldKind field;
    char *field_format; /* the number format of a field's \* switch, or NULL */
    GwImage *image;
    GwLineShape *line_shape;
    GPtrArray *note; /* GwBlock*, for GW_RUN_NOTE */
    gboolean endnote;
};

/* Field order keeps padding out: a paragraph costs about 600 bytes with its
 * run (block 344, run array 80, run 128, text), so that the blocks limit
 * bounds a document's memory. */
struct GwBlock {
    GwBlockKind kind;
    int level;
    GwParaStyle style;
    GPtrArray *runs;     /* GwRun*, for paragraph-like blocks */
    GPtrArray *children; /* GwBlock*, for containers */
    char *label;         /* list item label */
    char *anchor;
    GwImage *image;
    GwPageSetup *page;   /* GW_BLOCK_SECTION */
    /* tables */
    double *col_widths;
    GwBorder *borders;   /* GW_N_SIDES entries for tables and cells, else NULL */
    double row_height;
    double box_width;    /* GW_BLOCK_TEXT_BOX */
    double box_x;        /* GW_BLOCK_TEXT_BOX: offset, GW_BLOCK_TABLE: indent; GW_UNSET = none */
    guint n_cols;
    guint col, colspan, rowspan;
    GwVAlign valign;
    gint32 shading;
    gboolean header_row;
    gboolean ordered;
    gboolean box_x_page; /* box_x is from the page's left edge, not the column's */
};

struct GwDocument {
    GHashTable *meta;     /* char* -> char* */
    GPtrArray *custom_names, *custom_values;
    GwPageSetup page;
    GPtrArray *blocks;
    GPtrArray *warnings;
};

/* Internal helpers shared across readers/writers. */
/* The number n in a number format named as OOXML's ST_NumberFormat names
 * them (NULL or unknown: decimal): list labels, note marks, page numbers
 * (number-format.c).  Newly allocated. */
char *gwi_format_number(const char *format, int n);
/* A field's \\* switch argument ("roman", "CHINESENUM3") and the number
 * format it names (static strings; NULL when none or not a number). */
const char *gwi_switch_number_format(const char *arg);
const char *gwi_number_format_switch(const char *format);
gboolean gwi_block_is_textual(GwBlockKind kind);
/* gw_document_walk over one block's subtree. */
void gwi_block_walk(GwBlock *root, GwBlockVisit enter, GwBlockVisit leave, gpointer user);
/* Append a run's plain text: a tab, a newline for a line break, nothing
 * for a note reference. */
void gwi_run_append_text(const GwRun *r, GString *out);
/* A run's formatting over its paragraph's: `own` where it says, else `base`
 * (strings borrowed from both). */
GwRunStyle gwi_run_style_merged(const GwRunStyle *base, const GwRunStyle *own);
/* Append `s` as a JSON string (write-json.c). */
void gwi_json_put_string(GString *o, const char *s);

#endif
