import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  Alert,
  AlertCondition,
  AlertScope,
  AlertSeverity,
  isBudgetCondition,
} from '@internal/plugin-sindri-common';

export const SEVERITY_LABEL: Record<AlertSeverity, JSX.Element> = {
  info: <StatusOK>info</StatusOK>,
  warning: <StatusWarning>warning</StatusWarning>,
  critical: <StatusError>critical</StatusError>,
};

export const STATE_LABEL: Record<Alert['state'], JSX.Element> = {
  pending: <StatusPending>pending</StatusPending>,
  firing: <StatusError>firing</StatusError>,
  resolved: <StatusOK>resolved</StatusOK>,
};

const METRIC_NAMES = {
  cpu: 'CPU',
  memory: 'Memory',
  disk: 'Disk',
  inodes: 'Inodes',
} as const;

function duration(seconds: number): string {
  if (seconds === 0) return '';
  return seconds % 60 === 0 ? ` for ${seconds / 60} min` : ` for ${seconds} s`;
}

/** A rule's condition as a sentence. */
export function describeCondition(condition: AlertCondition): string {
  if (condition.kind === 'metric')
    return `${METRIC_NAMES[condition.metric]} above ${
      condition.threshold
    } %${duration(condition.forSeconds)}`;
  if (condition.kind === 'advisory')
    return `An advisory of ${condition.minSeverity} severity or worse matches an installed package`;
  if (condition.kind === 'budget-spent')
    return `A group spent ${condition.percent} % of its monthly budget`;
  const what = {
    'heartbeat-lost': 'Heartbeat lost',
    'operation-failed': 'Deployment or lifecycle operation failed',
    'extension-install-failed': 'Extension install failed',
    'budget-projected':
      "A group's projection to the month's end is over its budget",
  }[condition.kind];
  return `${what}${duration(condition.forSeconds)}`;
}

export function describeScope(
  scope: AlertScope,
  condition?: AlertCondition,
): string {
  if (condition && isBudgetCondition(condition))
    return scope.kind === 'fleet'
      ? 'every group with a budget'
      : `${scope.ref}`;
  if (scope.kind === 'fleet') return 'every instance';
  return scope.kind === 'group'
    ? `instances owned by ${scope.ref}`
    : `instance ${scope.ref}`;
}
