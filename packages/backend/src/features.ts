import appBackend from '@backstage/plugin-app-backend';
import proxyBackend from '@backstage/plugin-proxy-backend';
import authBackend from '@backstage/plugin-auth-backend';
import authBackendModuleGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import authBackendModuleGithubProvider from '@backstage/plugin-auth-backend-module-github-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogBackendModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogBackendModuleLogs from '@backstage/plugin-catalog-backend-module-logs';
import catalogBackendModuleSindri from '@internal/plugin-catalog-backend-module-sindri';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderBackendModuleSindri from '@internal/plugin-scaffolder-backend-module-sindri';
import techdocsBackend from '@backstage/plugin-techdocs-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import permissionBackendModuleSindriPolicy from '@internal/plugin-permission-backend-module-sindri-policy';
import searchBackend from '@backstage/plugin-search-backend';
import searchBackendModulePg from '@backstage/plugin-search-backend-module-pg';
import searchBackendModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import searchBackendModuleTechdocs from '@backstage/plugin-search-backend-module-techdocs';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import userSettingsBackend from '@backstage/plugin-user-settings-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import signalsBackend from '@backstage/plugin-signals-backend';
import eventsBackend from '@backstage/plugin-events-backend';
import sindriBackend from '@internal/plugin-sindri-backend';

/**
 * Every plugin and module the portal's backend runs. The backend adds them in
 * this order; tests start the same set, so what they check (every plugin's
 * permissions decided by the policy, say) is what runs.
 */
export const portalFeatures = () => [
  appBackend,
  proxyBackend,

  authBackend,
  authBackendModuleGuestProvider,
  authBackendModuleGithubProvider,

  catalogBackend,
  catalogBackendModuleScaffolderEntityModel,
  catalogBackendModuleLogs,
  catalogBackendModuleSindri,

  scaffolderBackend,
  scaffolderBackendModuleSindri,

  techdocsBackend,

  permissionBackend,
  permissionBackendModuleSindriPolicy,

  searchBackend,
  searchBackendModulePg,
  searchBackendModuleCatalog,
  searchBackendModuleTechdocs,

  kubernetesBackend,

  userSettingsBackend,
  notificationsBackend,
  signalsBackend,
  // the events service's bus: on PostgreSQL, events published on one replica reach subscribers on the others
  eventsBackend,

  sindriBackend,
];
