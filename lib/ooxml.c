/* ooxml.c: the zip and XML plumbing of the validity files (XLSX in and
 * out, DOCX stamping), with the reader limits. */
#include <string.h>
#include <zip.h>
#include <libxml/parser.h>
#include "validity-imp.h"
#include "gongwen/reader.h"
#include "gongwen/writer.h"

zip_t *gwi_zip_open_memory(const char *data, gsize len, const char *name, GError **error)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: not a zip package: %s", name, zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    if ((guint64) zip_get_num_entries(za, 0) > gw_read_options_get_limit(NULL, GW_LIMIT_ZIP_ENTRIES)) {
        g_set_error(error, GW_ERROR, GW_ERROR_LIMIT, "%s: too many zip entries", name);
        zip_discard(za);
        return NULL;
    }
    return za;
}

char *gwi_zip_read(zip_t *za, const char *entry, gsize *len, const char *name, GError **error)
{
    zip_stat_t st;
    if (zip_stat(za, entry, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: part %s is missing", name, entry);
        return NULL;
    }
    guint64 cap = gw_read_options_get_limit(NULL, GW_LIMIT_PART_BYTES);
    guint64 ratio = gw_read_options_get_limit(NULL, GW_LIMIT_COMPRESSION_RATIO);
    if (st.size > cap || ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > 1048576 && st.size / MAX(st.comp_size, 1) > ratio)) {
        g_set_error(error, GW_ERROR, GW_ERROR_LIMIT, "%s: part %s is too large when decompressed", name, entry);
        return NULL;
    }
    zip_file_t *zf = zip_fopen(za, entry, 0);
    char *buf = g_malloc(st.size + 1);
    zip_int64_t n = zf ? zip_fread(zf, buf, st.size) : -1;
    if (zf)
        zip_fclose(zf);
    if (n < 0 || (zip_uint64_t) n != st.size) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: part %s cannot be read", name, entry);
        g_free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = (gsize) n;
    return buf;
}

GwiZipOut *gwi_zip_new_memory(GError **error)
{
    zip_error_t ze;
    zip_error_init(&ze);
    GwiZipOut *out = g_new0(GwiZipOut, 1);
    out->src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (out->src) {
        zip_source_keep(out->src); /* gwi_zip_finish reads the bytes back from it */
        out->za = zip_open_from_source(out->src, ZIP_TRUNCATE, &ze);
    }
    if (!out->za) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "cannot create a zip archive: %s", zip_error_strerror(&ze));
        if (out->src) {
            zip_source_free(out->src);
            zip_source_free(out->src);
        }
        g_clear_pointer(&out, g_free);
    }
    zip_error_fini(&ze);
    return out;
}

gboolean gwi_zip_add(GwiZipOut *out, const char *entry, const void *data, gsize len, GError **error)
{
    void *copy = g_memdup2(data, len);
    zip_source_t *src = zip_source_buffer(out->za, copy, len, 1);
    if (!src || zip_file_add(out->za, entry, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "cannot add %s to a zip archive: %s", entry, zip_strerror(out->za));
        if (src)
            zip_source_free(src);
        else
            g_free(copy);
        return FALSE;
    }
    return TRUE;
}

void gwi_zip_discard(GwiZipOut *out)
{
    zip_discard(out->za);
    zip_source_free(out->src);
    g_free(out);
}

GBytes *gwi_zip_finish(GwiZipOut *out, GError **error)
{
    if (zip_close(out->za) != 0) {
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "cannot write a zip archive: %s", zip_strerror(out->za));
        gwi_zip_discard(out);
        return NULL;
    }
    zip_source_t *src = out->src;
    g_free(out);
    zip_stat_t st;
    GBytes *bytes = NULL;
    if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
        char *buf = g_malloc(st.size ? st.size : 1);
        if (zip_source_read(src, buf, st.size) == (zip_int64_t) st.size)
            bytes = g_bytes_new_take(buf, st.size);
        else
            g_free(buf);
        zip_source_close(src);
    }
    zip_source_free(src);
    if (!bytes)
        g_set_error(error, GW_ERROR, GW_ERROR_IO, "cannot read back a zip archive");
    return bytes;
}

gboolean gwi_write_bytes(const char *path, GBytes *bytes, GError **error)
{
    gsize len;
    const void *data = g_bytes_get_data(bytes, &len);
    gboolean ok = gw_output_write_file(path, data, len, error);
    g_bytes_unref(bytes);
    return ok;
}

GwiXmlDocPtr gwi_xml_parse(const char *data, gsize len, const char *name, const char *part, GError **error)
{
    /* OOXML parts never have a DTD: refusing one rules out entity tricks. */
    if (g_strstr_len(data, (gssize) len, "<!DOCTYPE")) {
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: part %s has a DOCTYPE", name, part);
        return NULL;
    }
    xmlDocPtr doc = xmlReadMemory(data, (int) MIN(len, G_MAXINT), part, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc)
        g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: part %s is not well-formed XML", name, part);
    return doc;
}
