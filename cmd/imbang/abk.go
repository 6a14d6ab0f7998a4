package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

func init() { commands["abk"] = cmdABK }

// abkOutput is the JSON shape of `imbang abk`.
type abkOutput struct {
	ABK       abksvc.ABK           `json:"abk"`
	Settings  abk.Settings         `json:"settings"`
	Positions []abksvc.PositionRow `json:"positions"`
	OPD       []abksvc.OPDRow      `json:"opd"`
	Region    abk.Aggregate        `json:"region"`
	Balance   abk.Balance          `json:"balance"`
	Units     []unitTotal          `json:"units,omitempty"` // --level unit
}

// unitTotal is one unit's workload summed over its positions.
type unitTotal struct {
	OPDKode    string  `json:"opdKode"`
	UnitKode   string  `json:"unitKode"`
	UnitNama   string  `json:"unitNama"`
	Beban      float64 `json:"beban"`
	Kebutuhan  float64 `json:"kebutuhan"`
	KebBulat   int     `json:"kebutuhanBulat"`
	Bezetting  int     `json:"bezetting"`
	Selisih    int     `json:"selisih"`
	Kelebihan  int     `json:"kelebihan"`
	Kekurangan int     `json:"kekurangan"`
}

func unitTotals(rows []abksvc.PositionRow) []unitTotal {
	var out []unitTotal
	idx := map[string]int{}
	for _, r := range rows {
		k := r.OPDKode + "|" + r.UnitKode
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, unitTotal{OPDKode: r.OPDKode, UnitKode: r.UnitKode, UnitNama: r.UnitNama})
		}
		u := &out[i]
		u.Beban += r.Beban
		u.Kebutuhan += r.Kebutuhan
		u.KebBulat += r.KebutuhanBulat
		u.Bezetting += r.Bezetting
		u.Selisih += r.Selisih
		u.Kelebihan += max(r.Selisih, 0)
		u.Kekurangan += max(-r.Selisih, 0)
	}
	return out
}

// cmdABKNew creates a draft ABK for a year (optionally copying the tasks of
// another ABK), the target of `imbang import --kind abk`.
func cmdABKNew(ctx context.Context, e *env, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("abk new", flag.ContinueOnError)
	tahun := fs.Int("tahun", 0, "tahun ABK")
	from := fs.String("salin-dari", "", "id ABK yang tugasnya disalin (opsional)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *tahun == 0 {
		return domain.E(domain.KindInvalid, "cli.required", "--tahun wajib diisi.", "--tahun is required.")
	}
	svc := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	a, err := svc.CreateABK(ctx, *tahun, *from)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "ABK %d (draf) dibuat: id %s\n", a.Tahun, a.ID)
	return nil
}

// cmdABK prints the workload analysis: one row per (OPD, unit, jabatan), the
// OPD totals, the region total and the balance index.
//
//	imbang abk [--format csv|json] [--abk ID] [--level posisi|unit|opd]
//	imbang abk new --tahun TTTT [--salin-dari ID]
func cmdABK(ctx context.Context, e *env, args []string, w io.Writer) error {
	if len(args) > 0 && args[0] == "new" {
		return cmdABKNew(ctx, e, args[1:], w)
	}
	fs := flag.NewFlagSet("abk", flag.ContinueOnError)
	format := fs.String("format", "csv", "json atau csv")
	abkID := fs.String("abk", "", "id ABK (bawaan: ABK final terbaru)")
	level := fs.String("level", "posisi", "posisi (dengan total OPD dan wilayah), unit atau opd")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return unknownSub("abk", fs.Arg(0), []string{"new", "(tanpa sub-perintah: analisis)"})
	}
	if *level != "posisi" && *level != "unit" && *level != "opd" {
		return domain.E(domain.KindInvalid, "cli.level", "--level harus posisi, unit atau opd.", "--level must be posisi, unit or opd.")
	}
	if *format != "json" && *format != "csv" {
		return domain.E(domain.KindInvalid, "cli.format", "Format harus json atau csv.", "The format must be json or csv.")
	}
	svc := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	an, rows, err := svc.PositionRows(ctx, *abkID)
	if err != nil {
		return err
	}
	out := abkOutput{ABK: an.ABK, Settings: an.Settings, Positions: rows, OPD: an.OPDRows(), Region: an.Result.Region, Balance: an.Result.Balance}
	if *level == "unit" {
		out.Units = unitTotals(rows)
	}
	if *level != "posisi" {
		out.Positions = nil
	}
	if *format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	cw := csv.NewWriter(w)
	f2 := func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }
	f0 := func(x float64) string { return strconv.FormatFloat(x, 'f', 0, 64) }
	cw.Write([]string{"tingkat", "opd", "unit", "jabatan", "beban_menit", "kebutuhan", "kebutuhan_bulat", "bezetting", "selisih", "kelebihan", "kekurangan", "ej", "nilai"})
	for _, u := range out.Units {
		cw.Write([]string{"unit", u.OPDKode, u.UnitKode, "", f0(u.Beban), f2(u.Kebutuhan), strconv.Itoa(u.KebBulat), strconv.Itoa(u.Bezetting),
			strconv.Itoa(u.Selisih), strconv.Itoa(u.Kelebihan), strconv.Itoa(u.Kekurangan), "", ""})
	}
	for _, r := range out.Positions {
		ej := f2(r.EJ)
		if r.Kosong {
			ej = ""
		}
		kel, kek := max(r.Selisih, 0), max(-r.Selisih, 0)
		cw.Write([]string{"posisi", r.OPDKode, r.UnitKode, r.JabatanKode, f0(r.Beban), f2(r.Kebutuhan), strconv.Itoa(r.KebutuhanBulat),
			strconv.Itoa(r.Bezetting), strconv.Itoa(r.Selisih), strconv.Itoa(kel), strconv.Itoa(kek), ej, string(r.Grade)})
	}
	agg := func(level, opd string, a abk.Aggregate) {
		cw.Write([]string{level, opd, "", "", f0(a.Beban), f2(a.Beban / an.Settings.WKEMenit), strconv.Itoa(a.KebutuhanBulat), strconv.Itoa(a.Bezetting),
			strconv.Itoa(a.Selisih), strconv.Itoa(a.Kelebihan), strconv.Itoa(a.Kekurangan), f2(a.EU), string(a.Grade)})
	}
	for _, o := range out.OPD {
		agg("opd", o.Kode, o.Aggregate)
	}
	agg("region", "", out.Region)
	cw.Flush()
	fmt.Fprintf(w, "# ABK %d (%s); indeks keseimbangan %.4f = Σ|selisih| %d / Σ kebutuhan %d; posisi bernilai B %.1f%% dari %d\n",
		an.ABK.Tahun, an.ABK.Status, out.Balance.Index, out.Balance.MisplacedSum, out.Balance.KebutuhanSum, out.Balance.ShareB*100, out.Balance.PositionCount)
	return cw.Error()
}
