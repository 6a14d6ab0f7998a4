import { beforeEach, describe, expect, it, vi } from 'vitest';
import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import type { ConflictQuery, SyncConflict, SyncStatus } from '../api';
import { SinkronPage } from './SinkronPage';
import { indicatorState, SyncIndicator } from './SyncIndicator';

const mockSync = vi.hoisted(() => ({
  status: vi.fn(),
  syncNow: vi.fn(),
  settings: vi.fn(),
  saveSettings: vi.fn(),
  conflicts: vi.fn(),
  conflictPage: vi.fn(),
  conflictFacets: vi.fn(),
  resolve: vi.fn(),
  resolveMany: vi.fn(),
  mergeDuplicate: vi.fn(),
  quarantine: vi.fn(),
  dismissQuarantine: vi.fn(),
  attention: vi.fn(),
  dismissAttention: vi.fn(),
  exportBundle: vi.fn(),
  importBundle: vi.fn(),
}));
vi.mock('../api', () => ({
  syncApi: mockSync,
  enrollApi: { enroll: vi.fn(), createCode: vi.fn(), rotate: vi.fn() },
  onSyncStatus: () => () => {},
}));
const perms = vi.hoisted(() => ({ denied: new Set<string>() }));
vi.mock('../../auth/session', () => ({ useCan: (p: string) => !perms.denied.has(p) }));
vi.mock('../../../api', async () => {
  const errors = await import('../../../api/errors');
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
  quarantined: 0,
  filesWaiting: 0,
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
  serverBy: 'Diubah oleh Dinas Pendidikan pada 27-11-2026 08:00',
  incomingBy: 'Diubah oleh perangkat ini pada 27-11-2026 09:15',
  mine: 'incoming',
};

const dup: SyncConflict = {
  id: 'd1',
  tbl: 'pegawai',
  row_id: 'p-new',
  other_row: 'p-old',
  kind: 'duplicate-nip',
  columns: ['nip'],
  server: { nip: '199001012015011001', nama: 'Maria Kambu' },
  incoming: { nip: '199001012015011001', nama: 'Maria Kambuaya' },
  current: { nip: '199001012015011001', nama: 'Maria Kambuaya', golongan: 32, tempat_lahir: 'Sorong' },
  otherCurrent: { nip: '199001012015011001', nama: 'Maria Kambu', golongan: 33, tempat_lahir: 'Sorong' },
  status: 'open',
  created_at: '2026-11-20T08:00:00Z',
  seq: 11,
  pending: false,
  serverBy: 'Ditambahkan oleh BKPSDM pada 20-11-2026 08:00',
  incomingBy: 'Ditambahkan oleh Dinas Kesehatan (op1) pada 21-11-2026 10:00',
};

const page = (items: SyncConflict[], total = items.length, offset = 0) => ({ items, total, offset, limit: 50 });

beforeEach(async () => {
  vi.clearAllMocks();
  notifications.clean();
  await i18n.changeLanguage('id');
  mockSync.status.mockResolvedValue(status);
  mockSync.settings.mockResolvedValue({ serverUrl: 'https://sinkron.example', tokenSet: true, intervalMinutes: 15, retainDays: 30, deviceId: 'dev-1' });
  perms.denied.clear();
  mockSync.conflicts.mockResolvedValue([conflict]);
  mockSync.conflictPage.mockResolvedValue(page([conflict]));
  mockSync.conflictFacets.mockResolvedValue({
    kinds: { 'guarded-concurrent': 1, 'duplicate-nip': 1 },
    tables: { pegawai: 2 },
    devices: [{ device: 'dev-a', label: 'Dinas Pendidikan', count: 1 }],
  });
  mockSync.resolveMany.mockResolvedValue({ resolved: 2, skipped: 1 });
  mockSync.mergeDuplicate.mockResolvedValue([]);
  mockSync.quarantine.mockResolvedValue([]);
  mockSync.dismissQuarantine.mockResolvedValue([]);
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

const lastQuery = (): ConflictQuery => mockSync.conflictPage.mock.calls.at(-1)![0] as ConflictQuery;

describe('conflict inbox', () => {
  it('labels both sides by who did what', async () => {
    renderWithProviders(<SinkronPage />);
    const c = await screen.findByTestId('conflict');
    expect(within(c).getByTestId('conflict-server-by').textContent).toBe('Diubah oleh Dinas Pendidikan pada 27-11-2026 08:00');
    expect(within(c).getByTestId('conflict-incoming-by').textContent).toBe('Diubah oleh perangkat ini pada 27-11-2026 09:15');
    await i18n.changeLanguage('en');
    await waitFor(() => expect(within(c).getByTestId('conflict-incoming-by').textContent).toBe('Changed by this device on 27-11-2026 09:15'));
  });

  it('shows a deleted side as the row before the delete and offers to restore it', async () => {
    const user = userEvent.setup();
    mockSync.conflictPage.mockResolvedValue(
      page([
        {
          ...conflict,
          id: 'r1',
          kind: 'row-deleted',
          winner: undefined,
          current: undefined,
          server: { golongan: 32, nama: 'Yohanis Kambu' },
          incoming: { golongan: 33 },
          server_side: { op: 'delete', opd: '1.02.01' },
          incoming_side: { op: 'update' },
          serverBy: 'Dihapus oleh Dinas A pada 27-11-2026 08:00',
        },
      ]),
    );
    renderWithProviders(<SinkronPage />);
    const c = await screen.findByTestId('conflict');
    expect(within(c).getByTestId('conflict-server-by').textContent).toContain('Dihapus oleh Dinas A');
    expect(within(c).queryByTestId('choose-server-golongan')).toBeNull(); // a deleted value is not a choice
    await user.click(within(c).getByTestId('resolve-restore'));
    await waitFor(() => expect(mockSync.resolve).toHaveBeenCalledWith('r1', 'accept', { golongan: 33 }));
  });

  it('pages by 50 and filters by kind, device and table (back to the first page)', async () => {
    const user = userEvent.setup();
    // the store answers 50 a page; three items stand for one here (rendering 50 cards is slow, not the point)
    const many = Array.from({ length: 3 }, (_, i) => ({ ...conflict, id: `c${i}` }));
    mockSync.conflictPage.mockImplementation((q: ConflictQuery) => Promise.resolve(page(many, 120, q.offset ?? 0)));
    renderWithProviders(<SinkronPage />);
    await waitFor(() => expect(screen.getAllByTestId('conflict')).toHaveLength(3));
    expect(lastQuery()).toMatchObject({ status: 'open', kind: '', device: '', table: '', offset: 0, limit: 50 });
    expect(screen.getByTestId('conflicts-range').textContent).toContain('1–50 dari 120');
    await user.click(screen.getByRole('button', { name: 'Halaman berikutnya' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ offset: 50, limit: 50 }));
    await waitFor(() => expect(screen.getByTestId('conflicts-range').textContent).toContain('51–100 dari 120'));

    await user.selectOptions(screen.getByLabelText('Jenis konflik'), 'duplicate-nip');
    await waitFor(() => expect(lastQuery()).toMatchObject({ kind: 'duplicate-nip', offset: 0 }));
    const device = screen.getByLabelText('Perangkat');
    expect(within(device).getByRole('option', { name: 'Dinas Pendidikan (1)' })).toBeTruthy();
    await user.selectOptions(device, 'dev-a');
    await user.selectOptions(screen.getByLabelText('Jenis data'), 'pegawai');
    await user.selectOptions(screen.getByLabelText('Status'), 'all');
    await waitFor(() => expect(lastQuery()).toMatchObject({ status: 'all', kind: 'duplicate-nip', device: 'dev-a', table: 'pegawai', offset: 0 }));
  });

  it('moves back to the last page when resolutions shrink the list', async () => {
    const user = userEvent.setup();
    let total = 120;
    mockSync.conflictPage.mockImplementation((q: ConflictQuery) => Promise.resolve(page(q.offset! < total ? [conflict] : [], total, q.offset ?? 0)));
    renderWithProviders(<SinkronPage />);
    await screen.findByTestId('conflict');
    await user.click(screen.getByRole('button', { name: 'Halaman 3' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ offset: 100 }));
    total = 60; // resolved elsewhere meanwhile
    await user.click(await screen.findByTestId('choose-server-golongan'));
    await user.click(screen.getByTestId('resolve-choice'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ offset: 50 }));
    await waitFor(() => expect(screen.getByTestId('conflicts-range').textContent).toContain('51–60 dari 60'));
  });

  it('resolves every conflict the filter selects with one choice, after a confirmation, and says how many', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SinkronPage />);
    await screen.findByTestId('conflict');
    await user.selectOptions(screen.getByLabelText('Jenis konflik'), 'guarded-concurrent');
    await user.selectOptions(await screen.findByTestId('bulk-keep'), 'mine');
    await user.click(screen.getByTestId('bulk-start'));
    expect(mockSync.resolveMany).not.toHaveBeenCalled();
    expect(screen.getByTestId('bulk-confirm').textContent).toContain('Sisi perangkat ini');
    await user.click(screen.getByTestId('bulk-run'));
    await waitFor(() =>
      expect(mockSync.resolveMany).toHaveBeenCalledWith({ status: 'open', kind: 'guarded-concurrent', device: '', table: '' }, 'mine'),
    );
    expect((await screen.findByTestId('bulk-result')).textContent).toBe('2 konflik diselesaikan, 1 dilewati (tetap terbuka).');
  });

  it('merges a duplicate NIP into the chosen record with the values chosen field by field', async () => {
    const user = userEvent.setup();
    mockSync.conflictPage.mockResolvedValue(page([dup]));
    renderWithProviders(<SinkronPage />);
    const c = await screen.findByTestId('conflict');
    const values = within(c).getByTestId('dup-values');
    // both records side by side, every column, labelled by who added them
    expect(values.textContent).toContain('Maria Kambuaya');
    expect(values.textContent).toContain('Maria Kambu');
    expect(values.textContent).toContain('Tempat lahir');
    expect(within(c).getByTestId('dup-by-row').textContent).toContain('Dinas Kesehatan');
    expect(within(c).getByTestId('dup-by-other').textContent).toContain('BKPSDM');
    expect(within(c).queryByTestId('dup-take-row-tempat_lahir')).toBeNull(); // equal values: nothing to choose
    await user.click(within(c).getByTestId('dup-survivor-other'));
    await user.click(within(c).getByTestId('dup-take-row-nama'));
    await user.click(within(c).getByTestId('resolve-merge'));
    await waitFor(() => expect(mockSync.mergeDuplicate).toHaveBeenCalledWith('d1', 'p-old', { nama: 'Maria Kambuaya' }));
    await user.click(within(c).getByTestId('resolve-keep-both'));
    await waitFor(() => expect(mockSync.resolve).toHaveBeenCalledWith('d1', 'keep-both', {}));
  });

  it('shows the conflicts but no resolution to a role that may not edit employees', async () => {
    perms.denied.add('UBAH_PEG');
    renderWithProviders(<SinkronPage />);
    const c = await screen.findByTestId('conflict');
    expect(within(c).queryByTestId('resolve-choice')).toBeNull();
    expect(within(c).queryByTestId('choose-server-golongan')).toBeNull();
    expect(screen.queryByTestId('conflict-bulk')).toBeNull();
  });
});

describe('refused rows (quarantine)', () => {
  it('shows a notice and the list, and dismisses a row', async () => {
    const user = userEvent.setup();
    const row = { id: 7, tbl: 'pegawai', rowId: '0190f000-0000-7000-8000-000000000001', seq: 42, problem: 'golongan: 1e+308 bukan golongan yang sah', receivedAt: '2026-11-27T00:00:00Z' };
    mockSync.status.mockResolvedValue({
      ...status,
      quarantined: 1,
      last: { pushed: 0, pulled: 3, conflicts: 0, rejected: 0, cursor: 'e:9', pending: 0, serverEpoch: 'e', quarantined: 1, notice: '1 baris dari server ditolak (tidak diterapkan): pegawai: golongan: 1e+308 bukan golongan yang sah' },
    });
    mockSync.quarantine.mockResolvedValue([row]);
    renderWithProviders(<SinkronPage />);
    const notice = await screen.findByTestId('quarantine-notice');
    expect(notice.textContent).toContain('1 baris dari server ditolak (tidak diterapkan): pegawai: golongan');
    const item = await screen.findByTestId('quarantine-item');
    expect(item.textContent).toContain('Pegawai');
    expect(item.textContent).toContain(row.rowId);
    expect(item.textContent).toContain('bukan golongan yang sah');
    await user.click(within(item).getByRole('button', { name: `Tandai sudah dibaca: Pegawai ${row.rowId}` }));
    await waitFor(() => expect(mockSync.dismissQuarantine).toHaveBeenCalledWith(7));
    await waitFor(() => expect(screen.queryByTestId('quarantine-list')).toBeNull());
  });

  it('shows the refused rows on the header indicator too', async () => {
    mockSync.status.mockResolvedValue({ ...status, error: undefined, online: true, quarantined: 3 });
    renderWithProviders(<SyncIndicator />);
    const badge = await screen.findByTestId('sync-quarantine-badge');
    expect(badge.textContent).toBe('3');
    expect(badge.getAttribute('aria-label')).toBe('3 baris ditolak');
    expect(screen.getByRole('button', { name: /Tersambung/ })).toBeTruthy(); // the indicator is reachable by keyboard
  });

  it('shows nothing when no row was refused', async () => {
    renderWithProviders(<SinkronPage />);
    await screen.findByTestId('conflict');
    expect(screen.queryByTestId('quarantine-notice')).toBeNull();
    expect(screen.queryByTestId('quarantine-list')).toBeNull();
  });
});

describe('bundles', () => {
  it('hides the bundle buttons from a role without bundel', async () => {
    perms.denied.add('BUNDEL');
    renderWithProviders(<SinkronPage />);
    await screen.findByTestId('conflict');
    expect(screen.queryByTestId('bundle-export')).toBeNull();
    expect(screen.queryByTestId('bundle-import')).toBeNull();
  });

  it('shows a refused bundle under its own title with the reason', async () => {
    const user = userEvent.setup();
    mockSync.importBundle.mockRejectedValue(
      new Error(
        JSON.stringify({
          kind: 'Invalid',
          code: 'sync.bundle-device',
          message: 'Bundel ini untuk perangkat lain (dev-9), bukan perangkat ini (dev-1); tidak ada yang diubah.',
          messageEn: 'This bundle is for another device.',
        }),
      ),
    );
    renderWithProviders(<SinkronPage />);
    await user.click(await screen.findByTestId('bundle-import'));
    const err = await screen.findByTestId('bundle-error');
    expect(err.getAttribute('data-code')).toBe('sync.bundle-device');
    expect(err.textContent).toContain('Bundel untuk perangkat lain');
    expect(err.textContent).toContain('tidak ada yang diubah');
  });
});

describe('busy vs offline', () => {
  it('shows a busy server as busy, not as offline', async () => {
    mockSync.status.mockResolvedValue({
      ...status,
      error: { code: 'busy', offline: false, message: 'Server sinkronisasi sedang sibuk dan belum menjawab.', messageEn: 'The sync server is busy.' },
    });
    renderWithProviders(<SinkronPage />);
    const err = await screen.findByTestId('sync-error');
    expect(err.getAttribute('data-code')).toBe('busy');
    expect(err.textContent).toContain('sibuk');
  });
});
