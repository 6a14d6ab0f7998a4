package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/abksvc"
	"github.com/bkpsdm-sorong/imbang/backend/kepegawaian"
)

// Workbooks of the other table views: the jabatan catalogue, the OPD list,
// the stagnation list and the retirement projection. Each is one sheet.

// labeler looks up the Indonesian label of an enumeration value in the
// Reference options (the same labels the UI shows); unknown values stay as they are.
func labeler(opts []kepegawaian.Option) func(string) string {
	m := make(map[string]string, len(opts))
	for _, o := range opts {
		m[o.Value] = o.Label
	}
	return func(v string) string {
		if l, ok := m[v]; ok {
			return l
		}
		return v
	}
}

// orEmpty leaves a cell empty for 0 (kelas, BUP not set) instead of writing 0.
func orEmpty(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

var jabatanCols = []column{{"Kode Jabatan", 14, text}, {"Nama Jabatan", 44, text}, {"Jenis Jabatan", 15, text}, {"Jenjang", 14, text},
	{"Kelas", 7, whole}, {"Pendidikan Minimal", 12, text}, {"Rentang Golongan", 14, text}, {"BUP", 6, whole}, {"Jurusan", 40, text},
	{"Jumlah Pegawai", 10, whole}}

// JabatanXLSX writes the jabatan catalogue; ref gives the labels of jenjang.
func JabatanXLSX(w io.Writer, rows []kepegawaian.JabatanRow, ref kepegawaian.Reference) error {
	jenjang := labeler(ref.Jenjang)
	b := newBook()
	if err := b.sheet("Jabatan", jabatanCols, rowsOf(rows, func(r kepegawaian.JabatanRow) []any {
		jj := ""
		if r.Jenjang != "" {
			jj = jenjang(string(r.Jenjang))
		}
		return []any{r.Kode, r.Nama, kepegawaian.JenisJabatanLabel(string(r.Jenis)), jj, orEmpty(r.Kelas), r.PendidikanLabel,
			r.GolonganRange, orEmpty(r.BUP), strings.Join(r.Jurusan, ", "), r.Pegawai}
	})); err != nil {
		return err
	}
	return b.write(w)
}

var opdListCols = []column{{"Kode OPD", 12, text}, {"Nama OPD", 48, text}, {"Singkatan", 14, text}, {"Jenis OPD", 14, text},
	{"Unit Kerja", 8, whole}, {"Pegawai", 9, whole}, {"PNS", 8, whole}, {"CPNS", 8, whole}, {"PPPK", 8, whole}}

// OPDListXLSX writes the OPD list with headcounts (the OPD & Unit page; the
// ABK OPD table is OPDXLSX); ref gives the labels of jenis OPD.
func OPDListXLSX(w io.Writer, rows []kepegawaian.OPDHeadcount, ref kepegawaian.Reference) error {
	jenis := labeler(ref.JenisOPD)
	b := newBook()
	if err := b.sheet("OPD", opdListCols, rowsOf(rows, func(r kepegawaian.OPDHeadcount) []any {
		return []any{r.Kode, r.Nama, r.Singkatan, jenis(string(r.Jenis)), r.Unit, r.Pegawai, r.PNS, r.CPNS, r.PPPK}
	})); err != nil {
		return err
	}
	return b.write(w)
}

var stagnanCols = []column{{"NIP", 21, text}, {"Nama", 36, text}, {"OPD", 14, text}, {"Unit Kerja", 40, text}, {"Jabatan", 40, text},
	{"TMT Jabatan", 12, text}, {"Tahun Menjabat", 10, whole}}

// StagnanSheet names the stagnation sheet after the MUT-04 limit used.
func StagnanSheet(batasTahun int) string { return fmt.Sprintf("Menjabat > %d tahun", batasTahun) }

// StagnanXLSX writes the stagnation list: every row of l (pass the uncapped
// abksvc.Service.StagnanAll), on a sheet named after the limit in years.
// NIPs are text cells, never numbers (18 digits do not survive a double).
func StagnanXLSX(w io.Writer, l abksvc.StagnanList) error {
	b := newBook()
	if err := b.sheet(StagnanSheet(l.BatasTahun), stagnanCols, rowsOf(l.Rows, func(r abksvc.StagnanRow) []any {
		return []any{r.NIP, r.Nama, r.OPDSingkatan, r.UnitNama, r.JabatanNama, r.TMTJabatan, r.Tahun}
	})); err != nil {
		return err
	}
	return b.write(w)
}

// PensiunXLSX writes the retirement projection: one row per OPD with, for
// each year, the retirements and the new deficit they open (cumulative up to
// that year, hence "s.d."), then the OPD's total retirements.
func PensiunXLSX(w io.Writer, p abksvc.PensiunProjection) error {
	cols := []column{{"OPD", 14, text}, {"Nama OPD", 44, text}}
	for _, y := range p.Tahun {
		cols = append(cols, column{fmt.Sprintf("Pensiun %d", y), 10, whole}, column{fmt.Sprintf("Kekurangan Baru s.d. %d", y), 13, whole})
	}
	cols = append(cols, column{"Total Pensiun", 10, whole})
	b := newBook()
	if err := b.sheet("Proyeksi Pensiun", cols, rowsOf(p.OPD, func(o abksvc.PensiunOPD) []any {
		row := []any{o.Singkatan, o.Nama}
		for _, y := range p.Tahun {
			var c abksvc.PensiunYear
			for _, x := range o.Tahun {
				if x.Tahun == y {
					c = x
				}
			}
			row = append(row, c.Pensiun, c.KekuranganBaru)
		}
		return append(row, o.Total)
	})); err != nil {
		return err
	}
	return b.write(w)
}
