// The OPD and unit writes and the OPD list export (bound in app.go). The reads
// several areas share (listOPD, opdTree) stay in the shared `api` of src/api.
import * as App from '../../../wailsjs/go/main/App';
import { domain } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type { ID, OPD, Unit } from '../../api/types';

export const opdApi = {
  saveOPD: (o: OPD): Promise<OPD> => call(() => App.SaveOPD(domain.OPD.createFrom(o))),
  deleteOPD: (id: ID): Promise<void> => call(() => App.DeleteOPD(id)),
  saveUnit: (u: Unit): Promise<Unit> => call(() => App.SaveUnit(domain.Unit.createFrom(u))),
  deleteUnit: (id: ID): Promise<void> => call(() => App.DeleteUnit(id)),
  /** The whole OPD list, read from the backend, not the screen; "" = the save dialog was cancelled. */
  exportOPD: (): Promise<string> => call(() => App.ExportOPD()),
};
