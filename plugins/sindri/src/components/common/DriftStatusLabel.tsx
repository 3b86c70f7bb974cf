import {
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { DriftStatus } from '@internal/plugin-sindri-common';

/** Whether an instance matches its declared sindri.yaml, in Backstage's status colours; never "in sync" for what was not compared. */
export const DriftStatusLabel = ({ status }: { status?: DriftStatus }) => {
  switch (status) {
    case 'in-sync':
      return <StatusOK>in sync</StatusOK>;
    case 'drifted':
      return <StatusWarning>drifted</StatusWarning>;
    case 'unknown':
      return <StatusPending>drift unknown</StatusPending>;
    default:
      return <StatusPending>not checked yet</StatusPending>;
  }
};
