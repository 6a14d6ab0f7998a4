package release

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Local is the update area of one installation, a folder beside the data
// (DATA/pembaruan):
//
//	unduhan/<sha256>.part      downloads in progress (resumed, never restarted)
//	versi/<version>/<file>     verified versions: the staged one, the current and the previous
//	versi/<version>/manifest.json
//	status.json                State
//
// The installed program (from the installer or the .deb) is never changed:
// it is the launcher and the last fallback.
type Local struct {
	Dir string
	Key ed25519.PublicKey
	mu  sync.Mutex
}

// State is status.json.
type State struct {
	Staged   string   `json:"staged,omitempty"`   // verified, not started yet
	Current  string   `json:"current,omitempty"`  // the newest version that showed its UI
	Previous string   `json:"previous,omitempty"` // the one before it, kept for a rollback
	Trying   string   `json:"trying,omitempty"`   // started, UI not seen yet
	Failed   []string `json:"failed,omitempty"`   // versions that did not start: never offered again
	Reports  []Report `json:"reports,omitempty"`  // rollbacks the server has not heard of yet
}

// Report tells the server what happened to a version on this device.
type Report struct {
	Version string `json:"version"`
	Event   string `json:"event"` // EventRollback
	Detail  string `json:"detail"`
	At      string `json:"at"`
}

// EventRollback: the version did not show its UI and the previous one runs again.
const EventRollback = "rollback"

// DirName is the update area's folder inside the data directory.
const DirName = "pembaruan"

// NewLocal opens the update area in dataDir.
func NewLocal(dataDir string, key ed25519.PublicKey) *Local {
	return &Local{Dir: filepath.Join(dataDir, DirName), Key: key}
}

func (l *Local) statePath() string { return filepath.Join(l.Dir, "status.json") }

// VersionDir is where a verified version lives.
func (l *Local) VersionDir(v string) string { return filepath.Join(l.Dir, "versi", v) }

// PartPath is the download file of a release (by its hash, so a resumed
// download continues the same file and never mixes two releases).
func (l *Local) PartPath(m Manifest) string {
	return filepath.Join(l.Dir, "unduhan", m.SHA256+".part")
}

// State reads status.json (empty when missing).
func (l *Local) State() (State, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.load()
}

func (l *Local) load() (State, error) {
	var s State
	b, err := os.ReadFile(l.statePath())
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(b, &s); err != nil {
		// A damaged state file must not stop the program: start over from
		// the installed version (the verified files stay and are re-staged
		// by the next check).
		return State{}, nil
	}
	return s, nil
}

// save writes the state atomically (a power cut leaves the old or the new).
func (l *Local) save(s State) error {
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	tmp := l.statePath() + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, l.statePath())
}

// Update changes the state under the lock and saves it.
func (l *Local) Update(fn func(*State) error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	s, err := l.load()
	if err != nil {
		return err
	}
	if err := fn(&s); err != nil {
		return err
	}
	return l.save(s)
}

// ErrFailedBefore refuses to offer again a version that did not start here.
func ErrFailedBefore(v string) error {
	return domain.E(domain.KindInvalid, "update.failed_before",
		fmt.Sprintf("Versi %s gagal dijalankan di komputer ini sebelumnya dan telah dikembalikan ke versi lama; versi itu tidak dipasang lagi.", v),
		fmt.Sprintf("Version %s failed to start on this computer before and was rolled back; it is not installed again.", v))
}

// Stage verifies a downloaded (or USB-carried) file against its signed
// manifest and the trusted key, refuses a downgrade below running or the
// newest version already here, and moves the file into versi/<version>/.
// It returns the manifest. The file at path is consumed on success.
func (l *Local) Stage(sm Signed, path, running string) (Manifest, error) {
	m, err := sm.Verify(l.Key)
	if err != nil {
		return Manifest{}, err
	}
	if err := Offer(m, running, Platform()); err != nil {
		return m, err
	}
	if err := CheckFile(m, path); err != nil {
		return m, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	s, err := l.load()
	if err != nil {
		return m, err
	}
	if slices.Contains(s.Failed, m.Version) {
		return m, ErrFailedBefore(m.Version)
	}
	if s.Staged == m.Version || s.Current == m.Version {
		os.Remove(path)
		return m, nil // already here
	}
	dir := l.VersionDir(m.Version)
	if err := os.RemoveAll(dir); err != nil {
		return m, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return m, err
	}
	dst := filepath.Join(dir, m.File)
	if err := moveFile(path, dst); err != nil {
		return m, err
	}
	if err := os.Chmod(dst, 0o755); err != nil {
		return m, err
	}
	mb, _ := json.MarshalIndent(sm, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), mb, 0o644); err != nil {
		return m, err
	}
	if s.Staged == "" || Compare(m.Version, s.Staged) > 0 {
		s.Staged = m.Version
	}
	if err := l.save(s); err != nil {
		return m, err
	}
	l.prune(s)
	return m, nil
}

// moveFile renames, or copies when the two are on different file systems.
func moveFile(src, dst string) error {
	if err := os.Rename(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Remove(src)
}

// prune removes versions the state no longer names (at most staged,
// current, previous and the one being tried stay).
func (l *Local) prune(s State) {
	keep := []string{s.Staged, s.Current, s.Previous, s.Trying}
	ents, _ := os.ReadDir(filepath.Join(l.Dir, "versi"))
	for _, e := range ents {
		if !slices.Contains(keep, e.Name()) {
			os.RemoveAll(filepath.Join(l.Dir, "versi", e.Name()))
		}
	}
}

// Installed is a verified version on disk.
type Installed struct {
	Manifest Manifest
	Path     string // the program
}

// verified re-checks a version on disk before it is started: its manifest
// signed by the trusted key, its file unchanged since.
func (l *Local) verified(v string) (Installed, error) {
	dir := l.VersionDir(v)
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return Installed{}, err
	}
	sm, err := ParseSigned(b)
	if err != nil {
		return Installed{}, err
	}
	m, err := sm.Verify(l.Key)
	if err != nil {
		return Installed{}, err
	}
	if m.Version != v || m.Platform != Platform() {
		return Installed{}, ErrManifest
	}
	p := filepath.Join(dir, m.File)
	if err := CheckFile(m, p); err != nil {
		return Installed{}, err
	}
	return Installed{Manifest: m, Path: p}, nil
}

// fail records that v did not start: it leaves the state (the previous
// version becomes current again), joins Failed and a report waits for the
// server.
func failIn(s *State, v, detail string, now time.Time) {
	if s.Current == v {
		s.Current, s.Previous = s.Previous, ""
	}
	if s.Staged == v {
		s.Staged = ""
	}
	if s.Trying == v {
		s.Trying = ""
	}
	if !slices.Contains(s.Failed, v) {
		s.Failed = append(s.Failed, v)
	}
	s.Reports = append(s.Reports, Report{Version: v, Event: EventRollback, Detail: detail, At: now.UTC().Format(time.RFC3339)})
}

// TakeReports returns the reports not yet sent; Sent removes them once the
// server has them.
func (l *Local) TakeReports() ([]Report, error) {
	s, err := l.State()
	return s.Reports, err
}

// Sent drops the reports the server acknowledged.
func (l *Local) Sent(rs []Report) error {
	return l.Update(func(s *State) error {
		s.Reports = slices.DeleteFunc(s.Reports, func(r Report) bool { return slices.Contains(rs, r) })
		return nil
	})
}
