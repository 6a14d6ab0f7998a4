package main

import (
	"context"
	"github.com/bkpsdm-sorong/imbang/backend/actor"
	"github.com/bkpsdm-sorong/imbang/backend/authsvc"

	"github.com/bkpsdm-sorong/imbang/backend/auth"
	"github.com/bkpsdm-sorong/imbang/backend/domain"
)

// opPerms is THE permission table: every bound method of App (by the op name
// it passes to call) and the permission it needs. call checks it before the
// method runs, so a role lacking the permission gets the coded Permission
// error whatever the UI shows. TestEveryBoundMethodHasAPermission fails for a
// bound method missing here; add new methods to this table.
var opPerms = map[string]auth.Perm{
	// Open: no session (status, first run, login, UI log).
	"Status": auth.PermOpen, "LogUI": auth.PermOpen,
	"AuthSession": auth.PermOpen, "Login": auth.PermOpen, "Logout": auth.PermOpen, "Unlock": auth.PermOpen,
	"CreateFirstAdmin": auth.PermOpen, "RecoveryStatus": auth.PermOpen,
	// EnrollFirst works only while the installation has no account (the
	// first-run wizard enrolls before making it); later EnrollServer (akun).
	"EnrollFirst": auth.PermOpen,

	// Any logged-in user: their own session.
	"Lock": auth.PermSession, "ChangePassword": auth.PermSession, "CurrentUser": auth.PermSession,
	"UpdateStatus": auth.PermSession, "UpdateNow": auth.PermSession,
	"TransferRoles": auth.PermSession, "AccountPolicy": auth.PermSession,

	// Accounts and installation (PPK/Admin BKPSDM).
	"ListUsers": auth.PermAkun, "CreateUser": auth.PermAkun, "UpdateUser": auth.PermAkun, "ResetUserPassword": auth.PermAkun,
	"SaveAccountPolicy": auth.PermAkun, "DeviceVersions": auth.PermAkun, "EnrollServer": auth.PermAkun, "CreateEnrollCode": auth.PermAkun, "LoadDemo": auth.PermAkun, "CreatePemda": auth.PermAkun,

	// Reading aggregates, the organisation, the ABK, rules and requests.
	"Reference": auth.PermBaca, "Dashboard": auth.PermBaca, "ListOPD": auth.PermBaca, "OPDTree": auth.PermBaca, "ListJabatan": auth.PermBaca,
	"ABKSettings": auth.PermBaca, "StagnationLimit": auth.PermBaca, "ListABK": auth.PermBaca, "ABKRegion": auth.PermBaca,
	"ABKOPD": auth.PermBaca, "ABKTugas": auth.PermBaca, "HitungTugas": auth.PermBaca, "RetirementProjection": auth.PermBaca,
	"EligibilityRules": auth.PermBaca, "EligibilityParams": auth.PermBaca, "DefaultEligibilityParams": auth.PermBaca,
	"ListUsulan": auth.PermBaca, "GetUsulan": auth.PermBaca, "CheckMutasi": auth.PermBaca, "DokumenChecklist": auth.PermBaca,
	"DokumenMaxBytes": auth.PermBaca, "EvaluasiQuestions": auth.PermBaca, "EvaluasiDue": auth.PermBaca,
	"EvaluasiDueCount": auth.PermBaca, "EvaluasiForm": auth.PermBaca, "EvaluasiReport": auth.PermBaca,

	// Personal employee data (scoped to the OPD for the OPD-bound roles).
	"ListPegawai": auth.PermPegawai, "GetPegawai": auth.PermPegawai, "StagnationList": auth.PermPegawai,

	// Changes.
	"SavePegawai": auth.PermUbahPeg, "DeletePegawai": auth.PermUbahPeg,
	"SaveOPD": auth.PermOrg, "DeleteOPD": auth.PermOrg, "SaveUnit": auth.PermOrg, "DeleteUnit": auth.PermOrg,
	"SaveJabatan": auth.PermOrg, "DeleteJabatan": auth.PermOrg,
	"SaveABKSettings": auth.PermABK, "CreateABK": auth.PermABK, "FinalizeABK": auth.PermABK, "SaveABKTugas": auth.PermABK,
	"SaveStagnationLimit": auth.PermAturan, "SaveEligibilityParams": auth.PermAturan, "SaveDokumenMaxBytes": auth.PermAturan,
	"SaveEvaluasiQuestion": auth.PermAturan,
	"ListBackups":          auth.PermAturan, "PreviewBackup": auth.PermAturan, "CreateBackup": auth.PermAturan,
	"SaveBackupKeep": auth.PermAturan, "RestoreBackup": auth.PermAturan, "CopyBackup": auth.PermAturan,
	"ChooseImportFile": auth.PermImpor, "ImportPreview": auth.PermImpor, "ImportPreviewAt": auth.PermImpor, "ImportDryRun": auth.PermImpor, "ImportCommit": auth.PermImpor,
	"SaveImportTemplate": auth.PermImpor,
	"CreateUsulan":       auth.PermUsul, "UpdateUsulan": auth.PermUsul,
	"DecideUsulan": auth.PermPutus, "BulkDecide": auth.PermPutus,
	"ChooseDokumenFile": auth.PermDokumen, "AttachDokumen": auth.PermDokumen, "RemoveDokumen": auth.PermDokumen,
	"VerifyDokumen":  auth.PermVerDok,
	"SubmitEvaluasi": auth.PermEval,

	// Files written to disk (exports of personal data are also audited).
	"ExportPegawai": auth.PermEkspor, "ExportABK": auth.PermEkspor, "ExportABKOPD": auth.PermEkspor, "ExportABKTugas": auth.PermEkspor, "ExportDashboard": auth.PermEkspor,
	"ExportJabatan": auth.PermEkspor, "ExportOPD": auth.PermEkspor, "ExportStagnan": auth.PermEkspor,
	"ExportPensiun": auth.PermEkspor, "ExportReportPDF": auth.PermEkspor, "ExportReportPDFOPD": auth.PermEkspor, "SaveChartPNG": auth.PermEkspor,
	"ExportDokumen": auth.PermEkspor, "ExportEvaluasiReport": auth.PermEkspor,
	"PlannerSettings": auth.PermRencanaLihat, "PlanJob": auth.PermRencanaLihat, "PlanResult": auth.PermRencanaLihat,
	"ListPlanRuns": auth.PermRencanaLihat, "ExplainMove": auth.PermRencanaLihat, "WhyNot": auth.PermRencanaLihat,
	"CompareScenarios": auth.PermRencanaLihat,
	"StartPlan":        auth.PermRencana, "CreateScenario": auth.PermRencana, "CancelPlan": auth.PermRencana, "RerunPlan": auth.PermRencana,
	"SetMoveDecision": auth.PermRencana, "SavePlannerSettings": auth.PermAturan,
	// Portal Pegawai (app_portal.go): letters and reports for the OPD
	// operator and BKPSDM admin; the service scopes them by OPD. The portal's
	// address is a setting; closing a workflow conflict is a decision (the
	// service admits the verifier and the admin only).
	"SuratAktivasiPortal": auth.PermPortal, "LaporanPortal": auth.PermPortal, "JumlahLaporanPortal": auth.PermPortal,
	"TutupLaporanPortal": auth.PermPortal, "PortalURL": auth.PermBaca, "SavePortalURL": auth.PermAturan,
	"SelesaikanKonflikUsulan": auth.PermPutus,
	// Drafts also pass the workflow's own role check (who may create a request).
	"CreateDraftsFromPlan": auth.PermRencana,

	// Sync: status and "sync now" for anyone reading; conflicts and rejected
	// edits hold personal data; resolving one is an edit of the row.
	"SyncStatus": auth.PermBaca, "SyncNow": auth.PermBaca, "SyncSettings": auth.PermBaca,
	"SaveSyncSettings": auth.PermAturan, "RotateSyncCredential": auth.PermAturan,
	"ListConflicts": auth.PermPegawai, "ListSyncAttention": auth.PermPegawai, "DismissSyncAttention": auth.PermPegawai, "ListQuarantine": auth.PermPegawai, "DismissQuarantine": auth.PermPegawai,
	"ResolveConflict": auth.PermUbahPeg, "ResolveConflicts": auth.PermUbahPeg, "MergeDuplicate": auth.PermUbahPeg,
	"ConflictPage": auth.PermPegawai, "ConflictFacets": auth.PermPegawai,
	// Bundles carry this device's edits out and the server's data in: the
	// roles that do the sync work, not the read-only ones.
	"ExportBundle": auth.PermBundel, "ImportBundle": auth.PermBundel,

	"GenerateNotaUsulan": auth.PermEkspor, "GenerateDraftSK": auth.PermEkspor, "GenerateTandaTerima": auth.PermEkspor,
}

// opActions names, in words, what a bound method does where the refusal
// should say more than its permission (auth.PermAction): a refusal is a
// sentence a user can read, never the method's name.
var opActions = map[string]auth.Action{
	"CreateABK":             {ID: "membuat ABK baru", EN: "create a new ABK"},
	"FinalizeABK":           {ID: "menetapkan ABK", EN: "finalise an ABK"},
	"SaveABKTugas":          {ID: "mengubah tugas ABK", EN: "change ABK tasks"},
	"SaveABKSettings":       {ID: "mengubah pengaturan ABK", EN: "change the ABK settings"},
	"SaveStagnationLimit":   {ID: "mengubah batas masa jabatan (stagnasi)", EN: "change the time-in-post (stagnation) limit"},
	"SaveEligibilityParams": {ID: "mengubah parameter aturan mutasi", EN: "change the transfer rule parameters"},
	"SaveDokumenMaxBytes":   {ID: "mengubah batas ukuran dokumen", EN: "change the document size limit"},
	"SaveEvaluasiQuestion":  {ID: "mengubah pertanyaan evaluasi", EN: "change evaluation questions"},
	"SavePlannerSettings":   {ID: "mengubah pengaturan rencana mutasi", EN: "change the planner settings"},
	"SavePortalURL":         {ID: "mengubah alamat Portal Pegawai", EN: "change the Employee Portal address"},
	"SaveSyncSettings":      {ID: "mengubah pengaturan sinkronisasi", EN: "change the sync settings"},
	"RotateSyncCredential":  {ID: "mengganti kredensial sinkronisasi", EN: "rotate the sync credential"},
	"ListBackups":           {ID: "mengelola cadangan data", EN: "manage backups"},
	"PreviewBackup":         {ID: "mengelola cadangan data", EN: "manage backups"},
	"CreateBackup":          {ID: "membuat cadangan data", EN: "create a backup"},
	"SaveBackupKeep":        {ID: "mengubah pengaturan cadangan data", EN: "change the backup settings"},
	"RestoreBackup":         {ID: "memulihkan cadangan data", EN: "restore a backup"},
	"CreateUsulan":          {ID: "membuat usulan mutasi", EN: "create a transfer request"},
	"UpdateUsulan":          {ID: "mengubah usulan mutasi", EN: "edit a transfer request"},
	"CreateDraftsFromPlan":  {ID: "membuat usulan dari rencana mutasi", EN: "create requests from a transfer plan"},
	"SavePegawai":           {ID: "menyimpan data pegawai", EN: "save employee data"},
	"DeletePegawai":         {ID: "menghapus data pegawai", EN: "delete employee data"},
	"SaveOPD":               {ID: "mengubah data OPD", EN: "change an OPD"},
	"DeleteOPD":             {ID: "menghapus OPD", EN: "delete an OPD"},
	"SaveUnit":              {ID: "mengubah unit kerja", EN: "change a unit"},
	"DeleteUnit":            {ID: "menghapus unit kerja", EN: "delete a unit"},
	"SaveJabatan":           {ID: "mengubah data jabatan", EN: "change a position"},
	"DeleteJabatan":         {ID: "menghapus jabatan", EN: "delete a position"},
	"LoadDemo":              {ID: "memuat data contoh", EN: "load demo data"},
	"CreatePemda":           {ID: "membuat data Pemda", EN: "create the Pemda"},
}

// actionOf is what op does, in words.
func actionOf(op string) auth.Action {
	if a, ok := opActions[op]; ok {
		return a
	}
	return auth.PermAction(opPerms[op])
}

// authorize checks the permission of op for the session before a bound
// method runs and returns ctx carrying the session user: an op missing from
// the table is refused (never allowed by default), open ops need no session
// (the user is attached when one is logged in and not locked), session ops
// need a logged-in user (even a locked one may not: see authsvc.Authorize), the
// rest need the role's permission. A user who must change their password may
// only run session ops.
func (a *App) authorize(ctx context.Context, op string) (context.Context, error) {
	perm, ok := opPerms[op]
	if !ok {
		a.log.Error("bound method without a permission entry", "op", op)
		return ctx, domain.E(domain.KindPermission, "auth.no_entry", "Operasi "+op+" belum terdaftar dalam tabel izin.",
			"Operation "+op+" is not in the permission table.")
	}
	if perm == auth.PermOpen {
		if a.auth != nil {
			if u, locked, err := a.auth.Current(ctx); err == nil && !locked {
				ctx = actor.With(ctx, userActor(u))
			}
		}
		return ctx, nil
	}
	if a.auth == nil {
		return ctx, auth.ErrNoSession()
	}
	if perm == auth.PermSession {
		u, locked, err := a.auth.Current(ctx)
		if err != nil {
			return ctx, err
		}
		if locked && op != "Lock" {
			return ctx, auth.ErrLocked()
		}
		return actor.With(ctx, userActor(u)), nil
	}
	u, err := a.auth.Authorize(ctx)
	if err != nil {
		return ctx, err
	}
	if u.HarusGanti {
		return ctx, domain.E(domain.KindPermission, "auth.must_change", "Ganti kata sandi Anda terlebih dahulu.", "Change your password first.")
	}
	if !auth.Allowed(u.Role, perm) {
		return ctx, auth.Forbidden(u.Role, actionOf(op))
	}
	return actor.With(ctx, userActor(u)), nil
}

// userActor is the session user as the services see them.
func userActor(u authsvc.User) actor.Actor {
	return actor.Actor{ID: u.ID, Username: u.Username, Nama: u.Nama, Role: u.Role, OPDID: u.OPDID, PegawaiID: u.PegawaiID}
}
