import crypto from 'node:crypto';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  AlertMetric,
  AlertRule,
  MetricsSample,
} from '@internal/plugin-sindri-common';
import { observeCondition } from '../alerts/observeCondition';
import { registration } from '../__testUtils__/fixtures';
import { InstanceStore } from './InstanceStore';
import { migrateUp } from './migrations';
import { MAX_SERIES_POINTS, SampleStore } from './SampleStore';
import { SampleWriter } from './SampleWriter';

jest.setTimeout(60_000);

const minute = 60_000;

function sample(
  at: Date,
  cpu: number,
  extra: Partial<MetricsSample> = {},
): MetricsSample {
  return {
    id: crypto.randomUUID(),
    at: at.toISOString(),
    cpu: { percent: cpu },
    ...extra,
  };
}

const series = async (
  store: SampleStore,
  instanceId: string,
  options: Parameters<SampleStore['metricsSeries']>[1],
) => (await store.metricsSeries(instanceId, options)).items;

const beatAt = (at: Date) => ({
  id: crypto.randomUUID(),
  at: at.toISOString(),
  uptimeSeconds: 60,
});

const heartbeatCount = async (knex: Knex) =>
  Number((await knex('heartbeats').count({ n: '*' }))[0].n);

describe('instance and sample stores', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const instances = new InstanceStore(knex);
    const { instanceId } = await instances.enroll({
      name: 'dev-1',
      owner: 'group:default/a',
      createdBy: 'user:default/x',
    });
    return {
      knex,
      instances,
      samples: new SampleStore(knex),
      writer: new SampleWriter(knex),
      instanceId,
    };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('derives status: running on registration, unresponsive after three missed intervals, running again on a heartbeat', async () => {
      const { instances, writer, instanceId } = await setup(databaseId);
      const t0 = new Date('2026-11-23T10:00:00Z');
      await instances.register(
        instanceId,
        registration('dev-1', { heartbeatIntervalSeconds: 10 }),
        t0,
      );

      expect(
        await instances.markUnresponsive(new Date(t0.getTime() + 29_000)),
      ).toEqual([]);
      expect(
        await instances.markUnresponsive(new Date(t0.getTime() + 31_000)),
      ).toEqual([instanceId]);
      expect((await instances.get(instanceId))?.status).toBe('unresponsive');
      // only once
      expect(
        await instances.markUnresponsive(new Date(t0.getTime() + 40_000)),
      ).toEqual([]);

      const revived = await writer.heartbeat(instanceId, {
        id: crypto.randomUUID(),
        at: new Date(t0.getTime() + 41_000).toISOString(),
        uptimeSeconds: 100,
      });
      expect(revived).toBe(true);
      expect((await instances.get(instanceId))?.status).toBe('running');
      expect((await instances.get(instanceId))?.lastHeartbeatAt).toBe(
        new Date(t0.getTime() + 41_000).toISOString(),
      );
    });

    it('judges each instance by its own heartbeat interval, and one that declared none by the default 10 s', async () => {
      const { knex, instances, instanceId: fast } = await setup(databaseId);
      const enroll = async (name: string) =>
        (
          await instances.enroll({
            name,
            owner: 'group:default/a',
            createdBy: 'user:default/x',
          })
        ).instanceId;
      const slow = await enroll('dev-2');
      const unstated = await enroll('dev-3');
      const t0 = new Date('2026-11-23T10:00:00Z');
      await instances.register(
        fast,
        registration('dev-1', { heartbeatIntervalSeconds: 5 }),
        t0,
      );
      await instances.register(
        slow,
        registration('dev-2', { heartbeatIntervalSeconds: 60 }),
        t0,
      );
      await instances.register(unstated, registration('dev-3'), t0);
      await knex('instances')
        .where({ id: unstated })
        .update({ heartbeat_interval_s: null });

      const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
      expect(await instances.markUnresponsive(at(15))).toEqual([]);
      expect(await instances.markUnresponsive(at(16))).toEqual([fast]);
      expect(await instances.markUnresponsive(at(31))).toEqual([unstated]);
      expect(await instances.markUnresponsive(at(179))).toEqual([]);
      expect(await instances.markUnresponsive(at(181))).toEqual([slow]);
    });

    it("keeps each instance's newest sample as alert values, which a late older sample does not overwrite, and a rule reads them", async () => {
      const { knex, instances, writer, instanceId } = await setup(databaseId);
      const now = new Date();
      await instances.register(instanceId, registration('dev-1'), now);
      const sampleAt = (secondsAgo: number, cpu: number): MetricsSample => ({
        id: crypto.randomUUID(),
        at: new Date(now.getTime() - secondsAgo * 1000).toISOString(),
        cpu: { percent: cpu },
        memory: { totalBytes: 1000, usedBytes: 700, availableBytes: 250 },
        disks: [
          { mount: '/', sizeBytes: 100, usedBytes: 50 },
          {
            mount: '/home/dev',
            sizeBytes: 100,
            usedBytes: 95,
            inodesTotal: 10,
            inodesUsed: 1,
          },
        ],
      });
      await writer.metrics(instanceId, sampleAt(10, 91));
      // arrives late, from before: the newest stays
      await writer.metrics(instanceId, sampleAt(40, 20));

      const rule = (metric: AlertMetric, threshold: number): AlertRule =>
        ({
          id: 'r',
          name: 'r',
          enabled: true,
          condition: { kind: 'metric', metric, threshold, forSeconds: 0 },
          scope: { kind: 'fleet' },
        } as AlertRule);
      const seen = async (metric: AlertMetric, threshold: number) =>
        [
          ...(
            await observeCondition(knex, rule(metric, threshold), now)
          ).values(),
        ].map(o => o.summary);
      expect(await seen('cpu', 90)).toEqual(['CPU at 91 % (above 90 %)']);
      expect(await seen('memory', 70)).toEqual(['Memory at 75 % (above 70 %)']);
      expect(await seen('disk', 90)).toEqual([
        'Disk at 95 % on /home/dev (above 90 %)',
      ]);
      expect(await seen('inodes', 5)).toEqual([
        'Inodes at 10 % on /home/dev (above 5 %)',
      ]);
      // stale: five minutes on, the same values say nothing of now
      expect(
        await observeCondition(
          knex,
          rule('cpu', 90),
          new Date(now.getTime() + 6 * 60_000),
        ),
      ).toEqual(new Map());

      await instances.remove(instanceId);
      expect(await knex('instance_latest_metrics').select()).toEqual([]);
    });

    it('stores what the agent says about itself: stopped, then started', async () => {
      const { instances, instanceId } = await setup(databaseId);
      await instances.register(instanceId, registration('dev-1'));
      expect(await instances.setStatus(instanceId, 'stopped')).toBe(true);
      expect(await instances.setStatus(instanceId, 'stopped')).toBe(false);
      expect((await instances.get(instanceId))?.status).toBe('stopped');
      // a stopped instance is not "unresponsive": nobody expects its heartbeats
      expect(
        await instances.markUnresponsive(new Date(Date.now() + 3_600_000)),
      ).toEqual([]);
    });

    it('folds raw samples into 5-minute and hourly averages and prunes by retention', async () => {
      const { knex, samples, writer, instanceId } = await setup(databaseId);
      const base = new Date('2026-11-20T10:00:00Z').getTime();
      // two samples in each of two 5-minute buckets; one without CPU
      await writer.metrics(
        instanceId,
        sample(new Date(base + 1 * minute), 10, {
          network: { rxBytes: 1, txBytes: 1 },
        }),
      );
      await writer.metrics(
        instanceId,
        sample(new Date(base + 2 * minute), 30, {
          network: { rxBytes: 5, txBytes: 5 },
        }),
      );
      await writer.metrics(instanceId, sample(new Date(base + 6 * minute), 50));
      await writer.metrics(instanceId, {
        id: crypto.randomUUID(),
        at: new Date(base + 7 * minute).toISOString(),
      });

      const now = new Date(base + 2 * 60 * minute);
      const policy = {
        rawMs: 24 * 60 * minute,
        fiveMinuteMs: 7 * 24 * 60 * minute,
        hourMs: 90 * 24 * 60 * minute,
      };
      const first = await samples.compact(policy, now);
      expect(first.pruned).toBe(0);

      const fiveMinute = await series(samples, instanceId, {
        from: new Date(base),
        to: now,
        resolution: '5m',
      });
      expect(fiveMinute.map(s => [s.at, s.cpu?.percent])).toEqual([
        [new Date(base).toISOString(), 20],
        [new Date(base + 5 * minute).toISOString(), 50],
      ]);
      // counters are not averaged: the bucket keeps the newest reading
      expect(fiveMinute[0].network).toEqual({ rxBytes: 5, txBytes: 5 });
      const hourly = await series(samples, instanceId, {
        from: new Date(base),
        to: now,
        resolution: '1h',
      });
      expect(hourly.map(s => s.cpu?.percent)).toEqual([35]);

      // compacting again writes the same buckets, not more
      await samples.compact(policy, now);
      expect(
        await series(samples, instanceId, {
          from: new Date(base),
          to: now,
          resolution: '5m',
        }),
      ).toHaveLength(2);

      // a day later the raw samples are gone, the averages stay
      const later = new Date(base + 25 * 60 * minute);
      const second = await samples.compact(policy, later);
      expect(second.pruned).toBe(4);
      expect(
        await series(samples, instanceId, {
          from: new Date(base),
          to: later,
          resolution: 'raw',
        }),
      ).toEqual([]);
      expect(
        await series(samples, instanceId, {
          from: new Date(base),
          to: later,
          resolution: '5m',
        }),
      ).toHaveLength(2);
      expect(
        Number((await knex('metric_samples').count({ n: '*' }))[0].n),
      ).toBe(3);
    });

    it('reads a bounded number of points whatever an agent stored, and folds them a page at a time', async () => {
      const { knex, samples, instanceId } = await setup(databaseId);
      const base = new Date('2026-11-20T10:00:00Z').getTime();
      // 2,500 samples a second apart: more than one read returns, more than one roll-up page
      const rows = Array.from({ length: 2500 }, (_, i) => {
        const at = new Date(base + i * 1000);
        return {
          id: crypto.randomUUID(),
          instance_id: instanceId,
          resolution: 'raw',
          at,
          data: JSON.stringify(sample(at, i % 100)),
        };
      });
      for (let i = 0; i < rows.length; i += 200)
        await knex('metric_samples').insert(rows.slice(i, i + 200));

      const read = await samples.metricsSeries(instanceId, {
        from: new Date(base),
        to: new Date(base + 3_600_000),
        resolution: 'raw',
      });
      expect(read.truncated).toBe(true);
      expect(read.items).toHaveLength(MAX_SERIES_POINTS);
      // the newest, oldest first
      expect(read.items[0].at).toBe(
        new Date(base + (2500 - MAX_SERIES_POINTS) * 1000).toISOString(),
      );
      expect(read.items[MAX_SERIES_POINTS - 1].at).toBe(
        new Date(base + 2499 * 1000).toISOString(),
      );

      const policy = {
        rawMs: 24 * 60 * minute,
        fiveMinuteMs: 7 * 24 * 60 * minute,
        hourMs: 90 * 24 * 60 * minute,
      };
      await samples.compact(policy, new Date(base + 2 * 60 * minute));
      const buckets = await series(samples, instanceId, {
        from: new Date(base),
        to: new Date(base + 60 * minute),
        resolution: '5m',
      });
      // 2,500 s cover nine 5-minute buckets; each average is that of its own 300 samples
      expect(buckets).toHaveLength(9);
      const expected = (b: number) => {
        const cpus = Array.from({ length: 2500 }, (_, i) => i)
          .filter(i => Math.floor(i / 300) === b)
          .map(i => i % 100);
        return cpus.reduce((a, c) => a + c, 0) / cpus.length;
      };
      buckets.forEach((bucket, b) =>
        expect(bucket.cpu?.percent).toBeCloseTo(expected(b), 5),
      );
    });

    it("moves each instance's last heartbeat forward in one batch, never back, for more instances than one statement takes", async () => {
      const { knex, writer } = await setup(databaseId);
      const t0 = new Date('2026-11-23T10:00:00Z');
      const ids = Array.from({ length: 1201 }, () => crypto.randomUUID());
      await knex.batchInsert(
        'instances',
        ids.map((id, i) => ({
          id,
          name: `many-${i}`,
          owner: 'group:default/a',
          status: 'running',
          created_at: t0,
          updated_at: t0,
        })),
        200,
      );
      await knex.batchInsert(
        'instance_liveness',
        ids
          .filter((_, i) => i % 2)
          .map(id => ({
            instance_id: id,
            last_heartbeat_at: new Date(t0.getTime() + 5 * minute),
          })),
        200,
      );
      const beat = (at: Date, uptimeSeconds: number) => ({
        id: crypto.randomUUID(),
        at: at.toISOString(),
        uptimeSeconds,
      });
      await Promise.all(
        ids.flatMap(id => [
          writer.heartbeat(id, beat(new Date(t0.getTime() + minute), 60)),
          writer.heartbeat(id, beat(new Date(t0.getTime() + 2 * minute), 120)),
        ]),
      );
      const rows = await knex('instances')
        .join('instance_liveness as l', 'l.instance_id', 'instances.id')
        .whereIn('name', ['many-0', 'many-1', 'many-1200'])
        .orderBy('name')
        .select('name', 'l.last_heartbeat_at', 'l.uptime_s');
      const at = (v: unknown) => new Date(v as string | number).toISOString();
      // the newer of two in one batch wins; a stored newer one is kept
      expect(
        rows.map(r => [r.name, at(r.last_heartbeat_at), Number(r.uptime_s)]),
      ).toEqual([
        ['many-0', new Date(t0.getTime() + 2 * minute).toISOString(), 120],
        // its stored heartbeat is newer: neither time nor uptime (none) changes
        ['many-1', new Date(t0.getTime() + 5 * minute).toISOString(), 0],
        ['many-1200', new Date(t0.getTime() + 2 * minute).toISOString(), 120],
      ]);
    });

    it("keeps a heartbeat off the instance's own row: its registration is not rewritten ten times a minute", async () => {
      const { knex, instances, writer, instanceId } = await setup(databaseId);
      const t0 = new Date('2026-11-23T10:00:00Z');
      await instances.register(instanceId, registration('dev-1'), t0);
      // PostgreSQL's xmin names the transaction that wrote the row's current version
      const rowVersion = async () =>
        knex('instances')
          .where({ id: instanceId })
          .first(
            databaseId === 'POSTGRES_15'
              ? knex.raw('xmin::text as version')
              : 'updated_at as version',
          );
      const before = await rowVersion();
      for (let i = 1; i <= 3; i++)
        await writer.heartbeat(instanceId, {
          id: crypto.randomUUID(),
          at: new Date(t0.getTime() + i * 10_000).toISOString(),
          uptimeSeconds: i * 10,
        });
      expect(await rowVersion()).toEqual(before);
      expect(await instances.get(instanceId)).toMatchObject({
        lastHeartbeatAt: new Date(t0.getTime() + 30_000).toISOString(),
        uptimeSeconds: 30,
      });
    });

    it("writes lots at once, in any order, for the same instances: each sample once, each instance's newest heartbeat and alert values kept, no lot refused", async () => {
      const { knex, instances } = await setup(databaseId);
      const t0 = new Date('2026-11-23T10:00:00Z');
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        const { instanceId } = await instances.enroll({
          name: `busy-${i}`,
          owner: 'group:default/a',
          createdBy: 'user:default/x',
        });
        await instances.register(instanceId, registration(`busy-${i}`), t0);
        ids.push(instanceId);
      }
      // lots of ten, four written at once, each holding rows of every instance
      const writer = new SampleWriter(knex, {
        maxBatch: 10,
        maxDelayMs: 0,
        concurrency: 4,
      });
      const statements = jest.spyOn(knex.client, 'query');
      const minutes = Array.from({ length: 40 }, (_, i) => i + 1).sort(
        (a, b) => ((a * 7919) % 41) - ((b * 7919) % 41),
      );
      // each minute's instances in another order, so that lots meet rows in different orders
      const sent = minutes.flatMap(m =>
        [...ids.slice(m % ids.length), ...ids.slice(0, m % ids.length)].map(
          id => ({
            id,
            at: new Date(t0.getTime() + m * minute),
            cpu: m,
          }),
        ),
      );
      const results = await Promise.allSettled(
        sent.flatMap(({ id, at, cpu }) => [
          writer.heartbeat(id, { ...beatAt(at), uptimeSeconds: cpu * 60 }),
          writer.metrics(id, sample(at, cpu)),
        ]),
      );
      expect(results.filter(r => r.status === 'rejected')).toEqual([]);
      // at least a statement per lot: 64 lots, not one
      expect(statements.mock.calls.length).toBeGreaterThanOrEqual(64);
      expect(await heartbeatCount(knex)).toBe(sent.length);
      expect(
        Number((await knex('metric_samples').count({ n: '*' }))[0].n),
      ).toBe(sent.length);
      const newest = new Date(t0.getTime() + 40 * minute).toISOString();
      for (const id of ids) {
        expect(await instances.get(id)).toMatchObject({
          lastHeartbeatAt: newest,
          uptimeSeconds: 40 * 60,
        });
        const latest = await knex('instance_latest_metrics')
          .where({ instance_id: id })
          .first();
        expect([new Date(latest.at).toISOString(), latest.cpu_pct]).toEqual([
          newest,
          40,
        ]);
      }
    });

    it('writes batched samples once each, even when a batch repeats an id', async () => {
      const { knex, writer, instanceId } = await setup(databaseId);
      const m = sample(new Date(), 12);
      await Promise.all([
        writer.metrics(instanceId, m),
        writer.metrics(instanceId, m),
        writer.metrics(instanceId, sample(new Date(), 13)),
      ]);
      await writer.metrics(instanceId, m);
      expect(
        Number((await knex('metric_samples').count({ n: '*' }))[0].n),
      ).toBe(2);
    });
    it('stores, in one lot with others, a sample of any time and mount name a valid frame may carry', async () => {
      const { knex, instances, writer, instanceId } = await setup(databaseId);
      await instances.register(instanceId, registration('dev-1'));
      const disk = (mount: string) => ({
        disks: [{ mount, sizeBytes: 100, usedBytes: 50 }],
      });
      const odd = [
        // year 0000 and year 9999 an hour behind UTC (10000 in UTC): valid ISO times
        { ...sample(new Date(), 1), at: '0000-01-01T00:00:00Z' },
        { ...sample(new Date(), 2), at: '9999-12-31T23:30:00-01:00' },
        sample(new Date(), 3, disk('/mnt/\ud800lone')),
        sample(new Date(), 4, disk('/mnt/nul\0byte')),
        sample(new Date(), 5, disk(`/${'m'.repeat(511)}`)),
      ];
      await Promise.all([
        ...odd.map(m => writer.metrics(instanceId, m)),
        writer.heartbeat(instanceId, {
          id: crypto.randomUUID(),
          at: '0000-01-01T00:00:00Z',
          uptimeSeconds: 1,
        }),
      ]);
      const stored = await knex('metric_samples').select('id', 'data');
      expect(stored.map(r => r.id).sort()).toEqual(odd.map(m => m.id).sort());
      // each sample as it was sent
      for (const m of odd)
        expect(JSON.parse(stored.find(r => r.id === m.id)!.data)).toEqual(m);
      expect(await heartbeatCount(knex)).toBe(1);
    });

    it('writes each lot of samples in one transaction of its own, not a knex.transaction() per lot', async () => {
      const { knex, instances, writer, instanceId } = await setup(databaseId);
      await instances.register(instanceId, registration('dev-1'));
      const transactions = jest.spyOn(knex.client, 'transaction');
      const t0 = Date.now();
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          writer.heartbeat(instanceId, beatAt(new Date(t0 + i * 1000))),
        ),
      );
      await writer.heartbeat(instanceId, beatAt(new Date(t0 + 10_000)));
      expect(await heartbeatCount(knex)).toBe(6);
      expect(transactions).not.toHaveBeenCalled();
    });

    it('stores nothing of a lot that fails, fails every caller in it, and stores the next lot', async () => {
      const { knex, instances, writer, instanceId } = await setup(databaseId);
      await instances.register(instanceId, registration('dev-1'));
      const t0 = Date.now();
      // an instance that does not exist fails its lot on a foreign key
      const lot = await Promise.allSettled([
        writer.heartbeat(instanceId, beatAt(new Date(t0))),
        writer.heartbeat('no-such-instance', beatAt(new Date(t0))),
      ]);
      // matched by message: a native driver's error may come from another test file's realm
      const refused = {
        status: 'rejected',
        reason: expect.objectContaining({
          message: expect.stringMatching(/foreign key/i),
        }),
      };
      expect(lot).toEqual([refused, refused]);
      expect(await heartbeatCount(knex)).toBe(0);
      await writer.heartbeat(instanceId, beatAt(new Date(t0 + 1000)));
      expect(await heartbeatCount(knex)).toBe(1);
    });
  });
});
