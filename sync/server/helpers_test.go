package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore"
	"github.com/bkpsdm-sorong/imbang/sync/server/pgstore/pgtest"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
)

var ctx = context.Background()

// backupStore is a server store that can also write a backup file (both
// stores do).
type backupStore interface {
	server.Store
	Backup(ctx context.Context, destPath string) error
}

type env struct {
	t    testing.TB
	dir  string
	path string
	pg   string // PostgreSQL URL when the env runs on PostgreSQL
	st   backupStore
	srv  *server.Server
	ts   *httptest.Server
	now  time.Time
	opts server.Options
}

func newEnv(t testing.TB) *env {
	t.Helper()
	e := &env{t: t, dir: t.TempDir(), now: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	e.path = filepath.Join(e.dir, "server.db")
	e.opts = server.Options{Now: func() time.Time { return e.now }}
	e.open()
	t.Cleanup(func() { e.close() })
	return e
}

// eachStore runs fn once on the SQLite store and once on a fresh
// PostgreSQL database (skipped outside CI when no PostgreSQL answers).
func eachStore(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newEnv(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, newEnvPG(t)) })
}

// newEnvPG is newEnv on a fresh PostgreSQL database.
func newEnvPG(t testing.TB) *env {
	t.Helper()
	e := &env{t: t, dir: t.TempDir(), now: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	e.pg = pgtest.NewDatabase(t)
	e.opts = server.Options{Now: func() time.Time { return e.now }}
	e.open()
	t.Cleanup(func() { e.close() })
	return e
}

func (e *env) open() {
	var st backupStore
	var err error
	if e.pg != "" {
		st, err = pgstore.Open(ctx, e.pg)
	} else {
		st, err = sqlitestore.Open(e.path)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	srv, err := server.New(st, e.opts)
	if err != nil {
		e.t.Fatal(err)
	}
	e.st, e.srv = st, srv
	e.ts = httptest.NewServer(srv.Handler())
}

func (e *env) close() {
	if e.ts != nil {
		e.ts.Close()
		e.st.Close()
		e.ts = nil
	}
}

// dev is a simulated desktop: its install id, token, local_seq, clock and
// what it pulled (row images and base seqs).
type dev struct {
	e       *env
	id      string // server device id
	token   string
	install string
	seq     int64
	offset  time.Duration // clock offset
	cursor  string
	schema  int
	rows    map[string]map[string]any // tbl/id → row
	base    map[string]int64
	removed map[string]string // tbl/id → reason
	disps   map[string]protocol.Disposition
	confs   map[string]protocol.Conflict
	aliases map[string]string
	lastHLC string
	clock   *hlc.Clock
	actor   string // the Actor of the changes it makes ("" = a system actor)
}

func (e *env) device(opdKode string, bkpsdm bool) *dev {
	e.t.Helper()
	id, tok, err := e.srv.AddDevice(ctx, opdKode, bkpsdm)
	if err != nil {
		e.t.Fatal(err)
	}
	return &dev{e: e, id: id, token: tok, install: uuid.NewString(), schema: protocol.SchemaVersion,
		rows: map[string]map[string]any{}, base: map[string]int64{}, removed: map[string]string{},
		disps: map[string]protocol.Disposition{}, confs: map[string]protocol.Conflict{}, aliases: map[string]string{}}
}

// hlc stamps like a real client: its own clock, moved past what it pulled.
func (d *dev) hlc() string {
	if d.clock == nil {
		d.clock = hlc.New(func() time.Time { return d.e.now.Add(d.offset) }, hlc.Timestamp{})
	}
	return d.clock.Now().String()
}

func (d *dev) observe(s string) {
	if ts, err := hlc.Parse(s); err == nil {
		d.hlc()
		d.clock.Observe(ts)
	}
}

// change builds the next outbox entry.
func (d *dev) change(tbl, id, op string, cols map[string]any) protocol.Change {
	d.seq++
	return protocol.Change{LocalSeq: d.seq, ChangeID: uuid.NewString(), Table: tbl, RowID: id, Op: op, Cols: cols,
		HLC: d.hlc(), BaseSeq: d.base[tbl+"/"+id], SchemaVersion: d.schema, Actor: d.actor}
}

func (d *dev) do(method, path string, body any, out any) (int, protocol.ErrorResponse) {
	d.e.t.Helper()
	var rd *bytes.Reader
	if body != nil {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		json.NewEncoder(zw).Encode(body)
		zw.Close()
		rd = bytes.NewReader(buf.Bytes())
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, d.e.ts.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Encoding", "gzip")
	}
	req.Header.Set("Authorization", "Bearer "+d.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		d.e.t.Fatal(err)
	}
	defer res.Body.Close()
	var er protocol.ErrorResponse
	if res.StatusCode != 200 {
		json.NewDecoder(res.Body).Decode(&er)
		return res.StatusCode, er
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		d.e.t.Fatal(err)
	}
	return 200, er
}

// pushReq sends changes and fails the test on a non-200 answer.
func (d *dev) push(chs ...protocol.Change) protocol.PushResponse {
	d.e.t.Helper()
	var resp protocol.PushResponse
	code, er := d.do("POST", protocol.PathPush, d.req(chs), &resp)
	if code != 200 {
		d.e.t.Fatalf("push: %d %+v", code, er)
	}
	d.observe(resp.ServerHLC)
	return resp
}

func (d *dev) req(chs []protocol.Change) protocol.PushRequest {
	return protocol.PushRequest{DeviceID: d.install, SchemaVersion: d.schema, AppVersion: "test", ClientTime: d.e.now.Format(time.RFC3339), Changes: chs}
}

// push1 pushes one change and returns its disposition.
func (d *dev) push1(tbl, id, op string, cols map[string]any) protocol.Disposition {
	d.e.t.Helper()
	r := d.push(d.change(tbl, id, op, cols))
	if len(r.Dispositions) != 1 {
		d.e.t.Fatalf("want 1 disposition, got %+v", r)
	}
	return r.Dispositions[0]
}

// pull pulls to the head, applying entries to the device's view.
func (d *dev) pull() []protocol.Entry {
	d.e.t.Helper()
	var all []protocol.Entry
	for range 10000 {
		var resp protocol.PullResponse
		code, er := d.do("GET", fmt.Sprintf("%s?cursor=%s&max_bytes=%d&schema=%d", protocol.PathPull, d.cursor, 64<<10, d.schema), nil, &resp)
		if code != 200 {
			d.e.t.Fatalf("pull: %d %+v", code, er)
		}
		for _, en := range resp.Entries {
			d.apply(en)
		}
		all = append(all, resp.Entries...)
		d.cursor = resp.NextCursor
		d.observe(resp.ServerHLC)
		if !resp.HasMore {
			return all
		}
	}
	d.e.t.Fatal("pull did not end")
	return nil
}

func (d *dev) apply(en protocol.Entry) {
	k := en.Table + "/" + en.RowID
	d.observe(en.HLC)
	switch en.Kind {
	case protocol.KindRow:
		if en.Deleted {
			delete(d.rows, k)
			d.removed[k] = en.Reason
		} else {
			d.rows[k] = en.Row
			delete(d.removed, k)
		}
		d.base[k] = en.Seq
	case protocol.KindDisposition:
		d.disps[en.Disposition.ChangeID] = *en.Disposition
	case protocol.KindConflict:
		d.confs[en.Conflict.ID] = *en.Conflict
	case protocol.KindAlias:
		d.aliases[k] = en.Row["alias_of"].(string)
	}
}

func (d *dev) row(tbl, id string) map[string]any { return d.rows[tbl+"/"+id] }

// region is a small fixture: a Pemda, two OPDs with a unit each, a jabatan,
// two employees per OPD, and a riwayat row each.
type region struct {
	pemda, opdA, opdB, unitA, unitB, jab string
	pegA, pegA2, pegB, pegB2             string
	rwA, rwB                             string
	abk, usulan                          string // made by withWorkflow only
}

// pegawaiCols is a valid employee row; birth date, gender and TMT CPNS
// follow the NIP as the domain's rules require.
func pegawaiCols(nip, opd, unit, jab string) map[string]any {
	birth, gender, tmtPNS := "1980-01-01", "L", "2006-01-01"
	if len(nip) == 18 {
		birth = nip[0:4] + "-" + nip[4:6] + "-" + nip[6:8]
		if nip[14] == '2' {
			gender = "P"
		}
		y := nip[8:12]
		tmtPNS = fmt.Sprintf("%04d-%s-01", atoi(y)+1, nip[12:14])
	}
	tmtJabatan := max("2020-01-01", tmtPNS)
	return map[string]any{"nip": nip, "nama": "Pegawai " + nip, "gelar_depan": "", "gelar_belakang": "", "jenis_kelamin": gender,
		"tempat_lahir": "Sorong", "tanggal_lahir": birth, "status": "PNS", "golongan": 31, "golongan_pppk": 0, "pendidikan": 40,
		"jurusan": "", "opd_id": opd, "unit_id": unit, "jabatan_id": jab, "tmt_jabatan": tmtJabatan, "tmt_cpns": "", "tmt_pns": tmtPNS,
		"keluar_pada": "", "instansi_tujuan": ""}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func (e *env) region(admin *dev) region {
	e.t.Helper()
	r := region{pemda: uuid.NewString(), opdA: uuid.NewString(), opdB: uuid.NewString(), unitA: uuid.NewString(), unitB: uuid.NewString(),
		jab: uuid.NewString(), pegA: uuid.NewString(), pegA2: uuid.NewString(), pegB: uuid.NewString(), pegB2: uuid.NewString(),
		rwA: uuid.NewString(), rwB: uuid.NewString()}
	chs := []protocol.Change{
		admin.change("pemda", r.pemda, "insert", map[string]any{"kode": "9171", "nama": "Kota Sorong", "demo": 1}),
		admin.change("opd", r.opdA, "insert", map[string]any{"pemda_id": r.pemda, "kode": "OPD-A", "nama": "Dinas A", "singkatan": "A", "jenis": "DINAS", "alamat": ""}),
		admin.change("opd", r.opdB, "insert", map[string]any{"pemda_id": r.pemda, "kode": "OPD-B", "nama": "Dinas B", "singkatan": "B", "jenis": "DINAS", "alamat": ""}),
		admin.change("unit", r.unitA, "insert", map[string]any{"opd_id": r.opdA, "parent_id": nil, "kode": "U1", "nama": "Sekretariat A"}),
		admin.change("unit", r.unitB, "insert", map[string]any{"opd_id": r.opdB, "parent_id": nil, "kode": "U1", "nama": "Sekretariat B"}),
		admin.change("jabatan", r.jab, "insert", map[string]any{"kode": "J1", "nama": "Analis", "jenis": "PELAKSANA", "jenjang": "", "kelas": 7, "min_pendidikan": 40,
			"jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}),
		admin.change("pegawai", r.pegA, "insert", pegawaiCols("198001012005011001", r.opdA, r.unitA, r.jab)),
		admin.change("pegawai", r.pegA2, "insert", pegawaiCols("198001012005011002", r.opdA, r.unitA, r.jab)),
		admin.change("pegawai", r.pegB, "insert", pegawaiCols("198001012005011003", r.opdB, r.unitB, r.jab)),
		admin.change("pegawai", r.pegB2, "insert", pegawaiCols("198001012005011004", r.opdB, r.unitB, r.jab)),
		admin.change("riwayat_jabatan", r.rwA, "insert", map[string]any{"pegawai_id": r.pegA, "opd_id": r.opdA, "unit_id": r.unitA, "jabatan_id": r.jab,
			"tmt": "2020-01-01", "tanggal_selesai": "", "nomor_sk": "SK-1", "keterangan": ""}),
		admin.change("riwayat_jabatan", r.rwB, "insert", map[string]any{"pegawai_id": r.pegB, "opd_id": r.opdB, "unit_id": r.unitB, "jabatan_id": r.jab,
			"tmt": "2020-01-01", "tanggal_selesai": "", "nomor_sk": "SK-2", "keterangan": ""}),
	}
	resp := admin.push(chs...)
	for _, d := range resp.Dispositions {
		if d.Status != protocol.StatusApplied {
			e.t.Fatalf("region load: %+v", d)
		}
	}
	return r
}

func wantStatus(t *testing.T, d protocol.Disposition, status, reason string) {
	t.Helper()
	if d.Status != status || (reason != "" && d.Reason != reason) {
		t.Fatalf("disposition = %s/%s (%s), want %s/%s", d.Status, d.Reason, d.Detail, status, reason)
	}
}

func restore(backup, path string) error { return sqlitestore.Restore(backup, path) }

// personalTables are scoped to the employee's OPD.
var personalTables = map[string]bool{"pegawai": true, "riwayat_jabatan": true, "skp": true, "hukdis": true}

// assertNoForeignPersonalData fails if an OPD device holds personal data
// of another OPD's employee, in a row or inside a conflict.
func (d *dev) assertNoForeignPersonalData(t *testing.T, opdID string) {
	t.Helper()
	for k, row := range d.rows {
		tbl := k[:strings.Index(k, "/")]
		if !personalTables[tbl] {
			continue
		}
		owner := row["opd_id"]
		if tbl != "pegawai" {
			p := d.rows["pegawai/"+fmt.Sprint(row["pegawai_id"])]
			if p == nil {
				t.Fatalf("%s held without its employee", k)
			}
			owner = p["opd_id"]
		}
		if owner != opdID {
			t.Fatalf("device of OPD %s holds %s of OPD %v", opdID, k, owner)
		}
	}
	for _, c := range d.confs {
		for _, vals := range []map[string]any{c.Server, c.Incoming} {
			if c.Table == "pegawai" && vals["opd_id"] != nil && vals["opd_id"] != opdID && vals["nama"] != nil {
				t.Fatalf("conflict %s carries another OPD's personal data: %v", c.ID, vals)
			}
		}
	}
}
