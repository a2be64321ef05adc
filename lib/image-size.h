/* image-size.h: the pixel size a picture's header declares (PNG, GIF,
 * JPEG), read without decoding: to hold pictures to the image-pixels limit
 * before they are decoded, and to size them at 96 dpi. */
#ifndef GW_IMAGE_SIZE_H
#define GW_IMAGE_SIZE_H

#include <glib.h>

/* FALSE (and *w, *h untouched) when the header is unknown or broken. */
gboolean gwi_image_pixels(const guint8 *data, gsize len, guint64 *w, guint64 *h);

#endif
