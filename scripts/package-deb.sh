#!/usr/bin/env bash
# Builds the Debian package of the desktop app and its CLI with dpkg-deb:
#   scripts/package-deb.sh VERSION DESKTOP CLI OUT.deb
# The dependencies are the WebKitGTK runtime the desktop binary was linked
# against (4.0 on Debian 12, 4.1 on Debian 13 / Ubuntu 24.04).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=$1 DESKTOP=$2 CLI=$3 OUT=$4
if ldd "$DESKTOP" 2>/dev/null | grep -q 'libwebkit2gtk-4.1'; then
  WEBKIT=libwebkit2gtk-4.1-0
else
  WEBKIT=libwebkit2gtk-4.0-37
fi
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
install -Dm755 "$DESKTOP" "$ROOT/usr/bin/imbang-desktop"
install -Dm755 "$CLI" "$ROOT/usr/bin/imbang"
install -Dm644 build/linux/imbang.desktop "$ROOT/usr/share/applications/imbang.desktop"
install -Dm644 build/linux/imbang.png "$ROOT/usr/share/icons/hicolor/256x256/apps/imbang.png"
install -Dm644 build/linux/imbang.png "$ROOT/usr/share/pixmaps/imbang.png"
mkdir -p "$ROOT/usr/share/doc/imbang"
cat > "$ROOT/usr/share/doc/imbang/copyright" <<'TXT'
Imbang — Mutasi ASN Seimbang
Copyright: BKPSDM Kota Sorong
The program keeps its data in ~/.config/Imbang (removing the package keeps it).
TXT
SIZE=$(du -sk "$ROOT/usr" | cut -f1)
mkdir -p "$ROOT/DEBIAN"
cat > "$ROOT/DEBIAN/control" <<CTRL
Package: imbang
Version: $VERSION
Architecture: amd64
Maintainer: BKPSDM Kota Sorong <bkpsdm@sorongkota.go.id>
Installed-Size: $SIZE
Depends: libc6, libgtk-3-0, $WEBKIT
Section: misc
Priority: optional
Homepage: https://github.com/bkpsdm-sorong/imbang
Description: Imbang — mutasi ASN seimbang (desktop BKPSDM dan OPD)
 Aplikasi desktop luring untuk analisis beban kerja dan mutasi ASN,
 dengan sinkronisasi ke server BKPSDM dan pembaruan bertanda tangan.
 Paket ini memuat aplikasi desktop (imbang-desktop) dan CLI (imbang).
CTRL
mkdir -p "$(dirname "$OUT")"
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$OUT" >/dev/null
echo "$OUT"
