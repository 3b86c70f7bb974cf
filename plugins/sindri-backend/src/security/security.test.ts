import crypto from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import {
  FleetSecurity,
  InstanceSecurity,
  InventoryPart,
} from '@internal/plugin-sindri-common';
import {
  OsvTestServer,
  realOsvRecords,
} from '@internal/plugin-sindri-node/testUtils';
import request from 'supertest';
import { sindriPlugin } from '../plugin';
import { registration, registryDir } from '../__testUtils__/fixtures';
import { manualScheduler } from '../__testUtils__/manualScheduler';

jest.setTimeout(60_000);

const records = realOsvRecords();

const HASH = 'b'.repeat(64);
const part = (n: number, extra: Partial<InventoryPart>): InventoryPart => ({
  id: crypto.randomUUID(),
  hash: HASH,
  collectedAt: new Date().toISOString(),
  part: n,
  parts: 2,
  components: [],
  ...extra,
});

describe('security', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'assembles an inventory from its parts, matches it against an OSV service, keeps the findings through an outage and says since when, and exports CycloneDX, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const osv = await OsvTestServer.start({ records });
      const scheduler = manualScheduler();
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          scheduler.factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              sindri: {
                registry: { path: registryDir },
                security: {
                  osv: { url: osv.url, recheckAfter: { milliseconds: 1 } },
                },
              },
            },
          }),
        ],
      });
      const user = mockCredentials.user.header();
      const get = (url: string) =>
        request(backend.server)
          .get(`/api/sindri${url}`)
          .set('Authorization', user);
      const enrolled = await request(backend.server)
        .post('/api/sindri/enrollments')
        .set('Authorization', user)
        .send({ name: 'dev-1', owner: 'group:default/platform' })
        .expect(201);
      const send = (frames: unknown[]) =>
        request(backend.server)
          .post('/api/sindri/ingest')
          .set('Authorization', `Bearer ${enrolled.body.token}`)
          .send({ frames });
      await send([
        { type: 'register', registration: registration('dev-1') },
      ]).expect(200);

      // a part that cannot be: refused, naming the field
      const bad = await send([
        { type: 'inventory', inventory: part(2, {}) },
      ]).expect(200);
      expect(bad.body.results[0]).toMatchObject({
        type: 'error',
        status: 400,
      });
      expect(bad.body.results[0].message).toMatch(/inventory\.part/);

      await send([
        {
          type: 'inventory',
          inventory: part(0, {
            os: { id: 'debian', versionId: '12' },
            sources: [
              { source: 'pip', state: 'collected', count: 2 },
              { source: 'dpkg', state: 'collected', count: 1 },
              {
                source: 'rpm',
                state: 'unavailable',
                message: 'rpm is not installed',
              },
            ],
            access: {
              sshKeys: [
                {
                  file: '/home/dev/.ssh/authorized_keys',
                  type: 'ssh-rsa',
                  bits: 1024,
                  fingerprint:
                    'SHA256:3nq1c7gJ0m6m4kT8N0m1oNqZo8S6x6b6u9cQw1Xr2cE',
                  comment: 'old@laptop',
                  weak: 'RSA of 1024 bits: below 2048',
                },
              ],
              listening: [
                {
                  protocol: 'tcp',
                  address: '0.0.0.0',
                  port: 22,
                  process: 'sshd',
                },
                { protocol: 'tcp', address: '127.0.0.1', port: 5432 },
              ],
            },
            components: [
              {
                source: 'pip',
                name: 'pip',
                version: '23.2.1',
                purl: 'pkg:pypi/pip@23.2.1',
              },
            ],
          }),
        },
      ]).expect(200);
      // one part of two: nothing is shown as the inventory yet
      expect((await get('/instances/dev-1/security')).body.inventory).toBe(
        undefined,
      );
      await send([
        {
          type: 'inventory',
          inventory: part(1, {
            components: [
              {
                source: 'pip',
                name: 'setuptools',
                version: '65.5.0',
                purl: 'pkg:pypi/setuptools@65.5.0',
              },
              {
                source: 'dpkg',
                name: 'coreutils',
                version: '9.1-1',
                purl: 'pkg:deb/debian/coreutils@9.1-1?arch=amd64&distro=debian-12',
              },
            ],
          }),
        },
      ]).expect(200);

      let security: InstanceSecurity = (
        await get('/instances/dev-1/security').expect(200)
      ).body;
      expect(security.inventory).toMatchObject({
        hash: HASH,
        componentCount: 3,
        os: { id: 'debian', versionId: '12' },
      });
      expect(security.components.map(c => c.name)).toEqual([
        'coreutils',
        'pip',
        'setuptools',
      ]);
      // never synced: no findings, and it says so rather than "none"
      expect(security.advisories).toEqual([]);
      expect(security.sync).toEqual({
        url: osv.url,
        checked: 0,
        unsupported: 0,
        pending: 3,
      });

      await scheduler.run('sindri-advisories');
      security = (await get('/instances/dev-1/security').expect(200)).body;
      expect(
        security.advisories.map(a => [
          a.id,
          a.severity,
          a.score,
          a.package.name,
          a.fixed,
        ]),
      ).toEqual([
        ['GHSA-cx63-2mw6-8hw5', 'high', 8.8, 'setuptools', ['70.0.0']],
        ['GHSA-mq26-g339-26xf', 'medium', 5.5, 'pip', ['23.3']],
      ]);
      expect(security.advisories[1].aliases).toEqual(['CVE-2023-5752']);
      expect(security.advisories[1].affected).toEqual([
        'from the first, < 23.3',
      ]);
      expect(security.sync).toMatchObject({ checked: 3, pending: 0 });
      expect(security.sync.lastSuccessAt).toBeDefined();
      // Debian's package was asked under its ecosystem and release
      expect(osv.batches[0]).toContainEqual({
        package: { ecosystem: 'Debian:12', name: 'coreutils' },
        version: '9.1-1',
      });
      expect(security.access.sshKeys[0].weak).toBe(
        'RSA of 1024 bits: below 2048',
      );
      expect(security.access.listening.map(p => [p.port, p.exposed])).toEqual([
        [22, true],
        [5432, false],
      ]);
      expect(security.access.token).toMatchObject({
        ageDays: 0,
        rotationDays: 90,
        stale: false,
      });

      // a high advisory on an installed package fires the alert engine's rule
      await scheduler.run('sindri-alerts');
      const alerts = (await get('/alerts?state=open').expect(200)).body.items;
      expect(alerts.map((a: any) => [a.ruleName, a.instance])).toContainEqual([
        'High or critical advisory on an installed package',
        'dev-1',
      ]);

      // CycloneDX, valid against the 1.6 schema
      const sbom = await get('/instances/dev-1/sbom').expect(200);
      expect(sbom.headers['content-type']).toMatch(
        /^application\/vnd\.cyclonedx\+json/,
      );
      const text = sbom.text ?? sbom.body.toString();
      expect(
        await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(
          text,
        ),
      ).toBeNull();
      expect(JSON.parse(text).components.map((c: any) => c.purl)).toEqual([
        'pkg:deb/debian/coreutils@9.1-1?arch=amd64&distro=debian-12',
        'pkg:pypi/pip@23.2.1',
        'pkg:pypi/setuptools@65.5.0',
      ]);

      // the source goes away: the findings stay, and the sync says since when it failed
      const lastSuccess = security.sync.lastSuccessAt;
      await osv.stop();
      await scheduler.run('sindri-advisories');
      security = (await get('/instances/dev-1/security').expect(200)).body;
      expect(security.advisories).toHaveLength(2);
      expect(security.sync.lastSuccessAt).toBe(lastSuccess);
      expect(security.sync.lastError).toMatch(
        /v1\/querybatch: (ECONNREFUSED|UND_ERR_SOCKET|ECONNRESET)/,
      );
      expect(Date.parse(security.sync.lastAttemptAt!)).toBeGreaterThan(
        Date.parse(lastSuccess!),
      );

      const fleet: FleetSecurity = (await get('/fleet/security').expect(200))
        .body;
      expect(fleet).toMatchObject({
        instances: 1,
        withInventory: 1,
        bySeverity: { critical: 0, high: 1, medium: 1, low: 0, unknown: 0 },
        weakKeys: [expect.objectContaining({ name: 'dev-1', bits: 1024 })],
        exposedPorts: [
          { name: 'dev-1', address: '0.0.0.0', port: 22, process: 'sshd' },
        ],
        staleTokens: [],
        withoutInventory: [],
      });
      expect(fleet.topAdvisories[0].instances).toEqual(['dev-1']);
      const fleetBom = await get('/fleet/sbom').expect(200);
      expect(
        await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(
          fleetBom.text ?? fleetBom.body.toString(),
        ),
      ).toBeNull();
      await backend.stop();
      await osv.stop();
    },
  );
});
