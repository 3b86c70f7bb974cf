import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Alert, FleetSummary } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { rootRouteRef } from '../../routes';
import { mockAlertsApi, mockSindriApi } from '../../__testUtils__/fixtures';
import { FleetHealthContent } from './FleetHealthContent';
import { OpenAlertsContent } from './OpenAlertsContent';

const firing = (id: string, severity: Alert['severity']): Alert => ({
  id,
  ruleId: 'r',
  ruleName: 'Heartbeat lost',
  instance: `dev-${id.slice(-1)}`,
  state: 'firing',
  severity,
  summary: 'No heartbeat received',
  pendingSince: new Date().toISOString(),
  firedAt: new Date().toISOString(),
});

async function render(
  api: ReturnType<typeof mockSindriApi>,
  card: JSX.Element,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>{card}</TestApiProvider>,
    { mountedRoutes: { '/sindri': rootRouteRef } },
  );
}

describe('home page cards', () => {
  it('count the firing alerts by severity and link the newest to the Alerts page', async () => {
    const list = jest.fn().mockResolvedValue({
      items: [
        firing('01KB0000000000000000000003', 'critical'),
        firing('01KB0000000000000000000002', 'critical'),
        firing('01KB0000000000000000000001', 'warning'),
      ],
    });
    await render(
      mockSindriApi({ alerts: mockAlertsApi({ list }) }),
      <OpenAlertsContent />,
    );
    expect(await screen.findByText('critical')).toBeInTheDocument();
    expect(screen.getByText('Heartbeat lost on dev-3')).toHaveAttribute(
      'href',
      '/sindri/alerts?alert=01KB0000000000000000000003',
    );
    expect(list).toHaveBeenCalledWith({ state: 'firing', limit: 200 });
  });

  it('say that nothing fires rather than showing an empty card', async () => {
    await render(mockSindriApi(), <OpenAlertsContent />);
    expect(
      await screen.findByText(
        /No alert is firing on the instances you may read/,
      ),
    ).toBeInTheDocument();
  });

  it('show the health counts linked to the filtered instance list', async () => {
    const summary = {
      generatedAt: new Date().toISOString(),
      health: { running: 3, unresponsive: 1, stopped: 0, unknown: 0 },
      drift: { 'in-sync': 3, drifted: 1, unknown: 0 },
      live: { terminalSessions: 2, runningCommands: 0 },
      sources: { health: 'each status', live: 'the audit' },
    } as unknown as FleetSummary;
    await render(
      mockSindriApi({ getFleetSummary: jest.fn().mockResolvedValue(summary) }),
      <FleetHealthContent />,
    );
    expect(await screen.findByRole('link', { name: '3' })).toHaveAttribute(
      'href',
      '/sindri/instances?status=running',
    );
    // the drifted count links to the instances filtered by it
    expect(
      screen.getByText('Drifted from their sindri.yaml').previousSibling,
    ).toHaveTextContent('1');
    expect(
      screen
        .getAllByRole('link', { name: '1' })
        .map(l => l.getAttribute('href')),
    ).toContain('/sindri/instances?drift=drifted');
    expect(screen.getByText(/each status; the audit/)).toBeInTheDocument();
  });
});
