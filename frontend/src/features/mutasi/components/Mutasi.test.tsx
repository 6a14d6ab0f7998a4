import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { UsulanDetailView } from './UsulanDetail';
import { UsulanWizard } from './UsulanWizard';

const mockApi = vi.hoisted(() => ({
  reference: vi.fn(),
  currentUser: vi.fn(),
  transferRoles: vi.fn(),
  listOPD: vi.fn(),
  opdTree: vi.fn(),
  listJabatan: vi.fn(),
  listPegawai: vi.fn(),
  getPegawai: vi.fn(),
  checkMutasi: vi.fn(),
  getUsulan: vi.fn(),
  decideUsulan: vi.fn(),
  dokumenChecklist: vi.fn(),
  abkOPD: vi.fn(),
}));
vi.mock('../../../api', async () => {
  const errors = await import('../../../api/errors');
  const types = await import('../../../api/types');
  return { ...errors, ...types, api: mockApi };
});
vi.mock('../api', async (orig) => ({ ...(await orig<typeof import('../api')>()), mutasiApi: mockApi }));
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));
vi.mock('../../abk', async (orig) => ({ ...(await orig<typeof import('../../abk')>()), abkApi: mockApi }));

const opd = (id: string, singkatan: string, nama: string) => ({ id, kode: id, nama, singkatan, jenis: 'DINAS', alamat: '', unit: 1, pegawai: 5, pns: 5, cpns: 0, pppk: 0 });

const blockRule = {
  ruleId: 'MUT-03',
  severity: 'BLOCK',
  outcome: 'FAIL',
  values: { tahun_menjabat: '1 tahun 11 bulan 29 hari', minimum: '2 tahun' },
  message: 'Masa jabatan 1 tahun 11 bulan 29 hari, kurang dari 2 tahun',
  messageEn: 'Time in post 1 year 11 months 29 days, less than 2 years',
  source: 'PP 11/2017 Ps.190(3)',
};
const passRule = {
  ruleId: 'MUT-01',
  severity: 'BLOCK',
  outcome: 'PASS',
  values: { status: 'PNS' },
  message: 'Berstatus PNS',
  messageEn: 'Civil servant',
  source: 'PP 11/2017 Ps.190',
};

const row = {
  id: 'usl-1',
  nomor: 'MUT/2025/0001',
  pegawaiId: 'p1',
  nip: '198501012010011001',
  namaPegawai: 'Budi Santoso',
  jenis: 'T1',
  aps: false,
  status: 'DIAJUKAN',
  opdAsal: 'DISDIK',
  opdTujuan: 'DINKES',
  diperbaruiPada: '2025-03-01T10:00:00Z',
  blocked: true,
};
const placement = (opdId: string, opdSingkatan: string) => ({
  opdId,
  unitId: `${opdId}-u`,
  jabatanId: 'j1',
  opdNama: `Dinas ${opdSingkatan}`,
  opdSingkatan,
  unitNama: 'Sekretariat',
  jabatanNama: 'Analis SDM',
});
const detail = {
  row,
  state: { status: 'DIAJUKAN', targetIndex: 0, request: { reason: '', aps: false, type: 'T1' }, lastReason: '' },
  events: [
    {
      id: 'e1',
      seq: 1,
      kind: 'BUAT',
      actor: { userId: 'u1', pegawaiId: '', name: 'Operator DISDIK', role: 'OPERATOR_OPD', opdId: 'o1' },
      time: '2025-03-01T09:00:00Z',
      note: '',
      payload: { targetIndex: 0, blocked: true, eligibility: [{ ruleId: 'MUT-03', severity: 'BLOCK', outcome: 'FAIL', message: 'Masa jabatan kurang', values: '1 tahun' }] },
      actorLabel: 'Operator DISDIK (Operator OPD)',
    },
  ],
  allowed: ['VERIFIKASI', 'KEMBALIKAN', 'TOLAK'],
  rules: [blockRule, passRule],
  source: placement('o1', 'DISDIK'),
  targets: [placement('o2', 'DINKES')],
};

beforeEach(async () => {
  vi.clearAllMocks();
  await i18n.changeLanguage('id');
  mockApi.reference.mockResolvedValue({});
  mockApi.currentUser.mockResolvedValue({ id: 'u-ver', nama: 'Verifikator', role: 'VERIFIKATOR_BKPSDM', opdId: '', pegawaiId: '' });
  mockApi.transferRoles.mockResolvedValue([{ value: 'VERIFIKATOR_BKPSDM', label: 'Verifikator BKPSDM', labelEn: 'BKPSDM verifier' }]);
  mockApi.listOPD.mockResolvedValue([opd('o1', 'DISDIK', 'Dinas Pendidikan'), opd('o2', 'DINKES', 'Dinas Kesehatan')]);
  mockApi.opdTree.mockResolvedValue({ opd: opd('o2', 'DINKES', 'Dinas Kesehatan'), units: [] });
  mockApi.listJabatan.mockResolvedValue([
    { id: 'j1', kode: 'J1', nama: 'Analis SDM', jenis: 'FUNGSIONAL', jenjang: '', kelas: 9, minPendidikan: 0, jurusan: null, golonganMin: 0, golonganMax: 0, bup: 58, golonganRange: '', pendidikanLabel: '', pegawai: 1 },
  ]);
  mockApi.listPegawai.mockResolvedValue({ total: 0, offset: 0, rows: [] });
  mockApi.getPegawai.mockResolvedValue({
    pegawai: { id: 'p1', nip: row.nip, status: 'PNS', tmtJabatan: '2023-03-02' },
    namaLengkap: 'Budi Santoso',
    opdNama: 'Dinas Pendidikan',
    unitNama: 'Sekretariat',
    jabatanNama: 'Pengadministrasi',
    masaJabatan: 1,
  });
  mockApi.checkMutasi.mockResolvedValue({ rules: [blockRule, passRule], blocked: true, warnings: 0, pegawai: {}, targetLabel: {} });
  mockApi.getUsulan.mockResolvedValue(detail);
  mockApi.dokumenChecklist.mockResolvedValue([]);
  mockApi.abkOPD.mockRejectedValue(new Error('no ABK'));
});

async function pick(user: ReturnType<typeof userEvent.setup>, testId: string, option: string) {
  const input = screen.getByTestId(testId);
  await user.click(input);
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('UsulanWizard', () => {
  it("shows each post of the target unit with what it needs, has and lacks", async () => {
    const user = userEvent.setup();
    const unit = { id: 'u2', kode: 'U2', nama: 'Puskesmas Remu', induk: '', jabatan: [{ jabatanId: 'j1', nama: 'Analis SDM', bezetting: 2 }, { jabatanId: 'j9', nama: 'Pengemudi', bezetting: 1 }], children: [] };
    mockApi.opdTree.mockResolvedValue({ opd: opd('o2', 'DINKES', 'Dinas Kesehatan'), units: [unit] });
    mockApi.abkOPD.mockResolvedValue({ units: [{ id: 'u2', nama: 'Puskesmas Remu', positions: [{ jabatanId: 'j1', jabatanNama: 'Analis SDM', kebutuhanBulat: 3, bezetting: 2, selisih: -1 }] }] });
    renderWithProviders(<UsulanWizard pegawaiId="p1" />);
    expect(await screen.findByText('Pengadministrasi')).toBeTruthy();
    await pick(user, 'wizard-target-opd-0', 'DINKES — Dinas Kesehatan');
    await waitFor(() => expect(mockApi.abkOPD).toHaveBeenCalledWith('', 'o2'));
    await pick(user, 'wizard-target-unit-0', 'Puskesmas Remu');
    await user.click(screen.getByTestId('wizard-target-jabatan-0'));
    expect(await screen.findByRole('option', { name: 'Analis SDM — butuh 3 · terisi 2 · kurang 1' })).toBeTruthy();
    expect(await screen.findByRole('option', { name: 'Pengemudi — terisi 1 · belum ada ABK' })).toBeTruthy();
  });

  it('shows the live rule results of CheckMutasi, a failing BLOCK rule with its values and source', async () => {
    const user = userEvent.setup();
    renderWithProviders(<UsulanWizard pegawaiId="p1" />);
    expect(await screen.findByText('Pengadministrasi')).toBeTruthy();
    expect(screen.getByTestId('check-hint')).toBeTruthy();

    await pick(user, 'wizard-target-opd-0', 'DINKES — Dinas Kesehatan');
    await pick(user, 'wizard-target-jabatan-0', 'Analis SDM');

    const blocked = await screen.findByTestId('check-blocked', {}, { timeout: 3000 });
    expect(blocked.textContent).toContain('BLOCK');
    expect(mockApi.checkMutasi).toHaveBeenCalledWith(
      expect.objectContaining({ pegawaiId: 'p1', jenis: 'T1', aps: false, target: { opdId: 'o2', unitId: '', jabatanId: 'j1' } }),
    );
    const results = screen.getAllByTestId('rule-result');
    const mut03 = results.find((r) => r.getAttribute('data-rule') === 'MUT-03');
    expect(mut03?.getAttribute('data-outcome')).toBe('FAIL');
    expect(mut03?.textContent).toContain('Masa jabatan 1 tahun 11 bulan 29 hari, kurang dari 2 tahun');
    expect(within(mut03!).getByTestId('rule-values').textContent).toContain('tahun menjabat: 1 tahun 11 bulan 29 hari');
    expect(within(mut03!).getByTestId('rule-source').textContent).toContain('PP 11/2017 Ps.190(3)');
    // Failures first within the BLOCK group.
    expect(results[0].getAttribute('data-rule')).toBe('MUT-03');
    // Saving a draft is not prevented by the UI: the backend refuses on ajukan/verifikasi.
    expect((screen.getByTestId('btn-wizard-draft') as HTMLButtonElement).disabled).toBe(false);
  });

  it('names the destination agency for a transfer out of the Pemda (T2–T4) instead of picking a local post', async () => {
    const user = userEvent.setup();
    renderWithProviders(<UsulanWizard pegawaiId="p1" />);
    expect(await screen.findByText('Pengadministrasi')).toBeTruthy();
    await pick(user, 'wizard-jenis', 'T2 — antar-Pemda dalam provinsi');
    expect(screen.queryByTestId('wizard-target-opd-0')).toBeNull();
    // A paste, not per-character typing: one change instead of 35 renders.
    await user.click(screen.getByTestId('wizard-target-instansi-0'));
    await user.paste('Pemerintah Kabupaten Sorong Selatan');
    await waitFor(
      () =>
        expect(mockApi.checkMutasi).toHaveBeenCalledWith(
          expect.objectContaining({ jenis: 'T2', target: { opdId: '', unitId: '', jabatanId: '', instansi: 'Pemerintah Kabupaten Sorong Selatan' } }),
        ),
      { timeout: 3000 },
    );
  });
});

describe('UsulanDetailView', () => {
  it('shows only the action buttons the backend allows, and a refused decision with its code', async () => {
    const user = userEvent.setup();
    const { toAppError } = await import('../../../api/errors');
    mockApi.decideUsulan.mockRejectedValue(
      toAppError(
        JSON.stringify({
          kind: 'NotEligible',
          code: 'transfer.blocked',
          message: 'Usulan tidak dapat diverifikasi: MUT-03 (BLOCK) tidak terpenuhi.',
          messageEn: 'The request cannot be verified: MUT-03 (BLOCK) fails.',
        }),
      ),
    );
    renderWithProviders(<UsulanDetailView id="usl-1" />);
    await screen.findByTestId('usulan-actions');
    const buttons = await screen.findAllByTestId(/^btn-action-/);
    expect(buttons.map((b) => b.getAttribute('data-testid'))).toEqual(['btn-action-VERIFIKASI', 'btn-action-KEMBALIKAN', 'btn-action-TOLAK']);
    expect(screen.queryByTestId('btn-action-LAKSANAKAN')).toBeNull();
    expect(screen.getByTestId('usulan-status').getAttribute('data-status')).toBe('DIAJUKAN');
    expect(screen.getAllByTestId('timeline-event')).toHaveLength(1);

    await user.click(screen.getByTestId('btn-action-VERIFIKASI'));
    await user.click(await screen.findByTestId('btn-decide-submit'));
    const err = await screen.findByTestId('decide-error');
    expect(err.getAttribute('data-code')).toBe('transfer.blocked');
    expect(err.textContent).toContain('Usulan tidak dapat diverifikasi: MUT-03 (BLOCK) tidak terpenuhi.');
    expect(err.textContent).toContain('transfer.blocked');
    expect(mockApi.decideUsulan).toHaveBeenCalledWith('usl-1', expect.objectContaining({ kind: 'VERIFIKASI', targetIndex: 0 }));
  });

  it('shows the checklist the step needs and asks for a written justification while a WARN rule fails', async () => {
    const user = userEvent.setup();
    const warnRule = { ...passRule, ruleId: 'MUT-13', severity: 'WARN', outcome: 'FAIL', message: 'Jabatan tujuan tidak kekurangan pegawai' };
    mockApi.getUsulan.mockResolvedValue({
      ...detail,
      rules: [passRule, warnRule],
      gate: {
        minJustifikasi: 40,
        minJustifikasiKata: 6,
        justifikasi: ['VERIFIKASI'],
        dokumen: [
          {
            kind: 'VERIFIKASI',
            items: [
              { kode: 'SK_JABATAN_TERAKHIR', nama: 'Salinan sah SK jabatan terakhir', namaEn: 'Certified copy', hanyaAps: false, ada: true },
              { kode: 'SKP_2_TAHUN', nama: 'SKP bernilai baik 2 tahun terakhir', namaEn: 'SKP', hanyaAps: false, ada: false },
            ],
          },
        ],
      },
    });
    mockApi.decideUsulan.mockResolvedValue({ ...detail, row: { ...row, status: 'diverifikasi' } });
    renderWithProviders(<UsulanDetailView id="usl-1" />);
    await user.click(await screen.findByTestId('btn-action-VERIFIKASI'));
    const docs = await screen.findByTestId('decide-dokumen');
    expect(within(docs).getByTestId('decide-dok-SK_JABATAN_TERAKHIR').getAttribute('data-ada')).toBe('1');
    expect(within(docs).getByTestId('decide-dok-SKP_2_TAHUN').getAttribute('data-ada')).toBe('0');
    expect(screen.getByTestId('decide-dokumen-kurang').textContent).toContain('1 dokumen belum lengkap');
    const just = screen.getByTestId('decide-justifikasi');
    expect(screen.getByText(/Aturan WARN tidak terpenuhi: MUT-13/)).toBeTruthy();
    await user.click(just);
    await user.paste('Kebutuhan organisasi di OPD tujuan mendesak dan pegawai memenuhi syarat.');
    await user.click(screen.getByTestId('btn-decide-submit'));
    await waitFor(() =>
      expect(mockApi.decideUsulan).toHaveBeenCalledWith(
        'usl-1',
        expect.objectContaining({ kind: 'VERIFIKASI', justifikasi: 'Kebutuhan organisasi di OPD tujuan mendesak dan pegawai memenuhi syarat.' }),
      ),
    );
  });

  it('shows no action buttons when the backend allows none', async () => {
    mockApi.getUsulan.mockResolvedValue({ ...detail, allowed: [] });
    renderWithProviders(<UsulanDetailView id="usl-1" />);
    await screen.findByTestId('no-actions');
    await waitFor(() => expect(screen.queryAllByTestId(/^btn-action-/)).toHaveLength(0));
  });
});
