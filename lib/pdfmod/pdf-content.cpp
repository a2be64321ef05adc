// pdf-content.cpp: how much the page descriptions of a PDF decompress to,
// checked before poppler extracts their text: a 2 MB PDF can hold a
// content stream of gigabytes of flate-compressed spaces, which poppler
// would decode and parse for tens of seconds.
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <set>
#include <stdexcept>
#include "pdfmod.h"

// Counts decoded bytes against a budget; gives up when it runs out.
class Budget : public Pipeline {
  public:
    explicit Budget(guint64 left) : Pipeline("budget", nullptr), left(left) {}
    void write(unsigned char const *, size_t len) override
    {
        if (len > left) {
            over = true;
            throw std::length_error("over budget");
        }
        left -= len;
    }
    void finish() override {}
    guint64 left;
    bool over = false;
};

// Decode a stream into the budget (streams of filters qpdf cannot decode
// count their encoded size: poppler reads those raw or not at all).
static bool spend(QPDFObjectHandle stream, Budget &budget)
{
    if (!stream.pipeStreamData(&budget, 0, qpdf_dl_generalized, true) && !budget.over) {
        size_t raw = stream.getRawStreamData()->getSize();
        if (raw > budget.left)
            return false;
        budget.left -= raw;
    }
    return !budget.over;
}

// The form XObjects a page or form draws, each once, into the budget.
static bool spend_forms(QPDFObjectHandle resources, Budget &budget, std::set<QPDFObjGen> &seen)
{
    QPDFObjectHandle xobjects = resources.isDictionary() ? resources.getKey("/XObject") : QPDFObjectHandle();
    if (!xobjects.isDictionary())
        return true;
    for (auto &key : xobjects.getKeys()) {
        QPDFObjectHandle x = xobjects.getKey(key);
        if (!x.isStream() || !x.getDict().getKey("/Subtype").isNameAndEquals("/Form") || !seen.insert(x.getObjGen()).second)
            continue;
        if (!spend(x, budget) || !spend_forms(x.getDict().getKey("/Resources"), budget, seen))
            return false;
    }
    return true;
}

static bool page_within(QPDFPageObjectHelper &page, Budget &budget)
{
    for (auto &stream : page.getPageContents())
        if (!spend(stream, budget))
            return false;
    std::set<QPDFObjGen> seen;
    return spend_forms(page.getAttribute("/Resources", false), budget, seen);
}

gboolean gwm_pdf_content_within(const char *data, gsize len, const char *path, guint max_pages,
                                 guint64 max_bytes, GError **error)
{
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile(path, data, len);
        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
        Budget budget(max_bytes);
        for (size_t i = 0; i < pages.size() && i < max_pages; i++) {
            if (!page_within(pages[i], budget)) {
                char *what = g_strdup_printf("page %zu: the page descriptions decompress to more than the part-bytes "
                                             "limit (%" G_GUINT64_FORMAT "); raise it with --limit part-bytes=N",
                                             i + 1, max_bytes);
                g_set_error(error, gwm_error_domain, GW_ERROR_LIMIT, "%s: %s", path, what);
                g_free(what);
                return FALSE;
            }
        }
        return TRUE;
    } catch (std::exception &e) {
        gwm_set_error(error, path, e.what());
        return FALSE;
    }
}
