package portal

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/eligibility"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// The portal reads the server's row store (server.PortalStore's read
// path): rows decoded into the domain types the rules engine reads.

type row = map[string]any

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return ""
}

func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case string:
		f, _ := strconv.ParseFloat(x, 64)
		return f
	case bool:
		if x {
			return 1
		}
	}
	return 0
}

func truthy(v any) bool { return num(v) != 0 || str(v) == "true" }

func date(v any) domain.Date { d, _ := domain.ParseDate(str(v)); return d }

// live decodes the live rows among items.
func live(its []*server.Item) (map[string]row, error) {
	out := make(map[string]row, len(its))
	for _, it := range its {
		if it.Deleted {
			continue
		}
		r, err := server.RowData(it)
		if err != nil {
			return nil, err
		}
		out[it.ID] = r
	}
	return out, nil
}

func (p *Portal) row(ctx context.Context, table, id string) (row, error) {
	if id == "" {
		return nil, nil
	}
	it, err := p.st.ReadItem(ctx, server.ItemRow, table, id)
	if err != nil || it == nil || it.Deleted {
		return nil, err
	}
	return server.RowData(it)
}

func (p *Portal) rowsBy(ctx context.Context, table, col, value string) (map[string]row, error) {
	its, err := p.st.ReadLookup(ctx, server.ItemRow, table, col, value)
	if err != nil {
		return nil, err
	}
	return live(its)
}

func pegawaiOf(id string, r row) domain.Pegawai {
	return domain.Pegawai{ID: id, NIP: domain.NIP(str(r["nip"])), Nama: str(r["nama"]), GelarDepan: str(r["gelar_depan"]),
		GelarBelakang: str(r["gelar_belakang"]), JenisKelamin: domain.Gender(str(r["jenis_kelamin"])), TempatLahir: str(r["tempat_lahir"]),
		TanggalLahir: date(r["tanggal_lahir"]), Status: domain.StatusASN(str(r["status"])), Golongan: domain.Golongan(num(r["golongan"])),
		GolonganPPPK: domain.GolonganPPPK(num(r["golongan_pppk"])), Pendidikan: domain.Pendidikan(num(r["pendidikan"])),
		Jurusan: str(r["jurusan"]), OPDID: str(r["opd_id"]), UnitID: str(r["unit_id"]), JabatanID: str(r["jabatan_id"]),
		TMTJabatan: date(r["tmt_jabatan"]), TMTCPNS: date(r["tmt_cpns"]), TMTPNS: date(r["tmt_pns"]), KeluarPada: date(r["keluar_pada"]),
		InstansiTujuan: str(r["instansi_tujuan"])}
}

func jabatanOf(id string, r row) domain.Jabatan {
	j := domain.Jabatan{ID: id, Kode: str(r["kode"]), Nama: str(r["nama"]), Jenis: domain.JenisJabatan(str(r["jenis"])),
		Jenjang: domain.Jenjang(str(r["jenjang"])), Kelas: int(num(r["kelas"])), MinPendidikan: domain.Pendidikan(num(r["min_pendidikan"])),
		GolonganMin: domain.Golongan(num(r["golongan_min"])), GolonganMax: domain.Golongan(num(r["golongan_max"])), BUP: int(num(r["bup"]))}
	if s := str(r["jurusan"]); s != "" {
		_ = json.Unmarshal([]byte(s), &j.Jurusan)
	}
	return j
}

// person is what the pages read about the logged-in employee.
type person struct {
	Pegawai domain.Pegawai
	Jabatan domain.Jabatan
	SKP     []domain.SKP
	Hukdis  []domain.Hukdis
	Riwayat []domain.RiwayatJabatan
}

func (p *Portal) person(ctx context.Context, pegawaiID string) (*person, error) {
	r, err := p.row(ctx, "pegawai", pegawaiID)
	if err != nil || r == nil {
		return nil, err
	}
	f := &person{Pegawai: pegawaiOf(pegawaiID, r)}
	if jr, err := p.row(ctx, "jabatan", f.Pegawai.JabatanID); err != nil {
		return nil, err
	} else if jr != nil {
		f.Jabatan = jabatanOf(f.Pegawai.JabatanID, jr)
	}
	skp, err := p.rowsBy(ctx, "skp", "pegawai_id", pegawaiID)
	if err != nil {
		return nil, err
	}
	for id, r := range skp {
		f.SKP = append(f.SKP, domain.SKP{ID: id, PegawaiID: pegawaiID, Tahun: int(num(r["tahun"])), Predikat: domain.SKPPredikat(str(r["predikat"]))})
	}
	sort.Slice(f.SKP, func(i, j int) bool { return f.SKP[i].Tahun > f.SKP[j].Tahun })
	hk, err := p.rowsBy(ctx, "hukdis", "pegawai_id", pegawaiID)
	if err != nil {
		return nil, err
	}
	for id, r := range hk {
		f.Hukdis = append(f.Hukdis, domain.Hukdis{ID: id, PegawaiID: pegawaiID, Tingkat: domain.TingkatHukdis(str(r["tingkat"])), Jenis: str(r["jenis"]),
			NomorSK: str(r["nomor_sk"]), TMT: date(r["tmt"]), TanggalSelesai: date(r["tanggal_selesai"]), Keterangan: str(r["keterangan"])})
	}
	rw, err := p.rowsBy(ctx, "riwayat_jabatan", "pegawai_id", pegawaiID)
	if err != nil {
		return nil, err
	}
	for id, r := range rw {
		f.Riwayat = append(f.Riwayat, domain.RiwayatJabatan{ID: id, PegawaiID: pegawaiID, OPDID: str(r["opd_id"]), UnitID: str(r["unit_id"]),
			JabatanID: str(r["jabatan_id"]), TMT: date(r["tmt"]), TanggalSelesai: date(r["tanggal_selesai"]), NomorSK: str(r["nomor_sk"]),
			Keterangan: str(r["keterangan"])})
	}
	sort.Slice(f.Riwayat, func(i, j int) bool { return f.Riwayat[j].TMT.Before(f.Riwayat[i].TMT) })
	return f, nil
}

// region is what every employee may see of the region: the catalogue
// (OPD, unit and jabatan names), the rule parameters, and the deficit
// positions of the final ABK with counts only. It is rebuilt when the
// row store has moved on (at most every regionTTL, in the background).
type region struct {
	head     int64
	built    time.Time
	opd      map[string]row
	unit     map[string]row
	jabatan  map[string]domain.Jabatan
	params   eligibility.Params
	abk      mutasisvc.ABKFacts
	abkTahun int
	deficits []abk.PositionResult // largest deficit first
}

const regionTTL = 10 * time.Second

type regionCache struct {
	mu       sync.Mutex
	cur      *region
	building bool // a refresh runs in the background
}

// region returns the region view. The first call builds it (everyone
// waits); afterwards a request never waits for a rebuild: once the view is
// older than regionTTL, one request starts a refresh in the background and
// every request meanwhile is served the view it replaces (it changes only
// when BKPSDM changes the catalogue, the settings or the ABK, or staffing
// moves).
func (p *Portal) region(ctx context.Context) (*region, error) {
	p.reg.mu.Lock()
	c := p.reg.cur
	if c == nil {
		defer p.reg.mu.Unlock()
		r, err := p.freshRegion(ctx, nil)
		if err != nil {
			return nil, err
		}
		p.reg.cur = r
		return r, nil
	}
	if time.Since(c.built) < regionTTL || p.reg.building {
		p.reg.mu.Unlock()
		return c, nil
	}
	p.reg.building = true
	p.reg.mu.Unlock()
	go func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		r, err := p.freshRegion(ctx, c)
		p.reg.mu.Lock()
		defer p.reg.mu.Unlock()
		p.reg.building = false
		if err != nil {
			p.log.Warn("portal region refresh failed", "err", err)
			return
		}
		p.reg.cur = r
	}()
	return c, nil
}

// freshRegion is old again (newly timed) when the row store has not moved
// since it was built, else a new build.
func (p *Portal) freshRegion(ctx context.Context, old *region) (*region, error) {
	head, err := p.srv.Store().Head(ctx)
	if err != nil {
		return nil, err
	}
	if old != nil && old.head == head {
		r := *old
		r.built = time.Now()
		return &r, nil
	}
	r, err := p.buildRegion(ctx)
	if err != nil {
		return nil, err
	}
	r.head, r.built = head, time.Now()
	return r, nil
}

func (p *Portal) table(ctx context.Context, name string) (map[string]row, error) {
	its, err := p.st.ReadTable(ctx, server.ItemRow, name)
	if err != nil {
		return nil, err
	}
	return live(its)
}

func (p *Portal) buildRegion(ctx context.Context) (*region, error) {
	r := &region{params: eligibility.DefaultParams(), jabatan: map[string]domain.Jabatan{}}
	var err error
	if r.opd, err = p.table(ctx, "opd"); err != nil {
		return nil, err
	}
	if r.unit, err = p.table(ctx, "unit"); err != nil {
		return nil, err
	}
	jab, err := p.table(ctx, "jabatan")
	if err != nil {
		return nil, err
	}
	for id, j := range jab {
		r.jabatan[id] = jabatanOf(id, j)
	}
	settings, err := p.table(ctx, "setting")
	if err != nil {
		return nil, err
	}
	ws := abk.DefaultSettings()
	for _, s := range settings {
		switch str(s["kunci"]) {
		case eligibility.SettingKey:
			_ = json.Unmarshal([]byte(str(s["nilai"])), &r.params)
		case abksvc.KeyABK:
			_ = json.Unmarshal([]byte(str(s["nilai"])), &ws)
		}
	}
	// the newest FINAL ABK, as the desktop's analysis picks it
	abks, err := p.table(ctx, "abk")
	if err != nil {
		return nil, err
	}
	final, tahun := "", 0
	for id, a := range abks {
		if str(a["status"]) == string(abksvc.ABKFinal) && (int(num(a["tahun"])) > tahun || (int(num(a["tahun"])) == tahun && id > final)) {
			final, tahun = id, int(num(a["tahun"]))
		}
	}
	if final == "" {
		return r, nil
	}
	tugas, err := p.table(ctx, "abk_tugas")
	if err != nil {
		return nil, err
	}
	bez, err := p.table(ctx, server.TableBezetting)
	if err != nil {
		return nil, err
	}
	type key struct{ unit, jab string }
	pos := map[key]*abk.Position{}
	get := func(unit, jab string) *abk.Position {
		k := key{unit, jab}
		if pos[k] == nil {
			pos[k] = &abk.Position{OPDID: str(r.unit[unit]["opd_id"]), UnitID: unit, JabatanID: jab}
		}
		return pos[k]
	}
	for _, t := range tugas {
		if str(t["abk_id"]) != final || r.unit[str(t["unit_id"])] == nil {
			continue
		}
		ps := get(str(t["unit_id"]), str(t["jabatan_id"]))
		ps.Tugas = append(ps.Tugas, abk.Tugas{Uraian: str(t["uraian"]), SatuanHasil: str(t["satuan_hasil"]), Volume: num(t["volume"]),
			Periode: abk.Periode(str(t["periode"])), NormaMenit: num(t["norma_menit"])})
	}
	for _, b := range bez {
		if n := int(num(b["jumlah"])); n > 0 && r.unit[str(b["unit_id"])] != nil {
			get(str(b["unit_id"]), str(b["jabatan_id"])).Bezetting += n
		}
	}
	list := make([]abk.Position, 0, len(pos))
	for _, ps := range pos {
		list = append(list, *ps)
	}
	an := &abksvc.Analysis{ABK: abksvc.ABK{ID: final, Tahun: tahun, Status: abksvc.ABKFinal}, Settings: ws, Result: ws.Compute(list)}
	r.abk, r.abkTahun = mutasisvc.NewABKFacts(an), tahun
	for _, res := range an.Result.Positions {
		if res.Selisih < 0 {
			r.deficits = append(r.deficits, res)
		}
	}
	sort.SliceStable(r.deficits, func(i, j int) bool { return r.deficits[i].Selisih < r.deficits[j].Selisih })
	return r, nil
}

// evaluate runs the rules engine on one target for the employee, the way
// the desktop assembles the case (mutasisvc.NewCase).
func (p *Portal) evaluate(reg *region, f *person, jenis domain.JenisMutasi, target mutasisvc.Target, today domain.Date) eligibility.Report {
	facts := mutasisvc.Facts{Pegawai: f.Pegawai, JabatanAsal: f.Jabatan, SKP: f.SKP, Hukdis: f.Hukdis}
	c := mutasisvc.NewCase(mutasisvc.CaseInput{PegawaiID: f.Pegawai.ID, Jenis: jenis, APS: true, Target: target.Placement, Tanggal: today}, &facts, &target, reg.abk)
	return eligibility.Evaluate(reg.params, c)
}

// jenisFor is the type of a move inside the Pemda: T0 within the OPD, else T1.
func jenisFor(f *person, opdID string) domain.JenisMutasi {
	if opdID == f.Pegawai.OPDID {
		return domain.MutasiT0
	}
	return domain.MutasiT1
}
