import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { FleetEvent } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { mockSindriApi } from '../../__testUtils__/fixtures';
import { EventTimeline } from './EventTimeline';

const event = (
  id: string,
  type: FleetEvent['type'],
  extra: Partial<FleetEvent> = {},
): FleetEvent => ({
  id,
  at: new Date(Date.now() - 60_000).toISOString(),
  type,
  severity: 'info',
  instance: 'dev-1',
  ...extra,
});

function render(api: ReturnType<typeof mockSindriApi>, instance?: string) {
  return renderInTestApp(
    <TestApiProvider apis={[[sindriApiRef, api]]}>
      <EventTimeline instance={instance} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EventTimeline', () => {
  it("pages an instance's timeline newest first and links each event to what it concerns", async () => {
    const getInstanceEvents = jest
      .fn()
      .mockResolvedValueOnce({
        items: [
          event('01KB0000000000000000000003', 'heartbeat-lost', {
            severity: 'error',
            message: 'no heartbeat for three intervals',
          }),
          event('01KB0000000000000000000002', 'command-run', {
            severity: 'warning',
            message: 'command failed (exit code 3)',
            subject: { kind: 'command', id: 'run-1' },
          }),
        ],
        nextCursor: '01KB0000000000000000000002',
      })
      .mockResolvedValueOnce({
        items: [
          event('01KB0000000000000000000001', 'started', {
            message: 'sindri-agent started',
          }),
        ],
      });
    await render(mockSindriApi({ getInstanceEvents }), 'dev-1');

    expect(await screen.findByText('Heartbeat lost')).toBeInTheDocument();
    expect(
      screen.getByText('no heartbeat for three intervals'),
    ).toBeInTheDocument();
    expect(screen.getByText('error')).toBeInTheDocument();
    expect(screen.getByText('commands')).toHaveAttribute(
      'href',
      '/catalog/default/resource/dev-1/commands',
    );
    expect(getInstanceEvents).toHaveBeenLastCalledWith('dev-1', {
      limit: 50,
      before: undefined,
      types: undefined,
      severities: undefined,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Older events' }));
    expect(await screen.findByText('sindri-agent started')).toBeInTheDocument();
    expect(getInstanceEvents).toHaveBeenLastCalledWith(
      'dev-1',
      expect.objectContaining({ before: '01KB0000000000000000000002' }),
    );
    // the last page: nothing older to ask for, and the newer rows stay
    expect(screen.queryByRole('button', { name: 'Older events' })).toBeNull();
    expect(screen.getByText('Heartbeat lost')).toBeInTheDocument();
    expect(screen.getByText('agent')).toBeInTheDocument();
    expect(screen.getAllByText('portal')).toHaveLength(2);
  });

  it('asks the backend for the chosen types and starts again from the newest', async () => {
    const listEvents = jest.fn().mockResolvedValue({ items: [] });
    await render(mockSindriApi({ listEvents }));
    await waitFor(() => expect(listEvents).toHaveBeenCalledTimes(1));

    fireEvent.mouseDown(
      within(screen.getByText('Event types').parentElement!).getByRole(
        'button',
      ),
    );
    fireEvent.click(await screen.findByText('Heartbeat lost'));
    await waitFor(() =>
      expect(listEvents).toHaveBeenLastCalledWith({
        limit: 50,
        before: undefined,
        types: ['heartbeat-lost'],
        severities: undefined,
        instance: undefined,
      }),
    );
    expect(
      await screen.findByText('No recorded event matches these filters.'),
    ).toBeInTheDocument();
  });

  it('says nothing is recorded rather than that all is well', async () => {
    await render(
      mockSindriApi({ listEvents: jest.fn().mockResolvedValue({ items: [] }) }),
    );
    expect(
      await screen.findByText(
        /No events recorded yet.*does not mean nothing happened/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a failure as one, not as an empty timeline', async () => {
    await render(
      mockSindriApi({
        listEvents: jest
          .fn()
          .mockRejectedValue(new Error('the backend is down')),
      }),
    );
    expect(
      await screen.findByText('Error: the backend is down'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No events recorded yet/)).toBeNull();
  });

  it('links fleet events to their instance', async () => {
    await render(
      mockSindriApi({
        listEvents: jest.fn().mockResolvedValue({
          items: [
            event('01KB0000000000000000000009', 'connected', {
              instance: 'dev-7',
            }),
          ],
        }),
      }),
    );
    expect(await screen.findByText('dev-7')).toHaveAttribute(
      'href',
      '/catalog/default/resource/dev-7',
    );
  });
});
