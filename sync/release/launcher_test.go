package release

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	fakeOnce sync.Once
	fakeDir  string
	fakeErr  error
)

// fakeApp builds testdata/fakeapp once per mode and version.
func fakeApp(t *testing.T, mode, version string) []byte {
	t.Helper()
	fakeOnce.Do(func() { fakeDir, fakeErr = os.MkdirTemp("", "imbang-fakeapp-") })
	if fakeErr != nil {
		t.Fatal(fakeErr)
	}
	out := filepath.Join(fakeDir, mode+"-"+version)
	if _, err := os.Stat(out); err != nil {
		cmd := exec.Command("go", "build", "-ldflags", "-X main.mode="+mode+" -X main.version="+version, "-o", out, "./testdata/fakeapp")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build fakeapp: %v\n%s", err, b)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fakeDir != "" {
		os.RemoveAll(fakeDir)
	}
	os.Exit(code)
}

type launchEnv struct {
	t     *testing.T
	pub   ed25519.PublicKey
	priv  ed25519.PrivateKey
	local *Local
	notes string
	log   bytes.Buffer
}

func newLaunchEnv(t *testing.T) *launchEnv {
	pub, priv := testKey(t)
	dir := t.TempDir()
	return &launchEnv{t: t, pub: pub, priv: priv, local: NewLocal(dir, pub), notes: filepath.Join(dir, "notes")}
}

func (e *launchEnv) stage(version, mode, running string) {
	e.t.Helper()
	sm, p := signedFile(e.t, e.t.TempDir(), version, fakeApp(e.t, mode, version), e.priv)
	if _, err := e.local.Stage(sm, p, running); err != nil {
		e.t.Fatal(err)
	}
}

func (e *launchEnv) launch(self string, timeout time.Duration) (bool, int) {
	e.t.Setenv("FAKEAPP_NOTES", e.notes)
	l := &Launcher{Local: e.local, Self: self, Args: []string{"--data-dir", "unused"}, Timeout: timeout, Stderr: &e.log}
	return l.Run()
}

func (e *launchEnv) ran() []string {
	b, _ := os.ReadFile(e.notes)
	return strings.Fields(strings.ReplaceAll(string(b), "\n", " | "))
}

func (e *launchEnv) state() State {
	s, err := e.local.State()
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

func TestLauncherRunsStagedVersionAndKeepsPrevious(t *testing.T) {
	e := newLaunchEnv(t)
	if handled, _ := e.launch("1.0.0", time.Minute); handled {
		t.Fatal("nothing staged: the installed program must run itself")
	}
	e.stage("1.1.0", "ok", "1.0.0")
	handled, code := e.launch("1.0.0", time.Minute)
	if !handled || code != 0 {
		t.Fatalf("launch = %v, %d", handled, code)
	}
	if got := strings.Join(e.ran(), " "); got != "1.1.0 ready 1.1.0 |" {
		t.Fatalf("ran %q", got)
	}
	if s := e.state(); s.Current != "1.1.0" || s.Staged != "" || s.Trying != "" {
		t.Fatalf("state %+v", s)
	}
	if !strings.Contains(e.log.String(), ReadyLine) {
		t.Fatal("the version's log was not forwarded")
	}
	// 1.2.0 arrives: 1.1.0 becomes the previous version and stays on disk.
	e.stage("1.2.0", "ok", "1.1.0")
	e.launch("1.0.0", time.Minute)
	s := e.state()
	if s.Current != "1.2.0" || s.Previous != "1.1.0" {
		t.Fatalf("state %+v", s)
	}
	for _, v := range []string{"1.1.0", "1.2.0"} {
		if _, err := e.local.verified(v); err != nil {
			t.Fatalf("version %s not kept: %v", v, err)
		}
	}
	// A newer installed program (a new .deb) runs itself.
	if handled, _ := e.launch("1.3.0", time.Minute); handled {
		t.Fatal("an installed program newer than every update must run itself")
	}
}

func TestLauncherRollsBackAVersionThatCrashes(t *testing.T) {
	e := newLaunchEnv(t)
	e.stage("1.1.0", "ok", "1.0.0")
	e.launch("1.0.0", time.Minute)
	e.stage("1.2.0", "crash", "1.1.0")
	handled, code := e.launch("1.0.0", time.Minute)
	if !handled || code != 0 {
		t.Fatalf("launch = %v, %d", handled, code)
	}
	// 1.2.0 crashed, 1.1.0 ran in its place.
	if got := strings.Join(e.ran(), " "); !strings.HasSuffix(got, "1.2.0 crash 1.2.0 | 1.1.0 ready 1.1.0 |") {
		t.Fatalf("ran %q", got)
	}
	s := e.state()
	if s.Current != "1.1.0" || len(s.Failed) != 1 || s.Failed[0] != "1.2.0" || len(s.Reports) != 1 || s.Reports[0].Event != EventRollback {
		t.Fatalf("state %+v", s)
	}
	// Never again, and the report waits for the server.
	e.launch("1.0.0", time.Minute)
	if got := e.ran(); strings.Count(strings.Join(got, " "), "1.2.0") != 2 {
		t.Fatalf("the failed version ran again: %q", got)
	}
	rs, _ := e.local.TakeReports()
	if err := e.local.Sent(rs); err != nil {
		t.Fatal(err)
	}
	if s := e.state(); len(s.Reports) != 0 {
		t.Fatalf("reports not cleared: %+v", s)
	}
}

func TestLauncherKillsAVersionWithoutUI(t *testing.T) {
	e := newLaunchEnv(t)
	e.stage("1.1.0", "hang", "1.0.0")
	// The first (and only) update hangs: after the deadline it is killed and
	// the installed program runs itself.
	handled, _ := e.launch("1.0.0", 3*time.Second)
	if handled {
		t.Fatal("after the rollback to the installed program, the launcher must hand over to it")
	}
	s := e.state()
	if len(s.Failed) != 1 || s.Failed[0] != "1.1.0" || s.Current != "" || !strings.Contains(s.Reports[0].Detail, "tidak tampil") {
		t.Fatalf("state %+v", s)
	}
}

func TestLauncherLeftTryingCountsAsFailed(t *testing.T) {
	e := newLaunchEnv(t)
	e.stage("1.1.0", "ok", "1.0.0")
	// The computer went off while 1.1.0 was starting.
	e.local.Update(func(s *State) error { s.Trying = "1.1.0"; return nil })
	if handled, _ := e.launch("1.0.0", time.Minute); handled {
		t.Fatal("a version that never confirmed its start must not run again")
	}
	if s := e.state(); len(s.Failed) != 1 || len(s.Reports) != 1 {
		t.Fatalf("state %+v", s)
	}
}

func TestLauncherRefusesAFileChangedOnDisk(t *testing.T) {
	e := newLaunchEnv(t)
	e.stage("1.1.0", "ok", "1.0.0")
	p := filepath.Join(e.local.VersionDir("1.1.0"), "imbang-desktop-1.1.0")
	b, _ := os.ReadFile(p)
	b[len(b)/2] ^= 0xff
	os.WriteFile(p, b, 0o755)
	if handled, _ := e.launch("1.0.0", time.Minute); handled {
		t.Fatal("an altered file was started")
	}
	if len(e.ran()) != 0 {
		t.Fatal("the altered file ran")
	}
	if s := e.state(); len(s.Failed) != 1 {
		t.Fatalf("state %+v", s)
	}
}

func TestLauncherRestartsOnRequest(t *testing.T) {
	e := newLaunchEnv(t)
	e.stage("1.1.0", "restart", "1.0.0")
	handled, code := e.launch("1.0.0", time.Minute)
	if !handled || code != 0 {
		t.Fatalf("launch = %v, %d", handled, code)
	}
	// Exit code 75 ("Perbarui sekarang") made the launcher start the newest
	// version again, not roll it back.
	if got := strings.Join(e.ran(), " "); got != "1.1.0 restart 1.1.0 | 1.1.0 ready 1.1.0 |" {
		t.Fatalf("ran %q", got)
	}
	if s := e.state(); s.Current != "1.1.0" || len(s.Failed) != 0 {
		t.Fatalf("state %+v", s)
	}
}
