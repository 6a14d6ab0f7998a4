// Package importertest generates import files for tests and benchmarks:
// valid, fictitious employees and ABK tasks on a region's reference data,
// written as .xlsx (streamed) or .csv, in the varied value forms people type.
package importertest

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/importer"
	"github.com/xuri/excelize/v2"
)

// PegawaiHeader is the header the generated employee files use (some
// synonyms on purpose, so the suggestion is exercised).
var PegawaiHeader = []string{"NIP", "Nama", "Gelar Depan", "Gelar Belakang", "JK", "Tempat Lahir", "Tgl Lahir", "Status", "Gol",
	"Pendidikan", "Jurusan", "Kode OPD", "Kode Unit", "Kode Jabatan", "TMT Jabatan", "TMT CPNS", "TMT PNS"}

// ABKHeader is the header of generated ABK files.
var ABKHeader = []string{"Kode OPD", "Kode Unit", "Kode Jabatan", "Uraian Tugas", "Satuan Hasil", "Volume", "Periode", "Norma Waktu (menit)"}

// Column indexes in PegawaiHeader.
const (
	ColNIP = iota
	ColNama
	ColGelarDepan
	ColGelarBelakang
	ColJK
	ColTempat
	ColTglLahir
	ColStatus
	ColGol
	ColPendidikan
	ColJurusan
	ColOPD
	ColUnit
	ColJabatan
	ColTMTJabatan
	ColTMTCPNS
	ColTMTPNS
)

var (
	depan    = []string{"Yohanes", "Maria", "Agustinus", "Fransina", "Rahmat", "Siti", "Daniel", "Yuliana", "Imanuel", "Nur"}
	belakang = []string{"Kambu", "Mayor", "Sapulete", "Rumbiak", "Fatem", "Wamafma", "Kalami", "Malibela", "Sirua", "Osok"}
)

// dateForm writes d in one of the accepted forms, chosen by i.
func dateForm(d domain.Date, i int, serial bool) string {
	switch i % 4 {
	case 1:
		return fmt.Sprintf("%02d-%02d-%04d", d.D, int(d.M), d.Y)
	case 2:
		return fmt.Sprintf("%02d/%02d/%04d", d.D, int(d.M), d.Y)
	case 3:
		if serial {
			return fmt.Sprint(int(d.Time().Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
		}
	}
	return d.String()
}

// PegawaiRows makes n valid employee rows on refs (NIPs unique and not yet
// stored), deterministic for a seed. Dates take the four accepted forms in
// turn (Excel serials only when serial is set), and golongan, pendidikan,
// gender and NIP spacing vary too. Every row is valid on 2026-07-01.
func PegawaiRows(refs *importer.Refs, n int, seed uint64, serial bool) [][]string {
	r := rand.New(rand.NewPCG(seed, 77))
	used := map[string]bool{}
	for k := range refs.NIP {
		used[k] = true
	}
	gol := []domain.Golongan{21, 22, 23, 24, 31, 32, 33, 34, 41}
	out := make([][]string, 0, n)
	for i := 0; len(out) < n; i++ {
		birth, _ := domain.NewDate(1966+r.IntN(32), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		cpns, _ := domain.NewDate(birth.Y+20+r.IntN(6), time.Month(1+r.IntN(12)), 1)
		g := domain.Gender("L")
		gd := "1"
		if r.IntN(2) == 1 {
			g, gd = "P", "2"
		}
		nip := fmt.Sprintf("%04d%02d%02d%04d%02d%s%03d", birth.Y, int(birth.M), birth.D, cpns.Y, int(cpns.M), gd, 1+r.IntN(999))
		if used[nip] {
			continue
		}
		used[nip] = true
		pns := cpns.AddYears(1)
		tmtJab := pns.AddDays(r.IntN(2000))
		if tmtJab.After(domain.MustDate("2026-06-30")) {
			tmtJab = pns
		}
		u := refs.Unit[r.IntN(len(refs.Unit))]
		j := refs.Jabatan[r.IntN(len(refs.Jabatan))]
		nipCell := nip
		if i%3 == 0 {
			nipCell = nip[:8] + " " + nip[8:14] + " " + nip[14:15] + " " + nip[15:]
		}
		gl := gol[r.IntN(len(gol))]
		golCell := gl.String()
		if i%2 == 1 {
			golCell = fmt.Sprint(int(gl))
		}
		pend := []string{"S-1", "S1", "40", "D-III", "SLTA", "S-2"}[r.IntN(6)]
		jk := []string{string(g), gd, map[domain.Gender]string{"L": "Laki-laki", "P": "Perempuan"}[g]}[i%3]
		nama := depan[r.IntN(len(depan))] + " " + belakang[r.IntN(len(belakang))]
		out = append(out, []string{nipCell, nama, "", "", jk, "Sorong", dateForm(birth, i, serial), "PNS", golCell, pend, "",
			u.OPDKode, u.Kode, j.Kode, dateForm(tmtJab, i+1, serial), dateForm(cpns, i+2, serial), dateForm(pns, i+3, serial)})
	}
	return out
}

// ABKRows makes n valid ABK task rows on refs.
func ABKRows(refs *importer.Refs, n int, seed uint64) [][]string {
	r := rand.New(rand.NewPCG(seed, 78))
	out := make([][]string, n)
	per := []string{"TAHUN", "BULAN", "MINGGU", "HARI"}
	for i := range out {
		u := refs.Unit[r.IntN(min(len(refs.Unit), 20))]
		j := refs.Jabatan[r.IntN(min(len(refs.Jabatan), 10))]
		out[i] = []string{u.OPDKode, u.Kode, j.Kode, fmt.Sprintf("Menyusun dokumen kegiatan %d", i+1), "Dokumen",
			strings.Replace(fmt.Sprint(1+r.IntN(20))+".5", ".", ",", 1), per[r.IntN(4)], fmt.Sprint(15 + r.IntN(240))}
	}
	return out
}

// WriteXLSX writes header and rows to path with excelize's stream writer.
// Cells that are Excel serial dates (digits only, 5 long) in date columns are
// written as numbers when numericCols names their column.
func WriteXLSX(path string, header []string, rows [][]string, numericCols ...int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	num := map[int]bool{}
	for _, c := range numericCols {
		num[c] = true
	}
	vals := make([]any, len(header))
	for i, h := range header {
		vals[i] = h
	}
	if err := sw.SetRow("A1", vals); err != nil {
		return err
	}
	for ri, row := range rows {
		vals := make([]any, len(row))
		for i, c := range row {
			vals[i] = c
			if num[i] && len(c) == 5 && strings.Trim(c, "0123456789") == "" {
				var n int
				fmt.Sscan(c, &n)
				vals[i] = n
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, ri+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// WriteCSV writes header and rows with the delimiter, optionally after a
// UTF-8 byte-order mark (as Excel's "CSV UTF-8" does).
func WriteCSV(path string, header []string, rows [][]string, delim rune, bom bool) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	if bom {
		fh.Write([]byte{0xEF, 0xBB, 0xBF})
	}
	w := csv.NewWriter(fh)
	w.Comma = delim
	w.Write(header)
	w.WriteAll(rows)
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return fh.Close()
}
