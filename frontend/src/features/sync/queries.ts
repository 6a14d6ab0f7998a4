// The sync screens' server state: the status, pushed by the "sync:status"
// event and polled slowly as a fallback.
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { syncKeys } from '../../api/queryKeys';
import { onSyncStatus, syncApi, type SyncStatus } from './api';

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
