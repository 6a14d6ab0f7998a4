import { useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconFileExport, IconFileImport, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { syncApi, type SyncAttention, type SyncSettings } from '../api';
import { errorTitleKey, toAppError, type AppError } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { splitSubmitError } from '../../../lib/formErrors';
import { useFormat } from '../../../lib/format';
import { notifyError, notifyOk } from '../../../lib/notify';
import { useCan } from '../../auth';
import { syncKeys } from '../../../api/queryKeys';
import { useSyncStatus } from '../queries';
import { ConflictInbox } from './ConflictInbox';
import { tableLabel, valueText, whenText } from './conflictText';
import { EnrollCard } from './EnrollCard';
import { dataAsOfText, syncSentence } from './syncSentence';
import { DeviceVersions } from '../../update';
import { QuarantineCard, QuarantineNotice } from './QuarantineCard';

/** Sinkronisasi: status and "Sinkronkan sekarang", refused rows from the server, the conflict inbox, rejected edits, settings, offline bundles. */
export function SinkronPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="sinkron-page" style={{ minWidth: 0, maxWidth: '100%' }}>
      <PageHeader title={t('sinkron.title')} subtitle={t('sinkron.subtitle')} />
      <Stack gap="md">
        <StatusCard />
        <QuarantineCard />
        <ConflictInbox />
        <AttentionList />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <EnrollCard />
          <SettingsCard />
          <BundleCard />
        </SimpleGrid>
        <DeviceVersions />
      </Stack>
    </div>
  );
}

function useRefreshSync() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: syncKeys.all });
}

function StatusCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const fmt = useFormat();
  const { data: s, error } = useSyncStatus();
  const refresh = useRefreshSync();
  const run = useMutation({
    mutationFn: syncApi.syncNow,
    onSuccess: (r) => notifyOk(t('sinkron.status.done', { pushed: fmt.num(r.pushed), pulled: fmt.num(r.pulled) }), 'sync-done'),
    onError: (e) => notifyError(e),
    onSettled: refresh,
  });
  if (error) return <QueryError error={error} />;
  const when = (iso: string) => whenText(iso, lang);
  const rows: [string, string, string][] = [
    [t('sinkron.status.pending'), fmt.num(s?.pending ?? 0), 'sync-pending'],
    [t('sinkron.status.unsent'), fmt.num(s?.unsent ?? 0), 'sync-unsent'],
    [t('sinkron.status.files'), fmt.num(s?.filesWaiting ?? 0), 'sync-files'],
    [t('sinkron.status.conflicts'), fmt.num(s?.conflicts ?? 0), 'sync-conflicts'],
    [t('sinkron.status.attention'), fmt.num(s?.attention ?? 0), 'sync-attention'],
    [t('sinkron.status.quarantined'), fmt.num(s?.quarantined ?? 0), 'sync-quarantined'],
    [t('sinkron.status.lastSuccess'), s?.lastSuccess ? when(s.lastSuccess) : t('sinkron.indicator.never'), 'sync-last-success'],
    [t('sinkron.status.dataAsOf'), dataAsOfText(s, t, when), 'sync-as-of'],
  ];
  const sentence = s ? syncSentence(s, t, fmt.num, when) : null;
  if (s?.nextAttempt) rows.push([t('sinkron.status.nextAttempt'), whenText(s.nextAttempt, lang), 'sync-next']);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('sinkron.status.heading')}</Title>
        <Button
          leftSection={<IconRefresh size={16} />}
          loading={run.isPending || s?.syncing}
          disabled={!s?.configured}
          onClick={() => run.mutate()}
          data-testid="sync-now"
        >
          {t('sinkron.syncNow')}
        </Button>
      </Group>
      {sentence && (
        <Alert color={sentence.tone} mb="sm" data-testid="sync-sentence" data-tone={sentence.tone}>
          <Text fw={500}>{sentence.text}</Text>
        </Alert>
      )}
      {s?.error && (
        <Alert
          color={s.error.offline ? 'gray' : s.error.code === 'busy' ? 'yellow' : 'red'}
          icon={<IconAlertTriangle size={18} />}
          mb="sm"
          data-testid="sync-error"
          data-code={s.error.code}
        >
          {lang === 'en' ? s.error.messageEn : s.error.message}
        </Alert>
      )}
      <QuarantineNotice s={s} />
      {!s?.configured && (
        <Text size="sm" c="dimmed" mb="sm" data-testid="sync-not-set-up">
          {t('sinkron.settings.tokenHintUnset')}
        </Text>
      )}
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([k, v, id]) => (
            <Table.Tr key={id}>
              <Table.Td c="dimmed" w="50%">
                {k}
              </Table.Td>
              <Table.Td data-testid={id}>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {s?.last && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('sinkron.status.lastResult', {
            pushed: fmt.num(s.last.pushed),
            pulled: fmt.num(s.last.pulled),
            conflicts: fmt.num(s.last.conflicts),
            rejected: fmt.num(s.last.rejected),
          })}
        </Text>
      )}
    </Card>
  );
}

function attentionReason(t: (k: string, o?: Record<string, unknown>) => string, a: SyncAttention): string {
  const k = `sinkron.attention.reason.${a.reason || a.status}`;
  const v = t(k);
  return v === k ? t('sinkron.attention.reason.other', { reason: a.reason || a.status }) : v;
}

function AttentionList() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: syncKeys.attention, queryFn: syncApi.attention });
  const dismiss = useMutation({
    mutationFn: syncApi.dismissAttention,
    onSuccess: (list) => qc.setQueryData(syncKeys.attention, list),
    onError: (e) => notifyError(e),
  });
  if (!q.data || q.data.length === 0) return null;
  return (
    <Card withBorder data-testid="attention-list">
      <Title order={4} mb="sm">
        {t('sinkron.attention.heading')}
      </Title>
      <Stack gap="xs">
        {q.data.map((a) => (
          <Group key={a.changeId} justify="space-between" wrap="nowrap" data-testid="attention-item">
            <div>
              <Text size="sm" fw={600}>
                {tableLabel(t, a.tbl)}: {valueText(a.data?.nama ?? a.data?.nip ?? a.rowId)} · {whenText(a.at, i18n.language)}
              </Text>
              <Text size="sm" c="dimmed">
                {attentionReason(t, a)}
              </Text>
            </div>
            <Button size="xs" variant="subtle" onClick={() => dismiss.mutate(a.changeId)}>
              {t('sinkron.attention.dismiss')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function SettingsCard() {
  const q = useQuery({ queryKey: syncKeys.settings, queryFn: syncApi.settings });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return null;
  return <SettingsForm initial={q.data} />;
}

function SettingsForm({ initial }: { initial: SyncSettings }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState<SyncSettings>({ ...initial, token: '' });
  const save = useMutation({
    mutationFn: syncApi.saveSettings,
    onSuccess: (s) => {
      qc.setQueryData(syncKeys.settings, s);
      setForm({ ...s, token: '' });
      notifyOk(t('sinkron.settings.saved'), 'sync-settings-saved');
      void qc.invalidateQueries({ queryKey: syncKeys.status });
    },
  });
  const split = save.error ? splitSubmitError(save.error, ['serverUrl', 'intervalMinutes', 'retainDays'], i18n.language) : null;
  const errs = split?.fields ?? {};
  return (
    <Card withBorder data-testid="sync-settings">
      <Title order={4} mb="sm">
        {t('sinkron.settings.heading')}
      </Title>
      <Stack gap="sm">
        <TextInput
          label={t('sinkron.settings.serverUrl')}
          description={t('sinkron.settings.serverUrlHint')}
          value={form.serverUrl}
          onChange={(e) => setForm({ ...form, serverUrl: e.currentTarget.value })}
          error={errs.serverUrl}
          data-testid="sync-server-url"
        />
        <PasswordInput
          label={t('sinkron.settings.token')}
          description={form.tokenSet ? t('sinkron.settings.tokenHintSet') : t('sinkron.settings.tokenHintUnset')}
          value={form.token ?? ''}
          onChange={(e) => setForm({ ...form, token: e.currentTarget.value })}
          data-testid="sync-token"
        />
        <NumberInput
          label={t('sinkron.settings.interval')}
          description={t('sinkron.settings.intervalHint')}
          value={form.intervalMinutes}
          min={0}
          max={1440}
          onChange={(v) => setForm({ ...form, intervalMinutes: Number(v) || 0 })}
          error={errs.intervalMinutes}
        />
        <NumberInput
          label={t('sinkron.settings.retain')}
          description={t('sinkron.settings.retainHint')}
          value={form.retainDays}
          min={1}
          max={3650}
          onChange={(v) => setForm({ ...form, retainDays: Number(v) || 0 })}
          error={errs.retainDays}
        />
        <Text size="xs" c="dimmed">
          {t('sinkron.settings.deviceId')}: {form.deviceId}
        </Text>
        {split?.general && (
          <Alert color="red" data-testid="sync-settings-error">
            {split.general}
          </Alert>
        )}
        <Group>
          <Button onClick={() => save.mutate(form)} loading={save.isPending} data-testid="sync-settings-save">
            {t('sinkron.settings.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Offline bundles (USB stick): only for roles holding `bundel`; a refused bundle says why under its own title. */
function BundleCard() {
  const { t, i18n } = useTranslation();
  const canBundle = useCan('BUNDEL');
  const refresh = useRefreshSync();
  const [failed, setFailed] = useState<AppError | null>(null);
  const exp = useMutation({
    mutationFn: syncApi.exportBundle,
    onMutate: () => setFailed(null),
    onSuccess: (r) => r.path && notifyOk(t('sinkron.bundle.exported', { n: r.changes ?? 0, path: r.path }), 'bundle-exported'),
    onError: (e) => setFailed(toAppError(e)),
  });
  const imp = useMutation({
    mutationFn: syncApi.importBundle,
    onMutate: () => setFailed(null),
    onSuccess: (r) => r.path && notifyOk(t('sinkron.bundle.imported', { rows: r.pull?.rows ?? 0 }), 'bundle-imported'),
    onError: (e) => setFailed(toAppError(e)),
    onSettled: refresh,
  });
  if (!canBundle) return null;
  return (
    <Card withBorder data-testid="sync-bundle">
      <Title order={4} mb="sm">
        {t('sinkron.bundle.heading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('sinkron.bundle.text')}
      </Text>
      {failed && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title={t(errorTitleKey(failed))}
          mb="sm"
          withCloseButton
          closeButtonLabel={t('sinkron.bundle.closeError')}
          onClose={() => setFailed(null)}
          data-testid="bundle-error"
          data-code={failed.code}
        >
          {failed.text(i18n.language)}
        </Alert>
      )}
      <Group>
        <Button variant="default" leftSection={<IconFileExport size={16} />} onClick={() => exp.mutate()} loading={exp.isPending} data-testid="bundle-export">
          {t('sinkron.bundle.export')}
        </Button>
        <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => imp.mutate()} loading={imp.isPending} data-testid="bundle-import">
          {t('sinkron.bundle.import')}
        </Button>
      </Group>
    </Card>
  );
}
