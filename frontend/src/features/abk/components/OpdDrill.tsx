import { useCallback, useMemo } from 'react';
import { Badge, Card, Group, SimpleGrid, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Aggregate, OPDDetail, PositionRow, UnitRow } from '../api';
import { useFormat } from '../../../lib/format';
import { useRefLabel, useGradeBounds } from '../../../lib/queries';
import { AggregateCells, AggregateHeads, GradeBadge, Selisih, SortTh, Stat, useSorted } from './parts';

/** The five figures of an aggregate (OPD or unit) as cards. */
export function AggregateCards({ a, testId }: { a: Aggregate; testId?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bounds = useGradeBounds();
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" data-testid={testId}>
      <Stat label={t('abk.kebutuhan')} value={fmt.num(a.kebutuhanBulat)} />
      <Stat label={t('abk.bezetting')} value={fmt.num(a.bezetting)} hint={t('abk.kosongHint', { n: fmt.num(a.kosong) })} />
      <Stat label={t('abk.kelebihan')} value={fmt.num(a.kelebihan)} color={a.kelebihan > 0 ? 'blue.7' : undefined} />
      <Stat label={t('abk.kekurangan')} value={fmt.num(a.kekurangan)} color={a.kekurangan > 0 ? 'red.8' : undefined} />
      <Stat label={t('abk.eu')} value={a.bezetting > 0 ? fmt.graded(a.eu, bounds) : '–'}>
        <GradeBadge grade={a.grade} size="lg" />
      </Stat>
    </SimpleGrid>
  );
}

type UnitKey = 'kode' | 'jabatan' | 'kebutuhanBulat' | 'bezetting' | 'selisih' | 'kelebihan' | 'kekurangan' | 'eu' | 'grade';

/** Depth of each unit in its OPD's tree, from parentId. */
function depths(units: UnitRow[]): Map<string, number> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Map<string, number>();
  const depth = (u: UnitRow, seen = 0): number => {
    if (out.has(u.id)) return out.get(u.id)!;
    const p = u.parentId ? byId.get(u.parentId) : undefined;
    const d = p && seen < 20 ? depth(p, seen + 1) + 1 : 0;
    out.set(u.id, d);
    return d;
  };
  units.forEach((u) => depth(u));
  return out;
}

export function UnitsTable({ d, onOpenUnit }: { d: OPDDetail; onOpenUnit: (u: UnitRow) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const units = useMemo(() => d.units ?? [], [d.units]);
  const depth = useMemo(() => depths(units), [units]);
  const value = useCallback(
    (u: UnitRow, k: UnitKey): string | number => (k === 'kode' ? u.kode : k === 'jabatan' ? u.jumlahPosisi : u[k]),
    [],
  );
  const { sorted, sort, toggle } = useSorted<UnitRow, UnitKey>(units, { key: 'kode', desc: false }, value);
  const tree = sort.key === 'kode' && !sort.desc;

  return (
    <Card withBorder p={0}>
      <Group p="sm" pb={6} justify="space-between">
        <Title order={5}>{t('abk.unitsTitle', { n: fmt.num(units.length) })}</Title>
        <Text size="xs" c="dimmed">
          {t('abk.clickUnit')}
        </Text>
      </Group>
      <Table highlightOnHover data-testid="abk-unit-table">
        <Table.Thead>
          <Table.Tr>
            <SortTh k="kode" sort={sort} onSort={toggle}>
              {t('abk.col.unit')}
            </SortTh>
            <SortTh k="jabatan" sort={sort} onSort={toggle} num>
              {t('abk.col.positions')}
            </SortTh>
            <AggregateHeads sort={sort} onSort={toggle} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((u) => (
            <Table.Tr key={u.id} style={{ cursor: 'pointer' }} onClick={() => onOpenUnit(u)} data-testid="abk-unit-row" data-kekurangan={u.kekurangan}>
              <Table.Td pl={tree ? 8 + (depth.get(u.id) ?? 0) * 18 : undefined} miw={280}>
                <Text size="sm" fw={(depth.get(u.id) ?? 0) === 0 ? 600 : 400} lineClamp={1}>
                  {u.nama}
                </Text>
                <Text size="xs" c="dimmed" className="mono">
                  {u.kode}
                </Text>
              </Table.Td>
              <Table.Td className="num">{fmt.num(u.jumlahPosisi)}</Table.Td>
              <AggregateCells a={u} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

type PosKey = 'jabatanNama' | 'jenisJabatan' | 'beban' | 'kebutuhan' | 'bezetting' | 'selisih' | 'ej' | 'grade';

export function PositionsTable({ unit, onOpen }: { unit: UnitRow; onOpen: (p: PositionRow) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bounds = useGradeBounds();
  const jenisLabel = useRefLabel('jenisJabatan');
  const rows = useMemo(() => unit.positions ?? [], [unit.positions]);
  const value = useCallback((p: PositionRow, k: PosKey): string | number => p[k], []);
  const { sorted, sort, toggle } = useSorted<PositionRow, PosKey>(rows, { key: 'selisih', desc: false }, value);

  return (
    <Card withBorder p={0}>
      <Group p="sm" pb={6} justify="space-between">
        <Title order={5}>{t('abk.positionsTitle', { n: fmt.num(rows.length) })}</Title>
        <Text size="xs" c="dimmed">
          {t('abk.clickPosition')}
        </Text>
      </Group>
      <Table highlightOnHover data-testid="abk-position-table">
        <Table.Thead>
          <Table.Tr>
            <SortTh k="jabatanNama" sort={sort} onSort={toggle}>
              {t('abk.col.jabatan')}
            </SortTh>
            <SortTh k="jenisJabatan" sort={sort} onSort={toggle}>
              {t('abk.col.jenis')}
            </SortTh>
            <SortTh k="beban" sort={sort} onSort={toggle} num>
              {t('abk.bebanMenit')}
            </SortTh>
            <SortTh k="kebutuhan" sort={sort} onSort={toggle} num>
              {t('abk.kebutuhan')}
            </SortTh>
            <SortTh k="bezetting" sort={sort} onSort={toggle} num>
              {t('abk.bezetting')}
            </SortTh>
            <SortTh k="selisih" sort={sort} onSort={toggle} num>
              {t('abk.selisih')}
            </SortTh>
            <SortTh k="ej" sort={sort} onSort={toggle} num>
              {t('abk.ej')}
            </SortTh>
            <SortTh k="grade" sort={sort} onSort={toggle}>
              {t('abk.grade')}
            </SortTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((p) => (
            <Table.Tr key={p.jabatanId} style={{ cursor: 'pointer' }} onClick={() => onOpen(p)} data-testid="abk-position-row">
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500} lineClamp={1}>
                    {p.jabatanNama}
                  </Text>
                  {p.tanpaAbk && (
                    <Tooltip label={t('abk.tanpaAbkHint')} withArrow>
                      <Badge size="xs" color="orange" variant="outline">
                        {t('abk.tanpaAbk')}
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
                <Text size="xs" c="dimmed" className="mono">
                  {p.jabatanKode}
                </Text>
              </Table.Td>
              <Table.Td>{jenisLabel(p.jenisJabatan)}</Table.Td>
              <Table.Td className="num">{fmt.num(Math.round(p.beban))}</Table.Td>
              <Table.Td className="num">
                {fmt.num(p.kebutuhanBulat)}{' '}
                <Text span size="xs" c="dimmed">
                  ({fmt.dec(p.kebutuhan)})
                </Text>
              </Table.Td>
              <Table.Td className="num">{fmt.num(p.bezetting)}</Table.Td>
              <Table.Td className="num">
                <Selisih n={p.selisih} />
              </Table.Td>
              <Table.Td className="num">{p.kosong ? '–' : fmt.graded(p.ej, bounds)}</Table.Td>
              <Table.Td>
                <GradeBadge grade={p.grade} shortfall={Math.max(0, -p.selisih)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
