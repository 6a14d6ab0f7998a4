// End-to-end test of the Portal Pegawai against a real `imbang-server serve
// --portal` seeded by a BKPSDM desktop (scripts/portal-e2e.sh starts it and
// sets PORTAL_URL, PORTAL_NIP1/2 and PORTAL_CODE1/2). One employee walks
// the journey on a phone (360×640), the other on a desktop viewport:
// activation → eligible posts with reasons → an APS request with two
// attachments → its status (phase "apply"). The script then lets the
// desktops walk the phone employee's request to execution; phase "steps"
// checks the portal shows each step on both viewports, and phase
// "feedback" (the server's test clock seven months on) answers the 6-month
// questionnaire. Screenshots go to build/portal-*.png; the phone's data page
// is docs/img/portal-phone.png when PORTAL_SHOT=1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './lib.mjs';

const URL0 = process.env.PORTAL_URL ?? 'http://127.0.0.1:28471/portal/';
const SHOTS = fileURLToPath(new URL('../build/', import.meta.url));
const DOCS = fileURLToPath(new URL('../docs/img/', import.meta.url));
const PASSWORD = 'Sorong2026aman';
const PHASE = process.env.PORTAL_PHASE ?? 'apply';
const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1360, height: 860 };

let browser;
let files;
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// axe on the current page: no critical or serious violation. (The test
// context bypasses the CSP to inject axe; the portal's own pages need none.)
async function accessible(page, where) {
  await page.addScriptTag({ content: AXE });
  const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = res.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target})`), [], `axe on ${where}`);
}

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'portal-e2e-'));
  // two small scanned documents: a PDF and a JPEG (checked by content on the server)
  const pdf = join(dir, 'surat-permohonan.pdf');
  await writeFile(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const jpg = join(dir, 'sk-jabatan.jpg');
  await writeFile(jpg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]));
  files = { pdf, jpg };
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
});

async function journey(name, viewport, nip, code) {
  const ctx = await browser.newContext({ viewport, locale: 'id-ID', bypassCSP: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(new URL(URL0).origin)) external.push(r.url()); });

  // the first page: small, and nothing from elsewhere
  const first = await page.goto(URL0);
  assert.equal(first.status(), 200);
  await accessible(page, 'masuk');
  await page.getByRole('link', { name: /Aktifkan dengan kode/ }).click();
  await accessible(page, 'aktivasi');
  await page.getByLabel('NIP').fill(nip);
  await page.getByLabel(/Kode aktivasi/).fill(code);
  await page.getByLabel(/Kata sandi baru/).fill(PASSWORD);
  await page.getByLabel(/Ulangi kata sandi/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Aktifkan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Data saya' }).waitFor();
  assert.match(await page.locator('main').innerText(), new RegExp(nip));
  if (process.env.PORTAL_SHOT === '1' && name === 'phone') {
    await mkdir(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, 'portal-phone.png') });
  }
  await page.screenshot({ path: join(SHOTS, `portal-${name}-data.png`), fullPage: true });
  await accessible(page, 'data');

  // eligible posts with reasons
  await page.getByRole('link', { name: 'Formasi tersedia' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Formasi tersedia' }).waitFor();
  const cards = page.locator('ul.cards > li');
  assert.ok((await cards.count()) > 0, 'no deficit post listed');
  const text = await page.locator('main').innerText();
  assert.match(text, /Kurang \d+ orang/);
  assert.match(text, /Memenuhi syarat|Memenuhi dengan catatan|Tidak memenuhi syarat/);
  await page.screenshot({ path: join(SHOTS, `portal-${name}-formasi.png`), fullPage: true });
  await accessible(page, 'formasi');
  // apply for the first post that is not blocked (else the first one)
  let pick = cards.filter({ hasNotText: 'Tidak memenuhi syarat' }).first();
  if ((await pick.count()) === 0) pick = cards.first();
  await pick.getByRole('link', { name: 'Ajukan ke jabatan ini' }).click();

  await page.getByRole('heading', { level: 1, name: /Ajukan mutasi/ }).waitFor();
  await page.getByLabel('Alasan permohonan').fill('Ingin mengembangkan kemampuan di bidang yang kekurangan pegawai.');
  await page.getByRole('button', { name: 'Periksa aturan' }).click();
  await page.getByRole('heading', { name: 'Hasil pemeriksaan aturan' }).waitFor();
  assert.match(await page.locator('#hasil').innerText(), /MUT-\d+/);
  await page.setInputFiles('input[name="dok_SURAT_PERMOHONAN"]', files.pdf);
  await page.setInputFiles('input[name="dok_SK_JABATAN_TERAKHIR"]', files.jpg);
  await page.screenshot({ path: join(SHOTS, `portal-${name}-ajukan.png`), fullPage: true });
  await accessible(page, 'ajukan');
  await page.getByRole('button', { name: 'Ajukan usulan' }).click();

  // status: submitted, with both documents
  await page.getByRole('heading', { level: 1, name: 'Usulan mutasi' }).waitFor({ timeout: 15_000 }).catch(async (e) => {
    throw new Error(`${e}\n${await page.locator('main').innerText()}`);
  });
  const status = await page.locator('main').innerText();
  assert.match(status, /Usulan diajukan/);
  assert.match(status, /surat-permohonan\.pdf/);
  assert.match(status, /sk-jabatan\.jpg/);
  await page.screenshot({ path: join(SHOTS, `portal-${name}-status.png`), fullPage: true });
  await accessible(page, 'status');
  for (const path of ['minat', 'umpan-balik', 'keamanan']) {
    await page.goto(URL0 + path);
    await accessible(page, path);
  }

  // the phone viewport: nothing wider than the screen
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the viewport by ${overflow}px`);
  assert.deepEqual(external, [], 'external resources were loaded');
  assert.deepEqual(errors, [], 'console errors');
  await ctx.close();
}

const apply = { skip: PHASE !== 'apply' };

test('phone 360×640: activation → formasi → APS with two documents → status', apply, async () => {
  await journey('phone', PHONE, process.env.PORTAL_NIP1, process.env.PORTAL_CODE1);
});

test('desktop 1360×860: the same journey', apply, async () => {
  await journey('desktop', DESKTOP, process.env.PORTAL_NIP2, process.env.PORTAL_CODE2);
});

// a logged-in page of the phone employee (their password was set at activation)
async function login(viewport) {
  const ctx = await browser.newContext({ viewport, locale: 'id-ID', bypassCSP: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(URL0 + 'masuk');
  await page.getByLabel('NIP').fill(process.env.PORTAL_NIP1);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { level: 1, name: 'Data saya' }).waitFor();
  return { ctx, page, errors };
}

for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`${name}: after the desktops' sync the status shows each step to execution`, { skip: PHASE !== 'steps' }, async () => {
    const { ctx, page, errors } = await login(viewport);
    await page.getByRole('link', { name: 'Status' }).first().click();
    await page.locator('main ul.list a').first().click();
    await page.getByRole('heading', { level: 1, name: 'Usulan mutasi' }).waitFor();
    const text = await page.locator('main').innerText();
    const steps = ['Usulan diajukan', 'Diverifikasi BKPSDM', 'Disetujui OPD asal', 'Pertimbangan Tim Penilai Kinerja',
      `SK ${process.env.PORTAL_SK}`, 'Mutasi dilaksanakan'];
    if (process.env.PORTAL_SAME_OPD !== '1') steps.push('Disetujui OPD tujuan');
    for (const step of steps) assert.ok(text.includes(step), `status lacks "${step}":\n${text}`);
    assert.doesNotMatch(text, /Tarik usulan/);
    // the roles decide, never a named person
    assert.doesNotMatch(text, /kepala-e2e|verifikator-e2e|admin-e2e|tpk-e2e/);
    await page.screenshot({ path: join(SHOTS, `portal-${name}-dilaksanakan.png`), fullPage: true });
    await accessible(page, 'status dilaksanakan');
    await page.goto(URL0 + 'umpan-balik');
    assert.match(await page.locator('main').innerText(), /Tidak ada kuesioner/, 'a questionnaire before it is due');
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test('phone: seven months on the questionnaire is due; the employee answers it once', { skip: PHASE !== 'feedback' }, async () => {
  const { ctx, page, errors } = await login(PHONE);
  await page.getByRole('link', { name: 'Umpan balik' }).first().click();
  const form = page.locator('main form.card');
  assert.equal(await form.count(), 1, await page.locator('main').innerText());
  assert.match(await form.locator('h2').innerText(), /Evaluasi 6 bulan/);
  await accessible(page, 'umpan balik');
  const groups = form.locator('fieldset');
  assert.ok((await groups.count()) >= 1, 'no Likert question');
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByLabel('4', { exact: true }).check();
  const free = form.locator('textarea');
  if (await free.count()) await free.first().fill('<script>alert(1)</script> Perlu pelatihan aplikasi.');
  await page.screenshot({ path: join(SHOTS, 'portal-phone-umpanbalik.png'), fullPage: true });
  await form.getByRole('button', { name: 'Kirim' }).click();
  await page.getByText('Terima kasih atas jawaban Anda.').waitFor();
  assert.match(await page.locator('main').innerText(), /Tidak ada kuesioner/, 'the answered questionnaire is offered again');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the viewport by ${overflow}px`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the first page is small (gzip) and has a strict CSP', apply, async () => {
  const res = await fetch(URL0 + 'masuk', { headers: { 'Accept-Encoding': 'gzip' } });
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  let total = Number(res.headers.get('content-length') ?? 0) || (await res.arrayBuffer()).byteLength;
  for (const asset of ['static/portal.css', 'static/portal.js']) {
    total += (await (await fetch(URL0 + asset)).arrayBuffer()).byteLength; // uncompressed: an upper bound
  }
  assert.ok(total < 60 * 1024, `first page ${total} bytes`);
});
