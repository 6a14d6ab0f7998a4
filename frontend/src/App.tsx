import { useEffect } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toAppError } from './api';
import { useInvalidateOnDataChanged, useStatus } from './lib/queries';
import { reportError } from './lib/uiLog';
import { useRecovery } from './features/backup';
import { AuthGate } from './app/AuthGate';

export function App() {
  useInvalidateOnDataChanged();
  const { t, i18n } = useTranslation();
  const status = useStatus();
  const recovery = useRecovery(); // features/backup: shown once when the start recovered a damaged database
  const startError = status.isError ? toAppError(status.error) : null;
  useEffect(() => {
    if (startError) reportError(`Status: ${startError.code}: ${startError.messageEn}`);
  }, [startError]);

  if (recovery.screen) return recovery.screen;
  if (status.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (status.isError) {
    return (
      <Center h="100vh">
        <Stack w={460}>
          <Alert color="red" title={t('app.startFailed')}>
            {startError?.text(i18n.language)}
          </Alert>
          <Button variant="light" onClick={() => void status.refetch()}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Center>
    );
  }
  return <AuthGate status={status.data} />; // login gate, first run, lock screen (app/AuthGate)
}
