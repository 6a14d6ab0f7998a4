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
