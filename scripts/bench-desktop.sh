#!/usr/bin/env bash
# Desktop start-up and memory against a bare Wails app (make bench-desktop;
# figures in docs/performance.md, "Desktop start-up"). Not part of make test.
#
# Builds the Wails v2 react-ts template ("bare", with one effect added that
# logs when its page is rendered) with the same tags and flags as
# build/bin/imbang-desktop, then under Xvfb starts each BENCH_N times,
# alternately, and measures from the moment of starting:
#   window  the X window is mapped (xdotool search --onlyvisible --pid)
#   ready   the first screen rendered: Imbang's IMBANG_UI_READY log line (as
#           scripts/desktop-smoke.sh waits for it), bare's BARE_UI_READY
#   pss     the whole process tree's PSS (the app and its WebKit processes,
#           /proc/PID/smaps_rollup) BENCH_SETTLE seconds after that, and its
#           USS (private pages), which does not move with the neighbours
# and, with BENCH_LOGIN=1, Imbang's PSS again after a keyboard login with the
# Beranda dashboard drawn (BENCH_DASH_SETTLE seconds after pressing Enter).
# Imbang runs on a data dir with the demo region (BENCH_SIZE employees) and an
# account, so its first screen is the login page. Prints every run and the
# medians, with the ratios Imbang ÷ bare (aims: ready ≤ 1.5 × bare's window,
# PSS ≤ 1.2 × bare). Fails only when a run measured nothing. BENCH_BIN picks
# another desktop binary (e.g. one built with other settings) to compare;
# BENCH_BASE names a second Imbang binary (e.g. the previous commit's) started
# in the same rounds, for before/after figures from one run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export NO_AT_BRIDGE=1
export PATH="$PATH:$HOME/go/bin:/usr/local/go/bin"

N=${BENCH_N:-5}
SIZE=${BENCH_SIZE:-5000}
SETTLE=${BENCH_SETTLE:-3}
DASH_SETTLE=${BENCH_DASH_SETTLE:-10}
LOGIN=${BENCH_LOGIN:-0}
BIN=${BENCH_BIN:-build/bin/imbang-desktop}
BASE=${BENCH_BASE:-}
CLI=build/bin/imbang
WAILS_VERSION=${WAILS_VERSION:-v2.13.0}
for f in "$BIN" "$CLI"; do [ -x "$f" ] || { echo "bench-desktop: $f is not built (make build)"; exit 1; }; done
BIN=$(realpath "$BIN")
KINDS="bare imbang"
if [ -n "$BASE" ]; then
  [ -x "$BASE" ] || { echo "bench-desktop: BENCH_BASE $BASE is not an executable"; exit 1; }
  BASE=$(realpath "$BASE") KINDS="bare base imbang"
fi
[ -d frontend/node_modules/vite ] || { echo "bench-desktop: frontend/node_modules is not installed (make node-deps)"; exit 1; }
for c in xvfb-run dbus-run-session xdotool; do command -v $c >/dev/null || { echo "bench-desktop: $c is missing (make system-deps)"; exit 1; }; done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The bare app: the template untouched, built the way the Makefile builds Imbang.
TAGS=desktop,production
if ! pkg-config --exists webkit2gtk-4.0 2>/dev/null && pkg-config --exists webkit2gtk-4.1 2>/dev/null; then
  TAGS=$TAGS,webkit2_41
fi
command -v wails >/dev/null && wails version | grep -q "$WAILS_VERSION" ||
  go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
wails init -n bare -t react-ts -d "$WORK/bare" >/dev/null
# One addition to the template: its page says when React has committed its
# first screen (an effect, as Imbang's IMBANG_UI_READY), through the Wails
# runtime's log, so bare also has a "ready" to compare with.
sed -i -e "s/^import {useState} from 'react';/import {useEffect, useState} from 'react';/" \
  -e "s/^function App() {/function App() {\n    useEffect(() => { (window as any).runtime.LogPrint('BARE_UI_READY'); }, []);/" \
  "$WORK/bare/frontend/src/App.tsx"
grep -q BARE_UI_READY "$WORK/bare/frontend/src/App.tsx" || { echo "bench-desktop: the template's App.tsx changed; cannot add its ready line"; exit 1; }
# The template's frontend needs react, react-dom, vite and its react plugin:
# Imbang's own frontend dependencies have them (vite only reads them here).
ln -s "$ROOT/frontend/node_modules" "$WORK/bare/frontend/node_modules"
(cd "$WORK/bare/frontend" && ./node_modules/.bin/vite build --logLevel error)
(cd "$WORK/bare" && go build -tags "$TAGS" -ldflags "-w -s" -o "$WORK/bare-build" .)
# Every binary runs from a copy written the same way: a file fresh from the Go
# linker is mapped in larger pieces than a copied one (the same Imbang binary
# measured 23 MiB PSS in its file mapping as linked, 18 MiB copied), which
# would move the PSS by how each binary happened to be written.
cp "$WORK/bare-build" "$WORK/bare-app" && rm "$WORK/bare-build"
BARE=$WORK/bare-app
cp "$BIN" "$WORK/imbang-desktop" && BIN=$WORK/imbang-desktop
if [ -n "$BASE" ]; then cp "$BASE" "$WORK/base-desktop" && BASE=$WORK/base-desktop; fi

mkdir -p "$WORK/demo"
"$CLI" --data-dir "$WORK/demo" demo --size "$SIZE" --seed 1 >/dev/null
"$CLI" --data-dir "$WORK/demo" user add --username admin --nama "Admin BKPSDM" --role admin --password Sorong2026 >/dev/null
# Today's backup exists, as on every start but a day's first: no start copies the file.
"$CLI" --data-dir "$WORK/demo" backup create >/dev/null

# run_one KIND I: one start in its own X server and session bus; appends
# "KIND window_ms ready_ms pss_kib dash_pss_kib cpu_first_ms cpu_settled_ms
# uss_kib dash_uss_kib" to $WORK/results (-1: not measured).
run_one() {
  local kind=$1 i=$2 cmd
  case $kind in
    bare) cmd=("$BARE") ;;
    base) cmd=("$BASE" --data-dir "$WORK/demo") ;;
    *) cmd=("$BIN" --data-dir "$WORK/demo") ;;
  esac
  KIND=$kind LOG=$WORK/$kind-$i.log OUT=$WORK/results SETTLE=$SETTLE DASH_SETTLE=$DASH_SETTLE LOGIN=$LOGIN \
    xvfb-run -a -n "$XDISPLAY" -s "-screen 0 1400x900x24 -nolisten tcp" dbus-run-session -- bash -euo pipefail -c '
    now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
    # A process and all its descendants.
    tree_pids() {
      local pids=$1 all=$1 next p
      while [ -n "$pids" ]; do
        next=""
        for p in $pids; do next="$next $(cat /proc/$p/task/*/children 2>/dev/null || true)"; done
        pids=$(echo $next); all="$all $pids"
      done
      echo $all
    }
    # PSS of a process and all its descendants, in KiB.
    tree_pss() {
      local p
      for p in $(tree_pids $1); do awk "/^Pss:/ {print \$2}" /proc/$p/smaps_rollup 2>/dev/null || true; done | awk "{s+=\$1} END {print s+0}"
    }
    # Private memory (USS: pages no other process maps) of the tree, in KiB:
    # unlike PSS it does not move with what the neighbours run.
    tree_uss() {
      local p
      for p in $(tree_pids $1); do awk "/^Private_(Clean|Dirty):/ {s+=\$2} END {print s+0}" /proc/$p/smaps_rollup 2>/dev/null || true; done | awk "{s+=\$1} END {print s+0}"
    }
    # CPU time (user + system) of the process and its live descendants, in ms:
    # on a loaded machine the wall clock also measures the neighbours.
    tree_cpu() {
      local p hz
      hz=$(getconf CLK_TCK)
      for p in $(tree_pids $1); do sed "s/.*) //" /proc/$p/stat 2>/dev/null || true; done | awk -v hz=$hz "{s+=\$12+\$13} END {print int(s*1000/hz)}"
    }
    t0=$(now_ms)
    "$@" >"$LOG" 2>&1 &
    APP=$!
    trap "kill $APP 2>/dev/null; wait $APP 2>/dev/null || true" EXIT
    window=-1 ready=-1 cpu_first=-1
    for _ in $(seq 3000); do
      kill -0 $APP 2>/dev/null || { echo "bench-desktop: $KIND exited early" >&2; cat "$LOG" >&2; exit 1; }
      if [ $window -lt 0 ] && xdotool search --onlyvisible --pid $APP >/dev/null 2>&1; then
        window=$(( $(now_ms) - t0 ))
        [ "$KIND" != bare ] || cpu_first=$(tree_cpu $APP)
      fi
      if [ "$KIND" != bare ] && [ $ready -lt 0 ] && grep -q IMBANG_UI_READY "$LOG"; then ready=$(( $(now_ms) - t0 )); cpu_first=$(tree_cpu $APP); fi
      if [ "$KIND" = bare ] && [ $ready -lt 0 ] && grep -q BARE_UI_READY "$LOG"; then ready=$(( $(now_ms) - t0 )); fi
      if [ $window -ge 0 ] && [ $ready -ge 0 ]; then break; fi
      sleep 0.01
    done
    [ $window -ge 0 ] || { echo "bench-desktop: $KIND never showed its window" >&2; exit 1; }
    [ $ready -ge 0 ] || { echo "bench-desktop: $KIND never reported ready" >&2; cat "$LOG" >&2; exit 1; }
    if grep IMBANG_UI_ERROR "$LOG" >&2; then echo "bench-desktop: the page showed an error" >&2; exit 1; fi
    sleep "$SETTLE"
    pss=$(tree_pss $APP) uss=$(tree_uss $APP) cpu_settled=$(tree_cpu $APP)
    for p in $APP $(cat /proc/$APP/task/*/children 2>/dev/null); do
      echo "pss $(awk "/^Pss:/ {print \$2}" /proc/$p/smaps_rollup 2>/dev/null) KiB: $(tr "\0" " " </proc/$p/cmdline 2>/dev/null | cut -c1-80)"
    done >"$LOG.pss"
    dash=-1 dash_uss=-1
    if [ "$KIND" != bare ] && [ "$LOGIN" = 1 ]; then
      win=$(xdotool search --onlyvisible --pid $APP | head -1)
      xdotool windowfocus --sync "$win" || true
      xdotool type --delay 40 admin; xdotool key Tab; xdotool type --delay 40 Sorong2026; xdotool key Return
      sleep "$DASH_SETTLE"
      if grep IMBANG_UI_ERROR "$LOG" >&2; then echo "bench-desktop: the dashboard showed an error" >&2; exit 1; fi
      dash=$(tree_pss $APP) dash_uss=$(tree_uss $APP)
    fi
    echo "$KIND $window $ready $pss $dash $cpu_first $cpu_settled $uss $dash_uss" >>"$OUT"
  ' -- "${cmd[@]}"
}

echo "bench-desktop: $N starts each, alternately (demo region of $SIZE, load average $(cut -d" " -f1-3 /proc/loadavg))"
for i in $(seq "$N"); do
  for kind in $KINDS; do
    # Xvfb's and the session bus's chatter goes to a file, shown on failure.
    # xvfb-run -a can hand two sessions started at once the same display
    # (another bench, an e2e run): a start whose app could not open its
    # display runs again once, on another display number.
    XDISPLAY=$((100 + RANDOM % 800)) run_one "$kind" "$i" 2>"$WORK/$kind-$i.err" ||
      { grep -qE "failed to init GTK|cannot open display|Xvfb failed" "$WORK/$kind-$i.err" &&
        echo "  ($kind start $i: no X display, started again)" &&
        XDISPLAY=$((100 + RANDOM % 800)) run_one "$kind" "$i" 2>"$WORK/$kind-$i.err"; } ||
      { cat "$WORK/$kind-$i.err"; exit 1; }
  done
  tail -"$(echo $KINDS | wc -w)" "$WORK/results" | awk -v i="$i" '{printf "  run %d %-6s window %5d ms  ready %5s ms  CPU %5d ms  PSS %6.1f MiB  USS %6.1f MiB (CPU %5d ms at settle)%s\n",
    i, $1, $2, ($3 < 0 ? "-" : $3), $6, $4/1024, $8/1024, $7, ($5 < 0 ? "" : sprintf("  after login PSS %6.1f USS %6.1f MiB", $5/1024, $9/1024))}'
done
[ -z "${BENCH_KEEP:-}" ] || { mkdir -p "$BENCH_KEEP" && cp "$WORK"/*.log* "$WORK/results" "$BENCH_KEEP/"; }

median() { # KIND COLUMN
  awk -v k="$1" -v c="$2" '$1 == k {print $c}' "$WORK/results" | sort -n |
    awk '{v[NR]=$1} END {if (NR == 0) exit 1; print (NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2)}'
}
# Columns: kind window ready pss dash_pss cpu_first cpu_settled; cpu_first is
# the tree's CPU time at the window (bare) or at the first screen (Imbang).
bw=$(median bare 2) br=$(median bare 3) bp=$(median bare 4) bc=$(median bare 6) bs=$(median bare 7) bu=$(median bare 8)
iw=$(median imbang 2) ir=$(median imbang 3) ip=$(median imbang 4) ic=$(median imbang 6) is=$(median imbang 7) iu=$(median imbang 8)
awk -v bw="$bw" -v br="$br" -v bp="$bp" -v bc="$bc" -v bs="$bs" -v bu="$bu" -v iw="$iw" -v ir="$ir" -v ip="$ip" -v ic="$ic" -v is="$is" -v iu="$iu" \
  -v loadavg="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  if (bw <= 0 || bp <= 0 || ip <= 0 || bc <= 0) { print "bench-desktop: measured nothing"; exit 1 }
  printf "medians of %d runs (load average now %s)\n", '"$N"', loadavg
  printf "  bare    window %5d ms  ready %5d ms  CPU at window %5d ms, settled %5d ms  PSS %6.1f MiB\n", bw, br, bc, bs, bp/1024
  printf "  imbang  window %5d ms  ready %5d ms  CPU at ready  %5d ms, settled %5d ms  PSS %6.1f MiB\n", iw, ir, ic, is, ip/1024
  printf "  imbang window / bare window        %.2f x\n", iw/bw
  printf "  imbang ready / bare window         %.2f x  (aim <= 1.5)\n", ir/bw
  printf "  imbang ready / bare ready          %.2f x  (bare ready / its window %.2f x)\n", ir/br, br/bw
  printf "  imbang CPU at ready / bare at window %.2f x; settled %.2f x\n", ic/bc, is/bs
  printf "  imbang PSS / bare PSS              %.2f x  (aim <= 1.2)\n", ip/bp
  printf "  USS (private): bare %6.1f MiB, imbang %6.1f MiB, %.2f x\n", bu/1024, iu/1024, iu/bu
}'
if [ -n "$BASE" ]; then
  aw=$(median base 2) ar=$(median base 3) ap=$(median base 4) ac=$(median base 6) as=$(median base 7) au=$(median base 8)
  awk -v bw="$bw" -v bp="$bp" -v bc="$bc" -v bu="$bu" -v aw="$aw" -v ar="$ar" -v ap="$ap" -v ac="$ac" -v as="$as" -v au="$au" \
    -v ir="$ir" -v ip="$ip" -v ic="$ic" -v iu="$iu" 'BEGIN {
    if (ar <= 0 || ap <= 0) { print "bench-desktop: the base binary measured nothing"; exit 1 }
    printf "  base    window %5d ms  ready %5d ms  CPU at ready  %5d ms, settled %5d ms  PSS %6.1f MiB\n", aw, ar, ac, as, ap/1024
    printf "  base ready / bare window           %.2f x; imbang / base: ready %.2f x, CPU at ready %.2f x\n", ar/bw, ir/ar, ic/ac
    printf "  base PSS / bare PSS                %.2f x; imbang / base: PSS %.2f x, USS %.2f x\n", ap/bp, ip/ap, iu/au
  }'
fi
if [ "$LOGIN" = 1 ]; then
  dp=$(median imbang 5) du=$(median imbang 9)
  awk -v dp="$dp" -v bp="$bp" -v du="$du" -v bu="$bu" 'BEGIN { printf "  imbang on the dashboard            PSS %6.1f MiB, %.2f x bare; USS %6.1f MiB, %.2f x bare\n", dp/1024, dp/bp, du/1024, du/bu }'
fi
