package server_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// fileOf is test content of n bytes and its name.
func fileOf(n int, seed uint64) ([]byte, string) {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(seed, 1))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	h := sha256.Sum256(b)
	return b, hex.EncodeToString(h[:])
}

// blobFixture: a region, OPD A's request to OPD B (both see it) and one
// inside OPD A (only A sees it), each with an attachment row.
type blobFixture struct {
	admin, a, b    *dev
	r              region
	usulanAB, usAA string
	fileAB, fileAA []byte
	shaAB, shaAA   string
	lampAB, lampAA string
}

func newBlobFixture(t testing.TB, e *env) *blobFixture {
	t.Helper()
	f := &blobFixture{admin: e.device("", true)}
	f.r = e.region(f.admin)
	f.a, f.b = e.device("OPD-A", false), e.device("OPD-B", false)
	f.a.pull()
	f.fileAB, f.shaAB = fileOf(300_000, 1)
	f.fileAA, f.shaAA = fileOf(1000, 2)
	usulan := func(peg, toOPD, toUnit string) string {
		req := mutasi.Request{ID: domain.ID(uuid.NewString()), PegawaiID: domain.ID(peg), Type: domain.JenisMutasi("T1"),
			Source:  mutasi.Placement{OPDID: domain.ID(f.r.opdA), UnitID: domain.ID(f.r.unitA), JabatanID: domain.ID(f.r.jab)},
			Targets: []mutasi.Placement{{OPDID: domain.ID(toOPD), UnitID: domain.ID(toUnit), JabatanID: domain.ID(f.r.jab)}}}
		data, _ := json.Marshal(req)
		applied(t, f.a.push1("mutasi_usulan", string(req.ID), "insert", map[string]any{"nomor": "MUT-" + string(req.ID)[:8], "pegawai_id": peg,
			"jenis": "T1", "aps": 0, "data": string(data), "dibuat_oleh": "", "dibuat_pada": "2026-11-02T09:00:00Z"}))
		return string(req.ID)
	}
	f.usulanAB = usulan(f.r.pegA, f.r.opdB, f.r.unitB)
	f.usAA = usulan(f.r.pegA2, f.r.opdA, f.r.unitA)
	f.lampAB = f.lampiran(t, f.a, f.usulanAB, f.shaAB, len(f.fileAB))
	f.lampAA = f.lampiran(t, f.a, f.usAA, f.shaAA, len(f.fileAA))
	return f
}

func (f *blobFixture) lampiran(t testing.TB, d *dev, usulan, sha string, size int) string {
	t.Helper()
	id := uuid.NewString()
	applied(t, d.push1("dokumen_lampiran", id, "insert", map[string]any{"usulan_id": usulan, "jenis": "SURAT", "nama_berkas": "a.pdf",
		"sha256": sha, "ukuran": size, "mime": "application/pdf", "status": "BELUM_DIPERIKSA", "catatan": "", "diunggah_oleh": "",
		"diunggah_pada": "2026-11-27T08:00:00Z"}))
	return id
}

func applied(t testing.TB, d protocol.Disposition) {
	t.Helper()
	if d.Status != protocol.StatusApplied {
		t.Fatalf("disposition = %s/%s (%s), want applied", d.Status, d.Reason, d.Detail)
	}
}

// blobReq sends one request to the file endpoint.
func (d *dev) blobReq(method, sha, query string, body []byte, hdr map[string]string) (*http.Response, []byte) {
	d.e.t.Helper()
	u := d.e.ts.URL + protocol.PathBlobs + sha
	if query != "" {
		u += "?" + query
	}
	req, _ := http.NewRequest(method, u, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+d.token)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		d.e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

func (d *dev) putChunk(sha string, size, off int, chunk []byte) (int, protocol.BlobStatus, protocol.ErrorResponse, *http.Response) {
	res, b := d.blobReq("PUT", sha, fmt.Sprintf("offset=%d&size=%d", off, size), chunk, nil)
	var st protocol.BlobStatus
	var er protocol.ErrorResponse
	if res.StatusCode == 200 {
		json.Unmarshal(b, &st)
	} else {
		json.Unmarshal(b, &er)
	}
	return res.StatusCode, st, er, res
}

// upload sends the file in chunks from where the server's count stands,
// following 409 answers; it returns the bytes sent.
func (d *dev) upload(sha string, data []byte, chunk int) (sent int, last protocol.BlobStatus) {
	d.e.t.Helper()
	res, _ := d.blobReq("HEAD", sha, "", nil, nil)
	if res.StatusCode != 200 {
		d.e.t.Fatalf("HEAD %d", res.StatusCode)
	}
	off, _ := strconv.Atoi(res.Header.Get(protocol.HeaderBlobReceived))
	for guard := 0; off < len(data) && guard < 10000; guard++ {
		end := min(off+chunk, len(data))
		code, st, er, res := d.putChunk(sha, len(data), off, data[off:end])
		sent += end - off
		switch code {
		case 200:
			off, last = int(st.Received), st
		case 409:
			off, _ = strconv.Atoi(res.Header.Get(protocol.HeaderBlobReceived))
		default:
			d.e.t.Fatalf("PUT at %d: %d %+v", off, code, er)
		}
	}
	return sent, last
}

func (d *dev) download(sha string, from int) (int, []byte) {
	hdr := map[string]string{}
	if from > 0 {
		hdr["Range"] = fmt.Sprintf("bytes=%d-", from)
	}
	res, b := d.blobReq("GET", sha, "", nil, hdr)
	return res.StatusCode, b
}

func TestBlobUploadResumeDownloadAndScope(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		f := newBlobFixture(t, e)
		a, b, admin := f.a, f.b, f.admin

		// Nothing on the server yet: HEAD says 0 of the row's size; GET 404.
		res, _ := a.blobReq("HEAD", f.shaAB, "", nil, nil)
		if res.StatusCode != 200 || res.Header.Get(protocol.HeaderBlobReceived) != "0" || res.Header.Get(protocol.HeaderBlobSize) != "300000" ||
			res.Header.Get(protocol.HeaderBlobComplete) != "false" {
			t.Fatalf("HEAD before upload: %d %v", res.StatusCode, res.Header)
		}
		if code, _ := a.download(f.shaAB, 0); code != 404 {
			t.Fatalf("GET before upload = %d", code)
		}

		// Two chunks, then a cut: the resumed upload starts at the server's count.
		const chunk = 64 << 10
		for off := 0; off < 2*chunk; off += chunk {
			if code, st, er, _ := a.putChunk(f.shaAB, len(f.fileAB), off, f.fileAB[off:off+chunk]); code != 200 || st.Received != int64(off+chunk) || st.Complete {
				t.Fatalf("chunk at %d: %d %+v %+v", off, code, st, er)
			}
		}
		// A chunk at a wrong offset (a resend of the first) is refused and says where to go on.
		code, _, er, res := a.putChunk(f.shaAB, len(f.fileAB), 0, f.fileAB[:chunk])
		if code != 409 || er.Code != protocol.ErrBlobOffset || res.Header.Get(protocol.HeaderBlobReceived) != strconv.Itoa(2*chunk) {
			t.Fatalf("wrong offset: %d %+v %v", code, er, res.Header)
		}
		sent, st := a.upload(f.shaAB, f.fileAB, chunk)
		if sent != len(f.fileAB)-2*chunk || !st.Complete || st.Received != int64(len(f.fileAB)) {
			t.Fatalf("resume sent %d bytes, status %+v", sent, st)
		}
		// Complete: a further PUT changes nothing and answers complete.
		if code, st, _, _ := a.putChunk(f.shaAB, len(f.fileAB), 0, f.fileAB[:10]); code != 200 || !st.Complete {
			t.Fatalf("PUT after completion: %d %+v", code, st)
		}

		// OPD B (the target) and BKPSDM download it; a Range resumes.
		for _, d := range []*dev{b, admin} {
			code, got := d.download(f.shaAB, 0)
			if code != 200 || !bytes.Equal(got, f.fileAB) {
				t.Fatalf("download: %d, %d bytes", code, len(got))
			}
		}
		code, got := b.download(f.shaAB, 123_456)
		if code != 206 || !bytes.Equal(got, f.fileAB[123_456:]) {
			t.Fatalf("range download: %d, %d bytes", code, len(got))
		}

		// The request inside OPD A: B sees none of it — upload, state or bytes.
		if _, st := a.upload(f.shaAA, f.fileAA, chunk); !st.Complete {
			t.Fatal("upload AA")
		}
		for _, m := range []string{"HEAD", "GET", "PUT"} {
			res, body := b.blobReq(m, f.shaAA, "offset=0&size=1000", f.fileAA, nil)
			if res.StatusCode != 404 || bytes.Contains(body, f.fileAA[:100]) || res.Header.Get(protocol.HeaderBlobReceived) != "" {
				t.Fatalf("%s of a file out of scope: %d %v", m, res.StatusCode, res.Header)
			}
		}
		// A file no row names, and a malformed name: 404 for everyone.
		_, other := fileOf(10, 3)
		for _, sha := range []string{other, "../../etc", strings.ToUpper(f.shaAB)} {
			if res, _ := admin.blobReq("HEAD", sha, "", nil, nil); res.StatusCode != 404 {
				t.Fatalf("HEAD %s = %d", sha, res.StatusCode)
			}
		}
		if code, _, _, _ := admin.putChunk(other, 10, 0, []byte("0123456789")); code != 404 {
			t.Fatalf("upload of a file no row names = %d", code)
		}
		// No credential: 401.
		req, _ := http.NewRequest("GET", e.ts.URL+protocol.PathBlobs+f.shaAB, nil)
		if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 401 {
			t.Fatalf("no credential: %v %v", res.StatusCode, err)
		}

		// Once the row is deleted, the file is no longer served to the devices.
		wantStatus(t, a.push1("dokumen_lampiran", f.lampAA, "delete", nil), protocol.StatusApplied, "")
		if code, _ := a.download(f.shaAA, 0); code != 404 {
			t.Fatalf("download after the row's delete = %d", code)
		}

		// The Go API reads the same bytes (the portal's).
		rc, n, err := e.srv.OpenBlob(ctx, f.shaAB)
		if err != nil || n != int64(len(f.fileAB)) {
			t.Fatal(n, err)
		}
		all, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(all, f.fileAB) {
			t.Fatalf("OpenBlob: %d bytes, %v", len(all), err)
		}
	})
}

func TestBlobRefusalsKeepNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		f := newBlobFixture(t, e)
		a := f.a
		size := len(f.fileAB)
		bs := e.st.(server.BlobStore)

		// Wrong bytes: the last chunk fails the hash and nothing is kept.
		bad := bytes.Clone(f.fileAB)
		bad[size-1] ^= 1
		if code, _, _, _ := a.putChunk(f.shaAB, size, 0, bad[:200_000]); code != 200 {
			t.Fatal(code)
		}
		code, _, er, _ := a.putChunk(f.shaAB, size, 200_000, bad[200_000:])
		if code != 422 || er.Code != protocol.ErrBlobHash {
			t.Fatalf("wrong hash: %d %+v", code, er)
		}
		if _, err := bs.Blob(ctx, f.shaAB); !errors.Is(err, server.ErrNotFound) {
			t.Fatalf("a mismatching file was kept: %v", err)
		}
		if n, _ := bs.ReadBlobAt(ctx, f.shaAB, make([]byte, 10), 0); n != 0 {
			t.Fatal("chunks of a mismatching file were kept")
		}

		for _, c := range []struct {
			name      string
			size, off int
			chunk     []byte
			code      int
			errCode   string
		}{
			{"size differs from the row", size + 1, 0, f.fileAB[:10], 400, protocol.ErrBlobSize},
			{"offset beyond the size", size, size + 1, []byte("x"), 400, protocol.ErrBlobSize},
			{"chunk past the end", size, 0, append(bytes.Clone(f.fileAB), 'x'), 400, protocol.ErrBlobSize},
			{"negative offset", size, -1, []byte("x"), 400, protocol.ErrBadRequest},
			{"chunk over 1 MiB", size, 0, make([]byte, protocol.MaxBlobChunk+1), 413, protocol.ErrTooLarge},
			{"over the region limit", 6 << 20, 0, []byte("x"), 413, protocol.ErrTooLarge},
		} {
			code, _, er, _ := a.putChunk(f.shaAB, c.size, c.off, c.chunk)
			if code != c.code || er.Code != c.errCode {
				t.Fatalf("%s: %d %+v", c.name, code, er)
			}
			if _, err := bs.Blob(ctx, f.shaAB); !errors.Is(err, server.ErrNotFound) {
				t.Fatalf("%s: something was stored", c.name)
			}
		}
		// The region's limit is the synced setting the desktops enforce.
		big, bigSHA := fileOf(200_000, 9)
		f.lampiran(t, a, f.usulanAB, bigSHA, len(big))
		wantStatus(t, f.admin.push1("setting", uuid.NewString(), "insert", map[string]any{"kunci": domain.KeyLampiranMaxBytes, "nilai": "102400"}), protocol.StatusApplied, "")
		if code, _, er, _ := a.putChunk(bigSHA, len(big), 0, big[:1000]); code != 413 || er.Code != protocol.ErrTooLarge {
			t.Fatalf("over the region's setting: %d %+v", code, er)
		}
		if _, _, err := e.srv.PutBlob(ctx, bytes.NewReader(big)); err == nil {
			t.Fatal("PutBlob over the limit accepted")
		} else if er, ok := server.ErrorText(err); !ok || er.Code != protocol.ErrTooLarge {
			t.Fatalf("PutBlob over the limit: %v", err)
		}
	})
}

// Several devices (and retries) uploading the same file at once take turns
// on the server's count; the file ends complete and intact.
func TestBlobConcurrentUploads(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		f := newBlobFixture(t, e)
		var wg sync.WaitGroup
		for i, d := range []*dev{f.a, f.a, f.admin, f.admin} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d.upload(f.shaAB, f.fileAB, 16<<10+i*1000)
			}()
		}
		wg.Wait()
		code, got := f.b.download(f.shaAB, 0)
		if code != 200 || !bytes.Equal(got, f.fileAB) {
			t.Fatalf("after concurrent uploads: %d, %d bytes", code, len(got))
		}
	})
}

func TestPutBlobOpenBlob(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		data, want := fileOf(600_000, 4) // three chunks and a bit
		sha, n, err := e.srv.PutBlob(ctx, bytes.NewReader(data))
		if err != nil || sha != want || n != int64(len(data)) {
			t.Fatalf("PutBlob = %s %d %v", sha, n, err)
		}
		// The same content again is kept once.
		if sha2, _, err := e.srv.PutBlob(ctx, bytes.NewReader(data)); err != nil || sha2 != sha {
			t.Fatal(sha2, err)
		}
		rc, size, err := e.srv.OpenBlob(ctx, sha)
		if err != nil || size != int64(len(data)) {
			t.Fatal(size, err)
		}
		got, err := io.ReadAll(rc)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("OpenBlob read %d bytes, %v", len(got), err)
		}
		if _, _, err := e.srv.OpenBlob(ctx, strings.Repeat("0", 64)); !errors.Is(err, server.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
		if _, _, err := e.srv.OpenBlob(ctx, "not-a-hash"); !errors.Is(err, server.ErrNotFound) {
			t.Fatalf("malformed: %v", err)
		}
		if _, _, err := e.srv.PutBlob(ctx, bytes.NewReader(nil)); err == nil {
			t.Fatal("empty file accepted")
		}
		// A reader that fails half-way leaves nothing behind.
		_, _, err = e.srv.PutBlob(ctx, io.MultiReader(bytes.NewReader(data[:300_000]), errReader{}))
		if err == nil {
			t.Fatal("failing reader accepted")
		}
		if files, bytes, err := e.st.(server.BlobStore).BlobStats(ctx); err != nil || files != 1 || bytes != int64(len(data)) {
			t.Fatalf("stored %d files, %d bytes, %v; want 1 of %d", files, bytes, err, len(data))
		}
	})
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("link cut") }

// Rows stored before the file index existed are indexed once when the
// server opens, so their files are found.
func TestBlobIndexOfOlderRows(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		f := newBlobFixture(t, e)
		if err := e.st.Update(ctx, func(tx server.Tx) error {
			it, err := tx.Get(server.ItemRow, "dokumen_lampiran", f.lampAB)
			if err != nil {
				return err
			}
			delete(it.Index, "sha256") // as an older server stored it
			if it.Seq, err = tx.NextSeq(); err != nil {
				return err
			}
			if err := tx.Put(it); err != nil {
				return err
			}
			return tx.SetMeta("blob-refs-indexed", "")
		}); err != nil {
			t.Fatal(err)
		}
		if res, _ := f.a.blobReq("HEAD", f.shaAB, "", nil, nil); res.StatusCode != 404 {
			t.Fatalf("unindexed row found: %d", res.StatusCode)
		}
		srv, err := server.New(e.st, e.opts)
		if err != nil {
			t.Fatal(err)
		}
		e.srv = srv
		e.ts.Config.Handler = srv.Handler()
		if res, _ := f.a.blobReq("HEAD", f.shaAB, "", nil, nil); res.StatusCode != 200 {
			t.Fatalf("after reindex: %d", res.StatusCode)
		}
	})
}

// FuzzBlobChunks sends a sequence of chunks with arbitrary offsets, sizes
// and lengths for one file: the server never fails (5xx), what it holds is
// matches its record, and a file it calls complete is the true file (wrong
// bytes may sit in a partial; the hash check drops them at the end).
func FuzzBlobChunks(f *testing.F) {
	f.Add([]byte{0, 10, 0, 0, 200, 10, 0})
	f.Add([]byte{1, 255, 255, 3, 4, 5})
	f.Add([]byte{0, 250, 0, 250, 0, 250, 0, 250, 0, 250})
	e := newEnv(f)
	fx := newBlobFixture(f, e)
	f.Fuzz(func(t *testing.T, ops []byte) {
		e.t = t
		data, sha := fx.fileAA, fx.shaAA
		bs := e.st.(server.BlobStore)
		_ = bs.DeleteBlob(ctx, sha)
		for i := 0; i+2 < len(ops) && i < 60; i += 3 {
			off := int(ops[i]) * 7                  // 0 … 1785, around the 1000-byte file
			n := int(ops[i+1]) * 5                  // 0 … 1275
			size := len(data) + int(ops[i+2]%3) - 1 // the right size, or one off
			end := min(off+n, len(data))
			var chunk []byte
			if off < len(data) {
				chunk = data[off:end]
			} else {
				chunk = make([]byte, n)
			}
			if ops[i+2]&8 != 0 && len(chunk) > 0 {
				chunk = bytes.Clone(chunk)
				chunk[0] ^= 1 // wrong bytes
			}
			code, _, er, _ := fx.a.putChunk(sha, size, off, chunk)
			if code >= 500 {
				t.Fatalf("PUT offset=%d size=%d len=%d: %d %+v", off, size, len(chunk), code, er)
			}
			b, err := bs.Blob(ctx, sha)
			if errors.Is(err, server.ErrNotFound) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			held := make([]byte, b.Received)
			if n, _ := bs.ReadBlobAt(ctx, sha, held, 0); int64(n) != b.Received {
				t.Fatalf("record says %d bytes, chunks hold %d", b.Received, n)
			}
			if b.Complete && !bytes.Equal(held, data) {
				t.Fatal("a complete file differs from the true file")
			}
		}
	})
}

// A file a device began and never finished is deleted once it is older
// than the TTL; a complete file, and a partial one still within the TTL,
// are kept. The device that comes back starts its upload again.
func TestPrunePartialBlobs(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		f := newBlobFixture(t, e)
		if code, _, _, _ := f.a.putChunk(f.shaAB, len(f.fileAB), 0, f.fileAB[:100_000]); code != 200 {
			t.Fatalf("first piece: %d", code)
		}
		f.a.upload(f.shaAA, f.fileAA, 1000) // complete
		if n, _, err := e.srv.PrunePartialBlobs(ctx, 24*time.Hour); err != nil || n != 0 {
			t.Fatalf("pruned within the TTL: %d %v", n, err)
		}
		e.now = e.now.Add(25 * time.Hour)
		// a second partial begun now stays
		bs := e.st.(server.BlobStore)
		fileNew, shaNew := fileOf(5000, 9)
		if err := bs.AppendBlob(ctx, shaNew, func(b *server.Blob, found bool) ([]byte, error) {
			*b = server.Blob{SHA256: shaNew, Size: 5000, Received: 1000, Created: e.now.UTC().Format(time.RFC3339)}
			return fileNew[:1000], nil
		}); err != nil {
			t.Fatal(err)
		}
		n, b, err := e.srv.PrunePartialBlobs(ctx, 24*time.Hour)
		if err != nil || n != 1 || b != 100_000 {
			t.Fatalf("pruned %d files, %d bytes, %v; want the one abandoned upload", n, b, err)
		}
		if nb, err := bs.Blob(ctx, shaNew); err != nil || nb.Received != 1000 {
			t.Fatalf("the recent partial: %+v %v", nb, err)
		}
		if _, err := bs.Blob(ctx, f.shaAB); !errors.Is(err, server.ErrNotFound) {
			t.Fatalf("the abandoned upload is still there: %v", err)
		}
		if b, err := bs.Blob(ctx, f.shaAA); err != nil || !b.Complete {
			t.Fatalf("the complete file: %+v %v", b, err)
		}
		// the device starts again from zero and completes it
		if _, last := f.a.upload(f.shaAB, f.fileAB, 64<<10); !last.Complete {
			t.Fatalf("upload after pruning: %+v", last)
		}
		if code, got := f.b.download(f.shaAB, 0); code != 200 || !bytes.Equal(got, f.fileAB) {
			t.Fatalf("download after the new upload: %d", code)
		}
	})
}
