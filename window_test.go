package main

import "testing"

func TestFitWindow(t *testing.T) {
	cases := []struct {
		name   string
		in     windowPlace
		sw, sh int
		want   windowPlace
		ok     bool
	}{
		{"fits", windowPlace{10, 20, 1100, 650}, 1366, 768, windowPlace{10, 20, 1100, 650}, true},
		{"taller than a 768 screen shrinks, keeps the taskbar free", windowPlace{0, 0, 1360, 860}, 1366, 768, windowPlace{0, 0, 1360, 728}, true},
		{"partly off the right edge moves in", windowPlace{600, 50, 1024, 640}, 1366, 768, windowPlace{342, 50, 1024, 640}, true},
		{"title bar off-screen: centre", windowPlace{0, -50, 1024, 640}, 1366, 768, windowPlace{0, -50, 1024, 640}, false},
		{"from a bigger monitor, far right: centre", windowPlace{2000, 100, 1200, 700}, 1366, 768, windowPlace{2000, 100, 1200, 700}, false},
		{"never below the minimum", windowPlace{0, 0, 1024, 640}, 800, 600, windowPlace{0, 0, 1024, 640}, true},
		{"unknown screen: centre", windowPlace{0, 0, 1024, 640}, 0, 0, windowPlace{0, 0, 1024, 640}, false},
	}
	for _, c := range cases {
		got, ok := fitWindow(c.in, c.sw, c.sh)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("%s: fitWindow(%+v, %d, %d) = %+v, %v; want %+v, %v", c.name, c.in, c.sw, c.sh, got, ok, c.want, c.ok)
		}
	}
	if windowHeight+30+40 > 768 || windowWidth > 1366 {
		t.Errorf("the default window %dx%d (+ title bar + taskbar) does not fit 1366x768", windowWidth, windowHeight)
	}
}

func TestWindowRemembered(t *testing.T) {
	dir := t.TempDir()
	if _, ok := loadWindow(dir); ok {
		t.Fatal("a new data dir has no remembered window")
	}
	saveWindow(dir, windowPlace{5, 6, 1200, 700})
	if p, ok := loadWindow(dir); !ok || p != (windowPlace{5, 6, 1200, 700}) {
		t.Fatalf("loadWindow = %+v, %v", p, ok)
	}
	saveWindow(dir, windowPlace{5, 6, 300, 200}) // below the minimum: not saved
	if p, _ := loadWindow(dir); p.W != 1200 {
		t.Fatalf("a too-small window replaced the remembered one: %+v", p)
	}
}
