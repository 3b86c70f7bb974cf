import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { FleetCost, InstanceCost } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockSindriApi, permissionApi } from '../../__testUtils__/fixtures';
import { FleetCostContent } from '../FleetCost';
import { InstanceCostContent } from './InstanceCostContent';

const source = {
  kind: 'list-price-estimate' as const,
  description: 'list prices × hours; not a bill',
};

const cost: InstanceCost = {
  currency: 'USD',
  source,
  resourcesFrom: 'stored-sindri-yaml',
  resources: {
    provider: 'fly',
    cpus: 2,
    memoryGb: 4,
    diskGb: 10,
    region: 'ams',
  },
  status: 'running',
  rates: [
    {
      kind: 'compute',
      when: 'running',
      item: 'shared-cpu-2x',
      quantity: 1,
      perHour: 0.005616,
      source: {
        page: 'https://fly.io/docs/about/pricing/',
        date: '2025-08-19',
        region: 'ams',
      },
    },
  ],
  missing: ['fly memory-gb: no rate'],
  days: [
    {
      date: '2026-12-01',
      runningHours: 24,
      stoppedHours: 0,
      compute: 0.13,
      gpu: 0,
      storage: 0.05,
      total: 0.18,
    },
  ],
  last30Days: { compute: 3.9, gpu: 0, storage: 1.5, total: 5.4 },
  monthToDate: 0.18,
  projectedMonthEnd: 4.2,
  suspendSavingPerDay: 0.13,
};

const render = (api: ReturnType<typeof mockSindriApi>, child: JSX.Element) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [sindriApiRef, api],
        [permissionApiRef, permissionApi({})],
      ]}
    >
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'dev-fly' },
          spec: { type: 'sindri-instance', owner: 'group:default/platform' },
        }}
      >
        {child}
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('InstanceCostContent', () => {
  it('shows the estimate, what it is, each rate with its page and date, and what could not be priced', async () => {
    const api = mockSindriApi();
    (api.cost.instance as jest.Mock).mockResolvedValue(cost);
    await render(api, <InstanceCostContent />);
    expect(await screen.findByText('$5.40')).toBeInTheDocument();
    expect(screen.getByText('$4.20')).toBeInTheDocument();
    expect(screen.getByText('A day suspended saves')).toBeInTheDocument();
    expect(
      screen.getByText(
        /A list-price estimate: list prices × hours; not a bill/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('https://fly.io/docs/about/pricing/').closest('a'),
    ).toHaveAttribute('href', 'https://fly.io/docs/about/pricing/');
    expect(screen.getByText('2025-08-19; region ams')).toBeInTheDocument();
    expect(screen.getByTestId('cost-missing')).toHaveTextContent(
      'fly memory-gb: no rate',
    );
  });
});

describe('FleetCostContent', () => {
  it('sums the readable fleet by provider, owner and instance against the previous period, and counts the unpriced', async () => {
    const fleet: FleetCost = {
      currency: 'USD',
      source,
      from: '2026-11-02T00:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
      previousFrom: '2026-10-03T00:00:00.000Z',
      total: 12,
      previousTotal: 8,
      activeDeveloperHours: 6,
      costPerActiveDeveloperHour: 2,
      byProvider: [{ key: 'fly', total: 12, previous: 8 }],
      byOwner: [{ key: 'group:default/platform', total: 12, previous: 8 }],
      instances: [
        {
          name: 'dev-fly',
          owner: 'group:default/platform',
          provider: 'fly',
          total: 12,
          previous: 8,
          missing: ['fly memory-gb: no rate'],
        },
      ],
    };
    const api = mockSindriApi();
    (api.cost.fleet as jest.Mock).mockResolvedValue(fleet);
    await render(api, <FleetCostContent />);
    expect(await screen.findAllByText('$12.00')).toHaveLength(4);
    expect(
      screen.getAllByText('+50% on the previous 30 days').length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText(/1 of 1 instances have parts no price table/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Per active developer-hour (6 h)'),
    ).toBeInTheDocument();
    expect(screen.getByText('$2.00')).toBeInTheDocument();
  });
});
