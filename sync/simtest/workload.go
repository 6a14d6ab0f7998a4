package simtest

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// forgedMark is in every value a forged (forbidden) write carries, so the
// oracle can tell if it ever reaches another device.
const forgedMark = "PALSU"

// The region every seed starts from (ids fixed so seeds differ only by what
// happens to it).
type region struct {
	pemda   string
	opds    []string // ids
	kodes   []string
	units   map[string][]string // opd id → unit ids
	jabatan []string
}

func rid(kind byte, n int) string { return fmt.Sprintf("00000000-0000-7000-8%03x-%012x", kind, n) }

func newRegion() *region {
	r := &region{pemda: rid(1, 1), units: map[string][]string{}}
	for i := 0; i < 3; i++ {
		id := rid(2, i+1)
		r.opds = append(r.opds, id)
		r.kodes = append(r.kodes, fmt.Sprintf("OPD%d", i+1))
		for u := 0; u < 2; u++ {
			r.units[id] = append(r.units[id], rid(3, i*10+u+1))
		}
	}
	for j := 0; j < 3; j++ {
		r.jabatan = append(r.jabatan, rid(4, j+1))
	}
	return r
}

// seedRegion writes the region on the BKPSDM device (one transaction).
func (w *World) seedRegion(ctx context.Context, d *Device) error {
	r := w.region
	return w.write(ctx, d, false, func(t *store.Tx) error {
		if err := t.Insert(store.TablePemda, r.pemda, "9171", "Kota Sorong (simulasi)", true); err != nil {
			return err
		}
		for i, o := range r.opds {
			if err := t.Insert(store.TableOPD, o, r.pemda, r.kodes[i], "Dinas Simulasi "+r.kodes[i], r.kodes[i], "DINAS", ""); err != nil {
				return err
			}
			for u, id := range r.units[o] {
				if err := t.Insert(store.TableUnit, id, o, nil, fmt.Sprintf("U%d", u+1), fmt.Sprintf("Bidang %d", u+1)); err != nil {
					return err
				}
			}
		}
		for j, id := range r.jabatan {
			if err := t.Insert(store.TableJabatan, id, fmt.Sprintf("J%d", j+1), fmt.Sprintf("Jabatan %d", j+1), "PELAKSANA", "", 7, 5, "[]", 0, 0, 58); err != nil {
				return err
			}
		}
		for i, o := range r.opds {
			for k := 0; k < 3; k++ {
				id := rid(5, i*100+k+1)
				if err := t.Insert(store.TablePegawai, id, w.pegawaiVals(o, r.units[o][k%2], fmt.Sprintf("Pegawai %s-%d", r.kodes[i], k+1))...); err != nil {
					return err
				}
				w.initialPegawai = append(w.initialPegawai, [2]string{id, o})
			}
		}
		return nil
	})
}

func (w *World) nextNIP() string {
	w.nipN++
	return fmt.Sprintf("19800101%04d%02d1%03d", 2000+w.nipN%20, 1+w.nipN%12, 1+w.nipN%999)
}

// tmtsOf: TMT CPNS is the NIP's month (the domain's rule); PNS a year later.
func tmtsOf(nip string) (cpns, pns string) {
	y := int(nip[8]-'0')*1000 + int(nip[9]-'0')*100 + int(nip[10]-'0')*10 + int(nip[11]-'0')
	return nip[8:12] + "-" + nip[12:14] + "-01", fmt.Sprintf("%d-%s-01", y+1, nip[12:14])
}

func (w *World) pegawaiVals(opd, unit, nama string) []any {
	nip := w.nextNIP()
	w.nips = append(w.nips, nip)
	tmtCPNS, tmtPNS := tmtsOf(nip)
	return []any{nip, nama, "", "", "L", "Sorong", "1980-01-01", "PNS", 31, 0, 40, "", opd, unit, w.region.jabatan[0],
		"2021-01-01", tmtCPNS, tmtPNS, "", ""}
}

// write runs fn as one local transaction on d and records its outbox
// entries in the oracle.
func (w *World) write(ctx context.Context, d *Device, forbidden bool, fn func(*store.Tx) error) error {
	before := d.lastLocal
	err := d.st.Write(ctx, "sim-"+d.Name, fn)
	if err != nil {
		return err
	}
	cursor := d.cursor(ctx)
	rows, err := d.st.DB().QueryContext(ctx, "SELECT seq, change_id, tbl, row_id, op, data, hlc FROM outbox WHERE seq > ? ORDER BY seq", before)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c := &Change{Dev: d, Cursor: cursor, Forbidden: forbidden, Step: w.step, Epoch: len(w.oracle.epochs)}
		var data string
		if err := rows.Scan(&c.LocalSeq, &c.ChangeID, &c.Table, &c.RowID, &c.Op, &data, &c.HLC); err != nil {
			return err
		}
		json.Unmarshal([]byte(data), &c.Cols)
		if w.forged[d.Name+"/"+c.RowID] && !forbidden {
			// A row the device holds only because it forged it: whatever it
			// does to it is as forbidden as the forgery.
			c.Forbidden = true
		}
		if forbidden {
			w.forged[d.Name+"/"+c.RowID] = true
		}
		d.lastLocal = c.LocalSeq
		w.oracle.add(c)
		w.tracef("%s wrote #%d %s %s %s %v%s", d.Name, c.LocalSeq, c.Op, c.Table, short(c.RowID), compact(c.Cols), map[bool]string{true: " (forged)"}[c.Forbidden])
	}
	return rows.Err()
}

func compact(m map[string]any) string {
	if len(m) > 4 {
		for _, k := range []string{"usulan_id", "pegawai_id", "nip"} {
			if v, ok := m[k]; ok {
				return fmt.Sprintf("{%d cols, %s %v}", len(m), k, short(fmt.Sprint(v)))
			}
		}
		return fmt.Sprintf("{%d cols}", len(m))
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// localIDs lists ids of a table on the device matching where.
func (d *Device) localIDs(ctx context.Context, q string, args ...any) []string {
	rows, err := d.st.DB().QueryContext(ctx, q, args...)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

func (w *World) pick(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[w.work.IntN(len(ids))]
}

// pickOwn picks among ids those the device did not forge (a person works on
// the records they see; the forgeries are the oracle's own tests).
func (w *World) pickOwn(d *Device, ids []string) string {
	var ok []string
	for _, id := range ids {
		if !w.forged[d.Name+"/"+id] {
			ok = append(ok, id)
		}
	}
	return w.pick(ok)
}

func (w *World) opdOf(d *Device) string {
	if d.BKPSDM {
		return w.region.opds[w.work.IntN(len(w.region.opds))]
	}
	return d.OPD
}

// localOp makes one realistic edit on d.
func (w *World) localOp(ctx context.Context, d *Device) {
	r := w.work.Float64()
	var err error
	var what string
	switch {
	case r < 0.18:
		what, err = "create", w.opCreate(ctx, d, false)
	case r < 0.24:
		what, err = "create-dup-nip", w.opCreate(ctx, d, true)
	case r < 0.52:
		what, err = "edit", w.opEdit(ctx, d)
	case r < 0.58:
		what, err = "delete", w.opDelete(ctx, d)
	case r < 0.70:
		what, err = "usulan", w.opUsulan(ctx, d)
	case r < 0.84:
		what, err = "decide", w.opDecide(ctx, d)
	default:
		what, err = "forge", w.opForge(ctx, d)
	}
	switch {
	case errors.Is(err, errSkip):
	case err != nil:
		w.tracef("%s %s refused locally: %v", d.Name, what, err)
	default:
		w.tracef("%s did %s", d.Name, what)
	}
}

var errSkip = errors.New("nothing to do")

func (w *World) opCreate(ctx context.Context, d *Device, dupNIP bool) error {
	opd := w.opdOf(d)
	id := fmt.Sprintf("%08x-0000-7000-9000-%012x", w.seedLo, w.work.Uint64()&0xffffffffffff)
	vals := w.pegawaiVals(opd, w.pick(w.region.units[opd]), fmt.Sprintf("Baru %s %d", d.Name, w.step))
	if dupNIP && len(w.nips) > 1 {
		vals[0] = w.nips[w.work.IntN(len(w.nips)-1)]
		vals[colIdx(store.TablePegawai, "tmt_cpns")], vals[colIdx(store.TablePegawai, "tmt_pns")] = tmtsOf(vals[0].(string))
		var n int
		d.st.DB().QueryRowContext(ctx, "SELECT count(*) FROM pegawai WHERE nip = ?", vals[0]).Scan(&n)
		if n > 0 {
			return errSkip // the device would refuse it itself
		}
	}
	return w.write(ctx, d, false, func(t *store.Tx) error { return t.Insert(store.TablePegawai, id, vals...) })
}

var (
	namaChoices = []string{"Andi", "Budi", "Citra", "Dewi"}
	golChoices  = []int{31, 32, 33, 34}
)

func (w *World) scopeIDs(ctx context.Context, d *Device) []string {
	if d.BKPSDM {
		return d.localIDs(ctx, "SELECT id FROM pegawai WHERE keluar_pada = '' ORDER BY id")
	}
	return d.localIDs(ctx, "SELECT id FROM pegawai WHERE opd_id = ? AND keluar_pada = '' ORDER BY id", d.OPD)
}

func (w *World) opEdit(ctx context.Context, d *Device) error {
	id := w.pickOwn(d, w.scopeIDs(ctx, d))
	if id == "" {
		return errSkip
	}
	return w.write(ctx, d, false, func(t *store.Tx) error {
		vals, err := rowVals(t, store.TablePegawai, id)
		if err != nil {
			return err
		}
		switch w.work.IntN(5) {
		case 0, 1: // an unguarded column (per-column LWW)
			vals[colIdx(store.TablePegawai, "nama")] = namaChoices[w.work.IntN(len(namaChoices))]
		case 2: // a guarded column
			vals[colIdx(store.TablePegawai, "golongan")] = golChoices[w.work.IntN(len(golChoices))]
		case 3: // placement inside the OPD (guarded merge group)
			opd, _ := vals[colIdx(store.TablePegawai, "opd_id")].(string)
			vals[colIdx(store.TablePegawai, "unit_id")] = w.pick(w.region.units[opd])
			vals[colIdx(store.TablePegawai, "tmt_jabatan")] = fmt.Sprintf("2025-%02d-01", 1+w.work.IntN(12))
		case 4: // two columns at once
			vals[colIdx(store.TablePegawai, "tempat_lahir")] = namaChoices[w.work.IntN(len(namaChoices))] + "-kota"
			vals[colIdx(store.TablePegawai, "gelar_belakang")] = []string{"S.E.", "S.T.", "M.Si."}[w.work.IntN(3)]
		}
		_, err = t.Update(store.TablePegawai, id, vals...)
		return err
	})
}

func rowVals(t *store.Tx, table *store.Table, id string) ([]any, error) {
	cur := make([]any, len(table.Cols))
	ptrs := make([]any, len(cur))
	for i := range cur {
		ptrs[i] = &cur[i]
	}
	q := "SELECT "
	for i, c := range table.Cols {
		if i > 0 {
			q += ", "
		}
		q += c
	}
	err := t.QueryRow(q+" FROM "+table.Name+" WHERE id = ?", id).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errSkip
	}
	for i, v := range cur {
		if b, ok := v.([]byte); ok {
			cur[i] = string(b)
		}
	}
	return cur, err
}

func colIdx(t *store.Table, c string) int {
	for i, x := range t.Cols {
		if x == c {
			return i
		}
	}
	panic("no column " + c)
}

func (w *World) opDelete(ctx context.Context, d *Device) error {
	ids := d.localIDs(ctx, `SELECT id FROM pegawai p WHERE keluar_pada = '' AND (? OR opd_id = ?)
		AND NOT EXISTS (SELECT 1 FROM mutasi_usulan u WHERE u.pegawai_id = p.id)
		AND NOT EXISTS (SELECT 1 FROM riwayat_jabatan r WHERE r.pegawai_id = p.id) ORDER BY id`, d.BKPSDM, d.OPD)
	id := w.pickOwn(d, ids)
	if id == "" {
		return errSkip
	}
	return w.write(ctx, d, false, func(t *store.Tx) error { return t.Delete(store.TablePegawai, id) })
}

func (w *World) actor(d *Device, kepala bool) mutasi.Actor {
	if d.BKPSDM {
		if kepala {
			return mutasi.Actor{UserID: "u-" + d.Name, Name: d.Name, Role: domain.RoleVerifikator}
		}
		return mutasi.Actor{UserID: "a-" + d.Name, Name: d.Name, Role: domain.RoleAdmin}
	}
	role := domain.RoleOperatorOPD
	if kepala {
		role = domain.RoleKepalaOPD
	}
	return mutasi.Actor{UserID: "u-" + d.Name, Name: d.Name, Role: role, OPDID: d.OPD}
}

func (w *World) opUsulan(ctx context.Context, d *Device) error {
	ids := d.localIDs(ctx, `SELECT id FROM pegawai p WHERE keluar_pada = '' AND (? OR opd_id = ?)
		AND NOT EXISTS (SELECT 1 FROM mutasi_usulan u WHERE u.pegawai_id = p.id) ORDER BY id`, d.BKPSDM, d.OPD)
	pid := w.pickOwn(d, ids)
	if pid == "" {
		return errSkip
	}
	var opd, unit string
	d.st.DB().QueryRowContext(ctx, "SELECT opd_id, unit_id FROM pegawai WHERE id = ?", pid).Scan(&opd, &unit)
	target := w.region.opds[(indexOf(w.region.opds, opd)+1+w.work.IntN(len(w.region.opds)-1))%len(w.region.opds)]
	reqID := fmt.Sprintf("%08x-0000-7000-a000-%012x", w.seedLo, w.work.Uint64()&0xffffffffffff)
	req := &mutasi.Request{ID: reqID, PegawaiID: pid, Type: domain.JenisMutasi("T1"), Reason: "simulasi",
		Source:  mutasi.Placement{OPDID: opd, UnitID: unit, JabatanID: w.region.jabatan[0]},
		Targets: []mutasi.Placement{{OPDID: target, UnitID: w.region.units[target][0], JabatanID: w.region.jabatan[0]}}}
	actor := w.actor(d, false)
	if d.BKPSDM {
		actor = mutasi.Actor{UserID: "a-" + d.Name, Name: d.Name, Role: domain.RoleAdmin}
	}
	at := d.now()
	ev1, err := mutasi.Decide(mutasi.State{}, mutasi.Command{Kind: mutasi.KindBuat, Request: req}, actor, at, w.eventID())
	if err != nil {
		return fmt.Errorf("buat: %w", err)
	}
	st, _ := mutasi.Apply(mutasi.State{}, ev1)
	ev2, err := mutasi.Decide(st, mutasi.Command{Kind: mutasi.KindAjukan}, actor, at, w.eventID())
	if err != nil {
		return fmt.Errorf("ajukan: %w", err)
	}
	data, _ := json.Marshal(req)
	nomor := fmt.Sprintf("SIM/%s/%06d", d.Name, w.step*100+w.work.IntN(100))
	return w.write(ctx, d, false, func(t *store.Tx) error {
		if err := t.Insert(store.TableUsulan, reqID, nomor, pid, "T1", 0, string(data), actor.UserID, at.UTC().Format(time.RFC3339Nano)); err != nil {
			return err
		}
		for _, ev := range []mutasi.Event{ev1, ev2} {
			if err := insertEvent(t, ev); err != nil {
				return err
			}
		}
		return nil
	})
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return 0
}

func (w *World) eventID() string {
	return fmt.Sprintf("%08x-0000-7000-b000-%012x", w.seedLo, w.work.Uint64()&0xffffffffffff)
}

func insertEvent(t *store.Tx, ev mutasi.Event) error {
	aktor, _ := json.Marshal(ev.Actor)
	payload, _ := json.Marshal(ev.Payload)
	return t.Insert(store.TableEvent, ev.ID, ev.RequestID, ev.Seq, string(ev.Kind), string(aktor),
		ev.Time.UTC().Format(time.RFC3339Nano), ev.Note, string(payload))
}

// localState replays a request's events as the device holds them, read by
// the store's one event reader (the order every device replays in).
func localState(ctx context.Context, d *Device, usulan string) (mutasi.State, error) {
	evs, err := d.st.MutasiEvents(ctx, usulan)
	if err != nil {
		return mutasi.State{}, err
	}
	return mutasi.Replay(evs)
}

func (w *World) opDecide(ctx context.Context, d *Device) error {
	var ids []string
	if d.BKPSDM {
		ids = d.localIDs(ctx, "SELECT id FROM mutasi_usulan ORDER BY id")
	} else {
		ids = d.localIDs(ctx, "SELECT u.id FROM mutasi_usulan u JOIN pegawai p ON p.id = u.pegawai_id WHERE p.opd_id = ? ORDER BY u.id", d.OPD)
	}
	uid := w.pick(ids)
	if uid == "" {
		return errSkip
	}
	st, err := localState(ctx, d, uid)
	if err != nil {
		return errSkip // events of a clash not replayable here; the server's conflict covers it
	}
	actor := w.actor(d, w.work.IntN(2) == 0)
	var kinds []mutasi.Kind
	for _, k := range mutasi.Allowed(st, actor) {
		switch k {
		case mutasi.KindAjukan, mutasi.KindBatalkan, mutasi.KindTolak, mutasi.KindKembalikan, mutasi.KindSetujuiAsal, mutasi.KindSetujuiTujuan:
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		return errSkip
	}
	k := kinds[w.work.IntN(len(kinds))]
	ev, err := mutasi.Decide(st, mutasi.Command{Kind: k, Note: "alasan " + d.Name}, actor, d.now(), w.eventID())
	if err != nil {
		return errSkip
	}
	return w.write(ctx, d, false, func(t *store.Tx) error { return insertEvent(t, ev) })
}

// opForge makes a write the device is not allowed to make: an employee
// placed in another OPD, an overwrite of another OPD's employee, or (for an
// OPD device) an edit of region reference data.
func (w *World) opForge(ctx context.Context, d *Device) error {
	if d.BKPSDM {
		return errSkip
	}
	others := []string{}
	for _, o := range w.region.opds {
		if o != d.OPD {
			others = append(others, o)
		}
	}
	other := w.pick(others)
	switch w.work.IntN(3) {
	case 0:
		id := fmt.Sprintf("%08x-0000-7000-c000-%012x", w.seedLo, w.work.Uint64()&0xffffffffffff)
		vals := w.pegawaiVals(other, w.region.units[other][0], forgedMark+" baru "+d.Name)
		return w.write(ctx, d, true, func(t *store.Tx) error { return t.Insert(store.TablePegawai, id, vals...) })
	case 1:
		var victim [2]string
		for _, p := range w.initialPegawai {
			if p[1] != d.OPD {
				victim = p
				break
			}
		}
		var n int
		d.st.DB().QueryRowContext(ctx, "SELECT count(*) FROM pegawai WHERE id = ?", victim[0]).Scan(&n)
		if n > 0 {
			return errSkip
		}
		vals := w.pegawaiVals(d.OPD, w.region.units[d.OPD][0], forgedMark+" timpa "+d.Name)
		return w.write(ctx, d, true, func(t *store.Tx) error { return t.Insert(store.TablePegawai, victim[0], vals...) })
	default:
		return w.write(ctx, d, true, func(t *store.Tx) error {
			vals, err := rowVals(t, store.TableOPD, other)
			if err != nil {
				return err
			}
			vals[colIdx(store.TableOPD, "alamat")] = forgedMark + " alamat " + d.Name
			_, err = t.Update(store.TableOPD, other, vals...)
			return err
		})
	}
}
