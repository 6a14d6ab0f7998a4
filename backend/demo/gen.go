package demo

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// Stream constants give the content and ID generators independent streams
// of the same seed.
const (
	streamContent = 0x696d62616e67 // "imbang"
	streamIDs     = 0x6964730a     // "ids"
)

type post struct {
	unit int
	jab  int
	head bool
	k    float64 // base need, already scaled to Size
	w    float64 // staffing weight: k × imbalance factor × noise
	keb  int     // kebutuhan (formasi)
	bez  int     // people placed
}

type gen struct {
	cfg Config
	r   rnd
	ids idGen
	ds  *Dataset
	s   float64 // Size / DefaultSize

	jabs   []jabDef
	jabIdx map[string]int

	opds    []opdSpec
	opdRoot []int
	opdBase []float64
	units   []unitInfo
	unitID  []domain.ID
	opdID   []domain.ID
	posts   []post

	// unitsByJab lists the units whose formasi holds a catalogue entry, globally
	// (key) and per OPD (key + "#" + opd index); used for placement history.
	unitsByJab map[string][]int

	nipSeen map[string]int
	asOfM   int // months since year 0 of AsOf
}

func newGen(cfg Config) *gen {
	return &gen{
		cfg:        cfg,
		r:          rnd{rand.New(rand.NewPCG(uint64(cfg.Seed), streamContent))},
		ids:        idGen{r: rand.New(rand.NewPCG(uint64(cfg.Seed), streamIDs))},
		ds:         &Dataset{},
		s:          float64(cfg.Size) / DefaultSize,
		opds:       opdSpecs,
		unitsByJab: map[string][]int{},
		nipSeen:    map[string]int{},
		asOfM:      monthIndex(cfg.AsOf),
	}
}

// report passes progress to Config.Progress when one is set.
func (g *gen) report(stage kepegawaian.DemoStage, done, total int) {
	if g.cfg.Progress != nil {
		g.cfg.Progress(stage, done, total)
	}
}

func (g *gen) run() error {
	ds := g.ds
	ds.Pemda = domain.Pemda{ID: g.ids.next(), Kode: PemdaKode, Nama: PemdaNama}

	// Jabatan catalogue.
	g.jabs = catalogue()
	g.jabIdx = make(map[string]int, len(g.jabs))
	for i, d := range g.jabs {
		g.jabIdx[d.key] = i
		j := domain.Jabatan{ID: g.ids.next(), Kode: d.kode, Nama: d.nama, Jenis: d.jenis, Jenjang: d.jenjang, Kelas: d.kelas,
			MinPendidikan: d.minPend, Jurusan: append([]string{}, d.jurusan...), GolonganMin: d.gmin, GolonganMax: d.gmax}
		if err := j.Validate(); err != nil {
			return fmt.Errorf("demo: jabatan %s: %w", d.kode, err)
		}
		g.jabs[i].gmin, g.jabs[i].gmax = j.GolonganMin, j.GolonganMax
		ds.Jabatan = append(ds.Jabatan, j)
	}

	// OPDs and units.
	g.opdBase = make([]float64, len(g.opds))
	for i, sp := range g.opds {
		o := domain.OPD{ID: g.ids.next(), PemdaID: ds.Pemda.ID, Kode: sp.kode, Nama: sp.nama, Singkatan: sp.singkatan,
			Jenis: sp.jenis, Alamat: g.alamat()}
		if err := o.Validate(); err != nil {
			return fmt.Errorf("demo: opd %s: %w", sp.kode, err)
		}
		g.opdID = append(g.opdID, o.ID)
		ds.OPD = append(ds.OPD, o)
		g.opdBase[i] = g.r.uniform(0.9, 1.1)
	}
	g.buildUnits()
	for i, u := range g.units {
		id := g.ids.next()
		g.unitID = append(g.unitID, id)
		parent := ""
		if u.parent >= 0 {
			parent = g.unitID[u.parent]
		}
		du := domain.Unit{ID: id, OPDID: g.opdID[u.opd], ParentID: parent, Kode: u.kode, Nama: u.nama}
		if err := du.Validate(); err != nil {
			return fmt.Errorf("demo: unit %d %s: %w", i, u.kode, err)
		}
		ds.Unit = append(ds.Unit, du)
	}

	g.buildPosts()
	g.allocate()
	for _, p := range g.posts {
		ds.Formasi = append(ds.Formasi, Formasi{UnitID: g.unitID[p.unit], JabatanID: ds.Jabatan[p.jab].ID, Kebutuhan: p.keb})
	}
	g.report(kepegawaian.DemoStageStruktur, 1, 1)
	return g.people()
}

// buildPosts expands every unit's head and staffing lines into posts.
func (g *gen) buildPosts() {
	for ui := range g.units {
		u := &g.units[ui]
		if u.head != "" {
			g.addPost(ui, g.jabIdx[u.head], 1, 0, true)
		}
		local := map[int]int{} // jab → post index within this unit (lookup only)
		add := func(jab, n int) {
			if n <= 0 {
				return
			}
			if pi, ok := local[jab]; ok {
				g.posts[pi].k += float64(n)
				return
			}
			local[jab] = len(g.posts)
			g.addPost(ui, jab, float64(n), 0, false)
		}
		for _, l := range g.linesFor(u) {
			n := g.r.stochRound(l.n * g.s)
			if fam, ok := strings.CutPrefix(l.key, "@"); ok {
				f := family(fam)
				counts := make([]int, len(f.levels))
				for i := 0; i < n; i++ {
					counts[g.r.weighted(f.weights)]++
				}
				for i, c := range counts {
					add(g.jabIdx[jfKey(fam, f.levels[i])], c)
				}
				continue
			}
			add(g.jabIdx[l.key], n)
		}
	}
	// Imbalance weights.
	for i := range g.posts {
		p := &g.posts[i]
		if p.head {
			continue
		}
		p.w = p.k * g.factor(&g.units[p.unit], &g.jabs[p.jab])
	}
	if !slices.ContainsFunc(g.posts, func(p post) bool { return !p.head }) {
		g.addPost(g.opdRoot[0], g.jabIdx["pengadm"], 1, 1, false)
	}
}

func (g *gen) addPost(unit, jab int, k, w float64, head bool) {
	g.posts = append(g.posts, post{unit: unit, jab: jab, k: k, w: w, head: head})
	key := g.jabs[jab].key
	g.unitsByJab[key] = append(g.unitsByJab[key], unit)
	ok := fmt.Sprintf("%s#%d", key, g.units[unit].opd)
	g.unitsByJab[ok] = append(g.unitsByJab[ok], unit)
}

func family(key string) *jfFamily {
	for i := range jfFamilies {
		if jfFamilies[i].key == key {
			return &jfFamilies[i]
		}
	}
	panic("demo: unknown JF family " + key)
}

// factor is the deliberate over/under staffing of a post (package doc).
func (g *gen) factor(u *unitInfo, j *jabDef) float64 {
	sp := &g.opds[u.opd]
	service := u.kind == ukPuskesmas || u.kind == ukInstalasi
	switch {
	case sp.bal == balOver:
		return g.r.uniform(1.4, 1.7)
	case sp.bal == balUnder:
		return g.r.uniform(0.45, 0.6)
	case sp.bal == balDisdik && u.kind != ukSD && u.kind != ukSMP && u.kind != ukTK:
		return g.r.uniform(1.4, 1.7)
	case sp.bal == balDinkes && j.cat == catNakes && (service || sp.lay == layRSUD):
		return g.r.uniform(0.45, 0.6)
	case sp.bal == balDisdik:
		return g.r.uniform(0.75, 1.1)
	}
	return g.opdBase[u.opd] * g.r.uniform(0.6, 1.4)
}

// allocate decides which heads are filled and spreads the remaining people
// over the other posts in proportion to their weights (largest remainder),
// and derives kebutuhan with the same scale.
func (g *gen) allocate() {
	var heads []int
	for i := range g.posts {
		p := &g.posts[i]
		if !p.head {
			continue
		}
		p.keb = 1
		vac := 0.04
		if g.opds[g.units[p.unit].opd].bal == balUnder {
			vac = 0.15
		}
		if !g.r.chance(vac) {
			p.bez = 1
			heads = append(heads, i)
		}
	}
	// Small regions cannot fill every head: keep at most half the people as heads.
	if limit := g.cfg.Size / 2; len(heads) > limit {
		perm := g.r.Perm(len(heads))
		for _, x := range perm[:len(heads)-limit] {
			g.posts[heads[x]].bez = 0
		}
		heads = heads[:limit]
	}
	total := g.cfg.Size - len(heads)
	sumW := 0.0
	for _, p := range g.posts {
		sumW += p.w
	}
	lambda := float64(total) / sumW
	type rem struct {
		i    int
		frac float64
	}
	var rems []rem
	left := total
	for i := range g.posts {
		p := &g.posts[i]
		if p.head {
			continue
		}
		q := lambda * p.w
		p.bez = int(q)
		left -= p.bez
		rems = append(rems, rem{i, q - float64(p.bez)})
		p.keb = max(1, int(math.Round(lambda*p.k)))
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return cmp.Compare(b.frac, a.frac) })
	for i := 0; i < left; i++ {
		g.posts[rems[i%len(rems)].i].bez++
	}
}
