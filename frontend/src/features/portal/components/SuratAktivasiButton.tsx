import { useState } from 'react';
import { Button, Tooltip } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { runExport } from '../../../lib/exports';
import { portalApi } from '../api';

/**
 * "Surat aktivasi portal": issues the activation letter(s) of one employee
 * or of every employee of an OPD and saves the PDF through the save dialog.
 */
export function SuratAktivasiButton({ pegawaiId, opdId, label }: { pegawaiId?: string; opdId?: string; label?: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await runExport(() => portalApi.suratAktivasi({ pegawaiId, opdId }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip label={t('portal.suratTooltip')} withArrow multiline w={320}>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconKey size={14} />}
        loading={busy}
        disabled={!pegawaiId && !opdId}
        onClick={() => void run()}
        data-testid={opdId ? 'btn-surat-aktivasi-opd' : 'btn-surat-aktivasi'}
      >
        {label ?? t('portal.surat')}
      </Button>
    </Tooltip>
  );
}
