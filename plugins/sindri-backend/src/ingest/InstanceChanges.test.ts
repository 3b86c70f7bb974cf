import { mockServices } from '@backstage/backend-test-utils';
import { EventsService } from '@backstage/plugin-events-node';
import { InstanceChanges } from './InstanceChanges';

const instance = { name: 'dev-1' } as any;

describe('InstanceChanges', () => {
  it('publishes on the instance-changed topic', async () => {
    const published: unknown[] = [];
    const changes = new InstanceChanges({
      publish: async (e: unknown) => {
        published.push(e);
      },
    } as unknown as EventsService);
    await changes.publish({ reason: 'registered', instance, first: true });
    expect(published).toEqual([
      {
        topic: 'sindri.instance.changed',
        eventPayload: { reason: 'registered', instance, first: true },
      },
    ]);
  });

  it('logs a bus that cannot take the event instead of failing what caused it', async () => {
    const logger = mockServices.logger.mock();
    const changes = new InstanceChanges(
      {
        publish: async () => {
          throw new Error('Request failed with 404 Not Found');
        },
      } as unknown as EventsService,
      logger,
    );
    await expect(
      changes.publish({ reason: 'status', instance }),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Change of instance dev-1 (status) not published to the events bus',
      ),
    );
  });
});
