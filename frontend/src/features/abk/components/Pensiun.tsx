import { useMemo, useState } from 'react';
import { Button, Card, Group, ScrollArea, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { abkApi, type ABK } from '../api';
import type { EChartOption } from '../../../components/EChart';
import { QueryError } from '../../../components/QueryError';
import { safeName } from '../colors';
import { runExport } from '../../../lib/exports';
import { useFormat } from '../../../lib/format';
import { qk } from '../../../api/queryKeys';
import { ChartCard } from './parts';

const YEAR_COLORS = ['#1d4688', '#426fc1', '#88a5d6', '#f59f00', '#e8590c'];
/** OPDs in the chart: the ones with most retirements; the table lists all. */
const CHART_OPD = 20;

export function PensiunView({ abk }: { abk: ABK }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({ queryKey: qk.pensiun(abk.id), queryFn: () => abkApi.retirementProjection(abk.id) });
  const [exporting, setExporting] = useState(false);
  const years = useMemo(() => q.data?.tahun ?? [], [q.data]);
  const opd = useMemo(() => q.data?.opd ?? [], [q.data]);

  const option = useMemo<EChartOption>(() => {
    const top = opd.filter((o) => o.total > 0).slice(0, CHART_OPD);
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: top.map((o) => o.singkatan), axisLabel: { interval: 0, rotate: 35, fontSize: 10 } },
      yAxis: { type: 'value', minInterval: 1, name: t('abk.pensiun.people'), nameTextStyle: { align: 'left' } },
      series: years.map((y, i) => ({
        name: String(y),
        type: 'bar',
        stack: 'pensiun',
        barMaxWidth: 28,
        itemStyle: { color: YEAR_COLORS[i % YEAR_COLORS.length] },
        data: top.map((o) => o.tahun?.find((x) => x.tahun === y)?.pensiun ?? 0),
      })),
    };
  }, [opd, years, t]);

  if (q.isPending) return <Skeleton h={400} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;

  const totalPer = years.map((y) => opd.reduce((s, o) => s + (o.tahun?.find((x) => x.tahun === y)?.pensiun ?? 0), 0));
  const kurangPer = years.map((y) => opd.reduce((s, o) => s + (o.tahun?.find((x) => x.tahun === y)?.kekuranganBaru ?? 0), 0));

  return (
    <Stack gap="md" data-testid="pensiun">
      <Text size="sm" c="dimmed">
        {t('abk.pensiun.intro', { tahun: abk.tahun })}
      </Text>
      <ChartCard
        title={t('abk.pensiun.chart')}
        hint={t('abk.pensiun.chartHint', { n: CHART_OPD })}
        option={option}
        height={340}
        fileName={safeName(`proyeksi-pensiun-${years[0] ?? ''}-${years[years.length - 1] ?? ''}`)}
        testId="chart-pensiun"
      />
      <Card withBorder p={0}>
        <Group justify="space-between" p="sm" pb={4}>
          <Title order={5}>{t('abk.pensiun.table')}</Title>
          <Tooltip label={t('export.pensiunHint')} withArrow>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconFileSpreadsheet size={14} />}
              loading={exporting}
              disabled={opd.length === 0}
              data-testid="btn-export-pensiun"
              onClick={async () => {
                setExporting(true);
                try {
                  await runExport(() => abkApi.exportPensiun(abk.id));
                } finally {
                  setExporting(false);
                }
              }}
            >
              {t('export.xlsx')}
            </Button>
          </Tooltip>
        </Group>
        <Text size="xs" c="dimmed" px="sm" pb="xs">
          {t('abk.pensiun.tableHint')}
        </Text>
        <ScrollArea h="calc(100vh - 300px)" mih={300}>
          <Table stickyHeader highlightOnHover withColumnBorders data-testid="pensiun-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2}>{t('abk.col.opd')}</Table.Th>
                {years.map((y) => (
                  <Table.Th key={y} colSpan={2} ta="center">
                    {y}
                  </Table.Th>
                ))}
                <Table.Th rowSpan={2} className="num">
                  {t('abk.pensiun.total')}
                </Table.Th>
              </Table.Tr>
              <Table.Tr>
                {years.map((y) => [
                  <Table.Th key={`${y}p`} className="num" fz="xs">
                    {t('abk.pensiun.retire')}
                  </Table.Th>,
                  <Table.Th key={`${y}k`} className="num" fz="xs">
                    {t('abk.pensiun.deficit')}
                  </Table.Th>,
                ])}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {opd.map((o) => (
                <Table.Tr key={o.opdId} data-testid="pensiun-row">
                  <Table.Td>
                    <Text size="sm" lineClamp={1} title={o.nama}>
                      {o.singkatan}
                    </Text>
                  </Table.Td>
                  {years.map((y) => {
                    const c = o.tahun?.find((x) => x.tahun === y);
                    return [
                      <Table.Td key={`${y}p`} className="num" c={c?.pensiun ? undefined : 'dimmed'}>
                        {fmt.num(c?.pensiun ?? 0)}
                      </Table.Td>,
                      <Table.Td key={`${y}k`} className="num" c={c?.kekuranganBaru ? 'red.8' : 'dimmed'}>
                        {fmt.num(c?.kekuranganBaru ?? 0)}
                      </Table.Td>,
                    ];
                  })}
                  <Table.Td className="num" fw={600}>
                    {fmt.num(o.total)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Td>{t('abk.pensiun.total')}</Table.Td>
                {years.map((y, i) => [
                  <Table.Td key={`${y}p`} className="num">
                    {fmt.num(totalPer[i])}
                  </Table.Td>,
                  <Table.Td key={`${y}k`} className="num" c="red.8">
                    {fmt.num(kurangPer[i])}
                  </Table.Td>,
                ])}
                <Table.Td className="num">{fmt.num(totalPer.reduce((a, b) => a + b, 0))}</Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </ScrollArea>
      </Card>
    </Stack>
  );
}
