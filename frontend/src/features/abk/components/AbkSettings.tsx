import { useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, toAppError } from '../../../api';
import { abkApi, PERIODES, ROUNDINGS, type ABKSettings, type ABKSettingsPatch } from '../api';
import { QueryError } from '../../../components/QueryError';
import { numberSeparators, useFormat } from '../../../lib/format';
import { notifyOk } from '../../../lib/notify';
import { qk } from '../../../api/queryKeys';
import { useCan } from '../../auth';

export function AbkSettingsForm() {
  const settings = useQuery({ queryKey: qk.abkSettings, queryFn: api.abkSettings });
  const limit = useQuery({ queryKey: qk.stagnationLimit, queryFn: abkApi.stagnationLimit });
  if (settings.isPending || limit.isPending) return <Skeleton h={360} />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (limit.isError) return <QueryError error={limit.error} onRetry={() => void limit.refetch()} />;
  return <SettingsForm key={`${settings.dataUpdatedAt}:${limit.dataUpdatedAt}`} initial={settings.data} initialLimit={limit.data} />;
}

type Num = number | '';
const num = (v: Num) => (v === '' ? 0 : v);

/** Where a settings error goes: the backend names the field ("wkeMenit", "faktor.BULAN", "rounding", "bands"). */
function fieldOf(field: string): string {
  if (field === 'wkeMenit' || field === 'rounding' || field === 'bands') return field;
  if (field.startsWith('faktor.')) return field;
  return '';
}

function SettingsForm({ initial, initialLimit }: { initial: ABKSettings; initialLimit: number }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [wke, setWke] = useState<Num>(initial.wkeMenit);
  const [faktor, setFaktor] = useState<Record<string, Num>>({ ...initial.faktor });
  const [rounding, setRounding] = useState(initial.rounding);
  const [bands, setBands] = useState<Record<'a' | 'b' | 'c' | 'd', Num>>({ ...initial.bands });
  const [mut04, setMut04] = useState<Num>(initialLimit);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  // the ABK constants need the ABK permission, the time-in-post limit the settings one (the backend refuses others)
  const canAbk = useCan('UBAH_ABK');
  const canAturan = useCan('ATURAN');

  const save = useMutation({
    mutationFn: async () => {
      // Only the fields changed here: one changed elsewhere since the form opened keeps its new value.
      const s: ABKSettingsPatch = {};
      if (num(wke) !== initial.wkeMenit) s.wkeMenit = num(wke);
      const f = Object.fromEntries(PERIODES.filter((p) => num(faktor[p] ?? '') !== initial.faktor[p]).map((p) => [p, num(faktor[p] ?? '')]));
      if (Object.keys(f).length > 0) s.faktor = f;
      if (rounding !== initial.rounding) s.rounding = rounding;
      const b = Object.fromEntries((['a', 'b', 'c', 'd'] as const).filter((k) => num(bands[k]) !== initial.bands[k]).map((k) => [k, num(bands[k])]));
      if (Object.keys(b).length > 0) s.bands = b;
      const abkChanged = Object.keys(s).length > 0;
      const errs: Record<string, string> = {};
      let gen: string | null = null;
      try {
        if (abkChanged) await abkApi.saveABKSettings(s);
      } catch (err) {
        const e = toAppError(err);
        for (const f of e.fields) {
          const k = fieldOf(f.field);
          const msg = e.fieldMessages(i18n.language)[f.field] ?? e.text(i18n.language);
          if (k && !errs[k]) errs[k] = msg;
        }
        if (Object.keys(errs).length === 0) gen = e.text(i18n.language);
      }
      if (num(mut04) !== initialLimit) {
        try {
          await abkApi.saveStagnationLimit(num(mut04));
        } catch (err) {
          // The call concerns one field: every error of it goes under that field.
          errs.mut04 = toAppError(err).text(i18n.language);
        }
      }
      return { errs, gen };
    },
    onSuccess: async ({ errs, gen }) => {
      setErrors(errs);
      setGeneral(gen);
      if (Object.keys(errs).length === 0 && !gen) {
        notifyOk(t('abk.settings.saved'));
        await qc.invalidateQueries({ queryKey: qk.abkAll });
        await qc.invalidateQueries({ queryKey: qk.eligibilityParams });
      }
    },
  });

  const sep = numberSeparators(fmt.lang);
  const clear = (k: string) => errors[k] && setErrors((e) => ({ ...e, [k]: '' }));
  const hours = typeof wke === 'number' ? fmt.num(Math.round((wke / 60) * 10) / 10) : '–';

  return (
    <Stack gap="md" maw={880} data-testid="abk-settings">
      <Text size="sm" c="dimmed">
        {t('abk.settings.intro')}
      </Text>
      {(!canAbk || !canAturan) && (
        <Alert color="gray" data-testid="abk-settings-readonly">
          {t('abk.settings.readOnly')}
        </Alert>
      )}
      {general && (
        <Alert color="red" data-testid="settings-error">
          {general}
        </Alert>
      )}
      <Card withBorder>
        <Title order={5} mb="xs">
          {t('abk.settings.wkeTitle')}
        </Title>
        <Group align="flex-start">
          <NumberInput
            w={220}
            label={t('abk.settings.wke')}
            description={t('abk.settings.wkeHint')}
            value={wke}
            onChange={(v) => {
              setWke(typeof v === 'number' ? v : '');
              clear('wkeMenit');
            }}
            min={1}
            {...sep}
            error={errors.wkeMenit}
            rightSection={<Text size="xs" c="dimmed" pr={6}>{t('abk.settings.minutes')}</Text>}
            rightSectionWidth={52}
            disabled={!canAbk}
            data-testid="input-wke"
          />
          <Text mt={50} size="sm" c="dimmed" data-testid="wke-hours">
            = {t('abk.settings.hours', { n: hours })}
          </Text>
        </Group>
      </Card>

      <Card withBorder>
        <Title order={5}>{t('abk.settings.faktorTitle')}</Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('abk.settings.faktorHint')}
        </Text>
        <SimpleGrid cols={4}>
          {PERIODES.map((p) => (
            <NumberInput
              key={p}
              label={t(`abk.periode.${p}`)}
              value={faktor[p] ?? ''}
              onChange={(v) => {
                setFaktor((f) => ({ ...f, [p]: typeof v === 'number' ? v : '' }));
                clear(`faktor.${p}`);
              }}
              min={0}
              decimalScale={2}
              {...sep}
              error={errors[`faktor.${p}`]}
              disabled={!canAbk}
            data-testid={`input-faktor-${p}`}
            />
          ))}
        </SimpleGrid>
      </Card>

      <Card withBorder>
        <Title order={5}>{t('abk.settings.roundingTitle')}</Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('abk.settings.roundingHint')}
        </Text>
        <SegmentedControl
          value={rounding}
          onChange={(v) => {
            setRounding(v);
            clear('rounding');
          }}
          data={ROUNDINGS.map((r) => ({ value: r, label: t(`abk.rounding.${r}`) }))}
          disabled={!canAbk}
            data-testid="input-rounding"
        />
        {errors.rounding && (
          <Text c="red" size="xs" mt={4}>
            {errors.rounding}
          </Text>
        )}
      </Card>

      <Card withBorder>
        <Title order={5}>{t('abk.settings.bandsTitle')}</Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('abk.settings.bandsHint')}
        </Text>
        <SimpleGrid cols={4}>
          {(['a', 'b', 'c', 'd'] as const).map((k) => (
            <NumberInput
              key={k}
              label={t(`abk.settings.band.${k}`)}
              value={bands[k]}
              onChange={(v) => {
                setBands((b) => ({ ...b, [k]: typeof v === 'number' ? v : '' }));
                clear('bands');
              }}
              min={0}
              step={0.05}
              decimalScale={2}
              {...sep}
              error={!!errors.bands}
              disabled={!canAbk}
            data-testid={`input-band-${k}`}
            />
          ))}
        </SimpleGrid>
        {errors.bands && (
          <Text c="red" size="xs" mt={4} data-testid="bands-error">
            {errors.bands}
          </Text>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          {t('abk.bandsHint', {
            a: fmt.dec(num(bands.a)),
            b: fmt.dec(num(bands.b)),
            c: fmt.dec(num(bands.c)),
            d: fmt.dec(num(bands.d)),
          })}
        </Text>
      </Card>

      <Card withBorder>
        <Title order={5}>{t('abk.settings.mut04Title')}</Title>
        <NumberInput
          w={220}
          mt="xs"
          label={t('abk.settings.mut04')}
          description={t('abk.settings.mut04Hint')}
          value={mut04}
          onChange={(v) => {
            setMut04(typeof v === 'number' ? v : '');
            clear('mut04');
          }}
          min={1}
          max={40}
          allowDecimal={false}
          error={errors.mut04}
          disabled={!canAturan}
          data-testid="input-mut04"
        />
      </Card>

      {(canAbk || canAturan) && (
        <Group justify="flex-end">
          <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="btn-save-settings">
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
