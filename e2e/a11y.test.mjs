// Accessibility and small-screen checks of the desktop UI against the real Go
// backend, run by scripts/ui-test.sh in two phases on the same app:
//   A11Y_PHASE=first-run  before app.test.mjs, on the empty data dir: the
//                         first-run screen and its administrator form;
//   A11Y_PHASE=app        after app.test.mjs, on its demo region and users:
//                         every main page, the header and sidebar at 1024×640,
//                         and the keyboard-only journeys.
// On each page axe-core runs at 1024×640 and 1366×768, in Indonesian and in
// English: a critical or serious violation fails the test. A screenshot of each
// page at each size is kept as build/a11y/<page>-<lang>-<w>x<h>.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from './lib.mjs';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:34115/';
const PHASE = process.env.A11Y_PHASE ?? 'app';
const SHOTS = fileURLToPath(new URL('../build/a11y/', import.meta.url));
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// app.test.mjs gives the administrator (and every user it makes) this password.
const ADMIN = { username: 'admin', password: 'Sorong2026' };

const SIZES = [
  { width: 1024, height: 640 },
  { width: 1366, height: 768 },
];
const LANGS = ['id', 'en'];
// While working on one screen: A11Y_PAGES=pegawai,opd checks only those pages.
const ONLY = (process.env.A11Y_PAGES ?? '').split(',').filter(Boolean);

let page;
let app;
let consoleErrors = [];

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await openApp({ prefix: 'imbang-a11y-', viewport: SIZES[0], bypassCSP: true, lastShot: join(SHOTS, 'last.png') });
  ({ page, consoleErrors } = app);
});

after(async () => {
  await app?.close();
});

const byTestId = (id) => page.getByTestId(id);

/** Runs axe on the page as it is; returns the critical and serious violations as readable lines. */
async function axeViolations() {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: AXE });
  const res = await page.evaluate(async () => {
    // the Wails dev bridge's reconnect overlay is not part of the app
    return await window.axe.run({ exclude: [['#wails-spinner']] }, { resultTypes: ['violations'] });
  });
  return res.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length}× e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function setLang(lang) {
  await page.evaluate((l) => window.localStorage.setItem('imbang.lang', l), lang);
}

/**
 * Checks every page of the list at both sizes and in both languages: the
 * language is chosen once per round (stored, then one reload), each page is
 * opened by its own function (a hash route where there is one), axe runs and
 * the screenshot is kept. All violations are gathered, then reported at once.
 */
async function checkPages(pages) {
  const failures = [];
  for (const lang of LANGS) {
    await setLang(lang);
    await page.reload();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const p of pages) {
        if (ONLY.length && !ONLY.includes(p.name)) continue;
        await p.open();
        // fonts, charts and transitions settle
        await page.waitForTimeout(p.settle ?? 250);
        const bad = await axeViolations();
        for (const line of bad) failures.push(`${p.name} [${lang} ${size.width}×${size.height}] ${line}`);
        await page.screenshot({ path: join(SHOTS, `${p.name}-${lang}-${size.width}x${size.height}.png`) });
        if (p.close) await p.close();
      }
    }
  }
  await setLang('id');
  await page.reload();
  assert.deepEqual(failures, [], 'axe: critical or serious violations');
}

/** Opens a page by its hash route, in the running app (no reload). */
async function goHash(route) {
  await page.evaluate((r) => {
    window.location.hash = `#/${r}`;
  }, route);
}

/** Presses Tab until the element with this test id has the focus (at most max presses). */
async function tabTo(testId, max = 80) {
  for (let i = 0; i < max; i++) {
    const here = await page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? '');
    const self = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    if (self === testId || here === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

async function loggedInAs() {
  return page.evaluate(() => window.go.main.App.AuthSession().catch(() => null));
}

async function logoutToLogin() {
  await page.evaluate(() => window.go.main.App.Logout().catch(() => {}));
  await page.reload();
  await byTestId('login-page').waitFor();
}

async function loginAdmin() {
  const s = await loggedInAs();
  if (s?.loggedIn && !s.locked && s.user.username === ADMIN.username) return;
  await logoutToLogin();
  await byTestId('input-username').fill(ADMIN.username);
  await byTestId('input-password').fill(ADMIN.password);
  await byTestId('btn-login').click();
  await byTestId('user-nama').waitFor();
}

if (PHASE === 'first-run') {
  test('first run: the welcome screen and the administrator form pass axe at both sizes in both languages', async () => {
    await page.goto(APP_URL);
    await byTestId('first-run').waitFor();
    await checkPages([
      { name: 'first-run', open: async () => byTestId('btn-load-demo').waitFor() },
      {
        name: 'first-run-admin',
        open: async () => {
          await byTestId('btn-load-demo').click();
          await byTestId('setup-form').waitFor();
        },
        close: async () => {
          await page.reload();
          await byTestId('first-run').waitFor();
        },
      },
    ]);
  });

  test('first run at 1024×640: every button is shown whole', async () => {
    await page.setViewportSize(SIZES[0]);
    await page.reload();
    await byTestId('btn-load-demo').waitFor();
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="first-run"] button')]
        .filter((b) => {
          const label = b.querySelector('.mantine-Button-label') ?? b;
          return label.scrollWidth > label.clientWidth + 1 || b.getBoundingClientRect().right > window.innerWidth;
        })
        .map((b) => b.textContent),
    );
    assert.deepEqual(clipped, []);
  });
}

if (PHASE === 'app') {
  let ids;

  test('set up: the administrator, an employee, a request', async () => {
    await page.goto(APP_URL);
    await loginAdmin();
    ids = await page.evaluate(async () => {
      const App = window.go.main.App;
      const peg = (await App.ListPegawai({ limit: 1 })).rows[0];
      const list = await App.ListUsulan({ limit: 1 });
      const rows = list.rows ?? list;
      return { nip: peg.nip, usulanId: rows[0]?.id ?? '' };
    });
    assert.ok(ids.usulanId, 'app.test.mjs leaves transfer requests behind');
  });

  test('every main page passes axe at 1024×640 and 1366×768, in Indonesian and in English', async () => {
    const hash = (route, ready, extra = {}) => ({
      name: route.replace(/\//g, '-') || 'beranda',
      open: async () => {
        await goHash(route);
        await byTestId(ready).waitFor();
      },
      ...extra,
    });
    await checkPages([
      hash('beranda', 'dashboard', { settle: 600 }),
      hash('pegawai', 'pegawai-page', {
        open: async () => {
          await goHash('pegawai');
          await byTestId('pegawai-row').first().waitFor();
        },
      }),
      {
        name: 'pegawai-detail',
        open: async () => {
          await byTestId('pegawai-row').first().click();
          await byTestId('riwayat-table').waitFor();
        },
        settle: 400,
        close: async () => {
          await page.keyboard.press('Escape');
          await byTestId('detail-nip').waitFor({ state: 'hidden' });
        },
      },
      hash('opd', 'opd-page'),
      hash('jabatan', 'jabatan-page'),
      hash('abk', 'abk-region', { settle: 600 }),
      {
        name: 'abk-opd',
        open: async () => {
          await byTestId('abk-opd-row').first().click();
          await byTestId('abk-unit-row').first().waitFor();
        },
      },
      hash('mutasi', 'mutasi-list'),
      hash('mutasi/baru', 'usulan-wizard'),
      { name: 'mutasi-detail', ...hash(`mutasi/u/${encodeURIComponent(ids.usulanId)}`, 'usulan-detail') },
      hash('mutasi/inbox', 'mutasi-inbox'),
      hash('rencana', 'planner-page'),
      hash('evaluasi', 'evaluasi-page'),
      hash('impor', 'import-page'),
      hash('sinkron', 'sinkron-page'),
      hash('cadangan', 'cadangan-page'),
      hash('akun', 'akun-page'),
      {
        name: 'login',
        open: async () => {
          await logoutToLogin();
        },
        close: async () => {
          await loginAdmin();
        },
      },
    ]);
  });

  test('at 1024×640 every navigation item and header control is visible and clickable', async () => {
    await page.setViewportSize(SIZES[0]);
    await goHash('beranda');
    await byTestId('dashboard').waitFor();
    const inView = async (loc, what) => {
      await loc.scrollIntoViewIfNeeded();
      const box = await loc.boundingBox();
      assert.ok(box, `${what} has no box`);
      assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= SIZES[0].width + 0.5 && box.y + box.height <= SIZES[0].height + 0.5, `${what} is outside the window: ${JSON.stringify(box)}`);
      // the element itself (or a child) receives a click at its centre
      const hit = await loc.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return Boolean(at && (el === at || el.contains(at)));
      });
      assert.ok(hit, `${what} is covered by something else`);
    };
    const navIds = await page.evaluate(() => [...document.querySelectorAll('nav [data-testid^="nav-"]')].map((e) => e.getAttribute('data-testid')));
    assert.ok(navIds.includes('nav-akun') && navIds.includes('nav-cadangan'), `navigation: ${navIds}`);
    for (const id of navIds) await inView(byTestId(id), id);
    for (const id of ['user-menu', 'lang-switch', 'demo-badge', 'pending-changes', 'nav-toggle']) await inView(byTestId(id), id);
    // The last item is really clickable once scrolled to.
    await byTestId('nav-akun').click();
    await byTestId('akun-page').waitFor();
    // Collapsing the sidebar gives the page the width, and is remembered over a reload.
    await byTestId('nav-toggle').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="nav-akun"]')?.getBoundingClientRect().width < 80);
    await page.reload();
    await byTestId('akun-page').waitFor();
    assert.ok((await byTestId('nav-akun').boundingBox()).width < 80, 'the collapsed sidebar is remembered');
    // collapsed, the Mutasi group shows its pages as icons of their own
    const collapsedIds = await page.evaluate(() => [...document.querySelectorAll('nav [data-testid^="nav-"]')].map((e) => e.getAttribute('data-testid')));
    assert.deepEqual(collapsedIds, navIds.filter((id) => id !== 'nav-mutasi'));
    for (const id of collapsedIds) {
      await inView(byTestId(id), `${id} (collapsed)`);
      assert.ok(await byTestId(id).getAttribute('aria-label'), `${id} has a name when collapsed`);
    }
    await byTestId('nav-toggle').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="nav-akun"]')?.getBoundingClientRect().width > 150);
  });

  test('at 1024×640 the employee table shows OPD and Unit without sideways scrolling', async () => {
    await page.setViewportSize(SIZES[0]);
    await goHash('pegawai');
    await byTestId('pegawai-row').first().waitFor();
    const r = await page.evaluate(() => {
      const scroll = document.querySelector('[data-testid="pegawai-table"]');
      const heads = [...scroll.querySelectorAll('.vt-head > div')].map((d) => ({ text: d.textContent, right: d.getBoundingClientRect().right }));
      return { overflow: scroll.scrollWidth - scroll.clientWidth, right: scroll.getBoundingClientRect().right, heads };
    });
    assert.ok(r.overflow <= 1, `the table scrolls sideways by ${r.overflow}px`);
    for (const h of r.heads) assert.ok(h.right <= r.right + 1, `column "${h.text}" ends past the table`);
  });

  test('keyboard only: log in', async () => {
    await page.setViewportSize(SIZES[1]);
    await logoutToLogin();
    await tabTo('input-username');
    await page.keyboard.type(ADMIN.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await byTestId('user-nama').waitFor();
    assert.equal(await byTestId('user-nama').getAttribute('data-username'), ADMIN.username);
  });

  test('keyboard only: the skip link, then find an employee by NIP and open the detail', async () => {
    await goHash('beranda');
    await byTestId('dashboard').waitFor();
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'skip-link');
    assert.ok(await byTestId('skip-link').isVisible(), 'the skip link shows when it has the focus');
    await tabTo('nav-pegawai');
    await page.keyboard.press('Enter');
    await byTestId('pegawai-page').waitFor();
    await tabTo('pegawai-search');
    await page.keyboard.type(ids.nip);
    await page.waitForFunction((n) => {
      const rows = [...document.querySelectorAll('[data-testid="pegawai-row"]')];
      return rows.length === 1 && rows[0].getAttribute('data-nip') === n;
    }, ids.nip);
    await tabTo('pegawai-row');
    await page.keyboard.press('Enter');
    await byTestId('detail-nip').waitFor();
    assert.equal((await byTestId('detail-nip').innerText()).trim(), ids.nip);
    // the drawer holds the focus, and Escape gives it back to the row
    assert.ok(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]'))), 'the focus is in the drawer');
    await page.keyboard.press('Escape');
    await byTestId('detail-nip').waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'pegawai-row');
  });

  test('keyboard only: create and submit a transfer request', async () => {
    const today = new Date();
    const tanggal = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    // An eligible employee without an open request and a post in another OPD (found through the backend).
    const c = await page.evaluate(async (tanggal) => {
      const App = window.go.main.App;
      const opds = await App.ListOPD();
      const busy = new Set();
      const list = await App.ListUsulan({ limit: 1000 });
      for (const u of list.rows ?? list ?? []) if (!['DILAKSANAKAN', 'DITOLAK', 'DIBATALKAN'].includes(u.status)) busy.add(u.pegawaiId);
      const held = new Map();
      for (const o of opds) {
        const tree = await App.OPDTree(o.id);
        const walk = (units) => {
          for (const u of units ?? []) {
            for (const j of u.jabatan ?? []) {
              if (!held.has(j.jabatanId)) held.set(j.jabatanId, []);
              held.get(j.jabatanId).push({ opdId: o.id, unitId: u.id, unitNama: u.nama, jabatanNama: j.nama });
            }
            walk(u.children);
          }
        };
        walk(tree.units);
      }
      const rows = (await App.ListPegawai({ golongan: 'III', status: 'PNS', sort: 'tmtJabatan', desc: false, offset: 0, limit: 300 })).rows ?? [];
      for (const row of rows.reverse()) {
        if (busy.has(row.id)) continue;
        const p = (await App.GetPegawai(row.id)).pegawai;
        for (const target of held.get(p.jabatanId) ?? []) {
          if (target.opdId === p.opdId) continue;
          const res = await App.CheckMutasi({ pegawaiId: p.id, jenis: 'T1', aps: false, target: { opdId: target.opdId, unitId: target.unitId, jabatanId: p.jabatanId }, tanggal });
          if (res.blocked) break;
          const tgt = opds.find((o) => o.id === target.opdId);
          return { pegawaiId: p.id, nip: p.nip, tgtOpd: tgt.id, tgtSingkatan: tgt.singkatan, tgtUnit: target.unitId, tgtUnitNama: target.unitNama, jabatanId: p.jabatanId, jabatanNama: target.jabatanNama };
        }
      }
      return null;
    }, tanggal);
    assert.ok(c, 'no eligible employee/target pair left in the demo data');

    await goHash('beranda');
    await byTestId('dashboard').waitFor();
    await tabTo('nav-mutasi-baru');
    await page.keyboard.press('Enter');
    await byTestId('usulan-wizard').waitFor();
    /** Types into a searchable select, waits for the option with this value, picks it with the arrow keys and Enter. */
    const choose = async (testId, text, value) => {
      // A select waits for what it depends on (the units of the chosen OPD): Tab skips it while disabled.
      await page.waitForFunction((id) => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        return el && !el.disabled;
      }, testId);
      await tabTo(testId);
      await page.keyboard.type(text);
      // ArrowDown until the wanted option is the selected one, then Enter. A
      // re-render of the options (data arriving) can drop the highlight just
      // before Enter, which then picks nothing and leaves the list open: then
      // highlight and press Enter again. A picked option stays in the DOM,
      // hidden, marked data-checked.
      const option = page.locator(`[role="option"][value="${value}"]`).first();
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0 && !(await option.isVisible())) await page.keyboard.press('ArrowDown');
        await option.waitFor();
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press('ArrowDown');
          const on = await page.evaluate(() => document.querySelector('[role="option"][data-combobox-selected]')?.getAttribute('value'));
          if (on === value) break;
        }
        await page.keyboard.press('Enter');
        const picked = await page
          .waitForFunction((v) => document.querySelector(`[role="option"][value="${v}"]`)?.getAttribute('data-checked') === 'true', value, { timeout: 5_000 })
          .then(() => true, () => false);
        if (picked) break;
        assert.ok(attempt < 3, `the option ${value} of ${testId} could not be picked with Enter`);
      }
      await page.waitForFunction(
        ({ id }) => document.querySelector(`[data-testid="${id}"]`)?.value !== '',
        { id: testId },
      );
    };
    await choose('wizard-pegawai', c.nip, c.pegawaiId);
    await byTestId('wizard-pegawai-info').waitFor();
    await choose('wizard-target-opd-0', c.tgtSingkatan, c.tgtOpd);
    await choose('wizard-target-unit-0', c.tgtUnitNama, c.tgtUnit);
    await choose('wizard-target-jabatan-0', c.jabatanNama, c.jabatanId);
    await tabTo('wizard-alasan');
    await page.keyboard.type('Pemerataan pegawai sesuai analisis beban kerja (uji papan ketik).');
    await byTestId('rule-results').waitFor();
    await tabTo('btn-wizard-submit', 200);
    await page.keyboard.press('Enter');
    await byTestId('usulan-detail').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="usulan-status"]')?.getAttribute('data-status') === 'DIAJUKAN', null, { timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'keyboard-usulan-diajukan.png') });
  });

  test('no uncaught errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
}
