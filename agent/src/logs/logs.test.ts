import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentFrame, agentFrameSchema } from '@internal/plugin-sindri-common';
import { detectLevel } from './detectLevel';
import { FileTailer } from './FileTailer';
import { LogShipper } from './LogShipper';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-logs-'));

describe('FileTailer', () => {
  it('reads what files gain, in whole lines, follows new files in a directory, rotation, and goes on after a restart', async () => {
    const dir = tmp();
    const logs = path.join(dir, 'logs');
    fs.mkdirSync(logs);
    const positions = path.join(dir, 'state/positions.json');
    const python = path.join(logs, 'python.log');
    fs.writeFileSync(python, 'first\nsecond\n');
    fs.writeFileSync(path.join(logs, 'notes.txt'), 'not a log\n');

    const tailer = new FileTailer(
      [logs, path.join(dir, 'missing.log')],
      positions,
    );
    expect(await tailer.poll()).toEqual([
      { source: python, text: 'first' },
      { source: python, text: 'second' },
    ]);
    // half a line waits for its newline
    fs.appendFileSync(python, 'thi');
    expect(await tailer.poll()).toEqual([]);
    fs.appendFileSync(python, 'rd\n');
    const node = path.join(logs, 'nodejs.log');
    fs.writeFileSync(node, 'npm ok\n');
    expect(await tailer.poll()).toEqual([
      { source: node, text: 'npm ok' },
      { source: python, text: 'third' },
    ]);

    // rotated: a new file under the same name is read from its start
    fs.renameSync(python, `${python}.1`);
    fs.writeFileSync(python, 'after rotation\n');
    expect(await tailer.poll()).toEqual([
      { source: python, text: 'after rotation' },
    ]);

    // a restarted agent goes on where it stopped
    fs.appendFileSync(python, 'while stopped\n');
    const again = new FileTailer([logs], positions);
    expect(await again.poll()).toEqual([
      { source: python, text: 'while stopped' },
    ]);
  });
});

describe('LogShipper', () => {
  it('masks secrets, cuts long lines, states levels and keeps batches within the protocol limits', () => {
    const frames: AgentFrame[] = [];
    const shipper = new LogShipper(f => frames.push(f));
    shipper.ship([
      {
        source: '/l',
        text: 'ERROR login failed: API_KEY=abc123 Authorization: Bearer eyJhbGciOi',
      },
      { source: '/l', text: 'token sindri_0b1c2d3e_AbCdEfGhIjKlMnOp leaked' },
      { source: '/l', text: 'x'.repeat(10_000) },
      ...Array.from({ length: 600 }, (_, i) => ({
        source: '/l',
        text: `line ${i}`,
      })),
    ]);
    expect(frames).toHaveLength(2);
    for (const frame of frames)
      expect(agentFrameSchema.parse(frame)).toEqual(frame);
    const lines = frames.flatMap(f => (f.type === 'logs' ? f.logs.lines : []));
    expect(lines).toHaveLength(603);
    expect(lines[0]).toMatchObject({
      text: 'ERROR login failed: API_KEY=*** Authorization: Bearer ***',
      level: 'error',
    });
    expect(lines[1].text).toBe('token sindri_*** leaked');
    expect(lines[2].text).toHaveLength(4096);
    expect(lines[2].text.endsWith(' [truncated]')).toBe(true);
    expect(lines[3].level).toBeUndefined();
  });

  it('reports the lines of batches dropped from a full buffer in the next batch', () => {
    const frames: AgentFrame[] = [];
    const shipper = new LogShipper(f => frames.push(f));
    shipper.ship([
      { source: '/l', text: 'a' },
      { source: '/l', text: 'b' },
    ]);
    shipper.dropped(frames[0]);
    shipper.ship([{ source: '/l', text: 'c' }]);
    expect(frames[1]).toMatchObject({ type: 'logs', logs: { dropped: 2 } });
    shipper.ship([{ source: '/l', text: 'd' }]);
    expect(frames[2].type === 'logs' && frames[2].logs.dropped).toBeUndefined();
  });
});

describe('detectLevel', () => {
  it.each([
    ['[ERROR] failed', 'error'],
    ['2026-12-01 WARN disk', 'warn'],
    ['level=info msg=ok', 'info'],
    ['DEBUG x', 'debug'],
    ['installing python', undefined],
  ])('%s → %s', (line, level) => {
    expect(detectLevel(line)).toBe(level);
  });
});
