package eligibility

import (
	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Severity is what a failing rule means (docs/domain.md §4).
type Severity string

const (
	Block Severity = "BLOCK" // cannot proceed
	Warn  Severity = "WARN"  // allowed with a written justification
	Info  Severity = "INFO"  // shown, nothing more
)

// Outcome is a rule's verdict on one case. FAIL of an INFO rule is a flag
// (for example MUT-04 "stagnant", MUT-13 "no final ABK").
type Outcome string

const (
	Pass          Outcome = "PASS"
	Fail          Outcome = "FAIL"
	NotApplicable Outcome = "NOT_APPLICABLE"
)

// Pihak is the person a family relation is with (MUT-16).
type Pihak string

const (
	PihakPemutus        Pihak = "PEMUTUS"         // the official who decides the transfer
	PihakAtasanLangsung Pihak = "ATASAN_LANGSUNG" // the new direct superior
)

// Hubungan is a kind of family relation (MUT-16).
type Hubungan string

const (
	HubSuamiIstri Hubungan = "SUAMI_ISTRI" // spouse: always a conflict, whatever the degree
	HubDarah      Hubungan = "DARAH"       // blood relation (sedarah), by degree
	HubSemenda    Hubungan = "SEMENDA"     // relation by marriage (in-law), by degree
)

// Kerabat is one family relation of the employee with a party to the
// decision. Derajat is the degree (1 = parent/child, 2 = sibling/grandparent,
// …); it is ignored for a spouse.
type Kerabat struct {
	Pihak    Pihak    `json:"pihak"`
	Hubungan Hubungan `json:"hubungan"`
	Derajat  int      `json:"derajat"`
	Nama     string   `json:"nama"`
}

// Case is everything the rules read about one proposed transfer: one employee,
// one target (unit × jabatan), one type and one decision date. The transfer
// workflow and the planner build it; docs/eligibility.md says where each field
// comes from and which are not yet in the data model.
type Case struct {
	Tanggal domain.Date        `json:"tanggal" ts_type:"string"` // decision date: every date rule is evaluated on it
	Jenis   domain.JenisMutasi `json:"jenis"`
	APS     bool               `json:"aps"` // atas permintaan sendiri (self-request); false = organisational need

	Pegawai       domain.Pegawai `json:"pegawai"`
	JabatanAsal   domain.Jabatan `json:"jabatanAsal"`   // the current position
	JabatanTujuan domain.Jabatan `json:"jabatanTujuan"` // the target position
	OPDAsalID     domain.ID      `json:"opdAsalId"`
	UnitAsalID    domain.ID      `json:"unitAsalId"`
	OPDTujuanID   domain.ID      `json:"opdTujuanId"`
	UnitTujuanID  domain.ID      `json:"unitTujuanId"`
	AsalLuar      bool           `json:"asalLuar"`   // the employee comes from another Pemda/agency (incoming T2–T4)
	TujuanLuar    bool           `json:"tujuanLuar"` // the target is another Pemda/agency (outgoing T2–T4)

	SKP              []domain.SKP    `json:"skp"`
	Hukdis           []domain.Hukdis `json:"hukdis"`
	DalamPemeriksaan bool            `json:"dalamPemeriksaan"` // under disciplinary examination (MUT-06)

	// Obligations (MUT-07); each is in force while Tanggal < its Selesai
	// (a zero Selesai: in force with no known end).
	TugasBelajar        bool        `json:"tugasBelajar"`
	TugasBelajarSelesai domain.Date `json:"tugasBelajarSelesai" ts_type:"string"`
	IkatanDinas         bool        `json:"ikatanDinas"`
	IkatanDinasSelesai  domain.Date `json:"ikatanDinasSelesai" ts_type:"string"`

	ProsesPidana      bool `json:"prosesPidana"`      // in a criminal court process (MUT-08)
	TemuanInspektorat bool `json:"temuanInspektorat"` // open Inspektorat findings (MUT-09)

	// Workload from the latest FINAL ABK (MUT-13, MUT-14). ABKTahun 0 means
	// there is no final ABK. A nil position with a final ABK means the
	// position is not in it (no tasks, nobody in post): kebutuhan 0.
	ABKTahun  int                 `json:"abkTahun"`
	ABKTujuan *abk.PositionResult `json:"abkTujuan"`
	ABKAsal   *abk.PositionResult `json:"abkAsal"`

	Kerabat []Kerabat `json:"kerabat"` // family relations with the decision maker / new superior (MUT-16)

	// Documents (MUT-18). While DokumenDiperiksa is false (planning, a fresh
	// draft) the rule is NOT_APPLICABLE rather than failing on every case.
	DokumenDiperiksa bool      `json:"dokumenDiperiksa"`
	Dokumen          []Dokumen `json:"dokumen"` // the documents present and verified

	Pemutus         Pemutus `json:"pemutus"`         // who is to sign; empty = not yet known (MUT-17)
	PemutusPenjabat bool    `json:"pemutusPenjabat"` // the kepala daerah is acting (Pj/Plt) (MUT-19)
	TugasTambahan   bool    `json:"tugasTambahan"`   // JF with an additional duty, e.g. kepala sekolah/puskesmas (MUT-19)
	IzinMendagri    bool    `json:"izinMendagri"`    // written approval of the Minister of Home Affairs (MUT-19)

	PelantikanJPT   domain.Date `json:"pelantikanJpt" ts_type:"string"` // inauguration in the current JPT post; zero → TMT jabatan (MUT-20)
	PengecualianJPT bool        `json:"pengecualianJpt"`                // documented violation / no longer qualified (MUT-20 exception)
}

// Result is one rule's verdict with the values it used and its messages.
type Result struct {
	RuleID    string            `json:"ruleId"`
	Severity  Severity          `json:"severity"` // the severity that applies to this case (PASS included)
	Outcome   Outcome           `json:"outcome"`
	Values    map[string]string `json:"values"`
	Message   string            `json:"message"`
	MessageEN string            `json:"messageEn"`
	Source    string            `json:"source"`
}

// Failed reports a FAIL outcome.
func (r Result) Failed() bool { return r.Outcome == Fail }

// Report is every rule's result for one case, in rule order.
type Report struct {
	Tanggal domain.Date `json:"tanggal" ts_type:"string"`
	Results []Result    `json:"results"`
}

// Blocked reports whether a BLOCK rule fails: the workflow cannot go on.
func (r Report) Blocked() bool {
	for _, x := range r.Results {
		if x.Outcome == Fail && x.Severity == Block {
			return true
		}
	}
	return false
}

// HardExclusion is the first rule that closes the move to the planner: a
// failing BLOCK rule, or a failing rule the planner always excludes on
// (Rule.PlannerExcludes, MUT-21). The planner records it on the missing arc.
func (r Report) HardExclusion() (Result, bool) {
	for _, x := range r.Results {
		if x.Outcome == Fail && (x.Severity == Block || plannerExcludes(x.RuleID)) {
			return x, true
		}
	}
	return Result{}, false
}

func plannerExcludes(id string) bool {
	rule, ok := RuleByID(id)
	return ok && rule.PlannerExcludes
}

// Warnings are the failing WARN rules: each needs a written justification.
func (r Report) Warnings() []Result { return r.failing(Warn) }

// Infos are the failing INFO rules (flags such as "stagnant", "no final ABK").
func (r Report) Infos() []Result { return r.failing(Info) }

func (r Report) failing(s Severity) []Result {
	var out []Result
	for _, x := range r.Results {
		if x.Outcome == Fail && x.Severity == s {
			out = append(out, x)
		}
	}
	return out
}

// Result returns the result of one rule by id.
func (r Report) Result(id string) (Result, bool) {
	for _, x := range r.Results {
		if x.RuleID == id {
			return x, true
		}
	}
	return Result{}, false
}
