// The accounts adapter (backend/authsvc, app_auth.go): the session, login, the
// lock, password change, user management and the first-run enrollment. Like
// src/api it wraps the generated bindings, whose models give the shapes
// (Plain, see src/api/types.ts), and turns every rejection into an AppError.
import * as App from '../../../wailsjs/go/main/App';
import type { authsvc, auth } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type { Plain } from '../../api/types';

/** Permissions (backend/auth Perm values) the UI uses to hide what a role may not do. */
export type Perm =
  | 'BACA'
  | 'PEGAWAI'
  | 'PRIBADI'
  | 'UBAH_PEG'
  | 'UBAH_ORG'
  | 'UBAH_ABK'
  | 'ATURAN'
  | 'IMPOR'
  | 'USUL'
  | 'PUTUS'
  | 'DOKUMEN'
  | 'DOK_VERIF'
  | 'EVALUASI'
  | 'EKSPOR'
  | 'AKUN'
  | 'BUNDEL'
  | 'PORTAL'
  | 'RENCANA_LIHAT'
  | 'RENCANA';

/** A user account; `role` is one of the Role values. */
export type Akun = Plain<authsvc.User>;
/** A new account with its first password. */
export type NewAkun = Plain<authsvc.NewUser>;
export type Session = Plain<authsvc.Session>;
export type AccountPolicy = Plain<auth.Policy>;

// The generated models (all of them, one module) are loaded by the first call
// that sends one, not with the login screen, which only reads.
const models = () => import('../../../wailsjs/go/models');

export const authApi = {
  session: (): Promise<Session> => call(() => App.AuthSession()),
  login: (username: string, password: string): Promise<Session> => call(() => App.Login(username, password)),
  logout: (): Promise<void> => call(() => App.Logout()),
  lock: (): Promise<void> => call(() => App.Lock()),
  unlock: (password: string): Promise<Session> => call(() => App.Unlock(password)),
  changePassword: (oldPassword: string, newPassword: string): Promise<Session> =>
    call(() => App.ChangePassword(oldPassword, newPassword)),
  createFirstAdmin: (u: NewAkun): Promise<Session> => call(async () => App.CreateFirstAdmin((await models()).authsvc.NewUser.createFrom(u))),
  enrollServer: (serverUrl: string, token: string): Promise<void> => call(() => App.EnrollServer(serverUrl, token)),
  listUsers: (): Promise<Akun[]> => call(async () => (await App.ListUsers()) ?? []),
  createUser: (u: NewAkun): Promise<Akun> => call(async () => App.CreateUser((await models()).authsvc.NewUser.createFrom(u))),
  updateUser: (u: Akun): Promise<Akun> => call(async () => App.UpdateUser((await models()).authsvc.User.createFrom(u))),
  resetUserPassword: (id: string, password: string): Promise<Akun> => call(() => App.ResetUserPassword(id, password)),
  policy: (): Promise<AccountPolicy> => call(() => App.AccountPolicy()),
  savePolicy: (p: AccountPolicy): Promise<AccountPolicy> => call(async () => App.SaveAccountPolicy((await models()).auth.Policy.createFrom(p))),
};
