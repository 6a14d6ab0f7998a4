package portal

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

func msgOf(err error, lang string) string {
	var e *domain.Error
	if errors.As(err, &e) {
		if lang == "en" && e.MessageEN != "" {
			return e.MessageEN
		}
		var parts []string
		for _, f := range e.Fields {
			m := f.Message
			if lang == "en" {
				m = f.MessageEN
			}
			parts = append(parts, m)
		}
		if len(parts) > 0 && e.Message == "" {
			return strings.Join(parts, " ")
		}
		return e.Message
	}
	return err.Error()
}

// rejection words a refused portal write for the employee.
func (p *Portal) rejection(q *req, err error) (string, bool) {
	var pr *server.PortalRejection
	if !errors.As(err, &pr) {
		return "", false
	}
	p.log.Info("portal write refused", "tbl", pr.Table, "reason", pr.Reason)
	if pr.Detail != "" {
		return q.T("err.refused") + " " + pr.Detail, true
	}
	return q.T("err.refused"), true
}

func (p *Portal) today() domain.Date {
	return domain.DateOf(p.now().UTC().Add(9 * time.Hour)) // the region's calendar (WIT, UTC+9)
}

func (p *Portal) stamp() string { return p.now().UTC().Format(time.RFC3339Nano) }

func (p *Portal) me(q *req) (*person, error) {
	f, err := p.person(q.r.Context(), q.s.PegawaiID)
	if err != nil {
		return nil, err
	}
	if f == nil {
		return nil, errNotFound
	}
	return f, nil
}

// labels of the catalogue for the pages
func (reg *region) opdName(id string) string     { return str(reg.opd[id]["nama"]) }
func (reg *region) unitName(id string) string    { return str(reg.unit[id]["nama"]) }
func (reg *region) jabatanName(id string) string { return reg.jabatan[id].Nama }

// Data saya ------------------------------------------------------------

type histRow struct {
	OPD, Unit, Jabatan, TMT, Selesai, SK string
}

func (p *Portal) dataSaya(q *req) error {
	f, err := p.me(q)
	if err != nil {
		return err
	}
	reg, err := p.region(q.r.Context())
	if err != nil {
		return err
	}
	pg := f.Pegawai
	today := p.today()
	years := yearsBetween(pg.TMTJabatan, today)
	var hist []histRow
	for _, h := range f.Riwayat {
		hist = append(hist, histRow{reg.opdName(h.OPDID), reg.unitName(h.UnitID), reg.jabatanName(h.JabatanID), fmtDate(h.TMT, q.lang), fmtDate(h.TanggalSelesai, q.lang), h.NomorSK})
	}
	gol := ""
	if pg.Golongan.Valid() {
		gol = pg.Golongan.String() + " — " + pg.Golongan.Pangkat()
	} else if pg.GolonganPPPK.Valid() {
		gol = pg.GolonganPPPK.String()
	}
	laporan, err := p.rowsBy(q.r.Context(), "portal_laporan", "pegawai_id", pg.ID)
	if err != nil {
		return err
	}
	var lap []map[string]string
	for _, l := range laporan {
		lap = append(lap, map[string]string{"Bagian": str(l["bagian"]), "Uraian": str(l["uraian"]), "Status": str(l["status"]), "Tanggapan": str(l["tanggapan"]), "At": str(l["dibuat_pada"])})
	}
	sort.Slice(lap, func(i, j int) bool { return lap[i]["At"] > lap[j]["At"] })
	data := map[string]any{
		"Nama": pg.NamaLengkap(), "NIP": string(pg.NIP), "Status": string(pg.Status), "Golongan": gol, "Pendidikan": pg.Pendidikan.String(),
		"Jurusan": pg.Jurusan, "OPD": reg.opdName(pg.OPDID), "Unit": reg.unitName(pg.UnitID), "Jabatan": f.Jabatan.Nama,
		"TMTJabatan": fmtDate(pg.TMTJabatan, q.lang), "Masa": durText(pg.TMTJabatan, today, q.lang),
		"Stagnan": reg.params.MUT04MaxTahun > 0 && years >= reg.params.MUT04MaxTahun, "StagnanBatas": reg.params.MUT04MaxTahun,
		"Riwayat": hist, "SKP": f.SKP, "Bagian": rules.LaporanBagian, "Laporan": lap,
		"Flash": map[bool]string{true: q.T("flash.activated")}[q.r.URL.Query().Get("aktif") == "1"],
	}
	if q.r.URL.Query().Get("lapor") == "1" {
		data["Flash"] = q.T("flash.reported")
	}
	p.render(q, 200, "data", data)
	return nil
}

func (p *Portal) report(q *req) error {
	bagian, uraian := q.r.PostFormValue("bagian"), strings.TrimSpace(q.r.PostFormValue("uraian"))
	ch := protocol.Change{Table: "portal_laporan", RowID: uuid.NewString(), Op: protocol.OpInsert, Cols: map[string]any{
		"pegawai_id": q.s.PegawaiID, "bagian": bagian, "uraian": uraian, "status": "BARU", "tanggapan": "", "dibuat_pada": p.stamp(),
		"ditangani_oleh": "", "ditangani_pada": ""}}
	if uraian == "" {
		return p.dataError(q, q.T("err.uraian"))
	}
	if err := p.srv.ApplyPortal(q.r.Context(), q.s.PegawaiID, []protocol.Change{ch}); err != nil {
		if m, ok := p.rejection(q, err); ok {
			return p.dataError(q, m)
		}
		return err
	}
	p.redirect(q, "/portal/data?lapor=1")
	return nil
}

func (p *Portal) dataError(q *req, msg string) error {
	p.render(q, 400, "error", map[string]any{"Msg": msg, "Back": "/portal/data"})
	return nil
}

// Formasi tersedia -----------------------------------------------------

type ruleView struct {
	ID, Severity, Outcome, Message, Source string
	Values                                 []string
}

type formasiRow struct {
	Key, OPD, Unit, Jabatan, Jenis string
	Kurang                         int
	Verdict                        string // PASS, WARN, BLOCK
	Rules                          []ruleView
}

const formasiPage = 30

// formasiRows lists the deficit posts the employee could move to (of one
// OPD when opd is set), without their rule results (evaluateRows adds them
// to the rows a page shows).
func (p *Portal) formasiRows(f *person, reg *region, opd string) []formasiRow {
	var out []formasiRow
	for _, d := range reg.deficits {
		if d.UnitID == f.Pegawai.UnitID && d.JabatanID == f.Pegawai.JabatanID {
			continue
		}
		if opd != "" && d.OPDID != opd {
			continue
		}
		out = append(out, formasiRow{Key: d.UnitID + "|" + d.JabatanID, OPD: reg.opdName(d.OPDID), Unit: reg.unitName(d.UnitID),
			Jabatan: reg.jabatanName(d.JabatanID), Jenis: string(jenisFor(f, d.OPDID)), Kurang: -d.Selisih})
	}
	return out
}

// evaluateRows runs the rules engine on each row for the employee.
func (p *Portal) evaluateRows(q *req, f *person, reg *region, rows []formasiRow) {
	today := p.today()
	for i := range rows {
		r := &rows[i]
		unit, jab, _ := strings.Cut(r.Key, "|")
		opdID := str(reg.unit[unit]["opd_id"])
		rep := p.evaluate(reg, f, domain.JenisMutasi(r.Jenis), mutasisvc.Target{Placement: mutasi.Placement{OPDID: opdID, UnitID: unit, JabatanID: jab},
			Jabatan: reg.jabatan[jab]}, today)
		r.Verdict, r.Rules = verdict(rep), ruleViews(rep, q.lang, false)
	}
}

func verdict(rep eligibility.Report) string {
	switch {
	case rep.Blocked():
		return "BLOCK"
	case len(rep.Warnings()) > 0:
		return "WARN"
	}
	return "PASS"
}

// ruleViews lists the rules that say something: failures, or all when all.
func ruleViews(rep eligibility.Report, lang string, all bool) []ruleView {
	var out []ruleView
	for _, r := range rep.Results {
		if !all && r.Outcome != eligibility.Fail {
			continue
		}
		if r.Outcome == eligibility.NotApplicable {
			continue
		}
		msg := r.Message
		if lang == "en" && r.MessageEN != "" {
			msg = r.MessageEN
		}
		v := ruleView{ID: r.RuleID, Severity: string(r.Severity), Outcome: string(r.Outcome), Message: msg, Source: r.Source}
		keys := make([]string, 0, len(r.Values))
		for k := range r.Values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v.Values = append(v.Values, k+": "+r.Values[k])
		}
		out = append(out, v)
	}
	return out
}

func (p *Portal) formasi(q *req) error {
	f, err := p.me(q)
	if err != nil {
		return err
	}
	reg, err := p.region(q.r.Context())
	if err != nil {
		return err
	}
	opd := q.r.URL.Query().Get("opd")
	if reg.opd[opd] == nil {
		opd = ""
	}
	rows := p.formasiRows(f, reg, opd)
	page, _ := strconv.Atoi(q.r.URL.Query().Get("hal"))
	pages := (len(rows) + formasiPage - 1) / formasiPage
	page = max(1, min(page, pages))
	lo, hi := (page-1)*formasiPage, min(page*formasiPage, len(rows))
	if lo > hi {
		lo = hi
	}
	p.evaluateRows(q, f, reg, rows[lo:hi]) // only the page shown
	p.render(q, 200, "formasi", map[string]any{"Rows": rows[lo:hi], "Total": len(rows), "Page": page, "Pages": pages,
		"Prev": page - 1, "Next": page + 1, "OPDs": p.opdOptions(reg), "OPD": opd, "Tahun": reg.abkTahun})
	return nil
}

type option struct{ Value, Label string }

func (p *Portal) opdOptions(reg *region) []option {
	var out []option
	for id, o := range reg.opd {
		out = append(out, option{id, str(o["nama"])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// Ajukan mutasi (APS) --------------------------------------------------

// ownRequests lists the employee's requests with their states, newest first.
type ownRequest struct {
	ID, Nomor, Jenis string
	Created          string
	State            mutasi.State
	Events           []mutasi.Event
}

func (p *Portal) ownRequests(q *req) ([]ownRequest, error) {
	ctx := q.r.Context()
	rows, err := p.rowsBy(ctx, "mutasi_usulan", "pegawai_id", q.s.PegawaiID)
	if err != nil {
		return nil, err
	}
	var out []ownRequest
	for id, r := range rows {
		evs, err := server.RequestEvents(readTx{p, q}, id)
		if err != nil {
			return nil, err
		}
		st, _ := mutasi.Replay(evs)
		out = append(out, ownRequest{ID: id, Nomor: str(r["nomor"]), Jenis: str(r["jenis"]), Created: str(r["dibuat_pada"]), State: st, Events: evs})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Created > out[j].Created })
	return out, nil
}

// readTx is the row store's read path as the Lookup RequestEvents takes.
type readTx struct {
	p *Portal
	q *req
}

func (t readTx) Lookup(kind, table, name, value string) ([]*server.Item, error) {
	return t.p.st.ReadLookup(t.q.r.Context(), kind, table, name, value)
}

func open(st mutasi.State) bool {
	return !st.Status.Terminal() && st.Status != mutasi.StatusDilaksanakan
}

type ajukanForm struct {
	Jenis    string
	Targets  []string // "unit|jabatan" keys
	Instansi string
	Alasan   string
}

func (p *Portal) ajukanView(q *req, f *person, reg *region, in ajukanForm, check bool) map[string]any {
	rows := p.formasiRows(f, reg, "")
	var opts []option
	for _, r := range rows {
		opts = append(opts, option{r.Key, fmt.Sprintf("%s — %s, %s (%s %d)", r.Jabatan, r.Unit, r.OPD, q.T("formasi.kurang"), r.Kurang)})
	}
	for len(in.Targets) < mutasi.MaxTargets {
		in.Targets = append(in.Targets, "")
	}
	jenis := domain.JenisMutasi(in.Jenis)
	if !jenis.Valid() {
		jenis = domain.MutasiT1
	}
	route, _ := eligibility.RouteOf(jenis)
	var docs []option
	for _, d := range route.Required(true) {
		info, _ := eligibility.InfoDokumen(d)
		l := info.Nama
		if q.lang == "en" {
			l = info.NamaEN
		}
		docs = append(docs, option{string(d), l})
	}
	data := map[string]any{"Options": opts, "Form": in, "Docs": docs, "Jenis": string(jenis), "Uploads": p.cfg.Blobs != nil,
		"Types": []option{{"T0", "T0"}, {"T1", "T1"}, {"T2", "T2"}, {"T3", "T3"}, {"T4", "T4"}}}
	if check {
		req, _, err := p.buildRequest(q, f, reg, in, uuid.NewString())
		if err != nil {
			data["Error"] = msgOf(err, q.lang)
		} else {
			data["Checks"] = p.checks(q, f, reg, req)
		}
	}
	return data
}

type checkView struct {
	Target  string
	Verdict string
	Rules   []ruleView
}

func (p *Portal) checks(q *req, f *person, reg *region, r mutasi.Request) []checkView {
	var out []checkView
	for _, t := range r.Targets {
		tg := mutasisvc.Target{Placement: t, Jabatan: reg.jabatan[t.JabatanID], Luar: t.Keluar()}
		rep := p.evaluate(reg, f, r.Type, tg, p.today())
		name := t.Instansi
		if name == "" {
			name = reg.jabatanName(t.JabatanID) + " — " + reg.unitName(t.UnitID) + ", " + reg.opdName(t.OPDID)
		}
		out = append(out, checkView{name, verdict(rep), ruleViews(rep, q.lang, true)})
	}
	return out
}

func (p *Portal) ajukanForm(q *req) error {
	f, err := p.me(q)
	if err != nil {
		return err
	}
	own, err := p.ownRequests(q)
	if err != nil {
		return err
	}
	for _, o := range own {
		if open(o.State) {
			p.redirect(q, "/portal/status/"+o.ID)
			return nil
		}
	}
	reg, err := p.region(q.r.Context())
	if err != nil {
		return err
	}
	in := ajukanForm{Jenis: q.r.URL.Query().Get("jenis")}
	if t := q.r.URL.Query().Get("tujuan"); t != "" {
		in.Targets = []string{t}
	}
	p.render(q, 200, "ajukan", p.ajukanView(q, f, reg, in, false))
	return nil
}

// buildRequest turns the form into the request, as the desktop's service
// does (source = the current post; T0/T1 targets from the deficit list; an
// instansi outside the Pemda for T2–T4).
func (p *Portal) buildRequest(q *req, f *person, reg *region, in ajukanForm, id string) (mutasi.Request, []eligibility.Report, error) {
	pg := f.Pegawai
	r := mutasi.Request{ID: id, PegawaiID: pg.ID, Type: domain.JenisMutasi(in.Jenis), APS: true, Reason: strings.TrimSpace(in.Alasan),
		Source: mutasi.Placement{OPDID: pg.OPDID, UnitID: pg.UnitID, JabatanID: pg.JabatanID}, SourceTMT: pg.TMTJabatan}
	if r.Type.AntarInstansi() {
		if name := strings.TrimSpace(in.Instansi); name != "" {
			r.Targets = append(r.Targets, mutasi.Placement{OPDID: uuid.NewSHA1(uuid.NameSpaceOID, []byte("instansi|"+name)).String(), Instansi: name})
		}
	} else {
		seen := map[string]bool{}
		for _, k := range in.Targets {
			unit, jab, ok := strings.Cut(k, "|")
			if !ok || seen[k] || reg.unit[unit] == nil {
				continue
			}
			seen[k] = true
			r.Targets = append(r.Targets, mutasi.Placement{OPDID: str(reg.unit[unit]["opd_id"]), UnitID: unit, JabatanID: jab})
		}
		// the type follows the targets: T0 inside the OPD, T1 across
		r.Type = domain.MutasiT1
		if len(r.Targets) > 0 && r.Targets[0].OPDID == pg.OPDID {
			r.Type = domain.MutasiT0
		}
	}
	if len(r.Reason) > rules.MaxNote {
		return r, nil, domain.E(domain.KindInvalid, "portal.reason_long", "Alasan terlalu panjang.", "The reason is too long.")
	}
	if err := mutasi.ValidateRequest(r); err != nil {
		return r, nil, err
	}
	var reps []eligibility.Report
	for _, t := range r.Targets {
		reps = append(reps, p.evaluate(reg, f, r.Type, mutasisvc.Target{Placement: t, Jabatan: reg.jabatan[t.JabatanID], Luar: t.Keluar()}, p.today()))
	}
	return r, reps, nil
}

func (p *Portal) ajukan(q *req) error {
	ctx := q.r.Context()
	f, err := p.me(q)
	if err != nil {
		return err
	}
	reg, err := p.region(ctx)
	if err != nil {
		return err
	}
	in := ajukanForm{Jenis: q.r.PostFormValue("jenis"), Targets: q.r.PostForm["tujuan"], Instansi: q.r.PostFormValue("instansi"), Alasan: q.r.PostFormValue("alasan")}
	if q.r.PostFormValue("aksi") != "ajukan" {
		p.render(q, 200, "ajukan", p.ajukanView(q, f, reg, in, true))
		return nil
	}
	again := func(msg string) error {
		v := p.ajukanView(q, f, reg, in, true)
		v["Error"] = msg
		p.render(q, 400, "ajukan", v)
		return nil
	}
	own, err := p.ownRequests(q)
	if err != nil {
		return err
	}
	for _, o := range own {
		if open(o.State) {
			return again(q.T("err.open_request"))
		}
	}
	id := uuid.NewString()
	r, reps, err := p.buildRequest(q, f, reg, in, id)
	if err != nil {
		return again(msgOf(err, q.lang))
	}
	if reps[0].Blocked() {
		return again(q.T("err.blocked"))
	}
	docs, err := p.uploads(q, id)
	if err != nil {
		var ue uploadError
		if errors.As(err, &ue) {
			return again(q.T(string(ue)))
		}
		return err
	}
	snap, blocked := snapshot(reps[0])
	actor := p.actor(f)
	now := p.now()
	nomor := fmt.Sprintf("APS/%d/PORTAL-%s", now.Year(), strings.ToUpper(id[:8]))
	data, _ := json.Marshal(r)
	changes := []protocol.Change{{Table: "mutasi_usulan", RowID: id, Op: protocol.OpInsert, Cols: map[string]any{
		"nomor": nomor, "pegawai_id": f.Pegawai.ID, "jenis": string(r.Type), "aps": true, "data": string(data),
		"dibuat_oleh": server.PortalActor(f.Pegawai.ID), "dibuat_pada": p.stamp()}}}
	st := mutasi.State{}
	buat, err := mutasi.Decide(st, mutasi.Command{Kind: mutasi.KindBuat, Request: &r, Eligibility: snap, Blocked: blocked}, actor, now, uuid.NewString())
	if err != nil {
		return again(msgOf(err, q.lang))
	}
	st, _ = mutasi.Apply(st, buat)
	changes = append(changes, eventChange(buat))
	changes = append(changes, docs...)
	ajukan, err := mutasi.Decide(st, mutasi.Command{Kind: mutasi.KindAjukan}, actor, now, uuid.NewString())
	if err != nil {
		return again(msgOf(err, q.lang))
	}
	changes = append(changes, eventChange(ajukan))
	if err := p.srv.ApplyPortal(ctx, f.Pegawai.ID, changes); err != nil {
		if m, ok := p.rejection(q, err); ok {
			return again(m)
		}
		return err
	}
	p.srv.PortalEvent("submitted")
	p.log.Info("portal: request submitted", "usulan", id)
	p.redirect(q, "/portal/status/"+id+"?baru=1")
	return nil
}

func (p *Portal) actor(f *person) mutasi.Actor {
	return mutasi.Actor{UserID: server.PortalActor(f.Pegawai.ID), PegawaiID: f.Pegawai.ID, Name: f.Pegawai.NamaLengkap(), Role: domain.RolePegawai}
}

func snapshot(rep eligibility.Report) ([]mutasi.RuleSnapshot, bool) {
	var out []mutasi.RuleSnapshot
	for _, r := range rep.Results {
		out = append(out, mutasi.RuleSnapshot{RuleID: r.RuleID, Severity: string(r.Severity), Outcome: string(r.Outcome), Message: r.Message,
			MessageEN: r.MessageEN, Source: r.Source, Values: r.Values})
	}
	return out, rep.Blocked()
}

func eventChange(ev mutasi.Event) protocol.Change {
	aktor, _ := json.Marshal(ev.Actor)
	payload, _ := json.Marshal(ev.Payload)
	return protocol.Change{Table: "mutasi_event", RowID: ev.ID, Op: protocol.OpInsert, Cols: map[string]any{
		"usulan_id": ev.RequestID, "seq": ev.Seq, "kind": string(ev.Kind), "aktor": string(aktor),
		"waktu": ev.Time.UTC().Format(time.RFC3339Nano), "catatan": ev.Note, "payload": string(payload)}}
}

type uploadError string

func (e uploadError) Error() string { return string(e) }

// uploads stores the form's documents (PDF or JPEG by content, within the
// size limit) and returns their dokumen_lampiran inserts.
func (p *Portal) uploads(q *req, usulanID string) ([]protocol.Change, error) {
	if q.r.MultipartForm == nil {
		return nil, nil
	}
	var out []protocol.Change
	for field, fhs := range q.r.MultipartForm.File {
		jenis, ok := strings.CutPrefix(field, "dok_")
		if !ok || len(fhs) == 0 || fhs[0].Size == 0 {
			continue
		}
		if _, known := eligibility.InfoDokumen(eligibility.Dokumen(jenis)); !known {
			continue
		}
		if p.cfg.Blobs == nil {
			return nil, uploadError("err.no_uploads")
		}
		fh := fhs[0]
		if fh.Size > p.cfg.MaxUpload {
			return nil, uploadError("err.file_size")
		}
		fl, err := fh.Open()
		if err != nil {
			return nil, err
		}
		head := make([]byte, 512)
		n, _ := io.ReadFull(fl, head)
		mime := http.DetectContentType(head[:n])
		if mime != "application/pdf" && mime != "image/jpeg" {
			fl.Close()
			return nil, uploadError("err.file_type")
		}
		if _, err := fl.Seek(0, io.SeekStart); err != nil {
			fl.Close()
			return nil, err
		}
		h := sha256.New()
		sum, size, err := p.cfg.Blobs.PutBlob(q.r.Context(), io.TeeReader(io.LimitReader(fl, p.cfg.MaxUpload+1), h))
		fl.Close()
		if err != nil {
			return nil, err
		}
		if size > p.cfg.MaxUpload || sum != hex.EncodeToString(h.Sum(nil)) {
			return nil, uploadError("err.file_size")
		}
		name := fh.Filename
		if len(name) > 120 {
			name = name[:120]
		}
		out = append(out, protocol.Change{Table: "dokumen_lampiran", RowID: uuid.NewString(), Op: protocol.OpInsert, Cols: map[string]any{
			"usulan_id": usulanID, "jenis": jenis, "nama_berkas": name, "sha256": sum, "ukuran": size, "mime": mime,
			"status": "BELUM_DIPERIKSA", "catatan": "", "diunggah_oleh": server.PortalActor(q.s.PegawaiID), "diunggah_pada": p.stamp()}})
	}
	sort.Slice(out, func(i, j int) bool { return str(out[i].Cols["jenis"]) < str(out[j].Cols["jenis"]) })
	return out, nil
}
