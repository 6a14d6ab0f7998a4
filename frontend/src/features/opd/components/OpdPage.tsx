import { useMemo, useState } from 'react';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  ScrollArea,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconFileSpreadsheet, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OPD, OPDHeadcount, Unit, UnitNode } from '../../../api';
import { opdApi } from '../api';
import { CatalogueTable, useDeleteConfirm, type Column } from '../../../components/crud';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useCan } from '../../auth';
import { runExport } from '../../../lib/exports';
import { useFormat } from '../../../lib/format';
import { useOPDs, useOPDTree, useRefLabel } from '../../../lib/queries';
import { OpdFormModal, UnitFormModal } from './OpdForms';

/** An OPD or a unit about to be deleted. */
type Deleting = { kind: 'opd' | 'unit'; id: string; nama: string };

function toOPD(h: OPDHeadcount): OPD {
  return { id: h.id, pemdaId: '', kode: h.kode, nama: h.nama, singkatan: h.singkatan, jenis: h.jenis, alamat: h.alamat };
}

export function OpdPage() {
  const { t } = useTranslation();
  const canEdit = useCan('UBAH_ORG'); // the catalogue is the admin's (the backend refuses others)
  const fmt = useFormat();
  const opds = useOPDs();
  const jenisOpd = useRefLabel('jenisOpd');
  const [filter, setFilter] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editingOpd, setEditingOpd] = useState<OPD | 'new' | null>(null);
  const [editingUnit, setEditingUnit] = useState<{ unit: Unit | null; parentId: string } | null>(null);
  const [exporting, setExporting] = useState(false);

  const list = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const all = opds.data ?? [];
    return f ? all.filter((o) => `${o.kode} ${o.nama} ${o.singkatan}`.toLowerCase().includes(f)) : all;
  }, [opds.data, filter]);
  const current = selectedId ?? opds.data?.[0]?.id ?? null;
  const tree = useOPDTree(current);

  const del = useDeleteConfirm<Deleting>({
    remove: (d) => (d.kind === 'opd' ? opdApi.deleteOPD(d.id) : opdApi.deleteUnit(d.id)),
    name: (d) => d.nama,
    title: (d) => (d.kind === 'opd' ? t('opd.deleteTitle') : t('unit.deleteTitle')),
    onDeleted: (d) => {
      if (d.kind === 'opd') setSelectedId(null);
    },
  });
  const columns: Column<OPDHeadcount>[] = [
    { header: t('field.kode'), cell: (o) => o.kode, mono: true },
    {
      header: t('field.namaOpd'),
      cell: (o) => (
        <>
          <Text size="sm" fw={o.id === current ? 600 : 400} lineClamp={2} title={o.nama}>
            {o.nama}
          </Text>
          <Text size="xs" c="dimmed">
            {[o.singkatan, jenisOpd(o.jenis)].filter(Boolean).join(' · ')}
          </Text>
        </>
      ),
    },
    { header: t('opd.units'), cell: (o) => fmt.num(o.unit), num: true },
    { header: t('opd.pegawai'), cell: (o) => fmt.num(o.pegawai), num: true },
  ];

  return (
    <div data-testid="opd-page">
      <PageHeader title={t('opd.title')} subtitle={t('opd.subtitle', { n: fmt.num(opds.data?.length ?? 0) })}>
        {canEdit && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditingOpd('new')} data-testid="btn-add-opd">
            {t('opd.add')}
          </Button>
        )}
      </PageHeader>
      {opds.isError && <QueryError error={opds.error} onRetry={() => void opds.refetch()} />}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder p={0}>
            <Group p="xs" gap="xs" wrap="nowrap">
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                leftSection={<IconSearch size={14} />}
                placeholder={t('opd.filter')}
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
              />
              <Tooltip label={t('export.opdHint')} withArrow>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconFileSpreadsheet size={14} />}
                  loading={exporting}
                  disabled={!opds.data?.length}
                  data-testid="btn-export-opd"
                  onClick={async () => {
                    setExporting(true);
                    try {
                      await runExport(() => opdApi.exportOPD());
                    } finally {
                      setExporting(false);
                    }
                  }}
                >
                  {t('export.xlsx')}
                </Button>
              </Tooltip>
            </Group>
            <ScrollArea h="calc(100vh - 230px)">
              <CatalogueTable
                testId="opd-table"
                rowTestId="opd-row"
                rows={list}
                rowKey={(o) => o.id}
                pending={opds.isPending}
                columns={columns}
                onRowClick={(o) => setSelectedId(o.id)}
                selected={(o) => o.id === current}
              />
            </ScrollArea>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {current && (
            <Card withBorder data-testid="opd-detail">
              {tree.isPending && <Skeleton h={300} />}
              {tree.isError && <QueryError error={tree.error} onRetry={() => void tree.refetch()} />}
              {tree.data && (
                <Stack gap="sm">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <div>
                      <Title order={4}>{tree.data.opd.nama}</Title>
                      <Text size="sm" c="dimmed">
                        {[tree.data.opd.kode, tree.data.opd.singkatan, jenisOpd(tree.data.opd.jenis)].filter(Boolean).join(' · ')}
                      </Text>
                      {tree.data.opd.alamat && <Text size="sm">{tree.data.opd.alamat}</Text>}
                    </div>
                    <Group gap="xs" wrap="nowrap" display={canEdit ? undefined : 'none'}>
                      <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setEditingOpd(toOPD(tree.data.opd))}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        leftSection={<IconTrash size={14} />}
                        onClick={() => del.ask({ kind: 'opd', id: tree.data.opd.id, nama: tree.data.opd.nama })}
                        data-testid="btn-delete-opd"
                      >
                        {t('common.delete')}
                      </Button>
                    </Group>
                  </Group>
                  <Group gap="xs">
                    <Badge variant="light">{t('opd.totalPegawai', { n: fmt.num(tree.data.opd.pegawai) })}</Badge>
                    <Badge variant="light" color="navy">PNS {fmt.num(tree.data.opd.pns)}</Badge>
                    <Badge variant="light" color="cyan">CPNS {fmt.num(tree.data.opd.cpns)}</Badge>
                    <Badge variant="light" color="orange">PPPK {fmt.num(tree.data.opd.pppk)}</Badge>
                  </Group>
                  <Group justify="space-between">
                    <Title order={6} tt="uppercase" c="navy.8">
                      {t('unit.tree')}
                    </Title>
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconPlus size={14} />}
                      onClick={() => setEditingUnit({ unit: null, parentId: '' })}
                      data-testid="btn-add-unit"
                      display={canEdit ? undefined : 'none'}
                    >
                      {t('unit.add')}
                    </Button>
                  </Group>
                  <ScrollArea h="calc(100vh - 400px)" data-testid="unit-tree">
                    {(tree.data.units ?? []).length === 0 ? (
                      <Text c="dimmed" size="sm">
                        {t('unit.none')}
                      </Text>
                    ) : (
                      (tree.data.units ?? []).map((u) => (
                        <UnitItem
                          key={u.id}
                          node={u}
                          depth={0}
                          onAdd={(parent) => setEditingUnit({ unit: null, parentId: parent.id })}
                          onEdit={(n) => setEditingUnit({ unit: n, parentId: n.parentId })}
                          onDelete={(n) => del.ask({ kind: 'unit', id: n.id, nama: n.nama })}
                        />
                      ))
                    )}
                  </ScrollArea>
                </Stack>
              )}
            </Card>
          )}
        </Grid.Col>
      </Grid>

      {editingOpd && (
        <OpdFormModal
          initial={editingOpd === 'new' ? null : editingOpd}
          onClose={() => setEditingOpd(null)}
          onSaved={(o) => {
            setEditingOpd(null);
            setSelectedId(o.id);
          }}
        />
      )}
      {editingUnit && current && (
        <UnitFormModal
          opdId={current}
          initial={editingUnit.unit}
          parentId={editingUnit.parentId}
          units={tree.data?.units}
          onClose={() => setEditingUnit(null)}
        />
      )}
      {del.dialog}
    </div>
  );
}

interface UnitItemProps {
  node: UnitNode;
  depth: number;
  onAdd: (n: UnitNode) => void;
  onEdit: (n: UnitNode) => void;
  onDelete: (n: UnitNode) => void;
}

function UnitItem({ node, depth, onAdd, onEdit, onDelete }: UnitItemProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const jenisLabel = useRefLabel('jenisJabatan');
  const [open, setOpen] = useState(depth < 1);
  const [showJabatan, setShowJabatan] = useState(false);
  const children = node.children ?? [];
  const jabatan = node.jabatan ?? [];

  return (
    <Box>
      <Group
        className="tree-row"
        gap={4}
        wrap="nowrap"
        py={3}
        pl={depth * 20}
        style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
        data-testid="unit-row"
      >
        {children.length === 0 ? (
          <Box w={22} />
        ) : (
          <ActionIcon variant="subtle" size="sm" color="gray" onClick={() => setOpen((o) => !o)} aria-label={t('unit.toggle')}>
            {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          </ActionIcon>
        )}
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={depth === 0 ? 600 : 400} truncate>
            {node.nama}{' '}
            <Text span size="xs" c="dimmed" className="mono">
              {node.kode}
            </Text>
          </Text>
          {jabatan.length > 0 && (
            <Text size="xs" c="navy.7" style={{ cursor: 'pointer' }} onClick={() => setShowJabatan((s) => !s)}>
              {t('unit.jabatanHeld', { count: jabatan.length, n: fmt.num(jabatan.length) })} {showJabatan ? '▴' : '▾'}
            </Text>
          )}
        </Box>
        <Tooltip label={t('unit.pegawaiHint')} withArrow>
          <Text size="xs" className="num" w={90}>
            {fmt.num(node.pegawai)} / {fmt.num(node.total)}
          </Text>
        </Tooltip>
        <ActionIcon variant="subtle" size="sm" onClick={() => onAdd(node)} aria-label={t('unit.addChild')}>
          <IconPlus size={14} />
        </ActionIcon>
        <ActionIcon variant="subtle" size="sm" onClick={() => onEdit(node)} aria-label={t('common.edit')}>
          <IconPencil size={14} />
        </ActionIcon>
        <ActionIcon variant="subtle" size="sm" color="red" onClick={() => onDelete(node)} aria-label={t('common.delete')}>
          <IconTrash size={14} />
        </ActionIcon>
      </Group>
      {showJabatan && jabatan.length > 0 && (
        <Box pl={depth * 20 + 32} pr="sm" py={4}>
          <Table withTableBorder fz="xs" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('field.jabatanId')}</Table.Th>
                <Table.Th>{t('field.jenis')}</Table.Th>
                <Table.Th className="num">{t('field.kelas')}</Table.Th>
                <Table.Th className="num">{t('unit.bezetting')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jabatan.map((j) => (
                <Table.Tr key={j.jabatanId}>
                  <Table.Td>{j.nama}</Table.Td>
                  <Table.Td>{jenisLabel(j.jenis)}</Table.Td>
                  <Table.Td className="num">{j.kelas || '–'}</Table.Td>
                  <Table.Td className="num">{fmt.num(j.bezetting)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      {open &&
        children.map((c) => <UnitItem key={c.id} node={c} depth={depth + 1} onAdd={onAdd} onEdit={onEdit} onDelete={onDelete} />)}
    </Box>
  );
}
