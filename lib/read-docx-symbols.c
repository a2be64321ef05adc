/* read-docx-symbols.c: characters of the Symbol and Wingdings fonts, which
 * Word stores as private-use code points (U+F020..U+F0FF) or as w:sym,
 * turned into the Unicode characters they show. */
#include <string.h>
#include "read-docx.h"

/* The Symbol font's encoding from 0x20 to 0xFE ("" = no character). */
static const char *const symbol_font[0xFF - 0x20] = {
    " ", "!", "∀", "#", "∃", "%", "&", "∋", "(", ")", "∗", "+", ",", "−", ".", "/",           /* 0x20 */
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",           /* 0x30 */
    "≅", "Α", "Β", "Χ", "Δ", "Ε", "Φ", "Γ", "Η", "Ι", "ϑ", "Κ", "Λ", "Μ", "Ν", "Ο",           /* 0x40 */
    "Π", "Θ", "Ρ", "Σ", "Τ", "Υ", "ς", "Ω", "Ξ", "Ψ", "Ζ", "[", "∴", "]", "⊥", "_",           /* 0x50 */
    "‾", "α", "β", "χ", "δ", "ε", "φ", "γ", "η", "ι", "ϕ", "κ", "λ", "μ", "ν", "ο",           /* 0x60 */
    "π", "θ", "ρ", "σ", "τ", "υ", "ϖ", "ω", "ξ", "ψ", "ζ", "{", "|", "}", "∼", "",            /* 0x70 */
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",                           /* 0x80 */
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",                           /* 0x90 */
    "€", "ϒ", "′", "≤", "⁄", "∞", "ƒ", "♣", "♦", "♥", "♠", "↔", "←", "↑", "→", "↓",           /* 0xA0 */
    "°", "±", "″", "≥", "×", "∝", "∂", "•", "÷", "≠", "≡", "≈", "…", "⏐", "⎯", "↵",           /* 0xB0 */
    "ℵ", "ℑ", "ℜ", "℘", "⊗", "⊕", "∅", "∩", "∪", "⊃", "⊇", "⊄", "⊂", "⊆", "∈", "∉",           /* 0xC0 */
    "∠", "∇", "®", "©", "™", "∏", "√", "⋅", "¬", "∧", "∨", "⇔", "⇐", "⇑", "⇒", "⇓",           /* 0xD0 */
    "◊", "〈", "®", "©", "™", "∑", "⎛", "⎜", "⎝", "⎡", "⎢", "⎣", "⎧", "⎨", "⎩", "⎪",           /* 0xE0 */
    "", "〉", "∫", "⌠", "⎮", "⌡", "⎞", "⎟", "⎠", "⎤", "⎥", "⎦", "⎫", "⎬", "⎭",                 /* 0xF0 */
};

/* The Wingdings characters documents use as bullets and marks. */
static const struct {
    guint8 code;
    const char *text;
} wingdings[] = {
    { 0x6C, "●" }, { 0x6E, "■" }, { 0x6F, "□" }, { 0x71, "❑" }, { 0x75, "◆" }, { 0x76, "❖" }, { 0x9F, "•" },
    { 0xA1, "○" }, { 0xA7, "▪" }, { 0xA8, "◻" }, { 0xD8, "➢" }, { 0xE0, "➔" }, { 0xE8, "➔" }, { 0xFB, "✗" },
    { 0xFC, "✓" }, { 0xFD, "☒" }, { 0xFE, "☑" },
};

static const char *wingdings_char(guint code)
{
    for (guint i = 0; i < G_N_ELEMENTS(wingdings); i++)
        if (wingdings[i].code == code)
            return wingdings[i].text;
    return NULL;
}

static const char *symbol_char(guint code)
{
    const char *s = code >= 0x20 && code < 0xFF ? symbol_font[code - 0x20] : NULL;
    return s && *s ? s : NULL;
}

const char *gwi_symbol_text(const char *font, gunichar c)
{
    gboolean pua = c >= 0xF020 && c <= 0xF0FF;
    guint code = c & 0xFF;
    if (font && g_ascii_strcasecmp(font, "Symbol") == 0 && (pua || c < 0x100))
        return symbol_char(code);
    if (font && g_ascii_strncasecmp(font, "Wingdings", 9) == 0 && (pua || c < 0x100))
        return wingdings_char(code);
    if (!pua)
        return NULL;
    /* Font unknown: the bullets of both fonts (their codes do not clash). */
    if (code == 0xB7)
        return "•";
    return wingdings_char(code);
}

char *gwi_map_symbols(const char *font, const char *text)
{
    GString *out = g_string_sized_new(strlen(text));
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        const char *mapped = c >= 0xF020 && c <= 0xF0FF ? gwi_symbol_text(font, c) : NULL;
        if (mapped)
            g_string_append(out, mapped);
        else
            g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}
