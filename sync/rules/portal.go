package rules

import (
	"encoding/json"
	"slices"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// DevicePortal is the Portal Pegawai on the server: its writes are an
// employee's own, made through the portal for themself (docs/portal.md).
const DevicePortal DeviceKind = "portal"

// Portal is what the server knows around a write of the portal: the
// employee the actor is bound to and, for a request or a row of one, the
// stored request row and its workflow status (replayed from its events).
type Portal struct {
	PegawaiID string
	// Request is the stored mutasi_usulan row the written row belongs to
	// (the row itself for mutasi_usulan); nil when there is none.
	Request map[string]any
	// RequestStatus is the request's workflow status (backend/transfer
	// Status: "" before its first event, "DRAFT", "DIAJUKAN", …).
	RequestStatus string
}

// PortalEventKinds are the workflow events the employee makes: create,
// edit (answering a correction), submit and withdraw.
var PortalEventKinds = []string{"BUAT", "UBAH", "AJUKAN", "BATALKAN"}

// portalTables are the tables a portal actor writes at all.
var portalTables = []string{"mutasi_usulan", "mutasi_event", "dokumen_lampiran", "evaluasi", "portal_laporan", "portal_minat"}

// The columns the employee may change on rows they already have.
var (
	portalUsulanCols  = []string{"data", "jenis", "aps"}
	portalLaporanCols = []string{"bagian", "uraian"}
	portalMinatCols   = []string{"opd_id", "jabatan_id", "jenis_jabatan", "catatan", "aktif"}
	portalEvalCols    = []string{"jawaban", "diisi_pada", "diisi_oleh"}
)

// decidePortal: a portal actor bound to employee P may only
//   - insert its own APS request (pegawai_id = P, aps) and, while it is a
//     draft, change its data and type (never the employee, never aps off);
//   - insert events of its own APS request of PortalEventKinds, made as
//     itself (aktor: role PEGAWAI, pegawaiId P), whose request (buat, ubah)
//     stays its own and APS;
//   - insert documents of its own APS request while it is a draft, not yet
//     checked;
//   - insert its own data-error reports (status BARU, no answer) and edit
//     them while BARU (section and text only);
//   - insert and edit its own interests;
//   - answer (jawaban, diisi_pada, diisi_oleh) its own PEGAWAI evaluation
//     rows of an executed request about P (APS or not).
//
// Nothing else: no delete, no other table, no other person's row.
func decidePortal(w Write) Verdict {
	a, pf := w.Actor, w.Portal
	if a == nil || a.Role != domain.RolePegawai || !a.Active || pf == nil || pf.PegawaiID == "" {
		return deny(protocol.ReasonForbiddenRole, "Portal hanya menulis atas nama pegawai yang masuk.")
	}
	t := w.Table
	if !roleMay(a.Role, t.Name) {
		return deny(protocol.ReasonForbiddenTable, "Pegawai tidak dapat mengubah "+t.Name+" melalui portal.")
	}
	if w.Op == protocol.OpDelete {
		return deny(protocol.ReasonForbiddenRole, "Data tidak dapat dihapus melalui portal.")
	}
	next := Merged(w.Cur, w.Cols)
	notOwn := deny(protocol.ReasonForbiddenRole, "Data ini bukan milik pegawai yang masuk.")
	if (w.Op == protocol.OpInsert) != (w.Cur == nil) {
		return deny(protocol.ReasonForbiddenRole, "Perubahan portal tidak sesuai dengan data tersimpan.")
	}
	// every row names the employee directly or through its request
	if t.Parent == "pegawai_id" {
		if s(next["pegawai_id"]) != pf.PegawaiID || (w.Cur != nil && s(w.Cur["pegawai_id"]) != pf.PegawaiID) {
			return notOwn
		}
	}
	ownRequest := func() bool {
		r := pf.Request
		return r != nil && s(r["pegawai_id"]) == pf.PegawaiID && truthy(r["aps"])
	}
	// the questionnaire follows any executed move of the employee, whoever
	// proposed it (an OPD's need as well as their own APS request)
	aboutThem := func() bool { return pf.Request != nil && s(pf.Request["pegawai_id"]) == pf.PegawaiID }
	own := ownRequest
	if t.Name == "evaluasi" {
		own = aboutThem
	}
	if t.ParentTable == "mutasi_usulan" && (!own() || s(next["usulan_id"]) == "" || (w.Cur != nil && s(w.Cur["usulan_id"]) != s(next["usulan_id"]))) {
		return notOwn
	}
	draft := pf.RequestStatus == "" || pf.RequestStatus == "DRAFT"
	switch t.Name {
	case "mutasi_usulan":
		if !truthy(next["aps"]) {
			return deny(protocol.ReasonForbiddenRole, "Usulan melalui portal selalu atas permintaan sendiri (APS).")
		}
		if w.Cur != nil {
			if !ownRequest() || !draft || !onlyCols(w.Cols, portalUsulanCols) {
				return deny(protocol.ReasonForbiddenRole, "Usulan hanya dapat diubah oleh pegawai selama dikembalikan untuk perbaikan.")
			}
		}
		return allow()
	case "mutasi_event":
		if !slices.Contains(PortalEventKinds, s(next["kind"])) {
			return deny(protocol.ReasonForbiddenRole, "Pegawai hanya dapat mengajukan, memperbaiki, atau menarik usulannya sendiri.")
		}
		var ak struct {
			Role      string `json:"role"`
			PegawaiID string `json:"pegawaiId"`
		}
		if json.Unmarshal([]byte(s(next["aktor"])), &ak) != nil || ak.Role != string(domain.RolePegawai) || ak.PegawaiID != pf.PegawaiID {
			return deny(protocol.ReasonForbiddenRole, "Peristiwa portal harus dibuat atas nama pegawai yang masuk.")
		}
		if k := s(next["kind"]); k == "BUAT" || k == "UBAH" {
			var pl struct {
				Request *struct {
					PegawaiID string `json:"pegawaiId"`
					APS       bool   `json:"aps"`
				} `json:"request"`
			}
			if json.Unmarshal([]byte(s(next["payload"])), &pl) != nil || pl.Request == nil || pl.Request.PegawaiID != pf.PegawaiID || !pl.Request.APS {
				return deny(protocol.ReasonForbiddenRole, "Usulan portal harus tentang pegawai yang masuk dan atas permintaan sendiri.")
			}
		}
		return allow()
	case "dokumen_lampiran":
		if !draft || (s(next["status"]) != "" && s(next["status"]) != "BELUM_DIPERIKSA") || s(next["catatan"]) != "" {
			return deny(protocol.ReasonForbiddenRole, "Dokumen hanya dapat dilampirkan selama usulan belum diajukan atau dikembalikan untuk perbaikan.")
		}
		return allow()
	case "portal_laporan":
		if s(next["status"]) != "BARU" || s(next["tanggapan"]) != "" || s(next["ditangani_oleh"]) != "" || s(next["ditangani_pada"]) != "" {
			return deny(protocol.ReasonForbiddenRole, "Laporan hanya dapat dibuat atau diubah selama belum ditangani.")
		}
		if w.Cur != nil && !onlyCols(w.Cols, portalLaporanCols) {
			return deny(protocol.ReasonForbiddenRole, "Pegawai hanya dapat mengubah bagian dan uraian laporannya.")
		}
		return allow()
	case "portal_minat":
		if w.Cur != nil && !onlyCols(w.Cols, portalMinatCols) {
			return deny(protocol.ReasonForbiddenRole, "Pegawai hanya dapat mengubah isi minatnya.")
		}
		return allow()
	case "evaluasi":
		if w.Cur == nil || s(w.Cur["responden"]) != "PEGAWAI" || pf.RequestStatus != "DILAKSANAKAN" || !onlyCols(w.Cols, portalEvalCols) {
			return deny(protocol.ReasonForbiddenRole, "Pegawai hanya mengisi kuesioner evaluasi untuk dirinya setelah mutasinya dilaksanakan.")
		}
		return allow()
	}
	return deny(protocol.ReasonForbiddenTable, "Pegawai tidak dapat mengubah "+t.Name+" melalui portal.")
}

// onlyCols reports whether every column of cols is among allowed (and there is one).
func onlyCols(cols map[string]any, allowed []string) bool {
	for c := range cols {
		if !slices.Contains(allowed, c) {
			return false
		}
	}
	return len(cols) > 0
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x != 0
	case int:
		return x != 0
	case int64:
		return x != 0
	case string:
		return x == "1" || x == "true"
	case json.Number:
		return x.String() != "0"
	}
	return false
}
