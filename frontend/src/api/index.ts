// The one adapter between the UI and the Go facade. Every generated Wails
// binding is wrapped here: results are typed as the plain shapes in
// ./types, and every rejection becomes an AppError (see ./errors).
// Screens import `api` from here and nothing from wailsjs/.
import * as App from '../../wailsjs/go/main/App';
import { domain, kepegawaian } from '../../wailsjs/go/models';
import { call } from './errors';
import type {
  Dashboard,
  DemoResult,
  ID,
  Jabatan,
  JabatanRow,
  OPD,
  OPDHeadcount,
  OPDTree,
  Pegawai,
  PegawaiDetail,
  PegawaiPage,
  PegawaiQuery,
  Pemda,
  Reference,
  Status,
  Unit,
} from './types';

export * from './types';
export { AppError, toAppError } from './errors';
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

  /** Tells the Go log what the UI did: ("ready", screen) once, ("error", text) on a crash. */
  logUI: (level: 'ready' | 'error' | 'info', message: string): Promise<void> => call(() => App.LogUI(level, message)),
};

export type Api = typeof api;
