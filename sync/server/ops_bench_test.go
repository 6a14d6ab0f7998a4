package server_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/uuid"
)

// BenchmarkEnroll: one code made and exchanged for a credential (two
// serialised transactions on SQLite).
func BenchmarkEnroll(b *testing.B) {
	e := newEnv(b)
	defer e.close()
	e.region(e.device("", true))
	b.ResetTimer()
	for b.Loop() {
		c, err := e.srv.CreateEnrollment(ctx, "OPD-A", false, time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.srv.Enroll(ctx, c.Code, uuid.NewString()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMetrics renders /metrics after some traffic.
func BenchmarkMetrics(b *testing.B) {
	e := newEnv(b)
	defer e.close()
	h := e.srv.Handler()
	for range 100 {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/healthz", nil))
	}
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = "127.0.0.1:9090" // a local Prometheus (others need the metrics token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
