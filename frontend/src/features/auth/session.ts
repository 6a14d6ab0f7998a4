// The session as the UI sees it: one query (AuthSession), refreshed every 30 s
// so a lock made by the backend (idle past the limit) shows at once, and
// after every login, lock, unlock and logout. useCan hides what the role may
// not do; the backend refuses it whatever the UI shows.
import { useEffect } from 'react';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi, type Perm, type Session } from './api';
import { toAppError } from '../../api';
import { authKeys, survivesUserChange } from '../../api/queryKeys';


export const sessionQuery = queryOptions({ queryKey: authKeys.session, queryFn: authApi.session, refetchInterval: 30_000, staleTime: 10_000 });
export const useSession = () => useQuery(sessionQuery);

/** Whether the logged-in user's role has the permission. */
export function useCan(perm: Perm): boolean {
  const s = useSession();
  return !!s.data?.perms?.includes(perm);
}

export function can(s: Session | undefined, perm: Perm): boolean {
  return !!s?.perms?.includes(perm);
}

/** After a session change every cached answer may belong to another user: drop them all. */
export async function sessionChanged(qc: ReturnType<typeof useQueryClient>): Promise<void> {
  qc.removeQueries({ predicate: (q) => !survivesUserChange(q.queryKey) });
  await qc.invalidateQueries();
}

/** Refetches the session when any call is refused for a session reason (locked, logged out). */
export function useSessionErrorWatch(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const check = (err: unknown) => {
      const code = toAppError(err).code;
      if (code === 'auth.locked' || code === 'auth.login_required' || code === 'auth.must_change') {
        void qc.invalidateQueries({ queryKey: authKeys.session });
      }
    };
    const unQ = qc.getQueryCache().subscribe((ev) => {
      if (ev.type === 'updated' && ev.action.type === 'error') check(ev.action.error);
    });
    const unM = qc.getMutationCache().subscribe((ev) => {
      if (ev.type === 'updated' && ev.action.type === 'error') check(ev.action.error);
    });
    return () => {
      unQ();
      unM();
    };
  }, [qc]);
}

/** Locks the session after idleMinutes without keyboard or pointer input. */
export function useIdleLock(idleMinutes: number, active: boolean, onLock: () => void): void {
  useEffect(() => {
    if (!active || idleMinutes <= 0) return;
    let timer = window.setTimeout(onLock, idleMinutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onLock, idleMinutes * 60_000);
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, reset, { passive: true }));
    return () => {
      window.clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, reset));
    };
  }, [idleMinutes, active, onLock]);
}
