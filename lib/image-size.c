/* image-size.c: the pixel size a picture's header declares. */
#include <string.h>
#include "image-size.h"

static guint be16(const guint8 *d)
{
    return (guint) d[0] << 8 | d[1];
}

static guint32 be32(const guint8 *d)
{
    return (guint32) be16(d) << 16 | be16(d + 2);
}

static gboolean set_size(guint64 pw, guint64 ph, guint64 *w, guint64 *h)
{
    if (pw == 0 || ph == 0)
        return FALSE;
    *w = pw;
    *h = ph;
    return TRUE;
}

/* The first frame marker (SOFn) of a JPEG, past fill bytes and markers
 * without a length. */
static gboolean jpeg_pixels(const guint8 *d, gsize len, guint64 *w, guint64 *h)
{
    for (gsize i = 2; i + 9 < len;) {
        if (d[i] != 0xFF)
            return FALSE;
        guint8 marker = d[i + 1];
        if (marker == 0xFF || (marker >= 0xD0 && marker <= 0xD8) || marker == 0x01) {
            i += marker == 0xFF ? 1 : 2;
            continue;
        }
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            return set_size(be16(d + i + 7), be16(d + i + 5), w, h);
        i += 2 + be16(d + i + 2);
    }
    return FALSE;
}

gboolean gwi_image_pixels(const guint8 *d, gsize len, guint64 *w, guint64 *h)
{
    if (len >= 24 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(d + 12, "IHDR", 4) == 0)
        return set_size(be32(d + 16), be32(d + 20), w, h);
    if (len >= 10 && memcmp(d, "GIF8", 4) == 0)
        return set_size((guint) d[6] | (guint) d[7] << 8, (guint) d[8] | (guint) d[9] << 8, w, h);
    if (len >= 4 && d[0] == 0xFF && d[1] == 0xD8)
        return jpeg_pixels(d, len, w, h);
    return FALSE;
}
