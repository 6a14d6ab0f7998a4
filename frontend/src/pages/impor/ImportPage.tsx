import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Radio,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconFileImport, IconFolderOpen, IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, toAppError, type ImportKind, type ImportMapping, type ImportPreview, type ImportReport } from '../../api';
import { onImportProgress } from '../../api/events';
import { PageHeader } from '../../components/PageHeader';
import { runExport } from '../../lib/exports';
import { useFormat } from '../../lib/format';
import { qk } from '../../api/queryKeys';
import { ImportNotices } from './ImportNotices';
import { ImportReportView } from './ImportReportView';

type ImportLocale = 'id-ID' | 'en-US';

type Busy = null | 'preview' | 'dryrun' | 'commit';

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const en = i18n.language.startsWith('en');
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>('pegawai');
  const [abkId, setAbkId] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({ sheet: '', columns: {} });
  // How the file writes numbers; kept across files and sheets (the backend's default is id-ID).
  const [locale, setLocale] = useState<ImportLocale>('id-ID');
  const [dry, setDry] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; phase: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const abks = useQuery({ queryKey: qk.abkList, queryFn: api.listABK, enabled: kind === 'abk' });
  const drafts = (abks.data ?? []).filter((a) => a.status === 'DRAFT');

  useEffect(() => (busy === 'dryrun' || busy === 'commit' ? onImportProgress(setProgress) : undefined), [busy]);

  const reset = () => {
    setStep(0);
    setPath('');
    setPreview(null);
    setDry(null);
    setResult(null);
    setError(null);
  };

  const fail = (e: unknown) => setError(toAppError(e).text(i18n.language));

  const choose = async () => {
    setError(null);
    try {
      const p = await api.chooseImportFile();
      if (!p) return;
      setBusy('preview');
      const pv = await api.importPreview(kind, p);
      setPath(p);
      setPreview(pv);
      setMapping({ sheet: pv.mapping.sheet ?? pv.sheet ?? '', columns: { ...(pv.mapping.columns ?? {}) }, headerRow: pv.headerRow });
      setDry(null);
      setResult(null);
      setStep(1);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  // A workbook with several sheets: read another one and suggest its mapping.
  // headerRow > 0 reads the header from that line (a title row above it).
  const chooseSheet = async (sheet: string, headerRow = 0) => {
    setError(null);
    setBusy('preview');
    try {
      const pv = await api.importPreview(kind, path, sheet, headerRow);
      setPreview(pv);
      setMapping({ sheet: pv.mapping.sheet ?? pv.sheet ?? sheet, columns: { ...(pv.mapping.columns ?? {}) }, headerRow: pv.headerRow });
      setDry(null);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const dryRun = async () => {
    setError(null);
    setProgress(null);
    setBusy('dryrun');
    try {
      setDry(await api.importDryRun(kind, path, { ...mapping, locale }, abkId ?? ''));
      setStep(2);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    setError(null);
    setProgress(null);
    setBusy('commit');
    try {
      const r = await api.importCommit(kind, path, { ...mapping, locale }, abkId ?? '');
      setResult(r);
      setStep(3);
      if (r.committed) await qc.invalidateQueries();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const fields = preview?.fields ?? [];
  const headers = useMemo(() => preview?.headers ?? [], [preview]);
  const missing = fields.filter((f) => f.required && mapping.columns[f.key] === undefined);
  const columnOptions = useMemo(
    () => headers.map((h, i) => ({ value: String(i), label: `${colName(i)} — ${h || t('impor.map.noHeader')}` })),
    [headers, t],
  );

  return (
    <div data-testid="import-page">
      <PageHeader title={t('impor.title')} subtitle={t('impor.subtitle')} />

      <Card withBorder p="lg">
        <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false} onStepClick={(s) => s < step && !busy && setStep(s)}>
          <Stepper.Step label={t('impor.step.kind')} description={t('impor.step.kindHint')} />
          <Stepper.Step label={t('impor.step.map')} description={t('impor.step.mapHint')} />
          <Stepper.Step label={t('impor.step.check')} description={t('impor.step.checkHint')} />
          <Stepper.Step label={t('impor.step.done')} description={t('impor.step.doneHint')} />
        </Stepper>

        {error && (
          <Alert color="red" mb="md" data-testid="import-error" withCloseButton onClose={() => setError(null)}>
            {error}
          </Alert>
        )}

        {step === 0 && (
          <Stack maw={720}>
            <Radio.Group value={kind} onChange={(v) => setKind(v as ImportKind)} label={t('impor.kind')}>
              <SimpleGrid cols={2} mt="xs">
                <Radio.Card value="pegawai" p="md" radius="sm" data-testid="kind-pegawai">
                  <Group wrap="nowrap" align="flex-start">
                    <Radio.Indicator />
                    <div>
                      <Text fw={600}>{t('impor.kindPegawai')}</Text>
                      <Text size="xs" c="dimmed">
                        {t('impor.kindPegawaiHint')}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
                <Radio.Card value="abk" p="md" radius="sm" data-testid="kind-abk">
                  <Group wrap="nowrap" align="flex-start">
                    <Radio.Indicator />
                    <div>
                      <Text fw={600}>{t('impor.kindAbk')}</Text>
                      <Text size="xs" c="dimmed">
                        {t('impor.kindAbkHint')}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              </SimpleGrid>
            </Radio.Group>
            {kind === 'abk' &&
              (drafts.length === 0 && !abks.isPending ? (
                <Alert color="orange">{t('impor.noDraft')}</Alert>
              ) : (
                <Select
                  w={320}
                  label={t('impor.abkTarget')}
                  description={t('impor.abkTargetHint')}
                  placeholder={t('impor.abkNewestDraft')}
                  data={drafts.map((a) => ({ value: a.id, label: `${a.tahun} — ${t('abk.status.DRAFT')}` }))}
                  value={abkId}
                  onChange={setAbkId}
                  clearable
                />
              ))}
            <Group>
              <Button leftSection={<IconFolderOpen size={16} />} loading={busy === 'preview'} onClick={() => void choose()} data-testid="btn-choose-file">
                {t('impor.choose')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} />}
                onClick={() => void runExport(() => api.saveImportTemplate(kind))}
                data-testid={`btn-template-${kind}`}
              >
                {kind === 'abk' ? t('impor.templateAbk') : t('impor.templatePegawai')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('impor.chooseHint')}
            </Text>
          </Stack>
        )}

        {step === 1 && preview && (
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
                    onChange={(v) => v && v !== preview.sheet && void chooseSheet(v)}
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
                    onChange={(v) => v && Number(v) !== preview.headerRow && void chooseSheet(preview.sheet, Number(v))}
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
                onChange={(v) => {
                  setLocale(v as ImportLocale);
                  setDry(null);
                }}
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
                          onChange={(v) =>
                            setMapping((m) => {
                              const columns = { ...m.columns };
                              if (v === null) delete columns[f.key];
                              else columns[f.key] = Number(v);
                              return { ...m, columns };
                            })
                          }
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
            <ProgressBar busy={busy} p={progress} />
            <Group justify="space-between">
              <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={reset} disabled={!!busy}>
                {t('impor.restart')}
              </Button>
              <Button onClick={() => void dryRun()} loading={busy === 'dryrun'} disabled={missing.length > 0} data-testid="btn-dry-run">
                {t('impor.dryRun')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 2 && dry && (
          <Stack>
            <ImportReportView r={dry} fields={preview?.fields} />
            <ProgressBar busy={busy} p={progress} />
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(1)} disabled={!!busy}>
                {t('impor.backToMapping')}
              </Button>
              <Group gap="xs">
                {dry.failed > 0 && (
                  <Text size="xs" c="dimmed" maw={360}>
                    {t('impor.fixFirst')}
                  </Text>
                )}
                {dry.failed > 0 && (
                  <Button variant="light" leftSection={<IconFolderOpen size={16} />} onClick={() => void choose()} disabled={!!busy}>
                    {t('impor.chooseAgain')}
                  </Button>
                )}
                <Button
                  leftSection={<IconFileImport size={16} />}
                  onClick={() => void commit()}
                  loading={busy === 'commit'}
                  disabled={dry.failed > 0 || dry.valid === 0}
                  data-testid="btn-commit"
                >
                  {t('impor.commit', { n: fmt.num(dry.valid) })}
                </Button>
              </Group>
            </Group>
          </Stack>
        )}

        {step === 3 && result && (
          <Stack>
            <ImportReportView r={result} fields={preview?.fields} />
            <Group justify="flex-end">
              <Button onClick={reset} data-testid="btn-import-again">
                {t('impor.again')}
              </Button>
            </Group>
          </Stack>
        )}
      </Card>
    </div>
  );
}

/** "A", "B", … "Z", "AA": the spreadsheet column name of a 0-based index. */
export function colName(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function ProgressBar({ busy, p }: { busy: Busy; p: { done: number; total: number; phase: string } | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (busy !== 'dryrun' && busy !== 'commit') return null;
  const pct = p && p.total > 0 ? (100 * p.done) / p.total : 0;
  return (
    <Stack gap={4} data-testid="import-progress">
      <Progress value={pct} animated striped size="lg" />
      <Text size="xs" c="dimmed">
        {p
          ? t('impor.progress', { phase: t(`impor.phase.${p.phase}`, { defaultValue: p.phase }), done: fmt.num(p.done), total: fmt.num(p.total) })
          : t('common.loading')}
      </Text>
    </Stack>
  );
}
