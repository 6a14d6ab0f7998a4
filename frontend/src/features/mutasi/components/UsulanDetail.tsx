import { useState, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Collapse,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Timeline,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconArrowRight,
  IconChevronDown,
  IconChevronRight,
  IconCircleCheck,
  IconFileText,
  IconPencil,
  IconReceipt,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PlacementView, UsulanDetail, UsulanEvent } from '../../../api';
import { mutasiApi } from '../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { runExport } from '../../../lib/exports';
import { useFormat } from '../../../lib/format';
import { mk } from '../../../api/queryKeys';
import { DANGER_KINDS, StatusBadge } from '../status';
import { useCurrentUser, useRoleLabel } from '../../../lib/queries';
import { navigate, usulanPath } from '../../../lib/nav';
import { PegawaiPanel } from '../../pegawai';
import { DecideModal } from './DecideModal';
import { DokumenChecklist } from './DokumenChecklist';
import { RuleResults, RuleSnapshots } from './RuleResults';
import { KonflikAlurPanel } from '../../portal';

/** One request: header, placement, the actions the backend allows, documents, rules and the timeline. */
export function UsulanDetailView({ id }: { id: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  // The key follows the user (what they may do differs); while the user is re-read the
  // same request stays on screen, so an open decision dialog is not closed under the user.
  const q = useQuery({
    queryKey: mk.detailFor(id, user.data?.id ?? '', user.data?.role ?? ''),
    queryFn: () => mutasiApi.getUsulan(id),
    placeholderData: (prev) => (prev?.row.id === id ? prev : undefined),
  });
  return (
    <div data-testid="usulan-detail">
      <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('mutasi')} mb="xs" px={4}>
        {t('detailUsulan.back')}
      </Button>
      {q.isPending && <Skeleton h={400} />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && <DetailBody d={q.data} />}
    </div>
  );
}

function DetailBody({ d }: { d: UsulanDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const user = useCurrentUser();
  const roleLabel = useRoleLabel();
  const [deciding, setDeciding] = useState<string | null>(null);
  const [pegawaiOpen, setPegawaiOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const allowed = (d.allowed ?? []).filter((k) => k !== 'BUAT');
  const targets = d.targets ?? [];
  const chosen = d.state.targetIndex ?? 0;
  const verified = !['DRAFT', 'DIAJUKAN'].includes(d.row.status);
  const events = d.events ?? [];
  const rules = d.rules ?? [];
  const executed = d.state.executed;

  const gen = async (key: string, f: () => Promise<string>) => {
    setBusy(key);
    try {
      await runExport(f);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader
        title={`${t('detailUsulan.title')} ${d.row.nomor}`}
        subtitle={
          <Group gap="xs" component="span">
            <Text span data-testid="usulan-pegawai">
              {d.row.namaPegawai}
            </Text>
            <Text span className="mono" c="dimmed">
              {d.row.nip}
            </Text>
          </Group>
        }
      >
        <Badge variant="outline" size="lg" tt="none" data-testid="usulan-jenis">
          {t(`mutasi.jenis.${d.row.jenis}`, { defaultValue: d.row.jenis })}
        </Badge>
        <Badge variant="light" color="gray" size="lg" tt="none">
          {d.row.aps ? t('mutasi.aps') : t('mutasi.kebutuhan')}
        </Badge>
        <span data-testid="usulan-status" data-status={d.row.status}>
          <StatusBadge status={d.row.status} size="lg" />
        </span>
      </PageHeader>

      {executed && d.row.status === 'DILAKSANAKAN' && (
        <Alert color="green" icon={<IconCircleCheck size={18} />} title={t('detailUsulan.executed')} mb="md" data-testid="usulan-executed">
          <Text size="sm">
            {placementLine(d.source)} <IconArrowRight size={12} /> <b>{placementLine(targets[chosen])}</b>
          </Text>
          <Text size="sm">{t('detailUsulan.executedBody', { tmt: fmt.date(executed.tmt), sk: executed.nomorSk })}</Text>
          <Anchor component="button" size="sm" onClick={() => setPegawaiOpen(true)} data-testid="btn-open-pegawai">
            {t('detailUsulan.openPegawai')}
          </Anchor>
        </Alert>
      )}
      {d.state.reversal && (
        <Alert color="orange" title={t('detailUsulan.reversed')} mb="md" data-testid="usulan-reversed">
          <Text size="sm">{t('detailUsulan.reversedBody', { tmt: fmt.date(d.state.reversal.tmt) })}</Text>
          <Anchor component="button" size="sm" onClick={() => setPegawaiOpen(true)}>
            {t('detailUsulan.openPegawai')}
          </Anchor>
        </Alert>
      )}

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Card withBorder>
              <Title order={5} mb="xs">
                {t('detailUsulan.placement')}
              </Title>
              <Group align="stretch" wrap="nowrap" gap="sm">
                <PlacementBox label={t('detailUsulan.source')} p={d.source} testId="usulan-source" />
                <Stack justify="center">
                  <IconArrowRight size={20} />
                </Stack>
                <Stack gap={6} style={{ flex: 1 }}>
                  {targets.map((p, i) => (
                    <PlacementBox
                      key={i}
                      label={targets.length > 1 ? t('wizard.targetN', { n: i + 1 }) : t('detailUsulan.target')}
                      p={p}
                      chosen={verified && i === chosen}
                      testId="usulan-target"
                    />
                  ))}
                </Stack>
              </Group>
              {d.state.request?.reason && (
                <Text size="sm" mt="sm">
                  <Text span c="dimmed">
                    {t('detailUsulan.reason')}:{' '}
                  </Text>
                  {d.state.request.reason}
                </Text>
              )}
              {d.state.sk && (
                <Text size="sm" mt={4} data-testid="usulan-sk">
                  {t('detailUsulan.sk', { nomor: d.state.sk.nomor, tanggal: fmt.date(d.state.sk.tanggal), tmt: fmt.date(d.state.sk.tmt) })}
                </Text>
              )}
            </Card>
            <Card withBorder>
              <Title order={5} mb="sm">
                {t('detailUsulan.timeline')}
              </Title>
              <EventTimeline events={events} d={d} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Card withBorder data-testid="usulan-actions">
              <Title order={5} mb={4}>
                {t('detailUsulan.actions')}
              </Title>
              <Text size="xs" c="dimmed" mb="sm">
                {t('detailUsulan.actionsHint', { role: roleLabel(user.data?.role), nama: user.data?.nama ?? '' })}
              </Text>
              {allowed.length === 0 ? (
                <Text size="sm" c="dimmed" data-testid="no-actions">
                  {t('detailUsulan.noActions', { role: roleLabel(user.data?.role) })}
                </Text>
              ) : (
                <Group gap="xs">
                  {allowed.map((k) => (
                    <Button
                      key={k}
                      size="sm"
                      variant={DANGER_KINDS.includes(k) || k === 'KEMBALIKAN' ? 'light' : 'filled'}
                      color={DANGER_KINDS.includes(k) ? 'red' : k === 'KEMBALIKAN' ? 'orange' : undefined}
                      leftSection={k === 'UBAH' ? <IconPencil size={14} /> : undefined}
                      onClick={() => (k === 'UBAH' ? navigate(`${usulanPath(d.row.id)}/ubah`) : setDeciding(k))}
                      data-testid={`btn-action-${k}`}
                    >
                      {t(`mutasi.kind.${k}`, { defaultValue: k })}
                    </Button>
                  ))}
                </Group>
              )}
              <Group gap="xs" mt="md">
                <Button size="xs" variant="default" leftSection={<IconFileText size={14} />} loading={busy === 'nota'} onClick={() => void gen('nota', () => mutasiApi.generateNotaUsulan(d.row.id))} data-testid="btn-gen-nota">
                  {t('detailUsulan.gen.nota')}
                </Button>
                <Button size="xs" variant="default" leftSection={<IconReceipt size={14} />} loading={busy === 'tt'} onClick={() => void gen('tt', () => mutasiApi.generateTandaTerima(d.row.id))} data-testid="btn-gen-tanda-terima">
                  {t('detailUsulan.gen.tandaTerima')}
                </Button>
                <Button size="xs" variant="default" leftSection={<IconFileText size={14} />} loading={busy === 'sk'} onClick={() => void gen('sk', () => mutasiApi.generateDraftSK([d.row.id]))} data-testid="btn-gen-draft-sk">
                  {t('detailUsulan.gen.draftSk')}
                </Button>
              </Group>
            </Card>
            <KonflikAlurPanel detail={d} />
            <DokumenChecklist usulanId={d.row.id} />
            {rules.length > 0 && (
              <Card withBorder>
                <Title order={5} mb="xs">
                  {t('detailUsulan.currentRules')}
                </Title>
                <RuleResults rules={rules} />
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      {deciding && <DecideModal d={d} kind={deciding} onClose={() => setDeciding(null)} />}
      <PegawaiPanel id={pegawaiOpen ? d.row.pegawaiId : null} onClose={() => setPegawaiOpen(false)} />
    </>
  );
}

function placementLine(p: PlacementView | undefined): string {
  if (!p) return '–';
  return [p.jabatanNama, p.unitNama, p.opdSingkatan || p.opdNama].filter(Boolean).join(', ');
}

function PlacementBox({ label, p, chosen, testId }: { label: string; p: PlacementView | undefined; chosen?: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs" style={{ flex: 1, borderColor: chosen ? 'var(--mantine-color-teal-6)' : undefined }} data-testid={testId}>
      <Group justify="space-between" gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        {chosen && (
          <Badge size="xs" color="teal" variant="light">
            {t('detailUsulan.chosen')}
          </Badge>
        )}
      </Group>
      <Text size="sm" fw={600}>
        {p?.jabatanNama || '–'}
      </Text>
      <Text size="xs">{p?.unitNama}</Text>
      <Text size="xs" c="dimmed">
        {p?.opdNama}
      </Text>
    </Paper>
  );
}

function EventTimeline({ events, d }: { events: UsulanEvent[]; d: UsulanDetail }) {
  return (
    <Timeline bulletSize={20} lineWidth={2} active={events.length - 1} data-testid="usulan-timeline">
      {events.map((e) => (
        <Timeline.Item key={e.id || e.seq} title={<EventTitle e={e} />} data-testid="timeline-event" data-kind={e.kind}>
          <EventBody e={e} d={d} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function EventTitle({ e }: { e: UsulanEvent }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" fw={600}>
      {t(`mutasi.event.${e.kind}`, { defaultValue: e.kind })}
    </Text>
  );
}

function formatTime(s: string, lang: string): string {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

function EventBody({ e, d }: { e: UsulanEvent; d: UsulanDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const roleLabel = useRoleLabel();
  const [open, setOpen] = useState(false);
  const snap = e.payload?.eligibility ?? [];
  const failed = snap.filter((r) => r.outcome === 'FAIL').length;
  const p = e.payload;
  const lines: ReactNode[] = [];
  if (e.kind === 'VERIFIKASI' && (d.targets?.length ?? 0) > 1) {
    lines.push(t('detailUsulan.ev.target', { n: (p?.targetIndex ?? 0) + 1, label: placementLine(d.targets?.[p?.targetIndex ?? 0]) }));
  }
  if (p?.sk) lines.push(t('detailUsulan.sk', { nomor: p.sk.nomor, tanggal: fmt.date(p.sk.tanggal), tmt: fmt.date(p.sk.tmt) }));
  if (p?.pertek) lines.push(t('detailUsulan.pertek', { nomor: p.pertek.nomor, tanggal: fmt.date(p.pertek.tanggal) }));
  if (p?.change) lines.push(t('detailUsulan.ev.change', { keterangan: p.change.keterangan, tmt: fmt.date(p.change.tmt) }));
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" data-testid="timeline-actor">
        {e.actorLabel || `${e.actor?.name} (${roleLabel(e.actor?.role)})`} · {formatTime(e.time, fmt.lang)}
      </Text>
      {e.note && (
        <Text size="sm" data-testid="timeline-note">
          “{e.note}”
        </Text>
      )}
      {lines.map((l, i) => (
        <Text key={i} size="sm">
          {l}
        </Text>
      ))}
      {snap.length > 0 && (
        <>
          <UnstyledButton onClick={() => setOpen((o) => !o)} data-testid="timeline-rules-toggle">
            <Group gap={4}>
              {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
              <Text size="xs" c={p?.blocked ? 'red.8' : 'dimmed'}>
                {t('detailUsulan.rulesAt', { n: snap.length, failed })}
              </Text>
              {p?.blocked && (
                <Tooltip label={t('mutasi.blockedBadge')}>
                  <Badge size="xs" color="red">
                    BLOCK
                  </Badge>
                </Tooltip>
              )}
            </Group>
          </UnstyledButton>
          <Collapse in={open}>
            <RuleSnapshots rules={snap} />
          </Collapse>
        </>
      )}
    </Stack>
  );
}
