package rules

import (
	"slices"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

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

// Col is a column: its name, the schema version that introduced it, and
// the rule its values must satisfy.
type Col struct {
	Name  string
	Since int
	Rule  ValueRule
}

// Table declares one synced table.
type Table struct {
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
	// Index lists columns kept in the server's secondary index (Lookup).
	Index []string
	// InsertOnly tables accept only inserts (workflow events).
	InsertOnly bool

	byName   map[string]*Col
	names    []string
	maxSince int
}

// Known reports whether col is a declared column.
func (t *Table) Known(col string) bool { _, ok := t.byName[col]; return ok }

// Column returns the declaration of col, or nil.
func (t *Table) Column(col string) *Col { return t.byName[col] }

// ColNames lists the columns (without id) in declaration order.
func (t *Table) ColNames() []string { return t.names }

// MaxSince is the newest schema version among the columns.
func (t *Table) MaxSince() int { return t.maxSince }

// GroupOf returns the merge group name of a column ("" if none).
func (t *Table) GroupOf(col string) string {
	for g, cs := range t.Groups {
		if slices.Contains(cs, col) {
			return g
		}
	}
	return ""
}

// IsGuarded reports whether concurrent writes of col open a conflict.
func (t *Table) IsGuarded(col string) bool { return slices.Contains(t.Guarded, col) }

// Limits that are not domain fields (docs/sync-protocol.md, "Validation").
const (
	MaxShortText = 200      // names, codes, places, file names
	MaxNote      = 2000     // notes and reasons (catatan, keterangan, uraian)
	MaxJSON      = 64 << 10 // JSON documents stored as text (request data, event payloads, answers)
	MaxHash      = 512      // an encoded password hash
)

// The sections of an employee's record a data-error report concerns, and the
// report's states (portal_laporan).
var (
	LaporanBagian = []string{"PROFIL", "RIWAYAT_JABATAN", "SKP", "PENDIDIKAN", "PANGKAT", "LAINNYA"}
	LaporanStatus = []string{"BARU", "SELESAI", "DITOLAK"}
)

// TableBezetting is the server-derived aggregate staffing table.
const TableBezetting = "bezetting_agregat"

func c(name string, r ValueRule) Col  { return Col{Name: name, Since: 1, Rule: r} }
func c2(name string, r ValueRule) Col { return Col{Name: name, Since: 2, Rule: r} }
func c3(name string, r ValueRule) Col { return Col{Name: name, Since: 3, Rule: r} }

// Tables are the synced tables, parents before children.
var Tables = []*Table{
	{Name: "pemda", Rule: ScopeRegion, Cols: []Col{
		c("kode", Text(20).Required()), c("nama", Text(MaxShortText).Required()), c("demo", Bool())}},
	{Name: "opd", Rule: ScopeRegion, Index: []string{"kode"}, Cols: []Col{
		c("pemda_id", Ref("pemda").Required()), c("kode", Text(domain.MaxKodeOPD).Required()), c("nama", Text(domain.MaxNamaOPD).Required()),
		c("singkatan", Text(domain.MaxSingkatanOPD)), c("jenis", Enum(jenisOPD()...).Required()), c("alamat", Text(MaxShortText))}},
	{Name: "unit", Rule: ScopeRegionOPDWrite, OPDCol: "opd_id", Cols: []Col{
		c("opd_id", Ref("opd").Required()), c("parent_id", Ref("unit")), c("kode", Text(domain.MaxKodeUnit).Required()),
		c("nama", Text(domain.MaxNamaUnit).Required())}},
	{Name: "jabatan", Rule: ScopeRegion, Cols: []Col{
		c("kode", Text(40).Required()), c("nama", Text(domain.MaxNamaJabatan).Required()), c("jenis", Enum(jenisJabatan()...).Required()),
		c("jenjang", Enum(jenjang()...)), c("kelas", Int(1, 17).Required()), c("min_pendidikan", PendidikanRule().Required()),
		c("jurusan", JSON(MaxShortText*20)), c("golongan_min", GolonganRule()), c("golongan_max", GolonganRule()), c("bup", Int(50, 70).Required())}},
	{Name: "pegawai", Rule: ScopeOPD, OPDCol: "opd_id", Index: []string{"nip"},
		Guarded: []string{"nip", "status", "opd_id", "unit_id", "jabatan_id", "tmt_jabatan", "golongan", "keluar_pada", "instansi_tujuan"},
		Groups:  map[string][]string{"placement": {"opd_id", "unit_id", "jabatan_id", "tmt_jabatan"}},
		Cols: []Col{
			c("nip", NIPRule().Required()), c("nama", Text(domain.MaxNamaPegawai).Required()), c("gelar_depan", Text(domain.MaxGelarDepan)),
			c("gelar_belakang", Text(domain.MaxGelarBelakang)), c("jenis_kelamin", Enum(string(domain.GenderLaki), string(domain.GenderPerempuan)).Required()),
			c("tempat_lahir", Text(MaxShortText)), c("tanggal_lahir", Date().Required()),
			c("status", Enum(string(domain.StatusPNS), string(domain.StatusCPNS), string(domain.StatusPPPK)).Required()),
			c("golongan", GolonganRule()), c("golongan_pppk", GolonganPPPKRule()), c("pendidikan", PendidikanRule().Required()),
			c("jurusan", Text(MaxShortText)), c("opd_id", Ref("opd").Required()), c("unit_id", Ref("unit").Required()),
			c("jabatan_id", Ref("jabatan").Required()), c("tmt_jabatan", Date().Required()), c("tmt_cpns", Date()), c("tmt_pns", Date()),
			c2("keluar_pada", Date()), c2("instansi_tujuan", Text(domain.MaxInstansiTujuan))}},
	{Name: "riwayat_jabatan", Rule: ScopeViaParent, Parent: "pegawai_id", ParentTable: "pegawai", Index: []string{"pegawai_id"}, Cols: []Col{
		c("pegawai_id", Ref("pegawai").Required()), c("opd_id", Ref("opd").Required()), c("unit_id", Ref("unit").Required()),
		c("jabatan_id", Ref("jabatan").Required()), c("tmt", Date().Required()), c("tanggal_selesai", Date()), c("nomor_sk", Text(100)),
		c("keterangan", Text(MaxNote))}},
	{Name: "skp", Rule: ScopeViaParent, Parent: "pegawai_id", ParentTable: "pegawai", Index: []string{"pegawai_id"}, Cols: []Col{
		c("pegawai_id", Ref("pegawai").Required()), c("tahun", Int(1950, 2200).Required()), c("predikat", Enum(predikat()...).Required())}},
	{Name: "hukdis", Rule: ScopeViaParent, Parent: "pegawai_id", ParentTable: "pegawai", Index: []string{"pegawai_id"}, Cols: []Col{
		c("pegawai_id", Ref("pegawai").Required()), c("tingkat", Enum(string(domain.HukdisRingan), string(domain.HukdisSedang), string(domain.HukdisBerat)).Required()),
		c("jenis", Text(MaxShortText)), c("nomor_sk", Text(100)), c("tmt", Date().Required()), c("tanggal_selesai", Date()), c("keterangan", Text(MaxNote))}},
	{Name: "setting", Rule: ScopeRegion, Index: []string{"kunci"}, Cols: []Col{c("kunci", Text(100).Required()), c("nilai", Text(MaxJSON))}},
	{Name: "abk", Rule: ScopeRegion, Cols: []Col{
		c("tahun", Int(1950, 2200).Required()), c("status", Enum("DRAFT", "FINAL").Required()), c("catatan", Text(MaxNote)), c("difinalkan_pada", Time())}},
	{Name: "abk_tugas", Rule: ScopeRegionOPDWrite, Parent: "unit_id", ParentTable: "unit", Cols: []Col{
		c("abk_id", Ref("abk").Required()), c("unit_id", Ref("unit").Required()), c("jabatan_id", Ref("jabatan").Required()),
		c("urutan", Int(0, 1_000_000)), c("uraian", Text(MaxNote).Required()), c("satuan_hasil", Text(MaxShortText)),
		c("volume", Real(0, 1e9).Required()), c("periode", Enum("TAHUN", "BULAN", "MINGGU", "HARI").Required()), c("norma_menit", Real(0, 1e6).Required())}},
	{Name: "mutasi_usulan", Rule: ScopeUsulan, Parent: "pegawai_id", ParentTable: "pegawai", Guarded: []string{"pegawai_id", "jenis"}, Index: []string{"pegawai_id"},
		Cols: []Col{
			c("nomor", Text(60).Required()), c("pegawai_id", Ref("pegawai").Required()), c("jenis", Enum(jenisMutasi()...).Required()),
			c("aps", Bool()), c("data", JSON(MaxJSON).Required()), c("dibuat_oleh", Text(MaxShortText)), c("dibuat_pada", Time())}},
	{Name: "mutasi_event", Rule: ScopeViaParent, Parent: "usulan_id", ParentTable: "mutasi_usulan", Index: []string{"usulan_id"}, InsertOnly: true,
		Cols: []Col{
			c("usulan_id", Ref("mutasi_usulan").Required()), c("seq", Int(0, 1_000_000).Required()), c("kind", Enum(eventKinds()...).Required()),
			c("aktor", JSON(4<<10).Required()), c("waktu", Time().Required()), c("catatan", Text(MaxNote)), c("payload", JSON(MaxJSON))}},
	{Name: "dokumen_lampiran", Rule: ScopeViaParent, Parent: "usulan_id", ParentTable: "mutasi_usulan", Index: []string{"usulan_id", "sha256"}, Cols: []Col{
		c("usulan_id", Ref("mutasi_usulan").Required()), c("jenis", Text(40).Required()), c("nama_berkas", Text(MaxShortText).Required()),
		c("sha256", SHA256().Required()), c("ukuran", Int(0, 1<<40)), c("mime", Text(100).Required()),
		c("status", Enum("BELUM_DIPERIKSA", "SESUAI", "TIDAK_SESUAI")), c("catatan", Text(MaxNote)), c("diunggah_oleh", Text(MaxShortText)),
		c("diunggah_pada", Time())}},
	{Name: "evaluasi_pertanyaan", Rule: ScopeRegion, Cols: []Col{
		c("kode", Text(40).Required()), c("untuk", Enum("PEGAWAI", "ATASAN").Required()), c("teks", Text(MaxNote).Required()), c("teks_en", Text(MaxNote)),
		c("jenis", Enum("LIKERT", "TEKS").Required()), c("urutan", Int(0, 1_000_000)), c("aktif", Bool())}},
	{Name: "evaluasi", Rule: ScopeViaParent, Parent: "usulan_id", ParentTable: "mutasi_usulan", Index: []string{"usulan_id"}, Cols: []Col{
		c("usulan_id", Ref("mutasi_usulan").Required()), c("bulan", IntIn(6, 12).Required()), c("responden", Enum("PEGAWAI", "ATASAN").Required()),
		c("jatuh_tempo", Date().Required()), c("jawaban", JSON(MaxJSON)), c("diisi_pada", Time()), c("diisi_oleh", Text(MaxShortText))}},
	// Accounts: an OPD's users travel to that OPD's devices only; BKPSDM
	// users (no OPD) to BKPSDM devices only (docs/accounts.md).
	{Name: "pengguna", Rule: ScopeOPD, OPDCol: "opd_id", Guarded: []string{"role", "opd_id", "aktif"}, Index: []string{"username"}, Cols: []Col{
		c2("username", Username().Required()), c2("nama", Text(domain.MaxNamaPegawai).Required()), c2("role", Enum(roles()...).Required()),
		c2("opd_id", Ref("opd")), c2("pegawai_id", Ref("pegawai")), c2("password_hash", PasswordHash()), c2("aktif", Bool()), c2("harus_ganti", Bool())}},
	// Portal Pegawai (docs/portal.md): activation letters issued on a desktop
	// (the code's salted hash only), and an employee's data-error reports and
	// interests written through the portal. Schema 3: older devices never see them.
	{Name: "portal_aktivasi", Rule: ScopeViaParent, Parent: "pegawai_id", ParentTable: "pegawai", Index: []string{"pegawai_id"}, Cols: []Col{
		c3("pegawai_id", Ref("pegawai").Required()), c3("kode_hash", SHA256().Required()), c3("kedaluwarsa", Time().Required()),
		c3("dibuat_oleh", Text(MaxShortText)), c3("dibuat_pada", Time().Required()), c3("dicabut", Bool())}},
	{Name: "portal_laporan", Rule: ScopeViaParent, Parent: "pegawai_id", ParentTable: "pegawai", Index: []string{"pegawai_id"}, Cols: []Col{
		c3("pegawai_id", Ref("pegawai").Required()), c3("bagian", Enum(LaporanBagian...).Required()), c3("uraian", Text(MaxNote).Required()),
		c3("status", Enum(LaporanStatus...).Required()), c3("tanggapan", Text(MaxNote)), c3("dibuat_pada", Time().Required()),
		c3("ditangani_oleh", Text(MaxShortText)), c3("ditangani_pada", Time())}},
	{Name: "portal_minat", Rule: ScopeViaParent, Parent: "pegawai_id", ParentTable: "pegawai", Index: []string{"pegawai_id"}, Cols: []Col{
		c3("pegawai_id", Ref("pegawai").Required()), c3("opd_id", Ref("opd")), c3("jabatan_id", Ref("jabatan")),
		c3("jenis_jabatan", Enum(jenisJabatan()...)), c3("catatan", Text(MaxNote)), c3("aktif", Bool()), c3("dibuat_pada", Time().Required())}},
	{Name: TableBezetting, Rule: ScopeDerived, Cols: []Col{
		c("opd_id", Ref("opd")), c("unit_id", Ref("unit")), c("jabatan_id", Ref("jabatan")), c("jumlah", Int(-1_000_000, 1_000_000))}},
}

var byName = func() map[string]*Table {
	m := map[string]*Table{}
	for _, t := range Tables {
		m[t.Name] = t
		t.byName = map[string]*Col{}
		for i := range t.Cols {
			col := &t.Cols[i]
			t.byName[col.Name] = col
			t.names = append(t.names, col.Name)
			t.maxSince = max(t.maxSince, col.Since)
		}
	}
	return m
}()

// ByName returns the declaration of a synced table, or nil.
func ByName(name string) *Table { return byName[name] }

// Children lists the tables whose read scope follows a row of table parent.
func Children(parent string) []*Table {
	var out []*Table
	for _, t := range Tables {
		if t.ParentTable == parent && t.Rule != ScopeRegionOPDWrite {
			out = append(out, t)
		}
	}
	return out
}
