import { Knex } from 'knex';

/**
 * The floor of a stored sample's ack on this database, under the same load at
 * the same time: a one-row insert committed on its own every `everyMs`, in a
 * scratch table, timed from the client. Each commit waits for the WAL to be
 * flushed to disk, as the portal's do; where this is slow, no ack can be fast.
 */
export function startCommitProbe(knex: Knex, everyMs = 100) {
  const table = `sindri_bench_commit_probe_${process.pid}`;
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    await knex.schema.createTable(table, t => t.timestamp('at'));
    while (running) {
      const started = performance.now();
      await knex(table).insert({ at: new Date() });
      const took = performance.now() - started;
      latencies.push(took);
      await new Promise(r => setTimeout(r, Math.max(0, everyMs - took)));
    }
    await knex.schema.dropTable(table);
  })();
  return {
    /** Stops probing; resolves to the latencies measured, sorted. */
    async stop(): Promise<number[]> {
      running = false;
      await done;
      return latencies.sort((a, b) => a - b);
    },
  };
}
