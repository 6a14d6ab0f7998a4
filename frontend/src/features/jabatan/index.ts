// The position catalogue (jabatan) feature's public surface: the rest of the app imports only this.
export { JabatanPage } from './components/JabatanPage';
