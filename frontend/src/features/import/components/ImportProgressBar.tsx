import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportProgress } from '../api';
import { useFormat } from '../../../lib/format';
import type { Busy } from './importState';

/** Progress of a dry run or a commit (the "import:progress" event). */
export function ImportProgressBar({ busy, p }: { busy: Busy; p: ImportProgress | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (busy !== 'dryrun' && busy !== 'commit') return null;
  const pct = p && p.total > 0 ? (100 * p.done) / p.total : 0;
  return (
    <Stack gap={4} data-testid="import-progress">
      <Progress value={pct} animated striped size="lg" />
      <Text size="xs" c="dimmed">
        {p
          ? t('impor.progress', { phase: t(`impor.phase.${p.phase}`, { defaultValue: p.phase }), done: fmt.num(p.done), total: fmt.num(p.total) })
          : t('common.loading')}
      </Text>
    </Stack>
  );
}
