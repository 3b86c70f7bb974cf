import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { InstanceDrift } from '@internal/plugin-sindri-common';
import { DriftStatusLabel } from '../common/DriftStatusLabel';
import { formatAgo } from '../common/format';

const CONFIG: Record<InstanceDrift['config'], string> = {
  match: 'matches the deployed one',
  differs: 'differs from the deployed one',
  'not-reported': 'not reported by the agent',
  'not-declared': 'nothing declared',
};

const list = (names: string[], tracked: boolean) => {
  if (!tracked) return 'not compared';
  return names.length ? names.join(', ') : 'none';
};

/** Declared against reported: the verdict, and what differs. */
export const DriftCard = ({
  drift,
}: {
  drift: { loading: boolean; error?: Error; value?: InstanceDrift };
}) => (
  <InfoCard
    title="Drift"
    subheader="The declared sindri.yaml (its profile, extensions and their dependencies) against what the agent reports: Sindri's ledger and the sindri.yaml on the instance"
  >
    {drift.loading && !drift.value && <Progress />}
    {drift.error && <ResponseErrorPanel error={drift.error} />}
    {drift.value && (
      <>
        <Typography variant="body1" data-testid="drift-status">
          <DriftStatusLabel status={drift.value.status} />
        </Typography>
        <Typography variant="body2" paragraph data-testid="drift-reason">
          {drift.value.reason}
        </Typography>
        <StructuredMetadataTable
          dense
          options={{ titleFormat: (key: string) => key }}
          metadata={{
            'declared version': drift.value.declaredVersion ?? 'none',
            'sindri.yaml on the instance': CONFIG[drift.value.config],
            'missing extensions': list(
              drift.value.missing,
              drift.value.tracksExtensions,
            ),
            'extensions not declared': list(
              drift.value.extra,
              drift.value.tracksExtensions,
            ),
            'failed installs': list(
              drift.value.failed,
              drift.value.tracksExtensions,
            ),
            checked: drift.value.checkedAt
              ? formatAgo(drift.value.checkedAt)
              : 'never',
          }}
        />
      </>
    )}
  </InfoCard>
);
