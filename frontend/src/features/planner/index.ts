// The planner feature's public surface: the rest of the app imports only this.
export { PlannerPage } from './components/PlannerPage';
