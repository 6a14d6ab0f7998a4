// Typed adapter of the sync facade (app_sync.go, docs/sync.md): status,
// "Sinkronkan sekarang", settings, the conflict inbox, the needs-attention
// list and offline bundles. The generated models are assigned to these
// shapes below, so a drift in the Go structs is a type error here.
import * as App from '../../wailsjs/go/main/App';
import { main, type client, type store } from '../../wailsjs/go/models';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import { call } from './errors';

export interface SyncError {
  code: string;
  status?: number;
  message: string;
  messageEn: string;
  offline: boolean;
}

export interface SyncSummary {
  pushed: number;
  pulled: number;
  conflicts: number;
  rejected: number;
  cursor: string;
  pending: number;
  serverEpoch: string;
  requeued?: number;
}

export interface SyncStatus {
  configured: boolean;
  online: boolean;
  syncing: boolean;
  pending: number;
  unsent: number;
  conflicts: number;
  attention: number;
  lastSuccess?: string;
  dataAsOf?: string;
  nextAttempt?: string;
  error?: SyncError;
  last?: SyncSummary;
}

export interface SyncSettings {
  serverUrl: string;
  token?: string;
  tokenSet: boolean;
  intervalMinutes: number;
  retainDays: number;
  deviceId: string;
  serverDevice: string;
  enrolledOpd: string;
  tokenExpires: string;
  caFingerprint: string;
}

export interface SyncConflict {
  id: string;
  tbl: string;
  row_id: string;
  kind: string;
  columns?: string[];
  server?: Record<string, unknown>;
  incoming?: Record<string, unknown>;
  device_a?: string;
  device_b?: string;
  other_row?: string;
  status: string;
  created_at: string;
  winner?: string;
  resolution?: string;
  resolved_by?: string;
  seq: number;
  current?: Record<string, unknown>;
  pending: boolean;
  labels?: Record<string, string>;
}

export interface SyncAttention {
  changeId: string;
  tbl: string;
  rowId: string;
  op: string;
  data: Record<string, unknown>;
  status: string;
  reason: string;
  conflictId?: string;
  at: string;
}

export interface BundleResult {
  kind: string;
  changes?: number;
  path: string;
  pull?: { rows: number; removed: number; conflicts: number; dropped: number };
}

export type Resolution = 'accept' | 'merge' | 'keep-both';

// Compile-time checks that the generated models still fit these shapes.
type Fits<A, B extends A> = B;
export type _checks = [
  Fits<SyncStatus, client.Status>,
  Fits<SyncSummary, client.Summary>,
  Fits<SyncSettings, main.SyncSettingsDTO>,
  Fits<Omit<SyncConflict, 'server' | 'incoming' | 'current'>, store.SyncConflict>,
  Fits<Omit<SyncAttention, 'data'>, store.Attention>,
];

export const syncApi = {
  status: (): Promise<SyncStatus> => call(() => App.SyncStatus()),
  syncNow: (): Promise<SyncSummary> => call(() => App.SyncNow()),
  settings: (): Promise<SyncSettings> => call(() => App.SyncSettings()),
  saveSettings: (s: SyncSettings): Promise<SyncSettings> =>
    call(() => App.SaveSyncSettings(main.SyncSettingsDTO.createFrom(s))),
  conflicts: (all: boolean): Promise<SyncConflict[]> => call(() => App.ListConflicts(all)) as Promise<SyncConflict[]>,
  resolve: (id: string, resolution: Resolution, values: Record<string, unknown>): Promise<SyncConflict[]> =>
    call(() => App.ResolveConflict(id, resolution, values)) as Promise<SyncConflict[]>,
  attention: (): Promise<SyncAttention[]> => call(() => App.ListSyncAttention()) as Promise<SyncAttention[]>,
  dismissAttention: (changeId: string): Promise<SyncAttention[]> =>
    call(() => App.DismissSyncAttention(changeId)) as Promise<SyncAttention[]>,
  exportBundle: (): Promise<BundleResult> => call(() => App.ExportBundle()),
  importBundle: (): Promise<BundleResult> => call(() => App.ImportBundle()),
};

export const SYNC_STATUS = 'sync:status';

/** Go emits "sync:status" with the whole status on every change. */
export function onSyncStatus(handler: (s: SyncStatus) => void): () => void {
  if (typeof window === 'undefined' || !(window as unknown as { runtime?: unknown }).runtime) {
    return () => {};
  }
  return EventsOn(SYNC_STATUS, (s: unknown) => handler(s as SyncStatus));
}
