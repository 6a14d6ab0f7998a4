package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// cliActor is who the command line records as the author of a resolution.
const cliActor = "cli"

// cmdSyncConflicts lists the conflict inbox, a page at a time.
//
//	imbang sync conflicts [--all] [--kind K] [--device D] [--table T] [--offset N] [--limit N] [--json]
func cmdSyncConflicts(ctx context.Context, e *env, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("sync conflicts", flag.ContinueOnError)
	all := fs.Bool("all", false, "termasuk yang sudah diselesaikan")
	q := store.ConflictQuery{}
	fs.StringVar(&q.Kind, "kind", "", "jenis konflik (guarded-concurrent, row-deleted, duplicate-nip, incompatible-decision)")
	fs.StringVar(&q.Device, "device", "", "id instalasi perangkat penulis salah satu sisi")
	fs.StringVar(&q.Table, "table", "", "tabel")
	fs.IntVar(&q.Offset, "offset", 0, "lewati N konflik pertama")
	fs.IntVar(&q.Limit, "limit", 50, "jumlah per halaman (maks. 500)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("sync conflicts [--all] [--kind K] [--device D] [--table T] [--offset N] [--limit N] [--json]")
	}
	if *all {
		q.Status = "all"
	}
	page, err := e.st.ConflictPage(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(w, page)
	}
	fmt.Fprintf(w, "%d konflik (menampilkan %d–%d)\n", page.Total, min(page.Offset+1, page.Total), page.Offset+len(page.Items))
	for _, c := range page.Items {
		fmt.Fprintf(w, "\n%s  %s  %s %s  [%s]\n", c.ID, kindText(c.Kind), c.Table, c.RowID, c.Status)
		fmt.Fprintf(w, "  server:  %s\n", c.ServerBy)
		for _, col := range sideCols(c) {
			fmt.Fprintf(w, "    %s = %v\n", col, c.Server[col])
		}
		fmt.Fprintf(w, "  masuk:   %s\n", c.IncomingBy)
		for _, col := range sideCols(c) {
			if v, ok := c.Incoming[col]; ok {
				fmt.Fprintf(w, "    %s = %v\n", col, v)
			}
		}
		if c.Mine != "" {
			fmt.Fprintf(w, "  sisi perangkat ini: %s\n", c.Mine)
		}
	}
	if page.Offset+len(page.Items) < page.Total {
		fmt.Fprintf(w, "\nberikutnya: --offset %d\n", page.Offset+len(page.Items))
	}
	return nil
}

func sideCols(c store.SyncConflict) []string {
	if c.Kind == protocol.ConflictDuplicateNIP || len(c.Columns) == 0 {
		return []string{"nip", "nama", "opd_id"}
	}
	return c.Columns
}

func kindText(k string) string {
	switch k {
	case protocol.ConflictGuarded:
		return "diubah bersamaan"
	case protocol.ConflictRowDeleted:
		return "diubah & dihapus"
	case protocol.ConflictDuplicateNIP:
		return "NIP ganda"
	case protocol.ConflictIncompatible:
		return "keputusan bertentangan"
	}
	return k
}

// cmdSyncResolve resolves one conflict, or every open conflict a filter
// selects.
//
//	imbang sync resolve ID --keep server|mine|both
//	imbang sync resolve ID --keep merge [--survivor ROW_ID|row|other] [--take col=row|other]…
//	imbang sync resolve --kind K|--device D|--table T --keep server|mine|both
func cmdSyncResolve(ctx context.Context, e *env, args []string, w io.Writer) error {
	const use = "sync resolve ID --keep server|mine|both|merge [--survivor ID] [--take kolom=row|other]… | sync resolve --kind K|--device D|--table T --keep server|mine|both"
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("sync resolve", flag.ContinueOnError)
	keep := fs.String("keep", "", "server, mine, both (NIP ganda) atau merge (NIP ganda)")
	survivor := fs.String("survivor", "", "merge: data yang dipertahankan (id, atau row / other)")
	var takes multiFlag
	fs.Var(&takes, "take", "merge: kolom=row|other — ambil nilai kolom dari data itu (boleh berulang)")
	q := store.ConflictQuery{}
	fs.StringVar(&q.Kind, "kind", "", "semua konflik terbuka jenis ini")
	fs.StringVar(&q.Device, "device", "", "semua konflik terbuka dengan sisi dari perangkat ini")
	fs.StringVar(&q.Table, "table", "", "semua konflik terbuka pada tabel ini")
	if err := fs.Parse(args); err != nil {
		return err
	}
	bulk := q.Kind != "" || q.Device != "" || q.Table != ""
	if fs.NArg() > 0 || *keep == "" || (id == "") == !bulk {
		return usageErr(use)
	}
	if bulk {
		if *keep == "merge" {
			return domain.E(domain.KindInvalid, "cli.usage", "Penggabungan NIP ganda dipilih satu per satu (kolom demi kolom), tidak secara massal.",
				"A duplicate-NIP merge is chosen one conflict at a time (field by field), not in bulk.")
		}
		res, err := e.st.ResolveConflicts(ctx, cliActor, q, *keep)
		if err != nil {
			return err
		}
		return writeJSON(w, res)
	}
	if *keep != "merge" {
		if len(takes) > 0 || *survivor != "" {
			return usageErr(use)
		}
		if err := e.st.ResolveConflictKeep(ctx, cliActor, id, *keep); err != nil {
			return err
		}
		return writeJSON(w, map[string]any{"resolved": id, "keep": *keep})
	}
	page, err := e.st.ConflictPage(ctx, store.ConflictQuery{Status: "all", Limit: 500})
	if err != nil {
		return err
	}
	var c *store.SyncConflict
	for i := range page.Items {
		if page.Items[i].ID == id {
			c = &page.Items[i]
		}
	}
	if c == nil {
		return domain.E(domain.KindNotFound, "sync.conflict_not_found", "Konflik tidak ditemukan.", "Conflict not found.")
	}
	rec := map[string]string{"row": c.RowID, "other": c.OtherRow}
	surv := *survivor
	if r, ok := rec[surv]; ok {
		surv = r
	}
	if surv == "" {
		surv = min(c.RowID, c.OtherRow)
	}
	images := map[string]map[string]any{c.RowID: c.Current, c.OtherRow: c.OtherCurrent}
	values := map[string]any{}
	for _, t := range takes {
		col, from, ok := strings.Cut(t, "=")
		src, known := rec[from]
		if !ok || !known {
			return usageErr(use)
		}
		img := images[src]
		if img == nil {
			return domain.E(domain.KindNotFound, "sync.merge_row", "Data "+from+" tidak ada di perangkat ini.", "Record "+from+" is not on this device.")
		}
		v, has := img[col]
		if !has {
			return domain.E(domain.KindInvalid, "sync.resolution_column", "Kolom "+col+" tidak dikenal.", "Unknown column "+col+".")
		}
		values[col] = v
	}
	if err := e.st.MergeDuplicate(ctx, cliActor, id, surv, values); err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"resolved": id, "keep": "merge", "survivor": surv, "values": values})
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func usageErr(use string) error {
	return domain.E(domain.KindInvalid, "cli.usage", "Penggunaan: imbang "+use, "Usage: imbang "+use)
}
