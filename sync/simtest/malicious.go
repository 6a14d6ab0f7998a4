package simtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// The malicious device: an enrolled OPD device that speaks the raw
// protocol (no store, no client, none of the desktop's own checks). On its
// steps it pushes a few forged or invalid changes: other OPDs' rows, region
// tables, accounts with BKPSDM roles or written by system actors, invalid
// values of every column kind, unknown columns, non-UUID ids, oversized
// values and replays of other devices' change ids. Every one of them must
// be refused; the honest devices must converge as if it were not there.

type attacker struct {
	w       *World
	rng     *rand.Rand
	opd     string // its OPD id
	kode    string
	token   string
	install string
	next    int64 // the next local_seq
	logical uint32
	// The epoch and restore count of its last answered push: replays pick
	// only changes the server is known to hold.
	epoch    string
	restores int

	Pushes, Changes, Rejected, Refused int
}

// attack is one forged change and what it pretends.
type attack struct {
	kind     string
	ch       protocol.Change
	replayOf *Change
	// noop: besides a rejection, "superseded" is a right answer (the
	// change names nothing the server holds, so nothing can change).
	noop bool
}

func (w *World) addAttacker(ctx context.Context) error {
	rng := stream(w.Seed, "evil")
	i := rng.IntN(len(w.region.opds))
	a := &attacker{w: w, rng: rng, opd: w.region.opds[i], kode: w.region.kodes[i], next: 1,
		install: fmt.Sprintf("0190ee00-%04x-7000-8000-%012x", w.seedLo&0xffff, rng.Uint64()&0xffffffffffff)}
	// Its device id comes from its own stream: the honest devices' ids
	// are the same with or without it.
	uuid.SetRand(byteReader{rng})
	_, tok, err := w.srv.AddDevice(ctx, a.kode, false)
	uuid.SetRand(w.uuidSrc)
	if err != nil {
		return err
	}
	a.token = tok
	w.evil = a
	w.tracef("malicious device of %s, install %s", a.kode, short(a.install))
	return nil
}

func (a *attacker) pick(xs []string) string { return xs[a.rng.IntN(len(xs))] }

func (a *attacker) id() string {
	return fmt.Sprintf("0190ef%02x-%04x-7000-8000-%012x", a.rng.IntN(256), a.w.seedLo&0xffff, a.rng.Uint64()&0xffffffffffff)
}

// pegawai returns an employee of the region: its own OPD's when own.
func (a *attacker) pegawai(own bool) string {
	var ids []string
	for _, p := range a.w.initialPegawai {
		if (p[1] == a.opd) == own {
			ids = append(ids, p[0])
		}
	}
	return a.pick(ids)
}

func (a *attacker) otherOPD() string {
	for {
		if o := a.pick(a.w.region.opds); o != a.opd {
			return o
		}
	}
}

func (a *attacker) palsu(n int) string {
	if n <= len(forgedMark) {
		return forgedMark
	}
	return forgedMark + strings.Repeat("x", n-len(forgedMark))
}

// fullPegawai is a valid employee row of opd (the forged part is where it
// goes, or one column the caller spoils).
func (a *attacker) fullPegawai(opd string) map[string]any {
	units := a.w.region.units[opd]
	return map[string]any{"nip": "198001012005011999", "nama": forgedMark + " Pegawai", "gelar_depan": "", "gelar_belakang": "", "jenis_kelamin": "L",
		"tempat_lahir": "Sorong", "tanggal_lahir": "1980-01-01", "status": "PNS", "golongan": 31, "golongan_pppk": 0, "pendidikan": 40,
		"jurusan": "", "opd_id": opd, "unit_id": units[0], "jabatan_id": a.w.region.jabatan[0], "tmt_jabatan": "2021-01-01", "tmt_cpns": "2005-01-01",
		"tmt_pns": "2006-01-01", "keluar_pada": "", "instansi_tujuan": ""}
}

// invalid are values no column of their kind accepts, by column.
func (a *attacker) invalid() (string, any) {
	other := a.w.region.units[a.otherOPD()][0]
	cases := []struct {
		col  string
		vals []any
	}{
		{"golongan", []any{1e308, "abc", 1.5, -1, 99, true}},
		{"golongan_pppk", []any{18, "IX", 2.5}},
		{"pendidikan", []any{"S9", 1000, -3, nil}},
		{"status", []any{"XYZ", 5, ""}},
		{"jenis_kelamin", []any{"X", true}},
		{"tanggal_lahir", []any{"not-a-date", "2026-13-45", "1980/01/01", 19800101, "1980-01-01T00:00:00Z"}},
		{"tmt_jabatan", []any{"kemarin", ""}},
		{"unit_id", []any{"insert", a.id(), other, 42}},
		{"jabatan_id", []any{a.id(), "", []any{"x"}}},
		{"opd_id", []any{"", "OPD1"}},
		{"nip", []any{"abc", "123", strings.Repeat("9", 18)}},
		{"nama", []any{nil, "", a.palsu(121), a.palsu(2000), a.palsu(120 << 10), map[string]any{"x": forgedMark}}},
		{"gelar_depan", []any{a.palsu(500)}},
		{"tempat_lahir", []any{a.palsu(201), forgedMark + "\x00"}},
		{"keluar_pada", []any{"31-12-2030"}},
	}
	c := cases[a.rng.IntN(len(cases))]
	return c.col, c.vals[a.rng.IntN(len(c.vals))]
}

// forge makes one change that must be refused.
func (a *attacker) forge() attack {
	r := a.w.region
	own := a.pegawai(true)
	switch k := a.rng.IntN(16); k {
	case 0: // another OPD's employee
		return a.mk("other-opd-update", "", "pegawai", a.pegawai(false), protocol.OpUpdate, map[string]any{"nama": forgedMark})
	case 1:
		return a.mk("other-opd-delete", "", "pegawai", a.pegawai(false), protocol.OpDelete, nil)
	case 2:
		return a.mk("other-opd-insert", "", "pegawai", a.id(), protocol.OpInsert, a.fullPegawai(a.otherOPD()))
	case 3: // an insert over another OPD's employee, as one of its own
		return a.mk("overwrite", "", "pegawai", a.pegawai(false), protocol.OpInsert, a.fullPegawai(a.opd))
	case 4: // move its own employee out, or adopt a child of another OPD's
		if a.rng.IntN(2) == 0 {
			o := a.otherOPD()
			return a.mk("move-out", "", "pegawai", own, protocol.OpUpdate, map[string]any{"opd_id": o, "unit_id": r.units[o][0]})
		}
		return a.mk("other-skp", "", "skp", a.id(), protocol.OpInsert, map[string]any{"pegawai_id": a.pegawai(false), "tahun": 2024, "predikat": "KURANG"})
	case 5: // region tables
		switch a.rng.IntN(6) {
		case 0:
			return a.mk("region-opd", "", "opd", a.pick(r.opds), protocol.OpUpdate, map[string]any{"nama": forgedMark})
		case 1:
			return a.mk("region-pemda", "", "pemda", r.pemda, protocol.OpDelete, nil)
		case 2:
			return a.mk("region-jabatan", "", "jabatan", a.id(), protocol.OpInsert, map[string]any{"kode": "JX", "nama": forgedMark, "jenis": "PELAKSANA",
				"jenjang": "", "kelas": 7, "min_pendidikan": 40, "jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58})
		case 3:
			o := a.otherOPD()
			return a.mk("region-unit", "", "unit", r.units[o][0], protocol.OpUpdate, map[string]any{"nama": forgedMark})
		case 4:
			return a.mk("region-bezetting", "", rules.TableBezetting, a.id(), protocol.OpInsert, map[string]any{"opd_id": a.opd, "jumlah": 99})
		default:
			return a.mk("region-setting", "", "setting", a.id(), protocol.OpInsert, map[string]any{"kunci": forgedMark, "nilai": "1"})
		}
	case 6, 7: // accounts: BKPSDM roles, other OPDs, system actors
		actor := a.pick([]string{"setup", "import", "", "demo", "admin"})
		role, opd := a.pick([]string{"PPK_ADMIN_BKPSDM", "VERIFIKATOR_BKPSDM", "TIM_PENILAI_KINERJA", "PIMPINAN"}), a.pick([]string{"", a.opd})
		if a.rng.IntN(3) == 0 {
			role, opd = a.pick([]string{"OPERATOR_OPD", "KEPALA_OPD"}), a.otherOPD()
		} else if a.rng.IntN(3) == 0 && actor != "setup" {
			// An OPD account of its own OPD, but by a system actor that is
			// not the first-run wizard.
			role, opd = "OPERATOR_OPD", a.opd
		}
		return a.mk("account-"+role, actor, "pengguna", a.id(), protocol.OpInsert, map[string]any{"username": fmt.Sprintf("palsu%d", a.rng.IntN(1000)),
			"nama": forgedMark, "role": role, "opd_id": opd, "pegawai_id": "", "password_hash": "$argon2id$v=19$m=65536,t=1,p=4$c2FsdA$aGFzaA",
			"aktif": 1, "harus_ganti": 0})
	case 8, 9, 10: // an invalid value on its own employee
		col, v := a.invalid()
		return a.mk("invalid-"+col, "", "pegawai", own, protocol.OpUpdate, map[string]any{col: v})
	case 11: // an invalid insert of its own
		col, v := a.invalid()
		row := a.fullPegawai(a.opd)
		row[col] = v
		if col == "nip" || col == "tanggal_lahir" {
			delete(row, "tmt_cpns") // keep the one problem the column's own
		}
		return a.mk("invalid-insert-"+col, "", "pegawai", a.id(), protocol.OpInsert, row)
	case 12: // invalid children of its own employee
		switch a.rng.IntN(3) {
		case 0:
			return a.mk("invalid-skp", "", "skp", a.id(), protocol.OpInsert, map[string]any{"pegawai_id": own, "tahun": a.pick([]string{"dua ribu", "99999"}), "predikat": forgedMark})
		case 1:
			return a.mk("invalid-riwayat", "", "riwayat_jabatan", a.id(), protocol.OpInsert, map[string]any{"pegawai_id": own, "opd_id": a.opd,
				"unit_id": r.units[a.opd][0], "jabatan_id": r.jabatan[0], "tmt": "bukan tanggal", "nomor_sk": forgedMark})
		default:
			return a.mk("invalid-unit", "", "unit", a.id(), protocol.OpInsert, map[string]any{"opd_id": a.opd, "kode": "", "nama": a.palsu(500)})
		}
	case 13: // unknown columns and tables
		if a.rng.IntN(3) == 0 {
			return a.mk("unknown-table", "", a.pick([]string{"meta", "outbox", "sqlite_master", "pegawai;--"}), a.id(), protocol.OpInsert, map[string]any{"x": forgedMark})
		}
		cols := map[string]any{a.pick([]string{"hacked", "_hlc", "_reason", "id", "password", "OPD_ID"}): forgedMark}
		if a.rng.IntN(2) == 0 {
			cols["nama"] = forgedMark // a valid column beside it does not carry it through
		}
		return a.mk("unknown-column", "", "pegawai", own, protocol.OpUpdate, cols)
	case 14: // ids that are not UUIDs, an operation that does not exist
		id := a.pick([]string{"abc", "../../etc/passwd", "'; DROP TABLE items;--", "G" + own[1:], own + " ", "00000000000000000000000000000000000"})
		if a.rng.IntN(4) == 0 {
			return a.mk("bad-op", "", "pegawai", own, a.pick([]string{"merge", "upsert", "", "DELETE"}), map[string]any{"nama": forgedMark})
		}
		return a.mk("bad-id", "", "pegawai", id, protocol.OpInsert, a.fullPegawai(a.opd))
	default: // a resolution of a conflict that does not exist
		at := a.mk("resolve-unknown", "", protocol.TableConflict, a.id(), protocol.OpUpdate, map[string]any{"status": "resolved", "resolution": forgedMark})
		at.noop = true
		return at
	}
}

func (a *attacker) mk(kind, actor, tbl, id, op string, cols map[string]any) attack {
	a.logical++
	ts := hlc.Timestamp{WallMS: a.w.now.UnixMilli(), Logical: a.logical}
	if a.rng.IntN(10) == 0 {
		ts.WallMS += int64(365 * 24 * time.Hour / time.Millisecond) // a stamp from the future
	}
	return attack{kind: kind, ch: protocol.Change{ChangeID: a.id(), Table: tbl, RowID: id, Op: op, Cols: cols, HLC: ts.String(),
		SchemaVersion: protocol.SchemaVersion, Actor: actor}}
}

// replay is a change id another device pushed, with forged content.
func (a *attacker) replay() (attack, bool) {
	if a.epoch == "" || a.restores != a.w.restores {
		return attack{}, false
	}
	var cands []*Change
	for _, c := range a.w.oracle.changes {
		if _, ok := c.final(a.epoch); ok {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return attack{}, false
	}
	c := cands[a.rng.IntN(len(cands))]
	at := a.mk("replay", "", "pegawai", a.pegawai(false), protocol.OpUpdate, map[string]any{"nama": forgedMark})
	at.ch.ChangeID, at.replayOf = c.ChangeID, c
	return at, true
}

// step pushes one request of 1–6 forged changes (sometimes with a broken
// envelope: local seq 0 or negative, a change id that is not a UUID).
func (a *attacker) step(ctx context.Context) {
	h := a.w.net.handler
	if h == nil {
		return // the server is down
	}
	n := 1 + a.rng.IntN(6)
	var ats []attack
	size := 0
	for len(ats) < n {
		at := a.forge()
		if a.rng.IntN(8) == 0 {
			if r, ok := a.replay(); ok {
				at = r
			}
		}
		b, _ := json.Marshal(at.ch.Cols)
		if size+len(b) > 300<<10 {
			break // a few hundred KB per push at most
		}
		size += len(b)
		ats = append(ats, at)
	}
	if len(ats) == 0 {
		return
	}
	for i := range ats {
		ats[i].ch.LocalSeq = a.next + int64(i)
	}
	if a.rng.IntN(10) == 0 { // a broken envelope
		at := &ats[a.rng.IntN(len(ats))]
		switch a.rng.IntN(3) {
		case 0:
			at.ch.LocalSeq = 0
		case 1:
			at.ch.LocalSeq = -at.ch.LocalSeq
		default:
			at.ch.ChangeID = "bukan-uuid-" + a.id()[:8]
		}
		at.kind += "+envelope"
	}
	req := protocol.PushRequest{DeviceID: a.install, SchemaVersion: protocol.SchemaVersion, AppVersion: "palsu", ClientTime: a.w.now.Format(time.RFC3339)}
	for _, at := range ats {
		req.Changes = append(req.Changes, at.ch)
	}
	body, _ := json.Marshal(req)
	hr := httptest.NewRequest(http.MethodPost, protocol.PathPush, bytes.NewReader(body))
	hr.Header.Set("Authorization", "Bearer "+a.token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, hr)
	a.Pushes++
	a.Changes += len(ats)
	o := a.w.oracle
	kinds := make([]string, len(ats))
	for i, at := range ats {
		kinds[i] = at.kind
	}
	switch {
	case rec.Code >= 500:
		o.violate("malicious: a push of %v answered %d: %s", kinds, rec.Code, trunc(rec.Body.Bytes(), 200))
		return
	case rec.Code != http.StatusOK:
		a.Refused += len(ats)
		a.w.tracef("malicious push %v → HTTP %d %s", kinds, rec.Code, trunc(rec.Body.Bytes(), 120))
		return
	}
	var resp protocol.PushResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		o.violate("malicious: undecodable push answer: %v", err)
		return
	}
	a.epoch, a.restores = resp.ServerEpoch, a.w.restores
	a.next = resp.LastLocalSeq + 1
	byID := map[string]*attack{}
	for i := range ats {
		byID[ats[i].ch.ChangeID] = &ats[i]
	}
	counts := map[string]int{}
	for _, d := range resp.Dispositions {
		at := byID[d.ChangeID]
		if at == nil {
			o.violate("malicious: a disposition for a change it did not push: %+v", d)
			continue
		}
		counts[d.Status+"/"+d.Reason]++
		if d.Status == protocol.StatusRejected || (at.noop && d.Status == protocol.StatusSuperseded) {
			a.Rejected++
			continue
		}
		o.violate("malicious: forged change (%s) %s %s %s %s got %s/%s, want rejected", at.kind, at.ch.Op, at.ch.Table, short(at.ch.RowID),
			trunc([]byte(compact(at.ch.Cols)), 160), d.Status, d.Reason)
	}
	a.w.tracef("malicious push %v → %v", kinds, counts)
}

// checkStoredRows: no row on the server or on any desktop fails its
// table's rules, and no OPD desktop holds a row outside its scope or a
// forged value.
func (w *World) checkStoredRows(ctx context.Context, all map[string]tableRows) error {
	o := w.oracle
	for after := int64(0); ; {
		its, err := w.srvSt.Scan(ctx, after, 5000)
		if err != nil {
			return err
		}
		if len(its) == 0 {
			break
		}
		for i := range its {
			it := &its[i]
			after = it.Seq
			if it.Kind != server.ItemRow || it.Deleted {
				continue
			}
			td := rules.ByName(it.Table)
			var row map[string]any
			if td == nil || json.Unmarshal(it.Data, &row) != nil {
				o.violate("invalid stored: server row %s %s of an unknown table or undecodable", it.Table, short(it.ID))
				continue
			}
			if ps := rules.CheckRow(td, row); len(ps) > 0 {
				o.violate("invalid stored: server %s %s: %v", it.Table, short(it.ID), ps[0].Error())
			}
		}
	}
	for _, d := range w.devs {
		for _, t := range store.SyncedTables {
			td := rules.ByName(t.Name)
			if td == nil {
				continue
			}
			rows, err := readRows(ctx, d, t)
			if err != nil {
				return err
			}
			for _, id := range sortedKeys(rows) {
				r := rows[id]
				for k, v := range r {
					if v == nil {
						delete(r, k) // the desktop's NULL is the column's empty value
					}
				}
				if ps := rules.CheckRow(td, r); len(ps) > 0 {
					o.violate("invalid stored: %s %s %s: %v", d.Name, t.Name, short(id), ps[0].Error())
				}
				for _, v := range r {
					if s, ok := v.(string); ok && strings.Contains(s, forgedMark) {
						o.violate("authorization: %s holds a forged value in %s %s", d.Name, t.Name, short(id))
						break
					}
				}
				if d.BKPSDM {
					continue
				}
				owner := ""
				switch t.Name {
				case "riwayat_jabatan", "skp", "hukdis":
					if p := all["pegawai"][fmt.Sprint(r["pegawai_id"])]; p != nil {
						owner = fmt.Sprint(p["opd_id"])
					} else {
						owner = "?"
					}
				case "pengguna":
					owner = fmt.Sprint(r["opd_id"])
				}
				if owner != "" && owner != d.OPD {
					o.violate("authorization: %s (OPD %s) holds %s %s of OPD %s", d.Name, d.Kode, t.Name, short(id), owner)
				}
			}
		}
	}
	return nil
}
