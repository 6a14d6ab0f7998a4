// The portal feature's public surface: the rest of the app imports only this.
export { LaporanPortalPage } from './components/LaporanPortalPage';
export { SuratAktivasiButton } from './components/SuratAktivasiButton';
export { PortalUrlSetting } from './components/PortalUrlSetting';
export { KonflikAlurPanel } from './components/KonflikAlurPanel';
export { PortalNavBadge } from './components/PortalNavBadge';
