import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  Center,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDatabase, IconFlask } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useFormat } from '../lib/format';
import { splitSubmitError } from '../lib/formErrors';
import { notifyError, notifyOk } from '../lib/notify';
import { reportReady } from '../lib/uiLog';

export const DEMO_SIZE = 5000;
export const DEMO_SEED = 1;

export function FirstRun() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'choose' | 'empty'>('choose');
  useEffect(() => reportReady('firstrun'), []);

  return (
    <Center mih="100vh" p="md" data-testid="first-run">
      <Stack w={760} gap="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1}>{t('firstRun.title')}</Title>
            <Text c="dimmed">{t('firstRun.subtitle')}</Text>
          </div>
          <LanguageSwitch />
        </Group>
        {mode === 'choose' ? <Choose onEmpty={() => setMode('empty')} /> : <EmptyForm onBack={() => setMode('choose')} />}
      </Stack>
    </Center>
  );
}

function Choose({ onEmpty }: { onEmpty: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const demo = useMutation({
    mutationFn: () => api.loadDemo(DEMO_SIZE, DEMO_SEED),
    onSuccess: async (r) => {
      notifyOk(t('firstRun.demoLoaded', { pegawai: fmt.num(r.pegawai), opd: fmt.num(r.opd) }));
      await qc.invalidateQueries();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Card withBorder padding="lg">
        <Stack justify="space-between" h="100%">
          <Stack gap="xs">
            <Group gap="xs">
              <IconFlask size={22} />
              <Title order={3}>{t('firstRun.demoTitle')}</Title>
            </Group>
            <Text size="sm">{t('firstRun.demoBody', { size: fmt.num(DEMO_SIZE) })}</Text>
            <Alert color="yellow" variant="light" p="xs">
              <Text size="sm">{t('firstRun.demoFictitious')}</Text>
            </Alert>
          </Stack>
          {demo.isPending ? (
            <Box data-testid="demo-loading">
              <Text size="sm" mb={4}>
                {t('firstRun.demoLoading', { size: fmt.num(DEMO_SIZE) })}
              </Text>
              <Progress value={100} animated striped />
            </Box>
          ) : (
            <Button data-testid="btn-load-demo" onClick={() => demo.mutate()} leftSection={<IconFlask size={16} />}>
              {t('firstRun.demoButton')}
            </Button>
          )}
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Stack justify="space-between" h="100%">
          <Stack gap="xs">
            <Group gap="xs">
              <IconDatabase size={22} />
              <Title order={3}>{t('firstRun.emptyTitle')}</Title>
            </Group>
            <Text size="sm">{t('firstRun.emptyBody')}</Text>
          </Stack>
          <Button
            variant="default"
            data-testid="btn-start-empty"
            onClick={onEmpty}
            disabled={demo.isPending}
            leftSection={<IconDatabase size={16} />}
          >
            {t('firstRun.emptyButton')}
          </Button>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

const PEMDA_FIELDS = ['kode', 'nama'] as const;

export function EmptyForm({ onBack }: { onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({ initialValues: { kode: '', nama: '' } });
  const create = useMutation({
    mutationFn: (v: { kode: string; nama: string }) => api.createPemda({ id: '', kode: v.kode.trim(), nama: v.nama.trim() }),
    onSuccess: async () => {
      await qc.invalidateQueries();
    },
    onError: (e) => {
      const s = splitSubmitError(e, PEMDA_FIELDS, i18n.language);
      form.setErrors(s.fields);
      setGeneral(s.general);
    },
  });

  return (
    <Card withBorder padding="lg" data-testid="pemda-form">
      <form
        onSubmit={form.onSubmit((v) => {
          setGeneral(null);
          create.mutate(v);
        })}
      >
        <Stack>
          <Title order={3}>{t('firstRun.emptyTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('firstRun.pemdaHint')}
          </Text>
          {general && (
            <Alert color="red" data-testid="form-error">
              {general}
            </Alert>
          )}
          <TextInput label={t('firstRun.pemdaKode')} {...form.getInputProps('kode')} data-autofocus data-testid="input-pemda-kode" />
          <TextInput label={t('firstRun.pemdaNama')} {...form.getInputProps('nama')} data-testid="input-pemda-nama" />
          <Group justify="space-between">
            <Button variant="subtle" onClick={onBack}>
              {t('common.back')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="btn-create-pemda">
              {t('firstRun.pemdaCreate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
