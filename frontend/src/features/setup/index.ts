// The first-run setup's public surface: the rest of the app imports only this.
export { FirstRun } from './components/FirstRun';
