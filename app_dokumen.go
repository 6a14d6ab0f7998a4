package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/evaluasi"
	"github.com/bkpsdm-sorong/imbang/backend/report"
)

// The documents and evaluation part of the facade:
// the checklist and attachments of a request, the generated PDFs, and the
// evaluations 6 and 12 months after a transfer. The work is in
// backend/dokumen, backend/evaluasi and backend/report.

var (
	lampiranFilter = FileFilter{"PDF, JPG atau PNG (*.pdf, *.jpg, *.png)", "*.pdf;*.jpg;*.jpeg;*.png"}
	jpgFilter      = FileFilter{"Gambar JPEG (*.jpg)", "*.jpg;*.jpeg"}
)

func (a *App) dokReady() error {
	if a.dokumen == nil {
		return domain.E(domain.KindUnavailable, "dokumen.unavailable", "Layanan dokumen belum siap; coba lagi sebentar.", "The document service is not ready; try again shortly.")
	}
	return nil
}

func (a *App) evalReady() error {
	if a.evaluasi == nil {
		return domain.E(domain.KindUnavailable, "evaluasi.unavailable", "Layanan evaluasi belum siap; coba lagi sebentar.", "The evaluation service is not ready; try again shortly.")
	}
	return nil
}

// DokumenChecklist lists the documents a request needs (by its type and APS
// flag) with their attachments and verification status.
func (a *App) DokumenChecklist(usulanID string) ([]dokumen.Item, error) {
	return call(a, "DokumenChecklist", func(ctx context.Context) ([]dokumen.Item, error) {
		if err := a.dokReady(); err != nil {
			return nil, err
		}
		return a.dokumen.Checklist(ctx, usulanID)
	})
}

// ChooseDokumenFile opens the file dialog for a PDF, JPG or PNG; "" = cancelled.
func (a *App) ChooseDokumenFile() (string, error) {
	return call(a, "ChooseDokumenFile", func(ctx context.Context) (string, error) {
		if a.io == nil || a.io.Dialogs == nil {
			return "", domain.E(domain.KindUnavailable, "io.no_dialog", "Dialog berkas tidak tersedia.", "The file dialog is not available.")
		}
		return a.io.Dialogs.OpenFile("Pilih dokumen (PDF, JPG atau PNG)", lampiranFilter)
	})
}

// AttachDokumen attaches the file at path as document jenis of a request.
func (a *App) AttachDokumen(usulanID, jenis, path string) (dokumen.Lampiran, error) {
	r, err := call(a, "AttachDokumen", func(ctx context.Context) (dokumen.Lampiran, error) {
		if err := a.dokReady(); err != nil {
			return dokumen.Lampiran{}, err
		}
		return a.dokumen.Attach(ctx, usulanID, jenis, path)
	})
	if err == nil {
		a.changed("dokumen")
	}
	return r, err
}

// VerifyDokumen records SESUAI, TIDAK_SESUAI (catatan required) or BELUM_DIPERIKSA.
func (a *App) VerifyDokumen(lampiranID, status, catatan string) (dokumen.Lampiran, error) {
	r, err := call(a, "VerifyDokumen", func(ctx context.Context) (dokumen.Lampiran, error) {
		if err := a.dokReady(); err != nil {
			return dokumen.Lampiran{}, err
		}
		return a.dokumen.Verify(ctx, lampiranID, status, catatan)
	})
	if err == nil {
		a.changed("dokumen")
	}
	return r, err
}

// RemoveDokumen deletes an attachment.
func (a *App) RemoveDokumen(lampiranID string) error {
	_, err := call(a, "RemoveDokumen", func(ctx context.Context) (struct{}, error) {
		if err := a.dokReady(); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, a.dokumen.Remove(ctx, lampiranID)
	})
	if err == nil {
		a.changed("dokumen")
	}
	return err
}

// ExportDokumen copies an attachment out (save dialog or IMBANG_EXPORT_DIR);
// a file whose hash no longer matches is refused (dokumen.rusak).
func (a *App) ExportDokumen(lampiranID string) (string, error) {
	return call(a, "ExportDokumen", func(ctx context.Context) (string, error) {
		if err := a.dokReady(); err != nil {
			return "", err
		}
		l, b, err := a.dokumen.Content(ctx, lampiranID)
		if err != nil {
			return "", err
		}
		ext := dokumen.ExtOf(l.MIME)
		name := filepath.Base(l.NamaBerkas)
		if !strings.EqualFold(filepath.Ext(name), ext) && !(ext == ".jpg" && strings.EqualFold(filepath.Ext(name), ".jpeg")) {
			name += ext
		}
		filter := pdfFilter
		switch ext {
		case ".png":
			filter = pngFilter
		case ".jpg":
			filter = jpgFilter
		}
		return a.audited(ctx, "dokumen_lampiran", map[string]any{"lampiranId": lampiranID, "usulanId": l.UsulanID})(a.export("Simpan salinan dokumen", name, filter, func(w io.Writer) error {
			_, err := w.Write(b)
			return err
		}))
	})
}

// DokumenMaxBytes is the attachment size limit in bytes (default 5 MB).
func (a *App) DokumenMaxBytes() (int64, error) {
	return call(a, "DokumenMaxBytes", func(ctx context.Context) (int64, error) {
		if err := a.dokReady(); err != nil {
			return 0, err
		}
		return a.dokumen.MaxBytes(ctx)
	})
}

// SaveDokumenMaxBytes sets the attachment size limit (100 KB … 50 MB).
func (a *App) SaveDokumenMaxBytes(n int64) (int64, error) {
	r, err := call(a, "SaveDokumenMaxBytes", func(ctx context.Context) (int64, error) {
		if err := a.dokReady(); err != nil {
			return 0, err
		}
		return a.dokumen.SaveMaxBytes(ctx, n)
	})
	if err == nil {
		a.changed("settings")
	}
	return r, err
}

func safeName(s string) string {
	r := strings.NewReplacer("/", "-", "\\", "-", ":", "-", " ", "-")
	return r.Replace(s)
}

// GenerateNotaUsulan writes the nota usulan PDF of a request; returns the path.
func (a *App) GenerateNotaUsulan(usulanID string) (string, error) {
	return call(a, "GenerateNotaUsulan", func(ctx context.Context) (string, error) {
		if err := a.dokReady(); err != nil {
			return "", err
		}
		n, err := a.dokumen.NotaUsulan(ctx, usulanID)
		if err != nil {
			return "", err
		}
		return a.audited(ctx, "nota_usulan", map[string]any{"usulanId": usulanID})(a.export("Simpan nota usulan", "nota-usulan-"+safeName(n.Nomor)+".pdf", pdfFilter, func(w io.Writer) error {
			return report.NotaUsulanPDF(w, n)
		}))
	})
}

// GenerateDraftSK writes one draft SK (with its lampiran) for the requests; returns the path.
func (a *App) GenerateDraftSK(ids []string) (string, error) {
	return call(a, "GenerateDraftSK", func(ctx context.Context) (string, error) {
		if err := a.dokReady(); err != nil {
			return "", err
		}
		d, err := a.dokumen.DraftSK(ctx, ids)
		if err != nil {
			return "", err
		}
		name := fmt.Sprintf("draf-sk-mutasi-%d-pegawai-%s.pdf", len(d.Pegawai), report.FileDate(d.Dibuat))
		return a.audited(ctx, "draf_sk", map[string]any{"usulanIds": ids})(a.export("Simpan draf SK", name, pdfFilter, func(w io.Writer) error {
			return report.DraftSKPDF(w, d)
		}))
	})
}

// GenerateTandaTerima writes the tanda terima PDF of a request; returns the path.
func (a *App) GenerateTandaTerima(usulanID string) (string, error) {
	return call(a, "GenerateTandaTerima", func(ctx context.Context) (string, error) {
		if err := a.dokReady(); err != nil {
			return "", err
		}
		t, err := a.dokumen.TandaTerima(ctx, usulanID)
		if err != nil {
			return "", err
		}
		return a.audited(ctx, "tanda_terima", map[string]any{"usulanId": usulanID})(a.export("Simpan tanda terima", "tanda-terima-"+safeName(t.Nomor)+".pdf", pdfFilter, func(w io.Writer) error {
			return report.TandaTerimaPDF(w, t)
		}))
	})
}

// EvaluasiQuestions lists the evaluation questions (defaults seeded on first use).
func (a *App) EvaluasiQuestions() ([]evaluasi.Question, error) {
	return call(a, "EvaluasiQuestions", func(ctx context.Context) ([]evaluasi.Question, error) {
		if err := a.evalReady(); err != nil {
			return nil, err
		}
		return a.evaluasi.Questions(ctx)
	})
}

// SaveEvaluasiQuestion creates (empty id) or edits a question.
func (a *App) SaveEvaluasiQuestion(q evaluasi.Question) (evaluasi.Question, error) {
	r, err := call(a, "SaveEvaluasiQuestion", func(ctx context.Context) (evaluasi.Question, error) {
		if err := a.evalReady(); err != nil {
			return q, err
		}
		return a.evaluasi.SaveQuestion(ctx, q)
	})
	if err == nil {
		a.changed("evaluasi")
	}
	return r, err
}

// EvaluasiDue lists evaluations due by today or within 30 days (done ones too when includeDone).
func (a *App) EvaluasiDue(includeDone bool) ([]evaluasi.DueItem, error) {
	return call(a, "EvaluasiDue", func(ctx context.Context) ([]evaluasi.DueItem, error) {
		if err := a.evalReady(); err != nil {
			return nil, err
		}
		return a.evaluasi.Due(ctx, includeDone)
	})
}

// EvaluasiDueCount is the dashboard's count of due, overdue and upcoming evaluations.
func (a *App) EvaluasiDueCount() (evaluasi.DueCount, error) {
	return call(a, "EvaluasiDueCount", func(ctx context.Context) (evaluasi.DueCount, error) {
		if err := a.evalReady(); err != nil {
			return evaluasi.DueCount{}, err
		}
		return a.evaluasi.Count(ctx)
	})
}

// EvaluasiForm returns one evaluation (bulan 6 or 12, responden PEGAWAI or
// ATASAN) with its questions, answers and the SKP/EJ context.
func (a *App) EvaluasiForm(usulanID string, bulan int, responden string) (evaluasi.Form, error) {
	return call(a, "EvaluasiForm", func(ctx context.Context) (evaluasi.Form, error) {
		if err := a.evalReady(); err != nil {
			return evaluasi.Form{}, err
		}
		return a.evaluasi.Form(ctx, usulanID, bulan, responden)
	})
}

// SubmitEvaluasi validates and stores the answers (kode → "1".."5" or text).
func (a *App) SubmitEvaluasi(usulanID string, bulan int, responden string, jawaban map[string]string) (evaluasi.Form, error) {
	r, err := call(a, "SubmitEvaluasi", func(ctx context.Context) (evaluasi.Form, error) {
		if err := a.evalReady(); err != nil {
			return evaluasi.Form{}, err
		}
		return a.evaluasi.Submit(ctx, usulanID, bulan, responden, jawaban)
	})
	if err == nil {
		a.changed("evaluasi")
	}
	return r, err
}

// EvaluasiReport groups the evaluations per "opd" (target OPD) or per "jenis".
func (a *App) EvaluasiReport(groupBy string) (evaluasi.Report, error) {
	return call(a, "EvaluasiReport", func(ctx context.Context) (evaluasi.Report, error) {
		if err := a.evalReady(); err != nil {
			return evaluasi.Report{}, err
		}
		return a.evaluasi.Report(ctx, groupBy)
	})
}

// ExportEvaluasiReport writes the evaluation report to .xlsx; returns the path.
func (a *App) ExportEvaluasiReport(groupBy string) (string, error) {
	return call(a, "ExportEvaluasiReport", func(ctx context.Context) (string, error) {
		if err := a.evalReady(); err != nil {
			return "", err
		}
		r, err := a.evaluasi.Report(ctx, groupBy)
		if err != nil {
			return "", err
		}
		return a.export("Ekspor laporan evaluasi mutasi", fmt.Sprintf("evaluasi-mutasi-per-%s-%s.xlsx", r.GroupBy, report.FileDate(a.now())), xlsxFilter, func(w io.Writer) error {
			return report.EvaluasiXLSX(w, r)
		})
	})
}
