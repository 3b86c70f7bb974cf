import { ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { TerminalSessionRecord } from '@internal/plugin-sindri-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { sindriApiRef } from '../../api/SindriApi';
import { formatAgo, formatBytes } from '../common/format';

const columns: TableColumn<TerminalSessionRecord>[] = [
  { title: 'Session', field: 'id', render: row => <code>{row.id.slice(0, 8)}</code> },
  { title: 'Opened by', field: 'openedBy', render: row => <EntityRefLink entityRef={row.openedBy} defaultKind="user" /> },
  { title: 'Started', field: 'startedAt', render: row => formatAgo(row.startedAt) },
  { title: 'Ended', field: 'endedAt', render: row => (row.endedAt ? formatAgo(row.endedAt) : 'still open') },
  { title: 'Typed', field: 'bytesIn', type: 'numeric', render: row => formatBytes(row.bytesIn) },
  { title: 'Output', field: 'bytesOut', type: 'numeric', render: row => formatBytes(row.bytesOut) },
  {
    title: 'How it ended',
    field: 'endReason',
    render: row => {
      if (!row.endedAt) return '';
      const code = row.exitCode === undefined || row.exitCode === null ? '' : ` (exit code ${row.exitCode})`;
      return `${row.endReason ?? 'not recorded'}${code}`;
    },
  },
];

/** Who opened terminals on this instance, when, and how much went through. */
export const TerminalSessionsAudit = ({ instance }: { instance: string }) => {
  const api = useApi(sindriApiRef);
  const { value, loading, error, retry } = useAsyncRetry(() => api.listTerminalSessions(instance), [api, instance]);
  useInterval(retry, 30_000);

  if (error && !value) return <ResponseErrorPanel title="Terminal sessions could not be listed" error={error} />;
  return (
    <Table
      title="Terminal sessions"
      isLoading={loading && !value}
      options={{ search: false, paging: (value?.length ?? 0) > 10, pageSize: 10, padding: 'dense' }}
      localization={{ body: { emptyDataSourceMessage: 'No terminal session has been opened on this instance.' } }}
      columns={columns}
      data={value ?? []}
    />
  );
};
