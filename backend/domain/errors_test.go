package domain

import (
	"bytes"
	"errors"
	"log/slog"
	"regexp"
	"strings"
	"testing"
)

func TestMaskHidesInternalTextBehindAReference(t *testing.T) {
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	coded := E(KindConflict, "x.taken", "Sudah dipakai.", "Already taken.")
	if got := Mask(log, "Op", coded); got != coded || logged.Len() != 0 {
		t.Fatalf("a coded error is shown as it is: %v, log %q", got, logged.String())
	}
	for _, err := range []error{errors.New("near \"SELEC\": syntax error"), Wrap(errors.New("secret path /x/y"), KindInternal, "db", "x", "y")} {
		logged.Reset()
		m := Mask(log, "SavePegawai", err)
		ref := regexp.MustCompile(`rujukan ([0-9A-Z]{8})\)`).FindStringSubmatch(m.Message)
		if m.Kind != KindInternal || m.Code != "internal" || ref == nil || !strings.Contains(m.MessageEN, "reference "+ref[1]) {
			t.Fatalf("%+v", m)
		}
		if strings.Contains(m.Message+m.MessageEN, "SELEC") || strings.Contains(m.Message+m.MessageEN, "secret") {
			t.Fatalf("internal text shown: %+v", m)
		}
		if l := logged.String(); !strings.Contains(l, "ref="+ref[1]) || !strings.Contains(l, "op=SavePegawai") || !strings.Contains(l, "err=") {
			t.Fatalf("log %q", l)
		}
	}
}
