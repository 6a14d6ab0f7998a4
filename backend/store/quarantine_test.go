package store

import (
	"strings"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// The write path refuses a value the column rules refuse (the same rules
// the server runs), whatever service calls it.
func TestWritePathChecksColumnRules(t *testing.T) {
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("198507152015051001", "1985-07-15", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	err := s.Write(ctx, "t", func(tx *Tx) error {
		row, err := s.currentRow(ctx, TablePegawai, p.ID)
		if err != nil {
			return err
		}
		vals := make([]any, len(TablePegawai.Cols))
		for i, c := range TablePegawai.Cols {
			vals[i] = row[c]
		}
		vals[colIndex(TablePegawai, "golongan")] = 1.5
		_, err = tx.Update(TablePegawai, p.ID, vals...)
		return err
	})
	if domain.CodeOf(err) != "store.invalid_value" || !strings.Contains(err.Error(), "golongan") {
		t.Fatalf("err = %v", err)
	}
}

// A row stored before the rules existed that breaks one is set aside at
// open, once, and every other row stays.
func TestOddStoredRowsAreSetAsideOnce(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	f := newFixture(t, s)
	good := f.pegawai("198507152015051001", "1985-07-15", domain.GenderLaki)
	bad := f.pegawai("198507152015051002", "1985-07-15", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", good, true, NewID()))
	must(t, s.SavePegawai(ctx, "t", bad, true, NewID()))
	// what an old, trusting sync could have stored
	for _, q := range []string{"INSERT INTO sync_write_ok(one) VALUES (1)", "UPDATE pegawai SET golongan = 1e308 WHERE id = '" + bad.ID + "'",
		"DELETE FROM sync_write_ok", "DELETE FROM meta WHERE key = 'rules_swept'"} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = openTest(t, dir)
	var n int
	s.DB().QueryRowContext(ctx, "SELECT count(*) FROM pegawai").Scan(&n)
	if n != 1 {
		t.Fatalf("%d employees left, want 1", n)
	}
	qs, err := s.ListQuarantine(ctx)
	if err != nil || len(qs) != 1 || qs[0].RowID != bad.ID || !strings.Contains(qs[0].Problem, "golongan") {
		t.Fatalf("quarantine %+v %v", qs, err)
	}
	if _, err := s.ListPegawai(ctx, kepegawaian.PegawaiQuery{Limit: 10}); err != nil {
		t.Fatalf("list after the sweep: %v", err)
	}
	must(t, s.DismissQuarantine(ctx, qs[0].ID))
	if n, _ := s.QuarantineCount(ctx); n != 0 {
		t.Fatalf("count after dismiss %d", n)
	}
}
