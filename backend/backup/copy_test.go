package backup

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// fakeBackup puts a backup file and its manifest in dataDir's backup folder.
func fakeBackup(t *testing.T, dataDir string, manifest bool) (string, []byte) {
	t.Helper()
	dir := BackupDir(dataDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := "imbang-20261206T120000.000Z-manual.db"
	data := bytes.Repeat([]byte("SQLite format 3\x00 isi cadangan "), 4000)
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
	if manifest {
		m := Manifest{File: name, Reason: ReasonManual, CreatedAt: time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), Size: int64(len(data)), SHA256: hashOf(data)}
		if err := writeJSON(filepath.Join(dir, name+".json"), m); err != nil {
			t.Fatal(err)
		}
	}
	return name, data
}

func codeOf(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestCopyToWritesAVerifiedCopyAndManifest(t *testing.T) {
	data, usb := t.TempDir(), t.TempDir()
	name, body := fakeBackup(t, data, true)
	c, err := CopyTo(data, name, usb)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(usb, name))
	if c.Path != filepath.Join(usb, name) || !bytes.Equal(got, body) || c.Size != int64(len(body)) || c.SHA256 != hashOf(body) {
		t.Fatalf("copy %+v", c)
	}
	if _, err := os.Stat(filepath.Join(usb, name+".json")); err != nil {
		t.Fatalf("manifest not copied: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(usb, ".tmp-*")); len(m) != 0 {
		t.Fatalf("left %v", m)
	}
	// A second copy to the same place replaces it and still verifies.
	if _, err := CopyTo(data, name, usb); err != nil {
		t.Fatal(err)
	}
	// Without a manifest the file as it is now is the reference.
	data2, usb2 := t.TempDir(), t.TempDir()
	name2, _ := fakeBackup(t, data2, false)
	if c, err := CopyTo(data2, name2, usb2); err != nil || c.SHA256 != hashOf(body) {
		t.Fatalf("no manifest: %+v %v", c, err)
	}
}

func TestCopyToRefusals(t *testing.T) {
	data, usb := t.TempDir(), t.TempDir()
	name, _ := fakeBackup(t, data, true)
	cases := map[string]struct {
		name, dest, code string
	}{
		"no folder chosen":   {name, " ", "backup.copy_dest"},
		"folder missing":     {name, filepath.Join(usb, "tidak-ada"), "backup.copy_dest"},
		"a file, not folder": {name, filepath.Join(BackupDir(data), name), "backup.copy_dest"},
		"the backup folder":  {name, BackupDir(data) + string(filepath.Separator), "backup.copy_same"},
		"unknown backup":     {"imbang-lain.db", usb, "backup.not_found"},
		"a path, not a name": {"../imbang.db", usb, "backup.name"},
	}
	for label, c := range cases {
		if _, err := CopyTo(data, c.name, c.dest); codeOf(err) != c.code {
			t.Errorf("%s: got %v, want %s", label, err, c.code)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(usb, "*")); len(m) != 0 {
		t.Fatalf("a refusal wrote %v", m)
	}
}

// failing writes part of the copy, then fails the way a full disk does, or
// changes what it writes (bad media).
type failing struct {
	f       *os.File
	n       int
	err     error
	corrupt bool
}

func (w *failing) Write(p []byte) (int, error) {
	if w.corrupt {
		q := append([]byte(nil), p...)
		q[0] ^= 0xff
		return w.f.Write(q)
	}
	if w.n+len(p) > 1000 {
		return 0, w.err
	}
	w.n += len(p)
	return w.f.Write(p)
}
func (w *failing) Sync() error  { return w.f.Sync() }
func (w *failing) Close() error { return w.f.Close() }

func TestCopyToReadOnlyFullOrBadTarget(t *testing.T) {
	data := t.TempDir()
	name, _ := fakeBackup(t, data, true)
	orig := openDest
	t.Cleanup(func() { openDest = orig })
	cases := map[string]struct {
		open func(string) (destFile, error)
		code string
		text string
	}{
		"read-only stick": {func(p string) (destFile, error) {
			return nil, &os.PathError{Op: "open", Path: p, Err: syscall.EROFS}
		}, "backup.copy_readonly", "hanya-baca"},
		"no permission": {func(p string) (destFile, error) {
			return nil, &os.PathError{Op: "open", Path: p, Err: syscall.EACCES}
		}, "backup.copy_readonly", "tanpa izin"},
		"full stick": {func(p string) (destFile, error) {
			f, err := os.Create(p)
			return &failing{f: f, err: &os.PathError{Op: "write", Path: p, Err: syscall.ENOSPC}}, err
		}, "backup.copy_full", "Ruang di"},
		"bad media": {func(p string) (destFile, error) {
			f, err := os.Create(p)
			return &failing{f: f, corrupt: true}, err
		}, "backup.copy_verify", "tidak sama"},
	}
	for label, c := range cases {
		usb := t.TempDir()
		openDest = c.open
		_, err := CopyTo(data, name, usb)
		var e *domain.Error
		if !errors.As(err, &e) || e.Code != c.code || !bytes.Contains([]byte(e.Message), []byte(c.text)) || e.MessageEN == "" {
			t.Errorf("%s: %v", label, err)
		}
		if m, _ := filepath.Glob(filepath.Join(usb, "*")); len(m) != 0 {
			t.Errorf("%s: left %v", label, m)
		}
		if m, _ := filepath.Glob(filepath.Join(usb, ".tmp-*")); len(m) != 0 {
			t.Errorf("%s: left %v", label, m)
		}
	}
	// The backup itself is untouched.
	openDest = orig
	if _, err := CopyTo(data, name, t.TempDir()); err != nil {
		t.Fatal(err)
	}
}
