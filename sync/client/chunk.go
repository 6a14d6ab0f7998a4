package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Compact pulls (docs/sync-protocol.md "Compact first sync"): the desktop
// asks for the pages from its cursor to the head as one stream (enc=imbc2)
// and applies each page as it arrives, in its own transaction, so a cut
// loses only the page in flight. A server that does not know streams
// answers a JSON page, which is applied as such.

// pullStream fetches and applies pages from the cursor from in streams
// until the head, the stream's own end, or an error. It returns the pages'
// results added up and whether the server has more.
func (c *Client) pullStream(ctx context.Context, from string, q url.Values) (store.PullResult, bool, error) {
	q.Set("enc", protocol.StreamEncoding)
	q.Set("max_bytes", strconv.Itoa(c.opts.MaxChunkBytes))
	var sum store.PullResult
	for failed := 0; ; {
		q.Set("cursor", from)
		n, more, err := c.streamOnce(ctx, from, q, &sum)
		if err == nil || sum.Stale {
			return sum, more && !sum.Stale, err
		}
		if !errors.Is(err, protocol.ErrChunk) && !errors.Is(err, protocol.ErrStreamCut) {
			return sum, false, err
		}
		// damaged or cut: ask again from where the applied pages left off,
		// twice at most without progress
		if n > 0 {
			failed = 0
		} else if failed++; failed > 2 {
			return sum, false, streamErr(err)
		}
		if from, err = c.st.SyncMeta(ctx, store.MetaPullCursor); err != nil {
			return sum, false, err
		}
	}
}

// streamOnce sends one stream request and applies its pages; n counts them.
func (c *Client) streamOnce(ctx context.Context, from string, q url.Values, sum *store.PullResult) (n int, more bool, err error) {
	// A stream may take minutes on a slow link: the deadline is for a
	// silence, renewed whenever bytes arrive.
	rctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	idle := time.AfterFunc(c.opts.RequestTimeout, func() { cancel(errSilent) })
	defer idle.Stop()
	resp, err := c.send(ctx, rctx, http.MethodGet, protocol.PathPull, q, nil, true)
	if err != nil {
		if ctx.Err() == nil && errors.Is(context.Cause(rctx), errSilent) {
			return 0, false, errBusy(err) // no answer in time: busy, not offline
		}
		return 0, false, err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 || resp.Header.Get("Content-Type") != protocol.StreamContentType {
		var page protocol.PullResponse // an error, or a server without streams: one JSON page
		if err := readAnswer(resp, &page); err != nil {
			return 0, false, err
		}
		res, more, err := c.applyPage(ctx, from, page)
		addResult(sum, res)
		return 1, more, err
	}
	body := &idleBody{r: resp.Body, t: idle, d: c.opts.RequestTimeout}
	sr, err := protocol.NewStreamReader(body)
	if err != nil {
		return 0, false, c.cutErr(ctx, rctx, err)
	}
	defer sr.Close()
	for {
		page, err := sr.Next()
		if err == io.EOF && n == 0 {
			return 0, false, fmt.Errorf("%w: a stream without a page", protocol.ErrChunk)
		}
		if err == io.EOF {
			return n, more, nil
		}
		if err != nil {
			return n, more, c.cutErr(ctx, rctx, err)
		}
		idle.Stop() // the deadline is for the link, not for applying
		res, m, err := c.applyPage(ctx, from, page)
		idle.Reset(c.opts.RequestTimeout)
		addResult(sum, res)
		if err != nil || res.Stale {
			return n, false, err
		}
		n, more, from = n+1, m, page.NextCursor
		c.progress(Progress{Phase: "pull", Requests: n, Rows: sum.Rows + sum.Removed, More: more})
	}
}

// errSilent cancels a stream that brought no byte for RequestTimeout.
var errSilent = errors.New("no answer in time")

// cutErr keeps a stream error recognisable (ErrChunk, ErrStreamCut) for the
// retry, or gives the session's own cancellation.
func (c *Client) cutErr(ctx, rctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if !errors.Is(err, protocol.ErrChunk) && !errors.Is(err, protocol.ErrStreamCut) {
		return streamErr(err)
	}
	return err
}

// streamErr turns a stream failure into the session's error: damage is a
// bad answer, anything else a broken link.
func streamErr(err error) error {
	if errors.Is(err, protocol.ErrChunk) {
		return badAnswer(err)
	}
	if busyErr(err) || errors.Is(err, context.Canceled) {
		return errBusy(err)
	}
	return &Error{Code: CodeOffline, Offline: true, Message: "Sambungan terputus saat menerima data; akan dicoba lagi.",
		MessageEn: "The connection broke while receiving; it will be retried.", Err: err}
}

// addResult adds one page's result to a stream's.
func addResult(sum *store.PullResult, r store.PullResult) {
	sum.Stale = sum.Stale || r.Stale
	sum.Rows += r.Rows
	sum.Removed += r.Removed
	sum.Conflicts += r.Conflicts
	sum.Rejected += r.Rejected
	sum.Dispositions += r.Dispositions
	sum.Dropped += r.Dropped
	sum.Held = r.Held
	sum.Quarantined += r.Quarantined
	if sum.Problem == "" {
		sum.Problem = r.Problem
	}
	if r.Cursor != "" {
		sum.Cursor, sum.Seq = r.Cursor, r.Seq
	}
}

// idleBody renews the idle deadline on every read that brings bytes.
type idleBody struct {
	r io.Reader
	t *time.Timer
	d time.Duration
}

func (b *idleBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if n > 0 {
		b.t.Reset(b.d)
	}
	return n, err
}
