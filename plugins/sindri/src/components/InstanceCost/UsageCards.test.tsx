import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { InstanceUsage } from '@internal/plugin-sindri-common';
import { SWRConfig } from 'swr';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi, permissionApi } from '../../__testUtils__/fixtures';
import { UsageCards } from './UsageCards';

const idle: InstanceUsage['idle'] = {
  verdict: 'idle',
  days: 3,
  reasons: [
    'no terminal session or command in 3 days and CPU p95 1.2 % under 5 %',
  ],
  idleSince: '2026-11-28T10:00:00.000Z',
  costPerDay: 13.44,
  costSoFar: 53.76,
  activity: [
    {
      kind: 'terminal',
      lastAt: '2026-11-27T10:00:00.000Z',
      detail: 'a terminal session of user:default/alice',
      withinWindow: false,
    },
    { kind: 'command', detail: 'no command recorded', withinWindow: false },
    {
      kind: 'cpu',
      detail: 'p95 1.2 % over 864 samples (threshold 5 %)',
      withinWindow: false,
    },
    {
      kind: 'network',
      lastAt: '2026-12-01T10:00:00.000Z',
      detail: '40 KiB/s (threshold 16 KiB/s)',
      withinWindow: true,
    },
  ],
};

async function render(
  usage: InstanceUsage,
  allowed: Record<string, boolean>,
  api = mockSindriApi(),
) {
  (api.cost.usage as jest.Mock).mockResolvedValue(usage);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sindriApiRef, api],
        [permissionApiRef, permissionApi(allowed)],
      ]}
    >
      <SWRConfig value={{ provider: () => new Map() }}>
        <UsageCards name="dev-1" />
      </SWRConfig>
    </TestApiProvider>,
  );
  return api;
}

describe('UsageCards', () => {
  it('explains an idle flag with each last activity, its cost, and suspends in one click for who may', async () => {
    const api = mockSindriApi({
      runLifecycle: jest.fn().mockResolvedValue({}),
    });
    await render(
      {
        idle,
        rightSizing: {
          verdict: 'oversized',
          message: 'p95 use with 30 % headroom fits in 1 CPUs and 4 GB memory',
          data: {
            resolution: 'hourly averages',
            from: '2026-11-20T00:00:00.000Z',
            to: '2026-12-01T00:00:00.000Z',
            days: 11,
            samples: 264,
            cpuP95Percent: 2,
            memoryP95Gb: 2,
            allocated: { cpus: 8, memoryGb: 16 },
          },
          recommendation: {
            cpus: 1,
            memoryGb: 4,
            perHourNow: 0.56,
            perHourRecommended: 0.09,
            savingPer30Days: 112.8,
            runningHoursLast30Days: 240,
          },
        },
      },
      { 'sindri.instance.lifecycle': true },
      api,
    );
    expect(await screen.findByText('Idle: Idle')).toBeInTheDocument();
    expect(
      screen.getByText(/costs \$13\.44 a day more running/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('a terminal session of user:default/alice'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('40 KiB/s (threshold 16 KiB/s)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/saves \$112\.80 over 240 h running/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/From 264 hourly averages over 11 days/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Suspend' }));
    await waitFor(() =>
      expect(api.runLifecycle).toHaveBeenCalledWith('dev-1', {
        action: 'suspend',
      }),
    );
  });

  it('recommends nothing before the data exists, says why it is not idle, and offers no suspend without the permission', async () => {
    await render(
      {
        idle: {
          ...idle,
          verdict: 'active',
          reasons: ['a command on 2026-12-01T09:00:00.000Z'],
          idleSince: undefined,
          costPerDay: undefined,
          costSoFar: undefined,
        },
        rightSizing: {
          verdict: 'insufficient-data',
          message:
            '2.5 days of hourly samples; 7 are needed before a size is recommended',
          data: {
            resolution: 'hourly averages',
            to: '2026-12-01T00:00:00.000Z',
            days: 2.5,
            samples: 60,
            allocated: { cpus: 8 },
          },
        },
      },
      {},
    );
    expect(
      await screen.findByText(
        'Not idle: a command on 2026-12-01T09:00:00.000Z.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '2.5 days of hourly samples; 7 are needed before a size is recommended.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Recommended:/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Suspend' })).toBeNull();
  });
});
