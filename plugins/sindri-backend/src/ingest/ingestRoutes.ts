import { ingestRequestSchema } from '@internal/plugin-sindri-common';
import { parse } from '../http/parse';
import { SindriRouter } from '../http/types';
import { agentOf } from './agentAuthentication';
import { IngestService } from './IngestService';

/**
 * `POST /ingest`, the agents' fallback when they cannot hold a WebSocket,
 * authenticated by `agentAuthentication`. Each frame is judged alone: the
 * results say, in order, which were stored and why the others were not.
 */
export function registerIngestRoutes(
  router: SindriRouter,
  deps: { ingest: IngestService },
) {
  router.post('/ingest', async (req, res) => {
    const agent = agentOf(res);
    const body = parse(ingestRequestSchema, req.body, '');
    const results = [];
    for (const [i, frame] of body.frames.entries())
      results.push(
        (await deps.ingest.receive(agent, frame, `frames.${i}`)).answer,
      );
    res.json({ results });
  });
}
