// Screenshots of enrollment (not part of `node --test`): the first-run
// wizard enrolls with an enrollment string from a real imbang-server over
// pinned HTTPS, then the Sinkronisasi page shows the credential and makes a
// code for another device. Run by hand: APP_URL=… ENROLLMENT=… node enroll-shot.mjs
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const APP_URL = process.env.APP_URL;
const SHOTS = fileURLToPath(new URL('../build/', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'imbang-shot-'));
const ctx = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1360, height: 1000 },
  locale: 'id-ID',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
page.setDefaultTimeout(60_000);
const by = (id) => page.getByTestId(id);
try {
  await page.goto(APP_URL);
  await by('btn-enroll').click();
  await by('setup-form').waitFor();
  await by('input-server-token').fill(process.env.ENROLLMENT);
  await by('input-admin-username').fill('admin');
  await by('input-admin-nama').fill('Admin BKPSDM');
  await by('input-admin-password').fill('Sorong2026');
  await by('input-admin-password2').fill('Sorong2026');
  await page.screenshot({ path: join(SHOTS, 'enroll-first-run.png') });
  await by('btn-setup-submit').click();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: join(SHOTS, 'enroll-first-run-after.png') });
  // the server is empty: load the demo region to leave the first-run screen
  await page.getByRole('button', { name: 'Kembali' }).click();
  await by('btn-load-demo').click();
  await by('btn-setup-submit').click();
  await by('dashboard').waitFor({ timeout: 180_000 });
  await page.goto(`${APP_URL}#/sinkron`);
  await by('sync-enroll').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="enroll-status"]')?.textContent?.includes('BKPSDM'));
  await by('enroll-new-opd').fill('DINKES');
  await by('enroll-new-create').click();
  await by('enroll-new-result').waitFor();
  await by('sync-enroll').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'enroll-sinkron.png'), fullPage: true });
  console.log('ok', await by('enroll-new-string').innerText());
} catch (e) {
  await page.screenshot({ path: join(SHOTS, 'enroll-error.png') }).catch(() => {});
  console.error(e);
  process.exitCode = 1;
} finally {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
}
