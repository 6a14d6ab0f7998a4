import { useCallback, useEffect, useRef, useState } from 'react';
import { onPlannerProgress, plannerApi, type JobStatus } from '../../api/planner';

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
