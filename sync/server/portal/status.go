package portal

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// Status: the request's timeline as the desktops decide it (its events),
// with the notes of returns and refusals; never who decided by name.

type stepView struct {
	Kind, Label, When, Role, Note string
}

func (p *Portal) statusList(q *req) error {
	own, err := p.ownRequests(q)
	if err != nil {
		return err
	}
	var list []map[string]string
	for _, o := range own {
		list = append(list, map[string]string{"ID": o.ID, "Nomor": o.Nomor, "Jenis": o.Jenis, "Status": q.T("status." + string(o.State.Status))})
	}
	p.render(q, 200, "status", map[string]any{"List": list})
	return nil
}

// request finds one of the employee's own requests; another's is not found.
func (p *Portal) request(q *req) (*ownRequest, error) {
	id := q.r.PathValue("id")
	own, err := p.ownRequests(q)
	if err != nil {
		return nil, err
	}
	for i := range own {
		if own[i].ID == id {
			return &own[i], nil
		}
	}
	return nil, errNotFound
}

func (p *Portal) statusDetail(q *req) error {
	o, err := p.request(q)
	if err != nil {
		return err
	}
	return p.renderDetail(q, o, 200, "")
}

func (p *Portal) renderDetail(q *req, o *ownRequest, status int, errMsg string) error {
	ctx := q.r.Context()
	reg, err := p.region(ctx)
	if err != nil {
		return err
	}
	var steps []stepView
	for _, e := range o.Events {
		role, _ := domain.RoleLabel(e.Actor.Role)
		if q.lang == "en" {
			_, role = domain.RoleLabel(e.Actor.Role)
		}
		sv := stepView{Kind: string(e.Kind), Label: q.T("event." + string(e.Kind)), When: e.Time.UTC().Add(9*3600e9).Format("02-01-2006 15:04") + " WIT", Role: role}
		switch e.Kind {
		case mutasi.KindKembalikan, mutasi.KindTolak, mutasi.KindBatalkan:
			sv.Note = e.Note
		}
		if e.Kind == mutasi.KindTetapkanSK && e.Payload.SK != nil {
			sv.Note = "SK " + e.Payload.SK.Nomor + ", TMT " + fmtDate(e.Payload.SK.TMT, q.lang)
		}
		steps = append(steps, sv)
	}
	var targets []string
	for _, t := range o.State.Request.Targets {
		if t.Instansi != "" {
			targets = append(targets, t.Instansi)
		} else {
			targets = append(targets, reg.jabatanName(t.JabatanID)+" — "+reg.unitName(t.UnitID)+", "+reg.opdName(t.OPDID))
		}
	}
	docs, err := p.rowsBy(ctx, "dokumen_lampiran", "usulan_id", o.ID)
	if err != nil {
		return err
	}
	var dl []map[string]string
	for id, d := range docs {
		info, _ := eligibility.InfoDokumen(eligibility.Dokumen(str(d["jenis"])))
		dl = append(dl, map[string]string{"ID": id, "Jenis": info.Nama, "Nama": str(d["nama_berkas"]), "Status": str(d["status"]), "Catatan": str(d["catatan"])})
	}
	sort.Slice(dl, func(i, j int) bool { return dl[i]["Jenis"] < dl[j]["Jenis"] })
	st := o.State
	data := map[string]any{"ID": o.ID, "Nomor": o.Nomor, "Jenis": o.Jenis, "Status": q.T("status." + string(st.Status)), "Steps": steps,
		"Targets": targets, "Alasan": st.Request.Reason, "Docs": dl,
		"CanWithdraw": st.Status == mutasi.StatusDraft || st.Status == mutasi.StatusDiajukan,
		"Correction":  st.Status == mutasi.StatusDraft && st.Returns > 0, "LastReason": st.LastReason, "Error": errMsg}
	if q.r.URL.Query().Get("baru") == "1" {
		data["Flash"] = q.T("flash.submitted")
	}
	p.render(q, status, "detail", data)
	return nil
}

func (p *Portal) withdraw(q *req) error {
	o, err := p.request(q)
	if err != nil {
		return err
	}
	f, err := p.me(q)
	if err != nil {
		return err
	}
	note := strings.TrimSpace(q.r.PostFormValue("alasan"))
	ev, err := mutasi.Decide(o.State, mutasi.Command{Kind: mutasi.KindBatalkan, Note: note}, p.actor(f), p.now(), uuid.NewString())
	if err != nil {
		return p.renderDetail(q, o, 400, msgOf(err, q.lang))
	}
	if err := p.srv.ApplyPortal(q.r.Context(), f.Pegawai.ID, []protocol.Change{eventChange(ev)}); err != nil {
		if m, ok := p.rejection(q, err); ok {
			return p.renderDetail(q, o, 400, m)
		}
		return err
	}
	p.srv.PortalEvent("withdrawn")
	p.redirect(q, "/portal/status/"+o.ID)
	return nil
}

// correct answers a return for correction: the edited reason (and any new
// documents), then the request goes back to the verifier.
func (p *Portal) correct(q *req) error {
	o, err := p.request(q)
	if err != nil {
		return err
	}
	f, err := p.me(q)
	if err != nil {
		return err
	}
	r := o.State.Request
	if a := strings.TrimSpace(q.r.PostFormValue("alasan")); a != "" {
		r.Reason = a
	}
	actor := p.actor(f)
	now := p.now()
	ubah, err := mutasi.Decide(o.State, mutasi.Command{Kind: mutasi.KindUbah, Request: &r}, actor, now, uuid.NewString())
	if err != nil {
		return p.renderDetail(q, o, 400, msgOf(err, q.lang))
	}
	st, _ := mutasi.Apply(o.State, ubah)
	ajukan, err := mutasi.Decide(st, mutasi.Command{Kind: mutasi.KindAjukan}, actor, now, uuid.NewString())
	if err != nil {
		return p.renderDetail(q, o, 400, msgOf(err, q.lang))
	}
	data, _ := json.Marshal(r)
	changes := []protocol.Change{{Table: "mutasi_usulan", RowID: o.ID, Op: protocol.OpUpdate, Cols: map[string]any{"data": string(data)}}, eventChange(ubah)}
	docs, err := p.uploads(q, o.ID)
	if err != nil {
		var ue uploadError
		if asUpload(err, &ue) {
			return p.renderDetail(q, o, 400, q.T(string(ue)))
		}
		return err
	}
	changes = append(changes, docs...)
	changes = append(changes, eventChange(ajukan))
	if err := p.srv.ApplyPortal(q.r.Context(), f.Pegawai.ID, changes); err != nil {
		if m, ok := p.rejection(q, err); ok {
			return p.renderDetail(q, o, 400, m)
		}
		return err
	}
	p.srv.PortalEvent("submitted")
	p.redirect(q, "/portal/status/"+o.ID)
	return nil
}

func asUpload(err error, ue *uploadError) bool {
	u, ok := err.(uploadError)
	if ok {
		*ue = u
	}
	return ok
}

// dokumen shows one of the employee's own documents (metadata); another
// person's, or an unknown id, is not found.
func (p *Portal) dokumen(q *req) error {
	ctx := q.r.Context()
	d, err := p.row(ctx, "dokumen_lampiran", q.r.PathValue("id"))
	if err != nil {
		return err
	}
	if d == nil {
		return errNotFound
	}
	u, err := p.row(ctx, "mutasi_usulan", str(d["usulan_id"]))
	if err != nil {
		return err
	}
	if u == nil || str(u["pegawai_id"]) != q.s.PegawaiID {
		return errNotFound
	}
	info, _ := eligibility.InfoDokumen(eligibility.Dokumen(str(d["jenis"])))
	p.render(q, 200, "dokumen", map[string]any{"Jenis": info.Nama, "Nama": str(d["nama_berkas"]), "Mime": str(d["mime"]),
		"Ukuran": int64(num(d["ukuran"])), "SHA": str(d["sha256"]), "Status": str(d["status"]), "Usulan": str(d["usulan_id"])})
	return nil
}

var _ = server.PortalActor
