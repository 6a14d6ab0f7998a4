import { useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UsulanDetail } from '../../../api/types';
import { notifyError, notifyOk } from '../../../lib/notify';
import { portalApi } from '../api';

/**
 * A request's workflow conflict (two events at one step, e.g. a withdrawal
 * from the portal racing a verification): both events, the rejected one
 * marked, and the verifier's "mark as reviewed".
 */
export function KonflikAlurPanel({ detail }: { detail: UsulanDetail }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const k = detail.konflik;
  if (!k) return null;
  const en = i18n.language.startsWith('en');
  const resolve = async () => {
    setBusy(true);
    try {
      await portalApi.selesaikanKonflikUsulan(detail.row.id);
      notifyOk(t('portal.konflik.diselesaikan'));
      await qc.invalidateQueries();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert color={k.terbuka ? 'orange' : 'gray'} icon={<IconAlertTriangle size={18} />} title={t('portal.konflik.title')} data-testid="konflik-alur">
      <Stack gap="xs">
        <Text size="sm">{k.terbuka ? t('portal.konflik.body') : t('portal.konflik.selesai')}</Text>
        {(k.ditolak ?? []).map((ev) => (
          <Group key={ev.id} gap="xs" wrap="nowrap" align="flex-start">
            <Badge color="red" variant="light" tt="none">
              {t('portal.konflik.ditolak')}
            </Badge>
            <Text size="sm">
              #{ev.seq} {ev.kind} — {ev.actorLabel}
              {ev.note ? ` — “${ev.note}”` : ''}. {en ? ev.alasanTolakEn : ev.alasanTolak}
            </Text>
          </Group>
        ))}
        {k.bisaSelesaikan && (
          <Group>
            <Button size="xs" color="orange" loading={busy} onClick={() => void resolve()} data-testid="btn-konflik-selesai">
              {t('portal.konflik.selesaikan')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
