import { enrollApi } from '../../sync';
import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  Center,
  Divider,
  Group,
  PasswordInput,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCloudDownload, IconDatabase, IconFlask } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { onDemoProgress, setupApi, type DemoProgress } from '../api';
import { authApi } from '../../auth';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useFormat } from '../../../lib/format';
import { splitSubmitError } from '../../../lib/formErrors';
import { notifyOk } from '../../../lib/notify';
import { reportReady } from '../../../lib/uiLog';
import { authKeys } from '../../../api/queryKeys';

export const DEMO_SIZE = 5000;
export const DEMO_SEED = 1;

type Path = 'demo' | 'empty' | 'enroll' | 'none';

/**
 * The first-run wizard: try the demo region, work standalone (an empty Pemda)
 * or enroll with a server's code — each path creates the first administrator
 * (needAdmin). An installation that has data but no account yet (upgraded, or
 * filled by the CLI) only creates the administrator (needSetup false).
 */
export function FirstRun({ needAdmin = true, needSetup = true, serverUrl = '' }: { needAdmin?: boolean; needSetup?: boolean; serverUrl?: string }) {
  const { t } = useTranslation();
  const [path, setPath] = useState<Path | null>(needSetup ? null : 'none');
  useEffect(() => reportReady('firstrun'), []);

  return (
    <Center component="main" mih="100vh" p="md" data-testid="first-run">
      <Stack w={820} gap="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1}>{t('firstRun.title')}</Title>
            <Text c="dimmed">{t('firstRun.subtitle')}</Text>
          </div>
          <LanguageSwitch />
        </Group>
        {serverUrl && needSetup && path === null && (
          <Alert color="blue" data-testid="enrolled-wait" title={t('akun.first.enrolledTitle')}>
            {t('akun.first.enrolledBody', { url: serverUrl })}
          </Alert>
        )}
        {path === null ? (
          <Choose onPick={setPath} />
        ) : (
          <SetupForm path={path} needAdmin={needAdmin} onBack={needSetup ? () => setPath(null) : undefined} />
        )}
      </Stack>
    </Center>
  );
}

/** A card's button: its label wraps onto two lines rather than being cut in a narrow card. */
const WRAP = { root: { height: 'auto', minHeight: 36, paddingBlock: 6 }, label: { whiteSpace: 'normal', textAlign: 'center' } } as const;

function Choose({ onPick }: { onPick: (p: Path) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const card = (icon: React.ReactNode, title: string, body: React.ReactNode, button: React.ReactNode) => (
    <Card withBorder padding="lg">
      <Stack justify="space-between" h="100%">
        <Stack gap="xs">
          <Group gap="xs">
            {icon}
            <Title order={2} size="h3">
              {title}
            </Title>
          </Group>
          {body}
        </Stack>
        {button}
      </Stack>
    </Card>
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
      {card(
        <IconFlask size={22} />,
        t('firstRun.demoTitle'),
        <>
          <Text size="sm">{t('firstRun.demoBody', { size: fmt.num(DEMO_SIZE) })}</Text>
          <Alert color="yellow" variant="light" p="xs">
            <Text size="sm">{t('firstRun.demoFictitious')}</Text>
          </Alert>
        </>,
        <Button data-testid="btn-load-demo" styles={WRAP} onClick={() => onPick('demo')} leftSection={<IconFlask size={16} />}>
          {t('firstRun.demoButton')}
        </Button>,
      )}
      {card(
        <IconDatabase size={22} />,
        t('firstRun.emptyTitle'),
        <Text size="sm">{t('firstRun.emptyBody')}</Text>,
        <Button variant="default" data-testid="btn-start-empty" styles={WRAP} onClick={() => onPick('empty')} leftSection={<IconDatabase size={16} />}>
          {t('firstRun.emptyButton')}
        </Button>,
      )}
      {card(
        <IconCloudDownload size={22} />,
        t('akun.first.enrollTitle'),
        <Text size="sm">{t('akun.first.enrollBody')}</Text>,
        <Button variant="default" data-testid="btn-enroll" styles={WRAP} onClick={() => onPick('enroll')} leftSection={<IconCloudDownload size={16} />}>
          {t('akun.first.enrollButton')}
        </Button>,
      )}
    </SimpleGrid>
  );
}

const FIELDS = ['kode', 'nama', 'serverUrl', 'token', 'username', 'adminNama', 'password'] as const;

interface Values {
  kode: string;
  nama: string;
  serverUrl: string;
  token: string;
  username: string;
  adminNama: string;
  password: string;
  password2: string;
}

/** The chosen path's fields, the first administrator's account, one submit. */
export function SetupForm({ path, needAdmin, onBack }: { path: Path; needAdmin: boolean; onBack?: () => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [v, setV] = useState<Values>({ kode: '', nama: '', serverUrl: 'https://', token: '', username: 'admin', adminNama: '', password: '', password2: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.currentTarget.value });
  // The demo load's stage and percentage, as the facade emits them; a late
  // report never moves the bar back.
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  useEffect(() => {
    if (path !== 'demo') return undefined;
    return onDemoProgress((p) => setProgress((prev) => (prev && p.percent < prev.percent ? prev : p)));
  }, [path]);

  const run = useMutation({
    mutationFn: async () => {
      // Enroll first (no account needed yet): on an OPD device the first
      // account is then made as that OPD's operator (docs/enrollment-tls.md).
      if (path === 'enroll') {
        await (needAdmin ? enrollApi.enrollFirst(v.serverUrl, v.token) : authApi.enrollServer(v.serverUrl, v.token));
      }
      if (needAdmin) {
        const s = await authApi.createFirstAdmin({ username: v.username, nama: v.adminNama, role: 'PPK_ADMIN_BKPSDM', opdId: '', pegawaiId: '', password: v.password });
        qc.setQueryData(authKeys.session, s);
      }
      if (path === 'demo') {
        setProgress(null);
        const r = await setupApi.loadDemo(DEMO_SIZE, DEMO_SEED);
        notifyOk(t('firstRun.demoLoaded', { pegawai: fmt.num(r.pegawai), opd: fmt.num(r.opd) }));
      } else if (path === 'empty') {
        await setupApi.createPemda({ id: '', kode: v.kode.trim(), nama: v.nama.trim() });
      }
    },
    onSettled: () => qc.invalidateQueries(),
    onError: (e) => {
      const s = splitSubmitError(e, FIELDS, i18n.language);
      // The account's "nama" is shown as adminNama (the Pemda form has its own nama).
      const f = { ...s.fields };
      if (needAdmin && f.nama && path !== 'empty') {
        f.adminNama = f.nama;
        delete f.nama;
      }
      setErrors(f);
      setGeneral(s.general);
    },
  });

  const title = { demo: t('firstRun.demoTitle'), empty: t('firstRun.emptyTitle'), enroll: t('akun.first.enrollTitle'), none: t('akun.first.adminTitle') }[path];
  return (
    <Card withBorder padding="lg" data-testid={path === 'empty' ? 'pemda-form' : 'setup-form'}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setGeneral(null);
          if (needAdmin && v.password !== v.password2) {
            setErrors({ password2: t('akun.password.mismatch') });
            return;
          }
          setErrors({});
          run.mutate();
        }}
      >
        <Stack>
          <Title order={3}>{title}</Title>
          {general && (
            <Alert color="red" data-testid="form-error">
              {general}
            </Alert>
          )}
          {path === 'empty' && (
            <>
              <Text size="sm" c="dimmed">
                {t('firstRun.pemdaHint')}
              </Text>
              <TextInput label={t('firstRun.pemdaKode')} value={v.kode} error={errors.kode} onChange={set('kode')} data-testid="input-pemda-kode" />
              <TextInput label={t('firstRun.pemdaNama')} value={v.nama} error={errors.nama} onChange={set('nama')} data-testid="input-pemda-nama" />
            </>
          )}
          {path === 'enroll' && (
            <>
              <TextInput label={t('akun.first.serverUrl')} value={v.serverUrl} error={errors.serverUrl} onChange={set('serverUrl')} data-testid="input-server-url" />
              <TextInput label={t('akun.first.token')} value={v.token} error={errors.token} onChange={set('token')} data-testid="input-server-token" />
            </>
          )}
          {needAdmin && (
            <>
              {path !== 'none' && <Divider label={t('akun.first.adminTitle')} labelPosition="left" />}
              <Text size="sm" c="dimmed">
                {t('akun.first.adminHint')}
              </Text>
              <Group grow>
                <TextInput label={t('akun.field.username')} value={v.username} error={errors.username} onChange={set('username')} data-testid="input-admin-username" />
                <TextInput label={t('akun.field.nama')} value={v.adminNama} error={errors.adminNama} onChange={set('adminNama')} data-testid="input-admin-nama" />
              </Group>
              <Group grow align="flex-start">
                <PasswordInput
                  label={t('akun.field.password')}
                  description={t('akun.password.rule')}
                  value={v.password}
                  error={errors.password}
                  onChange={set('password')}
                  data-testid="input-admin-password"
                />
                <PasswordInput label={t('akun.password.repeat')} value={v.password2} error={errors.password2} onChange={set('password2')} data-testid="input-admin-password2" />
              </Group>
            </>
          )}
          {run.isPending && path === 'demo' ? (
            <Box data-testid="demo-loading">
              <Text size="sm" mb={4}>
                {t('firstRun.demoLoading', { size: fmt.num(DEMO_SIZE) })}
              </Text>
              <Group justify="space-between" gap="xs" mb={4} wrap="nowrap" aria-live="polite">
                <Text size="sm" data-testid="demo-stage">
                  {progress ? t(`firstRun.demoStage.${progress.stage}`) : ''}
                </Text>
                <Text size="sm" fw={600} data-testid="demo-percent">
                  {t('firstRun.demoPercent', { percent: progress?.percent ?? 0 })}
                </Text>
              </Group>
              <Progress value={progress?.percent ?? 0} aria-label={t('firstRun.demoProgressLabel')} data-testid="demo-progress" />
            </Box>
          ) : (
            <Group justify="space-between">
              {onBack ? (
                <Button variant="subtle" onClick={onBack}>
                  {t('common.back')}
                </Button>
              ) : (
                <span />
              )}
              <Button type="submit" loading={run.isPending} data-testid={path === 'empty' ? 'btn-create-pemda' : 'btn-setup-submit'}>
                {path === 'empty' ? t('firstRun.pemdaCreate') : path === 'demo' ? t('firstRun.demoButton') : path === 'enroll' ? t('akun.first.enrollButton') : t('akun.first.adminCreate')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
