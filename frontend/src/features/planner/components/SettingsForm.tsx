import { useState } from 'react';
import { Button, Card, Group, NumberInput, SimpleGrid, Skeleton, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconDeviceFloppy, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toAppError } from '../../../api';
import { plannerApi, WEIGHT_KEYS, type Options, type PlannerSettings, type Weights } from '../api';
import { QueryError } from '../../../components/QueryError';
import { notifyError, notifyOk } from '../../../lib/notify';
import { usePlannerSettings, useSetPlannerSettings } from '../queries';


const OPTION_KEYS = ['maxMoves', 'minFloorPercent', 'candidatesPerEmployee'] as const satisfies readonly (keyof Options)[];

/** The weights and options form: save them as the setting, or run a plan with them. */
export function SettingsForm({ running, onRun }: { running: boolean; onRun: (nama: string, s: PlannerSettings) => void }) {
  const { t, i18n } = useTranslation();
  const setSettings = useSetPlannerSettings();
  const q = usePlannerSettings();
  const [edited, setForm] = useState<PlannerSettings | null>(null);
  const form = edited ?? q.data ?? null;
  const [nama, setNama] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (s: PlannerSettings) => plannerApi.saveSettings(s),
    onSuccess: (s) => {
      setErrors({});
      setSettings(s);
      notifyOk(t('planner.settings.saved'));
    },
    onError: (err) => {
      const e = toAppError(err);
      setErrors(Object.fromEntries(e.fields.map((f) => [f.field, i18n.language.startsWith('en') ? f.messageEn : f.message])));
      notifyError(err);
    },
  });

  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!form) return <Skeleton h={220} />;

  const setW = (k: keyof Weights, v: number) => setForm({ ...form, weights: { ...form.weights, [k]: v } });
  const setO = (k: (typeof OPTION_KEYS)[number], v: number) => setForm({ ...form, options: { ...form.options, [k]: v } });

  return (
    <Card withBorder data-testid="planner-settings">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('planner.settings.title')}</Title>
        <Text size="xs" c="dimmed">
          {t('planner.settings.hint')}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 3, lg: 6 }} spacing="xs">
        {WEIGHT_KEYS.map((k) => (
          <Tooltip key={k} label={t(`planner.weights.${k}Hint`)} multiline w={260} withArrow openDelay={400}>
            <NumberInput
              size="xs"
              label={t(`planner.weights.${k}`)}
              min={0}
              allowDecimal={false}
              value={form.weights[k]}
              onChange={(v) => setW(k, Number(v) || 0)}
              error={errors[`weights.${k}`]}
              data-testid={`planner-weight-${k}`}
            />
          </Tooltip>
        ))}
        {OPTION_KEYS.map((k) => (
          <Tooltip key={k} label={t(`planner.options.${k}Hint`)} multiline w={260} withArrow openDelay={400}>
            <NumberInput
              size="xs"
              label={t(`planner.options.${k}`)}
              min={0}
              allowDecimal={false}
              value={form.options[k]}
              onChange={(v) => setO(k, Number(v) || 0)}
              error={errors[`options.${k}`]}
              data-testid={`planner-option-${k}`}
            />
          </Tooltip>
        ))}
      </SimpleGrid>
      <Group justify="space-between" mt="md" align="flex-end">
        <TextInput
          size="xs"
          w={280}
          label={t('planner.run.nama')}
          placeholder={t('planner.run.namaPlaceholder')}
          value={nama}
          onChange={(e) => setNama(e.currentTarget.value)}
          data-testid="planner-run-nama"
        />
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={save.isPending}
            onClick={() => save.mutate(form)}
            data-testid="planner-save-settings"
          >
            {t('planner.settings.save')}
          </Button>
          <Button
            size="xs"
            leftSection={<IconPlayerPlay size={16} />}
            disabled={running}
            onClick={() => onRun(nama, form)}
            data-testid="planner-run"
          >
            {t('planner.run.start')}
          </Button>
        </Group>
      </Group>
    </Card>
  );
}
