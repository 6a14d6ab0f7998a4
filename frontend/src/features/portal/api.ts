// The desktop side of the Portal Pegawai as the Go facade sends it
// (backend/portaldesk; bound methods in app_portal.go). The shapes are the
// generated Wails models' data (Plain, see src/api/types.ts).
import * as App from '../../../wailsjs/go/main/App';
import { portaldesk } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type { Plain, UsulanDetail } from '../../api/types';

export type Laporan = Plain<portaldesk.Laporan>;
export type LaporanQuery = Plain<portaldesk.LaporanQuery>;
export type LaporanStatus = 'BARU' | 'SELESAI' | 'DITOLAK';
export const LAPORAN_STATUSES: LaporanStatus[] = ['BARU', 'SELESAI', 'DITOLAK'];

export const portalApi = {
  /** Issues the letters and saves the PDF; "" when the dialog was cancelled (nothing issued). */
  suratAktivasi: (target: { pegawaiId?: string; opdId?: string }): Promise<string> =>
    call(() => App.SuratAktivasiPortal(target.pegawaiId ?? '', target.opdId ?? '')),
  portalUrl: (): Promise<string> => call(() => App.PortalURL()),
  savePortalUrl: (url: string): Promise<string> => call(() => App.SavePortalURL(url)),
  laporan: (q: LaporanQuery): Promise<Laporan[]> => call(() => App.LaporanPortal(q)).then((r) => r ?? []),
  jumlahBaru: (): Promise<number> => call(() => App.JumlahLaporanPortal()),
  tutup: (id: string, status: LaporanStatus, tanggapan: string): Promise<Laporan> => call(() => App.TutupLaporanPortal(id, status, tanggapan)),
  /** Marks a request's workflow conflict (a decision made both on the desktop and on the portal) as settled. */
  selesaikanKonflikUsulan: (usulanId: string): Promise<UsulanDetail> => call(() => App.SelesaikanKonflikUsulan(usulanId)),
};
