// The post-transfer evaluation (evaluasi) feature's public surface: the rest of the app imports only this.
export { EvaluasiPage } from './components/EvaluasiPage';
export { evaluasiApi } from './api';
