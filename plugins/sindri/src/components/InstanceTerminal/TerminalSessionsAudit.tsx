import { useState } from 'react';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  sindriInstanceAuditReadPermission,
  TerminalSessionRecord,
} from '@internal/plugin-sindri-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { sindriApiRef } from '../../api/SindriApi';
import { formatAgo, formatBytes } from '../common/format';
import { useInstancePermission } from '../common/useInstancePermission';
import { RecordedInputDialog } from './RecordedInputDialog';

const columns = (options: {
  mayReadInput: boolean;
  show: (id: string) => void;
}): TableColumn<TerminalSessionRecord>[] => [
  {
    title: 'Session',
    field: 'id',
    render: row => <code>{row.id.slice(0, 8)}</code>,
  },
  {
    title: 'Opened by',
    field: 'openedBy',
    render: row => (
      <EntityRefLink entityRef={row.openedBy} defaultKind="user" />
    ),
  },
  {
    title: 'Started',
    field: 'startedAt',
    render: row => formatAgo(row.startedAt),
  },
  {
    title: 'Ended',
    field: 'endedAt',
    render: row => (row.endedAt ? formatAgo(row.endedAt) : 'still open'),
  },
  {
    title: 'Typed',
    field: 'bytesIn',
    type: 'numeric',
    render: row => formatBytes(row.bytesIn),
  },
  {
    title: 'Output',
    field: 'bytesOut',
    type: 'numeric',
    render: row => formatBytes(row.bytesOut),
  },
  {
    title: 'How it ended',
    field: 'endReason',
    render: row => {
      if (!row.endedAt) return '';
      const code =
        row.exitCode === undefined || row.exitCode === null
          ? ''
          : ` (exit code ${row.exitCode})`;
      return `${row.endReason ?? 'not recorded'}${code}`;
    },
  },
  {
    title: 'Keystrokes',
    render: row => {
      if (!row.inputRecorded) return 'not recorded';
      if (!options.mayReadInput) return 'recorded (sensitive)';
      return (
        <Button
          size="small"
          variant="outlined"
          onClick={() => options.show(row.id)}
        >
          Show (sensitive)
        </Button>
      );
    },
  },
];

/** Who opened terminals on this instance, when, and how much went through. */
export const TerminalSessionsAudit = ({ instance }: { instance: string }) => {
  const api = useApi(sindriApiRef);
  const audit = useInstancePermission(sindriInstanceAuditReadPermission);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listTerminalSessions(instance),
    [api, instance],
  );
  const [shown, setShown] = useState<string>();
  useInterval(retry, 30_000);

  if (error && !value)
    return (
      <ResponseErrorPanel
        title="Terminal sessions could not be listed"
        error={error}
      />
    );
  const ownOnly = !audit.loading && !audit.allowed;
  return (
    <>
      <Table
        title="Terminal sessions"
        subtitle={
          ownOnly
            ? `Only your own sessions: everyone's are shown with ${sindriInstanceAuditReadPermission.name}.`
            : undefined
        }
        isLoading={loading && !value}
        options={{
          search: false,
          paging: (value?.length ?? 0) > 10,
          pageSize: 10,
          padding: 'dense',
        }}
        localization={{
          body: {
            emptyDataSourceMessage: ownOnly
              ? 'You have opened no terminal session on this instance.'
              : 'No terminal session has been opened on this instance.',
          },
        }}
        columns={columns({
          mayReadInput: Boolean(audit.allowed),
          show: setShown,
        })}
        data={value ?? []}
      />
      {ownOnly && (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 8 }}
        >
          Sessions of other users are not listed for you; that does not mean
          there are none.
        </Typography>
      )}
      {shown && (
        <RecordedInputDialog
          instance={instance}
          sessionId={shown}
          onClose={() => setShown(undefined)}
        />
      )}
    </>
  );
};
