package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Compact pull pages (docs/sync-protocol.md "Compact first sync"): the
// same page a JSON pull with the same cursor would answer — built by the
// same code, so the same scope, authorization, downcasting and cursor
// rules — encoded as a chunk (enc=imbc1, protocol.EncodeChunk, one page per
// answer) or as a stream of such pages (enc=imbc2, protocol.StreamWriter,
// pages until the head in one answer). Pages are larger
// (Options.MaxChunkBytes) since a chunk is ~3× smaller on the wire than
// gzip JSON.

// A stream stops (without reaching the head; the client asks again from
// its cursor) after this much estimated JSON or this long, so one answer
// never holds a server goroutine for long nor outlives the write timeout.
const (
	streamBudgetPages = 64
	streamMaxTime     = 2 * time.Minute
	streamPageWrite   = time.Minute // write deadline, renewed per page
)

// chunkPage builds the page after cursor with its entries as a JSON client
// decodes them (numbers as json.Number): a chunk must decode to exactly
// that. It returns the page's estimated JSON size too.
func (s *Server) chunkPage(ctx context.Context, d Device, cursor string, maxBytes, schema int) (protocol.PullResponse, int, *httpError) {
	if maxBytes <= 0 || maxBytes > s.opts.MaxChunkBytes {
		maxBytes = s.opts.MaxChunkBytes
	}
	raw := []json.RawMessage{}
	resp, size, herr := s.pullCapped(ctx, d, cursor, maxBytes, s.opts.MaxChunkBytes, schema, &raw)
	if herr != nil {
		return resp, 0, herr
	}
	entries, err := decodeEntries(raw)
	if err != nil {
		return resp, 0, errInternal(err)
	}
	resp.Entries = entries
	return resp, size, nil
}

// PullChunk builds the chunk of the page after cursor: the compressed body
// and the SHA-256 of its payload.
func (s *Server) PullChunk(ctx context.Context, d Device, cursor string, maxBytes, schema int) ([]byte, string, protocol.PullResponse, *httpError) {
	resp, _, herr := s.chunkPage(ctx, d, cursor, maxBytes, schema)
	if herr != nil {
		return nil, "", resp, herr
	}
	body, sha, err := protocol.EncodeChunk(resp)
	if err != nil {
		return nil, "", resp, errInternal(err)
	}
	return body, sha, resp, nil
}

// pullChunk answers a pull with enc=imbc1 or enc=imbc2.
func (s *Server) pullChunk(w http.ResponseWriter, r *http.Request, d Device, cursor, maxBytes string, schema int, enc string) {
	mb := 0
	if maxBytes != "" {
		mb, _ = strconv.Atoi(maxBytes) // checked by pullParams
	}
	if enc == protocol.StreamEncoding {
		s.pullStream(w, r, d, cursor, mb, schema)
		return
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

// pullStream answers pages from cursor up to the head (or the stream's
// budget) in one stream. The first page is built before the status is
// written, so every refusal (cursor, epoch, schema) is the pull's own JSON
// error. A failure later ends the stream without its end mark: the client
// keeps the pages it applied and asks again from its cursor.
func (s *Server) pullStream(w http.ResponseWriter, r *http.Request, d Device, cursor string, maxBytes, schema int) {
	ctx := r.Context()
	page, size, herr := s.chunkPage(ctx, d, cursor, maxBytes, schema)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	s.metrics.synced(d, time.Now())
	w.Header().Set("Content-Type", protocol.StreamContentType)
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	sw, err := protocol.NewStreamWriter(w)
	if err != nil {
		return
	}
	defer sw.Release()
	start, budget := time.Now(), streamBudgetPages*s.opts.MaxChunkBytes
	for {
		_ = rc.SetWriteDeadline(time.Now().Add(streamPageWrite)) // not every writer has one
		if err := sw.WritePage(page); err != nil {
			return // the client went away
		}
		_ = rc.Flush()
		budget -= size
		if !page.HasMore || budget <= 0 || time.Since(start) > streamMaxTime || ctx.Err() != nil {
			break
		}
		if page, size, herr = s.chunkPage(ctx, d, page.NextCursor, maxBytes, schema); herr != nil {
			s.opts.Log.Warn("pull stream stopped", "device", d.ID, "err", herr.Error())
			return
		}
	}
	if sw.Close() == nil {
		_ = rc.Flush()
	}
}
