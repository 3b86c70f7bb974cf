import { Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Alert } from '@internal/plugin-sindri-common';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { formatAgo } from '../common/format';
import { AlertActions } from './AlertActions';
import { DeliveryLog } from './DeliveryLog';
import { SEVERITY_LABEL, STATE_LABEL } from './alertLabels';

export interface AlertTableProps {
  title: string;
  alerts: Alert[];
  /** what the table says when it holds none (never "all clear" when nothing was looked at) */
  emptyText: string;
  onChange(): void;
  /** hide the instance column (one instance's alerts) */
  instance?: string;
}

/** Alerts with their state, who acknowledged or silenced them, and (expanded) where they were sent. */
export const AlertTable = ({
  title,
  alerts,
  emptyText,
  onChange,
  instance,
}: AlertTableProps) => {
  const entityRoute = useRouteRef(entityRouteRef);
  const columns: TableColumn<Alert>[] = [
    { title: 'Severity', render: a => SEVERITY_LABEL[a.severity] },
    { title: 'State', render: a => STATE_LABEL[a.state] },
    { title: 'Rule', field: 'ruleName' },
    ...(instance
      ? []
      : [
          {
            title: 'Instance or group',
            render: (a: Alert) => {
              const ref = a.group
                ? parseEntityRef(a.group)
                : { namespace: 'default', kind: 'resource', name: a.instance! };
              return (
                <Link component={RouterLink} to={entityRoute(ref)}>
                  {a.group ? humanizeEntityRef(ref) : a.instance}
                </Link>
              );
            },
          },
        ]),
    { title: 'What', field: 'summary' },
    {
      title: 'Since',
      render: a => {
        const since =
          a.state === 'resolved' ? a.resolvedAt! : a.firedAt ?? a.pendingSince;
        return <span title={since}>{formatAgo(since)}</span>;
      },
    },
    {
      title: 'Response',
      render: a => (
        <>
          {a.acknowledged && (
            <Typography variant="body2">
              Acknowledged by {a.acknowledged.by} {formatAgo(a.acknowledged.at)}
            </Typography>
          )}
          {a.silenced && Date.parse(a.silenced.until) > Date.now() && (
            <Typography variant="body2">
              Silenced by {a.silenced.by} until{' '}
              {new Date(a.silenced.until).toLocaleString()}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: '',
      render: a =>
        a.state === 'resolved' ? null : (
          <AlertActions alert={a} onChange={onChange} />
        ),
    },
  ];
  return (
    <Table<Alert>
      title={title}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={alerts}
      emptyContent={
        <Typography style={{ padding: 16 }} color="textSecondary">
          {emptyText}
        </Typography>
      }
      detailPanel={({ rowData }) => <DeliveryLog alertId={rowData.id} />}
    />
  );
};
