import { useState } from 'react';
import {
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EVENT_SEVERITIES,
  EventSeverity,
  FLEET_EVENT_TYPES,
  FleetEvent,
  FleetEventType,
} from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useDebounce from 'react-use/esm/useDebounce';
import { Link as RouterLink } from 'react-router-dom';
import { formatAgo } from '../common/format';
import { MultiSelect } from './MultiSelect';
import { EVENT_TYPE_LABELS, eventSource, SUBJECT_TABS } from './eventLabels';
import { useEventPages } from './useEventPages';

const SEVERITY_STATUS: Record<EventSeverity, (text: string) => JSX.Element> = {
  info: text => <StatusOK>{text}</StatusOK>,
  warning: text => <StatusWarning>{text}</StatusWarning>,
  error: text => <StatusError>{text}</StatusError>,
};

export interface EventTimelineProps {
  /** one instance's timeline (the entity tab); otherwise the fleet's, with an instance filter */
  instance?: string;
}

/**
 * Events newest first, filtered by type, severity and (for the fleet) instance,
 * an older page at a time; each links to the instance and to what it concerns.
 */
export const EventTimeline = ({ instance }: EventTimelineProps) => {
  const entityRoute = useRouteRef(entityRouteRef);
  const [types, setTypes] = useState<FleetEventType[]>([]);
  const [severities, setSeverities] = useState<EventSeverity[]>([]);
  const [typed, setTyped] = useState('');
  const [named, setNamed] = useState('');
  useDebounce(() => setNamed(typed.trim()), 400, [typed]);

  const pages = useEventPages(
    {
      types: types.length ? types : undefined,
      severities: severities.length ? severities : undefined,
      instance: instance ?? (named || undefined),
    },
    instance ? 'instance' : 'fleet',
  );
  const filtered = types.length > 0 || severities.length > 0 || !!named;

  const instanceUrl = (name: string, tab = '') => {
    const base = entityRoute({ namespace: 'default', kind: 'resource', name });
    return tab ? `${base}/${tab}` : base;
  };
  const columns: TableColumn<FleetEvent>[] = [
    {
      title: 'When',
      field: 'at',
      render: e => <span title={e.at}>{formatAgo(e.at)}</span>,
    },
    {
      title: 'Severity',
      field: 'severity',
      render: e => SEVERITY_STATUS[e.severity](e.severity),
    },
    { title: 'Event', render: e => EVENT_TYPE_LABELS[e.type] },
    ...(instance
      ? []
      : [
          {
            title: 'Instance',
            render: (e: FleetEvent) =>
              e.instance ? (
                <Link component={RouterLink} to={instanceUrl(e.instance)}>
                  {e.instance}
                </Link>
              ) : (
                'the fleet'
              ),
          },
        ]),
    { title: 'What', render: e => e.message ?? '' },
    { title: 'Source', render: e => eventSource(e) },
    {
      title: 'Concerns',
      render: e => {
        if (!e.subject || !e.instance) return '';
        const target = SUBJECT_TABS[e.subject.kind];
        return (
          <Link component={RouterLink} to={instanceUrl(e.instance, target.tab)}>
            {target.label}
          </Link>
        );
      },
    },
  ];

  if (pages.error && pages.items.length === 0)
    return <ResponseErrorPanel error={pages.error} />;
  return (
    <Box>
      <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
        <MultiSelect
          label="Event types"
          options={FLEET_EVENT_TYPES.map(t => ({
            value: t,
            label: EVENT_TYPE_LABELS[t],
          }))}
          value={types}
          onChange={setTypes}
        />
        <MultiSelect
          label="Severities"
          options={EVENT_SEVERITIES.map(s => ({ value: s, label: s }))}
          value={severities}
          onChange={setSeverities}
        />
        {!instance && (
          <TextField
            label="Instance"
            value={typed}
            onChange={e => setTyped(e.target.value)}
          />
        )}
      </Box>
      <Table<FleetEvent>
        title={instance ? 'Events' : 'Fleet activity'}
        subtitle="Reported by the agents and recorded by the portal, newest first"
        isLoading={pages.loading && pages.items.length === 0}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={pages.items}
        emptyContent={
          <Box p={2}>
            <Typography>
              {filtered
                ? 'No recorded event matches these filters.'
                : 'No events recorded yet. Agents report their events once they connect; nothing recorded does not mean nothing happened.'}
            </Typography>
          </Box>
        }
      />
      {pages.error && <ResponseErrorPanel error={pages.error} />}
      {pages.nextCursor && (
        <Box mt={1} display="flex" justifyContent="center">
          <Button
            variant="outlined"
            disabled={pages.loading}
            onClick={pages.more}
          >
            Older events
          </Button>
        </Box>
      )}
    </Box>
  );
};
