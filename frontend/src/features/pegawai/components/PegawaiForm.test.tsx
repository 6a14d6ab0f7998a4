import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { dateErrors, PegawaiFormModal, toPegawai, toFormValues } from './PegawaiForm';

// The adapter is mocked, not Go: the form only ever sees `api` and AppError.
const mockApi = vi.hoisted(() => ({
  reference: vi.fn(),
  listOPD: vi.fn(),
  opdTree: vi.fn(),
  listJabatan: vi.fn(),
  savePegawai: vi.fn(),
}));
vi.mock('../../../api', async () => {
  const errors = await import('../../../api/errors');
  return { ...errors, api: mockApi };
});
vi.mock('../api', () => ({ pegawaiApi: mockApi }));
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));

const rejection = JSON.stringify({
  kind: 'Invalid',
  code: 'validation',
  message: 'Jenis kelamin tidak sama dengan digit ke-15 NIP. (dan 1 masalah lain)',
  messageEn: 'The gender differs from digit 15 of the NIP. (and 1 more)',
  fields: [
    {
      field: 'nip',
      code: 'nip.gender',
      message: 'Jenis kelamin (Perempuan) tidak sama dengan digit ke-15 NIP (Laki-laki).',
      messageEn: 'The gender (P) differs from digit 15 of the NIP (L).',
    },
    { field: 'riwayat', code: 'riwayat.overlap', message: 'Riwayat tumpang tindih.', messageEn: 'History overlaps.' },
  ],
});

beforeEach(async () => {
  vi.clearAllMocks();
  await i18n.changeLanguage('id');
  mockApi.reference.mockResolvedValue({
    golongan: [{ value: '31', label: 'III/a', labelEn: 'III/a' }],
    golonganPppk: [],
    pendidikan: [{ value: '40', label: 'S-1', labelEn: "Bachelor's" }],
    jenisJabatan: [],
    jenjang: [],
    jenisOpd: [],
    status: [{ value: 'PNS', label: 'PNS', labelEn: 'PNS' }],
  });
  mockApi.listOPD.mockResolvedValue([]);
  mockApi.listJabatan.mockResolvedValue([]);
  mockApi.opdTree.mockResolvedValue({ opd: {}, units: [] });
  // What src/api does with the Go rejection: turn it into an AppError.
  const { toAppError } = await import('../../../api/errors');
  mockApi.savePegawai.mockRejectedValue(toAppError(rejection));
});

describe('PegawaiFormModal', () => {
  it('shows the backend field error under the NIP input, in Indonesian', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PegawaiFormModal initial={null} onClose={() => {}} onSaved={() => {}} />);

    // Pasted, not typed: 32 keystrokes re-render the whole form each time,
    // which took over 30 s on a loaded 2-core machine; typing is not what
    // this test is about.
    await user.click(screen.getByTestId('input-nip'));
    await user.paste('199001012015032001');
    await user.click(screen.getByTestId('input-nama'));
    await user.paste('Maria Kambuaya');
    await user.click(screen.getByTestId('btn-save-pegawai'));

    const msg = await screen.findByText('Jenis kelamin (Perempuan) tidak sama dengan digit ke-15 NIP (Laki-laki).');
    const nip = screen.getByTestId('input-nip');
    expect(nip.getAttribute('aria-invalid')).toBe('true');
    expect(nip.getAttribute('aria-describedby') ?? '').toContain(msg.id);
    // A field the form has no input for goes to the banner.
    expect(screen.getByTestId('form-error').textContent).toBe('Riwayat tumpang tindih.');

    expect(mockApi.savePegawai).toHaveBeenCalledTimes(1);
    const sent = mockApi.savePegawai.mock.calls[0][0];
    expect(sent).toMatchObject({ id: '', nip: '199001012015032001', nama: 'Maria Kambuaya', golongan: 0 });
  });

  it('shows the English message when the UI is in English', async () => {
    await i18n.changeLanguage('en');
    const user = userEvent.setup();
    renderWithProviders(<PegawaiFormModal initial={null} onClose={() => {}} onSaved={() => {}} />);
    await user.type(screen.getByTestId('input-nip'), '1');
    await user.click(screen.getByTestId('btn-save-pegawai'));
    expect(await screen.findByText('The gender (P) differs from digit 15 of the NIP (L).')).toBeTruthy();
  });

  it('shows a non-field error as a banner', async () => {
    const { AppError } = await import('../../../api/errors');
    mockApi.savePegawai.mockRejectedValue(
      new AppError({ kind: 'Conflict', code: 'nip.taken', message: 'NIP sudah dipakai.', messageEn: 'NIP in use.' }),
    );
    const user = userEvent.setup();
    renderWithProviders(<PegawaiFormModal initial={null} onClose={() => {}} onSaved={() => {}} />);
    await user.click(screen.getByTestId('btn-save-pegawai'));
    await waitFor(() => expect(screen.getByTestId('form-error').textContent).toBe('NIP sudah dipakai.'));
  });
});

describe('form values', () => {
  it('round-trip a Pegawai and send only the ladder of the status', () => {
    const p = {
      id: 'x',
      nip: '199001012015031001',
      nama: 'A',
      gelarDepan: '',
      gelarBelakang: 'S.T.',
      jenisKelamin: 'L',
      tempatLahir: 'Sorong',
      tanggalLahir: '1990-01-01',
      status: 'PNS',
      golongan: 31,
      golonganPppk: 0,
      pendidikan: 40,
      jurusan: 'Teknik Sipil',
      opdId: 'o',
      unitId: 'u',
      jabatanId: 'j',
      tmtJabatan: '2020-01-01',
      tmtCpns: '2015-03-01',
      tmtPns: '2016-03-01',
      keluarPada: '',
      instansiTujuan: '',
    };
    expect(toPegawai('x', toFormValues(p))).toEqual(p);
    const pppk = toPegawai('x', { ...toFormValues(p), status: 'PPPK', golonganPppk: '9' });
    expect(pppk.golongan).toBe(0);
    expect(pppk.golonganPppk).toBe(9);
  });

  it('keeps unreadable, impossible and future dates from being sent, each under its field', () => {
    const v = { ...toFormValues(null), tanggalLahir: '2031-05-01', tmtCpns: '31/02/2015', tmtPns: '1/3/16', tmtJabatan: '2027-01-01' };
    const text = (p: string) => `msg:${p}`;
    expect(dateErrors(v, '2026-07-01', text)).toEqual({
      tanggalLahir: 'msg:futureBirth',
      tmtCpns: 'msg:impossible',
      tmtPns: 'msg:year',
      tmtJabatan: 'msg:future',
    });
    expect(dateErrors({ ...v, tanggalLahir: '1990-01-01', tmtCpns: '', tmtPns: '2016-03-01', tmtJabatan: '2026-07-01' }, '2026-07-01', text)).toEqual({});
  });
});
