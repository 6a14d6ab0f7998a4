// Package eligibility decides whether one employee may be transferred (mutasi)
// to one target position: the rules MUT-01 … MUT-21 of docs/domain.md §4, each a
// value with its id, severity, parameters, Indonesian and English message and
// source regulation, evaluated by one pure function, Evaluate.
//
// Every rule lives in rules.go, in rule order, with its source beside it. The
// thresholds are Params (a synced setting, key "eligibility"), never constants
// in code. The routing table of docs/domain.md §3 (who decides, whether a BKN pertek
// is needed, which documents) is data in route.go, exported for the transfer
// workflow.
//
// The package imports only the standard library, backend/domain and
// backend/workload, so the planner can call it for every employee × target
// pair (Screen is the cheap form for that: no values, no messages) and the tests need no
// database.
package eligibility
