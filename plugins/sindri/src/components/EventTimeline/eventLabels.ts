import {
  AGENT_EVENT_TYPES,
  FleetEvent,
  FleetEventType,
} from '@internal/plugin-sindri-common';

/** How each type reads in the timeline. */
export const EVENT_TYPE_LABELS: Record<FleetEventType, string> = {
  started: 'Agent started',
  stopped: 'Agent stopped',
  deploy: 'Deploy',
  'extension-installed': 'Extension installed',
  'extension-removed': 'Extension removed',
  'extension-failed': 'Extension install failed',
  'config-changed': 'sindri.yaml changed',
  'agent-warning': 'Agent warning',
  lifecycle: 'Lifecycle operation',
  drift: 'Drift',
  connected: 'Connected',
  disconnected: 'Disconnected',
  'heartbeat-lost': 'Heartbeat lost',
  recovered: 'Recovered',
  'terminal-opened': 'Terminal opened',
  'terminal-closed': 'Terminal closed',
  'command-run': 'Command run',
  'alert-fired': 'Alert fired',
  'alert-resolved': 'Alert resolved',
};

const AGENT_TYPES = new Set<string>(AGENT_EVENT_TYPES);

/** Who says so: the instance's agent, or the portal that observed it. */
export const eventSource = (event: FleetEvent) =>
  AGENT_TYPES.has(event.type) ? 'agent' : 'portal';

/** The entity tab an event's subject is found on (paths as the plugin mounts them). */
export const SUBJECT_TABS: Record<
  NonNullable<FleetEvent['subject']>['kind'],
  { tab: string; label: string }
> = {
  operation: { tab: '', label: 'lifecycle' },
  command: { tab: 'commands', label: 'commands' },
  'terminal-session': { tab: 'terminal', label: 'terminal sessions' },
  extension: { tab: '', label: 'extensions' },
  alert: { tab: '', label: 'alerts' },
};
