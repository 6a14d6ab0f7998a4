// The accounts feature's public surface: the rest of the app imports only this.
// The login screen is the first screen of every start: what only the signed-in
// app shows is loaded on first use (components/lazyPage), not with it.
import { lazyPage, lazyPart, lazyScreen } from '../../components/lazyPage';

export const AkunPage = lazyPage(() => import('./components/AkunPage').then((m) => m.AkunPage));
export { LockScreen, LoginPage } from './components/LoginPage';
export const MustChangePage = lazyScreen(() => import('./components/PasswordForm').then((m) => m.MustChangePage));
export const UserMenu = lazyPart(() => import('./components/UserMenu').then((m) => m.UserMenu));
export { authApi, type Perm, type Session } from './api';
export { can, sessionChanged, sessionQuery, useCan, useIdleLock, useSession, useSessionErrorWatch } from './session';
