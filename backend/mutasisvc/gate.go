package mutasisvc

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

// This file is what a decision needs besides the state machine's table: the
// documents of the checklist (docs/transfer-workflow.md, "Documents gate")
// and a written justification while a WARN rule fails. Both are checked when
// a decision is made, not on replay: an event log written before stays valid.

// MinJustifikasi is the shortest written justification, in characters
// (spaces collapsed), that a decision taken while a WARN rule fails accepts;
// MinJustifikasiKata is the fewest words. About one sentence that says why
// the warning does not stop the transfer.
const (
	MinJustifikasi     = 40
	MinJustifikasiKata = 6
)

// DokumenGated are the decisions refused while the checklist is incomplete:
// BKPSDM's verification, the TPK's advice and the SK.
var DokumenGated = []mutasi.Kind{mutasi.KindVerifikasi, mutasi.KindPertimbanganTPK, mutasi.KindTetapkanSK}

// JustifiedKinds are the decisions that carry a request forward on someone's
// authority; while a WARN rule fails each needs a written justification.
var JustifiedKinds = []mutasi.Kind{mutasi.KindVerifikasi, mutasi.KindSetujuiAsal, mutasi.KindSetujuiTujuan,
	mutasi.KindPertimbanganTPK, mutasi.KindSetujuiPPKAsal, mutasi.KindTetapkanSK}

// producedBy is the workflow step whose letter a checklist document is: it
// cannot be asked for before that step (the heads' release and acceptance
// come after verification, the origin PPK's consent after the TPK).
var producedBy = map[eligibility.Dokumen]mutasi.Kind{
	eligibility.DokPersetujuanOPDAsal:   mutasi.KindSetujuiAsal,
	eligibility.DokPersetujuanOPDTujuan: mutasi.KindSetujuiTujuan,
	eligibility.DokPersetujuanPPKAsal:   mutasi.KindSetujuiPPKAsal,
}

// DokumenPerlu lists the checklist documents of a request of type jenis
// (aps) that decision k needs, in checklist order; none for a decision
// outside DokumenGated.
func DokumenPerlu(jenis domain.JenisMutasi, aps bool, k mutasi.Kind) []eligibility.DokumenInfo {
	if !slices.Contains(DokumenGated, k) {
		return nil
	}
	route, ok := eligibility.RouteOf(jenis)
	if !ok {
		return nil
	}
	at := slices.Index(mutasi.Kinds, k)
	var out []eligibility.DokumenInfo
	for _, d := range route.Required(aps) {
		if p, ok := producedBy[d]; ok && slices.Index(mutasi.Kinds, p) > at {
			continue
		}
		info, _ := eligibility.InfoDokumen(d)
		out = append(out, info)
	}
	return out
}

// DokumenKurang is DokumenPerlu without the verified documents.
func DokumenKurang(jenis domain.JenisMutasi, aps bool, k mutasi.Kind, verified []eligibility.Dokumen) []eligibility.DokumenInfo {
	var out []eligibility.DokumenInfo
	for _, d := range DokumenPerlu(jenis, aps, k) {
		if !slices.Contains(verified, d.Kode) {
			out = append(out, d)
		}
	}
	return out
}

// GateView is what the current user's allowed decisions need besides the
// state machine, for the decision dialog.
type GateView struct {
	MinJustifikasi     int `json:"minJustifikasi"`
	MinJustifikasiKata int `json:"minJustifikasiKata"`
	// Justifikasi: the allowed decisions that need a written justification
	// now, because WARN rules fail.
	Justifikasi []mutasi.Kind `json:"justifikasi"`
	// Dokumen: for each allowed decision the documents gate checks, the
	// documents it needs, each verified or not.
	Dokumen []GateDokumen `json:"dokumen"`
}

// GateDokumen is the checklist one decision needs.
type GateDokumen struct {
	Kind  mutasi.Kind       `json:"kind"`
	Items []GateDokumenItem `json:"items"`
}

// GateDokumenItem is one needed document and whether it is verified SESUAI.
type GateDokumenItem struct {
	eligibility.DokumenInfo
	Ada bool `json:"ada"`
}

// gateView builds the GateView of a request for the allowed kinds.
func (s *Service) gateView(ctx context.Context, st mutasi.State, allowed []mutasi.Kind, warnings int) (GateView, error) {
	g := GateView{MinJustifikasi: MinJustifikasi, MinJustifikasiKata: MinJustifikasiKata, Justifikasi: []mutasi.Kind{}, Dokumen: []GateDokumen{}}
	var verified []eligibility.Dokumen
	read := false
	for _, k := range allowed {
		if warnings > 0 && slices.Contains(JustifiedKinds, k) {
			g.Justifikasi = append(g.Justifikasi, k)
		}
		perlu := DokumenPerlu(st.Request.Type, st.Request.APS, k)
		if len(perlu) == 0 {
			continue
		}
		if !read {
			codes, err := s.repo.VerifiedDokumen(ctx, st.RequestID)
			if err != nil {
				return g, err
			}
			for _, c := range codes {
				verified = append(verified, eligibility.Dokumen(c))
			}
			read = true
		}
		gd := GateDokumen{Kind: k}
		for _, d := range perlu {
			gd.Items = append(gd.Items, GateDokumenItem{DokumenInfo: d, Ada: slices.Contains(verified, d.Kode)})
		}
		g.Dokumen = append(g.Dokumen, gd)
	}
	return g, nil
}

// errDokumenKurang names the missing documents.
func errDokumenKurang(k mutasi.Kind, kurang []eligibility.DokumenInfo) error {
	id, en := make([]string, len(kurang)), make([]string, len(kurang))
	fields := make([]domain.FieldError, len(kurang))
	for i, d := range kurang {
		id[i], en[i] = d.Nama, d.NamaEN
		fields[i] = domain.FieldError{Field: "dokumen." + string(d.Kode), Code: "mutasi.dokumen_kurang",
			Message: d.Nama + " belum ada atau belum diverifikasi sesuai.", MessageEN: d.NamaEN + " is missing or not verified."}
	}
	step, stepEN := kindLabel(k)
	return &domain.Error{Kind: domain.KindNotEligible, Code: "mutasi.dokumen_kurang",
		Message: fmt.Sprintf("%s belum dapat dilakukan; dokumen yang belum ada atau belum diverifikasi sesuai (%d): %s.",
			step, len(kurang), strings.Join(id, "; ")),
		MessageEN: fmt.Sprintf("%s cannot be done yet; documents missing or not verified (%d): %s.",
			stepEN, len(kurang), strings.Join(en, "; ")),
		Fields: fields}
}

func kindLabel(k mutasi.Kind) (string, string) {
	switch k {
	case mutasi.KindVerifikasi:
		return "Verifikasi", "Verification"
	case mutasi.KindPertimbanganTPK:
		return "Pertimbangan TPK", "The TPK's advice"
	case mutasi.KindTetapkanSK:
		return "Penetapan SK", "Signing the SK"
	}
	return string(k), string(k)
}

// NormJustifikasi trims a justification and collapses its white space.
func NormJustifikasi(s string) string { return strings.Join(strings.Fields(s), " ") }

// CheckJustifikasi refuses decision k while WARN rules fail (warnings) and
// the written justification is shorter than MinJustifikasi characters or
// MinJustifikasiKata words. The request's own Alasan does not count: the
// justification is the decider's.
func CheckJustifikasi(k mutasi.Kind, warnings []eligibility.Result, text string) error {
	if len(warnings) == 0 || !slices.Contains(JustifiedKinds, k) {
		return nil
	}
	t := NormJustifikasi(text)
	if utf8.RuneCountInString(t) >= MinJustifikasi && len(strings.Fields(t)) >= MinJustifikasiKata {
		return nil
	}
	ids := make([]string, len(warnings))
	for i, w := range warnings {
		ids[i] = w.RuleID
	}
	rules := strings.Join(ids, ", ")
	msg := fmt.Sprintf("Aturan WARN %s tidak terpenuhi: keputusan ini perlu justifikasi tertulis paling sedikit %d karakter dan %d kata yang menjelaskan mengapa mutasi tetap dilanjutkan.",
		rules, MinJustifikasi, MinJustifikasiKata)
	msgEN := fmt.Sprintf("WARN rules %s are not met: this decision needs a written justification of at least %d characters and %d words saying why the transfer goes on.",
		rules, MinJustifikasi, MinJustifikasiKata)
	return &domain.Error{Kind: domain.KindInvalid, Code: "mutasi.justifikasi_kurang", Message: msg, MessageEN: msgEN,
		Fields: []domain.FieldError{{Field: "justifikasi", Code: "mutasi.justifikasi_kurang", Message: msg, MessageEN: msgEN}}}
}

// gate checks a decision the state machine accepted against the documents
// and, while WARN rules fail (rep), the justification.
func (s *Service) gate(ctx context.Context, st mutasi.State, d Decision, rep *eligibility.Report) error {
	if slices.Contains(DokumenGated, d.Kind) {
		codes, err := s.repo.VerifiedDokumen(ctx, st.RequestID)
		if err != nil {
			return err
		}
		verified := make([]eligibility.Dokumen, len(codes))
		for i, c := range codes {
			verified[i] = eligibility.Dokumen(c)
		}
		if kurang := DokumenKurang(st.Request.Type, st.Request.APS, d.Kind, verified); len(kurang) > 0 {
			return errDokumenKurang(d.Kind, kurang)
		}
	}
	if rep == nil {
		return nil
	}
	return CheckJustifikasi(d.Kind, rep.Warnings(), d.Justifikasi)
}
