package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Compact pull pages (protocol version 2, docs/sync-protocol.md "Compact
// first sync"): the same page a JSON pull with the same cursor would
// answer — built by the same code, so the same scope, authorization,
// downcasting and cursor rules — encoded as a chunk (protocol.EncodeChunk).
// Pages are larger (Options.MaxChunkBytes) since a chunk is ~3× smaller
// on the wire than gzip JSON.

// PullChunk builds the chunk of the page after cursor: the compressed body
// and the SHA-256 of its payload.
func (s *Server) PullChunk(ctx context.Context, d Device, cursor string, maxBytes, schema int) ([]byte, string, protocol.PullResponse, *httpError) {
	if maxBytes <= 0 || maxBytes > s.opts.MaxChunkBytes {
		maxBytes = s.opts.MaxChunkBytes
	}
	raw := []json.RawMessage{}
	resp, _, herr := s.pullCapped(ctx, d, cursor, maxBytes, s.opts.MaxChunkBytes, schema, &raw)
	if herr != nil {
		return nil, "", resp, herr
	}
	// The entries as a JSON client decodes them (numbers as json.Number):
	// the chunk must decode to exactly that.
	n := 2
	for _, e := range raw {
		n += len(e) + 1
	}
	buf := make([]byte, 0, n)
	buf = append(buf, '[')
	for i, e := range raw {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, e...)
	}
	buf = append(buf, ']')
	dec := json.NewDecoder(bytes.NewReader(buf))
	dec.UseNumber()
	if err := dec.Decode(&resp.Entries); err != nil {
		return nil, "", resp, errInternal(err)
	}
	body, sha, err := protocol.EncodeChunk(resp)
	if err != nil {
		return nil, "", resp, errInternal(err)
	}
	return body, sha, resp, nil
}

// pullChunk answers a pull with enc=imbc1.
func (s *Server) pullChunk(w http.ResponseWriter, r *http.Request, d Device, cursor, maxBytes string, schema int) {
	mb := 0
	if maxBytes != "" {
		mb, _ = strconv.Atoi(maxBytes) // checked by pullParams
	}
	body, sha, _, herr := s.PullChunk(r.Context(), d, cursor, mb, schema)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	s.metrics.synced(d, time.Now())
	w.Header().Set("Content-Type", protocol.ChunkContentType)
	w.Header().Set(protocol.HeaderChunkSHA256, sha)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}
