package demo

import "github.com/bkpsdm-sorong/imbang/backend/domain"

// Education codes.
const (
	pSD        domain.Pendidikan = 5
	pSLTP      domain.Pendidikan = 10
	pSLTA      domain.Pendidikan = 15
	pSMK       domain.Pendidikan = 17
	pD3        domain.Pendidikan = 30
	pD4        domain.Pendidikan = 35
	pS1        domain.Pendidikan = 40
	pProfesi   domain.Pendidikan = 42
	pS2        domain.Pendidikan = 45
	pSpesialis domain.Pendidikan = 47
	pS3        domain.Pendidikan = 50
)

// Job categories drive gender, status and education choices.
type category int

const (
	catStruktural category = iota
	catPelaksana
	catGuru
	catNakes
	catTeknis // other functional positions
)

// jabDef is one catalogue entry before it gets an ID.
type jabDef struct {
	key     string
	kode    string
	nama    string
	jenis   domain.JenisJabatan
	jenjang domain.Jenjang
	kelas   int
	minPend domain.Pendidikan
	jurusan []string
	gmin    domain.Golongan
	gmax    domain.Golongan
	cat     category
	family  string  // JF family key
	female  float64 // share of women among holders
}

var (
	majorsGuruSD  = []string{"Pendidikan Guru Sekolah Dasar"}
	majorsGuruTK  = []string{"Pendidikan Guru Pendidikan Anak Usia Dini"}
	majorsGuruSMP = []string{"Pendidikan Matematika", "Pendidikan Bahasa Indonesia", "Pendidikan Bahasa Inggris",
		"Pendidikan Biologi", "Pendidikan Fisika", "Pendidikan Sejarah", "Pendidikan Ekonomi", "Pendidikan Geografi",
		"Pendidikan Pancasila dan Kewarganegaraan", "Pendidikan Seni", "Bimbingan dan Konseling"}
	majorsGuruUmum = []string{"Pendidikan Jasmani", "Pendidikan Agama Kristen", "Pendidikan Agama Islam", "Pendidikan Agama Katolik"}
	majorsKeuangan = []string{"Akuntansi", "Manajemen", "Ekonomi Pembangunan", "Manajemen Keuangan"}
	majorsKomputer = []string{"Teknik Informatika", "Sistem Informasi", "Ilmu Komputer", "Manajemen Informatika"}
	majorsPemerin  = []string{"Ilmu Pemerintahan", "Administrasi Publik", "Hukum"}
)

func concat(xs ...[]string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x...)
	}
	return out
}

// structuralDefs are the managerial positions (legacy eselon golongan
// ranges) and the pelaksana positions (2022+ nomenclature plus a few
// older names still in use).
var structuralDefs = []jabDef{
	{key: "sekda", kode: "S.01", nama: "Sekretaris Daerah", jenis: domain.JabatanJPTPratama, kelas: 15, minPend: pS1, gmin: 43, gmax: 44, female: 0.2},
	{key: "asisten", kode: "S.02", nama: "Asisten Sekretaris Daerah", jenis: domain.JabatanJPTPratama, kelas: 14, minPend: pS1, gmin: 42, gmax: 43, female: 0.25},
	{key: "kadis", kode: "S.03", nama: "Kepala Dinas", jenis: domain.JabatanJPTPratama, kelas: 14, minPend: pS1, gmin: 42, gmax: 43, female: 0.25},
	{key: "kaban", kode: "S.04", nama: "Kepala Badan", jenis: domain.JabatanJPTPratama, kelas: 14, minPend: pS1, gmin: 42, gmax: 43, female: 0.25},
	{key: "inspektur", kode: "S.05", nama: "Inspektur", jenis: domain.JabatanJPTPratama, kelas: 14, minPend: pS1, gmin: 42, gmax: 43, female: 0.25},
	{key: "sekwan", kode: "S.06", nama: "Sekretaris DPRD", jenis: domain.JabatanJPTPratama, kelas: 14, minPend: pS1, gmin: 42, gmax: 43, female: 0.25},
	{key: "direktur", kode: "S.07", nama: "Direktur Rumah Sakit Umum Daerah", jenis: domain.JabatanJPTPratama, kelas: 14, minPend: pProfesi,
		jurusan: []string{"Kedokteran", "Kedokteran Gigi"}, gmin: 42, gmax: 43, female: 0.4},
	{key: "kasatpol", kode: "S.08", nama: "Kepala Satuan Polisi Pamong Praja", jenis: domain.JabatanJPTPratama, kelas: 14, minPend: pS1, gmin: 42, gmax: 43, female: 0.1},
	{key: "kalaksa", kode: "S.09", nama: "Kepala Pelaksana Badan Penanggulangan Bencana Daerah", jenis: domain.JabatanJPTPratama, kelas: 14, minPend: pS1, gmin: 42, gmax: 43, female: 0.15},

	{key: "sekdin", kode: "S.10", nama: "Sekretaris Dinas", jenis: domain.JabatanAdministrator, kelas: 12, minPend: pS1, gmin: 41, gmax: 42, female: 0.35},
	{key: "sekban", kode: "S.11", nama: "Sekretaris Badan", jenis: domain.JabatanAdministrator, kelas: 12, minPend: pS1, gmin: 41, gmax: 42, female: 0.35},
	{key: "sekinsp", kode: "S.12", nama: "Sekretaris Inspektorat", jenis: domain.JabatanAdministrator, kelas: 12, minPend: pS1, gmin: 41, gmax: 42, female: 0.35},
	{key: "seksatpol", kode: "S.13", nama: "Sekretaris Satuan Polisi Pamong Praja", jenis: domain.JabatanAdministrator, kelas: 12, minPend: pS1, gmin: 41, gmax: 42, female: 0.25},
	{key: "irban", kode: "S.14", nama: "Inspektur Pembantu", jenis: domain.JabatanAdministrator, kelas: 12, minPend: pS1, gmin: 41, gmax: 42, female: 0.35},
	{key: "kabag", kode: "S.15", nama: "Kepala Bagian", jenis: domain.JabatanAdministrator, kelas: 11, minPend: pS1, gmin: 41, gmax: 42, female: 0.35},
	{key: "kabid", kode: "S.16", nama: "Kepala Bidang", jenis: domain.JabatanAdministrator, kelas: 11, minPend: pS1, gmin: 34, gmax: 41, female: 0.35},
	{key: "kadistrik", kode: "S.17", nama: "Kepala Distrik", jenis: domain.JabatanAdministrator, kelas: 12, minPend: pS1, gmin: 41, gmax: 42, female: 0.2},
	{key: "sekdistrik", kode: "S.18", nama: "Sekretaris Distrik", jenis: domain.JabatanAdministrator, kelas: 11, minPend: pS1, gmin: 34, gmax: 41, female: 0.3},

	{key: "kasi", kode: "S.19", nama: "Kepala Seksi", jenis: domain.JabatanPengawas, kelas: 9, minPend: pD3, gmin: 33, gmax: 34, female: 0.4},
	{key: "kasubag", kode: "S.20", nama: "Kepala Subbagian", jenis: domain.JabatanPengawas, kelas: 9, minPend: pD3, gmin: 33, gmax: 34, female: 0.5},
	{key: "kasubbid", kode: "S.21", nama: "Kepala Subbidang", jenis: domain.JabatanPengawas, kelas: 9, minPend: pS1, gmin: 33, gmax: 34, female: 0.4},
	{key: "lurah", kode: "S.22", nama: "Lurah", jenis: domain.JabatanPengawas, kelas: 9, minPend: pD3, gmin: 33, gmax: 34, female: 0.3},
	{key: "kapus", kode: "S.23", nama: "Kepala Unit Pelaksana Teknis Daerah Puskesmas", jenis: domain.JabatanPengawas, kelas: 9, minPend: pS1,
		jurusan: []string{"Kedokteran", "Kedokteran Gigi", "Kesehatan Masyarakat", "Keperawatan", "Kebidanan"}, gmin: 33, gmax: 34, female: 0.55},

	{key: "pramubakti", kode: "P.01", nama: "Pramu Bakti", jenis: domain.JabatanPelaksana, kelas: 1, minPend: pSD, gmin: 11, gmax: 24, cat: catPelaksana, female: 0.4},
	{key: "pengemudi", kode: "P.02", nama: "Pengemudi", jenis: domain.JabatanPelaksana, kelas: 3, minPend: pSLTA, gmin: 21, gmax: 32, cat: catPelaksana, female: 0.03},
	{key: "keamanan", kode: "P.03", nama: "Petugas Keamanan", jenis: domain.JabatanPelaksana, kelas: 3, minPend: pSLTA, gmin: 21, gmax: 32, cat: catPelaksana, female: 0.05},
	{key: "opr", kode: "P.04", nama: "Operator Layanan Operasional", jenis: domain.JabatanPelaksana, kelas: 5, minPend: pSLTA, gmin: 21, gmax: 33, cat: catPelaksana, female: 0.45},
	{key: "pengadm", kode: "P.05", nama: "Pengadministrasi Perkantoran", jenis: domain.JabatanPelaksana, kelas: 5, minPend: pSLTA, gmin: 21, gmax: 33, cat: catPelaksana, female: 0.6},
	{key: "pengumum", kode: "P.06", nama: "Pengadministrasi Umum", jenis: domain.JabatanPelaksana, kelas: 5, minPend: pSLTA, gmin: 21, gmax: 33, cat: catPelaksana, female: 0.55},
	{key: "plo", kode: "P.07", nama: "Pengelola Layanan Operasional", jenis: domain.JabatanPelaksana, kelas: 6, minPend: pD3, gmin: 23, gmax: 34, cat: catPelaksana, female: 0.5},
	{key: "penata", kode: "P.08", nama: "Penata Layanan Operasional", jenis: domain.JabatanPelaksana, kelas: 7, minPend: pS1, gmin: 31, gmax: 34, cat: catPelaksana, female: 0.5},
	{key: "pengkeu", kode: "P.09", nama: "Pengelola Keuangan", jenis: domain.JabatanPelaksana, kelas: 7, minPend: pD3, jurusan: majorsKeuangan, gmin: 23, gmax: 34, cat: catPelaksana, female: 0.65},
	{key: "bendahara", kode: "P.10", nama: "Bendahara", jenis: domain.JabatanPelaksana, kelas: 7, minPend: pD3, jurusan: majorsKeuangan, gmin: 23, gmax: 34, cat: catPelaksana, female: 0.7},
	{key: "pengpeg", kode: "P.11", nama: "Pengelola Kepegawaian", jenis: domain.JabatanPelaksana, kelas: 6, minPend: pD3, gmin: 23, gmax: 34, cat: catPelaksana, female: 0.55},
	{key: "pengbmd", kode: "P.12", nama: "Pengelola Barang Milik Daerah", jenis: domain.JabatanPelaksana, kelas: 6, minPend: pD3, gmin: 23, gmax: 34, cat: catPelaksana, female: 0.4},
	{key: "teknisi", kode: "P.13", nama: "Teknisi Sarana dan Prasarana", jenis: domain.JabatanPelaksana, kelas: 6, minPend: pD3,
		jurusan: []string{"Teknik Sipil", "Teknik Mesin", "Teknik Elektro"}, gmin: 23, gmax: 34, cat: catPelaksana, female: 0.1},
	{key: "pengpajak", kode: "P.14", nama: "Pengelola Pajak dan Retribusi Daerah", jenis: domain.JabatanPelaksana, kelas: 6, minPend: pD3, gmin: 23, gmax: 34, cat: catPelaksana, female: 0.5},
	{key: "pengduk", kode: "P.15", nama: "Pengelola Layanan Kependudukan", jenis: domain.JabatanPelaksana, kelas: 6, minPend: pD3, gmin: 23, gmax: 34, cat: catPelaksana, female: 0.55},
}

// jfFamily is a functional position family; each listed level becomes one
// catalogue entry.
type jfFamily struct {
	key      string
	kode     string
	nama     string
	levels   []domain.Jenjang
	weights  []float64 // share of each level among holders
	jurusan  []string
	cat      category
	female   float64
	minKet   domain.Pendidikan // minimum for keterampilan levels (default D-III)
	minAhli  domain.Pendidikan // minimum for keahlian levels (default S-1)
	kelasAdd int               // added to the default kelas of each level
}

const (
	jPem = domain.JenjangPemula
	jTer = domain.JenjangTerampil
	jMah = domain.JenjangMahir
	jPen = domain.JenjangPenyelia
	jAP  = domain.JenjangPertama
	jAM  = domain.JenjangMuda
	jMad = domain.JenjangMadya
)

type lv = []domain.Jenjang
type wt = []float64

var jfFamilies = []jfFamily{
	{key: "guru", kode: "GURU", nama: "Guru", levels: lv{jAP, jAM, jMad}, weights: wt{.38, .34, .28},
		jurusan: concat(majorsGuruSD, majorsGuruTK, majorsGuruSMP, majorsGuruUmum), cat: catGuru, female: 0.66},
	{key: "pengawassekolah", kode: "PWS", nama: "Pengawas Sekolah", levels: lv{jAM, jMad}, weights: wt{.4, .6},
		jurusan: concat(majorsGuruSD, majorsGuruSMP, majorsGuruUmum), cat: catTeknis, female: 0.45},
	{key: "dokter", kode: "DOK", nama: "Dokter", levels: lv{jAP, jAM, jMad}, weights: wt{.5, .33, .17},
		jurusan: []string{"Kedokteran"}, cat: catNakes, female: 0.55, minAhli: pProfesi, kelasAdd: 1},
	{key: "doktergigi", kode: "DRG", nama: "Dokter Gigi", levels: lv{jAP, jAM}, weights: wt{.6, .4},
		jurusan: []string{"Kedokteran Gigi"}, cat: catNakes, female: 0.7, minAhli: pProfesi, kelasAdd: 1},
	{key: "perawat", kode: "PRW", nama: "Perawat", levels: lv{jTer, jMah, jPen, jAP, jAM}, weights: wt{.3, .24, .1, .26, .1},
		jurusan: []string{"Keperawatan"}, cat: catNakes, female: 0.68, minAhli: pProfesi},
	{key: "bidan", kode: "BDN", nama: "Bidan", levels: lv{jTer, jMah, jPen, jAP, jAM}, weights: wt{.36, .26, .1, .2, .08},
		jurusan: []string{"Kebidanan"}, cat: catNakes, female: 1, minAhli: pProfesi},
	{key: "apoteker", kode: "APT", nama: "Apoteker", levels: lv{jAP, jAM}, weights: wt{.7, .3},
		jurusan: []string{"Farmasi"}, cat: catNakes, female: 0.7, minAhli: pProfesi},
	{key: "ttk", kode: "TTK", nama: "Tenaga Teknis Kefarmasian", levels: lv{jTer, jMah}, weights: wt{.6, .4},
		jurusan: []string{"Farmasi"}, cat: catNakes, female: 0.75},
	{key: "plk", kode: "PLK", nama: "Pranata Laboratorium Kesehatan", levels: lv{jTer, jMah, jAP}, weights: wt{.5, .3, .2},
		jurusan: []string{"Analis Kesehatan", "Teknologi Laboratorium Medis"}, cat: catNakes, female: 0.65},
	{key: "sanitarian", kode: "SAN", nama: "Tenaga Sanitasi Lingkungan", levels: lv{jTer, jAP}, weights: wt{.5, .5},
		jurusan: []string{"Kesehatan Lingkungan", "Kesehatan Masyarakat"}, cat: catNakes, female: 0.55},
	{key: "nutrisionis", kode: "NUT", nama: "Nutrisionis", levels: lv{jTer, jAP}, weights: wt{.5, .5},
		jurusan: []string{"Gizi"}, cat: catNakes, female: 0.8},
	{key: "admkes", kode: "AKS", nama: "Administrator Kesehatan", levels: lv{jAP, jAM}, weights: wt{.6, .4},
		jurusan: []string{"Kesehatan Masyarakat", "Administrasi Rumah Sakit"}, cat: catNakes, female: 0.6},
	{key: "radiografer", kode: "RAD", nama: "Radiografer", levels: lv{jTer, jMah}, weights: wt{.7, .3},
		jurusan: []string{"Radiologi"}, cat: catNakes, female: 0.4},
	{key: "anakeb", kode: "AKB", nama: "Analis Kebijakan", levels: lv{jAP, jAM, jMad}, weights: wt{.4, .4, .2}, cat: catTeknis, female: 0.45},
	{key: "prakom", kode: "PRK", nama: "Pranata Komputer", levels: lv{jTer, jAP, jAM}, weights: wt{.3, .5, .2},
		jurusan: majorsKomputer, cat: catTeknis, female: 0.35},
	{key: "auditor", kode: "AUD", nama: "Auditor", levels: lv{jAP, jAM, jMad}, weights: wt{.4, .4, .2},
		jurusan: []string{"Akuntansi", "Manajemen", "Ekonomi Pembangunan", "Hukum", "Teknik Sipil"}, cat: catTeknis, female: 0.5},
	{key: "p2upd", kode: "PPD", nama: "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", levels: lv{jAP, jAM}, weights: wt{.5, .5},
		jurusan: majorsPemerin, cat: catTeknis, female: 0.45},
	{key: "penyuluhtani", kode: "PPT", nama: "Penyuluh Pertanian", levels: lv{jTer, jMah, jAP, jAM}, weights: wt{.3, .2, .35, .15},
		jurusan: []string{"Agribisnis", "Agroteknologi", "Penyuluhan Pertanian", "Peternakan"}, cat: catTeknis, female: 0.35},
	{key: "penyuluhikan", kode: "PPI", nama: "Penyuluh Perikanan", levels: lv{jTer, jAP}, weights: wt{.4, .6},
		jurusan: []string{"Perikanan", "Budidaya Perairan", "Ilmu Kelautan"}, cat: catTeknis, female: 0.3},
	{key: "polpp", kode: "POL", nama: "Polisi Pamong Praja", levels: lv{jPem, jTer, jMah, jPen, jAP}, weights: wt{.15, .45, .25, .1, .05},
		cat: catTeknis, female: 0.2, minKet: pSLTA},
	{key: "damkar", kode: "DMK", nama: "Pemadam Kebakaran", levels: lv{jPem, jTer, jMah, jPen}, weights: wt{.2, .5, .2, .1},
		cat: catTeknis, female: 0.06, minKet: pSLTA},
	{key: "arsiparis", kode: "ARS", nama: "Arsiparis", levels: lv{jTer, jAP, jAM}, weights: wt{.4, .4, .2},
		jurusan: []string{"Kearsipan", "Ilmu Perpustakaan", "Administrasi Perkantoran"}, cat: catTeknis, female: 0.6},
	{key: "pustakawan", kode: "PUS", nama: "Pustakawan", levels: lv{jTer, jAP, jAM}, weights: wt{.4, .4, .2},
		jurusan: []string{"Ilmu Perpustakaan"}, cat: catTeknis, female: 0.65},
	{key: "pbj", kode: "PBJ", nama: "Pengelola Pengadaan Barang/Jasa", levels: lv{jAP, jAM}, weights: wt{.6, .4}, cat: catTeknis, female: 0.4},
	{key: "perencana", kode: "PRC", nama: "Perencana", levels: lv{jAP, jAM, jMad}, weights: wt{.45, .4, .15}, cat: catTeknis, female: 0.45},
	{key: "asdm", kode: "SDM", nama: "Analis Sumber Daya Manusia Aparatur", levels: lv{jAP, jAM, jMad}, weights: wt{.5, .4, .1},
		jurusan: []string{"Administrasi Publik", "Manajemen", "Psikologi", "Hukum", "Ilmu Pemerintahan"}, cat: catTeknis, female: 0.55},
	{key: "pranatasdm", kode: "PSD", nama: "Pranata Sumber Daya Manusia Aparatur", levels: lv{jTer, jMah}, weights: wt{.6, .4}, cat: catTeknis, female: 0.6},
	{key: "akpd", kode: "AKD", nama: "Analis Keuangan Pusat dan Daerah", levels: lv{jAP, jAM, jMad}, weights: wt{.5, .4, .1},
		jurusan: []string{"Akuntansi", "Manajemen", "Ekonomi Pembangunan"}, cat: catTeknis, female: 0.55},
	{key: "tjj", kode: "TJJ", nama: "Teknik Jalan dan Jembatan", levels: lv{jAP, jAM}, weights: wt{.6, .4},
		jurusan: []string{"Teknik Sipil"}, cat: catTeknis, female: 0.2},
	{key: "ttbp", kode: "TBP", nama: "Teknik Tata Bangunan dan Perumahan", levels: lv{jAP, jAM}, weights: wt{.6, .4},
		jurusan: []string{"Teknik Sipil", "Arsitektur", "Perencanaan Wilayah dan Kota"}, cat: catTeknis, female: 0.25},
	{key: "pdl", kode: "PDL", nama: "Pengendali Dampak Lingkungan", levels: lv{jAP, jAM}, weights: wt{.6, .4},
		jurusan: []string{"Teknik Lingkungan", "Ilmu Lingkungan", "Biologi", "Kimia"}, cat: catTeknis, female: 0.45},
	{key: "pkbm", kode: "PKB", nama: "Penguji Kendaraan Bermotor", levels: lv{jTer, jMah, jAP}, weights: wt{.5, .2, .3},
		jurusan: []string{"Teknik Mesin", "Teknik Otomotif"}, cat: catTeknis, female: 0.1},
	{key: "humas", kode: "HMS", nama: "Pranata Hubungan Masyarakat", levels: lv{jAP, jAM}, weights: wt{.6, .4},
		jurusan: []string{"Ilmu Komunikasi", "Hubungan Masyarakat"}, cat: catTeknis, female: 0.55},
	{key: "peksos", kode: "PKS", nama: "Pekerja Sosial", levels: lv{jTer, jAP, jAM}, weights: wt{.3, .5, .2},
		jurusan: []string{"Kesejahteraan Sosial", "Pekerjaan Sosial"}, cat: catTeknis, female: 0.6},
	{key: "penyuluhkb", kode: "PKL", nama: "Penyuluh Keluarga Berencana", levels: lv{jAP, jAM}, weights: wt{.6, .4}, cat: catTeknis, female: 0.7},
	{key: "adbk", kode: "ADB", nama: "Administrator Database Kependudukan", levels: lv{jTer, jAP}, weights: wt{.4, .6},
		jurusan: majorsKomputer, cat: catTeknis, female: 0.4},
	{key: "adyatama", kode: "ADY", nama: "Adyatama Kepariwisataan dan Ekonomi Kreatif", levels: lv{jAP, jAM}, weights: wt{.7, .3},
		jurusan: []string{"Pariwisata", "Manajemen", "Ilmu Komunikasi"}, cat: catTeknis, female: 0.55},
	{key: "mediator", kode: "MHI", nama: "Mediator Hubungan Industrial", levels: lv{jAP, jAM}, weights: wt{.6, .4},
		jurusan: []string{"Hukum"}, cat: catTeknis, female: 0.4},
	{key: "perancang", kode: "PPU", nama: "Perancang Peraturan Perundang-undangan", levels: lv{jAP, jAM}, weights: wt{.5, .5},
		jurusan: []string{"Hukum"}, cat: catTeknis, female: 0.5},
}

var jenjangKode = map[domain.Jenjang]string{
	jPem: "1", jTer: "2", jMah: "3", jPen: "4", jAP: "5", jAM: "6", jMad: "7", domain.JenjangUtama: "8",
}

var jenjangLabel = map[domain.Jenjang]string{
	jPem: "Pemula", jTer: "Terampil", jMah: "Mahir", jPen: "Penyelia", jAP: "Ahli Pertama", jAM: "Ahli Muda",
	jMad: "Ahli Madya", domain.JenjangUtama: "Ahli Utama",
}

var jenjangKelas = map[domain.Jenjang]int{jPem: 5, jTer: 6, jMah: 7, jPen: 8, jAP: 8, jAM: 9, jMad: 11, domain.JenjangUtama: 13}

func keterampilan(j domain.Jenjang) bool { return j == jPem || j == jTer || j == jMah || j == jPen }

// jfKey is the catalogue key of a JF level.
func jfKey(family string, j domain.Jenjang) string { return family + ":" + jenjangKode[j] }

// catalogue expands the definitions into the full list, in a fixed order.
func catalogue() []jabDef {
	out := append([]jabDef(nil), structuralDefs...)
	for _, f := range jfFamilies {
		for _, l := range f.levels {
			min := f.minAhli
			if min == 0 {
				min = pS1
			}
			if keterampilan(l) {
				min = f.minKet
				if min == 0 {
					min = pD3
				}
			}
			out = append(out, jabDef{
				key: jfKey(f.key, l), kode: "F." + f.kode + "." + jenjangKode[l], nama: f.nama + " " + jenjangLabel[l],
				jenis: domain.JabatanFungsional, jenjang: l, kelas: jenjangKelas[l] + f.kelasAdd, minPend: min,
				jurusan: f.jurusan, cat: f.cat, family: f.key, female: f.female,
			})
		}
	}
	return out
}
