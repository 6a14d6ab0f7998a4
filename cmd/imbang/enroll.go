package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/sync/client"
)

func init() { commands["enroll"] = cmdEnroll }

// cmdEnroll exchanges a one-time enrollment code for this installation's
// credential (docs/enrollment-tls.md); afterwards `imbang sync` needs no
// token.
//
//	imbang enroll --server URL --code CODE [--ca-fingerprint FP]
//	imbang enroll imbang1:URL#CODE#FP
func cmdEnroll(ctx context.Context, e *env, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("enroll", flag.ContinueOnError)
	server := fs.String("server", "", "alamat server sinkronisasi (https://…)")
	code := fs.String("code", "", "kode pendaftaran, atau seluruh string pendaftaran imbang1:…")
	fp := fs.String("ca-fingerprint", "", "sidik jari CA server (SHA-256, heksadesimal)")
	timeout := fs.Duration("timeout", 60*time.Second, "batas waktu permintaan")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 1 && *code == "" {
		*code = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return domain.E(domain.KindInvalid, "cli.usage", "Penggunaan: enroll --server URL --code KODE [--ca-fingerprint FP] | enroll imbang1:…",
			"Usage: enroll --server URL --code CODE [--ca-fingerprint FP] | enroll imbang1:…")
	}
	en, err := client.ParseEnrollment(*server, *code, *fp)
	if err == nil {
		_, err = client.Enroll(ctx, e.st, en, client.Options{RequestTimeout: *timeout, AppVersion: version})
	}
	var ce *client.Error
	if errors.As(err, &ce) {
		kind := domain.KindUnavailable
		if ce.Code == client.CodeNotSetUp || ce.Status == 401 {
			kind = domain.KindInvalid
		}
		return domain.Wrap(err, kind, "sync."+ce.Code, ce.Message, ce.MessageEn)
	}
	if err != nil {
		return err
	}
	out := map[string]string{"server": en.ServerURL, "ca_fingerprint": en.CAFingerprint}
	for _, k := range []string{client.MetaServerDevice, client.MetaEnrolledOPD, client.MetaTokenExpires} {
		out[k], _ = e.st.SyncMeta(ctx, k)
	}
	return writeJSON(w, out)
}

// cmdSyncRotate replaces the credential with a new one (the old one is
// refused from then on).
func cmdSyncRotate(ctx context.Context, e *env, w io.Writer) error {
	c, err := client.FromStore(ctx, e.st, client.Options{AppVersion: version})
	if err != nil {
		return err
	}
	r, err := c.Rotate(ctx)
	var ce *client.Error
	if errors.As(err, &ce) {
		return domain.Wrap(err, domain.KindUnavailable, "sync."+ce.Code, ce.Message, ce.MessageEn)
	}
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]string{"device": r.DeviceID, "expires_at": r.ExpiresAt})
}
