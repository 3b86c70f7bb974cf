import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import permissionPlugin from '@backstage/plugin-permission-backend';
import permissionModuleSindriPolicy from '.';

describe('permissionModuleSindriPolicy', () => {
  it('answers authorize requests through the Sindri policy', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleSindriPolicy,
        mockServices.rootConfig.factory({ data: { permission: { enabled: true } } }),
      ],
    });

    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', 'Bearer mock-user-token')
      .send({
        items: [
          {
            id: '1',
            permission: { type: 'basic', name: 'catalog.entity.create', attributes: { action: 'create' } },
          },
        ],
      });

    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ id: '1', result: 'ALLOW' }]);
  });
});
