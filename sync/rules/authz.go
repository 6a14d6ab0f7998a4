package rules

import (
	"slices"

	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// DeviceKind is the kind of device a change comes from.
type DeviceKind string

// Device kinds.
const (
	DeviceBKPSDM DeviceKind = "bkpsdm" // a BKPSDM desktop: the whole region
	DeviceOPD    DeviceKind = "opd"    // one OPD's desktop: its own OPD
)

// DeviceKinds lists the desktop device kinds (the rows of the table; the
// portal, DevicePortal, has its own rows: portal.go).
var DeviceKinds = []DeviceKind{DeviceBKPSDM, DeviceOPD}

// Ops lists the row operations.
var Ops = []string{protocol.OpInsert, protocol.OpUpdate, protocol.OpDelete}

// TablePerms: the permissions any one of which allows writing a table
// (backend/auth's Matrix is the one source of truth of what each role may do).
var TablePerms = map[string][]auth.Perm{
	"pemda": {auth.PermOrg}, "opd": {auth.PermOrg}, "unit": {auth.PermOrg}, "jabatan": {auth.PermOrg},
	"pegawai": {auth.PermUbahPeg, auth.PermImpor}, "riwayat_jabatan": {auth.PermUbahPeg, auth.PermImpor},
	"skp": {auth.PermUbahPeg, auth.PermImpor}, "hukdis": {auth.PermUbahPeg, auth.PermImpor},
	"setting": {auth.PermAturan, auth.PermABK},
	"abk":     {auth.PermABK}, "abk_tugas": {auth.PermABK},
	// Requests by those who propose, events by those who propose or decide
	// (the transfer machine checks the finer roles on the desktop and the
	// event replay on the server).
	// The employee's self-service (PermMandiri) reaches only their own rows
	// of these tables (decidePortal).
	"mutasi_usulan": {auth.PermUsul, auth.PermPutus, auth.PermMandiri}, "mutasi_event": {auth.PermUsul, auth.PermPutus, auth.PermMandiri},
	"dokumen_lampiran":    {auth.PermDokumen, auth.PermVerDok, auth.PermMandiri},
	"evaluasi_pertanyaan": {auth.PermAturan}, "evaluasi": {auth.PermEval, auth.PermMandiri},
	"pengguna": {auth.PermAkun},
	// Portal Pegawai: desktops issue letters and handle reports; the
	// employee's own writes come from the portal (docs/portal.md).
	"portal_aktivasi": {auth.PermPortal}, "portal_laporan": {auth.PermPortal, auth.PermMandiri}, "portal_minat": {auth.PermPortal, auth.PermMandiri},
}

// SelfCols are the pengguna columns a user may change on their own row
// (a password change).
var SelfCols = map[string]bool{"password_hash": true, "harus_ganti": true}

// Account is the actor of a change when it names an account the server
// holds.
type Account struct {
	ID     string
	Role   domain.Role
	OPDID  string // "" for a BKPSDM account
	Active bool
}

// Write is one change to decide, with what the server knows around it.
type Write struct {
	Device    DeviceKind
	DeviceOPD string   // the OPD id of an OPD device ("" if unresolved)
	Actor     *Account // nil: a system actor (a process of the device, not a person)
	// RequireAccounts: the server refuses writes by system actors.
	RequireAccounts bool
	Table           *Table
	Op              string
	RowID           string
	Cols            map[string]any // the change's columns
	Cur             map[string]any // the stored row, nil when there is none
	// ScopeHasAccount: the device's scope (its OPD, or BKPSDM) already has
	// a live account on the server. Only the first account of a scope may
	// be created by the first-run wizard.
	ScopeHasAccount bool
	// Bootstrap: the change is the first-run wizard's account insert.
	Bootstrap bool
	// Portal: the facts of a DevicePortal write (its employee, the request).
	Portal *Portal
}

// Verdict is the decision: Reason is "" when the write is allowed, else a
// stable rejection reason; Why says it in words (Indonesian).
type Verdict struct {
	Reason string
	Why    string
}

func allow() Verdict { return Verdict{} }

func deny(reason, why string) Verdict { return Verdict{Reason: reason, Why: why} }

// Decide is the table of who may write what: device kind × the actor's
// role (or a system actor) × table × operation, and for accounts the
// columns and the row. The device's OPD scope of ordinary rows (whose OPD a
// row is in) is checked by the server on the stored state afterwards.
func Decide(w Write) Verdict {
	t := w.Table
	if t.Rule == ScopeDerived {
		return deny(protocol.ReasonForbiddenTable, "Tabel turunan server tidak dapat ditulis.")
	}
	if t.InsertOnly && w.Op != protocol.OpInsert {
		return deny(protocol.ReasonInsertOnly, "Riwayat alur kerja hanya dapat ditambah, tidak diubah atau dihapus.")
	}
	if w.Device == DevicePortal {
		return decidePortal(w)
	}
	if w.Device == DeviceOPD && t.Rule == ScopeRegion {
		return deny(protocol.ReasonForbiddenTable, "Data acuan wilayah hanya diubah oleh BKPSDM.")
	}
	if t.Name == "pengguna" {
		return decideAccount(w)
	}
	if w.Actor == nil {
		if w.RequireAccounts {
			return deny(protocol.ReasonForbiddenRole, "Server mewajibkan setiap perubahan dibuat oleh akun pengguna.")
		}
		return allow() // a process of the device: bounded by the device's scope
	}
	if v := actorInScope(w); v.Reason != "" {
		return v
	}
	if roleMay(w.Actor.Role, t.Name) {
		return allow()
	}
	return deny(protocol.ReasonForbiddenRole, "Peran "+string(w.Actor.Role)+" tidak berwenang mengubah "+t.Name+".")
}

func roleMay(role domain.Role, table string) bool {
	if role == domain.RolePegawai && !slices.Contains(portalTables, table) {
		return false
	}
	for _, p := range TablePerms[table] {
		if auth.Allowed(role, p) {
			return true
		}
	}
	return false
}

// actorInScope: the account must be active and belong to the device's
// scope (an OPD device: an account of that OPD; a BKPSDM device: a BKPSDM
// account).
func actorInScope(w Write) Verdict {
	a := w.Actor
	if !a.Active {
		return deny(protocol.ReasonForbiddenRole, "Akun pembuat perubahan tidak aktif.")
	}
	if !a.Role.Valid() {
		// the portal's employee acts only through the portal
		return deny(protocol.ReasonForbiddenRole, "Peran "+string(a.Role)+" tidak dapat bertindak dari perangkat.")
	}
	if w.Device == DeviceBKPSDM {
		if a.OPDID != "" {
			return deny(protocol.ReasonForbiddenRole, "Akun OPD tidak dapat bertindak dari perangkat BKPSDM.")
		}
	} else if a.OPDID == "" || a.OPDID != w.DeviceOPD {
		return deny(protocol.ReasonForbiddenRole, "Akun ini bukan akun OPD perangkat ini.")
	}
	return allow()
}

// decideAccount: accounts (pengguna).
//   - System actors never write accounts, except the first-run wizard's
//     first account of a scope that has none: on an OPD device an OPD-bound
//     role of that OPD, on a BKPSDM device a BKPSDM role.
//   - A user may change their own password (SelfCols) on their own row.
//   - Otherwise the actor needs the account permission (PermAkun): from a
//     BKPSDM device, any account; from an OPD device only accounts of its
//     own OPD with OPD-bound roles, never a role change.
func decideAccount(w Write) Verdict {
	next := Merged(w.Cur, w.Cols)
	if w.Actor == nil {
		if w.Op == protocol.OpInsert && w.Bootstrap && w.Cur == nil && !w.ScopeHasAccount {
			return accountFitsDevice(w, next)
		}
		return deny(protocol.ReasonForbiddenRole, "Akun hanya dapat dibuat atau diubah oleh admin, bukan oleh proses sistem.")
	}
	if v := actorInScope(w); v.Reason != "" {
		return v
	}
	if w.Op == protocol.OpUpdate && w.Cur != nil && w.RowID == w.Actor.ID {
		own := len(w.Cols) > 0
		for c := range w.Cols {
			own = own && SelfCols[c]
		}
		if own {
			return allow()
		}
	}
	if !roleMay(w.Actor.Role, "pengguna") {
		return deny(protocol.ReasonForbiddenRole, "Peran "+string(w.Actor.Role)+" tidak berwenang mengelola akun.")
	}
	if w.Device == DeviceBKPSDM {
		return allow()
	}
	if w.Op == protocol.OpUpdate {
		if _, ok := w.Cols["role"]; ok && s(w.Cols["role"]) != s(w.Cur["role"]) {
			return deny(protocol.ReasonForbiddenRole, "Peran akun hanya dapat diubah dari perangkat BKPSDM.")
		}
	}
	if w.Cur != nil {
		if v := accountFitsDevice(w, w.Cur); v.Reason != "" {
			return v
		}
	}
	if w.Op == protocol.OpDelete {
		return allow()
	}
	return accountFitsDevice(w, next)
}

// accountFitsDevice: the account row belongs to the device's scope.
func accountFitsDevice(w Write, row map[string]any) Verdict {
	role := domain.Role(s(row["role"]))
	if w.Device == DeviceBKPSDM {
		if role.OPDBound() || s(row["opd_id"]) != "" {
			return deny(protocol.ReasonForbiddenRole, "Akun pertama perangkat BKPSDM harus akun BKPSDM.")
		}
		return allow()
	}
	if !role.OPDBound() {
		return deny(protocol.ReasonForbiddenRole, "Perangkat OPD hanya dapat membuat akun dengan peran OPD; peran BKPSDM hanya dari perangkat BKPSDM.")
	}
	if w.DeviceOPD == "" || s(row["opd_id"]) != w.DeviceOPD {
		return deny(protocol.ReasonForbiddenRole, "Perangkat OPD hanya dapat mengelola akun OPD-nya sendiri.")
	}
	return allow()
}

// Merged is a new map with a's entries overlaid by b's: the row a change
// leaves (the stored row with the change's columns).
func Merged(a, b map[string]any) map[string]any {
	m := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}
