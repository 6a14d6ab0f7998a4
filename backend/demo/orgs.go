package demo

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// layout is the shape of an OPD's unit tree.
type layout int

const (
	layDinas layout = iota
	layBadan
	laySetda
	layDPRD
	layInspektorat
	laySatpol
	layRSUD
	layDistrik
)

// balance is the deliberate staffing class of an OPD (see the package doc).
type balance int

const (
	balNormal balance = iota
	balOver
	balUnder
	balDisdik // head office over, schools slightly under
	balDinkes // head office balanced, puskesmas health staff under
)

// line is a staffing line of a unit template: a catalogue key, or "@family"
// for a JF family split over its levels, with the base headcount at Size 5000.
type line struct {
	key string
	n   float64
}

type opdSpec struct {
	kode, nama, singkatan string
	jenis                 domain.JenisOPD
	lay                   layout
	head                  string   // catalogue key of the head of the OPD
	bidang                []string // "Nama|Subject|child;child" (subject and children optional)
	jf                    []line   // extra lines per seksi/subbidang
	bal                   balance
	staff                 float64 // multiplier of the seksi pelaksana lines; 0 = 1
}

var distrikNames = []string{"Sorong", "Sorong Barat", "Sorong Timur", "Sorong Utara", "Sorong Kepulauan",
	"Sorong Manoi", "Sorong Kota", "Klaurung", "Malaimsimsa", "Maladum Mes"}

// kelurahanPerDistrik sums to 41, the number of kelurahan in Kota Sorong.
var kelurahanPerDistrik = []int{5, 4, 5, 4, 3, 4, 4, 4, 4, 4}

// kelurahanNames are invented (not the real kelurahan of Kota Sorong).
var kelurahanNames = []string{
	"Tanjung Harapan", "Bukit Kasih", "Sinar Pagi", "Kampung Damai", "Pantai Indah",
	"Batu Putih", "Matahari Terbit", "Kali Bening", "Teluk Biru", "Pohon Sagu",
	"Mawar Merah", "Gunung Hijau", "Tanjung Karang", "Kampung Nelayan", "Karang Indah",
	"Pasir Putih", "Bintang Timur", "Sumber Rejeki", "Cenderawasih", "Kasuari",
	"Anggrek Hutan", "Tanah Merah", "Kampung Baru", "Sungai Jernih", "Bukit Indah",
	"Pelita Jaya", "Sejahtera", "Harapan Jaya", "Karya Bakti", "Mandiri",
	"Tunas Muda", "Pulau Kecil", "Pulau Teduh", "Lembah Hijau", "Tanjung Bunga",
	"Kali Sapi", "Sagu Emas", "Bambu Kuning", "Pinang Sari", "Kelapa Dua", "Matoa",
}

var opdSpecs = []opdSpec{
	{kode: "4.01.01", nama: "Sekretariat Daerah", singkatan: "SETDA", jenis: domain.OPDSekretariat, lay: laySetda, head: "sekda", bal: balOver,
		jf: []line{{"@anakeb", .5}, {"@perancang", .2}, {"@pbj", .3}, {"@humas", .2}, {"@arsiparis", .15}}},
	{kode: "4.02.01", nama: "Sekretariat Dewan Perwakilan Rakyat Daerah", singkatan: "SETWAN", jenis: domain.OPDSekretariat, lay: layDPRD, head: "sekwan",
		bidang: []string{"Umum dan Keuangan|Umum dan Keuangan|Subbagian Tata Usaha dan Kepegawaian;Subbagian Keuangan;Subbagian Rumah Tangga",
			"Persidangan dan Perundang-undangan|Persidangan|Subbagian Rapat dan Risalah;Subbagian Perundang-undangan",
			"Fasilitasi Penganggaran dan Pengawasan|Penganggaran", "Hubungan Masyarakat dan Protokol|Humas dan Protokol"},
		jf: []line{{"@anakeb", .6}, {"@perancang", .3}, {"@humas", .2}}},
	{kode: "6.01.01", nama: "Inspektorat Daerah", singkatan: "INSPEKTORAT", jenis: domain.OPDInspektorat, lay: layInspektorat, head: "inspektur"},
	{kode: "5.01.01", nama: "Badan Perencanaan Pembangunan Daerah", singkatan: "BAPPEDA", jenis: domain.OPDBadan, lay: layBadan, head: "kaban",
		bidang: []string{"Perencanaan Pemerintahan dan Pembangunan Manusia|Pemerintahan dan Pembangunan Manusia",
			"Perencanaan Perekonomian dan Sumber Daya Alam|Perekonomian", "Perencanaan Infrastruktur dan Kewilayahan|Infrastruktur",
			"Penelitian dan Pengembangan|Penelitian", "Pengendalian dan Evaluasi Pembangunan|Pengendalian Pembangunan"},
		jf: []line{{"@perencana", 1.2}, {"@anakeb", .2}}},
	{kode: "5.02.01", nama: "Badan Pengelolaan Keuangan dan Aset Daerah", singkatan: "BPKAD", jenis: domain.OPDBadan, lay: layBadan, head: "kaban", bal: balOver,
		bidang: []string{"Anggaran", "Perbendaharaan", "Akuntansi dan Pelaporan|Akuntansi", "Aset|Pengelolaan Aset"},
		jf:     []line{{"@akpd", .8}, {"pengkeu", 1.2}, {"pengbmd", .3}}},
	{kode: "5.02.02", nama: "Badan Pendapatan Daerah", singkatan: "BAPENDA", jenis: domain.OPDBadan, lay: layBadan, head: "kaban",
		bidang: []string{"Pendaftaran dan Pendataan|Pendataan Pajak", "Penetapan dan Penagihan|Penagihan Pajak",
			"Pengembangan dan Pengendalian Pendapatan|Pengendalian Pendapatan"},
		jf: []line{{"pengpajak", 2}}},
	{kode: "5.03.01", nama: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", singkatan: "BKPSDM", jenis: domain.OPDBadan, lay: layBadan, head: "kaban", bal: balOver,
		bidang: []string{"Pengadaan, Pemberhentian dan Informasi Kepegawaian|Pengadaan dan Informasi Kepegawaian",
			"Mutasi dan Promosi|Mutasi", "Pengembangan Kompetensi Aparatur|Pengembangan Kompetensi",
			"Penilaian Kinerja Aparatur dan Penghargaan|Penilaian Kinerja"},
		jf: []line{{"@asdm", 1}, {"@pranatasdm", .6}, {"@prakom", .2}}},
	{kode: "1.05.02", nama: "Badan Penanggulangan Bencana Daerah", singkatan: "BPBD", jenis: domain.OPDBadan, lay: layBadan, head: "kalaksa",
		bidang: []string{"Pencegahan dan Kesiapsiagaan|Kesiapsiagaan", "Kedaruratan dan Logistik|Kedaruratan", "Rehabilitasi dan Rekonstruksi|Rehabilitasi"},
		jf:     []line{{"opr", 1.5}}},
	{kode: "8.01.01", nama: "Badan Kesatuan Bangsa dan Politik", singkatan: "KESBANGPOL", jenis: domain.OPDBadan, lay: layBadan, head: "kaban",
		bidang: []string{"Ideologi dan Wawasan Kebangsaan|Wawasan Kebangsaan", "Politik Dalam Negeri|Politik",
			"Ketahanan Ekonomi, Sosial, Budaya dan Agama|Ketahanan Sosial", "Kewaspadaan Nasional dan Penanganan Konflik|Penanganan Konflik"},
		jf: []line{{"@anakeb", .4}}},
	{kode: "1.05.01", nama: "Satuan Polisi Pamong Praja", singkatan: "SATPOL PP", jenis: domain.OPDSatpol, lay: laySatpol, head: "kasatpol",
		bidang: []string{"Penegakan Peraturan Daerah|Penegakan Perda", "Ketertiban Umum dan Ketenteraman Masyarakat|Ketertiban Umum",
			"Perlindungan Masyarakat|Perlindungan Masyarakat", "Sumber Daya Aparatur|Sumber Daya Aparatur"},
		jf: []line{{"@polpp", 9}}, staff: .5},
	{kode: "1.01.01", nama: "Dinas Pendidikan", singkatan: "DISDIK", jenis: domain.OPDDinas, lay: layDinas, head: "kadis", bal: balDisdik,
		bidang: []string{"Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal|PAUD dan Pendidikan Nonformal",
			"Pembinaan Sekolah Dasar|Sekolah Dasar", "Pembinaan Sekolah Menengah Pertama|Sekolah Menengah Pertama",
			"Pendidik dan Tenaga Kependidikan|Pendidik dan Tenaga Kependidikan"},
		jf: []line{{"@pengawassekolah", .8}, {"@anakeb", .15}}, staff: 1.2},
	{kode: "1.02.01", nama: "Dinas Kesehatan", singkatan: "DINKES", jenis: domain.OPDDinas, lay: layDinas, head: "kadis", bal: balDinkes,
		bidang: []string{"Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit|Pengendalian Penyakit",
			"Pelayanan dan Sumber Daya Kesehatan|Pelayanan Kesehatan"},
		jf: []line{{"@admkes", .8}, {"@sanitarian", .3}, {"@nutrisionis", .2}}},
	{kode: "1.02.02", nama: "Rumah Sakit Umum Daerah Kota Sorong", singkatan: "RSUD", jenis: domain.OPDRSUD, lay: layRSUD, head: "direktur", bal: balDinkes,
		bidang: []string{"Pelayanan Medik|Pelayanan Medik", "Keperawatan|Asuhan Keperawatan", "Penunjang Medik dan Nonmedik|Penunjang"},
		jf:     []line{{"@admkes", .5}}},
	{kode: "1.03.01", nama: "Dinas Pekerjaan Umum dan Penataan Ruang", singkatan: "DPUPR", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Bina Marga|Jalan dan Jembatan", "Sumber Daya Air", "Cipta Karya", "Penataan Ruang", "Bina Konstruksi|Jasa Konstruksi"},
		jf:     []line{{"@tjj", .9}, {"teknisi", .8}}, staff: 1.1},
	{kode: "1.04.01", nama: "Dinas Perumahan dan Kawasan Permukiman", singkatan: "DISPERKIM", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Perumahan", "Kawasan Permukiman|Permukiman", "Pertanahan", "Prasarana, Sarana dan Utilitas Umum|Utilitas Umum"},
		jf:     []line{{"@ttbp", .8}}},
	{kode: "1.06.01", nama: "Dinas Sosial", singkatan: "DINSOS", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial|Jaminan Sosial",
			"Pemberdayaan Sosial dan Penanganan Fakir Miskin|Pemberdayaan Sosial"},
		jf: []line{{"@peksos", 1.2}}},
	{kode: "2.12.01", nama: "Dinas Kependudukan dan Pencatatan Sipil", singkatan: "DISDUKCAPIL", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Pelayanan Pendaftaran Penduduk|Pendaftaran Penduduk", "Pelayanan Pencatatan Sipil|Pencatatan Sipil",
			"Pengelolaan Informasi Administrasi Kependudukan|Informasi Kependudukan", "Pemanfaatan Data dan Inovasi Pelayanan|Pemanfaatan Data"},
		jf: []line{{"@adbk", .7}, {"pengduk", 1.5}}},
	{kode: "2.08.01", nama: "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana", singkatan: "DP3AP2KB",
		jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Pemberdayaan Perempuan", "Perlindungan Anak", "Pengendalian Penduduk dan Keluarga Berencana|Keluarga Berencana"},
		jf:     []line{{"@penyuluhkb", 1.2}}},
	{kode: "2.11.01", nama: "Dinas Lingkungan Hidup", singkatan: "DLH", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Tata Lingkungan", "Pengelolaan Sampah dan Limbah B3|Persampahan",
			"Pengendalian Pencemaran dan Kerusakan Lingkungan|Pengendalian Pencemaran", "Penaatan dan Peningkatan Kapasitas Lingkungan|Penaatan Lingkungan"},
		jf: []line{{"@pdl", .7}, {"opr", 2}}},
	{kode: "2.15.01", nama: "Dinas Perhubungan", singkatan: "DISHUB", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Lalu Lintas", "Angkutan", "Prasarana Perhubungan", "Perhubungan Laut|Pelabuhan Lokal"},
		jf:     []line{{"@pkbm", .8}, {"opr", 1.5}}},
	{kode: "2.16.01", nama: "Dinas Komunikasi dan Informatika", singkatan: "DISKOMINFO", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Informasi dan Komunikasi Publik|Komunikasi Publik", "Aplikasi Informatika|Aplikasi Informatika",
			"Persandian dan Keamanan Informasi|Persandian", "Statistik Sektoral|Statistik"},
		jf: []line{{"@prakom", 1}, {"@humas", .5}}},
	{kode: "2.18.01", nama: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", singkatan: "DPMPTSP", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Penanaman Modal", "Pelayanan Perizinan|Perizinan", "Pengaduan, Kebijakan dan Pelaporan Layanan|Pengaduan Layanan"},
		jf:     []line{{"penata", .8}}},
	{kode: "2.17.01", nama: "Dinas Koperasi, Usaha Kecil dan Menengah", singkatan: "DISKOPUKM", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Koperasi", "Usaha Mikro, Kecil dan Menengah|Usaha Mikro", "Pengawasan Koperasi"}},
	{kode: "3.30.01", nama: "Dinas Perindustrian dan Perdagangan", singkatan: "DISPERINDAG", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Perdagangan", "Perindustrian", "Metrologi dan Perlindungan Konsumen|Perlindungan Konsumen", "Pengelolaan Pasar"},
		jf:     []line{{"pengpajak", .8}}},
	{kode: "3.25.01", nama: "Dinas Perikanan", singkatan: "DISKAN", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Perikanan Tangkap", "Perikanan Budidaya", "Pengolahan dan Pemasaran Hasil Perikanan|Hasil Perikanan"},
		jf:     []line{{"@penyuluhikan", 1}}},
	{kode: "3.27.01", nama: "Dinas Pertanian dan Ketahanan Pangan", singkatan: "DISTANKP", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Tanaman Pangan dan Hortikultura|Tanaman Pangan", "Peternakan dan Kesehatan Hewan|Peternakan", "Ketahanan Pangan",
			"Penyuluhan Pertanian"},
		jf: []line{{"@penyuluhtani", 1.3}}},
	{kode: "3.26.01", nama: "Dinas Pariwisata", singkatan: "DISPAR", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Destinasi Pariwisata", "Pemasaran Pariwisata", "Ekonomi Kreatif", "Kebudayaan"},
		jf:     []line{{"@adyatama", .7}}},
	{kode: "2.19.01", nama: "Dinas Pemuda dan Olahraga", singkatan: "DISPORA", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Kepemudaan", "Pembudayaan Olahraga", "Sarana dan Prasarana Olahraga|Prasarana Olahraga"}},
	{kode: "2.23.01", nama: "Dinas Perpustakaan dan Kearsipan", singkatan: "DISPUSIP", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Layanan Perpustakaan", "Pengelolaan Arsip", "Pembinaan Perpustakaan dan Kearsipan|Pembinaan Kearsipan"},
		jf:     []line{{"@pustakawan", 1.2}, {"@arsiparis", 1}}},
	{kode: "2.07.01", nama: "Dinas Tenaga Kerja", singkatan: "DISNAKER", jenis: domain.OPDDinas, lay: layDinas, head: "kadis",
		bidang: []string{"Pelatihan dan Produktivitas|Pelatihan Kerja", "Penempatan Tenaga Kerja",
			"Hubungan Industrial dan Jaminan Sosial Tenaga Kerja|Hubungan Industrial"},
		jf: []line{{"@mediator", .7}}},
	{kode: "1.05.03", nama: "Dinas Pemadam Kebakaran", singkatan: "DAMKAR", jenis: domain.OPDDinas, lay: layDinas, head: "kadis", bal: balUnder,
		bidang: []string{"Pencegahan Kebakaran", "Pemadaman dan Penyelamatan|Operasi Pemadaman", "Sarana dan Prasarana Pemadam|Sarana Pemadam"},
		jf:     []line{{"@damkar", 8}}, staff: .5},
}

func init() {
	for i, d := range distrikNames {
		bal := balNormal
		if d == "Sorong Kepulauan" || d == "Maladum Mes" {
			bal = balUnder
		}
		opdSpecs = append(opdSpecs, opdSpec{kode: fmt.Sprintf("7.01.%02d", i+1), nama: "Distrik " + d,
			singkatan: "DISTRIK " + strings.ToUpper(d), jenis: domain.OPDDistrik, lay: layDistrik, head: "kadistrik", bal: bal})
	}
}

// unit kinds select staffing templates.
type unitKind int

const (
	ukRoot unitKind = iota
	ukSekretariat
	ukSubUmum
	ukSubKeu
	ukSubProg
	ukSubKeuProg
	ukBidang
	ukSeksi
	ukAsisten
	ukIrban
	ukSD
	ukSMP
	ukTK
	ukPuskesmas
	ukInstalasi
	ukKelurahan
)

type unitInfo struct {
	opd    int
	parent int // -1 for a root
	kind   unitKind
	head   string // catalogue key of the head, "" for a service unit
	nama   string
	kode   string
	nkids  int
	instal int // instalasi template index
	seksi  bool
}

// instalasi are RSUD service units without a structural head.
var instalasi = []struct {
	nama  string
	lines []line
}{
	{"Instalasi Gawat Darurat", []line{{"@dokter", 4}, {"@perawat", 14}, {"pengadm", 1}}},
	{"Instalasi Rawat Jalan", []line{{"@dokter", 6}, {"@doktergigi", 1}, {"@perawat", 10}, {"pengadm", 2}}},
	{"Instalasi Rawat Inap", []line{{"@dokter", 3}, {"@perawat", 34}, {"@bidan", 3}, {"pengadm", 2}}},
	{"Instalasi Bedah Sentral", []line{{"@dokter", 2}, {"@perawat", 12}}},
	{"Instalasi Perawatan Intensif", []line{{"@dokter", 1}, {"@perawat", 10}}},
	{"Instalasi Kebidanan dan Kandungan", []line{{"@dokter", 1}, {"@bidan", 14}, {"@perawat", 3}}},
	{"Instalasi Farmasi", []line{{"@apoteker", 3}, {"@ttk", 6}, {"pengadm", 1}}},
	{"Instalasi Laboratorium", []line{{"@plk", 6}, {"@dokter", .5}}},
	{"Instalasi Radiologi", []line{{"@radiografer", 4}, {"@dokter", .3}}},
	{"Instalasi Gizi", []line{{"@nutrisionis", 3}, {"opr", 3}}},
}

var setdaAsisten = []struct {
	nama   string
	bagian []string
}{
	{"Asisten Pemerintahan dan Kesejahteraan Rakyat", []string{"Pemerintahan|Pemerintahan",
		"Hukum|Hukum|Subbagian Peraturan Perundang-undangan;Subbagian Bantuan Hukum;Subbagian Dokumentasi dan Informasi Hukum",
		"Kesejahteraan Rakyat|Kesejahteraan Rakyat"}},
	{"Asisten Perekonomian dan Pembangunan", []string{"Perekonomian dan Sumber Daya Alam|Perekonomian",
		"Administrasi Pembangunan|Administrasi Pembangunan", "Pengadaan Barang dan Jasa|Pengadaan Barang dan Jasa"}},
	{"Asisten Administrasi Umum", []string{"Umum|Umum|Subbagian Tata Usaha Pimpinan;Subbagian Rumah Tangga;Subbagian Perlengkapan",
		"Organisasi|Kelembagaan", "Protokol dan Komunikasi Pimpinan|Protokol", "Perencanaan dan Keuangan|Keuangan"}},
}

var subPatterns = []string{"Perencanaan %s", "Pembinaan %s", "Pengendalian %s", "Pengembangan %s"}

var sekretariatHead = map[layout]string{layDinas: "sekdin", layBadan: "sekban", layInspektorat: "sekinsp", laySatpol: "seksatpol"}

func (g *gen) addUnit(opd, parent int, kind unitKind, nama, head string) int {
	kode := g.opds[opd].kode
	if parent >= 0 {
		p := &g.units[parent]
		p.nkids++
		kode = fmt.Sprintf("%s.%02d", p.kode, p.nkids)
	}
	g.units = append(g.units, unitInfo{opd: opd, parent: parent, kind: kind, nama: nama, head: head, kode: kode})
	return len(g.units) - 1
}

// splitSpec reads "Nama|Subject|child;child".
func splitSpec(s string) (nama, subject string, kids []string) {
	parts := strings.Split(s, "|")
	nama, subject = parts[0], parts[0]
	if len(parts) > 1 {
		subject = parts[1]
	}
	if len(parts) > 2 {
		kids = strings.Split(parts[2], ";")
	}
	return
}

// addChildren adds 2–3 seksi/subbidang/subbagian under parent.
func (g *gen) addChildren(opd, parent int, prefix, head, subject string, kids []string) {
	if kids == nil {
		chosen := g.r.Perm(len(subPatterns))[:g.r.between(2, 3)]
		slices.Sort(chosen)
		for _, i := range chosen {
			kids = append(kids, prefix+" "+fmt.Sprintf(subPatterns[i], subject))
		}
	}
	for _, k := range kids {
		u := g.addUnit(opd, parent, ukSeksi, k, head)
		g.units[u].seksi = true
	}
}

func (g *gen) addSekretariat(opd int, nama, head string) {
	sek := g.addUnit(opd, g.opdRoot[opd], ukSekretariat, nama, head)
	if g.r.chance(0.6) {
		g.addUnit(opd, sek, ukSubUmum, "Subbagian Umum dan Kepegawaian", "kasubag")
		g.addUnit(opd, sek, ukSubKeu, "Subbagian Keuangan", "kasubag")
		g.addUnit(opd, sek, ukSubProg, "Subbagian Perencanaan dan Pelaporan", "kasubag")
	} else {
		g.addUnit(opd, sek, ukSubUmum, "Subbagian Umum dan Kepegawaian", "kasubag")
		g.addUnit(opd, sek, ukSubKeuProg, "Subbagian Keuangan dan Perencanaan", "kasubag")
	}
}

// buildUnits makes every OPD's unit tree, depth-first in OPD order.
func (g *gen) buildUnits() {
	g.opdRoot = make([]int, len(g.opds))
	nSchool := max(3, int(80*g.s+0.5))
	nPkm := max(2, int(10*g.s+0.5))
	for o := range g.opds {
		sp := &g.opds[o]
		g.opdRoot[o] = g.addUnit(o, -1, ukRoot, strings.TrimSuffix(sp.nama, " Kota Sorong"), sp.head)
		root := g.opdRoot[o]
		switch sp.lay {
		case layDinas, layBadan, laySatpol:
			g.addSekretariat(o, "Sekretariat", sekretariatHead[sp.lay])
			kabid, child, prefix := "kabid", "kasi", "Seksi"
			if sp.lay == layBadan {
				child, prefix = "kasubbid", "Subbidang"
			}
			for _, b := range sp.bidang {
				nama, subject, kids := splitSpec(b)
				u := g.addUnit(o, root, ukBidang, "Bidang "+nama, kabid)
				g.addChildren(o, u, prefix, child, subject, kids)
			}
		case laySetda:
			for _, a := range setdaAsisten {
				au := g.addUnit(o, root, ukAsisten, a.nama, "asisten")
				for _, b := range a.bagian {
					nama, subject, kids := splitSpec(b)
					bu := g.addUnit(o, au, ukBidang, "Bagian "+nama, "kabag")
					g.addChildren(o, bu, "Subbagian", "kasubag", subject, kids)
				}
			}
		case layDPRD:
			for _, b := range sp.bidang {
				nama, subject, kids := splitSpec(b)
				bu := g.addUnit(o, root, ukBidang, "Bagian "+nama, "kabag")
				g.addChildren(o, bu, "Subbagian", "kasubag", subject, kids)
			}
		case layInspektorat:
			g.addSekretariat(o, "Sekretariat", "sekinsp")
			for _, w := range []string{"I", "II", "III", "IV"} {
				g.addUnit(o, root, ukIrban, "Inspektur Pembantu Wilayah "+w, "irban")
			}
		case layRSUD:
			tu := g.addUnit(o, root, ukSekretariat, "Bagian Tata Usaha", "kabag")
			g.addUnit(o, tu, ukSubUmum, "Subbagian Umum dan Kepegawaian", "kasubag")
			g.addUnit(o, tu, ukSubKeu, "Subbagian Keuangan", "kasubag")
			g.addUnit(o, tu, ukSubProg, "Subbagian Perencanaan, Evaluasi dan Pelaporan", "kasubag")
			for _, b := range sp.bidang {
				nama, subject, kids := splitSpec(b)
				u := g.addUnit(o, root, ukBidang, "Bidang "+nama, "kabid")
				g.addChildren(o, u, "Seksi", "kasi", subject, kids)
			}
			for i, ins := range instalasi {
				u := g.addUnit(o, root, ukInstalasi, ins.nama, "")
				g.units[u].instal = i
			}
		case layDistrik:
			sek := g.addUnit(o, root, ukSekretariat, "Sekretariat Distrik", "sekdistrik")
			g.addUnit(o, sek, ukSubUmum, "Subbagian Umum dan Kepegawaian", "kasubag")
			g.addUnit(o, sek, ukSubKeuProg, "Subbagian Keuangan dan Perencanaan", "kasubag")
			for _, s := range []string{"Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum", "Seksi Pemberdayaan Masyarakat", "Seksi Pelayanan Umum"} {
				u := g.addUnit(o, root, ukSeksi, s, "kasi")
				g.units[u].seksi = true
			}
			d := o - (len(g.opds) - len(distrikNames))
			first := 0
			for i := 0; i < d; i++ {
				first += kelurahanPerDistrik[i]
			}
			for i := 0; i < kelurahanPerDistrik[d]; i++ {
				g.addUnit(o, root, ukKelurahan, "Kelurahan "+kelurahanNames[first+i], "lurah")
			}
		}
		switch sp.bal {
		case balDisdik:
			nSD := int(float64(nSchool)*0.7 + 0.5)
			nSMP := int(float64(nSchool)*0.22 + 0.5)
			for i := 0; i < nSchool; i++ {
				switch {
				case i < nSD:
					g.addUnit(o, root, ukSD, fmt.Sprintf("SD Negeri %d Kota Sorong", i+1), "")
				case i < nSD+nSMP:
					g.addUnit(o, root, ukSMP, fmt.Sprintf("SMP Negeri %d Kota Sorong", i-nSD+1), "")
				default:
					g.addUnit(o, root, ukTK, fmt.Sprintf("TK Negeri Pembina %d Kota Sorong", i-nSD-nSMP+1), "")
				}
			}
		case balDinkes:
			if sp.lay != layDinas {
				break
			}
			for i := 0; i < nPkm; i++ {
				nama := "UPTD Puskesmas " + distrikNames[i%len(distrikNames)]
				if i >= len(distrikNames) {
					nama += " " + roman(i/len(distrikNames)+1)
				}
				g.addUnit(o, root, ukPuskesmas, nama, "kapus")
			}
		}
	}
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// linesFor is the staffing template of a unit (base headcounts at Size 5000).
func (g *gen) linesFor(u *unitInfo) []line {
	sp := &g.opds[u.opd]
	staff := sp.staff
	if staff == 0 {
		staff = 1
	}
	switch u.kind {
	case ukRoot:
		switch sp.lay {
		case laySetda:
			return []line{{"pengadm", 2}, {"pengemudi", 3}, {"keamanan", 2}}
		case layDPRD:
			return []line{{"pengadm", 2}, {"pengemudi", 4}, {"keamanan", 3}}
		case layDistrik:
			return []line{{"pengemudi", .6}}
		}
		return []line{{"pengadm", .6}, {"pengemudi", .8}}
	case ukSekretariat:
		return []line{{"pengadm", .8}}
	case ukSubUmum:
		return []line{{"pengadm", 1.8}, {"pengpeg", .8}, {"pengemudi", .6}, {"pramubakti", .4}, {"opr", .8},
			{"keamanan", .5}, {"pengbmd", .4}, {"@arsiparis", .2}}
	case ukSubKeu:
		return []line{{"pengkeu", 1.4}, {"bendahara", 1}}
	case ukSubProg:
		return []line{{"@perencana", .5}, {"penata", .9}}
	case ukSubKeuProg:
		return []line{{"pengkeu", 1}, {"bendahara", 1}, {"penata", .5}}
	case ukBidang, ukAsisten:
		return []line{{"pengadm", .7}}
	case ukSeksi:
		if sp.lay == layDistrik {
			return []line{{"penata", 1}, {"pengadm", 1}}
		}
		ls := []line{{"penata", .9 * staff}, {"pengadm", .8 * staff}, {"plo", .4 * staff}}
		return append(ls, sp.jf...)
	case ukIrban:
		return []line{{"@auditor", 4}, {"@p2upd", 3}, {"pengadm", 1}}
	case ukSD:
		return []line{{"@guru", 22}, {"pengadm", 1}, {"opr", .7}}
	case ukSMP:
		return []line{{"@guru", 32}, {"pengadm", 2}, {"opr", 1}}
	case ukTK:
		return []line{{"@guru", 5}, {"pengadm", .3}}
	case ukPuskesmas:
		return scaled(2.0, []line{{"@dokter", 2}, {"@doktergigi", .8}, {"@perawat", 11}, {"@bidan", 8}, {"@apoteker", .7}, {"@ttk", 1},
			{"@plk", 1.5}, {"@sanitarian", 1}, {"@nutrisionis", 1}, {"@admkes", .6}, {"pengadm", 2}, {"pengkeu", 1}, {"opr", 1}})
	case ukInstalasi:
		return scaled(2.2, instalasi[u.instal].lines)
	case ukKelurahan:
		return []line{{"pengadm", 2}, {"penata", 1}, {"opr", 1}, {"plo", .5}}
	}
	return nil
}

func scaled(f float64, ls []line) []line {
	out := make([]line, len(ls))
	for i, l := range ls {
		out[i] = line{l.key, l.n * f}
	}
	return out
}
