import { useState, type ReactNode } from 'react';
import { Badge, Card, Group, Skeleton, Table, Tabs, Text, Title } from '@mantine/core';
import { IconListDetails, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import type { ABK, PositionRow } from '../api';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../lib/format';
import { qk } from '../../../api/queryKeys';
import { useRefLabel, useGradeBounds } from '../../../lib/queries';
import { PegawaiPanel } from '../../pegawai';
import { GradeBadge, Selisih } from './parts';
import { TugasEditor } from './TugasEditor';

/** One position (unit × jabatan): its ABK tasks and the employees in post. */
export function PositionView({ abk, p }: { abk: ABK; p: PositionRow }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bounds = useGradeBounds();
  const jenisLabel = useRefLabel('jenisJabatan');
  const [tab, setTab] = useState<string | null>('tugas');
  return (
    <Card withBorder data-testid="abk-position">
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={4}>{p.jabatanNama}</Title>
          <Text size="sm" c="dimmed">
            {[p.jabatanKode, jenisLabel(p.jenisJabatan), p.unitNama, p.opdSingkatan].filter(Boolean).join(' · ')}
          </Text>
        </div>
        <Group gap="lg">
          <Figure label={t('abk.kebutuhan')}>{fmt.num(p.kebutuhanBulat)}</Figure>
          <Figure label={t('abk.bezetting')}>{fmt.num(p.bezetting)}</Figure>
          <Figure label={t('abk.selisih')}>
            <Selisih n={p.selisih} />
          </Figure>
          <Figure label={t('abk.ej')}>{p.kosong ? '–' : fmt.graded(p.ej, bounds)}</Figure>
          <Figure label={t('abk.grade')}>
            <GradeBadge grade={p.grade} shortfall={Math.max(0, -p.selisih)} />
          </Figure>
        </Group>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="tugas" leftSection={<IconListDetails size={15} />} data-testid="tab-tugas">
            {t('abk.tugas.title')}
          </Tabs.Tab>
          <Tabs.Tab
            value="pegawai"
            leftSection={<IconUsers size={15} />}
            rightSection={<Badge size="xs" variant="light">{fmt.num(p.bezetting)}</Badge>}
            data-testid="tab-pegawai"
          >
            {t('abk.pegawaiTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tugas">
          <TugasEditor abk={abk} unitId={p.unitId} jabatanId={p.jabatanId} bezetting={p.bezetting} />
        </Tabs.Panel>
        <Tabs.Panel value="pegawai">
          <PositionPegawai unitId={p.unitId} jabatanId={p.jabatanId} bezetting={p.bezetting} />
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ textAlign: 'right' }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="div" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Text>
    </div>
  );
}

/**
 * The employees in post. An OPD-bound role sees only its own OPD's people: an
 * empty list with people in post means they are in another OPD, not that the
 * post is empty.
 */
function PositionPegawai({ unitId, jabatanId, bezetting }: { unitId: string; jabatanId: string; bezetting: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, setOpen] = useState<string | null>(null);
  const q = {
    search: '',
    opdId: '',
    golongan: '',
    jenisJabatan: '',
    status: '',
    unitId,
    jabatanId,
    sort: 'nama',
    desc: false,
    offset: 0,
    limit: 500,
    termasukKeluar: false,
  };
  const list = useQuery({ queryKey: qk.pegawaiAtPosition(unitId, jabatanId), queryFn: () => api.listPegawai(q) });
  if (list.isPending) return <Skeleton h={120} />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data.rows ?? [];
  return (
    <>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm" py="md" ta="center" data-testid="abk-pegawai-empty">
          {bezetting > 0 ? t('abk.pegawaiOtherOpd', { count: bezetting }) : t('abk.noPegawai')}
        </Text>
      ) : (
        <Table highlightOnHover data-testid="abk-pegawai-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pegawai.col.nip')}</Table.Th>
              <Table.Th>{t('pegawai.col.nama')}</Table.Th>
              <Table.Th>{t('pegawai.col.status')}</Table.Th>
              <Table.Th>{t('pegawai.col.golongan')}</Table.Th>
              <Table.Th>{t('pegawai.col.tmtJabatan')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => setOpen(r.id)} data-testid="abk-pegawai-row">
                <Table.Td className="mono">{r.nip}</Table.Td>
                <Table.Td>{r.namaLengkap}</Table.Td>
                <Table.Td>{r.status}</Table.Td>
                <Table.Td>{r.golongan}</Table.Td>
                <Table.Td>{fmt.date(r.tmtJabatan)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PegawaiPanel id={open} onClose={() => setOpen(null)} />
    </>
  );
}
