import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { syncKeys } from '../../api/queryKeys';
import { onSyncStatus, syncApi, type SyncStatus } from '../../api/sync';


/** The sync status, kept fresh by the "sync:status" event (and a slow poll as a fallback). */
export function useSyncStatus() {
  const qc = useQueryClient();
  useEffect(
    () =>
      onSyncStatus((s: SyncStatus) => {
        qc.setQueryData(syncKeys.status, s);
        if (!s.syncing) {
          void qc.invalidateQueries({ queryKey: syncKeys.conflictsAll });
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
