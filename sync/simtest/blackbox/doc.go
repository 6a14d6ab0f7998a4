// Package blackbox is the "Jepsen-lite" test of sync (// §5 tier 4): the real `imbang sync` and `imbang-server serve` binaries on
// loopback, killed with SIGKILL at many points of a sync, then a clean sync;
// no acknowledged change may be lost and nothing applied twice. The test
// lives in blackbox_test.go; this package has no other code.
package blackbox
