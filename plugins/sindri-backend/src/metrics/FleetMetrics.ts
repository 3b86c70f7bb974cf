import { Knex } from 'knex';
import { Counter, Gauge, Registry } from 'prom-client';

type CountRow = Record<string, unknown> & { n?: unknown };

const count = (row: CountRow | undefined) => Number(row?.n ?? 0);

/** Rows of a grouped `count(*) as n`, as plain records. */
const counted = async (query: Knex.QueryBuilder): Promise<CountRow[]> =>
  (await query.count({ n: '*' })) as CountRow[];

/**
 * The fleet in Prometheus exposition format. The gauges are read from the
 * database at each scrape, so every replica answers the same for them; the
 * ingest counters are this replica's own (scrape every replica, as
 * Prometheus does with a service's targets, and sum them).
 */
export class FleetMetrics {
  private readonly registry = new Registry();
  private readonly frames: Counter<'type' | 'result'>;

  constructor(knex: Knex) {
    this.frames = new Counter({
      name: 'sindri_ingest_frames_total',
      help: 'Agent frames this replica judged, by frame type and result (ack, or the refusal status)',
      labelNames: ['type', 'result'],
      registers: [this.registry],
    });
    // read from the database at each scrape (their collect functions)
    const gauges: Gauge<string>[] = [
      new Gauge({
        name: 'sindri_instances',
        help: 'Registered instances by status, provider and region (empty: not reported)',
        labelNames: ['status', 'provider', 'region'],
        registers: [],
        async collect() {
          const rows = await counted(
            knex('instances')
              .whereNotNull('registered_at')
              .groupBy('status', 'provider', 'region')
              .select('status', 'provider', 'region'),
          );
          this.reset();
          for (const r of rows)
            this.set(
              {
                status: String(r.status),
                provider: String(r.provider ?? ''),
                region: String(r.region ?? ''),
              },
              count(r),
            );
        },
      }),
      new Gauge({
        name: 'sindri_terminal_sessions_active',
        help: 'Terminal sessions whose shell has not ended (the audit)',
        registers: [],
        async collect() {
          const [row] = await counted(
            knex('terminal_sessions').whereNull('ended_at'),
          );
          this.set(count(row));
        },
      }),
      new Gauge({
        name: 'sindri_commands_running',
        help: 'Command results still running on their instance',
        registers: [],
        async collect() {
          const [row] = await counted(
            knex('command_results').where({ state: 'running' }),
          );
          this.set(count(row));
        },
      }),
      new Gauge({
        name: 'sindri_lifecycle_operations',
        help: 'Lifecycle operations kept in the audit, by kind and state (running, succeeded, failed)',
        labelNames: ['kind', 'state'],
        registers: [],
        async collect() {
          const rows = await counted(
            knex('lifecycle_operations')
              .groupBy('kind', 'state')
              .select('kind', 'state'),
          );
          this.reset();
          for (const r of rows)
            this.set(
              { kind: String(r.kind), state: String(r.state) },
              count(r),
            );
        },
      }),
      new Gauge({
        name: 'sindri_alerts',
        help: 'Open alerts by state (pending, firing) and severity',
        labelNames: ['state', 'severity'],
        registers: [],
        async collect() {
          const rows = await counted(
            knex('sindri_alerts')
              .whereNotNull('open_key')
              .groupBy('state', 'severity')
              .select('state', 'severity'),
          );
          this.reset();
          for (const r of rows)
            this.set(
              { state: String(r.state), severity: String(r.severity) },
              count(r),
            );
        },
      }),
    ];
    gauges.forEach(gauge => this.registry.registerMetric(gauge));
  }

  /** One agent frame judged: `result` is `ack` or the refusal's status. */
  countFrame(type: string, result: string) {
    this.frames.inc({ type, result });
  }

  async exposition(): Promise<{ contentType: string; text: string }> {
    return {
      contentType: this.registry.contentType,
      text: await this.registry.metrics(),
    };
  }
}
