// Shapes of the mutasi workflow, the documents and the evaluation, taken
// from the generated Wails models (see ./types for Plain). Written here are
// only the literal unions of enum values and the event fields the generator
// types as `any` (narrowed once, below).
// Dates travel as "YYYY-MM-DD" strings; event times as RFC 3339.

import type { dokumen, eligibility, evaluasi, mutasisvc, mutasi } from '../../wailsjs/go/models';
import type { ID, Option, Plain } from './types';

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
  'buat',
  'ubah',
  'ajukan',
  'verifikasi',
  'setujui_opd_asal',
  'setujui_opd_tujuan',
  'pertimbangan_tpk',
  'setujui_ppk_asal',
  'catat_pertek',
  'tetapkan_sk',
  'laksanakan',
  'kembalikan',
  'tolak',
  'batalkan',
] as const;
export type Kind = (typeof KINDS)[number];

export const STATUSES = [
  'draft',
  'diajukan',
  'diverifikasi',
  'disetujui_opd_asal',
  'disetujui_opd_tujuan',
  'disetujui_opd',
  'dipertimbangkan_tpk',
  'disetujui_ppk_asal',
  'pertek_bkn',
  'sk_ditetapkan',
  'dilaksanakan',
  'ditolak',
  'dibatalkan',
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

// ---- Documents (backend/dokumen) ----

export const DOKUMEN_STATUS = ['BELUM_DIPERIKSA', 'SESUAI', 'TIDAK_SESUAI'] as const;

/** `berkas`: ADA | HILANG | RUSAK | BELUM_DITERIMA (expected from the sync server), the stored file checked against its hash. */
export type Lampiran = Plain<dokumen.Lampiran>;
export type DokumenItem = Plain<dokumen.Item>;

// ---- Evaluation (backend/evaluasi) ----

/** untuk: PEGAWAI | ATASAN; jenis: LIKERT | TEKS. */
export type EvaluasiQuestion = Plain<evaluasi.Question>;
export type EvaluasiDueRow = Plain<evaluasi.DueItem>;
export type EvaluasiDueCount = Plain<evaluasi.DueCount>;
/** Answers by question kode. */
export type Jawaban = Record<string, string>;
export type SKPTahun = Plain<evaluasi.SKPTahun>;
export type EJTahun = Plain<evaluasi.EJTahun>;
export type EvaluasiKonteks = Plain<evaluasi.Konteks>;
export type EvaluasiFormData = Plain<evaluasi.Form>;
export type EvaluasiGroupRow = Plain<evaluasi.GroupRow>;
/** groupBy: opd | jenis. */
export type EvaluasiReport = Plain<evaluasi.Report>;

/** One eligibility rule of the catalogue. */
export type EligibilityRule = Plain<eligibility.Rule>;

/**
 * The rule parameters (eligibility.Params) keyed by their JSON names, the
 * names a rule's `params` lists: the settings form reads and patches them by
 * those names, so they are a record here rather than the generated class.
 */
export type EligibilityParams = Record<string, number | string | boolean | Severitas>;

/** BKPSDM's rule severity per transfer type: rule id → jenis (T0–T4) → BLOCK/WARN/INFO (eligibility.Params.Severitas). */
export type Severitas = Record<string, Record<string, string>>;
