export { FleetSecurityContent } from './FleetSecurityContent';
