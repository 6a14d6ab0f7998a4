package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/release"
	"github.com/bkpsdm-sorong/imbang/sync/server"
)

const releaseUsage = `release keygen --out KEYFILE          # new release key: private seed to KEYFILE (0600), public key printed
  release pubkey --key KEYFILE          # the public key (hex) to build into the desktop
  release sign --key KEYFILE --version V [--platform linux-amd64] [--min-schema N] [--notes TEXT] FILE
                                        # writes FILE.manifest.json (signed)
  release verify --pubkey HEX [--manifest M] FILE
  --db PATH release publish [--manifest M] FILE   # store a signed release; devices download it at sync
  --db PATH release list                # published releases, device versions and rollbacks`

// cmdRelease: release keys, signing and publication (docs/panduan-admin.md).
func cmdRelease(ctx context.Context, args []string, db string, stdout, stderr io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		return usageError{releaseUsage}
	}
	act := args[0]
	fs := sub("release "+act, stderr, &db)
	keyF := fs.String("key", "", "release private key file (hex seed)")
	out := fs.String("out", "", "keygen: where to write the private key")
	ver := fs.String("version", "", "sign: the release version (MAJOR.MINOR.PATCH)")
	platform := fs.String("platform", release.Platform(), "sign: GOOS-GOARCH of the file")
	minSchema := fs.Int("min-schema", protocol.SchemaVersion, "sign: sync schema version the release speaks")
	notes := fs.String("notes", "", "sign: release notes shown to users")
	manifest := fs.String("manifest", "", "publish/verify: signed manifest (default FILE.manifest.json)")
	pubF := fs.String("pubkey", "", "verify: public key (hex)")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	readKey := func() (string, error) {
		if *keyF == "" {
			return "", usageError{"--key KEYFILE is required"}
		}
		b, err := os.ReadFile(*keyF)
		return string(b), err
	}
	manifestOf := func(file string) string {
		if *manifest != "" {
			return *manifest
		}
		return file + ".manifest.json"
	}
	switch act {
	case "keygen":
		if *out == "" {
			return usageError{"release keygen --out KEYFILE"}
		}
		if _, err := os.Stat(*out); err == nil {
			return fmt.Errorf("%s sudah ada; kunci lama tidak ditimpa (%s exists; not overwritten)", *out, *out)
		}
		pub, priv, err := release.GenerateKey()
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, []byte(priv+"\n"), 0o600); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "public_key: %s\n", pub)
		fmt.Fprintln(stderr, "Simpan berkas kunci privat di tempat aman di luar repositori dan server. (Keep the private key file offline.)")
		return nil
	case "pubkey":
		s, err := readKey()
		if err != nil {
			return err
		}
		priv, err := release.ParsePrivate(s)
		if err != nil {
			return err
		}
		pub := priv.Public().(ed25519.PublicKey)
		fmt.Fprintf(stdout, "%x\n", pub)
		return nil
	case "sign":
		if len(pos) != 1 || *ver == "" {
			return usageError{"release sign --key KEYFILE --version V FILE"}
		}
		s, err := readKey()
		if err != nil {
			return err
		}
		priv, err := release.ParsePrivate(s)
		if err != nil {
			return err
		}
		m, err := release.Describe(pos[0], *ver, *platform, *minSchema, time.Now())
		if err != nil {
			return err
		}
		m.Notes = *notes
		sm, err := release.Sign(m, priv)
		if err != nil {
			return err
		}
		b, _ := jsonIndent(sm)
		if err := writeFileAtomic(manifestOf(pos[0]), b); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "manifest: %s\nversion: %s\nplatform: %s\nsize: %d\nsha256: %s\nkey_id: %s\n", manifestOf(pos[0]), m.Version, m.Platform, m.Size, m.SHA256, sm.KeyID)
		return nil
	case "verify":
		if len(pos) != 1 || *pubF == "" {
			return usageError{"release verify --pubkey HEX FILE"}
		}
		pub, err := release.ParsePublic(*pubF)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(manifestOf(pos[0]))
		if err != nil {
			return err
		}
		sm, err := release.ParseSigned(b)
		if err != nil {
			return err
		}
		m, err := sm.Verify(pub)
		if err == nil {
			err = release.CheckFile(m, pos[0])
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "ok: %s %s %s\n", m.Product, m.Version, m.Platform)
		return nil
	case "publish":
		if len(pos) != 1 {
			return usageError{"release publish [--manifest M] FILE"}
		}
		b, err := os.ReadFile(manifestOf(pos[0]))
		if err != nil {
			return err
		}
		st, srv, err := openServer(db, server.Options{Log: log})
		if err != nil {
			return err
		}
		defer st.Close()
		m, err := srv.Publish(ctx, b, pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "published: %s %s (%d bytes, sha256 %s)\n", m.Version, m.Platform, m.Size, m.SHA256)
		return nil
	case "list":
		st, _, err := openServer(db, server.Options{Log: log})
		if err != nil {
			return err
		}
		defer st.Close()
		rs, ok := st.(server.ReleaseStore)
		if !ok {
			return fmt.Errorf("this store keeps no releases")
		}
		rels, err := rs.Releases(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, "VERSION\tPLATFORM\tSIZE\tSHA256\tPUBLISHED")
		for _, r := range rels {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", r.Version, r.Platform, r.Size, r.SHA256[:16], r.Created)
		}
		tw.Flush()
		reps, err := rs.ReleaseReports(ctx)
		if err != nil {
			return err
		}
		if len(reps) > 0 {
			fmt.Fprintln(stdout, "\nROLLBACK (versi gagal dijalankan di perangkat):")
			tw = tabwriter.NewWriter(stdout, 0, 2, 2, ' ', 0)
			fmt.Fprintln(tw, "DEVICE\tVERSION\tEVENT\tAT\tDETAIL")
			for _, r := range reps {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.DeviceID, r.Version, r.Event, r.At, strings.ReplaceAll(r.Detail, "\t", " "))
			}
			tw.Flush()
		}
		return nil
	}
	return usageError{releaseUsage}
}

// deviceVersions maps device id → "version (platform)" for `device list`.
func deviceVersions(ctx context.Context, st server.Store) map[string]string {
	out := map[string]string{}
	rs, ok := st.(server.ReleaseStore)
	if !ok {
		return out
	}
	vs, err := rs.DeviceVersions(ctx)
	if err != nil {
		return out
	}
	for _, v := range vs {
		out[v.DeviceID] = v.Version + " (" + v.Platform + ")"
	}
	return out
}

func jsonIndent(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	return append(b, '\n'), err
}
