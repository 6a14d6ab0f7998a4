package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/internal/storetest"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// link wraps the test server's handler with a weak link for the file
// endpoint: it counts the chunk bytes the server reads and the file bytes
// it serves, and can cut an upload mid-chunk (then stay down until up) or a
// download after some bytes.
type link struct {
	mu         sync.Mutex
	next       http.Handler
	putBytes   int64   // PUT body bytes the server read
	putOffsets []int64 // offsets of the PUTs that reached the server
	getBytes   int64   // GET body bytes served
	cutPutAt   int     // the n-th PUT (1-based) is cut half-way; 0: never
	puts       int
	down       bool  // every file request fails (after a cut)
	cutGetAt   int64 // a download is cut after this many bytes; 0: never
}

func (l *link) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, protocol.PathBlobs) {
		l.next.ServeHTTP(w, r)
		return
	}
	l.mu.Lock()
	if l.down {
		l.mu.Unlock()
		panic(http.ErrAbortHandler)
	}
	switch r.Method {
	case http.MethodPut:
		l.puts++
		off, _ := strconv.ParseInt(r.URL.Query().Get("offset"), 10, 64)
		if l.puts == l.cutPutAt {
			half := make([]byte, r.ContentLength/2)
			n, _ := io.ReadFull(r.Body, half)
			l.putBytes += int64(n)
			l.down = true
			l.mu.Unlock()
			panic(http.ErrAbortHandler)
		}
		l.putOffsets = append(l.putOffsets, off)
		body, _ := io.ReadAll(r.Body)
		l.putBytes += int64(len(body))
		r.Body = io.NopCloser(bytes.NewReader(body))
	case http.MethodGet:
		cut := l.cutGetAt
		l.cutGetAt = 0 // once
		l.mu.Unlock()
		l.next.ServeHTTP(&countingWriter{ResponseWriter: w, l: l, cutAt: cut}, r)
		return
	}
	l.mu.Unlock()
	l.next.ServeHTTP(w, r)
}

type countingWriter struct {
	http.ResponseWriter
	l     *link
	n     int64
	cutAt int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.cutAt > 0 && c.n+int64(len(p)) > c.cutAt {
		p = p[:c.cutAt-c.n]
		c.ResponseWriter.Write(p)
		c.l.mu.Lock()
		c.l.getBytes += int64(len(p))
		c.l.mu.Unlock()
		c.ResponseWriter.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	}
	c.n += int64(len(p))
	c.l.mu.Lock()
	c.l.getBytes += int64(len(p))
	c.l.mu.Unlock()
	return c.ResponseWriter.Write(p)
}

// attach creates a T1 request on the OPD desk for one of its employees (to
// a unit of another OPD) and attaches a scan of size bytes to it.
func attach(t *testing.T, d *desk, opdID string, size int) (usulanID string, l dokumen.Lampiran, content []byte) {
	usulanID, l, content, _ = attachTo(t, d, opdID, size)
	return
}

// attachTo is attach that also returns the target OPD's kode.
func attachTo(t *testing.T, d *desk, opdID string, size int) (usulanID string, l dokumen.Lampiran, content []byte, targetKode string) {
	t.Helper()
	now := func() time.Time { return time.Now() }
	st := d.st
	var peg, jab, unitT, opdT string
	if err := st.DB().QueryRow(`SELECT p.id, p.jabatan_id, u.id, u.opd_id FROM pegawai p, unit u
		WHERE p.opd_id = ? AND p.status = 'PNS' AND p.keluar_pada = '' AND u.opd_id <> p.opd_id ORDER BY p.id, u.id LIMIT 1`, opdID).
		Scan(&peg, &jab, &unitT, &opdT); err != nil {
		t.Fatal(err)
	}
	abk := abksvc.New(abksvc.Config{Repo: st, Now: now, NewID: store.NewID})
	mut := mutasisvc.New(mutasisvc.Config{Repo: st, ABK: abk, Now: now, NewID: store.NewID})
	uctx := storetest.Ctx(storetest.User(mutasisvc.User{ID: "op", Nama: "Operator", Role: domain.RoleOperatorOPD, OPDID: opdID}))
	det, err := mut.CreateUsulan(uctx, mutasisvc.UsulanInput{PegawaiID: peg, Jenis: domain.MutasiT1,
		Targets: []mutasi.Placement{{OPDID: opdT, UnitID: unitT, JabatanID: jab}}})
	if err != nil {
		t.Fatal(err)
	}
	svc := dokumen.New(dokumen.Config{Repo: st, Dir: st.Dir(), Now: now, NewID: store.NewID})
	items, err := svc.Checklist(uctx, det.Row.ID)
	if err != nil || len(items) == 0 {
		t.Fatal(items, err)
	}
	content = make([]byte, size)
	r := rand.New(rand.NewPCG(uint64(size), 7))
	for i := range content {
		content[i] = byte(r.Uint32())
	}
	copy(content, "%PDF-1.4\n")
	path := filepath.Join(t.TempDir(), "sk.pdf")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	l, err = svc.Attach(uctx, det.Row.ID, string(items[0].Kode), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DB().QueryRow(`SELECT kode FROM opd WHERE id = ?`, opdT).Scan(&targetKode); err != nil {
		t.Fatal(err)
	}
	return det.Row.ID, l, content, targetKode
}

func berkasOf(t *testing.T, d *desk, usulanID string) dokumen.Berkas {
	t.Helper()
	svc := dokumen.New(dokumen.Config{Repo: d.st, Dir: d.st.Dir(), NewID: store.NewID})
	items, err := svc.Checklist(storetest.Ctx(storetest.Admin), usulanID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		for _, l := range it.Lampiran {
			return l.Berkas
		}
	}
	t.Fatal("no attachment")
	return ""
}

// An OPD desktop attaches a scan and syncs; the upload is cut half-way
// through a chunk and resumes in the next session from the server's count
// (never from zero). The BKPSDM desktop pulls the row first ("belum
// diterima"), then the file, through a download cut mid-file that resumes
// with Range; the file it stores is the one attached, byte for byte.
func TestAttachmentTravelsAndResumes(t *testing.T) {
	w := newWorld(t)
	ln := &link{next: w.ts.Config.Handler}
	w.ts.Config.Handler = ln
	_, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	var opdID string
	if err := a.st.DB().QueryRow(`SELECT id FROM opd WHERE kode = ?`, kode).Scan(&opdID); err != nil {
		t.Fatal(err)
	}
	const size = 900_000 // three full chunks and a partial one
	usulan, l, content := attach(t, a, opdID, size)

	// Session 1: the rows go through; the third chunk is cut half-way and
	// the link stays down. The session still succeeds (rows first).
	ln.mu.Lock()
	ln.cutPutAt = 3
	ln.mu.Unlock()
	sum := w.sync(a)
	if sum.Files == nil || sum.Files.Sent != 0 || sum.Files.Waiting != 1 || sum.Files.Notice == "" {
		t.Fatalf("session 1 files: %+v", sum.Files)
	}
	if n := pending(t, a.st); n != 0 {
		t.Fatalf("rows held back by the file: %d pending", n)
	}
	// BKPSDM pulls the rows while the file is not on the server: the row
	// says "belum diterima", and the session succeeds.
	sum = w.sync(w.bkpsdm)
	if sum.Files == nil || sum.Files.Received != 0 || sum.Files.Waiting != 1 {
		t.Fatalf("bkpsdm before the upload: %+v", sum.Files)
	}
	if got := berkasOf(t, w.bkpsdm, usulan); got != dokumen.BerkasBelumDiterima {
		t.Fatalf("bkpsdm's file before it arrives: %s", got)
	}
	if n, err := w.bkpsdm.st.BerkasWaiting(ctx); err != nil || n != 1 {
		t.Fatalf("files waiting in the status: %d %v", n, err)
	}

	// Session 2: the link is back; the upload resumes after the two chunks
	// the server has.
	ln.mu.Lock()
	ln.down = false
	before := len(ln.putOffsets)
	ln.mu.Unlock()
	sum = w.sync(a)
	if sum.Files == nil || sum.Files.Sent != 1 || sum.Files.Waiting != 0 {
		t.Fatalf("session 2 files: %+v", sum.Files)
	}
	ln.mu.Lock()
	first := ln.putOffsets[before]
	resent := ln.putBytes - size
	ln.mu.Unlock()
	if first != 2*protocol.BlobChunk {
		t.Fatalf("resumed at %d, want %d", first, 2*protocol.BlobChunk)
	}
	if resent > protocol.BlobChunk {
		t.Fatalf("%d bytes sent again, more than one chunk", resent)
	}
	// A third session sends nothing more.
	sum = w.sync(a)
	if sum.Files != nil && (sum.Files.BytesSent > 0 || sum.Files.Sent > 0) {
		t.Fatalf("session 3 sent again: %+v", sum.Files)
	}

	// BKPSDM: the download is cut after 300 KB and resumes with Range.
	ln.mu.Lock()
	ln.cutGetAt = 300_000
	ln.getBytes = 0
	ln.mu.Unlock()
	sum = w.sync(w.bkpsdm)
	if sum.Files == nil || sum.Files.Received != 1 || sum.Files.Waiting != 0 {
		t.Fatalf("bkpsdm files: %+v", sum.Files)
	}
	ln.mu.Lock()
	served := ln.getBytes
	ln.mu.Unlock()
	if served > size+protocol.BlobChunk {
		t.Fatalf("served %d bytes for a %d-byte file", served, size)
	}
	got, err := dokumen.FilesIn(w.bkpsdm.st.Dir()).Read(l.SHA256)
	if err != nil || !bytes.Equal(got, content) {
		t.Fatalf("bkpsdm's copy: %d bytes, %v", len(got), err)
	}
	if b := berkasOf(t, w.bkpsdm, usulan); b != dokumen.BerkasAda {
		t.Fatalf("bkpsdm's file after it arrived: %s", b)
	}
	if n, err := w.bkpsdm.st.BerkasWaiting(ctx); err != nil || n != 0 {
		t.Fatalf("files waiting after arrival: %d %v", n, err)
	}
	if _, err := os.Stat(dokumen.FilesIn(w.bkpsdm.st.Dir()).PartPath(l.SHA256)); !os.IsNotExist(err) {
		t.Fatalf("part file left behind: %v", err)
	}
}

// A download whose bytes do not match (a damaged part file left by a
// crash) is refused, and the next attempt fetches it whole.
func TestDamagedPartIsFetchedAgain(t *testing.T) {
	w := newWorld(t)
	_, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	var opdID string
	if err := a.st.DB().QueryRow(`SELECT id FROM opd WHERE kode = ?`, kode).Scan(&opdID); err != nil {
		t.Fatal(err)
	}
	_, l, content := attach(t, a, opdID, 70_000)
	w.sync(a)
	fs := dokumen.FilesIn(w.bkpsdm.st.Dir())
	part := fs.PartPath(l.SHA256)
	if err := os.MkdirAll(filepath.Dir(part), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(part, bytes.Repeat([]byte("x"), 1000), 0o600); err != nil { // not the file's first bytes
		t.Fatal(err)
	}
	sum := w.sync(w.bkpsdm)
	if sum.Files == nil || sum.Files.Received != 0 || sum.Files.Notice == "" {
		t.Fatalf("damaged part accepted: %+v", sum.Files)
	}
	sum = w.sync(w.bkpsdm)
	if sum.Files == nil || sum.Files.Received != 1 {
		t.Fatalf("second attempt: %+v", sum.Files)
	}
	if got, err := fs.Read(l.SHA256); err != nil || !bytes.Equal(got, content) {
		t.Fatalf("copy: %v", err)
	}
}

// deskOPD is the row id of an OPD by kode, as a desk holds it.
func deskOPD(t *testing.T, d *desk, kode string) string {
	t.Helper()
	var id string
	if err := d.st.DB().QueryRow(`SELECT id FROM opd WHERE kode = ?`, kode).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// serverKeys reads the server's private bundle keys (tests forge with them).
func serverKeys(t *testing.T, w *world) seal.Keys {
	t.Helper()
	var k seal.Keys
	if err := w.ss.Update(ctx, func(tx server.Tx) error {
		sg, _ := tx.Meta("bundle_sign_key")
		bx, _ := tx.Meta("bundle_box_key")
		var err error
		k, err = seal.ParseKeys(sg, bx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return k
}

// Offline, the file rides the USB stick with its row: a push bundle carries
// the attached scan, the server keeps it (checked), and the pull bundle for
// the target OPD's desktop carries it on, checked again on import. A pull
// bundle whose file does not match its hash is refused whole; a version 2
// bundle (no files) still imports.
func TestBundlesCarryFiles(t *testing.T) {
	w := newWorld(t)
	_, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	usulan, l, content, kodeT := attachTo(t, a, deskOPD(t, a, kode), 120_000)
	b := w.opdDesk("b", kodeT) // synced before the request exists
	cursorB, _ := b.st.SyncMeta(ctx, store.MetaPullCursor)

	dir := t.TempDir()
	res, err := client.ExportBundle(ctx, a.st, filepath.Join(dir, "kiriman.imbang-sync"), time.Now())
	if err != nil || res.Files != 1 {
		t.Fatalf("push bundle: %+v %v", res, err)
	}
	raw, _ := os.ReadFile(res.Path)
	if bytes.Contains(raw, content[1000:1100]) {
		t.Fatal("the push bundle shows the file in clear")
	}
	rec, err := w.srv.ImportBundle(ctx, readBundle(t, res.Path), a.dev)
	if err != nil || rec.Files != 1 || rec.FilesRefused != 0 {
		t.Fatalf("server import: %+v %v", rec, err)
	}
	rc, n, err := w.srv.OpenBlob(ctx, l.SHA256)
	if err != nil || n != int64(len(content)) {
		t.Fatal(n, err)
	}
	got, _ := io.ReadAll(rc)
	if !bytes.Equal(got, content) {
		t.Fatal("the server's copy differs")
	}

	// A forged pull bundle, signed by the server, whose file is not what
	// its name says: refused, nothing applied.
	pull, page, err := w.srv.ExportBundle(ctx, b.dev, cursorB, protocol.SchemaVersion)
	if err != nil {
		t.Fatal(err)
	}
	keys := serverKeys(t, w)
	bKeys := struct{ sign, box string }{}
	bKeys.sign, _ = b.st.SyncMeta(ctx, client.MetaBundleSignKey)
	bKeys.box, _ = b.st.SyncMeta(ctx, client.MetaBundleBoxKey)
	bk, err := seal.ParseKeys(bKeys.sign, bKeys.box)
	if err != nil {
		t.Fatal(err)
	}
	reseal := func(version int, files []protocol.BundleFile) protocol.Bundle {
		hdr := pull
		hdr.Version, hdr.Sealed = version, nil
		msg, _ := json.Marshal(protocol.BundleContent{Kind: protocol.BundlePull, Device: b.dev, InstallID: b.st.DeviceID(), Server: pull.Server,
			Created: pull.Created, Cursor: cursorB, Pull: &page, Files: files})
		if hdr.Sealed, err = seal.Seal(keys.Sign, bk.Public().Box, hdr.Header(), msg); err != nil {
			t.Fatal(err)
		}
		return hdr
	}
	path := filepath.Join(dir, "data.imbang-sync")
	writeBundle(t, path, reseal(protocol.BundleVersion, []protocol.BundleFile{{SHA256: l.SHA256, Data: content[:1000]}}))
	before := deskState(t, b.st)
	if _, err := client.ImportBundle(ctx, b.st, path); errCode(err) != "sync."+protocol.ErrBundleInvalid {
		t.Fatalf("bundle with a wrong file: %v", err)
	}
	if deskState(t, b.st) != before {
		t.Fatal("a refused bundle changed the desktop")
	}

	// The real one: rows and file.
	writeBundle(t, path, pull)
	r, err := client.ImportBundle(ctx, b.st, path)
	if err != nil || r.Files != 1 {
		t.Fatalf("pull bundle: %+v %v", r, err)
	}
	if got, err := dokumen.FilesIn(b.st.Dir()).Read(l.SHA256); err != nil || !bytes.Equal(got, content) {
		t.Fatalf("b's copy: %v", err)
	}
	// (the target OPD does not hold the employee, so its checklist view
	// is not built here; the row and its bookkeeping are)
	if ls, err := b.st.LampiranOf(ctx, usulan); err != nil || len(ls) != 1 || ls[0].Menunggu {
		t.Fatalf("b's attachment rows: %+v %v", ls, err)
	}

	// Version 2 (before files): still imports, on both sides.
	writeBundle(t, path, reseal(protocol.BundleMinVersion, nil))
	if _, err := client.ImportBundle(ctx, b.st, path); err != nil {
		t.Fatalf("version 2 pull bundle: %v", err)
	}
	old := readBundle(t, res.Path)
	aKeys, err := bundleKeysOf(a)
	if err != nil {
		t.Fatal(err)
	}
	srvPub := keys.Public()
	old.Version, old.Sealed = protocol.BundleMinVersion, nil
	changes, _ := a.st.UnsentChanges(ctx, 1000)
	msg, _ := json.Marshal(protocol.BundleContent{Kind: protocol.BundlePush, Device: a.dev, InstallID: a.st.DeviceID(), Server: old.Server,
		Created: "2026-11-27T08:00:00Z", Push: &protocol.PushRequest{DeviceID: a.st.DeviceID(), SchemaVersion: protocol.SchemaVersion, Changes: changes}})
	if old.Sealed, err = seal.Seal(aKeys.Sign, srvPub.Box, old.Header(), msg); err != nil {
		t.Fatal(err)
	}
	if _, err := w.srv.ImportBundle(ctx, old, a.dev); err != nil {
		t.Fatalf("version 2 push bundle: %v", err)
	}
}

func bundleKeysOf(d *desk) (seal.Keys, error) {
	sg, _ := d.st.SyncMeta(ctx, client.MetaBundleSignKey)
	bx, _ := d.st.SyncMeta(ctx, client.MetaBundleBoxKey)
	return seal.ParseKeys(sg, bx)
}

// countingConn counts the bytes a connection moves both ways.
type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// The link cost of one attachment: every byte on the wire (headers, HEAD,
// the chunks' requests and answers, TLS aside) for sending a 1 MB scan
// and for fetching it on another desktop. docs/performance.md quotes it.
func TestAttachmentBytesOnTheLink(t *testing.T) {
	w := newWorld(t)
	_, kode := w.anEmployee()
	a := w.opdDesk("a", kode)
	_, _, _, kodeT := attachTo(t, a, deskOPD(t, a, kode), 1_000_000)
	b := w.opdDesk("b", kodeT)
	if _, err := a.c.Push(ctx); err != nil {
		t.Fatal(err)
	}
	var pulled client.Summary
	if err := b.c.Pull(ctx, &pulled); err != nil {
		t.Fatal(err)
	}
	counted := func(d *desk) (*client.Client, *atomic.Int64) {
		n := &atomic.Int64{}
		dial := (&net.Dialer{}).DialContext
		hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return countingConn{c, n}, nil
		}}}
		return client.New(d.st, client.Options{ServerURL: w.ts.URL, Token: d.tok, HTTPClient: hc}), n
	}
	ca, up := counted(a)
	if s, err := ca.SyncFiles(ctx); err != nil || s.Sent != 1 {
		t.Fatalf("upload: %+v %v", s, err)
	}
	cb, down := counted(b)
	if s, err := cb.SyncFiles(ctx); err != nil || s.Received != 1 {
		t.Fatalf("download: %+v %v", s, err)
	}
	const size = 1_000_000
	t.Logf("1 MB attachment: %d bytes on the link to send (%.2f%% overhead), %d to fetch (%.2f%%)",
		up.Load(), 100*float64(up.Load()-size)/size, down.Load(), 100*float64(down.Load()-size)/size)
	for _, n := range []int64{up.Load(), down.Load()} {
		if n < size || n > size+size/100 {
			t.Fatalf("%d bytes on the link for a %d-byte file", n, size)
		}
	}
}
