import { useCallback, useEffect, useMemo } from 'react';
import { QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Option, type Reference } from '../api';
import { onDataChanged } from '../api/events';
import { mk, qk } from '../api/queryKeys';


export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Local backend: no network to retry against; errors are AppErrors with a message.
        retry: false,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
}

/** The installation's status: the first read of every start (main.tsx starts it before the first render). */
export const statusQuery = queryOptions({ queryKey: qk.status, queryFn: api.status });
export const useStatus = () => useQuery(statusQuery);
export const useReference = () => useQuery({ queryKey: qk.reference, queryFn: api.reference, staleTime: Infinity });
export const useOPDs = () => useQuery({ queryKey: qk.opdList, queryFn: api.listOPD });
export const useJabatan = () => useQuery({ queryKey: qk.jabatan, queryFn: api.listJabatan });
/** The signed-in user and the workflow's roles: every area asks who may act. */
export const useCurrentUser = () => useQuery({ queryKey: mk.user, queryFn: api.currentUser, staleTime: Infinity });
export const useTransferRoles = () => useQuery({ queryKey: mk.roles, queryFn: api.transferRoles, staleTime: Infinity });

export const useOPDTree = (opdId: string | null | undefined) =>
  useQuery({ queryKey: qk.opdTree(opdId ?? ''), queryFn: () => api.opdTree(opdId ?? ''), enabled: !!opdId });

/**
 * Invalidates every cached read when Go reports a write. Any write can move a
 * headcount shown on another screen, so the whole cache is marked stale; only
 * the queries on screen refetch.
 */
export function useInvalidateOnDataChanged(): void {
  const qc = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onDataChanged(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void qc.invalidateQueries(), 100);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [qc]);
}

/** Labels of one Reference list in the UI language. */
export function useRefOptions(kind: keyof Reference): { value: string; label: string }[] {
  const { data } = useReference();
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const list = data?.[kind];
  return useMemo(
    () => (list ?? []).map((o: Option) => ({ value: o.value, label: en ? o.labelEn || o.label : o.label })),
    [list, en],
  );
}

/** value → label for one Reference list; unknown values are shown as they are. */
export function useRefLabel(kind: keyof Reference): (value: string | number | null | undefined) => string {
  const opts = useRefOptions(kind);
  const m = useMemo(() => new Map(opts.map((o) => [o.value, o.label])), [opts]);
  return useCallback(
    (v) => {
      if (v === null || v === undefined || v === '' || v === 0) return '';
      return m.get(String(v)) ?? String(v);
    },
    [m],
  );
}

/** Role value → label in the UI language (from TransferRoles). */
export function useRoleLabel(): (role: string | null | undefined) => string {
  const roles = useTransferRoles();
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const m = useMemo(() => new Map((roles.data ?? []).map((o) => [o.value, en ? o.labelEn || o.label : o.label])), [roles.data, en]);
  return useCallback((r) => (r ? (m.get(r) ?? r) : ''), [m]);
}

/** The grade boundaries of the ABK settings (A, B, C, D lower bounds), for figures shown beside a grade. */
export function useGradeBounds(): number[] {
  const s = useQuery({ queryKey: qk.abkSettings, queryFn: api.abkSettings, staleTime: 60_000 });
  const b = s.data?.bands;
  return useMemo(() => (b ? [b.a, b.b, b.c, b.d] : DEFAULT_GRADE_BOUNDS), [b]);
}

/** backend/abk's default bands, used until the settings are read. */
export const DEFAULT_GRADE_BOUNDS = [1.0, 0.9, 0.7, 0.5];
