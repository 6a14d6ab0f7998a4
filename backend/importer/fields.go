package importer

import (
	"strings"
	"unicode"
)

// Field is one value an import reads from a column.
type Field struct {
	Key      string `json:"key"`
	Label    string `json:"label"`   // the template's header, Indonesian
	LabelEN  string `json:"labelEn"` // English
	Required bool   `json:"required"`
	Hint     string `json:"hint"` // accepted forms, Indonesian
}

// synonyms are the header spellings each field is recognised by, compared
// after normalize (lower case, letters and digits only).
var synonyms = map[string][]string{
	"nip":           {"nip", "nipbaru", "nipnipppk", "nipppk", "nomorindukpegawai", "nomorinduk"},
	"nama":          {"nama", "namapegawai", "namalengkap", "namatanpagelar", "name"},
	"gelarDepan":    {"gelardepan", "glrdepan", "gelar depan"},
	"gelarBelakang": {"gelarbelakang", "glrbelakang"},
	"jenisKelamin":  {"jk", "jeniskelamin", "kelamin", "lp", "gender", "sex"},
	"tempatLahir":   {"tempatlahir", "tmptlahir", "tmplahir"},
	"tanggalLahir":  {"tanggallahir", "tgllahir", "tgllhr", "tanggallhr", "lahir", "birthdate", "dateofbirth"},
	"status":        {"status", "statusasn", "statuspegawai", "statuskepegawaian", "jenispegawai"},
	"golongan":      {"golongan", "gol", "golru", "golonganruang", "pangkatgolongan", "golpppk", "golonganpppk"},
	"pendidikan":    {"pendidikan", "tingkatpendidikan", "pendidikanterakhir", "pend", "tkpendidikan", "jenjangpendidikan"},
	"jurusan":       {"jurusan", "programstudi", "prodi", "jurusanpendidikan"},
	"opdKode":       {"kodeopd", "opdkode", "kdopd", "opd"},
	"unitKode":      {"kodeunit", "unitkode", "kdunit", "kodeunitkerja", "kodeunor", "unit", "unitkerja"},
	"jabatanKode":   {"kodejabatan", "jabatankode", "kdjabatan", "kodejab"},
	"tmtJabatan":    {"tmtjabatan", "tmtjab"},
	"tmtCpns":       {"tmtcpns"},
	"tmtPns":        {"tmtpns"},
	"uraian":        {"uraiantugas", "uraian", "tugas", "kegiatan", "uraiankegiatan"},
	"satuanHasil":   {"satuanhasil", "satuan", "hasilkerja", "output"},
	"volume":        {"volume", "volumekerja", "bebankerja", "jumlah"},
	"periode":       {"periode", "period", "satuanwaktu"},
	"normaMenit":    {"normawaktumenit", "normawaktu", "norma", "normamenit", "waktupenyelesaian", "waktupenyelesaianmenit"},
}

var pegawaiFields = []Field{
	{Key: "nip", Label: "NIP", LabelEN: "NIP", Required: true, Hint: "18 digit; spasi boleh. Format kolom sebagai Teks."},
	{Key: "nama", Label: "Nama", LabelEN: "Name", Required: true, Hint: "tanpa gelar"},
	{Key: "gelarDepan", Label: "Gelar Depan", LabelEN: "Title"},
	{Key: "gelarBelakang", Label: "Gelar Belakang", LabelEN: "Degree"},
	{Key: "jenisKelamin", Label: "Jenis Kelamin", LabelEN: "Gender", Required: true, Hint: "L/P, 1/2, Laki-laki/Perempuan"},
	{Key: "tempatLahir", Label: "Tempat Lahir", LabelEN: "Place of birth"},
	{Key: "tanggalLahir", Label: "Tanggal Lahir", LabelEN: "Birth date", Required: true, Hint: "YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY atau tanggal Excel"},
	{Key: "status", Label: "Status", LabelEN: "Status", Required: true, Hint: "PNS, CPNS atau PPPK"},
	{Key: "golongan", Label: "Golongan", LabelEN: "Grade", Required: true, Hint: "III/a atau kode 31; PPPK: IX atau 9"},
	{Key: "pendidikan", Label: "Pendidikan", LabelEN: "Education", Required: true, Hint: "S-1, S1 atau kode 40"},
	{Key: "jurusan", Label: "Jurusan", LabelEN: "Major"},
	{Key: "opdKode", Label: "Kode OPD", LabelEN: "OPD code", Required: true},
	{Key: "unitKode", Label: "Kode Unit", LabelEN: "Unit code", Required: true, Hint: "kode unit di dalam OPD tersebut"},
	{Key: "jabatanKode", Label: "Kode Jabatan", LabelEN: "Position code", Required: true},
	{Key: "tmtJabatan", Label: "TMT Jabatan", LabelEN: "TMT position", Required: true, Hint: "tanggal"},
	{Key: "tmtCpns", Label: "TMT CPNS", LabelEN: "TMT CPNS", Hint: "tanggal; kosong = bulan pada NIP"},
	{Key: "tmtPns", Label: "TMT PNS", LabelEN: "TMT PNS", Hint: "tanggal; wajib untuk PNS"},
}

var abkFields = []Field{
	{Key: "opdKode", Label: "Kode OPD", LabelEN: "OPD code", Required: true},
	{Key: "unitKode", Label: "Kode Unit", LabelEN: "Unit code", Required: true},
	{Key: "jabatanKode", Label: "Kode Jabatan", LabelEN: "Position code", Required: true},
	{Key: "uraian", Label: "Uraian Tugas", LabelEN: "Task", Required: true},
	{Key: "satuanHasil", Label: "Satuan Hasil", LabelEN: "Output unit"},
	{Key: "volume", Label: "Volume", LabelEN: "Volume", Required: true, Hint: "angka > 0; koma atau titik desimal"},
	{Key: "periode", Label: "Periode", LabelEN: "Period", Required: true, Hint: "TAHUN, BULAN, MINGGU atau HARI"},
	{Key: "normaMenit", Label: "Norma Waktu (menit)", LabelEN: "Time norm (minutes)", Required: true, Hint: "menit per satuan hasil"},
}

// Fields lists the fields of a kind in template order.
func Fields(k Kind) []Field {
	if k == KindABK {
		return abkFields
	}
	return pegawaiFields
}

// normalize keeps letters and digits, lower case: "Tgl. Lahir" → "tgllahir".
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Suggest maps each field to the column whose header names it: an exact
// synonym first, then a header that starts with a synonym (e.g. "Norma
// Waktu (menit)"). Each column is used once.
func Suggest(k Kind, headers []string) map[string]int {
	norm := make([]string, len(headers))
	for i, h := range headers {
		norm[i] = normalize(h)
	}
	out := map[string]int{}
	used := map[int]bool{}
	fields := Fields(k)
	for pass := 0; pass < 2; pass++ {
		for _, f := range fields {
			if _, ok := out[f.Key]; ok {
				continue
			}
			for _, syn := range synonyms[f.Key] {
				syn = normalize(syn)
				found := -1
				for i, h := range norm {
					if used[i] || h == "" {
						continue
					}
					if h == syn || (pass == 1 && len(syn) >= 4 && strings.HasPrefix(h, syn)) {
						found = i
						break
					}
				}
				if found >= 0 {
					out[f.Key] = found
					used[found] = true
					break
				}
			}
		}
	}
	return out
}
