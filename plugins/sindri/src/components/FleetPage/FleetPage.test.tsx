import { fireEvent, screen } from '@testing-library/react';
import { FleetSummary } from '@internal/plugin-sindri-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { sindriApiRef } from '../../api/SindriApi';
import { instance, mockSindriApi } from '../../__testUtils__/fixtures';
import { commandsRouteRef, rootRouteRef } from '../../routes';
import { FleetPage } from './FleetPage';

/** The page at one of its tabs: the instance list unless told otherwise. */
function renderPage(
  api = mockSindriApi(),
  routes: Record<string, any> = {},
  tab = '/instances',
) {
  return renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <FleetPage />
    </TestApiProvider>,
    {
      routeEntries: [tab],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/sindri': rootRouteRef,
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

  it('opens on the overview: health counts linked to the filtered list, charts and rankings with their sources', async () => {
    const summary: FleetSummary = {
      generatedAt: new Date().toISOString(),
      health: { running: 7, unresponsive: 2, stopped: 1, unknown: 0 },
      drift: { 'in-sync': 2, drifted: 1, unknown: 0 },
      byProvider: [
        { provider: 'fly', count: 6 },
        { provider: null, count: 4 },
      ],
      byRegion: [{ provider: 'fly', region: 'ams', count: 6 }],
      live: { terminalSessions: 3, runningCommands: 1 },
      activity: { from: new Date().toISOString(), hours: [] },
      availability: {
        computedAt: new Date().toISOString(),
        items: [
          { instance: 'dev-ok', ratio24h: 1, ratio7d: 0.99 },
          { instance: 'dev-flaky', ratio24h: 0.42, ratio7d: null },
        ],
      },
      top: {
        cpu: [
          { instance: 'dev-hot', percent: 97.5, at: new Date().toISOString() },
        ],
        memory: [],
      },
      sources: {
        health: 'each status',
        live: 'the audit',
        byProvider: 'what agents registered',
        activity: 'lifecycle operations',
        availability: 'heartbeats',
        top: 'newest samples',
      },
    };
    await renderPage(
      mockSindriApi({ getFleetSummary: jest.fn().mockResolvedValue(summary) }),
      {},
      '/',
    );

    expect(await screen.findByText('Unresponsive')).toBeInTheDocument();
    expect(screen.getByText('2').closest('a')).toHaveAttribute(
      'href',
      '/sindri/instances?status=unresponsive',
    );
    expect(screen.getByText('Terminal sessions now')).toBeInTheDocument();
    expect(screen.getByText('dev-hot')).toHaveAttribute(
      'href',
      '/catalog/default/resource/dev-hot',
    );
    expect(screen.getByText('98%')).toBeInTheDocument();
    // the least available first; an instance too new to say is told so, not shown as 0 or 100 %
    const flaky = screen.getByText('dev-flaky').closest('tr')!;
    expect(flaky).toHaveTextContent('42%');
    expect(flaky).toHaveTextContent('7 d: not enough time yet');
    // empty data says so, and every card names its source
    expect(
      screen.getByText('No operation in the last 24 h.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No instance reported metrics in the last 5 minutes.'),
    ).toBeInTheDocument();
    // providers, regions and the map
    expect(screen.getAllByText(/what agents registered/)).toHaveLength(3);
  });

  it("filters the list by the status the overview's link names", async () => {
    await renderPage(
      mockSindriApi({
        listInstances: jest
          .fn()
          .mockResolvedValue([
            instance('dev-alice'),
            instance('dev-bob', { status: 'unresponsive' }),
          ]),
      }),
      {},
      '/instances?status=unresponsive',
    );
    expect(await screen.findByText('dev-bob')).toBeInTheDocument();
    expect(screen.queryByText('dev-alice')).toBeNull();
  });

  it('jumps to any instance the user may read from the header: / focuses the switcher, which lists them', async () => {
    const listInstances = jest
      .fn()
      .mockResolvedValue([instance('dev-alice'), instance('dev-bob')]);
    await renderPage(mockSindriApi({ listInstances }), {}, '/activity');
    const box = screen.getByRole('textbox', { name: 'Go to an instance' });
    fireEvent.keyDown(window, { key: '/' });
    expect(box).toHaveFocus();
    fireEvent.change(box, { target: { value: 'bob' } });
    expect(
      await screen.findByRole('option', { name: 'dev-bob' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'dev-alice' })).toBeNull();
  });
});
