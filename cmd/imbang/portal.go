package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/portaldesk"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// The Portal Pegawai on the command line: the same letters and reports as
// the desktop's portal screens (backend/portaldesk), acting as the CLI's
// system administrator.

func init() { commands["portal"] = cmdPortal }

const portalUsage = "imbang portal surat --nip NIP|--opd KODE --out FILE.pdf | portal laporan [--opd KODE] [--status BARU|SELESAI|DITOLAK] [--json]"

func cmdPortal(ctx context.Context, e *env, args []string, w io.Writer) error {
	if len(args) == 0 {
		return domain.E(domain.KindInvalid, "cli.usage", "Penggunaan: "+portalUsage, "Usage: "+portalUsage)
	}
	svc := portaldesk.New(portaldesk.Config{Repo: e.st, NewID: store.NewID})
	switch args[0] {
	case "surat":
		return portalSurat(ctx, e, svc, args[1:], w)
	case "laporan":
		return portalLaporan(ctx, e, svc, args[1:], w)
	}
	return domain.E(domain.KindInvalid, "cli.usage", "Penggunaan: "+portalUsage, "Usage: "+portalUsage)
}

func portalSurat(ctx context.Context, e *env, svc *portaldesk.Service, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("portal surat", flag.ContinueOnError)
	nip := fs.String("nip", "", "NIP pegawai")
	opd := fs.String("opd", "", "kode atau singkatan OPD: surat untuk semua pegawainya")
	out := fs.String("out", "", "berkas PDF keluaran")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *out == "" || (*nip == "") == (*opd == "") {
		return domain.E(domain.KindInvalid, "cli.usage", "Penggunaan: "+portalUsage, "Usage: "+portalUsage)
	}
	var t portaldesk.Sasaran
	if *nip != "" {
		p, err := pegawaiByNIP(ctx, e, *nip)
		if err != nil {
			return err
		}
		t.PegawaiID = p.ID
	} else {
		o, err := opdByKode(ctx, e, *opd)
		if err != nil {
			return err
		}
		t.OPDID = o.ID
	}
	s, err := svc.SuratAktivasi(ctx, t)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, s.PDF, 0o600); err != nil {
		return domain.Wrap(err, domain.KindUnavailable, "cli.write", "Berkas "+*out+" tidak dapat ditulis; surat yang sudah diterbitkan tidak berlaku tanpa kodenya: terbitkan ulang.",
			"Cannot write "+*out+"; the letters issued are useless without their codes: issue them again.")
	}
	fmt.Fprintf(w, "%d surat aktivasi ditulis ke %s (berlaku sampai %s)\n", s.Jumlah, *out, s.Kedaluwarsa.Format("2006-01-02"))
	return nil
}

func portalLaporan(ctx context.Context, e *env, svc *portaldesk.Service, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("portal laporan", flag.ContinueOnError)
	opd := fs.String("opd", "", "kode atau singkatan OPD (bawaan: semua)")
	status := fs.String("status", "", "BARU, SELESAI atau DITOLAK (bawaan: semua)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	q := portaldesk.LaporanQuery{Status: *status}
	if *opd != "" {
		o, err := opdByKode(ctx, e, *opd)
		if err != nil {
			return err
		}
		q.OPDID = o.ID
	}
	ls, err := svc.DaftarLaporan(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(ls)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tDIBUAT\tNIP\tNAMA\tOPD\tBAGIAN\tURAIAN\tTANGGAPAN")
	for _, l := range ls {
		fmt.Fprintf(tw, "%s\t%.10s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Status, l.DibuatPada, l.NIP, l.NamaPegawai, l.OPDSingkatan, l.Bagian, l.Uraian, l.Tanggapan)
	}
	return tw.Flush()
}
