package domain

import "testing"

// The role values are stored and synced (pengguna.peran, workflow events):
// they must never change.
func TestRoleWireValues(t *testing.T) {
	want := map[Role]string{
		RoleOperatorOPD: "OPERATOR_OPD",
		RoleKepalaOPD:   "KEPALA_OPD",
		RoleVerifikator: "VERIFIKATOR_BKPSDM",
		RoleTPK:         "TIM_PENILAI_KINERJA",
		RoleAdmin:       "PPK_ADMIN_BKPSDM",
		RolePimpinan:    "PIMPINAN",
	}
	if len(Roles) != len(want) {
		t.Fatalf("Roles has %d roles, want %d", len(Roles), len(want))
	}
	for _, r := range Roles {
		if string(r) != want[r] || !r.Valid() {
			t.Errorf("role %q: want %q, valid", r, want[r])
		}
		if id, en := RoleLabel(r); id == string(r) || en == string(r) {
			t.Errorf("role %q has no label", r)
		}
		if got := r == RoleOperatorOPD || r == RoleKepalaOPD; r.OPDBound() != got {
			t.Errorf("role %q: OPDBound %v", r, r.OPDBound())
		}
	}
	if Role("SUPERUSER").Valid() {
		t.Error("an unknown role is valid")
	}
}
