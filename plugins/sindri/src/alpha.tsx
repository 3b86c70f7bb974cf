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
import PlaylistPlayIcon from '@material-ui/icons/PlaylistPlay';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { sindriApiRef } from './api/SindriApi';
import { SindriClient } from './api/SindriClient';
import { isSindriExtension, isSindriInstance } from './entityPredicates';
import { commandsRouteRef, rootRouteRef } from './routes';

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

const runCommandPage = PageBlueprint.make({
  name: 'commands',
  params: {
    path: '/sindri/commands',
    title: 'Sindri commands',
    icon: <PlaylistPlayIcon />,
    routeRef: convertLegacyRouteRef(commandsRouteRef),
    loader: () =>
      import('./components/RunCommandPage').then(m => <m.RunCommandPage />),
  },
});

const overviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceOverviewCard').then(m => (
        <m.InstanceOverviewCard />
      )),
  },
});

const fleetHealthWidget = HomePageWidgetBlueprint.make({
  name: 'fleet-health',
  params: {
    name: 'SindriFleetHealth',
    title: 'Sindri fleet health',
    description: 'Instances by health and what runs now, linked to the fleet',
    components: () =>
      import('./components/HomeCards').then(m => ({
        Content: m.FleetHealthContent,
      })),
  },
});

const openAlertsWidget = HomePageWidgetBlueprint.make({
  name: 'open-alerts',
  params: {
    name: 'SindriOpenAlerts',
    title: 'Sindri alerts firing',
    description: 'Firing alerts of the instances you may read, by severity',
    components: () =>
      import('./components/HomeCards').then(m => ({
        Content: m.OpenAlertsContent,
      })),
  },
});

const alertsCard = EntityCardBlueprint.make({
  name: 'alerts',
  params: {
    filter: isSindriInstance,
    loader: () =>
      import('./components/Alerts').then(m => <m.InstanceAlertsCard />),
  },
});

const lifecycleCard = EntityCardBlueprint.make({
  name: 'lifecycle',
  params: {
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceLifecycleCard').then(m => (
        <m.InstanceLifecycleCard />
      )),
  },
});

const metricsContent = EntityContentBlueprint.make({
  name: 'metrics',
  params: {
    path: 'metrics',
    title: 'Metrics',
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceMetrics').then(m => (
        <m.InstanceMetricsContent />
      )),
  },
});

const terminalContent = EntityContentBlueprint.make({
  name: 'terminal',
  params: {
    path: 'terminal',
    title: 'Terminal',
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceTerminal').then(m => (
        <m.InstanceTerminalContent />
      )),
  },
});

const commandsContent = EntityContentBlueprint.make({
  name: 'commands',
  params: {
    path: 'commands',
    title: 'Commands',
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceCommands').then(m => (
        <m.InstanceCommandsContent />
      )),
  },
});

const eventsContent = EntityContentBlueprint.make({
  name: 'events',
  params: {
    path: 'events',
    title: 'Events',
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceEvents').then(m => (
        <m.InstanceEventsContent />
      )),
  },
});

const logsContent = EntityContentBlueprint.make({
  name: 'logs',
  params: {
    path: 'logs',
    title: 'Logs',
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceLogs').then(m => <m.InstanceLogsContent />),
  },
});

const configContent = EntityContentBlueprint.make({
  name: 'config',
  params: {
    path: 'config',
    title: 'Config',
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceConfig').then(m => (
        <m.InstanceConfigContent />
      )),
  },
});

const costContent = EntityContentBlueprint.make({
  name: 'cost',
  params: {
    path: 'cost',
    title: 'Cost',
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceCost').then(m => <m.InstanceCostContent />),
  },
});

const securityContent = EntityContentBlueprint.make({
  name: 'security',
  params: {
    path: 'security',
    title: 'Security',
    filter: isSindriInstance,
    loader: () =>
      import('./components/InstanceSecurity').then(m => (
        <m.InstanceSecurityContent />
      )),
  },
});

const extensionAboutCard = EntityCardBlueprint.make({
  name: 'extension-about',
  params: {
    filter: isSindriExtension,
    loader: () =>
      import('./components/ExtensionCards').then(m => <m.ExtensionAboutCard />),
  },
});

const extensionDependenciesCard = EntityCardBlueprint.make({
  name: 'extension-dependencies',
  params: {
    filter: isSindriExtension,
    loader: () =>
      import('./components/ExtensionCards').then(m => (
        <m.ExtensionDependenciesCard />
      )),
  },
});

const instanceExtensionsCard = EntityCardBlueprint.make({
  name: 'instance-extensions',
  params: {
    filter: isSindriInstance,
    loader: () =>
      import('./components/ExtensionCards').then(m => (
        <m.InstanceExtensionsCard />
      )),
  },
});

/** The scaffolder fields Sindri templates use (`ui:field: SindriDriverPicker`, ...). */
const formFields = (
  ['driver', 'profile', 'extensions', 'region', 'yaml', 'budget'] as const
).map(key =>
  FormFieldBlueprint.make({
    name: `sindri-${key}`,
    params: {
      field: () =>
        import('./scaffolder/fields').then(m => m.sindriFormFields[key]),
    },
  }),
);

/**
 * The Sindri plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'sindri',
  title: 'Sindri',
  icon: <CloudQueueIcon />,
  extensions: [
    sindriApi,
    fleetPage,
    runCommandPage,
    overviewCard,
    alertsCard,
    fleetHealthWidget,
    openAlertsWidget,
    lifecycleCard,
    metricsContent,
    terminalContent,
    commandsContent,
    eventsContent,
    logsContent,
    configContent,
    costContent,
    securityContent,
    extensionAboutCard,
    extensionDependenciesCard,
    instanceExtensionsCard,
    ...formFields,
  ],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    commands: commandsRouteRef,
  }),
});
