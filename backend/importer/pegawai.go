package importer

import (
	"context"
	"errors"
	"fmt"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// index is Refs keyed for lookups.
type index struct {
	refs     *Refs
	opd      map[string]RefOPD
	unit     map[string]RefUnit  // OPD code|unit code
	unitOPDs map[string][]string // unit code → OPD codes that have it
	jabatan  map[string]RefJabatan
}

func newIndex(r *Refs) *index {
	x := &index{refs: r, opd: map[string]RefOPD{}, unit: map[string]RefUnit{}, unitOPDs: map[string][]string{}, jabatan: map[string]RefJabatan{}}
	for _, o := range r.OPD {
		x.opd[normCode(o.Kode)] = o
	}
	for _, u := range r.Unit {
		x.unit[normCode(u.OPDKode)+"|"+normCode(u.Kode)] = u
		x.unitOPDs[normCode(u.Kode)] = append(x.unitOPDs[normCode(u.Kode)], u.OPDKode)
	}
	for _, j := range r.Jabatan {
		x.jabatan[normCode(j.Kode)] = j
	}
	return x
}

// codes resolves the OPD, unit and jabatan codes of a row; the unit must be
// one of the OPD's.
func (x *index) codes(rr *rowReader, withJabatan bool) (RefOPD, RefUnit, RefJabatan) {
	var o RefOPD
	var u RefUnit
	var j RefJabatan
	opdKode := rr.required("opdKode", "Kode OPD", "OPD code")
	unitKode := rr.required("unitKode", "Kode unit", "Unit code")
	okOPD := false
	if opdKode != "" {
		o, okOPD = x.opd[normCode(opdKode)]
		if !okOPD {
			rr.add("opdKode", "import.opd", fmt.Sprintf("Kode OPD %s tidak ditemukan.", opdKode), fmt.Sprintf("OPD code %s not found.", opdKode))
		}
	}
	if !okOPD {
		rr.mute("unitKode") // the unit cannot be looked up without its OPD; one reason is enough
	}
	if unitKode != "" && okOPD {
		var ok bool
		u, ok = x.unit[normCode(opdKode)+"|"+normCode(unitKode)]
		if !ok {
			if others := x.unitOPDs[normCode(unitKode)]; len(others) > 0 {
				rr.add("unitKode", "pegawai.unit_other_opd", fmt.Sprintf("Unit %s tidak berada di OPD %s (unit dengan kode itu ada di OPD %s).", unitKode, opdKode, strings.Join(others, ", ")),
					fmt.Sprintf("Unit %s is not in OPD %s (a unit with that code is in OPD %s).", unitKode, opdKode, strings.Join(others, ", ")))
			} else {
				rr.add("unitKode", "import.unit", fmt.Sprintf("Kode unit %s tidak ditemukan di OPD %s.", unitKode, opdKode),
					fmt.Sprintf("Unit code %s not found in OPD %s.", unitKode, opdKode))
			}
		}
	}
	if withJabatan {
		if jk := rr.required("jabatanKode", "Kode jabatan", "Position code"); jk != "" {
			var ok bool
			if j, ok = x.jabatan[normCode(jk)]; !ok {
				rr.add("jabatanKode", "import.jabatan", fmt.Sprintf("Kode jabatan %s tidak ditemukan.", jk), fmt.Sprintf("Position code %s not found.", jk))
			}
		}
	}
	return o, u, j
}

// validateField maps a domain.Pegawai field to the import field it came from.
var validateField = map[string]string{
	"nip": "nip", "nama": "nama", "gelarDepan": "gelarDepan", "gelarBelakang": "gelarBelakang", "jenisKelamin": "jenisKelamin",
	"tanggalLahir": "tanggalLahir", "status": "status", "golongan": "golongan", "golonganPppk": "golongan", "pendidikan": "pendidikan",
	"opdId": "opdKode", "unitId": "unitKode", "jabatanId": "jabatanKode", "tmtJabatan": "tmtJabatan", "tmtCpns": "tmtCpns", "tmtPns": "tmtPns",
}

// checkPegawaiRow reads and checks one row.
func (x *index) checkPegawaiRow(rr *rowReader, today domain.Date) domain.Pegawai {
	var p domain.Pegawai
	nip := rr.required("nip", "NIP", "NIP")
	if strings.ContainsAny(nip, "eE") && strings.Contains(nip, "+") {
		rr.add("nip", "import.nip_number", fmt.Sprintf("NIP %s terbaca sebagai angka sehingga digitnya hilang; format kolom NIP sebagai Teks lalu ketik ulang.", nip),
			fmt.Sprintf("NIP %s was read as a number and lost digits; format the NIP column as Text and type it again.", nip))
	}
	p.NIP = domain.NIP(domain.NormalizeNumber(nip))
	p.Nama = rr.get("nama")
	p.GelarDepan, p.GelarBelakang = rr.get("gelarDepan"), rr.get("gelarBelakang")
	p.TempatLahir, p.Jurusan = rr.get("tempatLahir"), rr.get("jurusan")
	if v := rr.required("jenisKelamin", "Jenis kelamin", "Gender"); v != "" {
		var t *reasonText
		p.JenisKelamin, t = parseGender(v)
		rr.addText("jenisKelamin", t)
	}
	date := func(field string) domain.Date {
		d, t := parseDate(rr.get(field))
		rr.addText(field, t)
		return d
	}
	p.TanggalLahir, p.TMTJabatan, p.TMTCPNS, p.TMTPNS = date("tanggalLahir"), date("tmtJabatan"), date("tmtCpns"), date("tmtPns")
	if v := rr.required("status", "Status", "Status"); v != "" {
		var t *reasonText
		p.Status, t = parseStatus(v)
		rr.addText("status", t)
	}
	if v := rr.required("golongan", "Golongan", "Grade"); v != "" && p.Status != "" {
		var err error
		if p.Status == domain.StatusPPPK {
			var g domain.GolonganPPPK
			g, err = domain.ParseGolonganPPPK(v)
			p.GolonganPPPK = g
		} else {
			p.Golongan, err = domain.ParseGolongan(v)
		}
		rr.addDomain("golongan", err)
	}
	if v := rr.required("pendidikan", "Pendidikan", "Education"); v != "" {
		var err error
		p.Pendidikan, err = domain.ParsePendidikan(v)
		rr.addDomain("pendidikan", err)
	}
	o, u, j := x.codes(rr, true)
	p.OPDID, p.UnitID, p.JabatanID = o.ID, u.ID, j.ID
	if err := p.Validate(today); err != nil {
		var e *domain.Error
		if errors.As(err, &e) {
			for _, f := range e.Fields {
				field := validateField[f.Field]
				if rr.failed[field] {
					continue // already explained by the value's own reason
				}
				rr.add(field, f.Code, f.Message, f.MessageEN)
			}
		}
	}
	return p
}

// mute marks a field as explained without adding a reason.
func (rr *rowReader) mute(field string) {
	if rr.failed == nil {
		rr.failed = map[string]bool{}
	}
	rr.failed[field] = true
}

func (rr *rowReader) addDomain(field string, err error) {
	var e *domain.Error
	if errors.As(err, &e) {
		rr.add(field, e.Code, e.Message, e.MessageEN)
	}
}

func (s *Service) pegawai(ctx context.Context, t *table, m Mapping, commit bool, progress Progress, rep *Report) error {
	refs, err := s.c.Repo.ImportRefs(ctx)
	if err != nil {
		return err
	}
	x := newIndex(refs)
	today := domain.DateOf(s.c.Now())
	firstLine := map[string]int{}
	recs := make([]PegawaiRecord, 0, len(t.Rows))
	total := len(t.Rows)
	for i, r := range t.Rows {
		if i%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			progress(PhaseCheck, i, total)
		}
		rr := &rowReader{r: r, m: m, headers: t.Headers}
		p := x.checkPegawaiRow(rr, today)
		if p.NIP != "" && !rr.failed["nip"] {
			if line, dup := firstLine[string(p.NIP)]; dup {
				rr.add("nip", "import.nip_duplicate", fmt.Sprintf("NIP %s sudah ada di baris %d berkas ini.", p.NIP, line),
					fmt.Sprintf("NIP %s already appears on line %d of this file.", p.NIP, line))
			} else {
				firstLine[string(p.NIP)] = r.Line
			}
			if nama, taken := refs.NIP[string(p.NIP)]; taken {
				rr.add("nip", "pegawai.nip_taken", fmt.Sprintf("NIP %s sudah tercatat atas nama %s.", p.NIP, nama),
					fmt.Sprintf("NIP %s is already recorded for %s.", p.NIP, nama))
			}
		}
		if len(rr.reasons) > 0 {
			rep.Errors = append(rep.Errors, RowError{Line: r.Line, Reasons: rr.reasons})
			continue
		}
		recs = append(recs, PegawaiRecord{Line: r.Line, Pegawai: p})
	}
	progress(PhaseCheck, total, total)
	if !commit || len(rep.Errors) > 0 {
		return nil
	}
	for i := range recs {
		recs[i].Pegawai.ID = s.c.NewID()
		recs[i].RiwayatID = s.c.NewID()
	}
	err = s.c.Repo.ImportPegawai(ctx, actor.Name(ctx), recs, func(done, total int) { progress(PhaseWrite, done, total) })
	if err != nil {
		rows, err := rowsFromError(err, map[string]string{"pegawai.nip_taken": "nip", "import.unit": "unitKode", "pegawai.unit_other_opd": "unitKode",
			"import.jabatan": "jabatanKode", "import.opd": "opdKode"})
		if err != nil {
			return err
		}
		rep.Errors = rows
		return nil
	}
	rep.Committed, rep.Stored = true, len(recs)
	return nil
}
