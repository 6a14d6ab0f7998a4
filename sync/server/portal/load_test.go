package portal_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/portal"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
	"github.com/google/uuid"
)

// BenchmarkPortalLoad: 1,000 employees browsing (data, formasi, status,
// with a few seconds between pages) while 50 submit an APS request, all
// within one 30-second wave, against the portal on the SQLite server (a
// region of 20 OPDs, 200 deficit posts). Each iteration is one wave; it
// reports the p50/p99 page time, the errors and the requests submitted.
// Accounts and sessions are made in the store directly (argon2id logins
// are not what this measures). docs/performance.md has the figures.
func BenchmarkPortalLoad(b *testing.B) {
	const browsers, submitters = 1000, 50
	const wave = 30 * time.Second
	st, err := sqlitestore.Open(b.TempDir() + "/load.db")
	if err != nil {
		b.Fatal(err)
	}
	t := &testing.T{}
	e := newEnv(t, st, portal.Config{})
	b.Cleanup(func() { e.ts.Close(); st.Close() })
	pegs, target := loadRegion(b, e, browsers+submitters)
	ps := st
	hash, _ := auth.Hash("Sorong2026aman", auth.DefaultParams)
	type sess struct{ cookie, csrf string }
	sessions := make([]sess, len(pegs))
	for i, id := range pegs {
		if _, err := ps.ActivatePortal(ctx, uuid.NewString(), server.PortalAccount{PegawaiID: id, PasswordHash: hash, Created: e.now, Updated: e.now}); err != nil {
			b.Fatal(err)
		}
		raw, csrf := uuid.NewString()+uuid.NewString(), uuid.NewString()
		if err := ps.PutPortalSession(ctx, server.PortalSession{IDHash: server.HashToken(raw), PegawaiID: id, CSRF: csrf, Lang: "id",
			Created: e.now, Expires: e.now.Add(8 * time.Hour), LastSeen: e.now}); err != nil {
			b.Fatal(err)
		}
		sessions[i] = sess{raw, csrf}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(s sess, method, path string, form url.Values) (int, time.Duration) {
		var body io.Reader
		if form != nil {
			form.Set("csrf", s.csrf)
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequest(method, e.ts.URL+path, body)
		req.Header.Set("Cookie", "imbang_portal="+s.cookie)
		req.Header.Set("Accept-Encoding", "gzip")
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		t0 := time.Now()
		res, err := client.Do(req)
		if err != nil {
			return 0, time.Since(t0)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode, time.Since(t0)
	}
	b.ResetTimer()
	var all []time.Duration
	errs, submitted := 0, 0
	for range b.N {
		var mu sync.Mutex
		var wg sync.WaitGroup
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range pegs {
			start := time.Duration(rng.Int64N(int64(wave)))
			think := []time.Duration{time.Duration(1+rng.IntN(4)) * time.Second, time.Duration(1+rng.IntN(4)) * time.Second}
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				time.Sleep(start)
				var lat []time.Duration
				bad, ok := 0, 0
				if i < browsers {
					for k, p := range []string{"/portal/data", "/portal/formasi", "/portal/status"} {
						if k > 0 {
							time.Sleep(think[k-1])
						}
						code, d := do(sessions[i], "GET", p, nil)
						lat = append(lat, d)
						if code != 200 {
							bad++
						}
					}
				} else {
					code, d := do(sessions[i], "POST", "/portal/ajukan", url.Values{"jenis": {"T1"}, "tujuan": {target}, "alasan": {"Uji beban."}, "aksi": {"ajukan"}})
					lat = append(lat, d)
					if code == http.StatusSeeOther {
						ok++
					} else if code != 400 { // 400: a second request of the same employee in a later wave
						bad++
					}
				}
				mu.Lock()
				all = append(all, lat...)
				errs += bad
				submitted += ok
				mu.Unlock()
			}(i)
		}
		wg.Wait()
	}
	b.StopTimer()
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	q := func(p float64) float64 { return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(float64(errs), "errors")
	b.ReportMetric(float64(submitted), "submitted")
	b.ReportMetric(float64(len(all))/b.Elapsed().Seconds(), "req/s")
}

// loadRegion adds n employees and 20 OPDs × 10 units with a deficit post
// each to the env's region; it returns the employees and a target key.
func loadRegion(b *testing.B, e *env, n int) ([]string, string) {
	var chs []protocol.Change
	var pegs []string
	var target string
	for o := range 20 {
		opd := uuid.NewString()
		chs = append(chs, ins("opd", opd, map[string]any{"pemda_id": e.r.pemda, "kode": fmt.Sprintf("L%02d", o), "nama": fmt.Sprintf("Dinas Beban %02d", o),
			"singkatan": "", "jenis": "DINAS", "alamat": ""}))
		for u := range 10 {
			unit := uuid.NewString()
			chs = append(chs, ins("unit", unit, map[string]any{"opd_id": opd, "parent_id": nil, "kode": fmt.Sprintf("U%d", u), "nama": fmt.Sprintf("Bidang %d", u)}),
				ins("abk_tugas", uuid.NewString(), map[string]any{"abk_id": e.r.abk, "unit_id": unit, "jabatan_id": e.r.jab, "urutan": 1, "uraian": "Analisis",
					"satuan_hasil": "dokumen", "volume": 4 * 75000, "periode": "TAHUN", "norma_menit": 1}))
			if target == "" {
				target = unit + "|" + e.r.jab
			}
			for k := 0; k < n/200+1 && len(pegs) < n; k++ {
				id := uuid.NewString()
				i := len(pegs)
				nip := fmt.Sprintf("198501%02d2010011%03d", 1+(i/999)%28, 1+i%999)
				chs = append(chs, ins("pegawai", id, pegawai(nip, fmt.Sprintf("Pegawai %d", len(pegs)), opd, unit, e.r.jab2)))
				pegs = append(pegs, id)
			}
		}
	}
	for len(chs) > 0 {
		k := min(len(chs), 500)
		if err := e.srv.ApplyServer(ctx, "", chs[:k]); err != nil {
			b.Fatal(err)
		}
		chs = chs[k:]
	}
	return pegs, target
}
