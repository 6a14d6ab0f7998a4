// The position catalogue's writes and export (bound in app.go). The list
// several areas share (listJabatan) stays in the shared `api` of src/api.
import * as App from '../../../wailsjs/go/main/App';
import { domain } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type { ID, Jabatan } from '../../api/types';

export const jabatanApi = {
  saveJabatan: (j: Jabatan): Promise<Jabatan> => call(() => App.SaveJabatan(domain.Jabatan.createFrom(j))),
  deleteJabatan: (id: ID): Promise<void> => call(() => App.DeleteJabatan(id)),
  /** The whole catalogue, read from the backend, not the screen; "" = the save dialog was cancelled. */
  exportJabatan: (): Promise<string> => call(() => App.ExportJabatan()),
};
