import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { LoggerService } from '@backstage/backend-plugin-api';
import { WebSocket, WebSocketServer } from 'ws';
import {
  agentFrameSchema,
  BackendFrame,
  describeZodError,
  INGEST_LIMITS,
} from '@internal/plugin-sindri-common';
import { AgentIdentity, InstanceStore } from '../database/InstanceStore';
import { bearerToken } from '../tokens/agentToken';
import { IngestService } from './IngestService';
import { RateLimiter } from './RateLimiter';

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`, () => socket.destroy());
}

/**
 * The agents' one outbound connection: `GET /api/sindri/agent/connect` upgraded
 * to a WebSocket, authenticated by the agent token. Frames of one connection
 * are handled in order; each is answered by an ack or an error frame.
 */
export class AgentSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: INGEST_LIMITS.maxFrameBytes });
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly options: {
      instances: InstanceStore;
      ingest: IngestService;
      limiter: RateLimiter;
      logger: LoggerService;
    },
  ) {}

  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const agent = await this.options.instances.authenticate(bearerToken(req.headers.authorization));
    if (!agent) {
      refuse(socket, 401, 'Unauthorized');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, ws => this.serve(ws, agent));
  }

  /** Closes every agent connection, e.g. when the backend stops. */
  close() {
    for (const ws of this.sockets) ws.close(1001, 'backend shutting down');
  }

  private serve(ws: WebSocket, agent: AgentIdentity) {
    this.sockets.add(ws);
    let queue = Promise.resolve();
    const send = (frame: BackendFrame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    };
    ws.on('message', data => {
      queue = queue.then(async () => {
        let json: unknown;
        try {
          json = JSON.parse(data.toString());
        } catch {
          send({ type: 'error', status: 400, message: '(root): the frame is not JSON' });
          return;
        }
        const parsed = agentFrameSchema.safeParse(json);
        if (!parsed.success) {
          send({ type: 'error', status: 400, message: describeZodError(parsed.error) });
          return;
        }
        if (!this.options.limiter.take(agent.instanceId)) {
          send({ type: 'error', status: 429, message: 'too many frames; slow down' });
          return;
        }
        try {
          send(await this.options.ingest.handle(agent, parsed.data));
        } catch (error) {
          this.options.logger.error(`Ingest from ${agent.name} failed: ${error}`);
          send({ type: 'error', status: 500, message: 'the portal could not store the frame' });
        }
      });
    });
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', error => this.options.logger.warn(`Agent connection of ${agent.name}: ${error.message}`));
  }
}
