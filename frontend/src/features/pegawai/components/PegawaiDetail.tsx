import { useState, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Pegawai, type PegawaiDetail } from '../../../api';
import { pegawaiApi } from '../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { QueryError } from '../../../components/QueryError';
import { enumLabel } from '../../../lib/enumLabel';
import { useFormat } from '../../../lib/format';
import { notifyError, notifyOk } from '../../../lib/notify';
import { qk } from '../../../api/queryKeys';
import { useRefLabel } from '../../../lib/queries';
import { useCan } from '../../auth';
import { SuratAktivasiButton } from '../../portal';

interface Props {
  id: string | null;
  onClose: () => void;
  onEdit: (p: Pegawai) => void;
  onDeleted: () => void;
}

export function PegawaiDetailDrawer({ id, onClose, onEdit, onDeleted }: Props) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: qk.pegawai(id ?? ''), queryFn: () => api.getPegawai(id ?? ''), enabled: !!id });

  return (
    <Drawer
      opened={!!id}
      onClose={onClose}
      position="right"
      size={720}
      title={<Text fw={700}>{t('detail.title')}</Text>}
      data-testid="pegawai-detail"
    >
      {detail.isPending && <Skeleton h={300} />}
      {detail.isError && <QueryError error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data && <DetailBody d={detail.data} onEdit={onEdit} onDeleted={onDeleted} />}
    </Drawer>
  );
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {children === '' || children === null || children === undefined ? '–' : children}
      </Text>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={6} c="navy.8" tt="uppercase">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function DetailBody({ d, onEdit, onDeleted }: { d: PegawaiDetail; onEdit: (p: Pegawai) => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const canPortal = useCan('PORTAL');
  const canEdit = useCan('UBAH_PEG'); // Pimpinan, Kepala, Verifikator, TPK: read-only (the backend refuses anyway)
  const fmt = useFormat();
  const qc = useQueryClient();
  const jenisLabel = useRefLabel('jenisJabatan');
  const [confirm, setConfirm] = useState(false);
  const p = d.pegawai;
  const del = useMutation({
    mutationFn: () => pegawaiApi.deletePegawai(p.id),
    onSuccess: async () => {
      setConfirm(false);
      notifyOk(t('detail.deleted', { nama: d.namaLengkap }));
      onDeleted();
      await qc.invalidateQueries();
    },
    onError: (e) => {
      setConfirm(false);
      notifyError(e);
    },
  });
  const riwayat = d.riwayat ?? [];
  const skp = d.skp ?? [];
  const hukdis = d.hukdis ?? [];
  const golongan = p.status === 'PPPK' ? d.golonganLabel : [d.golonganLabel, d.pangkat].filter(Boolean).join(' — ');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={3} data-testid="detail-nama">
            {d.namaLengkap}
          </Title>
          <Group gap="xs">
            <Text className="mono" data-testid="detail-nip">
              {p.nip}
            </Text>
            <Badge variant="light">{p.status}</Badge>
          </Group>
        </div>
        {(canEdit || canPortal) && (
          <Group gap="xs" wrap="nowrap">
            {canPortal && !p.keluarPada && <SuratAktivasiButton pegawaiId={p.id} />}
            {canEdit && (
              <>
            <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => onEdit(p)} data-testid="btn-edit-pegawai">
              {t('common.edit')}
            </Button>
            <Button size="xs" color="red" variant="light" leftSection={<IconTrash size={14} />} onClick={() => setConfirm(true)} data-testid="btn-delete-pegawai">
              {t('common.delete')}
            </Button>
              </>
            )}
          </Group>
        )}
      </Group>

      <Section title={t('detail.identity')}>
        <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs">
          <Field label={t('field.jenisKelamin')}>{enumLabel('gender', p.jenisKelamin)}</Field>
          <Field label={t('detail.ttl')}>
            {[p.tempatLahir, fmt.date(p.tanggalLahir)].filter((x) => x && x !== '–').join(', ')}
          </Field>
          <Field label={t('detail.umur')} testId="detail-umur">
            {t('detail.years', { n: fmt.num(d.umur), count: d.umur })}
          </Field>
          <Field label={t('field.golongan')}>{golongan}</Field>
          <Field label={t('field.pendidikan')}>{[d.pendidikanLabel, p.jurusan].filter(Boolean).join(' — ')}</Field>
          <Field label={t('field.tmtCpns')}>{fmt.date(p.tmtCpns)}</Field>
          <Field label={t('field.tmtPns')}>{fmt.date(p.tmtPns)}</Field>
        </SimpleGrid>
      </Section>
      <Divider />
      <Section title={t('detail.placement')}>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <Field label={t('field.opdId')}>{d.opdNama}</Field>
          <Field label={t('field.unitId')}>{d.unitNama}</Field>
          <Field label={t('field.jabatanId')}>{d.jabatanNama}</Field>
          <Field label={t('pegawai.col.jenisJabatan')}>{jenisLabel(d.jenisJabatan)}</Field>
          <Field label={t('field.tmtJabatan')}>{fmt.date(p.tmtJabatan)}</Field>
          <Field label={t('detail.masaJabatan')} testId="detail-masa-jabatan">
            {t('detail.years', { n: fmt.num(d.masaJabatan), count: d.masaJabatan })}
          </Field>
        </SimpleGrid>
      </Section>
      <Divider />
      <Section title={t('detail.pensiun')}>
        <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs">
          <Field label={t('detail.bup')}>{d.bup ? t('detail.years', { n: fmt.num(d.bup), count: d.bup }) : ''}</Field>
          <Field label={t('detail.tanggalPensiun')} testId="detail-pensiun">
            {fmt.date(d.tanggalPensiun)}
          </Field>
        </SimpleGrid>
      </Section>
      <Divider />
      <Section title={t('detail.riwayat')}>
        {riwayat.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('detail.noRiwayat')}
          </Text>
        ) : (
          <Table striped withTableBorder data-testid="riwayat-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>{t('detail.tmt')}</Table.Th>
                <Table.Th w={100}>{t('detail.selesai')}</Table.Th>
                <Table.Th>{t('field.jabatanId')}</Table.Th>
                <Table.Th>{t('detail.opdUnit')}</Table.Th>
                <Table.Th>{t('detail.nomorSk')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {riwayat.map((r) => (
                <Table.Tr key={r.id} data-testid="riwayat-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(r.tmt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {r.tanggalSelesai ? (
                      fmt.date(r.tanggalSelesai)
                    ) : (
                      <Badge size="xs" color="teal" variant="light">
                        {t('detail.current')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{r.jabatanNama}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.unitNama}</Text>
                    <Text size="xs" c="dimmed">
                      {r.opdNama}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" className="mono">
                      {r.nomorSk || '–'}
                    </Text>
                    {r.keterangan && (
                      <Text size="xs" c="dimmed">
                        {r.keterangan}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <SimpleGrid cols={2}>
        <Section title={t('detail.skp')}>
          {skp.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('detail.noSkp')}
            </Text>
          ) : (
            <Table striped withTableBorder data-testid="skp-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('detail.tahun')}</Table.Th>
                  <Table.Th>{t('detail.predikat')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {skp.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.tahun}</Table.Td>
                    <Table.Td>{enumLabel('skp', s.predikat)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
        <Section title={t('detail.hukdis')}>
          {hukdis.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="hukdis-none">
              {t('detail.noHukdis')}
            </Text>
          ) : (
            <Table striped withTableBorder data-testid="hukdis-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('detail.tingkat')}</Table.Th>
                  <Table.Th>{t('detail.tmt')}</Table.Th>
                  <Table.Th>{t('detail.selesai')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {hukdis.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>
                      <Text size="sm">{enumLabel('hukdis', h.tingkat)}</Text>
                      <Text size="xs" c="dimmed">
                        {h.jenis}
                      </Text>
                    </Table.Td>
                    <Table.Td>{fmt.date(h.tmt)}</Table.Td>
                    <Table.Td>{fmt.date(h.tanggalSelesai)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
      </SimpleGrid>

      <ConfirmDialog
        opened={confirm}
        title={t('detail.deleteTitle')}
        message={t('detail.deleteConfirm', { nama: d.namaLengkap, nip: p.nip })}
        loading={del.isPending}
        onConfirm={() => del.mutate()}
        onCancel={() => setConfirm(false)}
      />
    </Stack>
  );
}
