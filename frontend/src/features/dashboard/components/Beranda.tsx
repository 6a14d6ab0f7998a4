import { useCallback, useEffect, useMemo } from 'react';
import { Button, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { evaluasiApi } from '../../evaluasi';
import { mutasiApi } from '../../mutasi';
import { useTranslation } from 'react-i18next';
import type { Count, Dashboard, Reference } from '../../../api';
import { EChart, type EChartOption } from '../../../components/EChart';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../lib/format';
import { mk } from '../../../api/queryKeys';
import { navigate } from '../../../lib/nav';
import { useCurrentUser, useReference, useRoleLabel } from '../../../lib/queries';
import { useDashboard } from '../queries';
import { reportReady } from '../../../lib/uiLog';

const STATUS_COLORS: Record<string, string> = { PNS: '#2b5399', CPNS: '#6589ca', PPPK: '#e8590c' };

export function Beranda() {
  const { t } = useTranslation();
  const dash = useDashboard();

  return (
    <div data-testid="dashboard">
      <PageHeader title={t('beranda.title')} subtitle={dash.data?.pemdaNama} />
      {dash.isError && <QueryError error={dash.error} onRetry={() => void dash.refetch()} />}
      {dash.isPending && <Skeleton h={400} />}
      {dash.data && <DashboardView d={dash.data} />}
    </div>
  );
}

function Total({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} className="num" style={{ textAlign: 'left' }}>
        {value}
      </Text>
    </Paper>
  );
}

/** Count labels come from the backend in Indonesian; English ones from Reference where it has them. */
function useCountLabel(kind: keyof Reference | null) {
  const { i18n } = useTranslation();
  const ref = useReference();
  const en = i18n.language.startsWith('en');
  const opts = kind ? ref.data?.[kind] : null;
  return useCallback(
    (c: Count) => {
      if (!en || !opts) return c.label || c.key;
      const o = opts.find((x) => x.value === c.key);
      return o?.labelEn || c.label || c.key;
    },
    [en, opts],
  );
}

function DashboardView({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const statusLabel = useCountLabel('status');
  const jenisLabel = useCountLabel('jenisJabatan');
  const golLabel = useCountLabel(null);

  const perOpd = useMemo(() => [...(d.perOpd ?? [])].reverse(), [d.perOpd]);
  const opdOption = useMemo<EChartOption>(
    () => ({
      animation: false,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: { dataIndex: number; seriesName: string; value: number; marker: string }[]) => {
          const o = perOpd[params[0]?.dataIndex ?? 0];
          if (!o) return '';
          const lines = params.map((p) => `${p.marker} ${p.seriesName}: ${fmt.num(p.value)}`);
          return `<b>${o.nama}</b><br/>${lines.join('<br/>')}<br/>${t('beranda.total')}: ${fmt.num(o.pegawai)}`;
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.num(v) } },
      yAxis: {
        type: 'category',
        data: perOpd.map((o) => o.singkatan || o.kode || o.nama),
        axisLabel: { fontSize: 11 },
      },
      series: (['PNS', 'CPNS', 'PPPK'] as const).map((s) => ({
        name: s,
        type: 'bar',
        stack: 'total',
        barMaxWidth: 18,
        itemStyle: { color: STATUS_COLORS[s] },
        data: perOpd.map((o) => (s === 'PNS' ? o.pns : s === 'CPNS' ? o.cpns : o.pppk)),
      })),
    }),
    [perOpd, fmt, t],
  );

  const statusOption = useMemo<EChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'item', valueFormatter: (v: number) => fmt.num(v) },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          label: { formatter: (p: { name: string; percent: number }) => `${p.name} ${fmt.pct(p.percent)}%` },
          data: (d.perStatus ?? []).map((c) => ({
            name: statusLabel(c),
            value: c.count,
            itemStyle: { color: STATUS_COLORS[c.key] },
          })),
        },
      ],
    }),
    [d.perStatus, statusLabel, fmt],
  );

  const golOption = useMemo<EChartOption>(
    () => ({
      animation: false,
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number; value: number }[]) => {
          const c = d.perGolongan?.[ps[0]?.dataIndex ?? 0];
          return c ? `${golLabel(c)}: ${fmt.num(c.count)}` : '';
        },
      },
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      // Short keys (I … IV, PPPK) on the axis; the full label in the tooltip.
      xAxis: { type: 'category', data: (d.perGolongan ?? []).map((c) => c.key), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.num(v) } },
      series: [{ type: 'bar', barMaxWidth: 36, itemStyle: { color: '#345eab' }, data: (d.perGolongan ?? []).map((c) => c.count) }],
    }),
    [d.perGolongan, golLabel, fmt],
  );

  const height = Math.max(320, perOpd.length * 22 + 50);
  useEffect(() => reportReady('dashboard'), []);

  return (
    <Stack>
      <MutasiCard />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Total label={t('beranda.pegawai')} value={fmt.num(d.jumlahPegawai)} testId="total-pegawai" />
        <Total label={t('beranda.opd')} value={fmt.num(d.jumlahOpd)} testId="total-opd" />
        <Total label={t('beranda.unit')} value={fmt.num(d.jumlahUnit)} testId="total-unit" />
        <Total label={t('beranda.jabatan')} value={fmt.num(d.jumlahJabatan)} testId="total-jabatan" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('beranda.perStatus')}
          </Title>
          {d.jumlahPegawai > 0 ? (
            <EChart option={statusOption} height={240} data-testid="chart-status" />
          ) : (
            <NoData />
          )}
        </Card>
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('beranda.perGolongan')}
          </Title>
          {d.jumlahPegawai > 0 ? (
            <EChart option={golOption} height={240} data-testid="chart-golongan" />
          ) : (
            <NoData />
          )}
        </Card>
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('beranda.perJenis')}
          </Title>
          <CountTable rows={d.perJenis ?? []} label={jenisLabel} total={d.jumlahPegawai} />
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('beranda.perOpd')}</Title>
          <Text size="xs" c="dimmed">
            {t('beranda.perOpdHint', { n: fmt.num(perOpd.length) })}
          </Text>
        </Group>
        {perOpd.length === 0 ? (
          <NoData />
        ) : (
          <EChart option={opdOption} height={height} data-testid="chart-opd" />
        )}
      </Card>
    </Stack>
  );
}

/** Requests waiting in the current user's inbox and evaluations due. */
function MutasiCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const user = useCurrentUser();
  const roleLabel = useRoleLabel();
  const inbox = useQuery({
    queryKey: mk.inboxCount(user.data?.id ?? ''),
    queryFn: () => mutasiApi.listUsulan({ status: '', jenis: '', opdId: '', search: '', inbox: true, offset: 0, limit: 1 }),
  });
  const due = useQuery({ queryKey: mk.evaluasiCount, queryFn: evaluasiApi.evaluasiDueCount });
  return (
    <Card withBorder data-testid="beranda-mutasi">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Group justify="space-between" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('beranda.mutasi.inbox', { role: roleLabel(user.data?.role) })}
            </Text>
            <Text fz={24} fw={700} data-testid="beranda-inbox">
              {inbox.data ? fmt.num(inbox.data.total) : '–'}
            </Text>
          </div>
          <Button variant="light" size="xs" style={{ flexShrink: 0 }} onClick={() => navigate('mutasi/inbox')}>
            {t('beranda.mutasi.openInbox')}
          </Button>
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('beranda.mutasi.due')}
            </Text>
            <Group gap="xs" align="baseline">
              <Text fz={24} fw={700} data-testid="beranda-evaluasi-due">
                {due.data ? fmt.num(due.data.jatuhTempo) : '–'}
              </Text>
              {!!due.data?.terlambat && (
                <Text size="sm" c="red.8" fw={600}>
                  {t('beranda.mutasi.overdue', { n: fmt.num(due.data.terlambat) })}
                </Text>
              )}
              {!!due.data?.segera && (
                <Text size="sm" c="dimmed">
                  {t('beranda.mutasi.soon', { n: fmt.num(due.data.segera) })}
                </Text>
              )}
            </Group>
          </div>
          <Button variant="light" size="xs" style={{ flexShrink: 0 }} onClick={() => navigate('evaluasi')}>
            {t('beranda.mutasi.openEvaluasi')}
          </Button>
        </Group>
      </SimpleGrid>
    </Card>
  );
}

function NoData() {
  const { t } = useTranslation();
  return (
    <Text c="dimmed" size="sm">
      {t('common.noData')}
    </Text>
  );
}

function CountTable({ rows, label, total }: { rows: Count[]; label: (c: Count) => string; total: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (rows.length === 0 || total === 0) return <NoData />;
  return (
    <Table striped data-testid="table-jenis">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('pegawai.col.jenisJabatan')}</Table.Th>
          <Table.Th className="num">{t('beranda.count')}</Table.Th>
          <Table.Th className="num">%</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((c) => (
          <Table.Tr key={c.key}>
            <Table.Td>{label(c)}</Table.Td>
            <Table.Td className="num">{fmt.num(c.count)}</Table.Td>
            <Table.Td className="num">
              {total > 0 ? fmt.pct((100 * c.count) / total) : '–'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
