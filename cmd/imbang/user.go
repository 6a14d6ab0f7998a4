package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/bkpsdm-sorong/imbang/backend/authsvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
)

// The accounts on a machine without a UI (and for tests and the smoke check):
//
//	imbang user add --username U --nama NAMA --role PERAN [--opd KODE_OPD] [--password P | --password-stdin]
//	imbang user list
//	imbang user reset-password --username U [--password P | --password-stdin]
//	imbang user disable --username U
//
// PERAN: operator, kepala, verifikator, tpk, admin, pimpinan (or the code,
// e.g. OPERATOR_OPD). Without --password the password is read from the
// IMBANG_PASSWORD environment variable, else from the first line of stdin.

func init() { commands["user"] = cmdUser }

var roleAliases = map[string]domain.Role{
	"operator": domain.RoleOperatorOPD, "kepala": domain.RoleKepalaOPD, "verifikator": domain.RoleVerifikator,
	"tpk": domain.RoleTPK, "admin": domain.RoleAdmin, "ppk": domain.RoleAdmin, "pimpinan": domain.RolePimpinan,
}

func parseRole(s string) domain.Role {
	if r, ok := roleAliases[strings.ToLower(strings.TrimSpace(s))]; ok {
		return r
	}
	return domain.Role(strings.ToUpper(strings.TrimSpace(s)))
}

func readPassword(flagValue string, fromStdin bool) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if v := os.Getenv("IMBANG_PASSWORD"); v != "" && !fromStdin {
		return v, nil
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// opdIDByKode finds an OPD by its kode, singkatan or id.
func opdIDByKode(ctx context.Context, st *store.Store, kode string) (string, error) {
	if kode == "" {
		return "", nil
	}
	var id string
	err := st.DB().QueryRowContext(ctx, "SELECT id FROM opd WHERE kode = ? OR lower(singkatan) = lower(?) OR id = ? LIMIT 1", kode, kode, kode).Scan(&id)
	if err != nil {
		return "", domain.E(domain.KindNotFound, "opd.not_found", "OPD "+kode+" tidak ditemukan.", "OPD "+kode+" not found.")
	}
	return id, nil
}

func cmdUser(ctx context.Context, e *env, args []string, w io.Writer) error {
	if len(args) == 0 {
		return &exitCode{2, "penggunaan: imbang user add|list|reset-password|disable …"}
	}
	svc := authsvc.New(authsvc.Config{Repo: e.st, NewID: store.NewID})
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(w)
	username := fs.String("username", "", "nama pengguna")
	nama := fs.String("nama", "", "nama lengkap")
	role := fs.String("role", "", "peran: operator, kepala, verifikator, tpk, admin, pimpinan")
	opd := fs.String("opd", "", "kode atau singkatan OPD (peran Operator/Kepala OPD)")
	password := fs.String("password", "", "kata sandi (atau IMBANG_PASSWORD, atau baris pertama stdin)")
	stdin := fs.Bool("password-stdin", false, "baca kata sandi dari stdin")
	if err := fs.Parse(args); err != nil {
		return err
	}
	find := func() (authsvc.Record, error) {
		return e.st.UserByUsername(ctx, authsvc.NormUsername(*username))
	}
	switch sub {
	case "add":
		opdID, err := opdIDByKode(ctx, e.st, *opd)
		if err != nil {
			return err
		}
		pw, err := readPassword(*password, *stdin)
		if err != nil {
			return err
		}
		u, err := svc.CreateUser(ctx, "cli", authsvc.NewUser{Username: *username, Nama: *nama, Role: parseRole(*role), OPDID: opdID, Password: pw})
		if err != nil {
			return err
		}
		id, _ := domain.RoleLabel(u.Role)
		fmt.Fprintf(w, "Pengguna %s (%s) dibuat.\n", u.Username, id)
	case "list":
		users, err := svc.ListUsers(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NAMA PENGGUNA\tNAMA\tPERAN\tOPD\tAKTIF\tTERKUNCI SAMPAI")
		for _, u := range users {
			id, _ := domain.RoleLabel(u.Role)
			aktif := "ya"
			if !u.Aktif {
				aktif = "tidak"
			}
			if u.HarusGanti {
				aktif += " (harus ganti sandi)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", u.Username, u.Nama, id, u.OPDID, aktif, u.TerkunciSampai)
		}
		return tw.Flush()
	case "reset-password":
		r, err := find()
		if err != nil {
			return err
		}
		pw, err := readPassword(*password, *stdin)
		if err != nil {
			return err
		}
		if _, err := svc.ResetPassword(ctx, "cli", r.ID, pw); err != nil {
			return err
		}
		fmt.Fprintf(w, "Kata sandi %s diatur ulang; wajib diganti saat masuk berikutnya.\n", r.Username)
	case "disable":
		r, err := find()
		if err != nil {
			return err
		}
		r.Aktif = false
		if _, err := svc.UpdateUser(ctx, "cli", r.User); err != nil {
			return err
		}
		fmt.Fprintf(w, "Pengguna %s dinonaktifkan.\n", r.Username)
	default:
		return &exitCode{2, "perintah user tidak dikenal: " + sub + " (add|list|reset-password|disable)"}
	}
	return nil
}
