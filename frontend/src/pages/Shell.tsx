import { useEffect, useState } from 'react';
import { AppShell, Badge, Group, NavLink, Text, Title, Tooltip } from '@mantine/core';
import { IconBuildingCommunity, IconChartHistogram, IconCloudOff, IconCloudUpload, IconFileImport, IconHome, IconId, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useFormat } from '../lib/format';
import { reportReady } from '../lib/uiLog';
import { AbkPage } from './abk/AbkPage';
import { Beranda } from './Beranda';
import { ImportPage } from './impor/ImportPage';
import { JabatanPage } from './jabatan/JabatanPage';
import { OpdPage } from './opd/OpdPage';
import { PegawaiPage } from './pegawai/PegawaiPage';

export const PAGES = ['beranda', 'pegawai', 'opd', 'jabatan', 'abk', 'impor'] as const;
export type Page = (typeof PAGES)[number];

function pageFromHash(): Page {
  const h = window.location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(h) ? (h as Page) : 'beranda';
}

const ICONS: Record<Page, typeof IconHome> = {
  beranda: IconHome,
  pegawai: IconUsers,
  opd: IconBuildingCommunity,
  jabatan: IconId,
  abk: IconChartHistogram,
  impor: IconFileImport,
};

export function Shell({ status }: { status: Status }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [page, setPage] = useState<Page>(pageFromHash);
  const [firstPage] = useState(page);
  // Beranda reports itself once its figures are drawn; other first pages report on mount.
  useEffect(() => {
    if (firstPage !== 'beranda') reportReady(firstPage);
  }, [firstPage]);

  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);

  const go = (p: Page) => {
    window.history.pushState(null, '', `#/${p}`);
    setPage(p);
  };

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 230, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={4} c="navy.8">
              Imbang
            </Title>
            <Text c="dimmed">·</Text>
            <Text fw={600} data-testid="pemda-nama" truncate>
              {status.pemdaNama}
            </Text>
            {status.demo && (
              <Tooltip label={t('shell.demoTooltip')} withArrow>
                <Badge color="orange" variant="filled" tt="none" data-testid="demo-badge">
                  {t('shell.demoBadge')}
                </Badge>
              </Tooltip>
            )}
          </Group>
          <Group gap="md" wrap="nowrap">
            {status.demo ? (
              // A demo installation never syncs: an outbox count would promise a sync that never comes.
              <Tooltip label={t('shell.demoNoSyncTooltip')} withArrow>
                <Badge variant="light" color="gray" tt="none" leftSection={<IconCloudOff size={14} />} data-testid="pending-changes">
                  {t('shell.demoNoSync')}
                </Badge>
              </Tooltip>
            ) : (
              <Tooltip label={t('shell.pendingTooltip')} withArrow>
                <Badge
                  variant="light"
                  color={status.pendingChanges > 0 ? 'yellow' : 'gray'}
                  tt="none"
                  leftSection={<IconCloudUpload size={14} />}
                  data-testid="pending-changes"
                >
                  {t('shell.pending', { count: status.pendingChanges, n: fmt.num(status.pendingChanges) })}
                </Badge>
              </Tooltip>
            )}
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {PAGES.map((p) => {
          const Icon = ICONS[p];
          return (
            <NavLink
              key={p}
              href={`#/${p}`}
              label={t(`nav.${p}`)}
              leftSection={<Icon size={18} stroke={1.6} />}
              active={page === p}
              data-testid={`nav-${p}`}
              onClick={(e) => {
                e.preventDefault();
                go(p);
              }}
            />
          );
        })}
        <Text size="xs" c="dimmed" mt="auto" px="xs">
          {t('shell.version', { v: status.appVersion || 'dev' })}
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>
        {page === 'beranda' && <Beranda />}
        {page === 'pegawai' && <PegawaiPage />}
        {page === 'opd' && <OpdPage />}
        {page === 'jabatan' && <JabatanPage />}
        {page === 'abk' && <AbkPage />}
        {page === 'impor' && <ImportPage />}
      </AppShell.Main>
    </AppShell>
  );
}
