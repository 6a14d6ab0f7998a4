// Typed adapter of the sync facade (app_sync.go, docs/sync.md): status,
// "Sinkronkan sekarang", settings, the conflict inbox, the needs-attention
// list, offline bundles, and enrollment (app_enroll.go,
// docs/enrollment-tls.md). The shapes are the generated Wails models' data
// (Plain, see src/api/types.ts), so a field Go adds reaches the UI.
import * as App from '../../../wailsjs/go/main/App';
import { main, store, type client } from '../../../wailsjs/go/models';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { call } from '../../api/errors';
import type { Plain } from '../../api/types';

/** A failed sync as the client reports it (offline, refused, server busy). */
export type SyncError = Plain<client.Error>;
export type SyncSummary = Plain<client.Summary>;
export type SyncStatus = Plain<client.Status>;
export type SyncSettings = Plain<main.SyncSettingsDTO>;

/**
 * One side of a conflict: the write that made it (sync/protocol ConflictSide).
 * Written here because the generator types the DTO's server_side and
 * incoming_side as `any` (their Go type lives in a package no bound method
 * returns), so this is the one place they are narrowed.
 */
export interface ConflictSide {
  op: string;
  device?: string;
  opd?: string;
  actor?: string;
  at?: string;
}

export type SyncConflict = Omit<Plain<store.SyncConflict>, 'server_side' | 'incoming_side'> & {
  /** Who did what on each side; absent on conflicts stored before sides existed. */
  server_side?: ConflictSide;
  incoming_side?: ConflictSide;
};

export type ConflictStatus = 'open' | 'resolved' | 'all';

/** A selection of the inbox; empty fields match all. */
export type ConflictQuery = Omit<Plain<store.ConflictQuery>, 'status'> & { status?: ConflictStatus };
export type ConflictPage = Omit<Plain<store.ConflictPage>, 'items'> & { items: SyncConflict[] };
export type DeviceFacet = Plain<store.DeviceFacet>;
/** Open conflicts counted by kind, table and device (the inbox's filters). */
export type ConflictFacets = Omit<Plain<store.ConflictFacets>, 'devices'> & { devices: DeviceFacet[] };
export type BulkResult = Plain<store.BulkResult>;

/** A bulk choice by side: keep the server's, this device's, or both records (duplicate NIPs). */
export type Keep = 'server' | 'mine' | 'both';

/** A row from the server this desktop refused because a value broke a column rule. */
export type Quarantined = Plain<store.Quarantined>;
export type SyncAttention = Plain<store.Attention>;
export type BundleResult = Plain<client.BundleResult>;

export type Resolution = 'accept' | 'merge' | 'keep-both';

/** A one-time enrollment code for another device (a BKPSDM admin on a BKPSDM device). */
export type EnrollCode = Plain<main.EnrollCodeDTO>;

const arr = <T>(x: T[] | null | undefined): T[] => x ?? [];
const conflicts = (x: store.SyncConflict[] | null | undefined): SyncConflict[] => arr(x) as SyncConflict[];

export const syncApi = {
  status: (): Promise<SyncStatus> => call(() => App.SyncStatus()),
  syncNow: (): Promise<SyncSummary> => call(() => App.SyncNow()),
  settings: (): Promise<SyncSettings> => call(() => App.SyncSettings()),
  saveSettings: (s: SyncSettings): Promise<SyncSettings> =>
    call(() => App.SaveSyncSettings(main.SyncSettingsDTO.createFrom(s))),
  conflicts: (all: boolean): Promise<SyncConflict[]> => call(async () => conflicts(await App.ListConflicts(all))),
  resolve: (id: string, resolution: Resolution, values: Record<string, unknown>): Promise<SyncConflict[]> =>
    call(async () => conflicts(await App.ResolveConflict(id, resolution, values))),
  /** One page of the inbox (50 by default) and how many the filter selects. */
  conflictPage: (q: ConflictQuery): Promise<ConflictPage> =>
    call(async () => {
      const p = await App.ConflictPage(store.ConflictQuery.createFrom(q));
      return { ...p, items: conflicts(p.items) };
    }),
  conflictFacets: (): Promise<ConflictFacets> =>
    call(async () => {
      const f = await App.ConflictFacets();
      return { ...f, devices: arr(f.devices) };
    }),
  /** Resolves every open conflict q selects (paging ignored) by one side; never a merge. */
  resolveMany: (q: ConflictQuery, keep: Keep): Promise<BulkResult> =>
    call(() => App.ResolveConflicts(store.ConflictQuery.createFrom(q), keep)),
  /** Duplicate NIP: keep survivor (row_id or other_row) with the values chosen field by field. */
  mergeDuplicate: (id: string, survivor: string, values: Record<string, unknown>): Promise<SyncConflict[]> =>
    call(async () => conflicts(await App.MergeDuplicate(id, survivor, values))),
  quarantine: (): Promise<Quarantined[]> => call(async () => arr(await App.ListQuarantine())),
  dismissQuarantine: (id: number): Promise<Quarantined[]> => call(async () => arr(await App.DismissQuarantine(id))),
  attention: (): Promise<SyncAttention[]> => call(async () => arr(await App.ListSyncAttention())),
  dismissAttention: (changeId: string): Promise<SyncAttention[]> => call(async () => arr(await App.DismissSyncAttention(changeId))),
  exportBundle: (): Promise<BundleResult> => call(() => App.ExportBundle()),
  importBundle: (): Promise<BundleResult> => call(() => App.ImportBundle()),
};

export const enrollApi = {
  /** serverUrl may stay "https://" when code is a whole enrollment string (imbang1:…). */
  enroll: (serverUrl: string, code: string): Promise<void> => call(() => App.EnrollServer(serverUrl, code)),
  /** The first-run wizard's enrollment, before the first account exists (no session needed). */
  enrollFirst: (serverUrl: string, code: string): Promise<void> => call(() => App.EnrollFirst(serverUrl, code)),
  createCode: (opdKode: string, bkpsdm: boolean, ttlHours: number): Promise<EnrollCode> =>
    call(() => App.CreateEnrollCode(opdKode, bkpsdm, ttlHours)),
  rotate: (): Promise<SyncSettings> => call(() => App.RotateSyncCredential()),
};

export const SYNC_STATUS = 'sync:status';

/** Go emits "sync:status" with the whole status on every change. */
export function onSyncStatus(handler: (s: SyncStatus) => void): () => void {
  if (typeof window === 'undefined' || !(window as unknown as { runtime?: unknown }).runtime) {
    return () => {};
  }
  return EventsOn(SYNC_STATUS, (s: unknown) => handler(s as SyncStatus));
}
