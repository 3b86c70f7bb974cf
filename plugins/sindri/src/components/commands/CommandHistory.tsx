import { useId, useState } from 'react';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CommandRun } from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { CommandHistoryQuery, sindriApiRef } from '../../api/SindriApi';
import { formatAgo } from '../common/format';
import {
  describeCommand,
  describeCounts,
  describeTarget,
} from './commandSummaries';
import { RunDetails } from './RunDetails';
import { RunStateLabel } from './StateLabels';

const LIMIT = 50;

const columns: TableColumn<CommandRun>[] = [
  {
    title: 'Started',
    field: 'createdAt',
    render: row => formatAgo(row.createdAt),
  },
  {
    title: 'By',
    field: 'createdBy',
    render: row => (
      <EntityRefLink entityRef={row.createdBy} defaultKind="user" />
    ),
  },
  {
    title: 'Command',
    render: row => <code>{describeCommand(row.command)}</code>,
  },
  { title: 'Target', render: row => describeTarget(row.target) },
  { title: 'Results', render: row => describeCounts(row.counts) },
  {
    title: 'State',
    field: 'state',
    render: row => <RunStateLabel run={row} />,
  },
];

export interface CommandHistoryProps {
  /** only this instance's runs (the entity tab); otherwise an instance filter is offered */
  instance?: string;
  /** change it to reload, e.g. when a run finished */
  refreshKey?: unknown;
}

/** Past and running command runs, newest first, with filters; a row expands to its results. */
export const CommandHistory = ({
  instance,
  refreshKey,
}: CommandHistoryProps) => {
  const api = useApi(sindriApiRef);
  const id = useId();
  const [state, setState] = useState<CommandHistoryQuery['state'] | ''>('');
  const [typed, setTyped] = useState({ createdBy: '', instance: '' });
  const [debounced, setDebounced] = useState(typed);
  useDebounce(() => setDebounced(typed), 400, [typed]);

  const query: CommandHistoryQuery = {
    instance: instance ?? (debounced.instance.trim() || undefined),
    createdBy: debounced.createdBy.trim() || undefined,
    state: state || undefined,
    limit: LIMIT,
  };
  const key = JSON.stringify(query);
  const { value, loading, error } = useAsyncRetry(
    () => api.listCommands(JSON.parse(key)),
    [api, key, refreshKey],
  );

  return (
    <>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={1}>
        <TextField
          select
          id={`${id}-state`}
          label="State"
          value={state}
          onChange={e => setState(e.target.value as typeof state)}
          variant="outlined"
          margin="dense"
          style={{ minWidth: 140 }}
        >
          <MenuItem value="">any</MenuItem>
          <MenuItem value="running">running</MenuItem>
          <MenuItem value="done">done</MenuItem>
          <MenuItem value="cancelled">cancelled</MenuItem>
        </TextField>
        <TextField
          id={`${id}-by`}
          label="Started by"
          placeholder="user:default/alice"
          value={typed.createdBy}
          onChange={e => setTyped({ ...typed, createdBy: e.target.value })}
          variant="outlined"
          margin="dense"
        />
        {!instance && (
          <TextField
            id={`${id}-instance`}
            label="Instance"
            value={typed.instance}
            onChange={e => setTyped({ ...typed, instance: e.target.value })}
            variant="outlined"
            margin="dense"
          />
        )}
      </Box>
      {error ? (
        <ResponseErrorPanel
          title="The command history could not be loaded"
          error={error}
        />
      ) : (
        <Table<CommandRun>
          title={`Command history (newest ${LIMIT})`}
          isLoading={loading}
          options={{ search: false, paging: false, padding: 'dense' }}
          localization={{
            body: { emptyDataSourceMessage: 'No command run matches.' },
          }}
          columns={columns}
          data={value ?? []}
          detailPanel={({ rowData }) => <RunDetails id={rowData.id} />}
        />
      )}
    </>
  );
};
