package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/backup"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// runBackup is the backup command:
//
//	imbang backup [create [--reason manual|harian|migrasi|bootstrap]]
//	imbang backup list [--json]
//	imbang backup preview FILE
//	imbang backup restore FILE
//	imbang backup keep N
//
// list, preview and restore do not open the store, so they also work when
// the database is damaged; restore keeps the current file as
// imbang.db.sebelum-restore-<time>. FILE is a name from list (or a path
// inside the backup folder).
func runBackup(ctx context.Context, dataDir string, args []string, w io.Writer) error {
	if dataDir == "" {
		d, err := store.DefaultDir()
		if err != nil {
			return err
		}
		dataDir = d
	}
	usage := domain.E(domain.KindInvalid, "cli.usage",
		"Penggunaan: backup [create] | backup list [--json] | backup preview BERKAS | backup restore BERKAS | backup keep N",
		"Usage: backup [create] | backup list [--json] | backup preview FILE | backup restore FILE | backup keep N")
	sub := "create"
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "create":
		fs := flag.NewFlagSet("backup create", flag.ContinueOnError)
		reason := fs.String("reason", "manual", "alasan: manual, harian, migrasi, bootstrap (huruf besar atau kecil)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		st, err := store.Open(ctx, store.Options{Dir: dataDir})
		if err != nil {
			return err
		}
		defer st.Close()
		in, err := backup.Create(ctx, st.DB(), dataDir, backup.CreateOptions{Reason: backup.ParseReason(*reason)})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Cadangan dibuat: %s\n%d byte, skema %d, %d pegawai, %d ms, sha256 %s\n",
			in.Path, in.Size, in.SchemaVersion, in.Counts["pegawai"], in.Millis, in.SHA256)
		return nil
	case "list":
		fs := flag.NewFlagSet("backup list", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "keluaran JSON")
		if err := fs.Parse(args); err != nil {
			return err
		}
		l, err := backup.List(dataDir)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(l)
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "BERKAS\tALASAN\tDIBUAT (UTC)\tSKEMA\tPEGAWAI\tUKURAN")
		for _, in := range l {
			reason := string(in.Reason)
			if in.NoManifest {
				reason = "(tanpa manifes)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\n", in.File, reason, in.CreatedAt.Format(time.DateTime), in.SchemaVersion, in.Counts["pegawai"], in.Size)
		}
		fmt.Fprintf(tw, "(%d cadangan; disimpan %d terakhir; folder %s)\n", len(l), backup.Keep(dataDir), backup.BackupDir(dataDir))
		return tw.Flush()
	case "preview":
		if len(args) != 1 {
			return usage
		}
		name, err := fileArg(dataDir, args[0])
		if err != nil {
			return err
		}
		p, err := backup.PreviewFile(ctx, dataDir, name, store.LatestVersion())
		if err != nil {
			return err
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	case "restore":
		if len(args) != 1 {
			return usage
		}
		name, err := fileArg(dataDir, args[0])
		if err != nil {
			return err
		}
		r, err := backup.Restore(ctx, dataDir, name, store.LatestVersion(), time.Now())
		if err != nil {
			return err
		}
		// Open once: the restored copy must open (and is migrated if older).
		st, err := store.Open(ctx, store.Options{Dir: dataDir})
		if err != nil {
			if r.KeptAside != "" {
				backup.Undo(dataDir, r.KeptAside)
			}
			return err
		}
		st.Close()
		fmt.Fprintf(w, "Cadangan %s dipulihkan dalam %d ms.\n", r.Backup.File, r.Millis)
		if r.KeptAside != "" {
			fmt.Fprintf(w, "Basis data sebelumnya disimpan sebagai %s\n", r.KeptAside)
		}
		return nil
	case "keep":
		if len(args) != 1 {
			return usage
		}
		n, err := strconv.Atoi(args[0])
		if err != nil {
			return usage
		}
		if err := backup.SetKeep(dataDir, n); err != nil {
			return err
		}
		fmt.Fprintf(w, "Disimpan %d cadangan terakhir.\n", n)
		return nil
	}
	return usage
}

// fileArg accepts a backup's name, or a path to it inside the backup folder
// (a file elsewhere is refused: copy it into the folder first).
func fileArg(dataDir, s string) (string, error) {
	if filepath.Base(s) == s {
		return s, nil
	}
	abs, err := filepath.Abs(s)
	if err != nil {
		return "", err
	}
	dir, err := filepath.Abs(backup.BackupDir(dataDir))
	if err != nil {
		return "", err
	}
	if filepath.Dir(abs) != dir {
		return "", domain.E(domain.KindInvalid, "backup.outside", "Berkas cadangan harus berada di folder "+dir+".",
			"The backup file must be in the folder "+dir+".")
	}
	return filepath.Base(abs), nil
}
