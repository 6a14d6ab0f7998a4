package loadtest

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/bkpsdm-sorong/imbang/sync/server/sqlitestore"
)

// TestRunOutbox: a short run against a real server. Every change the
// devices made is disposed, without errors, and what they made is their
// rate over the time they ran (the outbox neither drops nor invents).
func TestRunOutbox(t *testing.T) {
	st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := server.New(st, server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	const devices, rate = 4, 20.0
	res, err := Run(context.Background(), Config{BaseURL: hs.URL, Devices: devices, OPDs: 2, Rate: rate,
		Interval: 200 * time.Millisecond, Duration: 2 * time.Second, Rows: 5,
		Register: func(ctx context.Context, opdKode string) (string, error) {
			_, tok, err := srv.AddDevice(ctx, opdKode, opdKode == "")
			return tok, err
		}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors != 0 {
		t.Fatalf("%d errors: %s", res.Errors, res.FirstError)
	}
	if res.Changes != res.Generated {
		t.Errorf("made %d changes, %d disposed", res.Generated, res.Changes)
	}
	// Each device runs between Duration - Interval (its start phase) and
	// Duration; what it made plus what is left is its rate over that time.
	total := res.Generated + res.Backlog
	lo, hi := int64(devices*rate*1.8)-devices, int64(devices*rate*2.2)+devices*4
	if total < lo || total > hi {
		t.Errorf("made %d + left %d = %d changes, want %d..%d", res.Generated, res.Backlog, total, lo, hi)
	}
	if res.PulledEntries == 0 || res.Pulls == 0 {
		t.Errorf("no pulls: %+v", res)
	}
}
