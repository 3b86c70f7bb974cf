import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { sindriAlertManagePermission } from '@internal/plugin-sindri-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { sindriApiRef } from '../../api/SindriApi';
import { AlertTable } from './AlertTable';
import { ChannelTable } from './ChannelTable';
import { RuleTable } from './RuleTable';

const REFRESH_MS = 15_000;

/** The fleet's alerts: open ones, recent history, the rules and (for managers) the channels. */
export const AlertsPage = () => {
  const api = useApi(sindriApiRef);
  const { allowed: canManage } = usePermission({
    permission: sindriAlertManagePermission,
  });
  const state = useAsyncRetry(async () => {
    const [open, history, rules, channels] = await Promise.all([
      api.alerts.list({ state: 'open', limit: 200 }),
      api.alerts.list({ state: 'resolved', limit: 50 }),
      api.alerts.listRules(),
      canManage ? api.alerts.listChannels() : Promise.resolve([]),
    ]);
    return { open: open.items, history: history.items, rules, channels };
  }, [api, canManage]);
  useInterval(state.retry, REFRESH_MS);

  if (state.loading && !state.value) return <Progress />;
  if (state.error && !state.value)
    return <ResponseErrorPanel error={state.error} />;
  const { open, history, rules, channels } = state.value!;
  const enabled = rules.filter(r => r.enabled).length;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <AlertTable
          title="Firing and pending"
          alerts={open}
          emptyText={
            enabled
              ? `No alert is open: ${enabled} enabled rules found nothing on the instances you may read at their last evaluation.`
              : 'No rule is enabled, so nothing is watched.'
          }
          onChange={state.retry}
        />
        <Typography variant="caption" color="textSecondary">
          Evaluated on the portal's stored data (metrics samples, heartbeats,
          operations and what the agents registered) by a scheduled task.
        </Typography>
      </Grid>
      <Grid item xs={12}>
        <AlertTable
          title="Resolved (newest 50)"
          alerts={history}
          emptyText="No alert has resolved yet."
          onChange={state.retry}
        />
      </Grid>
      <Grid item xs={12}>
        <RuleTable
          rules={rules}
          channels={channels}
          canManage={canManage}
          onChange={state.retry}
        />
      </Grid>
      {canManage && (
        <Grid item xs={12}>
          <ChannelTable channels={channels} onChange={state.retry} />
        </Grid>
      )}
    </Grid>
  );
};
