package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/bkpsdm-sorong/imbang/backend/analisis"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/backend/workload"
)

func init() { commands["abk"] = cmdABK }

// abkOutput is the JSON shape of `imbang abk`.
type abkOutput struct {
	ABK       analisis.ABK           `json:"abk"`
	Settings  workload.Settings      `json:"settings"`
	Positions []analisis.PositionRow `json:"positions"`
	OPD       []analisis.OPDRow      `json:"opd"`
	Region    workload.Aggregate     `json:"region"`
	Balance   workload.Balance       `json:"balance"`
}

// cmdABK prints the workload analysis: one row per (OPD, unit, jabatan), the
// OPD totals, the region total and the balance index.
func cmdABK(ctx context.Context, e *env, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("abk", flag.ContinueOnError)
	format := fs.String("format", "csv", "json atau csv")
	abkID := fs.String("abk", "", "id ABK (bawaan: ABK final terbaru)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "json" && *format != "csv" {
		return domain.E(domain.KindInvalid, "cli.format", "Format harus json atau csv.", "The format must be json or csv.")
	}
	svc := analisis.New(analisis.Config{Repo: e.st, NewID: store.NewID})
	an, rows, err := svc.PositionRows(ctx, *abkID)
	if err != nil {
		return err
	}
	out := abkOutput{ABK: an.ABK, Settings: an.Settings, Positions: rows, OPD: an.OPDRows(), Region: an.Result.Region, Balance: an.Result.Balance}
	if *format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	cw := csv.NewWriter(w)
	f2 := func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }
	f0 := func(x float64) string { return strconv.FormatFloat(x, 'f', 0, 64) }
	cw.Write([]string{"tingkat", "opd", "unit", "jabatan", "beban_menit", "kebutuhan", "kebutuhan_bulat", "bezetting", "selisih", "kelebihan", "kekurangan", "ej", "nilai"})
	for _, r := range rows {
		ej := f2(r.EJ)
		if r.Kosong {
			ej = ""
		}
		kel, kek := max(r.Selisih, 0), max(-r.Selisih, 0)
		cw.Write([]string{"posisi", r.OPDKode, r.UnitKode, r.JabatanKode, f0(r.Beban), f2(r.Kebutuhan), strconv.Itoa(r.KebutuhanBulat),
			strconv.Itoa(r.Bezetting), strconv.Itoa(r.Selisih), strconv.Itoa(kel), strconv.Itoa(kek), ej, string(r.Grade)})
	}
	agg := func(level, opd string, a workload.Aggregate) {
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
