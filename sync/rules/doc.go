// Package rules is the one declaration of what a synced change may be: the
// synced tables with their columns and read scopes, the rule of every column
// (type, range, ladder membership, dates, lengths, references), the
// row-level rules of the domain, and the table of who may write what. The
// desktop's write path, its pull apply, and the sync server all check
// changes here, so one value means the same thing everywhere
// (docs/sync-protocol.md, "Validation" and "Who may write what").
//
// It is pure: no SQL, no HTTP, no Wails; it reads backend/domain (the
// validators and ladders) and backend/auth (the permission matrix).
package rules
