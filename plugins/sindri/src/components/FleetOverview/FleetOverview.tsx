import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { FleetSummary } from '@internal/plugin-sindri-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { sindriApiRef } from '../../api/SindriApi';
import { rootRouteRef } from '../../routes';
import { formatAgo, formatBytes, formatPercent } from '../common/format';
import { CountChart } from './CountChart';
import { HealthCounts } from './HealthCounts';
import { RankedInstances } from './RankedInstances';
import { RegionMap } from './RegionMap';

const NOT_REPORTED = 'not reported';
const LOWEST = 10;

const availability = (ratio: number | null) =>
  ratio === null ? 'not enough time yet' : formatPercent(100 * ratio);

/** The Sindri page's overview: the fleet at a glance, every figure with its source. */
export const FleetOverview = () => {
  const api = useApi(sindriApiRef);
  const root = useRouteRef(rootRouteRef)();
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getFleetSummary(),
    [api],
  );
  useInterval(retry, 30_000);

  if (loading && !value) return <Progress />;
  if (error && !value) return <ResponseErrorPanel error={error} />;
  const summary = value as FleetSummary;
  const instanceUrl = (name: string) =>
    entityRoute({ namespace: 'default', kind: 'resource', name });
  const lowest = [...summary.availability.items]
    .sort((a, b) => (a.ratio24h ?? 2) - (b.ratio24h ?? 2))
    .slice(0, LOWEST);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <HealthCounts summary={summary} instancesUrl={`${root}/instances`} />
        <Typography variant="caption" color="textSecondary">
          {summary.sources.health}; {summary.sources.live}. As of{' '}
          {formatAgo(summary.generatedAt)}.
        </Typography>
      </Grid>
      <Grid item xs={12} md={6}>
        <CountChart
          title="Instances by provider"
          source={summary.sources.byProvider}
          category="provider"
          data={summary.byProvider.map(p => ({
            provider: p.provider ?? NOT_REPORTED,
            count: p.count,
          }))}
          bars={[{ key: 'count', name: 'Instances', color: '#1f77b4' }]}
          empty="No instance has registered."
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <CountChart
          title="Instances by region"
          source={summary.sources.byProvider}
          category="region"
          data={summary.byRegion.map(r => ({
            region: `${r.provider ?? NOT_REPORTED} ${r.region ?? NOT_REPORTED}`,
            count: r.count,
          }))}
          bars={[{ key: 'count', name: 'Instances', color: '#2ca02c' }]}
          empty="No instance has registered."
        />
      </Grid>
      <Grid item xs={12}>
        <RegionMap summary={summary} />
      </Grid>
      <Grid item xs={12}>
        <CountChart
          title="Lifecycle operations per hour, last 24 h"
          source={summary.sources.activity}
          category="hour"
          data={summary.activity.hours.map(h => ({
            hour: DateTime.fromISO(h.hour).toFormat('HH:mm'),
            operations: h.operations,
            deployments: h.deployments,
            failures: h.failures,
          }))}
          bars={[
            { key: 'operations', name: 'Operations', color: '#7f7f7f' },
            { key: 'deployments', name: 'Deployments', color: '#1f77b4' },
            { key: 'failures', name: 'Failures', color: '#d62728' },
          ]}
          empty="No operation in the last 24 h."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <RankedInstances
          title="Most CPU now"
          source={summary.sources.top}
          valueTitle="CPU"
          instanceUrl={instanceUrl}
          rows={summary.top.cpu.map(t => ({
            instance: t.instance,
            value: formatPercent(t.percent),
            detail: formatAgo(t.at),
          }))}
          empty="No instance reported metrics in the last 5 minutes."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <RankedInstances
          title="Most memory now"
          source={summary.sources.top}
          valueTitle="Memory"
          instanceUrl={instanceUrl}
          rows={summary.top.memory.map(t => ({
            instance: t.instance,
            value: formatPercent(t.percent),
            detail: `${formatBytes(t.usedBytes)} of ${formatBytes(
              t.totalBytes,
            )}`,
          }))}
          empty="No instance reported metrics in the last 5 minutes."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <RankedInstances
          title="Least available"
          source={`${summary.sources.availability}${
            summary.availability.computedAt
              ? `; last computed ${formatAgo(summary.availability.computedAt)}`
              : ''
          }`}
          valueTitle="24 h"
          instanceUrl={instanceUrl}
          rows={lowest.map(a => ({
            instance: a.instance,
            value: availability(a.ratio24h),
            detail: `7 d: ${availability(a.ratio7d)}`,
          }))}
          empty="Availability has not been computed yet (every 5 minutes)."
        />
      </Grid>
    </Grid>
  );
};
