import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { FleetPage } from './FleetPage';

const instance = (name: string, extra: Partial<Entity['metadata']> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', ...extra },
  spec: { type: 'sindri-instance', owner: 'group:default/platform' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/platform' }],
});

const website: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'shared-bucket', namespace: 'default' },
  spec: { type: 's3-bucket', owner: 'group:default/platform' },
};

function renderPage(entities: Entity[]) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApiMock({ entities })]]}>
      <FleetPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('FleetPage', () => {
  it('lists only sindri-instance resources, with status, provider and region', async () => {
    await renderPage([
      instance('dev-alice', {
        labels: { 'sindri.io/status': 'running' },
        annotations: { 'sindri.io/provider': 'fly', 'sindri.io/region': 'ams' },
      }),
      instance('dev-bob'),
      website,
    ]);

    expect(await screen.findByText('Instances (2)')).toBeInTheDocument();
    expect(screen.getByText('dev-alice')).toBeInTheDocument();
    expect(screen.getByText('running')).toBeInTheDocument();
    expect(screen.getByText('fly')).toBeInTheDocument();
    expect(screen.getByText('ams')).toBeInTheDocument();
    expect(screen.getByText('dev-bob')).toBeInTheDocument();
    // dev-bob reports nothing yet: status, provider and region say so
    expect(screen.getAllByText('not reported')).toHaveLength(3);
    expect(screen.queryByText('shared-bucket')).not.toBeInTheDocument();
  });

  it('explains how to add an instance when the fleet is empty', async () => {
    await renderPage([website]);

    expect(await screen.findByText('No Sindri instances yet')).toBeInTheDocument();
    expect(screen.getByText(/console agent enrolling the instance/)).toBeInTheDocument();
  });

  it('shows the catalog error instead of an empty fleet when the catalog fails', async () => {
    const failing = catalogApiMock.mock({
      getEntities: jest.fn().mockRejectedValue(new Error('catalog is down')),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, failing]]}>
        <FleetPage />
      </TestApiProvider>,
    );

    expect(await screen.findByText('Error: catalog is down')).toBeInTheDocument();
    expect(screen.queryByText('No Sindri instances yet')).not.toBeInTheDocument();
  });
});
