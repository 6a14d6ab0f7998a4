import { useMemo, useState } from 'react';
import { ActionIcon, Button, Card, Group, ScrollArea, Select, Skeleton, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconFileSpreadsheet, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Jabatan, type JabatanRow } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useCan } from '../../auth';
import { runExport } from '../../../lib/exports';
import { useFormat } from '../../../lib/format';
import { notifyError, notifyOk } from '../../../lib/notify';
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
  const canEdit = useCan('ubah.org'); // the catalogue is the admin's (the backend refuses others)
  const fmt = useFormat();
  const qc = useQueryClient();
  const jabatan = useJabatan();
  const jenisLabel = useRefLabel('jenisJabatan');
  const jenjangLabel = useRefLabel('jenjang');
  const jenisOptions = useRefOptions('jenisJabatan');
  const [search, setSearch] = useState('');
  const [jenis, setJenis] = useState<string | null>(null);
  const [editing, setEditing] = useState<Jabatan | 'new' | null>(null);
  const [deleting, setDeleting] = useState<JabatanRow | null>(null);
  const [exporting, setExporting] = useState(false);

  const rows = useMemo(() => {
    const f = search.trim().toLowerCase();
    return (jabatan.data ?? []).filter(
      (j) => (!jenis || j.jenis === jenis) && (!f || `${j.kode} ${j.nama}`.toLowerCase().includes(f)),
    );
  }, [jabatan.data, search, jenis]);

  const del = useMutation({
    mutationFn: (j: JabatanRow) => api.deleteJabatan(j.id),
    onSuccess: async (_r, j) => {
      notifyOk(t('common.deletedName', { nama: j.nama }));
      setDeleting(null);
      await qc.invalidateQueries();
    },
    onError: (e) => {
      setDeleting(null);
      notifyError(e);
    },
  });

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
                await runExport(() => api.exportJabatan());
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
          <Table striped highlightOnHover stickyHeader data-testid="jabatan-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('field.kode')}</Table.Th>
                <Table.Th>{t('field.namaJabatan')}</Table.Th>
                <Table.Th>{t('field.jenis')}</Table.Th>
                <Table.Th>{t('field.jenjang')}</Table.Th>
                <Table.Th className="num">{t('field.kelas')}</Table.Th>
                <Table.Th>{t('field.minPendidikan')}</Table.Th>
                <Table.Th>{t('field.golongan')}</Table.Th>
                <Table.Th className="num">{t('field.bup')}</Table.Th>
                <Table.Th className="num">{t('jabatan.pegawai')}</Table.Th>
                <Table.Th w={70} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jabatan.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={10}>
                    <Skeleton h={200} />
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((j) => (
                <Table.Tr key={j.id} data-testid="jabatan-row">
                  <Table.Td className="mono">{j.kode}</Table.Td>
                  <Table.Td>{j.nama}</Table.Td>
                  <Table.Td>{jenisLabel(j.jenis)}</Table.Td>
                  <Table.Td>{jenjangLabel(j.jenjang) || '–'}</Table.Td>
                  <Table.Td className="num">{j.kelas || '–'}</Table.Td>
                  <Table.Td>{j.pendidikanLabel || '–'}</Table.Td>
                  <Table.Td>{j.golonganRange || '–'}</Table.Td>
                  <Table.Td className="num">{j.bup || '–'}</Table.Td>
                  <Table.Td className="num">{fmt.num(j.pegawai)}</Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon variant="subtle" size="sm" onClick={() => setEditing(toJabatan(j))} aria-label={t('common.edit')}>
                        <IconPencil size={14} />
                      </ActionIcon>
                      <ActionIcon variant="subtle" size="sm" color="red" onClick={() => setDeleting(j)} aria-label={t('common.delete')}>
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
              {!jabatan.isPending && rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={10}>
                    <Text c="dimmed" size="sm" ta="center" py="md">
                      {t('common.noData')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Card>
      {editing && <JabatanFormModal initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={!!deleting}
        title={t('jabatan.deleteTitle')}
        message={t('common.deleteConfirm', { nama: deleting?.nama ?? '' })}
        loading={del.isPending}
        onConfirm={() => deleting && del.mutate(deleting)}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
