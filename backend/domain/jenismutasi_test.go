package domain

import "testing"

// The transfer types are stored and synced (mutasi_usulan.jenis, workflow
// events): the values must never change, and T2–T4 cross agencies.
func TestJenisMutasiWireValues(t *testing.T) {
	want := []string{"T0", "T1", "T2", "T3", "T4"}
	if len(JenisMutasiAll) != len(want) {
		t.Fatalf("JenisMutasiAll has %d types, want %d", len(JenisMutasiAll), len(want))
	}
	for i, j := range JenisMutasiAll {
		if string(j) != want[i] || !j.Valid() {
			t.Errorf("type %d is %q, want %q and valid", i, j, want[i])
		}
		if j.AntarInstansi() != (i >= 2) {
			t.Errorf("%s: AntarInstansi %v", j, j.AntarInstansi())
		}
	}
	if JenisMutasi("T5").Valid() {
		t.Error("T5 is valid")
	}
}
