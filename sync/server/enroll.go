package server

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
	"github.com/bkpsdm-sorong/imbang/sync/seal"
	"github.com/google/uuid"
)

// Enrollment (docs/enrollment-tls.md): a BKPSDM admin creates a one-time,
// expiring code for an OPD (or for BKPSDM); a device exchanges it once for
// its credential, bound to its install UUID. Codes live in the server meta
// under "enroll:<sha256 of the code>" (so both stores keep them without a
// schema change); the code itself is never stored. A credential is
// "imb1.<expiry unix>.<random hex>": the expiry is part of the hashed token,
// so it cannot be altered, and needs no column either.

// DefaultEnrollTTL is how long an enrollment code is valid by default.
const DefaultEnrollTTL = 72 * time.Hour

// DefaultCredentialTTL is how long a credential is valid by default; the
// client rotates it when less than a third of it is left.
const DefaultCredentialTTL = 365 * 24 * time.Hour

type enrollRecord struct {
	OPDKode string `json:"opd_kode,omitempty"`
	BKPSDM  bool   `json:"bkpsdm,omitempty"`
	Expires string `json:"expires"`
	Created string `json:"created"`
	UsedBy  string `json:"used_by,omitempty"` // the device made from it
	UsedAt  string `json:"used_at,omitempty"`
}

// b32 is base32 without padding: codes are A–Z and 2–7, no 0/1/8/9.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NormalizeCode uppercases a typed code and drops spaces and dashes.
func NormalizeCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch {
		case r >= 'A' && r <= 'Z', r >= '2' && r <= '7':
			b.WriteRune(r)
		case r == '0':
			b.WriteRune('O') // read over the phone
		case r == '1':
			b.WriteRune('I')
		}
	}
	return b.String()
}

func enrollKey(code string) string { return "enroll:" + HashToken(NormalizeCode(code)) }

// CreateEnrollment makes a one-time code for a device of the OPD named by
// opd, its kode or its singkatan (or a BKPSDM device), valid for ttl
// (DefaultEnrollTTL if 0). The code is bound to the OPD's kode. An OPD the
// server does not hold is refused (errUnknownOPD): a device enrolled for it
// would sync "successfully" and see nobody. The code is 16 base32
// characters in groups of four (80 random bits).
func (s *Server) CreateEnrollment(ctx context.Context, opd string, bkpsdm bool, ttl time.Duration) (protocol.EnrollCodeResponse, error) {
	opd = strings.TrimSpace(opd)
	if bkpsdm == (opd != "") {
		return protocol.EnrollCodeResponse{}, errors.New("server: an enrollment code is for exactly one OPD or for BKPSDM")
	}
	opdKode := ""
	if !bkpsdm {
		var err error
		if opdKode, err = s.ResolveOPD(ctx, opd); err != nil {
			return protocol.EnrollCodeResponse{}, err
		}
	}
	if ttl <= 0 {
		ttl = DefaultEnrollTTL
	}
	if ttl > 30*24*time.Hour {
		return protocol.EnrollCodeResponse{}, errors.New("server: an enrollment code may live at most 30 days")
	}
	var raw [10]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return protocol.EnrollCodeResponse{}, err
	}
	c := b32.EncodeToString(raw[:])
	code := c[0:4] + "-" + c[4:8] + "-" + c[8:12] + "-" + c[12:16]
	now := s.opts.Now().UTC()
	rec := enrollRecord{OPDKode: opdKode, BKPSDM: bkpsdm, Expires: now.Add(ttl).Format(time.RFC3339), Created: now.Format(time.RFC3339)}
	b, _ := json.Marshal(rec)
	if err := s.st.Update(ctx, func(tx Tx) error { return tx.SetMeta(enrollKey(code), string(b)) }); err != nil {
		return protocol.EnrollCodeResponse{}, err
	}
	s.log.Info("enrollment code created", "opd", opdKode, "bkpsdm", bkpsdm, "expires", rec.Expires)
	return protocol.EnrollCodeResponse{Code: code, ExpiresAt: rec.Expires, ServerURL: s.opts.PublicURL, CAFingerprint: s.opts.CAFingerprint,
		Enrollment: protocol.FormatEnrollment(s.opts.PublicURL, code, s.opts.CAFingerprint), OPDKode: opdKode}, nil
}

var errEnrollCode = &httpError{http.StatusUnauthorized, protocol.ErrUnauthorized,
	"Kode pendaftaran tidak dikenal, sudah dipakai, atau kedaluwarsa. Minta kode baru ke admin BKPSDM.",
	"Unknown, used or expired enrollment code; ask a BKPSDM admin for a new one.", nil}

// newCredential returns a token valid until exp (zero: no expiry).
func newCredential(exp time.Time) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	e := int64(0)
	if !exp.IsZero() {
		e = exp.Unix()
	}
	return "imb1." + strconv.FormatInt(e, 10) + "." + hex.EncodeToString(b[:]), nil
}

// credentialExpiry parses a token's expiry; zero for legacy tokens and
// tokens without one.
func credentialExpiry(tok string) time.Time {
	rest, ok := strings.CutPrefix(tok, "imb1.")
	if !ok {
		return time.Time{}
	}
	e, _, ok := strings.Cut(rest, ".")
	if !ok {
		return time.Time{}
	}
	n, err := strconv.ParseInt(e, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}

func (s *Server) credentialExp() time.Time {
	if s.opts.CredentialTTL < 0 {
		return time.Time{}
	}
	return s.opts.Now().Add(s.opts.CredentialTTL).UTC()
}

func expString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// Enroll exchanges a code for a credential bound to installID, without
// bundle keys (the device may register them later: RegisterKeys).
func (s *Server) Enroll(ctx context.Context, code, installID string) (protocol.EnrollResponse, error) {
	return s.EnrollDevice(ctx, protocol.EnrollRequest{Code: code, InstallID: installID})
}

// EnrollDevice exchanges a code for a credential bound to the request's
// install id and keeps the device's public bundle keys when it sends them;
// the answer carries the server's. A code works once; an unknown, used or
// expired code changes nothing.
func (s *Server) EnrollDevice(ctx context.Context, req protocol.EnrollRequest) (protocol.EnrollResponse, error) {
	code, installID := req.Code, req.InstallID
	if NormalizeCode(code) == "" {
		return protocol.EnrollResponse{}, errEnrollCode
	}
	if _, err := uuid.Parse(installID); err != nil {
		return protocol.EnrollResponse{}, errBadRequest("install_id must be the installation's UUID")
	}
	if req.SignKey != "" || req.BoxKey != "" {
		if _, err := seal.ParsePublic(req.SignKey, req.BoxKey); err != nil {
			return protocol.EnrollResponse{}, errBadRequest("sign_key and box_key must be hex Ed25519 and X25519 public keys")
		}
	}
	srvSign, srvBox, err := s.ServerKeys(ctx)
	if err != nil {
		return protocol.EnrollResponse{}, errInternal(err)
	}
	exp := s.credentialExp()
	tok, err := newCredential(exp)
	if err != nil {
		return protocol.EnrollResponse{}, errInternal(err)
	}
	var resp protocol.EnrollResponse
	now := s.opts.Now().UTC()
	err = s.st.Update(ctx, func(tx Tx) error {
		v, err := tx.Meta(enrollKey(code))
		if err != nil {
			return err
		}
		if v == "" {
			return errEnrollCode
		}
		var rec enrollRecord
		if err := json.Unmarshal([]byte(v), &rec); err != nil {
			return err
		}
		if rec.UsedBy != "" {
			// The same installation asking again (its answer was lost):
			// a fresh credential for its device, within an hour.
			used, _ := time.Parse(time.RFC3339, rec.UsedAt)
			d, err := tx.Device(rec.UsedBy)
			if err != nil || d.Revoked || d.InstallID != installID || now.Sub(used) > time.Hour {
				return errEnrollCode
			}
			d.TokenHash = HashToken(tok)
			if req.SignKey != "" {
				d.SignKey, d.BoxKey = req.SignKey, req.BoxKey // the keys of the answer it did get
			}
			resp = protocol.EnrollResponse{DeviceID: d.ID, Token: tok, OPDKode: d.OPDKode, BKPSDM: d.BKPSDM, ExpiresAt: expString(exp),
				ServerSignKey: srvSign, ServerBoxKey: srvBox}
			return tx.PutDevice(d)
		}
		if t, err := time.Parse(time.RFC3339, rec.Expires); err != nil || !now.Before(t) {
			return errEnrollCode
		}
		d := Device{ID: uuid.NewString(), OPDKode: rec.OPDKode, BKPSDM: rec.BKPSDM, TokenHash: HashToken(tok), InstallID: installID, Created: now.Format(time.RFC3339),
			SignKey: req.SignKey, BoxKey: req.BoxKey}
		if err := tx.PutDevice(d); err != nil {
			return err
		}
		rec.UsedBy, rec.UsedAt = d.ID, now.Format(time.RFC3339)
		b, _ := json.Marshal(rec)
		if err := tx.SetMeta(enrollKey(code), string(b)); err != nil {
			return err
		}
		resp = protocol.EnrollResponse{DeviceID: d.ID, Token: tok, OPDKode: d.OPDKode, BKPSDM: d.BKPSDM, ExpiresAt: expString(exp),
			ServerSignKey: srvSign, ServerBoxKey: srvBox}
		return nil
	})
	if err != nil {
		return protocol.EnrollResponse{}, err
	}
	s.log.Info("device enrolled", "device", resp.DeviceID, "opd", resp.OPDKode, "bkpsdm", resp.BKPSDM, "bundle_keys", req.SignKey != "")
	return resp, nil
}

// Rotate replaces the device's credential with a new one; the old token is
// refused from now on.
func (s *Server) Rotate(ctx context.Context, deviceID string) (protocol.EnrollResponse, error) {
	srvSign, srvBox, err := s.ServerKeys(ctx)
	if err != nil {
		return protocol.EnrollResponse{}, err
	}
	exp := s.credentialExp()
	tok, err := newCredential(exp)
	if err != nil {
		return protocol.EnrollResponse{}, err
	}
	var resp protocol.EnrollResponse
	err = s.st.Update(ctx, func(tx Tx) error {
		d, err := tx.Device(deviceID)
		if err != nil {
			return err
		}
		if d.Revoked {
			return errUnauthorized
		}
		d.TokenHash = HashToken(tok)
		resp = protocol.EnrollResponse{DeviceID: d.ID, Token: tok, OPDKode: d.OPDKode, BKPSDM: d.BKPSDM, ExpiresAt: expString(exp),
			ServerSignKey: srvSign, ServerBoxKey: srvBox}
		return tx.PutDevice(d)
	})
	if err != nil {
		return protocol.EnrollResponse{}, err
	}
	s.log.Info("credential rotated", "device", deviceID)
	return resp, nil
}

func asHTTP(err error) *httpError {
	var he *httpError
	if errors.As(err, &he) {
		return he
	}
	if errors.Is(err, ErrNotFound) {
		return errUnauthorized
	}
	return errInternal(err)
}

func (s *Server) handleEnroll(w http.ResponseWriter, r *http.Request) {
	if !s.limiter.allow("ip:"+clientIP(r), s.opts.Now()) {
		s.fail(w, r, errRateLimited)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10) // unauthenticated: small bodies only
	var req protocol.EnrollRequest
	if herr := readBody(r, &req); herr != nil {
		s.fail(w, r, herr)
		return
	}
	resp, err := s.EnrollDevice(r.Context(), req)
	if err != nil {
		s.fail(w, r, asHTTP(err))
		return
	}
	s.reply(w, r, resp)
}

func (s *Server) handleRotate(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	resp, err := s.Rotate(r.Context(), d.ID)
	if err != nil {
		s.fail(w, r, asHTTP(err))
		return
	}
	s.reply(w, r, resp)
}

var errNotBKPSDM = &httpError{http.StatusForbidden, protocol.ErrForbidden,
	"Hanya perangkat BKPSDM yang dapat membuat kode pendaftaran.", "Only BKPSDM devices may create enrollment codes.", nil}

func (s *Server) handleEnrollCode(w http.ResponseWriter, r *http.Request) {
	d, herr := s.authenticate(r)
	if herr != nil {
		s.fail(w, r, herr)
		return
	}
	if !d.BKPSDM {
		s.fail(w, r, errNotBKPSDM)
		return
	}
	var req protocol.EnrollCodeRequest
	if herr := readBody(r, &req); herr != nil {
		s.fail(w, r, herr)
		return
	}
	resp, err := s.CreateEnrollment(r.Context(), req.OPDKode, req.BKPSDM, time.Duration(req.TTLHours)*time.Hour)
	if err != nil {
		var he *httpError
		if errors.As(err, &he) {
			s.fail(w, r, he)
		} else {
			s.fail(w, r, errBadRequest(fmt.Sprint(err)))
		}
		return
	}
	s.log.Info("enrollment code created by device", "device", d.ID)
	s.reply(w, r, resp)
}

// OPDKnown reports whether the server holds a live OPD row with kode.
func (s *Server) OPDKnown(ctx context.Context, kode string) (bool, error) {
	var id string
	err := s.st.Update(ctx, func(tx Tx) error {
		var err error
		id, err = opdIDOf(tx, kode)
		return err
	})
	return id != "", err
}

// errUnknownOPD refuses an enrollment code for an OPD the server does not hold.
func errUnknownOPD(name string, ambiguous []string) *httpError {
	if len(ambiguous) > 1 {
		return &httpError{http.StatusNotFound, protocol.ErrUnknownOPD,
			fmt.Sprintf("Singkatan %q dipakai beberapa OPD (%s); sebutkan kodenya.", name, strings.Join(ambiguous, ", ")),
			fmt.Sprintf("The singkatan %q belongs to several OPDs (%s); give the kode.", name, strings.Join(ambiguous, ", ")), nil}
	}
	return &httpError{http.StatusNotFound, protocol.ErrUnknownOPD,
		fmt.Sprintf("OPD %q tidak ada di server (dicari menurut kode dan singkatan); kode pendaftaran tidak dibuat. Kirim dulu data wilayah dari desktop BKPSDM.", name),
		fmt.Sprintf("OPD %q is not on the server (looked up by kode and singkatan); no enrollment code was made. Sync the region from the BKPSDM desktop first.", name), nil}
}

// ResolveOPD finds the kode of a live OPD named by its kode or, failing
// that, by its singkatan (case-insensitive; it must name one OPD only).
func (s *Server) ResolveOPD(ctx context.Context, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", errUnknownOPD(name, nil)
	}
	if ok, err := s.OPDKnown(ctx, name); err != nil || ok {
		return name, err
	}
	// The singkatan is not indexed: read the OPD rows from the log (an
	// operator's action, rare; a region holds tens of OPDs).
	var kodes []string
	for after := int64(0); ; {
		its, err := s.st.Scan(ctx, after, 4096)
		if err != nil {
			return "", err
		}
		if len(its) == 0 {
			break
		}
		for _, it := range its {
			after = it.Seq
			if it.Kind != ItemRow || it.Table != "opd" || it.Deleted {
				continue
			}
			row, err := rowData(&it)
			if err != nil {
				return "", err
			}
			if sk := str(row["singkatan"]); sk != "" && strings.EqualFold(sk, name) {
				kodes = append(kodes, str(row["kode"]))
			}
		}
	}
	if len(kodes) != 1 {
		return "", errUnknownOPD(name, kodes)
	}
	return kodes[0], nil
}
