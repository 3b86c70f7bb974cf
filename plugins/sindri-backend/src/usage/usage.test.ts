import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { FleetCost, InstanceUsage } from '@internal/plugin-sindri-common';
import request from 'supertest';
import { Knex } from 'knex';
import { sindriPlugin } from '../plugin';
import { registration, registryDir } from '../__testUtils__/fixtures';
import { manualScheduler } from '../__testUtils__/manualScheduler';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GB = 1e9;
const YAML = (name: string) =>
  `version: "3.0"\nname: ${name}\ndeployment:\n  provider: docker\n  resources:\n    cpus: 8\n    memory: 16GB\nextensions:\n  profile: minimal\n`;

/** A metrics sample as an agent sends it (and the downsampler stores it). */
const sample = (at: Date, cpu: number, usedGb: number, netBytes: number) =>
  JSON.stringify({
    id: `s-${at.getTime()}`,
    at: at.toISOString(),
    cpu: { percent: cpu },
    memory: {
      totalBytes: 16 * GB,
      usedBytes: usedGb * GB,
      availableBytes: (16 - usedGb) * GB,
    },
    network: { rxBytes: netBytes, txBytes: 0 },
  });

async function seedInstance(
  server: any,
  knex: Knex,
  name: string,
  hourNow: number,
) {
  const enrolled = await request(server)
    .post('/api/sindri/enrollments')
    .set('Authorization', mockCredentials.user.header())
    .send({ name, owner: 'group:default/platform' })
    .expect(201);
  await request(server)
    .post('/api/sindri/ingest')
    .set('Authorization', `Bearer ${enrolled.body.token}`)
    .send({ frames: [{ type: 'register', registration: registration(name) }] })
    .expect(200);
  const id = enrolled.body.instanceId;
  await knex('instance_deployments').insert({
    instance_id: id,
    driver: 'local',
    state: 'running',
    sindri_yaml: YAML(name),
    provider: 'docker',
    created_by: 'user:default/mock',
    created_at: new Date(),
    updated_at: new Date(),
  });
  await knex('instance_status_changes').where({ instance_id: id }).delete();
  await knex('instance_status_changes').insert({
    instance_id: id,
    status: 'running',
    at: new Date(hourNow - 10 * DAY),
  });
  // 8 days of hourly averages, 2 % CPU and 2 GB in use, 1 KB/s of traffic
  const rows = [];
  for (let h = 1; h <= 8 * 24; h++) {
    const at = new Date(hourNow - h * HOUR);
    rows.push({
      id: `${id}:1h:${at.getTime()}`,
      instance_id: id,
      resolution: '1h',
      at,
      data: sample(at, 2, 2, (8 * 24 - h) * 3_600_000),
    });
  }
  for (let i = 0; i < rows.length; i += 50)
    await knex('metric_samples').insert(rows.slice(i, i + 50));
  return id;
}

async function commandOn(
  knex: Knex,
  instanceId: string,
  name: string,
  by: string,
  at: Date,
) {
  const runId = `00000000-0000-4000-8000-${String(at.getTime()).slice(-12)}`;
  await knex('command_runs').insert({
    id: runId,
    created_by: by,
    created_at: at,
    ended_at: at,
    command: JSON.stringify({ argv: ['true'] }),
    target: JSON.stringify({ instances: [name] }),
    timeout_s: 60,
    concurrency: 1,
    state: 'done',
  });
  await knex('command_results').insert({
    id: `10000000-0000-4000-8000-${String(at.getTime()).slice(-12)}`,
    run_id: runId,
    instance_id: instanceId,
    instance_name: name,
    state: 'succeeded',
    started_at: at,
    ended_at: at,
  });
}

describe('idle and right-sizing', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'flags an instance left alone as idle with why, keeps one in use, recommends a smaller size from 8 days of samples, and prices the fleet per developer-hour, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          manualScheduler().factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              sindri: {
                registry: { path: registryDir },
                cost: {
                  rates: [
                    {
                      provider: 'docker',
                      item: 'vcpu',
                      price: 0.05,
                      unit: 'hour',
                      source: 'test chargeback',
                    },
                    {
                      provider: 'docker',
                      item: 'memory-gb',
                      price: 0.01,
                      unit: 'hour',
                      source: 'test chargeback',
                    },
                  ],
                },
              },
            },
          }),
        ],
      });
      const hourNow = Math.floor(Date.now() / HOUR) * HOUR;
      const quiet = await seedInstance(backend.server, knex, 'quiet', hourNow);
      const busy = await seedInstance(backend.server, knex, 'busy', hourNow);
      // alice's terminal half an hour long, 5 days ago; bob's command 4 days ago; a command on busy an hour ago
      await knex('terminal_sessions').insert({
        id: '20000000-0000-4000-8000-000000000001',
        instance_id: quiet,
        session_id: 's-1',
        opened_by: 'user:default/alice',
        started_at: new Date(hourNow - 5 * DAY),
        ended_at: new Date(hourNow - 5 * DAY + HOUR / 2),
      });
      await commandOn(
        knex,
        quiet,
        'quiet',
        'user:default/bob',
        new Date(hourNow - 4 * DAY),
      );
      await commandOn(
        knex,
        busy,
        'busy',
        'user:default/bob',
        new Date(hourNow - HOUR),
      );
      // busy sent 100 MB in five minutes, 5 minutes ago: told as network activity
      for (const [minutes, bytes] of [
        [10, 8 * 24 * 3_600_000],
        [5, 8 * 24 * 3_600_000 + 100e6],
      ]) {
        const at = new Date(Date.now() - minutes * 60_000);
        await knex('metric_samples').insert({
          id: `raw-${minutes}`,
          instance_id: busy,
          resolution: 'raw',
          at,
          data: sample(at, 3, 2, bytes),
        });
      }
      const get = async (url: string) =>
        (
          await request(backend.server)
            .get(`/api/sindri${url}`)
            .set('Authorization', mockCredentials.user.header())
            .expect(200)
        ).body;

      const usage: InstanceUsage = await get('/instances/quiet/usage');
      expect(usage.idle.verdict).toBe('idle');
      expect(usage.idle.idleSince).toBe(
        new Date(hourNow - 4 * DAY).toISOString(),
      );
      // 8 vCPU and 16 GB running against a suspended day: $0.56/h × 24
      expect(usage.idle.costPerDay).toBeCloseTo(13.44, 2);
      expect(
        usage.idle.activity.map(a => [a.kind, a.lastAt, a.withinWindow]),
      ).toEqual([
        [
          'terminal',
          new Date(hourNow - 5 * DAY + HOUR / 2).toISOString(),
          false,
        ],
        ['command', new Date(hourNow - 4 * DAY).toISOString(), false],
        ['cpu', undefined, false],
        ['network', undefined, false],
      ]);
      expect(usage.idle.activity[2].detail).toMatch(
        /^p95 2 % over 7[12] samples \(threshold 5 %\); never above/,
      );
      expect(usage.rightSizing).toMatchObject({
        verdict: 'oversized',
        data: {
          resolution: 'hourly averages',
          samples: 192,
          cpuP95Percent: 2,
          memoryP95Gb: 2,
          allocated: { cpus: 8, memoryGb: 16 },
        },
        recommendation: {
          cpus: 1,
          memoryGb: 4,
          perHourNow: 0.56,
          perHourRecommended: 0.09,
        },
      });
      // the 30-day window ran 240 h
      expect(usage.rightSizing.recommendation!.savingPer30Days).toBeCloseTo(
        0.47 * usage.rightSizing.recommendation!.runningHoursLast30Days,
        1,
      );

      const inUse: InstanceUsage = await get('/instances/busy/usage');
      expect(inUse.idle).toMatchObject({
        verdict: 'active',
        reasons: [`a command on ${new Date(hourNow - HOUR).toISOString()}`],
      });
      const network = inUse.idle.activity.find(a => a.kind === 'network')!;
      expect(network.withinWindow).toBe(true);
      expect(network.detail).toMatch(/^3\d\d KiB\/s \(threshold 16 KiB\/s\)$/);

      const fleet: FleetCost = await get('/fleet/cost');
      // alice 1 h, bob 2 h
      expect(fleet.activeDeveloperHours).toBe(3);
      expect(fleet.costPerActiveDeveloperHour).toBeCloseTo(fleet.total / 3, 2);
      await backend.stop();
    },
  );
});
