import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { sindriApiRef } from '../../api/SindriApi';
import { instance, mockSindriApi } from '../../__testUtils__/fixtures';
import { commandsRouteRef } from '../../routes';
import { FleetPage } from './FleetPage';

function renderPage(api = mockSindriApi(), routes: Record<string, any> = {}) {
  return renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <FleetPage />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...routes,
      },
    },
  );
}

describe('FleetPage', () => {
  it('lists the fleet with status, provider, region, CPU and uptime', async () => {
    await renderPage(
      mockSindriApi({
        listInstances: jest.fn().mockResolvedValue([
          instance('dev-alice'),
          instance('dev-bob', {
            status: 'unresponsive',
            provider: undefined,
            region: undefined,
            uptimeSeconds: undefined,
            latestMetrics: undefined,
          }),
        ]),
      }),
    );

    expect(await screen.findByText('Instances (2)')).toBeInTheDocument();
    expect(screen.getByText('dev-alice')).toBeInTheDocument();
    expect(screen.getByText('running')).toBeInTheDocument();
    expect(screen.getByText('fly')).toBeInTheDocument();
    expect(screen.getByText('ams')).toBeInTheDocument();
    expect(screen.getByText('38%')).toBeInTheDocument();
    expect(screen.getByText('25%')).toBeInTheDocument();
    expect(screen.getByText('3h 2m')).toBeInTheDocument();
    expect(screen.getByText('unresponsive')).toBeInTheDocument();
    // dev-bob never reported provider, region, CPU, memory or uptime
    expect(screen.getAllByText('not reported')).toHaveLength(5);
  });

  it('explains how to add an instance when the fleet is empty', async () => {
    await renderPage();

    expect(
      await screen.findByText('No Sindri instances yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/console agent on it has enrolled/),
    ).toBeInTheDocument();
  });

  it('shows the API error instead of an empty fleet when the backend fails', async () => {
    await renderPage(
      mockSindriApi({
        listInstances: jest
          .fn()
          .mockRejectedValue(new Error('sindri backend is down')),
      }),
    );

    expect(
      await screen.findByText('Error: sindri backend is down'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No Sindri instances yet'),
    ).not.toBeInTheDocument();
  });

  it("says the fleet is not the user's to see, and which permission, rather than showing an error or an empty fleet", async () => {
    const forbidden = Object.assign(
      new Error('not permitted: sindri.instance.read'),
      { statusCode: 403 },
    );
    await renderPage(
      mockSindriApi({ listInstances: jest.fn().mockRejectedValue(forbidden) }),
    );

    expect(
      await screen.findByText('You are not permitted to see the fleet'),
    ).toBeInTheDocument();
    expect(screen.getByText('sindri.instance.read')).toBeInTheDocument();
    expect(
      screen.queryByText('No Sindri instances yet'),
    ).not.toBeInTheDocument();
  });

  it('links to the Run command page when the app mounts it', async () => {
    await renderPage(mockSindriApi(), { '/sindri/commands': commandsRouteRef });

    expect(
      await screen.findByRole('button', { name: /Run command/ }),
    ).toHaveAttribute('href', '/sindri/commands');
  });

  it('shows no Run command link when the app has no such page', async () => {
    await renderPage();

    expect(
      await screen.findByText('No Sindri instances yet'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Run command/ }),
    ).not.toBeInTheDocument();
  });
});
