import { useCallback } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toAppError, type Status } from '../api';
import { authKeys } from '../api/queryKeys';
import { loadAllStyles, lazyScreen } from '../components/lazyPage';
import { authApi, LockScreen, LoginPage, MustChangePage, useIdleLock, useSession, useSessionErrorWatch } from '../features/auth';

// The screens after the login (the app's shell, the first-run setup) load on
// first use: the login screen, the one every start shows, parses only its own
// code. The shell starts loading when the login is submitted, alongside the
// password check, not with the login screen: the login screen holds no more
// memory than it needs.
const loadShell = () => import('./Shell').then((m) => m.Shell);
const Shell = lazyScreen(loadShell);
const FirstRun = lazyScreen(() => import('../features/setup').then((m) => m.FirstRun));

/** Starts loading the signed-in app's shell and its styles (the browser keeps them once loaded). */
function loadAfterLogin(): void {
  void loadShell();
  void loadAllStyles();
}

/**
 * The login gate between the status and the app: first administrator →
 * login → forced password change → first-run setup → lock screen → the
 * Shell. While locked nothing of the Shell is drawn, so no personal data is
 * on screen; the backend refuses the calls anyway.
 */
export function AuthGate({ status }: { status: Status }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const session = useSession();
  useSessionErrorWatch();
  const s = session.data;
  const lock = useCallback(() => {
    void authApi.lock().finally(() => qc.invalidateQueries({ queryKey: authKeys.session }));
  }, [qc]);
  useIdleLock(s?.idleMinutes ?? 0, !!s?.loggedIn && !s.locked, lock);

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (session.isError || !s) {
    return (
      <Center h="100vh">
        <Stack w={460}>
          <Alert color="red">{toAppError(session.error).text(i18n.language)}</Alert>
          <Button variant="light" onClick={() => void session.refetch()}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!s.hasUsers) return <FirstRun needAdmin needSetup={status.firstRun} serverUrl={s.serverUrl} />;
  if (!s.loggedIn) return <LoginPage pemdaNama={status.pemdaNama} onSubmit={loadAfterLogin} />;
  if (s.mustChange) return <MustChangePage />;
  if (s.locked) return <LockScreen session={s} />;
  if (status.firstRun) return <FirstRun needAdmin={false} needSetup serverUrl={s.serverUrl} />;
  return <Shell status={status} />;
}
