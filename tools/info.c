/* info.c: gongwen info FILE... [--json]: pages, page size, fonts, metadata,
 * PDF/A claim and validity status of PDF and DOCX files. */
#include <stdio.h>
#include "cli.h"

/* `text` padded with spaces to `width` columns, Chinese characters taking two. */
static void print_padded(const char *text, int width)
{
    int used = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p))
        used += g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;
    printf("%s%*s", text, MAX(width - used, 1), "");
}

static void print_page_size(const GwInfo *info)
{
    double w, h;
    if (!gw_info_get_page_size(info, &w, &h)) {
        printf("Page size:  unknown\n");
        return;
    }
    const char *name = gw_info_get_page_size_name(info);
    printf("Page size:  %.2f x %.2f pt, %.0f x %.0f mm%s%s%s\n", w, h, w * 25.4 / 72, h * 25.4 / 72,
           name ? " (" : "", name ? name : "", name ? (w > h ? ", landscape)" : ")") : "");
}

static void print_text(const GwInfo *info)
{
    static const char *const gongwen[] = { "number", "issuer", "date", "status", "statusDate", "source", "sourceSHA256" };
    gboolean pdf = g_str_equal(gw_info_get_format(info), "pdf");
    printf("File:       %s\n", gw_info_get_file(info));
    if (pdf)
        printf("Format:     PDF %s\n", gw_info_get_version(info));
    else
        printf("Format:     DOCX\n");
    if (gw_info_get_n_pages(info) >= 0)
        printf("Pages:      %d\n", gw_info_get_n_pages(info));
    else
        printf("Pages:      not recorded in the file\n");
    print_page_size(info);
    if (pdf) {
        const char *pdfa = gw_info_get_pdfa(info);
        printf("PDF/A:      %s%s\n", pdfa ? "PDF/A-" : "no claim", pdfa ? pdfa : "");
        printf("Tagged:     %s\n", gw_info_get_tagged(info) ? "yes" : "no");
        printf("Encrypted:  %s\n", gw_info_get_encrypted(info) ? "yes" : "no");
    }
    const char *status = gw_info_get_gongwen(info, "status"), *since = gw_info_get_gongwen(info, "statusDate");
    printf("Status:     %s%s%s%s\n", status ? status : "not recorded", since ? " (" : "", since ? since : "",
           since ? ")" : "");
    printf("gongwen metadata:\n");
    gboolean any = FALSE;
    for (guint i = 0; i < G_N_ELEMENTS(gongwen); i++) {
        const char *v = gw_info_get_gongwen(info, gongwen[i]);
        if (v)
            printf("  %-15s%s\n", gongwen[i], v);
        any |= v != NULL;
    }
    if (!any)
        printf("  none\n");
    printf("Metadata:\n");
    for (guint i = 0; i < gw_info_n_meta(info); i++) {
        const char *key, *value;
        gw_info_get_meta(info, i, &key, &value);
        printf("  ");
        print_padded(key, 17);
        printf("%s\n", value);
    }
    printf("Fonts:\n");
    for (guint i = 0; i < gw_info_n_fonts(info); i++) {
        const char *name, *type;
        gboolean embedded;
        gw_info_get_font(info, i, &name, &type, &embedded);
        printf("  ");
        print_padded(name, 38);
        print_padded(*type ? type : "-", 17);
        printf("%s\n", embedded ? "embedded" : "not embedded");
    }
}

int cmd_info(int argc, char **argv)
{
    gboolean json = FALSE;
    GOptionEntry entries[] = {
        { "json", 0, 0, G_OPTION_ARG_NONE, &json, "one line of JSON per file", NULL },
        { NULL }
    };
    GOptionContext *ctx = g_option_context_new("FILE... - what PDF and DOCX files say about themselves");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, "Pages, page size, fonts (embedded or not), metadata, PDF/A claim and\n"
                                          "validity status, from the files' own objects.\n"
                                          "Exit status: 0 success, 1 a file could not be read, 2 usage error.\n"
                                          "See gongwen-info(1).");
    int rc = EXIT_USAGE;
    if (!cli_parse(ctx, "info", &argc, &argv))
        goto out;
    if (argc < 2) {
        rc = cli_usage_error("info", "no file given");
        goto out;
    }
    rc = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        GError *error = NULL;
        GwInfo *info = gw_info_read(argv[i], &error);
        if (!info) {
            cli_report(error);
            rc = EXIT_FAILED;
            continue;
        }
        if (json) {
            char *line = gw_info_to_json(info);
            printf("%s\n", line);
            g_free(line);
        } else {
            if (i > 1)
                printf("\n");
            print_text(info);
        }
        gw_info_free(info);
    }
out:
    g_option_context_free(ctx);
    return rc;
}
