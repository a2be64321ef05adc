/* pdf-module.h: what libgongwen needs from qpdf and poppler, kept in two
 * modules loaded the first time they are needed: gongwen-pdf.so (qpdf)
 * and gongwen-pdftext.so (poppler).
 *
 * Linking qpdf (with GnuTLS) and poppler (with NSS, OpenJPEG, libtiff...)
 * into the process costs 25 more shared libraries and ~30M instructions of
 * relocations and constructors at every start, a tenth of converting the
 * 5-page sample to PDF, for commands that never open an existing PDF.  Only
 * reading PDFs (info, validity, stamp) and PDF/A output load the module.
 *
 * The module links GLib, qpdf and poppler, never libgongwen (a tool linked
 * with the static library exports nothing to it): it gets the error domain
 * when loaded and exchanges plain GLib data.  Sources: lib/pdfmod/. */
#ifndef GONGWEN_PDF_MODULE_H
#define GONGWEN_PDF_MODULE_H

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

#define GWI_PDF_MODULE_NAME "gongwen-pdf.so"
#define GWI_PDFTEXT_MODULE_NAME "gongwen-pdftext.so"
#define GWI_MODULE_ENTRY "gwi_module_entry"
#define GWI_MODULE_ABI 2

/* A module's entry: its table, whose first member is `guint abi`. */
typedef const void *(*GwiModuleEntry)(GQuark error_domain);

typedef struct {
    char *name;       /* BaseFont, e.g. "ABCDEF+LiberationSerif" */
    char *type;       /* as pdffonts says: "TrueType", "CID TrueType", "CID Type 0C", "Type 3"... */
    gboolean embedded;
} GwiPdfFont;

/* What a PDF says about itself.  Strings and arrays are GLib-allocated;
 * gwi_pdf_facts_clear frees them. */
typedef struct {
    char *version;      /* header version, "1.5" */
    GArray *sizes;      /* double width, height of each page as shown (crop box, rotation) */
    GPtrArray *info;    /* Info dictionary strings: key (without '/'), value, key, value... */
    char *xmp;          /* the catalog's XMP metadata packet, or NULL */
    gsize xmp_len;
    GPtrArray *fonts;   /* GwiPdfFont*, each font once, when asked for */
    gboolean encrypted;
    gboolean tagged;    /* /MarkInfo << /Marked true >> */
} GwiPdfFacts;

/* What PDF/A output adds to Cairo's PDF.  Every string is UTF-8. */
typedef struct {
    const char *const *info;  /* NULL-terminated key, value pairs set in the Info dictionary ("Title"...) */
    const char *xmp;          /* the XMP packet, matching `info` */
    gsize xmp_len;
    const void *icc;          /* the sRGB output intent's ICC profile */
    gsize icc_len;
    const char *icc_name;     /* its OutputConditionIdentifier, e.g. "sRGB IEC61966-2.1" */
} GwiPdfArchive;

/* gongwen-pdf.so */
typedef struct {
    guint abi;
    /* Facts of the PDF at `path`; fonts only when `with_fonts`. */
    gboolean (*facts)(const char *path, gboolean with_fonts, GwiPdfFacts *facts, GError **error);
    /* Overlay page stamp_page_of[i] of `stamp_pdf` on page i of `input`
     * (-1: none), set Info string entries, write the result to `out`. */
    gboolean (*overlay)(const char *input, FILE *out, const void *stamp_pdf, gsize stamp_len,
                        const int *stamp_page_of, const char *const *info_keys, const char *const *info_values,
                        GError **error);
    /* Rewrite Cairo's PDF file `input` as PDF/A-2b into `out` (see
     * GwiPdfArchive); `name` names the output in errors. */
    gboolean (*archive)(const char *input, const char *name, FILE *out, const GwiPdfArchive *archive,
                        GError **error);
    /* Whether the page descriptions (content streams and the forms they
     * draw) of the first `max_pages` pages of the PDF in `data` decompress
     * to at most `max_bytes` in all; FALSE with a GW_ERROR_LIMIT error
     * naming the page when not, or another error when the PDF is broken. */
    gboolean (*content_within)(const char *data, gsize len, const char *path, guint max_pages, guint64 max_bytes,
                               GError **error);
} GwiPdfModule;

/* gongwen-pdftext.so */
typedef struct {
    guint abi;
    /* Text of the pages, one line per line, at most `max_pages` pages. */
    char *(*text)(const char *data, gsize len, const char *path, guint max_pages, GError **error);
} GwiPdfTextModule;

/* A module's functions, loading it on first use (thread-safe); NULL with
 * error when it cannot be found or loaded.  Search: $GONGWEN_MODULE_DIR,
 * then beside the program or libgongwen.so (the build tree), then
 * LIBDIR/gongwen/ as installed (from libgongwen.so in LIBDIR, or from the
 * tool in BINDIR = LIBDIR/../bin). */
const GwiPdfModule *gwi_pdf_module(GError **error);
const GwiPdfTextModule *gwi_pdftext_module(GError **error);

/* The facts of the PDF at `path` through the module (fonts only when
 * `with_fonts`); FALSE with error, and `facts` empty, when it cannot. */
gboolean gwi_pdf_read_facts(const char *path, gboolean with_fonts, GwiPdfFacts *facts, GError **error);
void gwi_pdf_facts_clear(GwiPdfFacts *facts);

G_END_DECLS

#endif
