import { beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../../i18n';
import { renderWithProviders } from '../../../test/render';
import { sankeyOption } from './FlowSankey';
import { PlannerPage } from './PlannerPage';
import { ScenarioPanel } from './ScenarioPanel';

// The machine these run on is shared and slow; the page's first render takes over a second.
configure({ asyncUtilTimeout: 8000 });
vi.setConfig({ testTimeout: 30_000 });

const mockPlanner = vi.hoisted(() => ({
  settings: vi.fn(),
  saveSettings: vi.fn(),
  start: vi.fn(),
  createScenario: vi.fn(),
  job: vi.fn(),
  cancel: vi.fn(),
  result: vi.fn(),
  runs: vi.fn(),
  rerun: vi.fn(),
  explain: vi.fn(),
  whyNot: vi.fn(),
  setDecision: vi.fn(),
  compare: vi.fn(),
  createDrafts: vi.fn(),
}));
vi.mock('../api', async (orig) => {
  const real = await orig<typeof import('../api')>();
  return { ...real, plannerApi: mockPlanner, onPlannerProgress: () => () => {} };
});
vi.mock('../../../api', async () => {
  const errors = await import('../../../api/errors');
  return { ...errors, api: { listPegawai: vi.fn().mockResolvedValue({ total: 0, rows: [] }) } };
});
vi.mock('../../../api/events', () => ({ onDataChanged: () => () => {} }));
// The chart draws on a canvas happy-dom does not have; its option is tested as a function.
vi.mock('./FlowSankey', async (orig) => {
  const real = await orig<typeof import('./FlowSankey')>();
  return { ...real, FlowSankey: () => <div data-testid="planner-sankey" /> };
});

const weights = { competence: 40, preference: 20, requestBonus: 150, stagnation: 30, relocation: 80, move: 200, deficit: 1000, surplus: 400, stagnationMonths: 60 };
const options = { maxMoves: 0, minFloorPercent: 0, lockedEmployees: null, lockedPositions: null, forced: null, forbidden: null, candidatesPerEmployee: 0 };
const pos = (key: string, opd: string, jab: string) => ({
  key,
  opdId: opd.toLowerCase(),
  unitId: key.split('/')[0],
  jabatanId: key.split('/')[1],
  opdSingkatan: opd,
  opdNama: opd,
  unitNama: 'Unit ' + opd,
  jabatanNama: jab,
});
const cost = { competence: 0, preference: 0, requestBonus: 0, stagnation: -30, relocation: 80, move: 200, deficitValue: 1500, surplusValue: 600, total: -1850 };
const line = (id: string, nama: string, keputusan = '', usulanId = '') => ({
  employeeId: id,
  nip: '19850101201001100' + id.slice(-1),
  nama,
  from: 'u1/j1',
  to: 'u2/j1',
  cost,
  fromGapBefore: -3,
  fromGapAfter: -1,
  toGapBefore: 4,
  toGapAfter: 2,
  shadowPrice: 1200,
  nextBest: { employeeId: 'p9', nip: '199001012015011009', nama: 'Citra', cost: 300, reason: 'Biaya lebih tinggi', reasonEn: 'Costs more' },
  forced: false,
  explanation: 'Budi pindah dari DISDIK ke DINKES: kekurangan 4 → 2.',
  explanationEn: 'Budi moves from DISDIK to DINKES.',
  fromLabel: pos('u1/j1', 'DISDIK', 'Pengadministrasi Umum'),
  toLabel: pos('u2/j1', 'DINKES', 'Pengadministrasi Umum'),
  keputusan,
  usulanId,
});
const run = { id: 'r1', dibuat: '2026-07-01T09:00:00Z', aktor: 'admin', nama: 'Rencana uji', jenis: 'RUN', indukId: '', inputHash: 'abcdef0123456789', solverVersion: 'ssp-1', weights, options, status: 'SELESAI', abkId: 'a', dataVersion: '1', millis: 42 };
const view = (lines: ReturnType<typeof line>[]) => ({
  run,
  lines,
  flows: [{ from: 'DISDIK', to: 'DINKES', count: lines.length }],
  excluded: [{ employeeId: 'p7', nip: '1', nama: 'Dewi', ruleId: 'MUT-03', positionKey: 'u2/j1', explanation: 'Masa jabatan kurang dari 2 tahun', explanationEn: '', target: pos('u2/j1', 'DINKES', 'X') }],
  stats: { employees: 1000, positions: 300, arcs: 5000, augmentations: 3, millis: 42 },
  summary: { runId: 'r1', nama: 'Rencana uji', jenis: 'RUN', indukId: '', moves: lines.length, objective: -3700, balanceBefore: 0.2063, balanceAfter: 0.1681, shareBBefore: 0.1, shareBAfter: 0.12, opds: [] },
});

beforeEach(async () => {
  vi.clearAllMocks();
  await i18n.changeLanguage('id');
  mockPlanner.settings.mockResolvedValue({ weights, options });
  mockPlanner.runs.mockResolvedValue([run]);
  mockPlanner.result.mockResolvedValue(view([line('p1', 'Budi'), line('p2', 'Ani', 'DITERIMA')]));
  mockPlanner.explain.mockResolvedValue({ line: line('p1', 'Budi'), rules: [], blocked: false });
  mockPlanner.setDecision.mockResolvedValue(true);
  mockPlanner.createDrafts.mockResolvedValue([
    { id: 'u1', nomor: 'MUT/2026/ABC-000001', pegawaiId: 'p1', nip: '', namaPegawai: 'Budi', jenis: 'T1', aps: false, status: 'DRAFT', opdAsal: 'DISDIK', opdTujuan: 'DINKES', diperbaruiPada: '', blocked: false },
  ]);
});

describe('sankeyOption', () => {
  it('keeps sources and targets apart so moves inside one OPD draw', () => {
    const o = sankeyOption(
      [
        { from: 'DISDIK', to: 'DINKES', count: 3 },
        { from: 'DINKES', to: 'DINKES', count: 1 },
      ],
      { from: 'Asal', to: 'Tujuan', moves: 'mutasi' },
    ) as { series: { data: { name: string; depth: number }[]; links: { source: string; target: string; value: number }[] }[] };
    const s = o.series[0];
    expect(s.data.map((n) => n.name).sort()).toEqual(['asal:DINKES', 'asal:DISDIK', 'tujuan:DINKES']);
    expect(s.links).toContainEqual({ source: 'asal:DINKES', target: 'tujuan:DINKES', value: 1 });
    expect(s.links.find((l) => l.source === 'asal:DISDIK')?.value).toBe(3);
  });
});

describe('PlannerPage', () => {
  it('shows the newest run: balance, moves, exclusions and the chart', async () => {
    renderWithProviders(<PlannerPage />);
    expect((await screen.findByTestId('planner-balance')).textContent).toContain('0,2063 → 0,1681');
    expect(screen.getAllByTestId('planner-line')).toHaveLength(2);
    expect(screen.getByTestId('planner-sankey')).toBeTruthy();
    expect((screen.getByTestId('planner-excluded')).textContent).toContain('MUT-03');
    expect(mockPlanner.result).toHaveBeenCalledWith('r1');
  });

  it('records a decision, and turns chosen moves into requests', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PlannerPage />);
    const rows = await screen.findAllByTestId('planner-line');
    await user.click(within(rows[0]).getByTestId('planner-reject'));
    expect(mockPlanner.setDecision).toHaveBeenCalledWith('r1', 'p1', 'DITOLAK');

    expect((screen.getByTestId('planner-create-drafts') as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByTestId('planner-select-accepted'));
    await user.click(within(rows[0]).getByTestId('planner-line-check'));
    await user.click(screen.getByTestId('planner-create-drafts'));
    await user.click(await screen.findByTestId('planner-drafts-confirm'));
    await waitFor(() => expect(mockPlanner.createDrafts).toHaveBeenCalledWith('r1', ['p1', 'p2']));
    expect((await screen.findByTestId('planner-drafts-list')).textContent).toContain('MUT/2026/ABC-000001');
  });

  it('explains a move and asks why not the next-best candidate', async () => {
    const user = userEvent.setup();
    mockPlanner.whyNot.mockResolvedValue({
      forced: { employeeId: 'p9', positionKey: 'u2/j1' },
      feasible: true,
      reason: 'Objektif naik 300 bila Citra dipaksakan.',
      reasonEn: '',
      objectiveDelta: 300,
      added: [],
      removed: [],
      target: pos('u2/j1', 'DINKES', 'X'),
      blocked: false,
      rules: [],
      dataChanged: false,
    });
    renderWithProviders(<PlannerPage />);
    const rows = await screen.findAllByTestId('planner-line');
    await user.click(within(rows[0]).getByTestId('planner-explain'));
    expect((await screen.findByTestId('planner-explanation')).textContent).toContain('kekurangan 4 → 2');
    expect((screen.getByTestId('planner-costs')).textContent).toContain('Total-1.850');
    expect(await screen.findByTestId('planner-rules-ok')).toBeTruthy();
    await user.click(screen.getByTestId('planner-whynot-nextbest'));
    expect(mockPlanner.whyNot).toHaveBeenCalledWith('r1', 'p9', 'u2/j1');
    expect((await screen.findByTestId('planner-whynot-result')).textContent).toContain('Citra dipaksakan');
  });

  it('says gaps in words (a surplus is a surplus) and shows no raw position key in a why-not', async () => {
    const user = userEvent.setup();
    mockPlanner.whyNot.mockResolvedValue({
      forced: { employeeId: 'p9', positionKey: 'u2/j1' },
      feasible: true,
      reason: 'Jika Citra dipindahkan ke Pengadministrasi Umum, posisi tujuan tetap kurang 2 orang.',
      reasonEn: '',
      objectiveDelta: 300,
      added: [line('p5', 'Eko')],
      removed: [line('p1', 'Budi')],
      target: pos('u2/j1', 'DINKES', 'X'),
      blocked: false,
      rules: [],
      dataChanged: false,
    });
    renderWithProviders(<PlannerPage />);
    const rows = await screen.findAllByTestId('planner-line');
    expect(rows[0].textContent).toContain('kurang 4 orang → kurang 2 orang');
    await user.click(within(rows[0]).getByTestId('planner-explain'));
    const gaps = (await screen.findByTestId('planner-gaps')).textContent ?? '';
    expect(gaps).toContain('lebih 3 orang → lebih 1 orang');
    expect(gaps).not.toMatch(/harga bayangan|Kekurangan|−3|-3/);
    expect(screen.getByTestId('planner-term-marginal')).toBeTruthy();
    await user.click(screen.getByTestId('planner-whynot-nextbest'));
    const res = (await screen.findByTestId('planner-whynot-result')).textContent ?? '';
    expect(res).toContain('Jika Citra dipindahkan');
    expect(res).not.toMatch(/u2\/j1|u1\/j1|Objektif|poin/);
  });

  it('runs a plan with the form values and shows a field error from saving', async () => {
    const user = userEvent.setup();
    mockPlanner.runs.mockResolvedValue([]);
    mockPlanner.start.mockResolvedValue('tok');
    mockPlanner.job.mockResolvedValue({ token: 'tok', state: 'BERJALAN', done: 1, total: 4, runId: '' });
    mockPlanner.saveSettings.mockRejectedValue(
      JSON.stringify({ kind: 'Invalid', code: 'rencana.bobot', message: 'Bobot harus bilangan bulat 0 sampai 1.000.000.', messageEn: '', fields: [{ field: 'weights.move', code: 'rencana.bobot', message: 'Bobot salah', messageEn: 'Bad' }] }),
    );
    renderWithProviders(<PlannerPage />);
    expect(await screen.findByTestId('planner-empty')).toBeTruthy();
    const move = screen.getByTestId('planner-weight-move');
    await user.clear(move);
    await user.type(move, '350');
    await user.click(screen.getByTestId('planner-run'));
    await waitFor(() => expect(mockPlanner.start).toHaveBeenCalled());
    expect(mockPlanner.start.mock.calls[0][0].weights.move).toBe(350);
    expect(await screen.findByTestId('planner-progress')).toBeTruthy();
    await user.click(screen.getByTestId('planner-cancel'));
    expect(mockPlanner.cancel).toHaveBeenCalledWith('tok');

    await user.click(screen.getByTestId('planner-save-settings'));
    expect(await screen.findByText('Bobot salah')).toBeTruthy();
  });
});

describe('ScenarioPanel', () => {
  it('compares a scenario with its parent by default', async () => {
    mockPlanner.compare.mockResolvedValue([]);
    const sc = { ...run, id: 's1', nama: 'Skenario', jenis: 'SKENARIO', indukId: 'r1' };
    renderWithProviders(<ScenarioPanel runs={[sc, run]} baseId="s1" running={false} onCreate={() => {}} />);
    await waitFor(() => expect(mockPlanner.compare).toHaveBeenCalled());
    expect(mockPlanner.compare.mock.calls[0][0]).toEqual(['r1', 's1']);
  });

});

describe('PlannerPage scenarios', () => {
  it('after a scenario is computed, compares it with its parent', async () => {
    const user = userEvent.setup();
    const sc = { ...run, id: 's1', nama: 'Skenario', jenis: 'SKENARIO', indukId: 'r1' };
    mockPlanner.compare.mockResolvedValue([]);
    mockPlanner.createScenario.mockResolvedValue('tok2');
    mockPlanner.job.mockResolvedValue({ token: 'tok2', state: 'SELESAI', done: 1, total: 1, runId: 's1' });
    renderWithProviders(<PlannerPage />);
    await user.click(await screen.findByTestId('tab-planner-skenario'));
    mockPlanner.runs.mockResolvedValue([sc, run]);
    await user.click(await screen.findByTestId('planner-scenario-create'));
    await waitFor(() => expect(mockPlanner.createScenario).toHaveBeenCalled());
    // The finished scenario opens in the result tab; then to the comparison.
    await waitFor(() => expect(mockPlanner.result).toHaveBeenCalledWith('s1'));
    await user.click(await screen.findByTestId('tab-planner-skenario'));
    await waitFor(() => expect(mockPlanner.compare.mock.calls.map((c) => c[0].join(','))).toContain('r1,s1'), { timeout: 20_000 });
  });
});
