/* outline.h: the outline labels of Chinese official documents (GB/T 9704
 * §7.3.3), shared by the readers that find headings in plain text: the text
 * reader, the HTML reader and the report tables' section matching.
 *
 *   level 1  一、        Chinese numeral + 、
 *   level 2  （一） (一)  Chinese numeral in full- or half-width parentheses
 *   level 3  1. 1． 1、   Arabic number (half- or full-width digits) + . ． or 、
 *   level 4  （1） (1)    Arabic number in parentheses
 *
 * "一是…" and "1.5亿元" are not labels.  All functions take UTF-8 text and
 * skip leading white space (ASCII, U+00A0, U+3000). */
#ifndef GW_OUTLINE_H
#define GW_OUTLINE_H

#include <glib.h>

/* The longest heading text (in characters, after the label) a labelled line
 * may have and still be a heading, or have a lead sentence. */
#define GWI_OUTLINE_HEADING_MAX 40

/* TRUE when `line` starts with an outline label: `level` (1..4) receives its
 * level and `label_len` the bytes from the start of the line to the text
 * after the label (leading and following white space included).  Either
 * pointer may be NULL. */
gboolean gwi_outline_detect(const char *line, int *level, gsize *label_len);

/* The number of the label ("三、" 3, "（12）" 12), or 0 when `line` has none. */
int gwi_outline_number(const char *line);

/* TRUE when `line` is a heading on its own: a label followed by at most
 * GWI_OUTLINE_HEADING_MAX characters with no sentence inside (no 。；！？) and
 * no trailing ：，、 or . ("主要有以下几个方面：" introduces a list). */
gboolean gwi_outline_is_heading(const char *line);

/* For a labelled paragraph that opens with a short lead sentence
 * ("（一）加强组织领导。各单位要……", or just "1.健全工作机制。"), the bytes of the
 * label and the lead sentence including its 。！？; 0 otherwise. */
gsize gwi_outline_lead_len(const char *line);

/* For a line that opens an attachment list ("附件：", "附件:", spaces allowed
 * before the colon): the bytes of that label with the white space after
 * it; 0 otherwise. */
gsize gwi_outline_attachments_label(const char *line);

#endif
