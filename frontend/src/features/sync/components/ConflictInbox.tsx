import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, NativeSelect, Pagination, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  syncApi,
  type ConflictFacets,
  type ConflictQuery,
  type ConflictStatus,
  type Keep,
  type Resolution,
  type SyncConflict,
} from '../api';
import type { Reference } from '../../../api';
import { QueryError } from '../../../components/QueryError';
import { notifyError, notifyOk } from '../../../lib/notify';
import { useReference } from '../../../lib/queries';
import { useCan } from '../../auth';
import { byText, recordColumns, sameValue, sideOf, tableLabel, valueText } from './conflictText';
import { syncKeys } from '../../../api/queryKeys';

/** Conflicts per page of the inbox (the store's default page). */
export const CONFLICT_PAGE = 50;

const KINDS = ['guarded-concurrent', 'row-deleted', 'duplicate-nip', 'incompatible-decision'];

interface Filter {
  status: ConflictStatus;
  kind: string;
  device: string;
  table: string;
}

function useRefreshSync() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: syncKeys.all });
}

/** The conflict inbox: filters by status, kind, device and table, 50 a page, bulk resolution of what the filter selects. */
export function ConflictInbox() {
  const { t } = useTranslation();
  const canEdit = useCan('UBAH_PEG'); // resolving is an edit of the row (the backend refuses others)
  const [filter, setFilter] = useState<Filter>({ status: 'open', kind: '', device: '', table: '' });
  const [wanted, setPage] = useState(1);
  const [lastTotal, setLastTotal] = useState<number | null>(null);
  // resolutions shrink the list: a page past the end shows the last one
  const page = lastTotal === null ? wanted : Math.min(wanted, Math.max(1, Math.ceil(lastTotal / CONFLICT_PAGE)));
  const query: ConflictQuery = { ...filter, offset: (page - 1) * CONFLICT_PAGE, limit: CONFLICT_PAGE };
  const q = useQuery({
    queryKey: syncKeys.conflicts(query),
    queryFn: () => syncApi.conflictPage(query),
    placeholderData: keepPreviousData,
  });
  if (q.data && !q.isPlaceholderData && q.data.total !== lastTotal) setLastTotal(q.data.total);
  const facets = useQuery({ queryKey: syncKeys.facets, queryFn: syncApi.conflictFacets });
  const set = (patch: Partial<Filter>) => {
    setFilter({ ...filter, ...patch });
    setPage(1);
  };
  const total = q.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / CONFLICT_PAGE));
  const from = total === 0 ? 0 : (page - 1) * CONFLICT_PAGE + 1;
  const to = Math.min(total, page * CONFLICT_PAGE);
  return (
    <Card withBorder data-testid="conflict-inbox">
      <Title order={4} mb="sm">
        {t('sinkron.conflicts.heading')}
      </Title>
      <Filters filter={filter} facets={facets.data} onChange={set} />
      {q.error && <QueryError error={q.error} />}
      {canEdit && filter.status === 'open' && total > 0 && (
        <BulkBar filter={filter} total={total} onDone={() => setPage(1)} />
      )}
      <Group justify="space-between" my="xs" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="conflicts-range" aria-live="polite">
          {t('sinkron.conflicts.range', { from, to, total })}
        </Text>
        {pages > 1 && (
          <Pagination
            size="sm"
            total={pages}
            value={page}
            onChange={setPage}
            aria-label={t('sinkron.conflicts.pages')}
            getItemProps={(p) => ({ 'aria-label': t('sinkron.conflicts.page', { page: p }) })}
            getControlProps={(c) => ({ 'aria-label': t(`sinkron.conflicts.pageControl.${c}`) })}
            data-testid="conflict-pages"
          />
        )}
      </Group>
      {q.data && q.data.items.length === 0 && (
        <Text c="dimmed" data-testid="conflicts-empty">
          {t('sinkron.conflicts.empty')}
        </Text>
      )}
      <Stack gap="sm">
        {q.data?.items.map((c) =>
          c.kind === 'duplicate-nip' ? (
            <DuplicateCard key={c.id} c={c} canEdit={canEdit} />
          ) : (
            <ConflictCard key={c.id} c={c} canEdit={canEdit} />
          ),
        )}
      </Stack>
    </Card>
  );
}

function Filters({ filter, facets, onChange }: { filter: Filter; facets?: ConflictFacets; onChange: (p: Partial<Filter>) => void }) {
  const { t } = useTranslation();
  const all = { value: '', label: t('sinkron.conflicts.filter.all') };
  const withCount = (label: string, n?: number) => (n ? `${label} (${n})` : label);
  const kinds = Array.from(new Set([...KINDS, ...Object.keys(facets?.kinds ?? {})]));
  const tables = Array.from(new Set([...Object.keys(facets?.tables ?? {}), ...(filter.table ? [filter.table] : [])])).sort();
  const devices = facets?.devices ?? [];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="conflict-filters">
      <NativeSelect
        label={t('sinkron.conflicts.filter.status')}
        value={filter.status}
        onChange={(e) => onChange({ status: e.currentTarget.value as ConflictStatus })}
        data={[
          { value: 'open', label: t('sinkron.conflicts.filter.open') },
          { value: 'resolved', label: t('sinkron.conflicts.filter.resolved') },
          { value: 'all', label: t('sinkron.conflicts.filter.any') },
        ]}
        data-testid="filter-status"
        w={150}
      />
      <NativeSelect
        label={t('sinkron.conflicts.filter.kind')}
        value={filter.kind}
        onChange={(e) => onChange({ kind: e.currentTarget.value })}
        data={[all, ...kinds.map((k) => ({ value: k, label: withCount(t(`sinkron.conflicts.kind.${k}`, { defaultValue: k }), facets?.kinds[k]) }))]}
        data-testid="filter-kind"
        w={260}
      />
      <NativeSelect
        label={t('sinkron.conflicts.filter.device')}
        value={filter.device}
        onChange={(e) => onChange({ device: e.currentTarget.value })}
        data={[
          all,
          ...devices.map((d) => ({ value: d.device, label: withCount(d.label, d.count) })),
          ...(filter.device && !devices.some((d) => d.device === filter.device) ? [{ value: filter.device, label: filter.device.slice(0, 8) }] : []),
        ]}
        data-testid="filter-device"
        w={220}
      />
      <NativeSelect
        label={t('sinkron.conflicts.filter.table')}
        value={filter.table}
        onChange={(e) => onChange({ table: e.currentTarget.value })}
        data={[all, ...tables.map((tb) => ({ value: tb, label: withCount(tableLabel(t, tb), facets?.tables[tb]) }))]}
        data-testid="filter-table"
        w={180}
      />
    </Group>
  );
}

/** "Selesaikan semua yang cocok": one choice for every open conflict the filter selects, after a confirmation. */
function BulkBar({ filter, total, onDone }: { filter: Filter; total: number; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshSync();
  const [keep, setKeep] = useState<Keep>('server');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ resolved: number; skipped: number } | null>(null);
  const run = useMutation({
    mutationFn: () => syncApi.resolveMany({ status: 'open', kind: filter.kind, device: filter.device, table: filter.table }, keep),
    onSuccess: (r) => {
      setResult(r);
      setConfirming(false);
      notifyOk(t('sinkron.conflicts.bulk.done', { resolved: r.resolved, skipped: r.skipped }), 'bulk-resolved');
      onDone();
    },
    onError: (e) => notifyError(e),
    onSettled: refresh,
  });
  return (
    <Card withBorder padding="xs" my="xs" bg="var(--mantine-color-gray-0)" data-testid="conflict-bulk">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('sinkron.conflicts.bulk.keep')}
          value={keep}
          onChange={(e) => {
            setKeep(e.currentTarget.value as Keep);
            setConfirming(false);
          }}
          data={(['server', 'mine', 'both'] as const).map((k) => ({ value: k, label: t(`sinkron.conflicts.bulk.keep_${k}`) }))}
          data-testid="bulk-keep"
          w={300}
        />
        <Button variant="light" onClick={() => setConfirming(true)} disabled={confirming} data-testid="bulk-start">
          {t('sinkron.conflicts.bulk.start', { n: total })}
        </Button>
      </Group>
      {confirming && (
        <Alert color="yellow" mt="xs" data-testid="bulk-confirm">
          <Text size="sm" mb="xs">
            {t('sinkron.conflicts.bulk.confirm', { n: total, keep: t(`sinkron.conflicts.bulk.keep_${keep}`) })}
          </Text>
          <Group gap="xs">
            <Button size="xs" color="yellow" onClick={() => run.mutate()} loading={run.isPending} data-testid="bulk-run">
              {t('sinkron.conflicts.bulk.run')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Alert>
      )}
      {result && (
        <Text size="sm" mt="xs" data-testid="bulk-result" aria-live="polite">
          {t('sinkron.conflicts.bulk.done', { resolved: result.resolved, skipped: result.skipped })}
        </Text>
      )}
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

function ConflictHeader({ c }: { c: SyncConflict }) {
  const { t } = useTranslation();
  const name = valueText(c.current?.nama ?? c.server?.nama ?? c.incoming?.nama ?? c.row_id);
  const open = c.status === 'open';
  return (
    <Group justify="space-between" mb={6} wrap="wrap">
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
  );
}

/** A column heading of one side: what it is, and who did what ("Dihapus oleh Dinas A pada …"). */
function SideHeading({ title, by, testId }: { title: string; by: string; testId: string }) {
  const { i18n } = useTranslation();
  return (
    <>
      <Text size="sm" fw={600} component="span" display="block">
        {title}
      </Text>
      {by && (
        <Text size="xs" c="dimmed" fw={400} component="span" display="block" data-testid={testId}>
          {byText(by, i18n.language)}
        </Text>
      )}
    </>
  );
}

function ConflictCard({ c, canEdit }: { c: SyncConflict; canEdit: boolean }) {
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
  const srv = sideOf(c, 'server');
  const inc = sideOf(c, 'incoming');
  // a deleted side's values are the row before the delete, never a surviving value
  const deleted = { server: srv.write?.op === 'delete', incoming: inc.write?.op === 'delete' };
  const rowDeleted = c.kind === 'row-deleted';
  const choose = open && canEdit && !c.pending && !rowDeleted;
  const chosenValues = () => {
    const v: Record<string, unknown> = {};
    for (const col of cols) {
      const side = choice[col];
      if (side === 'server') v[col] = c.server?.[col];
      if (side === 'incoming') v[col] = c.incoming?.[col];
    }
    return v;
  };
  const cell = (side: 'server' | 'incoming', col: string) => {
    const v = side === 'server' ? c.server?.[col] : c.incoming?.[col];
    const text = label(col, v);
    if (deleted[side]) {
      return (
        <Text size="sm" c="dimmed" td="line-through" title={t('sinkron.conflicts.beforeDelete')}>
          {text}
        </Text>
      );
    }
    if (!choose) return text;
    return (
      <Radio
        name={`${c.id}-${col}`}
        label={text}
        aria-label={t('sinkron.conflicts.chooseAria', {
          col: colName(col),
          side: side === 'server' ? t('sinkron.conflicts.server') : t('sinkron.conflicts.incoming'),
          value: text,
        })}
        checked={choice[col] === side}
        onChange={() => setChoice({ ...choice, [col]: side })}
        data-testid={`choose-${side}-${col}`}
      />
    );
  };
  // the side that changed the row when the other deleted it: restoring keeps its values
  const updateSide = deleted.server ? 'incoming' : deleted.incoming ? 'server' : null;
  return (
    <Card withBorder padding="sm" data-testid="conflict" data-kind={c.kind}>
      <ConflictHeader c={c} />
      {cols.length > 0 && (
        <Table.ScrollContainer minWidth={560} type="native">
          <Table withTableBorder fz="sm" data-testid="conflict-values">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sinkron.conflicts.column')}</Table.Th>
                <Table.Th>
                  <SideHeading title={t('sinkron.conflicts.server')} by={srv.by} testId="conflict-server-by" />
                </Table.Th>
                <Table.Th>
                  <SideHeading title={t('sinkron.conflicts.incoming')} by={inc.by} testId="conflict-incoming-by" />
                </Table.Th>
                <Table.Th>{t('sinkron.conflicts.current')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cols.map((col) => (
                <Table.Tr key={col}>
                  <Table.Td>{colName(col)}</Table.Td>
                  <Table.Td>{cell('server', col)}</Table.Td>
                  <Table.Td>{cell('incoming', col)}</Table.Td>
                  <Table.Td>{c.current ? label(col, c.current[col]) : t('sinkron.conflicts.gone')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && !c.pending && canEdit && (
        <Group mt="sm" gap="xs">
          {rowDeleted ? (
            <>
              <Button size="xs" variant="default" onClick={() => resolve.mutate({ resolution: 'accept', values: {} })} loading={resolve.isPending} data-testid="resolve-accept">
                {t('sinkron.conflicts.keepDeleted')}
              </Button>
              {updateSide && (
                <Button
                  size="xs"
                  onClick={() => resolve.mutate({ resolution: 'accept', values: { ...((updateSide === 'server' ? c.server : c.incoming) ?? {}) } })}
                  loading={resolve.isPending}
                  data-testid="resolve-restore"
                >
                  {t('sinkron.conflicts.restore')}
                </Button>
              )}
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

type Rec = 'row' | 'other';

/**
 * A duplicate NIP: both records side by side (every employee column), the
 * surviving record chosen by a radio and, where the records differ, which
 * record's value the survivor keeps. "Keep both" stays available.
 */
function DuplicateCard({ c, canEdit }: { c: SyncConflict; canEdit: boolean }) {
  const { t } = useTranslation();
  const label = useValueLabel(c);
  const colName = (col: string) => t(`sinkron.col.${col}`, { defaultValue: col });
  const refresh = useRefreshSync();
  // row_id is the record that came in (incoming), other_row the one the server held (server)
  const rec: Record<Rec, { id: string; vals: Record<string, unknown>; by: string }> = {
    row: { id: c.row_id, vals: c.current ?? c.incoming ?? {}, by: c.incomingBy },
    other: { id: c.other_row ?? '', vals: c.otherCurrent ?? c.server ?? {}, by: c.serverBy },
  };
  const cols = recordColumns(rec.row.vals, rec.other.vals);
  const [survivor, setSurvivor] = useState<Rec>(c.row_id <= (c.other_row ?? '') ? 'row' : 'other');
  const [pick, setPick] = useState<Record<string, Rec>>({});
  const open = c.status === 'open';
  const editable = open && canEdit && !c.pending && !!c.other_row;
  const done = {
    onSuccess: () => notifyOk(t('sinkron.conflicts.resolvedOk'), 'conflict-resolved'),
    onError: (e: unknown) => notifyError(e),
    onSettled: refresh,
  };
  const merge = useMutation({
    mutationFn: () => {
      // the values the survivor keeps from the other record; the rest are its own
      const values: Record<string, unknown> = {};
      for (const col of cols) {
        const from = pick[col] ?? survivor;
        if (from !== survivor && !sameValue(rec.row.vals[col], rec.other.vals[col])) values[col] = rec[from].vals[col] ?? null;
      }
      return syncApi.mergeDuplicate(c.id, rec[survivor].id, values);
    },
    ...done,
  });
  const keepBoth = useMutation({ mutationFn: () => syncApi.resolve(c.id, 'keep-both', {}), ...done });
  const recName = (r: Rec) => `${valueText(rec[r].vals.nama)} · ${valueText(rec[r].vals.nip)}`;
  const title = (r: Rec) => t(r === 'row' ? 'sinkron.conflicts.dup.recordA' : 'sinkron.conflicts.dup.recordB');
  const valueCell = (r: Rec, col: string, differs: boolean) => {
    const text = label(col, rec[r].vals[col]);
    if (!editable || !differs) return text;
    return (
      <Radio
        name={`${c.id}-${col}`}
        label={text}
        aria-label={t('sinkron.conflicts.chooseAria', { col: colName(col), side: title(r), value: text })}
        checked={(pick[col] ?? survivor) === r}
        onChange={() => setPick({ ...pick, [col]: r })}
        data-testid={`dup-take-${r}-${col}`}
      />
    );
  };
  return (
    <Card withBorder padding="sm" data-testid="conflict" data-kind={c.kind}>
      <ConflictHeader c={c} />
      {editable && (
        <Radio.Group
          value={survivor}
          onChange={(v) => setSurvivor(v as Rec)}
          label={t('sinkron.conflicts.dup.survivor')}
          description={t('sinkron.conflicts.dup.survivorHint')}
          mb="xs"
          data-testid="dup-survivor"
        >
          <Group gap="lg" mt={4}>
            <Radio value="row" label={`${title('row')}: ${recName('row')}`} data-testid="dup-survivor-row" />
            <Radio value="other" label={`${title('other')}: ${recName('other')}`} data-testid="dup-survivor-other" />
          </Group>
        </Radio.Group>
      )}
      <Table.ScrollContainer minWidth={560} type="native" maxHeight={360}>
        <Table withTableBorder fz="sm" stickyHeader data-testid="dup-values">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sinkron.conflicts.column')}</Table.Th>
              {(['row', 'other'] as const).map((r) => (
                <Table.Th key={r}>
                  <SideHeading title={title(r)} by={rec[r].by} testId={`dup-by-${r}`} />
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cols.map((col) => {
              const differs = !sameValue(rec.row.vals[col], rec.other.vals[col]);
              return (
                <Table.Tr key={col} data-differs={differs || undefined}>
                  <Table.Td fw={differs ? 600 : undefined}>{colName(col)}</Table.Td>
                  <Table.Td>{valueCell('row', col, differs)}</Table.Td>
                  <Table.Td>{valueCell('other', col, differs)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {open && !c.pending && canEdit && (
        <Group mt="sm" gap="xs">
          {editable && (
            <Button size="xs" onClick={() => merge.mutate()} loading={merge.isPending} data-testid="resolve-merge">
              {t('sinkron.conflicts.dup.merge', { name: recName(survivor) })}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => keepBoth.mutate()} loading={keepBoth.isPending} data-testid="resolve-keep-both">
            {t('sinkron.conflicts.keepBoth')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
