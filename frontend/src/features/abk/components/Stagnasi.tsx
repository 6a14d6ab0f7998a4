import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Group, ScrollArea, Skeleton, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowsExchange, IconFileSpreadsheet, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { abkApi, type StagnanRow } from '../api';
import { QueryError } from '../../../components/QueryError';
import { runExport } from '../../../lib/exports';
import { useFormat } from '../../../lib/format';
import { navigate } from '../../../lib/nav';
import { useCan } from '../../auth';
import { qk } from '../../../api/queryKeys';
import { PegawaiPanel } from '../../pegawai';
import { SortTh, useSorted } from './parts';
import { ActionsTh } from '../../../components/ActionsTh';

/** The most rows the list asks for; the total is shown beside it. */
const LIMIT = 1000;

type Key = 'nama' | 'opdSingkatan' | 'jabatanNama' | 'tmtJabatan' | 'tahun';

export function StagnasiView() {
  const { t } = useTranslation();
  const canUsul = useCan('USUL');
  const fmt = useFormat();
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const q = useQuery({ queryKey: qk.stagnan, queryFn: () => abkApi.stagnationList(LIMIT) });
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const all = q.data?.rows ?? [];
    return f ? all.filter((r) => `${r.nip} ${r.nama} ${r.opdSingkatan} ${r.unitNama} ${r.jabatanNama}`.toLowerCase().includes(f)) : all;
  }, [q.data, filter]);
  const value = useCallback((r: StagnanRow, k: Key) => r[k], []);
  const { sorted, sort, toggle } = useSorted<StagnanRow, Key>(rows, { key: 'tahun', desc: true }, value);

  if (q.isPending) return <Skeleton h={300} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const shown = d.rows?.length ?? 0;

  return (
    <Card withBorder p={0} data-testid="stagnasi">
      <Group justify="space-between" p="sm">
        <div>
          <Text fw={600} data-testid="stagnasi-total">
            {t('abk.stagnasi.total', { count: d.total, n: fmt.num(d.total), limit: d.batasTahun })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('abk.stagnasi.hint', { limit: d.batasTahun })}
            {shown < d.total && ` ${t('abk.stagnasi.shown', { n: fmt.num(shown) })}`}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            w={260}
            size="xs"
            leftSection={<IconSearch size={14} />}
            placeholder={t('abk.stagnasi.filter')}
            aria-label={t('abk.stagnasi.filter')}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
          />
          <Tooltip label={t('export.stagnanHint')} withArrow>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconFileSpreadsheet size={14} />}
              loading={exporting}
              disabled={d.total === 0}
              data-testid="btn-export-stagnan"
              onClick={async () => {
                setExporting(true);
                try {
                  await runExport(() => abkApi.exportStagnan());
                } finally {
                  setExporting(false);
                }
              }}
            >
              {t('export.xlsx')}
            </Button>
          </Tooltip>
        </Group>
      </Group>
      <ScrollArea h="calc(100vh - 330px)">
        <Table highlightOnHover stickyHeader data-testid="stagnasi-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{t('pegawai.col.nip')}</Table.Th>
              <SortTh k="nama" sort={sort} onSort={toggle}>
                {t('pegawai.col.nama')}
              </SortTh>
              <SortTh k="opdSingkatan" sort={sort} onSort={toggle}>
                {t('pegawai.col.opd')}
              </SortTh>
              <Table.Th>{t('pegawai.col.unit')}</Table.Th>
              <SortTh k="jabatanNama" sort={sort} onSort={toggle}>
                {t('pegawai.col.jabatan')}
              </SortTh>
              <SortTh k="tmtJabatan" sort={sort} onSort={toggle}>
                {t('pegawai.col.tmtJabatan')}
              </SortTh>
              <SortTh k="tahun" sort={sort} onSort={toggle} num>
                {t('abk.stagnasi.years')}
              </SortTh>
              <ActionsTh />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((r) => (
              <Table.Tr
                key={r.pegawaiId}
                style={{ cursor: 'pointer' }}
                tabIndex={0}
                onClick={() => setOpen(r.pegawaiId)}
                onKeyDown={(e) => {
                  if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
                    e.preventDefault();
                    setOpen(r.pegawaiId);
                  }
                }}
                data-testid="stagnasi-row"
              >
                <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {r.nip}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} title={r.nama}>
                    {r.nama}
                  </Text>
                </Table.Td>
                <Table.Td>{r.opdSingkatan}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} title={r.unitNama}>
                    {r.unitNama}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} title={r.jabatanNama}>
                    {r.jabatanNama}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(r.tmtJabatan)}</Table.Td>
                <Table.Td className="num" fw={600} c={r.tahun >= 2 * d.batasTahun ? 'red.8' : undefined}>
                  {fmt.num(r.tahun)}
                </Table.Td>
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  {canUsul && (
                  <Tooltip label={t('abk.stagnasi.proposeHint')} withArrow>
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconArrowsExchange size={12} />}
                      onClick={() => navigate(`mutasi/baru?pegawai=${encodeURIComponent(r.pegawaiId)}&aps=0`)}
                      data-testid="btn-usulkan-rotasi"
                    >
                      {t('abk.stagnasi.propose')}
                    </Button>
                  </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {sorted.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text c="dimmed" size="sm" ta="center" py="md">
                    {t('common.noData')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <PegawaiPanel id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
