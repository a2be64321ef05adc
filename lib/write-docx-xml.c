/* write-docx-xml.c: XML parts of a DOCX package, their relationships, and
 * the xmlTextWriter calls every part is made of. */
#include <string.h>
#include "write-docx.h"

#define CHECK_RC(part, call)      \
    do {                          \
        if ((call) < 0)           \
            (part)->failed = TRUE; \
    } while (0)

static void rel_free(GwiDocxRel *rel)
{
    g_free(rel->id);
    g_free(rel->target);
    g_free(rel);
}

GwiDocxPart *gwi_docx_part_new(const char *name, const char *content_type, const char *root,
                               const char *const *ns)
{
    GwiDocxPart *p = g_new0(GwiDocxPart, 1);
    p->name = g_strdup(name);
    p->content_type = content_type;
    p->buf = xmlBufferCreate();
    /* Growing by what is needed is quadratic where realloc must copy
     * (ASan always does): double instead. */
    xmlBufferSetAllocationScheme(p->buf, XML_BUFFER_ALLOC_DOUBLEIT);
    p->rels = g_ptr_array_new_with_free_func((GDestroyNotify) rel_free);
    p->rel_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (!root) /* a holder of relationships only */
        return p;
    p->w = xmlNewTextWriterMemory(p->buf, 0);
    if (!p->w) {
        p->failed = TRUE;
        return p;
    }
    CHECK_RC(p, xmlTextWriterStartDocument(p->w, NULL, "UTF-8", "yes"));
    gwi_docx_start(p, root);
    for (guint i = 0; ns && ns[i] && ns[i + 1]; i += 2) {
        char *attr = *ns[i] ? g_strconcat("xmlns:", ns[i], NULL) : g_strdup("xmlns");
        gwi_docx_attr(p, attr, ns[i + 1]);
        g_free(attr);
    }
    return p;
}

gboolean gwi_docx_part_finish(GwiDocxPart *p)
{
    if (p->w) {
        CHECK_RC(p, xmlTextWriterEndDocument(p->w));
        xmlFreeTextWriter(p->w); /* flushes into p->buf */
        p->w = NULL;
    }
    return !p->failed;
}

void gwi_docx_part_free(GwiDocxPart *p)
{
    if (!p)
        return;
    if (p->w)
        xmlFreeTextWriter(p->w);
    xmlBufferFree(p->buf);
    g_ptr_array_unref(p->rels);
    g_hash_table_unref(p->rel_ids);
    g_free(p->name);
    g_free(p);
}

const char *gwi_docx_part_rel(GwiDocxPart *p, const char *type, const char *target, gboolean external)
{
    char *key = g_strdup_printf("%s\t%s", type, target);
    GwiDocxRel *rel = g_hash_table_lookup(p->rel_ids, key);
    if (rel) {
        g_free(key);
        return rel->id;
    }
    rel = g_new0(GwiDocxRel, 1);
    rel->id = g_strdup_printf("rId%u", p->rels->len + 1);
    rel->type = type;
    rel->target = g_strdup(target);
    rel->external = external;
    g_ptr_array_add(p->rels, rel);
    g_hash_table_insert(p->rel_ids, key, rel);
    return rel->id;
}

GwiDocxPart *gwi_docx_rels_part(const GwiDocxPart *part)
{
    static const char *const ns[] = { "", "http://schemas.openxmlformats.org/package/2006/relationships", NULL };
    char *dir = g_path_get_dirname(part->name);
    char *base = g_path_get_basename(part->name);
    char *name = !*part->name ? g_strdup("_rels/.rels") /* the package's own */
                 : strcmp(dir, ".") == 0 ? g_strdup_printf("_rels/%s.rels", base)
                                         : g_strdup_printf("%s/_rels/%s.rels", dir, base);
    GwiDocxPart *p = gwi_docx_part_new(name, NULL, "Relationships", ns);
    for (guint i = 0; i < part->rels->len; i++) {
        const GwiDocxRel *rel = part->rels->pdata[i];
        char *type = strstr(rel->type, "://") ? g_strdup(rel->type) : g_strconcat(GWI_REL_BASE, rel->type, NULL);
        gwi_docx_start(p, "Relationship");
        gwi_docx_attr(p, "Id", rel->id);
        gwi_docx_attr(p, "Type", type);
        gwi_docx_attr(p, "Target", rel->target);
        if (rel->external)
            gwi_docx_attr(p, "TargetMode", "External");
        gwi_docx_end(p);
        g_free(type);
    }
    g_free(name);
    g_free(dir);
    g_free(base);
    return p;
}

/* ---- output helpers ----------------------------------------------------- */

static gboolean xml_char_ok(gunichar c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

char *gwi_xml_clean(const char *text)
{
    char *valid = g_utf8_make_valid(text ? text : "", -1);
    GString *out = g_string_sized_new(strlen(valid));
    for (const char *s = valid; *s; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        if (xml_char_ok(c))
            g_string_append_unichar(out, c);
    }
    g_free(valid);
    return g_string_free(out, FALSE);
}

void gwi_docx_start(GwiDocxPart *p, const char *element)
{
    if (p->w)
        CHECK_RC(p, xmlTextWriterStartElement(p->w, BAD_CAST element));
}

void gwi_docx_end(GwiDocxPart *p)
{
    if (p->w)
        CHECK_RC(p, xmlTextWriterEndElement(p->w));
}

void gwi_docx_attr(GwiDocxPart *p, const char *name, const char *value)
{
    if (!p->w)
        return;
    char *clean = gwi_xml_clean(value);
    CHECK_RC(p, xmlTextWriterWriteAttribute(p->w, BAD_CAST name, BAD_CAST clean));
    g_free(clean);
}

void gwi_docx_attr_int(GwiDocxPart *p, const char *name, long value)
{
    char num[24];
    g_snprintf(num, sizeof num, "%ld", value);
    gwi_docx_attr(p, name, num);
}

void gwi_docx_text(GwiDocxPart *p, const char *text)
{
    if (!p->w)
        return;
    char *clean = gwi_xml_clean(text);
    CHECK_RC(p, xmlTextWriterWriteString(p->w, BAD_CAST clean));
    g_free(clean);
}

void gwi_docx_empty(GwiDocxPart *p, const char *element)
{
    gwi_docx_start(p, element);
    gwi_docx_end(p);
}

void gwi_docx_val(GwiDocxPart *p, const char *element, const char *value)
{
    gwi_docx_start(p, element);
    gwi_docx_attr(p, "w:val", value);
    gwi_docx_end(p);
}

void gwi_docx_val_int(GwiDocxPart *p, const char *element, long value)
{
    gwi_docx_start(p, element);
    gwi_docx_attr_int(p, "w:val", value);
    gwi_docx_end(p);
}

void gwi_docx_text_element(GwiDocxPart *p, const char *element, const char *text)
{
    gwi_docx_start(p, element);
    gwi_docx_text(p, text);
    gwi_docx_end(p);
}

void gwi_docx_t(GwiDocxPart *p, const char *text)
{
    gwi_docx_start(p, "w:t");
    gwi_docx_attr(p, "xml:space", "preserve");
    gwi_docx_text(p, text);
    gwi_docx_end(p);
}

static void field_char(GwiDocxPart *p, const char *type, GwiDocxRunProps rpr, gconstpointer data)
{
    gwi_docx_start(p, "w:r");
    if (rpr)
        rpr(p, data);
    gwi_docx_start(p, "w:fldChar");
    gwi_docx_attr(p, "w:fldCharType", type);
    gwi_docx_end(p);
    gwi_docx_end(p);
}

void gwi_docx_field(GwiDocxPart *p, const char *instr, const char *result, GwiDocxRunProps rpr, gconstpointer data)
{
    field_char(p, "begin", rpr, data);
    gwi_docx_start(p, "w:r");
    if (rpr)
        rpr(p, data);
    gwi_docx_start(p, "w:instrText");
    gwi_docx_attr(p, "xml:space", "preserve");
    gwi_docx_text(p, instr);
    gwi_docx_end(p);
    gwi_docx_end(p);
    field_char(p, "separate", rpr, data);
    gwi_docx_start(p, "w:r");
    if (rpr)
        rpr(p, data);
    gwi_docx_t(p, result ? result : "");
    gwi_docx_end(p);
    field_char(p, "end", rpr, data);
}
