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
}
