// The import wizard's state as one reducer: the screen's steps and async
// handlers only dispatch, so which field a transition resets is written once.
import type { ImportKind, ImportMapping, ImportPreview, ImportProgress, ImportReport } from '../api';

export type ImportLocale = 'id-ID' | 'en-US';
export type Busy = null | 'preview' | 'dryrun' | 'commit';
/** 0 kind and file, 1 mapping, 2 dry-run report, 3 result. */
export type ImportStep = 0 | 1 | 2 | 3;

export interface ImportState {
  step: ImportStep;
  kind: ImportKind;
  /** The draft ABK tasks go to; null = the newest draft. */
  abkId: string | null;
  path: string;
  preview: ImportPreview | null;
  mapping: ImportMapping;
  /** How the file writes numbers; kept across files and sheets (the backend's default is id-ID). */
  locale: ImportLocale;
  dry: ImportReport | null;
  result: ImportReport | null;
  busy: Busy;
  progress: ImportProgress | null;
  error: string | null;
}

export type ImportAction =
  | { type: 'kind'; kind: ImportKind }
  | { type: 'abk'; abkId: string | null }
  | { type: 'locale'; locale: ImportLocale }
  | { type: 'column'; field: string; column: number | null }
  /** Work starts: the last error goes; a dry run or commit starts its progress afresh. */
  | { type: 'busy'; busy: Exclude<Busy, null> }
  | { type: 'idle' }
  | { type: 'progress'; progress: ImportProgress }
  /** A preview read; with `path` it is a newly chosen file, else another sheet or header row of it. */
  | { type: 'previewed'; preview: ImportPreview; path?: string; sheet?: string }
  | { type: 'checked'; report: ImportReport }
  | { type: 'committed'; report: ImportReport }
  | { type: 'failed'; error: string }
  | { type: 'dismissError' }
  | { type: 'back'; step: ImportStep }
  | { type: 'reset' };

export const initialImportState: ImportState = {
  step: 0,
  kind: 'pegawai',
  abkId: null,
  path: '',
  preview: null,
  mapping: { sheet: '', columns: {} },
  locale: 'id-ID',
  dry: null,
  result: null,
  busy: null,
  progress: null,
  error: null,
};

/** The mapping the backend suggests for a preview. */
function suggested(pv: ImportPreview, sheet: string): ImportMapping {
  return { sheet: pv.mapping.sheet ?? pv.sheet ?? sheet, columns: { ...(pv.mapping.columns ?? {}) }, headerRow: pv.headerRow };
}

export function importReducer(s: ImportState, a: ImportAction): ImportState {
  switch (a.type) {
    case 'kind':
      return { ...s, kind: a.kind };
    case 'abk':
      return { ...s, abkId: a.abkId };
    case 'locale':
      // The report was checked with the other number format.
      return { ...s, locale: a.locale, dry: null };
    case 'column': {
      const columns = { ...s.mapping.columns };
      if (a.column === null) delete columns[a.field];
      else columns[a.field] = a.column;
      return { ...s, mapping: { ...s.mapping, columns } };
    }
    case 'busy':
      return { ...s, busy: a.busy, error: null, progress: a.busy === 'preview' ? s.progress : null };
    case 'idle':
      return { ...s, busy: null };
    case 'progress':
      return { ...s, progress: a.progress };
    case 'previewed':
      if (a.path === undefined) return { ...s, preview: a.preview, mapping: suggested(a.preview, a.sheet ?? ''), dry: null };
      return { ...s, path: a.path, preview: a.preview, mapping: suggested(a.preview, ''), dry: null, result: null, step: 1 };
    case 'checked':
      return { ...s, dry: a.report, step: 2 };
    case 'committed':
      return { ...s, result: a.report, step: 3 };
    case 'failed':
      return { ...s, error: a.error };
    case 'dismissError':
      return { ...s, error: null };
    case 'back':
      return a.step < s.step && !s.busy ? { ...s, step: a.step } : s;
    case 'reset':
      return { ...s, step: 0, path: '', preview: null, dry: null, result: null, error: null };
  }
}

/** Required fields the mapping leaves without a column. */
export function missingFields(s: Pick<ImportState, 'preview' | 'mapping'>) {
  return (s.preview?.fields ?? []).filter((f) => f.required && s.mapping.columns[f.key] === undefined);
}
