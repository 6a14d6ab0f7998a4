package abksvc

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
)

// Setting keys.
const (
	KeyABK          = "abk" // abk.Settings; the MUT-04 limit lives in eligibility.SettingKey
	ProjectionYears = 5
)

// Repository is the storage the service needs; backend/store implements it.
type Repository interface {
	Setting(ctx context.Context, key string) (value string, found bool, err error)
	SaveSetting(ctx context.Context, actor, id, key, value string) error
	ListABK(ctx context.Context) ([]ABK, error)
	ABKHeaders(ctx context.Context) ([]ABK, error)
	DataVersion(ctx context.Context) (string, error)
	CreateABK(ctx context.Context, actor string, a ABK, copyFrom string, newID func() string) error
	FinalizeABK(ctx context.Context, actor, id, at string) error
	AnalysisInputs(ctx context.Context, abkID string) (Inputs, error)
	Tugas(ctx context.Context, abkID, unitID, jabatanID string) ([]TugasRow, error)
	ReplaceTugas(ctx context.Context, actor, abkID, unitID, jabatanID string, tugas []TugasRow) error
	ImportTugas(ctx context.Context, actor, abkID string, rows []TugasImport, newID func() string) error
	Labels(ctx context.Context) (Labels, error)
	RecordBalance(ctx context.Context, tanggal, abkID string, b abk.Balance) error
	BalanceTrend(ctx context.Context, abkID string) ([]BalancePoint, error)
	Stagnan(ctx context.Context, tmtOnOrBefore string, limit int) ([]StagnanRow, int, error)
	Retirees(ctx context.Context) ([]Retiree, error)
}

// Service is the workload analysis service.
type Service struct {
	repo  Repository
	now   func() time.Time
	newID func() string

	// The last analysis, reused while the data version is unchanged: the
	// dashboard, the drill-down and the exports read one computation.
	mu     sync.Mutex
	cached *Analysis
	cacheK string
}

// Config wires a Service.
type Config struct {
	Repo  Repository
	Now   func() time.Time
	NewID func() string
}

// New builds a Service.
func New(c Config) *Service {
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{repo: c.Repo, now: c.Now, newID: c.NewID}
}

func (s *Service) today() domain.Date { return domain.DateOf(s.now()) }

// Settings returns the ABK settings (defaults when none are stored).
func (s *Service) Settings(ctx context.Context) (abk.Settings, error) {
	v, found, err := s.repo.Setting(ctx, KeyABK)
	if err != nil || !found {
		return abk.DefaultSettings(), err
	}
	st := abk.DefaultSettings()
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return abk.DefaultSettings(), fmt.Errorf("setting %s: %w", KeyABK, err)
	}
	return st, nil
}

// SaveSettings validates and stores the ABK settings; every view computed
// afterwards uses them.
func (s *Service) SaveSettings(ctx context.Context, st abk.Settings) (abk.Settings, error) {
	if problems := st.Validate(); len(problems) > 0 {
		e := &domain.Error{Kind: domain.KindInvalid, Code: "abk.settings", Message: problems[0].Message, MessageEN: problems[0].MessageEN}
		for _, p := range problems {
			e.Fields = append(e.Fields, domain.FieldError{Field: p.Field, Code: "abk.settings", Message: p.Message, MessageEN: p.MessageEN})
		}
		return st, e
	}
	b, _ := json.Marshal(st)
	return st, s.repo.SaveSetting(ctx, actor.Name(ctx), s.newID(), KeyABK, string(b))
}

// MergeSettings applies a partial settings object (JSON) to the stored ABK
// settings and saves the result: a field left out keeps its stored value, not
// the default, so a form or a command that changes one field never resets
// the others, and a form opened before another device's change does not undo it.
func (s *Service) MergeSettings(ctx context.Context, patch []byte) (abk.Settings, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return st, err
	}
	if err := mergeJSON(patch, &st); err != nil {
		return st, err
	}
	return s.SaveSettings(ctx, st)
}

// MergeEligibilityParams applies a partial parameter object (JSON) to the
// stored rule parameters and saves the result, as MergeSettings does.
func (s *Service) MergeEligibilityParams(ctx context.Context, patch []byte) (eligibility.Params, error) {
	p, err := s.EligibilityParams(ctx)
	if err != nil {
		return p, err
	}
	if err := mergeJSON(patch, &p); err != nil {
		return p, err
	}
	return s.SaveEligibilityParams(ctx, p)
}

// mergeJSON decodes a JSON object over v, which holds the current values
// (nested objects merge key by key). An unknown key is an error: a typo
// must not be silently ignored.
func mergeJSON(patch []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(patch)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return domain.Wrap(err, domain.KindInvalid, "settings.json",
			"Nilai pengaturan bukan objek JSON yang valid, atau berisi kunci yang tidak dikenal ("+err.Error()+").",
			"The settings value is not a valid JSON object, or has an unknown key ("+err.Error()+").")
	}
	if dec.More() {
		return domain.E(domain.KindInvalid, "settings.json", "Nilai pengaturan harus satu objek JSON.", "The settings value must be one JSON object.")
	}
	return nil
}

// EligibilityParams returns the rule parameters (defaults when none are stored).
func (s *Service) EligibilityParams(ctx context.Context) (eligibility.Params, error) {
	v, found, err := s.repo.Setting(ctx, eligibility.SettingKey)
	if err != nil || !found {
		return eligibility.DefaultParams(), err
	}
	p := eligibility.DefaultParams()
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		return eligibility.DefaultParams(), fmt.Errorf("setting %s: %w", eligibility.SettingKey, err)
	}
	return p, nil
}

// MUT04Tahun is the stagnation limit in years: the MUT-04 parameter of the
// eligibility rules, so the stagnation list and the rule never disagree.
func (s *Service) MUT04Tahun(ctx context.Context) (int, error) {
	p, err := s.EligibilityParams(ctx)
	return p.MUT04MaxTahun, err
}

// SaveEligibilityParams validates and stores the rule parameters; the next
// check of every request uses them.
func (s *Service) SaveEligibilityParams(ctx context.Context, p eligibility.Params) (eligibility.Params, error) {
	if err := p.Validate(); err != nil {
		return p, err
	}
	b, _ := json.Marshal(p)
	return p, s.repo.SaveSetting(ctx, actor.Name(ctx), s.newID(), eligibility.SettingKey, string(b))
}

// SaveMUT04Tahun changes the MUT-04 parameter, validated with the others.
func (s *Service) SaveMUT04Tahun(ctx context.Context, n int) error {
	p, err := s.EligibilityParams(ctx)
	if err != nil {
		return err
	}
	p.MUT04MaxTahun = n
	_, err = s.SaveEligibilityParams(ctx, p)
	return err
}

// ListABK returns every year's ABK, newest first.
func (s *Service) ListABK(ctx context.Context) ([]ABK, error) { return s.repo.ListABK(ctx) }

// CreateABK starts a draft ABK for a year, empty or copied from another year.
func (s *Service) CreateABK(ctx context.Context, tahun int, copyFrom string) (ABK, error) {
	if tahun < 2000 || tahun > 2100 {
		return ABK{}, domain.E(domain.KindInvalid, "abk.tahun", "Tahun ABK harus 2000 sampai 2100.", "The ABK year must be 2000 to 2100.")
	}
	a := ABK{ID: s.newID(), Tahun: tahun, Status: ABKDraft}
	if err := s.repo.CreateABK(ctx, actor.Name(ctx), a, copyFrom, s.newID); err != nil {
		return a, err
	}
	return a, nil
}

// FinalizeABK makes a draft final; from then on it feeds decisions and is not edited.
func (s *Service) FinalizeABK(ctx context.Context, id string) error {
	return s.repo.FinalizeABK(ctx, actor.Name(ctx), id, s.now().UTC().Format(time.RFC3339))
}

// pick chooses the ABK to show: the requested one, else the newest final,
// else the newest draft.
func (s *Service) pick(ctx context.Context, id string) (ABK, error) {
	list, err := s.repo.ABKHeaders(ctx)
	if err != nil {
		return ABK{}, err
	}
	for _, a := range list {
		if a.ID == id {
			return a, nil
		}
	}
	if id != "" {
		return ABK{}, domain.E(domain.KindNotFound, "abk.not_found", "ABK tidak ditemukan.", "ABK not found.")
	}
	for _, a := range list {
		if a.Status == ABKFinal {
			return a, nil
		}
	}
	if len(list) > 0 {
		return list[0], nil
	}
	return ABK{}, domain.E(domain.KindNotFound, "abk.none", "Belum ada ABK. Buat ABK tahun ini atau impor dari berkas.", "No ABK yet. Create this year's ABK or import one.")
}

// Analysis is one computed ABK with its labels.
type Analysis struct {
	ABK      ABK
	Settings abk.Settings
	Result   abk.Result
	Labels   Labels
}

// Analyse computes an ABK (id "" = the one pick chooses). The result is
// shared and must not be modified.
func (s *Service) Analyse(ctx context.Context, abkID string) (*Analysis, error) {
	ver, err := s.repo.DataVersion(ctx)
	if err != nil {
		return nil, err
	}
	key := ver + "|" + abkID
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cached != nil && s.cacheK == key {
		return s.cached, nil
	}
	an, err := s.analyse(ctx, abkID)
	if err != nil {
		return nil, err
	}
	s.cached, s.cacheK = an, key
	return an, nil
}

func (s *Service) analyse(ctx context.Context, abkID string) (*Analysis, error) {
	a, err := s.pick(ctx, abkID)
	if err != nil {
		return nil, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	in, err := s.repo.AnalysisInputs(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	a.JumlahTugas = in.JumlahTugas
	for _, p := range in.Positions {
		if len(p.Tugas) > 0 {
			a.JumlahPosisi++
		}
	}
	return &Analysis{ABK: a, Settings: st, Result: st.Compute(in.Positions), Labels: in.Labels}, nil
}

// Row labels one position result.
func (an *Analysis) Row(r abk.PositionResult) PositionRow {
	o, u, j := an.Labels.OPD[r.OPDID], an.Labels.Unit[r.UnitID], an.Labels.Jabatan[r.JabatanID]
	return PositionRow{PositionResult: r, OPDKode: o.Kode, OPDSingkatan: o.Singkatan, UnitKode: u.Kode, UnitNama: u.Nama,
		JabatanKode: j.Kode, JabatanNama: j.Nama, JenisJabatan: j.Jenis}
}

// OPDRows lists the OPDs' aggregates, largest deficit first, then by code.
func (an *Analysis) OPDRows() []OPDRow {
	rows := make([]OPDRow, 0, len(an.Result.OPDs))
	for id, agg := range an.Result.OPDs {
		l := an.Labels.OPD[id]
		rows = append(rows, OPDRow{ID: id, Kode: l.Kode, Nama: l.Nama, Singkatan: l.Singkatan, Aggregate: *agg})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Kekurangan != rows[j].Kekurangan {
			return rows[i].Kekurangan > rows[j].Kekurangan
		}
		return rows[i].Kode < rows[j].Kode
	})
	return rows
}

// Region returns the dashboard and records today's balance index for the trend.
func (s *Service) Region(ctx context.Context, abkID string) (RegionView, error) {
	an, err := s.Analyse(ctx, abkID)
	if err != nil {
		return RegionView{}, err
	}
	v := RegionView{ABK: an.ABK, Draft: an.ABK.Status != ABKFinal, Settings: an.Settings, Region: an.Result.Region,
		Balance: an.Result.Balance, OPD: an.OPDRows()}
	for _, g := range []abk.Grade{abk.GradeA, abk.GradeB, abk.GradeC, abk.GradeD, abk.GradeE, abk.GradeKosong} {
		v.Grades = append(v.Grades, GradeCount{g, an.Result.Region.GradeCount[g]})
	}
	v.Heatmap = an.heatmap(v.OPD)
	if err := s.repo.RecordBalance(ctx, s.today().String(), an.ABK.ID, an.Result.Balance); err != nil {
		return v, err
	}
	v.Trend, err = s.repo.BalanceTrend(ctx, an.ABK.ID)
	return v, err
}

func (an *Analysis) heatmap(opds []OPDRow) Heatmap {
	h := Heatmap{Cells: []HeatmapCell{}}
	row := map[string]int{}
	for i, o := range opds {
		h.OPD = append(h.OPD, o.Singkatan)
		row[o.ID] = i
	}
	col := map[string]int{}
	for _, j := range domain.JenisJabatans {
		col[string(j)] = len(h.Jenis)
		h.Jenis = append(h.Jenis, string(j))
	}
	cells := map[[2]int]*HeatmapCell{}
	for _, r := range an.Result.Positions {
		c, ok := col[an.Labels.Jabatan[r.JabatanID].Jenis]
		if !ok {
			continue
		}
		k := [2]int{row[r.OPDID], c}
		cell := cells[k]
		if cell == nil {
			cell = &HeatmapCell{Row: k[0], Col: k[1]}
			cells[k] = cell
		}
		if r.Selisih > 0 {
			cell.Kelebihan += r.Selisih
		} else {
			cell.Kekurangan -= r.Selisih
		}
		cell.Selisih += r.Selisih
	}
	for _, c := range cells {
		h.Cells = append(h.Cells, *c)
	}
	sort.Slice(h.Cells, func(i, j int) bool {
		if h.Cells[i].Row != h.Cells[j].Row {
			return h.Cells[i].Row < h.Cells[j].Row
		}
		return h.Cells[i].Col < h.Cells[j].Col
	})
	return h
}

// OPD returns the drill-down into one OPD.
func (s *Service) OPD(ctx context.Context, abkID, opdID string) (OPDDetail, error) {
	an, err := s.Analyse(ctx, abkID)
	if err != nil {
		return OPDDetail{}, err
	}
	agg, ok := an.Result.OPDs[opdID]
	l, known := an.Labels.OPD[opdID]
	if !known {
		return OPDDetail{}, domain.E(domain.KindNotFound, "opd.not_found", "OPD tidak ditemukan.", "OPD not found.")
	}
	d := OPDDetail{ABK: an.ABK, OPD: OPDRow{ID: opdID, Kode: l.Kode, Nama: l.Nama, Singkatan: l.Singkatan}, Units: []UnitRow{}}
	if ok {
		d.OPD.Aggregate = *agg
	}
	units := map[string]*UnitRow{}
	for _, r := range an.Result.Positions {
		if r.OPDID != opdID {
			continue
		}
		u := units[r.UnitID]
		if u == nil {
			ul := an.Labels.Unit[r.UnitID]
			u = &UnitRow{ID: r.UnitID, Kode: ul.Kode, Nama: ul.Nama, ParentID: ul.ParentID, Aggregate: *an.Result.Units[r.UnitID]}
			units[r.UnitID] = u
		}
		u.Positions = append(u.Positions, an.Row(r))
	}
	for _, u := range units {
		sort.Slice(u.Positions, func(i, j int) bool {
			a, b := u.Positions[i], u.Positions[j]
			if ka, kb := an.Labels.Jabatan[a.JabatanID].Kelas, an.Labels.Jabatan[b.JabatanID].Kelas; ka != kb {
				return ka > kb
			}
			return a.JabatanNama < b.JabatanNama
		})
		d.Units = append(d.Units, *u)
	}
	sort.Slice(d.Units, func(i, j int) bool { return d.Units[i].Kode < d.Units[j].Kode })
	return d, nil
}

// PositionRows returns every position of an ABK with names, in canonical
// order (the CLI and the exports print these).
func (s *Service) PositionRows(ctx context.Context, abkID string) (*Analysis, []PositionRow, error) {
	an, err := s.Analyse(ctx, abkID)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]PositionRow, len(an.Result.Positions))
	for i, r := range an.Result.Positions {
		rows[i] = an.Row(r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.OPDKode != b.OPDKode {
			return a.OPDKode < b.OPDKode
		}
		if a.UnitKode != b.UnitKode {
			return a.UnitKode < b.UnitKode
		}
		return a.JabatanKode < b.JabatanKode
	})
	return an, rows, nil
}

// Tugas returns one position's tasks in an ABK.
func (s *Service) Tugas(ctx context.Context, abkID, unitID, jabatanID string) ([]TugasRow, error) {
	return s.repo.Tugas(ctx, abkID, unitID, jabatanID)
}

// validTugas checks one task; line names the row for import errors.
func validTugas(t abk.Tugas, field string) []domain.FieldError {
	var out []domain.FieldError
	add := func(code, msg, msgEN string) {
		out = append(out, domain.FieldError{Field: field, Code: code, Message: msg, MessageEN: msgEN})
	}
	if strings.TrimSpace(t.Uraian) == "" {
		add("tugas.uraian", "Uraian tugas wajib diisi.", "The task description is required.")
	}
	if !(t.Volume > 0) || t.Volume > 1e7 {
		add("tugas.volume", "Volume harus lebih dari 0.", "The volume must be above 0.")
	}
	if !(t.NormaMenit > 0) || t.NormaMenit > 525600 {
		add("tugas.norma", "Norma waktu harus lebih dari 0 menit dan paling banyak satu tahun.", "The time norm must be above 0 minutes and at most a year.")
	}
	ok := false
	for _, p := range abk.Periodes {
		ok = ok || p == t.Periode
	}
	if !ok {
		add("tugas.periode", "Periode harus TAHUN, BULAN, MINGGU atau HARI.", "The period must be TAHUN, BULAN, MINGGU or HARI.")
	}
	return out
}

// SaveTugas replaces one position's tasks in a draft ABK.
func (s *Service) SaveTugas(ctx context.Context, abkID, unitID, jabatanID string, tugas []abk.Tugas) ([]TugasRow, error) {
	var fields []domain.FieldError
	rows := make([]TugasRow, len(tugas))
	for i, t := range tugas {
		t.Uraian, t.SatuanHasil = strings.TrimSpace(t.Uraian), strings.TrimSpace(t.SatuanHasil)
		fields = append(fields, validTugas(t, fmt.Sprintf("tugas.%d", i))...)
		rows[i] = TugasRow{ID: s.newID(), Urutan: i + 1, Tugas: t}
	}
	if len(fields) > 0 {
		return nil, &domain.Error{Kind: domain.KindInvalid, Code: "validation", Message: fields[0].Message, MessageEN: fields[0].MessageEN, Fields: fields}
	}
	if err := s.repo.ReplaceTugas(ctx, actor.Name(ctx), abkID, unitID, jabatanID, rows); err != nil {
		return nil, err
	}
	return rows, nil
}

// Hitung computes one position live while its tasks are being typed.
func (s *Service) Hitung(ctx context.Context, tugas []abk.Tugas, bezetting int) (abk.PositionResult, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return abk.PositionResult{}, err
	}
	return st.Analyse(abk.Position{Tugas: tugas, Bezetting: bezetting}), nil
}

// ImportTugas validates every row of an ABK import and, only when all are
// valid, writes them into the draft ABK of the year in one transaction,
// replacing the tasks of each position the file names. The error lists every
// bad row with its line.
func (s *Service) ImportTugas(ctx context.Context, abkID string, rows []TugasImport) error {
	var fields []domain.FieldError
	for _, r := range rows {
		for _, f := range validTugas(r.Tugas, fmt.Sprintf("baris %d", r.Baris)) {
			fields = append(fields, f)
		}
	}
	if len(fields) > 0 {
		return &domain.Error{Kind: domain.KindInvalid, Code: "import.rows", Message: fmt.Sprintf("%d baris tidak valid; tidak ada yang disimpan.", len(fields)),
			MessageEN: fmt.Sprintf("%d rows are invalid; nothing was stored.", len(fields)), Fields: fields}
	}
	return s.repo.ImportTugas(ctx, actor.Name(ctx), abkID, rows, s.newID)
}

// Stagnan lists employees in post longer than the MUT-04 limit, longest
// first: at most limit rows (500 when limit is not in 1..5000), for the screen.
func (s *Service) Stagnan(ctx context.Context, limit int) (StagnanList, error) {
	if limit <= 0 || limit > 5000 {
		limit = 500
	}
	return s.stagnan(ctx, limit)
}

// StagnanAll is Stagnan without the row cap, for the export: a workbook
// holds every employee, not just the first screenful.
func (s *Service) StagnanAll(ctx context.Context) (StagnanList, error) {
	return s.stagnan(ctx, math.MaxInt32)
}

func (s *Service) stagnan(ctx context.Context, limit int) (StagnanList, error) {
	n, err := s.MUT04Tahun(ctx)
	if err != nil {
		return StagnanList{}, err
	}
	// "More than N years": TMT at least N years and one day ago (MUT-04 uses >).
	cut := s.today().AddYears(-n).AddDays(-1)
	rows, total, err := s.repo.Stagnan(ctx, cut.String(), limit)
	if err != nil {
		return StagnanList{}, err
	}
	for i := range rows {
		if d, err := domain.ParseDate(rows[i].TMTJabatan); err == nil {
			rows[i].Tahun = d.FullYearsUntil(s.today())
		}
	}
	return StagnanList{BatasTahun: n, Total: total, Rows: rows}, nil
}

// Pensiun projects retirements (BUP by jabatan) over the next five years per
// OPD and the deficits they open against the ABK's kebutuhan.
func (s *Service) Pensiun(ctx context.Context, abkID string) (PensiunProjection, error) {
	an, err := s.Analyse(ctx, abkID)
	if err != nil {
		return PensiunProjection{}, err
	}
	people, err := s.repo.Retirees(ctx)
	if err != nil {
		return PensiunProjection{}, err
	}
	first := s.today().Y
	p := PensiunProjection{}
	for y := 0; y < ProjectionYears; y++ {
		p.Tahun = append(p.Tahun, first+y)
	}
	type key struct{ unit, jab string }
	// retiring[pos][i]: people of a position retiring in year first+i
	retiring := map[key][]int{}
	perOPD := map[string][]int{}
	for _, r := range people {
		birth, err := domain.ParseDate(r.TanggalLahir)
		if err != nil || r.BUP == 0 {
			continue
		}
		// Retirement takes effect the month after the BUP birthday.
		y := birth.AddYears(r.BUP).Y
		if bup := birth.AddYears(r.BUP); bup.M == 12 {
			y++
		}
		i := y - first
		if i < 0 {
			i = 0 // already past BUP: retires this year
		}
		if i >= ProjectionYears {
			continue
		}
		k := key{r.UnitID, r.JabatanID}
		if retiring[k] == nil {
			retiring[k] = make([]int, ProjectionYears)
		}
		retiring[k][i]++
		if perOPD[r.OPDID] == nil {
			perOPD[r.OPDID] = make([]int, ProjectionYears)
		}
		perOPD[r.OPDID][i]++
	}
	newDeficit := map[string][]int{}
	for _, r := range an.Result.Positions {
		ret := retiring[key{r.UnitID, r.JabatanID}]
		if ret == nil {
			continue
		}
		before := max(0, r.KebutuhanBulat-r.Bezetting)
		left := r.Bezetting
		for i := 0; i < ProjectionYears; i++ {
			left -= ret[i]
			if d := max(0, r.KebutuhanBulat-left) - before; d > 0 {
				if newDeficit[r.OPDID] == nil {
					newDeficit[r.OPDID] = make([]int, ProjectionYears)
				}
				newDeficit[r.OPDID][i] += d
			}
		}
	}
	for id, counts := range perOPD {
		l := an.Labels.OPD[id]
		o := PensiunOPD{OPDID: id, Singkatan: l.Singkatan, Nama: l.Nama}
		for i, c := range counts {
			yd := PensiunYear{Tahun: first + i, Pensiun: c}
			if nd := newDeficit[id]; nd != nil {
				yd.KekuranganBaru = nd[i]
			}
			o.Tahun = append(o.Tahun, yd)
			o.Total += c
		}
		p.OPD = append(p.OPD, o)
	}
	sort.Slice(p.OPD, func(i, j int) bool {
		if p.OPD[i].Total != p.OPD[j].Total {
			return p.OPD[i].Total > p.OPD[j].Total
		}
		return p.OPD[i].Singkatan < p.OPD[j].Singkatan
	})
	return p, nil
}

// Labels are the codes and names of every OPD, unit and jabatan by id (the
// employee export shows them beside each other).
func (s *Service) Labels(ctx context.Context) (Labels, error) { return s.repo.Labels(ctx) }
