import fs from 'node:fs';
import { LIVE_LIMITS, pollUntil } from '@internal/plugin-sindri-common';
import { useLiveAgent } from '../__testUtils__/liveHarness';

/** Terminal control sequences (ESC [ ...) */
const CSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** Lines that are only a number, escape sequences removed: what `seq` printed. */
function numbers(text: string): number[] {
  return text
    .replace(CSI, '')
    .split(/[\r\n]+/)
    .filter(line => /^\d+$/.test(line))
    .map(Number);
}

function expectSequence(values: number[], count: number) {
  expect(values.length).toBe(count);
  const firstWrong = values.findIndex((v, i) => v !== i + 1);
  expect(firstWrong).toBe(-1);
}

/** State letter of a process (R, S, Z, ...), undefined when it is gone. */
function processState(pid: number): string | undefined {
  try {
    return fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')[0];
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  const state = processState(pid);
  return state !== undefined && state !== 'Z';
}

/** Children of `pid` named `name`, from /proc. */
function childrenNamed(pid: number, name: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter(d => /^\d+$/.test(d))
    .filter(d => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(
          stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1],
        );
        return comm === name && ppid === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

jest.setTimeout(30_000);

describe('terminals', () => {
  const live = useLiveAgent();

  async function open(session: string, cols = 80, rows = 24) {
    const before = live.standIn.frames(
      'pty-opened',
      f => f.session === session,
    ).length;
    live.standIn.send({
      type: 'pty-open',
      session,
      cols,
      rows,
      user: 'user:default/ops',
    });
    return pollUntil(
      () =>
        live.standIn.frames('pty-opened', f => f.session === session)[before],
      `pty-opened for ${session}`,
    );
  }

  it('runs the login shell in a PTY: keystrokes in, output out, the token not in its environment', async () => {
    const opened = await open('session-echo');
    expect(opened).toMatchObject({ created: true, replayBytes: 0 });
    expect(opened.pid).toBeGreaterThan(0);

    live.standIn.input('session-echo', 'echo $((6*7))\r');
    await pollUntil(
      () => /[\r\n]42\r\n/.test(live.standIn.output('session-echo')),
      '42 in the output',
    );

    live.standIn.input(
      'session-echo',
      'echo "token=${SINDRI_AGENT_TOKEN:-none} copy=${SOME_COPY:-none} term=$TERM pwd=$(pwd)"\r',
    );
    await pollUntil(
      () =>
        live.standIn
          .output('session-echo')
          .includes(
            `token=none copy=none term=xterm-256color pwd=${live.agent.workspace}`,
          ),
      'the environment line',
    );
    expect(live.standIn.output('session-echo')).not.toContain(
      'sindri_live_test_token',
    );

    live.standIn.input('session-echo', 'exit 3\r');
    const exit = await pollUntil(
      () =>
        live.standIn.frames('pty-exit', f => f.session === 'session-echo')[0],
      'pty-exit',
    );
    expect(exit).toMatchObject({ reason: 'exited', exitCode: 3 });
    expect(live.agent.live.stats().sessions).toBe(0);
  });

  it('attaches a shell only to the user who started it, whatever the portal believes', async () => {
    const session = 'session-owned';
    const first = await open(session);
    live.standIn.input(session, 'echo secret-$((40+2))\r');
    await pollUntil(
      () => live.standIn.output(session).includes('secret-42'),
      "the first user's output",
    );
    live.standIn.send({ type: 'pty-detach', session });

    const replaysBefore = live.standIn.dataFrames(session, 'replay').length;
    live.standIn.send({
      type: 'pty-open',
      session,
      cols: 80,
      rows: 24,
      user: 'user:default/eve',
    });
    const denied = await pollUntil(
      () => live.standIn.frames('pty-denied', f => f.session === session)[0],
      'pty-denied',
    );
    expect(denied.message).toMatch(/belongs to another user/);
    // nothing of the shell went to the other user: no replay, no second pty-opened, the shell untouched
    expect(live.standIn.dataFrames(session, 'replay').length).toBe(
      replaysBefore,
    );
    expect(
      live.standIn.frames('pty-opened', f => f.session === session),
    ).toHaveLength(1);
    expect(isAlive(first.pid!)).toBe(true);
    live.standIn.send({ type: 'pty-close', session });
    await pollUntil(
      () => live.standIn.frames('pty-exit', f => f.session === session)[0],
      'pty-exit',
    );
  });

  it('reports a shell that ended while the agent was disconnected once it is back, until the portal acknowledges it', async () => {
    const session = 'session-away';
    await open(session);
    live.standIn.refuse = true;
    live.standIn.socket!.terminate();
    await pollUntil(
      () => !live.agent.connection.isOpen,
      'the agent to notice the drop',
    );
    // the shell ends while nobody hears it: the agent keeps its end
    const pid = live.standIn.frames('pty-opened', f => f.session === session)[0]
      .pid!;
    process.kill(pid, 'SIGKILL');
    await pollUntil(
      () => live.agent.live.stats().sessions === 0,
      'the shell to end',
    );
    expect(
      live.standIn.frames('pty-exit', f => f.session === session),
    ).toHaveLength(0);

    live.standIn.ackExits = false;
    live.standIn.refuse = false;
    const exit = await pollUntil(
      () => live.standIn.frames('pty-exit', f => f.session === session)[0],
      'the end reported on reconnect',
    );
    expect(exit).toMatchObject({ reason: 'exited' });
    // not acknowledged: sent again on the next connection
    live.standIn.socket!.terminate();
    await pollUntil(
      () =>
        live.standIn.frames('pty-exit', f => f.session === session).length ===
        2,
      'the end reported again',
    );
    live.standIn.send({ type: 'pty-exit-ack', session });
    live.standIn.ackExits = true;
    live.standIn.socket!.terminate();
    await pollUntil(
      () => live.agent.connection.isOpen && live.standIn.connections >= 4,
      'a fourth connection',
    );
    await new Promise(r => setTimeout(r, 200));
    expect(
      live.standIn.frames('pty-exit', f => f.session === session),
    ).toHaveLength(2);
  });

  it('keeps the session across a detach and replays its recent output on every attach', async () => {
    const session = 'session-replay';
    await open(session);
    live.standIn.input(session, 'echo marker-$((40+2))\r');
    await pollUntil(
      () => live.standIn.output(session).includes('marker-42'),
      'the marker',
    );

    live.standIn.send({ type: 'pty-detach', session });
    const reopened = await open(session, 100, 30);
    expect(reopened).toMatchObject({
      created: false,
      pid: live.standIn.frames('pty-opened')[0].pid,
    });
    expect(reopened.replayBytes).toBeGreaterThan(0);

    // a second viewer attaching while the first is attached gets a replay too
    const again = await open(session, 100, 30);
    expect(again).toMatchObject({ created: false });
    expect(again.replayBytes).toBeGreaterThanOrEqual(reopened.replayBytes);
    await pollUntil(
      () => live.standIn.dataFrames(session, 'replay').length === 2,
      'the second replay',
    );

    // each pty-opened with replayBytes > 0 is followed at once by exactly one replay frame of that size
    const mine = live.standIn.received.filter(r =>
      r.kind === 'frame'
        ? 'session' in r.frame && r.frame.session === session
        : r.frame.session === session,
    );
    const describeReceived = (r: (typeof mine)[number] | undefined) =>
      r?.kind === 'data'
        ? `${r.frame.kind} ${r.frame.payload.length}`
        : `${r?.frame.type}`;
    const withReplay = mine.flatMap((r, i) =>
      r.kind === 'frame' &&
      r.frame.type === 'pty-opened' &&
      r.frame.replayBytes > 0
        ? [{ replayBytes: r.frame.replayBytes, next: mine[i + 1] }]
        : [],
    );
    expect(withReplay.map(({ next }) => describeReceived(next))).toEqual(
      withReplay.map(({ replayBytes }) => `replay ${replayBytes}`),
    );
    const replays = live.standIn.dataFrames(session, 'replay');
    expect(replays).toHaveLength(2);
    replays.forEach(r =>
      expect(Buffer.from(r.payload).toString()).toContain('marker-42'),
    );

    // the attach resized the PTY, and pty-resize does too
    live.standIn.input(session, 'stty size\r');
    await pollUntil(
      () => live.standIn.output(session).includes('30 100'),
      'the size from the attach',
    );
    live.standIn.send({ type: 'pty-resize', session, cols: 120, rows: 40 });
    live.standIn.input(session, 'stty size\r');
    await pollUntil(
      () => live.standIn.output(session).includes('40 120'),
      'the size after pty-resize',
    );

    live.standIn.send({ type: 'pty-close', session });
    const exit = await pollUntil(
      () => live.standIn.frames('pty-exit', f => f.session === session)[0],
      'pty-exit',
    );
    expect(exit.reason).toBe('closed');
    expect(isAlive(reopened.pid!)).toBe(false);
  });

  it('writes many one-byte input frames to the shell in order', async () => {
    const session = 'session-input';
    await open(session, 1000, 50);
    await pollUntil(() => live.standIn.outputBytes(session) > 0, 'the prompt');
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const payload = Array.from(
      { length: 2000 },
      (_, i) => letters[(i * 7 + Math.floor(i / 26)) % 26],
    ).join('');
    for (const byte of Buffer.from(`echo ${payload} | tr a-z A-Z\r`))
      live.standIn.input(session, Buffer.from([byte]));
    await pollUntil(
      () => live.standIn.output(session).includes(payload.toUpperCase()),
      'the typed line, upper-cased',
      15_000,
    );
    expect(live.standIn.output(session)).toContain(payload.toUpperCase());
  });

  it('stops reading a paused session (the shell blocks), and continues in order on resume', async () => {
    const session = 'session-pause';
    const opened = await open(session, 200, 50);
    await pollUntil(() => live.standIn.outputBytes(session) > 0, 'the prompt');
    const count = 200_000;
    live.standIn.input(session, `seq 1 ${count}; echo DONE-$((40+2))\r`);
    live.standIn.send({ type: 'pty-pause', session });

    // the output stops growing while seq is still running: it blocks on its full terminal
    let last = -1;
    await pollUntil(() => {
      const now = live.standIn.outputBytes(session);
      const still = now === last;
      last = now;
      return still;
    }, 'the output to stop');
    const [seq] = await pollUntil(
      () =>
        childrenNamed(opened.pid!, 'seq').length === 1 &&
        childrenNamed(opened.pid!, 'seq'),
      'seq running',
    );
    await new Promise(r => setTimeout(r, 300));
    expect(live.standIn.outputBytes(session)).toBe(last);
    expect(isAlive(seq)).toBe(true);
    expect(live.agent.live.terminals.describe(session)).toMatchObject({
      reading: false,
    });
    expect(live.standIn.output(session)).not.toContain('DONE-42');

    live.standIn.send({ type: 'pty-resume', session });
    await pollUntil(
      () => live.standIn.outputTail(session).includes('DONE-42'),
      'the end of the numbers',
    );
    expectSequence(numbers(live.standIn.output(session)), count);
  });

  it('pauses every PTY while its own socket is over the high-water mark, and keeps memory bounded', async () => {
    const session = 'session-flood';
    await open(session, 200, 50);
    await pollUntil(() => live.standIn.outputBytes(session) > 0, 'the prompt');
    const count = 3_000_000; // ~25 MB through the terminal, more than the kernel's socket buffers hold
    live.standIn.socket!.pause(); // the backend stops reading
    live.standIn.input(session, `seq 1 ${count}; echo DONE-$((40+2))\r`);

    // what the agent holds (socket send buffer and unsent output) while the flood meets a backend that does not read,
    // until the agent has paused the socket (on a loaded machine seq takes a while to fill it), and a second more
    let peak = 0;
    let pausedAt: number | undefined;
    const started = Date.now();
    while (
      Date.now() - started < 20_000 &&
      (pausedAt === undefined || Date.now() - pausedAt < 1000)
    ) {
      const { bufferedAmount, pendingBytes, socketPaused } =
        live.agent.live.stats();
      peak = Math.max(peak, bufferedAmount + pendingBytes);
      if (socketPaused) pausedAt ??= Date.now();
      await new Promise(r => setTimeout(r, 5));
    }
    expect(peak).toBeLessThanOrEqual(
      LIVE_LIMITS.highWaterBytes + 4 * LIVE_LIMITS.maxOutputChunkBytes,
    );
    expect(live.agent.live.stats().socketPaused).toBe(true);
    expect(live.agent.live.terminals.describe(session)).toMatchObject({
      reading: false,
    });

    live.standIn.socket!.resume();
    await pollUntil(
      () => live.standIn.outputTail(session).includes('DONE-42'),
      'the end of the numbers',
      30_000,
    );
    expect(live.agent.live.stats().socketPaused).toBe(false);
    expectSequence(numbers(live.standIn.output(session)), count);
  });

  it('refuses a session over the per-instance limit', async () => {
    for (let i = 0; i < LIVE_LIMITS.maxSessionsPerInstance; i++)
      live.standIn.send({
        type: 'pty-open',
        session: `session-many-${i}`,
        cols: 80,
        rows: 24,
        user: 'user:default/ops',
      });
    await pollUntil(
      () =>
        live.standIn.frames('pty-opened').length ===
        LIVE_LIMITS.maxSessionsPerInstance,
      'every session open',
    );
    live.standIn.send({
      type: 'pty-open',
      session: 'session-one-too-many',
      cols: 80,
      rows: 24,
      user: 'user:default/ops',
    });
    const exit = await pollUntil(
      () =>
        live.standIn.frames(
          'pty-exit',
          f => f.session === 'session-one-too-many',
        )[0],
      'the refusal',
    );
    expect(exit).toMatchObject({
      reason: 'error',
      exitCode: null,
      message: expect.stringMatching(/too many/),
    });
  });

  it('keeps shells over a dropped connection: they are detached, and attach again with their replay', async () => {
    const session = 'session-drop';
    const opened = await open(session);
    live.standIn.input(session, 'echo before-$((1+1))\r');
    await pollUntil(
      () => live.standIn.output(session).includes('before-2'),
      'output before the drop',
    );

    live.standIn.socket!.terminate();
    await pollUntil(
      () =>
        live.standIn.socket &&
        live.agent.connection.isOpen &&
        live.standIn.connections === 2,
      'the agent to reconnect',
    );
    expect(live.agent.live.terminals.describe(session)).toMatchObject({
      attached: false,
      reading: true,
    });

    const reopened = await open(session);
    expect(reopened).toMatchObject({ created: false, pid: opened.pid });
    expect(
      Buffer.from(
        live.standIn.dataFrames(session, 'replay')[0].payload,
      ).toString(),
    ).toContain('before-2');
    live.standIn.input(session, 'echo after-$((1+2))\r');
    await pollUntil(
      () => live.standIn.output(session).includes('after-3'),
      'output after the reconnect',
    );
  });
});

describe('terminal idle timeout', () => {
  const live = useLiveAgent({ terminalIdleSeconds: 1 });

  it('ends a session nobody was attached to for the idle timeout, and only that one', async () => {
    const { standIn, agent } = live;
    for (const session of ['session-idle', 'session-kept', 'session-back'])
      standIn.send({
        type: 'pty-open',
        session,
        cols: 80,
        rows: 24,
        user: 'user:default/ops',
      });
    await pollUntil(
      () => standIn.frames('pty-opened').length === 3,
      'three sessions',
    );
    const idlePid = standIn.frames(
      'pty-opened',
      f => f.session === 'session-idle',
    )[0].pid!;
    standIn.send({ type: 'pty-detach', session: 'session-idle' });
    standIn.send({ type: 'pty-detach', session: 'session-back' });
    standIn.send({
      type: 'pty-open',
      session: 'session-back',
      cols: 80,
      rows: 24,
      user: 'user:default/ops',
    });

    const exit = await pollUntil(
      () => standIn.frames('pty-exit')[0],
      'the idle pty-exit',
      5000,
    );
    expect(exit).toMatchObject({ session: 'session-idle', reason: 'idle' });
    await pollUntil(() => !isAlive(idlePid), 'the idle shell to be gone');
    // attached (or attached again) sessions live on
    await new Promise(r => setTimeout(r, 300));
    expect(standIn.frames('pty-exit')).toHaveLength(1);
    expect(agent.live.stats().sessions).toBe(2);
  });
});
