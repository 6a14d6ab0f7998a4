// End-to-end test of the Imbang UI against the real Go backend.
// scripts/ui-test.sh builds the dev binary, starts it with a fresh data dir and
// -devserver, and runs this with APP_URL pointing at it. The browser is
// Debian's /usr/bin/chromium (override with CHROMIUM), driven by playwright-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from './lib.mjs';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:34115/';
const SHOTS = fileURLToPath(new URL('../build/', import.meta.url));
// scripts/ui-test.sh points the app's exports here (no save dialog in a test).
const EXPORT_DIR = process.env.IMBANG_EXPORT_DIR ?? '';
// Loading the 5,000-employee demo region takes a few seconds on a small machine.
const DEMO_TIMEOUT = 180_000;

let page;
let app;
let consoleErrors = [];

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ prefix: 'imbang-e2e-', viewport: { width: 1360, height: 860 }, lastShot: join(SHOTS, 'e2e-last.png') });
  ({ page, consoleErrors } = app);
});

after(async () => {
  await app?.close();
});

const byTestId = (id) => page.getByTestId(id);

/** t.test, with a screenshot of the page when the step fails (build/e2e-fail-<step>.png): a timeout says only what it waited for. */
function step(t, name, fn) {
  return t.test(name, async (tt) => {
    try {
      await fn(tt);
    } catch (err) {
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
      await page?.screenshot({ path: join(SHOTS, `e2e-fail-${slug}.png`), fullPage: true }).catch(() => {});
      throw err;
    }
  });
}

// ---- Accounts: the password every e2e user gets, logging in and out through the UI ----
const E2E_PASSWORD = 'Sorong2026';
const createdUsers = new Set();

function usernameFor(role, opdSingkatan) {
  if (role === 'PPK_ADMIN_BKPSDM') return 'admin';
  const base = role.toLowerCase().replace(/_/g, '-').slice(0, 18);
  return opdSingkatan ? `${base}-${opdSingkatan.toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 32) : base;
}

/** Ends the session through the header menu (or the lock screen), then waits for the login screen. */
async function logout() {
  if (await byTestId('login-page').isVisible().catch(() => false)) return;
  if (await byTestId('user-menu').isVisible().catch(() => false)) {
    // The menu closes again when the header re-renders under the click
    // (seen once in CI right after a login): open it again, as a user would.
    for (let attempt = 1; ; attempt++) {
      await byTestId('user-menu').click();
      const opened = await byTestId('btn-logout')
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (opened) break;
      if (attempt === 3) throw new Error('the user menu did not open after three clicks');
      await page.screenshot({ path: join(SHOTS, `e2e-user-menu-retry-${attempt}.png`) });
    }
    await byTestId('btn-logout').click();
  } else if (await byTestId('btn-lock-logout').isVisible().catch(() => false)) {
    await byTestId('btn-lock-logout').click();
  } else {
    await page.evaluate(() => window.go.main.App.Logout());
    await page.reload();
  }
  // The screen may still show a session the backend has ended (a restore): then start over.
  await byTestId('login-page')
    .waitFor({ timeout: 8_000 })
    .catch(() => page.reload());
  await byTestId('login-page').waitFor();
}

/** Logs in through the login screen as username. */
async function loginAs(username, password = E2E_PASSWORD) {
  // Already this user, in the backend (a restore, for one, ends the session there) and on screen?
  const s = await page.evaluate(() => window.go.main.App.AuthSession()).catch(() => null);
  const shown = (await byTestId('user-nama').count()) > 0 ? await byTestId('user-nama').getAttribute('data-username') : null;
  if (s?.loggedIn && !s.locked && s.user.username === username && shown === username) return;
  await logout();
  // On a busy machine the login screen can be drawn afresh just after it
  // appeared (the session and status answers arrive late): type again when
  // what was typed is gone, as a user would, rather than send empty fields.
  for (let attempt = 1; ; attempt++) {
    await byTestId('input-username').fill(username);
    await byTestId('input-password').fill(password);
    await page.waitForTimeout(200);
    const kept = await page.evaluate(
      ([u, p]) =>
        document.querySelector('[data-testid="input-username"]')?.value === u && document.querySelector('[data-testid="input-password"]')?.value === p,
      [username, password],
    );
    if (kept) break;
    if (attempt === 3) throw new Error('the login screen lost what was typed three times');
  }
  await byTestId('btn-login').click();
  await page.waitForFunction((u) => document.querySelector('[data-testid="user-nama"]')?.getAttribute('data-username') === u, username, {
    timeout: 60_000,
  });
}

test('first run → demo data → find an employee by NIP → detail with riwayat', async (t) => {
  await step(t, 'the first-run screen shows on an empty data dir', async () => {
    await page.goto(APP_URL);
    await byTestId('first-run').waitFor();
    await byTestId('btn-load-demo').waitFor();
    assert.match(await byTestId('first-run').innerText(), /fiktif/);
    await page.screenshot({ path: join(SHOTS, 'e2e-first-run.png') });
  });

  await step(t, '"Coba dengan data contoh" creates the first administrator, loads the demo region and opens the dashboard', async () => {
    await byTestId('btn-load-demo').click();
    await byTestId('setup-form').waitFor();
    await byTestId('input-admin-username').fill('admin');
    await byTestId('input-admin-nama').fill('Admin BKPSDM');
    await byTestId('input-admin-password').fill(E2E_PASSWORD);
    await byTestId('input-admin-password2').fill(E2E_PASSWORD);
    await page.screenshot({ path: join(SHOTS, 'e2e-first-run-admin.png') });
    await byTestId('btn-setup-submit').click();
    await byTestId('dashboard').waitFor({ timeout: DEMO_TIMEOUT });
    assert.equal(await byTestId('user-nama').getAttribute('data-username'), 'admin');
    await byTestId('demo-badge').waitFor();
    await byTestId('chart-opd').waitFor();
    // 5.000 in Indonesian number formatting.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="total-pegawai"]')?.textContent?.includes('5.000'),
      null,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(500); // let the charts draw
    await page.screenshot({ path: join(SHOTS, 'e2e-beranda.png'), fullPage: true });
  });

  let nip = '';
  await step(t, 'the Pegawai table lists employees', async () => {
    await byTestId('nav-pegawai').click();
    await byTestId('pegawai-table').waitFor();
    const rows = byTestId('pegawai-row');
    await rows.first().waitFor();
    const total = Number(await byTestId('pegawai-total').getAttribute('data-total'));
    assert.equal(total, 5000);
    // A real NIP from the table (the third row, so the search has to narrow).
    nip = (await rows.nth(2).getAttribute('data-nip')) ?? '';
    assert.match(nip, /^\d{18}$/);
  });

  await step(t, 'searching by NIP narrows the table to that employee', async () => {
    await byTestId('pegawai-search').fill(nip);
    await page.waitForFunction(
      (n) => {
        const rows = [...document.querySelectorAll('[data-testid="pegawai-row"]')];
        const total = document.querySelector('[data-testid="pegawai-total"]')?.getAttribute('data-total');
        return rows.length === 1 && rows[0].getAttribute('data-nip') === n && total === '1';
      },
      nip,
      { timeout: 15_000 },
    );
    await page.screenshot({ path: join(SHOTS, 'e2e-pegawai-search.png') });
  });

  await step(t, 'the detail panel shows that NIP and the riwayat jabatan', async () => {
    await byTestId('pegawai-row').first().click();
    const nipEl = byTestId('detail-nip');
    await nipEl.waitFor();
    assert.equal((await nipEl.innerText()).trim(), nip);
    await byTestId('riwayat-table').waitFor();
    const riwayat = await byTestId('riwayat-row').count();
    assert.ok(riwayat >= 1, `expected at least one riwayat row, got ${riwayat}`);
    await page.waitForTimeout(300); // drawer transition
    await page.screenshot({ path: join(SHOTS, 'e2e-pegawai-detail.png') });
  });

  await step(t, 'a rejected save shows the backend field errors under the inputs', async () => {
    await page.keyboard.press('Escape');
    await byTestId('detail-nip').waitFor({ state: 'hidden' });
    await byTestId('btn-add-pegawai').click();
    await byTestId('input-nip').fill('123');
    await byTestId('btn-save-pegawai').click();
    // The Go validator names the field "nip"; the form puts its message under the NIP input.
    await page.waitForFunction(() => document.querySelector('[data-testid="input-nip"]')?.getAttribute('aria-invalid') === 'true');
    const describedBy = (await byTestId('input-nip').getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    assert.ok(errorId, `no error element linked to the NIP input (aria-describedby="${describedBy}")`);
    const message = await page.locator(`[id="${errorId}"]`).innerText();
    assert.match(message, /NIP/);
    await page.screenshot({ path: join(SHOTS, 'e2e-pegawai-form-error.png') });
    await page.keyboard.press('Escape');
    await byTestId('input-nip').waitFor({ state: 'hidden' });
  });

  await step(t, 'the language switch turns the UI to English', async () => {
    await byTestId('lang-switch').getByText('EN').click();
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
    await byTestId('lang-switch').getByText('ID').click();
    await page.getByRole('heading', { name: 'Pegawai' }).waitFor();
  });

  await step(t, 'the ABK dashboard shows the region balance, the OPD table and the charts', async () => {
    await byTestId('nav-abk').click();
    await byTestId('abk-region').waitFor();
    await byTestId('abk-status').waitFor();
    // The demo region's ABK is final, so no draft banner.
    assert.equal(await byTestId('abk-draft-banner').count(), 0);
    assert.match(await byTestId('card-balance').innerText(), /lebih kecil lebih seimbang/);
    const opdRows = await byTestId('abk-opd-row').count();
    assert.ok(opdRows >= 30, `expected the demo OPDs in the table, got ${opdRows}`);
    for (const id of ['chart-abk-bar', 'chart-abk-heatmap', 'chart-abk-grades', 'chart-abk-trend']) {
      await byTestId(id).locator('canvas').first().waitFor();
    }
    await page.waitForTimeout(500); // let the charts draw
    await page.screenshot({ path: join(SHOTS, 'e2e-abk-dashboard.png'), fullPage: true });
  });

  await step(t, 'drilling into an OPD with a deficit shows its units, then the positions of a unit', async () => {
    // The table starts sorted by kekurangan, largest first.
    const first = byTestId('abk-opd-row').first();
    const kekurangan = Number(await first.getAttribute('data-kekurangan'));
    assert.ok(kekurangan > 0, `the first OPD should have a deficit, has ${kekurangan}`);
    const singkatan = (await first.getAttribute('data-singkatan')) ?? '';
    await first.click();
    await byTestId('abk-opd').waitFor();
    assert.equal((await byTestId('crumb-opd').innerText()).trim(), singkatan);
    const units = byTestId('abk-unit-row');
    await units.first().waitFor();
    assert.ok((await units.count()) >= 1);
    await page.screenshot({ path: join(SHOTS, 'e2e-abk-opd.png'), fullPage: true });

    // A unit with a deficit of its own when there is one, else the first.
    const deficitUnit = page.locator('[data-testid="abk-unit-row"]:not([data-kekurangan="0"])').first();
    await ((await deficitUnit.count()) > 0 ? deficitUnit : units.first()).click();
    await byTestId('abk-unit').waitFor();
    const positions = byTestId('abk-position-row');
    await positions.first().waitFor();
    assert.ok((await positions.count()) >= 1);
    await page.screenshot({ path: join(SHOTS, 'e2e-abk-unit.png'), fullPage: true });
  });

  await step(t, 'a position shows its tasks (read-only in a final ABK) and its employees', async () => {
    await byTestId('abk-position-row').first().click();
    await byTestId('abk-position').waitFor();
    await byTestId('tugas-readonly').waitFor();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="hitung-beban"]')?.textContent ?? ''));
    assert.equal(await byTestId('btn-save-tugas').count(), 0);
    await page.screenshot({ path: join(SHOTS, 'e2e-abk-position.png'), fullPage: true });
    await byTestId('tab-pegawai').click();
    const people = byTestId('abk-pegawai-row');
    if ((await people.count()) === 0) await people.first().waitFor({ timeout: 5_000 }).catch(() => {});
    if ((await people.count()) > 0) {
      await people.first().click();
      await byTestId('detail-nip').waitFor();
      await page.keyboard.press('Escape');
      await byTestId('detail-nip').waitFor({ state: 'hidden' });
    }
  });

  await step(t, 'the ABK exports to a non-empty .xlsx file', async () => {
    assert.ok(EXPORT_DIR, 'IMBANG_EXPORT_DIR is not set (run through scripts/ui-test.sh)');
    await byTestId('btn-abk-export').click();
    await byTestId('export-abk-xlsx').click();
    const note = byTestId('export-saved');
    await note.waitFor({ timeout: 60_000 });
    // "Tersimpan: <path>" — the path the backend returned.
    const text = (await note.innerText()).trim();
    const path = text.slice(text.indexOf(':') + 1).trim();
    assert.match(path, /\.xlsx$/);
    assert.equal(dirname(resolve(path)), resolve(EXPORT_DIR));
    const info = await stat(path);
    assert.ok(info.size > 0, `${path} is empty`);
    // An .xlsx is a zip: it starts with "PK".
    const head = (await readFile(path)).subarray(0, 2).toString('latin1');
    assert.equal(head, 'PK');
    await page.screenshot({ path: join(SHOTS, 'e2e-abk-export.png') });
  });

  await step(t, 'no uncaught errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

// ---- Accounts: each role sees only what it may; lockout; the idle lock hides personal data ----

test('accounts: log in as each role and see only what the role may', async (t) => {
  let opd; // an OPD with employees, and another one
  await step(t, 'the admin creates an Operator OPD account on the user-management page', async () => {
    await loginAs('admin');
    opd = await page.evaluate(async () => {
      const opds = (await window.go.main.App.ListOPD()).filter((o) => o.pegawai > 0).sort((a, b) => b.pegawai - a.pegawai);
      return { id: opds[0].id, singkatan: opds[0].singkatan, pegawai: opds[0].pegawai, otherId: opds[1].id };
    });
    await byTestId('nav-akun').click();
    await byTestId('akun-page').waitFor();
    await byTestId('btn-user-add').click();
    const username = usernameFor('OPERATOR_OPD', opd.singkatan);
    await byTestId('input-user-username').fill(username);
    await byTestId('input-user-nama').fill(`Operator ${opd.singkatan}`);
    await pickOption('select-user-role', 'OPERATOR_OPD');
    await pickOption('select-user-opd', opd.id, opd.singkatan);
    await byTestId('input-user-password').fill(E2E_PASSWORD);
    await byTestId('btn-user-save').click();
    await page.locator(`[data-testid="user-row"][data-username="${username}"]`).waitFor();
    createdUsers.add(username);
    await page.screenshot({ path: join(SHOTS, 'e2e-akun-users.png') });
  });

  await step(t, "the Operator OPD sees only its OPD's employees; another OPD's list is refused by the backend", async () => {
    await switchUser('OPERATOR_OPD', opd.id, opd.singkatan);
    await byTestId('nav-pegawai').click();
    await byTestId('pegawai-row').first().waitFor();
    const total = Number(await byTestId('pegawai-total').getAttribute('data-total'));
    assert.equal(total, opd.pegawai, `the operator sees ${total} employees, the OPD has ${opd.pegawai}`);
    assert.equal(await byTestId('nav-akun').count(), 0, 'user management is not in the operator navbar');
    const r = await page.evaluate(async (other) => {
      const App = window.go.main.App;
      const own = await App.ListPegawai({ limit: 500 });
      const err = await App.ListPegawai({ opdId: other, limit: 10 }).then(() => null, (e) => JSON.parse(e.message ?? e));
      return { opds: [...new Set(own.rows.map((x) => x.opdId))], err };
    }, opd.otherId);
    assert.deepEqual(r.opds, [opd.id]);
    assert.equal(r.err?.code, 'auth.scope');
    await page.screenshot({ path: join(SHOTS, 'e2e-akun-operator.png') });
  });

  await step(t, 'Pimpinan reads, sees no edit buttons and no birth date; a direct edit call is refused', async () => {
    await switchUser('PIMPINAN');
    await byTestId('nav-pegawai').click();
    await byTestId('pegawai-row').first().waitFor();
    assert.equal(await byTestId('btn-add-pegawai').count(), 0);
    await byTestId('pegawai-row').first().click();
    await byTestId('detail-nip').waitFor();
    assert.equal(await byTestId('btn-edit-pegawai').count(), 0);
    assert.equal(await byTestId('btn-delete-pegawai').count(), 0);
    await page.screenshot({ path: join(SHOTS, 'e2e-akun-pimpinan.png') });
    await page.keyboard.press('Escape');
    const r = await page.evaluate(async () => {
      const App = window.go.main.App;
      const row = (await App.ListPegawai({ limit: 1 })).rows[0];
      const d = await App.GetPegawai(row.id);
      const err = await App.SavePegawai(d.pegawai).then(() => null, (e) => JSON.parse(e.message ?? e));
      return { lahir: d.pegawai.tanggalLahir, tempat: d.pegawai.tempatLahir, err };
    });
    assert.equal(r.lahir, '');
    assert.equal(r.tempat, '');
    assert.equal(r.err?.kind, 'Permission');
    assert.equal(r.err?.code, 'auth.forbidden');
  });

  await step(t, 'the lock hides personal data and the backend refuses it until the password is entered', async () => {
    await byTestId('user-menu').click();
    await byTestId('btn-lock').click();
    await byTestId('lock-screen').waitFor();
    assert.equal(await byTestId('pegawai-row').count(), 0, 'no employee row is drawn behind the lock');
    const err = await page.evaluate(() => window.go.main.App.ListPegawai({ limit: 1 }).then(() => null, (e) => JSON.parse(e.message ?? e)));
    assert.equal(err?.code, 'auth.locked');
    await page.screenshot({ path: join(SHOTS, 'e2e-akun-locked.png') });
    await byTestId('input-unlock-password').fill(E2E_PASSWORD);
    await byTestId('btn-unlock').click();
    await byTestId('pegawai-row').first().waitFor();
  });

  await step(t, 'wrong passwords lock the account; even the right one is refused until the time has passed', async () => {
    await switchUser('VERIFIKATOR_BKPSDM'); // created by the admin
    await logout();
    for (let i = 0; i < 5; i++) {
      await byTestId('input-username').fill(usernameFor('VERIFIKATOR_BKPSDM'));
      await byTestId('input-password').fill(`salah${i}xyz`);
      await byTestId('btn-login').click();
      // "Sisa percobaan …: 4." … ": 1.", then the lock.
      if (i < 4) await page.waitForFunction((left) => document.querySelector('[data-testid="login-error"]')?.textContent?.includes(`: ${left}.`), 4 - i);
    }
    await page.waitForFunction(() => document.querySelector('[data-testid="login-error"]')?.getAttribute('data-code') === 'auth.account_locked');
    await byTestId('input-password').fill(E2E_PASSWORD);
    await byTestId('btn-login').click();
    await page.waitForTimeout(500);
    assert.equal(await byTestId('login-error').getAttribute('data-code'), 'auth.account_locked');
    assert.match(await byTestId('login-error').innerText(), /terkunci/);
    await page.screenshot({ path: join(SHOTS, 'e2e-akun-lockout.png') });
    // The admin lifts it with a reset; the user must change the password at the next login.
    await loginAs('admin');
    await page.evaluate(async (u) => {
      const App = window.go.main.App;
      const v = (await App.ListUsers()).find((x) => x.username === u);
      await App.ResetUserPassword(v.id, 'Reset2026x');
    }, usernameFor('VERIFIKATOR_BKPSDM'));
    await logout();
    await byTestId('input-username').fill(usernameFor('VERIFIKATOR_BKPSDM'));
    await byTestId('input-password').fill('Reset2026x');
    await byTestId('btn-login').click();
    await byTestId('must-change').waitFor();
    await byTestId('input-old-password').fill('Reset2026x');
    await byTestId('input-new-password').fill(E2E_PASSWORD);
    await byTestId('input-new-password2').fill(E2E_PASSWORD);
    await byTestId('btn-change-password').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="user-role"]')?.getAttribute('data-role') === 'VERIFIKATOR_BKPSDM');
    await loginAs('admin');
  });

  await step(t, 'no uncaught errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

// ---- Mutasi: a T1 request from draft to dilaksanakan, one role after another ----

/** Today as YYYY-MM-DD in local time (the app's dates). */
function todayISO() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Picks the option with this value in a Mantine Select (typing first to filter a searchable one). */
async function pickOption(testId, value, type = '') {
  const input = byTestId(testId);
  await input.click();
  if (type) await input.fill(type);
  const opt = page.locator(`[role="option"][value="${value}"]`).first();
  await opt.waitFor();
  await opt.click();
}

/**
 * "Switching user" is logging out and logging in as a user with that role
 * (and OPD for the OPD-bound roles). Each such user is created once by the
 * admin (through the bound CreateUser, as the user-management page does).
 */
async function switchUser(role, opdId, opdSingkatan) {
  const username = usernameFor(role, opdSingkatan);
  if (!createdUsers.has(username) && username !== 'admin') {
    await loginAs('admin');
    await page.evaluate(
      async (u) => {
        const App = window.go.main.App;
        const have = (await App.ListUsers()).some((x) => x.username === u.username);
        if (!have) await App.CreateUser(u);
      },
      { username, nama: `Uji ${role}${opdSingkatan ? ` ${opdSingkatan}` : ''}`, role, opdId: opdId ?? '', pegawaiId: '', password: E2E_PASSWORD },
    );
    createdUsers.add(username);
  }
  await loginAs(username);
  await page.waitForFunction((r) => document.querySelector('[data-testid="user-role"]')?.getAttribute('data-role') === r, role);
}

async function waitStatus(status) {
  await page.waitForFunction(
    (s) => document.querySelector('[data-testid="usulan-status"]')?.getAttribute('data-status') === s,
    status,
    { timeout: 30_000 },
  );
}

/** Clicks one allowed action on the request page, fills the modal and waits for the new status. */
const JUSTIFIKASI = 'Kebutuhan organisasi di OPD tujuan mendesak dan pegawai memenuhi syarat jabatan (uji E2E).';

/** Clicks open, then waits for shown; clicks again (at most three times) when a click landed on an element the page drew anew and nothing opened. */
async function openWith(open, shown) {
  for (let attempt = 1; ; attempt++) {
    await open.waitFor();
    await open.click();
    const opened = await shown
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (opened) return;
    await page.screenshot({ path: join(SHOTS, `e2e-open-retry-${attempt}.png`) });
    if (attempt === 3) throw new Error('nothing opened after three clicks');
    // A decision dialog that opened with other content (read before the
    // last change) is closed first, as a user would, and opened again.
    if (await byTestId('btn-decide-submit').isVisible().catch(() => false)) {
      await page.keyboard.press('Escape');
      await byTestId('btn-decide-submit').waitFor({ state: 'hidden' });
    }
  }
}

async function decide(kind, status, fill) {
  await openWith(byTestId(`btn-action-${kind}`), byTestId('btn-decide-submit'));
  if (fill) await fill();
  // While a WARN rule fails the dialog asks for the decider's justification.
  if (await byTestId('decide-justifikasi').count()) await byTestId('decide-justifikasi').fill(JUSTIFIKASI);
  await byTestId('btn-decide-submit').click();
  const done = byTestId('btn-decide-submit').waitFor({ state: 'hidden' }).then(() => 'ok');
  const refused = byTestId('decide-error').waitFor().then(() => 'refused');
  const r = await Promise.race([done, refused]);
  if (r === 'refused') {
    const text = await byTestId('decide-error').innerText();
    throw new Error(`${kind} was refused: ${text}`);
  }
  await waitStatus(status);
}

test('mutasi: a T1 request walks through every approval to dilaksanakan and moves the employee', async (t) => {
  // Data-driven: a PNS with ≥ 2 years in post and SKP Baik, and the same jabatan in a unit of another OPD,
  // where CheckMutasi reports no failing BLOCK rule.
  let c;
  await step(t, 'find an eligible employee and a target position in another OPD', async () => {
    c = await page.evaluate(async (tanggal) => {
      const App = window.go.main.App;
      const opds = await App.ListOPD();
      const held = new Map(); // jabatanId → [{opdId, unitId, unitNama}]
      for (const o of opds) {
        const tree = await App.OPDTree(o.id);
        const walk = (units) => {
          for (const u of units ?? []) {
            for (const j of u.jabatan ?? []) {
              if (!held.has(j.jabatanId)) held.set(j.jabatanId, []);
              held.get(j.jabatanId).push({ opdId: o.id, unitId: u.id, unitNama: u.nama });
            }
            walk(u.children);
          }
        };
        walk(tree.units);
      }
      const page = await App.ListPegawai({ search: '', opdId: '', golongan: 'III', jenisJabatan: '', status: 'PNS', unitId: '', jabatanId: '', sort: 'tmtJabatan', desc: false, offset: 0, limit: 300 });
      const pass = (rules, id) => rules.find((r) => r.ruleId === id)?.outcome === 'PASS';
      for (const row of page.rows ?? []) {
        const d = await App.GetPegawai(row.id);
        const p = d.pegawai;
        for (const target of held.get(p.jabatanId) ?? []) {
          if (target.opdId === p.opdId) continue;
          const res = await App.CheckMutasi({ pegawaiId: p.id, jenis: 'T1', aps: false, target: { opdId: target.opdId, unitId: target.unitId, jabatanId: p.jabatanId }, tanggal });
          const rules = res.rules ?? [];
          if (res.blocked || !pass(rules, 'MUT-01') || !pass(rules, 'MUT-03') || !pass(rules, 'MUT-10')) break;
          const src = opds.find((o) => o.id === p.opdId);
          const tgt = opds.find((o) => o.id === target.opdId);
          return {
            pegawaiId: p.id,
            nip: p.nip,
            nama: d.namaLengkap,
            jabatanId: p.jabatanId,
            jabatanNama: d.jabatanNama,
            srcOpd: p.opdId,
            srcSingkatan: src.singkatan,
            tgtOpd: target.opdId,
            tgtSingkatan: tgt.singkatan,
            tgtOpdNama: tgt.nama,
            tgtUnit: target.unitId,
            tgtUnitNama: target.unitNama,
          };
        }
      }
      return null;
    }, todayISO());
    assert.ok(c, 'no eligible employee/target pair in the demo data');
  });

  let usulanId = '';
  await step(t, 'Operator OPD asal creates a draft in the wizard and sees the live rule results', async () => {
    await switchUser('OPERATOR_OPD', c.srcOpd, c.srcSingkatan);
    await byTestId('nav-mutasi-baru').click();
    await byTestId('usulan-wizard').waitFor();
    await pickOption('wizard-pegawai', c.pegawaiId, c.nip);
    await byTestId('wizard-pegawai-info').waitFor();
    await pickOption('wizard-target-opd-0', c.tgtOpd, c.tgtSingkatan);
    await pickOption('wizard-target-unit-0', c.tgtUnit);
    await pickOption('wizard-target-jabatan-0', c.jabatanId);
    await byTestId('wizard-alasan').fill('Pemerataan pegawai sesuai analisis beban kerja (uji E2E).');
    await byTestId('rule-results').waitFor();
    assert.equal(await byTestId('check-blocked').count(), 0);
    const n = await byTestId('rule-result').count();
    assert.ok(n >= 15, `expected every rule's result, got ${n}`);
    assert.match(await byTestId('rule-results').innerText(), /MUT-03/);
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-wizard.png'), fullPage: true });
    await byTestId('btn-wizard-draft').click();
    await byTestId('usulan-detail').waitFor();
    await waitStatus('DRAFT');
    usulanId = decodeURIComponent(new URL(page.url()).hash.split('/').pop());
    assert.ok(usulanId);
  });

  await step(t, 'the operator submits the draft', async () => {
    await decide('AJUKAN', 'DIAJUKAN');
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-diajukan.png'), fullPage: true });
  });

  await step(t, 'the Verifikator finds it in the inbox and verifies it', async () => {
    await switchUser('VERIFIKATOR_BKPSDM');
    await byTestId('nav-mutasi-inbox').click();
    await byTestId('mutasi-inbox').waitFor();
    const row = page.locator(`[data-testid="usulan-row"][data-id="${usulanId}"]`);
    await row.waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-inbox.png') });
    await row.click();
    await waitStatus('DIAJUKAN');
    // Without the checklist the dialog shows what is missing and the backend refuses.
    await openWith(byTestId('btn-action-VERIFIKASI'), byTestId('decide-dokumen-kurang'));
    if (await byTestId('decide-justifikasi').count()) await byTestId('decide-justifikasi').fill(JUSTIFIKASI);
    await byTestId('btn-decide-submit').click();
    await byTestId('decide-error').waitFor();
    assert.equal(await byTestId('decide-error').getAttribute('data-code'), 'mutasi.dokumen_kurang');
    await page.keyboard.press('Escape');
    await byTestId('btn-decide-submit').waitFor({ state: 'hidden' });
    // The checklist, attached and verified Sesuai (the file picker is native: through the bindings).
    const dir = await mkdtemp(join(tmpdir(), 'imbang-e2e-dok-'));
    const items = await page.evaluate((id) => window.go.main.App.DokumenChecklist(id), usulanId);
    for (const it of items) {
      const file = join(dir, `${it.kode}.pdf`);
      await writeFile(file, `%PDF-1.4\n% ${it.kode}\n%%EOF\n`);
      await page.evaluate(
        async ([id, kode, path]) => {
          const l = await window.go.main.App.AttachDokumen(id, kode, path);
          await window.go.main.App.VerifyDokumen(l.id, 'SESUAI', '');
        },
        [usulanId, it.kode, file],
      );
    }
    // Open the request afresh so the dialog reads the new checklist.
    await byTestId('nav-mutasi-inbox').click();
    await byTestId('mutasi-inbox').waitFor();
    await row.click();
    await waitStatus('DIAJUKAN');
    await openWith(byTestId('btn-action-VERIFIKASI'), byTestId('decide-dokumen'));
    assert.equal(await byTestId('decide-dokumen-kurang').count(), 0);
    await page.keyboard.press('Escape');
    await byTestId('btn-decide-submit').waitFor({ state: 'hidden' });
    await decide('VERIFIKASI', 'DIVERIFIKASI');
  });

  await step(t, 'the Kepala OPD asal releases and the Kepala OPD tujuan accepts', async () => {
    await switchUser('KEPALA_OPD', c.srcOpd, c.srcSingkatan);
    await waitStatus('DIVERIFIKASI');
    // The head of the source OPD may release, not accept.
    await byTestId('btn-action-SETUJUI_OPD_ASAL').waitFor();
    assert.equal(await byTestId('btn-action-SETUJUI_OPD_TUJUAN').count(), 0);
    await decide('SETUJUI_OPD_ASAL', 'DISETUJUI_OPD_ASAL');
    await switchUser('KEPALA_OPD', c.tgtOpd, c.tgtSingkatan);
    await decide('SETUJUI_OPD_TUJUAN', 'DISETUJUI_OPD');
  });

  await step(t, 'the Tim Penilai Kinerja gives its consideration', async () => {
    await switchUser('TIM_PENILAI_KINERJA');
    await decide('PERTIMBANGAN_TPK', 'DIPERTIMBANGKAN_TPK', () => byTestId('decide-note').fill('Direkomendasikan.'));
  });

  await step(t, 'the PPK / Admin BKPSDM records the SK and carries the transfer out', async () => {
    await switchUser('PPK_ADMIN_BKPSDM');
    const tmt = todayISO();
    await decide('TETAPKAN_SK', 'SK_DITETAPKAN', async () => {
      await byTestId('decide-sk-nomor').fill('800/E2E/BKPSDM/2025');
      await byTestId('decide-sk-tanggal').fill(tmt);
      await byTestId('decide-sk-tmt').fill(tmt);
    });
    await byTestId('usulan-sk').waitFor();
    await decide('LAKSANAKAN', 'DILAKSANAKAN');
    await byTestId('usulan-executed').waitFor();
    assert.match(await byTestId('usulan-executed').innerText(), new RegExp(c.tgtSingkatan));
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-dilaksanakan.png'), fullPage: true });
  });

  await step(t, 'the timeline shows every event, with who and the rule results', async () => {
    const kinds = await page.$$eval('[data-testid="timeline-event"]', (els) => els.map((e) => e.getAttribute('data-kind')));
    assert.deepEqual(kinds, ['BUAT', 'AJUKAN', 'VERIFIKASI', 'SETUJUI_OPD_ASAL', 'SETUJUI_OPD_TUJUAN', 'PERTIMBANGAN_TPK', 'TETAPKAN_SK', 'LAKSANAKAN']);
    const timeline = await byTestId('usulan-timeline').innerText();
    assert.match(timeline, /800\/E2E\/BKPSDM\/2025/);
    assert.match(timeline, /Direkomendasikan/);
    await byTestId('timeline-rules-toggle').first().click();
    await byTestId('rule-snapshots').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-timeline.png'), fullPage: true });
  });

  await step(t, 'the nota usulan is generated as a PDF', async () => {
    await byTestId('btn-gen-nota').click();
    const note = byTestId('export-saved').last();
    await note.waitFor({ timeout: 60_000 });
    const text = (await note.innerText()).trim();
    const path = text.slice(text.indexOf(':') + 1).trim();
    assert.match(path, /\.pdf$/);
    const head = (await readFile(path)).subarray(0, 4).toString('latin1');
    assert.equal(head, '%PDF');
  });

  await step(t, "the employee's detail shows the new placement", async () => {
    await byTestId('btn-open-pegawai').click();
    await byTestId('detail-nip').waitFor();
    assert.equal((await byTestId('detail-nip').innerText()).trim(), c.nip);
    const first = byTestId('riwayat-row').first();
    await first.waitFor();
    const text = await first.innerText();
    assert.match(text, new RegExp(c.tgtOpdNama.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(text, /800\/E2E\/BKPSDM\/2025/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-pegawai.png') });
    await page.keyboard.press('Escape');
  });

  await step(t, 'no uncaught errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

// ---- Rencana mutasi: the rebalancing planner on the demo region ----

test('planner: run on the demo region, explain a move, turn two moves into requests and find them', async (t) => {
  let nips = [];
  await step(t, 'the plan runs with progress and lists moves that lower the balance index', async () => {
    await switchUser('PPK_ADMIN_BKPSDM');
    await byTestId('nav-rencana').click();
    await byTestId('planner-page').waitFor();
    await byTestId('planner-run-nama').fill('Rencana E2E');
    await byTestId('planner-run').click();
    await byTestId('planner-run-done').waitFor({ timeout: 180_000 });
    await byTestId('planner-line').first().waitFor();
    const n = await byTestId('planner-line').count();
    assert.ok(n >= 2, `only ${n} moves`);
    const [before, after] = (await byTestId('planner-balance').innerText())
      .split('→')
      .map((s) => Number(s.trim().replace(/\./g, '').replace(',', '.')));
    assert.ok(after < before, `balance ${before} → ${after}`);
    await byTestId('planner-sankey').waitFor();
    await page.waitForTimeout(500); // the Sankey animates in
    await page.screenshot({ path: join(SHOTS, 'e2e-planner.png'), fullPage: true });
  });

  await step(t, 'one move explains itself: why, costs, gaps and the rules', async () => {
    await byTestId('planner-explain').first().click();
    await byTestId('planner-explanation').waitFor();
    assert.ok((await byTestId('planner-explanation').innerText()).trim().length > 20);
    await byTestId('planner-costs').waitFor();
    await byTestId('planner-rules-ok').or(byTestId('rule-results')).first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'e2e-planner-explain.png') });
    await page.keyboard.press('Escape');
    await byTestId('planner-explanation').waitFor({ state: 'hidden' });
  });

  await step(t, 'two chosen moves become draft requests in one action', async () => {
    const rows = byTestId('planner-line');
    nips = [await rows.nth(0).getAttribute('data-nip'), await rows.nth(1).getAttribute('data-nip')];
    await rows.nth(0).getByTestId('planner-line-check').check();
    await rows.nth(1).getByTestId('planner-line-check').check();
    await byTestId('planner-create-drafts').click();
    await byTestId('planner-drafts-confirm').click();
    await byTestId('planner-drafts-list').waitFor({ timeout: 60_000 });
    const list = await byTestId('planner-drafts-list').innerText();
    assert.equal((list.match(/MUT\//g) ?? []).length, 2, list);
  });

  await step(t, 'the requests are in the request list as drafts', async () => {
    await openWith(byTestId('planner-goto-mutasi'), byTestId('usulan-table'));
    for (const nip of nips) {
      await byTestId('usulan-search').fill(nip);
      const row = page.locator(`[data-testid="usulan-row"][data-status="DRAFT"]`, { hasText: nip });
      await row.waitFor({ timeout: 30_000 });
    }
    await byTestId('usulan-search').fill('');
    await page.screenshot({ path: join(SHOTS, 'e2e-planner-usulan.png') });
  });

  await step(t, 'no uncaught errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

test('cadangan: back up, change something, restore the backup from the UI and the change is gone', async (t) => {
  const nama = `OPD Uji Cadangan ${Date.now()}`;
  const opdNames = () => page.evaluate(async () => (await window.go.main.App.ListOPD()).map((o) => o.nama));

  await step(t, 'the Cadangan page makes a backup and previews what it holds', async () => {
    await loginAs('admin'); // backups are the administrator's
    await page.goto(`${APP_URL}#/cadangan`);
    await byTestId('cadangan-page').waitFor();
    await byTestId('backup-create').click();
    await byTestId('backup-created').waitFor();
    const row = byTestId('backup-row-0');
    await row.waitFor();
    assert.match(await row.innerText(), /Manual/);
    await byTestId('backup-preview-0').click();
    await byTestId('backup-preview').waitFor();
    const pegawai = Number((await byTestId('preview-pegawai').innerText()).replace(/\D/g, ''));
    assert.ok(pegawai > 0, `the preview shows ${pegawai} employees`);
    assert.match(await byTestId('preview-integrity').innerText(), /Baik/);
    await page.screenshot({ path: join(SHOTS, 'e2e-cadangan-preview.png') });
    await page.keyboard.press('Escape');
  });

  await step(t, 'a change after the backup', async () => {
    await page.evaluate(async (nama) => {
      const App = window.go.main.App;
      const opds = await App.ListOPD();
      await App.SaveOPD({ id: '', pemdaId: '', kode: `UJI-${Date.now()}`, nama, singkatan: 'UJI', jenis: opds[0].jenis, alamat: '' });
    }, nama);
    assert.ok((await opdNames()).includes(nama));
  });

  await step(t, 'restoring the backup from the UI (with confirmation) removes the change', async () => {
    await page.goto(`${APP_URL}#/cadangan`);
    await byTestId('cadangan-page').waitFor();
    // The newest row is the manual backup made above.
    const file = await byTestId('backup-row-0').getAttribute('data-file');
    assert.match(file, /-manual\.db$/);
    await byTestId('backup-preview-0').click();
    await byTestId('preview-restore').click();
    await page.screenshot({ path: join(SHOTS, 'e2e-cadangan-confirm.png') });
    await byTestId('btn-confirm-delete').click();
    await byTestId('backup-restored').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'e2e-cadangan-restored.png') });
    // A restore ends the session (the accounts are those of the copy): log in again.
    await loginAs('admin');
    assert.ok(!(await opdNames()).includes(nama), 'the OPD made after the backup is gone');
    await page.goto(`${APP_URL}#/opd`);
    await byTestId('opd-page').waitFor();
    assert.ok(!(await byTestId('opd-table').innerText()).includes(nama));
  });

  await step(t, 'no uncaught errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
