// Every react-query key of the app. The first element names the area, so a
// write can mark one area stale (`invalidateQueries({ queryKey: area })`);
// keys built inline elsewhere drift from the ones a mutation invalidates.
// Only types are imported, so a test that mocks '../api' still gets the keys.
import type { PegawaiQuery, Plain, UsulanQuery } from './types';
import type { store } from '../../wailsjs/go/models';

/** Core data: status, reference lists, employees, OPD, jabatan and the ABK. */
export const qk = {
  eligibilityParams: ['eligibilityParams'] as const,
  eligibilityRules: ['eligibilityRules'] as const,
  status: ['status'] as const,
  reference: ['reference'] as const,
  dashboard: ['dashboard'] as const,
  pegawaiList: ['pegawai', 'list'] as const,
  /** One page-set of the employee table for a filter (offset/limit are the page params). */
  pegawaiPage: (filter: Omit<PegawaiQuery, 'offset' | 'limit'>) => ['pegawai', 'list', filter] as const,
  /** The employees holding one jabatan in one unit (ABK drill-down). */
  pegawaiAtPosition: (unitId: string, jabatanId: string) => ['pegawai', 'list', 'posisi', unitId, jabatanId] as const,
  /** Employee search of a picker; `purpose` keeps two pickers' caches apart. */
  pegawaiSearch: (purpose: string, search: string) => ['pegawai', 'list', purpose, search] as const,
  pegawai: (id: string) => ['pegawai', 'detail', id] as const,
  opdList: ['opd', 'list'] as const,
  opdTree: (id: string) => ['opd', 'tree', id] as const,
  jabatan: ['jabatan'] as const,
  abkAll: ['abk'] as const,
  abkList: ['abk', 'list'] as const,
  abkRegion: (abkId: string) => ['abk', 'region', abkId] as const,
  abkOPD: (abkId: string, opdId: string) => ['abk', 'opd', abkId, opdId] as const,
  abkTugas: (abkId: string, unitId: string, jabatanId: string) => ['abk', 'tugas', abkId, unitId, jabatanId] as const,
  /** A what-if computation of a tugas list (nothing stored). */
  abkHitung: (bezetting: number, tugas: unknown) => ['abk', 'hitung', bezetting, tugas] as const,
  abkSettings: ['abk', 'settings'] as const,
  stagnationLimit: ['abk', 'mut04'] as const,
  stagnan: ['abk', 'stagnan'] as const,
  pensiun: (abkId: string) => ['abk', 'pensiun', abkId] as const,
};

/** Transfer requests (usulan) and their evaluations. */
export const mk = {
  user: ['user', 'current'] as const,
  roles: ['user', 'roles'] as const,
  all: ['mutasi'] as const,
  /** The list of one query, per user (the inbox differs per user). */
  list: (q: Omit<UsulanQuery, 'offset' | 'limit'>, userId: string) => ['mutasi', 'list', q, userId] as const,
  detail: (id: string) => ['mutasi', 'detail', id] as const,
  /** A request as one user with one role sees it (the actions offered differ). */
  detailFor: (id: string, userId: string, role: string) => ['mutasi', 'detail', id, userId, role] as const,
  dokumen: (id: string) => ['mutasi', 'dokumen', id] as const,
  check: (input: unknown) => ['mutasi', 'check', input] as const,
  inboxCount: (userId: string) => ['mutasi', 'inboxCount', userId] as const,
  evaluasiAll: ['evaluasi'] as const,
  evaluasiDue: (includeDone: boolean) => ['evaluasi', 'due', includeDone] as const,
  evaluasiForm: (id: string, bulan: number, responden: string) => ['evaluasi', 'form', id, bulan, responden] as const,
  evaluasiReport: (groupBy: string) => ['evaluasi', 'report', groupBy] as const,
  evaluasiQuestions: ['evaluasi', 'questions'] as const,
  evaluasiCount: ['evaluasi', 'count'] as const,
};

/** The planner (optimal reassignment runs). */
export const plannerKeys = {
  all: ['planner'] as const,
  settings: ['planner', 'settings'] as const,
  runs: ['planner', 'runs'] as const,
  result: (id: string) => ['planner', 'result', id] as const,
  compare: (ids: string[]) => ['planner', 'compare', ...ids] as const,
  explain: (runId: string, employeeId: string) => ['planner', 'explain', runId, employeeId] as const,
  whyNotSearch: (search: string) => ['planner', 'whynot-search', search] as const,
};

/** Sync with the central server. */
export const syncKeys = {
  all: ['sync'] as const,
  status: ['sync', 'status'] as const,
  settings: ['sync', 'settings'] as const,
  conflictsAll: ['sync', 'conflicts'] as const,
  conflicts: (q: Plain<store.ConflictQuery>) => ['sync', 'conflicts', q] as const,
  facets: ['sync', 'conflicts', 'facets'] as const,
  attention: ['sync', 'attention'] as const,
  quarantine: ['sync', 'quarantine'] as const,
};

/** Backups (cadangan) and recovery. */
export const backupKeys = {
  all: ['cadangan'] as const,
  list: ['cadangan', 'list'] as const,
  preview: (f: string) => ['cadangan', 'preview', f] as const,
  recovery: ['cadangan', 'recovery'] as const,
};

/** The session and the user accounts. */
export const authKeys = {
  all: ['auth'] as const,
  session: ['auth', 'session'] as const,
  users: ['auth', 'users'] as const,
  policy: ['auth', 'policy'] as const,
};

/**
 * Whether a cached query survives a change of user: the session itself and
 * the app status do; everything else was read with the old user's rights.
 */
export const survivesUserChange = (key: readonly unknown[]): boolean => key[0] === authKeys.all[0] || key[0] === qk.status[0];

/** The Portal Pegawai on the desktop (features/portal): data-error reports, the badge, the address. */
export const portalKeys = {
  all: ['portal'] as const,
  laporan: (opdId: string, status: string) => ['portal', 'laporan', opdId, status] as const,
  jumlah: ['portal', 'jumlah'] as const,
  url: ['portal', 'url'] as const,
};

/** The desktop updater (features/update). */
export const updateKeys = {
  all: ['update'] as const,
  status: ['update', 'status'] as const,
  devices: ['update', 'devices'] as const,
};
