package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
)

// Releases: BKPSDM publishes a signed desktop release into the server's
// database (`imbang-server release publish`); a device asks at each sync
// whether a newer one exists for its platform (and so tells its running
// version), downloads it by byte ranges (a cut link resumes where it
// stopped) and reports a rollback. The server checks the manifest's shape
// and that the file matches it, not whom the key belongs to: the desktop
// verifies the signature with the key built into it.

// Release is a published release.
type Release struct {
	Version  string
	Platform string
	SHA256   string
	Size     int64
	Signed   []byte // the signed manifest as published (JSON)
	Created  string // publication time
}

// DeviceVersion is what a device last said it runs.
type DeviceVersion struct {
	DeviceID string
	Version  string
	Platform string
	Seen     string
}

// ReleaseReport is a device's report of an update (a rollback).
type ReleaseReport struct {
	DeviceID string
	protocol.ReleaseReport
	Received string
}

// ReleaseStore is the release storage of a Store (sqlitestore and pgstore
// implement it in their releases.go). Release files are kept in chunks of
// ReleaseChunk bytes, written in one transaction with the release row.
type ReleaseStore interface {
	// PutRelease stores the release and its file (read from data, exactly
	// r.Size bytes); publishing the same version and platform again
	// replaces it.
	PutRelease(ctx context.Context, r Release, data io.Reader) error
	// Releases lists the published releases.
	Releases(ctx context.Context) ([]Release, error)
	// ReadRelease reads the file with hash sha256 at off into p (io.ReaderAt).
	ReadRelease(ctx context.Context, sha256 string, p []byte, off int64) (int, error)
	// NoteDeviceVersion records (or replaces) what a device runs.
	NoteDeviceVersion(ctx context.Context, v DeviceVersion) error
	DeviceVersions(ctx context.Context) ([]DeviceVersion, error)
	AddReleaseReports(ctx context.Context, rs []ReleaseReport) error
	ReleaseReports(ctx context.Context) ([]ReleaseReport, error)
}

// ReleaseChunk is the size of one stored piece of a release file.
const ReleaseChunk = 256 << 10

func (s *Server) releases() (ReleaseStore, *httpError) {
	rs, ok := s.st.(ReleaseStore)
	if !ok {
		return nil, &httpError{http.StatusNotImplemented, protocol.ErrInternal, "Server ini tidak menyimpan rilis.", "This server keeps no releases.", nil}
	}
	return rs, nil
}

// Publish stores a signed release whose file is at path, after checking
// the manifest's shape, that the file is the one it describes, and that
// this server accepts the sync schema the release speaks.
func (s *Server) Publish(ctx context.Context, signed []byte, path string) (release.Manifest, error) {
	rs, herr := s.releases()
	if herr != nil {
		return release.Manifest{}, herr
	}
	sm, err := release.ParseSigned(signed)
	if err != nil {
		return release.Manifest{}, err
	}
	m, err := sm.Peek()
	if err != nil {
		return m, err
	}
	if m.MinSchema > s.opts.MaxSchema {
		return m, fmt.Errorf("rilis %s memakai skema sinkronisasi %d, server ini menerima sampai %d: perbarui server dahulu (release needs schema %d, this server accepts up to %d)",
			m.Version, m.MinSchema, s.opts.MaxSchema, m.MinSchema, s.opts.MaxSchema)
	}
	if err := release.CheckFile(m, path); err != nil {
		return m, fmt.Errorf("berkas %s tidak sesuai dengan manifest (the file does not match the manifest): %w", path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return m, err
	}
	defer f.Close()
	b, _ := json.Marshal(sm)
	r := Release{Version: m.Version, Platform: m.Platform, SHA256: m.SHA256, Size: m.Size, Signed: b, Created: s.opts.Now().UTC().Format(time.RFC3339)}
	if err := rs.PutRelease(ctx, r, f); err != nil {
		return m, err
	}
	s.log.Info("release published", "version", m.Version, "platform", m.Platform, "size", m.Size, "sha256", m.SHA256)
	return m, nil
}

// Latest is the newest published release of a platform.
func Latest(ctx context.Context, rs ReleaseStore, platform string) (Release, bool, error) {
	all, err := rs.Releases(ctx)
	if err != nil {
		return Release{}, false, err
	}
	var best Release
	found := false
	for _, r := range all {
		if r.Platform == platform && (!found || release.Compare(r.Version, best.Version) > 0) {
			best, found = r, true
		}
	}
	return best, found, nil
}

var (
	platformRE = regexp.MustCompile(`^[a-z0-9]{1,16}-[a-z0-9]{1,16}$`)
	shaRE      = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

func (s *Server) handleRelease(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	rs, herr := s.releases()
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	platform, running := r.URL.Query().Get("platform"), r.URL.Query().Get("version")
	if !platformRE.MatchString(platform) || len(running) > 64 {
		s.fail(w, r, errBadRequest("platform/version"))
		return
	}
	if err := s.noteVersion(r.Context(), rs, d.ID, running, platform); err != nil {
		s.fail(w, r, errInternal(err))
		return
	}
	best, ok, err := Latest(r.Context(), rs, platform)
	if err != nil {
		s.fail(w, r, errInternal(err))
		return
	}
	if !ok || release.Compare(best.Version, running) <= 0 {
		s.reply(w, r, protocol.ReleaseCheck{})
		return
	}
	s.reply(w, r, protocol.ReleaseCheck{Available: true, Signed: best.Signed})
}

// noteVersion records a device's running version when it changed.
func (s *Server) noteVersion(ctx context.Context, rs ReleaseStore, device, version, platform string) error {
	if version == "" {
		return nil
	}
	if v, ok := s.versions.Load(device); ok && v.(string) == version+"|"+platform {
		return nil
	}
	err := rs.NoteDeviceVersion(ctx, DeviceVersion{DeviceID: device, Version: version, Platform: platform, Seen: s.opts.Now().UTC().Format(time.RFC3339)})
	if err == nil {
		s.versions.Store(device, version+"|"+platform)
	}
	return err
}

// releaseFile serves a release's bytes (io.ReadSeeker over the store).
type releaseFile struct {
	ctx  context.Context
	rs   ReleaseStore
	sha  string
	size int64
	off  int64
}

func (f *releaseFile) Read(p []byte) (int, error) {
	if f.off >= f.size {
		return 0, io.EOF
	}
	if rem := f.size - f.off; int64(len(p)) > rem {
		p = p[:rem]
	}
	n, err := f.rs.ReadRelease(f.ctx, f.sha, p, f.off)
	f.off += int64(n)
	if err == nil && n == 0 {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

func (f *releaseFile) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		off += f.off
	case io.SeekEnd:
		off += f.size
	}
	if off < 0 {
		return 0, errors.New("negative seek")
	}
	f.off = off
	return off, nil
}

func (s *Server) handleReleaseFile(w http.ResponseWriter, r *http.Request) {
	if _, herr := s.authenticate(r); herr != nil {
		s.fail(w, r, herr)
		return
	}
	rs, herr := s.releases()
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	sha := r.URL.Query().Get("sha256")
	if !shaRE.MatchString(sha) {
		s.fail(w, r, errBadRequest("sha256"))
		return
	}
	all, err := rs.Releases(r.Context())
	if err != nil {
		s.fail(w, r, errInternal(err))
		return
	}
	for _, rel := range all {
		if rel.SHA256 == sha {
			// The hash names the bytes: a resumed download can only
			// continue the same file (ETag for If-Range).
			w.Header().Set("ETag", `"`+sha+`"`)
			w.Header().Set("Content-Type", "application/octet-stream")
			http.ServeContent(w, r, "", time.Time{}, &releaseFile{ctx: r.Context(), rs: rs, sha: sha, size: rel.Size})
			return
		}
	}
	s.fail(w, r, &httpError{http.StatusNotFound, "unknown-release", "Rilis itu tidak ada di server (mungkin sudah diganti); periksa pembaruan lagi.", "No such release on the server (it may have been replaced); check again.", nil})
}

func (s *Server) handleReleaseReport(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	rs, herr := s.releases()
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	var req protocol.ReleaseReportRequest
	if herr := readBody(r, &req); herr != nil {
		s.fail(w, r, herr)
		return
	}
	if len(req.Reports) > 100 {
		s.fail(w, r, errBadRequest("too many reports"))
		return
	}
	now := s.opts.Now().UTC().Format(time.RFC3339)
	out := make([]ReleaseReport, 0, len(req.Reports))
	for _, rp := range req.Reports {
		if len(rp.Version) > 64 || len(rp.Event) > 32 || len(rp.At) > 40 {
			s.fail(w, r, errBadRequest("report fields"))
			return
		}
		rp.Detail = clip(rp.Detail, 500)
		out = append(out, ReleaseReport{DeviceID: d.ID, ReleaseReport: rp, Received: now})
		s.log.Warn("device rolled back an update", "device", d.ID, "version", rp.Version, "detail", rp.Detail)
	}
	if err := rs.AddReleaseReports(r.Context(), out); err != nil {
		s.fail(w, r, errInternal(err))
		return
	}
	s.reply(w, r, map[string]bool{"ok": true})
}

func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "?")
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// ReadAll reads a published release's whole file (bundle export).
func ReadAll(ctx context.Context, rs ReleaseStore, r Release) ([]byte, error) {
	var buf bytes.Buffer
	_, err := io.Copy(&buf, &releaseFile{ctx: ctx, rs: rs, sha: r.SHA256, size: r.Size})
	return buf.Bytes(), err
}

// ExportBundleRelease is ExportBundle with the newest release of platform
// inside (a device that never reaches the link updates from the USB stick).
func (s *Server) ExportBundleRelease(ctx context.Context, deviceID, cursor string, schema int, platform string) (protocol.Bundle, protocol.PullResponse, release.Manifest, error) {
	rs, herr := s.releases()
	if herr != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, release.Manifest{}, herr
	}
	best, ok, err := Latest(ctx, rs, platform)
	if err != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, release.Manifest{}, err
	}
	if !ok {
		return protocol.Bundle{}, protocol.PullResponse{}, release.Manifest{}, fmt.Errorf("belum ada rilis untuk %s (no release published for %s)", platform, platform)
	}
	data, err := ReadAll(ctx, rs, best)
	if err != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, release.Manifest{}, err
	}
	sm, err := release.ParseSigned(best.Signed)
	if err != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, release.Manifest{}, err
	}
	m, _ := sm.Peek()
	b, page, err := s.exportBundle(ctx, deviceID, cursor, schema, &protocol.BundleRelease{Signed: best.Signed, Data: data})
	return b, page, m, err
}

// DeviceInfos lists every device with its last reported version and its
// last rollback (for `device list` and the BKPSDM desktop).
func (s *Server) DeviceInfos(ctx context.Context) ([]protocol.DeviceInfo, error) {
	devs, err := s.st.Devices(ctx)
	if err != nil {
		return nil, err
	}
	vers := map[string]DeviceVersion{}
	last := map[string]ReleaseReport{}
	if rs, ok := s.st.(ReleaseStore); ok {
		vs, err := rs.DeviceVersions(ctx)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			vers[v.DeviceID] = v
		}
		reps, err := rs.ReleaseReports(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range reps {
			last[r.DeviceID] = r
		}
	}
	out := make([]protocol.DeviceInfo, 0, len(devs))
	for _, d := range devs {
		v := vers[d.ID]
		di := protocol.DeviceInfo{ID: d.ID, OPDKode: d.OPDKode, BKPSDM: d.BKPSDM, Revoked: d.Revoked, Version: v.Version, Platform: v.Platform, Seen: v.Seen}
		if r, ok := last[d.ID]; ok {
			di.Rollback, di.RollbackAt = r.Version, r.At
		}
		out = append(out, di)
	}
	return out, nil
}

func (s *Server) handleDevices(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	if !d.BKPSDM {
		s.fail(w, r, &httpError{http.StatusForbidden, protocol.ErrForbidden, "Hanya perangkat BKPSDM yang dapat melihat daftar perangkat.", "Only BKPSDM devices may list the devices.", nil})
		return
	}
	infos, err := s.DeviceInfos(r.Context())
	if err != nil {
		s.fail(w, r, errInternal(err))
		return
	}
	s.reply(w, r, protocol.DevicesResponse{Devices: infos})
}

// WriteReleaseChunks splits a release file into ReleaseChunk-sized pieces
// and hands each to put with its index (the stores keep them as rows); it
// returns the bytes read. Both stores use it, so the chunking is one rule.
func WriteReleaseChunks(r io.Reader, put func(n int, b []byte) error) (int64, error) {
	buf := make([]byte, ReleaseChunk)
	var total int64
	for n := 0; ; n++ {
		k, err := io.ReadFull(r, buf)
		if k > 0 {
			if err := put(n, buf[:k]); err != nil {
				return total, err
			}
			total += int64(k)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// ReadReleaseChunks fills p from offset off of a file kept in
// ReleaseChunk-sized pieces; get returns piece n (ok false past the end).
func ReadReleaseChunks(p []byte, off int64, get func(n int64) (chunk []byte, ok bool, err error)) (int, error) {
	n := 0
	for n < len(p) {
		at := off + int64(n)
		chunk, ok, err := get(at / ReleaseChunk)
		if err != nil {
			return n, err
		}
		in := int(at % ReleaseChunk)
		if !ok || in >= len(chunk) {
			return n, io.EOF
		}
		n += copy(p[n:], chunk[in:])
	}
	return n, nil
}
