// The dashboard's own figures (bound in app.go): headcounts by status,
// golongan and OPD. Its other tiles read the shared reference lists and the
// mutasi and evaluasi features' counts.
import * as App from '../../../wailsjs/go/main/App';
import { call } from '../../api/errors';
import type { Dashboard } from '../../api/types';

export const dashboardApi = {
  dashboard: (): Promise<Dashboard> => call(() => App.Dashboard()),
};
