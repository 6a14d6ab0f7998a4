import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Modal, NumberInput, Select, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconChartBar,
  IconClockHour4,
  IconLockCheck,
  IconPlus,
  IconSettings,
  IconUserMinus,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { abkApi, type ABK } from '../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { splitSubmitError } from '../../../lib/formErrors';
import { useFormat } from '../../../lib/format';
import { notifyError, notifyOk } from '../../../lib/notify';
import { qk } from '../../../api/queryKeys';
import { useCan } from '../../auth';
import { AbkExportMenu } from './AbkExport';
import { AbkSettingsForm } from './AbkSettings';
import { AggregateCards, PositionsTable, UnitsTable } from './OpdDrill';
import { GradeLegend } from './parts';
import { PensiunView } from './Pensiun';
import { PositionView } from './PositionView';
import { RegionDashboard } from './RegionDashboard';
import { StagnasiView } from './Stagnasi';

interface Drill {
  opdId?: string;
  unitId?: string;
  jabatanId?: string;
}

export function AbkPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>('dasbor');
  const [drill, setDrill] = useState<Drill>({});
  const [creating, setCreating] = useState(false);
  const [finalizing, setFinalizing] = useState(false);
  const canAbk = useCan('UBAH_ABK'); // new ABKs, tasks and finalising are the admin's (the backend refuses others)

  const list = useQuery({ queryKey: qk.abkList, queryFn: abkApi.listABK });
  const region = useQuery({ queryKey: qk.abkRegion(selected ?? ''), queryFn: () => abkApi.abkRegion(selected ?? '') });
  const abk = region.data?.abk;
  const abkId = abk?.id ?? '';
  // The list carries the task and position counts of each ABK.
  const listed = list.data?.find((a) => a.id === abkId);
  const opd = useQuery({
    queryKey: qk.abkOPD(abkId, drill.opdId ?? ''),
    queryFn: () => abkApi.abkOPD(abkId, drill.opdId ?? ''),
    enabled: !!abkId && !!drill.opdId,
  });
  const unit = useMemo(() => opd.data?.units?.find((u) => u.id === drill.unitId), [opd.data, drill.unitId]);
  const position = useMemo(() => unit?.positions?.find((p) => p.jabatanId === drill.jabatanId), [unit, drill.jabatanId]);

  const finalize = useMutation({
    mutationFn: (id: string) => abkApi.finalizeABK(id),
    onSuccess: async () => {
      setFinalizing(false);
      notifyOk(t('abk.finalized', { tahun: abk?.tahun }));
      await qc.invalidateQueries({ queryKey: qk.abkAll });
    },
    onError: (e) => {
      setFinalizing(false);
      notifyError(e);
    },
  });

  const yearOptions = (list.data ?? []).map((a) => ({
    value: a.id,
    label: `${a.tahun} — ${a.status === 'FINAL' ? t('abk.status.FINAL') : t('abk.status.DRAFT')}`,
  }));

  const crumbs = [
    { label: t('abk.crumb.region'), to: {} as Drill, testId: 'crumb-region' },
    ...(drill.opdId ? [{ label: opd.data?.opd.singkatan || opd.data?.opd.nama || '…', to: { opdId: drill.opdId }, testId: 'crumb-opd' }] : []),
    ...(drill.unitId ? [{ label: unit?.nama ?? '…', to: { opdId: drill.opdId, unitId: drill.unitId }, testId: 'crumb-unit' }] : []),
    ...(drill.jabatanId ? [{ label: position?.jabatanNama ?? '…', to: drill, testId: 'crumb-jabatan' }] : []),
  ];

  return (
    <div data-testid="abk-page">
      <PageHeader
        title={t('abk.title')}
        subtitle={
          abk ? (
            <span data-testid="abk-subtitle">
              {t('abk.subtitle', { tahun: abk.tahun, n: fmt.num(listed?.jumlahPosisi ?? abk.jumlahPosisi), tugas: fmt.num(listed?.jumlahTugas ?? abk.jumlahTugas) })}
            </span>
          ) : undefined
        }
      >
        <Select
          w={200}
          size="sm"
          aria-label={t('abk.year')}
          data={yearOptions}
          value={abkId || null}
          onChange={(v) => {
            setSelected(v);
            setDrill({});
          }}
          allowDeselect={false}
          data-testid="abk-year"
        />
        {abk && (
          <Badge size="lg" variant={abk.status === 'FINAL' ? 'filled' : 'outline'} color={abk.status === 'FINAL' ? 'teal' : 'orange'} data-testid="abk-status">
            {t(`abk.status.${abk.status}`, { defaultValue: abk.status })}
          </Badge>
        )}
        {canAbk && abk?.status === 'DRAFT' && (
          <Button variant="light" leftSection={<IconLockCheck size={16} />} onClick={() => setFinalizing(true)} data-testid="btn-finalize-abk">
            {t('abk.finalize')}
          </Button>
        )}
        {canAbk && (
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="btn-new-abk">
            {t('abk.create')}
          </Button>
        )}
        {abk && <AbkExportMenu abk={abk} opdId={drill.opdId} />}
      </PageHeader>

      {region.data?.draft && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} mb="sm" data-testid="abk-draft-banner" title={t('abk.draftTitle', { tahun: abk?.tahun })}>
          {t('abk.draftBody')}
        </Alert>
      )}

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="dasbor" leftSection={<IconChartBar size={16} />} data-testid="tab-abk-dasbor">
            {t('abk.tab.dasbor')}
          </Tabs.Tab>
          <Tabs.Tab value="stagnasi" leftSection={<IconClockHour4 size={16} />} data-testid="tab-abk-stagnasi">
            {t('abk.tab.stagnasi')}
          </Tabs.Tab>
          <Tabs.Tab value="pensiun" leftSection={<IconUserMinus size={16} />} data-testid="tab-abk-pensiun">
            {t('abk.tab.pensiun')}
          </Tabs.Tab>
          <Tabs.Tab value="pengaturan" leftSection={<IconSettings size={16} />} data-testid="tab-abk-pengaturan">
            {t('abk.tab.pengaturan')}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="dasbor">
          {region.isError && <QueryError error={region.error} onRetry={() => void region.refetch()} />}
          {region.isPending && <Skeleton h={400} />}
          {region.data && (
            <Stack gap="sm">
              <Breadcrumbs data-testid="abk-breadcrumbs">
                {crumbs.map((c, i) =>
                  i === crumbs.length - 1 ? (
                    <Text key={c.testId} size="sm" fw={600} data-testid={c.testId}>
                      {c.label}
                    </Text>
                  ) : (
                    <Anchor key={c.testId} size="sm" onClick={() => setDrill(c.to)} data-testid={c.testId}>
                      {c.label}
                    </Anchor>
                  ),
                )}
              </Breadcrumbs>
              <GradeLegend />
              {!drill.opdId && <RegionDashboard r={region.data} onOpenOPD={(o) => setDrill({ opdId: o.id })} />}
              {drill.opdId && opd.isError && <QueryError error={opd.error} onRetry={() => void opd.refetch()} />}
              {drill.opdId && opd.isPending && <Skeleton h={300} />}
              {drill.opdId && opd.data && !drill.unitId && (
                <Stack gap="sm" data-testid="abk-opd">
                  <Text fw={700} fz="lg">
                    {opd.data.opd.nama}
                  </Text>
                  <AggregateCards a={opd.data.opd} testId="abk-opd-cards" />
                  <UnitsTable d={opd.data} onOpenUnit={(u) => setDrill({ opdId: drill.opdId, unitId: u.id })} />
                </Stack>
              )}
              {unit && !drill.jabatanId && (
                <Stack gap="sm" data-testid="abk-unit">
                  <Text fw={700} fz="lg">
                    {unit.nama}
                  </Text>
                  <AggregateCards a={unit} />
                  <PositionsTable unit={unit} onOpen={(p) => setDrill({ ...drill, jabatanId: p.jabatanId })} />
                </Stack>
              )}
              {abk && position && drill.jabatanId && <PositionView abk={abk} p={position} />}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="stagnasi">
          <StagnasiView />
        </Tabs.Panel>
        <Tabs.Panel value="pensiun">{abk && <PensiunView abk={abk} />}</Tabs.Panel>
        <Tabs.Panel value="pengaturan">
          <AbkSettingsForm />
        </Tabs.Panel>
      </Tabs>

      {creating && (
        <CreateAbkModal
          list={list.data ?? []}
          onClose={() => setCreating(false)}
          onCreated={(a) => {
            setCreating(false);
            setSelected(a.id);
            setDrill({});
          }}
        />
      )}
      <ConfirmDialog
        opened={finalizing}
        title={t('abk.finalizeTitle', { tahun: abk?.tahun })}
        message={t('abk.finalizeBody', { tahun: abk?.tahun })}
        confirmLabel={t('abk.finalize')}
        loading={finalize.isPending}
        onConfirm={() => abk && finalize.mutate(abk.id)}
        onCancel={() => setFinalizing(false)}
      />
    </div>
  );
}

function CreateAbkModal({ list, onClose, onCreated }: { list: ABK[]; onClose: () => void; onCreated: (a: ABK) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const newest = list[0];
  const [tahun, setTahun] = useState<number | ''>(newest ? newest.tahun + 1 : new Date().getFullYear());
  const [copyFrom, setCopyFrom] = useState<string | null>(newest?.id ?? null);
  const [error, setError] = useState<{ fields: Record<string, string>; general: string | null } | null>(null);
  const create = useMutation({
    mutationFn: () => abkApi.createABK(tahun === '' ? 0 : tahun, copyFrom ?? ''),
    onSuccess: async (a) => {
      notifyOk(t('abk.created', { tahun: a.tahun }));
      await qc.invalidateQueries({ queryKey: qk.abkAll });
      onCreated(a);
    },
    onError: (e) => setError(splitSubmitError(e, ['tahun'], i18n.language)),
  });
  return (
    <Modal opened onClose={onClose} title={t('abk.createTitle')} centered>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('abk.createHint')}
        </Text>
        <NumberInput
          label={t('abk.year')}
          value={tahun}
          onChange={(v) => {
            setTahun(typeof v === 'number' ? v : '');
            setError(null);
          }}
          min={2000}
          max={2100}
          thousandSeparator=""
          error={error?.fields.tahun ?? error?.general}
          data-testid="input-abk-tahun"
        />
        <Select
          label={t('abk.copyFrom')}
          placeholder={t('abk.copyNone')}
          data={list.map((a) => ({
            value: a.id,
            label: `${a.tahun} — ${t(`abk.status.${a.status}`, { defaultValue: a.status })} (${t('abk.tugasCount', { n: fmt.num(a.jumlahTugas) })})`,
          }))}
          value={copyFrom}
          onChange={setCopyFrom}
          clearable
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={create.isPending} onClick={() => create.mutate()} data-testid="btn-create-abk">
            {t('abk.createButton')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
