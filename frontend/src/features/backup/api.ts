// Backups, restore and the recovery at start (app_backup.go, backend/backup).
// The shapes are the generated Wails models' data (Plain, see
// src/api/types.ts). Go's time.Time fields arrive as RFC 3339 strings, which
// the generator cannot say (it types them `any`): they are narrowed here, the
// one place, as are the nil slices the screens read as empty lists.
import * as App from '../../../wailsjs/go/main/App';
import type { backup, main } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type { Plain } from '../../api/types';

export type BackupReason = 'HARIAN' | 'MIGRASI' | 'BOOTSTRAP' | 'MANUAL' | '';

/** One backup file with its manifest. */
export type BackupInfo = Omit<Plain<backup.Info>, 'createdAt'> & { createdAt: string };

export type BackupList = Omit<Plain<main.BackupList>, 'backups'> & { backups: BackupInfo[] };

/** What a backup holds, read from the file now. */
export type BackupPreview = Omit<Plain<backup.Preview>, 'createdAt'> & { createdAt: string };

export type BackupRestored = Omit<Plain<backup.Restored>, 'backup'> & { backup: BackupInfo };

/** What happened at start when the database was found damaged. */
export type Recovery = Omit<Plain<backup.Recovery>, 'at' | 'restored' | 'skipped'> & {
  at: string;
  restored: BackupInfo | null;
  skipped: string[];
};

const info = (b: backup.Info): BackupInfo => ({ ...b, createdAt: String(b.createdAt ?? '') });
const list = (l: main.BackupList): BackupList => ({ backups: (l.backups ?? []).map(info), keep: l.keep, dir: l.dir });

/** A backup copied to a folder the user picked, verified by reading it back; path "" when the dialog was cancelled. */
export type BackupCopied = Plain<backup.Copied>;

export const backupApi = {
  copy: (file: string): Promise<BackupCopied> => call(() => App.CopyBackup(file)),
  list: (): Promise<BackupList> => call(async () => list(await App.ListBackups())),
  preview: (file: string): Promise<BackupPreview> =>
    call(async () => {
      const p = await App.PreviewBackup(file);
      return { ...p, createdAt: String(p.createdAt ?? '') };
    }),
  create: (): Promise<BackupInfo> => call(async () => info(await App.CreateBackup())),
  restore: (file: string): Promise<BackupRestored> =>
    call(async () => {
      const r = await App.RestoreBackup(file);
      return { ...r, backup: info(r.backup) };
    }),
  saveKeep: (n: number): Promise<BackupList> => call(async () => list(await App.SaveBackupKeep(n))),
  recoveryStatus: (): Promise<Recovery> =>
    call(async () => {
      const r = await App.RecoveryStatus();
      return { ...r, at: String(r.at ?? ''), skipped: r.skipped ?? [], restored: r.restored ? info(r.restored) : null };
    }),
};
