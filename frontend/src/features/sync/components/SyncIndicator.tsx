import { Badge, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconCloudCheck, IconCloudOff, IconPlugConnectedX, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../api';
import { navigate } from '../../../lib/nav';
import { useSyncStatus } from '../queries';
import { whenText } from './conflictText';

/** What the indicator shows: one state out of the status. "busy" (the server is there but overloaded or slow) is not "offline". */
export function indicatorState(s: SyncStatus | undefined): 'syncing' | 'notSetUp' | 'offline' | 'busy' | 'error' | 'online' {
  if (!s) return 'notSetUp';
  if (s.syncing) return 'syncing';
  if (!s.configured) return 'notSetUp';
  if (s.error?.offline) return 'offline';
  if (s.error?.code === 'busy') return 'busy';
  if (s.error) return 'error';
  return s.online || s.lastSuccess ? 'online' : 'offline';
}

const COLORS = { syncing: 'blue', notSetUp: 'gray', offline: 'gray', busy: 'yellow', error: 'red', online: 'teal' } as const;

/** Header indicator: online/offline, pending changes, last success, "data per tanggal …", errors in plain words. */
export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const { data: s } = useSyncStatus();
  const state = indicatorState(s);
  const Icon =
    state === 'online'
      ? IconCloudCheck
      : state === 'error'
        ? IconAlertTriangle
        : state === 'busy'
          ? IconClock
          : state === 'offline'
            ? IconCloudOff
            : IconPlugConnectedX;
  const lang = i18n.language;
  const quarantined = s?.quarantined ?? 0;
  const tip = (
    <Stack gap={2} maw={340}>
      {s?.error && <Text size="xs">{lang === 'en' ? s.error.messageEn : s.error.message}</Text>}
      <Text size="xs">{t('sinkron.indicator.pending', { count: s?.pending ?? 0, n: s?.pending ?? 0 })}</Text>
      {(s?.conflicts ?? 0) > 0 && <Text size="xs">{t('sinkron.indicator.conflicts', { count: s?.conflicts, n: s?.conflicts })}</Text>}
      {quarantined > 0 && <Text size="xs">{t('sinkron.quarantine.notice', { count: quarantined, n: quarantined })}</Text>}
      <Text size="xs">
        {s?.lastSuccess ? t('sinkron.indicator.lastSuccess', { when: whenText(s.lastSuccess, lang) }) : t('sinkron.indicator.never')}
      </Text>
    </Stack>
  );
  return (
    <Tooltip label={tip} withArrow multiline>
      <Group
        gap={6}
        wrap="nowrap"
        style={{ cursor: 'pointer' }}
        role="button"
        tabIndex={0}
        aria-label={`${t(`sinkron.indicator.${state}`)}. ${t('sinkron.indicator.open')}`}
        onClick={() => navigate('sinkron')}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            navigate('sinkron');
          }
        }}
        data-testid="sync-indicator"
        data-state={state}
      >
        <Badge
          variant="light"
          color={COLORS[state]}
          tt="none"
          leftSection={state === 'syncing' ? <Loader size={10} /> : <Icon size={14} />}
          data-testid="sync-state"
        >
          {t(`sinkron.indicator.${state}`)}
          {(s?.conflicts ?? 0) > 0 ? ` · ${t('sinkron.indicator.conflicts', { count: s?.conflicts, n: s?.conflicts })}` : ''}
        </Badge>
        {quarantined > 0 && (
          <Badge
            variant="light"
            color="orange"
            tt="none"
            leftSection={<IconShieldX size={14} />}
            title={t('sinkron.indicator.quarantined', { count: quarantined, n: quarantined })}
            aria-label={t('sinkron.indicator.quarantined', { count: quarantined, n: quarantined })}
            style={{ flexShrink: 0 }}
            data-testid="sync-quarantine-badge"
          >
            {quarantined}
          </Badge>
        )}
        {s?.dataAsOf && (
          <Text size="xs" c="dimmed" data-testid="sync-data-as-of" visibleFrom="lg">
            {t('sinkron.indicator.dataAsOf', { when: whenText(s.dataAsOf, lang) })}
          </Text>
        )}
      </Group>
    </Tooltip>
  );
}
