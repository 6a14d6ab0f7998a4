#!/usr/bin/env bash
# End-to-end test of the Portal Pegawai in Chromium (docs/portal.md):
# a real `imbang-server serve --portal` with a test clock, seeded the way a
# region is — a BKPSDM desktop (the `imbang` CLI) loads the demo region,
# enrolls and syncs — then letters are issued with `imbang-server portal
# activate`, and e2e/portal.test.mjs walks the employee's journey on a phone
# (360×640) and a desktop viewport. Then the desktops take over: an OPD
# desktop (a second CLI data dir per OPD involved) syncs and sees the request
# and its files, the desktops walk the phone employee's request to execution
# (`usulan decide`), the portal shows each step, the server restarts with
# its test clock seven months on, the employee answers the 6-month
# questionnaire, and after a sync `imbang evaluasi report` on the BKPSDM
# desktop counts the answer. The .mjs runs in phases (PORTAL_PHASE);
# the server, the desktop data dir and the NIPs are in the environment.
# Needs e2e/node_modules (cd e2e && npm ci) and Chromium (CHROMIUM).
set -euo pipefail
cd "$(dirname "$0")/.."

# The server's port: the first one nothing answers on from 28471, below Linux's
# ephemeral range (32768-60999), so no outgoing connection of the suite (the
# PostgreSQL tests' among them) holds it between the server's two starts.
free_port() {
  local p
  for p in $(seq 28471 28670); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  echo "portal-e2e: no free port in 28471-28670 (set PORTAL_E2E_PORT)" >&2
  return 1
}
PORT=${PORTAL_E2E_PORT:-$(free_port)}
# The server's test clock (default: now). Enrollment codes are made with the real
# clock and live 72 h: a later clock makes the desktop enroll fail.
CLOCK=${PORTAL_TEST_CLOCK:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
[ -d e2e/node_modules/playwright-core ] || { echo "portal-e2e: run (cd e2e && npm ci) first"; exit 1; }
mkdir -p build/bin
go build -o build/bin/imbang ./cmd/imbang
go build -o build/bin/imbang-server ./cmd/imbang-server

WORK=$(mktemp -d)
export PORTAL_E2E_WORK=$WORK
SRV_DB=$WORK/server.db
DESK=$WORK/desktop
# PORTAL_E2E_KEEP=1 keeps the work directory (databases, server log) for a look after a failure
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; [ "${PORTAL_E2E_KEEP:-}" = 1 ] && echo "kept $WORK" || rm -rf "$WORK"' EXIT

start_server() { # CLOCK
  ./build/bin/imbang-server serve --http --listen "127.0.0.1:$PORT" --db "$SRV_DB" --portal --test-clock "$1" \
    --rate 0 >> "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "portal-e2e: the server did not start"; cat "$WORK/server.log"; exit 1
}
start_server "$CLOCK"

# a BKPSDM desktop loads the demo region and syncs it to the server
./build/bin/imbang --data-dir "$DESK" demo --size "${PORTAL_E2E_SIZE:-300}" --seed 1 > /dev/null
CODE=$(./build/bin/imbang-server --db "$SRV_DB" enroll --bkpsdm --url "http://127.0.0.1:$PORT" | sed -n 's/^code: //p')
./build/bin/imbang --data-dir "$DESK" enroll --server "http://127.0.0.1:$PORT" --code "$CODE" > /dev/null
./build/bin/imbang --data-dir "$DESK" sync > "$WORK/sync.json"

# two employees (one per viewport) get activation letters
# (PNS in a PELAKSANA post for more than two years: most posts are open to them)
NIPS=$(./build/bin/imbang --data-dir "$DESK" pegawai --search 19 --limit 300 --json | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const rows = JSON.parse(s).rows;
    const good = rows.filter((p) => p.status === "PNS" && p.jenisJabatan === "PELAKSANA" && p.tmtJabatan < "2023-01-01");
    console.log((good.length >= 2 ? good : rows).slice(0, 2).map((p) => p.nip).join(" "));
  });')
set -- $NIPS
PASS=Rahasia-E2e-2026
OUT=$(./build/bin/imbang-server --db "$SRV_DB" portal activate --nip "$1" --nip "$2" --out "$WORK/surat.pdf" \
  --url "http://127.0.0.1:$PORT/portal/" --test-clock "$CLOCK" --print-codes)
export PORTAL_URL="http://127.0.0.1:$PORT/portal/"
export PORTAL_NIP1=$1 PORTAL_NIP2=$2
PORTAL_CODE1=$(echo "$OUT" | awk -v n="$1" '$1 == "code" && $2 == n { print $3 }')
PORTAL_CODE2=$(echo "$OUT" | awk -v n="$2" '$1 == "code" && $2 == n { print $3 }')
export PORTAL_CODE1 PORTAL_CODE2
phase() { (cd e2e && PORTAL_PHASE=$1 node --test portal.test.mjs) }
phase apply

# --- the desktops take over -------------------------------------------------
cli() { ./build/bin/imbang --data-dir "$1" "${@:2}"; }
jq_() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(eval(process.argv[1]))})' "$1"; }
NOMOR=$(cli "$DESK" sync > /dev/null && cli "$DESK" usulan list --search "$PORTAL_NIP1" --json | jq_ 'v.rows[0].nomor')
SHOW=$(cli "$DESK" usulan show "$NOMOR" --json)
ASAL=$(echo "$SHOW" | jq_ 'v.row.opdAsal')
TUJUAN=$(echo "$SHOW" | jq_ 'v.row.opdTujuan')
echo "portal-e2e: request $NOMOR ($ASAL → $TUJUAN)"
# one OPD desktop per OPD involved: enroll and sync
declare -A OPDDESK
for OPD in $ASAL $TUJUAN; do
  [ -n "${OPDDESK[$OPD]:-}" ] && continue
  D=$WORK/opd-$OPD
  C=$(./build/bin/imbang-server --db "$SRV_DB" enroll --opd "$OPD" --url "http://127.0.0.1:$PORT" | sed -n 's/^code: //p')
  cli "$D" enroll --server "http://127.0.0.1:$PORT" --code "$C" > /dev/null
  cli "$D" sync > /dev/null
  OPDDESK[$OPD]=$D
done
# the source OPD's desktop sees the portal request and its two files
D=${OPDDESK[$ASAL]}
cli "$D" usulan show "$NOMOR" --json | jq_ '(()=>{const ok=v.row.aps&&v.row.status==="DIAJUKAN";
  const files=v.dokumen.flatMap(d=>d.lampiran||[]);
  if(!ok||files.length!==2||files.some(f=>f.berkas!=="ADA")) throw new Error("OPD desktop: "+JSON.stringify({row:v.row,files}));
  return "portal-e2e: the OPD desktop has the request and "+files.map(f=>f.namaBerkas).join(", ")})()'
synced() { cli "$DESK" sync > /dev/null; for D in "${OPDDESK[@]}"; do cli "$D" sync > /dev/null; done; }
# Each step is made by a local account of the role the workflow asks for,
# added with `user add` just before it: the server refuses accounts a
# command line mints (a system actor), so the next sync drops the account
# again, while the step itself travels as the device's (docs/accounts.md).
decide() { # DESKTOP ROLE [OPD] KIND [ARGS]
  local desk=$1 role=$2 opd=$3 kind=$4 user=$2-e2e
  synced
  if [ -n "$opd" ]; then
    cli "$desk" user add --username "$user" --nama "$role e2e" --role "$role" --opd "$opd" --password "$PASS" > /dev/null
  else
    cli "$desk" user add --username "$user" --nama "$role e2e" --role "$role" --password "$PASS" > /dev/null
  fi
  # while a WARN rule fails, each forward decision carries the decider's justification
  cli "$desk" usulan decide "$NOMOR" --as "$user" --kind "$kind" --catatan "e2e" \
    --justifikasi "Pegawai memohon sendiri dan unit tujuan membutuhkan tenaga menurut ABK (uji e2e)." "${@:5}" > /dev/null
  synced
}
TMT=${CLOCK:0:10}
# Verification needs the whole checklist verified SESUAI: the employee sent two
# scans through the portal; the rest are placeholder PDFs the verifier attaches.
DOKS=$(mktemp -d)
for k in $(cli "$DESK" usulan show "$NOMOR" --json | jq_ 'v.dokumen.map((d)=>d.kode).join(" ")'); do
  printf '%%PDF-1.4\n%% %s\n%%%%EOF\n' "$k" > "$DOKS/$k.pdf"
done
synced
cli "$DESK" user add --username dok-e2e --nama "verifikator dok" --role verifikator --password "$PASS" > /dev/null
cli "$DESK" usulan dokumen "$NOMOR" --as dok-e2e --lampirkan-dari "$DOKS" --verifikasi > /dev/null
decide "$DESK" verifikator "" VERIFIKASI
decide "${OPDDESK[$ASAL]}" kepala "$ASAL" SETUJUI_OPD_ASAL
[ "$ASAL" = "$TUJUAN" ] || decide "${OPDDESK[$TUJUAN]}" kepala "$TUJUAN" SETUJUI_OPD_TUJUAN
decide "$DESK" tpk "" PERTIMBANGAN_TPK
decide "$DESK" admin "" TETAPKAN_SK --sk-nomor "800/E2E/BKPSDM/${TMT:0:4}" --sk-tanggal "$TMT" --tmt "$TMT"
cli "$DESK" evaluasi report > /dev/null # seeds the evaluation questions (they reach the portal with the sync)
decide "$DESK" admin "" LAKSANAKAN
cli "$DESK" usulan show "$NOMOR" --json | jq_ 'v.row.status==="DILAKSANAKAN"||(()=>{throw new Error("not executed: "+v.row.status)})()' > /dev/null
export PORTAL_SK="800/E2E/BKPSDM/${TMT:0:4}"
[ "$ASAL" = "$TUJUAN" ] && export PORTAL_SAME_OPD=1
phase steps

# seven months on: the server restarts with its test clock past the 6-month date
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
LATER=$(date -u -d "${CLOCK:0:10} + 7 months" +%Y-%m-%dT12:00:00Z)
start_server "$LATER"
phase feedback
cli "$DESK" sync > /dev/null
REPORT=$(cli "$DESK" evaluasi report --by jenis --tanggal "${LATER:0:10}" --json)
echo "$REPORT" | jq_ '(()=>{const t=v.total;
  if(t.done<1||!(t.n.P1>=1)||t.rerata.P1!==4) throw new Error("evaluation report: "+JSON.stringify(t));
  return "portal-e2e: the desktop report counts the portal answer (P1 mean "+t.rerata.P1+", n "+t.n.P1+")"})()'
