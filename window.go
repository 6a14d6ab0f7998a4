package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// The window fits the screens agencies have: the default leaves room for a
// 1366×768 screen's taskbar and title bar, the last size and position are
// remembered (DATA/jendela.json) and put back only where they still fit
// the screen.
const (
	windowWidth     = 1280
	windowHeight    = 680
	windowMinWidth  = 1024
	windowMinHeight = 640
)

// windowPlace is the remembered window.
type windowPlace struct {
	X, Y, W, H int
}

func windowFile(dataDir string) string { return filepath.Join(dataDir, "jendela.json") }

func loadWindow(dataDir string) (windowPlace, bool) {
	var p windowPlace
	b, err := os.ReadFile(windowFile(dataDir))
	if err != nil || json.Unmarshal(b, &p) != nil || p.W < windowMinWidth || p.H < windowMinHeight {
		return windowPlace{}, false
	}
	return p, true
}

func saveWindow(dataDir string, p windowPlace) {
	if dataDir == "" || p.W < windowMinWidth || p.H < windowMinHeight {
		return
	}
	b, _ := json.Marshal(p)
	_ = os.WriteFile(windowFile(dataDir), b, 0o644)
}

// fitWindow puts a remembered window on a screen of sw×sh: too big shrinks
// to the screen (never below the minimum), off-screen moves back inside;
// ok=false means centre it instead.
func fitWindow(p windowPlace, sw, sh int) (windowPlace, bool) {
	if sw <= 0 || sh <= 0 {
		return p, false
	}
	p.W, p.H = min(p.W, max(sw, windowMinWidth)), min(p.H, max(sh-40, windowMinHeight))
	if p.X < 0 || p.Y < 0 || p.X+p.W > sw || p.Y+p.H > sh {
		// At least the title bar must be reachable; otherwise centre.
		if p.X < 0 || p.Y < 0 || p.X > sw-100 || p.Y > sh-100 {
			return p, false
		}
		p.X, p.Y = max(0, min(p.X, sw-p.W)), max(0, min(p.Y, sh-p.H))
	}
	return p, true
}

// placeWindow restores the remembered window, or centres the default one
// (a window manager-less X server leaves a new window at 0,0 otherwise).
func placeWindow(ctx context.Context, dataDir string) {
	sw, sh := 0, 0
	if screens, err := runtime.ScreenGetAll(ctx); err == nil {
		for _, s := range screens {
			if s.IsCurrent || s.IsPrimary || sw == 0 {
				sw, sh = s.Size.Width, s.Size.Height
			}
		}
	}
	if p, ok := loadWindow(dataDir); ok {
		if p, ok := fitWindow(p, sw, sh); ok {
			runtime.WindowSetSize(ctx, p.W, p.H)
			runtime.WindowSetPosition(ctx, p.X, p.Y)
			return
		}
		runtime.WindowSetSize(ctx, min(p.W, max(sw, windowMinWidth)), min(p.H, max(sh-40, windowMinHeight)))
	} else if sw > 0 && sh > 0 && (sw < windowWidth || sh-40 < windowHeight) {
		runtime.WindowSetSize(ctx, max(min(windowWidth, sw), windowMinWidth), max(min(windowHeight, sh-40), windowMinHeight))
	}
	runtime.WindowCenter(ctx)
}

// rememberWindow saves the window's size and position as it closes.
func rememberWindow(ctx context.Context, dataDir string) {
	if runtime.WindowIsMaximised(ctx) || runtime.WindowIsMinimised(ctx) {
		return
	}
	w, h := runtime.WindowGetSize(ctx)
	x, y := runtime.WindowGetPosition(ctx)
	saveWindow(dataDir, windowPlace{X: x, Y: y, W: w, H: h})
}
