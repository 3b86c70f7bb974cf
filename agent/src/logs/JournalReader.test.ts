import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentFrame } from '@internal/plugin-sindri-common';
import { JournalReader } from './JournalReader';
import { LogShipper } from './LogShipper';

// journal files are written with systemd's own journal-remote from the export format
const JOURNAL_REMOTE = [
  '/lib/systemd/systemd-journal-remote',
  '/usr/lib/systemd/systemd-journal-remote',
].find(p => fs.existsSync(p));
const JOURNALCTL = spawnSync('journalctl', ['--version']).status === 0;
const maybe = JOURNAL_REMOTE && JOURNALCTL ? describe : describe.skip;

let seq = 0;
function writeEntries(
  dir: string,
  entries: Array<{
    unit: string;
    priority: number;
    message: string | number[];
  }>,
) {
  const exported = entries
    .map(e => {
      seq += 1;
      const fields = [
        `__REALTIME_TIMESTAMP=${1764600000000000 + seq * 1000000}`,
        `__MONOTONIC_TIMESTAMP=${seq}`,
        '_BOOT_ID=0123456789abcdef0123456789abcdef',
        `_SYSTEMD_UNIT=${e.unit}`,
        `PRIORITY=${e.priority}`,
        '_HOSTNAME=dev-1',
      ].join('\n');
      if (typeof e.message === 'string')
        return `${fields}\nMESSAGE=${e.message}\n\n`;
      // a binary field: its name, a newline, its length as 64-bit little-endian, the bytes
      const length = Buffer.alloc(8);
      length.writeBigUInt64LE(BigInt(e.message.length));
      return Buffer.concat([
        Buffer.from(`${fields}\nMESSAGE\n`),
        length,
        Buffer.from(e.message),
        Buffer.from('\n\n'),
      ]).toString('latin1');
    })
    .join('');
  execFileSync(JOURNAL_REMOTE!, ['-o', path.join(dir, 'remote.journal'), '-'], {
    input: Buffer.from(exported, 'latin1'),
    stdio: ['pipe', 'ignore', 'ignore'],
  });
}

maybe('JournalReader', () => {
  it("reads a unit's entries with their priority and time, from its cursor, and goes on after a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-journal-'));
    const journal = path.join(dir, 'journal');
    fs.mkdirSync(journal);
    const cursors = path.join(dir, 'state/journal-cursors.json');
    writeEntries(journal, [
      { unit: 'web.service', priority: 3, message: 'failed to bind port 8080' },
      { unit: 'other.service', priority: 6, message: 'not followed' },
      { unit: 'web.service', priority: 6, message: 'listening on 8081' },
    ]);
    const reader = new JournalReader(['web.service'], cursors, {
      directory: journal,
    });
    const first = await reader.poll();
    expect(first).toEqual([
      {
        source: 'journald:web.service',
        text: 'failed to bind port 8080',
        level: 'error',
        at: new Date(1764600000000 + (seq - 2) * 1000),
      },
      {
        source: 'journald:web.service',
        text: 'listening on 8081',
        level: 'info',
        at: new Date(1764600000000 + seq * 1000),
      },
    ]);
    expect(await reader.poll()).toEqual([]);
    // shipped with the journal's own level and time, masked like any line
    const frames: AgentFrame[] = [];
    new LogShipper(f => frames.push(f)).ship([
      ...first,
      { ...first[0], text: 'PGPASSWORD=hunter2 psql' },
    ]);
    expect(frames[0].type === 'logs' && frames[0].logs.lines).toEqual([
      expect.objectContaining({
        source: 'journald:web.service',
        level: 'error',
        at: first[0].at!.toISOString(),
      }),
      expect.objectContaining({ level: 'info' }),
      expect.objectContaining({ text: 'PGPASSWORD=*** psql', level: 'error' }),
    ]);

    writeEntries(journal, [
      { unit: 'web.service', priority: 4, message: 'slow request' },
      // not valid UTF-8 as a whole: journald gives it as bytes
      {
        unit: 'web.service',
        priority: 7,
        message: [...Buffer.from('bytes ok '), 0xff],
      },
    ]);
    expect((await reader.poll()).map(l => [l.text, l.level])).toEqual([
      ['slow request', 'warn'],
      ['bytes ok \ufffd', 'debug'],
    ]);

    // a restarted agent reads only what came after
    writeEntries(journal, [
      { unit: 'web.service', priority: 6, message: 'while stopped' },
    ]);
    const again = new JournalReader(['web.service'], cursors, {
      directory: journal,
    });
    expect((await again.poll()).map(l => l.text)).toEqual(['while stopped']);
  });

  it('refuses a unit name that is not one, and says why journalctl failed', async () => {
    expect(
      () => new JournalReader(['web.service; rm -rf /'], '/tmp/x'),
    ).toThrow(/not a systemd unit name/);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-journal-'));
    const cursors = path.join(empty, 'cursors.json');
    const none = new JournalReader(['web.service'], cursors, {
      directory: empty,
    });
    await expect(none.poll()).resolves.toEqual([]);
    const gone = new JournalReader(['web.service'], cursors, {
      directory: '/nonexistent/journal',
    });
    await expect(gone.poll()).rejects.toThrow(
      /journalctl for web.service exited with 1: Failed to open \/nonexistent\/journal/,
    );
    const missing = new JournalReader(['web.service'], cursors, {
      journalctl: '/nonexistent/journalctl',
    });
    await expect(missing.poll()).rejects.toThrow(/ENOENT/);
  });
});
