// stamp-pdf.cpp: what the validity files need from qpdf: the Info
// dictionary, page sizes, and overlaying stamp pages (drawn with Cairo by
// stamp.c) on the pages of an existing PDF without re-rendering them.
// C++ only because qpdf's page helpers are C++; the interface is C.
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <exception>
#include <string>
#include <vector>

extern "C" {
#include "validity-imp.h"
}

static void set_pdf_error(GError **error, const char *path, const char *what)
{
    g_set_error(error, GW_ERROR, GW_ERROR_FORMAT, "%s: %s", path, what);
}

static void open_pdf(QPDF &pdf, const char *path)
{
    pdf.setSuppressWarnings(true);
    pdf.processFile(path);
}

extern "C" gboolean gwi_pdf_info(const char *path, GPtrArray *values, char **title, GError **error)
{
    try {
        QPDF pdf;
        open_pdf(pdf, path);
        QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
        if (!info.isDictionary())
            return TRUE;
        for (auto const &key : info.getKeys()) {
            QPDFObjectHandle v = info.getKey(key);
            if (!v.isString())
                continue;
            char *text = g_utf8_make_valid(v.getUTF8Value().c_str(), -1);
            if (key == "/Title" && title && !*title)
                *title = g_strdup(text);
            g_ptr_array_add(values, text);
        }
        return TRUE;
    } catch (std::exception &e) {
        set_pdf_error(error, path, e.what());
        return FALSE;
    }
}

// Width and height of a page as a viewer shows it: crop box, turned by /Rotate.
static void page_size(QPDFPageObjectHelper &page, double *w, double *h)
{
    QPDFObjectHandle::Rectangle box = page.getCropBox().getArrayAsRectangle();
    *w = box.urx > box.llx ? box.urx - box.llx : box.llx - box.urx;
    *h = box.ury > box.lly ? box.ury - box.lly : box.lly - box.ury;
    QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
    int r = rotate.isInteger() ? ((rotate.getIntValueAsInt() % 360) + 360) % 360 : 0;
    if (r == 90 || r == 270)
        std::swap(*w, *h);
}

extern "C" gboolean gwi_pdf_page_sizes(const char *path, GArray *sizes, GError **error)
{
    try {
        QPDF pdf;
        open_pdf(pdf, path);
        for (auto &page : QPDFPageDocumentHelper(pdf).getAllPages()) {
            double wh[2];
            page_size(page, &wh[0], &wh[1]);
            g_array_append_vals(sizes, wh, 2);
        }
        return TRUE;
    } catch (std::exception &e) {
        set_pdf_error(error, path, e.what());
        return FALSE;
    }
}

// A dictionary of `holder` we may add to without touching other pages.
static QPDFObjectHandle own_dictionary(QPDFObjectHandle holder, const char *key)
{
    QPDFObjectHandle d = holder.getKey(key);
    d = d.isDictionary() ? d.shallowCopy() : QPDFObjectHandle::newDictionary();
    holder.replaceKey(key, d);
    return d;
}

static void overlay_page(QPDF &pdf, QPDFPageObjectHelper &page, QPDFObjectHandle form)
{
    QPDFObjectHandle resources = page.getAttribute("/Resources", true);
    if (!resources.isDictionary() || resources.isIndirect()) {
        resources = resources.isDictionary() ? resources.shallowCopy() : QPDFObjectHandle::newDictionary();
        page.getObjectHandle().replaceKey("/Resources", resources);
    }
    QPDFObjectHandle xobjects = own_dictionary(resources, "/XObject");
    int suffix = 0;
    std::string name = resources.getUniqueResourceName("/GwStamp", suffix);
    std::string content = page.placeFormXObject(form, name, page.getCropBox().getArrayAsRectangle(), true, true, true);
    xobjects.replaceKey(name, form);
    // Wrap the page's own content so its graphics state cannot leak into the stamp.
    page.addPageContents(QPDFObjectHandle::newStream(&pdf, "q\n"), true);
    page.addPageContents(QPDFObjectHandle::newStream(&pdf, "\nQ\n" + content), false);
}

extern "C" gboolean gwi_pdf_overlay(const char *input, FILE *out, const void *stamp_pdf, gsize stamp_len,
                                    const int *stamp_page_of, const char *const *info_keys,
                                    const char *const *info_values, GError **error)
{
    try {
        QPDF pdf;
        open_pdf(pdf, input);
        QPDF stamp;
        std::vector<QPDFObjectHandle> forms;
        if (stamp_pdf) {
            stamp.setSuppressWarnings(true);
            stamp.processMemoryFile("stamp", static_cast<const char *>(stamp_pdf), stamp_len);
            for (auto &sp : QPDFPageDocumentHelper(stamp).getAllPages())
                forms.push_back(pdf.copyForeignObject(sp.getFormXObjectForPage()));
        }
        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
        for (size_t i = 0; stamp_page_of && i < pages.size(); i++) {
            int k = stamp_page_of[i];
            if (k >= 0 && static_cast<size_t>(k) < forms.size())
                overlay_page(pdf, pages[i], forms[k]);
        }
        QPDFObjectHandle trailer = pdf.getTrailer();
        QPDFObjectHandle info = trailer.getKey("/Info");
        if (!info.isDictionary()) {
            info = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
            trailer.replaceKey("/Info", info);
        }
        for (size_t i = 0; info_keys && info_keys[i]; i++)
            info.replaceKey(info_keys[i], QPDFObjectHandle::newUnicodeString(info_values[i]));
        QPDFWriter writer(pdf);
        writer.setOutputFile("stamped PDF", out, false);
        writer.write();
        return TRUE;
    } catch (std::exception &e) {
        set_pdf_error(error, input, e.what());
        return FALSE;
    }
}
