import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { sindriApiRef } from '../../api/SindriApi';
import { rootRouteRef } from '../../routes';
import { formatAgo } from '../common/format';
import { HealthCounts } from '../FleetOverview/HealthCounts';

/** The fleet's health counts and what runs now, for a home page card. */
export const FleetHealthContent = () => {
  const api = useApi(sindriApiRef);
  const root = useRouteRef(rootRouteRef)();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getFleetSummary(),
    [api],
  );
  useInterval(retry, 30_000);
  if (loading && !value) return <Progress />;
  if (error && !value) return <ResponseErrorPanel error={error} />;
  const summary = value!;
  return (
    <>
      <HealthCounts summary={summary} instancesUrl={`${root}/instances`} />
      <Typography variant="caption" color="textSecondary">
        {summary.sources.health}; {summary.sources.live}. As of{' '}
        {formatAgo(summary.generatedAt)}.
      </Typography>
    </>
  );
};
