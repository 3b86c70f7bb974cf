import { Link, Table, TableColumn } from '@backstage/core-components';
import {
  AdvisoryFinding,
  InstanceSecurity,
} from '@internal/plugin-sindri-common';
import Typography from '@material-ui/core/Typography';
import { formatAgo } from '../common/format';
import { syncFailing } from './AdvisorySyncStatus';

const columns: TableColumn<AdvisoryFinding>[] = [
  {
    title: 'Severity',
    render: a => `${a.severity}${a.score !== undefined ? ` (${a.score})` : ''}`,
  },
  {
    title: 'Advisory',
    render: a => (
      <>
        <Link to={`https://osv.dev/vulnerability/${encodeURIComponent(a.id)}`}>
          {a.id}
        </Link>
        {a.aliases.length > 0 && (
          <Typography variant="caption" display="block">
            {a.aliases.join(', ')}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Package',
    render: a => `${a.package.name} ${a.package.version} (${a.package.source})`,
  },
  {
    title: 'Affected',
    render: a => (a.affected.length ? a.affected.join('; ') : 'not stated'),
  },
  {
    title: 'Fixed in',
    render: a => (a.fixed.length ? a.fixed.join(', ') : 'no fix named'),
  },
  { title: 'Summary', field: 'summary' },
  { title: 'First seen', render: a => formatAgo(a.firstSeenAt) },
];

/**
 * The advisories matching the instance's packages. An empty table says what
 * was checked and when, never just "none".
 */
export const AdvisoriesTable = ({
  security,
}: {
  security: InstanceSecurity;
}) => {
  const { sync } = security;
  let empty = `No advisory matches its ${sync.checked} checked package versions.`;
  if (!sync.lastSuccessAt)
    empty = 'No findings can be shown: advisories have never been synced.';
  else if (syncFailing(sync))
    empty = `No advisory matched when advisories were last synced (${new Date(
      sync.lastSuccessAt,
    ).toLocaleString()}); the source cannot be reached now.`;
  else if (sync.pending)
    empty = `No advisory matches the ${sync.checked} package versions checked so far; ${sync.pending} wait to be checked.`;
  return (
    <Table
      title={`Vulnerabilities (${security.advisories.length})`}
      options={{
        search: true,
        paging: security.advisories.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      columns={columns}
      data={security.advisories}
      emptyContent={
        <Typography style={{ padding: 16 }} data-testid="advisories-empty">
          {empty}
        </Typography>
      }
    />
  );
};
