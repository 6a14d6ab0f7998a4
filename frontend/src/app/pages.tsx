import { lazyPage as page } from '../components/lazyPage';

// The pages behind the navbar, each loaded when first opened (the helper in
// components/lazyPage): the first screen downloads and parses only the
// login, not every feature. The pages the shell's own features hold (the
// accounts, backups, sync, portal pages) are loaded the same way by their
// features' index files.

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
