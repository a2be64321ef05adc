/* register-xlsx.c: a register from an XLSX workbook (libzip + libxml2):
 * sheets by name or number, shared and inline strings, numbers, and date
 * serials in the 1900 or 1904 system. */
#include <string.h>
#include <zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include "validity-imp.h"
#include "gongwen/reader.h"
#include "limit-imp.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

enum { XLSX_MAX_COLUMNS = 16384, XLSX_MAX_ROWS = 1048576 };

typedef struct {
    const char *name; /* file name for messages */
    zip_t *za;
    GPtrArray *strings; /* shared strings */
    guint64 cells;      /* cells held so far, padding included */
} Xlsx;

static gboolean attr_is(xmlNodePtr n, const char *attr, const char *value)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST attr);
    gboolean is = v && strcmp((const char *) v, value) == 0;
    xmlFree(v);
    return is;
}

static gboolean is_element(xmlNodePtr n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *) n->name, local) == 0;
}

static xmlNodePtr child_element(xmlNodePtr parent, const char *local)
{
    for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
        if (is_element(n, local))
            return n;
    return NULL;
}

/* The zip path of the worksheet chosen by `sheet` (name, 1-based number or
 * NULL for the first); sets date1904 from the workbook. */
static char *find_sheet(Xlsx *x, const char *sheet, gboolean *date1904, GError **error)
{
    gsize len;
    char *data = gwi_zip_read(x->za, "xl/workbook.xml", &len, x->name, error);
    xmlDocPtr wb = data ? gwi_xml_parse(data, len, x->name, "xl/workbook.xml", error) : NULL;
    g_free(data);
    if (!wb)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(wb);
    xmlNodePtr pr = child_element(root, "workbookPr");
    *date1904 = pr && (attr_is(pr, "date1904", "1") || attr_is(pr, "date1904", "true"));
    char *wanted_id = NULL;
    guint index = 0, wanted_index = 1;
    if (sheet) {
        char *end;
        guint64 v = g_ascii_strtoull(sheet, &end, 10);
        wanted_index = *sheet && *end == '\0' ? (guint) MIN(v, G_MAXUINT) : 0;
    }
    for (xmlNodePtr n = child_element(child_element(root, "sheets"), "sheet"); n && !wanted_id; n = n->next) {
        if (!is_element(n, "sheet"))
            continue;
        index++;
        if (index == wanted_index || (wanted_index == 0 && attr_is(n, "name", sheet))) {
            xmlChar *id = xmlGetNsProp(n, BAD_CAST "id", BAD_CAST NS_REL);
            wanted_id = g_strdup((const char *) id);
            xmlFree(id);
        }
    }
    xmlFreeDoc(wb);
    if (!wanted_id) {
        g_set_error(error, GW_ERROR, GW_ERROR_INVALID, "%s: no sheet %s", x->name, sheet ? sheet : "in the workbook");
        return NULL;
    }
    data = gwi_zip_read(x->za, "xl/_rels/workbook.xml.rels", &len, x->name, error);
    xmlDocPtr rels = data ? gwi_xml_parse(data, len, x->name, "xl/_rels/workbook.xml.rels", error) : NULL;
    g_free(data);
    char *path = NULL;
    for (xmlNodePtr n = rels ? xmlDocGetRootElement(rels)->children : NULL; n && !path; n = n->next)
        if (is_element(n, "Relationship") && attr_is(n, "Id", wanted_id)) {
            xmlChar *target = xmlGetProp(n, BAD_CAST "Target");
            if (target)
                path = target[0] == '/' ? g_strdup((const char *) target + 1)
                                        : g_strdup_printf("xl/%s", (const char *) target);
            xmlFree(target);
        }
    if (rels && !path)
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: sheet relationship %s is missing", x->name, wanted_id);
    if (rels)
        xmlFreeDoc(rels);
    g_free(wanted_id);
    return path;
}

static xmlTextReaderPtr open_reader(Xlsx *x, const char *part, GwiXmlInput *in, char **data, GError **error)
{
    gsize len;
    *data = gwi_zip_read(x->za, part, &len, x->name, error);
    if (!*data || !gwi_xml_input(in, *data, len, x->name, part, error))
        return NULL;
    xmlTextReaderPtr r = gwi_xml_reader(in, part);
    if (!r) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: %s cannot be parsed", x->name, part);
        gwi_xml_input_clear(in);
    }
    return r;
}

static gboolean reader_at(xmlTextReaderPtr r, int type, const char *local)
{
    return xmlTextReaderNodeType(r) == type && strcmp((const char *) xmlTextReaderConstLocalName(r), local) == 0;
}

/* Text of <t> elements up to the end of the current element (an <si> or
 * an <is>), skipping phonetic runs (<rPh>). */
static gboolean read_string_item(xmlTextReaderPtr r, const char *end_local, GString *out)
{
    int depth = xmlTextReaderDepth(r);
    gboolean in_t = FALSE, in_phonetic = FALSE;
    if (xmlTextReaderIsEmptyElement(r))
        return TRUE;
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth && reader_at(r, type, end_local))
            return TRUE;
        if (reader_at(r, XML_READER_TYPE_ELEMENT, "rPh") && !xmlTextReaderIsEmptyElement(r))
            in_phonetic = TRUE;
        else if (reader_at(r, XML_READER_TYPE_END_ELEMENT, "rPh"))
            in_phonetic = FALSE;
        else if (reader_at(r, XML_READER_TYPE_ELEMENT, "t"))
            in_t = !xmlTextReaderIsEmptyElement(r);
        else if (reader_at(r, XML_READER_TYPE_END_ELEMENT, "t"))
            in_t = FALSE;
        else if (in_t && !in_phonetic &&
                 (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                  type == XML_READER_TYPE_CDATA))
            g_string_append(out, (const char *) xmlTextReaderConstValue(r));
    }
    return FALSE;
}

/* Shared strings and cells (rows counted as cells) share the table-cells
 * limit: a sheet cannot use more strings than it has cells. */
static gboolean within_cells_limit(const Xlsx *x, guint64 n, const char *part, GError **error)
{
    guint64 max = gw_limit_get_default(GW_LIMIT_TABLE_CELLS);
    if (n <= max)
        return TRUE;
    gwi_limit_error(error, GW_LIMIT_TABLE_CELLS, max, "%s: %s (cells, rows and strings)", x->name, part);
    return FALSE;
}

static gboolean read_shared_strings(Xlsx *x, GError **error)
{
    static const char part[] = "xl/sharedStrings.xml";
    zip_stat_t st;
    if (zip_stat(x->za, part, 0, &st) != 0)
        return TRUE; /* a workbook without strings */
    char *data = NULL;
    GwiXmlInput in;
    xmlTextReaderPtr r = open_reader(x, part, &in, &data, error);
    gboolean ok = r != NULL, within = TRUE;
    GString *s = g_string_new(NULL);
    int rc = 0;
    while (ok && within && (rc = xmlTextReaderRead(r)) == 1) {
        if (!reader_at(r, XML_READER_TYPE_ELEMENT, "si"))
            continue;
        g_string_truncate(s, 0);
        ok = read_string_item(r, "si", s);
        g_ptr_array_add(x->strings, g_strdup(s->str));
        within = within_cells_limit(x, x->strings->len, part, error);
    }
    if (r && (!ok || rc < 0))
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: %s is not well-formed", x->name, part);
    g_string_free(s, TRUE);
    if (r) {
        xmlFreeTextReader(r);
        gwi_xml_input_clear(&in);
    }
    g_free(data);
    return r && ok && within && rc == 0;
}

/* Column index (0-based) of a cell reference such as "C7", or -1. */
static int column_of_ref(const char *ref)
{
    int col = 0, n = 0;
    for (; *ref >= 'A' && *ref <= 'Z' && n < 4; ref++, n++)
        col = col * 26 + (*ref - 'A' + 1);
    return n > 0 && n < 4 && g_ascii_isdigit(*ref) && col <= XLSX_MAX_COLUMNS ? col - 1 : -1;
}

static char *reader_attr(xmlTextReaderPtr r, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST name);
    char *s = g_strdup((const char *) v);
    xmlFree(v);
    return s;
}

/* The text of one <c> element. */
static char *read_cell(Xlsx *x, xmlTextReaderPtr r)
{
    char *type = reader_attr(r, "t");
    GString *text = g_string_new(NULL);
    if (type && strcmp(type, "inlineStr") == 0) {
        int depth = xmlTextReaderDepth(r);
        while (!xmlTextReaderIsEmptyElement(r) && xmlTextReaderRead(r) == 1 &&
               !(xmlTextReaderDepth(r) == depth && xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT))
            if (reader_at(r, XML_READER_TYPE_ELEMENT, "is"))
                read_string_item(r, "is", text);
    } else if (!xmlTextReaderIsEmptyElement(r)) {
        int depth = xmlTextReaderDepth(r);
        gboolean in_v = FALSE;
        while (xmlTextReaderRead(r) == 1 &&
               !(xmlTextReaderDepth(r) == depth && xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT)) {
            if (reader_at(r, XML_READER_TYPE_ELEMENT, "v"))
                in_v = TRUE;
            else if (reader_at(r, XML_READER_TYPE_END_ELEMENT, "v"))
                in_v = FALSE;
            else if (in_v && xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT)
                g_string_append(text, (const char *) xmlTextReaderConstValue(r));
        }
        if (type && strcmp(type, "s") == 0) {
            char *end;
            guint64 i = g_ascii_strtoull(text->str, &end, 10);
            g_string_assign(text, *text->str && *end == '\0' && i < x->strings->len ? x->strings->pdata[i] : "");
        } else if (type && strcmp(type, "b") == 0)
            g_string_assign(text, strcmp(text->str, "1") == 0 ? "TRUE" : "FALSE");
    }
    g_free(type);
    return g_string_free(text, FALSE);
}

static void place_cell(Xlsx *x, GPtrArray *cells, int col, char *text)
{
    if (cells->len <= (guint) col)
        x->cells += (guint) col + 1 - cells->len;
    while (cells->len < (guint) col)
        g_ptr_array_add(cells, g_strdup(""));
    if (cells->len == (guint) col)
        g_ptr_array_add(cells, text);
    else { /* a repeated reference: the later cell wins */
        g_free(cells->pdata[col]);
        cells->pdata[col] = text;
    }
}

static gboolean read_sheet(Xlsx *x, GwRegister *reg, const char *part, GError **error)
{
    char *data = NULL;
    GwiXmlInput in;
    xmlTextReaderPtr r = open_reader(x, part, &in, &data, error);
    if (!r) {
        g_free(data);
        return FALSE;
    }
    GPtrArray *cells = NULL;
    guint row = 0;
    int next_col = 0, rc = 0;
    gboolean ok = TRUE;
    while (ok && (rc = xmlTextReaderRead(r)) == 1) {
        if (reader_at(r, XML_READER_TYPE_ELEMENT, "row")) {
            char *rn = reader_attr(r, "r");
            guint64 v = rn ? g_ascii_strtoull(rn, NULL, 10) : 0;
            row = v > row && v <= XLSX_MAX_ROWS ? (guint) v : row + 1;
            g_free(rn);
            cells = g_ptr_array_new_with_free_func(g_free);
            next_col = 0;
            gwi_register_add_row(reg, cells, row);
            if (row > XLSX_MAX_ROWS) {
                g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: %s has more than %d rows", x->name, part,
                            XLSX_MAX_ROWS);
                ok = FALSE;
            } else
                ok = within_cells_limit(x, ++x->cells, part, error);
        } else if (reader_at(r, XML_READER_TYPE_ELEMENT, "c") && cells) {
            char *ref = reader_attr(r, "r");
            int col = ref ? column_of_ref(ref) : next_col;
            g_free(ref);
            char *text = read_cell(x, r);
            if (col >= 0 && col < XLSX_MAX_COLUMNS) {
                place_cell(x, cells, col, text);
                next_col = col + 1;
                ok = within_cells_limit(x, x->cells, part, error);
            } else
                g_free(text);
        }
    }
    if (ok && rc != 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: %s is not a readable worksheet", x->name, part);
        ok = FALSE;
    }
    xmlFreeTextReader(r);
    gwi_xml_input_clear(&in);
    g_free(data);
    return ok;
}

GwRegister *gw_register_read_xlsx(const char *data, gsize len, const char *name, const char *sheet, GError **error)
{
    Xlsx x = { name, gwi_zip_open_memory(data, len, name, error), g_ptr_array_new_with_free_func(g_free), 0 };
    GwRegister *reg = NULL;
    gboolean date1904 = FALSE;
    char *part = x.za ? find_sheet(&x, sheet, &date1904, error) : NULL;
    if (part && read_shared_strings(&x, error)) {
        reg = gwi_register_new(name);
        reg->date1904 = date1904;
        reg->from_xlsx = TRUE;
        if (!read_sheet(&x, reg, part, error) || !gwi_register_finish(reg, error)) {
            gw_register_free(reg);
            reg = NULL;
        }
    }
    g_free(part);
    g_ptr_array_unref(x.strings);
    if (x.za)
        zip_discard(x.za);
    return reg;
}
