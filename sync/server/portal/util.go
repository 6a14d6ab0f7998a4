package portal

import (
	"fmt"
	"html/template"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
}

func fmtDate(d domain.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == "en" {
		return d.English()
	}
	return d.Indonesian()
}

// yearsBetween is the whole years from a to b.
func yearsBetween(a, b domain.Date) int {
	if a.IsZero() || b.Before(a) {
		return 0
	}
	y := b.Y - a.Y
	if b.M < a.M || (b.M == a.M && b.D < a.D) {
		y--
	}
	return y
}

func durText(a, b domain.Date, lang string) string {
	if a.IsZero() || b.Before(a) {
		return ""
	}
	months := (b.Y-a.Y)*12 + int(b.M) - int(a.M)
	if b.D < a.D {
		months--
	}
	y, m := months/12, months%12
	if lang == "en" {
		return fmt.Sprintf("%d years %d months", y, m)
	}
	return fmt.Sprintf("%d tahun %d bulan", y, m)
}
