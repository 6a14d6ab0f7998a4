// The shapes the Go facade sends and receives, taken from the generated
// Wails models (wailsjs/go/models.ts) rather than copied by hand, so a field
// Go adds or renames reaches the UI as a type error, not as silent loss.
// Only what the generator cannot say is written here: literal unions of the
// enum values.
// Dates travel as "YYYY-MM-DD" strings ("" = not set).
import type { domain, kepegawaian } from '../../wailsjs/go/models';

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
