package mutasisvc

import (
	"context"
	"errors"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"slices"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
)

// Repository is the storage the service needs; backend/store implements it.
type Repository interface {
	DeviceID() string

	Pegawai(ctx context.Context, id string) (domain.Pegawai, error)
	ListPegawai(ctx context.Context, q kepegawaian.PegawaiQuery) (kepegawaian.PegawaiPage, error)
	OPD(ctx context.Context, id string) (domain.OPD, error)
	Unit(ctx context.Context, id string) (domain.Unit, error)
	Jabatan(ctx context.Context, id string) (domain.Jabatan, error)
	SKP(ctx context.Context, pegawaiID string) ([]domain.SKP, error)
	Hukdis(ctx context.Context, pegawaiID string) ([]domain.Hukdis, error)

	// VerifiedDokumen lists the checklist codes of a request's attachments
	// whose status is SESUAI.
	VerifiedDokumen(ctx context.Context, usulanID string) ([]string, error)
	MutasiRecord(ctx context.Context, id string) (Record, error)
	// MutasiRecords lists every request, most recently updated first.
	MutasiRecords(ctx context.Context) ([]Record, error)
	MutasiEvents(ctx context.Context, usulanID string) ([]mutasi.Event, error)
	// OpenMutasi is the id of a request of the employee that is neither
	// closed (ditolak, dibatalkan) nor carried out; "" when none.
	OpenMutasi(ctx context.Context, pegawaiID string) (string, error)
	// AppendMutasi stores one event in one transaction and returns the
	// request's number.
	AppendMutasi(ctx context.Context, a Append) (string, error)

	// ForkedMutasi lists the requests where two events claim one step.
	ForkedMutasi(ctx context.Context) ([]string, error)
	// WorkflowConflicts lists the server's incompatible-decision conflicts
	// (open or resolved) that name any of the events.
	WorkflowConflicts(ctx context.Context, eventIDs []string) ([]WorkflowConflict, error)
	// ResolveWorkflowConflicts resolves the open conflicts ("accept"), all or
	// none, on behalf of the user (account id).
	ResolveWorkflowConflicts(ctx context.Context, userID string, conflictIDs []string) error
}

// Workload is what the service reads from the workload analysis.
type Workload interface {
	Analyse(ctx context.Context, abkID string) (*abksvc.Analysis, error)
	EligibilityParams(ctx context.Context) (eligibility.Params, error)
}

// Service is the mutasi workflow service.
type Service struct {
	repo  Repository
	abk   Workload
	now   func() time.Time
	newID func() string
}

// Config wires a Service.
type Config struct {
	Repo  Repository
	ABK   Workload
	Now   func() time.Time // injectable clock
	NewID func() string    // request and event ids (UUIDv7)
}

// New builds a Service.
func New(c Config) *Service {
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{repo: c.Repo, abk: c.ABK, now: c.Now, newID: c.NewID}
}

func (s *Service) today() domain.Date { return domain.DateOf(s.now()) }

// CurrentUser is the actor ctx carries (backend/actor) as the workflow sees
// them. A context without one is refused (auth.no_actor), and so is an
// actor without a workflow role: there is no default user.
func (s *Service) CurrentUser(ctx context.Context) (User, error) {
	a, err := actor.Required(ctx)
	if err != nil {
		return User{}, err
	}
	if !a.Role.Valid() {
		return User{}, domain.E(domain.KindPermission, "transfer.role", "Peran pengguna tidak dikenal.", "Unknown user role.")
	}
	return User{ID: a.ID, Nama: a.Nama, Role: a.Role, OPDID: a.OPDID, PegawaiID: a.PegawaiID}, nil
}

// TransferRoles lists the workflow roles with their labels.
func (s *Service) TransferRoles() []kepegawaian.Option {
	out := make([]kepegawaian.Option, 0, len(domain.Roles))
	for _, r := range domain.Roles {
		id, en := domain.RoleLabel(r)
		out = append(out, kepegawaian.Option{Value: string(r), Label: id, LabelEN: en})
	}
	return out
}

func isNotFound(err error) bool {
	var e *domain.Error
	return errors.As(err, &e) && e.Kind == domain.KindNotFound
}

// CheckMutasi evaluates every rule for one proposed transfer.
func (s *Service) CheckMutasi(ctx context.Context, in CheckInput) (CheckResult, error) {
	tanggal := s.today()
	if strings.TrimSpace(in.Tanggal) != "" {
		d, err := domain.ParseDate(strings.TrimSpace(in.Tanggal))
		if err != nil {
			return CheckResult{}, fieldErr("tanggal", "mutasi.tanggal", "Tanggal harus berformat TTTT-BB-HH.", "The date must be YYYY-MM-DD.")
		}
		tanggal = d
	}
	if !in.Jenis.Valid() {
		return CheckResult{}, fieldErr("jenis", "mutasi.jenis", "Jenis mutasi harus T0–T4.", "The transfer type must be T0–T4.")
	}
	rep, err := s.Evaluate(ctx, CaseInput{PegawaiID: in.PegawaiID, Jenis: in.Jenis, APS: in.APS, Target: in.Target, Tanggal: tanggal})
	if err != nil {
		return CheckResult{}, err
	}
	res := CheckResult{Rules: rep.Results, Blocked: rep.Blocked(), Warnings: len(rep.Warnings())}
	if res.Pegawai, err = s.pegawaiRow(ctx, in.PegawaiID); err != nil {
		return res, err
	}
	res.TargetLabel = s.label(ctx, in.Target, nil)
	return res, nil
}

func fieldErr(field, code, id, en string) error {
	return &domain.Error{Kind: domain.KindInvalid, Code: code, Message: id, MessageEN: en,
		Fields: []domain.FieldError{{Field: field, Code: code, Message: id, MessageEN: en}}}
}

func (s *Service) pegawaiRow(ctx context.Context, id string) (kepegawaian.PegawaiRow, error) {
	p, err := s.repo.Pegawai(ctx, id)
	if err != nil {
		return kepegawaian.PegawaiRow{}, err
	}
	page, err := s.repo.ListPegawai(ctx, kepegawaian.PegawaiQuery{Search: string(p.NIP), Limit: 10, TermasukKeluar: true})
	if err != nil {
		return kepegawaian.PegawaiRow{}, err
	}
	for _, r := range page.Rows {
		if r.ID == id {
			return r, nil
		}
	}
	return kepegawaian.PegawaiRow{ID: p.ID, NIP: string(p.NIP), NamaLengkap: p.NamaLengkap(), Status: string(p.Status)}, nil
}

// label names a placement; names is an optional cache for lists.
func (s *Service) label(ctx context.Context, p mutasi.Placement, names map[string]string) PlacementLabel {
	l := PlacementLabel{Placement: p}
	if p.OPDID != "" {
		if o, err := s.repo.OPD(ctx, p.OPDID); err == nil {
			l.OPDNama, l.OPDSingkatan = o.Nama, o.Singkatan
		}
	}
	if l.OPDNama == "" && p.Instansi != "" {
		l.OPDNama = p.Instansi
	}
	if p.UnitID != "" {
		if u, err := s.repo.Unit(ctx, p.UnitID); err == nil {
			l.UnitNama = u.Nama
		}
	}
	if p.JabatanID != "" {
		if j, err := s.repo.Jabatan(ctx, p.JabatanID); err == nil {
			l.JabatanNama = j.Nama
		}
	}
	return l
}

// singkatan names an OPD by its abbreviation, through a per-call cache.
func (s *Service) singkatan(ctx context.Context, id string, cache map[string]string) string {
	if id == "" {
		return ""
	}
	if v, ok := cache[id]; ok {
		return v
	}
	v := ""
	if o, err := s.repo.OPD(ctx, id); err == nil {
		v = o.Singkatan
		if v == "" {
			v = o.Kode
		}
	}
	cache[id] = v
	return v
}

// CreateUsulan creates a draft request (the buat event) for the current user.
func (s *Service) CreateUsulan(ctx context.Context, in UsulanInput) (UsulanDetail, error) {
	user, err := s.CurrentUser(ctx)
	if err != nil {
		return UsulanDetail{}, err
	}
	p, err := s.repo.Pegawai(ctx, in.PegawaiID)
	if isNotFound(err) {
		return UsulanDetail{}, fieldErr("pegawaiId", "pegawai.not_found", "Pegawai tidak ditemukan.", "Employee not found.")
	}
	if err != nil {
		return UsulanDetail{}, err
	}
	if p.Keluar() {
		return UsulanDetail{}, fieldErr("pegawaiId", "mutasi.pegawai_keluar",
			fmt.Sprintf("Pegawai ini sudah pindah ke %s sejak %s.", p.InstansiTujuan, p.KeluarPada),
			fmt.Sprintf("This employee left for %s on %s.", p.InstansiTujuan, p.KeluarPada))
	}
	if err := s.checkInstansi(ctx, in); err != nil {
		return UsulanDetail{}, err
	}
	open, err := s.repo.OpenMutasi(ctx, p.ID)
	if err != nil {
		return UsulanDetail{}, err
	}
	if open != "" {
		rec, _ := s.repo.MutasiRecord(ctx, open)
		return UsulanDetail{}, domain.E(domain.KindConflict, "mutasi.open_request",
			fmt.Sprintf("Pegawai ini masih memiliki usulan mutasi yang berjalan (%s); selesaikan atau batalkan dulu.", rec.Nomor),
			fmt.Sprintf("This employee already has a transfer request in progress (%s); finish or cancel it first.", rec.Nomor))
	}
	req := s.request(s.newID(), p, in)
	snap, blocked, _, err := s.snapshot(ctx, req, 0, mutasi.State{}, nil)
	if err != nil {
		return UsulanDetail{}, err
	}
	cmd := mutasi.Command{Kind: mutasi.KindBuat, Request: &req, Eligibility: snap, Blocked: blocked}
	ev, err := mutasi.Decide(mutasi.State{}, cmd, user.Actor(), s.now(), s.newID())
	if err != nil {
		return UsulanDetail{}, err
	}
	after, err := mutasi.Apply(mutasi.State{}, ev)
	if err != nil {
		return UsulanDetail{}, err
	}
	rec := &Record{ID: req.ID, PegawaiID: p.ID, Jenis: req.Type, APS: req.APS, Request: req}
	prefix := fmt.Sprintf("MUT/%d/%s-", s.now().Year(), deviceTag(s.repo.DeviceID()))
	if _, err := s.repo.AppendMutasi(ctx, Append{Actor: user, New: rec, NomorPrefix: prefix, Event: ev, After: after,
		Summary: summary(mutasi.State{}, after, ev)}); err != nil {
		return UsulanDetail{}, err
	}
	return s.GetUsulan(ctx, req.ID)
}

// deviceTag is six hex digits of the device id (its random tail: a UUIDv7
// starts with the time, which devices set up on one day share).
func deviceTag(dev string) string {
	h := strings.ToUpper(strings.ReplaceAll(dev, "-", ""))
	if len(h) < 6 {
		return "LOKAL0"[:6-len(h)] + h
	}
	return h[len(h)-6:]
}

func (s *Service) request(id string, p domain.Pegawai, in UsulanInput) mutasi.Request {
	return mutasi.Request{ID: id, PegawaiID: p.ID, Type: in.Jenis, APS: in.APS, Reason: strings.TrimSpace(in.Alasan),
		Source:    mutasi.Placement{OPDID: p.OPDID, UnitID: p.UnitID, JabatanID: p.JabatanID},
		SourceTMT: p.TMTJabatan, Targets: trimInstansi(in.Targets)}
}

func trimInstansi(ts []mutasi.Placement) []mutasi.Placement {
	out := slices.Clone(ts)
	for i := range out {
		out[i].Instansi = strings.TrimSpace(out[i].Instansi)
	}
	return out
}

// checkInstansi: a T2–T4 target outside this Pemda (its OPD is not one of
// ours) must name the other agency (Placement.Instansi) — carrying it out
// records where the employee went; a target inside this Pemda names none.
func (s *Service) checkInstansi(ctx context.Context, in UsulanInput) error {
	if !in.Jenis.AntarInstansi() {
		return nil // ValidateRequest refuses an Instansi on T0/T1
	}
	for i, t := range in.Targets {
		f := fmt.Sprintf("targets[%d].instansi", i)
		_, err := s.repo.OPD(ctx, t.OPDID)
		switch {
		case err != nil && !isNotFound(err):
			return err
		case (isNotFound(err) || t.OPDID == "") && strings.TrimSpace(t.Instansi) == "":
			return fieldErr(f, "mutasi.instansi_required", "Nama instansi tujuan (Pemda/provinsi/instansi pusat) wajib diisi.",
				"Name the destination agency (Pemda, province or central agency).")
		case err == nil && t.OPDID != "" && t.Instansi != "":
			return fieldErr(f, "mutasi.instansi_dalam", "Tujuan adalah OPD Pemda ini; kosongkan instansi tujuan.",
				"The target is an OPD of this Pemda; leave the destination agency empty.")
		}
	}
	return nil
}

// UpdateUsulan edits a draft (the ubah event).
func (s *Service) UpdateUsulan(ctx context.Context, id string, in UsulanInput) (UsulanDetail, error) {
	user, rec, st, err := s.load(ctx, id)
	if err != nil {
		return UsulanDetail{}, err
	}
	p, err := s.repo.Pegawai(ctx, rec.PegawaiID)
	if err != nil {
		return UsulanDetail{}, err
	}
	if in.PegawaiID == "" {
		in.PegawaiID = p.ID
	}
	if err := s.checkInstansi(ctx, in); err != nil {
		return UsulanDetail{}, err
	}
	req := s.request(id, p, in)
	req.PegawaiID = in.PegawaiID // a different employee is refused by the machine
	snap, blocked, _, err := s.snapshot(ctx, req, 0, st, nil)
	if err != nil {
		return UsulanDetail{}, err
	}
	cmd := mutasi.Command{Kind: mutasi.KindUbah, Request: &req, Eligibility: snap, Blocked: blocked}
	ev, err := mutasi.Decide(st, cmd, user.Actor(), s.now(), s.newID())
	if err != nil {
		return UsulanDetail{}, err
	}
	after, err := mutasi.Apply(st, ev)
	if err != nil {
		return UsulanDetail{}, err
	}
	if _, err := s.repo.AppendMutasi(ctx, Append{Actor: user, Edited: &req, Event: ev, After: after, Summary: summary(st, after, ev)}); err != nil {
		return UsulanDetail{}, err
	}
	return s.GetUsulan(ctx, id)
}

func (s *Service) load(ctx context.Context, id string) (User, Record, mutasi.State, error) {
	user, err := s.CurrentUser(ctx)
	if err != nil {
		return user, Record{}, mutasi.State{}, err
	}
	rec, err := s.repo.MutasiRecord(ctx, id)
	if err != nil {
		return user, rec, mutasi.State{}, err
	}
	st, err := s.state(ctx, id)
	return user, rec, st, err
}

// state is the request's state: the replay of its log, two events at one
// step included (konflik.go). A stored log that does not replay otherwise
// was edited outside the app (mutasi.log_broken).
func (s *Service) state(ctx context.Context, id string) (mutasi.State, error) {
	_, l, err := s.logOf(ctx, id)
	return l.State, err
}

// DecideUsulan makes the current user's decision on a request.
func (s *Service) DecideUsulan(ctx context.Context, id string, d Decision) (UsulanDetail, error) {
	if err := s.decide(ctx, id, d); err != nil {
		return UsulanDetail{}, err
	}
	return s.GetUsulan(ctx, id)
}

func (s *Service) decide(ctx context.Context, id string, d Decision) error {
	user, _, st, err := s.load(ctx, id)
	if err != nil {
		return err
	}
	cmd := mutasi.Command{Kind: d.Kind, Note: d.Note, TargetIndex: d.TargetIndex, SK: d.SK, Pertek: d.Pertek}
	if slices.Contains(JustifiedKinds, d.Kind) {
		cmd.Justifikasi = d.Justifikasi // the other steps have their note
	}
	var rep *eligibility.Report
	if st.Status != mutasi.StatusDilaksanakan && !st.Status.Terminal() {
		ti := st.TargetIndex
		if d.Kind == mutasi.KindVerifikasi {
			ti = d.TargetIndex
		}
		if ti >= 0 && ti < len(st.Request.Targets) {
			cmd.Eligibility, cmd.Blocked, rep, err = s.snapshot(ctx, st.Request, ti, st, d.SK)
			if err != nil && !(employeeAbsent(err) && !mutasi.NeedsEligibility(st, d.Kind)) {
				return err
			}
			// The employee is not on this device (a target OPD's desktop
			// holds the incoming request, not the person): a step the rules
			// cannot refuse goes on, and the request keeps the last snapshot.
			err = nil
		}
	}
	ev, err := mutasi.Decide(st, cmd, user.Actor(), s.now(), s.newID())
	if err != nil {
		return explainBlocked(err, rep)
	}
	if err := s.gate(ctx, st, d, rep); err != nil {
		return err
	}
	if ch := ev.Payload.Change; ch != nil && !ch.To.Keluar() {
		// A move inside the Pemda needs a unit of this Pemda; an outgoing one
		// names the other agency (Placement.Instansi) and the employee leaves.
		if _, err := s.repo.Unit(ctx, ch.To.UnitID); err != nil || ch.To.UnitID == "" {
			return domain.E(domain.KindConflict, "mutasi.keluar_pemda",
				"Penempatan tujuan berada di luar Pemda ini tetapi instansi tujuan tidak dicatat pada usulan; batalkan lalu buat ulang usulan dengan nama instansi tujuan.",
				"The target placement is outside this Pemda but the request does not name the destination agency; cancel it and create it again naming the agency.")
		}
	}
	after, err := mutasi.Apply(st, ev)
	if err != nil {
		return err
	}
	_, err = s.repo.AppendMutasi(ctx, Append{Actor: user, Event: ev, After: after, Summary: summary(st, after, ev)})
	return err
}

// explainBlocked names the failing BLOCK rules in the machine's refusal.
func explainBlocked(err error, rep *eligibility.Report) error {
	var e *domain.Error
	if rep == nil || !errors.As(err, &e) || e.Kind != domain.KindNotEligible {
		return err
	}
	var ids, id, en []string
	var fields []domain.FieldError
	for _, r := range rep.Results {
		if r.Failed() && r.Severity == eligibility.Block {
			ids = append(ids, r.RuleID)
			id = append(id, r.RuleID+" — "+r.Message)
			en = append(en, r.RuleID+" — "+r.MessageEN)
			fields = append(fields, domain.FieldError{Field: "eligibility." + r.RuleID, Code: r.RuleID, Message: r.Message, MessageEN: r.MessageEN})
		}
	}
	if len(ids) == 0 {
		return err
	}
	return &domain.Error{Kind: domain.KindNotEligible, Code: e.Code,
		Message:   "Usulan melanggar aturan BLOCK dan tidak dapat dilanjutkan: " + strings.Join(id, "; "),
		MessageEN: "The request breaks a BLOCK rule and cannot go on: " + strings.Join(en, "; "),
		Fields:    fields, Err: err}
}

func summary(before, after mutasi.State, ev mutasi.Event) map[string]any {
	m := map[string]any{"seq": ev.Seq, "kind": ev.Kind, "dari": before.Status, "ke": after.Status, "catatan": ev.Note,
		"blocked": ev.Payload.Blocked, "pegawaiId": after.Request.PegawaiID}
	var failing []string
	for _, r := range ev.Payload.Eligibility {
		if r.Outcome == string(eligibility.Fail) {
			failing = append(failing, r.RuleID+"/"+r.Severity)
		}
	}
	if len(failing) > 0 {
		m["aturanGagal"] = failing
	}
	if ev.Payload.Justifikasi != "" {
		m["justifikasi"] = ev.Payload.Justifikasi
	}
	if ev.Payload.SK != nil {
		m["sk"] = ev.Payload.SK
	}
	if ev.Payload.Change != nil {
		m["perubahan"] = ev.Payload.Change
	}
	return m
}

// BulkDecide makes one decision on many requests; each is its own
// transaction, and one refusal does not stop the others.
func (s *Service) BulkDecide(ctx context.Context, ids []string, d Decision) []BulkItem {
	out := make([]BulkItem, 0, len(ids))
	for _, id := range ids {
		it := BulkItem{ID: id, OK: true}
		if err := s.decide(ctx, id, d); err != nil {
			e := domain.Mask(nil, "BulkDecide", err)
			it = BulkItem{ID: id, Code: e.Code, Message: e.Message, MessageEN: e.MessageEN}
		}
		out = append(out, it)
	}
	return out
}
