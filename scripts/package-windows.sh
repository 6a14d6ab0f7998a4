#!/usr/bin/env bash
# Builds the Windows installer with Debian's makensis:
#   scripts/package-windows.sh VERSION BIN_DIR OUT.exe
# BIN_DIR holds imbang-desktop.exe and imbang.exe (make windows).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=$1 BIN=$(realpath "$2") OUT=$(realpath -m "$3")
V4=$(echo "$VERSION" | sed -E 's/^([0-9]+)\.([0-9]+)\.([0-9]+).*/\1.\2.\3.0/')
mkdir -p "$(dirname "$OUT")"
cd build/windows
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DVERSION4="$V4" -DBIN="$BIN" -DOUT="$OUT" installer.nsi
echo "$OUT"
