// The import feature's public surface: the rest of the app imports only this.
export { ImportPage } from './components/ImportPage';
