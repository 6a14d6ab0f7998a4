import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import type { ImportReport } from '../api';
import { ImportReportView } from './ImportReportView';

const failed: ImportReport = {
  kind: 'pegawai',
  file: 'pegawai-dinkes.xlsx',
  sheet: 'Pegawai',
  total: 120,
  valid: 118,
  failed: 2,
  dryRun: true,
  committed: false,
  stored: 0,
  positions: 0,
  millis: 84,
  notices: null,
  errors: [
    {
      line: 7,
      reasons: [
        { field: 'nip', column: 'NIP', value: '19900101201503100', code: 'nip.length', message: 'NIP harus 18 digit.', messageEn: 'The NIP must have 18 digits.' },
        { field: 'golongan', column: 'Gol', value: 'III/f', code: 'golongan.unknown', message: 'Golongan tidak dikenal.', messageEn: 'Unknown grade.' },
      ],
    },
    {
      line: 42,
      reasons: [{ field: 'tanggalLahir', column: 'Tgl Lahir', value: '', code: 'required', message: 'Tanggal lahir wajib diisi.', messageEn: 'The birth date is required.' }],
    },
  ],
};

beforeEach(async () => {
  await i18n.changeLanguage('id');
});

describe('ImportReportView', () => {
  it('lists every failed row with its line, column, value and reason', () => {
    renderWithProviders(<ImportReportView r={failed} />);
    expect(screen.getByTestId('import-failed').textContent).toContain('2 baris bermasalah');
    expect(screen.getByTestId('import-total').textContent).toBe('120');
    expect(screen.getByTestId('import-valid').textContent).toBe('118');
    expect(screen.getByTestId('import-failed-count').textContent).toBe('2');

    const rows = screen.getAllByTestId('import-error-row');
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.getAttribute('data-line'))).toEqual(['7', '7', '42']);
    // The line is shown once for a row with two reasons.
    expect(within(rows[0]).getByText('7')).toBeTruthy();
    expect(within(rows[0]).getByText('NIP harus 18 digit.')).toBeTruthy();
    expect(within(rows[0]).getByText('19900101201503100')).toBeTruthy();
    expect(within(rows[1]).getByText('Golongan tidak dikenal.')).toBeTruthy();
    expect(within(rows[1]).queryByText('7')).toBeNull();
    expect(within(rows[2]).getByText('Tgl Lahir')).toBeTruthy();
    expect(within(rows[2]).getByText('kosong')).toBeTruthy();
  });

  it('speaks English when the UI does', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<ImportReportView r={failed} />);
    expect(screen.getByText('The NIP must have 18 digits.')).toBeTruthy();
    expect(screen.getByTestId('import-failed').textContent).toContain('2 rows have problems');
  });

  it('summarises a committed ABK import', () => {
    renderWithProviders(
      <ImportReportView r={{ ...failed, kind: 'abk', failed: 0, valid: 120, errors: [], dryRun: false, committed: true, stored: 120, positions: 31 }} />,
    );
    expect(screen.getByTestId('import-committed').textContent).toContain('120 uraian tugas untuk 31 jabatan telah disimpan.');
    expect(screen.queryByTestId('import-errors')).toBeNull();
  });
});
