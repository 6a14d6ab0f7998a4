import { api } from '../api';

// The desktop smoke check (scripts/desktop-smoke.sh) waits for the Go log
// lines IMBANG_UI_READY message=<screen> and IMBANG_UI_ERROR; the UI writes
// them through App.LogUI. Failures to log are ignored: logging must never
// break the screen.

let ready = false;

/** Reports the first screen the user sees; later calls do nothing. */
export function reportReady(screen: string): void {
  if (ready) return;
  ready = true;
  api.logUI('ready', screen).catch(() => {});
}

export function reportError(message: string): void {
  api.logUI('error', message.slice(0, 2000)).catch(() => {});
}

/** Sends uncaught errors and unhandled rejections to the Go log. */
export function installGlobalErrorLogging(): void {
  window.addEventListener('error', (e) => reportError(`${e.message} @ ${e.filename}:${e.lineno}`));
  window.addEventListener('unhandledrejection', (e) => {
    const r: unknown = e.reason;
    reportError(r instanceof Error ? `${r.name}: ${r.message}` : String(r));
  });
}
