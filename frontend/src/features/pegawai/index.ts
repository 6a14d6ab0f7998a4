// The employee feature's public surface: the rest of the app imports only this.
export { PegawaiPage } from './components/PegawaiPage';
export { PegawaiPanel } from './components/PegawaiPanel';
