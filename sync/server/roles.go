package server

import (
	"context"
	"encoding/json"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
)

// Who may write what is decided by sync/rules.Decide, from the device's
// kind, the actor and the table (derived from backend/auth's permission
// matrix); this file gathers what the server knows for it. A change whose
// Actor names an account the server holds (by username, or by account id)
// is that account's; any other
// Actor ("import", "demo", the sync client itself, CLI scripts) is a system
// actor: a process of the device, bounded by the device's scope, refused
// under Options.RequireAccounts and never allowed to write accounts, except
// the first-run wizard ("setup") creating the first account of a scope that
// has none.

// ReasonForbiddenRole rejects a write the actor's role does not allow.
const ReasonForbiddenRole = protocol.ReasonForbiddenRole

// SetupActor is the actor of the first-run wizard's first account.
const SetupActor = "setup"

// checkRole returns the verdict of the authorization table for ch.
func (p *pushCtx) checkRole(td *TableDef, ch *protocol.Change, cur *Item) (rules.Verdict, error) {
	if p.portal != "" {
		return p.checkPortal(td, ch, cur)
	}
	w := rules.Write{Device: rules.DeviceOPD, DeviceOPD: p.opdID, RequireAccounts: p.s.opts.RequireAccounts,
		Table: td, Op: ch.Op, RowID: ch.RowID, Cols: ch.Cols}
	if p.dev.BKPSDM {
		w.Device = rules.DeviceBKPSDM
	}
	if ch.Actor != "" {
		its, err := p.tx.Lookup(ItemRow, "pengguna", "username", ch.Actor)
		if err != nil {
			return rules.Verdict{}, err
		}
		for _, it := range its {
			if !it.Deleted {
				if w.Actor, err = accountOf(it); err != nil {
					return rules.Verdict{}, err
				}
				break
			}
		}
		// Some desktop writes name the account by its id (the workflow's
		// events, documents, evaluations): the same account, the same table.
		if w.Actor == nil && validID(ch.Actor) {
			it, err := p.tx.Get(ItemRow, "pengguna", ch.Actor)
			if err != nil {
				return rules.Verdict{}, err
			}
			if it != nil && !it.Deleted {
				if w.Actor, err = accountOf(it); err != nil {
					return rules.Verdict{}, err
				}
			}
		}
	}
	if cur != nil && !cur.Deleted {
		row, err := p.rowData(cur)
		if err != nil {
			return rules.Verdict{}, err
		}
		w.Cur = row
	}
	if td.Name == "pengguna" && w.Actor == nil && ch.Actor == SetupActor && ch.Op == protocol.OpInsert {
		w.Bootstrap = true
		has, err := p.scopeHasAccount()
		if err != nil {
			return rules.Verdict{}, err
		}
		w.ScopeHasAccount = has
	}
	return rules.Decide(w), nil
}

// accountOf reads an account row as the actor of a change.
func accountOf(it *Item) (*rules.Account, error) {
	u, err := rowData(it)
	if err != nil {
		return nil, err
	}
	return &rules.Account{ID: it.ID, Role: domain.Role(str(u["role"])), OPDID: str(u["opd_id"]), Active: truthy(u["aktif"])}, nil
}

// accountScopeKey is the meta key saying a scope (an OPD id, or "" for
// BKPSDM) has ever had an account on this server.
func accountScopeKey(opdID string) string { return "accounts:" + opdID }

// markAccountScope records that the account row's scope has an account.
func markAccountScope(tx Tx, row map[string]any) error {
	k := accountScopeKey(str(row["opd_id"]))
	if v, err := tx.Meta(k); err != nil || v != "" {
		return err
	}
	return tx.SetMeta(k, "1")
}

// scopeHasAccount reports whether the device's scope (its OPD, or BKPSDM)
// has ever had an account on the server: the first-run wizard may create
// only the first one.
func (p *pushCtx) scopeHasAccount() (bool, error) {
	if !p.dev.BKPSDM && p.opdID == "" {
		return true, nil // unresolved OPD: nothing to bootstrap
	}
	v, err := p.tx.Meta(accountScopeKey(p.opdID))
	return v != "", err
}

// indexAccountScopes records the scopes of accounts stored before the
// server kept the accounts:<scope> marks (once per database).
func indexAccountScopes(ctx context.Context, st Store) error {
	done := false
	if err := st.Update(ctx, func(tx Tx) error {
		v, err := tx.Meta("accounts-indexed")
		done = v != ""
		return err
	}); err != nil || done {
		return err
	}
	scopes := map[string]bool{}
	for after := int64(0); ; {
		its, err := st.Scan(ctx, after, 5000)
		if err != nil {
			return err
		}
		if len(its) == 0 {
			break
		}
		for i := range its {
			it := &its[i]
			after = it.Seq
			if it.Kind == ItemRow && it.Table == "pengguna" && !it.Deleted {
				u, err := rowData(it)
				if err != nil {
					return err
				}
				scopes[str(u["opd_id"])] = true
			}
		}
	}
	return st.Update(ctx, func(tx Tx) error {
		for sc := range scopes {
			if err := tx.SetMeta(accountScopeKey(sc), "1"); err != nil {
				return err
			}
		}
		return tx.SetMeta("accounts-indexed", "1")
	})
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
