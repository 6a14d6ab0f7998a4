package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

func init() { commands["settings"] = cmdSettings }

// cmdSettings shows or changes settings:
//
//	imbang settings show
//	imbang settings set abk '{"wkeMenit":75000}'
//	imbang settings set eligibility '{"mut03MinTahun":2}'
//	imbang settings set mut04 5
//
// set merges the given fields into the current values: fields left out keep
// what is stored (not the defaults). The store audits each change with its
// before and after values.
func cmdSettings(ctx context.Context, e *env, args []string, w io.Writer) error {
	svc := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	usage := domain.E(domain.KindInvalid, "cli.usage", "Penggunaan: settings show | settings set abk JSON | settings set eligibility JSON | settings set mut04 TAHUN",
		"Usage: settings show | settings set abk JSON | settings set eligibility JSON | settings set mut04 YEARS")
	if len(args) == 0 || (args[0] == "show" && len(args) == 1) {
		st, err := svc.Settings(ctx)
		if err != nil {
			return err
		}
		p, err := svc.EligibilityParams(ctx)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"abk": st, "eligibility": p})
	}
	if args[0] != "set" || len(args) != 3 {
		return usage
	}
	switch args[1] {
	case "abk":
		if _, err := svc.MergeSettings(ctx, []byte(args[2])); err != nil {
			return err
		}
	case "eligibility":
		if _, err := svc.MergeEligibilityParams(ctx, []byte(args[2])); err != nil {
			return err
		}
	case "mut04":
		var n int
		if _, err := fmt.Sscan(args[2], &n); err != nil {
			return usage
		}
		if err := svc.SaveMUT04Tahun(ctx, n); err != nil {
			return err
		}
	default:
		return usage
	}
	fmt.Fprintln(w, "Pengaturan disimpan.")
	return nil
}
