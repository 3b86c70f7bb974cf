import express from 'express';
import { AgentIdentity, AgentTokenStore } from '../tokens/AgentTokenStore';
import { bearerToken } from '../tokens/agentToken';

/** The agent a request authenticated as, set by `agentAuthentication`. */
export function agentOf(res: express.Response): AgentIdentity {
  return res.locals.sindriAgent as AgentIdentity;
}

/** The routes an agent (or an instance installing one) reaches with its own token. */
const AGENT_ROUTES = new Set([
  'POST /ingest',
  'GET /agent/install.sh',
  'GET /agent/bundle',
]);

/**
 * Authenticates the agents' routes by the instance's own token before the
 * spec's validator reads the request: an agent without a valid token learns
 * nothing of what it sent (401), and a database that cannot check tokens is a 503.
 */
export function agentAuthentication(
  tokens: AgentTokenStore,
): express.RequestHandler {
  return async (req, res, next) => {
    if (!AGENT_ROUTES.has(`${req.method} ${req.path}`)) {
      next();
      return;
    }
    const agent = await tokens
      .authenticate(bearerToken(req.headers.authorization))
      .catch(() => null);
    if (agent === null) {
      res.status(503).json({
        error: {
          name: 'ServiceUnavailable',
          message: 'the portal cannot check agent tokens now; try again',
        },
      });
      return;
    }
    if (!agent) {
      res.status(401).json({
        error: {
          name: 'AuthenticationError',
          message: 'Authorization: missing, malformed or revoked agent token',
        },
      });
      return;
    }
    res.locals.sindriAgent = agent;
    next();
  };
}
