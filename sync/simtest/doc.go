// Package simtest is the deterministic simulation of Imbang's sync: the real client
// (sync/client) and server (sync/server) code on real SQLite files, driven by
// one discrete-event loop from one master seed, with a fake network (an
// http.RoundTripper that calls the server's handler in-process and drops,
// duplicates, delays and partitions), fake clocks per device (skew from −30
// days to +1 year), client crashes at named points, server restarts and a
// server restore from an older backup. An oracle kept outside the system
// (every local write, and every message sniffed on the fake wire) is checked
// against the invariants of docs/sync-simulation.md once the network is healed and
// every device is quiescent.
//
// The tests (sim_test.go) run many seeds; a failing seed prints the command
// that replays it exactly and the trace of its last steps.
package simtest
