import { api } from '../api';
import type { EChartHandle } from '../components/EChart';
import i18n from '../i18n';
import { notifyError, notifyOk } from './notify';

/**
 * Runs one export call: the backend asks for the place (or writes into
 * IMBANG_EXPORT_DIR in tests) and returns the written path, "" when the user
 * cancelled. The path is shown in a notification.
 */
export async function runExport(f: () => Promise<string>): Promise<string> {
  try {
    const path = await f();
    if (path) notifyOk(i18n.t('export.saved', { path }), 'export-saved');
    return path;
  } catch (e) {
    notifyError(e);
    return '';
  }
}

/** Saves a chart as a PNG (2× pixels, white background) through the backend's save dialog. */
export async function saveChartPNG(defaultName: string, chart: EChartHandle | null): Promise<string> {
  const dataURL = chart?.toPNG();
  if (!dataURL) return '';
  return runExport(() => api.saveChartPNG(`${defaultName}.png`, dataURL));
}
