package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/report"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/portal"
)

// The Portal Pegawai on the server's listener (serve --portal) and the
// batch activation letters (portal activate); docs/portal.md.

// portalChoice is what serve's portal flags asked for.
type portalChoice struct {
	on        bool
	url       string
	testClock string
	proxies   stringList
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func (pc *portalChoice) flags(fs *flag.FlagSet) {
	fs.BoolVar(&pc.on, "portal", false, "serve the Portal Pegawai at /portal/ on the same listener")
	fs.StringVar(&pc.url, "portal-url", "", "the portal's public URL (printed on activation letters)")
	fs.StringVar(&pc.testClock, "test-clock", "", "TESTS ONLY: the server's clock starts at this RFC 3339 time and runs on")
	fs.Var(&pc.proxies, "trusted-proxy", "a reverse proxy (CIDR or address; repeatable) whose X-Forwarded-For names the client for the portal's per-address limit")
}

// clock returns the test clock, or nil for the real one.
func (pc portalChoice) clock() (func() time.Time, error) {
	if pc.testClock == "" {
		return nil, nil
	}
	start, err := time.Parse(time.RFC3339, pc.testClock)
	if err != nil {
		return nil, usageError{"--test-clock: " + err.Error()}
	}
	real0 := time.Now()
	return func() time.Time { return start.Add(time.Since(real0)) }, nil
}

// mount puts the portal on srv (before its Handler is built).
func (pc portalChoice) mount(srv *server.Server, secure bool, now func() time.Time, log *slog.Logger) error {
	if !pc.on {
		return nil
	}
	proxies, err := portal.ParseProxies(pc.proxies)
	if err != nil {
		return usageError{"--trusted-proxy: " + err.Error()}
	}
	p, err := portal.New(srv, portal.Config{Secure: secure, Now: now, Log: log, TrustedProxies: proxies})
	if err != nil {
		return err
	}
	srv.Mount(portal.Prefix, p)
	log.Info("portal pegawai on", "path", portal.Prefix)
	return nil
}

// portalCmd: imbang-server --db PATH portal activate --nip NIP [--nip …] [--opd KODE] --out letters.pdf
func portalCmd(ctx context.Context, args []string, db string, stdout, stderr io.Writer, log *slog.Logger) error {
	if len(args) == 0 || args[0] != "activate" {
		return usageError{"portal activate --nip NIP [--nip …] [--opd KODE] --out FILE.pdf"}
	}
	fs := sub("portal activate", stderr, &db)
	var nips multiFlag
	fs.Var(&nips, "nip", "NIP of an employee (repeatable)")
	opd := fs.String("opd", "", "every current employee of the OPD with this kode")
	out := fs.String("out", "", "the letters' PDF")
	url := fs.String("url", "", "the portal's public URL printed on the letters")
	by := fs.String("by", "BKPSDM", "issuer printed on the letters")
	valid := fs.Duration("valid", 30*24*time.Hour, "how long the codes stay valid")
	testClock := fs.String("test-clock", "", "TESTS ONLY: issue as of this RFC 3339 time")
	printCodes := fs.Bool("print-codes", false, "also print each NIP's code (the PDF holds them anyway; for scripted tests)")
	if _, err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *out == "" || (len(nips) == 0 && *opd == "") {
		return usageError{"portal activate needs --out FILE and --nip NIP or --opd KODE"}
	}
	now := time.Now()
	if *testClock != "" {
		t, err := time.Parse(time.RFC3339, *testClock)
		if err != nil {
			return usageError{"--test-clock: " + err.Error()}
		}
		now = t
	}
	st, srv, err := openServer(db, server.Options{Log: log, Now: func() time.Time { return now }})
	if err != nil {
		return err
	}
	defer st.Close()
	letters, err := portal.IssueLetters(ctx, srv, nips, *opd, *by, *url, now, *valid)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := report.WriteSuratAktivasi(f, report.MutasiDoc{Dibuat: now}, letters); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "letters: %d\nout: %s\n", len(letters), *out)
	if *printCodes {
		for _, l := range letters {
			fmt.Fprintf(stdout, "code %s %s\n", l.NIP, l.Kode)
		}
	}
	return nil
}
