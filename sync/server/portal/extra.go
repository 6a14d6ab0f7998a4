package portal

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// Minat: interests without a formal request (the planner's soft
// preference). Umpan balik: the evaluation questionnaire of an executed
// move, when due.

func (p *Portal) minatForm(q *req) error {
	return p.renderMinat(q, 200, "", "")
}

func (p *Portal) renderMinat(q *req, status int, errMsg, flash string) error {
	ctx := q.r.Context()
	reg, err := p.region(ctx)
	if err != nil {
		return err
	}
	rows, err := p.rowsBy(ctx, "portal_minat", "pegawai_id", q.s.PegawaiID)
	if err != nil {
		return err
	}
	var list []map[string]string
	for id, m := range rows {
		if !truthy(m["aktif"]) {
			continue
		}
		list = append(list, map[string]string{"ID": id, "OPD": reg.opdName(str(m["opd_id"])), "Jabatan": reg.jabatanName(str(m["jabatan_id"])),
			"Jenis": str(m["jenis_jabatan"]), "Catatan": str(m["catatan"]), "At": str(m["dibuat_pada"])})
	}
	sort.Slice(list, func(i, j int) bool { return list[i]["At"] > list[j]["At"] })
	jenis := []option{{"", "—"}}
	for _, j := range []domain.JenisJabatan{domain.JabatanAdministrator, domain.JabatanPengawas, domain.JabatanPelaksana, domain.JabatanFungsional} {
		jenis = append(jenis, option{string(j), string(j)})
	}
	p.render(q, status, "minat", map[string]any{"List": list, "OPDs": p.opdOptions(reg), "JenisList": jenis, "Error": errMsg, "Flash": flash})
	return nil
}

func (p *Portal) minat(q *req) error {
	ctx := q.r.Context()
	reg, err := p.region(ctx)
	if err != nil {
		return err
	}
	var ch protocol.Change
	if id := q.r.PostFormValue("hapus"); id != "" {
		ch = protocol.Change{Table: "portal_minat", RowID: id, Op: protocol.OpUpdate, Cols: map[string]any{"aktif": false}}
	} else {
		opd, jenis, catatan := q.r.PostFormValue("opd"), q.r.PostFormValue("jenis_jabatan"), strings.TrimSpace(q.r.PostFormValue("catatan"))
		if reg.opd[opd] == nil {
			opd = ""
		}
		if opd == "" && jenis == "" && catatan == "" {
			return p.renderMinat(q, 400, q.T("err.minat"), "")
		}
		ch = protocol.Change{Table: "portal_minat", RowID: uuid.NewString(), Op: protocol.OpInsert, Cols: map[string]any{
			"pegawai_id": q.s.PegawaiID, "opd_id": opd, "jabatan_id": "", "jenis_jabatan": jenis, "catatan": catatan, "aktif": true, "dibuat_pada": p.stamp()}}
	}
	if err := p.srv.ApplyPortal(ctx, q.s.PegawaiID, []protocol.Change{ch}); err != nil {
		if m, ok := p.rejection(q, err); ok {
			return p.renderMinat(q, 400, m, "")
		}
		return err
	}
	return p.renderMinat(q, 200, "", q.T("flash.saved"))
}

type question struct {
	Kode, Teks, Jenis string
}

// due lists the employee's PEGAWAI evaluation rows that are due and not
// answered, of their executed requests.
func (p *Portal) due(q *req) ([]map[string]string, error) {
	own, err := p.ownRequests(q)
	if err != nil {
		return nil, err
	}
	var out []map[string]string
	today := p.today()
	for _, o := range own {
		if o.State.Status != mutasi.StatusDilaksanakan {
			continue
		}
		rows, err := p.rowsBy(q.r.Context(), "evaluasi", "usulan_id", o.ID)
		if err != nil {
			return nil, err
		}
		for id, e := range rows {
			if str(e["responden"]) != "PEGAWAI" || str(e["diisi_pada"]) != "" || today.Before(date(e["jatuh_tempo"])) {
				continue
			}
			out = append(out, map[string]string{"ID": id, "Bulan": str(e["bulan"]), "Nomor": o.Nomor})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i]["ID"] < out[j]["ID"] })
	return out, nil
}

func (p *Portal) questions(q *req) ([]question, error) {
	rows, err := p.table(q.r.Context(), "evaluasi_pertanyaan")
	if err != nil {
		return nil, err
	}
	type qq struct {
		question
		order int
	}
	var list []qq
	for _, r := range rows {
		if str(r["untuk"]) != "PEGAWAI" || !truthy(r["aktif"]) {
			continue
		}
		t := str(r["teks"])
		if q.lang == "en" && str(r["teks_en"]) != "" {
			t = str(r["teks_en"])
		}
		list = append(list, qq{question{str(r["kode"]), t, str(r["jenis"])}, int(num(r["urutan"]))})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].order < list[j].order })
	out := make([]question, len(list))
	for i := range list {
		out[i] = list[i].question
	}
	return out, nil
}

func (p *Portal) feedbackForm(q *req) error { return p.renderFeedback(q, 200, "", "") }

func (p *Portal) renderFeedback(q *req, status int, errMsg, flash string) error {
	due, err := p.due(q)
	if err != nil {
		return err
	}
	qs, err := p.questions(q)
	if err != nil {
		return err
	}
	p.render(q, status, "umpanbalik", map[string]any{"Due": due, "Questions": qs, "Scale": []int{1, 2, 3, 4, 5}, "Error": errMsg, "Flash": flash})
	return nil
}

func (p *Portal) feedback(q *req) error {
	id := q.r.PostFormValue("evaluasi")
	due, err := p.due(q)
	if err != nil {
		return err
	}
	ok := false
	for _, d := range due {
		ok = ok || d["ID"] == id
	}
	if !ok {
		return errNotFound
	}
	qs, err := p.questions(q)
	if err != nil {
		return err
	}
	ans := map[string]any{}
	for _, x := range qs {
		v := strings.TrimSpace(q.r.PostFormValue("q_" + x.Kode))
		if x.Jenis == "LIKERT" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 5 {
				return p.renderFeedback(q, 400, q.T("err.answers"), "")
			}
			ans[x.Kode] = strconv.Itoa(n) // the desktops read answers as text (evaluasi.Record)
		} else if v != "" {
			if len(v) > 2000 {
				v = v[:2000]
			}
			ans[x.Kode] = v
		}
	}
	b, _ := json.Marshal(ans)
	ch := protocol.Change{Table: "evaluasi", RowID: id, Op: protocol.OpUpdate, Cols: map[string]any{"jawaban": string(b), "diisi_pada": p.stamp(),
		"diisi_oleh": server.PortalActor(q.s.PegawaiID)}}
	if err := p.srv.ApplyPortal(q.r.Context(), q.s.PegawaiID, []protocol.Change{ch}); err != nil {
		if m, ok := p.rejection(q, err); ok {
			return p.renderFeedback(q, 400, m, "")
		}
		return err
	}
	return p.renderFeedback(q, 200, "", q.T("flash.thanks"))
}
