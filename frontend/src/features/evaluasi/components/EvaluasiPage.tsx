import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toAppError } from '../../../api';
import { evaluasiApi, type EvaluasiDueRow, type EvaluasiQuestion, type Jawaban, type SKPTahun, type EJTahun } from '../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { runExport } from '../../../lib/exports';
import { useFormat } from '../../../lib/format';
import { useGradeBounds } from '../../../lib/queries';
import { mk } from '../../../api/queryKeys';
import { useMsg } from '../../../lib/useMsg';
import { navigate, usulanPath } from '../../../lib/nav';
import { notifyOk } from '../../../lib/notify';
import { ActionsTh } from '../../../components/ActionsTh';

/** Evaluation after a transfer: what is due, the form, the report and the questions. */
export function EvaluasiPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('due');
  return (
    <div data-testid="evaluasi-page">
      <PageHeader title={t('evaluasi.title')} subtitle={t('evaluasi.subtitle')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="due" data-testid="tab-evaluasi-due">
            {t('evaluasi.tab.due')}
          </Tabs.Tab>
          <Tabs.Tab value="report" data-testid="tab-evaluasi-report">
            {t('evaluasi.tab.report')}
          </Tabs.Tab>
          <Tabs.Tab value="questions" data-testid="tab-evaluasi-questions">
            {t('evaluasi.tab.questions')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="due">
          <DueList />
        </Tabs.Panel>
        <Tabs.Panel value="report">
          <ReportView />
        </Tabs.Panel>
        <Tabs.Panel value="questions">
          <QuestionEditor />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}

function DueList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [includeDone, setIncludeDone] = useState(false);
  const [open, setOpen] = useState<EvaluasiDueRow | null>(null);
  const q = useQuery({ queryKey: mk.evaluasiDue(includeDone), queryFn: () => evaluasiApi.evaluasiDue(includeDone) });
  const rows = q.data ?? [];
  return (
    <Card withBorder p={0}>
      <Group justify="space-between" p="sm">
        <Text size="sm" c="dimmed">
          {t('evaluasi.dueHint')}
        </Text>
        <Switch label={t('evaluasi.includeDone')} checked={includeDone} onChange={(e) => setIncludeDone(e.currentTarget.checked)} />
      </Group>
      {q.isPending && <Skeleton h={200} />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <ScrollArea h="calc(100vh - 300px)">
          <Table highlightOnHover stickyHeader data-testid="evaluasi-due-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mutasi.col.pegawai')}</Table.Th>
                <Table.Th>{t('mutasi.col.nomor')}</Table.Th>
                <Table.Th>{t('evaluasi.col.tujuan')}</Table.Th>
                <Table.Th>{t('evaluasi.col.bulan')}</Table.Th>
                <Table.Th>{t('evaluasi.col.responden')}</Table.Th>
                <Table.Th>{t('evaluasi.col.jatuhTempo')}</Table.Th>
                <Table.Th>{t('evaluasi.col.status')}</Table.Th>
                <ActionsTh />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr
                  key={`${r.usulanId}-${r.bulan}-${r.responden}`}
                  bg={r.terlambat ? 'red.0' : undefined}
                  data-testid="evaluasi-due-row"
                  data-terlambat={r.terlambat}
                >
                  <Table.Td>
                    <Text size="sm">{r.namaPegawai}</Text>
                    <Text size="xs" c="dimmed" className="mono">
                      {r.nip}
                    </Text>
                  </Table.Td>
                  <Table.Td className="mono">
                    <Button variant="subtle" size="compact-xs" onClick={() => navigate(usulanPath(r.usulanId))}>
                      {r.nomor}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.opdTujuan}</Text>
                    <Text size="xs" c="dimmed">
                      {r.jabatan}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t('evaluasi.bulanN', { n: r.bulan })}</Table.Td>
                  <Table.Td>{t(`evaluasi.responden.${r.responden}`, { defaultValue: r.responden })}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(r.jatuhTempo)}</Table.Td>
                  <Table.Td>
                    {r.selesai ? (
                      <Badge color="teal" variant="light">
                        {t('evaluasi.done')}
                        {r.diisiDiPortal ? ` · ${t('portal.diisiDiPortal')}` : ''}
                      </Badge>
                    ) : r.terlambat ? (
                      <Badge color="red">{t('evaluasi.overdue', { n: r.hariTerlambat })}</Badge>
                    ) : (
                      <Badge color="blue" variant="light">
                        {t('evaluasi.open')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant={r.selesai ? 'default' : 'filled'} onClick={() => setOpen(r)} data-testid="btn-evaluasi-open">
                      {r.selesai ? t('evaluasi.view') : t('evaluasi.fill')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>
                    <Text c="dimmed" size="sm" ta="center" py="md">
                      {t('evaluasi.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {open && <EvaluasiFormModal row={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function SkpBox({ label, s }: { label: string; s: SKPTahun }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {s.label || '–'} {s.tahun ? `(${s.tahun})` : ''}
      </Text>
      {s.keterangan && (
        <Text size="xs" c="dimmed">
          {s.keterangan}
        </Text>
      )}
    </div>
  );
}

function EjBox({ label, e }: { label: string; e: EJTahun }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bounds = useGradeBounds();
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label} {e.abkTahun ? `(ABK ${e.abkTahun})` : ''}
      </Text>
      <Text size="sm" fw={600}>
        {e.ejAda ? `EJ ${fmt.graded(e.ej, bounds)}${e.grade ? ` · ${e.grade}` : ''}` : '–'}
        {e.unitAda ? ` · ${t('evaluasi.unitEu')} ${fmt.dec(e.unitEu)}` : ''}
      </Text>
      {e.keterangan && (
        <Text size="xs" c="dimmed">
          {e.keterangan}
        </Text>
      )}
    </div>
  );
}

function EvaluasiFormModal({ row, onClose }: { row: EvaluasiDueRow; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const msg = useMsg();
  const qc = useQueryClient();
  const form = useQuery({
    queryKey: mk.evaluasiForm(row.usulanId, row.bulan, row.responden),
    queryFn: () => evaluasiApi.evaluasiForm(row.usulanId, row.bulan, row.responden),
  });
  const [jawaban, setJawaban] = useState<Jawaban | null>(null);
  const answers: Jawaban = jawaban ?? form.data?.jawaban ?? {};
  const set = (kode: string, v: string) => setJawaban({ ...answers, [kode]: v });
  const submit = useMutation({
    mutationFn: () => evaluasiApi.submitEvaluasi(row.usulanId, row.bulan, row.responden, answers),
    onSuccess: async () => {
      notifyOk(t('evaluasi.submitted'));
      onClose();
      await qc.invalidateQueries({ queryKey: mk.evaluasiAll });
    },
  });
  const err = submit.isError ? toAppError(submit.error) : null;
  const fe = err?.fieldMessages(i18n.language) ?? {};
  const k = form.data?.konteks;
  return (
    <Modal opened onClose={onClose} size="xl" title={t('evaluasi.formTitle', { bulan: row.bulan, nama: row.namaPegawai, responden: t(`evaluasi.responden.${row.responden}`) })}>
      {form.isPending && <Skeleton h={300} />}
      {form.isError && <QueryError error={form.error} onRetry={() => void form.refetch()} />}
      {form.data && (
        <Stack data-testid="evaluasi-form">
          {k && (
            <Card withBorder bg="gray.0">
              <Title order={6} mb={6}>
                {t('evaluasi.konteks')}
              </Title>
              <SimpleGrid cols={2} spacing="sm">
                <SkpBox label={t('evaluasi.skpBefore')} s={k.skpSebelum} />
                <SkpBox label={t('evaluasi.skpAfter')} s={k.skpSesudah} />
                <EjBox label={t('evaluasi.ejBefore')} e={k.ejSebelum} />
                <EjBox label={t('evaluasi.ejAfter')} e={k.ejSesudah} />
              </SimpleGrid>
              {k.catatan && (
                <Text size="xs" c="dimmed" mt={6}>
                  {k.catatan}
                </Text>
              )}
            </Card>
          )}
          {(form.data.questions ?? []).map((q) => (
            <div key={q.id} data-testid="evaluasi-question" data-kode={q.kode}>
              <Text size="sm" fw={500} mb={4}>
                {msg(q.teks, q.teksEn)}
              </Text>
              {q.jenis === 'LIKERT' ? (
                <>
                  <SegmentedControl
                    value={answers[q.kode] ?? ''}
                    onChange={(v) => set(q.kode, v)}
                    data={['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: `${v} · ${t(`evaluasi.likert.${v}`)}` }))}
                    fullWidth
                    size="xs"
                    readOnly={row.selesai}
                  />
                  {fe[q.kode] && (
                    <Text size="xs" c="red">
                      {fe[q.kode]}
                    </Text>
                  )}
                </>
              ) : (
                <Textarea value={answers[q.kode] ?? ''} onChange={(e) => set(q.kode, e.currentTarget.value)} autosize minRows={2} readOnly={row.selesai} error={fe[q.kode]} />
              )}
            </div>
          ))}
          {err && Object.keys(fe).length === 0 && <Alert color="red">{err.text(i18n.language)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {row.selesai ? t('mutasi.bulk.close') : t('common.cancel')}
            </Button>
            {!row.selesai && (
              <Button onClick={() => submit.mutate()} loading={submit.isPending} data-testid="btn-evaluasi-submit">
                {t('evaluasi.submit')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function ReportView() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const msg = useMsg();
  const [groupBy, setGroupBy] = useState('opd');
  const [exporting, setExporting] = useState(false);
  const q = useQuery({ queryKey: mk.evaluasiReport(groupBy), queryFn: () => evaluasiApi.evaluasiReport(groupBy) });
  const likert = useMemo(() => (q.data?.questions ?? []).filter((x) => x.jenis === 'LIKERT'), [q.data]);
  const rows = q.data?.rows ?? [];
  const total = q.data?.total;
  return (
    <Card withBorder p={0}>
      <Group justify="space-between" p="sm">
        <SegmentedControl
          value={groupBy}
          onChange={setGroupBy}
          data={[
            { value: 'opd', label: t('evaluasi.groupBy.opd') },
            { value: 'jenis', label: t('evaluasi.groupBy.jenis') },
          ]}
        />
        <Button
          variant="default"
          size="xs"
          leftSection={<IconFileSpreadsheet size={14} />}
          loading={exporting}
          onClick={async () => {
            setExporting(true);
            try {
              await runExport(() => evaluasiApi.exportEvaluasiReport(groupBy));
            } finally {
              setExporting(false);
            }
          }}
          data-testid="btn-export-evaluasi"
        >
          {t('export.xlsx')}
        </Button>
      </Group>
      {q.isPending && <Skeleton h={200} />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <ScrollArea>
          <Table striped data-testid="evaluasi-report">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{groupBy === 'opd' ? t('evaluasi.groupBy.opd') : t('evaluasi.groupBy.jenis')}</Table.Th>
                <Table.Th className="num">{t('evaluasi.col.due')}</Table.Th>
                <Table.Th className="num">{t('evaluasi.col.done')}</Table.Th>
                {likert.map((x) => (
                  <Table.Th key={x.kode} className="num" title={msg(x.teks, x.teksEn)}>
                    {x.kode}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...rows, ...(total && rows.length > 0 ? [{ ...total, nama: t('evaluasi.total') }] : [])].map((r, i) => (
                <Table.Tr key={`${r.kunci}-${i}`} fw={i === rows.length ? 700 : undefined}>
                  <Table.Td>{r.nama || r.kunci}</Table.Td>
                  <Table.Td className="num">{fmt.num(r.due)}</Table.Td>
                  <Table.Td className="num">{fmt.num(r.done)}</Table.Td>
                  {likert.map((x) => (
                    <Table.Td key={x.kode} className="num">
                      {r.n?.[x.kode] ? fmt.dec(r.rerata?.[x.kode] ?? 0) : '–'}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3 + likert.length}>
                    <Text c="dimmed" size="sm" ta="center" py="md">
                      {t('common.noData')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Card>
  );
}

const EMPTY_Q: EvaluasiQuestion = { id: '', kode: '', untuk: 'PEGAWAI', teks: '', teksEn: '', jenis: 'LIKERT', urutan: 0, aktif: true };

function QuestionEditor() {
  const { t } = useTranslation();
  const msg = useMsg();
  const q = useQuery({ queryKey: mk.evaluasiQuestions, queryFn: evaluasiApi.evaluasiQuestions });
  const [editing, setEditing] = useState<EvaluasiQuestion | null>(null);
  const rows = q.data ?? [];
  return (
    <Card withBorder p={0}>
      <Group justify="flex-end" p="sm">
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing({ ...EMPTY_Q, urutan: rows.length + 1 })} data-testid="btn-question-add">
          {t('evaluasi.q.add')}
        </Button>
      </Group>
      {q.isPending && <Skeleton h={200} />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      <Table striped data-testid="evaluasi-questions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>{t('evaluasi.q.urutan')}</Table.Th>
            <Table.Th w={100}>{t('evaluasi.q.kode')}</Table.Th>
            <Table.Th>{t('evaluasi.q.teks')}</Table.Th>
            <Table.Th>{t('evaluasi.col.responden')}</Table.Th>
            <Table.Th>{t('evaluasi.q.jenis')}</Table.Th>
            <Table.Th>{t('evaluasi.q.aktif')}</Table.Th>
            <ActionsTh />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((x) => (
            <Table.Tr key={x.id} c={x.aktif ? undefined : 'dimmed'}>
              <Table.Td>{x.urutan}</Table.Td>
              <Table.Td className="mono">{x.kode}</Table.Td>
              <Table.Td>{msg(x.teks, x.teksEn)}</Table.Td>
              <Table.Td>{t(`evaluasi.responden.${x.untuk}`, { defaultValue: x.untuk })}</Table.Td>
              <Table.Td>{t(`evaluasi.q.jenisOpt.${x.jenis}`, { defaultValue: x.jenis })}</Table.Td>
              <Table.Td>{x.aktif ? t('evaluasi.q.ya') : t('evaluasi.q.tidak')}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="subtle" leftSection={<IconPencil size={12} />} onClick={() => setEditing(x)}>
                  {t('common.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && <QuestionModal initial={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function QuestionModal({ initial, onClose }: { initial: EvaluasiQuestion; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState(initial);
  const save = useMutation({
    mutationFn: () => evaluasiApi.saveEvaluasiQuestion(v),
    onSuccess: async () => {
      notifyOk(t('evaluasi.q.saved'));
      onClose();
      await qc.invalidateQueries({ queryKey: mk.evaluasiAll });
    },
  });
  const err = save.isError ? toAppError(save.error) : null;
  const fe = err?.fieldMessages(i18n.language) ?? {};
  return (
    <Modal opened onClose={onClose} title={initial.id ? t('evaluasi.q.edit') : t('evaluasi.q.add')} size="lg">
      <Stack>
        <SimpleGrid cols={3}>
          <TextInput label={t('evaluasi.q.kode')} value={v.kode} onChange={(e) => setV({ ...v, kode: e.currentTarget.value })} error={fe.kode} disabled={!!initial.id} />
          <Select
            label={t('evaluasi.col.responden')}
            data={['PEGAWAI', 'ATASAN'].map((r) => ({ value: r, label: t(`evaluasi.responden.${r}`) }))}
            value={v.untuk}
            onChange={(x) => x && setV({ ...v, untuk: x })}
            allowDeselect={false}
            error={fe.untuk}
          />
          <Select
            label={t('evaluasi.q.jenis')}
            data={['LIKERT', 'TEKS'].map((r) => ({ value: r, label: t(`evaluasi.q.jenisOpt.${r}`) }))}
            value={v.jenis}
            onChange={(x) => x && setV({ ...v, jenis: x })}
            allowDeselect={false}
            error={fe.jenis}
          />
        </SimpleGrid>
        <Textarea label={t('evaluasi.q.teks')} value={v.teks} onChange={(e) => setV({ ...v, teks: e.currentTarget.value })} autosize error={fe.teks} />
        <Textarea label={t('evaluasi.q.teksEn')} value={v.teksEn} onChange={(e) => setV({ ...v, teksEn: e.currentTarget.value })} autosize error={fe.teksEn} />
        <Group>
          <NumberInput label={t('evaluasi.q.urutan')} value={v.urutan} onChange={(x) => setV({ ...v, urutan: Number(x) || 0 })} w={120} min={0} />
          <Switch mt="lg" label={t('evaluasi.q.aktif')} checked={v.aktif} onChange={(e) => setV({ ...v, aktif: e.currentTarget.checked })} />
        </Group>
        {err && Object.keys(fe).length === 0 && <Alert color="red">{err.text(i18n.language)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
