// The employee writes and export (bound in app.go). The reads several areas
// share (listPegawai, getPegawai) stay in the shared `api` of src/api.
import * as App from '../../../wailsjs/go/main/App';
import { domain, kepegawaian } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type { ID, Pegawai, PegawaiDetail, PegawaiQuery } from '../../api/types';

export const pegawaiApi = {
  savePegawai: (p: Pegawai): Promise<PegawaiDetail> => call(() => App.SavePegawai(domain.Pegawai.createFrom(p))),
  deletePegawai: (id: ID): Promise<void> => call(() => App.DeletePegawai(id)),
  exportPegawai: (q: PegawaiQuery): Promise<string> => call(() => App.ExportPegawai(kepegawaian.PegawaiQuery.createFrom(q))),
};
