import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Group, Modal, SegmentedControl, Skeleton, Stack, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { IconDownload, IconPaperclip, IconTrash, IconChecklist } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toAppError } from '../../../api';
import { mutasiApi, type DokumenItem, type Lampiran } from '../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { QueryError } from '../../../components/QueryError';
import { runExport } from '../../../lib/exports';
import { mk } from '../../../api/queryKeys';
import { useMsg } from '../../../lib/useMsg';
import { notifyError, notifyOk } from '../../../lib/notify';

const STATUS_COLOR: Record<string, string> = { BELUM_DIPERIKSA: 'gray', SESUAI: 'teal', TIDAK_SESUAI: 'red' };

function ukuran(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** The request's document checklist (per type, MUT-18): attach, verify, remove, save a copy. */
export function DokumenChecklist({ usulanId }: { usulanId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: mk.dokumen(usulanId), queryFn: () => mutasiApi.dokumenChecklist(usulanId) });
  const items = q.data ?? [];
  const done = items.filter((i) => i.sesuai).length;
  return (
    <Card withBorder data-testid="dokumen-checklist">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('dokumen.title')}</Title>
        {q.data && (
          <Text size="xs" c="dimmed">
            {t('dokumen.summary', { done, n: items.length })}
          </Text>
        )}
      </Group>
      {q.isPending && <Skeleton h={120} />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      <Stack gap={6}>
        {items.map((it) => (
          <DokumenRow key={it.kode} usulanId={usulanId} it={it} />
        ))}
      </Stack>
    </Card>
  );
}

function DokumenRow({ usulanId, it }: { usulanId: string; it: DokumenItem }) {
  const { t } = useTranslation();
  const msg = useMsg();
  const qc = useQueryClient();
  const [attaching, setAttaching] = useState(false);
  const lampiran = it.lampiran ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: mk.all });
  const attach = async () => {
    setAttaching(true);
    try {
      const path = await mutasiApi.chooseDokumenFile();
      if (!path) return;
      await mutasiApi.attachDokumen(usulanId, it.kode, path);
      notifyOk(t('dokumen.attached'));
      await refresh();
    } catch (e) {
      notifyError(e);
    } finally {
      setAttaching(false);
    }
  };
  return (
    <div data-testid="dokumen-item" data-kode={it.kode} data-sesuai={it.sesuai}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500}>
            {msg(it.nama, it.namaEn)}
          </Text>
          <Group gap={4}>
            <Badge size="xs" variant="light" color={it.wajib ? 'red' : 'gray'}>
              {it.wajib ? t('dokumen.wajib') : t('dokumen.praktik')}
            </Badge>
            {it.hanyaAps && (
              <Badge size="xs" variant="light" color="gray">
                APS
              </Badge>
            )}
            {lampiran.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('dokumen.none')}
              </Text>
            )}
          </Group>
        </div>
        <Button size="xs" variant="light" leftSection={<IconPaperclip size={14} />} loading={attaching} onClick={() => void attach()} data-testid="btn-dokumen-attach">
          {t('dokumen.attach')}
        </Button>
      </Group>
      {lampiran.map((l) => (
        <LampiranRow key={l.id} l={l} onChanged={refresh} />
      ))}
    </div>
  );
}

function LampiranRow({ l, onChanged }: { l: Lampiran; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [verifying, setVerifying] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = useMutation({
    mutationFn: () => mutasiApi.removeDokumen(l.id),
    onSuccess: async () => {
      setRemoving(false);
      notifyOk(t('dokumen.removed'));
      await onChanged();
    },
    onError: (e) => {
      setRemoving(false);
      notifyError(e);
    },
  });
  return (
    <Group gap={6} pl="md" mt={2} wrap="nowrap" data-testid="lampiran-row" data-status={l.status}>
      <Text size="xs" truncate maw={180} title={l.namaBerkas}>
        {l.namaBerkas}
      </Text>
      <Text size="xs" c="dimmed">
        {ukuran(l.ukuran)}
      </Text>
      <Tooltip label={l.catatan || t(`dokumen.status.${l.status}`)} withArrow>
        <Badge size="xs" color={STATUS_COLOR[l.status] ?? 'gray'}>
          {t(`dokumen.status.${l.status}`, { defaultValue: l.status })}
        </Badge>
      </Tooltip>
      {l.berkas && l.berkas !== 'ADA' && (
        <Badge size="xs" color="red" variant="outline">
          {t(`dokumen.berkas.${l.berkas}`, { defaultValue: l.berkas })}
        </Badge>
      )}
      <Group gap={2} ml="auto" wrap="nowrap">
        <Tooltip label={t('dokumen.verify')}>
          <ActionIcon size="sm" variant="subtle" onClick={() => setVerifying(true)} aria-label={t('dokumen.verify')} data-testid="btn-dokumen-verify">
            <IconChecklist size={14} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('dokumen.export')}>
          <ActionIcon size="sm" variant="subtle" onClick={() => void runExport(() => mutasiApi.exportDokumen(l.id))} aria-label={t('dokumen.export')}>
            <IconDownload size={14} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('common.delete')}>
          <ActionIcon size="sm" variant="subtle" color="red" onClick={() => setRemoving(true)} aria-label={t('common.delete')}>
            <IconTrash size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {verifying && <VerifyModal l={l} onClose={() => setVerifying(false)} onSaved={onChanged} />}
      <ConfirmDialog
        opened={removing}
        title={t('dokumen.removeTitle')}
        message={t('dokumen.removeConfirm', { nama: l.namaBerkas })}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setRemoving(false)}
      />
    </Group>
  );
}

function VerifyModal({ l, onClose, onSaved }: { l: Lampiran; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState(l.status === 'BELUM_DIPERIKSA' ? 'SESUAI' : l.status);
  const [catatan, setCatatan] = useState(l.catatan);
  const save = useMutation({
    mutationFn: () => mutasiApi.verifyDokumen(l.id, status, catatan.trim()),
    onSuccess: async () => {
      notifyOk(t('dokumen.verified'));
      onClose();
      await onSaved();
    },
  });
  const err = save.isError ? toAppError(save.error) : null;
  return (
    <Modal opened onClose={onClose} title={t('dokumen.verifyTitle', { nama: l.namaBerkas })}>
      <Stack>
        <SegmentedControl
          value={status}
          onChange={setStatus}
          data={[
            { value: 'SESUAI', label: t('dokumen.status.SESUAI') },
            { value: 'TIDAK_SESUAI', label: t('dokumen.status.TIDAK_SESUAI') },
          ]}
          data-testid="dokumen-verify-status"
        />
        <Textarea label={t('dokumen.catatan')} value={catatan} onChange={(e) => setCatatan(e.currentTarget.value)} autosize minRows={2} error={err?.fieldMessages(i18n.language).catatan} />
        {err && !err.fieldMessages(i18n.language).catatan && <Alert color="red">{err.text(i18n.language)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="btn-dokumen-verify-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
