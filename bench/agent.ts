// yarn bench:agent [--seconds 120] [--sources]
//
// Runs the real sindri-agent at its default intervals (heartbeat 10 s,
// metrics 30 s) against a local Sindri backend and reads its CPU time and RSS
// from /proc every second. The agent runs as instances run it: the bundle
// (`yarn agent:bundle`, built first), with node-pty beside it; `--sources`
// runs the TypeScript sources through the transpiler instead, for comparison.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { agentCommand, enroll, startServer } from './lib/harness';
import { cpuSeconds } from './lib/processCpu';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    sources: { type: 'boolean', default: false },
  },
});
function rssMb(pid: number): number {
  return (
    Number(
      /VmRSS:\s+(\d+) kB/.exec(
        fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
      )![1],
    ) / 1024
  );
}

async function main() {
  const server = await startServer('sqlite');
  const token = await enroll(server.url, 'bench-agent');
  const stateDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'sindri-agent-bench-'),
  );
  const agent = spawn(
    process.execPath,
    agentCommand({ sources: values.sources }),
    {
      stdio: 'ignore',
      env: {
        ...process.env,
        SINDRI_CONSOLE_URL: server.url,
        SINDRI_AGENT_TOKEN: token,
        SINDRI_INSTANCE_NAME: 'bench-agent',
        SINDRI_AGENT_STATE_DIR: stateDir,
      },
    },
  );
  // start-up (loading and transpiling) is not the steady state
  await new Promise(r => setTimeout(r, 15_000));
  const cpu0 = cpuSeconds(agent.pid!);
  const t0 = Date.now();
  const rss: number[] = [];
  while (Date.now() - t0 < Number(values.seconds) * 1000) {
    rss.push(rssMb(agent.pid!));
    await new Promise(r => setTimeout(r, 1000));
  }
  const cpuPercent =
    ((cpuSeconds(agent.pid!) - cpu0) / ((Date.now() - t0) / 1000)) * 100;
  agent.kill('SIGTERM');
  await server.stop();
  const avg = rss.reduce((a, b) => a + b, 0) / rss.length;
  process.stdout.write(
    `agent: from=${values.sources ? 'sources' : 'bundle'} seconds=${
      values.seconds
    } cpu_percent=${cpuPercent.toFixed(2)} rss_avg_mb=${avg.toFixed(
      0,
    )} rss_max_mb=${Math.max(...rss).toFixed(0)}\n`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
