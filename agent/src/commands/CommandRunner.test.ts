import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  CommandSpec,
  INGEST_LIMITS,
  LIVE_LIMITS,
  pollUntil,
} from '@internal/plugin-sindri-common';
import { TEST_TOKEN, useLiveAgent } from '../__testUtils__/liveHarness';
import { MAX_UNSENT_EXITS } from './CommandRunner';

function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

jest.setTimeout(30_000);

describe('commands', () => {
  const live = useLiveAgent();

  function run(command: CommandSpec, timeoutSeconds = 30): string {
    const id = crypto.randomUUID();
    live.standIn.send({ type: 'cmd-run', run: id, command, timeoutSeconds });
    return id;
  }

  const started = (id: string) =>
    pollUntil(
      () => live.standIn.frames('cmd-started', f => f.run === id)[0],
      `cmd-started of ${id}`,
    );
  const exited = (id: string, timeoutMs?: number) =>
    pollUntil(
      () => live.standIn.frames('cmd-exit', f => f.run === id)[0],
      `cmd-exit of ${id}`,
      timeoutMs,
    );

  it('runs an argv without a shell in the workspace: started, output, then exactly one exit', async () => {
    const id = run({
      argv: ['sh', '-c', 'printf "%s|" "$@"; pwd', 'sh', 'a b', '$HOME', '*'],
    });
    const exit = await exited(id);
    expect(exit).toMatchObject({
      exitCode: 0,
      signal: null,
      ended: 'exited',
      stderrBytes: 0,
    });
    expect(live.standIn.commandOutput(id)).toBe(
      `a b|$HOME|*|${live.agent.workspace}\n`,
    );
    expect(exit.stdoutBytes).toBe(
      Buffer.byteLength(live.standIn.commandOutput(id)),
    );
    expect(exit.stdoutTail).toBe(live.standIn.commandOutput(id));
    expect(exit.stderrTail).toBeUndefined();

    const mine = live.standIn.received.flatMap(r =>
      r.kind === 'frame' && 'run' in r.frame && r.frame.run === id
        ? [r.frame.type]
        : [],
    );
    expect(mine).toEqual([
      'cmd-started',
      ...mine.slice(1, -1).map(() => 'cmd-output'),
      'cmd-exit',
    ]);
  });

  it('reports a non-zero exit code and stderr', async () => {
    const id = run({ argv: ['sh', '-c', 'echo bad >&2; exit 7'] });
    expect(await exited(id)).toMatchObject({
      exitCode: 7,
      ended: 'exited',
      stdoutBytes: 0,
      stderrBytes: 4,
    });
    expect(live.standIn.commandOutput(id, 'stderr')).toBe('bad\n');
  });

  it('reports a program that does not exist as an error', async () => {
    const id = run({ argv: ['no-such-program-here', '--flag'] });
    expect(await exited(id)).toMatchObject({
      exitCode: null,
      ended: 'error',
      message: 'program not found: no-such-program-here',
    });
    expect(live.standIn.frames('cmd-started', f => f.run === id)).toHaveLength(
      0,
    );
  });

  it('kills a command at its timeout, children included', async () => {
    const t0 = Date.now();
    const id = run(
      { script: '#!/bin/sh\nsleep 30 &\necho child=$!\nsleep 30\n' },
      1,
    );
    await started(id);
    const child = Number(
      (
        await pollUntil(
          () => /child=(\d+)/.exec(live.standIn.commandOutput(id)) ?? undefined,
          'the child pid',
        )
      )[1],
    );
    const exit = await exited(id, 6000);
    expect(exit).toMatchObject({
      ended: 'timeout',
      exitCode: null,
      signal: 'SIGTERM',
    });
    expect(exit.durationMs).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - t0).toBeLessThan(1000 + 3000 + 1000);
    await pollUntil(
      () => !isAlive(child),
      'the background child to be gone',
      2000,
    );
  });

  it('cancels a running command', async () => {
    const id = run({ argv: ['sleep', '30'] });
    const { pid } = await started(id);
    live.standIn.send({ type: 'cmd-cancel', run: id });
    const exit = await exited(id, 5000);
    expect(exit).toMatchObject({ ended: 'cancelled', signal: 'SIGTERM' });
    // SIGTERM ended it, no SIGKILL after the grace was needed
    expect(exit.durationMs).toBeLessThan(2500);
    expect(isAlive(pid)).toBe(false);
  });

  it('runs a script from a private temp file it deletes afterwards', async () => {
    const id = run({
      script:
        '#!/bin/sh\necho "path=$0 mode=$(stat -c %a "$0") dir=$(stat -c %a "$(dirname "$0")") pwd=$(pwd)"\n',
    });
    expect(await exited(id)).toMatchObject({ exitCode: 0, ended: 'exited' });
    const [, file, mode, dirMode, pwd] =
      /path=(\S+) mode=(\d+) dir=(\d+) pwd=(\S+)/.exec(
        live.standIn.commandOutput(id),
      )!;
    expect([mode, dirMode, pwd]).toEqual(['700', '700', live.agent.workspace]);
    await pollUntil(
      () => !fs.existsSync(file),
      'the script to be deleted',
      2000,
    );
  });

  it('keeps the agent token out of the environment', async () => {
    const id = run({ argv: ['env'] });
    await exited(id);
    const env = live.standIn.commandOutput(id);
    expect(env).toContain('PATH=');
    expect(env).not.toContain(TEST_TOKEN);
    expect(env).not.toMatch(/^SINDRI_AGENT_TOKEN=/m);
  });

  it('does not split multi-byte characters across output frames', async () => {
    const text = 'ä€𝄞'.repeat(30_000); // 270,000 bytes, more than one frame
    const id = run({
      argv: [
        process.execPath,
        '-e',
        `process.stdout.write('ä€𝄞'.repeat(30000))`,
      ],
    });
    const exit = await exited(id);
    expect(exit.stdoutBytes).toBe(Buffer.byteLength(text));
    expect(live.standIn.commandOutput(id)).toBe(text);
    expect(
      live.standIn.frames('cmd-output', f => f.run === id).length,
    ).toBeGreaterThan(1);
  });

  it("keeps output frames within the portal's frame limit, however the text escapes", async () => {
    const id = run({ argv: ['head', '-c', '300000', '/dev/zero'] });
    expect(await exited(id)).toMatchObject({
      exitCode: 0,
      stdoutBytes: 300_000,
    });
    expect(live.standIn.commandOutput(id)).toBe('\0'.repeat(300_000));
    expect(live.standIn.maxTextFrameBytes).toBeLessThanOrEqual(
      INGEST_LIMITS.maxFrameBytes,
    );
  });

  it('pauses a flooding command while its socket is over the high-water mark, and loses nothing', async () => {
    const total = 20_000_000;
    live.standIn.socket!.pause(); // the backend stops reading
    const id = run({
      argv: ['sh', '-c', `yes 0123456789abcdef | head -c ${total}`],
    });
    let peak = 0;
    const t0 = Date.now();
    while (Date.now() - t0 < 1000) {
      peak = Math.max(peak, live.agent.live.stats().bufferedAmount);
      await new Promise(r => setTimeout(r, 5));
    }
    expect(peak).toBeLessThanOrEqual(
      LIVE_LIMITS.highWaterBytes + 4 * LIVE_LIMITS.maxOutputChunkBytes,
    );
    expect(live.agent.live.stats()).toMatchObject({
      socketPaused: true,
      commands: 1,
    });

    live.standIn.socket!.resume();
    const exit = await exited(id, 15_000);
    expect(exit).toMatchObject({ exitCode: 0, stdoutBytes: total });
    const output = live.standIn.commandOutput(id);
    expect(output.length).toBe(total);
    expect(output.startsWith('0123456789abcdef\n0123')).toBe(true);
  });

  it('keeps the exit of commands that end while disconnected (the last 100) and sends them on reconnect', async () => {
    // each command ends once the flag file exists (checked twice a second: 105 of them polling faster load a 2-core runner)
    const flag = `${live.agent.workspace}/go`;
    const ids = Array.from({ length: MAX_UNSENT_EXITS + 5 }, () =>
      run({
        argv: [
          'sh',
          '-c',
          'while [ ! -e "$1" ]; do sleep 0.5; done; echo late',
          'sh',
          flag,
        ],
      }),
    );
    await pollUntil(
      () => live.standIn.frames('cmd-started').length === ids.length,
      'every command to start',
      30_000,
    );
    live.standIn.refuse = true;
    live.standIn.socket!.terminate();
    await pollUntil(
      () => !live.agent.connection.isOpen,
      'the agent to notice the drop',
    );
    fs.writeFileSync(flag, '');
    await pollUntil(
      () => live.agent.live.stats().commands === 0,
      'every command to end',
    );
    expect(live.agent.live.stats().waitingExits).toBe(MAX_UNSENT_EXITS);
    expect(live.standIn.frames('cmd-exit')).toHaveLength(0);

    live.standIn.refuse = false;
    await pollUntil(
      () => live.standIn.frames('cmd-exit').length === MAX_UNSENT_EXITS,
      'the kept exits',
    );
    for (const exit of live.standIn.frames('cmd-exit')) {
      // what it wrote while nothing was streamed is in its tail
      expect(exit).toMatchObject({
        ended: 'exited',
        exitCode: 0,
        stdoutBytes: 5,
        stdoutTail: 'late\n',
      });
      expect(ids).toContain(exit.run);
    }
    expect(live.standIn.frames('cmd-output')).toHaveLength(0);
    await pollUntil(
      () => live.agent.live.stats().waitingExits === 0,
      "the portal's acks",
    );
  }, 60_000);

  it('sends the end of each stream with the exit, as much as the portal keeps and within its frame limit', async () => {
    const tail = LIVE_LIMITS.commandOutputTailBytes;
    const long = run({
      argv: [
        'sh',
        '-c',
        'head -c 100000 /dev/zero | tr "\\0" x; echo END; echo oops >&2',
      ],
    });
    const longExit = await exited(long);
    expect(longExit.stdoutBytes).toBe(100_004);
    expect(longExit.stdoutTail).toHaveLength(tail);
    expect(longExit.stdoutTail!.endsWith('xxEND\n')).toBe(true);
    expect(longExit.stderrTail).toBe('oops\n');

    // NULs are six bytes each as JSON: the tail is shortened until the frame fits
    const escaped = run({ argv: ['sh', '-c', 'head -c 100000 /dev/zero'] });
    const escapedExit = await exited(escaped);
    expect(Buffer.byteLength(JSON.stringify(escapedExit))).toBeLessThan(
      INGEST_LIMITS.maxFrameBytes,
    );
    expect(escapedExit.stdoutTail).toMatch(/^\0+$/);
    expect(escapedExit.stdoutTail!.length).toBeGreaterThanOrEqual(tail / 4);
  });

  it('sends an exit again on every connect until the portal acknowledges it', async () => {
    live.standIn.ackExits = false;
    const id = run({ argv: ['true'] });
    await pollUntil(
      () => live.standIn.frames('cmd-exit', f => f.run === id).length === 1,
      'the exit',
    );
    // sent as the connection dropped, say: the portal never stored it
    live.standIn.socket!.terminate();
    await pollUntil(
      () => live.standIn.frames('cmd-exit', f => f.run === id).length === 2,
      'the exit sent again on reconnect',
    );
    expect(live.agent.live.stats().waitingExits).toBe(1);

    live.standIn.send({ type: 'cmd-exit-ack', run: id });
    await pollUntil(
      () => live.agent.live.stats().waitingExits === 0,
      'the exit forgotten once acknowledged',
    );
    live.standIn.ackExits = true;
    live.standIn.socket!.terminate();
    await pollUntil(
      () => live.agent.connection.isOpen && live.standIn.connections >= 3,
      'a third connection',
    );
    await new Promise(r => setTimeout(r, 200));
    expect(live.standIn.frames('cmd-exit', f => f.run === id)).toHaveLength(2);
  });

  it('answers an invalid cmd-run with an error exit', async () => {
    const id = crypto.randomUUID();
    live.standIn.sendRaw({
      type: 'cmd-run',
      run: id,
      command: { argv: [] },
      timeoutSeconds: 5,
    });
    expect(await exited(id)).toMatchObject({
      ended: 'error',
      exitCode: null,
      message: expect.stringMatching(/^invalid cmd-run: command/),
    });
  });
});
