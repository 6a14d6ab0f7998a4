// The backup feature's public surface: the rest of the app imports only this.
export { CadanganPage } from './components/CadanganPage';
export { useRecovery } from './components/RecoveryScreen';
