// yarn bench:terminal [--keystrokes 300] [--megabytes 300] [--flood-seconds 30]
//
// Keystroke echo round trip (p50/p99) and bulk output throughput through the
// portal (client → backend → agent → PTY over loopback), measured in the same
// run as `ssh -tt` into Debian's OpenSSH server started on a loopback port and
// as a node-pty session in this process. Then a `yes` flood through the
// portal for --flood-seconds while the backend's and the agent's RSS are read.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startAgent, startServer, USER_AUTH } from './lib/harness';
import { cpuSeconds } from './lib/processCpu';
import {
  directTerminal,
  portalTerminal,
  relayFloorTerminal,
  sshTerminal,
} from './terminal/transports';
import { bulkOutput, echoRoundTrips, ready } from './terminal/measure';

const { values } = parseArgs({
  options: {
    keystrokes: { type: 'string', default: '300' },
    megabytes: { type: 'string', default: '300' },
    'flood-seconds': { type: 'string', default: '30' },
    'agent-sources': { type: 'boolean', default: false },
  },
});

const rssMb = (pid: number) =>
  Number(
    /VmRSS:\s+(\d+) kB/.exec(
      fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
    )![1],
  ) / 1024;
const fixed = (n: number, digits = 2) => n.toFixed(digits);
async function main() {
  const server = await startServer('sqlite');
  const name = 'bench-term';
  const agent = await startAgent(server.url, name, {
    sources: values['agent-sources'],
  });
  try {
    console.log(
      `terminal bench: ${values.keystrokes} keystrokes, ${
        values.megabytes
      } MB bulk output, ${values['flood-seconds']} s flood (loopback, ${
        os.cpus().length
      } cores)`,
    );

    const portal = await portalTerminal(server.url, name, USER_AUTH);
    const ssh = await sshTerminal();
    const direct = directTerminal();
    const floor = await relayFloorTerminal();
    const terminals = [portal, ssh, direct, floor];
    for (const t of terminals) await ready(t);
    const [echoPortal, echoSsh, echoPty, echoFloor] = await echoRoundTrips(
      terminals,
      Number(values.keystrokes),
    );
    // bulk output in rounds, each transport in turn, so that all meet the same conditions; the median round counts
    const rounds: number[][] = terminals.map(() => []);
    // CPU the relay and the agent spend on the bulk rounds, per MB relayed (the portal's and the floor's)
    const portalPids = { relay: server.process.pid!, agent: agent.pid! };
    const cpu = new Map(
      [portal, floor].map(t => [
        t,
        { relay: 0, agent: 0, seconds: 0, pids: t.relayPids ?? portalPids },
      ]),
    );
    for (let round = 0; round < 3; round++) {
      for (const [i, t] of terminals.entries()) {
        const c = cpu.get(t);
        const cpu0 = c && [cpuSeconds(c.pids.relay), cpuSeconds(c.pids.agent)];
        const t0 = Date.now();
        rounds[i].push(await bulkOutput(t, Number(values.megabytes) / 3));
        if (!c || !cpu0) continue;
        c.relay += cpuSeconds(c.pids.relay) - cpu0[0];
        c.agent += cpuSeconds(c.pids.agent) - cpu0[1];
        c.seconds += (Date.now() - t0) / 1000;
      }
    }
    for (const [t, c] of cpu) {
      const perMb = (s: number) =>
        fixed((1000 * s) / Number(values.megabytes), 1);
      console.log(
        `  ${t === portal ? 'portal' : 'floor '} bulk: ${
          t === portal ? 'backend' : 'relay'
        } ${fixed((100 * c.relay) / c.seconds, 0)} % of a core, agent ${fixed(
          (100 * c.agent) / c.seconds,
          0,
        )} % (${perMb(c.relay)} / ${perMb(c.agent)} ms CPU per MB)`,
      );
    }
    const bulk = rounds.map(r => [...r].sort((a, b) => a - b)[1]);
    await ssh.close();
    await direct.close();
    await floor.close();
    const viaPortal = { ...echoPortal, mbPerS: bulk[0] };
    const viaSsh = { ...echoSsh, mbPerS: bulk[1] };
    const viaPty = { ...echoPty, mbPerS: bulk[2] };
    const viaFloor = { ...echoFloor, mbPerS: bulk[3] };
    for (const [label, r] of [
      ['portal', viaPortal],
      ['ssh', viaSsh],
      ['node-pty', viaPty],
      ['floor', viaFloor],
    ] as const) {
      console.log(
        `  ${label.padEnd(8)} echo p50 ${fixed(r.p50, 3)} ms  p99 ${fixed(
          r.p99,
          3,
        )} ms  bulk ${fixed(r.mbPerS, 1)} MB/s`,
      );
    }

    // flood: `yes` for the whole period; RSS before, and the highest seen during it
    const backendPid = server.process.pid!;
    const before = { backend: rssMb(backendPid), agent: rssMb(agent.pid!) };
    let floodBytes = 0;
    portal.onData(chunk => (floodBytes += chunk.length));
    portal.write('yes\r');
    const peak = { ...before };
    // the peak of each half: bounded memory levels off, a leak keeps climbing
    const halves = [
      { backend: 0, agent: 0 },
      { backend: 0, agent: 0 },
    ];
    const floodMs = Number(values['flood-seconds']) * 1000;
    const t0 = Date.now();
    while (Date.now() - t0 < floodMs) {
      await new Promise(r => setTimeout(r, 500));
      const now = { backend: rssMb(backendPid), agent: rssMb(agent.pid!) };
      const half = halves[Date.now() - t0 < floodMs / 2 ? 0 : 1];
      half.backend = Math.max(half.backend, now.backend);
      half.agent = Math.max(half.agent, now.agent);
      peak.backend = Math.max(peak.backend, now.backend);
      peak.agent = Math.max(peak.agent, now.agent);
    }
    portal.write('\x03');
    const floodMbPerS = floodBytes / 1024 / 1024 / ((Date.now() - t0) / 1000);
    const growth =
      Math.max(peak.backend - before.backend, 0) +
      Math.max(peak.agent - before.agent, 0);
    console.log(
      `  flood    ${fixed(floodMbPerS, 1)} MB/s for ${
        values['flood-seconds']
      } s; RSS backend ${fixed(before.backend, 0)} → peak ${fixed(
        peak.backend,
        0,
      )} MB, agent ${fixed(before.agent, 0)} → peak ${fixed(peak.agent, 0)} MB`,
    );
    console.log(
      `  flood    peak RSS first half / second half: backend ${fixed(
        halves[0].backend,
        0,
      )} / ${fixed(halves[1].backend, 0)} MB, agent ${fixed(
        halves[0].agent,
        0,
      )} / ${fixed(halves[1].agent, 0)} MB`,
    );
    await portal.close();

    console.log(
      `  goals: bulk ≥ ssh (${fixed(
        viaPortal.mbPerS / viaSsh.mbPerS,
      )}×) and ≥ 0.85× node-pty (${fixed(
        viaPortal.mbPerS / viaPty.mbPerS,
      )}×); echo p50 ≤ 1.5× ssh (${fixed(
        viaPortal.p50 / viaSsh.p50,
      )}×, the floor ${fixed(
        viaFloor.p50 / viaSsh.p50,
      )}×), p99 ≤ 2× ssh (${fixed(viaPortal.p99 / viaSsh.p99)}×)`,
    );
    console.log(
      `terminal: echo_p50_ms=${fixed(viaPortal.p50, 3)} echo_p99_ms=${fixed(
        viaPortal.p99,
        3,
      )} ssh_echo_p50_ms=${fixed(viaSsh.p50, 3)} ssh_echo_p99_ms=${fixed(
        viaSsh.p99,
        3,
      )} mb_per_s=${fixed(viaPortal.mbPerS, 1)} ssh_mb_per_s=${fixed(
        viaSsh.mbPerS,
        1,
      )} node_pty_mb_per_s=${fixed(viaPty.mbPerS, 1)} floor_echo_p50_ms=${fixed(
        viaFloor.p50,
        3,
      )} floor_mb_per_s=${fixed(viaFloor.mbPerS, 1)} vs_floor=${fixed(
        viaPortal.mbPerS / viaFloor.mbPerS,
      )} vs_ssh=${fixed(viaPortal.mbPerS / viaSsh.mbPerS)} vs_node_pty=${fixed(
        viaPortal.mbPerS / viaPty.mbPerS,
      )} flood_rss_growth_mb=${fixed(growth, 1)}`,
    );
  } finally {
    agent.kill('SIGTERM');
    await server.stop();
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
