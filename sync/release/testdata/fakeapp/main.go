// Command fakeapp stands in for a desktop version in the launcher's tests:
// built with -ldflags "-X main.mode=… -X main.version=…", it shows its "UI"
// (writes the ready line), crashes, or hangs, and appends what it did to
// the file named by $FAKEAPP_NOTES.
package main

import (
	"fmt"
	"os"
	"strings"
	"time"
)

var (
	mode    = "ok"
	version = "0.0.0"
)

func main() {
	notes := os.Getenv("FAKEAPP_NOTES")
	note := func(s string) {
		if notes != "" {
			f, err := os.OpenFile(notes, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err == nil {
				fmt.Fprintf(f, "%s %s %s\n", version, s, os.Getenv("IMBANG_LAUNCHED"))
				f.Close()
			}
		}
	}
	switch mode {
	case "crash":
		note("crash")
		fmt.Fprintln(os.Stderr, "panic: the new version is broken")
		os.Exit(3)
	case "restart":
		// "Perbarui sekarang" the first time: ready, then exit 75.
		b, _ := os.ReadFile(notes)
		fmt.Fprintln(os.Stderr, "level=INFO msg=IMBANG_UI_READY message=login")
		if !strings.Contains(string(b), "restart") {
			note("restart")
			os.Exit(75)
		}
		note("ready")
	case "hang":
		note("hang")
		time.Sleep(time.Hour)
	default:
		fmt.Fprintln(os.Stderr, "level=INFO msg=IMBANG_UI_READY message=login")
		note("ready")
	}
}
