package server

import (
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/google/uuid"
)

// Attachment files (docs/sync-protocol.md, "Files"). The server keeps the
// files the dokumen_lampiran rows name, by SHA-256, in its database (a
// record and the bytes in chunks), so several processes on one PostgreSQL
// serve them without a shared disk. A file is received in pieces that
// resume where the stored count stops; the SHA-256 state of the bytes so
// far is kept with the record, so the last piece is verified without
// reading the file again, and a file whose bytes do not hash to its name is
// dropped whole.

// Blob is the record of one file, complete or partly received.
type Blob struct {
	SHA256   string // the name: lower-case hex SHA-256 (or a temporary name, PutBlob)
	Size     int64  // the declared total size (-1 while PutBlob streams)
	Received int64  // bytes stored so far, in chunks from 0
	Complete bool   // every byte arrived and the hash matched
	State    []byte // the SHA-256 state of the Received bytes (server-private)
	Created  string // RFC 3339
}

// ErrBlobDrop, returned (wrapped) by an AppendBlob callback, makes the store
// delete the blob and its chunks and commit that.
var ErrBlobDrop = errors.New("server: blob dropped")

// BlobStore keeps the files. Both stores implement it; the contract is in
// sync/server/storetest (RunBlobs).
type BlobStore interface {
	// Blob returns a blob's record; ErrNotFound if none.
	Blob(ctx context.Context, sha string) (Blob, error)
	// AppendBlob runs fn in one transaction with the blob locked against
	// other writers of the same name: fn gets the record (found=false and a
	// zero Blob when none), changes it in place and returns the bytes to
	// store at the record's Received before the call. An error from fn
	// changes nothing, except one wrapping ErrBlobDrop: then the record and
	// its chunks are deleted. fn's error is returned.
	AppendBlob(ctx context.Context, sha string, fn func(b *Blob, found bool) (chunk []byte, err error)) error
	// RenameBlob gives the bytes stored under from (a temporary name) to
	// the blob to, marked complete with Size = Received; if to is already
	// complete, from is deleted instead. One transaction.
	RenameBlob(ctx context.Context, from, to string) error
	// ReadBlobAt reads stored bytes of sha from off into p, like
	// io.ReaderAt (io.EOF at the end of the stored bytes).
	ReadBlobAt(ctx context.Context, sha string, p []byte, off int64) (int, error)
	// DeleteBlob deletes a blob and its chunks (none: no error).
	DeleteBlob(ctx context.Context, sha string) error
	// BlobStats counts the records (complete or not) and their bytes.
	BlobStats(ctx context.Context) (files, bytes int64, err error)
	// PartialBlobs names the records not complete whose Created is before
	// the RFC 3339 time before (abandoned uploads; PrunePartialBlobs).
	PartialBlobs(ctx context.Context, before string) ([]string, error)
}

// PartialBlobTTL is how long a partly received file is kept from its first
// byte: a device that has not finished its upload by then starts it again.
const PartialBlobTTL = 14 * 24 * time.Hour

// errKeepBlob leaves a record alone inside PrunePartialBlobs' transaction.
var errKeepBlob = errors.New("keep")

// PrunePartialBlobs deletes the files begun more than ttl ago (default
// PartialBlobTTL) and still not complete: uploads a device abandoned, and
// temporary names of portal uploads a crash left. Each one is checked again
// under the blob's lock, so a file completed meanwhile is kept. It returns
// how many were deleted and their bytes.
func (s *Server) PrunePartialBlobs(ctx context.Context, ttl time.Duration) (n int, bytes int64, err error) {
	bs, herr := s.blobStore()
	if herr != nil {
		return 0, 0, herr
	}
	if ttl <= 0 {
		ttl = PartialBlobTTL
	}
	cutoff := s.opts.Now().Add(-ttl).UTC().Format(time.RFC3339)
	names, err := bs.PartialBlobs(ctx, cutoff)
	if err != nil {
		return 0, 0, err
	}
	for _, sha := range names {
		var size int64
		err := bs.AppendBlob(ctx, sha, func(b *Blob, found bool) ([]byte, error) {
			if !found || b.Complete || b.Created == "" || b.Created >= cutoff {
				return nil, errKeepBlob
			}
			size = b.Received
			return nil, fmt.Errorf("abandoned upload: %w", ErrBlobDrop)
		})
		switch {
		case errors.Is(err, ErrBlobDrop):
			n, bytes = n+1, bytes+size
		case errors.Is(err, errKeepBlob):
		default:
			return n, bytes, err
		}
	}
	if n > 0 {
		s.log.Info("partial files pruned", "files", n, "bytes", bytes)
	}
	return n, bytes, nil
}

// ValidSHA256 reports whether s is a file name: 64 lower-case hex digits.
func ValidSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

var (
	errBlobNotFound = &httpError{http.StatusNotFound, protocol.ErrBlobNotFound,
		"Berkas tidak ditemukan.", "File not found.", nil}
	errBlobHash = &httpError{http.StatusUnprocessableEntity, protocol.ErrBlobHash,
		"Isi berkas tidak cocok dengan sidik SHA-256-nya; berkas tidak disimpan. Kirim ulang dari awal.",
		"The file's content does not match its SHA-256; nothing of it was kept. Send it again from the start.", nil}
	errBlobNoStore = &httpError{http.StatusNotImplemented, protocol.ErrInternal,
		"Penyimpanan server ini tidak menyimpan berkas lampiran.", "This server's store keeps no attachment files.", nil}
	errBlobEmpty = &httpError{http.StatusBadRequest, protocol.ErrBlobSize,
		"Berkas kosong tidak disimpan.", "An empty file is not stored.", nil}
)

func errBlobSize(id, en string) *httpError {
	return &httpError{http.StatusBadRequest, protocol.ErrBlobSize,
		"Ukuran berkas tidak sesuai: " + id + ".", "File size does not fit: " + en + ".", nil}
}

func errBlobTooLarge(limit int64) *httpError {
	return &httpError{http.StatusRequestEntityTooLarge, protocol.ErrTooLarge,
		fmt.Sprintf("Berkas melebihi batas ukuran lampiran (%d byte).", limit),
		fmt.Sprintf("The file is over the attachment size limit (%d bytes).", limit), nil}
}

// blobOffsetError is a chunk that does not start where the stored bytes end.
type blobOffsetError struct {
	*httpError
	received int64
}

func errBlobOffset(received int64) error {
	return &blobOffsetError{&httpError{http.StatusConflict, protocol.ErrBlobOffset,
		fmt.Sprintf("Potongan berkas tidak mulai di byte %d yang sudah diterima server.", received),
		fmt.Sprintf("The chunk does not start at byte %d, where the server's copy ends.", received), nil}, received}
}

// errBlobDone: the file is already complete; nothing to write (not an error
// for the caller).
var errBlobDone = errors.New("blob complete")

func (s *Server) blobStore() (BlobStore, *httpError) {
	bs, ok := s.st.(BlobStore)
	if !ok {
		return nil, errBlobNoStore
	}
	return bs, nil
}

func newHash(state []byte) (hash.Hash, error) {
	h := sha256.New()
	if len(state) > 0 {
		if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(state); err != nil {
			return nil, err
		}
	}
	return h, nil
}

func hashState(h hash.Hash) ([]byte, error) {
	return h.(encoding.BinaryMarshaler).MarshalBinary()
}

// blobStatus is the wire form of a record.
func blobStatus(sha string, b Blob) protocol.BlobStatus {
	return protocol.BlobStatus{SHA256: sha, Size: b.Size, Received: b.Received, Complete: b.Complete}
}

// appendBlob stores chunk at offset of the file sha of total size, and
// verifies the whole when the last byte arrives (a mismatch drops it).
func (s *Server) appendBlob(ctx context.Context, sha string, size, offset int64, chunk []byte) (protocol.BlobStatus, error) {
	bs, herr := s.blobStore()
	if herr != nil {
		return protocol.BlobStatus{}, herr
	}
	var out Blob
	err := bs.AppendBlob(ctx, sha, func(b *Blob, found bool) ([]byte, error) {
		if found && b.Complete {
			out = *b
			return nil, errBlobDone
		}
		if !found {
			*b = Blob{SHA256: sha, Size: size, Created: s.opts.Now().UTC().Format(time.RFC3339)}
		}
		if b.Size != size {
			return nil, errBlobSize(fmt.Sprintf("unggahan yang sedang berjalan menyebut %d byte, yang ini %d", b.Size, size),
				fmt.Sprintf("the upload under way declares %d bytes, this one %d", b.Size, size))
		}
		if offset != b.Received {
			return nil, errBlobOffset(b.Received)
		}
		if offset+int64(len(chunk)) > size {
			return nil, errBlobSize(fmt.Sprintf("potongan berakhir melewati byte %d", size), fmt.Sprintf("the chunk ends past byte %d", size))
		}
		h, err := newHash(b.State)
		if err != nil {
			return nil, err
		}
		h.Write(chunk)
		b.Received += int64(len(chunk))
		if b.Received == b.Size {
			if hex.EncodeToString(h.Sum(nil)) != sha {
				return nil, fmt.Errorf("%w: %w", ErrBlobDrop, errBlobHash)
			}
			b.Complete, b.State = true, nil
		} else if b.State, err = hashState(h); err != nil {
			return nil, err
		}
		out = *b
		return chunk, nil
	})
	if errors.Is(err, errBlobDone) {
		err = nil
	}
	if errors.Is(err, ErrBlobDrop) {
		s.log.Warn("blob dropped: hash mismatch", "sha256", sha, "size", size)
	}
	return blobStatus(sha, out), err
}

// PutBlob stores the file read from r (the portal's uploads): it enforces
// the region's attachment size limit, computes the SHA-256 and keeps the
// file under it (the same content is kept once). Nothing is left when it
// fails. Errors are coded (ErrorText): too-large, blob-size.
func (s *Server) PutBlob(ctx context.Context, r io.Reader) (sha string, size int64, err error) {
	bs, herr := s.blobStore()
	if herr != nil {
		return "", 0, herr
	}
	limit, err := s.blobLimit(ctx)
	if err != nil {
		return "", 0, err
	}
	tmp := "tmp-" + uuid.NewString()
	defer func() {
		if err != nil {
			_ = bs.DeleteBlob(context.WithoutCancel(ctx), tmp)
		}
	}()
	h := sha256.New()
	buf := make([]byte, protocol.BlobChunk)
	created := s.opts.Now().UTC().Format(time.RFC3339)
	for {
		n, rerr := io.ReadFull(r, buf)
		if n > 0 {
			if size+int64(n) > limit {
				return "", 0, errBlobTooLarge(limit)
			}
			h.Write(buf[:n])
			chunk := buf[:n]
			if err := bs.AppendBlob(ctx, tmp, func(b *Blob, found bool) ([]byte, error) {
				if !found {
					*b = Blob{SHA256: tmp, Size: -1, Created: created}
				}
				b.Received += int64(len(chunk))
				return chunk, nil
			}); err != nil {
				return "", 0, err
			}
			size += int64(n)
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			return "", 0, rerr
		}
	}
	if size == 0 {
		return "", 0, errBlobEmpty
	}
	sha = hex.EncodeToString(h.Sum(nil))
	if err := bs.RenameBlob(ctx, tmp, sha); err != nil {
		return "", 0, err
	}
	return sha, size, nil
}

// OpenBlob opens a complete file for reading; ErrNotFound when the server
// has no complete file of that SHA-256. The reader checks the bytes against
// the name as it goes and fails at the end on a mismatch.
func (s *Server) OpenBlob(ctx context.Context, sha string) (io.ReadCloser, int64, error) {
	bs, herr := s.blobStore()
	if herr != nil {
		return nil, 0, herr
	}
	if !ValidSHA256(sha) {
		return nil, 0, ErrNotFound
	}
	b, err := bs.Blob(ctx, sha)
	if err != nil {
		return nil, 0, err
	}
	if !b.Complete {
		return nil, 0, ErrNotFound
	}
	return &blobReader{ctx: ctx, bs: bs, sha: sha, size: b.Size, h: sha256.New()}, b.Size, nil
}

// blobReader reads a stored file; Seek (for http.ServeContent) gives up the
// running check.
type blobReader struct {
	ctx  context.Context
	bs   BlobStore
	sha  string
	size int64
	off  int64
	h    hash.Hash // nil after a Seek
}

func (r *blobReader) Read(p []byte) (int, error) {
	if r.off >= r.size {
		if r.h != nil && hex.EncodeToString(r.h.Sum(nil)) != r.sha {
			return 0, fmt.Errorf("server: stored file %s no longer matches its SHA-256", r.sha)
		}
		return 0, io.EOF
	}
	if rest := r.size - r.off; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := r.bs.ReadBlobAt(r.ctx, r.sha, p, r.off)
	if r.h != nil {
		r.h.Write(p[:n])
	}
	r.off += int64(n)
	if err == io.EOF {
		if r.off < r.size {
			return n, io.ErrUnexpectedEOF
		}
		err = nil
	}
	return n, err
}

func (r *blobReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += r.off
	case io.SeekEnd:
		offset += r.size
	}
	if offset < 0 {
		return 0, errors.New("server: negative seek")
	}
	if offset != r.off {
		r.h = nil
	}
	r.off = offset
	return offset, nil
}

func (r *blobReader) Close() error { return nil }

// blobAccess is what a device may do with a file: see it (a live
// dokumen_lampiran row in its scope names it), the sizes those rows
// declare, and the region's size limit.
type blobAccess struct {
	visible bool
	sizes   []int64 // declared ukuran > 0 of the visible rows
	limit   int64
}

// lampiranTable is the table whose rows name the files.
const lampiranTable = "dokumen_lampiran"

func (s *Server) blobAccess(ctx context.Context, d Device, sha string) (blobAccess, error) {
	opd, err := s.opdID(ctx, d)
	if err != nil {
		return blobAccess{}, err
	}
	var a blobAccess
	rows, err := s.lookup(ctx, ItemRow, lampiranTable, "sha256", sha)
	if err != nil {
		return a, err
	}
	for _, it := range rows {
		if it.Deleted || !(d.BKPSDM || contains(it.Scope, opd)) {
			continue
		}
		a.visible = true
		row, err := rowData(it)
		if err != nil {
			return a, err
		}
		if n, err := strconv.ParseInt(str(row["ukuran"]), 10, 64); err == nil && n > 0 && !slices.Contains(a.sizes, n) {
			a.sizes = append(a.sizes, n)
		}
	}
	a.limit, err = s.blobLimit(ctx)
	return a, err
}

// ItemLookup is a Store that answers Lookup on its committed state outside
// a write transaction (both stores): the file endpoints read the rows that
// name a file without queueing behind pushes for the writer.
type ItemLookup interface {
	LookupItems(ctx context.Context, kind, table, name, value string) ([]*Item, error)
}

func (s *Server) lookup(ctx context.Context, kind, table, name, value string) ([]*Item, error) {
	if l, ok := s.st.(ItemLookup); ok {
		return l.LookupItems(ctx, kind, table, name, value)
	}
	var out []*Item
	err := s.st.Update(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Lookup(kind, table, name, value)
		return err
	})
	return out, err
}

// blobLimit is the region's attachment size limit: the synced setting the
// desktops enforce (domain.KeyLampiranMaxBytes), read the same way.
func (s *Server) blobLimit(ctx context.Context) (int64, error) {
	rows, err := s.lookup(ctx, ItemRow, "setting", "kunci", domain.KeyLampiranMaxBytes)
	if err != nil {
		return 0, err
	}
	var last *Item
	for _, it := range rows {
		if !it.Deleted && (last == nil || it.Seq > last.Seq) {
			last = it
		}
	}
	if last == nil {
		return domain.LampiranMaxBytes("", false), nil
	}
	row, err := rowData(last)
	if err != nil {
		return 0, err
	}
	return domain.LampiranMaxBytes(str(row["nilai"]), true), nil
}

// handleBlob serves PathBlobs{sha}: HEAD (upload state), GET (download,
// Range), PUT (one chunk). A file no live attachment row in the device's
// scope names is 404, whatever the server holds.
func (s *Server) handleBlob(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	bs, herr := s.blobStore()
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	sha := r.PathValue("sha")
	if !ValidSHA256(sha) {
		s.fail(w, r, errBlobNotFound)
		return
	}
	acc, err := s.blobAccess(r.Context(), d, sha)
	if err != nil {
		s.fail(w, r, errInternal(err))
		return
	}
	if !acc.visible {
		s.fail(w, r, errBlobNotFound)
		return
	}
	b, err := bs.Blob(r.Context(), sha)
	if err != nil && !errors.Is(err, ErrNotFound) {
		s.fail(w, r, errInternal(err))
		return
	}
	switch r.Method {
	case http.MethodHead:
		if b.Size == 0 && !b.Complete && len(acc.sizes) > 0 {
			b.Size = acc.sizes[0]
		}
		setBlobHeaders(w, b)
		w.WriteHeader(http.StatusOK)
	case http.MethodGet:
		if !b.Complete {
			s.fail(w, r, errBlobNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("ETag", `"`+sha+`"`)
		http.ServeContent(w, r, "", time.Time{}, &blobReader{ctx: r.Context(), bs: bs, sha: sha, size: b.Size})
	case http.MethodPut:
		s.putBlobChunk(w, r, sha, acc)
	}
}

func setBlobHeaders(w http.ResponseWriter, b Blob) {
	w.Header().Set(protocol.HeaderBlobReceived, strconv.FormatInt(b.Received, 10))
	w.Header().Set(protocol.HeaderBlobSize, strconv.FormatInt(b.Size, 10))
	w.Header().Set(protocol.HeaderBlobComplete, strconv.FormatBool(b.Complete))
}

func (s *Server) putBlobChunk(w http.ResponseWriter, r *http.Request, sha string, acc blobAccess) {
	q := r.URL.Query()
	offset, err1 := strconv.ParseInt(q.Get("offset"), 10, 64)
	size, err2 := strconv.ParseInt(q.Get("size"), 10, 64)
	if err1 != nil || err2 != nil || offset < 0 || size < 0 {
		s.fail(w, r, errBadRequest("offset and size"))
		return
	}
	switch {
	case size > acc.limit:
		s.fail(w, r, errBlobTooLarge(acc.limit))
		return
	case size == 0:
		s.fail(w, r, errBlobEmpty)
		return
	case len(acc.sizes) > 0 && !slices.Contains(acc.sizes, size):
		s.fail(w, r, errBlobSize(fmt.Sprintf("baris lampiran menyebut %d byte, unggahan %d", acc.sizes[0], size),
			fmt.Sprintf("the attachment row declares %d bytes, the upload %d", acc.sizes[0], size)))
		return
	case offset > size:
		s.fail(w, r, errBlobSize(fmt.Sprintf("posisi %d melewati ukuran %d", offset, size), fmt.Sprintf("offset %d is past the size %d", offset, size)))
		return
	case r.ContentLength > protocol.MaxBlobChunk:
		s.fail(w, r, errTooLarge)
		return
	}
	chunk, err := io.ReadAll(io.LimitReader(r.Body, protocol.MaxBlobChunk+1))
	if err != nil {
		s.fail(w, r, errBadRequest("body: "+err.Error()))
		return
	}
	if len(chunk) > protocol.MaxBlobChunk {
		s.fail(w, r, errTooLarge)
		return
	}
	st, err := s.appendBlob(r.Context(), sha, size, offset, chunk)
	if err != nil {
		var oe *blobOffsetError
		if errors.As(err, &oe) {
			w.Header().Set(protocol.HeaderBlobReceived, strconv.FormatInt(oe.received, 10))
			s.fail(w, r, oe.httpError)
			return
		}
		s.fail(w, r, asHTTP(err))
		return
	}
	s.reply(w, r, st)
}

// indexBlobRefs gives the rows stored before the file index existed their
// index keys once (dokumen_lampiran by sha256, setting by kunci), so files
// and the size limit are found by Lookup. Rewritten rows get a new seq
// (devices receive them once more, unchanged).
func indexBlobRefs(ctx context.Context, st Store) error {
	const flag = "blob-refs-indexed"
	done := false
	if err := st.Update(ctx, func(tx Tx) error {
		v, err := tx.Meta(flag)
		done = v != ""
		return err
	}); err != nil || done {
		return err
	}
	var keys []ItemKey
	for after := int64(0); ; {
		its, err := st.Scan(ctx, after, 5000)
		if err != nil {
			return err
		}
		if len(its) == 0 {
			break
		}
		for i := range its {
			it := &its[i]
			after = it.Seq
			td := Table(it.Table)
			if it.Kind != ItemRow || td == nil || (it.Table != lampiranTable && it.Table != "setting") {
				continue
			}
			row, err := rowData(it)
			if err != nil {
				return err
			}
			if !sameIndex(indexOf(td, row), it.Index) {
				keys = append(keys, ItemKey{ItemRow, it.Table, it.ID})
			}
		}
	}
	return st.Update(ctx, func(tx Tx) error {
		for _, k := range keys {
			it, err := tx.Get(k.Kind, k.Table, k.ID)
			if err != nil || it == nil {
				return err
			}
			row, err := rowData(it)
			if err != nil {
				return err
			}
			ix := indexOf(Table(k.Table), row)
			if sameIndex(ix, it.Index) {
				continue
			}
			if it.Seq, err = tx.NextSeq(); err != nil {
				return err
			}
			it.Index = ix
			if err := tx.Put(it); err != nil {
				return err
			}
		}
		return tx.SetMeta(flag, "1")
	})
}

func sameIndex(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// keepBundleFiles stores the files a push bundle carried, each only when
// its bytes hash to its name and an attachment row the device may see names
// it (the same rule as an upload). It returns how many the server has now
// and how many it refused.
func (s *Server) keepBundleFiles(ctx context.Context, d Device, files []protocol.BundleFile) (kept, refused int) {
	for _, f := range files {
		if err := s.keepFile(ctx, d, f); err != nil {
			refused++
			s.log.Warn("bundle file refused", "device", d.ID, "sha256", f.SHA256, "err", err)
			continue
		}
		kept++
	}
	return kept, refused
}

func (s *Server) keepFile(ctx context.Context, d Device, f protocol.BundleFile) error {
	sum := sha256.Sum256(f.Data)
	if !ValidSHA256(f.SHA256) || hex.EncodeToString(sum[:]) != f.SHA256 {
		return errBlobHash
	}
	acc, err := s.blobAccess(ctx, d, f.SHA256)
	if err != nil {
		return err
	}
	size := int64(len(f.Data))
	switch {
	case !acc.visible:
		return errBlobNotFound
	case size > acc.limit:
		return errBlobTooLarge(acc.limit)
	case size == 0:
		return errBlobEmpty
	case len(acc.sizes) > 0 && !slices.Contains(acc.sizes, size):
		return errBlobSize("ukuran tidak sama dengan baris lampiran", "the size differs from the attachment row's")
	}
	bs, herr := s.blobStore()
	if herr != nil {
		return herr
	}
	// Go on from a partial upload when there is one (the bytes are the
	// same, the hash at the end says so); a partial of other bytes is
	// dropped by that check and the file is written again from 0.
	for range 3 {
		b, err := bs.Blob(ctx, f.SHA256)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if b.Complete {
			return nil
		}
		if err == nil && b.Size != size {
			if err := bs.DeleteBlob(ctx, f.SHA256); err != nil {
				return err
			}
			b = Blob{}
		}
		off := b.Received
		for off < size {
			end := min(off+protocol.BlobChunk, size)
			st, err := s.appendBlob(ctx, f.SHA256, size, off, f.Data[off:end])
			if err != nil {
				break
			}
			off = st.Received
		}
		if off >= size {
			return nil
		}
	}
	return errBlobHash
}

// bundleFiles are the complete files the server holds of the live
// attachment rows among entries (a pull bundle carries them).
func (s *Server) bundleFiles(ctx context.Context, entries []protocol.Entry) ([]protocol.BundleFile, error) {
	var out []protocol.BundleFile
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Kind != protocol.KindRow || e.Table != lampiranTable || e.Deleted {
			continue
		}
		sha, _ := e.Row["sha256"].(string)
		if !ValidSHA256(sha) || seen[sha] {
			continue
		}
		seen[sha] = true
		rc, _, err := s.OpenBlob(ctx, sha)
		if errors.Is(err, ErrNotFound) {
			continue // not received yet: the device fetches it online later
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, protocol.BundleFile{SHA256: sha, Data: data})
	}
	return out, nil
}
