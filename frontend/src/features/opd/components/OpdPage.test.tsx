import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { OpdPage } from './OpdPage';

const mockApi = vi.hoisted(() => ({
  reference: vi.fn(),
  listOPD: vi.fn(),
  opdTree: vi.fn(),
  deleteOPD: vi.fn(),
  deleteUnit: vi.fn(),
}));
vi.mock('../../../api', async () => {
  const errors = await import('../../../api/errors');
  return { ...errors, api: mockApi };
});
vi.mock('../api', () => ({ opdApi: mockApi }));
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));
// Logged in as a role that may edit the catalogue (PPK/Admin).
vi.mock('../../auth/session', () => ({ useCan: () => true }));

const opd = {
  id: 'o1',
  kode: '1.01.01',
  nama: 'Dinas Pendidikan',
  singkatan: 'DISDIK',
  jenis: 'DINAS',
  alamat: 'Jl. Sudirman',
  unit: 1,
  pegawai: 12,
  pns: 10,
  cpns: 1,
  pppk: 1,
};

beforeEach(async () => {
  vi.clearAllMocks();
  await i18n.changeLanguage('id');
  mockApi.reference.mockResolvedValue({ jenisOpd: [{ value: 'DINAS', label: 'Dinas', labelEn: 'Agency' }], jenisJabatan: [] });
  mockApi.listOPD.mockResolvedValue([opd]);
  mockApi.opdTree.mockResolvedValue({
    opd,
    units: [
      {
        id: 'u1',
        opdId: 'o1',
        parentId: '',
        kode: '1.01.01.01',
        nama: 'Sekretariat',
        pegawai: 12,
        total: 12,
        jabatan: [{ jabatanId: 'j1', nama: 'Sekretaris', jenis: 'ADMINISTRATOR', kelas: 11, bezetting: 1 }],
        children: null,
      },
    ],
  });
  const { toAppError } = await import('../../../api/errors');
  mockApi.deleteOPD.mockRejectedValue(
    toAppError(
      '{"kind":"Conflict","code":"opd.not_empty","message":"OPD tidak dapat dihapus: masih memiliki 1 unit dan 12 pegawai.","messageEn":"The OPD cannot be deleted."}',
    ),
  );
});

describe('OpdPage', () => {
  it('shows the OPD list, the unit tree with headcounts, and a Conflict on delete as a notification', async () => {
    const user = userEvent.setup();
    renderWithProviders(<OpdPage />);

    expect(await screen.findByText('Sekretariat')).toBeTruthy();
    expect(screen.getByText('12 / 12')).toBeTruthy();
    expect(mockApi.opdTree).toHaveBeenCalledWith('o1');

    await user.click(screen.getByTestId('btn-delete-opd'));
    await user.click(await screen.findByTestId('btn-confirm-delete'));

    expect(await screen.findByText('OPD tidak dapat dihapus: masih memiliki 1 unit dan 12 pegawai.')).toBeTruthy();
    expect(mockApi.deleteOPD).toHaveBeenCalledWith('o1');
  });
});
