package backup

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Copied says where a backup was copied and that the copy reads back intact.
type Copied struct {
	File   string `json:"file"`   // the backup's file name
	Path   string `json:"path"`   // the copy's full path
	Size   int64  `json:"size"`   // bytes written
	SHA256 string `json:"sha256"` // of the copy, read back after writing; equals the backup's
}

// destFile is what a copy writes to: an *os.File, or a failing stand-in in tests.
type destFile interface {
	io.Writer
	Sync() error
	Close() error
}

// openDest creates the temporary copy; tests replace it to act out a
// read-only or full target, which file modes cannot do for root.
var openDest = func(path string) (destFile, error) {
	return os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
}

// CopyTo copies the backup name of dataDir into the folder destDir (a USB
// stick, a network share) with its manifest: written under a temporary name,
// synced, read back and compared with the backup's SHA-256, then renamed. A
// copy that fails or does not verify is removed; the backup itself is never
// touched.
func CopyTo(dataDir, name, destDir string) (Copied, error) {
	in, err := Find(dataDir, name)
	if err != nil {
		return Copied{}, err
	}
	if strings.TrimSpace(destDir) == "" {
		return Copied{}, domain.E(domain.KindInvalid, "backup.copy_dest", "Pilih folder tujuan salinan.", "Choose the folder to copy to.")
	}
	destDir = filepath.Clean(destDir)
	if st, err := os.Stat(destDir); err != nil || !st.IsDir() {
		return Copied{}, domain.E(domain.KindInvalid, "backup.copy_dest",
			"Folder tujuan tidak ditemukan: "+destDir+". Pastikan flashdisk terpasang.",
			"The target folder does not exist: "+destDir+". Check that the USB stick is plugged in.")
	}
	if same, _ := filepath.Rel(BackupDir(dataDir), destDir); same == "." {
		return Copied{}, domain.E(domain.KindInvalid, "backup.copy_same",
			"Folder tujuan adalah folder cadangan itu sendiri; pilih folder lain (mis. flashdisk).",
			"The target is the backup folder itself; choose another folder (e.g. a USB stick).")
	}
	want := in.SHA256
	if want == "" { // no manifest: compare with the file as it is now
		if want, _, err = hashFile(in.Path); err != nil {
			return Copied{}, copyFailed(err, destDir, in.Size)
		}
	}
	final := filepath.Join(destDir, in.File)
	tmp := filepath.Join(destDir, ".tmp-"+in.File)
	n, err := writeCopy(in.Path, tmp)
	if err != nil {
		os.Remove(tmp)
		return Copied{}, copyFailed(err, destDir, in.Size)
	}
	got, _, err := hashFile(tmp)
	if err != nil || got != want {
		os.Remove(tmp)
		if err != nil {
			return Copied{}, copyFailed(err, destDir, in.Size)
		}
		return Copied{}, domain.E(domain.KindUnavailable, "backup.copy_verify",
			"Salinan di "+destDir+" tidak sama dengan cadangan saat dibaca ulang, jadi dihapus. Coba lagi atau pakai media lain.",
			"The copy in "+destDir+" did not match the backup when read back, so it was removed. Try again or use other media.")
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return Copied{}, copyFailed(err, destDir, in.Size)
	}
	syncDir(destDir)
	if !in.NoManifest {
		// The manifest lets the copy be listed and checked where it lands; the
		// data file is already safe, so a failure here only loses the summary.
		if err := writeJSON(final+".json", in.Manifest); err != nil {
			return Copied{}, copyFailed(err, destDir, in.Size)
		}
	}
	return Copied{File: in.File, Path: final, Size: n, SHA256: got}, nil
}

func writeCopy(src, dst string) (int64, error) {
	r, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	w, err := openDest(dst)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(w, r)
	if err == nil {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// copyFailed names what the user can act on: a read-only or protected
// target, a full one, or anything else with the system's words.
func copyFailed(err error, dir string, size int64) error {
	switch {
	case errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS):
		return domain.Wrap(err, domain.KindUnavailable, "backup.copy_readonly",
			"Folder tujuan tidak dapat ditulisi (hanya-baca atau tanpa izin): "+dir+". Buka kunci tulis flashdisk atau pilih folder lain.",
			"The target folder cannot be written (read-only or no permission): "+dir+". Unlock the USB stick or choose another folder.")
	case isDiskFull(err):
		return domain.Wrap(err, domain.KindUnavailable, "backup.copy_full",
			fmt.Sprintf("Ruang di %s tidak cukup untuk salinan (%s). Kosongkan ruang atau pilih media lain.", dir, sizeText(size)),
			fmt.Sprintf("Not enough space in %s for the copy (%s). Free some space or choose other media.", dir, sizeText(size)))
	}
	return domain.Wrap(err, domain.KindUnavailable, "backup.copy_failed",
		"Salinan ke "+dir+" gagal: "+err.Error(), "Copying to "+dir+" failed: "+err.Error())
}

func sizeText(n int64) string {
	const mb = 1 << 20
	if n >= mb {
		return fmt.Sprintf("%.1f MB", float64(n)/mb)
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// hashOf is the SHA-256 of b (tests).
func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
