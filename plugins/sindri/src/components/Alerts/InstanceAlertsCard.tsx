import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { Link as RouterLink } from 'react-router-dom';
import { sindriApiRef } from '../../api/SindriApi';
import { rootRouteRef } from '../../routes';
import { formatAgo } from '../common/format';
import { AlertActions } from './AlertActions';
import { SEVERITY_LABEL, STATE_LABEL } from './alertLabels';

/** The open alerts of the instance entity on the page, for its overview. */
export const InstanceAlertsCard = () => {
  const { entity } = useEntity();
  const instance = entity.metadata.name;
  const api = useApi(sindriApiRef);
  const root = useRouteRef(rootRouteRef)();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.alerts.list({ instance, state: 'open' }),
    [api, instance],
  );
  useInterval(retry, 15_000);
  return (
    <InfoCard
      title="Alerts"
      deepLink={{ title: 'All alerts', link: `${root}/alerts` }}
    >
      {loading && !value && <Progress />}
      {error && !value && <ResponseErrorPanel error={error} />}
      {value && value.items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No alert is open on {instance} at the last evaluation of the rules.
        </Typography>
      )}
      {value?.items.map(alert => (
        <div key={alert.id}>
          <Typography variant="body2">
            {STATE_LABEL[alert.state]} {SEVERITY_LABEL[alert.severity]}{' '}
            <Link
              component={RouterLink}
              to={`${root}/alerts?alert=${alert.id}`}
            >
              {alert.ruleName}
            </Link>
            : {alert.summary} ({formatAgo(alert.firedAt ?? alert.pendingSince)})
          </Typography>
          <AlertActions alert={alert} onChange={retry} />
        </div>
      ))}
    </InfoCard>
  );
};
