package evaluasi

import (
	"context"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Repository is the storage the service needs; backend/store implements it.
type Repository interface {
	Questions(ctx context.Context) ([]Question, error)
	// SeedQuestions inserts qs in one transaction if no question exists yet.
	SeedQuestions(ctx context.Context, actor string, qs []Question) error
	SaveQuestion(ctx context.Context, actor string, q Question, create bool) error
	// Executed lists the requests whose status is dilaksanakan, with the TMT
	// and placement of their laksanakan event.
	Executed(ctx context.Context) ([]Executed, error)
	Records(ctx context.Context) ([]Record, error)
	// SaveRecord inserts or updates the evaluation (usulan, bulan, responden).
	SaveRecord(ctx context.Context, actor string, r Record) error
	SKP(ctx context.Context, pegawaiID string) ([]domain.SKP, error)
}

// ABK is the part of the workload analysis the context needs (abksvc.Service).
type ABK interface {
	ListABK(ctx context.Context) ([]abksvc.ABK, error)
	Analyse(ctx context.Context, abkID string) (*abksvc.Analysis, error)
}

// Service is the evaluation service.
type Service struct {
	repo   Repository
	abk    ABK
	now    func() time.Time
	newID  func() string
	window int
}

// Config wires a Service. ABK may be nil (no EJ context then).
type Config struct {
	Repo  Repository
	ABK   ABK
	Now   func() time.Time
	NewID func() string
}

// SegeraHari is how far ahead EvaluasiDue shows upcoming evaluations.
const SegeraHari = 30

// New builds a Service.
// who is the acting user's account id (a system process's name), read from
// ctx, for the audit log and the "by whom" fields; "" when ctx carries no
// actor, and the store then refuses the write.
func (s *Service) who(ctx context.Context) string {
	a, _ := actor.From(ctx)
	return a.ID
}

func New(c Config) *Service {
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{repo: c.Repo, abk: c.ABK, now: c.Now, newID: c.NewID, window: SegeraHari}
}

func (s *Service) today() domain.Date { return domain.DateOf(s.now()) }

// DefaultQuestions are seeded on first use: five Likert items and one free
// text for the employee, the same for the new supervisor.
func DefaultQuestions() []Question {
	q := func(kode string, untuk Responden, jenis JenisPertanyaan, urutan int, id, en string) Question {
		return Question{Kode: kode, Untuk: untuk, Teks: id, TeksEN: en, Jenis: jenis, Urutan: urutan, Aktif: true}
	}
	return []Question{
		q("P1", Pegawai, Likert, 1, "Tugas pada jabatan baru sesuai dengan kompetensi dan latar pendidikan saya.", "The duties of the new post fit my competence and education."),
		q("P2", Pegawai, Likert, 2, "Beban kerja saya di unit baru wajar dan jelas.", "My workload in the new unit is reasonable and clear."),
		q("P3", Pegawai, Likert, 3, "Saya mendapat pengenalan dan dukungan yang cukup dari atasan dan rekan di unit baru.", "I received enough induction and support from my supervisor and colleagues."),
		q("P4", Pegawai, Likert, 4, "Kinerja saya meningkat sejak mutasi.", "My performance has improved since the transfer."),
		q("P5", Pegawai, Likert, 5, "Secara keseluruhan, mutasi ini bermanfaat bagi pengembangan karier saya.", "Overall, this transfer benefits my career development."),
		q("P6", Pegawai, Teks, 6, "Saran atau kendala yang ingin disampaikan.", "Suggestions or problems you want to raise."),
		q("A1", Atasan, Likert, 1, "Pegawai ini menguasai tugas jabatannya.", "This employee masters the duties of the post."),
		q("A2", Atasan, Likert, 2, "Kehadiran pegawai ini mengurangi kekurangan beban kerja di unit.", "This employee's arrival reduced the unit's staffing shortfall."),
		q("A3", Atasan, Likert, 3, "Pegawai ini bekerja sama dengan baik dalam tim.", "This employee works well in the team."),
		q("A4", Atasan, Likert, 4, "Kualitas dan ketepatan waktu hasil kerja pegawai ini baik.", "The quality and timeliness of this employee's work are good."),
		q("A5", Atasan, Likert, 5, "Secara keseluruhan, mutasi ini memenuhi kebutuhan unit.", "Overall, this transfer met the unit's needs."),
		q("A6", Atasan, Teks, 6, "Catatan atau rekomendasi pengembangan bagi pegawai ini.", "Notes or development recommendations for this employee."),
	}
}

// Questions returns every question (active or not), seeding the defaults on
// first use, ordered by respondent and order.
func (s *Service) Questions(ctx context.Context) ([]Question, error) {
	qs, err := s.repo.Questions(ctx)
	if err != nil || len(qs) > 0 {
		return sortQuestions(qs), err
	}
	seed := DefaultQuestions()
	for i := range seed {
		seed[i].ID = s.newID()
	}
	if err := s.repo.SeedQuestions(ctx, s.who(ctx), seed); err != nil {
		return nil, err
	}
	qs, err = s.repo.Questions(ctx)
	return sortQuestions(qs), err
}

func sortQuestions(qs []Question) []Question {
	if qs == nil {
		qs = []Question{}
	}
	sort.SliceStable(qs, func(i, j int) bool {
		if qs[i].Untuk != qs[j].Untuk {
			return qs[i].Untuk == Pegawai
		}
		if qs[i].Urutan != qs[j].Urutan {
			return qs[i].Urutan < qs[j].Urutan
		}
		return qs[i].Kode < qs[j].Kode
	})
	return qs
}

// SaveQuestion creates (empty ID) or edits a question. The code and the
// answer kind of an existing question do not change (answers refer to them);
// retire a question with Aktif false and add a new one instead.
func (s *Service) SaveQuestion(ctx context.Context, q Question) (Question, error) {
	all, err := s.Questions(ctx)
	if err != nil {
		return q, err
	}
	q.Kode = strings.ToUpper(strings.TrimSpace(q.Kode))
	q.Teks, q.TeksEN = strings.TrimSpace(q.Teks), strings.TrimSpace(q.TeksEN)
	var v domain.Validation
	if q.Kode == "" || len(q.Kode) > 16 || strings.ContainsAny(q.Kode, " \t") {
		v.Add("kode", "evaluasi.kode", "Kode wajib diisi: huruf/angka tanpa spasi, paling banyak 16 karakter.", "Code required: letters/digits without spaces, at most 16 characters.")
	}
	if !q.Untuk.Valid() {
		v.Add("untuk", "evaluasi.untuk", "Pilih responden: PEGAWAI atau ATASAN.", "Choose the respondent: PEGAWAI or ATASAN.")
	}
	if q.Jenis != Likert && q.Jenis != Teks {
		v.Add("jenis", "evaluasi.jenis", "Jenis jawaban harus LIKERT atau TEKS.", "The answer kind must be LIKERT or TEKS.")
	}
	if q.Teks == "" || len([]rune(q.Teks)) > 500 {
		v.Add("teks", "evaluasi.teks", "Teks pertanyaan wajib diisi (paling banyak 500 karakter).", "The question text is required (at most 500 characters).")
	}
	var cur *Question
	for i := range all {
		if q.ID != "" && all[i].ID == q.ID {
			cur = &all[i]
		} else if all[i].Kode == q.Kode {
			v.Add("kode", "evaluasi.kode_ganda", "Kode "+q.Kode+" sudah dipakai pertanyaan lain.", "Code "+q.Kode+" is used by another question.")
		}
	}
	if q.ID != "" && cur == nil {
		return q, domain.E(domain.KindNotFound, "evaluasi.pertanyaan_tidak_ada", "Pertanyaan tidak ditemukan.", "Question not found.")
	}
	if cur != nil && (cur.Kode != q.Kode || cur.Jenis != q.Jenis || cur.Untuk != q.Untuk) {
		v.Add("kode", "evaluasi.kode_tetap", "Kode, jenis jawaban dan responden pertanyaan yang sudah ada tidak dapat diubah; nonaktifkan lalu buat pertanyaan baru.",
			"The code, answer kind and respondent of an existing question cannot change; deactivate it and add a new one.")
	}
	if err := v.Err(); err != nil {
		return q, err
	}
	create := q.ID == ""
	if create {
		q.ID = s.newID()
		if q.Urutan == 0 {
			for _, x := range all {
				if x.Untuk == q.Untuk && x.Urutan >= q.Urutan {
					q.Urutan = x.Urutan + 1
				}
			}
		}
	}
	return q, s.repo.SaveQuestion(ctx, s.who(ctx), q, create)
}

type recKey struct {
	usulan    string
	bulan     int
	responden Responden
}

// items lists every evaluation of every executed transfer.
func (s *Service) items(ctx context.Context) ([]DueItem, map[recKey]Record, error) {
	ex, err := s.repo.Executed(ctx)
	if err != nil {
		return nil, nil, err
	}
	recs, err := s.repo.Records(ctx)
	if err != nil {
		return nil, nil, err
	}
	done := map[recKey]Record{}
	for _, r := range recs {
		done[recKey{r.UsulanID, r.Bulan, r.Responden}] = r
	}
	today := s.today()
	var out []DueItem
	for _, e := range ex {
		if e.TMT.IsZero() {
			continue
		}
		for _, b := range Bulan {
			for _, r := range []Responden{Pegawai, Atasan} {
				it := DueItem{Executed: e, Bulan: b, Responden: r, JatuhTempo: e.TMT.AddMonths(b)}
				if rec, ok := done[recKey{e.UsulanID, b, r}]; ok && rec.DiisiPada != "" {
					it.Selesai, it.DiisiPada, it.DiisiDiPortal = true, rec.DiisiPada, FromPortal(rec.DiisiOleh)
				}
				it.SudahJatuhTempo = !it.JatuhTempo.After(today)
				if !it.Selesai && it.JatuhTempo.Before(today) {
					it.Terlambat = true
					it.HariTerlambat = int(today.Time().Sub(it.JatuhTempo.Time()).Hours() / 24)
				}
				out = append(out, it)
			}
		}
	}
	return out, done, nil
}

// Due lists the evaluations due by today or within the next 30 days, oldest
// due date first; done ones only when includeDone.
func (s *Service) Due(ctx context.Context, includeDone bool) ([]DueItem, error) {
	all, _, err := s.items(ctx)
	if err != nil {
		return nil, err
	}
	limit := s.today().AddDays(s.window)
	out := []DueItem{}
	for _, it := range all {
		if it.JatuhTempo.After(limit) || (it.Selesai && !includeDone) {
			continue
		}
		out = append(out, it)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].JatuhTempo.Compare(out[j].JatuhTempo); c != 0 {
			return c < 0
		}
		if out[i].Nomor != out[j].Nomor {
			return out[i].Nomor < out[j].Nomor
		}
		if out[i].Bulan != out[j].Bulan {
			return out[i].Bulan < out[j].Bulan
		}
		return out[i].Responden == Pegawai && out[j].Responden != Pegawai
	})
	return out, nil
}

// Count is the dashboard's figure: due now, overdue, falling due soon.
func (s *Service) Count(ctx context.Context) (DueCount, error) {
	all, _, err := s.items(ctx)
	if err != nil {
		return DueCount{}, err
	}
	limit := s.today().AddDays(s.window)
	var c DueCount
	for _, it := range all {
		switch {
		case it.Selesai:
		case it.SudahJatuhTempo:
			c.JatuhTempo++
			if it.Terlambat {
				c.Terlambat++
			}
		case !it.JatuhTempo.After(limit):
			c.Segera++
		}
	}
	return c, nil
}

func errParam(field, msgID, msgEN string) error {
	return &domain.Error{Kind: domain.KindInvalid, Code: "evaluasi." + field, Message: msgID, MessageEN: msgEN,
		Fields: []domain.FieldError{{Field: field, Code: "evaluasi." + field, Message: msgID, MessageEN: msgEN}}}
}

func (s *Service) find(ctx context.Context, usulanID string, bulan int, responden string) (DueItem, map[recKey]Record, error) {
	r := Responden(strings.ToUpper(strings.TrimSpace(responden)))
	if bulan != 6 && bulan != 12 {
		return DueItem{}, nil, errParam("bulan", "Evaluasi dilakukan 6 atau 12 bulan setelah TMT.", "Evaluations are 6 or 12 months after TMT.")
	}
	if !r.Valid() {
		return DueItem{}, nil, errParam("responden", "Responden harus PEGAWAI atau ATASAN.", "The respondent must be PEGAWAI or ATASAN.")
	}
	all, done, err := s.items(ctx)
	if err != nil {
		return DueItem{}, nil, err
	}
	for _, it := range all {
		if it.UsulanID == usulanID && it.Bulan == bulan && it.Responden == r {
			return it, done, nil
		}
	}
	return DueItem{}, nil, domain.E(domain.KindNotFound, "evaluasi.tidak_ada",
		"Usulan ini belum dilaksanakan (atau dibatalkan), jadi tidak ada evaluasi untuknya.",
		"This request has not been carried out (or was cancelled), so there is no evaluation for it.")
}

func activeFor(qs []Question, r Responden) []Question {
	out := []Question{}
	for _, q := range qs {
		if q.Untuk == r && q.Aktif {
			out = append(out, q)
		}
	}
	return out
}

// Form returns one evaluation with its questions, answers so far and context.
func (s *Service) Form(ctx context.Context, usulanID string, bulan int, responden string) (Form, error) {
	it, done, err := s.find(ctx, usulanID, bulan, responden)
	if err != nil {
		return Form{}, err
	}
	qs, err := s.Questions(ctx)
	if err != nil {
		return Form{}, err
	}
	f := Form{Item: it, Questions: activeFor(qs, it.Responden), Jawaban: map[string]string{}}
	if rec, ok := done[recKey{it.UsulanID, it.Bulan, it.Responden}]; ok && rec.Jawaban != nil {
		f.Jawaban = rec.Jawaban
	}
	if f.Konteks, err = s.konteks(ctx, it); err != nil {
		return Form{}, err
	}
	return f, nil
}

// Submit validates and stores the answers: every active Likert item of the
// respondent answered 1–5, text at most 2,000 characters, no unknown codes.
func (s *Service) Submit(ctx context.Context, usulanID string, bulan int, responden string, jawaban map[string]string) (Form, error) {
	it, _, err := s.find(ctx, usulanID, bulan, responden)
	if err != nil {
		return Form{}, err
	}
	if !it.SudahJatuhTempo {
		return Form{}, domain.E(domain.KindConflict, "evaluasi.belum_jatuh_tempo",
			fmt.Sprintf("Evaluasi %d bulan ini baru dapat diisi mulai %s.", it.Bulan, tanggal(it.JatuhTempo)),
			fmt.Sprintf("This %d-month evaluation can be filled in from %s.", it.Bulan, it.JatuhTempo))
	}
	qs, err := s.Questions(ctx)
	if err != nil {
		return Form{}, err
	}
	active := activeFor(qs, it.Responden)
	known := map[string]Question{}
	for _, q := range active {
		known[q.Kode] = q
	}
	var v domain.Validation
	clean := map[string]string{}
	for k, val := range jawaban {
		k = strings.ToUpper(strings.TrimSpace(k))
		val = strings.TrimSpace(val)
		q, ok := known[k]
		if !ok {
			v.Add("jawaban."+k, "evaluasi.kode_tidak_dikenal", "Pertanyaan "+k+" tidak ada pada kuesioner ini.", "Question "+k+" is not on this questionnaire.")
			continue
		}
		if q.Jenis == Teks {
			if len([]rune(val)) > 2000 {
				v.Add("jawaban."+k, "evaluasi.teks_panjang", "Jawaban paling banyak 2.000 karakter.", "At most 2,000 characters.")
			}
			if val != "" {
				clean[k] = val
			}
			continue
		}
		if val == "" {
			continue // reported as missing below
		}
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 || n > 5 {
			v.Add("jawaban."+k, "evaluasi.likert", "Pilih nilai 1 sampai 5 untuk pertanyaan "+k+".", "Choose a value from 1 to 5 for question "+k+".")
			continue
		}
		clean[k] = strconv.Itoa(n)
	}
	for _, q := range active {
		if q.Jenis == Likert && clean[q.Kode] == "" && !hasField(&v, "jawaban."+q.Kode) {
			v.Add("jawaban."+q.Kode, "evaluasi.wajib", "Pertanyaan "+q.Kode+" wajib dijawab (1 sampai 5).", "Question "+q.Kode+" must be answered (1 to 5).")
		}
	}
	if err := v.Err(); err != nil {
		return Form{}, err
	}
	rec := Record{ID: ScheduleID(it.UsulanID, it.Bulan, it.Responden), UsulanID: it.UsulanID, Bulan: it.Bulan, Responden: it.Responden, JatuhTempo: it.JatuhTempo,
		Jawaban: clean, DiisiPada: s.now().UTC().Format(time.RFC3339), DiisiOleh: s.who(ctx)}
	if err := s.repo.SaveRecord(ctx, s.who(ctx), rec); err != nil {
		return Form{}, err
	}
	return s.Form(ctx, usulanID, bulan, responden)
}

func hasField(v *domain.Validation, field string) bool {
	err := v.Err()
	if err == nil {
		return false
	}
	e, ok := err.(*domain.Error)
	if !ok {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

var bulanNama = []string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

func tanggal(d domain.Date) string { return fmt.Sprintf("%d %s %d", d.D, bulanNama[d.M], d.Y) }

// Report groups the evaluations due by today per OPD (the target OPD) or per
// transfer type: how many are due and done, and the mean of each Likert item.
func (s *Service) Report(ctx context.Context, groupBy string) (Report, error) {
	groupBy = strings.ToLower(strings.TrimSpace(groupBy))
	if groupBy != "opd" && groupBy != "jenis" {
		return Report{}, errParam("groupBy", "Kelompokkan menurut \"opd\" atau \"jenis\".", "Group by \"opd\" or \"jenis\".")
	}
	all, done, err := s.items(ctx)
	if err != nil {
		return Report{}, err
	}
	qs, err := s.Questions(ctx)
	if err != nil {
		return Report{}, err
	}
	likert := []Question{}
	for _, q := range qs {
		if q.Jenis == Likert {
			likert = append(likert, q)
		}
	}
	type acc struct {
		row GroupRow
		sum map[string]float64
	}
	newAcc := func(k, n string) *acc {
		return &acc{row: GroupRow{Kunci: k, Nama: n, Rerata: map[string]float64{}, N: map[string]int{}}, sum: map[string]float64{}}
	}
	groups := map[string]*acc{}
	total := newAcc("", "Semua")
	for _, it := range all {
		if !it.SudahJatuhTempo && !it.Selesai {
			continue
		}
		k, n := it.OPDTujuanID, it.OPDTujuan
		if groupBy == "jenis" {
			k, n = string(it.Jenis), string(it.Jenis)
		}
		g := groups[k]
		if g == nil {
			g = newAcc(k, n)
			groups[k] = g
		}
		for _, a := range []*acc{g, total} {
			a.row.Due++
			if !it.Selesai {
				continue
			}
			a.row.Done++
			for kode, val := range done[recKey{it.UsulanID, it.Bulan, it.Responden}].Jawaban {
				if x, err := strconv.Atoi(val); err == nil && x >= 1 && x <= 5 {
					a.sum[kode] += float64(x)
					a.row.N[kode]++
				}
			}
		}
	}
	finish := func(a *acc) GroupRow {
		for k, n := range a.row.N {
			a.row.Rerata[k] = math.Round(a.sum[k]/float64(n)*100) / 100
		}
		return a.row
	}
	r := Report{GroupBy: groupBy, Questions: likert, Rows: []GroupRow{}, Tanggal: s.today().String()}
	for _, g := range groups {
		r.Rows = append(r.Rows, finish(g))
	}
	sort.Slice(r.Rows, func(i, j int) bool { return r.Rows[i].Nama < r.Rows[j].Nama })
	r.Total = finish(total)
	return r, nil
}
