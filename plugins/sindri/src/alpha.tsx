import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { rootRouteRef } from './routes';

const fleetPage = PageBlueprint.make({
  params: {
    path: '/sindri',
    title: 'Sindri',
    icon: <CloudQueueIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () => import('./components/FleetPage').then(m => <m.FleetPage />),
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
  extensions: [fleetPage],
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
});
