import { lazy, Suspense, type ComponentType } from 'react';
import { Center, Loader } from '@mantine/core';

// The pages behind the navbar, each loaded when first opened: the first
// screen downloads and parses only the shell, the login and its own page,
// not every feature (vite puts each dynamic import in its own chunk).
// Features the shell itself uses (auth, sync, portal, update, backup) are in
// the first chunk anyway and are imported directly by Shell.

/** A page loaded on first use, with a loader while its chunk arrives. */
function page<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(() => load().then((c) => ({ default: c })));
  function Page(props: P) {
    return (
      <Suspense
        fallback={
          <Center mih={240} data-testid="page-loading">
            <Loader />
          </Center>
        }
      >
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Page;
}

export const Beranda = page(() => import('../features/dashboard').then((m) => m.Beranda));
export const PegawaiPage = page(() => import('../features/pegawai').then((m) => m.PegawaiPage));
export const PegawaiPanel = page(() => import('../features/pegawai').then((m) => m.PegawaiPanel));
export const OpdPage = page(() => import('../features/opd').then((m) => m.OpdPage));
export const JabatanPage = page(() => import('../features/jabatan').then((m) => m.JabatanPage));
export const AbkPage = page(() => import('../features/abk').then((m) => m.AbkPage));
export const MutasiPage = page(() => import('../features/mutasi').then((m) => m.MutasiPage));
export const PlannerPage = page(() => import('../features/planner').then((m) => m.PlannerPage));
export const EvaluasiPage = page(() => import('../features/evaluasi').then((m) => m.EvaluasiPage));
export const ImportPage = page(() => import('../features/import').then((m) => m.ImportPage));
