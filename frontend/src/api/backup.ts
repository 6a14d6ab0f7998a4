// Backups, restore and the recovery at start (app_backup.go, backend/backup).
// The shapes are written out here; the assignments below make a drift in the
// generated Wails models a type error.
import * as App from '../../wailsjs/go/main/App';
import type { backup, main } from '../../wailsjs/go/models';
import { call } from './errors';

export type BackupReason = 'harian' | 'migrasi' | 'bootstrap' | 'manual' | '';

/** One backup file with its manifest. Times are RFC 3339 strings. */
export interface BackupInfo {
  file: string;
  reason: BackupReason | string;
  detail?: string;
  createdAt: string;
  schemaVersion: number;
  counts: Record<string, number>;
  dataDate: string;
  integrity: string;
  size: number;
  sha256: string;
  millis: number;
  path: string;
  noManifest: boolean;
}

export interface BackupList {
  backups: BackupInfo[];
  keep: number;
  dir: string;
}

/** What a backup holds, read from the file now. */
export interface BackupPreview extends BackupInfo {
  schemaVersionFile: number;
  pemda: string;
  demo: boolean;
  opd: number;
  pegawai: number;
  usulan: number;
  latestChange: string;
  integrityNow: string;
  integrityOk: boolean;
  hashOk: boolean;
  restorable: boolean;
  problem?: string;
  problemEn?: string;
  previewMillis: number;
}

export interface BackupRestored {
  backup: BackupInfo;
  keptAside: string;
  millis: number;
}

/** What happened at start when the database was found damaged. */
export interface Recovery {
  happened: boolean;
  at: string;
  cause: string;
  causeEn: string;
  damaged: string;
  restored: BackupInfo | null;
  noBackup: boolean;
  skipped: string[];
  millis: number;
}

const asInfo = (b: backup.Info): BackupInfo => b as unknown as BackupInfo;
// Type checks against the generated models (fields the UI reads).
const _checkInfo: Pick<backup.Info, 'file' | 'size' | 'sha256' | 'noManifest'> = {} as Pick<BackupInfo, 'file' | 'size' | 'sha256' | 'noManifest'>;
const _checkPreview: Pick<backup.Preview, 'pegawai' | 'opd' | 'usulan' | 'restorable' | 'integrityOk' | 'hashOk' | 'previewMillis'> =
  {} as Pick<BackupPreview, 'pegawai' | 'opd' | 'usulan' | 'restorable' | 'integrityOk' | 'hashOk' | 'previewMillis'>;
const _checkList: Pick<main.BackupList, 'keep' | 'dir'> = {} as Pick<BackupList, 'keep' | 'dir'>;
const _checkRecovery: Pick<backup.Recovery, 'happened' | 'noBackup' | 'damaged' | 'cause' | 'causeEn'> = {} as Pick<
  Recovery,
  'happened' | 'noBackup' | 'damaged' | 'cause' | 'causeEn'
>;
void [_checkInfo, _checkPreview, _checkList, _checkRecovery];

export const backupApi = {
  list: (): Promise<BackupList> =>
    call(async () => {
      const l = await App.ListBackups();
      return { backups: (l.backups ?? []).map(asInfo), keep: l.keep, dir: l.dir };
    }),
  preview: (file: string): Promise<BackupPreview> => call(async () => (await App.PreviewBackup(file)) as unknown as BackupPreview),
  create: (): Promise<BackupInfo> => call(async () => asInfo(await App.CreateBackup())),
  restore: (file: string): Promise<BackupRestored> => call(async () => (await App.RestoreBackup(file)) as unknown as BackupRestored),
  saveKeep: (n: number): Promise<BackupList> =>
    call(async () => {
      const l = await App.SaveBackupKeep(n);
      return { backups: (l.backups ?? []).map(asInfo), keep: l.keep, dir: l.dir };
    }),
  recoveryStatus: (): Promise<Recovery> =>
    call(async () => {
      const r = (await App.RecoveryStatus()) as unknown as Recovery;
      return { ...r, skipped: r.skipped ?? [], restored: r.restored ?? null };
    }),
};
