package plannersvc

import (
	"strconv"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Alasan is the reason a draft request made from a plan carries, written as
// a nota usulan states it: the region's need (the workload analysis), the
// staffing of the source and the target in words, and the employee's fit
// (education, time in post, rank). The planner's technical record — the
// run, its weights and cost figures — stays with the plan run and is not
// repeated here.
func Alasan(l LineView, p domain.Pegawai, today domain.Date) string {
	var b strings.Builder
	b.WriteString("Dalam rangka pemerataan dan penyeimbangan beban kerja aparatur di lingkungan Pemerintah Daerah " +
		"berdasarkan hasil Analisis Beban Kerja (ABK) yang berlaku, ")
	b.WriteString("diusulkan mutasi Sdr. " + p.NamaLengkap() + " (NIP " + string(p.NIP) + ") dari jabatan " +
		place(l.FromLabel) + " ke jabatan " + place(l.ToLabel) + ". ")
	b.WriteString("Pada jabatan tujuan terdapat " + staffing(l.ToGapBefore) + " menurut ABK, sedangkan pada jabatan asal terdapat " +
		staffing(l.FromGapBefore) + "; ")
	b.WriteString("setelah penataan ini jabatan tujuan " + after(l.ToGapAfter) + " dan jabatan asal " +
		after(l.FromGapAfter) + ". ")
	var fit []string
	if s := p.Pendidikan.String(); s != "" {
		e := "berpendidikan " + s
		if j := strings.TrimSpace(p.Jurusan); j != "" {
			e += " " + j
		}
		if l.Cost.Competence == 0 {
			e += ", sesuai dengan syarat pendidikan jabatan tujuan"
		} else {
			e += ", yang belum sepenuhnya sesuai dengan syarat pendidikan jabatan tujuan sehingga perlu dipertimbangkan pengembangan kompetensinya"
		}
		fit = append(fit, e)
	}
	if !p.TMTJabatan.IsZero() {
		if m := p.TMTJabatan.MonthsUntil(today); m > 0 {
			fit = append(fit, "telah menduduki jabatan saat ini selama "+duration(m))
		}
	}
	if r := rank(p); r != "" {
		fit = append(fit, r)
	}
	if l.Cost.RequestBonus < 0 {
		fit = append(fit, "dan mutasi ini sesuai dengan permohonan yang bersangkutan")
	}
	if len(fit) > 0 {
		b.WriteString("Yang bersangkutan " + strings.Join(fit, ", ") + ". ")
	}
	b.WriteString("Mutasi ini diharapkan dapat meningkatkan efektivitas pelaksanaan tugas pada unit kerja tujuan")
	if l.FromGapAfter <= 0 {
		b.WriteString(" tanpa menimbulkan kekurangan pegawai pada unit kerja asal")
	}
	b.WriteString(".")
	return b.String()
}

// place is "Jabatan pada Unit, OPD".
func place(l PosLabel) string {
	s := l.JabatanNama
	if s == "" {
		s = "tanpa nama"
	}
	if l.UnitNama != "" {
		s += " pada " + l.UnitNama
	}
	if l.OPDNama != "" {
		s += ", " + l.OPDNama
	}
	return s
}

// staffing says a gap (kebutuhan − bezetting) before the move in words.
func staffing(g int) string {
	switch {
	case g > 0:
		return "kekurangan " + strconv.Itoa(g) + " orang pegawai"
	case g < 0:
		return "kelebihan " + strconv.Itoa(-g) + " orang pegawai"
	}
	return "jumlah pegawai yang sesuai kebutuhan"
}

// after says a gap after the plan's moves in words.
func after(g int) string {
	switch {
	case g > 0:
		return "masih kekurangan " + strconv.Itoa(g) + " orang"
	case g < 0:
		return "masih kelebihan " + strconv.Itoa(-g) + " orang"
	}
	return "sesuai kebutuhan"
}

// duration is whole years and months: "6 tahun 2 bulan".
func duration(months int) string {
	y, m := months/12, months%12
	var parts []string
	if y > 0 {
		parts = append(parts, strconv.Itoa(y)+" tahun")
	}
	if m > 0 {
		parts = append(parts, strconv.Itoa(m)+" bulan")
	}
	return strings.Join(parts, " ")
}

// rank is the employee's pangkat/golongan (PNS) or PPPK grade.
func rank(p domain.Pegawai) string {
	if p.Status == domain.StatusPPPK {
		if p.GolonganPPPK.Valid() {
			return "dengan golongan PPPK " + p.GolonganPPPK.String()
		}
		return ""
	}
	if !p.Golongan.Valid() {
		return ""
	}
	if pk := p.Golongan.Pangkat(); pk != "" {
		return "berpangkat " + pk + " (" + p.Golongan.String() + ")"
	}
	return "bergolongan " + p.Golongan.String()
}
