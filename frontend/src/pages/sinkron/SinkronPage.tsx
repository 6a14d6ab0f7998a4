import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconFileExport, IconFileImport, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { syncApi, type Resolution, type SyncAttention, type SyncConflict, type SyncSettings } from '../../api/sync';
import type { Reference } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { splitSubmitError } from '../../lib/formErrors';
import { notifyError, notifyOk } from '../../lib/notify';
import { useReference } from '../../lib/queries';
import { syncKeys, useSyncStatus, valueText, whenText } from './useSync';
import { EnrollCard } from './EnrollCard';

/** Sinkronisasi: status and "Sinkronkan sekarang", the conflict inbox, rejected edits, settings, offline bundles. */
export function SinkronPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="sinkron-page">
      <PageHeader title={t('sinkron.title')} subtitle={t('sinkron.subtitle')} />
      <Stack gap="md">
        <StatusCard />
        <ConflictInbox />
        <AttentionList />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <EnrollCard />
          <SettingsCard />
          <BundleCard />
        </SimpleGrid>
      </Stack>
    </div>
  );
}

function useRefreshSync() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: ['sync'] });
}

function StatusCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: s, error } = useSyncStatus();
  const refresh = useRefreshSync();
  const run = useMutation({
    mutationFn: syncApi.syncNow,
    onSuccess: (r) => notifyOk(t('sinkron.status.done', { pushed: r.pushed, pulled: r.pulled }), 'sync-done'),
    onError: (e) => notifyError(e),
    onSettled: refresh,
  });
  if (error) return <QueryError error={error} />;
  const rows: [string, string, string][] = [
    [t('sinkron.status.pending'), String(s?.pending ?? 0), 'sync-pending'],
    [t('sinkron.status.unsent'), String(s?.unsent ?? 0), 'sync-unsent'],
    [t('sinkron.status.conflicts'), String(s?.conflicts ?? 0), 'sync-conflicts'],
    [t('sinkron.status.attention'), String(s?.attention ?? 0), 'sync-attention'],
    [t('sinkron.status.lastSuccess'), s?.lastSuccess ? whenText(s.lastSuccess, lang) : t('sinkron.indicator.never'), 'sync-last-success'],
    [t('sinkron.status.dataAsOf'), s?.dataAsOf ? whenText(s.dataAsOf, lang) : '—', 'sync-as-of'],
  ];
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
      {!s?.configured && (
        <Alert color="yellow" mb="sm" data-testid="sync-not-set-up">
          {t('sinkron.settings.tokenHintUnset')}
        </Alert>
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
          {t('sinkron.status.lastResult', { ...s.last })}
        </Text>
      )}
    </Card>
  );
}

function tableLabel(t: (k: string, o?: Record<string, unknown>) => string, tbl: string): string {
  const k = `sinkron.table.${tbl}`;
  const v = t(k);
  return v === k ? tbl : v;
}

function ConflictInbox() {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const q = useQuery({ queryKey: syncKeys.conflicts(all), queryFn: () => syncApi.conflicts(all) });
  return (
    <Card withBorder data-testid="conflict-inbox">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('sinkron.conflicts.heading')}</Title>
        <Switch label={t('sinkron.conflicts.showResolved')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
      </Group>
      {q.error && <QueryError error={q.error} />}
      {q.data && q.data.length === 0 && (
        <Text c="dimmed" data-testid="conflicts-empty">
          {t('sinkron.conflicts.empty')}
        </Text>
      )}
      <Stack gap="sm">
        {q.data?.map((c) => <ConflictCard key={c.id} c={c} />)}
      </Stack>
    </Card>
  );
}

/** Columns a conflict is about: its own list, else every column either side names. */
function conflictColumns(c: SyncConflict): string[] {
  if (c.columns && c.columns.length > 0) return c.columns;
  return Array.from(new Set([...Object.keys(c.incoming ?? {}), ...Object.keys(c.server ?? {})])).sort();
}

/** Reference lists that name a column's coded values (golongan 33 → "III/c"). */
const REF_COLUMNS: Record<string, keyof Reference> = {
  golongan: 'golongan',
  golongan_pppk: 'golonganPppk',
  status: 'status',
  pendidikan: 'pendidikan',
  jenis_kelamin: 'jenisKelamin',
};

function useValueLabel(c: SyncConflict): (col: string, v: unknown) => string {
  const ref = useReference().data;
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (col, v) => {
    if (typeof v === 'string' && c.labels?.[v]) return c.labels[v];
    const kind = REF_COLUMNS[col];
    const opt = kind ? ref?.[kind]?.find((o) => o.value === String(v)) : undefined;
    if (opt) return en ? opt.labelEn || opt.label : opt.label;
    return valueText(v);
  };
}

function ConflictCard({ c }: { c: SyncConflict }) {
  const { t } = useTranslation();
  const label = useValueLabel(c);
  const colName = (col: string) => t(`sinkron.col.${col}`, { defaultValue: col });
  const refresh = useRefreshSync();
  const cols = conflictColumns(c);
  const [choice, setChoice] = useState<Record<string, 'server' | 'incoming'>>({});
  const resolve = useMutation({
    mutationFn: ({ resolution, values }: { resolution: Resolution; values: Record<string, unknown> }) => syncApi.resolve(c.id, resolution, values),
    onSuccess: () => notifyOk(t('sinkron.conflicts.resolvedOk'), 'conflict-resolved'),
    onError: (e) => notifyError(e),
    onSettled: refresh,
  });
  const open = c.status === 'open';
  const chosenValues = () => {
    const v: Record<string, unknown> = {};
    for (const col of cols) {
      const side = choice[col];
      if (side === 'server') v[col] = c.server?.[col];
      if (side === 'incoming') v[col] = c.incoming?.[col];
    }
    return v;
  };
  const name = valueText(c.current?.nama ?? c.server?.nama ?? c.incoming?.nama ?? c.row_id);
  return (
    <Card withBorder padding="sm" data-testid="conflict" data-kind={c.kind}>
      <Group justify="space-between" mb={6}>
        <div>
          <Text fw={600}>{t(`sinkron.conflicts.kind.${c.kind}`, { defaultValue: c.kind })}</Text>
          <Text size="sm" c="dimmed">
            {tableLabel(t, c.tbl)}: {name}
          </Text>
        </div>
        <Group gap={6}>
          {c.pending && <Badge color="yellow">{t('sinkron.conflicts.pending')}</Badge>}
          {!open && <Badge color="teal">{t('sinkron.conflicts.resolved')}</Badge>}
          {c.winner && open && (
            <Badge variant="light" color="gray" tt="none">
              {c.winner === 'server' ? t('sinkron.conflicts.winnerServer') : t('sinkron.conflicts.winnerIncoming')}
            </Badge>
          )}
        </Group>
      </Group>
      {cols.length > 0 && (
        <Table withTableBorder fz="sm" data-testid="conflict-values">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sinkron.conflicts.column')}</Table.Th>
              <Table.Th>{t('sinkron.conflicts.server')}</Table.Th>
              <Table.Th>{t('sinkron.conflicts.incoming')}</Table.Th>
              <Table.Th>{t('sinkron.conflicts.current')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cols.map((col) => (
              <Table.Tr key={col}>
                <Table.Td>{colName(col)}</Table.Td>
                <Table.Td>
                  {open && c.kind !== 'duplicate-nip' ? (
                    <Radio
                      label={label(col, c.server?.[col])}
                      checked={choice[col] === 'server'}
                      onChange={() => setChoice({ ...choice, [col]: 'server' })}
                      data-testid={`choose-server-${col}`}
                    />
                  ) : (
                    label(col, c.server?.[col])
                  )}
                </Table.Td>
                <Table.Td>
                  {open && c.kind !== 'duplicate-nip' ? (
                    <Radio
                      label={label(col, c.incoming?.[col])}
                      checked={choice[col] === 'incoming'}
                      onChange={() => setChoice({ ...choice, [col]: 'incoming' })}
                      data-testid={`choose-incoming-${col}`}
                    />
                  ) : (
                    label(col, c.incoming?.[col])
                  )}
                </Table.Td>
                <Table.Td>{label(col, c.current?.[col])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && !c.pending && (
        <Group mt="sm" gap="xs">
          {c.kind === 'duplicate-nip' ? (
            <>
              <Button size="xs" onClick={() => resolve.mutate({ resolution: 'merge', values: {} })} loading={resolve.isPending} data-testid="resolve-merge">
                {t('sinkron.conflicts.merge')}
              </Button>
              <Button size="xs" variant="default" onClick={() => resolve.mutate({ resolution: 'keep-both', values: {} })} data-testid="resolve-keep-both">
                {t('sinkron.conflicts.keepBoth')}
              </Button>
            </>
          ) : (
            <>
              <Button
                size="xs"
                disabled={Object.keys(choice).length === 0}
                onClick={() => resolve.mutate({ resolution: 'accept', values: chosenValues() })}
                loading={resolve.isPending}
                data-testid="resolve-choice"
              >
                {t('sinkron.conflicts.applyChoice')}
              </Button>
              <Button size="xs" variant="default" onClick={() => resolve.mutate({ resolution: 'accept', values: {} })} data-testid="resolve-accept">
                {t('sinkron.conflicts.keepCurrent')}
              </Button>
            </>
          )}
        </Group>
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

function BundleCard() {
  const { t } = useTranslation();
  const refresh = useRefreshSync();
  const exp = useMutation({
    mutationFn: syncApi.exportBundle,
    onSuccess: (r) => r.path && notifyOk(t('sinkron.bundle.exported', { n: r.changes ?? 0, path: r.path }), 'bundle-exported'),
    onError: (e) => notifyError(e),
  });
  const imp = useMutation({
    mutationFn: syncApi.importBundle,
    onSuccess: (r) => r.path && notifyOk(t('sinkron.bundle.imported', { rows: r.pull?.rows ?? 0 }), 'bundle-imported'),
    onError: (e) => notifyError(e),
    onSettled: refresh,
  });
  return (
    <Card withBorder data-testid="sync-bundle">
      <Title order={4} mb="sm">
        {t('sinkron.bundle.heading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('sinkron.bundle.text')}
      </Text>
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
