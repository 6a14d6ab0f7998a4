// The sync feature's public surface: the rest of the app imports only this.
export { SinkronPage } from './components/SinkronPage';
export { SyncIndicator } from './components/SyncIndicator';
export { enrollApi } from './api';
