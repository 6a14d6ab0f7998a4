// The update feature's public surface: the rest of the app imports only this.
export { UpdateBanner, useUpdateStatus } from './UpdateBanner';
export { DeviceVersions } from './DeviceVersions';
