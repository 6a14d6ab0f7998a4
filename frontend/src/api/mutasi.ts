// Shapes of the mutasi workflow, the documents and the evaluation as the Go
// facade sends them (backend/mutasi, backend/dokumen, backend/evaluasi).
// src/api/index.ts assigns the generated Wails models to these types, so a
// drift in the Go structs shows up as a type error there.
// Dates travel as "YYYY-MM-DD" strings; event times as RFC 3339.

import type { ID, Option, PegawaiRow } from './types';

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

/** The interim current user (until accounts exist). */
export interface User {
  id: string;
  nama: string;
  role: string;
  opdId: ID;
  pegawaiId: ID;
}

export type RoleOption = Option;

export interface Placement {
  opdId: ID;
  unitId: ID;
  jabatanId: ID;
  /** T2–T4 leaving this Pemda: the destination agency; the ids stay empty. */
  instansi?: string;
}

/** One eligibility rule's result (backend/eligibility Result). */
export interface RuleResult {
  ruleId: string;
  severity: string; // BLOCK | WARN | INFO
  outcome: string; // PASS | FAIL | NOT_APPLICABLE
  values: Record<string, string> | null;
  message: string;
  messageEn: string;
  source: string;
}

export interface CheckInput {
  pegawaiId: ID;
  jenis: string;
  aps: boolean;
  target: Placement;
  tanggal: string;
}

export interface CheckResult {
  rules: RuleResult[] | null;
  blocked: boolean;
  warnings: number;
  pegawai: PegawaiRow;
  targetLabel: PlacementView;
}

export interface UsulanInput {
  pegawaiId: ID;
  jenis: string;
  aps: boolean;
  alasan: string;
  targets: Placement[];
}

export interface SKInput {
  nomor: string;
  tanggal: string;
  tmt: string;
}

export interface LetterInput {
  nomor: string;
  tanggal: string;
}

export interface Decision {
  kind: string;
  note: string;
  targetIndex: number;
  sk?: SKInput | null;
  pertek?: LetterInput | null;
}

export interface BulkResult {
  id: ID;
  ok: boolean;
  code: string;
  message: string;
  messageEn: string;
}

export interface UsulanQuery {
  status: string;
  jenis: string;
  opdId: ID;
  search: string;
  inbox: boolean;
  offset: number;
  limit: number;
}

export interface UsulanRow {
  id: ID;
  nomor: string;
  pegawaiId: ID;
  nip: string;
  namaPegawai: string;
  jenis: string;
  aps: boolean;
  status: string;
  opdAsal: string;
  opdTujuan: string;
  diperbaruiPada: string;
  blocked: boolean;
}

export interface UsulanPage {
  total: number;
  rows: UsulanRow[] | null;
}

/** A rule result as it stood when an event was made (transfer.RuleSnapshot). */
export interface RuleSnapshot {
  ruleId: string;
  severity: string;
  outcome: string;
  message: string;
  messageEn?: string;
  source?: string;
  values?: Record<string, string> | null;
}

export interface EventActor {
  userId: string;
  pegawaiId: ID;
  name: string;
  role: string;
  opdId: ID;
}

export interface PlacementChange {
  kind: string;
  from: Placement;
  to: Placement;
  tmt: string;
  nomorSk: string;
  keterangan: string;
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

export interface UsulanEvent {
  id: string;
  seq: number;
  kind: string;
  actor: EventActor;
  time: string;
  note: string;
  payload: EventPayload;
  actorLabel: string;
}

/** A placement with its names, for the screen. */
export interface PlacementView extends Placement {
  opdNama: string;
  opdSingkatan: string;
  unitNama: string;
  jabatanNama: string;
}

export interface UsulanState {
  status: string;
  targetIndex: number;
  request: { reason: string; aps: boolean; type: string };
  sk?: SKInput | null;
  pertek?: LetterInput | null;
  executed?: PlacementChange | null;
  reversal?: PlacementChange | null;
  lastReason: string;
}

export interface UsulanDetail {
  row: UsulanRow;
  state: UsulanState;
  events: UsulanEvent[] | null;
  allowed: string[] | null;
  rules: RuleResult[] | null;
  source: PlacementView;
  targets: PlacementView[] | null;
}

// ---- Documents (backend/dokumen) ----

export const DOKUMEN_STATUS = ['BELUM_DIPERIKSA', 'SESUAI', 'TIDAK_SESUAI'] as const;

export interface Lampiran {
  id: ID;
  usulanId: ID;
  jenis: string;
  namaBerkas: string;
  sha256: string;
  ukuran: number;
  mime: string;
  status: string;
  catatan: string;
  diunggahOleh: string;
  diunggahPada: string;
  /** ADA | HILANG | RUSAK: the stored file checked against its hash. */
  berkas: string;
}

export interface DokumenItem {
  kode: string;
  nama: string;
  namaEn: string;
  wajib: boolean;
  hanyaAps: boolean;
  lampiran: Lampiran[] | null;
  ada: boolean;
  sesuai: boolean;
}

// ---- Evaluation (backend/evaluasi) ----

export interface EvaluasiQuestion {
  id: ID;
  kode: string;
  untuk: string; // PEGAWAI | ATASAN
  teks: string;
  teksEn: string;
  jenis: string; // LIKERT | TEKS
  urutan: number;
  aktif: boolean;
}

export interface EvaluasiDueRow {
  usulanId: ID;
  nomor: string;
  pegawaiId: ID;
  nip: string;
  namaPegawai: string;
  jenis: string;
  tmt: string;
  opdAsal: string;
  opdTujuan: string;
  unitTujuan: string;
  jabatan: string;
  bulan: number;
  responden: string;
  jatuhTempo: string;
  selesai: boolean;
  diisiPada: string;
  terlambat: boolean;
  hariTerlambat: number;
}

export interface EvaluasiDueCount {
  jatuhTempo: number;
  terlambat: number;
  segera: number;
}

/** Answers by question kode. */
export type Jawaban = Record<string, string>;

export interface SKPTahun {
  tahun: number;
  predikat: string;
  label: string;
  keterangan: string;
}

export interface EJTahun {
  abkTahun: number;
  abkStatus: string;
  ej: number;
  ejAda: boolean;
  unitEu: number;
  unitAda: boolean;
  grade: string;
  keterangan: string;
}

export interface EvaluasiKonteks {
  skpSebelum: SKPTahun;
  skpSesudah: SKPTahun;
  ejSebelum: EJTahun;
  ejSesudah: EJTahun;
  catatan: string;
}

export interface EvaluasiFormData {
  item: EvaluasiDueRow;
  questions: EvaluasiQuestion[] | null;
  jawaban: Jawaban | null;
  konteks: EvaluasiKonteks;
}

export interface EvaluasiGroupRow {
  kunci: string;
  nama: string;
  due: number;
  done: number;
  rerata: Record<string, number> | null;
  n: Record<string, number> | null;
}

export interface EvaluasiReport {
  groupBy: string; // opd | jenis
  questions: EvaluasiQuestion[] | null;
  rows: EvaluasiGroupRow[] | null;
  total: EvaluasiGroupRow;
  tanggal: string;
}

/** One eligibility rule of the catalogue (backend/eligibility Rule). */
export interface EligibilityRule {
  id: string;
  judul: string;
  judulEn: string;
  pernyataan: string;
  statementEn: string;
  severity: string;
  params: string[] | null;
  source: string;
  confidence: string;
}

/** The rule parameters (backend/eligibility Params), keyed by their JSON names. */
export type EligibilityParams = Record<string, number | string>;
