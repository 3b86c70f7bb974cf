import { WarningPanel } from '@backstage/core-components';
import { InstanceSecurity } from '@internal/plugin-sindri-common';
import Typography from '@material-ui/core/Typography';
import { formatAgo } from '../common/format';

type Sync = InstanceSecurity['sync'];

const when = (iso: string) =>
  `${formatAgo(iso)} (${new Date(iso).toLocaleString()})`;

/** Whether the advisory source answered: findings are only as complete as the last sync says. */
export function syncFailing(sync: Sync) {
  return Boolean(
    sync.lastError &&
      sync.lastAttemptAt &&
      (!sync.lastSuccessAt ||
        Date.parse(sync.lastAttemptAt) > Date.parse(sync.lastSuccessAt)),
  );
}

/** Where advisories come from and how fresh they are; a warning when they could not be fetched. */
export const AdvisorySyncStatus = ({ sync }: { sync: Sync }) => {
  const coverage = `${sync.checked} package versions checked, ${sync.unsupported} of a kind OSV has no advisories for, ${sync.pending} waiting`;
  if (syncFailing(sync))
    return (
      <WarningPanel
        severity="error"
        defaultExpanded
        title="The advisory source cannot be reached: findings may be missing"
        message={
          <Typography variant="body2" data-testid="advisory-sync">
            {sync.url} has not answered since {when(sync.lastAttemptAt!)}:{' '}
            {sync.lastError}.{' '}
            {sync.lastSuccessAt
              ? `Advisories last synced ${when(sync.lastSuccessAt)}.`
              : 'Advisories were never synced.'}{' '}
            {coverage}.
          </Typography>
        }
      />
    );
  if (!sync.lastSuccessAt)
    return (
      <WarningPanel
        defaultExpanded
        title="Advisories have not been synced yet: no findings can be shown"
        message={
          <Typography variant="body2" data-testid="advisory-sync">
            Nothing was fetched from {sync.url} yet. {coverage}.
          </Typography>
        }
      />
    );
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="advisory-sync"
    >
      Advisories from {sync.url}, last synced {when(sync.lastSuccessAt)};{' '}
      {coverage}.
    </Typography>
  );
};
