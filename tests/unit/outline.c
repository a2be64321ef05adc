/* outline.c: the outline labels 一、（一）1.（1） shared by the readers. */
#include "harness.h"
#include "outline.h"

static void check_label(const char *line, int want_level, const char *want_rest)
{
    int level = 0;
    gsize len = 0;
    gboolean found = gwi_outline_detect(line, &level, &len);
    char *name = g_strdup_printf("outline: '%s' is level %d", line, want_level);
    if (want_level == 0) {
        CHECK(name, !found);
    } else {
        CHECK(name, found && level == want_level);
        CHECK_STR(name, found ? line + len : NULL, want_rest);
    }
    g_free(name);
}

int main(void)
{
    check_label("一、总体情况", 1, "总体情况");
    check_label("十二、其他", 1, "其他");
    check_label("二十三、其他", 1, "其他");
    check_label("（一）主动公开情况", 2, "主动公开情况");
    check_label("(一)主动公开情况", 2, "主动公开情况");
    check_label("（一)混合括号", 2, "混合括号");
    check_label("1.属于国家秘密", 3, "属于国家秘密");
    check_label("１．全角数字", 3, "全角数字");
    check_label("2、顿号", 3, "顿号");
    check_label("（1）第四级", 4, "第四级");
    check_label("(12)第四级", 4, "第四级");
    check_label("　　一、 前有全角空格", 1, "前有全角空格");
    check_label("一是加强组织领导", 0, NULL);
    check_label("1.5亿元投资", 0, NULL);
    check_label("2022年度", 0, NULL);
    check_label("（注）说明", 0, NULL);
    check_label("", 0, NULL);
    check_label("1234.太长的编号", 0, NULL);

    CHECK_INT("outline: number of 三、", gwi_outline_number("三、收到和处理政府信息公开申请情况"), 3);
    CHECK_INT("outline: number of （十二）", gwi_outline_number("（十二）其他"), 12);
    CHECK_INT("outline: number of plain text", gwi_outline_number("正文"), 0);

    CHECK("outline: short labelled line is a heading", gwi_outline_is_heading("二、主动公开政府信息情况"));
    CHECK("outline: heading with 、 inside", gwi_outline_is_heading("四、政府信息公开行政复议、行政诉讼情况"));
    CHECK("outline: sentence is no heading", !gwi_outline_is_heading("（一）加强组织领导。各单位要抓好落实。"));
    CHECK("outline: line ending in ： is no heading", !gwi_outline_is_heading("（二）主要有以下几个方面："));
    CHECK("outline: label alone is no heading", !gwi_outline_is_heading("一、"));
    CHECK("outline: long line is no heading",
          !gwi_outline_is_heading("1.这是一个非常非常长的编号行它没有句号但是字数已经远远超过了四十个字所以不能算作标题而是正文内容的一部分"));

    const char *lead = "（一）加强组织领导。各单位要抓好落实。";
    CHECK_INT("outline: lead sentence length", gwi_outline_lead_len(lead), strlen("（一）加强组织领导。"));
    CHECK_INT("outline: a single sentence is all lead", gwi_outline_lead_len("（一）加强组织领导。"),
              strlen("（一）加强组织领导。"));
    CHECK_INT("outline: lead ends at ！", gwi_outline_lead_len("一、总体情况！全年工作"), strlen("一、总体情况！"));
    CHECK("outline: line ending in ASCII . is no heading", !gwi_outline_is_heading("(1)Review."));
    CHECK_INT("outline: unlabelled line has no lead", gwi_outline_lead_len("加强组织领导。各单位要抓好落实。"), 0);

    CHECK_INT("outline: 附件： label", gwi_outline_attachments_label("附件：1.报告.docx"), strlen("附件："));
    CHECK_INT("outline: 附件 : label with space", gwi_outline_attachments_label("附件 :"), strlen("附件 :"));
    CHECK_INT("outline: 附件 without colon", gwi_outline_attachments_label("附件1"), 0);
    return HARNESS_RESULT();
}
