import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';

/**
 * The Sindri plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const sindriPlugin = createPlugin({
  id: 'sindri',
  routes: { root: rootRouteRef },
});

/**
 * The fleet page: every Sindri instance in the catalog.
 *
 * @public
 */
export const SindriFleetPage = sindriPlugin.provide(
  createRoutableExtension({
    name: 'SindriFleetPage',
    component: () =>
      import('./components/FleetPage').then(m => m.FleetPage),
    mountPoint: rootRouteRef,
  }),
);
