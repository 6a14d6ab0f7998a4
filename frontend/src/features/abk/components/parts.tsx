// Small building blocks shared by the ABK screens.
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { ActionIcon, Badge, Card, Group, Paper, Table, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconPhotoDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartHandle, type EChartOption } from '../../../components/EChart';
import { GRADE_COLOR, selisihColor } from '../colors';
import { saveChartPNG } from '../../../lib/exports';
import { useFormat } from '../../../lib/format';
import { useGradeBounds } from '../../../lib/queries';
import type { Aggregate } from '../api';

/**
 * A grade badge. Grade A (load above capacity) alarms only where people are
 * missing: with no shortfall (the rounded kebutuhan is staffed) it is shown
 * light, and its note says so.
 */
export function GradeBadge({ grade, size = 'sm', shortfall }: { grade: string; size?: 'xs' | 'sm' | 'md' | 'lg'; shortfall?: number }) {
  const { t } = useTranslation();
  const calm = grade === 'A' && shortfall === 0;
  const label = t(`abk.gradeMeaning.${grade === '-' ? 'kosong' : grade}`) + (calm ? ' ' + t('abk.gradeNoShortfall') : '');
  return (
    <Tooltip label={label} withArrow openDelay={300} multiline maw={320}>
      <Badge
        size={size}
        color={GRADE_COLOR[grade] ?? 'gray'}
        variant={grade === '-' || calm ? 'light' : 'filled'}
        miw={size === 'lg' ? 34 : 28}
        px={6}
        data-grade={grade}
        data-calm={calm ? 'true' : undefined}
      >
        {grade || '–'}
      </Badge>
    </Tooltip>
  );
}

/** What the grades A–E mean (docs/workload.md), beside every table that shows them. */
export function GradeLegend() {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" data-testid="grade-legend">
      <Text size="xs" c="dimmed">
        {t('abk.legend')}
      </Text>
      {(['A', 'B', 'C', 'D', 'E', '-'] as const).map((g) => (
        <Group key={g} gap={4} wrap="nowrap">
          <Badge size="xs" color={GRADE_COLOR[g]} variant={g === '-' ? 'light' : 'filled'} miw={22} px={4}>
            {g === '-' ? '–' : g}
          </Badge>
          <Text size="xs">{t(`abk.gradeShort.${g === '-' ? 'kosong' : g}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** selisih with its sign and colour: − deficit red, + surplus blue. */
export function Selisih({ n, fw = 600 }: { n: number; fw?: number }) {
  const fmt = useFormat();
  return (
    <Text span inherit c={selisihColor(n)} fw={n === 0 ? 400 : fw}>
      {fmt.signed(n)}
    </Text>
  );
}

export function Stat({
  label,
  value,
  hint,
  color,
  testId,
  children,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  color?: string;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Group gap="xs" align="baseline" wrap="nowrap">
        <Text component="div" fz={26} fw={700} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {value}
        </Text>
        {children}
      </Group>
      {hint && (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** A chart in a card with a title and a "Simpan PNG" action. */
export function ChartCard({
  title,
  hint,
  option,
  height,
  fileName,
  testId,
}: {
  title: string;
  hint?: ReactNode;
  option: EChartOption;
  height: number;
  fileName: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<EChartHandle>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Card withBorder>
      <Group justify="space-between" mb={4} wrap="nowrap" align="flex-start">
        <div>
          <Title order={5}>{title}</Title>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </div>
        <Tooltip label={t('export.savePng')} withArrow>
          <ActionIcon
            variant="default"
            loading={saving}
            aria-label={t('export.savePng')}
            data-testid={`png-${testId}`}
            onClick={async () => {
              setSaving(true);
              try {
                await saveChartPNG(fileName, ref.current);
              } finally {
                setSaving(false);
              }
            }}
          >
            <IconPhotoDown size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <EChart ref={ref} option={option} height={height} data-testid={testId} />
    </Card>
  );
}

// ---- client-side sorting of small tables (tens to hundreds of rows) ----

export interface SortState<K extends string> {
  key: K;
  desc: boolean;
}

export function useSorted<T, K extends string>(
  rows: readonly T[],
  initial: SortState<K>,
  value: (row: T, key: K) => string | number,
) {
  const [sort, setSort] = useState<SortState<K>>(initial);
  const sorted = useMemo(() => {
    const out = [...rows];
    out.sort((a, b) => {
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'id');
      return sort.desc ? -c : c;
    });
    return out;
  }, [rows, sort, value]);
  const toggle = (key: K) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: true }));
  return { sorted, sort, toggle };
}

export function SortTh<K extends string>({
  k,
  sort,
  onSort,
  children,
  num,
  w,
}: {
  k: K;
  sort: SortState<K>;
  onSort: (k: K) => void;
  children: ReactNode;
  num?: boolean;
  w?: number;
}) {
  const active = sort.key === k;
  return (
    <Table.Th className={num ? 'num' : undefined} w={w} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}>
      <UnstyledButton onClick={() => onSort(k)} data-testid={`sort-${k}`} fz="sm" fw={600}>
        <Group gap={3} wrap="nowrap" justify={num ? 'flex-end' : 'flex-start'}>
          <span style={{ whiteSpace: 'nowrap' }}>{children}</span>
          {active ? sort.desc ? <IconArrowDown size={13} /> : <IconArrowUp size={13} /> : <IconArrowsSort size={13} opacity={0.35} />}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

// ---- the aggregate columns shared by the OPD table and the unit table ----

/** The sortable keys of an aggregate (OPD or unit) row. */
export type AggregateKey = 'kebutuhanBulat' | 'bezetting' | 'selisih' | 'kelebihan' | 'kekurangan' | 'eu' | 'grade';

/** Header cells of the aggregate columns: kebutuhan … grade. */
export function AggregateHeads<K extends string>({ sort, onSort }: { sort: SortState<K | AggregateKey>; onSort: (k: K | AggregateKey) => void }) {
  const { t } = useTranslation();
  const cols: [AggregateKey, string, boolean][] = [
    ['kebutuhanBulat', 'abk.kebutuhan', true],
    ['bezetting', 'abk.bezetting', true],
    ['selisih', 'abk.selisih', true],
    ['kelebihan', 'abk.kelebihan', true],
    ['kekurangan', 'abk.kekurangan', true],
    ['eu', 'abk.euShort', true],
    ['grade', 'abk.grade', false],
  ];
  return (
    <>
      {cols.map(([k, label, num]) => (
        <SortTh key={k} k={k} sort={sort} onSort={onSort} num={num}>
          {t(label)}
        </SortTh>
      ))}
    </>
  );
}

/** Body cells of the aggregate columns, in the order of AggregateHeads. */
export function AggregateCells({ a }: { a: Aggregate }) {
  const fmt = useFormat();
  const bounds = useGradeBounds();
  return (
    <>
      <Table.Td className="num">{fmt.num(a.kebutuhanBulat)}</Table.Td>
      <Table.Td className="num">{fmt.num(a.bezetting)}</Table.Td>
      <Table.Td className="num">
        <Selisih n={a.selisih} />
      </Table.Td>
      <Table.Td className="num" c={a.kelebihan > 0 ? 'blue.7' : 'dimmed'}>
        {fmt.num(a.kelebihan)}
      </Table.Td>
      <Table.Td className="num" c={a.kekurangan > 0 ? 'red.8' : 'dimmed'} fw={a.kekurangan > 0 ? 600 : 400}>
        {fmt.num(a.kekurangan)}
      </Table.Td>
      <Table.Td className="num">{a.bezetting > 0 ? fmt.graded(a.eu, bounds) : '–'}</Table.Td>
      <Table.Td>
        <GradeBadge grade={a.grade} shortfall={a.kekurangan} />
      </Table.Td>
    </>
  );
}
