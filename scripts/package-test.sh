#!/usr/bin/env bash
# Tests the packages `make deb installer` built:
#   scripts/package-test.sh VERSION DEB INSTALLER
# .deb: its contents and control fields, installed on this machine (dpkg -i,
# apt-get -f install for missing dependencies), the installed app started
# under Xvfb on a 1366x768 screen to its login screen (window inside the
# screen; screenshot build/package-deb-login.png), then removed again.
# Installer: its contents (7z l), the version in the file properties, then a
# silent install under wine64 (files, shortcuts, uninstall entry, the
# WebView2 check), a silent uninstall that removes the program and keeps the
# data directory, one with /HAPUSDATA that removes it too, and an /ALLUSERS
# install and uninstall. WebView2 does
# not run under Wine, so the app itself is not started there.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=$1 DEB=$2 INSTALLER=$3
export NO_AT_BRIDGE=1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "package-test: $*" >&2; exit 1; }

echo "== .deb: contents"
LIST=$(dpkg-deb -c "$DEB")
for f in ./usr/bin/imbang-desktop ./usr/bin/imbang ./usr/share/applications/imbang.desktop \
         ./usr/share/icons/hicolor/256x256/apps/imbang.png ./usr/share/doc/imbang/copyright; do
  grep -q " $f\$" <<<"$LIST" || fail "$DEB lacks $f"
done
[ "$(dpkg-deb -f "$DEB" Version)" = "$VERSION" ] || fail "version $(dpkg-deb -f "$DEB" Version), want $VERSION"
dpkg-deb -f "$DEB" Depends | grep -Eq 'libwebkit2gtk-4\.[01]' || fail "no WebKitGTK dependency: $(dpkg-deb -f "$DEB" Depends)"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate build/linux/imbang.desktop; fi

echo "== .deb: install"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO dpkg -i "$DEB" || $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q
[ "$(dpkg-query -W -f '${Status} ${Version}' imbang)" = "install ok installed $VERSION" ] || fail "imbang not installed: $(dpkg-query -W -f '${Status} ${Version}' imbang 2>&1)"
command -v imbang-desktop | grep -q '^/usr/bin/' || fail "imbang-desktop not on PATH"

echo "== .deb: start the installed app under Xvfb (1366x768)"
DATA=$WORK/data
/usr/bin/imbang --data-dir "$DATA" demo --size 300 --seed 1 >/dev/null
/usr/bin/imbang --data-dir "$DATA" user add --username admin --nama "Admin BKPSDM" --role admin --password Sorong2026 >/dev/null
LOG=build/package-deb.log SHOT=build/package-deb-login.png
rm -f "$LOG" "$SHOT"
GEOM=$WORK/window.geom
DATA=$DATA LOG=$LOG SHOT=$SHOT GEOM=$GEOM xvfb-run -a -s "-screen 0 1366x768x24 -nolisten tcp" dbus-run-session -- bash -euo pipefail -c '
  imbang-desktop --data-dir "$DATA" >"$LOG" 2>&1 &
  APP=$!
  trap "kill $APP 2>/dev/null; wait $APP 2>/dev/null || true" EXIT
  for i in $(seq 1200); do
    grep -q IMBANG_UI_READY "$LOG" && break
    kill -0 $APP 2>/dev/null || { echo "the installed app exited early"; cat "$LOG"; exit 1; }
    sleep 0.1
  done
  sleep 1.5
  WID=$(xdotool search --onlyvisible --name "Imbang — Mutasi" | head -1)
  xdotool getwindowgeometry --shell "$WID" > "$GEOM"
  import -window root "$SHOT"
'
grep -q "IMBANG_UI_READY message=login" "$LOG" || { cat "$LOG"; fail "the installed app did not reach its login screen"; }
if grep IMBANG_UI_ERROR "$LOG"; then fail "the installed app showed an error"; fi
# shellcheck disable=SC1090
. "$GEOM"
echo "window ${WIDTH}x${HEIGHT} at ${X},${Y}"
[ "$Y" -ge 0 ] && [ "$X" -ge 0 ] && [ $((Y + HEIGHT)) -le 768 ] && [ $((X + WIDTH)) -le 1366 ] || fail "the window ${WIDTH}x${HEIGHT}+${X}+${Y} leaves the 1366x768 screen"
[ -s "$DATA/jendela.json" ] || echo "note: window place not saved (the app was killed, not closed)"
echo "installed app: login screen, screenshot $SHOT"
$SUDO dpkg -r imbang >/dev/null
[ -d "$DATA" ] || fail "removing the package removed the data"

echo "== installer: contents and file properties"
LIST=$(7z l "$INSTALLER")
for f in imbang-desktop.exe imbang.exe icon.ico uninstall.exe; do
  grep -q "$f" <<<"$LIST" || fail "$INSTALLER lacks $f"
done
ver4=$(echo "$VERSION" | sed -E 's/^([0-9]+\.[0-9]+\.[0-9]+).*/\1.0/')
for exe in "$INSTALLER" build/bin/imbang-desktop.exe build/bin/imbang.exe; do
  props=$(strings -el "$exe" | grep -A1 -E '^(ProductVersion|ProductName|FileVersion)$' || true)
  grep -q "Imbang" <<<"$props" || fail "$exe has no product name in its file properties"
  grep -Eq "^($VERSION|$ver4)\$" <<<"$props" || fail "$exe file properties lack version $VERSION: $props"
done

echo "== installer: silent install under wine64"
export WINEPREFIX=$WORK/wine WINEDEBUG=-all WINEARCH=win64 HOME=$WORK/home
mkdir -p "$HOME/Desktop" # wine links the Windows desktop folder here
# Debian's wine64 package keeps wine64 and wineserver in /usr/lib/wine.
WINE64=$(command -v wine64 || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || command -v wineserver64 || echo /usr/lib/wine/wineserver64)
wine64() { "$WINE64" "$@"; }
wineserver() { "$WINESERVER" "$@"; }
timeout 600 "$WINE64" wineboot --init >/dev/null 2>&1 || true
wineserver -w
U=$(ls "$WINEPREFIX/drive_c/users" | grep -vx Public | head -1)
UD="$WINEPREFIX/drive_c/users/$U"
PROG="$UD/AppData/Local/Programs/Imbang"
MENU="$UD/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Imbang"
DATAW="$UD/AppData/Roaming/Imbang"
install_silent() { timeout 600 "$WINE64" "$INSTALLER" /S "$@"; wineserver -w; }
uninstall_silent() { timeout 600 "$WINE64" "C:\\users\\$U\\AppData\\Local\\Programs\\Imbang\\uninstall.exe" /S "$@"; wineserver -w; }
install_silent
for f in imbang-desktop.exe imbang.exe icon.ico uninstall.exe imbang-install.ini; do
  [ -f "$PROG/$f" ] || fail "not installed: $PROG/$f"
done
cmp -s "$PROG/imbang-desktop.exe" build/bin/imbang-desktop.exe || fail "the installed imbang-desktop.exe differs from the build"
[ -f "$MENU/Imbang.lnk" ] || fail "no Start-menu shortcut"
[ -f "$MENU/Hapus Imbang.lnk" ] || fail "no uninstaller shortcut"
DESK=$(find -L "$UD/Desktop" "$HOME/Desktop" -name Imbang.lnk 2>/dev/null | head -1)
[ -n "$DESK" ] || fail "no desktop shortcut"
REG=$(wine64 reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Imbang' 2>/dev/null | tr -d '\r')
grep -q "DisplayVersion.*$VERSION" <<<"$REG" || fail "no uninstall entry with version $VERSION: $REG"
grep -qi "webview2=missing" "$PROG/imbang-install.ini" || fail "the WebView2 check did not run: $(cat "$PROG/imbang-install.ini")"
echo "installed: $(ls "$PROG" | tr '\n' ' '); shortcuts: Start menu, $DESK"

echo "== installer: silent uninstall keeps the data"
mkdir -p "$DATAW/pembaruan" && echo data > "$DATAW/imbang.db"
uninstall_silent
for i in $(seq 60); do [ -e "$PROG/imbang-desktop.exe" ] || break; sleep 1; done
[ ! -e "$PROG/imbang-desktop.exe" ] && [ ! -e "$PROG" ] || fail "the program is still there: $(ls "$PROG")"
[ ! -e "$MENU/Imbang.lnk" ] && [ ! -e "$DESK" ] || fail "shortcuts left behind"
if wine64 reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Imbang' >/dev/null 2>&1; then fail "uninstall entry left behind"; fi
[ -f "$DATAW/imbang.db" ] || fail "the uninstaller removed the data directory"

echo "== installer: reinstall, uninstall /HAPUSDATA removes the data"
install_silent
[ -f "$PROG/imbang-desktop.exe" ] || fail "reinstall failed"
uninstall_silent /HAPUSDATA
for i in $(seq 60); do [ -e "$DATAW" ] || break; sleep 1; done
[ ! -e "$DATAW" ] || fail "/HAPUSDATA kept the data"
echo "== installer: /ALLUSERS (Wine's user counts as an administrator)"
install_silent /ALLUSERS
PF="$WINEPREFIX/drive_c/Program Files/Imbang"
[ -f "$PF/imbang-desktop.exe" ] || fail "/ALLUSERS did not install into Program Files"
grep -q "allusers=1" "$PF/imbang-install.ini" || fail "/ALLUSERS not recorded"
[ -f "$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Imbang/Imbang.lnk" ] || fail "no all-users Start-menu shortcut"
wine64 reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Imbang' >/dev/null 2>&1 || fail "no all-users uninstall entry"
timeout 600 "$WINE64" 'C:\Program Files\Imbang\uninstall.exe' /S; wineserver -w
for i in $(seq 60); do [ -e "$PF" ] || break; sleep 1; done
[ ! -e "$PF" ] || fail "the all-users program is still there"
echo "package-test: all package checks passed"
