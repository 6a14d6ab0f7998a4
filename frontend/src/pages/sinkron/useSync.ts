import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { onSyncStatus, syncApi, type ConflictQuery, type SyncStatus } from '../../api/sync';

export const syncKeys = {
  status: ['sync', 'status'] as const,
  settings: ['sync', 'settings'] as const,
  conflicts: (q: ConflictQuery) => ['sync', 'conflicts', q] as const,
  facets: ['sync', 'conflicts', 'facets'] as const,
  attention: ['sync', 'attention'] as const,
  quarantine: ['sync', 'quarantine'] as const,
};

/** The sync status, kept fresh by the "sync:status" event (and a slow poll as a fallback). */
export function useSyncStatus() {
  const qc = useQueryClient();
  useEffect(
    () =>
      onSyncStatus((s: SyncStatus) => {
        qc.setQueryData(syncKeys.status, s);
        if (!s.syncing) {
          void qc.invalidateQueries({ queryKey: ['sync', 'conflicts'] });
          void qc.invalidateQueries({ queryKey: syncKeys.attention });
          void qc.invalidateQueries({ queryKey: syncKeys.quarantine });
        }
      }),
    [qc],
  );
  return useQuery({ queryKey: syncKeys.status, queryFn: syncApi.status, refetchInterval: 60_000 });
}

/** A timestamp (RFC 3339) as local date and time in the UI language. */
export function whenText(s: string | undefined, lang: string): string {
  if (!s) return '—';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A column value for display: empty values as a dash. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
