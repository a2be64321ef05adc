/* read-mht.c: the HTML of an MHT (MIME HTML, RFC 2557) document, as Word
 * saves an HTML altChunk: the first text/html part of a multipart message
 * (multipart/related as a rule), or the message itself, its transfer encoding (base64,
 * quoted-printable) undone and its charset converted to UTF-8.  The other
 * parts (pictures) are not used: an HTML chunk takes pictures only from
 * data: URIs. */
#include <string.h>
#include "read-imp.h"

/* The MIME headers at `p` (up to `end`): the value of Content-Type and of
 * Content-Transfer-Encoding (newly allocated, folded lines joined, or NULL),
 * and where the body starts. */
typedef struct {
    char *type, *encoding;
    const char *body;
} Headers;

static void headers_clear(Headers *h)
{
    g_free(h->type);
    g_free(h->encoding);
}

/* The end of the line at `p`, and in *next where the next one starts. */
static const char *line_end(const char *p, const char *end, const char **next)
{
    const char *nl = memchr(p, '\n', (gsize) (end - p));
    *next = nl ? nl + 1 : end;
    if (!nl)
        return end;
    return nl > p && nl[-1] == '\r' ? nl - 1 : nl;
}

static void parse_headers(const char *p, const char *end, Headers *h)
{
    *h = (Headers) { NULL, NULL, end };
    char **current = NULL;
    while (p < end) {
        const char *next, *eol = line_end(p, end, &next);
        if (eol == p) { /* the blank line before the body */
            h->body = next;
            return;
        }
        if ((*p == ' ' || *p == '\t') && current && *current) { /* a folded line goes on */
            char *joined = g_strdup_printf("%s %.*s", *current, (int) (eol - p), p);
            g_free(*current);
            *current = joined;
        } else {
            const char *colon = memchr(p, ':', (gsize) (eol - p));
            gsize name_len = colon ? (gsize) (colon - p) : 0;
            current = NULL;
            if (name_len == 12 && g_ascii_strncasecmp(p, "Content-Type", 12) == 0)
                current = &h->type;
            else if (name_len == 25 && g_ascii_strncasecmp(p, "Content-Transfer-Encoding", 25) == 0)
                current = &h->encoding;
            if (current) {
                g_free(*current);
                *current = g_strstrip(g_strndup(colon + 1, (gsize) (eol - colon - 1)));
            }
        }
        p = next;
    }
}

/* A parameter of a header value ("multipart/related; boundary="x""), or NULL. */
static char *header_param(const char *value, const char *key)
{
    if (!value)
        return NULL;
    gsize key_len = strlen(key);
    for (const char *p = strchr(value, ';'); p; p = strchr(p + 1, ';')) {
        const char *k = p + 1;
        while (*k == ' ' || *k == '\t')
            k++;
        if (g_ascii_strncasecmp(k, key, key_len) != 0 || k[key_len] != '=')
            continue;
        const char *v = k + key_len + 1;
        if (*v == '"') {
            const char *close = strchr(v + 1, '"');
            return close ? g_strndup(v + 1, (gsize) (close - v - 1)) : NULL;
        }
        return g_strndup(v, strcspn(v, "; \t"));
    }
    return NULL;
}

static gboolean type_is(const char *type, const char *want)
{
    gsize n = strlen(want);
    return type && g_ascii_strncasecmp(type, want, n) == 0 && (type[n] == '\0' || type[n] == ';' || type[n] == ' ');
}

/* Quoted-printable: "=XX" bytes, "=" at a line's end joins it to the next. */
static GString *unquote(const char *p, const char *end)
{
    GString *out = g_string_sized_new((gsize) (end - p));
    while (p < end) {
        if (*p != '=') {
            g_string_append_c(out, *p++);
        } else if (end - p >= 3 && g_ascii_isxdigit(p[1]) && g_ascii_isxdigit(p[2])) {
            g_string_append_c(out, (char) (g_ascii_xdigit_value(p[1]) * 16 + g_ascii_xdigit_value(p[2])));
            p += 3;
        } else {
            const char *next, *eol = line_end(p + 1, end, &next);
            gboolean soft = TRUE; /* "=" and nothing but blanks to the line's end */
            for (const char *q = p + 1; q < eol && soft; q++)
                soft = *q == ' ' || *q == '\t';
            if (soft)
                p = next;
            else
                g_string_append_c(out, *p++);
        }
    }
    return out;
}

/* The body of a part, its transfer encoding undone. */
static GString *decode_body(const Headers *h, const char *end)
{
    if (h->encoding && g_ascii_strcasecmp(h->encoding, "base64") == 0) {
        char *text = g_strndup(h->body, (gsize) (end - h->body));
        gsize len = 0;
        guchar *bytes = g_base64_decode_inplace(text, &len);
        GString *out = g_string_new_len((const char *) bytes, (gssize) len);
        g_free(text);
        return out;
    }
    if (h->encoding && g_ascii_strcasecmp(h->encoding, "quoted-printable") == 0)
        return unquote(h->body, end);
    return g_string_new_len(h->body, end - h->body);
}

/* The HTML of a part, as UTF-8 with a byte order mark (which the HTML
 * reader trusts over the page's own declaration) when the part names its
 * charset; NULL when it is not text/html. */
static char *part_html(const Headers *h, const char *end, gsize *len)
{
    if (!type_is(h->type, "text/html"))
        return NULL;
    GString *body = decode_body(h, end);
    char *charset = header_param(h->type, "charset");
    char *utf8 = charset && g_ascii_strcasecmp(charset, "utf-8") != 0
                     ? g_convert_with_fallback(body->str, (gssize) body->len, "UTF-8", charset, "?", NULL, NULL, NULL)
                     : NULL;
    if (utf8) {
        g_string_assign(body, "\xEF\xBB\xBF");
        g_string_append(body, utf8);
        g_free(utf8);
    }
    g_free(charset);
    *len = body->len;
    return g_string_free(body, FALSE);
}

char *gwi_mht_html(const char *data, gsize len, gsize *html_len)
{
    if (!len) /* (and data may be NULL) */
        return NULL;
    const char *end = data + len;
    Headers top;
    parse_headers(data, end, &top);
    char *html = NULL;
    gboolean multipart = top.type && g_ascii_strncasecmp(top.type, "multipart/", 10) == 0;
    char *boundary = multipart ? header_param(top.type, "boundary") : NULL;
    if (!boundary) {
        html = part_html(&top, end, html_len);
        headers_clear(&top);
        return html;
    }
    char *delimiter = g_strconcat("--", boundary, NULL);
    gsize dlen = strlen(delimiter);
    /* parts lie between delimiter lines; the last delimiter ends in "--" */
    const char *p = g_strstr_len(top.body, end - top.body, delimiter);
    while (p && !html) {
        const char *after = p + dlen;
        if (end - after >= 2 && after[0] == '-' && after[1] == '-')
            break;
        const char *part;
        line_end(after, end, &part);
        const char *next = g_strstr_len(part, end - part, delimiter);
        const char *part_end = next ? next : end;
        Headers h;
        parse_headers(part, part_end, &h);
        html = part_html(&h, part_end, html_len);
        headers_clear(&h);
        p = next;
    }
    g_free(delimiter);
    g_free(boundary);
    headers_clear(&top);
    return html;
}
