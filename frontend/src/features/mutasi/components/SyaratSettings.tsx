import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, NumberInput, Select, SimpleGrid, Skeleton, Stack, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, toAppError } from '../../../api';
import { mutasiApi, type EligibilityParams, type EligibilityRule, type Severitas } from '../api';
import { DateField } from '../../../components/DateField';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { numberSeparators } from '../../../lib/format';
import { notifyOk } from '../../../lib/notify';
import { qk } from '../../../api/queryKeys';
import { PortalUrlSetting } from '../../portal';
import { useCan } from '../../auth';

/** Pengaturan syarat mutasi: the parameters of rules MUT-01 … MUT-21, edited by a BKPSDM admin. */
export function SyaratSettings() {
  const rules = useQuery({ queryKey: qk.eligibilityRules, queryFn: mutasiApi.eligibilityRules });
  const params = useQuery({ queryKey: qk.eligibilityParams, queryFn: mutasiApi.eligibilityParams });
  const ref = useQuery({ queryKey: qk.reference, queryFn: api.reference });
  if (rules.isPending || params.isPending || ref.isPending) return <Skeleton h={480} />;
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  if (params.isError) return <QueryError error={params.error} onRetry={() => void params.refetch()} />;
  const predikat = (ref.data?.skpPredikat ?? []).map((o) => ({ value: o.value, label: o.label }));
  return <SyaratForm key={params.dataUpdatedAt} rules={rules.data} initial={params.data} predikat={predikat} />;
}

const DATE_PARAMS = new Set(['mut19Pelantikan', 'mut19PenetapanPaslon', 'mut19AkhirMasaJabatan']);
const JENIS = ['T0', 'T1', 'T2', 'T3', 'T4'];
const SEVERITIES = ['BLOCK', 'WARN', 'INFO'];

function severitasOf(p: EligibilityParams): Severitas {
  const s = p.severitas;
  return s && typeof s === 'object' ? (s as Severitas) : {};
}

/** Every rule's row, so a rule whose settings were all cleared is sent as {} and cleared in the stored value too. */
function severitasPatch(rules: EligibilityRule[], s: Severitas): Severitas {
  return Object.fromEntries(rules.map((r) => [r.id, { ...(s[r.id] ?? {}) }]));
}

function SyaratForm({ rules, initial, predikat }: { rules: EligibilityRule[]; initial: EligibilityParams; predikat: { value: string; label: string }[] }) {
  const { t, i18n } = useTranslation();
  const canAturan = useCan('ATURAN'); // the rule parameters are the admin's (the backend refuses others)
  const en = i18n.language === 'en';
  const qc = useQueryClient();
  const [values, setValues] = useState<EligibilityParams>({ ...initial });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const set = (k: string, v: number | string | boolean) => setValues((old) => ({ ...old, [k]: v }));
  const sev = severitasOf(values);
  const setSev = (rule: string, jenis: string, v: string | null) =>
    setValues((old) => {
      const cur = severitasOf(old);
      const row = { ...(cur[rule] ?? {}) };
      if (v) row[jenis] = v;
      else delete row[jenis];
      return { ...old, severitas: { ...cur, [rule]: row } };
    });

  const save = useMutation({
    // Only the parameters changed here: one changed elsewhere since the form opened keeps its new value.
    mutationFn: () => {
      const patch: EligibilityParams = Object.fromEntries(Object.entries(values).filter(([k, v]) => k !== 'severitas' && v !== initial[k]));
      if (JSON.stringify(severitasPatch(rules, severitasOf(values))) !== JSON.stringify(severitasPatch(rules, severitasOf(initial)))) {
        patch.severitas = severitasPatch(rules, severitasOf(values));
      }
      return mutasiApi.saveEligibilityParams(patch);
    },
    onSuccess: () => {
      setErrors({});
      setGeneral(null);
      void qc.invalidateQueries({ queryKey: qk.eligibilityParams });
      void qc.invalidateQueries({ queryKey: qk.stagnationLimit });
      notifyOk(t('syarat.saved'), 'syarat-saved');
    },
    onError: (err) => {
      const e = toAppError(err);
      const msgs = e.fieldMessages(i18n.language);
      setErrors(msgs);
      setGeneral(Object.keys(msgs).length === 0 ? e.text(i18n.language) : null);
    },
  });
  const reset = useMutation({
    mutationFn: mutasiApi.defaultEligibilityParams,
    onSuccess: (d) => setValues({ ...d }),
  });

  const input = (k: string) => {
    const v = values[k];
    const label = t(`syarat.param.${k}`, { defaultValue: k });
    if (k === 'mut10MinPredikat') {
      return <Select key={k} label={label} data={predikat} value={String(v ?? '')} allowDeselect={false} error={errors[k]} onChange={(x) => x && set(k, x)} data-testid={`param-${k}`} />;
    }
    if (typeof v === 'boolean' || typeof initial[k] === 'boolean') {
      return <Switch key={k} label={label} checked={Boolean(v)} onChange={(e) => set(k, e.currentTarget.checked)} mt="md" data-testid={`param-${k}`} />;
    }
    if (DATE_PARAMS.has(k)) {
      return <DateField key={k} label={label} value={String(v ?? '')} error={errors[k]} onChange={(x) => set(k, x)} data-testid={`param-${k}`} />;
    }
    return (
      <NumberInput
        key={k}
        label={label}
        value={typeof v === 'number' ? v : ''}
        decimalScale={k === 'mut13EjMin' ? 2 : 0}
        min={0}
        {...(k === 'mut05KohortMulai' ? {} : numberSeparators(i18n.language))}
        error={errors[k]}
        onChange={(x) => set(k, typeof x === 'number' ? x : Number(x) || 0)}
        data-testid={`param-${k}`}
      />
    );
  };

  return (
    <Stack>
      <PageHeader title={t('syarat.title')} subtitle={t('syarat.subtitle')}>
        {canAturan && (
        <Group wrap="nowrap">
          <Button variant="default" onClick={() => reset.mutate()} loading={reset.isPending} data-testid="syarat-reset">
            {t('syarat.defaults')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="syarat-save">
            {t('syarat.save')}
          </Button>
        </Group>
        )}
      </PageHeader>
      {general && (
        <Alert color="red" data-testid="syarat-error">
          {general}
        </Alert>
      )}
      <PortalUrlSetting />
      <Card withBorder data-testid="severitas">
        <Text fw={700}>{t('syarat.severitas.title')}</Text>
        <Text size="sm" c="dimmed" mb="sm">
          {t('syarat.severitas.help')}
        </Text>
        {errors.severitas && (
          <Alert color="red" mb="sm">
            {errors.severitas}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder fz="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('syarat.severitas.rule')}</Table.Th>
                {JENIS.map((j) => (
                  <Table.Th key={j}>{j}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.map((r) => (
                <Table.Tr key={r.id} data-testid={`severitas-${r.id}`}>
                  <Table.Td>
                    <Text span className="mono" fz="xs" mr={6}>
                      {r.id}
                    </Text>
                    {en ? r.judulEn : r.judul}
                  </Table.Td>
                  {JENIS.map((j) => {
                    const field = `severitas.${r.id}.${j}`;
                    return (
                      <Table.Td key={j} miw={120}>
                        <Select
                          size="xs"
                          aria-label={`${r.id} ${j}`}
                          data={[
                            { value: '', label: (r.split?.length ?? 0) > 0 ? t('syarat.severitas.defaultSplit') : t('syarat.severitas.default', { sev: r.severity }) },
                            ...SEVERITIES.map((x) => ({ value: x, label: x })),
                          ]}
                          value={sev[r.id]?.[j] ?? ''}
                          allowDeselect={false}
                          onChange={(x) => setSev(r.id, j, x)}
                          error={errors[field]}
                          data-testid={`sev-${r.id}-${j}`}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {rules.map((r) => (
          <Card key={r.id} withBorder data-testid={`rule-${r.id}`}>
            <Group justify="space-between" wrap="nowrap" mb={4}>
              <Text fw={700}>
                <Text span className="mono" mr={6}>
                  {r.id}
                </Text>
                {en ? r.judulEn : r.judul}
              </Text>
              <Group gap={4} wrap="nowrap">
                <Badge variant="light" color={r.severity === 'BLOCK' ? 'red' : r.severity === 'WARN' ? 'orange' : 'blue'}>
                  {r.severity}
                </Badge>
                <Badge variant="outline" color="gray" title={t('syarat.confidence')}>
                  {r.confidence}
                </Badge>
              </Group>
            </Group>
            <Text size="sm">{en ? r.statementEn : r.pernyataan}</Text>
            <Text size="xs" c="dimmed" fs="italic" mb={(r.params?.length ?? 0) > 0 ? 'sm' : 0}>
              {t('rules.source', { source: r.source })}
            </Text>
            {(r.params?.length ?? 0) > 0 ? (
              <SimpleGrid cols={2} spacing="xs">
                {(r.params ?? []).map(input)}
              </SimpleGrid>
            ) : (
              <Text size="xs" c="dimmed">
                {t('syarat.noParams')}
              </Text>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
