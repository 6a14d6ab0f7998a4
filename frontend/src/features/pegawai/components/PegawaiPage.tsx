import { useCallback, useMemo, useState } from 'react';
import { Button, Checkbox, Group, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileSpreadsheet, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Pegawai, type PegawaiQuery } from '../../../api';
import { pegawaiApi } from '../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { runExport } from '../../../lib/exports';
import { useFormat } from '../../../lib/format';
import { qk } from '../../../api/queryKeys';
import { useOPDs, useRefOptions } from '../../../lib/queries';
import { useCan } from '../../auth';
import { PegawaiDetailDrawer } from './PegawaiDetail';
import { PegawaiFormModal } from './PegawaiForm';
import { PegawaiTable, type SortState } from './PegawaiTable';

export const PAGE_SIZE = 100;

/** The golongan groups PegawaiQuery.golongan accepts. */
const GOLONGAN_GROUPS = ['I', 'II', 'III', 'IV', 'PPPK'];

export function PegawaiPage() {
  const { t } = useTranslation();
  const canEdit = useCan('UBAH_PEG'); // hidden for read-only roles; the backend refuses anyway
  const fmt = useFormat();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [opdId, setOpdId] = useState<string | null>(null);
  const [golongan, setGolongan] = useState<string | null>(null);
  const [jenisJabatan, setJenisJabatan] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [keluar, setKeluar] = useState(false);
  const [sort, setSort] = useState<SortState>({ key: 'nama', desc: false });
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Pegawai | 'new' | null>(null);
  const [exporting, setExporting] = useState(false);

  const opds = useOPDs();
  const jenisOptions = useRefOptions('jenisJabatan');
  const statusOptions = useRefOptions('status');

  const filter = useMemo(
    () => ({
      search: debounced,
      opdId: opdId ?? '',
      golongan: golongan ?? '',
      jenisJabatan: jenisJabatan ?? '',
      status: status ?? '',
      unitId: '',
      jabatanId: '',
      termasukKeluar: keluar,
      sort: sort.key,
      desc: sort.desc,
    }),
    [debounced, opdId, golongan, jenisJabatan, status, keluar, sort],
  );

  const list = useInfiniteQuery({
    queryKey: qk.pegawaiPage(filter),
    queryFn: ({ pageParam }) => api.listPegawai({ ...filter, offset: pageParam, limit: PAGE_SIZE } satisfies PegawaiQuery),
    initialPageParam: 0,
    getNextPageParam: (last) => {
      const n = last.rows?.length ?? 0;
      const next = last.offset + n;
      return n > 0 && next < last.total ? next : undefined;
    },
    placeholderData: keepPreviousData,
  });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows ?? []) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const opdOptions = useMemo(
    () => (opds.data ?? []).map((o) => ({ value: o.id, label: o.singkatan ? `${o.singkatan} — ${o.nama}` : o.nama })),
    [opds.data],
  );
  const anyFilter = !!(search || opdId || golongan || jenisJabatan || status);

  return (
    <div data-testid="pegawai-page">
      <PageHeader
        title={t('pegawai.title')}
        subtitle={
          <span data-testid="pegawai-total" data-total={total}>
            {list.isPending ? t('common.loading') : t('pegawai.total', { n: fmt.num(total), count: total })}
          </span>
        }
      >
        <Tooltip label={t('export.pegawaiHint')} withArrow>
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            loading={exporting}
            disabled={total === 0}
            data-testid="btn-export-pegawai"
            onClick={async () => {
              setExporting(true);
              try {
                await runExport(() => pegawaiApi.exportPegawai({ ...filter, offset: 0, limit: 0 }));
              } finally {
                setExporting(false);
              }
            }}
          >
            {t('export.pegawai')}
          </Button>
        </Tooltip>
        {canEdit && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="btn-add-pegawai">
            {t('pegawai.add')}
          </Button>
        )}
      </PageHeader>

      <Group mb="sm" gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          w={250}
          placeholder={t('pegawai.searchPlaceholder')}
          aria-label={t('pegawai.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="pegawai-search"
          rightSection={
            search ? (
              <IconX size={14} style={{ cursor: 'pointer' }} onClick={() => setSearch('')} aria-label={t('common.clear')} />
            ) : null
          }
        />
        <Select
          w={240}
          placeholder={t('pegawai.filter.opd')}
          aria-label={t('pegawai.filter.opd')}
          data={opdOptions}
          value={opdId}
          onChange={setOpdId}
          searchable
          clearable
          data-testid="filter-opd"
        />
        <Select
          w={120}
          placeholder={t('pegawai.filter.golongan')}
          aria-label={t('pegawai.filter.golongan')}
          data={GOLONGAN_GROUPS}
          value={golongan}
          onChange={setGolongan}
          clearable
          data-testid="filter-golongan"
        />
        <Select
          w={170}
          placeholder={t('pegawai.filter.jenisJabatan')}
          aria-label={t('pegawai.filter.jenisJabatan')}
          data={jenisOptions}
          value={jenisJabatan}
          onChange={setJenisJabatan}
          clearable
          data-testid="filter-jenis"
        />
        <Select
          w={110}
          placeholder={t('pegawai.filter.status')}
          aria-label={t('pegawai.filter.status')}
          data={statusOptions}
          value={status}
          onChange={setStatus}
          clearable
          data-testid="filter-status"
        />
        <Checkbox
          label={t('pegawai.filter.keluar')}
          checked={keluar}
          onChange={(e) => setKeluar(e.currentTarget.checked)}
          data-testid="filter-keluar"
        />
        {anyFilter && (
          <Button
            variant="subtle"
            size="sm"
            onClick={() => {
              setSearch('');
              setOpdId(null);
              setGolongan(null);
              setJenisJabatan(null);
              setStatus(null);
            }}
          >
            {t('pegawai.resetFilter')}
          </Button>
        )}
      </Group>

      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {!list.isPending && rows.length === 0 && !list.isError ? (
        <Text c="dimmed" py="xl" ta="center" data-testid="pegawai-empty">
          {anyFilter ? t('pegawai.noMatch') : t('pegawai.empty')}
        </Text>
      ) : (
        <PegawaiTable
          rows={rows}
          hasMore={!!hasNextPage}
          loadingMore={isFetchingNextPage}
          loadMore={loadMore}
          sort={sort}
          onSort={setSort}
          selectedId={selected}
          onOpen={(r) => setSelected(r.id)}
          height="calc(100vh - 220px)"
          resetKey={JSON.stringify(filter)}
        />
      )}

      <PegawaiDetailDrawer
        id={selected}
        onClose={() => setSelected(null)}
        onEdit={(p) => setEditing(p)}
        onDeleted={() => setSelected(null)}
      />
      {editing && (
        <PegawaiFormModal
          initial={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(d) => {
            setEditing(null);
            setSelected(d.pegawai.id);
          }}
        />
      )}
    </div>
  );
}
