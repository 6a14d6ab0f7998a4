import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { EnrollCard } from './EnrollCard';

const mockEnroll = vi.hoisted(() => ({ enroll: vi.fn(), createCode: vi.fn(), rotate: vi.fn() }));
const mockSync = vi.hoisted(() => ({ settings: vi.fn() }));
vi.mock('../api', () => ({ enrollApi: mockEnroll, syncApi: mockSync }));
vi.mock('../../auth/session', () => ({ useCan: () => true }));

const base = { serverUrl: '', tokenSet: false, intervalMinutes: 15, retainDays: 30, deviceId: 'dev-1', serverDevice: '', enrolledOpd: '', tokenExpires: '', caFingerprint: '' };

beforeEach(async () => {
  vi.clearAllMocks();
  await i18n.changeLanguage('id');
});

describe('EnrollCard', () => {
  it('enrolls with a pasted enrollment string', async () => {
    mockSync.settings.mockResolvedValue(base);
    mockEnroll.enroll.mockResolvedValue(undefined);
    renderWithProviders(<EnrollCard />);
    expect(await screen.findByText('Perangkat ini belum terdaftar.')).toBeTruthy();
    const s = 'imbang1:https://sinkron.example:8443#ABCD-EFGH-JKLM-NPQR#' + 'ab'.repeat(32);
    await userEvent.type(screen.getByTestId('enroll-code'), s);
    await userEvent.click(screen.getByTestId('enroll-submit'));
    await waitFor(() => expect(mockEnroll.enroll).toHaveBeenCalledWith('https://', s));
  });

  it('shows the credential and makes a code on a BKPSDM device', async () => {
    mockSync.settings.mockResolvedValue({ ...base, tokenSet: true, enrolledOpd: 'BKPSDM', tokenExpires: '2027-11-27T08:00:00Z', caFingerprint: 'ab'.repeat(32) });
    mockEnroll.createCode.mockResolvedValue({ code: 'WXYZ-2345-ABCD-EFGH', expiresAt: '2026-11-30T08:00:00Z', enrollment: 'imbang1:https://s#WXYZ-2345-ABCD-EFGH#ab' });
    renderWithProviders(<EnrollCard />);
    expect(await screen.findByText('Terdaftar sebagai perangkat BKPSDM')).toBeTruthy();
    await userEvent.type(screen.getByTestId('enroll-new-opd'), 'DINKES');
    await userEvent.click(screen.getByTestId('enroll-new-create'));
    await waitFor(() => expect(mockEnroll.createCode).toHaveBeenCalledWith('DINKES', false, 72));
    expect((await screen.findByTestId('enroll-new-code')).textContent).toBe('WXYZ-2345-ABCD-EFGH');
    expect(screen.getByTestId('enroll-new-string').textContent).toContain('imbang1:');
  });
});
