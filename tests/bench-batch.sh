#!/bin/sh
# bench-batch.sh GONGWEN: the batch benchmark of issue 6.
#
# Makes BENCH_BATCH_FILES (default 400) varied documents (short notices to
# 50-page reports, tables, lists) as text/HTML, turns them into DOCX with
# gongwen itself, then converts the DOCX to PDF with `gongwen batch -j 2` and
# with one `soffice --headless --convert-to pdf` call over the same files.
# Prints both throughputs, their ratio (bar: >= 100), the peak memory of a
# gongwen worker, and the time of a rerun with nothing changed (bar: < 5%).
# Prints "bench-batch: SKIP: why" when a needed part is missing.
set -u
G=${1:?usage: bench-batch.sh GONGWEN}
N=${BENCH_BATCH_FILES:-400}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
now_ms() { date +%s%N | cut -c1-13; }
skip() { echo "bench-batch: SKIP: $*"; exit 0; }
# seconds A B: B - A milliseconds as seconds.
seconds() { awk "BEGIN { printf \"%.2f\", ($2 - $1) / 1000 }"; }

# generate DIR HTML_OK: N sources under DIR.  Of every 20: 10 notices (1-2
# pages), 6 reports (3-10 pages), 2 table documents (HTML with a merged
# header and a list when HTML_OK, else numbered text), 1 report of 20-30
# pages, 1 of 40-50.  A page holds about 600 characters: 1800 bytes of
# UTF-8, counted as bytes (LC_ALL=C) by any awk.
generate() {
    mkdir -p "$1/notices" "$1/reports" "$1/tables"
    LC_ALL=C awk -v n="$N" -v dir="$1" -v html="$2" '
    BEGIN {
        srand(9704)
        np = split("各级各部门要高度重视，切实加强组织领导，确保各项工作落到实处。|" \
            "按照市委、市政府的统一部署，结合本区实际，制定本方案。|" \
            "全年共受理政府信息公开申请一千零六十二件，均在法定期限内答复。|" \
            "进一步完善依申请公开工作机制，规范答复文书格式，提升办理质量。|" \
            "坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。|" \
            "加强政策解读，通过新闻发布会、图文解读、专家访谈等形式回应社会关切。|" \
            "各单位于每月五日前将上月工作情况报送区政府办公室。|" \
            "严格落实保密审查制度，做到先审查、后公开，一事一审、全面审查。|" \
            "完成二〇一九年度七十二份文件的有效性评估，按规定标注失效。|" \
            "持续优化营商环境，推动政务服务事项网上可办率达到百分之九十八。|" \
            "本通知自印发之日起施行，由区司法局负责解释。|" \
            "对工作中发现的问题，要立行立改，建立台账，逐项销号。", phrase, "|")
        nh = split("一、总体要求|二、主要任务|三、保障措施|四、工作安排|五、存在的问题及改进情况|六、其他需要报告的事项", head, "|")
        for (i = 1; i <= n; i++) {
            k = i % 20
            if (k < 10)       { kind = "notices"; pages = 1 + rand() }
            else if (k < 16)  { kind = "reports"; pages = 3 + 7 * rand() }
            else if (k < 18)  { kind = "tables";  pages = 2 + 4 * rand() }
            else if (k == 18) { kind = "reports"; pages = 20 + 10 * rand() }
            else              { kind = "reports"; pages = 40 + 10 * rand() }
            ext = kind == "tables" && html ? "html" : "txt"
            file = sprintf("%s/%s/doc%04d.%s", dir, kind, i, ext)
            title = sprintf("临湖区人民政府关于第%d项工作的%s", i, kind == "notices" ? "通知" : "报告")
            if (ext == "html") write_html(file, title, pages); else write_text(file, title, kind, pages)
            close(file)
        }
    }
    function para(   s, len) {
        s = ""; len = 120 + int(rand() * 480)
        while (length(s) < len) s = s phrase[1 + int(rand() * np)]
        return s
    }
    function write_text(file, title, kind, pages,   chars, h, s) {
        printf "---\n标题：%s\n发文机关：临湖区人民政府\n成文日期：2024年1月%d日\n文号：临府发〔2024〕%d号\n---\n", \
            title, 1 + i % 28, i > file
        chars = 0; h = 0
        while (chars < pages * 1800) {
            if (kind != "notices" && (chars == 0 || rand() < 0.12)) {
                h++; print (h <= nh ? head[h] : sprintf("（%d）具体措施", h)) > file
            }
            if (kind == "tables") { s = sprintf("%d. %s", ++item, para()) } else s = para()
            print s > file; chars += length(s)
        }
        if (rand() < 0.3) print "附件：1.工作台账\n2.联系人名单" > file
    }
    function write_html(file, title, pages,   rows, r, c, chars, s) {
        printf "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head><body>\n<h1>%s</h1>\n", \
            title, title > file
        chars = 0
        while (chars < pages * 900) { s = para(); print "<p>" s "</p>" > file; chars += length(s) }
        rows = 5 + int(rand() * 35)
        print "<table border=\"1\"><tr><th rowspan=\"2\">项目</th><th colspan=\"3\">办理结果</th></tr>" > file
        print "<tr><th>予以公开</th><th>部分公开</th><th>不予公开</th></tr>" > file
        for (r = 1; r <= rows; r++) {
            printf "<tr><td>第%d项</td>", r > file
            for (c = 1; c <= 3; c++) printf "<td>%d</td>", int(rand() * 1000) > file
            print "</tr>" > file
        }
        print "</table>\n<ol>" > file
        for (r = 1; r <= 3 + int(rand() * 8); r++) print "<li>" para() "</li>" > file
        print "</ol>\n</body></html>" > file
    }'
}

# Can gongwen read HTML yet?  (Table documents fall back to text.)
printf '<html><body><table><tr><td>1</td></tr></table></body></html>\n' >"$W/probe.html"
html_ok=0
"$G" convert "$W/probe.html" -o "$W/probe.docx" >/dev/null 2>&1 && html_ok=1
generate "$W/gen" $html_ok
[ $html_ok -eq 1 ] || echo "bench-batch: note: gongwen reads no HTML yet: the table documents are numbered text"

"$G" batch "$W/gen" "$W/docx" --to docx -j 2 -q >"$W/gen.log" 2>&1
made=$(find "$W/docx" -name '*.docx' | wc -l)
[ "$made" -eq "$N" ] || skip "gongwen made $made of $N DOCX files: $(grep -m1 -v '^gongwen batch: [0-9]* failed' "$W/gen.log")"

t0=$(now_ms)
"$G" batch "$W/docx" "$W/pdf" -j 2 >"$W/gw.log" 2>&1
t1=$(now_ms)
ok=$(grep -c '"status":"ok"' "$W/pdf/manifest.jsonl" 2>/dev/null)
[ "${ok:-0}" -gt 0 ] || skip "gongwen batch to PDF failed: $(head -3 "$W/gw.log")"
[ "$ok" -eq "$N" ] || echo "bench-batch: note: $((N - ok)) of $N files failed, e.g. $(grep -m1 '^  ' "$W/gw.log")"
pages=$(sed -n 's/.*"pages":\([0-9]*\).*/\1/p' "$W/pdf/manifest.jsonl" | awk '{ s += $1 } END { print s }')
peak=$(sed -n 's/.*peak memory of a worker \([0-9]*\) MB.*/\1/p' "$W/gw.log")
gw_s=$(seconds "$t0" "$t1")
echo "bench-batch: $N DOCX; gongwen made $ok PDF, $pages pages"
echo "bench-batch: gongwen batch -j 2: $gw_s s, $(awk "BEGIN { printf \"%.1f\", $ok / $gw_s }") files/s, peak memory per worker ${peak:-?} MB"
if [ "$ok" -eq "$N" ]; then
    "$G" batch "$W/docx" "$W/pdf" -j 2 -q
    t2=$(now_ms)
    echo "bench-batch: rerun with nothing changed: $(seconds "$t1" "$t2") s ($(awk "BEGIN { printf \"%.1f\", 100 * ($t2 - $t1) / ($t1 - $t0) }")% of the first run; bar < 5%)"
fi

command -v soffice >/dev/null 2>&1 || skip "no soffice for the comparison"
lo() { HOME="$W/lohome" timeout 3600 soffice --headless --norestore -env:UserInstallation="file://$W/lo" "$@"; }
# A first start builds LibreOffice's profile: not part of the race.
lo --convert-to pdf --outdir "$W/lo-warm" "$(find "$W/docx" -name '*.docx' | head -1)" >/dev/null 2>&1
t0=$(now_ms)
if [ -x /usr/bin/time ]; then
    # shellcheck disable=SC2046
    /usr/bin/time -f '%M' -o "$W/lo.mem" sh -c 'HOME="$1" timeout 3600 soffice --headless --norestore \
        -env:UserInstallation="file://$2" --convert-to pdf --outdir "$3" $(find "$4" -name "*.docx")' \
        lo "$W/lohome" "$W/lo" "$W/lo-pdf" "$W/docx" >/dev/null 2>&1
else
    # shellcheck disable=SC2046
    lo --convert-to pdf --outdir "$W/lo-pdf" $(find "$W/docx" -name '*.docx') >/dev/null 2>&1
fi
t1=$(now_ms)
lo_n=$(find "$W/lo-pdf" -name '*.pdf' 2>/dev/null | wc -l)
[ "$lo_n" -gt 0 ] || skip "soffice converted nothing"
# One soffice call has been seen to stop silently after ~250 files.
[ "$lo_n" -eq "$N" ] || echo "bench-batch: note: soffice converted only $lo_n of the $N files it was given"
lo_s=$(seconds "$t0" "$t1")
lo_mem=$([ -s "$W/lo.mem" ] && awk '{ printf "%d MB", $1 / 1024 }' "$W/lo.mem" || echo "?")
echo "bench-batch: soffice --convert-to pdf (one call): $lo_s s for $lo_n files, $(awk "BEGIN { printf \"%.2f\", $lo_n / $lo_s }") files/s, peak memory $lo_mem"
echo "bench-batch: throughput ratio gongwen/LibreOffice: $(awk "BEGIN { printf \"%.0f\", ($ok / $gw_s) / ($lo_n / $lo_s) }")x (bar: >= 100x)"
