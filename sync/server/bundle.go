package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
)

// Offline bundles (docs/sync-protocol.md, "Bundles"). The server has one
// Ed25519 key that signs pull bundles and one X25519 key push bundles are
// encrypted to. They are made once and kept, private, in the server meta:
// every process on a shared PostgreSQL and every restore of a backup keeps
// the keys the devices pinned at enrollment (so a backup file must be kept
// as carefully as the server itself).
const (
	metaBundleSign = "bundle_sign_key"
	metaBundleBox  = "bundle_box_key"
	// metaBundleSeen + hex SHA-256 of a push bundle's signed content: the
	// receipt of its import, so a replay is answered without running it.
	metaBundleSeen = "bundle-seen:"
)

// bundleKeys returns the server's bundle keys, making them on first use.
func (s *Server) bundleKeys(ctx context.Context) (seal.Keys, error) {
	s.keysMu.Lock()
	defer s.keysMu.Unlock()
	if s.keys != nil {
		return *s.keys, nil
	}
	var k seal.Keys
	err := s.st.Update(ctx, func(tx Tx) error {
		sg, err := tx.Meta(metaBundleSign)
		if err != nil {
			return err
		}
		bx, err := tx.Meta(metaBundleBox)
		if err != nil {
			return err
		}
		if sg != "" && bx != "" {
			k, err = seal.ParseKeys(sg, bx)
			return err
		}
		if k, err = seal.Generate(); err != nil {
			return err
		}
		sg, bx = k.Strings()
		if err := tx.SetMeta(metaBundleSign, sg); err != nil {
			return err
		}
		return tx.SetMeta(metaBundleBox, bx)
	})
	if err != nil {
		return seal.Keys{}, fmt.Errorf("server: bundle keys: %w", err)
	}
	s.keys = &k
	return k, nil
}

// ServerKeys returns the server's public bundle keys (hex), as devices pin
// them.
func (s *Server) ServerKeys(ctx context.Context) (sign, box string, err error) {
	k, err := s.bundleKeys(ctx)
	if err != nil {
		return "", "", err
	}
	sign, box = k.Public().Strings()
	return sign, box, nil
}

// ErrorText returns the coded, bilingual answer of an error the server
// refused something with (what its HTTP answer would carry); ok is false
// for any other error.
func ErrorText(err error) (protocol.ErrorResponse, bool) {
	var he *httpError
	if !errors.As(err, &he) {
		return protocol.ErrorResponse{}, false
	}
	return protocol.ErrorResponse{Code: he.code, Message: he.id, MessageEn: he.en}, true
}

func bundleErr(status int, code, id, en string) *httpError {
	return &httpError{status, code, id, en, nil}
}

var (
	errBundleFormat = bundleErr(http.StatusBadRequest, protocol.ErrBundleFormat,
		"Berkas ini bukan bundel sinkronisasi Imbang.", "This file is not an Imbang sync bundle.")
	errBundleUnsigned = bundleErr(http.StatusBadRequest, protocol.ErrBundleFormat,
		"Bundel ini tidak bertanda tangan (format lama atau dibuat tangan) dan ditolak; tidak ada yang diubah. Buat bundel baru di perangkat dengan Imbang versi terbaru.",
		"This bundle is not signed (old format or hand-made) and is refused; nothing was changed. Make a new one on the device with the current Imbang.")
	errBundleKindPull = bundleErr(http.StatusBadRequest, protocol.ErrBundleKind,
		"Ini bundel data (pull) untuk perangkat, bukan bundel kiriman untuk server; impor di aplikasi perangkat tujuannya.",
		"This is a pull bundle for a device, not a push bundle for the server; import it in that device's app.")
	errBundleServer = bundleErr(http.StatusForbidden, protocol.ErrBundleServer,
		"Bundel ini dibuat untuk server lain (kunci server tidak cocok); tidak ada yang diubah.",
		"This bundle was made for another server (server key mismatch); nothing was changed.")
)

func errBundleDevice(id, en string) *httpError {
	return bundleErr(http.StatusForbidden, protocol.ErrBundleDevice, id, en)
}

func errBundleNoKeys(dev string) *httpError {
	return bundleErr(http.StatusConflict, protocol.ErrBundleNoKeys,
		"Perangkat "+dev+" belum mempunyai kunci bundel (didaftarkan sebelum bundel ditandatangani). Sinkronkan perangkat itu sekali secara daring dengan Imbang versi terbaru (kunci didaftarkan otomatis) atau daftarkan ulang dengan kode baru, lalu buat bundel baru. Tidak ada yang diubah.",
		"Device "+dev+" has no bundle keys yet (enrolled before bundles were signed). Sync it online once with the current Imbang (the keys are registered automatically) or enroll it again, then make a new bundle. Nothing was changed.")
}

func errBundleInvalid(dev string) *httpError {
	return bundleErr(http.StatusForbidden, protocol.ErrBundleInvalid,
		"Tanda tangan bundel tidak sah: berkas diubah, dipalsukan, atau bukan dibuat oleh perangkat "+dev+" untuk server ini. Tidak ada yang diubah.",
		"The bundle signature is not valid: the file was altered, forged, or not made by device "+dev+" for this server. Nothing was changed.")
}

// RegisterKeys keeps the public bundle keys of a device enrolled before
// they existed. It works once: the same keys again are accepted, other keys
// are refused (a device changes keys only by enrolling again).
// installID, when given, binds a device not bound yet to that installation;
// a device bound to another one is refused.
func (s *Server) RegisterKeys(ctx context.Context, deviceID, signKey, boxKey, installID string) (protocol.KeysResponse, error) {
	if _, err := seal.ParsePublic(signKey, boxKey); err != nil {
		return protocol.KeysResponse{}, errBadRequest("sign_key and box_key must be hex Ed25519 and X25519 public keys")
	}
	srvSign, srvBox, err := s.ServerKeys(ctx)
	if err != nil {
		return protocol.KeysResponse{}, errInternal(err)
	}
	err = s.st.Update(ctx, func(tx Tx) error {
		d, err := tx.Device(deviceID)
		if err != nil {
			return err
		}
		if d.Revoked {
			return errUnauthorized
		}
		if installID != "" && d.InstallID != "" && d.InstallID != installID {
			return errBundleDevice("Kredensial ini terdaftar untuk instalasi lain; kunci bundel tidak didaftarkan.",
				"This credential is bound to another installation; the bundle keys were not registered.")
		}
		switch {
		case d.SignKey == signKey && d.BoxKey == boxKey:
			return nil
		case d.SignKey != "" || d.BoxKey != "":
			return bundleErr(http.StatusConflict, protocol.ErrBundleKeysSet,
				"Perangkat ini sudah mendaftarkan kunci bundel lain; untuk mengganti kunci, daftarkan ulang perangkat dengan kode baru dari BKPSDM.",
				"This device already registered other bundle keys; to change them, enroll it again with a new code from BKPSDM.")
		}
		d.SignKey, d.BoxKey = signKey, boxKey
		if d.InstallID == "" {
			d.InstallID = installID
		}
		return tx.PutDevice(d)
	})
	if err != nil {
		return protocol.KeysResponse{}, err
	}
	s.log.Info("bundle keys registered", "device", deviceID)
	return protocol.KeysResponse{DeviceID: deviceID, ServerSignKey: srvSign, ServerBoxKey: srvBox}, nil
}

// bundleDevice finds the device a bundle names and checks it may have
// bundles: enrolled here, not revoked, with keys.
func (s *Server) bundleDevice(ctx context.Context, id string) (Device, *httpError) {
	d, err := s.st.DeviceByID(ctx, id)
	if errors.Is(err, ErrNotFound) || id == "" {
		return Device{}, errBundleDevice(
			fmt.Sprintf("Perangkat %q pada bundel tidak terdaftar di server ini; tidak ada yang diubah.", id),
			fmt.Sprintf("Device %q named by the bundle is not enrolled on this server; nothing was changed.", id))
	}
	if err != nil {
		return Device{}, errInternal(err)
	}
	if d.Revoked {
		return Device{}, errBundleDevice("Perangkat "+id+" sudah dicabut; bundelnya ditolak dan tidak ada yang diubah.",
			"Device "+id+" is revoked; its bundle is refused and nothing was changed.")
	}
	if d.SignKey == "" || d.BoxKey == "" {
		return Device{}, errBundleNoKeys(id)
	}
	return d, nil
}

// ImportBundle verifies a push bundle against the enrolled key of the
// device it names and runs its changes through the push path. want, when
// not empty, is the device the caller expects (the authenticated device, or
// the CLI's --device). A refused bundle changes nothing; a bundle whose
// content was imported before is answered AlreadyImported without running
// it again.
func (s *Server) ImportBundle(ctx context.Context, b protocol.Bundle, want string) (protocol.BundleReceipt, error) {
	if b.Format != protocol.BundleFormat {
		return protocol.BundleReceipt{}, errBundleFormat
	}
	if b.Version < protocol.BundleMinVersion || b.Version > protocol.BundleVersion || len(b.Sealed) == 0 {
		return protocol.BundleReceipt{}, errBundleUnsigned
	}
	if b.Kind != protocol.BundlePush {
		return protocol.BundleReceipt{}, errBundleKindPull
	}
	keys, err := s.bundleKeys(ctx)
	if err != nil {
		return protocol.BundleReceipt{}, errInternal(err)
	}
	mine, _ := keys.Public().Strings()
	if b.Server != mine {
		return protocol.BundleReceipt{}, errBundleServer
	}
	if want != "" && want != b.Device {
		return protocol.BundleReceipt{}, errBundleDevice(
			fmt.Sprintf("Bundel ini dari perangkat %s, bukan dari perangkat %s yang diharapkan; tidak ada yang diubah.", b.Device, want),
			fmt.Sprintf("This bundle is from device %s, not from the expected device %s; nothing was changed.", b.Device, want))
	}
	d, herr := s.bundleDevice(ctx, b.Device)
	if herr != nil {
		return protocol.BundleReceipt{}, herr
	}
	pub, err := seal.ParseSignKey(d.SignKey)
	if err != nil {
		return protocol.BundleReceipt{}, errInternal(err)
	}
	msg, err := seal.Open(keys.Box, pub, b.Header(), b.Sealed)
	if err != nil {
		s.log.Warn("bundle refused", "device", d.ID, "err", err)
		return protocol.BundleReceipt{}, errBundleInvalid(d.ID)
	}
	var c protocol.BundleContent
	if err := json.Unmarshal(msg, &c); err != nil || c.Kind != protocol.BundlePush || c.Device != d.ID || c.Server != mine ||
		c.Push == nil || c.Push.DeviceID != c.InstallID {
		return protocol.BundleReceipt{}, errBundleInvalid(d.ID)
	}
	if d.InstallID != "" && c.InstallID != d.InstallID {
		return protocol.BundleReceipt{}, errBundleDevice(
			"Bundel ini dibuat oleh instalasi lain dari perangkat "+d.ID+" (perangkat itu didaftarkan ulang?); tidak ada yang diubah.",
			"This bundle was made by another installation than device "+d.ID+" (was it enrolled again?); nothing was changed.")
	}
	sum := sha256.Sum256(msg)
	seenKey := metaBundleSeen + hex.EncodeToString(sum[:])
	var seen string
	if err := s.st.Update(ctx, func(tx Tx) error {
		var err error
		seen, err = tx.Meta(seenKey)
		return err
	}); err != nil {
		return protocol.BundleReceipt{}, errInternal(err)
	}
	if seen != "" {
		var r protocol.BundleReceipt
		if err := json.Unmarshal([]byte(seen), &r); err != nil {
			return protocol.BundleReceipt{}, errInternal(err)
		}
		r.AlreadyImported = true
		r.Files, r.FilesRefused = s.keepBundleFiles(ctx, d, c.Files) // a file lost the first time may arrive now
		s.log.Info("bundle replay answered", "device", d.ID, "imported_at", r.ImportedAt)
		return r, nil
	}
	resp, herr := s.Push(ctx, d.ID, *c.Push)
	if herr != nil {
		return protocol.BundleReceipt{}, herr
	}
	r := protocol.BundleReceipt{Device: d.ID, Changes: len(c.Push.Changes), ImportedAt: s.opts.Now().UTC().Format(time.RFC3339),
		Processed: len(resp.Dispositions), Counts: map[string]int{}, LastLocalSeq: resp.LastLocalSeq}
	for _, x := range resp.Dispositions {
		r.Counts[x.Status]++
	}
	// Remembered only when every change was processed: a bundle stopped at
	// a gap may be imported again once the gap is filled.
	complete := true
	for _, ch := range c.Push.Changes {
		complete = complete && ch.LocalSeq <= resp.LastLocalSeq
	}
	if complete {
		rec, _ := json.Marshal(r)
		if err := s.st.Update(ctx, func(tx Tx) error { return tx.SetMeta(seenKey, string(rec)) }); err != nil {
			return protocol.BundleReceipt{}, errInternal(err)
		}
	}
	r.Push = &resp
	r.Files, r.FilesRefused = s.keepBundleFiles(ctx, d, c.Files)
	s.log.Info("bundle imported", "device", d.ID, "changes", r.Changes, "processed", r.Processed, "files", r.Files, "files_refused", r.FilesRefused)
	return r, nil
}

// ExportBundle makes a pull bundle for the device: every entry it may see
// from cursor to the head, signed by the server and encrypted to the
// device's key. It returns the bundle and, for the caller's report, the
// page it holds.
func (s *Server) ExportBundle(ctx context.Context, deviceID, cursor string, schema int) (protocol.Bundle, protocol.PullResponse, error) {
	return s.exportBundle(ctx, deviceID, cursor, schema, nil)
}

func (s *Server) exportBundle(ctx context.Context, deviceID, cursor string, schema int, rel *protocol.BundleRelease) (protocol.Bundle, protocol.PullResponse, error) {
	d, herr := s.bundleDevice(ctx, deviceID)
	if herr != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, herr
	}
	devPub, err := seal.ParsePublic(d.SignKey, d.BoxKey)
	if err != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, errInternal(err)
	}
	keys, err := s.bundleKeys(ctx)
	if err != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, errInternal(err)
	}
	var all protocol.PullResponse
	from := cursor
	for first := true; ; first = false {
		page, _, herr := s.pull(ctx, deviceID, cursor, s.opts.MaxPageBytes, schema)
		if herr != nil {
			return protocol.Bundle{}, protocol.PullResponse{}, herr
		}
		if first {
			all = page
		} else {
			all.Entries = append(all.Entries, page.Entries...)
			all.NextCursor, all.ServerTime, all.ServerHLC = page.NextCursor, page.ServerTime, page.ServerHLC
		}
		cursor = page.NextCursor
		if !page.HasMore {
			break
		}
	}
	all.HasMore = false
	files, err := s.bundleFiles(ctx, all.Entries)
	if err != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, errInternal(err)
	}
	mine, _ := keys.Public().Strings()
	created := s.opts.Now().UTC().Format(time.RFC3339)
	b := protocol.Bundle{Format: protocol.BundleFormat, Version: protocol.BundleVersion, Kind: protocol.BundlePull,
		Device: d.ID, Server: mine, Created: created}
	msg, err := json.Marshal(protocol.BundleContent{Kind: protocol.BundlePull, Device: d.ID, InstallID: d.InstallID, Server: mine,
		Created: created, Cursor: from, Pull: &all, Files: files, Release: rel})
	if err != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, errInternal(err)
	}
	if b.Sealed, err = seal.Seal(keys.Sign, devPub.Box, b.Header(), msg); err != nil {
		return protocol.Bundle{}, protocol.PullResponse{}, errInternal(err)
	}
	return b, all, nil
}
