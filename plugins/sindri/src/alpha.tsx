import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { sindriApiRef } from './api/SindriApi';
import { SindriClient } from './api/SindriClient';
import { isSindriInstance } from './isSindriInstance';
import { rootRouteRef } from './routes';

const sindriApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sindriApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SindriClient(deps),
    }),
});

const fleetPage = PageBlueprint.make({
  params: {
    path: '/sindri',
    title: 'Sindri',
    icon: <CloudQueueIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () => import('./components/FleetPage').then(m => <m.FleetPage />),
  },
});

const overviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isSindriInstance,
    loader: () => import('./components/InstanceOverviewCard').then(m => <m.InstanceOverviewCard />),
  },
});

const metricsContent = EntityContentBlueprint.make({
  name: 'metrics',
  params: {
    path: 'metrics',
    title: 'Metrics',
    filter: isSindriInstance,
    loader: () => import('./components/InstanceMetrics').then(m => <m.InstanceMetricsContent />),
  },
});

/**
 * The Sindri plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'sindri',
  title: 'Sindri',
  icon: <CloudQueueIcon />,
  extensions: [sindriApi, fleetPage, overviewCard, metricsContent],
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
});
