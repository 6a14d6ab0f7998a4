package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// BundleResult says what a bundle export or import did.
type BundleResult struct {
	Kind    string            `json:"kind"`
	Changes int               `json:"changes,omitempty"` // push bundle: changes written
	Pull    *store.PullResult `json:"pull,omitempty"`    // pull bundle: what the apply did
	Path    string            `json:"path"`
}

// ExportBundle writes every change the server has not answered yet to a
// push bundle file (for a USB stick when there is no link). The changes stay
// in the outbox: the server's import answers them through the same
// idempotent push path, and the answers arrive with the next pull (online or
// a pull bundle).
func ExportBundle(ctx context.Context, st *store.Store, path string, now time.Time) (BundleResult, error) {
	changes, err := st.UnsentChanges(ctx, 1<<30)
	if err != nil {
		return BundleResult{}, err
	}
	push := protocol.PushRequest{DeviceID: st.DeviceID(), SchemaVersion: protocol.SchemaVersion, AppVersion: "bundle",
		ClientTime: now.UTC().Format(time.RFC3339), Changes: changes}
	if push.Changes == nil {
		push.Changes = []protocol.Change{}
	}
	raw, err := json.Marshal(push)
	if err != nil {
		return BundleResult{}, err
	}
	sum := sha256.Sum256(raw)
	b := struct {
		Format   string          `json:"format"`
		Version  int             `json:"version"`
		Kind     string          `json:"kind"`
		DeviceID string          `json:"device_id"`
		Created  string          `json:"created"`
		Push     json.RawMessage `json:"push"`
		SHA256   string          `json:"sha256"`
	}{protocol.BundleFormat, 1, "push", st.DeviceID(), now.UTC().Format(time.RFC3339), raw, hex.EncodeToString(sum[:])}
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
	return BundleResult{Kind: "push", Changes: len(changes), Path: path}, nil
}

// ImportBundle applies a pull bundle made by the server for this device
// (`imbang-server bundle export`), through the same apply path as an online
// pull. Importing it twice changes nothing; rows older than what the device
// holds are skipped.
func ImportBundle(ctx context.Context, st *store.Store, path string) (BundleResult, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return BundleResult{}, domain.Wrap(err, domain.KindNotFound, "sync.bundle_read", "Berkas bundel tidak dapat dibaca: "+path, "Cannot read the bundle file: "+path)
	}
	var b struct {
		Format   string          `json:"format"`
		Version  int             `json:"version"`
		Kind     string          `json:"kind"`
		DeviceID string          `json:"device_id"`
		Pull     json.RawMessage `json:"pull"`
		SHA256   string          `json:"sha256"`
	}
	if err := json.Unmarshal(data, &b); err != nil || b.Format != protocol.BundleFormat {
		return BundleResult{}, domain.E(domain.KindInvalid, "sync.bundle_format", "Berkas ini bukan bundel sinkronisasi Imbang.", "This file is not an Imbang sync bundle.")
	}
	if b.Kind != "pull" {
		return BundleResult{}, domain.E(domain.KindInvalid, "sync.bundle_kind",
			"Ini bundel kiriman (push) untuk server, bukan bundel data untuk perangkat ini. Bawa ke BKPSDM untuk diimpor di server.",
			"This is a push bundle for the server, not a pull bundle for this device.")
	}
	if b.SHA256 != "" {
		sum := sha256.Sum256(b.Pull)
		if hex.EncodeToString(sum[:]) != b.SHA256 && reencodedSum(b.Pull) != b.SHA256 {
			return BundleResult{}, domain.E(domain.KindInvalid, "sync.bundle_damaged", "Berkas bundel rusak (checksum tidak cocok); minta bundel baru.", "The bundle is damaged (checksum mismatch).")
		}
	}
	var page protocol.PullResponse
	if err := decodeNumbers(b.Pull, &page); err != nil {
		return BundleResult{}, domain.E(domain.KindInvalid, "sync.bundle_format", "Isi bundel tidak dapat dibaca.", "The bundle content cannot be read.")
	}
	if epoch, _ := st.SyncMeta(ctx, store.MetaSyncEpoch); epoch != "" && page.ServerEpoch != "" && epoch != page.ServerEpoch {
		if _, err := st.ResetForEpoch(ctx, page.ServerEpoch); err != nil {
			return BundleResult{}, err
		}
	}
	res, err := st.ApplyPull(ctx, store.PullApply{Force: true, Page: page})
	if err != nil {
		return BundleResult{}, fmt.Errorf("bundle: %w", err)
	}
	return BundleResult{Kind: "pull", Pull: &res, Path: path}, nil
}

// reencodedSum is the checksum over the compact re-encoding of the pull
// part, for a file whose writer indented it.
func reencodedSum(raw []byte) string {
	var p protocol.PullResponse
	if err := json.Unmarshal(raw, &p); err != nil {
		return ""
	}
	b, _ := json.Marshal(&p)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
