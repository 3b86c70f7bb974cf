import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  FleetInstance,
  instanceEntityRef,
  SINDRI_INSTANCE_RESOURCE_TYPE,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { sindriApiRef } from '../../api/SindriApi';
import {
  formatAgo,
  formatPercent,
  formatUptime,
  NOT_REPORTED,
} from '../common/format';
import { StatusLabel } from '../common/StatusLabel';
import { DriftStatusLabel } from '../common/DriftStatusLabel';
import { memoryPercent } from '../common/usage';
import { useSearchParams } from 'react-router-dom';

type Row = FleetInstance & { cpu?: number; memory?: number };

const columns: TableColumn<Row>[] = [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: row => <EntityRefLink entityRef={instanceEntityRef(row.name)} />,
  },
  {
    title: 'Status',
    field: 'status',
    render: row => <StatusLabel status={row.status} />,
  },
  {
    title: 'Drift',
    field: 'drift',
    render: row => <DriftStatusLabel status={row.drift} />,
  },
  { title: 'Provider', field: 'provider', emptyValue: NOT_REPORTED },
  { title: 'Region', field: 'region', emptyValue: NOT_REPORTED },
  {
    title: 'CPU',
    field: 'cpu',
    type: 'numeric',
    render: row =>
      row.cpu === undefined ? NOT_REPORTED : formatPercent(row.cpu),
  },
  {
    title: 'Memory',
    field: 'memory',
    type: 'numeric',
    render: row =>
      row.memory === undefined ? NOT_REPORTED : formatPercent(row.memory),
  },
  {
    title: 'Uptime',
    field: 'uptimeSeconds',
    type: 'numeric',
    render: row =>
      row.uptimeSeconds === undefined
        ? NOT_REPORTED
        : formatUptime(row.uptimeSeconds),
  },
  {
    title: 'Last heartbeat',
    field: 'lastHeartbeatAt',
    render: row =>
      row.lastHeartbeatAt ? formatAgo(row.lastHeartbeatAt) : NOT_REPORTED,
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row => <EntityRefLink entityRef={row.owner} defaultKind="group" />,
  },
];

/** Every registered instance with its live state, filterable by status, drift and provider. */
export const InstanceTable = () => {
  const api = useApi(sindriApiRef);
  const [searchParams] = useSearchParams();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listInstances(),
    [api],
  );
  useInterval(retry, 15_000);

  if (loading && !value) return <Progress />;
  if (error && !value) {
    if ((error as { statusCode?: number }).statusCode !== 403)
      return <ResponseErrorPanel error={error} />;
    return (
      <EmptyState
        missing="info"
        title="You are not permitted to see the fleet"
        description={
          <Typography component="span">
            The portal's permission policy grants you{' '}
            <code>{sindriInstanceReadPermission.name}</code> on no instance. Ask
            a portal admin for a role.
          </Typography>
        }
      />
    );
  }

  const instances = value ?? [];
  if (instances.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No Sindri instances yet"
        description={
          <Typography component="span">
            An instance appears here, and in the catalog as a Resource of type "
            {SINDRI_INSTANCE_RESOURCE_TYPE}", once the console agent on it has
            enrolled with this portal and registered. On the embedded default,
            `yarn sindri:demo-agent` starts one on this machine; the README's
            "Adding an instance" section shows how to enroll a real one.
          </Typography>
        }
      />
    );
  }

  // a link from the overview's counts: ?status=running, ?drift=drifted
  const statuses = searchParams.getAll('status');
  const drifts = searchParams.getAll('drift');
  const rows: Row[] = instances.map(i => ({
    ...i,
    cpu: i.latestMetrics?.cpu?.percent,
    memory: memoryPercent(i.latestMetrics),
  }));
  return (
    <Table
      title={`Instances (${instances.length})`}
      options={{ search: true, paging: instances.length > 20, pageSize: 20 }}
      filters={[
        { column: 'Status', type: 'multiple-select' },
        { column: 'Drift', type: 'multiple-select' },
        { column: 'Provider', type: 'select' },
      ]}
      initialState={
        statuses.length || drifts.length
          ? {
              filtersOpen: true,
              filters: {
                ...(statuses.length ? { Status: statuses } : {}),
                ...(drifts.length ? { Drift: drifts } : {}),
              },
            }
          : undefined
      }
      columns={columns}
      data={rows}
    />
  );
};
