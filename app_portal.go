package main

import (
	"context"
	"io"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/portaldesk"
)

// The Portal Pegawai part of the facade (docs/portal.md, "On the
// desktop"): activation letters, the data-error reports from employees,
// the portal's address, and closing a workflow conflict the portal and a
// desktop made on one request. The work and the OPD scope are in
// backend/portaldesk and backend/mutasi.

func (a *App) portalReady() error {
	if a.portal == nil {
		return domain.E(domain.KindUnavailable, "portal.unavailable", "Layanan portal belum siap; coba lagi sebentar.", "The portal service is not ready; try again shortly.")
	}
	return nil
}

// SuratAktivasiPortal issues activation letters for one employee (pegawaiID)
// or every employee of an OPD (opdID) and saves the PDF through the save
// dialog; returns the path ("" = cancelled: nothing issued).
func (a *App) SuratAktivasiPortal(pegawaiID, opdID string) (string, error) {
	r, err := call(a, "SuratAktivasiPortal", func(ctx context.Context) (string, error) {
		if err := a.portalReady(); err != nil {
			return "", err
		}
		name := "surat-aktivasi-portal.pdf"
		if opdID != "" {
			name = "surat-aktivasi-portal-opd.pdf"
		}
		// The letters are issued once the user chose where to save them, so
		// a cancelled dialog issues nothing.
		return a.audited(ctx, "surat_aktivasi", map[string]any{"pegawaiId": pegawaiID, "opdId": opdID})(a.export("Simpan surat aktivasi portal", name, pdfFilter, func(w io.Writer) error {
			s, err := a.portal.SuratAktivasi(ctx, portaldesk.Sasaran{PegawaiID: pegawaiID, OPDID: opdID})
			if err != nil {
				return err
			}
			_, err = w.Write(s.PDF)
			return err
		}))
	})
	if err == nil && r != "" {
		a.changed("portal")
	}
	return r, err
}

// PortalURL is the portal's address printed on the letters.
func (a *App) PortalURL() (string, error) {
	return call(a, "PortalURL", func(ctx context.Context) (string, error) {
		if err := a.portalReady(); err != nil {
			return "", err
		}
		return a.portal.PortalURL(ctx)
	})
}

// SavePortalURL sets the portal's address (BKPSDM, settings screen).
func (a *App) SavePortalURL(url string) (string, error) {
	r, err := call(a, "SavePortalURL", func(ctx context.Context) (string, error) {
		if err := a.portalReady(); err != nil {
			return "", err
		}
		return a.portal.SavePortalURL(ctx, url)
	})
	if err == nil {
		a.changed("settings")
	}
	return r, err
}

// LaporanPortal lists the employees' data-error reports in the user's scope, new ones first.
func (a *App) LaporanPortal(q portaldesk.LaporanQuery) ([]portaldesk.Laporan, error) {
	return call(a, "LaporanPortal", func(ctx context.Context) ([]portaldesk.Laporan, error) {
		if err := a.portalReady(); err != nil {
			return nil, err
		}
		return a.portal.DaftarLaporan(ctx, q)
	})
}

// JumlahLaporanPortal is the sidebar badge: new reports in the user's scope.
func (a *App) JumlahLaporanPortal() (int, error) {
	return call(a, "JumlahLaporanPortal", func(ctx context.Context) (int, error) {
		if err := a.portalReady(); err != nil {
			return 0, err
		}
		return a.portal.JumlahLaporanBaru(ctx)
	})
}

// TutupLaporanPortal closes a report as SELESAI or DITOLAK (tanggapan required).
func (a *App) TutupLaporanPortal(id, status, tanggapan string) (portaldesk.Laporan, error) {
	r, err := call(a, "TutupLaporanPortal", func(ctx context.Context) (portaldesk.Laporan, error) {
		if err := a.portalReady(); err != nil {
			return portaldesk.Laporan{}, err
		}
		return a.portal.TutupLaporan(ctx, id, status, tanggapan)
	})
	if err == nil {
		a.changed("portal")
	}
	return r, err
}

// SelesaikanKonflikUsulan closes a request's workflow conflict (two events
// at one step, e.g. a withdrawal from the portal racing a verification):
// the verifier accepts the log as every device replays it.
func (a *App) SelesaikanKonflikUsulan(id string) (mutasisvc.UsulanDetail, error) {
	r, err := call(a, "SelesaikanKonflikUsulan", func(ctx context.Context) (mutasisvc.UsulanDetail, error) {
		return a.mutasi.SelesaikanKonflik(ctx, id)
	})
	if err == nil {
		a.changed("mutasi")
	}
	return r, err
}
