package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/dokumen"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
)

// BundleResult says what a bundle export or import did.
type BundleResult struct {
	Kind    string            `json:"kind"`
	Changes int               `json:"changes,omitempty"` // push bundle: changes written
	Pull    *store.PullResult `json:"pull,omitempty"`    // pull bundle: what the apply did
	Files   int               `json:"files,omitempty"`   // attachment files written (push) or stored (pull)
	Path    string            `json:"path"`
	// Release is a desktop release the bundle carried (staged by
	// Updater.StageBundle, not here); nil for most bundles.
	Release *protocol.BundleRelease `json:"-"`
	// UpdateVersion / UpdateNotice: what became of that release on this
	// desktop (staged, or why it was refused), filled by the desktop.
	UpdateVersion string `json:"updateVersion,omitempty"`
	UpdateNotice  string `json:"updateNotice,omitempty"`
}

func bundleError(code, id, en string) error {
	return domain.E(domain.KindInvalid, "sync."+code, id, en)
}

var errBundleNoKeys = bundleError(protocol.ErrBundleNoKeys,
	"Perangkat ini belum mempunyai kunci bundel (terdaftar sebelum bundel ditandatangani). Sinkronkan sekali secara daring (kunci didaftarkan otomatis) atau daftarkan ulang perangkat, lalu coba lagi.",
	"This device has no bundle keys yet (enrolled before bundles were signed). Sync online once (the keys are registered automatically) or enroll it again, then retry.")

// bundleIdentity is what a bundle needs on this device: its private keys,
// its server device id and the server's pinned public keys.
type bundleIdentity struct {
	keys      seal.Keys
	device    string
	server    seal.Public
	serverKey string // hex signing key, as bundles name the server
}

// errNotEnrolled: a device that never joined a server has nobody to make a
// bundle for.
var errNotEnrolled = bundleError(protocol.ErrBundleNoKeys,
	"Perangkat ini belum terdaftar di server BKPSDM. Daftarkan perangkat dengan kode pendaftaran dari BKPSDM, lalu buat bundel.",
	"This device is not enrolled with the BKPSDM server. Enroll it with an enrollment code from BKPSDM, then make the bundle.")

func identity(ctx context.Context, st *store.Store) (bundleIdentity, error) {
	var id bundleIdentity
	var err error
	if id.keys, err = bundleKeys(ctx, st); err != nil {
		tok, _ := st.SyncMeta(ctx, store.MetaSyncToken)
		dev, _ := st.SyncMeta(ctx, MetaServerDevice)
		if tok == "" && dev == "" {
			return id, errNotEnrolled
		}
		return id, errBundleNoKeys
	}
	id.device, _ = st.SyncMeta(ctx, MetaServerDevice)
	sg, _ := st.SyncMeta(ctx, MetaServerSignKey)
	bx, _ := st.SyncMeta(ctx, MetaServerBoxKey)
	if id.server, err = seal.ParsePublic(sg, bx); err != nil || id.device == "" {
		return id, errBundleNoKeys
	}
	id.serverKey = sg
	return id, nil
}

// ExportBundle writes every change the server has not answered yet to a
// push bundle file (for a USB stick when there is no link), signed with
// this device's key and encrypted to the server's: only that server can
// read it and it can tell which device made it. The file holds the changes
// and nothing else (no credential, no key). The changes stay in the outbox:
// the server's import answers them through the same idempotent push path,
// and the answers arrive with the next pull (online or a pull bundle).
func ExportBundle(ctx context.Context, st *store.Store, path string, now time.Time) (BundleResult, error) {
	id, err := identity(ctx, st)
	if err != nil {
		return BundleResult{}, err
	}
	changes, err := st.UnsentChanges(ctx, 1<<30)
	if err != nil {
		return BundleResult{}, err
	}
	push := protocol.PushRequest{DeviceID: st.DeviceID(), SchemaVersion: protocol.SchemaVersion, AppVersion: "bundle",
		ClientTime: now.UTC().Format(time.RFC3339), Changes: changes}
	if push.Changes == nil {
		push.Changes = []protocol.Change{}
	}
	files, err := pushBundleFiles(ctx, st, changes)
	if err != nil {
		return BundleResult{}, err
	}
	created := now.UTC().Format(time.RFC3339)
	b := protocol.Bundle{Format: protocol.BundleFormat, Version: protocol.BundleVersion, Kind: protocol.BundlePush,
		Device: id.device, Server: id.serverKey, Created: created}
	msg, err := json.Marshal(protocol.BundleContent{Kind: protocol.BundlePush, Device: id.device, InstallID: st.DeviceID(),
		Server: id.serverKey, Created: created, Push: &push, Files: files})
	if err != nil {
		return BundleResult{}, err
	}
	if b.Sealed, err = seal.Seal(id.keys.Sign, id.server.Box, b.Header(), msg); err != nil {
		return BundleResult{}, err
	}
	out, err := json.Marshal(b)
	if err != nil {
		return BundleResult{}, err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, out, 0o600); err != nil {
		return BundleResult{}, domain.Wrap(err, domain.KindUnavailable, "sync.bundle_write", "Berkas bundel tidak dapat ditulis: "+path, "Cannot write the bundle file: "+path)
	}
	if err := os.Rename(tmp, path); err != nil {
		return BundleResult{}, err
	}
	return BundleResult{Kind: protocol.BundlePush, Changes: len(changes), Files: len(files), Path: path}, nil
}

// pushBundleFiles are the files a push bundle carries: those of the
// attachment rows among its changes, and those of earlier rows the server
// has not confirmed receiving, as far as this desktop holds them intact.
func pushBundleFiles(ctx context.Context, st *store.Store, changes []protocol.Change) ([]protocol.BundleFile, error) {
	want := map[string]bool{}
	for _, ch := range changes {
		if sha, ok := ch.Cols["sha256"].(string); ok && ch.Table == store.TableLampiran.Name && ch.Op != protocol.OpDelete {
			want[sha] = true
		}
	}
	refs, err := st.BerkasRefs(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range refs {
		if r.Unggah != store.BerkasSelesai {
			want[r.SHA256] = true
		}
	}
	fs := dokumen.FilesIn(st.Dir())
	var out []protocol.BundleFile
	for _, r := range refs { // sorted by hash: the same outbox makes the same bundle
		if !want[r.SHA256] || !fs.Has(r.SHA256) {
			continue
		}
		data, err := fs.Read(r.SHA256)
		if err != nil {
			continue
		}
		out = append(out, protocol.BundleFile{SHA256: r.SHA256, Data: data})
	}
	return out, nil
}

// ImportBundle applies a pull bundle the server made for this device
// (`imbang-server bundle export`), through the same apply path as an online
// pull, only after checking that the pinned server signed it for this
// device and that it continues from where this device is: a bundle for
// another device or server, an unsigned, tampered or forged one, or one
// that would move the cursor past data it does not hold is refused and
// changes nothing. Importing it twice changes nothing; rows older than what
// the device holds are skipped.
func ImportBundle(ctx context.Context, st *store.Store, path string) (BundleResult, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return BundleResult{}, domain.Wrap(err, domain.KindNotFound, "sync.bundle_read", "Berkas bundel tidak dapat dibaca: "+path, "Cannot read the bundle file: "+path)
	}
	var b protocol.Bundle
	if err := json.Unmarshal(data, &b); err != nil || b.Format != protocol.BundleFormat {
		return BundleResult{}, bundleError(protocol.ErrBundleFormat, "Berkas ini bukan bundel sinkronisasi Imbang.", "This file is not an Imbang sync bundle.")
	}
	if b.Kind == protocol.BundlePush {
		return BundleResult{}, bundleError(protocol.ErrBundleKind,
			"Ini bundel kiriman (push) untuk server, bukan bundel data untuk perangkat ini. Bawa ke BKPSDM untuk diimpor di server.",
			"This is a push bundle for the server, not a pull bundle for this device.")
	}
	if b.Version < protocol.BundleMinVersion || b.Version > protocol.BundleVersion || len(b.Sealed) == 0 || b.Kind != protocol.BundlePull {
		return BundleResult{}, bundleError(protocol.ErrBundleFormat,
			"Bundel ini tidak bertanda tangan server (format lama atau dibuat tangan) dan ditolak; tidak ada yang diubah. Minta bundel baru ke BKPSDM.",
			"This bundle is not signed by the server (old format or hand-made) and is refused; nothing was changed. Ask BKPSDM for a new one.")
	}
	id, err := identity(ctx, st)
	if err != nil {
		return BundleResult{}, err
	}
	if b.Server != id.serverKey {
		return BundleResult{}, bundleError(protocol.ErrBundleServer,
			"Bundel ini dibuat oleh server lain, bukan server tempat perangkat ini terdaftar; tidak ada yang diubah.",
			"This bundle was made by another server than the one this device is enrolled with; nothing was changed.")
	}
	if b.Device != id.device {
		return BundleResult{}, bundleError(protocol.ErrBundleDevice,
			fmt.Sprintf("Bundel ini untuk perangkat lain (%s), bukan perangkat ini (%s); tidak ada yang diubah. Minta BKPSDM membuat bundel dengan --device %s.", b.Device, id.device, id.device),
			fmt.Sprintf("This bundle is for another device (%s), not this one (%s); nothing was changed. Ask BKPSDM for one made with --device %s.", b.Device, id.device, id.device))
	}
	invalid := bundleError(protocol.ErrBundleInvalid,
		"Bundel ditolak: tanda tangan server tidak sah (berkas diubah atau dipalsukan). Tidak ada yang diubah; minta bundel baru ke BKPSDM.",
		"Bundle refused: the server's signature is not valid (the file was altered or forged). Nothing was changed; ask BKPSDM for a new one.")
	msg, err := seal.Open(id.keys.Box, id.server.Sign, b.Header(), b.Sealed)
	if err != nil {
		return BundleResult{}, invalid
	}
	var c protocol.BundleContent
	if err := decodeNumbers(msg, &c); err != nil || c.Kind != protocol.BundlePull || c.Device != id.device || c.Server != id.serverKey ||
		(c.InstallID != "" && c.InstallID != st.DeviceID()) || c.Pull == nil {
		return BundleResult{}, invalid
	}
	page := *c.Pull
	if err := checkBundleCursors(ctx, st, c.Cursor, page); err != nil {
		return BundleResult{}, err
	}
	for _, f := range c.Files { // every file checked before anything is applied
		sum := sha256.Sum256(f.Data)
		if hex.EncodeToString(sum[:]) != f.SHA256 {
			return BundleResult{}, bundleError(protocol.ErrBundleInvalid,
				"Bundel ditolak: isi berkas lampiran "+f.SHA256[:min(12, len(f.SHA256))]+"… tidak cocok dengan sidik SHA-256-nya. Tidak ada yang diubah; minta bundel baru ke BKPSDM.",
				"Bundle refused: an attachment file's content does not match its SHA-256. Nothing was changed; ask BKPSDM for a new one.")
		}
	}
	if epoch, _ := st.SyncMeta(ctx, store.MetaSyncEpoch); epoch != "" && page.ServerEpoch != "" && epoch != page.ServerEpoch {
		if _, err := st.ResetForEpoch(ctx, page.ServerEpoch); err != nil {
			return BundleResult{}, err
		}
	}
	page.HasMore = false
	res, err := st.ApplyPull(ctx, store.PullApply{Force: true, Page: page})
	if err != nil {
		return BundleResult{}, fmt.Errorf("bundle: %w", err)
	}
	n, err := keepBundleFiles(ctx, st, c.Files)
	if err != nil {
		return BundleResult{}, fmt.Errorf("bundle files: %w", err)
	}
	return BundleResult{Kind: protocol.BundlePull, Pull: &res, Files: n, Path: path, Release: c.Release}, nil
}

// cursorParts splits a cursor "epoch:seq"; "" (and "0") is the beginning.
func cursorParts(c string) (epoch string, seq int64, ok bool) {
	if c == "" || c == "0" {
		return "", 0, true
	}
	i := strings.LastIndexByte(c, ':')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.ParseInt(c[i+1:], 10, 64)
	if err != nil || n < 0 {
		return "", 0, false
	}
	return c[:i], n, true
}

// checkBundleCursors refuses a bundle whose signed cursors do not hold
// together (entries outside (cursor, next cursor], another epoch) or that
// starts after this device's own cursor: applying it would move the cursor
// over entries the device never received.
func checkBundleCursors(ctx context.Context, st *store.Store, from string, page protocol.PullResponse) error {
	bad := func(id, en string) error { return bundleError(protocol.ErrBundleCursor, id, en) }
	fe, fs, ok1 := cursorParts(from)
	ne, ns, ok2 := cursorParts(page.NextCursor)
	if !ok1 || !ok2 || page.NextCursor == "" || ns < fs || (from != "" && fe != ne) || (page.ServerEpoch != "" && ne != page.ServerEpoch) {
		return bad("Kursor bundel tidak sesuai isinya; bundel ditolak dan tidak ada yang diubah.", "The bundle's cursors do not match its content; refused, nothing was changed.")
	}
	for _, e := range page.Entries {
		if e.Seq <= fs || e.Seq > ns {
			return bad("Bundel berisi data di luar rentang kursornya; bundel ditolak dan tidak ada yang diubah.", "The bundle holds entries outside its cursor range; refused, nothing was changed.")
		}
	}
	if from == "" {
		return nil // from the beginning: it can follow any position
	}
	cur, _ := st.SyncMeta(ctx, store.MetaPullCursor)
	epoch, _ := st.SyncMeta(ctx, store.MetaSyncEpoch)
	ce, cs, ok := cursorParts(cur)
	if ok && cur != "" && epoch == "" {
		epoch = ce
	}
	if !ok || epoch != fe || cs < fs {
		return bad(fmt.Sprintf("Bundel ini dimulai setelah posisi data perangkat ini (kursor %q), sehingga data di antaranya akan terlewat; tidak ada yang diubah. Minta BKPSDM membuat bundel dengan --cursor %q (atau tanpa --cursor).", cur, cur),
			fmt.Sprintf("This bundle starts after this device's position (cursor %q), so data in between would be skipped; nothing was changed. Ask BKPSDM for one made with --cursor %q (or without --cursor).", cur, cur))
	}
	return nil
}

// keepBundleFiles stores the checked files of a pull bundle that an
// attachment row here names (the content-addressed store checks the hash
// again) and marks them received.
func keepBundleFiles(ctx context.Context, st *store.Store, files []protocol.BundleFile) (int, error) {
	if len(files) == 0 {
		return 0, nil
	}
	refs, err := st.BerkasRefs(ctx)
	if err != nil {
		return 0, err
	}
	named := map[string]bool{}
	for _, r := range refs {
		named[r.SHA256] = true
	}
	fs := dokumen.FilesIn(st.Dir())
	n := 0
	for _, f := range files {
		if !named[f.SHA256] {
			continue
		}
		if err := fs.Write(f.SHA256, f.Data); err != nil {
			return n, err
		}
		if err := st.MarkBerkas(ctx, f.SHA256, store.BerkasSelesai, store.BerkasSelesai, "", false); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
