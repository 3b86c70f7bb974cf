import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { ALERT_SEVERITIES } from '@internal/plugin-sindri-common';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { Link as RouterLink } from 'react-router-dom';
import { sindriApiRef } from '../../api/SindriApi';
import { rootRouteRef } from '../../routes';
import { formatAgo } from '../common/format';
import { SEVERITY_LABEL } from '../Alerts/alertLabels';

const SHOWN = 5;

/** The firing alerts of the instances the user may read, by severity, the newest first; for a home page card. */
export const OpenAlertsContent = () => {
  const api = useApi(sindriApiRef);
  const root = useRouteRef(rootRouteRef)();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.alerts.list({ state: 'firing', limit: 200 }),
    [api],
  );
  useInterval(retry, 30_000);
  if (loading && !value) return <Progress />;
  if (error && !value) return <ResponseErrorPanel error={error} />;
  const firing = value!.items;
  if (firing.length === 0)
    return (
      <Typography variant="body2" color="textSecondary">
        No alert is firing on the instances you may read, at the last evaluation
        of the rules.{' '}
        <Link component={RouterLink} to={`${root}/alerts`}>
          Alerts
        </Link>
      </Typography>
    );
  return (
    <>
      <Typography variant="body2">
        {ALERT_SEVERITIES.map(severity => {
          const count = firing.filter(a => a.severity === severity).length;
          return count ? (
            <span key={severity} style={{ marginRight: 16 }}>
              {SEVERITY_LABEL[severity]} {count}
            </span>
          ) : null;
        })}
        {value!.nextCursor ? ' (the newest 200)' : ''}
      </Typography>
      {firing.slice(0, SHOWN).map(a => (
        <Typography variant="body2" key={a.id}>
          <Link component={RouterLink} to={`${root}/alerts?alert=${a.id}`}>
            {a.ruleName} on {a.instance}
          </Link>{' '}
          — {a.summary} ({formatAgo(a.firedAt ?? a.pendingSince)})
        </Typography>
      ))}
      <Link component={RouterLink} to={`${root}/alerts`}>
        All alerts
      </Link>
    </>
  );
};
