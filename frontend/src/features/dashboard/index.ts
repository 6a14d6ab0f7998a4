// The dashboard's (beranda) public surface: the rest of the app imports only this.
export { Beranda } from './components/Beranda';
