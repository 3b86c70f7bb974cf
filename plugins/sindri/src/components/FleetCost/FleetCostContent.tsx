import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  FleetCost,
  formatMoney,
  instanceEntityRef,
} from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { Figure } from '../FleetOverview/HealthCounts';
import { BudgetsCard } from '../Budgets';

type Group = FleetCost['byProvider'][number];
type Row = FleetCost['instances'][number];

const trend = (total: number, previous: number) => {
  if (!previous) return total ? 'new in this period' : '—';
  const change = ((total - previous) / previous) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(
    0,
  )}% on the previous 30 days`;
};

const groupColumns = (title: string): TableColumn<Group>[] => [
  { title, field: 'key' },
  { title: 'Last 30 days', render: g => formatMoney(g.total) },
  { title: 'Previous 30 days', render: g => formatMoney(g.previous) },
  { title: 'Trend', render: g => trend(g.total, g.previous) },
];

const instanceColumns: TableColumn<Row>[] = [
  {
    title: 'Instance',
    field: 'name',
    render: r => <EntityRefLink entityRef={instanceEntityRef(r.name)} />,
  },
  { title: 'Owner', field: 'owner' },
  { title: 'Provider', field: 'provider' },
  { title: 'Last 30 days', render: r => formatMoney(r.total) },
  { title: 'Previous 30 days', render: r => formatMoney(r.previous) },
  {
    title: 'Source',
    render: r => r.billedBy ?? 'list-price estimate',
  },
  {
    title: 'Not priced',
    render: r => (r.missing.length ? r.missing.join('; ') : 'all parts priced'),
  },
];

/** The Sindri page's Cost tab: the readable fleet's spend by provider, owner and instance, against the previous period. */
export const FleetCostContent = () => {
  const api = useApi(sindriApiRef);
  const {
    value: cost,
    loading,
    error,
  } = useAsync(() => api.cost.fleet(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!cost) return null;
  const unpriced = cost.instances.filter(i => i.missing.length).length;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Fleet cost"
          subheader={`The instances you may read. Each figure is a list-price estimate (${cost.source.description}) unless its Source names the billing source it comes from. A developer-hour is an hour in which a user had a terminal session open on one of them or started a command on one.`}
        >
          <Grid container spacing={2}>
            <Grid item xs={6} md={3}>
              <Figure label="Last 30 days" value={formatMoney(cost.total)} />
            </Grid>
            <Grid item xs={6} md={3}>
              <Figure
                label="Previous 30 days"
                value={formatMoney(cost.previousTotal)}
              />
            </Grid>
            <Grid item xs={6} md={3}>
              <Figure
                label={`Per active developer-hour (${cost.activeDeveloperHours} h)`}
                value={
                  cost.costPerActiveDeveloperHour === undefined
                    ? 'no activity recorded'
                    : formatMoney(cost.costPerActiveDeveloperHour)
                }
              />
            </Grid>
            <Grid item xs={12} md={3}>
              <Typography variant="body2" color="textSecondary">
                {trend(cost.total, cost.previousTotal)}.{' '}
                {unpriced
                  ? `${unpriced} of ${cost.instances.length} instances have parts no price table or configured rate covers; their figures leave those parts out (see "Not priced").`
                  : 'Every part of every instance is priced.'}
              </Typography>
            </Grid>
          </Grid>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <BudgetsCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table
          title="By provider"
          options={{ search: false, paging: false, padding: 'dense' }}
          columns={groupColumns('Provider')}
          data={cost.byProvider}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table
          title="By owner"
          options={{ search: false, paging: false, padding: 'dense' }}
          columns={groupColumns('Owner')}
          data={cost.byOwner}
        />
      </Grid>
      <Grid item xs={12}>
        <Table
          title="By instance"
          options={{
            search: true,
            paging: cost.instances.length > 20,
            pageSize: 20,
            padding: 'dense',
          }}
          columns={instanceColumns}
          data={cost.instances}
          emptyContent={
            <div style={{ padding: 16 }}>
              No instance you may read has registered.
            </div>
          }
        />
      </Grid>
    </Grid>
  );
};
