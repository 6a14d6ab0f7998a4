package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/importer"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/report"
)

// The import/export part of the facade. The work is in backend/importer and
// backend/report; these methods pick the file (dialog or IMBANG_EXPORT_DIR),
// call one function and translate its errors.

// FileFilter is one entry of a file dialog's type list, e.g. {"Excel", "*.xlsx"}.
type FileFilter struct {
	DisplayName string
	Pattern     string // "*.xlsx;*.csv"
}

// Dialogs are the native file dialogs, behind an interface so tests never call
// the Wails runtime. An empty path with a nil error means the user cancelled.
type Dialogs interface {
	SaveFile(title, defaultName string, filters ...FileFilter) (string, error)
	OpenFile(title string, filters ...FileFilter) (string, error)
	OpenDirectory(title string) (string, error)
}

// AppIO is what the import/export methods need besides the App's services.
type AppIO struct {
	Dialogs  Dialogs
	Importer *importer.Service
	Now      func() time.Time
}

// ExportDirEnv names a directory exports are written into without a dialog
// (the end-to-end test uses it).
const ExportDirEnv = "IMBANG_EXPORT_DIR"

var (
	xlsxFilter   = FileFilter{"Buku kerja Excel (*.xlsx)", "*.xlsx"}
	pdfFilter    = FileFilter{"Dokumen PDF (*.pdf)", "*.pdf"}
	pngFilter    = FileFilter{"Gambar PNG (*.png)", "*.png"}
	importFilter = FileFilter{"Excel atau CSV (*.xlsx, *.csv)", "*.xlsx;*.csv"}
)

func (a *App) ioReady() error {
	if a.io == nil || a.io.Importer == nil {
		return domain.E(domain.KindUnavailable, "io.unavailable", "Impor dan ekspor belum siap; coba lagi sebentar.", "Import and export are not ready; try again shortly.")
	}
	return nil
}

func (a *App) now() time.Time {
	if a.io != nil && a.io.Now != nil {
		return a.io.Now()
	}
	return time.Now()
}

// savePath asks where to write (or uses IMBANG_EXPORT_DIR); "" = cancelled.
func (a *App) savePath(title, name string, filter FileFilter) (string, error) {
	if dir := os.Getenv(ExportDirEnv); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", writeErr(err)
		}
		return filepath.Join(dir, name), nil
	}
	if a.io == nil || a.io.Dialogs == nil {
		return "", domain.E(domain.KindUnavailable, "io.no_dialog", "Dialog berkas tidak tersedia.", "The file dialog is not available.")
	}
	p, err := a.io.Dialogs.SaveFile(title, name, filter)
	if err != nil || p == "" {
		return "", err
	}
	if ext := filepath.Ext(name); !strings.EqualFold(filepath.Ext(p), ext) {
		p += ext
	}
	return p, nil
}

func writeErr(err error) error {
	return domain.Wrap(err, domain.KindUnavailable, "io.write", "Berkas tidak dapat ditulis: periksa folder, izin dan ruang disk, atau tutup berkas itu bila sedang dibuka di Excel.",
		"The file cannot be written: check the folder, permissions and disk space, or close it if it is open in Excel.")
}

// writeFile writes through a temporary file and renames it into place, so a
// failed export never leaves a half-written file under the chosen name.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".imbang-*.tmp")
	if err != nil {
		return writeErr(err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return writeErr(err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes 0600; an export is for sharing
		return writeErr(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return writeErr(err)
	}
	return nil
}

// export picks the path and writes; it returns the path, "" when cancelled.
func (a *App) export(title, name string, filter FileFilter, write func(io.Writer) error) (string, error) {
	path, err := a.savePath(title, name, filter)
	if err != nil || path == "" {
		return "", err
	}
	return path, writeFile(path, write)
}

func (a *App) progress(phase string, done, total int) {
	if a.events != nil {
		a.events.Emit("import:progress", map[string]any{"done": done, "total": total, "phase": phase})
	}
}

// ChooseImportFile opens the file dialog for an .xlsx or .csv file; "" = cancelled.
func (a *App) ChooseImportFile() (string, error) {
	return call(a, "ChooseImportFile", func(ctx context.Context) (string, error) {
		if a.io == nil || a.io.Dialogs == nil {
			return "", domain.E(domain.KindUnavailable, "io.no_dialog", "Dialog berkas tidak tersedia.", "The file dialog is not available.")
		}
		return a.io.Dialogs.OpenFile("Pilih berkas untuk diimpor", importFilter)
	})
}

// ImportPreview reads a file's headers and first rows and suggests a mapping.
func (a *App) ImportPreview(kind, path, sheet string) (importer.Preview, error) {
	return call(a, "ImportPreview", func(ctx context.Context) (importer.Preview, error) {
		k, err := importer.ParseKind(kind)
		if err != nil {
			return importer.Preview{}, err
		}
		if err := a.ioReady(); err != nil {
			return importer.Preview{}, err
		}
		return a.io.Importer.Preview(k, path, sheet)
	})
}

// ImportPreviewAt is ImportPreview with the header read from line headerRow
// of the file (0 = detected), for the mapping step's header-row choice.
func (a *App) ImportPreviewAt(kind, path, sheet string, headerRow int) (importer.Preview, error) {
	return call(a, "ImportPreviewAt", func(ctx context.Context) (importer.Preview, error) {
		k, err := importer.ParseKind(kind)
		if err != nil {
			return importer.Preview{}, err
		}
		if err := a.ioReady(); err != nil {
			return importer.Preview{}, err
		}
		return a.io.Importer.PreviewAt(k, path, sheet, headerRow)
	})
}

// ImportDryRun checks every row with the mapping and reports; it stores nothing.
// abkID names the draft ABK for kind "abk" ("" = the newest draft).
func (a *App) ImportDryRun(kind, path string, mapping importer.Mapping, abkID string) (importer.Report, error) {
	return call(a, "ImportDryRun", func(ctx context.Context) (importer.Report, error) {
		k, err := importer.ParseKind(kind)
		if err != nil {
			return importer.Report{}, err
		}
		if err := a.ioReady(); err != nil {
			return importer.Report{}, err
		}
		return a.io.Importer.DryRun(ctx, k, path, mapping, abkID, a.progress)
	})
}

// ImportCommit stores every row in one transaction, or none when any row
// fails (the report then lists them, Committed false).
func (a *App) ImportCommit(kind, path string, mapping importer.Mapping, abkID string) (importer.Report, error) {
	r, err := call(a, "ImportCommit", func(ctx context.Context) (importer.Report, error) {
		k, err := importer.ParseKind(kind)
		if err != nil {
			return importer.Report{}, err
		}
		if err := a.ioReady(); err != nil {
			return importer.Report{}, err
		}
		return a.io.Importer.Commit(ctx, k, path, mapping, abkID, a.progress)
	})
	if err == nil && r.Committed {
		a.changed(string(r.Kind))
	}
	return r, err
}

// SaveImportTemplate writes the .xlsx template of a kind; returns the path.
func (a *App) SaveImportTemplate(kind string) (string, error) {
	return call(a, "SaveImportTemplate", func(ctx context.Context) (string, error) {
		k, err := importer.ParseKind(kind)
		if err != nil {
			return "", err
		}
		if err := a.ioReady(); err != nil {
			return "", err
		}
		return a.export("Simpan templat impor", fmt.Sprintf("templat-impor-%s.xlsx", k), xlsxFilter, func(w io.Writer) error {
			return a.io.Importer.Template(ctx, k, w)
		})
	})
}

// ExportPegawai writes every employee matching q (not just one page) to .xlsx.
func (a *App) ExportPegawai(q kepegawaian.PegawaiQuery) (string, error) {
	return call(a, "ExportPegawai", func(ctx context.Context) (string, error) {
		if err := a.scopeQuery(ctx, &q); err != nil { // OPD scope (app_auth.go)
			return "", err
		}
		rows, err := report.AllPegawai(ctx, a.kepegawaian.ListPegawai, q)
		if err != nil {
			return "", err
		}
		return a.audited(ctx, "pegawai", q)(a.export("Ekspor daftar pegawai", "pegawai-"+report.FileDate(a.now())+".xlsx", xlsxFilter, func(w io.Writer) error {
			get := func(ctx context.Context, id string) (domain.Pegawai, error) {
				d, err := a.kepegawaian.GetPegawai(ctx, id)
				return d.Pegawai, err
			}
			full, err := report.LoadPegawaiExport(ctx, rows, get, a.abk.Labels)
			if err != nil {
				return err
			}
			return report.PegawaiXLSX(w, full)
		}))
	})
}

// ExportABK writes the positions of an ABK ("" = the dashboard's) to .xlsx.
func (a *App) ExportABK(abkID string) (string, error) {
	return call(a, "ExportABK", func(ctx context.Context) (string, error) {
		an, rows, err := a.abk.PositionRows(ctx, abkID)
		if err != nil {
			return "", err
		}
		return a.export("Ekspor posisi ABK", fmt.Sprintf("abk-%d-posisi-%s.xlsx", an.ABK.Tahun, report.FileDate(a.now())), xlsxFilter, func(w io.Writer) error {
			return report.PositionsXLSX(w, rows)
		})
	})
}

// ExportABKOPD writes one OPD's positions of an ABK to .xlsx: a kepala or
// operator OPD gets their own OPD ("" = theirs; another is refused with
// auth.scope), the region's roles name the OPD.
func (a *App) ExportABKOPD(abkID, opdID string) (string, error) {
	return call(a, "ExportABKOPD", func(ctx context.Context) (string, error) {
		opdID, err := a.exportOPD(ctx, opdID)
		if err != nil {
			return "", err
		}
		an, rows, err := a.abk.PositionRows(ctx, abkID)
		if err != nil {
			return "", err
		}
		mine := make([]abksvc.PositionRow, 0, len(rows))
		for _, r := range rows {
			if r.OPDID == opdID {
				mine = append(mine, r)
			}
		}
		l, ok := an.Labels.OPD[opdID]
		if !ok {
			return "", domain.E(domain.KindNotFound, "opd.not_found", "OPD tidak ditemukan.", "OPD not found.")
		}
		name := l.Singkatan
		if name == "" {
			name = l.Kode
		}
		return a.export("Ekspor posisi ABK OPD", fmt.Sprintf("abk-%d-%s-posisi-%s.xlsx", an.ABK.Tahun, fileSafe(name), report.FileDate(a.now())), xlsxFilter,
			func(w io.Writer) error { return report.PositionsXLSX(w, mine) })
	})
}

// ExportReportPDFOPD writes the ABK report of one OPD as PDF: its totals,
// units and positions. Scoped like ExportABKOPD: a kepala or operator OPD
// gets their own ("" = theirs; another is refused with auth.scope), the
// region's roles name the OPD.
func (a *App) ExportReportPDFOPD(abkID, opdID string) (string, error) {
	return call(a, "ExportReportPDFOPD", func(ctx context.Context) (string, error) {
		opdID, err := a.exportOPD(ctx, opdID)
		if err != nil {
			return "", err
		}
		s, err := report.LoadOPDSummary(ctx, a.kepegawaian, a.abk, abkID, opdID, a.now())
		if err != nil {
			return "", err
		}
		o := s.Detail.OPD
		name := o.Singkatan
		if name == "" {
			name = o.Kode
		}
		return a.export("Simpan laporan PDF OPD", fmt.Sprintf("laporan-abk-%d-%s-%s.pdf", s.Detail.ABK.Tahun, fileSafe(name), report.FileDate(s.Dibuat)), pdfFilter,
			func(w io.Writer) error { return report.OPDPDF(w, s) })
	})
}

// exportOPD resolves the OPD of an OPD-scoped export: a user bound to an OPD
// gets theirs ("" = theirs, another is refused with auth.scope); the region's
// roles must name one.
func (a *App) exportOPD(ctx context.Context, opdID string) (string, error) {
	own, _, err := a.pegawaiScope(ctx)
	if err != nil {
		return "", err
	}
	switch {
	case own != "" && opdID == "":
		return own, nil
	case own != "" && opdID != own:
		return "", auth.ErrScope()
	case opdID == "":
		return "", domain.E(domain.KindInvalid, "io.opd_required", "Pilih OPD yang akan diekspor.", "Choose the OPD to export.")
	}
	return opdID, nil
}

// ExportABKTugas writes every task of an ABK in the ABK import's layout, so
// the file can be edited and imported back into a draft.
func (a *App) ExportABKTugas(abkID string) (string, error) {
	return call(a, "ExportABKTugas", func(ctx context.Context) (string, error) {
		abk, rows, err := report.LoadTugasExport(ctx, a.abk.PositionRows, a.abk.Tugas, abkID)
		if err != nil {
			return "", err
		}
		return a.export("Ekspor uraian tugas ABK", fmt.Sprintf("abk-%d-tugas-%s.xlsx", abk.Tahun, report.FileDate(a.now())), xlsxFilter, func(w io.Writer) error {
			return report.TugasXLSX(w, rows)
		})
	})
}

// ExportDashboard writes the ABK dashboard workbook (Ringkasan, OPD, Posisi, Nilai, Heatmap).
func (a *App) ExportDashboard(abkID string) (string, error) {
	return call(a, "ExportDashboard", func(ctx context.Context) (string, error) {
		s, err := report.LoadSummary(ctx, a.kepegawaian, a.abk, abkID, a.now())
		if err != nil {
			return "", err
		}
		return a.export("Ekspor dasbor ABK", fmt.Sprintf("dasbor-abk-%d-%s.xlsx", s.View.ABK.Tahun, report.FileDate(s.Dibuat)), xlsxFilter, func(w io.Writer) error {
			return report.DashboardXLSX(w, s)
		})
	})
}

// ExportJabatan writes the jabatan catalogue with headcounts to .xlsx.
func (a *App) ExportJabatan() (string, error) {
	return call(a, "ExportJabatan", func(ctx context.Context) (string, error) {
		rows, err := a.kepegawaian.ListJabatan(ctx)
		if err != nil {
			return "", err
		}
		return a.export("Ekspor katalog jabatan", "jabatan-"+report.FileDate(a.now())+".xlsx", xlsxFilter, func(w io.Writer) error {
			return report.JabatanXLSX(w, rows, a.kepegawaian.Reference())
		})
	})
}

// ExportOPD writes every OPD with its unit and employee counts to .xlsx.
func (a *App) ExportOPD() (string, error) {
	return call(a, "ExportOPD", func(ctx context.Context) (string, error) {
		rows, err := a.kepegawaian.ListOPD(ctx)
		if err != nil {
			return "", err
		}
		return a.export("Ekspor daftar OPD", "opd-"+report.FileDate(a.now())+".xlsx", xlsxFilter, func(w io.Writer) error {
			return report.OPDListXLSX(w, rows, a.kepegawaian.Reference())
		})
	})
}

// ExportStagnan writes the whole stagnation list (not capped like
// StagnationList) to .xlsx.
func (a *App) ExportStagnan() (string, error) {
	return call(a, "ExportStagnan", func(ctx context.Context) (string, error) {
		l, err := a.abk.StagnanAll(ctx)
		if err != nil {
			return "", err
		}
		if err := a.scopeStagnan(ctx, &l); err != nil {
			return "", err
		}
		return a.audited(ctx, "stagnasi", map[string]any{"batasTahun": l.BatasTahun})(a.export("Ekspor daftar stagnasi", fmt.Sprintf("stagnasi-%dth-%s.xlsx", l.BatasTahun, report.FileDate(a.now())), xlsxFilter, func(w io.Writer) error {
			return report.StagnanXLSX(w, l)
		}))
	})
}

// ExportPensiun writes the retirement projection against an ABK ("" = the
// dashboard's) to .xlsx.
func (a *App) ExportPensiun(abkID string) (string, error) {
	return call(a, "ExportPensiun", func(ctx context.Context) (string, error) {
		p, err := a.abk.Pensiun(ctx, abkID)
		if err != nil {
			return "", err
		}
		name := "proyeksi-pensiun-" + report.FileDate(a.now()) + ".xlsx"
		if n := len(p.Tahun); n > 0 {
			name = fmt.Sprintf("proyeksi-pensiun-%d-%d-%s.xlsx", p.Tahun[0], p.Tahun[n-1], report.FileDate(a.now()))
		}
		return a.export("Ekspor proyeksi pensiun", name, xlsxFilter, func(w io.Writer) error {
			return report.PensiunXLSX(w, p)
		})
	})
}

// ExportReportPDF writes the ABK summary report as PDF.
func (a *App) ExportReportPDF(abkID string) (string, error) {
	return call(a, "ExportReportPDF", func(ctx context.Context) (string, error) {
		s, err := report.LoadSummary(ctx, a.kepegawaian, a.abk, abkID, a.now())
		if err != nil {
			return "", err
		}
		return a.export("Simpan laporan PDF", fmt.Sprintf("laporan-abk-%d-%s.pdf", s.View.ABK.Tahun, report.FileDate(s.Dibuat)), pdfFilter, func(w io.Writer) error {
			return report.PDF(w, s)
		})
	})
}

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// SaveChartPNG writes a chart image the UI sends as a data URL (ECharts
// getDataURL, PNG) to a file; returns the path.
func (a *App) SaveChartPNG(defaultName, dataURL string) (string, error) {
	return call(a, "SaveChartPNG", func(ctx context.Context) (string, error) {
		b64, ok := strings.CutPrefix(dataURL, "data:image/png;base64,")
		img, err := base64.StdEncoding.DecodeString(b64)
		if !ok || err != nil || !bytes.HasPrefix(img, pngMagic) {
			return "", domain.E(domain.KindInvalid, "io.png", "Gambar grafik tidak valid (harus PNG).", "The chart image is not a valid PNG.")
		}
		name := filepath.Base(strings.TrimSpace(defaultName))
		if name == "" || name == "." || name == string(filepath.Separator) {
			name = "grafik"
		}
		if !strings.EqualFold(filepath.Ext(name), ".png") {
			name += ".png"
		}
		return a.export("Simpan grafik", name, pngFilter, func(w io.Writer) error {
			_, err := w.Write(img)
			return err
		})
	})
}

// fileSafe keeps letters, digits, '-' and '_' of s for a file name.
func fileSafe(s string) string {
	out := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, s)
	if out = strings.Trim(out, "-"); out == "" {
		return "opd"
	}
	return out
}
