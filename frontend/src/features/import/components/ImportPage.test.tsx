import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import type { ImportPreview, ImportReport } from '../api';
import { ImportPage } from './ImportPage';

const mockApi = vi.hoisted(() => ({ listABK: vi.fn() }));
const mockImport = vi.hoisted(() => ({
  chooseFile: vi.fn(),
  preview: vi.fn(),
  dryRun: vi.fn(),
  commit: vi.fn(),
  saveTemplate: vi.fn(),
}));
vi.mock('../../abk', () => ({ abkApi: mockApi }));
vi.mock('../api', () => ({ importApi: mockImport, onImportProgress: () => () => {} }));
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));

const cp1252 = {
  code: 'import.encoding_cp1252',
  message: 'Berkas bukan UTF-8; dibaca sebagai Windows-1252 (huruf non-ASCII pertama di baris 4). Periksa nama-nama sebelum menyimpan.',
  messageEn: 'The file is not UTF-8; read as Windows-1252 (first non-ASCII letter on line 4). Check the names before storing.',
};

const fields = ['opdKode', 'unitKode', 'jabatanKode', 'uraian', 'volume', 'periode', 'normaMenit'].map((key) => ({
  key,
  label: key,
  labelEn: key,
  required: key !== 'satuanHasil',
  hint: '',
}));

const preview: ImportPreview = {
  kind: 'abk',
  file: 'tugas.csv',
  sheet: '',
  sheets: null,
  headers: fields.map((f) => f.key),
  rows: [['D01', 'D01.01', 'JF-01', 'Menyusun laporan', '1.200', 'TAHUN', '30']],
  rowCount: 1,
  fields,
  mapping: { sheet: '', columns: Object.fromEntries(fields.map((f, i) => [f.key, i])) },
  missing: [],
  headerRow: 2,
  top: [],
  notices: [cp1252],
};

const dry: ImportReport = {
  kind: 'abk',
  file: 'tugas.csv',
  sheet: '',
  total: 1,
  valid: 1,
  failed: 0,
  errors: [],
  dryRun: true,
  committed: false,
  stored: 0,
  positions: 0,
  millis: 3,
  notices: [cp1252],
};

async function toMapping() {
  renderWithProviders(<ImportPage />);
  await userEvent.click(screen.getByTestId('kind-abk'));
  await userEvent.click(screen.getByTestId('btn-choose-file'));
  await screen.findByTestId('import-mapping');
}

beforeEach(async () => {
  vi.clearAllMocks();
  await i18n.changeLanguage('id');
  mockApi.listABK.mockResolvedValue([{ id: 'abk-1', tahun: 2026, status: 'DRAFT' }]);
  mockImport.chooseFile.mockResolvedValue('/tmp/tugas.csv');
  mockImport.preview.mockResolvedValue(preview);
  mockImport.dryRun.mockResolvedValue(dry);
});

describe('ImportPage', () => {
  it('reads numbers the Indonesian way unless the user picks English, and sends the choice with the header row', async () => {
    await toMapping();
    expect((screen.getByLabelText('Indonesia: 1.200,5') as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByTestId('btn-dry-run'));
    await waitFor(() => expect(mockImport.dryRun).toHaveBeenCalledTimes(1));
    expect(mockImport.dryRun.mock.calls[0][2]).toMatchObject({ locale: 'id-ID', headerRow: 2 });

    await userEvent.click(screen.getByText('Kembali ke pemetaan', { exact: false }));
    await userEvent.click(screen.getByLabelText('Inggris (AS): 1,200.5'));
    await userEvent.click(screen.getByTestId('btn-dry-run'));
    await waitFor(() => expect(mockImport.dryRun).toHaveBeenCalledTimes(2));
    expect(mockImport.dryRun.mock.calls[1][2]).toMatchObject({ locale: 'en-US', headerRow: 2 });
  });

  it('shows how the file was read in the preview and in the dry run, in Indonesian', async () => {
    await toMapping();
    expect(screen.getByTestId('import-notice-import.encoding_cp1252').textContent).toContain('dibaca sebagai Windows-1252');
    await userEvent.click(screen.getByTestId('btn-dry-run'));
    await screen.findByTestId('import-report');
    expect(screen.getByTestId('import-notice-import.encoding_cp1252').textContent).toContain('dibaca sebagai Windows-1252');
  });

  it('shows the notice in English when the UI is English', async () => {
    await i18n.changeLanguage('en');
    await toMapping();
    const n = screen.getByTestId('import-notice-import.encoding_cp1252');
    expect(n.textContent).toContain('read as Windows-1252');
    expect(n.textContent).not.toContain('dibaca');
  });
});
