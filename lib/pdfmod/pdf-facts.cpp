// pdf-facts.cpp: what a PDF says about itself, read with qpdf: version,
// page sizes, Info dictionary, XMP metadata, fonts and whether they are
// embedded, encryption, tagging.
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <exception>
#include <set>
#include <stdexcept>
#include <string>
#include "pdfmod.h"

// Larger XMP packets are not read: metadata is a few KB, a flate bomb is not.
static const size_t MAX_XMP = 4 << 20;

void gwm_open_pdf(QPDF &pdf, const char *path)
{
    pdf.setSuppressWarnings(true);
    pdf.processFile(path);
}

void gwm_page_size(QPDFPageObjectHelper &page, double *w, double *h)
{
    QPDFObjectHandle::Rectangle box = page.getCropBox().getArrayAsRectangle();
    *w = box.urx > box.llx ? box.urx - box.llx : box.llx - box.urx;
    *h = box.ury > box.lly ? box.ury - box.lly : box.lly - box.ury;
    QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
    int r = rotate.isInteger() ? ((rotate.getIntValueAsInt() % 360) + 360) % 360 : 0;
    if (r == 90 || r == 270)
        std::swap(*w, *h);
}

// Collects decoded stream data up to a limit, then gives up.
class Capped : public Pipeline {
  public:
    explicit Capped(size_t limit) : Pipeline("capped", nullptr), limit(limit) {}
    void write(unsigned char const *data, size_t len) override
    {
        if (len > limit - bytes.size())
            throw std::length_error("XMP metadata larger than 4 MB");
        bytes.append(reinterpret_cast<const char *>(data), len);
    }
    void finish() override {}
    std::string bytes;

  private:
    size_t limit;
};

static void read_xmp(QPDF &pdf, GwiPdfFacts *f)
{
    QPDFObjectHandle meta = pdf.getRoot().getKey("/Metadata");
    if (!meta.isStream())
        return;
    Capped data(MAX_XMP);
    if (!meta.pipeStreamData(&data, 0, qpdf_dl_generalized, true))
        return;
    f->xmp = g_strndup(data.bytes.data(), data.bytes.size());
    f->xmp_len = data.bytes.size();
}

static void read_info(QPDF &pdf, GwiPdfFacts *f)
{
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    if (!info.isDictionary())
        return;
    for (auto const &key : info.getKeys()) {
        QPDFObjectHandle v = info.getKey(key);
        if (!v.isString())
            continue;
        g_ptr_array_add(f->info, g_utf8_make_valid(key.c_str() + 1, -1));
        g_ptr_array_add(f->info, g_utf8_make_valid(v.getUTF8Value().c_str(), -1));
    }
}

static std::string name_of(QPDFObjectHandle dict, const char *key)
{
    QPDFObjectHandle v = dict.isDictionary() ? dict.getKey(key) : QPDFObjectHandle::newNull();
    return v.isName() ? v.getName() : std::string();
}

// The font's type as pdffonts names it, and whether its program is embedded.
static std::string font_type(QPDFObjectHandle font, bool *embedded)
{
    std::string subtype = name_of(font, "/Subtype");
    if (subtype == "/Type3") {
        *embedded = true; // its glyphs are content streams
        return "Type 3";
    }
    QPDFObjectHandle cid = font;
    if (subtype == "/Type0") {
        QPDFObjectHandle kids = font.getKey("/DescendantFonts");
        cid = kids.isArray() && kids.getArrayNItems() > 0 ? kids.getArrayItem(0) : QPDFObjectHandle::newNull();
    }
    QPDFObjectHandle desc = cid.isDictionary() ? cid.getKey("/FontDescriptor") : QPDFObjectHandle::newNull();
    bool have1 = desc.isDictionary() && desc.getKey("/FontFile").isStream();
    bool have2 = desc.isDictionary() && desc.getKey("/FontFile2").isStream();
    QPDFObjectHandle ff3 = desc.isDictionary() ? desc.getKey("/FontFile3") : QPDFObjectHandle::newNull();
    bool have3 = ff3.isStream();
    *embedded = have1 || have2 || have3;
    std::string ff3_type = have3 ? name_of(ff3.getDict(), "/Subtype") : std::string();
    std::string ot = ff3_type == "/OpenType" ? " (OT)" : "";
    std::string cff = have3 ? "C" : "";
    if (subtype == "/Type0") {
        std::string kind = name_of(cid, "/Subtype");
        return kind == "/CIDFontType2" ? "CID TrueType" + ot : "CID Type 0" + cff + ot;
    }
    if (subtype == "/TrueType")
        return "TrueType" + ot;
    if (subtype == "/Type1" || subtype == "/MMType1")
        return "Type 1" + cff + ot;
    return subtype.empty() ? "unknown" : subtype.substr(1);
}

static void add_fonts(QPDFObjectHandle resources, std::set<QPDFObjGen> &seen, GPtrArray *fonts)
{
    QPDFObjectHandle dict = resources.isDictionary() ? resources.getKey("/Font") : QPDFObjectHandle::newNull();
    if (!dict.isDictionary())
        return;
    for (auto const &key : dict.getKeys()) {
        QPDFObjectHandle font = dict.getKey(key);
        if (!font.isDictionary() || (font.isIndirect() && !seen.insert(font.getObjGen()).second))
            continue;
        GwiPdfFont *f = g_new0(GwiPdfFont, 1);
        bool embedded = false;
        f->type = g_strdup(font_type(font, &embedded).c_str());
        f->embedded = embedded;
        std::string base = name_of(font, "/BaseFont");
        f->name = g_utf8_make_valid(base.empty() ? "[none]" : base.c_str() + 1, -1);
        g_ptr_array_add(fonts, f);
    }
}

static void font_free(gpointer p)
{
    GwiPdfFont *f = static_cast<GwiPdfFont *>(p);
    g_free(f->name);
    g_free(f->type);
    g_free(f);
}

static void read_fonts(std::vector<QPDFPageObjectHelper> &pages, GwiPdfFacts *f)
{
    f->fonts = g_ptr_array_new_with_free_func(font_free);
    std::set<QPDFObjGen> seen;
    for (auto &page : pages) {
        add_fonts(page.getAttribute("/Resources", false), seen, f->fonts);
        page.forEachFormXObject(true, [&](QPDFObjectHandle &form, QPDFObjectHandle &, std::string const &) {
            add_fonts(form.getDict().getKey("/Resources"), seen, f->fonts);
        });
    }
}

extern "C" gboolean gwm_pdf_facts(const char *path, gboolean with_fonts, GwiPdfFacts *f, GError **error)
{
    f->sizes = g_array_new(FALSE, FALSE, sizeof(double));
    f->info = g_ptr_array_new_with_free_func(g_free);
    try {
        QPDF pdf;
        gwm_open_pdf(pdf, path);
        f->version = g_strdup(pdf.getPDFVersion().c_str());
        f->encrypted = pdf.isEncrypted();
        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
        for (auto &page : pages) {
            double wh[2];
            gwm_page_size(page, &wh[0], &wh[1]);
            g_array_append_vals(f->sizes, wh, 2);
        }
        read_info(pdf, f);
        read_xmp(pdf, f);
        QPDFObjectHandle mark = pdf.getRoot().getKey("/MarkInfo");
        f->tagged = mark.isDictionary() && mark.getKey("/Marked").isBool() && mark.getKey("/Marked").getBoolValue();
        if (with_fonts)
            read_fonts(pages, f);
        return TRUE;
    } catch (std::exception &e) {
        gwm_set_error(error, path, e.what());
        return FALSE;
    }
}
