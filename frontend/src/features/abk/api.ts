// Workload analysis (ABK) as the Go facade sends it (backend/abk,
// backend/abksvc; bound in app.go). The shapes are the generated Wails
// models' data (Plain, see src/api/types.ts); written here are only the
// literal unions of enum values and the form-side patch of the settings.
// The numbers always come from the backend: the UI never computes ABK itself.
import * as App from '../../../wailsjs/go/main/App';
import { abk, type abksvc } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type { ID, Plain } from '../../api/types';


export type Periode = 'TAHUN' | 'BULAN' | 'MINGGU' | 'HARI';
export const PERIODES: readonly Periode[] = ['TAHUN', 'BULAN', 'MINGGU', 'HARI'];
export type Rounding = 'HALF_UP' | 'UP' | 'DOWN';
export const ROUNDINGS: readonly Rounding[] = ['HALF_UP', 'UP', 'DOWN'];
/** Efficiency grade; "-" = jabatan kosong (nobody in post). */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | '-';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E', '-'];

export type Bands = Plain<abk.Bands>;
export type ABKSettings = Plain<abk.Settings>;

/** The fields of ABKSettings a form changed; the backend keeps the stored value of every other field. */
export type ABKSettingsPatch = Partial<Omit<ABKSettings, 'bands'>> & { bands?: Partial<Bands> };

export type Tugas = Plain<abk.Tugas>;
export type TugasRow = Plain<abksvc.TugasRow>;
export type PositionResult = Plain<abk.PositionResult>;
export type Aggregate = Plain<abk.Aggregate>;
export type Balance = Plain<abk.Balance>;
export type ABK = Plain<abksvc.ABK>;
export type PositionRow = Plain<abksvc.PositionRow>;
export type OPDRow = Plain<abksvc.OPDRow>;
/** A unit's aggregate with its positions (jabatan in the unit). */
export type UnitRow = Plain<abksvc.UnitRow>;
export type OPDDetail = Plain<abksvc.OPDDetail>;
export type GradeCount = Plain<abksvc.GradeCount>;
export type HeatmapCell = Plain<abksvc.HeatmapCell>;
export type Heatmap = Plain<abksvc.Heatmap>;
export type BalancePoint = Plain<abksvc.BalancePoint>;
export type RegionView = Plain<abksvc.RegionView>;
export type StagnanRow = Plain<abksvc.StagnanRow>;
export type StagnanList = Plain<abksvc.StagnanList>;
export type PensiunYear = Plain<abksvc.PensiunYear>;
export type PensiunOPD = Plain<abksvc.PensiunOPD>;
export type PensiunProjection = Plain<abksvc.PensiunProjection>;

/** abkId "" = the newest final ABK, else the newest draft. Exports return the written path, "" when the save dialog was cancelled. */
export const abkApi = {
  /** Sends only the changed fields: the backend merges them into the stored settings. */
  saveABKSettings: (patch: ABKSettingsPatch): Promise<ABKSettings> => call(() => App.SaveABKSettings(patch)),
  stagnationLimit: (): Promise<number> => call(() => App.StagnationLimit()),
  saveStagnationLimit: (years: number): Promise<number> => call(() => App.SaveStagnationLimit(years)),
  listABK: (): Promise<ABK[]> => call(async () => (await App.ListABK()) ?? []),
  createABK: (tahun: number, copyFromId: ID): Promise<ABK> => call(() => App.CreateABK(tahun, copyFromId)),
  finalizeABK: (id: ID): Promise<void> => call(() => App.FinalizeABK(id)),
  abkRegion: (abkId: ID): Promise<RegionView> => call(() => App.ABKRegion(abkId)),
  abkOPD: (abkId: ID, opdId: ID): Promise<OPDDetail> => call(() => App.ABKOPD(abkId, opdId)),
  abkTugas: (abkId: ID, unitId: ID, jabatanId: ID): Promise<TugasRow[]> =>
    call(async () => (await App.ABKTugas(abkId, unitId, jabatanId)) ?? []),
  saveABKTugas: (abkId: ID, unitId: ID, jabatanId: ID, tugas: Tugas[]): Promise<TugasRow[]> =>
    call(async () => (await App.SaveABKTugas(abkId, unitId, jabatanId, tugas.map((t) => abk.Tugas.createFrom(t)))) ?? []),
  /** The backend computes a position from tasks being typed; the UI never computes ABK itself. */
  hitungTugas: (tugas: Tugas[], bezetting: number): Promise<PositionResult> =>
    call(() => App.HitungTugas(tugas.map((t) => abk.Tugas.createFrom(t)), bezetting)),
  stagnationList: (limit: number): Promise<StagnanList> => call(() => App.StagnationList(limit)),
  retirementProjection: (abkId: ID): Promise<PensiunProjection> => call(() => App.RetirementProjection(abkId)),
  exportABK: (abkId: ID): Promise<string> => call(() => App.ExportABK(abkId)),
  exportABKOPD: (abkId: ID, opdId: ID): Promise<string> => call(() => App.ExportABKOPD(abkId, opdId)),
  exportABKTugas: (abkId: ID): Promise<string> => call(() => App.ExportABKTugas(abkId)),
  exportDashboard: (abkId: ID): Promise<string> => call(() => App.ExportDashboard(abkId)),
  exportReportPDF: (abkId: ID): Promise<string> => call(() => App.ExportReportPDF(abkId)),
  exportReportPDFOPD: (abkId: ID, opdId: ID): Promise<string> => call(() => App.ExportReportPDFOPD(abkId, opdId)),
  exportStagnan: (): Promise<string> => call(() => App.ExportStagnan()),
  exportPensiun: (abkId: ID): Promise<string> => call(() => App.ExportPensiun(abkId)),
};
