// Command imbang-server is Imbang's central sync server (BKPSDM): it serves
// the sync protocol (docs/sync-protocol.md) on an embedded SQLite database
// or, with --db postgres://…, on PostgreSQL (several processes may share
// it; docs/server-scale.md), registers devices, imports and exports offline bundles, and backs up and
// restores the database (a restore starts a new epoch).
package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// version is set at build time (-X main.version=…).
var version = "dev"

const usage = `imbang-server — server sinkronisasi Imbang (BKPSDM)

  imbang-server serve --listen ADDR --db PATH [--hostname NAME]… [--tls-dir DIR] [--public-url URL]
                      [--cert FILE --key FILE] [--http [--insecure-http]] [--rate 20 --burst 60] [--require-accounts] [--max-open-conflicts 100]
                      [--min-schema N] [--max-schema N] [--max-clock-skew 5m]
                      [--portal [--portal-url URL] [--trusted-proxy CIDR]…] [--test-clock RFC3339]
      HTTPS by default: with --cert/--key that certificate, else the server's own CA and
      certificate made on first start in --tls-dir (default: PATH.tls beside a SQLite file);
      its CA fingerprint is printed. --http serves plain HTTP, only on a loopback address
      unless --insecure-http is given too.

  PATH is a SQLite file, or a PostgreSQL URL (postgres://USER@HOST:PORT/DB?sslmode=…).
  imbang-server --db PATH enroll --opd KODE|SINGKATAN | --bkpsdm [--ttl 72h] [--url URL] [--tls-dir DIR]
                                                    # one-time enrollment code (+ enrollment string)
  imbang-server --db PATH device add --legacy-token --opd KODE | --bkpsdm   # old printed token (tests)
  imbang-server --db PATH device list
  imbang-server --db PATH device revoke ID
  imbang-server --db PATH skew                      # devices whose clocks ran ahead (stamps clamped)
  imbang-server --db PATH bundle import FILE [--device ID]   # a push bundle signed by an enrolled device
  imbang-server --db PATH bundle export --device ID [--cursor C] [--schema N] [--release PLATFORM] --out FILE
                                                    # signed, for that device only; --release adds the newest release
  imbang-server --db PATH portal activate --nip NIP [--nip …] [--opd KODE] --out letters.pdf [--url URL] [--valid 720h]
                                                    # Portal Pegawai activation letters (codes synced as hashes)
  imbang-server --db PATH backup --out FILE
  imbang-server --db PATH restore --from FILE
  imbang-server ` + releaseUsage + `
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, nil))
}

// run is main without the process: ready (if not nil) receives the bound
// address once serve listens (tests use it).
func run(args []string, stdout, stderr io.Writer, ready chan<- string) int {
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	g := flag.NewFlagSet("imbang-server", flag.ContinueOnError)
	g.SetOutput(stderr)
	db := g.String("db", "", "server database file")
	g.Usage = func() { fmt.Fprint(stderr, usage) }
	if err := g.Parse(args); err != nil {
		return 2
	}
	rest := g.Args()
	if len(rest) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	err := dispatch(rest, *db, stdout, stderr, log, ready)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "imbang-server: %v\n\n%s", err, usage)
			return 2
		}
		fmt.Fprintf(stderr, "imbang-server: %v\n", err)
		return 1
	}
	return 0
}

// bundleError words a refused bundle for the operator: Indonesian, then
// English, then the stable code.
func bundleError(err error) error {
	if r, ok := server.ErrorText(err); ok {
		return fmt.Errorf("%s (%s) [%s]", r.Message, r.MessageEn, r.Code)
	}
	return err
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func sub(name string, stderr io.Writer, db *string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(db, "db", *db, "server database file")
	return fs
}

// parse parses flags that may come before or after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func openServer(db string, opts server.Options) (server.Store, *server.Server, error) {
	if db == "" {
		return nil, nil, usageError{"--db PATH is required"}
	}
	st, err := openStore(db)
	if err != nil {
		return nil, nil, err
	}
	srv, err := server.New(st, opts)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, srv, nil
}

func dispatch(args []string, db string, stdout, stderr io.Writer, log *slog.Logger, ready chan<- string) error {
	ctx := context.Background()
	cmd, args := args[0], args[1:]
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, version)
		return nil
	case "serve":
		fs := sub("serve", stderr, &db)
		listen := fs.String("listen", "127.0.0.1:8080", "address to listen on")
		var hosts multiFlag
		fs.Var(&hosts, "hostname", "a name or IP address of the server for its certificate (repeatable)")
		tlsDir := fs.String("tls-dir", "", "directory of the server's own CA (default PATH.tls)")
		certF := fs.String("cert", "", "TLS certificate chain (PEM)")
		keyF := fs.String("key", "", "TLS private key (PEM)")
		plain := fs.Bool("http", false, "serve plain HTTP (loopback only unless --insecure-http)")
		insecure := fs.Bool("insecure-http", false, "allow plain HTTP on a non-loopback address")
		publicURL := fs.String("public-url", "", "the URL devices use (goes into enrollment strings)")
		rate := fs.Float64("rate", 20, "requests per second per device (0: no limit)")
		burst := fs.Int("burst", 60, "burst of requests per device")
		reqAcc := fs.Bool("require-accounts", false, "reject writes whose actor is not a user account (system actors)")
		maxConf := fs.Int("max-open-conflicts", server.DefaultMaxOpenConflicts, "open conflicts one device's changes may hold (negative: no cap)")
		minS := fs.Int("min-schema", 1, "oldest client schema version accepted")
		maxS := fs.Int("max-schema", protocol.SchemaVersion, "newest client schema version accepted")
		skew := fs.Duration("max-clock-skew", 5*time.Minute, "stamps further ahead are clamped")
		metricsTok := fs.String("metrics-token", os.Getenv("IMBANG_METRICS_TOKEN"),
			"bearer token /metrics asks for (default $IMBANG_METRICS_TOKEN); without one /metrics answers only this host")
		var pc portalChoice
		pc.flags(fs)
		if _, err := parse(fs, args); err != nil {
			return err
		}
		now, err := pc.clock()
		if err != nil {
			return err
		}
		tc := tlsChoice{hosts: hosts, dir: *tlsDir, cert: *certF, key: *keyF, plain: *plain || *insecure, insecure: *insecure}
		return serve(db, *listen, tc, server.Options{MinSchema: *minS, MaxSchema: *maxS, MaxClockSkew: *skew, Log: log, Now: now,
			PublicURL: *publicURL, RateLimit: *rate, RateBurst: *burst, RequireAccounts: *reqAcc, MetricsToken: *metricsTok, MaxOpenConflicts: *maxConf}, log, stdout, ready, pc)
	case "portal":
		return portalCmd(ctx, args, db, stdout, stderr, log)
	case "enroll":
		fs := sub("enroll", stderr, &db)
		opd := fs.String("opd", "", "OPD kode or singkatan (the OPD must be on the server)")
		bk := fs.Bool("bkpsdm", false, "a BKPSDM device (sees and writes everything)")
		ttl := fs.Duration("ttl", server.DefaultEnrollTTL, "how long the code is valid")
		pub := fs.String("url", "", "the server URL devices use (goes into the enrollment string)")
		tlsDir := fs.String("tls-dir", "", "directory of the server's own CA (default PATH.tls), for its fingerprint")
		if _, err := parse(fs, args); err != nil {
			return err
		}
		if *opd != "" == *bk {
			return usageError{"enroll: give exactly one of --opd KODE or --bkpsdm"}
		}
		fp, err := caFingerprint(db, *tlsDir)
		if err != nil {
			return err
		}
		st, srv, err := openServer(db, server.Options{Log: log, PublicURL: *pub, CAFingerprint: fp})
		if err != nil {
			return err
		}
		defer st.Close()
		// --opd takes the kode or the singkatan; an OPD the server does not
		// hold is refused (its device would enroll into an empty scope).
		r, err := srv.CreateEnrollment(ctx, *opd, *bk, *ttl)
		if err != nil {
			if er, ok := server.ErrorMessages(err); ok {
				return fmt.Errorf("%s\n(%s)", er.Message, er.MessageEn)
			}
			return err
		}
		if r.OPDKode != "" {
			fmt.Fprintf(stdout, "opd_kode: %s\n", r.OPDKode)
		}
		fmt.Fprintf(stdout, "code: %s\nexpires: %s\nca_fingerprint: %s\nenrollment: %s\n", r.Code, r.ExpiresAt, r.CAFingerprint, r.Enrollment)
		fmt.Fprintln(stderr, "Kode ini hanya dapat dipakai sekali dan kedaluwarsa pada waktu di atas. (One-time code; expires as shown.)")
		return nil
	case "device":
		if len(args) == 0 {
			return usageError{"device add|list|revoke"}
		}
		act := args[0]
		fs := sub("device "+act, stderr, &db)
		opd := fs.String("opd", "", "OPD kode")
		bk := fs.Bool("bkpsdm", false, "a BKPSDM device (sees and writes everything)")
		legacy := fs.Bool("legacy-token", false, "device add: print a non-expiring token (devices normally join with `enroll`)")
		pos, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		st, srv, err := openServer(db, server.Options{Log: log})
		if err != nil {
			return err
		}
		defer st.Close()
		switch act {
		case "add":
			if !*legacy {
				return usageError{"device add is replaced by `enroll --opd KODE | --bkpsdm` (a one-time code); add --legacy-token for the old printed token"}
			}
			id, tok, err := srv.AddDevice(ctx, *opd, *bk)
			if err != nil {
				return usageError{"give exactly one of --opd KODE or --bkpsdm"}
			}
			fmt.Fprintf(stdout, "device_id: %s\ntoken: %s\n", id, tok)
			fmt.Fprintln(stderr, "Simpan token ini sekarang; server hanya menyimpan hash-nya. (Keep this token now; only its hash is stored.)")
			return nil
		case "list":
			devs, err := st.Devices(ctx)
			if err != nil {
				return err
			}
			vers := deviceVersions(ctx, st)
			tw := tabwriter.NewWriter(stdout, 0, 2, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tOPD\tINSTALL\tLAST_LOCAL_SEQ\tSTATUS\tBUNDLE_KEYS\tVERSION\tCREATED")
			for _, d := range devs {
				o := d.OPDKode
				if d.BKPSDM {
					o = "BKPSDM"
				}
				status := "aktif"
				if d.Revoked {
					status = "dicabut"
				}
				keys := "ada" // bundles from this device can be verified
				if d.SignKey == "" {
					keys = "belum" // enrolled before bundle keys: it registers them at its next online sync
				}
				v := vers[d.ID]
				if v == "" {
					v = "-"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", d.ID, o, d.InstallID, d.LastLocalSeq, status, keys, v, d.Created)
			}
			return tw.Flush()
		case "revoke":
			if len(pos) != 1 {
				return usageError{"device revoke ID"}
			}
			if err := srv.RevokeDevice(ctx, pos[0]); err != nil {
				if errors.Is(err, server.ErrNotFound) {
					return fmt.Errorf("perangkat %s tidak ada (no such device)", pos[0])
				}
				return err
			}
			fmt.Fprintf(stdout, "revoked: %s\n", pos[0])
			return nil
		}
		return usageError{"device add|list|revoke"}
	case "bundle":
		if len(args) == 0 {
			return usageError{"bundle import|export"}
		}
		act := args[0]
		fs := sub("bundle "+act, stderr, &db)
		device := fs.String("device", "", "server device id")
		cursor := fs.String("cursor", "", "pull cursor of the device (empty: from the start)")
		out := fs.String("out", "", "output file")
		schema := fs.Int("schema", protocol.SchemaVersion, "schema version of the device")
		withRelease := fs.String("release", "", "export: also carry the newest release for this platform (e.g. windows-amd64)")
		pos, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		st, srv, err := openServer(db, server.Options{Log: log})
		if err != nil {
			return err
		}
		defer st.Close()
		switch act {
		case "import":
			// The signed bundle names its device; --device only asks that
			// it be that one.
			if len(pos) != 1 {
				return usageError{"bundle import FILE [--device ID]"}
			}
			raw, err := os.ReadFile(pos[0])
			if err != nil {
				return err
			}
			var b protocol.Bundle
			if err := json.Unmarshal(raw, &b); err != nil {
				return fmt.Errorf("berkas bukan bundel Imbang (not a bundle): %w", err)
			}
			r, err := srv.ImportBundle(ctx, b, *device)
			if err != nil {
				return bundleError(err)
			}
			if r.AlreadyImported {
				fmt.Fprintf(stderr, "Bundel ini sudah diimpor pada %s; tidak ada yang diulang. (Already imported at %s; nothing was repeated.)\n", r.ImportedAt, r.ImportedAt)
			}
			return json.NewEncoder(stdout).Encode(map[string]any{"device": r.Device, "changes": r.Changes, "processed": r.Processed,
				"dispositions": r.Counts, "last_local_seq": r.LastLocalSeq, "already_imported": r.AlreadyImported, "imported_at": r.ImportedAt})
		case "export":
			if *device == "" || *out == "" {
				return usageError{"bundle export --device ID --out FILE"}
			}
			b, page, err := srv.ExportBundle(ctx, *device, *cursor, *schema)
			if *withRelease != "" {
				var m release.Manifest
				b, page, m, err = srv.ExportBundleRelease(ctx, *device, *cursor, *schema, *withRelease)
				if err == nil {
					fmt.Fprintf(stderr, "Bundel membawa rilis %s (%s). (The bundle carries release %s.)\n", m.Version, m.Platform, m.Version)
				}
			}
			if err != nil {
				return bundleError(err)
			}
			raw, err := json.Marshal(b)
			if err != nil {
				return err
			}
			if err := writeFileAtomic(*out, raw); err != nil {
				return err
			}
			return json.NewEncoder(stdout).Encode(map[string]any{"out": *out, "device": b.Device, "entries": len(page.Entries), "next_cursor": page.NextCursor, "bytes": len(raw)})
		}
		return usageError{"bundle import|export"}
	case "skew":
		if _, err := parse(sub("skew", stderr, &db), args); err != nil {
			return err
		}
		if db == "" {
			return usageError{"--db PATH is required"}
		}
		st, err := openStore(db)
		if err != nil {
			return err
		}
		defer st.Close()
		sk, err := st.Skews(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, "DEVICE\tSTAMP\tCLAMPED_TO\tSERVER_TIME")
		for _, k := range sk {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", k.DeviceID, k.Stamp, k.Clamped, k.ServerTime)
		}
		return tw.Flush()
	case "backup":
		fs := sub("backup", stderr, &db)
		out := fs.String("out", "", "backup file (must not exist)")
		if _, err := parse(fs, args); err != nil {
			return err
		}
		if *out == "" || db == "" {
			return usageError{"backup --out FILE (and --db PATH)"}
		}
		st, err := openStore(db)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := backupStore(ctx, st, *out); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "backup: %s\n", *out)
		return nil
	case "release":
		return cmdRelease(ctx, args, db, stdout, stderr, log)
	case "restore":
		fs := sub("restore", stderr, &db)
		from := fs.String("from", "", "backup file")
		if _, err := parse(fs, args); err != nil {
			return err
		}
		if *from == "" || db == "" {
			return usageError{"restore --from FILE (and --db PATH)"}
		}
		if err := restoreStore(ctx, *from, db); err != nil {
			return err
		}
		st, err := openStore(db)
		if err != nil {
			return err
		}
		defer st.Close()
		ep, _ := st.Epoch(ctx)
		fmt.Fprintf(stdout, "restored: %s\nepoch: %s\n", redactDB(db), ep)
		log.Info("database restored; new epoch", "epoch", ep)
		return nil
	}
	return usageError{"unknown command " + strings.TrimSpace(cmd)}
}

func writeFileAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// serve runs the HTTPS (or, when allowed, HTTP) server until
// SIGTERM/SIGINT, then shuts down gracefully: in-flight requests finish
// (their transactions commit or roll back whole), then the database is
// closed.
func serve(db, listen string, tc tlsChoice, opts server.Options, log *slog.Logger, stdout io.Writer, ready chan<- string, pc portalChoice) error {
	server.TuneGC()
	if tc.plain {
		if !tc.insecure && !isLoopback(listen) {
			return usageError{"plain HTTP is only served on a loopback address (127.0.0.1, ::1, localhost); use HTTPS, or add --insecure-http to accept the risk"}
		}
	}
	var tlsCfg *tls.Config
	if !tc.plain {
		cert, fp, err := tc.certificate(db, listen)
		if err != nil {
			return err
		}
		opts.CAFingerprint = fp
		tlsCfg = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		fmt.Fprintf(stdout, "ca_fingerprint: %s\n", fp)
	}
	st, srv, err := openServer(db, opts)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := pc.mount(srv, !tc.plain, opts.Now, log); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), TLSConfig: tlsCfg,
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	ep, _ := st.Epoch(context.Background())
	scheme := "https"
	if tc.plain {
		scheme = "http"
		if !isLoopback(listen) {
			log.Warn("serving plain HTTP on a non-loopback address (--insecure-http): credentials travel unencrypted")
		}
	}
	log.Info("imbang-server listening", "version", version, "addr", ln.Addr().String(), "scheme", scheme, "db", redactDB(db), "epoch", ep, "ca_fingerprint", opts.CAFingerprint)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sig)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	// abandoned partial uploads: swept at start and then every hour
	bgctx, stopBg := context.WithCancel(context.Background())
	defer stopBg()
	go func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			if _, _, err := srv.PrunePartialBlobs(bgctx, server.PartialBlobTTL); err != nil && bgctx.Err() == nil {
				log.Warn("pruning partial files failed", "err", err)
			}
			select {
			case <-bgctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	errc := make(chan error, 1)
	go func() {
		if tlsCfg != nil {
			errc <- hs.ServeTLS(ln, "", "")
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case s := <-sig:
		log.Info("shutting down", "signal", s.String())
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}
