import { useMemo } from 'react';
import { Badge, Button, Group, Radio, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../api';
import { useFormat } from '../../../lib/format';
import { colName } from './colName';
import { ImportNotices } from './ImportNotices';
import { ImportProgressBar } from './ImportProgressBar';
import { missingFields, type ImportAction, type ImportLocale, type ImportState } from './importState';

interface Props {
  state: ImportState;
  preview: ImportPreview;
  dispatch: (a: ImportAction) => void;
  /** Read another sheet, or the header from another line (headerRow > 0). */
  onReread: (sheet: string, headerRow?: number) => void;
  onDryRun: () => void;
  onRestart: () => void;
}

/** Step 1: which column holds which field, with the sheet, header line and number format. */
export function MapStep({ state, preview, dispatch, onReread, onDryRun, onRestart }: Props) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const en = i18n.language.startsWith('en');
  const { kind, mapping, locale, busy, progress } = state;
  const fields = preview.fields ?? [];
  const headers = useMemo(() => preview.headers ?? [], [preview]);
  const missing = missingFields(state);
  const columnOptions = useMemo(
    () => headers.map((h, i) => ({ value: String(i), label: `${colName(i)} — ${h || t('impor.map.noHeader')}` })),
    [headers, t],
  );
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Text fw={600}>{preview.file}</Text>
          <Text size="xs" c="dimmed">
            {[preview.sheet && t('impor.map.sheet', { s: preview.sheet }), t('impor.map.rows', { n: fmt.num(preview.rowCount) })]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {(preview.sheets?.length ?? 0) > 1 && (
            <Select
              mt={6}
              size="xs"
              w={240}
              data-testid="import-sheet"
              aria-label={t('impor.map.sheet', { s: '' })}
              data={preview.sheets ?? []}
              value={preview.sheet}
              allowDeselect={false}
              disabled={busy !== null}
              onChange={(v) => v && v !== preview.sheet && onReread(v)}
            />
          )}
          {(preview.top?.length ?? 0) > 1 && (
            <Select
              mt={6}
              size="xs"
              w={360}
              data-testid="import-header-row"
              label={t('impor.map.headerRow')}
              data={(preview.top ?? []).map((l) => ({
                value: String(l.line),
                label: `${l.line}: ${(l.cells ?? []).filter(Boolean).slice(0, 4).join(' · ')}`.slice(0, 80),
              }))}
              value={String(preview.headerRow ?? '')}
              allowDeselect={false}
              disabled={busy !== null}
              onChange={(v) => v && Number(v) !== preview.headerRow && onReread(preview.sheet, Number(v))}
            />
          )}
        </div>
        {missing.length > 0 && (
          <Badge color="red" variant="light" size="lg" tt="none">
            {t('impor.map.missing', { n: missing.length })}
          </Badge>
        )}
      </Group>
      <ImportNotices notices={preview.notices} />
      {kind === 'abk' && (
        <Radio.Group
          value={locale}
          onChange={(v) => dispatch({ type: 'locale', locale: v as ImportLocale })}
          label={t('impor.map.locale')}
          description={t('impor.map.localeHint')}
          data-testid="import-locale"
        >
          <Group mt={6}>
            <Radio value="id-ID" label={t('impor.map.localeId')} data-testid="locale-id-ID" />
            <Radio value="en-US" label={t('impor.map.localeEn')} data-testid="locale-en-US" />
          </Group>
        </Radio.Group>
      )}
      <Text size="sm" c="dimmed">
        {t('impor.map.intro')}
      </Text>
      <Table withTableBorder data-testid="import-mapping">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>{t('impor.map.field')}</Table.Th>
            <Table.Th w={280}>{t('impor.map.column')}</Table.Th>
            <Table.Th>{t('impor.map.sample')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f) => {
            const col = mapping.columns[f.key];
            const sample = col === undefined ? '' : (preview.rows?.[0]?.[col] ?? '');
            const bad = f.required && col === undefined;
            return (
              <Table.Tr key={f.key}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {en ? f.labelEn || f.label : f.label}
                    {f.required && (
                      <Text span c="red">
                        {' '}
                        *
                      </Text>
                    )}
                  </Text>
                  {f.hint && (
                    <Text size="xs" c="dimmed">
                      {f.hint}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    data={columnOptions}
                    value={col === undefined ? null : String(col)}
                    placeholder={t('impor.map.notImported')}
                    clearable
                    searchable
                    error={bad ? t('impor.map.required') : undefined}
                    onChange={(v) => dispatch({ type: 'column', field: f.key, column: v === null ? null : Number(v) })}
                    aria-label={f.label}
                    data-testid={`map-${f.key}`}
                  />
                </Table.Td>
                <Table.Td className="mono" c="dimmed">
                  {sample}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Title order={6} c="navy.8" tt="uppercase">
        {t('impor.map.previewTitle', { n: preview.rows?.length ?? 0 })}
      </Title>
      <ScrollArea type="auto">
        <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              {headers.map((h, i) => (
                <Table.Th key={i} style={{ whiteSpace: 'nowrap' }}>
                  {colName(i)} · {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(preview.rows ?? []).map((r, i) => (
              <Table.Tr key={i}>
                {headers.map((_, j) => (
                  <Table.Td key={j} style={{ whiteSpace: 'nowrap' }}>
                    {r?.[j] ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <ImportProgressBar busy={busy} p={progress} />
      <Group justify="space-between">
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={onRestart} disabled={!!busy}>
          {t('impor.restart')}
        </Button>
        <Button onClick={onDryRun} loading={busy === 'dryrun'} disabled={missing.length > 0} data-testid="btn-dry-run">
          {t('impor.dryRun')}
        </Button>
      </Group>
    </Stack>
  );
}
