// The shared adapter between the UI and the Go facade: the reads several
// areas use (status, reference lists, employees, OPD, jabatan, the ABK
// settings whose grade bands every figure beside a grade needs, the signed-in
// user and the transfer roles) and the app-wide calls (UI log, chart export).
// A bound method one area alone uses lives in that area's
// features/<area>/api.ts. Arguments and results are the generated models'
// data (./types Plain), inputs are typed before they reach `createFrom`, and
// every rejection becomes an AppError (see ./errors).
// Nothing outside src/api and features/*/api.ts imports wailsjs/ directly.
import * as App from '../../wailsjs/go/main/App';
import type { abk } from '../../wailsjs/go/models';
import { call } from './errors';
import type {
  ID,
  JabatanRow,
  OPDHeadcount,
  OPDTree,
  PegawaiDetail,
  PegawaiPage,
  PegawaiQuery,
  Plain,
  Reference,
  RoleOption,
  Status,
  User,
} from './types';

export * from './types';
export { AppError, errorTitleKey, toAppError } from './errors';
export type { ErrorKind, FieldError } from './errors';

// The generated models (all of them, one module) are loaded by the first call
// that sends one, not with the first screen, which only reads.
const models = () => import('../../wailsjs/go/models');

export const api = {
  status: (): Promise<Status> => call(() => App.Status()),
  reference: (): Promise<Reference> => call(() => App.Reference()),

  listPegawai: (q: PegawaiQuery): Promise<PegawaiPage> =>
    call(async () => App.ListPegawai((await models()).kepegawaian.PegawaiQuery.createFrom(q))),
  getPegawai: (id: ID): Promise<PegawaiDetail> => call(() => App.GetPegawai(id)),

  listOPD: (): Promise<OPDHeadcount[]> => call(async () => (await App.ListOPD()) ?? []),
  opdTree: (opdId: ID): Promise<OPDTree> => call(() => App.OPDTree(opdId)),

  listJabatan: (): Promise<JabatanRow[]> => call(async () => (await App.ListJabatan()) ?? []),

  /** The ABK settings: the ABK screens edit them, every figure beside a grade reads the bands. */
  abkSettings: (): Promise<Plain<abk.Settings>> => call(() => App.ABKSettings()),

  /** Returns the written path, "" when the user cancelled the save dialog. */
  saveChartPNG: (defaultName: string, dataURL: string): Promise<string> => call(() => App.SaveChartPNG(defaultName, dataURL)),

  // The signed-in user and the roles of the transfer workflow (backend/mutasisvc).
  currentUser: (): Promise<User> => call(() => App.CurrentUser()),
  transferRoles: (): Promise<RoleOption[]> => call(async () => (await App.TransferRoles()) ?? []),
  /** Tells the Go log what the UI did: ("ready", screen) once, ("error", text) on a crash. */
  logUI: (level: 'ready' | 'error' | 'info', message: string): Promise<void> => call(() => App.LogUI(level, message)),
};

export type Api = typeof api;
