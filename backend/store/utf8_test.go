package store

import (
	"context"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Invalid UTF-8 in a text column is refused by the write path whatever
// called it (here a sanction recorded from the command line), and nothing
// is written.
func TestWritePathRefusesInvalidUTF8(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	f := newFixture(t, s)
	p := f.pegawai("198609262015051001", "1986-09-26", domain.GenderLaki)
	must(t, s.SavePegawai(ctx, "t", p, true, NewID()))
	var before int
	s.DB().QueryRow("SELECT count(*) FROM hukdis").Scan(&before)
	h := domain.Hukdis{ID: NewID(), PegawaiID: p.ID, Tingkat: domain.HukdisSedang, Jenis: "Andr\xe9as", TMT: domain.MustDate("2026-01-05")}
	if err := s.AddHukdis(ctx, "t", h); err == nil {
		t.Fatal("invalid UTF-8 stored")
	}
	var after int
	s.DB().QueryRow("SELECT count(*) FROM hukdis").Scan(&after)
	if after != before {
		t.Fatal("a row was written")
	}
	h.Jenis = "Andréas"
	if err := s.AddHukdis(ctx, "t", h); err != nil {
		t.Fatal(err)
	}
}
