import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import request from 'supertest';
import permissionPlugin from '@backstage/plugin-permission-backend';
import permissionModuleSindriPolicy from '.';

describe('permissionModuleSindriPolicy', () => {
  it('answers authorize requests through the Sindri policy', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleSindriPolicy,
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });

    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', 'Bearer mock-user-token')
      .send({
        items: [
          {
            id: '1',
            permission: {
              type: 'basic',
              name: 'catalog.entity.create',
              attributes: { action: 'create' },
            },
          },
          {
            id: '2',
            permission: {
              type: 'basic',
              name: 'scaffolder.template.parameter.read',
              attributes: { action: 'read' },
            },
          },
        ],
      });

    // a signed-in user in no mapped group is a viewer: templates yes, catalog writes no
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: '1', result: 'DENY' },
      { id: '2', result: 'ALLOW' },
    ]);
  });
});

describe('permissionModuleSindriPolicy role reload', () => {
  it('applies a changed sindri.permissions mapping to the next decision', async () => {
    const config = mockServices.rootConfig({
      data: {
        permission: { enabled: true },
        sindri: { permissions: { roles: { admin: ['user:default/mock'] } } },
      },
    });
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleSindriPolicy,
        createServiceFactory({
          service: coreServices.rootConfig,
          deps: {},
          factory: () => config,
        }),
      ],
    });
    const terminal = () =>
      request(server)
        .post('/api/permission/authorize')
        .set('Authorization', 'Bearer mock-user-token')
        .send({
          items: [
            {
              id: '1',
              permission: {
                type: 'resource',
                resourceType: 'sindri-instance',
                name: 'sindri.instance.terminal',
                attributes: { action: 'update' },
              },
              resourceRef: 'resource:default/dev-1',
            },
          ],
        });

    expect((await terminal()).body.items[0].result).toBe('ALLOW');
    config.update({
      data: {
        permission: { enabled: true },
        sindri: {
          permissions: { roles: { admin: [], viewer: ['user:default/mock'] } },
        },
      },
    });
    expect((await terminal()).body.items[0].result).toBe('DENY');
  });
});
