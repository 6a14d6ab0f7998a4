package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
)

// Updater learns of a newer release at sync, downloads it in byte ranges
// into a file that survives a cut link (the next attempt continues where
// the last stopped, never from zero), verifies it against the release key
// built into the program and stages it (sync/release) for the launcher.
// Run is called after a sync and never blocks one: a second Run while one
// is going returns at once.
type Updater struct {
	Local   *release.Local
	Running string // the running version
	// RangeBytes is asked per request (default 256 KiB: half a minute on a
	// 64 kbit/s link; the bytes of a cut request are kept too).
	RangeBytes int64
	// Attempts per Run before it gives up until the next sync (default 5).
	Attempts int
	// Wait between attempts (default 5 s; tests shorten it).
	Wait     time.Duration
	Log      *slog.Logger
	OnStatus func(UpdateStatus)

	mu      sync.Mutex
	busy    bool
	status  UpdateStatus
	refused map[string]error // sha256 → why (not downloaded again until restart)
}

// UpdateStatus is what the desktop shows (event "update:status").
type UpdateStatus struct {
	State      string `json:"state"` // none, checking, downloading, ready, refused, error
	Running    string `json:"running"`
	Version    string `json:"version,omitempty"`
	Notes      string `json:"notes,omitempty"`
	Downloaded int64  `json:"downloaded"`
	Size       int64  `json:"size"`
	Code       string `json:"code,omitempty"`
	Message    string `json:"message,omitempty"`
	MessageEn  string `json:"messageEn,omitempty"`
}

// Update states.
const (
	UpdateNone        = "none"
	UpdateChecking    = "checking"
	UpdateDownloading = "downloading"
	UpdateReady       = "ready"
	UpdateRefused     = "refused"
	UpdateError       = "error"
)

// Status returns the current status.
func (u *Updater) Status() UpdateStatus {
	u.mu.Lock()
	defer u.mu.Unlock()
	s := u.status
	if s.State == "" {
		s.State = UpdateNone
	}
	s.Running = u.Running
	return s
}

func (u *Updater) set(fn func(*UpdateStatus)) {
	u.mu.Lock()
	fn(&u.status)
	s := u.status
	s.Running = u.Running
	u.mu.Unlock()
	if u.OnStatus != nil {
		u.OnStatus(s)
	}
}

func (u *Updater) log() *slog.Logger {
	if u.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return u.Log
}

// Staged reports the verified version waiting for a restart, if any.
func (u *Updater) Staged() string {
	s, err := u.Local.State()
	if err != nil || s.Staged == "" || release.Compare(s.Staged, u.Running) <= 0 {
		return ""
	}
	return s.Staged
}

// Run checks once and, if a newer release exists, downloads and stages it.
func (u *Updater) Run(ctx context.Context, c *Client) error {
	u.mu.Lock()
	if u.busy {
		u.mu.Unlock()
		return nil
	}
	u.busy = true
	u.mu.Unlock()
	defer func() { u.mu.Lock(); u.busy = false; u.mu.Unlock() }()
	err := u.run(ctx, c)
	if err != nil {
		var de *domain.Error
		state := UpdateError
		if errors.As(err, &de) && de.Kind == domain.KindInvalid {
			state = UpdateRefused
		}
		msg, en, code := err.Error(), err.Error(), "update.error"
		var ce *Error
		switch {
		case errors.As(err, &de):
			msg, en, code = de.Message, de.MessageEN, de.Code
		case errors.As(err, &ce):
			msg, en, code = ce.Message, ce.MessageEn, "sync."+ce.Code
		}
		u.log().Warn("update not done", "state", state, "err", err)
		u.set(func(s *UpdateStatus) { s.State, s.Code, s.Message, s.MessageEn = state, code, msg, en })
	}
	return err
}

func (u *Updater) run(ctx context.Context, c *Client) error {
	if v := u.Staged(); v != "" {
		u.set(func(s *UpdateStatus) { *s = UpdateStatus{State: UpdateReady, Version: v} })
	}
	if err := u.sendReports(ctx, c); err != nil {
		u.log().Info("update reports not sent yet", "err", err)
	}
	u.set(func(s *UpdateStatus) {
		if s.State != UpdateReady && s.State != UpdateDownloading {
			s.State = UpdateChecking
		}
	})
	var chk protocol.ReleaseCheck
	q := url.Values{"platform": {release.Platform()}, "version": {u.Running}}
	if err := c.do(ctx, http.MethodGet, protocol.PathRelease, q, nil, &chk); err != nil {
		if statusOf(err) == http.StatusNotFound || statusOf(err) == http.StatusNotImplemented {
			u.set(func(s *UpdateStatus) { *s = UpdateStatus{State: UpdateNone} })
			return nil // a server without releases
		}
		return err
	}
	if !chk.Available {
		if v := u.Staged(); v != "" {
			u.set(func(s *UpdateStatus) { *s = UpdateStatus{State: UpdateReady, Version: v} })
		} else {
			u.set(func(s *UpdateStatus) { *s = UpdateStatus{State: UpdateNone} })
		}
		return nil
	}
	sm, err := release.ParseSigned(chk.Signed)
	if err != nil {
		return err
	}
	m, err := u.Accept(sm)
	if err != nil {
		return err
	}
	if st, _ := u.Local.State(); st.Staged == m.Version || st.Current == m.Version {
		u.set(func(s *UpdateStatus) {
			*s = UpdateStatus{State: UpdateReady, Version: m.Version, Notes: m.Notes, Size: m.Size, Downloaded: m.Size}
		})
		return nil
	}
	part, err := u.download(ctx, c, m)
	if err != nil {
		return err
	}
	if _, err := u.Local.Stage(sm, part, u.Running); err != nil {
		if errors.Is(err, release.ErrTampered) {
			os.Remove(part) // a bad file is never resumed
			u.refuse(m.SHA256, err)
		}
		return err
	}
	u.log().Info("update ready", "version", m.Version, "size", m.Size)
	u.set(func(s *UpdateStatus) {
		*s = UpdateStatus{State: UpdateReady, Version: m.Version, Notes: m.Notes, Size: m.Size, Downloaded: m.Size}
	})
	return nil
}

// Accept verifies an offered manifest before anything is downloaded: the
// built-in key, this platform, newer than the running version, not failed
// here before, not refused in this run of the program.
func (u *Updater) Accept(sm release.Signed) (release.Manifest, error) {
	m, err := sm.Verify(u.Local.Key)
	if err != nil {
		return m, err
	}
	if err := release.Offer(m, u.Running, release.Platform()); err != nil {
		return m, err
	}
	st, err := u.Local.State()
	if err != nil {
		return m, err
	}
	for _, f := range st.Failed {
		if f == m.Version {
			return m, release.ErrFailedBefore(m.Version)
		}
	}
	u.mu.Lock()
	why := u.refused[m.SHA256]
	u.mu.Unlock()
	if why != nil {
		return m, why
	}
	return m, nil
}

func (u *Updater) refuse(sha string, err error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.refused == nil {
		u.refused = map[string]error{}
	}
	u.refused[sha] = err
}

// download fills the part file up to the manifest's size, resuming from
// what it holds.
func (u *Updater) download(ctx context.Context, c *Client, m release.Manifest) (string, error) {
	part := u.Local.PartPath(m)
	if err := os.MkdirAll(filepath.Dir(part), 0o755); err != nil {
		return "", err
	}
	step := u.RangeBytes
	if step <= 0 {
		step = 256 << 10
	}
	attempts := u.Attempts
	if attempts <= 0 {
		attempts = 5
	}
	wait := u.Wait
	if wait <= 0 {
		wait = 5 * time.Second
	}
	failures := 0
	for {
		fi, err := os.Stat(part)
		have := int64(0)
		if err == nil {
			have = fi.Size()
		}
		if have > m.Size {
			os.Remove(part) // not this release's bytes
			have = 0
		}
		u.set(func(s *UpdateStatus) {
			*s = UpdateStatus{State: UpdateDownloading, Version: m.Version, Notes: m.Notes, Size: m.Size, Downloaded: have}
		})
		if have == m.Size {
			return part, nil
		}
		end := min(have+step, m.Size) - 1
		n, err := u.fetchRange(ctx, c, m, part, have, end)
		if err == nil {
			failures = 0
			continue
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if n > 0 {
			failures = 0 // progress before the cut: the link works, keep going
		} else {
			failures++
		}
		u.log().Info("update download interrupted; resuming", "version", m.Version, "have", have+n, "size", m.Size, "err", err)
		if failures >= attempts {
			return "", err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return "", ctx.Err()
		case <-t.C:
		}
	}
}

// fetchRange appends bytes [from, to] to the part file; the bytes of a
// request cut in the middle stay in the file. It returns how many it wrote.
func (u *Updater) fetchRange(ctx context.Context, c *Client, m release.Manifest, part string, from, to int64) (int64, error) {
	if c.opts.ServerURL == "" || c.opts.Token == "" {
		return 0, &Error{Code: CodeNotSetUp, Message: "Alamat server dan token sinkronisasi belum diisi.", MessageEn: "The sync server address and token are not set."}
	}
	u2 := strings.TrimRight(c.opts.ServerURL, "/") + protocol.PathReleaseFile + "?" + url.Values{"sha256": {m.SHA256}}.Encode()
	rctx, cancel := context.WithTimeout(ctx, c.opts.RequestTimeout+time.Duration(to-from+1)/8*time.Millisecond) // + 1 s per 8 KB (64 kbit/s)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u2, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+c.opts.Token)
	req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", from, to))
	req.Header.Set("If-Range", `"`+m.SHA256+`"`)
	hc := c.http.HTTPClient
	resp, err := hc.Do(req)
	if err != nil {
		return 0, &Error{Code: CodeOffline, Offline: true, Message: "Server tidak dapat dihubungi; unduhan pembaruan dilanjutkan nanti.", MessageEn: "Server unreachable; the update download resumes later.", Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		if resp.StatusCode == http.StatusRequestedRangeNotSatisfiable || resp.StatusCode == http.StatusOK {
			return 0, fmt.Errorf("update: the server answered %d to a range request", resp.StatusCode)
		}
		return 0, statusError(resp.StatusCode, raw)
	}
	if cr := resp.Header.Get("Content-Range"); !strings.HasPrefix(cr, "bytes "+strconv.FormatInt(from, 10)+"-") {
		return 0, fmt.Errorf("update: unexpected Content-Range %q", cr)
	}
	f, err := os.OpenFile(part, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return 0, err
	}
	n, cerr := io.Copy(f, io.LimitReader(resp.Body, to-from+1))
	if err := f.Sync(); err != nil && cerr == nil {
		cerr = err
	}
	if err := f.Close(); err != nil && cerr == nil {
		cerr = err
	}
	if cerr == nil && n != to-from+1 {
		cerr = io.ErrUnexpectedEOF
	}
	if cerr != nil {
		return n, &Error{Code: CodeOffline, Offline: true, Message: "Sambungan terputus saat mengunduh pembaruan; unduhan dilanjutkan dari titik terakhir.",
			MessageEn: "The link broke during the update download; it resumes from where it stopped.", Err: cerr}
	}
	return n, nil
}

// sendReports tells the server of rollbacks made on this device.
func (u *Updater) sendReports(ctx context.Context, c *Client) error {
	rs, err := u.Local.TakeReports()
	if err != nil || len(rs) == 0 {
		return err
	}
	req := protocol.ReleaseReportRequest{Running: u.Running}
	for _, r := range rs {
		req.Reports = append(req.Reports, protocol.ReleaseReport{Version: r.Version, Event: r.Event, Detail: r.Detail, At: r.At})
	}
	body, err := gz(req)
	if err != nil {
		return err
	}
	var out json.RawMessage
	if err := c.do(ctx, http.MethodPost, protocol.PathReleaseReport, nil, body, &out); err != nil {
		return err
	}
	return u.Local.Sent(rs)
}

// StageBundle stages a release that came in a pull bundle, with the same
// checks as one downloaded (key, platform, newer, file hash).
func (u *Updater) StageBundle(r *protocol.BundleRelease) (release.Manifest, error) {
	sm, err := release.ParseSigned(r.Signed)
	if err != nil {
		return release.Manifest{}, err
	}
	m, err := u.Accept(sm)
	if err != nil {
		return m, err
	}
	if err := os.MkdirAll(u.Local.Dir, 0o755); err != nil {
		return m, err
	}
	f, err := os.CreateTemp(u.Local.Dir, "bundel-*.part")
	if err != nil {
		return m, err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(r.Data); err != nil {
		f.Close()
		return m, err
	}
	if err := f.Close(); err != nil {
		return m, err
	}
	if _, err := u.Local.Stage(sm, tmp, u.Running); err != nil {
		return m, err
	}
	u.set(func(s *UpdateStatus) {
		*s = UpdateStatus{State: UpdateReady, Version: m.Version, Notes: m.Notes, Size: m.Size, Downloaded: m.Size}
	})
	return m, nil
}

// Devices lists the server's devices with their versions (BKPSDM devices
// only; the server answers 403 to others).
func (c *Client) Devices(ctx context.Context) ([]protocol.DeviceInfo, error) {
	var out protocol.DevicesResponse
	if err := c.do(ctx, http.MethodGet, protocol.PathDevices, nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Devices, nil
}
