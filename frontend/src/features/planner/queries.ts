// The planner's server state: one hook per read (keys from api/queryKeys),
// the cache update after a write, and the background job's progress.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { plannerKeys } from '../../api/queryKeys';
import { onPlannerProgress, plannerApi, type JobStatus, type PlannerSettings } from './api';

export const usePlannerSettings = () => useQuery({ queryKey: plannerKeys.settings, queryFn: plannerApi.settings });
export const usePlanRuns = () => useQuery({ queryKey: plannerKeys.runs, queryFn: plannerApi.runs });
export const usePlanResult = (runId: string) => useQuery({ queryKey: plannerKeys.result(runId), queryFn: () => plannerApi.result(runId) });
export const usePlanCompare = (runIds: string[]) =>
  useQuery({ queryKey: plannerKeys.compare(runIds), queryFn: () => plannerApi.compare(runIds), enabled: runIds.length > 0 });
/** Why one employee moves the way the plan says (nothing while no line is open). */
export const useMoveExplanation = (runId: string, employeeId: string | undefined) =>
  useQuery({ queryKey: plannerKeys.explain(runId, employeeId ?? ''), queryFn: () => plannerApi.explain(runId, employeeId!), enabled: !!employeeId });
/** Employees to ask "why not this one?" about: searched from three letters on. */
export const useWhyNotSearch = (search: string) =>
  useQuery({
    queryKey: plannerKeys.whyNotSearch(search),
    queryFn: () =>
      api.listPegawai({ search, opdId: '', golongan: '', jenisJabatan: '', status: '', unitId: '', jabatanId: '', sort: 'nama', desc: false, offset: 0, limit: 20, termasukKeluar: false }),
    enabled: search.trim().length >= 3,
  });

/** Marks every planner read stale (a run, a decision or a rerun changed them). */
export function useInvalidatePlanner(): () => Promise<void> {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: plannerKeys.all }), [qc]);
}

/** Puts saved settings in the cache so the form shows them without a refetch. */
export function useSetPlannerSettings(): (s: PlannerSettings) => void {
  const qc = useQueryClient();
  return useCallback((s) => qc.setQueryData(plannerKeys.settings, s), [qc]);
}

/**
 * One background plan at a time: start it with a function that returns the
 * job token; the state is polled (and pushed by "planner:progress" events in
 * the desktop) until the job ends, then onEnd is called once.
 */
export function usePlanJob(onEnd: (st: JobStatus) => void) {
  const [job, setJob] = useState<JobStatus | null>(null);
  const token = useRef<string | null>(null);
  const endRef = useRef(onEnd);
  useEffect(() => {
    endRef.current = onEnd;
  }, [onEnd]);

  useEffect(
    () =>
      onPlannerProgress((p) => {
        if (p.token === token.current) setJob((j) => (j && j.state === 'BERJALAN' ? { ...j, done: p.done, total: p.total } : j));
      }),
    [],
  );

  useEffect(() => {
    if (!job || job.state !== 'BERJALAN') return;
    let stop = false;
    const timer = setInterval(() => {
      void plannerApi
        .job(job.token)
        .then((st) => {
          if (stop || token.current !== st.token) return;
          if (st.state === 'BERJALAN') {
            setJob((j) => (j && (j.done !== st.done || j.total !== st.total) ? { ...j, done: st.done, total: st.total } : j));
            return;
          }
          stop = true;
          token.current = null;
          setJob(st);
          endRef.current(st);
        })
        .catch(() => {});
    }, 250);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [job?.token, job?.state]); // eslint-disable-line react-hooks/exhaustive-deps

  const start = useCallback(async (begin: () => Promise<string>) => {
    const tok = await begin();
    token.current = tok;
    setJob({ token: tok, state: 'BERJALAN', done: 0, total: 0, runId: '' });
  }, []);

  const cancel = useCallback(async () => {
    if (token.current) await plannerApi.cancel(token.current);
  }, []);

  return { job, running: job?.state === 'BERJALAN', start, cancel };
}
