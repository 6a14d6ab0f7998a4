package eligibility

import "github.com/bkpsdm-sorong/imbang/backend/domain"

// This file is the routing table of docs/domain.md §3 (PP 11/2017 Pasal 190–193;
// Peraturan BKN 5/2019; SE Kepala BKN 3/SE/VIII/2019) and the document
// checklists of docs/domain.md §3. MUT-17 and MUT-18 read it; the transfer
// workflow uses it to decide which steps and documents a request needs.

// Pemutus is an official who may sign the transfer decision.
type Pemutus string

const (
	PemutusKepalaOPD Pemutus = "KEPALA_OPD" // head of the OPD (T0)
	PemutusPPK       Pemutus = "PPK"        // Wali Kota / Bupati
	PemutusGubernur  Pemutus = "GUBERNUR"
	PemutusMendagri  Pemutus = "MENDAGRI"
	PemutusKepalaBKN Pemutus = "KEPALA_BKN"
)

var pemutusLabel = map[Pemutus][2]string{
	PemutusKepalaOPD: {"Kepala OPD", "head of the OPD"},
	PemutusPPK:       {"PPK (Wali Kota/Bupati)", "PPK (mayor/regent)"},
	PemutusGubernur:  {"Gubernur", "Governor"},
	PemutusMendagri:  {"Menteri Dalam Negeri", "Minister of Home Affairs"},
	PemutusKepalaBKN: {"Kepala BKN", "Head of BKN"},
}

// Label is the official's title in Indonesian and English.
func (p Pemutus) Label() (id, en string) {
	if l, ok := pemutusLabel[p]; ok {
		return l[0], l[1]
	}
	return string(p), string(p)
}

// Dokumen is a document of the transfer checklist.
type Dokumen string

const (
	DokSuratPermohonan      Dokumen = "SURAT_PERMOHONAN"       // request letter (APS only)
	DokPersetujuanOPDAsal   Dokumen = "PERSETUJUAN_OPD_ASAL"   // release by the head of the origin OPD (T1)
	DokPersetujuanOPDTujuan Dokumen = "PERSETUJUAN_OPD_TUJUAN" // acceptance by the head of the target OPD (T1)
	DokUsulPPKPenerima      Dokumen = "USUL_PPK_PENERIMA"      // proposal of the receiving PPK, naming the position
	DokPersetujuanPPKAsal   Dokumen = "PERSETUJUAN_PPK_ASAL"   // consent of the origin PPK, naming the position
	DokSKCPNS               Dokumen = "SK_CPNS"                // legalised copy
	DokSKPNS                Dokumen = "SK_PNS"                 // legalised copy
	DokSKPangkat            Dokumen = "SK_PANGKAT_TERAKHIR"    // legalised copy
	DokSKJabatan            Dokumen = "SK_JABATAN_TERAKHIR"    // legalised copy
	DokSKP2Tahun            Dokumen = "SKP_2_TAHUN"            // SKP "Baik" for the last 2 years
	DokBebasHukdisPidana    Dokumen = "BEBAS_HUKDIS_PIDANA"    // statement: no discipline or court process
	DokBebasTugasBelajar    Dokumen = "BEBAS_TUGAS_BELAJAR"    // statement: no study leave or service bond
	DokBebasTemuan          Dokumen = "BEBAS_TEMUAN"           // Inspektorat "surat keterangan bebas temuan"
	DokAnjabABK             Dokumen = "ANJAB_ABK"              // Anjab/ABK of the target position
)

// DokumenInfo names a document in both languages.
type DokumenInfo struct {
	Kode     Dokumen `json:"kode"`
	Nama     string  `json:"nama"`
	NamaEN   string  `json:"namaEn"`
	HanyaAPS bool    `json:"hanyaAps"` // required only for a self-request
}

// Dokumens lists every document in checklist order.
var Dokumens = []DokumenInfo{
	{DokSuratPermohonan, "Surat permohonan pindah", "Request letter", true},
	{DokPersetujuanOPDAsal, "Persetujuan kepala OPD asal", "Release by the head of the origin OPD", false},
	{DokPersetujuanOPDTujuan, "Persetujuan kepala OPD tujuan", "Acceptance by the head of the target OPD", false},
	{DokUsulPPKPenerima, "Surat usul mutasi PPK penerima", "Proposal of the receiving PPK", false},
	{DokPersetujuanPPKAsal, "Surat persetujuan mutasi PPK asal", "Consent of the origin PPK", false},
	{DokSKCPNS, "Salinan sah SK CPNS", "Certified copy of the SK CPNS", false},
	{DokSKPNS, "Salinan sah SK PNS", "Certified copy of the SK PNS", false},
	{DokSKPangkat, "Salinan sah SK pangkat terakhir", "Certified copy of the last rank decree", false},
	{DokSKJabatan, "Salinan sah SK jabatan terakhir", "Certified copy of the last position decree", false},
	{DokSKP2Tahun, "SKP bernilai baik 2 tahun terakhir", "SKP rated good for the last 2 years", false},
	{DokBebasHukdisPidana, "Pernyataan tidak sedang menjalani hukuman disiplin atau proses peradilan", "Statement of no disciplinary sanction or court process", false},
	{DokBebasTugasBelajar, "Pernyataan tidak sedang tugas belajar atau ikatan dinas", "Statement of no study leave or service bond", false},
	{DokBebasTemuan, "Surat keterangan bebas temuan Inspektorat", "Inspektorat certificate of no open findings", false},
	{DokAnjabABK, "Anjab dan ABK jabatan tujuan", "Job and workload analysis of the target position", false},
}

// InfoDokumen returns a document's names.
func InfoDokumen(d Dokumen) (DokumenInfo, bool) {
	for _, x := range Dokumens {
		if x.Kode == d {
			return x, true
		}
	}
	return DokumenInfo{}, false
}

// Route is how one transfer type is decided (docs/domain.md §3).
type Route struct {
	Jenis              domain.JenisMutasi `json:"jenis"`
	Nama               string             `json:"nama"`
	NamaEN             string             `json:"namaEn"`
	Pemutus            []Pemutus          `json:"pemutus"`      // who may sign, preferred first
	Pertimbangan       string             `json:"pertimbangan"` // advice taken before deciding, "" if none
	PertimbanganEN     string             `json:"pertimbanganEn"`
	PertekBKN          bool               `json:"pertekBkn"`          // a BKN technical advice is needed
	PertekOleh         string             `json:"pertekOleh"`         // who issues it
	PersetujuanPPKAsal bool               `json:"persetujuanPpkAsal"` // the origin PPK consents, naming the position
	Dokumen            []Dokumen          `json:"dokumen"`            // the checklist (MUT-18); HanyaAPS documents only for APS
	DokumenWajib       bool               `json:"dokumenWajib"`       // the checklist is a regulation (BLOCK), not local practice (WARN)
	Sumber             string             `json:"sumber"`
}

var dokumenAntarInstansi = []Dokumen{DokSuratPermohonan, DokUsulPPKPenerima, DokPersetujuanPPKAsal, DokSKCPNS, DokSKPNS,
	DokSKPangkat, DokSKJabatan, DokSKP2Tahun, DokBebasHukdisPidana, DokBebasTugasBelajar, DokBebasTemuan, DokAnjabABK}

// Routes is the routing table, T0 … T4.
var Routes = []Route{
	{Jenis: domain.MutasiT0, Nama: "Mutasi antar unit dalam satu OPD", NamaEN: "Between units inside one OPD",
		Pemutus: []Pemutus{PemutusKepalaOPD, PemutusPPK},
		Dokumen: []Dokumen{DokSuratPermohonan, DokSKJabatan},
		Sumber:  "PP 11/2017 Pasal 190 ayat (2); praktik BKPSDM"},
	{Jenis: domain.MutasiT1, Nama: "Mutasi antar OPD dalam satu Pemda", NamaEN: "Between OPDs of one Pemda",
		Pemutus: []Pemutus{PemutusPPK}, Pertimbangan: "Tim Penilai Kinerja PNS", PertimbanganEN: "the Tim Penilai Kinerja (performance assessment team)",
		Dokumen: []Dokumen{DokSuratPermohonan, DokPersetujuanOPDAsal, DokPersetujuanOPDTujuan, DokSKPangkat, DokSKJabatan, DokSKP2Tahun},
		Sumber:  "PP 11/2017 Pasal 191; Peraturan BKN 5/2019"},
	{Jenis: domain.MutasiT2, Nama: "Mutasi antar Pemda dalam satu provinsi", NamaEN: "Between Pemda in one province",
		Pemutus: []Pemutus{PemutusGubernur}, PertekBKN: true, PertekOleh: "Kantor Regional XIV BKN Manokwari",
		PersetujuanPPKAsal: true, Dokumen: dokumenAntarInstansi, DokumenWajib: true,
		Sumber: "PP 11/2017 Pasal 192; Peraturan BKN 5/2019; SE Kepala BKN 3/SE/VIII/2019"},
	{Jenis: domain.MutasiT3, Nama: "Mutasi antar provinsi", NamaEN: "Between provinces",
		Pemutus: []Pemutus{PemutusMendagri}, PertekBKN: true, PertekOleh: "Kepala BKN",
		PersetujuanPPKAsal: true, Dokumen: dokumenAntarInstansi, DokumenWajib: true,
		Sumber: "PP 11/2017 Pasal 193; Permendagri 58/2019; SE Kepala BKN 3/SE/VIII/2019"},
	{Jenis: domain.MutasiT4, Nama: "Mutasi antara Pemda dan instansi pusat", NamaEN: "Between a Pemda and a central agency",
		Pemutus: []Pemutus{PemutusKepalaBKN}, PertekBKN: true, PertekOleh: "BKN",
		PersetujuanPPKAsal: true, Dokumen: dokumenAntarInstansi, DokumenWajib: true,
		Sumber: "Peraturan BKN 5/2019; SE Kepala BKN 3/SE/VIII/2019"},
}

// RouteOf returns the route of a transfer type.
func RouteOf(j domain.JenisMutasi) (Route, bool) {
	for i := range Routes {
		if Routes[i].Jenis == j {
			return Routes[i], true
		}
	}
	return Route{}, false
}

// Required lists the documents a request of this route needs.
func (r Route) Required(aps bool) []Dokumen {
	out := make([]Dokumen, 0, len(r.Dokumen))
	for _, d := range r.Dokumen {
		if info, _ := InfoDokumen(d); info.HanyaAPS && !aps {
			continue
		}
		out = append(out, d)
	}
	return out
}
