import crypto from 'node:crypto';
import { AddressInfo } from 'node:net';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  HttpTransport,
  pollUntil,
  SindriLogsClient,
} from '@internal/plugin-sindri-common';
import request from 'supertest';
import { registration } from '../__testUtils__/fixtures';
import { enroll, startLiveBackend } from '../__testUtils__/liveHarness';
import { LogStore } from './LogStore';
import { LogTail } from './LogTail';

jest.setTimeout(60_000);

const ops = mockCredentials.user.header('user:default/ops');

/** A server-sent event stream read with fetch, as the browser's client reads it. */
class TailReader {
  readonly lines: Array<{ id: string; text: string; instance: string }> = [];
  lastEventId?: string;
  private readonly abort = new AbortController();

  static async open(url: string, headers: Record<string, string> = {}) {
    const reader = new TailReader();
    const res = await fetch(url, {
      headers: { Authorization: ops, ...headers },
      signal: reader.abort.signal,
    });
    return { reader, res, done: res.ok ? reader.read(res) : Promise.resolve() };
  }

  private async read(res: Response) {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as any) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          this.event(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e;
    }
  }

  private event(block: string) {
    const fields = Object.fromEntries(
      block
        .split('\n')
        .filter(l => !l.startsWith(':'))
        .map(l => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
    );
    if (fields.event !== 'lines') return;
    this.lastEventId = fields.id;
    this.lines.push(...JSON.parse(fields.data));
  }

  close() {
    this.abort.abort();
  }
}

/** An agent of `name` on `server`, registered over HTTP ingest; `send` ships one batch of lines. */
async function httpAgent(server: any, name: string) {
  const { token } = await enroll(server, name);
  const ingest = (frames: unknown[]) =>
    request(server)
      .post('/api/sindri/ingest')
      .set('Authorization', `Bearer ${token}`)
      .send({ frames })
      .expect(200);
  await ingest([{ type: 'register', registration: registration(name) }]);
  return {
    send: (texts: string[]) =>
      ingest([
        {
          type: 'logs',
          logs: {
            id: crypto.randomUUID(),
            lines: texts.map(text => ({
              at: new Date().toISOString(),
              source: '/var/log/app.log',
              text,
            })),
          },
        },
      ]),
  };
}

describe('the live tail of log lines', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const readers: TailReader[] = [];
  afterEach(() => readers.splice(0).forEach(r => r.close()));

  it.each(databases.eachSupportedId())(
    'streams to a browser on one replica the lines an agent sends to another within 2 s, and resumes after a break without a gap or a repeat, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const replicaA = await startLiveBackend(knex);
      const replicaB = await startLiveBackend(knex);
      const { send } = await httpAgent(replicaA.server, 'tail-1');
      await enroll(replicaA.server, 'tail-2');
      await send(['written before the tail opened']);

      const base = `http://127.0.0.1:${
        (replicaB.server.address() as AddressInfo).port
      }/api/sindri`;
      const first = await TailReader.open(`${base}/instances/tail-1/logs/tail`);
      readers.push(first.reader);
      expect(first.res.status).toBe(200);
      expect(first.res.headers.get('content-type')).toBe('text/event-stream');
      const fleet = await TailReader.open(`${base}/logs/tail?q=deploy`);
      readers.push(fleet.reader);

      const sentAt = Date.now();
      await send(['deploy started', 'deploy finished']);
      await pollUntil(
        () => first.reader.lines.length === 2,
        'the two lines on the other replica',
        2000,
      );
      expect(Date.now() - sentAt).toBeLessThan(2000);
      expect(first.reader.lines.map(l => l.text)).toEqual([
        'deploy started',
        'deploy finished',
      ]);
      await pollUntil(
        () => fleet.reader.lines.length === 2,
        'the fleet tail',
        2000,
      );
      expect(fleet.reader.lines[0]).toMatchObject({
        instance: 'tail-1',
        text: 'deploy started',
        highlights: [[0, 6]],
      });

      // the browser loses the stream; lines keep coming; it reconnects with its last event id
      first.reader.close();
      const lastEventId = first.reader.lastEventId!;
      await send(['while away 1', 'while away 2']);
      const again = await TailReader.open(
        `${base}/instances/tail-1/logs/tail`,
        {
          'Last-Event-ID': lastEventId,
        },
      );
      readers.push(again.reader);
      await send(['after the reconnect']);
      await pollUntil(
        () => again.reader.lines.length === 3,
        'the missed lines after the reconnect',
        2000,
      );
      await new Promise(r => setTimeout(r, 700));
      expect(again.reader.lines.map(l => l.text)).toEqual([
        'while away 1',
        'while away 2',
        'after the reconnect',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "the portal's client follows a tail through the stop of the replica serving it, missing nothing, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const replicaA = await startLiveBackend(knex);
      const replicaB = await startLiveBackend(knex);
      const agent = await httpAgent(replicaA.server, 'tail-5');
      const send = (text: string) => agent.send([text]);
      // a load balancer: replica B until it stops, then replica A
      let serving = replicaB.port;
      const client = new SindriLogsClient(
        new HttpTransport({
          baseUrl: async () => `http://127.0.0.1:${serving}/api/sindri`,
          fetch: (url, init) =>
            fetch(url, {
              ...init,
              headers: { ...(init?.headers as object), Authorization: ops },
            }),
        }),
      );
      const abort = new AbortController();
      const received: string[] = [];
      const following = (async () => {
        for await (const lines of client.tail(
          { instance: 'tail-5', after: '0' },
          abort.signal,
        ))
          received.push(...lines.map(l => l.text));
      })();
      await send('one');
      await pollUntil(() => received.length === 1, 'the first line', 2000);
      serving = replicaA.port;
      await replicaB.stop();
      await send('two');
      await send('three');
      await pollUntil(() => received.length === 3, 'the lines after', 5000);
      abort.abort();
      await following;
      expect(received).toEqual(['one', 'two', 'three']);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a tail of an instance the caller may not read, and a bad filter by its field, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const denied = await startLiveBackend(knex, {
        denied: ['sindri.instance.audit.read'],
      });
      await enroll(denied.server, 'tail-3');
      const forbidden = await request(denied.server)
        .get('/api/sindri/instances/tail-3/logs/tail')
        .set('Authorization', ops);
      expect(forbidden.status).toBe(403);
      const allowed = await startLiveBackend(knex);
      const bad = await request(allowed.server)
        .get('/api/sindri/logs/tail?after=abc')
        .set('Authorization', ops);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/after/);
    },
  );

  it('sends a line whose batch commits after a newer one was sent, once, on PostgreSQL', async () => {
    if (!databases.eachSupportedId().some(([id]) => id === 'POSTGRES_15'))
      return;
    const knex = await databases.init('POSTGRES_15');
    const { server } = await startLiveBackend(knex);
    await enroll(server, 'tail-4');
    const instance = await knex('instances').where({ name: 'tail-4' }).first();
    const store = new LogStore(knex);
    const tail = new LogTail(store, {
      pollMs: 100,
      maxDurationMs: 60_000,
      batchLimit: 500,
    });
    const events: string[] = [];
    const res: any = {
      writeHead: () => {},
      write: (chunk: string) => events.push(chunk),
      end: () => {},
    };
    const req: any = { on: (_: string, f: () => void) => (res.close = f) };
    const batch = (text: string) => ({
      id: crypto.randomUUID(),
      lines: [{ at: new Date().toISOString(), source: 'a', text }],
    });
    const streaming = tail.stream(
      req,
      res,
      { instanceId: instance.id },
      await store.newestId(),
    );

    // the first batch takes its line id, then waits to commit while a second commits
    const slow = await knex.transaction();
    await slow('sindri_log_lines').insert({
      instance_id: instance.id,
      instance_name: 'tail-4',
      at: new Date(),
      source: 'a',
      text: 'committed late',
    });
    await store.append({ id: instance.id, name: 'tail-4' }, batch('newer'));
    await pollUntil(() => events.join('').includes('newer'), 'newer', 2000);
    await slow.commit();
    await pollUntil(
      () => events.join('').includes('committed late'),
      'the late line',
      2000,
    );
    await new Promise(r => setTimeout(r, 500));
    res.close();
    await streaming;
    const texts = events
      .filter(e => e.includes('event: lines'))
      .flatMap(e => JSON.parse(e.split('data: ')[1]).map((l: any) => l.text));
    expect(texts).toEqual(['newer', 'committed late']);
  });
});
