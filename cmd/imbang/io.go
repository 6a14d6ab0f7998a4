package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/importer"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/report"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// Import and export from the command line:
//
//	imbang [--data-dir DIR] import FILE [--kind pegawai|abk] [--abk ID] [--sheet NAME] [--dry-run]
//	imbang [--data-dir DIR] export --what pegawai|abk|posisi|abk-tugas --out FILE [--abk ID]
//
// import uses the suggested column mapping, prints the report and exits 2
// when rows fail (nothing is stored then). export --what abk writes the
// dashboard workbook, or the PDF report when FILE ends in .pdf.

func init() {
	commands["import"] = cmdImport
	commands["export"] = cmdExport
}

// parseInterspersed parses flags before and after the one positional argument.
func parseInterspersed(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if fs.NArg() == 0 {
		return "", nil
	}
	pos := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		return "", domain.E(domain.KindInvalid, "cli.args", fmt.Sprintf("Argumen tidak dikenal: %s", strings.Join(fs.Args(), " ")),
			fmt.Sprintf("Unknown arguments: %s", strings.Join(fs.Args(), " ")))
	}
	return pos, nil
}

func cmdImport(ctx context.Context, e *env, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	kindFlag := fs.String("kind", "", "pegawai atau abk (bawaan: ditebak dari judul kolom)")
	abkID := fs.String("abk", "", "id ABK draf tujuan (bawaan: ABK draf terbaru)")
	sheet := fs.String("sheet", "", "nama lembar xlsx (bawaan: lembar pertama)")
	dry := fs.Bool("dry-run", false, "periksa saja, tidak menyimpan")
	headerRow := fs.Int("header-row", 0, "nomor baris judul kolom (bawaan: dikenali otomatis, di bawah baris judul berkas)")
	locale := fs.String("locale", "id-ID", "format angka: id-ID (1.200,5) atau en-US (1,200.5)")
	path, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if path == "" {
		return domain.E(domain.KindInvalid, "cli.file", "Sebutkan berkas yang diimpor: imbang import BERKAS.xlsx", "Name the file to import: imbang import FILE.xlsx")
	}
	abk := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	imp := importer.New(importer.Config{Repo: e.st, ABK: abk, NewID: store.NewID})
	var kind importer.Kind
	var prev importer.Preview
	if *kindFlag != "" {
		if kind, err = importer.ParseKind(*kindFlag); err != nil {
			return err
		}
		if prev, err = imp.PreviewAt(kind, path, *sheet, *headerRow); err != nil {
			return err
		}
	} else {
		// Guess: ABK when its required columns are all there and the employee ones are not.
		if prev, err = imp.PreviewAt(importer.KindPegawai, path, *sheet, *headerRow); err != nil {
			return err
		}
		kind = importer.KindPegawai
		if len(prev.Missing) > 0 && missing(importer.KindABK, importer.Suggest(importer.KindABK, prev.Headers)) == 0 {
			kind = importer.KindABK
			prev.Kind, prev.Fields = kind, importer.Fields(kind)
			prev.Mapping.Columns, prev.Missing = importer.Suggest(kind, prev.Headers), nil
		}
	}
	fmt.Fprintf(w, "Berkas %s", prev.File)
	if prev.Sheet != "" {
		fmt.Fprintf(w, " (lembar %s)", prev.Sheet)
	}
	if _, err := importer.ParseLocale(*locale); err != nil {
		return err
	}
	prev.Mapping.Locale = *locale
	fmt.Fprintf(w, ": impor %s, %d baris data, judul kolom di baris %d.\nPemetaan kolom:\n", kind, prev.RowCount, prev.HeaderRow)
	for _, f := range prev.Fields {
		if col, ok := prev.Mapping.Columns[f.Key]; ok {
			fmt.Fprintf(w, "  %-20s ← kolom %d %q\n", f.Label, col+1, prev.Headers[col])
		} else if f.Required {
			fmt.Fprintf(w, "  %-20s ← (TIDAK ADA — wajib)\n", f.Label)
		}
	}
	run := imp.Commit
	if *dry {
		run = imp.DryRun
	}
	rep, err := run(ctx, kind, path, prev.Mapping, *abkID, nil)
	if err != nil {
		return err
	}
	printReport(w, rep)
	if rep.Failed > 0 {
		return domain.E(domain.KindInvalid, "import.rows", fmt.Sprintf("%d baris gagal; tidak ada yang disimpan.", rep.Failed),
			fmt.Sprintf("%d rows failed; nothing was stored.", rep.Failed))
	}
	return nil
}

// missing counts the required fields of kind a mapping leaves out.
func missing(kind importer.Kind, cols map[string]int) int {
	n := 0
	for _, f := range importer.Fields(kind) {
		if _, ok := cols[f.Key]; f.Required && !ok {
			n++
		}
	}
	return n
}

func printReport(w io.Writer, r importer.Report) {
	for _, n := range r.Notices {
		fmt.Fprintf(w, "Catatan: %s\n", n.Message)
	}
	fmt.Fprintf(w, "Baris: %d, valid %d, gagal %d (%d ms).\n", r.Total, r.Valid, r.Failed, r.Millis)
	for _, re := range r.Errors {
		for _, x := range re.Reasons {
			col := ""
			if x.Column != "" {
				col = fmt.Sprintf(" [%s=%q]", x.Column, x.Value)
			}
			fmt.Fprintf(w, "  baris %d%s: %s\n", re.Line, col, x.Message)
		}
	}
	switch {
	case r.Committed:
		fmt.Fprintf(w, "Tersimpan: %d baris dalam satu transaksi.\n", r.Stored)
	case r.DryRun && r.Failed == 0:
		fmt.Fprintln(w, "Uji coba: semua baris valid; tidak ada yang disimpan (ulangi tanpa --dry-run untuk menyimpan).")
	case r.DryRun:
		fmt.Fprintln(w, "Uji coba: tidak ada yang disimpan.")
	default:
		fmt.Fprintln(w, "Tidak ada yang disimpan: perbaiki baris di atas lalu ulangi.")
	}
}

func cmdExport(ctx context.Context, e *env, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	what := fs.String("what", "", "pegawai, abk (dasbor; .pdf = laporan), posisi atau abk-tugas (uraian tugas, dapat diimpor kembali)")
	out := fs.String("out", "", "berkas keluaran (.xlsx, atau .pdf untuk --what abk)")
	abkID := fs.String("abk", "", "id ABK (bawaan: final terbaru, selain itu draf terbaru)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return domain.E(domain.KindInvalid, "cli.out", "Sebutkan berkas keluaran dengan --out BERKAS.", "Name the output file with --out FILE.")
	}
	ext := strings.ToLower(filepath.Ext(*out))
	pdf := ext == ".pdf"
	if ext != ".xlsx" && !(pdf && *what == "abk") {
		return domain.E(domain.KindInvalid, "cli.out_type", "Keluaran harus .xlsx (atau .pdf untuk --what abk).", "The output must be .xlsx (or .pdf with --what abk).")
	}
	abk := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	var write func(io.Writer) error
	switch *what {
	case "pegawai":
		rows, err := report.AllPegawai(ctx, e.svc.ListPegawai, kepegawaian.PegawaiQuery{})
		if err != nil {
			return err
		}
		full, err := report.LoadPegawaiExport(ctx, rows, e.st.Pegawai, e.st.Labels)
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return report.PegawaiXLSX(w, full) }
	case "posisi":
		_, rows, err := abk.PositionRows(ctx, *abkID)
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return report.PositionsXLSX(w, rows) }
	case "abk-tugas":
		_, rows, err := report.LoadTugasExport(ctx, abk.PositionRows, abk.Tugas, *abkID)
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return report.TugasXLSX(w, rows) }
	case "abk":
		s, err := report.LoadSummary(ctx, e.svc, abk, *abkID, time.Now())
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return report.DashboardXLSX(w, s) }
		if pdf {
			write = func(w io.Writer) error { return report.PDF(w, s) }
		}
	default:
		return domain.E(domain.KindInvalid, "cli.what", fmt.Sprintf("--what %q tidak dikenal; gunakan pegawai, abk, posisi atau abk-tugas.", *what),
			fmt.Sprintf("Unknown --what %q; use pegawai, abk, posisi or abk-tugas.", *what))
	}
	if err := writeAtomic(*out, write); err != nil {
		return err
	}
	fmt.Fprintf(w, "Ditulis: %s\n", *out)
	return nil
}

// writeAtomic writes through a temporary file renamed into place.
func writeAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".imbang-*.tmp")
	if err != nil {
		return domain.Wrap(err, domain.KindUnavailable, "io.write", fmt.Sprintf("Berkas %s tidak dapat ditulis.", path), fmt.Sprintf("Cannot write %s.", path))
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes 0600; an export is for sharing
		return err
	}
	return os.Rename(tmp.Name(), path)
}
