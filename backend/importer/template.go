package importer

import (
	"context"
	"fmt"
	"io"

	"github.com/bkpsdm-sorong/imbang/backend/abk"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/xuri/excelize/v2"
)

// Template writes the import template of a kind: sheet "Data" with the header
// row and one example row, sheet "Referensi" with the valid codes.
func (s *Service) Template(ctx context.Context, kind Kind, w io.Writer) error {
	refs, err := s.c.Repo.ImportRefs(ctx)
	if err != nil {
		return err
	}
	return WriteTemplate(kind, refs, w)
}

// WriteTemplate is Template on given reference data.
func WriteTemplate(kind Kind, refs *Refs, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	const data = "Data"
	f.SetSheetName("Sheet1", data)
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F5C99"}}})
	req, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"B03A2E"}}})
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": typed values stay text (NIP, codes, dates)
	fields := Fields(kind)
	example := exampleRow(kind, refs)
	for i, fl := range fields {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetCellStr(data, col+"1", fl.Label)
		st := head
		if fl.Required {
			st = req
		}
		f.SetCellStyle(data, col+"1", col+"1", st)
		f.SetColStyle(data, col, text)
		f.SetColWidth(data, col, col, max(12, float64(len(fl.Label))+4))
		f.SetCellStr(data, col+"2", example[fl.Key])
		if fl.Hint != "" {
			f.AddComment(data, excelize.Comment{Cell: col + "1", Author: "Imbang", Text: fl.Hint})
		}
	}
	f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})

	const ref = "Referensi"
	f.NewSheet(ref)
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	colAt := 1
	block := func(title string, header []string, rows [][]string) {
		c0, _ := excelize.ColumnNumberToName(colAt)
		f.SetCellStr(ref, c0+"1", title)
		f.SetCellStyle(ref, c0+"1", c0+"1", bold)
		for i, h := range header {
			c, _ := excelize.ColumnNumberToName(colAt + i)
			f.SetCellStr(ref, c+"2", h)
			f.SetCellStyle(ref, c+"2", c+"2", bold)
			f.SetColWidth(ref, c, c, 14)
		}
		for r, vals := range rows {
			for i, v := range vals {
				c, _ := excelize.ColumnNumberToName(colAt + i)
				f.SetCellStr(ref, fmt.Sprintf("%s%d", c, r+3), v)
			}
		}
		last, _ := excelize.ColumnNumberToName(colAt + len(header) - 1)
		f.SetColWidth(ref, last, last, 40)
		colAt += len(header) + 1
	}
	var opd, unit, jab [][]string
	for _, o := range refs.OPD {
		opd = append(opd, []string{o.Kode, o.Nama})
	}
	for _, u := range refs.Unit {
		unit = append(unit, []string{u.OPDKode, u.Kode, u.Nama})
	}
	for _, j := range refs.Jabatan {
		jab = append(jab, []string{j.Kode, j.Jenis, j.Nama})
	}
	block("OPD", []string{"Kode OPD", "Nama OPD"}, opd)
	block("Unit per OPD", []string{"Kode OPD", "Kode Unit", "Nama Unit"}, unit)
	block("Jabatan", []string{"Kode Jabatan", "Jenis", "Nama Jabatan"}, jab)
	if kind == KindABK {
		var per [][]string
		for _, p := range abk.Periodes {
			per = append(per, []string{string(p)})
		}
		block("Periode", []string{"Periode"}, per)
	} else {
		var gol, pend [][]string
		for _, g := range domain.Golongans() {
			gol = append(gol, []string{g.String(), fmt.Sprint(int(g)), g.Pangkat()})
		}
		for i := 1; i <= 17; i++ {
			gol = append(gol, []string{domain.GolonganPPPK(i).String(), fmt.Sprint(i), "PPPK"})
		}
		for _, p := range domain.PendidikanLevels() {
			pend = append(pend, []string{p.String(), fmt.Sprintf("%02d", int(p))})
		}
		block("Golongan", []string{"Golongan", "Kode", "Pangkat"}, gol)
		block("Pendidikan", []string{"Pendidikan", "Kode"}, pend)
		block("Status & JK", []string{"Status", "Jenis Kelamin"}, [][]string{{"PNS", "L (laki-laki)"}, {"CPNS", "P (perempuan)"}, {"PPPK", ""}})
	}
	f.SetPanes(ref, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

// exampleRow is one fictitious, valid row using the first codes of the region.
func exampleRow(kind Kind, refs *Refs) map[string]string {
	opd, unit, jab := "", "", ""
	if len(refs.Unit) > 0 {
		opd, unit = refs.Unit[0].OPDKode, refs.Unit[0].Kode
	} else if len(refs.OPD) > 0 {
		opd = refs.OPD[0].Kode
	}
	if len(refs.Jabatan) > 0 {
		jab = refs.Jabatan[0].Kode
		for _, j := range refs.Jabatan {
			if j.Jenis == string(domain.JabatanPelaksana) {
				jab = j.Kode
				break
			}
		}
	}
	if kind == KindABK {
		return map[string]string{"opdKode": opd, "unitKode": unit, "jabatanKode": jab, "uraian": "Menyusun laporan bulanan kegiatan",
			"satuanHasil": "Laporan", "volume": "12", "periode": "TAHUN", "normaMenit": "240"}
	}
	return map[string]string{"nip": "199001152015031002", "nama": "Contoh Pegawai Fiktif", "gelarDepan": "", "gelarBelakang": "S.E.",
		"jenisKelamin": "L", "tempatLahir": "Sorong", "tanggalLahir": "15-01-1990", "status": "PNS", "golongan": "III/a", "pendidikan": "S-1",
		"jurusan": "Manajemen", "opdKode": opd, "unitKode": unit, "jabatanKode": jab, "tmtJabatan": "01-03-2020", "tmtCpns": "01-03-2015", "tmtPns": "01-03-2016"}
}
