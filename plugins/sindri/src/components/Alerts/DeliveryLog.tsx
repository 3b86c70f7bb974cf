import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';
import { formatAgo } from '../common/format';

/** Where an alert was sent, and how each attempt went. */
export const DeliveryLog = ({ alertId }: { alertId: string }) => {
  const api = useApi(sindriApiRef);
  const { value, loading, error } = useAsync(
    () => api.alerts.deliveries(alertId),
    [api, alertId],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Box px={4} py={1}>
      {value!.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Nothing was sent for this alert (its rule sends nowhere, or it was
          silenced or never fired).
        </Typography>
      ) : (
        value!.map(d => (
          <Typography key={d.id} variant="body2">
            {d.transition === 'fired' ? 'Firing' : 'Resolved'} →{' '}
            {d.channel.type === 'notifications'
              ? "the instance's owners (Backstage notification)"
              : `${d.channel.type} "${d.channel.name}"`}
            : {d.state}
            {d.deliveredAt ? ` ${formatAgo(d.deliveredAt)}` : ''}, {d.attempts}{' '}
            attempt{d.attempts === 1 ? '' : 's'}
            {d.lastError ? ` (last: ${d.lastError})` : ''}
            {d.state === 'pending' && d.nextAttemptAt
              ? `; next ${formatAgo(d.nextAttemptAt)}`
              : ''}
          </Typography>
        ))
      )}
    </Box>
  );
};
