import { TestDatabases } from '@backstage/backend-test-utils';
import WebSocket from 'ws';
import {
  enroll,
  ScriptedAgent,
  startLiveBackend,
} from '../__testUtils__/liveHarness';
import { metrics } from '../__testUtils__/fixtures';
import { IngestService } from './IngestService';

jest.setTimeout(60_000);

/** How the backend closed the socket, or an error when it is still open after 10 s. */
const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error('the connection stayed open, the frame unanswered')),
      10_000,
    );
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });

const answerTo = (ws: WebSocket, id: string) =>
  new Promise<any>(resolve =>
    ws.on('message', raw => {
      const json = JSON.parse(raw.toString());
      if (json.id === id) resolve(json);
    }),
  );

describe('an agent frame the backend fails to answer', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  afterEach(() => jest.restoreAllMocks());

  it.each(databases.eachSupportedId())(
    'closes the connection (1011) instead of leaving the agent waiting, and the frame sent again on the next connection is stored, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLiveBackend(knex);
      try {
        const { token } = await enroll(backend.server, 'unanswered-1');
        const frame = metrics();
        const id = (frame as Extract<typeof frame, { type: 'metrics' }>).metrics
          .id;
        const failing = jest.spyOn(IngestService.prototype, 'receive');

        const first = await ScriptedAgent.connect(
          backend.base,
          token,
          'unanswered-1',
        );
        // the registration was judged by the real receive: the next frame fails
        failing.mockImplementationOnce(() => Promise.reject(new Error('lost')));
        const closing = closed(first.ws);
        first.ws.send(JSON.stringify(frame));
        expect(await closing).toEqual({
          code: 1011,
          reason: 'a frame could not be answered; send it again',
        });

        const second = await ScriptedAgent.connect(
          backend.base,
          token,
          'unanswered-1',
        );
        const answer = answerTo(second.ws, id);
        second.ws.send(JSON.stringify(frame));
        expect(await answer).toEqual({ type: 'ack', id });
        second.close();
        expect(await knex('metric_samples').where({ id })).toHaveLength(1);
      } finally {
        await backend.stop();
      }
    },
  );
});
