package server

import "github.com/bkpsdm-sorong/imbang/sync/rules"

// The synced tables are declared once, in sync/rules (columns, value rules,
// scopes, guarded columns, merge groups); the server reads them there.

// ScopeRule says how a table's rows are scoped and authorised.
type ScopeRule = rules.ScopeRule

// Scope rules (sync/rules).
const (
	ScopeRegion         = rules.ScopeRegion
	ScopeRegionOPDWrite = rules.ScopeRegionOPDWrite
	ScopeOPD            = rules.ScopeOPD
	ScopeUsulan         = rules.ScopeUsulan
	ScopeViaParent      = rules.ScopeViaParent
	ScopeDerived        = rules.ScopeDerived
)

// TableDef declares one synced table.
type TableDef = rules.Table

// TableBezetting is the server-derived aggregate staffing table.
const TableBezetting = rules.TableBezetting

// Tables are the synced tables, parents before children.
var Tables = rules.Tables

// Table returns the declaration of a synced table, or nil.
func Table(name string) *TableDef { return rules.ByName(name) }

// children lists the tables whose scope follows a row of table parent.
func children(parent string) []*TableDef { return rules.Children(parent) }
