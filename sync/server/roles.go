package server

import (
	"encoding/json"

	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Writes are checked against the user's role (issue 6): a change whose
// Actor names an account the server knows (a pengguna row with that
// username) is accepted only when that account is active, belongs to the
// device's scope (an OPD device: a user of that OPD; a BKPSDM device: a
// BKPSDM user, opd_id "") and its role has the table's permission in
// backend/auth's Matrix — the one source of truth the desktop's facade also
// uses; otherwise it is rejected "forbidden-role".
//
// System actors: an Actor that is not an account ("setup" of the first-run
// wizard, "import", "demo", CLI scripts, the sync client itself, tests) is a
// process of the device, not a person; its writes are bounded by the
// device's scope only (the OPD check before this one). With
// Options.RequireAccounts (serve --require-accounts) such writes are
// rejected too, except "setup" creating the device's first account row.

// ReasonForbiddenRole rejects a write the actor's role does not allow.
const ReasonForbiddenRole = protocol.ReasonForbiddenRole

// SetupActor is the actor of the first-run wizard's first account.
const SetupActor = "setup"

// tablePerms: the permissions any one of which allows writing the table.
var tablePerms = map[string][]auth.Perm{
	"pemda": {auth.PermOrg}, "opd": {auth.PermOrg}, "unit": {auth.PermOrg}, "jabatan": {auth.PermOrg},
	"pegawai": {auth.PermUbahPeg, auth.PermImpor}, "riwayat_jabatan": {auth.PermUbahPeg, auth.PermImpor},
	"skp": {auth.PermUbahPeg, auth.PermImpor}, "hukdis": {auth.PermUbahPeg, auth.PermImpor},
	"setting": {auth.PermAturan, auth.PermABK},
	"abk":     {auth.PermABK}, "abk_tugas": {auth.PermABK},
	// workflow: requests by those who propose, events by those who propose
	// or decide (the transfer machine checks the finer roles on the desktop
	// and the event replay on the server)
	"mutasi_usulan": {auth.PermUsul, auth.PermPutus}, "mutasi_event": {auth.PermUsul, auth.PermPutus},
	"dokumen_lampiran":    {auth.PermDokumen, auth.PermVerDok},
	"evaluasi_pertanyaan": {auth.PermAturan}, "evaluasi": {auth.PermEval},
	"pengguna": {auth.PermAkun},
}

// selfCols are the pengguna columns a user may change on their own row
// (password change).
var selfCols = map[string]bool{"password_hash": true, "harus_ganti": true}

// checkRole returns ReasonForbiddenRole when the actor may not make ch, or "".
func (p *pushCtx) checkRole(td *TableDef, ch *protocol.Change) (string, error) {
	if ch.Actor == "" && !p.s.opts.RequireAccounts {
		return "", nil
	}
	var user map[string]any
	if ch.Actor != "" {
		its, err := p.tx.Lookup(ItemRow, "pengguna", "username", ch.Actor)
		if err != nil {
			return "", err
		}
		for _, it := range its {
			if it.Deleted {
				continue
			}
			if user, err = rowData(it); err != nil {
				return "", err
			}
			user["id"] = it.ID
			break
		}
	}
	if user == nil {
		if !p.s.opts.RequireAccounts {
			return "", nil // a system actor: bounded by the device's scope only
		}
		if ch.Actor == SetupActor && td.Name == "pengguna" && ch.Op == protocol.OpInsert {
			return "", nil
		}
		return ReasonForbiddenRole, nil
	}
	if !truthy(user["aktif"]) {
		return ReasonForbiddenRole, nil
	}
	// the account must belong to the device's scope
	if p.dev.BKPSDM {
		if str(user["opd_id"]) != "" {
			return ReasonForbiddenRole, nil
		}
	} else if str(user["opd_id"]) != p.opdID || p.opdID == "" {
		return ReasonForbiddenRole, nil
	}
	role := auth.Role(str(user["role"]))
	if td.Name == "pengguna" && ch.Op == protocol.OpUpdate && ch.RowID == user["id"] {
		own := true
		for c := range ch.Cols {
			own = own && selfCols[c]
		}
		if own {
			return "", nil
		}
	}
	for _, perm := range tablePerms[td.Name] {
		if auth.Allowed(role, perm) {
			return "", nil
		}
	}
	return ReasonForbiddenRole, nil
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x != 0
	case int64:
		return x != 0
	case int:
		return x != 0
	case string:
		return x == "1" || x == "true"
	case json.Number:
		return x.String() != "0"
	}
	return false
}
