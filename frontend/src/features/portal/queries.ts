// The portal feature's server state: one hook per read. Every write emits
// data:changed, which marks the whole cache stale (lib/queries).
import { useQuery } from '@tanstack/react-query';
import { portalKeys } from '../../api/queryKeys';
import { portalApi, type LaporanQuery } from './api';

export const useLaporanPortal = (q: LaporanQuery) => useQuery({ queryKey: portalKeys.laporan(q.opdId, q.status), queryFn: () => portalApi.laporan(q) });
/** The sidebar badge; off for roles without the portal permission. */
export const useJumlahLaporanBaru = (enabled: boolean) =>
  useQuery({ queryKey: portalKeys.jumlah, queryFn: portalApi.jumlahBaru, enabled, refetchInterval: 60_000 });
export const usePortalUrl = () => useQuery({ queryKey: portalKeys.url, queryFn: portalApi.portalUrl });
