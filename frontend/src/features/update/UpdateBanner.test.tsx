import { beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { DeviceVersions } from './DeviceVersions';
import { UpdateBanner } from './UpdateBanner';

configure({ asyncUtilTimeout: 8000 });
vi.setConfig({ testTimeout: 30_000 });

const mockUpdate = vi.hoisted(() => ({ status: vi.fn(), now: vi.fn(), devices: vi.fn() }));
vi.mock('./api', () => ({ updateApi: mockUpdate, onUpdateStatus: () => () => {} }));

const base = { running: '1.0.0', downloaded: 0, size: 0 };

describe('UpdateBanner', () => {
  beforeEach(async () => {
    mockUpdate.status.mockReset();
    mockUpdate.now.mockReset();
    await i18n.changeLanguage('id');
  });

  it('shows nothing when there is no update', async () => {
    mockUpdate.status.mockResolvedValue({ ...base, state: 'none' });
    renderWithProviders(<UpdateBanner />);
    await waitFor(() => expect(mockUpdate.status).toHaveBeenCalled());
    for (const id of ['update-ready', 'update-downloading', 'update-refused']) expect(screen.queryByTestId(id)).toBeNull();
  });

  it('shows the background download with its progress', async () => {
    mockUpdate.status.mockResolvedValue({ ...base, state: 'downloading', version: '1.1.0', downloaded: 250, size: 1000 });
    renderWithProviders(<UpdateBanner />);
    expect((await screen.findByTestId('update-downloading')).textContent).toContain('Mengunduh pembaruan 1.1.0 di latar belakang (25%)');
  });

  it('offers "Perbarui sekarang / nanti" and restarts on "sekarang"', async () => {
    mockUpdate.status.mockResolvedValue({ ...base, state: 'ready', version: '1.1.0', notes: 'Perbaikan laporan' });
    mockUpdate.now.mockResolvedValue(undefined);
    renderWithProviders(<UpdateBanner />);
    const box = await screen.findByTestId('update-ready');
    expect(box.textContent).toContain('Pembaruan 1.1.0 siap dipasang');
    expect(box.textContent).toContain('Perbaikan laporan');
    await userEvent.click(screen.getByRole('button', { name: 'Perbarui sekarang' }));
    await waitFor(() => expect(mockUpdate.now).toHaveBeenCalledTimes(1));
  });

  it('"nanti" hides the offer until the next start', async () => {
    mockUpdate.status.mockResolvedValue({ ...base, state: 'ready', version: '1.1.0' });
    renderWithProviders(<UpdateBanner />);
    await userEvent.click(await screen.findByRole('button', { name: 'Nanti' }));
    await waitFor(() => expect(screen.queryByTestId('update-ready')).toBeNull());
    expect(mockUpdate.now).not.toHaveBeenCalled();
  });

  it('says why an update was refused', async () => {
    mockUpdate.status.mockResolvedValue({
      ...base,
      state: 'refused',
      code: 'update.bad_signature',
      message: 'Pembaruan ditolak: tanda tangan rilis tidak sah.',
      messageEn: 'Update refused: bad signature.',
    });
    renderWithProviders(<UpdateBanner />);
    expect((await screen.findByTestId('update-refused')).textContent).toContain('tanda tangan rilis tidak sah');
  });
});

describe('DeviceVersions', () => {
  it('lists each device with its version and last rollback', async () => {
    mockUpdate.devices = vi.fn().mockResolvedValue([
      { id: 'aaaaaaaa-1', opdKode: '', bkpsdm: true, revoked: false, version: '1.5.0', platform: 'windows-amd64', seen: '2026-11-27T08:00:00Z' },
      { id: 'bbbbbbbb-2', opdKode: '1.02.01', bkpsdm: false, revoked: false, version: '1.4.0', platform: 'linux-amd64', seen: '2026-11-27T08:00:00Z', rollback: '1.5.0', rollbackAt: '2026-11-27T07:00:00Z' },
      { id: 'cccccccc-3', opdKode: '1.03.01', bkpsdm: false, revoked: false, version: '', platform: '', seen: '' },
    ]);
    renderWithProviders(<DeviceVersions />);
    const card = await screen.findByTestId('device-versions');
    expect(card.textContent).toContain('Versi aplikasi perangkat');
    expect(card.textContent).toContain('1.5.0 (windows-amd64)');
    expect(card.textContent).toContain('1.02.01');
    expect(card.textContent).toContain('1.5.0 dikembalikan');
    expect(card.textContent).toContain('belum melapor');
  });

  it('stays hidden when the server refuses the list (an OPD device)', async () => {
    mockUpdate.devices = vi.fn().mockRejectedValue(new Error('forbidden'));
    renderWithProviders(<DeviceVersions />);
    await waitFor(() => expect(mockUpdate.devices).toHaveBeenCalled());
    expect(screen.queryByTestId('device-versions')).toBeNull();
  });
});
