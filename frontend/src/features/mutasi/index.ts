// The transfer-request (usulan) feature's public surface: the rest of the app imports only this.
export { MutasiPage } from './components/MutasiPage';
export { RuleResults } from './components/RuleResults';
export { mutasiApi } from './api';
