import { Knex } from 'knex';
import { SimulatedAgent } from './SimulatedAgent';

export async function countRows(knex: Knex, table: string, where = {}) {
  return Number((await knex(table).where(where).count({ n: '*' }))[0].n);
}

/**
 * Once every agent's buffer is acknowledged: the heartbeats and metrics the
 * agents made, and those the database holds, for a test to compare.
 */
export async function producedAndStored(
  knex: Knex,
  agents: SimulatedAgent[],
  timeoutMs = 30_000,
) {
  await Promise.all(agents.map(a => a.drain(timeoutMs)));
  const produced = agents.reduce(
    (sum, a) => ({
      heartbeat: sum.heartbeat + a.produced.heartbeat,
      metrics: sum.metrics + a.produced.metrics,
    }),
    { heartbeat: 0, metrics: 0 },
  );
  const stored = {
    heartbeat: await countRows(knex, 'heartbeats'),
    metrics: await countRows(knex, 'metric_samples', { resolution: 'raw' }),
  };
  return { produced, stored };
}
