// Typed adapter of enrollment (app_enroll.go, docs/enrollment-tls.md): the
// exchange of a one-time code for this device's credential, rotation of the
// credential, and new codes for other devices (a BKPSDM admin on a BKPSDM
// device).
import * as App from '../../wailsjs/go/main/App';
import type { main } from '../../wailsjs/go/models';
import { call } from './errors';
import type { SyncSettings } from './sync';

export interface EnrollCode {
  code: string;
  expiresAt: string;
  enrollment: string;
}

type Fits<A, B extends A> = B;
export type _checks = [Fits<EnrollCode, main.EnrollCodeDTO>];

export const enrollApi = {
  /** serverUrl may stay "https://" when code is a whole enrollment string (imbang1:…). */
  enroll: (serverUrl: string, code: string): Promise<void> => call(() => App.EnrollServer(serverUrl, code)),
  /** The first-run wizard's enrollment, before the first account exists (no session needed). */
  enrollFirst: (serverUrl: string, code: string): Promise<void> => call(() => App.EnrollFirst(serverUrl, code)),
  createCode: (opdKode: string, bkpsdm: boolean, ttlHours: number): Promise<EnrollCode> =>
    call(() => App.CreateEnrollCode(opdKode, bkpsdm, ttlHours)),
  rotate: (): Promise<SyncSettings> => call(() => App.RotateSyncCredential()),
};
