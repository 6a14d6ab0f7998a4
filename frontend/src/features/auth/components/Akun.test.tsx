import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../../test/render';
import { LockScreen, LoginPage } from './LoginPage';
import type { Session } from '../api';

const mockAuth = vi.hoisted(() => ({
  login: vi.fn(),
  unlock: vi.fn(),
  logout: vi.fn(),
  session: vi.fn(),
}));
vi.mock('../api', () => ({ authApi: mockAuth }));
vi.mock('../../../lib/uiLog', () => ({ reportReady: () => {}, reportError: () => {} }));

const lockedErr = JSON.stringify({
  kind: 'Permission',
  code: 'auth.account_locked',
  message: 'Akun terkunci karena terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit, atau minta admin mengatur ulang kata sandi.',
  messageEn: 'The account is locked.',
});

const session: Session = {
  loggedIn: true,
  locked: true,
  hasUsers: true,
  user: { id: 'u1', username: 'budi', nama: 'Budi Santoso', role: 'PIMPINAN', opdId: '', pegawaiId: '', aktif: true, harusGanti: false, terkunciSampai: '' },
  idleMinutes: 10,
  mustChange: false,
  opdNama: '',
  serverUrl: '',
  perms: [],
};

beforeEach(() => {
  Object.values(mockAuth).forEach((f) => f.mockReset());
});

describe('LoginPage', () => {
  it('sends username and password and shows the lockout in Indonesian', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    mockAuth.login.mockRejectedValue(new Error(lockedErr));
    renderWithProviders(<LoginPage pemdaNama="Kota Sorong" />);
    await user.type(screen.getByTestId('input-username'), 'budi');
    await user.type(screen.getByTestId('input-password'), 'salah123');
    await user.click(screen.getByTestId('btn-login'));
    await waitFor(() => expect(mockAuth.login).toHaveBeenCalledWith('budi', 'salah123'));
    const alert = await screen.findByTestId('login-error');
    expect(alert.getAttribute('data-code')).toBe('auth.account_locked');
    expect(alert.textContent).toMatch(/Akun terkunci/);
  });
});

describe('LockScreen', () => {
  it('names the user, shows no data and unlocks with the password', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    mockAuth.unlock.mockResolvedValue({ ...session, locked: false });
    renderWithProviders(<LockScreen session={session} />);
    expect(screen.getByTestId('lock-screen').textContent).toMatch(/Budi Santoso/);
    await user.type(screen.getByTestId('input-unlock-password'), 'Sorong2026');
    await user.click(screen.getByTestId('btn-unlock'));
    await waitFor(() => expect(mockAuth.unlock).toHaveBeenCalledWith('Sorong2026'));
  });

  it('logs out from the lock screen', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    mockAuth.logout.mockResolvedValue(undefined);
    renderWithProviders(<LockScreen session={session} />);
    await user.click(screen.getByTestId('btn-lock-logout'));
    await waitFor(() => expect(mockAuth.logout).toHaveBeenCalled());
  });
});
