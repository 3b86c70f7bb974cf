import { Knex } from 'knex';

/**
 * The floor of a stored sample's ack on this database, under the same load at
 * the same time: a one-row insert committed on its own every `everyMs`, in a
 * scratch table, timed from the client. Each commit waits for the WAL to be
 * flushed to disk, as the portal's do; where this is slow, no ack can be fast.
 * Inserts start on the clock whether or not the one before has finished, as
 * agents send: a stall of the database is measured by every insert that
 * waited through it, as it is by every frame.
 */
export function startCommitProbe(knex: Knex, everyMs = 100) {
  const table = `sindri_bench_commit_probe_${process.pid}`;
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const insertOne = () => {
    const started = performance.now();
    const insert = knex(table)
      .insert({ at: new Date() })
      .then(() => {
        latencies.push(performance.now() - started);
      })
      .finally(() => inFlight.delete(insert));
    inFlight.add(insert);
  };
  // a knex builder runs again on each then(): made a promise once
  const ready = Promise.resolve(
    knex.schema.createTable(table, t => t.timestamp('at')),
  );
  let timer: NodeJS.Timeout | undefined;
  void ready.then(() => {
    timer = setInterval(insertOne, everyMs);
  });
  return {
    /** Stops probing; resolves to the latencies measured, sorted. */
    async stop(): Promise<number[]> {
      await ready;
      clearInterval(timer);
      await Promise.all(inFlight);
      await knex.schema.dropTable(table);
      return latencies.sort((a, b) => a - b);
    },
  };
}
