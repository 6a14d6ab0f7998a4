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
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/metrics", nil))
	}
}
