import { createCardExtension } from '@backstage/plugin-home-react';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { sindriApiRef } from './api/SindriApi';
import { SindriClient } from './api/SindriClient';
import { commandsRouteRef, rootRouteRef } from './routes';

/**
 * The Sindri plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const sindriPlugin = createPlugin({
  id: 'sindri',
  apis: [
    createApiFactory({
      api: sindriApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SindriClient(deps),
    }),
  ],
  routes: { root: rootRouteRef, commands: commandsRouteRef },
});

/**
 * The fleet page: every registered Sindri instance.
 *
 * @public
 */
export const SindriFleetPage = sindriPlugin.provide(
  createRoutableExtension({
    name: 'SindriFleetPage',
    component: () => import('./components/FleetPage').then(m => m.FleetPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Overview card for a Sindri instance entity (`isSindriInstance`).
 *
 * @public
 */
export const EntitySindriOverviewCard = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriOverviewCard',
    component: {
      lazy: () =>
        import('./components/InstanceOverviewCard').then(
          m => m.InstanceOverviewCard,
        ),
    },
  }),
);

/**
 * A home page card: the fleet's health counts and what runs now.
 *
 * @public
 */
export const SindriFleetHealthCard = sindriPlugin.provide(
  createCardExtension({
    name: 'SindriFleetHealthCard',
    title: 'Sindri fleet health',
    components: () =>
      import('./components/HomeCards').then(m => ({
        Content: m.FleetHealthContent,
      })),
  }),
);

/**
 * A home page card: the firing alerts of the instances the user may read.
 *
 * @public
 */
export const SindriOpenAlertsCard = sindriPlugin.provide(
  createCardExtension({
    name: 'SindriOpenAlertsCard',
    title: 'Sindri alerts firing',
    components: () =>
      import('./components/HomeCards').then(m => ({
        Content: m.OpenAlertsContent,
      })),
  }),
);

/**
 * The open alerts of a Sindri instance entity, for its overview.
 *
 * @public
 */
export const EntitySindriAlertsCard = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriAlertsCard',
    component: {
      lazy: () => import('./components/Alerts').then(m => m.InstanceAlertsCard),
    },
  }),
);

/**
 * Metrics tab content for a Sindri instance entity.
 *
 * @public
 */
export const EntitySindriMetricsContent = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriMetricsContent',
    component: {
      lazy: () =>
        import('./components/InstanceMetrics').then(
          m => m.InstanceMetricsContent,
        ),
    },
  }),
);

/**
 * The fleet-wide "Run command" page; mount it at `/sindri/commands`.
 *
 * @public
 */
export const SindriRunCommandPage = sindriPlugin.provide(
  createRoutableExtension({
    name: 'SindriRunCommandPage',
    component: () =>
      import('./components/RunCommandPage').then(m => m.RunCommandPage),
    mountPoint: commandsRouteRef,
  }),
);

/**
 * Terminal tab content for a Sindri instance entity (checks `sindri.instance.terminal`).
 *
 * @public
 */
export const EntitySindriTerminalContent = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriTerminalContent',
    component: {
      lazy: () =>
        import('./components/InstanceTerminal').then(
          m => m.InstanceTerminalContent,
        ),
    },
  }),
);

/**
 * Commands tab content for a Sindri instance entity (checks `sindri.instance.command`).
 *
 * @public
 */
export const EntitySindriCommandsContent = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriCommandsContent',
    component: {
      lazy: () =>
        import('./components/InstanceCommands').then(
          m => m.InstanceCommandsContent,
        ),
    },
  }),
);

/**
 * Events tab content for a Sindri instance entity: its timeline (checks `sindri.instance.read`).
 *
 * @public
 */
export const EntitySindriEventsContent = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriEventsContent',
    component: {
      lazy: () =>
        import('./components/InstanceEvents').then(
          m => m.InstanceEventsContent,
        ),
    },
  }),
);

/**
 * Logs tab content for a Sindri instance entity: a search of its shipped lines.
 *
 * @public
 */
export const EntitySindriLogsContent = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriLogsContent',
    component: {
      lazy: () =>
        import('./components/InstanceLogs').then(m => m.InstanceLogsContent),
    },
  }),
);

/**
 * Config tab content for a Sindri instance entity: its drift, the declared
 * sindri.yaml in an editor (applied as an update), its history and diffs.
 *
 * @public
 */
export const EntitySindriConfigContent = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriConfigContent',
    component: {
      lazy: () =>
        import('./components/InstanceConfig').then(
          m => m.InstanceConfigContent,
        ),
    },
  }),
);

/**
 * Cost tab content for a Sindri instance entity: its list-price estimate
 * over the last 30 days and this month, with every rate's source.
 *
 * @public
 */
export const EntitySindriCostContent = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriCostContent',
    component: {
      lazy: () =>
        import('./components/InstanceCost').then(m => m.InstanceCostContent),
    },
  }),
);

/**
 * Security tab content for a Sindri instance entity: what its agent reported
 * as installed, the OSV advisories matching it, what it exposes.
 *
 * @public
 */
export const EntitySindriSecurityContent = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriSecurityContent',
    component: {
      lazy: () =>
        import('./components/InstanceSecurity').then(
          m => m.InstanceSecurityContent,
        ),
    },
  }),
);

/**
 * Suspend, resume, redeploy and destroy a `sindri-instance` entity, with its operations.
 *
 * @public
 */
export const EntitySindriLifecycleCard = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriLifecycleCard',
    component: {
      lazy: () =>
        import('./components/InstanceLifecycleCard').then(
          m => m.InstanceLifecycleCard,
        ),
    },
  }),
);

/**
 * On a `sindri-extension` entity: what it is, what it needs to install, its BOM and the instances that have it.
 *
 * @public
 */
export const EntitySindriExtensionAboutCard = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriExtensionAboutCard',
    component: {
      lazy: () =>
        import('./components/ExtensionCards').then(m => m.ExtensionAboutCard),
    },
  }),
);

/**
 * On a `sindri-extension` entity: what the extension needs and what needs it, as a graph.
 *
 * @public
 */
export const EntitySindriExtensionDependenciesCard = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriExtensionDependenciesCard',
    component: {
      lazy: () =>
        import('./components/ExtensionCards').then(
          m => m.ExtensionDependenciesCard,
        ),
    },
  }),
);

/**
 * On a `sindri-instance` entity: the extensions its agent reports, with what they need.
 *
 * @public
 */
export const EntitySindriInstanceExtensionsCard = sindriPlugin.provide(
  createComponentExtension({
    name: 'EntitySindriInstanceExtensionsCard',
    component: {
      lazy: () =>
        import('./components/ExtensionCards').then(
          m => m.InstanceExtensionsCard,
        ),
    },
  }),
);
