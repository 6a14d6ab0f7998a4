import { beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AppError } from '../../../api/errors';
import { renderWithProviders } from '../../../test/render';
import { KonflikAlurPanel } from './KonflikAlurPanel';
import { LaporanPortalPage } from './LaporanPortalPage';

configure({ asyncUtilTimeout: 8000 });
vi.setConfig({ testTimeout: 30_000 });

const mockPortal = vi.hoisted(() => ({
  suratAktivasi: vi.fn(),
  portalUrl: vi.fn(),
  savePortalUrl: vi.fn(),
  laporan: vi.fn(),
  jumlahBaru: vi.fn(),
  tutup: vi.fn(),
}));
vi.mock('../api', async (orig) => {
  const real = await orig<typeof import('../api')>();
  return { ...real, portalApi: mockPortal };
});
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));
vi.mock('../../../lib/queries', async (orig) => {
  const real = await orig<typeof import('../../../lib/queries')>();
  return { ...real, useOPDs: () => ({ data: [] }) };
});
vi.mock('../../auth', async (orig) => ({
  ...(await orig<typeof import('../../auth')>()),
  useSession: () => ({ data: { user: { opdId: 'opd-a' }, perms: ['PORTAL'] } }),
  useCan: () => true,
}));

const laporan = (id: string, status: string) => ({
  id,
  pegawaiId: 'p-' + id,
  nip: '198501012010011001',
  namaPegawai: 'Budi Santoso',
  opdId: 'opd-a',
  opdSingkatan: 'DISDIK',
  bagian: 'SKP',
  uraian: 'SKP 2025 belum tercatat',
  status,
  tanggapan: status === 'BARU' ? '' : 'Sudah diperbaiki',
  dibuatPada: '2026-06-30T08:00:00Z',
  ditanganiOleh: status === 'BARU' ? '' : 'Operator A',
  ditanganiPada: status === 'BARU' ? '' : '2026-07-01T08:00:00Z',
});

describe('LaporanPortalPage', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mockPortal.laporan.mockResolvedValue([laporan('l1', 'BARU'), laporan('l2', 'SELESAI')]);
  });

  it('lists the reports and closes one, showing the field error of a rejection without a response', async () => {
    mockPortal.tutup.mockRejectedValueOnce(
      new AppError({
        kind: 'Invalid',
        code: 'validation',
        message: 'Tuliskan tanggapan: mengapa laporan ini ditolak.',
        fields: [{ field: 'tanggapan', code: 'required', message: 'Tuliskan tanggapan: mengapa laporan ini ditolak.', messageEn: 'Write a response.' }],
      }),
    );
    mockPortal.tutup.mockResolvedValueOnce(laporan('l1', 'DITOLAK'));
    renderWithProviders(<LaporanPortalPage pegawaiPanel={() => null} />);
    const rows = await screen.findAllByTestId('laporan-row');
    expect(rows).toHaveLength(2);
    // An operator's list is their own OPD's: no OPD filter is sent.
    expect(mockPortal.laporan).toHaveBeenCalledWith({ opdId: '', status: '' });
    // Only the new report can be closed.
    expect(within(rows[1]).queryByTestId('btn-laporan-tutup')).toBeNull();
    await userEvent.click(within(rows[0]).getByTestId('btn-laporan-tutup'));
    await userEvent.click(screen.getByLabelText(/Ditolak/));
    await userEvent.click(screen.getByTestId('btn-laporan-simpan'));
    expect(await screen.findByText('Tuliskan tanggapan: mengapa laporan ini ditolak.')).toBeTruthy();
    await userEvent.type(screen.getByTestId('laporan-tanggapan'), 'Data sudah benar');
    await userEvent.click(screen.getByTestId('btn-laporan-simpan'));
    await waitFor(() => expect(mockPortal.tutup).toHaveBeenLastCalledWith('l1', 'DITOLAK', 'Data sudah benar'));
  });
});

describe('KonflikAlurPanel', () => {
  const detail = (terbuka: boolean, bisa: boolean) =>
    ({
      row: { id: 'u1' },
      konflik: {
        terbuka,
        bisaSelesaikan: bisa,
        server: [],
        ditolak: [{ id: 'e2', seq: 3, kind: 'VERIFIKASI', actorLabel: 'Ver (Verifikator BKPSDM)', note: '', alasanTolak: 'Langkah ini sudah diambil.', alasanTolakEn: 'Taken.' }],
      },
    }) as never;

  it('shows the rejected event and offers closing only to whoever may', () => {
    const first = renderWithProviders(<KonflikAlurPanel detail={detail(true, true)} />);
    expect(screen.getByTestId('konflik-alur').textContent).toContain('Ditolak oleh alur kerja');
    expect(screen.getByTestId('konflik-alur').textContent).toContain('Langkah ini sudah diambil.');
    expect(screen.getByTestId('btn-konflik-selesai')).toBeTruthy();
    first.unmount();
    renderWithProviders(<KonflikAlurPanel detail={detail(true, false)} />);
    expect(screen.getByTestId('konflik-alur')).toBeTruthy();
    expect(screen.queryByTestId('btn-konflik-selesai')).toBeNull();
  });
});
