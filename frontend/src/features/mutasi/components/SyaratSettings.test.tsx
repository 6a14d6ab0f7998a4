import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { SyaratSettings } from './SyaratSettings';

const mockApi = vi.hoisted(() => ({
  reference: vi.fn(),
  eligibilityRules: vi.fn(),
  eligibilityParams: vi.fn(),
  defaultEligibilityParams: vi.fn(),
  saveEligibilityParams: vi.fn(),
}));
vi.mock('../../../api', async () => {
  const errors = await import('../../../api/errors');
  return { ...errors, api: mockApi };
});
vi.mock('../api', () => ({ mutasiApi: mockApi }));
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));
const perms = vi.hoisted(() => ({ denied: new Set<string>() }));
vi.mock('../../auth/session', () => ({ useCan: (p: string) => !perms.denied.has(p) }));

const rule = {
  id: 'MUT-03',
  judul: 'Masa jabatan minimal',
  judulEn: 'Minimum time in post',
  pernyataan: 'Sudah menduduki jabatan sekurang-kurangnya 2 tahun.',
  statementEn: 'At least 2 years in the current post.',
  severity: 'BLOCK',
  params: ['mut03MinTahun'],
  source: 'PP 11/2017 Pasal 190 ayat (3)',
  confidence: 'V',
};

beforeEach(async () => {
  vi.clearAllMocks();
  perms.denied.clear();
  await i18n.changeLanguage('id');
  mockApi.reference.mockResolvedValue({ skpPredikat: [{ value: 'BAIK', label: 'Baik', labelEn: 'Good' }] });
  mockApi.eligibilityRules.mockResolvedValue([rule]);
  mockApi.eligibilityParams.mockResolvedValue({ mut03MinTahun: 2, mut04MaxTahun: 5 });
});

describe('SyaratSettings', () => {
  it('offers no save or reset to a role without the settings permission', async () => {
    perms.denied.add('ATURAN');
    renderWithProviders(<SyaratSettings />);
    expect((await screen.findAllByText('Masa jabatan minimal')).length).toBeGreaterThan(0);
    expect(screen.queryByTestId('syarat-save')).toBeNull();
    expect(screen.queryByTestId('syarat-reset')).toBeNull();
  });

  it('shows each rule with its source and saves the edited parameter', async () => {
    mockApi.saveEligibilityParams.mockImplementation(async (p: Record<string, number>) => p);
    renderWithProviders(<SyaratSettings />);
    const card = await screen.findByTestId('rule-MUT-03');
    expect(within(card).getByText('Masa jabatan minimal')).toBeTruthy();
    expect(screen.getByText(/PP 11\/2017 Pasal 190 ayat \(3\)/)).toBeTruthy();
    const input = screen.getByTestId('param-mut03MinTahun') as HTMLInputElement;
    await userEvent.clear(input);
    await userEvent.type(input, '3');
    await userEvent.click(screen.getByTestId('syarat-save'));
    await waitFor(() => expect(mockApi.saveEligibilityParams).toHaveBeenCalled());
    // Only the edited parameter goes out: the backend keeps every other stored value (a MUT-04 limit
    // changed on the ABK page since this form opened is not written back as 5).
    expect(mockApi.saveEligibilityParams.mock.calls[0][0]).toEqual({ mut03MinTahun: 3 });
  });

  it('sets a rule severity for one transfer type and sends every rule row', async () => {
    mockApi.eligibilityParams.mockResolvedValue({ mut03MinTahun: 2, severitas: null });
    mockApi.saveEligibilityParams.mockImplementation(async (p: Record<string, unknown>) => p);
    renderWithProviders(<SyaratSettings />);
    await userEvent.click(await screen.findByTestId('sev-MUT-03-T1'));
    await userEvent.click(await screen.findByRole('option', { name: 'WARN' }));
    await userEvent.click(screen.getByTestId('syarat-save'));
    await waitFor(() => expect(mockApi.saveEligibilityParams).toHaveBeenCalled());
    expect(mockApi.saveEligibilityParams.mock.calls[0][0]).toEqual({ severitas: { 'MUT-03': { T1: 'WARN' } } });
  });

  it('puts a backend field error under its parameter', async () => {
    mockApi.saveEligibilityParams.mockRejectedValue(
      JSON.stringify({
        kind: 'Invalid',
        code: 'validation',
        message: 'MUT-03: masa jabatan minimal (tahun) harus antara 0 dan 10.',
        messageEn: 'MUT-03: minimum years in post must be between 0 and 10.',
        fields: [
          {
            field: 'mut03MinTahun',
            code: 'eligibility.range',
            message: 'MUT-03: masa jabatan minimal (tahun) harus antara 0 dan 10.',
            messageEn: 'MUT-03: minimum years in post must be between 0 and 10.',
          },
        ],
      }),
    );
    renderWithProviders(<SyaratSettings />);
    await userEvent.click(await screen.findByTestId('syarat-save'));
    expect(await screen.findByText('MUT-03: masa jabatan minimal (tahun) harus antara 0 dan 10.')).toBeTruthy();
  });
});
