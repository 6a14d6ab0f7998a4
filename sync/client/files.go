package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/hashicorp/go-retryablehttp"
)

// The attachment files travel after the rows (docs/sync-protocol.md,
// "Files"): once a session's rows are through, the files of local
// dokumen_lampiran rows the server lacks are sent in chunks from where the
// server's count stands, and the files of rows this desktop lacks are
// fetched with Range into <data dir>/lampiran/.terima/<sha>.part, checked
// against their SHA-256 and only then moved into the content-addressed
// store. A cut link loses at most the chunk in flight; the next attempt (in
// this session or after a restart) resumes. A file that cannot travel now
// never fails the session: it waits for the next one.

// FileSummary is what a session's file phase did.
type FileSummary struct {
	Sent          int   `json:"sent"`          // files the server completed from this desktop
	Received      int   `json:"received"`      // files stored here
	BytesSent     int64 `json:"bytesSent"`     // chunk bytes sent (resends included)
	BytesReceived int64 `json:"bytesReceived"` // bytes received (resends included)
	Waiting       int   `json:"waiting"`       // files still to send or receive
	// Notice says in Indonesian why some file waits ("" when none does
	// for a reason worth showing).
	Notice string `json:"notice,omitempty"`
}

// fileAttempts bounds the resumed attempts of one file in one session.
const fileAttempts = 8

// SyncFiles sends and fetches the attachment files (the file phase of Sync).
func (c *Client) SyncFiles(ctx context.Context) (FileSummary, error) {
	var sum FileSummary
	refs, err := c.st.BerkasRefs(ctx)
	if err != nil || len(refs) == 0 {
		return sum, err
	}
	fs := dokumen.FilesIn(c.st.Dir())
	note := func(format string, a ...any) {
		if sum.Notice == "" {
			sum.Notice = fmt.Sprintf(format, a...)
		}
	}
	halt := func(i int, err error) (FileSummary, error) {
		sum.Waiting += len(refs) - i // this file and the ones after it
		return sum, err
	}
	for i, r := range refs {
		if err := ctx.Err(); err != nil {
			return halt(i, err)
		}
		have := fs.Has(r.SHA256)
		switch {
		case have && r.Unggah != store.BerkasSelesai:
			done, err := c.uploadFile(ctx, fs, r, &sum)
			if err != nil {
				if stop(err) {
					return halt(i, err)
				}
				note("Berkas lampiran belum terkirim: %s", errText(err))
			}
			if done {
				sum.Sent++
				_ = c.st.MarkBerkas(ctx, r.SHA256, store.BerkasSelesai, store.BerkasSelesai, "", false)
			} else {
				sum.Waiting++
			}
		case have:
			if r.Unduh == store.BerkasMenunggu {
				_ = c.st.MarkBerkas(ctx, r.SHA256, "", store.BerkasSelesai, "", false)
			}
		default:
			done, err := c.downloadFile(ctx, fs, r, &sum)
			if err != nil {
				if stop(err) {
					_ = c.st.MarkBerkas(ctx, r.SHA256, "", store.BerkasMenunggu, errText(err), false)
					return halt(i, err)
				}
				note("Berkas lampiran belum diterima: %s", errText(err))
			}
			if done {
				sum.Received++
				_ = c.st.MarkBerkas(ctx, r.SHA256, store.BerkasSelesai, store.BerkasSelesai, "", false)
			} else {
				sum.Waiting++
				msg := ""
				if err != nil {
					msg = errText(err)
				}
				_ = c.st.MarkBerkas(ctx, r.SHA256, "", store.BerkasMenunggu, msg, err != nil)
			}
		}
		c.progress(Progress{Phase: "berkas", Requests: i + 1, Files: sum.Sent + sum.Received, FilesTotal: len(refs),
			Bytes: sum.BytesSent + sum.BytesReceived})
	}
	return sum, nil
}

// stop: errors after which no other file can travel in this session
// (offline, credential, certificate, cancelled).
func stop(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		return e.Offline || e.Code == CodeReenroll || e.Code == CodeCertificate || e.Code == CodeNotSetUp || e.Code == CodeBusy
	}
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func errText(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Message
	}
	return err.Error()
}

// fileReq sends one request to the file endpoint (raw bytes, no gzip:
// PDFs and scans do not shrink) and returns the answer with its body read
// (GET with out != nil: the body is copied into out as it arrives).
func (c *Client) fileReq(ctx context.Context, method, sha string, query url.Values, body []byte, hdr http.Header, out io.Writer) (*http.Response, []byte, int64, error) {
	if c.opts.ServerURL == "" || c.opts.Token == "" {
		return nil, nil, 0, &Error{Code: CodeNotSetUp, Message: "Alamat server dan token sinkronisasi belum diisi.", MessageEn: "The sync server address and token are not set."}
	}
	u := strings.TrimRight(c.opts.ServerURL, "/") + protocol.PathBlobs + sha
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	rctx, cancel := context.WithTimeout(ctx, c.opts.RequestTimeout)
	defer cancel()
	var rb any
	if body != nil {
		rb = body
	}
	req, err := retryablehttp.NewRequestWithContext(rctx, method, u, rb)
	if err != nil {
		return nil, nil, 0, &Error{Code: CodeNotSetUp, Message: "Alamat server tidak sah.", MessageEn: "Invalid server address.", Err: err}
	}
	req.Header.Set("Authorization", "Bearer "+c.opts.Token)
	for k, v := range hdr {
		req.Header[k] = v
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/octet-stream")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, 0, ctx.Err()
		}
		if busyErr(err) {
			return nil, nil, 0, errBusy(err)
		}
		return nil, nil, 0, &Error{Code: CodeOffline, Offline: true, Message: "Server sinkronisasi tidak dapat dihubungi; berkas dikirim nanti.",
			MessageEn: "The sync server cannot be reached; files travel later.", Err: err}
	}
	defer resp.Body.Close()
	// only the bytes asked for go into out (a 200 to a Range request is the
	// whole file, which the caller must not append)
	if out != nil && (resp.StatusCode == http.StatusPartialContent || resp.StatusCode == http.StatusOK && hdr.Get("Range") == "") {
		n, err := io.Copy(out, resp.Body)
		if err != nil {
			// what arrived is kept; the next attempt resumes after it
			return resp, nil, n, &Error{Code: CodeBusy, Message: "Sambungan terputus saat menerima berkas; dilanjutkan nanti.",
				MessageEn: "The link broke while receiving a file; it resumes later.", Err: err}
		}
		return resp, nil, n, nil
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp, nil, 0, &Error{Code: CodeBusy, Message: "Sambungan terputus saat menerima jawaban server.", MessageEn: "The link broke while receiving the answer.", Err: err}
	}
	return resp, raw, 0, nil
}

// uploadFile sends the file of r from where the server's count stands; done
// when the server has it complete.
func (c *Client) uploadFile(ctx context.Context, fs dokumen.Files, r store.BerkasRef, sum *FileSummary) (bool, error) {
	f, err := fs.Open(r.SHA256)
	if err != nil {
		return false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, err
	}
	size := st.Size()
	resp, _, _, err := c.fileReq(ctx, http.MethodHead, r.SHA256, nil, nil, nil, nil)
	if err != nil {
		return false, err
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		return false, nil // its row has not reached the server (yet): after the next push
	default:
		return false, statusError(resp.StatusCode, nil)
	}
	if resp.Header.Get(protocol.HeaderBlobComplete) == "true" {
		return true, nil
	}
	off, _ := strconv.ParseInt(resp.Header.Get(protocol.HeaderBlobReceived), 10, 64)
	buf := make([]byte, protocol.BlobChunk)
	for guard := 0; guard < int(size/protocol.BlobChunk)+2*fileAttempts; guard++ {
		if off < 0 || off > size {
			off = 0
		}
		n, err := f.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
		if err != nil && !errors.Is(err, io.EOF) {
			return false, err
		}
		q := url.Values{"offset": {strconv.FormatInt(off, 10)}, "size": {strconv.FormatInt(size, 10)}}
		if err := c.fault("file-chunk"); err != nil {
			return false, err
		}
		sum.BytesSent += int64(n)
		resp, raw, _, err := c.fileReq(ctx, http.MethodPut, r.SHA256, q, buf[:n], nil, nil)
		if err != nil {
			return false, err
		}
		switch resp.StatusCode {
		case http.StatusOK:
			var bs protocol.BlobStatus
			if err := json.Unmarshal(raw, &bs); err != nil {
				return false, badAnswer(err)
			}
			if bs.Complete {
				return true, nil
			}
			off = bs.Received
		case http.StatusConflict:
			// another sender (or a retried chunk) moved the count: go on from it
			off, _ = strconv.ParseInt(resp.Header.Get(protocol.HeaderBlobReceived), 10, 64)
		default:
			return false, statusError(resp.StatusCode, raw)
		}
	}
	return false, nil
}

// downloadFile fetches the file of r into its part file, resuming after the
// bytes already there, and stores it once its hash checks.
func (c *Client) downloadFile(ctx context.Context, fs dokumen.Files, r store.BerkasRef, sum *FileSummary) (bool, error) {
	part := fs.PartPath(r.SHA256)
	if err := os.MkdirAll(filepath.Dir(part), 0o700); err != nil {
		return false, err
	}
	for attempt := 0; attempt < fileAttempts; attempt++ {
		var off int64
		if st, err := os.Stat(part); err == nil {
			off = st.Size()
		}
		if r.Ukuran > 0 && off > r.Ukuran {
			off = 0
		}
		if r.Ukuran > 0 && off == r.Ukuran {
			return c.adopt(fs, part, r)
		}
		flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
		if off == 0 {
			flags |= os.O_TRUNC
		}
		f, err := os.OpenFile(part, flags, 0o600)
		if err != nil {
			return false, err
		}
		hdr := http.Header{}
		if off > 0 {
			hdr.Set("Range", fmt.Sprintf("bytes=%d-", off))
		}
		w := &faultWriter{w: f, c: c}
		resp, raw, n, err := c.fileReq(ctx, http.MethodGet, r.SHA256, nil, nil, hdr, w)
		sum.BytesReceived += n
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
		if err == nil && resp.StatusCode == http.StatusOK && off > 0 {
			// the server ignored the range: start the part again
			if err := os.Remove(part); err != nil {
				return false, err
			}
			continue
		}
		if err != nil {
			var e *Error
			if errors.As(err, &e) && e.Code == CodeBusy && n > 0 {
				continue // the link broke mid-file: resume after what arrived
			}
			return false, err
		}
		switch resp.StatusCode {
		case http.StatusOK, http.StatusPartialContent:
			return c.adopt(fs, part, r)
		case http.StatusRequestedRangeNotSatisfiable:
			return c.adopt(fs, part, r) // the part holds every byte already
		case http.StatusNotFound:
			return false, nil // not on the server yet: its sender has not sent it
		default:
			return false, statusError(resp.StatusCode, raw)
		}
	}
	return false, nil
}

func (c *Client) adopt(fs dokumen.Files, part string, r store.BerkasRef) (bool, error) {
	if err := fs.Adopt(part, r.SHA256); err != nil {
		return false, err
	}
	return true, nil
}

// faultWriter lets the fault hook cut a download mid-file (tests: a link
// that breaks after some bytes).
type faultWriter struct {
	w io.Writer
	c *Client
}

func (fw *faultWriter) Write(p []byte) (int, error) {
	if err := fw.c.fault("file-bytes"); err != nil {
		return 0, err
	}
	return fw.w.Write(p)
}
