// Shared by the desktop app's browser tests (app, kepala, a11y): one way to
// start Chromium on the app and one filter for errors that are not ours.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// Debian's /usr/bin/chromium unless CHROMIUM says otherwise.
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Wails' dev-server bridge (/wails/ipc.js) is not our code: it mounts its
// reconnect overlay on document.body from <head>, where body is still null,
// and throws once on load; a call made while it reconnects its websocket after
// a logout reload fails inside it and is retried. The production build has
// no websocket.
const bridgeNoise = (text) => /\/wails\/ipc\.js/.test(text);

/**
 * Opens the app's browser: a persistent Chromium context in a fresh profile
 * (prefix names its temp dir). consoleErrors collects the page's console
 * errors and uncaught exceptions except the bridge's; close() saves the last
 * state as lastShot (the first thing to look at when a step failed), closes
 * the browser and removes the profile.
 */
export async function openApp({ prefix, viewport = { width: 1360, height: 860 }, bypassCSP = false, lastShot }) {
  const userDataDir = await mkdtemp(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'id-ID',
    bypassCSP,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !bridgeNoise(m.text())) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => {
    const text = e.stack || String(e);
    if (!bridgeNoise(text)) consoleErrors.push(text);
  });
  const close = async () => {
    if (lastShot) await page.screenshot({ path: lastShot }).catch(() => {});
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  return { context, page, consoleErrors, close };
}
