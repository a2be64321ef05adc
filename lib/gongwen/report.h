/* gongwen/report.h: the annual report on government information disclosure
 * (政府信息公开工作年度报告): its three standard tables and their arithmetic.
 *
 * Sections 二, 三 and 四 of the report are fixed tables (国办公开办函〔2021〕30号;
 * the older 国办公开办函〔2019〕60号 layout differs in table 二 and in row
 * （六） of table 三).  A GwReportStats holds their figures, read from a
 * statistics file (gongwen-report(1) documents the format); gongwen builds
 * the tables from it with the exact rows, columns and merged cells of the
 * format, places them in a document under their section headings, and checks
 * a document's tables and narrative for arithmetic slips.
 *
 * Cells are text: NULL is a blank cell, which the file leaves empty; "0" is
 * a zero the file states.  Rows are named by the keys of the statistics file
 * ("new", "withheld-secret", "review"...); columns count from 0 over the
 * data columns only (table 三: 自然人 … 其他, 总计 = 6; table 四: 结果维持 …
 * 总计 = 4 in each of its three blocks, which are rows here). */
#ifndef GONGWEN_REPORT_H
#define GONGWEN_REPORT_H

#include "gongwen/model.h"

G_BEGIN_DECLS

typedef enum {
    GW_REPORT_FORMAT_2021, /* 国办公开办函〔2021〕30号 */
    GW_REPORT_FORMAT_2019  /* 国办公开办函〔2019〕60号 */
} GwReportFormat;

typedef enum {
    GW_REPORT_TABLE_2 = 2, /* 二、主动公开政府信息情况 */
    GW_REPORT_TABLE_3 = 3, /* 三、收到和处理政府信息公开申请情况 */
    GW_REPORT_TABLE_4 = 4  /* 四、政府信息公开行政复议、行政诉讼情况 */
} GwReportTable;

/* "2021" or "2019"; FALSE for anything else. */
gboolean gw_report_format_from_name(const char *name, GwReportFormat *format);

/* ---- statistics ---------------------------------------------------------- */

typedef struct GwReportStats GwReportStats;

/* Blank statistics (every cell blank). */
GwReportStats *gw_report_stats_new(GwReportFormat format);
/* A statistics file (GKeyFile syntax, see gongwen-report(1)); `name` is used
 * in messages.  Unknown keys, values that are not numbers and rows with too
 * many values are errors (GW_ERROR_FORMAT) naming the file and the key. */
GwReportStats *gw_report_stats_parse(const char *data, gsize len, const char *name, GError **error);
GwReportStats *gw_report_stats_load(const char *path, GError **error);
void gw_report_stats_free(GwReportStats *stats);
GwReportFormat gw_report_stats_get_format(const GwReportStats *stats);
/* A cell (borrowed; NULL = blank, also for a row or column that does not
 * exist in the stats' format). */
const char *gw_report_stats_get(const GwReportStats *stats, GwReportTable table, const char *row, guint col);
/* Sets a cell (NULL blanks it); FALSE when the row or column does not exist
 * in the format, or `value` is not a number the cell accepts. */
gboolean gw_report_stats_set(GwReportStats *stats, GwReportTable table, const char *row, guint col, const char *value);

/* The commented blank statistics file of a format (g_free it). */
char *gw_report_template(GwReportFormat format);

/* ---- tables ------------------------------------------------------------- */

/* The standard table, filled from `stats` (a new GW_BLOCK_TABLE the caller
 * owns). */
GwBlock *gw_report_build_table(const GwReportStats *stats, GwReportTable table);

/* Places each of the three tables right under its section heading
 * (二、主动公开政府信息情况 … matched by the section number and keywords).
 * A section that already holds its standard table keeps it (with a document
 * warning).  FALSE with GW_ERROR_INVALID when a heading is missing; the
 * document is then unchanged. */
gboolean gw_report_insert_tables(GwDocument *doc, const GwReportStats *stats, GError **error);

/* ---- consistency check ------------------------------------------------- */

typedef enum { GW_FINDING_ERROR, GW_FINDING_WARNING } GwFindingSeverity;

typedef enum {
    GW_FINDING_BALANCE,     /* table 三: 一 + 二 ≠ 三（七）总计 + 四 in a column */
    GW_FINDING_RESULT_SUM,  /* table 三: （七）总计 ≠ the sum of the result rows in a column */
    GW_FINDING_ROW_SUM,     /* table 三: 总计 ≠ the six applicant columns in a row */
    GW_FINDING_BLOCK_SUM,   /* table 四: 总计 ≠ its four results */
    GW_FINDING_CELL,        /* one cell breaks each identity it is in by the same
                             * amount: the likely slip (values: the cell, and
                             * what would satisfy them all) */
    GW_FINDING_NARRATIVE,   /* a figure in the text disagrees with its table cell */
    GW_FINDING_STATS,       /* a table cell disagrees with the statistics file */
    GW_FINDING_BLANK_TOTAL, /* a blank total whose parts are not all zero (warning) */
    GW_FINDING_NOT_NUMBER,  /* a data cell that is not a number (warning) */
    GW_FINDING_NO_TABLE     /* a standard table was not found (warning) */
} GwFindingKind;

typedef struct GwReportCheck GwReportCheck;

/* Finds the standard tables among the document's tables by their labels,
 * verifies every identity of the format and every figure the narrative
 * states.  With `stats` (may be NULL), tables the document lacks are taken
 * from it and tables it has are compared with it.  The document is not
 * changed. */
GwReportCheck *gw_report_check(GwDocument *doc, const GwReportStats *stats);
void gw_report_check_free(GwReportCheck *check);
guint gw_report_check_n_findings(const GwReportCheck *check);
guint gw_report_check_n_errors(const GwReportCheck *check);
/* Whether the document (or the stats) supplied the table. */
gboolean gw_report_check_has_table(const GwReportCheck *check, GwReportTable table);
GwFindingSeverity gw_report_check_get_severity(const GwReportCheck *check, guint i);
GwFindingKind gw_report_check_get_kind(const GwReportCheck *check, guint i);
GwReportTable gw_report_check_get_table(const GwReportCheck *check, guint i);
/* Row and column labels as printed in the standard table (borrowed). */
const char *gw_report_check_get_row(const GwReportCheck *check, guint i);
const char *gw_report_check_get_column(const GwReportCheck *check, guint i);
/* The table's value and the value it should have (the sum of its parts, the
 * narrative's figure, the statistics file's figure). */
void gw_report_check_get_values(const GwReportCheck *check, guint i, gint64 *table_value, gint64 *expected);
/* The whole finding in one line: section, row, column and both values. */
const char *gw_report_check_get_message(const GwReportCheck *check, guint i);

G_END_DECLS

#endif
