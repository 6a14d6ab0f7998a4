package client

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
	"github.com/bkpsdm-sorong/imbang/sync/tlspin"
)

// Meta keys of the credential beyond store.MetaSyncServerURL and
// store.MetaSyncToken (docs/enrollment-tls.md).
const (
	MetaCAFingerprint = "sync_ca_fingerprint" // hex SHA-256 of the server's CA certificate; pinned
	MetaTokenExpires  = "sync_token_expires"  // RFC 3339; empty: never
	MetaServerDevice  = "sync_server_device"  // the server's device id of this installation
	MetaEnrolledOPD   = "sync_enrolled_opd"   // the OPD kode of the credential ("BKPSDM" for BKPSDM)
	// The device's private bundle keys (sync/seal, hex), made at enrollment
	// and kept like the token: they never leave the device.
	MetaBundleSignKey = "sync_bundle_sign_key"
	MetaBundleBoxKey  = "sync_bundle_box_key"
	// The server's public bundle keys, pinned at enrollment (or when a
	// device enrolled before bundle keys existed registered its own).
	MetaServerSignKey = "sync_server_sign_key"
	MetaServerBoxKey  = "sync_server_box_key"
)

// RotateBefore is how long before its expiry a credential is rotated
// automatically at the start of a session.
const RotateBefore = 120 * 24 * time.Hour

// HTTPClientFor returns the HTTP client for a server: for https:// with a
// CA fingerprint, one that pins that CA (tlspin.ClientConfig).
func HTTPClientFor(serverURL, caFingerprint string) *http.Client {
	u, err := url.Parse(serverURL)
	if err != nil || u.Scheme != "https" {
		return nil
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = tlspin.ClientConfig(caFingerprint, u.Hostname())
	return &http.Client{Transport: tr}
}

// Enrollment is what a person types on a new device: the enrollment string
// "imbang1:<url>#<code>#<fp>", or the URL, the code and the fingerprint apart.
type Enrollment struct {
	ServerURL     string
	Code          string
	CAFingerprint string
}

// ParseEnrollment fills an Enrollment from separate fields, any of which
// may hold a whole enrollment string instead (its parts win over empty fields).
func ParseEnrollment(serverURL, code, fp string) (Enrollment, error) {
	e := Enrollment{ServerURL: strings.TrimSpace(serverURL), Code: strings.TrimSpace(code), CAFingerprint: tlspin.NormalizeFingerprint(fp)}
	for _, s := range []string{code, serverURL} {
		if u, c, f, ok := protocol.ParseEnrollment(s); ok {
			if u != "" {
				e.ServerURL = u
			}
			e.Code = c
			if f != "" {
				e.CAFingerprint = tlspin.NormalizeFingerprint(f)
			}
		}
	}
	u, err := url.Parse(e.ServerURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return e, &Error{Code: CodeNotSetUp, Message: "Alamat server harus diawali https:// (atau http:// pada jaringan lokal) diikuti nama server.",
			MessageEn: "The server address must be https://host (or http:// on a local network)."}
	}
	if len(strings.NewReplacer("-", "", " ", "").Replace(e.Code)) < 8 {
		return e, &Error{Code: CodeNotSetUp, Message: "Kode pendaftaran tidak lengkap (16 huruf/angka, mis. ABCD-EFGH-JKLM-NPQR).",
			MessageEn: "The enrollment code is incomplete (16 characters, e.g. ABCD-EFGH-JKLM-NPQR)."}
	}
	if e.CAFingerprint != "" && len(e.CAFingerprint) != 64 {
		return e, &Error{Code: CodeNotSetUp, Message: "Sidik jari CA harus 64 karakter heksadesimal.", MessageEn: "The CA fingerprint must be 64 hex characters."}
	}
	return e, nil
}

// Enroll exchanges the enrollment code for this installation's credential
// (once) and stores the server URL, the credential and the pinned CA
// fingerprint in meta. The outbox is kept: the pull cursor goes back to the
// start and changes already sent are queued again, so a re-enrolled device
// (a new server device record) sends everything it retained.
func Enroll(ctx context.Context, st *store.Store, e Enrollment, opts Options) (protocol.EnrollResponse, error) {
	opts.ServerURL, opts.Token = e.ServerURL, "enroll" // the enroll endpoint takes no credential
	if opts.HTTPClient == nil {
		opts.HTTPClient = HTTPClientFor(e.ServerURL, e.CAFingerprint)
	}
	c := New(st, opts)
	keys, err := seal.Generate() // this enrollment's: a new device record gets new keys
	if err != nil {
		return protocol.EnrollResponse{}, err
	}
	signPub, boxPub := keys.Public().Strings()
	body, err := gz(protocol.EnrollRequest{Code: e.Code, InstallID: st.DeviceID(), AppVersion: c.opts.AppVersion, SignKey: signPub, BoxKey: boxPub})
	if err != nil {
		return protocol.EnrollResponse{}, err
	}
	var resp protocol.EnrollResponse
	if err := c.doAuth(ctx, http.MethodPost, protocol.PathEnroll, nil, body, &resp, false); err != nil {
		if ce, ok := err.(*Error); ok && ce.Status == http.StatusUnauthorized {
			ce.Code = protocol.ErrUnauthorized
			ce.Message = "Kode pendaftaran tidak dikenal, sudah dipakai, atau kedaluwarsa. Minta kode baru ke admin BKPSDM."
			ce.MessageEn = "Unknown, used or expired enrollment code; ask a BKPSDM admin for a new one."
		}
		return protocol.EnrollResponse{}, err
	}
	if resp.Token == "" {
		return resp, badAnswer(nil)
	}
	if _, err := st.ResetForEpoch(ctx, ""); err != nil {
		return resp, err
	}
	opd := resp.OPDKode
	if resp.BKPSDM {
		opd = "BKPSDM"
	}
	signKey, boxKey := keys.Strings()
	if err := st.SetSyncMeta(ctx, map[string]string{
		store.MetaSyncServerURL: e.ServerURL, store.MetaSyncToken: resp.Token, MetaCAFingerprint: e.CAFingerprint,
		MetaTokenExpires: resp.ExpiresAt, MetaServerDevice: resp.DeviceID, MetaEnrolledOPD: opd, store.MetaSyncLastError: "",
		MetaBundleSignKey: signKey, MetaBundleBoxKey: boxKey, MetaServerSignKey: resp.ServerSignKey, MetaServerBoxKey: resp.ServerBoxKey,
	}); err != nil {
		return resp, err
	}
	return resp, nil
}

// Rotate replaces this installation's credential with a new one and stores it.
func (c *Client) Rotate(ctx context.Context) (protocol.EnrollResponse, error) {
	body, err := gz(struct{}{})
	if err != nil {
		return protocol.EnrollResponse{}, err
	}
	var resp protocol.EnrollResponse
	if err := c.do(ctx, http.MethodPost, protocol.PathRotate, nil, body, &resp); err != nil {
		return resp, err
	}
	if resp.Token == "" {
		return resp, badAnswer(nil)
	}
	if err := c.st.SetSyncMeta(ctx, map[string]string{store.MetaSyncToken: resp.Token, MetaTokenExpires: resp.ExpiresAt}); err != nil {
		return resp, err
	}
	c.opts.Token = resp.Token
	return resp, nil
}

// maybeRotate rotates the credential when it expires within RotateBefore;
// a failure is only logged (the session goes on with the current one).
func (c *Client) maybeRotate(ctx context.Context) {
	v, _ := c.st.SyncMeta(ctx, MetaTokenExpires)
	exp, err := time.Parse(time.RFC3339, v)
	if v == "" || err != nil || exp.Sub(c.opts.Now()) > RotateBefore {
		return
	}
	if _, err := c.Rotate(ctx); err != nil {
		c.opts.Log.Warn("sync: credential rotation failed", "err", err)
	}
}

// RegisterKeys gives the server this device's public bundle keys once (a
// device enrolled before bundle keys existed) and pins the server's. The
// private keys are stored before they are sent, so an answer lost on the
// way is repaired by sending the same keys again.
func (c *Client) RegisterKeys(ctx context.Context) error {
	keys, err := bundleKeys(ctx, c.st)
	if err != nil {
		if keys, err = seal.Generate(); err != nil {
			return err
		}
		sk, bk := keys.Strings()
		if err := c.st.SetSyncMeta(ctx, map[string]string{MetaBundleSignKey: sk, MetaBundleBoxKey: bk}); err != nil {
			return err
		}
	}
	sg, bx := keys.Public().Strings()
	body, err := gz(protocol.KeysRequest{SignKey: sg, BoxKey: bx, InstallID: c.st.DeviceID()})
	if err != nil {
		return err
	}
	var resp protocol.KeysResponse
	if err := c.do(ctx, http.MethodPost, protocol.PathKeys, nil, body, &resp); err != nil {
		return err
	}
	if _, err := seal.ParsePublic(resp.ServerSignKey, resp.ServerBoxKey); err != nil || resp.DeviceID == "" {
		return badAnswer(err)
	}
	kv := map[string]string{MetaServerSignKey: resp.ServerSignKey, MetaServerBoxKey: resp.ServerBoxKey}
	if dev, _ := c.st.SyncMeta(ctx, MetaServerDevice); dev == "" {
		kv[MetaServerDevice] = resp.DeviceID
	}
	return c.st.SetSyncMeta(ctx, kv)
}

// maybeRegisterKeys registers the bundle keys when the server's are not
// pinned yet; a failure is only logged (bundles then say what to do).
func (c *Client) maybeRegisterKeys(ctx context.Context) {
	if v, _ := c.st.SyncMeta(ctx, MetaServerSignKey); v != "" {
		return
	}
	if err := c.RegisterKeys(ctx); err != nil {
		c.opts.Log.Warn("sync: bundle key registration failed", "err", err)
	}
}

// bundleKeys reads this device's private bundle keys.
func bundleKeys(ctx context.Context, st *store.Store) (seal.Keys, error) {
	sk, _ := st.SyncMeta(ctx, MetaBundleSignKey)
	bk, _ := st.SyncMeta(ctx, MetaBundleBoxKey)
	return seal.ParseKeys(sk, bk)
}

// CreateEnrollCode asks the server (as this BKPSDM device) for a one-time
// enrollment code for an OPD (or BKPSDM); the enrollment string carries this
// client's server URL and pinned CA fingerprint when the server left them out.
func (c *Client) CreateEnrollCode(ctx context.Context, opdKode string, bkpsdm bool, ttl time.Duration) (protocol.EnrollCodeResponse, error) {
	body, err := gz(protocol.EnrollCodeRequest{OPDKode: opdKode, BKPSDM: bkpsdm, TTLHours: int(ttl / time.Hour)})
	if err != nil {
		return protocol.EnrollCodeResponse{}, err
	}
	var resp protocol.EnrollCodeResponse
	if err := c.do(ctx, http.MethodPost, protocol.PathEnrollCode, nil, body, &resp); err != nil {
		return resp, err
	}
	if resp.ServerURL == "" {
		resp.ServerURL = c.opts.ServerURL
	}
	if resp.CAFingerprint == "" {
		resp.CAFingerprint, _ = c.st.SyncMeta(ctx, MetaCAFingerprint)
	}
	resp.Enrollment = protocol.FormatEnrollment(resp.ServerURL, resp.Code, resp.CAFingerprint)
	return resp, nil
}
