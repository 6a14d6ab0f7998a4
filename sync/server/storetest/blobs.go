package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/bkpsdm-sorong/imbang/sync/server"
)

// appendAt appends chunk to name when the record's Received is at
// (creating it with size), else refuses.
func appendAt(bs server.BlobStore, name string, size, at int64, chunk []byte) error {
	return bs.AppendBlob(context.Background(), name, func(b *server.Blob, found bool) ([]byte, error) {
		if !found {
			*b = server.Blob{SHA256: name, Size: size, Created: "2026-11-27T08:00:00Z"}
		}
		if b.Received != at {
			return nil, fmt.Errorf("at %d, want %d", b.Received, at)
		}
		b.Received += int64(len(chunk))
		b.State = []byte(fmt.Sprint(b.Received))
		b.Complete = b.Received == b.Size
		return chunk, nil
	})
}

func readAll(t *testing.T, bs server.BlobStore, name string, size int64) []byte {
	t.Helper()
	out := make([]byte, size)
	n, err := bs.ReadBlobAt(context.Background(), name, out, 0)
	if err != nil && !(errors.Is(err, io.EOF) && int64(n) == size) {
		t.Fatalf("read %s: n=%d err=%v", name, n, err)
	}
	return out[:n]
}

func runBlobs(t *testing.T, bs server.BlobStore) {
	ctx := context.Background()
	data := bytes.Repeat([]byte("0123456789abcdef"), 1000) // 16000 bytes
	name := "aa" + string(bytes.Repeat([]byte("0"), 62))

	if _, err := bs.Blob(ctx, name); !errors.Is(err, server.ErrNotFound) {
		t.Fatalf("unknown blob: %v", err)
	}
	for at := 0; at < len(data); at += 5000 {
		end := min(at+5000, len(data))
		if err := appendAt(bs, name, int64(len(data)), int64(at), data[at:end]); err != nil {
			t.Fatal(err)
		}
	}
	b, err := bs.Blob(ctx, name)
	if err != nil || !b.Complete || b.Received != int64(len(data)) || b.Size != int64(len(data)) || string(b.State) != "16000" || b.Created == "" {
		t.Fatalf("record = %+v, %v", b, err)
	}
	if got := readAll(t, bs, name, b.Size); !bytes.Equal(got, data) {
		t.Fatal("bytes differ")
	}
	if files, n, err := bs.BlobStats(ctx); err != nil || files != 1 || n != int64(len(data)) {
		t.Fatalf("stats = %d files, %d bytes, %v", files, n, err)
	}
	// Reads across chunk borders, at the end and past it.
	for _, c := range []struct{ off, n int }{{4990, 30}, {0, 1}, {15999, 1}, {10000, 5000}, {15990, 20}, {16000, 5}} {
		p := make([]byte, c.n)
		n, err := bs.ReadBlobAt(ctx, name, p, int64(c.off))
		want := data[min(c.off, len(data)):min(c.off+c.n, len(data))]
		if !bytes.Equal(p[:n], want) || (n < c.n) != errors.Is(err, io.EOF) || (err != nil && !errors.Is(err, io.EOF)) {
			t.Fatalf("ReadBlobAt(%d, %d) = %d, %v", c.off, c.n, n, err)
		}
	}

	t.Run("ErrorChangesNothingDropDeletes", func(t *testing.T) {
		other := "bb" + string(bytes.Repeat([]byte("0"), 62))
		if err := appendAt(bs, other, 10, 0, []byte("12345")); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		err := bs.AppendBlob(ctx, other, func(b *server.Blob, found bool) ([]byte, error) {
			b.Received = 99
			return []byte("xxxxx"), boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		if b, _ := bs.Blob(ctx, other); b.Received != 5 {
			t.Fatalf("a failed append changed the record: %+v", b)
		}
		err = bs.AppendBlob(ctx, other, func(b *server.Blob, found bool) ([]byte, error) {
			return nil, fmt.Errorf("%w: bad hash", server.ErrBlobDrop)
		})
		if !errors.Is(err, server.ErrBlobDrop) {
			t.Fatalf("drop err = %v", err)
		}
		if _, err := bs.Blob(ctx, other); !errors.Is(err, server.ErrNotFound) {
			t.Fatalf("dropped blob still there: %v", err)
		}
		if n, err := bs.ReadBlobAt(ctx, other, make([]byte, 5), 0); n != 0 || !errors.Is(err, io.EOF) {
			t.Fatalf("dropped blob's chunks still there: %d, %v", n, err)
		}
	})

	t.Run("Rename", func(t *testing.T) {
		tmp, to := "tmp-1", "cc"+string(bytes.Repeat([]byte("0"), 62))
		// a partial upload under the final name is replaced
		if err := appendAt(bs, to, 100, 0, []byte("partial")); err != nil {
			t.Fatal(err)
		}
		if err := appendAt(bs, tmp, -1, 0, []byte("hello ")); err != nil {
			t.Fatal(err)
		}
		if err := appendAt(bs, tmp, -1, 6, []byte("world")); err != nil {
			t.Fatal(err)
		}
		if err := bs.RenameBlob(ctx, tmp, to); err != nil {
			t.Fatal(err)
		}
		b, err := bs.Blob(ctx, to)
		if err != nil || !b.Complete || b.Size != 11 || b.Received != 11 || b.State != nil {
			t.Fatalf("renamed = %+v, %v", b, err)
		}
		if got := readAll(t, bs, to, 11); string(got) != "hello world" {
			t.Fatalf("renamed bytes = %q", got)
		}
		if _, err := bs.Blob(ctx, tmp); !errors.Is(err, server.ErrNotFound) {
			t.Fatal("temporary name kept")
		}
		// the same content again: the complete one stays, the new copy goes
		if err := appendAt(bs, "tmp-2", -1, 0, []byte("hello world")); err != nil {
			t.Fatal(err)
		}
		if err := bs.RenameBlob(ctx, "tmp-2", to); err != nil {
			t.Fatal(err)
		}
		if _, err := bs.Blob(ctx, "tmp-2"); !errors.Is(err, server.ErrNotFound) {
			t.Fatal("second copy kept")
		}
		if got := readAll(t, bs, to, 11); string(got) != "hello world" {
			t.Fatalf("bytes after second rename = %q", got)
		}
		if err := bs.DeleteBlob(ctx, to); err != nil {
			t.Fatal(err)
		}
		if err := bs.DeleteBlob(ctx, to); err != nil {
			t.Fatalf("deleting a missing blob: %v", err)
		}
	})

	t.Run("ConcurrentWritersTakeTurns", func(t *testing.T) {
		// Writers of one blob each append where the record ends; without the
		// lock two would read the same Received and one append would be lost
		// or collide.
		name := "dd" + string(bytes.Repeat([]byte("0"), 62))
		const writers, each = 6, 8
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					errs <- bs.AppendBlob(ctx, name, func(b *server.Blob, found bool) ([]byte, error) {
						if !found {
							*b = server.Blob{SHA256: name, Size: writers * each * 4}
						}
						at := b.Received
						b.Received += 4
						return []byte(fmt.Sprintf("%04d", at/4)), nil
					})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		b, _ := bs.Blob(ctx, name)
		if b.Received != writers*each*4 {
			t.Fatalf("received %d, want %d", b.Received, writers*each*4)
		}
		got := readAll(t, bs, name, b.Received)
		for i := 0; i < writers*each; i++ {
			if string(got[i*4:i*4+4]) != fmt.Sprintf("%04d", i) {
				t.Fatalf("chunk %d = %q", i, got[i*4:i*4+4])
			}
		}
	})
}
