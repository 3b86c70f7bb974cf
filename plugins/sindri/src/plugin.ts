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
import { rootRouteRef } from './routes';

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
  routes: { root: rootRouteRef },
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
    component: { lazy: () => import('./components/InstanceOverviewCard').then(m => m.InstanceOverviewCard) },
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
    component: { lazy: () => import('./components/InstanceMetrics').then(m => m.InstanceMetricsContent) },
  }),
);
