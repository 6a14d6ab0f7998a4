import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorTitleKey, toAppError } from '../api';

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const e = toAppError(error);
  return (
    <Alert color="red" title={t(errorTitleKey(e))} data-testid="query-error">
      <Group justify="space-between">
        <span>{e.text(i18n.language)}</span>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
