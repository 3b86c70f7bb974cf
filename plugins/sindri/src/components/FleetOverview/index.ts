export { FleetOverview } from './FleetOverview';
