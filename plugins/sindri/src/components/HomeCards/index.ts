export { FleetHealthContent } from './FleetHealthContent';
export { OpenAlertsContent } from './OpenAlertsContent';
