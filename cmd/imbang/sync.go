package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/client"
)

func init() { commands["sync"] = cmdSync }

// cmdSync runs one headless sync session with the desktop's client code and
// prints its JSON summary. The credential normally comes from `imbang
// enroll`; --server and --token (a legacy token) are stored in meta.
//
//	imbang sync [--server URL] [--token TOKEN] [--page-bytes N] [--timeout 60s] [-v]
//	imbang sync rotate
//	imbang sync status
//	imbang sync bundle export --out FILE
//	imbang sync bundle import FILE
//	imbang sync conflicts [--all] [--kind K] [--device D] [--table T] [--offset N] [--limit N] [--json]
//	imbang sync resolve ID --keep server|mine|both|merge … (sync_conflicts.go)
func cmdSync(ctx context.Context, e *env, args []string, w io.Writer) error {
	if len(args) > 0 && args[0] == "bundle" {
		return cmdSyncBundle(ctx, e, args[1:], w)
	}
	if len(args) > 0 && args[0] == "conflicts" {
		return cmdSyncConflicts(ctx, e, args[1:], w)
	}
	if len(args) > 0 && args[0] == "resolve" {
		return cmdSyncResolve(ctx, e, args[1:], w)
	}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") && args[0] != "status" && args[0] != "rotate" {
		// never a silent sync for a mistyped sub-command
		return usageErr("sync [--server URL] [--token TOKEN] | sync status | sync rotate | sync conflicts | sync resolve | sync bundle export|import (tidak dikenal: " + args[0] + ")")
	}
	if len(args) > 0 && args[0] == "rotate" {
		return cmdSyncRotate(ctx, e, w)
	}
	if len(args) > 0 && args[0] == "status" {
		n, err := e.st.SyncCounts(ctx)
		if err != nil {
			return err
		}
		out := map[string]any{"counts": n}
		for _, k := range []string{store.MetaSyncServerURL, store.MetaPullCursor, store.MetaSyncEpoch, store.MetaSyncDataAsOf, store.MetaSyncLastOK, store.MetaSyncLastError} {
			v, _ := e.st.SyncMeta(ctx, k)
			out[k] = v
		}
		for _, k := range []string{client.MetaServerDevice, client.MetaEnrolledOPD, client.MetaTokenExpires, client.MetaCAFingerprint} {
			v, _ := e.st.SyncMeta(ctx, k)
			out[k] = v
		}
		return writeJSON(w, out)
	}
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	server := fs.String("server", "", "alamat server sinkronisasi (disimpan bila server menjawab dan tidak menolak)")
	token := fs.String("token", "", "token perangkat lama (disimpan seperti --server); biasanya dari `imbang enroll`")
	pageBytes := fs.Int("page-bytes", 0, "ukuran halaman tarik dalam byte (bawaan 256 KiB)")
	timeout := fs.Duration("timeout", 60*time.Second, "batas waktu per permintaan")
	verbose := fs.Bool("v", false, "setiap langkah dan log ke stderr (tanpa -v: kemajuan tiap 5 detik bila sesi lama)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("sync [--server URL] [--token TOKEN] [--page-bytes N] [--timeout 60s] [-v] (argumen tidak dikenal: " + fs.Arg(0) + ")")
	}
	// --server and --token are used for this session and stored only once
	// that server has answered without refusing this device: nothing is
	// kept from a server whose certificate fails the pinned CA, that
	// refuses the credential, or that could not be reached.
	kv := map[string]string{}
	if *server != "" {
		kv[store.MetaSyncServerURL] = *server
	}
	if *token != "" {
		kv[store.MetaSyncToken] = *token
	}
	opts := client.Options{ServerURL: *server, Token: *token, MaxPageBytes: *pageBytes, RequestTimeout: *timeout, AppVersion: version,
		Progress: progressPrinter(e.stderr, *verbose, time.Now)}
	if *verbose {
		opts.Log = slog.New(slog.NewTextHandler(e.stderr, nil))
	}
	c, err := client.FromStore(ctx, e.st, opts)
	if err != nil {
		return err
	}
	sum, err := c.Sync(ctx)
	now := time.Now().UTC().Format(time.RFC3339)
	var ce *client.Error
	errors.As(err, &ce)
	if len(kv) > 0 && accepted(err, ce) {
		if err := e.st.SetSyncMeta(ctx, kv); err != nil {
			return err
		}
	}
	if err == nil {
		_ = e.st.SetSyncMeta(ctx, map[string]string{store.MetaSyncLastOK: now, store.MetaSyncLastError: ""})
	} else if ce != nil {
		_ = e.st.SetSyncMeta(ctx, map[string]string{store.MetaSyncLastError: ce.Message + " (" + now + ")"})
	}
	out := struct {
		client.Summary
		Error *client.Error `json:"error,omitempty"`
	}{Summary: sum, Error: ce}
	if werr := writeJSON(w, out); werr != nil {
		return werr
	}
	if err != nil {
		if ce != nil {
			return domain.Wrap(err, domain.KindUnavailable, "sync."+ce.Code, ce.Message, ce.MessageEn)
		}
		return err
	}
	return nil
}

// accepted reports whether a session's server answered without refusing
// this device (its settings may then be kept).
func accepted(err error, ce *client.Error) bool {
	if err == nil {
		return true
	}
	return ce != nil && ce.Status != 0 && ce.Status != http.StatusUnauthorized && ce.Status != http.StatusForbidden
}

// progressPrinter prints a session's progress on w: every step with -v,
// else at most every progressEvery once a session runs that long.
func progressPrinter(w io.Writer, verbose bool, now func() time.Time) func(client.Progress) {
	start := now()
	var last time.Time
	return func(p client.Progress) {
		t := now()
		if !verbose && (t.Sub(start) < progressEvery || t.Sub(last) < progressEvery) {
			return
		}
		last = t
		switch p.Phase {
		case "push":
			fmt.Fprintf(w, "sinkron: kirim %d permintaan, %d perubahan dijawab server\n", p.Requests, p.Changes)
		case "pull":
			more := "sampai ujung"
			if p.More {
				more = "masih ada"
			}
			fmt.Fprintf(w, "sinkron: tarik halaman %d, %d baris diterapkan (%s)\n", p.Requests, p.Rows, more)
		}
	}
}

// progressEvery spaces the progress lines of a long session without -v.
const progressEvery = 5 * time.Second

func cmdSyncBundle(ctx context.Context, e *env, args []string, w io.Writer) error {
	usage := domain.E(domain.KindInvalid, "cli.usage", "Penggunaan: sync bundle export --out FILE | sync bundle import FILE",
		"Usage: sync bundle export --out FILE | sync bundle import FILE")
	if len(args) == 0 {
		return usage
	}
	switch args[0] {
	case "export":
		fs := flag.NewFlagSet("sync bundle export", flag.ContinueOnError)
		out := fs.String("out", "", "berkas tujuan")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *out == "" {
			return usage
		}
		res, err := client.ExportBundle(ctx, e.st, *out, time.Now())
		if err != nil {
			return err
		}
		return writeJSON(w, res)
	case "import":
		if len(args) != 2 {
			return usage
		}
		res, err := client.ImportBundle(ctx, e.st, args[1])
		if err != nil {
			return err
		}
		return writeJSON(w, res)
	}
	return usage
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
