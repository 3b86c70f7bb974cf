import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { LoggerService } from '@backstage/backend-plugin-api';
import { WebSocket, WebSocketServer } from 'ws';
import {
  agentFrameSchema,
  agentLiveFrameSchema,
  BackendFrame,
  decodeDataFrame,
  describeZodError,
  INGEST_LIMITS,
  isLiveFrameType,
} from '@internal/plugin-sindri-common';
import { AgentLink, AgentLinks } from '../live/AgentLinks';
import { AgentIdentity, InstanceStore } from '../database/InstanceStore';
import { bearerToken } from '../tokens/agentToken';
import { IngestService } from './IngestService';
import { RateLimiter } from './RateLimiter';

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`, () => socket.destroy());
}

/**
 * The agents' one outbound connection: `GET /api/sindri/agent/connect` upgraded
 * to a WebSocket, authenticated by the agent token. Ingest frames of one
 * connection are handled in order; each is answered by an ack or an error
 * frame. Live frames (terminals, commands: JSON `pty-*`/`cmd-*` and binary
 * data frames) go to the AgentLinks listeners at once, in arrival order.
 */
export class AgentSocketServer {
  // live frames (a terminal replay, escaped command output) may exceed an ingest frame's limit
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly options: {
      instances: InstanceStore;
      ingest: IngestService;
      limiter: RateLimiter;
      logger: LoggerService;
      links: AgentLinks;
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
    const { links } = this.options;
    const link: AgentLink = {
      instanceId: agent.instanceId,
      name: agent.name,
      send: frame => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
      },
      sendData: bytes => {
        if (ws.readyState === WebSocket.OPEN) ws.send(bytes, { binary: true });
      },
      close: (code, reason) => ws.close(code, reason),
    };
    links.connected(link);
    ws.on('message', (data, isBinary) => {
      const bytes = data as Buffer;
      if (isBinary) {
        const frame = decodeDataFrame(bytes);
        if (frame) links.data(link, frame);
        else send({ type: 'error', status: 400, message: '(root): not a data frame' });
        return;
      }
      // refusals of ingest frames keep their place among the acks
      const refuseInOrder = (status: number, message: string) => {
        queue = queue.then(() => send({ type: 'error', status, message }));
      };
      let json: any;
      try {
        json = JSON.parse(bytes.toString());
      } catch {
        refuseInOrder(400, '(root): the frame is not JSON');
        return;
      }
      // live frames (escaped command output) may be larger than an ingest frame
      if (isLiveFrameType(json?.type)) {
        const live = agentLiveFrameSchema.safeParse(json);
        if (live.success) links.frame(link, live.data);
        else send({ type: 'error', status: 400, message: describeZodError(live.error) });
        return;
      }
      if (bytes.length > INGEST_LIMITS.maxFrameBytes) {
        refuseInOrder(413, `(root): larger than the ${INGEST_LIMITS.maxFrameBytes} byte limit`);
        return;
      }
      queue = queue.then(async () => {
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
          const answer = await this.options.ingest.handle(agent, parsed.data);
          send(answer);
          // an agent registers on every connect, once it listens: what waited for it can go now
          if (parsed.data.type === 'register' && answer.type === 'ack') links.registered(link);
        } catch (error) {
          this.options.logger.error(`Ingest from ${agent.name} failed: ${error}`);
          send({ type: 'error', status: 500, message: 'the portal could not store the frame' });
        }
      });
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      links.disconnected(link);
    });
    ws.on('error', error => this.options.logger.warn(`Agent connection of ${agent.name}: ${error.message}`));
  }
}
