// yarn bench:replicas [--agents 10000] [--seconds 300] [--warmup 30] [--keystrokes 300]
//
// Two Sindri backends, each in its own process, on one PostgreSQL database,
// as production runs them behind a load balancer. Agents and browsers are
// spread over them in turn, as a round-robin balancer does:
// - the paced fleet (lib/pacedIngest.ts: heartbeat 10 s, metrics 30 s) of
//   --agents simulated agents, half on each replica; ack p99 over both;
// - live traffic while it reports: two real agents, one linked to each
//   replica, and a terminal opened on each of them through each replica, so
//   that some sessions are served by the replica holding the agent and some
//   are forwarded to it over the internal bridge. Where each session went is
//   read from the database (the agent's link) and the port it was opened on,
//   not assumed; the share of live output that crossed is printed.
// - keystroke echo through a forwarded hop and straight, against `ssh -tt` to
//   Debian's OpenSSH on loopback and against the floor of each shape (bare
//   WebSocket relays with nothing of the portal, bench/terminal/floorRelay.js:
//   one relay, and two in a row for the hop), interleaved under the same load.
// Prints `replicas: agents= p99_ms= lost= crossed_share= hop_echo_p50_ms=
// ssh_echo_p50_ms= hop_vs_ssh= floor_hop_echo_p50_ms= floor_hop_vs_ssh=
// host_steal_percent=` (the hypervisor's share while the agents reported).
// Goal: hop echo p50 ≤ 2× ssh.
import { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import {
  BenchServer,
  percentile,
  postgresAvailable,
  startAgent,
  startServer,
  USER_AUTH,
} from './lib/harness';
import { runPacedIngest } from './lib/pacedIngest';
import {
  BenchTerminal,
  portalTerminal,
  relayFloorTerminal,
  sshTerminal,
} from './terminal/transports';
import { ready, typeKeystrokes } from './terminal/measure';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    keystrokes: { type: 'string', default: '300' },
  },
});
const PG_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const fixed = (n: number, digits = 2) => n.toFixed(digits);

interface LiveSession {
  terminal: BenchTerminal;
  crossed: boolean;
  bytes: number;
}

/** Which replica (index into `replicas`) holds each named instance's agent link, from the database. */
async function linkedReplica(
  database: string,
  replicas: BenchServer[],
  names: string[],
): Promise<Map<string, number>> {
  const knex = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/${database}`,
  });
  try {
    const rows: Array<{ name: string; internal_url: string }> = await knex(
      'sindri_agent_links',
    )
      .join('instances', 'instances.id', 'sindri_agent_links.instance_id')
      .join(
        'sindri_replicas',
        'sindri_replicas.id',
        'sindri_agent_links.replica_id',
      )
      .whereIn('instances.name', names)
      .select('instances.name', 'sindri_replicas.internal_url');
    const ports = replicas.map(r => new URL(r.url).port);
    return new Map(
      rows.map(r => [r.name, ports.indexOf(new URL(r.internal_url).port)]),
    );
  } finally {
    await knex.destroy();
  }
}

/** Opens a terminal on each live agent through each replica, types the keystrokes, and returns what was measured. */
async function liveTraffic(
  database: string,
  replicas: BenchServer[],
  liveAgents: string[],
  keystrokes: number,
) {
  const holder = await linkedReplica(database, replicas, liveAgents);
  const sessions: LiveSession[] = [];
  for (const [index, replica] of replicas.entries())
    for (const name of liveAgents) {
      if (!holder.has(name)) throw new Error(`${name} holds no agent link`);
      const terminal = await portalTerminal(replica.url, name, USER_AUTH);
      const session = {
        terminal,
        crossed: holder.get(name) !== index,
        bytes: 0,
      };
      terminal.onData(chunk => (session.bytes += chunk.length));
      sessions.push(session);
    }
  const ssh = await sshTerminal();
  const floor = await relayFloorTerminal();
  const floorHop = await relayFloorTerminal({ hop: true });
  const others = [ssh, floor, floorHop];
  const all = [...sessions.map(s => s.terminal), ...others];
  for (const t of all) await ready(t);
  const probes = await typeKeystrokes(all, keystrokes);
  const times = (crossed: boolean) =>
    probes
      .filter((_, i) => i < sessions.length && sessions[i].crossed === crossed)
      .flatMap(p => p.times)
      .sort((a, b) => a - b);
  const bytes = (crossed: boolean) =>
    sessions
      .filter(s => s.crossed === crossed)
      .reduce((a, s) => a + s.bytes, 0);
  const result = {
    sessions: sessions.length,
    crossedSessions: sessions.filter(s => s.crossed).length,
    crossedShare: bytes(true) / (bytes(true) + bytes(false)),
    hop: percentile(times(true), 50),
    hopP99: percentile(times(true), 99),
    direct: percentile(times(false), 50),
    ssh: probes[sessions.length].summary(),
    floor: probes[sessions.length + 1].summary(),
    floorHop: probes[sessions.length + 2].summary(),
  };
  for (const t of all) await t.close();
  return result;
}

async function main() {
  if (!(await postgresAvailable()))
    throw new Error('bench:replicas needs PostgreSQL on 127.0.0.1:5432');
  const database = `sindri_bench_replicas_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: `${PG_URL}/postgres` });
  await admin.raw(`CREATE DATABASE ${database}`);
  const replicas: BenchServer[] = [];
  const agents: ChildProcess[] = [];
  try {
    // one after the other: the first creates the schema
    for (let i = 0; i < 2; i++)
      replicas.push(await startServer('pg', { pgDatabase: database }));
    const liveAgents = ['live-0', 'live-1'];
    for (const [i, name] of liveAgents.entries())
      agents.push(await startAgent(replicas[i].url, name));
    console.log(
      `replicas bench: 2 replicas on PostgreSQL, ${values.agents} paced agents, ${values.seconds} s measured; live: ${liveAgents.length} real agents, a terminal on each through each replica, ${values.keystrokes} keystrokes each`,
    );
    let live: Awaited<ReturnType<typeof liveTraffic>> | undefined;
    const paced = await runPacedIngest(replicas, {
      agents: Number(values.agents),
      seconds: Number(values.seconds),
      warmupSeconds: Number(values.warmup),
      during: async () => {
        live = await liveTraffic(
          database,
          replicas,
          liveAgents,
          Number(values.keystrokes),
        );
      },
    });
    const l = live!;
    console.log(
      `  paced: p50 ${fixed(paced.p50, 1)} ms, p99 ${fixed(
        paced.p99,
        1,
      )} ms, ${fixed(
        paced.samplesPerS,
        0,
      )} frames/s, backend CPU ${paced.backendCpuPercentEach
        .map(c => `${fixed(c, 0)} %`)
        .join(' + ')}, RSS ${paced.rssMb
        .map(r => `${fixed(r, 0)} MB`)
        .join(' + ')}`,
    );
    console.log(
      `  live: ${l.crossedSessions} of ${
        l.sessions
      } terminal sessions forwarded to the replica holding the agent; echo p50 forwarded ${fixed(
        l.hop,
        3,
      )} ms (p99 ${fixed(l.hopP99, 3)}), straight ${fixed(
        l.direct,
        3,
      )} ms, ssh ${fixed(l.ssh.p50, 3)} ms (p99 ${fixed(
        l.ssh.p99,
        3,
      )}); floor ${fixed(l.floor.p50, 3)} ms, floor with a hop ${fixed(
        l.floorHop.p50,
        3,
      )} ms`,
    );
    console.log(
      `replicas: agents=${values.agents} p99_ms=${fixed(paced.p99, 1)} lost=${
        paced.lost
      } crossed_share=${fixed(l.crossedShare)} hop_echo_p50_ms=${fixed(
        l.hop,
        3,
      )} ssh_echo_p50_ms=${fixed(l.ssh.p50, 3)} hop_vs_ssh=${fixed(
        l.hop / l.ssh.p50,
      )} floor_hop_echo_p50_ms=${fixed(
        l.floorHop.p50,
        3,
      )} floor_hop_vs_ssh=${fixed(
        l.floorHop.p50 / l.ssh.p50,
      )} host_steal_percent=${fixed(paced.stealPercent, 1)}`,
    );
  } finally {
    agents.forEach(a => a.kill('SIGTERM'));
    for (const r of replicas) await r.stop();
    await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.destroy();
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
