package server

// The server's declaration of the synced tables: columns (with the schema
// version that introduced them), who may write them, how their read scope is
// derived, guarded columns and merge groups.

// ScopeRule says how a table's rows are scoped and authorised.
type ScopeRule int

const (
	// ScopeRegion: readable by every device, written by BKPSDM only.
	ScopeRegion ScopeRule = iota
	// ScopeRegionOPDWrite: readable by every device; BKPSDM writes, and an
	// OPD device writes rows of its own OPD (via OPDCol or Parent).
	ScopeRegionOPDWrite
	// ScopeOPD: readable and writable by the devices of the row's OPD (via
	// OPDCol or Parent).
	ScopeOPD
	// ScopeUsulan: a transfer request: source and target OPDs.
	ScopeUsulan
	// ScopeViaParent: the scope of the parent row (Parent).
	ScopeViaParent
	// ScopeDerived: server-derived rows nobody writes (bezetting_agregat).
	ScopeDerived
)

// Col is a column and the schema version that introduced it.
type Col struct {
	Name  string
	Since int
}

// TableDef declares one synced table.
type TableDef struct {
	Name string
	Cols []Col
	Rule ScopeRule
	// OPDCol names the column holding the row's OPD id (ScopeOPD, ScopeRegionOPDWrite).
	OPDCol string
	// Parent names the column referring to the row whose scope this row takes
	// and ParentTable that row's table.
	Parent, ParentTable string
	// Guarded columns open a conflict when written concurrently.
	Guarded []string
	// Groups are merge groups: columns sharing one stamp, winning or losing together.
	Groups map[string][]string
	// Index lists columns kept in the store's secondary index (Lookup).
	Index []string
	// InsertOnly tables accept only inserts (workflow events).
	InsertOnly bool

	known    map[string]bool // declared columns
	maxSince int             // newest schema version among the columns
}

func cols(since int, names ...string) []Col {
	out := make([]Col, len(names))
	for i, n := range names {
		out[i] = Col{n, since}
	}
	return out
}

// TableBezetting is the server-derived aggregate staffing table.
const TableBezetting = "bezetting_agregat"

// Tables are the synced tables, parents before children.
var Tables = []*TableDef{
	{Name: "pemda", Cols: cols(1, "kode", "nama", "demo"), Rule: ScopeRegion},
	{Name: "opd", Cols: cols(1, "pemda_id", "kode", "nama", "singkatan", "jenis", "alamat"), Rule: ScopeRegion, Index: []string{"kode"}},
	{Name: "unit", Cols: cols(1, "opd_id", "parent_id", "kode", "nama"), Rule: ScopeRegionOPDWrite, OPDCol: "opd_id"},
	{Name: "jabatan", Cols: cols(1, "kode", "nama", "jenis", "jenjang", "kelas", "min_pendidikan", "jurusan", "golongan_min", "golongan_max", "bup"), Rule: ScopeRegion},
	{Name: "pegawai", Cols: append(cols(1, "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir", "tanggal_lahir",
		"status", "golongan", "golongan_pppk", "pendidikan", "jurusan", "opd_id", "unit_id", "jabatan_id", "tmt_jabatan", "tmt_cpns", "tmt_pns"),
		cols(2, "keluar_pada", "instansi_tujuan")...),
		Rule: ScopeOPD, OPDCol: "opd_id",
		Guarded: []string{"nip", "status", "opd_id", "unit_id", "jabatan_id", "tmt_jabatan", "golongan", "keluar_pada", "instansi_tujuan"},
		Groups:  map[string][]string{"placement": {"opd_id", "unit_id", "jabatan_id", "tmt_jabatan"}},
		Index:   []string{"nip"}},
	{Name: "riwayat_jabatan", Cols: cols(1, "pegawai_id", "opd_id", "unit_id", "jabatan_id", "tmt", "tanggal_selesai", "nomor_sk", "keterangan"),
		Rule: ScopeViaParent, Parent: "pegawai_id", ParentTable: "pegawai", Index: []string{"pegawai_id"}},
	{Name: "skp", Cols: cols(1, "pegawai_id", "tahun", "predikat"), Rule: ScopeViaParent, Parent: "pegawai_id", ParentTable: "pegawai", Index: []string{"pegawai_id"}},
	{Name: "hukdis", Cols: cols(1, "pegawai_id", "tingkat", "jenis", "nomor_sk", "tmt", "tanggal_selesai", "keterangan"),
		Rule: ScopeViaParent, Parent: "pegawai_id", ParentTable: "pegawai", Index: []string{"pegawai_id"}},
	{Name: "setting", Cols: cols(1, "kunci", "nilai"), Rule: ScopeRegion},
	{Name: "abk", Cols: cols(1, "tahun", "status", "catatan", "difinalkan_pada"), Rule: ScopeRegion},
	{Name: "abk_tugas", Cols: cols(1, "abk_id", "unit_id", "jabatan_id", "urutan", "uraian", "satuan_hasil", "volume", "periode", "norma_menit"),
		Rule: ScopeRegionOPDWrite, Parent: "unit_id", ParentTable: "unit"},
	{Name: "mutasi_usulan", Cols: cols(1, "nomor", "pegawai_id", "jenis", "aps", "data", "dibuat_oleh", "dibuat_pada"),
		Rule: ScopeUsulan, Parent: "pegawai_id", ParentTable: "pegawai", Guarded: []string{"pegawai_id", "jenis"}, Index: []string{"pegawai_id"}},
	{Name: "mutasi_event", Cols: cols(1, "usulan_id", "seq", "kind", "aktor", "waktu", "catatan", "payload"),
		Rule: ScopeViaParent, Parent: "usulan_id", ParentTable: "mutasi_usulan", Index: []string{"usulan_id"}, InsertOnly: true},
	{Name: "dokumen_lampiran", Cols: cols(1, "usulan_id", "jenis", "nama_berkas", "sha256", "ukuran", "mime", "status", "catatan", "diunggah_oleh", "diunggah_pada"),
		Rule: ScopeViaParent, Parent: "usulan_id", ParentTable: "mutasi_usulan", Index: []string{"usulan_id"}},
	{Name: "evaluasi_pertanyaan", Cols: cols(1, "kode", "untuk", "teks", "teks_en", "jenis", "urutan", "aktif"), Rule: ScopeRegion},
	{Name: "evaluasi", Cols: cols(1, "usulan_id", "bulan", "responden", "jatuh_tempo", "jawaban", "diisi_pada", "diisi_oleh"),
		Rule: ScopeViaParent, Parent: "usulan_id", ParentTable: "mutasi_usulan", Index: []string{"usulan_id"}},
	// Accounts (issue 8): an OPD's users travel to that OPD's devices only;
	// BKPSDM users (no OPD) to BKPSDM devices only.
	{Name: "pengguna", Cols: cols(2, "username", "nama", "role", "opd_id", "pegawai_id", "password_hash", "aktif", "harus_ganti"),
		Rule: ScopeOPD, OPDCol: "opd_id", Guarded: []string{"role", "opd_id", "aktif"}, Index: []string{"username"}},
	{Name: TableBezetting, Cols: cols(1, "opd_id", "unit_id", "jabatan_id", "jumlah"), Rule: ScopeDerived},
}

var tableByName = func() map[string]*TableDef {
	m := map[string]*TableDef{}
	for _, t := range Tables {
		m[t.Name] = t
		t.known = map[string]bool{}
		for _, c := range t.Cols {
			t.known[c.Name] = true
			t.maxSince = max(t.maxSince, c.Since)
		}
	}
	return m
}()

// Table returns the declaration of a synced table, or nil.
func Table(name string) *TableDef { return tableByName[name] }

// groupOf returns the merge group name of a column ("" if none).
func (t *TableDef) groupOf(col string) string {
	for g, cs := range t.Groups {
		for _, c := range cs {
			if c == col {
				return g
			}
		}
	}
	return ""
}

func (t *TableDef) guarded(col string) bool {
	for _, c := range t.Guarded {
		if c == col {
			return true
		}
	}
	return false
}

// children lists the tables whose scope follows a row of table parent.
func children(parent string) []*TableDef {
	var out []*TableDef
	for _, t := range Tables {
		if t.ParentTable == parent && t.Rule != ScopeRegionOPDWrite {
			out = append(out, t)
		}
	}
	return out
}
