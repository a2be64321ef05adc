#!/bin/sh
# embed.sh NAME FILE: a C header holding FILE's bytes as `static const char NAME[]`.
set -eu
name=$1 file=$2
printf '/* generated from %s by scripts/embed.sh */\nstatic const char %s[] = {\n' "$file" "$name"
od -An -v -tx1 "$file" | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'
printf '0x00 };\n'
