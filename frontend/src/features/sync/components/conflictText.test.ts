import { describe, expect, it } from 'vitest';
import { byText, recordColumns, sameValue } from './conflictText';

describe('byText', () => {
  it('keeps the store sentence in Indonesian and frames it in English', () => {
    const by = 'Dihapus oleh Dinas A pada 27-11-2026 08:00';
    expect(byText(by, 'id')).toBe(by);
    expect(byText(by, 'en')).toBe('Deleted by Dinas A on 27-11-2026 08:00');
    expect(byText('Diubah oleh perangkat ini', 'en')).toBe('Changed by this device');
    expect(byText('Ditambahkan oleh BKPSDM (admin) pada 01-12-2026 10:30', 'en')).toBe('Added by BKPSDM (admin) on 01-12-2026 10:30');
    expect(byText('Ditulis oleh perangkat 0190abcd', 'en')).toBe('Written by device 0190abcd');
    expect(byText('Ditulis oleh perangkat lain', 'en')).toBe('Written by another device');
    expect(byText('', 'en')).toBe('');
  });
});

describe('recordColumns', () => {
  it('lists every column of both records in form order, without the id', () => {
    expect(recordColumns({ id: 'x', nama: 'A', nip: '1', zz: 1 }, { golongan: 32, nip: '1' })).toEqual(['nip', 'nama', 'golongan', 'zz']);
  });
  it('compares values across types and empties', () => {
    expect(sameValue(32, '32')).toBe(true);
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue('a', 'b')).toBe(false);
  });
});
