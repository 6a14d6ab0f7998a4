package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
	"github.com/bkpsdm-sorong/imbang/backend/mutasi"
	"github.com/bkpsdm-sorong/imbang/backend/mutasisvc"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

func init() { commands["check"] = cmdCheck }

// exitCode is an error that asks run for a particular exit code after the
// command has printed its result (check: 3 when a BLOCK rule fails).
type exitCode struct {
	code int
	msg  string
}

func (e *exitCode) Error() string { return e.msg }

// cmdCheck evaluates the eligibility rules for one proposed transfer:
//
//	imbang check --nip NIP --unit UNIT_KODE --jabatan JABATAN_KODE [--opd OPD_KODE] [--type T1] [--aps] [--date YYYY-MM-DD]
//
// It prints the rule results as JSON and exits 0 when no BLOCK rule fails,
// 3 when one does. Without --type the type is T0 when the unit is in the
// employee's own OPD, else T1.
func cmdCheck(ctx context.Context, e *env, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	nip := fs.String("nip", "", "NIP pegawai")
	unitKode := fs.String("unit", "", "kode unit kerja tujuan")
	jabKode := fs.String("jabatan", "", "kode jabatan tujuan")
	opdKode := fs.String("opd", "", "kode OPD tujuan (bila kode unit dipakai di beberapa OPD)")
	jenis := fs.String("type", "", "jenis mutasi T0–T4 (bawaan: T0 dalam OPD yang sama, selain itu T1)")
	aps := fs.Bool("aps", false, "atas permintaan sendiri")
	date := fs.String("date", "", "tanggal keputusan TTTT-BB-HH (bawaan: hari ini)")
	instansi := fs.String("instansi", "", "instansi tujuan di luar Pemda (T2–T4), mis. \"Pemerintah Provinsi Papua Barat Daya\"")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if strings.TrimSpace(*instansi) != "" {
		return checkKeluar(ctx, e, *nip, *jabKode, strings.TrimSpace(*instansi), *jenis, *aps, *date, w)
	}
	if *nip == "" || *unitKode == "" || *jabKode == "" {
		return domain.E(domain.KindInvalid, "cli.usage",
			"Penggunaan: imbang check --nip NIP --unit KODE_UNIT --jabatan KODE_JABATAN [--opd KODE_OPD] [--type T1] [--aps] [--date TTTT-BB-HH]",
			"Usage: imbang check --nip NIP --unit UNIT_CODE --jabatan POSITION_CODE [--opd OPD_CODE] [--type T1] [--aps] [--date YYYY-MM-DD]")
	}
	page, err := e.svc.ListPegawai(ctx, kepegawaian.PegawaiQuery{Search: *nip, Limit: 5})
	if err != nil {
		return err
	}
	var peg *kepegawaian.PegawaiRow
	for i := range page.Rows {
		if page.Rows[i].NIP == domain.NormalizeNumber(*nip) {
			peg = &page.Rows[i]
		}
	}
	if peg == nil {
		return domain.E(domain.KindNotFound, "pegawai.not_found", fmt.Sprintf("Pegawai dengan NIP %s tidak ditemukan.", *nip), fmt.Sprintf("No employee with NIP %s.", *nip))
	}
	labels, err := e.st.Labels(ctx)
	if err != nil {
		return err
	}
	var target mutasi.Placement
	var found []string
	for id, u := range labels.Unit {
		if u.Kode == *unitKode && (*opdKode == "" || labels.OPD[u.OPDID].Kode == *opdKode) {
			target.UnitID, target.OPDID = id, u.OPDID
			found = append(found, labels.OPD[u.OPDID].Kode)
		}
	}
	switch {
	case len(found) == 0:
		return domain.E(domain.KindNotFound, "unit.not_found", fmt.Sprintf("Unit dengan kode %s tidak ditemukan.", *unitKode), fmt.Sprintf("No unit with code %s.", *unitKode))
	case len(found) > 1:
		return domain.E(domain.KindInvalid, "cli.unit_ambiguous",
			fmt.Sprintf("Kode unit %s dipakai di beberapa OPD (%s); sebutkan --opd.", *unitKode, strings.Join(found, ", ")),
			fmt.Sprintf("Unit code %s is used in several OPDs (%s); give --opd.", *unitKode, strings.Join(found, ", ")))
	}
	for id, j := range labels.Jabatan {
		if j.Kode == *jabKode {
			target.JabatanID = id
		}
	}
	if target.JabatanID == "" {
		return domain.E(domain.KindNotFound, "jabatan.not_found", fmt.Sprintf("Jabatan dengan kode %s tidak ditemukan.", *jabKode), fmt.Sprintf("No position with code %s.", *jabKode))
	}
	j := domain.JenisMutasi(strings.ToUpper(*jenis))
	if j == "" {
		j = domain.MutasiT1
		if target.OPDID == peg.OPDID {
			j = domain.MutasiT0
		}
	}
	return printCheck(ctx, e, mutasisvc.CheckInput{PegawaiID: peg.ID, Jenis: j, APS: *aps, Target: target, Tanggal: *date}, w)
}

// checkKeluar checks a T2–T4 transfer to another agency: the target is
// outside this Pemda (no OPD or unit here), named by --instansi; --jabatan,
// when given, is the catalogue position it corresponds to.
func checkKeluar(ctx context.Context, e *env, nip, jabKode, instansi, jenis string, aps bool, date string, w io.Writer) error {
	if nip == "" {
		return domain.E(domain.KindInvalid, "cli.usage", "Penggunaan: imbang check --nip NIP --instansi NAMA [--type T2|T3|T4] [--jabatan KODE] [--aps] [--date TTTT-BB-HH]",
			"Usage: imbang check --nip NIP --instansi NAME [--type T2|T3|T4] [--jabatan CODE] [--aps] [--date YYYY-MM-DD]")
	}
	j := domain.JenisMutasi(strings.ToUpper(jenis))
	if j == "" {
		j = domain.MutasiT2
	}
	if !j.AntarInstansi() {
		return domain.E(domain.KindInvalid, "cli.type", fmt.Sprintf("--instansi hanya untuk mutasi antar instansi (T2–T4), bukan %s.", j),
			fmt.Sprintf("--instansi is only for transfers between agencies (T2–T4), not %s.", j))
	}
	peg, err := pegawaiByNIP(ctx, e, nip)
	if err != nil {
		return err
	}
	target := mutasi.Placement{Instansi: instansi}
	if jabKode != "" {
		labels, err := e.st.Labels(ctx)
		if err != nil {
			return err
		}
		for id, x := range labels.Jabatan {
			if x.Kode == jabKode {
				target.JabatanID = id
			}
		}
		if target.JabatanID == "" {
			return domain.E(domain.KindNotFound, "jabatan.not_found", fmt.Sprintf("Jabatan dengan kode %s tidak ditemukan.", jabKode), fmt.Sprintf("No position with code %s.", jabKode))
		}
	}
	return printCheck(ctx, e, mutasisvc.CheckInput{PegawaiID: peg.ID, Jenis: j, APS: aps, Target: target, Tanggal: date}, w)
}

// printCheck evaluates the rules, prints them as JSON, and exits 3 when a
// BLOCK rule fails.
func printCheck(ctx context.Context, e *env, in mutasisvc.CheckInput, w io.Writer) error {
	j, aps := in.Jenis, &in.APS
	abk := abksvc.New(abksvc.Config{Repo: e.st, NewID: store.NewID})
	svc := mutasisvc.New(mutasisvc.Config{Repo: e.st, ABK: abk, NewID: store.NewID})
	res, err := svc.CheckMutasi(ctx, in)
	if err != nil {
		return err
	}
	out := struct {
		Jenis domain.JenisMutasi `json:"jenis"`
		APS   bool               `json:"aps"`
		mutasisvc.CheckResult
	}{j, *aps, res}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	if res.Blocked {
		var ids []string
		for _, r := range res.Rules {
			if r.Failed() && r.Severity == "BLOCK" {
				ids = append(ids, r.RuleID+": "+r.Message)
			}
		}
		return &exitCode{3, "Mutasi terhalang aturan BLOCK — " + strings.Join(ids, "; ")}
	}
	return nil
}
