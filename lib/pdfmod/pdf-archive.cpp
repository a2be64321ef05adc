// pdf-archive.cpp: Cairo's PDF rewritten as PDF/A-2b with qpdf.  What
// Cairo 1.16 cannot write is added as PDF objects: the XMP metadata stream,
// the sRGB output intent with its ICC profile, /MarkInfo, Info entries that
// match the XMP, the print flag on annotations, /CIDToGIDMap on TrueType
// CID fonts, and no interpolated images.  QPDFWriter then writes the file
// with a document ID computed from its content.
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <exception>
#include <stdexcept>
#include <string>
#include "pdfmod.h"

// Annotation flags (ISO 32000-1, 12.5.3).
enum { ANNOT_INVISIBLE = 1, ANNOT_HIDDEN = 2, ANNOT_PRINT = 4, ANNOT_NO_VIEW = 32, ANNOT_TOGGLE_NO_VIEW = 256 };

static QPDFObjectHandle pdf_name(const char *name)
{
    return QPDFObjectHandle::newName(name);
}

static void add_metadata(QPDF &pdf, const GwiPdfArchive *a)
{
    // QPDFWriter leaves /Type /Metadata streams uncompressed, as PDF/A readers expect.
    QPDFObjectHandle xmp = QPDFObjectHandle::newStream(&pdf, std::string(a->xmp, a->xmp_len));
    xmp.getDict().replaceKey("/Type", pdf_name("/Metadata"));
    xmp.getDict().replaceKey("/Subtype", pdf_name("/XML"));
    pdf.getRoot().replaceKey("/Metadata", xmp);
}

static void add_output_intent(QPDF &pdf, const GwiPdfArchive *a)
{
    QPDFObjectHandle icc = QPDFObjectHandle::newStream(&pdf, std::string(static_cast<const char *>(a->icc), a->icc_len));
    icc.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
    QPDFObjectHandle intent = QPDFObjectHandle::newDictionary();
    intent.replaceKey("/Type", pdf_name("/OutputIntent"));
    intent.replaceKey("/S", pdf_name("/GTS_PDFA1"));
    intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newUnicodeString(a->icc_name));
    intent.replaceKey("/Info", QPDFObjectHandle::newUnicodeString(a->icc_name));
    intent.replaceKey("/DestOutputProfile", icc);
    QPDFObjectHandle intents = QPDFObjectHandle::newArray();
    intents.appendItem(pdf.makeIndirectObject(intent));
    pdf.getRoot().replaceKey("/OutputIntents", intents);
}

static void set_info(QPDF &pdf, const char *const *pairs)
{
    QPDFObjectHandle trailer = pdf.getTrailer();
    QPDFObjectHandle info = trailer.getKey("/Info");
    if (!info.isDictionary()) {
        info = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
        trailer.replaceKey("/Info", info);
    }
    for (size_t i = 0; pairs && pairs[i] && pairs[i + 1]; i += 2)
        info.replaceKey(std::string("/") + pairs[i], QPDFObjectHandle::newUnicodeString(pairs[i + 1]));
}

// Annotations are printed and never hidden.
static void print_annotations(QPDF &pdf)
{
    for (auto &page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        QPDFObjectHandle annots = page.getObjectHandle().getKey("/Annots");
        for (int i = 0; annots.isArray() && i < annots.getArrayNItems(); i++) {
            QPDFObjectHandle annot = annots.getArrayItem(i);
            if (!annot.isDictionary())
                continue;
            QPDFObjectHandle f = annot.getKey("/F");
            long long flags = f.isInteger() ? f.getIntValue() : 0;
            flags = (flags | ANNOT_PRINT) & ~(ANNOT_INVISIBLE | ANNOT_HIDDEN | ANNOT_NO_VIEW | ANNOT_TOGGLE_NO_VIEW);
            annot.replaceKey("/F", QPDFObjectHandle::newInteger(flags));
        }
    }
}

static bool is_name(QPDFObjectHandle dict, const char *key, const char *value)
{
    QPDFObjectHandle v = dict.getKey(key);
    return v.isName() && v.getName() == value;
}

// Cairo relies on the default identity CID-to-glyph map, which PDF/A wants
// spelt out; and PDF/A forbids image interpolation, which Cairo asks for.
static void fix_fonts_and_images(QPDF &pdf)
{
    for (auto &obj : pdf.getAllObjects()) {
        if (obj.isDictionary() && is_name(obj, "/Type", "/Font") && is_name(obj, "/Subtype", "/CIDFontType2") &&
            !obj.hasKey("/CIDToGIDMap"))
            obj.replaceKey("/CIDToGIDMap", pdf_name("/Identity"));
        if (obj.isStream() && is_name(obj.getDict(), "/Subtype", "/Image") && obj.getDict().hasKey("/Interpolate"))
            obj.getDict().removeKey("/Interpolate");
    }
}

// Cairo 1.16 writes the outline root's /Count negative, which only an
// outline item's may be (ISO 32000-1, 12.3.3).
static void fix_outline_count(QPDF &pdf)
{
    QPDFObjectHandle outlines = pdf.getRoot().getKey("/Outlines");
    QPDFObjectHandle count = outlines.isDictionary() ? outlines.getKey("/Count") : QPDFObjectHandle::newNull();
    if (count.isInteger() && count.getIntValue() < 0)
        outlines.replaceKey("/Count", QPDFObjectHandle::newInteger(-count.getIntValue()));
}

// The file `input` mapped into memory for as long as it is read: qpdf reads
// a file through stdio, seeking before every token, which was half the cost
// of the rewrite; the mapping is the page cache's, not the heap's.
struct MappedInput {
    GMappedFile *map;
    explicit MappedInput(const char *path)
    {
        GError *error = nullptr;
        map = g_mapped_file_new(path, FALSE, &error);
        if (!map) {
            std::string what = error->message;
            g_error_free(error);
            throw std::runtime_error(what);
        }
    }
    ~MappedInput() { g_mapped_file_unref(map); }
    MappedInput(const MappedInput &) = delete;
    MappedInput &operator=(const MappedInput &) = delete;
};

extern "C" gboolean gwm_pdf_archive(const char *input, const char *name, FILE *out, const GwiPdfArchive *a,
                                    GError **error)
{
    try {
        MappedInput mapped(input);
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile(name, g_mapped_file_get_contents(mapped.map), g_mapped_file_get_length(mapped.map));
        add_metadata(pdf, a);
        add_output_intent(pdf, a);
        QPDFObjectHandle mark = QPDFObjectHandle::newDictionary();
        mark.replaceKey("/Marked", QPDFObjectHandle::newBool(true));
        pdf.getRoot().replaceKey("/MarkInfo", mark);
        set_info(pdf, a->info);
        print_annotations(pdf);
        fix_fonts_and_images(pdf);
        fix_outline_count(pdf);
        QPDFWriter writer(pdf);
        writer.setOutputFile(name, out, false);
        writer.setDeterministicID(true);
        // Cairo's streams are flate-compressed already: copied as they are,
        // not decoded and compressed again (half the cost of PDF/A).
        writer.setDecodeLevel(qpdf_dl_none);
        writer.write();
        return TRUE;
    } catch (std::exception &e) {
        gwm_set_error(error, name, e.what());
        return FALSE;
    }
}
