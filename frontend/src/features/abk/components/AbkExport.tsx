import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconFileSpreadsheet, IconFileTypePdf, IconDownload, IconLayoutDashboard } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { abkApi, type ABK } from '../api';
import { runExport } from '../../../lib/exports';
import { useSession } from '../../auth';

/**
 * Export of the ABK shown: its tasks and results (xlsx), the dashboard (xlsx)
 * and the report (PDF); and one OPD's positions (xlsx) and report (PDF) — the OPD opened, or for a
 * kepala or operator OPD their own (the backend refuses another OPD).
 */
export function AbkExportMenu({ abk, opdId }: { abk: ABK; opdId?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const ownOpd = session.data?.user?.opdId ?? '';
  const opd = ownOpd || opdId || '';
  const opdNama = ownOpd ? session.data?.opdNama : undefined;
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<string>) => {
    setBusy(true);
    try {
      await runExport(f);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" loading={busy} leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="btn-abk-export">
          {t('export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {opd && (
          <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run(() => abkApi.exportABKOPD(abk.id, opd))} data-testid="export-abk-opd-xlsx">
            {opdNama ? t('export.abkOpdNamed', { opd: opdNama }) : t('export.abkOpd')}
          </Menu.Item>
        )}
        {opd && (
          <Menu.Item leftSection={<IconFileTypePdf size={16} />} onClick={() => void run(() => abkApi.exportReportPDFOPD(abk.id, opd))} data-testid="export-report-opd-pdf">
            {opdNama ? t('export.reportOpdNamed', { opd: opdNama }) : t('export.reportOpd')}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run(() => abkApi.exportABK(abk.id))} data-testid="export-abk-xlsx">
          {t('export.abk')}
        </Menu.Item>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run(() => abkApi.exportABKTugas(abk.id))} data-testid="export-abk-tugas-xlsx">
          {t('export.abkTugas')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLayoutDashboard size={16} />} onClick={() => void run(() => abkApi.exportDashboard(abk.id))} data-testid="export-dashboard-xlsx">
          {t('export.dashboard')}
        </Menu.Item>
        <Menu.Item leftSection={<IconFileTypePdf size={16} />} onClick={() => void run(() => abkApi.exportReportPDF(abk.id))} data-testid="export-report-pdf">
          {t('export.report')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
