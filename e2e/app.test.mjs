// End-to-end test of the Imbang UI against the real Go backend.
// scripts/ui-test.sh builds the dev binary, starts it with a fresh data dir and
// -devserver, and runs this with APP_URL pointing at it. The browser is
// Debian's /usr/bin/chromium (override with CHROMIUM), driven by playwright-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:34115/';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../build/', import.meta.url));
// scripts/ui-test.sh points the app's exports here (no save dialog in a test).
const EXPORT_DIR = process.env.IMBANG_EXPORT_DIR ?? '';
// Loading the 5,000-employee demo region takes a few seconds on a small machine.
const DEMO_TIMEOUT = 180_000;

let context;
let page;
let userDataDir;
const consoleErrors = [];

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  userDataDir = await mkdtemp(join(tmpdir(), 'imbang-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 860 },
    locale: 'id-ID',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => {
    const text = e.stack || String(e);
    // Wails' dev-server bridge (/wails/ipc.js) mounts its reconnect overlay on
    // document.body from <head>, where body is still null, and throws once on
    // load; the bridge itself works. Not our code, so not our failure.
    if (/\/wails\/ipc\.js/.test(text)) return;
    consoleErrors.push(text);
  });
});

after(async () => {
  // The last state, whatever happened: the first thing to look at when a step failed.
  await page?.screenshot({ path: join(SHOTS, 'e2e-last.png') }).catch(() => {});
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

const byTestId = (id) => page.getByTestId(id);

test('first run → demo data → find an employee by NIP → detail with riwayat', async (t) => {
  await t.test('the first-run screen shows on an empty data dir', async () => {
    await page.goto(APP_URL);
    await byTestId('first-run').waitFor();
    await byTestId('btn-load-demo').waitFor();
    assert.match(await byTestId('first-run').innerText(), /fiktif/);
    await page.screenshot({ path: join(SHOTS, 'e2e-first-run.png') });
  });

  await t.test('"Coba dengan data contoh" loads the demo region and opens the dashboard', async () => {
    await byTestId('btn-load-demo').click();
    await byTestId('dashboard').waitFor({ timeout: DEMO_TIMEOUT });
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
  await t.test('the Pegawai table lists employees', async () => {
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

  await t.test('searching by NIP narrows the table to that employee', async () => {
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

  await t.test('the detail panel shows that NIP and the riwayat jabatan', async () => {
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

  await t.test('a rejected save shows the backend field errors under the inputs', async () => {
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

  await t.test('the language switch turns the UI to English', async () => {
    await byTestId('lang-switch').getByText('EN').click();
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
    await byTestId('lang-switch').getByText('ID').click();
    await page.getByRole('heading', { name: 'Pegawai' }).waitFor();
  });

  await t.test('the ABK dashboard shows the region balance, the OPD table and the charts', async () => {
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

  await t.test('drilling into an OPD with a deficit shows its units, then the positions of a unit', async () => {
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

  await t.test('a position shows its tasks (read-only in a final ABK) and its employees', async () => {
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

  await t.test('the ABK exports to a non-empty .xlsx file', async () => {
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

  await t.test('no uncaught errors in the page', () => {
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

/** Switches the current user through the header: role, and OPD for the OPD-bound roles. */
async function switchUser(role, opdId, opdSingkatan) {
  await byTestId('user-switch').click();
  await pickOption('user-role-select', role);
  if (opdId) await pickOption('user-opd-select', opdId, opdSingkatan);
  await byTestId('btn-user-save').click();
  await byTestId('btn-user-save').waitFor({ state: 'hidden' });
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
async function decide(kind, status, fill) {
  const btn = byTestId(`btn-action-${kind}`);
  await btn.waitFor();
  await btn.click();
  await byTestId('btn-decide-submit').waitFor();
  if (fill) await fill();
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
  await t.test('find an eligible employee and a target position in another OPD', async () => {
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
  await t.test('Operator OPD asal creates a draft in the wizard and sees the live rule results', async () => {
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
    await waitStatus('draft');
    usulanId = decodeURIComponent(new URL(page.url()).hash.split('/').pop());
    assert.ok(usulanId);
  });

  await t.test('the operator submits the draft', async () => {
    await decide('ajukan', 'diajukan');
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-diajukan.png'), fullPage: true });
  });

  await t.test('the Verifikator finds it in the inbox and verifies it', async () => {
    await switchUser('VERIFIKATOR_BKPSDM');
    await byTestId('nav-mutasi-inbox').click();
    await byTestId('mutasi-inbox').waitFor();
    const row = page.locator(`[data-testid="usulan-row"][data-id="${usulanId}"]`);
    await row.waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-inbox.png') });
    await row.click();
    await waitStatus('diajukan');
    await decide('verifikasi', 'diverifikasi');
  });

  await t.test('the Kepala OPD asal releases and the Kepala OPD tujuan accepts', async () => {
    await switchUser('KEPALA_OPD', c.srcOpd, c.srcSingkatan);
    await waitStatus('diverifikasi');
    // The head of the source OPD may release, not accept.
    await byTestId('btn-action-setujui_opd_asal').waitFor();
    assert.equal(await byTestId('btn-action-setujui_opd_tujuan').count(), 0);
    await decide('setujui_opd_asal', 'disetujui_opd_asal');
    await switchUser('KEPALA_OPD', c.tgtOpd, c.tgtSingkatan);
    await decide('setujui_opd_tujuan', 'disetujui_opd');
  });

  await t.test('the Tim Penilai Kinerja gives its consideration', async () => {
    await switchUser('TIM_PENILAI_KINERJA');
    await decide('pertimbangan_tpk', 'dipertimbangkan_tpk', () => byTestId('decide-note').fill('Direkomendasikan.'));
  });

  await t.test('the PPK / Admin BKPSDM records the SK and carries the transfer out', async () => {
    await switchUser('PPK_ADMIN_BKPSDM');
    const tmt = todayISO();
    await decide('tetapkan_sk', 'sk_ditetapkan', async () => {
      await byTestId('decide-sk-nomor').fill('800/E2E/BKPSDM/2025');
      await byTestId('decide-sk-tanggal').fill(tmt);
      await byTestId('decide-sk-tmt').fill(tmt);
    });
    await byTestId('usulan-sk').waitFor();
    await decide('laksanakan', 'dilaksanakan');
    await byTestId('usulan-executed').waitFor();
    assert.match(await byTestId('usulan-executed').innerText(), new RegExp(c.tgtSingkatan));
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-dilaksanakan.png'), fullPage: true });
  });

  await t.test('the timeline shows every event, with who and the rule results', async () => {
    const kinds = await page.$$eval('[data-testid="timeline-event"]', (els) => els.map((e) => e.getAttribute('data-kind')));
    assert.deepEqual(kinds, ['buat', 'ajukan', 'verifikasi', 'setujui_opd_asal', 'setujui_opd_tujuan', 'pertimbangan_tpk', 'tetapkan_sk', 'laksanakan']);
    const timeline = await byTestId('usulan-timeline').innerText();
    assert.match(timeline, /800\/E2E\/BKPSDM\/2025/);
    assert.match(timeline, /Direkomendasikan/);
    await byTestId('timeline-rules-toggle').first().click();
    await byTestId('rule-snapshots').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-mutasi-timeline.png'), fullPage: true });
  });

  await t.test('the nota usulan is generated as a PDF', async () => {
    await byTestId('btn-gen-nota').click();
    const note = byTestId('export-saved').last();
    await note.waitFor({ timeout: 60_000 });
    const text = (await note.innerText()).trim();
    const path = text.slice(text.indexOf(':') + 1).trim();
    assert.match(path, /\.pdf$/);
    const head = (await readFile(path)).subarray(0, 4).toString('latin1');
    assert.equal(head, '%PDF');
  });

  await t.test("the employee's detail shows the new placement", async () => {
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

  await t.test('no uncaught errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

// ---- Rencana mutasi: the rebalancing planner on the demo region ----

test('planner: run on the demo region, explain a move, turn two moves into requests and find them', async (t) => {
  let nips = [];
  await t.test('the plan runs with progress and lists moves that lower the balance index', async () => {
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

  await t.test('one move explains itself: why, costs, gaps and the rules', async () => {
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

  await t.test('two chosen moves become draft requests in one action', async () => {
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

  await t.test('the requests are in the request list as drafts', async () => {
    await byTestId('planner-goto-mutasi').click();
    await byTestId('usulan-table').waitFor();
    for (const nip of nips) {
      await byTestId('usulan-search').fill(nip);
      const row = page.locator(`[data-testid="usulan-row"][data-status="draft"]`, { hasText: nip });
      await row.waitFor({ timeout: 30_000 });
    }
    await byTestId('usulan-search').fill('');
    await page.screenshot({ path: join(SHOTS, 'e2e-planner-usulan.png') });
  });

  await t.test('no uncaught errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
