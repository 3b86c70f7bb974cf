import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { InstanceStatus } from '@internal/plugin-sindri-common';

/** An instance status with Backstage's status colours. */
export const StatusLabel = ({ status }: { status: InstanceStatus }) => {
  switch (status) {
    case 'running':
      return <StatusOK>running</StatusOK>;
    case 'unresponsive':
      return <StatusError>unresponsive</StatusError>;
    case 'stopped':
      return <StatusWarning>stopped</StatusWarning>;
    default:
      return <StatusPending>unknown</StatusPending>;
  }
};
