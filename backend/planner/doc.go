// Package planner proposes the transfers that best rebalance workload: a
// min-cost flow from surplus positions through eligible employees to deficit
// positions, solved exactly by successive shortest paths with potentials, with
// integer costs, a canonical input order and a tie-break that make the plan
// reproducible byte for byte, and an explanation in Indonesian and English for
// every move and every excluded employee. It is pure: no database, no UI.
// See docs/planner.md.
package planner
