// The transfer-request workflow's bound methods (backend/mutasisvc,
// backend/dokumen; app.go), the documents of a request and the eligibility
// settings. The request's shapes, which other areas show too, are in
// src/api/types.ts; the shapes here are the generated Wails models' data.
import * as App from '../../../wailsjs/go/main/App';
import { mutasisvc, type dokumen, type eligibility } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type {
  BulkResult,
  CheckInput,
  CheckResult,
  Decision,
  ID,
  Plain,
  UsulanDetail,
  UsulanInput,
  UsulanPage,
  UsulanQuery,
} from '../../api/types';

export const DOKUMEN_STATUS = ['BELUM_DIPERIKSA', 'SESUAI', 'TIDAK_SESUAI'] as const;

/** `berkas`: ADA | HILANG | RUSAK | BELUM_DITERIMA (expected from the sync server), the stored file checked against its hash. */
export type Lampiran = Plain<dokumen.Lampiran>;
export type DokumenItem = Plain<dokumen.Item>;

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

export const mutasiApi = {
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

  eligibilityRules: (): Promise<EligibilityRule[]> => call(async () => (await App.EligibilityRules()) ?? []),
  eligibilityParams: (): Promise<EligibilityParams> => call(async () => ({ ...(await App.EligibilityParams()) }) as EligibilityParams),
  defaultEligibilityParams: (): Promise<EligibilityParams> =>
    call(async () => ({ ...(await App.DefaultEligibilityParams()) }) as EligibilityParams),
  /** Sends only the changed parameters: the backend merges them into the stored ones. */
  saveEligibilityParams: (patch: EligibilityParams): Promise<EligibilityParams> =>
    call(async () => ({ ...(await App.SaveEligibilityParams(patch)) }) as EligibilityParams),
};
