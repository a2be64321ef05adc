/* report.c: the statistics file of the annual report and its three standard
 * tables (layouts per ../shared/research/report-format.md §1). */
#include <string.h>
#include "model-imp.h"
#include "outline.h"
#include "report-imp.h"

/* ---- layouts ------------------------------------------------------------- */

static const GwiT2Block t2_blocks_2021[] = {
    { "第二十条第（一）项", { "本年制发件数", "本年废止件数", "现行有效件数" }, 3,
      { { "rules", "规章" }, { "normative", "行政规范性文件" } } },
    { "第二十条第（五）项", { "本年处理决定数量" }, 1, { { "licensing", "行政许可" } } },
    { "第二十条第（六）项", { "本年处理决定数量" }, 1, { { "punishment", "行政处罚" }, { "enforcement", "行政强制" } } },
    { "第二十条第（八）项", { "本年收费金额（单位：万元）" }, 1, { { "fees", "行政事业性收费" } } },
};

static const GwiT2Block t2_blocks_2019[] = {
    { "第二十条第（一）项", { "本年新制作数量", "本年新公开数量", "对外公开总数量" }, 3,
      { { "rules", "规章" }, { "normative", "规范性文件" } } },
    { "第二十条第（五）项", { "上一年项目数量", "本年增/减", "处理决定数量" }, 3,
      { { "licensing", "行政许可" }, { "other-services", "其他对外管理服务事项" } } },
    { "第二十条第（六）项", { "上一年项目数量", "本年增/减", "处理决定数量" }, 3,
      { { "punishment", "行政处罚" }, { "enforcement", "行政强制" } } },
    { "第二十条第（八）项", { "上一年项目数量", "本年增/减" }, 2, { { "fees", "行政事业性收费" } } },
    { "第二十条第（九）项", { "采购项目数量", "采购总金额" }, 2, { { "procurement", "政府集中采购" } } },
};

const GwiT2Block *gwi_t2_blocks(GwReportFormat format, guint *n)
{
    if (format == GW_REPORT_FORMAT_2019) {
        *n = G_N_ELEMENTS(t2_blocks_2019);
        return t2_blocks_2019;
    }
    *n = G_N_ELEMENTS(t2_blocks_2021);
    return t2_blocks_2021;
}

const GwiT3Group gwi_t3_groups[] = {
    { "（三）不予公开", "不予公开" },
    { "（四）无法提供", "无法提供" },
    { "（五）不予处理", "不予处理" },
    { "（六）其他处理", "其他处理" },
};

#define BOTH (GWI_F2021 | GWI_F2019)
const GwiT3Row gwi_t3_rows[] = {
    { "new", "一、本年新收政府信息公开申请数量", GWI_T3_TOP, -1, BOTH, FALSE, "本年新收|新收" },
    { "carried", "二、上年结转政府信息公开申请数量", GWI_T3_TOP, -1, BOTH, FALSE, "上年结转|上年度结转" },
    { "open", "（一）予以公开", GWI_T3_RESULT, -1, BOTH, TRUE, "予以公开" },
    { "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", GWI_T3_RESULT, -1, BOTH, TRUE, "部分公开" },
    { "withheld-secret", "1.属于国家秘密", GWI_T3_SUB, 0, BOTH, TRUE, "国家秘密" },
    { "withheld-law", "2.其他法律行政法规禁止公开", GWI_T3_SUB, 0, BOTH, TRUE, "禁止公开|法律行政法规" },
    { "withheld-security", "3.危及“三安全一稳定”", GWI_T3_SUB, 0, BOTH, TRUE, "三安全|一稳定" },
    { "withheld-third-party", "4.保护第三方合法权益", GWI_T3_SUB, 0, BOTH, TRUE, "第三方" },
    { "withheld-internal", "5.属于三类内部事务信息", GWI_T3_SUB, 0, BOTH, TRUE, "内部事务" },
    { "withheld-process", "6.属于四类过程性信息", GWI_T3_SUB, 0, BOTH, TRUE, "过程性" },
    { "withheld-enforcement", "7.属于行政执法案卷", GWI_T3_SUB, 0, BOTH, TRUE, "执法案卷" },
    { "withheld-query", "8.属于行政查询事项", GWI_T3_SUB, 0, BOTH, TRUE, "行政查询|查询事项" },
    { "unable-not-held", "1.本机关不掌握相关政府信息", GWI_T3_SUB, 1, BOTH, TRUE, "不掌握" },
    { "unable-to-make", "2.没有现成信息需要另行制作", GWI_T3_SUB, 1, BOTH, TRUE, "另行制作|没有现成" },
    { "unable-unclear", "3.补正后申请内容仍不明确", GWI_T3_SUB, 1, BOTH, TRUE, "不明确" },
    { "rejected-petition", "1.信访举报投诉类申请", GWI_T3_SUB, 2, BOTH, TRUE, "信访|举报|投诉" },
    { "rejected-repeated", "2.重复申请", GWI_T3_SUB, 2, BOTH, TRUE, "重复申请" },
    { "rejected-publication", "3.要求提供公开出版物", GWI_T3_SUB, 2, BOTH, TRUE, "出版物" },
    { "rejected-mass", "4.无正当理由大量反复申请", GWI_T3_SUB, 2, BOTH, TRUE, "大量反复|反复申请" },
    { "rejected-confirm", "5.要求行政机关确认或重新出具已获取信息", GWI_T3_SUB, 2, BOTH, TRUE, "重新出具|确认" },
    { "other-no-correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
      GWI_T3_SUB, 3, GWI_F2021, TRUE, "不补正" },
    { "other-no-fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
      GWI_T3_SUB, 3, GWI_F2021, TRUE, "缴纳费用|收费通知|缴费" },
    { "other-other", "3.其他", GWI_T3_SUB, 3, GWI_F2021, TRUE, "其他" },
    { "other", "（六）其他处理", GWI_T3_RESULT, -1, GWI_F2019, TRUE, "其他处理" },
    { "total", "（七）总计", GWI_T3_RESULT, -1, BOTH, FALSE, "总计|合计" },
    { "carryover", "四、结转下年度继续办理", GWI_T3_TOP, -1, BOTH, FALSE, "结转下年|转下年|下年度继续" },
};
const guint gwi_t3_n_rows = G_N_ELEMENTS(gwi_t3_rows);

const char *const gwi_t3_columns[7] = { "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计" };

const GwiRowName gwi_t4_blocks[3] = {
    { "review", "行政复议" },
    { "litigation-direct", "行政诉讼（未经复议直接起诉）" },
    { "litigation-after-review", "行政诉讼（复议后起诉）" },
};
const char *const gwi_t4_columns[5] = { "结果维持", "结果纠正", "其他结果", "尚未审结", "总计" };

const char *gwi_report_section_title(GwReportTable table)
{
    switch (table) {
    case GW_REPORT_TABLE_2:
        return "二、主动公开政府信息情况";
    case GW_REPORT_TABLE_3:
        return "三、收到和处理政府信息公开申请情况";
    default:
        return "四、政府信息公开行政复议、行政诉讼情况";
    }
}

gboolean gw_report_format_from_name(const char *name, GwReportFormat *format)
{
    if (g_strcmp0(name, "2021") == 0)
        *format = GW_REPORT_FORMAT_2021;
    else if (g_strcmp0(name, "2019") == 0)
        *format = GW_REPORT_FORMAT_2019;
    else
        return FALSE;
    return TRUE;
}

static const GwiT2Block *t2_find(GwReportFormat format, const char *key, guint *row)
{
    guint n;
    const GwiT2Block *blocks = gwi_t2_blocks(format, &n);
    for (guint i = 0; i < n; i++)
        for (guint r = 0; r < 2; r++)
            if (blocks[i].rows[r].key && strcmp(blocks[i].rows[r].key, key) == 0) {
                if (row)
                    *row = r;
                return &blocks[i];
            }
    return NULL;
}

static const GwiT3Row *t3_find(const char *key)
{
    for (guint i = 0; i < gwi_t3_n_rows; i++)
        if (strcmp(gwi_t3_rows[i].key, key) == 0)
            return &gwi_t3_rows[i];
    return NULL;
}

static int t4_find(const char *key)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(gwi_t4_blocks[i].key, key) == 0)
            return i;
    return -1;
}

guint gwi_report_row_width(GwReportFormat format, GwReportTable table, const char *key)
{
    const GwiT2Block *b;
    const GwiT3Row *r;
    switch (table) {
    case GW_REPORT_TABLE_2:
        b = t2_find(format, key, NULL);
        return b ? b->n_values : 0;
    case GW_REPORT_TABLE_3:
        r = t3_find(key);
        return r && (r->formats & GWI_FORMAT_BIT(format)) ? 7 : 0;
    default:
        return t4_find(key) >= 0 ? 5 : 0;
    }
}

const char *gwi_report_row_label(GwReportTable table, const char *key)
{
    guint row;
    const GwiT2Block *b;
    const GwiT3Row *r;
    switch (table) {
    case GW_REPORT_TABLE_2:
        b = t2_find(GW_REPORT_FORMAT_2021, key, &row);
        if (!b)
            b = t2_find(GW_REPORT_FORMAT_2019, key, &row);
        return b ? b->rows[row].label : key;
    case GW_REPORT_TABLE_3:
        r = t3_find(key);
        return r ? r->label : key;
    default:
        return t4_find(key) >= 0 ? gwi_t4_blocks[t4_find(key)].label : key;
    }
}

/* ---- text helpers -------------------------------------------------------- */

char *gwi_report_fold(const char *text)
{
    GString *out = g_string_new(NULL);
    for (const char *p = text ? text : ""; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || c == 0x3000 || c == 0x00A0 || c == 0x200B)
            continue;
        if (c >= 0xFF01 && c <= 0xFF5E)
            c -= 0xFEE0;
        g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

gboolean gwi_report_matches(const char *folded, const char *keywords)
{
    char **words = g_strsplit(keywords, "|", -1);
    gboolean hit = FALSE;
    for (char **w = words; *w && !hit; w++)
        hit = **w && strstr(folded, *w) != NULL;
    g_strfreev(words);
    return hit;
}

static gboolean is_blank_mark(const char *s)
{
    static const char *const marks[] = { "", "-", "—", "——", "/", "－", "\\", "无" };
    for (guint i = 0; i < G_N_ELEMENTS(marks); i++)
        if (strcmp(s, marks[i]) == 0)
            return TRUE;
    return FALSE;
}

/* ASCII digits, an optional sign and point; commas between digits dropped. */
static gboolean number_shape(const char *s, gboolean signed_decimal)
{
    const char *p = s;
    gboolean digits = FALSE, point = FALSE;
    if (signed_decimal && (*p == '+' || *p == '-'))
        p++;
    for (; *p; p++) {
        if (g_ascii_isdigit(*p))
            digits = TRUE;
        else if (*p == '.' && signed_decimal && !point && digits)
            point = TRUE;
        else
            return FALSE;
    }
    return digits && p[-1] != '.';
}

GwiNumber gwi_report_read_number(const char *text, gboolean signed_decimal, char **normal)
{
    char *folded = gwi_report_fold(text);
    GString *num = g_string_new(NULL);
    for (const char *p = folded; *p; p++) {
        /* a comma between digits is a thousands separator */
        if (*p == ',' && p > folded && g_ascii_isdigit(p[-1]) && g_ascii_isdigit(p[1]))
            continue;
        g_string_append_c(num, *p);
    }
    GwiNumber result = is_blank_mark(num->str) ? GWI_NUMBER_BLANK
                       : number_shape(num->str, signed_decimal) ? GWI_NUMBER_OK
                                                               : GWI_NUMBER_BAD;
    g_free(folded);
    if (result == GWI_NUMBER_OK && normal)
        *normal = g_string_free(num, FALSE);
    else
        g_string_free(num, TRUE);
    return result;
}

/* ---- statistics ----------------------------------------------------------- */

struct GwReportStats {
    GwReportFormat format;
    GHashTable *rows; /* "3:new" -> char *[GWI_MAX_VALUES] */
};

static char *row_id(GwReportTable table, const char *key)
{
    return g_strdup_printf("%d:%s", (int) table, key);
}

static void row_free(gpointer p)
{
    char **values = p;
    for (int i = 0; i < GWI_MAX_VALUES; i++)
        g_free(values[i]);
    g_free(values);
}

GwReportStats *gw_report_stats_new(GwReportFormat format)
{
    GwReportStats *s = g_new0(GwReportStats, 1);
    s->format = format;
    s->rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, row_free);
    return s;
}

void gw_report_stats_free(GwReportStats *stats)
{
    if (!stats)
        return;
    g_hash_table_unref(stats->rows);
    g_free(stats);
}

GwReportFormat gw_report_stats_get_format(const GwReportStats *stats)
{
    return stats->format;
}

char **gwi_report_stats_row(const GwReportStats *stats, GwReportTable table, const char *key)
{
    char *id = row_id(table, key);
    char **values = g_hash_table_lookup(stats->rows, id);
    g_free(id);
    return values;
}

void gwi_report_stats_put(GwReportStats *stats, GwReportTable table, const char *key, guint col, const char *value)
{
    g_return_if_fail(col < GWI_MAX_VALUES);
    char **values = gwi_report_stats_row(stats, table, key);
    if (!values) {
        values = g_new0(char *, GWI_MAX_VALUES);
        g_hash_table_insert(stats->rows, row_id(table, key), values);
    }
    g_free(values[col]);
    values[col] = g_strdup(value);
}

const char *gw_report_stats_get(const GwReportStats *stats, GwReportTable table, const char *row, guint col)
{
    if (col >= gwi_report_row_width(stats->format, table, row))
        return NULL;
    char **values = gwi_report_stats_row(stats, table, row);
    return values ? values[col] : NULL;
}

gboolean gw_report_stats_set(GwReportStats *stats, GwReportTable table, const char *row, guint col, const char *value)
{
    char *normal = NULL;
    if (col >= gwi_report_row_width(stats->format, table, row))
        return FALSE;
    if (value) {
        GwiNumber n = gwi_report_read_number(value, table == GW_REPORT_TABLE_2, &normal);
        if (n == GWI_NUMBER_BAD)
            return FALSE;
    }
    gwi_report_stats_put(stats, table, row, col, normal);
    g_free(normal);
    return TRUE;
}

static const char *const group_names[] = { NULL, NULL, "table2", "table3", "table4" };

/* One key of a [tableN] group: "v1; v2; …" into the row's cells. */
static gboolean parse_row(GwReportStats *s, GwReportTable table, const char *key, const char *value,
                          const char *name, GError **error)
{
    guint width = gwi_report_row_width(s->format, table, key);
    if (width == 0) {
        GwReportFormat other = s->format == GW_REPORT_FORMAT_2021 ? GW_REPORT_FORMAT_2019 : GW_REPORT_FORMAT_2021;
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: [%s] has no row '%s'%s", name, group_names[table], key,
                    gwi_report_row_width(other, table, key)
                        ? (other == GW_REPORT_FORMAT_2019 ? " in the 2021 format (it is a 2019 row)"
                                                          : " in the 2019 format (it is a 2021 row)")
                        : "");
        return FALSE;
    }
    GString *v = g_string_new(value);
    /* a full-width semicolon separates values too */
    for (char *hit; (hit = strstr(v->str, "；"));) {
        gsize at = (gsize) (hit - v->str);
        g_string_erase(v, (gssize) at, strlen("；"));
        g_string_insert_c(v, (gssize) at, ';');
    }
    char **parts = g_strsplit(v->str, ";", -1);
    g_string_free(v, TRUE);
    guint n = g_strv_length(parts);
    /* "new =" and "new = ;;" alike leave the row blank */
    gboolean ok = TRUE;
    if (n > width) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: [%s] %s has %u values, the row has %u", name,
                    group_names[table], key, n, width);
        ok = FALSE;
    }
    for (guint i = 0; ok && i < n; i++) {
        char *normal = NULL;
        GwiNumber r = gwi_report_read_number(parts[i], table == GW_REPORT_TABLE_2, &normal);
        if (r == GWI_NUMBER_BAD) {
            g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: [%s] %s: value %u '%s' is not %s", name,
                        group_names[table], key, i + 1, g_strstrip(parts[i]),
                        table == GW_REPORT_TABLE_2 ? "a number" : "a whole number");
            ok = FALSE;
        } else if (r == GWI_NUMBER_OK) {
            gwi_report_stats_put(s, table, key, i, normal);
        }
        g_free(normal);
    }
    g_strfreev(parts);
    return ok;
}

static gboolean parse_format(GKeyFile *kf, GwReportStats *s, const char *name, GError **error)
{
    gsize n_keys = 0;
    char **keys = g_key_file_has_group(kf, "report") ? g_key_file_get_keys(kf, "report", &n_keys, NULL) : NULL;
    gboolean ok = TRUE;
    for (gsize i = 0; ok && i < n_keys; i++) {
        char *value = g_key_file_get_value(kf, "report", keys[i], NULL);
        if (strcmp(keys[i], "format") != 0) {
            g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: [report] has no key '%s' (only format)", name, keys[i]);
            ok = FALSE;
        } else if (!gw_report_format_from_name(g_strstrip(value), &s->format)) {
            g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: [report] format '%s' is neither 2021 nor 2019", name,
                        value);
            ok = FALSE;
        }
        g_free(value);
    }
    g_strfreev(keys);
    return ok;
}

static gboolean parse_groups(GKeyFile *kf, GwReportStats *s, const char *name, GError **error)
{
    gsize n_groups;
    char **groups = g_key_file_get_groups(kf, &n_groups);
    gboolean ok = TRUE;
    for (gsize g = 0; ok && g < n_groups; g++) {
        GwReportTable table = 0;
        for (int t = GW_REPORT_TABLE_2; t <= GW_REPORT_TABLE_4; t++)
            if (strcmp(groups[g], group_names[t]) == 0)
                table = t;
        if (!table) {
            if (strcmp(groups[g], "report") != 0) {
                g_set_error(error, GW_ERROR, GW_ERROR_FORMAT,
                            "%s: unknown group [%s] (report, table2, table3 or table4)", name, groups[g]);
                ok = FALSE;
            }
            continue;
        }
        gsize n_keys;
        char **keys = g_key_file_get_keys(kf, groups[g], &n_keys, NULL);
        for (gsize k = 0; ok && k < n_keys; k++) {
            char *value = g_key_file_get_value(kf, groups[g], keys[k], NULL);
            ok = parse_row(s, table, keys[k], value ? value : "", name, error);
            g_free(value);
        }
        g_strfreev(keys);
    }
    g_strfreev(groups);
    return ok;
}

GwReportStats *gw_report_stats_parse(const char *data, gsize len, const char *name, GError **error)
{
    if (!g_utf8_validate(data, (gssize) len, NULL)) {
        g_set_error(error, GW_ERROR, GW_ERROR_ENCODING, "%s: a statistics file must be UTF-8 text", name);
        return NULL;
    }
    GKeyFile *kf = g_key_file_new();
    GError *local = NULL;
    GwReportStats *s = NULL;
    if (!g_key_file_load_from_data(kf, data, len, G_KEY_FILE_NONE, &local)) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: not a statistics file: %s", name, local->message);
        g_error_free(local);
    } else {
        s = gw_report_stats_new(GW_REPORT_FORMAT_2021);
        if (!parse_format(kf, s, name, error) || !parse_groups(kf, s, name, error)) {
            gw_report_stats_free(s);
            s = NULL;
        }
    }
    g_key_file_free(kf);
    return s;
}

GwReportStats *gw_report_stats_load(const char *path, GError **error)
{
    char *data;
    gsize len;
    GError *local = NULL;
    if (!g_file_get_contents(path, &data, &len, &local)) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot read: %s", path, local->message);
        g_error_free(local);
        return NULL;
    }
    GwReportStats *s = gw_report_stats_parse(data, len, path, error);
    g_free(data);
    return s;
}

/* ---- template ------------------------------------------------------------- */

static void template_t2(GString *out, GwReportFormat format)
{
    guint n;
    const GwiT2Block *blocks = gwi_t2_blocks(format, &n);
    g_string_append_printf(out, "\n# %s\n[table2]\n", gwi_report_section_title(GW_REPORT_TABLE_2));
    for (guint i = 0; i < n; i++) {
        char *headers = g_strjoinv("; ", (char *[]) { (char *) blocks[i].headers[0], (char *) blocks[i].headers[1],
                                                      (char *) blocks[i].headers[2], NULL });
        for (guint r = 0; r < 2 && blocks[i].rows[r].key; r++)
            g_string_append_printf(out, "# %s %s: %s\n%s =\n", blocks[i].item, blocks[i].rows[r].label, headers,
                                   blocks[i].rows[r].key);
        g_free(headers);
    }
}

static void template_t3(GString *out, GwReportFormat format)
{
    char *columns = g_strjoinv("; ", (char **) gwi_t3_columns);
    g_string_append_printf(out, "\n# %s\n# Every row: %s\n[table3]\n", gwi_report_section_title(GW_REPORT_TABLE_3),
                           columns);
    g_free(columns);
    for (guint i = 0; i < gwi_t3_n_rows; i++) {
        const GwiT3Row *r = &gwi_t3_rows[i];
        if (!(r->formats & GWI_FORMAT_BIT(format)))
            continue;
        const char *prefix = r->kind == GWI_T3_TOP ? "" : "三、本年度办理结果 ";
        g_string_append_printf(out, "# %s%s%s%s\n%s =\n", prefix, r->kind == GWI_T3_SUB ? gwi_t3_groups[r->group].label : "", r->kind == GWI_T3_SUB ? " " : "",
                               r->label, r->key);
    }
}

static void template_t4(GString *out)
{
    char *columns = g_strjoinv("; ", (char **) gwi_t4_columns);
    g_string_append_printf(out, "\n# %s\n# Every row: %s\n[table4]\n", gwi_report_section_title(GW_REPORT_TABLE_4),
                           columns);
    g_free(columns);
    for (int i = 0; i < 3; i++)
        g_string_append_printf(out, "# %s\n%s =\n", gwi_t4_blocks[i].label, gwi_t4_blocks[i].key);
}

char *gw_report_template(GwReportFormat format)
{
    GString *out = g_string_new(NULL);
    g_string_append(out,
                    "# gongwen statistics file: the figures of tables 二, 三 and 四 of the\n"
                    "# 政府信息公开工作年度报告 (see gongwen-report(1)).\n"
                    "#\n"
                    "# A key is a table row; its values are separated by ';' in the order of the\n"
                    "# columns named above it.  Leave a value empty for a blank cell and write 0\n"
                    "# only where the report states a zero.  Full-width digits and commas inside a\n"
                    "# number are accepted.\n"
                    "\n[report]\n"
                    "# 2021: 国办公开办函〔2021〕30号; 2019: 国办公开办函〔2019〕60号\n");
    g_string_append_printf(out, "format = %s\n", format == GW_REPORT_FORMAT_2019 ? "2019" : "2021");
    template_t2(out, format);
    template_t3(out, format);
    template_t4(out);
    return g_string_free(out, FALSE);
}

/* ---- building tables --------------------------------------------------- */

#define TABLE_FONT_SIZE 10.5 /* 五号 */

static GwBlock *add_cell(GwBlock *row, guint col, guint colspan, guint rowspan, const char *text, GwAlign align)
{
    GwBlock *cell = gw_block_new(GW_BLOCK_TABLE_CELL);
    gw_cell_set_span(cell, col, colspan, rowspan);
    gw_cell_set_valign(cell, GW_VALIGN_CENTER);
    GwBlock *para = gw_block_new(GW_BLOCK_PARAGRAPH);
    GwParaStyle *st = gw_block_get_style(para);
    st->align = align;
    st->indent_first = st->indent_first_chars = 0;
    st->space_before = st->space_after = 0;
    st->line_multiple = 1.0;
    st->run.size = TABLE_FONT_SIZE;
    if (text && *text)
        gw_block_add_text(para, text);
    gw_block_append(cell, para);
    gw_block_append(row, cell);
    return cell;
}

static GwBlock *add_row(GwBlock *table, gboolean header)
{
    GwBlock *row = gw_block_new(GW_BLOCK_TABLE_ROW);
    gw_row_set_header(row, header);
    gw_block_append(table, row);
    return row;
}

static GwBlock *new_table(guint n_cols, const double *widths)
{
    GwBlock *table = gw_block_new(GW_BLOCK_TABLE);
    gw_table_set_columns(table, n_cols, widths);
    GwBorder *b = gw_table_get_borders(table);
    for (int i = 0; i < GW_N_SIDES; i++) {
        b[i].width = 0.5;
        b[i].color = -1;
    }
    return table;
}

/* Data cells of `key` from column `first`, `n` of them. */
static void add_values(GwBlock *row, const GwReportStats *s, GwReportTable table, const char *key, guint first, guint n)
{
    for (guint i = 0; i < n; i++)
        add_cell(row, first + i, 1, 1, gw_report_stats_get(s, table, key, i), GW_ALIGN_CENTER);
}

/* Table 二: a 4-column grid; blocks of one value span columns 2–4, blocks
 * of two give the second value columns 3–4. */
static GwBlock *build_t2(const GwReportStats *s)
{
    static const double widths[4] = { 142, 100, 100, 100 };
    GwBlock *table = new_table(4, widths);
    guint n;
    const GwiT2Block *blocks = gwi_t2_blocks(s->format, &n);
    for (guint i = 0; i < n; i++) {
        const GwiT2Block *b = &blocks[i];
        add_cell(add_row(table, FALSE), 0, 4, 1, b->item, GW_ALIGN_CENTER);
        GwBlock *head = add_row(table, FALSE);
        add_cell(head, 0, 1, 1, "信息内容", GW_ALIGN_CENTER);
        for (guint v = 0; v < b->n_values; v++)
            add_cell(head, 1 + v, v + 1 == b->n_values ? 4 - (1 + v) : 1, 1, b->headers[v], GW_ALIGN_CENTER);
        for (guint r = 0; r < 2 && b->rows[r].key; r++) {
            GwBlock *row = add_row(table, FALSE);
            add_cell(row, 0, 1, 1, b->rows[r].label, GW_ALIGN_CENTER);
            for (guint v = 0; v < b->n_values; v++)
                add_cell(row, 1 + v, v + 1 == b->n_values ? 4 - (1 + v) : 1, 1,
                         gw_report_stats_get(s, GW_REPORT_TABLE_2, b->rows[r].key, v), GW_ALIGN_CENTER);
        }
    }
    return table;
}

static guint t3_group_size(GwReportFormat format, int group)
{
    guint n = 0;
    for (guint i = 0; i < gwi_t3_n_rows; i++)
        n += gwi_t3_rows[i].group == group && (gwi_t3_rows[i].formats & GWI_FORMAT_BIT(format));
    return n;
}

static void build_t3_header(GwBlock *table)
{
    GwBlock *r0 = add_row(table, TRUE), *r1 = add_row(table, TRUE), *r2 = add_row(table, TRUE);
    add_cell(r0, 0, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", GW_ALIGN_CENTER);
    add_cell(r0, 3, 7, 1, "申请人情况", GW_ALIGN_CENTER);
    add_cell(r1, 3, 1, 2, gwi_t3_columns[0], GW_ALIGN_CENTER);
    add_cell(r1, 4, 5, 1, "法人或其他组织", GW_ALIGN_CENTER);
    add_cell(r1, 9, 1, 2, gwi_t3_columns[6], GW_ALIGN_CENTER);
    for (guint c = 1; c <= 5; c++)
        add_cell(r2, 3 + c, 1, 1, gwi_t3_columns[c], GW_ALIGN_CENTER);
}

/* Table 三: 10 columns (three of labels, seven of data), 28 rows in 2021
 * and 26 in 2019; 三、本年度办理结果 spans every result row. */
static GwBlock *build_t3(const GwReportStats *s)
{
    /* data columns wide enough for five digits at 五号 */
    static const double widths[10] = { 28, 50, 98, 38, 38, 38, 38, 38, 38, 38 };
    GwBlock *table = new_table(10, widths);
    guint bit = GWI_FORMAT_BIT(s->format);
    guint n_results = 0;
    for (guint i = 0; i < gwi_t3_n_rows; i++)
        n_results += (gwi_t3_rows[i].formats & bit) && gwi_t3_rows[i].kind != GWI_T3_TOP;
    build_t3_header(table);
    gboolean results_started = FALSE;
    int last_group = -1;
    for (guint i = 0; i < gwi_t3_n_rows; i++) {
        const GwiT3Row *r = &gwi_t3_rows[i];
        if (!(r->formats & bit))
            continue;
        GwBlock *row = add_row(table, FALSE);
        if (r->kind == GWI_T3_TOP) {
            add_cell(row, 0, 3, 1, r->label, GW_ALIGN_LEFT);
        } else {
            if (!results_started)
                add_cell(row, 0, 1, n_results, "三、本年度办理结果", GW_ALIGN_CENTER);
            results_started = TRUE;
            if (r->kind == GWI_T3_RESULT) {
                add_cell(row, 1, 2, 1, r->label, GW_ALIGN_LEFT);
            } else {
                if (r->group != last_group)
                    add_cell(row, 1, 1, t3_group_size(s->format, r->group), gwi_t3_groups[r->group].label,
                             GW_ALIGN_LEFT);
                add_cell(row, 2, 1, 1, r->label, GW_ALIGN_LEFT);
            }
        }
        last_group = r->group;
        add_values(row, s, GW_REPORT_TABLE_3, r->key, 3, 7);
    }
    return table;
}

/* Table 四: 15 data columns under three header rows. */
static GwBlock *build_t4(const GwReportStats *s)
{
    double widths[15];
    for (int i = 0; i < 15; i++)
        widths[i] = 442.0 / 15;
    GwBlock *table = new_table(15, widths);
    GwBlock *r0 = add_row(table, TRUE), *r1 = add_row(table, TRUE), *r2 = add_row(table, TRUE);
    add_cell(r0, 0, 5, 1, "行政复议", GW_ALIGN_CENTER);
    add_cell(r0, 5, 10, 1, "行政诉讼", GW_ALIGN_CENTER);
    for (guint c = 0; c < 5; c++)
        add_cell(r1, c, 1, 2, gwi_t4_columns[c], GW_ALIGN_CENTER);
    add_cell(r1, 5, 5, 1, "未经复议直接起诉", GW_ALIGN_CENTER);
    add_cell(r1, 10, 5, 1, "复议后起诉", GW_ALIGN_CENTER);
    for (guint c = 0; c < 10; c++)
        add_cell(r2, 5 + c, 1, 1, gwi_t4_columns[c % 5], GW_ALIGN_CENTER);
    GwBlock *data = add_row(table, FALSE);
    for (int b = 0; b < 3; b++)
        add_values(data, s, GW_REPORT_TABLE_4, gwi_t4_blocks[b].key, 5 * (guint) b, 5);
    return table;
}

GwBlock *gw_report_build_table(const GwReportStats *stats, GwReportTable table)
{
    switch (table) {
    case GW_REPORT_TABLE_2:
        return build_t2(stats);
    case GW_REPORT_TABLE_3:
        return build_t3(stats);
    default:
        return build_t4(stats);
    }
}

/* ---- placing the tables -------------------------------------------------- */

static const char *const section_keywords[] = { NULL, NULL, "主动公开", "申请", "复议|诉讼" };
static const char *const section_phrases[] = { NULL, NULL, "主动公开政府信息", "收到和处理政府信息公开申请",
                                               "行政复议" };

/* A level-1 section heading: a heading block, or a short paragraph that is
 * a heading by its label. */
static gboolean block_is_section(GwBlock *b, char **text)
{
    if (b->kind != GW_BLOCK_HEADING && b->kind != GW_BLOCK_PARAGRAPH)
        return FALSE;
    char *t = gw_block_get_text(b);
    int level = 0;
    if ((b->kind == GW_BLOCK_HEADING && b->level <= 1) ||
        (gwi_outline_detect(t, &level, NULL) && level == 1 && gwi_outline_is_heading(t))) {
        *text = t;
        return TRUE;
    }
    g_free(t);
    return FALSE;
}

/* Index of the section heading of `table`: the number and a keyword, or
 * failing that the section's usual phrase; -1 when none. */
static int find_section(GwDocument *doc, GwReportTable table)
{
    int by_phrase = -1;
    for (guint i = 0; i < doc->blocks->len; i++) {
        char *text = NULL;
        if (!block_is_section(doc->blocks->pdata[i], &text))
            continue;
        char *folded = gwi_report_fold(text);
        gboolean numbered = gwi_outline_number(text) == (int) table;
        gboolean keyword = gwi_report_matches(folded, section_keywords[table]);
        if (by_phrase < 0 && gwi_report_matches(folded, section_phrases[table]))
            by_phrase = (int) i;
        g_free(folded);
        g_free(text);
        if (numbered && keyword)
            return (int) i;
    }
    return by_phrase;
}

/* The first table between a section heading and the next section. */
static GwBlock *section_table(GwDocument *doc, int heading)
{
    for (guint i = (guint) heading + 1; i < doc->blocks->len; i++) {
        GwBlock *b = doc->blocks->pdata[i];
        char *text = NULL;
        if (block_is_section(b, &text)) {
            g_free(text);
            return NULL;
        }
        if (b->kind == GW_BLOCK_TABLE)
            return b;
    }
    return NULL;
}

gboolean gw_report_insert_tables(GwDocument *doc, const GwReportStats *stats, GError **error)
{
    int at[5] = { 0 };
    for (int t = GW_REPORT_TABLE_2; t <= GW_REPORT_TABLE_4; t++) {
        at[t] = find_section(doc, t);
        if (at[t] < 0) {
            g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "no section heading '%s' to put table %s under",
                        gwi_report_section_title(t), t == 2 ? "二" : t == 3 ? "三" : "四");
            return FALSE;
        }
    }
    /* from the last section backwards, so earlier indexes stay valid */
    int order[3] = { 2, 3, 4 };
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            if (at[order[j]] > at[order[i]]) {
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
    for (int i = 0; i < 3; i++) {
        GwReportTable t = order[i];
        GwBlock *existing = section_table(doc, at[t]);
        if (existing && gwi_report_table_kind(existing) == t) {
            gw_document_add_warning(doc, "section %s already has its table; the statistics file's was not inserted",
                                    gwi_report_section_title(t));
            continue;
        }
        g_ptr_array_insert(doc->blocks, at[t] + 1, gw_report_build_table(stats, t));
    }
    return TRUE;
}
