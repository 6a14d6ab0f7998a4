package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// Records an officer keeps without the desktop:
//
//	imbang hukdis add --nip NIP --tingkat RINGAN|SEDANG|BERAT --tmt TTTT-BB-HH [--selesai TTTT-BB-HH | --bulan N] [--jenis J] [--nomor-sk S]
//	imbang skp add --nip NIP --tahun TTTT --predikat SANGAT_BAIK|BAIK|BUTUH_PERBAIKAN|KURANG|SANGAT_KURANG
//	imbang unit add --opd KODE_OPD --kode KODE --nama NAMA [--induk KODE_UNIT]
//	imbang jabatan add --kode KODE --nama NAMA --jenis JENIS [--kelas N] [--min-pendidikan S-1] [--bup 58]
//	imbang stagnasi [--format text|csv|json]

func init() {
	commands["hukdis"] = cmdHukdis
	commands["skp"] = cmdSKP
	commands["unit"] = cmdUnit
	commands["jabatan"] = cmdJabatan
	commands["stagnasi"] = cmdStagnasi
}

// subcommand splits "add --x y" and refuses anything but the known ones.
func subcommand(group string, args []string, known ...string) (string, []string, error) {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return "", nil, unknownSub(group, "", known)
	}
	for _, k := range known {
		if args[0] == k {
			return k, args[1:], nil
		}
	}
	return "", nil, unknownSub(group, args[0], known)
}

func unknownSub(group, sub string, known []string) error {
	return domain.E(domain.KindInvalid, "cli.subcommand",
		fmt.Sprintf("Perintah %s %q tidak dikenal; gunakan: %s.", group, sub, strings.Join(known, ", ")),
		fmt.Sprintf("Unknown %s subcommand %q; use: %s.", group, sub, strings.Join(known, ", ")))
}

// noArgs refuses positional arguments a command does not take, so that a
// mistyped subcommand is an error instead of a silent full run.
func noArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return domain.E(domain.KindInvalid, "cli.args", fmt.Sprintf("Argumen tidak dikenal untuk %s: %s", fs.Name(), strings.Join(fs.Args(), " ")),
			fmt.Sprintf("Unknown arguments for %s: %s", fs.Name(), strings.Join(fs.Args(), " ")))
	}
	return nil
}

func required(name, v string) error {
	if strings.TrimSpace(v) == "" {
		return domain.E(domain.KindInvalid, "cli.required", fmt.Sprintf("--%s wajib diisi.", name), fmt.Sprintf("--%s is required.", name))
	}
	return nil
}

func parseDateFlag(name, v string) (domain.Date, error) {
	d, err := domain.ParseDate(strings.TrimSpace(v))
	if err != nil {
		return d, domain.Wrap(err, domain.KindInvalid, "cli.date", fmt.Sprintf("--%s %q bukan tanggal TTTT-BB-HH.", name, v), fmt.Sprintf("--%s %q is not a YYYY-MM-DD date.", name, v))
	}
	return d, nil
}

// pegawaiByNIP finds an employee by exact NIP.
func pegawaiByNIP(ctx context.Context, e *env, nip string) (kepegawaian.PegawaiRow, error) {
	page, err := e.svc.ListPegawai(ctx, kepegawaian.PegawaiQuery{Search: nip, Limit: 5})
	if err != nil {
		return kepegawaian.PegawaiRow{}, err
	}
	for _, r := range page.Rows {
		if r.NIP == domain.NormalizeNumber(nip) {
			return r, nil
		}
	}
	return kepegawaian.PegawaiRow{}, domain.E(domain.KindNotFound, "pegawai.not_found", fmt.Sprintf("Pegawai dengan NIP %s tidak ditemukan.", nip), fmt.Sprintf("No employee with NIP %s.", nip))
}

func cmdHukdis(ctx context.Context, e *env, args []string, w io.Writer) error {
	if _, args, err := subcommand("hukdis", args, "add"); err != nil {
		return err
	} else {
		fs := flag.NewFlagSet("hukdis add", flag.ContinueOnError)
		nip := fs.String("nip", "", "NIP pegawai")
		tingkat := fs.String("tingkat", "", "RINGAN, SEDANG atau BERAT")
		jenis := fs.String("jenis", "", "jenis hukuman, mis. pemotongan tunjangan kinerja 25% selama 6 bulan")
		tmt := fs.String("tmt", "", "hari pertama menjalani, TTTT-BB-HH")
		selesai := fs.String("selesai", "", "hari TERAKHIR menjalani, TTTT-BB-HH (bebas mulai hari berikutnya)")
		bulan := fs.Int("bulan", 0, "lama hukuman dalam bulan (bila --selesai tidak diisi)")
		nomor := fs.String("nomor-sk", "", "nomor SK")
		ket := fs.String("keterangan", "", "keterangan")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if err := noArgs(fs); err != nil {
			return err
		}
		for n, v := range map[string]string{"nip": *nip, "tingkat": *tingkat, "tmt": *tmt} {
			if err := required(n, v); err != nil {
				return err
			}
		}
		p, err := pegawaiByNIP(ctx, e, *nip)
		if err != nil {
			return err
		}
		h := domain.Hukdis{ID: store.NewID(), PegawaiID: p.ID, Tingkat: domain.TingkatHukdis(strings.ToUpper(*tingkat)), Jenis: *jenis, NomorSK: *nomor, Keterangan: *ket}
		if h.TMT, err = parseDateFlag("tmt", *tmt); err != nil {
			return err
		}
		switch {
		case *selesai != "" && *bulan != 0:
			return domain.E(domain.KindInvalid, "cli.args", "Isi --selesai atau --bulan, tidak keduanya.", "Give --selesai or --bulan, not both.")
		case *selesai != "":
			if h.TanggalSelesai, err = parseDateFlag("selesai", *selesai); err != nil {
				return err
			}
		case *bulan > 0:
			h.TanggalSelesai = domain.HukdisLastDay(h.TMT, *bulan)
		}
		if err := e.st.AddHukdis(ctx, "cli", h); err != nil {
			return err
		}
		fmt.Fprintf(w, "Hukuman disiplin %s dicatat untuk %s (%s): mulai %s", strings.ToLower(string(h.Tingkat)), p.NamaLengkap, p.NIP, h.TMT.Indonesian())
		if h.TanggalSelesai.IsZero() {
			fmt.Fprintln(w, "; tanggal selesai tidak tercatat (lamanya dihitung dari pengaturan MUT-06).")
		} else {
			fmt.Fprintf(w, ", hari terakhir menjalani %s, bebas mulai %s.\n", h.TanggalSelesai.Indonesian(), domain.HukdisBebas(h.TanggalSelesai).Indonesian())
		}
		return nil
	}
}

func cmdSKP(ctx context.Context, e *env, args []string, w io.Writer) error {
	_, args, err := subcommand("skp", args, "add")
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("skp add", flag.ContinueOnError)
	nip := fs.String("nip", "", "NIP pegawai")
	tahun := fs.Int("tahun", 0, "tahun penilaian")
	predikat := fs.String("predikat", "", "SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG atau SANGAT_KURANG")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if err := required("nip", *nip); err != nil {
		return err
	}
	p, err := pegawaiByNIP(ctx, e, *nip)
	if err != nil {
		return err
	}
	pred := domain.SKPPredikat(strings.ReplaceAll(strings.ToUpper(strings.TrimSpace(*predikat)), " ", "_"))
	x, err := e.st.SaveSKP(ctx, "cli", domain.SKP{ID: store.NewID(), PegawaiID: p.ID, Tahun: *tahun, Predikat: pred})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "SKP %d %s dicatat untuk %s (%s).\n", x.Tahun, x.Predikat, p.NamaLengkap, p.NIP)
	return nil
}

func opdByKode(ctx context.Context, e *env, kode string) (kepegawaian.OPDHeadcount, error) {
	opds, err := e.svc.ListOPD(ctx)
	if err != nil {
		return kepegawaian.OPDHeadcount{}, err
	}
	for _, o := range opds {
		if strings.EqualFold(o.Kode, kode) || strings.EqualFold(o.Singkatan, kode) {
			return o, nil
		}
	}
	return kepegawaian.OPDHeadcount{}, domain.E(domain.KindNotFound, "opd.not_found", fmt.Sprintf("OPD dengan kode %s tidak ditemukan.", kode), fmt.Sprintf("No OPD with code %s.", kode))
}

func cmdUnit(ctx context.Context, e *env, args []string, w io.Writer) error {
	_, args, err := subcommand("unit", args, "add")
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("unit add", flag.ContinueOnError)
	opd := fs.String("opd", "", "kode OPD")
	kode := fs.String("kode", "", "kode unit (unik di dalam OPD)")
	nama := fs.String("nama", "", "nama unit")
	induk := fs.String("induk", "", "kode unit induk (opsional)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if err := required("opd", *opd); err != nil {
		return err
	}
	o, err := opdByKode(ctx, e, *opd)
	if err != nil {
		return err
	}
	u := domain.Unit{OPDID: o.ID, Kode: strings.TrimSpace(*kode), Nama: strings.TrimSpace(*nama)}
	if *induk != "" {
		labels, err := e.st.Labels(ctx)
		if err != nil {
			return err
		}
		for id, x := range labels.Unit {
			if x.OPDID == o.ID && x.Kode == *induk {
				u.ParentID = id
			}
		}
		if u.ParentID == "" {
			return domain.E(domain.KindNotFound, "unit.not_found", fmt.Sprintf("Unit induk %s tidak ada di OPD %s.", *induk, o.Kode), fmt.Sprintf("Parent unit %s is not in OPD %s.", *induk, o.Kode))
		}
	}
	saved, err := e.svc.SaveUnit(ctx, u)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Unit %s %s ditambahkan ke %s (id %s).\n", saved.Kode, saved.Nama, o.Kode, saved.ID)
	return nil
}

func cmdJabatan(ctx context.Context, e *env, args []string, w io.Writer) error {
	_, args, err := subcommand("jabatan", args, "add")
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("jabatan add", flag.ContinueOnError)
	kode := fs.String("kode", "", "kode jabatan (unik)")
	nama := fs.String("nama", "", "nama jabatan")
	jenis := fs.String("jenis", "PELAKSANA", "JPT_PRATAMA, ADMINISTRATOR, PENGAWAS, FUNGSIONAL, PELAKSANA, …")
	jenjang := fs.String("jenjang", "", "jenjang jabatan fungsional, mis. AHLI_PERTAMA")
	kelas := fs.Int("kelas", 0, "kelas jabatan")
	minPend := fs.String("min-pendidikan", "", "pendidikan minimum, mis. S-1")
	bup := fs.Int("bup", 58, "batas usia pensiun")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	j := domain.Jabatan{Kode: strings.TrimSpace(*kode), Nama: strings.TrimSpace(*nama), Jenis: domain.JenisJabatan(strings.ToUpper(*jenis)),
		Jenjang: domain.Jenjang(strings.ToUpper(*jenjang)), Kelas: *kelas, BUP: *bup, Jurusan: []string{}}
	if *minPend != "" {
		if j.MinPendidikan, err = domain.ParsePendidikan(*minPend); err != nil {
			return err
		}
	}
	saved, err := e.svc.SaveJabatan(ctx, j)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Jabatan %s %s (%s) ditambahkan (id %s).\n", saved.Kode, saved.Nama, jenisLabel(saved.Jenis), saved.ID)
	return nil
}

// jenisLabel is a jenis jabatan as users read it.
func jenisLabel(j domain.JenisJabatan) string {
	switch j {
	case domain.JabatanJPTUtama:
		return "JPT Utama"
	case domain.JabatanJPTMadya:
		return "JPT Madya"
	case domain.JabatanJPTPratama:
		return "JPT Pratama"
	case domain.JabatanAdministrator:
		return "Administrator"
	case domain.JabatanPengawas:
		return "Pengawas"
	case domain.JabatanFungsional:
		return "Fungsional"
	case domain.JabatanPelaksana:
		return "Pelaksana"
	}
	return string(j)
}

// cmdStagnasi prints the rotation list: employees longer in post than the
// MUT-04 limit, longest first.
func cmdStagnasi(ctx context.Context, e *env, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("stagnasi", flag.ContinueOnError)
	format := fs.String("format", "text", "text, csv atau json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	svc := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	list, err := svc.StagnanAll(ctx)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"nip", "nama", "opd", "unit", "jabatan", "tmt_jabatan", "tahun"})
		for _, r := range list.Rows {
			cw.Write([]string{r.NIP, r.Nama, r.OPDSingkatan, r.UnitNama, r.JabatanNama, r.TMTJabatan, strconv.Itoa(r.Tahun)})
		}
		cw.Flush()
		return cw.Error()
	case "text":
		fmt.Fprintf(w, "Daftar wajib rotasi: %d pegawai lebih dari %d tahun dalam jabatan.\n", list.Total, list.BatasTahun)
		for _, r := range list.Rows {
			tmt := r.TMTJabatan
			if d, err := domain.ParseDate(tmt); err == nil {
				tmt = d.Indonesian()
			}
			fmt.Fprintf(w, "%s  %-30s %2d tahun sejak %s — %s, %s, %s\n", r.NIP, r.Nama, r.Tahun, tmt, r.JabatanNama, r.UnitNama, r.OPDSingkatan)
		}
		return nil
	}
	return domain.E(domain.KindInvalid, "cli.format", "Format harus text, csv atau json.", "The format must be text, csv or json.")
}
