export { AlertsPage } from './AlertsPage';
export { InstanceAlertsCard } from './InstanceAlertsCard';
