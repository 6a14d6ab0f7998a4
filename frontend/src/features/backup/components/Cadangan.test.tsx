import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Recovery } from '../api';
import { renderWithProviders } from '../../../test/render';
import { RecoveryScreen } from './RecoveryScreen';

const base: Recovery = {
  happened: true,
  at: '2026-11-27T10:00:00Z',
  cause: 'Basis data /data/imbang.db rusak (pemeriksaan integritas gagal: …).',
  causeEn: 'The database /data/imbang.db is damaged.',
  damaged: '/data/imbang.db.rusak-20261127T100000Z',
  restored: null,
  noBackup: true,
  skipped: [],
  millis: 12,
};

describe('RecoveryScreen', () => {
  it('says plainly that there was no backup, where the damaged file is, and offers to go on', () => {
    const onContinue = vi.fn();
    renderWithProviders(<RecoveryScreen recovery={base} onContinue={onContinue} />);
    expect(screen.getByText('Basis data rusak dan tidak ada cadangan')).toBeTruthy();
    expect(screen.getByTestId('recovery-damaged').textContent).toContain('imbang.db.rusak-20261127T100000Z');
    screen.getByTestId('recovery-continue').click();
    expect(onContinue).toHaveBeenCalled();
  });

  it('names the backup now in use and the damaged ones it skipped', () => {
    const r: Recovery = {
      ...base,
      noBackup: false,
      skipped: ['imbang-20261127T090000.000Z-manual.db'],
      restored: {
        file: 'imbang-20261126T080000.000Z-harian.db',
        reason: 'HARIAN',
        createdAt: '2026-11-26T08:00:00Z',
        schemaVersion: 7,
        counts: { pegawai: 5000 },
        dataDate: '2026-11-26T07:59:00Z',
        integrity: 'ok',
        size: 1,
        sha256: 'x',
        millis: 1,
        path: '/data/backups/imbang-20261126T080000.000Z-harian.db',
        noManifest: false,
      },
    };
    renderWithProviders(<RecoveryScreen recovery={r} onContinue={() => {}} />);
    expect(screen.getByText('Basis data rusak dan telah dipulihkan')).toBeTruthy();
    expect(screen.getByTestId('recovery-screen').textContent).toContain('imbang-20261126T080000.000Z-harian.db');
    expect(screen.getByTestId('recovery-screen').textContent).toContain('imbang-20261127T090000.000Z-manual.db');
  });
});
