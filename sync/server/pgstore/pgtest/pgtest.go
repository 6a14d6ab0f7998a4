// Package pgtest gives tests a fresh PostgreSQL database each: it connects
// to the server named by IMBANG_TEST_PG (default
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable), creates
// imbang_test_<random> and drops it when the test ends. When the server is
// unreachable the test fails if CI=true (the PostgreSQL tests must run in CI:
// `make pg` starts one) and is skipped with the reason otherwise.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultURL is the server the tests use when IMBANG_TEST_PG is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// AdminURL is the connection URL of the test server.
func AdminURL() string {
	if u := os.Getenv("IMBANG_TEST_PG"); u != "" {
		return u
	}
	return DefaultURL
}

// Unavailable fails (CI=true) or skips the test with the reason.
func Unavailable(t testing.TB, err error) {
	t.Helper()
	msg := fmt.Sprintf("PostgreSQL at %s is unreachable: %v (set IMBANG_TEST_PG, or run `make pg` to start one)", redact(AdminURL()), err)
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true: the PostgreSQL tests must run, not be skipped. %s", msg)
	}
	t.Skip(msg)
}

func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(invalid URL)"
	}
	return p.Redacted()
}

// NewDatabase creates a fresh empty database and returns its URL (same
// server, user and options as AdminURL); it is dropped at the end of the test.
func NewDatabase(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		Unavailable(t, err)
		return ""
	}
	defer admin.Close(context.Background())
	var b [6]byte
	rand.Read(b[:])
	name := "imbang_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	t.Cleanup(func() { Drop(t, name) })
	u, err := url.Parse(AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Drop drops a test database, closing its connections.
func Drop(t testing.TB, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		t.Logf("pgtest: drop %s: %v", name, err)
		return
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		t.Logf("pgtest: drop %s: %v", name, err)
	}
}
