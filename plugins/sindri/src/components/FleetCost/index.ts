export { FleetCostContent } from './FleetCostContent';
