// Command imbang is the pure-Go command line for an Imbang installation (no
// cgo, no Wails): it works on the same local database as the desktop app, for
// administrators and scripts.
//
//	imbang [--data-dir DIR] demo [--size N] [--seed S] [--if-empty]
//	imbang [--data-dir DIR] info
//	imbang [--data-dir DIR] pegawai [--search Q] [--opd KODE] [--limit N] [--json]
//	imbang [--data-dir DIR] backup [create [--reason R]] | list [--json] | preview FILE | restore FILE | keep N
//	imbang [--data-dir DIR] abk [--format csv|json] [--abk ID] [--level posisi|unit|opd] | abk new --tahun YEAR
//	imbang [--data-dir DIR] settings show | set abk JSON | set eligibility JSON | set mut04 YEARS
//	imbang [--data-dir DIR] import FILE [--kind pegawai|abk] [--abk ID] [--sheet NAME] [--header-row N] [--locale id-ID|en-US] [--dry-run]
//	imbang [--data-dir DIR] hukdis add | skp add | unit add | jabatan add | stagnasi
//	imbang [--data-dir DIR] export --what pegawai|abk|posisi|abk-tugas --out FILE
//	imbang [--data-dir DIR] audit verify
//	imbang [--data-dir DIR] user add|list|reset-password|disable [--username U] [--nama N] [--role R] [--opd KODE] [--password P]
//	imbang [--data-dir DIR] check --nip NIP --unit UNIT --jabatan JABATAN [--opd OPD] [--type T1] [--aps] [--date YYYY-MM-DD]
//	imbang [--data-dir DIR] enroll --server URL --code CODE [--ca-fingerprint FP] | enroll imbang1:URL#CODE#FP
//	imbang [--data-dir DIR] sync [--server URL] [--token TOKEN] | sync status | sync rotate | sync bundle export --out FILE | sync bundle import FILE
//	imbang version
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"io"
	"os"
	"text/tabwriter"

	"github.com/bkpsdm-sorong/imbang/backend/demo"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

var version = "dev"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `Imbang — baris perintah / command line

Penggunaan / usage:
  imbang [--data-dir DIR] demo [--size N] [--seed S] [--if-empty]
  imbang [--data-dir DIR] info
  imbang [--data-dir DIR] pegawai [--search Q] [--opd KODE] [--limit N] [--json]
  imbang [--data-dir DIR] backup [create] | list [--json] | preview BERKAS | restore BERKAS | keep N
  imbang [--data-dir DIR] abk [--format csv|json] [--abk ID] [--level posisi|unit|opd] | abk new --tahun TTTT [--salin-dari ID]
  imbang [--data-dir DIR] settings show | set abk JSON | set eligibility JSON | set mut04 TAHUN   (JSON digabung ke nilai sekarang)
  imbang [--data-dir DIR] import FILE [--kind pegawai|abk] [--abk ID] [--sheet NAMA] [--header-row N] [--locale id-ID|en-US] [--dry-run]
  imbang [--data-dir DIR] hukdis add --nip NIP --tingkat RINGAN|SEDANG|BERAT --tmt TTTT-BB-HH [--selesai HARI_TERAKHIR | --bulan N] [--jenis J] [--nomor-sk S]
  imbang [--data-dir DIR] skp add --nip NIP --tahun TTTT --predikat SANGAT_BAIK|BAIK|BUTUH_PERBAIKAN|KURANG|SANGAT_KURANG
  imbang [--data-dir DIR] unit add --opd KODE_OPD --kode KODE --nama NAMA [--induk KODE_UNIT]
  imbang [--data-dir DIR] jabatan add --kode KODE --nama NAMA --jenis JENIS [--jenjang J] [--kelas N] [--min-pendidikan S-1] [--bup 58]
  imbang [--data-dir DIR] stagnasi [--format text|csv|json]
  imbang [--data-dir DIR] export --what pegawai|abk|posisi|abk-tugas --out FILE(.xlsx|.pdf)
  imbang [--data-dir DIR] audit verify
  imbang [--data-dir DIR] user add --username U --nama NAMA --role PERAN [--opd KODE_OPD] [--password P | --password-stdin]
  imbang [--data-dir DIR] user list | reset-password --username U [--password P] | disable --username U
  imbang [--data-dir DIR] check --nip NIP --unit KODE_UNIT --jabatan KODE_JABATAN [--opd KODE_OPD] [--type T1] [--aps] [--date TTTT-BB-HH]
  imbang [--data-dir DIR] check --nip NIP --instansi NAMA [--type T2|T3|T4] [--jabatan KODE_JABATAN] [--aps] [--date TTTT-BB-HH]
  imbang [--data-dir DIR] usulan list [--status S] [--search Q] [--inbox --as PENGGUNA] [--json]
  imbang [--data-dir DIR] usulan show NOMOR|ID [--as PENGGUNA] [--json]
  imbang [--data-dir DIR] usulan decide NOMOR|ID --as PENGGUNA --kind TINDAKAN [--catatan T] [--target N] [--sk-nomor N --sk-tanggal D --tmt D]
  imbang [--data-dir DIR] evaluasi report [--by opd|jenis] [--tanggal TTTT-BB-HH] [--json]
  imbang [--data-dir DIR] plan [--format json|text] [--max-moves K] [--seed S] [--save]
  imbang [--data-dir DIR] portal surat --nip NIP|--opd KODE --out FILE.pdf | portal laporan [--opd KODE] [--status S] [--json]
  imbang [--data-dir DIR] enroll --server URL --code KODE [--ca-fingerprint FP] | enroll imbang1:URL#KODE#FP
  imbang [--data-dir DIR] sync [--server URL] [--token TOKEN] | sync status | sync rotate | sync bundle export --out FILE | sync bundle import FILE
  imbang version

--data-dir (atau IMBANG_DATA_DIR) memilih folder data; bawaan: folder konfigurasi pengguna/Imbang.
`

// env is what a command works on.
type env struct {
	svc    *kepegawaian.Service
	st     *store.Store
	stderr io.Writer // progress and notes beside a command's output
}

// commands maps a sub-command to its function; each file registers its own
// in init, so features add commands without touching this file.
var commands = map[string]func(ctx context.Context, e *env, args []string, w io.Writer) error{}

func init() {
	commands["demo"] = cmdDemo
	commands["info"] = cmdInfo
	commands["pegawai"] = cmdPegawai
}

// run is main without the process: testable, returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("imbang", flag.ContinueOnError)
	global.SetOutput(stderr)
	global.Usage = func() { fmt.Fprint(stderr, usage) }
	dataDir := global.String("data-dir", "", "folder data")
	if err := global.Parse(args); err != nil {
		return 2
	}
	rest := global.Args()
	if len(rest) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, cmdArgs := rest[0], rest[1:]
	if cmd == "version" {
		fmt.Fprintf(stdout, "imbang %s (skema basis data %d)\n", version, store.LatestVersion())
		return 0
	}
	if cmd == "backup" { // backup.go: restore and list work without opening the store
		if err := runBackup(ctx, *dataDir, cmdArgs, stdout); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return fail(stderr, err)
		}
		return 0
	}
	f, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(stderr, "perintah tidak dikenal: %s\n\n%s", cmd, usage)
		return 2
	}
	st, err := store.Open(ctx, store.Options{Dir: *dataDir})
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	svc := kepegawaian.New(kepegawaian.Config{Repo: st, NewID: store.NewID, Demo: demo.BundleProgress, AppVersion: version})
	// The command line acts for no logged-in user: it names itself as a
	// system actor with the administrator's role (it holds the data file).
	ctx = actor.With(ctx, actor.System(cliActor, domain.RoleAdmin))
	if err := f(ctx, &env{svc: svc, st: st, stderr: stderr}, cmdArgs, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return fail(stderr, err)
	}
	return 0
}

// fail prints a coded error in Indonesian (English after it) and picks the exit code.
func fail(w io.Writer, err error) int {
	var x *exitCode
	if errors.As(err, &x) {
		fmt.Fprintln(w, x.msg)
		return x.code
	}
	var e *domain.Error
	if errors.As(err, &e) {
		fmt.Fprintf(w, "galat [%s]: %s\nerror: %s\n", e.Code, e.Message, e.MessageEN)
		for _, f := range e.Fields {
			fmt.Fprintf(w, "  - %s: %s\n", f.Field, f.Message)
		}
		if e.Kind == domain.KindInvalid {
			return 2
		}
		return 1
	}
	fmt.Fprintf(w, "galat: %v\n", err)
	return 1
}

func cmdDemo(ctx context.Context, e *env, args []string, w io.Writer) error {
	svc, st := e.svc, e.st
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	size := fs.Int("size", 5000, "jumlah ASN")
	seed := fs.Int64("seed", 1, "benih acak (sama benih = sama data)")
	ifEmpty := fs.Bool("if-empty", false, "lewati tanpa galat bila sudah ada data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *ifEmpty {
		s, err := svc.Status(ctx)
		if err != nil {
			return err
		}
		if !s.FirstRun {
			fmt.Fprintf(w, "Data sudah ada (%s, %d pegawai); data contoh tidak dimuat.\n", s.PemdaNama, s.JumlahPegawai)
			return nil
		}
	}
	r, err := svc.LoadDemo(ctx, *size, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Data contoh (fiktif) dimuat ke %s: %d pegawai, %d OPD, %d unit, %d jabatan dalam %d ms.\nchecksum %s\n",
		st.Path(), r.Pegawai, r.OPD, r.Unit, r.Jabatan, r.Millis, r.Checksum)
	return nil
}

func cmdInfo(ctx context.Context, e *env, args []string, w io.Writer) error {
	svc, st := e.svc, e.st
	if len(args) > 0 {
		return unknownSub("info", args[0], []string{"(tanpa argumen)"})
	}
	s, err := svc.Status(ctx)
	if err != nil {
		return err
	}
	sum, err := st.Checksum(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Basis data\t%s\n", st.Path())
	fmt.Fprintf(tw, "Skema\t%d\n", s.SchemaVersion)
	fmt.Fprintf(tw, "Perangkat\t%s\n", s.DeviceID)
	if s.FirstRun {
		fmt.Fprintf(tw, "Pemda\t(belum ada)\n")
	} else {
		demo := ""
		if s.Demo {
			demo = " — DATA CONTOH FIKTIF"
		}
		fmt.Fprintf(tw, "Pemda\t%s%s\n", s.PemdaNama, demo)
	}
	fmt.Fprintf(tw, "Pegawai\t%d\n", s.JumlahPegawai)
	fmt.Fprintf(tw, "Perubahan belum tersinkron\t%d\n", s.PendingChanges)
	fmt.Fprintf(tw, "Checksum data\t%s\n", sum)
	return tw.Flush()
}

func cmdPegawai(ctx context.Context, e *env, args []string, w io.Writer) error {
	svc := e.svc
	fs := flag.NewFlagSet("pegawai", flag.ContinueOnError)
	search := fs.String("search", "", "NIP (awalan) atau bagian nama")
	opdKode := fs.String("opd", "", "kode OPD")
	limit := fs.Int("limit", 50, "jumlah baris (maks. 500)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	q := kepegawaian.PegawaiQuery{Search: *search, Limit: *limit}
	if *opdKode != "" {
		opds, err := svc.ListOPD(ctx)
		if err != nil {
			return err
		}
		for _, o := range opds {
			if o.Kode == *opdKode {
				q.OPDID = o.ID
			}
		}
		if q.OPDID == "" {
			return domain.E(domain.KindNotFound, "opd.not_found", fmt.Sprintf("OPD dengan kode %s tidak ditemukan.", *opdKode), fmt.Sprintf("No OPD with code %s.", *opdKode))
		}
	}
	page, err := svc.ListPegawai(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(page)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NIP\tNAMA\tGOL\tJABATAN\tOPD\tTMT JABATAN")
	for _, r := range page.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.NIP, r.NamaLengkap, r.Golongan, r.JabatanNama, r.OPDSingkatan, r.TMTJabatan)
	}
	fmt.Fprintf(tw, "(%d dari %d)\n", len(page.Rows), page.Total)
	return tw.Flush()
}
