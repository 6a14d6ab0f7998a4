package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// The 5,000 region is shared by the tests that only read it.
var (
	mainOnce sync.Once
	mainDS   *Dataset
	mainErr  error
)

func mainDataset(t testing.TB) *Dataset {
	t.Helper()
	mainOnce.Do(func() { mainDS, mainErr = Generate(Config{Seed: 1}) })
	if mainErr != nil {
		t.Fatal(mainErr)
	}
	return mainDS
}

func hashOf(t testing.TB, ds *Dataset) string {
	t.Helper()
	b, err := json.Marshal(ds)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func TestDeterministic(t *testing.T) {
	a := mainDataset(t)
	b, err := Generate(Config{Size: 5000, Seed: 1, AsOf: DefaultAsOf})
	if err != nil {
		t.Fatal(err)
	}
	if hashOf(t, a) != hashOf(t, b) {
		t.Fatal("same config gave different data")
	}
	c, err := Generate(Config{Size: 5000, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if hashOf(t, a) == hashOf(t, c) {
		t.Fatal("different seeds gave the same data")
	}
	if a.Pegawai[0].NIP == c.Pegawai[0].NIP && a.Pegawai[0].Nama == c.Pegawai[0].Nama {
		t.Error("different seeds gave the same first employee")
	}
}

func TestSizeBounds(t *testing.T) {
	for _, n := range []int{-1, 49, 100001} {
		if _, err := Generate(Config{Size: n}); err == nil || domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("size %d: want an Invalid error, got %v", n, err)
		}
	}
	for _, n := range []int{50, 51, 137, 500} {
		ds, err := Generate(Config{Size: n, Seed: int64(n)})
		if err != nil {
			t.Fatalf("size %d: %v", n, err)
		}
		if len(ds.Pegawai) != n {
			t.Errorf("size %d: got %d pegawai", n, len(ds.Pegawai))
		}
		checkIntegrity(t, ds, DefaultAsOf)
	}
}

func TestScaling(t *testing.T) {
	small, err := Generate(Config{Size: 1000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	big, err := Generate(Config{Size: 4000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(small.OPD) != 41 || len(big.OPD) != 41 {
		t.Errorf("OPDs: %d and %d, want 41", len(small.OPD), len(big.OPD))
	}
	if len(big.Pegawai) != 4000 || len(small.Pegawai) != 1000 {
		t.Errorf("pegawai: %d and %d", len(small.Pegawai), len(big.Pegawai))
	}
	if len(big.Unit) <= len(small.Unit) {
		t.Errorf("units do not grow with size: %d vs %d", len(small.Unit), len(big.Unit))
	}
	sum := func(ds *Dataset) (n int) {
		for _, f := range ds.Formasi {
			n += f.Kebutuhan
		}
		return
	}
	if r := float64(sum(big)) / float64(sum(small)); r < 3 || r > 5 {
		t.Errorf("kebutuhan grows by %.2f for 4× size", r)
	}
	checkIntegrity(t, big, DefaultAsOf)
}

func TestAsOf(t *testing.T) {
	asOf := domain.MustDate("2024-03-15")
	ds, err := Generate(Config{Size: 800, Seed: 9, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	checkIntegrity(t, ds, asOf)
}

func TestIntegrity(t *testing.T) {
	checkIntegrity(t, mainDataset(t), DefaultAsOf)
}

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// checkIntegrity checks every row and every reference of a dataset.
func checkIntegrity(t *testing.T, ds *Dataset, asOf domain.Date) {
	t.Helper()
	errs := 0
	fail := func(format string, args ...any) {
		t.Helper()
		if errs++; errs <= 20 {
			t.Errorf(format, args...)
		}
	}
	defer func() {
		if errs > 20 {
			t.Errorf("... %d problems in all", errs)
		}
	}()

	ids := map[string]bool{}
	id := func(s string) {
		if !uuidRe.MatchString(s) {
			fail("ID %q is not a UUIDv7", s)
		}
		if ids[s] {
			fail("duplicate ID %s", s)
		}
		ids[s] = true
	}
	id(ds.Pemda.ID)
	if !strings.Contains(ds.Pemda.Nama, "FIKTIF") || ds.Pemda.Kode != "9171" {
		fail("pemda %+v", ds.Pemda)
	}

	opd := map[string]domain.OPD{}
	kode := map[string]bool{}
	for _, o := range ds.OPD {
		id(o.ID)
		if err := o.Validate(); err != nil {
			fail("opd %s: %v", o.Kode, err)
		}
		if o.PemdaID != ds.Pemda.ID || kode[o.Kode] {
			fail("opd %s: pemda or duplicate kode", o.Kode)
		}
		kode[o.Kode] = true
		opd[o.ID] = o
	}
	if len(ds.OPD) != 41 {
		fail("%d OPDs, want 41", len(ds.OPD))
	}

	unit := map[string]domain.Unit{}
	unitKode := map[string]bool{}
	for _, u := range ds.Unit {
		id(u.ID)
		if err := u.Validate(); err != nil {
			fail("unit %s: %v", u.Kode, err)
		}
		if _, ok := opd[u.OPDID]; !ok {
			fail("unit %s: unknown OPD", u.Kode)
		}
		if k := u.OPDID + "/" + u.Kode; unitKode[k] {
			fail("unit kode %s twice in one OPD", u.Kode)
		} else {
			unitKode[k] = true
		}
		unit[u.ID] = u
	}
	roots := map[string]int{}
	for _, u := range ds.Unit {
		if u.ParentID == "" {
			roots[u.OPDID]++
			continue
		}
		p, ok := unit[u.ParentID]
		if !ok || p.OPDID != u.OPDID {
			fail("unit %s: parent missing or in another OPD", u.Kode)
		}
		seen := map[string]bool{u.ID: true}
		for x := p; x.ParentID != ""; x = unit[x.ParentID] {
			if seen[x.ID] {
				fail("unit %s: cycle", u.Kode)
				break
			}
			seen[x.ID] = true
		}
	}
	for _, o := range ds.OPD {
		if roots[o.ID] != 1 {
			fail("opd %s has %d root units", o.Kode, roots[o.ID])
		}
	}

	jab := map[string]domain.Jabatan{}
	jabKode := map[string]bool{}
	for _, j := range ds.Jabatan {
		id(j.ID)
		jj := j
		jj.Jurusan = append([]string(nil), j.Jurusan...)
		if err := jj.Validate(); err != nil {
			fail("jabatan %s: %v", j.Kode, err)
		}
		if jj.BUP != j.BUP || jj.GolonganMin != j.GolonganMin || jj.GolonganMax != j.GolonganMax {
			fail("jabatan %s: defaults not filled", j.Kode)
		}
		if jabKode[j.Kode] {
			fail("jabatan kode %s twice", j.Kode)
		}
		jabKode[j.Kode] = true
		jab[j.ID] = j
	}

	// Formasi: one row per (unit × jabatan); one managerial head per unit
	// except schools and instalasi.
	formasi := map[string]int{}
	heads := map[string]int{}
	for _, f := range ds.Formasi {
		k := f.UnitID + "/" + f.JabatanID
		if _, dup := formasi[k]; dup {
			fail("formasi (%s) twice", k)
		}
		formasi[k] = f.Kebutuhan
		if _, ok := unit[f.UnitID]; !ok {
			fail("formasi: unknown unit")
		}
		j, ok := jab[f.JabatanID]
		if !ok {
			fail("formasi: unknown jabatan")
		}
		if f.Kebutuhan < 1 {
			fail("formasi kebutuhan %d", f.Kebutuhan)
		}
		if j.Jenis.Manajerial() {
			heads[f.UnitID]++
			if f.Kebutuhan != 1 {
				fail("head post kebutuhan %d", f.Kebutuhan)
			}
		}
	}
	for _, u := range ds.Unit {
		service := strings.HasPrefix(u.Nama, "SD Negeri") || strings.HasPrefix(u.Nama, "SMP Negeri") ||
			strings.HasPrefix(u.Nama, "TK Negeri") || strings.HasPrefix(u.Nama, "Instalasi")
		if !service && heads[u.ID] != 1 {
			fail("unit %s %q has %d heads", u.Kode, u.Nama, heads[u.ID])
		}
		if service && heads[u.ID] != 0 {
			fail("service unit %q has a head", u.Nama)
		}
	}

	peg := map[string]domain.Pegawai{}
	nips := map[domain.NIP]bool{}
	headFilled := map[string]int{}
	for _, p := range ds.Pegawai {
		id(p.ID)
		q := p
		if err := q.Validate(asOf); err != nil {
			fail("pegawai %s: %v", p.NIP, err)
		}
		if q != p {
			fail("pegawai %s changed by Validate", p.NIP)
		}
		if nips[p.NIP] {
			fail("duplicate NIP %s", p.NIP)
		}
		nips[p.NIP] = true
		u, ok := unit[p.UnitID]
		if !ok || u.OPDID != p.OPDID {
			fail("pegawai %s: unit missing or not in its OPD", p.NIP)
		}
		j, ok := jab[p.JabatanID]
		if !ok {
			fail("pegawai %s: unknown jabatan", p.NIP)
		}
		if _, ok := formasi[p.UnitID+"/"+p.JabatanID]; !ok {
			fail("pegawai %s placed outside the formasi", p.NIP)
		}
		if j.Jenis.Manajerial() {
			if headFilled[p.UnitID]++; headFilled[p.UnitID] > 1 {
				fail("unit %s has two heads", u.Kode)
			}
		}
		age := p.TanggalLahir.FullYearsUntil(asOf)
		if age < 20 || age >= j.BUP {
			fail("pegawai %s: age %d, BUP %d", p.NIP, age, j.BUP)
		}
		if p.TanggalLahir.AddYears(18).After(p.TMTCPNS) {
			fail("pegawai %s: appointed before 18", p.NIP)
		}
		if !p.Pendidikan.AtLeast(domain.Pendidikan(5)) {
			fail("pegawai %s: education", p.NIP)
		}
		switch p.Status {
		case domain.StatusPNS:
			if p.TMTPNS != p.TMTCPNS.AddYears(1) {
				fail("pegawai %s: TMT PNS %s, TMT CPNS %s", p.NIP, p.TMTPNS, p.TMTCPNS)
			}
		case domain.StatusPPPK:
			if _, parts, err := domain.ParseNIPPPPK(string(p.NIP)); err != nil || parts.TMTCPNS.Y != p.TMTCPNS.Y || p.NIP[12:14] != "21" {
				fail("pegawai %s: NI PPPK", p.NIP)
			}
		}
		peg[p.ID] = p
	}

	// Riwayat: per person contiguous, starting at TMT CPNS, last = current.
	byPeg := map[string][]domain.RiwayatJabatan{}
	for _, r := range ds.Riwayat {
		id(r.ID)
		if _, ok := peg[r.PegawaiID]; !ok {
			fail("riwayat: unknown pegawai")
		}
		if u, ok := unit[r.UnitID]; !ok || u.OPDID != r.OPDID {
			fail("riwayat: unit missing or not in its OPD")
		}
		if _, ok := jab[r.JabatanID]; !ok {
			fail("riwayat: unknown jabatan")
		}
		if r.NomorSK == "" || r.Keterangan == "" {
			fail("riwayat: no SK or keterangan")
		}
		byPeg[r.PegawaiID] = append(byPeg[r.PegawaiID], r)
	}
	for _, p := range ds.Pegawai {
		rs := byPeg[p.ID]
		if len(rs) < 1 || len(rs) > 5 {
			fail("pegawai %s: %d riwayat", p.NIP, len(rs))
			continue
		}
		if jab[rs[0].JabatanID].Jenis.Manajerial() {
			fail("pegawai %s: appointed CPNS into a managerial post", p.NIP)
		}
		if rs[0].TMT != p.TMTCPNS {
			fail("pegawai %s: first riwayat %s, TMT CPNS %s", p.NIP, rs[0].TMT, p.TMTCPNS)
		}
		for i := 1; i < len(rs); i++ {
			if rs[i-1].TanggalSelesai.IsZero() || rs[i-1].TanggalSelesai.AddDays(1) != rs[i].TMT || !rs[i-1].TMT.Before(rs[i].TMT) {
				fail("pegawai %s: riwayat %d not contiguous", p.NIP, i)
			}
		}
		last := rs[len(rs)-1]
		if !last.TanggalSelesai.IsZero() || last.UnitID != p.UnitID || last.OPDID != p.OPDID || last.JabatanID != p.JabatanID || last.TMT != p.TMTJabatan {
			fail("pegawai %s: last riwayat is not the current placement", p.NIP)
		}
		if last.TMT.After(asOf) {
			fail("pegawai %s: TMT jabatan in the future", p.NIP)
		}
	}

	skpSeen := map[string]bool{}
	for _, s := range ds.SKP {
		id(s.ID)
		p, ok := peg[s.PegawaiID]
		if !ok || !s.Predikat.Valid() || s.Tahun < p.TMTCPNS.Y || s.Tahun >= asOf.Y || s.Tahun < asOf.Y-5 {
			fail("skp %+v", s)
		}
		k := fmt.Sprint(s.PegawaiID, s.Tahun)
		if skpSeen[k] {
			fail("skp twice for %s", k)
		}
		skpSeen[k] = true
	}
	for _, h := range ds.Hukdis {
		id(h.ID)
		p, ok := peg[h.PegawaiID]
		if !ok || !h.Tingkat.Valid() || h.TMT.Before(p.TMTCPNS) || h.TMT.After(asOf) || h.TanggalSelesai.Before(h.TMT) || h.Jenis == "" {
			fail("hukdis %+v", h)
		}
	}
}

// stats are the figures the report and the shape tests use.
type stats struct {
	status  map[domain.StatusASN]int
	opdBez  map[string]int
	opdKeb  map[string]int
	active  int
	stagn   int
	recent  int
	byJenis map[domain.JenisJabatan]int
}

func statsOf(ds *Dataset) stats {
	s := stats{status: map[domain.StatusASN]int{}, opdBez: map[string]int{}, opdKeb: map[string]int{}, byJenis: map[domain.JenisJabatan]int{}}
	unitOPD := map[string]string{}
	for _, u := range ds.Unit {
		unitOPD[u.ID] = u.OPDID
	}
	jab := map[string]domain.Jabatan{}
	for _, j := range ds.Jabatan {
		jab[j.ID] = j
	}
	for _, f := range ds.Formasi {
		s.opdKeb[unitOPD[f.UnitID]] += f.Kebutuhan
	}
	for _, p := range ds.Pegawai {
		s.status[p.Status]++
		s.opdBez[p.OPDID]++
		s.byJenis[jab[p.JabatanID].Jenis]++
		y := p.TMTJabatan.FullYearsUntil(DefaultAsOf)
		if y >= 5 {
			s.stagn++
		}
		if y < 2 {
			s.recent++
		}
	}
	for _, h := range ds.Hukdis {
		if !h.TanggalSelesai.Before(DefaultAsOf) {
			s.active++
		}
	}
	return s
}

func TestShape(t *testing.T) {
	ds := mainDataset(t)
	if len(ds.Pegawai) != 5000 {
		t.Fatalf("%d pegawai", len(ds.Pegawai))
	}
	s := statsOf(ds)
	share := func(st domain.StatusASN) float64 { return float64(s.status[st]) / float64(len(ds.Pegawai)) }
	if x := share(domain.StatusPNS); x < 0.77 || x > 0.83 {
		t.Errorf("PNS share %.3f", x)
	}
	if x := share(domain.StatusCPNS); x < 0.03 || x > 0.05 {
		t.Errorf("CPNS share %.3f", x)
	}
	if x := share(domain.StatusPPPK); x < 0.14 || x > 0.18 {
		t.Errorf("PPPK share %.3f", x)
	}
	if n := len(ds.Jabatan); n < 80 || n > 150 {
		t.Errorf("%d jabatan", n)
	}
	over, under := 0, 0
	for _, o := range ds.OPD {
		r := float64(s.opdBez[o.ID]) / float64(s.opdKeb[o.ID])
		if r >= 1.2 {
			over++
		}
		if r <= 0.8 {
			under++
		}
	}
	if over < 3 || under < 3 {
		t.Errorf("imbalance: %d OPDs ≥ 1.2 and %d ≤ 0.8", over, under)
	}
	if h := float64(len(ds.Hukdis)) / 5000; h < 0.005 || h > 0.025 || s.active == 0 {
		t.Errorf("hukdis: %d (%d active)", len(ds.Hukdis), s.active)
	}
	if s.stagn < 250 || s.recent < 250 {
		t.Errorf("stagnant %d, recently moved %d", s.stagn, s.recent)
	}
	per := map[string]int{}
	for _, r := range ds.SKP {
		per[r.PegawaiID]++
	}
	noSKP := 0
	for _, p := range ds.Pegawai {
		if per[p.ID] == 0 {
			noSKP++
		}
		if per[p.ID] > 5 {
			t.Errorf("%s has %d SKP", p.NIP, per[p.ID])
		}
	}
	if noSKP > 400 {
		t.Errorf("%d people without SKP", noSKP)
	}
}

func BenchmarkGenerate20000(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Config{Size: 20000, Seed: 42}); err != nil {
			b.Fatal(err)
		}
	}
}
