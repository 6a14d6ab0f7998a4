package portal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
}

func fmtDate(d domain.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == "en" {
		return d.English()
	}
	return d.Indonesian()
}

// yearsBetween is the whole years from a to b.
func yearsBetween(a, b domain.Date) int {
	if a.IsZero() || b.Before(a) {
		return 0
	}
	y := b.Y - a.Y
	if b.M < a.M || (b.M == a.M && b.D < a.D) {
		y--
	}
	return y
}

func durText(a, b domain.Date, lang string) string {
	if a.IsZero() || b.Before(a) {
		return ""
	}
	months := (b.Y-a.Y)*12 + int(b.M) - int(a.M)
	if b.D < a.D {
		months--
	}
	y, m := months/12, months%12
	if lang == "en" {
		return fmt.Sprintf("%d years %d months", y, m)
	}
	return fmt.Sprintf("%d tahun %d bulan", y, m)
}

// DirBlobs stores blobs as files named by their SHA-256 in a directory:
// the portal's document store until the server's blob store serves it.
type DirBlobs string

// PutBlob implements Blobs.
func (d DirBlobs) PutBlob(ctx context.Context, r io.Reader) (string, int64, error) {
	if err := os.MkdirAll(string(d), 0o700); err != nil {
		return "", 0, err
	}
	tmp, err := os.CreateTemp(string(d), ".upload-*")
	if err != nil {
		return "", 0, err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	return sum, n, os.Rename(tmp.Name(), filepath.Join(string(d), sum))
}
