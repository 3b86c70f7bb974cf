import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { resourceEntityV1alpha1Validator } from '@backstage/catalog-model';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { FleetInstance } from '@internal/plugin-sindri-common';
import {
  createSindriRegistry,
  INSTANCE_CHANGED_TOPIC,
} from '@internal/plugin-sindri-node';
import { SindriInstanceEntityProvider } from './SindriInstanceEntityProvider';

const registryDir = path.resolve(__dirname, '../../../../registry/sindri-v3');

const instance: FleetInstance = {
  id: '0b1c2d3e-0000-4000-8000-000000000001',
  name: 'dev-alice',
  owner: 'group:default/platform',
  provider: 'kubernetes',
  region: 'eu-west-1',
  status: 'running',
  registeredAt: '2026-11-23T10:00:00.000Z',
  registration: {
    instanceId: 'i-1',
    name: 'dev-alice',
    provider: 'kubernetes',
    region: 'eu-west-1',
    hostname: 'dev-alice-0',
    os: { platform: 'linux', release: '6.1', arch: 'x64' },
    agentVersion: '0.1.0',
    bootTime: '2026-11-23T09:00:00.000Z',
    heartbeatIntervalSeconds: 10,
    extensions: [
      { name: 'playwright' },
      { name: 'nodejs' },
      { name: 'not-in-registry' },
    ],
  },
};

async function connectedProvider(fleet: FleetInstance[]) {
  const logger = mockServices.logger.mock();
  const events = DefaultEventsService.create({ logger });
  const registry = await createSindriRegistry(
    mockServices.rootConfig({
      data: { sindri: { registry: { path: registryDir } } },
    }),
  );
  const provider = new SindriInstanceEntityProvider({
    fleet: { listInstances: async () => fleet },
    events,
    logger,
    registry,
    taskRunner: {
      run: async task => {
        await task.fn(new AbortController().signal);
      },
    },
  });
  const applyMutation = jest.fn();
  await provider.connect({ applyMutation, refresh: jest.fn() });
  return { provider, events, applyMutation };
}

describe('SindriInstanceEntityProvider', () => {
  it('carries the same complete entity in the full mutation and in the delta', async () => {
    const { events, applyMutation } = await connectedProvider([instance]);
    await events.publish({
      topic: INSTANCE_CHANGED_TOPIC,
      eventPayload: { reason: 'registered', instance },
    });

    expect(applyMutation).toHaveBeenCalledTimes(2);
    const [[full], [delta]] = applyMutation.mock.calls;
    expect(full.type).toBe('full');
    expect(delta).toMatchObject({ type: 'delta', removed: [] });
    expect(delta.added[0]).toEqual(full.entities[0]);

    const entity = full.entities[0].entity;
    await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'dev-alice',
        labels: { 'sindri.io/status': 'running' },
        annotations: {
          'backstage.io/managed-by-location': `sindri:instance/${instance.id}`,
          'sindri.io/instance-id': instance.id,
          'sindri.io/provider': 'kubernetes',
          'sindri.io/region': 'eu-west-1',
          'backstage.io/kubernetes-id': 'dev-alice',
        },
      },
      spec: {
        type: 'sindri-instance',
        owner: 'group:default/platform',
        // only extensions the registry knows become relations
        dependsOn: ['component:sindri/nodejs', 'component:sindri/playwright'],
      },
    });
  });

  it('follows a status change with a delta carrying the new label', async () => {
    const { events, applyMutation } = await connectedProvider([instance]);
    await events.publish({
      topic: INSTANCE_CHANGED_TOPIC,
      eventPayload: {
        reason: 'status',
        instance: { ...instance, status: 'unresponsive' },
      },
    });

    const delta = applyMutation.mock.calls[1][0];
    expect(delta.added[0].entity.metadata.labels['sindri.io/status']).toBe(
      'unresponsive',
    );
  });

  it('takes a destroyed instance out with a delta removal', async () => {
    const { events, applyMutation } = await connectedProvider([instance]);
    await events.publish({
      topic: INSTANCE_CHANGED_TOPIC,
      eventPayload: { reason: 'removed', instance },
    });

    const delta = applyMutation.mock.calls[1][0];
    expect(delta).toMatchObject({ type: 'delta', added: [] });
    expect(delta.removed).toHaveLength(1);
    expect(delta.removed[0].entity.metadata.name).toBe(instance.name);
  });

  it('puts on an entity nothing the agent did not report', async () => {
    const bare: FleetInstance = {
      id: 'x',
      name: 'bare',
      owner: 'user:default/bob',
      status: 'unknown',
    };
    const { applyMutation } = await connectedProvider([bare]);
    const entity = applyMutation.mock.calls[0][0].entities[0].entity;

    expect(Object.keys(entity.metadata.annotations).sort()).toEqual([
      'backstage.io/managed-by-location',
      'backstage.io/managed-by-origin-location',
      'sindri.io/instance-id',
    ]);
    expect(entity.spec.dependsOn).toEqual([]);
    expect(entity.metadata.description).toBe('Sindri instance');
  });
});
