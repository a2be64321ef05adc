#!/bin/sh
# install-deps.sh [--interop]: install the Debian packages gongwen needs to
# build and test; with --interop also the independent readers the interop
# tests compare against (LibreOffice, pandoc, python3-docx).  Does nothing
# when everything is present.
set -eu
# libjson-glib-dev: reads and writes the batch manifest (JSON lines).
# libharfbuzz-dev (under Pango): a font's line height read from its HarfBuzz font.
# libjpeg-dev: JPEG pictures are decoded for PNG output and passed through unchanged into PDF.
# libqpdf-dev and libpoppler-glib-dev: the module gongwen-pdf.so reads existing PDFs (qpdf:
# stamp overlays, gongwen info; poppler: the text of their first page, to find the 文号)
# and writes PDF/A (qpdf).  icc-profiles-free: the sRGB ICC profile of PDF/A's output
# intent (/usr/share/color/icc/sRGB.icc, read at run time).
BUILD="build-essential pkg-config clang libclang-rt-14-dev libglib2.0-dev libjson-glib-dev libzip-dev libxml2-dev
 libcairo2-dev libpango1.0-dev libharfbuzz-dev libfontconfig-dev zlib1g-dev libqpdf-dev libpoppler-glib-dev libjpeg-dev
 icc-profiles-free"
# fonts-crosextra-carlito/-caladea: metric-compatible Calibri and Cambria (Office's default faces).
FONTS="fontconfig fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fonts-arphic-gbsn00lp
 fonts-arphic-gkai00mp fonts-wqy-zenhei fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea"
# strace: the signal tests hold each write of the command, so that the signal lands mid-output.
TEST="poppler-utils qpdf time unzip strace"
INTEROP="libreoffice-writer-nogui libreoffice-calc-nogui pandoc python3-docx"
want="$BUILD $FONTS $TEST"
[ "${1:-}" = "--interop" ] && want="$want $INTEROP"
missing=""
for p in $want; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
