import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { AbkSettingsForm } from './AbkSettings';
import { PositionView } from './PositionView';
import { GradeBadge, GradeLegend } from './parts';

const mockApi = vi.hoisted(() => ({
  reference: vi.fn(),
  abkSettings: vi.fn(),
  stagnationLimit: vi.fn(),
  saveABKSettings: vi.fn(),
  saveStagnationLimit: vi.fn(),
  listPegawai: vi.fn(),
  abkTugas: vi.fn(),
  hitungTugas: vi.fn(),
}));
vi.mock('../../../api', async () => {
  const errors = await import('../../../api/errors');
  const types = await import('../../../api/types');
  return { ...errors, ...types, api: mockApi };
});
vi.mock('../api', async () => {
  const real = await vi.importActual<typeof import('../api')>('../api');
  return { ...real, abkApi: mockApi };
});
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));
// the kepala OPD's permissions as backend/auth's matrix grants them
const KEPALA = ['BACA', 'PEGAWAI', 'PRIBADI', 'USUL', 'PUTUS', 'DOKUMEN', 'EVALUASI', 'EKSPOR', 'BUNDEL'];
const perms = vi.hoisted(() => ({ granted: new Set<string>() }));
vi.mock('../../auth/session', () => ({ useCan: (p: string) => perms.granted.has(p) }));

const settings = { wkeMenit: 75000, faktor: { TAHUN: 1, BULAN: 12, MINGGU: 50, HARI: 250 }, rounding: 'HALF_UP', bands: { a: 1, b: 0.9, c: 0.7, d: 0.5 } };
const draft = { id: 'abk27', tahun: 2027, status: 'DRAFT', catatan: '', difinalkanPada: '', jumlahTugas: 2, jumlahPosisi: 1 };
const position = {
  opdId: 'o2', unitId: 'u9', jabatanId: 'j1', opdKode: '2', unitKode: '9', opdSingkatan: 'DINKES', unitNama: 'Puskesmas Remu', jabatanNama: 'Perawat', jabatanKode: 'P1',
  jenisJabatan: 'FUNGSIONAL', beban: 300000, kebutuhan: 4, kebutuhanBulat: 4, bezetting: 4, selisih: 0, ej: 1.02,
  grade: 'A', kosong: false, tanpaAbk: false,
};

beforeEach(async () => {
  vi.clearAllMocks();
  perms.granted = new Set(KEPALA);
  await i18n.changeLanguage('id');
  mockApi.reference.mockResolvedValue({});
  mockApi.abkSettings.mockResolvedValue(settings);
  mockApi.stagnationLimit.mockResolvedValue(5);
  mockApi.abkTugas.mockResolvedValue([]);
  mockApi.hitungTugas.mockResolvedValue({ ...position, beban: 0 });
  mockApi.listPegawai.mockResolvedValue({ rows: [], total: 0 });
});

describe('ABK screens shaped by the role', () => {
  it('shows the settings read-only to a kepala OPD: no save, every input disabled', async () => {
    renderWithProviders(<AbkSettingsForm />);
    expect(await screen.findByTestId('abk-settings-readonly')).toBeTruthy();
    expect(screen.queryByTestId('btn-save-settings')).toBeNull();
    for (const id of ['input-wke', 'input-faktor-BULAN', 'input-band-a', 'input-mut04']) {
      expect((screen.getByTestId(id) as HTMLInputElement).disabled).toBe(true);
    }
  });

  it('lets the admin edit and save the settings', async () => {
    perms.granted.add('UBAH_ABK').add('ATURAN');
    renderWithProviders(<AbkSettingsForm />);
    expect(await screen.findByTestId('btn-save-settings')).toBeTruthy();
    expect(screen.queryByTestId('abk-settings-readonly')).toBeNull();
    expect((screen.getByTestId('input-wke') as HTMLInputElement).disabled).toBe(false);
  });

  it('says the people of a post are in another OPD instead of calling it empty', async () => {
    renderWithProviders(<PositionView abk={draft} p={position} />);
    (await screen.findByTestId('tab-pegawai')).click();
    const empty = await screen.findByTestId('abk-pegawai-empty');
    expect(empty.textContent).toContain('4 pegawai di OPD lain');
    expect(empty.textContent).not.toContain('jabatan kosong');
  });

  it('calls a post without people empty', async () => {
    renderWithProviders(<PositionView abk={draft} p={{ ...position, bezetting: 0, kosong: true, grade: '-', selisih: -4 }} />);
    (await screen.findByTestId('tab-pegawai')).click();
    expect((await screen.findByTestId('abk-pegawai-empty')).textContent).toContain('jabatan kosong');
  });

  it('shows grade A without a shortfall calm, with a shortfall filled, and a legend of A–E', async () => {
    renderWithProviders(
      <>
        <GradeBadge grade="A" shortfall={0} />
        <GradeBadge grade="A" shortfall={2} />
        <GradeLegend />
      </>,
    );
    const [calm, alarm] = screen.getAllByText('A').filter((e) => e.closest('[data-grade]')).map((e) => e.closest('[data-grade]')!);
    expect(calm.getAttribute('data-calm')).toBe('true');
    expect(alarm.getAttribute('data-calm')).toBeNull();
    const legend = screen.getByTestId('grade-legend').textContent ?? '';
    for (const s of ['beban di atas kapasitas', 'ideal', 'sangat rendah', 'jabatan kosong']) expect(legend).toContain(s);
    await waitFor(() => expect(legend).toContain('E'));
  });
});
