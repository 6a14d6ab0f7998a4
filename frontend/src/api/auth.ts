// The accounts part of the adapter (backend/akun, app_auth.go): the session,
// login, the lock, password change, user management and the first-run
// enrollment. Like ./index.ts it wraps the generated bindings and turns every
// rejection into an AppError.
import * as App from '../../wailsjs/go/main/App';
import { akun, auth } from '../../wailsjs/go/models';
import { call } from './errors';
import type { Role } from './mutasi';

/** Permissions (backend/auth Perm values) the UI uses to hide what a role may not do. */
export type Perm =
  | 'baca'
  | 'pegawai'
  | 'pribadi'
  | 'ubah.peg'
  | 'ubah.org'
  | 'ubah.abk'
  | 'aturan'
  | 'impor'
  | 'usul'
  | 'putus'
  | 'dokumen'
  | 'dok.verif'
  | 'evaluasi'
  | 'ekspor'
  | 'akun'
  | 'bundel'
  | 'portal';

export interface Akun {
  id: string;
  username: string;
  nama: string;
  role: Role | string;
  opdId: string;
  pegawaiId: string;
  aktif: boolean;
  harusGanti: boolean;
  terkunciSampai: string;
}

export interface NewAkun {
  username: string;
  nama: string;
  role: Role | string;
  opdId: string;
  pegawaiId: string;
  password: string;
}

export interface Session {
  loggedIn: boolean;
  locked: boolean;
  hasUsers: boolean;
  user: Akun;
  idleMinutes: number;
  mustChange: boolean;
  opdNama: string;
  serverUrl: string;
  perms: string[];
}

export interface AccountPolicy {
  maxAttempts: number;
  lockMinutes: number;
  idleMinutes: number;
}

// Type checks: a drift in the Go structs shows up here.
const _s: Session = {} as akun.Session;
const _u: Akun = {} as akun.User;
const _p: AccountPolicy = {} as auth.Policy;
void _s;
void _u;
void _p;

export const authApi = {
  session: (): Promise<Session> => call(() => App.AuthSession()),
  login: (username: string, password: string): Promise<Session> => call(() => App.Login(username, password)),
  logout: (): Promise<void> => call(() => App.Logout()),
  lock: (): Promise<void> => call(() => App.Lock()),
  unlock: (password: string): Promise<Session> => call(() => App.Unlock(password)),
  changePassword: (oldPassword: string, newPassword: string): Promise<Session> =>
    call(() => App.ChangePassword(oldPassword, newPassword)),
  createFirstAdmin: (u: NewAkun): Promise<Session> => call(() => App.CreateFirstAdmin(akun.NewUser.createFrom(u))),
  enrollServer: (serverUrl: string, token: string): Promise<void> => call(() => App.EnrollServer(serverUrl, token)),
  listUsers: (): Promise<Akun[]> => call(async () => (await App.ListUsers()) ?? []),
  createUser: (u: NewAkun): Promise<Akun> => call(() => App.CreateUser(akun.NewUser.createFrom(u))),
  updateUser: (u: Akun): Promise<Akun> => call(() => App.UpdateUser(akun.User.createFrom(u))),
  resetUserPassword: (id: string, password: string): Promise<Akun> => call(() => App.ResetUserPassword(id, password)),
  policy: (): Promise<AccountPolicy> => call(() => App.AccountPolicy()),
  savePolicy: (p: AccountPolicy): Promise<AccountPolicy> => call(() => App.SaveAccountPolicy(auth.Policy.createFrom(p))),
};
