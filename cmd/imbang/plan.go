package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/planner"
	"github.com/bkpsdm-sorong/imbang/backend/plannersvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

func init() { commands["plan"] = cmdPlan }

// planMove is one move as `imbang plan` prints it.
type planMove struct {
	NIP           string              `json:"nip"`
	Nama          string              `json:"nama"`
	From          plannersvc.PosLabel `json:"from"`
	To            plannersvc.PosLabel `json:"to"`
	Cost          planner.CostTerms   `json:"cost"`
	Explanation   string              `json:"explanation"`
	ExplanationEn string              `json:"explanationEn"`
}

// planOutput is the JSON shape of `imbang plan`.
type planOutput struct {
	RunID         string          `json:"runId,omitempty"` // with --save
	SolverVersion string          `json:"solverVersion"`
	InputHash     string          `json:"inputHash"`
	Weights       planner.Weights `json:"weights"`
	Options       planner.Options `json:"options"`
	Objective     int64           `json:"objective"`
	BalanceBefore float64         `json:"balanceBefore"`
	BalanceAfter  float64         `json:"balanceAfter"`
	Moves         []planMove      `json:"moves"`
	Excluded      int             `json:"excluded"`
	Stats         planner.Stats   `json:"stats"`
	Seed          int64           `json:"seed"`
}

// cmdPlan solves the rebalancing plan on the current data with the stored
// planner settings and prints it. --seed is accepted for symmetry with
// `demo`; the planner uses no randomness (ties are broken by canonical
// order), so it changes nothing.
func cmdPlan(ctx context.Context, e *env, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	format := fs.String("format", "text", "json atau text")
	maxMoves := fs.Int("max-moves", -1, "jumlah mutasi maksimum (bawaan: dari pengaturan; 0 = tanpa batas)")
	seed := fs.Int64("seed", 0, "tidak berpengaruh: perencana deterministik tanpa acak")
	save := fs.Bool("save", false, "simpan sebagai rencana (terlihat di halaman Rencana Mutasi)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *format != "json" && *format != "text" {
		return domain.E(domain.KindInvalid, "cli.format", "Format harus json atau text.", "The format must be json or text.")
	}
	abk := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	svc := plannersvc.New(plannersvc.Config{Repo: e.st, ABK: abk, Mutasi: e.st, NewID: store.NewID})
	st, err := svc.Settings(ctx)
	if err != nil {
		return err
	}
	if *maxMoves >= 0 {
		st.Options.MaxMoves = *maxMoves
	}
	in := plannersvc.RunInput{Weights: &st.Weights, Options: &st.Options}
	var plan *planner.Plan
	labels := map[string]plannersvc.PosLabel{}
	out := planOutput{Seed: *seed, Moves: []planMove{}}
	if *save {
		v, err := svc.Run(ctx, in, nil)
		if err != nil {
			return err
		}
		plan, out.RunID = v.Plan, v.Run.ID
		plan.Stats.Millis = v.Run.Millis
		for _, l := range v.Lines {
			labels[l.From], labels[l.To] = l.FromLabel, l.ToLabel
		}
	} else if plan, labels, err = svc.Preview(ctx, in, nil); err != nil {
		return err
	}
	out.SolverVersion, out.InputHash, out.Weights, out.Options = plan.SolverVersion, plan.InputHash, plan.Weights, plan.Options
	out.Objective, out.BalanceBefore, out.BalanceAfter, out.Excluded, out.Stats = plan.Objective, plan.BalanceBefore, plan.BalanceAfter, len(plan.Excluded), plan.Stats
	for _, m := range plan.Moves {
		out.Moves = append(out.Moves, planMove{NIP: m.NIP, Nama: m.Nama, From: labels[m.From], To: labels[m.To], Cost: m.Cost,
			Explanation: m.Explanation, ExplanationEn: m.ExplanationEn})
	}
	if *format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NIP\tNAMA\tDARI\tKE\tBIAYA\tKOMPETENSI\tPREFERENSI\tPERMINTAAN\tSTAGNASI\tRELOKASI\tPINDAH\tNILAI DEFISIT\tNILAI SURPLUS")
	for _, m := range out.Moves {
		c := m.Cost
		fmt.Fprintf(tw, "%s\t%s\t%s · %s · %s\t%s · %s · %s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", m.NIP, m.Nama,
			m.From.OPDSingkatan, m.From.UnitNama, m.From.JabatanNama, m.To.OPDSingkatan, m.To.UnitNama, m.To.JabatanNama,
			c.Total, c.Competence, c.Preference, c.RequestBonus, c.Stagnation, c.Relocation, c.Move, c.DeficitValue, c.SurplusValue)
	}
	tw.Flush()
	for _, m := range out.Moves {
		fmt.Fprintf(w, "\n%s %s:\n  %s\n", m.NIP, m.Nama, m.Explanation)
	}
	fmt.Fprintf(w, "\n# %d mutasi; objektif %d; indeks keseimbangan %.4f → %.4f; %d pegawai tertahan aturan; solver %s; input %s; %d ms\n",
		len(out.Moves), out.Objective, out.BalanceBefore, out.BalanceAfter, out.Excluded, out.SolverVersion, out.InputHash, out.Stats.Millis)
	if out.RunID != "" {
		fmt.Fprintf(w, "# disimpan sebagai rencana %s\n", out.RunID)
	}
	return nil
}
