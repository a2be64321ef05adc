/* register-write.c: the register with 状态, 状态起始日期 and 依据 added, as
 * CSV (UTF-8 with BOM, RFC 4180), JSON or XLSX (inline strings). */
#include <errno.h>
#include <string.h>
#include <zip.h>
#include <libxml/xmlwriter.h>
#include "validity-imp.h"
#include "gongwen/writer.h"

/* The output table: a header row, then one row per entry made when it is
 * written (a register of 100,000 rows is not copied whole). */
typedef struct {
    GPtrArray *header; /* char* */
    const GwRegister *reg;
    const GwRules *rules;
    const GDate *as_of;
} Table;

static gboolean is_status_column(const GwRegister *reg, guint col)
{
    return (int) col == reg->field_col[GW_FIELD_STATUS] || (int) col == reg->field_col[GW_FIELD_SINCE] ||
           (int) col == reg->field_col[GW_FIELD_REASON];
}

static void table_init(Table *t, const GwRegister *reg, const GwRules *rules, const GDate *as_of)
{
    *t = (Table) { g_ptr_array_new_with_free_func(g_free), reg, rules, as_of };
    for (guint c = 0; c < reg->columns->len; c++)
        if (!is_status_column(reg, c))
            g_ptr_array_add(t->header, g_strdup(reg->columns->pdata[c]));
    for (GwField f = GW_FIELD_STATUS; f <= GW_FIELD_REASON; f++)
        g_ptr_array_add(t->header, g_strdup(gw_field_name(f)));
}

static guint table_n_rows(const Table *t)
{
    return t->reg->entries->len;
}

/* Row `i` (from 0) as strings (unref it), and its line in the input. */
static GPtrArray *table_row(const Table *t, guint i, guint *line)
{
    const GwEntry *e = t->reg->entries->pdata[i];
    GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
    for (guint c = 0; c < t->reg->columns->len; c++)
        if (!is_status_column(t->reg, c))
            g_ptr_array_add(row, g_strdup(gw_entry_get_cell(e, c)));
    GDate since;
    char *reason = NULL;
    GwStatus status = gw_entry_status(e, t->rules, t->as_of, &since, &reason);
    g_ptr_array_add(row, g_strdup(gw_status_label(status)));
    g_ptr_array_add(row, g_date_valid(&since) ? gw_date_format_iso(&since) : g_strdup(""));
    g_ptr_array_add(row, reason);
    *line = e->line;
    return row;
}

static void table_clear(Table *t)
{
    g_ptr_array_unref(t->header);
}

/* Writes the text collected for a row and empties it for the next. */
static gboolean flush_row(GString *row, FILE *stream)
{
    gboolean ok = fwrite(row->str, 1, row->len, stream) == row->len;
    g_string_truncate(row, 0);
    return ok;
}

/* ---- CSV ---------------------------------------------------------------------- */

static void csv_row(GString *out, GPtrArray *cells)
{
    for (guint i = 0; i < cells->len; i++) {
        const char *c = cells->pdata[i];
        if (i)
            g_string_append_c(out, ',');
        if (strpbrk(c, ",\"\r\n") || (*c && (g_ascii_isspace(*c) || g_ascii_isspace(c[strlen(c) - 1])))) {
            g_string_append_c(out, '"');
            for (; *c; c++) {
                if (*c == '"')
                    g_string_append_c(out, '"');
                g_string_append_c(out, *c);
            }
            g_string_append_c(out, '"');
        } else
            g_string_append(out, c);
    }
    g_string_append(out, "\r\n");
}

static gboolean table_csv(const Table *t, FILE *stream)
{
    GString *out = g_string_new("\xEF\xBB\xBF"); /* so that Excel reads UTF-8 */
    csv_row(out, t->header);
    gboolean ok = flush_row(out, stream);
    for (guint i = 0; ok && i < table_n_rows(t); i++) {
        guint line;
        GPtrArray *row = table_row(t, i, &line);
        csv_row(out, row);
        g_ptr_array_unref(row);
        ok = flush_row(out, stream);
    }
    g_string_free(out, TRUE);
    return ok;
}

/* ---- JSON --------------------------------------------------------------------- */

static void json_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char) *s;
        if (c == '"' || c == '\\')
            g_string_append_printf(out, "\\%c", c);
        else if (c == '\n')
            g_string_append(out, "\\n");
        else if (c == '\t')
            g_string_append(out, "\\t");
        else if (c < 0x20)
            g_string_append_printf(out, "\\u%04x", c);
        else
            g_string_append_c(out, (char) c);
    }
    g_string_append_c(out, '"');
}

/* JSON keys must be unique: blank or repeated headers get "列N". */
static GPtrArray *json_keys(GPtrArray *header)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < header->len; i++) {
        const char *h = header->pdata[i];
        char *key = *h && !g_hash_table_contains(seen, h) && strcmp(h, "line") != 0 ? g_strdup(h)
                                                                                    : g_strdup_printf("列%u", i + 1);
        g_ptr_array_add(keys, key);
        g_hash_table_add(seen, key);
    }
    g_hash_table_unref(seen);
    return keys;
}

static gboolean table_json(const Table *t, FILE *stream)
{
    GString *out = g_string_new("[");
    GPtrArray *keys = json_keys(t->header);
    gboolean ok = TRUE;
    for (guint r = 0; ok && r < table_n_rows(t); r++) {
        guint line;
        GPtrArray *row = table_row(t, r, &line);
        g_string_append_printf(out, "%s\n  {\"line\": %u", r ? "," : "", line);
        for (guint c = 0; c < row->len; c++) {
            g_string_append(out, ", ");
            json_string(out, keys->pdata[c]);
            g_string_append(out, ": ");
            json_string(out, row->pdata[c]);
        }
        g_string_append_c(out, '}');
        g_ptr_array_unref(row);
        ok = flush_row(out, stream);
    }
    g_string_append(out, "\n]\n");
    ok = ok && flush_row(out, stream);
    g_ptr_array_unref(keys);
    g_string_free(out, TRUE);
    return ok;
}

/* ---- XLSX --------------------------------------------------------------------- */

static const struct {
    const char *path, *xml;
} xlsx_fixed_parts[] = {
    { "[Content_Types].xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
      "</Types>" },
    { "_rels/.rels",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"xl/workbook.xml\"/></Relationships>" },
    { "xl/workbook.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<sheets><sheet name=\"登记表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
    { "xl/_rels/workbook.xml.rels",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"worksheets/sheet1.xml\"/></Relationships>" },
};

static char *cell_ref(guint col, guint row)
{
    char letters[8];
    int n = 0;
    for (guint c = col + 1; c > 0; c = (c - 1) / 26)
        letters[n++] = (char) ('A' + (c - 1) % 26);
    GString *s = g_string_new(NULL);
    while (n > 0)
        g_string_append_c(s, letters[--n]);
    g_string_append_printf(s, "%u", row);
    return g_string_free(s, FALSE);
}

static void xlsx_row(xmlTextWriterPtr w, GPtrArray *cells, guint row)
{
    xmlTextWriterStartElement(w, BAD_CAST "row");
    xmlTextWriterWriteFormatAttribute(w, BAD_CAST "r", "%u", row);
    for (guint c = 0; c < cells->len; c++) {
        const char *text = cells->pdata[c];
        if (!*text)
            continue;
        char *ref = cell_ref(c, row);
        xmlTextWriterStartElement(w, BAD_CAST "c");
        xmlTextWriterWriteAttribute(w, BAD_CAST "r", BAD_CAST ref);
        xmlTextWriterWriteAttribute(w, BAD_CAST "t", BAD_CAST "inlineStr");
        xmlTextWriterStartElement(w, BAD_CAST "is");
        xmlTextWriterStartElement(w, BAD_CAST "t");
        if (g_ascii_isspace(*text) || g_ascii_isspace(text[strlen(text) - 1]))
            xmlTextWriterWriteAttribute(w, BAD_CAST "xml:space", BAD_CAST "preserve");
        xmlTextWriterWriteString(w, BAD_CAST text);
        xmlTextWriterEndElement(w);
        xmlTextWriterEndElement(w);
        xmlTextWriterEndElement(w);
        g_free(ref);
    }
    xmlTextWriterEndElement(w);
}

static char *xlsx_sheet(const Table *t, gsize *len)
{
    xmlBufferPtr buf = xmlBufferCreate();
    /* growing by what is needed makes a big sheet quadratic where realloc
     * must copy (ASan always does) */
    xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT);
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    xmlTextWriterStartDocument(w, NULL, "UTF-8", "yes");
    xmlTextWriterStartElement(w, BAD_CAST "worksheet");
    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST "http://schemas.openxmlformats.org/spreadsheetml/2006/main");
    xmlTextWriterStartElement(w, BAD_CAST "sheetData");
    xlsx_row(w, t->header, 1);
    for (guint r = 0; r < table_n_rows(t); r++) {
        guint line;
        GPtrArray *row = table_row(t, r, &line);
        xlsx_row(w, row, r + 2);
        g_ptr_array_unref(row);
    }
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    *len = (gsize) xmlBufferLength(buf);
    char *xml = (char *) xmlBufferDetach(buf); /* not copied: it can be 50 MB */
    xmlBufferFree(buf);
    return xml;
}

static GBytes *table_xlsx(const Table *t, GError **error)
{
    GwiZipOut *za = gwi_zip_new_memory(error);
    if (!za)
        return NULL;
    gboolean ok = TRUE;
    for (guint i = 0; ok && i < G_N_ELEMENTS(xlsx_fixed_parts); i++)
        ok = gwi_zip_add(za, xlsx_fixed_parts[i].path, xlsx_fixed_parts[i].xml, strlen(xlsx_fixed_parts[i].xml), error);
    gsize len = 0;
    char *sheet = ok ? xlsx_sheet(t, &len) : NULL;
    if (ok)
        ok = gwi_zip_add_owned(za, "xl/worksheets/sheet1.xml", sheet, len, error);
    else
        g_free(sheet);
    if (!ok) {
        gwi_zip_discard(za);
        return NULL;
    }
    return gwi_zip_finish(za, error);
}

/* CSV and JSON go to the output row by row. */
static gboolean write_streamed(const Table *t, gboolean json, const char *path, GError **error)
{
    GwOutput *out = gw_output_open(path, error);
    if (!out)
        return FALSE;
    FILE *stream = gw_output_stream(out);
    if (!(json ? table_json(t, stream) : table_csv(t, stream))) {
        int err = errno;
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "%s: cannot write: %s", path, g_strerror(err));
        gw_output_abort(out);
        return FALSE;
    }
    return gw_output_commit(out, error);
}

gboolean gw_register_write(const GwRegister *reg, const GwRules *rules, const GDate *as_of, const char *path,
                           GError **error)
{
    Table t;
    table_init(&t, reg, rules, as_of);
    gboolean ok;
    if (g_str_has_suffix(path, ".xlsx") || g_str_has_suffix(path, ".XLSX")) {
        GBytes *bytes = table_xlsx(&t, error);
        ok = bytes && gwi_write_bytes(path, bytes, error);
    } else {
        ok = write_streamed(&t, g_str_has_suffix(path, ".json") || g_str_has_suffix(path, ".JSON"), path, error);
    }
    table_clear(&t);
    return ok;
}
