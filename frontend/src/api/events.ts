// Go emits "data:changed" (with what changed) after every write. Outside the
// Wails webview (vitest, a plain browser) there is no window.runtime: then
// subscribing is a no-op.
import { EventsOn } from '../../wailsjs/runtime/runtime';

export const DATA_CHANGED = 'data:changed';

export function onDataChanged(handler: (what: string) => void): () => void {
  if (typeof window === 'undefined' || !(window as unknown as { runtime?: unknown }).runtime) {
    return () => {};
  }
  return EventsOn(DATA_CHANGED, (what: unknown) => handler(typeof what === 'string' ? what : 'all'));
}

export const IMPORT_PROGRESS = 'import:progress';

/** Progress of an import's dry run or commit: {done, total, phase}. */
export function onImportProgress(handler: (p: { done: number; total: number; phase: string }) => void): () => void {
  if (typeof window === 'undefined' || !(window as unknown as { runtime?: unknown }).runtime) {
    return () => {};
  }
  return EventsOn(IMPORT_PROGRESS, (p: unknown) => {
    const o = (p ?? {}) as Record<string, unknown>;
    handler({ done: Number(o.done) || 0, total: Number(o.total) || 0, phase: typeof o.phase === 'string' ? o.phase : '' });
  });
}
