import { Alert, Button, Card, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconShieldX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { syncApi, type SyncStatus } from '../api';
import { QueryError } from '../../../components/QueryError';
import { notifyError } from '../../../lib/notify';
import { tableLabel, whenText } from './conflictText';
import { syncKeys } from '../../../api/queryKeys';

/**
 * The notice that rows from the server were refused (not applied): the
 * session's own sentence when it has one ("1 baris dari server ditolak …"),
 * else the count. Shown while any refused row is kept.
 */
export function QuarantineNotice({ s }: { s?: SyncStatus }) {
  const { t, i18n } = useTranslation();
  const n = s?.quarantined ?? 0;
  if (n <= 0) return null;
  // the session's own sentence names the problem; it fits while it counts the rows still kept
  const own = !i18n.language.startsWith('en') && s?.last?.notice && s.last.quarantined === n ? s.last.notice : '';
  return (
    <Alert color="orange" icon={<IconShieldX size={18} />} mb="sm" data-testid="quarantine-notice" title={t('sinkron.quarantine.title')}>
      <Text size="sm">{own || t('sinkron.quarantine.notice', { count: n, n })}</Text>
      <Text size="sm" mt={4}>
        {t('sinkron.quarantine.see')}
      </Text>
    </Alert>
  );
}

/** The refused rows: table, row id, the problem and when; each can be dismissed once seen. */
export function QuarantineCard() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: syncKeys.quarantine, queryFn: syncApi.quarantine });
  const dismiss = useMutation({
    mutationFn: (id: number) => syncApi.dismissQuarantine(id),
    onSuccess: (list) => {
      qc.setQueryData(syncKeys.quarantine, list);
      void qc.invalidateQueries({ queryKey: syncKeys.status });
    },
    onError: (e) => notifyError(e),
  });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data || q.data.length === 0) return null;
  return (
    <Card withBorder data-testid="quarantine-list">
      <Title order={4} mb={4}>
        {t('sinkron.quarantine.heading', { count: q.data.length, n: q.data.length })}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('sinkron.quarantine.text')}
      </Text>
      <Table.ScrollContainer minWidth={640} type="native" maxHeight={320}>
        <Table withTableBorder fz="sm" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sinkron.quarantine.table')}</Table.Th>
              <Table.Th>{t('sinkron.quarantine.rowId')}</Table.Th>
              <Table.Th>{t('sinkron.quarantine.problem')}</Table.Th>
              <Table.Th>{t('sinkron.quarantine.when')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('sinkron.quarantine.action')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((r) => (
              <Table.Tr key={r.id} data-testid="quarantine-item">
                <Table.Td>{tableLabel(t, r.tbl)}</Table.Td>
                <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                  {r.rowId}
                </Table.Td>
                <Table.Td>{r.problem}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{whenText(r.receivedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => dismiss.mutate(r.id)}
                    aria-label={t('sinkron.quarantine.dismissAria', { table: tableLabel(t, r.tbl), row: r.rowId })}
                    data-testid="quarantine-dismiss"
                  >
                    {t('sinkron.quarantine.dismiss')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
