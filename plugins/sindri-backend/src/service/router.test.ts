import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { sindriPlugin } from '../plugin';

jest.setTimeout(60_000);

const registryDir = path.resolve(__dirname, '../../../../registry/sindri-v3');

describe('the spec-driven router', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const admin = mockCredentials.user('user:default/admin');

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        sindriPlugin,
        mockServices.rootConfig.factory({
          data: { sindri: { registry: { path: registryDir } } },
        }),
      ],
    }));
  });

  it('refuses a query parameter the spec does not name, with a 400 naming it', async () => {
    const res = await request(server)
      .get('/api/sindri/instances?colour=blue')
      .set('Authorization', mockCredentials.user.header('user:default/admin'));
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(/query\.colour/);
  });

  it('refuses a body property the spec forbids before the route runs, naming the field', async () => {
    const res = await request(server)
      .post('/api/sindri/config/validate')
      .set('Authorization', mockCredentials.user.header('user:default/admin'))
      .send({ sindriYaml: 'name: x', extra: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^\(root\): must NOT have additional properties/,
    );
  });

  it('names a nested field the way the routes do', async () => {
    const res = await request(server)
      .post('/api/sindri/commands')
      .set('Authorization', mockCredentials.user.header('user:default/admin'))
      .send({ command: { argv: 'ls' }, target: { instances: ['a'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^command/);
    expect(res.body.error.message).not.toMatch(/request\//);
  });

  it('serves the spec it validates against', async () => {
    const res = await request(server).get('/api/sindri/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.info.title).toBe('sindri');
    expect(Object.keys(res.body.paths)).toContain('/api/sindri/instances');
    expect(admin.principal.userEntityRef).toBe('user:default/admin');
  });
});
