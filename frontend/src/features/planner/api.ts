// The rebalancing planner ("rencana mutasi") as the Go facade sends it
// (backend/planner, backend/plannersvc; bound methods in app_planner.go). The
// shapes are the generated Wails models' data (Plain, see src/api/types.ts).
import * as App from '../../../wailsjs/go/main/App';
import { planner as gp, plannersvc } from '../../../wailsjs/go/models';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { call } from '../../api/errors';
import type { Plain, UsulanRow } from '../../api/types';

export type Weights = Plain<gp.Weights>;
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

export type Pair = Plain<gp.Pair>;
export type Options = Plain<gp.Options>;
export type PlannerSettings = Plain<plannersvc.Settings>;
export type CostTerms = Plain<gp.CostTerms>;
export type Candidate = Plain<gp.Candidate>;
export type Move = Plain<gp.Move>;
export type PosLabel = Plain<plannersvc.PosLabel>;
export type Keputusan = '' | 'DITERIMA' | 'DITOLAK';
export type LineView = Plain<plannersvc.LineView>;
export type Flow = Plain<plannersvc.Flow>;
export type Stats = Plain<gp.Stats>;
export type Exclusion = Plain<plannersvc.ExclusionView>;
export type Plan = Plain<gp.Plan>;
/** jenis: RUN | SKENARIO. */
export type RunRecord = Plain<plannersvc.RunRecord>;
export type OPDEffect = Plain<plannersvc.OPDEffect>;
export type ScenarioSummary = Plain<plannersvc.ScenarioSummaryView>;
export type RunView = Plain<plannersvc.RunView>;
/** state: BERJALAN | SELESAI | GAGAL | DIBATALKAN. */
export type JobStatus = Plain<plannersvc.JobStatus>;
export type RerunResult = Plain<plannersvc.RerunResult>;
export type MoveExplanation = Plain<plannersvc.MoveExplanation>;
export type WhyNotView = Plain<plannersvc.WhyNotView>;
export type RunInput = Plain<plannersvc.RunInput>;
/** Unset weights and limits come from the parent run. */
export type ScenarioInput = Plain<plannersvc.ScenarioInput>;

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
  saveSettings: (s: PlannerSettings): Promise<PlannerSettings> => call(() => App.SavePlannerSettings(plannersvc.Settings.createFrom(s))),
  start: (input: RunInput): Promise<string> => call(() => App.StartPlan(plannersvc.RunInput.createFrom(input))),
  createScenario: (input: ScenarioInput): Promise<string> => call(() => App.CreateScenario(plannersvc.ScenarioInput.createFrom(input))),
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
