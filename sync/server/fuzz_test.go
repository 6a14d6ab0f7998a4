package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
)

// The push fuzz target. Every input runs against a fresh copy of one
// template server (SQLite) holding a small region, accounts, a transfer
// request and two open conflicts, and is posted as OPD A's device through
// the HTTP handler. Whatever the bytes, the server must answer below 500,
// change nothing outside OPD A's scope and store no row that fails
// rules.CheckRow. The template's ids are deterministic, so the committed
// corpus (testdata/fuzz/FuzzPush, written by TestWriteFuzzPushCorpus) names
// real rows.

// Wire modes of a fuzz input.
const (
	wireRaw     = 0 // the bytes are the JSON body
	wireGzip    = 1 // the harness gzips the bytes
	wireGzipped = 2 // the bytes are sent as they are, labelled gzip
)

type fuzzFix struct {
	dir      string
	template string
	now      time.Time
	tokA     string // OPD A's device token
	tokB     string
	installA string
	installB string
	idA, idB string // server device ids
	// Bundle keys of A and B, and the server's public keys.
	keysA, keysB seal.Keys
	server       seal.Public
	r            region
	a            *dev // OPD A, at the state every input starts from
	base         int64
	// Rows the seeds name.
	usulan, accOpA, accOpB, accAdmin, skpA, skpB, dupA string
	confA, confDup                                     string // a golongan conflict on pegA; a duplicate-NIP conflict A/B
	n                                                  atomic.Int64
}

var quietLog = slog.New(slog.DiscardHandler)

// newFuzzFix builds the template. uuid's randomness is fixed meanwhile so
// every run makes the same ids.
func newFuzzFix(tb testing.TB) *fuzzFix {
	tb.Helper()
	uuid.SetRand(rand.NewChaCha8([32]byte{'i', 'm', 'b', 'a', 'n', 'g'}))
	defer uuid.SetRand(nil)
	e := newEnv(tb)
	e.opts.Log = quietLog
	e.close()
	e.open()
	admin := e.device("", true)
	r := e.region(admin)
	a := e.device("OPD-A", false)
	b := e.device("OPD-B", false)
	a.push()
	b.push()
	fx := &fuzzFix{dir: tb.TempDir(), now: e.now, tokA: a.token, tokB: b.token, installA: a.install, installB: b.install, idA: a.id, idB: b.id, r: r, a: a}
	fx.keysA, fx.server = a.keyed()
	fx.keysB, _ = b.keyed()
	fx.accAdmin, fx.accOpA, fx.accOpB = uuid.NewString(), uuid.NewString(), uuid.NewString()
	mustApplied(tb, admin.pushAs(server.SetupActor, "pengguna", fx.accAdmin, "insert", user("admin", "PPK_ADMIN_BKPSDM", "", 1)))
	mustApplied(tb, admin.pushAs("admin", "pengguna", fx.accOpA, "insert", user("opa", "OPERATOR_OPD", r.opdA, 1)))
	mustApplied(tb, admin.pushAs("admin", "pengguna", uuid.NewString(), "insert", user("kepa", "KEPALA_OPD", r.opdA, 1)))
	mustApplied(tb, admin.pushAs("admin", "pengguna", fx.accOpB, "insert", user("opb", "OPERATOR_OPD", r.opdB, 1)))
	fx.skpA, fx.skpB = uuid.NewString(), uuid.NewString()
	mustApplied(tb, admin.push1("skp", fx.skpA, "insert", map[string]any{"pegawai_id": r.pegA, "tahun": 2025, "predikat": "BAIK"}))
	mustApplied(tb, admin.push1("skp", fx.skpB, "insert", map[string]any{"pegawai_id": r.pegB, "tahun": 2025, "predikat": "BAIK"}))
	mustApplied(tb, admin.push1("hukdis", uuid.NewString(), "insert", map[string]any{"pegawai_id": r.pegB, "tingkat": "RINGAN", "jenis": "teguran",
		"nomor_sk": "HD-1", "tmt": "2024-01-01", "tanggal_selesai": "", "keterangan": ""}))
	a.pull()
	admin.pull()

	// A transfer request from A to B with its first two events.
	opA := mutasi.Actor{UserID: "opa", Name: "Operator A", Role: domain.RoleOperatorOPD, OPDID: domain.ID(r.opdA)}
	req := mutasi.Request{ID: domain.ID(uuid.NewString()), PegawaiID: domain.ID(r.pegA2), Type: domain.JenisMutasi("T1"),
		Source: mutasi.Placement{OPDID: domain.ID(r.opdA), UnitID: domain.ID(r.unitA), JabatanID: domain.ID(r.jab)}, SourceTMT: domain.MustDate("2020-01-01"),
		Targets: []mutasi.Placement{{OPDID: domain.ID(r.opdB), UnitID: domain.ID(r.unitB), JabatanID: domain.ID(r.jab)}}}
	data, _ := json.Marshal(req)
	fx.usulan = string(req.ID)
	mustApplied(tb, a.pushAs("opa", "mutasi_usulan", fx.usulan, "insert", map[string]any{"nomor": "MUT-2026-A-000001", "pegawai_id": r.pegA2, "jenis": "T1",
		"aps": 0, "data": string(data), "dibuat_oleh": "opa", "dibuat_pada": "2026-11-02T09:00:00Z"}))
	var st mutasi.State
	for _, k := range []mutasi.Kind{mutasi.KindBuat, mutasi.KindAjukan} {
		c := mutasi.Command{Kind: k}
		if k == mutasi.KindBuat {
			c.Request = &req
		}
		ev, err := mutasi.Decide(st, c, opA, time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), uuid.NewString())
		if err != nil {
			tb.Fatal(err)
		}
		if st, err = mutasi.Apply(st, ev); err != nil {
			tb.Fatal(err)
		}
		mustApplied(tb, a.pushAs("opa", "mutasi_event", ev.ID, "insert", eventCols(ev)))
	}

	// A golongan conflict on pegA: A and BKPSDM both edit it from the same base.
	a.pull()
	admin.pull()
	mustApplied(tb, a.push1("pegawai", r.pegA, "update", map[string]any{"golongan": 32}))
	if d := admin.push1("pegawai", r.pegA, "update", map[string]any{"golongan": 33}); d.Status == protocol.StatusConflict {
		fx.confA = d.ConflictID
	} else {
		tb.Fatalf("golongan conflict not opened: %+v", d)
	}
	// A duplicate-NIP conflict between an employee of A and one of B.
	// Its id sorts before every other: a merge keeps it and retires B's record.
	fx.dupA = "00000000-0000-4000-8000-000000000001"
	a.pull()
	dup := pegawaiCols("198001012005011003", r.opdA, r.unitA, r.jab)
	dup["nama"] = "Kembar"
	if d := a.push1("pegawai", fx.dupA, "insert", dup); d.Status == protocol.StatusConflict {
		fx.confDup = d.ConflictID
	} else {
		tb.Fatalf("duplicate-nip conflict not opened: %+v", d)
	}
	a.pull()
	fx.base = a.seq
	fx.template = filepath.Join(fx.dir, "template.db")
	if err := e.st.Backup(ctx, fx.template); err != nil {
		tb.Fatal(err)
	}
	return fx
}

func mustApplied(tb testing.TB, d protocol.Disposition) {
	tb.Helper()
	if d.Status != protocol.StatusApplied {
		tb.Fatalf("fixture write: %+v", d)
	}
}

// body marshals a push of changes as OPD A would send it, its local seqs
// following the template's.
func (fx *fuzzFix) body(chs ...protocol.Change) []byte {
	req := fx.a.req(chs)
	b, err := json.Marshal(req)
	if err != nil {
		panic(err)
	}
	return b
}

// ch makes a change of OPD A at local seq base+n (n from 1).
func (fx *fuzzFix) ch(n int, actor, tbl, id, op string, cols map[string]any) protocol.Change {
	fx.a.seq = fx.base + int64(n) - 1
	c := fx.a.change(tbl, id, op, cols)
	c.Actor = actor
	return c
}

type fuzzSeed struct {
	name string
	body []byte
	mode byte
	// known names a server bug the seed shows (kept out of the corpus and
	// skipped until it is fixed).
	known string
	big   bool // not in the corpus
}

// seeds are real pushes of OPD A (inserts, updates, deletes of every kind
// it makes, conflict resolutions) and hostile ones.
func (fx *fuzzFix) seeds() []fuzzSeed {
	r := fx.r
	var out []fuzzSeed
	add := func(name string, chs ...protocol.Change) {
		out = append(out, fuzzSeed{name: name, body: fx.body(chs...)})
	}
	newPeg := uuid.NewString()
	pc := pegawaiCols("198502022010012005", r.opdA, r.unitA, r.jab)
	// Real writes.
	add("insert-pegawai", fx.ch(1, "opa", "pegawai", newPeg, "insert", pc))
	add("update-pegawai", fx.ch(1, "opa", "pegawai", r.pegA2, "update", map[string]any{"nama": "Nama Baru", "golongan": 32}))
	add("update-placement", fx.ch(1, "", "pegawai", r.pegA2, "update", map[string]any{"unit_id": r.unitA, "tmt_jabatan": "2024-01-01"}))
	add("delete-pegawai", fx.ch(1, "opa", "pegawai", r.pegA2, "delete", nil))
	rw := uuid.NewString()
	add("insert-riwayat", fx.ch(1, "opa", "riwayat_jabatan", rw, "insert", map[string]any{"pegawai_id": r.pegA, "opd_id": r.opdA, "unit_id": r.unitA,
		"jabatan_id": r.jab, "tmt": "2021-01-01", "tanggal_selesai": "", "nomor_sk": "SK-9", "keterangan": "pindah"}))
	add("update-riwayat", fx.ch(1, "opa", "riwayat_jabatan", r.rwA, "update", map[string]any{"nomor_sk": "SK-1a"}))
	add("skp", fx.ch(1, "opa", "skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": r.pegA, "tahun": 2024, "predikat": "SANGAT_BAIK"}),
		fx.ch(2, "opa", "skp", fx.skpA, "update", map[string]any{"predikat": "BUTUH_PERBAIKAN"}),
		fx.ch(3, "opa", "skp", fx.skpA, "delete", nil))
	add("hukdis", fx.ch(1, "opa", "hukdis", uuid.NewString(), "insert", map[string]any{"pegawai_id": r.pegA, "tingkat": "SEDANG", "jenis": "penundaan",
		"nomor_sk": "HD-2", "tmt": "2025-03-01", "tanggal_selesai": "2026-03-01", "keterangan": ""}))
	add("pengguna-password", fx.ch(1, "opa", "pengguna", fx.accOpA, "update", map[string]any{"password_hash": "$argon2id$v=19$m=65536,t=1,p=4$c2FsdDI$aGFzaDI", "harus_ganti": 0}))
	add("pengguna-setup", fx.ch(1, server.SetupActor, "pengguna", uuid.NewString(), "insert", user("opa2", "OPERATOR_OPD", r.opdA, 1)))
	add("unit", fx.ch(1, "", "unit", uuid.NewString(), "insert", map[string]any{"opd_id": r.opdA, "parent_id": r.unitA, "kode": "U2", "nama": "Bidang A2"}),
		fx.ch(2, "", "unit", r.unitA, "update", map[string]any{"nama": "Sekretariat A (baru)"}))
	opA := mutasi.Actor{UserID: "opa", Name: "Operator A", Role: domain.RoleOperatorOPD, OPDID: domain.ID(r.opdA)}
	req := mutasi.Request{ID: domain.ID(uuid.NewString()), PegawaiID: domain.ID(r.pegA), Type: domain.JenisMutasi("T1"),
		Source: mutasi.Placement{OPDID: domain.ID(r.opdA), UnitID: domain.ID(r.unitA), JabatanID: domain.ID(r.jab)}, SourceTMT: domain.MustDate("2020-01-01"),
		Targets: []mutasi.Placement{{OPDID: domain.ID(r.opdB), UnitID: domain.ID(r.unitB), JabatanID: domain.ID(r.jab)}}}
	data, _ := json.Marshal(req)
	ev, err := mutasi.Decide(mutasi.State{}, mutasi.Command{Kind: mutasi.KindBuat, Request: &req}, opA, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), uuid.NewString())
	if err != nil {
		panic(err)
	}
	add("mutasi", fx.ch(1, "opa", "mutasi_usulan", string(req.ID), "insert", map[string]any{"nomor": "MUT-2026-A-000002", "pegawai_id": r.pegA, "jenis": "T1",
		"aps": 0, "data": string(data), "dibuat_oleh": "opa", "dibuat_pada": "2026-11-20T09:00:00Z"}),
		fx.ch(2, "opa", "mutasi_event", ev.ID, "insert", eventCols(ev)))
	add("mutasi-batal", fx.ch(1, "opa", "mutasi_event", uuid.NewString(), "insert", map[string]any{"usulan_id": fx.usulan, "seq": 3, "kind": "BATALKAN",
		"aktor": `{"userId":"opa","role":"OPERATOR_OPD"}`, "waktu": "2026-11-21T09:00:00Z", "catatan": "batal", "payload": "{}"}))
	add("dokumen", fx.ch(1, "opa", "dokumen_lampiran", uuid.NewString(), "insert", map[string]any{"usulan_id": fx.usulan, "jenis": "SK", "nama_berkas": "sk.pdf",
		"sha256": strings.Repeat("ab", 32), "ukuran": 1024, "mime": "application/pdf", "status": "BELUM_DIPERIKSA", "catatan": "", "diunggah_oleh": "opa",
		"diunggah_pada": "2026-11-21T09:00:00Z"}))
	add("resolve-accept", fx.ch(1, "opa", protocol.TableConflict, fx.confA, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionAccept}))
	add("resolve-keep", fx.ch(1, "opa", protocol.TableConflict, fx.confDup, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionKeep}))
	add("empty", []protocol.Change{}...)

	// Hostile: other OPDs, region tables, accounts, values, ids, envelopes.
	add("other-opd-update", fx.ch(1, "opa", "pegawai", r.pegB, "update", map[string]any{"nama": "PALSU"}))
	add("other-opd-delete", fx.ch(1, "", "pegawai", r.pegB2, "delete", nil))
	add("other-opd-insert", fx.ch(1, "opa", "pegawai", uuid.NewString(), "insert", pegawaiCols("198502022010012006", r.opdB, r.unitB, r.jab)))
	add("other-opd-overwrite", fx.ch(1, "opa", "pegawai", r.pegB, "insert", pegawaiCols("198502022010012007", r.opdA, r.unitA, r.jab)))
	add("move-out", fx.ch(1, "opa", "pegawai", r.pegA, "update", map[string]any{"opd_id": r.opdB, "unit_id": r.unitB}))
	add("other-skp", fx.ch(1, "opa", "skp", fx.skpB, "update", map[string]any{"predikat": "KURANG"}),
		fx.ch(2, "opa", "skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": r.pegB, "tahun": 2023, "predikat": "KURANG"}),
		fx.ch(3, "opa", "riwayat_jabatan", r.rwB, "delete", nil))
	add("reparent", fx.ch(1, "opa", "riwayat_jabatan", r.rwA, "update", map[string]any{"pegawai_id": r.pegB}))
	add("region", fx.ch(1, "opa", "opd", r.opdB, "update", map[string]any{"nama": "PALSU"}),
		fx.ch(2, "opa", "pemda", r.pemda, "delete", nil),
		fx.ch(3, "opa", "jabatan", uuid.NewString(), "insert", map[string]any{"kode": "JX", "nama": "Palsu", "jenis": "PELAKSANA", "jenjang": "", "kelas": 7,
			"min_pendidikan": 40, "jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}),
		fx.ch(4, "opa", "setting", uuid.NewString(), "insert", map[string]any{"kunci": "x", "nilai": "1"}),
		fx.ch(5, "opa", rules.TableBezetting, uuid.NewString(), "insert", map[string]any{"opd_id": r.opdA, "jumlah": 99}),
		fx.ch(6, "opa", "unit", r.unitB, "update", map[string]any{"nama": "PALSU"}),
		fx.ch(7, "opa", "unit", uuid.NewString(), "insert", map[string]any{"opd_id": r.opdB, "parent_id": nil, "kode": "UX", "nama": "Palsu"}))
	add("admin-as-setup", fx.ch(1, server.SetupActor, "pengguna", uuid.NewString(), "insert", user("root", "PPK_ADMIN_BKPSDM", r.opdA, 1)),
		fx.ch(2, "import", "pengguna", uuid.NewString(), "insert", user("root2", "PPK_ADMIN_BKPSDM", "", 1)),
		fx.ch(3, server.SetupActor, "pengguna", uuid.NewString(), "insert", user("opb2", "OPERATOR_OPD", r.opdB, 1)))
	add("escalate", fx.ch(1, "opa", "pengguna", fx.accOpA, "update", map[string]any{"role": "PPK_ADMIN_BKPSDM", "opd_id": ""}),
		fx.ch(2, "import", "pengguna", fx.accAdmin, "update", map[string]any{"password_hash": "$argon2id$v=19$m=65536,t=1,p=4$eA$eA"}),
		fx.ch(3, "opa", "pengguna", fx.accOpB, "update", map[string]any{"aktif": 0}),
		fx.ch(4, "kepa", "pengguna", uuid.NewString(), "insert", user("baru", "OPERATOR_OPD", r.opdA, 1)),
		fx.ch(5, "admin", "pengguna", fx.accOpA, "update", map[string]any{"role": "KEPALA_OPD"}))
	add("bad-values", fx.ch(1, "opa", "pegawai", r.pegA2, "update", map[string]any{"golongan": 1e308}),
		fx.ch(2, "opa", "pegawai", r.pegA2, "update", map[string]any{"golongan": "abc"}),
		fx.ch(3, "opa", "pegawai", r.pegA2, "update", map[string]any{"golongan": 1.5}),
		fx.ch(4, "opa", "pegawai", r.pegA2, "update", map[string]any{"pendidikan": "S9", "status": "XYZ"}),
		fx.ch(5, "opa", "pegawai", r.pegA2, "update", map[string]any{"tanggal_lahir": "not-a-date", "nip": "abc"}),
		fx.ch(6, "opa", "pegawai", r.pegA2, "update", map[string]any{"unit_id": "insert"}),
		fx.ch(7, "opa", "pegawai", r.pegA2, "update", map[string]any{"unit_id": r.unitB}),
		fx.ch(8, "opa", "pegawai", r.pegA2, "update", map[string]any{"jabatan_id": uuid.NewString()}),
		fx.ch(9, "opa", "pegawai", r.pegA2, "update", map[string]any{"nama": nil, "jenis_kelamin": true, "golongan_pppk": -1}),
		fx.ch(10, "opa", "mutasi_usulan", fx.usulan, "update", map[string]any{"data": "{not json", "aps": 7}),
		fx.ch(11, "opa", "skp", fx.skpA, "update", map[string]any{"tahun": 99999999999, "predikat": []any{1}}),
		fx.ch(12, "opa", "pengguna", fx.accOpA, "update", map[string]any{"password_hash": "plain", "username": "A B"}))
	add("long-nama", fx.ch(1, "opa", "pegawai", r.pegA2, "update", map[string]any{"nama": strings.Repeat("x", 2000)}))
	// Too big for the corpus (the fuzzer would spend its time minimizing it).
	add("huge-nama", fx.ch(1, "opa", "pegawai", r.pegA2, "update", map[string]any{"nama": strings.Repeat("x", 300<<10)}))
	out[len(out)-1].big = true
	add("unknown-col", fx.ch(1, "opa", "pegawai", r.pegA2, "update", map[string]any{"hacked": 1, "id": r.pegB, "_hlc": "9"}),
		fx.ch(2, "opa", "nope", uuid.NewString(), "insert", map[string]any{"x": 1}))
	add("bad-ids", fx.ch(1, "opa", "pegawai", "abc", "insert", pc), fx.ch(2, "opa", "pegawai", "'; DROP TABLE items;--", "update", map[string]any{"nama": "x"}),
		fx.ch(3, "opa", "pegawai", strings.ToUpper(r.pegA2), "update", map[string]any{"nama": "x"}),
		fx.ch(4, "opa", "pegawai", r.pegA2, "merge", map[string]any{"nama": "x"}))
	resolveB := fx.ch(1, "opa", protocol.TableConflict, fx.confDup, "update", map[string]any{"status": "resolved", "resolution": protocol.ResolutionMerge})
	add("resolve-merge", resolveB)
	bad := fx.ch(1, "opa", "pegawai", r.pegA2, "update", map[string]any{"nama": "Lokal"})
	bad.LocalSeq, bad.ChangeID, bad.HLC = 0, "not-a-uuid", "zzz"
	add("envelope", bad)
	neg := fx.ch(1, "opa", "pegawai", r.pegA2, "update", map[string]any{"nama": "Lokal"})
	neg.LocalSeq, neg.SchemaVersion = -5, 99
	add("envelope2", neg)
	far := fx.ch(1, "opa", "pegawai", r.pegA2, "update", map[string]any{"nama": "Masa depan"})
	far.HLC = "9999999999999:0"
	add("future-hlc", far)

	// Wire variants: gzip by the harness, gzip bytes as sent, a broken gzip.
	out = append(out, fuzzSeed{name: "gzip", body: out[0].body, mode: wireGzip})
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write(out[1].body)
	zw.Close()
	out = append(out, fuzzSeed{name: "gzipped", body: zb.Bytes(), mode: wireGzipped}, fuzzSeed{name: "gzip-broken", body: zb.Bytes()[:zb.Len()/2], mode: wireGzipped},
		fuzzSeed{name: "not-json", body: []byte(`{"device_id":`)}, fuzzSeed{name: "wrong-types", body: []byte(`{"device_id":5,"changes":{"a":1},"schema_version":"2"}`)})
	return out
}

// itemSnap is what the invariants compare of one stored row.
type itemSnap struct {
	data    string
	deleted bool
	scope   []string
}

func snapshot(tb testing.TB, st server.Store) (map[string]itemSnap, map[string]server.Device) {
	tb.Helper()
	its, err := st.Scan(ctx, 0, 1_000_000)
	if err != nil {
		tb.Fatal(err)
	}
	rows := map[string]itemSnap{}
	for _, it := range its {
		if it.Kind == server.ItemRow {
			rows[it.Table+"/"+it.ID] = itemSnap{string(it.Data), it.Deleted, it.Scope}
		}
	}
	devs, err := st.Devices(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	dm := map[string]server.Device{}
	for _, d := range devs {
		dm[d.ID] = d
	}
	return rows, dm
}

func rowOf(s itemSnap) map[string]any {
	m := map[string]any{}
	json.Unmarshal([]byte(s.data), &m)
	return m
}

func str0(v any) string { s, _ := v.(string); return s }

// checkStored: every live row passes rules.CheckRow (nothing invalid is
// stored, whatever reached the server).
func checkStored(t *testing.T, rows map[string]itemSnap) {
	t.Helper()
	for k, s := range rows {
		if s.deleted {
			continue
		}
		tbl := k[:strings.IndexByte(k, '/')]
		td := rules.ByName(tbl)
		if td == nil {
			t.Errorf("stored row %s of an unknown table", k)
			continue
		}
		if ps := rules.CheckRow(td, rowOf(s)); len(ps) > 0 {
			t.Errorf("stored row %s fails its rules: %v", k, ps)
		}
	}
}

// checkScope: every row the push changed is one OPD opd may write: never a
// region row, a unit or account of another OPD, nor a row another OPD sees
// that opd did not see before and after.
func checkScope(t *testing.T, opd string, before, after map[string]itemSnap) {
	t.Helper()
	keys := make([]string, 0, len(after))
	for k := range after {
		keys = append(keys, k)
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			t.Errorf("row %s vanished from the store", k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		a := after[k]
		b, existed := before[k]
		if existed && b.data == a.data && b.deleted == a.deleted && slices.Equal(b.scope, a.scope) {
			continue
		}
		tbl := k[:strings.IndexByte(k, '/')]
		td := rules.ByName(tbl)
		ar := rowOf(a)
		var br map[string]any
		if existed {
			br = rowOf(b)
		}
		bad := func(why string) { t.Errorf("OPD device changed %s (%s): before %s, after %s", k, why, b.data, a.data) }
		switch {
		case td == nil:
			bad("unknown table")
		case td.Rule == rules.ScopeDerived:
			if str0(ar["opd_id"]) != opd {
				bad("another OPD's aggregate")
			}
		case td.Rule == rules.ScopeRegion:
			bad("region table")
		case tbl == "unit":
			if str0(ar["opd_id"]) != opd || (existed && str0(br["opd_id"]) != opd) {
				bad("another OPD's unit")
			}
		case tbl == "abk_tugas":
			if u := rowOf(after["unit/"+str0(ar["unit_id"])]); str0(u["opd_id"]) != opd {
				bad("another OPD's workload")
			}
		default:
			if existed && !slices.Contains(b.scope, opd) {
				bad("a row outside the device's scope before")
			}
			if !slices.Contains(a.scope, opd) {
				bad("a row outside the device's scope after")
			}
			if tbl == "pengguna" && !a.deleted && (str0(ar["opd_id"]) != opd || !domain.Role(str0(ar["role"])).OPDBound()) {
				bad("an account that is not an OPD account of its own OPD")
			}
		}
	}
}

func (fx *fuzzFix) run(t *testing.T, body []byte, mode byte) {
	t.Helper()
	fx.check(t, fmt.Sprintf("push of %d bytes (mode %d): %.2000q", len(body), mode, body), func(srv *server.Server) {
		wire := body
		if mode%3 == wireGzip {
			var zb bytes.Buffer
			zw := gzip.NewWriter(&zb)
			zw.Write(body)
			zw.Close()
			wire = zb.Bytes()
		}
		req := httptest.NewRequest(http.MethodPost, protocol.PathPush, bytes.NewReader(wire))
		req.Header.Set("Authorization", "Bearer "+fx.tokA)
		if mode%3 != wireRaw {
			req.Header.Set("Content-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		if testing.Verbose() {
			t.Logf("→ %d %.600s", rec.Code, rec.Body.String())
		}
		if rec.Code >= 500 {
			t.Fatalf("push answered %d: %s", rec.Code, rec.Body.String())
		}
		if rec.Code == http.StatusOK {
			var resp protocol.PushResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("200 with an undecodable answer: %v", err)
			}
		}
	})
}

// check runs do on a fresh copy of the template server and then the
// invariants: nothing outside OPD A's scope changed, nothing invalid is
// stored, no other device's record moved.
func (fx *fuzzFix) check(t *testing.T, what string, do func(srv *server.Server)) {
	t.Helper()
	// A request that never returns is a finding too: crash with the input
	// (the fuzzer records a crashing input; it has no notion of a hang).
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			panic(what + ": did not return in 30 s")
		}
	}()
	path := filepath.Join(fx.dir, fmt.Sprintf("in-%d.db", fx.n.Add(1)))
	if err := copyFile(path, fx.template); err != nil {
		t.Fatal(err)
	}
	defer func() {
		for _, s := range []string{"", "-wal", "-shm"} {
			os.Remove(path + s)
		}
	}()
	st, err := sqlitestore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := server.New(st, server.Options{Now: func() time.Time { return fx.now }, Log: quietLog})
	if err != nil {
		t.Fatal(err)
	}
	rows0, devs0 := snapshot(t, st)
	do(srv)
	rows1, devs1 := snapshot(t, st)
	checkChunks(t, srv, fx.tokA)
	checkChunks(t, srv, fx.tokB)
	checkScope(t, fx.r.opdA, rows0, rows1)
	checkStored(t, rows1)
	for id, d := range devs1 {
		if id != fx.idA && d != devs0[id] {
			t.Errorf("another device's record changed: %+v → %+v", devs0[id], d)
		}
	}
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// FuzzPush posts fuzzed push bodies as OPD A's device.
func FuzzPush(f *testing.F) {
	fx := newFuzzFix(f)
	f.Add([]byte(`{}`), byte(wireRaw))
	f.Fuzz(func(t *testing.T, body []byte, mode byte) {
		fx.run(t, body, mode)
	})
}

// TestWriteFuzzPushCorpus (re)writes the committed seed corpus of FuzzPush
// from the seeds above: IMBANG_WRITE_CORPUS=1 go test -run TestWriteFuzzPushCorpus ./sync/server/
func TestWriteFuzzPushCorpus(t *testing.T) {
	if os.Getenv("IMBANG_WRITE_CORPUS") == "" {
		t.Skip("set IMBANG_WRITE_CORPUS=1 to rewrite testdata/fuzz/FuzzPush")
	}
	fx := newFuzzFix(t)
	writeCorpus(t, "FuzzPush", fx.seeds(), true)
}

// writeCorpus writes seeds in the go test fuzz v1 format; withMode adds
// the wire mode argument (FuzzPush).
func writeCorpus(t *testing.T, target string, seeds []fuzzSeed, withMode bool) {
	dir := filepath.Join("testdata", "fuzz", target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range seeds {
		if s.known != "" || s.big {
			continue
		}
		data := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s.body)
		if withMode {
			data += fmt.Sprintf("byte(%q)\n", rune(s.mode))
		}
		if err := os.WriteFile(filepath.Join(dir, "seed-"+s.name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFuzzPushSeeds runs every seed through the invariants by name (the
// same inputs as the corpus, readable when one fails).
func TestFuzzPushSeeds(t *testing.T) {
	fx := newFuzzFix(t)
	for _, s := range fx.seeds() {
		t.Run(s.name, func(t *testing.T) {
			if s.known != "" {
				t.Skip(s.known)
			}
			fx.run(t, s.body, s.mode)
		})
	}
}

// checkChunks: whatever a push stored, the device's pull from the start
// reads the same page as a chunk (protocol v2) as it does as JSON (v1).
func checkChunks(t *testing.T, srv *server.Server, tok string) {
	t.Helper()
	h := srv.Handler()
	get := func(enc string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", protocol.PathPull+"?cursor=&max_bytes=200000&enc="+enc, nil)
		r.Header.Set("Authorization", "Bearer "+tok)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	js, ch := get(""), get(protocol.ChunkEncoding)
	if js.Code != 200 || ch.Code != 200 {
		t.Fatalf("pull after the push: JSON %d, chunk %d", js.Code, ch.Code)
	}
	dec := json.NewDecoder(bytes.NewReader(js.Body.Bytes()))
	dec.UseNumber()
	var want protocol.PullResponse
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	got, err := protocol.DecodeChunk(ch.Body.Bytes(), ch.Header().Get(protocol.HeaderChunkSHA256))
	if err != nil {
		t.Fatalf("chunk after the push: %v", err)
	}
	got.ServerTime, got.ServerHLC = want.ServerTime, want.ServerHLC
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the chunk holds another page than the JSON pull (%d vs %d entries)", len(got.Entries), len(want.Entries))
	}
	st := get(protocol.StreamEncoding)
	sr, err := protocol.NewStreamReader(bytes.NewReader(st.Body.Bytes()))
	if st.Code != 200 || err != nil {
		t.Fatalf("stream after the push: %d %v", st.Code, err)
	}
	defer sr.Close()
	sp, err := sr.Next()
	if err != nil {
		t.Fatalf("stream after the push: %v", err)
	}
	sp.ServerTime, sp.ServerHLC = want.ServerTime, want.ServerHLC
	if !reflect.DeepEqual(sp, want) {
		t.Fatalf("the stream's first page holds another page than the JSON pull (%d vs %d entries)", len(sp.Entries), len(want.Entries))
	}
}
