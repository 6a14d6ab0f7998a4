import { useState, type ComponentType } from 'react';
import { Badge, Button, Group, Modal, Radio, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toAppError } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../lib/format';
import { notifyError, notifyOk } from '../../../lib/notify';
import { useOPDs } from '../../../lib/queries';
import { useSession } from '../../auth';
import { LAPORAN_STATUSES, portalApi, type Laporan, type LaporanStatus } from '../api';
import { useLaporanPortal } from '../queries';
import { SuratAktivasiButton } from './SuratAktivasiButton';
import { ActionsTh } from '../../../components/ActionsTh';

const STATUS_COLOR: Record<string, string> = { BARU: 'orange', SELESAI: 'teal', DITOLAK: 'gray' };

/** The employee record drawer the page opens; the shell passes the pegawai page's own (no import cycle). */
export type PegawaiPanelType = ComponentType<{ id: string | null; onClose: () => void }>;

/** "Laporan data dari pegawai": the OPD operator's (or BKPSDM's) task list of data-error reports. */
export function LaporanPortalPage({ pegawaiPanel: PegawaiPanel }: { pegawaiPanel: PegawaiPanelType }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const session = useSession().data;
  const ownOpd = session?.user?.opdId ?? '';
  const [status, setStatus] = useState<string>('');
  const [opd, setOpd] = useState<string>('');
  const [suratOpd, setSuratOpd] = useState<string>(ownOpd);
  const [open, setOpen] = useState<string | null>(null);
  const [closing, setClosing] = useState<Laporan | null>(null);
  const opds = useOPDs();
  const list = useLaporanPortal({ opdId: ownOpd ? '' : opd, status });
  const opdOptions = (opds.data ?? []).map((o) => ({ value: o.id, label: o.singkatan || o.nama }));
  const rows = list.data ?? [];

  return (
    <Stack gap="md">
      <PageHeader title={t('portal.title')} subtitle={t('portal.subtitle')} />
      <Group justify="space-between" align="flex-end">
        <Group gap="sm">
          <Select
            label={t('portal.filterStatus')}
            data={[{ value: '', label: t('portal.all') }, ...LAPORAN_STATUSES.map((s) => ({ value: s, label: t(`portal.status.${s}`) }))]}
            value={status}
            onChange={(v) => setStatus(v ?? '')}
            w={160}
            data-testid="laporan-status"
          />
          {!ownOpd && (
            <Select
              label={t('portal.filterOpd')}
              data={[{ value: '', label: t('portal.all') }, ...opdOptions]}
              value={opd}
              onChange={(v) => setOpd(v ?? '')}
              searchable
              w={220}
            />
          )}
        </Group>
        <Group gap="xs" align="flex-end">
          {!ownOpd && (
            <Select label={t('portal.suratOpdPilih')} data={opdOptions} value={suratOpd || null} onChange={(v) => setSuratOpd(v ?? '')} searchable w={220} />
          )}
          <SuratAktivasiButton opdId={suratOpd || undefined} label={t('portal.suratOpd')} />
        </Group>
      </Group>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {!list.isPending && rows.length === 0 && !list.isError ? (
        <Text c="dimmed" ta="center" py="xl" data-testid="laporan-empty">
          {t('portal.empty')}
        </Text>
      ) : (
        <Table striped highlightOnHover data-testid="laporan-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('portal.col.dibuat')}</Table.Th>
              <Table.Th>{t('portal.col.pegawai')}</Table.Th>
              <Table.Th>{t('portal.col.bagian')}</Table.Th>
              <Table.Th>{t('portal.col.uraian')}</Table.Th>
              <Table.Th>{t('portal.col.status')}</Table.Th>
              <Table.Th>{t('portal.col.tanggapan')}</Table.Th>
              <ActionsTh />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((l) => (
              <Table.Tr key={l.id} data-testid="laporan-row">
                <Table.Td>{fmt.date(l.dibuatPada)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{l.namaPegawai}</Text>
                  <Text size="xs" c="dimmed" className="mono">
                    {l.nip} · {l.opdSingkatan}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`portal.bagian.${l.bagian}`, { defaultValue: l.bagian })}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{l.uraian}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[l.status] ?? 'gray'} variant="light">
                    {t(`portal.status.${l.status}`, { defaultValue: l.status })}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{l.tanggapan}</Text>
                  {l.ditanganiOleh && (
                    <Text size="xs" c="dimmed">
                      {t('portal.ditangani', { oleh: l.ditanganiOleh, pada: fmt.date(l.ditanganiPada) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setOpen(l.pegawaiId)}>
                      {t('portal.buka')}
                    </Button>
                    {l.status === 'BARU' && (
                      <Button size="compact-xs" onClick={() => setClosing(l)} data-testid="btn-laporan-tutup">
                        {t('portal.tutup')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PegawaiPanel id={open} onClose={() => setOpen(null)} />
      {closing && <TutupModal laporan={closing} onClose={() => setClosing(null)} />}
    </Stack>
  );
}

function TutupModal({ laporan, onClose }: { laporan: Laporan; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<LaporanStatus>('SELESAI');
  const [tanggapan, setTanggapan] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await portalApi.tutup(laporan.id, status, tanggapan);
      notifyOk(t('portal.ditutup'));
      onClose();
    } catch (e) {
      const err = toAppError(e);
      if (err.fields.some((f) => f.field === 'tanggapan')) setError(err.text(i18n.language));
      else notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('portal.tutupTitle', { nama: laporan.namaPegawai })}>
      <Stack gap="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {laporan.uraian}
        </Text>
        <Radio.Group value={status} onChange={(v) => setStatus(v as LaporanStatus)}>
          <Stack gap={6}>
            <Radio value="SELESAI" label={t('portal.selesai')} />
            <Radio value="DITOLAK" label={t('portal.ditolak')} data-testid="laporan-ditolak" />
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('portal.tanggapan')}
          description={status === 'DITOLAK' ? t('portal.tanggapanWajib') : undefined}
          withAsterisk={status === 'DITOLAK'}
          value={tanggapan}
          onChange={(e) => setTanggapan(e.currentTarget.value)}
          error={error}
          autosize
          minRows={3}
          maxLength={2000}
          data-testid="laporan-tanggapan"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void save()} data-testid="btn-laporan-simpan">
            {t('portal.simpan')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
