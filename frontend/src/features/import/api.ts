// The import of employees and ABK tasks from a spreadsheet (backend/importer,
// app_io.go): choose a file ("" = cancelled) → preview with a suggested
// mapping → dry run → commit. The shapes are the generated Wails models'
// data (Plain, see src/api/types.ts); the dry run and the commit report
// progress as the event "import:progress".
import * as App from '../../../wailsjs/go/main/App';
import { importer } from '../../../wailsjs/go/models';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { call } from '../../api/errors';
import type { ID, Plain } from '../../api/types';

export type ImportKind = 'pegawai' | 'abk';

export type ImportField = Plain<importer.Field>;
/** columns: field key → column index (0-based); headerRow 0/absent = detected; locale "id-ID" (default) or "en-US". */
export type ImportMapping = Plain<importer.Mapping>;
export type ImportPreview = Plain<importer.Preview>;
/** How a file was read (e.g. converted from Windows-1252): shown beside the preview and the reports. */
export type ImportNotice = Plain<importer.Notice>;
export type ImportReason = Plain<importer.Reason>;
export type ImportRowError = Plain<importer.RowError>;
export type ImportReport = Plain<importer.Report>;

/** The payload of the Wails event "import:progress" (events carry no generated model). */
export interface ImportProgress {
  done: number;
  total: number;
  phase: string; // "periksa" | "simpan"
}

export const IMPORT_PROGRESS = 'import:progress';

/** Progress of an import's dry run or commit; a no-op outside the Wails webview. */
export function onImportProgress(handler: (p: ImportProgress) => void): () => void {
  if (typeof window === 'undefined' || !(window as unknown as { runtime?: unknown }).runtime) {
    return () => {};
  }
  return EventsOn(IMPORT_PROGRESS, (p: unknown) => {
    const o = (p ?? {}) as Record<string, unknown>;
    handler({ done: Number(o.done) || 0, total: Number(o.total) || 0, phase: typeof o.phase === 'string' ? o.phase : '' });
  });
}

export const importApi = {
  chooseFile: (): Promise<string> => call(() => App.ChooseImportFile()),
  preview: (kind: ImportKind, path: string, sheet = '', headerRow = 0): Promise<ImportPreview> =>
    call(() => (headerRow > 0 ? App.ImportPreviewAt(kind, path, sheet, headerRow) : App.ImportPreview(kind, path, sheet))),
  dryRun: (kind: ImportKind, path: string, mapping: ImportMapping, abkId: ID): Promise<ImportReport> =>
    call(() => App.ImportDryRun(kind, path, importer.Mapping.createFrom(mapping), abkId)),
  commit: (kind: ImportKind, path: string, mapping: ImportMapping, abkId: ID): Promise<ImportReport> =>
    call(() => App.ImportCommit(kind, path, importer.Mapping.createFrom(mapping), abkId)),
  /** The empty template of a kind; returns the written path, "" when the save dialog was cancelled. */
  saveTemplate: (kind: ImportKind): Promise<string> => call(() => App.SaveImportTemplate(kind)),
};
