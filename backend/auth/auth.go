// Package auth holds the pure rules of accounts: the permission matrix that
// says which role (domain.Role, shared with the workflow) may do what, the
// password policy, argon2id password hashes (an encoded string carrying its
// parameters and salt, compared in constant time), and the lockout and idle-lock policy. It touches no database: the
// account service (backend/authsvc) and the App facade use it.
package auth

import (
	"slices"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// Perm is one permission: a group of operations a role may or may not run.
type Perm string

// The permissions. PermOpen needs no session at all; PermSession needs any
// logged-in, unlocked user; the rest are granted per role by Matrix.
const (
	PermOpen    Perm = "TERBUKA"   // no session needed (status, first run, login, UI log)
	PermSession Perm = "SESI"      // any logged-in user: own session, password change
	PermBaca    Perm = "BACA"      // read aggregates, organisation, ABK, rules, requests
	PermPegawai Perm = "PEGAWAI"   // read personal employee data (lists, details, exports)
	PermPribadi Perm = "PRIBADI"   // see personal fields: birth date/place, address, family
	PermUbahPeg Perm = "UBAH_PEG"  // create, edit, delete employees
	PermOrg     Perm = "UBAH_ORG"  // OPD, unit and jabatan catalogue
	PermABK     Perm = "UBAH_ABK"  // ABK drafts, tasks, finalisation, ABK constants
	PermAturan  Perm = "ATURAN"    // rule parameters and other settings
	PermImpor   Perm = "IMPOR"     // import files
	PermUsul    Perm = "USUL"      // create and edit transfer requests
	PermPutus   Perm = "PUTUS"     // make workflow decisions (the state machine checks finer)
	PermDokumen Perm = "DOKUMEN"   // attach and remove request documents
	PermVerDok  Perm = "DOK_VERIF" // verify documents
	PermEval    Perm = "EVALUASI"  // fill in post-transfer evaluations
	PermEkspor  Perm = "EKSPOR"    // write files (exports, generated PDFs)
	PermAkun    Perm = "AKUN"      // manage users and account settings
	PermBundel  Perm = "BUNDEL"    // carry sync bundles: export this device's pending changes, import the server's data
	PermPortal  Perm = "PORTAL"    // Portal Pegawai: issue activation letters, handle data-error reports
	// PermMandiri is the employee's self-service through the portal: their
	// own APS request, its documents and events, their data-error reports,
	// interests and feedback (sync/rules decides which rows are their own).
	PermMandiri Perm = "MANDIRI"
	// The planner works on the whole region (names and NIPs of every OPD), so
	// it is BKPSDM's: reading results, and running plans and scenarios.
	PermRencanaLihat Perm = "RENCANA_LIHAT" // read plan runs, explanations, comparisons
	PermRencana      Perm = "RENCANA"       // run plans and scenarios, accept/reject lines, make drafts
)

// Perms lists every permission granted per role (not Open/Session).
var Perms = []Perm{PermBaca, PermPegawai, PermPribadi, PermUbahPeg, PermOrg, PermABK, PermAturan, PermImpor,
	PermUsul, PermPutus, PermDokumen, PermVerDok, PermEval, PermEkspor, PermAkun, PermRencanaLihat, PermRencana, PermBundel, PermPortal, PermMandiri}

// Matrix is the permission matrix: role → permissions. Pimpinan reads
// everything and decides nothing.
var Matrix = map[domain.Role][]Perm{
	// Import is the admin's: an import file is not limited to one OPD.
	domain.RoleOperatorOPD: {PermBaca, PermPegawai, PermPribadi, PermUbahPeg, PermUsul, PermPutus, PermDokumen, PermEval, PermEkspor, PermBundel, PermPortal},
	domain.RoleKepalaOPD:   {PermBaca, PermPegawai, PermPribadi, PermUsul, PermPutus, PermDokumen, PermEval, PermEkspor, PermBundel},
	domain.RoleVerifikator: {PermBaca, PermPegawai, PermPribadi, PermPutus, PermDokumen, PermVerDok, PermEkspor, PermRencanaLihat, PermRencana, PermBundel},
	domain.RoleTPK:         {PermBaca, PermPegawai, PermPutus, PermEkspor, PermRencanaLihat},
	domain.RoleAdmin: {PermBaca, PermPegawai, PermPribadi, PermUbahPeg, PermOrg, PermABK, PermAturan, PermImpor, PermUsul,
		PermPutus, PermDokumen, PermVerDok, PermEval, PermEkspor, PermAkun, PermRencanaLihat, PermRencana, PermBundel, PermPortal},
	domain.RolePimpinan: {PermBaca, PermPegawai, PermEkspor, PermRencanaLihat},
	// The portal's employee: self-service only, never another person's data.
	domain.RolePegawai: {PermMandiri},
}

// Allowed reports whether role has perm. Open is allowed to anyone, Session
// to every valid role.
func Allowed(role domain.Role, perm Perm) bool {
	switch perm {
	case PermOpen:
		return true
	case PermSession:
		return role.Valid()
	}
	return slices.Contains(Matrix[role], perm)
}

// OPDBound reports whether the role sees only its own OPD's personal data.
func OPDBound(role domain.Role) bool { return role.OPDBound() }

// Action is what a refused user tried to do, in words ("membuat ABK baru"):
// a refusal names it, never an internal method name.
type Action struct{ ID, EN string }

// permActions says what each permission lets a role do, for a refusal that
// has no more precise action.
var permActions = map[Perm]Action{
	PermBaca:         {"melihat data ini", "view this data"},
	PermPegawai:      {"melihat data pegawai", "view employee data"},
	PermPribadi:      {"melihat data pribadi pegawai", "view employees' personal data"},
	PermUbahPeg:      {"mengubah data pegawai", "change employee data"},
	PermOrg:          {"mengubah data OPD, unit kerja dan jabatan", "change OPDs, units and positions"},
	PermABK:          {"mengubah analisis beban kerja (ABK)", "change the workload analysis (ABK)"},
	PermAturan:       {"mengubah pengaturan", "change settings"},
	PermImpor:        {"mengimpor data", "import data"},
	PermUsul:         {"membuat atau mengubah usulan mutasi", "create or edit transfer requests"},
	PermPutus:        {"memutus usulan mutasi", "decide transfer requests"},
	PermDokumen:      {"melampirkan atau menghapus dokumen usulan", "attach or remove request documents"},
	PermVerDok:       {"memverifikasi dokumen", "verify documents"},
	PermEval:         {"mengisi evaluasi pascamutasi", "fill in post-transfer evaluations"},
	PermEkspor:       {"mengekspor atau mencetak berkas", "export or print files"},
	PermAkun:         {"mengelola akun pengguna", "manage user accounts"},
	PermBundel:       {"membawa bundel sinkronisasi", "carry sync bundles"},
	PermPortal:       {"mengelola layanan Portal Pegawai", "manage the Employee Portal"},
	PermMandiri:      {"memakai layanan mandiri pegawai", "use the employee self-service"},
	PermRencanaLihat: {"melihat rencana mutasi", "view transfer plans"},
	PermRencana:      {"menjalankan rencana mutasi", "run transfer plans"},
}

// PermAction is what perm lets a role do, in words.
func PermAction(p Perm) Action {
	if a, ok := permActions[p]; ok {
		return a
	}
	return Action{"melakukan tindakan ini", "do this"}
}

// Forbidden is the coded Permission error for a role lacking a permission:
// a sentence naming the role and the action in words.
func Forbidden(role domain.Role, a Action) error {
	id, en := domain.RoleLabel(role)
	return domain.E(domain.KindPermission, "auth.forbidden",
		"Peran "+id+" tidak berwenang "+a.ID+".", "The role "+en+" may not "+a.EN+".")
}

// ErrNoSession is returned when a call needs a logged-in user.
func ErrNoSession() error {
	return domain.E(domain.KindPermission, "auth.login_required", "Silakan masuk terlebih dahulu.", "Please log in first.")
}

// ErrLocked is returned while the session is locked after inactivity.
func ErrLocked() error {
	return domain.E(domain.KindPermission, "auth.locked", "Sesi terkunci karena tidak ada aktivitas. Masukkan kata sandi untuk membuka.",
		"The session is locked after inactivity. Enter the password to unlock.")
}

// ErrScope is returned when an OPD-bound user reaches another OPD's personal data.
func ErrScope() error {
	return domain.E(domain.KindPermission, "auth.scope", "Data pribadi pegawai OPD lain tidak dapat diakses; hanya angka ringkasan.",
		"Personal data of another OPD's employees is not accessible; only aggregates.")
}
