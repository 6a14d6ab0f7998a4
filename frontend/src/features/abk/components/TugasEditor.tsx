import { useMemo, useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toAppError } from '../../../api';
import { abkApi, PERIODES, type ABK, type PositionResult, type Tugas, type TugasRow } from '../api';
import { QueryError } from '../../../components/QueryError';
import { numberSeparators, useFormat } from '../../../lib/format';
import { useGradeBounds } from '../../../lib/queries';
import { notifyOk } from '../../../lib/notify';
import { qk } from '../../../api/queryKeys';
import { useCan } from '../../auth';
import { GradeBadge, Selisih } from './parts';
import { ActionsTh } from '../../../components/ActionsTh';

interface Props {
  abk: ABK;
  unitId: string;
  jabatanId: string;
  bezetting: number;
}

/** One position's ABK tasks: editable in a draft ABK, read-only in a final one. */
export function TugasEditor({ abk, unitId, jabatanId, bezetting }: Props) {
  const tugas = useQuery({
    queryKey: qk.abkTugas(abk.id, unitId, jabatanId),
    queryFn: () => abkApi.abkTugas(abk.id, unitId, jabatanId),
  });
  if (tugas.isPending) return <Skeleton h={240} />;
  if (tugas.isError) return <QueryError error={tugas.error} onRetry={() => void tugas.refetch()} />;
  // A fresh form whenever the stored tasks change (after a save, or another device's edit).
  return (
    <TugasForm
      key={`${abk.id}:${tugas.dataUpdatedAt}`}
      abk={abk}
      unitId={unitId}
      jabatanId={jabatanId}
      bezetting={bezetting}
      stored={tugas.data}
    />
  );
}

type Col = 'uraian' | 'satuanHasil' | 'volume' | 'periode' | 'normaMenit';

interface EditRow {
  key: number;
  uraian: string;
  satuanHasil: string;
  volume: number | '';
  periode: string;
  normaMenit: number | '';
}

/** Backend field error code → the column it concerns (backend/abksvc validTugas). */
const CODE_COL: Record<string, Col> = {
  'tugas.uraian': 'uraian',
  'tugas.satuan': 'satuanHasil',
  'tugas.volume': 'volume',
  'tugas.periode': 'periode',
  'tugas.norma': 'normaMenit',
};

let nextKey = 1;
const toEdit = (t: TugasRow | Tugas): EditRow => ({
  key: nextKey++,
  uraian: t.uraian,
  satuanHasil: t.satuanHasil,
  volume: t.volume,
  periode: t.periode,
  normaMenit: t.normaMenit,
});
const toTugas = (r: EditRow): Tugas => ({
  uraian: r.uraian,
  satuanHasil: r.satuanHasil,
  volume: r.volume === '' ? 0 : r.volume,
  periode: r.periode,
  normaMenit: r.normaMenit === '' ? 0 : r.normaMenit,
});

type RowErrors = Record<number, Partial<Record<Col, string>>>;

function TugasForm({ abk, unitId, jabatanId, bezetting, stored }: Props & { stored: TugasRow[] }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const final = abk.status === 'FINAL';
  // a final ABK is read-only for everyone; a draft for every role without the ABK permission
  const canAbk = useCan('UBAH_ABK');
  const readOnly = final || !canAbk;
  const initial = useMemo(() => stored.map(toEdit), [stored]);
  const [rows, setRows] = useState<EditRow[]>(initial);
  const [dirty, setDirty] = useState(false);
  const [rowErrors, setRowErrors] = useState<RowErrors>({});
  const [general, setGeneral] = useState<string | null>(null);

  const tugas = useMemo(() => rows.map(toTugas), [rows]);
  const [debounced] = useDebouncedValue(tugas, 350);
  // The backend computes; the UI only shows its result.
  const hitung = useQuery({
    queryKey: qk.abkHitung(bezetting, debounced),
    queryFn: () => abkApi.hitungTugas(debounced, bezetting),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

  const save = useMutation({
    mutationFn: () => abkApi.saveABKTugas(abk.id, unitId, jabatanId, tugas),
    onSuccess: async () => {
      setRowErrors({});
      setGeneral(null);
      setDirty(false);
      notifyOk(t('abk.tugas.saved'));
      await qc.invalidateQueries({ queryKey: qk.abkAll });
    },
    onError: (err) => {
      const e = toAppError(err);
      const lang = i18n.language;
      const next: RowErrors = {};
      const rest: string[] = [];
      for (const f of e.fields) {
        const m = /^tugas\.(\d+)$/.exec(f.field);
        const msg = lang.startsWith('en') ? f.messageEn || f.message : f.message || f.messageEn;
        const col = CODE_COL[f.code] ?? 'uraian';
        if (m) {
          const i = Number(m[1]);
          next[i] = { ...next[i], [col]: next[i]?.[col] ?? msg };
        } else rest.push(msg);
      }
      setRowErrors(next);
      const bad = Object.keys(next).length;
      setGeneral(
        bad > 0 ? [t('abk.tugas.rowsInvalid', { count: bad, n: fmt.num(bad) }), ...rest].join(' ') : e.text(lang),
      );
    },
  });

  const update = (i: number, col: Col, v: string | number) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [col]: v } : r)));
    setDirty(true);
    if (rowErrors[i]?.[col]) setRowErrors((es) => ({ ...es, [i]: { ...es[i], [col]: undefined } }));
  };
  const add = () => {
    setRows((rs) => [...rs, { key: nextKey++, uraian: '', satuanHasil: '', volume: '', periode: 'BULAN', normaMenit: '' }]);
    setDirty(true);
  };
  const remove = (i: number) => {
    setRows((rs) => rs.filter((_, j) => j !== i));
    setRowErrors({});
    setDirty(true);
  };
  const reset = () => {
    setRows(initial.map((r) => ({ ...r, key: nextKey++ })));
    setRowErrors({});
    setGeneral(null);
    setDirty(false);
  };

  const sep = numberSeparators(fmt.lang);
  const periodeOptions = PERIODES.map((p) => ({ value: p, label: t(`abk.periode.${p}`) }));

  return (
    <Stack gap="sm" data-testid="tugas-editor">
      {final && (
        <Alert color="navy" variant="light" icon={<IconLock size={18} />} title={t('abk.tugas.finalTitle', { tahun: abk.tahun })} data-testid="tugas-readonly">
          {t('abk.tugas.finalBody')}
        </Alert>
      )}
      <HitungResult r={hitung.data} loading={hitung.isFetching} error={hitung.error} />
      {general && (
        <Alert color="red" data-testid="tugas-error">
          {general}
        </Alert>
      )}
      <Card withBorder p={0}>
        <Table data-testid="tugas-table" verticalSpacing={readOnly ? 4 : 2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>#</Table.Th>
              <Table.Th>{t('abk.tugas.uraian')}</Table.Th>
              <Table.Th w={150}>{t('abk.tugas.satuanHasil')}</Table.Th>
              <Table.Th w={110} className="num">
                {t('abk.tugas.volume')}
              </Table.Th>
              <Table.Th w={130}>{t('abk.tugas.periode')}</Table.Th>
              <Table.Th w={120} className="num">
                {t('abk.tugas.norma')}
              </Table.Th>
              {!readOnly && <ActionsTh w={40} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={readOnly ? 6 : 7}>
                  <Text c="dimmed" size="sm" ta="center" py="sm">
                    {t('abk.tugas.none')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((r, i) => {
              const err = rowErrors[i] ?? {};
              return readOnly ? (
                <Table.Tr key={r.key} data-testid="tugas-row">
                  <Table.Td c="dimmed">{i + 1}</Table.Td>
                  <Table.Td>{r.uraian}</Table.Td>
                  <Table.Td>{r.satuanHasil || '–'}</Table.Td>
                  <Table.Td className="num">{fmt.num(r.volume === '' ? null : r.volume)}</Table.Td>
                  <Table.Td>{t(`abk.periode.${r.periode}`, { defaultValue: r.periode })}</Table.Td>
                  <Table.Td className="num">{fmt.num(r.normaMenit === '' ? null : r.normaMenit)}</Table.Td>
                </Table.Tr>
              ) : (
                <Table.Tr key={r.key} data-testid="tugas-row" data-invalid={Object.values(err).some(Boolean) || undefined} style={{ verticalAlign: 'top' }}>
                  <Table.Td c="dimmed" pt={10}>
                    {i + 1}
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={t('abk.tugas.uraian')}
                      value={r.uraian}
                      error={err.uraian}
                      onChange={(e) => update(i, 'uraian', e.currentTarget.value)}
                      data-testid={`tugas-uraian-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={t('abk.tugas.satuanHasil')}
                      value={r.satuanHasil}
                      error={err.satuanHasil}
                      onChange={(e) => update(i, 'satuanHasil', e.currentTarget.value)}
                      data-testid={`tugas-satuan-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      hideControls
                      min={0}
                      decimalScale={2}
                      {...sep}
                      aria-label={t('abk.tugas.volume')}
                      value={r.volume}
                      error={err.volume}
                      onChange={(v) => update(i, 'volume', typeof v === 'number' ? v : v === '' ? '' : Number(v))}
                      styles={{ input: { textAlign: 'right' } }}
                      data-testid={`tugas-volume-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={t('abk.tugas.periode')}
                      data={periodeOptions}
                      value={r.periode}
                      error={err.periode}
                      allowDeselect={false}
                      onChange={(v) => v && update(i, 'periode', v)}
                      data-testid={`tugas-periode-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      hideControls
                      min={0}
                      decimalScale={2}
                      {...sep}
                      aria-label={t('abk.tugas.norma')}
                      value={r.normaMenit}
                      error={err.normaMenit}
                      onChange={(v) => update(i, 'normaMenit', typeof v === 'number' ? v : v === '' ? '' : Number(v))}
                      styles={{ input: { textAlign: 'right' } }}
                      data-testid={`tugas-norma-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('abk.tugas.remove')} withArrow>
                      <ActionIcon variant="subtle" color="red" mt={2} onClick={() => remove(i)} aria-label={t('abk.tugas.remove')} data-testid={`tugas-remove-${i}`}>
                        <IconTrash size={15} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
      {!readOnly && (
        <Group justify="space-between">
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={add} data-testid="btn-add-tugas">
            {t('abk.tugas.add')}
          </Button>
          <Group gap="xs">
            {dirty && (
              <Text size="xs" c="orange.8">
                {t('abk.tugas.unsaved')}
              </Text>
            )}
            <Button variant="default" size="xs" disabled={!dirty} onClick={reset}>
              {t('abk.tugas.reset')}
            </Button>
            <Button size="xs" loading={save.isPending} disabled={!dirty} onClick={() => save.mutate()} data-testid="btn-save-tugas">
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      )}
    </Stack>
  );
}

/** The backend's computation of the position from the tasks on screen. */
function HitungResult({ r, loading, error }: { r: PositionResult | undefined; loading: boolean; error: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bounds = useGradeBounds();
  if (error) return <QueryError error={error} />;
  const item = (label: string, value: ReactNode, testId: string, sub?: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="div" fw={700} fz="lg" data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {sub && (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      )}
    </div>
  );
  return (
    <Paper withBorder p="sm" bg="navy.0" data-testid="hitung-result">
      <Group justify="space-between" mb={4}>
        <Title order={6} c="navy.8" tt="uppercase">
          {t('abk.tugas.result')}
        </Title>
        <Group gap={6}>
          {loading && <Loader size={14} />}
          <Text size="xs" c="dimmed">
            {t('abk.tugas.resultHint')}
          </Text>
        </Group>
      </Group>
      {r ? (
        <SimpleGrid cols={{ base: 3, md: 7 }} spacing="xs">
          {item(t('abk.bebanMenit'), fmt.num(Math.round(r.beban)), 'hitung-beban', t('abk.tugas.minutesHours', { h: fmt.num(Math.round(r.beban / 60)) }))}
          {item(t('abk.kebutuhan'), fmt.dec(r.kebutuhan), 'hitung-kebutuhan')}
          {item(t('abk.kebutuhanBulat'), fmt.num(r.kebutuhanBulat), 'hitung-kebutuhan-bulat')}
          {item(t('abk.bezetting'), fmt.num(r.bezetting), 'hitung-bezetting')}
          {item(t('abk.selisih'), <Selisih n={r.selisih} fw={700} />, 'hitung-selisih')}
          {item(t('abk.ej'), r.kosong ? '–' : fmt.graded(r.ej, bounds), 'hitung-ej')}
          {item(t('abk.grade'), <GradeBadge grade={r.grade} size="lg" />, 'hitung-grade')}
        </SimpleGrid>
      ) : (
        <Skeleton h={44} />
      )}
    </Paper>
  );
}
