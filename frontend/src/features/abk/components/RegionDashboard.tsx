import { useMemo } from 'react';
import { Card, Group, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OPDRow, RegionView } from '../api';
import type { EChartOption } from '../../../components/EChart';
import { BEZETTING_HEX, DEFICIT_HEX, GRADE_HEX, KEBUTUHAN_HEX, SURPLUS_HEX, safeName } from '../colors';
import { useFormat } from '../../../lib/format';
import { useRefLabel } from '../../../lib/queries';
import { AggregateCells, AggregateHeads, ChartCard, GradeBadge, SortTh, Stat, useSorted } from './parts';

type OpdKey = 'nama' | 'kebutuhanBulat' | 'bezetting' | 'selisih' | 'kelebihan' | 'kekurangan' | 'eu' | 'grade';

const opdValue = (o: OPDRow, k: OpdKey): string | number => (k === 'nama' ? o.singkatan || o.nama : o[k]);

export function RegionDashboard({ r, onOpenOPD }: { r: RegionView; onOpenOPD: (o: OPDRow) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const jenisLabel = useRefLabel('jenisJabatan');
  const opd = useMemo(() => r.opd ?? [], [r.opd]);
  const { sorted, sort, toggle } = useSorted<OPDRow, OpdKey>(opd, { key: 'kekurangan', desc: true }, opdValue);
  const year = r.abk.tahun;
  const file = (what: string) => safeName(`abk-${year}-${what}`);
  const bands = r.settings.bands;

  // Kebutuhan vs bezetting per OPD, the largest deficit on top.
  const barOption = useMemo<EChartOption>(() => {
    const rows = [...opd].reverse();
    return {
      animation: false,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const o = rows[ps[0]?.dataIndex ?? 0];
          if (!o) return '';
          return [
            `<b>${o.nama}</b>`,
            `${t('abk.kebutuhan')}: ${fmt.num(o.kebutuhanBulat)}`,
            `${t('abk.bezetting')}: ${fmt.num(o.bezetting)}`,
            `${t('abk.kekurangan')}: ${fmt.num(o.kekurangan)} · ${t('abk.kelebihan')}: ${fmt.num(o.kelebihan)}`,
          ].join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.num(v) } },
      yAxis: { type: 'category', data: rows.map((o) => o.singkatan || o.kode), axisLabel: { fontSize: 10 } },
      series: [
        { name: t('abk.kebutuhan'), type: 'bar', barGap: '10%', barMaxWidth: 9, itemStyle: { color: KEBUTUHAN_HEX }, data: rows.map((o) => o.kebutuhanBulat) },
        { name: t('abk.bezetting'), type: 'bar', barMaxWidth: 9, itemStyle: { color: BEZETTING_HEX }, data: rows.map((o) => o.bezetting) },
      ],
    };
  }, [opd, t, fmt]);

  // Selisih OPD × jenis jabatan, diverging: red deficit, white balanced, blue surplus.
  const heatOption = useMemo<EChartOption>(() => {
    const hm = r.heatmap;
    const rowsN = hm.opd?.length ?? 0;
    const jenis = (hm.jenis ?? []).map((j) => jenisLabel(j));
    const cells = hm.cells ?? [];
    const max = Math.max(1, ...cells.map((c) => Math.abs(c.selisih)));
    const lim = Math.min(max, 30);
    return {
      animation: false,
      tooltip: {
        formatter: (p: { data: [number, number, number, number, number] }) => {
          const [col, row, sel, leb, kur] = p.data;
          return `<b>${hm.opd?.[rowsN - 1 - row] ?? ''}</b> · ${jenis[col] ?? ''}<br/>${t('abk.selisih')}: ${fmt.signed(sel)}<br/>${t('abk.kekurangan')}: ${fmt.num(kur)} · ${t('abk.kelebihan')}: ${fmt.num(leb)}`;
        },
      },
      grid: { left: 8, right: 16, top: 8, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: jenis, axisLabel: { interval: 0, rotate: 30, fontSize: 10 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: [...(hm.opd ?? [])].reverse(), axisLabel: { fontSize: 10 }, splitArea: { show: true } },
      visualMap: {
        min: -lim,
        max: lim,
        calculable: true,
        dimension: 2,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        text: [t('abk.kelebihan'), t('abk.kekurangan')],
        inRange: { color: [DEFICIT_HEX, '#f4a3a3', '#ffffff', '#9ec5f0', SURPLUS_HEX] },
      },
      series: [
        {
          type: 'heatmap',
          data: cells.map((c) => [c.col, rowsN - 1 - c.row, c.selisih, c.kelebihan, c.kekurangan]),
          label: { show: true, fontSize: 9, formatter: (p: { data: number[] }) => (p.data[2] === 0 ? '' : fmt.signed(p.data[2])) },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
      ],
    };
  }, [r.heatmap, jenisLabel, t, fmt]);

  const gradeOption = useMemo<EChartOption>(() => {
    const g = r.grades ?? [];
    return {
      animation: false,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const c = g[ps[0]?.dataIndex ?? 0];
          return c ? `${t(`abk.gradeMeaning.${c.grade === '-' ? 'kosong' : c.grade}`)}: ${fmt.num(c.count)}` : '';
        },
      },
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: g.map((c) => (c.grade === '-' ? t('abk.kosongShort') : c.grade)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.num(v) } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 40,
          label: { show: true, position: 'top', formatter: (p: { value: number }) => fmt.num(p.value) },
          data: g.map((c) => ({ value: c.count, itemStyle: { color: GRADE_HEX[c.grade] ?? '#999' } })),
        },
      ],
    };
  }, [r.grades, t, fmt]);

  const trendOption = useMemo<EChartOption>(() => {
    const tr = r.trend ?? [];
    return {
      animation: false,
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const p = tr[ps[0]?.dataIndex ?? 0];
          return p ? `${fmt.date(p.tanggal)}<br/>${t('abk.balanceIndex')}: ${fmt.dec(p.index, 3)}<br/>${t('abk.shareB')}: ${fmt.pct(100 * p.shareB)}%` : '';
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: tr.map((p) => fmt.date(p.tanggal)), boundaryGap: tr.length < 3 },
      yAxis: [
        { type: 'value', min: 0, axisLabel: { formatter: (v: number) => fmt.dec(v, 2) } },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
      ],
      series: [
        { name: t('abk.balanceIndex'), type: 'line', symbolSize: 8, itemStyle: { color: KEBUTUHAN_HEX }, data: tr.map((p) => p.index) },
        {
          name: t('abk.shareB'),
          type: 'line',
          yAxisIndex: 1,
          symbolSize: 6,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: GRADE_HEX.B },
          data: tr.map((p) => Math.round(1000 * p.shareB) / 10),
        },
      ],
    };
  }, [r.trend, t, fmt]);

  const reg = r.region;
  const b = r.balance;
  const kosong = reg.kosong;

  return (
    <Stack gap="md" data-testid="abk-region">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        <Stat label={t('abk.kebutuhan')} value={fmt.num(reg.kebutuhanBulat)} hint={t('abk.positionsHint', { n: fmt.num(reg.jumlahPosisi) })} testId="card-kebutuhan" />
        <Stat label={t('abk.bezetting')} value={fmt.num(reg.bezetting)} hint={t('abk.kosongHint', { n: fmt.num(kosong) })} testId="card-bezetting" />
        <Stat label={t('abk.kelebihan')} value={fmt.num(reg.kelebihan)} color="blue.7" hint={t('abk.kelebihanHint')} testId="card-kelebihan" />
        <Stat label={t('abk.kekurangan')} value={fmt.num(reg.kekurangan)} color="red.8" hint={t('abk.kekuranganHint')} testId="card-kekurangan" />
        <Stat label={t('abk.eu')} value={fmt.dec(reg.eu)} hint={t('abk.euHint')} testId="card-eu">
          <GradeBadge grade={reg.grade} size="lg" />
        </Stat>
        <Stat
          label={t('abk.balanceIndex')}
          value={fmt.dec(b.index, 3)}
          testId="card-balance"
          hint={
            <>
              {t('abk.balanceExplain')}
              <br />
              {t('abk.shareBHint', { p: fmt.pct(100 * b.shareB) })}
            </>
          }
        />
      </SimpleGrid>

      <Card withBorder p={0}>
        <Group justify="space-between" p="sm" pb={6}>
          <div>
            <Title order={5}>{t('abk.opdTable')}</Title>
            <Text size="xs" c="dimmed">
              {t('abk.opdTableHint')}
            </Text>
          </div>
          <Text size="xs" c="dimmed">
            {t('abk.bandsHint', { a: fmt.dec(bands.a), b: fmt.dec(bands.b), c: fmt.dec(bands.c), d: fmt.dec(bands.d) })}
          </Text>
        </Group>
        <ScrollArea h={360}>
          <Table highlightOnHover stickyHeader data-testid="abk-opd-table">
            <Table.Thead>
              <Table.Tr>
                <SortTh k="nama" sort={sort} onSort={toggle}>
                  {t('abk.col.opd')}
                </SortTh>
                <AggregateHeads sort={sort} onSort={toggle} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((o) => (
                <Table.Tr
                  key={o.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => onOpenOPD(o)}
                  data-testid="abk-opd-row"
                  data-kekurangan={o.kekurangan}
                  data-singkatan={o.singkatan}
                >
                  <Table.Td>
                    <Text size="sm" fw={500} lineClamp={1}>
                      {o.nama}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[o.kode, o.singkatan].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <AggregateCells a={o} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Card>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard
          title={t('abk.chart.bar')}
          hint={t('abk.chart.barHint')}
          option={barOption}
          height={Math.max(360, opd.length * 20 + 50)}
          fileName={file('kebutuhan-bezetting')}
          testId="chart-abk-bar"
        />
        <ChartCard
          title={t('abk.chart.heatmap')}
          hint={t('abk.chart.heatmapHint')}
          option={heatOption}
          height={Math.max(360, opd.length * 20 + 50)}
          fileName={file('heatmap-selisih')}
          testId="chart-abk-heatmap"
        />
        <ChartCard
          title={t('abk.chart.grades')}
          hint={t('abk.chart.gradesHint')}
          option={gradeOption}
          height={260}
          fileName={file('sebaran-nilai')}
          testId="chart-abk-grades"
        />
        <ChartCard
          title={t('abk.chart.trend')}
          hint={t('abk.chart.trendHint')}
          option={trendOption}
          height={260}
          fileName={file('tren-indeks')}
          testId="chart-abk-trend"
        />
      </SimpleGrid>
    </Stack>
  );
}
