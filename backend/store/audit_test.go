package store

import (
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/audit"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

func TestWritesAreAuditedAndTamperingIsNamed(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("198609262015051001", "1986-09-26", domain.GenderLaki)
	must(t, s.SavePegawai(actor.With(ctx, actor.Actor{Username: "budi", Role: "OPERATOR_OPD"}), "budi", p, true, NewID()))
	p.Nama = "Nama Baru"
	must(t, s.SavePegawai(ctx, "budi", p, false, NewID()))

	entries, head, err := s.AuditLog(ctx)
	must(t, err)
	// opd ×2, unit ×3, jabatan, pegawai + riwayat, pegawai update (pemda is not audited)
	if len(entries) != 9 || head.Seq != 9 {
		t.Fatalf("%d entries, head %+v", len(entries), head)
	}
	if ps := audit.VerifyHead(entries, head); len(ps) != 0 {
		t.Fatalf("untouched log: %v", ps)
	}
	upd := entries[8]
	if upd.Action != "UPDATE" || upd.Entity != "pegawai" || upd.Before != `{"nama":"Pegawai 1001"}` || upd.After != `{"nama":"Nama Baru"}` {
		t.Fatalf("update entry %+v", upd)
	}
	if entries[6].Role != "OPERATOR_OPD" || entries[6].Actor != "budi" {
		t.Fatalf("actor/role not recorded: %+v", entries[6])
	}

	// Someone edits one entry directly in the database.
	_, err = s.db.Exec("UPDATE audit_log SET sesudah = '{\"nama\":\"Lain\"}' WHERE seq = 9")
	must(t, err)
	entries, head, _ = s.AuditLog(ctx)
	ps := audit.VerifyHead(entries, head)
	if len(ps) == 0 || ps[0].Seq != 9 || ps[0].Code != audit.CodeEdited {
		t.Fatalf("edit not named: %v", ps)
	}
	// …or deletes the newest one, which leaves a valid shorter chain.
	_, err = s.db.Exec("DELETE FROM audit_log WHERE seq = 9")
	must(t, err)
	entries, head, _ = s.AuditLog(ctx)
	if ps := audit.VerifyHead(entries, head); len(ps) == 0 || ps[0].Code != audit.CodeHead {
		t.Fatalf("deleted newest entry not found: %v", ps)
	}
}

func TestBulkImportIsOneAuditEntry(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	before, _, _ := s.AuditLog(ctx)
	err := s.Write(ctx, "t", func(tx *Tx) error {
		tx.SuspendAudit()
		if err := tx.AuditEvent("IMPORT_PEGAWAI", "pegawai", "", nil, map[string]int{"baris": 1}); err != nil {
			return err
		}
		p := f.pegawai("198609262015051001", "1986-09-26", domain.GenderLaki)
		return tx.Insert(TablePegawai, p.ID, pegawaiVals(p)...)
	})
	must(t, err)
	after, head, _ := s.AuditLog(ctx)
	if len(after) != len(before)+1 || after[len(after)-1].Action != "IMPORT_PEGAWAI" {
		t.Fatalf("want one summary entry, got %d new", len(after)-len(before))
	}
	if ps := audit.VerifyHead(after, head); len(ps) != 0 {
		t.Fatal(ps)
	}
}
