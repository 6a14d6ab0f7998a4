package store

import (
	"strings"
	"testing"
)

// The workflow, its documents and the sync apply path read a request's
// events with one reader: in seq order whatever order the rows were written
// in, and an undecodable event is an error, not an event with empty fields.
func TestReadEventsOrderAndDecodeErrors(t *testing.T) {
	s := openTest(t, t.TempDir())
	const actor = `{"userId":"u1","name":"A","role":"ADMIN"}`
	for _, c := range []struct {
		name string
		rows [][4]string // id, seq, aktor, waktu
		ids  string      // the ids in replay order, or the error's text
	}{
		{"seq order beats id and insert order", [][4]string{{"a", "2", actor, "2026-07-01T08:00:00Z"}, {"b", "1", actor, "2026-07-01T07:00:00Z"}}, "b a"},
		{"bad actor", [][4]string{{"a", "1", "{", "2026-07-01T08:00:00Z"}}, "mutasi_event a: aktor"},
		{"bad time", [][4]string{{"a", "1", actor, "kemarin"}}, "mutasi_event a: waktu"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tx, err := s.db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback() // the usulan row is never written: nothing is committed
			if err := s.openGuard(ctx, tx); err != nil {
				t.Fatal(err)
			}
			for _, r := range c.rows {
				if _, err := tx.ExecContext(ctx, "INSERT INTO mutasi_event(id, usulan_id, seq, kind, aktor, waktu) VALUES (?, 'u', ?, 'BUAT', ?, ?)",
					r[0], r[1], r[2], r[3]); err != nil {
					t.Fatal(err)
				}
			}
			evs, err := readEvents(ctx, tx, "u")
			var got []string
			for _, ev := range evs {
				got = append(got, ev.ID)
			}
			if err != nil {
				got = []string{err.Error()}
			}
			if g := strings.Join(got, " "); !strings.HasPrefix(g, c.ids) {
				t.Fatalf("got %q, want %q", g, c.ids)
			}
		})
	}
}
