// How a request's status and the workflow's kinds look on screen: badge
// colours, the kinds that need a reason or a warning colour, the bulk ones.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Badge colour per request status. */
export const STATUS_COLOR: Record<string, string> = {
  DRAFT: 'gray',
  DIAJUKAN: 'blue',
  DIVERIFIKASI: 'indigo',
  DISETUJUI_OPD_ASAL: 'violet',
  DISETUJUI_OPD_TUJUAN: 'violet',
  DISETUJUI_OPD: 'grape',
  DIPERTIMBANGKAN_TPK: 'cyan',
  DISETUJUI_PPK_ASAL: 'cyan',
  PERTEK_BKN: 'cyan',
  SK_DITETAPKAN: 'teal',
  DILAKSANAKAN: 'green',
  DITOLAK: 'red',
  DIBATALKAN: 'orange',
};

/** Kinds that need a written reason (the backend refuses them without one). */
export const REASON_KINDS: readonly string[] = ['KEMBALIKAN', 'TOLAK', 'BATALKAN'];
/** Kinds shown as a red/orange button. */
export const DANGER_KINDS: readonly string[] = ['TOLAK', 'BATALKAN'];
/** Kinds a bulk approval may ask for. */
export const APPROVAL_KINDS: readonly string[] = [
  'AJUKAN',
  'VERIFIKASI',
  'SETUJUI_OPD_ASAL',
  'SETUJUI_OPD_TUJUAN',
  'PERTIMBANGAN_TPK',
  'SETUJUI_PPK_ASAL',
  'LAKSANAKAN',
];

export function StatusBadge({ status, size = 'sm' }: { status: string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" size={size} tt="none" data-testid="status-badge" data-status={status}>
      {t(`mutasi.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
