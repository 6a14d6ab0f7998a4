import { useState } from 'react';
import { Alert, Button, Center, Code, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Recovery } from '../api';
import { useRecoveryStatus } from '../queries';
import { formatDateTime } from './format';

/**
 * useRecovery asks once at start whether the app recovered from a damaged
 * database. While the answer is pending or a recovery is not yet
 * acknowledged, `screen` is what to show instead of the app.
 */
export function useRecovery(): { screen: React.ReactNode | null } {
  const [seen, setSeen] = useState(false);
  const q = useRecoveryStatus();
  if (seen) return { screen: null };
  if (q.isPending) {
    return {
      screen: (
        <Center h="100vh">
          <Loader />
        </Center>
      ),
    };
  }
  // An error here (e.g. a binding missing in a test harness) must not block the app.
  if (q.isError || !q.data.happened) return { screen: null };
  return { screen: <RecoveryScreen recovery={q.data} onContinue={() => setSeen(true)} /> };
}

/** The recovery screen: what was wrong, where the damaged file is, what is in use now. */
export function RecoveryScreen({ recovery: r, onContinue }: { recovery: Recovery; onContinue: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const restored = r.restored;
  return (
    <Center component="main" mih="100vh" p="md">
      <Stack w={620} data-testid="recovery-screen">
        <Title order={3}>{restored ? t('cadangan.recovery.title') : t('cadangan.recovery.noBackupTitle')}</Title>
        <Alert color={restored ? 'orange' : 'red'} icon={<IconAlertTriangle size={18} />}>
          {restored
            ? t('cadangan.recovery.restored', {
                file: restored.file,
                created: formatDateTime(restored.createdAt, i18n.language),
              })
            : t('cadangan.recovery.noBackup')}
        </Alert>
        {(r.cause || r.causeEn) && (
          <div>
            <Text size="sm" c="dimmed">
              {t('cadangan.recovery.cause')}
            </Text>
            <Text size="sm">{en ? r.causeEn : r.cause}</Text>
          </div>
        )}
        {r.damaged && (
          <div>
            <Text size="sm" c="dimmed">
              {t('cadangan.recovery.damaged')}
            </Text>
            <Code block data-testid="recovery-damaged">
              {r.damaged}
            </Code>
          </div>
        )}
        {r.skipped.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('cadangan.recovery.skipped', { files: r.skipped.join(', ') })}
          </Text>
        )}
        <Button onClick={onContinue} data-testid="recovery-continue">
          {restored ? t('cadangan.recovery.continue') : t('cadangan.recovery.continueEmpty')}
        </Button>
      </Stack>
    </Center>
  );
}
