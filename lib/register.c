/* register.c: the register of normative documents: rows, header names,
 * checks of each row, lookups, and the CSV reader. */
#include <string.h>
#include "validity-imp.h"
#include "gongwen/reader.h"
#include "limit-imp.h"

static const char *const field_names[GW_N_FIELDS] = {
    "统一编号", "文号", "标题", "发布机关", "发布日期", "实施日期", "有效期",
    "失效日期", "废止日期", "废止依据", "备注", "状态", "状态起始日期", "依据",
};

/* Header texts that name each field, compared after folding (NFKC, no
 * spaces, ASCII lower case, no "(…)" suffix such as "有效期（年）"). */
static const struct {
    GwField field;
    const char *names;
} header_table[] = {
    { GW_FIELD_ID, "统一编号|登记编号|登记号|统一登记号|id|uid" },
    { GW_FIELD_NUMBER, "文号|发文字号|发文文号|文件字号|文件编号|number|docnumber|doc_number" },
    { GW_FIELD_TITLE, "标题|名称|文件名称|文件标题|title|name" },
    { GW_FIELD_ISSUER, "发布机关|制定机关|发文机关|发文单位|发布单位|issuer|agency" },
    { GW_FIELD_ISSUED, "发布日期|成文日期|印发日期|公布日期|issued|issuedate|issue_date" },
    { GW_FIELD_EFFECTIVE, "实施日期|施行日期|生效日期|effective|effectivedate|effective_date" },
    { GW_FIELD_TERM, "有效期|有效期限|有效年限|term" },
    { GW_FIELD_EXPIRES, "失效日期|有效期至|有效截止日期|expires|expiry|expiredate|expire_date" },
    { GW_FIELD_REPEALED, "废止日期|repealed|repealdate|repeal_date" },
    { GW_FIELD_REPEALED_BY, "废止依据|废止文件|repealed_by|repealedby" },
    { GW_FIELD_NOTE, "备注|说明|note|notes|remark|remarks" },
    { GW_FIELD_STATUS, "状态|文件状态|有效性|status" },
    { GW_FIELD_SINCE, "状态起始日期|status_since|statussince" },
    { GW_FIELD_REASON, "依据|reason" },
};

const char *gw_field_name(GwField field)
{
    return (guint) field < GW_N_FIELDS ? field_names[field] : "";
}

static char *fold_header(const char *header)
{
    char *valid = g_utf8_make_valid(header, -1);
    char *nfkc = g_utf8_normalize(valid, -1, G_NORMALIZE_NFKC);
    g_free(valid);
    GString *s = g_string_new(NULL);
    int depth = 0;
    for (const char *p = nfkc; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '(')
            depth++;
        else if (c == ')' && depth > 0)
            depth--;
        else if (depth == 0 && !g_unichar_isspace(c) && c != '*')
            g_string_append_unichar(s, g_unichar_tolower(c));
    }
    g_free(nfkc);
    return g_string_free(s, FALSE);
}

GwField gwi_field_from_header(const char *header)
{
    char *folded = fold_header(header);
    GwField found = GW_N_FIELDS;
    for (guint i = 0; i < G_N_ELEMENTS(header_table) && found == GW_N_FIELDS; i++) {
        char **names = g_strsplit(header_table[i].names, "|", -1);
        if (*folded && g_strv_contains((const char *const *) names, folded))
            found = header_table[i].field;
        g_strfreev(names);
    }
    g_free(folded);
    return found;
}

char *gwi_fold_title(const char *title)
{
    char *valid = g_utf8_make_valid(title ? title : "", -1);
    char *nfkc = g_utf8_normalize(valid, -1, G_NORMALIZE_NFKC);
    g_free(valid);
    char *folded = g_utf8_casefold(nfkc, -1);
    g_free(nfkc);
    return gwi_strip_spaces(folded);
}

gboolean gwi_parse_term(const char *text, int *years)
{
    char *t = g_utf8_normalize(text, -1, G_NORMALIZE_NFKC);
    if (!t)
        return FALSE;
    g_strstrip(t);
    gboolean ok = FALSE;
    if (g_str_has_prefix(t, "长期") || g_str_has_prefix(t, "无期限") || strcmp(t, "不限") == 0) {
        *years = GWI_TERM_UNLIMITED;
        ok = TRUE;
    } else {
        char *end = t + strlen(t);
        if (g_str_has_suffix(t, "年"))
            end -= strlen("年");
        *end = '\0';
        g_strstrip(t);
        static const char *const cn[] = { "一", "两", "三", "四", "五", "六", "七", "八", "九", "十" };
        char *digits_end;
        guint64 v = g_ascii_strtoull(t, &digits_end, 10);
        if (*t && digits_end != t && *digits_end == '\0' && v >= 1 && v <= 100) {
            *years = (int) v;
            ok = TRUE;
        }
        for (guint i = 0; !ok && i < G_N_ELEMENTS(cn); i++)
            if (strcmp(t, cn[i]) == 0 || (i == 1 && strcmp(t, "二") == 0)) {
                *years = (int) i + 1;
                ok = TRUE;
            }
    }
    g_free(t);
    return ok;
}

/* ---- building a register from raw rows ------------------------------------ */

static void entry_free(GwEntry *e)
{
    g_ptr_array_unref(e->cells);
    g_free(e->problem);
    g_free(e);
}

GwRegister *gwi_register_new(const char *name)
{
    GwRegister *reg = g_new0(GwRegister, 1);
    reg->name = g_strdup(name);
    reg->columns = g_ptr_array_new_with_free_func(g_free);
    reg->entries = g_ptr_array_new_with_free_func((GDestroyNotify) entry_free);
    reg->problems = g_ptr_array_new_with_free_func(g_free);
    reg->by_number = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    reg->by_title = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    reg->raw = g_ptr_array_new_with_free_func((GDestroyNotify) g_ptr_array_unref);
    reg->raw_lines = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint f = 0; f < GW_N_FIELDS; f++)
        reg->field_col[f] = -1;
    return reg;
}

void gwi_register_add_row(GwRegister *reg, GPtrArray *cells, guint line)
{
    g_ptr_array_add(reg->raw, cells);
    g_array_append_val(reg->raw_lines, line);
}

static gboolean row_is_blank(GPtrArray *cells)
{
    for (guint i = 0; i < cells->len; i++) {
        const char *c = cells->pdata[i];
        for (; *c; c = g_utf8_next_char(c))
            if (!g_unichar_isspace(g_utf8_get_char(c)))
                return FALSE;
    }
    return TRUE;
}

/* The header is the first of the first rows that names a 文号 or 标题 column
 * and at least one other known column: registers exported from Excel often
 * carry a title line above it. */
static int find_header(GwRegister *reg)
{
    for (guint r = 0; r < reg->raw->len && r < 20; r++) {
        GPtrArray *cells = reg->raw->pdata[r];
        guint known = 0;
        gboolean key = FALSE;
        for (guint c = 0; c < cells->len; c++) {
            GwField f = gwi_field_from_header(cells->pdata[c]);
            known += f != GW_N_FIELDS;
            key |= f == GW_FIELD_NUMBER || f == GW_FIELD_TITLE;
        }
        if (key && known >= 2)
            return (int) r;
    }
    return -1;
}

static void entry_problem(GwEntry *e, GwRegister *reg, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void entry_problem(GwEntry *e, GwRegister *reg, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_ptr_array_add(reg->problems, g_strdup_printf("%s:%u: %s", reg->name, e->line, msg));
    if (!e->problem)
        e->problem = g_strdup_printf("第%u行：%s", e->line, msg);
    g_free(msg);
}

static const char *cell_of(const GwEntry *e, int col)
{
    return col >= 0 && (guint) col < e->cells->len ? e->cells->pdata[col] : "";
}

/* A date cell; an XLSX number is a serial, shown as ISO from then on. */
static gboolean parse_date_cell(GwEntry *e, GwRegister *reg, GwField f)
{
    int col = reg->field_col[f];
    char *text = e->cells->pdata[col], *end;
    double serial = g_ascii_strtod(text, &end);
    if (reg->from_xlsx && *text && *end == '\0' && gw_date_from_serial(serial, reg->date1904, &e->dates[f])) {
        g_free(text);
        e->cells->pdata[col] = gw_date_format_iso(&e->dates[f]);
        return TRUE;
    }
    return gw_parse_date(text, &e->dates[f]);
}

static void parse_dates(GwEntry *e, GwRegister *reg)
{
    static const GwField date_fields[] = { GW_FIELD_ISSUED, GW_FIELD_EFFECTIVE, GW_FIELD_EXPIRES, GW_FIELD_REPEALED };
    for (guint i = 0; i < G_N_ELEMENTS(date_fields); i++) {
        GwField f = date_fields[i];
        const char *text = gw_entry_get(e, f);
        if (*text && !parse_date_cell(e, reg, f))
            entry_problem(e, reg, "%s“%s”不是日期", field_names[f], text);
    }
    const char *term = gw_entry_get(e, GW_FIELD_TERM);
    if (*term && !gwi_parse_term(term, &e->term))
        entry_problem(e, reg, "有效期“%s”无法识别（应为年数，如5、5年、五年或长期）", term);
}

static void check_entry(GwEntry *e, GwRegister *reg)
{
    const GDate *d = e->dates;
    const char *number = gw_entry_get(e, GW_FIELD_NUMBER);
    if (!*number)
        entry_problem(e, reg, "缺少文号");
    if (!*gw_entry_get(e, GW_FIELD_EFFECTIVE) && !*gw_entry_get(e, GW_FIELD_ISSUED))
        entry_problem(e, reg, "缺少实施日期和发布日期");
    const GDate *start = g_date_valid(&d[GW_FIELD_EFFECTIVE]) ? &d[GW_FIELD_EFFECTIVE] : &d[GW_FIELD_ISSUED];
    if (g_date_valid(start) && g_date_valid(&d[GW_FIELD_EXPIRES]) && g_date_compare(&d[GW_FIELD_EXPIRES], start) < 0)
        entry_problem(e, reg, "失效日期早于实施日期");
    if (g_date_valid(&d[GW_FIELD_ISSUED]) && g_date_valid(&d[GW_FIELD_REPEALED]) &&
        g_date_compare(&d[GW_FIELD_REPEALED], &d[GW_FIELD_ISSUED]) <= 0)
        entry_problem(e, reg, "废止日期不晚于发布日期");
    if (g_date_valid(&d[GW_FIELD_ISSUED]) && g_date_valid(&d[GW_FIELD_EFFECTIVE]) &&
        g_date_compare(&d[GW_FIELD_EFFECTIVE], &d[GW_FIELD_ISSUED]) < 0)
        entry_problem(e, reg, "实施日期早于发布日期");
    if (!*number)
        return;
    char *key = gw_number_normalize(number);
    GwEntry *first = g_hash_table_lookup(reg->by_number, key);
    if (first) {
        entry_problem(e, reg, "文号%s与第%u行重复", number, first->line);
        g_free(key);
    } else
        g_hash_table_insert(reg->by_number, key, e);
}

static void add_entry(GwRegister *reg, GPtrArray *cells, guint line)
{
    GwEntry *e = g_new0(GwEntry, 1);
    e->reg = reg;
    e->line = line;
    e->cells = g_ptr_array_ref(cells);
    e->term = GWI_TERM_NONE;
    for (guint f = 0; f < GW_N_FIELDS; f++)
        g_date_clear(&e->dates[f], 1);
    g_ptr_array_add(reg->entries, e);
    parse_dates(e, reg);
    check_entry(e, reg);
    const char *title = gw_entry_get(e, GW_FIELD_TITLE);
    if (*title && !e->problem) {
        char *key = gwi_fold_title(title);
        if (g_hash_table_contains(reg->by_title, key))
            g_free(key);
        else
            g_hash_table_insert(reg->by_title, key, e);
    }
}

gboolean gwi_register_finish(GwRegister *reg, GError **error)
{
    int header = find_header(reg);
    if (header < 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT,
                    "%s: no header row with a 文号 or 标题 column and another known column", reg->name);
        return FALSE;
    }
    GPtrArray *names = reg->raw->pdata[header];
    for (guint c = 0; c < names->len; c++) {
        g_ptr_array_add(reg->columns, g_strstrip(g_strdup(names->pdata[c])));
        GwField f = gwi_field_from_header(names->pdata[c]);
        if (f != GW_N_FIELDS && reg->field_col[f] < 0)
            reg->field_col[f] = (int) c;
    }
    for (guint r = (guint) header + 1; r < reg->raw->len; r++)
        if (!row_is_blank(reg->raw->pdata[r]))
            add_entry(reg, reg->raw->pdata[r], g_array_index(reg->raw_lines, guint, r));
    g_ptr_array_unref(reg->raw);
    g_array_unref(reg->raw_lines);
    reg->raw = NULL;
    reg->raw_lines = NULL;
    return TRUE;
}

void gw_register_free(GwRegister *reg)
{
    if (!reg)
        return;
    g_ptr_array_unref(reg->entries);
    g_ptr_array_unref(reg->columns);
    g_ptr_array_unref(reg->problems);
    g_hash_table_unref(reg->by_number);
    g_hash_table_unref(reg->by_title);
    if (reg->raw)
        g_ptr_array_unref(reg->raw);
    if (reg->raw_lines)
        g_array_unref(reg->raw_lines);
    g_free(reg->name);
    g_free(reg);
}

/* ---- accessors ----------------------------------------------------------- */

const char *gw_register_get_name(const GwRegister *reg) { return reg->name; }
guint gw_register_n_columns(const GwRegister *reg) { return reg->columns->len; }
const char *gw_register_get_column(const GwRegister *reg, guint col)
{
    return col < reg->columns->len ? reg->columns->pdata[col] : NULL;
}
int gw_register_field_column(const GwRegister *reg, GwField field)
{
    return (guint) field < GW_N_FIELDS ? reg->field_col[field] : -1;
}
guint gw_register_n_entries(const GwRegister *reg) { return reg->entries->len; }
GwEntry *gw_register_get_entry(const GwRegister *reg, guint i)
{
    return i < reg->entries->len ? reg->entries->pdata[i] : NULL;
}
guint gw_register_n_problems(const GwRegister *reg) { return reg->problems->len; }
const char *gw_register_get_problem(const GwRegister *reg, guint i)
{
    return i < reg->problems->len ? reg->problems->pdata[i] : NULL;
}

GwEntry *gw_register_find_number(const GwRegister *reg, const char *number)
{
    char *key = gw_number_normalize(number);
    GwEntry *found = NULL;
    /* Drop leading characters one at a time: "根据穗府规〔2017〕6号" finds
     * "穗府规〔2017〕6号"; stop at the year's bracket. */
    for (const char *p = key; *p && !found && !g_str_has_prefix(p, "〔"); p = g_utf8_next_char(p))
        found = g_hash_table_lookup(reg->by_number, p);
    g_free(key);
    return found;
}

GwEntry *gw_register_find_title(const GwRegister *reg, const char *title)
{
    char *key = gwi_fold_title(title);
    GwEntry *found = *key ? g_hash_table_lookup(reg->by_title, key) : NULL;
    g_free(key);
    return found;
}

guint gw_entry_get_line(const GwEntry *e) { return e->line; }
const char *gw_entry_get_cell(const GwEntry *e, guint col) { return cell_of(e, (int) col); }
const char *gw_entry_get(const GwEntry *e, GwField field)
{
    return (guint) field < GW_N_FIELDS ? cell_of(e, e->reg->field_col[field]) : "";
}
gboolean gw_entry_get_date(const GwEntry *e, GwField field, GDate *date)
{
    if ((guint) field >= GW_N_FIELDS || !g_date_valid(&e->dates[field]))
        return FALSE;
    *date = e->dates[field];
    return TRUE;
}
const char *gw_entry_get_problem(const GwEntry *e) { return e->problem; }

/* ---- text encodings ------------------------------------------------------- */

char *gwi_text_to_utf8(const char *data, gsize *len, const char *name, GError **error)
{
    static const struct {
        const char *bom, *charset;
    } boms[] = { { "\xEF\xBB\xBF", NULL }, { "\xFF\xFE", "UTF-16LE" }, { "\xFE\xFF", "UTF-16BE" } };
    const char *charset = "GB18030";
    gsize skip = 0;
    for (guint i = 0; i < G_N_ELEMENTS(boms); i++)
        if (*len >= strlen(boms[i].bom) && memcmp(data, boms[i].bom, strlen(boms[i].bom)) == 0) {
            skip = strlen(boms[i].bom);
            charset = boms[i].charset;
            break;
        }
    if (!charset || (skip == 0 && g_utf8_validate_len(data, *len, NULL))) {
        if (!g_utf8_validate_len(data + skip, *len - skip, NULL)) {
            g_set_error(error, GW_ERROR, GW_ERROR_ENCODING, "%s: starts with a UTF-8 mark but is not UTF-8", name);
            return NULL;
        }
        *len -= skip;
        return g_strndup(data + skip, *len);
    }
    gsize written = 0;
    GError *local = NULL;
    char *utf8 = g_convert(data + skip, (gssize) (*len - skip), "UTF-8", charset, NULL, &written, &local);
    if (!utf8) {
        g_set_error(error, GW_ERROR, GW_ERROR_ENCODING, "%s: neither UTF-8 nor %s: %s", name, charset, local->message);
        g_error_free(local);
        return NULL;
    }
    *len = written;
    return utf8;
}

/* ---- CSV (RFC 4180) --------------------------------------------------------- */

/* The separator the header line uses most: tab, semicolon or comma. */
static char detect_separator(const char *s)
{
    guint tabs = 0, commas = 0, semis = 0;
    gboolean quoted = FALSE;
    for (; *s && (quoted || (*s != '\n' && *s != '\r')); s++) {
        if (*s == '"')
            quoted = !quoted;
        else if (!quoted) {
            tabs += *s == '\t';
            commas += *s == ',';
            semis += *s == ';';
        }
    }
    return tabs > commas && tabs >= semis ? '\t' : semis > commas ? ';' : ',';
}

typedef struct {
    const char *p, *end;
    char sep;
    guint line; /* physical line of p */
} CsvCursor;

/* One field; returns TRUE when it ended its record.  Quoted fields may span
 * lines and double their quotes; a quote inside an unquoted field is kept. */
static gboolean csv_field(CsvCursor *c, GString *out, gboolean *unterminated)
{
    g_string_truncate(out, 0);
    if (c->p < c->end && *c->p == '"') {
        c->p++;
        for (;;) {
            if (c->p >= c->end) {
                *unterminated = TRUE;
                return TRUE;
            }
            if (*c->p == '"') {
                if (c->p + 1 < c->end && c->p[1] == '"') {
                    g_string_append_c(out, '"');
                    c->p += 2;
                    continue;
                }
                c->p++;
                break;
            }
            c->line += *c->p == '\n';
            g_string_append_c(out, *c->p++);
        }
    }
    while (c->p < c->end && *c->p != c->sep && *c->p != '\n' && *c->p != '\r')
        g_string_append_c(out, *c->p++);
    if (c->p < c->end && *c->p == c->sep) {
        c->p++;
        return FALSE;
    }
    if (c->p < c->end && *c->p == '\r')
        c->p++;
    if (c->p < c->end && *c->p == '\n')
        c->p++;
    c->line++;
    return TRUE;
}

enum { CSV_MAX_COLUMNS = 16384 };

GwRegister *gw_register_read_csv(const char *data, gsize len, const char *name, GError **error)
{
    guint64 max_bytes = gw_limit_get_default(GW_LIMIT_TEXT_BYTES);
    if (len > max_bytes) {
        gwi_limit_error(error, GW_LIMIT_TEXT_BYTES, max_bytes, "%s: a register of %" G_GSIZE_FORMAT " bytes", name, len);
        return NULL;
    }
    char *text = gwi_text_to_utf8(data, &len, name, error);
    if (!text)
        return NULL;
    GwRegister *reg = gwi_register_new(name);
    CsvCursor c = { text, text + len, detect_separator(text), 1 };
    GString *field = g_string_new(NULL);
    guint64 n_cells = 0, max_cells = gw_limit_get_default(GW_LIMIT_TABLE_CELLS);
    gboolean ok = TRUE;
    while (ok && c.p < c.end) {
        guint line = c.line;
        GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
        gboolean unterminated = FALSE, done = FALSE;
        while (!done) {
            done = csv_field(&c, field, &unterminated);
            if (cells->len < CSV_MAX_COLUMNS)
                g_ptr_array_add(cells, g_strdup(field->str));
        }
        if (unterminated)
            g_ptr_array_add(reg->problems, g_strdup_printf("%s:%u: 引号未闭合，读到文件末尾", name, line));
        gwi_register_add_row(reg, cells, line);
        n_cells += cells->len + 1; /* a row costs about as much as a cell */
        if (n_cells > max_cells) {
            gwi_limit_error(error, GW_LIMIT_TABLE_CELLS, max_cells, "%s: rows and cells up to line %u", name, line);
            ok = FALSE;
        }
    }
    g_string_free(field, TRUE);
    g_free(text);
    if (!ok || !gwi_register_finish(reg, error)) {
        gw_register_free(reg);
        return NULL;
    }
    return reg;
}

char *gwi_read_file(const char *path, gsize *len, GError **error)
{
    return gwi_read_input(path, GW_LIMIT_INPUT_BYTES, gw_limit_get_default(GW_LIMIT_INPUT_BYTES), len, error);
}

GwRegister *gw_register_read(const char *path, const char *sheet, GError **error)
{
    gsize len = 0;
    char *data = gwi_read_file(path, &len, error);
    if (!data)
        return NULL;
    gboolean zip = len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
    GwRegister *reg = NULL;
    if (gwi_is_ole(data, len))
        g_set_error(error, GW_ERROR, GW_ERROR_UNSUPPORTED,
                    "%s: an encrypted or old-format (.xls) Excel file; save the register as XLSX or CSV", path);
    else if (zip || g_str_has_suffix(path, ".xlsx"))
        reg = gw_register_read_xlsx(data, len, path, sheet, error);
    else
        reg = gw_register_read_csv(data, len, path, error);
    g_free(data);
    return reg;
}
