package main

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/bkpsdm-sorong/imbang/backend/authsvc"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
	"github.com/bkpsdm-sorong/imbang/backend/store"
	"github.com/bkpsdm-sorong/imbang/sync/client"
	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Enrollment with the sync server (docs/enrollment-tls.md): the exchange
// of a one-time code for this installation's credential (EnrollServer, in
// app_auth.go for the first-run wizard), rotation of the credential, and —
// on a BKPSDM device, for a BKPSDM admin — new codes for other devices.

// syncStore is the local store the sync client works on.
func (a *App) syncStore() (*store.Store, error) {
	if a.sync != nil {
		return a.sync.st, nil
	}
	if st, ok := a.local.(*store.Store); ok {
		return st, nil
	}
	return nil, a.syncReady()
}

func (a *App) enrollServer(ctx context.Context, serverURL, token string) error {
	serverURL, token = strings.TrimSpace(serverURL), strings.TrimSpace(token)
	var v domain.Validation
	_, _, _, isString := protocol.ParseEnrollment(token)
	if !isString && !strings.HasPrefix(serverURL, "https://") && !strings.HasPrefix(serverURL, "http://") {
		v.Add("serverUrl", "akun.server_url", "Alamat server harus diawali https:// (atau http:// di jaringan kantor).",
			"The server address must start with https:// (or http:// on the office network).")
	}
	if len(token) < 6 {
		v.Add("token", "akun.token", "Kode pendaftaran minimal 6 karakter.", "The enrollment code needs at least 6 characters.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	if serverURL == "https://" || serverURL == "http://" {
		serverURL = ""
	}
	en, err := client.ParseEnrollment(serverURL, token, "")
	var ce *client.Error
	if errors.As(err, &ce) {
		field := "token"
		if strings.Contains(ce.MessageEn, "address") {
			field = "serverUrl"
		}
		var fv domain.Validation
		fv.Add(field, "sync.enroll_input", ce.Message, ce.MessageEn)
		return fv.Err()
	}
	st, err := a.syncStore()
	if err != nil {
		return err
	}
	if _, err := client.Enroll(ctx, st, en, client.Options{AppVersion: version, RetryMax: 2}); err != nil {
		if errors.As(err, &ce) && ce.Status == 401 {
			return domain.Wrap(err, domain.KindInvalid, "sync.enroll_refused", ce.Message, ce.MessageEn)
		}
		if errors.As(err, &ce) && (ce.Offline || ce.Code == client.CodeBusy) {
			// The sync's own wording ("data akan dikirim nanti") presumes an
			// enrolled device; here nothing will be sent until enrollment succeeds.
			return domain.Wrap(err, domain.KindUnavailable, "sync.enroll_offline",
				"Server pendaftaran tidak dapat dihubungi, jadi perangkat ini belum terdaftar dan belum ada data yang akan dikirim. Periksa alamat server dan jaringan lalu coba lagi, atau lewati dan daftarkan nanti di halaman Sinkronisasi.",
				"The enrollment server cannot be reached, so this device is not enrolled and nothing will be sent. Check the server address and the network and try again, or skip and enroll later on the Sinkronisasi page.")
		}
		return syncErr(err)
	}
	if a.sync != nil {
		a.sync.sched.Refresh(ctx)
		a.sync.sched.Trigger()
	}
	a.changed("sync")
	return nil
}

// EnrollFirst is EnrollServer for the first-run wizard: it needs no session
// and works only while the installation has no account, so the device is
// enrolled before its first account is made (firstOPDAccount).
func (a *App) EnrollFirst(serverURL, token string) error {
	_, err := call(a, "EnrollFirst", func(ctx context.Context) (struct{}, error) {
		if err := a.akunReady(); err != nil {
			return struct{}{}, err
		}
		has, err := a.auth.HasUsers(ctx)
		if err != nil {
			return struct{}{}, err
		}
		if has {
			return struct{}{}, domain.E(domain.KindConflict, "akun.first_admin_exists",
				"Akun sudah ada; masuk lalu daftarkan perangkat di halaman Sinkronisasi.", "Accounts exist; log in and enroll on the Sinkronisasi page.")
		}
		return struct{}{}, a.enrollServer(ctx, serverURL, token)
	})
	return err
}

// EnrollCodeDTO is a new one-time enrollment code for another device.
type EnrollCodeDTO struct {
	Code       string `json:"code"`
	ExpiresAt  string `json:"expiresAt"`
	Enrollment string `json:"enrollment"` // imbang1:<url>#<code>#<fp>, to paste or read out
}

// CreateEnrollCode asks the server for a one-time enrollment code for a
// device of the OPD with kode opdKode (or, with bkpsdm, a BKPSDM device),
// valid ttlHours (default 72). Only a BKPSDM device may (the server checks
// its credential); only a BKPSDM admin (PermAkun) may call it.
func (a *App) CreateEnrollCode(opdKode string, bkpsdm bool, ttlHours int) (EnrollCodeDTO, error) {
	return call(a, "CreateEnrollCode", func(ctx context.Context) (EnrollCodeDTO, error) {
		opdKode = strings.TrimSpace(opdKode)
		if bkpsdm {
			opdKode = ""
		}
		if opdKode == "" && !bkpsdm {
			var v domain.Validation
			v.Add("opdKode", "sync.enroll_opd", "Pilih OPD perangkat baru, atau tandai sebagai perangkat BKPSDM.", "Choose the new device's OPD, or mark it as a BKPSDM device.")
			return EnrollCodeDTO{}, v.Err()
		}
		if ttlHours < 0 || ttlHours > 30*24 {
			var v domain.Validation
			v.Add("ttlHours", "sync.enroll_ttl", "Masa berlaku 1 jam sampai 30 hari.", "Validity 1 hour to 30 days.")
			return EnrollCodeDTO{}, v.Err()
		}
		if err := a.syncReady(); err != nil {
			return EnrollCodeDTO{}, err
		}
		if opd, _ := a.sync.st.SyncMeta(ctx, client.MetaEnrolledOPD); opd != "" && opd != "BKPSDM" {
			return EnrollCodeDTO{}, domain.E(domain.KindPermission, "sync.enroll_not_bkpsdm",
				"Kode pendaftaran hanya dapat dibuat dari perangkat BKPSDM.", "Enrollment codes can only be made on a BKPSDM device.")
		}
		c, err := client.FromStore(ctx, a.sync.st, client.Options{AppVersion: version, RetryMax: 2})
		if err != nil {
			return EnrollCodeDTO{}, err
		}
		r, err := c.CreateEnrollCode(ctx, opdKode, bkpsdm, time.Duration(ttlHours)*time.Hour)
		if err != nil {
			var ce *client.Error
			if errors.As(err, &ce) && ce.Status == 403 {
				return EnrollCodeDTO{}, domain.Wrap(err, domain.KindPermission, "sync.enroll_not_bkpsdm",
					"Kode pendaftaran hanya dapat dibuat dari perangkat BKPSDM.", "Enrollment codes can only be made on a BKPSDM device.")
			}
			return EnrollCodeDTO{}, syncErr(err)
		}
		return EnrollCodeDTO{Code: r.Code, ExpiresAt: r.ExpiresAt, Enrollment: r.Enrollment}, nil
	})
}

// RotateSyncCredential replaces this installation's credential with a new
// one (the old one is refused from then on) and returns the settings.
func (a *App) RotateSyncCredential() (SyncSettingsDTO, error) {
	return call(a, "RotateSyncCredential", func(ctx context.Context) (SyncSettingsDTO, error) {
		if err := a.syncReady(); err != nil {
			return SyncSettingsDTO{}, err
		}
		c, err := client.FromStore(ctx, a.sync.st, client.Options{AppVersion: version, RetryMax: 2})
		if err != nil {
			return SyncSettingsDTO{}, err
		}
		if _, err := c.Rotate(ctx); err != nil {
			return SyncSettingsDTO{}, syncErr(err)
		}
		a.sync.sched.Refresh(ctx)
		return a.sync.settings(ctx)
	})
}

// firstOPDAccount: on a device enrolled for an OPD, the first account is an
// operator of that OPD (docs/enrollment-tls.md "The first account of an
// OPD desktop"). A BKPSDM administrator with opd_id "" made there would be
// rejected by the server (an OPD device may not create BKPSDM accounts) and
// then removed locally, leaving nobody able to log in. First a sync brings
// the OPD's rows and any accounts BKPSDM already made for it; if some
// arrived, the user logs in with one. ok is false when the device is not
// enrolled for an OPD (the ordinary first administrator).
func (a *App) firstOPDAccount(ctx context.Context, in authsvc.NewUser) (authsvc.Session, bool, error) {
	st, err := a.syncStore()
	if err != nil {
		return authsvc.Session{}, false, nil
	}
	kode, _ := st.SyncMeta(ctx, client.MetaEnrolledOPD)
	if kode == "" || kode == "BKPSDM" {
		return authsvc.Session{}, false, nil
	}
	if has, err := a.auth.HasUsers(ctx); err != nil || has {
		if err == nil {
			err = domain.E(domain.KindConflict, "akun.first_admin_exists", "Akun sudah ada; silakan masuk.", "Accounts exist already; please log in.")
		}
		return authsvc.Session{}, true, err
	}
	c, err := client.FromStore(ctx, st, client.Options{AppVersion: version, RetryMax: 2})
	if err == nil {
		_, err = c.Sync(ctx)
	}
	if err != nil {
		return authsvc.Session{}, true, domain.Wrap(syncErr(err), domain.KindUnavailable, "akun.first_sync",
			"Sinkronisasi pertama dengan server harus berhasil sebelum akun pertama OPD dibuat; periksa sambungan lalu coba lagi.",
			"The first sync with the server must succeed before the OPD's first account is made; check the link and retry.")
	}
	if has, err := a.auth.HasUsers(ctx); err != nil || has {
		if err == nil {
			err = domain.E(domain.KindConflict, "akun.first_admin_exists", "Akun OPD ini sudah dibuat oleh BKPSDM dan telah diunduh; silakan masuk.",
				"This OPD's accounts were made by BKPSDM and downloaded; please log in.")
		}
		return authsvc.Session{}, true, err
	}
	opds, err := st.ListOPD(ctx)
	if err != nil {
		return authsvc.Session{}, true, err
	}
	opdID := ""
	for _, o := range opds {
		if o.Kode == kode {
			opdID = o.ID
		}
	}
	if opdID == "" {
		return authsvc.Session{}, true, domain.E(domain.KindUnavailable, "akun.first_opd_missing",
			"OPD "+kode+" belum ada di server; minta BKPSDM menyinkronkan data OPD lalu coba lagi.",
			"OPD "+kode+" is not on the server yet; ask BKPSDM to sync the OPD data and retry.")
	}
	in.Role, in.OPDID = domain.RoleOperatorOPD, opdID
	// "setup" is a system actor for the server (sync/server/roles.go)
	if _, err := a.auth.CreateUser(ctx, "setup", in); err != nil {
		return authsvc.Session{}, true, err
	}
	s, err := a.auth.Login(ctx, in.Username, in.Password)
	return s, true, err
}
