import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconDatabaseExport, IconEye, IconFolderShare, IconRestore } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { backupKeys } from '../../../api/queryKeys';
import { useBackupPreview, useBackups } from '../queries';
import { backupApi, type BackupInfo, type BackupPreview } from '../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../lib/format';
import { notifyError, notifyOk } from '../../../lib/notify';
import { formatDateTime, formatSize } from './format';
import { ActionsTh } from '../../../components/ActionsTh';


const REASON_COLOR: Record<string, string> = { HARIAN: 'blue', MIGRASI: 'grape', BOOTSTRAP: 'cyan', MANUAL: 'teal' };

function ReasonBadge({ b }: { b: BackupInfo }) {
  const { t } = useTranslation();
  const key = b.noManifest ? 'unknown' : b.reason;
  return (
    <Badge variant="light" color={REASON_COLOR[b.reason] ?? 'gray'} tt="none">
      {t(`cadangan.reason.${key}`, { defaultValue: b.reason })}
    </Badge>
  );
}

/** The Cadangan page: list, preview, create, restore (with confirmation) and the kept number. */
export function CadanganPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const list = useBackups();
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<BackupInfo | BackupPreview | null>(null);
  const [keep, setKeep] = useState<number | string>('');

  const create = useMutation({
    mutationFn: backupApi.create,
    onSuccess: async (b) => {
      notifyOk(t('cadangan.created', { file: b.file }), 'backup-created');
      await qc.invalidateQueries({ queryKey: backupKeys.all });
    },
    onError: (e) => notifyError(e),
  });
  const saveKeep = useMutation({
    mutationFn: (n: number) => backupApi.saveKeep(n),
    onSuccess: async (l) => {
      notifyOk(t('cadangan.keepSaved', { n: l.keep }));
      setKeep('');
      await qc.invalidateQueries({ queryKey: backupKeys.all });
    },
    onError: (e) => notifyError(e),
  });
  const copy = useMutation({
    mutationFn: (file: string) => backupApi.copy(file),
    onSuccess: (c) => {
      // An empty path: the folder dialog was cancelled.
      if (c.path) notifyOk(t('cadangan.copied', { path: c.path, size: formatSize(c.size, i18n.language) }), 'backup-copied');
    },
    onError: (e) => notifyError(e),
  });
  const restore = useMutation({
    mutationFn: (file: string) => backupApi.restore(file),
    onSuccess: async (r) => {
      setConfirming(null);
      setPreviewing(null);
      notifyOk(t('cadangan.restored', { file: r.backup.file, aside: r.keptAside || '–' }), 'backup-restored');
      // Everything on screen may have changed (and the session ended).
      await qc.invalidateQueries();
    },
    onError: (e) => {
      setConfirming(null);
      notifyError(e);
    },
  });

  const backups = list.data?.backups ?? [];
  return (
    <div data-testid="cadangan-page">
      <PageHeader title={t('cadangan.title')} subtitle={t('cadangan.subtitle')}>
        <Button
          leftSection={<IconDatabaseExport size={16} />}
          loading={create.isPending}
          onClick={() => create.mutate()}
          data-testid="backup-create"
        >
          {t('cadangan.create')}
        </Button>
      </PageHeader>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      <Card withBorder p={0}>
        {list.isPending ? (
          <Skeleton h={160} />
        ) : backups.length === 0 ? (
          <Text c="dimmed" p="md" data-testid="backup-empty">
            {t('cadangan.empty')}
          </Text>
        ) : (
          <ScrollArea>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="backup-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cadangan.col.created')}</Table.Th>
                  <Table.Th>{t('cadangan.col.reason')}</Table.Th>
                  <Table.Th ta="right">{t('cadangan.col.pegawai')}</Table.Th>
                  <Table.Th>{t('cadangan.col.dataDate')}</Table.Th>
                  <Table.Th ta="right">{t('cadangan.col.size')}</Table.Th>
                  <Table.Th ta="right">{t('cadangan.col.schema')}</Table.Th>
                  <ActionsTh />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {backups.map((b, i) => (
                  <Table.Tr key={b.file} data-testid={`backup-row-${i}`} data-file={b.file}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {formatDateTime(b.createdAt, i18n.language)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {b.file}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ReasonBadge b={b} />
                    </Table.Td>
                    <Table.Td ta="right">{b.noManifest ? '–' : fmt.num(b.counts?.pegawai ?? 0)}</Table.Td>
                    <Table.Td>{formatDateTime(b.dataDate, i18n.language)}</Table.Td>
                    <Table.Td ta="right">{formatSize(b.size, i18n.language)}</Table.Td>
                    <Table.Td ta="right">{b.noManifest ? '–' : b.schemaVersion}</Table.Td>
                    <Table.Td>
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          leftSection={<IconEye size={14} />}
                          onClick={() => setPreviewing(b.file)}
                          data-testid={`backup-preview-${i}`}
                        >
                          {t('cadangan.preview')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          leftSection={<IconFolderShare size={14} />}
                          loading={copy.isPending && copy.variables === b.file}
                          onClick={() => copy.mutate(b.file)}
                          data-testid={`backup-copy-${i}`}
                        >
                          {t('cadangan.copy')}
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          color="orange"
                          leftSection={<IconRestore size={14} />}
                          onClick={() => setConfirming(b)}
                          data-testid={`backup-restore-${i}`}
                        >
                          {t('cadangan.restore')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Card>
      <Group mt="md" align="flex-end" gap="xs">
        <NumberInput
          label={t('cadangan.keep')}
          min={1}
          max={365}
          w={200}
          value={keep === '' ? (list.data?.keep ?? '') : keep}
          onChange={setKeep}
          data-testid="backup-keep"
        />
        <Button
          variant="default"
          disabled={keep === '' || Number(keep) === list.data?.keep}
          loading={saveKeep.isPending}
          onClick={() => saveKeep.mutate(Number(keep))}
        >
          {t('cadangan.keepSave')}
        </Button>
        {list.data && (
          <Text size="xs" c="dimmed" ml="auto">
            {t('cadangan.folder', { dir: list.data.dir })}
          </Text>
        )}
      </Group>
      {previewing && (
        <PreviewModal
          file={previewing}
          onClose={() => setPreviewing(null)}
          onRestore={(p) => {
            setPreviewing(null); // one dialog at a time: the confirmation replaces the preview
            setConfirming(p);
          }}
        />
      )}
      <ConfirmDialog
        opened={!!confirming}
        title={t('cadangan.confirmTitle')}
        message={
          confirming
            ? t('cadangan.confirmMessage', { file: confirming.file, created: formatDateTime(confirming.createdAt, i18n.language) })
            : ''
        }
        confirmLabel={t('cadangan.confirm')}
        loading={restore.isPending}
        onConfirm={() => confirming && restore.mutate(confirming.file)}
        onCancel={() => setConfirming(null)}
      />
    </div>
  );
}

function PreviewModal({
  file,
  onClose,
  onRestore,
}: {
  file: string;
  onClose: () => void;
  onRestore: (p: BackupPreview) => void;
}) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const p = useBackupPreview(file);
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} ta="right" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
  const d = p.data;
  return (
    <Modal opened onClose={onClose} title={t('cadangan.previewTitle', { file })} size="lg" centered>
      {p.isPending && <Skeleton h={180} />}
      {p.isError && <QueryError error={p.error} />}
      {d && (
        <Stack gap="xs" data-testid="backup-preview">
          {row(t('cadangan.pemda'), d.pemda ? `${d.pemda}${d.demo ? ` (${t('cadangan.demo')})` : ''}` : '–')}
          {row(t('cadangan.opd'), fmt.num(d.opd), 'preview-opd')}
          {row(t('cadangan.pegawai'), fmt.num(d.pegawai), 'preview-pegawai')}
          {row(t('cadangan.usulan'), fmt.num(d.usulan), 'preview-usulan')}
          {row(t('cadangan.latestChange'), formatDateTime(d.latestChange, i18n.language))}
          {row(
            t('cadangan.integrity'),
            <Badge color={d.integrityOk ? 'teal' : 'red'} variant="light" tt="none" data-testid="preview-integrity">
              {d.integrityOk ? t('cadangan.integrityOk') : t('cadangan.integrityBad')}
            </Badge>,
          )}
          {!d.noManifest &&
            row(
              t('cadangan.hash'),
              <Badge color={d.hashOk ? 'teal' : 'red'} variant="light" tt="none">
                {d.hashOk ? t('cadangan.hashOk') : t('cadangan.hashBad')}
              </Badge>,
            )}
          <Code block fz="xs">
            {d.sha256 || d.file}
          </Code>
          {d.problem && (
            <Alert color="red" data-testid="preview-problem">
              {i18n.language.startsWith('en') ? d.problemEn : d.problem}
            </Alert>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              color="orange"
              leftSection={<IconRestore size={16} />}
              disabled={!d.restorable}
              onClick={() => onRestore(d)}
              data-testid="preview-restore"
            >
              {t('cadangan.restore')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
