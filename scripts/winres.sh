#!/usr/bin/env bash
# Writes the Windows resources (icon, manifest, version in the file
# properties) of the desktop app and the CLI as .syso files, which go build
# links into the Windows executables only:  scripts/winres.sh VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=$1
V4=$(echo "$VERSION" | sed -E 's/^v?([0-9]+)\.([0-9]+)\.([0-9]+).*/\1.\2.\3.0/')
echo "$V4" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+\.0$' || V4=0.0.0.0
WINRES="go run github.com/tc-hib/go-winres@v0.3.3"
common=(--arch amd64 --icon build/windows/icon.ico --product-name Imbang --copyright "BKPSDM Kota Sorong"
  --product-version "$V4" --file-version "$V4")
$WINRES simply "${common[@]}" --manifest gui --file-description "Imbang — Mutasi ASN Seimbang" \
  --original-filename imbang-desktop.exe --out rsrc
$WINRES simply "${common[@]}" --manifest cli --file-description "Imbang CLI" \
  --original-filename imbang.exe --out cmd/imbang/rsrc
