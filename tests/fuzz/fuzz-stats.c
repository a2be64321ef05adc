/* fuzz-stats: the statistics file of the annual report (gongwen/report.h):
 * parse it, build the three standard tables, place them in a report
 * skeleton and check the result.  Until gongwen/report.h is part of the
 * tree the target runs nothing. */
#include "fuzz.h"
#if __has_include("gongwen/report.h")
#include "gongwen/report.h"
#define HAVE_REPORT 1
#endif

FUZZ_DEFAULT_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef HAVE_REPORT
    static const char skeleton[] = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
                                   "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n";
    GwReportStats *stats = gw_report_stats_parse((const char *) data, size, "fuzz.ini", NULL);
    if (!stats)
        return 0;
    GwDocument *doc = gw_read_text(skeleton, strlen(skeleton), "report.txt", NULL, NULL);
    if (doc && gw_report_insert_tables(doc, stats, NULL)) {
        GwReportCheck *check = gw_report_check(doc, stats);
        for (guint i = 0; i < gw_report_check_n_findings(check); i++)
            gw_report_check_get_message(check, i);
        gw_report_check_free(check);
    }
    fuzz_walk(doc);
    gw_document_free(doc);
    gw_report_stats_free(stats);
#else
    (void) data;
    (void) size;
#endif
    return 0;
}
