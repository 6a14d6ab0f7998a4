import { Button, Group, Stack, Text } from '@mantine/core';
import { IconFileImport, IconFolderOpen } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../api';
import { useFormat } from '../../../lib/format';
import { ImportProgressBar } from './ImportProgressBar';
import { ImportReportView } from './ImportReportView';
import type { ImportAction, ImportState } from './importState';

interface Props {
  state: ImportState;
  dry: ImportReport;
  dispatch: (a: ImportAction) => void;
  onChoose: () => void;
  onCommit: () => void;
}

/** Step 2: the dry run's report; store the rows only when none failed. */
export function CheckStep({ state, dry, dispatch, onChoose, onCommit }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { busy, progress } = state;
  return (
    <Stack>
      <ImportReportView r={dry} fields={state.preview?.fields} />
      <ImportProgressBar busy={busy} p={progress} />
      <Group justify="space-between">
        <Button variant="default" onClick={() => dispatch({ type: 'back', step: 1 })} disabled={!!busy}>
          {t('impor.backToMapping')}
        </Button>
        <Group gap="xs">
          {dry.failed > 0 && (
            <Text size="xs" c="dimmed" maw={360}>
              {t('impor.fixFirst')}
            </Text>
          )}
          {dry.failed > 0 && (
            <Button variant="light" leftSection={<IconFolderOpen size={16} />} onClick={onChoose} disabled={!!busy}>
              {t('impor.chooseAgain')}
            </Button>
          )}
          <Button
            leftSection={<IconFileImport size={16} />}
            onClick={onCommit}
            loading={busy === 'commit'}
            disabled={dry.failed > 0 || dry.valid === 0}
            data-testid="btn-commit"
          >
            {t('impor.commit', { n: fmt.num(dry.valid) })}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
