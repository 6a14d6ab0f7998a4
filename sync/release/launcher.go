package release

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"slices"
	"sync"
	"time"
)

// EnvLaunched is set for a version the launcher started, so it does not
// launch again.
const EnvLaunched = "IMBANG_LAUNCHED"

// RestartCode is the exit code by which a running version asks the
// launcher to start the newest version again ("Perbarui sekarang").
const RestartCode = 75

// ReadyLine is the log line a version writes when its UI shows its first
// screen (App.LogUI): the proof that the version works.
const ReadyLine = "IMBANG_UI_READY"

// Launcher starts the newest good version of the program: the installed
// program runs it at start (before it opens the store) when the update
// area holds a verified version newer than itself. A version that does not
// write ReadyLine within Timeout, or exits before, is stopped, marked
// failed, reported, and the previous version starts in its place.
type Launcher struct {
	Local   *Local
	Self    string // the installed program's own version
	Args    []string
	Timeout time.Duration // default 2 min
	Stdout  io.Writer
	Stderr  io.Writer
	Log     *slog.Logger
	Now     func() time.Time
}

// Run starts versions until one runs to its end, and returns its exit code;
// handled=false means no newer good version is here: the installed program
// runs itself.
func (l *Launcher) Run() (handled bool, code int) {
	if l.Timeout <= 0 {
		l.Timeout = 2 * time.Minute
	}
	if l.Now == nil {
		l.Now = time.Now
	}
	if l.Log == nil {
		l.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	for attempt := 0; attempt < 8; attempt++ {
		inst, ok := l.pick()
		if !ok {
			return false, 0
		}
		code, ready, detail := l.runOne(inst)
		if !ready {
			l.Log.Warn("update rolled back", "version", inst.Manifest.Version, "why", detail)
			l.Local.Update(func(s *State) error { failIn(s, inst.Manifest.Version, detail, l.Now()); return nil })
			continue // the previous version, or the installed program
		}
		if code != RestartCode {
			return true, code
		}
	}
	return false, 0
}

// pick chooses the newest verified version newer than the installed
// program; a version left "trying" by an earlier start (the computer went
// off, the launcher was killed) counts as failed.
func (l *Launcher) pick() (Installed, bool) {
	var out Installed
	found := false
	l.Local.Update(func(s *State) error {
		if s.Trying != "" {
			failIn(s, s.Trying, "tidak menampilkan layar pada percobaan sebelumnya (did not show its UI on the previous start)", l.Now())
		}
		var cands []string
		for _, v := range []string{s.Staged, s.Current, s.Previous} {
			if v != "" && !slices.Contains(s.Failed, v) && Compare(v, l.Self) > 0 && !slices.Contains(cands, v) {
				cands = append(cands, v)
			}
		}
		slices.SortFunc(cands, func(a, b string) int { return Compare(b, a) })
		for _, v := range cands {
			inst, err := l.Local.verified(v)
			if err != nil {
				// Altered on disk since it was staged: never start it.
				failIn(s, v, "berkas di disk tidak lolos verifikasi (failed verification on disk): "+err.Error(), l.Now())
				continue
			}
			out, found = inst, true
			s.Trying = v
			return nil
		}
		return nil
	})
	return out, found
}

// runOne runs a version and watches its log for ReadyLine. It returns when
// the version exits, or at once when it misses the deadline (it is killed).
func (l *Launcher) runOne(inst Installed) (code int, ready bool, detail string) {
	v := inst.Manifest.Version
	cmd := exec.Command(inst.Path, l.Args...)
	cmd.Env = append(os.Environ(), EnvLaunched+"="+v)
	cmd.Stdout = l.Stdout
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		pw.Close()
		return 0, false, "tidak dapat dijalankan (cannot start): " + err.Error()
	}
	l.Log.Info("launcher started version", "version", v, "pid", cmd.Process.Pid)
	readyCh := make(chan struct{})
	logDone := make(chan struct{})
	var once sync.Once
	go func() {
		defer close(logDone)
		// Forward the version's log, watching for its ready line.
		r := bufio.NewReaderSize(pr, 64<<10)
		for {
			line, err := r.ReadBytes('\n')
			if len(line) > 0 {
				if l.Stderr != nil {
					l.Stderr.Write(line)
				}
				if bytes.Contains(line, []byte(ReadyLine)) {
					once.Do(func() { close(readyCh) })
				}
			}
			if err != nil {
				io.Copy(io.Discard, pr)
				return
			}
		}
	}()
	exited := make(chan error, 1)
	// exited fires only once the log is read to its end, so a version that
	// showed its UI and quit at once is seen as ready, whichever case the
	// select below takes.
	go func() { err := cmd.Wait(); pw.Close(); <-logDone; exited <- err }()
	timer := time.NewTimer(l.Timeout)
	defer timer.Stop()
	select {
	case <-readyCh:
		l.ready(v)
		err := <-exited
		return exitCode(err), true, ""
	case err := <-exited:
		select {
		case <-readyCh:
			l.ready(v)
			return exitCode(err), true, ""
		default:
		}
		return exitCode(err), false, fmt.Sprintf("berhenti sebelum layarnya tampil (exited before its UI showed): %v", errString(err))
	case <-timer.C:
		cmd.Process.Kill()
		<-exited
		return 0, false, fmt.Sprintf("layarnya tidak tampil dalam %v (no UI within %v)", l.Timeout, l.Timeout)
	}
}

// ready records that version v showed its UI: it becomes the current one.
func (l *Launcher) ready(v string) {
	l.Local.Update(func(s *State) error {
		if s.Current != v {
			s.Previous, s.Current = s.Current, v
		}
		if s.Staged == v {
			s.Staged = ""
		}
		s.Trying = ""
		l.Local.prune(*s)
		return nil
	})
	l.Log.Info("launcher: version ready", "version", v)
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return 1
	}
	return 0
}

func errString(err error) string {
	if err == nil {
		return "exit 0"
	}
	return err.Error()
}
