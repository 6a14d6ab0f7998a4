// The first run's own calls (bound in app.go): the demo data set and the
// Pemda record of an empty database.
import * as App from '../../../wailsjs/go/main/App';
import { domain } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type { DemoResult, Pemda } from '../../api/types';

export const setupApi = {
  loadDemo: (size: number, seed: number): Promise<DemoResult> => call(() => App.LoadDemo(size, seed)),
  createPemda: (p: Pemda): Promise<Pemda> => call(() => App.CreatePemda(domain.Pemda.createFrom(p))),
};
