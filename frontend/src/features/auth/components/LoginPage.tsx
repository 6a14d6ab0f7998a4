import { useEffect, useState } from 'react';
import { Alert, Button, Card, Center, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconLock, IconLogin } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authApi, type Session } from '../api';
import { toAppError } from '../../../api';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { reportReady } from '../../../lib/uiLog';
import { authKeys } from '../../../api/queryKeys';
import { sessionChanged } from '../session';

/**
 * The login screen: username and password; wrong passwords count toward the
 * lockout (backend). onSubmit is told when a login is sent (the gate starts
 * loading the app behind it then).
 */
export function LoginPage({ pemdaNama, onSubmit }: { pemdaNama?: string; onSubmit?: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => reportReady('login'), []);
  const login = useMutation({
    mutationFn: () => authApi.login(username, password),
    onSuccess: async (s) => {
      setPassword('');
      qc.setQueryData(authKeys.session, s);
      await sessionChanged(qc);
    },
  });
  const err = login.error ? toAppError(login.error) : null;

  return (
    <Center component="main" mih="100vh" p="md" data-testid="login-page">
      <Card withBorder padding="xl" w={420}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit?.();
            login.mutate();
          }}
        >
          <Stack>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={1} size="h2">{t('akun.login.title')}</Title>
                <Text c="dimmed" size="sm">
                  {pemdaNama || t('akun.login.subtitle')}
                </Text>
              </div>
              <LanguageSwitch />
            </Group>
            {err && (
              <Alert color={err.code === 'auth.account_locked' ? 'orange' : 'red'} data-testid="login-error" data-code={err.code}>
                {err.text(i18n.language)}
              </Alert>
            )}
            <TextInput
              label={t('akun.field.username')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="username"
              data-autofocus
              autoFocus
              data-testid="input-username"
            />
            <PasswordInput
              label={t('akun.field.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              data-testid="input-password"
            />
            <Button type="submit" loading={login.isPending} leftSection={<IconLogin size={16} />} data-testid="btn-login">
              {t('akun.login.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}

/** The lock screen: personal data is not drawn; the password reopens the session. */
export function LockScreen({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [password, setPassword] = useState('');
  const unlock = useMutation({
    mutationFn: () => authApi.unlock(password),
    onSuccess: async (s) => {
      setPassword('');
      qc.setQueryData(authKeys.session, s);
      await qc.invalidateQueries();
    },
    onError: () => void qc.invalidateQueries({ queryKey: authKeys.session }),
  });
  const logout = useMutation({
    mutationFn: authApi.logout,
    onSuccess: () => sessionChanged(qc),
  });
  const err = unlock.error ? toAppError(unlock.error) : null;
  return (
    <Center component="main" mih="100vh" p="md" data-testid="lock-screen">
      <Card withBorder padding="xl" w={420}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            unlock.mutate();
          }}
        >
          <Stack>
            <Group gap="xs">
              <IconLock size={24} />
              <Title order={1} size="h2">{t('akun.lock.title')}</Title>
            </Group>
            <Text size="sm">{t('akun.lock.body', { nama: session.user.nama, username: session.user.username })}</Text>
            <PasswordInput
              label={t('akun.field.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoFocus
              error={err ? err.text(i18n.language) : undefined}
              errorProps={{ 'data-testid': 'unlock-error' }}
              data-testid="input-unlock-password"
            />
            <Group justify="space-between">
              <Button variant="subtle" onClick={() => logout.mutate()} data-testid="btn-lock-logout">
                {t('akun.menu.logout')}
              </Button>
              <Button type="submit" loading={unlock.isPending} data-testid="btn-unlock">
                {t('akun.lock.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
