/* gongwen/validity.h: the register of normative documents (行政规范性文件
 * 登记表), their validity status as of a date, stamped copies of the
 * documents, counts for the annual report and citations of dead documents.
 *
 * A GwRegister is a table read from CSV or XLSX: a header row whose names
 * gongwen recognises (Chinese or English, see GwField) plus any other
 * columns, which are kept and written back unchanged.  Rows that cannot be
 * understood (a bad date, expiry before effect, a duplicate 文号, missing
 * required fields) are kept too, get the status GW_STATUS_INVALID and a
 * problem message naming their line; they never stop the other rows.
 *
 * GwRules holds the rules that turn a row into a status (terms in years,
 * the words that mark a provisional document, what counts as 废止 in the
 * yearly counts).  Defaults follow the Guangzhou normative-document library;
 * a GKeyFile overrides them (gongwen-validity(1) lists the keys).
 *
 * Ownership: *_new and gw_register_read* return objects the caller frees
 * with the matching *_free.  GwEntry pointers are borrowed from their
 * register and live as long as it.  Strings returned by getters are
 * borrowed; functions documented as "newly allocated" return strings to
 * g_free.  Errors are GError in the GW_ERROR domain. */
#ifndef GONGWEN_VALIDITY_H
#define GONGWEN_VALIDITY_H

#include "gongwen/model.h"

G_BEGIN_DECLS

typedef struct GwRegister GwRegister;
typedef struct GwEntry GwEntry;
typedef struct GwRules GwRules;

typedef enum {
    GW_STATUS_IN_FORCE, /* 有效 */
    GW_STATUS_EXPIRED,  /* 失效: its term or 失效日期 has passed */
    GW_STATUS_REPEALED, /* 废止 */
    GW_STATUS_NOT_YET,  /* 尚未施行 */
    GW_STATUS_INVALID   /* 无法判定: the row has a problem */
} GwStatus;

/* "有效", "失效", "废止", "尚未施行", "无法判定". */
const char *gw_status_label(GwStatus status);

/* The columns gongwen understands.  The last three are the ones it writes;
 * an input that already has them (a tagged register read again) gets them
 * replaced, not duplicated. */
typedef enum {
    GW_FIELD_ID,          /* 统一编号 / id */
    GW_FIELD_NUMBER,      /* 文号 / number */
    GW_FIELD_TITLE,       /* 标题 / title / 名称 */
    GW_FIELD_ISSUER,      /* 发布机关 / issuer / 制定机关 */
    GW_FIELD_ISSUED,      /* 发布日期 / issued / 成文日期 */
    GW_FIELD_EFFECTIVE,   /* 实施日期 / effective / 施行日期 */
    GW_FIELD_TERM,        /* 有效期 / term, in years ("5", "5年", "五年", "长期") */
    GW_FIELD_EXPIRES,     /* 失效日期 / expires: the last day in force */
    GW_FIELD_REPEALED,    /* 废止日期 / repealed: the first day no longer in force */
    GW_FIELD_REPEALED_BY, /* 废止依据 / repealed_by */
    GW_FIELD_NOTE,        /* 备注 / note */
    GW_FIELD_STATUS,      /* 状态 / status (output) */
    GW_FIELD_SINCE,       /* 状态起始日期 / status_since (output) */
    GW_FIELD_REASON,      /* 依据 / reason (output) */
    GW_N_FIELDS
} GwField;

/* The Chinese column name gongwen writes for a field, e.g. "文号". */
const char *gw_field_name(GwField field);

/* ---- dates and 文号 ------------------------------------------------------- */

/* Parse 2022-01-01, 2022/1/1, 2022.1.1, 20220101, 2022年1月1日,
 * 二〇二二年一月一日 (full-width digits too, a trailing time is ignored) or a
 * bare 5-digit spreadsheet serial (1900 system).  FALSE when not a date. */
gboolean gw_parse_date(const char *text, GDate *date);
/* A spreadsheet serial number as a date; `date1904` selects the 1904
 * system.  FALSE for serials before the epoch and for the 1900 system's
 * nonexistent 1900-02-29 (serial 60). */
gboolean gw_date_from_serial(double serial, gboolean date1904, GDate *date);
/* "2022年1月1日" (newly allocated). */
char *gw_date_format_cn(const GDate *date);
/* "2022-01-01" (newly allocated). */
char *gw_date_format_iso(const GDate *date);

/* A 文号 in the form used for matching: full-width characters folded, spaces
 * removed, the year in 〔〕 whatever brackets it had, no "第" and no leading
 * zeros in the serial.  "穗府规[2017] 第06号" -> "穗府规〔2017〕6号".
 * Newly allocated; NULL for NULL. */
char *gw_number_normalize(const char *number);

/* Every 文号 in `text`, in order, normalised (agency code + 〔YYYY〕 + N + 号;
 * the agency code is at most 12 characters and may include preceding
 * words, see gw_register_find_number).  Array of newly allocated strings;
 * free with g_ptr_array_unref. */
GPtrArray *gw_find_numbers(const char *text);

/* ---- rules ---------------------------------------------------------------- */

GwRules *gw_rules_new(void);
void gw_rules_free(GwRules *rules);
/* Override the defaults from a key file (gongwen-validity(1)):
 *   [term] default=5 provisional=2 provisional_words=暂行;试行
 *   [count] expired_is_repealed=false */
gboolean gw_rules_load(GwRules *rules, const char *path, GError **error);
gboolean gw_rules_load_data(GwRules *rules, const char *data, gsize len, const char *name, GError **error);

/* ---- the register --------------------------------------------------------- */

/* Read a register: XLSX by its .xlsx extension or zip signature, else CSV.
 * `sheet` (XLSX only, may be NULL for the first) is a sheet name or a
 * 1-based number. */
GwRegister *gw_register_read(const char *path, const char *sheet, GError **error);
/* CSV in UTF-8 (with or without BOM), UTF-16 with BOM or GB18030;
 * comma, tab or semicolon separated as the header line shows. */
GwRegister *gw_register_read_csv(const char *data, gsize len, const char *name, GError **error);
GwRegister *gw_register_read_xlsx(const char *data, gsize len, const char *name, const char *sheet, GError **error);
void gw_register_free(GwRegister *reg);

/* The name used in messages (the file name). */
const char *gw_register_get_name(const GwRegister *reg);
/* Input columns, in order, with their header text. */
guint gw_register_n_columns(const GwRegister *reg);
const char *gw_register_get_column(const GwRegister *reg, guint col);
/* The input column of a field, or -1 when the register has none. */
int gw_register_field_column(const GwRegister *reg, GwField field);

guint gw_register_n_entries(const GwRegister *reg);
GwEntry *gw_register_get_entry(const GwRegister *reg, guint i);

/* Problems found while reading ("register.csv:7: 失效日期早于实施日期"),
 * in line order; rules-independent, so available right after reading. */
guint gw_register_n_problems(const GwRegister *reg);
const char *gw_register_get_problem(const GwRegister *reg, guint i);

/* The entry with this 文号 (any bracket or width variant), or NULL.
 * `number` may carry words before the agency code, as gw_find_numbers
 * returns it: the longest registered 文号 it ends with wins. */
GwEntry *gw_register_find_number(const GwRegister *reg, const char *number);
/* The entry whose title equals `title` ignoring spaces and punctuation
 * width, or NULL. */
GwEntry *gw_register_find_title(const GwRegister *reg, const char *title);

/* ---- entries ---------------------------------------------------------------- */

/* Line of the row in its file: the CSV physical line where the record
 * starts, or the XLSX row number. */
guint gw_entry_get_line(const GwEntry *entry);
/* Cell text of an input column ("" when the row is short). */
const char *gw_entry_get_cell(const GwEntry *entry, guint col);
/* Cell text of a field ("" when absent). */
const char *gw_entry_get(const GwEntry *entry, GwField field);
/* A parsed date field (ISSUED, EFFECTIVE, EXPIRES, REPEALED); FALSE when
 * absent or bad. */
gboolean gw_entry_get_date(const GwEntry *entry, GwField field, GDate *date);
/* The first problem of this row, or NULL when it has none. */
const char *gw_entry_get_problem(const GwEntry *entry);

/* The status as of `as_of`.  `since` (may be NULL) receives the first day
 * of that status (invalid for GW_STATUS_INVALID); `reason` (may be NULL)
 * the 依据 in words, newly allocated. */
GwStatus gw_entry_status(const GwEntry *entry, const GwRules *rules, const GDate *as_of, GDate *since, char **reason);

/* ---- output and counts -------------------------------------------------- */

/* Write the register with 状态, 状态起始日期 and 依据 as of `as_of`: CSV
 * (UTF-8 with BOM), JSON or XLSX chosen by the extension of `path` ("-"
 * writes CSV to standard output).  Atomic. */
gboolean gw_register_write(const GwRegister *reg, const GwRules *rules, const GDate *as_of, const char *path,
                           GError **error);

/* Numbers for table 二 of the annual report (行政规范性文件 row). */
typedef struct {
    guint issued;   /* 本年制发件数: 发布日期 (else 实施日期) in the year */
    guint repealed; /* 本年废止件数: 废止日期 in the year; with the rule
                     * [count] expired_is_repealed also those whose term
                     * ran out in the year */
    guint in_force; /* 现行有效件数: 有效 on 31 December */
    guint invalid;  /* rows left out because of a problem */
} GwYearCounts;
void gw_register_count_year(const GwRegister *reg, const GwRules *rules, int year, GwYearCounts *counts);

/* ---- documents: matching, stamping, citations ----------------------------- */

/* The register entry of a document (DOCX, PDF or text), by the 文号 in its
 * metadata, its file name, a 文号 line or the title on its first page.
 * Returns NULL without error when nothing matches; NULL with `error` set
 * when the file cannot be read. */
GwEntry *gw_register_match_file(const GwRegister *reg, const char *path, GError **error);

/* Write a stamped copy of `input` (DOCX or PDF) to `output`: when the
 * entry is not in force as of `as_of` a red notice on top of page one, a
 * diagonal mark on every page of a PDF, and in either case the status in
 * the metadata (DOCX custom properties 有效性, 有效性日期, 有效性依据; PDF
 * Info keys /GongwenStatus, /GongwenStatusDate, /GongwenStatusReason).
 * A PDF's pages are not re-rendered: the stamp is overlaid.  The input is
 * never changed; the output is atomic. */
gboolean gw_stamp_file(const char *input, const char *output, const GwEntry *entry, const GwRules *rules,
                       const GDate *as_of, GError **error);

/* One citation of a register document that was not in force on the citing
 * document's date. */
typedef struct {
    char *file;            /* the citing document */
    char *number;          /* the cited 文号 as registered */
    const GwEntry *cited;  /* borrowed from the register */
    GDate date;            /* the citing document's date */
    const char *date_from; /* "register", "text" or "mtime" (static) */
    GwStatus status;       /* status of the cited document on that date */
    char *reason;
} GwCitation;
void gw_citation_free(GwCitation *citation);

/* Scan the .txt, .docx and .pdf files under `dir` (recursively) for cited
 * 文号.  Returns an array of GwCitation* (free with g_ptr_array_unref);
 * files that cannot be read are skipped and listed in `skipped` (may be
 * NULL; array of newly allocated "file: why" strings). */
GPtrArray *gw_check_citations(const GwRegister *reg, const GwRules *rules, const char *dir, GPtrArray *skipped,
                              GError **error);

G_END_DECLS

#endif
