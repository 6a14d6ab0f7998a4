package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
)

// benchRegion is a synthetic region pushed by a BKPSDM device: opds OPDs,
// each with one unit and perOPD employees, each employee with one riwayat row.
type benchRegion struct {
	srv      *server.Server
	st       *sqlitestore.Store
	admin    string
	install  string
	seq      int64
	clock    *hlc.Clock
	opds     []string
	units    []string
	jab      string
	pegawai  []string
	rows     int
	pushTime time.Duration
	pushCPU  time.Duration
}

func (r *benchRegion) ch(tbl, id, op string, cols map[string]any) protocol.Change {
	r.seq++
	return protocol.Change{LocalSeq: r.seq, ChangeID: uuid.NewString(), Table: tbl, RowID: id, Op: op, Cols: cols, HLC: r.clock.Now().String(), SchemaVersion: protocol.SchemaVersion}
}

func (r *benchRegion) push(b *testing.B, chs []protocol.Change) {
	resp, herr := r.srv.Push(ctx, r.admin, protocol.PushRequest{DeviceID: r.install, SchemaVersion: protocol.SchemaVersion, Changes: chs})
	if herr != nil {
		b.Fatal(herr)
	}
	for _, d := range resp.Dispositions {
		if d.Status != protocol.StatusApplied {
			b.Fatalf("%+v", d)
		}
	}
}

func newBenchRegion(b *testing.B, opds, perOPD int) *benchRegion {
	b.Helper()
	st, err := sqlitestore.Open(filepath.Join(b.TempDir(), "s.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	srv, err := server.New(st, server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	admin, _, _ := srv.AddDevice(ctx, "", true)
	r := &benchRegion{srv: srv, st: st, admin: admin, install: uuid.NewString(), clock: hlc.New(nil, hlc.Timestamp{}), jab: uuid.NewString()}
	pemda := uuid.NewString()
	chs := []protocol.Change{
		r.ch("pemda", pemda, "insert", map[string]any{"kode": "9171", "nama": "Kota Sorong", "demo": 1}),
		r.ch("jabatan", r.jab, "insert", map[string]any{"kode": "J1", "nama": "Analis", "jenis": "PELAKSANA", "jenjang": "", "kelas": 7, "min_pendidikan": 40, "jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}),
	}
	for i := range opds {
		o, u := uuid.NewString(), uuid.NewString()
		r.opds, r.units = append(r.opds, o), append(r.units, u)
		chs = append(chs, r.ch("opd", o, "insert", map[string]any{"pemda_id": pemda, "kode": fmt.Sprintf("OPD-%02d", i), "nama": fmt.Sprintf("Dinas %d", i), "singkatan": "", "jenis": "DINAS", "alamat": ""}),
			r.ch("unit", u, "insert", map[string]any{"opd_id": o, "parent_id": nil, "kode": "U1", "nama": "Sekretariat"}))
	}
	t0, c0 := time.Now(), cpuTime()
	r.push(b, chs)
	r.rows = len(chs)
	n := 0
	for i := range opds {
		chs = chs[:0]
		for range perOPD {
			n++
			p := uuid.NewString()
			r.pegawai = append(r.pegawai, p)
			chs = append(chs, r.ch("pegawai", p, "insert", pegawaiCols(fmt.Sprintf("198001012005%02d1%03d", 1+(n/999)%12, 1+n%999), r.opds[i], r.units[i], r.jab)),
				r.ch("riwayat_jabatan", uuid.NewString(), "insert", map[string]any{"pegawai_id": p, "opd_id": r.opds[i], "unit_id": r.units[i], "jabatan_id": r.jab,
					"tmt": "2020-01-01", "tanggal_selesai": "", "nomor_sk": fmt.Sprintf("SK-%d", n), "keterangan": ""}))
			if len(chs) >= 1000 {
				r.push(b, chs)
				r.rows += len(chs)
				chs = chs[:0]
			}
		}
		if len(chs) > 0 {
			r.push(b, chs)
			r.rows += len(chs)
		}
	}
	r.pushTime, r.pushCPU = time.Since(t0), cpuTime()-c0
	return r
}

// BenchmarkServerPushRegion: a BKPSDM device pushes a region of 20 OPDs ×
// 500 employees (+ a riwayat row each) in batches of 1,000 changes: every
// change authorised, merged, logged with its disposition, and committed
// with synchronous=FULL.
func BenchmarkServerPushRegion(b *testing.B) {
	for b.Loop() {
		r := newBenchRegion(b, 20, 500)
		b.ReportMetric(float64(r.rows)/r.pushTime.Seconds(), "changes/s")
		b.ReportMetric(float64(r.rows)/r.pushCPU.Seconds(), "changes/cpu-s")
	}
}

// cpuTime is the process's user+system CPU time: on a shared machine the
// wall clock measures the neighbours, CPU time measures this code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func gzipLen(raw []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed) // as the server sends
	zw.Write(raw)
	zw.Close()
	return buf.Len()
}

// pullAll pulls to the head through the HTTP handler (in process, gzip on),
// as a client would: gz is the bytes on the wire, size the JSON.
func pullAll(b *testing.B, h http.Handler, token string) (entries, size, gz int) {
	cursor := ""
	for {
		req := httptest.NewRequest("GET", protocol.PathPull+"?max_bytes=1048576&cursor="+cursor, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code, rec.Body.String())
		}
		gz += rec.Body.Len()
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			b.Fatal(err)
		}
		raw, _ := io.ReadAll(zr)
		size += len(raw)
		var resp protocol.PullResponse
		if err := json.Unmarshal(raw, &resp); err != nil {
			b.Fatal(err)
		}
		entries += len(resp.Entries)
		cursor = resp.NextCursor
		if !resp.HasMore {
			return
		}
	}
}

// BenchmarkServerPullInitial: a new device pulls from cursor "" to the head
// of the same region (1 MiB pages) through the HTTP handler with gzip (the
// figures include decoding the response, as a client must): a BKPSDM device
// gets every row, an OPD device its own OPD's people plus the reference data
// and aggregates, scanning past everything else.
func BenchmarkServerPullInitial(b *testing.B) {
	r := newBenchRegion(b, 20, 500)
	_, bk, _ := r.srv.AddDevice(ctx, "", true)
	_, opd, _ := r.srv.AddDevice(ctx, "OPD-03", false)
	h := r.srv.Handler()
	for _, c := range []struct{ name, dev string }{{"BKPSDM", bk}, {"OPD", opd}} {
		b.Run(c.name, func(b *testing.B) {
			var n, by, gz int
			var cpu time.Duration
			for b.Loop() {
				c0 := cpuTime()
				n, by, gz = pullAll(b, h, c.dev)
				cpu += cpuTime() - c0
			}
			b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "entries/cpu-s")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
			b.ReportMetric(float64(n), "entries")
			b.ReportMetric(float64(by), "json-bytes")
			b.ReportMetric(float64(gz), "gzip-bytes")
		})
	}
}

// BenchmarkServerPushEdits: one OPD device pushes 1,000 single-column
// edits of its employees in one request.
func BenchmarkServerPushEdits(b *testing.B) {
	r := newBenchRegion(b, 4, 250)
	opd, _, _ := r.srv.AddDevice(ctx, "OPD-00", false)
	inst := uuid.NewString()
	var seq int64
	clock := hlc.New(nil, hlc.Timestamp{})
	var cpu time.Duration
	for b.Loop() {
		c0 := cpuTime()
		chs := make([]protocol.Change, 0, 1000)
		for i := range 1000 {
			seq++
			p := r.pegawai[i%250]
			chs = append(chs, protocol.Change{LocalSeq: seq, ChangeID: uuid.NewString(), Table: "pegawai", RowID: p, Op: "update",
				Cols: map[string]any{"nama": fmt.Sprintf("Nama %d", seq)}, HLC: clock.Now().String(), BaseSeq: 1 << 40, SchemaVersion: protocol.SchemaVersion})
		}
		req := protocol.PushRequest{DeviceID: inst, SchemaVersion: protocol.SchemaVersion, Changes: chs}
		raw, _ := json.Marshal(req)
		b.ReportMetric(float64(gzipLen(raw))/1000, "gzip-bytes/edit")
		resp, herr := r.srv.Push(ctx, opd, req)
		if herr != nil || len(resp.Dispositions) != 1000 || resp.Dispositions[0].Status != protocol.StatusApplied {
			b.Fatalf("%v %+v", herr, resp.Dispositions[0])
		}
		cpu += cpuTime() - c0
	}
	b.ReportMetric(1000*float64(b.N)/cpu.Seconds(), "changes/cpu-s")
	b.ReportMetric(1000*float64(b.N)/b.Elapsed().Seconds(), "changes/s")
}
