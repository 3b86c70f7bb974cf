import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Alert, AlertRule } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import {
  mockAlertsApi,
  mockSindriApi,
  permissionApi,
} from '../../__testUtils__/fixtures';
import { SWRConfig } from 'swr';
import { AlertsPage } from './AlertsPage';

const firing: Alert = {
  id: '01KB0000000000000000000001',
  ruleId: '5e6d0c1a-0001-4000-8000-000000000005',
  ruleName: 'Heartbeat lost',
  instance: 'dev-1',
  state: 'firing',
  severity: 'critical',
  summary: 'No heartbeat since 2026-12-01T10:00:00.000Z',
  pendingSince: new Date(Date.now() - 120_000).toISOString(),
  firedAt: new Date(Date.now() - 120_000).toISOString(),
};

const rule: AlertRule = {
  id: '5e6d0c1a-0001-4000-8000-000000000001',
  name: 'CPU above 90 % for 5 minutes',
  enabled: true,
  condition: { kind: 'metric', metric: 'cpu', threshold: 90, forSeconds: 300 },
  scope: { kind: 'fleet' },
  severity: 'warning',
  channels: [],
  notifyOwners: true,
  resolveAfterSeconds: 300,
  builtin: true,
  updatedAt: '2026-12-01T00:00:00.000Z',
};

async function render(
  alerts: ReturnType<typeof mockAlertsApi>,
  allowed: Record<string, boolean>,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sindriApiRef, mockSindriApi({ alerts })],
        [permissionApiRef, permissionApi(allowed)],
      ]}
    >
      {/* a permission cache of its own: usePermission keeps decisions across tests */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <AlertsPage />
      </SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

jest.setTimeout(60_000);

describe('AlertsPage', () => {
  it('lists open alerts with their instance, acknowledges one, and shows where it was sent', async () => {
    const alerts = mockAlertsApi({
      list: jest.fn(async query =>
        query?.state === 'open' ? { items: [firing] } : { items: [] },
      ),
      listRules: jest.fn().mockResolvedValue([rule]),
      acknowledge: jest.fn().mockResolvedValue(firing),
      deliveries: jest.fn().mockResolvedValue([
        {
          id: 1,
          channel: { type: 'notifications', name: "the instance's owners" },
          transition: 'fired',
          state: 'delivered',
          attempts: 1,
          deliveredAt: firing.firedAt,
          createdAt: firing.firedAt,
        },
        {
          id: 2,
          channel: { id: 'c', type: 'webhook', name: 'ops hook' },
          transition: 'fired',
          state: 'pending',
          attempts: 2,
          lastError: 'the channel answered 503',
          nextAttemptAt: new Date(Date.now() + 30_000).toISOString(),
          createdAt: firing.firedAt,
        },
      ]),
    });
    await render(alerts, { 'sindri.alert.respond': true });

    const row = (
      await screen.findByText(firing.summary, {}, { timeout: 15_000 })
    ).closest('tr')!;
    expect(within(row).getByText('dev-1')).toHaveAttribute(
      'href',
      '/catalog/default/resource/dev-1',
    );
    expect(within(row).getByText('firing')).toBeInTheDocument();
    expect(screen.getByText('CPU above 90 % for 5 min')).toBeInTheDocument();
    // no channel table without sindri.alert.manage
    expect(screen.queryByText('Channels')).not.toBeInTheDocument();
    expect(alerts.listChannels).not.toHaveBeenCalled();

    fireEvent.click(
      await within(row).findByRole('button', { name: 'Acknowledge' }),
    );
    await waitFor(() =>
      expect(alerts.acknowledge).toHaveBeenCalledWith(firing.id),
    );

    const again = screen.getByText(firing.summary).closest('tr')!;
    fireEvent.click(within(again).getAllByRole('button')[0]);
    expect(
      await screen.findByText(
        /the channel answered 503/,
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Backstage notification\): delivered/),
    ).toBeInTheDocument();
  });

  it('says what an empty list means, and hides responses from those who may not respond', async () => {
    const alerts = mockAlertsApi({
      listRules: jest.fn().mockResolvedValue([rule]),
    });
    await render(alerts, {});
    expect(
      await screen.findByText(
        /No alert is open: 1 enabled rules found nothing on the instances you may read/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add rule' }),
    ).not.toBeInTheDocument();
  });

  it('lets a manager add a channel without ever showing its secret back', async () => {
    const alerts = mockAlertsApi({
      listChannels: jest.fn().mockResolvedValue([
        {
          id: '7b1c2a9e-3b7d-4c21-9a55-0d4e8f1b2c3d',
          name: 'team slack',
          type: 'slack',
          secretSet: true,
          updatedAt: '2026-12-01T00:00:00.000Z',
        },
      ]),
      createChannel: jest.fn().mockResolvedValue({}),
    });
    await render(alerts, { 'sindri.alert.manage': true });
    await waitFor(() => expect(alerts.listChannels).toHaveBeenCalled());
    expect(await screen.findByText('team slack')).toBeInTheDocument();
    expect(screen.getByText('stored (encrypted)')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Add channel' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Name'), {
      target: { value: 'ops hook' },
    });
    fireEvent.change(within(dialog).getByLabelText('URL'), {
      target: { value: 'https://hooks.example.com/sindri' },
    });
    fireEvent.change(within(dialog).getByLabelText('Signing key'), {
      target: { value: 'k3y' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(alerts.createChannel).toHaveBeenCalledWith({
        name: 'ops hook',
        type: 'webhook',
        url: 'https://hooks.example.com/sindri',
        secret: 'k3y',
      }),
    );
  });
});
