package demo

import (
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Name pools. The combinations are random; no real person is meant.
var (
	christianMale = []string{"Yohanes", "Yakob", "Markus", "Agustinus", "Fransiskus", "Petrus", "Yulianus", "Ferdinand",
		"Hendrik", "Obed", "Yunus", "Simon", "Daniel", "Yosias", "Alfons", "Otniel", "Frans", "Marthen", "Yeremias", "Lukas",
		"Paulus", "Andreas", "Kornelis", "Septinus", "Demianus", "Welem", "Zakarias", "Nataniel", "Elias", "Robert",
		"Stevanus", "Jefri", "Ronald", "Rivaldo", "Christian", "Gerson", "Yosep", "Benyamin", "Melkianus", "Isak"}
	christianFemale = []string{"Maria", "Yuliana", "Agustina", "Ester", "Debora", "Ribka", "Yosina", "Salomina", "Martha",
		"Naomi", "Elisabeth", "Margaretha", "Yohana", "Selfina", "Adolfina", "Fransina", "Mariana", "Dorkas", "Sarlota",
		"Anace", "Ruth", "Priskila", "Christina", "Veronika", "Theresia", "Grace", "Meliani", "Novita", "Kristin", "Olivia"}
	papuanFamily = []string{"Kambu", "Mayor", "Rumbiak", "Wanma", "Sawaki", "Mambrasar", "Kalami", "Malibela", "Osok",
		"Salosa", "Kareth", "Ulim", "Sapisa", "Idik", "Mobalen", "Rumbekwan", "Sroyer", "Ansaka", "Fonataba", "Rumaropen",
		"Yable", "Momot", "Fatem", "Kocu", "Klagilit", "Howay", "Baransano", "Arwam", "Korwa", "Msen", "Wamafma",
		"Kambuaya", "Isir", "Saflembolo", "Duwiri", "Sagrim", "Wabdaron", "Asmuruf", "Kaisiepo", "Rumfabe"}
	javaMale           = []string{"Agus", "Budi", "Eko", "Bambang", "Teguh", "Wahyu", "Hadi", "Slamet", "Sugeng", "Heru", "Yudi", "Rudi", "Ari", "Bayu", "Dedi", "Hendra", "Imam", "Fajar", "Rizky", "Dimas", "Adi", "Gunawan"}
	javaMale2          = []string{"Santoso", "Prasetyo", "Susanto", "Wibowo", "Nugroho", "Setiawan", "Hartono", "Purnomo", "Saputro", "Kurniawan", "Hidayat", "Wijaya", "Sutrisno", "Raharjo", "Firmansyah", "Ramadhan", "Pratama", "Suryanto", "Haryanto", "Wicaksono"}
	javaFemale         = []string{"Sri", "Dwi", "Rina", "Endang", "Tri", "Yuni", "Ratna", "Dewi", "Wulan", "Retno", "Sari", "Nur", "Siti", "Ika", "Fitri", "Rini", "Lina", "Indah", "Ayu", "Eka"}
	javaFemale2        = []string{"Wahyuni", "Lestari", "Rahayu", "Handayani", "Susanti", "Suryani", "Kusumawati", "Purwanti", "Astuti", "Wulandari", "Rahmawati", "Utami", "Anggraini", "Puspitasari", "Permatasari", "Setyaningsih"}
	bugisMale          = []string{"Muhammad Arif", "Abdul Rahman", "Syamsuddin", "Hasanuddin", "Irwan", "Rusdi", "Ahmad", "Amiruddin", "Syahrul", "Jamaluddin", "Baharuddin", "Muhammad Yusuf", "Andi Muhammad", "Firman", "Kamaruddin", "Nasrullah", "La Ode Muhammad", "Sultan"}
	bugisFemale        = []string{"Hasnawati", "Nurhayati", "Hasniah", "Rosmini", "Sitti Aminah", "Nurjannah", "Harlina", "Hamsinah", "Andi Nurul", "Sitti Rahmah", "Marlina", "Wa Ode Sartini", "Nurul Hikmah", "Hartati", "Ernawati"}
	bugisFamily        = []string{"Rahman", "Hamzah", "Latief", "Syam", "Arief", "Bakri", "Said", "Yusuf", "Ramli", "Amir", "Tahir", "Husain", "Saleh", "Madjid"}
	malukuFam          = []string{"Pattiasina", "Sahetapy", "Tuasikal", "Latuconsina", "Leiwakabessy", "Matulessy", "Souisa", "Tupamahu", "Rehatta", "Siahaya", "Nanlohy", "Pelupessy", "Huwae", "Wattimena", "Lewerissa", "Ohorella", "Rumalutur", "Renyaan", "Sopacua", "Pattipeilohy"}
	malukuMuslimMale   = []string{"Abdullah", "Husein", "Ismail", "Rasyid", "Hamid", "Umar"}
	malukuMuslimFemale = []string{"Fatimah", "Nurlela", "Saida", "Halimah", "Rugaya"}
	manadoFam          = []string{"Wowor", "Rumengan", "Lumentut", "Sondakh", "Pangemanan", "Tumbelaka", "Rondonuwu", "Mandagi", "Kaunang", "Lengkong", "Wenas", "Runtuwene", "Tumiwa", "Kalalo", "Moningka", "Supit"}
	batakMale          = []string{"Martin", "Roy", "Hotman", "Parulian", "Benny", "Sahat", "Jhon", "Togar", "Binsar", "Maruli", "Rudolf", "Saut"}
	batakFem           = []string{"Juliana", "Rosmawati", "Lamtiur", "Tiurma", "Erika", "Romauli", "Dameria", "Sondang", "Lenny", "Nurmaida"}
	batakFam           = []string{"Simanjuntak", "Siregar", "Nainggolan", "Sitompul", "Hutapea", "Situmorang", "Panjaitan", "Pardede", "Simatupang", "Manurung", "Sihombing", "Sinaga", "Tambunan", "Hutagalung"}
	torajaFam          = []string{"Tandirerung", "Palimbong", "Rante", "Sampe", "Pakiding", "Tangdilintin", "Pabisa", "Rombe", "Tandiarrang", "Paembonan", "Sarungallo", "Parinding", "Tappi", "Allo", "Bulo"}
	placePapua         = []string{"Sorong", "Sorong", "Sorong", "Manokwari", "Biak", "Serui", "Jayapura", "Fakfak", "Teminabuan", "Waisai", "Nabire", "Kaimana", "Aimas", "Ayamaru"}
	placeJawa          = []string{"Sorong", "Sorong", "Surabaya", "Semarang", "Yogyakarta", "Malang", "Kediri", "Surakarta", "Banyuwangi", "Madiun"}
	placeBugis         = []string{"Sorong", "Sorong", "Makassar", "Bone", "Parepare", "Sengkang", "Baubau", "Raha", "Palopo"}
	placeMaluk         = []string{"Sorong", "Ambon", "Ambon", "Tual", "Masohi", "Saumlaki", "Ternate"}
	placeMndo          = []string{"Sorong", "Manado", "Manado", "Tomohon", "Bitung", "Tondano"}
	placeBatak         = []string{"Sorong", "Medan", "Pematangsiantar", "Tarutung", "Balige", "Sibolga"}
	placeTrja          = []string{"Sorong", "Makale", "Rantepao", "Makassar", "Palopo"}
)

var groupWeights = []float64{.34, .2, .13, .11, .08, .07, .07}

// personName returns a name and a birthplace for a gender.
func (g *gen) personName(female bool) (nama, tempat string) {
	r := g.r
	christian := func() string {
		if female {
			return r.pick(christianFemale)
		}
		return r.pick(christianMale)
	}
	switch r.weighted(groupWeights) {
	case 0: // Papuan
		n := christian()
		if r.chance(0.25) {
			n += " " + christian()
		}
		return n + " " + r.pick(papuanFamily), r.pick(placePapua)
	case 1: // Javanese
		if female {
			return r.pick(javaFemale) + " " + r.pick(javaFemale2), r.pick(placeJawa)
		}
		return r.pick(javaMale) + " " + r.pick(javaMale2), r.pick(placeJawa)
	case 2: // Bugis, Makassar, Buton
		n := r.pick(bugisMale)
		if female {
			n = r.pick(bugisFemale)
		}
		if r.chance(0.5) {
			n += " " + r.pick(bugisFamily)
		}
		return n, r.pick(placeBugis)
	case 3: // Maluku, Kei
		n := christian()
		if r.chance(0.3) {
			n = r.pick(malukuMuslimMale)
			if female {
				n = r.pick(malukuMuslimFemale)
			}
		}
		return n + " " + r.pick(malukuFam), r.pick(placeMaluk)
	case 4: // Minahasa
		return christian() + " " + r.pick(manadoFam), r.pick(placeMndo)
	case 5: // Batak
		n := r.pick(batakMale)
		if female {
			n = r.pick(batakFem)
		}
		return n + " " + r.pick(batakFam), r.pick(placeBatak)
	default: // Toraja
		return christian() + " " + r.pick(torajaFam), r.pick(placeTrja)
	}
}

var (
	poolSLTA = []string{"IPA", "IPS", "Bahasa"}
	poolSMK  = []string{"Akuntansi", "Administrasi Perkantoran", "Teknik Komputer dan Jaringan", "Teknik Kendaraan Ringan",
		"Tata Niaga", "Teknik Instalasi Tenaga Listrik"}
	poolD3 = []string{"Akuntansi", "Manajemen Informatika", "Administrasi Negara", "Sekretari", "Manajemen Perusahaan",
		"Teknik Sipil", "Perpajakan"}
	poolS1 = []string{"Ilmu Pemerintahan", "Administrasi Publik", "Ekonomi Pembangunan", "Manajemen", "Akuntansi", "Hukum",
		"Sosiologi", "Ilmu Komunikasi", "Teknik Sipil", "Teknik Informatika", "Agribisnis", "Kesehatan Masyarakat",
		"Pendidikan Ekonomi", "Antropologi"}
	poolS2 = []string{"Administrasi Publik", "Manajemen", "Ilmu Pemerintahan", "Hukum", "Perencanaan Wilayah dan Kota",
		"Ekonomi Pembangunan"}
)

func has(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func health(j string) bool {
	return has(j, "Kesehatan", "Keperawatan", "Kebidanan", "Farmasi", "Gizi", "Analis Kesehatan", "Laboratorium", "Radiologi", "Rumah Sakit")
}

func computing(j string) bool {
	return has(j, "Informatika", "Sistem Informasi", "Ilmu Komputer", "Teknik Komputer")
}

// s1Gelar is the bachelor's title for a major; old graduates of social
// sciences carry Drs./Dra. and of engineering/agriculture Ir. in front.
func s1Gelar(jur string, birthY int, female bool) (depan, belakang string) {
	switch {
	case has(jur, "Pendidikan", "Bimbingan"):
		if birthY < 1967 {
			return dra(female), ""
		}
		return "", "S.Pd."
	case jur == "Keperawatan":
		return "", "S.Kep."
	case jur == "Kebidanan":
		return "", "S.Keb."
	case jur == "Farmasi":
		return "", "S.Farm."
	case jur == "Gizi":
		return "", "S.Gz."
	case jur == "Kedokteran":
		return "", "S.Ked."
	case jur == "Kedokteran Gigi":
		return "", "S.KG."
	case health(jur):
		return "", "S.K.M."
	case computing(jur):
		return "", "S.Kom."
	case has(jur, "Teknik", "Arsitektur", "Perencanaan Wilayah"):
		if birthY < 1970 {
			return "Ir.", ""
		}
		return "", "S.T."
	case has(jur, "Agribisnis", "Agroteknologi", "Penyuluhan Pertanian"):
		if birthY < 1970 {
			return "Ir.", ""
		}
		return "", "S.P."
	case jur == "Peternakan":
		return "", "S.Pt."
	case has(jur, "Perikanan", "Perairan", "Kelautan"):
		return "", "S.Pi."
	case jur == "Hukum":
		return "", "S.H."
	case has(jur, "Akuntansi", "Manajemen", "Ekonomi"):
		if birthY < 1967 {
			return dra(female), ""
		}
		return "", "S.E."
	case jur == "Ilmu Pemerintahan":
		return "", "S.IP."
	case jur == "Psikologi":
		return "", "S.Psi."
	case has(jur, "Biologi", "Kimia", "Lingkungan", "Statistika", "Matematika"):
		return "", "S.Si."
	case jur == "Pariwisata":
		return "", "S.Par."
	case jur == "Ilmu Perpustakaan":
		return "", "S.IP."
	case has(jur, "Komunikasi", "Hubungan Masyarakat"):
		return "", "S.I.Kom."
	}
	if birthY < 1967 {
		return dra(female), ""
	}
	return "", "S.Sos."
}

func dra(female bool) string {
	if female {
		return "Dra."
	}
	return "Drs."
}

func s2Gelar(jur string) string {
	switch {
	case has(jur, "Pendidikan", "Bimbingan"):
		return "M.Pd."
	case jur == "Kedokteran" || jur == "Kedokteran Gigi" || health(jur):
		return "M.Kes."
	case computing(jur):
		return "M.Kom."
	case has(jur, "Teknik", "Arsitektur", "Perencanaan Wilayah"):
		return "M.T."
	case jur == "Hukum":
		return "M.H."
	case has(jur, "Akuntansi", "Manajemen", "Ekonomi"):
		return "M.M."
	case jur == "Administrasi Publik":
		return "M.A.P."
	}
	return "M.Si."
}

var spesialis = []string{"Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad.", "Sp.PK.", "Sp.M."}

func d3Gelar(jur string) string {
	switch {
	case jur == "Keperawatan":
		return "A.Md.Kep."
	case jur == "Kebidanan":
		return "A.Md.Keb."
	case jur == "Farmasi":
		return "A.Md.Farm."
	case has(jur, "Analis Kesehatan", "Laboratorium"):
		return "A.Md.AK."
	case jur == "Gizi":
		return "A.Md.Gz."
	case jur == "Kesehatan Lingkungan":
		return "A.Md.KL."
	case jur == "Radiologi":
		return "A.Md.Rad."
	case jur == "Akuntansi":
		return "A.Md.Ak."
	case computing(jur) || jur == "Manajemen Informatika":
		return "A.Md.Kom."
	case has(jur, "Teknik"):
		return "A.Md.T."
	}
	return "A.Md."
}

// gelar returns the academic titles for an education level and major.
func (g *gen) gelar(edu domain.Pendidikan, jur string, birthY int, female bool) (depan, belakang string) {
	join := func(xs ...string) string {
		var out []string
		for _, x := range xs {
			if x != "" {
				out = append(out, x)
			}
		}
		return strings.Join(out, ", ")
	}
	prof := func() (string, string) { // first degree including the profession
		switch jur {
		case "Kedokteran":
			return "dr.", ""
		case "Kedokteran Gigi":
			return "drg.", ""
		case "Keperawatan":
			return "", "S.Kep., Ners"
		case "Kebidanan":
			return "", "S.Keb., Bd."
		case "Farmasi":
			return "", "S.Farm., Apt."
		}
		return s1Gelar(jur, birthY, female)
	}
	switch edu {
	case pSD, pSLTP, pSLTA, pSMK:
		return "", ""
	case pD3:
		return "", d3Gelar(jur)
	case pD4:
		switch {
		case jur == "Kebidanan":
			return "", "S.Tr.Keb."
		case jur == "Keperawatan":
			return "", "S.Tr.Kep."
		case health(jur):
			return "", "S.Tr.Kes."
		}
		return "", "S.ST."
	case pS1:
		return s1Gelar(jur, birthY, female)
	case pProfesi:
		return prof()
	case pSpesialis:
		return "dr.", g.r.pick(spesialis)
	case pS2:
		d, b := prof()
		return d, join(b, s2Gelar(jur))
	case pS3:
		_, b := s1Gelar(jur, birthY, female)
		return "Dr.", join(b, s2Gelar(jur))
	}
	return "", ""
}
