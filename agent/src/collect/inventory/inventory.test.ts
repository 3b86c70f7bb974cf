import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PackageURL } from 'packageurl-js';
import {
  agentFrameSchema,
  INGEST_LIMITS,
} from '@internal/plugin-sindri-common';
import { collectInventory, inventoryParts } from './collectInventory';
import { parseAuthorizedKeys } from './sshKeys';

jest.setTimeout(120_000);

describe('the inventory', () => {
  it("reads this machine's dpkg packages with package URLs, and says which sources it could not read", async () => {
    const inventory = await collectInventory({ sindriCli: 'sindri-not-here' });
    const dpkg = inventory.sources.find(s => s.source === 'dpkg')!;
    expect(dpkg.state).toBe('collected');
    const installed = execFileSync('dpkg-query', [
      '-W',
      '-f=${Version}',
      'coreutils',
    ]).toString();
    const coreutils = inventory.components.find(
      c => c.source === 'dpkg' && c.name === 'coreutils',
    )!;
    expect(coreutils.version).toBe(installed);
    const purl = PackageURL.fromString(coreutils.purl);
    expect([purl.type, purl.name, purl.version]).toEqual([
      'deb',
      'coreutils',
      installed,
    ]);
    expect(purl.qualifiers?.distro).toMatch(/^debian-\d+/);
    // a library's advisories are filed under its source package
    const libssl = inventory.components.find(
      c => c.source === 'dpkg' && c.name === 'libssl3',
    )!;
    expect(PackageURL.fromString(libssl.purl).qualifiers?.upstream).toBe(
      'openssl',
    );
    expect(inventory.sources.find(s => s.source === 'sindri-bom')).toEqual({
      source: 'sindri-bom',
      state: 'unavailable',
      message: 'sindri-not-here is not installed',
    });
    expect(inventory.hash).toMatch(/^[0-9a-f]{64}$/);
    // every part is a frame the backend takes, within the frame size limit
    for (const part of inventoryParts(inventory)) {
      const frame = { type: 'inventory', inventory: part };
      expect(agentFrameSchema.safeParse(frame).success).toBe(true);
      expect(JSON.stringify(frame).length).toBeLessThan(
        INGEST_LIMITS.maxFrameBytes,
      );
    }
  });

  it('splits a large inventory into parts under the frame limit, the first carrying sources and access', () => {
    const components = Array.from({ length: 5000 }, (_, i) => ({
      source: 'npm' as const,
      name: `package-with-a-long-name-${i}`,
      version: `1.${i}.0`,
      purl: `pkg:npm/package-with-a-long-name-${i}@1.${i}.0`,
    }));
    const parts = inventoryParts({
      hash: 'a'.repeat(64),
      collectedAt: new Date().toISOString(),
      sources: [{ source: 'npm', state: 'collected', count: 5000 }],
      components,
      access: { sshKeys: [], listening: [] },
    });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap(p => p.components)).toEqual(components);
    expect(parts.map(p => [p.part, p.parts])).toEqual(
      parts.map((_, i) => [i, parts.length]),
    );
    expect(parts[0].sources).toBeDefined();
    expect(parts[1].sources).toBeUndefined();
    for (const part of parts)
      expect(
        JSON.stringify({ type: 'inventory', inventory: part }).length,
      ).toBeLessThan(INGEST_LIMITS.maxFrameBytes);
  });

  it("tells keys by ssh-keygen's fingerprint, type and size, flags weak ones, and never keeps the key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-keys-'));
    const made = (type: string, bits?: string) => {
      const file = path.join(dir, `${type}-${bits ?? ''}`);
      execFileSync('ssh-keygen', [
        '-q',
        '-t',
        type,
        ...(bits ? ['-b', bits] : []),
        '-N',
        '',
        '-C',
        `alice@${type}`,
        '-f',
        file,
      ]);
      const line = fs.readFileSync(`${file}.pub`, 'utf8').trim();
      // "256 SHA256:... comment (ED25519)"
      const [size, fingerprint] = execFileSync('ssh-keygen', [
        '-l',
        '-f',
        `${file}.pub`,
      ])
        .toString()
        .split(' ');
      return { line, size: Number(size), fingerprint };
    };
    const ed = made('ed25519');
    const rsa = made('rsa', '1024');
    const text = `# a comment\n${ed.line}\nfrom="10.0.0.0/8",no-pty ${rsa.line}\n`;
    const keys = parseAuthorizedKeys('/home/alice/.ssh/authorized_keys', text);
    expect(keys).toEqual([
      {
        file: '/home/alice/.ssh/authorized_keys',
        type: 'ssh-ed25519',
        bits: ed.size,
        fingerprint: ed.fingerprint,
        comment: 'alice@ed25519',
      },
      {
        file: '/home/alice/.ssh/authorized_keys',
        type: 'ssh-rsa',
        bits: 1024,
        fingerprint: rsa.fingerprint,
        comment: 'alice@rsa',
        weak: 'RSA of 1024 bits: below 2048',
      },
    ]);
    expect(JSON.stringify(keys)).not.toContain(ed.line.split(' ')[1]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
