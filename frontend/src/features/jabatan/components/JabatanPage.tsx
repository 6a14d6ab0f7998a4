import { useMemo, useState } from 'react';
import { Button, Card, Group, ScrollArea, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { IconFileSpreadsheet, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Jabatan, JabatanRow } from '../../../api';
import { jabatanApi } from '../api';
import { CatalogueTable, RowActions, useDeleteConfirm, type Column } from '../../../components/crud';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useCan } from '../../auth';
import { runExport } from '../../../lib/exports';
import { useFormat } from '../../../lib/format';
import { useJabatan, useRefLabel, useRefOptions } from '../../../lib/queries';
import { JabatanFormModal } from './JabatanForm';

function toJabatan(r: JabatanRow): Jabatan {
  return {
    id: r.id,
    kode: r.kode,
    nama: r.nama,
    jenis: r.jenis,
    jenjang: r.jenjang,
    kelas: r.kelas,
    minPendidikan: r.minPendidikan,
    jurusan: r.jurusan,
    golonganMin: r.golonganMin,
    golonganMax: r.golonganMax,
    bup: r.bup,
  };
}

export function JabatanPage() {
  const { t } = useTranslation();
  const canEdit = useCan('UBAH_ORG'); // the catalogue is the admin's (the backend refuses others)
  const fmt = useFormat();
  const jabatan = useJabatan();
  const jenisLabel = useRefLabel('jenisJabatan');
  const jenjangLabel = useRefLabel('jenjang');
  const jenisOptions = useRefOptions('jenisJabatan');
  const [search, setSearch] = useState('');
  const [jenis, setJenis] = useState<string | null>(null);
  const [editing, setEditing] = useState<Jabatan | 'new' | null>(null);
  const [exporting, setExporting] = useState(false);

  const rows = useMemo(() => {
    const f = search.trim().toLowerCase();
    return (jabatan.data ?? []).filter(
      (j) => (!jenis || j.jenis === jenis) && (!f || `${j.kode} ${j.nama}`.toLowerCase().includes(f)),
    );
  }, [jabatan.data, search, jenis]);

  const del = useDeleteConfirm<JabatanRow>({
    remove: (j) => jabatanApi.deleteJabatan(j.id),
    name: (j) => j.nama,
    title: () => t('jabatan.deleteTitle'),
  });
  const columns: Column<JabatanRow>[] = [
    { header: t('field.kode'), cell: (j) => j.kode, mono: true },
    { header: t('field.namaJabatan'), cell: (j) => j.nama },
    { header: t('field.jenis'), cell: (j) => jenisLabel(j.jenis) },
    { header: t('field.jenjang'), cell: (j) => jenjangLabel(j.jenjang) || '–' },
    { header: t('field.kelas'), cell: (j) => j.kelas || '–', num: true },
    { header: t('field.minPendidikan'), cell: (j) => j.pendidikanLabel || '–' },
    { header: t('field.golongan'), cell: (j) => j.golonganRange || '–' },
    { header: t('field.bup'), cell: (j) => j.bup || '–', num: true },
    { header: t('jabatan.pegawai'), cell: (j) => fmt.num(j.pegawai), num: true },
  ];

  return (
    <div data-testid="jabatan-page">
      <PageHeader title={t('jabatan.title')} subtitle={t('jabatan.subtitle', { n: fmt.num(jabatan.data?.length ?? 0) })}>
        <Tooltip label={t('export.jabatanHint')} withArrow>
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            loading={exporting}
            disabled={!jabatan.data?.length}
            data-testid="btn-export-jabatan"
            onClick={async () => {
              setExporting(true);
              try {
                await runExport(() => jabatanApi.exportJabatan());
              } finally {
                setExporting(false);
              }
            }}
          >
            {t('export.xlsx')}
          </Button>
        </Tooltip>
        {canEdit && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="btn-add-jabatan">
            {t('jabatan.add')}
          </Button>
        )}
      </PageHeader>
      <Group mb="sm" gap="xs">
        <TextInput
          w={280}
          leftSection={<IconSearch size={16} />}
          placeholder={t('jabatan.search')}
          aria-label={t('jabatan.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Select w={200} placeholder={t('pegawai.filter.jenisJabatan')} data={jenisOptions} value={jenis} onChange={setJenis} clearable />
        <Text size="sm" c="dimmed">
          {t('jabatan.shown', { n: fmt.num(rows.length) })}
        </Text>
      </Group>
      {jabatan.isError && <QueryError error={jabatan.error} onRetry={() => void jabatan.refetch()} />}
      <Card withBorder p={0}>
        <ScrollArea h="calc(100vh - 220px)">
          <CatalogueTable
            striped
            testId="jabatan-table"
            rowTestId="jabatan-row"
            rows={rows}
            rowKey={(j) => j.id}
            pending={jabatan.isPending}
            columns={columns}
            actions={(j) => <RowActions onEdit={() => setEditing(toJabatan(j))} onDelete={() => del.ask(j)} />}
          />
        </ScrollArea>
      </Card>
      {editing && <JabatanFormModal initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {del.dialog}
    </div>
  );
}
