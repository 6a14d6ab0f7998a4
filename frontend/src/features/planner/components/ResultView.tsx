import { useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  ScrollArea,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconFilePlus, IconInfoCircle, IconRefresh, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { plannerApi, type Keputusan, type LineView, type RerunResult } from '../api';
import type { UsulanRow } from '../../../api';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../lib/format';
import { useMsg } from '../../../lib/useMsg';
import { navigate } from '../../../lib/nav';
import { notifyError, notifyOk } from '../../../lib/notify';
import { FlowSankey } from './FlowSankey';
import { MoveDrawer } from './MoveDrawer';
import { PosCell } from './PosCell';
import { Term } from './Term';
import { useGapWords } from './gapWords';
import { useInvalidatePlanner, usePlanResult } from '../queries';
import { ActionsTh } from '../../../components/ActionsTh';

function Stat({ label, value, testId }: { label: React.ReactNode; value: React.ReactNode; testId?: string }) {
  return (
    <Card withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="md" style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** One stored run: figures, the Sankey of flows, the moves with decisions, drafts and exclusions. */
export function ResultView({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const msg = useMsg();
  const gapWords = useGapWords();
  const q = usePlanResult(runId);
  const invalidatePlanner = useInvalidatePlanner();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<LineView | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [created, setCreated] = useState<UsulanRow[] | null>(null);
  const [rerun, setRerun] = useState<RerunResult | null>(null);
  const sankeyLabels = useMemo(
    () => ({ from: t('planner.result.sankeyFrom'), to: t('planner.result.sankeyTo'), moves: t('planner.result.movesUnit') }),
    [t],
  );

  const invalidate = () => void invalidatePlanner();
  const decide = useMutation({
    mutationFn: ({ id, k }: { id: string; k: Keputusan }) => plannerApi.setDecision(runId, id, k),
    onSuccess: invalidate,
    onError: (e) => notifyError(e),
  });
  const drafts = useMutation({
    mutationFn: (ids: string[]) => plannerApi.createDrafts(runId, ids),
    onSuccess: (rows) => {
      setConfirm(false);
      setSelected(new Set());
      setCreated(rows);
      notifyOk(t('planner.drafts.created', { count: rows.length }), 'planner-drafts-created');
      invalidate();
    },
    onError: (e) => {
      setConfirm(false);
      notifyError(e);
    },
  });
  const rerunM = useMutation({ mutationFn: () => plannerApi.rerun(runId), onSuccess: setRerun, onError: (e) => notifyError(e) });

  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton h={400} />;
  const v = q.data;
  const lines = v.lines ?? [];
  const flows = v.flows ?? [];
  const excluded = v.excluded ?? [];
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const selectable = lines.filter((l) => !l.usulanId);
  const chosen = lines.filter((l) => selected.has(l.employeeId));

  return (
    <Stack gap="md" data-testid="planner-result">
      <SimpleGrid cols={{ base: 3, lg: 6 }} spacing="xs">
        <Stat
          label={<Term label={t('planner.result.balance')} term="balance" />}
          value={`${fmt.dec(v.summary.balanceBefore, 4)} → ${fmt.dec(v.summary.balanceAfter, 4)}`}
          testId="planner-balance"
        />
        <Stat label={t('planner.result.moves')} value={fmt.num(lines.length)} testId="planner-move-count" />
        <Stat label={<Term label={t('planner.result.shareB')} term="shareB" />} value={`${fmt.pct(v.summary.shareBBefore * 100)}% → ${fmt.pct(v.summary.shareBAfter * 100)}%`} />
        <Stat label={<Term label={t('planner.result.objective')} term="score" />} value={fmt.num(v.summary.objective)} />
        <Stat label={t('planner.result.excluded')} value={fmt.num(excluded.length)} />
        <Stat label={t('planner.result.time')} value={`${fmt.num(v.stats.millis)} ms`} />
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="xs" c="dimmed" data-testid="planner-run-meta">
          {t('planner.result.meta', {
            solver: v.run.solverVersion,
            hash: v.run.inputHash.slice(0, 12),
            employees: fmt.num(v.stats.employees),
            positions: fmt.num(v.stats.positions),
            arcs: fmt.num(v.stats.arcs),
          })}
        </Text>
        <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} loading={rerunM.isPending} onClick={() => rerunM.mutate()} data-testid="planner-rerun">
          {t('planner.result.rerun')}
        </Button>
      </Group>
      {rerun && (
        <Alert color={rerun.identical ? 'teal' : 'orange'} withCloseButton onClose={() => setRerun(null)} data-testid="planner-rerun-result">
          {msg(rerun.message, rerun.messageEn)}
        </Alert>
      )}

      {flows.length > 0 && (
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('planner.result.sankeyTitle')}
          </Title>
          <FlowSankey flows={flows} labels={sankeyLabels} />
        </Card>
      )}

      <Card withBorder p={0}>
        <Group justify="space-between" p="sm">
          <Group gap="xs">
            <Title order={5}>{t('planner.result.tableTitle')}</Title>
            <Text size="xs" c="dimmed">
              {t('planner.result.tableHint')}
            </Text>
          </Group>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => setSelected(new Set(selectable.filter((l) => l.keputusan === 'DITERIMA').map((l) => l.employeeId)))}
              data-testid="planner-select-accepted"
            >
              {t('planner.result.selectAccepted')}
            </Button>
            <Button
              size="xs"
              leftSection={<IconFilePlus size={16} />}
              disabled={chosen.length === 0}
              onClick={() => setConfirm(true)}
              data-testid="planner-create-drafts"
            >
              {t('planner.drafts.button', { count: chosen.length })}
            </Button>
          </Group>
        </Group>
        {lines.length === 0 ? (
          <Text p="md" c="dimmed" data-testid="planner-no-moves">
            {t('planner.result.noMoves')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={560}>
            <Table striped highlightOnHover stickyHeader fz="sm" data-testid="planner-lines">
              <Table.Thead>
                <Table.Tr>
                  <ActionsTh w={32} />
                  <Table.Th>{t('planner.result.col.pegawai')}</Table.Th>
                  <Table.Th>{t('planner.result.col.from')}</Table.Th>
                  <Table.Th>{t('planner.result.col.to')}</Table.Th>
                  <Table.Th ta="right">{t('planner.result.col.gap')}</Table.Th>
                  <Table.Th ta="right">{t('planner.result.col.cost')}</Table.Th>
                  <Table.Th>{t('planner.result.col.decision')}</Table.Th>
                  <ActionsTh />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l) => (
                  <Table.Tr key={l.employeeId} data-testid="planner-line" data-nip={l.nip}>
                    <Table.Td>
                      <Checkbox
                        size="xs"
                        aria-label={t('planner.result.choose', { nama: l.nama })}
                        checked={selected.has(l.employeeId)}
                        disabled={!!l.usulanId}
                        onChange={() => toggle(l.employeeId)}
                        data-testid="planner-line-check"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {l.nama}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {l.nip}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <PosCell p={l.fromLabel} />
                    </Table.Td>
                    <Table.Td>
                      <PosCell p={l.toLabel} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Tooltip label={t('planner.result.gapHint')} withArrow>
                        <Text size="xs">
                          {gapWords(l.toGapBefore)} → {gapWords(l.toGapAfter)}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td ta="right">{fmt.num(l.cost.total)}</Table.Td>
                    <Table.Td>
                      {l.usulanId ? (
                        <Badge color="teal" variant="light" tt="none" data-testid="planner-line-converted">
                          {t('planner.result.converted')}
                        </Badge>
                      ) : (
                        <Group gap={4} wrap="nowrap">
                          <ActionIcon
                            size="sm"
                            variant={l.keputusan === 'DITERIMA' ? 'filled' : 'light'}
                            color="teal"
                            aria-label={t('planner.result.accept')}
                            onClick={() => decide.mutate({ id: l.employeeId, k: l.keputusan === 'DITERIMA' ? '' : 'DITERIMA' })}
                            data-testid="planner-accept"
                          >
                            <IconCheck size={14} />
                          </ActionIcon>
                          <ActionIcon
                            size="sm"
                            variant={l.keputusan === 'DITOLAK' ? 'filled' : 'light'}
                            color="red"
                            aria-label={t('planner.result.reject')}
                            onClick={() => decide.mutate({ id: l.employeeId, k: l.keputusan === 'DITOLAK' ? '' : 'DITOLAK' })}
                            data-testid="planner-reject"
                          >
                            <IconX size={14} />
                          </ActionIcon>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconInfoCircle size={14} />}
                        onClick={() => setOpen(l)}
                        data-testid="planner-explain"
                      >
                        {t('planner.result.explain')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Card>

      {excluded.length > 0 && (
        <Card withBorder p={0}>
          <Group p="sm" gap="xs">
            <Title order={5}>{t('planner.result.excludedTitle')}</Title>
            <Text size="xs" c="dimmed">
              {t('planner.result.excludedHint')}
            </Text>
          </Group>
          <ScrollArea.Autosize mah={260}>
            <Table fz="xs" data-testid="planner-excluded">
              <Table.Tbody>
                {excluded.map((x) => (
                  <Table.Tr key={x.employeeId + x.positionKey}>
                    <Table.Td w={220}>
                      {x.nama}
                      <Text c="dimmed" ff="monospace" size="xs">
                        {x.nip}
                      </Text>
                    </Table.Td>
                    <Table.Td w={90}>
                      <Badge color="red" variant="light" size="sm" style={{ overflow: 'visible' }}>
                        {x.ruleId}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{msg(x.explanation, x.explanationEn)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Card>
      )}

      <MoveDrawer runId={runId} line={open} onClose={() => setOpen(null)} />

      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('planner.drafts.confirmTitle')}>
        <Text size="sm" mb="sm">
          {t('planner.drafts.confirmText', { count: chosen.length })}
        </Text>
        <Stack gap={4} mb="md">
          {chosen.map((l) => (
            <Text key={l.employeeId} size="xs">
              {l.nama} ({l.nip}): {l.fromLabel.opdSingkatan} → {l.toLabel.opdSingkatan} · {l.toLabel.jabatanNama}
            </Text>
          ))}
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirm(false)}>
            {t('common.cancel')}
          </Button>
          <Button loading={drafts.isPending} onClick={() => drafts.mutate(chosen.map((l) => l.employeeId))} data-testid="planner-drafts-confirm">
            {t('planner.drafts.confirm')}
          </Button>
        </Group>
      </Modal>

      <Modal opened={!!created} onClose={() => setCreated(null)} title={t('planner.drafts.doneTitle')}>
        <Stack gap={4} mb="md" data-testid="planner-drafts-list">
          {(created ?? []).map((r) => (
            <Text key={r.id} size="sm">
              <Text span ff="monospace">
                {r.nomor}
              </Text>{' '}
              · {r.namaPegawai} ({r.jenis})
            </Text>
          ))}
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setCreated(null)}>
            {t('planner.close')}
          </Button>
          <Button onClick={() => navigate('mutasi')} data-testid="planner-goto-mutasi">
            {t('planner.drafts.goto')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
