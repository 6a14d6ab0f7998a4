package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/hlc"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/google/uuid"
)

// rawPush sends changes as a device would, through the raw protocol (no
// desktop checks on the way).
func rawPush(t *testing.T, url, token, install string, chs []protocol.Change) protocol.PushResponse {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	json.NewEncoder(zw).Encode(protocol.PushRequest{DeviceID: install, SchemaVersion: protocol.SchemaVersion, AppVersion: "forged", Changes: chs})
	zw.Close()
	req, _ := http.NewRequest("POST", url+protocol.PathPush, &buf)
	req.Header.Set("Content-Encoding", "gzip")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("push: %d", res.StatusCode)
	}
	var out protocol.PushResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// After an OPD device pushes every kind of invalid value for its own
// employee, the BKPSDM desktop syncs and every command still works; and
// should a bad row reach it anyway (a compromised server), the row is set
// aside with a notice and the commands still work.
func TestBKPSDMDesktopSurvivesAHostileOPD(t *testing.T) {
	ctx := context.Background()
	srv := newSyncServer(t)
	_, bkTok, err := srv.AddDevice(ctx, "", true)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	dir := t.TempDir()
	if _, errOut, code := runCLI(t, "--data-dir", dir, "demo", "--size", "60"); code != 0 {
		t.Fatal(errOut)
	}
	if out, errOut, code := runCLI(t, "--data-dir", dir, "sync", "--server", ts.URL, "--token", bkTok); code != 0 {
		t.Fatalf("first sync: %s %s", out, errOut)
	}
	// one OPD's employee, and that OPD's device
	st, err := store.Open(ctx, store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var pegID, opdKode, otherUnit string
	if err := st.DB().QueryRowContext(ctx, `SELECT p.id, o.kode, (SELECT u.id FROM unit u WHERE u.opd_id <> p.opd_id LIMIT 1)
		FROM pegawai p JOIN opd o ON o.id = p.opd_id LIMIT 1`).Scan(&pegID, &opdKode, &otherUnit); err != nil {
		t.Fatal(err)
	}
	st.Close()
	_, opdTok, err := srv.AddDevice(ctx, opdKode, false)
	if err != nil {
		t.Fatal(err)
	}
	clock := hlc.New(time.Now, hlc.Timestamp{})
	install := uuid.NewString()
	var chs []protocol.Change
	bad := []map[string]any{
		{"golongan": 1e308}, {"golongan": "abc"}, {"golongan": 1.5}, {"pendidikan": "S9"}, {"tanggal_lahir": "not-a-date"},
		{"nip": "abc"}, {"status": "XYZ"}, {"unit_id": "insert"}, {"unit_id": otherUnit}, {"nama": strings.Repeat("x", 1<<20)},
		{"jabatan_id": uuid.NewString()}, {"kolom_palsu": 1},
	}
	for i, cols := range bad {
		chs = append(chs, protocol.Change{LocalSeq: int64(i + 1), ChangeID: uuid.NewString(), Table: "pegawai", RowID: pegID, Op: protocol.OpUpdate,
			Cols: cols, HLC: clock.Now().String(), SchemaVersion: protocol.SchemaVersion})
	}
	resp := rawPush(t, ts.URL, opdTok, install, chs)
	if len(resp.Dispositions) != len(bad) {
		t.Fatalf("dispositions: %+v", resp.Dispositions)
	}
	for i, d := range resp.Dispositions {
		if d.Status != protocol.StatusRejected {
			t.Fatalf("%v: %s/%s", bad[i], d.Status, d.Reason)
		}
	}
	commands := func(what string) {
		t.Helper()
		for _, args := range [][]string{
			{"sync"}, {"pegawai", "--search", "19", "--limit", "5"}, {"plan", "--format", "json", "--max-moves", "5"},
			{"export", "--what", "pegawai", "--out", filepath.Join(t.TempDir(), "p.xlsx")}, {"abk", "--format", "json"}, {"info"},
		} {
			if out, errOut, code := runCLI(t, append([]string{"--data-dir", dir}, args...)...); code != 0 {
				t.Fatalf("%s: imbang %v: exit %d\n%.500s\n%.500s", what, args, code, out, errOut)
			}
		}
	}
	commands("after the hostile pushes")

	// A bad row that reaches the desktop anyway is set aside, the rest applies.
	st, err = store.Open(ctx, store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var row map[string]any
	var raw string
	if err := st.DB().QueryRowContext(ctx, "SELECT row FROM sync_base WHERE tbl = 'pegawai' AND row_id = ?", pegID).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal([]byte(raw), &row)
	evil := map[string]any{}
	for k, v := range row {
		evil[k] = v
	}
	evil["golongan"] = 1e308
	good := map[string]any{}
	for k, v := range row {
		good[k] = v
	}
	cur, _ := st.SyncMeta(ctx, store.MetaPullCursor)
	res, err := st.ApplyPull(ctx, store.PullApply{From: cur, Page: protocol.PullResponse{NextCursor: cur, Entries: []protocol.Entry{
		{Seq: 1 << 40, Kind: protocol.KindRow, Table: "pegawai", RowID: pegID, Row: evil, HLC: clock.Now().String()},
		{Seq: 1 << 40, Kind: protocol.KindRow, Table: "pengguna", RowID: uuid.NewString(), HLC: clock.Now().String(),
			Row: map[string]any{"username": "root", "nama": "Root", "role": "OPERATOR_OPD", "opd_id": "", "pegawai_id": "", "password_hash": "", "aktif": 1, "harus_ganti": 0}},
		{Seq: 1 << 40, Kind: protocol.KindRow, Table: "skp", RowID: "bukan-uuid", Row: map[string]any{"pegawai_id": pegID, "tahun": 2025, "predikat": "BAIK"}},
		{Seq: 1 << 40, Kind: protocol.KindRow, Table: "bezetting_agregat", RowID: uuid.NewString(),
			Row: map[string]any{"opd_id": "insert", "unit_id": "insert", "jabatan_id": "insert", "jumlah": 1e308}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Quarantined != 4 || !strings.Contains(res.Problem, "golongan") {
		t.Fatalf("quarantine: %+v", res)
	}
	var gol any
	st.DB().QueryRowContext(ctx, "SELECT golongan FROM pegawai WHERE id = ?", pegID).Scan(&gol)
	if gol != good["golongan"] && gol != int64(good["golongan"].(float64)) {
		t.Fatalf("stored golongan %v, want %v", gol, good["golongan"])
	}
	if n, _ := st.QuarantineCount(ctx); n != 4 {
		t.Fatalf("quarantine count %d", n)
	}
	st.Close()
	commands("after a quarantined pull")
	if out, _, _ := runCLI(t, "--data-dir", dir, "sync", "status"); !strings.Contains(out, `"quarantined": 4`) {
		t.Fatalf("status does not show the refused rows: %s", out)
	}
}
