package client_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
)

// TestBusyIsNotOffline: a server that is there but overloaded (429, 503,
// 504, or no answer before the request deadline) is "busy"; a server that
// cannot be reached (refused, unknown host) is "offline". Each has its own
// code and Indonesian sentence.
func TestBusyIsNotOffline(t *testing.T) {
	st := storetest.Open(t, "", nil)
	session := func(url string, timeout time.Duration) *client.Error {
		t.Helper()
		c := client.New(st, client.Options{ServerURL: url, Token: "t", RetryMax: -1, RequestTimeout: timeout})
		_, err := c.Sync(ctx)
		ce, ok := err.(*client.Error)
		if !ok {
			t.Fatalf("%s: want a client error, got %v", url, err)
		}
		return ce
	}
	for _, status := range []int{429, 503, 504} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(status)
		}))
		ce := session(ts.URL, time.Minute)
		ts.Close()
		if ce.Code != client.CodeBusy || ce.Offline || !strings.Contains(ce.Message, "sibuk") {
			t.Fatalf("%d: %+v", status, ce)
		}
	}
	// no answer before the request's deadline
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	ce := session(slow.URL, 300*time.Millisecond)
	close(release)
	slow.Close()
	if ce.Code != client.CodeBusy || ce.Offline {
		t.Fatalf("timeout: %+v", ce)
	}
	// refused: nothing listens
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	for _, url := range []string{"http://" + addr, "http://imbang-tidak-ada.invalid"} {
		ce := session(url, time.Minute)
		if ce.Code != client.CodeOffline || !ce.Offline || !strings.Contains(ce.Message, "tidak dapat dihubungi") {
			t.Fatalf("%s: %+v", url, ce)
		}
	}
	// a 500 is a fault of the server, neither busy nor offline
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	defer bad.Close()
	if ce := session(bad.URL, time.Minute); ce.Code == client.CodeBusy || ce.Offline {
		t.Fatalf("500: %+v", ce)
	}
}
