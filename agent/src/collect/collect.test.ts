import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { heartbeatSchema, metricsSchema } from '@internal/plugin-sindri-common';
import { readExtensionLedger } from './installedExtensions';
import { readSindriConfig } from './sindriConfig';
import { readHeartbeat, readMetrics } from './system';

const examples = path.resolve(
  __dirname,
  '../../../registry/sindri-v3/examples',
);

describe('collectors', () => {
  it('reads a schema-valid metrics sample from this machine', async () => {
    const sample = await readMetrics();

    expect(metricsSchema.parse(sample)).toEqual(sample);
    // this Linux machine exposes all of these; a field missing here means a broken reader
    expect(sample.cpu?.percent).toBeGreaterThanOrEqual(0);
    expect(sample.memory?.totalBytes).toBeGreaterThan(0);
    expect(sample.disks?.find(d => d.mount === '/')).toMatchObject({
      sizeBytes: expect.any(Number),
      inodesTotal: expect.any(Number),
    });
    expect(sample.processes?.count).toBeGreaterThan(0);
    expect(sample.processes?.topByCpu.length).toBeLessThanOrEqual(10);
    expect(sample.processes?.topByMemory[0].memoryBytes).toBeGreaterThan(0);
  }, 30_000);

  it('reads a schema-valid heartbeat', () => {
    const hb = readHeartbeat();
    expect(heartbeatSchema.parse(hb)).toEqual(hb);
    expect(hb.uptimeSeconds).toBeGreaterThan(0);
  });

  it('summarises a real sindri.yaml and hashes its bytes', async () => {
    const file = path.join(examples, 'runpod-a100-training.yaml');
    const summary = await readSindriConfig(file);

    expect(summary?.hash).toBe(
      crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    );
    expect(summary?.name).toEqual(expect.any(String));
    // the examples omit the extensions key: no extension is claimed
    expect(summary?.extensions).toEqual([]);
  });

  it('reports no sindri.yaml summary when the file is missing', async () => {
    await expect(
      readSindriConfig('/no/such/sindri.yaml'),
    ).resolves.toBeUndefined();
  });

  it("reads the extensions the status ledger says are installed now, how long each took, and those that failed with Sindri's error_message", async () => {
    const ledger = await readExtensionLedger(
      path.join(__dirname, '../__fixtures__/status_ledger.jsonl'),
    );
    // nodejs installed (in 60 s); python failed; docker installed, then being removed
    expect(ledger.installed).toEqual([
      { name: 'nodejs', version: '1.2.0', installSeconds: 60 },
    ]);
    expect(ledger.failed).toEqual([
      { name: 'python', error: 'network', at: '2026-11-20T10:02:00.000Z' },
    ]);
    // a duration past what the protocol carries is left out, not the registration with it
    const long = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-')),
      'status_ledger.jsonl',
    );
    fs.writeFileSync(
      long,
      `${JSON.stringify({
        event_id: '6f1c2b1e-1d2a-4c3b-8a4e-1f2a3b4c5d09',
        timestamp: '2026-11-20T10:00:00Z',
        extension_name: 'rust',
        cli_version: '3.1.3',
        state_before: 'installing',
        state_after: 'installed',
        event: {
          type: 'install_completed',
          extension_name: 'rust',
          version: '1.0.0',
          duration_secs: 10 ** 9,
          components_installed: ['rustc'],
        },
      })}\n`,
    );
    expect((await readExtensionLedger(long)).installed).toEqual([
      { name: 'rust', version: '1.0.0' },
    ]);
    await expect(readExtensionLedger('/no/ledger')).resolves.toEqual({
      installed: [],
      failed: [],
      status: 'missing',
    });
    // a ledger that exists but cannot be read says so: its extensions are unknown, not none
    expect(ledger.status).toBe('read');
    await expect(
      readExtensionLedger(path.dirname(long)),
    ).resolves.toMatchObject({ installed: [], status: 'unreadable' });
  });
});
