import crypto from 'node:crypto';
import { TestDatabases } from '@backstage/backend-test-utils';
import { AgentFrame, pollUntil } from '@internal/plugin-sindri-common';
import request from 'supertest';
import {
  enroll,
  ScriptedAgent,
  startLiveBackend,
} from '../__testUtils__/liveHarness';
import { heartbeat, metrics } from '../__testUtils__/fixtures';
import { IngestService } from './IngestService';

jest.setTimeout(60_000);

const event = (): AgentFrame => ({
  type: 'event',
  event: {
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    type: 'deploy',
    message: 'deployed',
  },
});

const idOf = (frame: any) => frame[frame.type].id as string;

/** Records when each frame started and ended being judged. */
function recordJudging() {
  const timeline: string[] = [];
  const receive = IngestService.prototype.receive;
  jest
    .spyOn(IngestService.prototype, 'receive')
    .mockImplementation(function judged(this: IngestService, ...args) {
      const raw = args[1] as any;
      const id = raw?.[raw?.type]?.id;
      timeline.push(`start ${id}`);
      const answered = receive.apply(this, args);
      // a refusal is answered as a plain value, not a promise: kept so
      if (!(answered instanceof Promise)) {
        timeline.push(`end ${id}`);
        return answered;
      }
      return answered.finally(() => {
        timeline.push(`end ${id}`);
      });
    });
  return (step: string) => {
    const i = timeline.indexOf(step);
    if (i < 0) throw new Error(`${step} not in ${timeline}`);
    return i;
  };
}

const frames = () => [metrics(), metrics(), heartbeat(), event(), metrics()];

/** Samples sent together are taken together; the event waits for them, and the sample after it for the event. */
function expectJudgedInTurn(at: (step: string) => number, sent: AgentFrame[]) {
  const [m1, m2, h3, e4, m5] = sent.map(idOf);
  expect(at(`start ${m2}`)).toBeLessThan(at(`end ${m1}`));
  expect(at(`start ${h3}`)).toBeLessThan(at(`end ${m1}`));
  for (const sample of [m1, m2, h3])
    expect(at(`start ${e4}`)).toBeGreaterThan(at(`end ${sample}`));
  expect(at(`start ${m5}`)).toBeGreaterThan(at(`end ${e4}`));
}

describe('the order in which one agent’s frames are judged', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  afterEach(() => jest.restoreAllMocks());

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('over the WebSocket: the samples sent at once are stored together, any other frame alone, and all answered in arrival order', async () => {
      const at = recordJudging();
      const knex = await databases.init(databaseId);
      const backend = await startLiveBackend(knex);
      try {
        const { token } = await enroll(backend.server, 'window-1');
        const agent = await ScriptedAgent.connect(
          backend.base,
          token,
          'window-1',
        );
        const answers: string[] = [];
        agent.ws.on('message', raw => {
          const json = JSON.parse(raw.toString());
          if (json.type === 'ack') answers.push(json.id);
          if (json.type === 'error') answers.push(`error ${json.status}`);
        });
        const sent = frames();
        // sent in one go, as an agent's window of unacknowledged frames, with
        // an invalid sample (refused at once) among them
        for (const frame of sent.slice(0, 2))
          agent.ws.send(JSON.stringify(frame));
        agent.ws.send(JSON.stringify({ type: 'metrics' }));
        for (const frame of sent.slice(2)) agent.ws.send(JSON.stringify(frame));
        await pollUntil(() => answers.length === 6, 'six answers');
        agent.close();

        const ids = sent.map(idOf);
        expect(answers).toEqual([
          ...ids.slice(0, 2),
          'error 400',
          ...ids.slice(2),
        ]);
        expectJudgedInTurn(at, sent);
        expect(
          Number((await knex('metric_samples').count({ n: '*' }))[0].n),
        ).toBe(3);
      } finally {
        await backend.stop();
      }
    });

    it('in an HTTP batch: the same order, and the results in frame order', async () => {
      const at = recordJudging();
      const knex = await databases.init(databaseId);
      const backend = await startLiveBackend(knex);
      try {
        const { token } = await enroll(backend.server, 'batch-1');
        const agent = await ScriptedAgent.connect(
          backend.base,
          token,
          'batch-1',
        );
        agent.close();
        const sent = frames();
        const res = await request(backend.server)
          .post('/api/sindri/ingest')
          .set('Authorization', `Bearer ${token}`)
          .send({ frames: [...sent, { type: 'metrics' }] });

        expect(res.status).toBe(200);
        expect(res.body.results).toEqual([
          ...sent.map(id => ({ type: 'ack', id: idOf(id) })),
          expect.objectContaining({ type: 'error', status: 400 }),
        ]);
        expectJudgedInTurn(at, sent);
      } finally {
        await backend.stop();
      }
    });
  });
});
