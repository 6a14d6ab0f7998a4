#!/usr/bin/env bash
# End-to-end UI test against the real Go backend (docs/development.md).
# Builds the dev binary, starts it under Xvfb on a fresh data dir with the
# Wails dev server (bindings over a websocket), then drives the UI with
# headless Chromium from e2e/ (node:test + playwright-core).
# Needs frontend/dist built and e2e/node_modules installed (the Makefile does
# both). Screenshots: build/e2e-*.png, and build/a11y/ (every main page at
# 1024x640 and 1366x768, in both languages); app log: build/ui-test-app.log.
# e2e/a11y.test.mjs runs twice: on the empty data dir (the first-run screen),
# then after app.test.mjs on its demo region (every page, keyboard journeys);
# kepala.test.mjs walks a kepala OPD through their OPD between the two.
# Dev builds expose every binding on an unauthenticated localhost port: tests only.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${UI_TEST_PORT:-34115}
[ -f frontend/dist/index.html ] || { echo "ui-test: frontend/dist is not built (cd frontend && npm run build)"; exit 1; }
[ -d e2e/node_modules/playwright-core ] || { echo "ui-test: run (cd e2e && npm ci) first"; exit 1; }
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "ui-test: port $PORT is already in use (set UI_TEST_PORT)"; exit 1
fi

# Newer distros (Debian 13, Ubuntu 24.04) ship only WebKitGTK 4.1.
TAGS=dev
if ! pkg-config --exists webkit2gtk-4.0 2>/dev/null && pkg-config --exists webkit2gtk-4.1 2>/dev/null; then
  TAGS=dev,webkit2_41
fi
mkdir -p build/bin
go build -tags "$TAGS" -o build/bin/imbang-dev .

IMBANG_DATA_DIR=$(mktemp -d)
# Exports are written here without a save dialog; the test reads the files back.
IMBANG_EXPORT_DIR=$(mktemp -d)
export IMBANG_DATA_DIR IMBANG_EXPORT_DIR PORT
export NO_AT_BRIDGE=1
trap 'rm -rf "$IMBANG_DATA_DIR" "$IMBANG_EXPORT_DIR"' EXIT

# One session: Xvfb, dbus and the app all end with it. The inner trap stops
# the app (and waits for it) however the test run ends.
xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" dbus-run-session -- bash -euo pipefail -c '
  ./build/bin/imbang-dev -devserver "127.0.0.1:$PORT" -assetdir frontend/dist > build/ui-test-app.log 2>&1 &
  APP=$!
  trap "kill \$APP 2>/dev/null; wait \$APP 2>/dev/null || true" EXIT
  up=""
  for i in $(seq 300); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/"; then up=1; break; fi
    kill -0 $APP 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$up" ]; then echo "ui-test: the app did not serve http://127.0.0.1:$PORT/"; cat build/ui-test-app.log; exit 1; fi
  # only the desktop app journeys here: portal.test.mjs needs its own server (scripts/portal-e2e.sh)
  cd e2e
  export APP_URL="http://127.0.0.1:$PORT/"
  A11Y_PHASE=first-run node --test a11y.test.mjs
  node --test app.test.mjs
  node --test kepala.test.mjs
  A11Y_PHASE=app node --test a11y.test.mjs
'
