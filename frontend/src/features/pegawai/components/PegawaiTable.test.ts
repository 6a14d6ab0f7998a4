import { describe, expect, it } from 'vitest';
import { columnsToHide, DROP_ORDER } from './PegawaiTable';

const SIZES = { nip: 150, namaLengkap: 160, opdSingkatan: 76, unitNama: 130, jabatanNama: 150, golongan: 72, status: 70, jenisJabatan: 100, tmtJabatan: 110 };
const total = Object.values(SIZES).reduce((a, b) => a + b, 0);

describe('columnsToHide', () => {
  it('hides nothing when every column fits', () => {
    expect(columnsToHide(SIZES, total)).toEqual([]);
    expect(columnsToHide(SIZES, 2000)).toEqual([]);
  });

  it('drops the least needed columns first, only as many as needed', () => {
    expect(columnsToHide(SIZES, total - 1)).toEqual(['jenisJabatan']);
    // a 1024-pixel window with the sidebar open leaves about 760 px
    expect(columnsToHide(SIZES, 760)).toEqual(['jenisJabatan', 'tmtJabatan', 'status']);
  });

  it('never drops NIP, name, OPD, unit or jabatan, however narrow', () => {
    const hidden = columnsToHide(SIZES, 100);
    expect(hidden).toEqual([...DROP_ORDER]);
    for (const id of ['nip', 'namaLengkap', 'opdSingkatan', 'unitNama', 'jabatanNama']) expect(hidden).not.toContain(id);
  });
});
