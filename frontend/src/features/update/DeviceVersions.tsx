import { updateKeys } from '../../api/queryKeys';
import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { updateApi } from './api';

/**
 * BKPSDM's view of the app version each device last reported at sync, and
 * the last update a device rolled back. The server lists devices only to a
 * BKPSDM device; elsewhere the card stays hidden.
 */
export function DeviceVersions() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: updateKeys.devices, queryFn: updateApi.devices, retry: false, refetchInterval: 5 * 60_000 });
  if (!q.data || q.data.length === 0) return null;
  return (
    <Card withBorder data-testid="device-versions">
      <Title order={4} mb="xs">
        {t('update.devicesTitle')}
      </Title>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('update.device')}</Table.Th>
            <Table.Th>{t('update.version')}</Table.Th>
            <Table.Th>{t('update.seen')}</Table.Th>
            <Table.Th>{t('update.rollback')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm">{d.bkpsdm ? 'BKPSDM' : d.opdKode}</Text>
                  {d.revoked && (
                    <Badge color="gray" size="xs">
                      {t('update.revoked')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" ff="monospace">
                  {d.id.slice(0, 8)}
                </Text>
              </Table.Td>
              <Table.Td>
                {d.version ? (
                  <Text size="sm">
                    {d.version} <Text span size="xs" c="dimmed">({d.platform})</Text>
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('update.unknown')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{d.seen ? new Date(d.seen).toLocaleString() : '—'}</Text>
              </Table.Td>
              <Table.Td>
                {d.rollback ? (
                  <Badge color="orange" size="sm">
                    {t('update.rolledBack', { version: d.rollback })}
                  </Badge>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
