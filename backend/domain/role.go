package domain

// Role is what a user may do: the workflow's roles and the account roles are
// this one type, so the actor the workflow sees is exactly the logged-in
// user's role. The values are stored and synced (pengguna.peran); they never
// change.
type Role string

const (
	RoleOperatorOPD Role = "OPERATOR_OPD"        // prepares and submits requests of its OPD
	RoleKepalaOPD   Role = "KEPALA_OPD"          // approves release (asal) or acceptance (tujuan) for its OPD
	RoleVerifikator Role = "VERIFIKATOR_BKPSDM"  // checks eligibility and documents
	RoleTPK         Role = "TIM_PENILAI_KINERJA" // Tim Penilai Kinerja PNS
	RoleAdmin       Role = "PPK_ADMIN_BKPSDM"    // records PPK decisions, pertek, SK, execution
	RolePimpinan    Role = "PIMPINAN"            // reads everything, decides nothing
)

// RolePegawai is an employee acting for themself through the Portal
// Pegawai (docs/portal.md): never an account role on a desktop (it is not
// in Roles), only the actor of the portal's own writes. The workflow lets it
// create, edit, submit and withdraw its own APS request; the permission
// matrix gives it only the self-service permission.
const RolePegawai Role = "PEGAWAI"

// Roles lists the roles of desktop accounts.
var Roles = []Role{RoleOperatorOPD, RoleKepalaOPD, RoleVerifikator, RoleTPK, RoleAdmin, RolePimpinan}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// OPDBound reports whether the role acts only for its own OPD.
func (r Role) OPDBound() bool { return r == RoleOperatorOPD || r == RoleKepalaOPD }

// RoleLabel names a role in Indonesian and English (the one source of the
// labels: the workflow, accounts and the CLI all show these).
func RoleLabel(r Role) (id, en string) {
	switch r {
	case RoleOperatorOPD:
		return "Operator OPD", "OPD operator"
	case RoleKepalaOPD:
		return "Kepala OPD", "Head of OPD"
	case RoleVerifikator:
		return "Verifikator BKPSDM", "BKPSDM verifier"
	case RoleTPK:
		return "Tim Penilai Kinerja", "Performance Review Team"
	case RoleAdmin:
		return "PPK / Admin BKPSDM", "PPK / BKPSDM admin"
	case RolePimpinan:
		return "Pimpinan (hanya baca)", "Leadership (read only)"
	case RolePegawai:
		return "Pegawai (Portal)", "Employee (portal)"
	}
	return string(r), string(r)
}
