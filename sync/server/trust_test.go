package server_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/rules"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// snapshot is every row item the server holds (kind/table/id → data,
// deleted): what a refused change must leave exactly as it was.
func (e *env) snapshot() map[string]string {
	e.t.Helper()
	out := map[string]string{}
	for after := int64(0); ; {
		its, err := e.st.Scan(ctx, after, 10000)
		if err != nil {
			e.t.Fatal(err)
		}
		if len(its) == 0 {
			return out
		}
		for _, it := range its {
			after = it.Seq
			if it.Kind == server.ItemDisposition {
				continue
			}
			out[it.Kind+"/"+it.Table+"/"+it.ID] = fmt.Sprintf("%v %s %v", it.Deleted, it.Data, it.Scope)
		}
	}
}

func (e *env) wantUnchanged(before map[string]string, what string) {
	e.t.Helper()
	after := e.snapshot()
	if !maps.Equal(before, after) {
		for k, v := range after {
			if before[k] != v {
				e.t.Fatalf("%s changed the server: %s = %.200s (was %.200s)", what, k, v, before[k])
			}
		}
		e.t.Fatalf("%s changed the server (%d → %d items)", what, len(before), len(after))
	}
}

// refused pushes one change and wants it rejected with reason, the server
// otherwise unchanged.
func (e *env) refused(d *dev, actor, tbl, id, op string, cols map[string]any, reason string) protocol.Disposition {
	e.t.Helper()
	before := e.snapshot()
	disp := d.pushAs(actor, tbl, id, op, cols)
	if disp.Status != protocol.StatusRejected || disp.Reason != reason {
		e.t.Fatalf("%s %s %s %v by %q: %s/%s (%s), want rejected/%s", op, tbl, id, cols, actor, disp.Status, disp.Reason, disp.Detail, reason)
	}
	e.wantUnchanged(before, fmt.Sprintf("a refused %s of %s", op, tbl))
	return disp
}

// Finding: an OPD credential minted admin accounts through the raw
// protocol (system actors "import" and "setup", role escalation, password
// overwrite); the accounts then reached BKPSDM desktops.
func TestAccountsCannotBeMintedByADevice(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		for _, require := range []bool{false, true} {
			t.Run(fmt.Sprintf("require-accounts=%v", require), func(t *testing.T) {
				e := e
				if require {
					e = newEnvOnSame(t, e, func(o *server.Options) { o.RequireAccounts = true })
				}
				admin := e.device("", true)
				// the first-run wizard: the first account of each scope only
				wantStatus(t, admin.pushAs(server.SetupActor, "pengguna", uuid.NewString(), "insert", user("admin", "PPK_ADMIN_BKPSDM", "", 1)), protocol.StatusApplied, "")
				admin.actor = "admin"
				r := e.region(admin)
				a := e.device("OPD-A", false)
				a.pull()
				e.refused(admin, server.SetupActor, "pengguna", uuid.NewString(), "insert", user("admin2", "PPK_ADMIN_BKPSDM", "", 1), protocol.ReasonForbiddenRole)
				for _, sys := range []string{"import", server.SetupActor, "demo", ""} {
					e.refused(a, sys, "pengguna", uuid.NewString(), "insert", user("root", "PPK_ADMIN_BKPSDM", r.opdA, 1), protocol.ReasonForbiddenRole)
					e.refused(a, sys, "pengguna", uuid.NewString(), "insert", user("root", "PPK_ADMIN_BKPSDM", "", 1), protocol.ReasonForbiddenRole)
					e.refused(a, sys, "pengguna", uuid.NewString(), "insert", user("verif", "VERIFIKATOR_BKPSDM", r.opdA, 1), protocol.ReasonForbiddenRole)
				}
				// an OPD's first account by its own desktop's wizard: OPD-bound, its own OPD
				e.refused(a, server.SetupActor, "pengguna", uuid.NewString(), "insert", user("opb", "OPERATOR_OPD", r.opdB, 1), protocol.ReasonForbiddenRole)
				opa := uuid.NewString()
				wantStatus(t, a.pushAs(server.SetupActor, "pengguna", opa, "insert", user("opa", "OPERATOR_OPD", r.opdA, 1)), protocol.StatusApplied, "")
				e.refused(a, server.SetupActor, "pengguna", uuid.NewString(), "insert", user("opa2", "OPERATOR_OPD", r.opdA, 1), protocol.ReasonForbiddenRole)
				a.pull()
				// escalation and password overwrite by system actors, and by the operator
				for _, sys := range []string{"import", server.SetupActor} {
					e.refused(a, sys, "pengguna", opa, "update", map[string]any{"role": "PPK_ADMIN_BKPSDM", "opd_id": ""}, protocol.ReasonForbiddenRole)
					e.refused(a, sys, "pengguna", opa, "update", map[string]any{"password_hash": "$argon2id$v=19$m=65536,t=1,p=4$ZXZpbA$ZXZpbA"}, protocol.ReasonForbiddenRole)
					e.refused(a, sys, "pengguna", opa, "delete", nil, protocol.ReasonForbiddenRole)
				}
				e.refused(a, "opa", "pengguna", opa, "update", map[string]any{"role": "KEPALA_OPD"}, protocol.ReasonForbiddenRole)
				// a BKPSDM admin manages accounts of any OPD
				wantStatus(t, admin.pushAs("admin", "pengguna", uuid.NewString(), "insert", user("kepala", "KEPALA_OPD", r.opdA, 1)), protocol.StatusApplied, "")
				// the OPD device never sees a BKPSDM account
				a.pull()
				for id, row := range a.rowsOf("pengguna") {
					if row["opd_id"] != r.opdA {
						t.Fatalf("OPD device holds account %s of scope %v", id, row["opd_id"])
					}
				}
			})
		}
	})
}

// newEnvOnSame opens a second env on a fresh store of the same kind with
// changed options.
func newEnvOnSame(t *testing.T, e *env, opt func(*server.Options)) *env {
	var n *env
	if e.pg != "" {
		n = newEnvPG(t)
	} else {
		n = newEnv(t)
	}
	n.close()
	opt(&n.opts)
	n.open()
	return n
}

func (d *dev) rowsOf(tbl string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for k, row := range d.rows {
		if t, id, ok := strings.Cut(k, "/"); ok && t == tbl {
			out[id] = row
		}
	}
	return out
}

// Finding: no value was checked on the server; one OPD device stored
// golongan 1e308 and a unit id "insert", and every BKPSDM desktop broke.
func TestInvalidValuesAreRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		a := e.device("OPD-A", false)
		a.pull()
		bad := []struct {
			col    string
			val    any
			reason string
		}{
			{"golongan", 1e308, protocol.ReasonInvalidValue},
			{"golongan", "abc", protocol.ReasonInvalidValue},
			{"golongan", 1.5, protocol.ReasonInvalidValue},
			{"golongan", 35, protocol.ReasonInvalidValue}, // not on the ladder
			{"pendidikan", "S9", protocol.ReasonInvalidValue},
			{"pendidikan", 9, protocol.ReasonInvalidValue},
			{"tanggal_lahir", "not-a-date", protocol.ReasonInvalidValue},
			{"tanggal_lahir", "1990-02-30", protocol.ReasonInvalidValue},
			{"tanggal_lahir", "1999-01-01", protocol.ReasonInvalidValue}, // disagrees with the NIP
			{"nip", "abc", protocol.ReasonInvalidValue},
			{"nip", "198001012005011", protocol.ReasonInvalidValue},
			{"status", "XYZ", protocol.ReasonInvalidValue},
			{"jenis_kelamin", "X", protocol.ReasonInvalidValue},
			{"unit_id", "insert", protocol.ReasonInvalidValue},
			{"unit_id", uuid.NewString(), protocol.ReasonInvalidReference}, // no such unit
			{"unit_id", r.unitB, protocol.ReasonInvalidReference},          // a unit of another OPD
			{"jabatan_id", uuid.NewString(), protocol.ReasonInvalidReference},
			{"nama", "", protocol.ReasonInvalidValue},
			{"nama", strings.Repeat("x", 121), protocol.ReasonInvalidValue},
			{"nama", "bad\x00byte", protocol.ReasonInvalidValue},
			{"tmt_jabatan", "2099-01-01", protocol.ReasonInvalidValue},
			{"nama_samaran", "x", protocol.ReasonUnknownColumn},
			{"_hlc", "x", protocol.ReasonUnknownColumn},
		}
		for _, b := range bad {
			d := e.refused(a, "", "pegawai", r.pegA, "update", map[string]any{b.col: b.val}, b.reason)
			if d.Detail == "" {
				t.Fatalf("%s=%v: no detail", b.col, b.val)
			}
		}
		// an insert needs every required column, valid ids and known tables
		cols := pegawaiCols("198001012005011077", r.opdA, r.unitA, r.jab)
		delete(cols, "nip")
		e.refused(a, "", "pegawai", uuid.NewString(), "insert", cols, protocol.ReasonInvalidValue)
		e.refused(a, "", "pegawai", "not-a-uuid", "insert", pegawaiCols("198001012005011078", r.opdA, r.unitA, r.jab), protocol.ReasonInvalid)
		e.refused(a, "", "skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": r.pegA, "tahun": 2025, "predikat": "LUAR_BIASA"}, protocol.ReasonInvalidValue)
		// the valid values still pass
		wantStatus(t, a.push1("pegawai", r.pegA, "update", map[string]any{"golongan": 32, "nama": "Nama Baru"}), protocol.StatusApplied, "")
	})
}

// A change's stamp decides last-writer-wins as text, so only the one form
// String writes is a stamp: a sign, a space or a trailing byte (accepted
// once, when the stamp was read with fmt.Sscanf) is refused and changes
// nothing.
func TestMalformedStampsAreRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		good := admin.hlc()
		for _, bad := range []string{good + "\x00", good[:25] + "\x00", "+" + good[1:], " " + good[1:], good[:16] + "-" + good[17:],
			good[:16] + "9999999999", "", "kemarin"} {
			before := e.snapshot()
			ch := admin.change("pegawai", r.pegA, "update", map[string]any{"nama": "Nama Palsu"})
			ch.HLC = bad
			resp := admin.push(ch)
			if len(resp.Dispositions) != 1 || resp.Dispositions[0].Status != protocol.StatusRejected || resp.Dispositions[0].Reason != protocol.ReasonInvalid {
				t.Fatalf("stamp %q: %+v, want rejected/%s", bad, resp.Dispositions, protocol.ReasonInvalid)
			}
			e.wantUnchanged(before, fmt.Sprintf("a change stamped %q", bad))
		}
		wantStatus(t, admin.push1("pegawai", r.pegA, "update", map[string]any{"nama": "Nama Baru"}), protocol.StatusApplied, "")
	})
}

// Finding: no field size limit: a 60 MB name was stored, grew the server to
// GBs and held the writer.
func TestOversizedValuesAreRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		a := e.device("OPD-A", false)
		a.pull()
		big := strings.Repeat("x", 2<<20)
		for _, col := range []string{"nama", "jurusan", "tempat_lahir", "gelar_depan"} {
			e.refused(a, "", "pegawai", r.pegA, "update", map[string]any{col: big}, protocol.ReasonInvalidValue)
		}
		e.refused(a, "", "riwayat_jabatan", r.rwA, "update", map[string]any{"keterangan": big}, protocol.ReasonInvalidValue)
		e.refused(admin, "", "setting", uuid.NewString(), "insert", map[string]any{"kunci": "x", "nilai": big}, protocol.ReasonInvalidValue)
	})
}

// validCols is a valid row of each synced table in OPD A's scope (for the
// authorization table).
func validCols(tbl string, r region, n int) map[string]any {
	switch tbl {
	case "pemda":
		return map[string]any{"kode": fmt.Sprintf("P%d", n), "nama": "Pemda Uji", "demo": 1}
	case "opd":
		return map[string]any{"pemda_id": r.pemda, "kode": fmt.Sprintf("OPD-X%d", n), "nama": "Dinas X", "singkatan": "X", "jenis": "DINAS", "alamat": ""}
	case "unit":
		return map[string]any{"opd_id": r.opdA, "parent_id": "", "kode": fmt.Sprintf("UX%d", n), "nama": "Bidang X"}
	case "jabatan":
		return map[string]any{"kode": fmt.Sprintf("JX%d", n), "nama": "Analis X", "jenis": "PELAKSANA", "jenjang": "", "kelas": 7, "min_pendidikan": 40,
			"jurusan": "[]", "golongan_min": 0, "golongan_max": 0, "bup": 58}
	case "pegawai":
		return pegawaiCols(fmt.Sprintf("19800101200501%04d", 1000+n%999), r.opdA, r.unitA, r.jab)
	case "riwayat_jabatan":
		return map[string]any{"pegawai_id": r.pegA, "opd_id": r.opdA, "unit_id": r.unitA, "jabatan_id": r.jab, "tmt": "2021-01-01", "tanggal_selesai": "", "nomor_sk": "SK", "keterangan": ""}
	case "skp":
		return map[string]any{"pegawai_id": r.pegA, "tahun": 1990 + n%200, "predikat": "BAIK"}
	case "hukdis":
		return map[string]any{"pegawai_id": r.pegA, "tingkat": "RINGAN", "jenis": "Teguran lisan", "nomor_sk": "", "tmt": "2024-01-01", "tanggal_selesai": "", "keterangan": ""}
	case "setting":
		return map[string]any{"kunci": fmt.Sprintf("uji.%d", n), "nilai": "{}"}
	case "abk":
		return map[string]any{"tahun": 1990 + n%200, "status": "DRAFT", "catatan": "", "difinalkan_pada": ""}
	case "abk_tugas":
		return map[string]any{"abk_id": r.abk, "unit_id": r.unitA, "jabatan_id": r.jab, "urutan": 1, "uraian": "Tugas", "satuan_hasil": "dokumen",
			"volume": 100, "periode": "TAHUN", "norma_menit": 30}
	case "mutasi_usulan":
		return map[string]any{"nomor": fmt.Sprintf("U-%d", n), "pegawai_id": r.pegA, "jenis": "T0", "aps": 0, "data": "{}", "dibuat_oleh": "uji", "dibuat_pada": "2026-11-27T08:00:00Z"}
	case "mutasi_event":
		return map[string]any{"usulan_id": r.usulan, "seq": 100 + n, "kind": "UBAH", "aktor": "{}", "waktu": "2026-11-27T08:00:00Z", "catatan": "", "payload": "{}"}
	case "dokumen_lampiran":
		return map[string]any{"usulan_id": r.usulan, "jenis": "SURAT", "nama_berkas": "a.pdf", "sha256": strings.Repeat("ab", 32), "ukuran": 10, "mime": "application/pdf",
			"status": "BELUM_DIPERIKSA", "catatan": "", "diunggah_oleh": "uji", "diunggah_pada": "2026-11-27T08:00:00Z"}
	case "evaluasi_pertanyaan":
		return map[string]any{"kode": fmt.Sprintf("Q%d", n), "untuk": "PEGAWAI", "teks": "Apakah?", "teks_en": "", "jenis": "LIKERT", "urutan": 1, "aktif": 1}
	case "evaluasi":
		return map[string]any{"usulan_id": r.usulan, "bulan": 6, "responden": "PEGAWAI", "jatuh_tempo": "2027-01-01", "jawaban": "{}", "diisi_pada": "", "diisi_oleh": ""}
	case "pengguna":
		return user(fmt.Sprintf("u%d", n), "OPERATOR_OPD", r.opdA, 1)
	case "portal_aktivasi":
		return map[string]any{"pegawai_id": r.pegA, "kode_hash": strings.Repeat("cd", 32), "kedaluwarsa": "2027-01-01T00:00:00Z", "dibuat_oleh": "uji",
			"dibuat_pada": "2026-12-01T08:00:00Z", "dicabut": 0}
	case "portal_laporan":
		return map[string]any{"pegawai_id": r.pegA, "bagian": "PROFIL", "uraian": "Tanggal lahir salah", "status": "BARU", "tanggapan": "",
			"dibuat_pada": "2026-12-01T08:00:00Z", "ditangani_oleh": "", "ditangani_pada": ""}
	case "portal_minat":
		return map[string]any{"pegawai_id": r.pegA, "opd_id": r.opdA, "jabatan_id": "", "jenis_jabatan": "", "catatan": "", "aktif": 1,
			"dibuat_pada": "2026-12-01T08:00:00Z"}
	case rules.TableBezetting:
		return map[string]any{"opd_id": r.opdA, "unit_id": r.unitA, "jabatan_id": r.jab, "jumlah": 1}
	}
	panic("no fixture for " + tbl)
}

// updateCols is a valid one-column change of a row made by validCols.
func updateCols(tbl string) map[string]any {
	switch tbl {
	case "pemda", "opd", "jabatan", "unit":
		return map[string]any{"nama": "Nama Baru"}
	case "pegawai":
		return map[string]any{"gelar_depan": "Dr."}
	case "riwayat_jabatan", "hukdis":
		return map[string]any{"keterangan": "diubah"}
	case "skp":
		return map[string]any{"predikat": "SANGAT_BAIK"}
	case "setting":
		return map[string]any{"nilai": `{"a":1}`}
	case "abk":
		return map[string]any{"catatan": "diubah"}
	case "abk_tugas":
		return map[string]any{"uraian": "Tugas baru"}
	case "mutasi_usulan":
		return map[string]any{"dibuat_oleh": "lain"}
	case "mutasi_event":
		return map[string]any{"catatan": "x"}
	case "dokumen_lampiran":
		return map[string]any{"catatan": "diperiksa"}
	case "evaluasi_pertanyaan":
		return map[string]any{"teks_en": "Is it?"}
	case "evaluasi":
		return map[string]any{"jawaban": `{"Q1":4}`}
	case "pengguna":
		return map[string]any{"nama": "Nama Baru"}
	case "portal_aktivasi":
		return map[string]any{"dicabut": 1}
	case "portal_laporan":
		return map[string]any{"status": "SELESAI"}
	case "portal_minat":
		return map[string]any{"aktif": 0}
	case rules.TableBezetting:
		return map[string]any{"jumlah": 2}
	}
	panic("no update for " + tbl)
}

// TestAuthorizationTable pushes, for every cell (device kind × actor ×
// table × operation), a valid change in the device's scope and wants the
// server to follow rules.Decide: an allowed cell is not refused, a refused
// one is rejected with the table's reason and changes nothing. Some cells
// are also spelled out by hand, so the table itself is pinned.
func TestAuthorizationTable(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		r.abk, r.usulan = uuid.NewString(), uuid.NewString()
		wantStatus(t, admin.push1("abk", r.abk, "insert", validCols("abk", r, 0)), protocol.StatusApplied, "")
		wantStatus(t, admin.push1("mutasi_usulan", r.usulan, "insert", validCols("mutasi_usulan", r, 0)), protocol.StatusApplied, "")
		opd := e.device("OPD-A", false)
		// accounts: one per role, in the scope each role belongs to
		wantStatus(t, admin.pushAs(server.SetupActor, "pengguna", uuid.NewString(), "insert", user("admin", "PPK_ADMIN_BKPSDM", "", 1)), protocol.StatusApplied, "")
		accounts := map[domain.Role]string{domain.RoleAdmin: "admin"}
		accountIDs := map[string]string{}
		for _, role := range domain.Roles {
			if role == domain.RoleAdmin {
				continue
			}
			opdID := ""
			if role.OPDBound() {
				opdID = r.opdA
			}
			name := strings.ToLower(strings.ReplaceAll(string(role), "_", ""))
			id := uuid.NewString()
			wantStatus(t, admin.pushAs("admin", "pengguna", id, "insert", user(name, string(role), opdID, 1)), protocol.StatusApplied, "")
			accounts[role], accountIDs[name] = name, id
		}
		opd.pull()
		devices := map[rules.DeviceKind]*dev{rules.DeviceBKPSDM: admin, rules.DeviceOPD: opd}
		type actor struct {
			name string
			acc  *rules.Account
		}
		actors := []actor{{"import", nil}}
		for _, role := range domain.Roles {
			a := &rules.Account{Role: role, Active: true}
			if role.OPDBound() {
				a.OPDID = r.opdA
			}
			actors = append(actors, actor{accounts[role], a})
		}
		n := 0
		cells := 0
		for _, kind := range rules.DeviceKinds {
			d := devices[kind]
			for _, ac := range actors {
				for _, td := range rules.Tables {
					for _, op := range rules.Ops {
						n++
						// the row the cell writes: a fresh insert, or a row made by the admin
						id := uuid.NewString()
						var cols map[string]any
						var cur map[string]any
						switch op {
						case protocol.OpInsert:
							cols = validCols(td.Name, r, n)
						default:
							if td.Rule != rules.ScopeDerived {
								cur = validCols(td.Name, r, n)
								if disp := admin.pushAs("admin", td.Name, id, "insert", cur); disp.Status == protocol.StatusRejected {
									t.Fatalf("fixture %s: %+v", td.Name, disp)
								}
								d.pull()
							}
							if op == protocol.OpUpdate {
								cols = updateCols(td.Name)
							}
						}
						w := rules.Write{Device: kind, DeviceOPD: r.opdA, Actor: ac.acc, Table: td, Op: op, RowID: id, Cols: cols, Cur: cur}
						if kind == rules.DeviceBKPSDM {
							w.DeviceOPD = ""
						}
						if ac.acc != nil {
							ac.acc.ID = accountIDs[ac.name]
						}
						want := rules.Decide(w)
						cells++
						cell := fmt.Sprintf("%s/%s/%s/%s", kind, ac.name, td.Name, op)
						if want.Reason != "" {
							before := e.snapshot()
							disp := d.pushAs(ac.name, td.Name, id, op, cols)
							if disp.Status != protocol.StatusRejected || disp.Reason != want.Reason {
								t.Fatalf("%s: %s/%s (%s), want rejected/%s", cell, disp.Status, disp.Reason, disp.Detail, want.Reason)
							}
							e.wantUnchanged(before, cell)
							continue
						}
						disp := d.pushAs(ac.name, td.Name, id, op, cols)
						if disp.Status == protocol.StatusRejected {
							t.Fatalf("%s: allowed by the table but rejected/%s (%s)", cell, disp.Reason, disp.Detail)
						}
					}
				}
			}
		}
		if want := len(rules.DeviceKinds) * len(actors) * len(rules.Tables) * len(rules.Ops); cells != want {
			t.Fatalf("%d cells, want %d", cells, want)
		}
	})
}

// TestAuthorizationTablePinned spells out cells of the table by hand, so a
// change to the permission matrix that opens accounts or region data to OPD
// devices fails here, not only in review.
func TestAuthorizationTablePinned(t *testing.T) {
	pengguna := rules.ByName("pengguna")
	opdRow := user("x", "OPERATOR_OPD", "opd-a", 1)
	admin := &rules.Account{ID: "a", Role: domain.RoleAdmin, Active: true}
	operator := &rules.Account{ID: "o", Role: domain.RoleOperatorOPD, OPDID: "opd-a", Active: true}
	cases := []struct {
		name string
		w    rules.Write
		want string
	}{
		{"opd device, system actor, insert account", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Table: pengguna, Op: "insert", Cols: opdRow}, protocol.ReasonForbiddenRole},
		{"opd device, wizard, first account", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Table: pengguna, Op: "insert", Cols: opdRow, Bootstrap: true}, ""},
		{"opd device, wizard, second account", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Table: pengguna, Op: "insert", Cols: opdRow, Bootstrap: true, ScopeHasAccount: true}, protocol.ReasonForbiddenRole},
		{"opd device, wizard, admin role", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Table: pengguna, Op: "insert", Cols: user("x", "PPK_ADMIN_BKPSDM", "opd-a", 1), Bootstrap: true}, protocol.ReasonForbiddenRole},
		{"opd device, operator, insert account", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Actor: operator, Table: pengguna, Op: "insert", Cols: opdRow}, protocol.ReasonForbiddenRole},
		{"opd device, operator, own password", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Actor: operator, Table: pengguna, Op: "update", RowID: "o", Cur: opdRow, Cols: map[string]any{"password_hash": "h"}}, ""},
		{"opd device, operator, own role", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Actor: operator, Table: pengguna, Op: "update", RowID: "o", Cur: opdRow, Cols: map[string]any{"role": "KEPALA_OPD"}}, protocol.ReasonForbiddenRole},
		{"bkpsdm device, admin, any account", rules.Write{Device: rules.DeviceBKPSDM, Actor: admin, Table: pengguna, Op: "insert", Cols: opdRow}, ""},
		{"opd device, admin account", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Actor: admin, Table: pengguna, Op: "insert", Cols: opdRow}, protocol.ReasonForbiddenRole},
		{"opd device, operator, region table", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Actor: operator, Table: rules.ByName("jabatan"), Op: "insert"}, protocol.ReasonForbiddenTable},
		{"opd device, operator, employee", rules.Write{Device: rules.DeviceOPD, DeviceOPD: "opd-a", Actor: operator, Table: rules.ByName("pegawai"), Op: "update"}, ""},
		{"anyone, derived table", rules.Write{Device: rules.DeviceBKPSDM, Actor: admin, Table: rules.ByName(rules.TableBezetting), Op: "insert"}, protocol.ReasonForbiddenTable},
		{"system actor under require-accounts", rules.Write{Device: rules.DeviceBKPSDM, RequireAccounts: true, Table: rules.ByName("pegawai"), Op: "update"}, protocol.ReasonForbiddenRole},
	}
	for _, c := range cases {
		if got := rules.Decide(c.w).Reason; got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// An OPD account's password hash reaches its OPD's devices only: a BKPSDM
// desktop never holds it (it cannot log in as an OPD operator anyway).
func TestPasswordHashesStayInTheirScope(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		wantStatus(t, admin.pushAs(server.SetupActor, "pengguna", uuid.NewString(), "insert", user("admin", "PPK_ADMIN_BKPSDM", "", 1)), protocol.StatusApplied, "")
		r := e.region(admin)
		opa := uuid.NewString()
		wantStatus(t, admin.pushAs("admin", "pengguna", opa, "insert", user("opa", "OPERATOR_OPD", r.opdA, 1)), protocol.StatusApplied, "")
		a, b := e.device("OPD-A", false), e.device("OPD-B", false)
		a.pull()
		b.pull()
		admin2 := e.device("", true)
		admin2.pull()
		if h := a.row("pengguna", opa)["password_hash"]; h == "" || h == nil {
			t.Fatal("the OPD's own device lacks its account's hash")
		}
		if row := b.row("pengguna", opa); row != nil {
			t.Fatal("another OPD received the account")
		}
		if h := admin2.row("pengguna", opa)["password_hash"]; h != "" {
			t.Fatalf("a BKPSDM device received an OPD account's hash %v", h)
		}
		for id, row := range admin2.rowsOf("pengguna") {
			if row["opd_id"] == "" && row["password_hash"] == "" {
				t.Fatalf("BKPSDM account %s arrived without its hash", id)
			}
		}
	})
}

// Resolving a conflict is a decision about its row: a reading role
// (Pimpinan) may not, an admin may.
func TestResolvingAConflictNeedsTheRightToWriteItsRow(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		wantStatus(t, admin.pushAs(server.SetupActor, "pengguna", uuid.NewString(), "insert", user("admin", "PPK_ADMIN_BKPSDM", "", 1)), protocol.StatusApplied, "")
		wantStatus(t, admin.pushAs("admin", "pengguna", uuid.NewString(), "insert", user("pim", "PIMPINAN", "", 1)), protocol.StatusApplied, "")
		admin.actor = "admin"
		r := e.region(admin)
		a := e.device("OPD-A", false)
		a.pull()
		admin.pull()
		old := a.change("pegawai", r.pegA, "update", map[string]any{"golongan": 33})
		e.now = e.now.Add(time.Minute)
		wantStatus(t, admin.push1("pegawai", r.pegA, "update", map[string]any{"golongan": 32}), protocol.StatusApplied, "")
		d := a.push(old).Dispositions[0]
		if d.Status != protocol.StatusConflict {
			t.Fatalf("no conflict: %+v", d)
		}
		res := map[string]any{"status": "resolved", "resolution": protocol.ResolutionAccept}
		e.refused(admin, "pim", protocol.TableConflict, d.ConflictID, "update", res, protocol.ReasonForbiddenRole)
		wantStatus(t, admin.pushAs("admin", protocol.TableConflict, d.ConflictID, "update", res), protocol.StatusApplied, "")
	})
}

// An actor named by account id (how the desktop records workflow events and
// documents) is that account: its role is checked like a username's.
func TestActorByAccountIDIsChecked(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		wantStatus(t, admin.pushAs(server.SetupActor, "pengguna", uuid.NewString(), "insert", user("admin", "PPK_ADMIN_BKPSDM", "", 1)), protocol.StatusApplied, "")
		pim := uuid.NewString()
		wantStatus(t, admin.pushAs("admin", "pengguna", pim, "insert", user("pim", "PIMPINAN", "", 1)), protocol.StatusApplied, "")
		admin.actor = "admin"
		r := e.region(admin)
		e.refused(admin, pim, "pegawai", r.pegA, "update", map[string]any{"nama": "Oleh Pimpinan"}, protocol.ReasonForbiddenRole)
		e.refused(admin, pim, "mutasi_usulan", uuid.NewString(), "insert", validCols("mutasi_usulan", r, 1), protocol.ReasonForbiddenRole)
	})
}

// An edit of a deleted row is judged against the row's last image (a
// person may bring it back by resolving the row-deleted conflict).
func TestEditOfADeletedRowIsValidatedToo(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		a := e.device("OPD-A", false)
		a.pull()
		wantStatus(t, admin.push1("pegawai", r.pegA2, "delete", nil), protocol.StatusApplied, "")
		e.refused(a, "", "pegawai", r.pegA2, "update", map[string]any{"unit_id": r.unitB}, protocol.ReasonInvalidReference)
		e.refused(a, "", "pegawai", r.pegA2, "update", map[string]any{"golongan": 1e308}, protocol.ReasonInvalidValue)
	})
}

// An insert kept until its parent arrives (child before parent) is checked
// when it arrives, not waved through when the parent comes.
func TestAKeptInsertIsValidatedOnArrival(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.device("", true)
		r := e.region(admin)
		a := e.device("OPD-A", false)
		a.pull()
		orphanParent := uuid.NewString()
		e.refused(a, "", "skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": orphanParent, "tahun": 1e308, "predikat": "BAIK"}, protocol.ReasonInvalidValue)
		e.refused(a, "", "riwayat_jabatan", uuid.NewString(), "insert", map[string]any{"pegawai_id": orphanParent, "opd_id": r.opdA, "unit_id": "insert",
			"jabatan_id": r.jab, "tmt": "2021-01-01", "tanggal_selesai": "", "nomor_sk": "", "keterangan": ""}, protocol.ReasonInvalidValue)
		// a valid one is kept as before
		wantStatus(t, a.push1("skp", uuid.NewString(), "insert", map[string]any{"pegawai_id": orphanParent, "tahun": 2025, "predikat": "BAIK"}),
			protocol.StatusApplied, protocol.ReasonRowPending)
	})
}
