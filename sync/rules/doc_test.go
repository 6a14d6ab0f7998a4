package rules

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

var update = flag.Bool("update", false, "rewrite the generated tables in docs/sync-protocol.md")

const docPath = "../../docs/sync-protocol.md"

// AuthzMarkdown renders the who-may-write-what table from Decide: one row
// per device kind and actor, one column per table, the operations allowed
// on a row in the device's scope.
func authzMarkdown() string {
	var b strings.Builder
	b.WriteString("| device | actor |")
	for _, t := range Tables {
		b.WriteString(" " + t.Name + " |")
	}
	b.WriteString("\n|---|---|")
	for range Tables {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	actors := []*Account{nil}
	for _, r := range domain.Roles {
		a := &Account{ID: "actor", Role: r, Active: true}
		actors = append(actors, a)
	}
	for _, kind := range DeviceKinds {
		for _, a := range actors {
			name := "system"
			opd := ""
			if kind == DeviceOPD {
				opd = "opd-a"
			}
			if a != nil {
				name = string(a.Role)
				a.OPDID = ""
				if a.Role.OPDBound() {
					a.OPDID = "opd-a"
				}
			}
			fmt.Fprintf(&b, "| %s | %s |", kind, name)
			for _, t := range Tables {
				ops := ""
				for _, op := range Ops {
					row := map[string]any{}
					if t.Name == "pengguna" {
						row = map[string]any{"role": string(domain.RoleOperatorOPD), "opd_id": "opd-a"}
						if kind == DeviceBKPSDM {
							row = map[string]any{"role": string(domain.RoleVerifikator), "opd_id": ""}
						}
					}
					w := Write{Device: kind, DeviceOPD: opd, Actor: a, Table: t, Op: op, RowID: "row", Cols: row}
					if op != protocol.OpInsert {
						w.Cur = row
						w.Cols = map[string]any{"nama": "x"}
					}
					if Decide(w).Reason == "" {
						ops += strings.ToUpper(op[:1])
					}
				}
				if ops == "" {
					ops = "—"
				}
				b.WriteString(" " + ops + " |")
			}
			b.WriteString("\n")
		}
	}
	for _, own := range []bool{true, false} {
		name := "PEGAWAI, own rows"
		if !own {
			name = "PEGAWAI, another's rows"
		}
		fmt.Fprintf(&b, "| %s | %s |", DevicePortal, name)
		for _, t := range Tables {
			ops := ""
			for _, op := range Ops {
				if Decide(portalSample(t, op, own)).Reason == "" {
					ops += strings.ToUpper(op[:1])
				}
			}
			if ops == "" {
				ops = "—"
			}
			b.WriteString(" " + ops + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// portalSample is a portal write of the employee "peg-a" on a row of the
// table that is theirs (own) or another employee's, of the kind the portal
// makes: an APS request in draft, an evaluation of an executed request.
func portalSample(t *Table, op string, own bool) Write {
	owner := "peg-a"
	if !own {
		owner = "peg-b"
	}
	req := map[string]any{"pegawai_id": owner, "aps": true}
	status := "DRAFT"
	row := map[string]any{"pegawai_id": owner}
	var cols map[string]any
	switch t.Name {
	case "mutasi_usulan":
		row = map[string]any{"pegawai_id": owner, "aps": true, "jenis": "T1", "data": "{}"}
		cols = map[string]any{"data": "{}"}
	case "mutasi_event":
		row = map[string]any{"usulan_id": "req", "kind": "AJUKAN", "aktor": `{"role":"PEGAWAI","pegawaiId":"peg-a"}`}
		cols = map[string]any{"catatan": "x"}
	case "dokumen_lampiran":
		row = map[string]any{"usulan_id": "req", "jenis": "SURAT_PERMOHONAN"}
		cols = map[string]any{"nama_berkas": "x.pdf"}
	case "evaluasi":
		row = map[string]any{"usulan_id": "req", "responden": "PEGAWAI"}
		cols = map[string]any{"jawaban": "{}"}
		status = "DILAKSANAKAN"
	case "portal_laporan":
		row["status"] = "BARU"
		cols = map[string]any{"uraian": "x"}
	case "portal_minat":
		cols = map[string]any{"catatan": "x"}
	default:
		cols = map[string]any{"nama": "x"}
	}
	w := Write{Device: DevicePortal, Actor: &Account{ID: "portal", Role: domain.RolePegawai, Active: true}, Table: t, Op: op, RowID: "row",
		Portal: &Portal{PegawaiID: "peg-a", RequestStatus: status}}
	if t.ParentTable == "mutasi_usulan" || t.Name == "mutasi_usulan" {
		w.Portal.Request = req
	}
	if op == protocol.OpInsert {
		w.Cols = row
	} else {
		w.Cur, w.Cols = row, cols
	}
	return w
}

// limitsMarkdown renders every column's rule.
func limitsMarkdown() string {
	var b strings.Builder
	b.WriteString("| table | column | rule |\n|---|---|---|\n")
	for _, t := range Tables {
		for _, c := range t.Cols {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", t.Name, c.Name, describe(c.Rule))
		}
	}
	return b.String()
}

func describe(r ValueRule) string {
	var s string
	switch r.Kind {
	case KindText:
		switch {
		case len(r.Enum) > 0:
			s = "one of " + strings.Join(r.Enum, ", ")
		case r.Check != nil:
			s = fmt.Sprintf("text ≤ %d, checked by its domain rule", r.MaxLen)
		default:
			s = fmt.Sprintf("text ≤ %d characters", r.MaxLen)
		}
	case KindInt:
		s = fmt.Sprintf("whole number %g–%g", r.Min, r.Max)
		if r.Check != nil {
			s += ", on its ladder / set"
		}
	case KindReal:
		s = fmt.Sprintf("finite number %g–%g", r.Min, r.Max)
	case KindBool:
		s = "true/false or 0/1"
	case KindDate:
		s = "date YYYY-MM-DD"
	case KindTime:
		s = "RFC 3339 time"
	case KindRef:
		s = "id (UUID) of a live " + r.RefTable + " row"
	case KindJSON:
		s = fmt.Sprintf("JSON ≤ %d bytes", r.MaxLen)
	}
	if r.Must {
		s += "; required"
	}
	return s
}

func TestDocsShowTheGeneratedTables(t *testing.T) {
	raw, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	for _, part := range []struct{ name, body string }{{"authz-table", authzMarkdown()}, {"limits-table", limitsMarkdown()}} {
		begin, end := "<!-- "+part.name+":begin -->\n", "<!-- "+part.name+":end -->"
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		if i < 0 || j < i {
			t.Fatalf("%s: markers %q … %q missing", docPath, begin, end)
		}
		if doc[i+len(begin):j] == part.body {
			continue
		}
		if !*update {
			t.Fatalf("%s: the %s is out of date; run go test ./sync/rules -run TestDocs -update", docPath, part.name)
		}
		doc = doc[:i+len(begin)] + part.body + doc[j:]
	}
	if *update {
		if err := os.WriteFile(docPath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
