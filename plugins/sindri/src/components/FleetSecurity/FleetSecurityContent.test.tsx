import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { FleetSecurity } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi } from '../../__testUtils__/fixtures';
import { FleetSecurityContent } from './FleetSecurityContent';

const fleet: FleetSecurity = {
  sync: {
    url: 'http://osv.test',
    lastSuccessAt: new Date().toISOString(),
    checked: 3,
    unsupported: 0,
    pending: 0,
  },
  instances: 2,
  withInventory: 1,
  bySeverity: { critical: 0, high: 1, medium: 1, low: 0, unknown: 0 },
  topAdvisories: [
    {
      id: 'GHSA-cx63-2mw6-8hw5',
      summary: 'setuptools vulnerable to Command Injection via package URL',
      severity: 'high',
      score: 8.8,
      instances: ['dev-1'],
    },
  ],
  criticalInstances: [],
  staleTokens: [{ name: 'dev-1', ageDays: 120 }],
  weakKeys: [],
  exposedPorts: [
    { name: 'dev-1', address: '0.0.0.0', port: 22, process: 'sshd' },
  ],
  withoutInventory: ['dev-2'],
};

describe('FleetSecurityContent', () => {
  it('lists findings per instance, says in words where there are none, and names instances that have not reported', async () => {
    const api = mockSindriApi();
    (api.security.fleet as jest.Mock).mockResolvedValue(fleet);
    await renderInTestApp(
      <TestApiProvider apis={[[sindriApiRef, api]]}>
        <FleetSecurityContent />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('GHSA-cx63-2mw6-8hw5')).toBeInTheDocument();
    expect(screen.getByText('120')).toBeInTheDocument();
    expect(screen.getByText('0.0.0.0:22')).toBeInTheDocument();
    expect(
      screen.getByText('No weak key among those the agents reported.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No readable instance carries a critical advisory that was checked.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Not reported yet \(no findings can be shown for them\): dev-2/,
      ),
    ).toBeInTheDocument();
  });
});
