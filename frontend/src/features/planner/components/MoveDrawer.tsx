import { useState } from 'react';
import { Alert, Badge, Button, Divider, Drawer, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconQuestionMark } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { plannerApi, type CostTerms, type LineView, type WhyNotView } from '../api';
import { useFormat } from '../../../lib/format';
import { useMsg } from '../../../lib/useMsg';
import { notifyError } from '../../../lib/notify';
import { RuleResults } from '../../mutasi';
import { PosCell } from './PosCell';
import { Term } from './Term';
import { useGapWords } from './gapWords';
import { useMoveExplanation, useWhyNotSearch } from '../queries';

const TERMS = ['competence', 'preference', 'requestBonus', 'stagnation', 'relocation', 'move', 'deficitValue', 'surplusValue', 'total'] as const satisfies readonly (keyof CostTerms)[];

/** "Why not this employee there?": pick an employee, re-solve with the move forced. */
function WhyNotPanel({ runId, line }: { runId: string; line: LineView }) {
  const { t } = useTranslation();
  const msg = useMsg();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [pick, setPick] = useState<string | null>(null);
  const people = useWhyNotSearch(debounced);
  const why = useMutation({
    mutationFn: (employeeId: string) => plannerApi.whyNot(runId, employeeId, line.to),
    onError: (e) => notifyError(e),
  });
  const ask = (id: string) => {
    setPick(id);
    why.mutate(id);
  };
  const r: WhyNotView | undefined = why.data;
  return (
    <Stack gap="xs" data-testid="planner-whynot">
      <Title order={6}>{t('planner.whyNot.title')}</Title>
      {line.nextBest && (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">
            {t('planner.whyNot.nextBest', { nama: line.nextBest.nama, nip: line.nextBest.nip })}
            <br />
            <Text span size="xs" c="dimmed">
              {msg(line.nextBest.reason, line.nextBest.reasonEn)}
            </Text>
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconQuestionMark size={14} />}
            onClick={() => ask(line.nextBest!.employeeId)}
            data-testid="planner-whynot-nextbest"
          >
            {t('planner.whyNot.ask')}
          </Button>
        </Group>
      )}
      <Select
        size="xs"
        searchable
        clearable
        label={t('planner.whyNot.other')}
        placeholder={t('planner.whyNot.searchPlaceholder')}
        searchValue={search}
        onSearchChange={setSearch}
        data={(people.data?.rows ?? []).map((p) => ({ value: p.id, label: `${p.namaLengkap} · ${p.nip} · ${p.opdSingkatan}` }))}
        value={pick}
        onChange={(v) => v && ask(v)}
        filter={({ options }) => options}
        nothingFoundMessage={debounced.trim().length >= 3 ? t('planner.whyNot.none') : t('planner.whyNot.type3')}
        data-testid="planner-whynot-search"
      />
      {why.isPending && <Loader size="sm" />}
      {r && (
        <Alert color={r.feasible ? 'blue' : 'red'} data-testid="planner-whynot-result">
          <Text size="sm" fw={500}>
            {msg(r.reason, r.reasonEn)}
          </Text>
          {r.dataChanged && (
            <Text size="xs" c="orange" mt={4}>
              {t('planner.whyNot.dataChanged')}
            </Text>
          )}
          {(r.rules ?? []).length > 0 && (
            <div style={{ marginTop: 8 }}>
              <RuleResults rules={r.rules ?? []} compact />
            </div>
          )}
        </Alert>
      )}
    </Stack>
  );
}

/** The explanation of one move: why, what it costs, the gaps, the next best and the rules. */
export function MoveDrawer({ runId, line, onClose }: { runId: string; line: LineView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const msg = useMsg();
  const gapWords = useGapWords();
  const ex = useMoveExplanation(runId, line?.employeeId);
  const failing = (ex.data?.rules ?? []).filter((r) => r.outcome === 'FAIL');
  return (
    <Drawer opened={!!line} onClose={onClose} position="right" size="lg" title={t('planner.explain.title')} data-testid="planner-drawer">
      {line && (
        <Stack gap="sm">
          <div>
            <Text fw={600}>
              {line.nama}{' '}
              <Text span ff="monospace" size="sm" c="dimmed">
                {line.nip}
              </Text>
            </Text>
            {line.forced && (
              <Badge color="grape" size="sm">
                {t('planner.explain.forced')}
              </Badge>
            )}
          </div>
          <Group grow align="flex-start">
            <div>
              <Text size="xs" c="dimmed">
                {t('planner.result.col.from')}
              </Text>
              <PosCell p={line.fromLabel} />
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('planner.result.col.to')}
              </Text>
              <PosCell p={line.toLabel} />
            </div>
          </Group>
          <Alert color="blue" data-testid="planner-explanation">
            {msg(line.explanation, line.explanationEn)}
          </Alert>
          <Table fz="xs" withTableBorder data-testid="planner-gaps">
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{t('planner.explain.fromGap')}</Table.Td>
                <Table.Td ta="right">
                  {gapWords(line.fromGapBefore)} → {gapWords(line.fromGapAfter)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('planner.explain.toGap')}</Table.Td>
                <Table.Td ta="right">
                  {gapWords(line.toGapBefore)} → {gapWords(line.toGapAfter)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>
                  <Term label={t('planner.explain.shadow')} term="marginal" />
                </Table.Td>
                <Table.Td ta="right">{fmt.num(line.shadowPrice)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Title order={6}>
            <Term label={t('planner.explain.costs')} term="cost" />
          </Title>
          <Table fz="xs" withTableBorder data-testid="planner-costs">
            <Table.Tbody>
              {TERMS.map((k) => (
                <Table.Tr key={k} fw={k === 'total' ? 700 : undefined}>
                  <Table.Td>{t(`planner.cost.${k}`)}</Table.Td>
                  <Table.Td ta="right">{fmt.num(line.cost[k])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            {t('planner.explain.costHint')}
          </Text>
          <Divider />
          <Title order={6}>{t('planner.explain.rules')}</Title>
          {ex.isLoading && <Loader size="sm" />}
          {ex.data &&
            (failing.length === 0 ? (
              <Text size="sm" c="teal" data-testid="planner-rules-ok">
                {t('planner.explain.rulesOk')}
              </Text>
            ) : (
              <RuleResults rules={failing} compact />
            ))}
          <Divider />
          <WhyNotPanel key={line.employeeId} runId={runId} line={line} />
        </Stack>
      )}
    </Drawer>
  );
}
