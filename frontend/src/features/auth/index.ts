// The accounts feature's public surface: the rest of the app imports only this.
export { AkunPage } from './components/AkunPage';
export { LockScreen, LoginPage } from './components/LoginPage';
export { MustChangePage } from './components/PasswordForm';
export { UserMenu } from './components/UserMenu';
export { authApi, type Perm, type Session } from './api';
export { can, sessionChanged, useCan, useIdleLock, useSession, useSessionErrorWatch } from './session';
