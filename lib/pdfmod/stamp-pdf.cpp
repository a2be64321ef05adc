// stamp-pdf.cpp: overlaying stamp pages (drawn with Cairo by stamp.c) on
// the pages of an existing PDF without re-rendering them, for gongwen stamp.
// C++ only because qpdf's page helpers are C++; the interface is C.
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <exception>
#include <string>
#include <vector>
#include "pdfmod.h"

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

extern "C" gboolean gwm_pdf_overlay(const char *input, FILE *out, const void *stamp_pdf, gsize stamp_len,
                                    const int *stamp_page_of, const char *const *info_keys,
                                    const char *const *info_values, GError **error)
{
    try {
        QPDF pdf;
        gwm_open_pdf(pdf, input);
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
        gwm_set_error(error, input, e.what());
        return FALSE;
    }
}
