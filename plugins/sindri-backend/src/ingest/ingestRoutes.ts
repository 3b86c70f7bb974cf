import {
  BackendFrame,
  ingestRequestSchema,
  rawFrameId,
} from '@internal/plugin-sindri-common';
import { parse } from '../http/parse';
import { SindriRouter } from '../http/types';
import { AgentIdentity } from '../tokens/AgentTokenStore';
import { agentOf } from './agentAuthentication';
import { FrameSequence } from './FrameSequence';
import { IngestService, Judged, storedTogether } from './IngestService';

/** Judges a batch's frames in the WebSocket's order (samples together, anything else alone); the answers in frame order. */
function judgeInOrder(
  ingest: IngestService,
  agent: AgentIdentity,
  frames: unknown[],
): Promise<BackendFrame[]> {
  return new Promise(resolve => {
    const answers: BackendFrame[] = [];
    let left = frames.length;
    if (!left) resolve(answers);
    const sequence = new FrameSequence<Judged>(
      ({ answer }) => answers.push(answer),
      () =>
        answers.push({
          type: 'error',
          id: rawFrameId(frames[answers.length]),
          status: 503,
          message: 'the portal could not store the frame now; send it again',
        }),
    );
    frames.forEach((frame, i) =>
      sequence.push(
        storedTogether(frame),
        () => ingest.receive(agent, frame, `frames.${i}`),
        () => {
          left -= 1;
          if (!left) resolve(answers);
        },
      ),
    );
  });
}

/**
 * `POST /ingest`, the agents' fallback when they cannot hold a WebSocket,
 * authenticated by `agentAuthentication`. Each frame is judged on its own (an
 * invalid one is refused alone) and in the WebSocket's order: the results
 * say, in order, which were stored and why the others were not.
 */
export function registerIngestRoutes(
  router: SindriRouter,
  deps: { ingest: IngestService },
) {
  router.post('/ingest', async (req, res) => {
    const agent = agentOf(res);
    const body = parse(ingestRequestSchema, req.body, '');
    res.json({ results: await judgeInOrder(deps.ingest, agent, body.frames) });
  });
}
