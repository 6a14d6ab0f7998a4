package kepegawaian

// DemoStage names one stage of loading the demo region; the first-run screen
// shows it translated (frontend/src/features/setup/i18n).
type DemoStage string

// The stages of LoadDemoProgress, in the order they run.
const (
	DemoStageStruktur DemoStage = "struktur" // OPD, unit kerja, jabatan and formasi
	DemoStagePegawai  DemoStage = "pegawai"  // employees with history, SKP, discipline
	DemoStageABK      DemoStage = "abk"      // the tasks of the demo ABK
	DemoStageSimpan   DemoStage = "simpan"   // the one import transaction
	DemoStagePeriksa  DemoStage = "periksa"  // the checksum of the loaded data
)

// DemoProgress is one report of a demo load: the stage running and the share
// of the whole load done, 0..100. Reports never go back and the last one of
// a successful load is 100.
type DemoProgress struct {
	Stage   DemoStage `json:"stage"`
	Percent int       `json:"percent"`
}

// DemoReport receives how far a stage got (done of total units of work). The
// demo generator calls it for the generation stages; LoadDemoProgress maps it
// into the stage's share of the whole load.
type DemoReport func(stage DemoStage, done, total int)

// demoSpans gives each stage its share of the percentage, after the time it
// takes on the 5,000-employee demo (docs/demo-data.md): generation is a few
// percent, writing the rows (and the commit) nearly all of it.
var demoSpans = []struct {
	stage    DemoStage
	from, to int
}{
	{DemoStageStruktur, 0, 1},
	{DemoStagePegawai, 1, 3},
	{DemoStageABK, 3, 4},
	{DemoStageSimpan, 4, 95},
	{DemoStagePeriksa, 95, 100},
}

// demoProgress turns stage reports into monotonic percentages for sink; it
// drops a report that adds nothing (same stage, same or lower percentage).
type demoProgress struct {
	sink    func(DemoProgress)
	last    DemoProgress
	started bool
}

func (p *demoProgress) report(stage DemoStage, done, total int) {
	if p.sink == nil {
		return
	}
	pct := p.last.Percent
	for _, sp := range demoSpans {
		if sp.stage != stage {
			continue
		}
		frac := 1.0
		if total > 0 {
			frac = float64(min(max(done, 0), total)) / float64(total)
		}
		pct = sp.from + int(frac*float64(sp.to-sp.from))
	}
	pct = max(pct, p.last.Percent)
	if p.started && stage == p.last.Stage && pct == p.last.Percent {
		return
	}
	p.started, p.last = true, DemoProgress{Stage: stage, Percent: pct}
	p.sink(p.last)
}
