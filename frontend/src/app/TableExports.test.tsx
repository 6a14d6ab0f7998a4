import { beforeEach, describe, expect, it, vi } from 'vitest';
import { notifications } from '@mantine/notifications';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../i18n';
import { renderWithProviders } from '../test/render';
import { StagnasiView } from '../features/abk/components/Stagnasi';
import { JabatanPage } from '../features/jabatan/components/JabatanPage';

const mockApi = vi.hoisted(() => ({
  reference: vi.fn(),
  listJabatan: vi.fn(),
  stagnationList: vi.fn(),
  exportJabatan: vi.fn(),
  exportStagnan: vi.fn(),
}));
vi.mock('../api', async () => {
  const errors = await import('../api/errors');
  return { ...errors, api: mockApi };
});
vi.mock('../features/abk/api', async (orig) => ({ ...(await orig<typeof import('../features/abk/api')>()), abkApi: mockApi }));
vi.mock('../features/jabatan/api', () => ({ jabatanApi: mockApi }));
vi.mock('../api/events', () => ({ onDataChanged: () => () => {} }));

const stagnan = {
  pegawaiId: 'p1',
  nip: '198609262015051001',
  nama: 'Yohanis Kambu',
  opdSingkatan: 'DISDIK',
  unitNama: 'Sekretariat',
  jabatanNama: 'Analis Kepegawaian',
  tmtJabatan: '2015-05-01',
  tahun: 11,
};

beforeEach(async () => {
  vi.clearAllMocks();
  notifications.clean(); // the notification store outlives a render
  await i18n.changeLanguage('id');
  mockApi.reference.mockResolvedValue({ jenisJabatan: [], jenjang: [] });
  mockApi.listJabatan.mockResolvedValue([
    {
      id: 'j1',
      kode: 'JF-001',
      nama: 'Analis Kepegawaian',
      jenis: 'FUNGSIONAL',
      jenjang: '',
      kelas: 9,
      minPendidikan: 40,
      jurusan: [],
      golonganMin: 0,
      golonganMax: 0,
      bup: 58,
      golonganRange: '',
      pendidikanLabel: 'S-1',
      pegawai: 3,
    },
  ]);
  // The screen asked for fewer rows than there are; the export must not depend on that.
  mockApi.stagnationList.mockResolvedValue({ batasTahun: 5, total: 1200, rows: [stagnan] });
});

describe('table exports', () => {
  it('the stagnation tab exports the whole list through the backend and shows where it went', async () => {
    const user = userEvent.setup();
    mockApi.exportStagnan.mockResolvedValue('/data/ekspor/stagnasi-5th-20261127.xlsx');
    renderWithProviders(<StagnasiView />);

    await user.click(await screen.findByTestId('btn-export-stagnan'));

    expect(mockApi.exportStagnan).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Tersimpan: /data/ekspor/stagnasi-5th-20261127.xlsx')).toBeTruthy();
  });

  it('the jabatan page calls its adapter; a cancelled dialog shows nothing', async () => {
    const user = userEvent.setup();
    mockApi.exportJabatan.mockResolvedValue('');
    renderWithProviders(<JabatanPage />);

    const button = await screen.findByTestId('btn-export-jabatan');
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    await user.click(button);

    expect(mockApi.exportJabatan).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(button.hasAttribute('data-loading')).toBe(false));
    expect(screen.queryByText(/^Tersimpan:/)).toBeNull();
  });
});
