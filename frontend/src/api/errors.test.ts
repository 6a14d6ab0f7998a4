import { describe, expect, it, vi } from 'vitest';
import { AppError, call, errorTitleKey, toAppError } from './errors';
import i18n from '../i18n';

const invalid = JSON.stringify({
  kind: 'Invalid',
  code: 'validation',
  message: 'NIP harus 18 digit (dan 1 masalah lain)',
  messageEn: 'NIP must have 18 digits (and 1 more)',
  fields: [
    { field: 'nip', code: 'nip.length', message: 'NIP harus 18 digit.', messageEn: 'NIP must have 18 digits.' },
    { field: 'nama', code: 'nama.required', message: 'Nama wajib diisi.', messageEn: 'Name is required.' },
    { field: 'nip', code: 'nip.gender', message: 'kedua', messageEn: 'second' },
  ],
});

describe('toAppError', () => {
  it('decodes the JSON text app.go rejects with', () => {
    const e = toAppError(invalid);
    expect(e).toBeInstanceOf(AppError);
    expect(e.kind).toBe('Invalid');
    expect(e.code).toBe('validation');
    expect(e.text('id')).toBe('NIP harus 18 digit (dan 1 masalah lain)');
    expect(e.text('en')).toBe('NIP must have 18 digits (and 1 more)');
    expect(e.fields).toHaveLength(3);
    expect(e.fieldMessages('id')).toEqual({ nip: 'NIP harus 18 digit.', nama: 'Nama wajib diisi.' });
    expect(e.fieldMessages('en')).toEqual({ nip: 'NIP must have 18 digits.', nama: 'Name is required.' });
  });

  it('decodes the JSON when the Wails runtime wraps it in an Error (v2.13)', () => {
    const raw = new Error(invalid);
    const e = toAppError(raw);
    expect(e.kind).toBe('Invalid');
    expect(e.fieldMessages('id').nip).toBe('NIP harus 18 digit.');
    expect(e.raw).toBe(raw);
  });

  it('keeps Conflict and NotFound kinds without fields', () => {
    const e = toAppError(
      '{"kind":"Conflict","code":"opd.has_pegawai","message":"OPD masih punya pegawai.","messageEn":"The OPD still has employees."}',
    );
    expect(e.kind).toBe('Conflict');
    expect(e.code).toBe('opd.has_pegawai');
    expect(e.fields).toEqual([]);
    expect(e.text('id')).toBe('OPD masih punya pegawai.');
  });

  it('falls back to the other language when one message is missing', () => {
    const e = toAppError('{"kind":"NotFound","code":"pegawai.not_found","message":"Pegawai tidak ditemukan."}');
    expect(e.text('en')).toBe('Pegawai tidak ditemukan.');
  });

  it.each([
    ['plain text', 'runtime error: invalid memory address'],
    ['broken JSON', '{"kind":"Invalid",'],
    ['unknown kind', '{"kind":"Oops","code":"x","message":"m"}'],
    ['JSON array', '[1,2]'],
    ['a JS error', new TypeError("Cannot read properties of undefined (reading 'main')")],
    ['a Wails call timeout', new Error('Call to main.App.Status timed out. Request ID: 7')],
    ['an Error with broken JSON', new Error('{"kind":')],
    ['undefined', undefined],
    ['a number', 42],
  ])('turns %s into Internal', (_label, raw) => {
    const e = toAppError(raw);
    expect(e.kind).toBe('Internal');
    expect(e.code).toBe('internal');
    expect(e.text('id')).toMatch(/kesalahan internal/);
    expect(e.text('en')).toMatch(/Internal error/);
    expect(e.raw).toBe(raw);
  });

  it('accepts an already-decoded object', () => {
    const e = toAppError({ kind: 'Permission', code: 'role', message: 'Tidak berwenang.', messageEn: 'Not allowed.' });
    expect(e.kind).toBe('Permission');
  });

  it('returns an AppError unchanged', () => {
    const a = toAppError(invalid);
    expect(toAppError(a)).toBe(a);
  });
});

describe('call', () => {
  it('passes results through', async () => {
    await expect(call(() => Promise.resolve(7))).resolves.toBe(7);
  });

  it('rejects with AppError', async () => {
    await expect(call(() => Promise.reject(invalid))).rejects.toMatchObject({ kind: 'Invalid', code: 'validation' });
    await expect(call(() => Promise.reject(new Error(invalid)))).rejects.toBeInstanceOf(AppError);
  });

  it('wraps a synchronous throw (missing window.go)', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(
      call(() => {
        throw new TypeError('window.go is undefined');
      }),
    ).rejects.toMatchObject({ kind: 'Internal' });
    spy.mockRestore();
  });
});

describe('errorTitleKey', () => {
  it('titles a refused bundle by its code, in both languages, and anything else by its kind', async () => {
    const bundle = toAppError('{"kind":"Invalid","code":"sync.bundle-invalid","message":"Bundel ditolak","messageEn":"Bundle refused"}');
    expect(errorTitleKey(bundle)).toBe('errors.code.sync.bundle-invalid');
    await i18n.changeLanguage('id');
    expect(i18n.t(errorTitleKey(bundle))).toBe('Bundel ditolak: tanda tangan tidak sah');
    await i18n.changeLanguage('en');
    expect(i18n.t(errorTitleKey(bundle))).toBe('Bundle refused: invalid signature');
    await i18n.changeLanguage('id');
    for (const code of ['sync.bundle-format', 'sync.bundle-kind', 'sync.bundle-server', 'sync.bundle-device', 'sync.bundle-no-keys', 'sync.bundle-cursor']) {
      const key = errorTitleKey(new AppError({ kind: 'Invalid', code, message: 'x' }));
      expect(i18n.exists(key), key).toBe(true);
    }
    expect(errorTitleKey(toAppError(invalid))).toBe('errors.kind.Invalid');
  });
});
