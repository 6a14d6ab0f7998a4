// The backup feature's public surface: the rest of the app imports only this.
import { lazyPage } from '../../components/lazyPage';

// Loaded on first use: the first screen needs only the recovery check.
export const CadanganPage = lazyPage(() => import('./components/CadanganPage').then((m) => m.CadanganPage));
export { useRecovery } from './components/RecoveryScreen';
export { recoveryQuery } from './queries';
