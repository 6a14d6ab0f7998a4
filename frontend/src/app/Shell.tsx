import { useEffect, useState, type ReactNode } from 'react';
import { ActionIcon, AppShell, Badge, Group, NavLink, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useLocalStorage, useMediaQuery } from '@mantine/hooks';
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
  IconInbox,
  IconLayoutSidebarLeftCollapse,
  IconLayoutSidebarLeftExpand,
  IconListDetails,
  IconPlus,
  IconSettings,
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
  { path: 'mutasi', key: 'mutasi.nav.daftar', testId: 'nav-mutasi-daftar', icon: IconListDetails },
  { path: 'mutasi/inbox', key: 'mutasi.nav.inbox', testId: 'nav-mutasi-inbox', icon: IconInbox },
  { path: 'mutasi/baru', key: 'mutasi.nav.baru', testId: 'nav-mutasi-baru', icon: IconPlus },
  { path: 'mutasi/syarat', key: 'mutasi.nav.syarat', testId: 'nav-mutasi-syarat', icon: IconSettings },
] as const;

/** The sidebar's width, open and collapsed to its icons (the choice is kept in localStorage). */
const NAV_WIDTH = 230;
const NAV_COLLAPSED_WIDTH = 60;

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

  // Below this width the sync badge shows its icon only (its text stays for screen readers and in the tooltip).
  const wide = useMediaQuery('(min-width: 1280px)', true);
  const badgeText = (text: string) => (wide ? text : <VisuallyHidden>{text}</VisuallyHidden>);
  const [collapsed, setCollapsed] = useLocalStorage({ key: 'imbang.navCollapsed', defaultValue: false, getInitialValueInEffect: false });

  /** One sidebar link: the label beside its icon, or only the icon (named, with a tooltip) when collapsed. */
  const link = (o: { path: string; label: string; icon?: typeof IconHome; active: boolean; testId: string; right?: ReactNode }) => {
    const Icon = o.icon;
    const nav = (
      <NavLink
        key={o.path}
        href={`#/${o.path}`}
        label={collapsed ? undefined : o.label}
        aria-label={collapsed ? o.label : undefined}
        leftSection={Icon ? <Icon size={18} stroke={1.6} /> : undefined}
        rightSection={collapsed ? undefined : o.right}
        active={o.active}
        aria-current={o.active ? 'page' : undefined}
        data-testid={o.testId}
        onClick={(e) => {
          e.preventDefault();
          go(o.path);
        }}
      />
    );
    return collapsed ? (
      <Tooltip key={o.path} label={o.label} position="right" withArrow>
        {nav}
      </Tooltip>
    ) : (
      nav
    );
  };
  const mutasiLinks = (nested: boolean) =>
    MUTASI_NAV.filter((n) => n.path !== 'mutasi/baru' || perms.includes('USUL')).map((n) =>
      link({
        path: n.path,
        label: t(n.key),
        icon: nested ? undefined : n.icon,
        active: subPath === n.path || (n.path === 'mutasi' && route.sub[0] === 'u'),
        testId: n.testId,
      }),
    );

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: collapsed ? NAV_COLLAPSED_WIDTH : NAV_WIDTH, breakpoint: 0 }} padding="md">
      <a
        href="#main-content"
        className="skip-link"
        data-testid="skip-link"
        onClick={(e) => {
          // the hash is the router's: move the focus without touching it
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        {t('shell.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="xs" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
            <Tooltip label={collapsed ? t('shell.navExpand') : t('shell.navCollapse')} withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                onClick={() => setCollapsed(!collapsed)}
                aria-label={collapsed ? t('shell.navExpand') : t('shell.navCollapse')}
                aria-expanded={!collapsed}
                aria-controls="main-nav"
                data-testid="nav-toggle"
              >
                {collapsed ? <IconLayoutSidebarLeftExpand size={20} /> : <IconLayoutSidebarLeftCollapse size={20} />}
              </ActionIcon>
            </Tooltip>
            <Text component="span" fw={700} size="lg" c="navy.8" style={{ flexShrink: 0 }}>
              Imbang
            </Text>
            <Text component="span" c="dimmed" aria-hidden>
              ·
            </Text>
            <Tooltip label={status.pemdaNama} withArrow openDelay={300}>
              <Text fw={600} data-testid="pemda-nama" truncate style={{ minWidth: 40 }}>
                {status.pemdaNama}
              </Text>
            </Tooltip>
            {status.demo && (
              <Tooltip label={t('shell.demoTooltip')} withArrow>
                <Badge color="orange" variant="filled" tt="none" data-testid="demo-badge" style={{ flexShrink: 0, overflow: 'visible' }}>
                  {t('shell.demoBadge')}
                </Badge>
              </Tooltip>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            {status.demo ? (
              // A demo installation never syncs: an outbox count would promise a sync that never comes.
              <Tooltip label={t('shell.demoNoSyncTooltip')} withArrow>
                <Badge variant="light" color="gray" tt="none" leftSection={<IconCloudOff size={14} />} data-testid="pending-changes" className="header-badge">
                  {badgeText(t('shell.demoNoSync'))}
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
                  className="header-badge"
                >
                  {badgeText(t('shell.pending', { count: status.pendingChanges, n: fmt.num(status.pendingChanges) }))}
                </Badge>
              </Tooltip>
            )}
            {!status.demo && <SyncIndicator />}
            <UserMenu />
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p={collapsed ? 6 : 'xs'} id="main-nav" aria-label={t('shell.navLabel')}>
        <AppShell.Section grow className="nav-scroll">
          {PAGES.filter(pageAllowed).map((p) => {
            if (p === 'mutasi') {
              if (collapsed) return mutasiLinks(false);
              const Icon = ICONS[p];
              return (
                <NavLink key={p} component="button" label={t(`nav.${p}`)} leftSection={<Icon size={18} stroke={1.6} />} defaultOpened childrenOffset={28} data-testid={`nav-${p}`}>
                  {mutasiLinks(true)}
                </NavLink>
              );
            }
            return link({
              path: p,
              label: t(FEATURE_NAV[p] ?? `nav.${p}`),
              icon: ICONS[p],
              active: page === p,
              testId: `nav-${p}`,
              right: p === 'portal' ? <PortalNavBadge /> : undefined,
            });
          })}
        </AppShell.Section>
        {!collapsed && (
          <AppShell.Section>
            <Text size="xs" c="dimmed" px="xs" pt={4}>
              {t('shell.version', { v: status.appVersion || 'dev' })}
            </Text>
          </AppShell.Section>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
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
