// The desktop updater as the Go facade sends it (app_update.go,
// sync/client Updater): state of the background download and the restart
// into a verified new version.
import * as App from '../../../wailsjs/go/main/App';
import type { client, protocol } from '../../../wailsjs/go/models';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { call } from '../../api/errors';
import type { Plain } from '../../api/types';

export type UpdateStatus = Plain<client.UpdateStatus>;
export type DeviceInfo = Plain<protocol.DeviceInfo>;

export const updateApi = {
  status: (): Promise<UpdateStatus> => call(() => App.UpdateStatus()),
  now: (): Promise<void> => call(() => App.UpdateNow()),
  devices: (): Promise<DeviceInfo[]> => call(() => App.DeviceVersions()),
};

export const UPDATE_STATUS = 'update:status';

/** Go emits "update:status" with the whole status on every change. */
export function onUpdateStatus(handler: (s: UpdateStatus) => void): () => void {
  if (typeof window === 'undefined' || !(window as unknown as { runtime?: unknown }).runtime) {
    return () => {};
  }
  return EventsOn(UPDATE_STATUS, (s: unknown) => handler(s as UpdateStatus));
}
