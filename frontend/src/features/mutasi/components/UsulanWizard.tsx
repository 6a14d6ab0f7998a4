import { useEffect, useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconPlus, IconSend, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, JENIS_MUTASI, toAppError, type Placement, type UsulanDetail, type UsulanInput } from '../../../api';
import { mutasiApi } from '../api';
import { abkApi } from '../../abk';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { DateField } from '../../../components/DateField';
import { isIsoDate } from '../../../lib/date';
import { useFormat } from '../../../lib/format';
import { mk, qk } from '../../../api/queryKeys';
import { navigate, usulanPath } from '../../../lib/nav';
import { notifyError, notifyOk } from '../../../lib/notify';
import { useJabatan, useOPDs, useOPDTree } from '../../../lib/queries';
import { flattenUnits, unitOptions } from '../../../lib/tree';
import { RuleResults } from './RuleResults';

const MAX_TARGETS = 3;
const EMPTY: Placement = { opdId: '', unitId: '', jabatanId: '' };

/** T2–T4 move the employee to another Pemda, province or central agency: the target is named, not picked. */
const isLuar = (jenis: string) => jenis === 'T2' || jenis === 'T3' || jenis === 'T4';

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Props {
  pegawaiId?: string;
  aps?: boolean;
  editId?: string;
}

/** Create (or edit) a request; the eligibility rules are checked live by the backend as the form changes. */
export function UsulanWizard({ pegawaiId: initialPegawai = '', aps: initialAps = false, editId }: Props) {
  const { t } = useTranslation();
  const editing = useQuery({ queryKey: mk.detail(editId ?? ''), queryFn: () => mutasiApi.getUsulan(editId ?? ''), enabled: !!editId });
  if (editId) {
    if (editing.isPending) return <Skeleton h={400} />;
    if (editing.isError) return <QueryError error={editing.error} onRetry={() => void editing.refetch()} />;
    return <WizardForm title={t('wizard.editTitle', { nomor: editing.data.row.nomor })} initial={fromDetail(editing.data)} editId={editId} />;
  }
  return (
    <WizardForm
      title={t('wizard.title')}
      initial={{ pegawaiId: initialPegawai, jenis: initialPegawai ? 'T1' : 'T1', aps: initialAps, alasan: '', targets: [{ ...EMPTY }] }}
    />
  );
}

function fromDetail(d: UsulanDetail): UsulanInput {
  return {
    pegawaiId: d.row.pegawaiId,
    jenis: d.row.jenis,
    aps: d.row.aps,
    alasan: d.state.request?.reason ?? '',
    targets: (d.targets ?? []).map((p) => ({ opdId: p.opdId, unitId: p.unitId, jabatanId: p.jabatanId, instansi: p.instansi })),
  };
}

function WizardForm({ title, initial, editId }: { title: string; initial: UsulanInput; editId?: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [pegawaiId, setPegawaiId] = useState(initial.pegawaiId);
  const [jenis, setJenis] = useState(initial.jenis || 'T1');
  const [aps, setAps] = useState(initial.aps);
  const [alasan, setAlasan] = useState(initial.alasan);
  const [targets, setTargets] = useState<Placement[]>(initial.targets?.length ? initial.targets : [{ ...EMPTY }]);
  const [tanggal, setTanggal] = useState(today());
  const [checkIdx, setCheckIdx] = useState(0);
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const [error, setError] = useState<ReturnType<typeof toAppError> | null>(null);

  const shownTargets = aps ? targets : targets.slice(0, 1);
  const idx = Math.min(checkIdx, shownTargets.length - 1);
  const target = shownTargets[idx] ?? EMPTY;
  // The check runs at the typed date once it reads as one (the field shows why not), else today.
  const checkDate = isIsoDate(tanggal) ? tanggal : today();
  const checkInput = useMemo(
    () => ({ pegawaiId, jenis, aps, target, tanggal: checkDate }),
    [pegawaiId, jenis, aps, target, checkDate],
  );
  const [debounced] = useDebouncedValue(checkInput, 400);
  const luar = isLuar(jenis);
  const ready =
    !!debounced.pegawaiId &&
    (isLuar(debounced.jenis) ? !!debounced.target.instansi?.trim() : !!debounced.target.opdId && !!debounced.target.jabatanId);
  const check = useQuery({
    queryKey: mk.check(debounced),
    queryFn: () => mutasiApi.checkMutasi(debounced),
    enabled: ready,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const rules = check.data?.rules ?? [];
  const warnings = rules.filter((r) => r.outcome === 'FAIL' && r.severity === 'WARN').length;

  const input = (): UsulanInput => ({ pegawaiId, jenis, aps, alasan: alasan.trim(), targets: shownTargets });
  const save = async (mode: 'draft' | 'submit') => {
    setSaving(mode);
    setError(null);
    let d: UsulanDetail;
    try {
      d = editId ? await mutasiApi.updateUsulan(editId, input()) : await mutasiApi.createUsulan(input());
    } catch (e) {
      setError(toAppError(e));
      setSaving(null);
      return;
    }
    if (mode === 'submit') {
      try {
        d = await mutasiApi.decideUsulan(d.row.id, { kind: 'AJUKAN', note: '', targetIndex: 0 });
        notifyOk(t('wizard.submitted', { nomor: d.row.nomor }));
      } catch (e) {
        // The draft is kept; the refusal (e.g. a failing BLOCK rule) names its code.
        notifyError(e, t('wizard.submitRefused', { code: toAppError(e).code }));
      }
    } else {
      notifyOk(t('wizard.saved', { nomor: d.row.nomor }));
    }
    setSaving(null);
    await qc.invalidateQueries({ queryKey: mk.all });
    navigate(usulanPath(d.row.id));
  };
  const fieldMsgs = error ? Object.entries(error.fieldMessages(i18n.language)) : [];

  return (
    <div data-testid="usulan-wizard">
      <PageHeader title={title} subtitle={t('wizard.subtitle')} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <Card withBorder>
              <Title order={5} mb="xs">
                {t('wizard.step.pegawai')}
              </Title>
              <PegawaiPicker value={pegawaiId} onChange={setPegawaiId} disabled={!!editId} />
            </Card>
            <Card withBorder>
              <Title order={5} mb="xs">
                {t('wizard.step.jenis')}
              </Title>
              <Stack gap="sm">
                <Select
                  label={t('wizard.jenis')}
                  data={JENIS_MUTASI.map((j) => ({ value: j, label: t(`mutasi.jenis.${j}`) }))}
                  value={jenis}
                  onChange={(v) => {
                    if (!v) return;
                    if (isLuar(v) !== isLuar(jenis)) setTargets([{ ...EMPTY }]); // a named agency and a local post do not mix
                    setJenis(v);
                  }}
                  allowDeselect={false}
                  data-testid="wizard-jenis"
                />
                <div>
                  <Text size="sm" fw={500} mb={4}>
                    {t('wizard.dasar')}
                  </Text>
                  <SegmentedControl
                    fullWidth
                    value={aps ? 'aps' : 'org'}
                    onChange={(v) => setAps(v === 'aps')}
                    data={[
                      { value: 'org', label: t('mutasi.kebutuhan') },
                      { value: 'aps', label: t('mutasi.aps') },
                    ]}
                    data-testid="wizard-dasar"
                  />
                  <Text size="xs" c="dimmed" mt={4}>
                    {aps ? t('wizard.apsHint', { n: MAX_TARGETS }) : t('wizard.orgHint')}
                  </Text>
                </div>
                <Textarea
                  label={aps ? t('wizard.alasanWajib') : t('wizard.alasan')}
                  value={alasan}
                  onChange={(e) => setAlasan(e.currentTarget.value)}
                  autosize
                  minRows={2}
                  data-testid="wizard-alasan"
                />
                <DateField
                  label={t('wizard.tanggal')}
                  description={t('wizard.tanggalHint')}
                  value={tanggal}
                  onChange={setTanggal}
                  w={260}
                  data-testid="wizard-tanggal"
                />
              </Stack>
            </Card>
            <Card withBorder>
              <Group justify="space-between" mb="xs">
                <Title order={5}>{t('wizard.step.tujuan')}</Title>
                {aps && targets.length < MAX_TARGETS && (
                  <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setTargets([...targets, { ...EMPTY }])} data-testid="wizard-add-target">
                    {t('wizard.addTarget')}
                  </Button>
                )}
              </Group>
              <Stack gap="md">
                {shownTargets.map((p, i) => (
                  <TargetPicker
                    key={i}
                    index={i}
                    label={shownTargets.length > 1 ? t('wizard.targetN', { n: i + 1 }) : undefined}
                    value={p}
                    luar={luar}
                    onChange={(np) => setTargets(targets.map((x, j) => (j === i ? np : x)))}
                    onRemove={shownTargets.length > 1 ? () => setTargets(targets.filter((_, j) => j !== i)) : undefined}
                  />
                ))}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder style={{ position: 'sticky', top: 0 }}>
            <Group justify="space-between" mb="xs">
              <Title order={5}>{t('wizard.rulesTitle')}</Title>
              {check.isFetching && <Loader size="xs" data-testid="check-loading" />}
            </Group>
            {shownTargets.length > 1 && (
              <SegmentedControl
                mb="sm"
                size="xs"
                value={String(idx)}
                onChange={(v) => setCheckIdx(Number(v))}
                data={shownTargets.map((_, i) => ({ value: String(i), label: t('wizard.targetN', { n: i + 1 }) }))}
              />
            )}
            {!ready && (
              <Text size="sm" c="dimmed" data-testid="check-hint">
                {t('wizard.chooseTarget')}
              </Text>
            )}
            {ready && check.isError && <QueryError error={check.error} onRetry={() => void check.refetch()} />}
            {ready && check.data && (
              <Stack gap="sm">
                {check.data.blocked ? (
                  <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="check-blocked">
                    {t('wizard.blockedNote')}
                  </Alert>
                ) : warnings > 0 ? (
                  <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="check-warn">
                    {t('wizard.warnNote', { n: warnings })}
                  </Alert>
                ) : (
                  <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="check-ok">
                    {t('wizard.okNote')}
                  </Alert>
                )}
                <RuleResults rules={rules} />
              </Stack>
            )}
          </Card>
        </Grid.Col>
      </Grid>
      {error && (
        <Alert color="red" mt="md" title={t(`errors.kind.${error.kind}`)} data-testid="wizard-error">
          {error.text(i18n.language)}
          {fieldMsgs.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
              {fieldMsgs.map(([f, m]) => (
                <li key={f}>{m}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => (editId ? navigate(usulanPath(editId)) : navigate('mutasi'))}>
          {t('common.cancel')}
        </Button>
        <Button variant="light" leftSection={<IconDeviceFloppy size={16} />} loading={saving === 'draft'} disabled={!pegawaiId || saving !== null} onClick={() => void save('draft')} data-testid="btn-wizard-draft">
          {t('wizard.saveDraft')}
        </Button>
        <Button leftSection={<IconSend size={16} />} loading={saving === 'submit'} disabled={!pegawaiId || saving !== null} onClick={() => void save('submit')} data-testid="btn-wizard-submit">
          {t('wizard.saveSubmit')}
        </Button>
      </Group>
    </div>
  );
}

/** Employee search by NIP or name (ListPegawai), with the chosen employee's current placement. */
function PegawaiPicker({ value, onChange, disabled }: { value: string; onChange: (id: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const found = useQuery({
    queryKey: qk.pegawaiSearch('picker', debounced),
    queryFn: () =>
      api.listPegawai({ search: debounced, opdId: '', golongan: '', jenisJabatan: '', status: '', unitId: '', jabatanId: '', sort: 'nama', desc: false, offset: 0, limit: 20, termasukKeluar: false }),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({ queryKey: qk.pegawai(value), queryFn: () => api.getPegawai(value), enabled: !!value });
  const options = useMemo(() => {
    const opts = (found.data?.rows ?? []).map((r) => ({ value: r.id, label: `${r.nip} — ${r.namaLengkap}` }));
    if (detail.data && !opts.some((o) => o.value === value)) {
      opts.unshift({ value, label: `${detail.data.pegawai.nip} — ${detail.data.namaLengkap}` });
    }
    return opts;
  }, [found.data, detail.data, value]);
  const d = detail.data;

  return (
    <Stack gap="xs">
      <Select
        label={t('wizard.pegawaiSearch')}
        placeholder={t('wizard.pegawaiPlaceholder')}
        searchable
        data={options}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options: o }) => o}
        nothingFoundMessage={debounced.length >= 2 ? t('wizard.pegawaiNone') : t('wizard.pegawaiType')}
        disabled={disabled}
        data-testid="wizard-pegawai"
      />
      {d && (
        <SimpleGrid cols={2} spacing="xs" verticalSpacing={2} data-testid="wizard-pegawai-info">
          <Text size="xs" c="dimmed">
            {t('field.opdId')}
          </Text>
          <Text size="xs">{d.opdNama}</Text>
          <Text size="xs" c="dimmed">
            {t('field.unitId')}
          </Text>
          <Text size="xs">{d.unitNama}</Text>
          <Text size="xs" c="dimmed">
            {t('field.jabatanId')}
          </Text>
          <Text size="xs">{d.jabatanNama}</Text>
          <Text size="xs" c="dimmed">
            {t('field.tmtJabatan')}
          </Text>
          <Text size="xs">
            {fmt.date(d.pegawai.tmtJabatan)} ({t('detail.years', { n: fmt.num(d.masaJabatan), count: d.masaJabatan })})
          </Text>
          <Text size="xs" c="dimmed">
            {t('field.status')}
          </Text>
          <Text size="xs">{d.pegawai.status}</Text>
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** OPD → unit → jabatan; the jabatan held in the unit first, then the whole catalogue. */
function TargetPicker({
  index,
  label,
  value,
  luar,
  onChange,
  onRemove,
}: {
  index: number;
  label?: string;
  value: Placement;
  luar: boolean;
  onChange: (p: Placement) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const opds = useOPDs();
  const tree = useOPDTree(value.opdId || null);
  const jabatan = useJabatan();
  const opdOptions = useMemo(
    () => (opds.data ?? []).map((o) => ({ value: o.id, label: o.singkatan ? `${o.singkatan} — ${o.nama}` : o.nama })),
    [opds.data],
  );
  const units = useMemo(() => unitOptions(tree.data?.units), [tree.data]);
  // the current ABK of the OPD: how many each post of the unit needs, has, lacks
  const staffing = useQuery({ queryKey: qk.abkOPD('', value.opdId), queryFn: () => abkApi.abkOPD('', value.opdId), enabled: !luar && !!value.opdId, retry: false });
  const jabatanOptions = useMemo(() => {
    const unit = flattenUnits(tree.data?.units).find((u) => u.node.id === value.unitId)?.node;
    const abkUnit = staffing.data?.units?.find((u) => u.id === value.unitId);
    const gapWords = (selisih: number) =>
      selisih < 0 ? t('wizard.gap.short', { count: -selisih }) : selisih > 0 ? t('wizard.gap.over', { count: selisih }) : t('wizard.gap.even');
    const fromAbk = (abkUnit?.positions ?? []).map((p) => ({
      value: p.jabatanId,
      label: t('wizard.jabatanFill', { nama: p.jabatanNama, need: p.kebutuhanBulat, filled: p.bezetting, gap: gapWords(p.selisih) }),
    }));
    const abkIds = new Set(fromAbk.map((h) => h.value));
    const held = [
      ...fromAbk,
      ...(unit?.jabatan ?? []).filter((j) => !abkIds.has(j.jabatanId)).map((j) => ({ value: j.jabatanId, label: t('wizard.jabatanNoAbk', { nama: j.nama, filled: j.bezetting }) })),
    ];
    const heldIds = new Set(held.map((h) => h.value));
    const rest = (jabatan.data ?? []).filter((j) => !heldIds.has(j.id)).map((j) => ({ value: j.id, label: j.nama }));
    return [
      ...(held.length ? [{ group: t('wizard.jabatanInUnit'), items: held }] : []),
      { group: t('wizard.jabatanAll'), items: rest },
    ];
  }, [tree.data, staffing.data, value.unitId, jabatan.data, t]);
  useEffect(() => {
    // keep the unit only while it belongs to the OPD
    if (!luar && value.unitId && tree.data && !units.some((u) => u.value === value.unitId)) onChange({ ...value, unitId: '' });
  }, [luar, tree.data, units, value, onChange]);

  return (
    <Stack gap={6} data-testid={`wizard-target-${index}`}>
      {(label || onRemove) && (
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          {onRemove && (
            <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('wizard.removeTarget')}>
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      )}
      {luar ? (
        <TextInput
          label={t('wizard.instansi')}
          description={t('wizard.instansiHint')}
          value={value.instansi ?? ''}
          onChange={(e) => onChange({ ...EMPTY, instansi: e.currentTarget.value })}
          data-testid={`wizard-target-instansi-${index}`}
        />
      ) : (
      <>
      <Select
        label={t('wizard.opd')}
        data={opdOptions}
        value={value.opdId || null}
        onChange={(v) => onChange({ opdId: v ?? '', unitId: '', jabatanId: value.jabatanId })}
        searchable
        allowDeselect={false}
        data-testid={`wizard-target-opd-${index}`}
      />
      <Select
        label={t('wizard.unit')}
        data={units}
        value={value.unitId || null}
        onChange={(v) => onChange({ ...value, unitId: v ?? '' })}
        searchable
        disabled={!value.opdId}
        allowDeselect={false}
        data-testid={`wizard-target-unit-${index}`}
      />
      <Select
        label={t('wizard.jabatan')}
        data={jabatanOptions}
        value={value.jabatanId || null}
        onChange={(v) => onChange({ ...value, jabatanId: v ?? '' })}
        searchable
        limit={200}
        disabled={!value.opdId}
        allowDeselect={false}
        data-testid={`wizard-target-jabatan-${index}`}
      />
      </>
      )}
    </Stack>
  );
}
