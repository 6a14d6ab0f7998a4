import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { TugasEditor } from './TugasEditor';

// The adapter is mocked: the editor must show what HitungTugas returns and
// never compute ABK itself.
const mockApi = vi.hoisted(() => ({
  reference: vi.fn(),
  abkTugas: vi.fn(),
  hitungTugas: vi.fn(),
  saveABKTugas: vi.fn(),
}));
vi.mock('../../../api', async () => {
  const errors = await import('../../../api/errors');
  return { ...errors, api: mockApi };
});
vi.mock('../api', async (orig) => ({ ...(await orig<typeof import('../api')>()), abkApi: mockApi }));
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));
const perms = vi.hoisted(() => ({ denied: new Set<string>() }));
vi.mock('../../auth/session', () => ({ useCan: (p: string) => !perms.denied.has(p) }));

const draft = { id: 'abk27', tahun: 2027, status: 'DRAFT', catatan: '', difinalkanPada: '', jumlahTugas: 2, jumlahPosisi: 1 };
const final = { ...draft, id: 'abk26', tahun: 2026, status: 'FINAL' };

const stored = [
  { id: 't1', urutan: 1, uraian: 'Mengagendakan surat', satuanHasil: 'surat', volume: 6000, periode: 'TAHUN', normaMenit: 5 },
  { id: 't2', urutan: 2, uraian: 'Menyusun laporan', satuanHasil: 'laporan', volume: 400, periode: 'BULAN', normaMenit: 6 },
];

// Deliberately not what the formulas give for the rows: the UI must show the backend's numbers.
const result = {
  opdId: '',
  unitId: '',
  jabatanId: '',
  beban: 87060,
  kebutuhan: 1.1608,
  kebutuhanBulat: 1,
  bezetting: 3,
  selisih: 2,
  ej: 0.3869,
  grade: 'E',
  kosong: false,
  tanpaAbk: false,
};

beforeEach(async () => {
  vi.clearAllMocks();
  perms.denied.clear();
  await i18n.changeLanguage('id');
  mockApi.reference.mockResolvedValue({});
  mockApi.abkTugas.mockResolvedValue(stored);
  mockApi.hitungTugas.mockResolvedValue(result);
});

describe('TugasEditor', () => {
  it('shows the live result from HitungTugas and recomputes after an edit', async () => {
    const user = userEvent.setup();
    renderWithProviders(<TugasEditor abk={draft} unitId="u1" jabatanId="j1" bezetting={3} />);

    await waitFor(() => expect(screen.getByTestId('hitung-beban').textContent).toBe('87.060'));
    expect(screen.getByTestId('hitung-kebutuhan').textContent).toBe('1,16');
    expect(screen.getByTestId('hitung-kebutuhan-bulat').textContent).toBe('1');
    expect(screen.getByTestId('hitung-selisih').textContent).toBe('+2');
    expect(screen.getByTestId('hitung-ej').textContent).toBe('0,39');
    expect(screen.getByTestId('hitung-grade').textContent).toBe('E');
    expect(mockApi.abkTugas).toHaveBeenCalledWith('abk27', 'u1', 'j1');
    expect(mockApi.hitungTugas).toHaveBeenCalledWith(
      [
        { uraian: 'Mengagendakan surat', satuanHasil: 'surat', volume: 6000, periode: 'TAHUN', normaMenit: 5 },
        { uraian: 'Menyusun laporan', satuanHasil: 'laporan', volume: 400, periode: 'BULAN', normaMenit: 6 },
      ],
      3,
    );

    mockApi.hitungTugas.mockResolvedValue({ ...result, beban: 171000, kebutuhan: 2.28, kebutuhanBulat: 2, selisih: 1, ej: 0.76, grade: 'C' });
    const norma = screen.getByTestId('tugas-norma-1');
    await user.clear(norma);
    await user.type(norma, '9');
    await waitFor(() => expect(screen.getByTestId('hitung-beban').textContent).toBe('171.000'));
    expect(screen.getByTestId('hitung-grade').textContent).toBe('C');
    const last = mockApi.hitungTugas.mock.calls.at(-1)!;
    expect(last[0][1]).toMatchObject({ normaMenit: 9, volume: 400, periode: 'BULAN' });
  });

  it('puts the backend save errors on their rows and columns', async () => {
    const { toAppError } = await import('../../../api/errors');
    mockApi.saveABKTugas.mockRejectedValue(
      toAppError(
        JSON.stringify({
          kind: 'Invalid',
          code: 'validation',
          message: 'Uraian tugas wajib diisi.',
          messageEn: 'The task description is required.',
          fields: [
            { field: 'tugas.2', code: 'tugas.uraian', message: 'Uraian tugas wajib diisi.', messageEn: 'The task description is required.' },
            { field: 'tugas.2', code: 'tugas.volume', message: 'Volume harus lebih dari 0.', messageEn: 'The volume must be above 0.' },
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<TugasEditor abk={draft} unitId="u1" jabatanId="j1" bezetting={3} />);
    await screen.findByTestId('tugas-uraian-1');

    await user.click(screen.getByTestId('btn-add-tugas'));
    expect(screen.getAllByTestId('tugas-row')).toHaveLength(3);
    await user.click(screen.getByTestId('btn-save-tugas'));

    await waitFor(() => expect(screen.getByTestId('tugas-error').textContent).toContain('1 baris belum benar'));
    const uraian = screen.getByTestId('tugas-uraian-2');
    expect(uraian.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Uraian tugas wajib diisi.')).toBeTruthy();
    expect(screen.getByTestId('tugas-volume-2').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Volume harus lebih dari 0.')).toBeTruthy();
    // The valid rows stay clean.
    expect(screen.getByTestId('tugas-uraian-0').getAttribute('aria-invalid')).not.toBe('true');

    const [abkId, unitId, jabatanId, sent] = mockApi.saveABKTugas.mock.calls[0];
    expect([abkId, unitId, jabatanId]).toEqual(['abk27', 'u1', 'j1']);
    expect(sent).toHaveLength(3);
    expect(sent[2]).toEqual({ uraian: '', satuanHasil: '', volume: 0, periode: 'BULAN', normaMenit: 0 });
  });

  it('is read-only with the reason when the ABK is final', async () => {
    renderWithProviders(<TugasEditor abk={final} unitId="u1" jabatanId="j1" bezetting={3} />);
    expect(await screen.findByTestId('tugas-readonly')).toBeTruthy();
    expect(screen.getByTestId('tugas-readonly').textContent).toContain('ABK 2026 sudah final');
    expect(screen.getByText('Mengagendakan surat')).toBeTruthy();
    expect(screen.queryByTestId('tugas-uraian-0')).toBeNull();
    expect(screen.queryByTestId('btn-save-tugas')).toBeNull();
    expect(screen.queryByTestId('btn-add-tugas')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('hitung-grade').textContent).toBe('E'));
  });

  it('shows a draft read-only to a role without the ABK permission (kepala OPD)', async () => {
    perms.denied.add('UBAH_ABK');
    renderWithProviders(<TugasEditor abk={draft} unitId="u1" jabatanId="j1" bezetting={3} />);
    expect(await screen.findByText('Mengagendakan surat')).toBeTruthy();
    expect(screen.queryByTestId('tugas-uraian-0')).toBeNull();
    expect(screen.queryByTestId('btn-save-tugas')).toBeNull();
    expect(screen.queryByTestId('btn-add-tugas')).toBeNull();
    expect(screen.queryByTestId('tugas-remove-0')).toBeNull();
  });
});
