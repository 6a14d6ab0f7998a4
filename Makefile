# Imbang — two commands for a fresh Debian/Ubuntu machine:
#   make run    install what is missing, build, open the desktop app on the demo region
#   make test   everything CI runs
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin

WAILS_VERSION := v2.13.0
VERSION       ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# The release public key built into the desktop (hex Ed25519; make release
# derives it from RELEASE_KEY). Without it the desktop refuses every update.
RELEASE_PUBKEY ?=
LDFLAGS       := -X main.version=$(VERSION)$(if $(RELEASE_PUBKEY), -X github.com/bkpsdm-sorong/imbang/sync/release.BuiltinKey=$(RELEASE_PUBKEY))
# Package version: VERSION when it is MAJOR.MINOR.PATCH, else 0.0.0 (a development build).
PKG_VERSION   ?= $(shell echo '$(VERSION)' | sed -E 's/^v//' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$$' || echo 0.0.0)
PKG_VERSION   := $(PKG_VERSION)
DIST          := build/dist
DEB           := $(DIST)/imbang_$(PKG_VERSION)_amd64.deb
INSTALLER     := $(DIST)/imbang-setup-$(PKG_VERSION).exe
DESKTOP       := build/bin/imbang-desktop
CLI           := build/bin/imbang
SERVER        := build/bin/imbang-server
# Where `make run` keeps its data; empty = the OS user config dir (see README).
DATA_DIR      ?=
DATA_FLAG     := $(if $(DATA_DIR),--data-dir $(DATA_DIR))
# Debian 13 / Ubuntu 24.04 ship only WebKitGTK 4.1.
WEBKIT_TAG    := $(shell pkg-config --exists webkit2gtk-4.0 2>/dev/null || (pkg-config --exists webkit2gtk-4.1 2>/dev/null && echo ,webkit2_41))
APT_PACKAGES  := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.0-dev xvfb xauth dbus dbus-x11 x11-utils imagemagick xdotool chromium fonts-dejavu-core curl git poppler-utils

FRONTEND_SRC := $(shell find frontend/src frontend/wailsjs frontend/index.html frontend/package.json frontend/vite.config.ts -type f 2>/dev/null)
GO_SRC       := $(shell find . -name '*.go' -not -path './frontend/*' -not -path './e2e/*' 2>/dev/null) go.mod go.sum

.PHONY: run test bench deps system-deps node-deps frontend build vet go-test sim fuzz frontend-check desktop-smoke e2e bindings clean pg loadtest bench-peers \
	package-deps winres windows deb installer package-test update-e2e release bench-desktop

## run: install, build, load the demo region if the data dir is empty, open the window
run: deps build
	$(CLI) $(DATA_FLAG) demo --if-empty --size 5000 --seed 1
	$(DESKTOP) $(DATA_FLAG)

## test: vet, race tests, architecture checks, frontend checks, desktop smoke, end-to-end
test: deps vet go-test frontend-check build desktop-smoke e2e package-test
	@echo "make test: all checks passed"

deps: system-deps node-deps

# Installs Debian packages only when something is missing (root: apt-get; else sudo).
system-deps:
	@missing=""; \
	pkg-config --exists gtk+-3.0 2>/dev/null || missing=1; \
	pkg-config --exists webkit2gtk-4.0 2>/dev/null || pkg-config --exists webkit2gtk-4.1 2>/dev/null || missing=1; \
	for c in gcc xvfb-run xauth dbus-run-session chromium import xdotool curl pdftotext; do command -v $$c >/dev/null || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $(APT_PACKAGES)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $(APT_PACKAGES) \
	  || DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $(subst libwebkit2gtk-4.0-dev,libwebkit2gtk-4.1-dev,$(APT_PACKAGES)); \
	fi
	@command -v go >/dev/null || { echo "Go 1.26 is required (https://go.dev/dl); not found on PATH"; exit 1; }
	@command -v npm >/dev/null || { echo "Node.js 20 and npm are required"; exit 1; }

node-deps: frontend/node_modules/.stamp e2e/node_modules/.stamp

frontend/node_modules/.stamp: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@# npm packages may ship .go files (flatted does); a go.mod makes ./... skip them.
	printf 'module ignored/node_modules\n' > frontend/node_modules/go.mod
	touch $@

e2e/node_modules/.stamp: e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund
	printf 'module ignored/node_modules\n' > e2e/node_modules/go.mod
	touch $@

frontend: frontend/dist/index.html

frontend/dist/index.html: frontend/node_modules/.stamp $(FRONTEND_SRC)
	cd frontend && npm run build
	touch $@

## build: the desktop app (cgo, WebKitGTK), the pure-Go CLI and the sync server
build: $(DESKTOP) $(CLI) $(SERVER)

$(DESKTOP): frontend/dist/index.html $(GO_SRC)
	go build -tags desktop,production$(WEBKIT_TAG) -ldflags "-w -s $(LDFLAGS)" -o $@ .

$(CLI): $(GO_SRC)
	CGO_ENABLED=0 go build -ldflags "$(LDFLAGS)" -o $@ ./cmd/imbang

$(SERVER): $(GO_SRC)
	CGO_ENABLED=0 go build -ldflags "$(LDFLAGS)" -o $@ ./cmd/imbang-server

vet:
	go vet ./...

# Two cores. The whole suite runs without the race detector (the pure-Go
# SQLite driver is ~10x slower under it); the race detector then runs over the
# packages with real concurrency: the sync client and server (HTTP, scheduler,
# group commit), the simulation's race seeds, the planner's solver and jobs,
# backups (the restore gate) and the facade's background work.
# The PostgreSQL tests (sync/server/pgstore, the multi-process test) need `pg`.
# The simulation runs with -tags simmutants so TestMutants has its broken variants.
# The packages of RACE_PKGS run once, under -race (which runs every test of theirs too), not a second
# time without it: the same coverage in less time.
RACE_PKGS := ./sync/hlc/ ./sync/client/ ./sync/server/... ./backend/planner/ ./backend/backup/ ./backend/authsvc/
go-test: pg
	go test -count=1 -p 2 -timeout 25m $$(go list ./... | grep -v -E '/sync/simtest$$|/sync/hlc$$|/sync/client$$|/sync/server(/|$$)|/backend/planner$$|/backend/backup$$|/backend/authsvc$$')
	go test -count=1 -timeout 25m -tags simmutants ./sync/simtest -seeds 50
	go test -race -count=1 -p 2 -timeout 25m $(RACE_PKGS)
	go test -race -count=1 -timeout 25m -run 'Planner|Backup|Restore|Recovery|Sync|Lock|Session' .
	$(MAKE) sim
	$(MAKE) fuzz

## fuzz: a short run of the server's fuzz targets (their committed corpus, sync/server/testdata/fuzz, also runs in go test)
# Budgets are counts of inputs, not durations: with a duration, Go 1.26's fuzz coordinator can report
# its own deadline as a failure ("context deadline exceeded", no failing input written; fixed in Go 1.27),
# which a loaded machine makes likely. Each count is about 20 s here on a quiet machine.
FUZZ_PUSH_EXECS   ?= 1500x
FUZZ_BUNDLE_EXECS ?= 1500x
FUZZ_BLOB_EXECS   ?= 7500x
# Seeds per simulation process (two run side by side): 600 keeps `make test` inside its time budget;
# `make sim SIM_SEEDS=1000` runs the full 2,000 of docs/sync-simulation.md.
SIM_SEEDS ?= 600
fuzz:
	go test -count=1 -run '^$$' -fuzz '^FuzzPush$$' -fuzztime $(FUZZ_PUSH_EXECS) -fuzzminimizetime 100x -parallel 2 ./sync/server/
	go test -count=1 -run '^$$' -fuzz '^FuzzBundleImport$$' -fuzztime $(FUZZ_BUNDLE_EXECS) -fuzzminimizetime 100x -parallel 2 ./sync/server/
	go test -count=1 -run '^$$' -fuzz '^FuzzBlobChunks$$' -fuzztime $(FUZZ_BLOB_EXECS) -fuzzminimizetime 100x -parallel 2 ./sync/server/

## sim: 2 × SIM_SEEDS seeds of the sync simulation without -race (under -race go-test runs 10), two processes for two cores
sim:
	go test -count=1 -timeout 30m ./sync/simtest -run TestSimulation -seeds $(SIM_SEEDS) -first-seed 1 & a=$$!; \
	go test -count=1 -timeout 30m ./sync/simtest -run TestSimulation -seeds $(SIM_SEEDS) -first-seed 1001; b=$$?; \
	wait $$a && test $$b = 0

frontend-check: frontend/node_modules/.stamp
	cd frontend && npm run typecheck && npm run lint && npm test

desktop-smoke: $(DESKTOP) $(CLI)
	scripts/desktop-smoke.sh

e2e: frontend/dist/index.html e2e/node_modules/.stamp
	scripts/ui-test.sh
	scripts/portal-e2e.sh

## bench: benchmarks at 20,000 employees (figures in docs/performance.md)
bench: pg
	go test -run '^$$' -bench 'Import' -benchtime 3x -benchmem ./backend/store/
	go test -run '^$$' -bench 'Push10' -benchtime 200x ./sync/server/pgstore/
	go test -run '^$$' -bench 'List|Detail|Dashboard' -benchmem ./backend/store/
	go test -run '^$$' -bench . -benchmem ./backend/demo/ ./backend/abk/ ./backend/abksvc/ ./backend/eligibility/
	go test -run '^$$' -bench 'ImportPegawai20000' -benchtime 1x ./backend/importer/
	go test -run '^$$' -bench 'Solve' -benchtime 1x -benchmem ./backend/planner/
	go test -run '^$$' -bench . -benchtime 3x ./backend/backup/
	go test -run '^$$' -bench 'HashDefault' -benchtime 5x -benchmem ./backend/auth/
	go test -run '^$$' -bench 'Authorize' -benchmem ./backend/authsvc/
	go test -run '^$$' -bench 'ApplyPullInitial' -benchtime 2x ./backend/store/
	go test -run '^$$' -bench 'Server' -benchtime 1x ./sync/server/
	go test -run '^$$' -bench 'Enroll|Metrics' ./sync/server/
	go test -run '^$$' -bench 'PinnedHandshake' ./sync/tlspin/
	go test -run '^$$' -bench 'Sync' -benchtime 1x ./sync/simtest/
	IMBANG_SYNC_BENCH_SIZE=5000 go test -run '^$$' -bench 'SyncInitial$$|SyncThrottled|UploadRegion' -benchtime 1x ./sync/simtest/

## bench-peers: Imbang's sync side by side with PouchDB 9 on loopback, alternating rounds
## (figures in docs/performance.md; not part of `make test`; needs Node.js 20 and npm)
PEERS_ROUNDS ?= 3
PEERS_REPS   ?= 5
PEERS_SIZE   ?= 5000
bench-peers: bench/peers/node_modules/.stamp
	IMBANG_PEERS_ROUNDS=$(PEERS_ROUNDS) IMBANG_PEERS_REPS=$(PEERS_REPS) IMBANG_PEERS_SIZE=$(PEERS_SIZE) \
	  go test -count=1 -timeout 90m -run '^$$' -bench '^BenchmarkPeersPouchDB$$' -benchtime 1x ./sync/simtest/

bench/peers/node_modules/.stamp: bench/peers/package.json bench/peers/package-lock.json
	cd bench/peers && npm ci --no-audit --no-fund
	printf 'module ignored/node_modules\n' > bench/peers/node_modules/go.mod
	touch $@

## bench-desktop: start-up time and memory (PSS) of the desktop app against a bare Wails template app
## under Xvfb (BENCH_N=5 starts each; figures in docs/performance.md; not part of `make test`)
bench-desktop: system-deps frontend/node_modules/.stamp $(DESKTOP) $(CLI)
	scripts/bench-desktop.sh

## pg: a PostgreSQL on 127.0.0.1:5432 (trust, database test) for the tests:
## the running one, else a private cluster started with the installed binaries,
## else Debian's postgresql installed first (scripts/pg-ensure.sh)
pg:
	scripts/pg-ensure.sh

## loadtest: simulated devices pushing and pulling on loopback against SQLite
## and PostgreSQL (figures in docs/performance.md; not part of `make test`)
LOADTEST_FLAGS ?= -devices 200 -rate 10 -duration 30s
loadtest: pg
	go build -o build/bin/imbang-loadtest ./cmd/imbang-loadtest
	build/bin/imbang-loadtest -backend sqlite $(LOADTEST_FLAGS)
	build/bin/imbang-loadtest -backend postgres $(LOADTEST_FLAGS)
	go test -run '^$$' -bench 'PlanDemo' -benchtime 1x -benchmem ./backend/plannersvc/
	go test -run '^$$' -bench 'PortalLoad' -benchtime 1x ./sync/server/portal/

## bindings: regenerate frontend/wailsjs with the pinned Wails CLI (commit the result)
bindings:
	go install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION)
	wails generate module

## windows: cross-compile the Windows desktop app (WebView2; no cgo needed) and the CLI,
## with the icon, manifest and version in the file properties (scripts/winres.sh)
windows: frontend/dist/index.html winres
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -tags desktop,production -ldflags "-w -s -H windowsgui $(LDFLAGS)" -o build/bin/imbang-desktop.exe .
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -ldflags "$(LDFLAGS)" -o build/bin/imbang.exe ./cmd/imbang

winres:
	scripts/winres.sh $(PKG_VERSION)

# makensis, wine64 and 7z for the installer and its test (Debian packages).
package-deps:
	@missing=""; for c in makensis 7z dpkg-deb; do command -v $$c >/dev/null || missing=1; done; \
	command -v wine64 >/dev/null || test -x /usr/lib/wine/wine64 || missing=1; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends nsis wine64 p7zip-full dpkg; \
	fi

## deb: the Linux package (desktop app, CLI, desktop entry, icon; depends on the WebKitGTK runtime)
deb: $(DESKTOP) $(CLI)
	scripts/package-deb.sh $(PKG_VERSION) $(DESKTOP) $(CLI) $(DEB)

## installer: the Windows installer (per-user, /ALLUSERS, shortcuts, WebView2 check, uninstaller)
installer: package-deps windows
	scripts/package-windows.sh $(PKG_VERSION) build/bin $(INSTALLER)

## package-test: the .deb's contents, installed and started under Xvfb; the installer's
## contents and a silent install/uninstall under wine64; the update end-to-end test
package-test: package-deps deb installer
	scripts/package-test.sh $(PKG_VERSION) $(DEB) $(INSTALLER)
	$(MAKE) update-e2e

## update-e2e: a desktop updates itself over a slow, cut link and rolls back a broken version
update-e2e: frontend/dist/index.html
	IMBANG_UPDATE_E2E=1 xvfb-run -a -s "-screen 0 1366x768x24 -nolisten tcp" dbus-run-session -- \
	  go test -count=1 -timeout 30m -v -run TestUpdateEndToEnd ./internal/updatetest/

## release: VERSION=X.Y.Z RELEASE_KEY=FILE — the installer, the .deb, the server for Linux and
## Windows, and the desktop programs with their signed manifests (docs/panduan-admin.md)
release:
	@echo "$(VERSION)" | grep -Eq '^v?[0-9]+\.[0-9]+\.[0-9]+$$' || { echo "make release needs VERSION=MAJOR.MINOR.PATCH (got $(VERSION))"; exit 1; }
	@test -n "$(RELEASE_KEY)" && test -f "$(RELEASE_KEY)" || { echo "make release needs RELEASE_KEY=FILE (the private release key; never in the repository)"; exit 1; }
	rm -rf build/bin $(DIST) && mkdir -p $(DIST)
	CGO_ENABLED=0 go build -o build/bin/imbang-server-tool ./cmd/imbang-server
	$(MAKE) VERSION=$(VERSION) RELEASE_PUBKEY=$$(build/bin/imbang-server-tool release pubkey --key $(RELEASE_KEY)) build deb installer
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -ldflags "-X main.version=$(VERSION)" -o $(DIST)/imbang-server-windows-amd64.exe ./cmd/imbang-server
	cp $(SERVER) $(DIST)/imbang-server-linux-amd64
	cp $(DESKTOP) $(DIST)/imbang-desktop-linux-amd64
	cp build/bin/imbang-desktop.exe $(DIST)/imbang-desktop-windows-amd64.exe
	build/bin/imbang-server-tool release sign --key $(RELEASE_KEY) --version $(PKG_VERSION) --platform linux-amd64 $(DIST)/imbang-desktop-linux-amd64
	build/bin/imbang-server-tool release sign --key $(RELEASE_KEY) --version $(PKG_VERSION) --platform windows-amd64 $(DIST)/imbang-desktop-windows-amd64.exe
	cd $(DIST) && sha256sum $$(ls | grep -v SHA256SUMS) > SHA256SUMS
	@echo "release $(PKG_VERSION) in $(DIST):"; ls -la $(DIST)

clean:
	rm -rf build/bin $(DIST) frontend/dist/assets frontend/dist/index.html rsrc_windows_*.syso cmd/imbang/rsrc_windows_*.syso
