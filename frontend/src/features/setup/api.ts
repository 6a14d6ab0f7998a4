// The first run's own calls (bound in app.go): the demo data set and the
// Pemda record of an empty database.
import * as App from '../../../wailsjs/go/main/App';
import { domain } from '../../../wailsjs/go/models';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { call } from '../../api/errors';
import type { DemoResult, Pemda } from '../../api/types';

/** Event the facade emits while LoadDemo runs (app.go EventDemoProgress). */
export const DEMO_PROGRESS = 'demo:progress';

/** The stages of a demo load, in order (backend/kepegawaian/demoprogress.go). */
export const DEMO_STAGES = ['struktur', 'pegawai', 'abk', 'simpan', 'periksa'] as const;
export type DemoStage = (typeof DEMO_STAGES)[number];

/** One progress report: the stage running and the share of the whole load done (0–100, never going back). */
export interface DemoProgress {
  stage: DemoStage;
  percent: number;
}

/** Progress of the demo load; a no-op outside the Wails webview. Reports with an unknown stage are dropped. */
export function onDemoProgress(handler: (p: DemoProgress) => void): () => void {
  if (typeof window === 'undefined' || !(window as unknown as { runtime?: unknown }).runtime) {
    return () => {};
  }
  return EventsOn(DEMO_PROGRESS, (p: unknown) => {
    const o = (p ?? {}) as Record<string, unknown>;
    const stage = DEMO_STAGES.find((s) => s === o.stage);
    if (!stage) return;
    handler({ stage, percent: Math.min(100, Math.max(0, Math.round(Number(o.percent) || 0))) });
  });
}

export const setupApi = {
  loadDemo: (size: number, seed: number): Promise<DemoResult> => call(() => App.LoadDemo(size, seed)),
  createPemda: (p: Pemda): Promise<Pemda> => call(() => App.CreatePemda(domain.Pemda.createFrom(p))),
};
