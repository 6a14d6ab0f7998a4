import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  ScrollArea,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconChecks, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { JENIS_MUTASI, STATUSES, toAppError, type BulkResult, type UsulanRow } from '../../../api';
import { mutasiApi } from '../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../lib/format';
import { mk } from '../../../api/queryKeys';
import { APPROVAL_KINDS, StatusBadge } from '../status';
import { useMsg } from '../../../lib/useMsg';
import { navigate, usulanPath } from '../../../lib/nav';
import { useCurrentUser, useOPDs, useRoleLabel } from '../../../lib/queries';
import { useCan } from '../../auth';

const LIMIT = 500;

/** The request list (#/mutasi) and the approval inbox of the current user (#/mutasi/inbox). */
export function UsulanList({ inbox }: { inbox: boolean }) {
  const { t } = useTranslation();
  const canUsul = useCan('USUL'); // Verifikator, TPK, Pimpinan: no new request (the backend refuses them)
  const fmt = useFormat();
  const user = useCurrentUser();
  const roleLabel = useRoleLabel();
  const opds = useOPDs();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<string | null>(null);
  const [jenis, setJenis] = useState<string | null>(null);
  const [opdId, setOpdId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkOpen, setBulkOpen] = useState(false);

  const q = useMemo(
    () => ({ status: status ?? '', jenis: jenis ?? '', opdId: opdId ?? '', search: debounced, inbox }),
    [status, jenis, opdId, debounced, inbox],
  );
  const list = useQuery({
    queryKey: mk.list(q, user.data?.id ?? ''),
    queryFn: () => mutasiApi.listUsulan({ ...q, offset: 0, limit: LIMIT }),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const opdOptions = useMemo(
    () => (opds.data ?? []).map((o) => ({ value: o.id, label: o.singkatan ? `${o.singkatan} — ${o.nama}` : o.nama })),
    [opds.data],
  );
  const statusOptions = STATUSES.map((s) => ({ value: s, label: t(`mutasi.status.${s}`) }));
  const jenisOptions = JENIS_MUTASI.map((j) => ({ value: j, label: t(`mutasi.jenis.${j}`) }));
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <div data-testid={inbox ? 'mutasi-inbox' : 'mutasi-list'}>
      <PageHeader
        title={inbox ? t('mutasi.nav.inbox') : t('mutasi.nav.daftar')}
        subtitle={
          <span data-testid="usulan-total" data-total={total}>
            {list.isPending
              ? t('common.loading')
              : inbox
                ? t('mutasi.inboxHint', { role: roleLabel(user.data?.role), n: fmt.num(total) })
                : t('mutasi.total', { n: fmt.num(total) })}
          </span>
        }
      >
        {inbox && (
          <Button
            leftSection={<IconChecks size={16} />}
            disabled={selected.size === 0}
            onClick={() => setBulkOpen(true)}
            data-testid="btn-bulk"
          >
            {t('mutasi.bulk.button', { n: selected.size })}
          </Button>
        )}
        {canUsul && (
          <Button variant={inbox ? 'default' : 'filled'} leftSection={<IconPlus size={16} />} onClick={() => navigate('mutasi/baru')} data-testid="btn-usulan-baru">
            {t('mutasi.nav.baru')}
          </Button>
        )}
      </PageHeader>

      <Group mb="sm" gap="xs" wrap="wrap">
        <TextInput
          w={240}
          placeholder={t('mutasi.filter.search')}
          aria-label={t('mutasi.filter.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="usulan-search"
        />
        <Select w={200} placeholder={t('mutasi.filter.status')} aria-label={t('mutasi.filter.status')} data={statusOptions} value={status} onChange={setStatus} clearable data-testid="usulan-filter-status" />
        <Select w={240} placeholder={t('mutasi.filter.jenis')} aria-label={t('mutasi.filter.jenis')} data={jenisOptions} value={jenis} onChange={setJenis} clearable data-testid="usulan-filter-jenis" />
        <Select w={240} placeholder={t('mutasi.filter.opd')} aria-label={t('mutasi.filter.opd')} data={opdOptions} value={opdId} onChange={setOpdId} searchable clearable data-testid="usulan-filter-opd" />
      </Group>

      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <Skeleton h={300} />
      ) : (
        <ScrollArea h="calc(100vh - 230px)">
          <Table highlightOnHover stickyHeader data-testid="usulan-table">
            <Table.Thead>
              <Table.Tr>
                {inbox && (
                  <Table.Th w={36}>
                    <Checkbox
                      aria-label={t('mutasi.selectAll')}
                      checked={allSelected}
                      indeterminate={!allSelected && selected.size > 0}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                      data-testid="usulan-select-all"
                    />
                  </Table.Th>
                )}
                <Table.Th>{t('mutasi.col.nomor')}</Table.Th>
                <Table.Th>{t('mutasi.col.pegawai')}</Table.Th>
                <Table.Th>{t('mutasi.col.jenis')}</Table.Th>
                <Table.Th>{t('mutasi.col.asalTujuan')}</Table.Th>
                <Table.Th>{t('mutasi.col.status')}</Table.Th>
                <Table.Th>{t('mutasi.col.diperbarui')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Row key={r.id} r={r} inbox={inbox} checked={selected.has(r.id)} onToggle={() => toggle(r.id)} />
              ))}
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={inbox ? 7 : 6}>
                    <Text c="dimmed" size="sm" ta="center" py="md" data-testid="usulan-empty">
                      {inbox ? t('mutasi.inboxEmpty') : t('mutasi.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {bulkOpen && (
        <BulkModal
          rows={rows.filter((r) => selected.has(r.id))}
          onClose={(done) => {
            setBulkOpen(false);
            if (done) setSelected(new Set());
          }}
        />
      )}
    </div>
  );
}

function Row({ r, inbox, checked, onToggle }: { r: UsulanRow; inbox: boolean; checked: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Table.Tr style={{ cursor: 'pointer' }} onClick={() => navigate(usulanPath(r.id))} data-testid="usulan-row" data-id={r.id} data-nomor={r.nomor} data-status={r.status}>
      {inbox && (
        <Table.Td onClick={(e) => e.stopPropagation()}>
          <Checkbox aria-label={r.nomor} checked={checked} onChange={onToggle} data-testid="usulan-select" />
        </Table.Td>
      )}
      <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>
        {r.nomor}
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={1}>
          {r.namaPegawai}
        </Text>
        <Text size="xs" c="dimmed" className="mono">
          {r.nip}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge variant="outline" size="sm">
            {r.jenis}
          </Badge>
          {r.aps && (
            <Tooltip label={t('mutasi.aps')}>
              <Badge variant="light" color="gray" size="sm">
                APS
              </Badge>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={1}>
          {r.opdAsal} → {r.opdTujuan || '–'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <StatusBadge status={r.status} />
          {r.blocked && (
            <Tooltip label={t('mutasi.blockedBadge')}>
              <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" data-testid="usulan-blocked" />
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date((r.diperbaruiPada ?? '').slice(0, 10))}</Table.Td>
    </Table.Tr>
  );
}

/** Bulk approval: one kind for every selected request; the backend answers per request. */
function BulkModal({ rows, onClose }: { rows: UsulanRow[]; onClose: (done: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const msg = useMsg();
  // The first selected request's allowed kinds suggest the approval to run; the backend checks every one.
  const first = useQuery({ queryKey: mk.detail(rows[0]?.id ?? ''), queryFn: () => mutasiApi.getUsulan(rows[0]?.id ?? ''), enabled: rows.length > 0 });
  const suggested = first.data?.allowed?.find((k) => APPROVAL_KINDS.includes(k)) ?? null;
  const [kind, setKind] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const chosen = kind ?? suggested;
  const run = useMutation({
    mutationFn: () => mutasiApi.bulkDecide(rows.map((r) => r.id), { kind: chosen ?? '', note: note.trim(), targetIndex: 0 }),
    onSuccess: async (res) => {
      setResults(res);
      await qc.invalidateQueries();
    },
  });
  const err = run.isError ? toAppError(run.error) : null;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ok = results?.filter((r) => r.ok).length ?? 0;

  return (
    <Modal opened onClose={() => onClose(!!results)} title={t('mutasi.bulk.title', { n: rows.length })} size="lg">
      <Stack>
        {!results && (
          <>
            <Select
              label={t('mutasi.bulk.kind')}
              data={APPROVAL_KINDS.map((k) => ({ value: k, label: t(`mutasi.kind.${k}`) }))}
              value={chosen}
              onChange={setKind}
              allowDeselect={false}
              data-testid="bulk-kind"
            />
            <Textarea label={t('decide.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} data-testid="bulk-note" />
            {err && <Alert color="red">{err.text(i18n.language)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => onClose(false)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!chosen} data-testid="btn-bulk-run">
                {t('mutasi.bulk.run')}
              </Button>
            </Group>
          </>
        )}
        {results && (
          <>
            <Text fw={600} data-testid="bulk-summary">
              {t('mutasi.bulk.summary', { ok, failed: results.length - ok })}
            </Text>
            <Table data-testid="bulk-results">
              <Table.Tbody>
                {results.map((r) => (
                  <Table.Tr key={r.id} data-testid="bulk-result" data-ok={r.ok}>
                    <Table.Td w={28}>{r.ok ? <IconCheck size={16} color="var(--mantine-color-teal-7)" /> : <IconX size={16} color="var(--mantine-color-red-7)" />}</Table.Td>
                    <Table.Td className="mono">{byId.get(r.id)?.nomor ?? r.id}</Table.Td>
                    <Table.Td>{byId.get(r.id)?.namaPegawai}</Table.Td>
                    <Table.Td>
                      {r.ok ? (
                        <Text size="sm" c="teal.8">
                          {t('mutasi.bulk.ok')}
                        </Text>
                      ) : (
                        <Text size="sm" c="red.8">
                          {msg(r.message, r.messageEn)} <Text span size="xs" c="dimmed" className="mono">({r.code})</Text>
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="flex-end">
              <Button onClick={() => onClose(true)}>{t('mutasi.bulk.close')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
