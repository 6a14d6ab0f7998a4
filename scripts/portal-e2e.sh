#!/usr/bin/env bash
# End-to-end test of the Portal Pegawai in Chromium (docs/portal.md):
# a real `imbang-server serve --portal` with a test clock, seeded the way a
# region is — a BKPSDM desktop (the `imbang` CLI) loads the demo region,
# enrolls and syncs — then letters are issued with `imbang-server portal
# activate`, and e2e/portal.test.mjs walks the employee's journey on a phone
# (360×640) and a desktop viewport. Extend it by adding steps to the .mjs
# (the server, the desktop data dir and the NIPs are in the environment).
# Needs e2e/node_modules (cd e2e && npm ci) and Chromium (CHROMIUM).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORTAL_E2E_PORT:-38471}
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
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

./build/bin/imbang-server serve --http --listen "127.0.0.1:$PORT" --db "$SRV_DB" --portal --test-clock "$CLOCK" \
  --rate 0 > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done

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
OUT=$(./build/bin/imbang-server --db "$SRV_DB" portal activate --nip "$1" --nip "$2" --out "$WORK/surat.pdf" \
  --url "http://127.0.0.1:$PORT/portal/" --test-clock "$CLOCK" --print-codes)
export PORTAL_URL="http://127.0.0.1:$PORT/portal/"
export PORTAL_NIP1=$1 PORTAL_NIP2=$2
PORTAL_CODE1=$(echo "$OUT" | awk -v n="$1" '$1 == "code" && $2 == n { print $3 }')
PORTAL_CODE2=$(echo "$OUT" | awk -v n="$2" '$1 == "code" && $2 == n { print $3 }')
export PORTAL_CODE1 PORTAL_CODE2
(cd e2e && node --test portal.test.mjs)
