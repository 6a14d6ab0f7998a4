// End-to-end journey of a kepala OPD (head of department) on the demo region
// that app.test.mjs loads: Beranda, ABK (region, then their OPD), Pegawai and
// the Mutasi inbox show no control the role cannot use and no refusal, and
// the OPD exports (xlsx and PDF) hold their OPD only.
// Run by scripts/ui-test.sh after app.test.mjs (APP_URL, IMBANG_EXPORT_DIR).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openApp } from './lib.mjs';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:34115/';
const SHOTS = fileURLToPath(new URL('../build/', import.meta.url));
const EXPORT_DIR = process.env.IMBANG_EXPORT_DIR ?? '';
// app.test.mjs gives the administrator (and every user it makes) this password.
const PASSWORD = 'Sorong2026';
const KEPALA = 'kepala-opd-e2e';
const run = promisify(execFile);

let page;
let app;
let consoleErrors = [];

before(async () => {
  app = await openApp({ prefix: 'imbang-e2e-kepala-', viewport: { width: 1360, height: 860 }, lastShot: join(SHOTS, 'e2e-kepala-last.png') });
  ({ page, consoleErrors } = app);
});

after(async () => {
  await app?.close();
});

const byTestId = (id) => page.getByTestId(id);

async function loginAs(username) {
  await page.goto(APP_URL);
  await page.waitForFunction(() => document.querySelector('[data-testid="login-page"], [data-testid="user-nama"]'));
  if ((await byTestId('user-nama').count()) > 0) {
    if ((await byTestId('user-nama').getAttribute('data-username')) === username) return;
    await page.evaluate(() => window.go.main.App.Logout());
    await page.reload();
  }
  await byTestId('login-page').waitFor();
  await byTestId('input-username').fill(username);
  await byTestId('input-password').fill(PASSWORD);
  await byTestId('btn-login').click();
  await page.waitForFunction((u) => document.querySelector('[data-testid="user-nama"]')?.getAttribute('data-username') === u, username);
}

// Refusals the backend words (auth.forbidden, auth.scope) or an internal name leaking into the UI.
const REFUSAL = /tidak berwenang|tidak dapat diakses|Silakan masuk|auth\.[a-z_]+|may not /;

/** Nothing on screen refuses the user or names a page they cannot open. */
async function assertShaped(where) {
  // Let the page's queries settle before reading it.
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(400);
  const text = await page.locator('body').innerText();
  assert.doesNotMatch(text, REFUSAL, `${where}: a refusal is shown`);
  for (const nav of ['nav-akun', 'nav-impor', 'nav-cadangan', 'nav-rencana', 'nav-portal']) {
    assert.equal(await byTestId(nav).count(), 0, `${where}: ${nav} is offered to a kepala OPD`);
  }
}

/** Clicks an export menu item and returns the path the app saved to (a file ending in ext). */
async function exportVia(item, ext) {
  // Notes seen before the click: a note is a toast (it closes after 8 s), so count-based waits race both
  // ways (a fast export shows its note before a count taken after the click; an old note may close).
  const seen = await page.$$eval('[data-testid="export-saved"]', (ns) => ns.map((n) => n.innerText.trim()));
  await byTestId('btn-abk-export').click();
  await byTestId(item).click();
  const handle = await page.waitForFunction(
    ({ seen, ext }) =>
      [...document.querySelectorAll('[data-testid="export-saved"]')]
        .map((n) => n.innerText.trim())
        .find((t) => t.endsWith(ext) && !seen.includes(t)),
    { seen, ext },
    { timeout: 60_000 },
  );
  const text = await handle.jsonValue();
  const path = text.slice(text.indexOf(':') + 1).trim();
  assert.equal(dirname(resolve(path)), resolve(EXPORT_DIR));
  return path;
}

test('a kepala OPD reviews and exports their OPD without a control they cannot use', async (t) => {
  let opd; // the kepala's OPD and every other OPD
  await t.test('the admin creates a KEPALA_OPD account for one OPD', async () => {
    await loginAs('admin');
    opd = await page.evaluate(
      async ({ username, password }) => {
        const App = window.go.main.App;
        const opds = (await App.ListOPD()).filter((o) => o.pegawai > 0).sort((a, b) => b.pegawai - a.pegawai);
        const own = opds[1];
        if (!(await App.ListUsers()).some((u) => u.username === username)) {
          await App.CreateUser({ username, nama: `Kepala ${own.singkatan}`, role: 'KEPALA_OPD', opdId: own.id, pegawaiId: '', password });
        }
        return { id: own.id, singkatan: own.singkatan, nama: own.nama, pegawai: own.pegawai, others: opds.filter((o) => o.id !== own.id).map((o) => ({ singkatan: o.singkatan, nama: o.nama })) };
      },
      { username: KEPALA, password: PASSWORD },
    );
    assert.ok(opd.others.length > 0);
  });

  await t.test('logged in, the kepala sees Beranda with no page they cannot open', async () => {
    await loginAs(KEPALA);
    assert.equal(await byTestId('user-role').getAttribute('data-role'), 'KEPALA_OPD');
    await byTestId('nav-beranda').click();
    await byTestId('dashboard').waitFor();
    await assertShaped('Beranda');
  });

  await t.test('ABK: neither "ABK baru" nor an editable settings form, on the region and in their OPD', async () => {
    await byTestId('nav-abk').click();
    await byTestId('abk-region').waitFor();
    await byTestId('abk-opd-row').first().waitFor();
    assert.equal(await byTestId('btn-new-abk').count(), 0, '"ABK baru" is offered');
    assert.equal(await byTestId('btn-finalize-abk').count(), 0, 'finalising is offered');
    await assertShaped('ABK region');
    await page.locator(`[data-testid="abk-opd-row"][data-singkatan="${opd.singkatan}"]`).click();
    await byTestId('abk-opd').waitFor();
    await byTestId('abk-unit-row').first().waitFor();
    assert.equal((await byTestId('crumb-opd').innerText()).trim(), opd.singkatan);
    await byTestId('abk-unit-row').first().click();
    await byTestId('abk-position-row').first().waitFor();
    await byTestId('abk-position-row').first().click();
    await byTestId('abk-position').waitFor();
    await byTestId('tab-pegawai').click();
    await assertShaped('ABK position of their OPD');
    await page.screenshot({ path: join(SHOTS, 'e2e-kepala-abk.png'), fullPage: true });
    await byTestId('tab-abk-pengaturan').click();
    await byTestId('abk-settings-readonly').waitFor();
    assert.equal(await byTestId('btn-save-settings').count(), 0, 'the ABK settings can be saved');
    await assertShaped('ABK settings');
    await byTestId('tab-abk-dasbor').click();
  });

  await t.test("the OPD exports (xlsx and PDF) hold the kepala's OPD only", async () => {
    assert.ok(EXPORT_DIR, 'IMBANG_EXPORT_DIR is not set (run through scripts/ui-test.sh)');
    const xlsx = await exportVia('export-abk-opd-xlsx', '.xlsx');
    assert.match(xlsx, /\.xlsx$/);
    // Every text node of the workbook: the OPD column names theirs, never another.
    const { stdout: xml } = await run('unzip', ['-p', xlsx, 'xl/*.xml'], { maxBuffer: 64 << 20 });
    const cells = new Set([...xml.matchAll(/>([^<]+)</g)].map((m) => m[1].trim()));
    assert.ok(cells.has(opd.singkatan), `the workbook lacks ${opd.singkatan}`);
    for (const o of opd.others) assert.ok(!cells.has(o.singkatan), `the workbook holds another OPD: ${o.singkatan}`);

    const pdf = await exportVia('export-report-opd-pdf', '.pdf');
    assert.match(pdf, /\.pdf$/);
    assert.equal((await readFile(pdf)).subarray(0, 5).toString('latin1'), '%PDF-');
    const { stdout } = await run('pdftotext', [pdf, '-'], { maxBuffer: 64 << 20 });
    const words = stdout.split(/\s+/).join(' ');
    const norm = (s) => s.split(/\s+/).join(' ');
    assert.ok(words.includes(norm(opd.nama)), `the PDF lacks ${opd.nama}`);
    for (const o of opd.others) {
      if (norm(opd.nama).includes(norm(o.nama))) continue;
      assert.ok(!words.includes(norm(o.nama)), `the PDF names another OPD: ${o.nama}`);
    }
    await assertShaped('ABK after the exports');
  });

  await t.test("Pegawai: their OPD's employees, no add button", async () => {
    await byTestId('nav-pegawai').click();
    await byTestId('pegawai-row').first().waitFor();
    assert.equal(Number(await byTestId('pegawai-total').getAttribute('data-total')), opd.pegawai);
    assert.equal(await byTestId('btn-add-pegawai').count(), 0, 'adding an employee is offered');
    await assertShaped('Pegawai');
  });

  await t.test('Mutasi inbox: "Usulan baru" exactly when the role may propose (USUL)', async () => {
    const perms = await page.evaluate(async () => (await window.go.main.App.AuthSession()).perms);
    await byTestId('nav-mutasi-inbox').click();
    await byTestId('mutasi-inbox').waitFor();
    const mayPropose = perms.includes('USUL');
    assert.equal(await byTestId('btn-usulan-baru').count(), mayPropose ? 1 : 0);
    assert.equal(await byTestId('nav-mutasi-baru').count(), mayPropose ? 1 : 0);
    await assertShaped('Mutasi inbox');
    await page.screenshot({ path: join(SHOTS, 'e2e-kepala-inbox.png'), fullPage: true });
  });

  await t.test('no uncaught errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
