import { useState } from 'react';
import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  LOG_LEVELS,
  LogLevel,
  LogPage,
  StoredLogLine,
} from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Link from '@material-ui/core/Link';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { Link as RouterLink } from 'react-router-dom';
import { sindriApiRef } from '../../api/SindriApi';
import { HighlightedText } from './HighlightedText';
import { MAX_FOLLOWED_LINES, useLogTail } from './useLogTail';

const PAGE = 100;

export interface LogSearchProps {
  /** one instance's lines (the entity tab); otherwise the fleet's, with an instance filter */
  instance?: string;
}

/**
 * Searches the shipped log lines: words every line must hold, level and
 * instance filters, newest first, an older page at a time, the words marked;
 * "Follow" adds the lines that match as they arrive.
 */
export const LogSearch = ({ instance }: LogSearchProps) => {
  const api = useApi(sindriApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const [typedInstance, setTypedInstance] = useState('');
  const [named, setNamed] = useState('');
  const [level, setLevel] = useState<LogLevel | ''>('');
  const [older, setOlder] = useState<StoredLogLine[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [following, setFollowing] = useState(false);
  useDebounce(
    () => {
      setText(typed.trim());
      setNamed(typedInstance.trim());
      setOlder([]);
      setCursor(undefined);
    },
    400,
    [typed, typedInstance],
  );
  const query = {
    text: text || undefined,
    levels: level ? [level] : undefined,
    before: cursor,
    limit: PAGE,
  };
  const page = useAsync(
    (): Promise<LogPage> =>
      instance
        ? api.logs.forInstance(instance, query)
        : api.logs.search({ ...query, instance: named || undefined }),
    [api, instance, text, named, level, cursor],
  );
  const stored = [...older, ...(page.value?.items ?? [])];
  const tail = useLogTail(following && !page.loading, {
    instance: instance ?? (named || undefined),
    text: query.text,
    levels: query.levels,
    after: stored[0]?.id ?? '0',
  });
  const lines = [...tail.lines, ...stored];
  const filtered = Boolean(text || level || named);

  const columns: TableColumn<StoredLogLine>[] = [
    {
      title: 'When',
      render: l => <span title={l.at}>{new Date(l.at).toLocaleString()}</span>,
    },
    ...(instance
      ? []
      : [
          {
            title: 'Instance',
            render: (l: StoredLogLine) => (
              <Link
                component={RouterLink}
                to={`${entityRoute({
                  namespace: 'default',
                  kind: 'resource',
                  name: l.instance,
                })}/logs`}
              >
                {l.instance}
              </Link>
            ),
          },
        ]),
    { title: 'Level', render: l => l.level ?? '' },
    { title: 'Source', field: 'source' },
    {
      title: 'Line',
      render: l => (
        <Typography
          variant="body2"
          style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}
        >
          <HighlightedText text={l.text} highlights={l.highlights} />
        </Typography>
      ),
    },
  ];

  return (
    <>
      <Box display="flex" mb={2} style={{ gap: 16 }}>
        <TextField
          id="sindri-log-search"
          label="Search (every word)"
          value={typed}
          onChange={e => setTyped(e.target.value)}
        />
        {!instance && (
          <TextField
            id="sindri-log-instance"
            label="Instance"
            value={typedInstance}
            onChange={e => setTypedInstance(e.target.value)}
          />
        )}
        <TextField
          id="sindri-log-level"
          select
          label="Level"
          value={level}
          style={{ minWidth: 120 }}
          onChange={e => {
            setLevel(e.target.value as LogLevel | '');
            setOlder([]);
            setCursor(undefined);
          }}
        >
          <MenuItem value="">any</MenuItem>
          {LOG_LEVELS.map(l => (
            <MenuItem key={l} value={l}>
              {l}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={following}
              onChange={e => setFollowing(e.target.checked)}
              color="primary"
            />
          }
          label="Follow"
        />
      </Box>
      {following && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Following: matching lines appear at the top as the agents ship them
          (the last {MAX_FOLLOWED_LINES} are kept on screen).
        </Typography>
      )}
      {tail.error && <ResponseErrorPanel error={tail.error} />}
      {page.error && <ResponseErrorPanel error={page.error} />}
      {page.loading && !lines.length && <Progress />}
      {!page.loading && !page.error && lines.length === 0 && (
        <Typography color="textSecondary">
          {filtered
            ? 'No stored line matches.'
            : 'No log line has been shipped yet: the agent ships what Sindri logs under ~/.sindri/logs, its status ledger and the files it is told to follow.'}
        </Typography>
      )}
      {lines.length > 0 && (
        <Table<StoredLogLine>
          title={instance ? `Logs of ${instance}` : 'Fleet logs'}
          subtitle="Lines the agents shipped (masked on the instance), newest first"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={lines}
        />
      )}
      {page.value?.nextCursor && (
        <Button
          onClick={() => {
            setOlder(lines);
            setCursor(page.value!.nextCursor);
          }}
        >
          Older lines
        </Button>
      )}
    </>
  );
};
