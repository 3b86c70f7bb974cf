import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { LoggerService } from '@backstage/backend-plugin-api';
import { WebSocket, WebSocketServer } from 'ws';
import {
  agentLiveFrameSchema,
  BackendFrame,
  decodeDataFrame,
  describeZodError,
  INGEST_LIMITS,
  isLiveFrameType,
  rawFrameId,
} from '@internal/plugin-sindri-common';
import { AgentLink, AgentLinks } from '../live/AgentLinks';
import { AgentIdentity, AgentTokenStore } from '../tokens/AgentTokenStore';
import { Keepalive } from '../sockets/Keepalive';
import { ReadGate } from '../sockets/ReadGate';
import { coalesceWrites } from '../sockets/coalesceWrites';
import { bearerToken } from '../tokens/agentToken';
import { TokenSweeper } from '../tokens/TokenSweeper';
import { IngestService, Judged, storedTogether } from './IngestService';
import { RateLimiter } from './RateLimiter';
import { FrameSequence } from './FrameSequence';

/** Ingest frames one connection may have waiting to be stored; past either bound, its socket is not read. */
export const CONNECTION_QUEUE_LIMITS = {
  frames: 256,
  bytes: 4 * 1024 * 1024,
} as const;

/** How long a connection over its live-frame rate is not read. */
const THROTTLE_MS = 50;

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    () => socket.destroy(),
  );
}

export interface AgentSocketServerOptions {
  tokenStore: AgentTokenStore;
  ingest: IngestService;
  /** live frames (terminals, commands) per instance: over it the connection is not read for a moment */
  liveLimiter: RateLimiter;
  logger: LoggerService;
  links: AgentLinks;
  tokens: TokenSweeper;
  keepalive: Keepalive;
  /** an agent's connection went silent (no answer to a ping): its instance is unreachable */
  onUnreachable(instanceId: string): void;
}

/**
 * The agents' one outbound connection: `GET /api/sindri/agent/connect` upgraded
 * to a WebSocket, authenticated by the agent token, and held only while that
 * token is valid. Ingest frames of one connection are answered in order, each
 * by an ack or an error naming its id (samples are stored without waiting for
 * each other, everything else in turn: see FrameSequence); a frame that cannot
 * be answered closes the connection (1011), so that the agent sends it again
 * instead of waiting for an answer that will not come; a connection with
 * too much waiting is not read until it drains. Live frames (terminals, commands: JSON
 * `pty-*`/`cmd-*` and binary data frames) go to the AgentLinks listeners at
 * once, in arrival order, at a bounded rate.
 */
export class AgentSocketServer {
  // live frames (a terminal replay, escaped command output) may exceed an ingest frame's limit
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
  });
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly options: AgentSocketServerOptions) {}

  async handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): Promise<void> {
    let agent: AgentIdentity | undefined;
    try {
      agent = await this.options.tokenStore.authenticate(
        bearerToken(req.headers.authorization),
      );
    } catch (error) {
      this.options.logger.error(`Agent connection not authenticated: ${error}`);
      refuse(socket, 503, 'Service Unavailable');
      return;
    }
    if (!agent) {
      refuse(socket, 401, 'Unauthorized');
      return;
    }
    const identity = agent;
    this.wss.handleUpgrade(req, socket, head, ws =>
      this.serve(ws, identity, socket),
    );
  }

  /** Closes every agent connection, e.g. when the backend stops. */
  close() {
    for (const ws of this.sockets) ws.close(1001, 'backend shutting down');
  }

  private serve(ws: WebSocket, agent: AgentIdentity, socket: Duplex) {
    const { links, logger } = this.options;
    this.sockets.add(ws);
    const untrack = this.options.tokens.track(agent.tokenId, {
      close: (code, reason) => ws.close(code, reason),
    });
    this.options.keepalive.watch(ws, () => {
      logger.warn(
        `Agent connection of ${agent.name} went silent; it is unreachable until it connects again`,
      );
      this.options.onUnreachable(agent.instanceId);
    });
    const send = (frame: BackendFrame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    };
    const link: AgentLink = {
      instanceId: agent.instanceId,
      name: agent.name,
      send: frame => {
        links.claim(agent.instanceId, frame);
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
      },
      sendData: bytes => {
        if (ws.readyState === WebSocket.OPEN) ws.send(bytes, { binary: true });
      },
      close: (code, reason) => ws.close(code, reason),
    };
    links.connected(link);

    const flow = new ReadGate(ws, CONNECTION_QUEUE_LIMITS);
    const corkAnswers = coalesceWrites(socket);
    const frames = new FrameSequence<Judged>(
      ({ answer, registered }) => {
        corkAnswers();
        send(answer);
        // an agent registers on every connect, once it listens: what waited for it can go now
        if (!registered) return;
        try {
          links.registered(link);
        } catch (error) {
          // the frame was answered: its connection stays
          logger.error(`After ${agent.name} registered: ${error}`);
        }
      },
      error => {
        // the agent keeps a frame until it is answered and sends it again on its next connection
        logger.error(
          `Agent frame of ${agent.name} not answered, closing its connection: ${error}`,
        );
        ws.close(1011, 'a frame could not be answered; send it again');
      },
    );
    const inOrder = (
      bytes: number,
      together: boolean,
      work: () => Promise<Judged> | Judged,
    ) => {
      flow.queued(bytes);
      frames.push(together, work, () => flow.done(bytes));
    };
    const refusal = (answer: BackendFrame) => () => ({
      answer,
      registered: false,
    });
    const live = () => {
      if (!this.options.liveLimiter.take(agent.instanceId))
        flow.throttle(THROTTLE_MS);
    };

    ws.on('message', (data, isBinary) => {
      const bytes = data as Buffer;
      if (isBinary) {
        live();
        const frame = decodeDataFrame(bytes);
        if (frame) links.data(link, frame);
        else
          send({
            type: 'error',
            status: 400,
            message: '(root): not a data frame',
          });
        return;
      }
      let json: any;
      try {
        json = JSON.parse(bytes.toString());
      } catch {
        inOrder(
          0,
          true,
          refusal({
            type: 'error',
            status: 400,
            message: '(root): the frame is not JSON',
          }),
        );
        return;
      }
      // live frames (escaped command output) may be larger than an ingest frame
      if (isLiveFrameType(json?.type)) {
        live();
        const parsed = agentLiveFrameSchema.safeParse(json);
        if (parsed.success) links.frame(link, parsed.data);
        else
          send({
            type: 'error',
            status: 400,
            message: describeZodError(parsed.error),
          });
        return;
      }
      const id = rawFrameId(json);
      if (bytes.length > INGEST_LIMITS.maxFrameBytes) {
        inOrder(
          0,
          true,
          refusal({
            type: 'error',
            id,
            status: 413,
            message: `(root): larger than the ${INGEST_LIMITS.maxFrameBytes} byte limit`,
          }),
        );
        return;
      }
      inOrder(bytes.length, storedTogether(json), () =>
        this.options.ingest.receive(agent, json),
      );
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      untrack();
      flow.close();
      links.disconnected(link);
    });
    ws.on('error', error =>
      logger.warn(`Agent connection of ${agent.name}: ${error.message}`),
    );
  }
}
