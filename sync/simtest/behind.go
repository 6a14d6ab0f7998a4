package simtest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// v2Columns are the synced columns schema version 2 added (migration 0004:
// pegawai.keluar_pada, instansi_tujuan); the oracle leaves them out of its
// last-writer check (check.go).
var v2Columns = map[string][]string{"pegawai": {"keluar_pada", "instansi_tujuan"}}

// behindColumns are the columns of tbl an N−1 client does not know: those
// sync/rules declares with a newer schema version (one source, so the shim
// follows every schema bump).
func behindColumns(tbl string) []string {
	t := rules.ByName(tbl)
	if t == nil {
		return nil
	}
	var out []string
	for _, c := range t.ColNames() {
		if t.Column(c).Since > protocol.SchemaVersion-1 {
			out = append(out, c)
		}
	}
	return out
}

// behindValues rewrites the values whose spelling changed at the current
// schema version: workflow event kinds became UPPER_SNAKE at 4 (lower-case
// before). to is strings.ToLower for what an old client sends, ToUpper for
// what the current local database stores.
func behindValues(tbl string, cols map[string]any, to func(string) string) {
	if k, ok := cols["kind"].(string); ok && tbl == "mutasi_event" {
		cols["kind"] = to(k)
	}
}

// behindShim makes a current client speak schema version
// protocol.SchemaVersion-1 on the wire: its pushes carry the older
// schema_version and none of the newer columns, its pulls ask for the older
// schema. The server must upcast the pushes and keep the unknown columns out
// of the row images (in Extra). This is the wire of an N−1 client; the local
// database keeps its current schema, so the convergence check compares only
// the columns the old version knows.
type behindShim struct{ next http.RoundTripper }

func (b behindShim) RoundTrip(req *http.Request) (*http.Response, error) {
	old := protocol.SchemaVersion - 1
	q := req.URL.Query()
	if q.Has("schema") {
		q.Set("schema", strconv.Itoa(old))
		req.URL.RawQuery = q.Encode()
	}
	if strings.HasSuffix(req.URL.Path, protocol.PathPush) && req.Body != nil {
		raw, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		gz := strings.Contains(req.Header.Get("Content-Encoding"), "gzip")
		body := raw
		if gz {
			body = decode("gzip", raw)
		}
		var pr protocol.PushRequest
		if err := json.Unmarshal(body, &pr); err == nil {
			pr.SchemaVersion = old
			for i := range pr.Changes {
				pr.Changes[i].SchemaVersion = old
				for _, c := range behindColumns(pr.Changes[i].Table) {
					delete(pr.Changes[i].Cols, c)
				}
				behindValues(pr.Changes[i].Table, pr.Changes[i].Cols, strings.ToLower)
			}
			body, _ = json.Marshal(pr)
		}
		if gz {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(body)
			zw.Close()
			body = buf.Bytes()
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	resp, err := b.next.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusOK || !strings.HasSuffix(req.URL.Path, protocol.PathPull) {
		return resp, err
	}
	// The local database of this emulated old client still has the v2
	// columns (NOT NULL, default ''); an old client would not have them at
	// all. Fill them with their defaults so the apply sees what an old
	// database would hold, and leave Extra as the server sent it.
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	gz := strings.Contains(resp.Header.Get("Content-Encoding"), "gzip")
	body := raw
	if gz {
		body = decode("gzip", raw)
	}
	var page protocol.PullResponse
	if json.Unmarshal(body, &page) == nil {
		for i, e := range page.Entries {
			if e.Kind != protocol.KindRow || e.Row == nil {
				continue
			}
			// The server must have brought the values down to the old
			// schema; the local database (current code) stores them as now.
			if k, ok := e.Row["kind"].(string); ok && e.Table == "mutasi_event" && k != strings.ToLower(k) {
				return nil, fmt.Errorf("simtest: a schema %d client was sent the event kind %q", old, k)
			}
			behindValues(e.Table, page.Entries[i].Row, strings.ToUpper)
			for _, c := range behindColumns(e.Table) {
				if _, ok := e.Row[c]; !ok {
					page.Entries[i].Row[c] = ""
				}
			}
		}
		body, _ = json.Marshal(page)
		if gz {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(body)
			zw.Close()
			body = buf.Bytes()
		}
	} else {
		body = raw
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return resp, nil
}
