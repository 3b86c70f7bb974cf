import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { formatMoney, InstanceCost } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { Figure } from '../FleetOverview/HealthCounts';
import { DailyCostChart } from './DailyCostChart';
import { RatesTable } from './RatesTable';
import { UsageCards } from './UsageCards';

const RESOURCES_FROM: Record<InstanceCost['resourcesFrom'], string> = {
  'stored-sindri-yaml': 'the sindri.yaml the portal deployed',
  'agent-reported': 'what its agent reported of its sindri.yaml',
  none: 'nothing: neither a stored sindri.yaml nor a report of one',
};

/** The Cost tab: what the instance cost over the last 30 days and will this month, with every rate's source. */
export const InstanceCostContent = () => {
  const { entity } = useEntity();
  const api = useApi(sindriApiRef);
  const {
    value: cost,
    loading,
    error,
  } = useAsync(
    () => api.cost.instance(entity.metadata.name),
    [api, entity.metadata.name],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!cost) return null;
  const { resources } = cost;
  const described = [
    resources.provider,
    resources.cpus ? `${resources.cpus} CPUs` : '',
    resources.memoryGb ? `${resources.memoryGb} GB memory` : '',
    resources.gpu ? `${resources.gpu.count} × GPU ${resources.gpu.tier}` : '',
    resources.diskGb ? `${resources.diskGb} GB volume` : '',
    resources.machine
      ? `${resources.machine.cloud} ${resources.machine.type}`
      : '',
    resources.region ? `region ${resources.region}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Cost"
          subheader={`${
            cost.source.kind === 'billing'
              ? `From the bills: ${cost.source.description}`
              : `A list-price estimate: ${cost.source.description}`
          }. Resources from ${
            RESOURCES_FROM[cost.resourcesFrom]
          }: ${described}.`}
        >
          {cost.missing.length > 0 && (
            <WarningPanel
              defaultExpanded
              title="Not everything could be priced"
              message={
                <div data-testid="cost-missing">
                  {cost.missing.map(m => (
                    <Typography key={m} variant="body2">
                      {m}
                    </Typography>
                  ))}
                </div>
              }
            />
          )}
          <Grid container spacing={2}>
            <Grid item xs={6} md={3}>
              <Figure
                label="Last 30 days"
                value={formatMoney(cost.last30Days.total)}
              />
            </Grid>
            <Grid item xs={6} md={3}>
              <Figure
                label="Month to date"
                value={formatMoney(cost.monthToDate)}
              />
            </Grid>
            <Grid item xs={6} md={3}>
              <Figure
                label="Projected month end (at its current status)"
                value={formatMoney(cost.projectedMonthEnd)}
              />
            </Grid>
            <Grid item xs={6} md={3}>
              <Figure
                label={
                  cost.suspendSavingPerDay === undefined
                    ? 'Suspend saves (only while it runs)'
                    : 'A day suspended saves'
                }
                value={
                  cost.suspendSavingPerDay === undefined
                    ? '—'
                    : formatMoney(cost.suspendSavingPerDay)
                }
              />
            </Grid>
          </Grid>
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 16 }}
          >
            Last 30 days: compute {formatMoney(cost.last30Days.compute)}, GPU{' '}
            {formatMoney(cost.last30Days.gpu)}, storage{' '}
            {formatMoney(cost.last30Days.storage)}.
          </Typography>
          <DailyCostChart days={cost.days} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <UsageCards name={entity.metadata.name} />
      </Grid>
      <Grid item xs={12}>
        <RatesTable rates={cost.rates} />
      </Grid>
    </Grid>
  );
};
