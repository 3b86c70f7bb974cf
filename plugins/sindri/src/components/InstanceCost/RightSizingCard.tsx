import { InfoCard } from '@backstage/core-components';
import { formatMoney, InstanceUsage } from '@internal/plugin-sindri-common';
import Typography from '@material-ui/core/Typography';

type RightSizing = InstanceUsage['rightSizing'];

const allocation = (a: { cpus?: number; memoryGb?: number }) =>
  [a.cpus ? `${a.cpus} CPUs` : '', a.memoryGb ? `${a.memoryGb} GB memory` : '']
    .filter(Boolean)
    .join(', ') || 'nothing the portal can read';

/** p95 use against what is allocated: a smaller size with its saving, and the data it comes from. */
export const RightSizingCard = ({ sizing }: { sizing: RightSizing }) => {
  const { data, recommendation } = sizing;
  return (
    <InfoCard title="Right-sizing">
      <Typography variant="body2" data-testid="right-sizing">
        {sizing.message}.
      </Typography>
      {recommendation && (
        <Typography variant="body2">
          Recommended: {allocation(recommendation)} at{' '}
          {formatMoney(recommendation.perHourRecommended)}/h instead of{' '}
          {formatMoney(recommendation.perHourNow)}/h: saves{' '}
          {formatMoney(recommendation.savingPer30Days)} over{' '}
          {recommendation.runningHoursLast30Days} h running, as in the last 30
          days.
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        From {data.samples} {data.resolution} over {data.days} days
        {data.from ? ` (${new Date(data.from).toLocaleDateString()} on)` : ''}:
        CPU p95{' '}
        {data.cpuP95Percent === undefined
          ? 'not reported'
          : `${data.cpuP95Percent} %`}
        , memory p95{' '}
        {data.memoryP95Gb === undefined
          ? 'not reported'
          : `${data.memoryP95Gb} GB`}
        ; allocated {allocation(data.allocated)}.
      </Typography>
    </InfoCard>
  );
};
