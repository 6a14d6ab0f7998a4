import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportReport } from '../api';
import { ImportReportView } from './ImportReportView';

/** Step 3: what was stored. */
export function DoneStep({ result, fields, onAgain }: { result: ImportReport; fields: ImportField[] | null | undefined; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <ImportReportView r={result} fields={fields} />
      <Group justify="flex-end">
        <Button onClick={onAgain} data-testid="btn-import-again">
          {t('impor.again')}
        </Button>
      </Group>
    </Stack>
  );
}
