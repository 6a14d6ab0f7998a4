import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { CadanganPage } from './CadanganPage';

const mockApi = vi.hoisted(() => ({
  list: vi.fn(),
  copy: vi.fn(),
  preview: vi.fn(),
  create: vi.fn(),
  restore: vi.fn(),
  saveKeep: vi.fn(),
  recoveryStatus: vi.fn(),
}));
vi.mock('../api', () => ({ backupApi: mockApi }));

const row = {
  file: 'imbang-20261206T120000.000Z-manual.db',
  reason: 'manual',
  createdAt: '2026-12-06T12:00:00Z',
  schemaVersion: 7,
  counts: { pegawai: 49990 },
  dataDate: '2026-12-06T11:59:00Z',
  integrity: 'ok',
  size: 4 << 20,
  sha256: 'x',
  millis: 1,
  path: '/data/backups/imbang-20261206T120000.000Z-manual.db',
  noManifest: false,
};

beforeEach(async () => {
  vi.clearAllMocks();
  await i18n.changeLanguage('id');
  mockApi.list.mockResolvedValue({ backups: [row], keep: 10, dir: '/data/backups' });
});

describe('Cadangan: copy to a folder', () => {
  it('says nothing when the folder dialog is cancelled', async () => {
    mockApi.copy.mockResolvedValue({ file: '', path: '', size: 0, sha256: '' });
    renderWithProviders(<CadanganPage />);
    await userEvent.click(await screen.findByTestId('backup-copy-0'));
    await waitFor(() => expect(mockApi.copy).toHaveBeenCalled());
    expect(screen.queryByText(/Cadangan disalin/)).toBeNull();
  });

  it('copies the chosen backup and says where it went', async () => {
    mockApi.copy.mockResolvedValue({ file: row.file, path: '/media/usb/' + row.file, size: row.size, sha256: 'x' });
    renderWithProviders(<CadanganPage />);
    expect((await screen.findByTestId('backup-row-0')).textContent).toContain('49.990');
    await userEvent.click(screen.getByTestId('backup-copy-0'));
    expect(mockApi.copy).toHaveBeenCalledWith(row.file);
    await waitFor(() => expect(screen.getByText(/Cadangan disalin dan diperiksa ulang: \/media\/usb\//)).toBeTruthy());
  });

  it('shows the refusal of a read-only target', async () => {
    mockApi.copy.mockRejectedValue(
      JSON.stringify({
        kind: 'Unavailable',
        code: 'backup.copy_readonly',
        message: 'Folder tujuan tidak dapat ditulisi (hanya-baca atau tanpa izin): /media/usb.',
        messageEn: 'The target folder cannot be written (read-only or no permission): /media/usb.',
      }),
    );
    renderWithProviders(<CadanganPage />);
    await userEvent.click(await screen.findByTestId('backup-copy-0'));
    await waitFor(() => expect(screen.getByText(/tidak dapat ditulisi/)).toBeTruthy());
  });

});
