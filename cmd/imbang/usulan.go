package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// The transfer workflow from the command line: list, show and decide
// requests as a named user of this installation (the same service and state
// machine as the desktop's Usulan pages), and the evaluation report. Scripts
// and the end-to-end tests walk a request to execution with it.

func init() {
	commands["usulan"] = cmdUsulan
	commands["evaluasi"] = cmdEvaluasi
}

func mutasiService(e *env) *mutasisvc.Service {
	abk := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	return mutasisvc.New(mutasisvc.Config{Repo: e.st, ABK: abk, NewID: store.NewID})
}

// asUser puts the stored, active user username in ctx: the workflow checks
// that user's role and OPD, as it would after a login on the desktop.
func asUser(ctx context.Context, e *env, username string) (context.Context, error) {
	if username == "" {
		return ctx, nil
	}
	r, err := e.st.UserByUsername(ctx, username)
	if err != nil {
		return ctx, domain.E(domain.KindNotFound, "cli.user_unknown", "Pengguna "+username+" tidak ada di instalasi ini.",
			"User "+username+" does not exist in this installation.")
	}
	if !r.Aktif {
		return ctx, domain.E(domain.KindPermission, "cli.user_inactive", "Akun "+username+" tidak aktif.", "Account "+username+" is disabled.")
	}
	return actor.With(ctx, actor.Actor{ID: r.ID, Username: r.Username, Nama: r.Nama, Role: r.Role, OPDID: r.OPDID, PegawaiID: r.PegawaiID}), nil
}

// findUsulan resolves an id or a nomor to one request.
func findUsulan(ctx context.Context, svc *mutasisvc.Service, ref string) (string, error) {
	if d, err := svc.GetUsulan(ctx, ref); err == nil {
		return d.Row.ID, nil
	}
	p, err := svc.ListUsulan(ctx, mutasisvc.UsulanQuery{Search: ref, Limit: 500})
	if err != nil {
		return "", err
	}
	for _, r := range p.Rows {
		if r.Nomor == ref || r.ID == ref {
			return r.ID, nil
		}
	}
	return "", domain.E(domain.KindNotFound, "cli.usulan_unknown", "Usulan "+ref+" tidak ditemukan.", "Request "+ref+" not found.")
}

func cmdUsulan(ctx context.Context, e *env, args []string, w io.Writer) error {
	if len(args) == 0 {
		return unknownSub("usulan", "", []string{"list", "show", "decide"})
	}
	svc := mutasiService(e)
	switch args[0] {
	case "list":
		fs := flag.NewFlagSet("usulan list", flag.ContinueOnError)
		status := fs.String("status", "", "hanya status ini (mis. DIAJUKAN; huruf kecil juga diterima)")
		search := fs.String("search", "", "nomor, NIP atau nama")
		as := fs.String("as", "", "nama pengguna (untuk --inbox)")
		inbox := fs.Bool("inbox", false, "hanya usulan yang dapat diputus pengguna --as sekarang")
		asJSON := fs.Bool("json", false, "keluaran JSON")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if err := noArgs(fs); err != nil {
			return err
		}
		ctx, err := asUser(ctx, e, *as)
		if err != nil {
			return err
		}
		p, err := svc.ListUsulan(ctx, mutasisvc.UsulanQuery{Status: strings.ToUpper(*status), Search: *search, Inbox: *inbox, Limit: 500})
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(w).Encode(p)
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NOMOR\tNIP\tJENIS\tAPS\tSTATUS\tASAL\tTUJUAN")
		for _, r := range p.Rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%s\t%s\t%s\n", r.Nomor, r.NIP, r.Jenis, r.APS, r.Status, r.OPDAsal, r.OPDTujuan)
		}
		fmt.Fprintf(tw, "(%d usulan)\n", p.Total)
		return tw.Flush()
	case "show":
		fs := flag.NewFlagSet("usulan show", flag.ContinueOnError)
		as := fs.String("as", "", "nama pengguna (tindakan yang boleh)")
		asJSON := fs.Bool("json", false, "keluaran JSON")
		ref, err := parseWithRef(fs, args[1:])
		if err != nil {
			return err
		}
		if ref == "" {
			return usageErr("usulan show NOMOR|ID [--as PENGGUNA] [--json]")
		}
		ctx, err := asUser(ctx, e, *as)
		if err != nil {
			return err
		}
		id, err := findUsulan(ctx, svc, ref)
		if err != nil {
			return err
		}
		d, err := svc.GetUsulan(ctx, id)
		if err != nil {
			return err
		}
		docs, err := dokumen.New(dokumen.Config{Repo: e.st, Dir: e.st.Dir(), NewID: store.NewID}).Checklist(ctx, id)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(w).Encode(struct {
				mutasisvc.UsulanDetail
				Dokumen []dokumen.Item `json:"dokumen"`
			}{d, docs})
		}
		fmt.Fprintf(w, "%s — %s (%s) — %s, APS %v — status %s\n", d.Row.Nomor, d.Row.NamaPegawai, d.Row.NIP, d.Row.Jenis, d.Row.APS, d.Row.Status)
		for _, ev := range d.Events {
			fmt.Fprintf(w, "  %s  %-20s %s %s\n", ev.Time.Format(time.RFC3339), ev.Kind, ev.ActorLabel, ev.Note)
		}
		for _, it := range docs {
			for _, l := range it.Lampiran {
				fmt.Fprintf(w, "  dokumen %s: %s (%d B, %s) berkas %s\n", it.Kode, l.NamaBerkas, l.Ukuran, l.SHA256[:12], l.Berkas)
			}
		}
		if len(d.Allowed) > 0 {
			ks := make([]string, len(d.Allowed))
			for i, k := range d.Allowed {
				ks[i] = string(k)
			}
			fmt.Fprintf(w, "  boleh: %s\n", strings.Join(ks, ", "))
		}
		return nil
	case "dokumen":
		// The checklist from the command line: attach KODE.pdf from a folder for each
		// document still missing, and mark every attachment SESUAI (a verifier's act).
		fs := flag.NewFlagSet("usulan dokumen", flag.ContinueOnError)
		as := fs.String("as", "", "nama pengguna (wajib)")
		dari := fs.String("lampirkan-dari", "", "folder berisi KODE.pdf untuk dokumen yang belum ada")
		verif := fs.Bool("verifikasi", false, "tandai semua lampiran SESUAI")
		ref, err := parseWithRef(fs, args[1:])
		if err != nil {
			return err
		}
		if ref == "" || *as == "" {
			return usageErr("usulan dokumen NOMOR|ID --as PENGGUNA [--lampirkan-dari FOLDER] [--verifikasi]")
		}
		ctx, err := asUser(ctx, e, *as)
		if err != nil {
			return err
		}
		id, err := findUsulan(ctx, svc, ref)
		if err != nil {
			return err
		}
		ds := dokumen.New(dokumen.Config{Repo: e.st, Dir: e.st.Dir(), NewID: store.NewID})
		items, err := ds.Checklist(ctx, id)
		if err != nil {
			return err
		}
		for _, it := range items {
			if !it.Ada && *dari != "" {
				if _, err := ds.Attach(ctx, id, string(it.Kode), filepath.Join(*dari, string(it.Kode)+".pdf")); err != nil {
					return err
				}
			}
		}
		if *verif {
			if items, err = ds.Checklist(ctx, id); err != nil {
				return err
			}
			for _, it := range items {
				for _, l := range it.Lampiran {
					if _, err := ds.Verify(ctx, l.ID, "SESUAI", ""); err != nil {
						return err
					}
				}
			}
		}
		if items, err = ds.Checklist(ctx, id); err != nil {
			return err
		}
		for _, it := range items {
			fmt.Fprintf(w, "%-28s ada=%v sesuai=%v\n", it.Kode, it.Ada, it.Sesuai)
		}
		return nil
	case "decide":
		fs := flag.NewFlagSet("usulan decide", flag.ContinueOnError)
		as := fs.String("as", "", "nama pengguna yang memutus (wajib)")
		kind := fs.String("kind", "", "tindakan (huruf besar atau kecil): "+kindList())
		note := fs.String("catatan", "", "catatan / alasan")
		just := fs.String("justifikasi", "", "justifikasi tertulis, wajib bila ada aturan WARN yang tidak terpenuhi")
		target := fs.Int("target", 0, "verifikasi: nomor tujuan pilihan (0 = pertama)")
		skNomor := fs.String("sk-nomor", "", "tetapkan_sk: nomor SK")
		skTanggal := fs.String("sk-tanggal", "", "tetapkan_sk: tanggal SK TTTT-BB-HH")
		tmt := fs.String("tmt", "", "tetapkan_sk: TMT TTTT-BB-HH")
		pertekNomor := fs.String("pertek-nomor", "", "catat_pertek: nomor surat")
		pertekTanggal := fs.String("pertek-tanggal", "", "catat_pertek: tanggal TTTT-BB-HH")
		ref, err := parseWithRef(fs, args[1:])
		if err != nil {
			return err
		}
		if ref == "" || *as == "" || *kind == "" {
			return usageErr("usulan decide NOMOR|ID --as PENGGUNA --kind TINDAKAN [--catatan T] [--justifikasi T] [--target N] [--sk-nomor N --sk-tanggal D --tmt D] [--pertek-nomor N --pertek-tanggal D]")
		}
		ctx, err := asUser(ctx, e, *as)
		if err != nil {
			return err
		}
		id, err := findUsulan(ctx, svc, ref)
		if err != nil {
			return err
		}
		d := mutasisvc.Decision{Kind: mutasi.Kind(strings.ToUpper(*kind)), Note: *note, TargetIndex: *target, Justifikasi: *just}
		if *skNomor != "" {
			tgl, err1 := domain.ParseDate(*skTanggal)
			t, err2 := domain.ParseDate(*tmt)
			if err1 != nil || err2 != nil {
				return usageErr("--sk-tanggal dan --tmt: tanggal TTTT-BB-HH")
			}
			d.SK = &mutasi.SK{Nomor: *skNomor, Tanggal: tgl, TMT: t}
		}
		if *pertekNomor != "" {
			tgl, err := domain.ParseDate(*pertekTanggal)
			if err != nil {
				return usageErr("--pertek-tanggal: tanggal TTTT-BB-HH")
			}
			d.Pertek = &mutasi.Letter{Nomor: *pertekNomor, Tanggal: tgl}
		}
		out, err := svc.DecideUsulan(ctx, id, d)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %s → status %s\n", out.Row.Nomor, *kind, out.Row.Status)
		return nil
	}
	return unknownSub("usulan", args[0], []string{"list", "show", "decide"})
}

// parseWithRef parses flags around one positional reference (a nomor or
// id), which may come before or after them.
func parseWithRef(fs *flag.FlagSet, args []string) (string, error) {
	var ref string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		ref, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if ref == "" && fs.NArg() == 1 {
		ref = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return "", nil
	}
	return ref, nil
}

func kindList() string {
	ks := make([]string, len(mutasi.Kinds))
	for i, k := range mutasi.Kinds {
		ks[i] = string(k)
	}
	return strings.Join(ks, ", ")
}

func cmdEvaluasi(ctx context.Context, e *env, args []string, w io.Writer) error {
	if len(args) == 0 || args[0] != "report" {
		sub := ""
		if len(args) > 0 {
			sub = args[0]
		}
		return unknownSub("evaluasi", sub, []string{"report"})
	}
	fs := flag.NewFlagSet("evaluasi report", flag.ContinueOnError)
	by := fs.String("by", "opd", "kelompok: opd atau jenis")
	on := fs.String("tanggal", "", "laporan per tanggal TTTT-BB-HH (bawaan: hari ini)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	now := time.Now
	if *on != "" {
		d, err := domain.ParseDate(*on)
		if err != nil {
			return usageErr("--tanggal: tanggal TTTT-BB-HH")
		}
		t := d.Time().Add(12 * time.Hour)
		now = func() time.Time { return t }
	}
	abk := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	r, err := evaluasi.New(evaluasi.Config{Repo: e.st, ABK: abk, NewID: store.NewID, Now: now}).Report(ctx, *by)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(w).Encode(r)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KELOMPOK\tJATUH TEMPO\tDIISI\tRERATA")
	for _, row := range append(r.Rows, r.Total) {
		var parts []string
		for _, q := range r.Questions {
			if v, ok := row.Rerata[q.Kode]; ok {
				parts = append(parts, fmt.Sprintf("%s=%.2f", q.Kode, v))
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", row.Nama, row.Due, row.Done, strings.Join(parts, " "))
	}
	return tw.Flush()
}
