import { useCallback, useMemo } from 'react';
import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { mk } from '../api/queryKeys';


/** Badge colour per request status. */
export const STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  diajukan: 'blue',
  diverifikasi: 'indigo',
  disetujui_opd_asal: 'violet',
  disetujui_opd_tujuan: 'violet',
  disetujui_opd: 'grape',
  dipertimbangkan_tpk: 'cyan',
  disetujui_ppk_asal: 'cyan',
  pertek_bkn: 'cyan',
  sk_ditetapkan: 'teal',
  dilaksanakan: 'green',
  ditolak: 'red',
  dibatalkan: 'orange',
};

/** Kinds that need a written reason (the backend refuses them without one). */
export const REASON_KINDS: readonly string[] = ['kembalikan', 'tolak', 'batalkan'];
/** Kinds shown as a red/orange button. */
export const DANGER_KINDS: readonly string[] = ['tolak', 'batalkan'];
/** Kinds a bulk approval may ask for. */
export const APPROVAL_KINDS: readonly string[] = [
  'ajukan',
  'verifikasi',
  'setujui_opd_asal',
  'setujui_opd_tujuan',
  'pertimbangan_tpk',
  'setujui_ppk_asal',
  'laksanakan',
];

export function StatusBadge({ status, size = 'sm' }: { status: string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" size={size} tt="none" data-testid="status-badge" data-status={status}>
      {t(`mutasi.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export const useCurrentUser = () => useQuery({ queryKey: mk.user, queryFn: api.currentUser, staleTime: Infinity });
export const useTransferRoles = () => useQuery({ queryKey: mk.roles, queryFn: api.transferRoles, staleTime: Infinity });

/** Role value → label in the UI language (from TransferRoles). */
export function useRoleLabel(): (role: string | null | undefined) => string {
  const roles = useTransferRoles();
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const m = useMemo(() => new Map((roles.data ?? []).map((o) => [o.value, en ? o.labelEn || o.label : o.label])), [roles.data, en]);
  return useCallback((r) => (r ? (m.get(r) ?? r) : ''), [m]);
}

/** The text of a backend message in the UI language. */
export function useMsg(): (id: string, en: string) => string {
  const { i18n } = useTranslation();
  const isEn = i18n.language.startsWith('en');
  return useCallback((id, en) => (isEn ? en || id : id || en), [isEn]);
}
