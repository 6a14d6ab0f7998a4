package dokumen

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The attachment files: content-addressed, <root>/<sha256[:2]>/<sha256>,
// written to a temporary file in the same folder and renamed into place, so
// a crash never leaves a half-written file under a hash name and the same
// content is stored once however often it is attached.

// kinds are the accepted file types: magic bytes, MIME type and extensions.
var kinds = []struct {
	magic []byte
	mime  string
	exts  []string
}{
	{[]byte("%PDF-"), "application/pdf", []string{".pdf"}},
	{[]byte("\xff\xd8\xff"), "image/jpeg", []string{".jpg", ".jpeg"}},
	{[]byte("\x89PNG\r\n\x1a\n"), "image/png", []string{".png"}},
}

func errType(name string) error {
	return domain.E(domain.KindInvalid, "dokumen.jenis_berkas",
		fmt.Sprintf("Berkas %s bukan PDF, JPG atau PNG yang sah (isi berkas diperiksa, bukan hanya ekstensinya). Tidak ada yang disimpan.", name),
		fmt.Sprintf("%s is not a valid PDF, JPG or PNG (the content is checked, not only the extension). Nothing was stored.", name))
}

func errSize(name string, size, max int64) error {
	return domain.E(domain.KindInvalid, "dokumen.terlalu_besar",
		fmt.Sprintf("Berkas %s berukuran %s, melebihi batas %s. Perkecil atau pindai ulang dengan resolusi lebih rendah. Tidak ada yang disimpan.", name, Ukuran(size), Ukuran(max)),
		fmt.Sprintf("%s is %s, over the %s limit. Make it smaller or rescan at a lower resolution. Nothing was stored.", name, Ukuran(size), Ukuran(max)))
}

// Ukuran writes a size the Indonesian way: "5 MB", "1,2 MB", "830 KB".
func Ukuran(n int64) string {
	switch {
	case n >= 1024*1024:
		s := fmt.Sprintf("%.1f", float64(n)/(1024*1024))
		s = strings.TrimSuffix(s, ".0")
		return strings.Replace(s, ".", ",", 1) + " MB"
	case n >= 1024:
		return fmt.Sprintf("%d KB", (n+1023)/1024)
	}
	return fmt.Sprintf("%d byte", n)
}

// sniff returns the MIME type the content's first bytes show, if it is one
// of the accepted kinds and the file name's extension agrees.
func sniff(head []byte, name string) (string, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, k := range kinds {
		if !bytes.HasPrefix(head, k.magic) {
			continue
		}
		for _, e := range k.exts {
			if e == ext {
				return k.mime, true
			}
		}
		return "", false
	}
	return "", false
}

// ExtOf is the file extension for a stored MIME type.
func ExtOf(mime string) string {
	for _, k := range kinds {
		if k.mime == mime {
			return k.exts[0]
		}
	}
	return ""
}

// files is the content-addressed store under root.
type files struct{ root string }

func (f files) path(sum string) string { return filepath.Join(f.root, sum[:2], sum) }

func ioErr(err error) error {
	return domain.Wrap(err, domain.KindUnavailable, "dokumen.io",
		"Berkas lampiran tidak dapat disimpan atau dibaca: periksa ruang disk dan izin folder data.",
		"The attachment file cannot be stored or read: check disk space and the data folder's permissions.")
}

// put copies the file at src into the store after checking its type and
// size. It returns the hash, the size and the MIME type. Nothing is left
// behind when it fails.
func (f files) put(src string, max int64) (sum string, size int64, mime string, err error) {
	name := filepath.Base(src)
	in, err := os.Open(src)
	if err != nil {
		return "", 0, "", domain.Wrap(err, domain.KindInvalid, "dokumen.tidak_terbaca",
			fmt.Sprintf("Berkas %s tidak dapat dibuka.", name), fmt.Sprintf("%s cannot be opened.", name))
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return "", 0, "", errType(name)
	}
	if st.Size() > max {
		return "", 0, "", errSize(name, st.Size(), max)
	}
	if st.Size() == 0 {
		return "", 0, "", errType(name)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(in, head)
	mime, ok := sniff(head[:n], name)
	if !ok {
		return "", 0, "", errType(name)
	}
	if _, err := in.Seek(0, io.SeekStart); err != nil {
		return "", 0, "", ioErr(err)
	}
	if err := os.MkdirAll(f.root, 0o700); err != nil {
		return "", 0, "", ioErr(err)
	}
	tmp, err := os.CreateTemp(f.root, ".unggah-*.tmp")
	if err != nil {
		return "", 0, "", ioErr(err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	h := sha256.New()
	// Read one byte past the limit: a file that grew since Stat is refused too.
	size, err = io.Copy(io.MultiWriter(tmp, h), io.LimitReader(in, max+1))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, "", ioErr(err)
	}
	if size > max {
		return "", 0, "", errSize(name, size, max)
	}
	sum = hex.EncodeToString(h.Sum(nil))
	dst := f.path(sum)
	if ok, _ := f.intact(sum); ok {
		return sum, size, mime, nil // the same content is already stored
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return "", 0, "", ioErr(err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return "", 0, "", ioErr(err)
	}
	return sum, size, mime, nil
}

// intact reports whether the stored file of sum exists and still hashes to
// sum; exists is false when it is missing.
func (f files) intact(sum string) (ok bool, exists bool) {
	if len(sum) != 64 {
		return false, false
	}
	in, err := os.Open(f.path(sum))
	if err != nil {
		return false, !errors.Is(err, os.ErrNotExist)
	}
	defer in.Close()
	h := sha256.New()
	if _, err := io.Copy(h, in); err != nil {
		return false, true
	}
	return hex.EncodeToString(h.Sum(nil)) == sum, true
}

// state is the Berkas state of a stored file; menunggu: the file is
// expected from the sync server.
func (f files) state(sum string, menunggu bool) Berkas {
	ok, exists := f.intact(sum)
	switch {
	case ok:
		return BerkasAda
	case exists:
		return BerkasRusak
	case menunggu:
		return BerkasBelumDiterima
	}
	return BerkasHilang
}

// read returns the content of sum after checking it against the hash.
func (f files) read(sum string) ([]byte, error) {
	if len(sum) != 64 {
		return nil, errMissing()
	}
	b, err := os.ReadFile(f.path(sum))
	if errors.Is(err, os.ErrNotExist) {
		return nil, errMissing()
	}
	if err != nil {
		return nil, ioErr(err)
	}
	got := sha256.Sum256(b)
	if hex.EncodeToString(got[:]) != sum {
		return nil, errRusak()
	}
	return b, nil
}

func errMissing() error {
	return domain.E(domain.KindNotFound, "dokumen.hilang",
		"Berkas lampiran tidak ditemukan di folder data perangkat ini; unggah ulang dokumennya.",
		"The attachment file is not in this device's data folder; upload the document again.")
}

func errBelumDiterima() error {
	return domain.E(domain.KindNotFound, "dokumen.belum_diterima",
		"Berkas lampiran belum diterima dari server; berkas diunduh setelah data pada sinkronisasi berikutnya.",
		"The attachment file has not arrived from the server yet; it is downloaded after the data on the next sync.")
}

func errRusak() error {
	return domain.E(domain.KindConflict, "dokumen.rusak",
		"Isi berkas lampiran tidak lagi cocok dengan sidik SHA-256 yang tercatat (berkas rusak atau diubah di luar aplikasi); berkas tidak dibuka. Unggah ulang dokumennya.",
		"The attachment's content no longer matches its recorded SHA-256 (damaged or changed outside the app); it was not opened. Upload the document again.")
}

// remove deletes a stored file (ignoring one already gone).
func (f files) remove(sum string) error {
	if len(sum) != 64 {
		return nil
	}
	if err := os.Remove(f.path(sum)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return ioErr(err)
	}
	return nil
}

// Files is the content-addressed store of a data directory, as sync moves
// files in and out of it (sync/client): a file arrives under a temporary
// name, is checked against its SHA-256 and only then renamed into place.
type Files struct{ f files }

// FilesIn is the store of attachment files under the data directory dir.
func FilesIn(dir string) Files { return Files{files{root: filepath.Join(dir, "lampiran")}} }

// Has reports whether the file of sum is present and intact.
func (f Files) Has(sum string) bool {
	ok, _ := f.f.intact(sum)
	return ok
}

// Open opens the stored file of sum (not checked; Has checks).
func (f Files) Open(sum string) (*os.File, error) {
	if len(sum) != 64 {
		return nil, errMissing()
	}
	return os.Open(f.f.path(sum))
}

// PartPath is where a download of sum collects its bytes; its size is
// where the download resumes.
func (f Files) PartPath(sum string) string { return filepath.Join(f.f.root, ".terima", sum+".part") }

// Adopt moves the file at part into the store as sum after checking that
// its bytes hash to sum; on a mismatch part is removed and the error is
// dokumen.rusak (the download starts again).
func (f Files) Adopt(part, sum string) error {
	in, err := os.Open(part)
	if err != nil {
		return ioErr(err)
	}
	h := sha256.New()
	_, err = io.Copy(h, in)
	in.Close()
	if err != nil {
		return ioErr(err)
	}
	if hex.EncodeToString(h.Sum(nil)) != sum {
		os.Remove(part)
		return errRusak()
	}
	dst := f.f.path(sum)
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return ioErr(err)
	}
	if err := os.Rename(part, dst); err != nil {
		return ioErr(err)
	}
	return nil
}

// Write stores data as sum after checking its hash (a bundle's files),
// through a temporary file renamed into place.
func (f Files) Write(sum string, data []byte) error {
	got := sha256.Sum256(data)
	if hex.EncodeToString(got[:]) != sum {
		return errRusak()
	}
	if f.Has(sum) {
		return nil
	}
	dir := filepath.Dir(f.PartPath(sum))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ioErr(err)
	}
	tmp, err := os.CreateTemp(dir, ".bundel-*.tmp")
	if err != nil {
		return ioErr(err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return ioErr(err)
	}
	return f.Adopt(tmp.Name(), sum)
}

// Read returns the bytes of sum, checked against it.
func (f Files) Read(sum string) ([]byte, error) { return f.f.read(sum) }
