// Plain-data shapes of what the Go facade (app.go) sends and receives, as
// JSON. They mirror backend/domain/model.go and backend/kepegawaian/views.go;
// src/api/index.ts assigns the generated Wails models to these types, so a
// drift in the Go structs shows up as a type error there.
// Dates travel as "YYYY-MM-DD" strings ("" = not set).

export type ID = string;

export interface Pemda {
  id: ID;
  kode: string;
  nama: string;
}

export interface OPD {
  id: ID;
  pemdaId: ID;
  kode: string;
  nama: string;
  singkatan: string;
  jenis: string;
  alamat: string;
}

export interface Unit {
  id: ID;
  opdId: ID;
  parentId: ID;
  kode: string;
  nama: string;
}

export interface Jabatan {
  id: ID;
  kode: string;
  nama: string;
  jenis: string;
  jenjang: string;
  kelas: number;
  minPendidikan: number;
  jurusan: string[] | null;
  golonganMin: number;
  golonganMax: number;
  bup: number;
}

export interface Pegawai {
  id: ID;
  nip: string;
  nama: string;
  gelarDepan: string;
  gelarBelakang: string;
  jenisKelamin: string;
  tempatLahir: string;
  tanggalLahir: string;
  status: string;
  golongan: number;
  golonganPppk: number;
  pendidikan: number;
  jurusan: string;
  opdId: ID;
  unitId: ID;
  jabatanId: ID;
  tmtJabatan: string;
  tmtCpns: string;
  tmtPns: string;
  /** Set when the employee left the Pemda (outgoing T2–T4 transfer). */
  keluarPada?: string;
  instansiTujuan?: string;
}

export interface RiwayatJabatan {
  id: ID;
  pegawaiId: ID;
  opdId: ID;
  unitId: ID;
  jabatanId: ID;
  tmt: string;
  tanggalSelesai: string;
  nomorSk: string;
  keterangan: string;
}

export interface SKP {
  id: ID;
  pegawaiId: ID;
  tahun: number;
  predikat: string;
}

export interface Hukdis {
  id: ID;
  pegawaiId: ID;
  tingkat: string;
  jenis: string;
  nomorSk: string;
  tmt: string;
  tanggalSelesai: string;
  keterangan: string;
}

export interface Status {
  firstRun: boolean;
  dataDir: string;
  schemaVersion: number;
  deviceId: string;
  appVersion: string;
  pemdaNama: string;
  demo: boolean;
  jumlahPegawai: number;
  pendingChanges: number;
}

export interface DemoResult {
  pegawai: number;
  opd: number;
  unit: number;
  jabatan: number;
  checksum: string;
  millis: number;
}

export interface OPDHeadcount {
  id: ID;
  kode: string;
  nama: string;
  singkatan: string;
  jenis: string;
  alamat: string;
  unit: number;
  pegawai: number;
  pns: number;
  cpns: number;
  pppk: number;
}

export interface Count {
  key: string;
  label: string;
  labelEn: string;
  count: number;
}

export interface Dashboard {
  pemdaNama: string;
  demo: boolean;
  jumlahPegawai: number;
  jumlahOpd: number;
  jumlahUnit: number;
  jumlahJabatan: number;
  perStatus: Count[] | null;
  perGolongan: Count[] | null;
  perJenis: Count[] | null;
  perOpd: OPDHeadcount[] | null;
}

/** Sort keys the backend understands (PegawaiQuery.sort). */
export type PegawaiSort = 'nama' | 'nip' | 'golongan' | 'opd' | 'jabatan' | 'tmtJabatan' | 'umur';

export interface PegawaiQuery {
  search: string;
  opdId: string;
  golongan: string;
  jenisJabatan: string;
  status: string;
  /** Drill-down from the ABK: employees of one unit and/or one jabatan ("" = any). */
  unitId: string;
  jabatanId: string;
  /** Also list employees who left the Pemda (an outgoing T2–T4 transfer). */
  termasukKeluar?: boolean;
  sort: string;
  desc: boolean;
  offset: number;
  limit: number;
}

export interface PegawaiRow {
  id: ID;
  nip: string;
  namaLengkap: string;
  status: string;
  golongan: string;
  jabatanNama: string;
  jenisJabatan: string;
  opdId: ID;
  opdSingkatan: string;
  unitNama: string;
  tmtJabatan: string;
  jenisKelamin: string;
  /** Set when the employee left the Pemda (listed only with termasukKeluar). */
  keluarPada?: string;
  instansiTujuan?: string;
}

export interface PegawaiPage {
  total: number;
  offset: number;
  rows: PegawaiRow[] | null;
}

export interface RiwayatRow extends RiwayatJabatan {
  opdNama: string;
  unitNama: string;
  jabatanNama: string;
}

export interface PegawaiDetail {
  pegawai: Pegawai;
  namaLengkap: string;
  opdNama: string;
  unitNama: string;
  jabatanNama: string;
  jenisJabatan: string;
  golonganLabel: string;
  pangkat: string;
  pendidikanLabel: string;
  umur: number;
  masaJabatan: number;
  bup: number;
  tanggalPensiun: string;
  riwayat: RiwayatRow[] | null;
  skp: SKP[] | null;
  hukdis: Hukdis[] | null;
}

export interface JabatanHeld {
  jabatanId: ID;
  nama: string;
  jenis: string;
  kelas: number;
  bezetting: number;
}

export interface UnitNode extends Unit {
  pegawai: number;
  total: number;
  jabatan: JabatanHeld[] | null;
  children: UnitNode[] | null;
}

export interface OPDTree {
  opd: OPDHeadcount;
  units: UnitNode[] | null;
}

export interface JabatanRow extends Jabatan {
  golonganRange: string;
  pendidikanLabel: string;
  pegawai: number;
}

export interface Option {
  value: string;
  label: string;
  labelEn: string;
}

export interface Reference {
  golongan: Option[] | null;
  golonganPppk: Option[] | null;
  pendidikan: Option[] | null;
  jenisJabatan: Option[] | null;
  jenjang: Option[] | null;
  jenisOpd: Option[] | null;
  status: Option[] | null;
  jenisKelamin: Option[] | null;
  skpPredikat: Option[] | null;
  tingkatHukdis: Option[] | null;
}

// ---- Workload analysis (ABK): backend/workload and backend/analisis ----

export type Periode = 'TAHUN' | 'BULAN' | 'MINGGU' | 'HARI';
export const PERIODES: readonly Periode[] = ['TAHUN', 'BULAN', 'MINGGU', 'HARI'];
export type Rounding = 'HALF_UP' | 'UP' | 'DOWN';
export const ROUNDINGS: readonly Rounding[] = ['HALF_UP', 'UP', 'DOWN'];
/** Efficiency grade; "-" = jabatan kosong (nobody in post). */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | '-';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E', '-'];

export interface Bands {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface ABKSettings {
  wkeMenit: number;
  faktor: Record<string, number>;
  rounding: string;
  bands: Bands;
}

/** The fields of ABKSettings a form changed; the backend keeps the stored value of every other field. */
export interface ABKSettingsPatch {
  wkeMenit?: number;
  faktor?: Record<string, number>;
  rounding?: string;
  bands?: Partial<Bands>;
}

export interface Tugas {
  uraian: string;
  satuanHasil: string;
  volume: number;
  periode: string;
  normaMenit: number;
}

export interface TugasRow extends Tugas {
  id: ID;
  urutan: number;
}

export interface PositionResult {
  opdId: ID;
  unitId: ID;
  jabatanId: ID;
  beban: number;
  kebutuhan: number;
  kebutuhanBulat: number;
  bezetting: number;
  selisih: number;
  ej: number;
  grade: string;
  kosong: boolean;
  tanpaAbk: boolean;
}

export interface Aggregate {
  jumlahPosisi: number;
  beban: number;
  kebutuhanBulat: number;
  bezetting: number;
  kelebihan: number;
  kekurangan: number;
  selisih: number;
  eu: number;
  grade: string;
  kosong: number;
  gradeCount: Record<string, number> | null;
}

export interface Balance {
  index: number;
  shareB: number;
  misplacedSum: number;
  kebutuhanSum: number;
  positionCount: number;
}

export interface ABK {
  id: ID;
  tahun: number;
  status: string; // DRAFT | FINAL
  catatan: string;
  difinalkanPada: string;
  jumlahTugas: number;
  jumlahPosisi: number;
}

export interface PositionRow extends PositionResult {
  opdKode: string;
  opdSingkatan: string;
  unitKode: string;
  unitNama: string;
  jabatanKode: string;
  jabatanNama: string;
  jenisJabatan: string;
}

export interface OPDRow extends Aggregate {
  id: ID;
  kode: string;
  nama: string;
  singkatan: string;
}

/** A unit's aggregate with its positions (jabatan in the unit). */
export interface UnitRow extends Aggregate {
  id: ID;
  kode: string;
  nama: string;
  parentId: ID;
  positions: PositionRow[] | null;
}

export interface OPDDetail {
  abk: ABK;
  opd: OPDRow;
  units: UnitRow[] | null;
}

export interface GradeCount {
  grade: string;
  count: number;
}

export interface HeatmapCell {
  row: number;
  col: number;
  selisih: number;
  kelebihan: number;
  kekurangan: number;
}

export interface Heatmap {
  opd: string[] | null;
  jenis: string[] | null;
  cells: HeatmapCell[] | null;
}

export interface BalancePoint {
  tanggal: string;
  index: number;
  shareB: number;
}

export interface RegionView {
  abk: ABK;
  draft: boolean;
  settings: ABKSettings;
  region: Aggregate;
  balance: Balance;
  opd: OPDRow[] | null;
  grades: GradeCount[] | null;
  heatmap: Heatmap;
  trend: BalancePoint[] | null;
}

export interface StagnanRow {
  pegawaiId: ID;
  nip: string;
  nama: string;
  opdSingkatan: string;
  unitNama: string;
  jabatanNama: string;
  tmtJabatan: string;
  tahun: number;
}

export interface StagnanList {
  batasTahun: number;
  total: number;
  rows: StagnanRow[] | null;
}

export interface PensiunYear {
  tahun: number;
  pensiun: number;
  kekuranganBaru: number;
}

export interface PensiunOPD {
  opdId: ID;
  singkatan: string;
  nama: string;
  tahun: PensiunYear[] | null;
  total: number;
}

export interface PensiunProjection {
  tahun: number[] | null;
  opd: PensiunOPD[] | null;
}

// ---- Import (backend/importer) ----

export type ImportKind = 'pegawai' | 'abk';

export interface ImportField {
  key: string;
  label: string;
  labelEn: string;
  required: boolean;
  hint: string;
}

export interface ImportMapping {
  sheet: string;
  /** field key → column index (0-based); a field left out is not read. */
  columns: Record<string, number>;
  /** the header's line in the file; 0/absent = detected */
  headerRow?: number;
  /** number format: "id-ID" (1.200,5, the default) or "en-US" */
  locale?: string;
}

export interface ImportPreview {
  kind: string;
  file: string;
  sheet: string;
  sheets: string[] | null;
  headers: string[] | null;
  rows: string[][] | null;
  rowCount: number;
  fields: ImportField[] | null;
  mapping: ImportMapping;
  missing: string[] | null;
  /** the line read as the header, and the first lines to choose another from */
  headerRow?: number;
  top?: { line: number; cells: string[] }[] | null;
  notices?: ImportNotice[] | null;
}

/** How a file was read (e.g. converted from Windows-1252): shown beside the preview and the reports. */
export interface ImportNotice {
  code: string;
  message: string;
  messageEn: string;
}

export interface ImportReason {
  field: string;
  column: string;
  value: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface ImportRowError {
  line: number;
  reasons: ImportReason[] | null;
}

export interface ImportReport {
  kind: string;
  file: string;
  sheet: string;
  total: number;
  valid: number;
  failed: number;
  errors: ImportRowError[] | null;
  dryRun: boolean;
  committed: boolean;
  stored: number;
  positions: number;
  millis: number;
  notices?: ImportNotice[] | null;
}

/** The payload of the Wails event "import:progress". */
export interface ImportProgress {
  done: number;
  total: number;
  phase: string; // "periksa" | "simpan"
}
