// The one adapter between the UI and the Go facade. Every generated Wails
// binding is wrapped here: arguments and results are the generated models'
// data (./types Plain), inputs are typed before they reach `createFrom`, and
// every rejection becomes an AppError (see ./errors).
// Screens import `api` from here and nothing from wailsjs/.
import * as App from '../../wailsjs/go/main/App';
import { domain, evaluasi, kepegawaian, mutasisvc, abk } from '../../wailsjs/go/models';
import { call } from './errors';
import type {
  BulkResult,
  CheckInput,
  CheckResult,
  Decision,
  DokumenItem,
  EvaluasiDueCount,
  EvaluasiDueRow,
  EvaluasiFormData,
  EvaluasiQuestion,
  EvaluasiReport,
  Jawaban,
  EligibilityParams,
  EligibilityRule,
  RoleOption,
  UsulanDetail,
  UsulanInput,
  UsulanPage,
  UsulanQuery,
  User,
} from './mutasi';
import type {
  ABK,
  ABKSettings,
  ABKSettingsPatch,
  Dashboard,
  DemoResult,
  ID,
  Jabatan,
  JabatanRow,
  OPD,
  OPDHeadcount,
  OPDDetail,
  OPDTree,
  Pegawai,
  PegawaiDetail,
  PegawaiPage,
  PegawaiQuery,
  Pemda,
  PensiunProjection,
  PositionResult,
  Reference,
  RegionView,
  StagnanList,
  Status,
  Tugas,
  TugasRow,
  Unit,
} from './types';

export * from './types';
export * from './mutasi';
export { AppError, errorTitleKey, toAppError } from './errors';
export type { ErrorKind, FieldError } from './errors';

export const api = {
  status: (): Promise<Status> => call(() => App.Status()),
  loadDemo: (size: number, seed: number): Promise<DemoResult> => call(() => App.LoadDemo(size, seed)),
  createPemda: (p: Pemda): Promise<Pemda> => call(() => App.CreatePemda(domain.Pemda.createFrom(p))),
  reference: (): Promise<Reference> => call(() => App.Reference()),
  dashboard: (): Promise<Dashboard> => call(() => App.Dashboard()),

  listPegawai: (q: PegawaiQuery): Promise<PegawaiPage> =>
    call(() => App.ListPegawai(kepegawaian.PegawaiQuery.createFrom(q))),
  getPegawai: (id: ID): Promise<PegawaiDetail> => call(() => App.GetPegawai(id)),
  savePegawai: (p: Pegawai): Promise<PegawaiDetail> => call(() => App.SavePegawai(domain.Pegawai.createFrom(p))),
  deletePegawai: (id: ID): Promise<void> => call(() => App.DeletePegawai(id)),

  listOPD: (): Promise<OPDHeadcount[]> => call(async () => (await App.ListOPD()) ?? []),
  opdTree: (opdId: ID): Promise<OPDTree> => call(() => App.OPDTree(opdId)),
  saveOPD: (o: OPD): Promise<OPD> => call(() => App.SaveOPD(domain.OPD.createFrom(o))),
  deleteOPD: (id: ID): Promise<void> => call(() => App.DeleteOPD(id)),
  saveUnit: (u: Unit): Promise<Unit> => call(() => App.SaveUnit(domain.Unit.createFrom(u))),
  deleteUnit: (id: ID): Promise<void> => call(() => App.DeleteUnit(id)),

  listJabatan: (): Promise<JabatanRow[]> => call(async () => (await App.ListJabatan()) ?? []),
  saveJabatan: (j: Jabatan): Promise<Jabatan> => call(() => App.SaveJabatan(domain.Jabatan.createFrom(j))),
  deleteJabatan: (id: ID): Promise<void> => call(() => App.DeleteJabatan(id)),

  // Workload analysis (ABK). abkId "" = the newest final ABK, else the newest draft.
  abkSettings: (): Promise<ABKSettings> => call(() => App.ABKSettings()),
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

  // Exports return the written path, "" when the user cancelled the save dialog.
  saveChartPNG: (defaultName: string, dataURL: string): Promise<string> => call(() => App.SaveChartPNG(defaultName, dataURL)),
  exportPegawai: (q: PegawaiQuery): Promise<string> => call(() => App.ExportPegawai(kepegawaian.PegawaiQuery.createFrom(q))),
  exportABK: (abkId: ID): Promise<string> => call(() => App.ExportABK(abkId)),
  exportABKOPD: (abkId: ID, opdId: ID): Promise<string> => call(() => App.ExportABKOPD(abkId, opdId)),
  exportABKTugas: (abkId: ID): Promise<string> => call(() => App.ExportABKTugas(abkId)),
  exportDashboard: (abkId: ID): Promise<string> => call(() => App.ExportDashboard(abkId)),
  exportReportPDF: (abkId: ID): Promise<string> => call(() => App.ExportReportPDF(abkId)),
  /** The whole catalogue / OPD list / stagnation list (not capped like stagnationList), read from the backend, not the screen. */
  exportJabatan: (): Promise<string> => call(() => App.ExportJabatan()),
  exportOPD: (): Promise<string> => call(() => App.ExportOPD()),
  exportStagnan: (): Promise<string> => call(() => App.ExportStagnan()),
  exportPensiun: (abkId: ID): Promise<string> => call(() => App.ExportPensiun(abkId)),

  // ---- Mutasi workflow (backend/mutasi). The backend decides who may do what: `allowed` in UsulanDetail. ----
  currentUser: (): Promise<User> => call(() => App.CurrentUser()),
  transferRoles: (): Promise<RoleOption[]> => call(async () => (await App.TransferRoles()) ?? []),
  checkMutasi: (input: CheckInput): Promise<CheckResult> => call(() => App.CheckMutasi(mutasisvc.CheckInput.createFrom(input))),
  createUsulan: (input: UsulanInput): Promise<UsulanDetail> => call(() => App.CreateUsulan(mutasisvc.UsulanInput.createFrom(input))),
  updateUsulan: (id: ID, input: UsulanInput): Promise<UsulanDetail> => call(() => App.UpdateUsulan(id, mutasisvc.UsulanInput.createFrom(input))),
  decideUsulan: (id: ID, d: Decision): Promise<UsulanDetail> => call(() => App.DecideUsulan(id, mutasisvc.Decision.createFrom(d))),
  bulkDecide: (ids: ID[], d: Decision): Promise<BulkResult[]> => call(async () => (await App.BulkDecide(ids, mutasisvc.Decision.createFrom(d))) ?? []),
  listUsulan: (q: UsulanQuery): Promise<UsulanPage> => call(() => App.ListUsulan(mutasisvc.UsulanQuery.createFrom(q))),
  getUsulan: (id: ID): Promise<UsulanDetail> => call(() => App.GetUsulan(id)),

  // Documents of a request (backend/dokumen) and the generated PDFs (return the saved path, "" = cancelled).
  dokumenChecklist: (usulanId: ID): Promise<DokumenItem[]> => call(async () => (await App.DokumenChecklist(usulanId)) ?? []),
  chooseDokumenFile: (): Promise<string> => call(() => App.ChooseDokumenFile()),
  attachDokumen: (usulanId: ID, jenis: string, path: string): Promise<unknown> => call(() => App.AttachDokumen(usulanId, jenis, path)),
  verifyDokumen: (lampiranId: ID, status: string, catatan: string): Promise<unknown> =>
    call(() => App.VerifyDokumen(lampiranId, status, catatan)),
  removeDokumen: (id: ID): Promise<void> => call(() => App.RemoveDokumen(id)),
  exportDokumen: (id: ID): Promise<string> => call(() => App.ExportDokumen(id)),
  generateNotaUsulan: (usulanId: ID): Promise<string> => call(() => App.GenerateNotaUsulan(usulanId)),
  generateDraftSK: (ids: ID[]): Promise<string> => call(() => App.GenerateDraftSK(ids)),
  generateTandaTerima: (usulanId: ID): Promise<string> => call(() => App.GenerateTandaTerima(usulanId)),

  // Evaluation after the move (backend/evaluasi).
  evaluasiQuestions: (): Promise<EvaluasiQuestion[]> => call(async () => (await App.EvaluasiQuestions()) ?? []),
  saveEvaluasiQuestion: (q: EvaluasiQuestion): Promise<EvaluasiQuestion> => call(() => App.SaveEvaluasiQuestion(evaluasi.Question.createFrom(q))),
  /** The dashboard's figure: due now, of which overdue, and falling due within 30 days. */
  evaluasiDueCount: (): Promise<EvaluasiDueCount> => call(() => App.EvaluasiDueCount()),
  evaluasiDue: (includeDone: boolean): Promise<EvaluasiDueRow[]> => call(async () => (await App.EvaluasiDue(includeDone)) ?? []),
  evaluasiForm: (usulanId: ID, bulan: number, responden: string): Promise<EvaluasiFormData> =>
    call(() => App.EvaluasiForm(usulanId, bulan, responden)),
  submitEvaluasi: (usulanId: ID, bulan: number, responden: string, jawaban: Jawaban): Promise<unknown> =>
    call(() => App.SubmitEvaluasi(usulanId, bulan, responden, jawaban)),
  evaluasiReport: (groupBy: string): Promise<EvaluasiReport> => call(() => App.EvaluasiReport(groupBy)),
  exportEvaluasiReport: (groupBy: string): Promise<string> => call(() => App.ExportEvaluasiReport(groupBy)),

  /** Tells the Go log what the UI did: ("ready", screen) once, ("error", text) on a crash. */
  eligibilityRules: (): Promise<EligibilityRule[]> => call(async () => (await App.EligibilityRules()) ?? []),
  eligibilityParams: (): Promise<EligibilityParams> => call(async () => ({ ...(await App.EligibilityParams()) }) as EligibilityParams),
  defaultEligibilityParams: (): Promise<EligibilityParams> =>
    call(async () => ({ ...(await App.DefaultEligibilityParams()) }) as EligibilityParams),
  /** Sends only the changed parameters: the backend merges them into the stored ones. */
  saveEligibilityParams: (patch: EligibilityParams): Promise<EligibilityParams> =>
    call(async () => ({ ...(await App.SaveEligibilityParams(patch)) }) as EligibilityParams),
  logUI: (level: 'ready' | 'error' | 'info', message: string): Promise<void> => call(() => App.LogUI(level, message)),
};

export type Api = typeof api;
