import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import type { SyncStatus } from '../api';
import { dataAsOfText, syncSentence } from './syncSentence';

const base: SyncStatus = {
  configured: true,
  online: true,
  syncing: false,
  pending: 0,
  unsent: 0,
  conflicts: 0,
  attention: 0,
  quarantined: 0,
  filesWaiting: 0,
  lastSuccess: '2026-12-06T10:00:00Z',
};
const when = (iso: string) => `<${iso}>`;
const say = (s: SyncStatus, lang = 'id') => syncSentence(s, i18n.getFixedT(lang), (n) => formatNumber(n, lang), when);

beforeAll(async () => {
  await i18n.loadLanguages('en'); // English is loaded when chosen (i18n/index.ts); these tests ask for it directly
  await i18n.changeLanguage('id');
});

describe('syncSentence', () => {
  it('tells an unenrolled device to call BKPSDM, whatever else is waiting', () => {
    const r = say({ ...base, configured: false, pending: 49990, lastSuccess: undefined });
    expect(r.tone).toBe('yellow');
    expect(r.text).toMatch(/^Perangkat belum terdaftar — hubungi BKPSDM/);
    expect(r.text).toContain('49.990 perubahan menunggu dikirim.');
  });
  it('says since when there is no connection', () => {
    const r = say({ ...base, error: { code: 'offline', offline: true, message: 'x', messageEn: 'x' } as SyncStatus['error'], pending: 3 });
    expect(r.text).toContain('Tidak ada koneksi ke server sejak <2026-12-06T10:00:00Z>');
    expect(r.text).toContain('3 perubahan menunggu dikirim.');
    const never = say({ ...base, lastSuccess: undefined, error: { code: 'offline', offline: true, message: '', messageEn: '' } as SyncStatus['error'] });
    expect(never.text).toContain('sejak belum pernah');
  });
  it('puts conflicts before waiting changes, and counts files', () => {
    expect(say({ ...base, conflicts: 2, pending: 3 }).text).toMatch(/^2 konflik perlu diputuskan/);
    expect(say({ ...base, pending: 3, filesWaiting: 1250 }).text).toBe('3 perubahan menunggu dikirim. 1.250 berkas menunggu diunggah atau diunduh.');
    expect(say({ ...base, quarantined: 1, attention: 1 }).text).toMatch(/^2 perubahan ditolak server/);
  });
  it('says all is sent, in English too', () => {
    expect(say(base).tone).toBe('green');
    expect(say(base).text).toBe('Semua perubahan sudah terkirim; sinkronisasi terakhir berhasil <2026-12-06T10:00:00Z>.');
    expect(say({ ...base, pending: 1 }, 'en').text).toBe('1 change waiting to be sent.');
    expect(say({ ...base, configured: false }, 'en').text).toMatch(/^This device is not enrolled — ask BKPSDM/);
  });
});

describe('dataAsOfText', () => {
  it('is never a dash', () => {
    const t = i18n.getFixedT('id');
    expect(dataAsOfText({ ...base, dataAsOf: '2026-12-05T09:00:00Z' }, t, when)).toBe('<2026-12-05T09:00:00Z>');
    expect(dataAsOfText(base, t, when)).toBe('<2026-12-06T10:00:00Z>');
    expect(dataAsOfText({ ...base, lastSuccess: undefined }, t, when)).toBe('belum pernah');
    expect(dataAsOfText(undefined, i18n.getFixedT('en'), when)).toBe('never');
  });
});
