// The shapes the Go facade sends and receives, taken from the generated
// Wails models (wailsjs/go/models.ts) rather than copied by hand, so a field
// Go adds or renames reaches the UI as a type error, not as silent loss.
// Only what the generator cannot say is written here: literal unions of the
// enum values and the transfer event fields the generator types as `any`.
// Dates travel as "YYYY-MM-DD" strings ("" = not set); event times as RFC 3339.
// Held here are the shapes several areas share: the core records and the
// transfer request (workflow) every area shows; a feature's own shapes live in
// its features/<area>/api.ts.
import type { domain, kepegawaian, mutasi, mutasisvc, eligibility } from '../../wailsjs/go/models';

type Fn = (...args: never[]) => unknown;

/**
 * The JSON data of a generated model class: its fields without the
 * `convertValues` helper, so an object literal is one. A Go slice may be nil,
 * which arrives as null, so every array is `| null` (the generator omits that).
 */
export type Plain<T> = T extends Fn
  ? never
  : T extends readonly (infer U)[]
    ? Plain<U>[] | null
    : T extends object
      ? { [K in keyof T as T[K] extends Fn ? never : K]: Plain<T[K]> }
      : T;

export type ID = string;

export type Pemda = Plain<domain.Pemda>;
export type OPD = Plain<domain.OPD>;
export type Unit = Plain<domain.Unit>;
export type Jabatan = Plain<domain.Jabatan>;
export type Pegawai = Plain<domain.Pegawai>;
export type SKP = Plain<domain.SKP>;
export type Hukdis = Plain<domain.Hukdis>;

export type Status = Plain<kepegawaian.Status>;
export type DemoResult = Plain<kepegawaian.DemoResult>;
export type OPDHeadcount = Plain<kepegawaian.OPDHeadcount>;
export type Count = Plain<kepegawaian.Count>;
export type Dashboard = Plain<kepegawaian.Dashboard>;

/** Sort keys the backend understands (PegawaiQuery.sort). */
export type PegawaiSort = 'nama' | 'nip' | 'golongan' | 'opd' | 'jabatan' | 'tmtJabatan' | 'umur';

export type PegawaiQuery = Plain<kepegawaian.PegawaiQuery>;
export type PegawaiRow = Plain<kepegawaian.PegawaiRow>;
export type PegawaiPage = Plain<kepegawaian.PegawaiPage>;
export type RiwayatRow = Plain<kepegawaian.RiwayatRow>;
export type PegawaiDetail = Plain<kepegawaian.PegawaiDetail>;
export type JabatanHeld = Plain<kepegawaian.JabatanHeld>;
export type UnitNode = Plain<kepegawaian.UnitNode>;
export type OPDTree = Plain<kepegawaian.OPDTree>;
export type JabatanRow = Plain<kepegawaian.JabatanRow>;
export type Option = Plain<kepegawaian.Option>;
export type Reference = Plain<kepegawaian.Reference>;

// ---- Transfer requests (backend/mutasi, backend/mutasisvc). The backend decides who may do what: `allowed` in UsulanDetail. ----

export type Role =
  | 'OPERATOR_OPD'
  | 'KEPALA_OPD'
  | 'VERIFIKATOR_BKPSDM'
  | 'TIM_PENILAI_KINERJA'
  | 'PPK_ADMIN_BKPSDM'
  | 'PIMPINAN';
export const ROLES: readonly Role[] = [
  'OPERATOR_OPD',
  'KEPALA_OPD',
  'VERIFIKATOR_BKPSDM',
  'TIM_PENILAI_KINERJA',
  'PPK_ADMIN_BKPSDM',
  'PIMPINAN',
];

export type JenisMutasi = 'T0' | 'T1' | 'T2' | 'T3' | 'T4';
export const JENIS_MUTASI: readonly JenisMutasi[] = ['T0', 'T1', 'T2', 'T3', 'T4'];

export const KINDS = [
  'BUAT',
  'UBAH',
  'AJUKAN',
  'VERIFIKASI',
  'SETUJUI_OPD_ASAL',
  'SETUJUI_OPD_TUJUAN',
  'PERTIMBANGAN_TPK',
  'SETUJUI_PPK_ASAL',
  'CATAT_PERTEK',
  'TETAPKAN_SK',
  'LAKSANAKAN',
  'KEMBALIKAN',
  'TOLAK',
  'BATALKAN',
] as const;
export type Kind = (typeof KINDS)[number];

export const STATUSES = [
  'DRAFT',
  'DIAJUKAN',
  'DIVERIFIKASI',
  'DISETUJUI_OPD_ASAL',
  'DISETUJUI_OPD_TUJUAN',
  'DISETUJUI_OPD',
  'DIPERTIMBANGKAN_TPK',
  'DISETUJUI_PPK_ASAL',
  'PERTEK_BKN',
  'SK_DITETAPKAN',
  'DILAKSANAKAN',
  'DITOLAK',
  'DIBATALKAN',
] as const;
export type UsulanStatus = (typeof STATUSES)[number];

export type User = Plain<mutasisvc.User>;
export type RoleOption = Option;

/** T2–T4 leaving this Pemda: `instansi` names the destination agency; the ids stay empty. */
export type Placement = Plain<mutasi.Placement>;
/** One eligibility rule's result. */
export type RuleResult = Plain<eligibility.Result>;
export type CheckInput = Plain<mutasisvc.CheckInput>;
/** A placement with its names, for the screen. */
export type PlacementView = Plain<mutasisvc.PlacementLabel>;
export type CheckResult = Plain<mutasisvc.CheckResult>;
export type UsulanInput = Plain<mutasisvc.UsulanInput>;
export type SKInput = Plain<mutasi.SK>;
export type LetterInput = Plain<mutasi.Letter>;
export type Decision = Plain<mutasisvc.Decision>;
export type BulkResult = Plain<mutasisvc.BulkItem>;
export type UsulanQuery = Plain<mutasisvc.UsulanQuery>;
export type UsulanRow = Plain<mutasisvc.UsulanRow>;
export type UsulanPage = Plain<mutasisvc.UsulanPage>;
/** A rule result as it stood when an event was made. */
export type RuleSnapshot = Plain<mutasi.RuleSnapshot>;
export type PlacementChange = Plain<mutasi.PlacementChange>;
export type UsulanState = Plain<mutasi.State>;

// The generator types an event's actor, time and payload as `any` (Go
// interface / time / raw JSON fields); their JSON shapes are declared here,
// the one place they are narrowed.
export interface EventActor {
  userId: string;
  pegawaiId: ID;
  name: string;
  role: string;
  opdId: ID;
}

export interface EventPayload {
  targetIndex: number;
  eligibility?: RuleSnapshot[] | null;
  blocked: boolean;
  sk?: SKInput | null;
  pertek?: LetterInput | null;
  effectiveDate?: string;
  change?: PlacementChange | null;
}

export type UsulanEvent = Omit<Plain<mutasisvc.EventView>, 'actor' | 'time' | 'payload'> & {
  actor: EventActor;
  /** RFC 3339 */
  time: string;
  payload: EventPayload;
};

export type UsulanDetail = Omit<Plain<mutasisvc.UsulanDetail>, 'events'> & { events: UsulanEvent[] | null };
