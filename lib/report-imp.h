/* report-imp.h: the layouts of the annual report's standard tables
 * (../shared/research/report-format.md §1), shared by the statistics file,
 * the table builder and the consistency check. */
#ifndef GW_REPORT_IMP_H
#define GW_REPORT_IMP_H

#include "gongwen/report.h"

#define GWI_F2021 1u
#define GWI_F2019 2u
#define GWI_FORMAT_BIT(format) ((format) == GW_REPORT_FORMAT_2019 ? GWI_F2019 : GWI_F2021)
#define GWI_MAX_VALUES 7 /* the widest row: table 三's seven data columns */

/* ---- table 二: blocks of 第二十条, each with its value headers and rows -- */
typedef struct {
    const char *key, *label;
} GwiRowName;

typedef struct {
    const char *item;          /* 第二十条第（一）项 */
    const char *headers[3];    /* value column headers (NULL-terminated when fewer) */
    guint n_values;
    GwiRowName rows[2];        /* key NULL when the block has one row */
} GwiT2Block;

/* The blocks of a format, *n receives their number. */
const GwiT2Block *gwi_t2_blocks(GwReportFormat format, guint *n);

/* ---- table 三: body rows in order --------------------------------------- */
typedef enum {
    GWI_T3_TOP,    /* 一、二、四: label over the three label columns */
    GWI_T3_RESULT, /* （一）（二）（七）and the 2019 （六）: label over two columns */
    GWI_T3_SUB     /* a numbered row of a group （三）…（六） */
} GwiT3Kind;

typedef struct {
    const char *key;
    const char *label;   /* as printed */
    GwiT3Kind kind;
    int group;           /* GWI_T3_SUB: index into gwi_t3_groups */
    guint formats;       /* GWI_F2021 | GWI_F2019 */
    gboolean result;     /* summed into （七）总计 */
    const char *match;   /* keywords that identify the row's label, '|'-separated */
} GwiT3Row;

typedef struct {
    const char *label;   /* （三）不予公开 */
    const char *match;
} GwiT3Group;

extern const GwiT3Row gwi_t3_rows[];
extern const guint gwi_t3_n_rows;
extern const GwiT3Group gwi_t3_groups[];
extern const char *const gwi_t3_columns[7];
#define GWI_T3_TOTAL_COL 6

/* ---- table 四: three blocks of five ------------------------------------ */
extern const GwiRowName gwi_t4_blocks[3];   /* review, litigation-direct, litigation-after-review */
extern const char *const gwi_t4_columns[5]; /* 结果维持 … 总计 */
#define GWI_T4_TOTAL_COL 4

/* ---- shared helpers ------------------------------------------------------ */

/* The section heading of a table, "二、主动公开政府信息情况". */
const char *gwi_report_section_title(GwReportTable table);
/* Number of values of a row in a format (0: no such row). */
guint gwi_report_row_width(GwReportFormat format, GwReportTable table, const char *key);
/* The printed label of a row key (for messages). */
const char *gwi_report_row_label(GwReportTable table, const char *key);

typedef enum { GWI_NUMBER_BLANK, GWI_NUMBER_OK, GWI_NUMBER_BAD } GwiNumber;
/* Reads a cell: blanks ("", "-", "—", "/") and numbers with full-width
 * digits or thousands commas.  Integers >= 0 unless `signed_decimal`
 * (table 二's 本年增/减 and 万元).  *normal receives the number in ASCII
 * (g_free it) when GWI_NUMBER_OK. */
GwiNumber gwi_report_read_number(const char *text, gboolean signed_decimal, char **normal);

/* Text folded for matching labels: white space removed, full-width ASCII
 * forms made half-width (g_free it). */
char *gwi_report_fold(const char *text);
/* TRUE when `folded` contains one of the '|'-separated `keywords`. */
gboolean gwi_report_matches(const char *folded, const char *keywords);

/* Stats internals for the check: a row's values (NULL when absent). */
char **gwi_report_stats_row(const GwReportStats *stats, GwReportTable table, const char *key);
/* Sets a cell without validating the row against the format (a document's
 * table may mix the layouts). */
void gwi_report_stats_put(GwReportStats *stats, GwReportTable table, const char *key, guint col, const char *value);

/* Which standard table a model table is, by its labels (0: none). */
GwReportTable gwi_report_table_kind(GwBlock *table);

#endif
