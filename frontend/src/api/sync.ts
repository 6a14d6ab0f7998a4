// Typed adapter of the sync facade (app_sync.go, docs/sync.md): status,
// "Sinkronkan sekarang", settings, the conflict inbox, the needs-attention
// list and offline bundles. The generated models are assigned to these
// shapes below, so a drift in the Go structs is a type error here.
import * as App from '../../wailsjs/go/main/App';
import { main, store, type client } from '../../wailsjs/go/models';
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
  /** Rows of the session's pulls this desktop refused (a value broke a column rule). */
  quarantined?: number;
  /** Indonesian sentence about them ("1 baris dari server ditolak (tidak diterapkan): …"). */
  notice?: string;
  /** The file phase after the rows: attachment files sent and received (never fails the session). */
  files?: SyncFiles;
}

export interface SyncFiles {
  sent: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
  /** Files still to send or receive; they wait for the next session. */
  waiting: number;
  /** Why some file waits, in Indonesian. */
  notice?: string;
}

export interface SyncStatus {
  configured: boolean;
  online: boolean;
  syncing: boolean;
  pending: number;
  unsent: number;
  conflicts: number;
  attention: number;
  /** Refused rows from the server kept for a person to see (ListQuarantine). */
  quarantined: number;
  /** Attachment files expected from the server, not received yet ("berkas belum diterima"). */
  filesWaiting?: number;
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
  /** Who did what on each side; absent on conflicts stored before sides existed. */
  server_side?: ConflictSide;
  incoming_side?: ConflictSide;
  survivor?: string;
  /** Duplicate NIP: the other record (other_row) as this device shows it. */
  otherCurrent?: Record<string, unknown>;
  /** The store's Indonesian sentence per side ("Dihapus oleh Dinas A pada 27-11-2026 08:00"). */
  serverBy: string;
  incomingBy: string;
  /** The side this device wrote: "server", "incoming" or "". */
  mine?: string;
}

/** One side of a conflict: the write that made it (sync/protocol ConflictSide). */
export interface ConflictSide {
  op: string;
  device?: string;
  opd?: string;
  actor?: string;
  at?: string;
}

export type ConflictStatus = 'open' | 'resolved' | 'all';

/** A selection of the inbox; empty fields match all (store.ConflictQuery). */
export interface ConflictQuery {
  status?: ConflictStatus;
  kind?: string;
  device?: string;
  table?: string;
  offset?: number;
  limit?: number;
}

export interface ConflictPage {
  items: SyncConflict[];
  total: number;
  offset: number;
  limit: number;
}

export interface DeviceFacet {
  device: string;
  label: string;
  count: number;
}

/** Open conflicts counted by kind, table and device (the inbox's filters). */
export interface ConflictFacets {
  kinds: Record<string, number>;
  tables: Record<string, number>;
  devices: DeviceFacet[];
}

export interface BulkResult {
  resolved: number;
  skipped: number;
}

/** A bulk choice by side: keep the server's, this device's, or both records (duplicate NIPs). */
export type Keep = 'server' | 'mine' | 'both';

/** A row from the server this desktop refused because a value broke a column rule. */
export interface Quarantined {
  id: number;
  tbl: string;
  rowId: string;
  seq: number;
  problem: string;
  receivedAt: string;
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
  Fits<
    Omit<SyncConflict, 'server' | 'incoming' | 'current' | 'otherCurrent' | 'server_side' | 'incoming_side'>,
    store.SyncConflict
  >,
  Fits<Omit<ConflictPage, 'items'>, store.ConflictPage>,
  Fits<ConflictFacets, store.ConflictFacets>,
  Fits<BulkResult, store.BulkResult>,
  Fits<Quarantined, store.Quarantined>,
  Fits<Omit<ConflictQuery, 'status'>, store.ConflictQuery>,
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
  /** One page of the inbox (50 by default) and how many the filter selects. */
  conflictPage: (q: ConflictQuery): Promise<ConflictPage> =>
    call(() => App.ConflictPage(store.ConflictQuery.createFrom(q))) as Promise<ConflictPage>,
  conflictFacets: (): Promise<ConflictFacets> => call(() => App.ConflictFacets()),
  /** Resolves every open conflict q selects (paging ignored) by one side; never a merge. */
  resolveMany: (q: ConflictQuery, keep: Keep): Promise<BulkResult> =>
    call(() => App.ResolveConflicts(store.ConflictQuery.createFrom(q), keep)),
  /** Duplicate NIP: keep survivor (row_id or other_row) with the values chosen field by field. */
  mergeDuplicate: (id: string, survivor: string, values: Record<string, unknown>): Promise<SyncConflict[]> =>
    call(() => App.MergeDuplicate(id, survivor, values)) as Promise<SyncConflict[]>,
  quarantine: (): Promise<Quarantined[]> => call(() => App.ListQuarantine()),
  dismissQuarantine: (id: number): Promise<Quarantined[]> => call(() => App.DismissQuarantine(id)),
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
