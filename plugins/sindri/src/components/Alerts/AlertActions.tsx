import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  instanceEntityRef,
  sindriAlertRespondPermission,
  sindriBudgetManagePermission,
} from '@internal/plugin-sindri-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { sindriApiRef } from '../../api/SindriApi';

const SILENCE_MINUTES = 60;

/** Acknowledge, silence for an hour or end a silence: for those who may respond to the instance's (or group's budget) alerts. */
export const AlertActions = ({
  alert,
  onChange,
}: {
  alert: Alert;
  onChange(): void;
}) => {
  const api = useApi(sindriApiRef);
  // a budget alert is answered by budget managers, an instance's by those who may respond to it
  const { allowed } = usePermission(
    alert.group
      ? { permission: sindriBudgetManagePermission }
      : {
          permission: sindriAlertRespondPermission,
          resourceRef: instanceEntityRef(alert.instance!),
        },
  );
  const [error, setError] = useState<string>();
  if (!allowed) return null;
  const act = (action: () => Promise<unknown>) => () =>
    action().then(onChange, e => setError(String(e.message ?? e)));
  const silenced =
    alert.silenced && Date.parse(alert.silenced.until) > Date.now();
  return (
    <>
      {!alert.acknowledged && (
        <Button
          size="small"
          onClick={act(() => api.alerts.acknowledge(alert.id))}
        >
          Acknowledge
        </Button>
      )}
      {silenced ? (
        <Button
          size="small"
          onClick={act(() => api.alerts.unsilence(alert.id))}
        >
          End silence
        </Button>
      ) : (
        <Button
          size="small"
          onClick={act(() => api.alerts.silence(alert.id, SILENCE_MINUTES))}
        >
          Silence 1 h
        </Button>
      )}
      {error && (
        <Typography color="error" variant="body2">
          {error}
        </Typography>
      )}
    </>
  );
};
