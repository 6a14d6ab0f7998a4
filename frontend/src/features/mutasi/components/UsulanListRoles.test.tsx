import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { UsulanList } from './UsulanList';

const mockApi = vi.hoisted(() => ({
  reference: vi.fn(),
  listUsulan: vi.fn(),
  currentUser: vi.fn(),
  listOPD: vi.fn(),
  transferRoles: vi.fn(),
}));
vi.mock('../../../api', async () => {
  const errors = await import('../../../api/errors');
  const real = await vi.importActual<typeof import('../../../api')>('../../../api');
  return { ...real, ...errors, api: mockApi };
});
vi.mock('../api', async () => {
  const real = await vi.importActual<typeof import('../api')>('../api');
  return { ...real, mutasiApi: mockApi };
});
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));
// the roles' permissions as backend/auth's matrix grants them
const MATRIX: Record<string, string[]> = {
  VERIFIKATOR: ['BACA', 'PEGAWAI', 'PRIBADI', 'PUTUS', 'DOKUMEN', 'DOK_VERIF', 'EKSPOR', 'RENCANA_LIHAT', 'RENCANA', 'BUNDEL'],
  KEPALA_OPD: ['BACA', 'PEGAWAI', 'PRIBADI', 'USUL', 'PUTUS', 'DOKUMEN', 'EVALUASI', 'EKSPOR', 'BUNDEL'],
};
const perms = vi.hoisted(() => ({ granted: new Set<string>() }));
vi.mock('../../auth/session', () => ({ useCan: (p: string) => perms.granted.has(p) }));

beforeEach(async () => {
  vi.clearAllMocks();
  await i18n.changeLanguage('id');
  mockApi.reference.mockResolvedValue({});
  mockApi.listUsulan.mockResolvedValue({ rows: [], total: 0 });
  mockApi.listOPD.mockResolvedValue([]);
  mockApi.transferRoles.mockResolvedValue([]);
});

describe('UsulanList by role', () => {
  it("gives the Verifikator's inbox no 'Usulan baru'", async () => {
    perms.granted = new Set(MATRIX.VERIFIKATOR);
    mockApi.currentUser.mockResolvedValue({ id: 'v', nama: 'Vera', role: 'VERIFIKATOR', opdId: '' });
    renderWithProviders(<UsulanList inbox />);
    await waitFor(() => expect(mockApi.listUsulan).toHaveBeenCalled());
    await waitFor(() => expect(mockApi.currentUser).toHaveBeenCalled());
    expect(screen.queryByTestId('btn-usulan-baru')).toBeNull();
  });

  it("gives a kepala OPD, who may propose, 'Usulan baru'", async () => {
    perms.granted = new Set(MATRIX.KEPALA_OPD);
    mockApi.currentUser.mockResolvedValue({ id: 'k', nama: 'Kepala', role: 'KEPALA_OPD', opdId: 'o1' });
    renderWithProviders(<UsulanList inbox />);
    expect(await screen.findByTestId('btn-usulan-baru')).toBeTruthy();
  });
});
