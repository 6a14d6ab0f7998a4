// Package domain holds Imbang's vocabulary: the organisation (Pemda, OPD, unit
// kerja, jabatan), the employee (pegawai) with its history, the user roles
// shared by accounts and the transfer workflow, the transfer types (T0–T4)
// shared by the eligibility rules and the workflow, the typed ladders
// (golongan, pendidikan), NIP validation and the error kinds carried from the
// store to the UI.
//
// It imports only the standard library so that every other package can use it
// and so the rules here are fast to test. Sources for each rule are in
// docs/domain.md.
package domain
