import { Alert, Stack } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportNotice } from '../api';

/** How the file was read (e.g. converted from Windows-1252): the officer checks the names before storing. */
export function ImportNotices({ notices }: { notices?: ImportNotice[] | null }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  if (!notices || notices.length === 0) return null;
  return (
    <Stack gap={6} data-testid="import-notices">
      {notices.map((n) => (
        <Alert key={n.code} color="yellow" icon={<IconInfoCircle size={18} />} title={t('impor.notice.title')} data-testid={`import-notice-${n.code}`}>
          {en ? n.messageEn || n.message : n.message}
        </Alert>
      ))}
    </Stack>
  );
}
