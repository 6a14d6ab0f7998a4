import { useMemo, useState } from 'react';
import { Badge, Button, Card, Group, MultiSelect, NumberInput, ScrollArea, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { IconGitBranch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { plannerApi, type RunRecord, type ScenarioInput, type ScenarioSummary } from '../api';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../lib/format';
import { useGradeBounds } from '../../../lib/queries';
import { notifyError } from '../../../lib/notify';
import { usePlanCompare } from '../queries';
import { ActionsTh } from '../../../components/ActionsTh';

export const runLabel = (r: RunRecord) => `${r.jenis === 'SKENARIO' ? '↳ ' : ''}${r.nama}`;

/** Make a scenario from a run: forbid the rejected moves, lock people, cap the moves. */
function ScenarioForm({ runs, baseId, running, onCreate }: { runs: RunRecord[]; baseId: string | null; running: boolean; onCreate: (s: ScenarioInput) => void }) {
  const { t } = useTranslation();
  const [parent, setParent] = useState<string | null>(baseId);
  const [nama, setNama] = useState('');
  const [maxMoves, setMaxMoves] = useState<number | ''>('');
  const [forbidRejected, setForbidRejected] = useState(true);
  const [lockRejected, setLockRejected] = useState(false);
  const [forceAccepted, setForceAccepted] = useState(false);
  const [busy, setBusy] = useState(false);
  const pid = parent ?? baseId;

  const create = async () => {
    if (!pid) return;
    setBusy(true);
    try {
      const v = await plannerApi.result(pid);
      const lines = v.lines ?? [];
      const rejected = lines.filter((l) => l.keputusan === 'DITOLAK');
      const accepted = lines.filter((l) => l.keputusan === 'DITERIMA');
      const base = v.run.options;
      // null = the parent run's list (Go's nil); a list replaces it.
      const s: ScenarioInput = { parentId: pid, nama, forced: null, forbidden: null, lockedEmployees: null, lockedPositions: null };
      if (maxMoves !== '') s.maxMoves = maxMoves;
      if (forbidRejected) s.forbidden = [...(base.forbidden ?? []), ...rejected.map((l) => ({ employeeId: l.employeeId, positionKey: l.to }))];
      if (lockRejected) s.lockedEmployees = [...(base.lockedEmployees ?? []), ...rejected.map((l) => l.employeeId)];
      if (forceAccepted) s.forced = [...(base.forced ?? []), ...accepted.map((l) => ({ employeeId: l.employeeId, positionKey: l.to }))];
      onCreate(s);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder data-testid="planner-scenario-form">
      <Title order={5} mb="xs">
        {t('planner.scenario.createTitle')}
      </Title>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs">
        <Select
          size="xs"
          label={t('planner.scenario.parent')}
          data={runs.map((r) => ({ value: r.id, label: runLabel(r) }))}
          value={pid}
          onChange={setParent}
          data-testid="planner-scenario-parent"
        />
        <TextInput size="xs" label={t('planner.scenario.nama')} value={nama} onChange={(e) => setNama(e.currentTarget.value)} data-testid="planner-scenario-nama" />
        <NumberInput size="xs" label={t('planner.options.maxMoves')} min={0} allowDecimal={false} value={maxMoves} onChange={(v) => setMaxMoves(v === '' ? '' : Number(v))} placeholder={t('planner.scenario.keep')} />
      </SimpleGrid>
      <Group mt="sm" gap="lg">
        <Switch size="xs" label={t('planner.scenario.forbidRejected')} checked={forbidRejected} onChange={(e) => setForbidRejected(e.currentTarget.checked)} />
        <Switch size="xs" label={t('planner.scenario.lockRejected')} checked={lockRejected} onChange={(e) => setLockRejected(e.currentTarget.checked)} />
        <Switch size="xs" label={t('planner.scenario.forceAccepted')} checked={forceAccepted} onChange={(e) => setForceAccepted(e.currentTarget.checked)} />
      </Group>
      <Group justify="flex-end" mt="sm">
        <Button size="xs" leftSection={<IconGitBranch size={16} />} disabled={!pid || running} loading={busy} onClick={() => void create()} data-testid="planner-scenario-create">
          {t('planner.scenario.create')}
        </Button>
      </Group>
    </Card>
  );
}

/** Runs and scenarios side by side: balance, moves, OPD workload after the moves. */
export function CompareTable({ rows }: { rows: ScenarioSummary[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bounds = useGradeBounds();
  const opds = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) for (const o of r.opds ?? []) m.set(o.opdId, o.singkatan);
    return [...m.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [rows]);
  const metric = (label: string, f: (r: ScenarioSummary) => string) => (
    <Table.Tr key={label}>
      <Table.Td fw={500}>{label}</Table.Td>
      {rows.map((r) => (
        <Table.Td key={r.runId} ta="right">
          {f(r)}
        </Table.Td>
      ))}
    </Table.Tr>
  );
  return (
    <ScrollArea>
      <Table withTableBorder fz="xs" data-testid="planner-compare">
        <Table.Thead>
          <Table.Tr>
            <ActionsTh />
            {rows.map((r) => (
              <Table.Th key={r.runId} ta="right">
                {r.nama}{' '}
                {r.jenis === 'SKENARIO' && (
                  <Badge size="xs" variant="light">
                    {t('planner.scenario.badge')}
                  </Badge>
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {metric(t('planner.result.moves'), (r) => fmt.num(r.moves))}
          {metric(t('planner.compare.balanceBefore'), (r) => fmt.dec(r.balanceBefore, 4))}
          {metric(t('planner.compare.balanceAfter'), (r) => fmt.dec(r.balanceAfter, 4))}
          {metric(t('planner.compare.shareBAfter'), (r) => `${fmt.pct(r.shareBAfter * 100)}%`)}
          {metric(t('planner.result.objective'), (r) => fmt.num(r.objective))}
          <Table.Tr>
            <Table.Td colSpan={rows.length + 1} fw={600} bg="gray.0">
              {t('planner.compare.opdTitle')}
            </Table.Td>
          </Table.Tr>
          {opds.map(([id, sing]) => (
            <Table.Tr key={id}>
              <Table.Td>{sing}</Table.Td>
              {rows.map((r) => {
                const o = (r.opds ?? []).find((x) => x.opdId === id);
                return (
                  <Table.Td key={r.runId} ta="right">
                    {o
                      ? `EU ${fmt.graded(o.euSebelum, bounds)} ${o.gradeSebelum} → ${fmt.graded(o.euSesudah, bounds)} ${o.gradeSesudah} (${fmt.signed(o.masuk - o.keluar)})`
                      : '–'}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

export function ScenarioPanel({ runs, baseId, running, onCreate }: { runs: RunRecord[]; baseId: string | null; running: boolean; onCreate: (s: ScenarioInput) => void }) {
  const { t } = useTranslation();
  const defaults = useMemo(() => {
    if (!baseId) return [];
    // The run with its parent (when it is a scenario) and its own scenarios.
    const parent = runs.find((r) => r.id === baseId)?.indukId;
    const ids = [...(parent ? [parent] : []), baseId, ...runs.filter((r) => r.indukId === baseId).map((r) => r.id)];
    return ids.slice(0, 4);
  }, [runs, baseId]);
  const [ids, setIds] = useState<string[] | null>(null);
  const chosen = ids ?? defaults;
  const q = usePlanCompare(chosen);
  return (
    <Stack gap="md">
      <ScenarioForm key={baseId ?? ''} runs={runs} baseId={baseId} running={running} onCreate={onCreate} />
      <Card withBorder>
        <Title order={5} mb="xs">
          {t('planner.compare.title')}
        </Title>
        <MultiSelect
          size="xs"
          mb="sm"
          data={runs.map((r) => ({ value: r.id, label: runLabel(r) }))}
          value={chosen}
          onChange={setIds}
          maxValues={6}
          data-testid="planner-compare-select"
        />
        {q.error && <QueryError error={q.error} />}
        {q.data && q.data.length > 0 ? <CompareTable rows={q.data} /> : <Text size="sm" c="dimmed">{t('planner.compare.empty')}</Text>}
      </Card>
    </Stack>
  );
}
