import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportReport } from '../api';
import { importReducer as r, initialImportState as init, missingFields, type ImportState } from './importState';

const field = (key: string, required: boolean) => ({ key, label: key, labelEn: key, required, hint: '' });

const preview = (sheet: string, headerRow = 1): ImportPreview => ({
  kind: 'abk',
  file: 'tugas.xlsx',
  sheet,
  sheets: ['Tugas', 'Lain'],
  headers: ['OPD', 'Uraian'],
  rows: [['DINKES', 'Menyusun laporan']],
  rowCount: 1,
  fields: [field('opdKode', true), field('uraian', true), field('catatan', false)],
  mapping: { sheet, columns: { opdKode: 0 } },
  missing: ['uraian'],
  headerRow,
  top: null,
  notices: null,
});

const report = { valid: 1, failed: 0, committed: false } as ImportReport;

describe('import wizard state', () => {
  it('a chosen file opens the mapping with the suggested columns and drops the old reports', () => {
    const before: ImportState = { ...init, kind: 'abk', locale: 'en-US', dry: report, result: report, step: 3 };
    const s = r(before, { type: 'previewed', path: '/t.xlsx', preview: preview('Tugas', 3) });
    expect(s).toMatchObject({ step: 1, path: '/t.xlsx', dry: null, result: null, locale: 'en-US', kind: 'abk' });
    expect(s.mapping).toEqual({ sheet: 'Tugas', columns: { opdKode: 0 }, headerRow: 3 });
    expect(missingFields(s).map((f) => f.key)).toEqual(['uraian']);
  });

  it('another sheet or header line keeps the step and file, and drops only the dry run', () => {
    const open = { ...r(init, { type: 'previewed', path: '/t.xlsx', preview: preview('Tugas') }), dry: report };
    const s = r(open, { type: 'previewed', sheet: 'Lain', preview: { ...preview('Lain', 2), mapping: { sheet: '', columns: {} } } });
    expect(s).toMatchObject({ step: 1, path: '/t.xlsx', dry: null });
    expect(s.mapping).toEqual({ sheet: '', columns: {}, headerRow: 2 });
  });

  it('maps and unmaps a column; a new number format invalidates the dry run', () => {
    let s = r(init, { type: 'previewed', path: '/t.xlsx', preview: preview('Tugas') });
    s = r(s, { type: 'column', field: 'uraian', column: 1 });
    expect(missingFields(s)).toEqual([]);
    s = r(s, { type: 'column', field: 'opdKode', column: null });
    expect(s.mapping.columns).toEqual({ uraian: 1 });
    s = r({ ...s, dry: report }, { type: 'locale', locale: 'en-US' });
    expect(s).toMatchObject({ locale: 'en-US', dry: null });
  });

  it('starting work clears the error, and a run its old progress', () => {
    const s = { ...init, error: 'x', progress: { done: 1, total: 2, phase: 'periksa' } };
    expect(r(s, { type: 'busy', busy: 'preview' })).toMatchObject({ busy: 'preview', error: null, progress: s.progress });
    expect(r(s, { type: 'busy', busy: 'dryrun' })).toMatchObject({ busy: 'dryrun', error: null, progress: null });
  });

  it('goes back only to an earlier step and not while busy', () => {
    const s = { ...init, step: 2 as const };
    expect(r(s, { type: 'back', step: 1 }).step).toBe(1);
    expect(r(s, { type: 'back', step: 3 }).step).toBe(2);
    expect(r({ ...s, busy: 'commit' }, { type: 'back', step: 0 }).step).toBe(2);
  });

  it('starting again keeps the kind, the target ABK and the number format', () => {
    const s = { ...init, kind: 'abk' as const, abkId: 'abk-1', locale: 'en-US' as const, step: 3 as const, path: '/t', result: report, error: 'x' };
    expect(r(s, { type: 'reset' })).toEqual({ ...init, kind: 'abk', abkId: 'abk-1', locale: 'en-US' });
  });
});
