import { updateKeys } from '../../api/queryKeys';
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Progress, Text } from '@mantine/core';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toAppError } from '../../api';
import { onUpdateStatus, updateApi, type UpdateStatus } from './api';

const KEY = updateKeys.status;

/** The updater's status, kept fresh by the "update:status" event (and a slow poll). */
export function useUpdateStatus() {
  const qc = useQueryClient();
  useEffect(() => onUpdateStatus((s: UpdateStatus) => qc.setQueryData(KEY, s)), [qc]);
  return useQuery({ queryKey: KEY, queryFn: updateApi.status, refetchInterval: 5 * 60_000 });
}

/**
 * A quiet line above the page: a download in progress, a refused update (with
 * the reason), or "Perbarui sekarang / nanti" once a verified version is ready.
 * The download itself runs in the background and never blocks the screen.
 */
export function UpdateBanner() {
  const { t, i18n } = useTranslation();
  const q = useUpdateStatus();
  const [later, setLater] = useState<string | null>(null);
  const now = useMutation({ mutationFn: updateApi.now });
  const s = q.data;
  if (!s) return null;
  const msg = (s.message && (i18n.language === 'en' ? s.messageEn || s.message : s.message)) || '';
  if (s.state === 'downloading' && s.size > 0) {
    const pct = Math.min(100, Math.round((100 * s.downloaded) / s.size));
    return (
      <Group gap="xs" mb="xs" data-testid="update-downloading" wrap="nowrap">
        <IconDownload size={16} />
        <Text size="xs" c="dimmed">
          {t('update.downloading', { version: s.version, pct })}
        </Text>
        <Progress value={pct} w={160} size="sm" />
      </Group>
    );
  }
  if (s.state === 'refused') {
    return (
      <Alert color="red" mb="xs" title={t('update.refusedTitle')} data-testid="update-refused">
        {msg}
      </Alert>
    );
  }
  if (s.state === 'ready' && s.version && later !== s.version) {
    return (
      <Alert color="blue" mb="xs" icon={<IconRefresh size={18} />} title={t('update.readyTitle', { version: s.version })} data-testid="update-ready">
        <Text size="sm" mb="xs">
          {t('update.readyBody', { running: s.running, version: s.version })}
        </Text>
        {s.notes && (
          <Text size="xs" c="dimmed" mb="xs">
            {s.notes}
          </Text>
        )}
        {now.isError && (
          <Text size="sm" c="red" mb="xs">
            {toAppError(now.error).text(i18n.language)}
          </Text>
        )}
        <Group gap="xs">
          <Button size="xs" onClick={() => now.mutate()} loading={now.isPending} data-testid="update-now">
            {t('update.now')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setLater(s.version ?? null)} data-testid="update-later">
            {t('update.later')}
          </Button>
        </Group>
      </Alert>
    );
  }
  return null;
}
