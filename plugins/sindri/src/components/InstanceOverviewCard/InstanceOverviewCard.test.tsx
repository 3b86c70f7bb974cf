import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { sindriApiRef } from '../../api/SindriApi';
import { instance, mockSindriApi } from '../../__testUtils__/fixtures';
import { InstanceOverviewCard } from './InstanceOverviewCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'dev-alice' },
  spec: { type: 'sindri-instance', owner: 'group:default/platform' },
};

const renderCard = (api: ReturnType<typeof mockSindriApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <EntityProvider entity={entity}>
        <InstanceOverviewCard />
      </EntityProvider>
    </TestApiProvider>,
  );

describe('InstanceOverviewCard', () => {
  it('shows status with its age, where it runs, usage now and the last heartbeat', async () => {
    const api = mockSindriApi({
      getInstance: jest.fn().mockResolvedValue(instance('dev-alice')),
    });
    await renderCard(api);

    expect(await screen.findByText('running')).toBeInTheDocument();
    expect(api.getInstance).toHaveBeenCalledWith('dev-alice');
    expect(screen.getByText(/since 5 minutes ago/)).toBeInTheDocument();
    expect(screen.getByText('fly')).toBeInTheDocument();
    expect(screen.getByText('3h 2m')).toBeInTheDocument();
    expect(screen.getByText('38%')).toBeInTheDocument();
    expect(screen.getByText('2.0 GiB of 8.0 GiB (25%)')).toBeInTheDocument();
    expect(
      screen.getByText('25.0 GiB of 100 GiB on / (25%)'),
    ).toBeInTheDocument();
    expect(screen.getByText('2')).toBeInTheDocument();
    expect(screen.getByText('4 seconds ago')).toBeInTheDocument();
  });

  it('says "not reported" for what the agent has not sent', async () => {
    await renderCard(
      mockSindriApi({
        getInstance: jest.fn().mockResolvedValue(
          instance('dev-alice', {
            latestMetrics: undefined,
            uptimeSeconds: undefined,
            region: undefined,
          }),
        ),
      }),
    );

    expect(await screen.findByText('running')).toBeInTheDocument();
    // region, uptime, cpu, memory, disk, metrics sampled
    expect(screen.getAllByText('not reported')).toHaveLength(6);
  });
});
