import { Alert, Badge, Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportReport } from '../api';
import { useFormat } from '../../../lib/format';
import { ImportNotices } from './ImportNotices';

/** A dry run's or a commit's report: the counts and every failed row with its line and reasons. */
export function ImportReportView({ r, fields }: { r: ImportReport; fields?: ImportField[] | null }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const en = i18n.language.startsWith('en');
  const errors = r.errors ?? [];
  const ok = r.failed === 0;
  // A reason about an unmapped field has no column: name the field instead.
  const label = (key: string) => {
    const f = fields?.find((x) => x.key === key);
    return f ? (en ? f.labelEn || f.label : f.label) : key;
  };
  return (
    <Stack gap="sm" data-testid="import-report">
      {r.committed ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t('impor.report.committedTitle')} data-testid="import-committed">
          {r.kind === 'abk'
            ? t('impor.report.committedAbk', { n: fmt.num(r.stored), pos: fmt.num(r.positions) })
            : t('impor.report.committedPegawai', { n: fmt.num(r.stored) })}
        </Alert>
      ) : ok ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t('impor.report.okTitle')} data-testid="import-ok">
          {t('impor.report.okBody', { n: fmt.num(r.valid) })}
        </Alert>
      ) : (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('impor.report.failedTitle', { count: r.failed, n: fmt.num(r.failed) })} data-testid="import-failed">
          {t('impor.report.failedBody')}
        </Alert>
      )}
      <ImportNotices notices={r.notices} />
      <SimpleGrid cols={3} spacing="sm">
        <Count label={t('impor.report.total')} n={fmt.num(r.total)} testId="import-total" />
        <Count label={t('impor.report.valid')} n={fmt.num(r.valid)} color="teal.8" testId="import-valid" />
        <Count label={t('impor.report.failed')} n={fmt.num(r.failed)} color={r.failed > 0 ? 'red.8' : undefined} testId="import-failed-count" />
      </SimpleGrid>
      {errors.length > 0 && (
        <ScrollArea.Autosize mah={420}>
          <Table withTableBorder stickyHeader verticalSpacing={4} data-testid="import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70} className="num">
                  {t('impor.report.line')}
                </Table.Th>
                <Table.Th w={180}>{t('impor.report.column')}</Table.Th>
                <Table.Th w={180}>{t('impor.report.value')}</Table.Th>
                <Table.Th>{t('impor.report.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.flatMap((e) => {
                const reasons = e.reasons ?? [];
                return reasons.map((x, i) => (
                  <Table.Tr key={`${e.line}-${i}`} data-testid="import-error-row" data-line={e.line}>
                    {i === 0 && (
                      <Table.Td rowSpan={reasons.length} className="num" fw={600} style={{ verticalAlign: 'top' }}>
                        {e.line}
                      </Table.Td>
                    )}
                    <Table.Td>{x.column || (x.field ? label(x.field) : <Text span c="dimmed" size="sm">{t('impor.report.wholeRow')}</Text>)}</Table.Td>
                    <Table.Td className="mono">{x.value === '' ? <Badge size="xs" variant="outline" color="gray">{t('impor.report.empty')}</Badge> : x.value}</Table.Td>
                    <Table.Td>{en ? x.messageEn || x.message : x.message || x.messageEn}</Table.Td>
                  </Table.Tr>
                ));
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      <Group justify="flex-end">
        <Text size="xs" c="dimmed">
          {[r.file, r.sheet].filter(Boolean).join(' · ')} · {t('impor.report.millis', { n: fmt.num(r.millis) })}
        </Text>
      </Group>
    </Stack>
  );
}

function Count({ label, n, color, testId }: { label: string; n: string; color?: string; testId: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={700} c={color} data-testid={testId}>
        {n}
      </Text>
    </Paper>
  );
}
