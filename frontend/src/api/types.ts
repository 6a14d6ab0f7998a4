// The shapes the Go facade sends and receives, taken from the generated
// Wails models (wailsjs/go/models.ts) rather than copied by hand, so a field
// Go adds or renames reaches the UI as a type error, not as silent loss.
// Only what the generator cannot say is written here: literal unions of the
// enum values and the form-side patch of the ABK settings.
// Dates travel as "YYYY-MM-DD" strings ("" = not set).
import type { analisis, domain, kepegawaian, workload } from '../../wailsjs/go/models';

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

// ---- Workload analysis (ABK): backend/workload and backend/analisis ----

export type Periode = 'TAHUN' | 'BULAN' | 'MINGGU' | 'HARI';
export const PERIODES: readonly Periode[] = ['TAHUN', 'BULAN', 'MINGGU', 'HARI'];
export type Rounding = 'HALF_UP' | 'UP' | 'DOWN';
export const ROUNDINGS: readonly Rounding[] = ['HALF_UP', 'UP', 'DOWN'];
/** Efficiency grade; "-" = jabatan kosong (nobody in post). */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | '-';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E', '-'];

export type Bands = Plain<workload.Bands>;
export type ABKSettings = Plain<workload.Settings>;

/** The fields of ABKSettings a form changed; the backend keeps the stored value of every other field. */
export type ABKSettingsPatch = Partial<Omit<ABKSettings, 'bands'>> & { bands?: Partial<Bands> };

export type Tugas = Plain<workload.Tugas>;
export type TugasRow = Plain<analisis.TugasRow>;
export type PositionResult = Plain<workload.PositionResult>;
export type Aggregate = Plain<workload.Aggregate>;
export type Balance = Plain<workload.Balance>;
export type ABK = Plain<analisis.ABK>;
export type PositionRow = Plain<analisis.PositionRow>;
export type OPDRow = Plain<analisis.OPDRow>;
/** A unit's aggregate with its positions (jabatan in the unit). */
export type UnitRow = Plain<analisis.UnitRow>;
export type OPDDetail = Plain<analisis.OPDDetail>;
export type GradeCount = Plain<analisis.GradeCount>;
export type HeatmapCell = Plain<analisis.HeatmapCell>;
export type Heatmap = Plain<analisis.Heatmap>;
export type BalancePoint = Plain<analisis.BalancePoint>;
export type RegionView = Plain<analisis.RegionView>;
export type StagnanRow = Plain<analisis.StagnanRow>;
export type StagnanList = Plain<analisis.StagnanList>;
export type PensiunYear = Plain<analisis.PensiunYear>;
export type PensiunOPD = Plain<analisis.PensiunOPD>;
export type PensiunProjection = Plain<analisis.PensiunProjection>;
