import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { SetupForm } from './FirstRun';
import { DEMO_PROGRESS } from '../api';

// The Wails runtime: EventsOn keeps the handler so the test can emit reports.
const events = vi.hoisted(() => ({
  handlers: new Map<string, (p: unknown) => void>(),
  off: vi.fn(),
}));
vi.mock('../../../../wailsjs/runtime/runtime', () => ({
  EventsOn: (name: string, h: (p: unknown) => void) => {
    events.handlers.set(name, h);
    return events.off;
  },
}));
const app = vi.hoisted(() => ({ LoadDemo: vi.fn() }));
vi.mock('../../../../wailsjs/go/main/App', () => app);
vi.mock('../../../lib/uiLog', () => ({ reportReady: () => {}, reportError: () => {} }));

const emit = (p: unknown) =>
  act(() => {
    const h = events.handlers.get(DEMO_PROGRESS);
    if (!h) throw new Error('nobody listens to ' + DEMO_PROGRESS);
    h(p);
  });

describe('SetupForm demo load progress', () => {
  let finish: (v: unknown) => void = () => {};
  beforeEach(async () => {
    await i18n.changeLanguage('id');
    events.handlers.clear();
    events.off.mockClear();
    (window as unknown as { runtime?: unknown }).runtime = {};
    app.LoadDemo.mockReset();
    app.LoadDemo.mockImplementation(
      () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    );
  });
  afterEach(() => {
    delete (window as unknown as { runtime?: unknown }).runtime;
  });

  it('shows the percentage and stage the backend reports, never going back', async () => {
    const { unmount } = renderWithProviders(<SetupForm path="demo" needAdmin={false} />);
    await userEvent.click(screen.getByTestId('btn-setup-submit'));
    await screen.findByTestId('demo-loading');
    expect(app.LoadDemo).toHaveBeenCalledWith(5000, 1);
    expect(screen.getByTestId('demo-percent').textContent).toBe('0%');
    expect(screen.getByTestId('demo-stage').textContent).toBe('');

    emit({ stage: 'pegawai', percent: 2 });
    expect(screen.getByTestId('demo-stage').textContent).toBe('Membuat pegawai fiktif');
    expect(screen.getByTestId('demo-percent').textContent).toBe('2%');

    emit({ stage: 'simpan', percent: 42 });
    expect(screen.getByTestId('demo-stage').textContent).toBe('Menyimpan ke basis data');
    expect(screen.getByTestId('demo-percent').textContent).toBe('42%');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('42');

    // A late, lower report and one with an unknown stage change nothing.
    emit({ stage: 'pegawai', percent: 30 });
    emit({ stage: 'lain', percent: 90 });
    expect(screen.getByTestId('demo-percent').textContent).toBe('42%');
    expect(screen.getByTestId('demo-stage').textContent).toBe('Menyimpan ke basis data');

    await act(() => i18n.changeLanguage('en'));
    expect(screen.getByTestId('demo-stage').textContent).toBe('Saving to the database');
    emit({ stage: 'periksa', percent: 100 });
    expect(screen.getByTestId('demo-stage').textContent).toBe('Checking the data');
    expect(screen.getByTestId('demo-percent').textContent).toBe('100%');

    await act(async () => finish({ pegawai: 5000, opd: 40, unit: 1, jabatan: 1, checksum: '', millis: 1 }));
    await waitFor(() => expect(screen.queryByTestId('demo-loading')).toBeNull());
    unmount();
    expect(events.off).toHaveBeenCalled();
  });

  it('does not listen outside the demo path', () => {
    renderWithProviders(<SetupForm path="empty" needAdmin={false} />);
    expect(events.handlers.has(DEMO_PROGRESS)).toBe(false);
  });
});
