import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import {
  DeploymentState,
  OperationState,
} from '@internal/plugin-sindri-common';

export const OperationStateLabel = ({ state }: { state: OperationState }) => {
  switch (state) {
    case 'succeeded':
      return <StatusOK>succeeded</StatusOK>;
    case 'failed':
      return <StatusError>failed</StatusError>;
    case 'cancelled':
      return <StatusAborted>cancelled</StatusAborted>;
    default:
      return <StatusRunning>running</StatusRunning>;
  }
};

export const DeploymentStateLabel = ({ state }: { state: DeploymentState }) => {
  switch (state) {
    case 'running':
      return <StatusOK>running</StatusOK>;
    case 'suspended':
      return <StatusPending>suspended</StatusPending>;
    case 'failed':
      return <StatusError>failed</StatusError>;
    default:
      return <StatusRunning>{state}</StatusRunning>;
  }
};
