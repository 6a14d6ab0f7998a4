package portal

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/aktivasi"
	"github.com/bkpsdm-sorong/imbang/backend/report"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/server"
	"github.com/google/uuid"
)

// Letter is one issued activation letter: what the PDF prints.
type Letter = report.SuratAktivasi

// IssueLetters makes an activation letter for each employee named by NIP
// (or, with opdKode, every current employee of that OPD as well): a fresh
// code whose salted hash goes into a synced portal_aktivasi row, written
// through the server's merge path so the desktops receive it. A newer
// letter voids the older ones (the portal checks only the newest). The
// codes are returned for printing and are kept nowhere else.
func IssueLetters(ctx context.Context, srv *server.Server, nips []string, opdKode, issuer, portalURL string, now time.Time, validity time.Duration) ([]Letter, error) {
	st, ok := srv.Store().(server.PortalStore)
	if !ok {
		return nil, fmt.Errorf("portal: the server's store keeps no portal state")
	}
	if validity <= 0 {
		validity = aktivasi.Validity
	}
	type who struct {
		id string
		r  row
	}
	var people []who
	seen := map[string]bool{}
	add := func(id string, r row) {
		if !seen[id] && str(r["keluar_pada"]) == "" {
			seen[id] = true
			people = append(people, who{id, r})
		}
	}
	for _, nip := range nips {
		nip = strings.TrimSpace(nip)
		its, err := st.ReadLookup(ctx, server.ItemRow, "pegawai", "nip", nip)
		if err != nil {
			return nil, err
		}
		rows, err := live(its)
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, fmt.Errorf("NIP %s tidak ditemukan di server / not found on the server", nip)
		}
		for id, r := range rows {
			add(id, r)
		}
	}
	opdNames := map[string]string{}
	opds, err := st.ReadTable(ctx, server.ItemRow, "opd")
	if err != nil {
		return nil, err
	}
	orows, err := live(opds)
	if err != nil {
		return nil, err
	}
	for id, o := range orows {
		opdNames[id] = str(o["nama"])
		if opdKode != "" && str(o["kode"]) == opdKode {
			its, err := st.ReadTable(ctx, server.ItemRow, "pegawai")
			if err != nil {
				return nil, err
			}
			all, err := live(its)
			if err != nil {
				return nil, err
			}
			for pid, r := range all {
				if str(r["opd_id"]) == id {
					add(pid, r)
				}
			}
		}
	}
	if len(people) == 0 {
		return nil, fmt.Errorf("tidak ada pegawai untuk surat aktivasi / no employee to issue a letter for")
	}
	exp := now.Add(validity)
	var changes []protocol.Change
	var letters []Letter
	for _, p := range people {
		code := aktivasi.NewCode()
		changes = append(changes, protocol.Change{Table: "portal_aktivasi", RowID: uuid.NewString(), Op: protocol.OpInsert, Cols: map[string]any{
			"pegawai_id": p.id, "kode_hash": aktivasi.Hash(p.id, code), "kedaluwarsa": exp.UTC().Format(time.RFC3339Nano),
			"dibuat_oleh": issuer, "dibuat_pada": now.UTC().Format(time.RFC3339Nano), "dicabut": false}})
		pg := pegawaiOf(p.id, p.r)
		letters = append(letters, Letter{NIP: string(pg.NIP), Nama: pg.NamaLengkap(), OPD: opdNames[pg.OPDID], Kode: code, PortalURL: portalURL,
			Kedaluwarsa: exp, Penerbit: issuer})
	}
	if err := srv.ApplyServer(ctx, "", changes); err != nil {
		return nil, err
	}
	return letters, nil
}
