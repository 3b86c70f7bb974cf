// yarn bench:registration [--count 20] [--db sqlite|pg]
//
// Registration -> entity visible: enrolls an instance, registers it over the
// agent WebSocket and polls the catalog until the instance's entity is there.
// The backend runs the catalog with the Sindri module, as the portal does.
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import {
  enroll,
  percentile,
  registration,
  startServer,
  USER_AUTH,
} from './lib/harness';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '20' },
    db: { type: 'string', default: 'sqlite' },
  },
});

async function main() {
  const server = await startServer(values.db as 'sqlite' | 'pg', {
    catalog: true,
  });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < Number(values.count); i++) {
      const name = `reg-${i}`;
      const token = await enroll(server.url, name);
      const ws = new WebSocket(
        `${server.url.replace('http', 'ws')}/api/sindri/agent/connect`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      const t0 = performance.now();
      ws.send(
        JSON.stringify({ type: 'register', registration: registration(name) }),
      );
      for (;;) {
        const res = await fetch(
          `${server.url}/api/catalog/entities/by-name/resource/default/${name}`,
          { headers: { Authorization: USER_AUTH } },
        );
        if (res.ok) break;
        if (performance.now() - t0 > 30_000)
          throw new Error(`${name} did not appear in the catalog within 30 s`);
        await new Promise(r => setTimeout(r, 10));
      }
      latencies.push(performance.now() - t0);
      ws.close();
    }
  } finally {
    await server.stop();
  }
  latencies.sort((a, b) => a - b);
  process.stdout.write(
    `[${values.db}] ${
      latencies.length
    } registrations: min_ms=${latencies[0].toFixed(0)} max_ms=${latencies[
      latencies.length - 1
    ].toFixed(0)}\n`,
  );
  process.stdout.write(
    `registration: p50_ms=${percentile(latencies, 50).toFixed(
      0,
    )} p95_ms=${percentile(latencies, 95).toFixed(0)}\n`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
