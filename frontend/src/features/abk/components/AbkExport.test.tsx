import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { AbkExportMenu } from './AbkExport';

const mockApi = vi.hoisted(() => ({ exportABK: vi.fn(), exportABKOPD: vi.fn(), exportABKTugas: vi.fn(), exportDashboard: vi.fn(), exportReportPDF: vi.fn(), exportReportPDFOPD: vi.fn() }));
vi.mock('../api', () => ({ abkApi: mockApi }));
const session = vi.hoisted(() => ({ data: undefined as unknown }));
vi.mock('../../auth/session', () => ({ useSession: () => session }));

const abk = { id: 'abk26', tahun: 2026, status: 'FINAL', catatan: '', difinalkanPada: '', jumlahTugas: 2, jumlahPosisi: 1 };

beforeEach(async () => {
  vi.clearAllMocks();
  await i18n.changeLanguage('id');
  mockApi.exportABKOPD.mockResolvedValue('/tmp/x.xlsx');
  mockApi.exportReportPDFOPD.mockResolvedValue('/tmp/x.pdf');
});

describe('AbkExportMenu', () => {
  it("offers a kepala OPD their own OPD's export, whatever OPD is open", async () => {
    session.data = { user: { opdId: 'o1' }, opdNama: 'Dinas Pendidikan' };
    const user = userEvent.setup();
    renderWithProviders(<AbkExportMenu abk={abk} opdId="o2" />);
    await user.click(screen.getByTestId('btn-abk-export'));
    const item = await screen.findByTestId('export-abk-opd-xlsx');
    expect(item.textContent).toContain('ABK Dinas Pendidikan');
    await user.click(item);
    await waitFor(() => expect(mockApi.exportABKOPD).toHaveBeenCalledWith('abk26', 'o1'));
    await user.click(screen.getByTestId('btn-abk-export'));
    const pdf = await screen.findByTestId('export-report-opd-pdf');
    expect(pdf.textContent).toContain('Laporan ABK Dinas Pendidikan');
    await user.click(pdf);
    await waitFor(() => expect(mockApi.exportReportPDFOPD).toHaveBeenCalledWith('abk26', 'o1'));
  });

  it('offers the region roles the OPD opened, and none on the region view', async () => {
    session.data = { user: { opdId: '' } };
    const user = userEvent.setup();
    const { unmount } = renderWithProviders(<AbkExportMenu abk={abk} />);
    await user.click(screen.getByTestId('btn-abk-export'));
    expect(await screen.findByTestId('export-abk-xlsx')).toBeTruthy();
    expect(screen.queryByTestId('export-abk-opd-xlsx')).toBeNull();
    expect(screen.queryByTestId('export-report-opd-pdf')).toBeNull();
    unmount();
    renderWithProviders(<AbkExportMenu abk={abk} opdId="o2" />);
    await user.click(screen.getByTestId('btn-abk-export'));
    await user.click(await screen.findByTestId('export-abk-opd-xlsx'));
    await waitFor(() => expect(mockApi.exportABKOPD).toHaveBeenCalledWith('abk26', 'o2'));
    await user.click(screen.getByTestId('btn-abk-export'));
    await user.click(await screen.findByTestId('export-report-opd-pdf'));
    await waitFor(() => expect(mockApi.exportReportPDFOPD).toHaveBeenCalledWith('abk26', 'o2'));
  });
});
