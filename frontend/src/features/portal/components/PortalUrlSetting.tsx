import { useState } from 'react';
import { Button, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toAppError } from '../../../api';
import { notifyError, notifyOk } from '../../../lib/notify';
import { portalApi } from '../api';
import { usePortalUrl } from '../queries';

/** The portal's address printed on the letters (BKPSDM, settings screen). */
export function PortalUrlSetting() {
  const { t, i18n } = useTranslation();
  const cur = usePortalUrl();
  // The stored address until the user types (no state copied in an effect).
  const [edited, setUrl] = useState<string | null>(null);
  const url = edited ?? cur.data ?? '';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await portalApi.savePortalUrl(url);
      notifyOk(t('portal.urlSaved'));
    } catch (e) {
      const err = toAppError(e);
      if (err.fields.length > 0) setError(err.text(i18n.language));
      else notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group align="flex-end" gap="xs">
      <TextInput
        label={t('portal.url')}
        description={t('portal.urlHelp')}
        value={url}
        onChange={(e) => setUrl(e.currentTarget.value)}
        error={error}
        w={420}
        data-testid="portal-url"
      />
      <Button size="sm" loading={busy} onClick={() => void save()} data-testid="portal-url-save">
        {t('common.save')}
      </Button>
    </Group>
  );
}
