import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Modal, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toAppError, type Decision, type UsulanDetail } from '../../../api';
import { mutasiApi } from '../api';
import { mk } from '../../../api/queryKeys';
import { DateField } from '../../../components/DateField';
import { dateProblem } from '../../../lib/date';
import { REASON_KINDS } from '../status';
import { notifyOk } from '../../../lib/notify';
import { today } from './UsulanWizard';

function placementText(p: { opdSingkatan?: string; opdNama: string; unitNama: string; jabatanNama: string }) {
  return [p.jabatanNama, p.unitNama, p.opdSingkatan || p.opdNama].filter(Boolean).join(' — ');
}

/**
 * Asks for what one decision needs (reason, target, SK, pertek) and sends it.
 * The backend decides whether it is allowed; a refusal is shown with its code.
 */
export function DecideModal({ d, kind, onClose }: { d: UsulanDetail; kind: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const targets = d.targets ?? [];
  const [note, setNote] = useState('');
  const [targetIndex, setTargetIndex] = useState(String(d.state.targetIndex ?? 0));
  const [skNomor, setSkNomor] = useState('');
  const [skTanggal, setSkTanggal] = useState(today());
  const [skTmt, setSkTmt] = useState('');
  const [pertekNomor, setPertekNomor] = useState('');
  const [pertekTanggal, setPertekTanggal] = useState(today());
  const [justifikasi, setJustifikasi] = useState('');
  const needsReason = REASON_KINDS.includes(kind);
  // What the backend's gate checks besides the state machine: the documents
  // this step needs and, while WARN rules fail, a written justification.
  const gate = d.gate;
  const docs = gate?.dokumen?.find((g) => g.kind === kind)?.items ?? [];
  const missing = docs.filter((x) => !x.ada).length;
  const needsJustifikasi = (gate?.justifikasi ?? []).includes(kind);
  const warnRules = (d.rules ?? []).filter((r) => r.outcome === 'FAIL' && r.severity === 'WARN').map((r) => r.ruleId);
  const justifikasiLen = justifikasi.trim().replace(/\s+/g, ' ').length;
  const action = t(`mutasi.kind.${kind}`, { defaultValue: kind });

  const decision = (): Decision => ({
    kind,
    note: note.trim(),
    targetIndex: Number(targetIndex),
    justifikasi: needsJustifikasi ? justifikasi.trim() : '',
    ...(kind === 'TETAPKAN_SK' ? { sk: { nomor: skNomor.trim(), tanggal: skTanggal, tmt: skTmt } } : {}),
    ...(kind === 'CATAT_PERTEK' ? { pertek: { nomor: pertekNomor.trim(), tanggal: pertekTanggal } } : {}),
  });
  const run = useMutation({
    mutationFn: () => mutasiApi.decideUsulan(d.row.id, decision()),
    onSuccess: async (res) => {
      qc.setQueryData(mk.detail(d.row.id), res);
      notifyOk(t('decide.done', { action, nomor: res.row.nomor }));
      onClose();
      await qc.invalidateQueries();
    },
  });
  const err = run.isError ? toAppError(run.error) : null;
  // An unreadable or impossible date is shown under its field and not sent.
  const shownDates = kind === 'TETAPKAN_SK' ? [skTanggal, skTmt] : kind === 'CATAT_PERTEK' ? [pertekTanggal] : [];
  const datesBad = shownDates.some((v) => dateProblem(v) !== null);
  const fe = err?.fieldMessages(i18n.language) ?? {};

  return (
    <Modal opened onClose={onClose} title={t('decide.title', { action, nomor: d.row.nomor })} size="lg" data-testid="decide-modal">
      <Stack>
        <Text size="sm" c="dimmed">
          {d.row.namaPegawai} · {d.row.nip}
        </Text>
        {kind === 'VERIFIKASI' && targets.length > 1 && (
          <Radio.Group label={t('decide.target')} value={targetIndex} onChange={setTargetIndex} error={fe.targetIndex}>
            <Stack gap={4} mt={4}>
              {targets.map((p, i) => (
                <Radio key={i} value={String(i)} label={`${i + 1}. ${placementText(p)}`} data-testid={`decide-target-${i}`} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {kind === 'TETAPKAN_SK' && (
          <SimpleGrid cols={3}>
            <TextInput label={t('decide.skNomor')} value={skNomor} onChange={(e) => setSkNomor(e.currentTarget.value)} required error={fe['sk.nomor']} data-testid="decide-sk-nomor" />
            <DateField label={t('decide.skTanggal')} value={skTanggal} onChange={setSkTanggal} required error={fe['sk.tanggal']} data-testid="decide-sk-tanggal" />
            <DateField label={t('decide.skTmt')} value={skTmt} onChange={setSkTmt} required error={fe['sk.tmt']} data-testid="decide-sk-tmt" />
          </SimpleGrid>
        )}
        {kind === 'CATAT_PERTEK' && (
          <SimpleGrid cols={2}>
            <TextInput label={t('decide.pertekNomor')} value={pertekNomor} onChange={(e) => setPertekNomor(e.currentTarget.value)} required error={fe['pertek.nomor']} data-testid="decide-pertek-nomor" />
            <DateField label={t('decide.pertekTanggal')} value={pertekTanggal} onChange={setPertekTanggal} required error={fe['pertek.tanggal']} data-testid="decide-pertek-tanggal" />
          </SimpleGrid>
        )}
        {docs.length > 0 && (
          <Stack gap={4} data-testid="decide-dokumen">
            <Text size="sm" fw={600}>
              {t('decide.dokumenTitle')}
            </Text>
            <List size="sm" spacing={2}>
              {docs.map((x) => (
                <List.Item key={x.kode} data-testid={`decide-dok-${x.kode}`} data-ada={x.ada ? '1' : '0'}>
                  <Group gap={6} wrap="nowrap">
                    <Badge size="xs" variant="light" color={x.ada ? 'green' : 'red'}>
                      {x.ada ? t('decide.dokumenAda') : t('decide.dokumenKurang')}
                    </Badge>
                    <Text size="sm">{i18n.language === 'en' ? x.namaEn : x.nama}</Text>
                  </Group>
                </List.Item>
              ))}
            </List>
            {missing > 0 && (
              <Alert color="red" p="xs" data-testid="decide-dokumen-kurang">
                <Text size="sm">{t('decide.dokumenBelumLengkap', { n: missing })}</Text>
              </Alert>
            )}
          </Stack>
        )}
        {needsJustifikasi && (
          <Textarea
            label={t('decide.justifikasi')}
            description={t('decide.justifikasiHelp', { rules: warnRules.join(', '), min: gate.minJustifikasi, kata: gate.minJustifikasiKata })}
            required
            value={justifikasi}
            onChange={(e) => setJustifikasi(e.currentTarget.value)}
            autosize
            minRows={3}
            error={fe.justifikasi}
            rightSection={
              <Text size="xs" c={justifikasiLen >= gate.minJustifikasi ? 'green' : 'dimmed'} pr={4}>
                {t('decide.justifikasiCount', { n: justifikasiLen, min: gate.minJustifikasi })}
              </Text>
            }
            rightSectionWidth={120}
            data-testid="decide-justifikasi"
          />
        )}
        <Textarea
          label={needsReason ? t('decide.reason') : t('decide.note')}
          required={needsReason}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          error={fe.note}
          data-testid="decide-note"
        />
        {err && (
          <Alert color={err.kind === 'Permission' || err.kind === 'NotEligible' ? 'red' : 'orange'} title={t(`errors.kind.${err.kind}`)} data-testid="decide-error" data-code={err.code}>
            <Text size="sm">{err.text(i18n.language)}</Text>
            <Text size="xs" c="dimmed" className="mono">
              {t('decide.code', { code: err.code })}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={kind === 'TOLAK' || kind === 'BATALKAN' ? 'red' : undefined}
            onClick={() => run.mutate()}
            loading={run.isPending}
            disabled={datesBad}
            data-testid="btn-decide-submit"
          >
            {action}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export { placementText };
