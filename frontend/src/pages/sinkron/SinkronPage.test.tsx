import { beforeEach, describe, expect, it, vi } from 'vitest';
import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../i18n';
import { renderWithProviders } from '../../test/render';
import type { SyncConflict, SyncStatus } from '../../api/sync';
import { SinkronPage } from './SinkronPage';
import { indicatorState } from './SyncIndicator';

const mockSync = vi.hoisted(() => ({
  status: vi.fn(),
  syncNow: vi.fn(),
  settings: vi.fn(),
  saveSettings: vi.fn(),
  conflicts: vi.fn(),
  resolve: vi.fn(),
  attention: vi.fn(),
  dismissAttention: vi.fn(),
  exportBundle: vi.fn(),
  importBundle: vi.fn(),
}));
vi.mock('../../api/sync', () => ({ syncApi: mockSync, onSyncStatus: () => () => {} }));
vi.mock('../../api/enroll', () => ({ enrollApi: { enroll: vi.fn(), createCode: vi.fn(), rotate: vi.fn() } }));
vi.mock('../akun/session', () => ({ useCan: () => true }));
vi.mock('../../api', async () => {
  const errors = await import('../../api/errors');
  const golongan = [
    { value: '32', label: 'III/b', labelEn: 'III/b' },
    { value: '33', label: 'III/c', labelEn: 'III/c' },
  ];
  return { ...errors, api: { reference: () => Promise.resolve({ golongan }) } };
});

const status: SyncStatus = {
  configured: true,
  online: false,
  syncing: false,
  pending: 3,
  unsent: 1,
  conflicts: 1,
  attention: 1,
  lastSuccess: '2026-11-20T08:00:00Z',
  dataAsOf: '2026-11-20T07:59:00Z',
  error: {
    code: 'offline',
    offline: true,
    message: 'Server sinkronisasi tidak dapat dihubungi. Data tetap tersimpan di komputer ini dan akan dikirim nanti.',
    messageEn: 'The sync server cannot be reached.',
  },
};

const conflict: SyncConflict = {
  id: 'c1',
  tbl: 'pegawai',
  row_id: 'p1',
  kind: 'guarded-concurrent',
  columns: ['golongan'],
  server: { golongan: 32 },
  incoming: { golongan: 33 },
  current: { nama: 'Yohanis Kambu', golongan: 33 },
  status: 'open',
  created_at: '2026-11-20T08:00:00Z',
  winner: 'incoming',
  seq: 10,
  pending: false,
};

beforeEach(async () => {
  vi.clearAllMocks();
  notifications.clean();
  await i18n.changeLanguage('id');
  mockSync.status.mockResolvedValue(status);
  mockSync.settings.mockResolvedValue({ serverUrl: 'https://sinkron.example', tokenSet: true, intervalMinutes: 15, retainDays: 30, deviceId: 'dev-1' });
  mockSync.conflicts.mockResolvedValue([conflict]);
  mockSync.attention.mockResolvedValue([
    { changeId: 'x', tbl: 'pegawai', rowId: 'p9', op: 'insert', data: { nama: 'Palsu' }, status: 'rejected', reason: 'forbidden-opd', at: '2026-11-20T08:00:00Z' },
  ]);
  mockSync.resolve.mockResolvedValue([]);
  mockSync.syncNow.mockResolvedValue({ pushed: 2, pulled: 5, conflicts: 0, rejected: 0, cursor: 'e:9', pending: 0, serverEpoch: 'e' });
});

describe('indicatorState', () => {
  it('names the state from the status', () => {
    expect(indicatorState(undefined)).toBe('notSetUp');
    expect(indicatorState({ ...status, syncing: true })).toBe('syncing');
    expect(indicatorState(status)).toBe('offline');
    expect(indicatorState({ ...status, error: { ...status.error!, offline: false } })).toBe('error');
    expect(indicatorState({ ...status, error: { ...status.error!, code: 'busy', offline: false } })).toBe('busy');
    expect(indicatorState({ ...status, error: undefined, online: true })).toBe('online');
    expect(indicatorState({ ...status, configured: false })).toBe('notSetUp');
  });
});

describe('SinkronPage', () => {
  it('shows the offline error in plain Indonesian, the counters and both values of a conflict', async () => {
    renderWithProviders(<SinkronPage />);
    expect((await screen.findByTestId('sync-error')).textContent).toContain('tidak dapat dihubungi');
    expect(screen.getByTestId('sync-pending').textContent).toContain('3');
    const c = await screen.findByTestId('conflict');
    expect(c.textContent).toContain('Dua perangkat mengubah data yang sama');
    expect(c.textContent).toContain('Yohanis Kambu');
    const values = within(c).getByTestId('conflict-values');
    expect(values.textContent).toContain('Golongan');
    await waitFor(() => expect(values.textContent).toContain('III/b')); // golongan 32, named
    expect(values.textContent).toContain('III/c');
    expect((await screen.findByTestId('attention-item')).textContent).toContain('milik OPD lain');
  });

  it('resolves a conflict with the chosen value and syncs on demand', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SinkronPage />);
    const c = await screen.findByTestId('conflict');
    await user.click(within(c).getByTestId('choose-server-golongan'));
    await user.click(within(c).getByTestId('resolve-choice'));
    await waitFor(() => expect(mockSync.resolve).toHaveBeenCalledWith('c1', 'accept', { golongan: 32 }));
    await user.click(screen.getByTestId('sync-now'));
    await waitFor(() => expect(mockSync.syncNow).toHaveBeenCalled());
  });
});
