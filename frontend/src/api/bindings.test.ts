import { afterEach, describe, expect, it, vi } from 'vitest';
import { importApi } from '../features/import/api';
import { abkApi } from '../features/abk/api';
import { mutasiApi } from '../features/mutasi/api';

// The bound calls go through the generated Wails models: a field the models
// lack is dropped on the way to Go without any error.
const app = {
  ImportDryRun: vi.fn(async () => ({})),
  ImportCommit: vi.fn(async () => ({})),
  SaveEligibilityParams: vi.fn(async () => ({})),
  SaveABKSettings: vi.fn(async () => ({})),
};

afterEach(() => {
  vi.clearAllMocks();
  delete (window as unknown as { go?: unknown }).go;
});

describe('bound calls keep every field', () => {
  it('sends the import mapping with its header row and number locale', async () => {
    (window as unknown as { go: unknown }).go = { main: { App: app } };
    const m = { sheet: 'Data', columns: { uraian: 3 }, headerRow: 2, locale: 'en-US' };
    await importApi.dryRun('abk', '/tmp/t.xlsx', m, '');
    await importApi.commit('abk', '/tmp/t.xlsx', m, 'abk-1');
    expect(app.ImportDryRun.mock.calls[0]).toEqual(['abk', '/tmp/t.xlsx', expect.objectContaining(m), '']);
    expect(app.ImportCommit.mock.calls[0]).toEqual(['abk', '/tmp/t.xlsx', expect.objectContaining(m), 'abk-1']);
  });

  it('sends only the changed settings, for the backend to merge', async () => {
    (window as unknown as { go: unknown }).go = { main: { App: app } };
    await mutasiApi.saveEligibilityParams({ mut03MinTahun: 1 });
    await abkApi.saveABKSettings({ bands: { d: 0.4 } });
    expect(app.SaveEligibilityParams.mock.calls[0]).toEqual([{ mut03MinTahun: 1 }]);
    expect(app.SaveABKSettings.mock.calls[0]).toEqual([{ bands: { d: 0.4 } }]);
  });
});
