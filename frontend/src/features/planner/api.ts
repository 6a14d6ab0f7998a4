// The rebalancing planner ("rencana mutasi") as the Go facade sends it
// (backend/planner, backend/planning; bound methods in app_planner.go). The
// shapes are plain interfaces; the generated Wails models are assigned to
// them below, so a drift in the Go structs is a type error here.
import * as App from '../../../wailsjs/go/main/App';
import { planner as gp, planning } from '../../../wailsjs/go/models';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { call } from '../../api/errors';
import type { RuleResult, UsulanRow } from '../../api/mutasi';

export interface Weights {
  competence: number;
  preference: number;
  requestBonus: number;
  stagnation: number;
  relocation: number;
  move: number;
  deficit: number;
  surplus: number;
  stagnationMonths: number;
}
export const WEIGHT_KEYS = [
  'deficit',
  'surplus',
  'move',
  'competence',
  'preference',
  'requestBonus',
  'stagnation',
  'relocation',
  'stagnationMonths',
] as const satisfies readonly (keyof Weights)[];

export interface Pair {
  employeeId: string;
  positionKey: string;
}

export interface Options {
  maxMoves: number;
  minFloorPercent: number;
  lockedEmployees: string[] | null;
  lockedPositions: string[] | null;
  forced: Pair[] | null;
  forbidden: Pair[] | null;
  candidatesPerEmployee: number;
}

export interface PlannerSettings {
  weights: Weights;
  options: Options;
}

export interface CostTerms {
  competence: number;
  preference: number;
  requestBonus: number;
  stagnation: number;
  relocation: number;
  move: number;
  deficitValue: number;
  surplusValue: number;
  total: number;
}

export interface Candidate {
  employeeId: string;
  nip: string;
  nama: string;
  cost: number;
  reason: string;
  reasonEn: string;
}

export interface Move {
  employeeId: string;
  nip: string;
  nama: string;
  from: string;
  to: string;
  cost: CostTerms;
  fromGapBefore: number;
  fromGapAfter: number;
  toGapBefore: number;
  toGapAfter: number;
  shadowPrice: number;
  nextBest?: Candidate;
  forced: boolean;
  explanation: string;
  explanationEn: string;
}

export interface PosLabel {
  key: string;
  opdId: string;
  unitId: string;
  jabatanId: string;
  opdSingkatan: string;
  opdNama: string;
  unitNama: string;
  jabatanNama: string;
}

export type Keputusan = '' | 'DITERIMA' | 'DITOLAK';

export interface LineView extends Move {
  fromLabel: PosLabel;
  toLabel: PosLabel;
  keputusan: string;
  usulanId: string;
}

export interface Flow {
  from: string;
  to: string;
  count: number;
}

export interface Stats {
  employees: number;
  positions: number;
  arcs: number;
  augmentations: number;
  millis: number;
}

export interface Exclusion {
  employeeId: string;
  nip: string;
  nama: string;
  ruleId: string;
  positionKey: string;
  explanation: string;
  explanationEn: string;
  target: PosLabel;
}

export interface Plan {
  solverVersion: string;
  inputHash: string;
  objective: number;
  balanceBefore: number;
  balanceAfter: number;
}

export interface RunRecord {
  id: string;
  dibuat: string;
  aktor: string;
  nama: string;
  jenis: string; // RUN | SKENARIO
  indukId: string;
  inputHash: string;
  solverVersion: string;
  weights: Weights;
  options: Options;
  status: string;
  abkId: string;
  dataVersion: string;
  millis: number;
}

export interface OPDEffect {
  opdId: string;
  singkatan: string;
  bezettingSebelum: number;
  bezettingSesudah: number;
  euSebelum: number;
  euSesudah: number;
  gradeSebelum: string;
  gradeSesudah: string;
  masuk: number;
  keluar: number;
}

export interface ScenarioSummary {
  runId: string;
  nama: string;
  jenis: string;
  indukId: string;
  moves: number;
  objective: number;
  balanceBefore: number;
  balanceAfter: number;
  shareBBefore: number;
  shareBAfter: number;
  opds: OPDEffect[] | null;
}

export interface RunView {
  run: RunRecord;
  plan?: Plan;
  lines: LineView[] | null;
  flows: Flow[] | null;
  excluded: Exclusion[] | null;
  stats: Stats;
  summary: ScenarioSummary;
}

export interface JobStatus {
  token: string;
  state: string; // BERJALAN | SELESAI | GAGAL | DIBATALKAN
  done: number;
  total: number;
  runId: string;
  error?: { kind: string; code: string; message: string; messageEn: string } | null;
}

export interface RerunResult {
  runId: string;
  sameInput: boolean;
  identical: boolean;
  storedHash: string;
  newHash: string;
  storedMoves: number;
  newMoves: number;
  storedObjective: number;
  newObjective: number;
  message: string;
  messageEn: string;
}

export interface MoveExplanation {
  line: LineView;
  rules: RuleResult[] | null;
  blocked: boolean;
}

export interface WhyNotView {
  forced: Pair;
  feasible: boolean;
  reason: string;
  reasonEn: string;
  objectiveDelta: number;
  added: Move[] | null;
  removed: Move[] | null;
  target: PosLabel;
  blocked: boolean;
  rules: RuleResult[] | null;
  dataChanged: boolean;
}

export interface RunInput {
  nama: string;
  weights?: Weights;
  options?: Options;
}

export interface ScenarioInput {
  parentId: string;
  nama: string;
  weights?: Weights;
  maxMoves?: number;
  minFloorPercent?: number;
  forced?: Pair[];
  forbidden?: Pair[];
  lockedEmployees?: string[];
  lockedPositions?: string[];
}

// Compile-time checks: the generated models fit these shapes (a drift in the
// Go structs fails the build here).
type Fits<G, M> = G extends M ? true : false;
const _checks: [
  Fits<gp.Weights, Weights>,
  Fits<gp.Options, Options>,
  Fits<planning.LineView, LineView>,
  Fits<planning.RunRecord, RunRecord>,
  Fits<planning.ScenarioSummaryView, ScenarioSummary>,
  Fits<planning.JobStatus, JobStatus>,
  Fits<planning.RerunResult, RerunResult>,
  Fits<planning.WhyNotView, WhyNotView>,
  Fits<planning.RunView, RunView>,
] = [true, true, true, true, true, true, true, true, true];
void _checks;

export const PLANNER_PROGRESS = 'planner:progress';

/** Progress of a background plan ({token, done, total}); a no-op outside the Wails webview. */
export function onPlannerProgress(handler: (p: { token: string; done: number; total: number }) => void): () => void {
  if (typeof window === 'undefined' || !(window as unknown as { runtime?: unknown }).runtime) {
    return () => {};
  }
  return EventsOn(PLANNER_PROGRESS, (p: unknown) => {
    const o = (p ?? {}) as Record<string, unknown>;
    handler({ token: String(o.token ?? ''), done: Number(o.done) || 0, total: Number(o.total) || 0 });
  });
}

const arr = <T>(x: T[] | null | undefined): T[] => x ?? [];

export const plannerApi = {
  settings: (): Promise<PlannerSettings> => call(() => App.PlannerSettings()),
  saveSettings: (s: PlannerSettings): Promise<PlannerSettings> => call(() => App.SavePlannerSettings(planning.Settings.createFrom(s))),
  start: (input: RunInput): Promise<string> => call(() => App.StartPlan(planning.RunInput.createFrom(input))),
  createScenario: (input: ScenarioInput): Promise<string> => call(() => App.CreateScenario(planning.ScenarioInput.createFrom(input))),
  job: (token: string): Promise<JobStatus> => call(() => App.PlanJob(token)),
  cancel: (token: string): Promise<boolean> => call(() => App.CancelPlan(token)),
  result: (runId: string): Promise<RunView> => call(() => App.PlanResult(runId)),
  runs: (): Promise<RunRecord[]> => call(async () => arr(await App.ListPlanRuns())),
  rerun: (runId: string): Promise<RerunResult> => call(() => App.RerunPlan(runId)),
  explain: (runId: string, employeeId: string): Promise<MoveExplanation> => call(() => App.ExplainMove(runId, employeeId)),
  whyNot: (runId: string, employeeId: string, positionKey: string): Promise<WhyNotView> =>
    call(() => App.WhyNot(runId, employeeId, positionKey)),
  setDecision: (runId: string, employeeId: string, keputusan: Keputusan): Promise<boolean> =>
    call(() => App.SetMoveDecision(runId, employeeId, keputusan)),
  compare: (ids: string[]): Promise<ScenarioSummary[]> => call(async () => arr(await App.CompareScenarios(ids))),
  createDrafts: (runId: string, employeeIds: string[]): Promise<UsulanRow[]> =>
    call(async () => arr(await App.CreateDraftsFromPlan(runId, employeeIds))),
};
