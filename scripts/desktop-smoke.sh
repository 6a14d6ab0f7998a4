#!/usr/bin/env bash
# Starts the production desktop binary under Xvfb twice — on an empty data dir
# (first-run screen) and on one holding the demo region and an account (login
# screen) — and
# fails unless the window comes up, the UI reports ready and no UI error is
# logged. A third start logs in by keyboard (xdotool) and opens the employee
# list, so the screenshot shows dates as the real WebKitGTK window prints them
# (docs/frontend.md, "Dates"). Screenshots go to build/desktop-*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_AT_BRIDGE=1
BIN=build/bin/imbang-desktop
CLI=build/bin/imbang
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/empty" "$WORK/demo"
"$CLI" --data-dir "$WORK/demo" demo --size 5000 --seed 1 >/dev/null
# With an account the app opens on the login screen (accounts: docs/accounts.md).
"$CLI" --data-dir "$WORK/demo" user add --username admin --nama "Admin BKPSDM" --role admin --password Sorong2026 >/dev/null

run_one() { # name datadir expected-ui-message
  local name=$1 dir=$2 log=build/desktop-$1.log shot=build/desktop-$1.png
  rm -f "$log" "$shot"
  BIN=$BIN DIR=$dir LOG=$log SHOT=$shot xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" dbus-run-session -- bash -euo pipefail -c '
    "$BIN" --data-dir "$DIR" >"$LOG" 2>&1 &
    APP=$!
    trap "kill $APP 2>/dev/null; wait $APP 2>/dev/null || true" EXIT
    for i in $(seq 600); do
      grep -q IMBANG_UI_READY "$LOG" && break
      grep -q IMBANG_UI_ERROR "$LOG" && break
      kill -0 $APP 2>/dev/null || { echo "the app exited early"; cat "$LOG"; exit 1; }
      sleep 0.1
    done
    sleep 1.5 # let charts finish drawing
    import -window root "$SHOT"
  '
  grep -q IMBANG_DOM_READY "$log" || { echo "desktop-$name: no OnDomReady"; cat "$log"; exit 1; }
  grep -q IMBANG_UI_READY "$log" || { echo "desktop-$name: the UI never reported ready"; cat "$log"; exit 1; }
  if grep IMBANG_UI_ERROR "$log"; then echo "desktop-$name: the page showed an error"; exit 1; fi
  grep -q "message=$3" "$log" || { echo "desktop-$name: expected screen $3"; grep IMBANG_UI "$log"; exit 1; }
  echo "desktop-$name: ready in $(grep -o 'IMBANG_DOM_READY ms=[0-9]*' "$log" | cut -d= -f2) ms, screenshot $shot"
}

run_one firstrun "$WORK/empty" firstrun
run_one login "$WORK/demo" login

# The employee list after a keyboard login: its TMT column is a date printed by
# lib/date.ts, in the language chosen (Indonesian by default), not by the
# engine's locale. Checked by eye on build/desktop-pegawai.png; the run fails
# if the UI logs an error or the window does not come up.
log=build/desktop-pegawai.log shot=build/desktop-pegawai.png
rm -f "$log" "$shot"
BIN=$BIN DIR="$WORK/demo" LOG=$log SHOT=$shot xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" dbus-run-session -- bash -euo pipefail -c '
  IMBANG_SMOKE_ROUTE="#/pegawai" "$BIN" --data-dir "$DIR" >"$LOG" 2>&1 &
  APP=$!
  trap "kill $APP 2>/dev/null; wait $APP 2>/dev/null || true" EXIT
  for i in $(seq 600); do
    grep -q IMBANG_UI_READY "$LOG" && break
    kill -0 $APP 2>/dev/null || { echo "the app exited early"; cat "$LOG"; exit 1; }
    sleep 0.1
  done
  sleep 1
  win=$(xdotool search --sync --onlyvisible --name Imbang | head -1)
  xdotool windowfocus --sync "$win" || true
  xdotool type --delay 40 admin
  xdotool key Tab
  xdotool type --delay 40 Sorong2026
  xdotool key Return
  sleep 6 # the login check (argon2id) and the first page of the list
  import -window root "$SHOT"
'
if grep IMBANG_UI_ERROR "$log"; then echo "desktop-pegawai: the page showed an error"; exit 1; fi
echo "desktop-pegawai: screenshot $shot"
