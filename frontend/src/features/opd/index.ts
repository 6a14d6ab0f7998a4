// The OPD and unit (organisation) feature's public surface: the rest of the app imports only this.
export { OpdPage } from './components/OpdPage';
