import { Knex } from 'knex';
import { inPinnedTransaction, PinnedTransaction } from './pinnedTransaction';
import { LatestMetricsRow, MetricsRow, SampleLot } from './sampleLot';
import { appendStatusChanges } from './statusChanges';

const LATEST_COLUMNS: Array<keyof LatestMetricsRow> = [
  'instance_id',
  'at',
  'cpu_pct',
  'memory_pct',
  'disk_pct',
  'disk_mount',
  'inodes_pct',
  'inodes_mount',
];
const LATEST_UPDATES = LATEST_COLUMNS.slice(1)
  .map(c => `${c} = excluded.${c}`)
  .join(', ');
const LATEST_IF_NEWER = 'WHERE instance_latest_metrics.at < excluded.at';
const LIVENESS_UPDATE = `DO UPDATE
  SET last_heartbeat_at = excluded.last_heartbeat_at, uptime_s = excluded.uptime_s
  WHERE instance_liveness.last_heartbeat_at < excluded.last_heartbeat_at`;
const ASLEEP = `status IN ('unresponsive', 'unknown') AND registered_at IS NOT NULL`;

/**
 * Writes one lot: every metrics sample and heartbeat (one already stored is
 * skipped), each instance's newest alert values and last heartbeat (an older
 * one arriving late changes nothing), and wakes the instances it has a
 * heartbeat of that were unresponsive or unknown: their ids are returned.
 * All of it or none.
 */
export function writeSampleLot(
  knex: Knex,
  lot: SampleLot,
  now: Date,
): Promise<string[]> {
  if (knex.client.config.client === 'pg')
    return writeInOneStatement(knex, lot, now);
  // a lot every few milliseconds: a knex.transaction() each left too much garbage (see inPinnedTransaction)
  return inPinnedTransaction(knex, tx => writeInSteps(tx, lot, now));
}

/**
 * Rows as one JSON parameter, their time (`key`, a row's one Date) as
 * milliseconds since the epoch: every time a sample may carry (years 0000 to
 * 9999, in any offset) then reaches PostgreSQL, where an ISO text of year 0000
 * or 10000 would not. (No replacer: JSON.stringify with one is several times
 * slower.)
 */
const withTimesAsNumbers = <K extends string, T extends Record<K, Date>>(
  rows: T[],
  key: K,
) => JSON.stringify(rows.map(row => ({ ...row, [key]: row[key].getTime() })));

/**
 * Escapes JSON.stringify may write that `json_to_recordset` refuses (it
 * decodes every string of the document, at any depth): a lone surrogate (or
 * any surrogate, to be simple) and NUL.
 */
const REFUSED_ESCAPE = /\\u(?:[dD][89a-fA-F]|0000)/;

/**
 * The metrics rows as one JSON parameter, each sample's JSON text as it is
 * (`data`, always JSON.stringify's output: see pendingMetrics), not escaped
 * into a string again: PostgreSQL's `json` keeps a value's text as sent, so
 * it reaches its column unchanged. A text with a refused escape goes as a
 * string (`data_text`).
 */
const metricsAsJson = (rows: MetricsRow[]) =>
  `[${rows
    .map(
      r =>
        `{"id":${JSON.stringify(r.id)},"instance_id":${JSON.stringify(
          r.instance_id,
        )},"at":${r.at.getTime()},${
          REFUSED_ESCAPE.test(r.data)
            ? `"data_text":${JSON.stringify(r.data)}`
            : `"data":${r.data}`
        }}`,
    )
    .join(',')}]`;

/**
 * PostgreSQL: the whole lot in one statement (its data-modifying WITH clauses
 * commit together), each part of the lot one JSON parameter. One round trip
 * instead of seven, each of which waited for the event loop to read its
 * answer, and the same short statement whatever the lot's size. Each insert
 * takes its rows in key order, so two lots (or replicas) writing the same
 * rows lock them in the same order; `woken` runs first, as the main query
 * reads it.
 */
async function writeInOneStatement(
  knex: Knex,
  lot: SampleLot,
  now: Date,
): Promise<string[]> {
  const result = await knex.raw(
    `WITH metrics AS (
       INSERT INTO metric_samples (id, instance_id, resolution, at, data)
       SELECT id, instance_id, 'raw', to_timestamp(at / 1000),
         COALESCE(data_text, data::text)
       FROM json_to_recordset(?::json)
         AS r(id text, instance_id text, at double precision, data json,
              data_text text)
       ORDER BY id
       ON CONFLICT (id) DO NOTHING
     ), latest AS (
       INSERT INTO instance_latest_metrics (${LATEST_COLUMNS.join(', ')})
       SELECT instance_id, to_timestamp(at / 1000), ${LATEST_COLUMNS.slice(
         2,
       ).join(', ')}
       FROM json_to_recordset(?::json)
         AS r(instance_id text, at double precision, cpu_pct double precision,
              memory_pct double precision, disk_pct double precision, disk_mount text,
              inodes_pct double precision, inodes_mount text)
       ORDER BY instance_id
       ON CONFLICT (instance_id) DO UPDATE SET ${LATEST_UPDATES} ${LATEST_IF_NEWER}
     ), beats AS (
       INSERT INTO heartbeats (instance_id, at, uptime_s, load)
       SELECT instance_id, to_timestamp(at / 1000), uptime_s, load
       FROM json_to_recordset(?::json)
         AS r(instance_id text, at double precision, uptime_s double precision, load text)
       ORDER BY instance_id, at
       ON CONFLICT (instance_id, at) DO NOTHING
     ), liveness AS (
       INSERT INTO instance_liveness (instance_id, last_heartbeat_at, uptime_s)
       SELECT instance_id, to_timestamp(last_heartbeat_at / 1000), uptime_s
       FROM json_to_recordset(?::json)
         AS r(instance_id text, last_heartbeat_at double precision, uptime_s double precision)
       ORDER BY instance_id
       ON CONFLICT (instance_id) ${LIVENESS_UPDATE}
     ), woken AS (
       UPDATE instances SET status = 'running', status_changed_at = ?, updated_at = ?
       WHERE id IN (SELECT json_array_elements_text(?::json)) AND ${ASLEEP}
       RETURNING id
     ), noted AS (
       INSERT INTO instance_status_changes (instance_id, status, at)
       SELECT id, 'running', ? FROM woken
     )
     SELECT id FROM woken`,
    [
      metricsAsJson(lot.metrics),
      withTimesAsNumbers(lot.latest, 'at'),
      withTimesAsNumbers(lot.heartbeats, 'at'),
      withTimesAsNumbers(lot.liveness, 'last_heartbeat_at'),
      now,
      now,
      JSON.stringify(lot.liveness.map(r => r.instance_id)),
      now,
    ],
  );
  return result.rows.map((r: { id: string }) => r.id);
}

/** Rows per statement in steps: within either database's limit on bindings. */
const CHUNK = 500;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await write(rows.slice(i, i + CHUNK));
}

/** Elsewhere (SQLite, in the backend's own process, where a statement costs no round trip): statement by statement, in one transaction. */
async function writeInSteps(
  tx: PinnedTransaction,
  lot: SampleLot,
  now: Date,
): Promise<string[]> {
  await inChunks(lot.metrics, rows =>
    tx.table('metric_samples').insert(rows).onConflict('id').ignore(),
  );
  await inChunks(lot.latest, rows =>
    tx.raw(
      `INSERT INTO instance_latest_metrics (${LATEST_COLUMNS.join(', ')})
       VALUES ${rows.map(() => `(${LATEST_COLUMNS.map(() => '?')})`).join(', ')}
       ON CONFLICT (instance_id) DO UPDATE SET ${LATEST_UPDATES} ${LATEST_IF_NEWER}`,
      rows.flatMap(r => LATEST_COLUMNS.map(c => r[c])),
    ),
  );
  await inChunks(lot.heartbeats, rows =>
    tx
      .table('heartbeats')
      .insert(rows)
      // a heartbeat sent again carries the same time
      .onConflict(['instance_id', 'at'])
      .ignore(),
  );
  await inChunks(lot.liveness, rows =>
    tx.raw(
      `INSERT INTO instance_liveness (instance_id, last_heartbeat_at, uptime_s)
       VALUES ${rows.map(() => '(?, ?, ?)').join(', ')}
       ON CONFLICT (instance_id) ${LIVENESS_UPDATE}`,
      rows.flatMap(r => [r.instance_id, r.last_heartbeat_at, r.uptime_s]),
    ),
  );
  if (!lot.liveness.length) return [];
  const woken: string[] = (
    await tx
      .table('instances')
      .whereIn(
        'id',
        lot.liveness.map(r => r.instance_id),
      )
      .whereRaw(ASLEEP)
      .update({ status: 'running', status_changed_at: now, updated_at: now })
      .returning('id')
  ).map((r: { id: string }) => r.id);
  await appendStatusChanges(
    tx.table,
    woken.map(instanceId => ({ instanceId, status: 'running', at: now })),
  );
  return woken;
}
