/* fonts.c: gongwen's fontconfig configuration and the Pango font maps that
 * use it.
 *
 * The configuration (data/fonts.conf, embedded at build time) is loaded
 * once per process and made current.  Pango font maps are not thread-safe, so
 * each thread gets its own, kept for the thread's life: a batch worker pays
 * for loading its fonts once. */
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include "layout.h"
#include "fonts-conf.h"

static FcConfig *gw_config;
static char *gw_config_error;
static GPrivate thread_font_map = G_PRIVATE_INIT(g_object_unref);
static GMutex cjk_lock;
static GHashTable *cjk_families; /* family -> GINT_TO_POINTER(1 + has CJK) */

/* gongwen's configuration is complete in itself (data/fonts.conf says why)
 * and becomes fontconfig's current one: Pango's font maps call FcInit in a
 * thread of their own, which would otherwise parse the whole system
 * configuration as well. */
static void load_config(void)
{
    FcConfig *config = FcConfigCreate();
    if (!config || !FcConfigParseAndLoadFromMemory(config, (const FcChar8 *) gw_fonts_conf_data, FcTrue)) {
        gw_config_error = g_strdup("fontconfig: gongwen's fonts.conf does not parse");
    } else if (!FcConfigBuildFonts(config) || !FcConfigSetCurrent(config)) {
        gw_config_error = g_strdup("fontconfig: cannot load the installed fonts");
    } else {
        gw_config = config;
        return;
    }
    if (config)
        FcConfigDestroy(config);
}

gboolean gw_fonts_init(GError **error)
{
    static gsize once;
    if (g_once_init_enter(&once)) {
        load_config();
        g_once_init_leave(&once, 1);
    }
    if (!gw_config) {
        g_set_error_literal(error, GW_ERROR, GW_ERROR_UNSUPPORTED, gw_config_error);
        return FALSE;
    }
    return TRUE;
}

PangoFontMap *gwi_fonts_map(GError **error)
{
    if (!gw_fonts_init(error))
        return NULL;
    PangoFontMap *map = g_private_get(&thread_font_map);
    if (!map) {
        map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), gw_config);
        g_private_set(&thread_font_map, map);
    }
    return map;
}

/* The face fontconfig gives `family` (free it with FcPatternDestroy), or
 * NULL.  The pattern says lang "en" so that the answer does not depend on
 * the locale: for an unknown family a Chinese locale would otherwise pick
 * some CJK face. */
static FcPattern *match_family(const char *family)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *) family);
    FcPatternAddString(pat, FC_LANG, (const FcChar8 *) "en");
    FcConfigSubstitute(gw_config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result;
    FcPattern *font = FcFontMatch(gw_config, pat, &result);
    FcPatternDestroy(pat);
    return font;
}

/* Whether fontconfig gives `family` a face with Chinese glyphs. */
static gboolean match_has_cjk(const char *family)
{
    FcPattern *font = match_family(family);
    FcCharSet *cs = NULL;
    gboolean ok = font && FcPatternGetCharSet(font, FC_CHARSET, 0, &cs) == FcResultMatch &&
                  FcCharSetHasChar(cs, 0x4E2D) && FcCharSetHasChar(cs, 0x6587);
    if (font)
        FcPatternDestroy(font);
    return ok;
}

gboolean gwi_fonts_family_has_cjk(const char *family)
{
    if (!gw_fonts_init(NULL))
        return FALSE;
    g_mutex_lock(&cjk_lock);
    if (!cjk_families)
        cjk_families = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    gpointer known = g_hash_table_lookup(cjk_families, family);
    if (!known) {
        known = GINT_TO_POINTER(1 + match_has_cjk(family));
        g_hash_table_insert(cjk_families, g_strdup(family), known);
    }
    g_mutex_unlock(&cjk_lock);
    return GPOINTER_TO_INT(known) == 2;
}

/* One line of the fingerprint: the file, face index, size and modification
 * time of the face `family` resolves to. */
static void describe_face(GString *out, const char *family)
{
    FcPattern *font = match_family(family);
    FcChar8 *file = NULL;
    int index = 0;
    GStatBuf st = { 0 };
    if (font && FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch) {
        FcPatternGetInteger(font, FC_INDEX, 0, &index);
        g_stat((const char *) file, &st);
    }
    g_string_append_printf(out, "%s\t%s\t%d\t%lld\t%lld\n", family, file ? (const char *) file : "-", index,
                           (long long) st.st_size, (long long) st.st_mtime);
    if (font)
        FcPatternDestroy(font);
}

const char *gwi_fonts_fingerprint(void)
{
    static const char *const families[] = { "仿宋_GB2312", "黑体",    "楷体_GB2312", "方正小标宋简体",
                                            "宋体",        "Times New Roman", "Courier New" };
    static char *fingerprint;
    static gsize once;
    if (g_once_init_enter(&once)) {
        GString *faces = g_string_new("gongwen fonts 1\n");
        for (guint i = 0; gw_fonts_init(NULL) && i < G_N_ELEMENTS(families); i++)
            describe_face(faces, families[i]);
        fingerprint = g_compute_checksum_for_string(G_CHECKSUM_SHA256, faces->str, (gssize) faces->len);
        g_string_free(faces, TRUE);
        g_once_init_leave(&once, 1);
    }
    return fingerprint;
}
