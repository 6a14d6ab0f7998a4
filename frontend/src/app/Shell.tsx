import { useEffect, useState } from 'react';
import { AppShell, Badge, Group, NavLink, Text, Title, Tooltip } from '@mantine/core';
import {
  IconArrowsExchange,
  IconArrowsShuffle,
  IconBuildingCommunity,
  IconChartHistogram,
  IconClipboardCheck,
  IconDatabase,
  IconCloudDataConnection,
  IconCloudOff,
  IconCloudUpload,
  IconFileImport,
  IconHome,
  IconId,
  IconMessageReport,
  IconUserShield,
  IconUsers,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useFormat } from '../lib/format';
import { currentRoute, navigate, type Route } from '../lib/nav';
import { reportReady } from '../lib/uiLog';
import { AkunPage, UserMenu, useSession, type Perm } from '../features/auth';
import { CadanganPage } from '../features/backup';
import { SinkronPage, SyncIndicator } from '../features/sync';
import { LaporanPortalPage, PortalNavBadge } from '../features/portal';
import { UpdateBanner } from '../features/update';
import { AbkPage, Beranda, EvaluasiPage, ImportPage, JabatanPage, MutasiPage, OpdPage, PegawaiPage, PegawaiPanel, PlannerPage } from './pages';

export const PAGES = ['beranda', 'pegawai', 'opd', 'jabatan', 'abk', 'mutasi', 'rencana', 'evaluasi', 'portal', 'impor', 'sinkron', 'cadangan', 'akun'] as const;
export type Page = (typeof PAGES)[number];

/** Pages whose navbar label lives in a feature's own i18n file. */
const FEATURE_NAV: Partial<Record<Page, string>> = { rencana: 'planner.nav', portal: 'portal.nav', sinkron: 'sinkron.nav', cadangan: 'cadangan.nav', akun: 'akun.nav' };

/** The Mutasi section's sub-pages in the navbar: route path → i18n key and test id. */
const MUTASI_NAV = [
  { path: 'mutasi', key: 'mutasi.nav.daftar', testId: 'nav-mutasi-daftar' },
  { path: 'mutasi/inbox', key: 'mutasi.nav.inbox', testId: 'nav-mutasi-inbox' },
  { path: 'mutasi/baru', key: 'mutasi.nav.baru', testId: 'nav-mutasi-baru' },
  { path: 'mutasi/syarat', key: 'mutasi.nav.syarat', testId: 'nav-mutasi-syarat' },
] as const;

function routeFromHash(): Route & { page: Page } {
  const r = currentRoute();
  return { ...r, page: (PAGES as readonly string[]).includes(r.page) ? (r.page as Page) : 'beranda' };
}

const ICONS: Record<Page, typeof IconHome> = {
  beranda: IconHome,
  mutasi: IconArrowsExchange,
  rencana: IconArrowsShuffle,
  evaluasi: IconClipboardCheck,
  portal: IconMessageReport,
  pegawai: IconUsers,
  opd: IconBuildingCommunity,
  jabatan: IconId,
  abk: IconChartHistogram,
  impor: IconFileImport,
  cadangan: IconDatabase,
  akun: IconUserShield,
  sinkron: IconCloudDataConnection,
};

export function Shell({ status }: { status: Status }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [route, setRoute] = useState(routeFromHash);
  const page = route.page;
  const [firstPage] = useState(page);
  // Beranda reports itself once its figures are drawn; other first pages report on mount.
  useEffect(() => {
    if (firstPage !== 'beranda') reportReady(firstPage);
  }, [firstPage]);

  useEffect(() => {
    const onHash = () => setRoute(routeFromHash());
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);

  const go = (p: string) => navigate(p);
  const subPath = [page, ...route.sub].join('/');
  // Pages and sub-pages a role may not use are not offered (the backend refuses them anyway).
  const perms = useSession().data?.perms ?? [];
  const PAGE_PERM: Partial<Record<Page, Perm>> = { impor: 'IMPOR', rencana: 'RENCANA_LIHAT', portal: 'PORTAL', cadangan: 'ATURAN', akun: 'AKUN' };
  const pageAllowed = (p: Page) => !PAGE_PERM[p] || perms.includes(PAGE_PERM[p]);

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
            {!status.demo && <SyncIndicator />}
            <UserMenu />
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {PAGES.filter(pageAllowed).map((p) => {
          const Icon = ICONS[p];
          if (p === 'mutasi') {
            return (
              <NavLink
                key={p}
                label={t(`nav.${p}`)}
                leftSection={<Icon size={18} stroke={1.6} />}
                defaultOpened
                childrenOffset={28}
                data-testid={`nav-${p}`}
              >
                {MUTASI_NAV.filter((n) => n.path !== 'mutasi/baru' || perms.includes('USUL')).map((n) => (
                  <NavLink
                    key={n.path}
                    href={`#/${n.path}`}
                    label={t(n.key)}
                    active={subPath === n.path || (n.path === 'mutasi' && route.sub[0] === 'u')}
                    data-testid={n.testId}
                    onClick={(e) => {
                      e.preventDefault();
                      go(n.path);
                    }}
                  />
                ))}
              </NavLink>
            );
          }
          return (
            <NavLink
              key={p}
              href={`#/${p}`}
              label={t(FEATURE_NAV[p] ?? `nav.${p}`)}
              leftSection={<Icon size={18} stroke={1.6} />}
              rightSection={p === 'portal' ? <PortalNavBadge /> : undefined}
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
        <UpdateBanner />
        {page === 'beranda' && <Beranda />}
        {page === 'pegawai' && <PegawaiPage />}
        {page === 'opd' && <OpdPage />}
        {page === 'jabatan' && <JabatanPage />}
        {page === 'abk' && <AbkPage />}
        {page === 'mutasi' && <MutasiPage route={route} />}
        {page === 'rencana' && <PlannerPage />}
        {page === 'evaluasi' && <EvaluasiPage />}
        {page === 'portal' && <LaporanPortalPage pegawaiPanel={PegawaiPanel} />}
        {page === 'impor' && <ImportPage />}
        {page === 'cadangan' && <CadanganPage />}
        {page === 'akun' && <AkunPage />}
        {page === 'sinkron' && <SinkronPage />}
      </AppShell.Main>
    </AppShell>
  );
}
